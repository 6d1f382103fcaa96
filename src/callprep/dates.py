"""Dates and times as sellers type them: ISO 8601, and what people write.

More in docs/internals.md, `callprep.dates`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from callprep import clock as system_clock
from callprep import messages
from callprep.errors import CallprepError, visible

Prefer = Literal["future", "past"]

MAX_LENGTH = 200
YEAR_LOW, YEAR_HIGH = 1900, 2199

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Where the machine's zone is read from (tests point these elsewhere).
_LOCALTIME = Path("/etc/localtime")
_TIMEZONE_FILE = Path("/etc/timezone")


class _Unreadable(CallprepError):
    """Nothing in the text reads as a date: a deadline keeps such text as it was written."""


class _Vague(_Unreadable):
    """A period rather than a day (`March`, `next month`): a deadline keeps it as text too."""


# --- the machine's zone and zone names ----------------------------------------------------------


def _zone_or_none(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


@lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    """Every zone name, sorted: listed once a run, for the few checks that look through them."""
    return tuple(sorted(available_timezones()))


@lru_cache(maxsize=1)
def _zone_names_folded() -> dict[str, str]:
    return {name.casefold(): name for name in _zone_names()}


def _find_zone(name: str) -> ZoneInfo | None:
    """The zone `name` names, in any case (`europe/paris`), or None."""
    if not name or len(name) > 64:
        return None
    zone = _zone_or_none(name)
    if zone is not None:
        return zone
    key = _zone_names_folded().get(name.casefold())
    return ZoneInfo(key) if key else None


def _key_after_zoneinfo(path: str) -> str | None:
    """`Europe/London` from `/usr/share/zoneinfo/Europe/London` (or `../usr/.../posix/...`)."""
    at = path.rfind("zoneinfo/")
    if at < 0:
        return None
    key = path[at + len("zoneinfo/") :]
    for prefix in ("posix/", "right/"):
        key = key.removeprefix(prefix)
    return key or None


def local_zone_name() -> str:
    """The machine's IANA zone: $TZ if it is one, else /etc/localtime's link, else UTC."""
    candidates: list[Callable[[], str | None]] = []
    tz = os.environ.get("TZ", "").strip().removeprefix(":")
    if tz:
        candidates.append(lambda: _key_after_zoneinfo(tz) if tz.startswith("/") else tz)

    def link() -> str | None:
        try:
            return _key_after_zoneinfo(os.readlink(_LOCALTIME))
        except (OSError, ValueError):
            return None

    def debian_file() -> str | None:
        try:
            return _TIMEZONE_FILE.read_text(encoding="utf-8", errors="replace").strip()
        except (OSError, ValueError):
            return None

    candidates += [link, debian_file]
    for candidate in candidates:
        name = candidate()
        if name and len(name) <= 64 and _zone_or_none(name) is not None:
            return name
    return "UTC"


def get_zone(name: str) -> ZoneInfo:
    """The zone an IANA name names (`Europe/London`, any case); refused, with a hint, if none."""
    zone = _find_zone(name.strip())
    if zone is None:
        raise CallprepError(_unknown_zone(name))
    return zone


def _unknown_zone(name: str) -> str:
    """Why a name is no zone, short enough for the line a prompt shows it on, with the zone
    meant where one is close: a city ("london", "new york") or a typo ("Europe/Londn")."""
    import difflib  # only for a name that names no zone

    close = ""
    typed = name.strip()
    if 0 < len(typed) <= 64:
        close = _zone_of_city(typed)
        if not close:
            found = difflib.get_close_matches(typed, _zone_names(), n=1)
            close = found[0] if found else ""
    shown = name if len(name) <= 64 else name[:64] + "…"
    if close:
        return messages.DATE_ZONE_SUGGEST.format(name=shown, match=close)
    return messages.DATE_UNKNOWN_ZONE.format(name=shown)


def _zone_of_city(typed: str) -> str:
    """The zone a city names (`london` → Europe/London, `new york` → America/New_York), or ""."""
    city = "_".join(typed.replace("/", " ").split()).casefold()
    return next(
        (
            zone
            for zone in _zone_names()
            if "/" in zone and zone.rsplit("/", 1)[1].casefold() == city
        ),
        "",
    )


# --- describing a date ----------------------------------------------------------------------


def describe_date(value: dt.date) -> str:
    """`Tue 8 Dec 2026`, in English whatever the machine's locale."""
    return f"{WEEKDAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]} {value.year}"


def _offset_label(offset: dt.timedelta | None) -> str:
    if offset is None:
        return ""
    if not offset:
        return "UTC"
    sign = "-" if offset < dt.timedelta(0) else "+"
    seconds = int(abs(offset).total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"UTC{sign}{hours:02}:{minutes:02}" + (f":{seconds:02}" if seconds else "")


# Names of UTC itself: shown as "UTC", which is what a reader calls it.
_UTC_NAMES = frozenset(
    (
        "UTC",
        "Etc/UTC",
        "Etc/UCT",
        "UCT",
        "Etc/Universal",
        "Universal",
        "Etc/Zulu",
        "Zulu",
        "GMT",
        "Etc/GMT",
        "Etc/GMT0",
        "Etc/GMT+0",
        "Etc/GMT-0",
        "Etc/Greenwich",
        "Greenwich",
        "GMT0",
        "GMT+0",
        "GMT-0",
    )
)


def zone_label(key: str) -> str:
    """How a zone is named to a reader: its IANA name, or "UTC" for UTC's many aliases."""
    return "UTC" if key in _UTC_NAMES else key


def describe_datetime(value: dt.datetime, zone_name: str | None = None) -> str:
    """`Tue 8 Dec 2026, 10:00 Europe/London` (in that zone); with no zone name `... UTC+01:00`.

    Never raises: a zone name that names no zone, or a conversion past year 1 or 9999, shows the
    value as it is, with its own offset.
    """
    shown, label = value, None
    zone = _find_zone(zone_name) if zone_name else None
    if zone is not None:
        try:
            shown = value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)
            label = zone_label(zone.key)
        except (OverflowError, ValueError):
            shown = value
    if label is None:
        try:
            label = _offset_label(shown.utcoffset())
        except (OverflowError, ValueError):
            label = ""
    text = f"{describe_date(shown.date())}, {shown.hour:02}:{shown.minute:02}"
    return f"{text} {label}" if label else text


