"""Trying to break callprep from outside: one test per hole found by 445 hostile cases.

The promise under test: every command either works, or says what is wrong in one line on
stderr and exits 1; nothing the seller typed or pointed at is lost, hangs callprep, or makes it
touch anything outside its store but the file given to -o/--ics.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import tomli_w
from typer.testing import Result

from callprep.calls import debrief as debrief_module
from callprep.commands import done
from callprep.plans.model import DISCOVERY_TEXT_KEYS
from tests.conftest import PREPARED, ROOT
from tests.guards import finishes

PLAN_ID = "2026-12-03-acme-logistics-discovery"


def one_line_error(result: Result) -> str:
    """The error line of a run that failed as promised: exit 1, one line, no traceback."""
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("callprep: ") and "Traceback" not in result.stderr
    return lines[0]


def real(
    *args: str, home: Path, timeout: float = 30, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """The real program in its own process (for what CliRunner cannot show: fds, signals)."""
    return subprocess.run(
        [sys.executable, "-m", "callprep", *args],
        env={**os.environ, "CALLPREP_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def stored(stored_example: Callable[[Path], str], home: Path) -> Path:
    """The prepared example in the store; returns its path."""
    return home / "plans" / f"{stored_example(PREPARED)}.toml"


# --- -o / --ics never replace what is not theirs ---------------------------------------------


def test_output_into_a_character_device_writes_into_it_and_keeps_the_node(cli, stored) -> None:
    before = os.stat("/dev/null")
    result = cli("brief", stored.stem, "-f", "md", "-o", "/dev/null")
    assert result.exit_code == 0, result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert stat.S_IMODE(after.st_mode) == stat.S_IMODE(before.st_mode)


def test_output_through_a_symlink_to_stdout_streams_and_keeps_the_link(
    home: Path, stored: Path, tmp_path: Path
) -> None:
    link = tmp_path / "out.md"
    link.symlink_to("/proc/self/fd/1")
    result = real("brief", stored.stem, "-f", "md", "-o", str(link), home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Acme Logistics")  # it arrived in the pipe
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


def test_an_invite_into_a_fifo_nobody_reads_fails_at_once(cli, stored, tmp_path: Path) -> None:
    fifo = tmp_path / "invite.ics"
    os.mkfifo(fifo)
    line = one_line_error(cli("agenda", stored.stem, "--ics", str(fifo)))
    assert "nobody is reading" in line
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("where", ["plans", "drafts", "cache", "profile"])
def test_output_never_lands_in_the_store(cli, stored: Path, home: Path, where: str) -> None:
    target = {
        "plans": stored,
        "drafts": home / "drafts" / "new.toml",
        "cache": home / "cache" / "index.json",
        "profile": home / "profile.toml",
    }[where]
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.write_text("kept = true\n")
    before = target.read_bytes()
    one_line_error(cli("brief", stored.stem, "-f", "md", "-o", str(target)))
    assert target.read_bytes() == before


def test_an_invite_over_its_own_plan_file_is_refused(cli, tmp_path: Path) -> None:
    plan = tmp_path / "x.toml"
    plan.write_bytes(PREPARED.read_bytes())
    line = one_line_error(cli("agenda", str(plan), "--ics", str(plan)))
    assert "the plan itself" in line
    assert plan.read_bytes() == PREPARED.read_bytes()


def test_output_keeps_the_mode_of_the_file_it_replaces(cli, stored, tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("old")
    os.chmod(target, 0o644)
    assert cli("brief", stored.stem, "-f", "md", "-o", str(target)).exit_code == 0
    assert target.read_text().startswith("# Acme Logistics")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.parametrize(
    ("name", "says"),
    [("", "empty"), ("newdir/", "folder"), ("missing/brief.md", "no folder"), (".", "folder")],
)
def test_odd_output_names_are_one_clear_line(
    cli, stored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, says: str
) -> None:
    monkeypatch.chdir(tmp_path)
    line = one_line_error(cli("brief", stored.stem, "-f", "md", "-o", name))
    assert says in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]  # nothing made


WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from callprep import files
    real_fsync = os.fsync
    def fsync(fd):
        print("writing", flush=True)
        time.sleep(60)
    os.fsync = fsync
    files.write_output(Path(sys.argv[1]), b"x" * 2_000_000)
    """
)


def test_a_write_killed_midway_leaves_no_temp_file_and_the_old_output(tmp_path: Path) -> None:
    target = tmp_path / "b.md"
    target.write_text("the old brief")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "writing"  # 2 MB written, not yet in place
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.md"]
    assert target.read_text() == "the old brief"


