"""Every command the README and docs/ show is run, or at least parsed against the CLI.

The pages mark what a test does with an HTML comment on the line before a fenced block (GitHub
shows nothing of it) or on a line of its own:

- `<!-- runnable -->` before a ```` ```sh ```` block: each command in it runs, in page order,
  in a fresh folder holding a copy of examples/, with the store in `home/` (the profile's zone
  Europe/London), NO_COLOR=1, COLUMNS=80 and the clock frozen at Monday 30 November 2026,
  09:00 London time. Each command must exit 0. Options after a comma:
  `<!-- runnable, at 2026-12-03 21:30 -->` moves the clock (London time) for this block and
  the ones after it; `<!-- runnable, exit 1 -->` expects the block's last command to exit 1.
- `<!-- output -->` before a fenced block: its lines are lines of what the last runnable block
  printed, in the same order (leading and trailing spaces ignored).
- `<!-- output: TEXT -->` on a line of its own: the last runnable block printed TEXT, and the
  page quotes it (both compared ignoring case and how the lines wrap). A figure in prose, such
  as a readiness, is so always the one the run gives.
- `<!-- file: PATH -->` before a fenced block: the block is written to PATH (in the folder;
  `<home>/` for the store) before the next block runs, as the page tells the reader to.

Commands run in-process through the CLI (`callprep ...`), or as programs (`git ...`). A line may
chain commands with `&&` and send stdout to a file with `> FILE`; nothing else of a shell.

Every other `callprep` command in a ```` ```sh ```` block or an inline code span is parsed: the
command must exist and its options and values must be the CLI's. Interactive commands (`new`
without answers, `debrief` without `--from`) are shown that way, beside a runnable equivalent.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import subprocess
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
import typer
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer import _click  # typer 0.29 carries its own click (cli.py adjusts it too)
from typer.testing import CliRunner

from callprep import output
from callprep.cli import app
from tests.conftest import EXAMPLES, ROOT

README = ROOT / "README.md"
# The contract may name commands still to come: it is the ask, not the manual.
PAGES = [README, *(p for p in sorted((ROOT / "docs").glob("*.md")) if p.name != "SPEC.md")]
README_LIMIT = 12_000
ZONE = ZoneInfo("Europe/London")
START = dt.datetime(2026, 11, 30, 9, 0, tzinfo=ZONE)
PROGRAMS = {"git"}  # what a runnable block may run besides callprep
SHELL_LANGUAGES = {"bash", "shell", "console", "zsh", "shell-session"}
MARK = re.compile(r"<!--\s*(.*?)\s*-->", re.S)
OPERATORS = {"&&", "|", "||", ";", ">", ">>", "<", "<<", "&", "2>", "|&"}


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table"])


def tokens_of(page: Path) -> list[Token]:
    return parser().parse(page.read_text(encoding="utf-8"))


def name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


# --- what a page asks ----------------------------------------------------------------------------


@dataclass
class Step:
    """One thing the doc test does, in page order."""

    kind: str  # run, lines, text, file
    line: int  # 1-based, where the block or mark is
    text: str = ""  # the block's content, or the quoted text
    at: dt.datetime | None = None
    exit_code: int = 0
    path: str = ""


def marks(token: Token) -> list[str]:
    return MARK.findall(token.content)


def run_mark(mark: str, line: int) -> Step:
    step = Step("run", line)
    for option in (part.strip() for part in mark.split(",")[1:]):
        if option.startswith("at "):
            when = dt.datetime.fromisoformat(option.removeprefix("at ").strip())
            step.at = when.replace(tzinfo=ZONE)
        elif option.startswith("exit "):
            step.exit_code = int(option.removeprefix("exit "))
        else:
            raise AssertionError(f"line {line}: unknown option {option!r} in {mark!r}")
    return step


def steps_of(page: Path) -> list[Step]:
    """The marks of a page, each with the block it stands before."""
    tokens = [t for t in tokens_of(page) if t.type in ("html_block", "fence")]
    steps: list[Step] = []
    for index, token in enumerate(tokens):
        if token.type != "html_block":
            continue
        line = (token.map or [0, 0])[1]  # the mark's last line
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        fence = nxt if nxt is not None and nxt.type == "fence" and nxt.map else None
        adjacent = fence is not None and token.map is not None and fence.map[0] == token.map[1]
        for mark in marks(token):
            word = re.split(r"[\s:,]", mark, maxsplit=1)[0]
            if word in ("runnable", "file") or mark == "output":
                assert adjacent and fence, f"{name(page)}:{line}: {mark!r} stands before no block"
                at = line + 1  # the block's first line
                if word == "runnable":
                    assert fence.info.strip() == "sh", f"{name(page)}:{line}: not a sh block"
                    step = run_mark(mark, at)
                    step.text = fence.content
                elif word == "file":
                    step = Step("file", at, fence.content, path=mark.split(":", 1)[1].strip())
                else:
                    step = Step("lines", at, fence.content)
                steps.append(step)
            elif mark.startswith("output:"):
                steps.append(Step("text", line, mark.split(":", 1)[1].strip()))
            else:
                raise AssertionError(f"{name(page)}:{line}: unknown mark {mark!r}")
    return steps


# --- reading a shell line ------------------------------------------------------------------------


def logical_lines(block: str) -> Iterator[str]:
    """The block's lines, a trailing backslash joining the next."""
    pending = ""
    for raw in block.splitlines():
        if raw.rstrip().endswith("\\"):
            pending += raw.rstrip()[:-1] + " "
            continue
        line, pending = pending + raw, ""
        if line.strip() and not line.lstrip().startswith("#"):
            yield line


