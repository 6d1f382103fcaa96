"""The store as tables for a team dashboard: one row per call, and its commitments.

For Datasette, a spreadsheet or a BI tool, without reading TOML. Pure functions from plans and
their summaries to rows; `write_*` turn the rows into CSV, JSON lines or an SQLite database.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from callprep.catalog.index import PlanSummary
from callprep.plans.model import Plan

CALL_COLUMNS = (
    "id",
    "account",
    "opportunity",
    "kind",
    "starts_at",
    "timezone",
    "duration_minutes",
    "owner",
    "playbook",
    "readiness",
    "findings",
    "agenda_items",
    "agenda_shared",
    "agenda_confirmed",
    "customer_prep",
    "cancelled",
    "debriefed",
    "held_at",
    "outcome",
    "reached",
    "customer_objective_met",
    "customer_prepared",
    "engagement",
    "next_step",
    "open_commitments",
)
COMMITMENT_COLUMNS = ("plan_id", "number", "who", "what", "due", "done")


@dataclass(frozen=True)
class Tables:
    calls: list[dict[str, Any]]
    commitments: list[dict[str, Any]]


def tables(plans: Iterable[tuple[PlanSummary, Plan]]) -> Tables:
    """One row per call (readiness as the coach gives it, with the deal's people), and one per
    commitment made in a debrief."""
    calls: list[dict[str, Any]] = []
    commitments: list[dict[str, Any]] = []
    for summary, plan in plans:
        debrief = plan.debrief
        made = debrief.commitments if debrief is not None else []
        calls.append(
            {
                "id": summary.id,
                "account": plan.account,
                "opportunity": plan.opportunity,
                "kind": plan.kind,
                "starts_at": _iso(plan.starts_at),
                "timezone": plan.timezone,
                "duration_minutes": plan.duration_minutes,
                "owner": plan.owner,
                "playbook": plan.playbook,
                "readiness": summary.readiness,
                "findings": ",".join(summary.codes),
                "agenda_items": len([item for item in plan.agenda.items if item]),
                "agenda_shared": plan.agenda.shared,
                "agenda_confirmed": plan.agenda.confirmed,
                "customer_prep": len([item for item in plan.agenda.customer_prep if item]),
                "cancelled": plan.cancelled,
                "debriefed": summary.debriefed,
                "held_at": _iso(debrief.held_at if debrief else None),
                "outcome": summary.outcome,
                "reached": summary.reached if summary.debriefed else None,
                "customer_objective_met": debrief.customer_objective_met if debrief else None,
                "customer_prepared": debrief.customer_prepared if debrief else None,
                "engagement": debrief.engagement if debrief else None,
                "next_step": debrief.next_step if debrief else "",
                "open_commitments": sum(1 for c in made if not c.done and c.what),
            }
        )
        for number, commitment in enumerate((c for c in made if c.what), 1):
            commitments.append(
                {
                    "plan_id": summary.id,
                    "number": number,
                    "who": commitment.who,
                    "what": commitment.what,
                    "due": commitment.due.isoformat() if commitment.due else None,
                    "done": commitment.done,
                }
            )
    return Tables(calls, commitments)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> bytes:
    """CSV for a spreadsheet: a header row, true/false as 1/0, nothing as an empty cell.

    A cell that a spreadsheet would read as a formula (=, +, -, @ first) is quoted with a
    leading apostrophe, as spreadsheets themselves do: text typed into a plan stays text.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue().encode("utf-8")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_jsonl(data: Tables) -> bytes:
    """One JSON object per call, its commitments inside."""
    by_plan: dict[str, list[dict[str, Any]]] = {}
    for commitment in data.commitments:
        row = {k: v for k, v in commitment.items() if k != "plan_id"}
        by_plan.setdefault(commitment["plan_id"], []).append(row)
    lines = [
        json.dumps({**call, "commitments": by_plan.get(call["id"], [])}, ensure_ascii=False)
        for call in data.calls
    ]
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def to_sqlite(data: Tables) -> bytes:
    """An SQLite database with tables `calls` and `commitments` (for `datasette team.db`)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.db"
        db = sqlite3.connect(path)
        try:
            db.execute(
                "CREATE TABLE calls (id TEXT PRIMARY KEY, account TEXT, opportunity TEXT, "
                "kind TEXT, starts_at TEXT, timezone TEXT, duration_minutes INTEGER, owner TEXT, "
                "playbook TEXT, readiness INTEGER, findings TEXT, agenda_items INTEGER, "
                "agenda_shared INTEGER, agenda_confirmed INTEGER, customer_prep INTEGER, "
                "cancelled INTEGER, debriefed INTEGER, held_at TEXT, outcome TEXT, "
                "reached INTEGER, customer_objective_met INTEGER, customer_prepared INTEGER, "
                "engagement INTEGER, next_step TEXT, open_commitments INTEGER)"
            )
            db.execute(
                "CREATE TABLE commitments (plan_id TEXT REFERENCES calls(id), number INTEGER, "
                "who TEXT, what TEXT, due TEXT, done INTEGER, PRIMARY KEY (plan_id, number))"
            )
            db.execute("CREATE INDEX calls_by_owner ON calls (owner)")
            db.execute("CREATE INDEX calls_by_account ON calls (account, opportunity)")
            db.executemany(
                f"INSERT INTO calls VALUES ({', '.join('?' * len(CALL_COLUMNS))})",
                [tuple(call[c] for c in CALL_COLUMNS) for call in data.calls],
            )
            db.executemany(
                f"INSERT INTO commitments VALUES ({', '.join('?' * len(COMMITMENT_COLUMNS))})",
                [tuple(c[k] for k in COMMITMENT_COLUMNS) for c in data.commitments],
            )
            db.commit()
        finally:
            db.close()
        return path.read_bytes()
