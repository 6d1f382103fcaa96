"""`callprep debrief PLAN --transcript FILE`: the transcript's findings as the debrief's defaults,
saved as found with --no-input, shown by the summary, `deal`, `done` and `stats`; and nothing of
the talk reaches the plan beyond what it quotes."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callprep.prompts import USE_DEFAULT, Answers
from tests.conftest import EXAMPLES
from tests.test_debrief import PLAN_ID, write_plan

CALL = str(EXAMPLES / "acme-call.vtt")
QUESTIONS = [
    "Which dispatch system do the depots use today, and who owns it?",
    "What would a successful pilot have to show your board?",
]


def saved(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["debrief"]


def plan_with_gaps(home: Path) -> Path:
    """The example call, with how they decide and the competition unknown before it."""
    return write_plan(
        home / "plans", **{"discovery.decision_process": "", "discovery.competition": ""}
    )


def test_no_input_saves_what_was_found(cli, home: Path) -> None:
    path = plan_with_gaps(home)
    result = cli("debrief", PLAN_ID, "--transcript", CALL, "--no-input")
    assert result.exit_code == 0, result.stderr
    debrief = saved(path)
    assert [(c["who"], c["what"], str(c.get("due"))) for c in debrief["commitments"]] == [
        ("customer", "Send the fleet utilisation numbers", "2026-12-08"),
        ("ours", "Send the pilot proposal", "2026-12-09"),
        ("customer", "Ask their IT lead to join", "None"),
    ]
    first = debrief["commitments"][0]
    assert first["source"] == "transcript"
    assert first["quote"] == "Sure, I'll send you the fleet utilisation numbers by Tuesday."
    assert "request" not in first  # kept only when the commitment's words come from it
    assert debrief["learned"] == {
        "decision_process": "I sign off anything above fifty thousand, once the security "
        "review is done and the board has seen the budget."
    }
    assert debrief["answered"] == QUESTIONS
    assert debrief["next_step"] == "Pilot scoping call on Thu 10 Dec 2026"
    assert debrief["off_script"] == []  # a stretch off the agenda is a place to look, no note
    conversation = debrief["conversation"]
    assert set(conversation) == {
        "our_share",
        "longest_monologue_ours",
        "longest_monologue_customer",
        "questions_ours",
        "questions_customer",
        "agenda_covered",
        "questions_asked",
    }
    assert 0.45 < conversation["our_share"] < 0.55
    assert conversation["questions_asked"] == QUESTIONS
    assert len(conversation["agenda_covered"]) == 4
    assert "From the transcript: we talked" in result.stdout


def test_a_file_is_merged_over_the_transcript(cli, home: Path) -> None:
    """The example's notes name the same two commitments: kept once, with their sentence."""
    path = plan_with_gaps(home)
    notes = str(EXAMPLES / "acme-debrief.toml")
    result = cli("debrief", PLAN_ID, "--transcript", CALL, "--from", notes, "--no-input")
    assert result.exit_code == 0, result.stderr
    debrief = saved(path)
    assert debrief["outcome"] == "minimum"
    assert debrief["next_step"] == "Pilot scoping call on 10 Dec 15:00"  # the file's word wins
    whats = [(c["what"], c.get("source")) for c in debrief["commitments"]]
    assert whats == [
        ("Send the fleet utilisation numbers", "transcript"),
        ("Send the pilot proposal", "transcript"),
        ("Ask their IT lead to join", "transcript"),
    ]


def test_run_again_on_the_same_call_adds_nothing_twice(cli, home: Path) -> None:
    path = plan_with_gaps(home)
    for _ in range(2):
        assert cli("debrief", PLAN_ID, "--transcript", CALL, "--no-input").exit_code == 0
    assert len(saved(path)["commitments"]) == 3


def test_stdin_and_ours(cli, home: Path) -> None:
    path = plan_with_gaps(home)
    text = Path(CALL).read_text(encoding="utf-8")
    result = cli(
        "debrief", PLAN_ID, "--transcript", "-", "--ours", "Tom Ellis", "--no-input", input=text
    )
    assert result.exit_code == 0, result.stderr
    assert saved(path)["conversation"]["our_share"] > 0.6  # Tom's talk is ours now


def test_ours_without_a_transcript_is_refused(cli, home: Path) -> None:
    plan_with_gaps(home)
    result = cli("debrief", PLAN_ID, "--ours", "Tom Ellis", "--no-input")
    assert result.exit_code == 1 and "--transcript" in result.stderr


def test_without_a_terminal_it_says_so_at_once(cli, home: Path) -> None:
    plan_with_gaps(home)
    result = cli("debrief", PLAN_ID, "--transcript", CALL)
    assert result.exit_code == 1
    assert "--no-input" in result.stderr


def test_a_bad_transcript_changes_nothing(cli, home: Path, tmp_path: Path) -> None:
    path = plan_with_gaps(home)
    before = path.read_bytes()
    bad = tmp_path / "call.vtt"
    bad.write_bytes(b"\x00\x01")
    result = cli("debrief", PLAN_ID, "--transcript", str(bad), "--no-input")
    assert result.exit_code == 1 and "binary" in result.stderr
    assert path.read_bytes() == before


