"""The objective judge: a labelled set it must get right, the issue's examples, and its reasons."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callprep import messages
from callprep.objective import judge, vague_reason
from tests.conftest import DATA, examples

# label,role,split,text. `dev` was written before the rules; `holdout` after them and only
# measured; `holdout2` after the fixes the first hold-out showed (see the module docstring of
# callprep.objective for the principles). `role` says whether it reads as a best or a minimum.
ROWS = list(csv.DictReader((DATA / "objectives.csv").open(encoding="utf-8")))
REQUIRED = 0.95


def _accuracy(rows: list[dict[str, str]]) -> dict[str, tuple[int, int, list[str]]]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: dict[str, list[str]] = {"concrete": [], "vague": []}
    for row in rows:
        concrete = judge(row["text"]).concrete
        total[row["label"]] += 1
        if concrete == (row["label"] == "concrete"):
            right[row["label"]] += 1
        else:
            wrong[row["label"]].append(row["text"])
    return {label: (right[label], total[label], wrong[label]) for label in total}


def test_the_labelled_set_is_big_and_varied() -> None:
    labels = Counter((row["label"], row["role"]) for row in ROWS)
    assert len(ROWS) >= 120
    assert all(
        labels[(label, role)] >= 10
        for label in ("concrete", "vague")
        for role in ("best", "minimum")
    )
    assert len({row["text"].lower() for row in ROWS}) == len(ROWS), "duplicates in the set"
    assert sum(row["split"].startswith("holdout") for row in ROWS) >= 40


@pytest.mark.parametrize("split", ["all", "holdout"])
def test_at_least_95_percent_right_on_each_class(split: str) -> None:
    rows = ROWS if split == "all" else [r for r in ROWS if r["split"].startswith("holdout")]
    for label, (right, total, wrong) in _accuracy(rows).items():
        assert right / total >= REQUIRED, f"{label}: {right}/{total}; wrong: {wrong}"


@pytest.mark.parametrize(
    "text",
    [
        "Dana agrees to a 30-day pilot starting 5 Jan",
        "CFO signs the order form by 15 Dec",
        "get a commitment to a technical deep-dive next week",
        "schedule a meeting with the economic buyer before 12 Dec",
        "Demo the dashboard and get agreement to a pilot",
        "Get the CFO's sign-off on the budget",
    ],
)
def test_the_issues_concrete_objectives_stand(text: str) -> None:
    assert vague_reason(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "see what he wants",
        "pitch the product",
        "touch base",
        "give a demo",
        "discuss pricing",
        "understand their needs",
        "follow up on the proposal",
        "quarterly check-in",
        "catch up",
    ],
)
def test_the_issues_vague_objectives_are_caught(text: str) -> None:
    assert vague_reason(text) is not None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Pitch the product", "“Pitch the product” is something you do"),
        ("Quarterly check-in", "“Quarterly check-in” names a meeting"),
        ("Dana likes our proposal", "“Dana likes our proposal” is what they think or feel"),
        ("Agree next steps", "“Agree next steps” commits them to nothing definite"),
        ("They won't sign anything yet", "says what the customer will not do"),
        ("Dana discusses it with her team", "is talk, not a step the customer takes"),
        ("Leave on good terms", "it names nothing the customer will do or agree to"),
    ],
)
def test_the_reason_quotes_the_sellers_words_and_says_why(text: str, reason: str) -> None:
    found = vague_reason(text)
    assert found is not None and reason in found


def test_a_long_phrase_is_cut_in_the_reason() -> None:
    found = vague_reason("Walk the whole buying committee through every slide of the new deck")
    assert found is not None and "“Walk the whole buying committee …”" in found


def test_an_empty_objective_is_not_vague_but_missing() -> None:
    assert vague_reason("") is None
    assert vague_reason("   ") is None


def test_one_word_is_too_short_even_when_it_is_an_act() -> None:
    assert judge("Signature").concrete is False
    assert judge("Signature").kind == "short"


def test_the_examples_the_coach_offers_are_themselves_concrete() -> None:
    offered = [*messages.EXAMPLE_BEST.values(), *messages.EXAMPLE_MINIMUM.values()]
    assert [text for text in offered if not judge(text).concrete] == []


def test_curly_apostrophes_and_case_do_not_change_the_verdict() -> None:
    assert judge("Get the CFO’s SIGN-OFF on the budget").concrete
    assert not judge("UNDERSTAND THEIR NEEDS").concrete


@given(st.text(max_size=200))
@settings(max_examples=examples(300), deadline=None)
def test_any_text_gets_a_verdict_and_a_reason_only_when_vague(text: str) -> None:
    verdict = judge(text)
    reason = vague_reason(text)
    if not text.strip() or verdict.concrete:
        assert reason is None
    else:
        assert reason and reason[0] in "“i"
