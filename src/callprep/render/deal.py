"""`callprep deal`: the deal's story and the mutual action plan in the terminal, Markdown and HTML.

Pure views of a `deal.Story` or an `outreach.customer.ActionPlan`; every text a seller typed is escaped for its
format (a rich Text, `md_inline`, `html_text`).
"""

from __future__ import annotations

import datetime as dt

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from callprep import messages
from callprep.dates import call_time_text
from callprep.deal.deal import Story
from callprep.outreach.customer import ActionPlan
from callprep.plans.model import Plan
from callprep.render.debrief import conversation_line
from callprep.render.html import document
from callprep.text import clean, html_text, md_inline, one_line

HEADINGS = messages.DEAL_HEADINGS


def day(value: dt.date | dt.datetime | None, empty: str = messages.DEAL_NO_DATE) -> str:
    return f"{value:%-d %b %Y}" if value is not None else empty


def outcome(plan: Plan, today: dt.date) -> str:
    done = plan.debrief.outcome if plan.debrief else ""
    if done:
        return messages.DEAL_OUTCOMES[done]
    if plan.cancelled:
        return messages.DEAL_CANCELLED
    if plan.starts_at is not None and plan.starts_at.date() >= today:
        return messages.DEAL_AHEAD
    return messages.DEAL_OUTCOMES[""]


def subtitle(story: Story) -> str:
    held = sum(1 for plan in story.calls if plan.debriefed)
    calls = f"{len(story.calls)} call{'s' if len(story.calls) != 1 else ''}, {held} debriefed"
    return messages.DEAL_SUBTITLE.format(calls=calls)


def missing(story: Story) -> list[str]:
    """The buying influences nobody holds, economic first (it is the one a deal dies without)."""
    lines: list[str] = []
    if "economic" in story.missing_influences:
        lines.append(messages.DEAL_MISSING_ECONOMIC)
    others = [i for i in story.missing_influences if i != "economic"]
    if others:
        lines.append(messages.DEAL_MISSING_OTHERS.format(influences=", ".join(others)))
    return lines


def call_rows(story: Story, our_zone: str = "") -> list[tuple[str, str, str, str]]:
    """Each call's time (by the one rule, `dates.call_time_text`), kind, objective, outcome."""
    return [
        (
            call_time_text(plan.starts_at, plan.timezone, our_zone, form="short")
            if plan.starts_at is not None
            else day(plan.debrief.held_at if plan.debrief else None),
            plan.kind or "—",
            one_line(plan.objective.best) or messages.BRIEF_NOT_SET,
            outcome(plan, story.today),
        )
        for plan in story.calls
    ]


def conversation_rows(story: Story) -> list[tuple[str, str]]:
    """(day, figures) for each call debriefed from its transcript."""
    rows = []
    for plan in story.calls:
        figures = conversation_line(plan)
        if figures:
            rows.append(
                (day(plan.starts_at or (plan.debrief.held_at if plan.debrief else None)), figures)
            )
    return rows


def people_rows(story: Story) -> list[tuple[str, str, str, str, str, str]]:
    return [
        (
            one_line(p.attendee.name),
            one_line(p.attendee.role),
            messages.PERSON_SIDES.get(p.attendee.side, p.attendee.side),
            # ours have no influence or stance on the buying decision
            (p.attendee.influence or "?") if p.attendee.side == "customer" else "",
            (p.attendee.stance or "?") if p.attendee.side == "customer" else "",
            day(p.last_seen, "—"),
        )
        for p in story.people
    ]


def commitment_rows(story: Story) -> list[tuple[str, str, str, bool]]:
    return [
        (
            messages.BRIEF_WHO.get(item.commitment.who, item.commitment.who),
            one_line(item.commitment.what),
            day(item.commitment.due, ""),
            item.overdue,
        )
        for item in story.open_commitments
    ]


# --- the terminal ---------------------------------------------------------------------------------


def _heading(title: str) -> Text:
    return Text(f"\n{title}", style="bold cyan")


