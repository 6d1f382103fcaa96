"""`brief --share` in every format: the terminal, Markdown, and one printed page (HTML, PDF).

A pure view of an `outreach.shared.SharedPage`, in the order the call goes: when and who, why
we meet, the agenda beside what they bring, the outcome proposed, what was agreed so far and
the next step, and (on paper) room for notes. Every text in it came through the customer view;
each format escapes it as it must (a rich Text, `md_inline`, `html_text`, typst data).

On paper the page is one page for any plan: it shrinks its text, then shortens the longest
texts and lists (the brief's ladder, `render.page`), until it fits with room to write.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from callprep import messages
from callprep.errors import CallprepError
from callprep.outreach.shared import Agreed, SharedPage
from callprep.render import page as paper
from callprep.render import pdf
from callprep.text import clean, html_text, md_inline, one_line

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

H = messages.SHARE_HEADINGS


def _due(item: Agreed) -> str:
    if item.done:
        return messages.SHARE_DONE
    return messages.SHARE_BY.format(day=item.due) if item.due else ""


# --- the terminal --------------------------------------------------------------------------------


def renderables(shared: SharedPage) -> list[RenderableType]:
    from rich.padding import Padding  # deferred: rich: only the terminal
    from rich.table import Table  # deferred: rich: only the terminal
    from rich.text import Text  # deferred: rich: only the terminal

    def t(text: str, style: str = "") -> Text:
        return Text(clean(text), style=style)

    def heading(title: str) -> Text:
        return Text(f"\n{title}", style="bold cyan")

    def listed(rows: list[tuple[str, str]]) -> Padding:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column()
        for marker, body in rows:
            grid.add_row(marker, t(body))
        return Padding(grid, (0, 0, 0, 2))

    people = Table.grid(padding=(0, 2))
    people.add_column(style="dim", no_wrap=True)
    people.add_column()
    people.add_row(H["theirs"], t(", ".join(shared.theirs) or messages.SHARE_NOBODY))
    people.add_row(H["ours"], t(", ".join(shared.ours) or messages.SHARE_NOBODY))
    parts: list[RenderableType] = [
        t(shared.title, "bold"),
        t(f"{shared.kind} · {shared.when}", "magenta"),
        people,
        heading(H["why"]),
        Padding(t(shared.purpose), (0, 0, 0, 2)),
        Padding(t(shared.goal), (0, 0, 0, 2)),
        heading(H["agenda"]),
    ]
    agenda = [(f"{n}.", item) for n, item in enumerate(shared.agenda, 1)]
    parts.append(listed(agenda) if agenda else Padding(t(messages.SHARE_NO_AGENDA, "dim"), (0, 2)))
    parts.append(heading(H["bring"]))
    bring = [("☐", item) for item in shared.bring]
    parts.append(
        listed(bring) if bring else Padding(t(messages.SHARE_NOTHING_TO_BRING, "dim"), (0, 2))
    )
    parts += [heading(H["outcome"]), Padding(t(shared.outcome), (0, 0, 0, 2))]
    if shared.agreed or shared.next_step:
        parts.append(heading(H["agreed"]))
        rows = [
            ("✓" if a.done else "☐", f"{a.who}: {a.what}" + (f" ({_due(a)})" if _due(a) else ""))
            for a in shared.agreed
        ]
        if rows:
            parts.append(listed(rows))
        if shared.next_step:
            parts.append(
                Padding(
                    Text.assemble((f"{H['next_step']}: ", "bold"), clean(shared.next_step)),
                    (0, 0, 0, 2),
                )
            )
    return parts


def render_term(shared: SharedPage, console: Console) -> None:
    for part in renderables(shared):
        console.print(part)


# --- Markdown ------------------------------------------------------------------------------------


def render_markdown(shared: SharedPage) -> str:
    m = md_inline
    out = [f"# {m(shared.title)}", "", f"**{m(shared.kind)}**, {m(shared.when)}  "]
    out.append(f"**{H['theirs']}:** {m(', '.join(shared.theirs) or messages.SHARE_NOBODY)}  ")
    out.append(f"**{H['ours']}:** {m(', '.join(shared.ours) or messages.SHARE_NOBODY)}")
    out += ["", f"## {H['why']}", "", m(shared.purpose), "", m(shared.goal)]
    out += ["", f"## {H['agenda']}", ""]
    out += [f"{n}. {m(item)}" for n, item in enumerate(shared.agenda, 1)] or [
        f"_{messages.SHARE_NO_AGENDA}_"
    ]
    out += ["", f"## {H['bring']}", ""]
    out += [f"- [ ] {m(item)}" for item in shared.bring] or [f"_{messages.SHARE_NOTHING_TO_BRING}_"]
    out += ["", f"## {H['outcome']}", "", m(shared.outcome)]
    if shared.agreed or shared.next_step:
        out += ["", f"## {H['agreed']}", ""]
        for item in shared.agreed:
            box = "[x]" if item.done else "[ ]"
            due = f" ({m(_due(item))})" if _due(item) else ""
            out.append(f"- {box} **{m(item.who)}:** {m(item.what)}{due}")
        if shared.next_step:
            out += ["", f"**{H['next_step']}:** {m(shared.next_step)}"]
    return "\n".join(out) + "\n"


# --- one printed page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fitted:
    """The page as one step of the ladder shows it, and the items each list left out."""

    shared: SharedPage
    hidden: dict[str, int] = field(default_factory=dict)

    def more(self, key: str) -> str:
        count = self.hidden.get(key, 0)
        return messages.BRIEF_MORE.format(count=count) if count else ""


def shorten(shared: SharedPage, limits: paper.Limits | None) -> Fitted:
    """The page with one-line texts, at most `limits` of each."""
    chars = limits.chars if limits else None
    items = limits.items if limits else None
    hidden: dict[str, int] = {}

    def text(value: str, cap: int | None = chars) -> str:
        return paper.cut(value, cap)

    def some(key: str, values: tuple[str, ...]) -> tuple[str, ...]:
        kept = values if items is None else values[:items]
        if len(kept) < len(values):
            hidden[key] = len(values) - len(kept)
        return tuple(text(value) for value in kept)

    long = 2 * chars if chars else None  # the sentences around the agenda keep the most words
    agreed = shared.agreed if items is None else shared.agreed[:items]
    if len(agreed) < len(shared.agreed):
        hidden["agreed"] = len(shared.agreed) - len(agreed)
    short = replace(
        shared,
        title=text(shared.title, min(chars, paper.TITLE_CHARS) if chars else None),
        when=one_line(shared.when),
        theirs=some("theirs", shared.theirs),
        ours=some("ours", shared.ours),
        purpose=text(shared.purpose, long),
        goal=text(shared.goal, long),
        agenda=some("agenda", shared.agenda),
        bring=some("bring", shared.bring),
        outcome=text(shared.outcome, long),
        agreed=tuple(
            replace(a, who=text(a.who, min(chars, 40) if chars else 40), what=text(a.what))
            for a in agreed
        ),
        next_step=text(shared.next_step, long),
    )
    return Fitted(short, hidden)


def candidates(shared: SharedPage) -> list[paper.Candidate[Fitted]]:
    """Largest first: the whole page at each size, then shorter pages at the smallest size."""
    return paper.sized([shorten(shared, limits) for limits in paper.LADDER])


JOT_MM = 35.0  # the least room to write the page keeps


def estimate(fitted: Fitted, size: float, on: str, metrics: paper.Metrics) -> float:
    """The page's height in pt at text size `size` (the room to write not counted)."""
    shared = fitted.shared
    width, _ = paper.content_size(on)
    gutter = paper.GUTTER_MM * paper.PT_PER_MM
    block = partial(paper.paragraphs, size, metrics)

    def section(texts: list[str], col: float, indent: float = 1.6) -> float:
        return 1.9 * size + block(texts, col - indent * size) + paper.GAP_EM * size

    def listed(values: tuple[str, ...], key: str) -> list[str]:
        more = fitted.more(key)
        return [*values, more] if more else list(values)

    people = width - 5 * size
    height = (
        block([f"{shared.kind} · {shared.when}"], width, 0.8)
        + block([shared.title], width, 2.05)
        + 0.8 * size
        + block([", ".join(listed(shared.theirs, "theirs"))], people)
        + block([", ".join(listed(shared.ours, "ours"))], people)
        + paper.GAP_EM * 1.1 * size
    )
    height += section([shared.purpose, shared.goal], width)
    wide, narrow = (width - gutter) * 1.6 / 2.6, (width - gutter) / 2.6
    height += max(
        section(listed(shared.agenda, "agenda"), wide),
        section(listed(shared.bring, "bring"), narrow),
    )
    height += section([shared.outcome], width)
    if shared.agreed or shared.next_step:
        rows = [f"{a.who}: {a.what} {_due(a)}" for a in shared.agreed]
        more = fitted.more("agreed")
        rows += [more] if more else []
        rows += [f"{H['next_step']}: {shared.next_step}"] if shared.next_step else []
        height += section(rows, width, indent=2.4)
    return height + JOT_MM * paper.PT_PER_MM


