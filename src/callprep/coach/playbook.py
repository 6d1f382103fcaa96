"""Playbooks: the interview's checklist as data, built in or the seller's own TOML files."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from callprep import messages
from callprep.errors import CallprepError
from callprep.files import read_text
from callprep.plans.planfile import parse_toml

QuestionKind = Literal[
    "text", "select", "confirm", "list", "date", "datetime", "deadline", "int", "attendees"
]

# The plan fields a question may fill, with the kind of answer each takes. Any other
# answer goes to `notes.<name>`, which the brief shows.
FIELD_KINDS: dict[str, str] = {
    "account": "text",
    "opportunity": "text",
    "kind": "select",
    "starts_at": "datetime",
    "duration_minutes": "int",
    "attendees": "attendees",
    "objective.best": "text",
    "objective.minimum": "text",
    "objective.customer": "text",
    "agenda.items": "list",
    "agenda.shared": "confirm",
    "agenda.confirmed": "confirm",
    "agenda.customer_prep": "list",
    "discovery.why_looking": "text",
    "discovery.urgency": "text",
    "discovery.deadline": "deadline",
    "discovery.consequence": "text",
    "discovery.attitude_to_us": "text",
    "discovery.competition": "text",
    "discovery.decision_process": "text",
    "questions": "list",
}

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
NOTE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: str
    text: str
    kind: QuestionKind = "text"
    help: str = ""
    section: str = ""
    choices: list[str] = Field(default_factory=list)
    # Ask only when this yes/no plan field is true (e.g. "confirmed?" only once shared).
    when: str = ""

    @field_validator("text")
    @classmethod
    def _has_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(messages.PLAYBOOK_NO_TEXT)
        return value.strip()

    @model_validator(mode="after")
    def _fits_plan(self) -> Question:
        if self.field.startswith("notes."):
            if not NOTE_NAME.match(self.field.removeprefix("notes.")):
                raise ValueError(messages.PLAYBOOK_NOTE_NAME.format(field=self.field))
            if self.kind != "text":
                raise ValueError(messages.PLAYBOOK_NOTE_KIND.format(field=self.field))
        else:
            kind = FIELD_KINDS.get(self.field)
            if kind == "deadline" and self.kind == "date":
                self.kind = "deadline"  # a playbook written before a deadline could be words
            if kind is None:
                close = difflib.get_close_matches(self.field, FIELD_KINDS, n=1)
                hint = (
                    messages.PLAYBOOK_DID_YOU_MEAN.format(match=close[0])
                    if close
                    else messages.PLAYBOOK_FIELDS
                )
                raise ValueError(
                    messages.PLAYBOOK_UNKNOWN_FIELD.format(field=self.field, hint=hint)
                )
            if self.kind != kind:
                raise ValueError(
                    messages.PLAYBOOK_WRONG_KIND.format(field=self.field, want=kind, got=self.kind)
                )
        if self.kind == "select" and not self.choices:
            raise ValueError(messages.PLAYBOOK_NO_CHOICES.format(field=self.field))
        if self.choices and self.kind != "select":
            raise ValueError(messages.PLAYBOOK_CHOICES_UNUSED.format(field=self.field))
        if self.when and FIELD_KINDS.get(self.when) != "confirm":
            raise ValueError(messages.PLAYBOOK_BAD_WHEN.format(when=self.when))
        return self


class Playbook(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    title: str = ""
    description: str = ""
    questions: list[Question]

    @field_validator("name")
    @classmethod
    def _simple_name(cls, value: str) -> str:
        if not NAME.match(value):
            raise ValueError(messages.PLAYBOOK_NAME.format(name=value))
        return value

    @model_validator(mode="after")
    def _unique_fields(self) -> Playbook:
        if not self.questions:
            raise ValueError(messages.PLAYBOOK_EMPTY)
        seen: set[str] = set()
        for question in self.questions:
            if question.field in seen:
                raise ValueError(messages.PLAYBOOK_TWICE.format(field=question.field))
            seen.add(question.field)
        return self


@dataclass(frozen=True)
class PlaybookSource:
    playbook: Playbook
    origin: str  # "built-in" or the user's file path
    replaces_builtin: bool = False


DEFAULT_PLAYBOOK = "standard"


def _where(loc: tuple[int | str, ...], data: dict[str, Any]) -> str:
    """A pydantic location in the seller's terms: `question 3 (notes.x), kind`."""
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        questions = data.get("questions")
        field = ""
        if isinstance(questions, list) and loc[1] < len(questions):
            entry = questions[loc[1]]
            field = str(entry.get("field", "")) if isinstance(entry, dict) else ""
        where = f"question {loc[1] + 1}" + (f" ({field})" if field else "")
        rest = [str(part) for part in loc[2:]]
        return ", ".join([where, *rest])
    return ".".join(str(part) for part in loc) or "the file"


