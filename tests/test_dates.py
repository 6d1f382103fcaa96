"""Dates as people type them: ISO 8601 and everyday English, refused rather than guessed."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callprep import dates, messages
from callprep.dates import (
    describe_date,
    describe_datetime,
    echo,
    get_zone,
    local_zone_name,
    parse_date,
    parse_datetime,
    parse_deadline,
)
from callprep.errors import CallprepError
from tests.guards import finishes

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")
NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=LONDON)  # a Sunday, noon
MONDAY = dt.datetime(2026, 11, 30, 9, 0, tzinfo=LONDON)
# New York's clocks go back at 02:00 on Sunday 1 Nov 2026 and forward on Sunday 14 Mar 2027.
BEFORE_FALL_BACK = dt.datetime(2026, 10, 31, 12, 0, tzinfo=NEW_YORK)
UTC = dt.UTC


def at(text: str, zone: ZoneInfo = LONDON, now: dt.datetime = NOW, **kw: Any) -> str:
    value = parse_datetime(text, zone, now, **kw)
    assert value is not None
    return echo(value)


def on(text: str, zone: ZoneInfo = LONDON, now: dt.datetime = NOW, **kw: Any) -> str:
    value = parse_date(text, zone, now, **kw)
    assert value is not None
    return echo(value)


def refusal(parse: Callable[..., Any], text: str, now: dt.datetime = NOW, **kw: Any) -> str:
    zone = kw.pop("zone", LONDON)
    with pytest.raises(CallprepError) as caught:
        parse(text, zone, now, **kw)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- the SPEC's phrases ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("next Tuesday 10:00", "→ Tue 1 Dec 2026, 10:00 Europe/London"),
        ("tomorrow 3pm", "→ Mon 30 Nov 2026, 15:00 Europe/London"),
        ("Tue 14:30", "→ Tue 1 Dec 2026, 14:30 Europe/London"),
        ("3 Dec 15:00", "→ Thu 3 Dec 2026, 15:00 Europe/London"),
        ("31 March 2027 10:00", "→ Wed 31 Mar 2027, 10:00 Europe/London"),
        ("in 2 weeks 10:00", "→ Sun 13 Dec 2026, 10:00 Europe/London"),
        ("end of Q1 17:00", "→ Wed 31 Mar 2027, 17:00 Europe/London"),
        # and what else people write
        ("next tuesday at 10am", "→ Tue 1 Dec 2026, 10:00 Europe/London"),
        ("tomorrow at 15:00", "→ Mon 30 Nov 2026, 15:00 Europe/London"),
        ("tomorrow 10.30am", "→ Mon 30 Nov 2026, 10:30 Europe/London"),
        ("tomorrow noon", "→ Mon 30 Nov 2026, 12:00 Europe/London"),
        ("Dec 3rd 3pm", "→ Thu 3 Dec 2026, 15:00 Europe/London"),
        ("3rd December at 3 p.m.", "→ Thu 3 Dec 2026, 15:00 Europe/London"),
        ("December 3rd, 2026 at 3:00 PM", "→ Thu 3 Dec 2026, 15:00 Europe/London"),
        ("Tuesday 1st December 10:00", "→ Tue 1 Dec 2026, 10:00 Europe/London"),
        ("15:00 on Tuesday", "→ Tue 1 Dec 2026, 15:00 Europe/London"),
        ("  Tue   14:30  ", "→ Tue 1 Dec 2026, 14:30 Europe/London"),
        ("in 2 hours", "→ Sun 29 Nov 2026, 14:00 Europe/London"),
        ("in 30 minutes", "→ Sun 29 Nov 2026, 12:30 Europe/London"),
        ("now", "→ Sun 29 Nov 2026, 12:00 Europe/London"),
        ("next week 10:00", "→ Sun 6 Dec 2026, 10:00 Europe/London"),
        ("a week from today 10:00", "→ Sun 6 Dec 2026, 10:00 Europe/London"),
        ("2 weeks from now 09:30", "→ Sun 13 Dec 2026, 09:30 Europe/London"),
        ("13/04/2027 10:00", "→ Tue 13 Apr 2027, 10:00 Europe/London"),
        ("2026-12-03 3pm", "→ Thu 3 Dec 2026, 15:00 Europe/London"),
        ("by 3 Dec 15:00", "→ Thu 3 Dec 2026, 15:00 Europe/London"),
    ],
)
def test_datetimes_as_people_type_them(text: str, shown: str) -> None:
    assert at(text) == shown


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("31 March 2027", dt.date(2027, 3, 31)),
        ("in 2 weeks", dt.date(2026, 12, 13)),
        ("in two weeks", dt.date(2026, 12, 13)),
        ("in 2 months", dt.date(2027, 1, 29)),
        ("end of Q1", dt.date(2027, 3, 31)),
        ("end of Q2 2027", dt.date(2027, 6, 30)),
        ("Q3", dt.date(2027, 9, 30)),
        ("Q4", dt.date(2026, 12, 31)),
        ("Q1 2026", dt.date(2026, 3, 31)),  # a year given: in the past, as written
        ("end of March", dt.date(2027, 3, 31)),
        ("end of November", dt.date(2026, 11, 30)),
        ("end of March 2028", dt.date(2028, 3, 31)),
        ("end of the month", dt.date(2026, 11, 30)),
        ("EOM", dt.date(2026, 11, 30)),
        ("month end", dt.date(2026, 11, 30)),
        ("end of next month", dt.date(2026, 12, 31)),
        ("start of next month", dt.date(2026, 12, 1)),
        ("start of the month", dt.date(2026, 12, 1)),  # the next 1st to come
        ("end of the quarter", dt.date(2026, 12, 31)),
        ("EOQ", dt.date(2026, 12, 31)),
        ("start of next quarter", dt.date(2027, 1, 1)),
        ("beginning of Q2", dt.date(2027, 4, 1)),
        ("end of the year", dt.date(2026, 12, 31)),
        ("year end", dt.date(2026, 12, 31)),
        ("end of 2027", dt.date(2027, 12, 31)),
        ("end of the week", dt.date(2026, 12, 4)),  # Friday
        ("end of next week", dt.date(2026, 12, 4)),  # Sunday: next week is Mon 30 Nov - Fri 4 Dec
        ("next week", dt.date(2026, 12, 6)),  # a week from today, as `in 1 week`
        ("today", dt.date(2026, 11, 29)),
        ("tonight", dt.date(2026, 11, 29)),
        ("tomorrow", dt.date(2026, 11, 30)),
        ("Tue", dt.date(2026, 12, 1)),
        ("Sun", dt.date(2026, 11, 29)),  # today is a Sunday: the first one from today
        ("next Sunday", dt.date(2026, 12, 6)),
        ("by Friday", dt.date(2026, 12, 4)),
        ("by end of Q1", dt.date(2027, 3, 31)),
        ("3 Dec", dt.date(2026, 12, 3)),
        ("1 Nov", dt.date(2027, 11, 1)),  # gone this year: next year's
        ("29 Nov", dt.date(2026, 11, 29)),  # today counts
        ("29 Feb", dt.date(2028, 2, 29)),  # the next leap year
        ("1/13", dt.date(2027, 1, 13)),  # 13 is no month: 13 January
        ("13/1/2027", dt.date(2027, 1, 13)),
        ("4/4", dt.date(2027, 4, 4)),  # both readings are the same day
        ("2027/03/04", dt.date(2027, 3, 4)),  # year first: year, month, day
        ("31.12.2026", dt.date(2026, 12, 31)),
        ("3pm", dt.date(2026, 11, 29)),  # a date prompt given a time: its day
        ("3 Dec 15:00 America/New_York", dt.date(2026, 12, 3)),
        ("2026-12-03T23:30-05:00", dt.date(2026, 12, 3)),  # the day as written, not London's
    ],
)
def test_dates_as_people_type_them(text: str, day: dt.date) -> None:
    assert parse_date(text, LONDON, NOW) == day


def test_blank_is_unknown() -> None:
    for parse in (parse_datetime, parse_date, parse_deadline):
        assert parse("", LONDON, NOW) is None
        assert parse("   \t ", LONDON, NOW) is None


# --- ISO 8601 -------------------------------------------------------------------------------


def test_iso_forms() -> None:
    assert parse_date("2026-12-03", LONDON, NOW) == dt.date(2026, 12, 3)
    for text in (
        "2026-12-03 15:00",
        "2026-12-03T15:00",
        "2026-12-03t15:00",
        "2026-12-03 15:00:59.5",
    ):
        value = parse_datetime(text, LONDON, NOW)
        assert value == dt.datetime(2026, 12, 3, 15, 0, tzinfo=LONDON)
        assert value is not None and value.tzinfo is LONDON  # callers know the zone's name
    offset = parse_datetime("2026-12-03T15:00:00-05:00", LONDON, NOW)
    assert offset is not None
    assert offset.utcoffset() == dt.timedelta(hours=-5)
    assert not isinstance(offset.tzinfo, ZoneInfo)  # the offset the seller gave, kept
    assert echo(offset) == "→ Thu 3 Dec 2026, 15:00 UTC-05:00"
    for text in ("2026-12-03T15:00Z", "2026-12-03 15:00z", "2026-12-03 15:00 +00:00"):
        assert echo(parse_datetime(text, LONDON, NOW) or NOW) == "→ Thu 3 Dec 2026, 15:00 UTC"
    assert parse_datetime("2026-12-03 15:00 +0530", LONDON, NOW) == dt.datetime(
        2026, 12, 3, 9, 30, tzinfo=UTC
    )


def test_a_naive_time_is_in_the_zone_given() -> None:
    for zone in (LONDON, NEW_YORK, KOLKATA, KIRITIMATI):
        value = parse_datetime("2026-12-03 15:00", zone, NOW)
        assert value is not None
        assert value.tzinfo is zone
        assert (value.hour, value.minute) == (15, 0)
    assert at("2026-06-03 15:00") == "→ Wed 3 Jun 2026, 15:00 Europe/London"  # BST
    assert at("2026-06-03 15:00", KOLKATA) == "→ Wed 3 Jun 2026, 15:00 Asia/Kolkata"


def test_seconds_are_dropped() -> None:
    value = parse_datetime("2026-12-03T15:00:59.999999+01:00", LONDON, NOW)
    assert value is not None and (value.second, value.microsecond) == (0, 0)
    live = parse_datetime("now", LONDON, NOW.replace(second=41, microsecond=7))
    assert live is not None and (live.second, live.microsecond) == (0, 0)


@pytest.mark.parametrize(
    "text",
    ["2026-13-01", "2026-12-03 24:00", "2026-12-03 15:61", "2026-12-03T15:00+01:60"],
)
def test_impossible_iso_dates_are_refused(text: str) -> None:
    assert "not a date" in refusal(parse_datetime, text)


# --- zones in the text ----------------------------------------------------------------------


def test_a_zone_in_the_text_wins() -> None:
    assert at("15:00 Europe/Paris") == "→ Sun 29 Nov 2026, 15:00 Europe/Paris"
    assert at("3 Dec 15:00 in America/New_York") == "→ Thu 3 Dec 2026, 15:00 America/New_York"
    assert at("europe/paris 15:00") == "→ Sun 29 Nov 2026, 15:00 Europe/Paris"
    assert at("2026-12-03 15:00 Asia/Kolkata") == "→ Thu 3 Dec 2026, 15:00 Asia/Kolkata"
    assert at("3 Dec 2026 15:00 UTC") == "→ Thu 3 Dec 2026, 15:00 UTC"
    assert at("3pm EST") == "→ Sun 29 Nov 2026, 15:00 UTC-05:00"
    assert at("10am PST") == "→ Sun 29 Nov 2026, 10:00 UTC-08:00"
    assert at("tomorrow 15:00 +01:00") == "→ Mon 30 Nov 2026, 15:00 UTC+01:00"
    assert at("tomorrow 15:00 UTC+5:30") == "→ Mon 30 Nov 2026, 15:00 UTC+05:30"
    paris = parse_datetime("3 Dec 15:00 Europe/Paris", LONDON, NOW)
    assert paris is not None and paris.tzinfo == ZoneInfo("Europe/Paris")
    assert paris == dt.datetime(2026, 12, 3, 14, 0, tzinfo=UTC)


def test_ist_is_three_zones() -> None:
    message = refusal(parse_datetime, "3pm IST")
    assert message == (
        "'3pm IST': IST could be India, Irish or Israel time; "
        'write the zone: "3pm Asia/Kolkata" or "3pm +05:30"'
    )
    assert at("3pm Asia/Kolkata") == "→ Mon 30 Nov 2026, 15:00 Asia/Kolkata"
    assert at("3pm +05:30") == "→ Mon 30 Nov 2026, 15:00 UTC+05:30"


def test_an_unknown_zone_is_named() -> None:
    message = refusal(parse_datetime, "15:00 Europe/Pariss")
    assert message == "'Europe/Pariss': not a time zone I know; did you mean Europe/Paris?"
    assert "two zones" not in refusal(parse_datetime, "15:00 Europe/Paris America/New_York")


# --- the next one to come --------------------------------------------------------------------


def test_a_weekday_is_the_next_one_to_come() -> None:
    # dateparser says next week for both; 13:00 today has not come yet.
    assert at("Sun 13:00") == "→ Sun 29 Nov 2026, 13:00 Europe/London"
    assert at("Sun 10:00") == "→ Sun 6 Dec 2026, 10:00 Europe/London"
    assert at("Mon 10:00", now=MONDAY) == "→ Mon 30 Nov 2026, 10:00 Europe/London"
    assert at("Mon 08:00", now=MONDAY) == "→ Mon 7 Dec 2026, 08:00 Europe/London"
    assert on("Monday", now=MONDAY) == "→ Mon 30 Nov 2026"


def test_a_day_and_month_is_the_next_one_to_come() -> None:
    assert at("29 Nov 15:00") == "→ Sun 29 Nov 2026, 15:00 Europe/London"
    assert at("29 Nov 10:00") == "→ Mon 29 Nov 2027, 10:00 Europe/London"
    assert at("3 Dec 2020 15:00") == "→ Thu 3 Dec 2020, 15:00 Europe/London"  # a year: as written


def test_a_time_alone_is_today_or_tomorrow() -> None:
    assert at("15:00") == "→ Sun 29 Nov 2026, 15:00 Europe/London"
    assert at("10:00") == "→ Mon 30 Nov 2026, 10:00 Europe/London"
    assert at("11:59") == "→ Mon 30 Nov 2026, 11:59 Europe/London"
    assert at("12:00") == "→ Sun 29 Nov 2026, 12:00 Europe/London"  # now counts


def test_relative_words_fix_the_day() -> None:
    assert at("today 10:00") == "→ Sun 29 Nov 2026, 10:00 Europe/London"  # past, as written
    assert on("yesterday") == "→ Sat 28 Nov 2026"
    assert on("2 days ago") == "→ Fri 27 Nov 2026"


def test_prefer_past_for_what_has_been() -> None:
    """`--since` and debrief dates: the last one gone, not the next to come."""
    assert on("Tue", prefer="past") == "→ Tue 24 Nov 2026"
    assert on("Sun", prefer="past") == "→ Sun 29 Nov 2026"
    assert on("3 Dec", prefer="past") == "→ Wed 3 Dec 2025"
    assert on("1 Nov", prefer="past") == "→ Sun 1 Nov 2026"
    assert on("end of Q1", prefer="past") == "→ Tue 31 Mar 2026"
    assert on("end of the month", prefer="past") == "→ Sat 31 Oct 2026"
    assert on("start of the month", prefer="past") == "→ Sun 1 Nov 2026"
    assert at("Sun 13:00", prefer="past") == "→ Sun 22 Nov 2026, 13:00 Europe/London"
    assert at("Sun 10:00", prefer="past") == "→ Sun 29 Nov 2026, 10:00 Europe/London"


def test_a_period_end_on_its_last_day_is_today() -> None:
    new_years_eve = dt.datetime(2026, 12, 31, 18, 0, tzinfo=LONDON)
    assert parse_date("end of Q4", LONDON, new_years_eve) == dt.date(2026, 12, 31)
    assert parse_date("end of the month", LONDON, new_years_eve) == dt.date(2026, 12, 31)
    assert parse_date("Q4", LONDON, new_years_eve + dt.timedelta(days=1)) == dt.date(2027, 12, 31)


# --- zones, daylight saving, the date line ---------------------------------------------------


def test_new_york_across_the_fall_back() -> None:
    def ny(text: str) -> str:
        return at(text, NEW_YORK, BEFORE_FALL_BACK)

    assert ny("tomorrow 10:00") == "→ Sun 1 Nov 2026, 10:00 America/New_York"
    value = parse_datetime("tomorrow 10:00", NEW_YORK, BEFORE_FALL_BACK)
    assert value is not None and value.utcoffset() == dt.timedelta(hours=-5)
    assert ny("Sun 10:00") == "→ Sun 1 Nov 2026, 10:00 America/New_York"
    assert ny("in 2 weeks 10:00") == "→ Sat 14 Nov 2026, 10:00 America/New_York"
    # 24 hours on the clock, across the extra hour: 11:00, not the calendar's 12:00
    assert ny("in 24 hours") == "→ Sun 1 Nov 2026, 11:00 America/New_York"
    # 01:30 happens twice that night: the first one (still daylight time)
    repeated = parse_datetime("2026-11-01 01:30", NEW_YORK, BEFORE_FALL_BACK)
    assert repeated is not None and repeated.utcoffset() == dt.timedelta(hours=-4)


def test_a_time_the_clocks_skip_becomes_the_instant_it_names() -> None:
    assert at("2027-03-14 02:30", NEW_YORK) == "→ Sun 14 Mar 2027, 03:30 America/New_York"
    assert at("2027-03-28 01:30") == "→ Sun 28 Mar 2027, 02:30 Europe/London"


def test_kiritimati_is_already_monday() -> None:
    """At noon on Sunday in London it is 02:00 on Monday at +14: days are Kiritimati's."""
    assert on("today", KIRITIMATI) == "→ Mon 30 Nov 2026"
    assert at("tomorrow 10:00", KIRITIMATI) == "→ Tue 1 Dec 2026, 10:00 Pacific/Kiritimati"
    assert at("10:00", KIRITIMATI) == "→ Mon 30 Nov 2026, 10:00 Pacific/Kiritimati"
    assert at("Mon 01:00", KIRITIMATI) == "→ Mon 7 Dec 2026, 01:00 Pacific/Kiritimati"
    value = parse_datetime("2026-12-03 15:00", KIRITIMATI, NOW)
    assert value is not None and value.utcoffset() == dt.timedelta(hours=14)