def _table(columns: tuple[str, ...], wrap: tuple[str, ...] = ()) -> Table:
    table = Table(box=None, header_style="dim", pad_edge=False, padding=(0, 2, 0, 0))
    for name in columns:
        table.add_column(name, no_wrap=name not in wrap, overflow="fold")
    return table


def renderables(story: Story, our_zone: str = "") -> list[RenderableType]:
    parts: list[RenderableType] = [
        Panel(
            Text(subtitle(story), style="dim"),
            title=Text(f" {clean(story.name) or messages.DEAL_NO_CALLS} ", style="bold"),
            title_align="left",
            border_style="cyan",
        )
    ]
    parts.append(_heading(HEADINGS["calls"]))
    if story.calls:
        calls = _table(messages.DEAL_COLUMNS["calls"], wrap=("objective",))
        for when, kind, objective, result in call_rows(story, our_zone):
            style = {"continuation": "red", "ahead": "cyan"}.get(result, "")
            calls.add_row(when, kind, Text(objective), Text(result, style=style))
        parts.append(Padding(calls, (0, 0, 0, 2)))
        for when, figures in conversation_rows(story):
            parts.append(Padding(Text(f"{when}: {figures}", style="dim"), (0, 0, 0, 2)))
    else:
        parts.append(Text("  " + messages.DEAL_NO_CALLS, style="dim"))

    parts.append(_heading(HEADINGS["people"]))
    if story.people:
        table = _table(messages.DEAL_COLUMNS["people"], wrap=("role",))
        for name, role, side, influence, stance, seen in people_rows(story):
            table.add_row(
                Text(name, style="bold" if side == "theirs" else ""),
                Text(role),
                side,
                influence,
                Text(stance, style={"sceptic": "red", "supporter": "green"}.get(stance, "")),
                seen,
            )
        parts.append(Padding(table, (0, 0, 0, 2)))
    else:
        parts.append(Text("  " + messages.DEAL_NOBODY, style="dim"))
    if missing(story):
        flags = Table.grid(padding=(0, 1))
        flags.add_column(no_wrap=True)
        flags.add_column()
        for line in missing(story):
            flags.add_row(Text("  !", style="yellow"), Text(line, style="yellow"))
        parts.append(flags)

    parts.append(_heading(HEADINGS["commitments"]))
    rows = commitment_rows(story)
    if rows:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for who, what, due, overdue in rows:
            body = Text.assemble((f"{who}: ", "bold"), what)
            if due:
                body.append(f"  by {due}", style="dim")
            if overdue:
                body.append(f"  {messages.BRIEF_OVERDUE.upper()}", style="bold red")
            grid.add_row(Text("☐", style="dim"), body)
        parts.append(Padding(grid, (0, 0, 0, 2)))
    else:
        parts.append(Text("  " + messages.DEAL_NOTHING, style="dim"))

    for key, items, style in (
        ("risks", story.risks, "red"),
        ("opportunities", story.new_opportunities, "green"),
    ):
        if items:
            parts.append(_heading(HEADINGS[key]))
            parts += [Text(f"  • {one_line(item)}", style=style) for item in items]
    parts.append(_heading(HEADINGS["unknown"]))
    if story.unknown:
        parts.append(Text("  " + ", ".join(t.label for t in story.unknown), style="yellow"))
    else:
        parts.append(Text("  " + messages.DEAL_ALL_KNOWN, style="green"))
    if story.next_step:
        parts += [_heading(HEADINGS["next_step"]), Text("  " + one_line(story.next_step))]
    return parts


def render_term(story: Story, console: Console, our_zone: str = "") -> None:
    for part in renderables(story, our_zone):
        console.print(part)


# --- Markdown ---------------------------------------------------------------------------------


def _md_table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    out = [f"| {' | '.join(columns)} |", f"|{' --- |' * len(columns)}"]
    out += [f"| {' | '.join(md_inline(cell) for cell in row)} |" for row in rows]
    return out


