"""A week of daily use without friction: an account typed short, impossible days and calls in the
past, and the small things a seller ran into (each a test)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from callprep import dates, messages, output
from callprep.plans.model import Plan
from callprep.prompts import USE_DEFAULT
from tests.conftest import NOW, PREPARED
from tests.test_debrief import PLAN_ID, write_plan

LONDON = "Europe/London"


def new(cli, *args: str) -> Any:
    return cli("new", "--no-input", *args)


def saved(home: Path, plan_id: str) -> dict[str, Any]:
    return tomllib.loads((home / "plans" / f"{plan_id}.toml").read_text(encoding="utf-8"))


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("callprep.prompts.has_terminal", lambda: True)


# --- `new --account acme` when Acme Logistics is known --------------------------------------------


@pytest.fixture
def acme(cli, stored_example) -> str:
    """Acme Logistics, with a call that carries forward (its discovery, its people)."""
    return stored_example(PREPARED)


def test_a_short_account_name_without_questions_takes_the_one_it_starts(cli, home, acme) -> None:
    result = new(cli, "--account", "acme", "--when", "2026-12-10 10:00")
    assert result.exit_code == 0, result.stderr
    plan = saved(home, result.stdout.strip())
    assert plan["account"] == "Acme Logistics"
    assert plan["discovery"]["why_looking"]  # carried forward, not lost
    assert result.stderr.startswith(
        "callprep: Using the existing account Acme Logistics for 'acme'"
    )
    assert "--new-account" in result.stderr


def test_new_account_keeps_the_name_as_typed(cli, home, acme) -> None:
    result = new(cli, "--account", "Acme", "--new-account", "--when", "2026-12-10 10:00")
    assert result.exit_code == 0, result.stderr
    assert saved(home, result.stdout.strip())["account"] == "Acme"


def test_a_name_that_starts_several_accounts_names_them(cli, home, acme) -> None:
    assert new(cli, "--account", "Acme Freight").exit_code == 0
    result = new(cli, "--account", "acme")
    assert result.exit_code == 1
    assert result.stderr == (
        "callprep: 'acme' starts 2 accounts (Acme Freight, Acme Logistics); give the whole "
        "name, or --new-account to start 'acme'\n"
    )


def test_an_exact_account_is_never_asked_about(cli, home, acme, script, tty) -> None:
    asker = script({"review": messages.REVIEW_SAVE, "draft_agenda": False}, rest=USE_DEFAULT)
    assert cli("new", "--account", "acme logistics", "--when", "2026-12-10 10:00").exit_code == 0
    assert "account.existing" not in asker.asked


@pytest.mark.parametrize(("answer", "account"), [(True, "Acme Logistics"), (False, "acme")])
def test_in_a_terminal_the_account_it_starts_is_offered(
    cli, home, acme, script, tty, answer: bool, account: str
) -> None:
    asker = script(
        {"account.existing": answer, "review": messages.REVIEW_SAVE, "draft_agenda": False},
        rest=USE_DEFAULT,
    )
    result = cli("new", "--account", "acme", "--when", "2026-12-10 10:00")
    assert result.exit_code == 0, result.stderr
    assert asker.asked[0] == "account.existing"
    assert saved(home, result.stdout.strip())["account"] == account


# --- dates: a day past the month's end; a new call in the past ------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Dec 99 10:00", "December has only 31 days"),
        ("32 Dec 10:00", "December has only 31 days"),
        ("Jan 45 10:00", "January has only 31 days"),
        ("31 Feb 10:00", "February has only 28 or 29 days"),
        ("29 Feb 2027 10:00", "February 2027 has only 28 days"),
        ("31/04/2027 10:00", "April 2027 has only 30 days"),
        ("2026-02-31 10:00", "February 2026 has only 28 days"),
    ],
)
def test_a_day_past_the_months_end_is_refused_with_the_reason(text: str, reason: str) -> None:
    clock = dates.Clock.of(LONDON, NOW)
    with pytest.raises(dates.CallprepError) as caught:
        clock.datetime(text)
    message = caught.value.message
    assert message.startswith(f"{text!r}: {reason}; try ")
    # Both examples read back as a date.
    for example in message.split('"')[1::2]:
        assert clock.datetime(example) is not None
    # As a day, a deadline and on the command line alike.
    with pytest.raises(dates.CallprepError, match=reason):
        clock.date(text.rsplit(" ", 1)[0])
    with pytest.raises(dates.CallprepError, match=reason):
        clock.deadline(text.rsplit(" ", 1)[0])


def test_a_real_last_day_still_reads() -> None:
    clock = dates.Clock.of(LONDON, NOW)
    assert clock.date("31 Dec") == dt.date(2026, 12, 31)
    assert clock.date("29 Feb") == dt.date(2028, 2, 29)  # the next one there is
    assert clock.deadline("Dec 2027") == "Dec 2027"  # a month and year: words, as before


def test_when_in_the_past_is_saved_with_a_warning(cli, home) -> None:
    result = new(cli, "--account", "Globex", "--when", "yesterday 10:00")
    assert result.exit_code == 0
    plan_id = result.stdout.strip()
    assert result.stderr.splitlines()[-1] == (
        f"callprep: Sun 29 Nov 2026, 10:00 is in the past; saved anyway "
        f"(`callprep debrief {plan_id}` once it was held)."
    )
    assert "in the past" not in new(cli, "--account", "Globex", "--when", "tomorrow 10:00").stderr


def test_a_start_in_the_past_is_confirmed_before_it_is_taken(cli, home, script, tty) -> None:
    asker = script(
        {
            "account": "Globex",
            "starts_at": iter_answers("yesterday 10:00", "tomorrow 10:00"),
            "starts_at.past": False,
            "review": messages.REVIEW_SAVE,
            "draft_agenda": False,
        },
        rest=USE_DEFAULT,
    )
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert asker.asked.count("starts_at") == 2 and "starts_at.past" in asker.asked
    start = saved(home, result.stdout.strip())["starts_at"]
    assert start.date() == dt.date(2026, 12, 1)
    assert "in the past" not in result.stderr


def test_a_confirmed_start_in_the_past_is_kept_without_a_warning(cli, home, script, tty) -> None:
    script(
        {
            "account": "Globex",
            "starts_at": "yesterday 10:00",
            "starts_at.past": True,
            "review": messages.REVIEW_SAVE,
            "draft_agenda": False,
        },
        rest=USE_DEFAULT,
    )
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert saved(home, result.stdout.strip())["starts_at"].date() == dt.date(2026, 11, 29)
    assert "in the past" not in result.stderr


def iter_answers(*values: str) -> Any:
    from callprep.prompts import Answers

    return Answers(list(values))


# --- the small things ------------------------------------------------------------------------------


def test_restore_takes_an_id_never_a_path_or_a_pattern(cli, home, acme) -> None:
    assert cli("delete", acme).exit_code == 0
    for ref in ("/etc/passwd", "../plans/x", "*", "a[b"):
        result = cli("delete", "--restore", ref)
        assert result.exit_code == 1, ref
        assert result.stderr == (
            f"callprep: {ref!r} is not a plan id: --restore takes the id of a deleted plan "
            f"(in the trash: {acme})\n"
        )
    assert cli("delete", "--restore", acme).exit_code == 0


def test_an_earlier_id_finds_one_plan_only(cli, home) -> None:
    first = new(cli, "--account", "Acme", "--kind", "demo", "--when", "2026-12-03 10:00")
    first_id = first.stdout.strip()
    moved = cli("reschedule", first_id, "2026-12-04 10:00")
    assert moved.exit_code == 0
    moved_id = moved.stdout.strip()
    # A new call takes the freed id, and is moved too: the old id is now its alias.
    second_id = new(cli, "--account", "Acme", "--kind", "demo", "--when", "2026-12-03 15:00")
    assert second_id.stdout.strip() == first_id
    again = cli("reschedule", first_id, "2026-12-05 10:00")
    assert again.exit_code == 0
    again_id = again.stdout.strip()
    assert f"{first_id} was also an earlier id of {moved_id}; it now finds {again_id} only." in (
        again.stderr
    )
    assert first_id not in saved(home, moved_id).get("aliases", [])
    shown = json.loads(cli("show", first_id, "--json").stdout)
    assert shown["id"] == again_id
    # Two claims made by hand (or two stores merged): named, never one acted on at random.
    path = home / "plans" / f"{moved_id}.toml"
    text = path.read_text()
    path.write_text(
        text.replace(f'id = "{moved_id}"\n', f'id = "{moved_id}"\naliases = ["{first_id}"]\n')
    )
    assert saved(home, moved_id)["aliases"] == [first_id]
    result = cli("delete", first_id)
    assert result.exit_code == 1
    assert result.stderr == (
        f"callprep: {first_id!r} is an earlier id of 2 plans ({moved_id}, {again_id}); "
        "name one by its id\n"
    )


def test_export_to_dash_is_stdout(cli, home, tmp_path: Path, acme, monkeypatch) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = cli("export", "--format", "jsonl", "-o", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout.splitlines()[0])["account"] == "Acme Logistics"
    assert "Wrote" not in result.stderr
    result = cli("export", "--format", "csv", "-o", "-")
    assert result.exit_code == 1
    assert "csv writes two files" in result.stderr
    assert os.listdir(here) == []  # no file named "-", nor "--commitments.csv"


def test_binary_to_dash_goes_to_a_pipe_never_a_terminal(monkeypatch) -> None:
    class Stdout(io.TextIOWrapper):
        def isatty(self) -> bool:
            return terminal

    guard = output.OutputGuard(plan=Path("/nonexistent"))
    for terminal in (False, True):
        raw = io.BytesIO()
        monkeypatch.setattr(sys, "stdout", Stdout(raw, encoding="utf-8"))
        if terminal:
            with pytest.raises(dates.CallprepError, match="no text for a terminal"):
                output.write_file("-", b"SQLite format 3\x00", guard)
        else:
            output.write_file("-", b"SQLite format 3\x00", guard)
            assert raw.getvalue() == b"SQLite format 3\x00"


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("playbook", "nonexistent", "no playbook 'nonexistent' (available: meddpicc, standard"),
        ("email", "a" * 300 + "@ourco.example", "too long for an email address (at most 254)"),
        ("email", "ann@ourco", "is not an email address"),
        ("timezone", "london", "'london': not a time zone I know; did you mean Europe/London?"),
        ("timezone", "new york", "did you mean America/New_York?"),
    ],
)
def test_profile_values_are_checked_when_set(cli, home, key: str, value: str, says: str) -> None:
    result = cli("profile", "set", key, value)
    assert result.exit_code == 1
    assert says in result.stderr and len(result.stderr.splitlines()) == 1
    assert "…" not in result.stderr
    assert not (home / "profile.toml").exists()
    assert cli("profile", "set", "playbook", "meddpicc").exit_code == 0


def test_a_zone_refusal_fits_the_line_a_prompt_shows_it_on() -> None:
    from callprep.plans import profile
    from callprep.prompts import fitted_problem

    for typed in ("london", "xyzzy", "Europe/Londn", "America/Argentina/Bueno"):
        try:
            profile.with_value(profile.Profile(), "timezone", typed)
        except dates.CallprepError as err:
            assert "…" not in fitted_problem(err.message, typed, 80)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_a_device_as_plan_says_what_it_is(cli, tmp_path: Path, monkeypatch) -> None:
    fifo = tmp_path / "plan.toml"
    os.mkfifo(fifo)
    result = cli("show", str(fifo))
    assert result.stderr == f"callprep: {fifo}: a named pipe (FIFO), not a plan file\n"
    assert cli("check", "/dev/null").stderr == (
        "callprep: /dev/null: a character device, not a plan file\n"
    )
    assert cli("show", str(tmp_path)).stderr == f"callprep: {tmp_path}: a folder, not a plan file\n"
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    assert cli("show", "pipe").stderr == "callprep: pipe: a named pipe (FIFO), not a plan file\n"


def test_ctrl_c_in_debrief_before_any_answer_claims_no_draft(cli, script, home) -> None:
    write_plan(home / "plans")
    script({"debrief.held_at": KeyboardInterrupt})
    result = cli("debrief", PLAN_ID)
    assert result.exit_code == 130
    assert "draft" not in result.stderr
    assert messages.NOTHING_KEPT in result.stderr
    assert not (home / "drafts").exists() or not list((home / "drafts").iterdir())


def test_ctrl_c_in_new_before_any_answer_claims_no_draft(cli, script, home, tty) -> None:
    script({"account": KeyboardInterrupt})
    result = cli("new")
    assert result.exit_code == 130
    assert messages.NOTHING_KEPT in result.stderr


# --- what the brief says ------------------------------------------------------------------------


def test_an_imported_description_is_labelled_as_what_it_is() -> None:
    from callprep.render import brief

    plan = Plan.model_validate(
        {
            "account": "Acme",
            "notes": {"event": "Acme: route review", "agenda": "Dial in from the depot"},
            "calendar": {"uid": "x@y"},
        }
    )
    assert brief.build(plan).notes == [
        ("Invite title", "Acme: route review"),
        ("Invite description", "Dial in from the depot"),
    ]
    typed = Plan.model_validate({"account": "Acme", "notes": {"agenda": "Mine"}})
    assert brief.build(typed).notes == [("Agenda", "Mine")]  # a note the seller named so


@pytest.mark.slow
def test_the_pdf_header_keeps_each_part_of_the_time_on_one_line() -> None:
    """ "45" at the end of one line and "MIN" on the next read as two things."""
    from pypdf import PdfReader

    from callprep.render import brief, pdf

    data = tomllib.loads(PREPARED.read_text(encoding="utf-8"))
    data["timezone"] = LONDON  # long enough that the length falls at the line's end
    reader = PdfReader(io.BytesIO(pdf.render(brief.build(Plan.model_validate(data)), "a4")))
    lines = reader.pages[0].extract_text().splitlines()
    header = [line for line in lines[:3] if "MIN" in line]
    assert header and "45 MIN" in header[0], lines[:3]
