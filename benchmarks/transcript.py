"""How fast a one-hour call's transcript is read and held against its plan, in this process.

    python benchmarks/transcript.py [--runs 5]

A one-hour call is about 9,000 words in 1,200 captions. The labelled calls of
tests/data/transcripts are repeated, their times shifted, until the talk lasts an hour: WebVTT
(Teams), SRT and Otter text, each read from disk and analysed against its plan with every
finding (speakers, talk time, questions, commitments, the agenda, the planned questions, the
topics, the stretches off the agenda, the next step). The target is half a second each; the
best of `--runs` is compared with it, and the script exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "data" / "transcripts"
TARGET_SECONDS = 0.5
HOUR = 3600.0
CALLS = {  # one call of each kind of file, repeated to an hour
    "vtt": "harbor-point-discovery",
    "srt": "kessler-precision-proposal",
    "otter": "redwood-valley-negotiation",
}


def _stamp(seconds: float, comma: bool = False) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{int(hours):02}:{int(minutes):02}:{secs:06.3f}"
    return text.replace(".", ",") if comma else text


def an_hour(kind: str, folder: Path) -> Path:
    """The call of `kind`, its captions or turns repeated (times shifted) for an hour."""
    from callprep.calls import transcript

    name = CALLS[kind]
    source = next(
        p for p in SET.glob(f"{name}.*") if ".labels" not in p.name and ".plan" not in p.name
    )
    read = transcript.read(str(source))
    lines = ["WEBVTT", ""] if kind == "vtt" else []
    offset, count = 0.0, 0
    while offset < HOUR:
        for cue in read.cues:
            start = offset + cue.start
            count += 1
            if kind == "vtt":
                lines += [
                    f"{_stamp(start)} --> {_stamp(start + cue.seconds)}",
                    f"<v {cue.speaker}>{cue.text}</v>",
                    "",
                ]
            elif kind == "srt":
                times = f"{_stamp(start, True)} --> {_stamp(start + cue.seconds, True)}"
                lines += [str(count), times, f"{cue.speaker}: {cue.text}", ""]
            else:
                minutes, secs = divmod(int(start), 60)
                lines += [f"{cue.speaker}  {minutes}:{secs:02}", cue.text, ""]
        offset += read.length + 5.0
    path = folder / f"hour.{'txt' if kind == 'otter' else kind}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def analyse(path: Path, plan_path: Path) -> int:
    from callprep.calls import conversation, transcript
    from callprep.plans.planfile import load_plan

    plan = load_plan(plan_path)
    read = transcript.read(str(path))
    heard = conversation.hear(read, plan, conversation.call_clock(plan, "UTC").today())
    return len(heard.analysis.commitments)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    missed = False
    with tempfile.TemporaryDirectory() as folder:
        for kind, name in CALLS.items():
            path = an_hour(kind, Path(folder))
            plan = SET / f"{name}.plan.toml"
            analyse(path, plan)  # imports and caches warm, as in a running callprep
            best = float("inf")
            found = 0
            for _ in range(args.runs):
                start = time.perf_counter()
                found = analyse(path, plan)
                best = min(best, time.perf_counter() - start)
            words = len(path.read_text(encoding="utf-8").split())
            ok = best <= TARGET_SECONDS
            missed |= not ok
            print(
                f"{kind:6} one hour, {words:,} words, {found} commitments: "
                f"{best * 1000:6.1f} ms (target {TARGET_SECONDS * 1000:.0f} ms) "
                f"{'ok' if ok else 'MISSED'}"
            )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
