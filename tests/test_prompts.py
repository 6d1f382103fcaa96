"""The prompt seam's own rules (the interviews themselves are tested with scripted answers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callprep.prompts import fitted_problem


@pytest.mark.parametrize(
    ("problem", "value", "shown"),
    [
        ("too short", "x", "too short"),
        (
            "timezone: 'Etc/UTCEurope/London': not a time zone I know (did you mean "
            "Europe/London?)",
            "Etc/UTCEurope/London",
            "timezone: not a time zone I know (did you mean Europe/London?)",
        ),
        (
            "'Thu 15:00 New York': not a date and time I can read; try \"tomorrow 10:00\" or "
            '"2026-12-06 15:00"',
            "Thu 15:00 New York",
            'not a date and time I can read; try "tomorrow 10:00" or "2026-12-06 15:00"',
        ),
    ],
)
def test_a_refusal_fits_the_line_the_prompt_shows_it_on(problem, value, shown) -> None:
    assert fitted_problem(problem, value, 80) == shown


@given(st.text(max_size=300), st.text(max_size=100), st.integers(min_value=1, max_value=300))
def test_a_refusal_never_outgrows_its_line(problem: str, value: str, width: int) -> None:
    shown = fitted_problem(problem, value, width)
    assert len(shown) <= max(width - 1, 20)
    assert shown == problem or shown.endswith("…") or len(shown) < len(problem)
