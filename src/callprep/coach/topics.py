"""The coach's vocabulary: every finding it can give and every topic it asks about, one record each.

A *topic* is something a seller should know about the customer before the call (why they are
looking, their urgency, how they decide ...). Each is one `Topic`: where its answer lives in the
plan, its finding code and weight, its label on the brief, the question to ask when it is
unknown (one ask, and the playbook's own wording where it has one), the debrief's question
and the words used looking back. Adding a topic is adding one record here; a playbook asks
about it with one `[[questions]]` entry naming its field.

A *finding kind* is the same for the coach's other findings (no objective, agenda not shared
...). The wording of each finding's full advice, which names the plan, is in `messages`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

Severity = Literal["critical", "warning", "info"]
SEVERITY_ORDER: tuple[Severity, ...] = ("critical", "warning", "info")

# Calls where the deal should be past discovery: an unknown basic there is a red flag.
LATE_KINDS = frozenset(("proposal", "negotiation"))


@dataclass(frozen=True)
class FindingKind:
    code: str
    severity: Severity
    weight: int  # what it costs out of 100 readiness
    field: str  # the plan field to fill or fix, as a dotted path
    label: str  # a few words: the brief's corner, `list --upcoming`, the interview's review
    lookback: str  # after the call, in the debrief's look-back


@dataclass(frozen=True)
class Topic:
    field: str  # where the answer lives: discovery.<key> or notes.<key>
    code: str
    label: str  # "Urgency": the brief, the deal, "known from earlier calls"
    short: str  # "urgency": the review line, the look-back, stats
    gap: str  # "urgency unknown": `list --upcoming`, the brief's corner
    unknown: str  # the finding: "You don't know how urgent this is for them"
    question: str  # what to ask when it is unknown: one ask, open, about their world
    learned: str  # the debrief's question about it
    weight: int
    severity: Severity = "info"
    # Only in these playbooks (MEDDPICC's elements); empty: in every playbook.
    playbooks: tuple[str, ...] = ()
    # A playbook's own wording of the question (MEDDPICC asks for its element by name).
    wording: Mapping[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType({}))
    # Unknown at a proposal or negotiation: a red flag, not a casual discovery question.
    late_red_flag: bool = False

    @property
    def key(self) -> str:
        return self.field.split(".", 1)[1]

    @property
    def in_notes(self) -> bool:
        return self.field.startswith("notes.")

    def question_for(self, playbook: str) -> str:
        return self.wording.get(playbook, self.question)

    def applies_to(self, playbook: str) -> bool:
        return not self.playbooks or playbook in self.playbooks

    @property
    def kind(self) -> FindingKind:
        return FindingKind(
            self.code,
            self.severity,
            self.weight,
            self.field,
            self.gap,
            f"{self.short[:1].upper()}{self.short[1:]} was unknown.",
        )


def _words(**wording: str) -> Mapping[str, str]:
    return MappingProxyType(wording)


# --- the topics, in the order a seller learns them ---------------------------------------------

TOPICS: tuple[Topic, ...] = (
    Topic(
        field="discovery.why_looking",
        code="discovery.why_looking_unknown",
        label="Why they are looking",
        short="why they are looking",
        gap="why they look unknown",
        unknown="You don't know why they are looking at all",
        question="What made you start looking at this now?",
        learned="Why are they looking at all?",
        weight=4,
        wording=_words(meddpicc="What problem is this meant to solve for you?"),
        late_red_flag=True,
    ),
    Topic(
        field="discovery.urgency",
        code="discovery.urgency_unknown",
        label="Urgency",
        short="urgency",
        gap="urgency unknown",
        unknown="You don't know how urgent this is for them or what drives it",
        question="What is driving the timing on your side?",
        learned="How urgent is it for them, and what is driving it?",
        weight=4,
        wording=_words(meddpicc="What event makes this urgent now?"),
    ),
    Topic(
        field="discovery.deadline",
        code="discovery.deadline_unknown",
        label="Deadline",
        short="the deadline",
        gap="deadline unknown",
        unknown="You don't know by when they need it",
        question="By when do you need this in place?",
        learned="By when do they need it in place?",
        weight=2,
    ),
    Topic(
        field="discovery.consequence",
        code="discovery.consequence_unknown",
        label="If they don't act",
        short="what happens if they don't act",
        gap="cost of not acting unknown",
        unknown="You don't know what happens to them if they don't act: it is the measure of the deal",
        question="What happens on your side if nothing changes?",
        learned="What happens to them if they don't act by then?",
        weight=3,
        late_red_flag=True,
    ),
    Topic(
        field="discovery.attitude_to_us",
        code="discovery.attitude_unknown",
        label="Their view of us",
        short="their view of us",
        gap="their view of us unknown",
        unknown="You don't know what they think of us",
        question="What is your impression of us so far?",
        learned="What do they think of us?",
        weight=3,
    ),
    Topic(
        field="discovery.competition",
        code="discovery.competition_unknown",
        label="Competition",
        short="the competition",
        gap="competition unknown",
        unknown="You don't know who else they are looking at",
        question="Who else are you talking to about this?",
        learned="Who else are they looking at, and what do they think of them?",
        weight=3,
        wording=_words(
            meddpicc="What else are you weighing, including doing nothing or building it yourselves?"
        ),
    ),
    Topic(
        field="discovery.decision_process",
        code="discovery.decision_process_unknown",
        label="How they decide",
        short="how they decide",
        gap="how they decide unknown",
        unknown="You don't know how they will decide (who, on what criteria, which steps)",
        question="How does a decision like this get made on your side?",
        learned="How will they decide: who, on what criteria, in which steps?",
        weight=4,
        wording=_words(
            meddpicc="What are the steps from here to a signed decision?",
            # The up-front contract agrees the outcome in advance: what a yes leads to.
            **{"upfront-contract": "If today goes well, what happens next on your side?"},
        ),
        late_red_flag=True,
    ),
    # MEDDPICC's own elements, each its own question (the rest map onto the topics above:
    # decision process, identify pain = why they are looking, competition).
    Topic(
        field="notes.metrics",
        code="meddpicc.metrics_unknown",
        label="Metrics",
        short="their metrics",
        gap="metrics unknown",
        unknown="You don't know what measurable gain they will judge this by",
        question="How will you measure whether this has worked?",
        learned="What measurable gain will they judge it by?",
        weight=3,
        playbooks=("meddpicc",),
    ),
    Topic(
        field="notes.economic_buyer",
        code="meddpicc.economic_buyer_unknown",
        label="Economic buyer",
        short="the economic buyer",
        gap="economic buyer unknown",
        unknown="You don't know who can say yes and release the money",
        question="Who has the final say on the budget for this?",
        learned="Who can say yes and release the money?",
        weight=4,
        playbooks=("meddpicc",),
        late_red_flag=True,
    ),
    Topic(
        field="notes.decision_criteria",
        code="meddpicc.decision_criteria_unknown",
        label="Decision criteria",
        short="their decision criteria",
        gap="criteria unknown",
        unknown="You don't know what they will compare the options on",
        question="What will you compare the options on?",
        learned="What will they compare the options on?",
        weight=3,
        playbooks=("meddpicc",),
    ),
    Topic(
        field="notes.paper_process",
        code="meddpicc.paper_process_unknown",
        label="Paper process",
        short="the paper process",
        gap="paper process unknown",
        unknown="You don't know how a contract gets signed there (legal, security, procurement)",
        question="Once you decide, what does it take to get a contract signed?",
        learned="How does a contract get signed there?",
        weight=2,
        playbooks=("meddpicc",),
    ),
    Topic(
        field="notes.champion",
        code="meddpicc.champion_unknown",
        label="Champion",
        short="a champion",
        gap="no champion known",
        unknown="You don't know who inside sells for you when you are not in the room",
        question="Who on your side would gain most if this went ahead?",
        learned="Who inside sells for us when we are not in the room?",
        weight=3,
        playbooks=("meddpicc",),
    ),
)

BY_FIELD: Mapping[str, Topic] = MappingProxyType({t.field: t for t in TOPICS})
BY_CODE: Mapping[str, Topic] = MappingProxyType({t.code: t for t in TOPICS})
# The topics every playbook asks about, keyed by their discovery key.
DISCOVERY: Mapping[str, Topic] = MappingProxyType(
    {t.key: t for t in TOPICS if not t.in_notes and not t.playbooks}
)


def for_playbook(playbook: str) -> tuple[Topic, ...]:
    """The topics a plan made with `playbook` is coached on, in asking order."""
    return tuple(t for t in TOPICS if t.applies_to(playbook))


# --- the other findings ----------------------------------------------------------------------

OTHER_FINDINGS: tuple[FindingKind, ...] = (
    FindingKind(
        "objective.missing",
        "critical",
        30,
        "objective.best",
        "no objective",
        "There was no objective: nothing the customer was to do or agree to.",
    ),
    FindingKind(
        "objective.vague",
        "critical",
        25,
        "objective.best",
        "objective is vague",
        "The objective was vague: it named nothing the customer would do.",
    ),
    FindingKind(
        "objective.minimum_missing",
        "warning",
        8,
        "objective.minimum",
        "no minimum outcome",
        "There was no minimum outcome to fall back on.",
    ),
    FindingKind(
        "objective.minimum_vague",
        "warning",
        6,
        "objective.minimum",
        "minimum is vague",
        "The minimum outcome was vague.",
    ),
    FindingKind(
        "customer_objective.missing",
        "warning",
        10,
        "objective.customer",
        "their goal for the call unknown",
        "You did not know what the customer wanted from the call.",
    ),
    FindingKind(
        "agenda.missing", "warning", 8, "agenda.items", "no agenda", "There was no agenda."
    ),
    FindingKind(
        "agenda.not_shared",
        "warning",
        6,
        "agenda.shared",
        "agenda not sent to them",
        "The agenda was never sent to the customer.",
    ),
    FindingKind(
        "agenda.not_confirmed",
        "info",
        4,
        "agenda.confirmed",
        "agenda not confirmed",
        "The agenda was never confirmed by the customer.",
    ),
    FindingKind(
        "customer_prep.missing",
        "info",
        4,
        "agenda.customer_prep",
        "nothing asked of them to prepare",
        "The customer was not asked to prepare anything.",
    ),
    FindingKind(
        "attendees.missing",
        "warning",
        5,
        "attendees",
        "nobody on their side listed",
        "Nobody on the customer's side was known beforehand.",
    ),
    FindingKind(
        "deal.economic_unknown",
        "warning",
        5,
        "attendees",
        "nobody known to hold the budget",
        "Nobody on the deal was known to hold the budget.",
    ),
    FindingKind(
        "contract.purpose_missing",
        "warning",
        5,
        "notes.purpose",
        "no purpose to open with",
        "There was no purpose to open the call with.",
    ),
)

FINDINGS: Mapping[str, FindingKind] = MappingProxyType(
    {kind.code: kind for kind in (*OTHER_FINDINGS, *(t.kind for t in TOPICS))}
)
# Every code the coach can report, in the order findings are listed.
CODES: tuple[str, ...] = tuple(FINDINGS)
