"""`callprep import`: meetings from calendars (.ics files, vdir folders, stdin) become plans."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

from callprep import messages, output
from callprep.calendar import importer
from callprep.dates import Clock
from callprep.errors import CallprepError
from callprep.plans import profile as profiles
from callprep.plans.store import Store
from callprep.render import calendar_import as view


def run(
    home: Path,
    sources: list[str],
    *,
    days: int = importer.DEFAULT_DAYS,
    start: str | None = None,
    dry_run: bool = False,
    as_json: bool = False,
    account_for: tuple[str, str] | None = None,
    now: dt.datetime | None = None,
) -> None:
    store = Store(home)
    if account_for is not None:
        correct(store, *account_for, dry_run=dry_run)
        if not sources:
            return
    if not sources:
        raise CallprepError(messages.IMPORT_NO_SOURCE)
    profile = profiles.load_or_empty(home, output.warn)
    clock = Clock.of(profile.zone_name, now)
    day = clock.date(start) if start else None
    begin, end = importer.window(clock.now, days, day, clock.zone)
    result = importer.import_calendars(
        store,
        sources,
        profile=profile,
        start=begin,
        end=end,
        zone=clock.zone,
        dry_run=dry_run,
        stdin=sys.stdin.buffer if "-" in sources else None,
        warn=output.warn,
    )

    if as_json:
        output.print_json(result.to_json())
    else:
        # In a terminal, lines wider than it go on under their action instead of being cut
        # anywhere by the terminal; piped, each plan stays one line for scripts.
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        lines = view.plan_lines(result, clock.zone.key, width)
        if lines:
            sys.stdout.write("\n".join(lines) + "\n")
    for line in view.summary_lines(result, begin, end, clock.zone.key):
        output.say(line)


def correct(store: Store, key: str, account: str, dry_run: bool = False) -> None:
    """`--account-for DOMAIN NAME`: the account for the whole domain, and its imported plans."""
    done = importer.correct_account(store, key, account, dry_run)
    if dry_run:
        output.say(messages.IMPORT_ACCOUNT_DRY.format(key=done.key, account=done.account))
        return
    if not done.account:
        output.say(messages.IMPORT_ACCOUNT_CLEARED.format(key=done.key))
        return
    output.say(messages.IMPORT_ACCOUNT_SET.format(key=done.key, account=done.account))
    if done.moved:
        output.say(
            messages.IMPORT_ACCOUNT_RENAMED.format(
                count=len(done.moved), account=done.account, ids=", ".join(done.moved)
            )
        )
    if done.kept:
        output.say(
            messages.IMPORT_ACCOUNT_KEPT.format(count=len(done.kept), ids=", ".join(done.kept))
        )
