"""`callprep resolve`: a team conflict made one plan again, field by field, with no file editing."""

from __future__ import annotations

from pathlib import Path

from callprep import messages, output, prompts
from callprep.errors import CallprepError
from callprep.plans.home import seller_zone
from callprep.plans.model import Plan
from callprep.plans.store import Store
from callprep.team import owners
from callprep.team import resolve as conflict_of


def run(home: Path, ref: str, side: str | None = None) -> None:
    """Show each field that differs, take `side` for all (mine or theirs) or ask per field;
    write the plan under its lock, then move the copy to the trash."""
    store = Store(home)
    found = conflict_of.find(store, ref, owners.profile_email(home, output.warn))
    differences = found.differences()
    copy = str(found.copy_path.relative_to(home)) if found.copy_path.is_relative_to(home) else ""
    if not differences:
        store.trash(found.copy_path)
        output.say(messages.RESOLVE_SAME.format(copy=copy or found.copy_path.name))
        _next(found)
        return
    asker = None
    if side is None:
        try:
            asker = prompts.interactive_asker()
        except CallprepError:  # no terminal: a side for every field is the way
            raise CallprepError(messages.RESOLVE_NO_TERMINAL) from None

    from callprep.render.resolve import field_lines  # deferred: rich: only once there is a choice

    console = output.out()
    mine_is = messages.RESOLVE_MINE_IS[found.copy_is_mine].format(who=found.who)
    heading = messages.resolve_heading(found.plan.id or found.plan_path.stem, len(differences),
                                       copy or found.copy_path.name, mine_is)  # fmt: skip
    output.say(heading)
    kept = "theirs" if found.copy_is_mine else "mine"  # the side already in the plan
    taken: dict[str, str] = {}
    zone = seller_zone(home, output.warn)
    mine_plan, theirs_plan = (
        (found.copy, found.plan) if found.copy_is_mine else (found.plan, found.copy)
    )
    zones = (mine_plan.timezone, theirs_plan.timezone)
    for difference in differences:
        lines = field_lines(difference, console.width, zones, zone)
        output.write_lines(console, [[piece] for piece in lines])
        if asker is None:
            taken[difference.field] = side or kept
            continue
        taken[difference.field] = asker.ask(
            prompts.Prompt(
                key=f"resolve.{difference.field}",
                kind="select",
                message=messages.RESOLVE_ASK.format(field=difference.field),
                choices=("mine", "theirs"),
                default=kept,
            )
        )
    from_copy = {name for name, chosen in taken.items() if chosen == found.side_of_copy()}

    def change(current: Plan) -> Plan:
        return conflict_of.merged(current, found.copy, from_copy)

    result = conflict_of.merged(found.plan, found.copy, from_copy)
    if conflict_of.moves_id(found.plan, result):  # the id follows a new date, as reschedule's
        saved = store.reschedule(found.plan_path, change)
        plan_id = saved.plan.id
    else:
        plan_id = store.update(found.plan_path, change).id or found.plan_path.stem
    store.trash(found.copy_path)
    mine = sum(1 for chosen in taken.values() if chosen == "mine")
    output.say(messages.resolved(plan_id, mine, len(taken) - mine))
    output.say(messages.RESOLVE_SHARE)
    _next(found)


def _next(found: conflict_of.Conflict) -> None:
    if found.others:
        output.hint(
            messages.resolve_more(len(found.others)),
            messages.RESOLVE_COMMAND.format(id=found.others[0].name.removesuffix(".toml")),
        )


def check_sides(mine: bool, theirs: bool) -> str | None:
    if mine and theirs:
        raise CallprepError(messages.RESOLVE_BOTH_SIDES)
    return "mine" if mine else "theirs" if theirs else None
