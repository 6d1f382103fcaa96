"""Typer 0.29 adjusted for callprep: help that reads plainly, and a start that does not pay for
pydantic. pyproject pins typer < 0.30; tests/test_errors.py holds the help and messages to this."""

import functools
import inspect
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
    lazy_commands()


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
        return _first_sentence(self.short_help or self.help or "")

    _click.Command.get_short_help_str = first_sentence  # type: ignore[method-assign]


def _first_sentence(text: str) -> str:
    paragraph = " ".join(text.split("\n\n", 1)[0].split())
    end = re.search(r"[.!?](?=\s|$)", paragraph)
    return (paragraph[: end.end()] if end else paragraph).strip()


class _Commands(dict[str, Any]):
    """A group's commands by name, each built (its parameters read from its function's
    signature) the first time it is asked for; `summaries` lists them for help without that."""

    def __init__(self, builders: dict[str, Callable[[], Any]], summaries: dict[str, str]) -> None:
        super().__init__(dict.fromkeys(builders))
        self._builders = builders
        self.summaries = summaries  # name -> the first sentence of its help; hidden ones left out

    def __getitem__(self, name: str) -> Any:
        built = super().__getitem__(name)
        if built is None:
            built = self._builders[name]()
            super().__setitem__(name, built)
        return built

    def get(self, name: str, default: Any = None) -> Any:
        if name not in self:
            return default
        return self[name]

    def values(self) -> list[Any]:  # type: ignore[override]
        return [self[name] for name in self]

    def items(self) -> list[tuple[str, Any]]:  # type: ignore[override]
        return [(name, self[name]) for name in self]


def lazy_commands() -> None:
    """A start builds the command it runs, not all twenty-odd of them.

    Typer 0.29 turns every registered command into a click command (reading each function's
    signature and type hints) before it looks at the command line: about 10 ms of every start.
    Each is built when first asked for instead; `callprep --help` lists them from their help
    text alone, and completion still sees every one. (pyproject pins typer < 0.30;
    tests/test_errors.py holds the help text to this.)
    """
    from typer import main as typer_main

    whole = typer_main.get_group_from_info

    def lazy_group(
        group_info: Any,
        *,
        pretty_exceptions_short: bool,
        suggest_commands: bool,
        rich_markup_mode: Any,
    ) -> Any:
        options = {
            "pretty_exceptions_short": pretty_exceptions_short,
            "rich_markup_mode": rich_markup_mode,
        }
        instance = group_info.typer_instance
        builders: dict[str, Callable[[], Any]] = {}
        summaries: dict[str, str] = {}
        for info in instance.registered_commands:
            name = info.name or typer_main.get_command_name(info.callback.__name__)
            builders[name] = functools.partial(typer_main.get_command_from_info, info, **options)
            if not info.hidden:
                text = info.short_help or info.help or inspect.getdoc(info.callback) or ""
                summaries[name] = _first_sentence(text)
        for sub in instance.registered_groups:
            solved = typer_main.solve_typer_info_defaults(sub)
            if not solved.name:  # merged into this group by typer: build it all, as typer does
                return whole(group_info, suggest_commands=suggest_commands, **options)
            builders[solved.name] = functools.partial(
                lazy_group, sub, suggest_commands=suggest_commands, **options
            )
            if not solved.hidden:
                summaries[solved.name] = _first_sentence(solved.short_help or solved.help or "")
        registered = instance.registered_commands, instance.registered_groups
        instance.registered_commands, instance.registered_groups = [], []
        try:
            group = whole(group_info, suggest_commands=suggest_commands, **options)
        finally:
            instance.registered_commands, instance.registered_groups = registered
        group.commands = _Commands(builders, summaries)
        return group

    def listed(self: core.TyperGroup, ctx: Any, formatter: Any) -> None:
        if not isinstance(self.commands, _Commands):
            return listed_whole(self, ctx, formatter)
        rows = list(self.commands.summaries.items())
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    listed_whole = core.TyperGroup.format_commands
    typer_main.get_group_from_info = lazy_group
    core.TyperGroup.format_commands = listed  # type: ignore[method-assign]
    core.TyperGroup.list_commands = lambda self, ctx: list(self.commands)  # type: ignore[method-assign]


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
