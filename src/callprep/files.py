"""Files the seller points callprep at: read bounded and never blocking, written whole or not at all.

A path given to callprep may be anything: a FIFO that never ends, `/dev/zero`, a symlink to the
terminal, a folder, a 50 MB file. Reading opens without blocking and takes only regular files,
up to a size; writing replaces a file atomically (a kill leaves the old file or the new one),
keeps the mode of the file it replaces, and streams into a terminal, a pipe or `/dev/null`
rather than replacing the device node.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from callprep import clock
from callprep.errors import CallprepError

TEMP_SUFFIX = ".tmp"
# A plan is a few kilobytes; a megabyte of TOML is no plan a person wrote.
MAX_PLAN_BYTES = 1024 * 1024
PLAN_SUFFIX = ".toml"
StatKey = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
# An output temp file this old belongs to a writer that was killed between link and rename.
STALE_OUTPUT_TEMP_SECONDS = 600

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotAFile(CallprepError):
    """Something that is not a regular file of a sane size stands where a file should."""


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in a few words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def is_terminal(stream: IO[bytes]) -> bool:
    """Whether `stream` is a terminal (where standard input would wait for typing, not data)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def read_capped(read_some: Callable[[int], bytes], limit: int) -> bytes | None:
    """All that `read_some(n)` gives until it gives nothing; None as soon as that is more than
    `limit` bytes (one byte past it is read, never the rest of an endless stream)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = read_some(min(1 << 20, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return None


def read_bounded(path: Path, limit: int = MAX_PLAN_BYTES) -> bytes:
    """The bytes of the regular file at `path`; CallprepError for anything else or anything larger.

    Opened with O_NONBLOCK, so a FIFO with no writer cannot hang the read, and checked with
    fstat on the open file, so what is read is what was checked.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as err:
        raise CallprepError(f"{path}: no such file") from err
    except IsADirectoryError as err:
        raise NotAFile(f"{path}: is a folder, not a file") from err
    except OSError as err:
        raise CallprepError(f"{path}: cannot read ({err.strerror or err})") from err
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CallprepError(f"{path}: is {kind_of(info.st_mode)}, not a file")
        if info.st_size > limit:
            raise CallprepError(
                f"{path}: {_size(info.st_size)} is too big (at most {_size(limit)})"
            )
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while we read
            raise NotAFile(f"{path}: too big (at most {_size(limit)})")
        return b"".join(chunks)
    except OSError as err:
        raise CallprepError(f"{path}: cannot read ({err.strerror or err})") from err
    finally:
        os.close(fd)


def read_text(path: Path, limit: int = MAX_PLAN_BYTES) -> str:
    data = read_bounded(path, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CallprepError(f"{path}: not UTF-8 text (byte {err.start})") from err


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.0f} MB"
    return f"{count / 1024:.0f} kB" if count >= 1024 else f"{count} bytes"


# --- writing ---------------------------------------------------------------------------------


def atomic_write(path: Path, text: str, mode: int = 0o600) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never a mix."""
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Temp file beside `path`, flushed to disk, then renamed over it; the temp goes on failure."""
    import tempfile  # deferred: a command that only reads (brief, list) never pays for it

    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def atomic_write_many(files: list[tuple[Path, bytes]], prefix: str, mode: int = 0o600) -> None:
    """Write many new files, each whole or not at all, flushed to disk once for all of them.

    `atomic_write_bytes` flushes every file before the next (milliseconds each, on a real disk);
    here every temp file is written first, the disk is flushed once, and then each is renamed
    into place. Temp files are named `<prefix><random>-<n>` + TEMP_SUFFIX beside their targets
    (one random tag per batch: mkstemp's search for a free name costs more than the write). A
    failure leaves the files already renamed in place and removes the other temps.
    """
    import secrets  # deferred: only writing several files at once

    tag = secrets.token_hex(6)
    umask = current_umask()
    cut = bool(mode & umask) and hasattr(os, "fchmod")  # the umask takes bits `mode` needs
    temps: list[tuple[Path, Path]] = []
    try:
        for n, (path, data) in enumerate(files):
            tmp = path.parent / f"{prefix}{tag}-{n}{TEMP_SUFFIX}"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            temps.append((tmp, path))
            try:
                if cut:
                    os.fchmod(fd, mode)
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
        if hasattr(os, "sync"):
            os.sync()
        else:  # pragma: no cover - Windows has no sync(); flush each file instead
            for tmp, _ in temps:
                with open(tmp, "rb+") as handle:
                    os.fsync(handle.fileno())
        while temps:
            tmp, path = temps[0]
            os.replace(tmp, path)
            temps.pop(0)
    except BaseException:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise
    for folder in dict.fromkeys(path.parent for path, _ in files):
        fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable; not every platform lets a folder be opened."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def current_umask() -> int:
    """The process's umask (read by setting it, and set back at once)."""
    umask = os.umask(0o077)
    os.umask(umask)
    return umask


