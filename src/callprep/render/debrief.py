"""The coach's summary after a debrief: the outcome, set against how the call was prepared."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from callprep import messages
from callprep.calls.debrief import new_opportunities
from callprep.coach import coach
from callprep.coach.coach import Finding
from callprep.coach.topics import FINDINGS, Topic
from callprep.dates import call_time_text
from callprep.plans.model import Commitment, Plan
from callprep.text import clean, one_line, wrap

OUTCOME_STYLES = {"best": "bold green", "minimum": "yellow", "none": "bold red", "": "dim"}


@dataclass(frozen=True)
class Lookback:
    """Gaps the plan had at the time of the call (finding codes), and whether the call closed them."""

    codes: tuple[str, ...]
    text: str
    closed: bool = False


@dataclass(frozen=True)
class DebriefSummary:
    title: str
    outcome: str
    headline: str
    readiness: int
    lookback_intro: str
    lookback: list[Lookback]
    about_them: list[str] = field(default_factory=list)
    reflection: str = ""
    next_step: str = ""
    commitments: str = ""
    opportunities: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    conversation: str = ""  # the call's figures, when it was debriefed from its transcript
    when: str = ""  # when the call was held, by the one rule (`dates.call_time_text`)


def build(plan: Plan, ref: str = "", our_zone: str = "") -> DebriefSummary:
    """The summary of a debriefed plan (`ref`: how to name it in a command); the coach reviews
    the plan as it was prepared: a debrief changes nothing the coach looks at."""
    debrief = plan.debrief
    outcome = debrief.outcome if debrief else ""
    review = coach.review(plan)
    lookback = _lookback(plan, review.findings)
    reached = outcome in ("best", "minimum")
    about_them: list[str] = []
    if debrief is not None:
        if debrief.customer_objective_met is not None:
            about_them.append(messages.DEBRIEF_THEIR_GOAL[debrief.customer_objective_met])
        if debrief.customer_prepared is not None:
            about_them.append(messages.DEBRIEF_THEY_PREPARED[debrief.customer_prepared])
        if debrief.engagement is not None:
            about_them.append(messages.debrief_engagement(debrief.engagement))
    open_commitments = [c for c in debrief.commitments if not c.done] if debrief else []
    held = (debrief.held_at if debrief else None) or plan.starts_at
    return DebriefSummary(
        when=call_time_text(held, plan.timezone, our_zone) if held is not None else "",
        title=" · ".join(p for p in (plan.account, plan.opportunity) if p) or plan.id,
        outcome=outcome,
        headline=messages.debrief_headline(outcome, plan.objective.best, plan.objective.minimum),
        readiness=review.readiness,
        lookback_intro=messages.lookback_intro(reached, review.readiness, bool(lookback)),
        lookback=lookback,
        about_them=about_them,
        reflection=debrief.could_have_done_more if debrief else "",
        next_step=debrief.next_step if debrief else "",
        commitments=messages.debrief_commitments(
            sum(1 for c in open_commitments if c.who == "ours"),
            sum(1 for c in open_commitments if c.who == "customer"),
            ref or plan.id,
        )
        if open_commitments
        else "",
        opportunities=new_opportunities(debrief),
        risks=[risk for risk in debrief.risks if risk] if debrief else [],
        conversation=conversation_line(plan),
    )


def conversation_line(plan: Plan) -> str:
    """The call's figures from its transcript, in a sentence; "" when it had none."""
    found = plan.debrief.conversation if plan.debrief is not None else None
    if found is None:
        return ""
    return messages.conversation_figures(
        share=found.our_share,
        monologues=(found.longest_monologue_ours, found.longest_monologue_customer),
        questions=(found.questions_ours, found.questions_customer),
        agenda=(len(found.agenda_covered), len([i for i in plan.agenda.items if i.strip()])),
        asked=(len(found.questions_asked), len([q for q in plan.questions if q.strip()])),
    )


