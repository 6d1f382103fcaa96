"""What the benchmark scripts share: find the console script, time a command, interleave runs."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path


def callprep_command() -> list[str]:
    """The `callprep` console script beside this Python, else `python -m callprep`."""
    script = shutil.which("callprep", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "callprep"]


def environment(**extra: str) -> dict[str, str]:
    """This process's environment with `extra`, and bytecode written as an installed callprep
    has it (the warm-up runs write it; a PYTHONDONTWRITEBYTECODE=1 here would time compiling)."""
    env = {**os.environ, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(command: list[str], env: Mapping[str, str]) -> float:
    """Wall-clock seconds of one run; a failing command stops the benchmark with its stderr."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def interleaved_medians(
    commands: Mapping[str, list[str]], env: Mapping[str, str], runs: int
) -> dict[str, float]:
    """Median seconds of each command, run in turn (a, b, c, a, b, c, ...) after one warm-up each,
    so that a busy machine slows them all alike."""
    for command in commands.values():
        timed(command, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(timed(command, env))
    return {name: statistics.median(values) for name, values in samples.items()}
