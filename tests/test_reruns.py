"""The suite's one rerun rule (pyproject's addopts): a test whose worker process died under it runs
once more; a test that fails is never rerun, so a flaky test cannot hide behind a second try."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SUITE = """
import os, signal, pathlib

MARK = pathlib.Path(__file__).with_name("died-once")

def test_the_worker_dies_the_first_time():
    if not MARK.exists():
        MARK.write_text("x")
        os.kill(os.getpid(), signal.SIGKILL)

def test_fails_the_first_time():
    mark = pathlib.Path(__file__).with_name("failed-once")
    if not mark.exists():
        mark.write_text("x")
        raise AssertionError("(?!) RERUN rerun worker crashed")

def test_passes():
    pass
"""


@pytest.mark.slow
@pytest.mark.real_clock
def test_a_dead_workers_test_runs_again_and_a_failing_test_does_not(tmp_path: Path) -> None:
    (tmp_path / "test_suite.py").write_text(SUITE, encoding="utf-8")
    config = ["-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path)]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            *config,
            "-n",
            "2",
            "-p",
            "no:cacheprovider",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"},
    )
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    assert "RERUN test_suite.py::test_the_worker_dies_the_first_time" in out, out
    assert "FAILED test_suite.py::test_fails_the_first_time" in out, out
    # Even an error that carries the pattern's own text is final: (?!) matches nothing.
    assert "1 failed, 2 passed, 1 rerun" in out, out
