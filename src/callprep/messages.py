"""Every sentence callprep says to a seller, kept in one place so the wording stays consistent."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from callprep.model import Plan

# --- the coach's findings -------------------------------------------------------------

OBJECTIVE_MISSING = (
    "No objective. Write what the customer will do or agree to by the end of the call "
    '("Dana agrees to a 30-day pilot starting 5 Jan").'
)


def objective_vague(reason: str) -> str:
    return (
        f"The objective is vague: {reason}. Ask yourself: what will the customer do or agree "
        'to by the end of this call? ("CFO signs the order form by 15 Dec")'
    )


MINIMUM_MISSING = (
    "No minimum outcome. Decide the least you will accept, still as a customer action "
    '("Dana introduces us to the IT lead before 10 Dec"), so you know when to push.'
)


def minimum_vague(reason: str) -> str:
    return (
        f"The minimum outcome is vague: {reason}. Make it the least the customer will do "
        'or agree to ("Dana books a technical deep-dive next week").'
    )


CUSTOMER_OBJECTIVE = (
    "You don't know what the customer wants from this call. Ask them before the call "
    "(`callprep agenda` drafts the message) and write it down."
)
AGENDA_MISSING = "No agenda. List the three or four things the call must cover, theirs first."
AGENDA_NOT_SHARED = (
    "The agenda has not been sent to the customer. Send it before the call "
    "(`callprep agenda PLAN`) and ask what they would add."
)
AGENDA_NOT_CONFIRMED = (
    "The customer has not confirmed the agenda. Ask them to confirm or change it, "
    "then run `callprep agenda PLAN --mark-confirmed`."
)
CUSTOMER_PREP = (
    "Nothing asked of the customer to prepare. Ask them to bring something the call needs "
    "(numbers, the right people, their requirements) so the call gets further."
)
ATTENDEES_MISSING = (
    "Nobody on the customer's side is listed. Find out who will attend and what role each plays."
)

DISCOVERY_UNKNOWN: dict[str, str] = {
    "why_looking": "You don't know why they are looking at all. Ask it in this call.",
    "urgency": "You don't know how urgent this is or what drives it. Ask it in this call.",
    "consequence": (
        "You don't know what happens to them if they don't act. Ask it in this call: "
        "it is the measure of the deal."
    ),
    "attitude_to_us": "You don't know what they think of us. Ask it in this call.",
    "competition": "You don't know who else they are looking at. Ask it in this call.",
    "decision_process": (
        "You don't know how they will decide (who, criteria, steps). Ask it in this call."
    ),
}

SUGGESTED_QUESTIONS: dict[str, str] = {
    "why_looking": "What made you start looking at this now?",
    "urgency": "What is driving the timing on your side, and by when do you need it working?",
    "consequence": "What happens on your side if this isn't in place by then?",
    "attitude_to_us": "What have you heard about us, and what would make us the right choice?",
    "competition": "Who else are you talking to, and what do you like about them?",
    "decision_process": (
        "How will the decision be made: who is involved, what matters most, and what are the steps?"
    ),
}


def suggested_question(key: str, plan: Plan | None = None) -> str:
    question = SUGGESTED_QUESTIONS[key]
    deadline = plan.discovery.deadline if plan is not None else None
    if key == "consequence" and deadline is not None:
        question = f"What happens on your side if this isn't in place by {deadline:%-d %B %Y}?"
    return question


# --- the interview ----------------------------------------------------------------------


def challenge_objective(reason: str) -> str:
    return (
        f"That is not yet an objective: {reason}. What will the customer do or agree to "
        'by the end of this call? ("Dana agrees to a 30-day pilot with 20 trucks")'
    )


INSIST = "Keep it as it is anyway?"
REVIEW_SAVE = "Save the plan"
REVIEW_PROMPT = "Fix one of these now, or save?"
RESUME_DRAFT = "You have an unfinished plan from {saved}. Resume it?"
RESUME_DEBRIEF = "You have an unfinished debrief from {saved}. Resume it?"
DRAFT_KEPT = "Interrupted. Your answers so far are kept as a draft; run `{command}` to resume."
NO_TERMINAL = (
    "no terminal to ask questions on; give the answers with --from FILE, "
    "or use --no-input to save what the flags give"
)
INVALID_DATETIME = "Write it as YYYY-MM-DD HH:MM (e.g. 2026-12-03 15:00), or leave it blank."
INVALID_DATE = "Write it as YYYY-MM-DD (e.g. 2027-03-31), or leave it blank."
INVALID_INT = "Write a whole number of minutes (e.g. 45), or leave it blank."


def readiness_line(readiness: int, count: int) -> str:
    if count == 0:
        return f"Readiness {readiness}/100: nothing left to fix."
    return f"Readiness {readiness}/100, {count} thing{'s' if count != 1 else ''} still open:"


# --- commands ---------------------------------------------------------------------------

SAVED = "Saved {path}"
EDIT_NO_EDITOR = "no editor: set $VISUAL or $EDITOR (e.g. export EDITOR=nano)"
EDIT_UNCHANGED = "No changes."
EDIT_KEPT_ASIDE = "{problem}. Your edit is kept in {aside}; the plan is unchanged."
PDF_NEEDS_OUTPUT = "a PDF brief needs -o FILE (it is not written to the terminal)"
LIST_EMPTY = "No plans yet. Start one with `callprep new`."
STORE_PROBLEM = "skipped {path}: {problem}"


# --- brief (issue: the one-page brief) ---------------------------------------------------


# --- debrief and carry-forward -----------------------------------------------------------


# --- agenda message and invite -----------------------------------------------------------


# --- stats -------------------------------------------------------------------------------
