"""Seller-typed text made safe to show: no control sequences, no markup of any format."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# C0/C1 controls (but tab and newline), DEL, and the bidi controls that can reorder what a
# reader sees: none of them may reach a terminal or a page from a plan.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """The text with every control character (bar newline and tab) removed."""
    return _UNSAFE.sub("", unicodedata.normalize("NFC", str(text)))


def one_line(text: object) -> str:
    return " ".join(clean(text).split())


def shortened(text: object, limit: int = 60) -> str:
    """The text on one line, cut to `limit` characters with "…" when longer ("" stays "")."""
    line = one_line(text)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def html_text(text: object) -> str:
    import html  # deferred: only HTML output

    return html.escape(clean(text), quote=True)


def md_text(text: object) -> str:
    """Markdown that shows the text literally, wherever in a line it goes (see `md_inline`)."""
    return md_inline(text)


# ASCII punctuation: what a backslash escapes in CommonMark (before anything else it is literal).
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# An entity or a numeric character reference: "&amp;", "&#38;", "&#x26;".
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What opens raw HTML or an autolink: "<b", "</", "<!--", "<?".
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")
# What a line starting with the text would become: a list item, a heading, a quote, a rule or
# (a line of "-" or "=" under another) a heading underline; a numbered list item.
_MD_BLOCK_MARK = re.compile(r"^(?:[-+](?=\s|$)|#{1,6}(?=\s|$)|>|-(?=[-\s]*$)|=(?=[=\s]*$))")
_MD_NUMBERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def _flanked(text: str, at: int, test: Callable[[str], bool]) -> bool:
    before = text[at - 1] if at > 0 else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    return bool(before) and bool(after) and test(before) and test(after)


def md_inline(text: object) -> str:
    """Markdown that renders as the text itself, on one line, escaping only what would act.

    The text may follow a list marker, a label, a table pipe or emphasis of our own; what is
    escaped is what could change how it renders there, and nothing else (no backslash before a
    lone "~", a dot or a "$50k", so text pasted where Markdown is not rendered stays readable):

    - a backslash before punctuation or at the end; every `|` (a table cell) and `[` or `]`
      when the text holds "](", "][" or "]:" (a link, or the definition of one);
    - `*` unless spaces stand either side; `_` unless letters or digits do (CommonMark opens no
      emphasis inside a word with it); backticks, tildes and dollars when there are two or
      more (a code span, a strike-through, math need a pair);
    - `<` that would open a tag or an autolink, `&` that would start an entity, `@` that would
      start a mention;
    - at the start, what would open a block: "- ", "+ ", "# ", ">", "1. ", "1) ", a line of
      dashes or of equals signs (a rule, or a heading's underline).

    `tests/test_markup_escape.py` holds it to that: any text renders (markdown-it, CommonMark
    with tables and strike-through) as itself.
    """
    line = one_line(text)
    links = any(pair in line for pair in ("](", "][", "]:"))
    pairs = {mark for mark in "`~$" if line.count(mark) >= 2}
    out: list[str] = []
    for at, char in enumerate(line):
        if char == "\\":
            after = line[at + 1 : at + 2]
            escape = not after or after in _ASCII_PUNCT
        elif char == "*":
            escape = not _flanked(line, at, str.isspace)
        elif char == "_":
            escape = not _flanked(line, at, str.isalnum)
        elif char in "[]":
            escape = links
        elif char == "|":
            escape = True
        elif char == "@":
            escape = at == 0 or not line[at - 1].isalnum()
        else:
            escape = char in pairs
        out.append("\\" + char if escape else char)
    escaped = "".join(out)
    escaped = _MD_ENTITY.sub(r"\\&", escaped)
    escaped = _MD_TAG.sub(r"\\<", escaped)
    escaped = _MD_BLOCK_MARK.sub(lambda found: "\\" + found.group(), escaped, count=1)
    return _MD_NUMBERED.sub(r"\1\\\2", escaped)


# A command in a message is written in backticks: `callprep done 2026-12-03-acme`. Wrapped
# text never breaks one across lines, so the id never lands alone on the next line.
_TOKEN = re.compile(r"\S*`[^`\n]*`\S*|\S+")


def wrap(text: str, width: int, indent: str = "", hang: str = "") -> list[str]:
    """`text` folded at spaces to `width` cells, each `command` in backticks kept whole.

    Newlines in `text` start new lines; `indent` starts the first line of each, `hang` the rest.
    A word or command longer than a line gets a line of its own.
    """
    from rich.cells import cell_len  # deferred: rich: only wrapping to a width

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, room = indent, max(width, 20)
        for token in _TOKEN.findall(paragraph):
            gap = " " if line.strip() else ""
            if line.strip() and cell_len(line) + len(gap) + cell_len(token) > room:
                lines.append(line.rstrip())
                line, gap = hang, ""
            line += gap + token
        lines.append(line.rstrip())
    return lines


# An email address as sellers and calendars write them: something@domain.tld, no spaces,
# brackets or quotes (a display name, "Dana <dana@x.com>", is not an address).
_EMAIL = re.compile(r"^[^\s@<>()\[\]\\,;:\"]+@([^\s@<>()\[\]\\,;:\"]+\.[^\s@<>()\[\]\\,;:\"]+)$")


def valid_email(text: str) -> bool:
    return bool(_EMAIL.match(text))


def email_domain(email: str) -> str:
    """`dana@Northwind-Foods.com` → `northwind-foods.com`; "" when it is no address."""
    found = _EMAIL.match(email.strip())
    return found.group(1).lower() if found else ""


def account_key(account: str) -> str:
    """Accounts are the same when they differ only in case and spacing ("ACME  corp")."""
    return " ".join(account.split()).casefold()
