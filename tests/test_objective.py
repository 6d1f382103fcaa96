"""The objective judge: labelled sets it must get right, the issue's examples, and its reasons."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import get_args
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import callprep.coach.objective as judge_module
from callprep import messages
from callprep.coach.objective import judge, vague_reason
from tests.conftest import DATA, examples
from tests.guards import finishes

# label,role,split,text. `dev` was written before the rules; `holdout` after them and only
# measured; `holdout2` after the fixes the first hold-out showed (see the module docstring of
# callprep.coach.objective for the principles). `role` says whether it reads as a best or a minimum.
# objectives_v2.csv adds a source column: objectives from public sales material (each
# row names its source), labelled by the rule in docs/coach.md and split by a hash of the text
# before the judge saw them: `dev2` to improve against, `holdout3` only ever measured.
OLD = list(csv.DictReader((DATA / "objectives.csv").open(encoding="utf-8")))
NEW = list(csv.DictReader((DATA / "objectives_v2.csv").open(encoding="utf-8")))
# objectives_v3.csv: a hold-out gathered and labelled by someone else and committed before the
# judge ran on it (tests/data/objectives_v3.md). Only ever counted: no test shows its rows.
HOLDOUT4 = list(csv.DictReader((DATA / "objectives_v3.csv").open(encoding="utf-8")))
# objectives_v4.csv: a development set from pages no earlier set used, labelled before the judge
# ran on it (tests/data/objectives_v4.md); the rules of round 3b were improved against it.
DEV4 = list(csv.DictReader((DATA / "objectives_v4.csv").open(encoding="utf-8")))
# objectives_v5.csv: a second outside hold-out (holdout5), gathered from sites of one half of a
# hash split and committed before the judge ran on it; only ever counted, like holdout4.
HOLDOUT5 = list(csv.DictReader((DATA / "objectives_v5.csv").open(encoding="utf-8")))
# objectives_v6.csv: its sibling development set (dev5), from the other half of the sites; the
# rules of round 3c were improved against it.
DEV5 = list(csv.DictReader((DATA / "objectives_v6.csv").open(encoding="utf-8")))
# objectives_v7.csv (holdout6) and objectives_v8.csv (dev6): a third pair gathered the same way,
# from sites neither earlier pair used; round 3d was improved against dev6.
HOLDOUT6 = list(csv.DictReader((DATA / "objectives_v7.csv").open(encoding="utf-8")))
DEV6 = list(csv.DictReader((DATA / "objectives_v8.csv").open(encoding="utf-8")))
# objectives_v9.csv (holdout7) and objectives_v10.csv (dev7): a fourth pair, the same way again;
# round 3f was improved against dev7.
HOLDOUT7 = list(csv.DictReader((DATA / "objectives_v9.csv").open(encoding="utf-8")))
DEV7 = list(csv.DictReader((DATA / "objectives_v10.csv").open(encoding="utf-8")))
ROWS = OLD + NEW + DEV4 + DEV5 + DEV6 + DEV7
HOLDOUTS = HOLDOUT4 + HOLDOUT5 + HOLDOUT6 + HOLDOUT7
REQUIRED = 0.95

PARTS = {
    "dev7": DEV7,
    "dev6": DEV6,
    "dev5": DEV5,
    "dev4": DEV4,
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
    for rows in (OLD, NEW, DEV4, DEV5, DEV6, DEV7, HOLDOUT4, HOLDOUT5, HOLDOUT6, HOLDOUT7):
        labels = Counter((row["label"], row["role"]) for row in rows)
        assert all(
            labels[(label, role)] >= 10
            for label in ("concrete", "vague")
            for role in ("best", "minimum")
        )
    assert len(OLD) >= 120
    assert len(NEW) >= 300
    assert sum(row["split"].startswith("holdout") for row in OLD) >= 40
    texts = [row["text"].strip().lower() for row in ROWS + HOLDOUTS]
    assert [t for t, n in Counter(texts).items() if n > 1] == [], "duplicates across the sets"


def test_every_new_objective_names_its_source() -> None:
    assert [
        row["text"] for row in NEW + DEV4 + DEV5 + DEV6 + DEV7 if not row["source"].strip()
    ] == []
    assert {row["split"] for row in NEW} == {"dev2", "holdout3"}
    assert {row["split"] for row in DEV4} == {"dev4"}
    assert {row["split"] for row in DEV5} == {"dev5"}
    assert {row["split"] for row in DEV6} == {"dev6"}
    assert {row["split"] for row in DEV7} == {"dev7"}


def _site(source: str) -> str:
    address = source.removeprefix("adapted from: ").removeprefix("style of: ").strip()
    return urlsplit(address).netloc.lower().removeprefix("www.")


@pytest.mark.parametrize(
    ("holdout", "dev", "earlier"),
    [
        (HOLDOUT5, DEV5, NEW + HOLDOUT4 + DEV4),
        (HOLDOUT6, DEV6, NEW + HOLDOUT4 + DEV4 + HOLDOUT5 + DEV5),
        (HOLDOUT7, DEV7, NEW + HOLDOUT4 + DEV4 + HOLDOUT5 + DEV5 + HOLDOUT6 + DEV6),
    ],
    ids=["fifth", "sixth", "seventh"],
)
def test_each_later_pair_splits_its_sites_by_a_hash_and_shares_none_with_earlier_sets(
    holdout: list[dict[str, str]], dev: list[dict[str, str]], earlier: list[dict[str, str]]
) -> None:
    """A hold-out and its development set came from the two halves of a hash of the site, and
    from no site an earlier set used: no row of one can teach the judge what the other asks."""
    sites = {
        name: {_site(row["source"]) for row in rows} for name, rows in (("h", holdout), ("d", dev))
    }
    digits = {
        name: {hashlib.sha256(s.encode()).hexdigest()[0] for s in found}
        for name, found in sites.items()
    }
    assert digits["h"] <= set("01234567")
    assert digits["d"] <= set("89abcdef")
    used = {_site(row["source"]) for row in earlier if row["source"].strip()}
    assert sites["h"] & used == set()
    assert sites["d"] & used == set()


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


@pytest.mark.parametrize(
    "split", ["dev7", "dev6", "dev5", "dev4", "holdout3", "holdout + holdout2", "all"]
)
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
        ("Pitch the product", "you wrote that you pitch (“Pitch the product”): that is your step"),
        ("Quarterly check-in", "you wrote a check-in (“Quarterly check-in”) with nobody"),
        ("Dana likes our proposal", "that Dana likes (“Dana likes our proposal”): that is what"),
        ("Agree next steps", "(“Agree next steps”): that commits them to nothing definite"),
        ("They won't sign anything yet", "that they won't sign (“They won't sign anything yet”)"),
        ("Dana discusses it with her team", "that Dana discusses (“Dana discusses it with her …”)"),
        ("Adapt to their process", "the coach does not know “Adapt” (in “Adapt to their process”)"),
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
        assert reason and reason.startswith(("you wrote", "the coach does not know", "it names"))


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
        assert "“{phrase}”" in messages.VAGUE_REASONS[kind]


def test_the_continuation_message_says_so() -> None:
    found = vague_reason("They invite us back next time we're in the area")
    assert found == (
        "you wrote that they invite you back (“They invite us back next …”): that only keeps "
        "the conversation going; the customer takes no step (a continuation, not an advance)"
    )


# --- judge the act, not the words: the lead's examples for each pattern, then ours -------------

VAGUE_BY_PATTERN = [
    # 1. an acknowledgement or an opinion confirmed is no commitment
    ("Customer confirms they liked the presentation", "acknowledge"),
    ("They confirm the proposal arrived", "acknowledge"),
    ("Dana confirms she received the deck", "acknowledge"),
    ("Procurement confirms receipt of our quote", "acknowledge"),
    ("The sponsor acknowledges the pilot results", "acknowledge"),
    # 2. a commitment noun with nothing handed over
    ("Win their commitment to us", "empty"),
    ("Gain the sponsor's trust", "state"),
    ("Get the champion on our side", "seller"),
    ("Get commitment from the customer", "empty"),
    ("Earn their confidence", "state"),
    ("Win them over", "seller"),
    ("Secure their support", "state"),
    # 3. direction: what we give them
    ("Get Maria the pricing by Friday", "seller"),
    ("Get them the proposal before the board meeting", "seller"),
    ("Get our references to the buyer", "seller"),
    ("Get the revised quote over to procurement", "seller"),
    # 4. a continuation with a trigger or a loose time
    ("They'll come back to us after their offsite", "continuation"),
    ("Another call sometime to dig deeper", "meeting"),
    ("Pick it up again in the new year", "continuation"),
    ("CTO will decide at some point", "continuation"),
    ("Customer will get back to us once the budget is set", "continuation"),
    # 5. the customer talks or attends, and gives nothing
    ("The ops lead walks us through their process", "talk"),
    ("Prospect joins the webinar", "audience"),
    ("They show us their current setup", "talk"),
    ("They present their roadmap to us", "talk"),
    ("Partner attends our partner webinar", "audience"),
    # 6. a context clause does not lend its subject
    ("Because their renewal is due in March, use the call to learn about their roadmap", "seller"),
    ("Since they signed last year, check in on how things are going", "seller"),
    ("With the budget approved, learn more about their needs", "seller"),
    ("Now that Dana agreed to the pilot, talk about next steps", "seller"),
]


@pytest.mark.parametrize(("text", "kind"), VAGUE_BY_PATTERN)
def test_vague_by_pattern_with_the_reason(text: str, kind: str) -> None:
    verdict = judge(text)
    assert (verdict.concrete, verdict.kind) == (False, kind)


@pytest.mark.parametrize(
    "text",
    [
        # 1. confirming a decision, a date, a budget, a scope is
        "Dana confirms the budget of 40k for Q1",
        "Confirm the go-live date with their IT lead",
        "Customer confirms they will sign by the 15th",
        # 2. a commitment to something named
        "Get their commitment to a 30-day pilot",
        "Prospect makes a long-term commitment to the service",
        # 3. what she gives us
        "get the pricing sign-off from Maria",
        "Get an intro to the VP of Engineering",
        # 5. handing over something concrete, or passing ours on inside their company
        "They share their usage data with us",
        "The champion forwards our business case to the CFO",
        "She puts us in touch with the head of logistics",
        # 7. a want wrapped around their act: the inner clause is judged
        "I want them to give me a decision date",
        "We need Priya to loop in her architect",
        "Our goal: the buyer signs the order form",
        "My goal is for Dana to book the workshop",
        "The aim is that procurement releases the PO",
        "I need them to confirm the number of licences by Thursday",
        # 8. verbs from the classes of giving, deciding, committing, scheduling, approving
        "They finalise the contract by Friday",
        "They finalize the contract by Friday",
        "They tender for the second phase by 1 March",
        "They open an account with us",
        "They raise a requisition for 20 seats",
        "Procurement raises a PO this week",
        "They list our range in 40 stores",
        "They stock our range in every branch",
        "Finance earmarks budget for the pilot",
        "Nominate an executive sponsor for the project",
        "The board ratifies the deal",
        "Procurement sets us up as a vendor in their system",
        "Dr Shah agrees to prescribe our inhaler for her next five asthma patients",
        "Donor pledges 25k to the capital campaign",
        # 8. one typo in the key verb
        "Dana agres to a 30-day pilot",
        "Finance aproves the budget",
        "The CFO comits to the budget",
        # 9. meeting words that are not a meeting name
        "Raises a requisition",
        "Sven blocks two hours for a workshop next Wednesday",
        "They hold a slot on 4 June for the demo",
    ],
)
def test_concrete_by_pattern(text: str) -> None:
    assert judge(text).concrete, vague_reason(text)


@pytest.mark.parametrize(
    ("vague", "concrete"),
    [
        ("I want them to like our demo", "I want them to approve the budget"),
        ("Raise the topic of pricing", "Raise a PO for the pilot"),
        ("Block time to talk", "Block time for the workshop on Tuesday"),
        ("They show us their current setup", "They show our proposal to their CFO"),
        ("Hold firm on price", "Hold the date for the kickoff on 3 March"),
    ],
)
def test_the_same_words_judged_by_the_act(vague: str, concrete: str) -> None:
    assert not judge(vague).concrete
    assert judge(concrete).concrete


def test_a_typo_is_tolerated_only_where_the_verb_is_and_never_for_a_real_word() -> None:
    assert judge("Dana signes the order form").concrete
    assert not judge("Adapt to their process").concrete  # "adapt" is a word, not "adopt" mistyped
    assert judge("Adapt to their process").unread == "adapt"


def test_the_reason_names_the_word_it_did_not_read() -> None:
    found = vague_reason("Dana florbs the contract")
    assert found is not None and "“florbs”" in found
    assert "agrees, signs, books, sends" in found


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Champion provides positive feedback", "you wrote that the champion provides"),
        ("A referral form has been offered", "you wrote that you offered"),
        ("Procurement confirms receipt of our quote", "you wrote that procurement confirms"),
        ("Discussion with the distributor about rebates", "you wrote a Discussion (“Discussion"),
        ("The CIO is convinced our security is strong", "you wrote that the CIO is"),
        ("We present our roadmap", "you wrote that you present"),
        ("Customer confirms they liked the presentation", "you wrote that the customer confirms"),
        ("The ops lead walks us through their process", "you wrote that the ops lead walks you"),
        ("Have the ops leads watch the demo", "you wrote that the ops leads will watch"),
        ("Customer happy with the demo", "you wrote that the customer is happy"),
        ("Proposal sent", "you wrote that you sent"),
        ("Chemistry check", "you wrote “Chemistry check” with nobody doing anything in it"),
    ],
)
def test_the_reason_names_the_actor_and_the_act_it_read(text: str, reading: str) -> None:
    found = vague_reason(text)
    assert found is not None and found.startswith(reading)


def test_every_refusal_of_the_labelled_sets_names_an_actor_and_an_act_or_the_unread_word() -> None:
    refused = [r["text"] for r in ROWS if r["label"] == "vague" and not judge(r["text"]).concrete]
    assert len(refused) > 300
    unexplained = []
    for text in refused:
        verdict = judge(text)
        reason = vague_reason(text) or ""
        named = (verdict.actor and verdict.act) or verdict.unread
        shown = all(
            word.lower() in reason.lower() for word in (verdict.unread or verdict.act).split()
        )
        if not named or not shown or reason.startswith("it names"):
            unexplained.append(text)
    assert unexplained == []


# --- the outside hold-out: counted, never read row by row ---------------------------------------

# Right per class on holdout4, as measured when the rules of docs/coach.md's third round were
# done: 101/126 concrete and 112/129 vague (before them: 99/126 and 110/129), the same again
# after rounds 3b and 3c (no verdict of it changed), 102/126 after round 3d, 103/126 after
# round 3e, 113/129 vague once sentences were judged on their own, and 106/126 concrete after
# round 3f. Below the 95% the other sets reach, and written down
# as the floor rather than tuned towards: the set stays a hold-out. A change that raises the
# figures raises the floor.
HOLDOUT4_FLOOR = {"concrete": 106, "vague": 113}
# Right per class on holdout5, measured once on the judge as round 3b left it (106/119 concrete,
# 105/127 vague), once after round 3c (the same: none of its verdicts changed) and once after
# round 3d (106/119, 106/127).
HOLDOUT5_FLOOR = {"concrete": 106, "vague": 106}
# Right per class on holdout6, counted once on the judge as round 3c left it (121/134 concrete,
# 121/131 vague), once after round 3d (122/134, 121/131), and 123/134 after round 3f.
HOLDOUT6_FLOOR = {"concrete": 123, "vague": 121}
# Right per class on holdout7, counted once on the judge as round 3e left it (121/139 concrete,
# 113/125 vague: the same as the judge this session began with, verdict for verdict) and once
# after round 3f (121/139, 112/125: one vague row lost). The floor is the figure after.
HOLDOUT7_FLOOR = {"concrete": 121, "vague": 112}


@pytest.mark.parametrize(
    ("split", "rows", "floors"),
    [
        ("holdout4", HOLDOUT4, HOLDOUT4_FLOOR),
        ("holdout5", HOLDOUT5, HOLDOUT5_FLOOR),
        ("holdout6", HOLDOUT6, HOLDOUT6_FLOOR),
        ("holdout7", HOLDOUT7, HOLDOUT7_FLOOR),
    ],
)
def test_the_outside_holdouts_are_only_counted(
    split: str,
    rows: list[dict[str, str]],
    floors: dict[str, int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert {row["split"] for row in rows} == {split}
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        total[row["label"]] += 1
        right[row["label"]] += judge(row["text"]).concrete == (row["label"] == "concrete")
    figures = ", ".join(f"{label} {right[label]}/{total[label]}" for label in sorted(total))
    with capsys.disabled():
        print(f"\n{split} (outside, counted only): {figures}")
    # counts only in the message: which rows are missed is never shown
    assert all(right[label] >= floor for label, floor in floors.items()), figures


# --- round 3b: patterns a fresh development set showed, each with our own examples ------------

VAGUE_ROUND_3B = [
    # access without a step: face time is getting in front of them
    ("Get face time with their CTO", "seller"),
    # persuading and reinforcing are ours, whatever clause follows
    ("Convince the CFO we will hit the savings target", "seller"),
    ("Reinforce the results they bought last year", "seller"),
    # asking us for something, connecting with us: no one of theirs is brought in
    ("Customer asks for a case study", "continuation"),
    ("Their buyer connects with us on LinkedIn", "continuation"),
    # taking part in our show: registering, voting in its polls
    ("Prospect registers for our product webinar", "audience"),
    ("Attendee votes in the live poll", "audience"),
    # giving a tour, an overview: showing us, with nothing handed over
    ("Plant manager gives us a tour of the line", "talk"),
    ("They give us an overview of their stack", "talk"),
    # keeping in touch is not keeping a commitment
    ("They keep us posted", "continuation"),
    ("Keep the relationship warm", "seller"),
]


@pytest.mark.parametrize(("text", "kind"), VAGUE_ROUND_3B)
def test_round_3b_vague_with_the_reason(text: str, kind: str) -> None:
    verdict = judge(text)
    assert (verdict.concrete, verdict.kind) == (False, kind)


@pytest.mark.parametrize(
    "text",
    [
        # time with someone, pinned: a meeting
        "Get an hour with the plant director on Thursday",
        # keeping is retaining (VerbNet keep-15.2)
        "Customer keeps all 50 seats at the renewal",
        # recommending us to someone of theirs passes us on
        "CFO recommends our proposal to the board on 3 March",
        # a meeting with a day is a meeting agreed
        "Meet with Raj on 12/4 to review the quote",
        # a verb (or its typo) before a meeting word: the meeting is where it happens
        "Customer asigns a project lead before kickoff",
        "The sponsor approves the budget at the steering meeting",
        # asking someone of theirs for something is their act
        "She asks her controller for the PO",
    ],
)
def test_round_3b_concrete(text: str) -> None:
    assert judge(text).concrete, vague_reason(text)


def test_an_unknown_verb_before_a_clause_is_named_not_skipped() -> None:
    """A clause inside the object of a verb the judge does not know is not the act."""
    verdict = judge("Florb the partner we will invest in them")
    assert (verdict.concrete, verdict.kind, verdict.unread) == (False, "unread", "florb")


VAGUE_ROUND_3B_SECOND_HALF = [
    # direction: putting our material in front of them is ours
    ("Get our brochure in front of the CFO", "seller"),
    # helping them (VerbNet help-72) is our act, whatever they then do
    ("Help them build the business case", "seller"),
    # a decision about what we do is ours
    ("Decide whether we bid", "seller"),
    # a verb heading governs the list after it; a question is something to ask
    ("Qualify: budget? timeline? authority?", "seller"),
    ("Ask: will they sign by Friday?", "seller"),
    # a form whose content is a view hands over an opinion
    ("Nurses complete the feedback survey", "opinion"),
    ("Staff fill in the evaluation forms", "opinion"),
    # CRM shorthand: calling back is ours
    ("C/B tues re renewal", "seller"),
    # asking us for something, in other words
    ("They request a quote", "continuation"),
    # signing someone up for our show, or signing up for it
    ("Register the customer for our webinar", "seller"),
    ("Prospect signs up for our newsletter", "audience"),
    # offering is ours unless they hand something over
    ("Offer a free trial", "seller"),
    # visiting our booth is taking part in our show; writing us an email is talk
    ("Buyer visits our booth", "audience"),
    ("They write us an email", "talk"),
]


@pytest.mark.parametrize(("text", "kind"), VAGUE_ROUND_3B_SECOND_HALF)
def test_round_3b_second_half_vague_with_the_reason(text: str, kind: str) -> None:
    verdict = judge(text)
    assert (verdict.concrete, verdict.kind) == (False, kind)


@pytest.mark.parametrize(
    "text",
    [
        # a term accepted: confirming that our paper is acceptable, or meets their rules
        "Legal confirms our indemnity clause is acceptable",
        "Procurement confirms our contract meets their purchasing rules",
        # CRM shorthand for the act
        "PO rcvd",
        "Signed MSA rec'd from legal",
        "Demo booked w/ CFO 12/3",
        "Mtg sched w/ VP ops for tues",
        # numerals are determiners: "four" does not make "qualified" the verb
        "Book three qualified demos for Thursday",
        # a peer is someone new; a meeting to close is a step of the deal
        "Agrees to a call with a peer who runs the same system",
        "Scheduled a meeting to close",
        # a verb heading with a customer act
        "Confirm: delivery date and PO number",
        # asking someone of theirs to act, or for something
        "CFO asks legal to review our MSA",
        "They request budget from finance",
        # offering us something in hand
        "They offer us a reference call with a customer",
        # verbs of the trade: binding cover, writing an order or a script, porting numbers
        "Agent binds the policy today",
        "Buyer writes an opening order",
        "Doctor writes three scripts this month",
        "Customer ports their numbers to us by the 15th",
    ],
)
def test_round_3b_second_half_concrete(text: str) -> None:
    assert judge(text).concrete, vague_reason(text)


def test_every_verb_the_judge_knows_is_judged_alone_and_with_a_subject() -> None:
    """A verb with nothing after it ("Dana confirms") once crashed the receipt check; every word
    of the verb table, bare and after a name, gets a verdict and, when vague, a reason."""
    words = sorted(judge_module._table())
    assert len(words) > 1000
    for word in words:
        for text in (word.capitalize(), f"Dana {word}", f"Proposal {word}"):
            verdict = judge(text)
            assert verdict.concrete or vague_reason(text), text


# --- round 3c: principles a fifth set (dev5) showed, each with our own examples ---------------

VAGUE_ROUND_3C = [
    # holding and blocking book a time only when they take one: "hold our price" keeps it
    ("Hold our price and don't concede early", "nothing"),
    ("Block the competitor's discount", "nothing"),
    # coming to our event is attending it, like joining it
    ("Prospect confirms she'll come to our roadshow on the 9th", "audience"),
    # a participle before its noun is not the clause's verb
    ("Registered attendee confirms he'll come to our seminar on the 12th", "audience"),
    # a meeting word that names a thing of ours is not a meeting
    ("Touch base, it's on my call list for today", "seller"),
    # a particle before its object: playing back their needs is ours
    ("Play back their priorities so they feel heard", "unread"),
    # finding out is ours, whatever is found, unless it is money or a time
    ("Find the real reason they would switch suppliers", "seller"),
    # deciding to get something from us is asking us for it
    ("Dana decides to get a quote", "nothing"),
]


@pytest.mark.parametrize(("text", "kind"), VAGUE_ROUND_3C)
def test_round_3c_vague_with_the_reason(text: str, kind: str) -> None:
    verdict = judge(text)
    assert (verdict.concrete, verdict.kind) == (False, kind)


@pytest.mark.parametrize(
    "text",
    [
        # holding or blocking a time, a slot, a date, a meeting
        "Sven holds two hours next Wednesday for the workshop",
        "Hold the date for the kickoff",
        # agreeing to take on a role: a reference, the pilot site, the champion
        "Customer agrees to be a reference and take two calls this quarter",
        "Plant agrees to be the pilot site for Q1",
        # deciding to set something aside, to secure it: the decision is the act
        "Board decides to set aside budget for the rollout",
        # leaving something with us hands it over (VerbNet future_having-13.3)
        "Landlord leaves us the keys for the viewings",
        "They leave a deposit today",
        # designing our part into theirs is a design win
        "Their engineers design our sensor into the next controller",
        "We need their team to integrate our API into the checkout by Q2",
        # finding money or a time is getting it (VerbNet get-13.5.1)
        "Owner finds the budget for the spring campaign",
        "They find a slot for onboarding by Friday",
        # data in a file hands something over, whatever it is about
        "Buyer sends a year of order history in Excel",
        # taking an offer, a deal, a buy is accepting it
        "Store takes the spring promo buy before month end",
        # consent for us to act is given, even when what follows is ours
        "Get their consent for us to contact their suppliers",
        # a document coming back is handed back
        "Signed order form comes back by Friday",
        # coming to terms, to an agreement, is agreeing, not meeting
        "Both sides come to terms on the SLA by Friday",
        "Come to an agreement on price",
    ],
)
def test_round_3c_concrete(text: str) -> None:
    assert judge(text).concrete, vague_reason(text)


def test_leaving_with_something_is_getting_it_and_leaving_it_with_us_hands_it_over() -> None:
    assert judge("Leave the call with a signed pilot agreement").concrete
    assert judge("They leave a deposit with us").concrete
    assert not judge("Leave the meeting with a good feeling").concrete


# --- round 3d: principles a sixth set (dev6) showed, each with our own examples ---------------

VAGUE_ROUND_3D = [
    # a plural noun spelt like an -s verb, last in a short clause, is the object
    ("Uncover needs", "seller"),
    ("Troubleshoot issues", "unread"),
    # answering our invitation is taking part in our event
    ("Buyer RSVPs to our customer dinner", "audience"),
    # naming someone on our side is ours
    ("Name a project lead on our side", "seller"),
    ("Assign our solution engineer to the pilot", "seller"),
]


@pytest.mark.parametrize(("text", "kind"), VAGUE_ROUND_3D)
def test_round_3d_vague_with_the_reason(text: str, kind: str) -> None:
    verdict = judge(text)
    assert (verdict.concrete, verdict.kind) == (False, kind)


@pytest.mark.parametrize(
    "text",
    [
        # the deal itself, got
        "Get the sale",
        # confirming a date is not a "confirm date"
        "Confirm date and agenda for the onsite",
        # a meeting pinned by a relative time
        "Meet again in 3-5 business days to go through the business case",
        "Workshop with their planners within two working days",
        # telling us whether they will act: the "if" clause is what is told
        "Client commits to tell us by Friday if they will renew",
        # uploading is sending (send-11.1)
        "Customer uploads their logo and brand files for the mock-up",
        # calling our references is their check, a step of the deal
        "Prospect calls two of our references before the board meeting",
        # data for a quote: dimensions, quantities, artwork
        "Buyer shares dimensions and quantities for the quote",
        # approving or signing off a document of ours, whatever it is called
        "Their security team signs off on our risk assessment",
        # taking goods on consignment or on approval stocks them
        "Boutique takes our range on consignment",
        # locking numbers in finalises them
        "Client locks the guest count 7 days before the event",
        # a participle before its noun does not open a clause
        "Owner sends the written termination notice to their current supplier",
        # "if" after a verb that does not tell is a condition, not what is asked
        "Sponsor agrees to take us to the steering group if the pilot meets its targets",
        # a role taken on without an article
        "Customer agrees to be active reference for the Nordics",
        # a frame before the clause is not the clause
        "Call objective: CFO signs the order form",
        "By the end of the call, I need their buyer to confirm the PO number",
        "Ideally, the plant manager books the install for March",
    ],
)
def test_round_3d_concrete(text: str) -> None:
    assert judge(text).concrete, vague_reason(text)


# --- rewrites that keep the label keep the verdict --------------------------------------------


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# What sellers put around the same objective: a heading, a role, a frame, case, punctuation.
REWRITES: dict[str, Callable[[str], str]] = {
    "lower case": str.lower,
    "title case": str.title,
    "full stop": lambda t: t.rstrip(".") + ".",
    "quoted": lambda t: f'"{t}"',
    "bullet": lambda t: f"- {t}",
    "Goal:": lambda t: f"Goal: {t}",
    "Best outcome:": lambda t: f"Best outcome: {t}",
    "Call objective:": lambda t: f"Call objective: {t}",
    "MAA:": lambda t: f"MAA: {t}",
    "Next step:": lambda t: f"Next step: {t}",
    "Objective -": lambda t: f"Objective - {t}",
    "By the end of the call,": lambda t: f"By the end of the call, {_lower_first(t)}",
    "Before we hang up,": lambda t: f"Before we hang up, {_lower_first(t)}",
    "Ideally,": lambda t: f"Ideally, {_lower_first(t)}",
    "Hopefully": lambda t: f"Hopefully {_lower_first(t)}",
    "Make sure": lambda t: f"Make sure {_lower_first(t)}",
    "(stretch goal)": lambda t: t.rstrip(".") + " (stretch goal)",
    "- best case": lambda t: t.rstrip(".") + " - best case",
    "&": lambda t: t.replace(" and ", " & "),
    "w/": lambda t: re.sub(r"\bwith\b", "w/", t),
    "client": lambda t: re.sub(r"\b[Cc]ustomer\b", "client", t),
    "British spelling": lambda t: t.replace("ize", "ise").replace("license", "licence"),
}


@cache
def _right() -> tuple[tuple[str, bool], ...]:
    """Each labelled row the judge gets right, with its verdict: what every rewrite starts from
    (judged once for all the rewriting tests)."""
    judged = ((row["text"], judge(row["text"]).concrete, row["label"]) for row in ROWS)
    return tuple(
        (text, verdict) for text, verdict, label in judged if verdict == (label == "concrete")
    )


@pytest.mark.parametrize("name", sorted(REWRITES))
def test_a_rewrite_that_keeps_the_label_keeps_the_verdict(name: str) -> None:
    """Every labelled row the judge gets right, written the way another seller would: the frame
    around an objective never changes what the customer is asked to do."""
    rewrite = REWRITES[name]
    flipped = []
    for text, verdict in _right():
        written = rewrite(text)
        if judge(written).concrete != verdict:
            flipped.append(written)
    assert flipped == []


def _customer_clause(text: str) -> tuple[str, str, str] | None:
    """(subject, verb lemma, the rest) of a one-clause row whose subject is the customer's and
    whose verb is one -s form, as written: "Procurement | issue | the PO this week"."""
    parts = judge_module._parts(text)
    if len(parts) != 1:
        return None
    tokens = judge_module._strip_fillers(parts[0].tokens)
    found = judge_module._main_verb(tokens)
    if found is None or found.passive or not 0 < found.at <= 3 or found.verb.form != "s":
        return None
    subject = tokens[: found.at]
    if {"we", "our", "us", "i", "my", "me", "will", "not", "to"} & set(subject):
        return None
    words = text.split()
    spelt = [i for i, w in enumerate(words) if re.sub(r"\W", "", w.lower()) == tokens[found.at]]
    if not spelt or found.verb.length != 1:
        return None
    at = spelt[0]
    return " ".join(words[:at]), found.verb.lemma, " ".join(words[at + 1 :])


@cache
def _customer_clauses() -> tuple[tuple[str, tuple[str, str, str], bool], ...]:
    """The rows the judge gets right that are one customer clause: (the text, its parts, the
    verdict)."""
    found = ((text, _customer_clause(text), verdict) for text, verdict in _right())
    return tuple((text, clause, verdict) for text, clause, verdict in found if clause is not None)


_AS_OBJECT = {"they": "them", "he": "him", "she": "her"}
# The same act, wrapped the ways sellers wrap it: a want, a cause, a modal, CRM's "to".
WRAPS: dict[str, Callable[[str, str, str], str]] = {
    "will": lambda s, v, r: f"{s} will {v} {r}",
    "CRM to": lambda s, v, r: f"{s} to {v} {r}",
    "I want X to": lambda s, v, r: f"I want {_AS_OBJECT.get(s.lower(), s)} to {v} {r}",
    "We need X to": lambda s, v, r: f"We need {_AS_OBJECT.get(s.lower(), s)} to {v} {r}",
    "Get X to": lambda s, v, r: f"Get {_AS_OBJECT.get(s.lower(), s)} to {v} {r}",
    "My goal is for X to": lambda s, v, r: (
        f"My goal is for {_AS_OBJECT.get(s.lower(), s)} to {v} {r}"
    ),
}


@pytest.mark.parametrize("name", sorted(WRAPS))
def test_a_customer_act_keeps_its_verdict_however_it_is_wrapped(name: str) -> None:
    wrap = WRAPS[name]
    checked, flipped = 0, []
    for _text, clause, verdict in _customer_clauses():
        checked += 1
        written = wrap(*clause)
        if judge(written).concrete != verdict:
            flipped.append(written)
    assert checked > 300
    assert flipped == []


# The seller's own step, said the ways sellers say it.
OWN_STEP = ("We", "I will", "We'll", "I need to", "Our goal is to", "Try to", "We want to")


@pytest.mark.parametrize("frame", OWN_STEP)
def test_an_imperative_keeps_its_verdict_with_the_seller_as_subject(frame: str) -> None:
    checked, flipped = 0, []
    for text, verdict in _right():
        parts = judge_module._parts(text)
        found = judge_module._main_verb(parts[0].tokens) if parts else None
        if found is None or found.at != 0 or found.verb.form != "base":
            continue
        checked += 1
        written = f"{frame} {text[:1].lower()}{text[1:]}"
        if judge(written).concrete != verdict:
            flipped.append(written)
    assert checked > 400
    assert flipped == []


def test_one_typo_in_the_customers_verb_keeps_most_verdicts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A letter dropped from the verb ("Legal cofirms the cap is acceptable"): the judge reads
    a typo only where a verb goes, so a few stay unread; the figure is a floor, not a target."""
    kept = total = 0
    for text, (subject, _lemma, rest), verdict in _customer_clauses():
        verb_word = text[len(subject) :].split()[0]
        if not (verb_word.isalpha() and len(verb_word) >= 6):
            continue
        typo = verb_word[:2] + verb_word[3:]
        total += 1
        kept += judge(f"{subject} {typo} {rest}").concrete == verdict
    with capsys.disabled():
        print(f"\none typo in the verb: {kept}/{total} verdicts kept")
    assert total > 200
    assert kept / total >= 0.98


