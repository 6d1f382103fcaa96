"""One printed page: the ladder of shortenings a brief goes down until it fits (HTML and PDF)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Generic, TypeVar

from callprep import messages
from callprep.coach import topics
from callprep.deal.carry import OpenCommitment
from callprep.render.brief import BriefView, LastTimeView
from callprep.text import one_line

Page = TypeVar("Page")  # what one page prints: the brief's view, the page to share

# Text sizes (pt) from comfortable down to the smallest still easy to read on paper. A brief
# first shrinks down this list; only at the smallest size does it start to lose words.
SIZES: tuple[float, ...] = (12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)

PAPERS: dict[str, tuple[float, float]] = {  # width, height in mm
    "a4": (210.0, 297.0),
    "letter": (215.9, 279.4),
}
MARGIN_X_MM = 13.0
MARGIN_Y_MM = 11.0


@dataclass(frozen=True)
class Limits:
    """How much of the plan a page shows: the longest text, the longest list."""

    chars: int
    items: int
    # The topics still to learn in one line, not one row each (they are asked below anyway).
    compact: bool = False


# Each step cuts the longest texts and lists a little more. The last step is small enough
# that any plan fits at the smallest size (the tests prove it with an overfull plan).
LADDER: tuple[Limits | None, ...] = (
    None,
    Limits(480, 16),
    Limits(360, 13),
    Limits(280, 11),
    Limits(220, 9),
    Limits(170, 8),
    Limits(135, 7),
    Limits(110, 6),
    Limits(90, 5),
    Limits(72, 4),
    Limits(64, 3),
    Limits(56, 2),
    # One of each: an overfull MEDDPICC plan (twelve topics) or an up-front contract (its
    # opener) needs these.
    Limits(48, 1),
    Limits(40, 1),
    # An overfull plan with everything: a MEDDPICC or up-front contract with a long "Last time".
    Limits(40, 1, compact=True),
    Limits(32, 1, compact=True),
)

TITLE_CHARS = 90  # account and opportunity print large: they get a tighter cap
CORNER_ITEMS = 4  # findings named in the readiness corner; the rest are counted
GUESS_CHARS = 80  # a hedged discovery answer, shown beside the question it leaves open


def cut(text: str, chars: int | None) -> str:
    """The text on one line, cut to `chars` with a visible "…", at a word end where one is near."""
    text = one_line(text)
    if chars is None or len(text) <= chars:
        return text
    head = text[: chars - 1]
    space = head.rfind(" ")
    if space >= chars * 0.7:
        head = head[:space]
    return head.rstrip(" ,;:.-–—") + "…"


def shorten(view: BriefView, limits: Limits | None) -> BriefView:
    """The view as one page shows it: one-line texts, at most `limits` of each."""
    chars = limits.chars if limits else None
    items = limits.items if limits else None
    hidden: dict[str, int] = {}
    cuts = 0

    def text(value: str, cap: int | None = chars) -> str:
        nonlocal cuts
        shown = cut(value, cap)
        cuts += shown != one_line(value)
        return shown

    def some(key: str, values: list[str]) -> list[str]:
        kept = values if items is None else values[:items]
        if len(kept) < len(values):
            hidden[key] = len(values) - len(kept)
        return [text(value) for value in kept]

    def pairs(
        key: str, values: list[tuple[str, str]], labels: bool = True
    ) -> list[tuple[str, str]]:
        """(label, text) pairs, or with `labels=False` (text, tag) pairs whose tag stays whole."""
        kept = values if items is None else values[:items]
        if len(kept) < len(values):
            hidden[key] = len(values) - len(kept)
        if not labels:
            return [(text(first), second) for first, second in kept]
        label_cap = min(chars, 40) if chars else None
        return [(text(label, label_cap), text(value)) for label, value in kept]

    title_cap = min(chars, TITLE_CHARS) if chars else None
    objective_cap = 2 * chars if chars else None  # the reason for the call keeps the most words
    commitments = view.open_commitments if items is None else view.open_commitments[:items]
    if len(commitments) < len(view.open_commitments):
        hidden["commitments"] = len(view.open_commitments) - len(commitments)
    if len(view.open_labels) > CORNER_ITEMS:  # a count, not a cut: `callprep check` lists all
        hidden["open"] = len(view.open_labels) - CORNER_ITEMS
    short = replace(
        view,
        title=text(view.title, title_cap),
        account=text(view.account, title_cap),
        opportunity=text(view.opportunity, title_cap),
        when=one_line(view.when),
        customer_people=some("them", view.customer_people),
        our_people=some("us", view.our_people),
        best=text(view.best, objective_cap),
        minimum=text(view.minimum, objective_cap),
        customer_goal=text(view.customer_goal, objective_cap),
        agenda=some("agenda", view.agenda),
        customer_prep=some("prep", view.customer_prep),
        known=[(label, text(value)) for label, value in view.known],
        unknown=[(label, cut(guess, GUESS_CHARS)) for label, guess in view.unknown],
        suggested=pairs("suggested", view.suggested, labels=False),
        questions=some("questions", view.questions),
        unanswered=some("unanswered", view.unanswered),
        open_commitments=[_cut_commitment(item, text) for item in commitments],
        notes=pairs("notes", view.notes),
        opener=[
            (label, text(value))
            for label, value in view.opener
            # compact: our agenda is listed right below the opener anyway
            if not (limits and limits.compact and label == messages.BRIEF_OPENER["ours"])
        ],
        last_time=_cut_last_time(view.last_time, text, some),
        compact=bool(limits and limits.compact),
        open_labels=view.open_labels[:CORNER_ITEMS],
        hidden=hidden,
    )
    lost = {key for key in hidden if key != "open"}
    return replace(short, shortened=bool(lost) or cuts > 0)


def _cut_last_time(
    last: LastTimeView | None,
    text: Callable[[str], str],
    some: Callable[[str, list[str]], list[str]],
) -> LastTimeView | None:
    if last is None:
        return None
    return replace(
        last,
        heading=text(last.heading),
        summary=text(last.summary),
        next_step=text(last.next_step),
        risks=some("last_risks", last.risks),
        opportunities=some("last_opportunities", last.opportunities),
        people=some("last_people", last.people),
    )


def _cut_commitment(item: OpenCommitment, text: Callable[[str], str]) -> OpenCommitment:
    what = text(item.commitment.what)
    return replace(item, commitment=item.commitment.model_copy(update={"what": what}))


def ladder(view: BriefView) -> list[BriefView]:
    """The view at every step of the ladder, the full one first."""
    return [shorten(view, limits) for limits in LADDER]


# --- what the printed formats share beyond the view ----------------------------------------


def more(view: BriefView, key: str) -> str:
    """The "+3 more" line of a section that lost items to fit the page, else ""."""
    count = view.hidden.get(key, 0)
    return messages.BRIEF_MORE.format(count=count) if count else ""


def with_more(view: BriefView, values: list[str], key: str) -> list[str]:
    extra = more(view, key)
    return [*values, extra] if extra else values


def no_prep() -> str:
    """What the prep list says when empty: the finding."""
    return topics.FINDINGS["customer_prep.missing"].label


def vague(view: BriefView, field_name: str) -> bool:
    return any(f.field == field_name and f.code.endswith("vague") for f in view.findings)


@dataclass(frozen=True)
class DiscoveryRow:
    label: str
    value: str
    known: bool


def discovery_rows(view: BriefView) -> list[DiscoveryRow]:
    """What we know and what we don't, in the playbook's topic order: the gaps are asked below."""
    known, unknown = dict(view.known), dict(view.unknown)
    rows: list[DiscoveryRow] = []
    if view.compact:  # what is known, then what is not in one line
        rows = [
            DiscoveryRow(t.label, known[t.label], True)
            for t in topics.for_playbook(view.plan.playbook)
            if t.label in known
        ]
        still = [t.label for t in topics.for_playbook(view.plan.playbook) if t.label in unknown]
        if still:
            rows.append(DiscoveryRow(messages.BRIEF_STILL_TO_LEARN, ", ".join(still), False))
        return rows
    for topic in topics.for_playbook(view.plan.playbook):
        if topic.label in known:
            rows.append(DiscoveryRow(topic.label, known[topic.label], True))
        elif topic.label in unknown:
            # A hedged answer ("not sure, probably IT") is still a question, but worth seeing.
            guess = unknown[topic.label]
            value = (
                messages.BRIEF_TO_LEARN_GUESS.format(guess=guess)
                if guess
                else messages.BRIEF_TO_LEARN
            )
            rows.append(DiscoveryRow(topic.label, value, False))
    return rows


def last_time_rows(view: BriefView) -> list[tuple[str, str]]:
    """The "Last time" rows, (label, text): the lists joined and their "+N more" after them."""
    last = view.last_time
    if last is None:
        return []
    labels = messages.LAST_TIME_LABELS
    if view.compact:  # the outcome and the summary on one line
        joined = ". ".join(part.rstrip(".") for part in (last.outcome, last.summary) if part)
        rows = [(labels["outcome"], joined)]
    else:
        rows = [(labels["outcome"], last.outcome), (labels["summary"], last.summary)]
    rows.append((labels["next_step"], last.next_step))
    for key, values in (
        ("risks", last.risks),
        ("opportunities", last.opportunities),
        ("people", last.people),
    ):
        rows.append((labels[key], "  ·  ".join(with_more(view, values, f"last_{key}"))))
    return [(label, value) for label, value in rows if value]


@dataclass(frozen=True)
class QuestionRow:
    text: str
    tag: str = ""
    tone: str = ""  # "" plain, "muted" suggested, "fair" carried from an earlier call
    more: bool = False  # a "+3 more" line, not a question


def question_rows(view: BriefView) -> list[QuestionRow]:
    """The questions in the order to ask them: the seller's, then the gaps, then earlier ones."""
    rows = [QuestionRow(q) for q in view.questions]
    if more(view, "questions"):
        rows.append(QuestionRow(more(view, "questions"), more=True))
    rows += [
        QuestionRow(q, tag, "fair" if tag == messages.RED_FLAG_TAG else "muted")
        for q, tag in view.suggested
    ]
    if more(view, "suggested"):
        rows.append(QuestionRow(more(view, "suggested"), more=True))
    rows += [QuestionRow(q, messages.BRIEF_EARLIER, "fair") for q in view.unanswered]
    if more(view, "unanswered"):
        rows.append(QuestionRow(more(view, "unanswered"), more=True))
    return rows


