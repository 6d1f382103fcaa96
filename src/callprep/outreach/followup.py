"""The follow-up after a call: the recap to send the customer, built from the debrief and plan alone.

A pure view of a debriefed plan's customer view (`customer`), as plain text or Markdown, like
the agenda message. What it
says, in order: thanks for the time; what they wanted from the call and whether it was covered
(the debrief's `customer_objective_met`); every commitment on both sides with its owner and
date; the next step. It invents nothing: a commitment without a date says so, no next step is
asked for rather than made up, and the next meeting's invite needs a date and time written in
the next step itself.

What is ours alone never appears: the objectives (best and minimum), the outcome, readiness
and findings, the summary, off-script notes and new opportunities, risks, what was learned
(competition, their view of us and the rest of discovery), engagement, stances and influence,
notes, questions and "could have done more". `tests/test_followup.py` holds it with plans full
of marked private text.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from callprep import messages
from callprep.coach.voice import customer_voice
from callprep.dates import Clock, describe_date, describe_datetime, get_zone
from callprep.errors import CallprepError
from callprep.outreach import customer
from callprep.outreach.agenda import greeting, restated_goal, sender, sign_off, sign_off_lines
from callprep.outreach.customer import CustomerView, of
from callprep.plans.model import Plan
from callprep.text import md_inline, md_text, one_line

if TYPE_CHECKING:
    from callprep.plans.profile import Profile

Escape = Callable[[str], str]
MAX_WINDOW = 6  # words of the next step tried together as one date and time


@dataclass(frozen=True)
class Agreed:
    who: str  # "You" or "We"
    what: str
    due: str  # "by Tue 8 Dec 2026", or that no date was set
    done: bool


@dataclass(frozen=True)
class FollowUp:
    subject: str
    greeting: str
    thanks: str
    goal: str  # what they wanted from the call, and whether it was covered; "" when unknown
    agreed: tuple[Agreed, ...]
    next_step: str
    close: str
    sign_off: str
    signature: tuple[str, ...]
    hints: tuple[str, ...]  # for the seller, on stderr


def check_debriefed(plan: Plan | CustomerView, ref: str) -> None:
    if not of(plan).debriefed:
        raise CallprepError(messages.FOLLOWUP_NO_DEBRIEF.format(ref=ref))


def build(
    plan: Plan | CustomerView,
    ref: str = "PLAN",
    profile: Profile | None = None,
    markdown: bool = False,
) -> FollowUp:
    """The recap of a debriefed plan; CallprepError (one line) before the debrief."""
    view = of(plan)
    check_debriefed(view, ref)
    esc: Escape = md_text if markdown else _plain
    item: Escape = md_inline if markdown else _plain
    hints: list[str] = []

    topic = customer_voice(one_line(view.topic))
    subject = (
        messages.FOLLOWUP_SUBJECT_TOPIC.format(topic=esc(topic))
        if topic
        else messages.FOLLOWUP_SUBJECT
    )
    held = view.held_at or view.starts_at
    if held is not None:
        if held.tzinfo is not None and profile is not None:
            with contextlib.suppress(CallprepError):
                held = held.astimezone(get_zone(profile.zone_name))
        thanks = messages.FOLLOWUP_THANKS_ON.format(day=f"{held:%A} {held.day} {held:%B}")
    else:
        thanks = messages.FOLLOWUP_THANKS

    goal, verb = restated_goal(view.their_goal)
    met = view.goal_met
    if goal:
        template = messages.FOLLOWUP_GOAL_VERB if verb else messages.FOLLOWUP_GOAL_PHRASE
        goal_text = template.format(goal=esc(goal)) + messages.FOLLOWUP_COVERED[met]
    else:
        goal_text = ""

    agreed = tuple(_agreed(c, item) for c in view.agreed if one_line(c.what))
    if not agreed:
        hints.append(messages.FOLLOWUP_NO_COMMITMENTS.format(ref=ref))
    step = customer_voice(one_line(view.next_step)).rstrip(".")
    if step:
        next_step = messages.FOLLOWUP_NEXT_STEP.format(step=esc(step))
    else:
        next_step = messages.FOLLOWUP_NO_NEXT_STEP
        hints.append(messages.FOLLOWUP_HINT_NO_NEXT_STEP.format(ref=ref))

    me = sender(view, profile)
    closing, lines = sign_off(profile, me)
    if not lines:
        hints.append(messages.AGENDA_NO_SIGNATURE)
    return FollowUp(
        subject=subject,
        greeting=greeting(view, esc),
        thanks=thanks,
        goal=goal_text,
        agreed=agreed,
        next_step=next_step,
        close=messages.FOLLOWUP_CLOSE,
        sign_off=closing,
        signature=tuple(esc(line) if markdown else line for line in lines),
        hints=tuple(hints),
    )


def _plain(text: str) -> str:
    return text


def _agreed(commitment: customer.Agreed, esc: Escape) -> Agreed:
    # The person a commitment names (`owner`, as `deal --plan` reads it), else "You" or "We".
    if commitment.owner:
        who = esc(commitment.owner)
    else:
        who = messages.FOLLOWUP_WHO["ours" if commitment.who == "ours" else "customer"]
    what = esc(customer_voice(one_line(commitment.what)).rstrip("."))
    due = (
        messages.FOLLOWUP_BY.format(day=describe_date(commitment.due))
        if commitment.due
        else messages.FOLLOWUP_NO_DATE
    )
    return Agreed(who, what, due, commitment.done)


def _agreed_line(agreed: Agreed) -> str:
    done = messages.FOLLOWUP_DONE if agreed.done else ""
    return f"{agreed.who}: {agreed.what}, {agreed.due}{done}"


def render_text(message: FollowUp) -> str:
    """Plain text to paste into an email: one line per paragraph."""
    lines = [f"Subject: {message.subject}", "", message.greeting, "", message.thanks, ""]
    if message.goal:
        lines += [message.goal, ""]
    if message.agreed:
        lines += [messages.FOLLOWUP_AGREED, *(f"- {_agreed_line(a)}" for a in message.agreed), ""]
    lines += [message.next_step, "", message.close, ""]
    lines += sign_off_lines(message.sign_off, message.signature, markdown=False)
    return "\n".join(lines) + "\n"


def render_markdown(message: FollowUp) -> str:
    """The same recap as Markdown, from a recap built with `markdown=True`."""
    lines = [f"**Subject:** {message.subject}", "", message.greeting, "", message.thanks, ""]
    if message.goal:
        lines += [message.goal, ""]
    if message.agreed:
        lines += [messages.FOLLOWUP_AGREED, "", *(f"- {_agreed_line(a)}" for a in message.agreed)]
        lines += [""]
    lines += [message.next_step, "", message.close, ""]
    lines += sign_off_lines(message.sign_off, message.signature, markdown=True)
    return "\n".join(lines) + "\n"


def message_for(
    plan: Plan | CustomerView, fmt: str, ref: str, profile: Profile | None
) -> tuple[str, FollowUp]:
    if fmt == "md":
        view = build(plan, ref, profile, markdown=True)
        return render_markdown(view), view
    view = build(plan, ref, profile)
    return render_text(view), view


# --- the next meeting ------------------------------------------------------------------------------


# A word that is (part of) a date or a time: a reading that leaves one out beside it read less
# than the seller wrote ("31 Feb 10:00" read as "10:00").
_DATEISH = re.compile(
    r"\d|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$"
    r"|^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*$|^(?:today|tomorrow|yesterday|tonight)$",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3})[a-z]*", re.I)
_MONTH_DAY = re.compile(r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.I)
# A year written out: "2027", "12/01/2027", "2027-01-12".
_YEAR = re.compile(r"\b(?:1[89]|2\d)\d\d\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
# Without a year, a date this far after the call is more likely one before it, mistyped.
NO_YEAR_DAYS = 183
MOST_DAYS_AHEAD = 366  # a next meeting further out is no next step to invite to


def next_meeting(plan: Plan | CustomerView, zone_name: str) -> dt.datetime:
    """The date and time the debrief's next step names ("Pilot kickoff call on 12 Jan 10:00"),
    read as the seller would type it: CallprepError (one line) unless it names one, read it
    without doubt, and it lies after the call.

    Without doubt: no date or time word is left out beside what was read ("31 Feb 10:00",
    "3/4 10:00" are not read as "10:00"), the day exists ("32 Dec"), and a date without a year
    lies within half a year of the call (else the year is asked for), any date within a year.
    """
    view = of(plan)
    step = one_line(view.next_step)
    if not step:
        raise CallprepError(messages.FOLLOWUP_ICS_NO_STEP)
    held = view.held_at or view.starts_at
    clock = Clock.of(zone_name, held)
    words = [w.strip(",;()\"'“”") for w in step.split()]
    words = [re.sub(r"\.$", "", w) for w in words]
    day: dt.date | None = None
    for size in range(min(MAX_WINDOW, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            text = " ".join(words[start : start + size])
            if not re.search(r"\d|today|tomorrow|mon|tue|wed|thu|fri|sat|sun", text, re.I):
                continue
            try:
                found = clock.datetime(text)
            except CallprepError:
                if day is None:
                    with contextlib.suppress(CallprepError):
                        day = clock.date(text)
                continue
            if found is not None:
                _check_reading(words, start, start + size, found, clock, view)
                return found
    if day is not None:
        raise CallprepError(messages.FOLLOWUP_ICS_NO_TIME.format(day=describe_date(day)))
    raise CallprepError(messages.FOLLOWUP_ICS_NO_DATE.format(step=step))


def _check_reading(
    words: list[str], start: int, end: int, found: dt.datetime, clock: Clock, view: CustomerView
) -> None:
    """CallprepError unless `words[start:end]`, read as `found`, is the next step's date beyond
    doubt and after the call."""
    text = " ".join(words[start:end])
    first, last = start, end
    while first > 0 and _DATEISH.search(words[first - 1]):
        first -= 1
    while last < len(words) and _DATEISH.search(words[last]):
        last += 1
    if (first, last) != (start, end):
        whole = " ".join(words[first:last])
        try:
            clock.datetime(whole)
        except CallprepError as err:
            raise CallprepError(messages.FOLLOWUP_ICS_UNCLEAR.format(problem=err.message)) from None
        raise CallprepError(messages.FOLLOWUP_ICS_PART.format(text=whole, part=text))
    for match in (*_DAY_MONTH.finditer(text), *_MONTH_DAY.finditer(text)):
        number, month = (
            (match.group(1), match.group(2))
            if match.re is _DAY_MONTH
            else (match.group(2), match.group(1))
        )
        if month.lower() not in _MONTHS:
            continue
        month_number = _MONTHS.index(month.lower()) + 1
        if not 1 <= int(number) <= calendar.monthrange(found.year, month_number)[1]:
            raise CallprepError(messages.FOLLOWUP_ICS_NO_SUCH_DAY.format(text=match.group(0)))
    held = view.held_at or view.starts_at
    if held is None:
        return
    if held.tzinfo is None:
        held = held.astimezone()
    ends = held + dt.timedelta(minutes=view.duration_minutes or messages.AGENDA_DEFAULT_MINUTES)
    named = describe_datetime(found, clock.zone.key)
    if found < ends:
        raise CallprepError(
            messages.FOLLOWUP_ICS_BEFORE_CALL.format(
                day=named, held=describe_datetime(held, clock.zone.key)
            )
        )
    ahead = found - held
    if not _YEAR.search(text) and ahead > dt.timedelta(days=NO_YEAR_DAYS):
        raise CallprepError(messages.FOLLOWUP_ICS_NO_YEAR.format(text=text, day=named))
    if ahead > dt.timedelta(days=MOST_DAYS_AHEAD):
        raise CallprepError(messages.FOLLOWUP_ICS_TOO_FAR.format(text=text, day=named))


def invite_details(message: FollowUp) -> str:
    """What the next meeting's invite says: the next step and what was agreed, nothing else."""
    parts = [message.next_step]
    if message.agreed:
        parts.append(
            "\n".join([messages.FOLLOWUP_AGREED, *(f"- {_agreed_line(a)}" for a in message.agreed)])
        )
    return "\n\n".join(parts)
