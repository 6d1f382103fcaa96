"""Every sentence callprep says to a seller, kept in one place so the wording stays consistent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from callprep.text import one_line

if TYPE_CHECKING:
    pass

# --- the coach's findings -------------------------------------------------------------


def objective_missing(who: str) -> str:
    return (
        "No objective. Write what the customer will do or agree to by the end of the call "
        f"(“{example_best('', who)}”)."
    )


# --- the objective judge's reasons (coach/objective.py) ---------------------------------------
# Why an objective is vague, by the judge's verdict: {phrase} is the seller's words, {actor} and
# {act} who the judge read as acting and the act it read ("you wrote that you present"),
# {unread} the word it did not know where the act should be.
VAGUE_REASONS: dict[str, str] = {
    "seller": (
        "you wrote that {actor} {act} (“{phrase}”): that is your step, not something the "
        "customer does or agrees to"
    ),
    "ours": (
        "you wrote that {actor} {act} (“{phrase}”): that is done by you, not something the "
        "customer did or agreed to"
    ),
    "continuation": (
        "you wrote that {actor} {act} (“{phrase}”): that only keeps the conversation going; "
        "the customer takes no step (a continuation, not an advance)"
    ),
    "unpinned": (
        "you wrote that {actor} {act} (“{phrase}”): a meeting with no day, no one new and "
        "nothing to decide (a continuation, not an advance)"
    ),
    "opinion": (
        "you wrote that {actor} {act} (“{phrase}”): that is a view, not a commitment to do anything"
    ),
    "acknowledge": (
        "you wrote that {actor} {act} (“{phrase}”): confirming what they received, saw or "
        "think commits them to nothing; a decision, a date, a budget or a scope would"
    ),
    "empty": "you wrote that {actor} {act} (“{phrase}”): that commits them to nothing definite",
    "negative": "you wrote that {actor} {act} (“{phrase}”): that is what they will not do",
    "audience": (
        "you wrote that {actor} {act} (“{phrase}”): they listen or watch, which is not a step "
        "they take"
    ),
    "state": (
        "you wrote that {actor} {act} (“{phrase}”): that is what they think or feel, not "
        "something they do"
    ),
    "talk": (
        "you wrote that {actor} {act} (“{phrase}”): that is talk with nothing handed over, "
        "not a step the customer takes"
    ),
    "meeting": (
        "you wrote a {act} (“{phrase}”) with {actor} doing anything in it: that names a "
        "meeting, not what the customer agrees to in it"
    ),
    "short": (
        "you wrote “{phrase}” with {actor} doing it: that is too short to say what the "
        "customer will do"
    ),
    "unread": (
        "the coach does not know “{unread}” (in “{phrase}”) as an act of the customer's, so it "
        "found nothing they will do or agree to; if it is one, say it with a common verb "
        "(agrees, signs, books, sends)"
    ),
    "nothing": (
        "you wrote that {actor} {act} (“{phrase}”): that names nothing the customer will do or "
        "agree to"
    ),
}
# When the judge read no act at all.
VAGUE_NOTHING_READ = "it names nothing the customer will do or agree to"
# A label with no verb in it ("Chemistry check", "Decision maker bought-in").
VAGUE_LABEL = (
    "you wrote “{phrase}” with nobody doing anything in it: that names nothing the customer "
    "will do or agree to"
)


def vague_reason(kind: str, phrase: str, actor: str = "", act: str = "", unread: str = "") -> str:
    """Why an objective is vague, from what the judge read; no actor reads as "nobody"."""
    template = VAGUE_REASONS.get(kind, VAGUE_REASONS["nothing"])
    if kind == "nothing" and actor == "nobody":
        template = VAGUE_LABEL
    if not (act or unread):
        template = VAGUE_NOTHING_READ
    return template.format(phrase=phrase, actor=actor or "nobody", act=act, unread=unread)


OBJECTIVE_QUESTION = "What will the customer do or agree to by the end of this call?"

# A better form to offer, by kind of call: every one is a customer act (a test holds them to it).
# {who} is the plan's first customer attendee, or a role when it names nobody yet.
EXAMPLE_NOBODY = "your contact"
EXAMPLE_BEST: dict[str, str] = {
    "discovery": "{who} books a technical deep-dive with their IT lead for next week",
    "demo": "After the demo, {who} agrees to a 30-day pilot starting 5 Jan",
    "proposal": "{who} agrees to the scope and price and sends it to procurement by Friday",
    "negotiation": "{who} signs the order form by 15 Dec",
    "review": "{who} renews for two years and adds a second site",
    "": "{who} agrees to a 30-day pilot starting 5 Jan",
}
EXAMPLE_MINIMUM: dict[str, str] = {
    "discovery": "{who} introduces us to their IT lead before 10 Dec",
    "demo": "{who} books a second demo with the people who would use it",
    "proposal": "{who} agrees to a call with procurement next week",
    "negotiation": "Procurement sends their redlines by Friday",
    "review": "{who} agrees to a renewal call with finance before the end of the month",
    "": "{who} introduces us to the person who decides, before 10 Dec",
}


def example_best(kind: str = "", who: str = EXAMPLE_NOBODY) -> str:
    return _sentence(EXAMPLE_BEST.get(kind, EXAMPLE_BEST[""]).format(who=who))


def example_minimum(kind: str = "", who: str = EXAMPLE_NOBODY) -> str:
    return _sentence(EXAMPLE_MINIMUM.get(kind, EXAMPLE_MINIMUM[""]).format(who=who))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def objective_vague(reason: str, kind: str = "", who: str = EXAMPLE_NOBODY) -> str:
    return (
        f"The objective is vague: {reason}. {OBJECTIVE_QUESTION} "
        f"Write that, e.g. “{example_best(kind, who)}”."
    )


def minimum_missing(who: str = EXAMPLE_NOBODY) -> str:
    return (
        "No minimum outcome. Decide the least you will accept, still as something the customer "
        f"does (“{example_minimum('', who)}”), so you know when to push on."
    )


def minimum_vague(reason: str, kind: str = "", who: str = EXAMPLE_NOBODY) -> str:
    return (
        f"The minimum outcome is vague: {reason}. Make it the least the customer will do "
        f"or agree to, e.g. “{example_minimum(kind, who)}”."
    )


def customer_objective(ref: str = "PLAN") -> str:
    return (
        "You don't know what the customer wants from this call. Ask them before the call "
        f"(`callprep agenda {ref}` drafts the message) and write it down."
    )


AGENDA_MISSING = "No agenda. List the three or four things the call must cover, theirs first."


def agenda_not_shared(ref: str = "PLAN") -> str:
    return (
        "The agenda has not been sent to the customer. Send it before the call "
        f"(`callprep agenda {ref}` drafts it) and ask what they would add, "
        f"then run `callprep agenda {ref} --mark-shared`."
    )


def agenda_not_confirmed(ref: str = "PLAN") -> str:
    return (
        "The customer has not confirmed the agenda. Ask them to confirm or change it, "
        f"then run `callprep agenda {ref} --mark-confirmed`."
    )


CUSTOMER_PREP = (
    "Nothing asked of the customer to prepare. Ask them to bring something the call needs "
    "(numbers, the right people, their requirements) so the call gets further."
)
ATTENDEES_MISSING = (
    "Nobody on the customer's side is listed. Find out who will attend and what role each plays."
)

PURPOSE_MISSING = (
    "No purpose to open the call with. Write it in one sentence, as you will say it: "
    "“The purpose of today is to decide whether a pilot makes sense.”"
)


def economic_unknown() -> str:
    return (
        "Nobody on this deal is known to hold the budget (an attendee with influence "
        f"“economic”). Find out who says yes and releases the money: “{ECONOMIC_QUESTION}”"
    )


def topic_unknown(unknown: str, question: str, note: str = "") -> str:
    """A topic's finding: what is not known, and the question to ask in this call."""
    noted = f"; your note “{note}” is not an answer yet" if note else ""
    return f"{unknown}{noted}. Ask it in this call: “{question}”"


def red_flag(unknown: str, kind: str, question: str) -> str:
    """A basic still unknown at a proposal or negotiation: a warning sign, not a casual gap."""
    return (
        f"Red flag: {unknown[:1].lower()}{unknown[1:]}, and this is a {kind}. "
        f"Before you talk terms, ask: “{question}”"
    )


# Questions the coach builds for a plan (SPIN): one ask each, about the customer's world.
ECONOMIC_QUESTION = "Who besides you needs to say yes to this?"
THEIR_AGENDA_QUESTION = "What would you like to get out of today?"
CONSEQUENCE_BY_DATE = "What happens on your side if this isn't in place by {date}?"
IMPLICATION_QUESTION = "You mentioned “{pain}”. What does that cost you if nothing changes?"
NEED_PAYOFF_QUESTION = "You mentioned “{pain}”. If that were solved, what would it be worth to you?"


SEVERITY_MARKS: dict[str, str] = {"critical": "✗", "warning": "!", "info": "·"}
# Finding messages hang this far in, past their mark.
FINDING_INDENT = 3

SEVERITY_WORDS: dict[str, tuple[str, str]] = {
    "critical": ("critical", "critical"),
    "warning": ("warning", "warnings"),
    "info": ("to ask or add", "to ask or add"),
}


def severity_count(severity: str, count: int) -> str:
    one, many = SEVERITY_WORDS[severity]
    return f"{count} {one if count == 1 else many}"


def check_summary(total: int, parts: list[str], ref: str) -> str:
    return f"{total} open: {', '.join(parts)}.\nFix them with `callprep edit {ref}`."


def check_held(outcome: str, when: str, ref: str, account: str) -> str:
    """`check` of a call already debriefed: its plan is history, and where to look instead."""
    reached = {"best": "the best outcome", "minimum": "the minimum", "none": "no objective"}
    held = f"This call was held{f' on {when}' if when else ''}"
    result = f" and reached {reached[outcome]}" if outcome in reached else ""
    return (
        f"{held}{result}: its plan is history now. The deal's story: `callprep deal {ref}`; "
        f'the next call: `callprep new --account "{account}"`.'
    )


def held_readiness(readiness: int) -> str:
    return f"Going in, it was {readiness}/100 ready (`callprep debrief` looks back on the gaps)."


def strict_failed(readiness: int, count: int) -> str:
    return f"callprep: not ready: {count} finding{'s' if count != 1 else ''} open, readiness {readiness}/100"


# --- playbooks ------------------------------------------------------------------------

