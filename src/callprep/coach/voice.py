"""The seller's words turned towards the customer, and the names people are greeted by.

Pure text rules, apart from the agenda and the coach that use them, so that neither has to
load the other (or the prompts) for a line of text.
"""

from __future__ import annotations

import re

from callprep.text import one_line

# --- the seller's notes, in words addressed to the customer --------------------------------

# Plans are written about the customer ("Their goals for the rollout"); the message is
# written to them ("Your goals for the rollout"). "They" and "you" take the same verb
# forms, so swapping the pronouns keeps the grammar.
_PRONOUNS: dict[str, str] = {
    "they're": "you're",
    "they've": "you've",
    "they'll": "you'll",
    "they'd": "you'd",
    "themselves": "yourselves",
    "theirs": "yours",
    "their": "your",
    "them": "you",
    "they": "you",
}
_PRONOUN_RE = re.compile(
    r"\b(" + "|".join(re.escape(w).replace("'", "['’]") for w in _PRONOUNS) + r")\b",
    re.IGNORECASE,
)

_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"])


def customer_voice(text: str) -> str:
    """The seller's note rewritten to address the customer: their -> your, they -> you."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        replacement = _PRONOUNS[word.lower().replace("’", "'")]
        if "’" in word:
            replacement = replacement.replace("'", "’")
        if word.isupper() and len(word) > 1:
            return replacement.upper()
        if word[0].isupper():
            return replacement[0].upper() + replacement[1:]
        return replacement

    return _PRONOUN_RE.sub(swap, text)


def first_name(full_name: str) -> str:
    words = [w for w in one_line(full_name).split() if w.rstrip(".").lower() not in _HONORIFICS]
    return words[0] if words else one_line(full_name)
