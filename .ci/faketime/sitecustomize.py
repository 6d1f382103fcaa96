"""Loaded by every Python of CI's faketime runs (.ci/run puts this folder on PYTHONPATH there).

Those runs move the wall clock and leave the monotonic clock alone
(FAKETIME_DONT_FAKE_MONOTONIC=1): a faked monotonic clock hangs every lock wait with a timeout,
whose deadline the kernel then reads a year off. But libfaketime 0.9.10 (Debian 12) still shifts
the deadline of clock_nanosleep, so Python's time.sleep, which sleeps to a monotonic deadline,
fails with EINVAL. Here a sleep waits in select() instead, which takes a length, not a deadline.
"""

from __future__ import annotations

import os
import select
import time

if "faketime" in os.environ.get("LD_PRELOAD", ""):

    def _sleep(seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            select.select([], [], [], left)

    time.sleep = _sleep
