"""Shared fixtures: paths to the sample input and the annotated corpus, small articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.article import Article, article_from_text
from extract.graph import extraction_graph
from extract.model import Extraction
from extract.pipeline import extract_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = next(SEEDS.glob("*.txt"))
CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"


def article(body: str, published: str | None = "2025-06-10", doc_id: str = "t") -> Article:
    """An article from a body text, with the crawl's date line when a date is given."""
    text = f" date {published}\n{body}" if published else body
    return article_from_text(doc_id, text)


def extract(body: str, published: str | None = "2025-06-10") -> Extraction:
    return extract_article(article(body, published))


@pytest.fixture(scope="session")
def seed_extraction() -> Extraction:
    from extract.article import read_article

    return extract_article(read_article(SEED))


@pytest.fixture(scope="session")
def seed_graph_ttl(seed_extraction: Extraction) -> str:
    return extraction_graph(seed_extraction).serialize(format="turtle")


def needs_corpus() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not CORPUS.is_dir(), reason="the annotated corpus (../shared/corpus) is not here")
