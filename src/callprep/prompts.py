"""The one seam through which every interview question is asked: questionary in a terminal, a script in tests."""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from callprep import messages
from callprep.errors import CallprepError
from callprep.text import clean
from callprep.text import wrap as text_wrap

# Prompt kinds. `list` answers are lists of strings; `attendees` answers are lists of
# {"name", "role", "side"} dicts; the rest are single values (strings for text-like kinds).
TEXT_KINDS = ("text", "date", "datetime", "deadline", "int")
KINDS = (*TEXT_KINDS, "select", "confirm", "list", "attendees")

Validator = Callable[[str], str | None]


@dataclass(frozen=True)
class Prompt:
    """One question put to the seller. `key` names what it fills (a plan field, or a coach step)."""

    key: str
    kind: str
    message: str
    help: str = ""
    default: Any = None
    choices: tuple[str, ...] = ()
    validate: Validator | None = None
    # A question a terminal asks as several plain ones (the attendees: each person's name, role,
    # side...); a script answers it whole, by its key.
    steps: Callable[[Asker, Prompt], Any] | None = None
    # A text default is the current answer, shown selected: Enter keeps it, typing replaces it,
    # an arrow key (or Home, End) puts the cursor in it to change a word. With `edit_default`
    # it is a draft to edit instead, the cursor after it and typing added to it (an answer the
    # seller is asked to fix rather than retype).
    edit_default: bool = False


class Asker(Protocol):
    def ask(self, prompt: Prompt) -> Any:
        """The seller's answer; raises KeyboardInterrupt on Ctrl-C."""

    def say(self, message: str) -> None:
        """Show a line of coaching (plain text; never interpreted as markup)."""


class UnexpectedQuestion(AssertionError):
    """A scripted interview was asked something its script does not answer."""


@dataclass
class Answers:
    """Several scripted answers to the same question key, given in turn."""

    values: list[Any]


USE_DEFAULT = object()


@dataclass
class ScriptedAsker:
    """Answers from a script: `{key: answer}`; `Answers([...])` for a key asked more than once.

    A question the script does not answer fails the test unless `rest=USE_DEFAULT`.
    An answer that is `KeyboardInterrupt` acts as Ctrl-C at that question.
    """

    script: Mapping[str, Any]
    rest: Any = None
    asked: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    _used: dict[str, int] = field(default_factory=dict)

    def ask(self, prompt: Prompt) -> Any:
        self.asked.append(prompt.key)
        if prompt.key not in self.script:
            if self.rest is USE_DEFAULT:
                return _default_answer(prompt)
            raise UnexpectedQuestion(f"unexpected question {prompt.key!r}: {prompt.message}")
        answer = self.script[prompt.key]
        if isinstance(answer, Answers):
            turn = self._used.get(prompt.key, 0)
            if turn >= len(answer.values):
                raise UnexpectedQuestion(f"question {prompt.key!r} asked more often than scripted")
            self._used[prompt.key] = turn + 1
            answer = answer.values[turn]
        if answer is KeyboardInterrupt or isinstance(answer, KeyboardInterrupt):
            raise KeyboardInterrupt
        if answer is USE_DEFAULT:
            return _default_answer(prompt)
        return answer

    def say(self, message: str) -> None:
        self.said.append(message)


def _default_answer(prompt: Prompt) -> Any:
    if prompt.default is not None:
        return prompt.default
    return {"confirm": False, "list": [], "attendees": []}.get(prompt.kind, "")


class QuestionaryAsker:
    """Asks in a real terminal with questionary; imported only when an interview runs."""

    def __init__(self) -> None:
        import questionary  # heavy (prompt_toolkit): only interviews pay for it

        self.q = questionary
        self.style = questionary.Style(
            [
                ("qmark", "fg:#5f87af bold"),
                ("instruction", "fg:#808080"),
                ("bottom-toolbar", "noreverse fg:#808080"),
            ]
        )

    def say(self, message: str) -> None:
        # questionary.print writes through prompt_toolkit's FormattedText, so the text is literal.
        width = shutil.get_terminal_size((80, 24)).columns
        self.q.print(wrap(message, width), style="fg:#d7875f", file=sys.stderr)

    def ask(self, prompt: Prompt) -> Any:
        if prompt.steps is not None:
            return prompt.steps(self, prompt)
        if prompt.kind == "list":
            return self._ask_list(prompt)
        if prompt.kind == "confirm":
            # Answered on the key press: "y" or "n" needs no Enter after it (Enter alone takes
            # the default), so the prompt never sits there looking frozen.
            return self.q.confirm(
                prompt.message, default=bool(prompt.default), style=self.style, auto_enter=True
            ).unsafe_ask()
        if prompt.kind == "select":
            default = prompt.default if prompt.default in prompt.choices else None
            return self.q.select(
                prompt.message,
                choices=list(prompt.choices),
                default=default,
                instruction=prompt.help or None,
                style=self.style,
            ).unsafe_ask()
        return self._text(
            prompt.message, prompt.help, prompt.default or "", prompt.validate, prompt.edit_default
        )

    def _text(
        self,
        message: str,
        help_text: str,
        default: str,
        validate: Validator | None,
        edit_default: bool = False,
    ) -> str:
        question = text_question(
            self.q, message, help_text, str(default), validate, edit_default, self.style
        )
        return str(question.unsafe_ask())

    def _ask_list(self, prompt: Prompt) -> list[str]:
        items: list[str] = list(prompt.default or [])
        if items:
            self.say(prompt.message)
            for item in items:
                self.say(f"  - {item}")
            keep = self.q.confirm(
                f"Keep these {len(items)}?", default=True, style=self.style
            ).unsafe_ask()
            if not keep:
                items = []
            heading = "Add more (empty line to finish)"
        else:
            heading = f"{prompt.message} (one per line, empty line to finish)"
        first = True
        while True:
            message = heading if first else "…and next (empty line when done)"
            item = self._text(message, prompt.help if first else "", "", None).strip()
            first = False
            if not item:
                return items
            items.append(item)


