"""What is ours alone never reaches a page the customer may see: `brief --share` and
`deal --plan`, in every format, whatever the plan says.

Each private field holds a marker (`PRIV<field>Q`) before whatever text hypothesis draws; a
page that shows the field, even cut short to fit, shows its marker.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from callprep.coach import coach
from callprep.deal import carry, deal
from callprep.outreach import customer
from callprep.plans.model import Plan
from callprep.render import brief, html, markdown, pdf, term
from callprep.render import deal as deal_view
from tests.conftest import examples

PRIVATE_FIELDS = (
    "minimum",
    "attitude",
    "competition",
    "note",
    "metrics",
    "summary",
    "risk",
    "offscript",
    "opportunity",
    "reflection",
)
STANCE_WORDS = ("sceptic", "supporter", "neutral")
INFLUENCE_WORDS = ("economic", "technical")


def marker(name: str) -> str:
    return f"PRIV{name}Q"


def calls(texts: dict[str, str], playbook: str = "meddpicc") -> list[Plan]:
    """Two calls on a deal: the first debriefed with every private field; the second ahead."""

    def private(name: str) -> str:
        return f"{marker(name)} {texts.get(name, '')}"

    public = texts.get("public", "")
    first = Plan.model_validate(
        {
            "id": "2026-11-20-acme-discovery",
            "account": "Acme",
            "opportunity": "Fleet",
            "kind": "discovery",
            "playbook": playbook,
            "starts_at": dt.datetime(2026, 11, 20, 15, tzinfo=dt.UTC),
            "objective": {
                "best": f"Dana agrees to a pilot {public}",
                "minimum": private("minimum"),
            },
            "discovery": {
                "attitude_to_us": private("attitude"),
                "competition": private("competition"),
            },
            "notes": {"private": private("note"), "metrics": private("metrics")},
            "attendees": [
                {"name": "Dana Lee", "influence": "economic", "stance": "sceptic"},
                {"name": "Sam Okafor", "side": "ours"},
            ],
            "debrief": {
                "outcome": "none",
                "summary": private("summary"),
                "risks": [private("risk")],
                "off_script": [private("offscript")],
                "new_opportunities": [private("opportunity")],
                "could_have_done_more": private("reflection"),
                "next_step": f"Site visit {public}",
                "stances": [{"name": "Dana Lee", "was": "neutral", "now": "sceptic"}],
                "commitments": [
                    {"who": "customer", "what": f"Send data {public}", "due": dt.date(2026, 12, 1)},
                    {"who": "ours", "what": "Send the security pack"},
                ],
            },
        }
    )
    second = first.model_copy(
        update={
            "id": "2026-12-03-acme-demo",
            "kind": "negotiation",  # red flags, had anything been left unknown
            "starts_at": dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC),
            "debrief": None,
        }
    )
    return [first, second]


def leaks(output: str, plan: Plan | None = None) -> list[str]:
    found = [name for name in PRIVATE_FIELDS if marker(name) in output]
    found += [word for word in (*STANCE_WORDS, *INFLUENCE_WORDS) if word in output.casefold()]
    found += [word for word in ("Readiness", "Still open", "red flag", "/100") if word in output]
    if plan is not None:  # no finding of the coach's, in its own words
        found += [f.code for f in coach.findings(plan) if f.message[:40] in output]
    return found


def shared_outputs(plans: list[Plan]) -> dict[str, str]:
    earlier, current = plans[:-1], plans[-1]
    past = carry.History("Acme", "Fleet", list(earlier))
    view = brief.build(
        current,
        carry.open_commitments(past, dt.date(2026, 12, 2)),
        carry.unanswered(past, current),
        earlier,
        share=True,
        last_time=deal.last_time(earlier),
    )
    buffer = io.StringIO()
    term.render(view, Console(file=buffer, width=100, color_system=None))
    return {
        "md": markdown.render(view),
        "html": html.render(view),
        "term": buffer.getvalue(),
    }


def plan_outputs(plans: list[Plan]) -> dict[str, str]:
    found = deal.Deal("Acme", "Fleet", plans)
    steps = customer.action_plan(
        [customer.of(p) for p in found.plans], found.account, found.opportunity, "Fleetwise"
    )
    buffer = io.StringIO()
    deal_view.render_plan_term(steps, Console(file=buffer, width=100, color_system=None))
    return {
        "md": deal_view.render_plan_markdown(steps, "Fleetwise"),
        "html": deal_view.render_plan_html(steps, "Fleetwise"),
        "term": buffer.getvalue(),
        "json": json.dumps(customer.action_plan_json(steps), ensure_ascii=False),
    }


# Text of any kind, but none that spells a stance or influence by chance.
texts = st.text(max_size=60).filter(
    lambda s: not any(w in s.casefold() for w in (*STANCE_WORDS, *INFLUENCE_WORDS, "priv"))
)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    drawn=st.fixed_dictionaries({name: texts for name in (*PRIVATE_FIELDS, "public")}),
    playbook=st.sampled_from(["standard", "meddpicc", "upfront-contract"]),
)
def test_nothing_private_reaches_a_shared_brief_or_the_action_plan(
    drawn: dict[str, str], playbook: str
) -> None:
    plans = calls(drawn, playbook)
    for fmt, output in shared_outputs(plans).items():
        assert leaks(output, plans[-1]) == [], ("brief --share", fmt)
    for fmt, output in plan_outputs(plans).items():
        assert leaks(output) == [], ("deal --plan", fmt)


def test_the_check_sees_what_it_checks() -> None:
    """The same plan without --share shows every marker the test looks for: it can see leaks."""
    plans = calls({})
    view = brief.build(plans[-1], earlier=plans[:-1], last_time=deal.last_time(plans[:-1]))
    shown = markdown.render(view)
    for name in ("minimum", "attitude", "competition", "note", "metrics", "summary", "risk"):
        assert marker(name) in shown, name
    assert "Readiness" in shown
    story = deal_view.render_markdown(
        deal.story(deal.Deal("Acme", "Fleet", plans), dt.date.today())
    )
    assert "sceptic" in story and marker("risk") in story


def test_a_shared_brief_keeps_what_the_customer_may_see() -> None:
    plans = calls({"public": "agreed"})
    md = shared_outputs(plans)["md"]
    for shown in (
        "Dana agrees to a pilot agreed",
        "Site visit agreed",
        "Send data agreed",
        "Dana Lee",
    ):
        assert shown in md, shown


# --- through the CLI, every format ----------------------------------------------------------


@pytest.fixture
def stored_deal(home: Path) -> str:
    folder = home / "plans"
    folder.mkdir(parents=True)
    for plan in calls({"public": "agreed"}):
        (folder / f"{plan.id}.toml").write_text(tomli_w.dumps(plan.to_data()), encoding="utf-8")
    return "2026-12-03-acme-demo"


@pytest.mark.parametrize("fmt", ["term", "md", "html"])
def test_brief_share_on_the_command_line(cli, stored_deal, fmt) -> None:
    result = cli("brief", stored_deal, "--share", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "Site visit agreed" in result.stdout  # the next step stays
    assert leaks(result.stdout) == []
    assert leaks(cli("brief", stored_deal, "--format", fmt).stdout) != []  # without --share


def test_brief_share_as_pdf_is_one_page_and_private_free(cli, stored_deal, tmp_path) -> None:
    from pypdf import PdfReader

    target = tmp_path / "shared.pdf"
    result = cli("brief", stored_deal, "--share", "--format", "pdf", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(str(target))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Site visit agreed" in text
    assert leaks(text) == [], text


@pytest.mark.parametrize("args", [("--format", "md"), ("--format", "html"), ("--json",), ()])
def test_deal_plan_on_the_command_line(cli, stored_deal, args: tuple[str, ...]) -> None:
    result = cli("deal", stored_deal, "--plan", *args)
    assert result.exit_code == 0, result.stderr
    assert "Send data agreed" in result.stdout
    assert leaks(result.stdout) == []


def test_an_overfull_shared_brief_is_still_one_page() -> None:
    from tests.brief_plans import (
        overfull_commitments,
        overfull_earlier,
        overfull_plan,
        overfull_unanswered,
    )
    from tests.test_brief_page import pdf_text

    earlier = overfull_earlier()
    view = brief.build(
        overfull_plan(),
        overfull_commitments(),
        overfull_unanswered(),
        earlier,
        share=True,
        last_time=deal.last_time(earlier),
    )
    for paper in ("a4", "letter"):
        pages, _ = pdf_text(pdf.render(view, paper))
        assert pages == 1
        assert pdf.fit(view, paper)["fits"] is True
