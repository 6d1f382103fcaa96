"""The debrief: its questions as data, answers to a validated Debrief, and the interview that asks them.

The answers are kept in the shape of the plan file's `[debrief]` table from the first question
on, so a draft kept on Ctrl-C is itself a valid `--from` file. Two keys go beyond the SPEC's
table and are kept as extra keys of it:

- `new_opportunities`: the off-script discoveries marked as a new opportunity (each also stays
  in `off_script`, so a reader of `off_script` alone still sees every discovery);
- `answered`: the plan's own questions that got an answer in the call, so the next call's brief
  lists only the ones still unanswered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callprep import dates, messages
from callprep.calls import people as deal_people
from callprep.calls.interview import default_text, parser, validator_for
from callprep.calls.transcript import elapsed
from callprep.coach.topics import DISCOVERY
from callprep.dates import Clock, Prefer
from callprep.errors import CallprepError
from callprep.plans.model import DISCOVERY_KEYS, OUTCOMES, Debrief, Plan
from callprep.plans.planfile import load_answers, validate
from callprep.prompts import Asker, Prompt
from callprep.text import one_line

if TYPE_CHECKING:  # only named in annotations: `deal` and the summary need not load the reader
    from callprep.calls import conversation

NEW_OPPORTUNITIES = "new_opportunities"
ANSWERED = "answered"
STANCES = "stances"
TRANSCRIPT = "transcript"  # a commitment's source when the call's transcript proposed it
ENGAGEMENT_LEVELS = (5, 4, 3, 2, 1)
COMMITMENT_STATUSES = ("open", "done", "remove")


@dataclass(frozen=True)
class Question:
    """One debrief question: the `[debrief]` key it fills and the kind of answer it takes."""

    field: str
    kind: str  # a prompt kind: text, datetime, select, confirm, list
    choices: tuple[str, ...] = ()


# The debrief in the order it is asked. The named steps between them walk the plan itself
# (its off-script items, discovery unknowns, questions and commitments).
STEPS: tuple[Question | str, ...] = (
    Question("held_at", "datetime"),
    Question("summary", "text"),
    Question("outcome", "select", tuple(messages.DEBRIEF_OUTCOME_CHOICES.values())),
    Question("customer_objective_met", "confirm"),
    Question("customer_prepared", "confirm"),
    Question(
        "engagement",
        "select",
        tuple(messages.DEBRIEF_ENGAGEMENT_CHOICES[n] for n in ENGAGEMENT_LEVELS),
    ),
    "heard_off_script",
    Question("off_script", "list"),
    "new_opportunities",
    # Dangers heard, kept apart from the openings above.
    Question("risks", "list"),
    "learned",
    "answered",
    Question("could_have_done_more", "text"),
    Question("next_step", "text"),
    "commitments",
    "people",
)


# --- reading a debrief's extra keys ------------------------------------------------------------


def _extra_list(debrief: Debrief | None, key: str) -> list[str]:
    """An extra list key of `[debrief]`; a hand-edited odd value reads as its text, or nothing."""
    if debrief is None:
        return []
    value = (debrief.model_extra or {}).get(key)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [str(item).strip() for item in value if str(item).strip()]


def new_opportunities(debrief: Debrief | None) -> list[str]:
    return _extra_list(debrief, NEW_OPPORTUNITIES)


def answered_questions(debrief: Debrief | None) -> list[str]:
    return _extra_list(debrief, ANSWERED)


def recorded_stances(debrief: Debrief | None) -> list[tuple[str, str, str]]:
    """The stances the debrief changed, (name, was, now); a hand-edited odd entry is skipped."""
    value = (debrief.model_extra or {}).get(STANCES) if debrief is not None else None
    if not isinstance(value, list):
        return []
    found: list[tuple[str, str, str]] = []
    for item in value:
        if isinstance(item, dict) and item.get("name") and item.get("now"):
            found.append((str(item["name"]), str(item.get("was") or ""), str(item["now"])))
    return found


# --- answers <-> Debrief -------------------------------------------------------------------------


def initial_answers(plan: Plan) -> dict[str, Any]:
    """Where a debrief starts: the earlier debrief's answers, or the planned time as held_at."""
    if plan.debrief is not None:
        answers = plan.debrief.model_dump(mode="python", exclude_none=True)
    else:
        answers = {}
    if answers.get("held_at") is None and plan.starts_at is not None:
        answers["held_at"] = plan.starts_at
    return answers