def _lookback(plan: Plan, findings: list[Finding]) -> list[Lookback]:
    """The plan's gaps going in; its topics grouped by what the call did: learned, partly, not."""
    after = plan.known_discovery()
    found: list[Lookback] = []
    gaps: list[tuple[Finding, Topic]] = []
    for f in findings:
        topic = f.topic
        if topic is None:
            found.append(Lookback((f.code,), FINDINGS[f.code].lookback))
        else:
            gaps.append((f, topic))

    def now(topic: Topic) -> str:
        value = plan.notes.get(topic.key, "") if topic.in_notes else getattr(after, topic.key)
        return coach.state(value)

    for state in ("known", "hedged", "unknown"):
        group = [(f, topic) for f, topic in gaps if now(topic) == state]
        if group:
            text = messages.lookback_topics([topic.short for _, topic in group], state)
            found.append(Lookback(tuple(f.code for f, _ in group), text, state == "known"))
    return found


def renderables(summary: DebriefSummary, width: int = 80) -> list[RenderableType]:
    """The summary for the terminal; every plan text goes in as a Text, never as markup."""
    out: list[RenderableType] = [
        Text.assemble((one_line(summary.title), "bold"), "  ", ("debrief", "magenta")),
    ]
    if summary.when:  # on a line of its own: a title and a time in two zones fill 80 columns
        out.append(Text(summary.when, style="dim"))
    out.append(Text(clean(summary.headline), style=OUTCOME_STYLES.get(summary.outcome, "")))
    out += [Text("  " + clean(line)) for line in summary.about_them]
    if summary.conversation:
        out.append(Text("\n".join(wrap(clean(summary.conversation), width, "  ", "  "))))
    out.append(Text(summary.lookback_intro, style="bold"))
    marks = Table.grid(padding=(0, 1))
    marks.add_column(no_wrap=True)
    marks.add_column()
    for item in summary.lookback:
        mark = Text("  ✓", style="green") if item.closed else Text("  ✗", style="yellow")
        marks.add_row(mark, Text(clean(item.text)))
    if summary.lookback:
        out.append(marks)
    notes = Table.grid(padding=(0, 1))
    notes.add_column(style="dim", no_wrap=True)
    notes.add_column()
    for label, value in (
        (messages.SUMMARY_LABELS["risks"], "; ".join(summary.risks)),
        (messages.SUMMARY_LABELS["reflection"], summary.reflection),
        (messages.SUMMARY_LABELS["opportunities"], "; ".join(summary.opportunities)),
        (messages.SUMMARY_LABELS["next_step"], summary.next_step),
    ):
        if value:
            notes.add_row(label, Text(one_line(value)))
    if notes.row_count:
        out.append(notes)
    if summary.commitments:  # the command in it is never broken across lines
        out.append(Text("\n".join(wrap(summary.commitments, width)), style="dim"))
    return out


def render(summary: DebriefSummary, console: Console) -> None:
    for part in renderables(summary, console.width):
        console.print(part)


def commitments_table(rows: list[tuple[int, str, Commitment, bool]]) -> Table:
    """`callprep done`: the deal's commitments, numbered; rows are (number, plan id, commitment, overdue).

    "What" takes the room and wraps at words; the rest stay on one line each. The call a
    commitment came from is its date (the start of its plan's id): an 80-column terminal keeps
    the commitment readable rather than the id whole.
    """
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("#", no_wrap=True, justify="right")
    table.add_column("", no_wrap=True)  # done or open
    table.add_column(messages.DONE_COLUMNS[0], no_wrap=True)
    table.add_column(messages.DONE_COLUMNS[1], ratio=1, min_width=16, overflow="fold")
    table.add_column(messages.DONE_COLUMNS[2], no_wrap=True)
    table.add_column(messages.DONE_COLUMNS[3], no_wrap=True, style="dim")
    for number, plan_id, commitment, overdue in rows:
        status = Text("✓", style="green") if commitment.done else Text("☐", style="yellow")
        due = Text(f"{commitment.due:%-d %b %Y}" if commitment.due else "—")
        if overdue:
            due.append(f" {messages.DONE_OVERDUE}", style="bold red")
        what = Text(one_line(commitment.what))
        if commitment.source:  # where it came from: the sentence the transcript heard
            source = messages.DONE_SOURCES.get(commitment.source, commitment.source)
            heard = f" “{one_line(commitment.quote)}”" if commitment.quote else ""
            what.append(f"\n{one_line(source)}{heard}", style="dim")
        table.add_row(
            str(number),
            status,
            Text(messages.BRIEF_WHO.get(commitment.who, commitment.who)),
            what,
            due,
            Text(one_line(plan_id)[:10]),
        )
    return table
