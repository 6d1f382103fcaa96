"""Hostile input: plan files of any shape, and refs that try to leave the store.

Every command that reads a plan either works (exit 0) or says what is wrong in one line and
exits 1: never a traceback, never a hang, and never output that moves the terminal's cursor,
clears its screen or reorders its text. No id, PLAN or --from value makes callprep write
anywhere but its store and the file given to -o/--ics.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import os
import re
import signal
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from tests.conftest import PREPARED, examples
from tests.markup import foreign_html, html_parts, live_markdown

# C0 controls but tab and newline, DEL, C1 controls (CSI is U+009B), and the bidi controls
# that reorder what a reader sees: none may reach a terminal from a plan.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What a styled terminal may show: colours and weights (SGR), nothing that moves or clears.
SGR = re.compile(r"\x1b\[[0-9;]*m")

HOSTILE = [
    "\x1b[2J",  # clear the screen
    "\x1b[H",  # cursor home
    "\x1b[1;1H\x1b[0J",
    "\x1b]0;pwned\x07",  # window title (OSC)
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",  # hyperlink (OSC 8)
    "\x9b2J",  # CSI as one C1 character
    "\x1bc",  # reset the terminal
    "line\roverwritten",
    "back\b\b\bspace",
    "\x07bell\x0cfeed\x0bvtab\x7fdel\x00nul",
    "\u202eevil\u202c",  # right-to-left override
    "\u2066isolate\u2069\u200f",
    "[bold]rich[/bold] [link=http://evil.example]click[/link] [red]x",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "</style></head><body onload=alert(1)>",
    "&lt;entity&amp; &#x1b;",
    '#set page(width: 1cm)\n#import "/etc/passwd"\n#{panic()}',
    "$ x^2 $ @label <ref> *strong* _emph_ `raw` \\ #",
    "# Heading\n- item\n> quote\n```\ncode\n```\n[link](javascript:alert(1)) ![img](x)",
    "| a | b |\n|---|---|",
    "{{ template }} {% raw %} ${env:HOME}",
    '\' OR 1=1 -- "quoted"',
    "\u2028line separator\u2029paragraph\u0085NEL",
    "ＦＵＬＬＷＩＤＴＨ 🎉 ñ é ß ø 中文 עברית",
    "",
    "   ",
]


def hostile_text(max_size: int = 40) -> st.SearchStrategy[str]:
    pieces = st.one_of(
        st.sampled_from(HOSTILE),
        st.text(max_size=max_size),
        st.text(alphabet=st.characters(codec="utf-8", max_codepoint=0x2070), max_size=max_size),
    )
    text = st.lists(pieces, min_size=1, max_size=4).map("".join)
    huge = st.tuples(st.sampled_from([*HOSTILE[:14], "word "]), st.integers(500, 20_000)).map(
        lambda piece: piece[0] * piece[1]
    )
    return st.one_of(text, text, text, huge)


def wrong_types() -> st.SearchStrategy[Any]:
    scalar = st.one_of(
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.dates(),
        st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5))])),
        st.datetimes(),
        st.times(),
        hostile_text(),
    )
    return st.one_of(
        scalar,
        st.lists(scalar, max_size=3),
        st.dictionaries(hostile_text(8), scalar, max_size=3),
        st.lists(st.dictionaries(hostile_text(8), scalar, min_size=1, max_size=2), max_size=2),
    )


def base_plan() -> dict[str, Any]:
    """The prepared example, debriefed, with every table the format has."""
    data = tomllib.loads(PREPARED.read_text())
    data["debrief"] = {
        "held_at": dt.datetime(2026, 12, 3, 16, tzinfo=dt.UTC),
        "outcome": "minimum",
        "customer_objective_met": True,
        "summary": "Went well",
        "engagement": 4,
        "off_script": ["Cold-chain fleet"],
        "learned": {"urgency": "Board wants savings in Q2"},
        "next_step": "Pilot kick-off",
        "commitments": [
            {"who": "customer", "what": "Send utilisation data", "due": dt.date(2026, 12, 8)}
        ],
    }
    data["notes"] = {"why_looking": "Fuel costs"}
    return data


def key_paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((*prefix, key))
            found += key_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            found.append((*prefix, n))
            found += key_paths(value, (*prefix, n))
    return found


BASE = base_plan()
PATHS = key_paths(BASE)
DELETE = object()


@st.composite
def plan_texts(draw: st.DrawFn) -> bytes:
    """A plan file: the example with hostile text, tables gone and keys added (most of them,
    still valid, so every renderer meets the text), or with wrong types, or broken TOML."""
    data = copy.deepcopy(BASE)
    broken = draw(st.integers(0, 3)) == 0
    for _ in range(draw(st.integers(1, 10))):
        path = draw(st.sampled_from(PATHS))
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            current = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change took this path away
        if not isinstance(parent, dict | list):
            continue  # ... or made its table a text
        choices = ["text"] * 4 + ["delete", "add"] + (["wrong"] * 3 if broken else [])
        choice = draw(st.sampled_from(choices))
        if choice == "text" and not (broken or isinstance(current, str)):
            choice = "add"  # hostile text where the format wants a date or a number: broken
        if choice == "delete":
            del parent[path[-1]]
        elif choice == "add":
            if isinstance(parent, dict):
                # An unknown key, kept and shown by `show`: its name and value are hostile too.
                parent[draw(hostile_text(12))] = draw(
                    hostile_text() if not broken else wrong_types()
                )
        else:
            parent[path[-1]] = draw(hostile_text() if choice == "text" else wrong_types())
    try:
        text = tomli_w.dumps(data).encode("utf-8")
    except (ValueError, TypeError, UnicodeEncodeError):
        assume(False)
        raise AssertionError from None  # unreachable: assume() stops the example
    damage = draw(st.sampled_from(["truncate", "bytes", "junk"])) if broken else "none"
    if damage == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif damage == "bytes":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.binary(min_size=1, max_size=8)) + text[at:]
    elif damage == "junk":
        text += draw(hostile_text()).encode("utf-8", "surrogatepass")
    return text


# --- running commands -----------------------------------------------------------------------


@contextlib.contextmanager
def no_hang(seconds: int) -> Iterator[None]:
    """Fail, rather than wait for ever, if a command hangs (a guard, not a timing test)."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError(f"no answer in {seconds} s: callprep hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def assert_well_behaved(result: Result, args: list[str]) -> None:
    """Exit 0, or exit 1 with one `callprep: ...` line; and no byte that drives the terminal.

    JSON and TOML output too: they carry such characters as escapes (`\\u001b`), never raw.
    """
    assert result.exit_code in (0, 1), (args, result.exit_code, result.output)
    if result.exit_code == 1:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("callprep: "), (args, result.stderr)
    for name, data in (("stdout", result.stdout_bytes), ("stderr", result.stderr_bytes)):
        text = data.decode("utf-8")  # never bytes that are not text
        assert not CONTROL.search(text), (args, name, CONTROL.findall(text)[:5])
        assert not BIDI.search(text), (args, name, BIDI.findall(text)[:5])


