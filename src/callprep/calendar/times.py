"""Times of calendar events before they are expanded: dates vetted, zones judged, and the
recurrence budget that keeps a runaway rule from stalling an import (see callprep.calendar.events)."""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from callprep import messages
from callprep.text import shortened

# icalendar's components hold properties of many types; what is read from them is checked
# at run time (a broken property is a vBroken), so they are typed loosely here.
Component = Any

DEFAULT_MINUTES = 30  # an event with neither DTEND nor DURATION
MAX_EVENT_DAYS = 366  # a longer event is not read (odd DURATION, typo in DTEND)
# Recurrence budget, in rule iterations (dateutil walks from DTSTART to the window's end).
MAX_SERIES_STEPS = 50_000
MAX_TOTAL_STEPS = 1_000_000


@dataclass
class Window:
    start: dt.datetime
    end: dt.datetime
    default_zone: ZoneInfo
    steps: int = 0  # recurrence budget spent so far
    # Zones judged so far, by TZID and VTIMEZONE text (see _file_zone).
    zones: dict[tuple[str, bytes], dt.tzinfo | None] = field(default_factory=dict)

    def contains(self, when: dt.datetime) -> bool:
        return self.start <= when < self.end

    def query(self) -> tuple[dt.datetime, dt.datetime]:
        """The span to ask recurring-ical-events for: a little wider, filtered after."""
        margin = dt.timedelta(days=2)
        try:
            start = self.start.astimezone(self.default_zone) - margin
            end = self.end.astimezone(self.default_zone) + margin
        except OverflowError:
            return self.start, self.end
        return start, end


@dataclass
class Context:
    """One VCALENDAR being read: its method, zones and default zone."""

    path: str
    window: Window
    cancel: bool
    zone: ZoneInfo  # floating times and all-day dates are in this zone
    vtimezones: dict[str, Component]
    zones: dict[str, dt.tzinfo | None] = field(default_factory=dict)


# --- vetting and zones before expansion --------------------------------------------------

_DATE_NAMES = ("DTSTART", "DTEND", "RECURRENCE-ID")
_LIST_NAMES = ("EXDATE", "RDATE")


def prepare(members: list[Component], context: Context) -> tuple[str, bool, dt.datetime | None]:
    """Vet a UID's components and put their times in zones, in place.

    Returns (problem, recurring, start): the problem ("" when none) in the seller's words,
    whether the UID is a recurring series, and the start of a one-off (for the window).
    """
    recurring = any(
        name in member for member in members for name in ("RRULE", "RDATE", "RECURRENCE-ID")
    )
    known_start: dt.datetime | None = None
    for member in members:
        problem, start = _prepare_one(member, context)
        if start is not None and known_start is None:
            known_start = start
        if problem:
            return problem, recurring, known_start
    return "", recurring, known_start


def _prepare_one(event: Component, context: Context) -> tuple[str, dt.datetime | None]:
    from icalendar import vDDDTypes  # deferred: icalendar: only reading a calendar pays for it

    start_prop = event.get("DTSTART")
    if start_prop is None:
        return messages.CAL_WHY_NO_START, None
    if isinstance(start_prop, list):
        return messages.CAL_WHY_TWO_STARTS, None
    begin = getattr(start_prop, "dt", None) if _is_time(start_prop) else None
    if not isinstance(begin, dt.date):
        return messages.CAL_WHY_BAD_DATE.format(what="start"), None
    for name in _DATE_NAMES:
        prop = event.get(name)
        if prop is not None and (isinstance(prop, list) or not _is_time(prop)):
            return messages.CAL_WHY_BAD_DATE.format(what=_WHAT[name]), None
    for name in _LIST_NAMES:
        for prop in as_list(event.get(name)):
            if not _is_time_list(prop):
                return messages.CAL_WHY_BAD_DATE.format(what=_WHAT[name]), None
    _comparable(event)
    try:
        problem = _zone_all(event, context)
    except BrokenZone as broken:
        return messages.CAL_WHY_BAD_ZONE.format(tzid=shortened(broken.tzid)), None
    if problem:
        return problem, None
    start = event["DTSTART"].dt
    all_day = not isinstance(start, dt.datetime)
    start_at = as_datetime(start, context.zone)

    problem = _vet_length(event, start, all_day)
    if problem:
        return problem, start_at
    if not all_day and "DTEND" not in event and "DURATION" not in event:
        event["DURATION"] = vDDDTypes(dt.timedelta(minutes=DEFAULT_MINUTES))
    problem = _vet_rules(event, start_at, context.window)
    return problem, start_at