PLAYBOOK_NO_TEXT = "the question has no text"
PLAYBOOK_NOTE_NAME = (
    "{field!r}: a note's name is lowercase letters, digits and _ (e.g. notes.economic_buyer)"
)
PLAYBOOK_NOTE_KIND = '{field!r}: notes take text answers (kind = "text")'
PLAYBOOK_UNKNOWN_FIELD = (
    "{field!r} is not a plan field{hint}; use notes.<name> for an answer of your own"
)
PLAYBOOK_DID_YOU_MEAN = " (did you mean {match!r}?)"
PLAYBOOK_FIELDS = (
    " (plan fields: account, opportunity, kind, starts_at, duration_minutes, attendees, "
    "objective.*, agenda.*, discovery.*, questions)"
)
PLAYBOOK_WRONG_KIND = "{field!r} takes kind {want!r}, not {got!r}"
PLAYBOOK_NO_CHOICES = "{field!r} is a select with no choices"
PLAYBOOK_CHOICES_UNUSED = '{field!r}: choices only go with kind = "select"'
PLAYBOOK_BAD_WHEN = "when = {when!r}: it must name a yes/no field (agenda.shared, agenda.confirmed)"
PLAYBOOK_NAME = "name {name!r}: use lowercase letters, digits, - and _ (at most 40)"
PLAYBOOK_EMPTY = "a playbook needs at least one [[questions]] entry"
PLAYBOOK_TWICE = "field {field!r} is asked twice"
PLAYBOOK_UNKNOWN_KEY = "unknown key (a playbook has name, title, description and [[questions]])"
PLAYBOOK_UNKNOWN_QUESTION_KEY = (
    "unknown key (a question has field, text, kind, help, section, choices, when)"
)
PLAYBOOK_MISSING_KEY = "missing (every question needs a field and a text)"
PLAYBOOK_UNKNOWN = "no playbook {name!r} (available: {names})"
PLAYBOOK_SOME_BROKEN = "; {count} playbook file(s) could not be read, see `callprep playbooks`"
PLAYBOOK_SKIPPED = "skipped a broken playbook: {problem}"
PLAYBOOKS_HINT = "Plan with one: callprep new --playbook NAME. Your own go in {folder}/*.toml."
PLAYBOOK_REPLACES = "{origin} (replaces the built-in)"
PLAYBOOK_YOURS = "yours: {file}"
PLAYBOOK_NAME_TAKEN = "name {name!r} is already used by {other}"
PLAYBOOK_COLUMNS = ("name", "questions", "what it is", "from")


# --- the interview ----------------------------------------------------------------------


def challenge_objective(reason: str, example: str = EXAMPLE_BEST[""]) -> str:
    return f"That is not yet an objective: {reason}. {OBJECTIVE_QUESTION} For example: “{example}”."


INSIST = "Keep it as it is anyway? (The coach will keep listing it.)"
KEPT_ANYWAY = "Kept as you wrote it; it stays on the list of things to fix."
REVIEW_SAVE = "Save the plan"
REVIEW_PROMPT = "Go back to one of these, or save?"
REVIEW_GO_BACK = "Go back to: {label}"
REVIEW_GAPS = "Still unknown, and on the brief as questions to ask: {topics}."


RESUME_DRAFT = "You have an unfinished plan for {saved}. Resume it?"
RESUME_NO_ACCOUNT = "a call with no account yet"
RESUMING = "Resuming with your {count} answers so far, from where you stopped."
DRAFT_UNREADABLE = "ignoring an unreadable draft: {problem}"
RESUME_DEBRIEF = "You have an unfinished debrief from {saved}. Resume it?"
DRAFT_KEPT = "Interrupted. Your answers so far are kept as a draft; run `{command}` to resume."
NO_TERMINAL = (
    "no terminal to ask questions on: add --no-input to save what the flags and "
    "--from FILE give without asking"
)
INVALID_INT = "Write a whole number of minutes (e.g. 45), or leave it blank."


def readiness_line(readiness: int, count: int) -> str:
    if count == 0:
        return f"Readiness {readiness}/100: nothing left to fix."
    return f"Readiness {readiness}/100, {count} thing{'s' if count != 1 else ''} still open:"


# --- commands ---------------------------------------------------------------------------

SAVED = "Saved {path}"
EDIT_NO_EDITOR = "no editor: set $VISUAL or $EDITOR (e.g. export EDITOR=nano)"
EDIT_NO_TERMINAL = (
    "no terminal to ask the questions on, and no $VISUAL or $EDITOR to open the plan in: "
    "run `callprep edit` in a terminal, or set one (e.g. export EDITOR=nano)"
)
EDIT_PLAYBOOK_GONE = "{problem}; asking the standard questions instead"
EDIT_INTERRUPTED = "Interrupted. Nothing was changed."
EDIT_NEW_ID = "The call moved, and its id with it: it is now {new}; {old} still finds it."
EDIT_UNCHANGED = "No changes."
EDIT_KEPT_ASIDE = "{problem}. Your edit is kept in {aside}; the plan is unchanged."
EDIT_CANNOT_START = "cannot start the editor {editor!r}: {reason} (check $VISUAL or $EDITOR)"
EDIT_EDITOR_STATUS = "the editor exited with status {status}, so the edit was not saved"
EDIT_ABANDONED = "the editor exited with status {status}; the plan is unchanged"
EDIT_CHANGED_MEANWHILE = (
    "the plan changed while you were editing it, so your edit was not saved over that change; "
    "your edit is kept in {aside}"
)
EDIT_NOT_WRITTEN = "{problem}; your edit is kept in {aside}"
EDIT_ID_KEPT = "a plan's id cannot be changed (plans are found by it); it stays {id}"
PDF_NEEDS_OUTPUT = "a PDF brief needs -o FILE (it is not written to the terminal)"
LIST_EMPTY = "No plans yet. Start one with `callprep new`."
LIST_CANCELLED = "cancelled"
# `problem` already names the file, and the line or field.
STORE_PROBLEM = "{problem} (left out; mend it with `callprep edit {path.stem}`)"
# A plan from a newer callprep, or no plan file at all (a FIFO, a device): nothing to edit.
STORE_NEWER = "{problem} (left out)"


# --- brief (issue: the one-page brief) ---------------------------------------------------

BRIEF_HEADINGS: dict[str, str] = {
    "objectives": "Objectives",
    "opener": "Open with the up-front contract",
    "best": "Best outcome",
    "minimum": "Minimum we accept",
    "customer": "Their goal for the call",
    "agenda": "Agenda",
    "prep": "They prepare",
    "known": "What we know",
    "learn": "What we must learn: questions to ask",
    "commitments": "Open from earlier calls",
    "notes": "Notes",
    "off_script": "When they go off-script",
    "readiness": "Readiness",
    "open": "Still open",
    "jot": "Notes and off-script openings",
    "jot_commitments": "Agreed: who does what, by when",
    "them": "Them",
    "us": "Us",
}
BRIEF_NOT_SET = "not set"
# The up-front contract's opener: what the seller says first, in order (labels for the seller).
BRIEF_OPENER: dict[str, str] = {
    "purpose": "Purpose",
    "time": "Time",
    "theirs": "Their agenda",
    "ours": "Our agenda",
    "outcome": "Outcome",
    "no": "No is fine",
}
OPENER_TIME = "We have {minutes} minutes; does that still work?"
OPENER_NO_TIME = "How much time do we have today?"
OPENER_ASK_THEIRS = "Ask: what would you like to get out of today?"
OPENER_OUTCOME = "By the end, a clear yes or no: {best}."
OPENER_NO = "If it's not a fit, it's fine to say no."
# "Last time": what the deal's last debriefed call left, on the next call's brief.
LAST_TIME_HEADING = "Last time: {call}, {date}"
LAST_TIME_HEADING_NO_DATE = "Last time: {call}"
LAST_TIME_LABELS: dict[str, str] = {
    "outcome": "Outcome",
    "summary": "Summary",
    "next_step": "Next step",
    "risks": "Risks",
    "opportunities": "New opportunities",
    "people": "People",
}
LAST_TIME_OUTCOMES: dict[str, str] = {
    "best": "best outcome reached",
    "minimum": "minimum reached, not the best",
    "none": "a continuation: no customer action agreed",
}
LAST_TIME_NOW = "{name}: now {stance}"
LAST_TIME_CHANGED = "{name}: {was} → {stance}"
BRIEF_VAGUE = "vague"
BRIEF_TO_LEARN = "not known yet: ask"
BRIEF_TO_LEARN_GUESS = "not known yet: ask (your guess: {guess})"
BRIEF_STILL_TO_LEARN = "To learn"
BRIEF_ASK_THEM = "unknown: ask them"
BRIEF_NOBODY = "nobody listed yet"
BRIEF_NO_AGENDA = "no agenda yet"
BRIEF_NOTHING_KNOWN = "nothing yet"
BRIEF_NO_QUESTIONS = "none"
BRIEF_NOTHING_OPEN = "nothing left to fix"
BRIEF_SHARED = ("shared", "not shared")
BRIEF_CONFIRMED = ("confirmed", "not confirmed")
BRIEF_SUGGESTED = "suggested"
BRIEF_RED_FLAG = "red flag: "
RED_FLAG_TAG = "red flag"
BRIEF_EARLIER = "from an earlier call"
BRIEF_OVERDUE = "overdue"
BRIEF_MORE = "+{count} more"
BRIEF_SEE_CHECK = "What to do about each:"
BRIEF_SHORTENED = "Shortened to fit one page (…). The full plan: callprep show {id}"
BRIEF_WHO = {"customer": "They", "ours": "We"}
OFF_SCRIPT_STEPS = (
    "Follow it: “Really? Tell me more.”",
    "Note the opportunity: it goes in the debrief.",
    "Bring the call back to the agenda.",
)
OFF_SCRIPT_REMINDER = (
    'When they go off-script: follow it ("Really? Tell me more"), note the opportunity, '
    "then bring the call back to the agenda."
)


def discovery_gaps(count: int) -> str:
    return f"{count} discovery gap{'s' if count != 1 else ''}: see the questions"


PDF_FAILED = "could not render the PDF brief: {error}"
TERM_NO_FILE = "the terminal brief is not written to a file; use --format md, html or pdf with -o"


# --- debrief and carry-forward -----------------------------------------------------------

