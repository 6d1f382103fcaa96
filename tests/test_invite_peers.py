"""Every invite reads at the plan's own instant in every calendar client we can run.

Each case writes an invite through the real command (`callprep agenda PLAN --ics FILE`, and
`callprep followup PLAN --ics FILE` for the next meeting) and reads it back with icalendar,
icalendar through the file's own VTIMEZONE, recurring-ical-events, vobject and ical.js
(tests/peers.py). Zones with and without summer time, both hemispheres, a 30-minute saving, a
half-hour offset, summer time abolished, Ramadan switches; dates in January and July and on,
next to, and within minutes of every switch. Plan dates are named here, never "today".

callprep's invites do not recur (one VEVENT, no RRULE; an imported occurrence keeps its
RECURRENCE-ID), so a series across a switch is not a case here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import tomli_w
from typer.testing import Result

from tests import peers

ZONES = (
    "Europe/London",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",  # southern hemisphere: summer time over New Year
    "Australia/Lord_Howe",  # a 30-minute saving
    "Asia/Kolkata",  # a half-hour offset, no summer time
    "America/Sao_Paulo",  # summer time abolished in 2019
    "Africa/Casablanca",  # an hour back for Ramadan: dates that follow no weekday rule
    "Pacific/Apia",  # summer time abolished in 2021
    "UTC",
)
YEAR = 2027
MINUTES = 45


def case(zone: str, start: dt.datetime, *marks: pytest.MarkDecorator) -> Any:
    return pytest.param(zone, start, id=f"{zone}-{start:%Y%m%d-%H%M%z}", marks=marks)


def cases() -> list[Any]:
    """(zone, local start): 10:00 in January and July; around every switch (slow: many)."""
    found = []
    for name in ZONES:
        zone = ZoneInfo(name)
        found += [case(name, dt.datetime(YEAR, month, 15, 10, tzinfo=zone)) for month in (1, 7)]
        around: set[dt.datetime] = set()
        for switch in peers.switches(zone, YEAR):
            local = switch.astimezone(zone)
            for days in (-1, 0, 1):  # the call at ten the day before, of and after the switch
                ten = dt.datetime.combine(local.date() + dt.timedelta(days), dt.time(10), zone)
                around.add(ten)
            for minutes in (-15, 15):  # a quarter of an hour either side of it
                around.add((switch + dt.timedelta(minutes=minutes)).astimezone(zone))
        found += [case(name, start, pytest.mark.slow) for start in sorted(around)]
    # A window that holds the last switches before summer time was abolished.
    for name, year in (("America/Sao_Paulo", 2019), ("Pacific/Apia", 2021)):
        zone = ZoneInfo(name)
        found += [case(name, dt.datetime(year, month, 15, 10, tzinfo=zone)) for month in (1, 7)]
    return found


CASES = cases()


def plan_data(zone: str, start: dt.datetime) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "account": "Northwind Foods",
        "opportunity": "Cold-chain pilot",
        "kind": "discovery",
        "starts_at": start,
        "timezone": zone,
        "duration_minutes": MINUTES,
        "agenda": {"items": ["Your goals for the pilot", "Next steps"], "confirmed": True},
        "attendees": [
            {"name": "Dana Whitfield", "side": "customer", "email": "dana@northwind.example"},
            {"name": "Sam Carter", "side": "ours", "email": "sam@ourco.example"},
        ],
    }


def store_plan(home: Path, plan_id: str, data: dict[str, Any]) -> str:
    plans = home / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    (plans / f"{plan_id}.toml").write_text(tomli_w.dumps({"id": plan_id, **data}), "utf-8")
    return plan_id


def agenda_invite(
    cli: Callable[..., Result], home: Path, tmp_path: Path, zone: str, start: dt.datetime
) -> bytes:
    plan_id = store_plan(home, "northwind", plan_data(zone, start))
    target = tmp_path / "invite.ics"
    result = cli("agenda", plan_id, "--ics", str(target))
    assert result.exit_code == 0, result.stderr
    return target.read_bytes()


def instants(start: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """The one event's start and end as UTC: MINUTES of elapsed time, whatever the clocks do."""
    begin = start.astimezone(dt.UTC)
    return [(begin, begin + dt.timedelta(minutes=MINUTES))]


def read_times(readings: list[peers.Reading] | None) -> list[tuple[Any, Any]] | None:
    return None if readings is None else [(r.start, r.end) for r in readings]


@pytest.mark.parametrize(("zone", "start"), CASES)
def test_the_invite_reads_at_the_plans_instant_in_python_clients(
    cli, home: Path, tmp_path: Path, zone: str, start: dt.datetime
) -> None:
    data = agenda_invite(cli, home, tmp_path, zone, start)
    found = peers.python_readings(data)
    times = {name: read_times(read) for name, read in found.items()}
    wrong = {name: read for name, read in times.items() if read != instants(start)}
    assert not wrong, f"expected {instants(start)}; read as {wrong}"
    # The readers agree on everything else too (the harness reads the same event).
    for name, read in found.items():
        assert read == found["icalendar"], name


