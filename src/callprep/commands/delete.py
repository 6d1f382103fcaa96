"""`callprep delete`: a plan goes to the trash folder (never unlinked); `--restore` brings it back."""

from __future__ import annotations

from pathlib import Path

from callprep import messages, output
from callprep.catalog import lookup
from callprep.errors import CallprepError
from callprep.plans.store import Store


def run(home: Path, ref: str | None, restore: str | None = None) -> None:
    store = Store(home)
    if restore is not None:
        path = store.restore(restore)
        output.say(messages.RESTORED.format(id=path.stem, path=path))
        return
    if not ref:
        raise CallprepError(messages.DELETE_WHAT)
    stored = lookup.load(store, ref)
    target = store.trash(stored.path)
    output.say(messages.DELETED.format(id=stored.path.stem, trash=target.parent))