# The debrief's questions, by the [debrief] key they fill: (question, help).
DEBRIEF_QUESTIONS: dict[str, tuple[str, str]] = {
    "held_at": ("When was the call held?", "YYYY-MM-DD HH:MM; Enter keeps the planned time."),
    "summary": ("How did it go, in a sentence or two?", "Your own words; blank to skip."),
    "outcome": ("Which objective did the call reach?", ""),
    "customer_objective_met": ("Did the customer get what they wanted from the call?", ""),
    "customer_prepared": ("Did they bring what you asked them to prepare?", ""),
    "engagement": ("How engaged were they?", ""),
    "off_script": (
        "What came up off-script, that you had not planned to discuss?",
        "What they raised and you followed up on.",
    ),
    "could_have_done_more": (
        "With better preparation, what more could this call have achieved?",
        "Be honest: e.g. with the agenda confirmed, or the IT lead invited, they could have agreed the pilot.",
    ),
    "next_step": (
        "What is the next step?",
        'Agreed with the customer, with a date: "Pilot kickoff call on 12 Jan".',
    ),
    "risks": (
        "What risks or objections came up?",
        'Dangers to the deal, in their words: "Union consultation needed before any automation".',
    ),
}
DEBRIEF_OUTCOME_CHOICES: dict[str, str] = {
    "best": "best: the best outcome",
    "minimum": "minimum: the minimum, not the best",
    "none": "none: neither; a continuation, the call ended with no customer action agreed",
}
DEBRIEF_ENGAGEMENT_CHOICES: dict[int, str] = {
    5: "5: fully engaged; asked questions, led parts of the call",
    4: "4: engaged",
    3: "3: polite; answered, asked little",
    2: "2: distracted; short answers",
    1: "1: not engaged at all",
}
DEBRIEF_THEY_WANTED = "They wanted: {goal}"
DEBRIEF_YOU_ASKED = "You asked for: {items}"
DEBRIEF_PREPARED_UNASKED = (
    "Did they come prepared?",
    "You had not asked them to prepare anything.",
)
DEBRIEF_PLANNED_BEST = "  Best outcome you planned: {best}"
DEBRIEF_PLANNED_MINIMUM = "  Minimum you would accept: {minimum}"
DEBRIEF_UPDATING = "Updating the debrief: your earlier answers are the defaults."
DEBRIEF_NEW_OPPORTUNITY = "Is this a new opportunity? {item}"
DEBRIEF_LEARNED_INTRO = (
    "Before the call you did not know these. What did you learn? (Blank: still unknown.)"
)
DEBRIEF_LEARNED_HELP = "Blank if you still don't know."
DEBRIEF_ANSWERED_INTRO = "Your questions for this call: did each get an answer?"
DEBRIEF_COMMITMENTS_SO_FAR = "Commitments recorded so far:"
DEBRIEF_COMMITMENT_STATUS: dict[str, str] = {
    "open": "still open",
    "done": "done",
    "remove": "remove (recorded by mistake)",
}
DEBRIEF_COMMITMENTS_NEW = "Commitments made in the call: who does what, by when."
DEBRIEF_COMMITMENT_WHAT = "What was committed? (empty to finish)"
DEBRIEF_COMMITMENT_WHO = "Who does it?"
DEBRIEF_COMMITMENT_SIDES: dict[str, str] = {"customer": "customer", "ours": "ours (us)"}
DEBRIEF_COMMITMENT_DUE = "By when?"
DEBRIEF_COMMITMENT_DUE_HELP = (
    'As said in the call ("Friday", "in 2 weeks"), counted from the day it was held; '
    "blank if no date was set."
)
DEBRIEF_DUE_BEFORE_CALL = "{due} is before the call ({held}): give a day on or after it"
DEBRIEF_DUE_BEFORE_CALL_IN = (
    "{source}: “{what}” is due {due}, before the call was held ({held}); "
    "a commitment made in a call falls due on or after it"
)
DEBRIEF_BAD_OUTCOME = "the outcome is best, minimum or none"
DEBRIEF_BAD_ENGAGEMENT = "engagement is a number from 1 to 5"
DEBRIEF_BAD_CHOICE = "pick one of the choices"
DEBRIEF_FROM_NO_TABLE = "{path}: no [debrief] table to take the answers from"
DEBRIEF_AHEAD_CONFIRM = "{title} is set for {when}, still ahead. Debrief it anyway?"
DEBRIEF_AHEAD_STOPPED = "not debriefed: that call is still ahead (give the id of the call you held)"
DEBRIEF_SAVED = "Debrief saved to {path}"


def debrief_heading(title: str, kind: str) -> str:
    return f"— Debrief: {title}{f' ({kind})' if kind else ''} —"


def commitment_line(commitment: dict[str, object]) -> str:
    due = commitment.get("due")
    by = f" by {due}" if due else ""
    who = "we" if commitment.get("who") == "ours" else "they"
    return f"{who}: {one_line(commitment.get('what', ''))}{by}"


# The coach's summary after a debrief.
def debrief_headline(outcome: str, best: str, minimum: str) -> str:
    if outcome == "best":
        return f"Best outcome reached: {one_line(best)}" if best else "Best outcome reached."
    if outcome == "minimum":
        reached = f": {one_line(minimum)}" if minimum else ""
        return f"Minimum reached, not the best{reached}."
    if outcome == "none":
        return (
            "No objective reached. This call was a continuation: it ended with no customer "
            "action agreed."
        )
    return "No outcome recorded yet: run `callprep debrief` again once you know."


SUMMARY_LABELS = {
    "risks": "Risks:",
    "reflection": "More was possible:",
    "opportunities": "New opportunities:",
    "next_step": "Next step:",
}
DEBRIEF_THEIR_GOAL = {
    True: "They got what they wanted from the call.",
    False: "They did not get what they wanted from the call.",
}
DEBRIEF_THEY_PREPARED = {
    True: "They came prepared.",
    False: "They did not come prepared.",
}


def debrief_engagement(level: int) -> str:
    return f"Engagement {level}/5{': low' if level <= 2 else ''}."


def lookback_intro(reached: bool, readiness: int, gaps: bool) -> str:
    going_in = f"Going in, the plan was {readiness}/100 ready"
    if not gaps:
        if reached:
            return f"{going_in}, nothing left open: it showed."
        return f"{going_in}, nothing left open: look at what happened in the call itself."
    if reached:
        return (
            f"{going_in}. Reached despite these gaps; closing them may get you further next time:"
        )
    return f"{going_in}. What it had open at the time of the call:"


def lookback_topics(names: list[str], state: str) -> str:
    """ "Urgency was unknown, and still is." / "X and Y were unknown; you learned them in the call." """
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    listed = listed[:1].upper() + listed[1:]
    one = len(names) == 1
    was = "was" if one else "were"
    if state == "known":
        return f"{listed} {was} unknown; you learned {'it' if one else 'them'} in the call."
    if state == "hedged":
        return f"{listed} {was} unknown; you learned part of {'it' if one else 'them'} in the call."
    return f"{listed} {was} unknown, and still {'is' if one else 'are'}."


def debrief_commitments(ours: int, theirs: int, plan_id: str) -> str:
    parts = [f"{ours} ours"] if ours else []
    parts += [f"{theirs} theirs"] if theirs else []
    return f"Open commitments: {', '.join(parts)}. When one is done: `callprep done {plan_id}`"


# Carry-forward into the next plan.
def known_heading(count: int, deal: str, last: str) -> str:
    calls = f"{count} call{'s' if count != 1 else ''}"
    when = f", the last on {last}" if last else ""
    return f"Known from earlier calls ({calls} on {deal}{when}):"


KNOWN_STILL_UNKNOWN = "  Still unknown: {topics}"
KNOWN_PEOPLE = "  People: {people}"
KNOWN_OURS = " [ours]"
KNOWN_KEEP = "Start from what is known? (No: go through it and change what is out of date.)"


def known_last_call(outcome: str, next_step: str) -> str:
    reached = {
        "best": "best outcome reached",
        "minimum": "minimum reached",
        "none": "a continuation",
    }
    step = f"; next step: {next_step}" if next_step else ""

    return f"  Last call: {reached.get(outcome, 'not debriefed')}{one_line(step)}"


def known_commitments(count: int, overdue: int) -> str:
    late = f", {overdue} overdue" if overdue else ""
    return f"  Open commitments: {count}{late} (they go on the brief)"


def known_unanswered(count: int) -> str:
    return f"  Still unanswered: {count} question{'s' if count != 1 else ''} (they go on the brief)"


def carried_note(count: int, deal: str, fields: list[str]) -> str:
    calls = f"{count} earlier call{'s' if count != 1 else ''}"
    parts = [f"the {name}" for name in ("opportunity", "attendees") if name in fields]
    answers = sum(1 for name in fields if name.startswith("discovery."))
    if answers:
        parts.append(f"{answers} discovery answer{'s' if answers != 1 else ''}")
    carried = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
    return f"Started from {calls} on {deal}: {carried} carried forward."


# --- transcripts: the call as it happened ----------------------------------------------------

TRANSCRIPT_STDIN = "stdin"
TRANSCRIPT_NOT_FOUND = "{path}: no such file (give a .vtt, .srt or .txt transcript, or - for stdin)"
TRANSCRIPT_FOLDER = "{path}: is a folder; give one transcript file (.vtt, .srt or .txt)"
TRANSCRIPT_STDIN_TTY = (
    "no transcript on stdin: pipe one in (`callprep transcript - < call.vtt`) or name the file"
)
TRANSCRIPT_TOO_BIG = "{path}: too big for a transcript (at most {mb} MB)"
TRANSCRIPT_BINARY = "{path}: is a binary file, not a transcript (.vtt, .srt or text)"
TRANSCRIPT_EMPTY = "{path}: is empty, not a transcript"
TRANSCRIPT_MALFORMED = "{path}: not a readable {layout} transcript ({detail})"
# `callprep debrief --transcript`: the transcript's findings as the debrief's defaults.
DEBRIEF_TRANSCRIPT_WHO = "Which side is {name} on? (not in the plan)"
DEBRIEF_TRANSCRIPT_SAID = "They said first: “{words}”"
DEBRIEF_TRANSCRIPT_SIDES: dict[str, str] = {"customer": "theirs (the customer's)", "ours": "ours"}
DEBRIEF_HEARD = "Heard at {at}: “{words}”"
DEBRIEF_ASKED_AT = "{question} (asked at {at})"
DEBRIEF_HEARD_OFF_SCRIPT = "Off the agenda at {at} for {took}: “{words}” Note it as off-script?"
DEBRIEF_HEARD_COMMITMENTS = "The transcript has {count} commitment(s): keep, edit or drop each."
DEBRIEF_HEARD_QUOTE = "  “{quote}”"
DEBRIEF_HEARD_CHOICES: dict[str, str] = {
    "keep": "keep",
    "edit": "edit what, who or when",
    "drop": "drop (not a commitment)",
}
DEBRIEF_COMMITMENT_WHAT_EDIT = "What was committed?"
DEBRIEF_OURS_WITHOUT_TRANSCRIPT = (
    "--ours names speakers of a transcript: give it with --transcript FILE"
)


def _minutes(seconds: float) -> str:
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02}"


def conversation_figures(
    share: float | None,
    monologues: tuple[float | None, float | None],
    questions: tuple[int | None, int | None],
    agenda: tuple[int, int],
    asked: tuple[int, int],
) -> str:
    """The call's figures from its transcript, in one sentence (the debrief's summary, `deal`)."""
    parts = []
    if share is not None:
        parts.append(f"we talked {round(share * 100)}% of the time")
    ours, theirs = monologues
    if ours is not None and theirs is not None:
        parts.append(f"longest monologue {_minutes(ours)} ours, {_minutes(theirs)} theirs")
    asked_us, asked_them = questions
    if asked_us is not None and asked_them is not None:
        parts.append(f"questions {asked_us} by us, {asked_them} by them")
    if agenda[1]:
        parts.append(f"agenda {agenda[0]} of {agenda[1]} covered")
    if asked[1]:
        parts.append(f"{asked[0]} of {asked[1]} planned questions asked")
    return "From the transcript: " + "; ".join(parts) + "." if parts else ""


