"""The benchmark's generator writes reports the extractor reads, shaped like the annotated
articles, and the benchmark runs end to end."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache

import pytest

from benchmarks.generate import generate
from benchmarks.profile import MEASURES, REPO_ANNOTATED, SHARED_DEV, Summary, measure, read_annotated, summarize
from conftest import ROOT
from extract.article import article_from_text
from extract.pipeline import extract_articles

SAMPLE = 40  # generated articles compared with the annotated ones
TOLERANCE = 0.20


@cache
def generated() -> Summary:
    return summarize(measure([article_from_text(i, t) for i, t in generate(SAMPLE, seed=5)]))


def assert_close(annotated: Summary, label: str) -> None:
    far = {
        name: f"generated {generated().mean[name]:.2f} vs {label} {annotated.mean[name]:.2f}"
        for name in MEASURES
        if abs(generated().mean[name] - annotated.mean[name]) > TOLERANCE * annotated.mean[name]
    }
    assert not far, far


def test_generated_articles_are_read_as_meetings_with_speech_and_proposals() -> None:
    extractions = list(extract_articles([article_from_text(i, t) for i, t in generate(25, seed=3)]))
    with_meetings = [x for x in extractions if x.meetings]
    assert 15 <= len(with_meetings) < 25  # some reports tell of no meeting
    for x in with_meetings:
        for meeting in x.meetings:
            assert len(meeting.participants) >= 2, x.article.text
            assert all(p.office for p in meeting.participants), x.article.text
            assert meeting.date is not None and meeting.topics, x.article.text
        assert x.statements and x.proposals, x.article.text
    assert any(p.goods for x in extractions for p in x.proposals)
    assert any(p.route or p.via for x in extractions for p in x.proposals)
    assert any(s.direct for x in extractions for s in x.statements)
    assert any(not s.direct for x in extractions for s in x.statements)


def test_generated_articles_look_like_the_annotated_ones_in_the_repo() -> None:
    assert_close(summarize(measure(read_annotated(REPO_ANNOTATED))), "seeds/ and tests/corpus/own")


@pytest.mark.skipif(not SHARED_DEV.is_dir(), reason="the annotated corpus (../shared/corpus/dev) is not here")
def test_generated_articles_look_like_the_shared_dev_corpus() -> None:
    assert_close(summarize(measure(read_annotated([SHARED_DEV]))), "shared dev")


def test_generated_names_are_invented() -> None:
    """No surname of the generator is (part of) a name in the annotated gold files."""
    import json

    from benchmarks.generate import FOREIGN_SURNAME, SURNAME
    from extract.normalize import fold_name

    golds = [*(ROOT / "tests" / "corpus").rglob("*.gold.json"), *SHARED_DEV.parent.rglob("*.gold.json")]
    names = {
        fold_name(p["name"])
        for path in golds
        for m in json.loads(path.read_text(encoding="utf-8")).get("meetings", [])
        for p in m["participants"]
    }
    surnames = [*SURNAME, *(s for group in FOREIGN_SURNAME.values() for s in group)]
    assert not [s for s in surnames if any(fold_name(s) in n for n in names)]


def test_generation_is_deterministic() -> None:
    assert list(generate(5, seed=1)) == list(generate(5, seed=1))
    assert list(generate(5, seed=1)) != list(generate(5, seed=2))


def test_bench_prints_its_table() -> None:
    options = ["--articles", "6", "--build", "20", "--build-2", "20", "--scales", "20,80", "--rdflib-timeout", "20"]
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench", *options], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    for label in ("bare spaCy tokenizer", "SHACL per article", "full build, --jobs 1, 20 articles",
                    "full build, --jobs 2, 20 articles", "wall time by phase (s), --jobs 2",
                    "store of the --jobs 2 build, 20 articles", "meetings-in-month (selective), 20 articles",
                    "bulk load, 80 articles", "meetings-in-month (selective), 80 articles",
                    "selective query (standard SPARQL), rdflib", "participants.rq, 80 articles",
                    "Articles as the extractor reads them"):  # fmt: skip
        assert label in done.stdout
    # the 100,000-article row is left to `make bench-100k`, and the table says so
    assert re.search(r"meetings-in-month \(selective\), 100,000 articles +not run +`make bench-100k`", done.stdout)
