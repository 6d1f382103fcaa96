"""Make docs/deal-terminal.png: `callprep deal` on a three-call example deal, as the terminal shows it.

The deal is built through the command line (`new --from`, `debrief --from`) in a temporary
store; its terminal view is recorded with rich and converted with `rsvg-convert`
(Debian: `apt-get install librsvg2-bin`).

    python docs/deal_picture.py
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 29)

FILES = {
    "first.toml": """
account = "Acme Logistics"
opportunity = "Warehouse automation"
kind = "discovery"
starts_at = 2026-11-03T10:00:00+00:00
duration_minutes = 45
[objective]
best = "Dana books a site visit at the Leeds warehouse for next week"
minimum = "Dana sends us last quarter's picking error log"
customer = "Understand what automating picking would take"
[discovery]
why_looking = "Picking errors cost them two big customers this year"
urgency = "Peak season starts in March"
[[attendees]]
name = "Dana Lee"
role = "Head of operations"
email = "dana.lee@acme-logistics.example"
influence = "user"
stance = "supporter"
[[attendees]]
name = "Warehouse manager (name tbc)"
[[attendees]]
name = "Sam Okafor"
role = "Account executive"
side = "ours"
""",
    "first-debrief.toml": """
[debrief]
outcome = "best"
summary = "Dana keen; the warehouse manager quiet"
next_step = "Site visit at Leeds on 12 Nov"
[[debrief.commitments]]
who = "ours"
what = "Send two reference customers of their size"
due = 2026-11-06
done = true
[[debrief.commitments]]
who = "customer"
what = "Send last quarter's picking error log"
due = 2026-11-10
done = true
""",
    "second.toml": """
account = "Acme Logistics"
kind = "demo"
starts_at = 2026-11-12T10:00:00+00:00
duration_minutes = 60
[objective]
best = "Dana agrees to a 30-day pilot at Leeds starting 5 Jan"
minimum = "Dana introduces us to the finance director"
customer = "See the system run on their own pick lists"
""",
    "second-debrief.toml": """
[debrief]
outcome = "none"
summary = "Tom Ellis sceptical about staff reactions; Dana still keen"
next_step = "Pilot proposal call on 2 Dec"
risks = ["Union consultation needed before any automation"]
off_script = ["They also run a cold-chain fleet out of Leeds"]
new_opportunities = ["They also run a cold-chain fleet out of Leeds"]
[[debrief.commitments]]
who = "customer"
what = "Introduce us to the finance director"
due = 2026-11-20
[[debrief.commitments]]
who = "ours"
what = "Draft the pilot plan with success measures"
due = 2026-11-30
[[attendees]]
was = "Warehouse manager (name tbc)"
name = "Tom Ellis"
role = "Warehouse manager, Leeds"
influence = "technical"
stance = "sceptic"
""",
    "third.toml": """
account = "Acme Logistics"
kind = "proposal"
starts_at = 2026-12-02T10:00:00+00:00
duration_minutes = 45
[objective]
best = "Dana and the finance director agree the pilot scope and price"
""",
}


def callprep(home: Path, *args: str) -> str:
    env = {**os.environ, "CALLPREP_HOME": str(home)}
    command = [sys.executable, "-m", "callprep", *args]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def build(folder: Path) -> Path:
    home = folder / "home"
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    for plan, debrief in (("first", "first-debrief"), ("second", "second-debrief"), ("third", "")):
        plan_id = callprep(home, "new", "--from", str(folder / f"{plan}.toml"), "--no-input")
        if debrief:
            path = str(folder / f"{debrief}.toml")
            callprep(home, "debrief", plan_id.strip(), "--from", path, "--no-input")
    return home


def lead_spaces_as_offsets(svg: str) -> str:
    """rsvg drops the leading spaces of a text run: move the run right by as many cells."""

    def fix(found: re.Match[str]) -> str:
        attrs, text = found.group(1), html.unescape(found.group(2))
        lead = len(text) - len(text.lstrip("\u00a0 "))
        if not lead or not text.strip("\u00a0 "):
            return found.group(0)
        x = float(re.search(r' x="([\d.]+)"', attrs).group(1))  # type: ignore[union-attr]
        width = float(re.search(r' textLength="([\d.]+)"', attrs).group(1))  # type: ignore[union-attr]
        cell = width / len(text)
        attrs = re.sub(r' x="[\d.]+"', f' x="{x + lead * cell:.1f}"', attrs)
        attrs = re.sub(r' textLength="[\d.]+"', f' textLength="{width - lead * cell:.1f}"', attrs)
        rest = html.escape(text[lead:]).replace(" ", "&#160;").replace("\u00a0", "&#160;")
        return f"<text{attrs}>{rest}</text>"

    return re.sub(r"<text([^>]*)>([^<]*)</text>", fix, svg)


def main() -> None:
    from rich.console import Console
    from rich.terminal_theme import MONOKAI

    from callprep.deal import deal
    from callprep.plans.store import Store
    from callprep.render import deal as view

    with tempfile.TemporaryDirectory() as folder, open(os.devnull, "w") as nowhere:
        home = build(Path(folder))
        story = deal.story(deal.find_deal(Store(home), "acme"), TODAY)
        console = Console(
            record=True, width=96, force_terminal=True, color_system="truecolor", file=nowhere
        )
        view.render_term(story, console)
        svg = Path(folder) / "deal.svg"
        svg.write_text(
            lead_spaces_as_offsets(console.export_svg(title="callprep deal acme", theme=MONOKAI)),
            encoding="utf-8",
        )
        target = HERE / "deal-terminal.png"
        subprocess.run(["rsvg-convert", "-z", "0.8", str(svg), "-o", str(target)], check=True)
        print(f"Wrote {target}")


if __name__ == "__main__":
    main()
