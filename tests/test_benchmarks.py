"""The benchmark's generator writes reports the extractor reads, and the benchmark runs end to end."""

from __future__ import annotations

import subprocess
import sys

from benchmarks.generate import generate
from conftest import ROOT
from extract.article import article_from_text
from extract.pipeline import extract_article


def test_generated_articles_are_read_as_meetings() -> None:
    for doc_id, text in generate(20, seed=3):
        extraction = extract_article(article_from_text(doc_id, text))
        assert len(extraction.meetings) == 1, text
        roles = {p.office.role for p in extraction.meetings[0].participants if p.office}
        assert roles == {"governor", "ambassador"}, text


def test_generation_is_deterministic() -> None:
    assert list(generate(5, seed=1)) == list(generate(5, seed=1))
    assert list(generate(5, seed=1)) != list(generate(5, seed=2))


def test_bench_prints_its_table() -> None:
    options = ["--articles", "6", "--build", "40", "--scales", "80", "--rdflib-timeout", "20"]
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench", *options], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    for measure in ("bare spaCy tokenizer", "SHACL per article, in batches", "full build, --jobs 2, 40 articles",
                    "bulk load, 80 articles", "meetings-in-month (selective), 80 articles",
                    "selective query (standard SPARQL), rdflib", "participants.rq, 80 articles"):  # fmt: skip
        assert measure in done.stdout
