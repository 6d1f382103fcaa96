"""`callprep playbooks`: the checklists available to `callprep new --playbook`."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text

from callprep import output
from callprep.playbook import all_playbooks
from callprep.render.safe import clean
from callprep.store import Store


def run(home: Path) -> None:
    store = Store(home)
    found, problems = all_playbooks(store.playbooks_dir)
    for problem in problems:
        output.warn(problem.message)
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("name")
    table.add_column("questions", justify="right")
    table.add_column("what it is")
    table.add_column("from", style="dim")
    for name, source in sorted(found.items()):
        book = source.playbook
        table.add_row(
            Text(clean(name), style="bold"),
            str(len(book.questions)),
            Text(clean(book.title or book.description)),
            Text(clean(source.origin)),
        )
    output.out().print(table)
