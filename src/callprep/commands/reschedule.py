"""`callprep reschedule`: move a call; its id follows the new date, the old id still finds it."""

from __future__ import annotations

from pathlib import Path

from callprep import dates, messages, output
from callprep.calendar import meetings
from callprep.catalog import lookup
from callprep.dates import Clock
from callprep.errors import CallprepError
from callprep.plans import profile as profiles
from callprep.plans.model import Plan
from callprep.plans.store import Store


def run(home: Path, ref: str, when: str, minutes: int | None = None, force: bool = False) -> None:
    if minutes is not None and not 1 <= minutes <= 24 * 60:
        raise CallprepError(messages.INVALID_INT)
    store = Store(home)
    stored = lookup.load(store, ref)
    clock = Clock.of(profiles.load_or_empty(home, output.warn).zone_name)
    start = clock.datetime(when)
    if start is None:
        raise CallprepError(messages.RESCHEDULE_NO_WHEN)
    imported = meetings.owns_time(stored.plan)
    if imported and not force:
        # The next import would put the calendar's time back: say so now, not then.
        plan_id = stored.plan.id or stored.path.stem
        raise CallprepError(messages.RESCHEDULE_IMPORTED.format(id=plan_id))

    def change(current: Plan) -> Plan:
        return meetings.moved_by_hand(current, start, minutes)

    moved = store.reschedule(stored.path, change)
    if moved.path != stored.path:  # the old id now finds this plan, and no other
        for other in lookup.drop_alias(store, stored.path.stem, moved.path):
            output.say(
                messages.ALIAS_MOVED.format(alias=stored.path.stem, other=other, id=moved.plan.id)
            )
    when_text = dates.call_time_text(start, moved.plan.timezone, clock.zone.key)
    if moved.path != stored.path:
        output.say(
            messages.RESCHEDULED_NEW_ID.format(
                when=when_text, old=stored.path.stem, new=moved.plan.id
            )
        )
    else:
        output.say(messages.RESCHEDULED.format(when=when_text))
    if imported:
        output.say(messages.RESCHEDULED_OVER_CALENDAR)
    if clock.aware(start) < clock.now:  # a typo, or a call recorded late: either way, say so
        output.warn(messages.RESCHEDULED_INTO_PAST.format(when=when_text, id=moved.plan.id))
    print(moved.plan.id or moved.path.stem, flush=True)
