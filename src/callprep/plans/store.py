"""The store: plan files under <home>/plans, written atomically, privately and under a lock."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from callprep import clock, messages
from callprep.errors import CallprepError
from callprep.files import (
    PLAN_SUFFIX,
    TEMP_SUFFIX,
    atomic_write,
    atomic_write_many,
    existing_mode,
    glob_escape,
)
from callprep.output import OutputGuard
from callprep.plans.home import check_home, expand_user
from callprep.plans.model import Plan
from callprep.plans.planfile import LoadProblem, load_plan, plan_to_text, read_text

LOCK_TIMEOUT_SECONDS = 30
# A temp file this old belongs to a writer that died; newer ones may be a live writer's.
STALE_TEMP_SECONDS = 600
MAX_SLUG = 60
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# `.<id>.toml.<random>.tmp`, as atomic_write names a plan's temp file (mkstemp adds no dots).
_PLAN_TEMP_RE = re.compile(r"^\.(?P<id>[^./]+)\.toml\.[^.]+\.tmp$")


# Latin letters that do not decompose into an ASCII letter and an accent.
_LETTERS = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
     "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ı": "i"}
)  # fmt: skip


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by '-': never a path separator, a dot or a control character."""
    text = text.translate(_LETTERS)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_SLUG].rstrip("-")


UNDATED = "undated"


def make_id_base(plan: Plan) -> str:
    """`2026-12-03-acme-corp-discovery`; a missing account is left out, a missing kind is `call`.

    A call with no time yet is `undated-acme-corp-discovery`: no date it does not have (today's
    would claim a day), and no id that starts like its account, which `callprep brief acme`
    would then find instead of the account's next call. Given a time, its id follows the date.
    """
    day = plan.starts_at.date().isoformat() if plan.starts_at else UNDATED
    parts = [day, slugify(plan.account), slugify(plan.kind) or "call"]
    return "-".join(part for part in parts if part)


def id_has_base(plan_id: str, base: str) -> bool:
    """Whether `plan_id` is `base` or `base-<n>`: the id of a call on that day, account and kind
    (`make_id_base`), so a change that keeps the base keeps the id."""
    return bool(re.fullmatch(rf"{re.escape(base)}(?:-\d+)?", plan_id))


def is_valid_id(plan_id: str) -> bool:
    return bool(_ID_RE.match(plan_id)) and len(plan_id) <= 120


def os_error_message(err: OSError, path: Path) -> str:
    reason = err.strerror or str(err)
    return f"cannot write {path}: {reason}; nothing was changed"


def no_plan(ref: str) -> CallprepError:
    return CallprepError(f"no plan {ref!r} (run `callprep list` to see the plans)")


def not_a_file(ref: str, path: Path) -> str | None:
    """Why `path` is there but no plan file (a folder, a FIFO, a device), or None."""
    import stat  # only for a PLAN that is something odd

    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return None
    kind = (
        "folder"
        if stat.S_ISDIR(mode)
        else "fifo"
        if stat.S_ISFIFO(mode)
        else "char"
        if stat.S_ISCHR(mode)
        else "block"
        if stat.S_ISBLK(mode)
        else "socket"
        if stat.S_ISSOCK(mode)
        else "other"
    )
    return messages.PLAN_NOT_A_FILE.format(ref=ref, what=messages.NOT_A_FILE_KINDS[kind])


class PlanChanged(CallprepError):
    """The plan on disk is not the one the change was made to; writing would lose the other."""


@dataclass(frozen=True)
class StoredPlan:
    path: Path
    plan: Plan


