"""Is an objective something the customer will do or agree to? A rule-based judge that says why not.

More in docs/internals.md, `callprep.coach.objective`.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Literal, get_args

from callprep import messages
from callprep.coach.lexicon import (
    ACQUIRE,
    ACT,
    AUDIENCE,
    CONTINUE,
    CUSTOMER,
    GIVE,
    KEY_GROUPS,
    LIGHT,
    MEET,
    REPORT,
    SELLER,
    SHORTHAND,
    STATE,
    VerbForm,
    typo_candidate,
    verbs,
)
from callprep.coach.verb_forms import FORMS, NEAR_WORDS


def _words(text: str) -> frozenset[str]:
    """A word list written as text; `+` joins the words of a phrase ("sign+off")."""
    return frozenset(word.replace("+", " ") for word in text.split())


# Why an objective is vague. In this order the judge prefers them: reasons that point at the
# seller's own words come before the catch-all.
VagueKind = Literal[
    "seller",
    "ours",
    "continuation",
    "unpinned",
    "opinion",
    "acknowledge",
    "empty",
    "negative",
    "audience",
    "state",
    "talk",
    "meeting",
    "short",
    "unread",
    "nothing",
]

# --- the words ------------------------------------------------------------------------------

# The verbs, by class and group (callprep.coach.lexicon), and every form of each (verb_forms.py).
_VERBS: dict[str, frozenset[str]] = verbs()

# What only the customer can give us, for "get / secure / win ...".
_STRONG_NOUNS = _words(
    """
    commitment agreement approval sign-off signoff signature signatures go-ahead greenlight
    green-light yes decision po pos loi deposit payment confirmation authorisation
    authorization endorsement order verbal countersignature go/no-go ok okay blessing
    consent clearance go
    """
)
_STRONG_PHRASES = ("purchase order", "letter of intent", "green light", "sign off")
# Things the customer hands over: documents, data, people, access, a date, a place in the deal.
_GIVEN_NOUNS = _STRONG_NOUNS | _words(
    """
    contract contracts deal renewal expansion upgrade business pilot trial poc budget funding
    intro introduction referral access permission date dates data numbers number figures
    list requirements rfp name names contact contacts redlines sponsor champion owner
    reference references credentials documentation docs export extract invoices report
    tender bid rfq rfi
    reports results schedule timeline timetable deadline criteria scorecard questionnaire
    dpa msa sow nda terms plans specs specification specifications headcount workshop
    deep-dive visit form forms pack packs paperwork registration agenda files logs samples
    spreadsheet spreadsheets inventory volumes forecast forecasts drawings blueprints floorplans
    invoice licence license licences licenses login logins sandbox letter letters referrals
    intros introductions exclusive exclusivity end-cap endcap shelf display displays facings
    answer verdict hold holds option options inspection formulary facing space
    listing listings promo planogram excel csv xlsx pdf sale dimensions quantity quantities
    placement placements addendum
    artwork measurements
    """
)
_GIVEN_PHRASES = (
    *_STRONG_PHRASES,
    "proof of concept",
    "order form",
    "org chart",
    "action plan",
    "close plan",
)
# Documents of the paper process: the customer reviewing one is a step of the deal.
_PAPER = _words(
    """
    contract contracts msa dpa sow nda terms redlines questionnaire agreement order po
    """
)
# Views, not commitments: agreeing to or receiving one commits the customer to nothing.
_OPINION_NOUNS = _words(
    """
    thoughts feedback feedbacks impression impressions view views opinion opinions reaction
    reactions take sense feel understanding assessment perspective input assumptions
    interest concerns worries vision goals priorities challenges objections pain pains ideas
    story wishes
    """
)
# What they feel about us: winning it hands nothing over ("Gain the sponsor's trust").
_RAPPORT_NOUNS = _words(
    """
    trust confidence loyalty respect credibility support buy-in goodwill rapport relationship
    favour favor faith backing attention heart hearts mind minds mindshare
    """
)
# A commitment to us, or to nothing named, is no commitment ("Win their commitment to us").
_BARE_COMMITMENTS = _words("commitment commitments agreement")
_OUR_SIDE = _words(
    """
    us our me my company firm brand relationship partnership side team vision cause solution
    solutions product products offering way
    """
)
# What the customer receives from someone of theirs, not from us: approval, money.
_MONEY = _words("budget budgets funding funds money grant capex opex")
_FUNDS = _STRONG_NOUNS | _MONEY
# Receiving or seeing what we sent: confirming it acknowledges, it does not commit.
_RECEIPT_NOUNS = _words("receipt arrival delivery reception")
# Events one attends as an audience: joining one is listening ("Prospect joins the webinar").
_SHOWS = _words(
    """
    webinar webinars seminar seminars keynote conference conferences event events roadshow
    expo livestream broadcast show showcase open+day launch poll polls newsletter newsletters
    podcast booth booths stand stands website
    """
)
# Taking part in one of those: signing up for it, attending, voting in its polls.
_TAKING_PART = _words("join attend come sit+in register enrol enroll sign+up vote visit")
# Adjectives of feeling: "interested in upgrading" is a state, not an act.
_STATE_WORDS = _words(
    """
    interested excited happy keen open aware ready convinced comfortable positive impressed
    satisfied engaged onside enthusiastic pleased curious willing
    """
)
# What the customer does as a verb object: "make an order", "do a test".
_ACTION_NOUNS = _words(
    """
    order orders purchase decision signature commitment payment test tests trial pilot
    choice selection booking reservation deposit investment requisition requisitions req po
    amendment amendments
    pos account accounts ticket rfp rfq rfi tender bid script scripts prescription prescriptions
    """
)
# A verb followed by one of these is the first half of a noun ("start date", "order form").
_NOUN_COMPOUNDS = {"date", "dates", "form", "forms", "process", "plan"}
# Committing verbs that are never nouns: "confirm date" confirms a date ("start date" is one).
_NEVER_NOUNS = _words("confirm agree approve accept decide commit authorise authorize finalise")
# A meeting word followed by one of these names a thing of ours, not a meeting ("my call list").
_NOT_A_MEETING = _words("list lists log logs notes script scripts sheet sheets prep recording")
# What the customer takes when taking it is buying or accepting it ("takes the combo buy").
_OFFERS = _words("offer offers deal deals buy buys package packages promotion promo bundle")
# A prepositional phrase the customer hands over is its object: "their thoughts *on the pilot*".
_PREPOSITIONS = _words(
    """
    on about for with from to in at by regarding around into over during within w re
    """
)
# A decision *process* is something to learn about, not a decision.
_NOT_A_DECISION = {"process", "criteria", "maker", "makers", "making"}

# Meetings. A generic one needs pinning down; a named step of the deal pins itself.
_GENERIC_MEETINGS = _words(
    """
    meeting meetings call calls follow-up followup f/u catch-up check-in chat conversation
    appointment appointments time slot minutes session get-together touchpoint sync coffee
    lunch invitation discussion something calendar diary hour hours mtg mtgs appt appts
    """
)
_DEAL_STEPS = _words(
    """
    demo demos demonstration deep-dive workshop visit survey presentation review training
    kickoff kick-off onboarding evaluation pilot trial poc go/no-go proposal reference
    references ref negotiation signing closing install installation test tour walkthrough
    """
)
# Scheduling commits to a time: the object names one, or a meeting ("hold our price" does not).
_TIMES = (
    _GENERIC_MEETINGS | _DEAL_STEPS | _words("date dates day days week weeks morning afternoon")
)
# Names of meetings and talk: an objective that is only one of these says nothing of its outcome.
_MEETING_NOUNS = _GENERIC_MEETINGS | _words(
    """
    demo presentation discussion conversation overview review update intro introduction qbr
    discovery pitch walkthrough walk-through workshop kickoff kick-off webinar visit
    """
)
# People beyond the one we talk to: a meeting with them is pinned down.
_PEOPLE = _words(
    """
    ceo cfo cio cto coo ciso cmo cro cfos vp vps svp evp director directors head heads manager
    managers lead leads owner owners team teams committee board group controller buyer senior
    buyers users engineers architect planners staff finance procurement legal security ops
    operations engineering purchasing hr compliance counsel sponsor champion executive
    executives exec execs leadership customers boss chair president founder partner
    partners stakeholders peer peers colleague colleagues
    """
)
# A department or team that does things: "Purchasing registers us", "Finance approves".
_DEPARTMENTS = _words(
    """
    purchasing procurement finance legal security engineering marketing operations ops sales
    hr compliance accounting accounts buying planning logistics management leadership
    """
)
# "Our contact" is the customer's person, however we write it.
_THEIR_PEOPLE = _words("contact champion sponsor coach buyer customer client prospect")

# A day, a date or a week: what pins a meeting down ("next month" and "soon" do not).
_DAY = re.compile(
    r"\b(?:mon|monday|tue|tues|tuesday|wed|weds|wednesday|thu|thur|thurs|thursday|fri|"
    r"friday|sat|saturday|sun|sunday|today|tomorrow|tonight|eod|eow|cob)\b"
    r"|\b(?:this|next) (?:week|wk)\b|\bweek of\b"
    r"|\b(?:within|in) (?:the next )?(?:a|one|two|three|four|five|ten|\d+(?:-\d+)?) "
    r"(?:business |working )?(?:days?|weeks?)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}(?::\d\d)? ?(?:am|pm)\b|\b\d{1,2}/\d{1,2}\b"
    r"|\bat \d{1,2}\b|\b\d{1,2}h\d{2}\b|\b\d{4}-\d{2}-\d{2}\b"
)

# Words of time after a participle: "Contract sent today" is done, not doing.
_WHEN_WORDS = _words("today yesterday tomorrow already now earlier again")

# Objects that commit to nothing: agreeing to them is agreeing to nothing definite.
_EMPTY_OBJECTS = re.compile(
    r"^(?:(?:to|on|for|that|about|with|a|an|the|some|our|their|any|more|further|another|"
    r"again)\s)*(?:next steps?|(?:a|the) way forward|way forward|interest|something|"
    r"anything|information|info|materials?|brochures?)\b"
)
# Objects that only keep the conversation going: a continuation.
_CONTINUATION = re.compile(
    r"^(?:(?:to|on|for|that|about|with|a|an|the|some|our|their|any|more|further|another|"
    r"again|us|me)\s)*(?:stay in touch|keep in touch|be in touch|keep (?:us |me )?(?:posted|"
    r"informed|updated|in the loop)|keep talking|keep the (?:conversation|dialogue|door)|"
    r"think|consider|look at|look into|follow up\b(?!-)|conversations?|discussions?|"
    r"dialogue|relationship|talks|reconnect|catch up|touch base|continue|revisit|"
    r"circle back|check back|get back|come back|call back|revert)"
)

_SELLER_PHRASES = re.compile(
    r"^(?:get (?:some |more )?face ?time\b|"
    r"get (?:a |an |the )?(?:\w+ )?(?:feel|sense|idea|read|picture|understanding|handle|"
    r"flavou?r|view)\b|get to know\b|get in front of\b|get (?:them|him|her|(?:\w+ ){1,3})"
    r"(?:interested|excited|comfortable|on board|onside|on side|on our side|engaged|behind us)\b"
    r"|(?:win|bring|get) (?:them|him|her|(?:\w+ ){1,3})over(?: to\b|$)|see (?:what|if|whether|"
    r"how|where|who)\b)"
)

_FILLERS = (
    ("at", "a", "minimum"),
    ("at", "minimum"),
    ("at", "least"),
    ("make", "sure", "that"),
    ("make", "sure"),
    ("ensure", "that"),
    ("ensure",),
    ("we", "want", "to"),
    ("i", "want", "to"),
    ("we'd", "like", "to"),
    ("i'd", "like", "to"),
    ("want", "to"),
    ("try", "to"),
    ("aim", "to"),
    ("we", "will"),
    ("we'll",),
    ("i", "will"),
    ("i'll",),
    ("we",),
    ("i",),
    ("just",),
    ("only",),
    ("ideally",),
    ("better",),  # "Better understand the landscape": how, not who
    ("fully",),
    ("really",),
    ("gently",),
    ("hopefully",),
    ("also",),
    ("then",),
    ("that",),
    ("to",),
    ("goal",),
    ("objective",),
    ("outcome",),
)
_PRONOUNS = _words(
    """
    they he she it you we i they'll he'll she'll they'd he'd she'd both all everyone
    someone they're we're he's she's it's there's that's there
    """
)
_MODALS = _words(
    """
    will shall can could would should must may might to then also formally finally verbally
    jointly both already
    """
)
_DETERMINERS = _words(
    """
    the a an their our his her its this that these those each every some any your my no one
    two three four five six seven eight nine ten twelve twenty dozen first next new paid free
    """
)
_NEGATIONS = _words(
    """
    not don't doesn't won't never didn't can't cannot shouldn't wouldn't isn't aren't
    nobody nothing
    """
)
_OURS = {"we", "our", "us", "i", "my", "me"}
_POSSESSIVES = _words("their his her its our my your")
# Words that open a clause of its own inside an object: "agrees (that) our platform is a fit".
_CLAUSE_OPENERS = _words(
    """
    that there it it's this that's there's we they he she i you we're they're he's she's
    they'll he'll she'll it'll we'll i'll everyone nobody
    """
)
_WH = _words("who whom whose which what where when whether how why if")
# Talk that, with the customer as its subject, only keeps the conversation going.
_CONTINUING = _words(
    """
    look+at look+into follow+up catch+up touch+base check+back circle+back reconnect continue
    stay check+in call drop+by come+by
    """
)
# A clause opened by one of these leans on another: it cannot carry the objective.
_SUBORDINATORS = _words(
    """
    so so+that in+order+to before after while until once when whenever if unless because
    since now+that given+that although though
    """
)

_TOKEN = re.compile(r"[a-z0-9]+(?:['/-][a-z0-9]+)*")
_CLAUSE_BREAK = re.compile(
    r"([,;:.!?()\[\]–—+]|\s-\s|\b(?:and|then|so that|so|but|in order to|before|after|while|"
    r"until|once|or else|when|whenever|if|unless|because|since|now that|given that|although|"
    r"though)\b)"
)


@dataclass(frozen=True)
class Verb:
    lemma: str
    group: str
    form: VerbForm
    length: int  # tokens it spans: "sign off" is 2


@dataclass(frozen=True)
class Verdict:
    concrete: bool
    kind: VagueKind | None = None  # why it is vague
    phrase: str = ""  # the words that show it
    unread: str = ""  # the word where the act should be, which the judge did not know
    actor: str = ""  # who the judge read as doing it ("you", "the ops lead", "nobody")
    act: str = ""  # the act it read ("present", "walks us through", "a check-in")


_CONCRETE = Verdict(True)


def _inflect(lemma: str) -> dict[str, VerbForm]:
    """A verb's forms, from the table written out of the lemmatizer's (verb_forms.py)."""
    present, third, past, ing = FORMS[lemma]
    forms: dict[str, VerbForm] = {}
    for word in ing.split():
        forms[word] = "ing"
    for word in past.split():
        forms[word] = "past"
    for word in third.split():
        forms[word] = "s"
    for word in present.split():
        forms[word] = "base"
    if lemma == "be":  # "was" acts like "is", "were" like "are"
        forms.update({"is": "s", "are": "base", "was": "s", "were": "base", "been": "past"})
    forms[lemma] = "base"
    return forms


# A word of the verb table: the rest of a phrasal verb ("off" for "sign off"), the lemma, its
# group, and which form of the verb the word is.
_Entry = tuple[tuple[str, ...], str, str, VerbForm]


def _build_table() -> dict[str, list[_Entry]]:
    """Word form -> [(the rest of a phrasal verb, lemma, group, form)], longest phrase first."""
    table: dict[str, list[_Entry]] = {}
    for group, lemmas in _VERBS.items():
        for lemma in lemmas:
            head, *rest = lemma.split()
            for word, form in _inflect(head).items():
                table.setdefault(word, []).append((tuple(rest), lemma, group, form))
    groups = {lemma: group for group, lemmas in _VERBS.items() for lemma in lemmas}
    for short, (lemma, form) in SHORTHAND.items():
        table.setdefault(short, []).append(((), lemma, groups[lemma], form))
    for entries in table.values():
        entries.sort(key=lambda entry: (-len(entry[0]), entry[1]))
    return table


@cache
def _table() -> dict[str, list[_Entry]]:
    return _build_table()  # built on first use: importing the coach stays cheap


def _verb_at(tokens: list[str], i: int) -> Verb | None:
    table, word = _table(), tokens[i]
    if word not in table and word.startswith(_PREFIXES) and word.count("-") == 1:
        word = word.split("-", 1)[1]  # "pre-approve", "re-sign": the verb after the prefix
    for rest, lemma, group, form in table.get(word, ()):
        if tuple(tokens[i + 1 : i + 1 + len(rest)]) == rest:
            return Verb(lemma, group, form, 1 + len(rest))
        # "sets us up", "fill it in": a pronoun between a commitment verb and its particle
        separable = len(rest) == 1 and group in (ACT, CUSTOMER) and i + 2 < len(tokens)
        if separable and tokens[i + 1] in _OBJECT_PRONOUNS and tokens[i + 2] == rest[0]:
            return Verb(lemma, group, form, 3)
    return None


_OBJECT_PRONOUNS = _words("us them it him her me")
_PREFIXES = ("pre-", "re-")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'").replace("‘", "'"))


def _strip_fillers(tokens: list[str]) -> list[str]:
    changed = True
    while tokens and changed:
        changed = False
        for filler in _FILLERS:
            if tuple(tokens[: len(filler)]) == filler and len(tokens) > len(filler):
                tokens = tokens[len(filler) :]
                changed = True
                break
        unwrapped = _unwrap(tokens)
        if unwrapped is not None:
            tokens, changed = unwrapped, True
    return tokens


# What we want, said around what they will do: "I want them to give me a date", "We need Priya
# to loop in her architect", "My goal is for Dana to book the workshop". The inner clause is
# the objective.
_WANTING = _words("want wants need needs expect hope aim intend like love prefer")
_GOALS = _words(
    """
    goal goals aim objective objectives target outcome ask hope plan intention priority result
    win purpose
    """
)
_AS_SUBJECT = {"them": "they", "him": "he", "her": "she", "us": "we", "me": "i"}


def _unwrap(tokens: list[str]) -> list[str] | None:
    j = 0
    while j < len(tokens) and tokens[j] in ("i", "we", "i'd", "we'd", "really", "would", "also"):
        j += 1
    if j < len(tokens) and tokens[j] in _WANTING:
        rest = tokens[j + 1 :]
        if rest[:1] == ["to"] and len(rest) > 1 and _verb_at(rest, 1) is not None:
            return rest[1:]  # "I need to get their sign-off": the seller's own step
        rest = rest[1:] if rest[:1] == ["for"] else rest
        return _inner_subject(rest)
    j = 0
    while j < len(tokens) and tokens[j] in ("my", "our", "the", "main", "primary", "key", "best"):
        j += 1
    if j < len(tokens) and tokens[j] in _GOALS:
        rest = tokens[j + 1 :]
        if rest[:1] in (["for"], ["of"]) and len(rest) > 2 and rest[2] in _MEETING_NOUNS:
            rest = rest[3:]  # "the goal for this call is ..."
        if rest[:2] in (["would", "be"], ["will", "be"]):
            rest = rest[2:]
        elif rest[:1] in (["is"], ["="]):
            rest = rest[1:]
        else:
            return None
        if rest[:1] == ["that"] and len(rest) > 2:
            return rest[1:]
        if rest[:1] == ["for"]:
            return _inner_subject(rest[1:])
        if rest[:1] == ["to"] and len(rest) > 1 and _verb_at(rest, 1) is not None:
            return rest[1:]
        return rest if len(rest) > 1 and _main_verb(rest) is not None else None
    return None


def _verb_in_subject(rest: list[str], n: int) -> bool:
    """A verb where the wanted clause's subject should be ("need help to close"), not a noun
    spelt like one: "the *buying* committee", "*Champion*", "*Purchasing*"."""
    verb = _verb_at(rest, n)
    if verb is None:
        return False
    if n == 0:
        return verb.group not in (ACT, CUSTOMER)
    return _can_be_verb(rest, n, verb)


def _inner_subject(rest: list[str]) -> list[str] | None:
    """'them to give me a date' -> 'they give me a date'."""
    for k in range(1, min(len(rest) - 1, 6)):
        if rest[k] == "to" and _verb_at(rest, k + 1) is not None:
            subject = [_AS_SUBJECT.get(word, word) for word in rest[:k]]
            if "to" in subject or any(_verb_in_subject(rest, n) for n in range(k)):
                return None
            return [*subject, "will", *rest[k + 1 :]]  # "will": the verb stays a verb
    return None


def _bare(token: str) -> str:
    return token.removesuffix("'s").removesuffix("'")


def _can_be_verb(tokens: list[str], i: int, verb: Verb) -> bool:
    """Whether the word at i acts as a verb here, not as a noun ("the order form", "demo call")."""
    after = tokens[i + verb.length] if i + verb.length < len(tokens) else ""
    if verb.group not in (ACT, ACQUIRE) and verb.form == "base" and after in _MEETING_NOUNS:
        return False  # "value workshop", "demo call": a noun that names a meeting
    if i == 0:
        if tokens[0] in _DEPARTMENTS and len(tokens) > 1:
            return False  # "Purchasing registers us"
        if verb.form == "base" and after in {"department", "team", "dept", "ops", "office"}:
            return False  # "Purchase department releases the order"
        # "Demo delivered to the ops leads": the demo is what was done
        return not (verb.form == "base" and verb.group != ACQUIRE and _passive_after(tokens, 1))
    before = tokens[i - 1]
    if before in _DETERMINERS or before.endswith("'s") or before.isdigit():
        return False
    if verb.form == "ing":
        if before in _PREPOSITIONS:
            return False  # "interested in upgrading": a gerund, not the clause's verb
        # "follow-up meeting", "pricing": after a noun, a talk word in -ing is a noun too.
        return verb.group in (ACT, GIVE, CUSTOMER) or before in ("is", "are", "am", "was")
    if verb.form != "base":
        return True
    # A bare verb after a noun is usually a noun itself ("pilot start date"); after a pronoun,
    # a modal or a plural subject ("both sides sign") it is the verb, and so it is before an
    # object pronoun ("Prospect ask me to call").
    return (
        after in _OBJECT_PRONOUNS - {"it", "her"}
        or before in _PRONOUNS
        or before in _MODALS
        or before in _NEGATIONS
        or (before.endswith("s") and not before.endswith("ss") and _verb_at(tokens, i - 1) is None)
        or ("and" in tokens[1 : i - 1] and not _PREPOSITIONS & set(tokens[:i]))  # "X and Y sign"
    )


def _passive_after(tokens: list[str], i: int) -> bool:
    """A past participle at i that ends its clause or leads into a preposition: "Proposal sent"."""
    if i >= len(tokens):
        return False
    verb = _verb_at(tokens, i)
    if verb is None or verb.form != "past":
        return False
    after = tokens[i + verb.length] if i + verb.length < len(tokens) else ""
    return (
        after in ("", "and", "before", "after", "b4")
        or after in _PREPOSITIONS
        or after in _WHEN_WORDS
        or bool(_DAY.match(after))
    )


@dataclass(frozen=True)
class _Main:
    at: int
    verb: Verb
    passive: bool  # "Proposal sent", "The budget has been approved"


def _main_verb(tokens: list[str]) -> _Main | None:
    for i in range(len(tokens)):
        verb = _verb_at(tokens, i)
        if verb is None or not _can_be_verb(tokens, i, verb):
            continue
        if i == 0 and verb.form in ("base", "ing") and _subject_before_verb(tokens, verb):
            continue  # "Value analysis committee approves ...": the first word names them
        if i == 1 == len(tokens) - 1 and verb.form == "s" and tokens[1] in _PLURALS:
            continue  # "Uncover needs", "Troubleshoot issues": a plural noun, not a verb
        if i == 0 and verb.form == "past" and _finite_after(tokens):
            continue  # "Registered attendee confirms ...": a participle before its noun
        if verb.lemma in ("be", "have", "do") and verb.form != "ing":
            # an auxiliary: "is giving", "has agreed", "has been approved", "are agreeing"
            j = i + 1
            while j < len(tokens) and tokens[j] in ("been", "not", "already", "just", "also"):
                j += 1
            inner = _verb_at(tokens, j) if j < len(tokens) else None
            if verb.lemma == "be" and j < len(tokens) and tokens[j] in _STATE_WORDS:
                return _Main(i, verb, passive=False)  # "The CIO is convinced ...": a state
            if inner is not None and inner.lemma not in ("be", "have"):
                if verb.lemma == "be" and inner.form == "ing":
                    return _Main(j, inner, passive=False)
                if inner.form == "past" and verb.lemma != "do":
                    passive = verb.lemma == "be" or tokens[i + 1 : j] == ["been"]
                    return _Main(j, inner, passive=passive)
        if verb.form == "past" and i > 0 and _passive_after(tokens, i):
            before = tokens[i - 1]
            if before not in _PRONOUNS and before not in _MODALS and before not in _OURS:
                return _Main(i, verb, passive=True)  # "Deck shared with the team"
        return _Main(i, verb, passive=False)
    return None


_AUXILIARIES = _words("is are was were has have had does did")
# Plural nouns spelt like a verb's -s form: last in a two-word clause, they are the object.
_PLURALS = _words(
    "issues needs names orders plans tests trials requests questions results terms changes"
)


def _finite_after(tokens: list[str]) -> bool:
    """An -s verb, or a modal and its verb, within a short subject after the first word."""
    for j in range(2, min(len(tokens), 5)):
        verb = _verb_at(tokens, j)
        if verb is not None and verb.form == "s" and _can_be_verb(tokens, j, verb):
            return True
        if tokens[j] in _MODALS and j + 1 < len(tokens) and _verb_at(tokens, j + 1) is not None:
            return True  # "Registered attendee will confirm ..."
    return False


def _subject_before_verb(tokens: list[str], verb: Verb) -> bool:
    """A base form first, then a noun, then a verb that agrees with them: "Trial users invite
    their manager", "Value analysis committee approves the trial"."""
    after = tokens[verb.length : verb.length + 1]
    if after and (after[0] in _AUXILIARIES or after[0] in _MODALS - {"to", "then", "also"}):
        # "Champion is positive about us", "Champion will sell it internally"; but "Ask: will
        # they sign?" asks a question
        return tokens[verb.length + 1 : verb.length + 2] not in (["they"], ["he"], ["she"], ["we"])
    if after and (second := _verb_at(tokens, verb.length)) is not None:
        if after[0] in _PLURALS and len(tokens) == verb.length + 1:
            return False  # "Uncover needs": the object, not a verb
        return second.form == "s"  # "Champion provides positive feedback"
    if not after or after[0] in _NOT_VERBS:
        return False
    for j in range(verb.length + 1, min(len(tokens), verb.length + 4)):
        later = _verb_at(tokens, j)
        if later is not None:
            return later.form in ("s", "base", "past") and _can_be_verb(tokens, j, later)
        if tokens[j] in _NOT_VERBS:
            return False
    return False