def render_markdown(story: Story, our_zone: str = "") -> str:
    m = md_inline
    out = [f"# {m(story.name) or messages.DEAL_NO_CALLS}", "", f"_{m(subtitle(story))}_"]
    out += ["", f"## {HEADINGS['calls']}", ""]
    out += (
        _md_table(messages.DEAL_COLUMNS["calls"], list(call_rows(story, our_zone)))
        if story.calls
        else [f"_{messages.DEAL_NO_CALLS}_"]
    )
    out += ["", f"## {HEADINGS['people']}", ""]
    out += (
        _md_table(messages.DEAL_COLUMNS["people"], list(people_rows(story)))
        if story.people
        else [f"_{messages.DEAL_NOBODY}_"]
    )
    lines = missing(story)
    if lines:
        out += ["", f"**{HEADINGS['missing']}:** {m(' '.join(lines))}"]
    out += ["", f"## {HEADINGS['commitments']}", ""]
    rows = commitment_rows(story)
    for who, what, due, overdue in rows:
        # The space stays outside the escaped text: md_inline trims what it is given.
        by = f" ({m(f'by {due}')})" if due else ""
        flag = f" **{messages.BRIEF_OVERDUE.upper()}**" if overdue else ""
        out.append(f"- [ ] **{m(who)}:** {m(what)}{by}{flag}")
    if not rows:
        out.append(f"_{messages.DEAL_NOTHING}_")
    for key, items in (("risks", story.risks), ("opportunities", story.new_opportunities)):
        if items:
            out += ["", f"## {HEADINGS[key]}", ""]
            out += [f"- {m(item)}" for item in items]
    out += ["", f"## {HEADINGS['unknown']}", ""]
    out.append(
        m(", ".join(t.label for t in story.unknown)) if story.unknown else messages.DEAL_ALL_KNOWN
    )
    if story.next_step:
        out += ["", f"## {HEADINGS['next_step']}", "", m(story.next_step)]
    return "\n".join(out) + "\n"


# --- HTML -------------------------------------------------------------------------------------

STYLE = """
* { box-sizing: border-box; }
body {
  margin: 0; padding: 2rem 1rem; background: #e8ebef; color: #1c2430; line-height: 1.4;
  font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
}
main { max-width: 62rem; margin: 0 auto; background: #fff; padding: 2rem 2.4rem;
  box-shadow: 0 2px 12px rgba(0, 0, 0, .18); overflow-wrap: anywhere; }
h1 { margin: 0 0 .2rem; font-size: 1.9rem; }
h2 { color: #1f4e8c; font-size: .8rem; letter-spacing: .07em; text-transform: uppercase;
  border-bottom: .6pt solid #d3d9e1; padding-bottom: .25rem; margin: 1.6rem 0 .6rem; }
.sub { color: #5d6877; margin: 0; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; font-weight: 400; color: #5d6877; font-size: .85rem; }
th, td { padding: .25rem 1rem .25rem 0; vertical-align: top; }
ul { margin: 0; padding-left: 1.2rem; }
.warn { color: #b86e00; }
.poor { color: #c0392b; }
.good { color: #2e7d4f; }
.flag { background: #c0392b; color: #fff; border-radius: 2pt; padding: 0 .3em;
  font-size: .75rem; letter-spacing: .07em; text-transform: uppercase; }
.done { color: #2e7d4f; }
.faded { color: #5d6877; font-style: italic; }
footer { margin-top: 2rem; color: #5d6877; font-size: .75rem; }
@media print { body { background: none; padding: 0; } main { box-shadow: none; } }
"""


# The story's own colours: its outcomes and stances (the action plan shows neither).
STORY_STYLE = """
.sceptic, .continuation { color: #c0392b; }
.supporter { color: #2e7d4f; }
.ahead { color: #1f4e8c; }
"""


def _page(title: str, body: str, style: str = "") -> str:
    return document(title, STYLE + style, body)