# `callprep transcript`: the analysis in the terminal.
TRANSCRIPT_WORD = "transcript"
TRANSCRIPT_NO_PLAN_TITLE = "A call"
TRANSCRIPT_HEADINGS = {
    "talk": "Who talked",
    "their_questions": "Their questions",
    "agenda": "Agenda covered",
    "asked": "Your planned questions asked",
    "learned": "What they told you (unknown before the call)",
    "off_script": "Off the agenda",
    "commitments": "Commitments",
}
TRANSCRIPT_SIDES = {"ours": "we", "customer": "they", "unknown": "?"}
TRANSCRIPT_MONOLOGUES = "Longest monologue: ours {ours}, theirs {theirs}."
TRANSCRIPT_QUESTIONS = "Questions asked: {ours} by us, {theirs} by them."
TRANSCRIPT_GUESSED = (
    "Not in the plan, so taken as theirs (?): {names}. Say who is ours with --ours NAME."
)
TRANSCRIPT_STRETCH = "{at} for {took}"
TRANSCRIPT_NO_COMMITMENTS = "none heard"
TRANSCRIPT_NO_DUE = "no date"
TRANSCRIPT_NEXT_STEP = "Next step:"
TRANSCRIPT_NOT_SAVED = (
    "Nothing was saved. To keep what you choose of it: "
    "`callprep debrief {plan} --transcript {source}`"
)
TRANSCRIPT_NOT_SAVED_NO_PLAN = (
    "Nothing was saved. With --plan PLAN it is held against the call's plan; "
    "`callprep debrief PLAN --transcript FILE` keeps what you choose of it."
)


def transcript_subtitle(length: str, speakers: int, timed: bool) -> str:
    people = f"{speakers} speaker{'s' if speakers != 1 else ''}"
    timing = "" if timed else ", times estimated from the words (the file has none)"
    return f"{length} of talk, {people}{timing}"


def transcript_share(percent: int) -> str:
    return f"Our share of the talk: {percent}%."


def of_count(done: int, total: int) -> str:
    return f"{done} of {total}"


TRANSCRIPT_NO_SPEAKERS = (
    "{path}: no speakers found; a transcript names who speaks (`<v Name>`, `Name: text`, "
    "`Name  0:03` or `0:03 - Name`)"
)


# --- people (the interview, the debrief and carry-forward) ---------------------------------

PERSON_SIDES = {"customer": "theirs", "ours": "ours"}
PERSON_SIDE_CHOICES = {"customer": "theirs (the customer)", "ours": "ours"}
# Miller Heiman's buying influences, as the seller picks them; "" is not known.
INFLUENCE_CHOICES: dict[str, str] = {
    "": "don't know",
    "economic": "economic: says yes and releases the money",
    "user": "user: will use it day to day",
    "technical": "technical: screens it (IT, security, procurement)",
    "coach": "coach: guides us, wants us to win",
}
STANCE_CHOICES: dict[str, str] = {
    "": "don't know",
    "supporter": "supporter",
    "neutral": "neutral",
    "sceptic": "sceptic",
}
# The attendees question of an interview, asked person by person.
ATTENDEES_ADD = "{question} Add each person; leave the name empty when done."
ATTENDEE_NAME = "Name"
ATTENDEE_NEXT_NAME = "Next person's name"
ATTENDEE_ROLE_HELP = "e.g. VP Operations; blank if unknown"
PERSON_STILL_RIGHT = "Still right? {person}"
PERSON_NAME = "{name}: name (correct it if it was a placeholder)"
PERSON_ROLE = "{name}'s role"
PERSON_ROLE_HELP = "e.g. VP Operations; blank if unknown."
PERSON_SIDE = "Which side is {name} on?"
PERSON_EMAIL = "{name}'s email"
PERSON_EMAIL_HELP = "Blank if you don't know it."
PERSON_BAD_EMAIL = (
    "{value!r} is not an email address (e.g. dana@acme.com); blank if you don't know it"
)
PERSON_INFLUENCE = "{name}'s influence on the decision"
PERSON_STANCE = "Where does {name} stand on us?"
PERSON_NEW = "Anyone else who joined? Their name (empty when done)"
PERSON_NEW_HELP = "Someone who turned up, or who you learned has a say."
PEOPLE_DEBRIEF_INTRO = "The people on the call: is each still right? (Enter: yes.)"
PEOPLE_CARRIED_INTRO = "The people, as last known: is each still right? (Enter: yes.)"
PEOPLE_CARRIED_UPDATE = "Update the people (a name, a role, influence or stance, or someone new)?"
PEOPLE_FROM_NOT_TABLES = (
    "expected [[attendees]] tables (name, role, side, email, influence, stance)"
)
PEOPLE_FROM_NO_NAME = "needs a name (and `was` to rename someone)"


# --- `callprep deal`: the deal's story and the mutual action plan ---------------------------

DEAL_NOT_FOUND = "no plan or account {ref!r} (run `callprep list` to see them)"
DEAL_ACCOUNTS_AMBIGUOUS = (
    "{text!r} starts the name of several accounts ({accounts}); type more of it"
)
DEAL_WHICH_OPPORTUNITY = "{account} has {count} deals ({known}); name one with --opportunity"
DEAL_NO_OPPORTUNITY = "{account} has no deal {opportunity!r} (its deals: {known})"
DEAL_NONE = "none named yet"
DEAL_HEADINGS: dict[str, str] = {
    "calls": "Calls",
    "people": "People",
    "missing": "Still missing",
    "commitments": "Open commitments",
    "risks": "Risks",
    "opportunities": "New opportunities",
    "unknown": "Still unknown",
    "next_step": "Next step",
}
DEAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "calls": ("when", "kind", "objective", "outcome"),
    "people": ("name", "role", "side", "influence", "stance", "last seen"),
    "commitments": ("who", "what", "due", ""),
}
DEAL_OUTCOMES = {
    "best": "best outcome",
    "minimum": "minimum",
    "none": "continuation",
    "": "not debriefed",
}
DEAL_AHEAD = "ahead"
DEAL_CANCELLED = "cancelled"
DEAL_NO_DATE = "no date"
DEAL_NO_CALLS = "No calls on this deal yet."
DEAL_NOBODY = "Nobody listed yet."
DEAL_NOTHING = "nothing"
DEAL_ALL_KNOWN = "Everything the coach asks about is known."
DEAL_MISSING_ECONOMIC = (
    "Nobody known to hold the budget (influence “economic”): find out who says yes and "
    "releases the money."
)
DEAL_MISSING_OTHERS = "No one known as: {influences}."
DEAL_SUBTITLE = "The deal so far: {calls}"
DEAL_FOOTER = "callprep deal · {date}"
# The mutual action plan: for the customer's eyes, in both sides' words.
MAP_TITLE = "Mutual action plan"
MAP_INTRO = "The steps we agreed, on both sides, in date order."
MAP_COLUMNS = ("", "step", "owner", "by")
MAP_DONE = "done"
MAP_NO_DATE = "—"
MAP_NEXT_STEP = "Next step"
MAP_NO_STEPS = "No steps agreed yet."
MAP_TEAM = "Who is who"
MAP_OUR_TEAM = "Our team"
MAP_THEIR_TEAM = "Your team"


# `callprep done`
DONE_HEADING = "Commitments on {deal}:"
DONE_HINT = "Mark one done: `callprep done {ref} NUMBER` (`--undo` reopens it)."
DONE_NONE = "No commitments recorded on {deal} yet; `callprep debrief PLAN` records them."
DONE_BAD_NUMBER = "there is no commitment {number} on this deal (1 to {count}); run `callprep done {ref}` to see them"
DONE_MARKED = "Done: {what}"
DONE_REOPENED = "Open again: {what}"
DONE_CHANGED = (
    "the plan changed while marking ({what!r} is no longer there); nothing was marked in it, "
    "run it again"
)
DONE_OVERDUE = "overdue"
DONE_SOURCES = {"transcript": "from the transcript:"}
DONE_COLUMNS = ("who", "what", "due", "call of")


# --- agenda message and invite -----------------------------------------------------------
# The message is written to the customer, in the seller's voice: an up-front contract
# (time, purpose, their agenda, ours, what to bring, the outcome) that reads like a person.

AGENDA_DEFAULT_MINUTES = 30

AGENDA_SUBJECT = "Agenda for our {noun}{on_day}{topic}"
AGENDA_GREETING = "Hi {names},"
AGENDA_GREETING_NOBODY = "Hello,"
AGENDA_GREETING_ALL = "Hi all,"
# The up-front contract's purpose, in the seller's words ("to decide whether a pilot makes sense").
AGENDA_PURPOSE_THEIRS = "The purpose of the {noun} is {purpose}."
# A time zone as people name it: "New York time".
AGENDA_ZONE = "{city} time"
AGENDA_BOTH_ZONES = "{theirs} ({ours})"

# The short message (the default): under 120 words for a prepared call.
AGENDA_SHORT_OPENING = "Ahead of our {noun} on {when}, here is what I suggest we cover:"
AGENDA_SHORT_OPENING_NO_ITEMS = (
    "Ahead of our {noun} on {when}, I'd like to agree the agenda with you."
)
AGENDA_SHORT_PURPOSE = "The purpose of our {noun} on {when} is {purpose}."
AGENDA_SHORT_ITEMS = "Here is what I suggest we cover:"
AGENDA_SHORT_NO_TIME = (
    "I'd like to set up a {minutes}-minute {noun} with you: which times would suit you over the "
    "next few days?"
)
AGENDA_SHORT_GOAL = "As I understand it, you'd like to {goal}. Is that right?"
AGENDA_SHORT_GOAL_PHRASE = "As I understand it, what matters most to you is {goal}. Is that right?"
AGENDA_SHORT_GOAL_UNKNOWN = "What would you most like to get out of it?"
AGENDA_SHORT_PREP = "It would help if you could bring:"
AGENDA_SHORT_OUTCOME: dict[str, str] = {
    "discovery": "By the end, let's decide together whether a next step makes sense; a no is fine too.",
    "demo": "By the end, let's decide together whether it covers what you need; a no is fine too.",
    "proposal": "By the end, I'd like us to know whether the proposal works for you.",
    "negotiation": "By the end, I'd like us to have agreed the terms and the steps to a signature.",
    "review": "By the end, let's agree what to keep, what to change, and who does what next.",
}
AGENDA_SHORT_OUTCOME_DEFAULT = "By the end, let's agree the next step together."
AGENDA_SHORT_CLOSE = "Should anyone else join? Let me know what you'd add or change."
AGENDA_SHORT_CLOSE_OURS = (
    "{people} will join me. Should anyone else join from your side? Let me know what you'd "
    "add or change."
)
AGENDA_WORD_LIMIT = 120
AGENDA_OPENING = (
    "Thank you for making time for our {noun} on {when}. So that we make the most of "
    "the {minutes} minutes, I'd like to agree the agenda with you beforehand."
)
AGENDA_OPENING_NO_TIME = (
    "I'd like to set up a {minutes}-minute {noun} with you: which times would suit you over "
    "the next few days? So that we make the most of it, I'd like to agree the agenda with "
    "you beforehand."
)

