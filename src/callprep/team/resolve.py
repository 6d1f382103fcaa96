"""Resolving a team conflict: a plan and its conflict copy, field by field, into one plan.

`sync` keeps both versions when two sellers changed a plan before either synced: the plan,
and beside it `<id>.conflict-<who>.toml` (see `callprep.team.gitstore`). Here the two are set
side by side as fields (`agenda.confirmed`, `questions`, `starts_at` ...), one side is taken
per field that differs, and the result is applied to the plan as it is on disk when it is
written (under its lock), so a change made meanwhile to a field nobody chose stays.

"Mine" is the seller's version: the copy when it is named after them (their change that met
the team's), else the plan in place (the copy is a teammate's).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from callprep import messages
from callprep.errors import CallprepError
from callprep.files import PLAN_SUFFIX
from callprep.plans.model import Plan
from callprep.plans.planfile import load_plan, validate
from callprep.plans.store import Store, id_has_base, make_id_base
from callprep.team.gitstore import conflicts, who_slug

Side = Literal["mine", "theirs"]
# What no seller chooses: the file's format and the plan's names, which follow from the rest.
FIXED = ("schema_version", "id", "aliases")
# Tables whose keys are fields of their own ("agenda.confirmed"); anything else is one field.
TABLES = ("objective", "agenda", "discovery", "debrief", "calendar", "notes")
# A plan's id follows these: taking one from the copy may move the plan, as `reschedule` does.
MOVES_ID = ("starts_at", "account", "kind")
_COPY = re.compile(r"^(?P<base>.+?)\.conflict-(?P<who>[a-z0-9][a-z0-9-]*)$")
_ABSENT = object()


@dataclass(frozen=True)
class Difference:
    field: str  # "agenda.confirmed", "questions", "debrief"
    mine: Any  # the value on the seller's side (None: not there)
    theirs: Any


@dataclass(frozen=True)
class Conflict:
    plan_path: Path
    copy_path: Path
    plan: Plan
    copy: Plan
    who: str  # whose version the copy is (as its name says it)
    copy_is_mine: bool
    others: tuple[Path, ...]  # further copies of the same plan, for later

    def side_of_copy(self) -> Side:
        return "mine" if self.copy_is_mine else "theirs"

    def differences(self) -> list[Difference]:
        mine, theirs = (self.copy, self.plan) if self.copy_is_mine else (self.plan, self.copy)
        return differences(mine, theirs)


def find(store: Store, ref: str, me: str) -> Conflict:
    """The conflict `ref` names: a plan (id, start of one, earlier id, account) or a copy of it
    (`<id>.conflict-<who>`, with or without `.toml` or `plans/`). `me`: the seller's email."""
    from callprep.catalog import lookup  # deferred: the index, only to find a plan by name

    name = Path(ref).name.removesuffix(PLAN_SUFFIX)
    named = _COPY.match(name)
    copies = conflicts(store.home)
    if named is not None:
        chosen = [c for c in copies if c.name == f"{name}{PLAN_SUFFIX}"]
        if not chosen:
            raise CallprepError(messages.RESOLVE_NO_SUCH_COPY.format(name=name))
        plan_path = store.plans_dir / f"{named['base']}{PLAN_SUFFIX}"
        if not plan_path.is_file():
            raise CallprepError(
                messages.RESOLVE_PLAN_GONE.format(copy=chosen[0].name, plan=plan_path.name)
            )
    else:
        plan_path = lookup.resolve(store, ref)
        chosen = [c for c in copies if _base(c) == plan_path.stem and c.parent == plan_path.parent]
        if not chosen:
            raise CallprepError(messages.RESOLVE_NOTHING.format(id=plan_path.stem))
    chosen.sort(key=lambda path: (len(path.name), path.name))  # -bob before -bob-2
    copy_path = chosen[0]
    found = _COPY.match(copy_path.name.removesuffix(PLAN_SUFFIX))
    who = found["who"] if found else ""
    mine = bool(me) and (who == who_slug(me) or re.fullmatch(rf"{who_slug(me)}-\d+", who))
    others = tuple(
        sorted(
            (c for c in copies if _base(c) == plan_path.stem and c != copy_path),
            key=lambda path: (len(path.name), path.name),
        )
    )
    return Conflict(
        plan_path,
        copy_path,
        load_plan(plan_path),
        load_plan(copy_path),
        who,
        bool(mine),
        others,
    )


