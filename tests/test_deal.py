"""`callprep deal`: the deal as one story, named by a plan or its account, in every format; and
`--plan`, the mutual action plan for the customer."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from callprep import messages
from callprep.deal import deal
from callprep.outreach import customer
from callprep.plans.model import Plan
from callprep.render import deal as view
from tests.markup import foreign_html, html_parts, live_markdown, markdown_parts
from tests.test_carry import FIRST, debrief_from, new_call
from tests.test_debrief import write_plan

SPEC_KEYS = {
    "account",
    "opportunity",
    "calls",
    "people",
    "missing_influences",
    "open_commitments",
    "risks",
    "unknown",
}

# The deal is told on Wednesday 9 December, between its first call (3 Dec) and its second
# (10 Dec): the first call's commitments, due 5 and 8 December, are past.
pytestmark = pytest.mark.now("2026-12-09T09:00:00+00:00")

FIRST_DEBRIEF = """
[debrief]
outcome = "minimum"
summary = "Dana keen; the warehouse manager sceptical"
next_step = "Pilot scoping call on 10 Dec"
risks = ["Union consultation needed before any automation"]
off_script = ["They also run a cold-chain fleet in Leeds"]
new_opportunities = ["They also run a cold-chain fleet in Leeds"]

[[debrief.commitments]]
who = "customer"
what = "Send utilisation data"
due = 2026-12-08

[[debrief.commitments]]
who = "ours"
what = "Send the security pack"
due = 2026-12-05
done = true

