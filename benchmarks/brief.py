"""Time `callprep brief --format pdf` against `--format md` for an example, in the same run.

    python benchmarks/brief.py [--runs 15] [--paper a4|letter] [--example FILE]

Runs are interleaved (md, pdf, md, pdf, ...) so a busy machine slows both alike; the medians
and their ratio are printed, and an in-process split of the PDF (typst import, data, compile)
shows where the time goes. Target (issue 4): pdf under 3x md. Exit 1 when it is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from timing import callprep_command, environment, interleaved_medians

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "discovery-prepared.toml"
TARGET = 3.0


def split(example: Path, paper: str) -> dict[str, float]:
    """Where a PDF's time goes, in this process: importing typst, then one whole render."""
    from callprep.plans.planfile import load_plan
    from callprep.render import brief, pdf

    view = brief.build(load_plan(example))
    start = time.perf_counter()
    import typst  # noqa: F401

    imported = time.perf_counter()
    pdf.render(view, paper)  # the page data for every candidate, then typst's measure and layout
    rendered = time.perf_counter()
    return {"import typst": imported - start, "render": rendered - imported}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--paper", choices=["a4", "letter"], default="a4")
    parser.add_argument("--example", type=Path, default=EXAMPLE)
    args = parser.parse_args()

    command = callprep_command()
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(CALLPREP_HOME=str(Path(tmp) / "home"), NO_COLOR="1")
        target = str(Path(tmp) / "brief.pdf")
        runs = {
            "md": [*command, "brief", str(args.example), "--format", "md"],
            "pdf": [
                *command,
                "brief",
                str(args.example),
                "--format",
                "pdf",
                "--paper",
                args.paper,
                "-o",
                target,
            ],
        }
        medians = interleaved_medians(runs, env, args.runs)

    md, pdf = medians["md"], medians["pdf"]
    ratio = pdf / md
    print(f"example: {args.example.name}, paper {args.paper}, {args.runs} interleaved runs each")
    print(f"  brief --format md   median {md * 1000:7.1f} ms")
    print(f"  brief --format pdf  median {pdf * 1000:7.1f} ms")
    print(f"  ratio pdf/md        {ratio:.2f}x  (target < {TARGET:.0f}x)")
    print("in-process split of one PDF:")
    for step, seconds in split(args.example, args.paper).items():
        print(f"  {step:15} {seconds * 1000:7.1f} ms")
    if ratio >= TARGET:
        print(f"MISSED: pdf takes {ratio:.2f}x md", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
