"""The VTIMEZONE of an invite: a zone's offsets over the event's own dates, as every client reads them.

A zone whose changes in those years follow one yearly rule is written as Outlook and Google
write it: one STANDARD and one DAYLIGHT, each with an RRULE (FREQ=YEARLY;BYMONTH=..;BYDAY=..).
Any other zone (its rule changed within the years, or its changes follow no weekday rule) gets
one sub-component per change, each with a single DTSTART; a zone that does not change gets one
STANDARD. No sub-component lists its onsets in an RDATE: several clients (vobject, ical.js, so
Thunderbird and Nextcloud) read only the first value of a multi-value RDATE line.

The rule is read from the zone's own transitions (zoneinfo), never from a table of zones.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from icalendar import Component, Timezone

# Whole years before the first and after the last event date that the VTIMEZONE covers, so a
# client asked for a time near the event never falls before the first definition.
MARGIN_YEARS = 1
# Offsets are sampled this far apart before a change is narrowed to the second; two changes
# closer than this would be missed. Since 1970 no zone has changed twice within a week.
STEP = dt.timedelta(days=1)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Period:
    """How a zone reads during a stretch of time: its offset, its abbreviation, summer time or not."""

    offset: dt.timedelta
    name: str
    dst: dt.timedelta

    @classmethod
    def at(cls, zone: ZoneInfo, moment: dt.datetime) -> Period:
        local = moment.astimezone(zone)
        offset = local.utcoffset() or dt.timedelta(0)
        return cls(offset, local.tzname() or _offset_name(offset), local.dst() or dt.timedelta(0))


@dataclass(frozen=True)
class Change:
    """A transition: the first UTC second of `after`, which follows `before`."""

    at: dt.datetime
    before: Period
    after: Period

    @property
    def wall(self) -> dt.datetime:
        """When it happens on the clocks it changes (RFC 5545: local time in TZOFFSETFROM)."""
        return (self.at + self.before.offset).replace(tzinfo=None)


def vtimezone(zone: ZoneInfo, first: dt.datetime, last: dt.datetime) -> Timezone:
    """The VTIMEZONE for `zone` covering the aware datetimes [first, last], with a margin.

    Its TZID is the zone's IANA name, so a client that knows the zone may use its own copy and
    one that does not reads the same offsets from this definition.
    """
    from icalendar import Timezone

    first_year = first.astimezone(zone).year - MARGIN_YEARS
    last_year = last.astimezone(zone).year + MARGIN_YEARS
    start = dt.datetime(first_year, 1, 1, tzinfo=zone).astimezone(dt.UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=zone).astimezone(dt.UTC)
    changes = transitions(zone, start, end)

    component = Timezone()
    component.add("tzid", zone.key)
    rules = yearly_rules(changes, first_year, last_year)
    if rules is not None:
        for change, rule in rules:
            component.add_component(_observance(change, rule, daylight=_is_summer(change, rules)))
        return component
    opening = Period.at(zone, start)
    component.add_component(
        _observance(Change(start, opening, opening), None, daylight=opening.dst > dt.timedelta(0))
    )
    for change in changes:
        component.add_component(
            _observance(change, None, daylight=change.after.dst > dt.timedelta(0))
        )
    return component


def wall_time_is_ambiguous(moment: dt.datetime) -> bool:
    """True when `moment`'s clock time occurs twice in its zone (the hour the clocks go back),
    or never (the hour they skip), so that a time written in the zone names no one instant."""
    other = moment.replace(fold=1 - moment.fold)
    return other.utcoffset() != moment.utcoffset()


def transitions(zone: ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[Change]:
    """Every change of the zone's offset, abbreviation or summer time in [start, end), in order."""
    found: list[Change] = []
    moment, period = start, Period.at(zone, start)
    while moment < end:
        ahead = min(moment + STEP, end)
        following = Period.at(zone, ahead)
        if following != period:
            at = _first_second_of(zone, moment, ahead, following)
            found.append(Change(at, period, following))
        moment, period = ahead, following
    return found


def yearly_rules(
    changes: list[Change], first_year: int, last_year: int
) -> list[tuple[Change, str]] | None:
    """The zone's two changes a year as (first change, BYMONTH/BYDAY rule), when every year
    from `first_year` to `last_year` has exactly those two, on the same weekday of the same
    week of the same month at the same wall time; None otherwise."""
    if not changes:
        return None
    by_period: dict[Period, list[Change]] = {}
    for change in changes:
        by_period.setdefault(change.after, []).append(change)
    years = list(range(first_year, last_year + 1))
    if len(by_period) != 2:
        return None
    rules: list[tuple[Change, str]] = []
    for group in by_period.values():
        if [c.wall.year for c in group] != years:
            return None
        rule = _weekday_rule(group)
        if rule is None:
            return None
        rules.append((group[0], rule))
    return sorted(rules, key=lambda pair: pair[0].at)


def _weekday_rule(group: list[Change]) -> str | None:
    """The rule ("BYMONTH=3;BYDAY=2SU") when every change in `group` is that day at one time."""
    walls = [change.wall for change in group]
    month, weekday, clock = walls[0].month, walls[0].weekday(), walls[0].time()
    if any((w.month, w.weekday(), w.time()) != (month, weekday, clock) for w in walls):
        return None
    for week in (1, 2, 3, 4, -1):
        if all(w.day == _nth_weekday(w.year, month, weekday, week) for w in walls):
            return f"BYMONTH={month};BYDAY={week}{WEEKDAYS[weekday]}"
    return None


def _nth_weekday(year: int, month: int, weekday: int, week: int) -> int:
    """The day of the month of its `week`th `weekday` (week -1: the last)."""
    days = [
        day
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if dt.date(year, month, day).weekday() == weekday
    ]
    return days[week - 1] if week > 0 else days[week]


def _is_summer(change: Change, rules: list[tuple[Change, str]]) -> bool:
    """Of a yearly pair, the period with the greater offset is summer time (DAYLIGHT). This
    also holds where the zone's data marks winter as a negative saving (Europe/Dublin)."""
    return change.after.offset > max(c.after.offset for c, _ in rules if c is not change)


def _observance(change: Change, rule: str | None, daylight: bool) -> Component:
    from icalendar import TimezoneDaylight, TimezoneStandard, vRecur

    observance = TimezoneDaylight() if daylight else TimezoneStandard()
    observance.add("dtstart", change.wall)
    observance.add("tzoffsetfrom", change.before.offset)
    observance.add("tzoffsetto", change.after.offset)
    observance.add("tzname", change.after.name)
    if rule is not None:
        observance.add("rrule", vRecur.from_ical(f"FREQ=YEARLY;{rule}"))
    return observance


def _first_second_of(
    zone: ZoneInfo, before: dt.datetime, after: dt.datetime, period: Period
) -> dt.datetime:
    """The first whole UTC second in (before, after] that reads as `period`."""
    low, high = int(before.timestamp()), int(after.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if Period.at(zone, dt.datetime.fromtimestamp(middle, dt.UTC)) == period:
            high = middle
        else:
            low = middle
    return dt.datetime.fromtimestamp(high, dt.UTC)


def _offset_name(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    return f"{'+' if minutes >= 0 else '-'}{hours:02d}{rest:02d}"
