"""The command line, run in-process: each command, its help, its errors and exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from conftest import SEED
from extract import console
from extract.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store and graph.ttl built from a copy of seeds/."""
    work = tmp_path_factory.mktemp("built")
    shutil.copytree(SEED.parent, work / "seeds")
    result = run("build", work / "seeds", "--store", work / "store", "-o", work / "graph.ttl")
    assert result.exit_code == 0, result.output
    return work


def test_help_lists_every_command_with_an_example() -> None:
    result = run("--help")
    for command in ("build", "extract", "validate", "query", "export", "eval"):
        assert command in result.output
        sub = run(command, "--help")
        assert sub.exit_code == 0
        assert "Example" in sub.output, command


def test_build_prints_the_meeting_table(built: Path) -> None:
    assert (built / "graph.ttl").exists()
    assert (built / "store").is_dir()


@pytest.mark.parametrize(
    ("flags", "terminal", "table_shown"),
    [([], True, True), ([], False, False), (["--table"], False, True), (["--no-table"], True, False)],
    ids=["terminal", "pipe", "asked", "refused"],
)
def test_build_prints_the_table_on_a_terminal_when_short(
    flags: list[str], terminal: bool, table_shown: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "on_terminal", lambda: terminal)
    result = run("build", SEED, "--store", tmp_path / "s", "-o", tmp_path / "g.ttl", *flags)
    assert result.exit_code == 0
    assert ("ambassador" in result.stdout and "governor" in result.stdout) == table_shown
    assert "1 article(s) loaded, 0 rejected" in result.stderr
    if not table_shown and "--no-table" not in flags:
        assert "didar query participants" in result.stderr  # how to get the rows


def test_a_long_table_is_not_printed_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console, "on_terminal", lambda: True)
    monkeypatch.setattr(console, "SHORT_TABLE", 1)
    result = run("build", SEED, "--store", tmp_path / "s", "-o", tmp_path / "g.ttl")
    assert "governor" not in result.stdout
    assert "participant rows: `didar query participants` lists them" in result.stderr


@pytest.mark.parametrize(
    ("flags", "ok_line", "summary"), [([], False, True), (["-v"], True, True), (["-q"], False, False)]
)
def test_quiet_and_verbose(flags: list[str], ok_line: bool, summary: bool, tmp_path: Path) -> None:
    result = run(*flags, "build", SEED, "--store", tmp_path / "s", "-o", tmp_path / "g.ttl", "--no-table")
    assert result.exit_code == 0
    assert ("  ok " in result.stderr) == ok_line
    assert ("article(s) loaded" in result.stderr) == summary


