"""`callprep debrief`: after the call, record what it achieved and taught, then the coach's summary."""

from __future__ import annotations

import copy
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from callprep import dates, messages, output, prompts
from callprep.calls import debrief
from callprep.catalog import lookup
from callprep.dates import Clock
from callprep.deal import carry
from callprep.errors import CallprepError, Interrupted
from callprep.outreach import followup
from callprep.plans import profile as profiles
from callprep.plans.home import seller_zone
from callprep.plans.model import Plan
from callprep.plans.planfile import parse_toml, read_text
from callprep.plans.store import Store, slugify

FOLLOWUP_DRAFT_KEY = "draft_followup"  # offered last, in a terminal


def draft_name(plan: Plan, path: Path) -> str:
    # The id comes from the file, which may be anyone's: slugged, it cannot name another folder.
    return f"debrief-{slugify(plan.id) or slugify(path.stem) or 'plan'}"


def _load_draft(draft: Path) -> dict[str, Any] | None:
    if not draft.is_file():
        return None
    try:
        table = parse_toml(read_text(draft), str(draft)).get("debrief")
        if not isinstance(table, dict):
            raise CallprepError(f"{draft}: no [debrief] table")
        debrief.to_debrief(table, str(draft))
    except CallprepError as err:
        output.warn(f"ignoring an unreadable draft: {err.message}")
        return None
    return table


def _draft_people(draft: Path) -> list[dict[str, Any]]:
    """The corrections to the people a draft kept (its `[[attendees]]`); none if unreadable."""
    try:
        return debrief.people_from_file(draft)
    except CallprepError:
        return []


