"""Import the 1,000-event export into an empty store, against parsing it with icalendar alone,
and into a seller's 10,000-plan store, against the empty store.

The export is tests/calendars.py's `big_export()` (a Google Calendar export: TZIDs and UTC
times, weekly series with exceptions, all-day and cancelled events, one to fifteen people).
`callprep import` runs as a subprocess over the export's whole quarter (every occurrence inside
the window, so every meeting is decided and written). Runs are interleaved (floor, empty store,
big store, floor, ...) so that a busy machine slows all alike, and the medians are compared:

- the floor is one Python process that parses the file with `icalendar.Calendar.from_ical`
  and does nothing else; the import into an empty store (a new one each time) may take 2x it;
- the big store holds 10,000 plans made as benchmarks/scale.py makes its store (three years
  of calls, a few hundred accounts with one to three deals each), the three years before the
  export's quarter; three in ten are with the export's 25 customer accounts (their people at
  the export's domains), so every meeting finds its account's earlier calls and carries what
  they taught forward. Its caches are warm, as a seller's store has them (`callprep list` ran
  since the last change). The import into it may take 1.5x the import into an empty store;
  the plans it makes are removed after each run (and `list` warms the caches again, untimed).

`--one-account` times, with no target, the extreme case: 604 meetings of one account into a
store that holds 3,845 earlier plans of that account (and into an empty one).

    python benchmarks/calendar_import.py                  # 1,000 events, 10,000 plans, 7 rounds
    python benchmarks/calendar_import.py --events 300 --plans 2000 --rounds 3
    python benchmarks/calendar_import.py --one-account    # the extreme case alone
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import tomli_w
from scale import FIRST, LAST, make_plan, snapshot_code
from timing import callprep_command, environment, timed

CPU: dict[str, list[tuple[float, float]]] = {"floor": [], "import": []}  # (user, system) seconds


def timed_cpu(name: str, command: list[str], env: dict[str, str]) -> float:
    """`timed`, also keeping the run's CPU time: user (Python) and system (the kernel's file work)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = timed(command, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(name, []).append(
        (after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime)
    )
    return elapsed


LIMIT = 2.0
STORE_LIMIT = 1.5
ROOT = Path(__file__).resolve().parent.parent
PROFILE = 'name = "Sam Carter"\nemail = "sam.carter@ourco.example"\ntimezone = "Europe/London"\n'
# The share of the big store's plans that are with the export's accounts.
ACTIVE_SHARE = 0.3

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


# --- stores ----------------------------------------------------------------------------------


def _with_people_at(plan: dict, domain: str) -> dict:
    """The plan's customer people at `domain`, ours at ourco.example, as an import finds them."""
    for person in plan["attendees"]:
        first, last = person["name"].lower().split()
        side = domain if person["side"] == "customer" else "ourco.example"
        person["email"] = f"{first}.{last}@{side}"
    return plan


def _moved(plan: dict, days: int) -> dict:
    """The plan `days` earlier (its id follows, as the store's ids do)."""
    shift = dt.timedelta(days=days)
    old = plan["starts_at"]
    plan["starts_at"] = old - shift
    if "debrief" in plan:
        plan["debrief"]["held_at"] -= shift
    plan["id"] = f"{plan['starts_at']:%Y-%m-%d}{plan['id'][10:]}"
    return plan


def history_store(home: Path, plans: int, domains: list[str], seed: int = 7) -> None:
    """`plans` plan files under home/plans: three years of calls before the export's quarter,
    ACTIVE_SHARE of them with the export's accounts (see the module's notes)."""
    from callprep.calendar.meetings import account_from_domain

    rng = random.Random(seed)
    folder = home / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    (home / "profile.toml").write_text(PROFILE, encoding="utf-8")
    words = ["fleet", "pilot", "rollout", "dispatch", "renewal", "pricing", "depot"]
    companies = [f"{w.capitalize()} {rng.choice(LAST)} {i}" for i, w in enumerate(words * 46)]
    others = [(c, f"{rng.choice(words).capitalize()} deal") for c in companies]
    others += [(c, f"{rng.choice(words).capitalize()} phase 2") for c in companies[::3]]
    active = [
        (account_from_domain(domain), f"{rng.choice(words).capitalize()} {n}", domain)
        for domain in domains
        for n in range(rng.randint(1, 3))
    ]
    for index in range(plans):
        if rng.random() < ACTIVE_SHARE:
            account, opportunity, domain = rng.choice(active)
            plan = _with_people_at(make_plan(rng, index, [(account, opportunity)]), domain)
        else:
            plan = make_plan(rng, index, others)
        plan = _moved(plan, 92)  # 2024-2026 made to end where the export's quarter begins
        (folder / f"{plan['id']}.toml").write_text(tomli_w.dumps(plan), encoding="utf-8")


def one_account(root: Path, plans: int, meetings: int) -> tuple[Path, Path]:
    """A store of `plans` earlier calls of one account (three deals) and a calendar of
    `meetings` one-off meetings of it in the quarter after them."""
    rng = random.Random(22)
    home = root / "one-account"
    folder = home / "plans"
    folder.mkdir(parents=True)
    (home / "profile.toml").write_text(PROFILE, encoding="utf-8")
    deals = [("Globex Logistics", deal) for deal in ("Fleet pilot", "Depot rollout", "Renewal")]
    for index in range(plans):
        plan = _with_people_at(make_plan(rng, index, deals), "globex-logistics.example")
        (folder / f"{plan['id']}.toml").write_text(tomli_w.dumps(plan), encoding="utf-8")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//callprep benchmark//EN"]
    for n in range(meetings):
        day = dt.date(2027, 2, 1) + dt.timedelta(days=rng.randrange(0, 85))
        start = dt.datetime.combine(day, dt.time(rng.randrange(8, 17), rng.choice((0, 30))))
        end = start + dt.timedelta(minutes=45)
        people = sorted({f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)})
        lines += [
            "BEGIN:VEVENT",
            f"UID:one-account-{n}@bench.example",
            f"DTSTART;TZID=Europe/London:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/London:{end:%Y%m%dT%H%M%S}",
            f"SUMMARY:Globex call {n}",
            "ORGANIZER;CN=Sam Carter:mailto:sam.carter@ourco.example",
            *(
                f"ATTENDEE;CN={name}:mailto:{name.lower().replace(' ', '.')}"
                "@globex-logistics.example"
                for name in people
            ),
            "END:VEVENT",
        ]
    calendar = root / "one-account.ics"
    calendar.write_bytes("".join(line + "\r\n" for line in [*lines, "END:VCALENDAR"]).encode())
    return home, calendar


