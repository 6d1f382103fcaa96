"""`callprep review`: the manager's queue across the team."""

from __future__ import annotations

from pathlib import Path

from callprep import clock, output
from callprep.catalog import listing
from callprep.plans.home import seller_zone
from callprep.plans.store import Store
from callprep.team import queue


def run(home: Path, days: int = queue.DEFAULT_DAYS, as_json: bool = False) -> None:
    store = Store(home)
    plans, problems = listing.summaries(store)
    for problem in problems:
        output.warn(listing.problem_message(problem))
    found = queue.build(plans, clock.local_now(), days)
    if as_json:
        output.print_json(found.to_json())
        return
    from callprep.render.review import renderables  # deferred: rich: not for --json

    console = output.out()
    for part in renderables(found, console.width, seller_zone(home, output.warn)):
        if isinstance(part, list):
            output.write_lines(console, part)
        else:
            console.print(part)
