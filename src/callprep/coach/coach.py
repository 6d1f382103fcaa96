"""The coach: findings, readiness and the questions to ask, pure functions over a plan.

What the coach knows of each finding and topic (codes, weights, labels, questions) is the table
in `callprep.coach.topics`; the rules here decide which apply to a plan. Each playbook coaches in its
own way: MEDDPICC asks for each of its elements by name, the up-front contract wants a purpose
to open the call with, and at a proposal or negotiation an unknown basic is a red flag.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from callprep import messages
from callprep.coach import topics
from callprep.coach.objective import vague_reason
from callprep.coach.topics import FINDINGS, SEVERITY_ORDER, Severity, Topic
from callprep.coach.voice import customer_voice, first_name
from callprep.plans.model import UNSURE, Plan
from callprep.text import one_line

UPFRONT_CONTRACT = "upfront-contract"
# A plan with a critical finding is never more than this ready, however complete the rest:
# a well-run call without an objective the customer can act on is still a wasted call.
CRITICAL_CEILING = 40

# Kept for the views and scripts that name them: every code, and its weight.
CODES = topics.CODES
WEIGHTS: dict[str, int] = {code: kind.weight for code, kind in FINDINGS.items()}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    field: str  # the plan field to fill or fix, as a dotted path
    message: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def topic(self) -> Topic | None:
        return topics.BY_CODE.get(self.code)


@dataclass(frozen=True)
class Review:
    readiness: int
    findings: list[Finding]


@dataclass(frozen=True)
class Suggestion:
    """A question the coach suggests for this call."""

    text: str
    tag: str = messages.BRIEF_SUGGESTED  # or messages.RED_FLAG_TAG
    code: str = ""  # the finding it closes; "" for a question that builds on what is known


def _finding(code: str, message: str, severity: Severity | None = None) -> Finding:
    kind = FINDINGS[code]
    return Finding(code, severity or kind.severity, kind.field, message)


# --- what is known ----------------------------------------------------------------------------

Known = Literal["known", "hedged", "unknown"]
# What may follow a hedge and still leave it a pure one ("not sure yet", "TBD for now").
FILLER = re.compile(
    r"(?:(?:yet|still|so far|for now|right now|at the moment|atm|currently|really|either|"
    r"sorry|tbh|honestly|at all|at this point|as of now)[\s,.!?…]*)*",
    re.IGNORECASE,
)


def answer(plan: Plan, topic: Topic) -> object:
    """What the plan says of a topic: a discovery answer or a playbook note."""
    if topic.in_notes:
        return plan.notes.get(topic.key, "")
    return getattr(plan.discovery, topic.key, None)


def state(value: object) -> Known:
    """Known, hedged ("not sure, maybe the CFO": kept, shown, still asked) or unknown."""
    if value is None or value == "":
        return "unknown"
    if isinstance(value, str):
        hedge = UNSURE.match(value)
        if hedge is None:
            return "known"
        rest = value[hedge.end() :].strip(" \t,;:.-–—()?!…")
        return "unknown" if FILLER.fullmatch(rest) else "hedged"
    return "known"


def gaps(plan: Plan) -> list[Topic]:
    """The topics of the plan's playbook it does not know yet (empty, or only a hedge), in order."""
    return [t for t in topics.for_playbook(plan.playbook) if state(answer(plan, t)) != "known"]


def pain(plan: Plan) -> str:
    """Why they are looking, in the customer's words, when known: what SPIN questions build on."""
    why = topics.DISCOVERY["why_looking"]
    value = answer(plan, why)
    if state(value) != "known" or not isinstance(value, str):
        return ""

    # The first clause is the pain; the rest of a note is usually detail.
    text = re.split(r"\s*(?:;|\. |: | — | – )\s*", customer_voice(one_line(value)), maxsplit=1)[0]
    return text.rstrip(" .!")


# --- the questions ------------------------------------------------------------------------------


def question(plan: Plan, topic: Topic) -> str:
    """The one question to ask about an unknown topic, for this plan."""
    if topic.key == "consequence" and topic.field == "discovery.consequence":
        deadline = plan.discovery.deadline
        hurt = pain(plan)
        if hurt:  # SPIN: the implication of the pain they named
            return messages.IMPLICATION_QUESTION.format(pain=hurt)
        if deadline is not None and not isinstance(deadline, str):
            return messages.CONSEQUENCE_BY_DATE.format(date=f"{deadline:%-d %B %Y}")
    return topic.question_for(plan.playbook)


def late(plan: Plan, topic: Topic) -> bool:
    return topic.late_red_flag and plan.kind in topics.LATE_KINDS


def suggestions(plan: Plan, found: Sequence[Finding]) -> list[Suggestion]:
    """The questions to ask in this call, one ask each (SPIN).

    Every unknown topic gets its problem question (a red flag at a proposal or negotiation);
    where the pain is known, what it costs them is asked from it, then what solving it is worth.
    """
    asked: list[Suggestion] = []
    if plan.playbook == UPFRONT_CONTRACT and any(
        f.code == "customer_objective.missing" for f in found
    ):  # their agenda is the contract's second line: asked as the call opens
        asked.append(Suggestion(messages.THEIR_AGENDA_QUESTION, code="customer_objective.missing"))
    for finding in found:
        topic = finding.topic
        if topic is not None:
            tag = messages.RED_FLAG_TAG if late(plan, topic) else messages.BRIEF_SUGGESTED
            asked.append(Suggestion(question(plan, topic), tag, finding.code))
        elif finding.code == "deal.economic_unknown":
            asked.append(Suggestion(messages.ECONOMIC_QUESTION, code=finding.code))
    hurt = pain(plan)
    if hurt:
        asked.append(Suggestion(messages.NEED_PAYOFF_QUESTION.format(pain=hurt)))
    return asked


