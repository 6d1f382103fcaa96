"""The coach's review as text: `callprep check` in the terminal, and the lines the interview shows."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.text import Text

from callprep import messages
from callprep.coach import coach
from callprep.coach.coach import Finding, Review
from callprep.coach.topics import FINDINGS
from callprep.dates import call_time_text
from callprep.plans.model import Plan
from callprep.render.listing import readiness_style
from callprep.text import clean, one_line, wrap

SEVERITY_STYLE = {"critical": "bold red", "warning": "yellow", "info": "cyan"}
# Messages hang under their code, indented past the mark, so a wrapped line never runs flush left.
INDENT = messages.FINDING_INDENT


def _title(plan: Plan, our_zone: str = "") -> Text:
    title = one_line(" · ".join(p for p in (plan.account, plan.opportunity) if p) or plan.id)
    parts: list[str] = []
    if plan.kind:
        parts.append(f"{plan.kind} call")
    if plan.starts_at is not None:
        parts.append(call_time_text(plan.starts_at, plan.timezone, our_zone))
    text = Text(title or "Untitled call", style="bold")
    if parts:
        text.append(f"  {', '.join(parts)}", style="dim")
    return text


def _finding(finding: Finding, console: Console, codes: bool = False) -> list[Text]:
    """The finding in a few words, its advice hanging below; `codes`: its code and field too."""
    mark, style = messages.SEVERITY_MARKS[finding.severity], SEVERITY_STYLE[finding.severity]
    label = FINDINGS[finding.code].label if finding.code in FINDINGS else finding.code
    if finding.severity != "info" and finding.topic is not None:
        label = messages.BRIEF_RED_FLAG + label
    head = Text.assemble((f" {mark} ", style), (label[:1].upper() + label[1:], "bold"))
    if codes:
        head.append(f"  {finding.code}  {finding.field}", style="dim")
    body = wrap(
        clean(finding.message), max(20, console.width), indent=" " * INDENT, hang=" " * INDENT
    )
    return [head, *(Text(line) for line in body)]


def summary(found: list[Finding], ref: str) -> str:
    counts = Counter(f.severity for f in found)
    parts = [
        messages.severity_count(severity, counts[severity])
        for severity in coach.SEVERITY_ORDER
        if counts[severity]
    ]
    return messages.check_summary(len(found), parts, ref)


def render(
    plan: Plan,
    review: Review,
    console: Console,
    ref: str = "PLAN",
    codes: bool = False,
    our_zone: str = "",
) -> None:
    console.print(_title(plan, our_zone))
    if plan.debriefed:
        # After the call the plan is history: what it lacked is the debrief's look-back now.
        held = plan.debrief.held_at if plan.debrief else None
        when = f"{held:%-d %b %Y}" if held else ""
        account = one_line(plan.account) or ref
        notice = messages.check_held(
            plan.debrief.outcome if plan.debrief else "", when, ref, account
        )
        console.print(Text("\n".join(wrap(notice, console.width)), style="bold"))
        console.print(Text(messages.held_readiness(review.readiness), style="dim"))
        return
    ready = Text(messages.readiness_line(review.readiness, len(review.findings)).rstrip(":"))
    ready.stylize(readiness_style(review.readiness))
    console.print(ready)
    if not review.findings:
        return
    console.print()
    for finding in review.findings:
        for line in _finding(finding, console, codes):
            console.print(line)
    console.print()
    console.print(
        Text("\n".join(wrap(summary(review.findings, one_line(ref)), console.width)), style="dim")
    )
