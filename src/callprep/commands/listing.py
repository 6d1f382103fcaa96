"""`callprep list`: every plan in the store, newest first, with readiness and debrief status."""

from __future__ import annotations

from pathlib import Path

from callprep import listing, messages, output
from callprep.store import Store


def run(home: Path, account: str | None, upcoming: bool, as_json: bool) -> None:
    store = Store(home)
    store.sweep_temps()
    plans, problems = listing.summaries(store)
    for problem in problems:
        output.warn(listing.problem_message(problem))
    found = listing.rows(plans, account, upcoming)
    if as_json:
        output.print_json([row.to_json() for row in found])
        return
    if not found:
        if upcoming:
            output.say(messages.UPCOMING_EMPTY.format(days=listing.UPCOMING_DAYS))
        else:
            output.say(messages.LIST_EMPTY if not account else messages.LIST_NO_MATCH)
        return
    from callprep.render.listing import table, upcoming_table

    console = output.out()
    if upcoming:
        console.print(upcoming_table(found))
    else:
        output.write_lines(console, table(found, console.width, [p.id for p in plans]))
