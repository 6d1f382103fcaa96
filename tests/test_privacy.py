"""Nothing of a plan reaches the customer unless the customer view names it.

`outreach.customer.SHARED` (and `READ`, what the view decides by without showing it) name the
plan fields every customer-facing output is built from. This test walks the plan model (every
field of every table, so a field added to the plan later is covered without touching this
file), puts a marker (`PRIV<field>Q`) in every text field outside those names and in an unknown
key of every table (as a newer callprep's field would be), sets the fields that are not text
(stance, influence, engagement ...), and runs every customer-facing command in every format:
the agenda message (short and long, text and Markdown), its invite (a meeting of our own and
an imported one), the follow-up (text and Markdown) and its invite, `deal --plan` (terminal,
Markdown, HTML, JSON) and `brief --share` (terminal, Markdown, HTML, PDF). No output shows a
marker, a stance or an influence; each shows what the customer should see.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from rich.console import Console

from callprep.deal import deal
from callprep.outreach import agenda, customer, followup, shared
from callprep.plans.model import DISCOVERY_TEXT_KEYS, Plan
from callprep.render import brief, markdown
from callprep.render import deal as deal_view
from callprep.render import shared as shared_view
from tests.conftest import examples

STANCE_WORDS = ("sceptic", "supporter", "neutral")
INFLUENCE_WORDS = ("economic", "technical")

# What the fields the view reads hold here: a plausible call, so every output has its say.
HELD = dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC)
AHEAD = dt.datetime(2026, 12, 10, 15, tzinfo=dt.UTC)
EVENT = "\r\n".join(
    [
        "BEGIN:VEVENT",
        "UID:4c1e0d9a-7f2b-4e51-9a0c-2b8d6f3e1a77",
        "DTSTAMP:20261125T100000Z",
        "SEQUENCE:1",
        "DTSTART;TZID=America/New_York:20261210T100000",
        "DTEND;TZID=America/New_York:20261210T104500",
        "SUMMARY:Acme Logistics: pilot scoping",
        "LOCATION:Microsoft Teams Meeting",
        "STATUS:CONFIRMED",
        "DESCRIPTION:Scoping the pilot.\\nJoin: https://teams.microsoft.com/l/meetup-join/19%3a1",
        "ORGANIZER;CN=Sam Okafor:mailto:sam@ourco.example",
        "ATTENDEE;CN=Dana Lee;PARTSTAT=ACCEPTED:mailto:dana.lee@acme.example",
        "END:VEVENT",
    ]
)
VALUES: dict[str, Any] = {
    "schema_version": 1,
    "account": "Acme Logistics",
    "opportunity": "Fleet telematics rollout",
    "kind": "discovery",
    "starts_at": HELD,
    "timezone": "America/New_York",
    "duration_minutes": 45,
    "cancelled": False,
    "playbook": "upfront-contract",
    "objective.customer": "See whether we integrate with their dispatch system",
    "agenda.items": ["Their goals for the rollout", "Next steps"],
    "agenda.shared": True,
    "agenda.confirmed": True,
    "agenda.customer_prep": ["Fleet utilisation numbers"],
    "notes.purpose": "Decide whether a pilot makes sense",
    "attendees.name": "Dana Lee",
    "attendees.role": "VP Operations",
    "attendees.side": "customer",
    "attendees.email": "dana.lee@acme.example",
    "attendees.aliases": ["Operations lead (name tbc)"],
    "attendees.influence": "economic",
    "attendees.stance": "sceptic",
    "debrief.held_at": HELD,
    "debrief.outcome": "minimum",
    "debrief.customer_objective_met": True,
    "debrief.customer_prepared": True,
    "debrief.engagement": 4,
    "debrief.next_step": "Pilot kickoff on 12 Jan 2027 10:00",
    "debrief.commitments.who": "customer",
    "debrief.commitments.what": "Send the fleet utilisation numbers",
    "debrief.commitments.due": dt.date(2026, 12, 8),
    "debrief.commitments.done": False,
    "debrief.commitments.owner": "Dana Lee",
    "calendar.uid": "4c1e0d9a-7f2b-4e51-9a0c-2b8d6f3e1a77",
    "calendar.recurrence_id": "",
    "calendar.sequence": 1,
    "calendar.organizer": "sam@ourco.example",
    "calendar.event": EVENT,
}
# The customer view's own fields and the ones it decides by: every other gets a marker.
VIEW = customer.SHARED | customer.READ
# Fields of the tables that are not text, outside the view: set, and checked by their words.
NOT_TEXT = {"schema_version", "cancelled", "agenda.shared", "attendees.influence"}


# A field that holds only a number (the transcript's figures) is set to one, not marked.
NUMBERS = {int, float}


def marker(path: str) -> str:
    return f"PRIV{path.replace('.', '')}Q"


def _args(annotation: Any) -> tuple[Any, ...]:
    return tuple(a for a in typing.get_args(annotation) if a is not type(None))


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def filled(model: type[BaseModel], path: str = "") -> dict[str, Any]:
    """Data for every field of `model`: a field of the view holds its plausible value, any
    other text its marker, and an unknown key of the table a marker too."""
    data: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        here = f"{path}.{name}" if path else name
        annotation = field.annotation
        options = _args(annotation) if isinstance(annotation, types.UnionType) else ()
        inner = next((a for a in options if _is_model(a)), None)
        if _is_model(annotation) or inner is not None:
            data[name] = filled(inner or annotation, here)
        elif typing.get_origin(annotation) is list and _is_model(_args(annotation)[0]):
            data[name] = [filled(_args(annotation)[0], here)]
        elif here in VALUES and (here in VIEW or here in NOT_TEXT or here in STATES):
            data[name] = VALUES[here]
        elif set(options or (annotation,)) <= NUMBERS:  # a figure: no marker can show it
            data[name] = 1
        elif set(options or (annotation,)) <= {dt.datetime}:  # a time: no marker either
            data[name] = HELD
        elif typing.get_origin(annotation) is dict:
            data[name] = {key: marker(f"{here}.{key}") for key in _DICT_KEYS.get(here, ("x",))}
        elif typing.get_origin(annotation) is list:
            data[name] = [marker(here)]
        else:  # text, or text in a union (a deadline in words)
            data[name] = marker(here)
        if here in VALUES and here in VIEW and typing.get_origin(annotation) is dict:
            data[name] = VALUES[here]
    data[f"x_{path.replace('.', '_') or 'plan'}"] = marker(f"{path}.unknown")
    return data


# Text fields not known by a value but by a closed set of words, never shown: set and checked.
STATES = {"attendees.stance", "debrief.engagement", "debrief.customer_prepared"}
_DICT_KEYS = {"notes": ("private", "metrics"), "debrief.learned": DISCOVERY_TEXT_KEYS}


def calls(imported: bool = True, playbook: str = "upfront-contract") -> list[Plan]:
    """A deal of two calls, every field filled: the first held and debriefed, the second ahead
    (an imported meeting, or one of our own)."""
    data = filled(Plan)
    data["notes"]["purpose"] = VALUES["notes.purpose"]
    data["debrief"]["commitments"][0]["owner"] = VALUES["debrief.commitments.owner"]
    data["playbook"] = playbook
    ours = {**data["attendees"][0], "name": "Sam Okafor", "role": "Account executive"}
    ours |= {"side": "ours", "email": "sam@ourco.example", "aliases": []}
    data["attendees"].append(ours)
    first = Plan.model_validate({**data, "id": marker("id"), "calendar": None})
    second = Plan.model_validate(
        {
            **data,
            "id": marker("id") + "-next",
            "starts_at": AHEAD,
            "debrief": None,
            "calendar": data["calendar"] if imported else None,
        }
    )
    return [first, second]


def leaks(output: str) -> list[str]:
    """Markers, stances and influences in `output` (an invite unfolded first)."""
    text = re.sub(r"\r?\n[ \t]", "", output)
    found = re.findall(r"PRIV\w*?Q", text)
    found += [word for word in (*STANCE_WORDS, *INFLUENCE_WORDS) if word in text.casefold()]
    return found


# --- through the command line: every customer-facing command, every format ---------------------

PROFILE = {"name": "Sam Okafor", "email": "sam@ourco.example", "company": "Fleetwise"}


@pytest.fixture
def stored_deal(home: Path) -> Callable[..., list[str]]:
    """The deal's two plans in the store, as paths (their ids are markers, as any field)."""

    def store(**options: Any) -> list[str]:
        folder = home / "plans"
        folder.mkdir(parents=True, exist_ok=True)
        (home / "profile.toml").write_text(
            tomli_w.dumps({**PROFILE, "timezone": "Europe/London"}), encoding="utf-8"
        )
        paths = []
        for name, plan in zip(("held", "ahead"), calls(**options), strict=True):
            path = folder / f"2026-12-{'03' if name == 'held' else '10'}-acme-{name}.toml"
            path.write_text(tomli_w.dumps(plan.to_data()), encoding="utf-8")
            paths.append(str(path))
        return paths

    return store


