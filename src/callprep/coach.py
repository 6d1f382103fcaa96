"""The coach: findings and readiness for a plan, pure functions over the model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from callprep import messages
from callprep.model import Plan
from callprep.objective import vague_reason

Severity = Literal["critical", "warning", "info"]
SEVERITY_ORDER: tuple[Severity, ...] = ("critical", "warning", "info")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    field: str  # the plan field to fill or fix, as a dotted path
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

# A plan with a critical finding is never more than this ready, however complete the rest:
# a well-run call without an objective the customer can act on is still a wasted call.
CRITICAL_CEILING = 40

SEVERITIES: dict[str, Severity] = {
    "objective.missing": "critical",
    "objective.vague": "critical",
    "objective.minimum_missing": "warning",
    "objective.minimum_vague": "warning",
    "customer_objective.missing": "warning",
    "agenda.missing": "warning",
    "agenda.not_shared": "warning",
    "attendees.missing": "warning",
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

# Every code the coach can report, in the order findings are listed.
CODES: tuple[str, ...] = tuple(WEIGHTS)


def _finding(code: str, field: str, message: str) -> Finding:
    return Finding(code, SEVERITIES.get(code, "info"), field, message)


def _objective_findings(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    objective, kind = plan.objective, plan.kind
    if not objective.best:
        found.append(_finding("objective.missing", "objective.best", messages.OBJECTIVE_MISSING))
    elif reason := vague_reason(objective.best):
        message = messages.objective_vague(reason, kind)
        found.append(_finding("objective.vague", "objective.best", message))
    if not objective.minimum:
        found.append(
            _finding("objective.minimum_missing", "objective.minimum", messages.MINIMUM_MISSING)
        )
    elif reason := vague_reason(objective.minimum):
        message = messages.minimum_vague(reason, kind)
        found.append(_finding("objective.minimum_vague", "objective.minimum", message))
    if not objective.customer:
        found.append(
            _finding(
                "customer_objective.missing",
                "objective.customer",
                messages.customer_objective(plan.id or "PLAN"),
            )
        )
    return found


def _agenda_findings(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    agenda = plan.agenda
    if not [item for item in agenda.items if item]:
        found.append(_finding("agenda.missing", "agenda.items", messages.AGENDA_MISSING))
    if not agenda.shared:
        message = messages.agenda_not_shared(plan.id or "PLAN")
        found.append(_finding("agenda.not_shared", "agenda.shared", message))
    elif not agenda.confirmed:
        found.append(
            _finding(
                "agenda.not_confirmed",
                "agenda.confirmed",
                messages.agenda_not_confirmed(plan.id or "PLAN"),
            )
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


def discovery_gaps(plan: Plan) -> list[str]:
    """The discovery keys still unknown (empty, or a note like "not sure"), in listing order."""
    return [key for key in DISCOVERY_CODES if not plan.discovery.is_known(key)]


def _discovery_findings(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    for key in discovery_gaps(plan):
        note = str(getattr(plan.discovery, key) or "")
        message = messages.discovery_unknown(key, messages.suggested_question(key, plan), note)
        found.append(_finding(DISCOVERY_CODES[key], f"discovery.{key}", message))
    return found


RULES: tuple[Callable[[Plan], list[Finding]], ...] = (
    _objective_findings,
    _agenda_findings,
    _people_findings,
    _discovery_findings,
)


def findings(plan: Plan) -> list[Finding]:
    """Everything the coach would fix, the most serious first, then in the plan's order."""
    found = [finding for rule in RULES for finding in rule(plan)]
    return sorted(found, key=lambda f: SEVERITY_ORDER.index(f.severity))


def readiness(found: list[Finding]) -> int:
    score = max(0, 100 - sum(WEIGHTS.get(f.code, 0) for f in found))
    if any(f.severity == "critical" for f in found):
        score = min(score, CRITICAL_CEILING)
    return score


def review(plan: Plan) -> Review:
    found = findings(plan)
    return Review(readiness(found), found)


def suggested_questions(found: list[Finding], plan: Plan | None = None) -> list[str]:
    """One open, customer-centred question per discovery gap, to ask in this call."""
    codes = {code: key for key, code in DISCOVERY_CODES.items()}
    return [messages.suggested_question(codes[f.code], plan) for f in found if f.code in codes]


def challenge(field: str, answer: str, kind: str = "") -> str | None:
    """Why an interview answer should be asked again, or None when it stands."""
    if field in ("objective.best", "objective.minimum") and answer:
        reason = vague_reason(answer)
        if reason:
            best = field == "objective.best"
            example = messages.example_best(kind) if best else messages.example_minimum(kind)
            return messages.challenge_objective(reason, example)
    return None
