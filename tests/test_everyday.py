"""Everyday use without touching TOML: the profile, dates as people type them, edit by
interview, reschedule, delete and restore, plans found by account, and the friction fixed."""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from callprep import messages
from callprep.calls import interview as interview_module
from callprep.prompts import USE_DEFAULT, ScriptedAsker
from tests import conftest
from tests.conftest import PREPARED

NOW = conftest.NOW  # the instant every test here runs at


def plan_of(home: Path, plan_id: str) -> dict[str, Any]:
    return tomllib.loads((home / "plans" / f"{plan_id}.toml").read_text(encoding="utf-8"))


def new(cli: Callable[..., Result], *args: str) -> str:
    result = cli("new", "--no-input", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def when(days: int, hour: int = 10) -> str:
    return (NOW + dt.timedelta(days=days)).strftime(f"%Y-%m-%d {hour:02d}:00")


# --- the profile ---------------------------------------------------------------------------------


def test_profile_set_show_and_json(cli, home: Path) -> None:
    for key, value in (
        ("name", "Ann Example"),
        ("email", "ann@ourco.example"),
        ("company", "OurCo"),
        ("timezone", "europe/london"),
        ("signature", "Ann Example\\nAccount Executive, OurCo"),
        ("domains", "ourco.example, ourco-labs.example"),
        ("paper", "Letter"),
    ):
        assert cli("profile", "set", key, value).exit_code == 0
    data = json.loads(cli("profile", "--json").stdout)
    assert data["timezone"] == "Europe/London"
    assert data["signature"] == "Ann Example\nAccount Executive, OurCo"
    assert data["domains"] == ["ourco.example", "ourco-labs.example"]
    assert data["paper"] == "letter"
    assert (home / "profile.toml").stat().st_mode & 0o777 == 0o600
    shown = cli("profile").stdout
    assert "Ann Example" in shown and "Europe/London" in shown
    assert cli("profile", "set", "name", "").exit_code == 0
    assert json.loads(cli("profile", "--json").stdout)["name"] == ""


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("email", "ann at ourco", "is not an email address"),
        ("timezone", "Europe/Londn", "did you mean Europe/London"),
        ("paper", "a5", "paper is a4 or letter"),
        ("domains", "not a domain!", "is not an email domain"),
        ("colour", "blue", "no profile key 'colour'"),
    ],
)
def test_a_bad_profile_value_is_one_line_and_changes_nothing(cli, home, key, value, says) -> None:
    cli("profile", "set", "name", "Ann")
    before = (home / "profile.toml").read_bytes()
    result = cli("profile", "set", key, value)
    assert result.exit_code == 1 and says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (home / "profile.toml").read_bytes() == before


def test_a_broken_profile_blocks_no_command(cli, home: Path) -> None:
    home.mkdir()
    (home / "profile.toml").write_text("name = [\n")
    plan_id = new(cli, "--account", "Acme")
    assert plan_id
    assert "ignoring your profile for now" in cli("new", "--no-input", "--account", "B").stderr


def test_the_profile_fills_what_a_plan_would_repeat(cli, home: Path) -> None:
    cli("profile", "set", "name", "Ann Example")
    cli("profile", "set", "email", "ann@ourco.example")
    cli("profile", "set", "title", "Account Executive")
    cli("profile", "set", "playbook", "meddpicc")
    plan_id = new(cli, "--account", "Acme", "--when", when(3))
    plan = plan_of(home, plan_id)
    assert plan["attendees"] == [
        {
            "name": "Ann Example",
            "role": "Account Executive",
            "side": "ours",
            "email": "ann@ourco.example",
        }
    ]
    assert plan["owner"] == "ann@ourco.example"
    assert plan["playbook"] == "meddpicc"


@pytest.mark.profile_offer
def test_the_first_new_in_a_terminal_offers_the_profile_once(cli, script, home: Path) -> None:
    asker = script(
        {
            "profile.offer": True,
            "profile.name": "Ann Example",
            "profile.email": "ann@ourco.example",
            "account": "Acme",
            "review": messages.REVIEW_SAVE,
            "draft_agenda": False,
        },
        rest=USE_DEFAULT,
    )
    assert cli("new").exit_code == 0
    assert "profile.offer" in asker.asked
    assert json.loads(cli("profile", "--json").stdout)["name"] == "Ann Example"
    again = script({"account": "Globex", "review": messages.REVIEW_SAVE}, rest=USE_DEFAULT)
    assert cli("new").exit_code == 0
    assert "profile.offer" not in again.asked


