"""Run the real `callprep` console script in a pseudo-terminal, for the end-to-end interview tests."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")

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
    timeout: int = 15,
    answer_cursor_queries: bool = False,
) -> Any:
    """`callprep ARGS` in a pseudo-terminal with its own store and no colour.

    prompt_toolkit asks the terminal where the cursor is before each question and waits about a
    second for an answer pexpect does not give; unless the test answers those queries itself
    (`answer_cursor_queries`), it is told not to ask.
    """
    program = shutil.which("callprep", path=str(Path(sys.executable).parent))
    command, argv = (program, args) if program else (sys.executable, ["-m", "callprep", *args])
    env = {**os.environ, "CALLPREP_HOME": str(home), "NO_COLOR": "1", "TERM": "xterm"}
    env.pop("COLUMNS", None)
    if not answer_cursor_queries:
        env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    return pexpect.spawn(
        command, argv, env=env, dimensions=dimensions, encoding="utf-8", timeout=timeout
    )
