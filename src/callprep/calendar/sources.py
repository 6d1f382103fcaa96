"""Calendar files in: .ics files, vdir folders and stdin read bounded and never blocking,
decoded, narrowed to the window asked for, and parsed with icalendar."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from callprep import messages
from callprep.errors import CallprepError, visible
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


def _read_capped(read_some: Any) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = read_some(min(1 << 20, MAX_FILE_BYTES + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise _too_big()


def stdin_bytes(stdin: BinaryIO | None) -> bytes:
    stream: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError, OSError):
        interactive = False
    if interactive:
        raise Unreadable(messages.CAL_WHY_TTY, error=messages.CAL_STDIN_TTY, fatal=True)
    try:
        return _read_capped(stream.read)
    except OSError as err:
        raise _cannot_open(err) from None


def _decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise Unreadable(messages.CAL_WHY_ENCODING) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Outlook and older exporters write the Windows code page; no byte is lost.
        return data.decode("cp1252", errors="replace")


def parse(data: bytes, window: Window) -> list[Calendar]:
    from icalendar import Calendar  # deferred: icalendar: only reading a calendar pays for it

    text = _decode(data)
    if "\n" not in text and "\r" in text:
        text = text.replace("\r", "\n")  # classic Mac line ends
    if not text.strip():
        raise Unreadable(messages.CAL_WHY_EMPTY)
    if "\x00" in text:
        raise Unreadable(messages.CAL_WHY_BINARY)
    try:
        raws: list[str] = []
        components = Calendar.from_ical(_narrow(text, window, raws), multiple=True)
    except Exception as err:  # icalendar raises many kinds on malformed text
        raise Unreadable(messages.CAL_WHY_SYNTAX.format(detail=short_error(err))) from None
    calendars = [c for c in components if c.name == "VCALENDAR"]
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
    return calendars


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


def _narrow(text: str, window: Window, raws: list[str] | None = None) -> str:
    """The text without what read() would not use, so icalendar parses far less.

    icalendar parses a content line in tens of microseconds, and a calendar export holds
    years of events: one-off VEVENTs whose DTSTART lies more than two days from the window
    are left out (unless another VEVENT with their UID stays), and so are the properties
    and alarms nobody reads. Anything unusual (a VEVENT inside a VEVENT, a stray END:VEVENT,
    a cut-off event) leaves the text whole for icalendar to judge. Each VEVENT kept is
    appended to `raws` whole, as read, and names its index there in RAW_PROPERTY.
    """
    try:
        low = window.start.astimezone(dt.UTC).date() - dt.timedelta(days=2)
        high = window.end.astimezone(dt.UTC).date() + dt.timedelta(days=2)
    except OverflowError:  # a window at the ends of the calendar: nothing is far from it
        low, high = dt.date.min, dt.date.max
    pieces: list[str | _Block] = []
    block: _Block | None = None
    start: dt.date | None = None
    depth = 0
    for chunk in _logical_lines(text):
        head = chunk[0].rstrip("\r\n")
        upper = head.strip().upper()
        if block is None:
            if upper == "BEGIN:VEVENT":
                block, start, depth = _Block("", False, [*chunk], [*chunk]), None, 0
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
    if block is not None:
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


def short_error(err: BaseException) -> str:
    text = one_line(str(err)) or type(err).__name__
    return text if len(text) <= 80 else text[:79] + "…"
