"""A team on one store: who the seller is to the team, whose plans a view shows, owners stamped.

git does the moving and merging (`callprep.team.gitstore`); this module holds the rules the
commands share: a team store needs the seller's email (it names their commits and conflict
copies, and owns their plans), views show the seller's own plans by default in a team store and
everybody's otherwise, and plans made before the store was shared get their maker as owner.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from callprep import messages
from callprep.errors import CallprepError
from callprep.text import valid_email

if TYPE_CHECKING:
    from callprep.plans.store import Store

ME, ALL = "me", "all"
# A team's conflict copy of a plan: `<id>.conflict-<who>.toml` (see gitstore), not a plan.
CONFLICT_NAME = re.compile(r"\.conflict-[a-z0-9][a-z0-9-]*\.toml$")


def is_conflict_copy(name: str) -> bool:
    return bool(CONFLICT_NAME.search(name))


def is_team_store(home: Path) -> bool:
    # Deferred: only a store that may be a team's.
    from callprep.team.gitstore import is_team_store as shared

    return shared(home)


def seller_email(home: Path, warn: Callable[[str], None]) -> str:
    """The seller's email from the profile: the team knows them, and their plans, by it."""
    email = profile_email(home, warn)
    if not email:
        raise CallprepError(messages.TEAM_NEEDS_EMAIL)
    return email


def profile_email(home: Path, warn: Callable[[str], None]) -> str:
    """The profile's email, or "" (a profile that cannot be read is said with `warn`).

    Read on its own (`profile_value`), not as the whole profile: `sync` needs nothing else from
    it, and starts the sooner for not loading pydantic.
    """
    from callprep.plans.home import profile_value  # deferred: only the owner of a plan read here

    email = profile_value(home, "email", warn)
    if not isinstance(email, str) or not valid_email(email.strip()):
        if email:
            file = home / "profile.toml"
            warn(messages.PROFILE_IGNORED.format(problem=f"{file}: email {email!r} is no address"))
        return ""
    return email.strip()


def owner_filter(
    home: Path, option: str | None, warn: Callable[[str], None]
) -> Callable[[str], bool] | None:
    """Whose plans a view shows: `me` (the profile's email), `all`, or one owner's email.

    Without the option: the seller's own in a team store, everybody's otherwise. None means
    every plan (no filter).
    """
    choice = (option or (ME if is_team_store(home) else ALL)).strip()
    if choice.lower() == ALL:
        return None
    if choice.lower() == ME:
        email = profile_email(home, warn)
        if not email:
            if option:  # asked for explicitly: say what is missing
                raise CallprepError(messages.TEAM_NEEDS_EMAIL)
            return None  # a team store without a profile email: show everything
    else:
        if not valid_email(choice):
            raise CallprepError(messages.OWNER_BAD.format(value=choice))
        email = choice
    wanted = email.casefold()
    return lambda owner: owner.casefold() == wanted


def stamp_owners(store: Store, email: str) -> list[str]:
    """Give every plan without an owner this seller as its owner (before it is shared)."""
    from callprep.catalog import index  # deferred: pydantic: only stamping owners

    stamped: list[str] = []
    for summary in index.scan(store):
        if not isinstance(summary, index.PlanSummary) or summary.owner or summary.path is None:
            continue
        store.update(
            summary.path,
            lambda plan: plan if plan.owner else plan.model_copy(update={"owner": email}),
        )
        stamped.append(summary.id)
    return stamped
