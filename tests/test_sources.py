"""Streaming input (folders, globs, JSONL, gzip), progress lines, and worker processes."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import SEED, timeless
from extract.batch import build
from extract.errors import InputError
from extract.progress import Progress
from extract.sources import Source, iter_sources, load_source
from extract.store import open_store


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder with a text file, a gzipped text file and a gzipped JSONL file with a bad line."""
    text = SEED.read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "plain.txt")
    with gzip.open(folder / "zipped.txt.gz", "wt", encoding="utf-8") as out:
        out.write(text)
    records = [
        {"id": "rec-1", "text": text, "date": "2025-09-24", "url": "https://example.org/1"},
        "not json",
        {"id": "rec-2"},
        {"id": "rec-3", "text": text, "date": "24/09/2025"},
    ]
    with gzip.open(folder / "crawl.jsonl.gz", "wt", encoding="utf-8") as out:
        for record in records:
            out.write((json.dumps(record, ensure_ascii=False) if isinstance(record, dict) else record) + "\n")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    return folder


def test_sources_are_listed_in_order(mixed: Path) -> None:
    labels = [s.label for s in iter_sources([mixed])]
    assert labels == [
        f"{mixed}/crawl.jsonl.gz:1",
        f"{mixed}/crawl.jsonl.gz:2",
        f"{mixed}/crawl.jsonl.gz:3",
        f"{mixed}/crawl.jsonl.gz:4",
        f"{mixed}/plain.txt",
        f"{mixed}/zipped.txt.gz",
    ]


def test_globs(mixed: Path) -> None:
    assert [s.label for s in iter_sources([mixed / "*.txt*"])] == [f"{mixed}/plain.txt", f"{mixed}/zipped.txt.gz"]


def test_records_and_their_errors(mixed: Path) -> None:
    sources = list(iter_sources([mixed / "crawl.jsonl.gz"]))
    article = load_source(sources[0])
    assert (article.doc_id, article.published) == ("rec-1", dt.date(2025, 9, 24))
    problems = ["not a JSON record", "needs an `id` and a `text`", "not an ISO date"]
    for source, problem in zip(sources[1:], problems, strict=True):
        with pytest.raises(InputError, match=problem) as info:
            load_source(source)
        assert f"crawl.jsonl.gz:{source.line}" in str(info.value)
    assert load_source(Source(mixed / "zipped.txt.gz")).doc_id == "zipped"


def test_build_reads_everything_and_rejects_only_bad_lines(mixed: Path, tmp_path: Path) -> None:
    summary = build([mixed], tmp_path / "s", None)
    assert sorted(o.doc_id for o in summary.loaded if o.doc_id) == ["plain", "rec-1", "zipped"]
    assert len(summary.rejected) == 3


def test_two_workers_build_the_same_store(mixed: Path, tmp_path: Path) -> None:
    build([mixed], tmp_path / "one", None, jobs=1)
    build([mixed], tmp_path / "two", None, jobs=2)
    one, two = (timeless(open_store(tmp_path / name, read_only=True)) for name in ("one", "two"))
    assert one == two  # but for when each build ran


def test_progress_lines_when_not_a_terminal(mixed: Path, tmp_path: Path) -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream, every=0.0, tty=False)
    build([mixed], tmp_path / "s", None, on_outcome=progress)
    lines = stream.getvalue().splitlines()
    assert sum(line.startswith("  ok") for line in lines) == 3
    assert sum(line.startswith("  rejected") for line in lines) == 3
    assert lines[-1].startswith("progress: 6 articles (") and lines[-1].endswith("3 meetings, 3 rejected")


def test_progress_bar_on_a_terminal(mixed: Path, tmp_path: Path) -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream, tty=True)
    build([mixed], tmp_path / "s", None, on_outcome=progress)
    progress.close()
    out = stream.getvalue()
    assert "6 articles" in out and "meetings=3" in out and "rejected=3" in out
