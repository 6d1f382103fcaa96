"""`callprep deal`: a deal as one story, or (`--plan`) the mutual action plan to share."""

from __future__ import annotations

from pathlib import Path

from callprep import clock, messages, output
from callprep.deal import deal
from callprep.errors import CallprepError
from callprep.outreach import customer
from callprep.plans import profile
from callprep.plans.home import seller_zone
from callprep.plans.store import Store
from callprep.team import owners


def _company(home: Path) -> str:
    try:
        return profile.load(home).company
    except CallprepError:
        return ""  # a broken profile is `callprep profile`'s to report, not this view's


def _ours(company: str, views: list[customer.CustomerView]) -> str:
    """Who "we" are on our steps: the profile's company, else our people on the deal."""
    if company:
        return company
    return ", ".join(p.name for p in customer.team(views) if p.side == "ours")


def run(
    home: Path,
    ref: str,
    opportunity: str | None = None,
    as_json: bool = False,
    fmt: str = "term",
    action_plan: bool = False,
    output_path: str | None = None,
    owner: str | None = None,
) -> None:
    store = Store(home)
    found = deal.find_deal(store, ref, opportunity)
    whose = owners.owner_filter(home, owner, output.warn)
    if whose is not None:
        mine = [plan for plan in found.plans if whose(plan.owner)]
        if not mine:
            raise CallprepError(messages.DEAL_NOT_OWNED.format(deal=found.name or ref))
        found = deal.Deal(found.account, found.opportunity, mine)
    from callprep.render import deal as view  # deferred: rich: not for --json

    if fmt == "term" and output_path is not None and not as_json:
        raise CallprepError(messages.TERM_NO_FILE)
    guard = store.guard(store.plans_dir)  # md and html: never onto the store
    if action_plan:
        # Built from each call's customer view: only what the customer may see of a plan.
        company = _company(home)
        views = [customer.of(plan) for plan in found.plans]
        steps = customer.action_plan(views, found.account, found.opportunity, _ours(company, views))
        if as_json:
            output.print_json(customer.action_plan_json(steps))
        elif fmt == "md":
            output.write_data(view.render_plan_markdown(steps, company), output_path, guard)
        elif fmt == "html":
            output.write_data(view.render_plan_html(steps, company), output_path, guard)
        else:
            view.render_plan_term(steps, output.out(), company)
        return
    story = deal.story(found, clock.today())
    if as_json:
        output.print_json(deal.to_json(story))
        return
    zone = seller_zone(home, output.warn)
    if fmt == "md":
        output.write_data(view.render_markdown(story, zone), output_path, guard)
    elif fmt == "html":
        output.write_data(view.render_html(story, zone), output_path, guard)
    else:
        view.render_term(story, output.out(), zone)
