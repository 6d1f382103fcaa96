"""`callprep brief`: the one-page brief in the format asked for."""

from __future__ import annotations

from pathlib import Path

from callprep import clock, messages, output
from callprep.catalog import lookup
from callprep.deal import carry
from callprep.errors import CallprepError
from callprep.plans.home import seller_zone
from callprep.plans.store import Store
from callprep.render import brief as brief_view


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
    last_time = None
    if earlier.earlier:
        from callprep.deal import deal  # deferred: only a plan with earlier calls has a last time

        last_time = deal.last_time(earlier.earlier)
    view = brief_view.build(
        stored.plan,
        earlier.open_commitments,
        earlier.unanswered,
        earlier.earlier,
        share=share,
        last_time=last_time,
        our_zone="" if share else seller_zone(home, output.warn),
    )
    if fmt == "term":
        from callprep.render import term  # deferred: rich: the chosen format only

        if output_path is not None:
            raise CallprepError(messages.TERM_NO_FILE)
        term.render(view, output.out())
    elif fmt == "md":
        from callprep.render import markdown  # deferred: the chosen format only

        output.write_data(markdown.render(view), output_path, store.guard(stored.path))
    elif fmt == "html":
        from callprep.render import html  # deferred: the chosen format only

        output.write_data(html.render(view, paper), output_path, store.guard(stored.path))
    elif fmt == "pdf":
        if output_path is None:
            raise CallprepError(messages.PDF_NEEDS_OUTPUT)
        from callprep.render import pdf  # deferred: typst: the chosen format only

        output.write_file(output_path, pdf.render(view, paper), store.guard(stored.path))
    else:
        raise CallprepError(f"--format {fmt} is not available")
