"""Hostile and broken input: file names from ids, over-long articles, parameters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import article
from extract.batch import reject
from extract.validate import Report
from extract.vocab import file_stem

HOSTILE_IDS = [
    "../../../../tmp/x",
    "/tmp/x",
    "a\x00b",
    "x" * 5000,
    "shapes",
    "a.b1",
    "a.b2",
    "..",
    "",
    "گزارش/ایرنا",
]


@pytest.mark.parametrize("doc_id", HOSTILE_IDS)
def test_a_rejected_article_is_written_inside_its_folder(doc_id: str, tmp_path: Path) -> None:
    folder = tmp_path / "rejected"
    reject(article("متن", doc_id=doc_id), Graph(), Report(False, ()), folder)
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert len(written) == 2
    assert all(p.parent == folder and len(p.name) < 80 for p in written)


def test_ids_that_slug_alike_get_files_of_their_own(tmp_path: Path) -> None:
    for doc_id in HOSTILE_IDS:
        reject(article("متن", doc_id=doc_id), Graph(), Report(False, ()), tmp_path)
    assert len(list(tmp_path.iterdir())) == 2 * len(HOSTILE_IDS)
    assert len({file_stem(i) for i in HOSTILE_IDS}) == len(HOSTILE_IDS)


def test_an_over_long_article_is_rejected_and_the_rest_goes_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from conftest import SEED
    from extract.cli import main
    from extract.sources import MAX_CHARS_VARIABLE

    monkeypatch.setenv(MAX_CHARS_VARIABLE, "")  # restored (unset) after the test, whatever --max-chars sets
    seed = SEED.read_text(encoding="utf-8")
    records = [{"id": "long", "text": seed * 20}, {"id": "seed", "text": seed}]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "out.ttl"
    limit = str(len(seed) * 5)
    result = CliRunner().invoke(main, ["extract", str(jsonl), "-o", str(out), "--max-chars", limit])
    assert result.exit_code == 1
    assert "more than the limit" in result.output and "--max-chars" in result.output
    assert "in.jsonl:1" in result.output
    assert "1 article(s)" in result.output and out.stat().st_size > 0


@pytest.fixture(scope="module")
def seed_turtle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from conftest import SEED
    from extract.cli import main

    out = tmp_path_factory.mktemp("seed") / "seed.ttl"
    result = CliRunner().invoke(main, ["extract", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def query(turtle: Path, name: str, *params: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from extract.cli import main

    args = ["query", name, "--data", str(turtle), "--format", "csv"]
    for p in params:
        args += ["--param", p]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def test_needle_finds_only_that_person(seed_turtle: Path) -> None:
    code, out = query(seed_turtle, "person-meetings", "needle=هادی")
    rows = out.strip().splitlines()[1:]
    assert code == 0 and rows and all("هادی" in r.split(",")[1] for r in rows)
    code, everyone = query(seed_turtle, "person-meetings")
    assert len(everyone.strip().splitlines()) - 1 > len(rows)


@pytest.mark.parametrize(
    "name, params, says",
    [
        ("meetings", ("x=1",), "it takes: no parameters"),
        ("meetings-in-month", ("nedle=x",), "it takes: stateA, stateB, month"),
        ("meetings-in-month", ("stateA=kz",), "--param stateA=KZ"),
        ("meetings-in-month", ("stateA=KZ", "stateB=IR", "month=2025-13"), "--param month=2025-09"),
        ("meetings-in-month", ("month",), "VAR=VALUE"),
    ],
)
def test_a_wrong_parameter_is_named_with_its_fix(
    seed_turtle: Path, name: str, params: tuple[str, ...], says: str
) -> None:
    code, out = query(seed_turtle, name, *params)
    assert code != 0 and says in out and "Traceback" not in out


def test_bound_states_and_month_narrow_the_rows(seed_turtle: Path) -> None:
    assert query(seed_turtle, "meetings-in-month", "stateA=IR", "stateB=KZ", "month=2025-09")[1].count("\n") == 2
    assert query(seed_turtle, "meetings-in-month", "stateA=IR", "stateB=KZ", "month=2025-08")[1].count("\n") == 1


def test_article_text_cannot_drive_the_terminal() -> None:
    from extract.queries import display_width, text_table

    hostile = "گفت: \x1b]0;owned\x07\x1b[2J پایان\u202e"
    out = text_table(["who", "text"], [["هادی", hostile], ["ab", "x"]])
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b" in out and "\\u202e" in out
    lines = out.splitlines()
    assert "\u2068هادی\u2069" in lines[2]  # right-to-left text isolated
    starts = [display_width(lines[2][: lines[2].index("\u2068گفت")]), display_width(lines[3][: lines[3].index("x")])]
    assert starts[0] == starts[1]  # the second column starts at the same place on screen


def test_the_same_id_twice_is_said_and_the_later_wins(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from conftest import SEED
    from extract.cli import main

    seed = SEED.read_text(encoding="utf-8")
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("\n".join(json.dumps({"id": "a", "text": seed}, ensure_ascii=False) for _ in range(2)) + "\n")
    result = CliRunner().invoke(
        main, ["build", str(jsonl), "--store", str(tmp_path / "s"), "-o", str(tmp_path / "g.ttl")]
    )
    assert result.exit_code == 0, result.output
    assert "the same id as" in result.output and "in.jsonl:1" in result.output


@pytest.mark.parametrize("command", ["build", "extract"])
def test_an_input_with_no_article_exits_1(command: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from extract.cli import main

    (tmp_path / "empty").mkdir()
    args = [command, str(tmp_path / "empty"), "-o", str(tmp_path / "g.ttl")]
    if command == "build":
        args += ["--store", str(tmp_path / "s")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "no article in" in result.output


@pytest.mark.parametrize("command", [["stats"], ["build", "seeds", "--no-table"], ["query", "participants"]])
def test_a_folder_that_is_no_store_is_named_not_touched(command: list[str], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from conftest import ROOT
    from extract.cli import main

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    args = [command[0], *[str(ROOT / a) if a == "seeds" else a for a in command[1:]], "--store", str(folder)]
    if command[0] == "build":
        args += ["-o", str(tmp_path / "g.ttl")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "not a Didar store" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize(
    "encoding, named",
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE"), ("utf-32", "UTF-32")],
)
def test_a_wide_encoding_is_named_with_the_fix(encoding: str, named: str, tmp_path: Path) -> None:
    from conftest import SEED
    from extract.article import read_article
    from extract.errors import InputError

    path = tmp_path / "a.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode(encoding))
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert named in str(caught.value) and "iconv" in str(caught.value)


def test_an_html_page_in_a_folder_is_rejected_by_name(tmp_path: Path) -> None:
    from extract.sources import iter_sources, load_source

    (tmp_path / "page.html").write_text("<!DOCTYPE html><html><body>دیدار</body></html>", encoding="utf-8")
    (source,) = list(iter_sources([tmp_path]))
    with pytest.raises(Exception, match="HTML page"):
        load_source(source)


def test_url_and_source_of_a_record_lead_back_to_the_page(tmp_path: Path) -> None:
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS

    from conftest import SEED
    from extract.batch import extract_to_graph
    from extract.vocab import SCHEMA

    seed = SEED.read_text(encoding="utf-8")
    records = [
        {"id": "a", "text": seed, "url": "https://www.mehrnews.com/news/1234", "source": "Mehr"},
        {"id": "b", "text": seed, "url": "javascript:alert(1)"},
    ]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    graph, summary = extract_to_graph([jsonl])
    assert [o.loaded for o in summary.outcomes] == [True, False]
    assert "is not an http(s) address" in summary.outcomes[1].message
    (article,) = graph.subjects(SCHEMA.url, URIRef("https://www.mehrnews.com/news/1234"))
    assert (article, DCTERMS.source, Literal("Mehr")) in graph


@pytest.mark.parametrize(
    "value, day",
    [("2025-09-24", "2025-09-24"), ("20250924", "2025-09-24"), ("2025-09-24T10:20:00+03:30", "2025-09-24"),
     ("2025-09-24T99:99 garbage", None), (20250924, None), ("yesterday", None)],
)  # fmt: skip
def test_a_record_date_is_read_whole_or_refused(value: object, day: str | None) -> None:
    from extract.errors import InputError
    from extract.sources import record_date

    if day is None:
        with pytest.raises(InputError, match="YYYY-MM-DD"):
            record_date(value, "in.jsonl:1")
    else:
        assert record_date(value, "in.jsonl:1").isoformat() == day


@pytest.mark.parametrize("fmt", ["jsonld", "trig", "nt", "turtle"])
def test_query_data_reads_every_export_of_the_project(fmt: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from conftest import SEED
    from extract.cli import main

    runner = CliRunner()
    store = tmp_path / "store"
    assert (
        runner.invoke(
            main, ["build", str(SEED), "--store", str(store), "-o", str(tmp_path / "g.ttl"), "--no-table"]
        ).exit_code
        == 0
    )
    suffix = {"jsonld": "jsonld", "trig": "trig", "nt": "nt", "turtle": "ttl"}[fmt]
    out = tmp_path / f"all.{suffix}"
    assert runner.invoke(main, ["export", "--store", str(store), "--format", fmt, "-o", str(out)]).exit_code == 0
    result = runner.invoke(main, ["query", "participants", "--data", str(out), "--format", "csv"])
    assert result.exit_code == 0 and len(result.output.strip().splitlines()) == 3, result.output