def _phrase(tokens: list[str], start: int = 0, words: int = 5) -> str:
    chosen = tokens[start : start + words]
    return " ".join(chosen) + (" …" if len(tokens) > start + words else "")


def _has(tokens: list[str], nouns: AbstractSet[str], phrases: tuple[str, ...]) -> bool:
    text = " ".join(tokens)
    if any(re.search(rf"\b{re.escape(p)}\b", text) for p in phrases):
        return True
    for i, token in enumerate(tokens):
        if token.endswith(("'s", "s'")) and i + 1 < len(tokens):
            continue  # "the sponsor's trust" is trust, whoever's it is
        if _bare(token) in nouns or ("-" in token and token.rsplit("-", 1)[1] in nouns):
            if token == "decision" and i + 1 < len(tokens) and tokens[i + 1] in _NOT_A_DECISION:
                continue
            return True
    return False


def _committed_participle(tokens: list[str]) -> bool:
    """'signed', 'agreed', 'approved': a commitment already made, named in passing."""
    for i in range(len(tokens)):
        verb = _verb_at(tokens, i)
        if verb is not None and verb.group == ACT and verb.form == "past":
            return True
    return False


def _direct_object(rest: list[str]) -> list[str]:
    for i, token in enumerate(rest):
        if token in _PREPOSITIONS and i > 0:
            return rest[:i]
    return rest


