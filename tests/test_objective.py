"""The objective judge: labelled sets it must get right, the issue's examples, and its reasons."""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callprep.coach.objective as judge_module
from callprep import messages
from callprep.coach.objective import judge, vague_reason
from tests.conftest import DATA, examples

# label,role,split,text. `dev` was written before the rules; `holdout` after them and only
# measured; `holdout2` after the fixes the first hold-out showed (see the module docstring of
# callprep.coach.objective for the principles). `role` says whether it reads as a best or a minimum.
# objectives_v2.csv adds a source column: objectives from public sales material (each
# row names its source), labelled by the rule in docs/coach.md and split by a hash of the text
# before the judge saw them: `dev2` to improve against, `holdout3` only ever measured.
OLD = list(csv.DictReader((DATA / "objectives.csv").open(encoding="utf-8")))
NEW = list(csv.DictReader((DATA / "objectives_v2.csv").open(encoding="utf-8")))
ROWS = OLD + NEW
REQUIRED = 0.95

PARTS = {
    "holdout3": [r for r in NEW if r["split"] == "holdout3"],
    "dev2": [r for r in NEW if r["split"] == "dev2"],
    "holdout + holdout2": [r for r in OLD if r["split"].startswith("holdout")],
    "dev": [r for r in OLD if r["split"] == "dev"],
    "all": ROWS,
}


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
    return {label: (right[label], total[label], wrong[label]) for label in sorted(total)}


def _split_key(text: str) -> str:
    return hashlib.sha256(text.strip().lower().encode("utf-8")).hexdigest()


def test_the_labelled_sets_are_big_and_varied() -> None:
    for rows in (OLD, NEW):
        labels = Counter((row["label"], row["role"]) for row in rows)
        assert all(
            labels[(label, role)] >= 10
            for label in ("concrete", "vague")
            for role in ("best", "minimum")
        )
    assert len(OLD) >= 120
    assert len(NEW) >= 300
    assert sum(row["split"].startswith("holdout") for row in OLD) >= 40
    texts = [row["text"].strip().lower() for row in ROWS]
    assert [t for t, n in Counter(texts).items() if n > 1] == [], "duplicates across the sets"


def test_every_new_objective_names_its_source() -> None:
    assert [row["text"] for row in NEW if not row["source"].strip()] == []
    assert {row["split"] for row in NEW} == {"dev2", "holdout3"}


def test_the_new_split_was_made_by_a_hash_of_the_text_half_of_each_label() -> None:
    """Whoever reads the file can check that no row was moved between the parts after the fact."""
    for label in ("concrete", "vague"):
        rows = sorted((r for r in NEW if r["label"] == label), key=lambda r: _split_key(r["text"]))
        half = len(rows) // 2
        assert [r["split"] for r in rows] == ["dev2"] * half + ["holdout3"] * (len(rows) - half)


