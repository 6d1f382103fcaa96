"""Plan files: TOML text to a validated Plan and back, with errors that name file and line or field."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import tomli_w
from pydantic import BaseModel, ValidationError

from callprep.errors import CallprepError
from callprep.model import Plan

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


def parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise CallprepError(f"{source}: not valid TOML: {err}") from err


def validate(model: type[M], data: Mapping[str, Any], source: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise CallprepError(f"{source}: {describe_validation_error(err)}") from err


def plan_from_text(text: str, source: str) -> Plan:
    return validate(Plan, parse_toml(text, source), source)


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise CallprepError(f"{path}: no such file") from err
    except IsADirectoryError as err:
        raise CallprepError(f"{path}: is a folder, not a plan file") from err
    except UnicodeDecodeError as err:
        raise CallprepError(f"{path}: not UTF-8 text (byte {err.start})") from err
    except OSError as err:
        raise CallprepError(f"{path}: cannot read ({err.strerror})") from err


def load_plan(path: Path) -> Plan:
    return plan_from_text(read_text(path), str(path))


def load_answers(path: Path) -> dict[str, Any]:
    """A `--from` file: any subset of the plan format, validated but returned as raw data."""
    data = parse_toml(read_text(path), str(path))
    validate(Plan, data, str(path))
    return data


def plan_to_text(plan: Plan) -> str:
    """The plan as TOML; refuses (rather than write) text that would not read back."""
    text = tomli_w.dumps(plan.to_data())
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        # Only a value made in code can get here (a time offset in seconds, in an unknown key).
        raise CallprepError(f"this plan cannot be written as TOML: {err}") from err
    return text
