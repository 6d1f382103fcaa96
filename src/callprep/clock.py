"""The one place callprep reads the system clock: every "now" and "today" comes from here.

No other module calls `datetime.now()`, `date.today()` or `time.time()` (tests/test_clock.py
reads the code to hold that), so a test freezes all of callprep's time at once with
time-machine, and a run under faketime moves all of it.
"""

from __future__ import annotations

import datetime as dt
import os
import time


def now(zone: dt.tzinfo | None = None) -> dt.datetime:
    """This moment, aware: in `zone`, or in UTC."""
    return dt.datetime.now(zone or dt.UTC)


def local_now() -> dt.datetime:
    """This moment, aware, in the machine's own zone."""
    return dt.datetime.now().astimezone()


def today(zone: dt.tzinfo | None = None) -> dt.date:
    """Today's date in `zone` (the seller's), or on the machine's own calendar."""
    return (now(zone) if zone is not None else local_now()).date()


def stamp() -> str:
    """This moment on the machine's calendar as a file-name stamp: `20261203T150405`."""
    return local_now().strftime("%Y%m%dT%H%M%S")


def file_time_ns() -> int:
    """Now as the file system dates a file written now, in nanoseconds since the epoch.

    A file's age, or whether it changed "just now", is measured against this and never against
    `now()`: file times come from the system's clock, which a test's stopped clock or faketime
    does not move, so the two compared would make a file written a second ago look a year old
    (or not yet written). Measured on a nameless temporary file; the clock if none can be made.
    """
    import tempfile  # deferred: only a file's age needs it, and it costs a start-up a millisecond

    try:
        with tempfile.TemporaryFile() as probe:
            # Looked at, then written: a kernel that dates files coarsely until someone looks
            # (Linux's multigrain times) then dates the write as finely as any plan file.
            os.fstat(probe.fileno())
            os.write(probe.fileno(), b".")
            return os.fstat(probe.fileno()).st_mtime_ns
    except OSError:
        return time.time_ns()


def file_time() -> float:
    """`file_time_ns()` in seconds, to compare with a file's `st_mtime`."""
    return file_time_ns() / 1e9
