"""`callprep followup`: the recap after the call; and what is ours alone never reaches the customer."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from callprep import messages
from callprep.calendar import ics
from callprep.outreach import agenda, followup
from callprep.plans.model import DISCOVERY_TEXT_KEYS, Plan
from callprep.plans.planfile import load_plan
from callprep.plans.profile import Profile
from callprep.prompts import USE_DEFAULT, Answers
from tests.conftest import PREPARED, examples
from tests.markup import live_markdown, markdown_tokens

SELLER = {
    "name": "Sam Okafor",
    "email": "sam@callprep.example",
    "title": "Account Executive",
    "company": "Callprep Fleet",
    "timezone": "America/New_York",
}
DEBRIEF: dict[str, Any] = {
    "held_at": dt.datetime(2026, 12, 3, 16, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    "outcome": "minimum",
    "customer_objective_met": True,
    "customer_prepared": False,
    "summary": "Went fine; Dana distracted by a depot fire",
    "engagement": 2,
    "off_script": ["They also run a cold-chain fleet"],
    "new_opportunities": ["Cold-chain fleet"],
    "could_have_done_more": "Should have brought the CFO",
    "next_step": "Pilot kickoff call on 12 Jan 10:00",
    "risks": ["Union consultation needed before any automation"],
    "learned": {"competition": "Samsara dropped out", "attitude_to_us": "They think we are small"},
    "commitments": [
        {"who": "customer", "what": "Send utilisation data", "due": dt.date(2026, 12, 8)},
        {"who": "ours", "what": "Send the pilot proposal", "due": dt.date(2026, 12, 11)},
        {"who": "customer", "what": "Name the IT lead"},
    ],
}


@pytest.fixture(autouse=True)
def seller(home: Path) -> Profile:
    home.mkdir(parents=True, exist_ok=True)
    (home / "profile.toml").write_text(tomli_w.dumps(SELLER), encoding="utf-8")
    return Profile(**SELLER)


def debriefed(folder: Path, **debrief: Any) -> Path:
    data = tomllib.loads(PREPARED.read_text(encoding="utf-8"))
    data["debrief"] = {**DEBRIEF, **debrief}
    path = folder / "debriefed.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_before_a_debrief_it_refuses_in_one_line(cli) -> None:
    result = cli("followup", str(PREPARED))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("callprep: ")
    assert "has no debrief yet" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("fmt", "name"), [("text", "followup.txt"), ("md", "followup.md")])
def test_the_recap_matches_reference(cli, reference, tmp_path: Path, fmt: str, name: str) -> None:
    result = cli("followup", str(debriefed(tmp_path)), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    reference(name, result.stdout)


def test_the_recap_says_what_was_agreed_on_both_sides(cli, tmp_path: Path) -> None:
    text = cli("followup", str(debriefed(tmp_path))).stdout
    assert text.startswith("Subject: Thank you, and what we agreed: Fleet telematics rollout\n")
    assert "\nHi Dana, Priya and Marco,\n" in text
    assert "Thank you for your time on Thursday 3 December." in text
    assert (
        "You wanted to see whether we integrate with your dispatch system, and I hope we "
        "covered that well." in text
    )
    assert "- You: Send utilisation data, by Tue 8 Dec 2026\n" in text
    assert "- We: Send the pilot proposal, by Fri 11 Dec 2026\n" in text
    assert "- You: Name the IT lead, date to be agreed\n" in text
    assert "Next step: Pilot kickoff call on 12 Jan 10:00." in text
    assert text.endswith("Sam Okafor\nAccount Executive, Callprep Fleet\n")


@pytest.mark.parametrize(
    ("met", "said"),
    [
        (False, "; we did not get to all of it, and I'd like to make sure we do."),
        (None, "dispatch system.\n"),
    ],
)
def test_whether_their_goal_was_covered(cli, tmp_path: Path, met: bool | None, said: str) -> None:
    path = debriefed(tmp_path)
    if met is None:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        del data["debrief"]["customer_objective_met"]
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
    else:
        path = debriefed(tmp_path, customer_objective_met=met)
    assert said in cli("followup", str(path)).stdout


def test_a_commitment_that_names_its_owner_says_who(cli, tmp_path: Path) -> None:
    commitments = [{**DEBRIEF["commitments"][0], "owner": "Priya Shah"}]
    text = cli("followup", str(debriefed(tmp_path, commitments=commitments))).stdout
    assert "- Priya Shah: Send utilisation data, by Tue 8 Dec 2026\n" in text


def test_without_a_next_step_or_commitments_nothing_is_made_up(cli, tmp_path: Path) -> None:
    result = cli("followup", str(debriefed(tmp_path, next_step="", commitments=[])))
    assert result.exit_code == 0, result.stderr
    assert "What we agreed" not in result.stdout
    assert "What would be a good next step from your side?" in result.stdout
    assert "no next step in the debrief" in result.stderr
    assert "no commitments in the debrief" in result.stderr


def test_the_next_meeting_invite(cli, tmp_path: Path) -> None:
    target = tmp_path / "next.ics"
    result = cli("followup", str(debriefed(tmp_path)), "--ics", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Subject: ")
    event = Calendar.from_ical(target.read_bytes()).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == dt.datetime(2027, 1, 12, 15, tzinfo=dt.UTC)
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=45)
    assert str(event["SUMMARY"]) == "Acme Logistics: Pilot kickoff call on 12 Jan 10:00"
    assert str(event["STATUS"]) == "TENTATIVE"
    assert str(event["UID"]) == ics.invite_uid("2026-12-03-acme-logistics-discovery-next")
    description = str(event["DESCRIPTION"])
    assert "Send the pilot proposal" in description
    assert "Samsara" not in description and "cold-chain" not in description


@pytest.mark.parametrize(
    ("step", "problem"),
    [
        ("Pilot kickoff call", "names no date and time"),
        ("Pilot kickoff on 12 Jan", "names a day (Tue 12 Jan 2027) but no time"),
        ("", "no next step in the debrief"),
        # Read beyond doubt, and after the call (held Thu 3 Dec 2026, 16:00 New York, for 45
        # minutes), or not at all.
        ("Kickoff on 31 Feb 10:00", "'31 Feb 10:00': February has only 28 or 29 days"),
        ("Kickoff on Feb 30 at 10:00", "'Feb 30 at 10:00': February has only 28 or 29 days"),
        ("Kickoff on 32 Dec 10:00", "'32 Dec 10:00': December has only 31 days"),
        ("Kickoff 3/4 10:00", "3 April or 4 March?"),
        ("Kickoff 12/01/2027 10:00", "12 January or 1 December?"),
        ("Kickoff yesterday 10:00", "is not after the call on Thu 3 Dec 2026, 16:00"),
        ("Kickoff on 1 Dec 2026 10:00", "is not after the call"),
        ("Kickoff on 3 Dec 2026 16:30", "is not after the call"),  # still on the call
        ("Kickoff on 1 Dec 10:00", "most of a year after the call"),
        ("Kickoff in room 2087 on 12 Jan 10:00", "reads as Sun 12 Jan 2087"),
    ],
)
def test_no_invite_without_a_date_and_time(cli, tmp_path: Path, step: str, problem: str) -> None:
    target = tmp_path / "next.ics"
    result = cli("followup", str(debriefed(tmp_path, next_step=step)), "--ics", str(target))
    assert result.exit_code == 1
    assert problem in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    assert not target.exists()


@pytest.mark.parametrize(
    ("step", "when"),
    [
        ("Security review on 10 Dec 14:00", dt.datetime(2026, 12, 10, 14)),
        ("Demo to the CFO next Tuesday 9:30am", dt.datetime(2026, 12, 8, 9, 30)),
        ("Kickoff 2027-01-12 10:00, with IT", dt.datetime(2027, 1, 12, 10)),
        ("Kickoff Dec 10th at 3pm", dt.datetime(2026, 12, 10, 15)),
        ("Kickoff tomorrow 10:00 at the depot", dt.datetime(2026, 12, 4, 10)),
        ("Kickoff on 3 Dec 16:00, after this one", dt.datetime(2026, 12, 3, 16)),
        ("Kickoff 15 Jul 2027 10:00", dt.datetime(2027, 7, 15, 10)),
    ],
)
def test_the_next_meeting_is_read_from_the_next_step(step: str, when: dt.datetime) -> None:
    plan = Plan.model_validate(
        {
            "starts_at": dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC),
            "debrief": {"outcome": "none", "next_step": step},
        }
    )
    found = followup.next_meeting(plan, "Europe/London")
    assert found.replace(tzinfo=None) == when


def test_debrief_ends_by_offering_the_follow_up(cli, script, home: Path) -> None:
    folder = home / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    path = debriefed(folder)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    del data["debrief"]
    target = folder / "2026-12-03-acme-logistics-discovery.toml"
    target.write_text(tomli_w.dumps(data), encoding="utf-8")
    path.unlink()
    asker = script(
        {
            "debrief.outcome": messages.DEBRIEF_OUTCOME_CHOICES["minimum"],
            "debrief.next_step": "Security review on 10 Dec 14:00",
            "commitment.what": Answers(["Send the security pack", ""]),
            "commitment.who": messages.DEBRIEF_COMMITMENT_SIDES["ours"],
            "commitment.due": "2026-12-09",
            "draft_followup": True,
        },
        rest=USE_DEFAULT,
    )
    result = cli("debrief", target.stem)
    assert result.exit_code == 0, result.stderr
    assert asker.asked[-1] == "draft_followup"
    assert "Subject: Thank you, and what we agreed" in result.stdout
    assert "Next step: Security review on 10 Dec 14:00." in result.stdout
    assert "- We: Send the security pack, by Wed 9 Dec 2026" in result.stdout
    assert f"callprep followup {target.stem} --ics next.ics" in result.stderr


def test_debrief_from_a_file_asks_nothing(cli, home: Path, tmp_path: Path) -> None:
    folder = home / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "2026-12-03-acme-logistics-discovery.toml"
    target.write_bytes(PREPARED.read_bytes())
    answers = tmp_path / "answers.toml"
    answers.write_text('[debrief]\noutcome = "best"\n', encoding="utf-8")
    result = cli("debrief", target.stem, "--from", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "Subject:" not in result.stdout


# --- nothing that is ours alone ------------------------------------------------------------------

# Private text carries this mark; the public text drawn below never can (no uppercase letters).
MARK = "QQPRIVATE"
# Words only private fields hold (a stance, an influence) or only our side uses.
PRIVATE_WORDS = ("sceptic", "supporter", "economic", "readiness", "minimum")
# Public text: what the customer may see. Its letters can spell "economic", so it is kept from
# doing so, or the check below would take the customer's own words for a leak.
public = st.text(alphabet="abcdefghij klmnop,.'-&*_[]()<>#!?", min_size=1, max_size=30).filter(
    lambda text: text.strip() and not any(word in text for word in PRIVATE_WORDS)
)
private = st.builds(lambda tail: f"{MARK} {tail}", st.text(alphabet="xyz <*_>", max_size=12))
stances = st.sampled_from(["supporter", "neutral", "sceptic", "unknown"])
influences = st.sampled_from(["economic", "user", "technical", "coach"])


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    people = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "name": public,
                    "role": public,
                    "side": st.sampled_from(["customer", "ours"]),
                    "email": st.sampled_from(["", "a@x.example", "b@y.example"]),
                    "influence": influences,
                    "stance": stances,
                }
            ),
            max_size=4,
        )
    )
    commitments = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "who": st.sampled_from(["customer", "ours"]),
                    "what": public,
                    "due": st.one_of(st.none(), st.dates(dt.date(2026, 1, 1), dt.date(2028, 1, 1))),
                    "done": st.booleans(),
                }
            ),
            max_size=3,
        )
    )
    data: dict[str, Any] = {
        "account": draw(public),
        "opportunity": draw(public),
        "kind": draw(
            st.sampled_from(["discovery", "demo", "proposal", "negotiation", "review", ""])
        ),
        "playbook": draw(st.sampled_from(["standard", "upfront-contract", "meddpicc"])),
        "starts_at": dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC),
        "timezone": draw(st.sampled_from(["", "America/New_York", "Asia/Kolkata"])),
        "duration_minutes": 45,
        "questions": draw(st.lists(private, max_size=2)),
        "objective": {"best": draw(private), "minimum": draw(private), "customer": draw(public)},
        "agenda": {
            "items": draw(st.lists(public, max_size=4)),
            "customer_prep": draw(st.lists(public, max_size=2)),
            "confirmed": draw(st.booleans()),
        },
        "discovery": {key: draw(private) for key in DISCOVERY_TEXT_KEYS},
        "attendees": people,
        # The up-front contract's purpose is said to the customer: public. Other notes are not.
        "notes": {"purpose": draw(public), "event": draw(private), "agenda": draw(private)},
        "debrief": {
            "outcome": draw(st.sampled_from(["best", "minimum", "none"])),
            "customer_objective_met": draw(st.one_of(st.none(), st.booleans())),
            "summary": draw(private),
            "engagement": draw(st.integers(1, 5)),
            "off_script": draw(st.lists(private, max_size=2)),
            "new_opportunities": draw(st.lists(private, max_size=2)),
            "could_have_done_more": draw(private),
            "next_step": draw(public),
            "risks": draw(st.lists(private, max_size=2)),
            "learned": {"competition": draw(private), "attitude_to_us": draw(private)},
            "stances": [
                {"name": draw(public), "was": "neutral", "now": "sceptic", "why": draw(private)}
            ],
            "commitments": commitments,
        },
    }
    return Plan.model_validate(data)


def _shown(plan: Plan, profile: Profile) -> list[str]:
    """Everything the customer can receive from callprep about this plan."""
    out = []
    for fmt in ("text", "md"):
        out.append(followup.message_for(plan, fmt, "p", profile)[0])
        for long in (False, True):
            out.append(agenda.message_for(plan, fmt, "p", profile, long)[0])
    made = ics.invite(plan, "p", "p", dt.datetime(2026, 12, 1, tzinfo=dt.UTC), profile)
    out.append(made.data.decode("utf-8"))
    out.append(followup.invite_details(followup.build(plan, "p", profile)))
    return out


def check_nothing_private(plan: Plan, profile: Profile) -> None:
    for shown in _shown(plan, profile):
        unfolded = shown.replace("\r\n ", "")
        assert MARK not in unfolded
        for word in PRIVATE_WORDS:
            assert word not in unfolded.lower()


@pytest.mark.slow
@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=plans())
def test_no_private_field_ever_reaches_the_customer(plan: Plan, seller: Profile) -> None:
    check_nothing_private(plan, seller)


@settings(
    max_examples=examples(12),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=plans())
def test_no_private_field_reaches_the_customer_quick(plan: Plan, seller: Profile) -> None:
    """The property above, on a few plans in the quick suite."""
    check_nothing_private(plan, seller)


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=plans())
def test_plan_text_is_shown_literally_in_markdown(plan: Plan) -> None:
    """Whatever was typed, the Markdown recap has no link, image, HTML, code, heading or
    emphasis of its own: only the subject's bold label."""
    source = followup.message_for(plan, "md", "p", None)[0]
    assert live_markdown(source) == []
    kinds = [token.type for token in markdown_tokens(source)]
    assert kinds.count("strong_open") == 1
    assert not {"em_open", "heading_open", "s_open", "table_open", "blockquote_open"} & set(kinds)


def test_the_recap_leaves_out_every_private_note(cli, tmp_path: Path) -> None:
    shown = cli("followup", str(debriefed(tmp_path)), "--format", "md").stdout
    for private in (
        "depot fire",
        "cold-chain",
        "Cold-chain",
        "CFO",
        "Union",
        "Samsara",
        "small",
        "30-day pilot",
        "IT lead before",
        "Minimum",
        "minimum",
    ):
        assert private not in shown
    assert json.dumps(shown)  # and it is text
    assert load_plan(PREPARED).objective.minimum not in shown
