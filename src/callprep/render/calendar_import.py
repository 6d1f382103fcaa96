"""What `callprep import` reports: a line per plan on stdout, a short summary on stderr."""

from __future__ import annotations

import datetime as dt

from callprep import messages
from callprep.calendar.importer import Result, skipped_counts
from callprep.dates import call_time_text, describe_datetime
from callprep.text import one_line


def plan_lines(result: Result, our_zone: str = "") -> list[str]:
    """`new  2026-10-21-northwind-foods-call  Wed 21 Oct 2026, 15:00  Northwind Foods`, the time
    by the one rule (`dates.call_time_text`): the seller's, the meeting's own beside it."""
    words = messages.IMPORT_DRY_ACTIONS if result.dry_run else messages.IMPORT_ACTIONS
    width = max((len(words[o.action]) for o in result.outcomes), default=0)
    lines = []
    for outcome in result.outcomes:
        when = (
            call_time_text(outcome.starts_at, outcome.zone, our_zone) if outcome.starts_at else "—"
        )
        parts = [words[outcome.action].ljust(width), one_line(outcome.plan_id), when]
        lines.append("  ".join([*parts, one_line(outcome.account) or "—"]))
    return lines


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
    lines += [
        messages.IMPORT_UNREADABLE.format(reason=one_line(skip.reason))
        for skip in result.skipped
        if skip.group == "unreadable"
    ]
    if result.named:
        pairs = ", ".join(
            f"{one_line(domain)} → {one_line(account)}"
            for domain, account in sorted(result.named.items())
        )
        lines.append(messages.IMPORT_NEW_ACCOUNTS.format(pairs=pairs))
    if counts["created"] and not result.dry_run:
        lines.append(messages.IMPORT_PREPARE)
    return lines
