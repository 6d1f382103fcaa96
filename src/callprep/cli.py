"""The command line: parses arguments and hands each command to its module; no logic lives here."""

# No `from __future__ import annotations` here: typer reads every command's signature at each
# start, and string annotations cost it an eval apiece (hundreds, ~8 ms of every start).
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from callprep import __version__, typer_patches

typer_patches.apply()

app = typer.Typer(
    name="callprep",
    help=(
        "Prepare every customer call: a clear objective the customer can act on, an agenda "
        "agreed beforehand, the questions still to ask. Then debrief, and carry what you "
        "learned into the next call."
    ),
    add_completion=False,
    invoke_without_command=True,
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
        from callprep.errors import CallprepError  # deferred: --help loads none of ours

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
            metavar="FOLDER",
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
    if ctx.invoked_subcommand is None:
        _start_here(ctx)


@guarded
def _start_here(ctx: typer.Context) -> None:
    """`callprep` alone: in an empty store, the three things to do first; else the help."""
    from callprep.plans.store import Store  # deferred: pydantic, for `callprep` alone

    if Store(home()).plan_ids():
        typer.echo(ctx.get_help())
    else:
        from callprep import messages  # deferred: --help loads none of ours

        for line in messages.START_HERE:
            typer.echo(line)
    raise typer.Exit(0)


def home() -> Path:
    from callprep.plans.home import check_home, resolve_home  # deferred: not for --help

    folder = resolve_home(_state().home)
    check_home(folder)
    return folder


def choice(*values: str, what: str) -> Callable[[str], str]:
    """A parser for an option that takes one of `values`, refusing others in the seller's words."""

    def parse(value: str) -> str:
        if value in values:
            return value
        listed = ", ".join(values[:-1]) + f" or {values[-1]}"
        raise typer.BadParameter(f"{value!r} is no {what}; use {listed}")

    return parse


def whole_number(what: str) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            return int(value)
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not {what}") from None

    return parse


def completes(kind: str) -> Callable[..., list[str]]:
    """What a PLAN-like argument completes to on Tab: read from the store only when the shell
    asks (`commands.completion`: no plan model, no pydantic)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from callprep.commands import completion  # deferred: only when the shell asks
        from callprep.plans.home import resolve_home  # deferred: only when the shell asks

        try:
            folder = resolve_home(ctx.find_root().params.get("home"))
        except Exception:  # a Tab never prints a traceback: nothing to offer
            return []
        if kind == "conflict":
            return completion.conflict_names(folder, incomplete)
        if kind == "trash":
            return completion.trashed(folder, incomplete)
        if kind == "account":
            return completion.account_names(folder, incomplete)
        return completion.plan_refs(folder, incomplete)

    return complete


def offers(*values: str) -> Callable[[str], list[str]]:
    """An option's values, completed on Tab."""

    def complete(incomplete: str) -> list[str]:
        return [value for value in values if value.startswith(incomplete)]

    return complete


KINDS = ("discovery", "demo", "proposal", "negotiation", "review", "other")
BRIEF_FORMATS = ("term", "md", "html", "pdf")
AGENDA_FORMATS = ("text", "md")
PAPERS = ("a4", "letter")
SECTIONS = ("call", "objectives", "agenda", "discovery", "people", "questions")
# The profile's keys, as plans/profile.py has them (tests/test_completion.py holds the two
# together): here for completion, which must not load the profile's model.
PROFILE_KEYS = (
    "name", "email", "company", "title", "timezone", "signature", "domains", "paper", "playbook"
)  # fmt: skip


def _bar(values: tuple[str, ...]) -> str:
    return "|".join(values)


def format_option(formats: tuple[str, ...], what: str, help_text: str) -> Any:
    """`--format`/`-f`, one of `formats`, refused in the seller's words otherwise."""
    return typer.Option(
        "--format",
        "-f",
        parser=choice(*formats, what=what),
        metavar=_bar(formats),
        help=help_text,
        autocompletion=offers(*formats),
    )


def output_option(help_text: str) -> Any:
    """`--output`/`-o FILE`, kept as typed: a Path would turn "" into "." and drop the "/" of
    "newdir/", which the file checks need to see."""
    return typer.Option("--output", "-o", metavar="FILE", help=help_text, show_default=False)


MessageFormatOpt = Annotated[
    str, format_option(AGENDA_FORMATS, "message format", "Plain text or Markdown.")
]


PlanArg = Annotated[
    str,
    typer.Argument(
        metavar="PLAN",
        help="A plan id (or a unique start of one), a path to a .toml file, or an account name.",
        autocompletion=completes("plan"),
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
OwnerOpt = Annotated[
    str | None,
    typer.Option(
        "--owner",
        metavar="EMAIL|me|all",
        help="Whose plans: yours, everybody's, or one seller's [default: me in a team store, "
        "else all].",
        show_default=False,
        autocompletion=offers("me", "all"),
    ),
]
FromOpt = Annotated[
    Path | None,
    typer.Option(
        "--from",
        metavar="FILE",
        help="Take answers from a TOML file in the plan format (any subset).",
        show_default=False,
    ),
]
NoInputOpt = Annotated[
    bool, typer.Option("--no-input", help="Ask nothing; answers not given stay empty.")
]


# Each command imports its module when it runs: `--help` loads none of them, and a command
# loads its own alone (see benchmarks/startup.py).


@app.command()
@guarded
def new(
    account: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The customer's company.",
            show_default=False,
            autocompletion=completes("account"),
        ),
    ] = None,
    opportunity: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="The deal the call is about.", show_default=False),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            parser=choice(*KINDS, what="kind of call"),
            metavar=_bar(KINDS),
            help="The kind of call.",
            show_default=False,
            autocompletion=offers(*KINDS),
        ),
    ] = None,
    when: Annotated[
        str | None,
        typer.Option(
            metavar="WHEN",
            help='When it starts, as you would say it ("Tue 10:00", "3 Dec 15:00"), in your time zone unless you name one.',
            show_default=False,
        ),
    ] = None,
    playbook: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The checklist to walk [default: your profile's, else standard]. See `callprep playbooks`.",
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
            metavar="UID",
            help="Which meeting of the --from-ics file (its UID, or a unique start of it).",
            show_default=False,
        ),
    ] = None,
    new_account: Annotated[
        bool,
        typer.Option(
            "--new-account",
            help="--account names a new account, even where it starts the name of one you have.",
        ),
    ] = False,
) -> None:
    """Plan a call: walk the checklist with the coach and save the plan. Prints the new plan's id."""
    from callprep.commands import new as command

    command.run(
        home(),
        command.Options(
            account=account,
            opportunity=opportunity,
            kind=kind,
            when=when,
            playbook=playbook,
            from_file=from_file,
            no_input=no_input,
            from_ics=from_ics,
            uid=uid,
            new_account=new_account,
        ),
    )