def words(line: str) -> list[str]:
    """The line as a shell reads it: words and operators, comments dropped."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    return list(lexer)


def commands(line: str) -> list[list[str]]:
    """The commands a line chains, split at its operators (the operators kept as commands)."""
    found: list[list[str]] = [[]]
    for word in words(line):
        if word in OPERATORS:
            found += [[word], []]
        else:
            found[-1].append(word)
    return [command for command in found if command]


def callprep_args(line: str) -> list[list[str]]:
    """The arguments of every callprep command on the line, placeholders such as `…` dropped."""
    found: list[list[str]] = []
    for command in commands(line):
        if command[0] == "callprep":
            found.append([word for word in command[1:] if word not in ("…", "...")])
    return found


# --- checking a command against the CLI without running it --------------------------------------


def check_args(args: list[str]) -> None:
    """Parse `callprep ARGS` as the CLI would: the command exists, its options are known and
    their values allowed. Raises click's error when not."""
    command = typer.main.get_command(app)
    info_name, rest, parent = "callprep", list(args), None
    while True:
        try:
            ctx = command.make_context(info_name, rest, parent=parent)
        except typer.Exit as stop:  # --help or --version: parsed, then left
            assert stop.exit_code == 0
            return
        if not isinstance(command, typer.core.TyperGroup):
            return
        # click keeps a group's subcommand and its arguments apart from the group's own.
        rest = [*getattr(ctx, "_protected_args", []), *ctx.args]
        if not rest:
            return
        sub_name, sub, rest = command.resolve_command(ctx, rest)
        assert sub is not None and sub_name is not None
        command, info_name, parent = sub, sub_name, ctx


def parse_problem(args: list[str], named: bool = False) -> str | None:
    """What the CLI says against the command, if anything. A command `named` in prose
    ("`callprep brief` prints the page") may leave its arguments out."""
    try:
        check_args(args)
    except _click.exceptions.MissingParameter as problem:
        return None if named else problem.format_message()
    except _click.ClickException as problem:
        return problem.format_message()
    return None


# --- running a page ------------------------------------------------------------------------------


