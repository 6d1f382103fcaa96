"""The plan list, and the coming week's calls, for the terminal."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.table import Table
from rich.text import Text

from callprep import clock, messages
from callprep.text import one_line

if TYPE_CHECKING:
    from callprep.catalog.listing import Row


def readiness_style(readiness: int) -> str:
    return "green" if readiness >= 80 else "yellow" if readiness >= 50 else "red"


GAP = "  "
# The account keeps its whole name up to this many cells, and gives way below it only on a
# narrow terminal, never below MIN_ACCOUNT.
WHOLE_ACCOUNT = 24
MIN_ACCOUNT = 12
# An id column narrower than this says nothing useful: left out (--json has every id).
MIN_ID = 10


Piece = tuple[str, str]  # text, rich style ("" for none)


def short_refs(ids: list[str], all_ids: list[str]) -> dict[str, str]:
    """Each id's shortest start that no other id shares, run on to the end of its word.

    `callprep brief 2026-12-03-acme` finds a plan as well as its whole id does.
    """
    ordered = sorted(set(all_ids))
    refs: dict[str, str] = {}
    for plan_id in ids:
        at = _bisect(ordered, plan_id)
        shared = 0
        for other in (
            ordered[at - 1] if at else "",
            ordered[at + 1] if at + 1 < len(ordered) else "",
        ):
            common = 0
            while common < min(len(other), len(plan_id)) and other[common] == plan_id[common]:
                common += 1
            shared = max(shared, common)
        end = plan_id.find("-", shared + 1)
        refs[plan_id] = plan_id if end < 0 else plan_id[:end]
    return refs


def _bisect(ordered: list[str], value: str) -> int:
    return bisect_left(ordered, value)


def table(rows: list[Row], width: int, all_ids: list[str] | None = None) -> list[list[Piece]]:
    """One line per plan, columns aligned, fitted to `width` without wrapping.

    The account stays whole up to 24 characters. When the line is too long, in turn: the id
    shrinks to its shortest unambiguous start (which `callprep` accepts as well), the time of
    day goes (the date stays), the id is cut (…), the id column goes (below 10 characters),
    and only then does the account give way.

    Lines of (text, style) pieces rather than rich Text: a seller's whole history is thousands
    of rows, and rich takes seconds to lay those out; `output.write_lines` writes them at once.
    """
    header = ("when", "account", "kind", "ready", "debrief", "id")
    ids = [one_line(row.plan.id) for row in rows]

    def when(row: Row, with_time: bool) -> str:
        start = row.plan.starts_at
        if start is None:
            return "—"
        return f"{start:%Y-%m-%d %H:%M}" if with_time else f"{start:%Y-%m-%d}"

    rest = [
        (
            one_line(row.plan.account) or "—",
            row.plan.kind or "—",
            str(row.readiness),
            messages.LIST_CANCELLED if row.plan.cancelled else (row.plan.outcome or "—"),
        )
        for row in rows
    ]
    rest_widths = [
        min(
            max(cell_len(line[n]) for line in [header[1:5], *rest]),
            WHOLE_ACCOUNT if n == 0 else 999,
        )
        for n in range(4)
    ]
    longest_id = max((cell_len(plan_id) for plan_id in ids), default=0)
    refs = short_refs(ids, all_ids or ids)
    longest_ref = max((cell_len(ref) for ref in refs.values()), default=0)

    def room(with_time: bool) -> int:
        when_width = max(cell_len(when(row, with_time)) for row in rows) if rows else 4
        return width - max(when_width, 4) - sum(rest_widths) - len(GAP) * 5

    with_time, shown_ids = True, ids
    for with_time, mode in (
        (True, "whole"),
        (True, "short"),
        (False, "whole"),
        (False, "short"),
        (False, "cut"),
        (False, "none"),
    ):
        space = room(with_time)
        if mode == "whole" and longest_id <= space:
            shown_ids = ids
        elif mode == "short" and longest_ref <= space:
            shown_ids = [refs[i] for i in ids]
        elif mode == "cut" and space >= MIN_ID:
            shown_ids = [fit(refs[i], space).rstrip() for i in ids]
        elif mode == "none":
            shown_ids = []
        else:
            continue
        break
    whens = [when(row, with_time) for row in rows]
    widths = [max([cell_len("when"), *(cell_len(w) for w in whens)]), *rest_widths]
    fixed = sum(widths) + len(GAP) * 4
    if not shown_ids and fixed > width:  # a narrow terminal: the account gives way at last
        widths[1] = max(MIN_ACCOUNT, widths[1] - (fixed - width))
    head = GAP.join(h.ljust(w) for h, w in zip(header[:5], widths, strict=True))
    lines: list[list[Piece]] = [
        [((head + GAP + header[5]) if shown_ids else head.rstrip(), "bold")]
    ]
    for n, (row, (account, kind, ready, debrief)) in enumerate(zip(rows, rest, strict=True)):
        line: list[Piece] = [
            (whens[n].ljust(widths[0]) + GAP + fit(account, widths[1]) + GAP, ""),
            (kind.ljust(widths[2]) + GAP, ""),
            (ready.rjust(widths[3]), readiness_style(row.readiness)),
        ]
        if shown_ids:
            line += [(GAP + debrief.ljust(widths[4]) + GAP, ""), (shown_ids[n], "dim")]
        else:
            line.append((GAP + debrief, ""))
        lines.append(line)
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
    now = (now or clock.local_now()).astimezone()
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
        if row.not_prepared:
            call.append("\n" + messages.NOT_PREPARED.format(id=one_line(plan.id)), style="yellow")
        elif row.gaps:
            call.append("\n" + messages.FIX_FIRST.format(gap=row.gaps[0]), style="yellow")
            if len(row.gaps) > 1:
                call.append(messages.FIX_MORE.format(count=len(row.gaps) - 1), style="dim")
        call.append("\n" + one_line(plan.id), style="dim")
        out.add_row(Text(str(row.readiness), style=readiness_style(row.readiness)), when, call)
    return out
