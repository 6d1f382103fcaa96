"""The one error type the CLI turns into a single stderr line and exit 1."""

from __future__ import annotations


class CallprepError(Exception):
    """A problem the seller can fix; `str(err)` is the one line shown to them."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Interrupted(CallprepError):
    """Ctrl-C during an interview, after the answers so far were kept as a draft."""

    exit_code = 130