class Store:
    """A store imported into again and again: what an import adds is taken out after it, and
    `list` brings the caches up to date, as a seller's store has them (neither is timed)."""

    def __init__(self, home: Path, env: dict[str, str]) -> None:
        self.home = home
        self.env = env
        self.names = {path.name for path in (home / "plans").iterdir()}
        self.warm()

    def warm(self) -> None:
        timed([*callprep_command(), "--home", str(self.home), "list", "--json"], self.env)

    def restore(self) -> int:
        """Take out what the last import added (its plans, and any lock files): how many plans."""
        added = [p for p in (self.home / "plans").iterdir() if p.name not in self.names]
        for path in added:
            path.unlink()
        self.warm()
        return sum(1 for path in added if path.suffix == ".toml")


def import_command(home: Path, calendar: Path, start: str, days: int) -> list[str]:
    return [
        *callprep_command(),
        "--home",
        str(home),
        "import",
        str(calendar),
        "--start",
        start,
        "--days",
        str(days),
    ]


def fresh_home(work: Path) -> Path:
    # A new folder each time: removing a thousand files just written keeps the disk's journal
    # busy, and would slow the next import down for reasons of the benchmark's.
    home = Path(tempfile.mkdtemp(dir=work, prefix="home-"))
    (home / "profile.toml").write_text(PROFILE, encoding="utf-8")
    return home


# --- cases -----------------------------------------------------------------------------------


