"""The objective judge's verbs: classes of verbs by what they commit their subject to.

More in docs/internals.md, `callprep.coach.lexicon`. The word forms are in verb_forms.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The judge's groups: who acts, and what the act commits them to.
ACT = "act"  # a customer act that moves the deal, whoever writes it
GIVE = "give"  # a handing-over: the customer's act only with something concrete in hand
CUSTOMER = "customer"  # the customer's act when they are the subject ("they run a pilot")
ACQUIRE = "acquire"  # we get something: concrete when only the customer can give it
SELLER = "seller"  # the seller's own activity, or talk
STATE = "state"  # what someone thinks, feels or knows
MEET = "meet"  # meeting: a commitment only when the meeting is pinned down
CONTINUE = "continue"  # coming back to us: a step only with something in hand
REPORT = "report"  # saying or promising: the act is in what follows
AUDIENCE = "audience"  # listening to us: our act, whoever the subject is
LIGHT = "light"  # make, raise, open: the noun after it is the act ("raise a PO")
EVENT = "event"  # something that happens, not an act ("the proposal arrived")
GROUPS = (
    ACT,
    GIVE,
    CUSTOMER,
    ACQUIRE,
    SELLER,
    STATE,
    MEET,
    CONTINUE,
    REPORT,
    AUDIENCE,
    LIGHT,
    EVENT,
)

# A verb form: "sign", "signs", "signed", "signing".
VerbForm = Literal["base", "s", "past", "ing"]


@dataclass(frozen=True)
class VerbClass:
    """Verbs of one class. `source` names the published class they are taken from (VerbNet's
    class id, after Levin 1993), or says "ours" and why; `members` are the verbs a call plan
    uses of it ("sign+off": `+` joins the words of a phrasal verb)."""

    source: str
    group: str
    members: str

    def lemmas(self) -> tuple[str, ...]:
        return tuple(word.replace("+", " ") for word in self.members.split())


# A verb in more than one class takes the group of the sense a call plan uses ("call" is
# talk, not get-13.5.1's "call a taxi"; "find out" is finding out, "find the budget" is
# get-13.5.1's getting): each verb is listed in one class only, and a test holds it to that.
CLASSES: tuple[VerbClass, ...] = (
    # --- committing: the customer's act, whoever writes it -----------------------------------
    VerbClass("VerbNet settle-36.1.2 (agreeing, deciding)", ACT, "agree decide settle concur"),
    VerbClass(
        "VerbNet accept-77.1, allow-64.1, order-58.3 (approving, authorising)",
        ACT,
        "accept approve okay authorise authorize mandate",
    ),
    VerbClass(
        "ours: approving in the words of the paper process",
        ACT,
        "sanction ratify endorse greenlight green-light sign+off rubber-stamp",
    ),
    VerbClass(
        "VerbNet indicate-78, conjecture-29.5 (confirming: an act only when what is confirmed is)",
        ACT,
        "confirm acknowledge",
    ),
    VerbClass("VerbNet dedicate-79 (committing)", ACT, "commit dedicate devote"),
    VerbClass("VerbNet promise-37.13, ensure-99 (guaranteeing)", ACT, "guarantee pledge"),
    VerbClass(
        "VerbNet appoint-29.1, dub-29.3 (appointing, naming)",
        ACT,
        "appoint designate elect nominate name vote",
    ),
    VerbClass(
        "VerbNet future_having-13.3 (granting, allocating)",
        ACT,
        "allocate allot assign award grant issue",
    ),
    VerbClass("ours: setting money aside", ACT, "earmark ring-fence fund invest release"),
    VerbClass(
        "VerbNet get-13.5.1, obtain-13.5.2 (buying and booking, as the customer's act)",
        ACT,
        "buy purchase order procure acquire lease rent charter book reserve choose pick select",
    ),
    VerbClass(
        "VerbNet hire-13.5.3 (engaging a supplier)",
        ACT,
        "hire enlist retain subcontract commission",
    ),
    VerbClass(
        "VerbNet pay-68, contribute-13.2 (paying, donating)",
        ACT,
        "pay donate contribute disburse remit gift",
    ),
    VerbClass(
        "VerbNet begin-55.1, establish-55.5 (starting)",
        ACT,
        "start begin commence proceed launch initiate institute kick+off set+up organise "
        "organize arrange",
    ),
    VerbClass(
        "ours: signing (the paper process)",
        ACT,
        "sign countersign execute e-sign docusign sign+up finalise finalize bind lock",
    ),
    VerbClass(
        "ours: scheduling (book and reserve are get-13.5.1's)",
        ACT,
        "schedule block hold pencil+in slot+in lock+in diarise diarize",
    ),
    VerbClass(
        "ours: the steps of a deal",
        ACT,
        "renew extend expand upgrade subscribe opt+for opt+in go+ahead move+forward "
        "move+ahead say+yes go+for shortlist sponsor champion register enrol enroll join place "
        "pull+the+trigger "
        "pass tender",
    ),
    # --- handing over: a step only with something concrete in hand ---------------------------
    VerbClass("VerbNet give-13.1 (giving)", GIVE, "give lend loan hand"),
    VerbClass(
        "VerbNet future_having-13.3 (offering, leaving with us: theirs to hand over)",
        GIVE,
        "offer leave",
    ),
    VerbClass("VerbNet fulfilling-13.4.1 (supplying)", GIVE, "provide supply furnish entrust"),
    VerbClass(
        "VerbNet send-11.1 (sending)",
        GIVE,
        "send forward mail email e-mail ship transmit wire dispatch transfer upload",
    ),
    VerbClass("VerbNet bring-11.3 (bringing)", GIVE, "bring take"),
    VerbClass("VerbNet contribute-13.2 (submitting)", GIVE, "submit return"),
    VerbClass(
        "VerbNet transfer_mesg-37.1.1 (showing, telling)",
        GIVE,
        "show tell share circulate pass+on hand+over walk add put present",
    ),
    VerbClass(
        "ours: introducing, letting us in (allow and permit are VerbNet allow-64.1's)",
        GIVE,
        "introduce connect refer invite let allow permit loop+in bring+in rope+in cc copy+in",
    ),
    VerbClass(
        "VerbNet judgement-33 (recommending: passing us on to someone of theirs)",
        GIVE,
        "recommend",
    ),
    # --- the customer's own acts, when they are the subject ----------------------------------
    VerbClass(
        "VerbNet use-105.1, put-9.1 (using, installing)",
        CUSTOMER,
        "run try test trial use deploy implement adopt install migrate switch port move roll+out "
        "complete fill+in fill+out write+down pull+together swap replace redline onboard "
        "whitelist allowlist provision configure enable",
    ),
    VerbClass(
        "VerbNet keep-15.2 (keeping, retaining: keeping in touch is a continuation)",
        CUSTOMER,
        "keep",
    ),
    VerbClass(
        "VerbNet involve-107.1, hire-13.5.3 (taking on)",
        CUSTOMER,
        "engage include involve vet go+with go+live interview",
    ),
    VerbClass(
        "ours: retail listing, prescribing, specifying",
        CUSTOMER,
        "list stock range carry feature prescribe dispense specify",
    ),
    VerbClass(
        "VerbNet mix-22.1, amalgamate-22.2 (designing our part into theirs: a design win)",
        CUSTOMER,
        "design incorporate integrate embed standardise standardize",
    ),
    # --- we get what only they can give ------------------------------------------------------
    VerbClass(
        "VerbNet get-13.5.1, obtain-13.5.2 (getting)",
        ACQUIRE,
        "get secure obtain win land receive earn gain close reach achieve have set fix find "
        "walk+away+with come+away+with leave+with",
    ),
    # --- light verbs: the noun after them is the act -----------------------------------------
    VerbClass(
        "ours: light verbs (make an order, raise a PO, open an account, write the order)",
        LIGHT,
        "make do raise open write",
    ),
    # --- the seller's own acts, and talk ------------------------------------------------------
    VerbClass(
        "VerbNet chit_chat-37.6, talk-37.5, lecture-37.11, tell-37.2 (talking, informing)",
        SELLER,
        "talk discuss chat speak explain update inform educate remind answer outline clarify "
        "recap cover highlight",
    ),
    VerbClass(
        "VerbNet assessment-34.1, investigate-35.4, search-35.2, discover-84, learn-14, "
        "see-30.1 (examining, finding out)",
        SELLER,
        "explore uncover surface identify probe assess audit gauge qualify check review evaluate "
        "observe learn "
        "collect gather find+out figure+out look+at look+into dig+into work+out",
    ),
    VerbClass(
        "ours: selling, building the relationship, following up",
        SELLER,
        "pitch demo demonstrate handle address reconnect build strengthen reinforce maintain "
        "deliver position brainstorm continue ask request nurture establish develop sync prepare stay "
        "follow+up touch+base catch+up check+in go+over go+through run+through talk+through "
        "get+to+know negotiate conduct spark create align hand+out reach+out circle+back "
        "check+back call drop+by come+by hold+firm hold+out hold+back",
    ),
    VerbClass("VerbNet force-59 (persuading: our act on them)", SELLER, "convince persuade"),
    VerbClass(
        "VerbNet help-72 (helping: our act, whatever they then do)", SELLER, "help assist aid"
    ),
    VerbClass(
        "VerbNet consider-29.9, want-32.1, wish-62, conjecture-29.5 (thinking, wanting)",
        STATE,
        "be like love understand know see think feel want need consider appreciate trust "
        "enjoy become remain seem value realise realize recognise recognize believe prefer "
        "wonder reflect digest mull ponder hope look sound appear",
    ),
    VerbClass(
        "VerbNet meet-36.3, attend-107.4 (meeting, coming to one)",
        MEET,
        "meet host visit attend get+together come",
    ),
    VerbClass(
        "ours: coming back to us",
        CONTINUE,
        "get+back come+back call+back revert be+in+touch think+over hold+off pick+up",
    ),
    VerbClass("VerbNet say-37.7, promise-37.13 (saying, promising)", REPORT, "say promise"),
    VerbClass("ours: listening, answering our invitation", AUDIENCE, "listen watch hear rsvp"),
    VerbClass("VerbNet escape-51.1, occur-48.3 (arriving, happening)", EVENT, "arrive happen"),
)


def verbs() -> dict[str, frozenset[str]]:
    """Each group's lemmas."""
    found: dict[str, set[str]] = {group: set() for group in GROUPS}
    for verb_class in CLASSES:
        found[verb_class.group].update(verb_class.lemmas())
    return {group: frozenset(lemmas) for group, lemmas in found.items()}


