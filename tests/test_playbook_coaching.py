"""Each built-in playbook coaches in its own way (issue 14): the same gaps, different questions.

Standard asks plain discovery questions; MEDDPICC asks for each element by name (a hedged note
is still unknown); the up-front contract asks their agenda first, agrees the outcome in advance
and puts the opener on the brief. At a negotiation an unknown basic is a red flag.
"""

from __future__ import annotations

import io
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from rich.console import Console

from callprep import messages
from callprep.coach import coach
from callprep.plans.model import Plan
from callprep.render import brief, html, markdown, page, pdf, term
from callprep.render.check import render as render_check
from tests.brief_plans import LONG, overfull_commitments, overfull_plan, overfull_unanswered
from tests.markup import foreign_html, html_parts, live_markdown, markdown_parts

PLAYBOOKS = ("standard", "meddpicc", "upfront-contract")

# One call with gaps: the pain is unknown, so are the competition and how they decide; the
# economic buyer is only a guess. The seller knows the urgency, the deadline and their view of us.
GAPS = """
schema_version = 1
id = "2027-01-12-northwind-foods-discovery"
account = "Northwind Foods"
opportunity = "Cold-chain monitoring"
kind = "discovery"
starts_at = 2027-01-12T10:00:00+00:00
duration_minutes = 30
questions = ["Which sites have had a spoilage incident this year?"]

[objective]
best = "Helen books a site visit at the Leeds depot for next week"
minimum = "Helen sends us last year's spoilage figures by Friday"
customer = ""

[agenda]
items = ["Their cold-chain today", "How we monitor it", "Next step"]
shared = true
confirmed = true
customer_prep = ["Spoilage figures for 2026"]

[discovery]
urgency = "Audit by the food standards agency in April"
deadline = 2027-04-01
attitude_to_us = "Heard of us from a peer at Dairy Co"
consequence = "Not sure yet"

[notes]
economic_buyer = "Not sure, maybe the finance director"
metrics = "Spoilage write-offs down from 2% to under 1%"

[[attendees]]
name = "Helen Park"
role = "Head of logistics"
side = "customer"

[[attendees]]
name = "Sam Okafor"
role = "Account executive"
side = "ours"
"""


def plan_with(playbook: str, **changes: Any) -> Plan:
    data = tomllib.loads(GAPS)
    data["playbook"] = playbook
    data.update(changes)
    return Plan.model_validate(data)


def questions(plan: Plan) -> list[str]:
    return coach.suggested_questions(coach.findings(plan), plan)


# --- the same gaps, three ways to coach them ------------------------------------------------


def test_the_three_playbooks_ask_different_questions_for_the_same_gaps() -> None:
    asked = {name: questions(plan_with(name)) for name in PLAYBOOKS}
    assert len({tuple(q) for q in asked.values()}) == 3, asked

    assert asked["standard"] == [
        messages.ECONOMIC_QUESTION,
        "What made you start looking at this now?",
        "What happens on your side if this isn't in place by 1 April 2027?",
        "Who else are you talking to about this?",
        "How does a decision like this get made on your side?",
    ]
    # MEDDPICC: each element its own question, in its own words; the hedged economic buyer is
    # still asked, and the competition includes doing nothing or building it themselves.
    # (Its economic buyer question stands for the deal's: one question about the budget.)
    assert asked["meddpicc"] == [
        "What problem is this meant to solve for you?",
        "What happens on your side if this isn't in place by 1 April 2027?",
        "What else are you weighing, including doing nothing or building it yourselves?",
        "What are the steps from here to a signed decision?",
        "Who has the final say on the budget for this?",
        "What will you compare the options on?",
        "Once you decide, what does it take to get a contract signed?",
        "Who on your side would gain most if this went ahead?",
    ]
    # The up-front contract: their agenda first (it opens the call), and the outcome agreed in
    # advance: what a yes leads to.
    assert asked["upfront-contract"] == [
        messages.THEIR_AGENDA_QUESTION,
        messages.ECONOMIC_QUESTION,
        "What made you start looking at this now?",
        "What happens on your side if this isn't in place by 1 April 2027?",
        "Who else are you talking to about this?",
        "If today goes well, what happens next on your side?",
    ]
    for name, found in asked.items():
        for question in found:  # one ask each
            assert question.count("?") == 1 and question.endswith("?"), (name, question)


def test_every_playbook_builds_spin_questions_on_a_known_pain() -> None:
    for name in PLAYBOOKS:
        known = plan_with(name, discovery={"why_looking": "Two spoilage incidents at Leeds"})
        asked = questions(known)
        # Implication: what the pain costs (in place of the plain consequence question) ...
        implication = messages.IMPLICATION_QUESTION.format(pain="Two spoilage incidents at Leeds")
        assert implication in asked, name
        # ... and need-payoff: what solving it is worth, asked last.
        assert asked[-1] == messages.NEED_PAYOFF_QUESTION.format(
            pain="Two spoilage incidents at Leeds"
        )
        # no problem question about a pain they already named
        assert "What made you start looking at this now?" not in asked
        assert "What problem is this meant to solve for you?" not in asked