def outputs(cli: Any, tmp_path: Path, held: str, ahead: str) -> dict[str, str]:
    """Every customer-facing output of the deal, by command and format."""
    from pypdf import PdfReader

    found: dict[str, str] = {}

    def run(name: str, *args: str, file: Path | None = None) -> None:
        result = cli(*args)
        assert result.exit_code == 0, (name, result.stderr)
        found[name] = file.read_text(encoding="utf-8") if file is not None else result.stdout

    for fmt in ("text", "md"):
        run(f"agenda {fmt}", "agenda", ahead, "--format", fmt)
        run(f"agenda --long {fmt}", "agenda", ahead, "--long", "--format", fmt)
        run(f"followup {fmt}", "followup", held, "--format", fmt)
    invite, following = tmp_path / "invite.ics", tmp_path / "next.ics"
    run("agenda --ics", "agenda", ahead, "--ics", str(invite), file=invite)
    run("followup --ics", "followup", held, "--ics", str(following), file=following)
    for fmt in ("term", "md", "html"):
        run(f"deal --plan {fmt}", "deal", ahead, "--plan", "--format", fmt)
        run(f"brief --share {fmt}", "brief", ahead, "--share", "--format", fmt)
    run("deal --plan json", "deal", ahead, "--plan", "--json")
    page = tmp_path / "shared.pdf"
    result = cli("brief", ahead, "--share", "--format", "pdf", "-o", str(page))
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(str(page))
    assert len(reader.pages) == 1
    found["brief --share pdf"] = " ".join(reader.pages[0].extract_text().split())
    return found