# --- how tall a brief is on paper ------------------------------------------------------------
#
# Both printed layouts share one grid: a header with the readiness corner, the three
# objectives side by side, agenda | what they prepare, then full width: what we know, the
# questions, earlier commitments, notes and the off-script band. The model below follows
# that grid line by line; the HTML page is sized from it, and the PDF uses it to skip briefs
# that cannot fit.

PT_PER_MM = 72 / 25.4
CORNER_MM = 52.0  # the readiness corner
GUTTER_MM = 7.0  # between the columns of a row
GAP_EM = 0.95  # between rows


@dataclass(frozen=True)
class Metrics:
    """A font's average character width and line pitch, both in em."""

    char: float
    line: float


def content_size(paper: str) -> tuple[float, float]:
    """Width and height (pt) inside the page margins."""
    width, height = PAPERS[paper]
    return (
        (width - 2 * MARGIN_X_MM) * PT_PER_MM,
        (height - 2 * MARGIN_Y_MM) * PT_PER_MM,
    )


def _width(word: str) -> float:
    """A word's width in average characters: capitals run wider, CJK twice as wide."""
    return sum(
        1.8 if unicodedata.east_asian_width(ch) in "WF" else 1.2 if ch.isupper() else 1.0
        for ch in word
    )


def wrapped(text: str, width: float, size: float, metrics: Metrics) -> int:
    """Lines `text` takes at `size` pt in a column `width` pt wide, wrapping at spaces."""
    per_line = max(1.0, width / (size * metrics.char))
    lines, used = 1, 0.0
    for word in text.split():
        need = _width(word)
        if used and used + 1 + need > per_line:
            lines, used = lines + 1, 0.0
        elif used:
            need += 1
        while need > per_line:  # a word wider than the column breaks anywhere
            lines, need = lines + 1, need - per_line
        used += need
    return lines