@app.command("list")
@guarded
def list_(
    account: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only this account's plans.",
            show_default=False,
            autocompletion=completes("account"),
        ),
    ] = None,
    upcoming: Annotated[
        bool, typer.Option("--upcoming", help="Only calls in the next 7 days, least ready first.")
    ] = False,
    json: JsonOpt = False,
    owner: OwnerOpt = None,
) -> None:
    """The plans, newest first: when, account, kind, readiness and whether debriefed."""
    from callprep.commands import listing

    listing.run(home(), account=account, upcoming=upcoming, as_json=json, owner=owner)


@app.command()
@guarded
def show(plan: PlanArg, json: JsonOpt = False) -> None:
    """One plan, whole, as its TOML file (or JSON)."""
    from callprep.commands import show as command

    command.run(home(), plan, as_json=json)


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
        str | None,
        typer.Option(
            parser=choice(*SECTIONS, what="part of a plan"),
            metavar=_bar(SECTIONS),
            help="Ask only this part of the plan again (implies --interview).",
            show_default=False,
            autocompletion=offers(*SECTIONS),
        ),
    ] = None,
) -> None:
    """Change a plan: in $VISUAL or $EDITOR when one is set, else by the interview again.

    In the editor, the plan is checked when you close it and a bad edit is kept aside. By
    interview (no editor set, --interview or --section), every current answer is the default;
    only what you change is saved.
    """
    from callprep.commands import edit as command

    command.run(home(), plan, interview=interview, section=section)


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
            "--minutes",
            parser=whole_number("a number of minutes"),
            metavar="N",
            help="The new length in minutes.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Move a meeting imported from your calendar anyway: imports keep this time "
            "until the calendar moves the meeting.",
        ),
    ] = False,
) -> None:
    """Move a call to a new time. Its id follows the new date; the old id still finds it."""
    from callprep.commands import reschedule as command

    command.run(home(), plan, when, minutes, force)


