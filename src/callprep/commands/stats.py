"""`callprep stats`: the seller's own record over the plans in the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from callprep import messages, output
from callprep.catalog import listing
from callprep.catalog import stats as record
from callprep.dates import Clock
from callprep.errors import CallprepError
from callprep.plans import profile as profiles
from callprep.plans.store import Store
from callprep.team import owners


def parse_since(value: str, clock: Clock) -> dt.date:
    """A day as typed ("2026-01-01", "1 Jan", "start of the month"): the last one gone."""
    try:
        day = clock.date(value, prefer="past")
    except CallprepError as err:
        raise CallprepError(f"--since {err.message}") from None
    if day is None:
        raise CallprepError(messages.STATS_BAD_SINCE.format(value=value))
    return day


def run(
    home: Path,
    account: str | None = None,
    since: str | None = None,
    as_json: bool = False,
    owner: str | None = None,
    per_owner: bool = False,
) -> None:
    clock = Clock.of(profiles.load_or_empty(home, output.warn).zone_name)
    since_date = parse_since(since, clock) if since is not None else None
    store = Store(home)
    store.sweep_temps()
    plans, problems = listing.summaries(store)
    for problem in problems:
        output.warn(listing.problem_message(problem))
    whose = owners.owner_filter(home, owner, output.warn)
    chosen = record.select(plans, account, since_date, whose)
    today = clock.today()  # the day commitments are overdue against, where the seller is
    result = record.compute(chosen, today)
    per_owner_records = record.by_owner(chosen, today) if per_owner else {}
    if as_json:
        data = result.to_json()
        if per_owner:
            data["by_owner"] = {name: stats.to_json() for name, stats in per_owner_records.items()}
        output.print_json(data)
        return
    if not chosen:
        output.say(messages.STATS_EMPTY if not plans else messages.STATS_NO_MATCH)
        return
    from callprep.render.stats import renderables  # deferred: rich: not for --json

    console = output.out()
    for part in renderables(result, console.width, account=account, since=since_date):
        console.print(part)
    if per_owner:
        from callprep.render.stats import owners_table  # deferred: rich: not for --json

        console.print()
        console.print(owners_table(per_owner_records))
