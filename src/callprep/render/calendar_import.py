"""What `callprep import` reports: a line per plan on stdout, a short summary on stderr."""

from __future__ import annotations

import datetime as dt

from callprep import messages
from callprep.calendar.importer import Result, Skip, skipped_counts
from callprep.dates import call_time_text, describe_datetime
from callprep.text import one_line, shortened, wrap


def plan_lines(result: Result, our_zone: str = "", width: int | None = None) -> list[str]:
    """`new  2026-10-21-northwind-foods-call  Wed 21 Oct 2026, 15:00  Northwind Foods`, the time
    by the one rule (`dates.call_time_text`): the seller's, the meeting's own beside it.

    One line per plan, for scripts; in a terminal `width` columns wide, a plan whose line is
    wider goes on under its action, broken between its columns, never inside a word.
    """
    words = messages.IMPORT_DRY_ACTIONS if result.dry_run else messages.IMPORT_ACTIONS
    widest = max((len(words[o.action]) for o in result.outcomes), default=0)
    lines: list[str] = []
    for outcome in result.outcomes:
        when = (
            call_time_text(outcome.starts_at, outcome.zone, our_zone) if outcome.starts_at else "—"
        )
        parts = [words[outcome.action].ljust(widest), one_line(outcome.plan_id), when]
        parts.append(one_line(outcome.account) or "—")
        if width is None:
            lines.append("  ".join(parts))
        else:
            lines += _folded(parts, width, " " * (widest + 2))
    return lines


def _unreadable(skip: Skip) -> str:
    """A line for what could not be read, naming the event (a file names itself)."""
    name = shortened(skip.summary) or shortened(skip.uid)
    if not name:
        return messages.IMPORT_UNREADABLE.format(reason=one_line(skip.reason))
    return messages.IMPORT_UNREADABLE_EVENT.format(name=name, reason=one_line(skip.reason))


def _folded(parts: list[str], width: int, hang: str) -> list[str]:
    """Columns joined by two spaces, a new line (under `hang`) where the next would not fit;
    a column too wide for a line of its own is folded at its spaces (an id has none)."""
    from rich.cells import cell_len  # deferred: rich: only a terminal's width is measured

    lines: list[str] = []
    line = "  ".join(parts[:2])  # the action and the plan's id stay together
    for part in parts[2:]:
        if cell_len(line) + 2 + cell_len(part) <= width:
            line += "  " + part
            continue
        lines.append(line.rstrip())
        line = hang + part
    lines.append(line)
    folded: list[str] = []
    for line in lines:
        if cell_len(line) <= width:
            folded.append(line)
        else:
            indent = hang if line.startswith(hang) else ""
            folded += wrap(line.strip(), width, indent=indent, hang=hang)
    return folded


def summary_lines(result: Result, start: dt.datetime, end: dt.datetime, zone: str) -> list[str]:
    """The counts, what was skipped and why (grouped), and how to correct a made-up account."""
    lines = list(result.notes)
    counts = {
        action: sum(1 for o in result.outcomes if o.action in actions)
        for action, actions in (
            ("created", ("created",)),
            ("updated", ("updated", "cancelled")),
            ("unchanged", ("unchanged",)),
        )
    }
    if not result.outcomes and not result.skipped:
        lines.append(
            messages.IMPORT_NOTHING.format(
                start=describe_datetime(start, zone), end=describe_datetime(end, zone)
            )
        )
        return lines
    template = messages.IMPORT_DRY_COUNTS if result.dry_run else messages.IMPORT_COUNTS
    lines.append(template.format(**counts, skipped=len(result.skipped)))
    groups = skipped_counts(result)
    if groups:
        reasons = ", ".join(
            f"{count} {messages.IMPORT_SKIP_GROUPS[group]}" for group, count in groups.most_common()
        )
        lines.append(messages.IMPORT_SKIPPED.format(reasons=reasons))
    lines += [_unreadable(skip) for skip in result.skipped if skip.group == "unreadable"]
    if result.named:
        pairs = ", ".join(
            f"{one_line(domain)} → {one_line(account)}"
            for domain, account in sorted(result.named.items())
        )
        lines.append(messages.IMPORT_NEW_ACCOUNTS.format(pairs=pairs))
        lines.append(messages.IMPORT_NEW_ACCOUNTS_COMMAND)  # whole, on a line of its own
    if counts["created"] and not result.dry_run:
        lines.append(messages.IMPORT_PREPARE)
    return lines
