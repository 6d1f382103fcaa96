"""`callprep transcript`: what a call's transcript shows, held against its plan; nothing is saved."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from callprep import output
from callprep.calls import conversation
from callprep.calls import transcript as transcripts
from callprep.catalog import lookup
from callprep.plans import profile as profiles
from callprep.plans.model import Plan
from callprep.plans.store import Store


def run(
    home: Path,
    source: str,
    plan_ref: str | None = None,
    ours: list[str] | None = None,
    as_json: bool = False,
    stdin: BinaryIO | None = None,
) -> None:
    profile = profiles.load_or_empty(home, output.warn)
    plan: Plan | None = None
    title = ""
    if plan_ref is not None:
        stored = lookup.load(Store(home), plan_ref)
        plan = stored.plan
        title = " · ".join(p for p in (plan.account, plan.opportunity) if p) or stored.path.stem
    read = transcripts.read(source, stdin)
    clock = conversation.call_clock(plan, profile.zone_name)
    heard = conversation.hear(read, plan, clock.today(), ours or [], profile.name)
    if as_json:
        output.print_json(heard.analysis.to_json())
        return
    from callprep.render import transcript as view  # deferred: rich: not for --json

    console = output.out()
    for part in view.renderables(heard.analysis, title, plan_ref, source, console.width):
        console.print(part)
