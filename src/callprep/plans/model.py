"""The plan file as pydantic models: one call, its objectives, agenda, discovery and debrief."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

SCHEMA_VERSION = 1

KINDS = ("discovery", "demo", "proposal", "negotiation", "review", "other")
SIDES = ("customer", "ours")
OUTCOMES = ("best", "minimum", "none")

# The discovery topics, in the order a seller learns them. `deadline` is a date,
# the rest free text; empty means still unknown.
DISCOVERY_TEXT_KEYS = (
    "why_looking",
    "urgency",
    "consequence",
    "attitude_to_us",
    "competition",
    "decision_process",
)
DISCOVERY_KEYS = (*DISCOVERY_TEXT_KEYS[:2], "deadline", *DISCOVERY_TEXT_KEYS[2:])

# A discovery note that says it is not known yet: still a gap, and still a question to ask.
UNSURE = re.compile(
    r"\s*(?:not (?:sure|known|clear)|unsure|unknown|unclear|don['’]?t know|do not know|dunno|"
    r"no idea|no clue|tbd|tbc|to be (?:confirmed|determined)|\?)(?!\w)",
    re.IGNORECASE,
)


def newer_schema(version: int) -> str:
    """Why a plan from a newer callprep is refused: no edit by this one can mend it."""
    return (
        f"schema_version {version} was written by a newer callprep "
        f"(this one reads version {SCHEMA_VERSION}); upgrade callprep to open it"
    )


Kind = Literal["discovery", "demo", "proposal", "negotiation", "review", "other", ""]
Side = Literal["customer", "ours"]
Outcome = Literal["best", "minimum", "none", ""]
# Miller Heiman's buying influences: whose yes releases the money, who will use it, who screens
# it, who guides us. "" is not known yet.
INFLUENCES = ("economic", "user", "technical", "coach")
Influence = Literal["economic", "user", "technical", "coach", ""]
STANCES = ("supporter", "neutral", "sceptic", "unknown")
Stance = Literal["supporter", "neutral", "sceptic", "unknown", ""]


def toml_datetime(value: dt.datetime | None) -> dt.datetime | None:
    """A time TOML can hold: an offset of whole minutes (else the same instant in UTC).

    Python allows offsets in seconds (local mean time, for dates before time zones); TOML
    does not, and writing one would make a file that cannot be read back.
    """
    if value is None or value.tzinfo is None:
        return value
    offset = value.utcoffset()
    if offset is not None and offset % dt.timedelta(minutes=1):
        return value.astimezone(dt.UTC)
    return value


# The years a call, a deadline or a commitment can fall in. A year outside them is a typo (0001,
# 20266) that would otherwise break every view of the store that sorts or converts times.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def check_year(value: dt.date) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            f"the year {value.year} is not one a call can be in ({FIRST_YEAR}–{LAST_YEAR})"
        )


class Section(BaseModel):
    """Base for every table: unknown keys are kept so a newer callprep's fields survive."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)

    @field_validator("*", mode="before")
    @classmethod
    def _strip_strings(cls, value: Any) -> Any:
        # Whitespace around an answer is never meaningful, and "  " must read as unknown.
        return value.strip() if isinstance(value, str) else value

    @field_validator("*", mode="after")
    @classmethod
    def _sane_year(cls, value: Any) -> Any:
        if isinstance(value, dt.date):  # datetimes are dates too
            check_year(value)
        return value


class Objective(Section):
    best: str = ""
    minimum: str = ""
    customer: str = ""


class Agenda(Section):
    items: list[str] = Field(default_factory=list)
    shared: bool = False
    confirmed: bool = False
    customer_prep: list[str] = Field(default_factory=list)