def _problem(err: ValidationError, data: dict[str, Any]) -> str:
    first = err.errors()[0]
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        in_question = first["loc"][0] == "questions"
        message = (
            messages.PLAYBOOK_UNKNOWN_QUESTION_KEY if in_question else messages.PLAYBOOK_UNKNOWN_KEY
        )
    elif first["type"] == "missing":
        message = messages.PLAYBOOK_MISSING_KEY
    return f"{_where(tuple(first['loc']), data)}: {message}"


def parse_playbook(text: str, source: str) -> Playbook:
    """A playbook from TOML text; errors name the source, the question and the problem."""
    data = parse_toml(text, source)
    data.setdefault("name", Path(source).stem)
    try:
        return Playbook.model_validate(data)
    except ValidationError as err:
        raise CallprepError(f"{source}: {_problem(err, data)}") from err


def builtin_playbooks() -> dict[str, PlaybookSource]:
    found: dict[str, PlaybookSource] = {}
    folder = resources.files("callprep.coach") / "playbooks"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            text = entry.read_text(encoding="utf-8")
            playbook = parse_playbook(text, f"built-in {entry.name}")
            found[playbook.name] = PlaybookSource(playbook, "built-in")
    return found


def user_playbook_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def load_user_playbook(path: Path) -> Playbook:
    return parse_playbook(read_text(path), str(path))


@dataclass(frozen=True)
class Problem:
    path: Path
    error: CallprepError


def all_playbooks(user_folder: Path) -> tuple[dict[str, PlaybookSource], list[Problem]]:
    """Built-in playbooks and the user's own (which may replace one of the same name)."""
    found = builtin_playbooks()
    problems: list[Problem] = []
    for path in user_playbook_files(user_folder):
        try:
            playbook = load_user_playbook(path)
        except CallprepError as err:
            problems.append(Problem(path, err))
            continue
        replaces = found.get(playbook.name, None)
        if replaces is not None and replaces.origin != "built-in":
            message = messages.PLAYBOOK_NAME_TAKEN.format(name=playbook.name, other=replaces.origin)
            problems.append(Problem(path, CallprepError(f"{path}: {message}")))
            continue
        found[playbook.name] = PlaybookSource(playbook, str(path), replaces is not None)
    return found, problems


def playbook_names(user_folder: Path) -> list[str]:
    """The names of the playbooks to choose from: the built-in ones and the seller's own."""
    found, _ = all_playbooks(user_folder)
    return list(found)


def get_playbook(name: str, user_folder: Path) -> Playbook:
    """The playbook called `name`; a broken file of that name is reported, not skipped."""
    found, problems = all_playbooks(user_folder)
    for problem in problems:
        if problem.path.stem == name:
            raise problem.error
    if name in found:
        return found[name].playbook
    names = ", ".join(sorted(found))
    message = messages.PLAYBOOK_UNKNOWN.format(name=name, names=names)
    if problems:
        message += messages.PLAYBOOK_SOME_BROKEN.format(count=len(problems))
    raise CallprepError(message)
