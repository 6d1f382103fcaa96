"""Start-up time of callprep against a floor measured in the same run: a Python that only imports typer.

    python benchmarks/startup.py [--runs 21]

Runs are interleaved (floor, help, brief, floor, help, brief, ...) so that a busy machine slows
all three alike; the medians and their ratios to the floor are printed. Targets (issue 8):
`callprep --help` <= 1.5x the floor, `callprep brief <example>` (terminal) <= 2.5x.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from timing import callprep_command, interleaved_medians

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "discovery-prepared.toml"
TARGETS = {"help": 1.5, "brief": 2.5}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "CALLPREP_HOME": home, "NO_COLOR": "1", "COLUMNS": "100"}
        # An installed callprep has its bytecode compiled; let the warm-up runs write it here too.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cp = callprep_command()
        commands = {
            "floor": [sys.executable, "-c", "import typer"],
            "help": [*cp, "--help"],
            "brief": [*cp, "brief", str(EXAMPLE)],
        }
        medians = interleaved_medians(commands, env, args.runs)

    floor = medians["floor"]
    print(f"floor (python -c 'import typer'): {floor * 1000:7.1f} ms")
    ok = True
    for name, target in TARGETS.items():
        median = medians[name]
        ratio = median / floor
        verdict = "ok" if ratio <= target else "TOO SLOW"
        ok = ok and ratio <= target
        print(
            f"{name:>5}: {median * 1000:7.1f} ms  {ratio:4.2f}x floor  (target <= {target}x) {verdict}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
