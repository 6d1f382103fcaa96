"""The brief in the terminal with rich; every plan text goes in as a Text, never as markup."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from callprep.render.brief import OFF_SCRIPT_REMINDER, BriefView
from callprep.render.safe import clean


def t(text: object, style: str = "") -> Text:
    return Text(clean(text), style=style)


def _heading(title: str) -> Text:
    return Text(title, style="bold cyan")


def _bullets(items: list[str], style: str = "", marker: str = "•") -> list[Text]:
    return [Text.assemble((f"  {marker} ", "dim"), t(item, style)) for item in items]


def _status(flag: bool, yes: str, no: str) -> Text:
    return Text(f"✓ {yes}", style="green") if flag else Text(f"✗ {no}", style="yellow")


def renderables(view: BriefView) -> list[RenderableType]:
    plan = view.plan
    parts: list[RenderableType] = []

    header = Text.assemble(t(view.title, "bold"), "  ", t(plan.kind or "call", "magenta"))
    sub = Text.assemble(
        t(view.when), "   ", t(f"readiness {view.readiness}/100", _ready_style(view.readiness))
    )
    people = Table.grid(padding=(0, 2))
    people.add_column(style="dim", no_wrap=True)
    people.add_column()
    people.add_row("Them", t(", ".join(view.customer_people) or "nobody listed yet"))
    people.add_row("Us", t(", ".join(view.our_people) or "—"))
    parts.append(Panel(Group(header, sub, people), border_style="cyan"))

    objectives = Table(show_header=True, header_style="bold", expand=True, box=None, padding=(0, 1))
    objectives.add_column("Best outcome", ratio=1)
    objectives.add_column("Minimum", ratio=1)
    objectives.add_column("What they want", ratio=1)
    objectives.add_row(
        t(plan.objective.best or "not set", "" if plan.objective.best else "red"),
        t(plan.objective.minimum or "not set", "" if plan.objective.minimum else "yellow"),
        t(
            plan.objective.customer or "unknown: ask them",
            "" if plan.objective.customer else "yellow",
        ),
    )
    parts += [_heading("Objectives"), Padding(objectives, (0, 0, 0, 2))]

    agenda = plan.agenda
    status = Text.assemble(
        "  ",
        _status(agenda.shared, "shared", "not shared"),
        "   ",
        _status(agenda.confirmed, "confirmed", "not confirmed"),
    )
    parts += [_heading("Agenda"), status]
    parts += [
        Text.assemble((f"  {n}. ", "dim"), t(item)) for n, item in enumerate(agenda.items, 1)
    ] or [Text("  no agenda yet", style="red")]
    if agenda.customer_prep:
        parts.append(Text("  They prepare:", style="dim"))
        parts += _bullets(agenda.customer_prep, marker="–")

    parts.append(_heading("What we know"))
    if view.known:
        known = Table.grid(padding=(0, 2))
        known.add_column(style="dim", no_wrap=True)
        known.add_column()
        for label, value in view.known:
            known.add_row(label, t(value))
        parts.append(Padding(known, (0, 0, 0, 2)))
    else:
        parts.append(Text("  nothing yet", style="dim"))

    questions = Text()
    parts.append(_heading("Questions to ask"))
    parts += _bullets(view.questions)
    for label, question in view.unknown:
        parts.append(
            Text.assemble(
                ("  ? ", "yellow"), t(question), (f"  (suggested: {label.lower()})", "dim")
            )
        )
    for question in view.unanswered:
        parts.append(
            Text.assemble(("  ↺ ", "yellow"), t(question), ("  (still unanswered)", "dim"))
        )
    if not (view.questions or view.unknown or view.unanswered):
        questions.append("  none", style="dim")
        parts.append(questions)

    if view.open_commitments:
        parts.append(_heading("Open commitments from earlier calls"))
        for item in view.open_commitments:
            c = item.commitment
            due = f" by {c.due:%-d %b}" if c.due else ""
            flag = ("  OVERDUE", "bold red") if item.overdue else ("", "")
            parts.append(Text.assemble("  • ", t(f"{c.who}: {c.what}{due}"), flag))

    if view.notes:
        parts.append(_heading("Notes"))
        for label, value in view.notes:
            parts.append(Text.assemble(("  " + label + ": ", "dim"), t(value)))

    parts.append(Text(OFF_SCRIPT_REMINDER, style="italic dim"))

    if view.findings:
        parts.append(_heading(f"Still open ({len(view.findings)})"))
        parts += [Text.assemble(("  ! ", "yellow"), t(f.message, "dim")) for f in view.findings]
    return parts


def _ready_style(readiness: int) -> str:
    return "green" if readiness >= 80 else "yellow" if readiness >= 50 else "red"


def render(view: BriefView, console: Console) -> None:
    for part in renderables(view):
        console.print(part)