[[debrief.commitments]]
who = "ours"
what = "Draft the pilot plan"
"""


@pytest.fixture
def one_deal(cli, tmp_path: Path, home: Path) -> str:
    """A first call, debriefed, with the placeholder renamed; a second call planned."""
    write_plan(
        home / "plans",
        **{
            "discovery.competition": "",
            "attendees": [
                {"name": "Dana Lee", "role": "VP Operations", "influence": "user"},
                {"name": "Warehouse manager (name tbc)"},
                {"name": "Sam Okafor", "role": "Account executive", "side": "ours"},
            ],
        },
    )
    debrief_from(
        cli,
        tmp_path,
        FIRST,
        FIRST_DEBRIEF + '[[attendees]]\nwas = "Warehouse manager (name tbc)"\nname = "Tom Ellis"\n'
        'stance = "sceptic"\n',
    )
    return new_call(
        cli, "--account", "Acme Logistics", "--kind", "demo", "--when", "2099-12-10 15:00"
    )


def deal_json(cli, *args: str) -> dict[str, Any]:
    result = cli("deal", *args, "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_deal_json_has_the_spec_keys(cli, one_deal: str) -> None:
    data = deal_json(cli, one_deal)
    assert set(data) >= SPEC_KEYS
    assert data["account"] == "Acme Logistics"
    assert data["opportunity"] == "Fleet telematics rollout"
    # The SPEC's keys, and the call's figures from its transcript (null: it had none).
    assert [set(call) for call in data["calls"]] == [
        {"id", "starts_at", "kind", "objective", "outcome", "conversation"}
    ] * 2
    assert [call["conversation"] for call in data["calls"]] == [None, None]
    assert [(c["id"], c["kind"], c["outcome"]) for c in data["calls"]] == [
        (FIRST, "discovery", "minimum"),
        (one_deal, "demo", None),
    ]
    assert data["calls"][0]["objective"].startswith("Dana agrees to a 30-day pilot")
    assert data["calls"][0]["starts_at"] == "2026-12-03T15:00:00-05:00"
    for person in data["people"]:
        assert set(person) >= {
            "name",
            "role",
            "side",
            "email",
            "influence",
            "stance",
            "last_seen",
        }
    people = {p["name"]: p for p in data["people"]}
    # the placeholder is the person named in the debrief; and it is one person
    assert "Warehouse manager (name tbc)" not in people
    assert people["Tom Ellis"]["stance"] == "sceptic"
    assert people["Tom Ellis"]["last_seen"] == "2026-12-03"
    assert people["Dana Lee"]["influence"] == "user"
    assert [p["side"] for p in data["people"]] == ["customer", "customer", "ours"]
    # nobody holds the budget: the first missing influence
    assert data["missing_influences"] == ["economic", "technical", "coach"]
    commitments = {c["what"]: c for c in data["open_commitments"]}
    assert set(commitments) == {"Send utilisation data", "Draft the pilot plan"}
    assert commitments["Send utilisation data"] == {
        "id": FIRST,
        "who": "customer",
        "what": "Send utilisation data",
        "due": "2026-12-08",
        "overdue": True,
    }
    assert commitments["Draft the pilot plan"]["overdue"] is False
    assert data["risks"] == ["Union consultation needed before any automation"]
    assert data["unknown"] == ["competition"]
    assert data["new_opportunities"] == ["They also run a cold-chain fleet in Leeds"]
    assert data["next_step"] == "Pilot scoping call on 10 Dec"


@pytest.mark.parametrize("ref", ["acme logistics", "ACME", "Acme Log", FIRST, "2026-12-03"])
def test_a_deal_is_named_by_any_plan_of_it_or_by_its_account(cli, one_deal, ref) -> None:
    data = deal_json(cli, ref)
    assert [c["id"] for c in data["calls"]] == [FIRST, one_deal]


def test_a_plan_file_outside_the_store_names_its_deal(cli, one_deal, home, tmp_path) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_bytes((home / "plans" / f"{FIRST}.toml").read_bytes())
    data = deal_json(cli, str(outside))
    assert len(data["calls"]) == 2


def test_an_account_with_several_deals_needs_opportunity(cli, one_deal) -> None:
    new_call(cli, "--account", "Acme Logistics", "--opportunity", "Cold chain", "--kind", "demo")
    result = cli("deal", "acme")
    assert result.exit_code == 1
    assert "Acme Logistics has 2 deals" in result.stderr and "--opportunity" in result.stderr
    cold = deal_json(cli, "acme", "--opportunity", "COLD CHAIN")
    assert cold["opportunity"] == "Cold chain"
    assert len(cold["calls"]) == 1
    fleet = deal_json(cli, FIRST)  # a plan names its own deal
    assert len(fleet["calls"]) == 2
    wrong = cli("deal", "acme", "--opportunity", "Nope")
    assert wrong.exit_code == 1 and "no deal 'Nope'" in wrong.stderr


def test_an_ambiguous_or_unknown_account_is_one_clear_line(cli, one_deal) -> None:
    new_call(cli, "--account", "Acme Foods", "--kind", "demo")
    ambiguous = cli("deal", "acme")
    assert ambiguous.exit_code == 1
    assert "several accounts" in ambiguous.stderr
    assert "Acme Foods" in ambiguous.stderr and "Acme Logistics" in ambiguous.stderr
    unknown = cli("deal", "globex")
    assert unknown.exit_code == 1
    assert unknown.stderr.strip() == "callprep: " + messages.DEAL_NOT_FOUND.format(ref="globex")


def test_the_economic_buyer_met_on_an_earlier_call_counts(cli, tmp_path, home) -> None:
    write_plan(home / "plans")  # Priya Shah, CFO, influence economic
    debrief_from(cli, tmp_path, FIRST, '[debrief]\noutcome = "best"\n')
    second = new_call(cli, "--account", "Acme Logistics", "--kind", "proposal")
    data = deal_json(cli, second)
    assert "economic" not in data["missing_influences"]
    codes = [f["code"] for f in json.loads(cli("check", second, "--json").stdout)["findings"]]
    assert "deal.economic_unknown" not in codes


@pytest.mark.parametrize("fmt", ["term", "md", "html"])
def test_every_format_tells_the_story(cli, one_deal, fmt, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    result = cli("deal", one_deal, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    if fmt == "html":
        text = " ".join("".join(html_parts(text).text).split())
    for expected in (
        "Acme Logistics",
        "Tom Ellis",
        "sceptic",
        "Send utilisation data",
        "Union consultation needed before any automation",
        "They also run a cold-chain fleet in Leeds",
        "Pilot scoping call on 10 Dec",
        "Competition",
        messages.DEAL_MISSING_ECONOMIC.split(":")[0].split("(")[0].strip(),
        messages.DEAL_OUTCOMES["minimum"],
        messages.DEAL_AHEAD,
    ):
        assert expected in text, (fmt, expected)
    assert messages.BRIEF_OVERDUE.upper() in text.upper()
    if fmt == "md":  # a space before the date, as in every other format
        assert "Send utilisation data (by 8 Dec 2026)" in text


def test_deal_html_and_markdown_go_to_a_file(cli, one_deal, tmp_path) -> None:
    target = tmp_path / "deal.html"
    result = cli("deal", one_deal, "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert cli("deal", one_deal, "-o", str(tmp_path / "x.txt")).exit_code == 1  # term: no file


# --- seller's text is text -------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) `code` **b** \x1b[31mred"


def hostile_deal() -> deal.Deal:
    plan = Plan.model_validate(
        {
            "id": "2026-12-03-hostile",
            "account": HOSTILE,
            "opportunity": HOSTILE,
            "kind": "demo",
            "starts_at": dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC),
            "objective": {"best": HOSTILE},
            "attendees": [{"name": HOSTILE, "role": HOSTILE}],
            "debrief": {
                "outcome": "none",
                "risks": [HOSTILE],
                "next_step": HOSTILE,
                "new_opportunities": [HOSTILE],
                "off_script": [HOSTILE],
                "commitments": [{"who": "customer", "what": HOSTILE, "owner": HOSTILE}],
            },
        }
    )
    return deal.Deal(plan.account, plan.opportunity, [plan])


def test_no_text_of_the_deal_becomes_markup() -> None:
    found = hostile_deal()
    story = deal.story(found, dt.date(2026, 12, 20))
    steps = customer.action_plan(
        [customer.of(p) for p in found.plans], found.account, found.opportunity, HOSTILE
    )
    for document in (view.render_html(story), view.render_plan_html(steps, HOSTILE)):
        assert foreign_html(document) == []
        assert "alert(1)" in "".join(html_parts(document).text)
    for source in (view.render_markdown(story), view.render_plan_markdown(steps, HOSTILE)):
        assert live_markdown(source) == []
        assert "script" not in markdown_parts(source).tags
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None)
    view.render_term(story, console)
    view.render_plan_term(steps, console, HOSTILE)
    assert "\x1b" not in buffer.getvalue()
    assert "**b**" in buffer.getvalue()


# --- the mutual action plan --------------------------------------------------------------------


def test_the_action_plan_lists_both_sides_steps_in_date_order(cli, one_deal) -> None:
    data = json.loads(cli("deal", one_deal, "--plan", "--json").stdout)
    assert [(s["what"], s["owner"], s["due"], s["done"]) for s in data["steps"]] == [
        ("Send the security pack", "Sam Okafor", "2026-12-05", True),
        ("Send utilisation data", "Acme Logistics", "2026-12-08", False),
        ("Draft the pilot plan", "Sam Okafor", None, False),
    ]
    assert data["next_step"] == "Pilot scoping call on 10 Dec"
    md = cli("deal", one_deal, "--plan", "--format", "md").stdout
    assert md.startswith(f"# {messages.MAP_TITLE}: Acme Logistics · Fleet telematics rollout")
    done = next(line for line in md.splitlines() if "Send the security pack" in line)
    assert messages.MAP_DONE in done
    assert md.index("Send the security pack") < md.index("Send utilisation data")
    assert "Tom Ellis" in md  # who is who


def test_our_steps_are_owned_by_our_company_when_the_profile_names_it(cli, one_deal) -> None:
    assert cli("profile", "set", "company", "Fleetwise").exit_code == 0
    data = json.loads(cli("deal", one_deal, "--plan", "--json").stdout)
    assert {s["owner"] for s in data["steps"]} == {"Fleetwise", "Acme Logistics"}
    md = cli("deal", one_deal, "--plan", "--format", "md").stdout
    assert "**Fleetwise:** Sam Okafor (Account executive)" in md


def test_a_commitment_may_name_its_owner() -> None:
    found = hostile_deal()
    plan = found.plans[0]
    assert plan.debrief is not None
    commitment = plan.debrief.commitments[0].model_copy(update={"owner": "Tom Ellis"})
    debrief = plan.debrief.model_copy(update={"commitments": [commitment]})
    agreed = customer.of(plan.model_copy(update={"debrief": debrief})).agreed[0]
    assert customer.owner(agreed, "Acme", "Fleetwise") == "Tom Ellis"


PRIVATE = {
    "minimum": "Dana introduces us to the IT lead before 10 Dec",
    "summary": "Dana keen; the warehouse manager sceptical",
    "risk": "Union consultation needed before any automation",
    "off-script": "They also run a cold-chain fleet in Leeds",
    "view of us": "Liked our cold-chain case study",
    "stance": "sceptic",
    "influence": "economic",
}


@pytest.mark.parametrize("fmt", ["term", "md", "html"])
def test_the_action_plan_leaves_out_what_is_ours_alone(cli, one_deal, fmt) -> None:
    result = cli("deal", one_deal, "--plan", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    for what, text in PRIVATE.items():
        assert text not in result.stdout, what
    for heading in ("Readiness", "Still open", messages.DEAL_HEADINGS["risks"]):
        assert heading not in result.stdout


def test_a_cancelled_call_is_in_the_story_but_nobody_attended_it() -> None:
    plan = Plan.model_validate(
        {
            "id": "2026-11-03-acme-demo",
            "account": "Acme",
            "kind": "demo",
            "starts_at": dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC),
            "cancelled": True,
            "attendees": [{"name": "Dana Lee"}],
        }
    )
    story = deal.story(deal.Deal("Acme", "", [plan]), dt.date(2026, 11, 29))
    assert view.call_rows(story)[0][3] == messages.DEAL_CANCELLED
    assert story.people[0].last_seen is None