def _empty(rest: list[str]) -> bool:
    return bool(_EMPTY_OBJECTS.match(" ".join(rest)))


def _continuation(rest: list[str]) -> bool:
    return bool(_CONTINUATION.match(" ".join(rest)))


_LOOSE_TIME = re.compile(
    r"^(?:(?:later|eventually|soon|sometime|some time|at some point|in due course|down the "
    r"line|in the future|when (?:they|he|she|it)\b.*|once .*|after .*|in a (?:few|couple of) "
    r"(?:weeks|months)|next (?:month|quarter|year)|in the new year|this year)\b|$)"
)


def _loose(rest: list[str]) -> bool:
    """Nothing decided, or only a loose time: "they will decide at some point"."""
    return bool(_LOOSE_TIME.match(" ".join(rest))) and not _DAY.search(" ".join(rest))


def _pinned(tokens: list[str]) -> bool:
    """A meeting with a day, with someone new, or with a step of the deal in it."""
    if _DAY.search(" ".join(tokens)):
        return True
    if _has(tokens, _STRONG_NOUNS, _STRONG_PHRASES):
        return True  # "a call to get their sign-off" decides something
    for i, token in enumerate(tokens):
        word = _bare(token)
        if word in _PEOPLE or word in _DEAL_STEPS:
            return True
        verb = _verb_at(tokens, i) if i > 0 and tokens[i - 1] == "to" else None
        if verb is not None and (verb.group == ACT or verb.lemma == "close"):
            # "a call to sign the order form", "mtg to close"
            return True
    return _has(tokens, frozenset(), _GIVEN_PHRASES)


def _opinion(thing: list[str], tokens: list[str]) -> Verdict | None:
    """Their thoughts, our understanding: a view is not a commitment (ours is our own act)."""
    if not any(_bare(token) in _OPINION_NOUNS for token in thing):
        return None
    if _OURS & set(thing):
        return Verdict(False, "seller", _phrase(tokens))
    return Verdict(False, "opinion", _phrase(tokens))


def _before_its_noun(tokens: list[str], after: int) -> bool:
    """Whether a participle ending at `after` comes before the noun it describes ("written
    notice", "registered attendee") rather than after it ("the plan signed off by Friday")."""
    if after >= len(tokens):
        return False
    return tokens[after] not in _PREPOSITIONS | _DETERMINERS | _WHEN_WORDS | {"and", "by", "to"}


def _is_clause(rest: list[str]) -> bool:
    """Whether an object is a clause of its own: "agrees (that) our platform is a good fit"."""
    if not rest:
        return False
    if rest[0] in _CLAUSE_OPENERS and len(rest) > 1:
        return rest[0] != "that" or rest[1] not in _PREPOSITIONS
    found = _main_verb(rest)
    if found is None or found.at == 0:
        return False
    if found.at > 4 or any(token in _PREPOSITIONS | {"of"} for token in rest[: found.at]):
        return False  # "a list of the systems we need": a noun with a clause of its own
    before = rest[found.at - 1]
    participle = found.verb.form == "past" and before not in _MODALS | _AUXILIARIES
    if participle and _before_its_noun(rest, found.at + found.verb.length):
        return False  # "the written cancellation notice": a participle before its noun
    return found.verb.form in ("s", "past") or before in _MODALS


def _meeting(tokens: list[str], thing: list[str], region: list[str]) -> Verdict | None:
    """A generic meeting as the object: a commitment only when it is pinned down."""
    if not any(_bare(token) in _GENERIC_MEETINGS for token in thing):
        return None
    if any(_bare(token) in _GIVEN_NOUNS for token in thing):
        return None  # "a date for the next meeting"
    if _pinned(region):
        return _CONCRETE
    return Verdict(False, "unpinned", _phrase(tokens))


# --- judging one clause -----------------------------------------------------------------------


