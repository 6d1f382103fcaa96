"""Carry-forward: the next plan on a deal starts from what earlier calls taught, and its brief
lists the commitments and questions they left open."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from callprep import messages
from callprep.coach import coach
from callprep.coach.topics import DISCOVERY
from callprep.deal import carry
from callprep.plans.model import Commitment, Debrief, Plan
from callprep.prompts import USE_DEFAULT
from callprep.text import md_text
from tests.test_debrief import PLAN_ID, stored, write_plan

FIRST = PLAN_ID  # 2026-12-03, Acme Logistics · Fleet telematics rollout


def debrief_from(cli, tmp_path: Path, plan: str, text: str) -> None:
    answers = tmp_path / f"debrief-{plan}.toml"
    answers.write_text(text, encoding="utf-8")
    result = cli("debrief", plan, "--from", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr


def new_call(cli, *args: str) -> str:
    result = cli("new", *args, "--no-input")
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def plan_data(home: Path, plan_id: str) -> dict[str, Any]:
    return stored(home / "plans" / f"{plan_id}.toml")


@pytest.fixture
def first_call(home: Path) -> Path:
    """A first call that did not know the urgency, the consequence or the competition."""
    return write_plan(
        home / "plans",
        **{
            "discovery.urgency": "",
            "discovery.consequence": "not sure",
            "discovery.competition": "",
        },
    )


# --- two and three calls in a row -------------------------------------------------------------


def test_second_call_starts_from_the_first_and_its_debrief(cli, tmp_path, home, first_call) -> None:
    debrief_from(
        cli,
        tmp_path,
        FIRST,
        '[debrief]\noutcome = "minimum"\nlearned = { urgency = "Board review in Q2" }\n',
    )
    second = new_call(
        cli, "--account", "acme logistics", "--kind", "demo", "--when", "2026-12-10 15:00"
    )
    data = plan_data(home, second)
    assert data["account"] == "Acme Logistics"  # spelled as before: it is the same account
    assert data["opportunity"] == "Fleet telematics rollout"
    assert data["discovery"]["urgency"] == "Board review in Q2"  # learned in call 1
    assert data["discovery"]["why_looking"].startswith("Fuel costs up 18%")  # known before call 1
    assert data["discovery"]["deadline"] == dt.date(2027, 3, 31)
    assert data["discovery"]["competition"] == ""  # still unknown
    assert [a["name"] for a in data["attendees"]] == [
        "Dana Lee",
        "Priya Shah",
        "Marco Ruiz",
        "Sam Okafor",
    ]
    assert data["objective"]["best"] == ""  # each call sets its own objective
    assert "debrief" not in data


def test_three_calls_a_later_answer_overrides_an_earlier_one(
    cli, tmp_path, home, first_call
) -> None:
    debrief_from(
        cli,
        tmp_path,
        FIRST,
        '[debrief]\noutcome = "none"\n'
        'learned = { urgency = "Board review in Q2", competition = "Samsara" }\n',
    )
    second = new_call(
        cli, "--account", "Acme Logistics", "--kind", "demo", "--when", "2026-12-10 15:00"
    )
    assert plan_data(home, second)["discovery"]["urgency"] == "Board review in Q2"
    debrief_from(
        cli,
        tmp_path,
        second,
        '[debrief]\noutcome = "minimum"\n'
        'learned = { urgency = "Board moved the review to Q1", consequence = "Overtime again" }\n',
    )
    third = new_call(
        cli, "--account", "ACME LOGISTICS", "--kind", "proposal", "--when", "2026-12-17 15:00"
    )
    discovery = plan_data(home, third)["discovery"]
    assert discovery["urgency"] == "Board moved the review to Q1"  # call 2 over call 1
    assert discovery["competition"] == "Samsara"  # learned in call 1, kept through call 2
    assert discovery["consequence"] == "Overtime again"  # "not sure" in call 1, learned in call 2


def test_explicit_answers_win_over_what_is_carried(cli, tmp_path, home, first_call) -> None:
    debrief_from(cli, tmp_path, FIRST, '[debrief]\nlearned = { urgency = "Board review in Q2" }\n')
    answers = tmp_path / "next.toml"
    answers.write_text(
        'account = "Acme Logistics"\nkind = "demo"\nstarts_at = 2026-12-10T15:00:00-05:00\n'
        '[discovery]\nurgency = "They now need it by January"\n'
        '[[attendees]]\nname = "Priya Shah"\nrole = "CFO"\n',
        encoding="utf-8",
    )
    result = cli("new", "--from", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    data = plan_data(home, result.stdout.strip())
    assert data["discovery"]["urgency"] == "They now need it by January"
    assert [a["name"] for a in data["attendees"]] == ["Priya Shah"]
    assert data["discovery"]["why_looking"].startswith("Fuel costs")  # not given: carried
    assert "carried forward" in result.stderr


def test_another_deal_or_account_carries_nothing(cli, home, first_call) -> None:
    other_deal = new_call(
        cli, "--account", "Acme Logistics", "--opportunity", "Cold chain", "--kind", "discovery"
    )
    assert plan_data(home, other_deal)["discovery"].get("why_looking", "") == ""
    other_account = new_call(cli, "--account", "Globex", "--kind", "demo")
    data = plan_data(home, other_account)
    assert data["discovery"].get("why_looking", "") == ""
    assert "attendees" not in data or data["attendees"] == []


# --- the interview ------------------------------------------------------------------------------


# After the first call's commitments fell due (5 Dec), before the next call (10 Dec).
@pytest.mark.now("2026-12-09T09:00:00+00:00")
def test_interview_shows_what_is_known_and_asks_only_to_confirm_it(
    cli, script, tmp_path, home, first_call
) -> None:
    debrief_from(
        cli,
        tmp_path,
        FIRST,
        '[debrief]\noutcome = "minimum"\nnext_step = "Security review on 10 Dec"\n'
        'learned = { urgency = "Board review in Q2" }\n'
        '[[debrief.commitments]]\nwho = "ours"\nwhat = "Send the security pack"\ndue = 2026-12-05\n',
    )
    asker = script({"account": "acme logistics", "carry.keep": True}, rest=USE_DEFAULT)
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    said = "\n".join(asker.said)
    assert (
        messages.known_heading(1, "Acme Logistics · Fleet telematics rollout", "3 Dec 2026") in said
    )
    assert "Urgency: Board review in Q2" in said
    assert "Still unknown: what happens if they don't act, the competition" in said
    assert "Last call: minimum reached; next step: Security review on 10 Dec" in said
    assert "Open commitments: 1, 1 overdue" in said
    # What is known is confirmed at once, not asked again; what is still unknown is asked.
    assert asker.asked[:3] == ["account", "opportunity", "carry.keep"]
    assert "discovery.urgency" not in asker.asked
    assert "attendees" not in asker.asked
    assert "discovery.competition" in asker.asked and "discovery.consequence" in asker.asked
    data = plan_data(home, result.stdout.strip().splitlines()[0])
    assert data["opportunity"] == "Fleet telematics rollout"
    assert data["discovery"]["urgency"] == "Board review in Q2"


def test_interview_can_go_through_what_is_known_to_change_it(
    cli, script, tmp_path, home, first_call
) -> None:
    debrief_from(cli, tmp_path, FIRST, '[debrief]\nlearned = { urgency = "Board review in Q2" }\n')
    asker = script(
        {
            "account": "Acme Logistics",
            "carry.keep": False,
            "discovery.urgency": "Board moved it to Q1",
        },
        rest=USE_DEFAULT,
    )
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert "discovery.why_looking" in asker.asked  # known, and asked with it as the default
    data = plan_data(home, result.stdout.strip().splitlines()[0])
    assert data["discovery"]["urgency"] == "Board moved it to Q1"
    assert data["discovery"]["why_looking"].startswith("Fuel costs")


def test_a_first_call_on_an_account_is_a_plain_interview(cli, script, home) -> None:
    asker = script({"account": "Initech"}, rest=USE_DEFAULT)
    assert cli("new").exit_code == 0
    assert "carry.keep" not in asker.asked
    assert not any("Known from earlier calls" in line for line in asker.said)


# --- the next brief ------------------------------------------------------------------------------


# After the first call's commitments fell due (5 Dec), before the next call (10 Dec).
@pytest.mark.now("2026-12-09T09:00:00+00:00")
def test_next_brief_lists_open_commitments_with_the_overdue_flagged(
    cli, tmp_path, home, first_call
) -> None:
    debrief_from(
        cli,
        tmp_path,
        FIRST,
        '[debrief]\noutcome = "minimum"\n'
        '[[debrief.commitments]]\nwho = "ours"\nwhat = "Send the security pack"\ndue = 2026-12-05\n'
        '[[debrief.commitments]]\nwho = "customer"\nwhat = "Send utilisation data"\ndue = 2999-01-05\n'
        '[[debrief.commitments]]\nwho = "customer"\nwhat = "Name the IT lead"\ndone = true\n',
    )
    second = new_call(
        cli, "--account", "Acme Logistics", "--kind", "demo", "--when", "2026-12-10 15:00"
    )
    brief = cli("brief", second, "--format", "md")
    assert brief.exit_code == 0, brief.stderr
    lines = brief.stdout.splitlines()
    pack = next(line for line in lines if "Send the security pack" in line)
    data = next(line for line in lines if "Send utilisation data" in line)
    assert "overdue" in pack.lower()
    assert "overdue" not in data.lower()
    assert "Name the IT lead" not in brief.stdout  # done
    # The first call's own brief has no earlier calls to carry.
    assert "Send the security pack" not in cli("brief", FIRST, "--format", "md").stdout


def test_next_brief_lists_the_questions_still_unanswered(cli, tmp_path, home, first_call) -> None:
    debrief_from(
        cli,
        tmp_path,
        FIRST,
        '[debrief]\noutcome = "minimum"\nlearned = { urgency = "Board review in Q2" }\n'
        'answered = ["Which dispatch system do the depots use today, and who owns it?"]\n',
    )
    second = new_call(
        cli, "--account", "Acme Logistics", "--kind", "demo", "--when", "2026-12-10 15:00"
    )
    md = cli("brief", second, "--format", "md").stdout
    assert "successful pilot have to show your board" in md  # asked in call 1, no answer
    assert "Which dispatch system" not in md  # answered in call 1
    plan = Plan.model_validate(plan_data(home, second))
    competition = md_text(coach.question(plan, DISCOVERY["competition"]))
    assert md.count(competition) == 1  # unknown before and after call 1: listed once
    marked = md.split(competition)[1].splitlines()[0]
    assert "suggested" not in marked and marked.strip()  # marked as asked before
    assert md_text(coach.question(plan, DISCOVERY["urgency"])) not in md  # learned


# --- pure functions --------------------------------------------------------------------------------


def _plan(plan_id: str, day: int | None, **fields: Any) -> Plan:
    starts = dt.datetime(2026, 12, day, 15, tzinfo=dt.UTC) if day else None
    return Plan.model_validate({"id": plan_id, "account": "Acme", "starts_at": starts, **fields})


def test_history_is_the_deal_before_this_call_oldest_first() -> None:
    plans = [
        _plan("c3", 17, opportunity="Fleet"),
        _plan("c1", 3, opportunity="fleet"),
        _plan("c0", 1),  # account-level call before there was a deal: part of every deal
        _plan("x", 5, opportunity="Cold chain"),
        _plan("c2", 10, opportunity="FLEET "),
        Plan(id="y", account="Globex", opportunity="Fleet"),
    ]
    current = _plan("c3", 17, opportunity="Fleet")
    assert [p.id for p in carry.history(plans, current).plans] == ["c0", "c1", "c2"]
    assert [
        p.id for p in carry.history(plans, Plan(account="acme ", opportunity="fleet")).plans
    ] == [
        "c0",
        "c1",
        "c2",
        "c3",
    ]


def test_known_discovery_walks_the_chain() -> None:
    plans = [
        _plan(
            "c1", 3, discovery={"urgency": "Q2"}, debrief={"learned": {"competition": "Samsara"}}
        ),
        _plan("c2", 10, discovery={"urgency": "Q2"}, debrief={"learned": {"urgency": "Q1"}}),
    ]
    known = carry.known_discovery(carry.History("Acme", "", plans))
    assert known == {"urgency": "Q1", "competition": "Samsara"}


def test_open_commitments_and_overdue() -> None:
    debrief = Debrief(
        commitments=[
            Commitment(who="ours", what="Late", due=dt.date(2026, 12, 1)),
            Commitment(who="customer", what="Due today", due=dt.date(2026, 12, 5)),
            Commitment(who="customer", what="No date"),
            Commitment(who="ours", what="Done", due=dt.date(2026, 11, 1), done=True),
        ]
    )
    past = carry.History("Acme", "", [_plan("c1", 3, debrief=debrief.model_dump())])
    found = carry.open_commitments(past, today=dt.date(2026, 12, 5))
    assert [(c.commitment.what, c.overdue, c.from_plan) for c in found] == [
        ("Late", True, "c1"),
        ("Due today", False, "c1"),
        ("No date", False, "c1"),
    ]


def test_fill_keeps_explicit_answers() -> None:
    data: dict[str, Any] = {"discovery": {"urgency": "Now", "competition": "TBD"}, "attendees": []}
    carried = {
        "opportunity": "Fleet",
        "discovery": {"urgency": "Q2", "competition": "Samsara", "why_looking": "Fuel"},
        "attendees": [{"name": "Dana", "side": "customer"}],
    }
    filled = carry.fill(data, carried, fixed=frozenset({"opportunity"}))
    assert "opportunity" not in data  # the flag said so
    assert data["discovery"] == {"urgency": "Now", "competition": "Samsara", "why_looking": "Fuel"}
    assert data["attendees"] == [{"name": "Dana", "side": "customer"}]
    assert sorted(filled) == ["attendees", "discovery.competition", "discovery.why_looking"]


def test_the_brief_view_lists_a_suggestion_asked_before_once() -> None:
    from callprep.render import brief

    plan = Plan(account="Acme")
    question = coach.question(plan, DISCOVERY["competition"])
    view = brief.build(plan, unanswered=[question])
    assert question in view.unanswered
    assert question not in [q for _, q in view.unknown]


def test_stored_plan_files_are_read_only_for_the_account(home, first_call) -> None:
    from callprep.plans.store import Store

    write_plan(home / "plans", name="2026-12-04-globex-demo", account="Globex")
    found = carry.account_plans(Store(home), "ACME logistics")
    assert [p.id for p in found] == [FIRST]
    assert tomllib.loads(first_call.read_text())["account"] == "Acme Logistics"