def test_kolkata_half_hour() -> None:
    assert at("tomorrow 3pm", KOLKATA) == "→ Mon 30 Nov 2026, 15:00 Asia/Kolkata"
    value = parse_datetime("tomorrow 3pm", KOLKATA, NOW)
    assert value == dt.datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


def test_now_in_another_zone_is_read_in_the_sellers() -> None:
    naive_now = dt.datetime(2026, 11, 29, 23, 30)  # taken as the seller's wall time
    assert parse_date("tomorrow", KOLKATA, naive_now) == dt.date(2026, 11, 30)
    utc_now = dt.datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # already Monday in Kolkata
    assert parse_date("tomorrow", KOLKATA, utc_now) == dt.date(2026, 12, 1)


# --- refused rather than guessed ---------------------------------------------------------------


def test_unreadable_gives_two_examples() -> None:
    assert refusal(parse_datetime, "blah") == (
        '\'blah\': not a date and time I can read; try "tomorrow 10:00" or "2026-12-06 15:00"'
    )
    assert refusal(parse_date, "blah") == (
        '\'blah\': not a date I can read; try "6 December 2026" or "2026-12-06"'
    )


@pytest.mark.parametrize(
    "text",
    ["a", "the 5th", "5th", "Tue 10", "at 3", "tomorrow at 3", "15", "3 o'clock", "soon", "ASAP"],
)
def test_a_bare_number_or_word_is_no_date(text: str) -> None:
    """dateparser reads `a` as the 1st and `Tue 10` as the 10th of this month: refused."""
    assert "not a date" in refusal(parse_date, text)