def _noun_phrase(tokens: list[str]) -> Verdict:
    if _has(tokens, _STRONG_NOUNS, _STRONG_PHRASES):
        return _CONCRETE
    if _committed_participle(tokens):
        return _meeting(tokens, tokens, tokens) or _CONCRETE
    for i, token in enumerate(tokens):
        if token in ("intro", "introduction") and tokens[i + 1 : i + 2] == ["to"]:
            return _CONCRETE  # "intro to CFO": an introduction they make
        if token == "back" and i > 0 and tokens[i - 1] not in _PRONOUNS | _OURS:
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if _verb_at(tokens, i - 1) is not None or after in _POSSESSIVES:
                continue  # "play back their needs": a particle before its object
            return _CONCRETE  # "questionnaire back from IT by wed": they hand it back
    if any(token in _STATE_WORDS for token in tokens):
        return Verdict(False, "state", _phrase(tokens))
    following = [*tokens[1:], ""]
    if any(
        _bare(token) in _MEETING_NOUNS and after not in _NOT_A_MEETING
        for token, after in zip(tokens, following, strict=True)
    ):
        if _DAY.search(" ".join(tokens)) and not _OPINION_NOUNS & set(tokens):
            return _CONCRETE  # "Second meeting with the ops team on Thursday": a day agreed
        return Verdict(False, "meeting", _phrase(tokens))
    return Verdict(False, "nothing")


def _inner_act(subject: list[str], rest: list[str], tokens: list[str]) -> Verdict | None:
    """'agrees to run a pilot', 'promises to send the data': the act after "to"."""
    if rest[:1] != ["to"] or len(rest) < 2:
        return None
    inner = _verb_at(rest, 1)
    if inner is None:
        return None
    after = rest[1 + inner.length :]
    role = after[:1] and (after[0] in _DETERMINERS - _OURS or _has(after[:3], _ROLES, ()))
    if inner.lemma == "be" and role:
        # "agrees to be a reference", "to be the pilot site": a role taken on
        return _opinion(after, tokens) or _CONCRETE
    if inner.group == SELLER:  # agreeing to talk is agreeing to a meeting
        if _continuation(rest[1:]):
            return Verdict(False, "continuation", _phrase(tokens))
        if _pinned(rest[1 + inner.length :]):
            return _CONCRETE
        return Verdict(False, "unpinned", _phrase(tokens))
    verdict = _they_do([*subject, *rest[1:]], len(subject), inner, tokens)
    if inner.group == ACQUIRE and inner.lemma not in _GETTING and verdict.kind == "nothing":
        return _CONCRETE  # "decides to set the requirement aside": the decision is the act
    return verdict


# Approving and signing: what is approved is a document, whatever it is called.
_APPROVING = _words(
    "approve okay authorise authorize sanction ratify sign+off sign countersign rubber-stamp"
)
# Roles a customer takes on: agreeing to be one is agreeing to act ("be active reference").
_ROLES = _words("reference references sponsor champion site partner customer beta pilot")
# Signing one of these records that someone came: taking part, not committing.
_ATTENDANCE = _words("attendance visitor visitors guest guestbook sign-in")
# Getting from us: deciding to get a quote is asking us for one.
_GETTING = _words("get have receive")
# Scheduling verbs that also mean keeping something as it is ("hold our price", "block the
# change"): they book something only when a time or a meeting is what they take.
_SCHEDULING = _words("block hold")


def _begun(rest: list[str]) -> tuple[list[str], Verb] | None:
    """What is started: "to establish trust", "building trust" -> (the clause, its verb)."""
    clause = rest[1:] if rest[:1] == ["to"] else rest
    first = _verb_at(clause, 0) if clause else None
    if first is None or (rest[:1] != ["to"] and first.form != "ing"):
        return None
    return clause, Verb(first.lemma, first.group, "base", first.length)


def _commits(tokens: list[str], i: int, verb: Verb, whole: list[str]) -> Verdict:
    """An act that commits (agree, book, sign ...): concrete unless its object is hollow."""
    rest = tokens[i + verb.length :]
    if _empty(rest):
        return Verdict(False, "empty", _phrase(whole))
    if _continuation(rest) or (verb.lemma == "pick" and "up" in rest[:2]):
        return Verdict(False, "continuation", _phrase(whole))  # "pick it up again"
    starting = verb.lemma in ("start", "begin", "commence")
    if starting and _has(_direct_object(rest), _TALK_NOUNS | _RAPPORT_NOUNS, ()):
        kind: VagueKind = "seller" if i == 0 else "talk"  # "start the renewal conversation"
        return Verdict(False, kind, _phrase(whole))
    begun = _begun(rest) if starting else None
    if begun is not None:  # "begin to establish trust", "start building trust": that act
        if i == 0:
            return _we_ask(begun[0], begun[1], whole)
        return _they_do([*tokens[:i], *begun[0]], i, begun[1], whole)
    if verb.lemma == "sign" and _has(_direct_object(rest), _ATTENDANCE, ()):
        return Verdict(False, "audience", _phrase(whole))  # "sign the attendance register"
    if verb.lemma in ("decide", "commit", "choose") and _loose(rest):
        return Verdict(False, "continuation", _phrase(whole))  # "will decide at some point"
    if verb.lemma in _SCHEDULING and not _has(rest, _TIMES, ()) and not _DAY.search(" ".join(rest)):
        return Verdict(False, "nothing", _phrase(whole))  # "hold our price": no time is booked
    confirming = verb.lemma in ("confirm", "acknowledge")
    if confirming and _receipt(_direct_object(rest)):
        return Verdict(False, "acknowledge", _phrase(whole))  # "confirms receipt of our quote"
    if verb.lemma in ("agree", "confirm", "accept", "decide", "commit", "say yes", "acknowledge"):
        inner = _inner_act(tokens[:i], rest, whole)
        if inner is not None:
            return inner
        if rest[:1] == ["with"] and "on" not in rest:
            return Verdict(False, "opinion", _phrase(whole))  # "agrees with our assessment"
        if rest[:1] and rest[0] in _WH:
            theirs = bool(tokens[:i]) and not _OURS & set(tokens[:i])
            if not theirs and rest[1:2] and rest[1] in _OURS | {"to"}:
                return Verdict(False, "seller", _phrase(whole))  # "decide whether we pitch"
            return _CONCRETE  # "confirm who else is in the decision"
        if _is_clause(rest):
            said = _clause(rest[1:] if rest[0] == "that" else rest)
            if said.concrete or _term_accepted(rest):
                return _CONCRETE
            if said.kind in ("audience", "continuation", "unpinned"):
                return Verdict(False, said.kind, _phrase(whole))  # "confirms she'll come"
            # "confirms they liked it", "confirms the proposal arrived": no commitment in it
            return Verdict(False, "acknowledge" if confirming else "opinion", _phrase(whole))
    thing = _direct_object(rest)
    if verb.lemma == "acknowledge":  # acknowledging results, receipt, a problem: no step
        return Verdict(False, "acknowledge", _phrase(whole))
    if verb.lemma in _APPROVING:  # "signs off on our vendor assessment": a document approved
        return _meeting(whole, thing, rest) or _CONCRETE
    return _opinion(thing, whole) or _meeting(whole, thing, rest) or _CONCRETE


# Terms of the deal, and the words that accept one: confirming that a term is acceptable, or
# that our contract meets their rules, is accepting it ("Legal confirms the cap is acceptable").
_TERMS = _PAPER | _words(
    """
    price prices pricing cap caps liability clause clauses rate rates discount quote scope sla
    slas warranty indemnity proposal
    """
)
_ACCEPTING = _words(
    """
    acceptable fine ok okay compliant approved agreed meets meet complies comply satisfies
    satisfy fits
    """
)


def _term_accepted(rest: list[str]) -> bool:
    said = rest[1:] if rest[:1] == ["that"] else rest
    for k, token in enumerate(said):
        if token in _ACCEPTING:
            # "the cap is acceptable"; "our system meets their constraints": a fit accepted
            rules = any(_bare(t) in _RULES for t in said[k + 1 : k + 6])
            return rules or any(_bare(t) in _TERMS for t in said[:k])
    return False


# What a term or a product is measured against: meeting them is a fit they accept.
_RULES = _words(
    "requirements requirement constraints rules standards criteria policy policies specifications"
)


def _receipt(thing: list[str]) -> bool:
    """'receipt of our quote' is an acknowledgement; 'the delivery date' is a date."""
    if not thing:  # "Dana confirms": nothing received at all
        return False
    following = [*thing[1:], ""]
    return any(
        token in _RECEIPT_NOUNS and after not in _NOUN_COMPOUNDS | {"window", "schedule"}
        for token, after in zip(thing, following, strict=True)
    )


# What taking of ours is not accepting it: our call, our advice, our demo.
_NOT_TAKEN = _GENERIC_MEETINGS | _OPINION_NOUNS | _words("advice word")


def _accepted(rest: list[str]) -> bool:
    """What "take" accepts: an offer ("the combo buy"), goods on consignment or approval, or
    something of ours that is not talk ("takes our new range"; "takes our call" is talk)."""
    thing = _direct_object(rest)
    if _has(thing, _OFFERS, ()):
        return True
    pairs = {tuple(rest[k : k + 2]) for k in range(len(rest))}
    if pairs & {("on", "consignment"), ("on", "approval")}:
        return True
    return thing[:1] == ["our"] and not _has(thing, _NOT_TAKEN | _SHOWN, ())


