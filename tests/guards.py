"""A guard against hangs: run an action, fail if it has not returned within a generous time.

This is not a speed check (those live in benchmarks/): the limit is far above any honest run on
a loaded machine, and only an input that makes the code loop or wait forever reaches it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Seconds before an action counts as hung: far above what a loaded CI machine needs.
HANG_SECONDS = 60.0


def finishes(action: Callable[[], T], seconds: float = HANG_SECONDS) -> T:
    """Run `action` in a thread; fail (instead of hanging the suite) if it does not return."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = action()
        except BaseException as err:
            outcome["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: it hangs"
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
