"""`callprep playbooks`: the checklists available to `callprep new --playbook`."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text

from callprep import messages, output
from callprep.coach.playbook import PlaybookSource, all_playbooks
from callprep.plans.store import Store
from callprep.text import one_line


def _origin(source: PlaybookSource) -> str:
    if source.origin == "built-in":
        return source.origin
    origin = messages.PLAYBOOK_YOURS.format(file=Path(source.origin).name)
    if source.replaces_builtin:
        return messages.PLAYBOOK_REPLACES.format(origin=origin)
    return origin


def run(home: Path) -> None:
    store = Store(home)
    found, problems = all_playbooks(store.playbooks_dir)
    for problem in problems:
        output.warn(messages.PLAYBOOK_SKIPPED.format(problem=problem.error.message))
    table = Table(box=None, header_style="bold", pad_edge=False)
    name, questions, what, origin = messages.PLAYBOOK_COLUMNS
    table.add_column(name, no_wrap=True)
    table.add_column(questions, justify="right")
    table.add_column(what)
    table.add_column(origin, style="dim")
    for name, source in sorted(found.items()):
        book = source.playbook
        table.add_row(
            Text(one_line(name), style="bold"),
            str(len(book.questions)),
            Text(one_line(book.title or book.description)),
            Text(one_line(_origin(source))),
        )
    output.out().print(table)
    output.say(messages.PLAYBOOKS_HINT.format(folder=store.playbooks_dir))
