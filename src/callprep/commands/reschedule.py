"""`callprep reschedule`: move a call; its id follows the new date, the old id still finds it."""

from __future__ import annotations

from pathlib import Path

from callprep import dates, messages, output
from callprep.catalog import lookup
from callprep.dates import Clock
from callprep.errors import CallprepError
from callprep.plans import profile as profiles
from callprep.plans.model import Plan
from callprep.plans.store import Store


def run(home: Path, ref: str, when: str, minutes: int | None = None) -> None:
    if minutes is not None and not 1 <= minutes <= 24 * 60:
        raise CallprepError(messages.INVALID_INT)
    store = Store(home)
    stored = lookup.load(store, ref)
    clock = Clock.of(profiles.load_or_empty(home, output.warn).zone_name)
    start = clock.datetime(when)
    if start is None:
        raise CallprepError(messages.RESCHEDULE_NO_WHEN)

    def change(current: Plan) -> Plan:
        update: dict[str, object] = {"starts_at": start, "timezone": dates.zone_key(start)}
        if minutes is not None:
            update["duration_minutes"] = minutes
        return current.model_copy(update=update)

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
    print(moved.plan.id or moved.path.stem, flush=True)