def test_dateparser_leniency_is_refused() -> None:
    """dateparser takes the missing day from today, or reads past words it does not know."""
    assert refusal(parse_datetime, "Dec 15:00") == (
        '\'Dec 15:00\': which day? Name one, e.g. "end of December 15:00" or "1 December 2026 15:00"'
    )
    assert "which day?" in refusal(parse_datetime, "at 15:00 2027")  # 29 Nov 2027, said dateparser
    for text in (
        "tomorrow 3 Dec 15:00",  # which one?
        "tomorrow in 2 hours",
        "in 2 hours 15:00",
        "now noon",
        "tomorrow noon today",
        "in noon",
        "1st hours",
        "hours tomorrow",
        "from now tomorrow month",
        "tomorrow ago noon",
        "3 Dec 15:00 in the afternoon-ish",
        "tomorrow 15:00 (probably)",
    ):
        assert "not a date and time I can read" in refusal(parse_datetime, text), text


def test_a_weekday_must_be_the_days() -> None:
    assert at("Mon 30 Nov 15:00") == "→ Mon 30 Nov 2026, 15:00 Europe/London"
    assert at("Thursday, 3 December 2026 at 15:00") == "→ Thu 3 Dec 2026, 15:00 Europe/London"
    assert at("Tue (1 Dec) 15:00") == "→ Tue 1 Dec 2026, 15:00 Europe/London"
    refusal(parse_datetime, "tomorrow Tuesday 15:00")


