"""The coach's review in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from callprep import messages
from callprep.coach import Review
from callprep.model import Plan
from callprep.render.listing import readiness_style
from callprep.render.safe import one_line

SEVERITY_MARK = {"critical": ("✗", "bold red"), "warning": ("!", "yellow"), "info": ("·", "cyan")}


def render(plan: Plan, review: Review, console: Console) -> None:
    title = one_line(" · ".join(p for p in (plan.account, plan.opportunity) if p) or plan.id)
    console.print(
        Text.assemble(
            (title, "bold"),
            "  ",
            (f"readiness {review.readiness}/100", readiness_style(review.readiness)),
        )
    )
    if not review.findings:
        console.print(Text(messages.readiness_line(review.readiness, 0), style="green"))
        return
    for finding in review.findings:
        mark, style = SEVERITY_MARK[finding.severity]
        console.print(
            Text.assemble((f" {mark} ", style), (finding.code, "dim"), "\n   ", finding.message)
        )