def _hands_over(tokens: list[str], i: int, verb: Verb, whole: list[str]) -> Verdict:
    """The customer sends, tells, invites: a step only with something concrete in hand."""
    rest = tokens[i + verb.length :]
    to_us = bool(rest) and rest[0] in ("us", "me")
    if to_us:
        rest = rest[1:]
    continuation = Verdict(False, "continuation", _phrase(whole))
    if (
        verb.lemma in _BRINGING_IN
        and rest[:1] in (["with"], ["to"])
        and rest[1:2] in (["us"], ["me"])
    ):
        return continuation  # "connects with me on LinkedIn": nobody of theirs brought in
    leaving = verb.lemma == "leave" and not to_us and "with" not in rest
    if leaving and not _has(_direct_object(rest), _GIVEN_NOUNS, _GIVEN_PHRASES):
        return Verdict(False, "nothing", _phrase(whole))  # leaving hands over only to us
    if verb.lemma == "take" and _accepted(rest):
        return _CONCRETE  # "takes the combo buy": taking an offer is accepting it
    if verb.lemma in ("take", "bring") and to_us and rest[:1] == ["to"]:
        whom = {_bare(token) for token in rest[1:6]}
        if whom & (_PEOPLE | _DEAL_STEPS):  # "takes us to the steering group": brought in
            return _CONCRETE
    if verb.lemma in ("allow", "permit") and to_us and rest[:1] == ["to"]:
        return _CONCRETE  # "allows us to put sensors on two lines": access granted
    if verb.lemma == "let":
        if not to_us:
            return Verdict(False, "seller", _phrase(whole))
        if rest[:1] != ["know"]:
            return _CONCRETE if rest else continuation  # "let us interview their drivers"
        rest = rest[1:]
    if rest[:1] == ["to"] and len(rest) > 1 and _verb_at(rest, 1) is not None:
        # "invites us to present on 4 June", "tells us to call again": our act, at their asking
        return _CONCRETE if _pinned(rest) else continuation
    if verb.lemma == "invite" and to_us:
        if rest and rest[0] == "to" and _pinned(rest):
            return _CONCRETE
        return continuation
    if not rest or (rest[0] in ("back", "over", "it", "this", "that", "them") and len(rest) == 1):
        return continuation
    if rest[0] == "about":
        return Verdict(False, "talk", _phrase(whole))
    if _continuation(rest) or _empty(rest):
        return continuation
    reach = 8 if verb.lemma == "tell" else 4  # "tells us within two days if they hire"
    # "if" after a verb that tells is what is told; after any other, a condition
    asking = _WH if verb.lemma in ("tell", "let", "show") else _WH - {"if"}
    wh = next((token for token in rest[:reach] if token in asking), None)
    if wh is not None:
        after = rest[rest.index(wh) + 1 :]
        if wh in ("whether", "if"):
            inner = _main_verb(after)
            decided = inner is not None and inner.verb.group in (ACT, CUSTOMER)
            return _CONCRETE if decided else continuation
        if wh in ("what", "how", "why"):
            inner = _main_verb(after)
            if inner is None or inner.verb.group == STATE or wh != "what":
                return Verdict(False, "opinion" if wh == "what" else "talk", _phrase(whole))
        return _CONCRETE  # "tells us which two sites will run the pilot"
    if _is_clause(rest):
        said = _clause(rest[1:] if rest[0] == "that" else rest)
        if said.concrete or said.kind in ("continuation", "unpinned", "negative"):
            return said if said.concrete else Verdict(False, said.kind, _phrase(whole))
        return Verdict(False, "opinion", _phrase(whole))
    thing = _direct_object(rest)
    talk = Verdict(False, "talk", _phrase(whole))
    opinion = _opinion(thing, whole)
    if opinion is not None:
        return opinion
    shown = thing[: thing.index("of")] if "of" in thing else thing
    shown = shown[-1:]  # "gives us a tour of the plant" shows us the plant
    if verb.lemma in _SHOWING or "through" in rest[:1] or _has(shown, _SHOWN, ()):
        # showing, telling, walking us through: talk, unless something is in hand
        return _handed(verb, rest, to_us) or talk
    if _has(thing, _INFO_NOUNS, ()) and not _has(thing, _GIVEN_NOUNS, _GIVEN_PHRASES):
        return _handed(verb, rest, to_us) or talk  # "shares their process": talk
    return _CONCRETE  # sending, giving, submitting a thing: it changes hands


# A form whose content is a view: filling it in hands over an opinion, not a commitment.
_VIEW_FORM = re.compile(
    r"\b(?:feedback|evaluation|satisfaction|rating|opinion|comment)s? "
    r"(?:forms?|sheets?|cards?|surveys?|questionnaires?)\b"
)
# Verbs of showing and telling: a step only with something concrete in hand.
_SHOWING = _words("show tell walk present take")
# What is shown rather than handed over: giving one is showing ("gives us a tour").
_SHOWN = _words(
    """
    tour tours walkthrough walk-through overview rundown briefing presentation demo
    demonstration glimpse look preview
    """
)
# What is told rather than handed over: sharing it is talk ("shares their process with us").
_INFO_NOUNS = _words(
    """
    process processes setup set-up situation background history context experience
    experiences strategy approach roadmap vision insights insight learnings knowledge expertise
    overview picture update updates news status thinking environment workflow workflows
    operations organisation organization structure
    """
)


# Verbs that bring someone of theirs in: the person is what they hand over.
_BRINGING_IN = _words("introduce connect refer loop+in bring+in rope+in cc copy+in bring invite")


def _handed(verb: Verb, rest: list[str], to_us: bool) -> Verdict | None:
    """Concrete when something is in hand: a document, data, access, a person of theirs, or our
    material passed on inside their company ("forwards our proposal to the CFO")."""
    if _has(rest, _GIVEN_NOUNS, _GIVEN_PHRASES) or _committed_participle(_direct_object(rest)):
        return _CONCRETE
    if verb.lemma in _BRINGING_IN:
        return _CONCRETE  # "introduces us to the CFO", "loops in her architect"
    if rest[:1] in (["us"], ["me"]):
        rest = rest[1:]
    for j, token in enumerate(rest):
        if token in ("to", "with", "among", "across") and j > 0:
            whom = rest[j + 1 :]
            if whom and whom[0] not in _OURS and not (to_us and j == 0):
                return _CONCRETE  # passed on to someone else of theirs
        if token in ("internally", "around", "upstairs") and not (to_us and j == 0):
            return _CONCRETE  # "passes it around"; "shows us around" is a tour
    return None


def _asks(tokens: list[str], i: int, verb: Verb, whole: list[str]) -> Verdict:
    """'asks her VP for approval' is their act; 'asks us to send information' is ours."""
    rest = tokens[i + verb.length :]
    continuation = Verdict(False, "continuation", _phrase(whole))
    if rest[:1] and rest[0] in _OURS | {"for"}:  # "asks for references" asks us
        return continuation
    if verb.lemma == "request":  # "requests a quote" asks us; "from finance", someone of theirs
        source = rest[rest.index("from") + 1 :] if "from" in rest else []
        if source and not _OURS & set(source) and _has(rest, _GIVEN_NOUNS, _GIVEN_PHRASES):
            return _CONCRETE
        return continuation
    to = rest.index("to") if "to" in rest[1:5] else 0
    if to and (inner := _verb_at(rest, to + 1)) is not None:  # "asks legal to review the MSA"
        return _they_do([*rest[:to], *rest[to + 1 :]], to, inner, whole)
    if "for" in rest:
        wanted = rest[rest.index("for") + 1 :]
        if _has(_direct_object(wanted), _GIVEN_NOUNS, _GIVEN_PHRASES):
            return _CONCRETE
    return Verdict(False, "talk", _phrase(whole))


def _they_do(tokens: list[str], i: int, verb: Verb, whole: list[str] | None = None) -> Verdict:
    """The customer is the subject (tokens[:i], or shared with the clause before)."""
    whole = whole if whole is not None else tokens
    rest = tokens[i + verb.length :]
    talk = Verdict(False, "talk", _phrase(whole))
    if verb.lemma in _TAKING_PART and _has(_direct_object(rest), _SHOWS, ()):
        return Verdict(False, "audience", _phrase(whole))  # "Prospect joins the webinar"
    if verb.lemma == "join" and _has(_direct_object(rest), _GENERIC_MEETINGS, ()):
        verb = Verb("meet", MEET, verb.form, verb.length)  # joining a call is meeting
    if verb.group == ACT:
        return _commits(tokens, i, verb, whole)
    if verb.group == GIVE:
        return _hands_over(tokens, i, verb, whole)
    if verb.group == CUSTOMER:
        if verb.lemma == "run" and any(token in ("past", "by") for token in rest[:4]):
            return talk  # running it past the boss is talking to them
        if _VIEW_FORM.search(" ".join(_direct_object(rest))):
            return Verdict(False, "opinion", _phrase(whole))  # "fill in the feedback form"
        if verb.lemma == "keep":  # keeping 200 licences is theirs; keeping us posted is talk
            if _continuation(["keep", *rest]) or (rest[:1] and rest[0].endswith("ing")):
                return Verdict(False, "continuation", _phrase(whole))
            if any(_bare(token) in _RAPPORT_NOUNS for token in rest):
                return Verdict(False, "state", _phrase(whole))  # "keeps us in mind"
        if _empty(rest):
            return Verdict(False, "empty", _phrase(whole))
        if _continuation(rest):
            return Verdict(False, "continuation", _phrase(whole))
        return _CONCRETE
    if verb.group == CONTINUE:
        if "with" in rest and not _empty(rest[rest.index("with") + 1 :]):
            return _CONCRETE  # "gets back to us with the signed order form"
        if _has(tokens[:i], _GIVEN_NOUNS, _GIVEN_PHRASES) and not _PEOPLE & set(tokens[:i]):
            return _CONCRETE  # "Signed order form comes back by Friday": it is handed back
        return Verdict(False, "continuation", _phrase(whole))
    if verb.group == MEET and _comes_to_terms(verb, rest):
        return _CONCRETE  # "both sides come to terms on the SLA"
    if verb.group == MEET:
        # whom they meet is the subject ("get the plant managers to meet us"), unless "again"
        if _pinned(rest if "again" in rest else tokens[:i] + rest):
            return _CONCRETE
        return Verdict(False, "unpinned", _phrase(whole))
    if verb.group == ACQUIRE:
        if rest[:1] and rest[0] in _STATE_WORDS:
            return Verdict(False, "state", _phrase(whole))  # "gets excited about it"
        thing = _direct_object(rest)
        if verb.lemma == "receive" and not _has(thing, _FUNDS, _STRONG_PHRASES):
            return Verdict(False, "seller", _phrase(whole))  # what they receive, we sent
        return _we_ask(tokens[i:], Verb(verb.lemma, verb.group, "base", verb.length), whole)
    if verb.group == STATE:
        if verb.lemma in ("think", "consider", "reflect", "digest", "mull", "ponder"):
            return Verdict(False, "continuation", _phrase(whole))
        if rest[:2] in (["us", "to"], ["me", "to"]):
            return Verdict(False, "continuation", _phrase(whole))  # "want us to come back"
        return Verdict(False, "state", _phrase(whole))
    if verb.group == REPORT:
        said = _inner_act(tokens[:i], rest, whole)
        if said is None:
            said = _clause(rest[1:] if rest[:1] == ["that"] else rest)
        if said.concrete:
            return said
        return Verdict(False, said.kind or "nothing", _phrase(whole))
    if verb.group == AUDIENCE:
        return Verdict(False, "audience", _phrase(whole))
    if verb.group == LIGHT:
        thing = _direct_object(rest)
        if (
            verb.lemma == "make"
            and rest[:1] in (["us"], ["me"])
            and rest[1:2] in (["their"], ["the"])
        ):
            return _CONCRETE  # "make us their exclusive source": a status given to us
        return _CONCRETE if _has(thing, _ACTION_NOUNS | _DEAL_STEPS, ()) else talk
    # SELLER verbs: talk, unless it is a step of theirs
    if verb.lemma in ("ask", "request"):
        return _asks(tokens, i, verb, whole)
    if verb.lemma in ("call", "speak", "talk") and _has(rest[:6], _REFERENCES, ()):
        return _CONCRETE  # "Prospect calls our references": their check, a step of the deal
    if verb.lemma in _CONTINUING:  # "they'll look at it", "they keep us posted"
        return Verdict(False, "continuation", _phrase(whole))
    if verb.lemma in ("review", "check", "assess", "evaluate") and _has(rest, _PAPER, ()):
        return _CONCRETE  # "legal will review our MSA this week": a step of the paper process
    return talk


def _causative(tokens: list[str], verb: Verb, bare: bool) -> Verdict | None:
    """'get them to sign', 'have Dana book', 'get the plan signed off'."""
    for j in range(verb.length, min(len(tokens), verb.length + 6)):
        inner = _verb_at(tokens, j)
        if inner is None:
            continue
        before = tokens[j - 1]
        if bare and inner.form == "base" and (before == "to" or verb.lemma == "have"):
            causee = tokens[verb.length : j - 1 if before == "to" else j]
            if not causee or causee[0] in _PREPOSITIONS:
                return None
            return _they_do([*causee, *tokens[j:]], len(causee), inner, tokens)
        if inner.form == "past" and inner.group == ACT and not _before_its_noun(tokens, j + 1):
            # "get the plan signed off" commits them; "get the conversation started" does not
            thing = tokens[verb.length : j]
            if _empty(thing) or _continuation(thing):
                return Verdict(False, "empty", _phrase(tokens))
            return _meeting(tokens, thing, tokens) or _CONCRETE
    return None