@pytest.mark.parametrize(
    "when",
    [
        "on Tuesday", "Tue 3pm", "on 12/3", "on the 14th", "14 Jan", "Jan 14th, 2027",
        "on 2027-01-14", "on 14.01.", "on 14.01.2027", "at 10:30", "at 3 pm CET",
        "in two weeks", "within the next two weeks", "in 3-5 business days", "by EOW",
        "the week of 11 Jan", "tomorrow morning",
    ],
)  # fmt: skip
def test_a_meeting_with_a_day_in_any_common_form_is_pinned(when: str) -> None:
    assert judge(f"Follow-up call with the ops team {when}").concrete


@pytest.mark.parametrize("when", ["mid-January", "in Q1", "early next year", "sometime soon"])
def test_a_meeting_with_only_a_loose_time_is_not(when: str) -> None:
    verdict = judge(f"Follow-up call {when}")
    assert (verdict.concrete, verdict.kind) == (False, "meeting")


def test_sentences_are_judged_on_their_own() -> None:
    """One sentence that names a customer act makes the objective concrete, whatever the other
    sentences say; sentences that name none leave it vague. Every right-judged pair of rows."""
    concrete = [text.rstrip(".") for text, verdict in _right() if verdict]
    vague = [text.rstrip(".") for text, verdict in _right() if not verdict]
    pairs = list(zip(vague, concrete, vague[1:] + vague[:1], strict=False))
    assert len(pairs) > 500
    wrong = []
    for first, second, third in pairs:
        for text, concrete_wanted in (
            (f"{first}. {second}", True),
            (f"{second}; {first[:1].lower()}{first[1:]}", True),
            (f"{first}. {third}", False),
        ):
            if judge(text).concrete != concrete_wanted:
                wrong.append(text)
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "concrete"),
    [
        ("Learn their process. After activation Dana uploads her first products", True),
        ("Office manager books a lunch with Dr. Scott for the 9th", True),
        ("Approx. 40 seats to discuss. Demo the reporting module", False),
        # "send", not "sends": the verb after "and" is ours, not the owner's
        ("Owner agrees to a follow-up and send them the order form", False),
        ("Owner agrees to the pilot and sends the signed order form", True),
    ],
)
def test_a_sentence_or_a_clause_after_and_is_read_with_its_own_subject(
    text: str, concrete: bool
) -> None:
    assert judge(text).concrete is concrete, vague_reason(text)


