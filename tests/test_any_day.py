"""The shipped examples brief and check the same on any day: the day they assume (NOW, a few days
before their calls), a year on and five years on, when their calls are long past."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import time_machine
from typer.testing import Result

from tests.conftest import EXAMPLES, NOW

DAYS = [NOW, NOW.replace(year=NOW.year + 1), NOW.replace(year=NOW.year + 5)]
VIEWS = [
    ("check", "--json"),
    ("brief",),
    ("brief", "--format", "md"),
    ("brief", "--format", "html"),
    ("brief", "--format", "md", "--share"),
]


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_an_example_reads_the_same_on_any_day(
    cli: Callable[..., Result], example: Path, view: tuple[str, ...]
) -> None:
    outputs = []
    for day in DAYS:
        with time_machine.travel(day, tick=False):
            result = cli(view[0], str(example), *view[1:])
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[1] == outputs[0], f"differs on {DAYS[1]:%Y-%m-%d}"
    assert outputs[2] == outputs[0], f"differs on {DAYS[2]:%Y-%m-%d}"


def test_the_days_are_a_year_and_five_years_on() -> None:
    assert [day - NOW for day in DAYS[1:]] == [
        dt.timedelta(days=365),
        dt.timedelta(days=365 * 5 + 1),
    ]
