"""Everything the customer receives, for ten plans that differ, read as the customer reads it.

tests/data/customer holds ten stores, one plan each (two for a deal): imported from Teams,
Google Meet and Zoom meetings and hand-made; with a profile and without; organised by us and
by the customer; one person on their side and five; every kind of call; ahead and held. For
each, every customer-facing output (the agenda message short and long, its invite, the
follow-up and its invite, `deal --plan` and `brief --share`) is written to a reference file
in tests/data/reference/customer-*.txt, to read in review; the tests hold each to what a
customer should never see, and the page to share to one page.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from callprep import messages
from callprep.deal import deal
from callprep.outreach import customer, shared
from callprep.plans.model import Plan
from callprep.render import shared as shared_view
from tests.brief_plans import LONG, overfull_earlier, overfull_plan
from tests.test_brief_page import chromium, pdf_text, print_in_chromium

FIXTURES = Path(__file__).resolve().parent / "data" / "customer"
NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
# What is ours alone, in our own words: no customer output shows it.
OURS = (
    "Readiness",
    "Still open",
    "Best outcome",
    "Minimum we accept",
    "What we know",
    "What we must learn",
    "questions to ask",
    "Their goal for the call",
    "When they go off-script",
    "red flag",
    "/100",
    "callprep show",
    "callprep check",
)


def store(home: Path, name: str) -> list[str]:
    """The fixture's store as `home`; its plans' ids, oldest first."""
    shutil.copytree(FIXTURES / name, home)
    return sorted(path.stem for path in (home / "plans").glob("*.toml"))


def unfolded(text: str) -> str:
    return re.sub(r"\r?\n[ \t]", "", text)


def event_lines(invite: str) -> str:
    """The invite's VEVENT as a reader would list it: unfolded, one property a line."""
    text = unfolded(invite).replace("\r\n", "\n")
    event = text[text.index("BEGIN:VEVENT") : text.index("END:VEVENT") + len("END:VEVENT")]
    method = re.search(r"^METHOD:.*$", text, re.M)
    return "\n".join([method.group() if method else "(no METHOD)", event])


def outputs(cli: Any, tmp_path: Path, plan_id: str, plan_text: str) -> dict[str, str]:
    """Every customer-facing output of one plan, by name; an output refused is its one line."""
    found: dict[str, str] = {}

    def run(name: str, *args: str, file: Path | None = None) -> None:
        result = cli(*args)
        if result.exit_code != 0:
            assert result.exit_code == 1 and result.stderr.count("\n") == 1, (name, result)
            assert result.stdout == "" and (file is None or not file.exists()), name
            found[name] = f"(refused) {result.stderr.strip()}"
            return
        found[name] = file.read_text(encoding="utf-8") if file is not None else result.stdout

    if "[debrief]" in plan_text:
        run("followup", "followup", plan_id)
        target = tmp_path / f"{plan_id}-next.ics"
        run("followup --ics", "followup", plan_id, "--ics", str(target), file=target)
        if "file" in found.get("followup --ics", "") or target.exists():
            found["followup --ics"] = event_lines(found["followup --ics"])
        return found
    run("agenda", "agenda", plan_id)
    run("agenda --long", "agenda", plan_id, "--long")
    target = tmp_path / f"{plan_id}.ics"
    run("agenda --ics", "agenda", plan_id, "--ics", str(target), file=target)
    if target.exists():
        found["agenda --ics"] = event_lines(found["agenda --ics"])
    run("brief --share --format md", "brief", plan_id, "--share", "--format", "md")
    run("deal --plan --format md", "deal", plan_id, "--plan", "--format", "md")
    page = tmp_path / f"{plan_id}.pdf"
    result = cli("brief", plan_id, "--share", "--format", "pdf", "-o", str(page))
    assert result.exit_code == 0, result.stderr
    pages, text = pdf_text(page.read_bytes())
    assert pages == 1, plan_id
    found["brief --share pdf (text)"] = text
    return found