def _base(copy: Path) -> str:
    found = _COPY.match(copy.name.removesuffix(PLAN_SUFFIX))
    return found["base"] if found else ""


def differences(mine: Plan, theirs: Plan) -> list[Difference]:
    """Every field the two versions hold differently, in the plan file's order.

    A table both hold (`agenda`, `debrief` ...) is compared key by key (`agenda.confirmed`);
    a table only one holds (a debrief on one side alone) is one field, taken whole or not.
    """
    a, b = _data(mine), _data(theirs)
    found: list[Difference] = []
    for key in [*a, *(k for k in b if k not in a)]:
        ours, other = a.get(key), b.get(key)
        if key in TABLES and isinstance(ours, dict) and isinstance(other, dict):
            for inner in [*ours, *(k for k in other if k not in ours)]:
                if ours.get(inner, _ABSENT) != other.get(inner, _ABSENT):
                    found.append(Difference(f"{key}.{inner}", ours.get(inner), other.get(inner)))
        elif a.get(key, _ABSENT) != b.get(key, _ABSENT):
            found.append(Difference(key, ours, other))
    return found


def _data(plan: Plan) -> dict[str, Any]:
    return {key: value for key, value in plan.to_data().items() if key not in FIXED}


def merged(current: Plan, copy: Plan, from_copy: set[str]) -> Plan:
    """`current` with the fields in `from_copy` as the copy holds them (absent there: removed);
    the copy's id and aliases join the plan's, so every name either had still finds it."""
    data = current.to_data()
    theirs = copy.to_data()
    for name in sorted(from_copy):
        table, _, inner = name.partition(".")
        if inner:
            section = data.setdefault(table, {})
            value = theirs.get(table, {}).get(inner, _ABSENT)
            if value is _ABSENT:
                section.pop(inner, None)
            else:
                section[inner] = value
            if not section:
                data.pop(table, None)
        elif name in theirs:
            data[name] = theirs[name]
        else:
            data.pop(name, None)
    names = [*current.aliases, *copy.aliases, copy.id]
    data["aliases"] = [n for n in dict.fromkeys(names) if n and n != current.id]
    return validate(Plan, data, str(current.id or "the resolved plan"))


def moves_id(current: Plan, result: Plan) -> bool:
    """Whether the resolved plan's id should follow a new date, account or kind."""
    if not any(getattr(current, key) != getattr(result, key) for key in MOVES_ID):
        return False
    base = make_id_base(result)
    return not id_has_base(current.id or "", base)


def shown(value: Any, when: Callable[[dt.datetime], str] = str) -> list[str]:
    """A field's value as lines a seller reads: text as it is, a list one item a line, a time
    as `when` shows it (the one rule, `dates.call_time_text`)."""
    if value is None:
        return [messages.RESOLVE_ABSENT]
    if isinstance(value, list):
        if not value:
            return [messages.RESOLVE_EMPTY]
        return [f"• {_one(item, when)}" for item in value]
    if isinstance(value, dict):
        if not value:
            return [messages.RESOLVE_EMPTY]
        return [f"{key} = {_one(item, when)}" for key, item in value.items()]
    if isinstance(value, str):
        return value.splitlines() or [messages.RESOLVE_EMPTY]
    return [_one(value, when)]


def _one(value: Any, when: Callable[[dt.datetime], str]) -> str:
    if isinstance(value, dict):
        parts = (f"{k} = {_one(v, when)}" for k, v in value.items() if v not in ("", None, []))
        return ", ".join(parts)
    if isinstance(value, list):
        return "; ".join(_one(v, when) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return when(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())
