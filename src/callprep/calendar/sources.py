"""Calendar files in: .ics files, vdir folders and stdin read bounded and never blocking,
decoded, narrowed to the window asked for, and parsed with icalendar."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from callprep import messages
from callprep.calendar.times import OBSERVANCE_WANTED, ZONE_WANTED
from callprep.errors import CallprepError, visible
from callprep.files import is_terminal, read_capped
from callprep.text import one_line

if TYPE_CHECKING:
    from icalendar import Calendar

    from callprep.calendar.times import Window


MAX_FILE_BYTES = 20 * 1024 * 1024  # one .ics file, or stdin
STDIN = "-"


# --- files -------------------------------------------------------------------------------


class Unreadable(Exception):
    """A file that cannot be read as a calendar.

    `why` is the short reason a skip shows; `error` the whole CallprepError text (with
    {path} and `fields`) when one is shown instead; `fatal` when that holds even among
    several sources.
    """

    def __init__(self, why: str, *, error: str = "", fatal: bool = False, **fields: str) -> None:
        super().__init__(why)
        self.why = why
        self.error = error
        self.fatal = fatal
        self.fields = fields

    def message(self, path: str) -> str:
        shown = messages.CAL_STDIN if path == STDIN else path
        if self.error:
            return self.error.format(path=shown, **self.fields)
        return messages.CAL_NOT_CALENDAR.format(path=shown, why=self.why)


def skip_text(why: str, path: str) -> str:
    shown = messages.CAL_STDIN if path == STDIN else visible(path)
    return messages.CAL_SKIP_FILE.format(path=shown, why=why)


def expand(source: str) -> list[tuple[str, bool]]:
    """A named source as files to read: itself, or the .ics files of a folder (not below)."""
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise CallprepError(messages.CAL_NOT_FOUND.format(path=source)) from None
    except OSError as err:
        raise CallprepError(
            messages.CAL_CANNOT_OPEN.format(path=source, problem=_os_error(err))
        ) from None
    if not stat.S_ISDIR(info.st_mode):
        return [(source, True)]
    try:
        with os.scandir(source) as entries:
            names = sorted(
                e.name for e in entries if e.name.lower().endswith(".ics") and e.name[0] != "."
            )
    except OSError as err:
        raise CallprepError(
            messages.CAL_CANNOT_OPEN.format(path=source, problem=_os_error(err))
        ) from None
    files = []
    for name in names:
        path = os.path.join(source, name)
        # A folder called x.ics is no calendar file; a FIFO or device called so is reported.
        try:
            if stat.S_ISDIR(os.stat(path).st_mode):
                continue
        except OSError:
            pass  # a dangling symlink: reading it says so
        files.append((path, False))
    return files


def _os_error(err: OSError) -> str:
    return (err.strerror or type(err).__name__).lower()


def file_bytes(path: str) -> bytes:
    """The file's bytes, refusing anything but a regular file and anything too large.

    The path is checked before it is opened (opening a device can have effects), and
    opened without blocking (a FIFO swapped in meanwhile cannot hang), then checked again.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise _not_regular()
        flags = (
            os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        )
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise Unreadable(messages.CAL_WHY_GONE, error=messages.CAL_NOT_FOUND, fatal=True) from None
    except OSError as err:
        raise _cannot_open(err) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular()
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big()
        return _read_capped(lambda n: os.read(fd, n))
    except OSError as err:
        raise _cannot_open(err) from None
    finally:
        os.close(fd)


def _not_regular() -> Unreadable:
    return Unreadable(messages.CAL_WHY_NOT_REGULAR, error=messages.CAL_NOT_REGULAR, fatal=True)


def _cannot_open(err: OSError) -> Unreadable:
    why = _os_error(err)
    return Unreadable(why, error=messages.CAL_CANNOT_OPEN, problem=why)


