"""A meeting's transcript file read into who said what, and when: WebVTT, SRT or plain text.

Zoom, Teams and Meet save WebVTT (Teams with `<v Name>` voice tags, Zoom with `Name: text`
payloads); other recorders save SRT; Otter, Fathom, Granola and copy-paste give plain text with
`Name: text` lines, a `Name  0:03` or `0:05 - Name` line before each turn, or no times at all.
Every layout becomes the same list of cues: a speaker, where the cue starts and how many
seconds of talk it holds (the talk-time rule of tests/data/transcripts/README.md).

Nothing here knows the plan: `callprep.calls.conversation` holds the cues against it.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from callprep import messages
from callprep.errors import CallprepError
from callprep.files import is_terminal, read_bounded, read_capped
from callprep.text import clean

# A transcript of a whole working day is a megabyte or two; fifty is no transcript.
MAX_TRANSCRIPT_BYTES = 50 * 1024 * 1024
STDIN = "-"
# How fast people talk, for text without times: about 150 words a minute.
WORDS_PER_SECOND = 2.5
# A speaker's name is a few words at most; longer, the "Name:" is a sentence with a colon.
MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 60


@dataclass(frozen=True)
class Cue:
    """One stretch of one speaker's talk: a caption, or a turn of a text transcript."""

    speaker: str
    text: str
    start: float  # seconds from the start of the recording (estimated in untimed text)
    seconds: float  # the talk it holds

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Transcript:
    layout: str  # vtt, srt, otter, fathom, text
    cues: tuple[Cue, ...]
    timed: bool  # the file gave times (untimed text has them estimated from its words)

    @property
    def speakers(self) -> list[str]:
        """Everyone who speaks, in the order they first do."""
        return list(dict.fromkeys(cue.speaker for cue in self.cues))

    @property
    def length(self) -> float:
        return max((cue.start + cue.seconds for cue in self.cues), default=0.0)


def elapsed(seconds: float) -> str:
    """Seconds as a time into the call: 7:05, or 1:02:30 past the hour."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


# --- reading the bytes ----------------------------------------------------------------------


def read(source: str, stdin: BinaryIO | None = None) -> Transcript:
    """The transcript at `source` (a path, or `-` for stdin); one-line CallprepError otherwise."""
    shown = messages.TRANSCRIPT_STDIN if source == STDIN else source
    data = _stdin_bytes(stdin) if source == STDIN else _file_bytes(source)
    return parse(decode(data, shown), shown)


def _file_bytes(source: str) -> bytes:
    # Checked before it is opened (opening a device can have effects); read_bounded opens
    # without blocking and checks again, so a FIFO swapped in meanwhile cannot hang it.
    try:
        mode = os.stat(source).st_mode
    except FileNotFoundError:
        raise CallprepError(messages.TRANSCRIPT_NOT_FOUND.format(path=source)) from None
    except OSError as err:
        raise CallprepError(f"{source}: cannot read ({err.strerror or err})") from None
    if stat.S_ISDIR(mode):
        raise CallprepError(messages.TRANSCRIPT_FOLDER.format(path=source))
    return read_bounded(Path(source), MAX_TRANSCRIPT_BYTES)


def _stdin_bytes(stdin: BinaryIO | None) -> bytes:
    stream: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
    if is_terminal(stream):
        raise CallprepError(messages.TRANSCRIPT_STDIN_TTY)
    try:
        data = read_capped(stream.read, MAX_TRANSCRIPT_BYTES)
    except OSError as err:
        raise CallprepError(f"stdin: cannot read ({err.strerror or err})") from None
    if data is None:
        raise CallprepError(
            messages.TRANSCRIPT_TOO_BIG.format(
                path=messages.TRANSCRIPT_STDIN, mb=MAX_TRANSCRIPT_BYTES // (1024 * 1024)
            )
        )
    return data


def decode(data: bytes, shown: str) -> str:
    """Text from bytes: UTF-8 (a BOM allowed), UTF-16 with a BOM, else Windows-1252; a file
    with NUL bytes (or undecodable UTF-16) is binary, not a transcript."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise CallprepError(messages.TRANSCRIPT_BINARY.format(path=shown)) from None
    else:
        if b"\x00" in data:
            raise CallprepError(messages.TRANSCRIPT_BINARY.format(path=shown))
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # older Windows exports
    if "\x00" in text:
        raise CallprepError(messages.TRANSCRIPT_BINARY.format(path=shown))
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- the layouts ----------------------------------------------------------------------------

