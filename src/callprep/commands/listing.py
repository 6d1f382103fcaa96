"""`callprep list`: every plan in the store, newest first, with readiness and debrief status."""

from __future__ import annotations

from pathlib import Path

from callprep import clock, messages, output
from callprep.catalog import listing
from callprep.plans.home import seller_zone
from callprep.plans.store import Store
from callprep.team import gitstore, owners


def run(
    home: Path, account: str | None, upcoming: bool, as_json: bool, owner: str | None = None
) -> None:
    store = Store(home)
    store.sweep_temps()
    plans, problems = listing.summaries(store)
    for problem in problems:
        output.warn(listing.problem_message(problem))
    whose = owners.owner_filter(home, owner, output.warn)
    now = clock.now()
    found = listing.rows(plans, account, upcoming, now, owner=whose)
    copies = gitstore.conflicts(home)
    if copies:  # named until resolved: nothing of a teammate's change may go unseen
        names = ", ".join(copy.name for copy in copies[:4]) + (", …" if len(copies) > 4 else "")
        plural = "ies" if len(copies) != 1 else "y"
        output.warn(messages.LIST_CONFLICTS.format(count=len(copies), ies=plural, names=names))
    if as_json:
        output.print_json([row.to_json() for row in found])
        return
    # The team's plans the default owner filter leaves out: said, with how to see them (a
    # seller who just joined a team has none of their own yet, and must not read "no plans").
    hidden = 0
    if whose is not None and owner is None:
        hidden = len(listing.rows(plans, account, upcoming, now)) - len(found)
    if not found:
        if hidden:
            output.hint(
                messages.list_team_only(hidden, upcoming), messages.list_every_owner(upcoming)
            )
        elif upcoming:
            output.say(messages.UPCOMING_EMPTY.format(days=listing.UPCOMING_DAYS))
        else:
            output.say(messages.LIST_EMPTY if not account else messages.LIST_NO_MATCH)
        return
    from callprep.render.listing import table, upcoming_lines  # deferred: rich: not for --json

    console = output.out()
    zone = seller_zone(home, output.warn)
    if upcoming:
        output.write_lines(console, upcoming_lines(found, console.width, now, zone))
    else:
        lines = table(found, console.width, [p.id for p in plans], zone, now)
        output.write_lines(console, lines)
    if hidden:
        output.hint(
            messages.list_team_hidden(hidden, upcoming), messages.list_every_owner(upcoming)
        )
