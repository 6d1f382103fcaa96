"""The plan list, and the coming week's calls, for the terminal."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.table import Table
from rich.text import Text

from callprep import messages
from callprep.text import one_line

if TYPE_CHECKING:
    from callprep.listing import Row


def readiness_style(readiness: int) -> str:
    return "green" if readiness >= 80 else "yellow" if readiness >= 50 else "red"


GAP = "  "
# The account gives way first when the terminal is narrow, but never below this.
MIN_ACCOUNT = 12


Piece = tuple[str, str]  # text, rich style ("" for none)


def table(rows: list[Row], width: int) -> list[list[Piece]]:
    """One line per plan, columns aligned, the account shortened (…) to fit `width`.

    Lines of (text, style) pieces rather than rich Text: a seller's whole history is thousands
    of rows, and rich takes seconds to lay those out; `output.write_lines` writes them at once.
    """
    header = ("when", "account", "kind", "ready", "debrief", "id")
    cells = [
        (
            f"{row.plan.starts_at:%Y-%m-%d %H:%M}" if row.plan.starts_at else "—",
            one_line(row.plan.account) or "—",
            row.plan.kind or "—",
            str(row.readiness),
            row.plan.outcome or "—",
            one_line(row.plan.id),
        )
        for row in rows
    ]
    widths = [max(cell_len(line[n]) for line in [header, *cells]) for n in range(len(header))]
    spare = width - sum(widths) - len(GAP) * (len(widths) - 1)
    if spare < 0:
        widths[1] = max(min(widths[1], MIN_ACCOUNT), widths[1] + spare)
    lines: list[list[Piece]] = [
        [(GAP.join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(), "bold")]
    ]
    for row, (when, account, kind, ready, debrief, plan_id) in zip(rows, cells, strict=True):
        lines.append(
            [
                (when.ljust(widths[0]) + GAP + fit(account, widths[1]) + GAP, ""),
                (kind.ljust(widths[2]) + GAP, ""),
                (ready.rjust(widths[3]), readiness_style(row.readiness)),
                (GAP + debrief.ljust(widths[4]) + GAP, ""),
                (plan_id, "dim"),
            ]
        )
    return lines


def fit(text: str, width: int) -> str:
    """`text` padded or cut (with "…") to exactly `width` cells."""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    return set_cell_size(text, width - 1) + "…" if width else ""


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
            call.append("\n" + messages.FIX_FIRST.format(gap=row.gaps[0]), style="yellow")
            if len(row.gaps) > 1:
                call.append(messages.FIX_MORE.format(count=len(row.gaps) - 1), style="dim")
        call.append("\n" + one_line(plan.id), style="dim")
        out.add_row(Text(str(row.readiness), style=readiness_style(row.readiness)), when, call)
    return out
