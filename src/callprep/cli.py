"""The command line: parses arguments and hands each command to its module; no logic lives here."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

# pydantic scans every installed package's metadata for plugins on first use (about 8 ms here);
# callprep uses none. A user who wants theirs can still set the variable.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from callprep import __version__

app = typer.Typer(
    name="callprep",
    help=(
        "Prepare every customer call: a clear objective the customer can act on, an agenda "
        "agreed beforehand, the questions still to ask. Then debrief, and carry what you "
        "learned into the next call."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


@dataclass(frozen=True)
class State:
    home: Path | None
    debug: bool


F = TypeVar("F", bound=Callable[..., Any])


def guarded(fn: F) -> F:
    """Turn a CallprepError into one stderr line and its exit code; Ctrl-C into 130."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from callprep.errors import CallprepError

        debug = _state().debug
        try:
            return fn(*args, **kwargs)
        except CallprepError as err:
            if debug:
                raise
            typer.echo(f"callprep: {err.message}" if err.exit_code == 1 else err.message, err=True)
            raise typer.Exit(err.exit_code) from None
        except KeyboardInterrupt:
            if debug:
                raise
            typer.echo("Interrupted.", err=True)
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


# Set by the root callback on every invocation (in-process test runs included).
_STATE = State(None, False)


def _state() -> State:
    return _STATE


