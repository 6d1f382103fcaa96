"""The manager's review queue for the terminal."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from callprep import messages
from callprep.catalog.listing import gaps
from callprep.render.listing import readiness_style
from callprep.team.queue import Queue
from callprep.text import one_line


def _title(account: str, opportunity: str) -> str:
    return one_line(" · ".join(part for part in (account, opportunity) if part)) or "—"


def renderables(queue: Queue) -> list[RenderableType]:
    parts: list[RenderableType] = [
        Text(messages.REVIEW_COMING.format(days=queue.days), style="bold cyan")
    ]
    if queue.coming:
        table = Table(box=None, header_style="bold", pad_edge=False)
        for name in messages.REVIEW_COMING_COLUMNS:
            table.add_column(name, no_wrap=name != messages.REVIEW_COMING_COLUMNS[2])
        for plan in queue.coming:
            start = plan.starts_at.astimezone() if plan.starts_at else None
            table.add_row(
                Text(str(plan.readiness), style=readiness_style(plan.readiness)),
                f"{start:%a %-d %b %H:%M}" if start else "—",
                Text(_title(plan.account, plan.opportunity)),
                Text(one_line(plan.owner) or "—", style="dim"),
                Text((gaps(plan) or ["—"])[0], style="yellow"),
            )
        parts.append(table)
    else:
        parts.append(Text(messages.REVIEW_NONE_COMING, style="dim"))
    parts += [
        Text(""),
        Text(messages.REVIEW_CONTINUATIONS.format(days=queue.days), style="bold cyan"),
    ]
    if queue.continuations:
        for plan in queue.continuations:
            parts.append(
                Text.assemble(
                    "  ",
                    _title(plan.account, plan.opportunity),
                    (f"  {one_line(plan.owner)}" if plan.owner else "", "dim"),
                    (f"  {one_line(plan.id)}", "dim"),
                )
            )
    else:
        parts.append(Text(messages.REVIEW_NONE, style="dim"))
    parts += [Text(""), Text(messages.REVIEW_STALLED, style="bold cyan")]
    if queue.stalled:
        for deal, owners in queue.stalled:
            parts.append(
                Text.assemble(
                    "  ",
                    _title(deal.account, deal.opportunity),
                    (f"  {', '.join(one_line(o) for o in owners)}" if owners else "", "dim"),
                    (
                        "  " + messages.REVIEW_IN_A_ROW.format(count=deal.continuations_in_a_row),
                        "red",
                    ),
                )
            )
    else:
        parts.append(Text(messages.REVIEW_NONE, style="dim"))
    return parts