# HTML ---------------------------------------------------------------------------------------------

SHARE_STYLE = """
.shared .top { grid-template-columns: 1fr; }
.shared .why p + p { margin-top: .45em; }
.shared .goal { font-weight: 600; }
.shared .agreed td, .shared .agreed th { vertical-align: top; padding: 0 .6em .45em 0; text-align: left; }
.shared .agreed table { width: 100%; border-collapse: collapse; }
.shared .agreed td.due { white-space: nowrap; color: #5d6877; font-size: .88em; text-align: right; padding-right: 0; }
.shared .agreed td.mark { width: 1.2em; color: #2e7d4f; }
.shared .next { margin-top: .3em; }
.shared .people { grid-template-columns: 5.4em 1fr; }
"""


def _html_list(items: tuple[str, ...], tag: str, css: str, more: str, empty: str) -> str:
    e = html_text
    if not items:
        return f'<p class="faded">{e(empty)}</p>'
    rows = "".join(f"<li>{e(item)}</li>" for item in items)
    extra = f'<li class="more">{e(more)}</li>' if more else ""
    return f"<{tag}{css}>{rows}{extra}</{tag}>"


def render_html(shared: SharedPage, on: str = "a4") -> str:
    from callprep.render.html import METRICS, ROOM, document, page_css  # the brief's page

    e = html_text
    options = candidates(shared)
    chosen = options[paper.first_fit(options, on, METRICS, ROOM, estimate)]
    fitted = chosen.view
    page = fitted.shared

    def people(title: str, names: tuple[str, ...], key: str) -> str:
        shown = [*names, *([fitted.more(key)] if fitted.more(key) else [])]
        listed = e(",   ".join(shown)) if shown else f"<i>{e(messages.SHARE_NOBODY)}</i>"
        return f'<p class="people"><span class="caps">{e(title)}</span>{listed}</p>'

    parts = [
        f"""<header class="top shared-top">
<div class="call">
<p class="kicker">{e(page.kind)}  ·  {e(page.when)}</p>
<h1>{e(page.title)}</h1>
{people(H["theirs"], page.theirs, "theirs")}
{people(H["ours"], page.ours, "ours")}
</div>
</header>""",
        f'<section class="why"><h2>{e(H["why"])}</h2><p>{e(page.purpose)}</p>'
        f'<p class="goal">{e(page.goal)}</p></section>',
        f"""<div class="row agenda-row">
<section><h2>{e(H["agenda"])}</h2>{_html_list(page.agenda, "ol", "", fitted.more("agenda"), messages.SHARE_NO_AGENDA)}</section>
<section><h2>{e(H["bring"])}</h2>{_html_list(page.bring, "ul", ' class="checks"', fitted.more("bring"), messages.SHARE_NOTHING_TO_BRING)}</section>
</div>""",
        f'<section class="outcome"><h2>{e(H["outcome"])}</h2><p>{e(page.outcome)}</p></section>',
    ]
    if page.agreed or page.next_step:
        rows = "".join(
            f'<tr><td class="mark">{"✓" if a.done else "☐"}</td><th>{e(a.who)}</th>'
            f'<td>{e(a.what)}</td><td class="due">{e(_due(a))}</td></tr>'
            for a in page.agreed
        )
        more = f'<p class="more">{e(fitted.more("agreed"))}</p>' if fitted.more("agreed") else ""
        table = f"<table>{rows}</table>{more}" if rows else ""
        step = (
            f'<p class="next"><b>{e(H["next_step"])}:</b> {e(page.next_step)}</p>'
            if page.next_step
            else ""
        )
        parts.append(f'<section class="agreed"><h2>{e(H["agreed"])}</h2>{table}{step}</section>')
    lines = "<i></i>" * 40  # more ruled lines than any page holds: the box shows what fits
    parts.append(
        f'<section class="jot"><div><h2>{e(H["notes"])}</h2>{lines}</div>'
        f"<div><h2>{e(H['today'])}</h2>{lines}</div></section>"
    )
    main = (
        f'<main class="page shared" data-step="{chosen.step}" style="font-size: {chosen.size}pt">'
    )
    return document(page.title, page_css(on) + SHARE_STYLE, "\n".join(parts), main)