class Store:
    """Plans live in `<home>/plans/<id>.toml`; drafts and edits kept aside live beside them."""

    def __init__(self, home: Path) -> None:
        self.home = home

    @property
    def plans_dir(self) -> Path:
        return self.home / "plans"

    @property
    def drafts_dir(self) -> Path:
        return self.home / "drafts"

    @property
    def rejected_dir(self) -> Path:
        return self.home / "rejected"

    @property
    def playbooks_dir(self) -> Path:
        return self.home / "playbooks"

    @property
    def trash_dir(self) -> Path:
        return self.home / "trash"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def profile_path(self) -> Path:
        return self.home / "profile.toml"

    def guard(self, plan_path: Path) -> OutputGuard:
        """What an output written from the plan at `plan_path` may never overwrite."""
        folders = (self.plans_dir, self.drafts_dir, self.rejected_dir, self.playbooks_dir)
        return OutputGuard(
            plan=plan_path,
            store_dirs=(*folders, self.trash_dir, self.cache_dir, self.home / ".git"),
            store_files=(self.profile_path,),
        )

    def ensure(self, folder: Path) -> Path:
        """Create `folder` (and the home above it) readable by the seller alone.

        Only folders made here get that mode: a folder that already exists is the seller's
        (the home may be ~, plans/ may be a symlink to a shared drive), and its mode is theirs.
        """
        check_home(self.home)
        try:
            for made in (self.home, folder):
                if not made.is_dir():
                    made.mkdir(parents=True, exist_ok=True, mode=0o700)
                    # mkdir's mode is cut by the umask, and gives it to the last folder only.
                    os.chmod(made, 0o700)
        except OSError as err:
            raise CallprepError(f"cannot create {folder}: {err.strerror or err}") from err
        return folder

    # -- paths and ids -------------------------------------------------------------

    def path_for(self, plan_id: str) -> Path:
        if not is_valid_id(plan_id):
            raise CallprepError(
                f"{plan_id!r} is not a plan id (ids are lowercase letters, digits and '-')"
            )
        return self.plans_dir / f"{plan_id}{PLAN_SUFFIX}"

    def plan_ids(self) -> list[str]:
        check_home(self.home)
        try:
            names = os.listdir(self.plans_dir)
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as err:
            raise CallprepError(f"cannot read {self.plans_dir}: {err.strerror or err}") from err
        # Only plans: a team's conflict copies (`<id>.conflict-<who>.toml`) are no ids.
        return sorted(
            name[: -len(PLAN_SUFFIX)]
            for name in names
            if name.endswith(PLAN_SUFFIX) and is_valid_id(name[: -len(PLAN_SUFFIX)])
        )

    def find(self, ref: str) -> Path | None:
        """PLAN as a path to a .toml file, an id or a unique id prefix; None when it is none of
        these (`catalog.lookup` goes on: an earlier id, an account)."""
        candidate = expand_user(ref)
        looks_like_path = ref.endswith(PLAN_SUFFIX) or os.sep in ref or "/" in ref
        # A team's conflict copy, named as `sync` names it (`<id>.conflict-<who>[.toml]`, with
        # or without the `plans/` sync shows it under), wherever the seller stands.
        name, folder = Path(ref).name, Path(ref).parent
        if ".conflict-" in name and str(folder) in (".", "plans") and not candidate.is_file():
            copy = self.plans_dir / (name if name.endswith(PLAN_SUFFIX) else name + PLAN_SUFFIX)
            if copy.is_file():
                return copy
        if looks_like_path:
            if candidate.is_file():
                return candidate
            raise CallprepError(not_a_file(ref, candidate) or f"{ref}: no such plan file")
        ids = self.plan_ids()
        if ref in ids:
            return self.path_for(ref)
        matches = [i for i in ids if i.startswith(ref)] if ref else []
        if len(matches) == 1:
            return self.path_for(matches[0])
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
            raise CallprepError(
                f"{ref!r} matches {len(matches)} plans ({shown}); type more of the id"
            )
        return None

    def resolve(self, ref: str) -> Path:
        """PLAN as a path, an id or a unique id prefix."""
        found = self.find(ref)
        if found is None:
            raise no_plan(ref)
        return found

    def load(self, ref: str) -> StoredPlan:
        path = self.resolve(ref)
        return StoredPlan(path, load_plan(path))

    def new_id(self, plan: Plan) -> str:
        base = make_id_base(plan)
        taken = set(self.plan_ids())
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    # -- locking and writing ---------------------------------------------------------

    @contextlib.contextmanager
    def lock(self, name: str, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
        """Hold `<plans>/.<name>.lock` so two processes never write the same plan at once.

        The system lets go of the lock when its holder dies, even by SIGKILL.
        """
        from filelock import FileLock, Timeout  # only commands that write pay for it

        self.ensure(self.plans_dir)
        lock = FileLock(str(self.plans_dir / f".{name}.lock"), timeout=timeout, mode=0o600)
        try:
            lock.acquire()
        except Timeout as err:  # before OSError: a Timeout is one
            raise CallprepError(
                f"another callprep is still writing {name}; try again in a moment"
            ) from err
        except OSError as err:  # a read-only store cannot even hold a lock
            raise CallprepError(os_error_message(err, self.plans_dir)) from err
        try:
            yield
        finally:
            lock.release()

    def add(self, plan: Plan) -> StoredPlan:
        """Save a new plan under a fresh id and return where it went."""
        with self.lock("new"):
            plan_id = self.new_id(plan)
            plan = plan.model_copy(update={"id": plan_id})
            path = self.path_for(plan_id)
            # The plan's own lock too: whoever holds it may take the plan's temp files for dead.
            with self.lock(plan_id):
                self._write(path, plan)
        return StoredPlan(path, plan)

    def fresh_ids(self, plans: Sequence[Plan]) -> list[str]:
        """The ids `add_all` gives these plans now (`-2`, `-3` ... on a collision)."""
        taken = set(self.plan_ids())
        found: list[str] = []
        for plan in plans:
            base = make_id_base(plan)
            plan_id, n = base, 1
            while plan_id in taken:
                n += 1
                plan_id = f"{base}-{n}"
            taken.add(plan_id)
            found.append(plan_id)
        return found

    def add_all(self, plans: Sequence[Plan], verify: bool = True) -> list[StoredPlan]:
        """Save new plans under fresh ids, as `add` does for each, flushed to disk once.

        An import makes hundreds of plans, and `add` flushes each to disk before the next. Here
        all are written, flushed together and renamed into place under the lock that hands out
        ids: no other id is taken meanwhile, and nobody else can be writing these new plans.
        `verify=False` skips reading each text back (`plan_to_text`), for plans made in code
        from validated data only.
        """
        if not plans:
            return []

        with self.lock("new"):
            stored = [
                StoredPlan(self.path_for(plan_id), plan.model_copy(update={"id": plan_id}))
                for plan, plan_id in zip(plans, self.fresh_ids(plans), strict=True)
            ]
            texts = [(s.path, plan_to_text(s.plan, verify).encode("utf-8")) for s in stored]
            self.ensure(self.plans_dir)
            try:
                # Not `.<id>.toml.*.tmp`: `sweep_temps` takes those for a dead writer's as soon
                # as their plan's lock is free, and these plans' locks are not held.
                atomic_write_many(texts, prefix=".new-plans-")
            except OSError as err:
                raise CallprepError(os_error_message(err, self.plans_dir)) from err
        return stored

    def reschedule(self, path: Path, change: Callable[[Plan], Plan]) -> StoredPlan:
        """Change a stored plan's time (`change`) and let its id follow the new date.

        The old id goes into the plan's `aliases`, so scripts and notes that name it still find
        it. The plan is written under its old name, then renamed: at every moment exactly one
        file holds it, whatever kills the process.
        """
        if not self.in_store(path):
            return StoredPlan(path, self.update(path, change))
        old_id = path.stem
        with self.lock("new"), self.lock(old_id):
            current = load_plan(path)
            changed = change(current)
            base = make_id_base(changed)
            taken = set(self.plan_ids()) - {old_id}
            new_id, n = base, 1
            while new_id in taken or (new_id != old_id and not is_valid_id(new_id)):
                n += 1
                new_id = f"{base}-{n}"
            if id_has_base(old_id, base):
                new_id = old_id  # the same day, account and kind: the id stays
            aliases = list(changed.aliases)
            if new_id != old_id and old_id not in aliases:
                aliases.append(old_id)
            aliases = [alias for alias in aliases if alias != new_id]
            changed = changed.model_copy(update={"id": new_id, "aliases": aliases})
            self._write(path, changed)
            if new_id == old_id:
                return StoredPlan(path, changed)
            target = self.path_for(new_id)
            with self.lock(new_id):
                try:
                    os.rename(path, target)
                except OSError as err:
                    raise CallprepError(os_error_message(err, target)) from err
        return StoredPlan(target, changed)

    def trash(self, path: Path) -> Path:
        """Move a stored plan (or a conflict copy) to `<home>/trash/`; nothing is ever unlinked."""
        if not self.in_store(path):
            raise CallprepError(f"{path}: only plans in the store are deleted; this file is yours")
        folder = self.ensure(self.trash_dir)
        target = folder / path.name
        if target.exists():
            stamp = clock.stamp()
            target = folder / f"{path.stem}~{stamp}{PLAN_SUFFIX}"
        with self.lock(path.stem):
            try:
                os.rename(path, target)
            except OSError as err:
                raise CallprepError(os_error_message(err, target)) from err
        return target

    def trashed(self, plan_id: str) -> list[Path]:
        """The copies of `plan_id` in the trash, the most recently deleted first."""
        folder = self.trash_dir
        if not folder.is_dir():
            return []
        found = [
            path
            for path in folder.glob(f"{glob_escape(plan_id)}*{PLAN_SUFFIX}")
            if path.stem == plan_id or path.stem.startswith(f"{plan_id}~")
        ]
        return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)

    def _trash_hint(self) -> str:
        """What the trash holds, for a message: ` (in the trash: a, b)`."""
        names = (
            sorted({p.stem.split("~")[0] for p in self.trash_dir.glob(f"*{PLAN_SUFFIX}")})
            if self.trash_dir.is_dir()
            else []
        )
        if not names:
            return messages.RESTORE_TRASH_EMPTY
        shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
        return messages.RESTORE_IN_TRASH.format(names=shown)

    def restore(self, plan_id: str) -> Path:
        """Bring the most recently deleted copy of `plan_id` back from the trash."""
        if not is_valid_id(plan_id):  # a path, a pattern: no plan's id, and no glob to run
            raise CallprepError(
                messages.RESTORE_NOT_AN_ID.format(ref=plan_id, hint=self._trash_hint())
            )
        copies = self.trashed(plan_id)
        if not copies:
            raise CallprepError(f"no plan {plan_id!r} in the trash{self._trash_hint()}")
        target = self.plans_dir / f"{plan_id}{PLAN_SUFFIX}"
        self.ensure(self.plans_dir)
        with self.lock("new"), self.lock(plan_id):
            if target.exists():
                raise CallprepError(
                    f"a plan {plan_id!r} is in the store already; delete or rename it first"
                )
            try:
                os.rename(copies[0], target)
            except OSError as err:
                raise CallprepError(os_error_message(err, target)) from err
        return target

    def save(
        self, path: Path, plan: Plan, text: str | None = None, unchanged_since: str | None = None
    ) -> None:
        """Replace the plan at `path` (in the store or a file the seller named).

        `text`, when given, is what is written: the seller's own TOML for `plan`, comments
        and layout kept (the caller has checked that it reads back as `plan`). With
        `unchanged_since`, the file must still read exactly so, or PlanChanged is raised and
        nothing is written: a change made meanwhile is never overwritten.
        """
        with self._lock_for(path):
            if unchanged_since is not None and _text_or_none(path) != unchanged_since:
                raise PlanChanged(f"{path} changed since it was read")
            self._write(path, plan, text)

    def update(self, path: Path, change: Callable[[Plan], Plan]) -> Plan:
        """Read the plan at `path`, change it and write it back, with no other writer between.

        When `change` returns the very plan it was given, there is nothing to do: nothing is
        written.
        """
        with self._lock_for(path):
            current = load_plan(path)
            plan = change(current)
            if plan is not current:
                self._write(path, plan)
        return plan

    def _lock_for(self, path: Path) -> contextlib.AbstractContextManager[None]:
        """The plan's lock; a plan file outside the store is locked by its real path's digest."""
        if self.in_store(path):
            return self.lock(path.stem)

        digest = hashlib.sha256(os.path.realpath(path).encode("utf-8", "surrogateescape"))
        return self.lock(f"file-{digest.hexdigest()[:20]}")

    def in_store(self, path: Path) -> bool:
        """`path` is a plan file in this store's plans folder, however the seller spelt it."""
        if path.parent == self.plans_dir:
            return True
        try:
            return path.parent.resolve() == self.plans_dir.resolve()
        except (OSError, RuntimeError):
            return False

    def _write(self, path: Path, plan: Plan, text: str | None = None) -> None:
        text = plan_to_text(plan) if text is None else text
        if self.in_store(path):
            self.ensure(self.plans_dir)
            self._remove_temps(path.name)
            mode = 0o600
        else:
            # A plan kept elsewhere keeps its mode, and a symlink to it stays a symlink.
            path = Path(os.path.realpath(path))
            mode = existing_mode(path)
        try:
            atomic_write(path, text, mode)
        except OSError as err:
            raise CallprepError(os_error_message(err, path)) from err

    def _remove_temps(self, name: str) -> None:
        """Remove temp files left by writers that were killed mid-write (caller holds the lock)."""
        temps = list(self.plans_dir.glob(f".{glob_escape(name)}.*{TEMP_SUFFIX}"))
        _remove_old(temps, 0.0)  # any age: no live writer has one while we hold the lock

    def sweep_temps(self) -> None:
        """Remove the temp files of writers that died mid-write (killed, or the machine went down).

        A plan's temp goes as soon as the plan's lock can be taken without waiting: its writer
        holds that lock from before the temp is made until the plan is in place, and the system
        lets go of a dead process's lock. Other temps (drafts, the index) go once they are old.
        """
        others: list[Path] = []
        if self.plans_dir.is_dir():
            for tmp in self.plans_dir.glob(f".*{TEMP_SUFFIX}"):
                found = _PLAN_TEMP_RE.match(tmp.name)
                if found is None or not is_valid_id(found["id"]):
                    others.append(tmp)
                    continue
                try:
                    with self.lock(found["id"], timeout=0):
                        tmp.unlink(missing_ok=True)
                except (CallprepError, OSError):
                    continue  # a live writer's (or a store we may not write to)
        for folder in (self.drafts_dir, self.rejected_dir, self.home / "cache"):
            if folder.is_dir():
                others += folder.glob(f".*{TEMP_SUFFIX}")
        _remove_old(others, STALE_TEMP_SECONDS)

    def iter_plans(self) -> Iterator[StoredPlan | LoadProblem]:
        """Every plan in the store; a file that cannot be read is reported, not fatal."""
        for plan_id in self.plan_ids():
            path = self.plans_dir / f"{plan_id}{PLAN_SUFFIX}"
            try:
                yield StoredPlan(path, load_plan(path))
            except CallprepError as err:
                yield LoadProblem.of(path, err)

    # -- drafts and edits kept aside ------------------------------------------------------

    def draft_path(self, name: str) -> Path:
        return self.drafts_dir / f"{name}{PLAN_SUFFIX}"

    def discard_draft(self, name: str) -> str | None:
        """Remove a draft that has served; why it could not be removed, for a warning, or None."""
        path = self.draft_path(name)
        try:
            path.unlink(missing_ok=True)
        except OSError as err:
            return f"could not remove the finished draft {path}: {err.strerror or err}"
        return None

    def write_aside(self, folder: Path, name: str, text: str) -> Path:
        self.ensure(folder)
        path = folder / name
        try:
            atomic_write(path, text)
        except OSError as err:
            raise CallprepError(os_error_message(err, path)) from err
        return path


def _text_or_none(path: Path) -> str | None:
    try:
        return read_text(path)
    except CallprepError:
        return None


def _remove_old(paths: list[Path], older_than: float) -> None:
    """Remove those of `paths` at least `older_than` seconds old by the file system's clock,
    read once, and only when there is a path to look at (it costs a file's creation)."""
    if not paths:
        return
    now = clock.file_time()
    for path in paths:
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime >= older_than:
                path.unlink()
