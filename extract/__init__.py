"""Didar: a knowledge graph of diplomatic meetings extracted from Persian news."""

from __future__ import annotations

from .article import Article, article_from_text, read_article
from .pipeline import extract_article, extract_text

__all__ = ["Article", "article_from_text", "extract_article", "extract_text", "read_article"]