def _gets(tokens: list[str], verb: Verb, whole: list[str]) -> Verdict:
    """We get, secure, receive: concrete when only the customer can give it."""
    rest = tokens[verb.length :]
    if verb.lemma in ("get", "have"):
        first = next((j for j in range(len(rest)) if rest[j] == "to" or _verb_at(rest, j)), None)
        before = rest[:first]  # what we get, or whom we get to do something
        inner = _verb_at(rest, first + 1) if first is not None and rest[first] == "to" else None
        handed = _has(before, _GIVEN_NOUNS | _GENERIC_MEETINGS, _GIVEN_PHRASES)
        people = _PEOPLE | _THEIR_PEOPLE
        causee = _has(before, people, ()) and not _has(before, _GIVEN_NOUNS - people, ())
        if inner is not None and inner.form == "base" and causee:
            handed = False  # "get the owner to ask us ...": the owner is who acts
        caused = _causative(tokens, verb, bare=not handed)
        if caused is not None:
            return caused
    if verb.lemma == "find" and not _has(_direct_object(rest), _MONEY | _TIMES, ()):
        return Verdict(False, "seller", _phrase(whole))  # "find their pain": finding out
    if verb.lemma == "get" and _gives_them(rest):
        return Verdict(False, "seller", _phrase(whole))  # "Get Maria the pricing by Friday"
    thing = _direct_object(rest)
    opinion = _opinion(thing, whole)
    if opinion is not None:
        return opinion
    hollow = _hollow(rest)
    if hollow is not None:
        return Verdict(False, hollow, _phrase(whole))
    if verb.lemma == "receive":  # whatever we receive, they hand over
        return Verdict(False, "empty", _phrase(whole)) if _empty(rest) else _CONCRETE
    if verb.lemma == "have":  # "have a call" is no commitment, "have their approval" is
        return _CONCRETE if _has(thing, _STRONG_NOUNS, _STRONG_PHRASES) else _noun_phrase(tokens)
    if _has(thing, _GIVEN_NOUNS, _GIVEN_PHRASES) or _committed_participle(thing):
        return _CONCRETE
    meeting = _meeting(whole, thing, rest)
    if meeting is not None:
        return meeting
    source = rest[rest.index("from") + 1 :] if "from" in rest else []
    if {_bare(t) for t in source[:4]} & (_PEOPLE | _THEIR_PEOPLE | _DEPARTMENTS):
        return _CONCRETE  # "get the square footage from the office manager": they hand it over
    return _noun_phrase(tokens)  # "have a good conversation" names only a meeting


def _gives_them(rest: list[str]) -> bool:
    """'Get Maria the pricing', 'get our references to the buyer': we hand it to them."""
    first = rest[0] if len(rest) > 2 else ""
    indirect = first and first not in _DETERMINERS | _OURS and rest[1] in _DETERMINERS
    if indirect and _verb_at(rest, 0) is None:  # "Maria" before "the pricing": she is given it
        return not _has(rest[:1], _GIVEN_NOUNS | _FUNDS, ())
    for j, token in enumerate(rest[:8]):
        if j > 0 and rest[j : j + 3] == ["in", "front", "of"]:
            return True  # "get the samples in front of the buyer": ours to show
        if token != "to" or j == 0 or j + 1 >= len(rest):
            continue
        if j > 1 and rest[j - 2] == "for":
            return False  # "get their consent for us to recruit": "to" opens what they allow
        if _verb_at(rest, j + 1) is not None or rest[j + 1] in _OURS:
            return False  # "get them to sign", "get the PO to us"
        if rest[j - 1] in ("over", "across", "through") or _OURS & set(rest[:j]):
            return True
        # "get the deck to their CFO" is ours to deliver; "get an intro to the VP" is theirs
        return bool(_PEOPLE & {_bare(t) for t in rest[j + 1 : j + 4]}) and not _has(
            rest[:j], _GIVEN_NOUNS | _GENERIC_MEETINGS, _GIVEN_PHRASES
        )
    return False


def _hollow(rest: list[str]) -> VagueKind | None:
    """What we get hands nothing over: their trust, a commitment to us or to nothing named."""
    thing = _direct_object(rest)
    if _has(thing, _GIVEN_NOUNS - _BARE_COMMITMENTS, _GIVEN_PHRASES):
        return None
    if any(_bare(token) in _RAPPORT_NOUNS for token in thing):
        return "state"
    for k, token in enumerate(rest):
        if token in _BARE_COMMITMENTS:
            after = rest[k + 1 :]
            if not after or after[0] in ("from", "by", "today", "now"):
                return "empty"
            if after[0] in ("to", "with") and all(t in _OUR_SIDE | _DETERMINERS for t in after[1:]):
                return "empty"
            return None
    return None


def _leaves_with(verb: Verb, rest: list[str]) -> list[str] | None:
    """'Leave the call with a signed pilot agreement': what we leave with is what we get."""
    if verb.lemma != "leave" or "with" not in rest[:5]:
        return None
    got = rest[rest.index("with") + 1 :]
    return got if got and got[0] not in _OURS else None  # "a deposit with us" is given


# Our references: the customer calling them checks us, a step of the deal.
_REFERENCES = _words("reference references")
# What is paid: collecting it is being paid.
_PAYMENTS = _words("payment payments cheque cheques check checks deposit invoice invoices")
# Talk and what it builds: starting one is ours ("start the renewal conversation").
_TALK_NOUNS = _words("conversation conversations discussion discussions dialogue dialog talks")
# Appointing verbs: naming someone of ours is our act.
_APPOINTING = _words("appoint designate elect nominate name assign")


def _our_side(rest: list[str]) -> bool:
    """'one owner on our side', 'our project lead', 'someone from our team'."""
    if _direct_object(rest)[:1] in (["our"], ["my"]):
        return True
    pairs = {tuple(rest[k : k + 2]) for k in range(len(rest))}
    return bool(pairs & {("our", "side"), ("our", "team"), ("our", "end"), ("from", "us")})


def _comes_to_terms(verb: Verb, rest: list[str]) -> bool:
    """'come to an agreement', 'come to terms', 'come to a decision': agreeing, not meeting."""
    if verb.lemma != "come" or rest[:1] != ["to"]:
        return False
    return "terms" in rest[1:3] or _has(rest[1:4], _STRONG_NOUNS, _STRONG_PHRASES)


def _we_ask(tokens: list[str], verb: Verb, whole: list[str] | None = None) -> Verdict:
    """A clause that starts with a verb: the seller is its subject, or both sides are."""
    whole = whole if whole is not None else tokens
    rest = tokens[verb.length :]
    if _comes_to_terms(verb, rest):
        return _CONCRETE
    got = _leaves_with(verb, rest)
    if got is not None:
        return _gets(["get", *got], Verb("get", ACQUIRE, "base", 1), whole)
    seller = Verdict(False, "seller", _phrase(whole))
    if verb.lemma in ("meet", "get together") and _DAY.search(" ".join(rest)):
        return _CONCRETE  # "Meet with John on 10/26": a day agreed is a meeting booked
    if verb.group == MEET and "again" in rest:
        return Verdict(False, "unpinned", _phrase(whole))
    if verb.lemma == "collect" and _has(_direct_object(rest), _MONEY | _PAYMENTS, ()):
        return _CONCRETE  # "collect the money for the last delivery": they pay
    if verb.group in (SELLER, STATE, MEET, CONTINUE, REPORT, AUDIENCE):
        return seller  # "understand their needs" is the seller's to do
    if verb.group == LIGHT:
        return _CONCRETE if _has(_direct_object(rest), _ACTION_NOUNS, ()) else seller
    if verb.group == GIVE:
        return _hands_over(tokens, 0, verb, whole) if rest[:1] in (["us"], ["me"]) else seller
    if verb.group == ACT:
        if rest[:1] and rest[0] in _NOUN_COMPOUNDS and verb.lemma not in _NEVER_NOUNS:
            return _noun_phrase(tokens)
        if verb.lemma in _TAKING_PART and _has(rest, _SHOWS, ()):
            return seller  # "Register them for our webinar": our audience
        if verb.lemma in _APPOINTING | _TAKING_PART and _our_side(rest):
            return seller  # "Name one support owner on our side": we name ours
        if _OURS & set(_direct_object(rest)) and _opinion(_direct_object(rest), whole):
            return seller
        return _commits(tokens, 0, verb, whole)
    if verb.group == ACQUIRE:
        return _gets(tokens, verb, whole)
    # "present our new features": the customer's act only when the customer is the subject;
    # what we present for ("to get approval") is a purpose, not theirs.
    named = _noun_phrase(_before_purpose(tokens))
    return named if named.concrete else seller


def _before_purpose(tokens: list[str]) -> list[str]:
    for j in range(1, len(tokens) - 1):
        if tokens[j] == "to" and _verb_at(tokens, j + 1) is not None:
            return tokens[:j]
    return tokens


def _analyse(tokens: list[str]) -> tuple[Verdict, list[str]]:
    """A clause's verdict, and its subject when it is the customer (for the clause after it)."""
    tokens = _strip_fillers(tokens)
    if not tokens:
        return Verdict(False, "nothing"), []
    if _SELLER_PHRASES.match(" ".join(tokens)):
        return Verdict(False, "seller", _phrase(tokens)), []
    found = _main_verb(tokens)
    if found is not None and found.at > 1:
        slot = _verb_slot(tokens)  # "Legal cofirms the cap is ...": a key verb mistyped first
        if (
            slot is not None
            and slot < found.at
            and _verb_at(tokens, slot) is None
            and _corrected(tokens[slot]) is not None
        ):
            return _unknown_verb(tokens, slot)
    if found is not None and _embedded(tokens, found.at):
        # "Convince the partner we will invest ...": the verb we know is in a clause inside
        # the object of one we do not; the clause's own verb is the word before it.
        slot = _verb_slot(tokens)
        if slot is not None and slot < found.at and _verb_at(tokens, slot) is None:
            return _unknown_verb(tokens, slot)
    if found is None:
        named = _noun_phrase(tokens)
        slot = _verb_slot(tokens)
        # "CFO recommends ... at the November meeting": the meeting is where the act happens
        verb_first = named.kind == "meeting" and _verb_before_meeting(tokens, slot)
        if (named.concrete or named.kind != "nothing") and not verb_first:
            return named, []
        if slot is None:
            return named, []
        if _verb_at(tokens, slot) is not None and slot > 0:
            # "Customer sign the contract": a base form after its subject is still the verb
            willed = [*tokens[:slot], "will", *tokens[slot:]]
            verdict, subject = _analyse(willed)
            if not verdict.concrete:  # say it back in the seller's words, read as they meant
                verdict = _read(replace(verdict, phrase=_phrase(tokens)), willed)
            return verdict, subject
        return _unknown_verb(tokens, slot)
    i, verb = found.at, found.verb
    subject = tokens[:i]
    if (
        subject
        and not found.passive
        and _bare(subject[-2 if subject[-1] == "to" and len(subject) > 1 else -1]) in _MEETING_NOUNS
    ):
        return _noun_phrase(tokens), []  # "Courtesy call to see how things are"
    if found.passive:
        return _done(tokens, found), []
    if i == 0:
        if verb.form == "base":
            return _we_ask(tokens, verb), []
        if verb.form == "s":  # "... and returns it by Friday": the subject is shared
            return _they_do(tokens, 0, verb), []
        return _noun_phrase(tokens), []  # "Signed NDA by Friday"
    ours = _OURS & set(subject)
    if all(token in _MODALS for token in subject):
        ours = {"we"}  # "will try again tmrw": a note with no subject is the seller's
    if ours and not (ours == {"our"} and _THEIR_PEOPLE & set(subject)):
        return _we_ask(tokens[i:], Verb(verb.lemma, verb.group, "base", verb.length)), []
    if _NEGATIONS & set(subject):
        return Verdict(False, "negative", _phrase(tokens)), []
    return _they_do(tokens, i, verb), subject