def _html_table(columns: tuple[str, ...], rows: list[tuple[str, ...]], classes: int = -1) -> str:
    """A table of escaped cells; `classes`: the column whose value also names the cell's class."""
    head = "".join(f"<th>{html_text(c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for n, cell in enumerate(row):
            css = f' class="{html_text(cell)}"' if n == classes and cell.isalpha() else ""
            cells.append(f"<td{css}>{html_text(cell)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def render_html(story: Story, our_zone: str = "") -> str:
    e = html_text
    parts = [f"<h1>{e(story.name) or e(messages.DEAL_NO_CALLS)}</h1>"]
    parts.append(f'<p class="sub">{e(subtitle(story))}</p>')
    parts.append(f"<h2>{e(HEADINGS['calls'])}</h2>")
    parts.append(
        _html_table(messages.DEAL_COLUMNS["calls"], list(call_rows(story, our_zone)), classes=3)
        if story.calls
        else f'<p class="faded">{e(messages.DEAL_NO_CALLS)}</p>'
    )
    parts.append(f"<h2>{e(HEADINGS['people'])}</h2>")
    parts.append(
        _html_table(messages.DEAL_COLUMNS["people"], list(people_rows(story)), classes=4)
        if story.people
        else f'<p class="faded">{e(messages.DEAL_NOBODY)}</p>'
    )
    parts += [f'<p class="warn">{e(line)}</p>' for line in missing(story)]
    parts.append(f"<h2>{e(HEADINGS['commitments'])}</h2>")
    rows = commitment_rows(story)
    if rows:
        items = []
        for who, what, due, overdue in rows:
            by = f" (by {e(due)})" if due else ""
            flag = f' <span class="flag">{e(messages.BRIEF_OVERDUE)}</span>' if overdue else ""
            items.append(f"<li><b>{e(who)}:</b> {e(what)}{by}{flag}</li>")
        parts.append(f"<ul>{''.join(items)}</ul>")
    else:
        parts.append(f'<p class="faded">{e(messages.DEAL_NOTHING)}</p>')
    for key, items_of, css in (
        ("risks", story.risks, "poor"),
        ("opportunities", story.new_opportunities, "good"),
    ):
        if items_of:
            listed = "".join(f"<li>{e(item)}</li>" for item in items_of)
            parts.append(f'<h2>{e(HEADINGS[key])}</h2><ul class="{css}">{listed}</ul>')
    parts.append(f"<h2>{e(HEADINGS['unknown'])}</h2>")
    parts.append(
        f'<p class="warn">{e(", ".join(t.label for t in story.unknown))}</p>'
        if story.unknown
        else f'<p class="good">{e(messages.DEAL_ALL_KNOWN)}</p>'
    )
    if story.next_step:
        parts.append(f"<h2>{e(HEADINGS['next_step'])}</h2><p>{e(story.next_step)}</p>")
    parts.append(f"<footer>{e(messages.DEAL_FOOTER.format(date=day(story.today)))}</footer>")
    return _page(story.name or messages.DEAL_NO_CALLS, "\n".join(parts), STORY_STYLE)


# --- the mutual action plan ---------------------------------------------------------------------


def plan_title(found: ActionPlan) -> str:
    return f"{messages.MAP_TITLE}: {one_line(found.name)}" if found.name else messages.MAP_TITLE


def step_rows(found: ActionPlan) -> list[tuple[bool, str, str, str]]:
    return [
        (step.done, one_line(step.what), one_line(step.owner), day(step.due, messages.MAP_NO_DATE))
        for step in found.steps
    ]


def team_lines(found: ActionPlan, company: str) -> list[tuple[str, list[str]]]:
    """(whose, ["Dana Lee (VP Operations)", ...]) for their side, then ours (`company`)."""
    lines: list[tuple[str, list[str]]] = []
    for side, whose in (
        ("customer", found.account or messages.MAP_THEIR_TEAM),
        ("ours", company or messages.MAP_OUR_TEAM),
    ):
        names = [
            one_line(f"{name} ({role})" if role else name)
            for who, name, role in found.team
            if who == side
        ]
        if names:
            lines.append((one_line(whose), names))
    return lines


def plan_renderables(found: ActionPlan, company: str = "") -> list[RenderableType]:
    parts: list[RenderableType] = [
        Text(plan_title(found), style="bold"),
        Text(messages.MAP_INTRO, style="dim"),
        Text(""),
    ]
    if found.steps:
        table = _table(messages.MAP_COLUMNS, wrap=("step",))
        for done, what, owner, due in step_rows(found):
            mark = Text("✓", style="green") if done else Text("☐", style="dim")
            table.add_row(mark, Text(what, style="dim" if done else ""), Text(owner), due)
        parts.append(table)
    else:
        parts.append(Text(messages.MAP_NO_STEPS, style="dim"))
    if found.next_step:
        parts.append(
            Text.assemble("\n", (f"{messages.MAP_NEXT_STEP}: ", "bold"), one_line(found.next_step))
        )
    team = team_lines(found, company)
    if team:
        rows = Table.grid(padding=(0, 2))
        rows.add_column(style="dim", no_wrap=True)
        rows.add_column()
        for whose, names in team:
            rows.add_row(Text(whose), Text(", ".join(names)))
        parts += [_heading(messages.MAP_TEAM), Padding(Group(rows), (0, 0, 0, 2))]
    return parts


def render_plan_term(found: ActionPlan, console: Console, company: str = "") -> None:
    for part in plan_renderables(found, company):
        console.print(part)


def render_plan_markdown(found: ActionPlan, company: str = "") -> str:
    m = md_inline
    out = [f"# {m(plan_title(found))}", "", messages.MAP_INTRO, ""]
    if found.steps:
        columns = ("", *messages.MAP_COLUMNS[1:])
        out += [f"| {' | '.join(columns)} |", f"|{' --- |' * len(columns)}"]
        for done, what, owner, due in step_rows(found):
            mark = f"✓ {messages.MAP_DONE}" if done else "☐"
            out.append(f"| {mark} | {m(what)} | {m(owner)} | {m(due)} |")
    else:
        out.append(f"_{messages.MAP_NO_STEPS}_")
    if found.next_step:
        out += ["", f"**{messages.MAP_NEXT_STEP}:** {m(found.next_step)}"]
    team = team_lines(found, company)
    if team:
        out += ["", f"## {messages.MAP_TEAM}", ""]
        out += [f"- **{m(whose)}:** {m(', '.join(names))}" for whose, names in team]
    return "\n".join(out) + "\n"


def render_plan_html(found: ActionPlan, company: str = "") -> str:
    e = html_text
    parts = [f"<h1>{e(plan_title(found))}</h1>", f'<p class="sub">{e(messages.MAP_INTRO)}</p>']
    if found.steps:
        head = "".join(f"<th>{e(c)}</th>" for c in messages.MAP_COLUMNS)
        rows = []
        for done, what, owner, due in step_rows(found):
            mark = f'<span class="done">✓ {e(messages.MAP_DONE)}</span>' if done else "☐"
            rows.append(
                f"<tr><td>{mark}</td><td>{e(what)}</td><td>{e(owner)}</td><td>{e(due)}</td></tr>"
            )
        parts.append(
            f"<h2>{e(messages.MAP_TITLE)}</h2><table><tr>{head}</tr>{''.join(rows)}</table>"
        )
    else:
        parts.append(f'<p class="faded">{e(messages.MAP_NO_STEPS)}</p>')
    if found.next_step:
        parts.append(f"<h2>{e(messages.MAP_NEXT_STEP)}</h2><p>{e(found.next_step)}</p>")
    team = team_lines(found, company)
    if team:
        listed = "".join(
            f"<li><b>{e(whose)}:</b> {e(', '.join(names))}</li>" for whose, names in team
        )
        parts.append(f"<h2>{e(messages.MAP_TEAM)}</h2><ul>{listed}</ul>")
    return _page(plan_title(found), "\n".join(parts))
