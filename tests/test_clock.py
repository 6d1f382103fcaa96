"""One clock: `callprep.clock` is the only module that reads the system's time.

The scan reads the code, as the layer test does, so a new `date.today()` anywhere else fails here
before it can make the suite depend on the day it runs.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
from pathlib import Path

import pytest

from callprep import clock

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "callprep"
CLOCK = PACKAGE / "clock.py"

# Calls that read the time: `X.today()`, `X.now()` … on the datetime types and the time module.
READERS = {
    "date": {"today"},
    "datetime": {"today", "now", "utcnow"},
    "time": {"time", "time_ns", "localtime", "gmtime", "ctime", "asctime", "clock_gettime"},
}


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def clock_reads(source: str) -> list[str]:
    """Where `source` reads the system clock: `line: call` for each call or import of one."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = _dotted(node.func.value).rsplit(".", 1)[-1]
            # A bare `time.gmtime(t)` or `localtime(t)` converts a given time: only no-arg reads.
            converts = owner == "time" and node.func.attr in ("gmtime", "localtime", "ctime")
            if node.func.attr in READERS.get(owner, ()) and not (converts and node.args):
                found.append((node.lineno, f"{_dotted(node.func)}()"))
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            for alias in node.names:
                if alias.name in READERS["time"]:
                    found.append((node.lineno, f"from time import {alias.name}"))
    return [f"{line}: {what}" for line, what in sorted(found)]


def test_the_scan_finds_every_way_of_reading_the_clock() -> None:
    source = (
        "import datetime as dt, time\n"
        "from datetime import date, datetime\n"
        "a = dt.date.today()\n"
        "b = datetime.now()\n"
        "c = dt.datetime.utcnow()\n"
        "d = time.time()\n"
        "e = time.time_ns()\n"
        "f = time.localtime()\n"
        "from time import time_ns\n"
    )
    assert [line.split(":")[0] for line in clock_reads(source)] == [
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
    ]


def test_the_scan_leaves_what_only_looks_like_a_clock_alone() -> None:
    source = (
        "import time\n"
        "clock.now()\n"
        "self.clock.today()\n"
        "time.monotonic()\n"
        "time.sleep(1)\n"
        "time.gmtime(0)\n"
        "dt.datetime.fromtimestamp(path.stat().st_mtime)\n"
    )
    assert clock_reads(source) == []


@pytest.mark.parametrize(
    "path",
    sorted(p for p in PACKAGE.rglob("*.py") if p != CLOCK),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_no_module_but_the_clock_reads_the_time(path: Path) -> None:
    reads = clock_reads(path.read_text(encoding="utf-8"))
    assert not reads, (
        f"{path.relative_to(PACKAGE)} reads the system clock: {reads}; use callprep.clock"
    )


def test_the_clock_module_is_where_the_time_is_read() -> None:
    assert clock_reads(CLOCK.read_text(encoding="utf-8")), "the scan no longer sees the clock"


# --- the clock itself ------------------------------------------------------------------------------


def test_the_frozen_instant_is_what_callprep_reads(frozen_now: dt.datetime) -> None:
    assert clock.now() == frozen_now
    assert clock.today(dt.UTC) == frozen_now.date()
    tokyo = clock.now(dt.timezone(dt.timedelta(hours=9)))
    assert tokyo == frozen_now and tokyo.utcoffset() == dt.timedelta(hours=9)


@pytest.mark.now("2027-03-01T23:30:00+00:00")
def test_today_is_the_sellers_day_where_they_are() -> None:
    from zoneinfo import ZoneInfo

    assert clock.today(ZoneInfo("Europe/London")) == dt.date(2027, 3, 1)
    assert clock.today(ZoneInfo("Asia/Tokyo")) == dt.date(2027, 3, 2)
    assert clock.today(ZoneInfo("America/Los_Angeles")) == dt.date(2027, 3, 1)


@pytest.mark.real_clock
def test_file_time_is_the_file_systems_time_even_when_the_clock_is_stopped(
    tmp_path: Path,
) -> None:
    """About the real clock: a file written now is dated no later than `file_time_ns()` says,
    and the answer does not move with a stopped or moved clock (here: stopped a year back)."""
    import time_machine

    written = tmp_path / "written"
    written.write_text("x", encoding="utf-8")
    with time_machine.travel(dt.datetime(2025, 1, 1, tzinfo=dt.UTC), tick=False):
        now = clock.file_time_ns()
        assert clock.now().year == 2025
    assert written.stat().st_mtime_ns <= now
    assert now - written.stat().st_mtime_ns < 60 * 1_000_000_000
    assert abs(clock.file_time() - os.stat(written).st_mtime) < 60
