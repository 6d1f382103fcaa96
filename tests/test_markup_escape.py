"""Text escaped for Markdown renders as itself, and carries no backslash it does not need.

markdown-it (CommonMark with tables and strike-through, tests/markup.py) renders each escaped
text in every place callprep's Markdown puts plan text: a paragraph, a list item, a task, a
label, our own emphasis, a table cell, a sentence, a signature's lines; the text it shows is
the text itself.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from callprep.text import md_inline, md_text, one_line
from tests.conftest import examples
from tests.markup import html_parts, markdown_parser

# (Markdown around the text, the text it shows around the text): `{}` is where it goes.
CONTEXTS = (
    ("{}", "{}"),
    ("- {}", "{}"),
    ("1. {}", "{}"),
    ("- [ ] {}", "[ ] {}"),
    ("- **Label:** {}", "Label: {}"),
    ("_{}_", "{}"),
    ("**{}**", "{}"),
    ("| Heading |\n| --- |\n| {} |", "Heading {}"),
    ("Next step: {}.", "Next step: {}."),
    ("Best regards,  \n{}  \nAccount executive", "Best regards, {} Account executive"),
    ("Best regards,  \nSam Okafor  \n{}", "Best regards, Sam Okafor {}"),
)


def shown(source: str) -> str:
    """The text a reader sees of rendered Markdown, spaces as one."""
    return " ".join("".join(html_parts(markdown_parser().render(source)).text).split())


def check(text: str) -> None:
    plain = one_line(text)
    if not plain:
        return
    escaped = md_inline(text)
    for source, expected in CONTEXTS:
        wanted = " ".join(expected.format(plain).split())
        assert shown(source.format(escaped)) == wanted, (source, escaped)


# Markdown's own characters, often: the cases that matter are made of them.
MARKDOWN = "\\`*_{}[]()<>#+-.!|~&$@=:;/ \"'"
texts = st.text(
    alphabet=st.one_of(st.sampled_from(MARKDOWN), st.characters(), st.sampled_from("aZ19 ")),
    max_size=40,
)


@settings(max_examples=examples(600), deadline=None)
@given(texts)
def test_any_text_renders_as_itself_wherever_it_goes(text: str) -> None:
    check(text)


def test_the_cases_that_matter() -> None:
    for text in (
        "~30% of the fleet",
        "~~gone~~",
        "*really* important",
        "snake_case and _this_",
        "[x](javascript:alert(1))",
        "[ref]: http://e.example",
        "<b>bold</b> <http://e.example>",
        "&amp; &#38; & more",
        "# not a heading",
        "1. not a list",
        "- not a list",
        "---",
        "=",
        "> not a quote",
        "`code`",
        "\\",
        "a \\* b",
        "$50k to $80k",
        "| pipe |",
        "@dana and dana@acme.example",
    ):
        check(text)


def test_what_does_not_act_is_not_escaped() -> None:
    """Pasted where Markdown is not rendered, everyday text reads as typed."""
    for text in (
        "~30% of the fleet",
        "Fuel costs up 18% this year (two depots).",
        "CFO Priya approves above $50k; security review first!",
        "Send the Q3 numbers + the plan - by Friday",
        "dana.lee@acme-logistics.example",
        "snake_case",
        "2 * 3 = 6",
        "+44 20 7946 0000",
        "-5% fuel",
        "1.5 million",
        "[draft] pricing",
        "Tom & Jerry",
        "x < y > z",
        "#1 priority",
    ):
        assert md_inline(text) == text, text
        assert md_text(text) == text, text
