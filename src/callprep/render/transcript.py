"""`callprep transcript` in the terminal: who talked, what was covered and asked, what was
promised; every word from the transcript goes in as Text, never as markup."""

from __future__ import annotations

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from callprep import messages
from callprep.calls.conversation import CUSTOMER, OURS, Analysis
from callprep.calls.transcript import elapsed
from callprep.coach.topics import DISCOVERY
from callprep.text import one_line, wrap

BAR_WIDTH = 16
HEADINGS = messages.TRANSCRIPT_HEADINGS


def _heading(title: str, count: str = "") -> Text:
    return Text.assemble(("\n" + title, "bold cyan"), (f"  {count}" if count else "", "dim"))


def _grid(*wrapping: bool) -> Table:
    grid = Table.grid(padding=(0, 2))
    for wraps in wrapping:
        grid.add_column(no_wrap=not wraps, overflow="fold", ratio=1 if wraps else None)
    return grid


def _bar(fraction: float, width: int) -> Text:
    filled = round(fraction * width)
    return Text.assemble(("█" * filled, "cyan"), ("░" * (width - filled), "dim"))


def _side(side: str) -> str:
    return messages.TRANSCRIPT_SIDES.get(side, side)


def renderables(
    analysis: Analysis, title: str, plan_ref: str | None, source: str, width: int = 80
) -> list[RenderableType]:
    parts: list[RenderableType] = [
        Text.assemble(
            (one_line(title) or messages.TRANSCRIPT_NO_PLAN_TITLE, "bold"),
            "  ",
            (messages.TRANSCRIPT_WORD, "magenta"),
        ),
        Text(
            messages.transcript_subtitle(
                elapsed(analysis.length), len(analysis.speakers), analysis.timed
            ),
            style="dim",
        ),
    ]
    parts += _talk(analysis, width)
    if analysis.customer_questions:
        parts.append(_heading(HEADINGS["their_questions"], str(len(analysis.customer_questions))))
        listed = _grid(False, True)
        for question in analysis.customer_questions:
            listed.add_row("  •", Text(one_line(question)))
        parts.append(listed)
    if analysis.with_plan:
        parts += _against_plan(analysis)
    parts += _commitments(analysis)
    if analysis.next_step:
        parts.append(
            Text.assemble(
                ("\n" + messages.TRANSCRIPT_NEXT_STEP, "bold cyan"),
                " ",
                one_line(analysis.next_step),
            )
        )
    saved = (
        messages.TRANSCRIPT_NOT_SAVED.format(plan=plan_ref, source=source)
        if plan_ref
        else messages.TRANSCRIPT_NOT_SAVED_NO_PLAN
    )
    # The command in it is never broken across lines.
    parts.append(Text("\n" + "\n".join(wrap(saved, width)), style="dim"))
    return parts


def _talk(analysis: Analysis, width: int) -> list[RenderableType]:
    parts: list[RenderableType] = [_heading(HEADINGS["talk"])]
    total = sum(s.seconds for s in analysis.speakers) or 1.0
    table = _grid(True, False, False, False, False)
    bars = max(6, min(BAR_WIDTH, width - 50))
    for speaker in sorted(analysis.speakers, key=lambda s: -s.seconds):
        share = speaker.seconds / total
        side = _side(speaker.side) + ("?" if not speaker.placed else "")
        table.add_row(
            Text("  " + one_line(speaker.name)),
            Text(side, style="dim"),
            Text(elapsed(speaker.seconds), justify="right"),
            Text(f"{round(share * 100)}%", justify="right"),
            _bar(share, bars),
        )
    parts.append(table)
    lines = []
    if analysis.our_share is not None:
        lines.append(messages.transcript_share(round(analysis.our_share * 100)))
    lines.append(
        messages.TRANSCRIPT_MONOLOGUES.format(
            ours=elapsed(analysis.longest_monologue[OURS]),
            theirs=elapsed(analysis.longest_monologue[CUSTOMER]),
        )
    )
    lines.append(
        messages.TRANSCRIPT_QUESTIONS.format(
            ours=analysis.questions[OURS], theirs=analysis.questions[CUSTOMER]
        )
    )
    if analysis.unplaced:
        names = ", ".join(one_line(s.name) for s in analysis.unplaced)
        lines.append(messages.TRANSCRIPT_GUESSED.format(names=names))
    parts += [Padding(Text(line), (0, 0, 0, 2)) for line in lines]
    return parts


def _against_plan(analysis: Analysis) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if analysis.agenda:
        covered = sum(1 for a in analysis.agenda if a.covered)
        parts.append(_heading(HEADINGS["agenda"], messages.of_count(covered, len(analysis.agenda))))
        table = _grid(False, True, False)
        for item in analysis.agenda:
            mark = Text("  ✓", style="green") if item.covered else Text("  ✗", style="yellow")
            took = Text(elapsed(item.seconds) if item.covered and item.seconds else "", style="dim")
            table.add_row(mark, Text(one_line(item.item)), took)
        parts.append(table)
    asked = {q.question: q for q in analysis.questions_asked}
    planned = list(analysis.planned_questions)  # the plan's, in its order, asked or not
    if planned:
        parts.append(_heading(HEADINGS["asked"], messages.of_count(len(asked), len(planned))))
        table = _grid(False, False, True)
        for question in planned:
            found = asked.get(question)
            if found is not None:
                table.add_row(
                    Text("  ✓", style="green"),
                    Text(elapsed(found.at), style="dim"),
                    Text(one_line(question)),
                )
            else:
                table.add_row(Text("  ✗", style="yellow"), Text(""), Text(one_line(question)))
        parts.append(table)
    if analysis.topics:
        parts.append(_heading(HEADINGS["learned"]))
        table = _grid(False, True)
        for topic in analysis.topics:
            label = DISCOVERY[topic.topic].label if topic.topic in DISCOVERY else topic.topic
            table.add_row(Text("  " + label, style="dim"), Text(f"“{one_line(topic.excerpt)}”"))
        parts.append(table)
    if analysis.off_script:
        parts.append(_heading(HEADINGS["off_script"]))
        table = _grid(False, True)
        for stretch in analysis.off_script:
            when = messages.TRANSCRIPT_STRETCH.format(
                at=elapsed(stretch.at), took=elapsed(stretch.seconds)
            )
            table.add_row(Text("  " + when, style="dim"), Text(f"“{one_line(stretch.summary)}”"))
        parts.append(table)
    return parts


def _commitments(analysis: Analysis) -> list[RenderableType]:
    if not analysis.commitments:
        return [
            _heading(HEADINGS["commitments"]),
            Text("  " + messages.TRANSCRIPT_NO_COMMITMENTS, style="dim"),
        ]
    parts: list[RenderableType] = [
        _heading(HEADINGS["commitments"], str(len(analysis.commitments)))
    ]
    table = _grid(False, True, False)
    for found in analysis.commitments:
        who = messages.BRIEF_WHO.get(found.who, found.who)
        due = f"{found.due:%a %-d %b}" if found.due else messages.TRANSCRIPT_NO_DUE
        table.add_row(Text("  " + who, style="bold"), Text(one_line(found.what)), Text(due))
        table.add_row(
            Text(""),
            Text(
                f"“{one_line(found.quote)}” {one_line(found.speaker)}, {elapsed(found.at)}",
                style="dim",
            ),
            Text(""),
        )
    parts.append(table)
    return parts