def echo(value: dt.datetime | dt.date | str) -> str:
    """What a prompt shows once it has understood an answer: `→ Tue 8 Dec 2026, 10:00 Europe/London`."""
    if isinstance(value, dt.datetime):
        key = value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else None
        return messages.DATE_ECHO.format(value=describe_datetime(value, key))
    if isinstance(value, dt.date):
        return messages.DATE_ECHO.format(value=describe_date(value))
    return messages.DATE_ECHO_TEXT.format(text=visible(value))


# --- a call's time, as the seller reads it ------------------------------------------------------
# One rule for every view the seller reads (docs/planning.md, "How a call's time is shown"): the
# time on the seller's own clock first, unnamed; the call's own zone (the customer's) beside it,
# named, when its clock reads differently at that moment. Customer-facing outputs have their own
# (outreach.agenda: their zone first).

TimeForm = Literal["long", "short", "day"]


def place_name(key: str) -> str:
    """A zone as a seller names it beside a time: `New York`, `UTC`, `UTC-5`."""
    if key in _UTC_NAMES:
        return "UTC"
    fixed = re.fullmatch(r"Etc/GMT([+-])(\d+)", key)
    if fixed:  # POSIX sign: Etc/GMT+5 is five hours behind UTC
        return f"UTC{'-' if fixed.group(1) == '+' else '+'}{fixed.group(2)}"
    return key.rsplit("/", 1)[-1].replace("_", " ")


def _our_zone(our_zone: str) -> ZoneInfo:
    return _find_zone(our_zone) or _zone_or_none(local_zone_name()) or ZoneInfo("UTC")


def time_parts(
    start: dt.datetime,
    zone_name: str = "",
    our_zone: str = "",
    *,
    form: TimeForm = "long",
    now: dt.datetime | None = None,
) -> tuple[str, str]:
    """A call's time as (ours, theirs): `Thu 3 Dec 2026, 20:00` and `15:00 New York`.

    `zone_name` is the plan's zone (its `timezone`; else its offset counts), `our_zone` the
    seller's (the profile's, else the machine's). `theirs` is "" when both clocks read the same.
    `form`: "long" (`Thu 3 Dec 2026, 20:00`), "short" for tables (`Thu 3 Dec 20:00`, the year
    only when it is not this one) or "day" for the coming week (`tomorrow 20:00`, `next Thu
    20:00`). Never raises: a time past the calendar's ends shows with its own offset.
    """
    mine = _our_zone(our_zone)
    try:
        if start.tzinfo is None:  # a time with no offset is on the seller's own clock
            start = start.replace(tzinfo=mine)
        ours = start.astimezone(mine)
        zone = _find_zone(zone_name) if zone_name else None
        theirs = start.astimezone(zone) if zone is not None else start
    except (OverflowError, ValueError):
        return describe_datetime(start), ""
    today = (now or system_clock.now()).astimezone(mine).date()
    mine_text = _clock_day(ours, form, today)
    if theirs.utcoffset() == ours.utcoffset():
        return mine_text, ""
    label = place_name(zone.key) if zone is not None else _offset_label(theirs.utcoffset())
    day = f"{WEEKDAYS[theirs.weekday()]} " if theirs.date() != ours.date() else ""
    return mine_text, f"{day}{theirs.hour:02}:{theirs.minute:02} {label}"


def _clock_day(value: dt.datetime, form: TimeForm, today: dt.date) -> str:
    hour = f"{value.hour:02}:{value.minute:02}"
    weekday, month = WEEKDAYS[value.weekday()], MONTHS[value.month - 1]
    if form == "day":
        days = (value.date() - today).days
        if days == 0:
            return f"today {hour}"
        if days == 1:
            return f"tomorrow {hour}"
        if 1 < days < 14:
            return f"{'next ' if days >= 7 else ''}{weekday} {hour}"
    if form == "long":
        return f"{describe_date(value.date())}, {hour}"
    year = f" {value.year}" if value.year != today.year else ""
    return f"{weekday} {value.day} {month}{year} {hour}"


def call_time_text(
    start: dt.datetime | None,
    zone_name: str = "",
    our_zone: str = "",
    *,
    form: TimeForm = "long",
    now: dt.datetime | None = None,
) -> str:
    """A call's time, the whole rule in one line: `Thu 3 Dec 2026, 20:00 (15:00 New York)`."""
    if start is None:
        return messages.TIME_NOT_SET
    ours, theirs = time_parts(start, zone_name, our_zone, form=form, now=now)
    return f"{ours} ({theirs})" if theirs else ours


# --- the patterns -----------------------------------------------------------------------------