# --- a TOML file that is not a plan is not rewritten -----------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["agenda", "{path}", "--mark-shared"],
        ["debrief", "{path}", "--no-input"],
        ["brief", "{path}"],
    ],
)
def test_a_toml_file_that_is_no_plan_is_refused_and_untouched(cli, tmp_path: Path, args) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_bytes((ROOT / "pyproject.toml").read_bytes())
    os.chmod(path, 0o644)
    before = path.read_bytes()
    line = one_line_error(cli(*[a.format(path=path) for a in args]))
    assert "not a callprep plan" in line
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_plan_kept_outside_the_store_keeps_its_mode_and_symlink(cli, tmp_path: Path) -> None:
    real_file = tmp_path / "deals" / "acme.toml"
    real_file.parent.mkdir()
    real_file.write_bytes(PREPARED.read_bytes())
    os.chmod(real_file, 0o640)
    link = tmp_path / "acme.toml"
    link.symlink_to(real_file)
    assert cli("agenda", str(link), "--mark-confirmed").exit_code == 0
    assert link.is_symlink()
    assert "confirmed = true" in real_file.read_text()
    assert stat.S_IMODE(real_file.stat().st_mode) == 0o640


# --- reads are bounded and never hang ---------------------------------------------------------


@pytest.mark.parametrize("source", ["/dev/zero", "/dev/urandom"])
def test_from_a_device_is_refused_at_once(cli, source: str) -> None:
    line = one_line_error(cli("new", "--no-input", "--from", source))
    assert "character device" in line


def test_a_fifo_given_to_from_is_refused_without_waiting(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "answers.toml"
    os.mkfifo(fifo)
    assert "FIFO" in one_line_error(cli("new", "--no-input", "--from", str(fifo)))


@pytest.mark.parametrize("kind", ["fifo", "zero-symlink", "folder", "huge"])
def test_no_plan_where_a_plan_file_belongs_stops_the_rest(
    cli, home: Path, stored: Path, kind: str
) -> None:
    odd = home / "plans" / "odd.toml"
    if kind == "fifo":
        os.mkfifo(odd)
    elif kind == "zero-symlink":
        odd.symlink_to("/dev/zero")
    elif kind == "folder":
        odd.mkdir()
    else:
        odd.write_text('account = "Huge"\nquestions = ["' + "x" * (50 * 1024 * 1024) + '"]\n')

    def use_the_store() -> None:
        listed = cli("list", "--json")
        assert listed.exit_code == 0 and PLAN_ID in listed.stdout
        assert "odd.toml" in listed.stderr and "left out" in listed.stderr
        assert cli("stats", "--json").exit_code == 0
        assert cli("brief", stored.stem).exit_code == 0
        assert cli("done", stored.stem).exit_code == 0
        new = cli("new", "--no-input", "--account", "Acme Logistics")
        assert new.exit_code == 0, new.stderr
        if kind != "folder":
            one_line_error(cli("brief", "odd"))

    finishes(use_the_store)  # a FIFO or /dev/zero must not make any of them wait forever


def test_a_fifo_as_the_index_is_ignored_and_replaced(cli, home: Path, stored: Path) -> None:
    cache = home / "cache" / "index.json"
    cache.parent.mkdir(parents=True)
    os.mkfifo(cache)
    result = cli("list", "--json")
    assert result.exit_code == 0 and PLAN_ID in result.stdout


# --- dates at the ends of the calendar --------------------------------------------------------


@pytest.mark.parametrize(
    "starts_at", ["0001-01-01T00:00:00", "9999-12-31T23:59:00+14:00", "0001-01-01T00:00:00-12:00"]
)
def test_a_plan_in_year_1_or_9999_leaves_the_store_working(
    cli, home: Path, stored: Path, starts_at: str
) -> None:
    (home / "plans" / "odd.toml").write_text(f'account = "Odd"\nstarts_at = {starts_at}\n')
    for args in (["list"], ["list", "--upcoming"], ["stats"], ["stats", "--json"]):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
    assert "odd.toml: starts_at: the year" in cli("list").stderr
    assert "year" in one_line_error(cli("agenda", "odd", "--ics", str(home / "x.ics")))


@pytest.mark.parametrize("when", ["0001-01-01 00:00", "9999-12-31 23:59"])
def test_new_refuses_a_year_no_call_is_in(cli, when: str) -> None:
    assert "year" in one_line_error(cli("new", "--no-input", "--when", when))


def test_the_last_days_a_plan_may_have_still_render_everywhere(cli, home: Path) -> None:
    plans = home / "plans"
    plans.mkdir(parents=True)
    (plans / "late.toml").write_text(
        'account = "Late"\nstarts_at = 2999-12-31T23:59:00+14:00\nduration_minutes = 1440\n'
        '[discovery]\ndeadline = 2999-12-31\n[debrief]\noutcome = "none"\n'
        '[[debrief.commitments]]\nwhat = "x"\ndue = 2999-12-31\n'
    )
    (plans / "early.toml").write_text('account = "Early"\nstarts_at = 1900-01-01T00:00:00-12:00\n')
    for args in (
        ["list"],
        ["stats"],
        ["brief", "late"],
        ["brief", "early"],
        ["check", "late"],
        ["agenda", "late", "--ics", str(home.parent / "late.ics")],
        ["agenda", "early", "--ics", str(home.parent / "early.ics")],
        ["done", "late"],
    ):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)


