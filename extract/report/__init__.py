"""`didar report`: static HTML pages of the store, to read in a browser with no server.

gather (SPARQL → the dataclasses of views.py) → text (segments of the article text) → svg (diagrams) →
html (pages) → files written here, each atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from ..article import Article
from ..files import write_atomically
from .gather import absent_view, gather, list_articles
from .html import article_page, index_page
from .views import ArticleView

__all__ = ["ArticleView", "article_path", "articles_from", "texts_from", "write_report"]


def article_path(out_dir: Path, view: ArticleView) -> Path:
    """Where an article's page goes: named from `file_stem` (a slug and a hash), never the raw id."""
    return out_dir / "articles" / f"{view.stem}.html"


def write_report(
    store: ox.Store,
    out_dir: Path,
    doc_ids: Iterable[str] | None = None,
    texts: Mapping[str, str] | None = None,
    articles: Mapping[str, Article] | None = None,
    left_out: Mapping[str, str] | None = None,
) -> Path:
    """Write index.html and a page per article under `out_dir`; return the index's path.

    The pages are of every article in the store and every one of `articles` (the inputs,
    by id), or of `doc_ids` only. `texts` (doc id -> article text; the articles' own texts
    by default) shows each article whole; without it, the pages show the parts of the text
    the graph quotes. An input article the store does not hold (it reports no meeting) gets
    a page of its text with no highlights, saying so, or saying `left_out[source]` (why the
    build left the article out, by its input's name) when given."""
    given = dict(articles or {})
    texts = {**{d: a.text for d, a in given.items()}, **(texts or {})}
    found = list_articles(store)
    wanted = sorted({*found, *given}) if doc_ids is None else list(dict.fromkeys(doc_ids))
    absent = {d for d in wanted if d not in found and d in given}
    in_store = iter(gather(store, [d for d in wanted if d not in absent], texts))
    views = [
        absent_view(given[d], (left_out or {}).get(given[d].source)) if d in absent else next(in_store) for d in wanted
    ]
    links = {}
    for view in views:
        path = article_path(out_dir, view)
        write_atomically(path, article_page(view).encode("utf-8"))
        links[view.doc_id] = path.relative_to(out_dir).as_posix()
    index = out_dir / "index.html"
    write_atomically(index, index_page(views, links).encode("utf-8"))
    return index


def articles_from(paths: Iterable[Path], on_skip: Callable[[str], None] | None = None) -> dict[str, Article]:
    """The articles named by the paths (files, folders, globs, JSONL), by id (a later input
    with the same id replaces an earlier one, as in a build). An input that cannot be read
    is left out, and `on_skip` is told why in one line."""
    from ..errors import InputError
    from ..sources import iter_sources, load_source

    articles = {}
    for source in iter_sources(paths):
        try:
            article = load_source(source)
        except InputError as err:
            if on_skip is not None:
                on_skip(str(err))
            continue
        articles[article.doc_id] = article
    return articles


def texts_from(paths: Iterable[Path]) -> dict[str, str]:
    """The texts of the articles named by the paths, by id; inputs that cannot be read are
    left out (the build has said why)."""
    return {doc_id: article.text for doc_id, article in articles_from(paths).items()}
