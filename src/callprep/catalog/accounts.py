"""Which plan files are an account's, found without reading the whole store.

More in docs/internals.md, `callprep.catalog.accounts`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from callprep import clock
from callprep.errors import CallprepError
from callprep.files import StatKey, plan_files
from callprep.text import account_key

if TYPE_CHECKING:
    import sqlite3

    from callprep.plans.store import Store

DB_NAME = "accounts.sqlite3"
FORMAT = "1"
# A folder or file changed this recently may change again within one filesystem clock tick.
RACY_NS = 3 * 1_000_000_000


def account_paths(store: Store, account: str) -> list[Path]:
    """The plan files whose account is `account` (by `account_key`), in name order."""
    wanted = account_key(account)
    folder = store.plans_dir
    if not folder.is_dir():
        return []  # no store yet (a plan given as a path): nothing to find, nothing to create
    import sqlite3  # here, not at the top: a plan read from a path never needs it

    try:
        with _open(store) as db:
            return [folder / name for name in _lookup(db, folder, wanted)]
    except (sqlite3.Error, OSError, CallprepError):
        # No cache to be had (a read-only store, a damaged file): look at every file.
        return [
            folder / name for name, _ in plan_files(folder) if _account_of(folder / name) == wanted
        ]


def refresh(store: Store, accounts: dict[str, tuple[StatKey, str]], folder_key: StatKey) -> None:
    """Record a full scan's findings (`list`, `stats`): every file's stat key and account.

    `folder_key` is the plans folder's key taken before the scan listed it, so a change made
    during the scan leaves the cache untrusted.
    """
    import sqlite3  # deferred: sqlite3: only looking an account up

    with contextlib.suppress(sqlite3.Error, OSError, CallprepError), _open(store) as db:
        _replace_all(db, accounts, folder_key)


def is_trusted(store: Store, key: StatKey) -> bool:
    """Whether the cache was last brought up to date with the plans folder as `key` says."""
    import sqlite3  # deferred: sqlite3: only looking an account up

    try:
        with _open(store) as db:
            return _trusted_key(db) == _key_text(key)
    except (sqlite3.Error, OSError, CallprepError):
        return False


def folder_key(folder: Path) -> StatKey | None:
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return (0, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


# --- inside --------------------------------------------------------------------------------------


@contextlib.contextmanager
def _open(store: Store) -> Iterator[sqlite3.Connection]:
    import sqlite3  # deferred: sqlite3: only looking an account up

    path = store.ensure(store.home / "cache") / DB_NAME
    fresh = not path.exists()
    db = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        if fresh:
            os.chmod(path, 0o600)
        db.execute("PRAGMA synchronous = OFF")  # a cache: a crash costs a rebuild, not data
        _schema(db)
        yield db
    finally:
        db.close()


def _schema(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    if row is None or row[0] != FORMAT:
        db.execute("BEGIN IMMEDIATE")
        db.execute("DROP TABLE IF EXISTS plans")
        db.execute("DELETE FROM meta")
        db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
        db.execute("COMMIT")
    db.execute(
        "CREATE TABLE IF NOT EXISTS plans (name TEXT PRIMARY KEY, size INTEGER, mtime INTEGER,"
        " ctime INTEGER, inode INTEGER, account TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS plans_by_account ON plans (account)")


def _trusted_key(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = 'folder'").fetchone()
    return row[0] if row else None


def _key_text(key: StatKey) -> str:
    return ":".join(str(part) for part in key)


def _racy(key: StatKey) -> bool:
    return max(key[1], key[2]) >= clock.file_time_ns() - RACY_NS


def _lookup(db: sqlite3.Connection, folder: Path, wanted: str) -> list[str]:
    key = folder_key(folder)
    if key is None:
        return []
    if _trusted_key(db) == _key_text(key) and not _racy(key):
        return _lookup_trusted(db, folder, wanted)
    accounts = _bring_up_to_date(db, folder)
    _replace_all(db, accounts, key)
    return sorted(name for name, (_, account) in accounts.items() if account == wanted)


def _lookup_trusted(db: sqlite3.Connection, folder: Path, wanted: str) -> list[str]:
    """The folder is as recorded: only the account's own files can have changed (in place)."""
    found: list[str] = []
    rows = db.execute(
        "SELECT name, size, mtime, ctime, inode FROM plans WHERE account = ? ORDER BY name",
        (wanted,),
    ).fetchall()
    for name, *recorded in rows:
        try:
            st = os.stat(folder / name)
        except OSError:
            continue
        now = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        if now == tuple(recorded):
            found.append(name)
            continue
        account = _account_of(folder / name)  # rewritten in place since: read it again
        if not _racy(now):
            db.execute(
                "UPDATE plans SET size = ?, mtime = ?, ctime = ?, inode = ?, account = ? "
                "WHERE name = ?",
                (*now, account, name),
            )
        if account == wanted:
            found.append(name)
    return found


def _bring_up_to_date(db: sqlite3.Connection, folder: Path) -> dict[str, tuple[StatKey, str]]:
    """Every file's stat key and account, reading only the files changed since recorded."""
    recorded = {
        name: ((size, mtime, ctime, inode), account)
        for name, size, mtime, ctime, inode, account in db.execute("SELECT * FROM plans")
    }
    current: dict[str, tuple[StatKey, str]] = {}
    for name, key in plan_files(folder):
        known = recorded.get(name)
        if known is not None and known[0] == key:
            current[name] = known
        else:
            current[name] = (key, _account_of(folder / name))
    return current


def _replace_all(
    db: sqlite3.Connection, accounts: dict[str, tuple[StatKey, str]], key: StatKey
) -> None:
    """Record every file (racy ones are left out, to be read again) and the folder's key."""
    rows = [(name, *stat, account) for name, (stat, account) in accounts.items() if not _racy(stat)]
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("DELETE FROM plans")
        db.executemany("INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?)", rows)
        if _racy(key):
            db.execute("DELETE FROM meta WHERE key = 'folder'")
        else:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('folder', ?)", (_key_text(key),))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _account_of(path: Path) -> str:
    """The account key a plan file names, read cheaply (no validation); "" when unreadable."""
    # Deferred: pydantic: only a plan file read again.
    from callprep.plans.planfile import parse_toml, read_text

    try:
        account = parse_toml(read_text(path), str(path)).get("account", "")
    except CallprepError:
        return ""
    return account_key(account) if isinstance(account, str) else ""