def _offer_draft(
    asker: prompts.Asker, draft: Path, answers: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The answers to start from, and the people's updates, with the draft's if it is resumed."""
    kept = _load_draft(draft)
    if kept is None:
        return answers, []
    saved = dt.datetime.fromtimestamp(draft.stat().st_mtime)
    resume = asker.ask(
        prompts.Prompt(
            key="resume",
            kind="confirm",
            message=messages.RESUME_DEBRIEF.format(saved=f"{saved:%-d %b %H:%M}"),
            default=True,
        )
    )
    if not resume:
        return answers, []
    return debrief.merge(answers, kept), _draft_people(draft)


def _confirm_if_ahead(asker: prompts.Asker, plan: Plan, clock: Clock) -> None:
    """A call still to come is rarely the one meant (a wrong prefix): ask before debriefing it."""
    start = plan.starts_at
    if start is None:
        return
    if clock.aware(start) <= clock.now:
        return
    when = dates.call_time_text(start, plan.timezone, clock.zone.key)
    title = carry.deal_name(plan.account, plan.opportunity) or plan.id
    go_on = asker.ask(
        prompts.Prompt(
            key="debrief.ahead",
            kind="confirm",
            message=messages.DEBRIEF_AHEAD_CONFIRM.format(title=title, when=when),
            default=False,
        )
    )
    if not go_on:
        raise CallprepError(messages.DEBRIEF_AHEAD_STOPPED)


def _heard(
    home: Path, plan: Plan, source: str, ours: list[str], asker: prompts.Asker | None
) -> debrief.FromTranscript:
    """What the call's transcript proposes; in a terminal, the speakers the plan does not name
    are placed first (asked once)."""
    # deferred: the transcript reader's pattern tables: only a debrief from a transcript pays
    from callprep.calls import conversation
    from callprep.calls import transcript as transcripts

    profile = profiles.load_or_empty(home, output.warn)
    read = transcripts.read(source)
    day = conversation.call_clock(plan, profile.zone_name).today()
    heard = conversation.hear(read, plan, day, ours, profile.name)
    if asker is not None and heard.analysis.unplaced:
        heard = heard.replaced(plan, debrief.ask_sides(asker, heard), day)
    return debrief.from_transcript(plan, heard.analysis)


def run(
    home: Path,
    ref: str,
    from_file: Path | None = None,
    no_input: bool = False,
    transcript: str | None = None,
    ours: list[str] | None = None,
) -> None:
    """`ours`: the speakers of the transcript who are on our side (`--ours`)."""
    if ours and transcript is None:
        raise CallprepError(messages.DEBRIEF_OURS_WITHOUT_TRANSCRIPT)
    store = Store(home)
    stored = lookup.load(store, ref)
    plan = stored.plan
    answers = debrief.initial_answers(plan)
    base = copy.deepcopy(answers)  # the debrief as read: what this run's changes are made to
    asker = None if no_input else prompts.interactive_asker()  # refused at once without a terminal
    heard = _heard(home, plan, transcript, ours or [], asker) if transcript is not None else None
    if heard is not None and no_input:
        answers = debrief.with_transcript(answers, heard)
    # Corrections to the people (a `--from` file's [[attendees]], the interview's people step):
    # applied to the plan's attendees when it is saved, not kept in the debrief.
    updates: list[dict[str, Any]] = []
    if from_file is not None:
        given = debrief.answers_from_file(from_file)
        answers = debrief.merge(answers, given)
        debrief.check_due_dates(given, answers.get("held_at"), str(from_file))
        updates = debrief.people_from_file(from_file)
    draft = store.draft_path(draft_name(plan, stored.path))

    if asker is None:
        result = debrief.to_debrief(answers, str(from_file or transcript or stored.path))
    else:
        clock = Clock.of(profiles.load_or_empty(home, output.warn).zone_name)
        _confirm_if_ahead(asker, plan, clock)
        answers, kept_people = _offer_draft(asker, draft, answers)
        start = debrief.with_people(plan, updates + kept_people).attendees
        interview = debrief.DebriefInterview(
            plan, asker, copy.deepcopy(answers), [a.model_dump() for a in start], clock, heard
        )
        try:
            result = interview.run()
            updates = interview.people_updates()
        except KeyboardInterrupt:
            text = debrief.draft_text(interview.data, interview.people_updates())
            changed = interview.data != answers or interview.people_updates()
            command = f"callprep debrief {ref}"
            if text is not None and changed:  # a draft of nothing is no help
                store.write_aside(store.drafts_dir, draft.name, text)
                raise Interrupted(messages.DRAFT_KEPT.format(command=command)) from None
            if draft.is_file():  # declined or resumed, and not changed: it is as it was
                raise Interrupted(messages.DRAFT_STILL_THERE.format(command=command)) from None
            raise Interrupted(messages.NOTHING_KEPT) from None

    # Onto the plan as it is now, under its lock: it may have been edited, its agenda marked, a
    # commitment marked done or another debrief saved meanwhile. Only what this run changed
    # since it read the plan is written over that; every other change made meanwhile stays.
    answered = debrief.answers_of(result)
    source = str(from_file or stored.path)

    def change(current: Plan) -> Plan:
        merged = debrief.merge3(base, answered, debrief.initial_answers(current))
        updated = debrief.with_debrief(current, debrief.to_debrief(merged, source))
        # Only the fields the seller changed, on the people as they are now.
        return debrief.with_people(updated, updates)

    updated = store.update(stored.path, change)
    if problem := store.discard_draft(draft.stem):
        output.warn(problem)
    output.say(messages.DEBRIEF_SAVED.format(path=stored.path))

    from callprep.render import debrief as summary  # deferred: rich: only once saved

    in_store = stored.path.parent == store.plans_dir
    ref_text = stored.path.stem if in_store else str(stored.path)
    summary.render(summary.build(updated, ref_text, seller_zone(home)), output.out())
    if not no_input:
        offer_followup(home, updated, stored.path.stem if in_store else str(stored.path))


def offer_followup(home: Path, plan: Plan, ref: str) -> None:
    """Last, offer to draft the follow-up to the customer (through the prompt seam)."""
    if not plan.debriefed:
        return
    wanted = prompts.interactive_asker().ask(
        prompts.Prompt(
            key=FOLLOWUP_DRAFT_KEY, kind="confirm", message=messages.FOLLOWUP_OFFER, default=True
        )
    )
    if not wanted:
        return
    profile = profiles.load_or_empty(home, output.warn)
    text, view = followup.message_for(plan, "text", ref, profile)
    sys.stdout.write("\n" + text)
    for hint in view.hints:
        output.warn(hint)
    output.say(messages.FOLLOWUP_AFTER.format(id=ref))
