"""`callprep brief` in every format, for ids and paths: what a seller runs before the call."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from callprep import messages
from tests.conftest import PREPARED, UNPREPARED

EXAMPLES = {"prepared": PREPARED, "unprepared": UNPREPARED}
# pt: A4 is 595 x 842, Letter 612 x 792
PAGE_SIZES = {"a4": (595, 842), "letter": (612, 792)}


def pdf_pages(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


@pytest.mark.parametrize("name", EXAMPLES)
def test_markdown_of_the_examples_matches_the_reference(cli, reference, name) -> None:
    result = cli("brief", str(EXAMPLES[name]), "--format", "md")
    assert result.exit_code == 0, result.stderr
    reference(f"brief-{name}.md", result.stdout)


@pytest.mark.parametrize("name", EXAMPLES)
def test_html_of_the_examples_matches_the_reference(cli, reference, name) -> None:
    result = cli("brief", str(EXAMPLES[name]), "--format", "html")
    assert result.exit_code == 0, result.stderr
    reference(f"brief-{name}.html", result.stdout)


def test_html_for_letter_sets_the_page_size(cli) -> None:
    a4 = cli("brief", str(PREPARED), "--format", "html").stdout
    letter = cli("brief", str(PREPARED), "--format", "html", "--paper", "letter").stdout
    assert "@page { size: A4;" in a4
    assert "@page { size: letter;" in letter


def test_html_is_one_self_contained_file(cli) -> None:
    page = cli("brief", str(PREPARED), "--format", "html").stdout
    assert page.startswith("<!doctype html>")
    # nothing fetched from elsewhere: no links, scripts, images or web fonts
    for outside in ("<link", "<script", "<img", "@import", "url(", "http://", "https://"):
        assert outside not in page


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_pdf_of_the_examples_is_one_page_of_the_paper_asked_for(cli, tmp_path, name, paper) -> None:
    target = tmp_path / "brief.pdf"
    result = cli(
        "brief", str(EXAMPLES[name]), "--format", "pdf", "--paper", paper, "-o", str(target)
    )
    assert result.exit_code == 0, result.stderr
    reader = pdf_pages(target.read_bytes())
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == PAGE_SIZES[paper]
    assert f"Wrote {target}" in result.stderr


def test_pdf_text_carries_the_objectives_and_the_people(cli, tmp_path) -> None:
    target = tmp_path / "brief.pdf"
    cli("brief", str(PREPARED), "--format", "pdf", "-o", str(target))
    text = " ".join(pdf_pages(target.read_bytes()).pages[0].extract_text().split())
    assert "Dana agrees to a 30-day pilot with 20 trucks starting 5 Jan" in text
    assert "Dana introduces us to the IT lead before 10 Dec" in text
    assert "Marco Ruiz" in text
    assert "Which dispatch system do the depots use today" in text


def test_pdf_needs_an_output_file(cli) -> None:
    result = cli("brief", str(PREPARED), "--format", "pdf")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"callprep: {messages.PDF_NEEDS_OUTPUT}"
    assert result.stdout == ""


def test_terminal_brief_is_not_written_to_a_file(cli, tmp_path) -> None:
    result = cli("brief", str(PREPARED), "-o", str(tmp_path / "brief.txt"))
    assert result.exit_code == 1
    assert messages.TERM_NO_FILE in result.stderr
    assert not (tmp_path / "brief.txt").exists()


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_output_file_gets_what_stdout_would(cli, tmp_path, fmt) -> None:
    target = tmp_path / f"brief.{fmt}"
    written = cli("brief", str(PREPARED), "--format", fmt, "-o", str(target))
    assert written.exit_code == 0, written.stderr
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == cli("brief", str(PREPARED), "--format", fmt).stdout
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temp file left behind


def test_unwritable_output_is_one_clear_error(cli, tmp_path) -> None:
    result = cli(
        "brief",
        str(PREPARED),
        "--format",
        "md",
        "-o",
        str(tmp_path / "no" / "such" / "dir" / "b.md"),
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("callprep: cannot write")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["term", "md", "html", "pdf"])
def test_every_format_works_for_a_plan_id_and_its_prefix(
    cli, stored_example, tmp_path, fmt
) -> None:
    plan_id = stored_example(PREPARED)
    for ref in (plan_id, plan_id[:16]):
        args = ["brief", ref, "--format", fmt]
        if fmt == "pdf":
            args += ["-o", str(tmp_path / "brief.pdf")]
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        if fmt == "pdf":
            assert len(pdf_pages((tmp_path / "brief.pdf").read_bytes()).pages) == 1
        else:
            assert "Acme Logistics" in result.stdout


def test_unknown_plan_is_one_clear_error(cli) -> None:
    result = cli("brief", "no-such-plan", "--format", "md")
    assert result.exit_code == 1
    assert result.stderr.startswith("callprep: ")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name", EXAMPLES)
def test_terminal_brief_fits_80_columns(cli, monkeypatch, name) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("brief", str(EXAMPLES[name]))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any("Dana agrees" in line or "Pitch the product" in line for line in lines)


def test_terminal_brief_uses_wider_terminals(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "140")
    lines = cli("brief", str(PREPARED)).stdout.splitlines()
    assert 80 < max(len(line) for line in lines) <= 140


def test_terminal_brief_is_in_meeting_order(cli) -> None:
    out = cli("brief", str(UNPREPARED)).stdout
    headings = [
        "Objectives",
        "Agenda",
        "What we know",
        "What we must learn",
        "When they go off-script",
        "Still open",
    ]
    positions = [out.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Best outcome (vague)" in out
    assert "(suggested)" in out


def test_help_does_not_load_typst(cli) -> None:
    import subprocess
    import sys

    code = "import sys; from callprep.cli import app; print('typst' in sys.modules)"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "False"


def test_markdown_and_html_do_not_load_typst(tmp_path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from callprep.cli import main\n"
        "sys.argv = ['callprep', 'brief', sys.argv[1], '--format', 'html', '-o', sys.argv[2]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('typst' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(PREPARED), str(tmp_path / "b.html")],
        capture_output=True,
        text=True,
    )
    assert done.stderr.strip().splitlines()[-1] == "False"
    assert Path(tmp_path / "b.html").exists()
