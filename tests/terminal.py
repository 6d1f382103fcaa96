"""Run the real `callprep` console script in a pseudo-terminal, for the end-to-end interview tests."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")

FROZEN = Path(__file__).resolve().parent / "frozen.py"

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
CTRL_C = "\x03"
CTRL_U = "\x15"


def spawn(
    args: list[str],
    home: Path,
    *,
    dimensions: tuple[int, int] = (40, 120),
    timeout: int = 60,
    answer_cursor_queries: bool = False,
    first_run: bool = False,
    now: dt.datetime | None = None,
) -> Any:
    """`callprep ARGS` in a pseudo-terminal with its own store and no colour.

    prompt_toolkit asks the terminal where the cursor is before each question and waits about a
    second for an answer pexpect does not give; unless the test answers those queries itself
    (`answer_cursor_queries`), it is told not to ask.
    """
    if not first_run:  # a seller who has seen the offer to set up a profile once
        (home / "cache").mkdir(parents=True, exist_ok=True)
        (home / "cache" / "profile-offered").touch()
    command, *argv = frozen_command(args, now)
    env = {**os.environ, "CALLPREP_HOME": str(home), "NO_COLOR": "1", "TERM": "xterm"}
    env.pop("COLUMNS", None)
    if not answer_cursor_queries:
        env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    return pexpect.spawn(
        command, argv, env=env, dimensions=dimensions, encoding="utf-8", timeout=timeout
    )


def frozen_command(args: list[str], now: dt.datetime | None = None) -> list[str]:
    """The command line of `callprep ARGS` as its own process, its clock started where the
    test's stands (tests/frozen.py): the test's is stopped at its instant (tests/conftest.py),
    so reading it here reads that."""
    instant = now or dt.datetime.now(dt.UTC)
    return [sys.executable, str(FROZEN), instant.isoformat(), *args]


def callprep(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`callprep ARGS` run to its end outside a terminal (the steps around an interview), with
    no editor to open and the test's clock."""
    env = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR")}
    return subprocess.run(
        frozen_command(list(args)),
        env={**env, "CALLPREP_HOME": str(home), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# prompt_toolkit asks the terminal where the cursor is as each question starts; a real
# terminal answers at once. Answering also tells us the next question is being drawn.
CURSOR_QUERY = "\x1b[6n"
CURSOR_AT = "\x1b[1;1R"


class Terminal:
    """`callprep ARGS` in a pseudo-terminal that answers prompt_toolkit's cursor queries, so each
    question is known to be drawn before it is answered."""

    def __init__(
        self, args: list[str], home: Path, dimensions: tuple[int, int] = (50, 140)
    ) -> None:
        self.child = spawn(
            args, home, dimensions=dimensions, timeout=60, answer_cursor_queries=True
        )
        self.transcript: list[str] = []

    def answer(self, question: str, *keys: str) -> None:
        """Wait for `question` to be asked (not an earlier one redrawn), then type `keys`."""
        while True:
            index = self.child.expect_exact([CURSOR_QUERY, question])
            self.transcript.append(self.child.before + self.child.after)
            if index == 0:
                self.child.send(CURSOR_AT)
                continue
            break
        for key in keys:
            self.child.send(key)

    def finish(self) -> tuple[int, str]:
        while self.child.expect_exact([CURSOR_QUERY, pexpect.EOF]) == 0:
            self.child.send(CURSOR_AT)
        self.transcript.append(self.child.before)
        self.child.close()
        return self.child.exitstatus, "".join(self.transcript)
