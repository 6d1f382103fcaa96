"""A seller's whole history: time `list --json` and `stats --json` on 10,000 plans against a floor,
and the commands about one plan against the same plan alone.

The floor is one Python process that reads and parses every plan file with tomllib and does
nothing else. The real console script runs as a subprocess, runs are interleaved (floor, list,
stats, floor, ...) so that disk cache and CPU frequency treat them alike, and the medians are
compared. The issues ask for list <= 1.5x and stats <= 2x the floor, and for `brief` of one
plan in the big store <= 1.5x `brief` of the same plan alone in an empty store (one-plan
commands cost what the plan's deal costs, not the store). The text `list` is timed against
`list --json` too, for information.

    python benchmarks/scale.py                # 10,000 plans, 7 rounds
    python benchmarks/scale.py --plans 2000 --rounds 5 --keep /tmp/store
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import tomli_w
from timing import environment, timed

LIST_LIMIT = 1.5
STATS_LIMIT = 2.0
ONE_PLAN_LIMIT = 1.5

FLOOR = (
    "import sys, tomllib, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.toml')):\n"
    "    tomllib.loads(p.read_text(encoding='utf-8'))\n"
)

FIRST = ["Dana", "Priya", "Marco", "Aisha", "Tom", "Keiko", "Lars", "Fatima", "Jo", "Wei"]
LAST = ["Lee", "Patel", "Ruiz", "Okafor", "Berg", "Tanaka", "Nilsen", "Haddad", "Kim", "Moreau"]
ROLES = ["VP Operations", "CFO", "IT lead", "Procurement", "Fleet manager", "CTO", "Head of Sales"]
WORDS = [
    "fleet", "pilot", "rollout", "dispatch", "integration", "renewal", "pricing", "security",
    "review", "depot", "savings", "dashboard", "contract", "board", "budget", "trucks",
]  # fmt: skip
BEST = [
    "{n} agrees to a 30-day pilot with {k} trucks starting {d}",
    "{n} signs the order form by {d}",
    "{n} books a security review with their IT lead before {d}",
    "{n} commits to a budget of ${k}k for the rollout",
    "Pitch the product and see what they want",
    "",
]
MINIMUM = [
    "{n} introduces us to the CFO before {d}",
    "{n} shares the utilisation numbers by {d}",
    "{n} agrees to a follow-up call next week",
    "",
]
KINDS = ["discovery", "demo", "proposal", "negotiation", "review", "other"]


def sentence(rng: random.Random, low: int = 4, high: int = 14) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize()


def maybe(rng: random.Random, chance: float, text: str) -> str:
    return text if rng.random() < chance else ""


def make_plan(rng: random.Random, index: int, accounts: list[tuple[str, str]]) -> dict:
    account, opportunity = rng.choice(accounts)
    start = dt.datetime(2024, 1, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5))) + dt.timedelta(
        days=rng.randint(0, 3 * 365), hours=rng.randint(0, 8)
    )
    name = rng.choice(FIRST)
    fill = {"n": name, "k": rng.randint(5, 400), "d": f"{start + dt.timedelta(days=14):%-d %b}"}
    kind = rng.choice(KINDS)
    plan: dict = {
        "schema_version": 1,
        "id": f"{start:%Y-%m-%d}-{account.lower().replace(' ', '-')}-{kind}-{index}",
        "account": account,
        "opportunity": opportunity,
        "kind": kind,
        "starts_at": start,
        "duration_minutes": rng.choice([30, 45, 60]),
        "playbook": "standard",
        "questions": [sentence(rng) + "?" for _ in range(rng.randint(0, 4))],
        "objective": {
            "best": rng.choice(BEST).format(**fill),
            "minimum": rng.choice(MINIMUM).format(**fill),
            "customer": maybe(rng, 0.7, sentence(rng)),
        },
        "agenda": {
            "items": [sentence(rng, 2, 6) for _ in range(rng.randint(0, 5))],
            "shared": (shared := rng.random() < 0.6),
            "confirmed": shared and rng.random() < 0.6,
            "customer_prep": [sentence(rng, 2, 5) for _ in range(rng.randint(0, 2))],
        },
        "discovery": {
            "why_looking": maybe(rng, 0.6, sentence(rng)),
            "urgency": maybe(rng, 0.5, sentence(rng)),
            "consequence": maybe(rng, 0.3, sentence(rng)),
            "attitude_to_us": maybe(rng, 0.5, sentence(rng)),
            "competition": maybe(rng, 0.4, sentence(rng)),
            "decision_process": maybe(rng, 0.4, sentence(rng)),
        },
        "attendees": [
            {
                "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "role": rng.choice(ROLES),
                "side": "customer" if n else "ours",
            }
            for n in range(rng.randint(1, 4))
        ],
    }
    if rng.random() < 0.5:
        plan["discovery"]["deadline"] = (start + dt.timedelta(days=rng.randint(30, 200))).date()
    if start.date() < dt.date(2026, 6, 1) and rng.random() < 0.7:
        plan["debrief"] = {
            "held_at": start + dt.timedelta(hours=1),
            "outcome": rng.choices(["best", "minimum", "none"], weights=[2, 3, 3])[0],
            "customer_objective_met": rng.random() < 0.6,
            "customer_prepared": rng.random() < 0.4,
            "summary": sentence(rng, 8, 30),
            "engagement": rng.randint(1, 5),
            "off_script": [sentence(rng) for _ in range(rng.randint(0, 2))],
            "could_have_done_more": maybe(rng, 0.5, sentence(rng)),
            "next_step": maybe(rng, 0.8, sentence(rng)),
            "learned": {"urgency": sentence(rng)} if rng.random() < 0.3 else {},
            "commitments": [
                {
                    "who": rng.choice(["customer", "ours"]),
                    "what": sentence(rng, 3, 8),
                    "due": (start + dt.timedelta(days=rng.randint(2, 20))).date(),
                    "done": rng.random() < 0.7,
                }
                for _ in range(rng.randint(0, 3))
            ],
        }
    return plan


def build_store(home: Path, plans: int, seed: int = 7) -> Path:
    """`plans` plan files under home/plans, varied like a real seller's three years of calls."""
    rng = random.Random(seed)
    folder = home / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    companies = [f"{rng.choice(LAST)} {rng.choice(['Logistics', 'Foods', 'Corp', 'Group'])}"]
    companies += [f"{w.capitalize()} {rng.choice(LAST)} {i}" for i, w in enumerate(WORDS * 20)]
    accounts = [
        (company, f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}")
        for company in companies
        for _ in range(rng.randint(1, 3))
    ]
    for index in range(plans):
        plan = make_plan(rng, index, accounts)
        text = tomli_w.dumps(plan)
        (folder / f"{plan['id']}.toml").write_text(text, encoding="utf-8")
    return folder


