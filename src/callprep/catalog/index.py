"""The store's index: what `list` and `stats` need from each plan, cached so a big store stays fast.

Parsing and checking 10,000 plan files takes seconds; listing them should not. Each plan is
summarised once (`summarize`, a pure function) and the summary is kept in
`<home>/cache/index.json` under the file's name, size, mtime, ctime and inode. A summary is used
only while all five still match, so an edited, replaced or re-created file is always read again.
Files changed in the last few seconds are never cached: a filesystem clock can be coarser than two
quick writes of the same size (git calls this a racily clean entry). The cache also records a
fingerprint of the code that made it, so a new coach never reads an old readiness. A cache that
cannot be read or makes no sense is ignored and rebuilt; one that cannot be written is skipped.

Commands about one plan (`brief`, `done`, `new`) need only the plans of its account: see
`callprep.catalog.accounts`, whose cache a scan brings up to date as it goes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callprep import __version__, clock
from callprep.catalog import accounts
from callprep.errors import CallprepError
from callprep.files import StatKey, atomic_write, plan_files, read_bounded

if TYPE_CHECKING:
    from callprep.plans.model import Plan
    from callprep.plans.planfile import LoadProblem
    from callprep.plans.store import Store

CACHE_FORMAT = 5
CACHE_NAME = "index.json"
# A file changed this recently may change again within one filesystem clock tick.
RACY_NS = 3 * 1_000_000_000

# Far more than 100,000 plans take; a bigger file is not an index this code wrote.
MAX_CACHE_BYTES = 1 << 30


@dataclass(frozen=True)
class CommitmentSummary:
    who: str
    what: str
    due: dt.date | None
    done: bool


@dataclass(frozen=True)
class PlanSummary:
    """One plan as `list` and `stats` see it."""

    id: str
    account: str
    opportunity: str
    kind: str
    starts_at: dt.datetime | None
    readiness: int
    outcome: str  # best, minimum, none; "" until debriefed
    held_at: dt.datetime | None
    agenda_confirmed: bool
    # Discovery topics the coach asks about that are still unknown after the debrief's `learned`.
    unknown_topics: tuple[str, ...]
    commitments: tuple[CommitmentSummary, ...] = ()
    # The coach's finding codes for the plan alone (readiness above is theirs).
    codes: tuple[str, ...] = ()
    # A customer attendee with influence "economic": the deal's budget holder is known.
    economic: bool = False
    cancelled: bool = False
    owner: str = ""
    aliases: tuple[str, ...] = ()
    calendar_uid: str = ""
    emails: tuple[str, ...] = ()  # the attendees' addresses, lowercased
    # From the call's transcript, when it was debriefed from one: our share of the talk time,
    # and how many of the plan's questions there were and were asked (None: no transcript).
    our_share: float | None = None
    planned_questions: int = 0
    questions_asked: int | None = None
    timezone: str = ""  # the plan's own zone (the customer's), for the time beside the seller's
    # Discovery topics with only a hedged answer after the debrief ("not sure, maybe Q3"):
    # with `unknown_topics`, which plans an import's carry-forward has to read.
    hedged_topics: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def debriefed(self) -> bool:
        return self.outcome != ""

    @property
    def reached(self) -> bool:
        return self.outcome in ("best", "minimum")

    def to_row(self) -> list[Any]:
        return [
            self.id,
            self.account,
            self.opportunity,
            self.kind,
            _iso(self.starts_at),
            self.readiness,
            self.outcome,
            _iso(self.held_at),
            self.agenda_confirmed,
            list(self.unknown_topics),
            [[c.who, c.what, _iso(c.due), c.done] for c in self.commitments],
            list(self.codes),
            self.economic,
            self.cancelled,
            self.owner,
            list(self.aliases),
            self.calendar_uid,
            list(self.emails),
            self.our_share,
            self.planned_questions,
            self.questions_asked,
            self.timezone,
            list(self.hedged_topics),
        ]

    @classmethod
    def from_row(cls, row: list[Any], path: Path | None = None) -> PlanSummary:
        """The inverse of `to_row`; anything malformed raises, and the caller rebuilds."""
        (
            id_,
            account,
            opportunity,
            kind,
            starts,
            readiness,
            outcome,
            held,
            confirmed,
            unknown,
            cs,
            codes,
            economic,
            cancelled,
            owner,
            aliases,
            uid,
            emails,
            share,
            planned,
            asked,
            timezone,
            hedged,
        ) = row
        summary = cls(
            id=_str(id_),
            account=_str(account),
            opportunity=_str(opportunity),
            kind=_str(kind),
            starts_at=_datetime(starts),
            readiness=_int(readiness),
            outcome=_str(outcome),
            held_at=_datetime(held),
            agenda_confirmed=_bool(confirmed),
            unknown_topics=tuple(_str(topic) for topic in unknown),
            commitments=tuple(
                CommitmentSummary(_str(who), _str(what), _date(due), _bool(done))
                for who, what, due, done in cs
            ),
            codes=tuple(_str(code) for code in codes),
            economic=_bool(economic),
            cancelled=_bool(cancelled),
            owner=_str(owner),
            aliases=tuple(_str(alias) for alias in aliases),
            calendar_uid=_str(uid),
            emails=tuple(_str(email) for email in emails),
            our_share=None if share is None else _float(share),
            planned_questions=_int(planned),
            questions_asked=None if asked is None else _int(asked),
            timezone=_str(timezone),
            hedged_topics=tuple(_str(topic) for topic in hedged),
            path=path,
        )
        return summary


def summarize(plan: Plan, path: Path | None = None) -> PlanSummary:
    """What `list` and `stats` need from a plan (pure: no disk, no clock)."""
    from callprep.coach import coach, topics  # deferred: pydantic: only a plan summarised again

    debrief = plan.debrief
    known = plan.known_discovery()
    review = coach.review(plan)
    talk = debrief.conversation if debrief is not None else None
    return PlanSummary(
        id=plan.id or (path.stem if path else ""),
        account=plan.account,
        opportunity=plan.opportunity,
        kind=plan.kind,
        starts_at=plan.starts_at,
        readiness=review.readiness,
        outcome=debrief.outcome if debrief is not None else "",
        held_at=debrief.held_at if debrief is not None else None,
        agenda_confirmed=plan.agenda.confirmed,
        unknown_topics=tuple(key for key in topics.DISCOVERY if not known.is_known(key)),
        commitments=tuple(
            CommitmentSummary(c.who, c.what, c.due, c.done)
            for c in (debrief.commitments if debrief is not None else [])
        ),
        codes=tuple(f.code for f in review.findings),
        economic=coach.economic_known(plan),
        cancelled=plan.cancelled,
        owner=plan.owner,
        aliases=tuple(plan.aliases),
        calendar_uid=plan.calendar.uid if plan.calendar is not None else "",
        emails=tuple(sorted({a.email.lower() for a in plan.attendees if a.email})),
        our_share=talk.our_share if talk is not None else None,
        planned_questions=len([q for q in plan.questions if q.strip()]),
        questions_asked=len(talk.questions_asked) if talk is not None else None,
        timezone=plan.timezone,
        hedged_topics=tuple(
            key for key in topics.DISCOVERY if coach.state(getattr(known, key)) == "hedged"
        ),
        path=path,
    )


# -- the cache on disk ------------------------------------------------------------------------


def cache_path(store: Store) -> Path:
    return store.home / "cache" / CACHE_NAME


def code_fingerprint() -> str:
    """Changes whenever callprep's code changes, release or not.

    All of it, not just the coach: what decides a summary may move between modules, and
    hashing the package's few hundred kilobytes takes a millisecond or two.
    """
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent.parent  # all of callprep, not only catalog/
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        try:
            digest.update(source.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()[:16]


def _read_cache(path: Path, fingerprint: str) -> dict[str, tuple[StatKey, list[Any]]]:
    """The cached entries, or nothing when the cache is missing, corrupt or from other code."""
    try:
        data = json.loads(read_bounded(path, MAX_CACHE_BYTES))
        if data["format"] != CACHE_FORMAT or data["code"] != fingerprint:
            return {}
        entries: dict[str, tuple[StatKey, list[Any]]] = {}
        for name, (size, mtime, ctime, inode, row) in data["plans"].items():
            key = (_int(size), _int(mtime), _int(ctime), _int(inode))
            if not isinstance(name, str) or not isinstance(row, list):
                return {}
            entries[name] = (key, row)
        return entries
    except Exception:  # whatever is wrong with it, the cache is rebuilt from the files
        return {}


def _write_cache(
    store: Store, fingerprint: str, entries: dict[str, tuple[StatKey, list[Any]]]
) -> None:
    data = {
        "format": CACHE_FORMAT,
        "code": fingerprint,
        "plans": {name: [*key, row] for name, (key, row) in sorted(entries.items())},
    }
    path = cache_path(store)
    # The cache only ever saves time: if it cannot be written, the next run reads the files.
    with contextlib.suppress(OSError, CallprepError):
        store.ensure(path.parent)
        atomic_write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def scan(store: Store) -> Iterator[PlanSummary | LoadProblem]:
    """Every plan in the store as a summary, in id order; unreadable files as LoadProblems.

    On the way, the accounts cache (`callprep.catalog.accounts`) is brought up to date when anything
    was read afresh or the folder changed since it was.
    """
    # Deferred: pydantic: only a scan that reads plans.
    from callprep.plans.planfile import LoadProblem

    folder = store.plans_dir
    folder_key = accounts.folder_key(folder)  # before the listing: a change during it shows
    files = plan_files(folder)
    fingerprint = code_fingerprint()
    cached = _read_cache(cache_path(store), fingerprint)
    fresh: dict[str, tuple[StatKey, list[Any]]] = {}
    seen: dict[str, tuple[StatKey, str]] = {}  # every file's key and account, for that cache
    racy_before = clock.file_time_ns() - RACY_NS
    changed = reread = False
    for name, key in files:
        path = folder / name
        hit = cached.get(name)
        if hit is not None and hit[0] == key:
            try:
                summary = PlanSummary.from_row(hit[1], path)
            except Exception:  # a damaged entry is read again from its file
                summary = None
            if summary is not None:
                fresh[name] = hit
                seen[name] = (key, accounts.account_key(summary.account))
                yield summary
                continue
        reread = True
        # The key was taken before the read: if the file changes meanwhile, the next run
        # sees a different key and reads it again.
        from callprep.plans.planfile import load_plan

        try:
            summary = summarize(load_plan(path), path)
        except CallprepError as err:
            seen[name] = (key, "")
            yield LoadProblem.of(path, err)
            continue
        seen[name] = (key, accounts.account_key(summary.account))
        if max(key[1], key[2]) < racy_before:
            fresh[name] = (key, summary.to_row())
            changed = True
        yield summary
    if changed or len(fresh) != len(cached):
        _write_cache(store, fingerprint, fresh)
    if folder_key is not None and (reread or not accounts.is_trusted(store, folder_key)):
        accounts.refresh(store, seen, folder_key)


# -- strict decoding of cached values -----------------------------------------------------------


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected a whole number")
    return value


def _float(value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError("expected a number")
    return float(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _datetime(value: Any) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(_str(value))


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(_str(value))
