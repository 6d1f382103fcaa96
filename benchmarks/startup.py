"""Start-up time of callprep against floors measured in the same run.

    python benchmarks/startup.py [--runs 21]

Two floors: a Python that only imports typer (for `callprep --help`), and a one-command typer
app that prints a rich panel and table (for the terminal brief: what any typer+rich view costs
before it does its own work). Runs are interleaved (floors, help, brief, floors, ...) so that a
busy machine slows all alike; the medians and their ratios to their floor are printed. Target
(issue 20): `--help` within 1.2x of its floor, the terminal brief within 1.25x.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from timing import callprep_command, environment, interleaved_medians

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "discovery-prepared.toml"
# name: (floor it is measured against, largest ratio allowed)
TARGETS = {"help": ("typer", 1.2), "brief": ("view", 1.25)}
# The floor for a terminal view: a one-command typer app printing a rich panel and a table.
VIEW_FLOOR = """
import typer

app = typer.Typer()


@app.command()
def show(name: str) -> None:
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    table.add_row("Them", "Dana Lee (VP Operations), Marco Ruiz (Depot manager)")
    Console().print(Panel(table, title=name))


app()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        env = environment(CALLPREP_HOME=home, NO_COLOR="1", COLUMNS="100")
        cp = callprep_command()
        commands = {
            "typer": [sys.executable, "-c", "import typer"],
            "view": [sys.executable, "-c", VIEW_FLOOR, "Acme Logistics"],
            "help": [*cp, "--help"],
            "brief": [*cp, "brief", str(EXAMPLE)],
        }
        medians = interleaved_medians(commands, env, args.runs)

    print(f"floor typer (python -c 'import typer'):     {medians['typer'] * 1000:7.1f} ms")
    print(f"floor view (typer+rich one-command app):    {medians['view'] * 1000:7.1f} ms")
    ok = True
    for name, (floor_name, target) in TARGETS.items():
        median = medians[name]
        ratio = median / medians[floor_name]
        verdict = "ok" if ratio <= target else "TOO SLOW"
        ok = ok and ratio <= target
        print(
            f"{name:>5}: {median * 1000:7.1f} ms  {ratio:4.2f}x floor {floor_name}  "
            f"(target <= {target}x) {verdict}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