@pytest.mark.parametrize(
    "hostile",
    [
        " " * 200_000 + "x",
        "-" * 200_000 + "x",
        "Dr. Scott signs. " * 20_000,
        "Customer signs the order form and " * 20_000,
        "( , ; - minimum " * 20_000,
        "a" * 1_000_000,
    ],
    ids=["spaces", "dashes", "sentences", "clauses", "separators", "one word"],
)
def test_a_huge_objective_is_read_only_so_far(hostile: str) -> None:
    """A pasted document or a hostile plan file: the judge reads its first READ_AT_MOST
    characters, in bounded time, and says what it would of those."""
    verdict = finishes(lambda: judge(hostile))
    assert verdict == judge(hostile[: judge_module.READ_AT_MOST])


# --- round 3f: principles a seventh set (dev7) showed, each with our own examples --------------


@pytest.mark.parametrize(
    "text",
    [
        # a compound subject takes the base form
        "Plant manager and her controller sign the change order",
        # a base form after a person, in non-native English
        "buyer approve pre-production sample for the bulk order",
        # pre-, re-: the verb after the prefix
        "Get their IT team to pre-approve the purchase",
        # light verbs with a step of the deal, or an amendment
        "Client agrees to do the onboarding workshop next month",
        "Importer makes the amendment to the letter of credit this week",
        # making us their supplier is a status given
        "Client makes us their preferred supplier for 2027",
        # taking something of ours is accepting it; "pull the trigger" is deciding
        "Chef commits to taking our tomatoes every week through the season",
        "Store takes our new range into its assortment",
        "F&B manager pulls the trigger on the by-the-glass listing",
        # "specs": the architect specifies
        "Architect specs our fixtures for the new wing",
        # our product meeting their requirements is a fit accepted
        "Their security lead confirms our platform meets their data-residency requirements",
        # what we get from someone of theirs, they hand over; collecting payment is being paid
        "Get the floor areas by room type from the facilities manager",
        "Collect the payment for the March delivery",
        # a placement is handed over; someone senior is someone new
        "Get a trial placement in two stores",
        "Book a meeting with someone more senior in finance",
    ],
)
def test_round_3f_concrete(text: str) -> None:
    assert judge(text).concrete, vague_reason(text)


VAGUE_ROUND_3F = [
    # signing an attendance register records that someone came
    ("Sign the attendance register at the briefing", "audience"),
    ("Dana signs the visitor log", "audience"),
    # beginning to do something is judged by what is begun
    ("Begin to build trust with the new buyer", "seller"),
    ("Start building rapport with the ops team", "seller"),
    # registering ourselves is ours
    ("Register our company on their supplier portal", "seller"),
    # starting a conversation is ours, whatever it is about
    ("Start the renewal conversation 90 days before expiry", "seller"),
    # taking our call is talk, not accepting anything
    ("Prospect takes our call next week", "talk"),
]


@pytest.mark.parametrize(("text", "kind"), VAGUE_ROUND_3F)
def test_round_3f_vague_with_the_reason(text: str, kind: str) -> None:
    verdict = judge(text)
    assert (verdict.concrete, verdict.kind) == (False, kind)
