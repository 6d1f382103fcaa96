"""The accounts cache: an account's plan files found at the cost of the deal, never wrongly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from callprep.catalog import accounts, index
from callprep.plans.model import Plan
from callprep.plans.store import Store


@pytest.fixture
def store(home: Path) -> Store:
    return Store(home)


def add(store: Store, account: str, day: int) -> Path:
    return store.add(
        Plan(account=account, kind="demo", starts_at=f"2026-11-{day:02d}T10:00:00Z")
    ).path


@pytest.fixture(autouse=True)
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by a test are seconds old at most: count them as settled, as they would
    be a few seconds later (a file's ctime cannot be set back)."""
    monkeypatch.setattr(accounts, "RACY_NS", 0)
    monkeypatch.setattr(index, "RACY_NS", 0)


def age(store: Store) -> None:
    """Let the clock move on, so nothing is changed in the same instant as the last scan."""
    time.sleep(0.01)


def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    real = accounts._account_of

    def spy(path: Path) -> str:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(accounts, "_account_of", spy)
    return seen


def test_an_accounts_plans_are_found_ignoring_case_and_spacing(store: Store) -> None:
    acme = [add(store, "Acme Corp", 1), add(store, "acme  CORP", 2)]
    add(store, "Globex", 3)
    assert accounts.account_paths(store, " ACME corp ") == sorted(acme)
    assert accounts.account_paths(store, "Initech") == []


def test_once_up_to_date_only_the_accounts_own_files_are_looked_at(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = add(store, "Acme", 1)
    for day in range(2, 30):
        add(store, f"Other {day}", day)
    age(store)
    list(index.scan(store))  # `list` brings the cache up to date
    seen = reads(monkeypatch)
    assert accounts.account_paths(store, "Acme") == [mine]
    assert seen == []  # nothing parsed: the folder is as recorded and Acme's file unchanged


def test_a_new_plan_is_found_at_once(store: Store) -> None:
    add(store, "Acme", 1)
    age(store)
    list(index.scan(store))
    second = add(store, "Acme", 2)
    assert second in accounts.account_paths(store, "Acme")


def test_an_accounts_file_rewritten_in_place_is_read_again(store: Store) -> None:
    path = add(store, "Acme", 1)
    age(store)
    list(index.scan(store))
    with path.open("r+", encoding="utf-8") as handle:  # in place: the folder does not change
        text = handle.read().replace('account = "Acme"', 'account = "Globex"')
        handle.seek(0)
        handle.write(text)
        handle.truncate()
    assert accounts.account_paths(store, "Acme") == []
    assert accounts.account_paths(store, "Globex") == [path]


def test_a_removed_plan_is_gone(store: Store) -> None:
    path = add(store, "Acme", 1)
    age(store)
    list(index.scan(store))
    path.unlink()
    assert accounts.account_paths(store, "Acme") == []


@pytest.mark.parametrize("damage", ["garbage", "folder"])
def test_a_damaged_cache_is_rebuilt_or_done_without(store: Store, damage: str) -> None:
    path = add(store, "Acme", 1)
    db = store.home / "cache" / accounts.DB_NAME
    db.parent.mkdir(parents=True, exist_ok=True)
    if db.exists():
        db.unlink()
    if damage == "garbage":
        db.write_bytes(b"not a database at all" * 100)
    else:
        db.mkdir()
    assert accounts.account_paths(store, "Acme") == [path]


def test_the_cache_is_private(store: Store) -> None:
    add(store, "Acme", 1)
    accounts.account_paths(store, "Acme")
    db = store.home / "cache" / accounts.DB_NAME
    assert db.stat().st_mode & 0o777 == 0o600
