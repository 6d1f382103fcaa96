"""`callprep brief`: the one-page brief in the format asked for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from callprep import clock, messages, output
from callprep.catalog import lookup
from callprep.deal import carry
from callprep.errors import CallprepError
from callprep.plans.home import seller_zone
from callprep.plans.store import Store
from callprep.render import brief as brief_view

if TYPE_CHECKING:
    from callprep.plans.model import Plan
    from callprep.plans.store import StoredPlan


def run(
    home: Path,
    ref: str,
    fmt: str,
    output_path: str | None,
    paper: str | None,
    share: bool = False,
) -> None:
    store = Store(home)
    if paper is None and fmt in ("html", "pdf"):
        # Deferred: the terminal brief has no paper, and needs no profile model.
        from callprep.plans import profile as profiles

        paper = profiles.load_or_empty(home, output.warn).paper or None
    paper = paper or "a4"
    stored = lookup.load(store, ref)
    earlier = carry.brief_context(store, stored.path, stored.plan, clock.today())
    if share:
        write_shared(home, store, stored, earlier.earlier, fmt, output_path, paper)
        return
    last_time = None
    if earlier.earlier:
        from callprep.deal import deal  # deferred: only a plan with earlier calls has a last time

        last_time = deal.last_time(earlier.earlier)
    view = brief_view.build(
        stored.plan,
        earlier.open_commitments,
        earlier.unanswered,
        earlier.earlier,
        last_time=last_time,
        our_zone=seller_zone(home, output.warn),
    )

    def to_term() -> None:
        from callprep.render import term  # deferred: rich: the chosen format only

        term.render(view, output.out())

    def to_md() -> str:
        from callprep.render import markdown  # deferred: the chosen format only

        return markdown.render(view)

    def to_html() -> str:
        from callprep.render import html  # deferred: the chosen format only

        return html.render(view, paper)

    def to_pdf() -> bytes:
        from callprep.render import pdf  # deferred: typst: the chosen format only

        return pdf.render(view, paper)

    deliver(fmt, output_path, store.guard(stored.path), to_term, to_md, to_html, to_pdf)


def deliver(
    fmt: str,
    output_path: str | None,
    guard: output.OutputGuard,
    term: Callable[[], None],
    md: Callable[[], str],
    html: Callable[[], str],
    pdf: Callable[[], bytes],
) -> None:
    """The page in `fmt`, to the terminal, stdout or `output_path`: only the chosen renderer is
    called (each imports what it needs, typst for the PDF alone)."""
    if fmt == "term":
        if output_path is not None:
            raise CallprepError(messages.TERM_NO_FILE)
        term()
    elif fmt == "md":
        output.write_data(md(), output_path, guard)
    elif fmt == "html":
        output.write_data(html(), output_path, guard)
    elif fmt == "pdf":
        if output_path is None:
            raise CallprepError(messages.PDF_NEEDS_OUTPUT)
        output.write_file(output_path, pdf(), guard)
    else:
        raise CallprepError(f"--format {fmt} is not available")


def write_shared(
    home: Path,
    store: Store,
    stored: StoredPlan,
    earlier: Sequence[Plan],
    fmt: str,
    output_path: str | None,
    paper: str,
) -> None:
    """`--share`: the page for the customer, made from the customer view of the call and of
    the deal's earlier calls (what was agreed so far), never from the brief."""
    # Deferred: the page to share is its own view, and needs the profile (their zone and ours).
    from callprep.outreach import customer, shared
    from callprep.plans import profile as profiles
    from callprep.render import shared as view

    profile = profiles.load_or_empty(home, output.warn)
    page = shared.build(customer.of(stored.plan), [customer.of(p) for p in earlier], profile)
    deliver(
        fmt,
        output_path,
        store.guard(stored.path),
        lambda: view.render_term(page, output.out()),
        lambda: view.render_markdown(page),
        lambda: view.render_html(page, paper),
        lambda: view.render_pdf(page, paper),
    )