def existing_mode(path: Path, default: int = 0o600) -> int:
    """The permission bits of the file at `path`, to keep when replacing it; `default` if none."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return default


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def is_within(path: Path, folder: Path) -> bool:
    """`path`, symlinks resolved, is `folder` or inside it."""
    try:
        resolved, root = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):
        return False
    return resolved == root or root in resolved.parents


def write_output(
    name: str | Path,
    data: bytes,
    *,
    protected: Iterable[Path] = (),
    protected_dirs: Iterable[Path] = (),
) -> None:
    """Write a brief, message or invite to the file the seller named with -o or --ics.

    A regular file (or a new one) is replaced atomically, keeping its mode (a new file gets
    the mode the umask allows, as other tools' output does: it is the seller's to share), with
    its data in an unnamed file until the rename where the system has
    them, so a kill leaves nothing behind. A terminal, a pipe, a FIFO with a reader or
    `/dev/null` is written into, as a shell redirection would. Refused, with nothing written:
    an empty name, a folder, a missing folder, other devices, the files in `protected` (the
    plan being read) and anything inside `protected_dirs` (the store's own folders).
    """
    raw = os.fspath(name)
    if not raw.strip():
        raise CallprepError("the output file name is empty")
    if "\x00" in raw:
        raise CallprepError(f"{raw!r}: a file name cannot hold a NUL character")
    if raw.endswith(("/", os.sep)):
        raise CallprepError(
            f"{raw}: names a folder; give a file name, e.g. {raw.rstrip('/')}/brief"
        )
    path = Path(raw)
    try:
        info: os.stat_result | None = os.stat(path)  # through any symlink
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise CallprepError(f"cannot write {path}: {err.strerror or err}") from err
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            # /dev/stdout resolves to no path ("pipe:[…]"): write through the name as given.
            _stream(path, path, data)
            return
        raise CallprepError(f"{path}: is {kind_of(info.st_mode)}; give a file name")
    target = Path(os.path.realpath(path))
    for plan_path in protected:
        if same_file(target, plan_path) or target == Path(os.path.realpath(plan_path)):
            raise CallprepError(f"{path}: is the plan itself; write the output to another file")
    for folder in protected_dirs:
        if is_within(target, folder):
            raise CallprepError(
                f"{path}: is in callprep's own {folder}; write the output elsewhere"
            )
    if not target.parent.is_dir():
        raise CallprepError(f"cannot write {path}: there is no folder {target.parent}")
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~current_umask()
    try:
        _replace_unnamed(target, data, mode)
    except OSError as err:
        raise CallprepError(f"cannot write {path}: {err.strerror or err}") from err


def _stream(target: Path, shown: Path, data: bytes) -> None:
    """Into a terminal, pipe or FIFO: opened without blocking, so a FIFO nobody reads fails."""
    try:
        fd = os.open(
            target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        )
    except OSError as err:
        if err.errno == errno.ENXIO:
            raise CallprepError(f"{shown}: a FIFO nobody is reading from") from err
        raise CallprepError(f"cannot write {shown}: {err.strerror or err}") from err
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as err:
        raise CallprepError(f"cannot write {shown}: {err.strerror or err}") from err
    finally:
        os.close(fd)


def _replace_unnamed(target: Path, data: bytes, mode: int) -> None:
    """Atomic replace whose data lives in an unnamed file until the last moment (Linux O_TMPFILE)."""
    _sweep_output_temps(target)
    flag = getattr(os, "O_TMPFILE", 0)
    try:
        fd = os.open(target.parent, flag | os.O_WRONLY | os.O_CLOEXEC, mode) if flag else -1
    except OSError:
        fd = -1  # a file system without unnamed files
    linked = unnamed = False
    if fd >= 0:
        tmp = target.with_name(f".{target.name}.{os.getpid()}-{time.monotonic_ns()}{TEMP_SUFFIX}")
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            os.fchmod(fd, mode)
            # Named only for the instant before the rename: a kill while the data was being
            # written leaves no file at all.
            try:
                os.link(f"/proc/self/fd/{fd}", tmp)
            except OSError:
                pass  # no /proc to name it through: a named temp file it is
            else:
                linked = unnamed = True
                os.replace(tmp, target)
                linked = False
        finally:
            os.close(fd)
            if linked:
                with contextlib.suppress(OSError):
                    tmp.unlink()
        if unnamed:
            fsync_dir(target.parent)
            return
    atomic_write_bytes(target, data, mode)


def _sweep_output_temps(target: Path) -> None:
    """Remove temps of earlier writes of this output that were killed before their rename."""
    with contextlib.suppress(OSError):
        temps = list(target.parent.glob(f".{glob_escape(target.name)}.*{TEMP_SUFFIX}"))
        now = clock.file_time() if temps else 0.0
        for tmp in temps:
            with contextlib.suppress(OSError):
                if now - tmp.lstat().st_mtime >= STALE_OUTPUT_TEMP_SECONDS:
                    tmp.unlink()


def glob_escape(text: str) -> str:
    """`text` as a glob pattern that matches only itself."""
    return "".join(f"[{char}]" if char in "*?[" else char for char in text)


def plan_files(folder: Path) -> list[tuple[str, StatKey]]:
    """The plan files in `folder`, by name, each with its stat key: what the index and the
    account cache compare to know a file unchanged. Hidden files (temps) and a team's conflict
    copies (`<id>.conflict-<who>.toml`, no plans of their own) are left out, and so is a file
    removed while the folder was read."""
    found: list[tuple[str, StatKey]] = []
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as err:
        raise CallprepError(f"cannot read {folder}: {err.strerror or err}") from err
    for entry in entries:
        name = entry.name
        if not name.endswith(PLAN_SUFFIX) or name.startswith(".") or ".conflict-" in name:
            continue
        try:
            st = entry.stat()
        except OSError:
            continue
        found.append((name, (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)))
    found.sort()
    return found