class _Lazy:
    """A regular expression compiled on first use: importing this module compiles none, and an
    ISO answer compiles only the few it needs."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def sub(
        self, replacement: str | Callable[[re.Match[str]], str], text: str, count: int = 0
    ) -> str:
        return self.compiled.sub(replacement, text, count=count)


_MONTH_WORD = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAY_WORD = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
)
_MONTH = _Lazy(rf"\b(?:{_MONTH_WORD})\.?(?![a-z])", re.I)
_WEEKDAY = _Lazy(rf"\b(?:{_WEEKDAY_WORD})\.?(?![a-z])", re.I)
_NUMBER_WORD = r"a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_UNIT = r"(?:minute|min|hour|hr|h|day|week|fortnight|month|year)s?"
_NOW = _Lazy(r"\bnow\b", re.I)
# Words that fix the period themselves, so the next-one-to-come rule leaves the answer alone.
_RELATIVE = _Lazy(
    r"\b(?:today|tomorrow|tonight|yesterday|now|next|last|this|ago|in|from now|later)\b", re.I
)
# A relative answer that names one day exactly even though dateparser calls it a week/month/year.
_EXACT_RELATIVE = _Lazy(
    rf"\b(?:in|within)\s+(?:\d+|{_NUMBER_WORD})\s+{_UNIT}\b"
    rf"|\b(?:\d+|{_NUMBER_WORD})\s+{_UNIT}\s+(?:ago|from now|later)\b"
    r"|^next\s+week\b",
    re.I,
)
_YEAR = _Lazy(r"\b\d{4}\b")
_DAY_WORD = _Lazy(r"\b(?:today|tomorrow|yesterday|tonight)\b", re.I)
# `in 2 hours`, `90 minutes ago`: elapsed time, counted on the clock, not the calendar (so a
# DST change between is an hour like any other); read here, not by dateparser.
_ELAPSED = _Lazy(
    rf"(?:(?:in|within)\s+)?(?P<count>\d+|{_NUMBER_WORD})\s+(?P<unit>hour|hr|h|minute|min)s?"
    r"(?:\s+(?P<way>from now|later|ago))?",
    re.I,
)
_NEXT_WEEKDAY = _Lazy(rf"\bnext\s+({_WEEKDAY_WORD})\.?(?![a-z])", re.I)
_IST = _Lazy(r"\bIST\b")

_ZONE_NAME = _Lazy(
    r"(?:\b(?:in|at)\s+)?(?<![\w/])"
    r"((?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc"
    r"|US|Canada|Brazil|Mexico|Chile)(?:/[A-Za-z0-9_+\-]+)+)(?![\w/])",
    re.I,
)
_UTC_WORD = _Lazy(r"(?<![\w/+\-])(?:UTC|GMT)(?![\w/+\-])(?!\s*[+\-]\d)", re.I)
_OFFSET = _Lazy(r"(?:\b(?:UTC|GMT))?[+\-]\d{1,2}(?::?\d{2})?(?![\w:])", re.I)

_ISO = _Lazy(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s?(Z|[+\-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d+)?)?)?)?)?",
    re.I | re.ASCII,
)
_ISO_LIKE_BIG_YEAR = _Lazy(r"[+\-]?(\d{5,})-\d{1,2}-\d{1,2}\b", re.ASCII)

_BOUNDARY_BEFORE = r"(?<![\w/.:+\-])"
_BOUNDARY_AFTER = r"(?![\w/:\-]|\.\d)"
_NUMERIC_YMD = _Lazy(
    rf"{_BOUNDARY_BEFORE}(\d{{4}})([/\-])(\d{{1,2}})\2(\d{{1,2}}){_BOUNDARY_AFTER}", re.ASCII
)
_NUMERIC_SLASH = _Lazy(
    rf"{_BOUNDARY_BEFORE}(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}|\d{{2}}))?{_BOUNDARY_AFTER}",
    re.ASCII,
)
_NUMERIC_DOTTED = _Lazy(
    rf"{_BOUNDARY_BEFORE}(\d{{1,2}})([.\-])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_BOUNDARY_AFTER}",
    re.ASCII,
)

_TIME = _Lazy(
    r"(?<![\w:.+\-])(?:"
    r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:\s*(?P<ap>[ap])\.?m\b\.?)?"
    r"|(?P<h12>\d{1,2})\s*(?P<ap12>[ap])\.?m\b\.?"
    r"|(?P<word>noon|midday|midnight)"
    r")(?![\w:])",
    re.I | re.ASCII,
)

_PERIOD_ABBREVIATIONS = {
    "eow": "end of the week",
    "eom": "end of the month",
    "eoq": "end of the quarter",
    "eoy": "end of the year",
}
_PERIOD_SUFFIX = _Lazy(r"^(?:the\s+)?((?:this|next)\s+)?(week|month|quarter|year)[\s\-]end\b", re.I)
_PERIOD = _Lazy(
    rf"""^
    (?:(?P<edge>end|start|beginning)\s+of\s+)?(?:the\s+)?
    (?:
        (?:(?P<rel>this|next|last)\s+)?(?P<unit>week|month|quarter|year)
      | q(?P<q>[1-4])(?:\s+(?P<qyear>\d{{4}}))?
      | (?P<month>{_MONTH_WORD})\.?(?:\s+(?P<myear>\d{{4}}))?
      | (?P<year>\d{{4}})
    )
    (?:,?\s+(?:at\s+)?(?P<hh>\d{{1,2}}):(?P<mm>\d{{2}}))?
    $""",
    re.I | re.X,
)


def _weekday_index(word: str) -> int:
    return [w.lower() for w in WEEKDAYS].index(word[:3].lower())


def _month_index(word: str) -> int:
    return [m.lower() for m in MONTHS].index(word[:3].lower()) + 1


def _day_month(value: dt.date, year: bool = True, full: bool = False) -> str:
    month = MONTH_NAMES[value.month - 1] if full else MONTHS[value.month - 1]
    return f"{value.day} {month} {value.year}" if year else f"{value.day} {month}"


# --- reading an answer -------------------------------------------------------------------------


class _Parsed(NamedTuple):
    wall: dt.datetime  # naive: the date and time as written, in `tz`
    tz: dt.tzinfo
    has_time: bool

    def aware(self) -> dt.datetime:
        value = self.wall.replace(tzinfo=self.tz, second=0, microsecond=0)
        # A time a spring-forward gap skips becomes the instant it names; any other stays as is.
        return value.astimezone(dt.UTC).astimezone(self.tz)


class _Context:
    """One answer being read: what the seller wrote (for messages), their zone and now."""

    def __init__(
        self,
        text: str,
        zone: ZoneInfo,
        now: dt.datetime,
        want: Literal["date", "datetime"],
        prefer: Prefer,
    ) -> None:
        self.text, self.zone, self.now, self.want, self.prefer = text, zone, now, want, prefer

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def example_day(self) -> dt.date:
        return self.today + dt.timedelta(days=7)

    def unreadable(self) -> _Unreadable:
        day = self.example_day()
        if self.want == "datetime":
            message = messages.DATE_UNREADABLE_DATETIME.format(text=self.text, iso=day.isoformat())
        else:
            message = messages.DATE_UNREADABLE_DATE.format(
                text=self.text, day_month_year=_day_month(day, full=True), iso=day.isoformat()
            )
        return _Unreadable(message)

    def vague(self, first: str | None = None, second: str | None = None) -> _Vague:
        if first is None or second is None:
            first, second = "end of next month", _day_month(self.example_day(), full=True)
        if self.want == "datetime":
            first, second = f"{first} 15:00", f"{second} 15:00"
        return _Vague(messages.DATE_VAGUE.format(text=self.text, first=first, second=second))

    def year_range(self, year: int | str) -> CallprepError:
        return CallprepError(
            messages.DATE_YEAR_RANGE.format(text=self.text, year=year, low=YEAR_LOW, high=YEAR_HIGH)
        )


def _has_control(text: str) -> bool:
    """A control, format (bidi, zero-width) or line-separator character: no date has one."""
    return any(
        (unicodedata.category(c)[0] == "C" and c != "\t") or unicodedata.category(c) in ("Zl", "Zp")
        for c in text
    )


def _too_long(text: str, now: dt.datetime) -> CallprepError:
    day = (now + dt.timedelta(days=7)).date()
    return CallprepError(
        messages.DATE_TOO_LONG.format(length=len(text), limit=MAX_LENGTH, iso=day.isoformat())
    )


def _localize(now: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    return now.replace(tzinfo=zone) if now.tzinfo is None else now.astimezone(zone)


def _parse(
    text: str, zone: ZoneInfo, now: dt.datetime, want: Literal["date", "datetime"], prefer: Prefer
) -> _Parsed | None:
    text = text.strip()
    if not text:
        return None
    now = _localize(now, zone)
    if len(text) > MAX_LENGTH:
        raise _too_long(text, now)
    ctx = _Context(text, zone, now, want, prefer)
    if _has_control(text):
        raise ctx.unreadable()
    body = re.sub(r"[\s\t]+", " ", text)

    body, text_zone = _take_zone(body, ctx)
    body = re.sub(r"^by\s+", "", body, flags=re.I).strip()
    if not body:
        raise ctx.unreadable()
    tz: dt.tzinfo = text_zone or zone

    parsed = _parse_iso(body, tz, text_zone, ctx)
    if parsed is None:
        parsed = _parse_natural(body, tz, text_zone, ctx)
    year = parsed.wall.year
    if not YEAR_LOW <= year <= YEAR_HIGH:
        raise ctx.year_range(year)
    return parsed


def _take_zone(body: str, ctx: _Context) -> tuple[str, ZoneInfo | None]:
    """The text without the zone it names, and that zone (`15:00 Europe/Paris`, `15:00 UTC`)."""
    found = [(m, m.group(1)) for m in _ZONE_NAME.finditer(body)]
    found += [(m, "UTC") for m in _UTC_WORD.finditer(body)]
    if not found:
        return body, None
    if len(found) > 1:
        raise ctx.unreadable()
    match, name = found[0]
    zone = _find_zone(name)
    if zone is None:
        raise _Unreadable(_unknown_zone(name))
    rest = (body[: match.start()] + " " + body[match.end() :]).strip()
    return re.sub(r" +", " ", rest), zone


def _parse_iso(
    body: str, tz: dt.tzinfo, text_zone: ZoneInfo | None, ctx: _Context
) -> _Parsed | None:
    big = _ISO_LIKE_BIG_YEAR.fullmatch(body.split(" ")[0].split("T")[0])
    if big:
        raise ctx.year_range(big.group(1))
    match = _ISO.fullmatch(body)
    if match is None:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    if 1 <= int(month) <= 12 and int(day) <= 31:
        _check_day(int(day), int(month), int(year), ctx)
    try:
        wall = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
        dt.time(0, 0, int(second or 0))  # 15:00:61 is no time either (the seconds are dropped)
    except ValueError as err:
        raise ctx.unreadable() from err
    if offset is not None:
        if text_zone is not None:
            raise ctx.unreadable()  # two zones: an offset and a name
        tz = _fixed_offset(offset, ctx)
    return _Parsed(wall, tz, has_time=hour is not None)


def _fixed_offset(offset: str, ctx: _Context) -> dt.timezone:
    if offset.upper() == "Z":
        return dt.UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    fraction = 0.0
    if "." in digits:
        digits, frac = digits.split(".", 1)
        fraction = float("0." + frac)
    hours, minutes, seconds = int(digits[:2]), int(digits[2:4] or 0), int(digits[4:6] or 0)
    if minutes > 59 or seconds > 59:
        raise ctx.unreadable()
    try:
        delta = dt.timedelta(hours=hours, minutes=minutes, seconds=seconds + fraction)
        return dt.timezone(sign * delta)
    except ValueError as err:
        raise ctx.unreadable() from err


# --- everyday English ---------------------------------------------------------------------------


def _rewrite_numeric(body: str, ctx: _Context) -> tuple[str, str | None]:
    """Numeric dates made unambiguous for dateparser (`13/4` -> `13 Apr`); `3/4` is ambiguous."""
    ambiguity: str | None = None

    def ymd(m: re.Match[str]) -> str:
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        return _numeric_words(day, month, year, ctx)

    def day_month(m: re.Match[str], year_text: str | None, second_group: int) -> str:
        nonlocal ambiguity
        a, b = int(m.group(1)), int(m.group(second_group))
        year = None
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        elif a <= 12 and b <= 12:
            day, month = a, b
            if a != b and ambiguity is None:
                one = _numeric_words(a, b, year, ctx)
                other = _numeric_words(b, a, year, ctx)
                span = m.group(0)
                ambiguity = messages.DATE_AMBIGUOUS_NUMERIC.format(
                    text=ctx.text,
                    one=f"{a} {MONTH_NAMES[b - 1]}",
                    other=f"{b} {MONTH_NAMES[a - 1]}",
                    first=ctx.text.replace(span, one, 1),
                    second=ctx.text.replace(span, other, 1),
                )
        else:
            raise ctx.unreadable()
        return _numeric_words(day, month, year, ctx)

    body = _NUMERIC_YMD.sub(ymd, body)
    body = _NUMERIC_DOTTED.sub(lambda m: day_month(m, m.group(4), 3), body)
    body = _NUMERIC_SLASH.sub(lambda m: day_month(m, m.group(3), 2), body)
    return body, ambiguity


def _numeric_words(day: int, month: int, year: int | None, ctx: _Context) -> str:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise ctx.unreadable()
    _check_day(day, month, year, ctx)
    words = f"{day} {MONTHS[month - 1]}"
    return f"{words} {year}" if year is not None else words


def _check_day(day: int, month: int, year: int | None, ctx: _Context) -> None:
    """A day number past its month's end (`32 Dec`, `Dec 99`, `31 Apr`, `29 Feb 2027`) is
    refused with the reason, never read as a year or the next month."""
    if year is not None and not YEAR_LOW <= year <= YEAR_HIGH:
        return  # the year is the problem, and said so elsewhere
    last = calendar.monthrange(year or 2000, month)[1]  # 2000: a leap year, so 29 Feb may be
    if day <= last:
        return
    name = MONTH_NAMES[month - 1] + (f" {year}" if year is not None else "")
    days = "28 or 29" if month == 2 and year is None else str(last)
    # Two examples that read: the month's last day as the seller wrote the month, and in ISO.
    when = year or (ctx.today.year + (month < ctx.today.month))
    real_last = calendar.monthrange(when, month)[1]
    time = " 15:00" if ctx.want == "datetime" else ""
    first = f"{real_last} {MONTHS[month - 1]}" + (f" {year}" if year is not None else "") + time
    second = f"{when:04}-{month:02}-{real_last:02}{time}"
    raise CallprepError(
        messages.DATE_NO_SUCH_DAY.format(
            text=ctx.text, month=name, days=days, first=first, second=second
        )
    )


def _rewrite_time(body: str, ctx: _Context) -> tuple[str, tuple[int, int] | None]:
    """The one time in the text as `HH:MM` (`3pm`, `10.30am`, `noon`), and that time."""
    matches = list(_TIME.finditer(body))
    if not matches:
        return body, None
    if len(matches) > 1:
        raise ctx.unreadable()
    m = matches[0]
    if m.group("word"):
        clock = (0, 0) if m.group("word").lower() == "midnight" else (12, 0)
    else:
        hour = int(m.group("h") if m.group("h") is not None else m.group("h12"))
        minute = int(m.group("m") or 0)
        half = (m.group("ap") or m.group("ap12") or "").lower()
        if half:
            if not 1 <= hour <= 12:
                raise ctx.unreadable()
            hour = hour % 12 + (12 if half == "p" else 0)
        if hour > 23 or minute > 59:
            raise ctx.unreadable()
        clock = (hour, minute)
    return f"{body[: m.start()]}{clock[0]:02}:{clock[1]:02}{body[m.end() :]}", clock


def _parse_natural(body: str, tz: dt.tzinfo, text_zone: ZoneInfo | None, ctx: _Context) -> _Parsed:
    for big in re.finditer(r"\b\d{5,}\b", body):
        if _MONTH.search(body) or re.search(r"[/.\-]", body):
            raise ctx.year_range(big.group())
    body, ambiguity = _rewrite_numeric(body, ctx)
    body, clock = _rewrite_time(body, ctx)
    body = re.sub(r"\bfrom today\b", "from now", body, flags=re.I)
    lowered = body.lower()
    body = _PERIOD_ABBREVIATIONS.get(lowered, body)
    body = _PERIOD_SUFFIX.sub(lambda m: f"end of {m.group(1) or 'the '}{m.group(2)}", body)

    period = _PERIOD.fullmatch(body)
    if period is not None:
        parsed = _parse_period(period, tz, ctx)
        if parsed is not None:
            return parsed

    _check_words(body, ctx)
    elapsed = _ELAPSED.fullmatch(body)
    if elapsed is not None:
        return _parse_elapsed(elapsed, tz, ctx)

    found = _dateparser(body, ctx)
    if found is None:
        raise ctx.unreadable()
    wall, their_tz, unit = found
    if their_tz is not None:
        if text_zone is not None:
            raise ctx.unreadable()  # two zones: a name and an offset or abbreviation
        tz = their_tz
    if clock is not None and (wall.hour, wall.minute) != clock:
        raise ctx.unreadable()  # dateparser read past part of the text
    if unit in ("week", "month", "year") and not _EXACT_RELATIVE.search(body):
        raise ctx.vague()
    if ambiguity is not None:
        raise CallprepError(ambiguity)
    _check_next_weekday(body, ctx)
    if _IST.search(ctx.text):
        raise CallprepError(
            messages.DATE_AMBIGUOUS_ZONE.format(
                text=ctx.text,
                abbr="IST",
                first=_IST.sub("Asia/Kolkata", ctx.text, count=1),
                second=_IST.sub("+05:30", ctx.text, count=1),
            )
        )
    has_time = clock is not None or bool(_NOW.search(body))
    wall = wall.replace(second=0, microsecond=0)
    if not (_YEAR.search(body) or _RELATIVE.search(body)):
        wall = _next_to_come(wall, tz, has_time, body, ctx)
    _check_weekday(body, wall, ctx)
    return _Parsed(wall, tz, has_time)


def _parse_elapsed(match: re.Match[str], tz: dt.tzinfo, ctx: _Context) -> _Parsed:
    count = match.group("count").lower()
    number = int(count) if count.isdigit() else max(1, _NUMBER_LIST.index(count) - 1)
    minutes = number * (1 if match.group("unit").lower().startswith("m") else 60)
    sign = -1 if (match.group("way") or "").lower() == "ago" else 1
    try:
        instant = ctx.now.astimezone(dt.UTC) + sign * dt.timedelta(minutes=minutes)
    except OverflowError as err:
        raise ctx.unreadable() from err
    return _Parsed(instant.astimezone(tz).replace(tzinfo=None), tz, has_time=True)


_NUMBER_LIST = _NUMBER_WORD.split("|")  # a, an, one, two ... twelve
_NUMBER_WORDS = frozenset(_NUMBER_LIST)
_DAY_WORDS = frozenset(("today", "tomorrow", "yesterday", "tonight", "now"))
_CONNECTORS = frozenset(("at", "on", "by", "of", "the", "and"))
_PARTS_OF_DAY = frozenset(("morning", "afternoon", "evening", "night"))
_UNIT_WORD = _Lazy(rf"{_UNIT}", re.I)


def _check_words(body: str, ctx: _Context) -> None:
    """Only what a date is made of, each word where it belongs, before dateparser sees it.

    dateparser reads nearly anything: `a` as the 1st, `Dec 15:00` as today's day in December,
    `tomorrow noon today` as today. Here a number is a day next to its month, a count before its
    unit, or a year; a unit has its count; `ago` and `later` follow one; one day word at most
    (`today`, `tomorrow`, `now`...), and not with a day of a month; a month has its day.
    """
    cleaned = _OFFSET.sub(" ", body)  # an offset is the zone, not numbers
    tokens = re.findall(r"\d{2}:\d{2}|[A-Za-z]+|\d+(?:st|nd|rd|th)?|[^\s\w]", cleaned)
    lowered = [t.lower() for t in tokens]
    day_words = month_days = years = 0
    month: str | None = None
    meaningful = [t for t in lowered if t not in _CONNECTORS and t not in ",.()'"]
    if "now" in lowered and "from" not in lowered and len(meaningful) > 1:
        raise ctx.unreadable()  # `now` is an instant: nothing goes with it
    if any(re.fullmatch(r"(?:hour|hr|h|minute|min)s?", t) for t in lowered) and not (
        _ELAPSED.fullmatch(body)
    ):
        raise ctx.unreadable()  # `in 2 hours` stands alone: not with a day or a time
    for i, (token, word) in enumerate(zip(tokens, lowered, strict=True)):
        before = next((w for w in reversed(lowered[:i]) if w not in ("of", "the", ",")), "")
        after = next((w for w in lowered[i + 1 :] if w not in ("of", "the", ",")), "")
        if ":" in token or word in _CONNECTORS or word in _PARTS_OF_DAY or token in ",.()'":
            continue
        if token[0].isdigit():
            if _UNIT_WORD.fullmatch(after) and token.isdigit():
                continue  # a count: `in 2 weeks`
            if len(token) == 4 and token.isdigit():
                years += 1
                continue
            if _MONTH.fullmatch(before) or _MONTH.fullmatch(after):
                month_days += 1  # a day: `3 Dec`, `Dec 3rd`, `3rd of December`
                named = before if _MONTH.fullmatch(before) else after
                year = next((int(t) for t in tokens if len(t) == 4 and t.isdigit()), None)
                _check_day(int(re.match(r"\d+", token).group()), _month_index(named), year, ctx)  # type: ignore[union-attr]
                continue
            raise ctx.unreadable()
        if _MONTH.fullmatch(token):
            month = month or token
        elif _WEEKDAY.fullmatch(token):
            continue
        elif word in _DAY_WORDS:
            day_words += word != "now" or before != "from"
        elif _UNIT_WORD.fullmatch(token):
            if not (
                before.isdigit() or before in _NUMBER_WORDS or before in ("next", "last", "this")
            ):
                raise ctx.unreadable()
        elif word in _NUMBER_WORDS:
            if not _UNIT_WORD.fullmatch(after):
                raise ctx.unreadable()
        elif word in ("next", "last", "this"):
            if not (
                _UNIT_WORD.fullmatch(after) or _WEEKDAY.fullmatch(after) or _MONTH.fullmatch(after)
            ):
                raise ctx.unreadable()
        elif word in ("ago", "later"):
            if not _UNIT_WORD.fullmatch(before):
                raise ctx.unreadable()
        elif word == "from":
            if after != "now":
                raise ctx.unreadable()
        elif word in ("in", "within"):
            if not (after.isdigit() or after in _NUMBER_WORDS or _MONTH.fullmatch(after)):
                raise ctx.unreadable()
        elif not (token.isupper() and 1 <= len(token) <= 5):  # a zone: EST, CET, Z
            raise ctx.unreadable()
    if day_words > 1 or (day_words and month_days):
        raise ctx.unreadable()  # `tomorrow 3 Dec`: which one?
    if years and month is None:
        raise ctx.vague()  # `15:00 2027`: which day of it?
    if month is not None and not month_days and not years:
        name = MONTH_NAMES[_month_index(month) - 1]
        year = ctx.today.year + (_month_index(month) < ctx.today.month)
        raise ctx.vague(f"end of {name}", f"1 {name} {year}")
    if not (month or day_words or _WEEKDAY.search(body) or _UNIT_WORD.search(body) or ":" in body):
        raise ctx.unreadable()


def _dateparser(body: str, ctx: _Context) -> tuple[dt.datetime, dt.timezone | None, str] | None:
    """dateparser's reading: the naive wall time, its fixed zone if the text gave one, the unit."""
    from dateparser.date import DateDataParser  # only here: start-up must not pay for it

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": ctx.prefer,
        "RELATIVE_BASE": ctx.now.replace(tzinfo=None, second=0, microsecond=0),
        "DATE_ORDER": "DMY",  # numeric dates are made unambiguous before they get here
        "PARSERS": ["relative-time", "absolute-time"],  # no Unix timestamps
        # No TIMEZONE: with it, dateparser turns `3pm EST` into the seller's zone and loses
        # the offset the seller gave; a naive answer gets the seller's ZoneInfo from us instead.
    }
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(body)
    except Exception:  # a third-party parser on anything a seller types: refuse, never crash
        return None
    value = data.date_obj
    if value is None:
        return None
    their_tz = None
    if value.tzinfo is not None:
        offset = value.utcoffset()
        if offset is None:
            return None
        their_tz = dt.UTC if not offset else dt.timezone(offset)
        value = value.replace(tzinfo=None)
    return value, their_tz, str(data.period)


