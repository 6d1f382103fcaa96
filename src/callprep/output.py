"""Where output goes: data to stdout, messages to stderr; rich consoles that honour NO_COLOR."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from callprep import messages
from callprep.errors import CallprepError
from callprep.text import one_line, wrap

if TYPE_CHECKING:
    from rich.console import Console

# Rich's own styling (SGR: colour, weight) is the only escape sequence callprep means to write.
_SGR = re.compile(r"\x1b\[[0-9;]*m")
# Anything else a terminal acts on: C0 and C1 controls but tab and newline, DEL, bidi controls.
_TERMINAL_CONTROLS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


class _Guarded:
    """A console's stream: text, and on a styled terminal rich's colours; no other control.

    The renderers clean what the seller typed; this is the last line of defence, so a field
    one of them forgets can still never move the cursor, clear the screen or reorder a line.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.keep_styles = False

    def write(self, text: str) -> int:
        kept: list[str] = []
        last = 0
        if self.keep_styles:
            for match in _SGR.finditer(text):
                kept += [_TERMINAL_CONTROLS.sub("", text[last : match.start()]), match.group()]
                last = match.end()
        kept.append(_TERMINAL_CONTROLS.sub("", text[last:]))
        self.stream.write("".join(kept))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)  # isatty, fileno, flush, encoding ...


def _console(stream: TextIO, soft_wrap: bool) -> Console:
    from rich.console import Console  # deferred: rich: only what prints

    guarded = _Guarded(stream)
    console = Console(file=cast(TextIO, guarded), highlight=False, soft_wrap=soft_wrap)
    guarded.keep_styles = console.is_terminal
    return console


@cache
def out() -> Console:
    return _console(sys.stdout, soft_wrap=False)


@cache
def err() -> Console:
    return _console(sys.stderr, soft_wrap=True)


def reset() -> None:
    """Forget the consoles (tests swap sys.stdout between runs)."""
    out.cache_clear()
    err.cache_clear()


def write_lines(console: Console, lines: list[list[tuple[str, str]]]) -> None:
    """Lines of (text, style) pieces, styled only where the console shows colour.

    For long listings: rich's own layout costs a second per few thousand lines; this writes the
    same characters and colour codes through the console's (guarded) stream directly.
    """
    from rich.console import COLOR_SYSTEMS  # deferred: rich: only what prints
    from rich.style import Style  # deferred: rich: only what prints

    system = console.color_system if console.is_terminal and not console.no_color else None
    color = COLOR_SYSTEMS.get(system) if system else None
    styles: dict[str, Style] = {}
    out: list[str] = []
    for line in lines:
        for text, style in line:
            if style and color:
                parsed = styles.setdefault(style, Style.parse(style))
                out.append(parsed.render(text, color_system=color))
            else:
                out.append(text)
        out.append("\n")
    console.file.write("".join(out))
    console.file.flush()


def say(message: str, style: str = "") -> None:
    """A message for the seller on stderr; the text is never read as markup.

    In a terminal a one-line message is folded at words to its width, never inside a
    `command` (a terminal would fold it anywhere). Text of several lines (a drafted email) is
    written as it is, to be copied whole.
    """
    if not style and _plain(sys.stderr):
        # Not a terminal (a script, a log): the same characters, without loading rich.
        _Guarded(sys.stderr).write(message + "\n")
        return
    console = err()
    if console.is_terminal and "\n" not in message:
        message = "\n".join(wrap(message, console.width))
    console.print(message, style=style or None, markup=False, emoji=False, highlight=False)


def hint(message: str, *commands: str) -> None:
    """A message and the commands it names, each whole on a line of its own (indented two).

    The message is folded at words as `say` folds it; a command never is: folded inside an id
    (`…northwind-foods-` / `discovery --mark-shared`), it can no longer be copied whole.
    """
    say(message)
    stream = _Guarded(sys.stderr)
    for command in commands:
        stream.write(f"  {one_line(command)}\n")
    sys.stderr.flush()


def _plain(stream: TextIO) -> bool:
    """A stream rich would treat as no terminal: nothing to fold, nothing to colour."""
    if any(os.environ.get(name) for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")):
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False  # a closed or odd stream: let rich decide, as before


def warn(message: str) -> None:
    """One line for a script or a log, which read warnings as lines; in a terminal folded at
    words as `say` folds, so the terminal never folds a `command` or an id inside it."""
    console = err()
    text = f"callprep: {one_line(message)}"
    if console.is_terminal:
        text = "\n".join(wrap(text, console.width))
    console.print(text, style="yellow", markup=False, emoji=False, highlight=False)


# What JSON and TOML writers leave raw in a string but a terminal may act on: DEL, the C1
# controls (U+009B is CSI), line and paragraph separators, the bidi controls.
_RAW_CONTROLS = re.compile(r"[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_controls(data_text: str) -> str:
    """JSON or TOML text with those characters written as `\\uXXXX`: the same data, safe to show.

    Only valid where they can only stand inside quoted strings (as in JSON or TOML made by a
    writer), where both formats read the escape back as the character.
    """
    return _RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", data_text)


def print_json(data: Any) -> None:
    import json  # deferred: only --json

    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(escape_controls(text) + "\n")


STDOUT = "-"  # `-o -`: standard output, as every Unix tool reads it


def write_data(text: str, output: str | None, guard: OutputGuard) -> None:
    """Text to `output` (see `write_file`), or to stdout (no `-o`, or `-o -`)."""
    if output is None or output == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_file(output, text.encode("utf-8"), guard)


@dataclass(frozen=True)
class OutputGuard:
    """What an output file may never be: the plan it was made from, or the store's own files."""

    plan: Path
    store_dirs: tuple[Path, ...] = ()
    store_files: tuple[Path, ...] = ()


def write_file(output: str, data: bytes, guard: OutputGuard) -> None:
    """Bytes to the file the seller named, as `files.write_output` does; says where they went."""
    from callprep.files import write_output  # deferred: only an output written to a file

    if output == STDOUT:
        _write_stdout(data)
        return
    write_output(
        output,
        data,
        protected=(guard.plan, *guard.store_files),
        protected_dirs=guard.store_dirs,
    )
    say(f"Wrote {output}")


def _write_stdout(data: bytes) -> None:
    """`-o -`: the bytes to stdout; a PDF or a database never to a terminal (it would garble it)."""
    if b"\x00" in data or not _is_text(data):
        try:
            terminal = sys.stdout.isatty()
        except (AttributeError, ValueError, OSError):
            terminal = False
        if terminal:
            raise CallprepError(messages.OUTPUT_STDOUT_BINARY)
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:  # a stream of text only (a test's): the text it can hold
        sys.stdout.write(data.decode("utf-8", "replace"))


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
