"""Is an objective something the customer will do or agree to? A rule-based judge that says why not.

More in docs/internals.md, `callprep.coach.objective`.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args

from callprep import messages
from callprep.coach.lexicon import (
    ACQUIRE,
    ACT,
    AUDIENCE,
    CONTINUE,
    CUSTOMER,
    GIVE,
    LIGHT,
    MEET,
    REPORT,
    SELLER,
    STATE,
    verbs,
)
from callprep.coach.verb_forms import FORMS


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
    "empty",
    "negative",
    "audience",
    "state",
    "talk",
    "meeting",
    "short",
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
    deep-dive visit
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
    choice selection booking reservation deposit investment
    """
)
# A verb followed by one of these is the first half of a noun ("start date", "order form").
_NOUN_COMPOUNDS = {"date", "dates", "form", "forms", "process", "plan"}
# A prepositional phrase the customer hands over is its object: "their thoughts *on the pilot*".
_PREPOSITIONS = _words(
    """
    on about for with from to in at by regarding around into over during within
    """
)
# A decision *process* is something to learn about, not a decision.
_NOT_A_DECISION = {"process", "criteria", "maker", "makers", "making"}

# Meetings. A generic one needs pinning down; a named step of the deal pins itself.
_GENERIC_MEETINGS = _words(
    """
    meeting meetings call calls follow-up followup f/u catch-up check-in chat conversation
    appointment appointments time slot minutes session get-together touchpoint sync coffee
    lunch invitation discussion something calendar diary
    """
)
_DEAL_STEPS = _words(
    """
    demo demos demonstration deep-dive workshop visit survey presentation review training
    kickoff kick-off onboarding evaluation pilot trial poc go/no-go proposal reference
    references ref negotiation signing install installation test tour walkthrough
    """
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
    managers lead leads owner owners team teams committee board group controller buyer
    buyers users engineers architect planners staff finance procurement legal security ops
    operations engineering purchasing hr compliance counsel sponsor champion executive
    executives exec execs leadership customers boss chair president founder partner
    partners stakeholders
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
    r"|\b(?:this|next) week\b|\bweek of\b"
    r"|\bwithin (?:a|one|two|three|four|five|ten|\d+) (?:days?|weeks?)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}(?::\d\d)? ?(?:am|pm)\b|\b\d{1,2}/\d{1,2}\b"
    r"|\bat \d{1,2}\b"
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
    r"^(?:get (?:a |an |the )?(?:\w+ )?(?:feel|sense|idea|read|picture|understanding|handle|"
    r"flavou?r|view)\b|get to know\b|get in front of\b|get (?:them|him|her|(?:\w+ ){1,3})"
    r"(?:interested|excited|comfortable|on board|onside|engaged)\b|see (?:what|if|whether|"
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
    two first next new paid free
    """
)
_NEGATIONS = _words(
    """
    not don't doesn't won't never didn't can't cannot shouldn't wouldn't isn't aren't
    nobody nothing
    """
)
_OURS = {"we", "our", "us", "i", "my", "me"}
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
    stay keep check+in call drop+by come+by
    """
)
# A clause opened by one of these leans on another: it cannot carry the objective.
_SUBORDINATORS = _words(
    """
    so so+that in+order+to before after while until once when whenever if unless because
    """
)

_TOKEN = re.compile(r"[a-z0-9]+(?:['/-][a-z0-9]+)*")
_CLAUSE_BREAK = re.compile(
    r"([,;:.!?()\[\]–—+]|\s-\s|\b(?:and|then|so that|so|but|in order to|before|after|while|"
    r"until|once|or else|when|whenever|if|unless|because)\b)"
)


@dataclass(frozen=True)
class Verb:
    lemma: str
    group: str
    form: Literal["base", "s", "past", "ing"]
    length: int  # tokens it spans: "sign off" is 2


@dataclass(frozen=True)
class Verdict:
    concrete: bool
    kind: VagueKind | None = None  # why it is vague
    phrase: str = ""  # the words that show it


_CONCRETE = Verdict(True)


def _inflect(lemma: str) -> dict[str, Literal["base", "s", "past", "ing"]]:
    """A verb's forms, from the table written out of the lemmatizer's (verb_forms.py)."""
    present, third, past, ing = FORMS[lemma]
    forms: dict[str, Literal["base", "s", "past", "ing"]] = {}
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