# PDF ----------------------------------------------------------------------------------------------


def _level(fitted: Fitted) -> dict[str, Any]:
    page = fitted.shared
    return {
        "title": page.title,
        "kicker": f"{page.kind}  ·  {page.when}",
        "theirs": [*page.theirs, *([fitted.more("theirs")] if fitted.more("theirs") else [])],
        "ours": [*page.ours, *([fitted.more("ours")] if fitted.more("ours") else [])],
        "purpose": page.purpose,
        "goal": page.goal,
        "agenda": list(page.agenda),
        "bring": list(page.bring),
        "outcome": page.outcome,
        "agreed": [
            {"done": a.done, "who": a.who, "what": a.what, "due": _due(a)} for a in page.agreed
        ],
        "next_step": page.next_step,
        "more": {key: fitted.more(key) for key in ("agenda", "bring", "agreed")},
    }


def document_data(shared: SharedPage, on: str) -> dict[str, Any]:
    """As render.pdf's for the brief: the same paper, font measure and skipping of pages that
    surely do not fit."""
    return {
        "title": shared.title,
        "paper": pdf.TYPST_PAPER[on],
        "margin_x": paper.MARGIN_X_MM,
        "margin_y": paper.MARGIN_Y_MM,
        "jot_mm": JOT_MM,
        "words": {
            **H,
            "nobody": messages.SHARE_NOBODY,
            "no_agenda": messages.SHARE_NO_AGENDA,
            "nothing_to_bring": messages.SHARE_NOTHING_TO_BRING,
        },
        **pdf.ladder_data(candidates(shared), on, _level, estimate),
    }


def _typst(call: Callable[..., Any], shared: SharedPage, on: str, **more: Any) -> Any:
    import typst  # deferred: typst: only a PDF pays for it

    inputs = {"data": json.dumps(document_data(shared, on), ensure_ascii=False)}
    try:
        return call(typst, pdf.template("shared.typ"), sys_inputs=inputs, **more)
    except typst.TypstError as error:
        raise CallprepError(messages.PDF_FAILED.format(error=error.message)) from error


def render_pdf(shared: SharedPage, on: str = "a4") -> bytes:
    data: bytes = _typst(lambda t, *a, **k: t.compile(*a, format="pdf", **k), shared, on)
    return data


def fit(shared: SharedPage, on: str = "a4") -> dict[str, Any]:
    """Which step of the ladder and which text size the page chose (for tests and tuning)."""
    found = _typst(
        lambda t, *a, **k: t.query(*a, "<fit>", field="value", one=True, **k), shared, on
    )
    result: dict[str, Any] = json.loads(found)
    return result
