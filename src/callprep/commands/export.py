"""`callprep export`: the store as tables for a team dashboard (CSV, JSON lines, SQLite)."""

from __future__ import annotations

from pathlib import Path

from callprep import messages, output
from callprep.catalog import listing
from callprep.errors import CallprepError
from callprep.plans.planfile import load_plan
from callprep.plans.store import Store
from callprep.team import export, owners


def run(home: Path, fmt: str, output_path: str | None, owner: str | None = None) -> None:
    if output_path is None and fmt != "jsonl":
        raise CallprepError(messages.EXPORT_NEEDS_OUTPUT.format(format=fmt))
    if output_path == output.STDOUT and fmt == "csv":
        raise CallprepError(messages.EXPORT_CSV_STDOUT)
    store = Store(home)
    plans, problems = listing.summaries(store)
    for problem in problems:
        output.warn(listing.problem_message(problem))
    whose = owners.owner_filter(home, owner or "all", output.warn)
    chosen = [p for p in plans if p.path is not None and (whose is None or whose(p.owner))]
    loaded = []
    for summary in sorted(chosen, key=lambda p: p.id):
        assert summary.path is not None
        try:
            loaded.append((summary, load_plan(summary.path)))
        except CallprepError as err:  # changed under us since the index read it
            output.warn(err.message)
    data = export.tables(loaded)
    guard = store.guard(store.plans_dir)
    if fmt == "jsonl":
        text = export.to_jsonl(data).decode("utf-8")
        output.write_data(text, output_path, guard)
    elif fmt == "sqlite":
        assert output_path is not None
        output.write_file(output_path, export.to_sqlite(data), guard)
    else:
        assert output_path is not None
        calls = Path(output_path)
        commitments = calls.with_name(f"{calls.stem}-commitments{calls.suffix or '.csv'}")
        output.write_file(output_path, export.to_csv(data.calls, export.CALL_COLUMNS), guard)
        output.write_file(
            str(commitments), export.to_csv(data.commitments, export.COMMITMENT_COLUMNS), guard
        )
    output.say(messages.EXPORTED.format(calls=len(data.calls), commitments=len(data.commitments)))