def test_elapsed_time_is_counted_on_the_clock() -> None:
    assert at("2 hours ago") == "→ Sun 29 Nov 2026, 10:00 Europe/London"
    assert at("90 minutes later") == "→ Sun 29 Nov 2026, 13:30 Europe/London"
    assert at("in an hour") == "→ Sun 29 Nov 2026, 13:00 Europe/London"
    assert at("in 2 hours Asia/Kolkata") == "→ Sun 29 Nov 2026, 19:30 Asia/Kolkata"
    assert "not a date" in refusal(parse_datetime, "in 99999999 hours")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "3/4",
            '\'3/4\': 3 April or 4 March? Write the month as a word: "3 Apr" or "4 Mar"',
        ),
        (
            "03/04/2027",
            "'03/04/2027': 3 April or 4 March? "
            'Write the month as a word: "3 Apr 2027" or "4 Mar 2027"',
        ),
        (
            "3-4-27",
            '\'3-4-27\': 3 April or 4 March? Write the month as a word: "3 Apr 2027" or "4 Mar 2027"',
        ),
    ],
)
def test_numeric_day_and_month_both_twelve_or_less_are_refused(text: str, message: str) -> None:
    assert refusal(parse_date, text) == message


def test_every_refusal_names_the_answer_before_the_first_colon() -> None:
    """The interview's validator shows what follows the first ": " under the prompt."""
    for parse, text in REFUSED_WITH_EXAMPLES:
        try:
            parse(text, LONDON, MONDAY)
        except CallprepError as err:
            named, reason = str(err).split(": ", 1)
            assert named in (repr(text), "'Europe/Pariss'")
            assert '"' in reason  # the examples are in what the prompt shows