@pytest.mark.parametrize(("zone", "start"), CASES)
def test_the_invite_reads_at_the_plans_instant_in_icaljs(
    cli, home: Path, tmp_path: Path, zone: str, start: dt.datetime
) -> None:
    if not peers.icaljs_available():
        pytest.skip("ical.js is not installed (sh tests/js/install.sh)")
    data = agenda_invite(cli, home, tmp_path, zone, start)
    read = peers.read_icaljs(data)
    assert read_times(read) == instants(start)
    assert read == peers.read_icalendar(data)


def all_readers_agree(data: bytes, start: dt.datetime, minutes: int) -> None:
    begin = start.astimezone(dt.UTC)
    expected = [(begin, begin + dt.timedelta(minutes=minutes))]
    found = {name: read_times(read) for name, read in peers.readings(data).items()}
    if found["icaljs"] is None:
        del found["icaljs"]  # not installed: the Python readers still count
    assert found == dict.fromkeys(found, expected)


def test_a_call_across_the_switch_lasts_its_length(cli, home: Path, tmp_path: Path) -> None:
    # 00:30 EDT for two and a half hours ends at 02:00 EST, not at 03:00 on the clock.
    zone = ZoneInfo("America/New_York")
    start = dt.datetime(2027, 11, 7, 0, 30, tzinfo=zone)
    data = plan_data("America/New_York", start)
    plan_id = store_plan(home, "northwind", {**data, "duration_minutes": 150})
    target = tmp_path / "invite.ics"
    assert cli("agenda", plan_id, "--ics", str(target)).exit_code == 0
    raw = target.read_bytes()
    assert b"DTEND;TZID=America/New_York:20271107T020000\r\n" in raw
    all_readers_agree(raw, start, 150)


def test_a_call_in_the_hour_the_clocks_repeat_is_written_in_utc(
    cli, home: Path, tmp_path: Path
) -> None:
    # 01:15 happens twice that night; the plan's is the second (EST): only UTC says which.
    start = dt.datetime(2027, 11, 7, 6, 15, tzinfo=dt.UTC).astimezone(ZoneInfo("America/New_York"))
    data = agenda_invite(cli, home, tmp_path, "America/New_York", start)
    assert b"DTSTART:20271107T061500Z\r\n" in data
    assert b"VTIMEZONE" not in data
    all_readers_agree(data, start, MINUTES)


@pytest.mark.parametrize("zone", ZONES)
def test_the_next_meetings_invite_reads_at_its_instant(
    cli, home: Path, tmp_path: Path, zone: str
) -> None:
    """`followup --ics`: the next step's "15 Jul 2027 10:00", in the seller's zone."""
    held = dt.datetime(YEAR, 1, 15, 10, tzinfo=ZoneInfo(zone))
    (home / "profile.toml").parent.mkdir(parents=True, exist_ok=True)
    profile = {"name": "Sam Carter", "email": "sam@ourco.example", "timezone": zone}
    (home / "profile.toml").write_text(tomli_w.dumps(profile), "utf-8")
    debrief = {"held_at": held, "outcome": "minimum", "next_step": "Kickoff on 15 Jul 2027 10:00"}
    plan_id = store_plan(home, "northwind", {**plan_data(zone, held), "debrief": debrief})
    target = tmp_path / "next.ics"
    result = cli("followup", plan_id, "--ics", str(target))
    assert result.exit_code == 0, result.stderr
    all_readers_agree(
        target.read_bytes(), dt.datetime(YEAR, 7, 15, 10, tzinfo=ZoneInfo(zone)), MINUTES
    )


def test_an_imported_occurrence_of_a_series_reads_the_same_in_every_client(
    cli, home: Path, tmp_path: Path
) -> None:
    """The weekly series of tests/data/calendars/vdir (Tuesdays 16:00 London) crosses the
    October switch; its occurrence of 27 Oct, moved to Thursday 29 Oct 13:00, keeps its
    RECURRENCE-ID and its time in every reader."""
    home.mkdir(parents=True, exist_ok=True)
    profile = {"name": "Sam Carter", "email": "sam.carter@ourco.example"}
    (home / "profile.toml").write_text(
        tomli_w.dumps({**profile, "timezone": "Europe/London"}), "utf-8"
    )
    vdir = Path(__file__).resolve().parent / "data" / "calendars" / "vdir"
    imported = cli("import", str(vdir), "--start", "2026-10-19", "--days", "28", "--json")
    assert imported.exit_code == 0, imported.stderr
    assert "2026-10-29-northwind-foods-call" in json.loads(imported.stdout)["created"]
    target = tmp_path / "invite.ics"
    assert cli("agenda", "2026-10-29-northwind-foods-call", "--ics", str(target)).exit_code == 0
    data = target.read_bytes()
    all_readers_agree(data, dt.datetime(2026, 10, 29, 13, tzinfo=dt.UTC), 45)  # GMT by then
    found = [r for read in peers.readings(data).values() if read is not None for r in read]
    assert {(r.uid, r.recurrence_id, r.sequence) for r in found} == {
        ("7f3c2a9e-5b1d-4e8a-9c6f-2d0b8e4a1c37", dt.datetime(2026, 10, 27, 16, tzinfo=dt.UTC), 4)
    }