def _check_next_weekday(body: str, ctx: _Context) -> None:
    """`next Tue` on a Monday: tomorrow, or a week later? Both readings to copy, no guess."""
    match = _NEXT_WEEKDAY.search(body)
    if match is None:
        return
    named, today = _weekday_index(match.group(1)), ctx.today.weekday()
    if named <= today:
        return  # this week's has gone: the next one is the only one
    one = ctx.today + dt.timedelta(days=named - today)
    other = one + dt.timedelta(days=7)
    words = [f"{WEEKDAYS[named]} {_day_month(day, year=False)}" for day in (one, other)]
    first, second = (_NEXT_WEEKDAY.sub(word, ctx.text, count=1) for word in words)
    raise CallprepError(
        messages.DATE_AMBIGUOUS_NEXT.format(
            text=ctx.text, one=words[0], other=words[1], first=first, second=second
        )
    )


def _check_weekday(body: str, wall: dt.datetime, ctx: _Context) -> None:
    """`Tue 3 Dec` when 3 Dec is a Thursday: refused, naming both days."""
    weekday = _WEEKDAY.search(body)
    if weekday is None or not (_MONTH.search(body) or _DAY_WORD.search(body)):
        return  # `Tue 3 Dec`, `tomorrow (Tue)`: the day must be that weekday
    named = _weekday_index(weekday.group())
    if wall.weekday() != named:
        raise CallprepError(
            messages.DATE_WRONG_WEEKDAY.format(
                text=ctx.text,
                date=_day_month(wall.date()),
                actual=WEEKDAY_NAMES[wall.weekday()],
                named=WEEKDAY_NAMES[named],
            )
        )


