"""Didar: a knowledge graph of diplomatic meetings extracted from Persian news.

The names below are imported on first use, so that `didar --help`, `stats` and `query`
start without loading spaCy and the lexicons.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .article import Article, article_from_text, read_article
    from .pipeline import extract_article, extract_text

__all__ = ["Article", "article_from_text", "extract_article", "extract_text", "read_article"]
_HOME = {"Article": "article", "article_from_text": "article", "read_article": "article",
         "extract_article": "pipeline", "extract_text": "pipeline"}  # fmt: skip


def __getattr__(name: str) -> object:
    if name not in _HOME:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    return getattr(import_module(f".{_HOME[name]}", __name__), name)