# What the customer calls each kind of call: nobody wants to be "discovered".
AGENDA_NOUN: dict[str, str] = {"demo": "demo", "proposal": "meeting", "review": "review"}
AGENDA_NOUN_DEFAULT = "call"

AGENDA_PURPOSE: dict[str, str] = {
    "discovery": (
        "The purpose of the call is to understand what you want to achieve, and whether "
        "and how we can help."
    ),
    "demo": (
        "The purpose of the demo is to show you how we handle the things that matter most "
        "to you, rather than every feature we have."
    ),
    "proposal": (
        "The purpose of the meeting is to walk you through our proposal and make sure it "
        "fits what you need."
    ),
    "negotiation": (
        "The purpose of the call is to work through the open points so that we can both move ahead."
    ),
    "review": "The purpose of the review is to look at how things are going and what should come next.",
}
AGENDA_PURPOSE_DEFAULT = (
    "The purpose of the call is to make real progress on what matters most to you."
)

AGENDA_THEIR_GOAL = (
    "As I understand it, you'd like to {goal}. Is that right, and is there anything else "
    "you'd like to get out of the {noun}?"
)
AGENDA_THEIR_GOAL_PHRASE = (
    "As I understand it, what matters most to you is {goal}. Is that right, and is there "
    "anything else you'd like to get out of the {noun}?"
)
AGENDA_THEIR_GOAL_UNKNOWN = (
    "What would you most like to get out of the {noun}? Tell me and I'll make sure we cover it."
)
AGENDA_ITEMS_INTRO = "Here is what I suggest we cover:"
AGENDA_ITEMS_NONE = "Once I hear from you, I'll send round a short agenda for the {noun}."
AGENDA_PREP_INTRO = "It would help a lot if you could bring:"

AGENDA_OUTCOME: dict[str, str] = {
    "discovery": (
        "By the end of the call, I'd suggest we decide together whether a next step makes "
        "sense, and what it would be. If it turns out not to be a fit, that's fine to say too."
    ),
    "demo": (
        "By the end of the demo, I'd suggest we decide together whether what you saw covers "
        "what you need, and what the next step would be. If it doesn't, that's fine to say too."
    ),
    "proposal": (
        "By the end of the meeting, I'd like us to know whether the proposal works for you, "
        "and what it would take to go ahead."
    ),
    "negotiation": (
        "By the end of the call, I'd like us to have agreed the terms, and the steps to a signature."
    ),
    "review": "By the end of the review, I'd like us to have agreed what to keep, what to change, and who does what next.",
}
AGENDA_OUTCOME_DEFAULT = (
    "By the end of the call, I'd like us to have agreed the next step together."
)

AGENDA_JOIN = (
    "Is there anyone else who should join? If others will have a say in this, it would be "
    "good to have them with us."
)
AGENDA_JOIN_OURS = (
    "From our side, {people} will join me. Is there anyone else on your side who should be "
    "there? If others will have a say in this, it would be good to have them with us."
)
AGENDA_CLOSE = "Does this work for you? Let me know anything you'd add or change."
AGENDA_SIGN_OFF = "Best regards,"

AGENDA_LENGTH_ASSUMED = "no length in the plan: the message (and invite) say {minutes} minutes"
AGENDA_NO_TIME = (
    "no start time in the plan: the message asks them for a time "
    "(add starts_at with `callprep edit {ref}`)"
)
AGENDA_NO_ITEMS = (
    "no agenda items in the plan: the message asks them what to cover "
    "(add agenda.items with `callprep edit {ref}`)"
)
AGENDA_NO_PREP = "nothing asked of them to prepare: the message asks for nothing to bring"
AGENDA_NO_CUSTOMER = "nobody on the customer's side in the plan: the greeting names nobody"
AGENDA_IN_PAST = "the call's start time ({when}) has already passed"

ICS_NEEDS_START = (
    "the invite needs a start time, and the plan has none: add starts_at "
    "(`callprep edit {ref}`), e.g. starts_at = 2026-12-03T15:00:00-05:00"
)
ICS_NO_ORGANIZER = (
    "nobody on our side has an email in the plan: the invite is a plain calendar event, "
    "not an invitation (add `email` to your attendee entry to send it as one)"
)
ICS_THEIR_MEETING = (
    "{name} organised this meeting, so no invite was written (only their own update changes "
    "it in their calendar): send the agenda by email instead (`callprep agenda {ref}`)"
)
ICS_NOT_INVITED = "{name} has no email in the plan, so is named in the invite but not invited"
ICS_BAD_EMAIL = "{name}'s email {email!r} is not an address; left out of the invite"
ICS_DESCRIPTION_AGENDA = "Agenda:"
ICS_DESCRIPTION_PREP = "Please bring:"
ICS_DESCRIPTION_PEOPLE = "With: {people}"
ICS_SUMMARY = "{account}: {topic}"
ICS_SUMMARY_NO_TOPIC = "{account} {noun}"

# --- safe to send: what the customer receives -------------------------------------------------
# One closing, one signature: a signature whose first line is one of these (any case, with or
# without a comma, or followed by ", Name") already closes the message, so no "Best regards,"
# goes before it.
# fmt: off
CLOSINGS = (
    "best", "best regards", "best wishes", "all the best", "kind regards", "kindest regards",
    "warm regards", "warmest regards", "warm wishes", "regards", "many thanks", "thanks",
    "thanks again", "thanks so much", "thank you", "with thanks", "cheers", "sincerely",
    "yours sincerely", "yours faithfully", "yours truly", "yours", "talk soon", "speak soon",
    "viele grüße", "viele grüsse", "viele gruesse", "beste grüße", "beste grüsse",
    "liebe grüße", "freundliche grüße", "mit freundlichen grüßen", "mit freundlichen grüssen",
    "mit besten grüßen", "herzliche grüße", "grüße", "gruß", "lg", "vg", "mfg",
    "cordialement", "bien cordialement", "bien à vous", "saludos", "un saludo", "atentamente",
    "cordiali saluti", "saluti", "distinti saluti", "met vriendelijke groet",
    "met vriendelijke groeten", "groeten", "hartelijke groet", "med vänlig hälsning",
    "vänliga hälsningar", "hälsningar", "mvh", "venlig hilsen", "med venlig hilsen",
    "pozdrawiam", "atenciosamente", "abraços", "saudações",
)
# fmt: on
AGENDA_NO_SIGNATURE = (
    "no name to sign with: the message ends with the closing alone "
    "(`callprep profile` sets your name and signature)"
)
PROFILE_SIGN_OFF = "Your messages end like this:"

# An invite for an imported meeting is that meeting's next version, the agenda a marked block
# at the top of its description (a later run replaces it).
ICS_BLOCK_AGREED = "--- Agenda (agreed with you) ---"
ICS_BLOCK_PROPOSED = "--- Agenda (proposed) ---"
ICS_BLOCK_END = "--- End of agenda ---"
ICS_UPDATE_NO_AGENDA = (
    "no agenda in the plan: the update adds none to the meeting (add items with "
    "`callprep edit {ref}`)"
)
ICS_EVENT_UNREADABLE = (
    "the meeting as your calendar gave it is no longer readable in the plan: the invite is "
    "made from the plan instead, and may not keep the meeting's own details (import it again)"
)
ICS_DESCRIPTION_WAS_CUT = (
    "the meeting's description was too long to keep in the plan: the update's description "
    "holds the agenda alone (its join link stays in the meeting's conference properties)"
)
ICS_NOT_ON_MEETING = "{name} is in the plan but not on the meeting: add them in your calendar"
IMPORT_EVENT_CUT = (
    "{summary}: its description is too long to keep for the invite that updates it; the plan "
    "keeps the rest of the meeting"
)

# `brief --share`: the up-front contract on paper, for the customer (second person).
SHARE_HEADINGS: dict[str, str] = {
    "theirs": "Your side",
    "ours": "Our side",
    "why": "Why we're meeting",
    "agenda": "Agenda",
    "bring": "What you'll bring",
    "outcome": "The outcome we propose",
    "agreed": "Agreed so far",
    "next_step": "Next step",
    "notes": "Notes",
    "today": "Agreed today: who does what, by when",
}
SHARE_GOAL = "As we understand it, you'd like to {goal}."
SHARE_GOAL_PHRASE = "As we understand it, what matters most to you is {goal}."
SHARE_GOAL_UNKNOWN = "What would you most like to get out of the {noun}?"
SHARE_NO_TIME = "time to be agreed"
SHARE_UNTITLED = "Our {noun}"
SHARE_NOBODY = "to be confirmed"
SHARE_NO_AGENDA = "to be agreed together"
SHARE_NOTHING_TO_BRING = "nothing to prepare"
SHARE_DONE = "done"
SHARE_BY = "by {day}"

# `followup --ics`: the next meeting's date, read beyond doubt, or no invite.
FOLLOWUP_ICS_UNCLEAR = (
    "the next step's date is not clear ({problem}); no invite written (`callprep debrief` again)"
)
FOLLOWUP_ICS_PART = (
    "the next step's date {text!r} could be read only in part ({part!r}); no invite written: "
    'write it as e.g. "12 Jan 2027 10:00" (`callprep debrief` again)'
)
FOLLOWUP_ICS_NO_SUCH_DAY = (
    "the next step names {text!r}, a day no month has; no invite written (`callprep debrief` again)"
)
FOLLOWUP_ICS_BEFORE_CALL = (
    "the next step's date ({day}) is not after the call on {held}; no invite written: an "
    "invite is for a meeting still to come (`callprep debrief` again)"
)
FOLLOWUP_ICS_NO_YEAR = (
    "the next step's {text!r} reads as {day}, most of a year after the call; no invite written: "
    "add the year if that is meant (`callprep debrief` again)"
)
FOLLOWUP_ICS_TOO_FAR = (
    "the next step's {text!r} reads as {day}, more than a year after the call; no invite "
    'written: write the date alone, e.g. "12 Jan 2027 10:00" (`callprep debrief` again)'
)