def _zone_all(event: Component, context: Context) -> str:
    """Every date-time of the event put in its zone (see `_zoned`); the problem, or ""."""
    for name in _DATE_NAMES:
        prop = event.get(name)
        if prop is None:
            continue
        if not _in_range(prop.dt):
            return messages.CAL_WHY_OUT_OF_RANGE
        prop.dt = _zoned(prop.dt, prop.params.get("TZID"), context)
    for name in _LIST_NAMES:
        for prop in as_list(event.get(name)):
            tzid = prop.params.get("TZID")
            for item in prop.dts:
                value = item.dt
                if isinstance(value, tuple):
                    if not all(_in_range(v) for v in value if isinstance(v, dt.date)):
                        return messages.CAL_WHY_OUT_OF_RANGE
                    first = _zoned(value[0], tzid, context)
                    second = value[1]
                    if isinstance(second, dt.date):
                        second = _zoned(second, tzid, context)
                    item.dt = (first, second)
                elif isinstance(value, dt.date):
                    if not _in_range(value):
                        return messages.CAL_WHY_OUT_OF_RANGE
                    item.dt = _zoned(value, tzid, context)
                else:
                    return messages.CAL_WHY_BAD_DATE.format(what=_WHAT[name])
    return ""


_WHAT = {
    "DTSTART": "start",
    "DTEND": "end",
    "RECURRENCE-ID": "RECURRENCE-ID",
    "EXDATE": "EXDATE",
    "RDATE": "RDATE",
}


def _comparable(event: Component) -> None:
    """Its start and end as recurring-ical-events reads them when they differ in kind.

    A date beside a time of day (DTSTART a date, DTEND or an EXDATE a date-time, or a
    DURATION in hours) makes the date midnight; a floating time beside a zoned one takes
    that zone: the first zone of DTSTART, DTEND, EXDATE, RDATE, as that library looks.
    Only when all are dates is the event all-day.
    """
    start, end = event["DTSTART"], event.get("DTEND")
    values: list[tuple[Any, Any]] = [(start, start.dt)]
    if end is not None:
        values.append((end, end.dt))
    for name in ("EXDATE", "RDATE"):
        for prop in as_list(event.get(name)):
            for item in prop.dts:
                value = item.dt[0] if isinstance(item.dt, tuple) else item.dt
                values.append((prop, value))
    try:
        length = event["DURATION"].dt if "DURATION" in event else None
    except Exception:  # a list of them, or one that does not read: _vet_length says so
        length = None
    timed = any(isinstance(v, dt.datetime) for _, v in values) or (
        isinstance(length, dt.timedelta) and bool(length % dt.timedelta(days=1))
    )
    if not timed:
        return
    lead = next(
        (
            (prop, value)
            for prop, value in values
            if isinstance(value, dt.datetime)
            and (value.tzinfo is not None or prop.params.get("TZID"))
        ),
        None,
    )
    for prop in (start, end):
        if prop is None:
            continue
        value = prop.dt
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
            prop.params.pop("VALUE", None)
        if value.tzinfo is None and not prop.params.get("TZID") and lead is not None:
            source, other = lead
            if source.params.get("TZID"):
                prop.params["TZID"] = source.params["TZID"]
            else:
                value = value.replace(tzinfo=other.tzinfo)
        prop.dt = value


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _is_time(prop: Any) -> bool:
    """A parsed date or date-time property (icalendar keeps unparsable ones as vBroken)."""
    try:
        value = prop.dt
    except Exception:
        return False
    return isinstance(value, dt.date)


def _is_time_list(prop: Any) -> bool:
    try:
        return all(hasattr(item, "dt") for item in prop.dts)
    except Exception:
        return False


def _in_range(value: dt.date) -> bool:
    # A few days' margin at both ends of Python's calendar: zones and spans must not overflow.
    return (
        dt.date(1, 1, 3)
        <= (value.date() if isinstance(value, dt.datetime) else value)
        <= dt.date(9999, 12, 29)
    )


def as_datetime(value: dt.date, zone: dt.tzinfo) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return dt.datetime(value.year, value.month, value.day, tzinfo=zone)


