"""The agenda message to the customer: a pure view of a plan, rendered as plain text or Markdown."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from callprep import messages
from callprep.model import Attendee, Plan
from callprep.prompts import Asker, Prompt
from callprep.text import md_text, one_line

# --- the seller's notes, in words addressed to the customer --------------------------------

# Plans are written about the customer ("Their goals for the rollout"); the message is
# written to them ("Your goals for the rollout"). "They" and "you" take the same verb
# forms, so swapping the pronouns keeps the grammar.
_PRONOUNS: dict[str, str] = {
    "they're": "you're",
    "they've": "you've",
    "they'll": "you'll",
    "they'd": "you'd",
    "themselves": "yourselves",
    "theirs": "yours",
    "their": "your",
    "them": "you",
    "they": "you",
}
_PRONOUN_RE = re.compile(
    r"\b(" + "|".join(re.escape(w).replace("'", "['’]") for w in _PRONOUNS) + r")\b",
    re.IGNORECASE,
)

# Goals often start with a verb ("See whether we integrate..."), which reads best after
# "you'd like to"; anything else is quoted after a colon.
# fmt: off
_GOAL_VERBS = frozenset((
    "see", "understand", "know", "learn", "get", "find", "check", "confirm", "agree", "decide",
    "review", "compare", "discuss", "hear", "make", "talk", "explore", "evaluate", "test",
    "validate", "meet", "plan", "define", "clarify", "ensure", "walk", "cover", "set", "figure",
    "assess", "judge", "pick", "choose", "go", "look", "sort", "start", "move", "build", "prove",
    "show",
))
# fmt: on
_GOAL_PREFIX_RE = re.compile(
    r"^(?:you\s+(?:want|would\s+like|['’]d\s+like|need|hope|wish)\s+to|to)\s+", re.IGNORECASE
)
_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"])


def customer_voice(text: str) -> str:
    """The seller's note rewritten to address the customer: their -> your, they -> you."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        replacement = _PRONOUNS[word.lower().replace("’", "'")]
        if "’" in word:
            replacement = replacement.replace("'", "’")
        if word.isupper() and len(word) > 1:
            return replacement.upper()
        if word[0].isupper():
            return replacement[0].upper() + replacement[1:]
        return replacement

    return _PRONOUN_RE.sub(swap, text)


def first_name(full_name: str) -> str:
    words = [w for w in one_line(full_name).split() if w.rstrip(".").lower() not in _HONORIFICS]
    return words[0] if words else one_line(full_name)


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _person(person: Attendee) -> str:
    name, role = one_line(person.name), one_line(person.role)
    return f"{name} ({role})" if role else name


def sender(plan: Plan) -> Attendee | None:
    """Who sends the message and organises the call: the first of ours with an email, else the first of ours."""
    ours = plan.our_attendees
    with_email = [p for p in ours if p.email]
    chosen = with_email or ours
    return chosen[0] if chosen else None


# --- time -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CallTime:
    start: dt.datetime  # aware, in the plan's own fixed offset
    minutes: int
    length_assumed: bool

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)


def call_time(plan: Plan) -> CallTime | None:
    """When the call is, in the plan's time zone; a plan with no offset is in the seller's own."""
    if plan.starts_at is None:
        return None
    start = plan.starts_at if plan.starts_at.tzinfo else plan.starts_at.astimezone()
    # A fixed offset shows as "UTC-05:00" (the file keeps no zone name, only the offset).
    start = start.astimezone(dt.timezone(start.utcoffset() or dt.timedelta(0)))
    minutes = plan.duration_minutes or messages.AGENDA_DEFAULT_MINUTES
    return CallTime(start, minutes, length_assumed=plan.duration_minutes is None)


def format_call_time(when: CallTime) -> str:
    start, end = when.start, when.end
    day = f"{start:%A} {start.day} {start:%B %Y}"
    span = f"{start:%H:%M}–{end:%H:%M}"
    if end.date() != start.date():
        span = f"{start:%H:%M} to {end:%A} {end:%H:%M}"
    return f"{day}, {span} ({start.tzname()})"


def short_day(when: CallTime) -> str:
    return f"{when.start:%a} {when.start.day} {when.start:%b}"


# --- the message --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaMessage:
    """The message in reading order; every plan text in it is already one clean line."""

    subject: str
    greeting: str
    opening: str
    purpose: str
    their_goal: str
    items: tuple[str, ...]
    items_intro: str
    prep: tuple[str, ...]
    outcome: str
    join: str
    close: str
    sign_off: str
    signature: str
    when: CallTime | None
    hints: tuple[str, ...]  # what the seller should know is missing (for stderr, not the message)


Escape = Callable[[str], str]


def call_noun(plan: Plan) -> str:
    """What the customer would call this call: "call", "demo", "meeting", "review"."""
    return messages.AGENDA_NOUN.get(plan.kind, messages.AGENDA_NOUN_DEFAULT)


def _plain(text: str) -> str:
    return text


def _clean_items(items: list[str], esc: Escape) -> tuple[str, ...]:
    return tuple(esc(customer_voice(one_line(item))) for item in items if one_line(item))


def _their_goal(plan: Plan, noun: str, esc: Escape) -> str:
    goal = customer_voice(one_line(plan.objective.customer)).rstrip(".")
    if not goal:
        return messages.AGENDA_THEIR_GOAL_UNKNOWN.format(noun=noun)
    goal = _GOAL_PREFIX_RE.sub("", goal)
    first = goal.split(" ", 1)[0]
    if first.lower() in _GOAL_VERBS:
        goal = first.lower() + goal[len(first) :]
        return messages.AGENDA_THEIR_GOAL.format(goal=esc(goal), noun=noun)
    return messages.AGENDA_THEIR_GOAL_PHRASE.format(goal=esc(goal), noun=noun)