def busiest_plan(folder: Path) -> str:
    """The latest plan of the account with the most plans: the costliest deal to brief."""
    import tomllib
    from collections import Counter

    accounts = {
        path.stem: tomllib.loads(path.read_text(encoding="utf-8")).get("account", "")
        for path in folder.glob("*.toml")
    }
    busiest, _ = Counter(accounts.values()).most_common(1)[0]
    return max(plan_id for plan_id, account in accounts.items() if account == busiest)


def console_script() -> str:
    found = shutil.which("callprep", path=str(Path(sys.executable).parent)) or shutil.which(
        "callprep"
    )
    if not found:
        sys.exit("no `callprep` console script next to this Python or on PATH; pip install -e .")
    return found


def snapshot_code(into: Path) -> str:
    """A copy of the callprep package under test, for PYTHONPATH.

    The index is keyed on a fingerprint of callprep's code, so an edit made in the work tree
    while the benchmark runs would (rightly) throw the cache away mid-measurement.
    """
    import callprep

    package = Path(callprep.__file__).parent
    shutil.copytree(package, into / "callprep", ignore=shutil.ignore_patterns("__pycache__"))
    return str(into)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    args = parser.parse_args()

    home = args.keep or Path(tempfile.mkdtemp(prefix="callprep-scale-"))
    code = ""
    try:
        folder = build_store(home, args.plans)
        script = console_script()
        code = snapshot_code(Path(tempfile.mkdtemp(prefix="callprep-code-")))
        env = environment(CALLPREP_HOME=str(home), NO_COLOR="1", PYTHONPATH=code)
        floor_cmd = [sys.executable, "-c", FLOOR, str(folder)]
        list_cmd = [script, "list", "--json"]
        stats_cmd = [script, "stats", "--json"]

        # One plan of a busy account, and the same plan alone in a store of its own.
        chosen = busiest_plan(folder)
        alone = Path(tempfile.mkdtemp(prefix="callprep-alone-"))
        (alone / "plans").mkdir()
        shutil.copy(folder / f"{chosen}.toml", alone / "plans")
        alone_env = {**env, "CALLPREP_HOME": str(alone)}
        brief_cmd = [script, "brief", chosen]
        text_cmd = [script, "list"]

        cold_list = timed(list_cmd, env)  # the first run also builds any cache
        timed(brief_cmd, alone_env)
        names = ("floor", "list", "stats", "brief", "alone", "text")
        times: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(args.rounds):
            times["floor"].append(timed(floor_cmd, env))
            times["list"].append(timed(list_cmd, env))
            times["stats"].append(timed(stats_cmd, env))
            times["brief"].append(timed(brief_cmd, env))
            times["alone"].append(timed(brief_cmd, alone_env))
            times["text"].append(timed(text_cmd, env))
        shutil.rmtree(alone, ignore_errors=True)
        medians = {name: statistics.median(values) for name, values in times.items()}
        floor = medians["floor"]
        print(f"{args.plans} plans, {args.rounds} interleaved rounds, medians:")
        print(f"  floor (tomllib only)  {floor:6.3f} s")
        print(
            f"  first `list --json`   {cold_list:6.3f} s  ratio {cold_list / floor:4.2f} "
            "(one run, building the index; not limited)"
        )
        ok = True
        for name, limit in (("list", LIST_LIMIT), ("stats", STATS_LIMIT)):
            ratio = medians[name] / floor
            ok &= ratio <= limit
            verdict = "ok" if ratio <= limit else "TOO SLOW"
            print(
                f"  `{name} --json`{' ' * (8 - len(name))}{medians[name]:6.3f} s  "
                f"ratio {ratio:4.2f} (limit {limit}) {verdict}"
            )
        ratio = medians["brief"] / medians["alone"]
        ok &= ratio <= ONE_PLAN_LIMIT
        verdict = "ok" if ratio <= ONE_PLAN_LIMIT else "TOO SLOW"
        print(
            f"  `brief` of one plan   {medians['brief']:6.3f} s  ratio {ratio:4.2f} to the same "
            f"plan alone ({medians['alone']:.3f} s; limit {ONE_PLAN_LIMIT}) {verdict}"
        )
        print(
            f"  `list` (text)         {medians['text']:6.3f} s  ratio "
            f"{medians['text'] / medians['list']:4.2f} to `list --json` (not limited)"
        )
        sys.exit(0 if ok else 1)
    finally:
        if args.keep is None:
            shutil.rmtree(home, ignore_errors=True)
        if code:
            shutil.rmtree(code, ignore_errors=True)


if __name__ == "__main__":
    main()
