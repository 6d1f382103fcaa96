"""The coach's findings and readiness, and `callprep check` in the terminal and as JSON."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from rich.console import Console

from callprep.calls.interview import review_lines
from callprep.coach import coach
from callprep.plans.model import Plan
from callprep.plans.planfile import load_plan
from callprep.render.check import render
from tests.conftest import PREPARED, UNPREPARED

# The codes in SPEC.md, plus `objective.minimum_vague` (a vague minimum objective).
SPEC_CODES = {
    "objective.missing",
    "objective.vague",
    "objective.minimum_missing",
    "customer_objective.missing",
    "agenda.missing",
    "agenda.not_shared",
    "agenda.not_confirmed",
    "customer_prep.missing",
    "attendees.missing",
    "discovery.why_looking_unknown",
    "discovery.urgency_unknown",
    "discovery.consequence_unknown",
    "discovery.attitude_unknown",
    "discovery.competition_unknown",
    "discovery.decision_process_unknown",
}


def prepared(**changes: Any) -> Plan:
    """The well-prepared example with some fields changed (dotted paths)."""
    data = load_plan(PREPARED).to_data()
    for path, value in changes.items():
        *parents, last = path.split("__")
        node = data
        for part in parents:
            node = node[part]
        node[last] = value
    return Plan.model_validate(data)


def codes(plan: Plan) -> list[str]:
    return [f.code for f in coach.findings(plan)]


# Version 2 adds these; callprep adds the rest (docs/coach.md).
V2_CODES = {"deal.economic_unknown", "discovery.deadline_unknown"}
OWN_CODES = {
    "objective.minimum_vague",
    "contract.purpose_missing",
    "meddpicc.metrics_unknown",
    "meddpicc.economic_buyer_unknown",
    "meddpicc.decision_criteria_unknown",
    "meddpicc.paper_process_unknown",
    "meddpicc.champion_unknown",
}
MEDDPICC_NOTES = {
    "metrics": "Fuel cost per mile down 10% in a year",
    "economic_buyer": "Priya Shah, CFO",
    "decision_criteria": "Integration with dispatch, total cost over 3 years",
    "paper_process": "Security review, then procurement; about 3 weeks",
    "champion": "Dana: her rollout, her bonus",
}


def meddpicc(missing: str) -> dict[str, Any]:
    change: dict[str, Any] = {
        "playbook": "meddpicc",
        "notes": {k: v for k, v in MEDDPICC_NOTES.items() if k != missing},
    }
    if missing == "economic_buyer":  # an attendee who holds the budget answers it too
        change["attendees"] = [{"name": "Dana Lee", "influence": "user"}]
    return change


def test_meddpiccs_economic_buyer_and_the_deals_are_one_gap_one_finding() -> None:
    """Asked for by name, MEDDPICC's economic buyer stands for the deal's: readiness is docked
    once, and either the note or an attendee who holds the budget answers it."""
    nobody = prepared(**meddpicc("economic_buyer"))
    assert codes(nobody) == ["meddpicc.economic_buyer_unknown"]
    assert coach.review(nobody).readiness == 100 - coach.WEIGHTS["meddpicc.economic_buyer_unknown"]
    noted = prepared(**{**meddpicc("economic_buyer"), "notes": MEDDPICC_NOTES})
    assert codes(noted) == []
    assert codes(prepared(**{**meddpicc("economic_buyer"), "attendees": [ECONOMIC]})) == []
    # in the standard playbook the deal's own finding stays
    assert codes(prepared(attendees=[{"name": "Dana Lee", "influence": "user"}])) == [
        "deal.economic_unknown"
    ]


ECONOMIC = {"name": "Priya Shah", "influence": "economic"}


def test_every_spec_code_is_known_to_the_coach() -> None:
    assert set(coach.CODES) == SPEC_CODES | V2_CODES | OWN_CODES
    assert set(coach.WEIGHTS) == set(coach.CODES)


def test_the_prepared_example_is_clean_and_fully_ready() -> None:
    review = coach.review(load_plan(PREPARED))
    assert review.findings == []
    assert review.readiness == 100


def test_the_unprepared_example_names_every_gap_and_scores_below_half() -> None:
    review = coach.review(load_plan(UNPREPARED))
    assert review.readiness < 50
    assert {f.code for f in review.findings} == (SPEC_CODES | V2_CODES) - {
        "objective.missing",
        "agenda.not_confirmed",
    }
    assert review.findings[0].code == "objective.vague", "the worst comes first"


# Each case: (code, the change that triggers it) on the prepared example.
TRIGGERS: list[tuple[str, dict[str, Any]]] = [
    ("objective.missing", {"objective__best": ""}),
    ("objective.vague", {"objective__best": "Pitch the product and see what he wants"}),
    ("objective.minimum_missing", {"objective__minimum": ""}),
    ("objective.minimum_vague", {"objective__minimum": "Keep the door open"}),
    ("customer_objective.missing", {"objective__customer": ""}),
    ("agenda.missing", {"agenda__items": []}),
    ("agenda.not_shared", {"agenda__shared": False, "agenda__confirmed": False}),
    ("agenda.not_confirmed", {"agenda__confirmed": False}),
    ("customer_prep.missing", {"agenda__customer_prep": []}),
    ("attendees.missing", {"attendees": [{"name": "Sam Okafor", "side": "ours"}]}),
    ("discovery.why_looking_unknown", {"discovery__why_looking": ""}),
    ("discovery.urgency_unknown", {"discovery__urgency": ""}),
    ("discovery.consequence_unknown", {"discovery__consequence": ""}),
    ("discovery.attitude_unknown", {"discovery__attitude_to_us": ""}),
    ("discovery.competition_unknown", {"discovery__competition": ""}),
    ("discovery.decision_process_unknown", {"discovery__decision_process": ""}),
    ("discovery.deadline_unknown", {"discovery__deadline": ""}),
    (
        "deal.economic_unknown",
        {"attendees": [{"name": "Dana Lee", "influence": "user"}, {"name": "Sam", "side": "ours"}]},
    ),
    ("contract.purpose_missing", {"playbook": "upfront-contract"}),
    *((f"meddpicc.{key}_unknown", meddpicc(key)) for key in MEDDPICC_NOTES),
]
# And what clears it again, starting from the triggering plan.
CLEARS: dict[str, dict[str, Any]] = {
    "objective.missing": {"objective__best": "The CFO signs the order form by 15 Dec"},
    "objective.vague": {"objective__best": "Dana agrees to a 30-day pilot starting 5 Jan"},
    "objective.minimum_missing": {"objective__minimum": "Dana books a deep-dive next week"},
    "objective.minimum_vague": {"objective__minimum": "They send us their fleet numbers"},
    "customer_objective.missing": {"objective__customer": "A price for 400 trucks"},
    "agenda.missing": {"agenda__items": ["Their goals", "Pilot scope"]},
    "agenda.not_shared": {"agenda__shared": True, "agenda__confirmed": True},
    "agenda.not_confirmed": {"agenda__confirmed": True},
    "customer_prep.missing": {"agenda__customer_prep": ["Fleet numbers"]},
    "attendees.missing": {
        "attendees": [
            {"name": "Sam Okafor", "side": "ours"},
            {"name": "Dana Lee", "influence": "economic"},
        ]
    },
    "discovery.why_looking_unknown": {"discovery__why_looking": "Fuel costs"},
    "discovery.urgency_unknown": {"discovery__urgency": "Board review in Q2"},
    "discovery.consequence_unknown": {"discovery__consequence": "Another year of overruns"},
    "discovery.attitude_unknown": {"discovery__attitude_to_us": "Like the case study"},
    "discovery.competition_unknown": {"discovery__competition": "Samsara"},
    "discovery.decision_process_unknown": {"discovery__decision_process": "CFO signs"},
    "discovery.deadline_unknown": {"discovery__deadline": "before the board meeting in March"},
    "deal.economic_unknown": {
        "attendees": [{"name": "Priya Shah", "influence": "economic"}, {"name": "Dana Lee"}]
    },
    "contract.purpose_missing": {"notes": {"purpose": "Decide whether a pilot makes sense"}},
    **{f"meddpicc.{key}_unknown": {"notes": MEDDPICC_NOTES} for key in MEDDPICC_NOTES},
}


@pytest.mark.parametrize(("code", "change"), TRIGGERS, ids=[code for code, _ in TRIGGERS])
def test_each_code_is_triggered_and_then_cleared(code: str, change: dict[str, Any]) -> None:
    triggered = prepared(**change)
    found = coach.findings(triggered)
    # Nobody of theirs listed: nobody who holds the budget either.
    also = ["deal.economic_unknown"] if code == "attendees.missing" else []
    assert [f.code for f in found] == [code, *also]
    finding = found[0]
    assert finding.severity in coach.SEVERITY_ORDER
    assert finding.field, "every finding names the field to fix"
    assert len(finding.message.split()) >= 8, "the message says what to do, not just what is wrong"
    assert coach.review(triggered).readiness < 100
    assert codes(prepared(**{**change, **CLEARS[code]})) == []


def test_every_code_has_a_trigger_and_a_clear() -> None:
    assert {code for code, _ in TRIGGERS} == set(coach.CODES) == set(CLEARS)


@pytest.mark.parametrize("note", ["Not sure, probably the IT director", "TBD", "?", "don't know"])
def test_a_discovery_note_that_says_it_is_unknown_is_still_a_gap(note: str) -> None:
    found = coach.findings(prepared(discovery__decision_process=note))
    assert [f.code for f in found] == ["discovery.decision_process_unknown"]
    assert "is not an answer yet" in found[0].message


def test_a_note_that_only_mentions_doubt_is_an_answer() -> None:
    assert codes(prepared(discovery__decision_process="The CFO decides; not sure when")) == []


def test_the_vague_objective_message_offers_a_better_form_for_the_kind_of_call() -> None:
    (finding,) = coach.findings(prepared(objective__best="Give a demo", kind="demo"))
    assert finding.severity == "critical"
    assert "you wrote that you give (“Give a demo”): that is your step" in finding.message
    assert "What will the customer do or agree to by the end of this call?" in finding.message
    assert "After the demo, Dana agrees to a 30-day pilot" in finding.message  # her own name


def test_no_objective_weighs_most_and_caps_readiness() -> None:
    scores = {
        code: coach.readiness(coach.findings(prepared(**change))) for code, change in TRIGGERS
    }
    assert min(scores, key=lambda code: scores[code]) == "objective.missing"
    assert scores["objective.vague"] < min(
        score for code, score in scores.items() if not code.startswith("objective.")
    )
    # Everything else perfect, but no objective the customer can act on: not ready.
    assert scores["objective.missing"] <= coach.CRITICAL_CEILING
    assert scores["objective.vague"] <= coach.CRITICAL_CEILING


def test_readiness_never_goes_below_zero() -> None:
    everything = [coach.Finding(code, "info", "x", "y") for code in coach.CODES]
    assert coach.readiness(everything) == 0


def test_findings_list_the_most_serious_first() -> None:
    found = coach.findings(load_plan(UNPREPARED))
    ranks = [coach.SEVERITY_ORDER.index(f.severity) for f in found]
    assert ranks == sorted(ranks)


# --- questions from gaps -----------------------------------------------------------------------


def test_each_discovery_gap_yields_an_open_customer_centred_question() -> None:
    plan = load_plan(UNPREPARED)
    found = coach.findings(plan)
    gaps = [f for f in found if f.topic is not None]
    questions = [s.text for s in coach.suggestions(plan, found) if s.code in {f.code for f in gaps}]
    assert len(questions) == len(gaps) == 7
    for question in questions:
        assert question.endswith("?") and question.count("?") == 1, question
        assert question.split()[0] in {"What", "How", "Who", "Why", "When", "Which", "By"}, question
        assert " you" in question or " your" in question, question
    # The finding itself says what to ask.
    assert all(q in f.message for q, f in zip(questions, gaps, strict=True))


def test_the_consequence_question_names_the_deadline_when_known() -> None:
    plan = prepared(discovery__consequence="", discovery__why_looking="")
    _why, question = coach.suggested_questions(coach.findings(plan), plan)
    assert question == "What happens on your side if this isn't in place by 31 March 2027?"


def test_the_brief_suggests_a_question_for_a_hedged_answer_too() -> None:
    from callprep.render.brief import build

    plan = prepared(discovery__decision_process="Not sure yet")
    view = build(plan)
    assert view.unknown == [("How they decide", "")]  # a pure hedge is no guess to show
    hedged = build(prepared(discovery__decision_process="Not sure yet, Helen mentioned the CFO"))
    assert hedged.unknown == [("How they decide", "Not sure yet, Helen mentioned the CFO")]
    assert "How does a decision like this get made on your side?" in [
        q for q, _ in hedged.suggested
    ]


# --- `callprep check` --------------------------------------------------------------------------


def test_check_json_has_the_spec_keys(cli: Callable[..., Any]) -> None:
    result = cli("check", str(UNPREPARED), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"id", "readiness", "findings"}
    assert data["id"] == "2026-12-04-globex-demo"
    assert data["readiness"] == coach.review(load_plan(UNPREPARED)).readiness
    for finding in data["findings"]:
        assert set(finding) == {"code", "severity", "field", "message"}
        assert finding["code"] in coach.CODES


def test_check_strict_fails_only_when_something_is_open(cli: Callable[..., Any]) -> None:
    failing = cli("check", str(UNPREPARED), "--strict")
    assert failing.exit_code == 1
    assert "not ready: 15 findings open" in failing.stderr
    assert cli("check", str(UNPREPARED)).exit_code == 0
    passing = cli("check", str(PREPARED), "--strict", "--json")
    assert passing.exit_code == 0
    assert json.loads(passing.stdout)["findings"] == []


def test_check_of_a_stored_plan_by_id_prefix(
    cli: Callable[..., Any], stored_example: Callable[..., str]
) -> None:
    plan_id = stored_example(UNPREPARED)
    result = cli("check", plan_id[:9])
    assert result.exit_code == 0
    assert "Objective is vague" in result.stdout
    assert "objective.vague" not in result.stdout  # codes are for scripts: --json, --codes
    assert "objective.vague  objective.best" in cli("check", plan_id[:9], "--codes").stdout


def test_check_of_a_missing_plan_is_one_clear_line(cli: Callable[..., Any]) -> None:
    result = cli("check", "no-such-plan")
    assert result.exit_code == 1
    assert result.stderr.startswith("callprep: ")
    assert len(result.stderr.strip().splitlines()) == 1


def _terminal(plan: Plan, width: int = 80) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    render(plan, coach.review(plan), console, "pitch-unprepared")
    return console.export_text()


def test_check_reads_well_at_80_columns(reference: Callable[[str, str], None]) -> None:
    text = _terminal(load_plan(UNPREPARED))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert all(line == line.rstrip() for line in lines)
    # Messages hang under their code: nothing but codes and the summary starts flush left.
    body = lines[3:-3]
    assert all(line.startswith((" ✗ ", " ! ", " · ", "   ")) for line in body)
    reference("check-unprepared-80.txt", text)


def test_check_of_a_clean_plan_says_so() -> None:
    text = _terminal(load_plan(PREPARED))
    assert "Readiness 100/100: nothing left to fix." in text
    assert "✗" not in text


def test_nothing_a_seller_typed_reaches_the_terminal_as_control_codes() -> None:
    plan = prepared(objective__best="Discuss \x1b[31mpricing\x1b]8;;http://x\x07", account="A\x1bB")
    text = _terminal(plan)
    assert "\x1b" not in text and "\x07" not in text
    assert "(“Discuss\n   [31mpricing" in text


def test_the_interview_review_lists_gaps_briefly() -> None:
    lines = review_lines(coach.review(load_plan(UNPREPARED)))
    assert lines[0].startswith("Readiness 6/100, 15 things still open")
    assert lines[1].startswith("  ✗ The objective is vague")
    assert lines[-1] == (
        "  ? Still unknown, and on the brief as questions to ask: why they are looking, "
        "urgency, the deadline, what happens if they don't act, their view of us, "
        "the competition, how they decide."
    )


def test_the_interview_review_wraps_under_its_marks_at_the_terminal_width() -> None:
    lines = review_lines(coach.review(load_plan(UNPREPARED)), width=80)
    rows = [row for line in lines for row in line.splitlines()]
    assert max(len(row) for row in rows) < 80
    assert all(
        row.startswith(("Readiness", "  ✗ ", "  ! ", "  · ", "  ? ", "    ")) for row in rows
    )
