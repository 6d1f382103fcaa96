"""Is an objective something the customer will do or agree to? A rule-based judge that says why not.

The judgement comes from one principle: an objective is concrete when one of its clauses names
an act of the customer's that moves the deal. That act shows up in one of five shapes:

- the customer does it: "Dana agrees to a pilot", "CFO signs the order form", "They send us data";
- we ask for a joint act: "Agree pricing", "Book a follow-up call", "Sign the NDA";
- we get what only the customer can give: "Get the CFO's sign-off", "Secure a PO", "Get their data";
- we have them do it: "Get them to sign", "Have Dana book the workshop";
- a noun phrase names the commitment: "Signed NDA by Friday", "Verbal yes on the renewal".

A clause led by a seller activity (pitch, discuss, demo, understand, follow up ...) stays the
seller's whatever it mentions ("Discuss the contract"); so does giving them something ("Send the
proposal"). What the customer feels or knows is not an act ("Dana likes it"), and agreeing to
nothing definite ("agree next steps", "agree to stay in touch") is not a commitment.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from typing import Literal

from callprep import messages


def _words(text: str) -> frozenset[str]:
    """A word list written as text; `+` joins the words of a phrase ("sign+off")."""
    return frozenset(word.replace("+", " ") for word in text.split())


VagueKind = Literal["seller", "talk", "state", "empty", "negative", "meeting", "nothing", "short"]

# --- the words ------------------------------------------------------------------------------

# Verb groups by who acts and what it commits them to.
ACT = "act"  # a customer act that moves the deal, whoever writes it
GIVE = "give"  # a handing-over: the customer's act only towards us ("send us", "they send")
CUSTOMER = "customer"  # the customer's act when they are the subject ("they run a pilot")
ACQUIRE = "acquire"  # we get something: concrete when only the customer can give it
SELLER = "seller"  # the seller's own activity, or talk
STATE = "state"  # what someone thinks, feels or knows

_VERBS: dict[str, frozenset[str]] = {
    ACT: _words(
        """
        agree approve sign countersign commit confirm accept decide choose select pick
        shortlist award authorise authorize sponsor champion endorse buy purchase order
        renew extend expand upgrade pay fund release allocate grant nominate assign appoint
        book schedule arrange reserve register enrol enroll join attend start begin launch
        proceed issue greenlight green-light sign+off sign+up set+up kick+off lock+in
        move+forward move+ahead go+ahead say+yes pencil+in name
        """
    ),
    GIVE: _words(
        """
        send share provide give forward supply submit bring hand introduce show tell invite
        add put connect refer return email walk take let hand+over
        """
    ),
    CUSTOMER: _words(
        """
        run try test trial use deploy implement adopt install migrate switch move roll+out
        present
        """
    ),
    ACQUIRE: _words(
        """
        get secure obtain win land receive earn gain close reach achieve have set fix
        walk+away+with come+away+with leave+with
        """
    ),
    SELLER: _words(
        """
        pitch demo demonstrate talk discuss chat explain update inform educate answer
        handle address explore uncover identify probe assess gauge qualify check review
        reconnect meet build strengthen keep maintain make deliver position brainstorm
        continue listen ask remind nurture establish develop cover outline clarify recap
        sync prepare highlight learn stay follow+up touch+base catch+up check+in find+out
        figure+out go+over go+through run+through talk+through look+at look+into dig+into
        get+to+know work+out
        """
    ),
    STATE: _words(
        """
        be like love understand know see think feel want need consider appreciate trust
        enjoy become remain seem value realise realize recognise recognize hear believe
        prefer wonder
        """
    ),
}

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "be": ("is", "are", "am", "was", "were", "been", "being", "'s", "'re"),
    "begin": ("began", "begun"),
    "bring": ("brought",),
    "build": ("built",),
    "buy": ("bought",),
    "choose": ("chose", "chosen"),
    "feel": ("felt",),
    "find": ("found",),
    "get": ("got", "gotten"),
    "give": ("gave", "given"),
    "have": ("has", "had"),
    "hear": ("heard",),
    "keep": ("kept",),
    "know": ("knew", "known"),
    "make": ("made",),
    "meet": ("met",),
    "pay": ("paid",),
    "run": ("ran",),
    "say": ("said",),
    "see": ("saw", "seen"),
    "send": ("sent",),
    "take": ("took", "taken"),
    "tell": ("told",),
    "think": ("thought",),
    "understand": ("understood",),
    "win": ("won",),
    "go": ("went", "gone"),
}
# Short verbs whose last consonant doubles before -ed/-ing (commit -> committed).
_DOUBLING = _words(
    """
    commit submit plan ship refer chat set put get run win begin admit permit stop let
    """
)

# What only the customer can give us, for "get / secure / win ...".
_STRONG_NOUNS = _words(
    """
    commitment agreement approval sign-off signoff signature signatures go-ahead greenlight
    green-light yes decision po pos loi deposit payment confirmation authorisation
    authorization endorsement order verbal countersignature go/no-go ok okay blessing
    """
)
_STRONG_PHRASES = ("purchase order", "letter of intent", "green light")
_GIVEN_NOUNS = _STRONG_NOUNS | _words(
    """
    contract deal renewal expansion upgrade business pilot trial poc budget funding intro
    introduction referral access permission date meeting call slot workshop session
    deep-dive visit data numbers figures list requirements rfp name names contact contacts
    redlines sponsor champion owner time reference references
    """
)
_GIVEN_PHRASES = (*_STRONG_PHRASES, "proof of concept")
# What we get is the object before its first preposition: "their thoughts on the pilot" is thoughts.
_PREPOSITIONS = _words(
    """
    on about for with from to in at by regarding around into over during within
    """
)
# A decision *process* is something to learn about, not a decision.
_NOT_A_DECISION = {"process", "criteria", "maker", "makers", "making"}

# Names of meetings and talk: an objective that is only one of these says nothing of its outcome.
_MEETING_NOUNS = _words(
    """
    check-in catch-up call meeting demo presentation discussion conversation overview
    review update intro introduction qbr follow-up discovery chat sync touchpoint pitch
    walkthrough walk-through session workshop kickoff kick-off lunch coffee webinar
    """
)

# Objects that commit to nothing: agreeing to them is agreeing to keep talking.
_EMPTY_OBJECTS = re.compile(
    r"^(?:(?:to|on|for|that|about|with|a|an|the|some|our|their|any|more|further|another|"
    r"again)\s)*(?:next steps?|(?:a|the) way forward|way forward|stay in touch|keep in touch|"
    r"keep talking|talk again|speak again|meet again|think|consider|look at|look into|"
    r"follow up\b(?!-)|interest|conversations?|discussions?|dialogue|relationship|talks|"
    r"reconnect|catch up|touch base|continue|keep the conversation|revisit|circle back)"
)
# "start date", "order form": a verb that is really the first half of a noun.
_NOUN_COMPOUNDS = {"date", "dates", "form", "forms", "process", "plan"}

_SELLER_PHRASES = re.compile(
    r"^(?:get (?:a |an |the )?(?:\w+ )?(?:feel|sense|idea|read|picture|understanding|handle|"
    r"flavou?r|view)\b|get to know\b|get in front of\b|get (?:them|him|her|\w+) (?:interested|"
    r"excited|comfortable|on board|onside)\b|see (?:what|if|whether|how|where|who)\b)"
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
    someone
    """
)
_MODALS = _words(
    """
    will shall can could would should must may might to then also formally finally verbally
    jointly both
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

_TOKEN = re.compile(r"[a-z0-9]+(?:['/-][a-z0-9]+)*")
_CLAUSE_BREAK = re.compile(
    r"([,;:.!?()\[\]–—]|\s-\s|\b(?:and|then|so that|so|but|in order to|before|after|while|"
    r"until|once|or else)\b|\bto (?=(?:get|secure|win|obtain|land|have)\b))"
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


def _inflect(lemma: str) -> dict[str, Literal["base", "s", "past", "ing"]]:
    forms: dict[str, Literal["base", "s", "past", "ing"]] = {}
    stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
    double = lemma + lemma[-1] if lemma in _DOUBLING else lemma
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms[lemma[:-1] + "ies"] = "s"
        forms[lemma[:-1] + "ied"] = "past"
    elif lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms[lemma + "es"] = "s"
    else:
        forms[lemma + "s"] = "s"
    forms.setdefault((lemma + "d") if lemma.endswith("e") else (double + "ed"), "past")
    forms[(stem if stem != lemma else double) + "ing"] = "ing"
    for irregular in _IRREGULAR.get(lemma, ()):
        forms[irregular] = "past" if irregular.endswith(("n", "t", "d", "ght")) else "s"
    if lemma == "be":
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


def _can_be_verb(tokens: list[str], i: int, verb: Verb) -> bool:
    """Whether the word at i acts as a verb here, not as a noun ("the order form", "demo call")."""
    if i == 0:
        return True
    before = tokens[i - 1]
    if before in _DETERMINERS or before.endswith("'s") or before.isdigit():
        return False
    if verb.form == "ing":
        # "follow-up meeting", "pricing": after a noun, a talk word in -ing is a noun too.
        return verb.group in (ACT, GIVE, CUSTOMER)
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


def _main_verb(tokens: list[str]) -> tuple[int, Verb] | None:
    for i in range(len(tokens)):
        verb = _verb_at(tokens, i)
        if verb is not None and _can_be_verb(tokens, i, verb):
            return i, verb
    return None


def _phrase(tokens: list[str], start: int = 0, words: int = 5) -> str:
    chosen = tokens[start : start + words]
    return " ".join(chosen) + (" …" if len(tokens) > start + words else "")


def _has(tokens: list[str], nouns: AbstractSet[str], phrases: tuple[str, ...]) -> bool:
    text = " ".join(tokens)
    if any(re.search(rf"\b{re.escape(p)}\b", text) for p in phrases):
        return True
    for i, token in enumerate(tokens):
        if token in nouns:
            if token == "decision" and i + 1 < len(tokens) and tokens[i + 1] in _NOT_A_DECISION:
                continue
            return True
    return False


def _committed_participle(tokens: list[str]) -> bool:
    """'signed', 'agreed', 'approved': a commitment already made, named in passing."""
    for token in tokens:
        for _rest, lemma, group in _table().get(token, ()):
            if group == ACT and _forms(lemma.split()[0])[token] == "past":
                return True
    return False


def _direct_object(rest: list[str]) -> list[str]:
    for i, token in enumerate(rest):
        if token in _PREPOSITIONS and i > 0:
            return rest[:i]
    return rest


def _empty(rest: list[str]) -> bool:
    return bool(_EMPTY_OBJECTS.match(" ".join(rest)))


# --- judging one clause -----------------------------------------------------------------------


def _noun_phrase(tokens: list[str]) -> Verdict:
    if _has(tokens, _STRONG_NOUNS, _STRONG_PHRASES) or _committed_participle(tokens):
        return Verdict(True)
    if any(token in _MEETING_NOUNS for token in tokens):
        return Verdict(False, "meeting", _phrase(tokens))
    return Verdict(False, "nothing")


def _customer_act(tokens: list[str], i: int, verb: Verb) -> Verdict:
    rest = tokens[i + verb.length :]
    if _empty(rest):
        return Verdict(False, "empty", _phrase(tokens, i))
    return Verdict(True)


def _causative(tokens: list[str], verb: Verb) -> Verdict | None:
    """'get them to sign', 'have Dana book', 'get the plan signed off'."""
    for j in range(verb.length, min(len(tokens), verb.length + 6)):
        inner = _verb_at(tokens, j)
        if inner is None or inner.group not in (ACT, GIVE, CUSTOMER):
            continue
        before = tokens[j - 1]
        if inner.form == "base" and (before == "to" or verb.lemma == "have"):
            return _customer_act(tokens, j, inner)
        if inner.form == "past" and inner.group == ACT:
            # "get the plan signed off" commits them; "get the conversation started" does not
            if _empty(tokens[verb.length : j]):
                return Verdict(False, "empty", _phrase(tokens))
            return Verdict(True)
    return None


def _we_ask(tokens: list[str], verb: Verb) -> Verdict:
    """A clause that starts with a verb: the seller is its subject."""
    rest = tokens[verb.length :]
    seller = Verdict(False, "seller", _phrase(tokens))
    if verb.group in (SELLER, STATE):  # "understand their needs" is the seller's to do
        return seller
    if verb.group == GIVE:
        return _customer_act(tokens, 0, verb) if rest[:1] in (["us"], ["me"]) else seller
    if verb.group == ACT:
        if rest[:1] and rest[0] in _NOUN_COMPOUNDS:
            return _noun_phrase(tokens)
        return _customer_act(tokens, 0, verb)
    if verb.group == ACQUIRE:
        if verb.lemma in ("get", "have"):
            caused = _causative(tokens, verb)
            if caused is not None:
                return caused
        if verb.lemma == "receive":  # whatever we receive, they hand over
            return _customer_act(tokens, 0, verb)
        # "have a call" is no commitment, "have their approval" is.
        given = (
            (_STRONG_NOUNS, _STRONG_PHRASES)
            if verb.lemma == "have"
            else (_GIVEN_NOUNS, _GIVEN_PHRASES)
        )
        thing = _direct_object(rest)
        if _has(thing, *given) or _committed_participle(thing):
            return Verdict(True)
        return _noun_phrase(tokens)  # "have a good conversation" names only a meeting
    # "present our new features": the customer's act only when the customer is the subject.
    named = _noun_phrase(tokens)
    return named if named.concrete else seller


def _clause(tokens: list[str]) -> Verdict:
    tokens = _strip_fillers(tokens)
    if not tokens:
        return Verdict(False, "nothing")
    if _SELLER_PHRASES.match(" ".join(tokens)):
        return Verdict(False, "seller", _phrase(tokens))
    found = _main_verb(tokens)
    if found is None:
        return _noun_phrase(tokens)
    i, verb = found
    if i == 0:
        if verb.form == "base":
            return _we_ask(tokens, verb)
        if verb.form != "s":  # "Signed NDA by Friday", "Meeting with the CFO booked"
            return _noun_phrase(tokens)
    subject = tokens[:i]
    if _OURS & set(subject):
        return _we_ask(tokens[i:], verb)
    if _NEGATIONS & set(subject):
        return Verdict(False, "negative", _phrase(tokens))
    if verb.group in (ACT, GIVE, CUSTOMER):
        return _customer_act(tokens, i, verb)
    if verb.group == ACQUIRE:
        return _we_ask(tokens[i:], Verb(verb.lemma, verb.group, "base", verb.length))
    if verb.group == STATE:
        return Verdict(False, "state", _phrase(tokens))
    return Verdict(False, "talk", _phrase(tokens))


def _starts_clause(tokens: list[str]) -> bool:
    tokens = _strip_fillers(tokens)
    if not tokens:
        return False
    if tokens[0] in _PRONOUNS or _verb_at(tokens, 0) is not None:
        return True
    return any(
        (verb := _verb_at(tokens, i)) is not None
        and verb.form in ("s", "past")
        and _can_be_verb(tokens, i, verb)
        for i in range(1, min(4, len(tokens)))
    )


def clauses(text: str) -> list[list[str]]:
    """The clauses of an objective; a fragment with no verb of its own stays with the one before."""
    found: list[list[str]] = []
    parts = _CLAUSE_BREAK.split(text.lower().replace("’", "'"))
    joint: list[str] = []  # the break word before this part ("and", "before" ...)
    # split() with a group alternates the text and the break that follows it
    for part, after in zip(parts[::2], [*parts[1::2], ""], strict=True):
        tokens = _tokens(part)
        if tokens and found and not _starts_clause(tokens):
            found[-1].extend(joint + tokens)
        elif tokens:
            found.append(tokens)
        joint = _tokens(after or "")
    return found


# Reasons that point at the seller's own words come before the catch-all.
_REASON_ORDER: tuple[VagueKind, ...] = (
    "seller",
    "empty",
    "negative",
    "state",
    "talk",
    "meeting",
    "short",
    "nothing",
)


def judge(objective: str) -> Verdict:
    """Concrete when any clause names a customer act; else the most telling reason why not."""
    parts = clauses(objective)
    verdicts = [_clause(part) for part in parts]
    if any(v.concrete for v in verdicts):
        if sum(len(part) for part in parts) < 2:
            return Verdict(False, "short", " ".join(parts[0]))
        return Verdict(True)
    if not verdicts:
        return Verdict(False, "nothing")
    return min(verdicts, key=lambda v: _REASON_ORDER.index(v.kind or "nothing"))


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
