"""What a page or a Markdown text *means*, decided by a parser rather than by looking for substrings.

Escaped output may legitimately contain the characters of live markup (`\\[x\\](javascript:`
is plain text); only a parser says whether a link, an image or a tag is really there.
"""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

# Every tag and attribute callprep's own HTML brief uses; anything else came from a plan.
PAGE_TAGS = frozenset(
    [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "footer",
        "section",
        "aside",
        "div",
        "span",
        "p",
        "h1",
        "h2",
        "h3",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "b",
        "i",
        "em",
        "strong",
        "small",
        "table",
        "tr",
        "td",
        "th",
    ]
)
PAGE_ATTRIBUTES = frozenset(["charset", "class", "content", "data-step", "lang", "name", "style"])
# What Markdown may not contain when it came from a plan: a link, an image or raw HTML.
LIVE_MARKDOWN = frozenset(("link_open", "image", "html_inline", "html_block", "code_inline"))


class Tags(HTMLParser):
    """The start tags, their attributes and the text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_parts(document: str) -> Tags:
    parser = Tags()
    parser.feed(document)
    parser.close()
    return parser


def markdown_parser() -> MarkdownIt:
    """CommonMark with the GitHub extensions a CRM or mail client is likely to render.

    Every URL counts: markdown-it drops `javascript:` links as unsafe, a less careful
    renderer would not, and the question is whether link syntax came through at all.
    """
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def markdown_parts(source: str) -> Tags:
    return html_parts(markdown_parser().render(source))


def markdown_tokens(source: str) -> list[Token]:
    """Every token of the parsed document, inline children included."""
    found: list[Token] = []
    for token in markdown_parser().parse(source):
        found.append(token)
        found.extend(token.children or [])
    return found


def live_markdown(source: str) -> list[str]:
    """The links, images, raw HTML and code spans in `source` (for plan text: none)."""
    return [
        f"{token.type}: {token.content or token.attrs}"
        for token in markdown_tokens(source)
        if token.type in LIVE_MARKDOWN
    ]


def foreign_html(document: str) -> list[str]:
    """Tags and attributes a brief's own HTML never uses: anything here came from a plan."""
    parts = html_parts(document)
    tags = [f"<{tag}>" for tag in parts.tags if tag not in PAGE_TAGS]
    attributes = [f"{name}=" for name, _ in parts.attributes if name not in PAGE_ATTRIBUTES]
    return tags + attributes
