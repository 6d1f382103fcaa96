"""The commit-message rule of CONTRIBUTING.md, as the commit-msg hook checks it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".ci" / "commit_msg.py"
_spec = importlib.util.spec_from_file_location("commit_msg", SCRIPT)
assert _spec is not None and _spec.loader is not None
commit_msg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(commit_msg)


@pytest.mark.parametrize(
    "message",
    [
        "Read the time in one place\n",
        "Read the time in one place\n\nWhy, and how it was checked.\n",
        "x" * 72 + "\n\nbody\n",
        "Subject\n\nbody\n# Please enter the commit message\n#\n",
        "Subject\n# ------------------------ >8 ------------------------\n" + "d" * 200 + "\n",
    ],
)
def test_a_good_message_passes(message: str) -> None:
    assert commit_msg.problems(message) == []


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ("x" * 73 + "\n", "the subject is 73 characters; at most 72, then a body"),
        ("Subject\nbody right below\n", "the subject is followed by a blank line before the body"),
        ("\nbody\n", "the message starts with an empty subject line"),
        ("# only a comment\n", "the message starts with an empty subject line"),
    ],
)
def test_a_bad_message_is_refused_with_the_reason(message: str, problem: str) -> None:
    assert commit_msg.problems(message) == [problem]


def test_the_hook_exits_1_and_says_why(tmp_path: Path) -> None:
    message = tmp_path / "COMMIT_EDITMSG"
    message.write_text("y" * 100 + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(message)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert done.stderr == "commit message: the subject is 100 characters; at most 72, then a body\n"


def test_the_pre_commit_config_runs_it_at_the_commit_msg_stage() -> None:
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "commit-msg" in config.split("repos:")[0]  # installed by `pre-commit install`
    assert "entry: python .ci/commit_msg.py" in config
    assert "stages: [commit-msg]" in config
