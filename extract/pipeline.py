"""Extraction as one pure function: an `Article` in, an `Extraction` out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache

from .article import Article, article_from_text
from .language.reader import Reader
from .lexicon import load_lexicon
from .model import Extraction
from .nlp import load_pipeline


@cache
def _relater() -> Reader:
    return Reader(load_lexicon())


def prepare() -> None:
    """Load the spaCy pipeline and the lexicons now (before worker processes fork)."""
    load_pipeline()
    _relater()


def extract_article(article: Article) -> Extraction:
    """Read one article and return what it reports (no side effects)."""
    doc = load_pipeline()(article.text)
    return _relater()(article, doc)


def extract_articles(articles: Sequence[Article], batch_size: int = 64) -> Iterator[Extraction]:
    """`extract_article` over many articles, tokenised together with spaCy's `nlp.pipe`."""
    relater = _relater()
    docs = load_pipeline().pipe((a.text for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs, strict=True):
        yield relater(article, doc)


def extract_text(text: str, doc_id: str = "text") -> Extraction:
    """Convenience for tests and notebooks: extract from a string."""
    return extract_article(article_from_text(doc_id, text))
