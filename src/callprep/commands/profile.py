"""`callprep profile`: show the seller's profile, ask for what is missing, set one key."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from callprep import messages, output, prompts
from callprep import profile as profiles
from callprep.prompts import Asker, Prompt


def run(home: Path, as_json: bool = False) -> None:
    """Show the profile; in a terminal, then ask for each key still missing."""
    current = profiles.load(home)
    if as_json:
        output.print_json({key: getattr(current, key) for key in profiles.KEYS})
        return
    if not sys.stdin.isatty():
        show(current)
        return
    filled = ask_missing(prompts.interactive_asker(), current, home)
    if filled != current:
        output.say(messages.PROFILE_SAVED.format(path=profiles.save(home, filled)))
    show(filled)


def set_key(home: Path, key: str, value: str) -> None:
    updated = profiles.with_value(profiles.load(home), key, value)
    profiles.save(home, updated)
    shown = getattr(updated, key)
    if shown in ("", []):
        output.say(messages.PROFILE_CLEARED.format(key=key))
    else:
        text = ", ".join(shown) if isinstance(shown, list) else str(shown)
        output.say(messages.PROFILE_SET.format(key=key, value=text.replace("\n", " / ")))


def show(profile: profiles.Profile) -> None:
    from callprep.render.profile import table

    if not any(getattr(profile, key) for key in profiles.KEYS):
        output.say(messages.PROFILE_EMPTY)
    output.out().print(table(profile, defaults=defaults(profile)))


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


def ask_missing(asker: Asker, profile: profiles.Profile, home: Path) -> profiles.Profile:
    """Ask each key the profile lacks, through the prompt seam; a blank answer skips it."""
    missing = [key for key in profiles.KEYS if not getattr(profile, key)]
    if not missing:
        return profile
    asker.say(messages.PROFILE_INTRO)
    for key in missing:
        profile = _ask(asker, profile, key, home)
    return profile


def _ask(asker: Asker, profile: profiles.Profile, key: str, home: Path) -> profiles.Profile:
    from callprep.errors import CallprepError

    text, help_text = messages.PROFILE_QUESTIONS[key]
    prompt = _prompt(key, text, help_text, profile, home)
    while True:
        answer: Any = asker.ask(prompt)
        if isinstance(answer, list):
            answer = "\n".join(str(line) for line in answer)
        answer = str(answer or "").strip()
        if not answer:
            return profile
        try:
            return profiles.with_value(profile, key, answer)
        except CallprepError as err:
            asker.say(err.message)


def _prompt(key: str, text: str, help_text: str, profile: profiles.Profile, home: Path) -> Prompt:
    def check(value: str) -> str | None:
        from callprep.errors import CallprepError

        if not value.strip():
            return None
        try:
            profiles.with_value(profile, key, value)
        except CallprepError as err:
            return err.message
        return None

    if key == "signature":
        return Prompt(key=f"profile.{key}", kind="list", message=text, help=help_text)
    if key == "paper":
        return Prompt(
            key=f"profile.{key}", kind="select", message=text, choices=profiles.PAPERS, default="a4"
        )
    if key == "playbook":
        from callprep.playbook import all_playbooks
        from callprep.store import Store

        found, _ = all_playbooks(Store(home).playbooks_dir)
        return Prompt(
            key=f"profile.{key}",
            kind="select",
            message=text,
            help=help_text,
            choices=tuple(sorted(found)),
            default="standard",
        )
    default = ""
    if key == "timezone":
        default = profile.zone_name
    elif key == "domains":
        default = " ".join(profile.our_domains)
    return Prompt(
        key=f"profile.{key}",
        kind="text",
        message=text,
        help=help_text,
        default=default,
        validate=check,
    )