@app.command()
@guarded
def delete(
    plan: Annotated[
        str | None,
        typer.Argument(
            metavar="PLAN",
            help="The plan to move to the trash.",
            show_default=False,
            autocompletion=completes("plan"),
        ),
    ] = None,
    restore: Annotated[
        str | None,
        typer.Option(
            "--restore",
            metavar="ID",
            help="Bring a deleted plan back.",
            show_default=False,
            autocompletion=completes("trash"),
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
        str,
        format_option(
            BRIEF_FORMATS,
            "brief format",
            "Where the brief goes: the terminal, Markdown, HTML or PDF.",
        ),
    ] = "term",
    output: Annotated[str | None, output_option("Write to this file (needed for pdf).")] = None,
    paper: Annotated[
        str | None,
        typer.Option(
            parser=choice(*PAPERS, what="paper size"),
            metavar=_bar(PAPERS),
            help="Paper size for pdf and html [default: your profile's, else a4].",
            show_default=False,
            autocompletion=offers(*PAPERS),
        ),
    ] = None,
    share: Annotated[
        bool,
        typer.Option(
            "--share",
            help="A page that can lie on the customer's side of the table: no minimum outcome, "
            "readiness, findings or private notes about them.",
        ),
    ] = False,
) -> None:
    """The one-page brief to take into the meeting."""
    from callprep.commands import brief as command

    command.run(home(), plan, fmt=format, output_path=output, paper=paper, share=share)


@app.command()
@guarded
def agenda(
    plan: PlanArg,
    ics: Annotated[
        str | None,
        typer.Option(
            "--ics",
            metavar="FILE",
            help="Also write a calendar invite (.ics) to this file.",
            show_default=False,
        ),
    ] = None,
    format: MessageFormatOpt = "text",
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
        fmt=format,
        ics=ics,
        mark_shared=mark_shared,
        mark_confirmed=mark_confirmed,
        long=long,
    )


TranscriptOpt = Annotated[
    str | None,
    typer.Option(
        "--transcript",
        metavar="FILE",
        help="The call's transcript (.vtt, .srt or text; - for stdin): what it shows becomes "
        "the answers' defaults.",
        show_default=False,
    ),
]
OursOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ours",
        metavar="NAME",
        help="A speaker on our side (again for each); the plan's people and your profile's "
        "name are known already.",
        show_default=False,
    ),
]


@app.command()
@guarded
def debrief(
    plan: PlanArg,
    from_file: FromOpt = None,
    no_input: NoInputOpt = False,
    transcript: TranscriptOpt = None,
    ours: OursOpt = None,
) -> None:
    """After the call: what it achieved against the objective, and what it taught.

    Asks which objective was reached, what came up off-script, what you learned, the next step
    and the commitments (who does what by when), then sets the outcome against how the call was
    prepared. Run it again to update the debrief: your earlier answers are the defaults.
    --from FILE takes the answers from the [debrief] table of a plan-format TOML file.
    --transcript FILE starts from what the call's transcript shows: its commitments, what the
    customer told you, the planned questions asked; with --no-input, that is saved as found.
    """
    from callprep.commands import debrief as command

    command.run(
        home(),
        plan,
        from_file=from_file,
        no_input=no_input,
        transcript=transcript,
        ours=ours or [],
    )


@app.command()
@guarded
def transcript(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="A transcript: WebVTT (Zoom, Teams, Meet), SRT, or text with Name: lines "
            "(Otter, Fathom, copy-paste); - for stdin.",
        ),
    ],
    plan: Annotated[
        str | None,
        typer.Option(
            "--plan",
            metavar="PLAN",
            help="The call's plan: held against its agenda, questions and unknowns.",
            show_default=False,
        ),
    ] = None,
    ours: OursOpt = None,
    json: JsonOpt = False,
) -> None:
    """What a call's transcript shows: talk time, questions, commitments; nothing is saved.

    Who talked how much (our share of it), the longest monologues, the questions each side
    asked, the commitments both sides made with their dates and the next step. With --plan:
    which agenda items were covered, which planned questions asked, what the customer told you
    that the plan did not know, and the stretches off the agenda. Read on your machine; to keep
    any of it, use `callprep debrief PLAN --transcript FILE`.
    """
    from callprep.commands import transcript as command

    command.run(home(), file, plan_ref=plan, ours=ours or [], as_json=json)