@pytest.mark.profile_offer
def test_the_offer_is_skippable_and_made_once(cli, script, home: Path) -> None:
    asker = script({"profile.offer": False, "account": "Acme"}, rest=USE_DEFAULT)
    assert cli("new").exit_code == 0
    assert messages.PROFILE_OFFER_LATER in asker.said
    assert not (home / "profile.toml").exists()
    again = script({"account": "Globex"}, rest=USE_DEFAULT)
    assert cli("new").exit_code == 0
    assert "profile.offer" not in again.asked


# --- dates as people type them --------------------------------------------------------------------


def test_new_when_and_stats_since_read_what_people_write(cli, home: Path) -> None:
    cli("profile", "set", "timezone", "America/New_York")
    plan_id = new(cli, "--account", "Acme", "--when", "tomorrow 3pm")
    plan = plan_of(home, plan_id)
    assert plan["timezone"] == "America/New_York"
    local = plan["starts_at"].astimezone(dt.timezone(plan["starts_at"].utcoffset()))
    assert local.hour == 15
    stats = json.loads(cli("stats", "--since", "yesterday", "--json").stdout)
    assert stats["calls"] == 1
    later = json.loads(cli("stats", "--since", "in 3 weeks", "--json").stdout)
    assert later["calls"] == 0


def test_the_brief_shows_the_sellers_time_and_names_the_customers(cli, home: Path) -> None:
    cli("profile", "set", "timezone", "Asia/Kolkata")
    own = new(cli, "--account", "Acme", "--when", when(2, 11))
    assert "**Call**, Wed 2 Dec 2026, 11:00  \n" in cli("brief", own, "-f", "md").stdout
    theirs = new(cli, "--account", "Acme", "--when", "3 Dec 10:00 America/New_York")
    brief = cli("brief", theirs, "-f", "md").stdout
    assert "**Call**, Thu 3 Dec 2026, 20:30 (10:00 New York)  \n" in brief


# --- reschedule, delete, find by account ------------------------------------------------------------


def test_reschedule_moves_the_id_and_keeps_the_old_one_findable(cli, home: Path) -> None:
    first = new(cli, "--account", "Acme", "--kind", "demo", "--when", "2026-12-03 10:00")
    moved = cli("reschedule", first, "2026-12-08 14:30", "--minutes", "60")
    assert moved.exit_code == 0, moved.stderr
    assert moved.stdout.strip() == "2026-12-08-acme-demo"
    assert not (home / "plans" / f"{first}.toml").exists()
    plan = plan_of(home, "2026-12-08-acme-demo")
    assert plan["aliases"] == [first] and plan["duration_minutes"] == 60
    assert json.loads(cli("show", first, "--json").stdout)["id"] == "2026-12-08-acme-demo"
    # Same day: the id stays.
    same = cli("reschedule", "2026-12-08-acme-demo", "2026-12-08 16:00")
    assert same.stdout.strip() == "2026-12-08-acme-demo"
    # Back again: the id is free, the aliases record the history without repeats.
    back = cli("reschedule", "2026-12-08-acme-demo", "2026-12-03 10:00")
    assert back.stdout.strip() == first
    assert plan_of(home, first)["aliases"] == ["2026-12-08-acme-demo"]


def test_reschedule_into_the_past_moves_the_call_and_says_so(cli, home: Path) -> None:
    plan_id = new(cli, "--account", "Acme", "--kind", "demo", "--when", "2026-12-03 10:00")
    ahead = cli("reschedule", plan_id, "2026-12-04 10:00")
    assert ahead.exit_code == 0 and "in the past" not in ahead.stderr
    back = cli("reschedule", "2026-12-04-acme-demo", "2026-11-27 10:00")
    assert back.exit_code == 0, back.stderr
    assert back.stdout.strip() == "2026-11-27-acme-demo"
    assert back.stderr.strip().endswith(
        "is in the past; moved anyway (`callprep debrief 2026-11-27-acme-demo` once it was held)."
    ), back.stderr
    moved = plan_of(home, "2026-11-27-acme-demo")["starts_at"]
    assert (moved.date().isoformat(), moved.hour, moved.minute) == ("2026-11-27", 10, 0)


def test_reschedule_refuses_what_does_not_read(cli) -> None:
    plan_id = new(cli, "--account", "Acme")
    result = cli("reschedule", plan_id, "someday")
    assert result.exit_code == 1
    assert "try" in result.stderr or "e.g." in result.stderr