def test_in_a_terminal_the_findings_are_the_defaults(script, home: Path) -> None:
    """Tom is placed first; each commitment is proposed once (kept, edited, dropped); the
    learned topic's default is the customer's words; the planned questions are pre-marked."""
    from callprep.commands import debrief as command

    path = plan_with_gaps(home)
    asker = script(
        {
            "debrief.ahead": True,
            "transcript.side": "ours",
            "commitment.heard": Answers(["keep", "edit what, who or when", "drop"]),
            "commitment.what": Answers(["Send the pilot proposal with security answers", ""]),
            "commitment.who": USE_DEFAULT,
            "commitment.due": USE_DEFAULT,
            "draft_followup": False,
        },
        rest=USE_DEFAULT,
    )
    command.run(home, PLAN_ID, transcript=CALL)
    asked = asker.asked
    assert asked.index("transcript.side") < asked.index("debrief.held_at")
    assert asked.count("transcript.side") == 1  # Tom, the one the plan does not name
    debrief = saved(path)
    assert [(c["what"], str(c.get("due"))) for c in debrief["commitments"]] == [
        ("Send the fleet utilisation numbers", "2026-12-08"),
        ("Send the pilot proposal with security answers", "2026-12-09"),
    ]
    assert debrief["learned"]["decision_process"].startswith("I sign off anything")
    assert debrief["answered"] == QUESTIONS
    assert debrief["conversation"]["our_share"] > 0.6  # Tom was said to be ours
    assert "debrief.heard_off_script" in asked and debrief["off_script"] == []
    assert any("Heard at" in line and "I sign off" in line for line in asker.said)


def test_deal_done_and_stats_show_it(cli, home: Path) -> None:
    plan_with_gaps(home)
    notes = str(EXAMPLES / "acme-debrief.toml")
    assert (
        cli("debrief", PLAN_ID, "--transcript", CALL, "--from", notes, "--no-input").exit_code == 0
    )
    deal = json.loads(cli("deal", PLAN_ID, "--json").stdout)
    assert deal["calls"][0]["conversation"]["questions_asked"] == QUESTIONS
    shown = cli("deal", PLAN_ID).stdout
    assert "From the transcript: we talked" in shown
    done = cli("done", PLAN_ID).stdout
    assert "from the transcript:" in done and "“Sure, I'll send you the fleet" in done
    stats = json.loads(cli("stats", "--json").stdout)["conversation"]
    assert stats["calls"] == 1
    assert stats["talk_under_half"]["debriefed"] + stats["talk_over_half"]["debriefed"] == 1
    assert stats["planned_questions_asked"] == {"debriefed": 1, "reached": 1, "rate": 1.0}
    assert "by how the call went" in cli("stats").stdout


# --- nothing of the talk beyond what is quoted --------------------------------------------------

# Sentences of a call, each with a {m} where a marker word goes. The promises and the requests
# are what a debrief may keep (quoted); the rest must never reach the plan.
PROMISES = [
    "I'll send you the {m} report by Friday.",
    "We can have the {m} plan to you next week.",
    "Sure, I'll get the {m} export to you tomorrow.",
]
REQUESTS = ["Could you send me the {m} list?", "Can you share the {m} numbers?"]
FILLER = [
    "The {m} depot runs blind after six.",
    "I'll be honest, the {m} vendor burned us.",
    "If you signed today we'd waive the {m} fee.",
    "We tried {m} two years ago.",
    "How does the {m} part work today?",
    "Let me share my screen and show the {m} view.",
    "We'll see what the {m} team says.",
    "Fuel is up and the {m} overtime keeps growing.",
]
SPEAKERS = ["Sam Okafor", "Dana Lee", "Marco Ruiz"]


@st.composite
def calls(draw: st.DrawFn) -> list[tuple[str, str]]:
    turns = draw(
        st.lists(
            st.tuples(
                st.sampled_from(SPEAKERS),
                st.lists(st.sampled_from(PROMISES + REQUESTS + FILLER), min_size=1, max_size=3),
            ),
            min_size=2,
            max_size=12,
        )
    )
    lines: list[tuple[str, str]] = []
    count = 0
    for speaker, said in turns:
        words = []
        for template in said:
            count += 1
            words.append(template.format(m=f"zq{count}x"))
        lines.append((speaker, " ".join(words)))
    return lines


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(talk=calls())
def test_no_word_of_the_talk_reaches_the_plan_beyond_what_it_quotes(
    cli, home: Path, tmp_path: Path, talk: list[tuple[str, str]]
) -> None:
    path = plan_with_gaps(home)
    call = tmp_path / "call.txt"
    call.write_text("".join(f"{who}: {text}\n" for who, text in talk), encoding="utf-8")
    result = cli("debrief", PLAN_ID, "--transcript", str(call), "--no-input")
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    debrief = tomllib.loads(text)["debrief"]
    kept = " ".join(
        [c.get("quote", "") + " " + c.get("request", "") for c in debrief.get("commitments", [])]
        + [str(v) for v in debrief.get("learned", {}).values()]
    )
    for marker in set(re.findall(r"zq\d+x", text)):
        assert marker in kept, f"{marker} reached the plan, outside what is quoted"
    for commitment in debrief.get("commitments", []):
        said = commitment["quote"] + " " + commitment.get("request", "")
        assert set(re.findall(r"zq\d+x", commitment["what"])) <= set(re.findall(r"zq\d+x", said))
