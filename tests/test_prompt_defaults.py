"""A default offered by the prompt seam is the current answer, selected: typing replaces it, Enter
keeps it, an arrow key edits it; `Prompt.edit_default` makes it a draft to edit instead.

Typed through prompt_toolkit's own input pipe, as a terminal would type it (the real terminal
is tests/test_pty_people.py).
"""

from __future__ import annotations

import pytest

from callprep import messages, prompts
from callprep.prompts import Prompt

questionary = pytest.importorskip("questionary")

LEFT, RIGHT, BACKSPACE, CTRL_U = "\x1b[D", "\x1b[C", "\x7f", "\x15"
PLACEHOLDER = "Warehouse manager (name tbc)"


def typed(keys: str, default: str = PLACEHOLDER, edit_default: bool = False) -> str:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        question = prompts.text_question(
            questionary, "Name", "", default, edit_default=edit_default
        )
        pipe.send_text(keys + "\r")
        return str(question.unsafe_ask())


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        ("Oliver Grant", "Oliver Grant"),  # typing replaces: never "…(name tbc)Oliver Grant"
        ("", PLACEHOLDER),  # Enter keeps it
        (BACKSPACE, ""),  # Backspace clears it
        (RIGHT + " Jr", PLACEHOLDER + " Jr"),  # an arrow key lets go of it, to change a word
        (LEFT * 3 + "X", "Warehouse manager (name tXbc)"),
        (CTRL_U + "Bob", "Bob"),
    ],
)
def test_a_default_is_selected_so_typing_replaces_it(keys: str, answer: str) -> None:
    assert typed(keys) == answer


def test_a_draft_to_edit_is_added_to() -> None:
    """`edit_default`: the text is the seller's draft (an objective the coach refused)."""
    assert typed(" by Friday", "Dana agrees to a pilot", edit_default=True) == (
        "Dana agrees to a pilot by Friday"
    )
    assert Prompt(key="k", kind="text", message="m").edit_default is False


def test_no_default_no_hint() -> None:
    assert typed("Dana", default="") == "Dana"
    assert prompts._toolbar("", "") is None
    shown = prompts._toolbar("e.g. VP Operations", messages.PROMPT_DEFAULT_SELECTED)
    assert shown is not None and shown.splitlines()[1].strip().startswith("Enter keeps it")
