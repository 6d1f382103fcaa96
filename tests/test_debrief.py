"""`callprep debrief` through the prompt seam, from a file, run again, interrupted; and `callprep done`."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from callprep import messages, prompts
from callprep.calls import debrief
from callprep.plans.model import Debrief
from callprep.prompts import USE_DEFAULT, Answers, Prompt, ScriptedAsker
from tests.conftest import PREPARED, examples

PLAN_ID = "2026-12-03-acme-logistics-discovery"


def write_plan(folder: Path, name: str = PLAN_ID, **changes: Any) -> Path:
    """The prepared example with `changes` (dotted keys: "discovery.competition") saved as `name`."""
    data = tomllib.loads(PREPARED.read_text(encoding="utf-8"))
    data["id"] = name
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def plan_path(home: Path) -> Path:
    """A prepared call whose agenda was never confirmed and two discovery topics unknown."""
    return write_plan(
        home / "plans",
        **{
            "agenda.confirmed": False,
            "discovery.consequence": "",
            "discovery.competition": "",
        },
    )


def stored(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


class RecordingAsker(ScriptedAsker):
    """A scripted asker that also keeps every prompt, to check the defaults it offered."""

    def __init__(self, script: dict[str, Any], rest: Any = None) -> None:
        super().__init__(script, rest=rest)
        self.prompts: list[Prompt] = []

    def ask(self, prompt: Prompt) -> Any:
        self.prompts.append(prompt)
        return super().ask(prompt)

    def defaults(self, key: str) -> list[Any]:
        return [p.default for p in self.prompts if p.key == key]


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch):
    def install(script: dict[str, Any], rest: Any = None) -> RecordingAsker:
        asker = RecordingAsker({"debrief.ahead": True, **script}, rest=rest)
        monkeypatch.setattr(prompts, "interactive_asker", lambda: asker)
        return asker

    return install


FULL_SCRIPT: dict[str, Any] = {
    "debrief.held_at": USE_DEFAULT,
    "debrief.summary": "Dana liked it; IT must sign off first",
    "debrief.outcome": messages.DEBRIEF_OUTCOME_CHOICES["minimum"],
    "debrief.customer_objective_met": True,
    "debrief.customer_prepared": False,
    "debrief.engagement": messages.DEBRIEF_ENGAGEMENT_CHOICES[4],
    "debrief.off_script": ["Their Leeds depot runs a cold-chain fleet", "IT lead leaves in March"],
    "debrief.new_opportunity": Answers([True, False]),
    "debrief.risks": ["Union consultation needed before any automation"],
    "learned.consequence": "Overtime bill grows by 300k a year",
    "learned.competition": "",
    "debrief.answered": Answers([True, False]),
    "debrief.could_have_done_more": "With the IT lead invited, the pilot",
    "debrief.next_step": "Security review with IT on 10 Dec",
    "commitment.what": Answers(["Send utilisation data", "Send the security pack", ""]),
    "commitment.who": Answers(["customer", messages.DEBRIEF_COMMITMENT_SIDES["ours"]]),
    "commitment.due": Answers(["2026-12-08", ""]),
    # The people: Marco (third of four) warmed up; the finance director joined.
    "person.keep": Answers([True, True, False, True]),
    "person.name": USE_DEFAULT,
    "person.role": Answers([USE_DEFAULT, "Finance director"]),
    "person.email": Answers(["", "ruth.gale@acme-logistics.example"]),
    "person.influence": Answers([USE_DEFAULT, messages.INFLUENCE_CHOICES["economic"]]),
    "person.stance": Answers(["neutral", USE_DEFAULT]),
    "person.new": Answers(["Ruth Gale", ""]),
    "person.side": USE_DEFAULT,
}


def test_interview_records_the_debrief_and_shows_the_coach_summary(cli, script, plan_path) -> None:
    asker = script(FULL_SCRIPT)
    result = cli("debrief", PLAN_ID)
    assert result.exit_code == 0, result.stderr

    saved = stored(plan_path)["debrief"]
    assert saved["held_at"] == dt.datetime.fromisoformat("2026-12-03T15:00:00-05:00")
    assert saved["outcome"] == "minimum"
    assert saved["customer_objective_met"] is True
    assert saved["customer_prepared"] is False
    assert saved["engagement"] == 4
    assert saved["off_script"] == [
        "Their Leeds depot runs a cold-chain fleet",
        "IT lead leaves in March",
    ]
    assert saved["new_opportunities"] == ["Their Leeds depot runs a cold-chain fleet"]
    assert saved["learned"] == {"consequence": "Overtime bill grows by 300k a year"}
    assert saved["answered"] == ["Which dispatch system do the depots use today, and who owns it?"]
    assert saved["next_step"] == "Security review with IT on 10 Dec"
    assert saved["commitments"] == [
        {
            "who": "customer",
            "what": "Send utilisation data",
            "due": dt.date(2026, 12, 8),
            "done": False,
        },
        {"who": "ours", "what": "Send the security pack", "done": False},
    ]
    assert saved["risks"] == ["Union consultation needed before any automation"]
    assert "off_script" not in saved or saved["risks"][0] not in saved["off_script"]
    # The people step corrects the plan's attendees, not the debrief.
    people = {p["name"]: p for p in stored(plan_path)["attendees"]}
    assert people["Marco Ruiz"]["stance"] == "neutral"
    assert people["Marco Ruiz"]["influence"] == "technical"  # Enter kept it
    assert people["Ruth Gale"] == {
        "name": "Ruth Gale",
        "role": "Finance director",
        "side": "customer",
        "email": "ruth.gale@acme-logistics.example",
        "influence": "economic",
    }
    assert people["Dana Lee"]["stance"] == "supporter"
    assert "attendees" not in saved
    # Only the discovery the plan did not know is walked; the plan itself is otherwise unchanged.
    assert [k for k in asker.asked if k.startswith("learned.")] == [
        "learned.consequence",
        "learned.competition",
    ]
    assert stored(plan_path)["objective"] == stored(PREPARED)["objective"]

    summary = " ".join(result.stdout.split())  # as read, whatever the terminal's width
    assert "Minimum reached, not the best: Dana introduces us to the IT lead" in summary
    assert "The agenda was never confirmed by the customer." in summary
    assert "What happens if they don't act was unknown; you learned it in the call." in summary
    assert "The competition was unknown, and still is." in summary
    assert "Their Leeds depot runs a cold-chain fleet" in summary  # the new opportunity
    assert "Risks: Union consultation needed before any automation" in summary
    assert f"callprep done {PLAN_ID}" in summary
    assert "Debrief saved to" in result.stderr


def test_the_questions_name_what_the_plan_expected(cli, script, plan_path) -> None:
    asker = script(FULL_SCRIPT)
    cli("debrief", PLAN_ID)
    said = "\n".join(asker.said)
    assert "Best outcome you planned: Dana agrees to a 30-day pilot" in said
    assert "They wanted: See whether we integrate with their dispatch system" in said
    assert "You asked for: Current fleet utilisation numbers" in said


def test_none_is_reported_as_a_continuation(cli, tmp_path, plan_path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('[debrief]\noutcome = "none"\nengagement = 2\n', encoding="utf-8")
    result = cli("debrief", PLAN_ID, "--from", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "continuation: it ended with no customer action agreed" in result.stdout
    assert "Engagement 2/5: low." in result.stdout
    assert stored(plan_path)["debrief"]["outcome"] == "none"


def test_no_input_keeps_the_planned_time_as_held_at(cli, plan_path) -> None:
    result = cli("debrief", PLAN_ID, "--no-input")
    assert result.exit_code == 0, result.stderr
    held = stored(plan_path)["debrief"]["held_at"]
    assert held == dt.datetime.fromisoformat("2026-12-03T15:00:00-05:00")
    assert "No outcome recorded yet" in result.stdout


def test_from_file_updates_a_plan_given_as_a_path_in_place(cli, tmp_path, home) -> None:
    outside = write_plan(tmp_path / "elsewhere", **{"discovery.competition": ""})
    answers = tmp_path / "answers.toml"
    answers.write_text(
        "[debrief]\n"
        'held_at = 2026-12-03T16:30:00-05:00\noutcome = "best"\n'
        'learned = { competition = "Samsara, found too expensive" }\n'
        "[[debrief.commitments]]\n"
        'who = "ours"\nwhat = "Send the pilot contract"\ndue = 2026-12-05\n',
        encoding="utf-8",
    )
    result = cli("debrief", str(outside), "--from", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    saved = stored(outside)
    assert saved["debrief"]["outcome"] == "best"
    assert saved["debrief"]["held_at"].hour == 16
    assert saved["debrief"]["learned"] == {"competition": "Samsara, found too expensive"}
    assert saved["debrief"]["commitments"][0]["what"] == "Send the pilot contract"
    assert not (home / "plans").exists() or not list((home / "plans").glob("*.toml"))
    assert "Best outcome reached: Dana agrees" in result.stdout
    assert "The competition was unknown; you learned it in the call." in result.stdout


def test_from_file_again_merges_learned_and_replaces_the_rest(cli, tmp_path, plan_path) -> None:
    first = tmp_path / "first.toml"
    first.write_text(
        '[debrief]\noutcome = "none"\nnext_step = "Call back"\n'
        'learned = { consequence = "Overtime", competition = "Samsara" }\n',
        encoding="utf-8",
    )
    second = tmp_path / "second.toml"
    second.write_text(
        '[debrief]\noutcome = "minimum"\nlearned = { competition = "Samsara and Geotab" }\n',
        encoding="utf-8",
    )
    assert cli("debrief", PLAN_ID, "--from", str(first), "--no-input").exit_code == 0
    assert cli("debrief", PLAN_ID, "--from", str(second), "--no-input").exit_code == 0
    saved = stored(plan_path)["debrief"]
    assert saved["outcome"] == "minimum"
    assert saved["next_step"] == "Call back"  # not in the second file: kept
    assert saved["learned"] == {"consequence": "Overtime", "competition": "Samsara and Geotab"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('outcome = "best"\n', "no [debrief] table"),
        ("[debrief]\nengagement = 9\n", "debrief.engagement"),
        ('[debrief]\noutcome = "great"\n', "debrief.outcome"),
        ('[debrief]\nlearned = { mood = "good" }\n', "unknown discovery key 'mood'"),
        ("[debrief\n", "not valid TOML"),
    ],
)
def test_a_bad_from_file_is_one_clear_line(cli, tmp_path, plan_path, content, expected) -> None:
    before = plan_path.read_bytes()
    answers = tmp_path / "answers.toml"
    answers.write_text(content, encoding="utf-8")
    result = cli("debrief", PLAN_ID, "--from", str(answers), "--no-input")
    assert result.exit_code == 1
    assert expected in result.stderr
    assert result.stderr.startswith("callprep: ") and result.stderr.count("\n") == 1
    assert plan_path.read_bytes() == before


def test_rerun_offers_the_old_answers_and_can_mark_a_commitment_done(
    cli, script, recording, plan_path
) -> None:
    script(FULL_SCRIPT)
    assert cli("debrief", PLAN_ID).exit_code == 0
    first = stored(plan_path)["debrief"]

    asker = recording({"commitment.status": Answers(["done", USE_DEFAULT])}, rest=USE_DEFAULT)
    result = cli("debrief", PLAN_ID)
    assert result.exit_code == 0, result.stderr
    assert messages.DEBRIEF_UPDATING in asker.said
    assert asker.defaults("debrief.outcome") == [messages.DEBRIEF_OUTCOME_CHOICES["minimum"]]
    assert asker.defaults("debrief.engagement") == [messages.DEBRIEF_ENGAGEMENT_CHOICES[4]]
    assert asker.defaults("debrief.next_step") == ["Security review with IT on 10 Dec"]
    assert asker.defaults("learned.consequence") == ["Overtime bill grows by 300k a year"]
    assert asker.defaults("debrief.new_opportunity") == [True, False]
    assert asker.defaults("commitment.status") == [
        messages.DEBRIEF_COMMITMENT_STATUS["open"],
        messages.DEBRIEF_COMMITMENT_STATUS["open"],
    ]
    # Taking every default changes nothing but the commitment marked done.
    second = stored(plan_path)["debrief"]
    assert second["commitments"][0]["done"] is True
    second["commitments"][0]["done"] = False
    assert second == first


def test_rerun_can_remove_a_commitment_recorded_by_mistake(cli, script, plan_path) -> None:
    script(FULL_SCRIPT)
    cli("debrief", PLAN_ID)
    script(
        {"commitment.status": Answers([messages.DEBRIEF_COMMITMENT_STATUS["remove"], "open"])},
        rest=USE_DEFAULT,
    )
    assert cli("debrief", PLAN_ID).exit_code == 0
    commitments = stored(plan_path)["debrief"]["commitments"]
    assert [c["what"] for c in commitments] == ["Send the security pack"]


def test_an_answer_that_does_not_read_is_asked_again(cli, script, plan_path) -> None:
    asker = script(
        {
            "debrief.held_at": Answers(["yesterday", "2026-12-03 16:00"]),
            "commitment.what": Answers(["Send data", ""]),
            "commitment.who": "customer",
            "commitment.due": Answers(["2026-13-45", "2026-12-08"]),
        },
        rest=USE_DEFAULT,
    )
    assert cli("debrief", PLAN_ID).exit_code == 0
    # "yesterday" is a day, not a time; the 13th month is no date: each refusal gives examples.
    assert any("'yesterday': add the time too, e.g." in line for line in asker.said)
    assert any("'2026-13-45': not a date I can read; try" in line for line in asker.said)
    saved = stored(plan_path)["debrief"]
    assert saved["held_at"].hour == 16
    assert saved["commitments"][0]["due"] == dt.date(2026, 12, 8)


# Typed on 20 December about a call held on Thursday 3 December.
@pytest.mark.now("2026-12-20T09:00:00+00:00")
def test_due_dates_said_in_the_call_count_from_the_day_it_was_held(cli, script, plan_path) -> None:
    asker = script(
        {
            "debrief.held_at": "2026-12-03 16:00",
            "commitment.what": Answers(["Send data", "Book the site visit", "Send the pack", ""]),
            "commitment.who": "customer",
            "commitment.due": Answers(["tomorrow", "Tuesday", "in 2 weeks"]),
            "learned.consequence": "end of next week",
        },
        rest=USE_DEFAULT,
    )
    assert cli("debrief", PLAN_ID).exit_code == 0, asker.said
    saved = stored(plan_path)["debrief"]
    assert [c["due"] for c in saved["commitments"]] == [
        dt.date(2026, 12, 4),  # the day after the call, not 21 December
        dt.date(2026, 12, 8),  # the Tuesday after it
        dt.date(2026, 12, 17),
    ]
    assert "→ Fri 4 Dec 2026" in asker.said


@pytest.mark.now("2026-12-20T09:00:00+00:00")
def test_a_due_date_before_the_call_is_asked_again(cli, script, plan_path) -> None:
    asker = script(
        {
            "debrief.held_at": "2026-12-03 16:00",
            "commitment.what": Answers(["Send data", ""]),
            "commitment.who": "customer",
            "commitment.due": Answers(["2026-12-01", "yesterday", "2026-12-03"]),
        },
        rest=USE_DEFAULT,
    )
    assert cli("debrief", PLAN_ID).exit_code == 0
    refusals = [line for line in asker.said if "before the call" in line]
    assert refusals == [
        "Tue 1 Dec 2026 is before the call (Thu 3 Dec 2026): give a day on or after it",
        "Wed 2 Dec 2026 is before the call (Thu 3 Dec 2026): give a day on or after it",
    ]
    assert stored(plan_path)["debrief"]["commitments"][0]["due"] == dt.date(2026, 12, 3)


def test_a_due_date_before_the_call_in_a_file_is_one_line(cli, tmp_path, plan_path) -> None:
    before = plan_path.read_bytes()
    answers = tmp_path / "debrief.toml"
    answers.write_text(
        '[debrief]\nheld_at = 2026-12-03T16:00:00Z\noutcome = "minimum"\n'
        '[[debrief.commitments]]\nwho = "customer"\nwhat = "Send data"\ndue = 2026-12-02\n',
        encoding="utf-8",
    )
    result = cli("debrief", PLAN_ID, "--from", str(answers), "--no-input")
    assert result.exit_code == 1
    assert result.stderr == (
        f"callprep: {answers}: “Send data” is due Wed 2 Dec 2026, before the call was held "
        "(Thu 3 Dec 2026); a commitment made in a call falls due on or after it\n"
    )
    assert plan_path.read_bytes() == before


def test_ctrl_c_keeps_the_plan_byte_identical_and_a_draft_to_resume(
    cli, script, recording, home, plan_path
) -> None:
    before = plan_path.read_bytes()
    script(
        {
            "debrief.held_at": USE_DEFAULT,
            "debrief.summary": "Went well",
            "debrief.outcome": "best",
            "debrief.customer_objective_met": True,
            "debrief.customer_prepared": True,
            "debrief.engagement": KeyboardInterrupt,
        }
    )
    result = cli("debrief", PLAN_ID)
    assert result.exit_code == 130
    assert f"callprep debrief {PLAN_ID}" in result.stderr
    assert plan_path.read_bytes() == before
    draft = home / "drafts" / f"debrief-{PLAN_ID}.toml"
    assert stored(draft)["debrief"]["outcome"] == "best"

    asker = recording({"resume": True}, rest=USE_DEFAULT)
    result = cli("debrief", PLAN_ID)
    assert result.exit_code == 0, result.stderr
    assert asker.asked[:2] == ["debrief.ahead", "resume"]
    assert asker.defaults("debrief.summary") == ["Went well"]
    saved = stored(plan_path)["debrief"]
    assert saved["outcome"] == "best"
    assert saved["summary"] == "Went well"
    assert not draft.exists()


def test_ctrl_c_before_any_answer_keeps_no_draft(cli, script, home, plan_path) -> None:
    script({"debrief.held_at": KeyboardInterrupt})
    assert cli("debrief", PLAN_ID).exit_code == 130
    assert not (home / "drafts" / f"debrief-{PLAN_ID}.toml").exists()


def test_a_declined_draft_is_not_used(cli, script, home, plan_path) -> None:
    script(
        {
            "debrief.held_at": USE_DEFAULT,
            "debrief.summary": "Went well",
            "debrief.outcome": "best",
            "debrief.customer_objective_met": KeyboardInterrupt,
        }
    )
    assert cli("debrief", PLAN_ID).exit_code == 130
    assert (home / "drafts" / f"debrief-{PLAN_ID}.toml").is_file()
    script({"resume": False}, rest=USE_DEFAULT)
    assert cli("debrief", PLAN_ID).exit_code == 0
    saved = stored(plan_path)["debrief"]
    assert (saved["outcome"], saved["summary"]) == ("", "")


def test_without_a_terminal_it_fails_at_once(cli, plan_path) -> None:
    before = plan_path.read_bytes()
    result = cli("debrief", PLAN_ID)
    assert result.exit_code == 1
    assert "--from" in result.stderr and "--no-input" in result.stderr
    assert plan_path.read_bytes() == before


def test_seller_text_cannot_inject_markup_or_escapes(cli, tmp_path, plan_path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(
        "[debrief]\n"
        'outcome = "best"\n'
        'off_script = ["[bold red]boom[/] \\u001b[31mred"]\n'
        'new_opportunities = ["[bold red]boom[/] \\u001b[31mred"]\n'
        'next_step = "[link=http://x]click[/link]"\n',
        encoding="utf-8",
    )
    result = cli("debrief", PLAN_ID, "--from", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "[bold red]boom[/]" in result.stdout
    assert "[link=http://x]click[/link]" in result.stdout
    assert "\x1b" not in result.stdout


# --- pure functions -------------------------------------------------------------------------


def test_choices_read_as_their_keys() -> None:
    assert debrief.outcome_of(messages.DEBRIEF_OUTCOME_CHOICES["none"]) == "none"
    assert debrief.outcome_of("best") == "best"
    assert debrief.outcome_of("") == ""
    assert debrief.engagement_of(messages.DEBRIEF_ENGAGEMENT_CHOICES[2]) == 2
    assert debrief.engagement_of(5) == 5
    with pytest.raises(debrief.CallprepError):
        debrief.outcome_of("great")


def test_merge_updates_learned_by_topic() -> None:
    merged = debrief.merge(
        {"outcome": "none", "learned": {"urgency": "Q2", "competition": "Samsara"}},
        {"outcome": "best", "learned": {"urgency": "Q1", "competition": ""}},
    )
    assert merged == {"outcome": "best", "learned": {"urgency": "Q1"}}


def test_extra_keys_tolerate_hand_edits() -> None:
    assert debrief.new_opportunities(Debrief.model_validate({"new_opportunities": "Leeds"})) == [
        "Leeds"
    ]
    assert debrief.answered_questions(Debrief.model_validate({"answered": 3})) == []
    assert debrief.answered_questions(None) == []


def test_a_draft_is_a_valid_from_file(tmp_path) -> None:
    text = debrief.draft_text({"outcome": "minimum", "held_at": dt.datetime(2026, 12, 3, 15)})
    assert text is not None
    path = tmp_path / "draft.toml"
    path.write_text(text, encoding="utf-8")
    assert debrief.answers_from_file(path)["outcome"] == "minimum"


# --- callprep done ----------------------------------------------------------------------------


@pytest.fixture
def with_commitments(cli, tmp_path, plan_path) -> Path:
    answers = tmp_path / "answers.toml"
    answers.write_text(
        '[debrief]\noutcome = "minimum"\n'
        '[[debrief.commitments]]\nwho = "customer"\nwhat = "Send utilisation data"\ndue = 2026-12-08\n'
        '[[debrief.commitments]]\nwho = "ours"\nwhat = "Send the security pack"\n',
        encoding="utf-8",
    )
    assert cli("debrief", PLAN_ID, "--from", str(answers), "--no-input").exit_code == 0
    return plan_path


# Two weeks after the call: the customer's commitment, due 8 Dec, is overdue.
@pytest.mark.now("2026-12-17T09:00:00+00:00")
def test_done_lists_marks_and_reopens(cli, with_commitments) -> None:
    listed = cli("done", PLAN_ID)
    assert listed.exit_code == 0
    rows = [line.split() for line in listed.stdout.splitlines()[1:]]
    assert rows[0][:3] == ["1", "☐", "They"] and "overdue" in rows[0]
    assert rows[1][:3] == ["2", "☐", "We"]

    marked = cli("done", PLAN_ID, "2")
    assert marked.exit_code == 0
    assert "Done: Send the security pack" in marked.stderr
    commitments = stored(with_commitments)["debrief"]["commitments"]
    assert [c["done"] for c in commitments] == [False, True]

    assert cli("done", PLAN_ID, "2", "--undo").exit_code == 0
    assert [c["done"] for c in stored(with_commitments)["debrief"]["commitments"]] == [False, False]


def test_done_with_a_wrong_number_changes_nothing(cli, with_commitments) -> None:
    before = with_commitments.read_bytes()
    result = cli("done", PLAN_ID, "1", "7")
    assert result.exit_code == 1
    assert "no commitment 7" in result.stderr
    assert with_commitments.read_bytes() == before


def test_done_without_commitments_says_how_they_are_recorded(cli, plan_path) -> None:
    result = cli("done", PLAN_ID)
    assert result.exit_code == 0
    assert "callprep debrief" in result.stderr


# --- what must hold for any text ------------------------------------------------------------


@settings(max_examples=examples(60), deadline=None)
@given(
    text=st.text(min_size=1, max_size=40),
    items=st.lists(st.text(max_size=30), max_size=3),
)
def test_no_debrief_text_breaks_the_summary(text: str, items: list[str]) -> None:
    from io import StringIO

    from rich.console import Console

    from callprep.plans.model import Plan
    from callprep.render import debrief as summary

    plan = Plan.model_validate(
        {
            "account": text,
            "objective": {"best": text, "minimum": text},
            "debrief": {
                "outcome": "minimum",
                "next_step": text,
                "could_have_done_more": text,
                "off_script": items,
                "new_opportunities": items,
                "commitments": [{"who": "ours", "what": text}],
            },
        }
    )
    out = StringIO()
    # No terminal, no colour: any control character in the output would have come from the text.
    summary.render(summary.build(plan), Console(file=out, width=80, no_color=True))
    shown = out.getvalue()
    assert "Minimum reached" in shown
    assert not any(ch in shown for ch in "\x1b\x07\x08\x9b\u202e")


answers_strategy = st.fixed_dictionaries(
    {},
    optional={
        "summary": st.sampled_from(["", "Went well", "Went badly"]),
        "outcome": st.sampled_from(["best", "minimum", "none"]),
        "learned": st.dictionaries(
            st.sampled_from(["urgency", "competition", "why_looking"]),
            st.sampled_from(["a", "b"]),
        ),
        "commitments": st.lists(
            st.fixed_dictionaries(
                {"who": st.sampled_from(["customer", "ours"]), "what": st.sampled_from("xyz")},
                optional={"done": st.booleans()},
            ),
            max_size=3,
        ),
    },
)


@settings(max_examples=examples(200), deadline=None)
@given(base=answers_strategy, changed=answers_strategy)
def test_merge3_keeps_the_side_that_changed(base, changed) -> None:
    from callprep.calls.debrief import merge3

    def tidy(answers: dict) -> dict:
        return {k: v for k, v in answers.items() if v not in (None, [], {})}

    # Nothing changed meanwhile: this run's answers, as they are.
    assert merge3(base, changed, base) == tidy(changed)
    # This run changed nothing: the plan as it is now.
    assert merge3(base, base, changed) == tidy(changed)


def test_merge3_merges_learned_topics_and_commitments_one_by_one() -> None:
    from callprep.calls.debrief import merge3

    base = {"learned": {}, "commitments": [{"who": "customer", "what": "data", "done": False}]}
    ours = {
        "learned": {"urgency": "Q2"},
        "commitments": [
            {"who": "customer", "what": "data", "done": False},
            {"who": "ours", "what": "proposal", "done": False},
        ],
    }
    theirs = {
        "learned": {"competition": "Acme"},
        "commitments": [{"who": "customer", "what": "data", "done": True}],
    }
    assert merge3(base, ours, theirs) == {
        "learned": {"competition": "Acme", "urgency": "Q2"},
        "commitments": [
            {"who": "customer", "what": "data", "done": True},
            {"who": "ours", "what": "proposal", "done": False},
        ],
    }