def test_the_figures_on_every_part(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints right/total per class (see them with `pytest tests/test_objective.py -rP -k figures`)."""
    lines = ["part                 concrete              vague"]
    for name, rows in PARTS.items():
        cells = [
            f"{right:>3}/{total:<3} ({100 * right / total:5.1f}%)"
            for right, total, _wrong in _accuracy(rows).values()
        ]
        lines.append(f"{name:<20} " + "    ".join(cells))
    with capsys.disabled():
        print("\nThe objective judge, right/total per class:\n" + "\n".join(lines))
    for name, rows in PARTS.items():
        for label, (right, total, wrong) in _accuracy(rows).items():
            assert right / total >= REQUIRED, f"{name}, {label}: {right}/{total}; wrong: {wrong}"


@pytest.mark.parametrize("split", ["holdout3", "holdout + holdout2", "all"])
def test_at_least_95_percent_right_on_each_class(split: str) -> None:
    for label, (right, total, wrong) in _accuracy(PARTS[split]).items():
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
    offered = [
        example(kind, who)
        for example in (messages.example_best, messages.example_minimum)
        for kind in messages.EXAMPLE_BEST
        for who in (messages.EXAMPLE_NOBODY, "Helen")
    ]
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


# --- the patterns of issue 14: each verdict with the reason that is really why ----------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the customer only promises to keep talking
        ("They invite us back", "continuation"),
        ("Client tells us they'll be in touch", "continuation"),
        ("She lets us know", "continuation"),
        ("The buyer gets back to us next month", "continuation"),
        ("They will think about it", "continuation"),
        ("He asks us to send more information", "continuation"),
        ("Prospect will mull it over and come back to us", "continuation"),
        # agreeing with a view
        ("The CIO agrees our platform is a good fit", "opinion"),
        ("Ops agrees there is a problem", "opinion"),
        ("The CFO agrees the ROI looks strong", "opinion"),
        ("Get their feedback on the pricing", "opinion"),
        # what we did, written as a past participle
        ("Proposal sent", "ours"),
        ("Deck shared with the team", "ours"),
        ("Pricing presented to procurement yesterday", "ours"),
        # a next meeting with no day, no one new and nothing to decide
        ("They agree to meet again next month", "unpinned"),
        ("Schedule another meeting to get a better sense of their needs", "unpinned"),
        ("Book a follow-up", "unpinned"),
        # a seller activity, even with a concrete-looking clause after it
        ("Find out who their supplier is, who decides and when they buy", "seller"),
        ("Demo the reporting so the CFO can approve the budget", "seller"),
        ("Explain the pricing when they ask", "seller"),
        # listening to us
        ("Get the CFO to listen to our pitch", "audience"),
        ("Have the ops leads watch the demo", "audience"),
        ("The customer tells us about their plans", "talk"),
        ("Customer happy with the demo", "state"),
        ("Agree next steps", "empty"),
        ("Product demo for the warehouse team", "meeting"),
    ],
)
def test_the_reason_names_what_is_really_missing(text: str, kind: str) -> None:
    verdict = judge(text)
    assert (verdict.concrete, verdict.kind) == (False, kind)


@pytest.mark.parametrize(
    "text",
    [
        # hand-over and talk verbs with something concrete in hand
        "They get back to us with their decision by Friday",
        "She lets us know their budget by Thursday",
        "The CTO invites us to the final presentation on 2 June",
        "Customer tells us who signs",
        "He promises to sign by Friday",
        # ordinary customer acts
        "The CFO meets us on Tuesday",
        "Get the CFO to meet us next week",
        "She asks her boss for approval",
        "They place an order for 30 units",
        "They make an order for the pilot kit",
        "Tom organises the workshop with his engineers",
        "They write down the acceptance criteria",
        "IT pulls together the data for the pilot",
        "We pass the security review",
        "Get clearance from legal",
        # department names as subjects, terse notes
        "Finance approves the spend",
        "Purchasing adds us to the supplier list",
        "Redlines back from legal by Friday",
        "PO from procurement by end of week",
        "Pricing approved by the CFO",
        # non-native phrasing
        "Customer revert with signed PO before 15/12",
        "They are giving the approval for the budget",
    ],
)
def test_ordinary_customer_acts_are_not_challenged(text: str) -> None:
    assert vague_reason(text) is None


@pytest.mark.parametrize(
    ("vague", "concrete"),
    [
        ("They agree to meet again next month", "They agree to meet again next Tuesday"),
        (
            "Schedule another meeting to get a better sense of their needs",
            "Schedule another meeting next week to get a better sense of their needs",
        ),
        ("Book a follow-up", "Book a follow-up with their CFO"),
        ("Agree to another call to keep things moving", "Agree to another call to sign the SOW"),
        ("Follow-up meeting booked", "Follow-up meeting booked for Thursday"),
        ("They agree to meet us", "Get the plant managers to meet us"),
        ("The CFO agrees to meet again next month", "The CFO agrees to meet us"),
    ],
)
def test_a_next_meeting_counts_when_it_has_a_day_someone_new_or_a_decision(
    vague: str, concrete: str
) -> None:
    assert not judge(vague).concrete
    assert judge(concrete).concrete


def test_every_reason_kind_has_a_message_that_quotes_the_words() -> None:
    for kind in get_args(judge_module.VagueKind):
        assert kind in messages.VAGUE_REASONS
        if kind != "nothing":
            assert "“{phrase}”" in messages.VAGUE_REASONS[kind]


def test_the_continuation_message_says_so() -> None:
    found = vague_reason("They invite us back next time we're in the area")
    assert found is not None and found.startswith("“They invite us back next …” only keeps")
