"""The plan list as a rich table."""

from __future__ import annotations

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
        debrief = plan.debrief.outcome if plan.debrief and plan.debriefed else "—"
        out.add_row(
            when,
            Text(one_line(plan.account) or "—"),
            Text(plan.kind or "—"),
            Text(str(row.readiness), style=readiness_style(row.readiness)),
            Text(debrief),
            Text(one_line(plan.id)),
        )
    return out
