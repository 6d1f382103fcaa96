"""The brief as one self-contained HTML file that prints on exactly one A4 or Letter page."""

from __future__ import annotations

from collections.abc import Iterable

from callprep import messages
from callprep.render import page
from callprep.render.brief import BriefView
from callprep.text import html_text as e

# A sans-serif as browsers set the stack below (Helvetica/Arial/Liberation Sans), measured
# with headroom: the page is sized from this model and must never run over.
METRICS = page.Metrics(char=0.56, line=1.3)
ROOM = 0.96  # of the page height the model may fill
CSS_PAPER = {"a4": "A4", "letter": "letter"}
HEADINGS = messages.BRIEF_HEADINGS


def _caps(text: str) -> str:
    return f'<span class="caps">{e(text)}</span>'


def _more(view: BriefView, key: str, tag: str = "p") -> str:
    more = page.more(view, key)
    return f'<{tag} class="more">{e(more)}</{tag}>' if more else ""


def _missing(text: str, tone: str = "poor") -> str:
    return f'<p class="missing {tone}">{e(text)}</p>'


def _people(view: BriefView, title: str, people: list[str], key: str, empty: str) -> str:
    shown = page.with_more(view, people, key)
    names = e(",   ".join(shown)) if shown else empty
    return f'<p class="people">{_caps(title)}{names}</p>'


def _header(view: BriefView) -> str:
    tone = "good" if view.readiness >= 80 else "fair" if view.readiness >= 50 else "poor"
    if view.open_labels:
        labels = page.with_more(view, view.open_labels, "open")
        still = f"<b>{e(HEADINGS['open'])}:</b> {e('  ·  '.join(labels))}"
    else:
        still = f'<span class="good">{e(messages.BRIEF_NOTHING_OPEN)}</span>'
    opportunity = f'<p class="opportunity">{e(view.opportunity)}</p>' if view.opportunity else ""
    nobody = f'<i class="fair">{e(messages.BRIEF_NOBODY)}</i>'
    corner = f"""<aside class="corner">
<p class="caps">{e(HEADINGS["readiness"])}</p>
<p class="score {tone}">{view.readiness}<small> / 100</small></p>
<p class="open">{still}</p>
</aside>"""
    return f"""<header class="top">
<div class="call">
<p class="kicker">{e(view.kind)}  ·  {e(view.when)}</p>
<h1>{e(view.account)}</h1>
{opportunity}
{_people(view, HEADINGS["them"], view.customer_people, "them", nobody)}
{_people(view, HEADINGS["us"], view.our_people, "us", "—")}
</div>
{corner}
</header>"""


def _objectives(view: BriefView) -> str:
    boxes = []
    for kind, text, field, empty, tone in (
        ("best", view.best, "objective.best", messages.BRIEF_NOT_SET, "poor"),
        ("minimum", view.minimum, "objective.minimum", messages.BRIEF_NOT_SET, "fair"),
        ("customer", view.customer_goal, "", messages.BRIEF_ASK_THEM, "fair"),
    ):
        flag = ""
        if field and page.vague(view, field):
            flag = f' <span class="flag">{e(messages.BRIEF_VAGUE)}</span>'
        body = f"<p>{e(text)}</p>" if text else _missing(empty, tone)
        boxes.append(
            f'<div class="objective {kind}"><h2>{e(HEADINGS[kind])}{flag}</h2>{body}</div>'
        )
    return f'<section class="objectives">{"".join(boxes)}</section>'


def _facts(css: str, heading: str, rows: Iterable[tuple[str, str]], more: str = "") -> str:
    """A headed section of label and value pairs (last time, the opener, notes)."""
    facts = "".join(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in rows)
    return (
        f'<section class="{css}"><h2>{e(heading)}</h2>'
        f'<dl class="facts">{facts}</dl>{more}</section>'
    )


def _last_time(view: BriefView) -> str:
    if view.last_time is None:
        return ""
    return _facts("last-time", view.last_time.heading, page.last_time_rows(view))


def _opener(view: BriefView) -> str:
    return _facts("opener", HEADINGS["opener"], view.opener) if view.opener else ""


