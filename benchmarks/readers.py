"""How fast callprep's readers and judge are on bulk and hostile input, in this process.

    python benchmarks/readers.py [--runs 5]

The tests check that such input is refused or skipped and never hangs (tests/guards.py); how
quickly lives here, where a busy machine cannot turn a figure red by chance. Each case is run
`--runs` times and its best time is compared with its target; exit 1 when one is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)


def judge_a_thousand() -> None:
    from callprep.coach.objective import judge

    rows = []
    for name in ("objectives.csv", "objectives_v2.csv"):
        with (DATA / name).open(encoding="utf-8") as handle:
            rows += [row["text"] for row in csv.DictReader(handle)]
    for text in (rows * 3)[:1000]:
        judge(text)


def huge_dates() -> None:
    from callprep.dates import parse_datetime
    from callprep.errors import CallprepError

    for text in ("x" * 10_000, "3 Dec 15:00 " * 1000, "1" * 201):
        with contextlib.suppress(CallprepError):
            parse_datetime(text, LONDON, NOW)


def long_odd_dates() -> None:
    from callprep.dates import parse_datetime
    from callprep.errors import CallprepError

    for text in ("3 Dec " * 33, "in " * 66, "next " * 40, "Tue " * 50, "12:00 " * 33, "a " * 100):
        with contextlib.suppress(CallprepError):
            parse_datetime(text[:200], LONDON, NOW)


def _calendar(*lines: str) -> bytes:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//callprep benchmark//EN"]
    event = [
        "BEGIN:VEVENT",
        "UID:hostile@bench.example",
        *lines,
        "ATTENDEE;CN=Dana Whitfield:mailto:dana@northwind-foods.example",
        "END:VEVENT",
    ]
    return "".join(f"{line}\r\n" for line in [*head, *event, "END:VCALENDAR"]).encode()


def _read(data: bytes) -> None:
    from callprep.calendar.events import read

    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    read(["-"], start=start, end=start + dt.timedelta(days=60), default_zone=LONDON,
         stdin=io.BytesIO(data))  # fmt: skip


def hostile_rules() -> None:
    for rule in (
        "RRULE:FREQ=SECONDLY",
        "RRULE:FREQ=MINUTELY;INTERVAL=7",
        "RRULE:FREQ=MINUTELY",
        "RRULE:FREQ=WEEKLY;INTERVAL=0",
        "RRULE:FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10;"
        "BYHOUR=1,2,3,4,5,6,7,8,9,10;BYMINUTE=1,2,3,4,5,6,7,8,9",
        "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "RRULE:FREQ=MONTHLY;BYDAY=6MO",
    ):
        _read(_calendar("DTSTART:20261104T150000Z", rule))


def _zone(changes: int) -> bytes:
    """A custom zone listing `changes` onsets on one RDATE line (one a day from 1601), and one
    meeting in it: what the reader reads of the zone must not grow with it."""
    first = dt.date(1601, 1, 1)
    values = ",".join(f"{first + dt.timedelta(days=n):%Y%m%d}T030000" for n in range(changes))
    zone = [
        "BEGIN:VTIMEZONE", "TZID:Example Standard Time", "BEGIN:STANDARD",
        "DTSTART:16010101T030000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0100",
        f"RDATE:{values}", "END:STANDARD", "END:VTIMEZONE",
    ]  # fmt: skip
    data = _calendar("DTSTART;TZID=Example Standard Time:20261104T100000")
    return data.replace(
        b"BEGIN:VEVENT", "".join(f"{x}\r\n" for x in zone).encode() + b"BEGIN:VEVENT"
    )


ZONE_LONG = _zone(200_000)
ZONE_SHORT = _zone(1)


def zone_of_200000_changes() -> None:
    _read(ZONE_LONG)


def zone_of_one_change() -> None:
    _read(ZONE_SHORT)


def big_description() -> None:
    text = ("Agenda notes from the customer thread, pasted in whole. " * 36_000)[:2_000_000]
    _read(_calendar("DTSTART:20261104T150000Z", f"DESCRIPTION:{text}"))


def big_export() -> bytes:
    sys.path.insert(0, str(ROOT))
    from tests.calendars import big_export as build

    return build()


BIG = big_export()


def read_the_big_export() -> None:
    from tests.calendars import BIG_END, BIG_START

    from callprep.calendar.events import read

    read(["-"], start=BIG_START, end=BIG_END, default_zone=LONDON, stdin=io.BytesIO(BIG))


def parse_the_big_export() -> None:
    from icalendar import Calendar

    Calendar.from_ical(BIG)


def read_two_weeks_of_the_big_export() -> None:
    from callprep.calendar.events import read

    start = dt.datetime(2026, 11, 2, tzinfo=LONDON)
    read(["-"], start=start, end=start + dt.timedelta(days=14), default_zone=LONDON,
         stdin=io.BytesIO(BIG))  # fmt: skip


def deep_nesting() -> None:
    depth = 50_000
    _read(_calendar("DTSTART:20261104T150000Z", *(["BEGIN:X-DEEP"] * depth),
                    *(["END:X-DEEP"] * depth)))  # fmt: skip


# name: (what it does, seconds it may take at best of the runs)
CASES: dict[str, tuple[Callable[[], None], float]] = {
    "judge 1,000 objectives": (judge_a_thousand, 0.5),
    "refuse 3 huge date answers": (huge_dates, 0.5),
    "read 6 long odd date answers": (long_odd_dates, 2.0),
    "skip 7 hostile repeat rules": (hostile_rules, 7.0),  # a second each
    "read a zone of one change": (zone_of_one_change, 0.5),
    "read a zone of 200,000 changes": (zone_of_200000_changes, 2.0),
    "read a 2 MB description": (big_description, 2.0),
    "read an event nested 50,000 deep": (deep_nesting, 10.0),
    "parse the 1,000-event export (icalendar)": (parse_the_big_export, float("inf")),
    "read the 1,000-event export": (read_the_big_export, 2.0),
    "read two weeks of it": (read_two_weeks_of_the_big_export, 1.0),
}
# Expansion and extraction on top of icalendar's own parse: a fraction of it.
RATIO = ("read the 1,000-event export", "parse the 1,000-event export (icalendar)", 1.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    missed = 0
    bests: dict[str, float] = {}
    for name, (case, target) in CASES.items():
        case()  # warm up: imports, compiled patterns
        best = float("inf")
        for _ in range(args.runs):
            start = time.process_time()  # CPU time: other work on a busy machine does not count
            case()
            best = min(best, time.process_time() - start)
        bests[name] = best
        verdict = "ok" if best <= target else "MISSED"
        missed += verdict != "ok"
        shown = f"target {target:5.1f} s" if target != float("inf") else "(the floor)"
        print(f"{name:42} {best:8.3f} s   {shown:16} {verdict}")
    read, parse, limit = RATIO
    ratio = bests[read] / bests[parse]
    missed += ratio > limit
    print(f"{'read / parse':42} {ratio:8.2f} x   target {limit:5.1f} x   "
          f"{'ok' if ratio <= limit else 'MISSED'}")  # fmt: skip
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