def test_delete_goes_to_the_trash_and_restore_brings_it_back(cli, home: Path) -> None:
    plan_id = new(cli, "--account", "Acme", "--when", when(5))
    before = (home / "plans" / f"{plan_id}.toml").read_bytes()
    deleted = cli("delete", plan_id)
    assert deleted.exit_code == 0 and "--restore" in deleted.stderr
    assert not (home / "plans" / f"{plan_id}.toml").exists()
    assert (home / "trash" / f"{plan_id}.toml").read_bytes() == before
    assert cli("list", "--json").stdout.strip() == "[]"
    assert cli("delete", "--restore", plan_id).exit_code == 0
    assert (home / "plans" / f"{plan_id}.toml").read_bytes() == before
    missing = cli("delete", "--restore", "no-such-plan")
    assert missing.exit_code == 1 and "trash is empty" in missing.stderr


def test_restore_never_overwrites_a_plan(cli, home: Path) -> None:
    plan_id = new(cli, "--account", "Acme", "--when", when(5))
    cli("delete", plan_id)
    assert new(cli, "--account", "Acme", "--when", when(5)) == plan_id
    result = cli("delete", "--restore", plan_id)
    assert result.exit_code == 1 and "in the store already" in result.stderr
    assert (home / "trash" / f"{plan_id}.toml").exists()


def test_delete_leaves_files_outside_the_store_alone(cli, tmp_path: Path) -> None:
    outside = tmp_path / "mine.toml"
    outside.write_bytes(PREPARED.read_bytes())
    result = cli("delete", str(outside))
    assert result.exit_code == 1 and outside.exists()


def test_a_plan_is_found_by_its_account(cli, home: Path) -> None:
    past = new(cli, "--account", "Northwind Foods", "--when", when(-10))
    coming = new(cli, "--account", "Northwind Foods", "--when", when(4))
    later = new(cli, "--account", "Northwind Foods", "--when", when(9))
    new(cli, "--account", "Globex", "--when", when(2))
    shown = json.loads(cli("show", "northwind", "--json").stdout)
    assert shown["id"] == coming  # the next one still to come
    assert later != coming and past != coming
    cli("delete", coming)
    cli("delete", later)
    assert json.loads(cli("show", "NORTHWIND FOODS", "--json").stdout)["id"] == past  # latest


def test_an_ambiguous_account_lists_the_candidates(cli) -> None:
    new(cli, "--account", "Northwind Foods")
    new(cli, "--account", "Northwind Trading")
    result = cli("brief", "northwind")
    assert result.exit_code == 1
    assert "Northwind Foods" in result.stderr and "Northwind Trading" in result.stderr


