"""Import the 1,000-event export into an empty store, against parsing it with icalendar alone.

The export is tests/calendars.py's `big_export()` (a Google Calendar export: TZIDs and UTC
times, weekly series with exceptions, all-day and cancelled events, one to fifteen people). The
floor is one Python process that parses the file with `icalendar.Calendar.from_ical` and does
nothing else. `callprep import` runs as a subprocess over the export's whole quarter (every
occurrence inside the window, so every meeting is decided and written), into an empty store each
time. Runs are interleaved (floor, import, floor, ...) so that a busy machine slows both alike,
and the medians are compared. The issue asks for import <= 2x the floor.

    python benchmarks/calendar_import.py              # 1,000 events, 7 rounds
    python benchmarks/calendar_import.py --events 300 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from timing import callprep_command, environment, timed

CPU: dict[str, list[tuple[float, float]]] = {"floor": [], "import": []}  # (user, system) seconds


def timed_cpu(name: str, command: list[str], env: dict[str, str]) -> float:
    """`timed`, also keeping the run's CPU time: user (Python) and system (the kernel's file work)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = timed(command, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[name].append((after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime))
    return elapsed


LIMIT = 2.0
ROOT = Path(__file__).resolve().parent.parent

FLOOR = (
    "import sys, icalendar\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    icalendar.Calendar.from_ical(f.read())\n"
)


def bare_creates(work: Path, count: int) -> float:
    """Seconds for a plain Python loop to create `count` small files (as the import writes its
    plans: a temporary name, then renamed) in a new folder: the machine's own cost of files."""
    folder = Path(tempfile.mkdtemp(dir=work, prefix="bare-"))
    data = b"x" * 1500
    start = time.perf_counter()
    for n in range(count):
        temp = folder / f".{n}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, data)
        os.close(fd)
        os.replace(temp, folder / f"{n}.toml")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from tests.calendars import big_export

    work = Path(tempfile.mkdtemp(prefix="callprep-import-bench-"))
    try:
        export = work / "export.ics"
        export.write_bytes(big_export(args.events))
        (work / "profile").mkdir()
        profile = (
            'name = "Sam Carter"\nemail = "sam.carter@ourco.example"\ntimezone = "Europe/London"\n'
        )
        # As installed, callprep runs from compiled bytecode (icalendar, the floor's, does):
        # the warm-up run writes it.
        env = environment(NO_COLOR="1")
        floor_cmd = [sys.executable, "-c", FLOOR, str(export)]
        samples: dict[str, list[float]] = {"floor": [], "import": []}
        plans = 0

        def run_import() -> float:
            nonlocal plans
            # A new folder each time: removing a thousand files just written keeps the disk's
            # journal busy, and would slow the next import down for reasons of the benchmark's.
            home = Path(tempfile.mkdtemp(dir=work, prefix="home-"))
            (home / "profile.toml").write_text(profile, encoding="utf-8")
            command = [
                *callprep_command(),
                "--home",
                str(home),
                "import",
                str(export),
                "--start",
                "2026-10-01",
                "--days",
                "92",
            ]
            elapsed = timed_cpu("import", command, env)
            plans = len(list((home / "plans").glob("*.toml")))
            return elapsed

        timed(floor_cmd, env)  # warm-up: disk cache, .pyc files
        run_import()
        creates: list[float] = []
        for _ in range(args.rounds):
            samples["floor"].append(timed_cpu("floor", floor_cmd, env))
            samples["import"].append(run_import())
            creates.append(bare_creates(work, plans))
        floor = statistics.median(samples["floor"])
        imported = statistics.median(samples["import"])
        ratio = imported / floor
        print(f"events in the export:          {args.events}")
        print(f"plans made:                    {plans}")
        print(f"icalendar parse alone (floor): {floor:.3f} s (median of {args.rounds})")
        print(f"callprep import:               {imported:.3f} s")
        print(f"ratio:                         {ratio:.2f}x (limit {LIMIT:.1f}x)")
        for name in ("floor", "import"):
            runs = CPU[name][-args.rounds :]
            user = statistics.median(u for u, _ in runs)
            system = statistics.median(s for _, s in runs)
            print(f"  {name:6} CPU: user {user:.3f} s, system {system:.3f} s (medians)")
        # What this machine charges for the files alone, whoever writes them: a plan is a file.
        print(
            f"  {plans} files made by a bare loop: median {statistics.median(creates):.3f} s "
            f"(from {min(creates):.3f} to {max(creates):.3f} s), part of the import's time"
        )
        return 0 if ratio <= LIMIT else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
