"""`callprep edit`: the plan in the seller's editor, checked on close; a bad edit is kept aside."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
from pathlib import Path

from callprep import messages, output
from callprep.errors import CallprepError
from callprep.planfile import plan_from_text, read_text
from callprep.store import Store


def editor_command() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise CallprepError(messages.EDIT_NO_EDITOR)
    return shlex.split(editor)


def run(home: Path, ref: str) -> None:
    store = Store(home)
    stored = store.load(ref)
    command = editor_command()
    original = read_text(stored.path)
    stem = stored.plan.id or stored.path.stem
    # The seller edits a private copy; the stored plan changes only once the edit is valid.
    work = store.write_aside(store.drafts_dir, f"edit-{stem}.toml", original)
    try:
        result = subprocess.run([*command, str(work)], check=False)
    except OSError as err:
        work.unlink(missing_ok=True)
        raise CallprepError(
            f"cannot start the editor {command[0]!r}: {err.strerror or err}"
        ) from err
    if result.returncode != 0:
        output.warn(f"the editor exited with status {result.returncode}; checking the file anyway")
    edited = read_text(work)
    if edited == original:
        work.unlink(missing_ok=True)
        output.say(messages.EDIT_UNCHANGED)
        return
    try:
        plan = plan_from_text(edited, str(stored.path.name))
    except CallprepError as err:
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        aside = store.write_aside(store.rejected_dir, f"{stem}-{stamp}.toml", edited)
        work.unlink(missing_ok=True)
        raise CallprepError(
            messages.EDIT_KEPT_ASIDE.format(problem=err.message, aside=aside)
        ) from err
    if stored.plan.id:
        plan = plan.model_copy(update={"id": stored.plan.id})  # the id names the file; it stays
    store.save(stored.path, plan)
    work.unlink(missing_ok=True)
    output.say(messages.SAVED.format(path=stored.path))