def _version(value: bool) -> None:
    if value:
        typer.echo(f"callprep {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            readable=False,  # callprep says what is wrong with a home, in one line
            envvar="CALLPREP_HOME",
            help="Folder of your plans and playbooks [default: your user data folder].",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    global _STATE
    _STATE = State(home, debug)
    ctx.obj = _STATE


def home() -> Path:
    from callprep.store import check_home, resolve_home

    folder = resolve_home(_state().home)
    check_home(folder)
    return folder


class Kind(str, Enum):
    discovery = "discovery"
    demo = "demo"
    proposal = "proposal"
    negotiation = "negotiation"
    review = "review"
    other = "other"


class BriefFormat(str, Enum):
    term = "term"
    md = "md"
    html = "html"
    pdf = "pdf"


class AgendaFormat(str, Enum):
    text = "text"
    md = "md"


class Paper(str, Enum):
    a4 = "a4"
    letter = "letter"


PlanArg = Annotated[
    str,
    typer.Argument(
        metavar="PLAN", help="A plan id, a unique start of one, or a path to a .toml file."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
FromOpt = Annotated[
    Path | None,
    typer.Option(
        "--from",
        help="Take answers from a TOML file in the plan format (any subset).",
        show_default=False,
    ),
]
NoInputOpt = Annotated[
    bool, typer.Option("--no-input", help="Ask nothing; answers not given stay empty.")
]


@app.command()
@guarded
def new(
    account: Annotated[
        str | None, typer.Option(help="The customer's company.", show_default=False)
    ] = None,
    opportunity: Annotated[
        str | None, typer.Option(help="The deal the call is about.", show_default=False)
    ] = None,
    kind: Annotated[Kind | None, typer.Option(help="The kind of call.", show_default=False)] = None,
    when: Annotated[
        str | None,
        typer.Option(
            help="When it starts: 'YYYY-MM-DD HH:MM', local time unless an offset is given.",
            show_default=False,
        ),
    ] = None,
    playbook: Annotated[
        str | None,
        typer.Option(
            help="The checklist to walk [default: standard]. See `callprep playbooks`.",
            show_default=False,
        ),
    ] = None,
    from_file: FromOpt = None,
    no_input: NoInputOpt = False,
    from_ics: Annotated[
        str | None,
        typer.Option(
            "--from-ics",
            metavar="FILE",
            help="Start from a meeting in a calendar file (.ics, or - for stdin): its account, "
            "time, length and people.",
            show_default=False,
        ),
    ] = None,
    uid: Annotated[
        str | None,
        typer.Option(
            "--uid",
            help="Which meeting of the --from-ics file (its UID, or a unique start of it).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Plan a call: walk the checklist with the coach and save the plan. Prints the new plan's id."""
    from callprep.commands import new as command

    command.run(
        home(),
        command.Options(
            account=account,
            opportunity=opportunity,
            kind=kind.value if kind else None,
            when=when,
            playbook=playbook,
            from_file=from_file,
            no_input=no_input,
            from_ics=from_ics,
            uid=uid,
        ),
    )


@app.command("list")
@guarded
def list_(
    account: Annotated[
        str | None, typer.Option(help="Only this account's plans.", show_default=False)
    ] = None,
    upcoming: Annotated[
        bool, typer.Option("--upcoming", help="Only calls in the next 7 days, least ready first.")
    ] = False,
    json: JsonOpt = False,
) -> None:
    """The plans, newest first: when, account, kind, readiness and whether debriefed."""
    from callprep.commands import listing

    listing.run(home(), account=account, upcoming=upcoming, as_json=json)


@app.command()
@guarded
def show(plan: PlanArg, json: JsonOpt = False) -> None:
    """One plan, whole, as its TOML file (or JSON)."""
    from callprep.commands import show as command

    command.run(home(), plan, as_json=json)


class Section(str, Enum):
    call = "call"
    objectives = "objectives"
    agenda = "agenda"
    discovery = "discovery"
    people = "people"
    questions = "questions"


@app.command()
@guarded
def edit(
    plan: PlanArg,
    interview: Annotated[
        bool,
        typer.Option(
            "--interview", help="Go through the questions again instead of opening an editor."
        ),
    ] = False,
    section: Annotated[
        Section | None,
        typer.Option(
            help="Ask only this part of the plan again (implies --interview).", show_default=False
        ),
    ] = None,
) -> None:
    """Change a plan: in $VISUAL or $EDITOR when one is set, else by the interview again.

    In the editor, the plan is checked when you close it and a bad edit is kept aside. By
    interview (no editor set, --interview or --section), every current answer is the default;
    only what you change is saved.
    """
    from callprep.commands import edit as command

    command.run(home(), plan, interview=interview, section=section.value if section else None)


@app.command()
@guarded
def reschedule(
    plan: PlanArg,
    when: Annotated[
        str,
        typer.Argument(
            metavar="WHEN", help='The new start, as you would say it: "Tue 10:00", "3 Dec 15:00".'
        ),
    ],
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes", min=1, max=24 * 60, help="The new length in minutes.", show_default=False
        ),
    ] = None,
) -> None:
    """Move a call to a new time. Its id follows the new date; the old id still finds it."""
    from callprep.commands import reschedule as command

    command.run(home(), plan, when, minutes)


@app.command()
@guarded
def delete(
    plan: Annotated[
        str | None,
        typer.Argument(metavar="[PLAN]", help="The plan to move to the trash.", show_default=False),
    ] = None,
    restore: Annotated[
        str | None,
        typer.Option(
            "--restore", metavar="ID", help="Bring a deleted plan back.", show_default=False
        ),
    ] = None,
) -> None:
    """Move a plan to the trash folder (nothing is ever erased); --restore ID brings it back."""
    from callprep.commands import delete as command

    command.run(home(), plan, restore)


@app.command()
@guarded
def check(
    plan: PlanArg,
    json: JsonOpt = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 if anything is left to fix.")
    ] = False,
    codes: Annotated[
        bool, typer.Option("--codes", help="Show each finding's code and plan field too.")
    ] = False,
) -> None:
    """The coach's review: readiness 0-100 and what to fix before the call."""
    from callprep.commands import check as command

    command.run(home(), plan, as_json=json, strict=strict, codes=codes)


@app.command()
@guarded
def brief(
    plan: PlanArg,
    format: Annotated[
        BriefFormat, typer.Option("--format", "-f", help="Where the brief goes.")
    ] = BriefFormat.term,
    output: Annotated[
        str | None,  # as typed: a Path would turn "" into "." and drop the "/" of "newdir/"
        typer.Option(
            "--output", "-o", help="Write to this file (needed for pdf).", show_default=False
        ),
    ] = None,
    paper: Annotated[Paper, typer.Option(help="Paper size for pdf and html.")] = Paper.a4,
) -> None:
    """The one-page brief to take into the meeting."""
    from callprep.commands import brief as command

    command.run(home(), plan, fmt=format.value, output_path=output, paper=paper.value)


@app.command()
@guarded
def agenda(
    plan: PlanArg,
    ics: Annotated[
        str | None,
        typer.Option(
            "--ics", help="Also write a calendar invite (.ics) to this file.", show_default=False
        ),
    ] = None,
    format: Annotated[
        AgendaFormat, typer.Option("--format", "-f", help="Plain text or Markdown.")
    ] = AgendaFormat.text,
    mark_shared: Annotated[
        bool, typer.Option("--mark-shared", help="Record that you sent the agenda to the customer.")
    ] = False,
    mark_confirmed: Annotated[
        bool,
        typer.Option("--mark-confirmed", help="Record that the customer agreed to the agenda."),
    ] = False,
    long: Annotated[
        bool,
        typer.Option(
            "--long", help="The full message: purpose, outcome and more words around each part."
        ),
    ] = False,
) -> None:
    """Draft the message (and invite) that agrees the agenda with the customer.

    Prints the message to paste into an email: the time in their zone and yours, your
    agenda, what they want from the call, what to bring; under 120 words (--long: the full
    one, with the purpose and the outcome). --ics also writes a calendar invite, tentative
    until they confirm.

    Once you have sent it, record that with --mark-shared; when they agree, --mark-confirmed
    (it implies --mark-shared). A mark updates the plan and prints no message.
    """
    from callprep.commands import agenda as command

    command.run(
        home(),
        plan,
        fmt=format.value,
        ics=ics,
        mark_shared=mark_shared,
        mark_confirmed=mark_confirmed,
        long=long,
    )


@app.command()
@guarded
def debrief(plan: PlanArg, from_file: FromOpt = None, no_input: NoInputOpt = False) -> None:
    """After the call: what it achieved against the objective, and what it taught.

    Asks which objective was reached, what came up off-script, what you learned, the next step
    and the commitments (who does what by when), then sets the outcome against how the call was
    prepared. Run it again to update the debrief: your earlier answers are the defaults.
    --from FILE takes the answers from the [debrief] table of a plan-format TOML file.
    """
    from callprep.commands import debrief as command

    command.run(home(), plan, from_file=from_file, no_input=no_input)


@app.command()
@guarded
def followup(
    plan: PlanArg,
    format: Annotated[
        AgendaFormat, typer.Option("--format", "-f", help="Plain text or Markdown.")
    ] = AgendaFormat.text,
    ics: Annotated[
        str | None,
        typer.Option(
            "--ics",
            help="Also write an invite (.ics) for the next meeting, at the date and time the "
            "next step names.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """After the debrief: the recap to send the customer.

    Thanks, what they wanted from the call and whether it was covered, every commitment on
    both sides with owner and date, and the next step. Built from the debrief and the plan
    alone: nothing is invented, and nothing that is yours alone (the minimum, readiness,
    findings, off-script notes, what you learned of competitors or their view of you).
    """
    from callprep.commands import followup as command

    command.run(home(), plan, fmt=format.value, ics=ics)


@app.command()
@guarded
def done(
    plan: PlanArg,
    numbers: Annotated[
        list[int] | None,
        typer.Argument(
            metavar="[NUMBER]...",
            help="The commitments to mark done, by their number in the list.",
            show_default=False,
        ),
    ] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Mark them open again.")] = False,
) -> None:
    """The commitments made on PLAN's deal, numbered; give numbers to mark them done."""
    from callprep.commands import done as command

    command.run(home(), plan, numbers or [], undo=undo)


@app.command()
@guarded
def stats(
    account: Annotated[
        str | None, typer.Option(help="Only this account's calls.", show_default=False)
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only calls on or after this date (YYYY-MM-DD).", show_default=False),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Your own record: objectives reached, with and without an agreed agenda, stalled deals."""
    from callprep.commands import stats as command

    command.run(home(), account=account, since=since, as_json=json)


@app.command()
@guarded
def playbooks() -> None:
    """The playbooks you can plan with: built-in and your own."""
    from callprep.commands import playbooks as command

    command.run(home())


@app.command("import")
@guarded
def import_(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SOURCE",
            help="An .ics file, a folder of them (a vdir, as vdirsyncer and khal keep), or - for stdin.",
            show_default=False,
        ),
    ] = None,
    days: Annotated[
        int, typer.Option("--days", help="Import the meetings starting in the next N days.")
    ] = 14,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="DAY",
            help='Count the days from this day instead of now ("1 Oct", "2026-10-01").',
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    json: JsonOpt = False,
    account_for: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--account-for",
            metavar="DOMAIN ACCOUNT",
            help="The account for an email domain (or address), for every import: --account-for "
            'northwind-foods.com "Northwind Foods". Plans already imported from it follow, '
            'unless you have prepared them. "" forgets it.',
            show_default=False,
        ),
    ] = None,
) -> None:
    """Plans from your calendar: every meeting with someone outside your company.

    Each meeting starting in the next --days days with an attendee outside your profile's
    domains becomes a plan (account, time, length, people, the description as notes).
    Importing again changes nothing you wrote: moved meetings move, changed people are
    updated, cancelled ones are marked cancelled. Prints a line per plan; --json for scripts.
    """
    from callprep.commands import calendar_import as command

    command.run(
        home(),
        sources or [],
        days=days,
        start=start,
        dry_run=dry_run,
        as_json=json,
        account_for=account_for,
    )


profile_app = typer.Typer(
    help=(
        "Who you are: name, email, company, title, time zone, signature, your email domains, "
        "paper and playbook. Plans, messages and invites use it instead of asking again."
    ),
    no_args_is_help=False,
    rich_markup_mode=None,
)
app.add_typer(profile_app, name="profile")


@profile_app.callback(invoke_without_command=True)
@guarded
def profile(ctx: typer.Context, json: JsonOpt = False) -> None:
    """Show your profile; in a terminal, then ask for what is missing (Enter skips one)."""
    if ctx.invoked_subcommand is not None:
        return
    from callprep.commands import profile as command

    command.run(home(), as_json=json)


@profile_app.command("set")
@guarded
def profile_set(
    key: Annotated[
        str,
        typer.Argument(
            metavar="KEY",
            help="name, email, company, title, timezone, signature, domains, paper or playbook.",
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help='The value; "" clears it. Signature lines are separated by \\n; domains by spaces.',
        ),
    ],
) -> None:
    """Set one key of your profile (callprep profile set timezone Europe/London)."""
    from callprep.commands import profile as command

    command.set_key(home(), key, value)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