def _unknown_verb(tokens: list[str], slot: int) -> tuple[Verdict, list[str]]:
    """The word where the verb should be is not one the judge knows: a typo of a key verb, or
    the word to name in the reason."""
    corrected = _corrected(tokens[slot])
    if corrected is None and _NEGATIONS & set(tokens[:slot]):
        return Verdict(False, "negative", _phrase(tokens)), []  # "they don't forget us"
    if corrected is None:  # "Dana florbs the contract": say which word was not read
        return Verdict(False, "unread", _phrase(tokens), unread=tokens[slot]), []
    return _analyse([*tokens[:slot], corrected, *tokens[slot + 1 :]])  # "Dana agres"


_SUBJECT_PRONOUNS = _words("they he she we i you")


def _embedded(tokens: list[str], at: int) -> bool:
    """A verb whose subject is a pronoun after a noun phrase: the clause is inside another
    ("the value *they paid for*", "convince the partner *we will invest*")."""
    subject = [token for token in tokens[:at] if token not in _MODALS | _NEGATIONS]
    if len(subject) < 2 or subject[-1] not in _SUBJECT_PRONOUNS:
        return False
    return any(token not in _PRONOUNS | _OURS | _MODALS for token in subject[:-1])


def _verb_before_meeting(tokens: list[str], slot: int | None) -> bool:
    """A word in the verb's place before any word that names a meeting: the meeting is where
    the act happens, not the objective ("CFO recommends our proposal at the November meeting",
    "Customer asign two admins to the rollout before kickoff")."""
    if slot is None:
        return False
    return not any(_bare(token) in _MEETING_NOUNS for token in tokens[: slot + 1])


# Words the judge knows, that are never the verb of a clause.
_NOT_VERBS = (
    _DETERMINERS
    | _PRONOUNS
    | _PREPOSITIONS
    | _MODALS
    | _NEGATIONS
    | _OURS
    | _WH
    | _CLAUSE_OPENERS
    | {"and", "or"}
)
# After the verb: an object, a preposition or "to" ("Dana agres to a pilot", "finalise the SOW").
_AFTER_VERB = _DETERMINERS | _PREPOSITIONS | _OURS | _words("us them him her it to up off")


def _verb_slot(tokens: list[str]) -> int | None:
    """Where the verb of a clause with none we know should be: the first word after a short
    subject (or none: an imperative) and before an object, a preposition or the end."""
    for i in range(min(len(tokens), 4)):
        word = tokens[i]
        if not word.isalpha() or len(word) < 3 or word in _NOT_VERBS:
            continue
        if word in _PLURALS and i == len(tokens) - 1:
            continue  # "Troubleshoot issues": the object
        subject = tokens[:i]
        if any(t in _NOT_VERBS - _DETERMINERS - _PRONOUNS - _MODALS - _NEGATIONS for t in subject):
            return None
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if after in _AFTER_VERB or (not after and i > 0 and word.endswith(("s", "ed"))):
            return i
        known = _verb_at(tokens, i)
        based = 0 < i <= 2 and known is not None and known.form == "base" and bool(after)
        if based and {_bare(t) for t in tokens[:i]} & (_PEOPLE | _THEIR_PEOPLE | _DEPARTMENTS):
            return i  # "buyer approve proto sample": a base form after its subject
        if i > 0 and known is None and _corrected(word) is not None:
            return i  # "Customer grnts admin access": a key verb mistyped, where a verb goes
        if after.isdigit() or (after and after[0].isdigit()):
            return i
        if i == 0 and after in _PLURALS and len(tokens) == 2:
            return i  # "Troubleshoot issues": an imperative before its object
        if i == 0 and after.split("'")[0] in _WH:
            return i  # "Count what's on the shelves": an imperative before its question
    return None


# One typo is tolerated in the key verb: one letter missing, added, changed or two swapped.
@cache
def _key_forms() -> dict[str, set[str]]:
    """Each key verb form of five letters or more, and each of its one-letter deletions."""
    found: dict[str, set[str]] = {}
    for form, entries in _table().items():
        if not typo_candidate(form):
            continue
        if not any(not rest and group in KEY_GROUPS for rest, _lemma, group, _form in entries):
            continue
        for key in {form, *(form[:k] + form[k + 1 :] for k in range(len(form)))}:
            found.setdefault(key, set()).add(form)
    return found


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


@lru_cache(maxsize=4096)  # asked of the same word by the verb slot, the clause and its reading
def _corrected(word: str) -> str | None:
    """The key verb form one typo away from the word ("agres" -> "agrees"), if just one is."""
    if word in NEAR_WORDS:
        return None  # an English word of its own ("leave", "allow"), not a typo
    index = _key_forms()
    candidates = set(index.get(word, ()))
    for k in range(len(word)):
        candidates |= index.get(word[:k] + word[k + 1 :], set())
    close = [form for form in candidates if _one_edit(word, form)]
    # "agres" is "agrees" rather than "agree": the same ending first
    ending = next((e for e in ("ing", "ed", "s") if word.endswith(e)), "")
    close.sort(key=lambda form: (ending != "" and not form.endswith(ending), form))
    return close[0] if close else None


def _done(tokens: list[str], found: _Main) -> Verdict:
    """A past participle with no one doing it: "Proposal sent", "Pilot scope signed off"."""
    i, verb = found.at, found.verb
    thing = tokens[:i]
    rest = tokens[i + verb.length :]
    agent = rest[rest.index("by") + 1 :] if "by" in rest else []
    if verb.group == ACT:  # a commitment made: theirs, whoever wrote it down
        return _meeting(tokens, thing, tokens) or _CONCRETE
    if verb.group == ACQUIRE:  # "Data export received": what we got, they handed over
        if _has(thing, _GIVEN_NOUNS, _GIVEN_PHRASES):
            return _CONCRETE
        return _noun_phrase(thing) if thing else Verdict(False, "nothing")
    if verb.group == LIGHT and _has(thing, _ACTION_NOUNS, ()):
        return _CONCRETE  # "PO raised by procurement"
    if agent and not (_OURS & set(agent)) and verb.group in (GIVE, CUSTOMER, LIGHT):
        return _CONCRETE  # "Deck shared with the board by their COO"
    return Verdict(False, "ours", _phrase(tokens))


def _clause(tokens: list[str]) -> Verdict:
    return _analyse(tokens)[0]


def _starts_clause(tokens: list[str]) -> bool:
    if tokens[:1] and tokens[0] in _PRONOUNS:
        return True  # "I need their engineers to ...": the wrapper is a clause of its own
    tokens = _strip_fillers(tokens)
    if not tokens:
        return False
    if tokens[0] in _PRONOUNS or tokens[0] in _WH or _verb_at(tokens, 0) is not None:
        return True
    if tokens[0] in _MODALS and len(tokens) > 1 and _verb_at(tokens, 1) is not None:
        return True  # "... and will come back to us"
    return any(
        (verb := _verb_at(tokens, i)) is not None
        and verb.form in ("s", "past")
        and _can_be_verb(tokens, i, verb)
        for i in range(1, min(4, len(tokens)))
    )


def _tells(tokens: list[str]) -> bool:
    """A verb of telling, whose "if" or "whether" clause is what is told, not a condition."""
    return any(
        (verb := _verb_at(tokens, i)) is not None and verb.lemma in ("tell", "let", "inform")
        for i in range(len(tokens))
    )


@dataclass
class _Part:
    tokens: list[str]
    main: bool  # a main clause: one that can carry the objective
    joint: str  # the break word before it ("and", ",", "so" ...)


# A label of the objective's role after it: "(stretch goal)", "- best case".
# (Matched from the label on, and its separators stripped after: a pattern that began with
# them would try every start in a long run of spaces.)
_ROLE_LABEL = re.compile(
    r"\b(?:stretch goal|best case|worst case|ideal case|bare minimum|at minimum|minimum|"
    r"fallback|must have|nice to have)\b[\s)\].!]*$"
)


def _parts(text: str) -> list[_Part]:
    found: list[_Part] = []
    text = text.lower().replace("’", "'").replace("&", " and ")
    text = re.sub(r"\bw/(?!o\b)", "with ", text)  # CRM shorthand: "ref call w/ Acme"
    # a time or a dotted date is not a break: "at 10:30", "on 14.01."
    text = re.sub(r"\b(\d{1,2}):(\d{2})\b", r"\1h\2", text)
    text = re.sub(r"\b(\d{1,2})\.(\d{1,2})\.(?:\d{2,4}\b)?", r"\1/\2", text)
    label = _ROLE_LABEL.search(text)
    if label is not None and text[: label.start()].strip(" \t\n([,:;–—-"):
        text = text[: label.start()].rstrip(" \t\n([,:;–—-")
    pieces = _CLAUSE_BREAK.split(text)
    joint = ""  # the break word before this part ("and", "before" ...)
    governed = False  # after "Qualify:", "Confirm:": the rest is that verb's object
    ended = False  # after a heading or a fronted phrase of context: a new part starts
    # split() with a group alternates the text and the break that follows it
    for piece, after in zip(pieces[::2], [*pieces[1::2], ""], strict=True):
        tokens = _tokens(piece)
        asked = joint.strip() in ("if", "whether") and found and _tells(found[-1].tokens)
        joined = governed or asked or (not ended and not _starts_clause(tokens))
        ended = False
        if tokens and found and joined:
            found[-1].tokens.extend(_tokens(joint) + tokens)
        elif tokens:
            opener = _strip_fillers(tokens)[0]
            subordinate = joint.strip() == "to" or joint.strip() in _SUBORDINATORS
            found.append(_Part(tokens, not subordinate and opener not in _WH, joint.strip()))
        if after.strip() == "?" and found and not governed:
            found[-1].main = False  # "lease or buy?": a question to ask, not their act
        heading = after.strip() == ":" and found and len(pieces) > 2
        if heading and not governed and len(lone := _strip_fillers(found[-1].tokens)) == 1:
            verb = _verb_at(lone, 0)
            governed = verb is not None and verb.form == "base"
        labelled = found and found[-1].tokens[-1:] and found[-1].tokens[-1] in _GOALS
        if heading and (labelled or _main_verb(_strip_fillers(found[-1].tokens)) is None):
            found[-1].main = False  # "Best action commitment: ..." is a heading
            ended = True
        if found and tuple(found[-1].tokens) in _FILLERS and after.strip():
            found.pop()  # "Ideally, ...", "Objective - ...": a word before the clause
            joint = ""
            continue
        opened = found and {found[0].joint, _strip_fillers(found[0].tokens)[0]} & _FRONTED
        if after.strip() == "," and len(found) == 1 and opened:
            found[0].main = False  # "By the end of the call, ...": context
            ended = True
        joint = after or ""
    return found


