"""What goes on the brief, in meeting order: a pure view of a plan that every format renders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from callprep import messages
from callprep.coach import coach, topics
from callprep.coach.coach import Finding
from callprep.coach.objective import vague_reason
from callprep.coach.topics import FINDINGS
from callprep.dates import call_time_text
from callprep.deal.carry import OpenCommitment
from callprep.plans.model import Plan

if TYPE_CHECKING:
    from callprep.deal.deal import LastTime

OFF_SCRIPT_REMINDER = messages.OFF_SCRIPT_REMINDER


@dataclass(frozen=True)
class LastTimeView:
    """The brief's "Last time": the last call's outcome, summary, next step, risks, new
    opportunities and the people whose stance it changed."""

    heading: str
    outcome: str = ""
    summary: str = ""
    next_step: str = ""
    risks: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


def last_time_view(found: LastTime | None) -> LastTimeView | None:
    if found is None:
        return None
    call = kind_label(found.kind)
    heading = (
        messages.LAST_TIME_HEADING.format(call=call, date=f"{found.when:%-d %b %Y}")
        if found.when
        else messages.LAST_TIME_HEADING_NO_DATE.format(call=call)
    )
    people = [
        messages.LAST_TIME_CHANGED.format(name=name, was=was, stance=now)
        if was
        else messages.LAST_TIME_NOW.format(name=name, stance=now)
        for name, was, now in found.stances
    ]
    return LastTimeView(
        heading=heading,
        outcome=messages.LAST_TIME_OUTCOMES.get(found.outcome, ""),
        summary=found.summary,
        next_step=found.next_step,
        risks=list(found.risks),
        opportunities=list(found.new_opportunities),
        people=people,
    )


@dataclass(frozen=True)
class BriefView:
    plan: Plan
    title: str
    when: str
    customer_people: list[str]
    our_people: list[str]
    known: list[tuple[str, str]]  # (label, what we know), in the playbook's topic order
    unknown: list[tuple[str, str]]  # (label, a hedged note, or ""): each is asked below
    questions: list[str]
    readiness: int
    findings: list[Finding]
    open_commitments: list[OpenCommitment] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)  # earlier questions still unanswered
    notes: list[tuple[str, str]] = field(default_factory=list)
    kind: str = "Call"
    account: str = ""
    opportunity: str = ""
    best: str = ""
    minimum: str = ""
    customer_goal: str = ""
    agenda: list[str] = field(default_factory=list)
    agenda_shared: bool = False
    agenda_confirmed: bool = False
    customer_prep: list[str] = field(default_factory=list)
    open_labels: list[str] = field(default_factory=list)  # the findings, a few words each
    # The coach's questions for this call: (question, tag), tag "suggested" or "red flag".
    suggested: list[tuple[str, str]] = field(default_factory=list)
    # The up-front contract's opener, (label, what to say), in the order to say it: only for
    # plans of that playbook.
    opener: list[tuple[str, str]] = field(default_factory=list)
    # What the deal's last debriefed call left (None on a first call).
    last_time: LastTimeView | None = None
    # Set only when the view was shortened to fit a page: items left out per section.
    hidden: dict[str, int] = field(default_factory=dict)
    shortened: bool = False
    compact: bool = False  # the topics still to learn listed in one row


def format_when(plan: Plan, our_zone: str = "") -> str:
    """`Thu 3 Dec 2026, 20:00 (15:00 New York), 45 min`: the seller's time first, by the one
    rule (`dates.call_time_text`). (The shared page is the customer's: render.shared.)"""
    if plan.starts_at is None:
        return messages.TIME_NOT_SET
    text = call_time_text(plan.starts_at, plan.timezone, our_zone)
    if plan.duration_minutes:
        text += f", {plan.duration_minutes} min"
    return text


def note_label(plan: Plan, key: str) -> str:
    """A note's label: its key in words, or what an imported meeting's notes are (its title,
    the invite's description: not an agenda anyone agreed)."""
    if plan.calendar is not None and key in messages.NOTE_LABELS_IMPORTED:
        return messages.NOTE_LABELS_IMPORTED[key]
    return key.replace("_", " ").capitalize()


def kind_label(kind: str) -> str:
    return f"{kind.capitalize()} call" if kind and kind != "other" else "Call"


def _person(name: str, role: str) -> str:
    return f"{name} ({role})" if role else name


def _discovery_value(value: object) -> str:
    if isinstance(value, dt.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def open_labels(findings: list[Finding]) -> list[str]:
    """The findings in a few words each; the topic gaps, already questions, counted in one line."""
    gaps = sum(1 for f in findings if f.topic is not None and f.severity == "info")
    labels = [
        (messages.BRIEF_RED_FLAG if f.topic is not None else "") + FINDINGS[f.code].label
        for f in findings
        if f.topic is None or f.severity != "info"
    ]
    if gaps:
        labels.append(messages.discovery_gaps(gaps))
    return labels


def opener(plan: Plan) -> list[tuple[str, str]]:
    """How to open an up-front-contract call: purpose, time, their agenda and ours, the outcome,
    and that no is a fine answer. Empty for any other playbook."""
    if plan.playbook != coach.UPFRONT_CONTRACT:
        return []
    words = messages.BRIEF_OPENER
    purpose = plan.notes.get("purpose", "")
    minutes = plan.duration_minutes
    items = [item for item in plan.agenda.items if item]
    best = plan.objective.best.rstrip(" .!?")
    if best and vague_reason(best):
        # Not a customer act: a yes or no on it means nothing; say it as the agenda email does
        # (outreach.agenda.short_outcome's lookup: that module would cost every brief ~30 ms).
        outcome = messages.AGENDA_SHORT_OUTCOME.get(
            plan.kind, messages.AGENDA_SHORT_OUTCOME_DEFAULT
        )
    elif best:
        outcome = messages.OPENER_OUTCOME.format(best=best)
    else:
        outcome = messages.BRIEF_NOT_SET
    return [
        (words["purpose"], purpose or messages.BRIEF_NOT_SET),
        (
            words["time"],
            messages.OPENER_TIME.format(minutes=minutes) if minutes else messages.OPENER_NO_TIME,
        ),
        (words["theirs"], plan.objective.customer or messages.OPENER_ASK_THEIRS),
        (words["ours"], "; ".join(items) or messages.BRIEF_NO_AGENDA),
        (words["outcome"], outcome),
        (words["no"], messages.OPENER_NO),
    ]


def build(
    plan: Plan,
    open_commitments: list[OpenCommitment] | None = None,
    unanswered: list[str] | None = None,
    earlier: Sequence[Plan] = (),
    last_time: LastTime | None = None,
    our_zone: str = "",
) -> BriefView:
    """The brief of `plan`; `earlier` are the deal's earlier calls (for its people), `last_time`
    what the last debriefed one left. (`brief --share` is a page of its own: render.shared.)"""
    result = coach.review(plan, earlier)
    known: list[tuple[str, str]] = []
    unknown: list[tuple[str, str]] = []
    for topic in topics.for_playbook(plan.playbook):
        value = coach.answer(plan, topic)
        state = coach.state(value)
        if state == "known":
            known.append((topic.label, _discovery_value(value)))
        else:  # a hedged note ("not sure, maybe the CFO") is still asked, but worth seeing
            unknown.append((topic.label, str(value) if state == "hedged" else ""))
    # A suggestion already asked on an earlier call is listed once: as still unanswered.
    earlier_questions = set(unanswered or [])
    suggested = [
        (s.text, s.tag)
        for s in coach.suggestions(plan, result.findings)
        if s.text not in earlier_questions
    ]
    in_topics = {t.key for t in topics.for_playbook(plan.playbook) if t.in_notes}
    opening = opener(plan)
    if opening:
        in_topics.add("purpose")  # said in the opener
    title = " · ".join(part for part in (plan.account, plan.opportunity) if part) or "Untitled call"
    view = BriefView(
        plan=plan,
        title=title,
        when=format_when(plan, our_zone),
        customer_people=[_person(a.name, a.role) for a in plan.customer_attendees],
        our_people=[_person(a.name, a.role) for a in plan.our_attendees],
        known=known,
        unknown=unknown,
        questions=[q for q in plan.questions if q],
        readiness=result.readiness,
        findings=result.findings,
        open_commitments=open_commitments or [],
        unanswered=unanswered or [],
        notes=[(note_label(plan, k), v) for k, v in plan.notes.items() if v and k not in in_topics],
        kind=kind_label(plan.kind),
        account=plan.account or "Untitled call",
        opportunity=plan.opportunity,
        best=plan.objective.best,
        minimum=plan.objective.minimum,
        customer_goal=plan.objective.customer,
        agenda=[item for item in plan.agenda.items if item],
        agenda_shared=plan.agenda.shared,
        agenda_confirmed=plan.agenda.confirmed,
        customer_prep=[item for item in plan.agenda.customer_prep if item],
        open_labels=open_labels(result.findings),
        suggested=suggested,
        opener=opening,
        last_time=last_time_view(last_time),
    )
    return view
