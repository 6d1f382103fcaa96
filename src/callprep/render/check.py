"""The coach's review as text: `callprep check` in the terminal, and the lines the interview shows."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.text import Text

from callprep import coach, messages
from callprep.coach import Finding, Review
from callprep.model import Plan
from callprep.render.listing import readiness_style
from callprep.text import clean, one_line

SEVERITY_STYLE = {"critical": "bold red", "warning": "yellow", "info": "cyan"}
# Messages hang under their code, indented past the mark, so a wrapped line never runs flush left.
INDENT = messages.FINDING_INDENT


def _title(plan: Plan) -> Text:
    title = one_line(" · ".join(p for p in (plan.account, plan.opportunity) if p) or plan.id)
    parts: list[str] = []
    if plan.kind:
        parts.append(f"{plan.kind} call")
    if plan.starts_at is not None:
        parts.append(f"{plan.starts_at:%a %-d %b %Y, %H:%M}")
    text = Text(title or "Untitled call", style="bold")
    if parts:
        text.append(f"  {', '.join(parts)}", style="dim")
    return text


def _finding(finding: Finding, console: Console) -> list[Text]:
    mark, style = messages.SEVERITY_MARKS[finding.severity], SEVERITY_STYLE[finding.severity]
    head = Text.assemble((f" {mark} ", style), (finding.code, "bold"))
    if finding.field:
        head.append(f"  {finding.field}", style="dim")
    body = Text(clean(finding.message)).wrap(console, max(20, console.width - INDENT))
    lines = [head]
    for line in body:
        line.rstrip()
        lines.append(Text(" " * INDENT) + line)
    return lines


def summary(found: list[Finding], ref: str) -> str:
    counts = Counter(f.severity for f in found)
    parts = [
        messages.severity_count(severity, counts[severity])
        for severity in coach.SEVERITY_ORDER
        if counts[severity]
    ]
    return messages.check_summary(len(found), parts, ref)


def render(plan: Plan, review: Review, console: Console, ref: str = "PLAN") -> None:
    console.print(_title(plan))
    ready = Text(messages.readiness_line(review.readiness, len(review.findings)).rstrip(":"))
    ready.stylize(readiness_style(review.readiness))
    console.print(ready)
    if not review.findings:
        return
    console.print()
    for finding in review.findings:
        for line in _finding(finding, console):
            console.print(line)
    console.print()
    console.print(Text(summary(review.findings, one_line(ref)), style="dim"))
