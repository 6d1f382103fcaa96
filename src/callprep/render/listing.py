"""The plan list as a rich table."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from callprep.render.safe import one_line

if TYPE_CHECKING:
    from callprep.commands.listing import Row


def readiness_style(readiness: int) -> str:
    return "green" if readiness >= 80 else "yellow" if readiness >= 50 else "red"


def table(rows: list[Row]) -> Table:
    out = Table(box=None, header_style="bold", pad_edge=False)
    out.add_column("when", no_wrap=True)
    out.add_column("account")
    out.add_column("kind")
    out.add_column("ready", justify="right")
    out.add_column("debrief")
    out.add_column("id", style="dim", no_wrap=True)
    for row in rows:
        plan = row.plan
        when = f"{plan.starts_at:%Y-%m-%d %H:%M}" if plan.starts_at else "—"
        debrief = plan.outcome or "—"
        out.add_row(
            when,
            Text(one_line(plan.account) or "—"),
            Text(plan.kind or "—"),
            Text(str(row.readiness), style=readiness_style(row.readiness)),
            Text(debrief),
            Text(one_line(plan.id)),
        )
    return out


def day_label(start: dt.datetime, now: dt.datetime) -> str:
    """A coming call's day as a seller says it: today, tomorrow, Fri, next Thu."""
    days = (start.date() - now.date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"{'next ' if days >= 7 else ''}{start:%a}"


def upcoming_table(rows: list[Row], now: dt.datetime | None = None) -> Table:
    """The coming week's calls, least ready first: what each is, what to fix first, its id.

    Three short lines per call rather than one long row: an id and a list of gaps do not
    share 80 columns with anything else.
    """
    now = (now or dt.datetime.now()).astimezone()
    out = Table(box=None, header_style="bold", pad_edge=False)
    out.add_column("ready", justify="right", no_wrap=True)
    out.add_column("when", no_wrap=True)
    out.add_column("call", ratio=1)
    for n, row in enumerate(rows):
        if n:
            out.add_row("", "", "")
        plan = row.plan
        when = "—"
        if plan.starts_at is not None:
            start = plan.starts_at.astimezone()  # the seller's own clock
            when = f"{day_label(start, now)} {start:%H:%M}"
        title = " · ".join(one_line(p) for p in (plan.account, plan.opportunity) if p)
        call = Text.assemble(
            (title or "untitled", "bold"), (f"  {plan.kind}" if plan.kind else "", "dim")
        )
        if row.gaps:
            call.append("\nfix first: " + ", ".join(row.gaps), style="yellow")
        call.append("\n" + one_line(plan.id), style="dim")
        out.add_row(Text(str(row.readiness), style=readiness_style(row.readiness)), when, call)
    return out
