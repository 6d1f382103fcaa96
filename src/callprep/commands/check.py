"""`callprep check`: the coach's review of one plan."""

from __future__ import annotations

from pathlib import Path

import typer

from callprep import messages, output
from callprep.catalog import lookup
from callprep.coach import coach
from callprep.deal import carry
from callprep.plans.home import seller_zone
from callprep.plans.store import Store


def run(home: Path, ref: str, as_json: bool, strict: bool, codes: bool = False) -> None:
    store = Store(home)
    stored = lookup.load(store, ref)
    plan = stored.plan
    result = coach.review(plan, carry.deal_history(store, stored.path, plan).plans)
    if as_json:
        output.print_json(
            {
                "id": plan.id or stored.path.stem,
                "readiness": result.readiness,
                "findings": [f.to_json() for f in result.findings],
            }
        )
    else:
        from callprep.render.check import render  # deferred: rich: not for --json

        render(plan, result, output.out(), ref, codes, seller_zone(home, output.warn))
    if strict and result.findings:
        output.say(messages.strict_failed(result.readiness, len(result.findings)))
        raise typer.Exit(1)