def _next_to_come(
    wall: dt.datetime, tz: dt.tzinfo, has_time: bool, body: str, ctx: _Context
) -> dt.datetime:
    """The first such day (or time) from now, or with `prefer="past"` the last one up to now."""
    if _MONTH.search(body):
        unit = "year"
    elif _WEEKDAY.search(body):
        unit = "week"
    elif has_time:
        unit = "day"
    else:
        return wall

    def ahead(value: dt.datetime) -> bool:
        if has_time:
            return value.replace(tzinfo=tz) >= ctx.now
        return value.date() >= ctx.now.astimezone(tz).date()

    def behind(value: dt.datetime) -> bool:
        if has_time:
            return value.replace(tzinfo=tz) <= ctx.now
        return value.date() <= ctx.now.astimezone(tz).date()

    ok, toward = (ahead, 1) if ctx.prefer == "future" else (behind, -1)
    for _ in range(12):  # dateparser's answer is within a cycle or two of the right one
        if ok(wall):
            break
        wall = _step(wall, unit, toward)
    for _ in range(12):
        earlier = _step(wall, unit, -toward)
        if not ok(earlier):
            break
        wall = earlier
    return wall


def _step(value: dt.datetime, unit: str, n: int) -> dt.datetime:
    """`value` `n` days, weeks or years on, in wall time (29 Feb: to the next leap year)."""
    if unit != "year":
        return value + dt.timedelta(days=n * (7 if unit == "week" else 1))
    year = value.year
    for _ in range(8):
        year += n
        if not 1 <= year <= 9999:
            break
        try:
            return value.replace(year=year)
        except ValueError:
            continue
    return value