AGENDA_MARKED_SHARED = "Marked the agenda as sent to the customer."
AGENDA_MARKED_CONFIRMED = "Marked the agenda as sent to and confirmed by the customer."
AGENDA_ALREADY_MARKED = "Nothing to change: the agenda is already marked as {state}."
AGENDA_DRAFT_OFFER = "Draft the message that proposes the agenda to the customer?"
AGENDA_DRAFT_AFTER = (  # each command whole on a line of its own: never folded inside the id
    "A calendar invite to send with it:\n"
    "  callprep agenda {id} --ics invite.ics\n"
    "Once you have sent it:\n"
    "  callprep agenda {id} --mark-shared"
)


# --- stats -------------------------------------------------------------------------------

STATS_EMPTY = "No calls yet. Plan one with `callprep new`; debrief it after the call."
STATS_NO_MATCH = "No calls match."
STATS_BAD_SINCE = '--since {value!r}: which day? e.g. "1 Jan" or "2026-01-01"'
STATS_NO_DEBRIEFS = (
    "No call debriefed yet. Run `callprep debrief PLAN` after each call to see what your "
    "preparation achieves."
)
STATS_NO_SIDE = "no debriefed calls"
STATS_WITH_AGENDA = "agenda confirmed"
STATS_WITHOUT_AGENDA = "no confirmed agenda"
STATS_OUTCOMES = "outcomes"
STATS_STALLED = "stalled"
STATS_HISTORY_LEGEND = "● best  ◐ minimum  ○ continuation  · not debriefed"
STATS_MORE = "… and {count} more (callprep stats --json lists them all)"
STATS_NO_OVERDUE = "No commitment is overdue."
# Outcomes against the conversation, for calls debriefed from their transcript.
STATS_CONVERSATION_HEADING = "Objective reached, by how the call went"
STATS_CONVERSATION_COUNT = "{count} calls with a transcript"
STATS_CONVERSATION_ROWS = (
    "we talked under half",
    "we talked half or more",
    "asked most planned questions",
    "asked fewer than half",
)

# `list --upcoming`: a coming call's biggest gaps.
LIST_NO_MATCH = "No plans match."
UPCOMING_EMPTY = "No calls in the next {days} days."
FIX_FIRST = "fix first: {gap}"
FIX_MORE = "  (+{count} more)"
# An imported meeting nobody has prepared yet.
NOT_PREPARED = "not prepared yet; prepare it with:"


# --- dates as people type them ------------------------------------------------------------
# (dates.py: every date or time a seller types; each refusal names what they typed first, so
# the interview's validator shows what follows the first ": ".)

DATE_UNREADABLE_DATETIME = (
    '{text!r}: not a date and time I can read; try "tomorrow 10:00" or "{iso} 15:00"'
)
DATE_UNREADABLE_DATE = '{text!r}: not a date I can read; try "{day_month_year}" or "{iso}"'
DATE_TOO_LONG = (
    "that answer is {length} characters long, too long for a date (at most {limit}); "
    'try "tomorrow 10:00" or "{iso}"'
)
DATE_NEEDS_TIME = '{text!r}: add the time too, e.g. "{first}" or "{second}"'
DATE_AMBIGUOUS_NUMERIC = (
    '{text!r}: {one} or {other}? Write the month as a word: "{first}" or "{second}"'
)
DATE_AMBIGUOUS_NEXT = '{text!r}: {one} or {other}? Name the date: "{first}" or "{second}"'
DATE_AMBIGUOUS_ZONE = (
    '{text!r}: {abbr} could be India, Irish or Israel time; write the zone: "{first}" or "{second}"'
)
DATE_VAGUE = '{text!r}: which day? Name one, e.g. "{first}" or "{second}"'
DATE_YEAR_RANGE = (
    "{text!r}: the year {year} looks like a typo (callprep plans between {low} and {high}); "
    "check the year"
)
DATE_WRONG_WEEKDAY = "{text!r}: {date} is a {actual}, not a {named}; check the day or the date"
DATE_UNKNOWN_ZONE = "{name!r}: not a time zone I know; use an IANA name such as Europe/London"
DATE_ECHO = "→ {value}"
DATE_ECHO_TEXT = "→ “{text}” (no date in it: kept as you wrote it)"


# --- a week of daily use: one person at a time, defaults, accounts, dates, small fixes ----------

# Under a question whose current answer shows selected (prompts.text_question).
PROMPT_DEFAULT_SELECTED = "Enter keeps it · typing replaces it · ← or → to change a word"
# `edit --section people` (and any interview that has people already): one person at a time.
PEOPLE_NOW = "The people on the call:"
PEOPLE_PICK = "Change someone, add or remove one, or keep them?"
PEOPLE_DONE = "Keep them as they are"
PEOPLE_CHANGE = "Change {name}"
PEOPLE_ADD = "Add someone"
PEOPLE_REMOVE = "Remove someone"
PEOPLE_REMOVE_WHOM = "Remove whom?"
PEOPLE_REMOVE_NOBODY = "Nobody: go back"
PEOPLE_ADD_NAME = "Their name (empty to go back)"
PEOPLE_REMOVED = "Removed {name}."
# `new --account acme` when "Acme Logistics" is known: its calls carry forward.
ACCOUNT_EXISTING_ONE = (
    "{account!r} starts the name of {existing}. Use it (its calls carry forward)?"
)
ACCOUNT_EXISTING_SEVERAL = "{account!r} starts the names of {count} accounts. Which one is it?"
ACCOUNT_NEW_CHOICE = "a new account: {account}"
ACCOUNT_TAKEN = (
    "Using the existing account {existing} for {account!r} (--new-account keeps {account!r})."
)
ACCOUNT_SEVERAL = (
    "{account!r} starts {count} accounts ({names}); give the whole name, or --new-account "
    "to start {account!r}"
)
# A new call in the past: asked before saving in a terminal, said after saving otherwise.
PAST_CALL_CONFIRM = "{when} is in the past. Plan it for then anyway?"
PAST_CALL_SAVED = "{when} is in the past; saved anyway (`callprep debrief {id}` once it was held)."
RESCHEDULED_INTO_PAST = (
    "{when} is in the past; moved anyway (`callprep debrief {id}` once it was held)."
)
DATE_NO_SUCH_DAY = '{text!r}: {month} has only {days} days; try "{first}" or "{second}"'
# Ctrl-C in an interview before any answer: nothing to keep.
NOTHING_KEPT = "Interrupted. Nothing was answered, so nothing was kept."
DRAFT_STILL_THERE = "Interrupted. Your earlier draft is still there; run `{command}` to resume it."
# `delete --restore` with something that is no plan id.
RESTORE_NOT_AN_ID = "{ref!r} is not a plan id: --restore takes the id of a deleted plan{hint}"
RESTORE_IN_TRASH = " (in the trash: {names})"
RESTORE_TRASH_EMPTY = " (the trash is empty)"
# An earlier id names one plan only.
ALIAS_SEVERAL = "{ref!r} is an earlier id of {count} plans ({ids}); name one by its id"
ALIAS_MOVED = "{alias} was also an earlier id of {other}; it now finds {id} only."
# `-o -` is stdout.
OUTPUT_STDOUT_BINARY = "that is no text for a terminal; give -o a file name, or pipe it"
EXPORT_CSV_STDOUT = (
    "csv writes two files (calls, and commitments beside them); give -o a file name, "
    "or use --format jsonl for stdout"
)
# `profile set`: what the key will be used for must exist.
PROFILE_NO_PLAYBOOK = "{problem}; `callprep playbooks` lists them"
PROFILE_EMAIL_TOO_LONG = (
    "that is {length} characters long, too long for an email address (at most {limit})"
)
DATE_ZONE_SUGGEST = "{name!r}: not a time zone I know; did you mean {match}?"
# A PLAN that is neither a plan file nor an id.
PLAN_NOT_A_FILE = "{ref}: {what}, not a plan file"
NOT_A_FILE_KINDS = {
    "folder": "a folder",
    "fifo": "a named pipe (FIFO)",
    "char": "a character device",
    "block": "a block device",
    "socket": "a socket",
    "other": "not a regular file",
}
# The brief's notes of an imported meeting: what they are.
NOTE_LABELS_IMPORTED = {"event": "Invite title", "agenda": "Invite description"}


# --- the seller's profile ------------------------------------------------------------------

PROFILE_BAD_EMAIL = "{value!r} is not an email address (e.g. ann@ourco.com)"
PROFILE_BAD_DOMAIN = "{value!r} is not an email domain (e.g. ourco.com)"
PROFILE_BAD_PAPER = "{value!r}: paper is a4 or letter"
PROFILE_UNKNOWN_KEY = "no profile key {key!r} (the keys: {keys})"
PROFILE_EMPTY = (
    "No profile yet. `callprep profile` asks for it (in a terminal), or set one key at a time: "
    'callprep profile set name "Ann Example"'
)
PROFILE_SET = "Set {key}: {value}"
PROFILE_CLEARED = "Cleared {key}."
PROFILE_SAVED = "Saved {path}"
PROFILE_INTRO = "Who you are, so plans, messages and invites don't have to ask. Enter skips one."
PROFILE_OFFER = "Set up your profile first (name, email, company; a minute, and skippable)?"
PROFILE_OFFER_LATER = "Skipped; `callprep profile` sets it up any time."
PROFILE_QUESTIONS: dict[str, tuple[str, str]] = {
    "name": ("Your name?", "As the customer sees it in messages and invites."),
    "email": (
        "Your work email?",
        "The invite's organizer; its domain tells which attendees are ours.",
    ),
    "company": ("Your company's name?", "Named in the agenda message."),
    "title": ("Your title?", "e.g. Account Executive; blank to leave it out."),
    "timezone": ("Your time zone?", "An IANA name, e.g. Europe/London or America/New_York."),
    "signature": (
        "Your email signature?",
        "Ends the agenda message and the follow-up; start it with your closing "
        '("Kind regards,") to use your own instead of "Best regards,".',
    ),
    "domains": (
        "Your company's email domains?",
        "Separated by spaces; attendees at these are on our side.",
    ),
    "paper": ("Paper for printed briefs?", ""),
    "playbook": ("Playbook for new plans?", "`callprep playbooks` lists them."),
}
PROFILE_DEFAULT_NOTE = "{value} (not set: the default)"
PROFILE_BLANK_MEANS = "Enter: {value}."
PROFILE_IGNORED = "ignoring your profile for now: {problem}"


# `callprep` alone, in an empty store: what to do first, in three lines.
START_HERE = (
    "callprep profile          tell callprep who you are (a minute, once)",
    "callprep new              plan your next customer call, with the coach",
    "callprep import FILE.ics  start plans from the meetings in your calendar",
)


# --- reschedule, delete ----------------------------------------------------------------------

RESCHEDULE_NO_WHEN = 'reschedule needs the new time, e.g. "Tue 10:00" or "2026-12-08 10:00"'
RESCHEDULED = "Moved to {when}."
RESCHEDULED_NEW_ID = "Moved to {when}. The plan is now {new}; {old} still finds it."
DELETE_WHAT = "name the plan to delete (or --restore ID to bring one back)"
DELETED = "Moved {id} to the trash ({trash}); `callprep delete --restore {id}` brings it back."
RESTORED = "Restored {id}: {path}"