@pytest.mark.parametrize("name", NAMES)
def test_what_each_plan_sends_the_customer(
    cli, home: Path, tmp_path: Path, reference, name: str
) -> None:
    plans = store(home, name)
    record: list[str] = []
    for plan_id in plans:
        plan_text = (home / "plans" / f"{plan_id}.toml").read_text(encoding="utf-8")
        for what, text in outputs(cli, tmp_path, plan_id, plan_text).items():
            record += [f"===== {plan_id}: {what}", text.rstrip("\n"), ""]
            if not text.startswith("(refused)"):
                shown = unfolded(text)
                assert plan_id not in shown, (what, "the plan's id is ours")
                for words in OURS:
                    assert words not in shown, (what, words)
                assert "`callprep" not in shown, (what, "a command is for the seller")
    reference(f"customer-{name}.txt", "\n".join(record))


def test_ten_plans_that_differ() -> None:
    assert len(NAMES) == 10


def test_a_meeting_the_customer_organised_gets_the_agenda_by_email_only(
    cli, home: Path, tmp_path: Path
) -> None:
    (plan_id,) = store(home, "customer-organised")
    found = outputs(cli, tmp_path, plan_id, "")
    assert found["agenda --ics"].startswith("(refused) callprep: Chinedu Okafor organised")
    assert "Where route and driver data is stored" in found["agenda"]


# --- the page to share: one page for any plan, in the second person ------------------------------


def overfull_page() -> shared.SharedPage:
    """The overfull plan of the brief's tests, after a call that agreed thirty long steps."""
    data = overfull_earlier()[0].model_dump()
    data["debrief"]["commitments"] = [
        {"who": "customer" if n % 2 else "ours", "what": LONG, "due": None} for n in range(1, 31)
    ]
    return shared.build(customer.of(overfull_plan()), [customer.of(Plan.model_validate(data))])


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_an_overfull_page_to_share_is_one_page(paper: str) -> None:
    page = overfull_page()
    assert len(page.agreed) == 30 and len(page.agenda) == 40
    pages, text = pdf_text(shared_view.render_pdf(page, paper))
    assert pages == 1
    assert shared_view.fit(page, paper)["fits"] is True
    assert messages.SHARE_HEADINGS["today"].upper() in text.upper()  # room to write is left
    html = shared_view.render_html(page, paper)
    chosen = int(re.search(r'data-step="(\d+)"', html).group(1))  # type: ignore[union-attr]
    assert chosen > 0  # shortened to fit, never run over


def test_a_prepared_call_is_shared_whole() -> None:
    found = deal.Deal("Acme", "", [])
    assert found.plans == []
    page = shared.build(
        customer.CustomerView(
            account="Acme Logistics",
            kind="discovery",
            starts_at=dt.datetime(2026, 12, 3, 20, tzinfo=dt.UTC),
            agenda=("Their goals",),
        )
    )
    assert shared_view.fit(page)["step"] == 0
    assert 'data-step="0"' in shared_view.render_html(page)
    assert page.agenda == ("Your goals",)  # addressed to them


@pytest.mark.slow
@pytest.mark.skipif(chromium() is None, reason="no chromium to print the HTML with")
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_page_to_share_prints_on_one_page_in_chromium(tmp_path: Path, paper: str) -> None:
    small = shared.build(customer.CustomerView(account="Acme", agenda=("One",)))
    for name, page in {"overfull": overfull_page(), "small": small}.items():
        source = tmp_path / f"{name}.html"
        source.write_text(shared_view.render_html(page, paper), encoding="utf-8")
        printed = tmp_path / f"{name}.pdf"
        print_in_chromium(source, printed)
        pages, text = pdf_text(printed.read_bytes())
        assert pages == 1, name
        # what comes last above the room to write was printed: nothing ran off the page
        assert messages.SHARE_HEADINGS["outcome"].upper() in text.upper(), name
