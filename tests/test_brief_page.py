"""The one-page promise and escaping: overfull, hostile and non-Latin plans in every format."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from rich.console import Console

from callprep import messages
from callprep.deal import carry, deal
from callprep.plans.model import Plan
from callprep.plans.planfile import load_plan
from callprep.render import brief, html, markdown, page, pdf, term
from callprep.text import one_line
from tests.brief_plans import (
    HOSTILE,
    LONG,
    hostile_commitments,
    hostile_plan,
    international_plan,
    overfull_commitments,
    overfull_earlier,
    overfull_plan,
    overfull_unanswered,
)
from tests.conftest import PREPARED, UNPREPARED, examples
from tests.markup import foreign_html, html_parts, live_markdown, markdown_parts

PAPERS = ["a4", "letter"]


def overfull_view() -> brief.BriefView:
    return brief.build(overfull_plan(), overfull_commitments(), overfull_unanswered())


def hostile_view() -> brief.BriefView:
    return brief.build(hostile_plan(), hostile_commitments(), [HOSTILE])


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(reader.pages[0].extract_text().split())


# --- shortening -------------------------------------------------------------------------


def test_cut_keeps_short_text_and_marks_what_it_cuts() -> None:
    assert page.cut("Dana agrees to a pilot", 40) == "Dana agrees to a pilot"
    cut = page.cut("Dana agrees to a thirty-day pilot with twenty trucks", 30)
    assert cut.endswith("…")
    assert len(cut) <= 30
    assert cut == "Dana agrees to a thirty-day…"  # at a word end, not mid-word


def test_cut_puts_text_on_one_line() -> None:
    assert page.cut("two\nlines\t here", None) == "two lines here"


def test_full_step_of_the_ladder_leaves_everything_in() -> None:
    view = overfull_view()
    full = page.shorten(view, None)
    assert full.agenda == [one_line(item) for item in view.agenda]
    assert full.hidden == {}
    assert not full.shortened


def test_shortening_cuts_the_longest_parts_and_counts_what_it_leaves_out() -> None:
    view = overfull_view()
    short = page.shorten(view, page.Limits(chars=80, items=4))
    assert short.shortened
    assert len(short.agenda) == 4
    assert short.hidden["agenda"] == len(view.agenda) - 4
    assert short.hidden["commitments"] == len(view.open_commitments) - 4
    assert all(len(item) <= 80 for item in short.agenda + short.questions)
    assert short.best.endswith("…")
    assert page.more(short, "agenda") == messages.BRIEF_MORE.format(count=len(view.agenda) - 4)
    # a short plan loses nothing at the same step
    prepared = brief.build(load_plan(PREPARED))
    assert page.shorten(prepared, page.Limits(chars=120, items=6)).hidden == {}


def test_each_candidate_is_no_taller_than_the_one_before() -> None:
    options = page.candidates(overfull_view())
    heights = [page.estimate(o.view, o.size, "a4", html.METRICS) for o in options]
    assert heights == sorted(heights, reverse=True)
    assert options[0].step == 0 and options[0].size == max(page.SIZES)
    assert options[-1].size == min(page.SIZES) >= 8


def test_wrapping_counts_long_words_and_wide_scripts() -> None:
    metrics = page.Metrics(char=0.5, line=1.2)
    # 100pt at 10pt with 0.5em characters: 20 characters a line
    assert page.wrapped("short words only", 100, 10, metrics) == 1
    assert page.wrapped("x" * 50, 100, 10, metrics) == 3
    assert page.wrapped("中" * 20, 100, 10, metrics) == 2


# --- one page, always -------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPERS)
def test_overfull_plan_prints_on_exactly_one_page(paper) -> None:
    view = overfull_view()
    data = pdf.render(view, paper)
    pages, text = pdf_text(data)
    assert pages == 1
    chosen = pdf.fit(view, paper)
    assert chosen["fits"] is True  # measured to fit, not cut off by the guard
    assert chosen["step"] > 0
    assert "…" in text
    assert "Shortened to fit one page" in text
    assert "+37 more" in text or "more" in text
    assert messages.OFF_SCRIPT_STEPS[2] in text  # the end of the page is on it


@pytest.mark.parametrize("paper", PAPERS)
def test_examples_fit_at_full_length(paper) -> None:
    for example in (PREPARED, UNPREPARED):
        chosen = pdf.fit(brief.build(load_plan(example)), paper)
        assert chosen["fits"] is True
        assert chosen["step"] == 0  # nothing cut


@pytest.mark.parametrize("paper", PAPERS)
def test_html_picks_a_step_the_page_model_says_fits(paper) -> None:
    for view in (overfull_view(), hostile_view(), brief.build(load_plan(PREPARED))):
        document = html.render(view, paper)
        step = int(re.search(r'data-step="(\d+)"', document).group(1))  # type: ignore[union-attr]
        size = float(re.search(r"font-size: ([\d.]+)pt", document).group(1))  # type: ignore[union-attr]
        chosen = next(o for o in page.candidates(view) if o.step == step and o.size == size)
        _, height = page.content_size(paper)
        assert page.estimate(chosen.view, size, paper, html.METRICS) <= height
    assert 'data-step="0"' in html.render(brief.build(load_plan(PREPARED)), paper)


def chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


def print_in_chromium(source: Path, printed: Path) -> None:
    """Print the HTML page `source` to the PDF `printed` as headless Chromium does."""
    subprocess.run(
        [
            chromium() or "",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={printed}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.mark.slow
@pytest.mark.skipif(chromium() is None, reason="no chromium to print the HTML with")
@pytest.mark.parametrize("paper", PAPERS)
def test_html_prints_on_one_page_in_chromium(tmp_path: Path, paper) -> None:
    cases = {"overfull": overfull_view(), "prepared": brief.build(load_plan(PREPARED))}
    for name, view in cases.items():
        source = tmp_path / f"{name}.html"
        source.write_text(html.render(view, paper), encoding="utf-8")
        printed = tmp_path / f"{name}.pdf"
        print_in_chromium(source, printed)
        pages, text = pdf_text(printed.read_bytes())
        assert pages == 1, name
        # the last things on the page were printed, so nothing ran off it
        assert messages.OFF_SCRIPT_STEPS[2] in text, name
        assert "callprep ·" in text, name


# --- escaping ---------------------------------------------------------------------------


def test_html_shows_hostile_text_literally() -> None:
    parts = html_parts(html.render(hostile_view()))
    assert "script" not in parts.tags
    assert "bold" not in parts.tags
    text = " ".join("".join(parts.text).split())
    assert text.count(one_line(HOSTILE)) >= 10


def test_markdown_shows_hostile_text_literally() -> None:
    parts = markdown_parts(markdown.render(hostile_view()))
    assert "script" not in parts.tags
    assert "code" not in parts.tags
    assert "a" not in parts.tags
    text = "".join(parts.text)
    assert text.count(one_line(HOSTILE)) >= 10


@pytest.mark.parametrize(
    "sneaky",
    ["- a list?", "1. numbered?", "> quoted?", "# heading?", "12) paren", "+ plus", "=== setext"],
)
def test_markdown_text_cannot_open_a_block(sneaky) -> None:
    def tags(text: str) -> list[str]:
        plan = Plan.model_validate(
            {
                "account": text,
                "agenda": {"items": [text]},
                "questions": [text],
                "notes": {"n": text},
            }
        )
        return markdown_parts(markdown.render(brief.build(plan))).tags

    # the same structure as for harmless text: no list, quote or heading came from the plan
    assert tags(sneaky) == tags("plain")
    assert sneaky in "".join(
        markdown_parts(markdown.render(brief.build(Plan(questions=[sneaky])))).text
    )


def test_pdf_shows_hostile_text_literally() -> None:
    data = pdf.render(hostile_view(), "a4")
    pages, text = pdf_text(data)
    assert pages == 1
    reader = PdfReader(io.BytesIO(data))
    assert (
        round(float(reader.pages[0].mediabox.width)) == 595
    )  # `#set page(width: 1cm)` did nothing
    for piece in (
        "<script>alert(1)</script>",
        "[bold]x[/bold]",
        "#set page(width:",
        "`tick`",
        "*star*",
        "$x$",
        "@ref",
        "_u_",
    ):
        assert piece in text


def test_terminal_shows_hostile_text_literally() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None, highlight=False)
    plan = hostile_plan().model_copy(update={"account": "Acme \x1b[31mred\x1b[0m [bold]x[/bold]"})
    term.render(brief.build(plan, hostile_commitments(), [HOSTILE]), console)
    out = buffer.getvalue()
    assert "[bold]x[/bold]" in out
    assert "#set page(width: 1cm)" in out
    assert "\x1b" not in out


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=60).filter(lambda s: one_line(s) != ""))
def test_any_text_shows_literally_in_html_and_markdown(text: str) -> None:
    plan = Plan.model_validate(
        {"account": "Acme", "objective": {"best": text}, "questions": [text]}
    )
    view = brief.build(plan)
    expected = one_line(text)
    html_text = "".join(html_parts(html.render(view)).text)
    assert expected in " ".join(html_text.split()) or expected in html_text
    md_text = "".join(markdown_parts(markdown.render(view)).text)
    assert expected in md_text


# --- scripts ----------------------------------------------------------------------------


def test_accents_greek_and_cyrillic_print() -> None:
    view = brief.build(international_plan())
    pages, text = pdf_text(pdf.render(view, "a4"))
    assert pages == 1
    for name in (
        "Société Générale d'Équipement",
        "Zoë Łukasiewicz",
        "Γιώργος Παπαδόπουλος",
        "Ольга Смирнова",
        "Πιλοτικό πρόγραμμα",
    ):
        assert name in text
    assert "Ольга Смирнова" in html.render(view)
    assert "Ольга Смирнова" in markdown.render(view)


# --- carried from earlier calls ------------------------------------------------------------


def carried_view() -> brief.BriefView:
    from callprep.plans.model import Commitment

    commitments = [
        carry.OpenCommitment(
            Commitment(who="ours", what="Send the security pack", due=dt.date(2026, 11, 20)),
            from_plan="2026-11-12-acme-logistics-discovery",
            overdue=True,
        ),
        carry.OpenCommitment(
            Commitment(who="customer", what="Send utilisation data", due=dt.date(2026, 12, 8)),
            from_plan="2026-11-12-acme-logistics-discovery",
            overdue=False,
        ),
    ]
    return brief.build(load_plan(PREPARED), commitments, ["Who signs off on security?"])


def line_with(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


def test_every_format_shows_earlier_commitments_and_unanswered_questions() -> None:
    view = carried_view()
    md = markdown.render(view)
    assert "OVERDUE" in line_with(md, "Send the security pack")
    assert "OVERDUE" not in line_with(md, "Send utilisation data")
    assert messages.BRIEF_EARLIER in line_with(md, "Who signs off on security?")

    buffer = io.StringIO()
    term.render(view, Console(file=buffer, width=120, color_system=None))
    out = buffer.getvalue()
    assert "OVERDUE" in line_with(out, "Send the security pack")
    assert "OVERDUE" not in line_with(out, "Send utilisation data")
    assert messages.BRIEF_EARLIER in line_with(out, "Who signs off on security?")

    document = html.render(view)
    row = line_with(document.replace("<tr>", "\n<tr>"), "Send the security pack")
    assert f'class="flag">{messages.BRIEF_OVERDUE}<' in row
    assert "flag" not in line_with(document.replace("<tr>", "\n<tr>"), "Send utilisation data")
    assert "Who signs off on security?" in document

    pages, text = pdf_text(pdf.render(view, "a4"))
    assert pages == 1
    assert "Send the security pack" in text and "OVERDUE" in text
    assert "Who signs off on security?" in text


def test_pdf_is_the_same_bytes_for_the_same_plan() -> None:
    view = brief.build(load_plan(PREPARED))
    assert pdf.render(view, "a4") == pdf.render(view, "a4")


# --- no plan breaks the page ---------------------------------------------------------------

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=400)


@pytest.mark.slow
@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    account=texts,
    best=texts,
    items=st.lists(texts, max_size=30),
    questions=st.lists(texts, max_size=30),
    paper=st.sampled_from(PAPERS),
)
def test_any_plan_prints_on_one_page_that_it_fits(account, best, items, questions, paper) -> None:
    plan = Plan.model_validate(
        {
            "account": account,
            "objective": {"best": best, "minimum": best, "customer": best},
            "agenda": {"items": items, "customer_prep": items},
            "questions": questions,
            "discovery": {"why_looking": best, "competition": best},
            "attendees": [{"name": item} for item in items if item.strip()],
        }
    )
    view = brief.build(plan, unanswered=questions)
    pages, _ = pdf_text(pdf.render(view, paper))
    assert pages == 1
    assert pdf.fit(view, paper)["fits"] is True


# --- "Last time": what the deal's last call left, still on one page -----------------------------


def overfull_with_last_time(playbook: str = "standard") -> brief.BriefView:
    plan = overfull_plan()
    plan = plan.model_copy(
        update={"playbook": playbook, "notes": {**plan.notes, "purpose": LONG * 3}}
    )
    earlier = overfull_earlier()
    return brief.build(
        plan,
        overfull_commitments(),
        overfull_unanswered(),
        earlier,
        last_time=deal.last_time(earlier),
    )


@pytest.mark.slow
@pytest.mark.parametrize("playbook", ["standard", "meddpicc", "upfront-contract"])
@pytest.mark.parametrize("paper", PAPERS)
def test_an_overfull_last_time_still_prints_on_one_page(paper, playbook) -> None:
    view = overfull_with_last_time(playbook)
    assert view.last_time is not None
    data = pdf.render(view, paper)
    pages, text = pdf_text(data)
    assert pages == 1
    assert pdf.fit(view, paper)["fits"] is True
    assert "LAST TIME" in text.upper()
    assert messages.OFF_SCRIPT_STEPS[2] in text  # the end of the page is on it
    # the HTML page picks a step the page model says fits
    document = html.render(view, paper)
    step = int(re.search(r'data-step="(\d+)"', document).group(1))  # type: ignore[union-attr]
    size = float(re.search(r"font-size: ([\d.]+)pt", document).group(1))  # type: ignore[union-attr]
    chosen = next(o for o in page.candidates(view) if o.step == step and o.size == size)
    _, height = page.content_size(paper)
    assert page.estimate(chosen.view, size, paper, html.METRICS) <= height * html.ROOM
    assert messages.LAST_TIME_LABELS["risks"] in document


def test_shortening_last_time_counts_what_it_leaves_out() -> None:
    view = overfull_with_last_time()
    short = page.shorten(view, page.Limits(chars=60, items=2))
    assert short.last_time is not None
    assert len(short.last_time.risks) == 2
    assert short.hidden["last_risks"] == 28
    rows = dict(page.last_time_rows(short))
    assert rows[messages.LAST_TIME_LABELS["risks"]].endswith(messages.BRIEF_MORE.format(count=28))
    compact = dict(page.last_time_rows(page.shorten(view, page.LADDER[-1])))
    assert messages.LAST_TIME_LABELS["summary"] not in compact  # joined to the outcome
    assert compact[messages.LAST_TIME_LABELS["outcome"]].startswith("minimum reached")


def last_time_view() -> brief.BriefView:
    earlier = Plan.model_validate(
        {
            "id": "2026-11-20-acme-logistics-discovery",
            "account": "Acme Logistics",
            "kind": "discovery",
            "starts_at": dt.datetime(2026, 11, 20, 15, tzinfo=dt.UTC),
            "attendees": [{"name": "Tom Ellis", "stance": "sceptic"}],
            "debrief": {
                "outcome": "none",
                "summary": "Tom Ellis sceptical",
                "next_step": "Site visit on 2 Dec",
                "risks": ["Union consultation needed before any automation"],
                "off_script": ["Cold-chain fleet in Leeds"],
                "new_opportunities": ["Cold-chain fleet in Leeds"],
                "stances": [{"name": "Tom Ellis", "was": "neutral", "now": "sceptic"}],
            },
        }
    )
    return brief.build(load_plan(PREPARED), earlier=[earlier], last_time=deal.last_time([earlier]))


def test_every_format_shows_last_time() -> None:
    view = last_time_view()
    expected = [
        "Last time: Discovery call, 20 Nov 2026",
        messages.LAST_TIME_OUTCOMES["none"],
        "Tom Ellis sceptical",
        "Site visit on 2 Dec",
        "Union consultation needed before any automation",
        "Cold-chain fleet in Leeds",
        "Tom Ellis: neutral → sceptic",
    ]
    md = markdown.render(view)
    document = " ".join("".join(html_parts(html.render(view)).text).split())
    buffer = io.StringIO()
    term.render(view, Console(file=buffer, width=120, color_system=None))
    _, text = pdf_text(pdf.render(view, "a4"))
    for shown in expected:
        assert shown in md, shown
        assert shown in document, shown
        assert shown in buffer.getvalue(), shown
        assert shown.upper() in text.upper(), shown
    # before the objectives: the context for this call
    assert md.index("## Last time") < md.index("## Objectives")


def test_a_first_call_has_no_last_time() -> None:
    view = brief.build(load_plan(PREPARED))
    assert view.last_time is None
    assert "Last time" not in markdown.render(view)


def test_last_time_shows_what_the_seller_typed_literally() -> None:
    earlier = Plan.model_validate(
        {
            "account": "Acme",
            "kind": "demo",
            "debrief": {
                "outcome": "best",
                "summary": HOSTILE,
                "next_step": HOSTILE,
                "risks": [HOSTILE],
                "new_opportunities": [HOSTILE],
                "stances": [{"name": HOSTILE, "was": "", "now": "sceptic"}],
            },
        }
    )
    view = brief.build(Plan(account="Acme"), earlier=[earlier], last_time=deal.last_time([earlier]))
    assert foreign_html(html.render(view)) == []
    assert live_markdown(markdown.render(view)) == []
    assert "".join(markdown_parts(markdown.render(view)).text).count(one_line(HOSTILE)) >= 4
