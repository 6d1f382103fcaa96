"""Check a commit message: a subject of at most 72 characters, then a blank line before any body.

    python .ci/commit_msg.py FILE     (pre-commit's commit-msg stage passes the message file)

So that `git log --oneline` reads as a list of what changed; the why and how it was checked go
in the body. Lines git itself drops (comments, the diff of `commit -v`) are not counted.
"""

from __future__ import annotations

import sys
from pathlib import Path

LIMIT = 72


def problems(message: str) -> list[str]:
    lines = []
    for line in message.splitlines():
        if line.startswith("# ------------------------ >8 ------------------------"):
            break  # `git commit -v`: the diff below is not part of the message
        if not line.startswith("#"):
            lines.append(line.rstrip())
    while lines and not lines[-1]:
        lines.pop()
    if not lines or not lines[0].strip():
        return ["the message starts with an empty subject line"]
    found = []
    subject = lines[0]
    if len(subject) > LIMIT:
        found.append(f"the subject is {len(subject)} characters; at most {LIMIT}, then a body")
    if len(lines) > 1 and lines[1]:
        found.append("the subject is followed by a blank line before the body")
    return found


def main() -> int:
    message = Path(sys.argv[1]).read_text(encoding="utf-8")
    found = problems(message)
    for problem in found:
        print(f"commit message: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
