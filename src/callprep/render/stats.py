"""The seller's record in the terminal: read top to bottom in one glance on a Monday morning."""

from __future__ import annotations

import datetime as dt

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from callprep import messages
from callprep.catalog.stats import Opportunity, Stats, Tally
from callprep.coach.topics import DISCOVERY
from callprep.text import one_line

BAR_WIDTH = 20
# Beyond this a table only spreads its columns apart; the eye has further to travel.
MAX_WIDTH = 100
OPPORTUNITIES_SHOWN = 8
OVERDUE_SHOWN = 8
TOPICS_SHOWN = 3
HISTORY_SHOWN = 8
# One mark per call, oldest first: the deal's story at a glance.
HISTORY_MARKS = {
    "best": ("●", "green"),
    "minimum": ("◐", "yellow"),
    "none": ("○", "red"),
    "": ("·", "dim"),
}


def _heading(title: str, count: str = "") -> Text:
    return Text.assemble((title, "bold cyan"), (f"  {count}" if count else "", "dim"))


def _day(value: dt.date, today: dt.date | None = None) -> str:
    # This year's dates need no year; a glance should not have to skip over one.
    if today is not None and value.year == today.year:
        return f"{value:%-d %b}"
    return f"{value:%-d %b %Y}"


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def bar(fraction: float, width: int = BAR_WIDTH, style: str = "cyan") -> Text:
    filled = round(fraction * width)
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"))


def _reached_row(label: str, tally: Tally, style: str, width: int) -> list[RenderableType]:
    rate = tally.rate
    if rate is None:
        return [Text(label), Text(messages.STATS_NO_SIDE, style="dim"), Text(""), Text("")]
    return [
        Text(label),
        bar(rate, width=width, style=style),
        Text(_percent(rate), style="bold"),
        Text(f"{tally.reached:,} of {tally.debriefed:,} calls", style="dim"),
    ]