def _chip(flag: bool, words: tuple[str, str]) -> str:
    yes, no = words
    return f'<span class="chip {"good" if flag else "fair"}">{e(yes if flag else no)}</span>'


def _checks(items: list[str]) -> str:
    return "".join(f"<li>{item}</li>" for item in items)


def _agenda(view: BriefView) -> str:
    chips = _chip(view.agenda_shared, messages.BRIEF_SHARED) + _chip(
        view.agenda_confirmed, messages.BRIEF_CONFIRMED
    )
    if view.agenda:
        items = "".join(f"<li>{e(item)}</li>" for item in view.agenda)
        agenda = f"<ol>{items}</ol>{_more(view, 'agenda')}"
    else:
        agenda = _missing(messages.BRIEF_NO_AGENDA)
    if view.customer_prep:
        prep = f'<ul class="checks">{_checks([e(p) for p in view.customer_prep])}</ul>'
        prep += _more(view, "prep")
    else:
        prep = _missing(page.no_prep(), "fair")
    return f"""<div class="row agenda-row">
<section><h2>{e(HEADINGS["agenda"])} {chips}</h2>{agenda}</section>
<section><h2>{e(HEADINGS["prep"])}</h2>{prep}</section>
</div>"""


def _learning(view: BriefView) -> str:
    rows = page.discovery_rows(view)
    if rows:
        facts = "".join(
            f"<dt>{e(row.label)}</dt>"
            + (
                f"<dd>{e(row.value)}</dd>"
                if row.known
                else f'<dd class="ask">{e(row.value)} ↓</dd>'
            )
            for row in rows
        )
        known = f'<dl class="facts">{facts}</dl>'
    else:
        known = f'<p class="faded">{e(messages.BRIEF_NOTHING_KNOWN)}</p>'
    questions = []
    for row in page.question_rows(view):
        if row.more:
            questions.append(f'<li class="more">{e(row.text)}</li>')
        else:
            tag = f' <em class="tag {row.tone}">—&nbsp;{e(row.tag)}</em>' if row.tag else ""
            questions.append(f"<li>{e(row.text)}{tag}</li>")
    asked = (
        f'<ul class="checks">{"".join(questions)}</ul>'
        if questions
        else f'<p class="faded">{e(messages.BRIEF_NO_QUESTIONS)}</p>'
    )
    return f"""<section><h2>{e(HEADINGS["known"])}</h2>{known}</section>
<section><h2>{e(HEADINGS["learn"])}</h2>{asked}</section>"""


def _commitments(view: BriefView) -> str:
    if not view.open_commitments:
        return ""
    rows = []
    for item in view.open_commitments:
        c = item.commitment
        due = f"{c.due:%-d %b %Y}" if c.due else ""
        overdue = f' <span class="flag">{e(messages.BRIEF_OVERDUE)}</span>' if item.overdue else ""
        who = messages.BRIEF_WHO.get(c.who, c.who)
        rows.append(
            f'<tr><td class="box"></td><th>{e(who)}</th><td>{e(c.what)}</td>'
            f'<td class="due">{e(due)}{overdue}</td></tr>'
        )
    return (
        f'<section class="commitments"><h2>{e(HEADINGS["commitments"])}</h2>'
        f"<table>{''.join(rows)}</table>{_more(view, 'commitments')}</section>"
    )


def _notes(view: BriefView) -> str:
    if not view.notes:
        return ""
    return _facts("notes", HEADINGS["notes"], view.notes, _more(view, "notes"))


def _off_script() -> str:
    steps = "".join(
        f"<span><b>{n}</b> {e(step)}</span>" for n, step in enumerate(messages.OFF_SCRIPT_STEPS, 1)
    )
    return f'<section class="off-script"><h2>{e(HEADINGS["off_script"])}</h2>{steps}</section>'


def _jot() -> str:
    # More ruled lines than any page holds: the box shows as many as there is room for.
    lines = "<i></i>" * 40
    return (
        f'<section class="jot"><div><h2>{e(HEADINGS["jot"])}</h2>{lines}</div>'
        f"<div><h2>{e(HEADINGS['jot_commitments'])}</h2>{lines}</div></section>"
    )


