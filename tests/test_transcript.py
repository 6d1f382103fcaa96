"""Reading transcripts: every layout, the names meetings give people, and what is refused."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from callprep.calls import conversation, dues, sentences
from callprep.calls import transcript as transcripts
from callprep.errors import CallprepError
from callprep.plans.model import Attendee, Plan
from tests.conftest import EXAMPLES

TEAMS = """WEBVTT

3f6d6d0f-99a3-bb57-d257-13cbcb6e16b3/45-0
00:00:03.500 --> 00:00:08.000
<v Sam Okafor>Hi Dana. Can you hear me?</v>

a3597161-460c-3c3d-b6a8-d5cf7b685e0f/65-0
00:00:09.000 --> 00:00:12.250
<v Dana Lee>Yes, loud and clear.</v>
"""

ZOOM = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
Sam Okafor: Hi Dana, thanks for joining.

2
00:00:04.500 --> 00:00:06.000
lena.fischer: Hi, I'm here.

3
00:00:06.500 --> 00:00:09.000
ibrooks: Ian Brooks, facilities.

4
00:00:09.500 --> 00:00:12.000
Helen Murray (she/her): Good morning all.
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
Sam Okafor: Morning all.

2
00:00:03,200 --> 00:00:05,200
Mei is here from our delivery side.

3
00:00:06,000 --> 00:00:07,500
Dana Lee: Hi both.
"""

OTTER = """Sam Okafor  0:00
Hi Dana, can you hear me?

Speaker 2  0:06
Yes. Hi, it's Keisha.

Sam Okafor  0:10
Good, let's start.

Transcribed by https://otter.ai
"""

FATHOM = """Acme - discovery - December 3
VIEW RECORDING - 5 mins (No highlights): https://fathom.video/calls/1

---

0:00 - Sam Okafor
  Hi Dana, hi Tim.

0:04 - Dana Lee (Acme Logistics)
  Hi Sam.

0:07 - tim.gallagher@acme.example
  Hi, on my phone.
"""