# --- periods: end of Q1, end of March, start of next month --------------------------------------


def _period_day(unit: str, index: int, edge: str) -> dt.date:
    """The first or last day (`edge`) of period `index` of `unit` (a week: Monday to Friday)."""
    if unit == "week":
        monday = dt.date.fromordinal(index)
        return monday if edge == "start" else monday + dt.timedelta(days=4)
    if unit == "year":
        return dt.date(index, 1, 1) if edge == "start" else dt.date(index, 12, 31)
    months = 3 if unit == "quarter" else 1
    first_month = index * months  # months since year 0
    if edge == "start":
        return dt.date(first_month // 12, first_month % 12 + 1, 1)
    after = first_month + months
    return dt.date(after // 12, after % 12 + 1, 1) - dt.timedelta(days=1)


def _period_index(unit: str, day: dt.date) -> int:
    if unit == "week":
        return day.toordinal() - day.weekday()
    if unit == "year":
        return day.year
    if unit == "quarter":
        return day.year * 4 + (day.month - 1) // 3
    return day.year * 12 + day.month - 1


def _parse_period(match: re.Match[str], tz: dt.tzinfo, ctx: _Context) -> _Parsed | None:
    edge = (match.group("edge") or "").lower()
    edge = "start" if edge == "beginning" else edge
    today = ctx.today
    cycle, step = True, 1
    if match.group("unit"):
        unit, rel = match.group("unit").lower(), (match.group("rel") or "").lower()
        if not edge and unit == "week" and rel in ("next", "last"):
            return None  # `next week`: dateparser's, the same weekday a week on
        index = _period_index(unit, today)
        index += {"next": 1, "last": -1}.get(rel, 0) * (7 if unit == "week" else 1)
        step = 7 if unit == "week" else 1
        cycle = not rel
        phrase = f"{rel or 'the'} {unit}"
    elif match.group("q"):
        unit = "quarter"
        year = int(match.group("qyear") or today.year)
        index, step, cycle = year * 4 + int(match.group("q")) - 1, 4, not match.group("qyear")
        edge = edge or "end"
        phrase = f"Q{match.group('q')}" + (f" {year}" if match.group("qyear") else "")
    elif match.group("month"):
        unit = "month"
        year = int(match.group("myear") or today.year)
        index, step = year * 12 + _month_index(match.group("month")) - 1, 12
        cycle = not match.group("myear")
        phrase = MONTH_NAMES[index % 12] + (f" {year}" if match.group("myear") else "")
    else:
        unit, index, cycle = "year", int(match.group("year")), False
        phrase = match.group("year")
        if not YEAR_LOW <= index <= YEAR_HIGH:
            raise ctx.year_range(index)

    def day_of(i: int) -> dt.date:
        try:
            return _period_day(unit, i, edge or "start")
        except (ValueError, OverflowError) as err:
            raise ctx.year_range(i) from err

    if cycle:
        for _ in range(4):
            day = day_of(index)
            if (day >= today) if ctx.prefer == "future" else (day <= today):
                break
            index += step if ctx.prefer == "future" else -step
    day = day_of(index)
    if not edge:
        raise ctx.vague(f"end of {phrase}", _day_month(day, full=True))
    hh, mm = match.group("hh"), match.group("mm")
    wall = dt.datetime.combine(day, dt.time())
    if hh is not None and mm is not None:
        if int(hh) > 23 or int(mm) > 59:
            raise ctx.unreadable()
        wall = wall.replace(hour=int(hh), minute=int(mm))
    return _Parsed(wall, tz, has_time=hh is not None)


# --- the public parsers -------------------------------------------------------------------------


def parse_datetime(
    text: str, zone: ZoneInfo, now: dt.datetime, *, prefer: Prefer = "future"
) -> dt.datetime | None:
    """A date and time as typed, aware (`zone`'s ZoneInfo unless the text gave a zone); None if
    blank. Refused (CallprepError, one line, two examples to copy) when not readable, ambiguous,
    or only a date."""
    parsed = _parse(text, zone, now, "datetime", prefer)
    if parsed is None:
        return None
    if not parsed.has_time:
        raise CallprepError(_needs_time(text.strip(), zone, now, prefer))
    return parsed.aware()


def _needs_time(text: str, zone: ZoneInfo, now: dt.datetime, prefer: Prefer) -> str:
    """`add the time`, with two examples built on the seller's own words that really parse."""
    examples = []
    # An ISO date gets ISO times, so that even this message never needs dateparser.
    second = "09:30" if _ISO.fullmatch(text) else "10am"
    for candidate in (f"{text} 15:00", f"{text} {second}"):
        try:
            parsed = _parse(candidate, zone, now, "datetime", prefer)
        except CallprepError:
            continue
        if parsed is not None and parsed.has_time:
            examples.append(candidate)
    if len(examples) < 2:
        day = (_localize(now, zone) + dt.timedelta(days=7)).date()
        examples = ["tomorrow 10:00", f"{day.isoformat()} 15:00"]
    return messages.DATE_NEEDS_TIME.format(text=text, first=examples[0], second=examples[1])


def parse_date(
    text: str, zone: ZoneInfo, now: dt.datetime, *, prefer: Prefer = "future"
) -> dt.date | None:
    """A day as typed (a time in it is fine: its day, where it was written); None if blank."""
    parsed = _parse(text, zone, now, "date", prefer)
    return None if parsed is None else parsed.wall.date()


def parse_deadline(text: str, zone: ZoneInfo, now: dt.datetime) -> dt.date | str | None:
    """The discovery deadline: a date when the text means one day (`31 March 2027`, `end of Q1`),
    else the text as typed, stripped (`before the board meeting in March`, `March`, `next
    month`); None if blank. Refused only for a date that is wrong or ambiguous (`3/4`,
    `0001-01-01`, `Tue 3 Dec` when that is a Thursday), never for ordinary words."""
    stripped = text.strip()
    if not stripped:
        return None
    if len(stripped) > MAX_LENGTH or _has_control(stripped):
        return stripped
    try:
        parsed = _parse(stripped, zone, now, "date", "future")
    except _Unreadable:
        return stripped
    return stripped if parsed is None else parsed.wall.date()


# --- the seller's clock -------------------------------------------------------------------------


class Clock(NamedTuple):
    """Where and when the seller is: the zone typed times are in, and now."""

    zone: ZoneInfo
    now: dt.datetime

    @classmethod
    def of(cls, zone_name: str, now: dt.datetime | None = None) -> Clock:
        """The clock in `zone_name` (the profile's, or the machine's), at `now` or this moment."""
        zone = _zone_or_none(zone_name) or ZoneInfo("UTC")
        moment = now or system_clock.now()
        return cls(zone, moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone))

    def datetime(self, text: str, prefer: Prefer = "future") -> dt.datetime | None:
        return parse_datetime(text, self.zone, self.now, prefer=prefer)

    def date(self, text: str, prefer: Prefer = "future") -> dt.date | None:
        return parse_date(text, self.zone, self.now, prefer=prefer)

    def deadline(self, text: str) -> dt.date | str | None:
        return parse_deadline(text, self.zone, self.now)

    def today(self) -> dt.date:
        return self.now.astimezone(self.zone).date()

    def aware(self, value: dt.datetime) -> dt.datetime:
        """`value`, in this clock's zone when it names none: a time without a zone is the seller's."""
        return value if value.tzinfo is not None else value.replace(tzinfo=self.zone)


def default_text(value: dt.datetime | dt.date, clock: Clock, zone_name: str = "") -> str:
    """A value as a prompt's default, typed the way it reads back: ISO, with the zone when it is
    not the seller's own (`2026-12-03 15:00 America/New_York`)."""
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    zone = _zone_or_none(zone_name) if zone_name else None
    if zone is not None:
        shown = value.astimezone(zone)
        suffix = "" if zone.key == clock.zone.key else f" {zone.key}"
        return f"{shown:%Y-%m-%d %H:%M}{suffix}"
    if value.tzinfo is None:
        return f"{value:%Y-%m-%d %H:%M}"
    if value.utcoffset() == value.astimezone(clock.zone).utcoffset():
        return f"{value.astimezone(clock.zone):%Y-%m-%d %H:%M}"
    return value.isoformat(sep=" ", timespec="minutes")


def zone_key(value: dt.datetime) -> str:
    """The IANA name of a datetime's zone, or "" for a fixed offset."""
    return value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else ""
