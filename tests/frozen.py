"""`python tests/frozen.py INSTANT ARGS...`: callprep with its clock set to INSTANT (ISO 8601).

The pseudo-terminal tests run callprep as a process of its own, which the test's stopped clock
does not reach; this starts it at the test's instant, its clock running from there.
"""

from __future__ import annotations

import datetime as dt
import sys

import time_machine


def main() -> None:
    instant = dt.datetime.fromisoformat(sys.argv[1])
    time_machine.travel(instant, tick=True).start()
    from callprep.cli import main as callprep

    sys.argv = ["callprep", *sys.argv[2:]]
    callprep()


if __name__ == "__main__":
    main()