def build(plan: Plan, ref: str = "PLAN", markdown: bool = False) -> AgendaMessage:
    """The message proposing the agenda to the customer; `ref` names the plan in hints.

    Plan text is made safe where it enters a sentence: one clean line, and escaped
    for Markdown when `markdown` is set, so the wording around it stays readable.
    """
    esc: Escape = md_text if markdown else _plain
    kind = plan.kind or "other"
    noun = call_noun(plan)
    when = call_time(plan)
    hints: list[str] = []

    topic = esc(customer_voice(one_line(plan.opportunity)))
    subject = messages.AGENDA_SUBJECT.format(
        noun=noun,
        on_day=f" on {short_day(when)}" if when else "",
        topic=f": {topic}" if topic else "",
    )

    customers = plan.customer_attendees
    if customers:
        greeting = messages.AGENDA_GREETING.format(
            names=join_names([esc(first_name(p.name)) for p in customers])
        )
    else:
        greeting = messages.AGENDA_GREETING_NOBODY
        hints.append(messages.AGENDA_NO_CUSTOMER)

    minutes = when.minutes if when else plan.duration_minutes or messages.AGENDA_DEFAULT_MINUTES
    if when is None:
        opening = messages.AGENDA_OPENING_NO_TIME.format(minutes=minutes, noun=noun)
        hints.append(messages.AGENDA_NO_TIME.format(ref=ref))
    else:
        opening = messages.AGENDA_OPENING.format(
            noun=noun, when=format_call_time(when), minutes=minutes
        )
    if plan.duration_minutes is None:
        hints.append(messages.AGENDA_LENGTH_ASSUMED.format(minutes=minutes))

    items = _clean_items(plan.agenda.items, esc)
    if items:
        items_intro = messages.AGENDA_ITEMS_INTRO
    else:
        items_intro = messages.AGENDA_ITEMS_NONE.format(noun=noun)
        hints.append(messages.AGENDA_NO_ITEMS.format(ref=ref))
    prep = _clean_items(plan.agenda.customer_prep, esc)
    if not prep:
        hints.append(messages.AGENDA_NO_PREP)

    me = sender(plan)
    others = [p for p in plan.our_attendees if p is not me]
    if others:
        join = messages.AGENDA_JOIN_OURS.format(
            people=join_names([esc(_person(p)) for p in others])
        )
    else:
        join = messages.AGENDA_JOIN

    return AgendaMessage(
        subject=subject,
        greeting=greeting,
        opening=opening,
        purpose=messages.AGENDA_PURPOSE.get(kind, messages.AGENDA_PURPOSE_DEFAULT),
        their_goal=_their_goal(plan, noun, esc),
        items=items,
        items_intro=items_intro,
        prep=prep,
        outcome=messages.AGENDA_OUTCOME.get(kind, messages.AGENDA_OUTCOME_DEFAULT),
        join=join,
        close=messages.AGENDA_CLOSE,
        sign_off=messages.AGENDA_SIGN_OFF,
        signature=esc(first_name(me.name)) if me else "",
        when=when,
        hints=tuple(hints),
    )


def render_text(message: AgendaMessage) -> str:
    """Plain text to paste into an email: one line per paragraph, so the mail client wraps it."""
    lines = [f"Subject: {message.subject}", "", message.greeting, "", message.opening, ""]
    lines += [message.purpose, "", message.their_goal, "", message.items_intro]
    lines += [f"{n}. {item}" for n, item in enumerate(message.items, 1)]
    if message.prep:
        lines += ["", messages.AGENDA_PREP_INTRO, *(f"- {item}" for item in message.prep)]
    lines += ["", message.outcome, "", message.join, "", message.close, "", message.sign_off]
    if message.signature:
        lines.append(message.signature)
    return "\n".join(lines) + "\n"


def render_markdown(message: AgendaMessage) -> str:
    """The same message as Markdown, from a message built with `markdown=True`."""
    lines = [f"**Subject:** {message.subject}", "", message.greeting, "", message.opening, ""]
    lines += [message.purpose, "", message.their_goal, "", message.items_intro]
    if message.items:
        lines += ["", *(f"{n}. {item}" for n, item in enumerate(message.items, 1))]
    if message.prep:
        lines += ["", messages.AGENDA_PREP_INTRO, "", *(f"- {item}" for item in message.prep)]
    lines += ["", message.outcome, "", message.join, "", message.close, ""]
    # Two trailing spaces: a line break between the sign-off and the name.
    lines.append(f"{message.sign_off}  " if message.signature else message.sign_off)
    if message.signature:
        lines.append(message.signature)
    return "\n".join(lines) + "\n"


def message_for(plan: Plan, fmt: str, ref: str = "PLAN") -> tuple[str, AgendaMessage]:
    """The message as `fmt` ("text" or "md") text, and the view it came from."""
    if fmt == "md":
        view = build(plan, ref, markdown=True)
        return render_markdown(view), view
    view = build(plan, ref)
    return render_text(view), view


# --- offered at the end of `callprep new` ----------------------------------------------------

DRAFT_KEY = "draft_agenda"


def wants_draft(asker: Asker) -> bool:
    """Whether the seller wants the message drafted now (asked when the agenda is not yet sent)."""
    return bool(
        asker.ask(
            Prompt(key=DRAFT_KEY, kind="confirm", message=messages.AGENDA_DRAFT_OFFER, default=True)
        )
    )


def draft_for_new(plan: Plan) -> str:
    """The message and what to do with it, as `new` shows it on stderr (stdout stays the id)."""
    text, _ = message_for(plan, "text", plan.id)
    return f"\n{text}\n{messages.AGENDA_DRAFT_AFTER.format(id=plan.id)}"