def paragraphs(
    size: float,
    metrics: Metrics,
    texts: list[str],
    col: float,
    scale: float = 1.0,
    spacing: float = 0.5,
) -> float:
    """Height (pt) of a list of paragraphs in a column `col` pt wide at `scale` × `size`,
    `spacing` em apart; an empty list keeps one line."""
    line = size * metrics.line
    if not texts:
        return line
    rows = sum(wrapped(t, col, size * scale, metrics) for t in texts)
    return rows * line * scale + (len(texts) - 1) * spacing * size


def estimate(view: BriefView, size: float, paper: str, metrics: Metrics) -> float:
    """The brief's height in pt at text size `size`, following the shared grid."""
    width, _ = content_size(paper)
    gutter = GUTTER_MM * PT_PER_MM
    line = size * metrics.line

    block = partial(paragraphs, size, metrics)

    def section(texts: list[str], col: float, indent: float = 1.6) -> float:
        return 1.9 * size + block(texts, col - indent * size)

    left = width - CORNER_MM * PT_PER_MM - gutter
    header = (
        0.8 * line
        + block([view.account], left, 2.05)
        + (block([view.opportunity], left, 1.2) + 0.75 * size if view.opportunity else 0)
        + block([", ".join(with_more(view, view.customer_people, "them"))], left - 3 * size)
        + block([", ".join(with_more(view, view.our_people, "us"))], left - 3 * size)
        + 1.2 * size
    )
    corner_col = CORNER_MM * PT_PER_MM - 1.4 * size
    still = "Still open: " + "  ·  ".join(with_more(view, view.open_labels, "open"))
    corner = 3.4 * line + block([still], corner_col, 0.8)
    height = max(header, corner) + GAP_EM * 1.1 * size

    last = last_time_rows(view)
    if view.last_time is not None:
        label_col = max((len(label) for label, _ in last), default=0) * size * 0.86 * metrics.char
        height += section([value for _, value in last], width - label_col - size) + GAP_EM * size

    boxes = (view.best, view.minimum, view.customer_goal)
    third = (width - size) / len(boxes) - 1.4 * size
    objectives = max(block([text or "-"], third, 1.08) for text in boxes)
    height += objectives + 0.9 * line + 1.35 * size + GAP_EM * size

    if view.opener:
        label_col = max(len(label) for label, _ in view.opener) * size * 0.86 * metrics.char
        values = [value for _, value in view.opener]
        height += section(values, width - label_col - size) + GAP_EM * size

    wide, narrow = (width - gutter) * 1.6 / 2.6, (width - gutter) / 2.6
    agenda = section(with_more(view, view.agenda, "agenda"), wide)
    prep = section(with_more(view, view.customer_prep, "prep"), narrow)
    height += max(agenda, prep) + GAP_EM * size

    rows = discovery_rows(view)
    label_col = max((len(r.label) for r in rows), default=0) * size * 0.86 * metrics.char + size
    height += 1.9 * size + block([r.value for r in rows], width - label_col) + GAP_EM * size
    asked = [f"{q.text} — {q.tag}" if q.tag else q.text for q in question_rows(view)]
    height += section(asked, width) + GAP_EM * size

    if view.open_commitments:
        what_col = width - 12 * size
        texts = with_more(view, [c.commitment.what for c in view.open_commitments], "commitments")
        height += section(texts, what_col, indent=4) + GAP_EM * size
    if view.notes:
        notes = with_more(view, [value for _, value in view.notes], "notes")
        label_col = max(len(label) for label, _ in view.notes) * size * 0.86 * metrics.char
        height += section(notes, width - label_col - size) + GAP_EM * size

    reminder = " ".join([messages.BRIEF_HEADINGS["off_script"], *messages.OFF_SCRIPT_STEPS])
    height += 1.2 * size + wrapped(reminder, width - 1.6 * size, size, metrics) * line
    height += 1.5 * size  # the footer
    return height


@dataclass(frozen=True)
class Candidate(Generic[Page]):
    """One way to print the page: a step of the ladder at a text size."""

    step: int
    size: float
    view: Page


def sized(steps: list[Page]) -> list[Candidate[Page]]:
    """Largest first: the full page at each size, then the shorter steps at the smallest size."""
    return [Candidate(0, size, steps[0]) for size in SIZES] + [
        Candidate(step, SIZES[-1], short) for step, short in enumerate(steps[1:], 1)
    ]


def candidates(view: BriefView) -> list[Candidate[BriefView]]:
    """Largest first: the full brief at each size, then shorter briefs at the smallest size."""
    return sized(ladder(view))


def first_fit(
    options: list[Candidate[Page]],
    paper: str,
    metrics: Metrics,
    room: float = 1.0,
    measure: Callable[[Page, float, str, Metrics], float] = estimate,  # type: ignore[assignment]
) -> int:
    """Index of the first candidate whose `measure`d height (the brief's `estimate` unless
    told) is within `room` × the page."""
    _, height = content_size(paper)
    for index, option in enumerate(options):
        if measure(option.view, option.size, paper, metrics) <= room * height:
            return index
    return len(options) - 1
