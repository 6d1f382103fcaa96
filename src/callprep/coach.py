"""The coach: findings and readiness for a plan, pure functions over the model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from callprep import messages
from callprep.model import Plan
from callprep.objective import vague_reason

Severity = Literal["critical", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    field: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Review:
    readiness: int
    findings: list[Finding]


# How much each gap costs out of 100. No objective, or one the customer cannot act on,
# costs the most: everything else in the plan serves the objective.
WEIGHTS: dict[str, int] = {
    "objective.missing": 30,
    "objective.vague": 25,
    "objective.minimum_missing": 8,
    "objective.minimum_vague": 6,
    "customer_objective.missing": 10,
    "agenda.missing": 8,
    "agenda.not_shared": 6,
    "agenda.not_confirmed": 4,
    "customer_prep.missing": 4,
    "attendees.missing": 5,
    "discovery.why_looking_unknown": 4,
    "discovery.urgency_unknown": 4,
    "discovery.consequence_unknown": 3,
    "discovery.attitude_unknown": 3,
    "discovery.competition_unknown": 3,
    "discovery.decision_process_unknown": 4,
}

SEVERITIES: dict[str, Severity] = {
    "objective.missing": "critical",
    "objective.vague": "critical",
    "customer_objective.missing": "warning",
    "agenda.missing": "warning",
    "agenda.not_shared": "warning",
}

# Discovery field -> finding code; the order is the order findings are listed.
DISCOVERY_CODES: dict[str, str] = {
    "why_looking": "discovery.why_looking_unknown",
    "urgency": "discovery.urgency_unknown",
    "consequence": "discovery.consequence_unknown",
    "attitude_to_us": "discovery.attitude_unknown",
    "competition": "discovery.competition_unknown",
    "decision_process": "discovery.decision_process_unknown",
}


def _finding(code: str, field: str, message: str) -> Finding:
    return Finding(code, SEVERITIES.get(code, "info"), field, message)


def _objective_findings(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    best = plan.objective.best
    if not best:
        found.append(_finding("objective.missing", "objective.best", messages.OBJECTIVE_MISSING))
    else:
        reason = vague_reason(best)
        if reason:
            found.append(
                _finding("objective.vague", "objective.best", messages.objective_vague(reason))
            )
    minimum = plan.objective.minimum
    if not minimum:
        found.append(
            _finding("objective.minimum_missing", "objective.minimum", messages.MINIMUM_MISSING)
        )
    else:
        reason = vague_reason(minimum)
        if reason:
            found.append(
                _finding(
                    "objective.minimum_vague", "objective.minimum", messages.minimum_vague(reason)
                )
            )
    if not plan.objective.customer:
        found.append(
            _finding(
                "customer_objective.missing", "objective.customer", messages.CUSTOMER_OBJECTIVE
            )
        )
    return found


def _agenda_findings(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    agenda = plan.agenda
    if not [item for item in agenda.items if item]:
        found.append(_finding("agenda.missing", "agenda.items", messages.AGENDA_MISSING))
    if not agenda.shared:
        found.append(_finding("agenda.not_shared", "agenda.shared", messages.AGENDA_NOT_SHARED))
    elif not agenda.confirmed:
        found.append(
            _finding("agenda.not_confirmed", "agenda.confirmed", messages.AGENDA_NOT_CONFIRMED)
        )
    if not [item for item in agenda.customer_prep if item]:
        found.append(
            _finding("customer_prep.missing", "agenda.customer_prep", messages.CUSTOMER_PREP)
        )
    return found


def _people_findings(plan: Plan) -> list[Finding]:
    if plan.customer_attendees:
        return []
    return [_finding("attendees.missing", "attendees", messages.ATTENDEES_MISSING)]


def _discovery_findings(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    for key, code in DISCOVERY_CODES.items():
        if not plan.discovery.is_known(key):
            found.append(_finding(code, f"discovery.{key}", messages.DISCOVERY_UNKNOWN[key]))
    return found


RULES: tuple[Callable[[Plan], list[Finding]], ...] = (
    _objective_findings,
    _agenda_findings,
    _people_findings,
    _discovery_findings,
)


def findings(plan: Plan) -> list[Finding]:
    return [finding for rule in RULES for finding in rule(plan)]


def readiness(found: list[Finding]) -> int:
    return max(0, 100 - sum(WEIGHTS.get(f.code, 0) for f in found))


def review(plan: Plan) -> Review:
    found = findings(plan)
    return Review(readiness(found), found)


def suggested_questions(found: list[Finding], plan: Plan | None = None) -> list[str]:
    """One open, customer-centred question per discovery gap, to ask in this call."""
    suggestions: list[str] = []
    for finding in found:
        key = finding.field.removeprefix("discovery.")
        if finding.code in DISCOVERY_CODES.values():
            suggestions.append(messages.suggested_question(key, plan))
    return suggestions


def challenge(field: str, answer: str) -> str | None:
    """Why an interview answer should be asked again, or None when it stands."""
    if field in ("objective.best", "objective.minimum") and answer:
        reason = vague_reason(answer)
        if reason:
            return messages.challenge_objective(reason)
    return None
