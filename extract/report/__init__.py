"""`didar report`: static HTML pages of the store, to read in a browser with no server.

gather (SPARQL → the dataclasses of views.py) → text (segments of the article text) → svg (diagrams) →
html (pages) → files written here, each atomically.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from .gather import gather
from .html import article_page, index_page
from .views import ArticleView

__all__ = ["ArticleView", "article_path", "texts_from", "write_report"]

FILE_MODE = 0o644


def article_path(out_dir: Path, view: ArticleView) -> Path:
    """Where an article's page goes: named from `file_stem` (a slug and a hash), never the raw id."""
    return out_dir / "articles" / f"{view.stem}.html"


def write_file(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new version, never half of one, with
    an ordinary file mode (0644) rather than a temporary file's 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), FILE_MODE)
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_report(
    store: ox.Store, out_dir: Path, doc_ids: Iterable[str] | None = None, texts: Mapping[str, str] | None = None
) -> Path:
    """Write index.html and a page per article (all, or `doc_ids`) under `out_dir`; return
    the index's path. `texts` (doc id -> article text) shows each article whole; without
    it, the pages show the parts of the text the graph quotes."""
    views = gather(store, doc_ids, texts)
    links = {}
    for view in views:
        path = article_path(out_dir, view)
        write_file(path, article_page(view).encode("utf-8"))
        links[view.doc_id] = path.relative_to(out_dir).as_posix()
    index = out_dir / "index.html"
    write_file(index, index_page(views, links).encode("utf-8"))
    return index


def texts_from(paths: Iterable[Path]) -> dict[str, str]:
    """The texts of the articles named by the paths (files, folders, globs, JSONL), by id;
    inputs that cannot be read are left out (the build has said why)."""
    from ..errors import InputError
    from ..sources import iter_sources, load_source

    texts = {}
    for source in iter_sources(paths):
        try:
            article = load_source(source)
        except InputError:
            continue
        texts[article.doc_id] = article.text
    return texts