@app.command()
@guarded
def followup(
    plan: PlanArg,
    format: MessageFormatOpt = "text",
    ics: Annotated[
        str | None,
        typer.Option(
            "--ics",
            metavar="FILE",
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

    command.run(home(), plan, fmt=format, ics=ics)


@app.command()
@guarded
def done(
    plan: PlanArg,
    numbers: Annotated[
        list[int] | None,
        typer.Argument(
            metavar="NUMBER",
            parser=whole_number("a commitment number (1, 2, …: see the list)"),
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
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only this account's calls.",
            show_default=False,
            autocompletion=completes("account"),
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help='Only calls on or after this day ("1 Jan", "2026-01-01", "start of the month").',
            show_default=False,
        ),
    ] = None,
    json: JsonOpt = False,
    owner: OwnerOpt = None,
    by_owner: Annotated[
        bool,
        typer.Option("--by-owner", help="Each seller's figures too (by_owner in --json)."),
    ] = False,
) -> None:
    """Your own record: objectives reached, with and without an agreed agenda, stalled deals."""
    from callprep.commands import stats as command

    command.run(
        home(),
        account=account,
        since=since,
        as_json=json,
        owner=owner,
        per_owner=by_owner,
    )


@app.command()
@guarded
def playbooks() -> None:
    """The playbooks you can plan with: built-in and your own."""
    from callprep.commands import playbooks as command

    command.run(home())


DEAL_FORMATS = ("term", "md", "html")


@app.command()
@guarded
def deal(
    plan: Annotated[
        str,
        typer.Argument(
            metavar="PLAN|ACCOUNT",
            help="A plan of the deal (id, start of one, or path), or its account (or a start of it).",
            autocompletion=completes("plan"),
        ),
    ],
    opportunity: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="The deal, when the account has several.", show_default=False
        ),
    ] = None,
    json: JsonOpt = False,
    format: Annotated[
        str,
        format_option(
            DEAL_FORMATS, "format for the deal", "Where it goes: the terminal, Markdown or HTML."
        ),
    ] = "term",
    action_plan: Annotated[
        bool,
        typer.Option(
            "--plan",
            help="The mutual action plan to share with the customer: the agreed steps on both "
            "sides, with owners and dates, and nothing that is ours alone.",
        ),
    ] = False,
    output: Annotated[str | None, output_option("Write md or html to this file.")] = None,
    owner: OwnerOpt = None,
) -> None:
    """The deal as one story: its calls, the people and their stance, what is open and unknown."""
    from callprep.commands import deal as command

    command.run(
        home(),
        plan,
        opportunity=opportunity,
        as_json=json,
        fmt=format,
        action_plan=action_plan,
        output_path=output,
        owner=owner,
    )


team_app = typer.Typer(
    help=(
        "Share one store with your team through git: callprep drives git, nothing else. "
        "`team init URL` shares this store; `team join URL` takes the team's."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(team_app, name="team")

UrlArg = Annotated[
    str,
    typer.Argument(
        metavar="URL",
        help="The team's git repository: a path, ssh (git@host:team/plans.git) or https.",
    ),
]


@team_app.command("init")
@guarded
def team_init(url: UrlArg) -> None:
    """Share this store with the team: URL is an empty repository; plans and playbooks go there.

    Never shared: drafts, the cache, the trash and your profile.
    """
    from callprep.commands import team as command

    command.init(home(), url)


@team_app.command("join")
@guarded
def team_join(url: UrlArg) -> None:
    """Make this store a copy of the team's at URL; plans already here are kept and added."""
    from callprep.commands import team as command

    command.join(home(), url)


EXPORT_FORMATS = ("csv", "jsonl", "sqlite")


@app.command()
@guarded
def review(
    days: Annotated[
        int,
        typer.Option(
            "--days",
            parser=whole_number("a number of days"),
            metavar="N",
            help="How many days ahead (coming calls) and back (continuations) to look.",
        ),
    ] = 2,
    json: JsonOpt = False,
) -> None:
    """The manager's queue across the team: coming calls least ready first, with owner and the
    costliest gap; recent continuations; stalled deals."""
    from callprep.commands import review as command

    command.run(home(), days=days, as_json=json)


@app.command()
@guarded
def export(
    format: Annotated[
        str,
        format_option(
            EXPORT_FORMATS,
            "export format",
            "csv (calls, and commitments beside them), jsonl, or an SQLite database.",
        ),
    ] = "sqlite",
    output: Annotated[
        str | None, output_option("Where to write it (jsonl may go to the terminal).")
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="EMAIL|me|all",
            help="Whose plans [default: all].",
            show_default=False,
            autocompletion=offers("me", "all"),
        ),
    ] = None,
) -> None:
    """The store as tables for a team dashboard: one row per call (outcome, readiness, owner,
    agenda state) and one per commitment. `datasette team.db` puts a website on top."""
    from callprep.commands import export as command

    command.run(home(), format, output, owner)


@app.command()
@guarded
def sync() -> None:
    """Send your changes to the team store and bring the team's; both versions of a conflict stay.

    One commit per sync. Offline, it says so and keeps your changes for the next sync.
    """
    from callprep.commands import team as command

    command.sync(home())


@app.command()
@guarded
def resolve(
    plan: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The plan with a conflict copy: its id (or a start of it, or its account), or "
            "the copy's name as sync gives it.",
            autocompletion=completes("conflict"),
        ),
    ],
    mine: Annotated[
        bool, typer.Option("--mine", help="Take your version of every field that differs.")
    ] = False,
    theirs: Annotated[
        bool, typer.Option("--theirs", help="Take the other version of every field that differs.")
    ] = False,
) -> None:
    """Make a team conflict one plan again: the plan and its copy field by field, yours or theirs.

    Shows each field the two versions hold differently and asks which to keep (Enter keeps
    the plan's), or takes one side for all with --mine or --theirs. Mine is your version: the
    copy named after you, else the plan. The plan is written under its lock and the copy goes
    to the trash; `callprep sync` shares the result.
    """
    from callprep.commands import resolve as command

    command.run(home(), plan, command.check_sides(mine, theirs))


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
        int,
        typer.Option(
            "--days",
            parser=whole_number("a number of days"),
            metavar="N",
            help="Import the meetings starting in the next N days.",
        ),
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


