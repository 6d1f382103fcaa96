"""The `new` interview: a playbook's questions asked through the prompt seam into plan-shaped data."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from collections.abc import Callable
from typing import Any

from callprep import dates, messages
from callprep.calls import people
from callprep.coach import coach, topics
from callprep.coach.playbook import Playbook, Question
from callprep.dates import Clock, Prefer
from callprep.errors import CallprepError
from callprep.plans.model import Plan
from callprep.plans.planfile import validate
from callprep.prompts import Asker, Prompt
from callprep.text import one_line

REVIEW_KEY = "review"


def insist_key(field: str) -> str:
    return f"insist:{field}"


# --- parsing what the seller typed --------------------------------------------------------


def parse_int(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError as err:
        raise CallprepError(f"{text!r}: {messages.INVALID_INT}") from err
    if not 1 <= value <= 24 * 60:
        raise CallprepError(f"{text!r}: {messages.INVALID_INT}")
    return value


# The kinds of answer typed as text that are read into something else.
DATE_KINDS = ("datetime", "date", "deadline")


def parser(kind: str, clock: Clock, prefer: Prefer = "future") -> Callable[[str], Any]:
    """How a typed answer of `kind` is read: dates as people type them, in the seller's zone."""
    if kind == "datetime":
        return lambda text: clock.datetime(text, prefer)
    if kind == "date":
        return lambda text: clock.date(text, prefer)
    if kind == "deadline":
        return clock.deadline
    if kind == "int":
        return parse_int
    return str.strip


def validator_for(
    kind: str, clock: Clock, prefer: Prefer = "future"
) -> Callable[[str], str | None] | None:
    """A prompt validator for a date, datetime or int answer: the problem's wording, or None."""
    if kind not in (*DATE_KINDS, "int"):
        return None
    read = parser(kind, clock, prefer)

    def check(text: str) -> str | None:
        try:
            read(text)
        except CallprepError as err:
            return err.message.split(": ", 1)[-1]
        return None

    return check


def default_text(kind: str, value: Any, clock: Clock, zone_name: str = "") -> Any:
    """A current answer as the prompt's default, written so that it reads back the same."""
    if value is None or value == "":
        return None
    if kind in DATE_KINDS and isinstance(value, dt.date):
        return dates.default_text(value, clock, zone_name)
    if kind in (*DATE_KINDS, "int"):
        return str(value)
    return value


# --- plan-shaped data ---------------------------------------------------------------------


