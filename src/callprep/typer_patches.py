"""Typer 0.29 adjusted for callprep: help that reads plainly, and a start that does not pay for
pydantic. pyproject pins typer < 0.30; tests/test_errors.py holds the help and messages to this."""

import os
import re
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer import _click, _coercion, core
from typer.core import TyperArgument


def apply() -> None:
    """Every adjustment, once, before the app is built."""
    no_pydantic_plugins()
    plain_argument_help()
    light_coercion()
    whole_command_help()


def no_pydantic_plugins() -> None:
    """pydantic scans every installed package's metadata for plugins on first use; callprep uses
    none. A user who wants theirs can still set the variable. With it set by us, pydantic would
    still import its plugin loader, and with it importlib.metadata (about 12 ms of every start),
    only to find plugins disabled: a stand-in that finds none does the same, at once."""
    if "PYDANTIC_DISABLE_PLUGINS" not in os.environ:
        os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
        _no_plugins = types.ModuleType("pydantic.plugin._loader")
        _no_plugins.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules.setdefault("pydantic.plugin._loader", _no_plugins)


def plain_argument_help() -> None:
    """Arguments in help and usage as a seller reads them: `PLAN`, `[NUMBER]...`.

    Typer 0.29 adds each argument's Python type (`<str>`, `<list[int]>`) after it and writes a
    required one as `{PLAN}`; neither means anything to a seller. (pyproject pins typer < 0.30;
    tests/test_errors.py holds the help text to this.)
    """

    def usage_name(self: TyperArgument) -> str:
        name = self.display_name_raw
        name = name if self.required else f"[{name}]"
        return f"{name}..." if self.nargs != 1 else name

    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
    TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]


def whole_command_help() -> None:
    """Each command's line in `callprep --help` says its first sentence whole.

    Click cuts the description to what fits beside the names on one line and ends it with
    "...": at 80 columns every line of callprep's list was cut. The sentence is given whole
    instead, and the help's list wraps it under itself. (pyproject pins typer < 0.30;
    tests/test_errors.py holds the help text to this.)
    """

    def first_sentence(self: _click.Command, limit: int = 45) -> str:
        text = self.short_help or self.help or ""
        paragraph = " ".join(text.split("\n\n", 1)[0].split())
        end = re.search(r"[.!?](?=\s|$)", paragraph)
        return (paragraph[: end.end()] if end else paragraph).strip()

    _click.Command.get_short_help_str = first_sentence  # type: ignore[method-assign]


def light_coercion() -> None:
    """Options and arguments turned into str, int and Path without pydantic.

    Typer 0.29 coerces every value through a pydantic TypeAdapter, built when the value is
    parsed: pydantic's import and the adapter's schema cost about 60 ms of each start, to turn
    "45" into 45. callprep's parameters are plain (str, int, Path, bool or a parser of ours, alone,
    in a list or a pair; no ranges or path checks); those are coerced here, anything else still by typer.
    (pyproject pins typer < 0.30; tests/test_errors.py holds the messages to this.)
    """
    build = core.build_runtime_param

    def flag(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in ("1", "true", "t", "yes", "y", "on"):
            return True
        if word in ("", "0", "false", "f", "no", "n", "off"):
            return False
        raise ValueError(word)

    def path(value: Any) -> Path:
        if "\x00" in str(value):
            raise ValueError(value)  # no file can have it; the OS would refuse it later
        return Path(value)

    plain_types: dict[Any, Callable[[Any], Any]] = {str: str, int: int, Path: path, bool: flag}

    def plain(annotation: Any) -> Callable[[Any], Any] | None:
        return plain_types.get(annotation)

    @dataclass(frozen=True)
    class Plain(_coercion.RuntimeParam):
        convert: Callable[[Any], Any]
        many: bool
        label: str
        pair: bool = False  # a tuple of one type (`--account-for DOMAIN ACCOUNT`)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if self.many:
                    made = [self.convert(item) for item in value]
                    return tuple(made) if self.pair else made
                return self.convert(value)
            except _click.exceptions.BadParameter as err:  # a parser's own words (choice, ...)
                err.ctx, err.param = err.ctx or ctx, err.param or param
                raise
            except (TypeError, ValueError):
                shown = value if not self.many else " ".join(map(str, value))
                raise _click.exceptions.BadParameter(
                    f"{shown!r} is not {self.label}.", ctx=ctx, param=param
                ) from None

    def light(descriptor: Any) -> Any:
        info, annotation = descriptor.parameter_info, descriptor.annotation
        kinds = set(_coercion.get_args(annotation)) if descriptor.is_tuple else set()
        pair = len(kinds) == 1
        many = descriptor.is_list or pair
        leaf = _coercion.get_args(annotation)[0] if many else annotation
        convert = info.parser or plain(leaf)
        special = (
            getattr(info, "count", False)
            or info.min is not None
            or info.max is not None
            or info.exists
            or info.resolve_path
            or info.path_type is not None
            or descriptor.file_annotation is not None
        )
        if convert is None or special or (descriptor.is_tuple and not pair):
            return build(descriptor)
        label = {
            int: "a whole number",
            bool: "yes or no",
            Path: "a usable path (embedded null byte)",
        }.get(leaf, "a valid value")
        return Plain(info, annotation, convert=convert, many=many, label=label, pair=pair)

    core.build_runtime_param = light
