"""The plan model: every plan survives save and load unchanged; bad data is named by field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callprep.errors import CallprepError
from callprep.plans.model import DISCOVERY_KEYS, DISCOVERY_TEXT_KEYS, KINDS, Plan
from callprep.plans.planfile import load_answers, plan_from_text, plan_to_text
from callprep.plans.store import Store
from tests.conftest import PREPARED, UNPREPARED, examples

# Text a seller might type, and text meant to break a TOML writer or a terminal.
NASTY = st.sampled_from(
    [
        "[bold]x[/bold]",
        '"""',
        "'''",
        "\\",
        "a\nb",
        "a\r\nb",
        "\x1b[31mred",
        "\x00\x7f\x9b",
        "# not a comment",
        "[[attendees]]",
        "key = 1",
        "\u202eevil",
        "🦄",
        "${HOME}",
    ]
)
TEXT = st.one_of(st.text(), NASTY, st.lists(st.one_of(st.text(max_size=5), NASTY)).map("".join))
OFFSETS = st.one_of(
    st.none(),
    # Whole minutes, as TOML writes them, and odd seconds (local mean time), which it cannot.
    st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: dt.timezone(dt.timedelta(minutes=m))),
    st.integers(-86_399, 86_399).map(lambda s: dt.timezone(dt.timedelta(seconds=s))),
)
DATETIMES = st.datetimes(
    min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1), timezones=OFFSETS
)
# The years a plan may name (model.FIRST_YEAR to LAST_YEAR).
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31))
# What a TOML file can hold (unknown keys come from files): offsets in whole minutes only.
TOML_SCALARS = st.one_of(
    TEXT,
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    DATES,
    st.datetimes(
        timezones=st.one_of(
            st.none(),
            st.integers(-1439, 1439).map(lambda m: dt.timezone(dt.timedelta(minutes=m))),
        )
    ),
    st.times(),
)
TOML_VALUES = st.recursive(
    TOML_SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=6,
)


