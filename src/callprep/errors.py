"""The one error type the CLI turns into a single stderr line and exit 1."""

from __future__ import annotations

import re

# Line breaks, other C0/C1 controls (ESC, CSI, BS, CR ...) and the bidi controls that reorder
# text: an error often quotes what the seller gave (a path, a key of a plan file), and none of
# these may reach the terminal or split the one line.
_UNSAFE = re.compile(
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def visible(text: str) -> str:
    """`text` with every unsafe character written as its escape (`\\x1b`, `\\n`, `\\u202e`)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class CallprepError(Exception):
    """A problem the seller can fix; `str(err)` is the one line shown to them."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        message = visible(message)
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Interrupted(CallprepError):
    """Ctrl-C during an interview, after the answers so far were kept as a draft."""

    exit_code = 130
