"""`callprep stats`: the seller's own record over the plans in the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from callprep import listing, messages, output
from callprep import stats as record
from callprep.errors import CallprepError
from callprep.store import Store


def today() -> dt.date:
    """The day commitments are overdue against (tests replace it)."""
    return dt.date.today()


def parse_since(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as err:
        raise CallprepError(messages.STATS_BAD_SINCE.format(value=value)) from err


def run(
    home: Path,
    account: str | None = None,
    since: str | None = None,
    as_json: bool = False,
) -> None:
    since_date = parse_since(since) if since is not None else None
    store = Store(home)
    store.sweep_temps()
    plans, problems = listing.summaries(store)
    for problem in problems:
        output.warn(listing.problem_message(problem))
    chosen = record.select(plans, account, since_date)
    result = record.compute(chosen, today())
    if as_json:
        output.print_json(result.to_json())
        return
    if not chosen:
        output.say(messages.STATS_EMPTY if not plans else messages.STATS_NO_MATCH)
        return
    from callprep.render.stats import renderables

    console = output.out()
    for part in renderables(result, console.width, account=account, since=since_date):
        console.print(part)
