"""The plan list, and the coming week's calls, for the terminal."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size

from callprep import clock, messages
from callprep.dates import call_time_text, time_parts
from callprep.text import one_line, wrap

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
        at = bisect_left(ordered, plan_id)
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


def table(
    rows: list[Row],
    width: int,
    all_ids: list[str] | None = None,
    our_zone: str = "",
    now: dt.datetime | None = None,
) -> list[list[Piece]]:
    """One line per plan, columns aligned, fitted to `width` without wrapping.

    The time is shown whole, by the one rule (`dates.call_time_text`), and never gives way; the
    account stays whole up to 24 characters. When the line is too long, in turn: the id shrinks
    to its shortest unambiguous start (which `callprep` accepts as well), the id is cut (…), the
    id column goes (below 10 characters), and only then does the account give way.

    Lines of (text, style) pieces rather than rich Text: a seller's whole history is thousands
    of rows, and rich takes seconds to lay those out; `output.write_lines` writes them at once.
    """
    header = ("when", "account", "kind", "ready", "debrief", "id")
    ids = [one_line(row.plan.id) for row in rows]
    whens = [
        call_time_text(row.plan.starts_at, row.plan.timezone, our_zone, form="short", now=now)
        if row.plan.starts_at is not None
        else "—"
        for row in rows
    ]
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
    widths = [max([cell_len("when"), *(cell_len(w) for w in whens)]), *rest_widths]
    refs = short_refs(ids, all_ids or ids)
    space = width - sum(widths) - len(GAP) * 5
    if max((cell_len(i) for i in ids), default=0) <= space:
        shown_ids = ids
    elif max((cell_len(r) for r in refs.values()), default=0) <= space:
        shown_ids = [refs[i] for i in ids]
    elif space >= MIN_ID:
        shown_ids = [fit(refs[i], space).rstrip() for i in ids]
    else:
        shown_ids = []
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


def upcoming_lines(
    rows: list[Row], width: int, now: dt.datetime | None = None, our_zone: str = ""
) -> list[list[Piece]]:
    """The coming week's calls, least ready first: what each is, what to fix first, its id.

    A few short lines per call rather than one long row: an id and a list of gaps do not
    share 80 columns with anything else. The time is the seller's (`tomorrow 15:00`), the
    customer's below it when their clock reads differently (`10:00 New York`). A command is
    never folded: it stands whole on a line of its own, under the call when it fits there.
    """
    now = now or clock.now()
    whens: list[list[str]] = []
    for row in rows:
        start = row.plan.starts_at
        if start is None:
            whens.append(["—"])
            continue
        ours, theirs = time_parts(start, row.plan.timezone, our_zone, form="day", now=now)
        whens.append([ours, theirs] if theirs else [ours])
    when_width = max([cell_len("when"), *(cell_len(part) for w in whens for part in w)])
    ready_width = len("ready")
    indent = ready_width + len(GAP) + when_width + len(GAP)
    room = max(width - indent, 20)
    lines: list[list[Piece]] = [[(GAP.join(("ready", "when".ljust(when_width), "call")), "bold")]]
    for n, row in enumerate(rows):
        plan = row.plan
        if n:
            lines.append([])
        title = " · ".join(one_line(p) for p in (plan.account, plan.opportunity) if p)
        body: list[list[Piece]] = []
        heading = wrap(title or "untitled", room - (len(plan.kind) + 2 if plan.kind else 0))
        for k, text in enumerate(heading):
            piece: list[Piece] = [(text, "bold")]
            if k == len(heading) - 1 and plan.kind:
                piece.append((f"  {plan.kind}", "dim"))
            body.append(piece)
        command = ""
        if row.not_prepared:
            body += [[(text, "yellow")] for text in wrap(messages.NOT_PREPARED, room)]
            command = messages.NOT_PREPARED_COMMAND.format(id=one_line(plan.id))
        elif row.gaps:
            gap = wrap(messages.FIX_FIRST.format(gap=row.gaps[0]), room)
            body += [[(text, "yellow")] for text in gap]
            if len(row.gaps) > 1:
                more = messages.FIX_MORE.format(count=len(row.gaps) - 1)
                if cell_len(gap[-1] + more) <= room:
                    body[-1].append((more, "dim"))
                else:
                    body.append([(more.strip(), "dim")])
        own_line = [(one_line(plan.id), "dim")] if not command else [(command, "")]
        wide = cell_len(own_line[0][0]) > room
        if not wide:
            body.append(own_line)
        left = [
            str(row.readiness).rjust(ready_width) if k == 0 else " " * ready_width
            for k in range(max(len(body), len(whens[n])))
        ]
        for k, prefix in enumerate(left):
            when = whens[n][k] if k < len(whens[n]) else ""
            style = readiness_style(row.readiness) if k == 0 else ""
            line: list[Piece] = [(prefix, style), (GAP + when.ljust(when_width) + GAP, "")]
            lines.append(line + (body[k] if k < len(body) else []))
        if wide:  # whole, on a line of its own, where the terminal has room for it
            lines.append([(GAP + own_line[0][0], own_line[0][1])])
    return [_trimmed(line) for line in lines]


def _trimmed(line: list[Piece]) -> list[Piece]:
    """The line without trailing spaces (a call's time may be longer than what is beside it)."""
    if not line:
        return line
    text, style = line[-1]
    return [*line[:-1], (text.rstrip(), style)]