def test_ambiguous_numeric_keeps_the_time_in_the_examples() -> None:
    assert refusal(parse_datetime, "3/4 15:00").endswith('"3 Apr 15:00" or "4 Mar 15:00"')


def test_a_datetime_needs_a_time() -> None:
    assert refusal(parse_datetime, "3 Dec") == (
        '\'3 Dec\': add the time too, e.g. "3 Dec 15:00" or "3 Dec 10am"'
    )
    for text in ("2026-12-03", "in 2 weeks", "end of Q1", "next week", "tonight", "Tue"):
        assert "add the time too" in refusal(parse_datetime, text)
    assert "add the time too" in refusal(parse_datetime, "tomorrow morning")


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("March", "end of March", "1 March 2027"),
        ("March 2027", "end of March 2027", "1 March 2027"),
        ("next month", "end of next month", "1 December 2026"),
        ("next quarter", "end of next quarter", "1 January 2027"),
        ("2027", "end of 2027", "1 January 2027"),
    ],
)
def test_a_period_is_not_a_day(text: str, first: str, second: str) -> None:
    assert refusal(parse_date, text) == (
        f'{text!r}: which day? Name one, e.g. "{first}" or "{second}"'
    )


@pytest.mark.parametrize("text", ["in March", "next year", "this week", "last week"])
def test_other_periods_are_not_a_day(text: str) -> None:
    assert "which day?" in refusal(parse_date, text)


def test_next_weekday_that_could_be_this_weeks_is_refused() -> None:
    """On a Monday, `next Tuesday` is tomorrow to some and a week later to others."""
    assert refusal(parse_datetime, "next Tue 10:00", MONDAY) == (
        "'next Tue 10:00': Tue 1 Dec or Tue 8 Dec? "
        'Name the date: "Tue 1 Dec 10:00" or "Tue 8 Dec 10:00"'
    )
    assert "Sun 6 Dec or Sun 13 Dec?" in refusal(parse_date, "next Sunday", MONDAY)
    # only one reading: this week's has gone (or is today)
    assert on("next Monday", now=MONDAY) == "→ Mon 7 Dec 2026"
    assert on("next Tuesday") == "→ Tue 1 Dec 2026"  # Sunday: the week is over


def test_a_weekday_that_is_not_the_dates_is_refused() -> None:
    assert refusal(parse_datetime, "Tue 3 Dec 15:00") == (
        "'Tue 3 Dec 15:00': 3 Dec 2026 is a Thursday, not a Tuesday; check the day or the date"
    )
    assert at("Thu 3 Dec 15:00") == "→ Thu 3 Dec 2026, 15:00 Europe/London"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("0001-01-01 10:00", "1"),
        ("20266-01-01 10:00", "20266"),
        ("3 Dec 20266 15:00", "20266"),
        ("1899-12-31 10:00", "1899"),
        ("2200-01-01 10:00", "2200"),
        ("3 Dec 0001 15:00", "1"),
        ("in 5000 years", "7026"),
        ("1530", "1530"),
    ],
)
def test_a_year_that_looks_like_a_typo_is_refused(text: str, year: str) -> None:
    message = refusal(parse_date, text)
    assert message == (
        f"{text!r}: the year {year} looks like a typo (callprep plans between 1900 and 2199); "
        "check the year"
    )


def test_the_years_at_the_edges_are_fine() -> None:
    assert parse_date("1900-01-01", LONDON, NOW) == dt.date(1900, 1, 1)
    assert parse_date("2199-12-31", LONDON, NOW) == dt.date(2199, 12, 31)
    assert parse_datetime("2199-12-31 23:59 +14:00", LONDON, NOW) is not None


@pytest.mark.parametrize(
    "text", ["25:00", "tomorrow 25:00", "15:00pm", "13pm tomorrow", "3 Dec 15:60"]
)
def test_impossible_times_are_refused(text: str) -> None:
    assert "not a date and time" in refusal(parse_datetime, text)


