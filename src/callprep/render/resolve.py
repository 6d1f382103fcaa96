"""`callprep resolve`: a plan and its conflict copy, one field above the other, fitted to the width."""

from __future__ import annotations

import datetime as dt
from functools import partial

from callprep.dates import call_time_text
from callprep.team.resolve import Difference, shown
from callprep.text import clean, wrap

LABEL_WIDTH = len("theirs") + 2


def field_lines(
    difference: Difference, width: int, zones: tuple[str, str] = ("", ""), our_zone: str = ""
) -> list[tuple[str, str]]:
    """The field's name, then each side's value under it: `mine` and `theirs`, every line of a
    value hanging under the first; (text, style) pairs. `zones`: each side's plan zone, for
    its times (shown by the one rule, the seller's clock first)."""
    lines: list[tuple[str, str]] = [(difference.field, "bold")]
    for label, value, zone, style in (
        ("mine", difference.mine, zones[0], "green"),
        ("theirs", difference.theirs, zones[1], "cyan"),
    ):
        when = partial(_when, zone=zone, our_zone=our_zone)
        first = True
        for line in shown(value, when):
            # (wrap puts a space between a label and the text: the label is one short of it)
            head = f"  {label}".ljust(LABEL_WIDTH + 1) if first else " " * (LABEL_WIDTH + 2)
            hang = " " * (LABEL_WIDTH + 2 + (2 if line.startswith("• ") else 0))
            for part in wrap(clean(line), max(width, 40), indent=head, hang=hang):
                lines.append((part, style if first else ""))
                first = False
    return lines


def _when(value: dt.datetime, zone: str, our_zone: str) -> str:
    return call_time_text(value, zone, our_zone)