class Discovery(Section):
    why_looking: str = ""
    urgency: str = ""
    # A date, or words when no date is known yet ("before the board meeting in March").
    deadline: dt.date | str | None = None
    consequence: str = ""
    attitude_to_us: str = ""
    competition: str = ""
    decision_process: str = ""

    @field_validator("deadline", mode="before")
    @classmethod
    def _date_or_words(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
            try:
                return dt.date.fromisoformat(value)  # "2027-03-31" written as text is a date
            except ValueError:
                return value
        if isinstance(value, dt.datetime):
            return value.date()
        return value

    def is_known(self, key: str) -> bool:
        """Filled in with something other than "not sure", "TBD", "?" ..."""
        value = getattr(self, key)
        if isinstance(value, str):
            return bool(value) and not UNSURE.match(value)
        return value is not None


class Attendee(Section):
    name: str = ""
    role: str = ""
    side: Side = "customer"
    email: str = ""
    influence: Influence = ""
    stance: Stance = ""
    # Names this person went by before a debrief corrected it ("Warehouse manager (name tbc)"):
    # earlier calls that name them so are still about the same person.
    aliases: list[str] = Field(default_factory=list)


class Commitment(Section):
    who: Side = "customer"
    what: str = ""
    due: dt.date | None = None
    done: bool = False
    # Where it was found: "transcript" when a call's transcript proposed it, with the sentence
    # it was said in; "" when the seller typed it.
    source: str = ""
    quote: str = ""

    @field_validator("due", mode="before")
    @classmethod
    def _empty_date(cls, value: Any) -> Any:
        return None if value == "" else value


class Conversation(Section):
    """The call as its transcript told it: the figures a debrief keeps (never the talk itself)."""

    our_share: float | None = Field(default=None, ge=0, le=1)  # of the talk time
    longest_monologue_ours: float | None = Field(default=None, ge=0)  # seconds
    longest_monologue_customer: float | None = Field(default=None, ge=0)
    questions_ours: int | None = Field(default=None, ge=0)
    questions_customer: int | None = Field(default=None, ge=0)
    agenda_covered: list[str] = Field(default_factory=list)  # the agenda's items
    questions_asked: list[str] = Field(default_factory=list)  # the plan's questions

    @field_validator(
        "our_share",
        "longest_monologue_ours",
        "longest_monologue_customer",
        "questions_ours",
        "questions_customer",
        mode="before",
    )
    @classmethod
    def _empty(cls, value: Any) -> Any:
        return None if value == "" else value


class Debrief(Section):
    held_at: dt.datetime | None = None
    outcome: Outcome = ""
    customer_objective_met: bool | None = None
    customer_prepared: bool | None = None
    summary: str = ""
    engagement: int | None = Field(default=None, ge=1, le=5)
    off_script: list[str] = Field(default_factory=list)
    could_have_done_more: str = ""
    next_step: str = ""
    # Objections and dangers heard ("Union consultation needed before any automation").
    risks: list[str] = Field(default_factory=list)
    learned: dict[str, Any] = Field(default_factory=dict)
    commitments: list[Commitment] = Field(default_factory=list)
    # From the call's transcript, when the debrief was made from one.
    conversation: Conversation | None = None

    @field_validator("held_at", "engagement", mode="before")
    @classmethod
    def _empty(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("held_at")
    @classmethod
    def _toml_time(cls, value: dt.datetime | None) -> dt.datetime | None:
        return toml_datetime(value)

    @field_validator("learned")
    @classmethod
    def _learned_keys(cls, value: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(value) - set(DISCOVERY_KEYS))
        if unknown:
            raise ValueError(
                f"unknown discovery key {unknown[0]!r} (expected one of {', '.join(DISCOVERY_KEYS)})"
            )
        # Each answer must be one the discovery itself could hold: it is merged into it later.
        try:
            Discovery.model_validate(value)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ValueError(f"{where}: {first['msg']}") from None
        return value


# Top-level keys written only when set (most plans have none of them).
OPTIONAL_KEYS: dict[str, Any] = {
    "notes": {},
    "aliases": [],
    "owner": "",
    "timezone": "",
    "cancelled": False,
}


class CalendarEvent(Section):
    """The calendar event a plan was imported from, so importing again updates it."""

    uid: str = ""
    # One occurrence of a recurring event: its original start ("20261020T150000Z"); "" for a
    # one-off. The UID and this together name the occurrence.
    recurrence_id: str = ""
    sequence: int = 0
    source: str = ""
    organizer: str = ""  # the event organizer's email: whose meeting it is
    # The account the import gave the plan: while the plan still has it, the seller has not
    # changed it, and `import --account-for` may correct it.
    account: str = ""
    # The VEVENT's content lines as the calendar gave them (CRLF line ends): an occurrence of a
    # series with its own DTSTART, DTEND and RECURRENCE-ID and no RRULE, EXDATE or RDATE. The
    # invite for the call is this event's next version, every property kept. "" for plans
    # imported before it was kept.
    event: str = ""
    # Where the event starts in the calendar, kept when the seller moved the call with
    # `reschedule --force`: while the event still starts here, an import keeps the plan's time.
    starts_at: dt.datetime | None = None


class Plan(Section):
    schema_version: int = SCHEMA_VERSION
    id: str = ""
    # Earlier ids of the plan (it was rescheduled): they still find it.
    aliases: list[str] = Field(default_factory=list)
    owner: str = ""  # the email of the seller who made it (a team store's plans have one each)
    account: str = ""
    opportunity: str = ""
    kind: Kind = ""
    starts_at: dt.datetime | None = None
    # The IANA zone starts_at is in ("Europe/London"): the file holds only its offset.
    timezone: str = ""
    duration_minutes: int | None = Field(default=None, ge=1, le=24 * 60)
    cancelled: bool = False
    playbook: str = ""
    questions: list[str] = Field(default_factory=list)
    objective: Objective = Field(default_factory=Objective)
    agenda: Agenda = Field(default_factory=Agenda)
    discovery: Discovery = Field(default_factory=Discovery)
    attendees: list[Attendee] = Field(default_factory=list)
    notes: dict[str, str] = Field(default_factory=dict)
    calendar: CalendarEvent | None = None
    debrief: Debrief | None = None

    @field_validator("starts_at", "duration_minutes", mode="before")
    @classmethod
    def _empty(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("starts_at")
    @classmethod
    def _toml_time(cls, value: dt.datetime | None) -> dt.datetime | None:
        return toml_datetime(value)

    @field_validator("schema_version")
    @classmethod
    def _known_schema(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise ValueError(newer_schema(value))
        return value

    @property
    def customer_attendees(self) -> list[Attendee]:
        return [a for a in self.attendees if a.side == "customer" and a.name]

    @property
    def our_attendees(self) -> list[Attendee]:
        return [a for a in self.attendees if a.side == "ours" and a.name]

    @property
    def debriefed(self) -> bool:
        return self.debrief is not None and self.debrief.outcome != ""

    def known_discovery(self) -> Discovery:
        """Discovery as it stands after this call: the plan's answers updated by what was learned."""
        learned = self.debrief.learned if self.debrief else {}
        merged = self.discovery.model_dump()
        merged.update({k: v for k, v in learned.items() if v not in ("", None)})
        return Discovery.model_validate(merged)

    def to_data(self) -> dict[str, Any]:
        """The plan as TOML-ready data: None (unknown) is left out, TOML has no null."""
        data = self.model_dump(mode="python", exclude_none=True)
        # Empty optional bits read back as their defaults; leaving them out keeps files short.
        for key, empty in OPTIONAL_KEYS.items():
            if key in data and data[key] == empty:
                del data[key]
        for person in data.get("attendees", []):
            for key in ("email", "influence", "stance"):
                if person.get(key) == "":
                    del person[key]
            if person.get("aliases") == []:
                del person["aliases"]
        if data.get("debrief", {}).get("risks") == []:
            del data["debrief"]["risks"]
        _drop_empty_sources(data)
        conversation = data.get("debrief", {}).get("conversation")
        if isinstance(conversation, dict):
            for key in ("agenda_covered", "questions_asked"):
                if conversation.get(key) == []:
                    del conversation[key]
        calendar = data.get("calendar")
        if isinstance(calendar, dict):
            for key in ("recurrence_id", "organizer", "account", "event"):
                if calendar.get(key) == "":
                    del calendar[key]
        return data

    def to_json(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", exclude_none=True)
        for person in data.get("attendees", []):
            if person.get("aliases") == []:
                del person["aliases"]  # as in the file: only a renamed person has them
        _drop_empty_sources(data)  # as in the file
        return data


def _drop_empty_sources(data: dict[str, Any]) -> None:
    """Leave out a commitment's empty `source` and `quote`: only a transcript's have them."""
    for commitment in data.get("debrief", {}).get("commitments", []):
        for key in ("source", "quote"):
            if commitment.get(key) == "":
                del commitment[key]