def test_quiet_still_names_a_rejected_article(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("-q", "build", SEED, tmp_path / "empty.txt", "--store", tmp_path / "s", "-o", tmp_path / "g.ttl")
    assert result.exit_code == 1
    assert "rejected" in result.stderr and "empty.txt" in result.stderr
    assert "article(s) loaded" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [["--help"], ["--version"], ["stats", "--store", "{store}"], ["query", "participants", "--store", "{store}"]],
    ids=["help", "version", "stats", "query"],
)
def test_commands_that_read_start_without_the_extractor(command: list[str], built: Path) -> None:
    """spaCy, the lexicons and the SHACL engine load only where extraction or validation runs, so
    these start in a fraction of a second."""
    probe = (
        "import sys; from extract.cli import main\n"
        f"command = {[c.format(store=built / 'store') for c in command]!r}\n"
        "try: main(command)\nexcept SystemExit: pass\n"
        "heavy = sorted(m for m in ('spacy', 'pyshacl', 'pyshacl_turbo', 'extract.pipeline', 'extract.batch')"
        " if m in sys.modules)\n"
        "print('HEAVY', heavy)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "HEAVY []" in result.stdout


def test_build_keeps_going_past_bad_articles(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(SEED, batch / "good.txt")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    (batch / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    (batch / "nomeeting.txt").write_text(" date 2025-01-01\nهمایش سالانه فردا برگزار می‌شود.", encoding="utf-8")
    result = run("build", batch, tmp_path / "missing.txt", "--store", tmp_path / "s", "-o", tmp_path / "g.ttl")
    assert result.exit_code == 1
    for name in ("empty.txt", "binary.txt", "latin.txt", "nomeeting.txt", "missing.txt"):
        assert name in result.stderr
    assert "Traceback" not in result.output
    assert "1 article(s) loaded, 5 rejected" in result.stderr
    rows = json.loads(run("query", "meetings", "--store", tmp_path / "s", "--format", "json").stdout)
    assert [r["doc"] for r in rows] == ["good"]


def test_rebuild_changes_nothing(built: Path) -> None:
    before = (built / "graph.ttl").read_bytes()
    result = run("build", built / "seeds", "--store", built / "store", "-o", built / "graph.ttl")
    assert result.exit_code == 0
    assert Graph().parse(data=before, format="turtle").isomorphic(Graph().parse(built / "graph.ttl"))


def test_extract_writes_turtle(tmp_path: Path) -> None:
    out = tmp_path / "x.ttl"
    result = run("extract", SEED, "-o", out)
    assert result.exit_code == 0
    assert len(Graph().parse(out)) > 100


def test_validate_good_and_bad(built: Path, tmp_path: Path) -> None:
    assert run("validate", built / "graph.ttl").exit_code == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix didar: <https://w3id.org/didar/ontology#> .\n<urn:x> a didar:DiplomaticMeeting .\n", encoding="utf-8"
    )
    result = run("validate", bad)
    assert result.exit_code == 1
    assert "urn:x" in result.stdout and "at least two participants" in result.stdout
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    assert run("validate", broken).exit_code == 1
    assert run("validate", tmp_path / "none.ttl").exit_code == 2


def test_validate_reports_ill_typed_literals_without_a_traceback(tmp_path: Path) -> None:
    odd = tmp_path / "odd.ttl"
    odd.write_text(
        "@prefix oa: <http://www.w3.org/ns/oa#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<urn:s> a oa:TextPositionSelector ; oa:start "abc"^^xsd:integer ; oa:end "0x"^^xsd:integer .\n',
        encoding="utf-8",
    )
    probe = f"from extract.cli import main; main(['validate', {str(odd)!r}])"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)  # rdflib logs to stderr
    assert result.returncode == 1
    assert "urn:s" in result.stdout and "one start offset" in result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    odd.write_text("<http://example.org/[x]> <http://example.org/p> 1 .\n", encoding="utf-8")  # rdflib reads it
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 1
    assert "not valid RDF" in result.stderr and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_formats(built: Path, fmt: str) -> None:
    result = run("query", "participants", "--store", built / "store", "--format", fmt)
    assert result.exit_code == 0
    assert "اونتالاپ" in result.stdout


def test_query_data_file_and_rq_file(built: Path, tmp_path: Path) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", encoding="utf-8")
    result = run("query", rq, "--data", built / "graph.ttl", "--format", "json")
    assert result.exit_code == 0
    assert int(json.loads(result.stdout)[0]["n"]) == len(Graph().parse(built / "graph.ttl"))


def test_query_errors(built: Path, tmp_path: Path) -> None:
    assert run("query", "nope", "--store", built / "store").exit_code == 2
    assert run("query", "meetings", "--store", tmp_path / "none").exit_code == 2
    assert run("query", "meetings", "--param", "novalue", "--store", built / "store").exit_code == 2


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_merged_formats(built: Path, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    out = tmp_path / f"g.{fmt}"
    assert run("export", "--store", built / "store", "--format", fmt, "-o", out).exit_code == 0
    assert Graph().parse(out, format=rdflib_format).isomorphic(Graph().parse(built / "graph.ttl"))


def test_export_trig_has_a_graph_per_article(built: Path, tmp_path: Path) -> None:
    from rdflib import Dataset

    out = tmp_path / "g.trig"
    assert run("export", "--store", built / "store", "--format", "trig", "-o", out).exit_code == 0
    ds = Dataset()
    ds.parse(out, format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert any(n.startswith("https://w3id.org/didar/id/article/") for n in names)


def test_build_without_turtle_fills_the_store_only(tmp_path: Path) -> None:
    result = run("build", SEED, "--store", tmp_path / "s", "-o", tmp_path / "g.ttl", "--no-turtle", "--no-table")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "g.ttl").exists()
    assert "Turtle: not written" in result.stderr
    rows = json.loads(run("query", "meetings", "--store", tmp_path / "s", "--format", "json").stdout)
    assert len(rows) == 1
