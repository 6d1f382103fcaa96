"""`callprep stats`: known answers on a hand-built store, filters, empty and damaged stores, the view."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callprep.catalog import stats
from callprep.catalog.index import CommitmentSummary, PlanSummary, summarize
from callprep.plans.model import Plan
from tests.conftest import examples

TODAY = dt.date(2026, 3, 1)
# The store below is counted on TODAY.
pytestmark = pytest.mark.now("2026-03-01T09:00:00+00:00")

# Eight calls on four deals. Discovery: W why_looking, U urgency, C consequence, A attitude_to_us,
# P competition (the other party), D decision_process; learned answers count as known.
STORE: dict[str, str] = {
    # Acme, spelled two ways: one deal. minimum, then two continuations: stalled.
    "2025-12-01-acme-discovery": """
        account = "ACME LOGISTICS"
        opportunity = "Fleet Rollout"
        starts_at = 2025-12-01T15:00:00
        agenda = { confirmed = true }
        discovery = { why_looking = "W", urgency = "U" }
        debrief = { outcome = "minimum" }
    """,
    "2026-01-10-acme-demo": """
        account = "Acme Logistics"
        opportunity = "Fleet rollout"
        starts_at = 2026-01-10T15:00:00-05:00
        questions = ["How many trucks?", "Who signs?"]
        discovery = { why_looking = "W", urgency = "U", competition = "P" }
        [debrief]
        outcome = "none"
        learned = { consequence = "" }
        commitments = [{ who = "customer", what = "Send utilisation data", due = 2026-01-15 }]
        conversation = { our_share = 0.7, questions_asked = [] }
    """,
    "2026-01-20-acme-demo": """
        account = "Acme Logistics"
        opportunity = "Fleet rollout"
        starts_at = 2026-01-20T15:00:00-05:00
        agenda = { shared = true, confirmed = true }
        discovery = { why_looking = "W", urgency = "U", competition = "P" }
        [debrief]
        outcome = "none"
        learned = { decision_process = "D" }
        commitments = [{ who = "ours", what = "Send pilot proposal", due = 2026-01-25, done = true }]
    """,
    "2026-03-10-acme-proposal": """
        account = "Acme Logistics"
        opportunity = "Fleet rollout"
        starts_at = 2026-03-10T15:00:00-05:00
        discovery = { why_looking = "W", urgency = "U", competition = "P", decision_process = "D" }
    """,
    # Globex: a continuation, then the best outcome.
    "2026-02-01-globex-discovery": """
        account = "Globex"
        opportunity = "Pilot"
        starts_at = 2026-02-01T10:00:00+00:00
        debrief = { outcome = "none" }
    """,
    "2026-02-10-globex-demo": """
        account = "Globex"
        opportunity = "Pilot"
        starts_at = 2026-02-10T10:00:00+00:00
        agenda = { shared = true, confirmed = true }
        discovery = { why_looking = "W" }
        questions = ["Who signs?", "By when?"]
        [debrief]
        outcome = "best"
        learned = { urgency = "U", attitude_to_us = "A" }
        conversation = { our_share = 0.42, questions_asked = ["Who signs?", "By when?"] }
        [[debrief.commitments]]
        who = "ours"
        what = "Book the security review"
        due = 2026-02-20
        [[debrief.commitments]]
        who = "customer"
        what = "Sign the order form"
        due = 2026-03-01
    """,
    # Initech: no opportunity named; everything known once the debrief adds the consequence.
    "2025-11-15-initech-review": """
        account = "Initech"
        starts_at = 2025-11-15T09:00:00+01:00
        discovery = { why_looking = "W", urgency = "U", attitude_to_us = "A", competition = "P", decision_process = "D" }
        [debrief]
        outcome = "minimum"
        learned = { consequence = "C" }
        commitments = [{ who = "ours", what = "Call back some day" }]
        conversation = { our_share = 0.5 }
    """,
    # Umbrella: no date, not debriefed, nothing known.
    "umbrella-call": """
        account = "Umbrella"
    """,
}

EXPECTED_OPPORTUNITIES = [
    {
        "account": "Acme Logistics",
        "opportunity": "Fleet rollout",
        "calls": 4,
        "debriefed": 3,
        "continuations": 2,
        "continuations_in_a_row": 2,
        "stalled": True,
        "last_call": "2026-03-10T15:00:00-05:00",
    },
    {
        "account": "Globex",
        "opportunity": "Pilot",
        "calls": 2,
        "debriefed": 2,
        "continuations": 1,
        "continuations_in_a_row": 0,
        "stalled": False,
        "last_call": "2026-02-10T10:00:00+00:00",
    },
    {
        "account": "Initech",
        "opportunity": "",
        "calls": 1,
        "debriefed": 1,
        "continuations": 0,
        "continuations_in_a_row": 0,
        "stalled": False,
        "last_call": "2025-11-15T09:00:00+01:00",
    },
    {
        "account": "Umbrella",
        "opportunity": "",
        "calls": 1,
        "debriefed": 0,
        "continuations": 0,
        "continuations_in_a_row": 0,
        "stalled": False,
        "last_call": None,
    },
]

EXPECTED = {
    "calls": 8,
    "debriefed": 6,
    "outcomes": {"best": 1, "minimum": 2, "none": 3},
    # confirmed: acme 12-01 (minimum), acme 01-20 (none), globex 02-10 (best) -> 2 of 3
    "reached_rate_with_agenda": 0.6667,
    # not confirmed: acme 01-10 (none), globex 02-01 (none), initech (minimum) -> 1 of 3
    "reached_rate_without_agenda": 0.3333,
    "with_agenda": {"debriefed": 3, "reached": 2},
    "without_agenda": {"debriefed": 3, "reached": 1},
    "opportunities": EXPECTED_OPPORTUNITIES,
    "overdue_commitments": [
        {
            "id": "2026-01-10-acme-demo",
            "account": "Acme Logistics",
            "opportunity": "Fleet rollout",
            "who": "customer",
            "what": "Send utilisation data",
            "due": "2026-01-15",
            "days_late": 45,
        },
        {
            "id": "2026-02-10-globex-demo",
            "account": "Globex",
            "opportunity": "Pilot",
            "who": "ours",
            "what": "Book the security review",
            "due": "2026-02-20",
            "days_late": 9,
        },
    ],
    "unknown_topics": [
        {"topic": "deadline", "plans": 8},
        {"topic": "consequence", "plans": 7},
        {"topic": "attitude_to_us", "plans": 6},
        {"topic": "decision_process", "plans": 5},
        {"topic": "competition", "plans": 4},
        {"topic": "why_looking", "plans": 2},
        {"topic": "urgency", "plans": 2},
    ],
    "as_of": "2026-03-01",
    # Three calls debriefed from a transcript: globex 02-10 (best; we talked 42%, asked both
    # planned questions), acme 01-10 (none; 70%, asked neither), initech (minimum; exactly
    # half counts as half or more; no planned questions, so not in the questions' split).
    "conversation": {
        "calls": 3,
        "talk_under_half": {"debriefed": 1, "reached": 1, "rate": 1.0},
        "talk_over_half": {"debriefed": 2, "reached": 1, "rate": 0.5},
        "planned_questions_asked": {"debriefed": 1, "reached": 1, "rate": 1.0},
        "planned_questions_not_asked": {"debriefed": 1, "reached": 0, "rate": 0.0},
    },
}


def write_store(home: Path, plans: dict[str, str] = STORE) -> Path:
    folder = home / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    for plan_id, body in plans.items():
        text = "\n".join(line.strip() for line in body.strip().splitlines())
        (folder / f"{plan_id}.toml").write_text(f'id = "{plan_id}"\n{text}\n', encoding="utf-8")
    return folder


@pytest.fixture
def today() -> dt.date:
    """The day these stores are counted on: commitments due before it are overdue."""
    return TODAY


def stats_json(cli, *args: str) -> dict:
    result = cli("stats", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_every_key_on_a_hand_built_store(cli, home: Path, today: dt.date) -> None:
    write_store(home)
    assert stats_json(cli) == EXPECTED


def test_the_spec_keys_are_all_there(cli, home: Path, today: dt.date) -> None:
    write_store(home)
    data = stats_json(cli)
    spec = {"calls", "debriefed", "outcomes", "reached_rate_with_agenda"}
    spec |= {"reached_rate_without_agenda", "opportunities", "overdue_commitments"}
    assert spec <= set(data)
    assert set(data["outcomes"]) == {"best", "minimum", "none"}
    assert {"account", "opportunity", "calls", "continuations", "stalled"} <= set(
        data["opportunities"][0]
    )
    assert {"id", "who", "what", "due"} <= set(data["overdue_commitments"][0])


def test_account_filter_ignores_case(cli, home: Path, today: dt.date) -> None:
    write_store(home)
    data = stats_json(cli, "--account", "acme logistics")
    assert data["calls"] == 4
    assert data["debriefed"] == 3
    assert data["outcomes"] == {"best": 0, "minimum": 1, "none": 2}
    assert data["reached_rate_with_agenda"] == 0.5
    assert data["reached_rate_without_agenda"] == 0.0
    assert data["opportunities"] == EXPECTED_OPPORTUNITIES[:1]
    assert [c["what"] for c in data["overdue_commitments"]] == ["Send utilisation data"]


def test_since_keeps_calls_on_or_after_the_date(cli, home: Path, today: dt.date) -> None:
    write_store(home)
    data = stats_json(cli, "--since", "2026-01-20")
    # acme 01-20, acme 03-10, globex 02-01 and 02-10; the undated plan is left out.
    assert data["calls"] == 4
    assert data["debriefed"] == 3
    assert data["outcomes"] == {"best": 1, "minimum": 0, "none": 2}
    assert data["with_agenda"] == {"debriefed": 2, "reached": 1}
    assert data["without_agenda"] == {"debriefed": 1, "reached": 0}
    acme = data["opportunities"][0]
    assert (acme["calls"], acme["continuations"], acme["stalled"]) == (2, 1, False)
    assert [c["id"] for c in data["overdue_commitments"]] == ["2026-02-10-globex-demo"]


def test_since_and_account_together(cli, home: Path, today: dt.date) -> None:
    write_store(home)
    data = stats_json(cli, "--account", "GLOBEX", "--since", "2026-02-05")
    assert data["calls"] == 1
    assert data["outcomes"] == {"best": 1, "minimum": 0, "none": 0}
    assert data["reached_rate_with_agenda"] == 1.0
    assert data["reached_rate_without_agenda"] is None


@pytest.mark.parametrize("value", ["2026-13-01", "last week", ""])
def test_a_bad_since_date_is_one_clear_line(cli, home: Path, value: str) -> None:
    write_store(home)
    result = cli("stats", "--since", value)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("callprep: --since")
    assert "e.g." in lines[0] or "try" in lines[0]  # an example of what reads


def test_empty_store_has_null_rates(cli, today: dt.date) -> None:
    data = stats_json(cli)
    assert data == {
        "calls": 0,
        "debriefed": 0,
        "outcomes": {"best": 0, "minimum": 0, "none": 0},
        "reached_rate_with_agenda": None,
        "reached_rate_without_agenda": None,
        "with_agenda": {"debriefed": 0, "reached": 0},
        "without_agenda": {"debriefed": 0, "reached": 0},
        "opportunities": [],
        "overdue_commitments": [],
        "unknown_topics": [{"topic": t, "plans": 0} for t in stats.TOPICS],
        "as_of": "2026-03-01",
        "conversation": {
            "calls": 0,
            **{
                key: {"debriefed": 0, "reached": 0, "rate": None}
                for key in (
                    "talk_under_half",
                    "talk_over_half",
                    "planned_questions_asked",
                    "planned_questions_not_asked",
                )
            },
        },
    }
    result = cli("stats")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No calls yet" in result.stderr


def test_no_match_says_so(cli, home: Path, today: dt.date) -> None:
    write_store(home)
    assert stats_json(cli, "--account", "Nobody")["calls"] == 0
    result = cli("stats", "--account", "Nobody")
    assert result.exit_code == 0
    assert "No calls match" in result.stderr


def test_a_corrupt_file_is_reported_and_the_rest_counted(cli, home: Path, today: dt.date) -> None:
    folder = write_store(home)
    (folder / "broken.toml").write_text('account = "Acme\n', encoding="utf-8")
    (folder / "invalid.toml").write_text('debrief = { outcome = "great" }\n', encoding="utf-8")
    result = cli("stats", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == EXPECTED
    assert "broken.toml" in result.stderr and "not valid TOML" in result.stderr
    assert "invalid.toml" in result.stderr and "debrief.outcome" in result.stderr


# -- the pure sums ------------------------------------------------------------------------------


def plan(day: int, outcome: str = "", confirmed: bool = False, **extra: object) -> Plan:
    data: dict[str, object] = {
        "account": "Acme",
        "opportunity": "Rollout",
        "starts_at": dt.datetime(2026, 1, day, 10, tzinfo=dt.UTC),
        "agenda": {"confirmed": confirmed},
        **extra,
    }
    if outcome:
        data["debrief"] = {"outcome": outcome}
    return Plan.model_validate({"id": f"2026-01-{day:02d}-acme", **data})


def compute(*plans: Plan) -> stats.Stats:
    return stats.compute([summarize(p) for p in plans], TODAY)


def test_rates_are_null_when_no_call_counts() -> None:
    result = compute(plan(1), plan(2, confirmed=True))
    assert result.with_agenda.rate is None
    assert result.without_agenda.rate is None
    only_without = compute(plan(1, "none"), plan(2, "best"))
    assert only_without.with_agenda.rate is None
    assert only_without.without_agenda.rate == 0.5


def test_stalled_needs_the_last_two_debriefed_calls_to_be_continuations() -> None:
    # A call not yet debriefed does not break the run; a reached objective does.
    stalled = compute(plan(1, "best"), plan(2, "none"), plan(3), plan(4, "none"), plan(5))
    [deal] = stalled.opportunities
    assert (deal.stalled, deal.continuations_in_a_row, deal.continuations) == (True, 2, 2)
    assert deal.history == ("best", "none", "", "none", "")
    moving = compute(plan(1, "none"), plan(2, "none"), plan(3, "minimum"), plan(4, "none"))
    assert not moving.opportunities[0].stalled
    assert moving.opportunities[0].continuations == 3
    one = compute(plan(1, "none"))
    assert not one.opportunities[0].stalled


def test_call_order_not_file_order_decides_stalled() -> None:
    result = compute(plan(9, "best"), plan(3, "none"), plan(5, "none"))
    assert not result.opportunities[0].stalled


def test_learned_answers_make_a_topic_known() -> None:
    learned = {"urgency": "Board review in Q2", "competition": ""}
    result = compute(plan(1, debrief={"outcome": "none", "learned": learned}))
    counts = dict(result.unknown_topics)
    assert counts["urgency"] == 0
    assert counts["competition"] == 1


def test_commitments_due_today_or_done_are_not_overdue() -> None:
    commitments = [
        {"who": "ours", "what": "late", "due": dt.date(2026, 2, 28)},
        {"who": "ours", "what": "today", "due": TODAY},
        {"who": "ours", "what": "done", "due": dt.date(2026, 1, 2), "done": True},
        {"who": "ours", "what": "no date"},
    ]
    p = plan(1, debrief={"outcome": "best", "commitments": commitments})
    result = compute(p)
    assert [(c.what, c.days_late) for c in result.overdue] == [("late", 1)]


# -- the terminal view ---------------------------------------------------------------------------


def test_terminal_view_at_80_columns(
    cli, home: Path, today: dt.date, monkeypatch: pytest.MonkeyPatch, reference
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    write_store(home)
    result = cli("stats")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    text = result.stdout
    assert "8 calls · 6 debriefed" in text
    assert "67%" in text and "2 of 3 calls" in text
    assert "33%" in text and "1 of 3 calls" in text
    assert "Acme Logistics · Fleet rollout" in text and "2 in a row" in text
    assert "45d late" in text and "Send utilisation data" in text
    assert "9d late" in text and "Book the security review" in text
    assert "Sign the order form" not in text  # due today: not late yet
    assert "If they don't act" in text
    reference("stats-80-columns.txt", result.stdout)


def test_terminal_view_without_debriefs_says_what_to_do(cli, home: Path, today: dt.date) -> None:
    write_store(home, {"2026-01-02-acme-demo": 'account = "Acme"\nstarts_at = 2026-01-02'})
    result = cli("stats")
    assert result.exit_code == 0
    assert "callprep debrief" in result.stdout
    assert "No commitment is overdue" in result.stdout


def test_seller_text_cannot_drive_the_terminal(cli, home: Path, today: dt.date) -> None:
    hostile = "[bold red]Evil[/] \x1b[2J\u202eCorp"
    plan_text = (
        f"account = {json.dumps(hostile)}\n"
        "starts_at = 2026-01-02T10:00:00Z\n"
        "[debrief]\n"
        'outcome = "none"\n'
        f"commitments = [{{ who = 'ours', what = {json.dumps(hostile)}, due = 2026-01-05 }}]\n"
    )
    write_store(home, {"2026-01-02-evil-demo": plan_text})
    result = cli("stats")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "[bold red]Evil[/]" in result.stdout


def test_the_view_fits_a_narrow_terminal(
    cli, home: Path, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    write_store(home)
    result = cli("stats")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 60
    assert "2 in a row" in result.stdout


def test_the_index_gives_the_same_record(
    cli, home: Path, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    from callprep.catalog import index
    from callprep.plans import planfile

    monkeypatch.setattr(index, "RACY_NS", 0)
    write_store(home)
    assert stats_json(cli) == EXPECTED  # reads the files, writes the index
    monkeypatch.setattr(planfile, "load_plan", lambda path: pytest.fail(f"read {path}"))
    assert stats_json(cli) == EXPECTED  # from the index alone


outcomes = st.sampled_from(["", "best", "minimum", "none"])


@st.composite
def summaries(draw: st.DrawFn) -> PlanSummary:
    day = draw(st.none() | st.integers(0, 60))
    starts = None if day is None else dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(day)
    commitment = st.builds(
        CommitmentSummary,
        who=st.sampled_from(["customer", "ours"]),
        what=st.sampled_from(["Send data", "Book review"]),
        due=st.none() | st.dates(dt.date(2025, 12, 1), dt.date(2026, 4, 1)),
        done=st.booleans(),
    )
    return PlanSummary(
        id=f"plan-{draw(st.integers(0, 9))}",
        account=draw(st.sampled_from(["Acme", "ACME", "Globex", ""])),
        opportunity=draw(st.sampled_from(["Pilot", "pilot", ""])),
        kind="demo",
        starts_at=starts,
        readiness=draw(st.integers(0, 100)),
        outcome=draw(outcomes),
        held_at=None,
        agenda_confirmed=draw(st.booleans()),
        unknown_topics=tuple(draw(st.sets(st.sampled_from(stats.TOPICS)))),
        commitments=tuple(draw(st.lists(commitment, max_size=3))),
    )


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(summaries(), max_size=20))
def test_the_sums_always_add_up(plans: list[PlanSummary]) -> None:
    result = stats.compute(plans, TODAY)
    assert result.calls == len(plans) == sum(o.calls for o in result.opportunities)
    assert result.debriefed == sum(result.outcomes.values())
    assert result.debriefed == result.with_agenda.debriefed + result.without_agenda.debriefed
    for tally in (result.with_agenda, result.without_agenda):
        assert tally.rate is None if not tally.debriefed else 0 <= tally.rate <= 1
    assert result.outcomes["none"] == sum(o.continuations for o in result.opportunities)
    for o in result.opportunities:
        assert o.stalled == (o.continuations_in_a_row >= 2)
        assert o.continuations_in_a_row <= o.continuations <= o.debriefed <= o.calls
    assert all(c.due < TODAY and c.days_late > 0 for c in result.overdue)
    assert all(0 <= n <= len(plans) for _, n in result.unknown_topics)
    json.dumps(result.to_json())  # always serialisable
