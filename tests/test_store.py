"""The store: atomic private writes, safe ids, locking, and files that cannot be read."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import stat
import threading
from pathlib import Path

import pytest

from callprep.errors import CallprepError
from callprep.files import atomic_write
from callprep.plans import store as store_module
from callprep.plans.model import Plan
from callprep.plans.planfile import LoadProblem, load_plan, plan_to_text
from callprep.plans.store import Store, StoredPlan, make_id_base, slugify
from tests.conftest import PREPARED, UNPREPARED

DAY = dt.date(2026, 12, 3)
AT = dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


@pytest.fixture
def store(home: Path) -> Store:
    return Store(home)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- atomic writes ------------------------------------------------------------------------


def test_atomic_write_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    atomic_write(target, "old = 1\n")
    atomic_write(target, "new = 2\n")
    assert target.read_text() == "new = 2\n"
    assert mode(target) == 0o600
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_file_written_with_o_follows_the_umask_and_the_store_stays_private(
    cli, home: Path, tmp_path: Path, umask: int
) -> None:
    """An invite or a brief is the seller's to share: made as other tools make files (0666
    less the umask); an existing file keeps its mode; the plan itself stays 0600."""
    stored = Store(home).add(
        Plan(account="Acme", starts_at=dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC))
    )
    kept = tmp_path / "kept.md"
    kept.write_text("old")
    os.chmod(kept, 0o640)
    old = os.umask(umask)
    try:
        for args, target in (
            (("brief", stored.path.stem, "--format", "md", "-o"), tmp_path / "brief.md"),
            (("agenda", stored.path.stem, "--ics"), tmp_path / "invite.ics"),
            (("brief", stored.path.stem, "--format", "md", "-o"), kept),
        ):
            result = cli(*args, str(target))
            assert result.exit_code == 0, result.stderr
    finally:
        os.umask(old)
    assert mode(tmp_path / "brief.md") == 0o666 & ~umask
    assert mode(tmp_path / "invite.ics") == 0o666 & ~umask
    assert mode(kept) == 0o640
    assert mode(stored.path) == 0o600


def test_a_failed_replace_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.toml"
    target.write_text("account = 'old'\n")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, "replace", fail)
    with pytest.raises(OSError):
        atomic_write(target, "account = 'new'\n")
    assert target.read_text() == "account = 'old'\n"
    assert leftovers(tmp_path) == []


def test_a_write_that_dies_half_way_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.toml"
    target.write_text("account = 'old'\n")

    def die(fd: int) -> None:  # the data is half on its way to the disk
        raise KeyboardInterrupt

    monkeypatch.setattr(store_module.os, "fsync", die)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "account = 'new'\n" * 1000)
    assert target.read_text() == "account = 'old'\n"
    assert leftovers(tmp_path) == []


def test_store_save_failure_is_one_clear_error_and_the_plan_is_unchanged(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = store.add(Plan(account="Acme", kind="demo", starts_at=AT))
    before = stored.path.read_bytes()

    def fail(src: object, dst: object) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(store_module.os, "replace", fail)
    with pytest.raises(CallprepError) as caught:
        store.save(stored.path, stored.plan.model_copy(update={"account": "Changed"}))
    assert str(caught.value) == (
        f"cannot write {stored.path}: Permission denied; nothing was changed"
    )
    assert stored.path.read_bytes() == before
    assert leftovers(store.plans_dir) == []


def test_temps_left_by_a_killed_writer_are_swept(store: Store) -> None:
    stored = store.add(Plan(account="Acme"))
    temp = store.plans_dir / f".{stored.path.name}.abc.tmp"
    temp.write_text("half")
    with store.lock(stored.plan.id):  # a live writer holds the plan's lock
        store.sweep_temps()
        assert leftovers(store.plans_dir) == [temp.name]  # so its temp is left alone
    store.sweep_temps()  # nobody holds it: the temp's writer is dead, whatever its age
    assert leftovers(store.plans_dir) == []
    temp.write_text("half")
    store.save(stored.path, stored.plan)  # the plan's own writer clears its temps
    assert leftovers(store.plans_dir) == []


def test_temps_that_name_no_plan_are_swept_once_old(store: Store) -> None:
    store.ensure(store.plans_dir)
    drafts = store.ensure(store.drafts_dir)
    odd = [store.plans_dir / ".Not An Id.toml.abc.tmp", drafts / ".new.toml.abc.tmp"]
    for temp in odd:
        temp.write_text("half")
    store.sweep_temps()
    assert [t.exists() for t in odd] == [True, True]  # may be a live writer's
    for temp in odd:
        long_ago = os.stat(temp).st_mtime - store_module.STALE_TEMP_SECONDS - 60
        os.utime(temp, (long_ago, long_ago))
    store.sweep_temps()
    assert [t.exists() for t in odd] == [False, False]


# --- private files and folders --------------------------------------------------------


def test_files_are_0600_and_folders_0700(store: Store) -> None:
    stored = store.add(Plan(account="Acme"))
    draft = store.write_aside(store.drafts_dir, "new.toml", "account = 'x'\n")
    aside = store.write_aside(store.rejected_dir, "bad.toml", "oops")
    for folder in (store.home, store.plans_dir, store.drafts_dir, store.rejected_dir):
        assert mode(folder) == 0o700, folder
    for path in (stored.path, draft, aside, store.plans_dir / ".new.lock"):
        assert mode(path) == 0o600, path


def test_a_plans_folder_the_seller_made_keeps_its_mode(store: Store) -> None:
    """Only folders callprep makes are set private; one the seller set up is theirs to open."""
    store.plans_dir.mkdir(parents=True)
    os.chmod(store.plans_dir, 0o750)
    stored = store.add(Plan(account="Acme"))
    assert mode(store.plans_dir) == 0o750
    assert mode(stored.path) == 0o600  # the plan itself is still private


def test_a_symlinked_plans_folder_is_followed_but_its_target_not_chmodded(
    store: Store, tmp_path: Path
) -> None:
    shared = tmp_path / "shared-drive" / "plans"
    shared.mkdir(parents=True)
    os.chmod(shared, 0o755)
    store.home.mkdir(parents=True)
    store.plans_dir.symlink_to(shared)
    stored = store.add(Plan(account="Acme"))
    assert store.plans_dir.is_symlink()
    assert mode(shared) == 0o755
    assert (shared / stored.path.name).is_file()


def test_an_existing_home_keeps_its_own_mode(tmp_path: Path) -> None:
    home = tmp_path / "mine"
    home.mkdir(mode=0o755)
    os.chmod(home, 0o755)
    Store(home).add(Plan(account="Acme"))
    assert mode(home) == 0o755  # it may be the seller's home folder: not ours to change
    assert mode(home / "plans") == 0o700


# --- ids ----------------------------------------------------------------------------------

HOSTILE = [
    "../../etc",
    "/etc/passwd",
    "a/b\\c",
    "..",
    ".hidden",
    "Ünïcødé Gmbh.",
    "🦄🚀",
    "tab\tnew\nline\x00nul\x1b[31mred",
    "",
    "   ",
    "x" * 5000,
    "CON",
    "-leading-dash-",
]


@pytest.mark.parametrize("account", HOSTILE)
def test_ids_from_hostile_account_names_are_safe_slugs_inside_plans(
    store: Store, account: str
) -> None:
    stored = store.add(Plan(account=account, kind="discovery", starts_at=AT))
    plan_id = stored.plan.id
    assert plan_id.startswith("2026-12-03-")
    assert plan_id.endswith("-discovery")
    assert store_module.is_valid_id(plan_id)
    assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in plan_id)
    assert "--" not in plan_id
    assert stored.path.parent == store.plans_dir
    assert stored.path.resolve().parent == store.plans_dir.resolve()
    assert load_plan(stored.path).account == account.strip()


def test_slugs_keep_the_words_a_seller_would_recognise() -> None:
    assert slugify("Acme Corp") == "acme-corp"
    assert slugify("Ünïcødé GmbH.") == "unicode-gmbh"
    assert slugify("Øresund Straße") == "oresund-strasse"
    assert slugify("../../etc") == "etc"
    assert len(slugify("word " * 100)) <= store_module.MAX_SLUG
    assert not slugify("word " * 100).endswith("-")


def test_id_leaves_out_what_is_unknown() -> None:
    assert make_id_base(Plan(account="Acme Corp", kind="discovery", starts_at=AT)) == (
        "2026-12-03-acme-corp-discovery"
    )
    assert make_id_base(Plan(account="Acme", starts_at=AT)) == "2026-12-03-acme-call"
    assert make_id_base(Plan(account="🦄", kind="demo", starts_at=AT)) == "2026-12-03-demo"
    # No time yet: no date it does not have.
    assert make_id_base(Plan(account="Acme")) == "undated-acme-call"
    assert make_id_base(Plan()) == "undated-call"


def test_colliding_ids_get_2_and_3(store: Store) -> None:
    ids = [
        store.add(Plan(account="Acme Corp", kind="demo", starts_at=AT)).plan.id for _ in range(3)
    ]
    assert ids == [
        "2026-12-03-acme-corp-demo",
        "2026-12-03-acme-corp-demo-2",
        "2026-12-03-acme-corp-demo-3",
    ]
    # Different accounts that slug alike collide too, and are told apart the same way.
    other = store.add(Plan(account="ACME  corp!", kind="demo", starts_at=AT))
    assert other.plan.id == "2026-12-03-acme-corp-demo-4"


def test_path_for_refuses_what_is_not_an_id(store: Store) -> None:
    for bad in ("../x", "a/b", "A", "", ".x", "x.toml"):
        with pytest.raises(CallprepError):
            store.path_for(bad)


# --- finding a plan -----------------------------------------------------------------------


def test_resolve_by_id_prefix_and_path(store: Store, stored_example, tmp_path: Path) -> None:
    prepared = stored_example(PREPARED)
    unprepared = stored_example(UNPREPARED)
    assert store.resolve(prepared) == store.plans_dir / f"{prepared}.toml"
    assert store.resolve(prepared[:-3]) == store.plans_dir / f"{prepared}.toml"
    outside = tmp_path / "elsewhere.toml"
    outside.write_text(PREPARED.read_text())
    assert store.resolve(str(outside)) == outside
    assert store.load(unprepared).path.stem == unprepared


def test_resolve_errors_say_what_to_do(store: Store) -> None:
    store.add(Plan(account="Acme", kind="demo", starts_at=AT))
    store.add(Plan(account="Acme", kind="demo", starts_at=AT))
    with pytest.raises(CallprepError, match=r"matches 2 plans .*type more of the id"):
        store.resolve("2026-12")
    with pytest.raises(CallprepError, match=r"no plan 'zzz' \(run `callprep list`"):
        store.resolve("zzz")
    with pytest.raises(CallprepError, match="no such plan file"):
        store.resolve("missing/plan.toml")
    with pytest.raises(CallprepError):
        store.resolve("")


# --- files that cannot be read --------------------------------------------------------


def test_iter_plans_reports_bad_files_with_file_and_line_or_field(store: Store) -> None:
    good = store.add(Plan(account="Acme", kind="demo", starts_at=AT))
    (store.plans_dir / "broken.toml").write_text('account = "Acme"\nkind = "demo\n')
    (store.plans_dir / "invalid.toml").write_text('account = "Acme"\nduration_minutes = -5\n')
    (store.plans_dir / "binary.toml").write_bytes(b"\xff\xfe\x00junk")
    found = {item.path.name: item for item in store.iter_plans()}
    assert isinstance(found[good.path.name], StoredPlan)
    broken = found["broken.toml"]
    assert isinstance(broken, LoadProblem)
    assert "broken.toml" in broken.message and "line 2" in broken.message
    invalid = found["invalid.toml"]
    assert isinstance(invalid, LoadProblem)
    assert "invalid.toml" in invalid.message and "duration_minutes" in invalid.message
    assert isinstance(found["binary.toml"], LoadProblem)
    assert "not UTF-8" in found["binary.toml"].message


# --- two writers ----------------------------------------------------------------------


def _count_up(home: str, name: str, times: int) -> None:
    store = Store(Path(home))
    path = store.plans_dir / name

    def bump(plan: Plan) -> Plan:
        questions = [*plan.questions, f"{os.getpid()}-{len(plan.questions)}"]
        return plan.model_copy(update={"questions": questions})

    for _ in range(times):
        store.update(path, bump)


@pytest.mark.slow
def test_two_processes_updating_one_plan_never_lose_or_mix_a_write(store: Store) -> None:
    stored = store.add(Plan(account="Acme", kind="demo", starts_at=AT))
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_count_up, args=(str(store.home), stored.path.name, 25))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    questions = load_plan(stored.path).questions
    # Every update read the one before it: 50 entries, numbered 0..49 in order.
    assert len(questions) == 50
    assert [int(q.rsplit("-", 1)[1]) for q in questions] == list(range(50))
    assert {q.split("-", 1)[0] for q in questions} == {str(w.pid) for w in workers}
    assert leftovers(store.plans_dir) == []


def _hold_lock(home: str, name: str, held: object, release: object) -> None:
    store = Store(Path(home))
    with store.lock(name):
        held.set()  # type: ignore[attr-defined]
        release.wait(30)  # type: ignore[attr-defined]
        path = store.plans_dir / f"{name}.toml"
        text = plan_to_text(Plan(id=name, account="Holder"))
        atomic_write(path, text)


@pytest.mark.slow
def test_a_save_waits_for_the_writer_holding_the_lock(store: Store) -> None:
    stored = store.add(Plan(account="Acme", kind="demo", starts_at=AT))
    context = multiprocessing.get_context("spawn")
    held, release = context.Event(), context.Event()
    holder = context.Process(
        target=_hold_lock, args=(str(store.home), stored.plan.id, held, release)
    )
    holder.start()
    assert held.wait(30)
    done = threading.Event()

    def save() -> None:
        store.save(stored.path, stored.plan.model_copy(update={"account": "Waiter"}))
        done.set()

    saver = threading.Thread(target=save)
    saver.start()
    assert not done.wait(0.3)  # blocked while the other process holds the lock
    release.set()
    holder.join(30)
    saver.join(30)
    assert done.is_set()
    assert load_plan(stored.path).account == "Waiter"  # written after the holder, not mixed


def _add_plans(home: str, times: int) -> None:
    store = Store(Path(home))
    for _ in range(times):
        store.add(Plan(account="Acme Corp", kind="demo", starts_at=AT))


@pytest.mark.slow
def test_two_processes_adding_the_same_call_get_different_ids(store: Store) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_plans, args=(str(store.home), 10)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    ids = store.plan_ids()
    assert len(ids) == 20
    assert {load_plan(store.plans_dir / f"{i}.toml").id for i in ids} == set(ids)
