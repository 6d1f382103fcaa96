"""Playbooks: the interview's checklist as data, built in or the seller's own TOML files."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from callprep.errors import CallprepError
from callprep.planfile import parse_toml, validate

QuestionKind = Literal["text", "select", "confirm", "list", "date", "datetime", "int", "attendees"]

# The plan fields a question may fill, with the kind of answer each takes. Any other
# answer goes to `notes.<name>`, which the brief shows.
FIELD_KINDS: dict[str, tuple[str, ...]] = {
    "account": ("text",),
    "opportunity": ("text",),
    "kind": ("select",),
    "starts_at": ("datetime",),
    "duration_minutes": ("int",),
    "attendees": ("attendees",),
    "objective.best": ("text",),
    "objective.minimum": ("text",),
    "objective.customer": ("text",),
    "agenda.items": ("list",),
    "agenda.shared": ("confirm",),
    "agenda.confirmed": ("confirm",),
    "agenda.customer_prep": ("list",),
    "discovery.why_looking": ("text",),
    "discovery.urgency": ("text",),
    "discovery.deadline": ("date",),
    "discovery.consequence": ("text",),
    "discovery.attitude_to_us": ("text",),
    "discovery.competition": ("text",),
    "discovery.decision_process": ("text",),
    "questions": ("list",),
}


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: str
    text: str
    kind: QuestionKind = "text"
    help: str = ""
    section: str = ""
    choices: list[str] = Field(default_factory=list)
    # Ask only when this boolean plan field is true (e.g. "confirmed?" only once shared).
    when: str = ""

    @model_validator(mode="after")
    def _fits_plan(self) -> Question:
        if self.field.startswith("notes."):
            if self.kind != "text" or not self.field[len("notes.") :].isidentifier():
                raise ValueError(f"{self.field}: notes fields are text with a simple name")
            return self
        kinds = FIELD_KINDS.get(self.field)
        if kinds is None:
            raise ValueError(
                f"field {self.field!r} is not a plan field (use notes.<name> for your own)"
            )
        if self.kind not in kinds:
            raise ValueError(f"field {self.field!r} takes kind {kinds[0]!r}, not {self.kind!r}")
        if self.kind == "select" and not self.choices:
            raise ValueError(f"field {self.field!r} is a select with no choices")
        return self


class Playbook(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    title: str = ""
    description: str = ""
    questions: list[Question]

    @model_validator(mode="after")
    def _unique_fields(self) -> Playbook:
        seen: set[str] = set()
        for question in self.questions:
            if question.field in seen:
                raise ValueError(f"field {question.field!r} is asked twice")
            seen.add(question.field)
        if not self.questions:
            raise ValueError("a playbook needs at least one question")
        return self


@dataclass(frozen=True)
class PlaybookSource:
    playbook: Playbook
    origin: str  # "built-in" or the user's file path


DEFAULT_PLAYBOOK = "standard"


def _parse(text: str, source: str) -> Playbook:
    data = parse_toml(text, source)
    data.setdefault("name", Path(source).stem)
    return validate(Playbook, data, source)


def builtin_playbooks() -> dict[str, PlaybookSource]:
    found: dict[str, PlaybookSource] = {}
    folder = resources.files("callprep") / "playbooks"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            playbook = _parse(entry.read_text(encoding="utf-8"), f"built-in {entry.name}")
            found[playbook.name] = PlaybookSource(playbook, "built-in")
    return found


def user_playbook_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def load_user_playbook(path: Path) -> Playbook:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise CallprepError(f"{path}: cannot read playbook ({err})") from err
    return _parse(text, str(path))


def all_playbooks(user_folder: Path) -> tuple[dict[str, PlaybookSource], list[CallprepError]]:
    """Built-in playbooks and the user's own (which may replace one of the same name)."""
    found = builtin_playbooks()
    problems: list[CallprepError] = []
    for path in user_playbook_files(user_folder):
        try:
            playbook = load_user_playbook(path)
        except CallprepError as err:
            problems.append(err)
            continue
        found[playbook.name] = PlaybookSource(playbook, str(path))
    return found, problems


def get_playbook(name: str, user_folder: Path) -> Playbook:
    user_file = user_folder / f"{name}.toml"
    if user_file.is_file():
        return load_user_playbook(user_file)
    found, problems = all_playbooks(user_folder)
    if name in found:
        return found[name].playbook
    for problem in problems:
        if Path(str(problem).split(":", 1)[0]).stem == name:
            raise problem
    names = ", ".join(sorted(found))
    raise CallprepError(f"no playbook {name!r} (available: {names})")
