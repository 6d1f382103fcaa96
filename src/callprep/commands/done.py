"""`callprep done`: the commitments made on a deal's calls, numbered, and marking them done."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from callprep import clock, messages, output
from callprep.catalog import lookup
from callprep.deal import carry
from callprep.errors import CallprepError
from callprep.plans.model import Commitment, Plan
from callprep.plans.store import Store, StoredPlan
from callprep.text import one_line


@dataclass(frozen=True)
class Entry:
    number: int
    stored: StoredPlan
    index: int  # in its plan's debrief.commitments

    @property
    def commitment(self) -> Commitment:
        debrief = self.stored.plan.debrief
        assert debrief is not None
        return debrief.commitments[self.index]


def deal_plans(store: Store, stored: StoredPlan) -> list[StoredPlan]:
    """PLAN and every stored plan on its deal, oldest first."""
    plan = stored.plan
    found = [stored]
    if plan.account:
        for item in carry.account_stored(store, plan.account, exclude=stored.path):
            if carry.on_deal(item.plan, plan.account, plan.opportunity):
                found.append(item)
    order = {id(p): n for n, p in enumerate(carry.chronological(s.plan for s in found))}
    return sorted(found, key=lambda s: order[id(s.plan)])


def entries(plans: list[StoredPlan]) -> list[Entry]:
    """Every commitment of these plans, numbered from 1 in call order (stable until a call is added)."""
    found: list[Entry] = []
    for stored in plans:
        debrief = stored.plan.debrief
        for index, commitment in enumerate(debrief.commitments if debrief else []):
            if commitment.what:
                found.append(Entry(len(found) + 1, stored, index))
    return found


def with_done(plan: Plan, chosen: list[Commitment], done: bool) -> Plan:
    """The plan with the chosen commitments (as listed) set to `done` (pure: nothing is written).

    A commitment is found by what it says, so a plan changed since the list was made is
    marked right or not at all.
    """
    debrief = plan.debrief
    commitments = list(debrief.commitments) if debrief is not None else []
    for wanted in chosen:
        at = next((n for n, c in enumerate(commitments) if c == wanted), None)
        if at is None:
            raise CallprepError(messages.DONE_CHANGED.format(what=one_line(wanted.what)))
        commitments[at] = commitments[at].model_copy(update={"done": done})
    assert debrief is not None  # a commitment was found in it
    return plan.model_copy(
        update={"debrief": debrief.model_copy(update={"commitments": commitments})}
    )


def run(home: Path, ref: str, numbers: list[int], undo: bool = False) -> None:
    store = Store(home)
    stored = lookup.load(store, ref)
    found = entries(deal_plans(store, stored))
    deal = carry.deal_name(stored.plan.account, stored.plan.opportunity) or stored.path.stem
    if not found:
        output.say(messages.DONE_NONE.format(deal=deal))
        return
    if not numbers:
        from callprep.render.debrief import commitments_table  # deferred: rich: only the table

        today = clock.today()
        rows = [
            (
                e.number,
                e.stored.plan.id or e.stored.path.stem,
                e.commitment,
                not e.commitment.done and e.commitment.due is not None and e.commitment.due < today,
            )
            for e in found
        ]
        output.say(messages.DONE_HEADING.format(deal=deal))
        output.out().print(commitments_table(rows))
        output.say(messages.DONE_HINT.format(ref=ref))
        return
    wrong = [n for n in numbers if not 1 <= n <= len(found)]
    if wrong:
        raise CallprepError(
            messages.DONE_BAD_NUMBER.format(number=wrong[0], count=len(found), ref=ref)
        )
    chosen = [found[n - 1] for n in dict.fromkeys(numbers)]
    by_plan: dict[Path, list[Commitment]] = {}
    for entry in chosen:
        by_plan.setdefault(entry.stored.path, []).append(entry.commitment)
    for path, commitments in by_plan.items():
        # Marked on each plan as it is now, under its lock, so no change made meanwhile is lost.
        store.update(path, functools.partial(with_done, chosen=commitments, done=not undo))
    for entry in chosen:
        template = messages.DONE_REOPENED if undo else messages.DONE_MARKED
        output.say(template.format(what=one_line(entry.commitment.what)))
