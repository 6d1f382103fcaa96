"""`callprep followup`: after the debrief, the recap to send the customer, and the next meeting."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

from callprep import messages, output
from callprep.calendar.ics import invite
from callprep.catalog import lookup
from callprep.dates import zone_key
from callprep.outreach import customer, followup
from callprep.plans import profile as profiles
from callprep.plans.profile import Profile
from callprep.plans.store import Store, StoredPlan
from callprep.text import one_line


def run(
    home: Path,
    ref: str,
    fmt: str = "text",
    ics: str | None = None,
    now: dt.datetime | None = None,
) -> None:
    store = Store(home)
    stored = lookup.load(store, ref)
    plan = stored.plan
    followup.check_debriefed(plan, ref)
    profile = profiles.load_or_empty(home, output.warn)
    text, view = followup.message_for(plan, fmt, ref, profile)
    if ics is not None:  # before the message: a refusal leaves nothing half done
        write_invite(store, stored, ics, ref, profile, now)
    sys.stdout.write(text)
    for hint in view.hints:
        output.warn(hint)


def write_invite(
    store: Store, stored: StoredPlan, path: str, ref: str, profile: Profile, now: dt.datetime | None
) -> None:
    """The invite for the next meeting, at the date and time the next step names: a new event
    of ours (not the imported one the call was), proposed until they accept it."""
    plan = stored.plan
    view = customer.of(plan)
    when = followup.next_meeting(view, profile.zone_name)
    step = one_line(view.next_step).rstrip(".")
    meeting = replace(
        view, starts_at=when, timezone=zone_key(when), meeting=None, agenda_confirmed=False
    )
    title = messages.FOLLOWUP_ICS_SUMMARY.format(account=one_line(view.account), step=step)
    made = invite(
        meeting,
        f"{plan.id or stored.path.stem}-next",
        ref,
        now,
        profile,
        title=title if view.account else step,
        details=followup.invite_details(followup.build(view, ref, profile)),
    )
    output.write_file(path, made.data, store.guard(stored.path))
    for hint in made.hints:
        output.warn(hint)
