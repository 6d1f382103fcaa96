"""The call as it happened: a transcript held against the plan.

Who talked how much (and which side), the longest monologue of each side, the questions each
side asked, the customer's own questions, the commitments both sides made and the next step;
with a plan, which agenda items were covered and for how long, which planned questions were
asked and when, which unknown discovery topics came up (in the customer's words), and the
stretches that matched no agenda item (proposed as off-script notes).

Everything is read off the words: deterministic, local, no model. The transcript itself is
never kept: what a debrief stores of it is the figures, the commitments' sentences and the
excerpts the seller keeps (`Analysis.conversation`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from callprep.calls import dues, matching, promises
from callprep.calls.promises import Found
from callprep.calls.sentences import Sentence, sentences
from callprep.calls.transcript import Cue, Transcript
from callprep.coach.topics import DISCOVERY
from callprep.coach.voice import first_name
from callprep.dates import Clock, describe_date
from callprep.plans.model import Attendee, Plan

OURS, CUSTOMER, UNKNOWN = "ours", "customer", "unknown"
SIDES = (OURS, CUSTOMER)
# Share of the talk with this many decimals (a tenth of a percentage point and finer).
SHARE_DIGITS = 4
# A planned question counts as asked when one of ours says it this surely (see matching).
ASKED_AT = 0.5
# An agenda item is covered when this much of it comes up outside the opening run-through.
COVERED_AT = 0.5
# A sentence this short that names an item opens its part of the call ("So, the renewal.").
SECTION_WORDS = 6
# Off-script: this long, and this many turns, with no agenda item, away from the call's ends.
OFF_SCRIPT_SECONDS = 30.0
OFF_SCRIPT_TURNS = 3
EDGE_SECONDS = 60.0
EXCERPT_WORDS = 30
# A customer's sentence is about a topic when its cues weigh this much (see _TOPIC_CUES).
TOPIC_AT = 2


# --- who is who --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    side: str  # ours, customer or unknown
    attendee: str = ""  # the plan attendee this speaker is, if any
    # how: plan (an attendee), ours (--ours), you (the profile's name), label (Me, Them),
    # introduced (one of ours said so), guess (nobody said: taken as the customer's)
    how: str = "guess"

    @property
    def placed(self) -> bool:
        """Placed by a name, not guessed: the debrief asks about the others."""
        return self.how in ("plan", "ours", "you", "label")


_GENERIC_OURS = frozenset(("me", "you (me)", "host", "i"))
_GENERIC_CUSTOMER = frozenset(("them", "they", "others", "other"))
_UNNAMED = re.compile(
    r"^(?:speaker|unknown speaker|guest|participant|caller|unidentified|user)\s*\d*$", re.I
)


def _folded(text: str) -> str:
    """Lowercase, accents and bracketed notes gone: "Lucía (she/her)" → "lucia"."""
    text = re.sub(r"\([^)]*\)", " ", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w@.\s'-]", " ", text.casefold()).split())


def _name_forms(name: str, email: str = "") -> set[str]:
    """The ways a meeting can show a person: their name, their login ("lena.fischer",
    "ibrooks", "dlee"), their address."""
    folded = _folded(name)
    words = [w for w in re.split(r"[\s.'-]+", folded) if w]
    forms = {folded} if folded else set()
    if len(words) >= 2:
        first, last = words[0], words[-1]
        forms |= {
            f"{first}.{last}",
            f"{first}{last}",
            f"{first[0]}{last}",
            f"{first}_{last}",
            f"{first[0]}.{last}",
            " ".join(words),
        }
    if email and "@" in email:
        local = email.split("@", 1)[0].casefold()
        forms |= {email.casefold(), local, " ".join(w for w in re.split(r"[._-]+", local) if w)}
    return forms


def _speaker_forms(speaker: str) -> set[str]:
    folded = _folded(speaker)
    forms = {folded}
    if "@" in folded:
        local = folded.split("@", 1)[0]
        forms |= {local, " ".join(w for w in re.split(r"[._-]+", local) if w)}
    elif re.fullmatch(r"[\w]+[._][\w._]+", folded):
        forms.add(" ".join(w for w in re.split(r"[._-]+", folded) if w))
    return forms


def _match_person(speaker: str, people: Sequence[Attendee]) -> Attendee | None:
    """The attendee `speaker` is: by name, an earlier name, a login or address, or a first name
    only one attendee has."""
    said = _speaker_forms(speaker)
    for person in people:
        names = [person.name, *person.aliases]
        if any(said & _name_forms(n, person.email) for n in names if n):
            return person
    folded = _folded(speaker)
    if " " not in folded and folded:
        same = [p for p in people if _folded(first_name(p.name)) == folded]
        if len(same) == 1:
            return same[0]
    return None


def _named(speaker: str, names: Iterable[str]) -> bool:
    """Whether `speaker` is one of `names` (given in full, or the first name)."""
    said = _speaker_forms(speaker)
    folded = _folded(speaker)
    for name in names:
        if said & _name_forms(name) or folded == _folded(name):
            return True
        if " " not in _folded(name) and _folded(first_name(speaker)) == _folded(name):
            return True
    return False


def place(
    transcript: Transcript,
    plan: Plan | None,
    ours: Sequence[str] = (),
    you: str = "",
    talk: Sequence[Sentence] | None = None,
) -> dict[str, Placement]:
    """Each speaker's side: the plan's attendee they are, `--ours`, the seller (`you`, the
    profile's name), Granola's Me/Them; a speaker one of ours introduces as ours ("Yuki,
    with me, our engineer") is ours; anyone else is taken to be the customer's, once anyone
    on our side is known, and unknown otherwise."""
    people = [a for a in (plan.attendees if plan else []) if a.name]
    found: dict[str, Placement] = {}
    for speaker in transcript.speakers:
        folded = _folded(speaker)
        if ours and _named(speaker, ours):
            person = _match_person(speaker, people)
            found[speaker] = Placement(OURS, person.name if person else "", "ours")
        elif you and _named(speaker, [you]):
            person = _match_person(speaker, people)
            found[speaker] = Placement(OURS, person.name if person else you, "you")
        elif (person := _match_person(speaker, people)) is not None:
            found[speaker] = Placement(person.side, person.name, "plan")
        elif folded in _GENERIC_OURS:
            mine = [p for p in people if p.side == OURS]
            found[speaker] = Placement(
                OURS, you or (mine[0].name if len(mine) == 1 else ""), "label"
            )
        elif folded in _GENERIC_CUSTOMER:
            found[speaker] = Placement(CUSTOMER, "", "label")
    known_ours = (
        any(p.side == OURS for p in found.values())
        or bool(ours or you)
        or any(p.side == OURS for p in people)
    )
    talk = talk if talk is not None else sentences(transcript.cues)
    for speaker in transcript.speakers:
        if speaker in found:
            continue
        if not _UNNAMED.match(speaker) and _introduced_as_ours(speaker, talk, found):
            found[speaker] = Placement(OURS, "", "introduced")
        else:
            found[speaker] = Placement(CUSTOMER if known_ours else UNKNOWN, "", "guess")
    return found


def _introduced_as_ours(
    speaker: str, talk: Sequence[Sentence], found: dict[str, Placement]
) -> bool:
    name = re.escape(first_name(speaker))
    if not name:
        return False
    pattern = re.compile(
        rf"\b{name}\b(?:\W+\w+){{0,4}}?\W+(?:from\s+our|our|with\s+me|on\s+our\s+side|from\s+my)\b",
        re.I,
    )
    return any(
        found.get(s.speaker, Placement(UNKNOWN)).side == OURS and pattern.search(s.text)
        for s in talk
    )


# --- what was found ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerFigures:
    name: str
    side: str
    seconds: float
    words: int
    attendee: str = ""
    placed: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "side": self.side,
            "seconds": round(self.seconds, 3),
            "words": self.words,
            "attendee": self.attendee or None,
        }


@dataclass(frozen=True)
class AgendaCoverage:
    item: str
    covered: bool
    seconds: float


@dataclass(frozen=True)
class QuestionAsked:
    question: str  # the plan's, word for word
    at: float
    said: str  # as it was asked


@dataclass(frozen=True)
class TopicHeard:
    topic: str  # a discovery key
    excerpt: str  # the customer's words
    at: float


@dataclass(frozen=True)
class OffScript:
    summary: str  # the customer's words, cut short
    at: float
    seconds: float


@dataclass(frozen=True)
class Analysis:
    layout: str
    timed: bool
    call_day: dt.date
    length: float
    speakers: list[SpeakerFigures]
    our_share: float | None
    longest_monologue: dict[str, float]
    questions: dict[str, int]
    customer_questions: list[str]
    commitments: list[Found]
    next_step: str | None
    next_step_date: dt.date | None
    with_plan: bool = False
    planned_questions: list[str] = field(default_factory=list)  # the plan's, asked or not
    agenda: list[AgendaCoverage] = field(default_factory=list)
    questions_asked: list[QuestionAsked] = field(default_factory=list)
    topics: list[TopicHeard] = field(default_factory=list)
    off_script: list[OffScript] = field(default_factory=list)

    @property
    def unplaced(self) -> list[SpeakerFigures]:
        return [s for s in self.speakers if not s.placed]

    def to_json(self) -> dict[str, Any]:
        """`callprep transcript --json`: the SPEC's keys (and a few more)."""
        data: dict[str, Any] = {
            "speakers": [s.to_json() for s in self.speakers],
            "our_share": self.our_share,
            "longest_monologue": {side: round(self.longest_monologue[side], 3) for side in SIDES},
            "questions": dict(self.questions),
            "customer_questions": list(self.customer_questions),
            "commitments": [
                {
                    "who": c.who,
                    "speaker": c.speaker,
                    "what": c.what,
                    "due": c.due.isoformat() if c.due else None,
                    "quote": c.quote,
                    "at": round(c.at, 3),
                }
                for c in self.commitments
            ],
            "next_step": self.next_step,
            "next_step_date": self.next_step_date.isoformat() if self.next_step_date else None,
            "call_date": self.call_day.isoformat(),
            "seconds": round(self.length, 3),
            "timed": self.timed,
        }
        if self.with_plan:
            data["agenda"] = [
                {"item": a.item, "covered": a.covered, "seconds": round(a.seconds, 3)}
                for a in self.agenda
            ]
            data["questions_asked"] = [
                {"question": q.question, "at": round(q.at, 3)} for q in self.questions_asked
            ]
            data["topics"] = [{"topic": t.topic, "excerpt": t.excerpt} for t in self.topics]
            data["off_script"] = [
                {"summary": o.summary, "at": round(o.at, 3), "seconds": round(o.seconds, 3)}
                for o in self.off_script
            ]
        return data

    def conversation(self) -> dict[str, Any]:
        """The figures a debrief keeps, as `[debrief.conversation]` (SPEC: Version 3)."""
        data: dict[str, Any] = {
            "longest_monologue_ours": round(self.longest_monologue[OURS], 1),
            "longest_monologue_customer": round(self.longest_monologue[CUSTOMER], 1),
            "questions_ours": self.questions[OURS],
            "questions_customer": self.questions[CUSTOMER],
        }
        if self.our_share is not None:
            data = {"our_share": self.our_share, **data}
        if self.with_plan:
            data["agenda_covered"] = [a.item for a in self.agenda if a.covered]
            data["questions_asked"] = [q.question for q in self.questions_asked]
        return data


# --- the analysis --------------------------------------------------------------------------------


def call_clock(plan: Plan | None, zone_name: str) -> Clock:
    """The clock as it stood when the call was held (the debrief's time, else the plan's): a
    "tomorrow" said in the call is the day after it. Without a plan, today."""
    held = plan.debrief.held_at if plan is not None and plan.debrief is not None else None
    start = held or (plan.starts_at if plan is not None else None)
    if plan is not None and start is not None:
        return Clock.of(plan.timezone or zone_name, start)
    return Clock.of(zone_name)


@dataclass(frozen=True)
class Heard:
    """A transcript read and held against a plan: the talk, who is who, and what was found."""

    transcript: Transcript
    talk: list[Sentence]
    placements: dict[str, Placement]
    analysis: Analysis

    def replaced(self, plan: Plan | None, sides: dict[str, str], call_day: dt.date) -> Heard:
        """The same call with some speakers' sides set by the seller (`sides`: name → side)."""
        placements = {
            name: Placement(sides[name], where.attendee, "ours" if sides[name] == OURS else "plan")
            if name in sides
            else where
            for name, where in self.placements.items()
        }
        return Heard(
            self.transcript,
            self.talk,
            placements,
            analyse(self.transcript, plan, call_day, placements, self.talk),
        )


def hear(
    transcript: Transcript,
    plan: Plan | None,
    call_day: dt.date,
    ours: Sequence[str] = (),
    you: str = "",
) -> Heard:
    """`transcript` placed (`place`) and analysed (`analyse`) in one go."""
    talk = sentences(transcript.cues)
    placements = place(transcript, plan, ours, you, talk)
    return Heard(
        transcript, talk, placements, analyse(transcript, plan, call_day, placements, talk)
    )


def analyse(
    transcript: Transcript,
    plan: Plan | None,
    call_day: dt.date,
    placements: dict[str, Placement],
    talk: list[Sentence] | None = None,
) -> Analysis:
    """The call as it happened, from `transcript` and who is who (`place`); `call_day` is the
    day the dues it names are read from."""
    talk = talk if talk is not None else sentences(transcript.cues)
    side_of = {name: placements.get(name, Placement(UNKNOWN)).side for name in transcript.speakers}
    figures = _figures(transcript, placements)
    ours = sum(f.seconds for f in figures if f.side == OURS)
    theirs = sum(f.seconds for f in figures if f.side == CUSTOMER)
    share = round(ours / (ours + theirs), SHARE_DIGITS) if ours + theirs > 0 else None
    questions = {
        side: sum(1 for s in talk if s.is_question and side_of[s.speaker] == side) for side in SIDES
    }
    own_names = _own_names(plan, placements)
    found = promises.find(talk, side_of, call_day, own_names)
    step, step_day = _next_step(talk, transcript, call_day, found)
    turns = _turns(talk, transcript.cues)
    analysis = Analysis(
        layout=transcript.layout,
        timed=transcript.timed,
        call_day=call_day,
        length=transcript.length,
        speakers=figures,
        our_share=share,
        longest_monologue=_monologues(turns, side_of),
        questions=questions,
        customer_questions=_customer_questions(talk, side_of),
        commitments=found,
        next_step=step,
        next_step_date=step_day,
    )
    if plan is None:
        return analysis
    names = frozenset(
        matching.stem(w) for a in plan.attendees for w in _folded(a.name).split() if len(w) > 2
    ) | frozenset(matching.stem(w) for s in transcript.speakers for w in _folded(s).split())
    agenda, off_script = _agenda(plan, talk, turns, side_of, transcript.length, names)
    return replace(
        analysis,
        with_plan=True,
        planned_questions=[q for q in plan.questions if q.strip()],
        agenda=agenda,
        questions_asked=_questions_asked(plan, talk, side_of, names),
        topics=_topics(plan, talk, side_of, found),
        off_script=off_script,
    )


def _figures(transcript: Transcript, placements: dict[str, Placement]) -> list[SpeakerFigures]:
    seconds: dict[str, float] = {}
    words: dict[str, int] = {}
    for cue in transcript.cues:
        seconds[cue.speaker] = seconds.get(cue.speaker, 0.0) + cue.seconds
        words[cue.speaker] = words.get(cue.speaker, 0) + cue.words
    out = []
    for name in transcript.speakers:
        where = placements.get(name, Placement(UNKNOWN))
        out.append(
            SpeakerFigures(
                name, where.side, round(seconds[name], 3), words[name], where.attendee, where.placed
            )
        )
    return out


def _monologues(turns: Sequence[_Turn], side_of: dict[str, str]) -> dict[str, float]:
    """The longest stretch one speaker held the floor, per side (a turn's talk, in seconds)."""
    longest = {OURS: 0.0, CUSTOMER: 0.0}
    for turn in turns:
        side = side_of.get(turn.speaker)
        if side in longest:
            longest[side] = max(longest[side], turn.seconds)
    return {side: round(value, 3) for side, value in longest.items()}


def _own_names(plan: Plan | None, placements: dict[str, Placement]) -> dict[str, frozenset[str]]:
    """Each side's first names, lowercased ("Deepa will send both" is a promise of Deepa's side)."""
    names: dict[str, set[str]] = {OURS: set(), CUSTOMER: set()}
    for speaker, where in placements.items():
        if where.side in names and where.how != "label":
            names[where.side].add(first_name(speaker).casefold())
    for person in plan.attendees if plan else []:
        if person.name and person.side in names:
            names[person.side].add(first_name(person.name).casefold())
    return {side: frozenset(n for n in found if n) for side, found in names.items()}


# Questions that steer the talk rather than ask: "Can I add something?", "Where were we?".
_STEERING = re.compile(
    r"^(?:sorry,?\s+)?(?:can|may|could)\s+I\s+(?:just\s+)?(?:add|jump|go\s+off|interrupt|say|ask)\b"
    r"|\bwhere\s+were\s+we\b|\b(?:does\s+that|that)\s+make\s+sense\b|^(?:right|okay|ok|yeah|really|"
    r"sorry|pardon|hello|you\s+know)\?$|\bcan\s+you\s+(?:all\s+|both\s+)?hear\s+me\b|\bsay\s+hi\b",
    re.I,
)


def _customer_questions(talk: Sequence[Sentence], side_of: dict[str, str]) -> list[str]:
    """The questions the customer's side asked of ours (not the ones between themselves)."""
    customers = {_folded(first_name(name)) for name, side in side_of.items() if side == CUSTOMER}
    people = {_folded(first_name(name)) for name in side_of} | {_folded(name) for name in side_of}
    asked: list[str] = []
    for sentence in talk:
        if side_of.get(sentence.speaker) != CUSTOMER or not sentence.is_question:
            continue
        text = sentence.text
        if _STEERING.search(text):
            continue
        vocative = re.match(r"^(?:and\s+|so\s+)?([A-Z][\w'’-]+),", text)
        if vocative and _folded(vocative.group(1)) in customers:
            continue  # asked of a colleague
        if _folded(text.rstrip("?! ")) in people:
            continue  # "Jake?": a name said to pass the word
        asked.append(text)
    return asked


# --- the next step ---------------------------------------------------------------------------------

_MEETING = re.compile(
    r"\b(?:(?:short|quick|follow[- ]?up|next|second|first|technical|pilot|scoping|kick-?off|"
    r"review|planning|working|demo|reference|intro(?:duction)?)\s+){0,3}"
    r"(?:call|demo|meeting|session|review|walkthrough|walk-through|workshop|kick-?off|deep\s+dive|"
    r"visit|catch-?up|check-?in|presentation|site\s+survey)\b",
    re.I,
)
_SCHEDULING = re.compile(
    r"\b(?:book|schedule|set\s+up|put\s+\w+\s+in|invite|calendar|diary|meet|see\s+you|let['’]s|"
    r"shall\s+we|how\s+about|does|works?\s+for|pencil|lock\s+in|hold)\b",
    re.I,
)


# A meeting being fixed: "How about the 23rd?", "The 26th at three works.", "See you Tuesday."
_SLOT = re.compile(
    r"\b(?:works?|suits?|how\s+about|pencil|see\s+you|book|hold\s+a|shall\s+we|let['’]s\s+meet|"
    r"o['’]clock|in\s+the\s+(?:morning|afternoon)|at\s+(?:\d{1,2}|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|noon))\b",
    re.I,
)
_PAST_DAY = re.compile(r"\blast\s+(?:mon|tue|wed|thu|fri|sat|sun|week|month)", re.I)
NEXT_STEP_WINDOW = 4  # sentences before a day is fixed that may name the meeting


def _next_step(
    talk: Sequence[Sentence], transcript: Transcript, call_day: dt.date, found: Sequence[Found]
) -> tuple[str | None, dt.date | None]:
    """The next meeting named with a day, in the second half of the call: the last day fixed
    for one ("The 26th at three works."), named by the meeting talked of just before ("Pilot
    scoping call on Thu 10 Dec 2026"), else "Next meeting on ..."."""
    half = transcript.length / 2
    promised = {c.quote for c in found}
    chosen: tuple[str, dt.date] | None = None
    for n, sentence in enumerate(talk):
        text = sentence.text
        if (sentence.at < half and transcript.timed) or text in promised or _PAST_DAY.search(text):
            continue
        meeting = _MEETING.search(text)
        if not (meeting and _SCHEDULING.search(text)) and not _SLOT.search(text):
            continue
        said = [d for d in dues.dues(text, call_day) if d.day > call_day]
        if not said:
            continue
        day = max(said, key=lambda d: (d.strength == 0, -d.start)).day
        if meeting is None:
            nearby = (
                _MEETING.search(s.text) for s in reversed(talk[max(0, n - NEXT_STEP_WINDOW) : n])
            )
            meeting = next((m for m in nearby if m is not None), None)
        noun = " ".join(meeting.group().split()) if meeting else NEXT_MEETING
        chosen = (f"{noun[:1].upper()}{noun[1:]} on {describe_date(day)}", day)
    return chosen if chosen is not None else (None, None)


NEXT_MEETING = "next meeting"


# --- against the plan --------------------------------------------------------------------------------


@dataclass
class _Turn:
    index: int
    speaker: str
    start: float
    seconds: float
    talk: list[Sentence]


def _turns(talk: Sequence[Sentence], cues: Sequence[Cue]) -> list[_Turn]:
    turns: list[_Turn] = []
    speaker = ""
    for cue in cues:
        if cue.speaker != speaker or not turns:
            turns.append(_Turn(len(turns), cue.speaker, cue.start, 0.0, []))
            speaker = cue.speaker
        turns[-1].seconds += cue.seconds
    for sentence in talk:
        if 0 <= sentence.turn < len(turns):
            turns[sentence.turn].talk.append(sentence)
    return turns


def _questions_asked(
    plan: Plan, talk: Sequence[Sentence], side_of: dict[str, str], names: frozenset[str]
) -> list[QuestionAsked]:
    """The plan's questions that one of ours asked, verbatim or in other words, with when."""
    ours = [s for s in talk if side_of.get(s.speaker) == OURS and _asks(s)]
    found: list[QuestionAsked] = []
    for question in (q for q in plan.questions if q.strip()):
        best: tuple[float, Sentence] | None = None
        for sentence in ours:
            score = matching.same_question(question, sentence.text, names)
            if score >= ASKED_AT and (best is None or score > best[0]):
                best = (score, sentence)
        if best is not None:
            found.append(QuestionAsked(question, best[1].at, best[1].text))
    return found


_ASKING = re.compile(
    r"^(?:so,?\s+|and\s+)?(?:tell\s+me|walk\s+me\s+through|talk\s+me\s+through|I['’]d\s+(?:like|love)\s+"
    r"to\s+(?:understand|hear|know))\b",
    re.I,
)


def _asks(sentence: Sentence) -> bool:
    return sentence.is_question or bool(_ASKING.search(sentence.text))


def _agenda(
    plan: Plan,
    talk: Sequence[Sentence],
    turns: list[_Turn],
    side_of: dict[str, str],
    length: float,
    names: frozenset[str],
) -> tuple[list[AgendaCoverage], list[OffScript]]:
    """Each agenda item, covered or not and roughly how long; and the stretches about none."""
    items = [item for item in plan.agenda.items if item.strip()]
    wanted = [matching.content(item) - names for item in items]

    def about(sentence: Sentence) -> list[int]:
        said = matching.content(sentence.text)
        short = len(sentence.text.split()) <= SECTION_WORDS  # "Workstations next."
        return [
            n
            for n, words in enumerate(wanted)
            if words
            and (
                matching.overlap(words, said) >= COVERED_AT
                or len(words & said) >= 2
                or (short and any(matching.weight(w) == 1 for w in words & said))
            )
        ]

    mentions: dict[int, int] = {n: 0 for n in range(len(items))}
    turn_items: list[int | None] = []
    for turn in turns:
        hit: dict[int, int] = {}
        for sentence in turn.talk:
            named = about(sentence)
            if len(named) >= 2 or _runs_through(sentence.text):
                continue  # the agenda read out: named, not discussed
            for n in named:
                hit[n] = hit.get(n, 0) + 1
        for n, count in hit.items():
            mentions[n] += count
        turn_items.append(max(hit, key=lambda n: hit[n]) if hit else None)

    seconds = {n: 0.0 for n in range(len(items))}
    current: int | None = None
    context: set[str] = set()  # the words of the part of the call under way
    quiet: list[_Turn] = []  # turns since talk left it
    off_script: list[OffScript] = []

    def close() -> None:
        off = _off_script(quiet, side_of, length)
        if off is not None:
            off_script.append(off)
        elif current is not None:
            seconds[current] += sum(t.seconds for t in quiet)
        quiet.clear()

    for turn, item in zip(turns, turn_items, strict=True):
        said = set().union(*(matching.content(s.text) for s in turn.talk))
        if item is not None:
            close()
            current = item
            context = set(wanted[item]) | said
            seconds[item] += turn.seconds
        elif quiet or _leaves(turn, said, context):
            quiet.append(turn)  # off the agenda, until an item comes up again
        else:
            context |= said  # still about the part under way
            if current is not None:
                seconds[current] += turn.seconds
    close()
    coverage = [
        AgendaCoverage(item, mentions[n] >= 1, round(seconds[n], 1)) for n, item in enumerate(items)
    ]
    return coverage, off_script


# Words that take the call off the agenda: "Can I ask something off the agenda?", "a tangent".
_ASIDE = re.compile(
    r"\b(?:off\s+(?:the\s+)?(?:agenda|topic|script)|(?:a|on\s+a)\s+tangent|unrelated|while\s+I\s+have\s+you|"
    r"something\s+different|different\s+subject|side\s+note)\b",
    re.I,
)


def _leaves(turn: _Turn, said: set[str], context: set[str]) -> bool:
    """Whether a turn that names no agenda item leaves the part of the call under way: it says
    so ("off the agenda", "a tangent"), or it shares not one word with it (a short answer
    always stays)."""
    if any(_ASIDE.search(s.text) for s in turn.talk):
        return True
    words = sum(len(s.text.split()) for s in turn.talk)
    return words > SECTION_WORDS * 2 and bool(context) and not (said & context)


_RUN_THROUGH = re.compile(
    r"\b(?:agenda|the\s+plan\s+(?:is|was|for\s+today)|plan\s+for\s+today|I['’]d\s+(?:like|suggest)\s+"
    r"(?:we|to)\s+(?:go|walk|start|cover)|we['’]ll\s+(?:start|cover|finish)|then\s+finish)\b",
    re.I,
)


def _runs_through(text: str) -> bool:
    return bool(_RUN_THROUGH.search(text))


def _off_script(quiet: list[_Turn], side_of: dict[str, str], length: float) -> OffScript | None:
    """A stretch about no agenda item, long enough and away from the greetings at either end."""
    if len(quiet) < OFF_SCRIPT_TURNS:
        return None
    start = quiet[0].start
    seconds = sum(t.seconds for t in quiet)
    if (
        seconds < OFF_SCRIPT_SECONDS
        or start < EDGE_SECONDS
        or start + seconds > length - EDGE_SECONDS
    ):
        return None
    said = [s for t in quiet for s in t.talk if side_of.get(s.speaker) == CUSTOMER]
    said = said or [s for t in quiet for s in t.talk]
    if not said:
        return None
    best = max(said, key=lambda s: (len(matching.content(s.text)), -s.index))
    return OffScript(_excerpt(best.text), start, round(seconds, 1))


def _excerpt(text: str) -> str:
    words = text.split()
    return text if len(words) <= EXCERPT_WORDS else " ".join(words[:EXCERPT_WORDS]) + " …"


# What each discovery topic sounds like when the customer talks about it: (pattern, weight).
_TOPIC_CUES: dict[str, tuple[tuple[str, int], ...]] = {
    "why_looking": (
        (
            r"\b(?:problem|struggl\w*|frustrat\w*|pain|broken|mess|chaos|going\s+round\s+in\s+circles)\b",
            1,
        ),
        (
            r"\b(?:slower|by\s+hand|manual(?:ly)?|spreadsheets?|can['’]t\s+(?:say|see|tell|find|keep))\b",
            1,
        ),
        (
            r"\b(?:the\s+reason|that['’]s\s+why|which\s+is\s+why|why\s+we['’]re\s+looking|we\s+need\s+to\s+fix)\b",
            2,
        ),
    ),
    "urgency": (
        (
            r"\b(?:urgent|asap|as\s+soon\s+as|before\s+then|running\s+out|ends\s+in|starting\s+in|starts\s+(?:in|the))\b",
            2,
        ),
        (
            r"\b(?:board\s+wants|need\s+(?:it|this)\s+(?:by|before)|by\s+q[1-4]|deadline|in\s+time\s+for)\b",
            2,
        ),
        (
            r"\b(?:this\s+quarter|next\s+quarter|this\s+year|by\s+(?:january|february|march|april|may|june|july|august|september|october|november|december))\b",
            1,
        ),
    ),
    "deadline": (
        (
            r"\b(?:is\s+the\s+date|the\s+deadline|meets?\s+on\s+the|go[- ]live\s+(?:in|by|on)"
            r"|has\s+to\s+be\s+(?:live|done|in\s+place)\s+by)\b",
            2,
        ),
        (
            r"\b(?:in|by|before|until)\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\b",
            1,
        ),
    ),
    "consequence": (
        (
            r"\b(?:if\s+we\s+(?:don['’]t|miss|can['’]t|go\s+into|lose|stay)|if\s+nothing\s+changes|otherwise)\b",
            2,
        ),
        (
            r"\b(?:we['’]d\s+(?:be\s+paying|lose|have\s+to)|we\s+lose|cost\s+us|goes\s+up|won['’]t\s+accept|a\s+finding|penalt\w+|fine[sd]?\b)",
            1,
        ),
        (
            r"\b(?:leak\w*|lose\s+the|miss\s+the|it['’]s\s+(?:january|february|march|april|may|june|july|august|september|october|november|december))\b",
            1,
        ),
    ),
    "attitude_to_us": (
        (
            r"\b(?:you\s+guys|your\s+(?:team|product|support|company|people|service|system)|with\s+you\b)",
            1,
        ),
        (
            r"\b(?:we\s+liked|impressed|trust\s+you|never\s+looked\s+back|happy\s+with|nearly\s+cost\s+you|still\s+running|burned|disappointed|let\s+us\s+down)\b",
            2,
        ),
    ),
    "competition": (
        (
            r"\b(?:we\s+(?:had|tried|trialled|trialed|looked\s+at|also\s+(?:spoke|talked)|are\s+talking|['’]re\s+talking)|other\s+(?:tools|vendors|options|suppliers|shops))\b",
            2,
        ),
        (
            r"\b(?:competitor\w*|cheaper|faster\s+to\s+deliver|another\s+vendor|quote\s+from|also\s+looking|pitch(?:ed)?\s+us)\b",
            1,
        ),
    ),
    "decision_process": (
        (
            r"\b(?:sign\w*\s+off|signs?\b|approv\w+|decides?|decision|veto|go-ahead|recommend|both\s+signatures)\b",
            2,
        ),
        (
            r"\b(?:board|committee|cfo|ceo|procurement|tender|legal|budget|finance\s+director|md)\b",
            1,
        ),
    ),
}


_TOPIC_PATTERNS: dict[str, tuple[tuple[re.Pattern[str], int], ...]] = {
    key: tuple((re.compile(pattern, re.I), weight) for pattern, weight in cues)
    for key, cues in _TOPIC_CUES.items()
}


def _topics(
    plan: Plan,
    talk: Sequence[Sentence],
    side_of: dict[str, str],
    promises_found: Sequence[Found] = (),
) -> list[TopicHeard]:
    """The discovery topics the plan did not know that came up, each with the customer's words
    that say most about it (the first such, on a tie)."""
    unknown = [key for key in DISCOVERY if not plan.discovery.is_known(key)]
    promised = {c.quote for c in promises_found}  # a promise's day is no deadline of theirs
    said = [
        s
        for s in talk
        if side_of.get(s.speaker) == CUSTOMER and not s.is_question and s.text not in promised
    ]
    heard: list[TopicHeard] = []
    for key in unknown:
        cues = _TOPIC_PATTERNS.get(key, ())
        best: tuple[int, Sentence] | None = None
        for sentence in said:
            if len(sentence.text.split()) < 4:
                continue
            score = sum(w for pattern, w in cues if pattern.search(sentence.text))
            if score >= TOPIC_AT and (best is None or score > best[0]):
                best = (score, sentence)
        if best is not None:
            heard.append(TopicHeard(key, _excerpt(best[1].text), best[1].at))
    return heard