PLAIN = """Me: Hi, good morning. Can you both hear me?

Them: Yes, morning. It's Rachel, and Tom is here.
The line is a bit quiet.
Me: Good. How do you track samples today?
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_teams_voice_tags(tmp_path: Path) -> None:
    read = transcripts.read(write(tmp_path, "call.vtt", TEAMS))
    assert read.layout == "vtt" and read.timed
    assert [(c.speaker, c.text, c.start, c.seconds) for c in read.cues] == [
        ("Sam Okafor", "Hi Dana. Can you hear me?", 3.5, 4.5),
        ("Dana Lee", "Yes, loud and clear.", 9.0, 3.25),
    ]


def test_zoom_payloads_keep_the_names_meetings_show(tmp_path: Path) -> None:
    read = transcripts.read(write(tmp_path, "call.vtt", ZOOM))
    assert read.speakers == ["Sam Okafor", "lena.fischer", "ibrooks", "Helen Murray (she/her)"]
    assert read.cues[2].text == "Ian Brooks, facilities."


def test_srt_cue_without_a_name_is_the_speaker_before(tmp_path: Path) -> None:
    read = transcripts.read(write(tmp_path, "call.srt", SRT))
    assert [(c.speaker, c.words) for c in read.cues] == [
        ("Sam Okafor", 2),
        ("Sam Okafor", 7),
        ("Dana Lee", 2),
    ]


def test_otter_turns_last_until_the_next(tmp_path: Path) -> None:
    read = transcripts.read(write(tmp_path, "call.txt", OTTER))
    assert read.layout == "otter"
    assert [(c.speaker, c.start, c.seconds) for c in read.cues] == [
        ("Sam Okafor", 0.0, 6.0),
        ("Speaker 2", 6.0, 4.0),
        ("Sam Okafor", 10.0, 3 / 2.5),  # the last: its words at talking speed
    ]


def test_fathom_drops_the_company_and_the_title(tmp_path: Path) -> None:
    read = transcripts.read(write(tmp_path, "call.txt", FATHOM))
    assert read.layout == "fathom"
    assert read.speakers == ["Sam Okafor", "Dana Lee", "tim.gallagher@acme.example"]


def test_plain_text_without_times_and_a_turn_over_two_lines(tmp_path: Path) -> None:
    read = transcripts.read(write(tmp_path, "call.txt", PLAIN))
    assert read.layout == "text" and not read.timed
    assert [c.speaker for c in read.cues] == ["Me", "Them", "Me"]
    assert read.cues[1].text.endswith("Tom is here. The line is a bit quiet.")
    assert read.cues[1].seconds == read.cues[1].words / 2.5
    assert read.cues[1].start == read.cues[0].seconds  # estimated, in order


def test_plain_text_with_times(tmp_path: Path) -> None:
    read = transcripts.read(
        write(tmp_path, "call.txt", "[00:00] Ana: Hi.\n[00:05] Ben: Hello there.\n")
    )
    assert read.timed and [(c.start, c.seconds) for c in read.cues] == [(0.0, 5.0), (5.0, 0.8)]


def test_a_colon_in_a_sentence_names_nobody(tmp_path: Path) -> None:
    text = "Ana: Here is the plan.\nNote: this line goes on Ana's turn.\nBen: Fine.\n"
    read = transcripts.read(write(tmp_path, "call.txt", text))
    assert [c.speaker for c in read.cues] == ["Ana", "Ben"]


def test_stdin(cli) -> None:
    result = cli("transcript", "-", "--json", input=TEAMS)
    assert result.exit_code == 0, result.stderr
    assert [s["name"] for s in json.loads(result.stdout)["speakers"]] == ["Sam Okafor", "Dana Lee"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"Just some notes about the call, nobody named.\nAnother line.\n", "no speakers"),
        (b"WEBVTT\n\nnot a cue at all\n", "no speakers"),
        (b"1\n00:00:01,000 --> 00:00:02,000\nSubtitle without a speaker\n", "no speakers"),
    ],
)
def test_what_is_no_transcript_is_refused_in_one_line(
    cli, tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "call.vtt"
    path.write_bytes(content)
    result = cli("transcript", str(path))
    assert result.exit_code == 1
    assert words in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_a_folder_a_fifo_a_device_and_a_missing_file(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # nobody writes to it: reading must not hang
    for path, words in (
        (str(tmp_path), "is a folder"),
        (str(fifo), "FIFO"),
        ("/dev/zero", "character device"),
        (str(tmp_path / "gone.vtt"), "no such file"),
    ):
        result = cli("transcript", path)
        assert result.exit_code == 1, path
        assert words in result.stderr and result.stderr.count("\n") == 1


def test_a_file_over_the_limit(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transcripts, "MAX_TRANSCRIPT_BYTES", 100)
    result = cli("transcript", write(tmp_path, "call.vtt", TEAMS))
    assert result.exit_code == 1 and "too big" in result.stderr


def test_stdin_from_a_terminal_is_refused() -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    with pytest.raises(CallprepError, match="no transcript on stdin"):
        transcripts.read("-", Terminal())  # type: ignore[arg-type]


class _Endless:
    """A pipe that never ends (`yes |`), or one whose reads fail."""

    def __init__(self, error: OSError | None = None) -> None:
        self.error, self.given = error, 0

    def isatty(self) -> bool:
        return False

    def read(self, size: int) -> bytes:
        if self.error is not None:
            raise self.error
        self.given += size
        return b"x" * size


def test_stdin_over_the_limit_stops_one_byte_past_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transcripts, "MAX_TRANSCRIPT_BYTES", 3 << 20)
    endless = _Endless()
    with pytest.raises(CallprepError, match="too big"):
        transcripts.read("-", endless)  # type: ignore[arg-type]
    assert endless.given == (3 << 20) + 1


def test_stdin_that_cannot_be_read_says_so_in_one_line() -> None:
    with pytest.raises(CallprepError, match=r"^stdin: cannot read \(Input/output error\)$"):
        transcripts.read("-", _Endless(OSError(5, "Input/output error")))  # type: ignore[arg-type]


# --- who is who -----------------------------------------------------------------------------


def test_speakers_are_matched_to_the_plans_people(tmp_path: Path) -> None:
    plan = Plan(
        attendees=[
            Attendee(name="Sam Okafor", side="ours"),
            Attendee(name="Lena Fischer", side="customer"),
            Attendee(name="Ian Brooks", side="customer"),
            Attendee(name="Helen Murray", side="customer", email="hmurray@westbrook.example"),
        ]
    )
    read = transcripts.read(write(tmp_path, "call.vtt", ZOOM))
    placed = conversation.place(read, plan)
    assert {name: (p.side, p.attendee) for name, p in placed.items()} == {
        "Sam Okafor": ("ours", "Sam Okafor"),
        "lena.fischer": ("customer", "Lena Fischer"),
        "ibrooks": ("customer", "Ian Brooks"),
        "Helen Murray (she/her)": ("customer", "Helen Murray"),
    }
    assert all(p.placed for p in placed.values())


def test_someone_not_in_the_plan_is_taken_as_theirs_unless_ours_say_otherwise(
    tmp_path: Path,
) -> None:
    text = (
        "Sam Okafor: Morning. I've got Yuki with me, our engineer.\n"
        "Yuki: Hello.\nChris: Hi, I run the crews.\nDana Lee: Hi all.\n"
    )
    read = transcripts.read(write(tmp_path, "call.txt", text))
    plan = Plan(attendees=[Attendee(name="Sam Okafor", side="ours"), Attendee(name="Dana Lee")])
    placed = conversation.place(read, plan)
    assert (placed["Yuki"].side, placed["Yuki"].how) == ("ours", "introduced")
    assert (placed["Chris"].side, placed["Chris"].how) == ("customer", "guess")
    assert not placed["Chris"].placed
    ours = conversation.place(read, plan, ours=["Chris"])
    assert ours["Chris"].side == "ours" and ours["Chris"].placed


def test_without_a_plan_sides_come_from_ours_and_the_profile(tmp_path: Path) -> None:
    read = transcripts.read(write(tmp_path, "call.vtt", TEAMS))
    assert {p.side for p in conversation.place(read, None).values()} == {"unknown"}
    placed = conversation.place(read, None, you="Sam Okafor")
    assert (placed["Sam Okafor"].side, placed["Dana Lee"].side) == ("ours", "customer")
    granola = transcripts.read(write(tmp_path, "g.txt", PLAIN))
    assert {n: p.side for n, p in conversation.place(granola, None).items()} == {
        "Me": "ours",
        "Them": "customer",
    }


# --- sentences and days ---------------------------------------------------------------------


def test_sentences_join_a_caption_broken_mid_sentence() -> None:
    cues = [
        transcripts.Cue("Ana", "I'll send the", 1.0, 1.0),
        transcripts.Cue("Ana", "report by Friday. Dr. Lee agrees.", 2.0, 2.0),
        transcripts.Cue("Ben", "Thanks?", 5.0, 1.0),
    ]
    said = sentences.sentences(cues)
    assert [(s.text, s.at, s.turn) for s in said] == [
        ("I'll send the report by Friday.", 1.0, 0),
        ("Dr. Lee agrees.", 2.0, 0),
        ("Thanks?", 5.0, 1),
    ]
    assert said[2].is_question


CALL = dt.date(2026, 11, 12)  # a Thursday


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("by Friday", dt.date(2026, 11, 13)),
        ("on Thursday", dt.date(2026, 11, 19)),  # a weekday alone: the next after the call
        ("next Wednesday", dt.date(2026, 11, 18)),
        ("next week", dt.date(2026, 11, 20)),
        ("end of the week", dt.date(2026, 11, 13)),
        ("this afternoon", CALL),
        ("right after this call", CALL),
        ("tomorrow morning", dt.date(2026, 11, 13)),
        ("the day after tomorrow", dt.date(2026, 11, 14)),
        ("by the end of the month", dt.date(2026, 11, 30)),
        ("by the 15th", dt.date(2026, 11, 15)),
        ("by the 4th", dt.date(2026, 12, 4)),
        ("within two weeks", dt.date(2026, 11, 26)),
        ("the week of the 7th of December", dt.date(2026, 12, 11)),
        ("by December 4th", dt.date(2026, 12, 4)),
        ("from the 1st of February", dt.date(2027, 2, 1)),
        ("in November", None),
        ("at 10:30", None),
    ],
)
def test_dues_from_the_day_of_the_call(words: str, day: dt.date | None) -> None:
    assert dues.due(f"I'll send it {words}.", CALL) == day


def test_a_due_said_with_by_wins_over_one_said_plainly() -> None:
    assert dues.due("I'll ask her today and let you know by Friday.", CALL) == dt.date(2026, 11, 13)
    said = "I'll send the invite for Wednesday the 18th right after this call."
    assert dues.due(said, CALL) == CALL


def test_the_example_transcript_against_its_plan(cli) -> None:
    plan = EXAMPLES / "discovery-prepared.toml"
    result = cli("transcript", str(EXAMPLES / "acme-call.vtt"), "--plan", str(plan), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    spec = {"speakers", "our_share", "longest_monologue", "questions", "customer_questions"}
    spec |= {"commitments", "next_step", "agenda", "questions_asked", "topics", "off_script"}
    assert set(data) >= spec
    assert [(c["who"], c["what"], c["due"]) for c in data["commitments"]][:2] == [
        ("customer", "Send the fleet utilisation numbers", "2026-12-08"),
        ("ours", "Send the pilot proposal", "2026-12-09"),
    ]
    assert set(data["commitments"][0]) == {"who", "speaker", "what", "due", "quote", "at"}
    assert {s["name"]: s["side"] for s in data["speakers"]}["Tom Ellis"] == "customer"
    assert 0.45 < data["our_share"] < 0.55
    assert [q["question"] for q in data["questions_asked"]] == [
        "Which dispatch system do the depots use today, and who owns it?",
        "What would a successful pilot have to show your board?",
    ]
    assert all(a["covered"] for a in data["agenda"])
    assert "cold-chain" in data["off_script"][0]["summary"]
    assert data["next_step"] == "Pilot scoping call on Thu 10 Dec 2026"


def test_without_a_plan_there_is_nothing_against_one(cli) -> None:
    result = cli("transcript", str(EXAMPLES / "acme-call.vtt"), "--json", "--ours", "Sam Okafor")
    data = json.loads(result.stdout)
    assert "agenda" not in data and "questions_asked" not in data
    assert {s["side"] for s in data["speakers"] if s["name"] != "Sam Okafor"} == {"customer"}


def test_the_terminal_view_fits_80_columns(
    cli, monkeypatch: pytest.MonkeyPatch, reference, tmp_path: Path
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for name in ("discovery-prepared.toml", "acme-call.vtt"):
        (tmp_path / name).write_bytes((EXAMPLES / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    result = cli("transcript", "acme-call.vtt", "--plan", "discovery-prepared.toml")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    reference("transcript-80-columns.txt", "\n".join(line.rstrip() for line in lines) + "\n")


def test_no_markup_from_the_transcript_reaches_the_terminal(cli, tmp_path: Path) -> None:
    text = "Sam: Hi.\nDana: [bold red]Hi[/] \x1b[31mred\x1b[0m [link](http://x) <b>b</b>?\n"
    result = cli("transcript", write(tmp_path, "call.txt", text), "--ours", "Sam")
    assert result.exit_code == 0
    assert "[bold red]Hi[/]" in result.stdout and "\x1b" not in result.stdout
