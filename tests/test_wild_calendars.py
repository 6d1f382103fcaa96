"""`callprep import` of calendars as the wild writes them: each file in
tests/data/calendars/wild/ is a case other calendar software writes (or a hostile one), and its
README says what becomes of it."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from callprep import messages
from callprep.calendar import events, importer, meetings, sources
from callprep.plans.planfile import load_plan
from tests.conftest import EXAMPLES
from tests.guards import finishes

WILD = Path(__file__).resolve().parent / "data" / "calendars" / "wild"
LONDON = ZoneInfo("Europe/London")
BERLIN = ZoneInfo("Europe/Berlin")
OURS = "internal: nobody from outside ours.example"


def profile(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "profile.toml").write_text(
        'name = "Sam Carter"\nemail = "sam.carter@ours.example"\ntimezone = "Europe/London"\n',
        encoding="utf-8",
    )


def do_import(cli, home: Path, source: Path | str, start: str, days: int) -> dict:
    profile(home)
    result = cli("import", str(source), "--start", start, "--days", str(days), "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def plans(home: Path) -> list:
    return [load_plan(path) for path in sorted((home / "plans").glob("*.toml"))]


def starts(home: Path) -> list[tuple[dt.datetime, str]]:
    return [(plan.starts_at, plan.timezone) for plan in plans(home)]


def read(path: Path, start: str, days: int) -> tuple[list[events.Event], list[events.Skipped]]:
    begin = dt.datetime.fromisoformat(start).replace(tzinfo=LONDON)
    return events.read(
        [str(path)], start=begin, end=begin + dt.timedelta(days=days), default_zone=LONDON
    )


def reasons(found: dict) -> list[str]:
    return [skip["reason"] for skip in found["skipped"]]


# --- wrong results ---------------------------------------------------------------------------


def test_a_yearly_rule_from_long_ago_is_read(cli, home: Path) -> None:
    found = do_import(cli, home, WILD / "01-yearly-rule-from-2010.ics", "2027-05-01", 245)
    assert found["skipped"] == []
    assert starts(home) == [
        (dt.datetime(2027, 5, 31, 15, tzinfo=LONDON), "Europe/London"),  # the last Monday of May
        (dt.datetime(2027, 12, 27, 10, tzinfo=LONDON), "Europe/London"),  # every 27 December
    ]


@pytest.mark.parametrize(
    ("name", "start", "when"),
    [
        # The file's Europe/Berlin begins in October 2027, after the meeting,
        ("02a-vtimezone-starts-later.ics", "2027-06-01", dt.datetime(2027, 6, 15, 10)),
        # and this one stops changing in October 2026: neither says what summer 2027 is.
        ("02b-vtimezone-ends-earlier.ics", "2027-07-01", dt.datetime(2027, 7, 7, 10)),
    ],
)
def test_a_zone_definition_that_does_not_reach_the_meeting_gives_way_to_its_name(
    cli, home: Path, name: str, start: str, when: dt.datetime
) -> None:
    do_import(cli, home, WILD / name, start, 30)
    assert starts(home) == [(when.replace(tzinfo=BERLIN), "Europe/Berlin")]


def test_this_and_future_moves_every_later_meeting_and_keeps_each(cli, home: Path) -> None:
    found = do_import(cli, home, WILD / "03-range-thisandfuture.ics", "2027-01-01", 90)
    assert found["skipped"] == []
    stored = plans(home)
    assert [(p.starts_at.day, p.starts_at.month, p.starts_at.hour) for p in stored] == [
        *((day, 1, 10) for day in (4, 11, 18, 25)),
        *((day, 2, 14) for day in (1, 8, 15, 22)),
        *((day, 3, 14) for day in (1, 8)),
    ]
    # Each is its own occurrence: named by its original start, so a re-import finds each.
    assert [p.calendar.recurrence_id for p in stored][3:6] == [
        "20270125T100000Z",
        "20270201T100000Z",
        "20270208T100000Z",
    ]
    again = do_import(cli, home, WILD / "03-range-thisandfuture.ics", "2027-01-01", 90)
    assert (len(again["unchanged"]), again["created"]) == (10, [])


def test_an_empty_rule_is_a_one_off(cli, home: Path) -> None:
    found = do_import(cli, home, WILD / "04-empty-rrule.ics", "2027-03-01", 30)
    assert found["skipped"] == []
    assert starts(home) == [(dt.datetime(2027, 3, 10, 15, tzinfo=LONDON), "Europe/London")]


def test_calendars_rooms_and_lists_are_no_customer(cli, home: Path) -> None:
    found = do_import(cli, home, WILD / "05-not-people.ics", "2027-04-01", 30)
    assert found["created"] == []
    theirs = messages.IMPORT_SKIP_NOT_PEOPLE.format(domains="ours.example")
    assert {s["summary"]: s["reason"] for s in found["skipped"]} == {
        "Team sync (shared calendar invited)": theirs,  # …@group.calendar.google.com
        "Pipeline review in Orion": theirs,  # CUTYPE=ROOM
        "Demo with the projector": theirs,  # CUTYPE=RESOURCE
        "Security sign-off": theirs,  # CUTYPE=GROUP: a distribution list
    }


@pytest.mark.parametrize(
    ("name", "first"),
    [
        # A VTIMEZONE icalendar refuses (an offset of 53 hours): IANA's Europe/Berlin instead.
        ("06a-bad-tzoffset.ics", (dt.datetime(2027, 4, 5, 10, tzinfo=BERLIN), "Europe/Berlin")),
        # A VTIMEZONE with a blank TZID, named by an event with TZID="": a floating time.
        ("06b-blank-vtimezone-tzid.ics", (dt.datetime(2027, 4, 5, 10, tzinfo=LONDON), "Europe/London")),
        # TZID-ALIAS-OF, which icalendar refuses, is left out; the definition is read.
        ("06c-tzid-alias-of.ics", (dt.datetime(2027, 4, 5, 8, tzinfo=dt.UTC), "Europe/London")),
    ],
)  # fmt: skip
def test_a_zone_icalendar_refuses_costs_no_other_event(
    cli, home: Path, name: str, first: tuple[dt.datetime, str]
) -> None:
    found = do_import(cli, home, WILD / name, "2027-04-01", 30)
    assert found["skipped"] == []
    assert len(found["created"]) == 2
    assert starts(home)[0] == first
    assert plans(home)[1].starts_at.day == 6


def test_the_same_files_read_one_part_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without the narrowing (which leaves out what icalendar would refuse), the whole-file
    # parse fails, and each component is parsed alone.
    monkeypatch.setattr(sources, "_narrow", lambda text, window, raws=None: text)
    for name in ("06a-bad-tzoffset.ics", "06c-tzid-alias-of.ics"):
        found, skipped = read(WILD / name, "2027-04-01", 30)
        assert skipped == []
        assert [e.start.day for e in found] == [5, 6]
    found, skipped = read(WILD / "15-zone-history-and-alarm.ics", "2027-02-01", 30)
    assert (len(found), skipped) == (1, [])
    found, _ = read(WILD / "06a-bad-tzoffset.ics", "2027-04-01", 30)
    assert found[0].zone == "Europe/Berlin"


def test_an_event_icalendar_refuses_is_skipped_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # icalendar 7 keeps what it cannot read of a VEVENT as a broken property, which callprep
    # then names; should a version refuse a VEVENT whole, only that event is lost.
    from icalendar import Calendar, Component

    for kind in (Calendar, Component):
        parse = kind.from_ical.__func__  # type: ignore[attr-defined]

        def refusing(cls: type, text: str, multiple: bool = False, parse=parse) -> object:  # type: ignore[no-untyped-def]
            if "LOCATION:Refused" in text:
                raise ValueError("refused")
            return parse(cls, text, multiple)

        monkeypatch.setattr(kind, "from_ical", classmethod(refusing))

    def event(uid: str, *lines: str) -> str:
        return (
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;TZID=Europe/London:20270310T150000\r\n"
            + "".join(line + "\r\n" for line in lines)
            + "SUMMARY:Globex demo\r\nATTENDEE:mailto:pat@customer.example\r\nEND:VEVENT\r\n"
        )

    path = tmp_path / "one-broken.ics"
    text = event("good") + event("broken", "LOCATION:Refused")
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{text}END:VCALENDAR\r\n", newline="")
    found, skipped = read(path, "2027-03-01", 30)
    assert [e.uid for e in found] == ["good"]
    why = messages.CAL_WHY_BAD_PROPERTY.format(name="LOCATION")
    assert [(s.uid, s.summary, s.reason) for s in skipped] == [
        ("broken", "Globex demo", messages.CAL_SKIP_UNREADABLE.format(why=why))
    ]


def test_a_fold_inside_a_character_is_read_as_the_character(cli, home: Path) -> None:
    do_import(cli, home, WILD / "07a-fold-splits-utf8.ics", "2027-04-01", 30)
    (plan,) = plans(home)
    assert plan.notes["event"] == "Réunion de lancement"
    assert [a.name for a in plan.attendees if a.side == "customer"] == ["Hélène Müller"]
    assert plan.timezone == "Europe/Paris"


def test_a_control_character_in_a_name_costs_nobody(cli, home: Path) -> None:
    found = do_import(cli, home, WILD / "07b-control-char-in-cn.ics", "2027-04-01", 30)
    assert found["skipped"] == []
    (plan,) = plans(home)
    assert [(a.name, a.email) for a in plan.attendees if a.side == "customer"] == [
        ("Pat Buyer", "pat@customer.example")
    ]


def test_a_start_in_the_spring_forward_gap_is_the_time_the_clock_shows(cli, home: Path) -> None:
    do_import(cli, home, WILD / "08-dst-gap-start.ics", "2027-03-20", 14)
    (plan,) = plans(home)
    # 01:30 does not exist in London on 28 March 2027: RFC 5545 makes it 01:30Z, 02:30 BST.
    assert plan.starts_at == dt.datetime(2027, 3, 28, 1, 30, tzinfo=dt.UTC)
    assert plan.starts_at.isoformat() == "2027-03-28T02:30:00+01:00"
    assert plan.duration_minutes == 30  # to 03:00 BST


def test_two_meetings_under_one_uid_the_second_is_said(cli, home: Path) -> None:
    found = do_import(cli, home, WILD / "09-one-uid-two-events.ics", "2027-04-01", 30)
    assert [p.notes["event"] for p in plans(home)] == ["Globex discovery"]
    assert [(s["summary"], s["reason"]) for s in found["skipped"]] == [
        ("Initech demo (another meeting, same UID)", messages.CAL_SKIP_SAME_UID)
    ]


def test_an_older_copy_under_the_same_uid_is_left_out_without_a_word() -> None:
    text = (WILD / "09-one-uid-two-events.ics").read_text(encoding="utf-8")
    newer = text.replace("SUMMARY:Initech demo", "SEQUENCE:2\r\nSUMMARY:Initech demo")
    found, skipped = read_text(newer, "2027-04-01", 30)
    assert [e.summary for e in found] == ["Initech demo (another meeting, same UID)"]
    assert skipped == []


def read_text(text: str, start: str, days: int) -> tuple[list, list]:
    import io

    begin = dt.datetime.fromisoformat(start).replace(tzinfo=LONDON)
    return events.read(
        ["-"],
        start=begin,
        end=begin + dt.timedelta(days=days),
        default_zone=LONDON,
        stdin=io.BytesIO(text.encode("utf-8")),
    )


@pytest.mark.parametrize(
    ("name", "start", "why"),
    [
        ("10a-interval-zero.ics", "2027-04-01", messages.CAL_WHY_BAD_RULE),
        (
            "10b-zone-interval-zero.ics",
            "2027-06-01",
            messages.CAL_WHY_BAD_ZONE.format(tzid="Example Zone"),
        ),
    ],
)
def test_a_rule_with_interval_zero_does_not_hang(name: str, start: str, why: str) -> None:
    found, skipped = finishes(lambda: read(WILD / name, start, 30))
    assert found == []
    assert [s.reason for s in skipped] == [messages.CAL_SKIP_UNREADABLE.format(why=why)]


def test_what_cannot_be_read_is_named_on_stderr(cli, home: Path) -> None:
    profile(home)
    result = cli("import", str(WILD / "10a-interval-zero.ics"), "--start", "2027-04-01")
    assert result.exit_code == 0, result.stderr
    assert (
        "skipped “Weekly sync (INTERVAL=0)”: unreadable: its repeat rule (RRULE) cannot be read"
        in result.stderr.splitlines()
    )


def test_new_from_ics_with_interval_zero_does_not_hang(cli, home: Path) -> None:
    profile(home)
    path = WILD / "10a-interval-zero.ics"
    result = finishes(lambda: cli("new", "--from-ics", str(path), "--no-input"))
    assert result.exit_code == 1
    assert result.stderr == f"callprep: {messages.NEW_ICS_NONE.format(path=path)}\n"


# --- hangs and floods --------------------------------------------------------------------------


def zone_with_many_rdates(path: Path, count: int) -> Path:
    """A custom zone whose STANDARD observance lists `count` onsets on one RDATE line, one a
    day from 1601 (each +01:00 to +01:00), and one meeting on 5 April 2027 in it."""
    first = dt.date(1601, 1, 1)
    values = ",".join(f"{first + dt.timedelta(days=n):%Y%m%d}T030000" for n in range(count))
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//callprep tests//EN",
        "BEGIN:VTIMEZONE", "TZID:Example Standard Time",
        "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0100",
        f"RDATE:{values}", "END:STANDARD", "END:VTIMEZONE",
        "BEGIN:VEVENT", "UID:fx11@fixtures.example",
        "DTSTART;TZID=Example Standard Time:20270405T100000",
        "DTEND;TZID=Example Standard Time:20270405T110000",
        "SUMMARY:Quarterly review", "ORGANIZER:mailto:sam.carter@ours.example",
        "ATTENDEE;CN=Pat Buyer:mailto:pat@customer.example", "END:VEVENT", "END:VCALENDAR",
    ]  # fmt: skip
    path.write_text("".join(fold(line) for line in lines), encoding="utf-8", newline="")
    return path


def fold(line: str) -> str:
    return "\r\n ".join(line[i : i + 74] for i in range(0, len(line), 74)) + "\r\n"


def test_a_zone_with_200000_changes_reads_what_the_meeting_needs(tmp_path: Path) -> None:
    # Its cost is in benchmarks/readers.py; here: it returns, with the right time.
    path = zone_with_many_rdates(tmp_path / "zone.ics", 200_000)
    found, skipped = finishes(lambda: read(path, "2027-04-01", 30))
    assert skipped == []
    assert [e.start for e in found] == [dt.datetime(2027, 4, 5, 9, tzinfo=dt.UTC)]


def test_a_series_every_minute_is_one_skip(cli, home: Path) -> None:
    found = finishes(
        lambda: do_import(cli, home, WILD / "12-minutely-no-end.ics", "2027-03-01", 10)
    )
    assert found["created"] == []
    assert reasons(found) == [messages.CAL_SKIP_SUB_DAILY]


def big_description(path: Path, characters: int) -> Path:
    words = "Agenda notes from the customer thread, pasted in whole. "
    text = (words * (characters // len(words) + 1))[:characters]
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//callprep tests//EN", "BEGIN:VEVENT",
        "UID:fx13@fixtures.example", "DTSTART;TZID=Europe/London:20270406T100000",
        "DTEND;TZID=Europe/London:20270406T110000", "SUMMARY:Northwind negotiation",
        f"DESCRIPTION:{text}", "ORGANIZER:mailto:sam.carter@ours.example",
        "ATTENDEE;CN=Pat Buyer:mailto:pat@northwind.example", "END:VEVENT", "END:VCALENDAR",
    ]  # fmt: skip
    path.write_text("".join(fold(line) for line in lines), encoding="utf-8", newline="")
    return path


def test_a_huge_description_is_cut_and_said_and_imports_again_unchanged(
    cli, home: Path, tmp_path: Path
) -> None:
    source = big_description(tmp_path / "thread.ics", 2_000_000)
    profile(home)
    window = ("--start", "2027-04-01", "--days", "30")
    result = cli("import", str(source), *window)
    assert result.exit_code == 0, result.stderr
    assert "its description was cut to the first 100,000 characters" in " ".join(
        result.stderr.split()
    )
    (path,) = (home / "plans").glob("*.toml")
    assert path.stat().st_size < 1024 * 1024
    plan = load_plan(path)
    assert plan.notes["agenda"].endswith(" …")
    assert len(plan.notes["agenda"]) <= meetings.MAX_AGENDA + 2
    listed = cli("list", "--json")
    assert [row["id"] for row in json.loads(listed.stdout)] == [path.stem]
    again = do_import(cli, home, source, "2027-04-01", 30)
    assert (again["created"], again["unchanged"]) == ([], [path.stem])


def test_a_plan_too_big_to_read_is_never_made_again(cli, home: Path, tmp_path: Path) -> None:
    # An earlier callprep wrote the whole description: the store cannot read that plan.
    source = big_description(tmp_path / "thread.ics", 2_000_000)
    do_import(cli, home, source, "2027-04-01", 30)
    (path,) = (home / "plans").glob("*.toml")
    text = path.read_text(encoding="utf-8")
    path.write_text(f"# {'x' * 1024 * 1024}\n{text}", encoding="utf-8")
    again = do_import(cli, home, source, "2027-04-01", 30)
    assert again["created"] == []
    why = messages.IMPORT_SKIP_PLAN_UNREADABLE.format(id=path.stem)
    assert reasons(again) == [why]
    assert list((home / "plans").glob("*.toml")) == [path]


def test_a_plan_that_would_still_be_too_big_is_skipped(cli, home: Path, tmp_path: Path) -> None:
    source = big_description(tmp_path / "thread.ics", 10)
    text = source.read_text(encoding="utf-8")
    names = "".join(
        fold(f"ATTENDEE;CN=Guest {n} {'x' * 40}:mailto:guest{n}@northwind.example")
        for n in range(9000)
    )
    source.write_text(text.replace("END:VEVENT", names + "END:VEVENT"), encoding="utf-8")
    found = do_import(cli, home, source, "2027-04-01", 30)
    assert found["created"] == []
    assert reasons(found) == [messages.IMPORT_SKIP_TOO_BIG.format(mb=1)]


# --- khal's and libical's shapes, and dates beside times ---------------------------------------


def test_a_floating_start_takes_the_zone_of_its_end(cli, home: Path) -> None:
    do_import(cli, home, WILD / "14-floating-start-zoned-end.ics", "2027-04-01", 30)
    assert starts(home) == [(dt.datetime(2027, 4, 14, 12, tzinfo=BERLIN), "Europe/Berlin")]
    assert plans(home)[0].duration_minutes == 60


def test_a_century_of_zone_and_an_alarm_icalendar_refuses(cli, home: Path) -> None:
    found = do_import(cli, home, WILD / "15-zone-history-and-alarm.ics", "2027-02-01", 30)
    assert found["skipped"] == []
    brussels = ZoneInfo("Europe/Brussels")
    assert starts(home) == [(dt.datetime(2027, 2, 3, 15, 15, tzinfo=brussels), "Europe/Brussels")]


def test_a_calendar_inside_a_calendar_is_read(cli, home: Path) -> None:
    found = do_import(cli, home, WILD / "16-nested-calendar.ics", "2027-04-01", 30)
    assert len(found["created"]) == 1
    assert starts(home) == [(dt.datetime(2027, 4, 15, 14, tzinfo=LONDON), "Europe/London")]


def test_a_date_beside_a_time_of_day_is_midnight(cli, home: Path) -> None:
    found = do_import(cli, home, WILD / "17-date-start-time-end.ics", "2027-04-01", 30)
    # As recurring-ical-events reads them: a timed meeting from midnight, not an all-day one.
    assert starts(home) == [(dt.datetime(2027, 4, 16, 0, tzinfo=LONDON), "Europe/London")]
    assert plans(home)[0].duration_minutes == 120
    assert reasons(found) == [messages.CAL_SKIP_TOO_LONG.format(hours=48)]


# --- every reason has its group ----------------------------------------------------------------


@pytest.mark.parametrize(
    "reason",
    [
        messages.CAL_SKIP_ALL_DAY,
        messages.CAL_SKIP_NO_ATTENDEES,
        messages.CAL_SKIP_TOO_LONG.format(hours=30),
        messages.CAL_SKIP_SUB_DAILY,
        messages.CAL_SKIP_SAME_UID,
        messages.CAL_SKIP_UNREADABLE.format(why=messages.CAL_WHY_BAD_RULE),
        messages.CAL_SKIP_FILE.format(path="x.ics", why=messages.CAL_WHY_EMPTY),
        messages.IMPORT_SKIP_INTERNAL.format(domains="ours.example"),
        messages.IMPORT_SKIP_NOT_PEOPLE.format(domains="ours.example"),
        messages.IMPORT_SKIP_CANCELLED,
        messages.IMPORT_SKIP_TOO_BIG.format(mb=1),
        messages.IMPORT_SKIP_PLAN_UNREADABLE.format(id="x"),
    ],
)
def test_every_skip_reason_has_a_group_of_its_own(reason: str) -> None:
    assert importer._group(reason) in messages.IMPORT_SKIP_GROUPS
    assert importer._group(reason) != "other"


# --- at 80 columns -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_import_at_80_columns_breaks_no_word(home: Path, frozen_now: dt.datetime) -> None:
    pexpect = pytest.importorskip("pexpect")
    from tests.terminal import spawn

    profile(home)
    sources_given = [
        str(EXAMPLES / "calendar.ics"),
        str(WILD / "05-not-people.ics"),
        str(WILD / "10b-zone-interval-zero.ics"),
        str(WILD / "09-one-uid-two-events.ics"),
    ]
    child = spawn(
        ["import", *sources_given, "--days", "200"], home, dimensions=(60, 80), now=frozen_now
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = child.before.replace("\r\n", "\n").splitlines()
    # Nothing wider than the terminal: it would fold it anywhere, inside a word or an id.
    assert max(len(line) for line in lines) <= 80, lines
    assert "new  2026-12-02-northwind-foods-discovery  Wed 2 Dec 2026, 15:00" in lines
    assert "     Northwind Foods" in lines
    assert 'callprep import --account-for DOMAIN "Right Name"' in [line.strip() for line in lines]
    skips = [line for line in lines if line.startswith("skipped ")]
    assert skips == [
        "skipped “Kickoff (the zone repeats with INTERVAL=0)”: unreadable: its time zone"
    ]


def test_plan_lines_fold_between_columns_only() -> None:
    from callprep.calendar.importer import Outcome, Result
    from callprep.render import calendar_import as view

    start = dt.datetime(2026, 12, 2, 15, tzinfo=LONDON)
    result = Result(
        outcomes=[
            Outcome("created", "2026-12-02-northwind-foods-discovery", start, "Europe/London",
                    "Northwind Foods", "u1"),
            Outcome("unchanged", "2026-12-02-acme-call", start, "Europe/London", "Acme", "u2"),
            Outcome("created", "2026-12-02-very-long-account-name-call", start,
                    "Europe/London", "Very Long Account Name " * 4, "u3"),
        ]
    )  # fmt: skip
    seller = "America/New_York"  # the meetings' own time beside the seller's: long lines
    wide = view.plan_lines(result, seller)
    assert len(wide) == 3  # piped: a line per plan, for scripts
    folded = view.plan_lines(result, seller, width=80)
    assert max(len(line) for line in folded) <= 80
    assert folded[:3] == [
        "new        2026-12-02-northwind-foods-discovery",
        "           Wed 2 Dec 2026, 10:00 (15:00 London)  Northwind Foods",
        "unchanged  2026-12-02-acme-call  Wed 2 Dec 2026, 10:00 (15:00 London)  Acme",
    ]
    words = " ".join(" ".join(folded[3:]).split())
    assert words == " ".join(wide[2].split())