READING: list[list[str]] = [
    ["check", "{plan}"],
    ["check", "{plan}", "--json"],
    ["show", "{plan}"],
    ["show", "{plan}", "--json"],
    ["brief", "{plan}"],
    ["brief", "{plan}", "-f", "md"],
    ["brief", "{plan}", "-f", "html"],
    ["list"],
    ["list", "--json"],
    ["list", "--upcoming"],
    ["stats"],
    ["stats", "--json"],
    ["agenda", "{plan}"],
    ["agenda", "{plan}", "-f", "md"],
    ["agenda", "{plan}", "--ics", "{out}"],
    ["done", "{plan}"],
    # the deal's story and what may be shared
    ["brief", "{plan}", "--share", "-f", "md"],
    ["deal", "{plan}"],
    ["deal", "{plan}", "--json"],
    ["deal", "{plan}", "-f", "md"],
    ["deal", "{plan}", "-f", "html"],
    ["deal", "{plan}", "--plan", "-f", "md"],
]


def run_all(cli: Callable[..., Result], plan: str, out: Path) -> dict[str, str]:
    """Every reading command on `plan`; their outputs by command."""
    outputs: dict[str, str] = {}
    for template in READING:
        args = [a.format(plan=plan, out=out) for a in template]
        with no_hang(60):
            result = cli(*args)
        assert_well_behaved(result, args)
        outputs[" ".join(template)] = result.stdout if result.exit_code == 0 else ""
    return outputs


