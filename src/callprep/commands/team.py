"""`callprep team init|join` and `callprep sync`: a team's plans shared through git."""

from __future__ import annotations

from pathlib import Path

from callprep import messages, output
from callprep.team import gitstore, owners


def init(home: Path, url: str) -> None:
    """Make this store the team's: stamp owners, then push it to the empty repository at URL."""
    email = owners.seller_email(home, output.warn)
    _stamp(home, email)
    made = gitstore.init(home, url, email)
    count = len(made.shared)
    output.say(
        messages.TEAM_INITIALISED.format(count=count, s="" if count == 1 else "s", url=made.url)
    )
    output.say(messages.TEAM_INIT_NEXT.format(url=made.url))


def join(home: Path, url: str) -> None:
    """Make this store a copy of the team's; plans already here are kept and added."""
    email = owners.seller_email(home, output.warn)
    _stamp(home, email)
    joined = gitstore.join(home, url, email)
    got, sent = len(joined.received), len(joined.added)
    output.say(
        messages.TEAM_JOINED.format(
            url=joined.url, received=got, rs="" if got == 1 else "s", added=sent
        )
    )
    _conflicts(home, joined.conflicts)


def sync(home: Path) -> None:
    """Send this seller's changes, bring the team's, and name what conflicts."""
    email = owners.seller_email(home, output.warn)
    if not gitstore.is_team_store(home):
        raise gitstore.GitError(messages.TEAM_NOT_A_STORE.format(home=home))
    done = gitstore.sync(home, email)
    if done.sent:
        output.say(messages.SYNC_SENT.format(count=len(done.sent), ids=_ids(done.sent)))
    if done.received:
        output.say(messages.SYNC_RECEIVED.format(count=len(done.received), ids=_ids(done.received)))
    if not done.sent and not done.received and not done.conflicts:
        output.say(messages.SYNC_NOTHING)
    _conflicts(home, done.conflicts)


def _stamp(home: Path, email: str) -> None:
    from callprep.plans.store import Store  # deferred: pydantic: sync and init do without

    stamped = owners.stamp_owners(Store(home), email)
    if stamped:
        count = len(stamped)
        output.say(
            messages.TEAM_OWNERS_STAMPED.format(
                count=count, s="" if count == 1 else "s", email=email
            )
        )


def _ids(ids: list[str]) -> str:
    return ", ".join(ids[:6]) + (f", … ({len(ids) - 6} more)" if len(ids) > 6 else "")


def _conflicts(home: Path, copies: list[Path]) -> None:
    """Every conflict copy still in the store, beside its plan, and how to resolve them."""
    if not copies:
        return
    output.say(messages.CONFLICTS_HEADING)
    plans: list[str] = []
    for copy in copies:
        plan = copy.name.split(".conflict-", 1)[0]
        output.say(messages.CONFLICT_LINE.format(copy=copy.relative_to(home), plan=f"{plan}.toml"))
        if copy.parent.name == "plans" and plan not in plans:
            plans.append(plan)
    # Each command whole on a line of its own (a playbook's copy is settled by hand).
    if plans:
        output.hint(
            messages.CONFLICTS_RESOLVE,
            *(messages.RESOLVE_COMMAND.format(id=plan) for plan in plans),
        )
