"""`callprep new`: from flags and --from files, and the interview through the prompt seam."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from callprep.coach.playbook import builtin_playbooks
from callprep.prompts import USE_DEFAULT, Answers, UnexpectedQuestion

EST = dt.timezone(dt.timedelta(hours=-5))

# Every question of the standard playbook, answered as a well-prepared seller would.
FULL: dict[str, Any] = {
    "account": "Acme Logistics",
    "opportunity": "Fleet telematics rollout",
    "kind": "discovery",
    "starts_at": "2026-12-03 15:00-05:00",
    "duration_minutes": "45",
    "attendees": [
        {"name": "Dana Lee", "role": "VP Operations", "side": "customer"},
        {"name": "Priya Shah", "role": "CFO", "side": "customer", "influence": "economic"},
        {"name": "Sam Okafor", "role": "Account executive", "side": "ours"},
    ],
    "objective.best": "Dana agrees to a 30-day pilot with 20 trucks starting 5 Jan",
    "objective.minimum": "Dana introduces us to the IT lead before 10 Dec",
    "objective.customer": "See whether we integrate with their dispatch system",
    "agenda.items": ["Their goals", "Integration walkthrough", "Pilot scope and dates"],
    "agenda.shared": True,
    "agenda.confirmed": True,
    "agenda.customer_prep": ["Current fleet utilisation numbers"],
    "discovery.why_looking": "Fuel costs up 18% this year",
    "discovery.urgency": "The board wants savings shown in Q2",
    "discovery.deadline": "2027-03-31",
    "discovery.consequence": "Another year of overtime",
    "discovery.attitude_to_us": "Liked our case study",
    "discovery.competition": "Samsara, found it expensive",
    "discovery.decision_process": "Dana recommends, the CFO signs above $50k",
    "questions": ["Who owns the dispatch system?"],
}

EXPECTED = {
    "schema_version": 1,
    "id": "2026-12-03-acme-logistics-discovery",
    "account": "Acme Logistics",
    "opportunity": "Fleet telematics rollout",
    "kind": "discovery",
    "starts_at": dt.datetime(2026, 12, 3, 15, 0, tzinfo=EST),
    "duration_minutes": 45,
    "playbook": "standard",
    "questions": ["Who owns the dispatch system?"],
    "attendees": [
        {"name": "Dana Lee", "role": "VP Operations", "side": "customer"},
        {"name": "Priya Shah", "role": "CFO", "side": "customer", "influence": "economic"},
        {"name": "Sam Okafor", "role": "Account executive", "side": "ours"},
    ],
    "objective": {
        "best": "Dana agrees to a 30-day pilot with 20 trucks starting 5 Jan",
        "minimum": "Dana introduces us to the IT lead before 10 Dec",
        "customer": "See whether we integrate with their dispatch system",
    },
    "agenda": {
        "items": ["Their goals", "Integration walkthrough", "Pilot scope and dates"],
        "shared": True,
        "confirmed": True,
        "customer_prep": ["Current fleet utilisation numbers"],
    },
    "discovery": {
        "why_looking": "Fuel costs up 18% this year",
        "urgency": "The board wants savings shown in Q2",
        "deadline": dt.date(2027, 3, 31),
        "consequence": "Another year of overtime",
        "attitude_to_us": "Liked our case study",
        "competition": "Samsara, found it expensive",
        "decision_process": "Dana recommends, the CFO signs above $50k",
    },
}
STANDARD_ORDER = [q.field for q in builtin_playbooks()["standard"].playbook.questions]


def saved(home: Path, plan_id: str) -> dict[str, Any]:
    return tomllib.loads((home / "plans" / f"{plan_id}.toml").read_text())


def plan_files(home: Path) -> list[str]:
    plans = home / "plans"
    return sorted(p.name for p in plans.glob("*.toml")) if plans.is_dir() else []


# --- without questions ----------------------------------------------------------------------


def test_no_input_saves_what_the_flags_give_and_prints_the_id(cli, home: Path) -> None:
    result = cli(
        "new",
        "--account",
        "Acme Corp",
        "--opportunity",
        "Rollout",
        "--kind",
        "demo",
        "--when",
        "2026-12-03 15:00+01:00",
        "--no-input",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "2026-12-03-acme-corp-demo\n"
    assert "Saved" in result.stderr
    data = saved(home, "2026-12-03-acme-corp-demo")
    assert data["account"] == "Acme Corp" and data["opportunity"] == "Rollout"
    assert data["kind"] == "demo"
    assert data["starts_at"] == dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)
    assert data["starts_at"].utcoffset() == dt.timedelta(hours=1)
    assert data["playbook"] == "standard"
    assert data["objective"] == {"best": "", "minimum": "", "customer": ""}
    assert "debrief" not in data


def test_no_input_with_no_flags_still_saves_an_empty_plan(cli, home: Path) -> None:
    result = cli("new", "--no-input")
    assert result.exit_code == 0
    assert result.stdout.strip() == "undated-call"  # no time: no date in the id
    assert plan_files(home) == [f"{result.stdout.strip()}.toml"]


def test_when_without_an_offset_is_the_sellers_local_time(cli, home: Path) -> None:
    plan_id = cli("new", "--when", "2026-12-03 15:00", "--no-input").stdout.strip()
    start = saved(home, plan_id)["starts_at"]
    assert start.utcoffset() is not None
    assert start == dt.datetime(2026, 12, 3, 15, 0).astimezone()


def test_from_file_takes_any_subset(cli, home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(
        'id = "ignored"\n'
        'account = "Globex"\n'
        "[objective]\n"
        'best = "Hank signs the order form"\n'
        "[agenda]\n"
        'items = ["Pricing", "Next steps"]\n'
        "[debrief]\n"
        'outcome = "best"\n'
    )
    result = cli("new", "--from", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    plan_id = result.stdout.strip()
    assert plan_id == "undated-globex-call"
    data = saved(home, plan_id)
    assert data["id"] == plan_id  # a new plan gets its own id...
    assert "debrief" not in data  # ...and has not been held yet
    assert data["objective"]["best"] == "Hank signs the order form"
    assert data["agenda"]["items"] == ["Pricing", "Next steps"]


def test_flags_override_the_from_file(cli, home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(
        'account = "Globex"\nkind = "demo"\nstarts_at = 2026-01-05T09:00:00Z\n'
        '[objective]\nbest = "Hank signs"\n'
    )
    result = cli(
        "new",
        "--from",
        str(answers),
        "--account",
        "Initech",
        "--when",
        "2026-02-01 10:00+00:00",
        "--no-input",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "2026-02-01-initech-demo"
    data = saved(home, "2026-02-01-initech-demo")
    assert data["account"] == "Initech"
    assert data["kind"] == "demo"  # not overridden: from the file
    assert data["objective"]["best"] == "Hank signs"


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ('account = "Globex\n', "line 1"),
        ('kind = "chat"\n', "kind:"),
        ("[agenda]\nitems = 3\n", "agenda.items:"),
    ],
)
def test_a_bad_from_file_is_one_line_naming_file_and_problem(
    cli, home: Path, tmp_path: Path, content: str, named: str
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(content)
    result = cli("new", "--from", str(answers), "--no-input")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"callprep: {answers}: ")
    assert named in result.stderr
    assert plan_files(home) == []


def test_a_missing_from_file_is_one_line(cli, tmp_path: Path) -> None:
    result = cli("new", "--from", str(tmp_path / "nope.toml"), "--no-input")
    assert result.exit_code == 1
    assert result.stderr == f"callprep: {tmp_path / 'nope.toml'}: no such file\n"


# A Wednesday: on a Monday "next tuesday" is tomorrow or a week later, and asked about as such.
@pytest.mark.now("2026-11-25T09:00:00+00:00")
def test_a_bad_when_says_how_to_write_it(cli, home: Path) -> None:
    result = cli("new", "--when", "next tuesday", "--no-input")
    assert result.exit_code == 1
    assert 'add the time too, e.g. "next tuesday 15:00"' in result.stderr
    assert plan_files(home) == []


def test_an_unknown_kind_is_a_usage_error(cli) -> None:
    result = cli("new", "--kind", "chat", "--no-input")
    assert result.exit_code == 2


def test_an_unknown_playbook_names_the_ones_there_are(cli) -> None:
    result = cli("new", "--playbook", "nope", "--no-input")
    assert result.exit_code == 1
    assert "no playbook 'nope' (available: " in result.stderr
    assert "standard" in result.stderr


def _console_script() -> list[str]:
    return [sys.executable, "-m", "callprep"]


@pytest.mark.parametrize("extra", [[], ["--account", "Acme"], ["--from", "ANSWERS"]])
def test_without_a_terminal_new_fails_at_once_naming_from_and_no_input(
    home: Path, tmp_path: Path, extra: list[str]
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('account = "Acme"\n')
    args = [str(answers) if a == "ANSWERS" else a for a in extra]
    result = subprocess.run(
        [*_console_script(), "new", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,  # a hang fails the test instead of blocking the suite
        env={**os.environ, "CALLPREP_HOME": str(home)},
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "--from" in result.stderr and "--no-input" in result.stderr
    assert "Traceback" not in result.stderr
    assert plan_files(home) == []


# --- the interview ---------------------------------------------------------------------------


def test_the_standard_interview_makes_the_expected_plan(cli, script, home: Path) -> None:
    asker = script(FULL)
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "2026-12-03-acme-logistics-discovery\n"
    assert saved(home, "2026-12-03-acme-logistics-discovery") == EXPECTED
    assert asker.asked == STANDARD_ORDER  # in the order a seller thinks, each once
    assert "— The call —" in asker.said
    assert any("Readiness 100/100" in line for line in asker.said)
    assert not (home / "drafts" / "new.toml").exists()


def test_an_unexpected_question_fails_the_script(cli, script) -> None:
    script({"account": "Acme"})
    with pytest.raises(UnexpectedQuestion, match="'opportunity'"):
        cli("new")


def test_flags_are_not_asked_again(cli, script, home: Path) -> None:
    answers = {k: v for k, v in FULL.items() if k not in ("account", "kind")}
    asker = script(answers)
    result = cli("new", "--account", "Acme Logistics", "--kind", "discovery")
    assert result.exit_code == 0, result.stderr
    assert "account" not in asker.asked and "kind" not in asker.asked
    assert saved(home, result.stdout.strip())["account"] == "Acme Logistics"


def test_a_vague_objective_is_challenged_and_asked_again(cli, script, home: Path) -> None:
    answers = {
        **FULL,
        "objective.best": Answers(["pitch the product", FULL["objective.best"]]),
        "insist:objective.best": False,
    }
    asker = script(answers)
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert asker.asked.count("objective.best") == 2
    assert any("not yet an objective" in line for line in asker.said)
    assert saved(home, result.stdout.strip())["objective"]["best"] == FULL["objective.best"]


def test_a_bad_date_is_explained_and_asked_again(cli, script, home: Path) -> None:
    asker = script({**FULL, "starts_at": Answers(["3 Dec", "3 Dec 15:00-05:00"])})
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert asker.asked.count("starts_at") == 2
    assert any("'3 Dec': add the time too" in line for line in asker.said)
    assert "→ Thu 3 Dec 2026, 15:00 UTC-05:00" in asker.said  # how it was understood


def test_a_deadline_may_be_words_or_an_ambiguous_date_is_asked_again(cli, script, home) -> None:
    asker = script(
        {**FULL, "discovery.deadline": Answers(["3/4", "before the board meets in March"])}
    )
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert any("'3/4': 3 April or 4 March?" in line for line in asker.said)
    assert saved(home, result.stdout.strip())["discovery"]["deadline"] == (
        "before the board meets in March"
    )


def test_agenda_confirmed_is_asked_only_once_shared(cli, script, home: Path) -> None:
    answers = {k: v for k, v in FULL.items() if k != "agenda.confirmed"}
    asker = script(
        {**answers, "agenda.shared": False, "review": "Save the plan", "draft_agenda": False}
    )
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert "agenda.confirmed" not in asker.asked
    assert saved(home, result.stdout.strip())["agenda"]["confirmed"] is False


def interrupted_at(key: str) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for field in STANDARD_ORDER:
        if field == key:
            answers[field] = KeyboardInterrupt
            return answers
        answers[field] = FULL[field]
    raise AssertionError(key)


def test_ctrl_c_keeps_a_draft_writes_no_plan_and_exits_130(cli, script, home: Path) -> None:
    script(interrupted_at("objective.minimum"))
    result = cli("new")
    assert result.exit_code == 130
    assert result.stdout == ""
    assert "draft" in result.stderr and "callprep new" in result.stderr
    assert plan_files(home) == []
    draft = tomllib.loads((home / "drafts" / "new.toml").read_text())
    assert draft["account"] == "Acme Logistics"
    assert draft["objective"]["best"] == FULL["objective.best"]
    assert draft["attendees"][0]["name"] == "Dana Lee"


def test_the_next_new_offers_to_resume_the_draft(cli, script, home: Path) -> None:
    script(interrupted_at("objective.minimum"))
    assert cli("new").exit_code == 130
    answered = STANDARD_ORDER[: STANDARD_ORDER.index("objective.minimum")]
    # Resumed, it goes on from where it stopped: answering what came before fails the script.
    asker = script({k: v for k, v in FULL.items() if k not in answered} | {"resume": True})
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert asker.asked == ["resume", *STANDARD_ORDER[len(answered) :]]
    assert f"Resuming with your {len(answered)} answers so far" in asker.said[0]
    assert saved(home, result.stdout.strip()) == EXPECTED
    assert not (home / "drafts" / "new.toml").exists()


def test_ctrl_c_again_after_resuming_keeps_every_answer(cli, script, home: Path) -> None:
    script(interrupted_at("objective.minimum"))
    assert cli("new").exit_code == 130
    minimum = "Dana books a call with her IT lead for next week"
    script({"resume": True, "objective.minimum": minimum, "objective.customer": KeyboardInterrupt})
    assert cli("new").exit_code == 130
    rest = STANDARD_ORDER[STANDARD_ORDER.index("objective.customer") :]
    asker = script({k: v for k, v in FULL.items() if k in rest} | {"resume": True})
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert asker.asked == ["resume", *rest]
    data = saved(home, result.stdout.strip())
    assert data == {**EXPECTED, "objective": {**EXPECTED["objective"], "minimum": minimum}}


def test_blank_answers_count_as_answered_when_resuming(cli, script, home: Path) -> None:
    script({"account": "Acme", "opportunity": "", "kind": KeyboardInterrupt})
    assert cli("new").exit_code == 130
    asker = script({"resume": True, "kind": KeyboardInterrupt})
    assert cli("new").exit_code == 130
    assert asker.asked == ["resume", "kind"]  # the blank opportunity was not asked again


def test_declining_to_resume_starts_afresh(cli, script, home: Path) -> None:
    script(interrupted_at("objective.minimum"))
    assert cli("new").exit_code == 130
    fresh = {**FULL, "account": "Globex", "resume": False}
    asker = script({k: USE_DEFAULT if k.startswith("discovery.") else v for k, v in fresh.items()})
    asker.rest = USE_DEFAULT  # the coach's review and the agenda offer
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    data = saved(home, result.stdout.strip())
    assert data["account"] == "Globex"
    assert data["discovery"]["why_looking"] == ""  # nothing of the draft came along
    assert not (home / "drafts" / "new.toml").exists()


def test_ctrl_c_before_any_answer_keeps_no_draft(cli, script, home: Path) -> None:
    script({"account": KeyboardInterrupt})
    result = cli("new")
    assert result.exit_code == 130
    assert not (home / "drafts" / "new.toml").exists()
    assert plan_files(home) == []
