"""The seller's profile as a two-column table for the terminal."""

from __future__ import annotations

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
