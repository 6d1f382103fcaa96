"""`callprep edit`: the plan in the seller's editor, checked on close; a bad edit is kept aside."""

from __future__ import annotations

import copy
import os
import shlex
import subprocess
import tomllib
from pathlib import Path

from callprep import clock, messages, output
from callprep.catalog import lookup
from callprep.dates import Clock
from callprep.errors import CallprepError, Interrupted
from callprep.plans.model import Plan
from callprep.plans.planfile import check_schema, plan_from_text, plan_to_text, read_text
from callprep.plans.store import PlanChanged, Store, StoredPlan


def editor_command() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise CallprepError(messages.EDIT_NO_EDITOR)
    return shlex.split(editor)


def has_editor() -> bool:
    return bool((os.environ.get("VISUAL") or os.environ.get("EDITOR") or "").strip())


def run_interview(home: Path, ref: str, section: str | None = None) -> None:
    """The interview again, current answers the defaults; what changed is saved onto the plan."""
    from callprep import prompts  # deferred: not for the editor

    store = Store(home)
    stored = lookup.load(store, ref)
    if not prompts.has_terminal():
        raise CallprepError(messages.EDIT_NO_TERMINAL)
    # The interview's own modules: ~50 ms the editor (or a plan not found) does without.
    from callprep.calls import reinterview  # deferred: only an interview held
    from callprep.calls.interview import Interview, to_plan  # deferred: only an interview held
    from callprep.coach.playbook import DEFAULT_PLAYBOOK, get_playbook  # deferred: an interview
    from callprep.plans import profile as profiles  # deferred: only an interview held

    profile = profiles.load_or_empty(home, output.warn)
    name = stored.plan.playbook or profile.playbook or DEFAULT_PLAYBOOK
    try:
        playbook = get_playbook(name, store.playbooks_dir)
    except CallprepError as err:
        output.warn(messages.EDIT_PLAYBOOK_GONE.format(problem=err.message))
        playbook = get_playbook(DEFAULT_PLAYBOOK, store.playbooks_dir)
    base = reinterview.answers_of(stored.plan)
    asker = prompts.interactive_asker()
    interview = Interview(playbook, asker, copy.deepcopy(base), clock=Clock.of(profile.zone_name))
    interview.past_ok = stored.plan.starts_at  # a call held already may keep its time
    try:
        reinterview.ask_again(interview, reinterview.questions_of(playbook, section))
    except KeyboardInterrupt:
        raise Interrupted(messages.EDIT_INTERRUPTED) from None
    ours = interview.data
    if to_plan(ours).to_data() == to_plan(base).to_data():
        output.say(messages.EDIT_UNCHANGED)
        return

    def change(current: Plan) -> Plan:
        return to_plan(reinterview.merge_fields(base, ours, current.to_data()), str(stored.path))

    moved = any(ours.get(key) != base.get(key) for key in ("starts_at", "account", "kind"))
    if moved:  # the id follows the date, account and kind, the old one kept as an alias
        saved = store.reschedule(stored.path, change)
    else:
        saved = StoredPlan(stored.path, store.update(stored.path, change))
    output.say(messages.SAVED.format(path=saved.path))
    if saved.path != stored.path:
        output.say(messages.EDIT_NEW_ID.format(old=stored.path.stem, new=saved.plan.id))
        for other in lookup.drop_alias(store, stored.path.stem, saved.path):
            output.say(
                messages.ALIAS_MOVED.format(alias=stored.path.stem, other=other, id=saved.plan.id)
            )


def _id_in(text: str) -> str:
    try:
        return plan_from_text(text, "").id
    except CallprepError:
        return ""


def _aside_name(store: Store, stem: str) -> str:
    """`<id>-<when>.toml`, never the name of an edit kept aside before."""
    stamp = clock.stamp()
    name, n = f"{stem}-{stamp}.toml", 1
    while (store.rejected_dir / name).exists():
        n += 1
        name = f"{stem}-{stamp}-{n}.toml"
    return name


def _keep_aside(store: Store, stem: str, edited: str, work: Path) -> Path:
    """The edit, kept where the next edit will not overwrite it (else where it already is)."""
    try:
        aside = store.write_aside(store.rejected_dir, _aside_name(store, stem), edited)
    except CallprepError:
        return work  # the disk is full or read-only: the seller's working copy stays
    work.unlink(missing_ok=True)
    return aside


def _refuse_newer(path: Path, text: str) -> None:
    """A plan from a newer callprep is not this one's to change: no edit of it could be saved."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # broken, not newer: it opens, so it can be mended
    check_schema(data, str(path))


def run(home: Path, ref: str, interview: bool = False, section: str | None = None) -> None:
    """In $VISUAL/$EDITOR when one is set; else (or with --interview/--section) by interview."""
    if interview or section is not None or not has_editor():
        run_interview(home, ref, section)
        return
    store = Store(home)
    # Resolve, not load: a file `list` reports as broken must open, so it can be mended.
    path = lookup.resolve(store, ref)
    command = editor_command()
    original = read_text(path)
    _refuse_newer(path, original)
    in_store = store.in_store(path)
    stem = path.stem
    # The seller edits a private copy; the stored plan changes only once the edit is valid.
    work = store.write_aside(store.drafts_dir, f"edit-{stem}.toml", original)
    try:
        result = subprocess.run([*command, str(work)], check=False)
    except OSError as err:
        work.unlink(missing_ok=True)
        raise CallprepError(
            messages.EDIT_CANNOT_START.format(editor=command[0], reason=err.strerror or err)
        ) from err
    edited = read_text(work)
    failed = result.returncode != 0  # e.g. vim's :cq, the way to say "abandon this edit"
    if edited == original:
        work.unlink(missing_ok=True)
        if failed:
            raise CallprepError(messages.EDIT_ABANDONED.format(status=result.returncode))
        output.say(messages.EDIT_UNCHANGED)
        return
    try:
        if failed:
            raise CallprepError(messages.EDIT_EDITOR_STATUS.format(status=result.returncode))
        plan = plan_from_text(edited, path.name)
    except CallprepError as err:
        aside = _keep_aside(store, stem, edited, work)
        raise CallprepError(
            messages.EDIT_KEPT_ASIDE.format(problem=err.message, aside=aside)
        ) from err
    text: str | None = edited  # the seller's own file, comments and layout kept
    keep_id = (_id_in(original) or stem) if in_store else ""
    if keep_id and plan.id != keep_id:
        # Plans are found by their id: a changed one would lose the plan its history.
        if plan.id:
            output.warn(messages.EDIT_ID_KEPT.format(id=keep_id))
        plan = plan.model_copy(update={"id": keep_id})
        text = plan_to_text(plan)
    try:
        store.save(path, plan, text, unchanged_since=original)
    except PlanChanged as err:
        # Another callprep wrote to the plan meanwhile (a debrief, a mark): keep both.
        aside = _keep_aside(store, stem, edited, work)
        raise CallprepError(messages.EDIT_CHANGED_MEANWHILE.format(aside=aside)) from err
    except CallprepError as err:  # a full disk, a read-only store: the edit is not lost
        aside = _keep_aside(store, stem, edited, work)
        raise CallprepError(
            messages.EDIT_NOT_WRITTEN.format(problem=err.message, aside=aside)
        ) from err
    work.unlink(missing_ok=True)
    output.say(messages.SAVED.format(path=path))
