"""When a thing said in a call falls due: "by Friday", "next week", "the 15th", read from the
day of the call.

The readings are the ones a careful note-taker uses (tests/data/transcripts/README.md): "today",
"after the call" and "end of day" are the call's day; "tomorrow" the next; a weekday alone the
next such day after the call, "next Wednesday" the Wednesday of the following week; "this week"
and "end of the week" that week's Friday, "next week" the next week's; "end of the month" its
last day; "the 15th" the next 15th; "within two weeks" fourteen days on; a date said in full is
that date. A month alone ("in November") is no day.

Deterministic and local: regular expressions over the words, no date parser, no network.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = _MONTH_NAMES.split()
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a couple of": 2,
    "a few": 3,
}
_ORDINAL_NAMES = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_ORDINAL_WORDS = {
    word: n
    for n, word in enumerate(
        _ORDINAL_NAMES.split(),
        start=1,
    )
}
_ORDINAL_WORDS.update(
    {"twenty-" + word: 20 + n for word, n in list(_ORDINAL_WORDS.items())[:9]}
    | {"thirtieth": 30, "thirty-first": 31}
)

_WD = r"(?P<wd>mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_ORD = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_ORDW_PLAIN = "(?:" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + ")"
_ORDW = r"(?P<dayw>" + _ORDW_PLAIN + r")"
_COUNT = r"(?P<count>\d+|a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten)"

# Each reading: its pattern and its kind; the order is the order they are tried at one place.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?:the\s+)?day\s+after\s+tomorrow", "after_tomorrow"),
    (r"tomorrow(?:\s+(?:morning|afternoon|evening|first thing))?", "tomorrow"),
    (
        r"today|tonight|this\s+(?:afternoon|morning|evening)|(?:the\s+)?end\s+of\s+(?:the\s+)?day"
        r"|(?:right\s+|straight\s+|just\s+)?after\s+(?:the|this|our)\s+(?:call|meeting)"
        r"|(?:right|straight)\s+(?:now|away)|later\s+today|\beod\b",
        "today",
    ),
    (r"(?:the\s+)?week\s+of\s+(?:the\s+)?" + _ORD + r"(?:\s+of\s+" + _MON + r")?", "week_of"),
    (r"(?:the\s+)?week\s+after\s+next", "week_after_next"),
    (
        r"(?:the\s+)?(?:end\s+of\s+|early\s+|later\s+)?next\s+week|(?:the\s+)?week\s+after",
        "next_week",
    ),
    (
        r"(?:the\s+)?end\s+of\s+(?:the|this)\s+week|this\s+week|(?:the\s+)?end\s+of\s+week",
        "this_week",
    ),
    (r"(?:the\s+)?end\s+of\s+next\s+month", "next_month_end"),
    (r"(?:the\s+)?end\s+of\s+(?:the|this)\s+month|month[\s-]end", "month_end"),
    (
        r"(?:within|in)\s+" + _COUNT + r"\s+(?P<unit>day|week|business\s+day|working\s+day)s?",
        "within",
    ),
    (_WD + r"(?:,)?\s+(?:the\s+)?" + _ORD + r"(?:\s+of\s+" + _MON + r")?", "weekday_date"),
    (r"next\s+" + _WD, "next_weekday"),
    (r"(?:the\s+)?" + _ORD + r"\s+of\s+" + _MON, "date"),
    (
        r"(?:the\s+|(?=" + _ORDW_PLAIN + r"\s+of\s))" + _ORDW + r"(?:\s+of\s+" + _MON + r")?",
        "date_words",
    ),
    (_MON + r"\s+" + _ORD + r"(?![\d:])", "date"),
    (_ORD + r"\s+" + _MON, "date"),
    (r"the\s+" + _ORD + r"(?![\d:])", "day_of_month"),
    (_WD, "weekday"),
)
_PATTERN = re.compile(
    "|".join(
        f"(?P<k{n}>\\b(?:{re.sub(r'[(][?]P<[a-z]+>', '(?:', source)})\\b)"
        for n, (source, _) in enumerate(_PHRASES)
    ),
    re.I,
)
# Words before a date that make it the day something is due, not the day something is about.
_BY = re.compile(r"\b(?:by|before|until|within|no\s+later\s+than|latest)\s+(?:the\s+)?$", re.I)
_FOR = re.compile(r"\b(?:for|from)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class Due:
    day: dt.date
    start: int  # where the words are in the text
    end: int
    strength: int  # 2: "by ..."; 1: said plainly; 0: "for ..." (the date a thing is about)


def _month(word: str) -> int:
    return next(n for n, name in enumerate(_MONTHS, start=1) if name.startswith(word[:3].lower()))


def _weekday(word: str) -> int:
    return next(n for n, name in enumerate(_WEEKDAYS) if name.startswith(word[:3].lower()))


def _friday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=4 - day.weekday())


def _next_day_of_month(call: dt.date, day: int, month: int | None = None) -> dt.date | None:
    """The first such day on or after the call (`month` given: that month's, this year or next)."""
    for year in (call.year, call.year + 1):
        for m in [month] if month else range(1, 13):
            try:
                found = dt.date(year, m, day)
            except ValueError:
                continue
            if found >= call:
                return found
    return None


def _day(kind: str, found: re.Match[str], call: dt.date) -> dt.date | None:
    def group(name: str) -> str | None:
        return found.groupdict().get(name)

    if kind == "today":
        return call
    if kind == "tomorrow":
        return call + dt.timedelta(days=1)
    if kind == "after_tomorrow":
        return call + dt.timedelta(days=2)
    if kind == "this_week":
        return max(call, _friday(call))
    if kind == "next_week":
        return _friday(call) + dt.timedelta(days=7)
    if kind == "week_after_next":
        return _friday(call) + dt.timedelta(days=14)
    if kind == "month_end":
        return call.replace(day=calendar.monthrange(call.year, call.month)[1])
    if kind == "next_month_end":
        first = (call.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if kind == "within":
        count = group("count") or "1"
        n = int(count) if count.isdigit() else _NUMBERS.get(count.lower(), 1)
        unit = (group("unit") or "day").lower()
        return call + dt.timedelta(days=n * (7 if unit.startswith("week") else 1))
    if kind == "next_weekday":
        wd = _weekday(group("wd") or "")
        monday_next = call - dt.timedelta(days=call.weekday()) + dt.timedelta(days=7)
        return monday_next + dt.timedelta(days=wd)
    if kind == "weekday":
        wd = _weekday(group("wd") or "")
        ahead = (wd - call.weekday()) % 7 or 7
        return call + dt.timedelta(days=ahead)
    if kind in ("date", "weekday_date", "day_of_month", "week_of", "date_words"):
        if kind == "date_words":
            day = _ORDINAL_WORDS.get((group("dayw") or "").lower().replace(" ", "-"))
        else:
            day = int(group("day") or 0)
        mon = group("mon")
        if not day or day > 31:
            return None
        found_day = _next_day_of_month(call, day, _month(mon) if mon else None)
        if found_day is None:
            return None
        return _friday(found_day) if kind == "week_of" else found_day
    return None


# Words without which no day is named: most sentences have none, and are passed at once.
_MAYBE = re.compile(
    r"\d|today|tonight|tomorrow|morning|afternoon|evening|week|month|after|now|away|eod|end\s+of|"
    r"within|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"first|second|third|th\b|tieth",
    re.I,
)


def dues(text: str, call: dt.date) -> list[Due]:
    """Every day `text` names as when something happens, in the order said."""
    found: list[Due] = []
    if not _MAYBE.search(text):
        return found
    for match in _PATTERN.finditer(text):
        index = next(int(name[1:]) for name, value in match.groupdict().items() if value)
        source, kind = _PHRASES[index]
        inner = re.fullmatch(source, match.group(), re.I)
        day = _day(kind, inner, call) if inner is not None else None
        if day is None:
            continue
        before = text[: match.start()]
        strength = 2 if _BY.search(before) else 0 if _FOR.search(before) else 1
        found.append(Due(day, match.start(), match.end(), strength))
    return found


def due(text: str, call: dt.date) -> dt.date | None:
    """The day a commitment said in `text` falls due: the one said with "by", else the first
    said plainly, else one said with "for"; None when no day is named."""
    found = [d for d in dues(text, call) if d.day >= call]
    if not found:
        return None
    return max(found, key=lambda d: (d.strength, -d.start)).day
