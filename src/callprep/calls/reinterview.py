"""`callprep edit` without a text editor: the interview again, every current answer the default.

The seller goes through the whole plan or one part of it (`--section`). What they changed is
written onto the plan as it is then, under its lock: a change another process made meanwhile
(an agenda mark, a debrief) stays, and only the fields the interview changed are replaced.
"""

from __future__ import annotations

import copy
from typing import Any

from callprep.calls.interview import Interview
from callprep.coach.playbook import Playbook, Question
from callprep.plans.model import Plan

# The parts of a plan `--section` names, by the plan fields each asks about.
SECTIONS: dict[str, tuple[str, ...]] = {
    "call": ("account", "opportunity", "kind", "starts_at", "duration_minutes"),
    "objectives": ("objective.",),
    "agenda": ("agenda.",),
    "discovery": ("discovery.", "notes."),
    "people": ("attendees",),
    "questions": ("questions",),
}


def in_section(question: Question, section: str) -> bool:
    return any(
        question.field == prefix or (prefix.endswith(".") and question.field.startswith(prefix))
        for prefix in SECTIONS[section]
    )


def questions_of(playbook: Playbook, section: str | None) -> frozenset[str]:
    """The fields the interview asks: all of the playbook's, or one section's."""
    return frozenset(
        q.field for q in playbook.questions if section is None or in_section(q, section)
    )


def answers_of(plan: Plan) -> dict[str, Any]:
    """The plan as interview data (what `to_plan` reads back as the same plan)."""
    return plan.to_data()


def ask_again(interview: Interview, fields: frozenset[str]) -> Plan:
    """Ask `fields` (every other question skipped), then the review, and the plan it makes."""
    everything = frozenset(q.field for q in interview.playbook.questions)
    interview.skip = interview.skip | (everything - fields)
    return interview.run(only=fields)


def merge_fields(base: Any, ours: Any, theirs: Any) -> Any:
    """Ours where we changed something since `base`, else theirs; tables merged key by key."""
    if isinstance(base, dict) and isinstance(ours, dict) and isinstance(theirs, dict):
        merged: dict[str, Any] = {}
        for key in dict.fromkeys([*theirs, *ours, *base]):
            value = merge_fields(base.get(key), ours.get(key), theirs.get(key))
            if value is not None:
                merged[key] = value
        return merged
    return copy.deepcopy(ours if ours != base else theirs)