# --- calendar in -------------------------------------------------------------------------

# Errors (one line, naming the file): a source that cannot be read at all.
CAL_NOT_FOUND = (
    "{path}: no such file or folder (give an .ics file, a folder of them, or - for stdin)"
)
CAL_NOT_REGULAR = (
    "{path} is not a calendar file but a device, pipe or socket: give an .ics file, "
    "a folder of them, or - for stdin"
)
CAL_TOO_BIG = "{path} is larger than {mb} MB, so it was not read: export a shorter period"
CAL_TOO_MUCH = "the calendars given add up to more than {mb} MB: import fewer at a time"
CAL_CANNOT_OPEN = "cannot read {path}: {problem}"
CAL_NOT_CALENDAR = "{path} is not a calendar file: {why}"
CAL_STDIN = "standard input"
CAL_STDIN_TTY = (
    "`-` reads a calendar piped in, and nothing is: e.g. cat invite.ics | callprep import -"
)

# Why a file or an event could not be read (after "unreadable: ").
CAL_WHY_GONE = "it is gone"
CAL_WHY_NOT_REGULAR = "not a regular file (a device, pipe or socket)"
CAL_WHY_TOO_BIG = "larger than {mb} MB"
CAL_WHY_TTY = "nothing piped in"
CAL_WHY_ENCODING = "its text encoding is broken"
CAL_WHY_EMPTY = "it is empty"
CAL_WHY_BINARY = "it holds binary data, not text"
CAL_WHY_SYNTAX = "its text is not iCalendar (line {line})"
CAL_WHY_CUT_OFF = "it is cut off (no END:VCALENDAR)"
CAL_WHY_NO_CALENDAR = "no BEGIN:VCALENDAR in it"
CAL_WHY_NO_START = "no start time"
CAL_WHY_TWO_STARTS = "more than one start time"
CAL_WHY_BAD_DATE = "its {what} is not a date"
CAL_WHY_OUT_OF_RANGE = "a date outside the calendar (the year 1 or 9999)"
CAL_WHY_BAD_DURATION = "its DURATION is not a duration"
CAL_WHY_ENDS_BEFORE = "it ends before it starts"
CAL_WHY_TOO_LONG = "it lasts more than {days} days"
CAL_WHY_BAD_RULE = "its repeat rule (RRULE) cannot be read"
CAL_WHY_TOO_OFTEN = "it repeats too often to list (RRULE)"

# Skip reasons, as `import` lists them.
CAL_SKIP_FILE = "unreadable: {path}: {why}"
CAL_SKIP_UNREADABLE = "unreadable: {why}"
CAL_SKIP_ALL_DAY = "all-day event"
CAL_SKIP_NO_ATTENDEES = "not a meeting (no attendees)"
CAL_SKIP_TOO_LONG = "not a call (lasts {hours} hours)"

# `callprep import`: what became of each meeting.
IMPORT_SKIP_INTERNAL = "internal: nobody from outside {domains}"
IMPORT_NO_DOMAINS = "our domains"
IMPORT_SKIP_CANCELLED = "cancelled, and no plan to mark"
IMPORT_NO_SOURCE = (
    "give a calendar to import: an .ics file, a folder of them (a vdir), or - for stdin"
)
IMPORT_BAD_DAYS = "--days {days}: give a number of days from 1 to {limit}"
IMPORT_GUESSED_DOMAIN = (
    "no email or domains in your profile: {domain} is taken as your company's (it is on the "
    "most of these meetings); set yours with `callprep profile set email you@yourco.com`"
)
IMPORT_NO_DOMAIN = (
    "no email or domains in your profile, and no addresses on these meetings: nobody can be "
    "told apart from your side; set yours with `callprep profile set email you@yourco.com`"
)
IMPORT_ACTIONS = {
    "created": "new",
    "updated": "updated",
    "cancelled": "cancelled",
    "unchanged": "unchanged",
}
IMPORT_DRY_ACTIONS = {
    "created": "would add",
    "updated": "would update",
    "cancelled": "would cancel",
    "unchanged": "unchanged",
}
IMPORT_COUNTS = "{created} new, {updated} updated, {unchanged} unchanged, {skipped} skipped."
IMPORT_DRY_COUNTS = (
    "Would add {created}, update {updated}; {unchanged} unchanged, {skipped} skipped. "
    "Nothing was written (--dry-run)."
)
IMPORT_NOTHING = "No meetings from {start} to {end} in what was given."
IMPORT_SKIPPED = "Skipped: {reasons}."
IMPORT_SKIP_GROUPS = {
    "internal": "internal",
    "all_day": "all-day",
    "no_attendees": "no attendees",
    "too_long": "longer than a day",
    "cancelled": "cancelled",
    "unreadable": "unreadable",
    "too_often": "more than once a day",
    "same_uid": "UID used twice",
    "too_big": "too big",
    "plan_unreadable": "plan unreadable",
    "other": "other",
}
IMPORT_UNREADABLE = "skipped: {reason}"
IMPORT_NEW_ACCOUNTS = (
    "Named from email domains: {pairs}. A wrong name? Correct it for the whole domain with:"
)
IMPORT_PREPARE = "Prepare a new one with `callprep edit ID`; `callprep list --upcoming` shows what is not prepared yet."
IMPORT_ACCOUNTS_HEADER = (
    "# The account for an email domain or address, as `callprep import --account-for` set it.\n"
)
IMPORT_ACCOUNTS_BROKEN = (
    '{path}: {key!r} is not an email domain or address with an account name (e.g. "northwind-foods.com" = '
    '"Northwind Foods" under [accounts])'
)
IMPORT_ACCOUNTS_IGNORED = "ignoring your account corrections for now: {problem}"
IMPORT_BAD_KEY = "{text!r} is not an email domain or address (e.g. northwind-foods.com)"
IMPORT_ACCOUNT_TOO_LONG = "that account name is too long (at most {limit} characters)"
IMPORT_ACCOUNT_SET = "Meetings with {key} now go to {account}."
IMPORT_ACCOUNT_CLEARED = (
    "Forgot the account for {key}: its meetings are named from the domain again."
)
IMPORT_ACCOUNT_RENAMED = "Moved {count} imported plan(s) to {account}: {ids}"
IMPORT_ACCOUNT_KEPT = (
    "Left {count} plan(s) you have prepared or renamed as they are: {ids} "
    "(change one with `callprep edit ID`)"
)
IMPORT_ACCOUNT_DRY = "Would set {key} to {account}; nothing was written (--dry-run)."

# Calendars as the wild writes them, and the time of an imported meeting.
CAL_WHY_BAD_PROPERTY = "its {name} line is garbled"
CAL_WHY_BAD_EVENT = "its text does not read as a calendar event"
CAL_WHY_BAD_SERIES = "its repeats cannot be worked out"
CAL_WHY_BAD_ZONE = "its time zone ({tzid}) is defined in a way that cannot be read"
CAL_SKIP_SUB_DAILY = "repeats more than once a day: not a sales call"
CAL_SKIP_SAME_UID = "another event in the file has the same UID"
IMPORT_SKIP_NOT_PEOPLE = (
    "internal: nobody from outside {domains} but rooms, lists or shared calendars"
)
IMPORT_SKIP_TOO_BIG = "too big for a plan (over {mb} MB), even with its description cut"
IMPORT_SKIP_PLAN_UNREADABLE = (
    "its plan {id} cannot be read (`callprep list` says why), so it is not made again"
)
RESCHEDULE_IMPORTED = (
    "{id} comes from your calendar, which keeps its time (the next import would put it back): "
    "move the meeting in your calendar, or add --force to keep your time until the calendar "
    "moves it"
)
RESCHEDULED_OVER_CALENDAR = (
    "Imports keep this time until the meeting moves in your calendar; then they follow it."
)
IMPORT_UNREADABLE_EVENT = "skipped “{name}”: {reason}"
IMPORT_NEW_ACCOUNTS_COMMAND = '  callprep import --account-for DOMAIN "Right Name"'
IMPORT_DESCRIPTION_CUT = (
    "“{summary}”, {when}: its description was cut to the first {chars:,} characters "
    "(a plan holds at most 1 MB)"
)


# --- team store (git) ----------------------------------------------------------------------

GIT_MISSING = (
    "callprep {command} needs the git program, which is not installed (or not on PATH); "
    "install git (https://git-scm.com/downloads) and try again"
)
GIT_FAILED = "git {step} failed in {home}: {reason}"
GIT_BUSY = "another callprep sync is running in {home}; try again when it has finished"
TEAM_PLAN_BUSY = (
    "another callprep is still writing {name}; run `callprep sync` again in a moment "
    "(nothing was lost)"
)
TEAM_NOT_A_STORE = (
    "{home} is not a team store: share it with `callprep team init URL`, "
    "or join your team's with `callprep team join URL`"
)
TEAM_ALREADY = "{home} is already a team store; run `callprep sync` to bring it up to date"
TEAM_OTHER_GIT = (
    "{home} is already a git repository that callprep did not make; "
    "callprep will not take it over (move its .git folder away first)"
)
TEAM_REMOTE_NOT_EMPTY = (
    "the team store at {url} already has plans: join it with `callprep team join {url}`"
)
TEAM_REMOTE_EMPTY = "the team store at {url} is empty: start it with `callprep team init {url}`"
TEAM_REMOTE_NO_MAIN = (
    "the repository at {url} has no branch `main`, so it is not a callprep team store"
)
TEAM_UNREACHABLE = (
    "cannot reach the team store at {url}: {reason}; your changes are saved here and go "
    "with the next `callprep sync`"
)
TEAM_UNREACHABLE_SETUP = "cannot reach the team store at {url}: {reason}; nothing was changed"
TEAM_AUTH = (
    "the team store at {url} did not accept your credentials: {reason}; set up git's access "
    "to it (an ssh key or a credential helper), then run `callprep sync`; your changes are "
    "saved here"
)
TEAM_AUTH_SETUP = (
    "the team store at {url} did not accept your credentials: {reason}; set up git's access "
    "to it (an ssh key or a credential helper) and try again; nothing was changed"
)
TEAM_NO_ANSWER = "no answer in {seconds} seconds"
TEAM_PUSH_REFUSED = (
    "the team store at {url} refused your changes: {reason}; they are saved here and go "
    "with the next `callprep sync`"
)
TEAM_KEEPS_CHANGING = (
    "the team store changed again while this sync was sending; run `callprep sync` again "
    "(your changes are saved here)"
)
TEAM_CHANGED_WHILE_SYNCING = (
    "{what} changed here while syncing; run `callprep sync` again (nothing was lost)"
)
TEAM_NOT_ON_MAIN = (
    "the team store in {home} is not on its branch `main` (was git run in it by hand?); "
    "run `git -C {home} checkout main`, then `callprep sync`"
)
TEAM_HEAD_MOVED = (
    "the team store in {home} was changed by another git command during the sync; "
    "run `callprep sync` again"
)
TEAM_SETUP_SUBJECT = "callprep team store by {who}: {ids}"
TEAM_COMMIT_SUBJECT = "callprep sync by {who}: {ids}"
TEAM_COMMIT_MORE = "{shown} and {count} more"
TEAM_MERGE_SUBJECT = "callprep sync by {who}: {ids} (on top of the team's changes)"
TEAM_CONFLICT_NOTE = "kept beside the team's version: {paths}"


