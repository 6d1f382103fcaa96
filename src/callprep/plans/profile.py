"""The seller's profile: who they are, so no plan, message or invite has to ask again.

Kept in `<home>/profile.toml` (0600). Every key may be missing; every command works without a
profile. What it fills: the seller as our attendee on a new plan, the agenda message's sign-off
and company, the invite's organizer, which attendees are ours (by email domain), the time zone
typed times are in, and the default paper and playbook.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from callprep import messages
from callprep.dates import get_zone, local_zone_name
from callprep.errors import CallprepError
from callprep.files import atomic_write, read_text
from callprep.plans.planfile import describe_validation_error, dumps, parse_toml, validate
from callprep.plans.store import Store, os_error_message
from callprep.text import email_domain, valid_email

if TYPE_CHECKING:
    from callprep.prompts import Asker, Prompt

FILE_NAME = "profile.toml"
KEYS = (
    "name",
    "email",
    "company",
    "title",
    "timezone",
    "signature",
    "domains",
    "paper",
    "playbook",
)
PAPERS = ("a4", "letter")
EMAIL_LIMIT = 254
DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*$")


class Profile(BaseModel):
    """The profile file. Unknown keys are kept, as in plans."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)

    name: str = ""
    email: str = ""
    company: str = ""
    title: str = ""
    timezone: str = ""
    signature: str = ""
    domains: list[str] = Field(default_factory=list)
    paper: Literal["a4", "letter", ""] = ""
    playbook: str = ""

    @field_validator("name", "email", "company", "title", "timezone", "playbook", mode="before")
    @classmethod
    def _one_line(cls, value: Any) -> Any:
        return " ".join(value.split()) if isinstance(value, str) else value

    @field_validator("signature", mode="before")
    @classmethod
    def _lines(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return "\n".join(line.rstrip() for line in value.strip("\n").splitlines()).strip()

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and not valid_email(value):
            raise ValueError(messages.PROFILE_BAD_EMAIL.format(value=value))
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        if value:
            try:
                return str(get_zone(value).key)
            except CallprepError as err:
                raise ValueError(err.message) from None
        return value

    @field_validator("domains", mode="before")
    @classmethod
    def _domains(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = re.split(r"[\s,;]+", value)
        if isinstance(value, list):
            cleaned = []
            for item in value:
                if not isinstance(item, str):
                    return value  # pydantic says what is wrong
                domain = item.strip().lower().lstrip("@")
                if domain and not DOMAIN_RE.match(domain):
                    raise ValueError(messages.PROFILE_BAD_DOMAIN.format(value=item.strip()))
                if domain and domain not in cleaned:
                    cleaned.append(domain)
            return cleaned
        return value

    # -- what the rest of callprep asks of it ---------------------------------------------------

    @property
    def zone_name(self) -> str:
        """The IANA zone typed times are in: the profile's, else the machine's."""
        if self.timezone:
            return self.timezone

        return local_zone_name()

    @property
    def our_domains(self) -> list[str]:
        """The email domains of our side: as set, else the domain of our own email."""
        if self.domains:
            return list(self.domains)
        domain = email_domain(self.email)
        return [domain] if domain else []

    def is_ours(self, email: str) -> bool:
        domain = email_domain(email)
        return bool(domain) and any(
            domain == ours or domain.endswith(f".{ours}") for ours in self.our_domains
        )

    def attendee(self) -> dict[str, str] | None:
        """The seller as an attendee on our side of a new plan, or None without a name."""
        if not self.name:
            return None
        person = {"name": self.name, "side": "ours"}
        if self.title:
            person["role"] = self.title
        if self.email:
            person["email"] = self.email
        return person

    def to_data(self) -> dict[str, Any]:
        data = self.model_dump(mode="python")
        return {key: value for key, value in data.items() if value not in ("", [], None)}


def path(home: Path) -> Path:
    return home / FILE_NAME


def load(home: Path) -> Profile:
    """The seller's profile; an empty one when there is none yet."""
    file = path(home)
    if not file.exists() and not file.is_symlink():
        return Profile()
    return validate(Profile, parse_toml(read_text(file), str(file)), str(file))


def save(home: Path, profile: Profile) -> Path:
    """Write the profile atomically, readable by the seller alone."""
    store = Store(home)
    store.ensure(home)
    file = path(home)
    try:
        atomic_write(file, dumps(profile.to_data()))
    except OSError as err:
        raise CallprepError(os_error_message(err, file)) from err
    return file


def with_value(profile: Profile, key: str, value: str) -> Profile:
    """The profile with `key` set from text as typed ("" clears it); CallprepError if it is wrong."""
    if key not in KEYS:
        raise CallprepError(messages.PROFILE_UNKNOWN_KEY.format(key=key, keys=", ".join(KEYS)))
    value = value.replace("\\n", "\n") if key == "signature" else value
    if key == "email" and len(value.strip()) > EMAIL_LIMIT:  # RFC 5321's longest; not echoed
        raise CallprepError(
            messages.PROFILE_EMAIL_TOO_LONG.format(length=len(value.strip()), limit=EMAIL_LIMIT)
        )
    if key == "paper":
        value = value.strip().lower()
        if value and value not in PAPERS:
            raise CallprepError(messages.PROFILE_BAD_PAPER.format(value=value))
    data = {**profile.model_dump(mode="python"), key: value}
    try:
        return Profile.model_validate(data)
    except ValidationError as err:
        raise CallprepError(describe_validation_error(err)) from err


# --- asking for it ------------------------------------------------------------------------------

OFFERED_MARK = "profile-offered"


def load_or_empty(home: Path, warn: Callable[[str], None]) -> Profile:
    """The profile, or an empty one (said with `warn`) when the file cannot be read: no command
    is blocked by a broken profile."""
    try:
        return load(home)
    except CallprepError as err:
        warn(messages.PROFILE_IGNORED.format(problem=err.message))
        return Profile()


def first_time(home: Path) -> bool:
    """No profile yet, and never offered to set one up (`new` offers it once)."""
    return not path(home).exists() and not (home / "cache" / OFFERED_MARK).exists()


def mark_offered(home: Path) -> None:
    try:
        folder = Store(home).ensure(home / "cache")
        (folder / OFFERED_MARK).touch()
    except (OSError, CallprepError):
        pass  # offered again next time: no harm


def ask_missing(asker: Asker, profile: Profile, playbooks: Callable[[], Iterable[str]]) -> Profile:
    """Ask each key the profile lacks, through the prompt seam; a blank answer skips it.
    `playbooks` names the playbooks to choose the default from (read only when it is asked)."""
    missing = [key for key in KEYS if not getattr(profile, key)]
    if not missing:
        return profile
    asker.say(messages.PROFILE_INTRO)
    for key in missing:
        profile = _ask(asker, profile, key, playbooks)
    return profile


def _ask(
    asker: Asker, profile: Profile, key: str, playbooks: Callable[[], Iterable[str]]
) -> Profile:
    text, help_text = messages.PROFILE_QUESTIONS[key]
    prompt = _prompt(key, text, help_text, profile, playbooks)
    while True:
        answer: Any = asker.ask(prompt)
        if isinstance(answer, list):
            answer = "\n".join(str(line) for line in answer)
        answer = str(answer or "").strip()
        if not answer:
            return profile
        try:
            return with_value(profile, key, answer)
        except CallprepError as err:
            asker.say(err.message)


def _prompt(
    key: str,
    text: str,
    help_text: str,
    profile: Profile,
    playbooks: Callable[[], Iterable[str]],
) -> Prompt:
    from callprep.prompts import Prompt  # deferred: only when it asks (not for a brief)

    def check(value: str) -> str | None:
        if not value.strip():
            return None
        try:
            with_value(profile, key, value)
        except CallprepError as err:
            return err.message
        return None

    if key == "signature":
        return Prompt(key=f"profile.{key}", kind="list", message=text, help=help_text)
    if key == "paper":
        return Prompt(
            key=f"profile.{key}", kind="select", message=text, choices=PAPERS, default="a4"
        )
    if key == "playbook":
        return Prompt(
            key=f"profile.{key}",
            kind="select",
            message=text,
            help=help_text,
            choices=tuple(sorted(playbooks())),
            default="standard",
        )
    # No answer typed in for the seller to delete first: a blank answer leaves the key unset,
    # which means what the help says (this machine's zone, the email's domain).
    if key == "timezone":
        help_text += " " + messages.PROFILE_BLANK_MEANS.format(value=profile.zone_name)
    elif key == "domains" and profile.our_domains:
        help_text += " " + messages.PROFILE_BLANK_MEANS.format(value=" ".join(profile.our_domains))
    return Prompt(
        key=f"profile.{key}",
        kind="text",
        message=text,
        help=help_text,
        validate=check,
    )
