"""Where the store is: `--home`, else $CALLPREP_HOME, else the seller's data folder.

Apart from the store itself so that commands that need only the folder (`sync`) start
without the plan model.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from callprep.errors import CallprepError

ENV_HOME = "CALLPREP_HOME"


def default_home() -> Path:
    import platformdirs  # deferred: only when no home is set

    return Path(platformdirs.user_data_dir("callprep", appauthor=False))


def resolve_home(option: str | Path | None = None) -> Path:
    """The store's folder, absolute (so it means the same wherever git or a child runs)."""
    if option:
        return expand_user(option).absolute()
    env = os.environ.get(ENV_HOME)
    if env:
        return expand_user(env).absolute()
    return default_home()


def check_home(home: Path) -> None:
    """A store's home is a folder, or not there yet; anything else is said in one line."""
    try:
        info = home.stat()
    except FileNotFoundError:
        return
    except OSError as err:
        raise CallprepError(f"cannot use {home} as callprep's home: {err.strerror or err}") from err
    if not stat.S_ISDIR(info.st_mode):
        raise CallprepError(
            f"{home} is a file, not a folder: point --home (or $CALLPREP_HOME) at a folder"
        )
    if not os.access(home, os.R_OK | os.X_OK):
        raise CallprepError(f"cannot use {home} as callprep's home: permission denied")


def expand_user(text: str | Path) -> Path:
    """`~` and `~name` as the shell would; a `~name` of nobody known stays as typed."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        return Path(text)


def profile_value(home: Path, key: str, warn: Callable[[str], None] | None = None) -> object:
    """One key of the profile as its TOML has it, or "" (no profile, no such key, or a profile
    that cannot be read, which is said with `warn`).

    Read on its own, not as the whole profile: a view that needs one key starts the sooner for
    not loading pydantic, and a problem elsewhere in the profile does not hide it. The caller
    checks the value.
    """
    import tomllib  # deferred: only commands that read the profile

    from callprep import messages  # deferred: only commands that read the profile
    from callprep.files import read_text  # deferred: only commands that read the profile

    file = home / "profile.toml"  # profile.path(home), without importing the profile's model
    if not file.exists() and not file.is_symlink():
        return ""
    try:
        return tomllib.loads(read_text(file)).get(key, "")
    except (CallprepError, tomllib.TOMLDecodeError) as err:
        if warn is not None:
            problem = err.message if isinstance(err, CallprepError) else f"{file}: {err}"
            warn(messages.PROFILE_IGNORED.format(problem=problem))
        return ""


def seller_zone(home: Path, warn: Callable[[str], None] | None = None) -> str:
    """The seller's own zone: the profile's `timezone`, else the machine's.

    Read on its own, as `profile_value` reads a key: `list` and the terminal brief show times in
    it, and need nothing else of the profile. A profile that cannot be read is said with `warn`
    (`load_or_empty` says it too, elsewhere).
    """
    from callprep import dates  # deferred: only views that show a call's time

    zone = profile_value(home, "timezone", warn)
    if isinstance(zone, str) and zone.strip():
        try:
            return dates.get_zone(zone.strip()).key
        except CallprepError:
            pass  # `profile` says so; a view shows the machine's time meanwhile
    return dates.local_zone_name()
