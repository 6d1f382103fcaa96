"""Every form of the judge's verbs (callprep.coach.lexicon), from LemmInflect's tables.

Written by `pytest tests/test_lexicon.py --regen-references`; not edited by hand. Each verb:
(its other present forms, its -s form, its past forms and participles, its -ing form), with
alternatives separated by spaces ("pencilled penciled").
"""

FORMS: dict[str, tuple[str, str, str, str]] = {
    "accept": ("", "accepts", "accepted", "accepting"),
    "achieve": ("", "achieves", "achieved", "achieving"),
    "acknowledge": ("", "acknowledges", "acknowledged", "acknowledging"),
    "acquire": ("", "acquires", "acquired", "acquiring"),
    "add": ("", "adds", "added", "adding"),
    "address": ("", "addresses", "addressed", "addressing"),
    "adopt": ("", "adopts", "adopted", "adopting"),
    "agree": ("", "agrees", "agreed", "agreeing"),
    "aid": ("", "aids", "aided", "aiding"),
    "align": ("", "aligns", "aligned", "aligning"),
    "allocate": ("", "allocates", "allocated", "allocating"),
    "allot": ("", "allots", "allotted", "allotting"),
    "allow": ("", "allows", "allowed", "allowing"),
    "allowlist": ("", "allowlists", "allowlisted", "allowlisting"),
    "answer": ("", "answers", "answered", "answering"),
    "appear": ("", "appears", "appeared", "appearing"),
    "appoint": ("", "appoints", "appointed", "appointing"),
    "appreciate": ("", "appreciates", "appreciated", "appreciating"),
    "approve": ("", "approves", "approved", "approving"),
    "arrange": ("", "arranges", "arranged", "arranging"),
    "arrive": ("", "arrives", "arrived", "arriving"),
    "ask": ("", "asks", "asked", "asking"),
    "assess": ("", "assesses", "assessed", "assessing"),
    "assign": ("", "assigns", "assigned", "assigning"),
    "assist": ("", "assists", "assisted", "assisting"),
    "attend": ("", "attends", "attended", "attending"),
    "audit": ("", "audits", "audited", "auditing"),
    "authorise": ("", "authorises", "authorised", "authorising"),
    "authorize": ("", "authorizes", "authorized", "authorizing"),
    "award": ("", "awards", "awarded", "awarding"),
    "be": ("am are", "is", "been was were", "being"),
    "become": ("", "becomes", "became become", "becoming"),
    "begin": ("", "begins", "began begun", "beginning"),
    "believe": ("", "believes", "believed", "believing"),
    "bind": ("", "binds", "bound", "binding"),
    "block": ("", "blocks", "blocked", "blocking"),
    "book": ("", "books", "booked", "booking"),
    "brainstorm": ("", "brainstorms", "brainstormed", "brainstorming"),
    "bring": ("", "brings", "brought", "bringing"),
    "build": ("", "builds", "built", "building"),
    "buy": ("", "buys", "bought", "buying"),
    "call": ("", "calls", "called", "calling"),
    "carry": ("", "carries", "carried", "carrying"),
    "catch": ("", "catches", "caught", "catching"),
    "cc": ("", "ccs", "cced", "ccing"),
    "champion": ("", "champions", "championed", "championing"),
    "charter": ("", "charters", "chartered", "chartering"),
    "chat": ("", "chats", "chatted", "chatting"),
    "check": ("", "checks", "checked", "checking"),
    "choose": ("", "chooses", "chose chosen", "choosing"),
    "circle": ("", "circles", "circled", "circling"),
    "circulate": ("", "circulates", "circulated", "circulating"),
    "clarify": ("", "clarifies", "clarified", "clarifying"),
    "close": ("", "closes", "closed", "closing"),
    "collect": ("", "collects", "collected", "collecting"),
    "come": ("", "comes", "came come", "coming"),
    "commence": ("", "commences", "commenced", "commencing"),
    "commission": ("", "commissions", "commissioned", "commissioning"),
    "commit": ("", "commits", "committed", "committing"),
    "complete": ("", "completes", "completed", "completing"),
    "concur": ("", "concurs", "concurred", "concurring"),
    "conduct": ("", "conducts", "conducted", "conducting"),
    "configure": ("", "configures", "configured", "configuring"),
    "confirm": ("", "confirms", "confirmed", "confirming"),
    "connect": ("", "connects", "connected", "connecting"),
    "consider": ("", "considers", "considered", "considering"),
    "continue": ("", "continues", "continued", "continuing"),
    "contribute": ("", "contributes", "contributed", "contributing"),
    "convince": ("", "convinces", "convinced", "convincing"),
    "copy": ("", "copies", "copied", "copying"),
    "countersign": ("", "countersigns", "countersigned", "countersigning"),
    "cover": ("", "covers", "covered", "covering"),
    "create": ("", "creates", "created", "creating"),
    "decide": ("", "decides", "decided", "deciding"),
    "dedicate": ("", "dedicates", "dedicated", "dedicating"),
    "deliver": ("", "delivers", "delivered", "delivering"),
    "demo": ("", "demos", "demoed", "demoing"),
    "demonstrate": ("", "demonstrates", "demonstrated", "demonstrating"),
    "deploy": ("", "deploys", "deployed", "deploying"),
    "design": ("", "designs", "designed", "designing"),
    "designate": ("", "designates", "designated", "designating"),
    "develop": ("", "develops", "developed", "developing"),
    "devote": ("", "devotes", "devoted", "devoting"),
    "diarise": ("", "diarises", "diarised", "diarising"),
    "diarize": ("", "diarizes", "diarized", "diarizing"),
    "dig": ("", "digs", "dug", "digging"),
    "digest": ("", "digests", "digested", "digesting"),
    "disburse": ("", "disburses", "disbursed", "disbursing"),
    "discuss": ("", "discusses", "discussed", "discussing"),
    "dispatch": ("", "dispatches", "dispatched", "dispatching"),
    "dispense": ("", "dispenses", "dispensed", "dispensing"),
    "do": ("", "does", "did done", "doing"),
    "docusign": ("", "docusigns", "docusigned", "docusigning"),
    "donate": ("", "donates", "donated", "donating"),
    "drop": ("", "drops", "dropped", "dropping"),
    "e-mail": ("", "e-mails", "e-mailed", "e-mailing"),
    "e-sign": ("", "e-signs", "e-signed", "e-signing"),
    "earmark": ("", "earmarks", "earmarked", "earmarking"),
    "earn": ("", "earns", "earned", "earning"),
    "educate": ("", "educates", "educated", "educating"),
    "elect": ("", "elects", "elected", "electing"),
    "email": ("", "emails", "emailed", "emailing"),
    "embed": ("", "embeds", "embedded", "embedding"),
    "enable": ("", "enables", "enabled", "enabling"),
    "endorse": ("", "endorses", "endorsed", "endorsing"),
    "engage": ("", "engages", "engaged", "engaging"),
    "enjoy": ("", "enjoys", "enjoyed", "enjoying"),
    "enlist": ("", "enlists", "enlisted", "enlisting"),
    "enrol": ("", "enrols", "enroled enrolled", "enroling enrolling"),
    "enroll": ("", "enrolls", "enrolled", "enrolling"),
    "entrust": ("", "entrusts", "entrusted", "entrusting"),
    "establish": ("", "establishes", "established", "establishing"),
    "evaluate": ("", "evaluates", "evaluated", "evaluating"),
    "execute": ("", "executes", "executed", "executing"),
    "expand": ("", "expands", "expanded", "expanding"),
    "explain": ("", "explains", "explained", "explaining"),
    "explore": ("", "explores", "explored", "exploring"),
    "extend": ("", "extends", "extended", "extending"),
    "feature": ("", "features", "featured", "featuring"),
    "feel": ("", "feels", "felt", "feeling"),
    "figure": ("", "figures", "figured", "figuring"),
    "fill": ("", "fills", "filled", "filling"),
    "finalise": ("", "finalises", "finalised", "finalising"),
    "finalize": ("", "finalizes", "finalized", "finalizing"),
    "find": ("", "finds", "found", "finding"),
    "fix": ("", "fixes", "fixed", "fixing"),
    "follow": ("", "follows", "followed", "following"),
    "forward": ("", "forwards", "forwarded", "forwarding"),
    "fund": ("", "funds", "funded", "funding"),
    "furnish": ("", "furnishes", "furnished", "furnishing"),
    "gain": ("", "gains", "gained", "gaining"),
    "gather": ("", "gathers", "gathered", "gathering"),
    "gauge": ("", "gauges", "gauged", "gauging"),
    "get": ("", "gets", "got gotten", "getting"),
    "gift": ("", "gifts", "gifted", "gifting"),
    "give": ("", "gives", "gave given", "giving"),
    "go": ("", "goes", "gone went", "going"),
    "grant": ("", "grants", "granted", "granting"),
    "green-light": ("", "green-lights", "green-lighted green-lit", "green-lighting"),
    "greenlight": ("", "greenlights", "greenlighted greenlit", "greenlighting"),
    "guarantee": ("", "guarantees", "guaranteed", "guaranteeing"),
    "hand": ("", "hands", "handed", "handing"),
    "handle": ("", "handles", "handled", "handling"),
    "happen": ("", "happens", "happened", "happening"),
    "have": ("", "has", "had", "having"),
    "hear": ("", "hears", "heard", "hearing"),
    "help": ("", "helps", "helped", "helping"),
    "highlight": ("", "highlights", "highlighted", "highlighting"),
    "hire": ("", "hires", "hired", "hiring"),
    "hold": ("", "holds", "held", "holding"),
    "hope": ("", "hopes", "hoped", "hoping"),
    "host": ("", "hosts", "hosted", "hosting"),
    "identify": ("", "identifies", "identified", "identifying"),
    "implement": ("", "implements", "implemented", "implementing"),
    "include": ("", "includes", "included", "including"),
    "incorporate": ("", "incorporates", "incorporated", "incorporating"),
    "inform": ("", "informs", "informed", "informing"),
    "initiate": ("", "initiates", "initiated", "initiating"),
    "install": ("", "installs instals", "installed", "installing"),
    "institute": ("", "institutes", "instituted", "instituting"),
    "integrate": ("", "integrates", "integrated", "integrating"),
    "interview": ("", "interviews", "interviewed", "interviewing"),
    "introduce": ("", "introduces", "introduced", "introducing"),
    "invest": ("", "invests", "invested", "investing"),
    "invite": ("", "invites", "invited", "inviting"),
    "involve": ("", "involves", "involved", "involving"),
    "issue": ("", "issues", "issued", "issuing"),
    "join": ("", "joins", "joined", "joining"),
    "keep": ("", "keeps", "kept", "keeping"),
    "kick": ("", "kicks", "kicked", "kicking"),
    "know": ("", "knows", "knew known", "knowing"),
    "land": ("", "lands", "landed", "landing"),
    "launch": ("", "launches", "launched", "launching"),
    "learn": ("", "learns", "learned learnt", "learning"),
    "lease": ("", "leases", "leased", "leasing"),
    "leave": ("", "leaves", "left", "leaving"),
    "lend": ("", "lends", "lent", "lending"),
    "let": ("", "lets", "let", "letting"),
    "like": ("", "likes", "liked", "liking"),
    "list": ("", "lists", "listed", "listing"),
    "listen": ("", "listens", "listened", "listening"),
    "loan": ("", "loans", "loaned", "loaning"),
    "lock": ("", "locks", "locked", "locking"),
    "look": ("", "looks", "looked", "looking"),
    "loop": ("", "loops", "looped", "looping"),
    "love": ("", "loves", "loved", "loving"),
    "mail": ("", "mails", "mailed", "mailing"),
    "maintain": ("", "maintains", "maintained", "maintaining"),
    "make": ("", "makes", "made", "making"),
    "mandate": ("", "mandates", "mandated", "mandating"),
    "meet": ("", "meets", "met", "meeting"),
    "migrate": ("", "migrates", "migrated", "migrating"),
    "move": ("", "moves", "moved", "moving"),
    "mull": ("", "mulls", "mulled", "mulling"),
    "name": ("", "names", "named", "naming"),
    "need": ("", "needs", "needed", "needing"),
    "negotiate": ("", "negotiates", "negotiated", "negotiating"),
    "nominate": ("", "nominates", "nominated", "nominating"),
    "nurture": ("", "nurtures", "nurtured", "nurturing"),
    "observe": ("", "observes", "observed", "observing"),
    "obtain": ("", "obtains", "obtained", "obtaining"),
    "offer": ("", "offers", "offered", "offering"),
    "okay": ("", "ok's okays", "ok'd okayed", "ok'ing okaying"),
    "onboard": ("", "onboards", "onboarded", "onboarding"),
    "open": ("", "opens", "opened", "opening"),
    "opt": ("", "opts", "opted", "opting"),
    "order": ("", "orders", "ordered", "ordering"),
    "organise": ("", "organises", "organised", "organising"),
    "organize": ("", "organizes", "organized", "organizing"),
    "outline": ("", "outlines", "outlined", "outlining"),
    "pass": ("", "passes", "passed", "passing"),
    "pay": ("", "pays", "paid payed", "paying"),
    "pencil": ("", "pencils", "penciled pencilled", "penciling pencilling"),
    "permit": ("", "permits", "permitted", "permitting"),
    "persuade": ("", "persuades", "persuaded", "persuading"),
    "pick": ("", "picks", "picked", "picking"),
    "pitch": ("", "pitches", "pitched", "pitching"),
    "place": ("", "places", "placed", "placing"),
    "pledge": ("", "pledges", "pledged", "pledging"),
    "ponder": ("", "ponders", "pondered", "pondering"),
    "port": ("", "ports", "ported", "porting"),
    "position": ("", "positions", "positioned", "positioning"),
    "prefer": ("", "prefers", "preferred", "preferring"),
    "prepare": ("", "prepares", "prepared", "preparing"),
    "prescribe": ("", "prescribes", "prescribed", "prescribing"),
    "present": ("", "presents", "presented", "presenting"),
    "probe": ("", "probes", "probed", "probing"),
    "proceed": ("", "proceeds", "proceeded", "proceeding"),
    "procure": ("", "procures", "procured", "procuring"),
    "promise": ("", "promises", "promised", "promising"),
    "provide": ("", "provides", "provided", "providing"),
    "provision": ("", "provisions", "provisioned", "provisioning"),
    "pull": ("", "pulls", "pulled", "pulling"),
    "purchase": ("", "purchases", "purchased", "purchasing"),
    "put": ("", "puts", "put", "putting"),
    "qualify": ("", "qualifies", "qualified", "qualifying"),
    "raise": ("", "raises", "raised", "raising"),
    "range": ("", "ranges", "ranged", "ranging"),
    "ratify": ("", "ratifies", "ratified", "ratifying"),
    "reach": ("", "reaches", "reached", "reaching"),
    "realise": ("", "realises", "realised", "realising"),
    "realize": ("", "realizes", "realized", "realizing"),
    "recap": ("", "recaps", "recapped", "recapping"),
    "receive": ("", "receives", "received", "receiving"),
    "recognise": ("", "recognises", "recognised", "recognising"),
    "recognize": ("", "recognizes", "recognized", "recognizing"),
    "recommend": ("", "recommends", "recommended", "recommending"),
    "reconnect": ("", "reconnects", "reconnected", "reconnecting"),
    "redline": ("", "redlines", "redlined", "redlining"),
    "refer": ("", "refers", "refered referred", "refering referring"),
    "reflect": ("", "reflects", "reflected", "reflecting"),
    "register": ("", "registers", "registered", "registering"),
    "reinforce": ("", "reinforces", "reinforced", "reinforcing"),
    "release": ("", "releases", "released", "releasing"),
    "remain": ("", "remains", "remained", "remaining"),
    "remind": ("", "reminds", "reminded", "reminding"),
    "remit": ("", "remits", "remitted", "remitting"),
    "renew": ("", "renews", "renewed", "renewing"),
    "rent": ("", "rents", "rented", "renting"),
    "replace": ("", "replaces", "replaced", "replacing"),
    "request": ("", "requests", "requested", "requesting"),
    "reserve": ("", "reserves", "reserved", "reserving"),
    "retain": ("", "retains", "retained", "retaining"),
    "return": ("", "returns", "returned", "returning"),
    "revert": ("", "reverts", "reverted", "reverting"),
    "review": ("", "reviews", "reviewed", "reviewing"),
    "ring-fence": ("", "ring-fences", "ring-fenced", "ring-fencing"),
    "roll": ("", "rolls", "rolled", "rolling"),
    "rope": ("", "ropes", "roped", "roping"),
    "rsvp": ("", "rsvps", "rsvpped", "rsvpping"),
    "rubber-stamp": ("", "rubber-stamps", "rubber-stamped", "rubber-stamping"),
    "run": ("", "runs", "ran run", "running"),
    "sanction": ("", "sanctions", "sanctioned", "sanctioning"),
    "say": ("", "says", "said", "saying"),
    "schedule": ("", "schedules", "scheduled", "scheduling"),
    "secure": ("", "secures", "secured", "securing"),
    "see": ("", "sees", "saw seen", "seeing"),
    "seem": ("", "seems", "seemed", "seeming"),
    "select": ("", "selects", "selected", "selecting"),
    "send": ("", "sends", "sent", "sending"),
    "set": ("", "sets", "set", "setting"),
    "settle": ("", "settles", "settled", "settling"),
    "share": ("", "shares", "shared", "sharing"),
    "ship": ("", "ships", "shipped", "shipping"),
    "shortlist": ("", "shortlists", "shortlisted", "shortlisting"),
    "show": ("", "shows", "showed shown", "showing"),
    "sign": ("", "signs", "signed", "signing"),
    "slot": ("", "slots", "slotted", "slotting"),
    "sound": ("", "sounds", "sounded", "sounding"),
    "spark": ("", "sparks", "sparked", "sparking"),
    "speak": ("", "speaks", "spoke spoken", "speaking"),
    "specify": ("", "specifies", "specified", "specifying"),
    "sponsor": ("", "sponsors", "sponsored", "sponsoring"),
    "standardise": ("", "standardises", "standardised", "standardising"),
    "standardize": ("", "standardizes", "standardized", "standardizing"),
    "start": ("", "starts", "started", "starting"),
    "stay": ("", "staves stays", "staid stayed", "staying"),
    "stock": ("", "stocks", "stocked", "stocking"),
    "strengthen": ("", "strengthens", "strengthened", "strengthening"),
    "subcontract": ("", "subcontracts", "subcontracted", "subcontracting"),
    "submit": ("", "submits", "submitted", "submitting"),
    "subscribe": ("", "subscribes", "subscribed", "subscribing"),
    "supply": ("", "supplies", "supplied", "supplying"),
    "surface": ("", "surfaces", "surfaced", "surfacing"),
    "swap": ("", "swaps", "swapped", "swapping"),
    "switch": ("", "switches", "switched", "switching"),
    "sync": ("", "syncs", "synced", "syncing"),
    "take": ("", "takes", "taken took", "taking"),
    "talk": ("", "talks", "talked", "talking"),
    "tell": ("", "tells", "told", "telling"),
    "tender": ("", "tenders", "tendered", "tendering"),
    "test": ("", "tests", "tested", "testing"),
    "think": ("", "thinks", "thought", "thinking"),
    "touch": ("", "touches", "touched", "touching"),
    "transfer": ("", "transfers", "transferred", "transferring"),
    "transmit": ("", "transmits", "transmitted", "transmitting"),
    "trial": ("", "trials", "trialed trialled", "trialing trialling"),
    "trust": ("", "trusts", "trusted", "trusting"),
    "try": ("", "tries", "tried", "trying"),
    "uncover": ("", "uncovers", "uncovered", "uncovering"),
    "understand": ("", "understands", "understood", "understanding"),
    "update": ("", "updates", "updated", "updating"),
    "upgrade": ("", "upgrades", "upgraded", "upgrading"),
    "upload": ("", "uploads", "uploaded", "uploading"),
    "use": ("", "uses", "used", "using"),
    "value": ("", "values", "valued", "valuing"),
    "vet": ("", "vets", "vetted", "vetting"),
    "visit": ("", "visits", "visited", "visiting"),
    "vote": ("", "votes", "voted", "voting"),
    "walk": ("", "walks", "walked", "walking"),
    "want": ("", "wants", "wanted", "wanting"),
    "watch": ("", "watches", "watched", "watching"),
    "whitelist": ("", "whitelists", "whitelisted", "whitelisting"),
    "win": ("", "wins", "won", "winning"),
    "wire": ("", "wires", "wired", "wiring"),
    "wonder": ("", "wonders", "wondered", "wondering"),
    "work": ("", "works", "worked", "working"),
    "write": ("", "writes", "written wrote", "writing"),
}

