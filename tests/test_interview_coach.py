"""Coaching during `callprep new`, through the prompt seam: challenge, insist, review and go back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from callprep import messages
from callprep.calls.interview import Interview, insist_key, review_choice
from callprep.coach import coach
from callprep.coach.playbook import get_playbook
from callprep.plans.planfile import load_plan
from callprep.plans.store import Store
from callprep.prompts import USE_DEFAULT, Answers, ScriptedAsker

VAGUE = "Pitch the product and see what he wants"
CONCRETE = "Dana agrees to a 30-day pilot with 20 trucks starting 5 Jan"
MINIMUM = "Dana introduces us to the IT lead before 10 Dec"

# Everything else a well-prepared plan needs, so only the objective is in question.
FILLED: dict[str, Any] = {
    "account": "Acme Logistics",
    "kind": "demo",
    "starts_at": "2026-12-03 15:00",
    "duration_minutes": "45",
    "attendees": [
        {"name": "Dana Lee", "role": "VP Operations", "side": "customer", "influence": "economic"}
    ],
    "objective.minimum": MINIMUM,
    "objective.customer": "See the integration",
    "agenda.items": ["Their goals", "Pilot scope"],
    "agenda.shared": True,
    "agenda.confirmed": True,
    "agenda.customer_prep": ["Fleet numbers"],
    "discovery.why_looking": "Fuel costs",
    "discovery.urgency": "Board review in Q2",
    "discovery.deadline": "2027-03-31",
    "discovery.consequence": "Another year of overruns",
    "discovery.attitude_to_us": "Liked the case study",
    "discovery.competition": "Samsara",
    "discovery.decision_process": "Dana recommends, the CFO signs",
    "agenda:draft": False,
}


def interview(script: dict[str, Any], home: Path) -> tuple[Interview, ScriptedAsker]:
    asker = ScriptedAsker(script, rest=USE_DEFAULT)
    return Interview(get_playbook("standard", home / "playbooks"), asker), asker


def stored(home: Path, plan_id: str) -> Any:
    return load_plan(Store(home).resolve(plan_id))


def test_a_vague_objective_is_challenged_with_the_reason_and_asked_again(
    cli: Callable[..., Any], script: Callable[..., ScriptedAsker], home: Path
) -> None:
    asker = script(
        {
            **FILLED,
            "objective.best": Answers([VAGUE, CONCRETE]),
            insist_key("objective.best"): False,
            "review": messages.REVIEW_SAVE,
        },
        rest=USE_DEFAULT,
    )
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    challenge = next(line for line in asker.said if line.startswith("That is not yet"))
    assert "you wrote that you pitch (“Pitch the product”)" in challenge
    assert "What will the customer do or agree to by the end of this call?" in challenge
    assert "After the demo" in challenge, "the better form fits the kind of call"
    assert asker.asked.count("objective.best") == 2
    assert asker.asked.count(insist_key("objective.best")) == 1
    plan = stored(home, result.stdout.strip())
    assert plan.objective.best == CONCRETE
    assert coach.review(plan).findings == []


def test_the_refused_objective_is_offered_back_to_edit(home: Path) -> None:
    """Asked again with the refused words as the answer to edit, not retyped from nothing."""
    run, asker = interview(
        {"objective.best": Answers([VAGUE, CONCRETE]), insist_key("objective.best"): False},
        home,
    )
    question = next(q for q in run.playbook.questions if q.field == "objective.best")
    seen: list[Any] = []
    original = asker.ask

    def spy(prompt: Any) -> Any:
        if prompt.key == "objective.best":
            seen.append((prompt.default, prompt.edit_default))
        return original(prompt)

    asker.ask = spy  # type: ignore[method-assign]
    run.ask(question)
    # The second time, a draft to fix (typing adds to it), not a default typing replaces.
    assert seen == [(None, False), (VAGUE, True)]
    assert run.data["objective"]["best"] == CONCRETE


def test_the_seller_may_insist_and_the_finding_then_stays(
    cli: Callable[..., Any], script: Callable[..., ScriptedAsker], home: Path
) -> None:
    asker = script(
        {
            **FILLED,
            "objective.best": VAGUE,
            insist_key("objective.best"): True,
            "review": messages.REVIEW_SAVE,
        },
        rest=USE_DEFAULT,
    )
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert asker.asked.count("objective.best") == 1
    plan = stored(home, result.stdout.strip())
    assert plan.objective.best == VAGUE
    assert [f.code for f in coach.findings(plan)] == ["objective.vague"]
    # The review before saving still names it.
    assert any("The objective is vague" in line for line in asker.said)
    check = cli("check", result.stdout.strip(), "--json")
    assert '"objective.vague"' in check.stdout


def test_giving_the_same_vague_answer_again_keeps_it(home: Path) -> None:
    run, asker = interview(
        {"objective.best": Answers([VAGUE, VAGUE]), insist_key("objective.best"): False},
        home,
    )
    run.ask(next(q for q in run.playbook.questions if q.field == "objective.best"))
    assert run.data["objective"]["best"] == VAGUE
    assert asker.asked.count(insist_key("objective.best")) == 1
    assert messages.KEPT_ANYWAY in asker.said


def test_a_vague_minimum_is_challenged_too(home: Path) -> None:
    run, asker = interview({"objective.minimum": Answers(["Keep the door open", MINIMUM])}, home)
    run.ask(next(q for q in run.playbook.questions if q.field == "objective.minimum"))
    assert any("you keep (“Keep the door open”)" in line for line in asker.said)
    assert asker.asked == [
        "objective.minimum",
        insist_key("objective.minimum"),
        "objective.minimum",
    ]
    assert run.data["objective"]["minimum"] == MINIMUM


def test_other_answers_are_not_challenged(home: Path) -> None:
    run, asker = interview({"objective.customer": "Just see a demo"}, home)
    run.ask(next(q for q in run.playbook.questions if q.field == "objective.customer"))
    assert asker.said == []
    assert run.data["objective"]["customer"] == "Just see a demo"


def test_the_review_shows_readiness_and_every_gap_before_saving(home: Path) -> None:
    run, asker = interview({"objective.best": "", "review": messages.REVIEW_SAVE}, home)
    plan = run.run()
    review = coach.review(plan)
    shown = "\n".join(asker.said)
    assert messages.readiness_line(review.readiness, len(review.findings)) in shown
    assert "No objective." in shown
    assert "Still unknown, and on the brief as questions to ask: why they are looking" in shown
    assert asker.asked[-1] == "review"


def test_the_seller_can_go_back_to_a_finding_from_the_review(home: Path) -> None:
    no_minimum = review_choice("objective.minimum_missing")
    script = {
        **FILLED,
        "objective.best": CONCRETE,
        "objective.minimum": Answers(["", MINIMUM]),
        "review": Answers([no_minimum]),
    }
    run, asker = interview(script, home)
    plan = run.run()
    assert plan.objective.minimum == MINIMUM
    assert asker.asked.count("review") == 1, "nothing left to go back to: saved at once"
    assert messages.minimum_missing("Dana") in asker.said, "the reason is shown again on going back"
    readiness = [line for line in asker.said if line.startswith("Readiness")]
    assert readiness[0].startswith("Readiness 92/100, 1 thing still open")
    assert readiness[-1] == "Readiness 100/100: nothing left to fix."


def test_the_review_offers_every_gap_the_playbook_asks_about(home: Path) -> None:
    run, asker = interview({"review": messages.REVIEW_SAVE}, home)
    choices: list[tuple[str, ...]] = []
    original = asker.ask

    def spy(prompt: Any) -> Any:
        if prompt.key == "review":
            choices.append(prompt.choices)
        return original(prompt)

    asker.ask = spy  # type: ignore[method-assign]
    plan = run.run()
    offered = choices[0]
    assert offered[0] == messages.REVIEW_SAVE
    assert len(offered) == 1 + len(coach.findings(plan))
    assert "Go back to: no objective" in offered
    assert "Go back to: how they decide (unknown)" in offered


@pytest.mark.parametrize("answer", ["objective.minimum", "objective.minimum: whatever"])
def test_a_script_may_name_the_field_to_go_back_to(home: Path, answer: str) -> None:
    script = {
        **FILLED,
        "objective.best": CONCRETE,
        "objective.minimum": Answers(["", MINIMUM]),
        "review": Answers([answer, messages.REVIEW_SAVE]),
    }
    run, _asker = interview(script, home)
    assert run.run().objective.minimum == MINIMUM
