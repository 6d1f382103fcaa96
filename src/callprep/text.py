"""Seller-typed text made safe to show: no control sequences, no markup of any format."""

from __future__ import annotations

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
    import html  # deferred: only HTML output

    return html.escape(clean(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~>&])")


def md_text(text: object) -> str:
    """Markdown that shows the text literally: every punctuation Markdown acts on is escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    return escaped


_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~&$@])")
_MD_BLOCK_MARK = re.compile(r"^([-+=>])")
_MD_NUMBERED = re.compile(r"^(\d+)([.)])")


def md_inline(text: object) -> str:
    """Markdown for text placed after a list marker, label or table pipe: it shows literally.

    Lighter than `md_text` (no backslash before every dot, dash or parenthesis), so text pasted
    where Markdown is not rendered stays readable. Inside a line only emphasis, code, links,
    HTML, entities, tables, strike-through, math and mentions act; a leading `-`, `+`, `>`,
    `=` or `1.` could still open a block inside a list item, so that one is escaped too.
    """
    escaped = _MD_INLINE.sub(r"\\\1", one_line(text))
    escaped = _MD_BLOCK_MARK.sub(r"\\\1", escaped)
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
