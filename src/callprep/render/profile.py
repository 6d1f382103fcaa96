"""The seller's profile as a two-column table for the terminal."""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from callprep import messages
from callprep.plans.profile import KEYS, Profile
from callprep.text import clean


def table(profile: Profile, defaults: dict[str, str]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for key in KEYS:
        value = getattr(profile, key)
        if isinstance(value, list):
            value = ", ".join(value)
        if value:
            shown = Text(clean(value))
        elif key in defaults:
            shown = Text(messages.PROFILE_DEFAULT_NOTE.format(value=clean(defaults[key])), "dim")
        else:
            shown = Text("—", "dim")
        grid.add_row(f"{key}", shown)
    return grid


def sign_off(lines: list[str]) -> Group:
    """How the seller's messages end: a heading, then the closing and signature indented."""
    return Group(
        Text(f"\n{messages.PROFILE_SIGN_OFF}", style="dim"),
        Padding(Text("\n".join(clean(line) for line in lines)), (0, 0, 0, 2)),
    )
