"""The brief in the terminal with rich; every plan text goes in as a Text, never as markup."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from callprep import messages
from callprep.render import page
from callprep.render.brief import BriefView
from callprep.render.listing import readiness_style
from callprep.text import clean

HEADINGS = messages.BRIEF_HEADINGS


def t(text: object, style: str = "") -> Text:
    return Text(clean(text), style=style)


def _heading(title: str) -> Text:
    return Text(f"\n{title}", style="bold cyan")


def _status(flag: bool, words: tuple[str, str]) -> Text:
    yes, no = words
    return Text(f"✓ {yes}", style="green") if flag else Text(f"✗ {no}", style="yellow")


def _grid() -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    return grid


def _header(view: BriefView) -> Panel:
    people = _grid()
    people.add_row(HEADINGS["them"], t(", ".join(view.customer_people) or messages.BRIEF_NOBODY))
    people.add_row(HEADINGS["us"], t(", ".join(view.our_people) or "—"))
    title = Text.assemble(t(view.account, "bold"))
    if view.opportunity:
        title.append_text(Text.assemble("  ", t(view.opportunity, "cyan")))
    readiness = Text(
        f" {HEADINGS['readiness'].lower()} {view.readiness}/100 ",
        style=readiness_style(view.readiness),
    )
    return Panel(
        Group(title, people),
        title=Text(f" {clean(view.kind)} · {clean(view.when)} ", style="magenta"),
        title_align="left",
        subtitle=readiness,
        subtitle_align="right",
        border_style="cyan",
    )


def _objectives(view: BriefView) -> Table:
    # Side by side, each box headed by its label, so alignment (or its lack) is visible.
    table = Table.grid(expand=True, padding=(0, 2))
    cells: list[RenderableType] = []
    for key, text, field, empty, style in (
        ("best", view.best, "objective.best", messages.BRIEF_NOT_SET, "green"),
        ("minimum", view.minimum, "objective.minimum", messages.BRIEF_NOT_SET, "yellow"),
        ("customer", view.customer_goal, "", messages.BRIEF_ASK_THEM, "blue"),
    ):
        label = Text(HEADINGS[key], style=f"bold {style}")
        if field and page.vague(view, field):
            label.append(f" ({messages.BRIEF_VAGUE})", style="bold red")
        table.add_column(ratio=1, vertical="top")
        cells.append(Group(label, t(text) if text else t(empty, "italic yellow")))
    table.add_row(*cells)
    return table


def _list(rows: list[tuple[Text, Text]], indent: int = 2) -> Padding:
    """Marker and text in two columns, so a long item wraps under its own text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for marker, body in rows:
        grid.add_row(marker, body)
    return Padding(grid, (0, 0, 0, indent))


def _line(text: str, style: str, indent: int = 2) -> Text:
    return Text(" " * indent + text, style=style)


def renderables(view: BriefView) -> list[RenderableType]:
    parts: list[RenderableType] = [_header(view)]

    if view.last_time is not None:
        parts.append(_heading(view.last_time.heading))
        last = _grid()
        for label, value in page.last_time_rows(view):
            last.add_row(label, t(value))
        parts.append(Padding(last, (0, 0, 0, 2)))

    parts += [_heading(HEADINGS["objectives"]), Padding(_objectives(view), (0, 0, 0, 2))]

    if view.opener:
        parts.append(_heading(HEADINGS["opener"]))
        opener = _grid()
        for label, value in view.opener:
            opener.add_row(label, t(value))
        parts.append(Padding(opener, (0, 0, 0, 2)))

    status = Text.assemble(
        "  ",
        _status(view.agenda_shared, messages.BRIEF_SHARED),
        "   ",
        _status(view.agenda_confirmed, messages.BRIEF_CONFIRMED),
    )
    parts.append(_heading(HEADINGS["agenda"]))
    parts.append(status)
    if view.agenda:
        parts.append(
            _list([(Text(f"{n}.", "dim"), t(item)) for n, item in enumerate(view.agenda, 1)])
        )
    else:
        parts.append(_line(messages.BRIEF_NO_AGENDA, "red"))
    parts.append(_line(f"{HEADINGS['prep']}:", "dim"))
    if view.customer_prep:
        parts.append(_list([(Text("☐", "dim"), t(item)) for item in view.customer_prep], 4))
    else:
        parts.append(_line(page.no_prep(), "yellow", 4))

    parts.append(_heading(HEADINGS["known"]))
    facts = page.discovery_rows(view)
    if facts:
        known = _grid()
        for fact in facts:
            known.add_row(fact.label, t(fact.value, "" if fact.known else "italic yellow"))
        parts.append(Padding(known, (0, 0, 0, 2)))
    else:
        parts.append(_line(messages.BRIEF_NOTHING_KNOWN, "dim"))

    parts.append(_heading(HEADINGS["learn"]))
    questions = []
    for question in page.question_rows(view):
        body = t(question.text)
        if question.tag:
            body.append(f"  ({question.tag})", style="yellow" if question.tone == "fair" else "dim")
        questions.append((Text("☐", "dim"), body))
    parts.append(_list(questions) if questions else _line(messages.BRIEF_NO_QUESTIONS, "dim"))

    if view.open_commitments:
        parts.append(_heading(HEADINGS["commitments"]))
        commitments = []
        for item in view.open_commitments:
            c = item.commitment
            who = messages.BRIEF_WHO.get(c.who, c.who)
            body = Text.assemble((f"{who}: ", "bold"), t(c.what))
            if c.due:
                body.append(f"  by {c.due:%-d %b %Y}", style="dim")
            if item.overdue:
                body.append(f"  {messages.BRIEF_OVERDUE.upper()}", style="bold red")
            commitments.append((Text("☐", "dim"), body))
        parts.append(_list(commitments))

    if view.notes:
        parts.append(_heading(HEADINGS["notes"]))
        notes = _grid()
        for label, value in view.notes:
            notes.add_row(t(label), t(value))
        parts.append(Padding(notes, (0, 0, 0, 2)))

    parts.append(_heading(HEADINGS["off_script"]))
    steps = [
        (Text(f"{n}.", "bold cyan"), Text(step))
        for n, step in enumerate(messages.OFF_SCRIPT_STEPS, 1)
    ]
    parts.append(_list(steps))

    if view.open_labels:
        parts.append(
            Text.assemble(
                ("\n" + HEADINGS["open"] + ": ", "dim bold"),
                (" · ".join(view.open_labels), "dim"),
            )
        )
        parts.append(Text(messages.BRIEF_SEE_CHECK, style="dim"))
        # The command whole, on a line of its own: never folded inside the id.
        command = messages.BRIEF_CHECK_COMMAND.format(id=view.plan.id or "PLAN")
        parts.append(Text("  " + command, style="dim", no_wrap=True, overflow="ignore"))
    return parts


def render(view: BriefView, console: Console) -> None:
    for part in renderables(view):
        console.print(part)
