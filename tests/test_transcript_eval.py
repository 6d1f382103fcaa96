"""How well the transcript reader does on calls labelled by hand (tests/data/transcripts).

Over the labelled set, split in two by a hash of each call's name (the set's README says which
call is where): `dev`, which the extractor was tuned on, and `holdout`, which it never was. For
each half it measures, the way `callprep transcript --plan` runs:

- commitments: precision and recall, a found commitment matching a labelled one when it quotes
  the same sentence and has the same owner side (one to one; the same sentence said twice is
  told apart by when); the owner side right among those whose sentence is labelled;
- the plan's questions asked: precision and recall;
- our share of the talk: within one percentage point of the labels' exact figure, every call.

It runs as the debrief does once its one question is answered: a speaker the plan does not
place is named ours when the labels say so (`--ours NAME`); without that answer the reader
guesses such a speaker is the customer's (`test_unplaced_speakers_are_guessed_and_asked`).

`pytest -rP tests/test_transcript_eval.py` prints the table (with the due dates, the agenda,
the topics and the next step too, for information). The floors asserted are the issue's, on
both halves, except where the holdout measured lower: there the test holds the holdout to what
it measured (`HOLDOUT_FLOORS`, `HOLDOUT_SHARE_MISSES`), so that it can only get better.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from callprep.calls import conversation
from callprep.calls import transcript as transcripts
from callprep.calls.conversation import Analysis
from callprep.plans.planfile import load_plan

SET = Path(__file__).resolve().parent / "data" / "transcripts"
FORMATS = (".vtt", ".srt", ".txt")

# The floors.
COMMITMENT_PRECISION = 0.85
COMMITMENT_RECALL = 0.80
SIDE_RIGHT = 0.95
QUESTIONS_PRECISION = 0.90
QUESTIONS_RECALL = 0.90
SHARE_POINTS = 1.0
FLOORS = {
    "commitment_precision": COMMITMENT_PRECISION,
    "commitment_recall": COMMITMENT_RECALL,
    "side_right": SIDE_RIGHT,
    "questions_precision": QUESTIONS_PRECISION,
    "questions_recall": QUESTIONS_RECALL,
}
# Where the holdout measured below an issue's floor, the figure it measured (never tuned on).
HOLDOUT_FLOORS: dict[str, float] = {}
# The holdout calls whose talk share was measured more than a point off: the issue wants none.
HOLDOUT_SHARE_MISSES: set[str] = set()


def names() -> list[str]:
    return sorted(p.name.removesuffix(".labels.toml") for p in SET.glob("*.labels.toml"))


def half(name: str) -> str:
    """`dev` when the SHA-256 of the call's name, read as a number, is even; else `holdout`."""
    return "dev" if int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 == 0 else "holdout"


def transcript_of(name: str) -> Path:
    return next(SET / f"{name}{ext}" for ext in FORMATS if (SET / f"{name}{ext}").exists())


def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .!?")


