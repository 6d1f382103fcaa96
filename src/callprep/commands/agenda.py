"""`callprep agenda`: the message that agrees the agenda with the customer, the invite, the marks."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from callprep import clock, messages, output
from callprep.catalog import lookup
from callprep.outreach.agenda import call_time, format_call_time, message_for
from callprep.plans import profile as profiles
from callprep.plans.model import Plan
from callprep.plans.profile import Profile
from callprep.plans.store import Store, StoredPlan


def run(
    home: Path,
    ref: str,
    fmt: str = "text",
    ics: str | None = None,
    mark_shared: bool = False,
    mark_confirmed: bool = False,
    now: dt.datetime | None = None,
    long: bool = False,
) -> None:
    """Print the message (or, with a mark, record the customer's answer); `--ics` writes the invite.

    A mark records what happened after the message went out, so it prints no message.
    """
    store = Store(home)
    stored = lookup.load(store, ref)
    plan = stored.plan
    profile = profiles.load_or_empty(home, output.warn)
    if ics is not None:
        write_invite(store, stored, ics, ref, profile, now)
    if mark_shared or mark_confirmed:
        mark(store, stored, confirmed=mark_confirmed)
        return
    text, view = message_for(plan, fmt, ref, profile, long)
    sys.stdout.write(text)
    hints = list(view.hints)
    when = call_time(plan, profile.zone_name)
    if when is not None and when.start < (now or clock.now()):
        hints.insert(0, messages.AGENDA_IN_PAST.format(when=format_call_time(when)))
    for hint in hints:
        output.warn(hint)


def write_invite(
    store: Store,
    stored: StoredPlan,
    path: str,
    ref: str,
    profile: Profile,
    now: dt.datetime | None = None,
) -> None:
    """Write the invite; an imported plan's goes out as the next SEQUENCE of its event, which
    the plan then remembers (under its lock), so the next invite is newer still."""
    from callprep.calendar.ics import invite, with_sequence  # deferred: only with --ics

    plan = stored.plan
    made = invite(plan, plan.id or stored.path.stem, ref, now, profile)
    output.write_file(path, made.data, store.guard(stored.path))
    if made.sequence is not None:
        sequence = made.sequence
        store.update(stored.path, lambda current: with_sequence(current, sequence))
    for hint in made.hints:
        output.warn(hint)


def with_mark(plan: Plan, confirmed: bool) -> Plan:
    """The plan with its agenda marked sent (and agreed); the same plan if it already was."""
    agenda = plan.agenda
    if agenda.confirmed if confirmed else agenda.shared:
        return plan
    update = {"shared": True, "confirmed": True} if confirmed else {"shared": True}
    return plan.model_copy(update={"agenda": agenda.model_copy(update=update)})


def mark(store: Store, stored: StoredPlan, confirmed: bool) -> None:
    """Record that the agenda was sent (and, with `confirmed`, agreed); confirmed implies sent."""
    # Marked on the plan as it is now, under its lock: a change made since it was read stays.
    before: list[Plan] = []

    def change(current: Plan) -> Plan:
        before.append(current)
        return with_mark(current, confirmed)

    if store.update(stored.path, change) is before[0]:
        state = "confirmed" if confirmed else "sent"
        output.say(messages.AGENDA_ALREADY_MARKED.format(state=state))
        return
    output.say(messages.AGENDA_MARKED_CONFIRMED if confirmed else messages.AGENDA_MARKED_SHARED)