def merge(answers: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """`given` (a `--from` file's table) over `answers`, key by key.

    `learned` is merged by topic (an empty topic clears it). Commitments are added: one with
    the same who, what and due as a recorded one updates it (marks it done, say), the rest join
    the list, so a file about one call never drops what earlier debriefs recorded.
    """
    merged = dict(answers)
    for key, value in given.items():
        if key == "learned" and isinstance(value, dict):
            learned = dict(merged.get("learned") or {})
            learned.update(value)
            merged["learned"] = {k: v for k, v in learned.items() if v not in ("", None)}
        elif key == "commitments" and isinstance(value, list):
            merged[key] = _add_commitments(merged.get(key) or [], value)
        else:
            merged[key] = value
    return merged


def _commitment_key(item: Mapping[str, Any]) -> tuple[Any, ...]:
    return (item.get("who", "customer"), str(item.get("what", "")).strip(), str(item.get("due")))


def _add_commitments(recorded: list[Any], given: list[Any]) -> list[Any]:
    found = {_commitment_key(c): n for n, c in enumerate(recorded) if isinstance(c, Mapping)}
    result = [dict(c) if isinstance(c, Mapping) else c for c in recorded]
    for item in given:
        at = found.get(_commitment_key(item)) if isinstance(item, Mapping) else None
        if at is None:
            result.append(item)
        else:
            result[at] = {**result[at], **item}
    return result


def answers_of(debrief: Debrief) -> dict[str, Any]:
    """A debrief as answers, the shape `initial_answers` and `merge3` work on."""
    return debrief.model_dump(mode="python", exclude_none=True)


def merge3(
    base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> dict[str, Any]:
    """This run's debrief (`ours`, made from `base`) over the plan's as it is now (`theirs`).

    What this run changed since `base` wins; what it left as it was takes the current value, so
    a change another process saved meanwhile stays. `learned` merges topic by topic and the
    commitments one by one (a commitment marked done meanwhile stays done unless this run
    changed that very commitment).
    """
    merged: dict[str, Any] = {}
    for key in _union(theirs, ours, base):
        if key == "learned":
            value: Any = merge3(base.get(key) or {}, ours.get(key) or {}, theirs.get(key) or {})
        elif key == "commitments":
            value = _merge_commitments(
                base.get(key) or [], ours.get(key) or [], theirs.get(key) or []
            )
        else:
            value = ours.get(key) if ours.get(key) != base.get(key) else theirs.get(key)
        if value not in (None, [], {}):
            merged[key] = value
    return merged


def _union(*maps: Mapping[str, Any]) -> list[str]:
    return list(dict.fromkeys(key for mapping in maps for key in mapping))


def _merge_commitments(
    base: list[dict[str, Any]], ours: list[dict[str, Any]], theirs: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Commitments matched by who, what and due (the same words twice count as two)."""

    def keyed(items: list[dict[str, Any]]) -> dict[tuple[Any, ...], dict[str, Any]]:
        found: dict[tuple[Any, ...], dict[str, Any]] = {}
        for item in items:
            key = _commitment_key(item)
            n = 0
            while (*key, n) in found:
                n += 1
            found[(*key, n)] = dict(item)
        return found

    if ours == base:
        return [dict(item) for item in theirs]
    if theirs == base:
        return [dict(item) for item in ours]
    was, mine, now = keyed(base), keyed(ours), keyed(theirs)
    merged: list[dict[str, Any]] = []
    for key in dict.fromkeys([*mine, *now]):  # in this run's order, then what was added meanwhile
        if key not in was:
            merged.append(mine.get(key) or now[key])  # added, here or meanwhile
        elif key not in mine:
            continue  # this run removed it
        elif mine[key] != was[key]:
            merged.append(mine[key])  # this run changed it (marked it done, say)
        elif key in now:
            merged.append(now[key])  # as it is now: marked done meanwhile, perhaps
        # else: removed meanwhile and not changed here, so it stays removed
    return merged


def answers_from_file(path: Path) -> dict[str, Any]:
    """The `[debrief]` table of a `--from` file (any other table in it is ignored)."""
    data = load_answers(path, table="debrief")
    table = data.get("debrief")
    if not isinstance(table, dict):
        raise CallprepError(messages.DEBRIEF_FROM_NO_TABLE.format(path=path))
    return table


def to_debrief(answers: Mapping[str, Any], source: str) -> Debrief:
    """Validate the answers as the plan's `[debrief]` (errors name `debrief.<field>`)."""
    debrief = validate(Plan, {"debrief": dict(answers)}, source).debrief
    assert debrief is not None
    return debrief


def check_due_dates(given: Mapping[str, Any], held: Any, source: str) -> None:
    """Refuse a `--from` file's commitment that falls due before the call was held (one line)."""
    if not isinstance(held, dt.datetime) or not given.get("commitments"):
        return
    for commitment in to_debrief({"commitments": given["commitments"]}, source).commitments:
        if commitment.due is not None and commitment.due < held.date():
            raise CallprepError(
                messages.DEBRIEF_DUE_BEFORE_CALL_IN.format(
                    source=source,
                    what=one_line(commitment.what) or "a commitment",
                    due=dates.describe_date(commitment.due),
                    held=dates.describe_date(held.date()),
                )
            )


def with_debrief(plan: Plan, debrief: Debrief) -> Plan:
    return plan.model_copy(update={"debrief": debrief})


def draft_text(
    answers: Mapping[str, Any], updates: list[dict[str, Any]] | None = None
) -> str | None:
    """The answers so far as a plan-format file: the `[debrief]` table and the people's updates
    as `[[attendees]]` (so the draft is itself a `--from` file); None if unusable."""
    import tomli_w  # deferred: only writing a debrief from a file

    try:
        debrief = to_debrief(answers, "draft")
    except CallprepError:
        return None
    data: dict[str, Any] = {"debrief": debrief.model_dump(mode="python", exclude_none=True)}
    if updates:
        data["attendees"] = updates
    return tomli_w.dumps(data)


def people_from_file(path: Path) -> list[dict[str, Any]]:
    """The `[[attendees]]` of a `--from` file as updates to the plan's people (see `people`)."""
    return deal_people.updates_from(load_answers(path).get("attendees"), str(path))


def with_people(plan: Plan, updates: list[dict[str, Any]]) -> Plan:
    """The plan with the debrief's corrections to its people applied (a no-op without any).

    The stances they change are recorded in the debrief (`stances`: name, was, now), for the
    next call's "Last time": the attendees alone no longer say what a stance was.
    """
    if not updates:
        return plan
    changed = deal_people.stance_changes(plan.attendees, updates)
    debrief = plan.debrief
    if changed and debrief is not None:
        recorded = {
            name.casefold(): {"name": name, "was": was, "now": now}
            for name, was, now in recorded_stances(debrief)
        }
        for item in changed:
            earlier = recorded.get(item["name"].casefold())
            was = earlier["was"] if earlier is not None else item["was"]  # the first "was" stays
            recorded[item["name"].casefold()] = {**item, "was": was}
        kept = [item for item in recorded.values() if item["was"] != item["now"]]
        debrief = debrief.model_copy(update={STANCES: kept})
    return plan.model_copy(
        update={"attendees": deal_people.apply(plan.attendees, updates), "debrief": debrief}
    )


def unknown_before(plan: Plan) -> list[str]:
    """The discovery topics the plan did not know going in: the ones the debrief asks about."""
    return [key for key in DISCOVERY_KEYS if not plan.discovery.is_known(key)]


# --- a transcript's findings as the debrief's answers ----------------------------------------------


@dataclass(frozen=True)
class FromTranscript:
    """What a call's transcript proposes to the debrief: each part a default the seller confirms
    (or, with --no-input, saves as found)."""

    commitments: list[dict[str, Any]]
    learned: dict[str, tuple[str, float]]  # topic -> (the customer's words, when)
    asked: dict[str, float]  # the plan's question -> when it was asked
    off_script: list[tuple[str, float, float]]  # (summary, at, seconds)
    next_step: str
    conversation: dict[str, Any]


def from_transcript(plan: Plan, analysis: conversation.Analysis) -> FromTranscript:
    """The debrief's view of an analysis: commitments as `[[debrief.commitments]]` entries marked
    `source = "transcript"` with the sentence they were said in, learned topics the plan did not
    know, the planned questions asked, the off-script stretches and the next step."""
    commitments: list[dict[str, Any]] = []
    for found in analysis.commitments:
        item: dict[str, Any] = {
            "who": found.who,
            "what": found.what,
            "done": False,
            "source": TRANSCRIPT,
            "quote": found.quote,
        }
        if found.due is not None:
            item["due"] = found.due
        if found.request:
            item["request"] = found.request
        commitments.append(item)
    unknown = set(unknown_before(plan))
    return FromTranscript(
        commitments=commitments,
        learned={t.topic: (t.excerpt, t.at) for t in analysis.topics if t.topic in unknown},
        asked={q.question: q.at for q in analysis.questions_asked},
        off_script=[(o.summary, o.at, o.seconds) for o in analysis.off_script],
        next_step=analysis.next_step or "",
        conversation=analysis.conversation(),
    )


def _new_commitments(answers: Mapping[str, Any], found: FromTranscript) -> list[dict[str, Any]]:
    """The transcript's commitments not yet recorded: not the same sentence (a debrief run
    again on the same call), nor the same who, what and due (one typed in already)."""
    recorded = [c for c in answers.get("commitments") or [] if isinstance(c, Mapping)]
    said = {_said(c.get("quote", "")) for c in recorded}
    keys = {_commitment_key(c) for c in recorded}
    return [
        c
        for c in found.commitments
        if _said(c["quote"]) not in said and _commitment_key(c) not in keys
    ]


def _said(quote: object) -> str:
    """A quoted sentence as compared: its words, whatever the spacing and case."""
    return " ".join(str(quote).split()).casefold()


def with_transcript(answers: Mapping[str, Any], found: FromTranscript) -> dict[str, Any]:
    """The answers with what the transcript found saved as found (`--no-input`): its
    commitments, what was learned of topics still unknown, the planned questions asked, the next
    step if none is recorded, and the conversation's figures. Off-script stretches are left
    out: a stretch off the agenda is a place to look, not yet a note."""
    merged = dict(answers)
    merged["commitments"] = [*(answers.get("commitments") or []), *_new_commitments(answers, found)]
    learned = dict(answers.get("learned") or {})
    for key, (excerpt, _) in found.learned.items():
        learned.setdefault(key, excerpt)
    if learned:
        merged["learned"] = learned
    asked = [q for q in found.asked if q not in (answers.get(ANSWERED) or [])]
    if asked:
        merged[ANSWERED] = [*(answers.get(ANSWERED) or []), *asked]
    if found.next_step and not answers.get("next_step"):
        merged["next_step"] = found.next_step
    merged["conversation"] = found.conversation
    if not merged["commitments"]:
        del merged["commitments"]
    return merged


def side_question(speaker: conversation.SpeakerFigures, first_words: str) -> Prompt:
    """Which side a speaker the plan does not name is on (asked once, before the debrief)."""
    sides = messages.DEBRIEF_TRANSCRIPT_SIDES
    return Prompt(
        key="transcript.side",
        kind="select",
        message=messages.DEBRIEF_TRANSCRIPT_WHO.format(name=one_line(speaker.name)),
        help=messages.DEBRIEF_TRANSCRIPT_SAID.format(words=one_line(first_words)),
        choices=tuple(sides.values()),
        default=sides.get(speaker.side, sides["customer"]),
    )


def ask_sides(asker: Asker, heard: conversation.Heard) -> dict[str, str]:
    """The side of each speaker the plan does not name, asked once: name -> ours or customer."""
    chosen: dict[str, str] = {}
    for speaker in heard.analysis.unplaced:
        said = next((s.text for s in heard.talk if s.speaker == speaker.name), "")
        while True:
            answer = asker.ask(side_question(speaker, " ".join(said.split()[:12])))
            key = _choice_key(answer, messages.DEBRIEF_TRANSCRIPT_SIDES)
            if key is not None:
                chosen[speaker.name] = str(key)
                break
            asker.say(messages.DEBRIEF_BAD_CHOICE)
    return chosen


# --- converting what the seller picked -------------------------------------------------------------


def _choice_key(answer: Any, choices: Mapping[Any, str]) -> Any:
    """The key of a picked choice; a script may give the key itself ("best", 4)."""
    for key, label in choices.items():
        if answer == label or str(answer).strip() == str(key):
            return key
    return None


def outcome_of(answer: Any) -> str:
    if answer in ("", None):
        return ""
    key = _choice_key(answer, messages.DEBRIEF_OUTCOME_CHOICES)
    if key not in OUTCOMES:
        raise CallprepError(f"{answer!r}: {messages.DEBRIEF_BAD_OUTCOME}")
    return str(key)


def engagement_of(answer: Any) -> int | None:
    if answer in ("", None):
        return None
    key = _choice_key(answer, messages.DEBRIEF_ENGAGEMENT_CHOICES)
    if key is None:
        raise CallprepError(f"{answer!r}: {messages.DEBRIEF_BAD_ENGAGEMENT}")
    return int(key)


def _text(answer: Any) -> str:
    return str(answer if answer is not None else "").strip()


def _items(answer: Any) -> list[str]:
    return [str(item).strip() for item in (answer or []) if str(item).strip()]


# --- the interview -----------------------------------------------------------------------------------


class DebriefInterview:
    """Asks the debrief through the prompt seam; `data` holds every answer so far, even after Ctrl-C."""

    def __init__(
        self,
        plan: Plan,
        asker: Asker,
        data: dict[str, Any] | None = None,
        attendees: list[dict[str, Any]] | None = None,
        clock: Clock | None = None,
        heard: FromTranscript | None = None,
    ) -> None:
        self.plan = plan
        self.asker = asker
        self.data: dict[str, Any] = data if data is not None else initial_answers(plan)
        # What the call's transcript proposes: each part becomes a default, confirmed once.
        self.heard = heard
        if heard is not None:
            if heard.next_step and not self.data.get("next_step"):
                self.data["next_step"] = heard.next_step
            self.data["conversation"] = heard.conversation
        # The people as the seller corrects them; written to the plan's attendees, not the debrief.
        self.attendees: list[dict[str, Any]] = (
            attendees if attendees is not None else [a.model_dump() for a in plan.attendees]
        )
        self.clock = clock or Clock.of(dates.local_zone_name())

    def people_updates(self) -> list[dict[str, Any]]:
        """What the seller changed about the plan's people, as updates to apply when saving."""
        return deal_people.changes(self.plan.attendees, self.attendees)

    def call_clock(self) -> Clock:
        """The clock as it stood when the call was held: "tomorrow" said in the call is the day
        after it, whenever the debrief is typed."""
        held = self.data.get("held_at")
        if not isinstance(held, dt.datetime):
            return self.clock
        return Clock.of(self.clock.zone.key, held)

    def _dates(
        self,
        kind: str,
        prefer: Prefer = "future",
        clock: Clock | None = None,
        not_before: dt.date | None = None,
    ) -> tuple[Callable[[Any], Any], Any]:
        """How a typed date of `kind` is read (on `clock`, the seller's by default) and checked:
        the answer echoed once understood; a day before `not_before` refused."""
        clock = clock or self.clock
        read = parser(kind, clock, prefer)
        readable = validator_for(kind, clock, prefer)

        def too_early(value: Any) -> str | None:
            if not_before is None or not isinstance(value, dt.date):
                return None
            day = value.date() if isinstance(value, dt.datetime) else value
            if day >= not_before:
                return None
            return messages.DEBRIEF_DUE_BEFORE_CALL.format(
                due=dates.describe_date(day), held=dates.describe_date(not_before)
            )

        def convert(answer: Any) -> Any:
            value = answer if isinstance(answer, dt.date) else read(_text(answer))
            if (problem := too_early(value)) is not None:
                raise CallprepError(problem)
            if value is not None:
                self.asker.say(dates.echo(value))
            return value

        def validate(text: str) -> str | None:
            problem = readable(text) if readable is not None else None
            if problem is None and not_before is not None:
                try:
                    problem = too_early(read(text))
                except CallprepError:
                    problem = None  # the reading's own problem was given above
            return problem

        return convert, validate

    def run(self) -> Debrief:
        self._introduce()
        for step in STEPS:
            if isinstance(step, Question):
                self._ask_question(step)
            else:
                getattr(self, f"_ask_{step}")()
        return to_debrief(self.data, "your answers")

    def _introduce(self) -> None:
        plan = self.plan
        title = " · ".join(one_line(p) for p in (plan.account, plan.opportunity) if p)
        self.asker.say(messages.debrief_heading(title or plan.id, plan.kind))
        if plan.objective.best:
            self.asker.say(messages.DEBRIEF_PLANNED_BEST.format(best=one_line(plan.objective.best)))
        if plan.objective.minimum:
            self.asker.say(
                messages.DEBRIEF_PLANNED_MINIMUM.format(minimum=one_line(plan.objective.minimum))
            )
        if plan.debrief is not None:
            self.asker.say(messages.DEBRIEF_UPDATING)

    # -- one answer, asked again until it reads ----------------------------------------------------

    def _ask(self, prompt: Prompt, convert: Callable[[Any], Any]) -> Any:
        while True:
            answer = self.asker.ask(prompt)
            try:
                return convert(answer)
            except CallprepError as err:
                self.asker.say(err.message)

    def _set(self, key: str, value: Any) -> None:
        if value is None or value == [] or value == "":
            self.data.pop(key, None)
        else:
            self.data[key] = value

    def _ask_question(self, question: Question) -> None:
        text, help_text = self._wording(question.field)
        current = self.data.get(question.field)
        convert: Callable[[Any], Any]
        validate = None
        default: Any = current
        if question.kind == "datetime":
            convert, validate = self._dates("datetime", prefer="past")  # a call already held
            default = default_text("datetime", current, self.clock, self.plan.timezone)
        elif question.field == "outcome":
            convert = outcome_of
            default = messages.DEBRIEF_OUTCOME_CHOICES.get(str(current))
        elif question.field == "engagement":
            convert = engagement_of
            default = messages.DEBRIEF_ENGAGEMENT_CHOICES.get(current) if current else None
        elif question.kind == "confirm":
            convert = bool
        elif question.kind == "list":
            convert = _items
        else:
            convert = _text
        if question.kind == "confirm" and help_text:
            self.asker.say(f"  {help_text}")  # a yes/no prompt shows no help of its own
        value = self._ask(
            Prompt(
                key=f"debrief.{question.field}",
                kind=question.kind,
                message=text,
                help=help_text,
                default=default,
                choices=question.choices,
                validate=validate,
            ),
            convert,
        )
        self._set(question.field, value)

    def _wording(self, field: str) -> tuple[str, str]:
        """The question for this plan: some name what the plan expected of the call."""
        plan = self.plan
        text, help_text = messages.DEBRIEF_QUESTIONS[field]
        if field == "customer_objective_met" and plan.objective.customer:
            help_text = messages.DEBRIEF_THEY_WANTED.format(goal=one_line(plan.objective.customer))
        if field == "customer_prepared":
            prep = [one_line(item) for item in plan.agenda.customer_prep if item]
            if prep:
                help_text = messages.DEBRIEF_YOU_ASKED.format(items="; ".join(prep))
            else:
                text, help_text = messages.DEBRIEF_PREPARED_UNASKED
        return text, help_text

    # -- the steps that walk the plan ----------------------------------------------------------------

    def _ask_new_opportunities(self) -> None:
        items = list(self.data.get("off_script") or [])
        before = set(self.data.get(NEW_OPPORTUNITIES) or [])
        chosen: list[str] = []
        for item in items:
            is_new = self._ask(
                Prompt(
                    key="debrief.new_opportunity",
                    kind="confirm",
                    message=messages.DEBRIEF_NEW_OPPORTUNITY.format(item=one_line(item)),
                    default=item in before,
                ),
                bool,
            )
            if is_new:
                chosen.append(item)
            self._set(NEW_OPPORTUNITIES, chosen)
        self._set(NEW_OPPORTUNITIES, chosen)

    def _ask_learned(self) -> None:
        topics = unknown_before(self.plan)
        if not topics:
            return
        self.asker.say(messages.DEBRIEF_LEARNED_INTRO)
        learned = dict(self.data.get("learned") or {})
        heard = self.heard.learned if self.heard is not None else {}
        for key in topics:
            current = learned.get(key)
            if key in heard and not current:
                excerpt, at = heard[key]
                self.asker.say(
                    messages.DEBRIEF_HEARD.format(at=elapsed(at), words=one_line(excerpt))
                )
                current = excerpt
            kind = "deadline" if key == "deadline" else "text"
            convert, validate = (
                self._dates(kind, clock=self.call_clock()) if kind == "deadline" else (_text, None)
            )
            value = self._ask(
                Prompt(
                    key=f"learned.{key}",
                    kind=kind,
                    message=DISCOVERY[key].learned,
                    help=messages.DEBRIEF_LEARNED_HELP,
                    default=default_text(kind, current, self.clock),
                    validate=validate,
                ),
                convert,
            )
            if value in ("", None):
                learned.pop(key, None)
            else:
                learned[key] = value
            self._set("learned", dict(learned))

    def _ask_answered(self) -> None:
        questions = [q for q in self.plan.questions if q]
        if not questions:
            return
        self.asker.say(messages.DEBRIEF_ANSWERED_INTRO)
        before = set(self.data.get(ANSWERED) or [])
        asked = self.heard.asked if self.heard is not None else {}
        answered: list[str] = []
        for question in questions:
            message = one_line(question)
            if question in asked:
                message = messages.DEBRIEF_ASKED_AT.format(
                    question=message, at=elapsed(asked[question])
                )
            got = self._ask(
                Prompt(
                    key="debrief.answered",
                    kind="confirm",
                    message=message,
                    default=question in before or question in asked,
                ),
                bool,
            )
            if got:
                answered.append(question)
        self._set(ANSWERED, answered)

    def _ask_heard_off_script(self) -> None:
        """The stretches of the call about no agenda item: note each as off-script?"""
        if self.heard is None or not self.heard.off_script:
            return
        notes = list(self.data.get("off_script") or [])
        for summary, at, seconds in self.heard.off_script:
            if summary in notes:
                continue
            keep = self._ask(
                Prompt(
                    key="debrief.heard_off_script",
                    kind="confirm",
                    message=messages.DEBRIEF_HEARD_OFF_SCRIPT.format(
                        at=elapsed(at), took=elapsed(seconds), words=one_line(summary)
                    ),
                    default=False,
                ),
                bool,
            )
            if keep:
                notes.append(summary)
                self._set("off_script", list(notes))

    def _ask_heard_commitments(self, existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each commitment the transcript found, proposed once: keep it, edit it, or drop it."""
        assert self.heard is not None
        proposed = _new_commitments({"commitments": existing}, self.heard)
        if not proposed:
            return []
        self.asker.say(messages.DEBRIEF_HEARD_COMMITMENTS.format(count=len(proposed)))
        kept: list[dict[str, Any]] = []
        for item in proposed:
            self.asker.say(messages.DEBRIEF_HEARD_QUOTE.format(quote=one_line(item["quote"])))
            choice = self._ask(
                Prompt(
                    key="commitment.heard",
                    kind="select",
                    message=messages.commitment_line(item),
                    choices=tuple(messages.DEBRIEF_HEARD_CHOICES.values()),
                    default=messages.DEBRIEF_HEARD_CHOICES["keep"],
                ),
                _heard_choice,
            )
            if choice == "keep":
                kept.append(item)
            elif choice == "edit":
                kept.append(self._edit_commitment(item))
        return kept

    def _edit_commitment(self, item: dict[str, Any]) -> dict[str, Any]:
        what = self._ask(
            Prompt(
                key="commitment.what",
                kind="text",
                message=messages.DEBRIEF_COMMITMENT_WHAT_EDIT,
                default=item["what"],
            ),
            _text,
        )
        who, due = self._ask_who_due(
            messages.DEBRIEF_COMMITMENT_SIDES[item["who"]],
            item["due"].isoformat() if item.get("due") else "",
        )
        edited = {**item, "what": what or item["what"], "who": who}
        edited.pop("due", None)
        if due is not None:
            edited["due"] = due
        return edited

    def _ask_who_due(self, who_default: str, due_default: str | None = None) -> tuple[str, Any]:
        """Whose a commitment is and when it is due (none: no due date), asked in that order;
        the due date may not be before the call's day."""
        who = self._ask(
            Prompt(
                key="commitment.who",
                kind="select",
                message=messages.DEBRIEF_COMMITMENT_WHO,
                choices=tuple(messages.DEBRIEF_COMMITMENT_SIDES.values()),
                default=who_default,
            ),
            _side_of,
        )
        call = self.call_clock()
        convert, validate = self._dates("date", clock=call, not_before=call.today())
        due = self._ask(
            Prompt(
                key="commitment.due",
                kind="date",
                message=messages.DEBRIEF_COMMITMENT_DUE,
                help=messages.DEBRIEF_COMMITMENT_DUE_HELP,
                default=due_default,
                validate=validate,
            ),
            convert,
        )
        return who, due

    def _ask_people(self) -> None:
        """Who was there: correct a name or role, change influence and stance, add who joined."""
        self.attendees = deal_people.review(
            self.asker, self.attendees, messages.PEOPLE_DEBRIEF_INTRO
        )

    def _ask_commitments(self) -> None:
        kept: list[dict[str, Any]] = []
        existing = [dict(c) for c in self.data.get("commitments") or []]
        if existing:
            self.asker.say(messages.DEBRIEF_COMMITMENTS_SO_FAR)
        for index, commitment in enumerate(existing):
            status = self._ask(
                Prompt(
                    key="commitment.status",
                    kind="select",
                    message=messages.commitment_line(commitment),
                    choices=tuple(messages.DEBRIEF_COMMITMENT_STATUS.values()),
                    default=messages.DEBRIEF_COMMITMENT_STATUS[
                        "done" if commitment.get("done") else "open"
                    ],
                ),
                _status_of,
            )
            if status != "remove":
                kept.append({**commitment, "done": status == "done"})
            self.data["commitments"] = kept + existing[index + 1 :]
        if self.heard is not None:
            kept += self._ask_heard_commitments(existing)
            self.data["commitments"] = list(kept)
        self.asker.say(messages.DEBRIEF_COMMITMENTS_NEW)
        while True:
            what = self._ask(
                Prompt(
                    key="commitment.what", kind="text", message=messages.DEBRIEF_COMMITMENT_WHAT
                ),
                _text,
            )
            if not what:
                break
            who, due = self._ask_who_due(messages.DEBRIEF_COMMITMENT_SIDES["customer"])
            added: dict[str, Any] = {"who": who, "what": what, "done": False}
            if due is not None:
                added["due"] = due
            kept.append(added)
            self.data["commitments"] = list(kept)
        self._set("commitments", kept)


def _picked(choices: Mapping[str, str]) -> Callable[[Any], str]:
    """A select answer read as the key of one of `choices`; any other answer is refused."""

    def key_of(answer: Any) -> str:
        key = _choice_key(answer, choices)
        if key is None:
            raise CallprepError(f"{answer!r}: {messages.DEBRIEF_BAD_CHOICE}")
        return str(key)

    return key_of


_heard_choice = _picked(messages.DEBRIEF_HEARD_CHOICES)
_status_of = _picked(messages.DEBRIEF_COMMITMENT_STATUS)
_side_of = _picked(messages.DEBRIEF_COMMITMENT_SIDES)
