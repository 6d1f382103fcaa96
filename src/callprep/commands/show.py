"""`callprep show`: one plan, whole."""

from __future__ import annotations

import sys
from pathlib import Path

from callprep import output
from callprep.catalog import lookup
from callprep.plans.planfile import plan_to_text
from callprep.plans.store import Store


def run(home: Path, ref: str, as_json: bool) -> None:
    stored = lookup.load(Store(home), ref)
    if as_json:
        output.print_json(stored.plan.to_json())
    else:
        sys.stdout.write(output.escape_controls(plan_to_text(stored.plan)))