FUZZ = settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.mark.slow
@FUZZ
@given(text=plan_texts())
def test_any_plan_file_is_read_safely_by_every_command(
    cli, home: Path, tmp_path: Path, text: bytes
) -> None:
    plans = home / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    for old in plans.glob("*.toml"):
        old.unlink()
    path = plans / "fuzz.toml"
    path.write_bytes(text)
    out = tmp_path / "invite.ics"
    out.unlink(missing_ok=True)
    outputs = run_all(cli, "fuzz", out)
    # Markup in the seller's words stays words: no live tag, link or style in md and html.
    html = outputs["brief {plan} -f html"]
    assert foreign_html(html) == []
    if html:
        assert html_parts(html).tags.count("body") == 1  # the page's own, once
    assert live_markdown(outputs["brief {plan} -f md"]) == []
    assert path.read_bytes() == text  # reading never rewrites


@pytest.mark.slow
@settings(
    max_examples=examples(10),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=plan_texts())
def test_a_styled_terminal_gets_colours_and_nothing_else(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch, text: bytes
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    plans = home / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    (plans / "fuzz.toml").write_bytes(text)
    for template in (["brief", "fuzz"], ["check", "fuzz"], ["list"], ["stats"], ["agenda", "fuzz"]):
        with no_hang(60):
            result = cli(*template)
        assert result.exit_code in (0, 1), (template, result.output)
        for data in (result.stdout_bytes, result.stderr_bytes):
            plain = SGR.sub("", data.decode("utf-8"))
            assert not CONTROL.search(plain), (template, CONTROL.findall(plain)[:5])
            assert not BIDI.search(plain), (template, BIDI.findall(plain)[:5])


@pytest.mark.slow
@settings(
    max_examples=examples(5),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=plan_texts())
def test_any_plan_file_makes_a_pdf_or_one_clear_error(
    cli, home: Path, tmp_path: Path, text: bytes
) -> None:
    plans = home / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    (plans / "fuzz.toml").write_bytes(text)
    target = tmp_path / "brief.pdf"
    target.unlink(missing_ok=True)
    args = ["brief", "fuzz", "-f", "pdf", "-o", str(target)]
    with no_hang(120):
        result = cli(*args)
    assert_well_behaved(result, args)
    if result.exit_code == 0:
        assert target.read_bytes().startswith(b"%PDF-")
    else:
        assert not target.exists()


# --- refs, ids and --from values that try to leave the store --------------------------------


@pytest.fixture
def sandbox(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Files around the store that callprep must never write: a plan outside, a secret.

    callprep runs in the sandbox, so a relative ref cannot reach a real file of the project.
    """
    monkeypatch.chdir(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.toml").write_text(PREPARED.read_text())
    (outside / "secret.txt").write_text("secret\n")
    plans = home / "plans"
    plans.mkdir(parents=True)
    (plans / PREPARED.name).write_text(PREPARED.read_text())
    return tmp_path


def files_outside(root: Path, home: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under `root` but the store, with its mode and content."""
    found: dict[str, tuple[int, bytes]] = {}
    for path in sorted(root.rglob("*")):
        if path == home or home in path.parents or path.is_dir():
            continue
        found[str(path.relative_to(root))] = (
            path.lstat().st_mode,
            os.readlink(path).encode() if path.is_symlink() else path.read_bytes(),
        )
    return found


HOSTILE_REFS = [
    "../../outside/victim",
    "../../outside/victim.toml",
    "../outside/victim.toml",
    "..",
    "../..",
    "/",
    "/etc/passwd",
    "/etc",
    "plans/../../outside/victim",
    "discovery-prepared/../../outside/victim",
    "a\x00b",
    "discovery-prepared\x00.toml",
    "\x1b[2J",
    "~",
    "~root/x.toml",
    "~0",  # no such user: Python cannot expand it
    "~no-such-seller/plan.toml",
    "*",
    "?",
    "[a-z]*",
    "",
    " ",
    "C:\\Windows\\win.ini",
    "\\\\server\\share\\plan.toml",
    "%2e%2e%2foutside",
    "discovery\u202e",
]

WRITING = [
    ["agenda", "{ref}", "--mark-shared"],
    ["agenda", "{ref}", "--mark-confirmed"],
    ["debrief", "{ref}", "--no-input"],
    ["done", "{ref}", "1"],
    ["edit", "{ref}"],
]


@pytest.mark.parametrize("ref", HOSTILE_REFS)
def test_hostile_plan_refs_never_write_outside_the_store(
    cli, sandbox: Path, home: Path, ref: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    before = files_outside(sandbox, home)
    for template in [*WRITING, ["show", "{ref}"], ["brief", "{ref}", "-f", "md"]]:
        args = [a.format(ref=ref) for a in template]
        with no_hang(60):
            result = cli(*args)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        if result.exit_code == 1:
            assert_well_behaved(result, args)
        assert files_outside(sandbox, home) == before, args


def test_a_named_plan_file_outside_the_store_is_the_only_file_written(
    cli, sandbox: Path, home: Path
) -> None:
    """PLAN may be a path anywhere (SPEC): then that file, and no other, is what changes."""
    victim = sandbox / "outside" / "victim.toml"
    victim.write_text(victim.read_text().replace("shared = true", "shared = false"))
    before = files_outside(sandbox, home)
    result = cli("agenda", "../../outside/victim.toml", "--mark-shared")
    assert result.exit_code == 1  # relative to where callprep runs, not to the store
    result = cli("agenda", "outside/victim.toml", "--mark-shared")
    assert result.exit_code == 0, result.stderr
    after = files_outside(sandbox, home)
    assert {k for k in after if after[k] != before.get(k)} == {"outside/victim.toml"}
    assert set(after) == set(before)
    assert tomllib.loads(victim.read_text())["agenda"]["shared"] is True


def test_a_symlink_in_the_store_is_read_but_its_target_is_never_written(
    cli, sandbox: Path, home: Path
) -> None:
    link = home / "plans" / "linked.toml"
    victim = sandbox / "outside" / "victim.toml"
    text = victim.read_text().replace("shared = true", "shared = false")
    victim.write_text(text)
    link.symlink_to(victim)
    before = files_outside(sandbox, home)
    assert cli("show", "linked").exit_code == 0  # read through the link
    result = cli("agenda", "linked", "--mark-shared")
    assert result.exit_code == 0, result.stderr
    assert files_outside(sandbox, home) == before  # the file outside is untouched
    assert not link.is_symlink()  # the store's own copy took the link's place
    assert tomllib.loads(link.read_text())["agenda"]["shared"] is True


HOSTILE_IDS = [
    "../../../outside/pwned",
    "/tmp/pwned",
    "x/../../../outside/pwned",  # drafts/debrief-x/../../../outside: the sandbox's own folder
    "a\x00b",
    "\x1b[2J",
    "..",
    "",
    "CON",
    "x" * 5000,
]


@pytest.mark.parametrize("plan_id", HOSTILE_IDS)
def test_an_id_inside_a_file_never_names_a_path(
    cli, sandbox: Path, home: Path, plan_id: str, script
) -> None:
    path = sandbox / "outside" / "hostile.toml"
    data = tomllib.loads(PREPARED.read_text())
    data["id"] = plan_id
    path.write_text(tomli_w.dumps(data))
    (home / "drafts").mkdir(parents=True, exist_ok=True)
    (home / "drafts" / "debrief-x").mkdir()  # a folder a path could climb out of
    (sandbox / "outside" / "pwned.toml").write_text("a file the id points at\n")
    before = {k: v for k, v in files_outside(sandbox, home).items() if "hostile" not in k}
    ics = sandbox / "invite.ics"
    for args in (
        ["new", "--no-input", "--from", str(path)],
        ["brief", str(path), "-f", "md"],
        ["agenda", str(path), "--ics", str(ics)],
        ["debrief", str(path), "--no-input"],
    ):
        with no_hang(60):
            result = cli(*args)
        assert_well_behaved(result, args)
    # Ctrl-C in an interactive debrief keeps a draft: in the drafts folder, whatever the id.
    script({"debrief.held_at": KeyboardInterrupt})
    with no_hang(60):
        result = cli("debrief", str(path))
    assert result.exit_code == 130
    after = {k: v for k, v in files_outside(sandbox, home).items() if "hostile" not in k}
    assert set(after) - set(before) <= {"invite.ics"}
    assert {k for k in before if after.get(k) != before[k]} == set()
    assert all(p.parent == home / "plans" for p in (home / "plans").glob("*.toml"))


NUL_ARGS = [
    ["new", "--no-input", "--from", "a\x00b.toml"],
    ["debrief", "discovery-prepared", "--no-input", "--from", "a\x00b.toml"],
    ["brief", "discovery-prepared", "-f", "md", "-o", "out\x00.md"],
    ["brief", "discovery-prepared", "-f", "pdf", "-o", "out\x00.pdf"],
    ["agenda", "discovery-prepared", "--ics", "in\x00vite.ics"],
    ["deal", "discovery-prepared", "-f", "md", "-o", "out\x00.md"],
    ["--home", "ho\x00me", "list"],
    ["--home", "ho\x00me", "new", "--no-input", "--account", "Acme"],
    ["show", "a\x00b.toml"],
]


@pytest.mark.parametrize("args", NUL_ARGS, ids=lambda a: " ".join(a).replace("\x00", "NUL"))
def test_a_nul_in_a_path_is_one_clear_error(cli, sandbox: Path, home: Path, args) -> None:
    before = files_outside(sandbox, home)
    with no_hang(60):
        result = cli(*args)
    if result.exit_code == 2:  # Click refuses it as a bad value, with usage: fine
        assert "embedded null byte" in result.stderr and "Traceback" not in result.stderr
    else:
        assert result.exit_code == 1, result.output
        assert_well_behaved(result, args)
    assert files_outside(sandbox, home) == before


@pytest.mark.parametrize(
    "target",
    ["", ".", "..", "/", "outside", "outside/secret.txt/x.md", "missing-folder/x.md"],
)
def test_an_output_file_that_cannot_be_written_is_one_clear_error(
    cli, sandbox: Path, home: Path, target: str
) -> None:
    before = files_outside(sandbox, home)
    for args in (
        ["brief", "discovery-prepared", "-f", "md", "-o", target],
        ["agenda", "discovery-prepared", "--ics", target],
        ["deal", "discovery-prepared", "-f", "html", "-o", target],
    ):
        with no_hang(60):
            result = cli(*args)
        assert result.exit_code in (1, 2), (args, result.output)
        if result.exit_code == 1:
            assert_well_behaved(result, args)
    assert files_outside(sandbox, home) == before


@pytest.mark.slow
@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ref=st.one_of(st.text(max_size=30), st.sampled_from(HOSTILE_REFS)))
def test_no_ref_at_all_makes_a_writing_command_write_outside_the_store(
    cli, sandbox: Path, home: Path, ref: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    before = files_outside(sandbox, home)
    for template in WRITING:
        args = [a.format(ref=ref) for a in template]
        with no_hang(60):
            result = cli(*args)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        if result.exit_code == 1:
            assert_well_behaved(result, args)
    assert files_outside(sandbox, home) == before


# --- what fuzzing found, kept as plain examples ---------------------------------------------


def _store_plan(home: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    data = copy.deepcopy(BASE)
    change(data)
    plans = home / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    path = plans / "found.toml"
    path.write_text(tomli_w.dumps(data))
    return path


def test_an_id_with_escapes_never_reaches_the_terminal_brief(cli, home: Path) -> None:
    """The brief's "what to do: callprep check <id>" line once printed the id as it was."""

    def change(data: dict[str, Any]) -> None:
        data["id"] = "\x1b[2J\x1b[Hgone \u202eevil"
        data["objective"]["minimum"] = "See what he wants"  # vague: the line shows

    _store_plan(home, change)
    for args in (["brief", "found"], ["check", "found"], ["list"], ["done", "found"]):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        assert_well_behaved(result, args)
        assert "[2J" in result.stdout or args != ["brief", "found"]  # shown, made harmless


def test_a_learned_answer_of_the_wrong_type_is_one_clear_error(cli, home: Path) -> None:
    """It passed validation, then broke brief, list and stats where it met the discovery."""
    path = _store_plan(home, lambda data: data["debrief"]["learned"].update(urgency=5))
    for args in (["brief", "found"], ["check", "found"], ["done", "found"]):
        result = cli(*args)
        assert result.exit_code == 1
        assert result.stderr == (
            f"callprep: {path}: debrief.learned: urgency: Input should be a valid string\n"
        )
    for args in (["list"], ["stats"]):
        result = cli(*args)
        assert result.exit_code == 0
        assert "debrief.learned: urgency" in result.stderr


@pytest.mark.parametrize("char", ["\x9b", "\x83", "\x7f", "\u202e", "\u2028"])
def test_show_escapes_what_toml_and_json_writers_leave_raw(cli, home: Path, char: str) -> None:
    _store_plan(home, lambda data: data.update(account=f"Acme{char}2J", **{f"k{char}": 1}))
    for args in (["show", "found"], ["show", "found", "--json"], ["list", "--json"]):
        result = cli(*args)
        assert result.exit_code == 0
        assert char not in result.stdout
        assert f"\\u{ord(char):04x}" in result.stdout  # the same data, written as an escape
    shown = cli("show", "found").stdout
    assert tomllib.loads(shown)["account"] == f"Acme{char}2J"  # and it reads back as it was


def test_an_error_quoting_a_hostile_name_shows_its_escapes(cli, home: Path) -> None:
    result = cli("show", "gone\x1b[2J\nnext \u202eline.toml")
    assert result.exit_code == 1
    assert result.stderr == "callprep: gone\\x1b[2J\\nnext \\u202eline.toml: no such plan file\n"


def test_escaped_link_text_is_not_a_link(cli, home: Path) -> None:
    """The case that made the old substring check flaky: `\\[x\\](javascript:` is plain text."""
    text = "[link](javascript:alert(1)) ![img](x) <b>bold</b> `code` https://evil.example"
    plans = home / "plans"
    plans.mkdir(parents=True)
    (plans / "p.toml").write_text(tomli_w.dumps({"account": text, "questions": [text]}))
    markdown = cli("brief", "p", "-f", "md").stdout
    assert "](javascript:" in markdown  # the characters are there, escaped ...
    assert live_markdown(markdown) == []  # ... and no parser reads a link, image or tag in them
    html = cli("brief", "p", "-f", "html").stdout
    assert foreign_html(html) == []


def test_the_markup_checks_see_real_markup() -> None:
    assert live_markdown("[x](javascript:alert(1))")
    assert live_markdown("![i](x.png)")
    assert live_markdown("<script>x</script>\n")
    assert foreign_html('<p onclick="x">a</p><script>b</script>') == ["<script>", "onclick="]
