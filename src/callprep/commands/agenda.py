"""`callprep agenda`: the message that agrees the agenda with the customer, the invite, the marks."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from callprep import messages, output
from callprep.agenda import call_time, format_call_time, message_for
from callprep.model import Plan
from callprep.store import Store, StoredPlan


def run(
    home: Path,
    ref: str,
    fmt: str = "text",
    ics: str | None = None,
    mark_shared: bool = False,
    mark_confirmed: bool = False,
    now: dt.datetime | None = None,
) -> None:
    """Print the message (or, with a mark, record the customer's answer); `--ics` writes the invite.

    A mark records what happened after the message went out, so it prints no message.
    """
    store = Store(home)
    stored = store.load(ref)
    plan = stored.plan
    if ics is not None:
        write_invite(plan, plan.id or stored.path.stem, ics, ref, store.guard(stored.path), now)
    if mark_shared or mark_confirmed:
        mark(store, stored, confirmed=mark_confirmed)
        return
    text, view = message_for(plan, fmt, ref)
    sys.stdout.write(text)
    hints = list(view.hints)
    when = call_time(plan)
    if when is not None and when.start < (now or dt.datetime.now(dt.UTC)):
        hints.insert(0, messages.AGENDA_IN_PAST.format(when=format_call_time(when)))
    for hint in hints:
        output.warn(hint)


def write_invite(
    plan: Plan,
    plan_id: str,
    path: str,
    ref: str,
    guard: output.OutputGuard,
    now: dt.datetime | None = None,
) -> None:
    from callprep.ics import invite

    made = invite(plan, plan_id, ref, now)
    output.write_file(path, made.data, guard)
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