@pytest.mark.parametrize("note", ["Not sure, maybe the finance director", "TBD", "?"])
def test_a_hedged_meddpicc_element_is_unknown(note: str) -> None:
    plan = plan_with("meddpicc", notes={"economic_buyer": note})
    codes = [f.code for f in coach.findings(plan)]
    assert "meddpicc.economic_buyer_unknown" in codes
    assert "Who has the final say on the budget for this?" in questions(plan)
    known = plan_with("meddpicc", notes={"economic_buyer": "Ruth Gale, finance director"})
    assert "meddpicc.economic_buyer_unknown" not in [f.code for f in coach.findings(known)]
    # the same notes in the standard playbook are notes, not elements to coach
    assert not any(f.code.startswith("meddpicc.") for f in coach.findings(plan_with("standard")))


def test_the_upfront_contract_wants_a_purpose() -> None:
    without = plan_with("upfront-contract")
    assert "contract.purpose_missing" in [f.code for f in coach.findings(without)]
    purposed = plan_with("upfront-contract", notes={"purpose": "Decide whether a pilot fits"})
    assert "contract.purpose_missing" not in [f.code for f in coach.findings(purposed)]
    for other in ("standard", "meddpicc"):
        assert "contract.purpose_missing" not in [f.code for f in coach.findings(plan_with(other))]


# --- red flags at a negotiation ----------------------------------------------------------------