@pytest.mark.parametrize("imported", [True, False], ids=["imported", "own"])
def test_no_field_outside_the_view_reaches_the_customer(
    cli, home: Path, tmp_path: Path, stored_deal: Callable[..., list[str]], imported: bool
) -> None:
    held, ahead = stored_deal(imported=imported)
    found = outputs(cli, tmp_path, held, ahead)
    assert len(found) == 16
    for name, text in found.items():
        assert leaks(text) == [], name
    found = {name: re.sub(r"\r?\n[ \t]", "", text) for name, text in found.items()}
    # ... and each says what the customer should see.
    for name in ("agenda text", "agenda --long md", "agenda --ics", "brief --share pdf"):
        assert "Your goals for the rollout" in found[name], name
    for name in ("followup text", "followup md", "deal --plan term", "brief --share html"):
        assert "Send the fleet utilisation numbers" in found[name], name
    assert "Pilot kickoff on 12 Jan 2027 10:00" in found["brief --share md"]
    if imported:  # the meeting as the calendar gave it, agenda added
        assert "Join: https://teams.microsoft.com/l/meetup-join/19%3a1" in found["agenda --ics"]


def test_the_check_sees_what_it_checks(cli, stored_deal: Callable[..., list[str]]) -> None:
    """The brief, which is ours, shows the markers this test looks for: it can see a leak."""
    _, ahead = stored_deal()
    shown = leaks(cli("brief", ahead, "--format", "md").stdout)
    for path in ("objective.best", "objective.minimum", "discovery.competition", "questions"):
        assert marker(path) in shown, path


def test_every_field_of_the_plan_is_in_the_view_or_marked() -> None:
    """The walk covers the model as it is: a field added later is marked without a word here."""
    text = json.dumps([plan.model_dump(mode="json") for plan in calls()])
    for name in Plan.model_fields:
        if name not in VIEW and name not in NOT_TEXT and name not in ("debrief", "calendar"):
            if name in ("objective", "agenda", "discovery", "attendees", "notes"):
                continue
            assert marker(name) in text, name
    assert marker("debrief.summary") in text and marker("calendar.source") in text
    assert marker("debrief.commitments.unknown") in text  # an unknown key of a table


# --- the pure views, with any text beside the markers ------------------------------------------

texts = st.text(max_size=40).filter(
    lambda s: not any(w in s.casefold() for w in (*STANCE_WORDS, *INFLUENCE_WORDS, "priv"))
)


def pure_outputs(plans: list[Plan]) -> list[str]:
    held, ahead = (customer.of(plan) for plan in plans)
    out = [
        agenda.message_for(ahead, fmt, profile=None, long=long)[0]
        for fmt in ("text", "md")
        for long in (False, True)
    ]
    out += [followup.message_for(held, fmt, "p", None)[0] for fmt in ("text", "md")]
    page = shared.build(ahead, [held])
    buffer = io.StringIO()
    shared_view.render_term(page, Console(file=buffer, width=100, color_system=None))
    out += [buffer.getvalue(), shared_view.render_markdown(page), shared_view.render_html(page)]
    steps = customer.action_plan([held, ahead], "Acme Logistics", "Fleet", "Fleetwise")
    out += [deal_view.render_plan_markdown(steps, "Fleetwise")]
    out += [json.dumps(customer.action_plan_json(steps))]
    return out


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=texts, playbook=st.sampled_from(["standard", "meddpicc", "upfront-contract"]))
def test_any_text_beside_the_markers_changes_nothing(drawn: str, playbook: str) -> None:
    plans = calls(playbook=playbook)
    noisy = [
        Plan.model_validate(
            json.loads(
                json.dumps(plan.model_dump(mode="json")).replace(
                    'Q"', f'Q {json.dumps(drawn)[1:-1]}"'
                )
            )
        )
        for plan in plans
    ]
    for text in pure_outputs(noisy):
        assert leaks(text) == []


def test_the_brief_and_its_story_are_ours() -> None:
    """Without --share the brief and the deal's story show what is ours: the markers."""
    plans = calls()
    shown = markdown.render(brief.build(plans[-1], earlier=plans[:-1]))
    assert marker("objective.minimum") in shown and "Readiness" in shown
    story = deal_view.render_markdown(
        deal.story(deal.Deal("Acme", "", plans), dt.date(2026, 12, 4))
    )
    assert marker("debrief.summary") in story or marker("debrief.risks") in story
    assert "sceptic" in story
