"""The plan file's layout: people-readable tables, and any TOML data reads back unchanged."""

from __future__ import annotations

import datetime as dt
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from callprep.plans.planfile import dumps, load_plan, plan_to_text
from tests.conftest import PREPARED, examples

keys = st.text(min_size=1, max_size=8)
scalars = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.dates(),
    st.floats(allow_nan=False),
    st.datetimes(timezones=st.just(dt.UTC)),
)
toml_data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=examples(300), deadline=None)
@given(st.dictionaries(keys, toml_data, max_size=6))
def test_any_toml_data_reads_back_unchanged(data: dict[str, object]) -> None:
    assert tomllib.loads(dumps(data)) == data


def test_arrays_of_tables_are_headed_blocks_like_the_spec() -> None:
    plan = load_plan(PREPARED).model_copy(deep=True)
    data = plan.to_data()
    data["debrief"] = {
        "outcome": "best",
        "learned": {},
        "commitments": [{"who": "ours", "what": "Send the security pack", "done": False}],
    }
    text = dumps(data)
    assert text.count("\n[[attendees]]\n") == len(plan.attendees) == 4
    assert '\n[[debrief.commitments]]\nwho = "ours"' in text
    assert "\nlearned = {}\n" in text
    assert "\n[objective]\nbest = " in text
    assert tomllib.loads(text) == data


def test_example_survives_a_rewrite() -> None:
    plan = load_plan(PREPARED)
    assert tomllib.loads(plan_to_text(plan)) == plan.to_data()


plain_values = st.recursive(
    st.booleans()
    | st.integers()
    | st.text()
    | st.dates()
    | st.datetimes(timezones=st.none() | st.timezones())
    | st.floats(allow_nan=False),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=8,
)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(min_size=1, max_size=8), plain_values)
def test_a_value_is_written_as_tomli_w_writes_it(key: str, value: object) -> None:
    """planfile writes plain values itself (for speed); the text must be tomli_w's, byte for byte."""
    import tomli_w

    from callprep.plans.planfile import _line

    try:
        expected = tomli_w.dumps({key: value}).rstrip("\n")
    except ValueError:  # an offset TOML cannot hold: never in a plan (the model refuses it)
        return
    assert _line(key, value) == expected