# CRM shorthand for a verb form, as sellers type it in a next-step field ("PO rcvd", "C/B
# thurs"): the lemma (of the classes above) and the form it stands for.
SHORTHAND: dict[str, tuple[str, VerbForm]] = {
    "c/b": ("call back", "base"),
    "rcvd": ("receive", "past"),
    "recd": ("receive", "past"),
    "rec'd": ("receive", "past"),
    "recvd": ("receive", "past"),
    "sched": ("schedule", "past"),
    "sched'd": ("schedule", "past"),
    "apprvd": ("approve", "past"),
    "sgnd": ("sign", "past"),
    "specs": ("specify", "s"),
    "spec'd": ("specify", "past"),
    "specced": ("specify", "past"),
}

# Forms the lemmatizer's tables lack, added by hand.
EXTRA_FORMS: dict[str, tuple[str, ...]] = {
    "greenlight": ("greenlit",),
    "green-light": ("green-lit",),
}

# The key verbs, whose forms the judge reads through one typo ("agres" is "agrees"): the
# groups that commit the customer, and only forms of KEY_MIN_LENGTH letters or more. The
# English words one letter from them are written out in verb_forms.py (NEAR_WORDS).
KEY_GROUPS = (ACT, GIVE, CUSTOMER, LIGHT)
KEY_MIN_LENGTH = 5


def typo_candidate(form: str) -> bool:
    """A form the typo tolerance reads a key verb's typos against: long enough, all letters."""
    return len(form) >= KEY_MIN_LENGTH and form.isalpha()