@dataclass
class Session:
    """A page's folder, store and clock while its blocks run."""

    folder: Path
    home: Path
    page: str
    printed: list[str] = field(default_factory=list)
    runner: CliRunner = field(default_factory=CliRunner)

    def callprep(self, args: list[str], stdout_to: str | None) -> tuple[int, str]:
        output.reset()
        result = self.runner.invoke(app, args)
        printed = result.stderr if stdout_to else result.output
        if stdout_to:
            (self.folder / stdout_to).write_text(result.stdout, encoding="utf-8")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            trace = "".join(traceback.format_exception(result.exception))
            # Only --debug lets an error out as a traceback; anything else is a bug.
            assert "--debug" in args, f"{self.page}: callprep {shlex.join(args)}:\n{trace}"
            printed += trace
        return result.exit_code, printed

    def program(self, args: list[str], stdout_to: str | None) -> tuple[int, str]:
        assert args[0] in PROGRAMS, f"{self.page}: a runnable block runs {args[0]!r}"
        done = subprocess.run(args, cwd=self.folder, capture_output=True, text=True, check=False)
        if stdout_to:
            (self.folder / stdout_to).write_text(done.stdout, encoding="utf-8")
            return done.returncode, done.stderr
        return done.returncode, done.stdout + done.stderr

    def run_line(self, line: str) -> tuple[int, str]:
        """Run one line's commands, stopping at the first that fails, as `&&` does."""
        code, printed = 0, ""
        parts = commands(line)
        index = 0
        while index < len(parts):
            args, stdout_to = parts[index], None
            if index + 2 < len(parts) and parts[index + 1] == [">"]:
                stdout_to = parts[index + 2][0]
                index += 2
            assert args[0] not in OPERATORS, f"{self.page}: {line!r}: only `&&` and `>` run here"
            run = self.callprep if args[0] == "callprep" else self.program
            code, text = run(args[1:] if args[0] == "callprep" else args, stdout_to)
            printed += text
            if code != 0:
                return code, printed
            index += 1
            if index < len(parts):
                assert parts[index] == ["&&"], f"{self.page}: {line!r}: only `&&` and `>` run here"
                index += 1
        return code, printed

    def run_block(self, step: Step) -> None:
        lines = list(logical_lines(step.text))
        self.printed = []
        for number, line in enumerate(lines):
            code, printed = self.run_line(line)
            self.printed.append(printed)
            expected = step.exit_code if number == len(lines) - 1 else 0
            assert code == expected, (
                f"{self.page}:{step.line}: `{line.strip()}` exited {code}, not {expected}:\n"
                f"{printed}"
            )

    def write(self, step: Step) -> None:
        relative = step.path.removeprefix("<home>/")
        target = (self.home if relative != step.path else self.folder) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(step.text, encoding="utf-8")


def flat(text: str) -> str:
    """Text compared ignoring case and how its lines wrap."""
    return " ".join(text.split()).casefold()


def prose(page: Path) -> str:
    """What a reader sees of the page (its marks left out)."""
    return flat(MARK.sub(" ", page.read_text(encoding="utf-8")))


