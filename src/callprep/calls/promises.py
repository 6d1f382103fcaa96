"""Commitments in a call's talk: who promised what, by when, in which sentence.

A commitment is a future action one side takes on: a promise ("I'll send you the references by
Tuesday", "we can have the pilot plan to you next week", "our IT guy will whitelist your
domain tomorrow") or a yes to the other side's request ("Could you share the Q3 export?" —
"Sure, by Friday", "Will do."). What looks like one and is not: a figure of speech ("I'll be
honest"), something done in the call ("let me share my screen", "I'll show you"), a
hypothetical or an offer on terms ("if you signed today we'd..."), a hedge ("I'd have to
check"), sarcasm ("yeah, sure, and I'll rewire the clinic myself"), a question, a recap, and
what is not ours to give ("we'll see", "we'll need budget approval").

Rules over words, deterministic: tests/test_transcript_eval.py measures them against calls
labelled by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from callprep.calls import dues
from callprep.calls.sentences import Sentence

# Verbs of a commitment: something done for, or handed to, the other side after the call.
_VERBS = (
    "send|share|e-?mail|forward|mail|post|introduce|loop|copy|cc|set|book|schedule|arrange|"
    "organi[sz]e|invite|confirm|check|ask|find|dig|get|have|give|provide|prepare|put|write|"
    "draft|quote|add|include|waive|cap|run|do|collect|pull|export|whitelist|nominate|come|"
    "reach|follow|call|ring|phone|take|bring|let|make|update|fix|sign|approve|switch|turn|"
    "enable|name|assign|read|ship|deliver|install|look|pass|raise|request|order|build|create|"
    "test|model|price|sort|line|chase|speak|talk|email|text|note|record|fill|complete|review|"
    "show|walk|go|start|hand|keep|explain|answer|leave|try|push|see|think|know|need|want|be|"
    "hire|tell|believe|hold|admit|say|promise|stop|pause|repeat|mute"
)
# Verbs for what happens in the call itself, or commits to nothing: a commitment only with a day.
_IN_CALL_VERBS = (
    "show walk go start hand keep explain answer leave stop pause repeat mute talk speak"
)
_IN_CALL = frozenset(_IN_CALL_VERBS.split())
# Verbs that never make a commitment (a figure of speech, a state, a wish, an effort).
_NEVER_VERBS = "try push see think know need want be hire tell believe hold admit say promise"
_NEVER = frozenset(_NEVER_VERBS.split())
_PRONOUN_SUBJECT = r"(?:I|we|my\s+(?:\w+\s+){0,2}?(?:team|colleague|guy|people|assistant|manager|lead|engineer|partner|office|department)|our\s+(?:[\w-]+\s+){0,2}?(?:team|guy|guys|people|lead|leads|engineer|engineers|partner|office|department|folks|desk|side|director|manager|vendor|contact))"
_MODAL = r"(?:['’]ll|\s+will|\s+shall|['’]m\s+going\s+to|\s+am\s+going\s+to|['’]re\s+going\s+to|\s+are\s+going\s+to|\s+can)"
_ADVERBS = r"(?:(?:also|then|just|personally|definitely|certainly|happily|still|both|now|quickly|first|gladly|absolutely|of\s+course|all)\s+)*"
_PROMISE = re.compile(
    rf"\b(?P<subject>{_PRONOUN_SUBJECT}|(?P<name>[A-Z][\w'’-]+))(?P<modal>{_MODAL})\s+{_ADVERBS}"
    rf"(?P<verb>{_VERBS})(?:s|ed)?\b(?P<rest>[^.?!]*)",
    re.I,
)
# "You'll have the revised proposal by Wednesday": the speaker's side hands it over.
_YOU_GET = re.compile(
    r"\byou['’]ll\s+(?:also\s+)?(?P<verb>have|get|receive)\s+(?P<rest>[^.?!]+)", re.I
)
# "have"/"get" promise only something handed over: "have it to you", "get you the list".
_HANDED = re.compile(
    r"^\s*(?:you\b|\w+(?:\s+[\w'’-]+){0,8}?\s+(?:to|for|over\s+to|back\s+to)\s+(?:you|them|him|her|us)\b"
    r"|\w+(?:\s+[\w'’-]+){0,6}?\s+(?:ready|done|signed|sorted|over|back|across)\b)",
    re.I,
)
# "get it signed", "get our electrician to check", "have our finance partner send you": arranged.
_ARRANGED = re.compile(
    r"\s*(?:it|this|that|the\s+\w+)\s+signed\b"
    r"|\s*(?:our|my|the)\s+(?:[\w'’-]+\s+){0,3}?(?:to\s+)?(?:send|check|call|do|email|look|run|"
    r"prepare|get|reach|set)\b",
    re.I,
)
_FIGURES = re.compile(
    r"\b(?:I['’]ll|I\s+will|I\s+can)\s+(?:be\s+(?:honest|frank|straight|blunt|brief|quick|clear|"
    r"upfront|candid)|tell\s+you\s+what|believe\s+it|hold\s+you\s+to|admit|say\s+this|give\s+you\s+that)"
    r"|\bI\s+promise\b|\bpromise\b[.!]?$|\bwe['’]ll\s+see\b|\bwe['’]ll\s+think\b|\bwe['’]ll\s+know\b",
    re.I,
)
_SARCASM = re.compile(
    r"^(?:oh|yeah|yes)[, ]+(?:sure|right|great|fine)?[, ]*(?:and|like)\b|^sure,\s+and\b|^(?:oh\s+)?"
    r"(?:great|brilliant|fantastic|wonderful|perfect|lovely),\s+(?:another|because|so)\b|\bpersonally\s+"
    r"(?:read|garland|rewire|carry|drive|fly|deliver)\b",
    re.I,
)
# An offer on terms, or a promise that waits on the other side buying.
_CONDITION = re.compile(
    r"^(?:and\s+|so\s+|but\s+)?(?:if|unless|once|assuming|provided)\b"
    r"|\bif\s+(?:it|that)\s+helps\b"
    r"|\bif\s+you\s+(?:sign|signed|order|ordered|commit|committed|went|go|buy|bought|add|added|"
    r"accept|accepted|moved|move|rolled|roll|renew|renewed|upgrade|upgraded|choose|chose|pick|picked)\b"
    r"|\bonce\s+(?:it['’]s|it\s+is|you['’]ve|you\s+have|we['’]ve|we\s+have)\s+(?:signed|agreed)",
    re.I,
)
_RECAP = re.compile(
    r"\b(?:to\s+recap|recapping|to\s+sum\s+up|summing\s+up|as\s+agreed)\b|^(?:so,?\s+)?recap\b",
    re.I,
)
_NEGATED = re.compile(r"\b(?:not|never|n['’]t|cannot|won['’]t)\b", re.I)
_LET_ME = re.compile(r"\blet\s+me\b", re.I)
# A yes to a request, at the start of the answer.
_YES = re.compile(
    r"^(?:yes|yeah|yep|sure|of\s+course|absolutely|definitely|certainly|no\s+problem|happy\s+to|"
    r"will\s+do|that\s+i\s+can\s+do|can\s+do|done|okay|ok|fine|consider\s+it\s+done|on\s+it|"
    r"i\s+can|we\s+can|understood|noted|agreed|perfect|great)\b",
    re.I,
)
# Short answers that accept and add nothing: the request says what.
_BARE_YES = re.compile(
    r"^(?:will\s+do|that\s+i\s+can\s+do|can\s+do|consider\s+it\s+done|on\s+it|i\s+can\s+do\s+that|"
    r"we\s+can\s+do\s+that|(?:yes|sure|of\s+course|absolutely)(?:,\s+(?:of\s+course|no\s+problem|"
    r"happy\s+to|will\s+do|i\s+can|we\s+can))?)[.!]?$",
    re.I,
)
# A request: asking the other side to do something after the call.
_REQUEST_VERBS = (
    r"send|share|give|get|put|ask|add|copy|forward|email|include|provide|introduce|loop|"
    r"confirm|check|set\s+up|book|export|collect|nominate|write|cap|waive|quote|prepare|make\s+sure|"
    r"pull|find|dig|run|find\s+out|let\s+(?:me|us)\s+know|come\s+back|get\s+back|look\s+into|"
    r"migrate|match|credit|guarantee|train|come|join|bring|remind"
)
# The words a request may open with ("So, Dana, ..."), then the asking ("could you please").
_LEAD_IN = r"^(?:(?:and|so|also|but|oh|okay|ok)[, ]+)*(?:[A-Z][\w'’-]+,\s+)?"
_COULD_YOU = (
    r"(?:could|can|would|will)\s+(?:you|one\s+of\s+you|your\s+team)\s+(?:please\s+|also\s+)?"
)
_ASK = re.compile(rf"{_LEAD_IN}{_COULD_YOU}(?:{_REQUEST_VERBS})\b", re.I)
_IMPERATIVE = re.compile(
    rf"^(?:(?:and|so|also|then|oh|okay|ok|great)[, ]+)*(?:[A-Z][\w'’-]+,\s+)?(?:please\s+)?"
    rf"(?:{_REQUEST_VERBS})\b",
    re.I,
)
# "We'll need ...": a request put as what one side needs.
_WE_NEED = r"\b(?:I|we)(?:['’]ll|\s+will)?\s+(?:need|would\s+need)\s+"
_NEED = re.compile(rf"{_WE_NEED}(?:the|a|an|your|some)\b", re.I)
# An answer to a request in the present tense: "We give you a read-only archive of the old ones."
_GIVEN_NOW = re.compile(
    r"^(?:and\s+|but\s+|so\s+)?(?:I|we)\s+(?:always\s+|can\s+)?(?:give|send|provide|include|"
    r"set\s+up|do|cover)\s+(?:you|them)\b",
    re.I,
)
_WOULD_HELP = re.compile(r"\bwould\s+(?:really\s+)?help\b", re.I)
_CALL_CHECK = re.compile(r"\bhear\s+(?:me|us)\b|\bsee\s+my\s+screen\b", re.I)


# Words without which a sentence promises nothing (unless it answers a request).
_MAYBE = re.compile(r"['’]ll\b|\b(?:will|shall|going\s+to|can)\b", re.I)


@dataclass(frozen=True)
class Found:
    """A commitment as heard: the side that does it, who said it, what, by when, the sentence."""

    who: str  # ours or customer
    speaker: str
    what: str
    due: dt.date | None
    quote: str
    at: float
    request: str = ""  # the other side's sentence it says yes to, if any


def _clause_after(text: str, start: int) -> str:
    """The part of `text` from `start` to the end of its clause (a comma, "so", "if" ...)."""
    rest = text[start:]
    cut = re.search(r",|\s+(?:so\s+that|so|if|once|because|which|unless|when|and\s+then)\s+", rest)
    return rest[: cut.start()] if cut else rest


def _is_request(sentence: Sentence) -> bool:
    text = sentence.text
    if _CALL_CHECK.search(text):
        return False
    if _ASK.search(text) or _NEED.search(text):
        return True
    if _WOULD_HELP.search(text) and not sentence.is_question:
        return True
    return bool(_IMPERATIVE.search(text)) and not sentence.is_question


def _promise(text: str, names: frozenset[str]) -> re.Match[str] | None:
    """The first promise in `text` that is not a figure of speech or a negation."""
    for match in _PROMISE.finditer(text):
        name = match.group("name")
        if name and name.casefold() not in names:
            continue  # "Tom'll..." of someone not on the speaker's side, or any other word
        if _NEGATED.search(text[match.start("subject") : match.start("verb")]):
            continue
        if match.group("modal").strip().casefold() == "can" and _NEGATED.search(match.group()):
            continue
        return match
    return None


def _verb_ok(match: re.Match[str], text: str, has_due: bool) -> bool:
    verb = match.group("verb").casefold()
    rest = match.group("rest")
    if verb in _NEVER:
        return False
    if verb in _IN_CALL and not has_due:
        return False
    if verb in ("have", "get") and not _HANDED.search(rest):
        # "we'll get it signed", "I'll get our electrician to check": handed over or arranged
        return bool(_ARRANGED.match(rest))
    if verb == "do" and not (has_due or re.match(r"\s*(?:that|it|this)\b", rest, re.I)):
        return False
    if verb == "let" and not re.match(r"\s*(?:you|them)\s+know\b", rest, re.I):
        return False
    if verb == "make" and not re.match(r"\s*sure\b", rest, re.I) and not has_due:
        return False
    if verb == "come" and not re.match(r"\s*(?:back|on\s+site|over|in|out|to)\b", rest, re.I):
        return False
    if verb in ("look",) and not re.match(r"\s*into\b", rest, re.I):
        return False
    if verb == "take" and not re.search(r"\bto\s+(?:the|our|my|their)\b", rest, re.I):
        return False
    return not (verb == "check" and not has_due and not re.search(r"\b(?:and|then)\b", rest))


def _can_counts(text: str, has_due: bool, answers_request: bool) -> bool:
    """An "I can ..." is an offer; it commits with a day, as a yes to a request, or begun with one."""
    return has_due or answers_request or bool(_YES.match(text))


def find(
    talk: Sequence[Sentence],
    sides: Mapping[str, str],
    call_day: dt.date,
    own_names: Mapping[str, frozenset[str]] | None = None,
) -> list[Found]:
    """The commitments in `talk` (sentences in order), each owned by its speaker's side.

    `sides` maps a speaker to ours, customer or unknown (unknown makes no commitment);
    `own_names` the first names of each side's people, lowercased, so that "Deepa will send
    both" counts for Deepa's side; `call_day` is the day dues are read from.
    """
    own_names = own_names or {}
    found: list[Found] = []
    requests = _requests(talk, sides)
    for sentence in talk:
        side = sides.get(sentence.speaker, "unknown")
        if side not in ("ours", "customer"):
            continue
        request = requests.get(sentence.index)
        found += _commitment(sentence, side, request, call_day, own_names.get(side, frozenset()))
    return found


def _requests(talk: Sequence[Sentence], sides: Mapping[str, str]) -> dict[int, Sentence]:
    """For each sentence that may answer a request: the request (the other side's, in the turn
    just before, or earlier in the answering turn's own turn pair)."""
    by_turn: dict[int, list[Sentence]] = {}
    for sentence in talk:
        by_turn.setdefault(sentence.turn, []).append(sentence)
    answers: dict[int, Sentence] = {}
    for turn, said in by_turn.items():
        before = by_turn.get(turn - 1)
        if not before or not said:
            continue
        side = sides.get(said[0].speaker)
        if side not in ("ours", "customer") or sides.get(before[0].speaker) in (side, None):
            continue
        asked = [s for s in before[-3:] if _is_request(s)]
        if not asked:
            continue
        for sentence in said[:2]:  # the answer comes first, or right after a "Sure."
            answers[sentence.index] = asked[-1]
    return answers


def _commitment(
    sentence: Sentence,
    side: str,
    request: Sentence | None,
    call_day: dt.date,
    names: frozenset[str],
) -> list[Found]:
    """The commitments of one sentence: none, one, or two when it gives two things two days."""
    text = sentence.text
    if request is None and not _MAYBE.search(text):
        return []  # no modal, no "you'll have": most of a call, passed at once
    if sentence.is_question and not re.match(r"^can\s+I\s+(?:come|get)\s+back\b", text, re.I):
        return []
    if _FIGURES.search(text) or _SARCASM.search(text) or _RECAP.search(text):
        return []
    if _CONDITION.search(text):
        return []
    if _LET_ME.search(text) and not dues.due(text, call_day):
        return []
    main = _main_clause(text)
    promise = _promise(main, names)
    # The day said with the promise, not one said before it ("I can't do Friday, but ...").
    day = dues.due(main[promise.start() :] if promise is not None else main, call_day)
    has_due = day is not None
    if promise is not None and _verb_ok(promise, main, has_due):
        if promise.group("modal").strip().casefold() == "can" and not _can_counts(
            text, has_due, request is not None
        ):
            return []
        asked = _requested(request, _other(side)) if request is not None else ""
        fronted = _fronted(main, promise)
        verb = promise.group("verb")
        pairs = _two_things(promise.group("rest"), call_day)
        if pairs:  # "the order form tomorrow and the implementation plan next Tuesday"
            return [
                Found(side, sentence.speaker, _what(verb, thing, side), due, text, sentence.at)
                for thing, due in pairs
            ]
        what = _what(verb, promise.group("rest"), side, fronted, asked)
        used = request.text if request is not None and what == asked else ""
        return [Found(side, sentence.speaker, what, day, text, sentence.at, used)]
    given = _YOU_GET.search(main)
    if given is not None and _HANDED.search(given.group("rest") + " to you") is not None:
        what = _what("send", given.group("rest"), side)
        return [Found(side, sentence.speaker, what, day, text, sentence.at)]
    back = re.match(r"^can\s+I\s+(?:come|get)\s+back\s+to\s+you\b", text, re.I)
    if back is not None and has_due:
        return [Found(side, sentence.speaker, "Come back to them", day, text, sentence.at)]
    if request is not None and (_answers(text) or _GIVEN_NOW.search(text)):
        what = _requested(request, _other(side))
        return [Found(side, sentence.speaker, what, day, text, sentence.at, request.text)]
    return []


def _two_things(rest: str, call_day: dt.date) -> list[tuple[str, dt.date]]:
    """Two things, each with its day, after one verb: [(thing, day), (thing, day)]; else []."""
    clause = _clause_after(rest, 0)
    said = [d for d in dues.dues(clause, call_day) if d.strength >= 1]
    if len(said) != 2:
        return []
    first, second = said
    between = clause[first.end : second.start]
    joined = re.match(
        r"\s+and\s+(?P<thing>(?:the|a|an|our|your|their|my|his|her)\s+[^,]+?)\s*$", between
    )
    if joined is None or said[0].day == said[1].day:
        return []
    return [(clause[: first.start], first.day), (joined.group("thing"), second.day)]


def _other(side: str) -> str:
    return "customer" if side == "ours" else "ours"


def _answers(text: str) -> bool:
    """A yes that takes a request on: "Will do.", "Yes, it goes with the contract.", "Sure, by
    Friday." (not "Yes, loud and clear": that answers how the line is)."""
    if _BARE_YES.match(text):
        return True
    if not re.match(r"^(?:yes|sure|of\s+course|absolutely|definitely)\b", text, re.I):
        return False
    if _NEGATED.search(text):
        return False
    # "Sure, by Friday.": a day makes it a promise; else it must speak of the thing asked.
    return bool(dues.dues(text, dt.date(2000, 1, 3))) or bool(
        re.search(r"\b(?:it|that|they|we|I)\b", text, re.I)
    )


def _main_clause(text: str) -> str:
    """The sentence without a trailing condition ("..., if you send us the export this week")."""
    cut = re.search(r",?\s+(?:if|unless|as\s+long\s+as|provided)\s+you\b", text, re.I)
    return text[: cut.start()] if cut else text


# The words of a thing to do, from the seller's side of the table: the customer is "they".
_SELLER_VIEW = {
    "ours": {
        "you": "them",
        "your": "their",
        "yours": "theirs",
        "yourself": "themselves",
        "yourselves": "themselves",
        "me": "us",
        "my": "our",
    },
    "customer": {
        "you": "us",
        "your": "our",
        "yours": "ours",
        "our": "their",
        "ours": "theirs",
        "us": "them",
        "me": "them",
        "my": "their",
        "we": "they",
        "i": "they",
    },
}
_PRONOUNS = re.compile(r"\b(you|your|yours|yourself|yourselves|me|my|our|ours|us|we|i)\b", re.I)
_EMPTY_OBJECT = re.compile(
    r"^(?:(?:it|them|that|those|these|this|both|one|some)\b\s*(?:through|over|across|out|on)?)?$",
    re.I,
)
_DELIVERY = frozenset(
    ("send", "get", "give", "email", "e-mail", "forward", "mail", "have", "quote")
)


def _without_dues(clause: str) -> str:
    """A clause with its days taken out, and the "by", "on" that led them."""
    for found in reversed(dues.dues(clause, dt.date(2000, 1, 3))):
        head = re.sub(
            r"\s*\b(?:by|before|on|for|within|in|until|from|no\s+later\s+than|right|straight)\s*$",
            "",
            clause[: found.start],
            flags=re.I,
        )
        clause = f"{head} {clause[found.end :]}"
    return " ".join(clause.split())


def _object(rest: str) -> str:
    return _without_dues(_clause_after(rest, 0)).strip(" ,;:-")


def _seller_view(text: str, speaker_side: str) -> str:
    swap = _SELLER_VIEW.get(speaker_side, {})

    def one(match: re.Match[str]) -> str:
        return swap.get(match.group().casefold(), match.group())

    return _PRONOUNS.sub(one, text)


def _what(verb: str, rest: str, side: str, fronted: str = "", request: str = "") -> str:
    """The thing promised, as a note: "I'll send you the references by Tuesday, two fleets..."
    → "Send the references"; an answer that names no thing ("I'll send it") takes the request's
    ("Could you share the Q3 export?" → "Share the Q3 export") or the words said before it."""
    verb = verb.casefold()
    body = _object(rest)
    if verb in _DELIVERY:
        body = re.sub(r"^(?:you|them|us|him|her)\s+(?=\S)", "", body)
        if verb in ("have", "get") and re.search(
            r"\s+(?:over\s+|back\s+)?to\s+(?:you|them)$", body
        ):
            body = re.sub(r"\s+(?:over\s+|back\s+)?to\s+(?:you|them)$", "", body)
            verb = "send"
        elif verb == "get" and not re.search(r"\s+to\s+\w+", body):
            verb = "send"
    empty = _EMPTY_OBJECT.match(body) is not None
    if empty and request:
        return request
    if empty and fronted and verb in _DELIVERY:
        body = fronted
    return _tidy(_seller_view(f"{verb} {body}", side))


def _fronted(text: str, promise: re.Match[str]) -> str:
    """The thing said before "I can send" ("The pen test summary I can send today")."""
    head = text[: promise.start()].strip(" ,")
    found = re.search(r"(?:^|,\s*)((?:the|a|an|our|your|this|that)\s+[^,]+)$", head, re.I)
    return found.group(1) if found else ""


def _requested(request: Sentence, side_of_request: str) -> str:
    """What a request asks for, as a thing to do: "Could you share the Q3 export?" → "Share the
    Q3 export"."""
    text = re.sub(_LEAD_IN, "", request.text)  # no re.I: [A-Z] takes only a capital here
    text = re.sub(f"^{_COULD_YOU}", "", text, flags=re.I)
    text = re.sub(r"^please\s+", "", text, flags=re.I)
    text = re.sub(f"^.*?{_WE_NEED}", "send ", text, flags=re.I)
    text = _clause_after(text.rstrip("?!. "), 0)
    text = re.sub(r",?\s*please$", "", text, flags=re.I)
    text = re.sub(r"^(send|get|give|email|forward)\s+(?:me|us)\s+(?=\S)", r"\1 ", text, flags=re.I)
    return _tidy(_seller_view(text, side_of_request))


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:-")
    return text[:1].upper() + text[1:] if text else text