def _too_big() -> Unreadable:
    mb = str(MAX_FILE_BYTES // (1024 * 1024))
    return Unreadable(
        messages.CAL_WHY_TOO_BIG.format(mb=mb), error=messages.CAL_TOO_BIG, fatal=True, mb=mb
    )


def _read_capped(read_some: Callable[[int], bytes]) -> bytes:
    data = read_capped(read_some, MAX_FILE_BYTES)
    if data is None:
        raise _too_big()
    return data


def stdin_bytes(stdin: BinaryIO | None) -> bytes:
    stream: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
    if is_terminal(stream):
        raise Unreadable(messages.CAL_WHY_TTY, error=messages.CAL_STDIN_TTY, fatal=True)
    try:
        return _read_capped(stream.read)
    except OSError as err:
        raise _cannot_open(err) from None


_FOLD = re.compile(rb"\r?\n[ \t]")
_FOLD_TEXT = re.compile(r"\r?\n[ \t]")
# C0 controls but tab, line feed and carriage return, and DEL: icalendar refuses a parameter
# holding one and drops the whole property (an attendee's CN with a BEL in it loses them).
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _decode(data: bytes) -> str:
    """Unfolded text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Lines are unfolded before decoding: RFC 5545 folds at 75 octets, which may split a UTF-8
    character in two ("R\xc3" CRLF SP "\xa9union"), and decoding first would take the whole
    file for Windows-1252.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise Unreadable(messages.CAL_WHY_ENCODING) from None
        if "\n" not in text and "\r" in text:
            text = text.replace("\r", "\n")  # classic Mac line ends
        return _FOLD_TEXT.sub("", text)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\n" not in data and b"\r" in data:
        data = data.replace(b"\r", b"\n")  # classic Mac line ends
    data = _FOLD.sub(b"", data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Outlook and older exporters write the Windows code page; no byte is lost.
        return data.decode("cp1252", errors="replace")


@dataclass(frozen=True)
class Broken:
    """A VEVENT of the file that icalendar cannot parse: skipped alone, the rest is read."""

    uid: str
    summary: str
    why: str


def parse(data: bytes, window: Window) -> tuple[list[Calendar], list[Broken]]:
    """The file's calendars, and the events in it that cannot be parsed at all.

    The whole text is parsed at once; when icalendar refuses it (a time zone it cannot build,
    a property it does not know), each component is parsed alone: a broken VTIMEZONE is left
    out (its TZID is then read as an IANA name, or as floating), a broken VEVENT is skipped
    with its reason, and the rest is read as usual.
    """
    from icalendar import Calendar  # deferred: icalendar: only reading a calendar pays for it

    text = _decode(data)
    if not text.strip():
        raise Unreadable(messages.CAL_WHY_EMPTY)
    if "\x00" in text:
        raise Unreadable(messages.CAL_WHY_BINARY)
    raws: list[str] = []  # each VEVENT's text as read (see RAW_PROPERTY)
    text = _narrow(_CONTROL.sub("", text), window, raws)
    broken: list[Broken] = []
    try:
        components = Calendar.from_ical(text, multiple=True)
    except Exception:  # icalendar raises many kinds on malformed text: one part at a time
        components, broken = _parse_parts(text, window)
    calendars = [_flat(c) for c in components if c.name == "VCALENDAR"]
    loose = [c for c in components if c.name == "VEVENT"]
    if loose:  # VEVENTs without the VCALENDAR around them, as some tools write
        wrapper = Calendar()
        wrapper.subcomponents.extend(loose)
        calendars.append(wrapper)
    for calendar in calendars:
        setattr(calendar, _RAW_ATTRIBUTE, raws)
    if not calendars:
        upper = text.upper()
        if "BEGIN:VCALENDAR" in upper and "END:VCALENDAR" not in upper:
            raise Unreadable(messages.CAL_WHY_CUT_OFF)
        raise Unreadable(messages.CAL_WHY_NO_CALENDAR)
    return calendars, broken


def _flat(calendar: Calendar) -> Calendar:
    """A calendar with the components of any VCALENDAR nested in it as its own (libical's
    test files nest them; nothing inside would be read otherwise)."""
    if not any(c.name == "VCALENDAR" for c in calendar.subcomponents):
        return calendar
    found = []
    pending = list(reversed(calendar.subcomponents))
    while pending:
        component = pending.pop()
        if component.name == "VCALENDAR":
            pending.extend(reversed(component.subcomponents))
        else:
            found.append(component)
    calendar.subcomponents = found
    return calendar


# --- one component at a time ---------------------------------------------------------------


@dataclass
class _Part:
    """A component of the raw text: its own content lines, and its parts one level down."""

    name: str
    lines: list[str]
    parts: list[_Part]
    line: int  # where it begins in the text (1-based), for the seller


# What the parts of a component are read for: a VEVENT's alarms, say, are left out.
_KEEP_PARTS = {"VCALENDAR": True, "VTIMEZONE": True}


def _tree(text: str) -> list[_Part]:
    """The text's components as a tree, without recursion (the nesting can be deep): only
    VCALENDARs and VTIMEZONEs keep their parts. Unreadable when BEGIN and END do not pair."""
    top: list[_Part] = []
    stack: list[_Part] = []
    ignored = 0  # depth inside a component whose parts are not kept
    for number, line in enumerate(text.split("\n"), 1):
        content = line.rstrip("\r")
        head, _, value = content.partition(":")
        word = head.strip().upper()
        if word in ("BEGIN", "END"):
            name = value.strip().upper()
            if word == "BEGIN":
                if ignored or (stack and not _KEEP_PARTS.get(stack[-1].name)):
                    ignored += 1
                    continue
                part = _Part(name, [], [], number)
                (stack[-1].parts if stack else top).append(part)
                stack.append(part)
                continue
            if ignored:
                ignored -= 1
                continue
            if not stack or stack[-1].name != name:
                raise Unreadable(messages.CAL_WHY_SYNTAX.format(line=number))
            stack.pop()
            continue
        if ignored or not content.strip():
            continue
        if stack:
            stack[-1].lines.append(content)
    if stack:
        upper = stack[0].name
        raise Unreadable(
            messages.CAL_WHY_CUT_OFF
            if upper == "VCALENDAR"
            else messages.CAL_WHY_SYNTAX.format(line=stack[-1].line)
        )
    return top


def _text_of(part: _Part) -> str:
    lines = [f"BEGIN:{part.name}", *part.lines]
    for inner in part.parts:
        lines += [f"BEGIN:{inner.name}", *inner.lines, f"END:{inner.name}"]
    lines.append(f"END:{part.name}")
    return "".join(line + "\r\n" for line in lines)


def _parse_parts(text: str, window: Window) -> tuple[list[Any], list[Broken]]:
    from icalendar import Calendar, Component  # deferred: icalendar: only reading a calendar

    found: list[Any] = []
    broken: list[Broken] = []
    low, high = _dates_around(window)
    pending = _tree(text)
    for part in pending:
        if part.name == "VCALENDAR":
            calendar = _component(Calendar, _Part(part.name, part.lines, [], part.line))
            if calendar is None:  # its own properties do not read: the events still may
                calendar = _component(Calendar, _Part(part.name, [], [], part.line))
            inner = list(reversed(part.parts))
            while inner:
                child = inner.pop()
                if child.name == "VCALENDAR":
                    inner.extend(reversed(child.parts))
                    continue
                component = _component(Component, child)
                if component is not None:
                    calendar.add_component(component)
                elif child.name == "VEVENT":
                    broken += _broken(child, low, high)
                elif child.name == "VTIMEZONE":
                    calendar.add_component(
                        _component(Component, _zone_part(child)) or _zone_stub(child)
                    )
            found.append(calendar)
        elif part.name == "VEVENT":
            component = _component(Component, part)
            if component is not None:
                found.append(component)
            else:
                broken += _broken(part, low, high)
    return found, broken


def _zone_part(part: _Part) -> _Part:
    """A VTIMEZONE with only what a zone is read from (see `_narrow_zone`)."""

    def wanted(lines: list[str], names: frozenset[str]) -> list[str]:
        return [line for line in lines if (m := _NAME.match(line)) and m.group().upper() in names]

    observances = [
        _Part(inner.name, wanted(inner.lines, OBSERVANCE_WANTED), [], inner.line)
        for inner in part.parts
        if inner.name in ("STANDARD", "DAYLIGHT")
    ]
    return _Part(part.name, wanted(part.lines, ZONE_WANTED), observances, part.line)


def _zone_stub(part: _Part) -> Any:
    """A VTIMEZONE that does not read, as its TZID alone: an IANA name still gives the zone,
    and any other name is known to be defined, not floating (see callprep.calendar.times)."""
    from icalendar import Timezone  # deferred: icalendar: only reading a calendar pays for it

    stub = Timezone()
    for line in part.lines:
        if line[:4].upper() == "TZID" and line[4:5] in (":", ";"):
            stub.add("TZID", line.partition(":")[2])
            break
    return stub


def _component(kind: Any, part: _Part) -> Any:
    try:
        return kind.from_ical(_text_of(part))
    except Exception:  # as above: this component alone is malformed
        return None


def _broken(part: _Part, low: dt.date, high: dt.date) -> list[Broken]:
    """The skip for a VEVENT that does not parse, unless it is a one-off far from the window."""
    values: dict[str, str] = {}
    for line in part.lines:
        match = _NAME.match(line)
        name = match.group().upper() if match else ""
        values.setdefault(name, line.partition(":")[2])
    start = _raw_date("DTSTART:" + values.get("DTSTART", ""))
    repeats = any(name in values for name in _REPEATS)
    if not repeats and start is not None and not low <= start <= high:
        return []
    summary = one_line(values.get("SUMMARY", "").replace("\\,", ",").replace("\\;", ";"))
    return [Broken(values.get("UID", "").strip(), summary, _why_broken(part))]


def _why_broken(part: _Part) -> str:
    """Which property of a VEVENT icalendar refuses, as the seller reads it."""
    from icalendar import Component  # deferred: icalendar: only reading a calendar pays for it

    for line in part.lines:
        try:
            Component.from_ical(f"BEGIN:VEVENT\r\n{line}\r\nEND:VEVENT\r\n")
        except Exception:  # this is the line it refuses
            match = _NAME.match(line)
            if match:
                return messages.CAL_WHY_BAD_PROPERTY.format(name=match.group().upper())
            break
    return messages.CAL_WHY_BAD_EVENT


# --- narrowing ---------------------------------------------------------------------------


# What read() uses of a VEVENT; the rest (DTSTAMP, X-MICROSOFT-..., alarms) is not parsed.
_WANTED = frozenset(
    {
        "UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE",
        "RECURRENCE-ID", "SEQUENCE", "STATUS", "SUMMARY", "DESCRIPTION", "LOCATION",
        "ORGANIZER", "ATTENDEE",
    }
)  # fmt: skip
_REPEATS = frozenset({"RRULE", "RDATE", "EXRULE", "RECURRENCE-ID"})
_NAME = re.compile(r"[A-Za-z0-9-]+")
# How far from the window a zone's changes still matter: its offsets are compared with the
# IANA zone's from a week before it to a fortnight after (see callprep.calendar.times).
_ZONE_MARGIN = dt.timedelta(days=31)


@dataclass
class _Block:
    """One VEVENT of the raw text, as its kept physical lines."""

    uid: str
    near: bool  # recurring, undated, or starting near the window
    lines: list[str]
    raw: list[str]  # every property line as read, for the invite that updates the event


# Each VEVENT kept carries in this property the index of its text as read (every property,
# no alarm) in `raw_texts()`, so an event knows itself whole although icalendar parsed only
# what read() uses (events.py). Not the text itself: icalendar reads a long line slowly.
RAW_PROPERTY = "X-CALLPREP-RAW"
_RAW_ATTRIBUTE = "_callprep_raw_texts"


def raw_texts(calendar: Calendar) -> list[str]:
    """The VEVENT texts `parse` kept for `calendar`, by their RAW_PROPERTY index."""
    found: list[str] = getattr(calendar, _RAW_ATTRIBUTE, [])
    return found


def _dates_around(
    window: Window, margin: dt.timedelta = dt.timedelta(days=2)
) -> tuple[dt.date, dt.date]:
    try:
        low = window.start.astimezone(dt.UTC).date() - margin
        high = window.end.astimezone(dt.UTC).date() + margin
    except OverflowError:  # a window at the ends of the calendar: nothing is far from it
        return dt.date.min, dt.date.max
    return low, high


def _narrow(text: str, window: Window, raws: list[str] | None = None) -> str:
    """The text without what read() would not use, so icalendar parses far less.

    icalendar parses a content line in tens of microseconds, and a calendar export holds
    years of events: one-off VEVENTs whose DTSTART lies more than two days from the window
    are left out (unless another VEVENT with their UID stays), and so are the properties
    and alarms nobody reads. A VTIMEZONE keeps only the changes of offset near the window
    (one RDATE line may list 200,000 of them). Anything unusual (a VEVENT inside a VEVENT,
    a stray END:VEVENT, a cut-off event or zone) leaves the text whole for icalendar to judge.
    Each VEVENT kept is appended to `raws` whole, as read, and names its index there in
    RAW_PROPERTY.
    """
    low, high = _dates_around(window)
    pieces: list[str | _Block] = []
    block: _Block | None = None
    zone: list[list[str]] | None = None
    start: dt.date | None = None
    depth = 0
    for chunk in _logical_lines(text):
        head = chunk[0].rstrip("\r\n")
        upper = head.strip().upper()
        if zone is not None:
            zone.append(chunk)
            if upper == "END:VTIMEZONE":
                pieces.append(_narrow_zone(zone, window))
                zone = None
            elif upper in ("BEGIN:VEVENT", "END:VEVENT", "BEGIN:VTIMEZONE"):
                return text
            continue
        if block is None:
            if upper == "BEGIN:VEVENT":
                block, start, depth = _Block("", False, [*chunk], [*chunk]), None, 0
            elif upper == "BEGIN:VTIMEZONE":
                zone = [chunk]
            elif upper == "END:VEVENT":
                return text
            else:
                pieces.extend(chunk)
            continue
        if upper.startswith("BEGIN:"):
            if upper == "BEGIN:VEVENT":
                return text
            depth += 1
            continue
        if upper.startswith("END:"):
            if depth:
                depth -= 1
                continue
            if upper != "END:VEVENT":
                return text
            block.lines.extend(chunk)
            block.raw.extend(chunk)
            block.near = block.near or start is None or low <= start <= high
            pieces.append(block)
            block = None
            continue
        match = _NAME.match(head)
        name = match.group().upper() if match else ""
        if depth:
            continue
        block.raw.extend(chunk)
        if name not in _WANTED:
            continue
        block.lines.extend(chunk)
        if name in _REPEATS:
            block.near = True
        elif name == "UID":
            block.uid = _unfold(chunk).partition(":")[2].strip()
        elif name == "DTSTART" and start is None:
            start = _raw_date(_unfold(chunk))
    if block is not None or zone is not None:
        return text
    near = {p.uid for p in pieces if isinstance(p, _Block) and p.near and p.uid}
    kept = raws if raws is not None else []
    return "".join(
        p if isinstance(p, str) else _kept(p, kept) if p.near or (p.uid and p.uid in near) else ""
        for p in pieces
    )


def _kept(block: _Block, raws: list[str]) -> str:
    """A kept VEVENT's lines, the index of its text as read in RAW_PROPERTY after BEGIN."""
    raws.append("".join(block.raw))
    return "".join([block.lines[0], f"{RAW_PROPERTY}:{len(raws) - 1}\r\n", *block.lines[1:]])


@dataclass
class _Observance:
    kind: str  # STANDARD or DAYLIGHT
    lines: list[str]  # its content lines but its RDATEs
    start: str  # its DTSTART line
    rdates: list[tuple[str, list[str]]]  # each RDATE line's name and parameters, and values
    ruled: bool  # an RRULE makes more onsets than are listed


def _narrow_zone(chunks: list[list[str]], window: Window) -> str:
    """A VTIMEZONE with only what makes its offsets near the window (see `_narrow`).

    Every onset of an offset (an observance's DTSTART or RDATE) before the window but the last
    one is left out, and every one after it but the first: the offsets near the window stay as
    they were, and so do where the definition begins and whether it goes on after the window.
    Onsets are compared as written ("19701025T030000": the date's eight digits sort as text),
    so the cost is a few string operations per value. A VTIMEZONE with a blank TZID (icalendar
    refuses it) is left out whole.
    """
    whole = "".join(line for chunk in chunks for line in chunk)
    low_day, high_day = _dates_around(window, _ZONE_MARGIN)
    low, high = (f"{d.year:04d}{d.month:02d}{d.day:02d}" for d in (low_day, high_day))
    own: list[str] = []
    observances: list[_Observance] = []
    current: _Observance | None = None
    for chunk in chunks[1:-1]:
        line = _unfold(chunk)
        upper = line.strip().upper()
        if upper in ("BEGIN:STANDARD", "BEGIN:DAYLIGHT") and current is None:
            current = _Observance(upper[6:], [], "", [], False)
            continue
        if upper.startswith("END:") and current is not None:
            observances.append(current)
            current = None
            continue
        if upper.startswith(("BEGIN:", "END:")):
            return whole  # something odd: icalendar judges it
        match = _NAME.match(line)
        name = match.group().upper() if match else ""
        if current is None:
            if name in ZONE_WANTED:
                own.append(line)
            continue
        if name not in OBSERVANCE_WANTED:
            continue
        if name == "RDATE":
            head, _, values = line.partition(":")
            current.rdates.append((head, values.replace(" ", "").split(",")))
            continue
        if name == "DTSTART":
            current.start = line
        current.ruled = current.ruled or name == "RRULE"
        current.lines.append(line)
    if current is not None:
        return whole
    tzid = next((line.partition(":")[2] for line in own if line.upper().startswith("TZID")), "")
    if not tzid.strip().strip('"').strip():
        return ""
    # The latest onset before the window and the first after it, over every observance.
    days = [
        day
        for observance in observances
        for day in (
            observance.start.rpartition(":")[2].strip()[:8],
            *(value[:8] for _, values in observance.rdates for value in values),
        )
        if day.isdigit()
    ]
    before = max((day for day in days if day < low), default="")
    after = min((day for day in days if day > high), default="")
    edges = {before, after} - {""}
    kept: list[str] = []
    for observance in observances:
        rdates = [
            (head, kept_values)
            for head, values in observance.rdates
            if (kept_values := [v for v in values if low <= v[:8] <= high or v[:8] in edges])
        ]
        lines = observance.lines
        start = observance.start.rpartition(":")[2].strip()[:8]
        if (
            not observance.ruled
            and start.isdigit()
            and not (low <= start <= high or start in edges)
        ):
            if not rdates:
                continue  # every change it makes lies far from the window
            # Its DTSTART is far from the window: its first kept RDATE begins it instead.
            rdate, onsets = rdates[0]
            rdates[0] = (rdate, onsets[1:])
            begin = f"DTSTART:{onsets[0].split('/')[0]}"
            lines = [begin if x is observance.start else x for x in lines]
        kept += [f"BEGIN:{observance.kind}", *lines]
        kept += [f"{rdate}:{','.join(onsets)}" for rdate, onsets in rdates if onsets]
        kept.append(f"END:{observance.kind}")
    return "".join(line + "\r\n" for line in ["BEGIN:VTIMEZONE", *own, *kept, "END:VTIMEZONE"])


def _logical_lines(text: str) -> Iterator[list[str]]:
    """Physical lines grouped as content lines: a line starting with a blank continues one."""
    current: list[str] = []
    # Only "\n" ends a line: str.splitlines() would also split at U+2028 and the like, which
    # may stand inside a SUMMARY.
    for line in text.split("\n"):
        line += "\n"
        if current and line[:1] in (" ", "\t"):
            current.append(line)
            continue
        if current:
            yield current
        current = [line]
    if current:
        current[-1] = current[-1][:-1]  # the "\n" added to the text's last piece
        yield current


def _unfold(chunk: list[str]) -> str:
    return "".join([chunk[0].rstrip("\r\n"), *(line[1:].rstrip("\r\n") for line in chunk[1:])])


def _raw_date(line: str) -> dt.date | None:
    """The date of a raw DTSTART line ("DTSTART;TZID=X:20261029T110000" -> 2026-10-29)."""
    value = line.rpartition(":")[2].strip()
    if len(value) < 8 or not value[:8].isdigit():
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None
