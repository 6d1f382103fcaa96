"""`callprep profile`: show the seller's profile, ask for what is missing, set one key."""

from __future__ import annotations

import sys
from pathlib import Path

from callprep import messages, output, prompts
from callprep.errors import CallprepError
from callprep.plans import profile as profiles
from callprep.plans.store import Store


def run(home: Path, as_json: bool = False) -> None:
    """Show the profile; in a terminal, then ask for each key still missing."""
    current = profiles.load(home)
    if as_json:
        output.print_json({key: getattr(current, key) for key in profiles.KEYS})
        return
    if not sys.stdin.isatty():
        show(current)
        return
    from callprep.coach.playbook import playbook_names  # deferred: only asking reads playbooks

    filled = profiles.ask_missing(
        prompts.interactive_asker(), current, lambda: playbook_names(Store(home).playbooks_dir)
    )
    if filled != current:
        output.say(messages.PROFILE_SAVED.format(path=profiles.save(home, filled)))
    show(filled)


def set_key(home: Path, key: str, value: str) -> None:
    from callprep.coach.playbook import get_playbook  # deferred: not for --json
    from callprep.outreach.agenda import sign_off_preview  # deferred: not for --json

    updated = profiles.with_value(profiles.load(home), key, value)
    if key == "playbook" and updated.playbook:
        # Every `new` would fail on a playbook that is not there (or does not load): said now.
        try:
            get_playbook(updated.playbook, Store(home).playbooks_dir)
        except CallprepError as err:
            raise CallprepError(messages.PROFILE_NO_PLAYBOOK.format(problem=err.message)) from err
    profiles.save(home, updated)
    shown = getattr(updated, key)
    if shown in ("", []):
        output.say(messages.PROFILE_CLEARED.format(key=key))
    else:
        text = ", ".join(shown) if isinstance(shown, list) else str(shown)
        output.say(messages.PROFILE_SET.format(key=key, value=text.replace("\n", " / ")))
    if key in SIGNS and (updated.name or updated.signature):
        lines = [messages.PROFILE_SIGN_OFF, *(f"  {line}" for line in sign_off_preview(updated))]
        output.say("\n".join(lines))


# The keys a message's sign-off is made of: setting one shows how messages now end.
SIGNS = ("name", "title", "company", "signature")


def show(profile: profiles.Profile) -> None:
    from callprep.outreach.agenda import sign_off_preview  # deferred: not for --json
    from callprep.render.profile import sign_off, table  # deferred: rich: not for --json

    if not any(getattr(profile, key) for key in profiles.KEYS):
        output.say(messages.PROFILE_EMPTY)
    output.out().print(table(profile, defaults=defaults(profile)))
    if profile.name or profile.signature:  # how every message will end, closing and all
        output.out().print(sign_off(sign_off_preview(profile)))


def defaults(profile: profiles.Profile) -> dict[str, str]:
    """What a missing key means in practice."""
    shown: dict[str, str] = {}
    if not profile.timezone:
        shown["timezone"] = profile.zone_name
    if not profile.domains and profile.our_domains:
        shown["domains"] = ", ".join(profile.our_domains)
    if not profile.paper:
        shown["paper"] = "a4"
    if not profile.playbook:
        shown["playbook"] = "standard"
    return shown
