"""Commitments in talk, on sentences written here (not the labelled set's): what is one, what
only looks like one, whose it is, and what it says to do."""

from __future__ import annotations

import datetime as dt

import pytest

from callprep.calls import promises
from callprep.calls.sentences import sentences
from callprep.calls.transcript import Cue

CALL = dt.date(2026, 11, 12)  # a Thursday
SIDES = {"Ann": "ours", "Bob": "customer", "Cy": "customer"}


def heard(*turns: tuple[str, str]) -> list[promises.Found]:
    cues = [Cue(who, text, float(n * 10), 9.0) for n, (who, text) in enumerate(turns)]
    names = {"ours": frozenset({"ann", "raj"}), "customer": frozenset({"bob", "cy", "deepa"})}
    return promises.find(sentences(cues), SIDES, CALL, names)


@pytest.mark.parametrize(
    ("said", "who", "what", "due"),
    [
        (
            "I'll send you the security pack by Monday.",
            "ours",
            "Send the security pack",
            "2026-11-16",
        ),
        (
            "We will get the draft contract over to you tomorrow.",
            "ours",
            "Send the draft contract",
            "2026-11-13",
        ),
        ("Raj will set up the sandbox next week.", "ours", "Set up the sandbox", "2026-11-20"),
        (
            "Our legal team will review the terms by the 20th.",
            "ours",
            "Review the terms",
            "2026-11-20",
        ),
        (
            "I'm going to book the site visit for the 24th.",
            "ours",
            "Book the site visit",
            "2026-11-24",
        ),
        (
            "You'll have the revised quote on Friday.",
            "ours",
            "Send the revised quote",
            "2026-11-13",
        ),
        (
            "I can email the references this afternoon.",
            "ours",
            "Email the references",
            "2026-11-12",
        ),
        ("I'll introduce you to our CTO.", "ours", "Introduce them to our CTO", None),
        (
            "I'll check with finance and let you know by Tuesday.",
            "ours",
            "Check with finance and let them know",
            "2026-11-17",
        ),
    ],
)
def test_promises_of_ours(said: str, who: str, what: str, due: str | None) -> None:
    found = heard(("Ann", said))
    assert [(f.who, f.what, str(f.due) if f.due else None, f.quote) for f in found] == [
        (who, what, due, said)
    ]


def test_a_customers_promise_is_theirs_and_in_the_sellers_words() -> None:
    found = heard(("Bob", "I'll send you our usage numbers by Friday."))
    assert [(f.who, f.what) for f in found] == [("customer", "Send their usage numbers")]
    found = heard(("Bob", "Deepa will send both files by end of this week."))
    assert [(f.who, str(f.due)) for f in found] == [("customer", "2026-11-13")]


def test_a_yes_to_a_request_takes_the_request_on() -> None:
    found = heard(
        ("Ann", "That helps. Could you send me the site list before we meet?"),
        ("Bob", "Will do."),
    )
    assert [(f.who, f.what, f.quote) for f in found] == [
        ("customer", "Send the site list before we meet", "Will do.")
    ]
    assert found[0].request == "Could you send me the site list before we meet?"
    found = heard(("Bob", "Ann, can you share the roadmap?"), ("Ann", "Sure, by Friday."))
    assert [(f.who, f.what, str(f.due)) for f in found] == [
        ("ours", "Share the roadmap", "2026-11-13")
    ]


def test_a_yes_that_answers_no_request_commits_to_nothing() -> None:
    assert heard(("Ann", "Can you both hear me?"), ("Bob", "Yes, loud and clear.")) == []
    assert heard(("Ann", "Let's keep it short."), ("Bob", "Will do.")) == []
    assert heard(("Bob", "Will you match their price?"), ("Ann", "I can't match that.")) == []


@pytest.mark.parametrize(
    "said",
    [
        "I'll be honest, the last rollout was rough.",
        "I'll tell you what, the price isn't the issue.",
        "We'll see what the board says.",
        "We'll think about it.",
        "I'd have to check with my manager.",
        "If you signed this month we'd include the training.",
        "If we went ahead, we'd send an engineer to each site.",
        "Once it's signed, we'll start within a week.",
        "We sent the questionnaire back last week.",
        "Let me share my screen.",
        "I'll show you the dashboard now.",
        "Yeah, sure, and I'll rewrite the whole system myself over the weekend.",
        "Oh great, another portal to log into.",
        "So, to recap, you'll send the list and I'll send the quote.",
        "Will you send the specs as well?",
        "I can share a couple of case studies if that helps.",
        "We won't send anything before the contract is signed.",
        "I'll need the signed NDA first.",
        "I promise it's a small change.",
        "They'll keep using the spreadsheet.",
        "We'll hire a coordinator for it.",
        "I'll be there.",
    ],
)
def test_what_only_looks_like_a_commitment(said: str) -> None:
    assert heard(("Ann", said)) == []


def test_two_things_with_two_days_are_two_commitments() -> None:
    found = heard(("Ann", "I'll send the order form tomorrow and the project plan next Tuesday."))
    assert [(f.what, str(f.due)) for f in found] == [
        ("Send the order form", "2026-11-13"),
        ("Send the project plan", "2026-11-17"),
    ]


def test_a_speaker_of_no_known_side_commits_no_one() -> None:
    cues = [Cue("Zed", "I'll send the list tomorrow.", 0.0, 3.0)]
    assert promises.find(sentences(cues), {"Zed": "unknown"}, CALL) == []