def extras(taken: set[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Keys a newer callprep (or the seller) added, which this one must keep."""
    return st.dictionaries(TEXT.filter(lambda k: k not in taken), TOML_VALUES, max_size=2)


def section(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(fields).flatmap(
        lambda data: extras(set(fields)).map(lambda extra: {**extra, **data})
    )


TEXTS = st.lists(TEXT, max_size=4)
SIDES = st.sampled_from(["customer", "ours"])
MAYBE_BOOL = st.one_of(st.none(), st.booleans())

COMMITMENT = section(
    {"who": SIDES, "what": TEXT, "due": st.one_of(st.none(), DATES), "done": st.booleans()}
)
# What a debrief learned, each topic of its own type (a date for the deadline, text for the rest).
LEARNED = st.fixed_dictionaries(
    {}, optional={key: DATES if key == "deadline" else TEXT for key in DISCOVERY_KEYS}
)
DEBRIEF = section(
    {
        "held_at": st.one_of(st.none(), DATETIMES),
        "outcome": st.sampled_from(["best", "minimum", "none", ""]),
        "customer_objective_met": MAYBE_BOOL,
        "customer_prepared": MAYBE_BOOL,
        "summary": TEXT,
        "engagement": st.one_of(st.none(), st.integers(1, 5)),
        "off_script": TEXTS,
        "could_have_done_more": TEXT,
        "next_step": TEXT,
        "learned": LEARNED,
        "commitments": st.lists(COMMITMENT, max_size=3),
    }
)
# The calendar event a plan was imported from, its text as the calendar gave it: CRLF lines.
CALENDAR = section(
    {
        "uid": TEXT,
        "recurrence_id": TEXT,
        "sequence": st.integers(0, 2**31 - 1),
        "source": TEXT,
        "organizer": TEXT,
        "account": TEXT,
        "event": st.lists(TEXT, max_size=8).map("\r\n".join),
    }
)
PLAN = section(
    {
        "schema_version": st.just(1),
        "id": TEXT,
        "account": TEXT,
        "opportunity": TEXT,
        "kind": st.sampled_from([*KINDS, ""]),
        "starts_at": st.one_of(st.none(), DATETIMES),
        "duration_minutes": st.one_of(st.none(), st.integers(1, 24 * 60)),
        "playbook": TEXT,
        "questions": TEXTS,
        "objective": section({"best": TEXT, "minimum": TEXT, "customer": TEXT}),
        "agenda": section(
            {
                "items": TEXTS,
                "shared": st.booleans(),
                "confirmed": st.booleans(),
                "customer_prep": TEXTS,
            }
        ),
        "discovery": section(
            {
                **{key: TEXT for key in DISCOVERY_TEXT_KEYS},
                "deadline": st.one_of(st.none(), DATES),
            }
        ),
        "attendees": st.lists(
            section({"name": TEXT, "role": TEXT, "side": SIDES, "email": TEXT}), max_size=3
        ),
        "notes": st.dictionaries(TEXT, TEXT, max_size=3),
        "calendar": st.one_of(st.none(), CALENDAR),
        "debrief": st.one_of(st.none(), DEBRIEF),
    }
).map(lambda data: {k: v for k, v in data.items() if v is not None})


def same(a: Plan, b: Plan) -> None:
    """Equal as models, and as text and JSON (which also tell offsets of one instant apart)."""
    assert b == a
    assert plan_to_text(b) == plan_to_text(a)
    assert b.to_json() == a.to_json()


@pytest.mark.slow
@settings(
    max_examples=examples(120),
    deadline=None,
    # One store for every example: each save replaces the same file.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=PLAN)
def test_any_plan_survives_save_and_load_unchanged(data: dict[str, Any], tmp_path: Path) -> None:
    plan = Plan.model_validate(data)
    store = Store(tmp_path / "home")
    path = store.plans_dir / "plan.toml"
    store.save(path, plan)
    same(plan, store.load(str(path)).plan)


def test_a_long_event_text_is_written_and_read_back_whole(tmp_path: Path) -> None:
    """The imported event, up to the size the import keeps, CRLF lines, quotes and all."""
    line = 'DESCRIPTION:Join: https://teams.example/l?x="1"\\, \\n café — ünïcode ✓'
    event = "\r\n".join(["BEGIN:VEVENT", *[line] * 3000, "END:VEVENT"])
    assert len(event.encode("utf-8")) > 200 * 1024
    plan = Plan.model_validate({"account": "Acme", "calendar": {"uid": "u", "event": event}})
    store = Store(tmp_path / "home")
    path = store.plans_dir / "plan.toml"
    store.save(path, plan)
    again = store.load(str(path)).plan
    assert again.calendar is not None and again.calendar.event == event
    same(plan, again)
    assert "event" not in (Plan(calendar={"uid": "u"}).to_data()["calendar"])  # only when set


def test_an_offset_toml_cannot_hold_becomes_the_same_instant_in_utc() -> None:
    lmt = dt.timezone(dt.timedelta(minutes=19, seconds=32))  # Amsterdam before 1937
    start = dt.datetime(1900, 5, 1, 9, 0, tzinfo=lmt)
    plan = Plan(starts_at=start, debrief={"held_at": start})
    assert plan.starts_at == start and plan.starts_at.utcoffset() == dt.timedelta(0)
    assert plan.debrief is not None and plan.debrief.held_at == start
    same(plan, plan_from_text(plan_to_text(plan), "x"))


def test_a_plan_toml_cannot_hold_is_refused_not_written(tmp_path: Path) -> None:
    odd = dt.datetime(2000, 1, 1, tzinfo=dt.timezone(dt.timedelta(seconds=1)))
    plan = Plan.model_validate({"account": "Acme", "imported": {"at": odd}})
    store = Store(tmp_path / "home")
    path = store.plans_dir / "plan.toml"
    with pytest.raises(CallprepError, match="cannot be written as TOML"):
        store.save(path, plan)
    assert not path.exists()


def test_unknown_keys_are_kept_everywhere() -> None:
    text = (
        'future = "kept"\n'
        "[objective]\nbest = 'x'\nweight = 3\n"
        "[[attendees]]\nname = 'Dana'\nlinkedin = 'dana'\n"
        "[debrief]\noutcome = 'best'\nmood = { calm = true }\n"
        "[[debrief.commitments]]\nwhat = 'Send data'\npriority = 1\n"
    )
    again = plan_from_text(plan_to_text(plan_from_text(text, "x")), "x").to_data()
    assert again["future"] == "kept"
    assert again["objective"]["weight"] == 3
    assert again["attendees"][0]["linkedin"] == "dana"
    assert again["debrief"]["mood"] == {"calm": True}
    assert again["debrief"]["commitments"][0]["priority"] == 1


def test_whitespace_answers_read_as_unknown() -> None:
    plan = Plan.model_validate({"account": "  Acme  ", "discovery": {"urgency": "   "}})
    assert plan.account == "Acme"
    assert not plan.discovery.is_known("urgency")


def test_empty_values_mean_unknown() -> None:
    plan = Plan.model_validate(
        {"starts_at": "", "duration_minutes": "", "discovery": {"deadline": ""}}
    )
    assert plan.starts_at is None and plan.duration_minutes is None
    assert plan.discovery.deadline is None


def test_files_stay_short_without_empty_notes_or_emails() -> None:
    plan = Plan(attendees=[{"name": "Dana", "email": ""}, {"name": "Sam", "email": "s@x.io"}])
    text = plan_to_text(plan)
    assert "[notes]" not in text
    assert text.count("email") == 1


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("kind = 'chat'", "kind:"),
        ("duration_minutes = 0", "duration_minutes:"),
        ("schema_version = 2", "schema_version 2 was written by a newer callprep"),
        ("[debrief]\nengagement = 9", "debrief.engagement:"),
        ("[debrief]\nlearned = { mood = 'x' }", "unknown discovery key 'mood'"),
        ("[[attendees]]\nside = 'theirs'", "attendees.0.side:"),
        ("[[debrief.commitments]]\ndue = 'soon'", "debrief.commitments.0.due:"),
        ("account = 'x'\nopportunity = 'y\nkind = 'demo'", "line 2"),
        ("starts_at = 2026-13-01T10:00:00", "line 1"),
    ],
)
def test_bad_plans_are_named_by_file_and_field_or_line(text: str, named: str) -> None:
    with pytest.raises(CallprepError) as caught:
        plan_from_text(text, "plans/x.toml")
    message = str(caught.value)
    assert message.startswith("plans/x.toml: ")
    assert named in message
    assert "\n" not in message


def test_the_examples_are_valid_and_the_from_reader_keeps_them_raw(tmp_path: Path) -> None:
    for example in (PREPARED, UNPREPARED):
        plan = plan_from_text(example.read_text(), str(example))
        assert plan.account and plan.objective.best
    subset = tmp_path / "subset.toml"
    subset.write_text("account = 'Acme'\n[objective]\nbest = 'Dana signs'\n")
    assert load_answers(subset) == {"account": "Acme", "objective": {"best": "Dana signs"}}
