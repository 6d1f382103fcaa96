"""Make seller-typed text safe to show: no control sequences, no markup of any format."""

from __future__ import annotations

import html
import re
import unicodedata

# C0/C1 controls (but tab and newline), DEL, and the bidi controls that can reorder what a
# reader sees: none of them may reach a terminal or a page from a plan.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """The text with every control character (bar newline and tab) removed."""
    return _UNSAFE.sub("", unicodedata.normalize("NFC", str(text)))


def one_line(text: object) -> str:
    return " ".join(clean(text).split())


def html_text(text: object) -> str:
    return html.escape(clean(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~>&])")


def md_text(text: object) -> str:
    """Markdown that shows the text literally: every punctuation Markdown acts on is escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    return escaped
