"""Where output goes: data to stdout, messages to stderr; rich consoles that honour NO_COLOR."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from rich.console import Console

from callprep.errors import CallprepError
from callprep.render.safe import one_line


@cache
def out() -> Console:
    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


@cache
def err() -> Console:
    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def reset() -> None:
    """Forget the consoles (tests swap sys.stdout between runs)."""
    out.cache_clear()
    err.cache_clear()


def say(message: str, style: str = "") -> None:
    """A message for the seller on stderr; the text is never read as markup."""
    err().print(message, style=style or None, markup=False, emoji=False, highlight=False)


def warn(message: str) -> None:
    say(f"callprep: {one_line(message)}", style="yellow")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def write_data(text: str, output: Path | None) -> None:
    """Text to `output`, atomically, or to stdout."""
    if output is None:
        sys.stdout.write(text)
        return
    write_file(output, text.encode("utf-8"))


def write_file(output: Path, data: bytes) -> None:
    from callprep.store import atomic_write_bytes

    try:
        atomic_write_bytes(output, data)
    except OSError as error:
        raise CallprepError(f"cannot write {output}: {error.strerror or error}") from error
    say(f"Wrote {output}")