REFUSED_WITH_EXAMPLES: list[tuple[Callable[..., Any], str]] = [
    (parse_datetime, "blah"),
    (parse_datetime, "3 Dec"),
    (parse_datetime, "2026-12-03"),
    (parse_datetime, "in 2 weeks"),
    (parse_datetime, "end of Q1"),
    (parse_datetime, "tonight"),
    (parse_datetime, "3/4 15:00"),
    (parse_datetime, "next Fri 10:00"),
    (parse_datetime, "3pm IST"),
    (parse_date, "blah"),
    (parse_date, "3/4"),
    (parse_date, "03/04/2027"),
    (parse_date, "next Friday"),
    (parse_date, "March"),
    (parse_date, "next month"),
    (parse_date, "this week"),
    (parse_date, "Tue 10"),
]


@pytest.mark.parametrize("offset", range(7))
def test_every_example_we_give_is_accepted(offset: int) -> None:
    """On every day of the week, what a refusal offers to copy is read without complaint."""
    now = NOW + dt.timedelta(days=offset)
    for parse, text in REFUSED_WITH_EXAMPLES:
        try:
            parse(text, LONDON, now)
        except CallprepError as err:
            examples = re.findall(r'"([^"]+)"', str(err))
            assert len(examples) == 2, str(err)
            for example in examples:
                assert parse(example, LONDON, now) is not None, (text, example)


# --- describing and echoing ------------------------------------------------------------------


def test_echo_strings() -> None:
    assert echo(dt.datetime(2026, 12, 8, 10, 0, tzinfo=LONDON)) == (
        "→ Tue 8 Dec 2026, 10:00 Europe/London"
    )
    assert echo(dt.datetime(2026, 6, 8, 10, 0, tzinfo=LONDON)) == (
        "→ Mon 8 Jun 2026, 10:00 Europe/London"
    )
    plus_one = dt.timezone(dt.timedelta(hours=1))
    assert (
        echo(dt.datetime(2026, 12, 8, 10, 0, tzinfo=plus_one))
        == "→ Tue 8 Dec 2026, 10:00 UTC+01:00"
    )
    minus = dt.timezone(-dt.timedelta(hours=3, minutes=30))
    assert (
        echo(dt.datetime(2026, 12, 8, 10, 0, tzinfo=minus)) == "→ Tue 8 Dec 2026, 10:00 UTC-03:30"
    )
    assert echo(dt.datetime(2026, 12, 8, 10, 0, tzinfo=UTC)) == "→ Tue 8 Dec 2026, 10:00 UTC"
    assert echo(dt.datetime(2026, 12, 8, 10, 0)) == "→ Tue 8 Dec 2026, 10:00"
    assert echo(dt.date(2026, 12, 8)) == "→ Tue 8 Dec 2026"
    assert echo("before the board meeting in March") == (
        "→ “before the board meeting in March” (no date in it: kept as you wrote it)"
    )
    assert echo("a\x1b[2Jb") == "→ “a\\x1b[2Jb” (no date in it: kept as you wrote it)"


def test_describe() -> None:
    value = dt.datetime(2026, 12, 8, 10, 0, tzinfo=LONDON)
    assert describe_datetime(value) == "Tue 8 Dec 2026, 10:00 UTC"
    assert describe_datetime(value, "Europe/London") == "Tue 8 Dec 2026, 10:00 Europe/London"
    assert describe_datetime(value, "America/New_York") == "Tue 8 Dec 2026, 05:00 America/New_York"
    assert describe_datetime(value, "asia/kolkata") == "Tue 8 Dec 2026, 15:30 Asia/Kolkata"
    assert describe_datetime(value, "Not/AZone") == "Tue 8 Dec 2026, 10:00 UTC"
    assert describe_datetime(dt.datetime(2026, 7, 1, 9, 5, tzinfo=LONDON)) == (
        "Wed 1 Jul 2026, 09:05 UTC+01:00"
    )
    assert describe_date(dt.date(2026, 12, 8)) == "Tue 8 Dec 2026"


EXTREME_OFFSETS = [
    dt.timedelta(hours=h, minutes=m) for h, m in ((23, 59), (-23, -59), (14, 0), (0, 0))
]
EXTREME_ZONES = [LONDON, NEW_YORK, KOLKATA, KIRITIMATI, ZoneInfo("Asia/Tokyo")]


@pytest.mark.parametrize(
    "value",
    [
        *(dt.datetime(1, 1, 1, tzinfo=dt.timezone(o)) for o in EXTREME_OFFSETS),
        *(
            dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.timezone(o))
            for o in EXTREME_OFFSETS
        ),
        *(dt.datetime(1, 1, 1, tzinfo=z) for z in EXTREME_ZONES),
        *(dt.datetime(9999, 12, 31, 23, 59, tzinfo=z) for z in EXTREME_ZONES),
        dt.datetime.min,
        dt.datetime.max,
    ],
)
def test_year_1_and_9999_never_crash(value: dt.datetime) -> None:
    for zone_name in (None, "Europe/London", "Pacific/Kiritimati", "Etc/GMT+12", "Nope"):
        text = describe_datetime(value, zone_name)
        assert text.startswith(("Mon 1 Jan 1,", "Fri 31 Dec 9999,", "Sun 31 Dec 0,")) or text
    assert echo(value).startswith("→ ")
    assert echo(value.date()) in ("→ Mon 1 Jan 1", "→ Fri 31 Dec 9999")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=st.datetimes(
        timezones=st.none()
        | st.timezones()
        | st.builds(
            dt.timezone,
            st.timedeltas(
                min_value=-dt.timedelta(hours=23, minutes=59),
                max_value=dt.timedelta(hours=23, minutes=59),
            ),
        )
    ),
    zone_name=st.none()
    | st.sampled_from(["Europe/London", "Pacific/Kiritimati", "Etc/GMT-14", "", "x"]),
)
def test_describe_datetime_never_raises(value: dt.datetime, zone_name: str | None) -> None:
    assert describe_datetime(value, zone_name)
    assert echo(value).startswith("→ ")


