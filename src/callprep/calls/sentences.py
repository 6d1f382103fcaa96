"""A transcript's talk as sentences: who said each, on which side, at what second, in which turn.

The unit every finding of `callprep.calls.conversation` is made of: a commitment is quoted as
one sentence, a question is a sentence that ends in a question mark, a planned question is
matched against sentences. A turn is one speaker's talk until someone else speaks; a sentence
that a caption breaks in two is joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from callprep.calls.transcript import Cue

# Words ending in a full stop that end no sentence.
_ABBREVIATION_WORDS = "mr mrs ms dr prof st vs etc e.g i.e approx no inc ltd co jr sr dept est"
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)]*\s+")
_END = re.compile(r"[.!?…][\"”’)]*$")


@dataclass(frozen=True)
class Sentence:
    text: str
    speaker: str
    at: float  # where the caption or turn holding its start begins, in seconds
    turn: int  # the index of its turn: one speaker's talk until another speaks
    index: int  # its place among all the transcript's sentences

    @property
    def is_question(self) -> bool:
        return self.text.rstrip('"”’) ').endswith("?")


def split(text: str) -> list[str]:
    """`text` cut into sentences at `.`, `!`, `?` followed by a space (not after "Dr.", "3.")."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()].rstrip()
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        if last.rstrip(".").casefold() in _ABBREVIATIONS and last.endswith("."):
            continue
        pieces.append(before)
        start = match.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def sentences(cues: tuple[Cue, ...] | list[Cue]) -> list[Sentence]:
    """Every sentence of the talk, in order; a caption that stops mid-sentence is joined to the
    speaker's next one."""
    found: list[Sentence] = []
    turn = -1
    previous = ""
    carry = ""  # the unfinished end of the speaker's last caption
    carry_at = 0.0
    for cue in cues:
        if cue.speaker != previous:
            if carry:
                found.append(Sentence(carry, previous, carry_at, turn, len(found)))
            carry = ""
            turn += 1
            previous = cue.speaker
        parts = split(cue.text)
        if not parts:
            continue
        first_at = carry_at if carry else cue.start
        if carry:
            parts[0] = f"{carry} {parts[0]}"
            carry = ""
        for n, part in enumerate(parts):
            at = first_at if n == 0 else cue.start
            if n == len(parts) - 1 and not _END.search(part):
                carry, carry_at = part, at
            else:
                found.append(Sentence(part, cue.speaker, at, turn, len(found)))
    if carry:
        found.append(Sentence(carry, previous, carry_at, turn, len(found)))
    return found
