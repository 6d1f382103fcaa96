"""The store's index: a cache that is never stale, and is rebuilt without a word when damaged."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from callprep.catalog import index
from callprep.catalog.index import PlanSummary, summarize
from callprep.plans import planfile
from callprep.plans.planfile import LoadProblem
from callprep.plans.store import Store
from tests.conftest import PREPARED, UNPREPARED


@pytest.fixture
def store(home: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A store of two plans whose files count as settled (no racy window)."""
    monkeypatch.setattr(index, "RACY_NS", 0)
    folder = home / "plans"
    folder.mkdir(parents=True)
    shutil.copy(PREPARED, folder / "acme.toml")
    shutil.copy(UNPREPARED, folder / "globex.toml")
    return Store(home)


def scan(store: Store) -> list[PlanSummary | LoadProblem]:
    return list(index.scan(store))


def accounts(store: Store) -> list[str]:
    return [s.account for s in scan(store) if isinstance(s, PlanSummary)]


@pytest.fixture
def no_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every plan file actually parsed (a cache hit parses none)."""
    reads: list[Path] = []
    real = planfile.load_plan

    def load(path: Path) -> object:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(planfile, "load_plan", load)
    return reads


def cache_data(store: Store) -> dict:
    return json.loads(index.cache_path(store).read_text(encoding="utf-8"))


def test_a_second_scan_reads_no_plan_file(store: Store, no_reads: list[Path]) -> None:
    first = scan(store)
    assert len(no_reads) == 2
    no_reads.clear()
    second = scan(store)
    assert no_reads == []
    assert second == first
    assert [s.path for s in second] == [
        store.plans_dir / "acme.toml",
        store.plans_dir / "globex.toml",
    ]


def test_the_cached_summary_equals_a_fresh_one(store: Store) -> None:
    scan(store)
    cached = scan(store)
    fresh = [summarize(planfile.load_plan(p), p) for p in sorted(store.plans_dir.glob("*.toml"))]
    assert cached == fresh


def test_cache_file_is_private_and_written_whole(store: Store) -> None:
    scan(store)
    path = index.cache_path(store)
    assert path.stat().st_mode & 0o777 == 0o600
    # beside it only the accounts cache (callprep.catalog.accounts), as private
    assert sorted(p.name for p in path.parent.iterdir()) == ["accounts.sqlite3", index.CACHE_NAME]
    assert (path.parent / "accounts.sqlite3").stat().st_mode & 0o777 == 0o600
    assert set(cache_data(store)["plans"]) == {"acme.toml", "globex.toml"}


def same_size_edit(path: Path, old: str, new: str) -> str:
    assert len(old) == len(new)
    text = path.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


def test_a_replaced_file_with_same_size_and_mtime_is_read_again(store: Store) -> None:
    path = store.plans_dir / "globex.toml"
    scan(store)
    before = path.stat()
    text = same_size_edit(path, 'account = "Globex"', 'account = "Hooli!"')
    tmp = path.with_name(".globex.toml.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)  # as the store writes: a new file under the old name
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert accounts(store) == ["Acme Logistics", "Hooli!"]


def test_an_in_place_edit_with_same_size_and_mtime_is_read_again(store: Store) -> None:
    path = store.plans_dir / "globex.toml"
    scan(store)
    before = path.stat()
    with path.open("r+", encoding="utf-8") as handle:  # as some editors write: same file
        handle.write(same_size_edit(path, 'account = "Globex"', 'account = "Hooli!"'))
    # Put the mtime back, as a careless tool might; the change time moves on regardless.
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    while path.stat().st_ctime_ns == before.st_ctime_ns:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_ino == before.st_ino
    assert accounts(store) == ["Acme Logistics", "Hooli!"]


def test_a_file_changed_just_now_is_not_cached(
    store: Store, monkeypatch: pytest.MonkeyPatch, no_reads: list[Path]
) -> None:
    monkeypatch.setattr(index, "RACY_NS", 3_000_000_000)
    scan(store)
    assert not index.cache_path(store).exists()  # nothing settled enough to keep
    no_reads.clear()
    assert accounts(store) == ["Acme Logistics", "Globex"]
    assert len(no_reads) == 2  # read again: a second write in the same clock tick could hide


def test_new_and_removed_plans(store: Store) -> None:
    scan(store)
    (store.plans_dir / "globex.toml").unlink()
    shutil.copy(UNPREPARED, store.plans_dir / "initech.toml")
    assert [s.id for s in scan(store)] == [
        "2026-12-03-acme-logistics-discovery",
        "2026-12-04-globex-demo",
    ]
    assert set(cache_data(store)["plans"]) == {"acme.toml", "initech.toml"}


def test_new_code_rebuilds_the_cache(
    store: Store, monkeypatch: pytest.MonkeyPatch, no_reads: list[Path]
) -> None:
    scan(store)
    no_reads.clear()
    monkeypatch.setattr(index, "code_fingerprint", lambda: "a-newer-coach")
    scan(store)
    assert len(no_reads) == 2
    assert cache_data(store)["code"] == "a-newer-coach"


@pytest.mark.parametrize(
    "damage",
    [
        b"\x00\xff not json",
        b'{"format": 1, "code": ',  # cut short
        b"[]",
        b'{"format": 99, "code": "x", "plans": {}}',
        b"[" * 100_000,
        "wrong types",
        "a damaged entry",
    ],
)
def test_a_corrupt_cache_is_rebuilt_silently(
    store: Store, damage: bytes | str, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = scan(store)
    path = index.cache_path(store)
    if damage == "wrong types":
        data = cache_data(store)
        data["plans"]["acme.toml"][0] = "big"
        path.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "a damaged entry":
        data = cache_data(store)
        data["plans"]["acme.toml"][-1][4] = "not a time"
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        assert isinstance(damage, bytes)
        path.write_bytes(damage)
    assert scan(store) == expected
    assert set(cache_data(store)["plans"]) == {"acme.toml", "globex.toml"}
    assert capsys.readouterr().err == ""


def test_a_cache_that_cannot_be_written_is_skipped(cli, store: Store) -> None:
    (store.home / "cache").write_text("a file where the cache folder goes", encoding="utf-8")
    result = cli("list", "--json")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert len(json.loads(result.stdout)) == 2


def test_a_broken_plan_is_reported_every_time_and_never_cached(store: Store) -> None:
    (store.plans_dir / "broken.toml").write_text("account = [\n", encoding="utf-8")
    for _ in range(2):
        problems = [p for p in scan(store) if isinstance(p, LoadProblem)]
        assert [p.path.name for p in problems] == ["broken.toml"]
        assert "not valid TOML" in problems[0].message
    assert "broken.toml" not in cache_data(store)["plans"]


def test_hidden_and_temp_files_are_not_plans(store: Store) -> None:
    (store.plans_dir / ".acme.toml.abc.tmp").write_text("half a plan", encoding="utf-8")
    (store.plans_dir / ".hidden.toml").write_text('account = "x"', encoding="utf-8")
    (store.plans_dir / "notes.txt").write_text("not a plan", encoding="utf-8")
    assert len(scan(store)) == 2


def test_a_row_survives_the_round_trip(store: Store) -> None:
    for item in scan(store):
        assert isinstance(item, PlanSummary)
        assert PlanSummary.from_row(json.loads(json.dumps(item.to_row())), item.path) == item