def _build_table() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First word form -> [(the rest of a phrasal verb, lemma, group)], longest phrase first."""
    table: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for group, lemmas in _VERBS.items():
        for lemma in lemmas:
            head, *rest = lemma.split()
            for form in _inflect(head):
                table.setdefault(form, []).append((tuple(rest), lemma, group))
    for entries in table.values():
        entries.sort(key=lambda entry: (-len(entry[0]), entry[1]))
    return table


@cache
def _table() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    return _build_table()  # built on first use: importing the coach stays cheap


@cache
def _forms(head: str) -> dict[str, Literal["base", "s", "past", "ing"]]:
    return _inflect(head)


def _verb_at(tokens: list[str], i: int) -> Verb | None:
    for rest, lemma, group in _table().get(tokens[i], ()):
        if tuple(tokens[i + 1 : i + 1 + len(rest)]) == rest:
            form = _forms(lemma.split()[0])[tokens[i]]
            return Verb(lemma, group, form, 1 + len(rest))
    return None


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
    return tokens


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
        return not (
            verb.form == "base" and verb.group not in (ACT, ACQUIRE) and _passive_after(tokens, 1)
        )
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
    # a modal or a plural subject ("both sides sign") it is the verb.
    return (
        before in _PRONOUNS
        or before in _MODALS
        or before in _NEGATIONS
        or (before.endswith("s") and not before.endswith("ss") and _verb_at(tokens, i - 1) is None)
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
        if verb.lemma in ("be", "have", "do") and verb.form != "ing":
            # an auxiliary: "is giving", "has agreed", "has been approved", "are agreeing"
            j = i + 1
            while j < len(tokens) and tokens[j] in ("been", "not", "already", "just", "also"):
                j += 1
            inner = _verb_at(tokens, j) if j < len(tokens) else None
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


def _phrase(tokens: list[str], start: int = 0, words: int = 5) -> str:
    chosen = tokens[start : start + words]
    return " ".join(chosen) + (" …" if len(tokens) > start + words else "")


def _has(tokens: list[str], nouns: AbstractSet[str], phrases: tuple[str, ...]) -> bool:
    text = " ".join(tokens)
    if any(re.search(rf"\b{re.escape(p)}\b", text) for p in phrases):
        return True
    for i, token in enumerate(tokens):
        if _bare(token) in nouns:
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
        if verb is not None and verb.group == ACT:  # "a call to sign the order form"
            return True
    return _has(tokens, frozenset(), _GIVEN_PHRASES)


def _opinion(thing: list[str], tokens: list[str]) -> Verdict | None:
    """Their thoughts, our understanding: a view is not a commitment (ours is our own act)."""
    if not any(_bare(token) in _OPINION_NOUNS for token in thing):
        return None
    if _OURS & set(thing):
        return Verdict(False, "seller", _phrase(tokens))
    return Verdict(False, "opinion", _phrase(tokens))


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
            if _verb_at(tokens, i - 1) is not None:
                continue
            return _CONCRETE  # "questionnaire back from IT by wed": they hand it back
    if any(token in _STATE_WORDS for token in tokens):
        return Verdict(False, "state", _phrase(tokens))
    if any(_bare(token) in _MEETING_NOUNS for token in tokens):
        return Verdict(False, "meeting", _phrase(tokens))
    return Verdict(False, "nothing")


def _inner_act(subject: list[str], rest: list[str], tokens: list[str]) -> Verdict | None:
    """'agrees to run a pilot', 'promises to send the data': the act after "to"."""
    if rest[:1] != ["to"] or len(rest) < 2:
        return None
    inner = _verb_at(rest, 1)
    if inner is None:
        return None
    if inner.group == SELLER:  # agreeing to talk is agreeing to a meeting
        if _continuation(rest[1:]):
            return Verdict(False, "continuation", _phrase(tokens))
        if _pinned(rest[1 + inner.length :]):
            return _CONCRETE
        return Verdict(False, "unpinned", _phrase(tokens))
    return _they_do([*subject, *rest[1:]], len(subject), inner, tokens)


def _commits(tokens: list[str], i: int, verb: Verb, whole: list[str]) -> Verdict:
    """An act that commits (agree, book, sign ...): concrete unless its object is hollow."""
    rest = tokens[i + verb.length :]
    if _empty(rest):
        return Verdict(False, "empty", _phrase(whole))
    if _continuation(rest):
        return Verdict(False, "continuation", _phrase(whole))
    if verb.lemma in ("agree", "confirm", "accept", "decide", "commit", "say yes"):
        inner = _inner_act(tokens[:i], rest, whole)
        if inner is not None:
            return inner
        if rest[:1] == ["with"] and "on" not in rest:
            return Verdict(False, "opinion", _phrase(whole))  # "agrees with our assessment"
        if rest[:1] and rest[0] in _WH:
            return _CONCRETE  # "confirm who else is in the decision"
        if _is_clause(rest):
            said = _clause(rest[1:] if rest[0] == "that" else rest)
            return said if said.concrete else Verdict(False, "opinion", _phrase(whole))
    thing = _direct_object(rest)
    return _opinion(thing, whole) or _meeting(whole, thing, rest) or _CONCRETE


def _hands_over(tokens: list[str], i: int, verb: Verb, whole: list[str]) -> Verdict:
    """The customer sends, tells, invites: a step only with something concrete in hand."""
    rest = tokens[i + verb.length :]
    to_us = bool(rest) and rest[0] in ("us", "me")
    if to_us:
        rest = rest[1:]
    continuation = Verdict(False, "continuation", _phrase(whole))
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
    wh = next((token for token in rest[:4] if token in _WH), None)
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
    return _opinion(thing, whole) or _CONCRETE


def _asks(tokens: list[str], i: int, verb: Verb, whole: list[str]) -> Verdict:
    """'asks her VP for approval' is their act; 'asks us to send information' is ours."""
    rest = tokens[i + verb.length :]
    if rest[:1] and rest[0] in _OURS:
        return Verdict(False, "continuation", _phrase(whole))
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
    if verb.group == ACT:
        return _commits(tokens, i, verb, whole)
    if verb.group == GIVE:
        return _hands_over(tokens, i, verb, whole)
    if verb.group == CUSTOMER:
        if verb.lemma == "run" and any(token in ("past", "by") for token in rest[:4]):
            return talk  # running it past the boss is talking to them
        if _empty(rest):
            return Verdict(False, "empty", _phrase(whole))
        if _continuation(rest):
            return Verdict(False, "continuation", _phrase(whole))
        return _CONCRETE
    if verb.group == CONTINUE:
        if "with" in rest and not _empty(rest[rest.index("with") + 1 :]):
            return _CONCRETE  # "gets back to us with the signed order form"
        return Verdict(False, "continuation", _phrase(whole))
    if verb.group == MEET:
        # whom they meet is the subject ("get the plant managers to meet us"), unless "again"
        if _pinned(rest if "again" in rest else tokens[:i] + rest):
            return _CONCRETE
        return Verdict(False, "unpinned", _phrase(whole))
    if verb.group == ACQUIRE:
        if rest[:1] and rest[0] in _STATE_WORDS:
            return Verdict(False, "state", _phrase(whole))  # "gets excited about it"
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
        return _CONCRETE if _has(_direct_object(rest), _ACTION_NOUNS, ()) else talk
    # SELLER verbs: talk, unless it is a step of theirs
    if verb.lemma == "ask":
        return _asks(tokens, i, verb, whole)
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
        if inner.form == "past" and inner.group == ACT:
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
        handed = _has(before, _GIVEN_NOUNS | _GENERIC_MEETINGS, _GIVEN_PHRASES)
        caused = _causative(tokens, verb, bare=not handed)
        if caused is not None:
            return caused
    thing = _direct_object(rest)
    opinion = _opinion(thing, whole)
    if opinion is not None:
        return opinion
    if verb.lemma == "receive":  # whatever we receive, they hand over
        return Verdict(False, "empty", _phrase(whole)) if _empty(rest) else _CONCRETE
    if verb.lemma == "have":  # "have a call" is no commitment, "have their approval" is
        return _CONCRETE if _has(thing, _STRONG_NOUNS, _STRONG_PHRASES) else _noun_phrase(tokens)
    if _has(thing, _GIVEN_NOUNS, _GIVEN_PHRASES) or _committed_participle(thing):
        return _CONCRETE
    meeting = _meeting(whole, thing, rest)
    if meeting is not None:
        return meeting
    return _noun_phrase(tokens)  # "have a good conversation" names only a meeting


def _we_ask(tokens: list[str], verb: Verb, whole: list[str] | None = None) -> Verdict:
    """A clause that starts with a verb: the seller is its subject, or both sides are."""
    whole = whole if whole is not None else tokens
    rest = tokens[verb.length :]
    seller = Verdict(False, "seller", _phrase(whole))
    if verb.group == MEET and "again" in rest:
        return Verdict(False, "unpinned", _phrase(whole))
    if verb.group in (SELLER, STATE, MEET, CONTINUE, REPORT, AUDIENCE):
        return seller  # "understand their needs" is the seller's to do
    if verb.group == LIGHT:
        return _CONCRETE if _has(_direct_object(rest), _ACTION_NOUNS, ()) else seller
    if verb.group == GIVE:
        return _hands_over(tokens, 0, verb, whole) if rest[:1] in (["us"], ["me"]) else seller
    if verb.group == ACT:
        if rest[:1] and rest[0] in _NOUN_COMPOUNDS:
            return _noun_phrase(tokens)
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
    if found is None:
        return _noun_phrase(tokens), []
    i, verb = found.at, found.verb
    subject = tokens[:i]
    if subject and _bare(subject[-2 if subject[-1] == "to" and len(subject) > 1 else -1]) in (
        _MEETING_NOUNS
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
    if ours and not (ours == {"our"} and _THEIR_PEOPLE & set(subject)):
        return _we_ask(tokens[i:], Verb(verb.lemma, verb.group, "base", verb.length)), []
    if _NEGATIONS & set(subject):
        return Verdict(False, "negative", _phrase(tokens)), []
    return _they_do(tokens, i, verb), subject


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


@dataclass
class _Part:
    tokens: list[str]
    main: bool  # a main clause: one that can carry the objective
    joint: str  # the break word before it ("and", ",", "so" ...)


def _parts(text: str) -> list[_Part]:
    found: list[_Part] = []
    pieces = _CLAUSE_BREAK.split(text.lower().replace("’", "'"))
    joint = ""  # the break word before this part ("and", "before" ...)
    # split() with a group alternates the text and the break that follows it
    for piece, after in zip(pieces[::2], [*pieces[1::2], ""], strict=True):
        tokens = _tokens(piece)
        if tokens and found and not _starts_clause(tokens):
            found[-1].tokens.extend(_tokens(joint) + tokens)
        elif tokens:
            opener = _strip_fillers(tokens)[0]
            subordinate = joint.strip() == "to" or joint.strip() in _SUBORDINATORS
            found.append(_Part(tokens, not subordinate and opener not in _WH, joint.strip()))
        heading = after.strip() == ":" and found and len(pieces) > 2
        if heading and _main_verb(_strip_fillers(found[-1].tokens)) is None:
            found[-1].main = False  # "Best action commitment: ..." is a heading
        joint = after or ""
    return found


def clauses(text: str) -> list[list[str]]:
    """The clauses of an objective; a fragment with no verb of its own stays with the one before."""
    return [part.tokens for part in _parts(text)]


# The reasons in the order they are preferred: VagueKind's own order.
_REASON_ORDER: tuple[VagueKind, ...] = get_args(VagueKind)


def judge(objective: str) -> Verdict:
    """Concrete when a main clause names a customer act; else the most telling reason why not."""
    parts = _parts(objective)
    if not parts:
        return Verdict(False, "nothing")
    judged: list[tuple[_Part, Verdict]] = []
    subject: list[str] = []
    for part in parts:
        tokens = _strip_fillers(part.tokens)
        while subject and tokens[:1] and tokens[0] in _MODALS and len(tokens) > 1:
            tokens = tokens[1:]  # "... and will come back to us"
        verb = _verb_at(tokens, 0) if tokens else None
        if subject and part.joint in ("and", "or", ",", "then") and verb is not None:
            # "They write it down and send it over": the subject is shared
            verdict = _they_do([*subject, *tokens], len(subject), verb, part.tokens)
        else:
            verdict, subject = _analyse(tokens)
        judged.append((part, verdict))
    main = [verdict for part, verdict in judged if part.main] or [v for _p, v in judged]
    if any(v.concrete for v in main):
        if sum(len(part.tokens) for part in parts) < 2:
            return Verdict(False, "short", " ".join(parts[0].tokens))
        return _CONCRETE
    return min(main, key=lambda v: _REASON_ORDER.index(v.kind or "nothing"))


def _as_written(objective: str, phrase: str) -> str:
    """The phrase in the seller's own capitals and punctuation, when it can be found."""
    words = phrase.removesuffix(" …").split()
    if not words:
        return phrase
    pattern = r"[\W_]+".join(re.escape(word).replace("'", "['’]") for word in words)
    found = re.search(pattern, objective, re.IGNORECASE)
    if found is None:
        return phrase
    return found.group(0) + (" …" if phrase.endswith(" …") else "")


def vague_reason(objective: str) -> str | None:
    """Why an objective is not one the customer can act on, or None when it is concrete (or empty)."""
    if not objective.strip():
        return None
    verdict = judge(objective)
    if verdict.concrete:
        return None
    phrase = _as_written(objective, verdict.phrase)
    return messages.vague_reason(verdict.kind or "nothing", phrase)