_SRT_TIMING = re.compile(
    r"^\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}"
)
_OTTER_HEAD = re.compile(r"^(?P<name>\S.*?\S|\S)\s{2,}(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2})\s*$")
_FATHOM_HEAD = re.compile(r"^(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2})\s+-\s+(?P<name>\S.*?)\s*$")
_NAME_COLON = rf"(?P<name>[^\s:][^:]{{0,{MAX_NAME_CHARS}}}?)\s*:\s+(?P<text>\S.*)$"
_COLON_LINE = re.compile(
    r"^(?:\[?(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2})(?:[.,]\d+)?\]?\s*(?:-\s*)?)?" + _NAME_COLON
)
_PAYLOAD_NAME = re.compile("^" + _NAME_COLON)
_FATHOM_COMPANY = re.compile(r"\s*\([^()]*\)$")
_FOOTERS = re.compile(r"^(?:transcribed by\b|transcript generated by\b)", re.I)
# Words a line may start with before a colon that name no one ("Note: ...", "Action items: ...").
_NOT_NAME_WORDS = (
    "note notes action actions agenda summary subject re ps update question answer example "
    "next so well ok okay yes no and but also then first second third step steps date time "
    "attendees participants title meeting recording transcript chapter topic"
)
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())


# The small words inside names: Lotte de Vries, Ludwig van Beethoven, Abu bin Salem.
_PARTICLE_WORDS = "de da di du des del della der den van von la le dos das bin ibn al y"
_PARTICLES = frozenset(_PARTICLE_WORDS.split())


def parse(text: str, shown: str = "the transcript") -> Transcript:
    """The cues of a transcript's text, in any layout read here."""
    if not text.strip():
        raise CallprepError(messages.TRANSCRIPT_EMPTY.format(path=shown))
    head = text.lstrip("\ufeff \t\n")
    if head.startswith("WEBVTT"):
        return _captions(head, "vtt", shown)
    lines = [line for line in head.split("\n") if line.strip()]
    if len(lines) >= 2 and lines[0].strip().isdigit() and _SRT_TIMING.match(lines[1]):
        return _captions(head, "srt", shown)
    return _plain(head, shown)


def _seconds(stamp: object) -> float:
    """A webvtt-py timestamp to seconds, to the millisecond (its `in_seconds` is whole)."""
    hours = getattr(stamp, "hours", 0)
    minutes = getattr(stamp, "minutes", 0)
    seconds = getattr(stamp, "seconds", 0)
    millis = getattr(stamp, "milliseconds", 0)
    return (hours * 3600_000 + minutes * 60_000 + seconds * 1000 + millis) / 1000


def _captions(text: str, layout: str, shown: str) -> Transcript:
    import io

    import webvtt  # deferred: webvtt-py: only reading a caption file pays for it
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    try:
        if layout == "vtt":
            captions = webvtt.from_string(text).captions
        else:
            captions = webvtt.from_buffer(io.StringIO(text), format="srt").captions
    except (MalformedFileError, MalformedCaptionError, ValueError, IndexError) as err:
        detail = clean(str(err)).split("\n")[0] or "malformed"
        raise CallprepError(
            messages.TRANSCRIPT_MALFORMED.format(path=shown, layout=layout.upper(), detail=detail)
        ) from None
    cues: list[Cue] = []
    speaker = ""
    for caption in captions:
        body = " ".join(clean(caption.text).split())
        if not body:
            continue
        voice = " ".join(clean(caption.voice or "").split())
        if voice:
            speaker = voice
        else:
            named = _PAYLOAD_NAME.match(body)
            if named and _is_name(named.group("name")):
                speaker, body = " ".join(named.group("name").split()), named.group("text")
        if not speaker:
            continue  # talk before anyone is named: nobody to give it to
        start, end = _seconds(caption.start_time), _seconds(caption.end_time)
        cues.append(Cue(speaker, body, start, max(0.0, round(end - start, 3))))
    return _checked(Transcript(layout, tuple(cues), timed=True), shown)


