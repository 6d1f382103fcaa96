"""The manager's review queue for the terminal."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text

from callprep import messages
from callprep.catalog.index import PlanSummary
from callprep.catalog.listing import gaps
from callprep.dates import call_time_text
from callprep.render.listing import GAP, MIN_ACCOUNT, Piece, fit, readiness_style
from callprep.team.queue import Queue
from callprep.text import one_line

# The costliest gap is cut no shorter than this before it goes.
MIN_GAP = 12


def _title(account: str, opportunity: str) -> str:
    return one_line(" · ".join(part for part in (account, opportunity) if part)) or "—"


def coming_lines(
    coming: list[PlanSummary], width: int, our_zone: str = "", now: dt.datetime | None = None
) -> list[list[Piece]]:
    """One line per coming call: readiness, time, call, owner, costliest gap; fitted to `width`.

    The account and the time are never cut or left out (a manager tells calls apart by them).
    When the line is too long, in turn: the opportunity goes (the account stays), the owner
    shrinks to the name before the @, the gap is cut (…), then goes, then the owner goes, and
    only on a very narrow terminal is the account cut.
    """
    header = messages.REVIEW_COMING_COLUMNS
    whens = [
        call_time_text(p.starts_at, p.timezone, our_zone, form="short", now=now) for p in coming
    ]
    accounts = [one_line(p.account) or "—" for p in coming]
    titles = [_title(p.account, p.opportunity) for p in coming]
    owners = [one_line(p.owner) or "—" for p in coming]
    short_owners = [owner.split("@", 1)[0] or owner for owner in owners]
    costliest = [(gaps(p) or ["—"])[0] for p in coming]

    def widest(texts: list[str], title: str) -> int:
        return max([cell_len(title), *(cell_len(t) for t in texts)])

    ready_w, when_w = len(header[0]), widest(whens, header[1])
    fixed = ready_w + len(GAP) + when_w + len(GAP)
    calls, who, gap_w = titles, owners, widest(costliest, header[4])
    show_owner, show_gap = True, True

    def total() -> int:
        used = fixed + widest(calls, header[2])
        if show_owner:
            used += len(GAP) + widest(who, header[3])
        if show_gap:
            used += len(GAP) + gap_w
        return used

    for step in ("whole", "account", "owner", "cut gap", "no gap", "no owner"):
        if step == "account":
            calls = accounts
        elif step == "owner":
            who = short_owners
        elif step == "cut gap":
            gap_w = max(MIN_GAP, widest(costliest, header[4]) - (total() - width))
        elif step == "no gap":
            show_gap = False
        elif step == "no owner":
            show_owner = False
        if total() <= width:
            break
    call_w = widest(calls, header[2])
    if total() > width:  # a very narrow terminal: the account gives way at last
        call_w = max(MIN_ACCOUNT, call_w - (total() - width))
    owner_w = widest(who, header[3])

    columns = [header[0].rjust(ready_w), header[1].ljust(when_w), header[2].ljust(call_w)]
    if show_owner:
        columns.append(header[3].ljust(owner_w))
    if show_gap:
        columns.append(header[4])
    lines: list[list[Piece]] = [[(GAP.join(columns).rstrip(), "bold")]]
    for n, plan in enumerate(coming):
        line: list[Piece] = [
            (str(plan.readiness).rjust(ready_w), readiness_style(plan.readiness)),
            (GAP + whens[n].ljust(when_w) + GAP, ""),
            (fit(calls[n], call_w), ""),
        ]
        if show_owner:
            line.append((GAP + fit(who[n], owner_w), "dim"))
        if show_gap:
            line.append((GAP + fit(costliest[n], gap_w).rstrip(), "yellow"))
        text, style = line[-1]
        line[-1] = (text.rstrip(), style)
        lines.append(line)
    return lines


def renderables(
    queue: Queue, width: int = 80, our_zone: str = ""
) -> list[RenderableType | list[list[Piece]]]:
    """The queue in reading order: headings and lines as rich Text, the coming calls as lines of
    pieces (see `coming_lines`)."""
    parts: list[RenderableType | list[list[Piece]]] = [
        Text(messages.REVIEW_COMING.format(days=queue.days), style="bold cyan")
    ]
    if queue.coming:
        parts.append(coming_lines(queue.coming, width, our_zone, queue.as_of))
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