def _rate_grid() -> Table:
    """Rows of a label, a bar, its percentage (right-aligned) and what it counts."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    return grid


def _reached(stats: Stats, width: int) -> list[RenderableType]:
    if not stats.debriefed:
        return [Text(messages.STATS_NO_DEBRIEFS, style="yellow")]
    grid = _rate_grid()
    # Label, percentage and counts take about 50 columns; the bar gets what is left, up to 20.
    bars = max(6, min(BAR_WIDTH, width - 52))
    with_agenda = _reached_row(messages.STATS_WITH_AGENDA, stats.with_agenda, "green", bars)
    without = _reached_row(messages.STATS_WITHOUT_AGENDA, stats.without_agenda, "yellow", bars)
    grid.add_row(*with_agenda)
    grid.add_row(*without)
    o = stats.outcomes
    width = max(len(messages.STATS_WITH_AGENDA), len(messages.STATS_WITHOUT_AGENDA))
    outcomes = Text.assemble(
        (messages.STATS_OUTCOMES.ljust(width + 2), ""),
        (f"best {o['best']:,}", "green"),
        (" · ", "dim"),
        (f"minimum {o['minimum']:,}", "yellow"),
        (" · ", "dim"),
        (f"continuation {o['none']:,}", "red"),
    )
    parts: list[RenderableType] = [
        _heading("Objective reached"),
        _indent(grid),
        Text.assemble("  ", outcomes),
    ]
    return parts + _conversation(stats, bars)


def _conversation(stats: Stats, bars: int) -> list[RenderableType]:
    """Outcomes against how the calls went, for the calls debriefed from a transcript."""
    found = stats.conversation
    if not found.calls:
        return []
    grid = _rate_grid()
    labels = messages.STATS_CONVERSATION_ROWS
    for label, tally, style in (
        (labels[0], found.talk_under_half, "green"),
        (labels[1], found.talk_over_half, "yellow"),
        (labels[2], found.questions_asked, "green"),
        (labels[3], found.questions_not_asked, "yellow"),
    ):
        grid.add_row(*_reached_row(label, tally, style, bars))
    count = messages.STATS_CONVERSATION_COUNT.format(count=f"{found.calls:,}")
    return [Text(""), _heading(messages.STATS_CONVERSATION_HEADING, count), _indent(grid)]


def _indent(renderable: RenderableType) -> RenderableType:
    return Padding(renderable, (0, 0, 0, 2), expand=False)


def _table(width: int, show_header: bool = True) -> Table:
    """A borderless table, indented under its heading, as wide as the terminal up to MAX_WIDTH."""
    table = Table(
        box=None, header_style="dim", pad_edge=False, padding=(0, 1), show_header=show_header
    )
    table.expand = True
    table.width = min(width, MAX_WIDTH)
    table.add_column("", width=1, no_wrap=True)  # the indent
    return table


def history(opportunity: Opportunity) -> Text:
    shown = opportunity.history[-HISTORY_SHOWN:]
    marks = Text()
    if len(opportunity.history) > HISTORY_SHOWN:
        marks.append("…", style="dim")
    for outcome in shown:
        mark, style = HISTORY_MARKS.get(outcome, HISTORY_MARKS[""])
        marks.append(mark, style=style)
    return marks


def _deal(opportunity: Opportunity) -> str:
    parts = (opportunity.account, opportunity.opportunity)
    return one_line(" · ".join(p for p in parts if p) or "no account")


def _latest_first(opportunity: Opportunity) -> float:
    return -opportunity.last_call.timestamp() if opportunity.last_call else float("inf")


def _opportunities(stats: Stats, width: int) -> list[RenderableType]:
    # Stalled deals first, then the rest; the latest activity first in each.
    ranked = sorted(stats.opportunities, key=lambda o: (not o.stalled, _latest_first(o)))
    shown = ranked[:OPPORTUNITIES_SHOWN]
    stalled = len(stats.stalled)
    count = f"{len(ranked):,}" + (f", {stalled:,} stalled" if stalled else "")
    table = _table(width)
    table.add_column("deal", ratio=1, overflow="ellipsis", no_wrap=True)
    table.add_column("calls", justify="right", no_wrap=True, min_width=5)
    table.add_column("history", no_wrap=True, min_width=HISTORY_SHOWN + 1)
    table.add_column("latest call", no_wrap=True, min_width=11)
    table.add_column(messages.STATS_STALLED, no_wrap=True, min_width=10)
    for o in shown:
        table.add_row(
            "",
            Text(_deal(o), style="bold red" if o.stalled else ""),
            str(o.calls),
            history(o),
            Text(_day(o.last_call.date(), stats.today) if o.last_call else "—", style="dim"),
            Text(f"{o.continuations_in_a_row} in a row", "bold red") if o.stalled else "",
        )
    parts: list[RenderableType] = [_heading("Opportunities", count), table]
    if len(ranked) > len(shown):
        more = len(ranked) - len(shown)
        parts.append(Text("  " + messages.STATS_MORE.format(count=f"{more:,}"), "dim"))
    parts.append(Text("  " + messages.STATS_HISTORY_LEGEND, style="dim"))
    return parts


def _overdue(stats: Stats, width: int) -> list[RenderableType]:
    if not stats.overdue:
        return [_heading("Overdue commitments"), Text("  " + messages.STATS_NO_OVERDUE, "green")]
    # What just slipped first: it can still be saved today. JSON keeps the oldest first.
    shown = sorted(stats.overdue, key=lambda c: c.days_late)[:OVERDUE_SHOWN]
    table = _table(width, show_header=False)
    table.add_column("late", justify="right", no_wrap=True, style="red", min_width=9)
    table.add_column("who", no_wrap=True, min_width=4)
    table.add_column("what", ratio=3, overflow="ellipsis", no_wrap=True)
    table.add_column("deal", ratio=2, overflow="ellipsis", no_wrap=True, style="dim")
    for item in shown:
        who = "they" if item.who == "customer" else "we"
        account = " · ".join(p for p in (item.account, item.opportunity) if p)
        table.add_row(
            "",
            f"{item.days_late}d late",
            Text(who, style="bold" if who == "we" else ""),
            Text(one_line(item.what) or "—"),
            Text(one_line(account)),
        )
    parts: list[RenderableType] = [
        _heading("Overdue commitments", f"{len(stats.overdue):,}"),
        table,
    ]
    if len(stats.overdue) > len(shown):
        more = len(stats.overdue) - len(shown)
        parts.append(Text("  " + messages.STATS_MORE.format(count=f"{more:,}"), "dim"))
    return parts


def _unknown(stats: Stats) -> list[RenderableType]:
    top = [(topic, n) for topic, n in stats.unknown_topics if n][:TOPICS_SHOWN]
    if not top:
        return []
    grid = _rate_grid()
    for topic, plans in top:
        share = plans / stats.calls
        grid.add_row(
            DISCOVERY[topic].label,
            bar(share, width=10, style="yellow"),
            _percent(share),
            Text(f"{plans:,} of {stats.calls:,} plans", style="dim"),
        )
    return [_heading("Still unknown after the call, most often"), _indent(grid)]


def header(stats: Stats, account: str | None, since: dt.date | None) -> Text:
    scope = [
        f"{stats.calls:,} call{'s' if stats.calls != 1 else ''}",
        f"{stats.debriefed:,} debriefed",
    ]
    if account:
        scope.append(one_line(account))
    if since:
        scope.append(f"since {_day(since)}")
    return Text.assemble(("Your record", "bold"), ("  " + " · ".join(scope), ""))


def renderables(
    stats: Stats, width: int, account: str | None = None, since: dt.date | None = None
) -> list[RenderableType]:
    """The record top to bottom, for a terminal `width` columns wide."""
    parts: list[RenderableType] = [header(stats, account, since), Text("")]
    parts += _reached(stats, width)
    parts.append(Text(""))
    parts += _opportunities(stats, width)
    parts.append(Text(""))
    parts += _overdue(stats, width)
    unknown = _unknown(stats)
    if unknown:
        parts.append(Text(""))
        parts += unknown
    return parts


def owners_table(owners: dict[str, Stats]) -> Table:
    """`stats --by-owner`: each seller's calls and how often their objectives were reached."""
    table = Table(box=None, header_style="bold", pad_edge=False, title_justify="left")
    owner, *counts = messages.STATS_OWNER_COLUMNS
    table.add_column(owner, overflow="fold")  # a long email folds; the numbers never do
    for name in counts:
        table.add_column(name, justify="right", no_wrap=True)
    for owner, stats in owners.items():
        table.add_row(
            Text(one_line(owner)),
            str(stats.calls),
            str(stats.debriefed),
            _rate(stats.with_agenda.rate),
            _rate(stats.without_agenda.rate),
            str(len(stats.stalled)),
        )
    return table


def _rate(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"