def _is_name(name: str) -> bool:
    """Whether the words before a colon can be a speaker's name rather than a sentence."""
    name = " ".join(name.split())
    words = name.split()
    if not words or len(words) > MAX_NAME_WORDS or len(name) > MAX_NAME_CHARS:
        return False
    if words[0].casefold().strip(".,") in _NOT_NAMES and len(words) == 1:
        return False
    if re.search(r"[.!?,;]$", name) or re.search(r"[\"“”]", name):
        return False
    bare = _FATHOM_COMPANY.sub("", name)
    if re.fullmatch(r"[\w.+\-]+@[\w.\-]+", bare) or re.fullmatch(r"[a-z0-9]+[._][a-z0-9._]+", bare):
        return True  # an email address, or its local part, as the meeting shows a login
    if re.fullmatch(r"[a-z][a-z0-9]{2,30}", bare) and bare not in _NOT_NAMES:
        return True  # a login without a dot ("ibrooks")
    words = bare.split()
    if not words or not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    return all(
        word[:1].isupper() or word[:1].isdigit() or word[:1] in "(" or word in _PARTICLES
        for word in words
    )


def _plain(text: str, shown: str) -> Transcript:
    lines = text.split("\n")
    if any(_FATHOM_HEAD.match(line) for line in lines):
        return _headed(lines, _FATHOM_HEAD, "fathom", shown)
    if any(_OTTER_HEAD.match(line) for line in lines):
        return _headed(lines, _OTTER_HEAD, "otter", shown)
    return _colon_lines(lines, shown)


def _clock(value: str) -> float:
    parts = [int(p) for p in value.split(":")]
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return float(seconds)


@dataclass
class _Turn:
    speaker: str
    start: float | None
    parts: list[str]

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def _headed(lines: list[str], head: re.Pattern[str], layout: str, shown: str) -> Transcript:
    """Otter (`Name  0:03`) and Fathom (`0:05 - Name (Company)`): a line names the speaker and
    the time, the lines after it are the turn; lines before the first head are the title."""
    turns: list[_Turn] = []
    for line in lines:
        found = head.match(line)
        if found and _is_name(found.group("name")):
            name = " ".join(found.group("name").split())
            if layout == "fathom":
                name = _FATHOM_COMPANY.sub("", name) or name
            turns.append(_Turn(name, _clock(found.group("time")), []))
        elif turns and line.strip() and not _FOOTERS.match(line.strip()):
            turns[-1].parts.append(clean(line.strip()))
    return _checked(_timed_turns(turns, layout), shown)


def _colon_lines(lines: list[str], shown: str) -> Transcript:
    """`Name: text` lines, each perhaps after a time; a line without a name goes on the turn
    before it (a turn pasted over two lines)."""
    turns: list[_Turn] = []
    for raw in lines:
        line = raw.strip()
        if not line or _FOOTERS.match(line):
            continue
        found = _COLON_LINE.match(line)
        if found and _is_name(found.group("name")):
            time = found.group("time")
            turns.append(
                _Turn(
                    " ".join(found.group("name").split()),
                    _clock(time) if time else None,
                    [clean(found.group("text"))],
                )
            )
        elif turns:
            turns[-1].parts.append(clean(line))
    if turns and all(turn.start is not None for turn in turns):
        return _checked(_timed_turns(turns, "text"), shown)
    cues: list[Cue] = []
    at = 0.0
    for turn in turns:
        body = turn.text
        if not body:
            continue
        seconds = round(len(body.split()) / WORDS_PER_SECOND, 3)
        cues.append(Cue(turn.speaker, body, round(at, 3), seconds))
        at += seconds
    return _checked(Transcript("text", tuple(cues), timed=False), shown)


def _timed_turns(turns: list[_Turn], layout: str) -> Transcript:
    """Each turn lasts until the next one starts; the last one, its words at talking speed."""
    kept = [turn for turn in turns if turn.text]
    cues: list[Cue] = []
    for index, turn in enumerate(kept):
        start = turn.start or 0.0
        if index + 1 < len(kept):
            seconds = max(0.0, (kept[index + 1].start or 0.0) - start)
        else:
            seconds = len(turn.text.split()) / WORDS_PER_SECOND
        cues.append(Cue(turn.speaker, turn.text, start, round(seconds, 3)))
    return Transcript(layout, tuple(cues), timed=True)


def _checked(transcript: Transcript, shown: str) -> Transcript:
    if not transcript.cues:
        raise CallprepError(messages.TRANSCRIPT_NO_SPEAKERS.format(path=shown))
    return transcript