# --- edit by interview -------------------------------------------------------------------------------


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a terminal: the interview may ask (its answers are scripted)."""
    monkeypatch.setattr("callprep.prompts.has_terminal", lambda: True)


def test_edit_without_an_editor_asks_one_section_with_the_answers_as_defaults(
    cli, home: Path, stored_example, tty, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_id = stored_example(PREPARED)
    seen: dict[str, Any] = {}

    class Spy(ScriptedAsker):
        def ask(self, prompt: Any) -> Any:
            seen[prompt.key] = prompt.default
            return super().ask(prompt)

    asker = Spy(
        {"agenda.items": ["Their goals", "Pilot scope"], "review": messages.REVIEW_SAVE},
        rest=USE_DEFAULT,
    )
    monkeypatch.setattr("callprep.prompts.interactive_asker", lambda: asker)
    result = cli("edit", plan_id, "--section", "agenda")
    assert result.exit_code == 0, result.stderr
    assert set(asker.asked) - {"review"} == {
        "agenda.items",
        "agenda.shared",
        "agenda.confirmed",
        "agenda.customer_prep",
    }
    assert seen["agenda.customer_prep"] == [
        "Current fleet utilisation numbers",
        "Name of the dispatch system owner",
    ]
    plan = plan_of(home, plan_id)
    assert plan["agenda"]["items"] == ["Their goals", "Pilot scope"]
    assert plan["objective"] == tomllib.loads(PREPARED.read_text())["objective"]


def test_an_edit_by_interview_keeps_a_change_made_meanwhile(
    cli, home: Path, stored_example, tty, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_id = stored_example(PREPARED)
    path = home / "plans" / f"{plan_id}.toml"
    real_run = interview_module.Interview.run

    def run_while_debriefed(self: interview_module.Interview, only: Any = None) -> Any:
        plan = real_run(self, only)
        text = path.read_text() + '\n[debrief]\noutcome = "best"\nsummary = "Meanwhile"\n'
        path.write_text(text)  # another callprep saved a debrief while we were asking
        return plan

    monkeypatch.setattr(interview_module.Interview, "run", run_while_debriefed)
    asker = ScriptedAsker(
        {"objective.customer": "A quote for 400 trucks", "review": messages.REVIEW_SAVE},
        rest=USE_DEFAULT,
    )
    monkeypatch.setattr("callprep.prompts.interactive_asker", lambda: asker)
    assert cli("edit", plan_id, "--section", "objectives").exit_code == 0
    plan = plan_of(home, plan_id)
    assert plan["objective"]["customer"] == "A quote for 400 trucks"
    assert plan["debrief"]["summary"] == "Meanwhile"


def test_edit_with_nothing_changed_writes_nothing(
    cli, home: Path, stored_example, tty, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_id = stored_example(PREPARED)
    path = home / "plans" / f"{plan_id}.toml"
    before = path.read_bytes()
    asker = ScriptedAsker({"review": messages.REVIEW_SAVE}, rest=USE_DEFAULT)
    monkeypatch.setattr("callprep.prompts.interactive_asker", lambda: asker)
    result = cli("edit", plan_id, "--interview")
    assert result.exit_code == 0 and messages.EDIT_UNCHANGED in result.stderr
    assert path.read_bytes() == before


def test_edit_interrupted_changes_nothing(
    cli, home: Path, stored_example, tty, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_id = stored_example(PREPARED)
    path = home / "plans" / f"{plan_id}.toml"
    before = path.read_bytes()
    asker = ScriptedAsker(
        {"agenda.items": ["x"], "agenda.shared": KeyboardInterrupt}, rest=USE_DEFAULT
    )
    monkeypatch.setattr("callprep.prompts.interactive_asker", lambda: asker)
    assert cli("edit", plan_id, "--section", "agenda").exit_code == 130
    assert path.read_bytes() == before


# --- friction ----------------------------------------------------------------------------------------


def test_a_hedged_answer_is_kept_carried_and_still_asked(cli, home: Path, tmp_path: Path) -> None:
    first = new(cli, "--account", "Acme", "--when", when(-7))
    answers = tmp_path / "debrief.toml"
    hedge = "not sure yet, Helen mentioned the CFO and a capex committee"
    answers.write_text(
        f'[debrief]\noutcome = "none"\n[debrief.learned]\ndecision_process = "{hedge}"\n'
    )
    assert cli("debrief", first, "--from", str(answers), "--no-input").exit_code == 0
    summary = cli("debrief", first, "--from", str(answers), "--no-input").stdout
    assert "learned part of it" in summary
    second = new(cli, "--account", "Acme", "--when", when(3))
    assert plan_of(home, second)["discovery"]["decision_process"] == hedge
    brief = cli("brief", second, "-f", "md").stdout
    assert "Helen mentioned the CFO" in brief  # shown as the guess
    assert "How does a decision like this get made on your side?" in brief  # and still asked


def test_a_held_call_leaves_upcoming_and_check_says_it_is_history(
    cli, home: Path, tmp_path: Path
) -> None:
    plan_id = new(cli, "--account", "Acme", "--when", when(1))
    answers = tmp_path / "debrief.toml"
    answers.write_text('[debrief]\noutcome = "best"\n')
    assert plan_id in cli("list", "--upcoming").stdout
    cli("debrief", plan_id, "--from", str(answers), "--no-input")
    assert plan_id not in cli("list", "--upcoming").stdout
    checked = cli("check", plan_id).stdout
    assert "its plan is history now" in checked and "callprep deal" in checked
    assert "Ask it in this call" not in checked


def test_a_cancelled_call_is_not_coming(cli, home: Path) -> None:
    plan_id = new(cli, "--account", "Acme", "--when", when(1))
    path = home / "plans" / f"{plan_id}.toml"
    path.write_text(
        path.read_text().replace('account = "Acme"', 'account = "Acme"\ncancelled = true')
    )
    assert plan_id not in cli("list", "--upcoming").stdout
    assert "cancelled" in cli("list").stdout


def test_a_vague_objective_example_names_the_plans_own_people(cli, home: Path, tmp_path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text(
        'account = "Acme"\nkind = "discovery"\n[objective]\nbest = "Touch base"\n'
        '[[attendees]]\nname = "Helen Park"\nside = "customer"\n'
    )
    plan_id = new(cli, "--from", str(answers))
    check = json.loads(cli("check", plan_id, "--json").stdout)
    (vague,) = [f for f in check["findings"] if f["code"] == "objective.vague"]
    assert "“Helen books a technical deep-dive with their IT lead" in vague["message"]
    assert "Dana" not in json.dumps(check)


def test_no_hint_breaks_a_command_across_lines(cli, home: Path, monkeypatch) -> None:
    from callprep.text import wrap

    hint = messages.debrief_commitments(1, 2, "2026-12-03-acme-logistics-discovery")
    for width in range(40, 120):
        lines = wrap(hint, width)
        command = "`callprep done 2026-12-03-acme-logistics-discovery`"
        assert any(command in line for line in lines), (width, lines)
    assert os.environ.get("COLUMNS")  # the fixture's width is set
