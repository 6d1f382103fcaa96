"""The brief as a one-page PDF, laid out by typst; plan text goes in as JSON data, never markup."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from callprep import messages
from callprep.errors import CallprepError
from callprep.render import page
from callprep.render.brief import BriefView

TYPST_PAPER = {"a4": "a4", "letter": "us-letter"}


def readiness_tone(readiness: int) -> str:
    return "good" if readiness >= 80 else "fair" if readiness >= 50 else "poor"


def words() -> dict[str, Any]:
    """Every fixed word the page prints; the template itself holds none."""
    heads = messages.BRIEF_HEADINGS
    return {
        **heads,
        "not_set": messages.BRIEF_NOT_SET,
        "ask_them": messages.BRIEF_ASK_THEM,
        "nobody": messages.BRIEF_NOBODY,
        "no_agenda": messages.BRIEF_NO_AGENDA,
        "nothing_asked": page.no_prep(),
        "nothing_known": messages.BRIEF_NOTHING_KNOWN,
        "no_questions": messages.BRIEF_NO_QUESTIONS,
        "nothing_open": messages.BRIEF_NOTHING_OPEN,
        "shared": list(messages.BRIEF_SHARED),
        "confirmed": list(messages.BRIEF_CONFIRMED),
        "overdue": messages.BRIEF_OVERDUE,
        "off_script_steps": list(messages.OFF_SCRIPT_STEPS),
    }


def level_data(view: BriefView) -> dict[str, Any]:
    """One step of the ladder as plain data for the template."""
    return {
        "kind": view.kind,
        "when": view.when,
        "account": view.account,
        "opportunity": view.opportunity,
        "them": page.with_more(view, view.customer_people, "them"),
        "us": page.with_more(view, view.our_people, "us"),
        "readiness": view.readiness,
        "readiness_tone": readiness_tone(view.readiness),
        "open": page.with_more(view, view.open_labels, "open"),
        "best": view.best,
        "best_flag": messages.BRIEF_VAGUE if page.vague(view, "objective.best") else "",
        "minimum": view.minimum,
        "minimum_flag": messages.BRIEF_VAGUE if page.vague(view, "objective.minimum") else "",
        "customer": view.customer_goal,
        "opener": [list(pair) for pair in view.opener],
        "last_time": view.last_time.heading if view.last_time is not None else "",
        "last_time_rows": [list(pair) for pair in page.last_time_rows(view)],
        "agenda": view.agenda,
        "shared": view.agenda_shared,
        "confirmed": view.agenda_confirmed,
        "prep": view.customer_prep,
        "discovery": [
            {"label": row.label, "value": row.value, "known": row.known}
            for row in page.discovery_rows(view)
        ],
        "questions": [
            {"text": row.text, "tag": row.tag, "tone": row.tone, "more": row.more}
            for row in page.question_rows(view)
        ],
        "commitments": [
            {
                "who": messages.BRIEF_WHO.get(item.commitment.who, item.commitment.who),
                "what": item.commitment.what,
                "due": f"{item.commitment.due:%-d %b %Y}" if item.commitment.due else "",
                "overdue": item.overdue,
            }
            for item in view.open_commitments
        ],
        "notes": [list(pair) for pair in view.notes],
        "more": {key: page.more(view, key) for key in ("agenda", "prep", "commitments", "notes")},
        "footer": f"callprep · {view.plan.id}" if view.plan.id else "callprep",
        "shortened": messages.BRIEF_SHORTENED.format(id=view.plan.id or "PLAN")
        if view.shortened
        else "",
    }


# Libertinus Serif as the template sets it: the estimate runs 15-30% above typst's own
# measure, so a brief estimated at over 1/0.7 of the page surely does not fit and is skipped
# without asking typst to lay it out (an overfull plan would cost half a second otherwise).
METRICS = page.Metrics(char=0.42, line=1.15)
SURELY_TOO_TALL = 1 / 0.7


def ladder_data(
    options: list[page.Candidate[page.Page]],
    paper: str,
    level: Callable[[page.Page], dict[str, Any]],
    measure: Callable[[page.Page, float, str, page.Metrics], float],
) -> dict[str, Any]:
    """The candidates typst tries in turn, from the first whose height by `measure` might fit,
    and each step of the ladder they use as `level` data."""
    options = options[page.first_fit(options, paper, METRICS, SURELY_TOO_TALL, measure) :]
    steps = sorted({option.step for option in options})
    levels = {step: next(o.view for o in options if o.step == step) for step in steps}
    return {
        "levels": [level(levels[step]) for step in steps],
        "candidates": [
            {"step": o.step, "level": steps.index(o.step), "size": o.size} for o in options
        ],
    }


def document_data(view: BriefView, paper: str) -> dict[str, Any]:
    return {
        "title": view.title,
        "paper": TYPST_PAPER[paper],
        "margin_x": page.MARGIN_X_MM,
        "margin_y": page.MARGIN_Y_MM,
        "words": words(),
        **ladder_data(page.candidates(view), paper, level_data, page.estimate),
    }


@cache
def template(name: str = "brief.typ") -> bytes:
    """The typst template `name` (the brief's unless told) of render/."""
    return resources.files("callprep.render").joinpath(name).read_bytes()


def render(view: BriefView, paper: str = "a4") -> bytes:
    import typst  # deferred: typst: only a PDF pays for it

    inputs = {"data": json.dumps(document_data(view, paper), ensure_ascii=False)}
    try:
        return typst.compile(template(), format="pdf", sys_inputs=inputs)
    except typst.TypstError as error:
        raise CallprepError(messages.PDF_FAILED.format(error=error.message)) from error


def fit(view: BriefView, paper: str = "a4") -> dict[str, Any]:
    """Which step of the ladder and which text size the page chose (for tests and tuning)."""
    import typst  # deferred: typst: only a PDF pays for it

    inputs = {"data": json.dumps(document_data(view, paper), ensure_ascii=False)}
    found = typst.query(template(), "<fit>", field="value", one=True, sys_inputs=inputs)
    result: dict[str, Any] = json.loads(found)
    return result
