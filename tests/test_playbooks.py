"""Playbooks: the built-in ones, the seller's own, broken files, and `new --playbook`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from callprep.coach.playbook import (
    FIELD_KINDS,
    all_playbooks,
    builtin_playbooks,
    get_playbook,
)
from callprep.coach.topics import DISCOVERY
from callprep.errors import CallprepError
from callprep.plans.planfile import load_plan
from callprep.plans.store import Store
from callprep.prompts import USE_DEFAULT, ScriptedAsker

# Every plan field the coach looks at: a playbook that asks them all can reach readiness 100.
COACHED_FIELDS = {
    "attendees",
    "objective.best",
    "objective.minimum",
    "objective.customer",
    "agenda.items",
    "agenda.shared",
    "agenda.confirmed",
    "agenda.customer_prep",
    *(f"discovery.{key}" for key in DISCOVERY),
}

GOOD = """
name = "quick"
title = "Quick prep"

[[questions]]
field = "objective.best"
text = "What will they agree to?"

[[questions]]
field = "notes.budget_owner"
text = "Who owns the budget?"
"""


def write(home: Path, name: str, text: str | bytes) -> Path:
    folder = home / "playbooks"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_three_builtin_playbooks_load() -> None:
    found = builtin_playbooks()
    assert {"standard", "meddpicc", "upfront-contract"} <= set(found)
    assert all(source.origin == "built-in" for source in found.values())


@pytest.mark.parametrize("name", ["standard", "meddpicc", "upfront-contract"])
def test_each_builtin_asks_everything_the_coach_checks(name: str) -> None:
    book = builtin_playbooks()[name].playbook
    fields = {q.field for q in book.questions}
    assert fields >= COACHED_FIELDS, COACHED_FIELDS - fields
    assert all(q.field in FIELD_KINDS or q.field.startswith("notes.") for q in book.questions)


def test_meddpicc_keeps_its_own_answers_as_notes() -> None:
    book = builtin_playbooks()["meddpicc"].playbook
    notes = {q.field for q in book.questions if q.field.startswith("notes.")}
    assert notes == {
        "notes.metrics",
        "notes.economic_buyer",
        "notes.decision_criteria",
        "notes.paper_process",
        "notes.champion",
    }


def test_upfront_contract_asks_purpose_their_agenda_ours_time_and_outcome() -> None:
    book = builtin_playbooks()["upfront-contract"].playbook
    texts = [q.text.split(":")[0] for q in book.questions if ":" in q.text]
    assert texts[:5] == ["Purpose", "Their agenda", "Our agenda", "Time", "Outcome"]


def test_a_user_playbook_is_listed_and_can_replace_a_builtin(home: Path) -> None:
    write(home, "quick.toml", GOOD)
    write(home, "standard.toml", GOOD.replace('name = "quick"', 'name = "standard"'))
    found, problems = all_playbooks(home / "playbooks")
    assert problems == []
    assert found["quick"].origin.endswith("quick.toml")
    assert found["standard"].replaces_builtin
    assert [q.field for q in get_playbook("standard", home / "playbooks").questions] == [
        "objective.best",
        "notes.budget_owner",
    ]


def test_a_playbook_without_a_name_takes_its_file_name(home: Path) -> None:
    write(home, "my-way.toml", GOOD.replace('name = "quick"\n', ""))
    assert get_playbook("my-way", home / "playbooks").name == "my-way"


BROKEN: list[tuple[str, str]] = [
    ('name = "x\n', "not valid TOML"),
    ("title = 'no questions'\n", "questions: missing"),
    ("questions = []\n", "at least one [[questions]]"),
    ('[[questions]]\nfield = "objective.bset"\ntext = "?"\n', "did you mean 'objective.best'"),
    ('[[questions]]\nfield = "budget"\ntext = "?"\n', "use notes.<name>"),
    ('[[questions]]\nfield = "agenda.items"\ntext = "?"\n', "takes kind 'list', not 'text'"),
    ('[[questions]]\nfield = "kind"\nkind = "select"\ntext = "?"\n', "select with no choices"),
    ('[[questions]]\nfield = "notes.x"\nkind = "list"\ntext = "?"\n', "notes take text"),
    ('[[questions]]\nfield = "notes.Bad Name"\ntext = "?"\n', "a note's name is lowercase"),
    ('[[questions]]\nfield = "account"\ntext = "  "\n', "question 1 (account), text"),
    ('[[questions]]\nfield = "account"\ntext = "?"\ncolour = "red"\n', "unknown key"),
    ('[[questions]]\nfield = "account"\ntext = "?"\nwhen = "account"\n', "yes/no field"),
    (
        '[[questions]]\nfield = "account"\ntext = "a"\n[[questions]]\nfield = "account"\n'
        'text = "b"\n',
        "asked twice",
    ),
    ('name = "Bad Name"\n[[questions]]\nfield = "account"\ntext = "?"\n', "name 'Bad Name'"),
    ('[[questions]]\ntext = "?"\n', "question 1, field: missing"),
]


@pytest.mark.parametrize(("text", "problem"), BROKEN, ids=[p for _, p in BROKEN])
def test_a_broken_playbook_is_named_with_its_file_and_problem(
    home: Path, text: str, problem: str
) -> None:
    path = write(home, "broken.toml", text)
    with pytest.raises(CallprepError) as caught:
        get_playbook("broken", home / "playbooks")
    message = caught.value.message
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message


def test_a_playbook_that_is_not_utf8_is_named(home: Path) -> None:
    path = write(home, "broken.toml", b"name = '\xff'\n")
    with pytest.raises(CallprepError, match="not UTF-8"):
        get_playbook("broken", home / "playbooks")
    assert str(path) in str(all_playbooks(home / "playbooks")[1][0].error)


def test_an_unknown_playbook_lists_what_there_is(home: Path) -> None:
    with pytest.raises(CallprepError) as caught:
        get_playbook("nope", home / "playbooks")
    assert "no playbook 'nope' (available: meddpicc, standard, upfront-contract)" in str(
        caught.value
    )


# --- the commands --------------------------------------------------------------------------


def test_playbooks_lists_builtin_and_own_and_warns_about_broken_ones(
    cli: Callable[..., Any], home: Path
) -> None:
    write(home, "quick.toml", GOOD)
    broken = write(home, "broken.toml", '[[questions]]\nfield = "nope"\ntext = "?"\n')
    result = cli("playbooks")
    assert result.exit_code == 0
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:] if line.strip()}
    assert set(rows) == {"meddpicc", "quick", "standard", "upfront-contract"}
    assert "built-in" in rows["standard"]
    assert "yours: quick.toml" in rows["quick"]
    assert f"skipped a broken playbook: {broken}: question 1 (nope)" in result.stderr
    assert "callprep new --playbook NAME" in result.stderr


def test_new_with_a_broken_playbook_fails_with_one_clear_line(
    cli: Callable[..., Any], home: Path
) -> None:
    broken = write(home, "broken.toml", '[[questions]]\nfield = "nope"\ntext = "?"\n')
    result = cli("new", "--playbook", "broken", "--no-input")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"callprep: {broken}: question 1 (nope): 'nope' is not a plan field (plan fields: "
        "account, opportunity, kind, starts_at, duration_minutes, attendees, objective.*, "
        "agenda.*, discovery.*, questions); use notes.<name> for an answer of your own"
    ]
    assert not (home / "plans").exists() or not list((home / "plans").iterdir())


def test_new_with_an_unknown_playbook_fails(cli: Callable[..., Any]) -> None:
    result = cli("new", "--playbook", "nope", "--no-input")
    assert result.exit_code == 1
    assert "no playbook 'nope'" in result.stderr


def test_new_walks_meddpicc_and_its_notes_reach_the_plan_and_the_brief(
    cli: Callable[..., Any], script: Callable[..., ScriptedAsker], home: Path
) -> None:
    asker = script(
        {
            "account": "Acme",
            "objective.best": "The CFO signs the order form by 15 Dec",
            "notes.economic_buyer": "Priya, the CFO",
            "notes.champion": "Dana: wants the savings for her bonus",
            "review": "Save the plan",
        },
        rest=USE_DEFAULT,
    )
    result = cli("new", "--playbook", "meddpicc")
    assert result.exit_code == 0, result.stderr
    assert "notes.metrics" in asker.asked and "notes.paper_process" in asker.asked
    plan_id = result.stdout.strip()
    plan = load_plan(Store(home).resolve(plan_id))
    assert plan.playbook == "meddpicc"
    assert plan.notes["economic_buyer"] == "Priya, the CFO"
    brief = cli("brief", plan_id, "--format", "md")
    assert "Economic buyer" in brief.stdout and "Priya, the CFO" in brief.stdout


def test_new_with_a_user_playbook_asks_only_its_questions(
    cli: Callable[..., Any], script: Callable[..., ScriptedAsker], home: Path
) -> None:
    write(home, "quick.toml", GOOD)
    asker = script(
        {
            "objective.best": "Dana books the deep-dive for next week",
            "notes.budget_owner": "Priya",
            "review": "Save the plan",
        },
        rest=USE_DEFAULT,
    )
    result = cli("new", "--playbook", "quick", "--account", "Acme")
    assert result.exit_code == 0, result.stderr
    questions = [key for key in asker.asked if key in FIELD_KINDS or key.startswith("notes.")]
    assert questions == ["objective.best", "notes.budget_owner"]
    plan = load_plan(Store(home).resolve(result.stdout.strip()))
    assert plan.notes == {"budget_owner": "Priya"}
    assert plan.playbook == "quick"


def test_two_of_your_files_cannot_claim_the_same_name(home: Path) -> None:
    first = write(home, "a.toml", GOOD)
    second = write(home, "b.toml", GOOD)
    found, problems = all_playbooks(home / "playbooks")
    assert found["quick"].origin == str(first)
    assert [str(p.error) for p in problems] == [
        f"{second}: name 'quick' is already used by {first}"
    ]


# --- how the built-in questions read (issue 14) ----------------------------------------------

# A second ask joined to the first: "How urgent is it, and what is driving it?".
SECOND_ASK = re.compile(
    r"(;|,? and|,? or)\s+(who|what|which|how|why|when|where|whom|on what|in which)\b", re.I
)
# A list of asks: "who, on what criteria, in which steps".
BUNDLE = re.compile(r"\b(who|what|which|how), (on what|in which|what|which|how)\b", re.I)


@pytest.mark.parametrize("name", ["standard", "meddpicc", "upfront-contract"])
def test_every_builtin_question_is_one_ask(name: str) -> None:
    for question in builtin_playbooks()[name].playbook.questions:
        assert question.text.count("?") == 1 and question.text.endswith("?"), question.text
        assert not SECOND_ASK.search(question.text), question.text
        assert not BUNDLE.search(question.text), question.text
        assert "Dana" not in question.text + question.help, question.field


def test_meddpicc_names_each_element_it_asks() -> None:
    book = builtin_playbooks()["meddpicc"].playbook
    named = {q.field: q.text.split(":")[0] for q in book.questions if ":" in q.text}
    assert named == {
        "notes.metrics": "Metrics",
        "notes.economic_buyer": "Economic buyer",
        "notes.decision_criteria": "Decision criteria",
        "discovery.decision_process": "Decision process",
        "notes.paper_process": "Paper process",
        "discovery.why_looking": "Identify pain",
        "discovery.consequence": "Identify pain",
        "discovery.urgency": "Compelling event",
        "notes.champion": "Champion",
        "discovery.competition": "Competition",
    }
    competition = next(q for q in book.questions if q.field == "discovery.competition")
    assert "doing nothing" in competition.text and "building it themselves" in competition.text