def suggested_questions(found: Sequence[Finding], plan: Plan) -> list[str]:
    return [s.text for s in suggestions(plan, found)]


# --- the rules --------------------------------------------------------------------------------


def example_person(plan: Plan) -> str:
    """Who the coach's example objectives name: the plan's first customer attendee, or a role."""
    people = [a for a in plan.customer_attendees if a.name and not UNSURE.match(a.name)]
    return first_name(people[0].name) if people else messages.EXAMPLE_NOBODY


def _objective_findings(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    objective, kind, who = plan.objective, plan.kind, example_person(plan)
    if not objective.best:
        found.append(_finding("objective.missing", messages.objective_missing(who)))
    elif reason := vague_reason(objective.best):
        found.append(_finding("objective.vague", messages.objective_vague(reason, kind, who)))
    if not objective.minimum:
        found.append(_finding("objective.minimum_missing", messages.minimum_missing(who)))
    elif reason := vague_reason(objective.minimum):
        found.append(_finding("objective.minimum_vague", messages.minimum_vague(reason, kind, who)))
    if not objective.customer:
        found.append(
            _finding("customer_objective.missing", messages.customer_objective(plan.id or "PLAN"))
        )
    return found


def _agenda_findings(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    agenda, ref = plan.agenda, plan.id or "PLAN"
    if not [item for item in agenda.items if item]:
        found.append(_finding("agenda.missing", messages.AGENDA_MISSING))
    if not agenda.shared:
        found.append(_finding("agenda.not_shared", messages.agenda_not_shared(ref)))
    elif not agenda.confirmed:
        found.append(_finding("agenda.not_confirmed", messages.agenda_not_confirmed(ref)))
    if not [item for item in agenda.customer_prep if item]:
        found.append(_finding("customer_prep.missing", messages.CUSTOMER_PREP))
    if plan.playbook == UPFRONT_CONTRACT and state(plan.notes.get("purpose", "")) != "known":
        found.append(_finding("contract.purpose_missing", messages.PURPOSE_MISSING))
    return found


def _people_findings(plan: Plan, earlier: Sequence[Plan]) -> list[Finding]:
    found: list[Finding] = []
    if not plan.customer_attendees:
        found.append(_finding("attendees.missing", messages.ATTENDEES_MISSING))
    if not economic_known(plan, earlier) and not _asks_for_economic_buyer(plan):
        found.append(_finding("deal.economic_unknown", messages.economic_unknown()))
    return found


ECONOMIC_BUYER_FIELD = "notes.economic_buyer"


def _asks_for_economic_buyer(plan: Plan) -> bool:
    """Whether the plan's playbook has an economic-buyer topic (MEDDPICC's). Its finding then
    stands for the deal's gap, so the gap is not also reported as `deal.economic_unknown`."""
    return any(t.field == ECONOMIC_BUYER_FIELD for t in topics.for_playbook(plan.playbook))


def economic_known(plan: Plan, earlier: Sequence[Plan] = ()) -> bool:
    """Someone on this call or an earlier one of the deal holds the budget (influence economic)."""
    return any(
        person.influence == "economic" and person.side == "customer"
        for call in (plan, *earlier)
        for person in call.attendees
    )


def _topic_findings(plan: Plan, earlier: Sequence[Plan] = ()) -> list[Finding]:
    found: list[Finding] = []
    for topic in gaps(plan):
        if topic.field == ECONOMIC_BUYER_FIELD and economic_known(plan, earlier):
            continue  # the budget holder is on this call or met on an earlier one
        note = answer(plan, topic)
        note = note if isinstance(note, str) else ""
        if late(plan, topic):
            message = messages.red_flag(topic.unknown, plan.kind, question(plan, topic))
            found.append(_finding(topic.code, message, severity="warning"))
        else:
            message = messages.topic_unknown(topic.unknown, question(plan, topic), note)
            found.append(_finding(topic.code, message))
    return found


RULES: tuple[Callable[[Plan, Sequence[Plan]], list[Finding]], ...] = (
    lambda plan, _: _objective_findings(plan),
    lambda plan, _: _agenda_findings(plan),
    _people_findings,
    _topic_findings,
)


def findings(plan: Plan, earlier: Sequence[Plan] = ()) -> list[Finding]:
    """Everything the coach would fix, the most serious first, then in the plan's order.

    `earlier`: the deal's earlier calls, where the deal's people are known (without them, only
    this plan's attendees count).
    """
    found = [finding for rule in RULES for finding in rule(plan, earlier)]
    return sorted(found, key=lambda f: SEVERITY_ORDER.index(f.severity))


def readiness(found: Sequence[Finding]) -> int:
    return readiness_of([f.code for f in found])


def readiness_of(codes: Sequence[str]) -> int:
    """100 less the weights of the findings, at most CRITICAL_CEILING with a critical one open."""
    score = max(0, 100 - sum(FINDINGS[code].weight for code in codes if code in FINDINGS))
    if any(code in FINDINGS and FINDINGS[code].severity == "critical" for code in codes):
        score = min(score, CRITICAL_CEILING)
    return score


def review(plan: Plan, earlier: Sequence[Plan] = ()) -> Review:
    found = findings(plan, earlier)
    return Review(readiness(found), found)


def challenge(field: str, text: str, plan: Plan) -> str | None:
    """Why an interview answer should be asked again, or None when it stands."""
    if field in ("objective.best", "objective.minimum") and text:
        reason = vague_reason(text)
        if reason:
            who = example_person(plan)
            if field == "objective.best":
                example = messages.example_best(plan.kind, who)
            else:
                example = messages.example_minimum(plan.kind, who)
            return messages.challenge_objective(reason, example)
    return None