def export_cases(args: argparse.Namespace, work: Path, env: dict[str, str]) -> bool:
    from tests.calendars import big_export, export_domains

    export = work / "export.ics"
    export.write_bytes(big_export(args.events))
    big_home = work / "big"
    history_store(big_home, args.plans, export_domains())
    big = Store(big_home, env)
    floor_cmd = [sys.executable, "-c", FLOOR, str(export)]
    samples: dict[str, list[float]] = {"floor": [], "import": [], "store": []}
    plans = 0

    def run_empty() -> float:
        nonlocal plans
        home = fresh_home(work)
        elapsed = timed_cpu("import", import_command(home, export, "2026-10-01", 92), env)
        plans = len(list((home / "plans").glob("*.toml")))
        return elapsed

    def run_big() -> float:
        elapsed = timed_cpu("store", import_command(big_home, export, "2026-10-01", 92), env)
        made = big.restore()
        if made != plans:
            sys.exit(f"the big store got {made} plans, the empty one {plans}")
        return elapsed

    timed(floor_cmd, env)  # warm-up: disk cache, .pyc files
    run_empty()
    run_big()
    creates: list[float] = []
    for _ in range(args.rounds):
        samples["floor"].append(timed_cpu("floor", floor_cmd, env))
        samples["import"].append(run_empty())
        samples["store"].append(run_big())
        creates.append(bare_creates(work, plans))
    floor = statistics.median(samples["floor"])
    imported = statistics.median(samples["import"])
    stored = statistics.median(samples["store"])
    ratio, store_ratio = imported / floor, stored / imported
    print(f"events in the export:          {args.events}")
    print(f"plans made:                    {plans}")
    print(f"icalendar parse alone (floor): {floor:.3f} s (median of {args.rounds})")
    print(f"import, empty store:           {imported:.3f} s")
    print(f"ratio:                         {ratio:.2f}x (limit {LIMIT:.1f}x)")
    print(f"import, {args.plans:,}-plan store:   {stored:.3f} s")
    print(f"ratio to the empty store:      {store_ratio:.2f}x (limit {STORE_LIMIT:.1f}x)")
    for name in ("floor", "import", "store"):
        runs = CPU[name][-args.rounds :]
        user = statistics.median(u for u, _ in runs)
        system = statistics.median(s for _, s in runs)
        print(f"  {name:6} CPU: user {user:.3f} s, system {system:.3f} s (medians)")
    # What this machine charges for the files alone, whoever writes them: a plan is a file.
    print(
        f"  {plans} files made by a bare loop: median {statistics.median(creates):.3f} s "
        f"(from {min(creates):.3f} to {max(creates):.3f} s), part of the import's time"
    )
    return ratio <= LIMIT and store_ratio <= STORE_LIMIT


def one_account_case(args: argparse.Namespace, work: Path, env: dict[str, str]) -> bool:
    plans, meetings = 3845, 604
    home, calendar = one_account(work, plans, meetings)
    store = Store(home, env)
    window = ("2027-02-01", 90)
    samples: dict[str, list[float]] = {"empty": [], "store": []}
    for _ in range(args.rounds):
        samples["empty"].append(timed(import_command(fresh_home(work), calendar, *window), env))
        samples["store"].append(timed(import_command(home, calendar, *window), env))
        store.restore()
    empty, full = (statistics.median(samples[name]) for name in ("empty", "store"))
    print(f"{meetings} meetings of one account (medians of {args.rounds}, no target):")
    print(f"  into an empty store:                    {empty:.3f} s")
    print(f"  into {plans:,} earlier plans of that account: {full:.3f} s ({full / empty:.1f}x)")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--one-account", action="store_true", help="the extreme case alone")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="callprep-import-bench-"))
    code = ""
    try:
        # The index is keyed on a fingerprint of callprep's code: a copy of it, so an edit in
        # the work tree meanwhile cannot throw a warm cache away mid-measurement.
        code = snapshot_code(Path(tempfile.mkdtemp(prefix="callprep-code-")))
        # As installed, callprep runs from compiled bytecode (icalendar, the floor's, does):
        # the warm-up runs write it.
        env = environment(NO_COLOR="1", PYTHONPATH=code)
        if args.one_account:
            ok = one_account_case(args, work, env)
        else:
            ok = export_cases(args, work, env)
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if code:
            shutil.rmtree(code, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