# English words one letter from a key verb form (the judge's typo tolerance never reads them
# as that verb: "leave" is not "lease").
_NEAR = """
abound accent accented accenting accents acing adapt adapted adapting adapts addend adder addled
addling adept adepts aglow aided aiding ailed ailing ails aired airing alloy alloyed alloying
alloys appointee aries arise arises arising arranger arrangers asses aware bailed bailing bails
bakes baking balked balking balks ballot ballots banded banding bands banged banging baring
basses bayed baying bean beeping beeps beginnings being beings belling bells bender benders
bending bends bents bested besting bests betted betting bidding biding bids bind bindings
binging binning bins birds black blacked blacking blacks blending blends blinding blinds bloc
blockings blocs bond bonding bonds boobed boobing boobs booed booing book bookings boomed
booming booms boons boors boos booted booting boots boozed boozing border bordered bordering
borders boring bough boughs bounds braise braised braises braising bridging brine brines brining
brink brinks briny brooked brooking brooks buoying burnish burnished burnishes burnishing
burying busing busying butting cakes caking calked calking calks callow caries carrier carriers
cease ceased ceases ceasing cells cents chapter chapters charger chargers charted chase chatter
chattered chattering chatters chipped chipping chips choke choosy chore cleave cleaves cleaving
cling clock clocked clocking clocks close cocked cocking cocks coined coining coins colds
commended commending commented commenting commerce commissioner committee compete competed
competes competing complected completer completers complexed complexes complexing conform
conformed conforming conforms cooked cooking cooks cotes coves cried cries cringing crying cuing
cunning curried curries curry currying cutting daises dames decade decades decode decoded
decodes decoding deeps defer deferred deferring defers deign deigned deigning deigns delicate
dells demote demoted demotes demoting denote denoted denotes denoting dented denting dents
deplored deploring deride derided derides deriding deserve deserved deserves deserving designer
despatch despatched despatches despatching detain detained detaining detains devotee devotees
diaries diarist diarists ding dispatcher dispatchers dispenser dispensers dispensings disperse
dispersed disperses dispersing dives diving docked docking docks doings doling dominate
dominated dominates dominating doming doping dosing doted dotes doting doves dozing dried dries
drought drying dunning dying ease eased eases easing eaves ebbed eject ejected ejecting ejects
embeddings ember embers emigrate emigrated emigrates emigrating emit emits emitted emitting
encrust encrusted encrusting encrusts ending endorser endorsers ends enlistee enrage enraged
enrages enraging erect erected erecting erects expend expended expending expends extent extents
failed failing fails fakes faking fallow fallowed fallowing fallows famed fames faming felling
fells fended fender fenders fending fends fests fettle fettled fettles fettling finalist
finalists finding finds fired fires firing fists flock flocked flocking flocks folding folds
forts forwarder fought found founded founding founds fried fries fringing frying fund fundings
funked funking funks furbish furbished furbishes furbishing furnishings fusing gadded gadding
gallows gamed games gaming ganged ganging gassed gasses gassing gelling gells gender gendered
gendering genders getting giant giants gibes gibing gift gilts gists give givens going golds
graft grafted grafting grafts grand grands grated gratified gratifies gratify gratifying grating
greed grunt grunted grunting grunts guaranties gunning gutting guying hailed hailing hails
haired hallow hallowed hallowing hallows hand handled handling handy hanged hanging hangs hare
hared hares haring harried harries harry harrying haunch haunches hayed haying heave heaves
heaving hells hermit hermits hicks hides hiding hied hieing hies hiked hikes hiking hinds hipped
hips hire hived hives hiving hocked hocking hocks hods hold holdings holes holing hooding hoods
hooked hooking hooks hose hound hows icing imbed imbedded imbedding imbeds impalement
impalements implementer inboard incest incite incited incites inciting indorse indorsed indorses
indorsing infest infested infesting infests ingest ingested ingesting ingests initialed
initialing instal instill instilled instilling instills instils interviewee interviewer intrust
intrusted intrusting intrusts invent invented inventing invents invert inverted inverting
inverts jailed jailing jails jeeps jelling jells jested jesting jests jetted jetting jocks join
joiner joinings joint jointed jointing joints jutting keeling keels keening keens keep kelps
kettle kettles kicked kicking kicks kinds lace laced laces lacing lacked lacking lacks lakes
laking lamed lames laming landed landing lands lasses lasted lasting lasts launcher launchers
laying leaded leading leads leafed leafing leaked leaking leaned leaning leans leaped leaping
leas leash leashed leashes leashing least leaved leaven leavens ledge ledged ledges ledging lend
lender lenders lens lense lensed lenses lensing licked licking licks lifted lifting lifts lilted
lilting lilts linted linting lints lisped lisping lisps list listen listings liven lives living
loaded loading loads loafed loafing loafs loams loan loaner loaves lock locker locos locus loins
looked looking looks loons loved loves loving lucked lucking lucks lunch lunched lunches
lunching lusted lusting lusts maces maids mail mailer mailings maimed maiming maims mains make
maker makers males mallow mallows malls manes mange mares marking married marries marry marrying
masking massed masses massing mates mating mauled mauling mauls mazes mazing medicate medicated
medicates medicating mender menders mending mends mettle mikes miking mils minding minds mired
mires miring misted misting mists moaned moaning moans mocked mocking mocks modes molding molds
mooed mooing moped mopes moping mores mound move mover movers movies mowed mowing musing nailed
nailing nails naked name napes naves nested nesting nests netted netting nettle nettled nettles
nettling nicked nicking nicks nooks noted notes noting nought nutting oaken odder offerings okay
older olds omens open opener openings opined opining orange oranges orderings organiser
organisers organism organisms organist organists organizer organizers ought ovens pace paced
paces pacing packed packing packs padded padding paged paging pailed pailing pails palace
palaces paled paling panged panging pared paring parried parries parry parrying parsed parses
parsing parted parting parts passer passers pasted pastes pasting patting paunch paunches paused
pauses pausing paved paving pawed pawing payee payer peace pecked pecking pecks peeping peeps
pending pens pests petted petting pick picker picket pickings pickled pickling picky pinked
pinking pinks pissed pisses pissing pitting placer placers placid plaice plane planed planes
planing plate plated plates plating played playing please pleased pleases pleasing plying pocked
pocks poets pored pores poring port portend porter posses posted posting posts pots potted
potting pound pouted pouting pouts praise praised praises praising prayed praying prefer
preferred preferring prefers presenter preserve preserved preserves preserving preset presets
presetting prevent prevented preventing prevents pricked pricking pricks pried pries proceedings
procurer procurers proscribe proscribed proscribes proscribing provider providers prying pucks
punning punting purchaser purchasers pusses puttying rage raged rages ragged ragging raging
raided raiding railed railing rails rained raining raisin raisins rakes raking ramified ramifies
ramify ramifying rang ranger rangers ranked ranking rant ranted ranting rants rarified rarifies
rarify rarifying rayed raying recline reclined reclines reclining recommenced recommencing
reefer reefers referee refereed refit refits refitted refitting regain regained regaining
regains remain remained remaining remains remiss render rendered rendering renders rending rends
reneged reneging rent renter replayed replaying resent resented resenting resents resign
resigned resigning resigns resister resisters rested resting rests retail retailed retailing
retails retainer retrain retrained retraining retrains returnee revered revering rial rials
ricked ricking ricks rifts rinds ring ringing rings rise rises rising rite rites roans rocked
rocking rocks rooked rooking rooks rote round roved roves roving ruining runnings runts rutting
sailed sailing sails sakes sallow sallowed sallowing sallows sanded sanding sands sapped sapping
saps saying scare scared scares scaring scheduler schedulers seared searing seeding seeds
seeping seeps selling sells send sender senders sensing settee settees setting settler settlers
shade shaded shades shading shake shakes shaking shale shales shame shamed shames shaming shape
shaped shapes shaping shard shards shark sharks sharp sharps shave shaved shaves shaving sheared
shearing shies shims shins ship shipper shire shires shits shock shocked shocking shocks shoed
shoeing shoes shooed shooing shoos shopped shopping shops shore shored shores shoring shorn
shots shoved shoving show shower showy shred sifted sifting sifts sighed sighing sighs sign
signer signet sing singed singing sings sinned sinning sins sipped sipping sips sired sires
siring skipped skipping skips slapped slapping slaps sledge sledged sledges sledging slipped
slipping slips slowed slowing slows smart smarted smarting smarts smock smocked smocking smocks
snapped snapping snaps snare snared snares snaring snipped snipping snips snitch snitched
snitches snitching snowed snowing snows soaps soared soaring sock socked socking socks sorted
sorting sorts sought sound sowed sowing sown sows spare spared spares sparing spayed spaying
specifics specifier specifiers spending spends sported sporting sports stack stacked stacking
stacks stakes staking star stare stared stares staring stark starling starred starring stars
starter startled startling starved starving stated stating stick sticking sticks stitch stitched
stitches stitching stockings stocky stoked stoking stork storks stowed stowing stows stuck
submitter subscriber subscribers suing summit summits sunning supple suppley supplier suppliers
swabs swamped swamping swamps swans swap sward swards swatch swatches swats sways switcher
switchers switchings swopped swopping swops tacking tailed tailing tails take taker takers
takings tales talked talking talks tallow tamed tames taming tanking tapes taping tares taring
tarried tarries tarry tarrying tart tarts tasking tasted tasting taxes taxing teals tease teased
teases teasing teats tell tenable tended tenderer tending tends tenser tensers tented tenting
tents test tester testes testings testis testy texts those ticked ticking ticks tied ties
tilling tills tinder tired tires tiring tissue tissues token tolling tolls tories torts toted
totes toting toying trail trailed trailing trails transit transits transmitter treed trees triad
triads triaged triaging tribal tribals tribes trifled trifling trikes trill trilled trilling
trills trims trios tripled tripling trips trite trued trues truing twitch twitched twitches
twitching tying unable unlisted unload unloaded unloading unloads unroll unrolled unrolling
unrolls veeps vegan vender venders vending vends vented venting vents vested vesting vests
vetoed vetoing voles vote voter voters vowed vowing wacks wadded wadding wailed wailing wails
waiting waked waken wakes waking waled wales waling walk walker walled walling wallow wallowed
wallowing wallows walls wanded wanding wands ward warded warding wards wared wares waring weave
weaves weaving weeping weeps weired weiring welling wells wending wends wetted wetting whipped
whipping whips white whites whiting whose wicked wicking wicks wides wiled wiles wiling winding
winds wines wiped wipes wiping wire wirings wised wises wising witch witches wives wound wring
wringing wrings writ writer writers writhe writhes writhing writings writs wrought yelling yells
"""
NEAR_WORDS: frozenset[str] = frozenset(_NEAR.split())