# --- the round trip --------------------------------------------------------------------------

WALL = {"min_value": dt.datetime(1900, 1, 1), "max_value": dt.datetime(2199, 12, 31, 23, 59, 59)}
FIXED = st.builds(
    dt.timezone,
    st.integers(-(23 * 3600 + 59 * 60), 23 * 3600 + 59 * 60).map(lambda s: dt.timedelta(seconds=s)),
)


@settings(max_examples=300, deadline=None)
@given(value=st.datetimes(**WALL, timezones=st.timezones() | FIXED))
def test_iso_round_trips_to_the_same_instant(value: dt.datetime) -> None:
    parsed = parse_datetime(value.isoformat(), LONDON, NOW)
    assert parsed is not None
    # The text carries the offset in force (also in a gap or a fold); seconds are dropped.
    offset = value.utcoffset()
    assert offset is not None
    expected = value.replace(second=0, microsecond=0, tzinfo=dt.timezone(offset))
    assert parsed.astimezone(UTC) == expected.astimezone(UTC)
    assert parsed.utcoffset() == expected.utcoffset()


@settings(max_examples=200, deadline=None)
@given(value=st.datetimes(**WALL), zone=st.sampled_from([LONDON, NEW_YORK, KOLKATA, KIRITIMATI]))
def test_naive_iso_round_trips_in_the_sellers_zone(value: dt.datetime, zone: ZoneInfo) -> None:
    parsed = parse_datetime(value.isoformat(sep=" "), zone, NOW)
    assert parsed is not None and parsed.tzinfo is zone
    expected = value.replace(second=0, microsecond=0, tzinfo=zone)
    assert parsed.astimezone(UTC) == expected.astimezone(UTC)


# --- the deadline ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("31 March 2027", dt.date(2027, 3, 31)),
        ("2027-03-31", dt.date(2027, 3, 31)),
        ("end of Q1", dt.date(2027, 3, 31)),
        ("Q3", dt.date(2027, 9, 30)),
        ("by end of March", dt.date(2027, 3, 31)),
        ("in 2 weeks", dt.date(2026, 12, 13)),
        ("before the board meeting in March", "before the board meeting in March"),
        ("  when the lease ends  ", "when the lease ends"),
        ("March", "March"),  # a month is not a day: kept as written
        ("in March", "in March"),
        ("next month", "next month"),
        ("next quarter", "next quarter"),
        ("ASAP", "ASAP"),
        ("before 31 March", "before 31 March"),
        ("Asia/Pacific launch", "Asia/Pacific launch"),
        ("sat on it until the audit", "sat on it until the audit"),
        ("a", "a"),
        ("x" * 500, "x" * 500),
        ("after the \x1b[31m audit", "after the \x1b[31m audit"),
    ],
)
def test_deadline_is_a_date_or_the_text(text: str, kept: dt.date | str) -> None:
    assert parse_deadline(text, LONDON, NOW) == kept


def test_deadline_refuses_only_a_wrong_date() -> None:
    for text in ("3/4", "0001-01-01", "Tue 3 Dec"):
        refusal(parse_deadline, text)
    assert parse_deadline("", LONDON, NOW) is None


# --- hostile input ------------------------------------------------------------------------------


@pytest.fixture
def no_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("dateparser was asked")

    monkeypatch.setattr(dates, "_dateparser", fail)


@pytest.mark.usefixtures("no_dateparser")
def test_huge_input_is_refused_at_once() -> None:
    for text in ("x" * 10_000, "3 Dec 15:00 " * 1000, "1" * 201):
        message = refusal(parse_datetime, text)  # no dateparser (the fixture): refused unread
        assert message.startswith(f"that answer is {len(text.strip())} characters long")
        assert len(message) < 200
        refusal(parse_date, text)
    assert parse_deadline("x" * 10_000, LONDON, NOW) == "x" * 10_000


@pytest.mark.usefixtures("no_dateparser")
@pytest.mark.parametrize(
    "text",
    [
        "3 Dec\x1b[2J 15:00",
        "\x00",
        "3 Dec\n15:00",
        "3 Dec \u202e15:00",
        "3\u200bDec",
        "3\x85Dec 15:00",
    ],
)
def test_control_characters_are_refused_without_parsing(text: str) -> None:
    message = refusal(parse_datetime, text)
    assert "not a date and time I can read" in message
    assert not any(c in message for c in "\x1b\x00\n\u202e\u200b\x85")


@pytest.mark.usefixtures("no_dateparser")
@pytest.mark.parametrize(
    "text",
    ["2026-12-03", "2026-12-03 15:00", "2026-12-03T15:00:00-05:00", "blah", "when the lease ends"],
)
def test_iso_and_wordless_answers_never_reach_dateparser(text: str) -> None:
    with contextlib.suppress(CallprepError):
        parse_datetime(text, LONDON, NOW)
    parse_deadline(text, LONDON, NOW)