# --- deep nesting -----------------------------------------------------------------------------


def test_deeply_nested_answers_are_one_line(cli, tmp_path: Path) -> None:
    answers = tmp_path / "deep.toml"
    answers.write_text("account = 'x'\nodd = " + "[" * 300 + "]" * 300 + "\n")
    assert "nested too deeply" in one_line_error(cli("new", "--no-input", "--from", str(answers)))


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 10_000 + "]" * 10_000 + "\n",
        ".".join(["k"] * 1000) + " = 1\n",
        "account = 'x'\n" + "".join(f"[{'.'.join(['t'] * n)}]\n" for n in range(1, 40)),
    ],
    ids=["10000-levels", "1000-part-key", "tables"],
)
def test_a_deep_plan_file_is_left_out_and_the_rest_listed(
    cli, home: Path, stored: Path, text: str
) -> None:
    (home / "plans" / "deep.toml").write_text(text)
    result = cli("list", "--json")
    assert result.exit_code == 0 and PLAN_ID in result.stdout
    assert "deep.toml" in result.stderr
    one_line_error(cli("show", "deep"))


# --- the store's own folders --------------------------------------------------------------------


def test_a_folder_where_the_draft_belongs_still_prints_the_new_id(cli, home: Path) -> None:
    (home / "drafts" / "new.toml").mkdir(parents=True)
    result = cli("new", "--no-input", "--account", "Acme", "--when", "2026-12-03 10:00")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "2026-12-03-acme-call"
    assert "could not remove the finished draft" in result.stderr


def test_an_unreadable_plans_folder_is_one_line(
    cli, stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_listdir = os.listdir

    def listdir(path: object = ".") -> list[str]:
        if str(path).endswith("plans"):
            raise PermissionError(13, "Permission denied")
        return real_listdir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "listdir", listdir)
    assert "Permission denied" in one_line_error(cli("show", "2026"))


def test_a_home_that_is_a_file_is_one_line_for_every_command(cli, tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("")
    for args in (["list"], ["new", "--no-input"], ["stats"], ["show", "x"]):
        line = one_line_error(cli("--home", str(afile), *args))
        assert "is a file, not a folder" in line


def test_an_unreadable_home_is_one_line_not_a_usage_error(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, m, **kw: False if Path(p) == home else real_access(p, m, **kw)
    )
    assert "permission denied" in one_line_error(cli("list"))


# --- changes made at once are merged, never lost ------------------------------------------------

TOPICS = DISCOVERY_TEXT_KEYS  # one debrief per text topic, all at once


@pytest.mark.slow
def test_six_debriefs_at_once_keep_every_topic(home: Path, tmp_path: Path) -> None:
    plans = home / "plans"
    plans.mkdir(parents=True)
    plan = plans / "p.toml"
    plan.write_text('account = "Acme"\nstarts_at = 2026-11-01T10:00:00Z\n')
    writers = []
    for topic in TOPICS:
        answers = tmp_path / f"{topic}.toml"
        answers.write_text(tomli_w.dumps({"debrief": {"learned": {topic: f"learned {topic}"}}}))
        writers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "callprep",
                    "debrief",
                    "p",
                    "--from",
                    str(answers),
                    "--no-input",
                ],
                env={**os.environ, "CALLPREP_HOME": str(home)},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        )
    for writer in writers:
        assert writer.wait(60) == 0, writer.stderr.read() if writer.stderr else ""
    text = plan.read_text()
    assert all(f"learned {topic}" in text for topic in TOPICS), text


def test_a_commitment_marked_done_during_a_debrief_stays_done(
    cli, home: Path, script, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = home / "plans"
    plans.mkdir(parents=True)
    (plans / "p.toml").write_text(
        'account = "Acme"\nstarts_at = 2026-11-01T10:00:00Z\n[debrief]\noutcome = "best"\n'
        '[[debrief.commitments]]\nwho = "customer"\nwhat = "Send the data"\n'
    )
    real_run = debrief_module.DebriefInterview.run

    def run_while_marked(self: debrief_module.DebriefInterview) -> object:
        result = real_run(self)
        # The seller marks the commitment done in another terminal before the debrief saves.
        done.run(home, "p", [1])
        return result

    monkeypatch.setattr(debrief_module.DebriefInterview, "run", run_while_marked)
    script({"debrief.summary": "Went well", "commitment.what": ""}, rest=debrief_module_default())
    result = cli("debrief", "p")
    assert result.exit_code == 0, result.stderr
    text = (plans / "p.toml").read_text()
    assert "done = true" in text and 'summary = "Went well"' in text


def debrief_module_default() -> object:
    from callprep.prompts import USE_DEFAULT

    return USE_DEFAULT