def _vet_length(event: Component, start: dt.date, all_day: bool) -> str:
    end_prop = event.get("DTEND")
    duration_prop = event.get("DURATION")
    if end_prop is not None:
        end = end_prop.dt
        length = utc(end) - utc(start) if not all_day else end - start
    elif duration_prop is not None:
        if isinstance(duration_prop, list):
            return messages.CAL_WHY_BAD_DURATION
        try:
            length = duration_prop.dt
        except Exception:
            return messages.CAL_WHY_BAD_DURATION
        if not isinstance(length, dt.timedelta):
            return messages.CAL_WHY_BAD_DURATION
    else:
        return ""
    if length < dt.timedelta(0):
        return messages.CAL_WHY_ENDS_BEFORE
    if length > dt.timedelta(days=MAX_EVENT_DAYS):
        return messages.CAL_WHY_TOO_LONG.format(days=MAX_EVENT_DAYS)
    return ""


def utc(value: dt.date) -> dt.datetime:
    assert isinstance(value, dt.datetime) and value.tzinfo is not None
    return value.astimezone(dt.UTC)


# --- zones -------------------------------------------------------------------------------

# What a VTIMEZONE is read from; the rest (TZID-ALIAS-OF, which dateutil refuses, TZURL,
# LAST-MODIFIED, comments) is left out.
ZONE_WANTED = frozenset({"TZID", "X-LIC-LOCATION"})
OBSERVANCE_WANTED = frozenset({"DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME", "RRULE", "RDATE"})

_UTC_KEYS = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"}
)


def tzid_key(tzid: str) -> str:
    return tzid.strip().strip('"').strip()


@functools.lru_cache(maxsize=512)
def iana_zone(name: str) -> ZoneInfo | None:
    """The ZoneInfo a TZID or X-WR-TIMEZONE means: IANA, Windows, or "/vendor/Area/City"."""
    name = tzid_key(name)
    if not name or len(name) > 200 or not name.isprintable():
        return None
    # Deferred: icalendar: only reading a calendar pays for it.
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    candidates = [name.strip("/")]
    if name in WINDOWS_TO_OLSON:
        candidates.append(WINDOWS_TO_OLSON[name])
    if name.startswith("/"):
        parts = name.strip("/").split("/")
        candidates.extend("/".join(parts[i:]) for i in range(1, len(parts)))
    for candidate in candidates:
        try:
            return ZoneInfo(candidate)
        except (ValueError, KeyError, OSError):
            continue
    return None


def _zoned(value: dt.date, tzid: object, context: Context) -> dt.date:
    """A date-time of the file put in the zone callprep uses for it (dates stay dates)."""
    if not isinstance(value, dt.datetime):
        return value
    if value.tzinfo is not None and _is_utc(value.tzinfo):
        return value.astimezone(dt.UTC)
    if tzid:
        zone = _file_zone(str(tzid), context)
        if zone is not None:
            return value.replace(tzinfo=zone)
        if tzid_key(str(tzid)) in context.vtimezones:
            raise BrokenZone(str(tzid))  # defined, and no IANA zone stands in for it
        return value.replace(tzinfo=context.zone)
    if value.tzinfo is not None:
        return value  # x-wr-timezone's zone for what was UTC
    return value.replace(tzinfo=context.zone)


class BrokenZone(Exception):
    """A TZID whose VTIMEZONE cannot be read, and which names no IANA or Windows zone."""

    def __init__(self, tzid: str) -> None:
        super().__init__(tzid)
        self.tzid = tzid


def _is_utc(zone: dt.tzinfo) -> bool:
    if zone is dt.UTC:
        return True
    return isinstance(zone, ZoneInfo) and zone.key in _UTC_KEYS


def _file_zone(tzid: str, context: Context) -> dt.tzinfo | None:
    """The zone a TZID names in this calendar: IANA when the file's VTIMEZONE agrees."""
    key = tzid_key(tzid)
    if key not in context.zones:
        component = context.vtimezones.get(key)
        if component is None:
            context.zones[key] = iana_zone(key)
        else:
            # vdir folders repeat the same VTIMEZONE in every file: judge it once per read.
            try:
                text = component.to_ical()
            except Exception:
                text = b""
            judged = context.window.zones
            if (key, text) not in judged:
                judged[(key, text)] = _judge_zone(key, component, context.window)
            context.zones[key] = judged[(key, text)]
    return context.zones[key]


def _judge_zone(key: str, component: Component, window: Window) -> dt.tzinfo | None:
    """The IANA zone a TZID names, unless the file's own definition covers the window and
    disagrees with it there; a name IANA does not know: the file's definition."""
    named = iana_zone(key)
    if named is not None and not _covers(component, window):
        return named  # before it begins, or after its last change: it says nothing there
    own = _own_zone(component, window.start.year)
    if named is None or (own is not None and not _agree(named, own, window)):
        return own
    return named