def negotiation(store: Path) -> Path:
    data = tomllib.loads(GAPS)
    data.update(kind="negotiation", playbook="standard", id="2027-01-12-northwind-negotiation")
    path = store / "negotiation.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_an_unknown_why_at_a_negotiation_is_a_red_flag_named_as_such(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    path = negotiation(tmp_path)
    result = cli("check", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    found = {f["code"]: f for f in json.loads(result.stdout)["findings"]}
    why = found["discovery.why_looking_unknown"]
    assert why["severity"] == "warning"  # info at a discovery call
    assert why["message"].startswith("Red flag: you don't know why they are looking at all")
    assert "negotiation" in why["message"]
    assert found["discovery.decision_process_unknown"]["severity"] == "warning"
    # a topic that is no red flag stays a plain question
    assert found["discovery.competition_unknown"]["severity"] == "info"

    md = cli("brief", str(path), "--format", "md").stdout
    why_line = next(line for line in md.splitlines() if "What made you start looking" in line)
    assert f"_({messages.RED_FLAG_TAG})_" in why_line
    competition = next(line for line in md.splitlines() if "Who else are you talking" in line)
    assert f"_({messages.BRIEF_SUGGESTED})_" in competition
    # the corner names it too
    assert "red flag: why they look unknown" in md


def test_the_same_gap_at_a_discovery_call_is_no_red_flag() -> None:
    plan = plan_with("standard")
    why = next(f for f in coach.findings(plan) if f.code == "discovery.why_looking_unknown")
    assert why.severity == "info"
    assert not why.message.startswith("Red flag")
    tags = {s.text: s.tag for s in coach.suggestions(plan, coach.findings(plan))}
    assert tags["What made you start looking at this now?"] == messages.BRIEF_SUGGESTED


# --- golden files: `check` and the Markdown brief per playbook ---------------------------------


def check_text(plan: Plan) -> str:
    console = Console(width=80, record=True, color_system=None, file=io.StringIO())
    render_check(plan, coach.review(plan), console, plan.id)
    return console.export_text()


def store(plan: Plan, home: Path) -> str:
    folder = home / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{plan.id}.toml").write_text(tomli_w.dumps(plan.to_data()), encoding="utf-8")
    return plan.id


@pytest.mark.parametrize("playbook", PLAYBOOKS)
def test_check_of_each_playbook_matches_its_reference(
    playbook: str, cli: Callable[..., Any], home: Path, reference: Callable[[str, str], None]
) -> None:
    result = cli("check", store(plan_with(playbook), home))
    assert result.exit_code == 0, result.stderr
    reference(f"check-{playbook}.txt", result.stdout)


@pytest.mark.parametrize("playbook", PLAYBOOKS)
def test_markdown_brief_of_each_playbook_matches_its_reference(
    playbook: str, cli: Callable[..., Any], home: Path, reference: Callable[[str, str], None]
) -> None:
    result = cli("brief", store(plan_with(playbook), home), "--format", "md")
    assert result.exit_code == 0, result.stderr
    reference(f"brief-{playbook}.md", result.stdout)


def test_the_golden_files_differ_by_playbook() -> None:
    briefs = {name: markdown.render(brief.build(plan_with(name))) for name in PLAYBOOKS}
    checks = {name: check_text(plan_with(name)) for name in PLAYBOOKS}
    assert len(set(briefs.values())) == len(set(checks.values())) == 3


# --- the up-front contract's opener ---------------------------------------------------------------


def upfront(**changes: Any) -> Plan:
    given: dict[str, Any] = {
        "notes": {"purpose": "Decide together whether a site visit makes sense"},
        "objective": {
            "best": "Helen books a site visit at the Leeds depot for next week",
            "customer": "Know what monitoring would cost for three depots",
        },
    }
    return plan_with("upfront-contract", **{**given, **changes})


def test_the_opener_has_purpose_time_both_agendas_the_outcome_and_no_is_fine() -> None:
    view = brief.build(upfront())
    words = messages.BRIEF_OPENER
    assert view.opener == [
        (words["purpose"], "Decide together whether a site visit makes sense"),
        (words["time"], "We have 30 minutes; does that still work?"),
        (words["theirs"], "Know what monitoring would cost for three depots"),
        (words["ours"], "Their cold-chain today; How we monitor it; Next step"),
        (
            words["outcome"],
            "By the end, a clear yes or no: Helen books a site visit at the Leeds depot "
            "for next week.",
        ),
        (words["no"], messages.OPENER_NO),
    ]
    # the purpose is said in the opener, not repeated among the notes
    assert "Purpose" not in [label for label, _ in view.notes]


@pytest.mark.parametrize("best", ["Pitch the monitoring platform", "Build rapport with Helen"])
def test_an_opener_on_a_vague_objective_says_the_outcome_as_the_agenda_email_does(
    best: str,
) -> None:
    plan = upfront().model_copy(
        update={"objective": upfront().objective.model_copy(update={"best": best})}
    )
    opener = dict(brief.build(plan).opener)
    assert opener[messages.BRIEF_OPENER["outcome"]] == messages.AGENDA_SHORT_OUTCOME["discovery"]
    assert best not in opener[messages.BRIEF_OPENER["outcome"]]


def test_an_opener_with_gaps_says_what_to_ask() -> None:
    plan = upfront(duration_minutes=None).model_copy(
        update={"objective": upfront().objective.model_copy(update={"customer": ""})}
    )
    opener = dict(brief.build(plan).opener)
    assert opener[messages.BRIEF_OPENER["time"]] == messages.OPENER_NO_TIME
    assert opener[messages.BRIEF_OPENER["theirs"]] == messages.OPENER_ASK_THEIRS


@pytest.mark.parametrize("playbook", ["standard", "meddpicc"])
def test_only_the_upfront_contract_has_an_opener(playbook: str) -> None:
    view = brief.build(plan_with(playbook, notes={"purpose": "Decide whether a pilot fits"}))
    assert view.opener == []
    assert messages.BRIEF_HEADINGS["opener"] not in markdown.render(view)


def test_every_format_shows_the_opener() -> None:
    view = brief.build(upfront())
    heading = messages.BRIEF_HEADINGS["opener"]
    md = markdown.render(view)
    assert f"## {heading}" in md and "We have 30 minutes; does that still work?" in md
    document = html.render(view)
    assert "We have 30 minutes; does that still work?" in "".join(html_parts(document).text)
    buffer = io.StringIO()
    term.render(view, Console(file=buffer, width=100, color_system=None))
    assert heading in buffer.getvalue() and messages.OPENER_NO in buffer.getvalue()
    text = " ".join(pdf_text(pdf.render(view, "a4")).split())
    assert heading.upper() in text and "We have 30 minutes; does that still work?" in text


def test_the_opener_shows_what_the_seller_typed_literally() -> None:
    hostile = "<b>x</b> [y](javascript:alert(1)) `z` #set page(width: 1cm)"
    plan = upfront(notes={"purpose": hostile})
    view = brief.build(plan)
    assert not live_markdown(markdown.render(view))
    assert hostile in "".join(markdown_parts(markdown.render(view)).text)
    assert not foreign_html(html.render(view))


def overfull_upfront() -> brief.BriefView:
    plan = overfull_plan()
    plan = plan.model_copy(
        update={"playbook": "upfront-contract", "notes": {**plan.notes, "purpose": LONG * 3}}
    )
    return brief.build(plan, overfull_commitments(), overfull_unanswered())


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_an_overfull_upfront_contract_brief_is_still_one_page(paper: str) -> None:
    view = overfull_upfront()
    assert view.opener
    data = pdf.render(view, paper)
    assert pdf_pages(data) == 1
    assert pdf.fit(view, paper)["fits"] is True
    document = html.render(view, paper)
    options = page.candidates(view)
    chosen = options[page.first_fit(options, paper, html.METRICS, room=html.ROOM)]
    _, height = page.content_size(paper)
    assert page.estimate(chosen.view, chosen.size, paper, html.METRICS) <= height
    assert f'data-step="{chosen.step}"' in document


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data)).pages[0].extract_text()