def text_question(
    q: Any,
    message: str,
    help_text: str,
    default: str,
    validate: Validator | None = None,
    edit_default: bool = False,
    style: Any = None,
) -> Any:
    """A questionary text question; a default in it is selected unless `edit_default`.

    Selected as a rename box selects a name: typing replaces it ("Warehouse manager (name tbc)"
    becomes "Oliver Grant", never "Warehouse manager (name tbc)Oliver Grant"), Backspace clears
    it, Enter keeps it, and an arrow key, Home or End lets go of it with the cursor moved, to
    change a word. prompt_toolkit's shift-selection mode behaves exactly so.
    """

    def check(value: str) -> bool | str:
        if validate is None:
            return True
        problem = validate(value)
        if problem is None:
            return True
        return fitted_problem(problem, value, shutil.get_terminal_size((80, 24)).columns)

    selected = bool(default) and not edit_default
    # The help shows under the question while it is asked, and goes once it is answered,
    # so the transcript reads as questions and answers.
    hint = messages.PROMPT_DEFAULT_SELECTED if selected else ""
    question = q.text(
        message,
        default=default,
        validate=check,
        style=style,
        bottom_toolbar=_toolbar(help_text, hint),
    )
    if selected:
        select_all(question.application.layout.current_buffer)
    return question


def select_all(buffer: Any) -> None:
    """The buffer's text selected, the cursor after it, in shift-selection mode (see above)."""
    buffer.cursor_position = 0
    buffer.start_selection()
    buffer.selection_state.enter_shift_mode()
    buffer.cursor_position = len(buffer.text)


def wrap(message: str, width: int) -> str:
    """Coaching text folded at word boundaries to the terminal's width, bullets hanging.

    A terminal folds a long line mid-word; the coach's advice should read like a paragraph,
    and a `command` in it stays on one line. Control characters a seller typed are removed.
    """
    lines: list[str] = []
    for line in clean(message).split("\n"):
        stripped = line.lstrip(" ")
        indent = " " * (len(line) - len(stripped))
        hang = indent + ("  " if stripped.startswith(("• ", "- ")) else "")
        if line.strip():
            lines += text_wrap(stripped, max(width - 1, 20), indent=indent, hang=hang)
        else:
            lines.append(line)
    return "\n".join(lines)


def fitted_problem(problem: str, value: str, width: int) -> str:
    """Why an answer is refused, on the one line prompt_toolkit shows it on (it cuts the rest).

    The answer is on screen just above, so a message too wide loses its echo of it first
    ("'Thu 15:00 NY': not a date…", "timezone: 'X': not a zone…"); only then is it shortened.
    """
    room = max(width - 1, 20)
    if len(problem) <= room:
        return problem
    for echo in (repr(value), repr(value.strip()), f"'{value.strip()}'"):
        head, sep, rest = problem.partition(f"{echo}: ")
        if sep and (not head or head.endswith(": ")):
            problem = head + rest
            break
    return problem if len(problem) <= room else problem[: room - 1].rstrip() + "…"


def _toolbar(help_text: str, hint: str = "") -> str | None:
    lines = [line for line in (help_text, hint) if line]
    if not lines:
        return None
    width = shutil.get_terminal_size((80, 24)).columns
    return "\n".join(textwrap.indent(wrap(line, width - 2), "  ") for line in lines)


def interactive_asker() -> Asker:
    """The asker for a real session; fails at once (never hangs) when stdin is no terminal."""
    if not has_terminal():
        raise CallprepError(messages.NO_TERMINAL)
    return QuestionaryAsker()


def has_terminal() -> bool:
    """Whether questions can be asked: stdin is a terminal (tests script the answers instead)."""
    return sys.stdin.isatty()