def _footer(view: BriefView) -> str:
    note = ""
    if view.shortened:
        note = f'<span class="fair">{e(messages.BRIEF_SHORTENED.format(id=view.plan.id or "PLAN"))}</span>'
    ident = f"callprep · {view.plan.id}" if view.plan.id else "callprep"
    return f"<footer><span>{e(ident)}</span>{note}</footer>"


def render(view: BriefView, paper: str = "a4") -> str:
    options = page.candidates(view)
    chosen = options[page.first_fit(options, paper, METRICS, room=ROOM)]
    short = chosen.view
    body = "\n".join(
        part
        for part in [
            _header(short),
            _last_time(short),
            _objectives(short),
            _opener(short),
            _agenda(short),
            _learning(short),
            _commitments(short),
            _notes(short),
            _off_script(),
            _jot(),
            _footer(short),
        ]
        if part
    )
    main = f'<main class="page" data-step="{chosen.step}" style="font-size: {chosen.size}pt">'
    return document(view.title, page_css(paper), body, main)


def page_css(paper: str) -> str:
    """The printed page's style (the brief's, and the page to share): one page of `paper`."""
    width, height = page.content_size(paper)
    return (
        STYLE.replace("@PAPER@", CSS_PAPER[paper])
        .replace("@MX@", f"{page.MARGIN_X_MM}mm")
        .replace("@MY@", f"{page.MARGIN_Y_MM}mm")
        .replace("@W@", f"{width:.2f}pt")
        # a point short of the page: rounding in the browser must not start a second one
        .replace("@H@", f"{height - 1:.2f}pt")
        .replace("@CORNER@", f"{page.CORNER_MM}mm")
        .replace("@GUTTER@", f"{page.GUTTER_MM}mm")
        .replace("@GAP@", f"{page.GAP_EM}em")
    )


def document(title: str, css: str, body: str, main: str = "<main>") -> str:
    """A self-contained HTML page (the brief, the deal): `body` inside `main`, styled by `css`."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="callprep">
<title>{e(title)}</title>
<style>{css}</style>
</head>
<body>
{main}
{body}
</main>
</body>
</html>
"""