def get_path(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    if value is None:
        node.pop(last, None)
    else:
        node[last] = value


def to_plan(data: dict[str, Any], source: str = "your answers") -> Plan:
    return validate(Plan, data, source)


def review_choice(code: str) -> str:
    """The review's choice to go back to a finding: `Go back to: no minimum outcome`."""
    topic = topics.BY_CODE.get(code)
    label = f"{topic.short} (unknown)" if topic else topics.FINDINGS[code].label
    return messages.REVIEW_GO_BACK.format(label=label)


def review_lines(review: coach.Review, width: int | None = None) -> list[str]:
    """What the interview says before saving: the readiness, each gap, the unknowns as one line.

    With a width, each line is wrapped to it and hangs under its mark.
    """
    lines = [messages.readiness_line(review.readiness, len(review.findings))]
    gaps: list[str] = []
    for finding in review.findings:
        topic = finding.topic
        if topic is not None and finding.severity == "info":
            gaps.append(topic.short)
            continue
        mark = messages.SEVERITY_MARKS[finding.severity]
        lines.append(f"  {mark} {one_line(finding.message)}")
    if gaps:
        lines.append(f"  ? {messages.REVIEW_GAPS.format(topics=', '.join(gaps))}")
    if width is None:
        return lines
    hang = " " * (messages.FINDING_INDENT + 1)
    return [textwrap.fill(line, max(30, width - 1), subsequent_indent=hang) for line in lines]


# --- the interview --------------------------------------------------------------------------


class Interview:
    """Asks a playbook's questions; `data` holds every answer so far, even after Ctrl-C."""

    def __init__(
        self,
        playbook: Playbook,
        asker: Asker,
        data: dict[str, Any] | None = None,
        skip: frozenset[str] = frozenset(),
        clock: Clock | None = None,
    ) -> None:
        self.playbook = playbook
        self.asker = asker
        # Typed dates are read in the seller's zone (the profile's), against now.
        self.clock = clock or Clock.of(dates.local_zone_name())
        self.data: dict[str, Any] = data if data is not None else {}
        self.skip = skip
        # The questions the seller has answered in this session (a draft resumes after them).
        self.answered: set[str] = set()
        # A start in the past the seller need not confirm: the one they confirmed, or (`edit`)
        # the plan's own; any other is asked about before it is taken.
        self.past_ok: dt.datetime | None = None
        self._section = ""

    def run(self, only: frozenset[str] | None = None) -> Plan:
        """Ask every question not skipped, then review; `only`: the review offers just these."""
        for question in self.playbook.questions:
            if question.field in self.skip or not self._applies(question):
                continue
            self._show_section(question.section)
            self.ask(question)
        return self.review(only)

    def ask_first(self, field: str) -> None:
        """Ask one question ahead of the rest (the account, to look up earlier calls); run() skips it."""
        question = next((q for q in self.playbook.questions if q.field == field), None)
        if question is None or field in self.skip or not self._applies(question):
            return
        self._show_section(question.section)
        self.ask(question)
        self.skip = self.skip | {field}

    def _applies(self, question: Question) -> bool:
        return not question.when or bool(get_path(self.data, question.when))

    def _show_section(self, section: str) -> None:
        if section and section != self._section:
            self.asker.say(f"— {section} —")
            self._section = section

    def ask(self, question: Question) -> None:
        current = get_path(self.data, question.field)
        prompt = Prompt(
            key=question.field,
            kind=question.kind,
            message=question.text,
            help=question.help,
            default=default_text(
                question.kind, current, self.clock, str(self.data.get("timezone") or "")
            ),
            choices=tuple(question.choices),
            validate=validator_for(question.kind, self.clock),
            steps=people.ask_attendees if question.kind == "attendees" else None,
        )
        challenged: Any = None  # the answer the coach last challenged
        while True:
            answer = self.asker.ask(prompt)
            try:
                value = self._convert(question, answer)
            except CallprepError as err:
                self.asker.say(err.message)
                continue
            # Giving the challenged answer again, unchanged, is insisting on it.
            if challenged is not None and value == challenged:
                self.asker.say(messages.KEPT_ANYWAY)
            elif isinstance(value, str):
                reason = coach.challenge(question.field, value, self._plan_so_far())
                if reason:
                    self.asker.say(reason)
                    insist = self.asker.ask(
                        Prompt(
                            key=insist_key(question.field),
                            kind="confirm",
                            message=messages.INSIST,
                            default=False,
                        )
                    )
                    if not insist:
                        # Asked again with the refused words offered back to edit, not
                        # retyped from nothing; Enter on them unchanged keeps them anyway.
                        challenged = value
                        prompt = Prompt(
                            **{**prompt.__dict__, "default": one_line(value), "edit_default": True}
                        )
                        continue
            if question.field == "starts_at" and not self._start_confirmed(value):
                continue
            if question.kind in DATE_KINDS and value is not None:
                self.asker.say(dates.echo(value))  # how it was understood
            if question.field == "starts_at":
                # The file holds only the offset; the zone's name is kept beside it.
                set_path(self.data, "timezone", dates.zone_key(value) if value else None)
            set_path(self.data, question.field, value)
            self.answered.add(question.field)
            return

    def _start_confirmed(self, value: Any) -> bool:
        """A call in the past is rarely what was meant ("yesterday 10:00"): asked before taken."""
        if not isinstance(value, dt.datetime) or value == self.past_ok:
            return True
        if self.clock.aware(value) >= self.clock.now:
            return True
        when = dates.call_time_text(value, dates.zone_key(value), self.clock.zone.key)
        confirmed = bool(
            self.asker.ask(
                Prompt(
                    key="starts_at.past",
                    kind="confirm",
                    message=messages.PAST_CALL_CONFIRM.format(when=when),
                    default=False,
                )
            )
        )
        if confirmed:
            self.past_ok = value
        return confirmed

    def _plan_so_far(self) -> Plan:
        """The answers so far as a plan, for the coach's examples (the people named so far)."""
        try:
            return to_plan(self.data)
        except CallprepError:
            return Plan()

    def _convert(self, question: Question, answer: Any) -> Any:
        if question.kind in (*DATE_KINDS, "int", "text"):
            if isinstance(answer, dt.date) and question.kind in DATE_KINDS:
                return answer  # a script may give the value itself
            read = parser(question.kind, self.clock)
            return read(str(answer if answer is not None else ""))
        if question.kind == "confirm":
            return bool(answer)
        if question.kind == "list":
            return [str(item).strip() for item in (answer or []) if str(item).strip()]
        if question.kind == "attendees":
            return [dict(person) for person in (answer or []) if person.get("name")]
        return answer

    def review(self, only: frozenset[str] | None = None) -> Plan:
        """Show what is still open and offer to go back to any of it before saving."""
        questions = {q.field: q for q in self.playbook.questions if only is None or q.field in only}
        while True:
            plan = to_plan(self.data)
            result = coach.review(plan)
            for line in review_lines(result, shutil.get_terminal_size().columns):
                self.asker.say(line)
            # One choice per finding this playbook has a question for, in the seller's words.
            back = {review_choice(f.code): f for f in result.findings if f.field in questions}
            if not back:
                return plan
            choice = str(
                self.asker.ask(
                    Prompt(
                        key=REVIEW_KEY,
                        kind="select",
                        message=messages.REVIEW_PROMPT,
                        choices=(messages.REVIEW_SAVE, *back),
                        default=messages.REVIEW_SAVE,
                    )
                )
                or messages.REVIEW_SAVE
            )
            # A script may also name the field ("objective.best") or "field: code".
            by_field = {f.field: f for f in back.values()}
            finding = back.get(choice) or by_field.get(choice.split(":", 1)[0])
            if finding is None:
                return plan
            self.asker.say(finding.message)
            self.ask(questions[finding.field])