# Words that open a phrase of context before the main clause, when a comma ends it.
_FRONTED = _words(
    """
    as since given now with following after before once because while although though if
    when in ahead due thanks by
    """
)


def clauses(text: str) -> list[list[str]]:
    """The clauses of an objective; a fragment with no verb of its own stays with the one before."""
    return [part.tokens for part in _parts(text)]


# The reasons in the order they are preferred: VagueKind's own order.
_REASON_ORDER: tuple[VagueKind, ...] = get_args(VagueKind)


# An objective is a sentence or two; the judge reads no further than this into a longer text
# (a pasted document, a hostile plan file), so its work stays bounded.
READ_AT_MOST = 2_000
# Where one sentence ends and the next begins: each is judged on its own.
_SENTENCE_END = re.compile(r"(?<=[.!;])\s+")
# Titles a full stop ends without ending the sentence ("Dr. Scott"), and abbreviations
# that end one only when a capital follows ("approx. 40 seats", "fri. Follow-up call").
_TITLES = _words("dr mr mrs ms prof st")
_ABBREVIATIONS = _words(
    """
    no nos inc ltd co corp approx incl vs etc eg ie jan feb mar apr jun jul aug sep sept oct
    nov dec mon tue tues wed thu thur thurs fri sat sun am pm
    """
)


def _sentences(text: str) -> list[str]:
    found: list[list[str]] = []
    for piece in _SENTENCE_END.split(text.strip()):
        last = found[-1][-1] if found else ""
        if last.endswith(".") and _ends_abbreviated(last, piece):
            found[-1].append(piece)
        elif piece.strip():
            found.append([piece])
    return [" ".join(pieces) for pieces in found]


def _ends_abbreviated(sentence: str, following: str) -> bool:
    """'... with Dr.', '... approx.', '... J.', '... PO no. 4471': a full stop that does not
    end the sentence ("They say no. The VP signs" has two)."""
    word = re.sub(r"[^a-z]", "", sentence.rsplit(None, 1)[-1].lower())
    if word in _TITLES:
        return True
    continues = following[:1].isdigit() or following[:1].islower()
    return continues and (word in _ABBREVIATIONS or len(word) == 1)


def judge(objective: str) -> Verdict:
    """Concrete when a sentence's main clause names a customer act; else the most telling
    reason why not. Sentences stand apart: "Learn their process. After activation, Dana
    uploads her first products" is concrete by its second sentence, whatever the first is."""
    objective = objective[:READ_AT_MOST]
    sentences = _sentences(objective)
    if len(sentences) < 2:
        return _judge_sentence(objective)
    verdicts = [_judge_sentence(sentence) for sentence in sentences]
    if any(verdict.concrete for verdict in verdicts):
        return _CONCRETE
    return min(verdicts, key=lambda v: _REASON_ORDER.index(v.kind or "nothing"))


def _judge_sentence(objective: str) -> Verdict:
    parts = _parts(objective)
    if not parts:
        return Verdict(False, "nothing")
    judged: list[tuple[_Part, Verdict]] = []
    subject: list[str] = []
    agrees = ""  # the form of the verb the subject took: "s" for "Dana agrees"
    for part in parts:
        tokens = _strip_fillers(part.tokens)
        while subject and tokens[:1] and tokens[0] in _MODALS and len(tokens) > 1:
            tokens = tokens[1:]  # "... and will come back to us"
        verb = _verb_at(tokens, 0) if tokens else None
        if verb is not None and verb.form == "base" and agrees == "s":
            subject = []  # "Owner agrees to a call and send them the form": "send" is ours
        if subject and part.joint in ("and", "or", ",", "then") and verb is not None:
            # "They write it down and send it over": the subject is shared
            verdict = _they_do([*subject, *tokens], len(subject), verb, part.tokens)
            verdict = _read(verdict, [*subject, *tokens])
        else:
            verdict, subject = _analyse(tokens)
            verdict = _read(verdict, tokens)
            found = _main_verb(tokens) if subject else None
            agrees = found.verb.form if found is not None else ""
        if not part.main:
            subject = []  # "Because their renewal is due, use the call ...": not their act
        judged.append((part, verdict))
    main = [verdict for part, verdict in judged if part.main] or [v for _p, v in judged]
    if any(v.concrete for v in main):
        if sum(len(part.tokens) for part in parts) < 2:
            word = " ".join(parts[0].tokens)
            return Verdict(False, "short", word, actor="nobody", act=word)
        return _CONCRETE
    return min(main, key=lambda v: _REASON_ORDER.index(v.kind or "nothing"))


# --- what the judge read: who acts, and the act -----------------------------------------------

# The seller's words for themselves, and for the customer's object, as the coach says them back.
_TO_SELLER = {"we": "you", "i": "you", "us": "you", "me": "you", "our": "your", "my": "your"}
_PARTICLES = _words("through back over up in out off around about know")


def _read(verdict: Verdict, tokens: list[str]) -> Verdict:
    """The verdict with who the judge read as acting and the act it read, for the reason."""
    if verdict.concrete or verdict.unread or verdict.actor:
        return verdict
    tokens = _strip_fillers(tokens)
    if not verdict.phrase:
        verdict = replace(verdict, phrase=_phrase(tokens))
    found = _main_verb(tokens) if tokens else None
    state = next((t for t in tokens if t in _STATE_WORDS), "") if found is None else ""
    slot = _verb_slot(tokens) if found is None and not state else None
    if verdict.kind == "meeting" and not _verb_before_meeting(tokens, slot):
        slot = None  # "Discussion with the distributor": the meeting word is no act
    if slot is not None:  # "They don't forget us": the word where the act is
        core = [t for t in tokens[:slot] if t not in _MODALS | _NEGATIONS]
        act = " ".join(t for t in tokens[: slot + 1] if t not in core)
        return replace(verdict, actor=" ".join(core) or "you", act=act)
    if found is None:
        head = next((t for t in tokens if _bare(t) in _MEETING_NOUNS | _STATE_WORDS), "")
        if head in _STATE_WORDS:  # "Customer happy with the demo"
            who = " ".join(tokens[: tokens.index(head)]) or "they"
            return replace(verdict, actor=who, act=("are " if who == "they" else "is ") + head)
        if not head:  # "Chemistry check": a label, with no one doing anything in it
            return replace(verdict, actor="nobody", act=verdict.phrase.removesuffix(" …"))
        return replace(verdict, actor="nobody", act=head)
    i, verb = found.at, found.verb
    if verb.lemma in ("get", "have") and not found.passive:
        for j in range(i + 2, min(len(tokens), i + 8)):
            inner = _verb_at(tokens, j)
            if inner is not None and inner.form == "base" and tokens[j - 1] not in _DETERMINERS:
                if tokens[j - 1] == "to" or verb.lemma == "have":
                    # "Have the ops leads watch the demo": they watch
                    end = j - 1 if tokens[j - 1] == "to" else j
                    return _read(verdict, [*tokens[i + 1 : end], "will", *tokens[j:]])
                break
    words = tokens[i : i + verb.length]
    after = tokens[i + verb.length : i + verb.length + 2]
    subject = tokens[:i]
    theirs = bool(subject) and not _OURS & set(subject)
    if theirs and after[:1] and after[0] in ("us", "me"):  # "walks us through", "lets us know"
        words = [*words, after[0], *(after[1:] if after[1:] and after[1] in _PARTICLES else [])]
    core = subject
    for k, token in enumerate(subject):
        if token in _MODALS | _NEGATIONS or token in ("do", "does", "did", "is", "are", "has"):
            core, words = subject[:k], [*subject[k:], *words]
            break
    if found.passive:
        if verdict.kind == "ours":  # "has been offered": you offered
            return replace(verdict, actor="you", act=" ".join(tokens[i : i + verb.length]))
        core = []
    if not core or _OURS & set(core):
        lemma = verb.lemma if not found.passive and not (core and i) else " ".join(words)
        act = " ".join([lemma, *words[verb.length :]]) if not found.passive else lemma
        return replace(
            verdict, actor="you", act=" ".join(_TO_SELLER.get(w, w) for w in act.split())
        )
    return replace(
        verdict,
        actor=" ".join(core),
        act=" ".join(_TO_SELLER.get(word, word) for word in words),
    )


def _as_written(objective: str, phrase: str, sentence: bool = True) -> str:
    """The phrase in the seller's own capitals and punctuation, when it can be found.

    `sentence=False`: said inside a sentence, so a capital that only starts the seller's
    sentence goes ("The ops lead" -> "the ops lead"; "Dana" and "CFO" stay)."""
    words = phrase.removesuffix(" …").split()
    if not words:
        return phrase
    pattern = r"[\W_]+".join(re.escape(word).replace("'", "['’]") for word in words)
    found = re.search(pattern, objective, re.IGNORECASE)
    if found is None:
        return phrase
    written = found.group(0) + (" …" if phrase.endswith(" …") else "")
    first = written.split()[0]
    if sentence or not first[:1].isupper() or not first[1:].islower():
        return written
    word = first.lower()
    if word in _NOT_VERBS | _PEOPLE | _THEIR_PEOPLE | _DEPARTMENTS or word in _table():
        return written[0].lower() + written[1:]  # a capital that only starts the sentence
    return written  # a name: "Dana"


def vague_reason(objective: str) -> str | None:
    """Why an objective is not one the customer can act on, or None when it is concrete (or empty)."""
    if not objective.strip():
        return None
    verdict = judge(objective)
    if verdict.concrete:
        return None
    actor = _as_written(objective, verdict.actor, sentence=False)
    if actor.lower() in (_THEIR_PEOPLE | _PEOPLE) - _DEPARTMENTS:
        actor = "the " + actor  # "Customer confirms": the customer; "Procurement" stays
    return messages.vague_reason(
        verdict.kind or "nothing",
        _as_written(objective, verdict.phrase),
        actor=actor,
        act=_as_written(objective, verdict.act, sentence=False),
        unread=_as_written(objective, verdict.unread),
    )
