"""The brief as Markdown, to paste into a CRM or an email; every plan text is escaped."""

from __future__ import annotations

from callprep import messages
from callprep.render import page
from callprep.render.brief import BriefView
from callprep.text import md_inline as m

HEADINGS = messages.BRIEF_HEADINGS


def _tick(flag: bool, words: tuple[str, str]) -> str:
    yes, no = words
    return f"✓ {yes}" if flag else f"**✗ {no}**"


def _objective_cell(view: BriefView, text: str, field: str, empty: str) -> str:
    cell = m(text) if text else f"_{empty}_"
    if field and page.vague(view, field):
        cell += f" **({messages.BRIEF_VAGUE})**"
    return cell


def render(view: BriefView) -> str:
    out: list[str] = [f"# {m(view.title)}", ""]
    out.append(f"**{m(view.kind)}**, {m(view.when)}  ")
    out.append(
        f"**{HEADINGS['them']}:** {m(', '.join(view.customer_people)) or '_' + messages.BRIEF_NOBODY + '_'}  "
    )
    out.append(f"**{HEADINGS['us']}:** {m(', '.join(view.our_people)) or '—'}")

    if view.last_time is not None:
        out += ["", f"## {m(view.last_time.heading)}", ""]
        out += [f"- **{m(label)}:** {m(value)}" for label, value in page.last_time_rows(view)]

    # A table keeps the three objectives side by side, so their alignment shows.
    out += ["", f"## {HEADINGS['objectives']}", ""]
    columns = [
        (HEADINGS["best"], view.best, "objective.best", messages.BRIEF_NOT_SET),
        (HEADINGS["minimum"], view.minimum, "objective.minimum", messages.BRIEF_NOT_SET),
        (HEADINGS["customer"], view.customer_goal, "", messages.BRIEF_ASK_THEM),
    ]
    out.append(f"| {' | '.join(title for title, *_ in columns)} |")
    out.append(f"|{' --- |' * len(columns)}")
    cells = [_objective_cell(view, text, field, empty) for _, text, field, empty in columns]
    out.append(f"| {' | '.join(cells)} |")

    if view.opener:
        out += ["", f"## {HEADINGS['opener']}", ""]
        out += [f"- **{m(label)}:** {m(value)}" for label, value in view.opener]

    out += ["", f"## {HEADINGS['agenda']}", ""]
    out += [
        f"{_tick(view.agenda_shared, messages.BRIEF_SHARED)} · "
        f"{_tick(view.agenda_confirmed, messages.BRIEF_CONFIRMED)}",
        "",
    ]
    out += [f"{n}. {m(item)}" for n, item in enumerate(view.agenda, 1)] or [
        f"_{messages.BRIEF_NO_AGENDA}_"
    ]
    out += ["", f"**{HEADINGS['prep']}:**", ""]
    out += [f"- [ ] {m(item)}" for item in view.customer_prep] or [f"_{page.no_prep()}_"]

    out += ["", f"## {HEADINGS['known']}", ""]
    rows = page.discovery_rows(view)
    out += [
        f"- **{m(row.label)}:** {m(row.value) if row.known else '_' + m(row.value) + '_'}"
        for row in rows
    ] or [f"_{messages.BRIEF_NOTHING_KNOWN}_"]

    out += ["", f"## {HEADINGS['learn']}", ""]
    questions = page.question_rows(view)
    out += [f"- [ ] {m(q.text)}" + (f" _({m(q.tag)})_" if q.tag else "") for q in questions] or [
        f"_{messages.BRIEF_NO_QUESTIONS}_"
    ]

    if view.open_commitments:
        out += ["", f"## {HEADINGS['commitments']}", ""]
        for item in view.open_commitments:
            c = item.commitment
            who = messages.BRIEF_WHO.get(c.who, c.who)
            due = f" (by {c.due:%-d %b %Y})" if c.due else ""  # our words: nothing to escape
            flag = f" **{messages.BRIEF_OVERDUE.upper()}**" if item.overdue else ""
            out.append(f"- [ ] **{m(who)}:** {m(c.what)}{due}{flag}")

    if view.notes:
        out += ["", f"## {HEADINGS['notes']}", ""]
        out += [f"- **{m(label)}:** {m(value)}" for label, value in view.notes]

    out += ["", f"## {HEADINGS['off_script']}", ""]
    out += [f"{n}. {m(step)}" for n, step in enumerate(messages.OFF_SCRIPT_STEPS, 1)]

    out += ["", "---", ""]
    still = " · ".join(m(label) for label in view.open_labels) or m(messages.BRIEF_NOTHING_OPEN)
    out.append(f"_{HEADINGS['readiness']} {view.readiness}/100 · {HEADINGS['open']}: {still}_")
    return "\n".join(out) + "\n"