LONG_ODD = ("3 Dec " * 33, "in " * 66, "next " * 40, "Tue " * 50, "12:00 " * 33, "a " * 100)


def test_long_odd_input_ends() -> None:
    """Each is read or refused, and none makes the reader loop (its speed: benchmarks/readers.py)."""

    def read_all() -> None:
        for text in LONG_ODD:
            with contextlib.suppress(CallprepError):
                parse_datetime(text[:200], LONDON, NOW)

    finishes(read_all)


WORDS = [
    "next",
    "Tue",
    "tomorrow",
    "3",
    "Dec",
    "15:00",
    "3pm",
    "in",
    "2",
    "weeks",
    "end",
    "of",
    "Q1",
    "March",
    "2027",
    "2026-12-03",
    "/",
    "+01:00",
    "Europe/Paris",
    "UTC",
    "EST",
    "IST",
    "the",
    "at",
    "noon",
    "ago",
    "by",
    "13/4",
    "3/4",
    "month",
    "00",
    "-",
    "0",
    "99999",
    "Feb",
    "29",
]


@settings(max_examples=250, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=6), now_days=st.integers(0, 6))
def test_any_mix_of_date_words_reads_or_is_refused(words: list[str], now_days: int) -> None:
    text = " ".join(words)
    now = NOW + dt.timedelta(days=now_days)
    for parse in (parse_datetime, parse_date):
        try:
            value = parse(text, LONDON, now)
        except CallprepError as err:
            assert "\n" not in str(err)
            continue
        if value is not None:
            assert 1900 <= value.year <= 2199
            assert echo(value).startswith("→ ")
        if isinstance(value, dt.datetime):
            assert value.tzinfo is not None and (value.second, value.microsecond) == (0, 0)
    try:
        kept = parse_deadline(text, LONDON, now)
    except CallprepError:
        return
    assert kept is None or isinstance(kept, dt.date) or kept == text.strip()


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=40))
def test_any_text_reads_or_is_refused(text: str) -> None:
    for parse in (parse_datetime, parse_date, parse_deadline):
        try:
            parse(text, LONDON, NOW)
        except CallprepError as err:
            assert "\n" not in str(err)


# --- start-up does not pay for dateparser --------------------------------------------------------


def test_dateparser_is_imported_only_for_words() -> None:
    src = str(Path(dates.__file__).resolve().parents[1])
    script = """
import datetime as dt, sys
import callprep.dates as d
assert "dateparser" not in sys.modules, "on import"
zone = d.get_zone("Europe/London")
now = dt.datetime(2026, 11, 29, 12, tzinfo=zone)
for text in ("2026-12-03", "2026-12-03 15:00", "2026-12-03T15:00:00-05:00", "2026-12-03 15:00Z",
             "2026-12-03 15:00 Europe/Paris", ""):
    d.parse_datetime(text, zone, now) if " " in text or "T" in text else d.parse_date(text, zone, now)
d.parse_deadline("2027-03-31", zone, now)
d.parse_deadline("when the lease ends", zone, now)
d.echo(d.parse_datetime("2026-12-03 15:00", zone, now))
d.describe_datetime(now, d.local_zone_name())
assert "dateparser" not in sys.modules, "for an ISO answer"
d.parse_datetime("tomorrow 3pm", zone, now)
assert "dateparser" in sys.modules, "words need it"
print("ok")
"""
    env = {**os.environ, "PYTHONPATH": src}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


# --- the machine's zone and zone names ----------------------------------------------------------


def test_get_zone() -> None:
    assert get_zone("Europe/London") is LONDON
    assert get_zone(" america/new_york ").key == "America/New_York"
    assert get_zone("UTC").key == "UTC"
    with pytest.raises(CallprepError) as caught:
        get_zone("Europe/Londn")
    assert str(caught.value) == (
        "'Europe/Londn': not a time zone I know; did you mean Europe/London?"
    )
    for bad in ("", "Europe", "../etc/passwd", "x\x00", "a" * 10_000, "/usr/share/zoneinfo/UTC"):
        with pytest.raises(CallprepError) as caught:
            get_zone(bad)
        assert "\n" not in str(caught.value) and len(str(caught.value)) < 300


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(dates, "_LOCALTIME", tmp_path / "localtime")
    monkeypatch.setattr(dates, "_TIMEZONE_FILE", tmp_path / "timezone")
    return tmp_path


def test_local_zone_from_tz(machine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for value, zone in [
        ("Europe/Paris", "Europe/Paris"),
        (":Asia/Tokyo", "Asia/Tokyo"),
        ("/usr/share/zoneinfo/America/New_York", "America/New_York"),
    ]:
        monkeypatch.setenv("TZ", value)
        assert local_zone_name() == zone


def test_local_zone_from_the_link(machine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")  # POSIX rules, not a name: skipped
    (machine / "localtime").symlink_to("../usr/share/zoneinfo/posix/Asia/Kolkata")
    assert local_zone_name() == "Asia/Kolkata"


def test_local_zone_from_etc_timezone_then_utc(machine: Path) -> None:
    (machine / "timezone").write_text("Australia/Sydney\n")
    assert local_zone_name() == "Australia/Sydney"
    (machine / "timezone").write_text("Not/AZone\n")
    assert local_zone_name() == "UTC"


def test_messages_live_at_the_end_of_messages() -> None:
    source = Path(messages.__file__).read_text(encoding="utf-8")
    block = source[source.index("# --- dates as people type them") :]
    for name in dir(messages):
        if name.startswith("DATE_"):
            assert f"\n{name} = " in block