def _covers(component: Component, window: Window) -> bool:
    """Whether a VTIMEZONE defines the window's offsets: it begins before the window, and it
    goes on changing after it (an open-ended yearly rule, or a change listed later).

    A definition is often a few years cut out of the zone (the changes near the export's
    events): before its first onset it can only guess, and after its last it stays on one
    offset for ever.
    """
    first: dt.date | None = None
    last: dt.date | None = None
    endless = False
    for observance in component.subcomponents:
        begin = observance.get("DTSTART")
        if not _is_time(begin):
            continue
        day = _day(begin.dt)
        first = day if first is None else min(first, day)
        last = day if last is None else max(last, day)
        for prop in as_list(observance.get("RDATE")):
            try:
                days = [
                    _day(item.dt[0] if isinstance(item.dt, tuple) else item.dt) for item in prop.dts
                ]
            except Exception:  # an RDATE that does not read adds nothing
                continue
            last = max([last, *days])
        for rule in as_list(observance.get("RRULE")):
            try:
                until = first_value(rule.get("UNTIL"))
                count = first_value(rule.get("COUNT"))
            except Exception:
                continue
            if until is None and count is None:
                endless = True
            elif isinstance(until, dt.date):
                last = max(last, _day(until))
            elif count is not None:
                last = max(last, day + dt.timedelta(days=366 * max(0, int(count))))
    if first is None or last is None:
        return False
    return first <= window.start.date() and (endless or window.end.date() <= last)


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _own_zone(component: Component, year: int) -> dt.tzinfo | None:
    """A VTIMEZONE as a tzinfo of its own (icalendar's cache is shared by all files).

    Exchange starts its rules in 1601, and dateutil walks them from there on every new
    zone: a copy whose open-ended yearly rules start ten years back reads the same for
    the window at a fraction of the cost.
    """
    from icalendar import vDDDTypes  # deferred: icalendar: only reading a calendar pays for it
    from icalendar.timezone import tzp  # deferred: icalendar: only reading a calendar pays for it

    try:
        copy = component.copy()
        copy.subcomponents = []
        _keep_only(copy, ZONE_WANTED)  # dateutil refuses what it does not know (TZID-ALIAS-OF)
        for observance in component.subcomponents:
            observance = observance.copy()
            _keep_only(observance, OBSERVANCE_WANTED)
            begin, rule = observance.get("DTSTART"), observance.get("RRULE")
            if rule is not None and not _sane_zone_rule(rule, begin):
                return None  # dateutil would look for its next change until the year 9999
            if (
                _is_time(begin)
                and isinstance(begin.dt, dt.datetime)
                and rule is not None
                and not isinstance(rule, list)
                and "UNTIL" not in rule
                and "COUNT" not in rule
                and year - 10 > 1
                and begin.dt.year < year - 10
            ):
                observance["DTSTART"] = vDDDTypes(begin.dt.replace(year=year - 10, month=1, day=1))
            copy.add_component(observance)
        zone = copy.to_tz(tzp, lookup_tzid=False)
        dt.datetime(year, 1, 1, 12, tzinfo=zone).utcoffset()
    except Exception:
        return None
    return zone


def _keep_only(component: Component, names: frozenset[str]) -> None:
    for name in [str(key) for key in component]:
        if name.upper() not in names:
            del component[name]


def _sane_zone_rule(rule: Any, begin: Any) -> bool:
    """A VTIMEZONE observance's RRULE: yearly, as every zone's, and matching some date."""
    if isinstance(rule, list) or not _is_time(begin) or not isinstance(begin.dt, dt.datetime):
        return False
    try:
        parts = {str(k).upper(): v for k, v in dict(rule).items()}
        interval = _interval(parts)
    except Exception:
        return False
    if str(first_value(parts.get("FREQ")) or "").upper() != "YEARLY" or not 0 < interval < 100:
        return False
    return not _needs_probe(parts, "YEARLY") or _matches_sometime(
        rule, "YEARLY", interval, begin.dt
    )


def _agree(named: dt.tzinfo, own: dt.tzinfo, window: Window) -> bool:
    """Whether two zones give the same offsets, day by day, around the window."""
    day = window.start.replace(tzinfo=None, hour=12, minute=0, second=0, microsecond=0)
    try:
        day -= dt.timedelta(days=7)
        for _ in range(min(400, (window.end - window.start).days + 15)):
            if day.replace(tzinfo=named).utcoffset() != day.replace(tzinfo=own).utcoffset():
                return False
            day += dt.timedelta(days=1)
    except (OverflowError, ValueError):
        return True
    return True


