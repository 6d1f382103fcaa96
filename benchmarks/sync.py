"""Time `sync` of a 10,000-plan team store against the bare git sequence on an equivalent copy.

    python benchmarks/sync.py                         # 10,000 plans, 10 changed, 7 rounds
    python benchmarks/sync.py --teammate              # a teammate pushed 10 other plans too
    python benchmarks/sync.py --plans 2000 --rounds 5 --keep /tmp/team

Two identical setups are built: a bare repository as the team's remote and a seller's store
made a team store by `gitstore.init` (so both hold the same 10,000 plans, history, index and
config). Each round changes the same 10 plans in both stores (and, with --teammate, pushes the
same 10 other changes to both remotes from a teammate's clone), then times

    sync:      callprep --home HOME sync          (the command a seller runs: a new process)
    baseline:  git add -A && git commit -m x && git pull --rebase && git push

in turn (which goes first alternates), and compares the medians. The issue asks for
sync <= 1.5x the baseline; exit 1 when it is missed. The engine alone (gitstore.sync in this
process, without Python's start) is printed too, to see where the time goes.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import build_store
from timing import callprep_command, environment, timed

from callprep.team import gitstore

LIMIT = 1.5
WHO = "ann@ourco.example"
TEAMMATE = "bob@ourco.example"
BASELINE = "git add -A && git commit -q -m x && git pull -q --rebase && git push -q"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def identity(name: str, email: str) -> dict[str, str]:
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }


def build(root: Path, plans: int) -> tuple[Path, Path, Path, Path]:
    """Two equivalent team setups: (sync's home, baseline's home, their remotes' folder...)."""
    remote = root / "team.git"
    git("init", "-q", "--bare", "--initial-branch=main", str(remote), cwd=root)
    home = root / "sync-home"
    build_store(home, plans)
    gitstore.init(home, str(remote), WHO)
    settle(home)
    (home / "profile.toml").write_text(f'email = "{WHO}"\n', encoding="utf-8")
    twin_remote = root / "twin.git"
    twin = root / "baseline-home"
    shutil.copytree(remote, twin_remote, symlinks=True)
    shutil.copytree(home, twin, symlinks=True)
    git("remote", "set-url", "origin", str(twin_remote), cwd=twin)
    # The copy has new inodes: let git see that once, so neither side pays for it when timed.
    git("update-index", "-q", "--refresh", cwd=twin)
    git("update-index", "-q", "--refresh", cwd=home)
    return home, twin, remote, twin_remote


def settle(home: Path) -> None:
    """Wait for the `git gc --auto` that committing 10,000 new files starts in the background,
    then pack what is left, so the copy is of a quiet repository and both sides start packed."""
    time.sleep(1)
    while (home / ".git" / "gc.pid").exists():
        time.sleep(0.2)
    git("gc", "-q", cwd=home)


def teammates(root: Path, remote: Path, twin_remote: Path) -> tuple[Path, Path]:
    """A teammate's plain clone of each remote, to push changes from."""
    clones = root / "teammate-sync", root / "teammate-baseline"
    for clone, source in zip(clones, (remote, twin_remote), strict=True):
        git("clone", "-q", str(source), str(clone), cwd=root)
    return clones


def change(home: Path, names: list[str], tag: str) -> None:
    """The same edit to the same plans in either store (a line more, still valid TOML)."""
    for name in names:
        path = home / "plans" / name
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"# edited: {tag}\n")


def teammate_push(clones: tuple[Path, Path], names: list[str], tag: str) -> None:
    env = {**os.environ, **identity("Bob", TEAMMATE)}
    for clone in clones:
        subprocess.run(["git", "pull", "-q", "--rebase"], cwd=clone, env=env, check=True)
        change(clone, names, tag)
        subprocess.run(["git", "commit", "-q", "-am", tag], cwd=clone, env=env, check=True)
        subprocess.run(["git", "push", "-q"], cwd=clone, env=env, check=True)


def time_engine(home: Path) -> float:
    start = time.perf_counter()
    result = gitstore.sync(home, WHO)
    elapsed = time.perf_counter() - start
    if result.new_conflicts:
        sys.exit(f"sync made conflict copies it should not have: {result.new_conflicts}")
    return elapsed


def time_command(home: Path) -> float:
    command = [*callprep_command(), "--home", str(home), "sync"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=environment())
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or "conflict" in done.stdout.lower():
        sys.exit(f"callprep sync did not sync cleanly:\n{done.stdout}{done.stderr}")
    return elapsed


def same_plans(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in (a / "plans").glob("*.toml"))
    if names != sorted(p.name for p in (b / "plans").glob("*.toml")):
        return False
    return all((a / "plans" / n).read_bytes() == (b / "plans" / n).read_bytes() for n in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--teammate", action="store_true", help="a teammate pushes changes too")
    parser.add_argument("--keep", type=Path, help="build everything here and keep it")
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="callprep-sync-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        home, twin, remote, twin_remote = build(root, args.plans)
        clones = teammates(root, remote, twin_remote) if args.teammate else None
        print(f"built two {args.plans}-plan team stores in {time.perf_counter() - start:.1f} s")

        rng = random.Random(11)
        names = sorted(p.name for p in (home / "plans").glob("*.toml"))
        env = {**os.environ, **identity("Ann", WHO), "TWIN": str(twin)}
        baseline = ["sh", "-c", f'cd "$TWIN" && {BASELINE}']
        times: dict[str, list[float]] = {"sync": [], "baseline": [], "engine": []}
        for round_ in range(args.rounds + 1):  # round 0 warms both up and is not counted
            picked = rng.sample(names, 2 * args.changed)
            mine, theirs = picked[: args.changed], picked[args.changed :]
            if clones:
                teammate_push(clones, theirs, f"team-{round_}")
            change(home, mine, f"mine-{round_}")
            change(twin, mine, f"mine-{round_}")
            order = ["sync", "baseline"] if round_ % 2 else ["baseline", "sync"]
            for name in order:
                elapsed = time_command(home) if name == "sync" else timed(baseline, env)
                if round_:
                    times[name].append(elapsed)
            # The engine alone, on a second change of the same plans (not compared).
            change(home, mine, f"again-{round_}")
            change(twin, mine, f"again-{round_}")
            timed(baseline, env)
            elapsed = time_engine(home)
            if round_:
                times["engine"].append(elapsed)
        if not same_plans(home, twin):
            sys.exit("the two stores differ after the runs: the benchmark compared unlike work")

        medians = {name: statistics.median(values) for name, values in times.items()}
        ratio = medians["sync"] / medians["baseline"]
        scenario = f"{args.changed} changed here" + (
            f", {args.changed} by a teammate" if args.teammate else ""
        )
        print(f"{args.plans} plans, {scenario}, {args.rounds} interleaved rounds, medians:")
        print(f"  baseline ({BASELINE})  {medians['baseline']:6.3f} s")
        verdict = "ok" if ratio <= LIMIT else "TOO SLOW"
        print(
            f"  callprep sync  {medians['sync']:6.3f} s  ratio {ratio:4.2f} (limit {LIMIT}) {verdict}"
        )
        print(f"  of which gitstore.sync in-process  {medians['engine']:6.3f} s (not limited)")
        sys.exit(0 if ratio <= LIMIT else 1)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