@dataclass
class Counts:
    found: int = 0
    labelled: int = 0
    matched: int = 0
    quoted: int = 0  # found whose sentence is labelled, whatever the side
    side_right: int = 0
    due_right: int = 0
    asked_found: int = 0
    asked_labelled: int = 0
    asked_matched: int = 0
    share_misses: list[str] = field(default_factory=list)
    agenda: int = 0
    agenda_right: int = 0
    topics_found: int = 0
    topics_labelled: int = 0
    topics_matched: int = 0
    next_steps: int = 0
    next_steps_right: int = 0

    def add(self, other: Counts) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            setattr(self, name, mine + value)

    def ratio(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def figures(self) -> dict[str, float]:
        return {
            "commitment_precision": self.ratio(self.matched, self.found),
            "commitment_recall": self.ratio(self.matched, self.labelled),
            "side_right": self.ratio(self.side_right, self.quoted),
            "questions_precision": self.ratio(self.asked_matched, self.asked_found),
            "questions_recall": self.ratio(self.asked_matched, self.asked_labelled),
        }


def _pair(found: list, labelled: list[dict], timed: bool, same_side: bool) -> list[tuple]:
    """Found and labelled commitments paired one to one by their sentence (and side)."""
    pairs = []
    used: set[int] = set()
    for item in found:
        candidates = [
            (abs(label["at"] - item.at) if timed else 0.0, n)
            for n, label in enumerate(labelled)
            if n not in used
            and _norm(label["quote"]) == _norm(item.quote)
            and (not same_side or label["who"] == item.who)
        ]
        if candidates:
            _, n = min(candidates)
            used.add(n)
            pairs.append((item, labelled[n]))
    return pairs


@cache
def measured(name: str) -> tuple[Counts, Analysis, dict]:
    labels = tomllib.loads((SET / f"{name}.labels.toml").read_text(encoding="utf-8"))
    plan = load_plan(SET / f"{name}.plan.toml")
    read = transcripts.read(str(transcript_of(name)))
    day = conversation.call_clock(plan, "UTC").today()
    # A speaker the plan does not place is asked about once in the debrief: here the seller's
    # answer is the label's side (as `--ours NAME` gives it without a terminal).
    ours = [s["name"] for s in labels["speakers"] if not s["plan_attendee"] and s["side"] == "ours"]
    analysis = conversation.hear(read, plan, day, ours=ours).analysis
    counts = Counts()
    labelled = labels.get("commitments", [])
    counts.found, counts.labelled = len(analysis.commitments), len(labelled)
    matched = _pair(analysis.commitments, labelled, read.timed, same_side=True)
    counts.matched = len(matched)
    counts.due_right = sum(1 for item, label in matched if item.due == label.get("due"))
    quoted = _pair(analysis.commitments, labelled, read.timed, same_side=False)
    counts.quoted = len(quoted)
    counts.side_right = sum(1 for item, label in quoted if item.who == label["who"])
    asked = {q["question"] for q in labels.get("questions_asked", [])}
    got = {q.question for q in analysis.questions_asked}
    counts.asked_found, counts.asked_labelled = len(got), len(asked)
    counts.asked_matched = len(asked & got)
    share = analysis.our_share if analysis.our_share is not None else -1.0
    if abs(share - labels["our_share"]) * 100 > SHARE_POINTS:
        counts.share_misses.append(name)
    covered = {a["item"]: a["covered"] for a in labels.get("agenda", [])}
    counts.agenda = len(covered)
    counts.agenda_right = sum(1 for a in analysis.agenda if covered.get(a.item) == a.covered)
    topics = {t["topic"] for t in labels.get("topics", [])}
    heard = {t.topic for t in analysis.topics}
    counts.topics_found, counts.topics_labelled = len(heard), len(topics)
    counts.topics_matched = len(topics & heard)
    if labels.get("next_step_date"):
        counts.next_steps = 1
        counts.next_steps_right = int(analysis.next_step_date == labels["next_step_date"])
    return counts, analysis, labels


def totals(which: str) -> Counts:
    total = Counts()
    for name in names():
        if half(name) == which:
            total.add(measured(name)[0])
    return total


def _percent(value: float) -> str:
    return f"{value * 100:5.1f}%"


def table() -> str:
    rows = [
        "call                                half     found/lab  matched  side    asked  "
        "share(±1pt)",
    ]
    for name in names():
        counts, analysis, labels = measured(name)
        share = analysis.our_share if analysis.our_share is not None else float("nan")
        rows.append(
            f"{name:36}{half(name):8}{counts.found:3}/{counts.labelled:<3}    "
            f"{counts.matched:3}     {counts.side_right}/{counts.quoted:<3}  "
            f"{counts.asked_matched}/{counts.asked_found}/{counts.asked_labelled:<3} "
            f"{share:.4f} vs {labels['our_share']:.4f}"
        )
    rows.append("")
    for which in ("dev", "holdout"):
        t = totals(which)
        f = t.figures
        rows.append(
            f"{which:8} commitments P {_percent(f['commitment_precision'])} "
            f"R {_percent(f['commitment_recall'])} ({t.matched} of {t.found} found, "
            f"{t.labelled} labelled); side right {_percent(f['side_right'])}; "
            f"due right {t.due_right} of {t.matched}"
        )
        rows.append(
            f"{'':8} planned questions asked P {_percent(f['questions_precision'])} "
            f"R {_percent(f['questions_recall'])} ({t.asked_matched} of {t.asked_found} found, "
            f"{t.asked_labelled} labelled); talk share off by more than a point: "
            f"{', '.join(t.share_misses) or 'none'}"
        )
        rows.append(
            f"{'':8} for information: agenda right {t.agenda_right} of {t.agenda}; topics "
            f"{t.topics_matched} of {t.topics_found} found right, of {t.topics_labelled} "
            f"labelled; next step's day right {t.next_steps_right} of {t.next_steps}"
        )
    return "\n".join(rows)


def test_the_set_is_split_as_its_readme_says() -> None:
    readme = (SET / "README.md").read_text(encoding="utf-8")
    for name in names():
        line = next(line for line in readme.splitlines() if line.startswith(f"- `{half(name)}`"))
        block = readme[readme.index(line) :].split("\n- ", 2)[0]
        assert name in block, f"{name} should be listed under {half(name)}"
    assert 10 <= sum(half(n) == "dev" for n in names()) <= 14


def test_prints_the_table() -> None:
    shown = table()
    print(shown)  # pytest -rP shows it
    assert all(name in shown for name in names())


@pytest.mark.parametrize("which", ["dev", "holdout"])
def test_commitments_and_questions_reach_the_floors(which: str) -> None:
    figures = totals(which).figures
    for name, floor in FLOORS.items():
        wanted = HOLDOUT_FLOORS.get(name, floor) if which == "holdout" else floor
        assert figures[name] >= wanted, f"{which}: {name} {figures[name]:.3f} < {wanted}"


def test_talk_share_is_within_a_point_on_every_dev_call() -> None:
    assert totals("dev").share_misses == []


def test_talk_share_on_the_holdout_is_no_worse_than_measured() -> None:
    assert set(totals("holdout").share_misses) <= HOLDOUT_SHARE_MISSES


def test_dues_are_read_from_the_day_of_the_call() -> None:
    """Not a floor of the issue: most dues of the commitments found are the labels' own."""
    t = totals("dev")
    assert t.due_right >= 0.9 * t.matched


def test_a_call_day_is_the_plans() -> None:
    plan = load_plan(SET / "harbor-point-discovery.plan.toml")
    assert conversation.call_clock(plan, "UTC").today() == dt.date(2026, 11, 12)


def test_unplaced_speakers_are_guessed_and_asked() -> None:
    """Without the seller's answer, a speaker the plan does not name is guessed to be the
    customer's and marked so: right for most such speakers of the set, never silently."""
    guessed = right = 0
    for name in names():
        labels = tomllib.loads((SET / f"{name}.labels.toml").read_text(encoding="utf-8"))
        plan = load_plan(SET / f"{name}.plan.toml")
        read = transcripts.read(str(transcript_of(name)))
        heard = conversation.hear(read, plan, conversation.call_clock(plan, "UTC").today())
        sides = {s.name: s.side for s in heard.analysis.speakers}
        for speaker in labels["speakers"]:
            if not speaker["plan_attendee"] and speaker["name"] in sides:
                guessed += 1
                right += sides[speaker["name"]] == speaker["side"]
    print(f"unplaced speakers guessed right: {right} of {guessed}")
    assert guessed >= 3 and right >= guessed - 2