@pytest.fixture
def session(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    folder = tmp_path
    shutil.copytree(EXAMPLES, folder / "examples")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("COLUMNS", "80")
    # The machine's zone too, for a store without a profile (a second seller's).
    zone = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    try:
        yield Session(folder, home, "")
    finally:
        if zone is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = zone
        time.tzset()


def runnable(page: Path) -> object:
    """The page as a test case: slow when it renders a PDF, as the suite's PDF tests are."""
    runs = [step.text for step in steps_of(page) if step.kind == "run"]
    slow = any("--format pdf" in text for text in runs)
    return pytest.param(page, id=name(page), marks=[pytest.mark.slow] if slow else [])


RUNNABLE = [runnable(page) for page in PAGES if any(step.kind == "run" for step in steps_of(page))]


@pytest.mark.parametrize("page", RUNNABLE)
def test_the_runnable_blocks_of_the_page_run(page: Path, session: Session) -> None:
    session.page = name(page)
    steps = steps_of(page)
    seen = prose(page)
    first = next(step for step in steps if step.kind == "run")
    with time_machine.travel(first.at or START, tick=False) as clock:
        setup = session.callprep(["profile", "set", "timezone", "Europe/London"], None)
        assert setup[0] == 0, setup[1]
        ran = False
        for step in steps:
            where = f"{session.page}:{step.line}"
            if step.kind == "run":
                if step.at:
                    clock.move_to(step.at)
                session.run_block(step)
                ran = True
            elif step.kind == "file":
                session.write(step)
            elif step.kind == "lines":
                assert ran, f"{where}: output shown before anything ran"
                shown = [line.strip() for line in step.text.splitlines() if line.strip()]
                out = iter(line.strip() for line in "".join(session.printed).splitlines())
                missing = [line for line in shown if line not in out]  # in order: `in` consumes
                assert not missing, (
                    f"{where}: shown but not printed (in this order): {missing}\n"
                    f"printed:\n{''.join(session.printed)}"
                )
            else:
                assert ran, f"{where}: output quoted before anything ran"
                printed = "".join(session.printed)
                found = flat(step.text) in flat(printed)
                assert found, f"{where}: {step.text!r} is not what the block printed:\n{printed}"
                quoted = flat(step.text) in seen
                assert quoted, f"{where}: the page never says {step.text!r}"


# --- every command shown parses ------------------------------------------------------------------


def shown_commands(page: Path) -> Iterator[tuple[int, str, list[str], bool]]:
    """(line, how it is written, callprep's arguments, named in prose) of every callprep
    command on the page that is not run: in sh blocks and in inline code."""
    run = {step.line for step in steps_of(page) if step.kind == "run"}
    for token in tokens_of(page):
        line = (token.map or [0])[0] + 1
        if token.type == "fence" and token.info.strip() == "sh" and line not in run:
            for number, text in enumerate(token.content.splitlines()):
                for args in callprep_args(text) if text.strip() else []:
                    yield line + 1 + number, text.strip(), args, False
        for child in token.children or []:
            if child.type == "code_inline" and re.match(r"callprep(\s|$)", child.content):
                for args in callprep_args(child.content):
                    yield line, child.content, args, True


SHOWN = [(page, *shown) for page in PAGES for shown in shown_commands(page)]


def test_the_pages_run_and_show_commands() -> None:
    """The test finds what it checks: the commands it runs, and the ones it only parses."""
    run = [
        line
        for page in PAGES
        for step in steps_of(page)
        if step.kind == "run"
        for line in logical_lines(step.text)
    ]
    assert len(run) >= 100 and len(SHOWN) >= 40
    assert {name(page) for page, *_ in SHOWN} >= {"README.md", "docs/coach.md"}


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_every_command_shown_is_the_clis(page: Path) -> None:
    problems = [
        f"{name(page)}:{line}: `{text}`: {problem}"
        for shown_page, line, text, args, named in SHOWN
        if shown_page == page and (problem := parse_problem(args, named))
    ]
    assert not problems, "\n".join(problems)


def test_the_parse_check_refuses_what_the_cli_refuses() -> None:
    assert parse_problem(["brief", "PLAN", "--format", "pdf", "-o", "brief.pdf"]) is None
    assert parse_problem(["--home", "bob", "team", "join", "plans.git"]) is None
    assert parse_problem(["profile", "set", "name", "Sam Okafor"]) is None
    assert parse_problem(["brief", "--help"]) is None
    assert parse_problem(["brief", "PLAN", "--format", "docx"])  # not one of its formats
    assert parse_problem(["brief", "PLAN", "--colour"])  # no such option
    assert parse_problem(["breif", "PLAN"])  # no such command
    assert parse_problem(["team", "leave"])  # no such subcommand
    assert parse_problem(["brief"])  # a command to run needs its plan
    assert parse_problem(["brief"], named=True) is None  # a command named in prose need not


def test_shell_blocks_are_marked_sh() -> None:
    """Blocks the test reads are `sh`; another name for a shell would go unchecked."""
    for page in PAGES:
        for token in tokens_of(page):
            if token.type == "fence":
                language = token.info.strip().split(" ")[0]
                assert language not in SHELL_LANGUAGES, f"{name(page)}: a {language} block"


def test_a_line_is_read_as_a_shell_reads_it() -> None:
    assert commands("callprep brief acme --format md > brief.md   # for a CRM note") == [
        ["callprep", "brief", "acme", "--format", "md"],
        [">"],
        ["brief.md"],
    ]
    assert callprep_args("git init --bare x.git && callprep team init x.git # what's this") == [
        ["team", "init", "x.git"]
    ]
    assert callprep_args('curl -s "$URL" | callprep import -') == [["import", "-"]]
    assert callprep_args("callprep --debug …") == [["--debug"]]


# --- the README is a front door ------------------------------------------------------------------


def test_the_readme_is_short() -> None:
    size = len(README.read_text(encoding="utf-8"))
    assert size <= README_LIMIT, f"README.md is {size:,} characters, over {README_LIMIT:,}"


def section(page: Path, heading: str) -> list[Token]:
    """The tokens under a `## heading`, up to the next one."""
    tokens = tokens_of(page)
    found: list[Token] = []
    inside = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            inside = tokens[index + 1].content == heading
        elif inside:
            found.append(token)
    return found


def test_the_quick_start_is_two_one_line_commands(session: Session) -> None:
    blocks = [t.content for t in section(README, "Quick start") if t.type == "fence"]
    assert len(blocks) == 2 and all(block.count("\n") == 1 for block in blocks), blocks
    install, tests = (commands(block)[::2] for block in blocks)
    # The first runs the main job on a shipped example: that part runs here.
    assert install[-1][:2] == ["callprep", "brief"] and install[-1][2].startswith("examples/")
    with time_machine.travel(START, tick=False):
        code, printed = session.callprep(install[-1][1:], None)
    assert code == 0, printed
    assert "readiness 100/100" in printed
    # The second is the test command CI runs first.
    run_ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert shlex.join(tests[-1]) == next(line for line in run_ci if line.startswith("pytest"))


def links(page: Path) -> Iterator[str]:
    for token in tokens_of(page):
        for child in token.children or []:
            target = child.attrGet("href") if child.type == "link_open" else None
            target = child.attrGet("src") if child.type == "image" else target
            if isinstance(target, str):
                yield target


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    tokens = tokens_of(page)
    return {slug(tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"}


@pytest.mark.parametrize("page", [*PAGES, ROOT / "docs" / "SPEC.md"], ids=name)
def test_links_between_pages_resolve(page: Path) -> None:
    for target in links(page):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        path, _, anchor = target.partition("#")
        goal = (page.parent / path).resolve() if path else page
        assert goal.is_file(), f"{name(page)}: {target} is no file"
        if anchor:
            assert anchor in anchors(goal), f"{name(page)}: {target}: no such heading"


def test_every_docs_page_is_linked_from_the_readme() -> None:
    linked = {(ROOT / target.partition("#")[0]).resolve() for target in links(README)}
    pages = {page.resolve() for page in (ROOT / "docs").glob("*.md")}
    assert pages <= linked, sorted(p.name for p in pages - linked)


def test_the_readme_runs_its_day_and_quotes_what_it_prints() -> None:
    steps = steps_of(README)
    assert [s.kind for s in steps].count("run") >= 3
    assert any(s.kind == "text" and "readiness 6/100" in s.text.lower() for s in steps)