STYLE = """
@page { size: @PAPER@; margin: @MY@ @MX@; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body {
  color: #1c2430; background: #e8ebef;
  font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
.page {
  width: @W@; height: @H@; overflow: hidden; display: flex; flex-direction: column;
  line-height: 1.25; overflow-wrap: anywhere; box-sizing: content-box;
  margin: 24px auto; padding: @MY@ @MX@; background: #fff;
  box-shadow: 0 2px 12px rgba(0, 0, 0, .18);
}
@media print {
  body { background: none; }
  .page { margin: 0; padding: 0; box-shadow: none; break-inside: avoid; }
}
p, h1, h2, ol, ul, dl, dd, table { margin: 0; padding: 0; }
.page > * + * { margin-top: @GAP@; }
.caps, h2 {
  font-size: .74em; font-weight: 700; letter-spacing: .07em; text-transform: uppercase;
  color: #5d6877;
}
h2 { color: #1f4e8c; border-bottom: .6pt solid #d3d9e1; padding-bottom: .22em; margin-bottom: .5em; }
.good { color: #2e7d4f; } .fair { color: #b86e00; } .poor { color: #c0392b; }
.faded { color: #5d6877; font-style: italic; }
.missing { font-style: italic; }
.more { color: #5d6877; font-style: italic; font-size: .86em; list-style: none; }

.top { display: grid; grid-template-columns: 1fr @CORNER@; column-gap: @GUTTER@; }
.kicker { font-size: .8em; font-weight: 700; letter-spacing: .07em; text-transform: uppercase; color: #1f4e8c; }
h1 { font-size: 2.05em; line-height: 1.15; margin: .2em 0 .15em; }
.opportunity { font-size: 1.2em; color: #1f4e8c; margin-bottom: .5em; }
.people { margin-top: .3em; display: grid; grid-template-columns: 3.6em 1fr; align-items: baseline; }
.corner { background: #f6f7f9; border: .5pt solid #d3d9e1; border-radius: 3pt; padding: .7em; align-self: start; }
.score { font-size: 2.1em; font-weight: 700; line-height: 1.1; }
.score small { font-size: .45em; font-weight: 400; color: #5d6877; }
.open { font-size: .8em; color: #5d6877; margin-top: .2em; }

.objectives { display: grid; grid-template-columns: 1fr 1fr 1fr; column-gap: .5em; }
.objective { padding: .6em .7em .75em; border-top: 2pt solid; }
.objective h2 { border: 0; padding: 0; margin-bottom: .2em; }
.objective p { font-size: 1.08em; font-weight: 600; }
.objective .missing { font-weight: 400; font-size: 1em; }
.best { background: #eef6f0; border-color: #2e7d4f; } .best h2 { color: #2e7d4f; }
.minimum { background: #fdf4e6; border-color: #b86e00; } .minimum h2 { color: #b86e00; }
.customer { background: #edf2f9; border-color: #1f4e8c; }
.flag {
  display: inline-block; background: #c0392b; color: #fff; border-radius: 2pt;
  padding: 0 .3em; font-size: .9em; letter-spacing: .07em; text-transform: uppercase;
}

.row { display: grid; column-gap: @GUTTER@; }
.agenda-row { grid-template-columns: 1.6fr 1fr; }
.chip {
  display: inline-block; margin-left: .4em; padding: 0 .45em; border-radius: .7em;
  text-transform: none; letter-spacing: 0; font-weight: 400; font-size: 1.05em;
}
.chip::before { content: "● "; }
.chip.good { background: #eef6f0; } .chip.fair { background: #fdf4e6; }
ol { padding-left: 1.6em; }
ol li::marker { color: #1f4e8c; font-weight: 700; }
li + li { margin-top: .5em; }
ul.checks { list-style: none; padding-left: 1.2em; }
ul.checks li::before {
  content: ""; display: inline-block; width: .68em; height: .68em; margin-left: -1.2em; margin-right: .52em;
  border: .55pt solid #5d6877; border-radius: 1pt; vertical-align: -.05em;
}
ul.checks li.more::before { display: none; }
.tag { font-size: .8em; color: #5d6877; }
.tag.fair { color: #b86e00; }
dl.facts { display: grid; grid-template-columns: auto 1fr; column-gap: 1em; row-gap: .3em; }
dl.facts dt { font-size: .86em; color: #5d6877; padding-top: .1em; }
dl.facts dd.ask { color: #b86e00; font-style: italic; font-size: .9em; }

.commitments table { width: 100%; border-collapse: collapse; }
.commitments td, .commitments th { vertical-align: top; padding: 0 .6em .5em 0; text-align: left; }
.commitments td.box::before {
  content: ""; display: inline-block; width: .68em; height: .68em;
  border: .55pt solid #5d6877; border-radius: 1pt;
}
.commitments td.due { white-space: nowrap; color: #5d6877; font-size: .88em; text-align: right; padding-right: 0; }
.commitments .flag { font-size: .8em; margin-left: .4em; }

.off-script { background: #edf2f9; border-radius: 3pt; padding: .6em .8em; }
.off-script h2 { display: inline; border: 0; padding: 0; margin: 0 1em 0 0; }
.off-script span { display: inline-block; margin-right: 1.2em; }
.off-script b { color: #1f4e8c; }

.jot { flex: 1 1 0; min-height: 0; display: grid; grid-template-columns: 1.25fr 1fr; column-gap: @GUTTER@; overflow: hidden; }
.jot div { overflow: hidden; min-height: 0; }
.jot i { display: block; height: 19pt; border-bottom: .4pt solid #d3d9e1; }
.jot h2 { color: #5d6877; border: 0; margin: 0; }
footer { display: flex; justify-content: space-between; gap: 1em; font-size: .72em; color: #5d6877; margin-top: .6em; }
"""
