"""Plan files: TOML text to a validated Plan and back, with errors that name file and line or field."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from callprep.errors import CallprepError
from callprep.files import NotAFile, read_text
from callprep.plans.model import SCHEMA_VERSION, Plan, newer_schema

M = TypeVar("M", bound=BaseModel)


def describe_validation_error(err: ValidationError) -> str:
    """The first problem of a pydantic error, as `field.path: what is wrong`."""
    first = err.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "(top level)"
    message = first["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    more = len(err.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{field}: {message}{suffix}"


# A plan nests four levels at most (debrief.commitments[n].what); keys a newer callprep adds
# may nest a little more. Far deeper data is no plan, and would exhaust Python's recursion
# in the parser, the validator or a writer.
MAX_DEPTH = 24


def parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise CallprepError(f"{source}: not valid TOML: {err}") from err
    except RecursionError as err:
        raise CallprepError(f"{source}: {_TOO_DEEP}") from err
    if depth(data) > MAX_DEPTH:
        raise CallprepError(f"{source}: {_TOO_DEEP}")
    return data


_TOO_DEEP = f"nested too deeply (tables and lists go at most {MAX_DEPTH} levels deep)"


def depth(data: Any) -> int:
    """How deeply tables and lists nest in `data` (walked without recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, level + 1)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def validate(model: type[M], data: Mapping[str, Any], source: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise CallprepError(f"{source}: {describe_validation_error(err)}") from err
    except RecursionError as err:
        raise CallprepError(f"{source}: {_TOO_DEEP}") from err


class NewerSchema(CallprepError):
    """A plan written by a newer callprep: not broken, but not this one's to read or change."""


@dataclass(frozen=True)
class LoadProblem:
    path: Path
    message: str
    # False for a plan from a newer callprep (not broken: no edit here would help) and for a
    # FIFO, device, folder or huge file where a plan should be (nothing to open in an editor).
    editable: bool = True

    @classmethod
    def of(cls, path: Path, err: CallprepError) -> LoadProblem:
        return cls(path, err.message, not isinstance(err, NewerSchema | NotAFile))


def check_schema(data: Mapping[str, Any], source: str) -> None:
    """Refuse a plan from a newer callprep before anything else is said about it."""
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise NewerSchema(f"{source}: schema_version: {newer_schema(version)}")


# The plan's own top-level keys: a TOML file with none of them (pyproject.toml, a config file)
# is not a plan, and callprep must not read it as an empty one, let alone rewrite it.
PLAN_KEYS = frozenset(Plan.model_fields)


def check_is_plan(data: Mapping[str, Any], source: str) -> None:
    if data and not PLAN_KEYS.intersection(data):
        tables = ", ".join(sorted(str(key) for key in data)[:3])
        raise CallprepError(f"{source}: not a callprep plan (it has {tables}, and no plan keys)")


def plan_data(text: str, source: str) -> dict[str, Any]:
    """A plan file's data, checked to be a plan of a version this callprep reads."""
    data = parse_toml(text, source)
    check_schema(data, source)
    check_is_plan(data, source)
    return data


def plan_from_text(text: str, source: str) -> Plan:
    return validate(Plan, plan_data(text, source), source)


def load_plan(path: Path) -> Plan:
    return plan_from_text(read_text(path), str(path))


def load_answers(path: Path, table: str = "") -> dict[str, Any]:
    """A `--from` file: any subset of the plan format, validated but returned as raw data.

    With `table`, a file without that table is returned as it is, for the caller to say so.
    """
    source = str(path)
    data = parse_toml(read_text(path), source)
    check_schema(data, source)
    if table and not isinstance(data.get(table), dict):
        return data
    check_is_plan(data, source)
    validate(Plan, data, source)
    return data


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key(key: str) -> str:
    if _BARE_KEY.fullmatch(key):
        return key
    import tomli_w  # deferred: only a value of its own kind

    return tomli_w.dumps({key: 0})[: -len(" = 0\n")]  # tomli_w's own quoting


# tomli_w's escapes for a basic string: the compact ones, then \uXXXX for the other controls.
_ESCAPES = {code: f"\\u{code:04x}" for code in (*range(32), 127) if code != 9} | {
    8: "\\b",
    10: "\\n",
    12: "\\f",
    13: "\\r",
    34: '\\"',
    92: "\\\\",
}


class _NotPlain(Exception):
    pass


def _literal(value: Any, nest: int = 0) -> str:
    """A value as tomli_w writes it (a test holds the two to the same text), for the types a
    plan holds; _NotPlain for anything else. Writing a thousand plans (an import) otherwise
    spends most of its TOML time in tomli_w's generality."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value.translate(_ESCAPES)}"'
    if isinstance(value, (int, dt.date)):  # a datetime is a date; a bool was taken above
        return str(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner, outer = "    " * (nest + 1), "    " * nest
        items = ",\n".join(inner + _literal(item, nest + 1) for item in value)
        return f"[\n{items},\n{outer}]"
    raise _NotPlain


def _line(key: str, value: Any) -> str:
    try:
        return f"{_key(key)} = {_literal(value)}"
    except _NotPlain:
        import tomli_w  # deferred: only a value of its own kind

        return tomli_w.dumps({key: value}).rstrip("\n")


def _is_table_array(value: Any) -> bool:
    # The same rule tomli_w follows, so it is never left a table to write inside our sections.
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _dump_table(data: Mapping[str, Any], path: list[str], header: str, out: list[str]) -> None:
    inline = {
        k: v for k, v in data.items() if not (isinstance(v, dict) and v) and not _is_table_array(v)
    }
    if header:
        out.append(header)
    # tomli_w writes every dict as a [table], even an empty one; an empty dict stays inline here.
    # It goes first: what tomli_w writes may end in a table of its own.
    out.extend(f"{_key(k)} = {{}}" for k, v in inline.items() if isinstance(v, dict))
    values = {k: v for k, v in inline.items() if not isinstance(v, dict)}
    out.extend(_line(key, value) for key, value in values.items())
    for key, value in data.items():
        if key in inline:
            continue
        dotted = ".".join(_key(part) for part in [*path, key])
        items = value if isinstance(value, list) else [value]
        brackets = ("[[", "]]") if isinstance(value, list) else ("[", "]")
        for item in items:
            out.append("")
            _dump_table(item, [*path, key], f"{brackets[0]}{dotted}{brackets[1]}", out)


def dumps(data: Mapping[str, Any]) -> str:
    """TOML laid out for people: tables and arrays of tables (`[[attendees]]`) as headed blocks."""
    out: list[str] = []
    _dump_table(data, [], "", out)
    return "\n".join(out).lstrip("\n") + "\n"


def plan_to_text(plan: Plan, verify: bool = True) -> str:
    """The plan as TOML; refuses (rather than write) text that would not read back.

    `verify=False` skips reading it back: for plans made in code from validated data alone.
    """
    text = dumps(plan.to_data())
    if not verify:
        return text
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        # Only a value made in code can get here (a time offset in seconds, in an unknown key).
        raise CallprepError(f"this plan cannot be written as TOML: {err}") from err
    return text