# --- a team on one store -------------------------------------------------------------------

TEAM_NEEDS_EMAIL = (
    "a team store knows you by your email: set it first with "
    "`callprep profile set email you@yourcompany.com`"
)
OWNER_BAD = "--owner {value!r}: give me, all, or a seller's email"
TEAM_INITIALISED = "Shared {count} plan{s} with the team store at {url}."
TEAM_INIT_NEXT = (
    "Teammates join with `callprep team join {url}`; `callprep sync` shares what changes."
)
TEAM_JOINED = (
    "Joined the team store at {url}: {received} plan{rs} came here, {added} of yours went there."
)
TEAM_OWNERS_STAMPED = "{count} plan{s} made before had no owner: they are yours now ({email})."
SYNC_NOTHING = "Up to date: nothing to send, nothing new from the team."
SYNC_SENT = "Sent {count}: {ids}"
SYNC_RECEIVED = "From the team, {count}: {ids}"
CONFLICTS_HEADING = "Changed here and by a teammate before either synced; both versions are kept:"
CONFLICT_LINE = "  {copy}  beside  {plan}"
CONFLICTS_RESOLVE = "Resolve each, field by field (or --mine or --theirs for every field):"
LIST_CONFLICTS = (
    "{count} conflict cop{ies} to resolve: {names} (`callprep resolve ID` merges each)."
)

STATS_OWNER_COLUMNS = (
    "owner",
    "calls",
    "debriefed",
    "reached:\nagenda agreed",  # two lines: the table fits 80 columns with an email beside it
    "reached:\nnot agreed",
    "stalled",
)
DEAL_NOT_OWNED = "no call on {deal} is yours; `--owner all` shows everybody's"
REVIEW_COMING = "Calls in the next {days} days, least ready first"
REVIEW_COMING_COLUMNS = ("ready", "when", "call", "owner", "costliest gap")
REVIEW_NONE_COMING = "  No calls coming."
REVIEW_CONTINUATIONS = "Continuations debriefed in the last {days} days (no customer action agreed)"
REVIEW_STALLED = "Stalled deals (two continuations or more in a row)"
REVIEW_IN_A_ROW = "{count} in a row"
REVIEW_NONE = "  None."
EXPORT_NEEDS_OUTPUT = "export --format {format} needs -o FILE (only jsonl goes to the terminal)"
EXPORTED = "{calls} calls and {commitments} commitments exported."


# --- a week of daily use: a call's time, 80 columns, hidden team plans, resolve, completion ---

# A call's time as the seller reads it (dates.call_time_text: one rule for every view).
TIME_NOT_SET = "time not set"
# Under `list --upcoming`'s "not prepared yet": the command, whole, on a line of its own.
NOT_PREPARED_COMMAND = "callprep edit {id}"
# Under the terminal brief's "Open:" line, whole on a line of its own.
BRIEF_CHECK_COMMAND = "callprep check {id}"


# `list` in a team store shows the seller's own plans: the team's it leaves out are counted, and
# the command that shows them follows on a line of its own.
def list_team_only(count: int, upcoming: bool) -> str:
    what = "calls in the next 7 days" if upcoming else "plans"  # "1 of your team's plans is"
    return (
        f"No {'calls' if upcoming else 'plans'} of yours yet; {count} of your team's {what} "
        f"{'is' if count == 1 else 'are'} hidden (in a team store, list shows your own). "
        "To see every seller's:"
    )


def list_team_hidden(count: int, upcoming: bool) -> str:
    what = "call" if upcoming else "plan"
    return (
        f"{count} more {what}{'' if count == 1 else 's'} of your team "
        f"{'is' if count == 1 else 'are'} hidden. To see every seller's:"
    )


def list_every_owner(upcoming: bool) -> str:
    return "callprep list --owner all" + (" --upcoming" if upcoming else "")


# `callprep resolve`: a team conflict, field by field.
RESOLVE_COMMAND = "callprep resolve {id}"
RESOLVE_NO_SUCH_COPY = "no conflict copy {name!r} in the store (`callprep list` names them)"
RESOLVE_PLAN_GONE = (
    "{copy} has no plan beside it ({plan} is not in the store): `callprep delete --restore` "
    "the plan first, or `callprep delete` the copy"
)
RESOLVE_NOTHING = "{id} has no conflict copy to resolve"
RESOLVE_BOTH_SIDES = "--mine or --theirs: one side, not both"
RESOLVE_NO_TERMINAL = (
    "no terminal to choose field by field on: add --mine or --theirs to take that side for "
    "every field"
)
RESOLVE_MINE_IS = {
    True: "mine is the copy (your change), theirs the plan (the team's)",
    False: "mine is the plan, theirs the copy ({who}'s change)",
}
RESOLVE_ABSENT = "(not there)"
RESOLVE_EMPTY = "(empty)"
RESOLVE_ASK = "Keep which {field}?"
RESOLVE_SAME = "{copy} holds nothing the plan does not; it is in the trash now."
RESOLVE_SHARE = "`callprep sync` shares it with the team."


def resolve_heading(plan_id: str, count: int, copy: str, mine_is: str) -> str:
    fields = f"{count} field{'' if count == 1 else 's'} differ{'s' if count == 1 else ''}"
    return f"{plan_id}: {fields} from its conflict copy {copy}; {mine_is}."


def resolved(plan_id: str, mine: int, theirs: int) -> str:
    return (
        f"Resolved {plan_id}: {mine} field{'' if mine == 1 else 's'} from mine, {theirs} from "
        "theirs; the copy is in the trash."
    )


def resolve_more(count: int) -> str:
    return f"{count} more conflict cop{'y' if count == 1 else 'ies'} of this plan; next:"


# `callprep completion SHELL --install`.
COMPLETION_INSTALLED = "Wrote the completion script to {path}."
COMPLETION_BASH_NEXT = (
    "A new bash completes callprep on Tab (the bash-completion package loads it from there). "
    "Without that package, add this line to ~/.bashrc:"
)
COMPLETION_ZSH_NEXT = "If ~/.zshrc does not have them yet, add these lines to it:"
COMPLETION_ZSH_LINES = ("fpath=(~/.zfunc $fpath)", "autoload -Uz compinit && compinit")
COMPLETION_FISH_NEXT = "A new fish completes callprep on Tab."
COMPLETION_CANNOT_WRITE = "cannot write {path}: {reason}; nothing was installed"


# --- the follow-up (after the call) ----------------------------------------------------------
# Written to the customer, in the seller's voice, from the debrief and plan alone.

FOLLOWUP_SUBJECT = "Thank you, and what we agreed"
FOLLOWUP_SUBJECT_TOPIC = "Thank you, and what we agreed: {topic}"
FOLLOWUP_THANKS_ON = (
    "Thank you for your time on {day}. Here is what we agreed, so that we all work from the "
    "same list."
)
FOLLOWUP_THANKS = (
    "Thank you for your time. Here is what we agreed, so that we all work from the same list."
)
FOLLOWUP_GOAL_VERB = "You wanted to {goal}"
FOLLOWUP_GOAL_PHRASE = "What mattered most to you was {goal}"
FOLLOWUP_COVERED: dict[bool | None, str] = {
    True: ", and I hope we covered that well.",
    False: "; we did not get to all of it, and I'd like to make sure we do.",
    None: ".",
}
FOLLOWUP_AGREED = "What we agreed:"
FOLLOWUP_WHO = {"customer": "You", "ours": "We"}
FOLLOWUP_BY = "by {day}"
FOLLOWUP_NO_DATE = "date to be agreed"
FOLLOWUP_DONE = " (done)"
FOLLOWUP_NEXT_STEP = "Next step: {step}."
FOLLOWUP_NO_NEXT_STEP = "What would be a good next step from your side?"
FOLLOWUP_CLOSE = "If I have missed or misread anything, just reply and I'll correct it."
FOLLOWUP_NO_DEBRIEF = (
    "{ref} has no debrief yet, and the follow-up is built from it: run `callprep debrief {ref}` "
    "after the call"
)
FOLLOWUP_NO_COMMITMENTS = (
    "no commitments in the debrief: the recap lists nothing agreed "
    "(add them with `callprep debrief {ref}`)"
)
FOLLOWUP_HINT_NO_NEXT_STEP = (
    "no next step in the debrief: the recap asks them for one "
    "(add it with `callprep debrief {ref}`)"
)
FOLLOWUP_ICS_NO_STEP = "no next step in the debrief, so no meeting to invite to"
FOLLOWUP_ICS_NO_DATE = (
    "the next step ({step!r}) names no date and time to invite to: write one in it, "
    'e.g. "Pilot kickoff on 12 Jan 10:00" (`callprep debrief` again)'
)
FOLLOWUP_ICS_NO_TIME = (
    "the next step names a day ({day}) but no time to invite to: add one, "
    'e.g. "12 Jan 10:00" (`callprep debrief` again)'
)
FOLLOWUP_ICS_SUMMARY = "{account}: {step}"
FOLLOWUP_OFFER = "Draft the follow-up email to the customer (what was agreed, the next step)?"
FOLLOWUP_AFTER = (  # each command whole on a line of its own: never folded inside the id
    "As Markdown:\n"
    "  callprep followup {id} --format md\n"
    "An invite for the next meeting:\n"
    "  callprep followup {id} --ics next.ics"
)


# --- `callprep new --from-ics` -------------------------------------------------------------------

NEW_ICS_NONE = "{path} holds no meeting to plan (none that is not cancelled, within a year)"
NEW_ICS_SEVERAL = "{path} holds {count} meetings: choose one with --uid UID (the list is above)"
NEW_ICS_FACTS = "From the calendar: {title}{when}{length} (time and length are not asked again)."
NEW_ICS_MINUTES = ", {minutes} min"
NEW_ICS_CANDIDATE = "  {uid}  {when}  {summary}"
NEW_ICS_NO_UID = "no meeting {uid!r} in {path} (it holds {count}; leave out --uid to list them)"
NEW_ICS_AMBIGUOUS_UID = "{uid!r} starts {count} meetings' UIDs: give more of it"
NEW_ICS_ALREADY = (
    "that meeting is a plan already: {id} (prepare it with `callprep edit {id}`; "
    "`callprep import` keeps it up to date)"
)
NEW_ICS_UID_WITHOUT_FILE = "--uid picks a meeting of the --from-ics file: give that too"