def profile_values(ctx: typer.Context, incomplete: str) -> list[str]:
    """`profile set paper` completes a4 or letter; `profile set timezone` the zones' names."""
    key = ctx.params.get("key")
    if key == "paper":
        return [paper for paper in PAPERS if paper.startswith(incomplete)]
    if key == "timezone":
        from zoneinfo import available_timezones  # deferred: only a Tab after `timezone`

        return sorted(z for z in available_timezones() if z.lower().startswith(incomplete.lower()))
    return []


@profile_app.command("set")
@guarded
def profile_set(
    key: Annotated[
        str,
        typer.Argument(
            metavar="KEY",
            help="name, email, company, title, timezone, signature, domains, paper or playbook.",
            autocompletion=offers(*PROFILE_KEYS),
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help='The value; "" clears it. Signature lines are separated by \\n; domains by spaces.',
            autocompletion=profile_values,
        ),
    ],
) -> None:
    """Set one key of your profile (callprep profile set timezone Europe/London)."""
    from callprep.commands import profile as command

    command.set_key(home(), key, value)


COMPLETE_VAR = "_CALLPREP_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


@app.command()
@guarded
def completion(
    shell: Annotated[
        str,
        typer.Argument(
            metavar=_bar(SHELLS),
            parser=choice(*SHELLS, what="shell callprep completes in"),
            help="Your shell.",
            autocompletion=offers(*SHELLS),
        ),
    ],
    install: Annotated[
        bool,
        typer.Option(
            "--install",
            help="Write it where your shell looks for it (making the folders it needs) instead "
            "of printing it.",
        ),
    ] = False,
) -> None:
    """Complete callprep on Tab: commands, options, plan ids, accounts and values.

    `callprep completion bash --install` writes the script where your shell finds it by
    itself (bash: ~/.local/share/bash-completion/completions/callprep; zsh: ~/.zfunc/_callprep;
    fish: ~/.config/fish/completions/callprep.fish), making the folders a fresh machine lacks,
    and says what else the shell needs. Without --install it prints the script.
    """
    from typer._completion_shared import get_completion_script

    from callprep.commands import completion as command

    script = get_completion_script(prog_name="callprep", complete_var=COMPLETE_VAR, shell=shell)
    if not install:
        typer.echo(command.script_for(shell, script).rstrip("\n"))
        return
    command.report(shell, command.install(shell, script))


def main() -> None:
    if COMPLETE_VAR in os.environ:  # the shell asks what completes the line: only then load it
        from typer._completion_classes import completion_init

        completion_init()
    app(prog_name="callprep")  # `python -m callprep` too: the same usage lines and completion


if __name__ == "__main__":  # pragma: no cover
    main()