def output_zone(value: dt.datetime) -> tuple[dt.datetime, str]:
    zone = value.tzinfo
    if zone is None:  # not expected after _zoned; floating means the default zone
        raise ValueError("floating time")
    if _is_utc(zone):
        return value.astimezone(dt.UTC), ""
    if isinstance(zone, ZoneInfo):
        # A time in the spring-forward gap (01:30 on the day clocks jump to 02:00) names the
        # instant RFC 5545 gives it; written as the wall clock then shows it (02:30).
        return value.astimezone(dt.UTC).astimezone(zone), zone.key
    if isinstance(zone, dt.timezone):
        return value, ""
    offset = value.utcoffset()
    assert offset is not None
    return value.replace(tzinfo=dt.timezone(offset)), ""


# --- recurrence budget -------------------------------------------------------------------

_FREQ_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
    "MONTHLY": 30 * 86400,
    "YEARLY": 365 * 86400,
}
# A BY part expands a rule when its unit is finer than the rule's frequency: per period
# it can add this many candidates per value (an upper bound; limiting parts add nothing).
_RANK = {
    "SECONDLY": 0,
    "MINUTELY": 1,
    "HOURLY": 2,
    "DAILY": 3,
    "WEEKLY": 4,
    "MONTHLY": 5,
    "YEARLY": 6,
}
# Parts that filter candidates: a COUNT says nothing of how many steps reach it.
_NARROWING = ("BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "BYEASTER")


def _vet_rules(event: Component, start: dt.datetime, window: Window) -> str:
    """The problem with the event's RRULEs ("" when none); a rule that can never match is
    dropped (RFC 5545: it adds no instance; DTSTART stays the first one)."""
    rules = as_list(event.get("RRULE"))
    kept = []
    for rule in rules:
        try:
            parts = {str(k).upper(): v for k, v in dict(rule).items()}
            freq = str(first_value(parts.get("FREQ")) or "").upper()
            interval = _interval(parts)
        except Exception:
            return messages.CAL_WHY_BAD_RULE
        if freq not in _FREQ_SECONDS or not 0 < interval < 10**6:
            return messages.CAL_WHY_BAD_RULE
        try:
            several = _times_a_day(parts, freq, interval) > 1
        except (ValueError, TypeError):
            return messages.CAL_WHY_BAD_RULE
        if several:
            return messages.CAL_SKIP_SUB_DAILY
        try:
            steps = _steps(parts, freq, interval, start, window.end)
        except (ValueError, TypeError, OverflowError):
            return messages.CAL_WHY_BAD_RULE
        if steps > MAX_SERIES_STEPS or window.steps + steps > MAX_TOTAL_STEPS:
            return messages.CAL_WHY_TOO_OFTEN
        window.steps += steps
        if not _needs_probe(parts, freq) or _matches_sometime(rule, freq, interval, start):
            kept.append(rule)
    keep_rules(event, rules, kept)
    return ""


def keep_rules(event: Component, rules: list[Any], kept: list[Any]) -> None:
    """Leave the event the `kept` of its `rules` (its RRULEs), no RRULE when none is kept;
    untouched when all are."""
    if len(kept) < len(rules):
        del event["RRULE"]
        if kept:
            event["RRULE"] = kept[0] if len(kept) == 1 else kept


def _interval(parts: dict[str, Any]) -> int:
    """A rule's INTERVAL: 1 when absent. A zero stays zero (dateutil would loop on it for
    ever), to be refused."""
    value = first_value(parts.get("INTERVAL"))
    return 1 if value is None else int(value)


def _times_a_day(parts: dict[str, Any], freq: str, interval: int) -> int:
    """How many times a day the rule can yield: each unit of the time of day finer than the
    rule's step counts its BY part's values, and many (2) without one."""
    rank = _RANK[freq] if _FREQ_SECONDS[freq] * interval < 86400 else _RANK["DAILY"]
    count = 1
    for name, unit in (("BYHOUR", 2), ("BYMINUTE", 1), ("BYSECOND", 0)):
        values = {str(v) for v in as_list(parts.get(name))}
        if values:
            count *= len(values)
        elif rank <= unit:
            count *= 2
    return count


def first_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return value[0] if value else None
    return value


def _steps(
    parts: dict[str, Any], freq: str, interval: int, start: dt.datetime, end: dt.datetime
) -> int:
    """An upper bound of the candidates dateutil looks at from DTSTART to the window's end."""
    until = first_value(parts.get("UNTIL"))
    stop = end
    if isinstance(until, dt.date):
        until_at = as_datetime(until, start.tzinfo or dt.UTC)
        stop = min(stop, until_at)
    seconds = max(0.0, (stop - start).total_seconds())
    periods = seconds / (_FREQ_SECONDS[freq] * interval) + 1
    rank = _RANK[freq]
    factor = 1
    for name, unit, per in (
        ("BYSECOND", 0, 1),
        ("BYMINUTE", 1, 1),
        ("BYHOUR", 2, 1),
        ("BYDAY", 3, {4: 1, 5: 5, 6: 53}.get(rank, 1)),
        ("BYMONTHDAY", 3, 12 if rank == 6 else 1),
        ("BYYEARDAY", 3, 1),
        ("BYWEEKNO", 4, 7),
        ("BYMONTH", 5, 1),
    ):
        values = parts.get(name)
        if values and rank > unit:
            factor *= max(1, len(as_list(values))) * per
    steps = periods * factor
    # Filtering rules walk day by day whatever they keep: at least a step per day (and per
    # time of day), not the candidates of a period multiplied by the days.
    if rank >= 3 and any(parts.get(n) for n in ("BYMONTH", "BYDAY", *_NARROWING)):
        times = 1
        for name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            times *= max(1, len(as_list(parts.get(name))))
        steps = max(steps, (seconds / 86400 + 1) * times)
    count = first_value(parts.get("COUNT"))
    if count is not None and int(count) >= 0 and not any(parts.get(n) for n in _NARROWING):
        steps = min(steps, int(count) * factor + 1)
    return int(min(steps, 1e12))


def _needs_probe(parts: dict[str, Any], freq: str) -> bool:
    """Whether the rule's BY parts could reject every date (all but "WEEKLY;BYDAY=MO,WE")."""
    by = {name for name, value in parts.items() if name.startswith("BY") and value}
    if not by:
        return False  # the DTSTART's own month, day and time repeat: it always matches
    days = [str(d) for d in as_list(parts.get("BYDAY"))]
    plain_days = not any(d[:1] in "+-0123456789" for d in days)
    return not (freq == "WEEKLY" and by == {"BYDAY"} and plain_days)


_PROBE_YEAR = 9960


def _matches_sometime(rule: Any, freq: str, interval: int, start: dt.datetime) -> bool:
    """Whether the rule yields any date at all, asked where dateutil has to stop soon.

    dateutil looks for the next match until the year 9999, a step at a time: for a rule
    that matches nothing (BYMONTH=2 with BYMONTHDAY=30, or DAILY;INTERVAL=7;BYDAY=MO from
    a Tuesday) that is millions of steps. The probe starts from DTSTART moved forward by
    whole periods of the rule, of the week and of the leap-year cycle, to just before
    `_PROBE_YEAR`: the same rule in the same phase, with at most ~40 years left to walk.
    """
    from dateutil.rrule import rrulestr  # deferred: only an event that repeats

    text = ";".join(
        part
        for part in rule.to_ical().decode("ascii", "replace").split(";")
        if not part.upper().startswith(("UNTIL=", "COUNT="))
    )
    try:
        probe = _shifted(start.replace(tzinfo=None), freq, interval)
        first = next(iter(rrulestr(text, dtstart=probe)), None)
    except (ValueError, TypeError, OverflowError, IndexError):
        return False
    return first is not None


def _shifted(begin: dt.datetime, freq: str, interval: int) -> dt.datetime:
    if freq in ("MONTHLY", "YEARLY"):
        months = (
            math.lcm(interval, 12) if freq == "MONTHLY" else math.lcm(12 * interval, 48)
        )  # a whole number of years, and of four years for YEARLY (leap days)
        first = begin.year * 12 + begin.month - 1
        steps = max(0, (_PROBE_YEAR * 12 - first) // months)
        for back in range(8):  # 29 February, 31st: step back to a period where it exists
            year, month = divmod(first + max(0, steps - back) * months, 12)
            try:
                return begin.replace(year=year, month=month + 1)
            except ValueError:
                continue
        return begin
    unit = _FREQ_SECONDS[freq]
    period = math.lcm(interval * unit, 7 * 86400)  # the same weekday and time of day
    gap = (dt.datetime(_PROBE_YEAR, 1, 1) - begin).total_seconds()
    return begin + dt.timedelta(seconds=max(0, int(gap // period)) * period)
