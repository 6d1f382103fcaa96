"""The brief as Markdown, to paste into a CRM or an email; every plan text is escaped."""

from __future__ import annotations

from callprep.render.brief import OFF_SCRIPT_REMINDER, BriefView
from callprep.render.safe import md_text as m


def _tick(flag: bool) -> str:
    return "yes" if flag else "no"


def render(view: BriefView) -> str:
    plan = view.plan
    out: list[str] = [f"# {m(view.title)}", ""]
    out.append(f"**{m(plan.kind or 'call').capitalize()}**, {m(view.when)}  ")
    out.append(f"**Them:** {m(', '.join(view.customer_people)) or '_nobody listed yet_'}  ")
    out.append(f"**Us:** {m(', '.join(view.our_people)) or '—'}  ")
    out.append(f"**Readiness:** {view.readiness}/100")
    out += ["", "## Objectives", ""]
    out.append(f"- **Best outcome:** {m(plan.objective.best) or '_not set_'}")
    out.append(f"- **Minimum:** {m(plan.objective.minimum) or '_not set_'}")
    out.append(f"- **What they want:** {m(plan.objective.customer) or '_unknown: ask them_'}")
    agenda = plan.agenda
    out += [
        "",
        "## Agenda",
        "",
        f"Shared with them: {_tick(agenda.shared)} · confirmed by them: {_tick(agenda.confirmed)}",
        "",
    ]
    out += [f"{n}. {m(item)}" for n, item in enumerate(agenda.items, 1)] or ["_No agenda yet._"]
    if agenda.customer_prep:
        out += ["", "They prepare:", ""]
        out += [f"- {m(item)}" for item in agenda.customer_prep]
    out += ["", "## What we know", ""]
    out += [f"- **{m(label)}:** {m(value)}" for label, value in view.known] or ["_Nothing yet._"]
    out += ["", "## Questions to ask", ""]
    out += [f"- {m(q)}" for q in view.questions]
    out += [f"- {m(q)} _(suggested: {m(label.lower())})_" for label, q in view.unknown]
    out += [f"- {m(q)} _(still unanswered)_" for q in view.unanswered]
    if not (view.questions or view.unknown or view.unanswered):
        out.append("_None._")
    if view.open_commitments:
        out += ["", "## Open commitments from earlier calls", ""]
        for item in view.open_commitments:
            c = item.commitment
            due = f" by {c.due.isoformat()}" if c.due else ""
            flag = " **(overdue)**" if item.overdue else ""
            out.append(f"- {m(c.who)}: {m(c.what)}{m(due)}{flag}")
    if view.notes:
        out += ["", "## Notes", ""]
        out += [f"- **{m(label)}:** {m(value)}" for label, value in view.notes]
    out += ["", f"> {m(OFF_SCRIPT_REMINDER)}"]
    if view.findings:
        out += ["", f"## Still open ({len(view.findings)})", ""]
        out += [f"- {m(f.message)}" for f in view.findings]
    return "\n".join(out) + "\n"
