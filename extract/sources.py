"""Where articles come from: files, folders, globs, JSONL (one article a line), gzip.

Inputs are streamed: a folder or a JSONL file is read one article at a time, so memory
does not grow with the corpus. A JSONL record has `id` and `text`, and optionally `date`
(YYYY-MM-DD), `url` and `source`; a bad line is reported with its file and line number.
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .article import Article, article_from_text, read_article
from .errors import InputError

TEXT_SUFFIXES = (".txt", ".txt.gz")
HTML_SUFFIXES = (".html", ".htm")  # found in folders and rejected by name, not skipped without a word
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
GLOB_CHARS = set("*?[")
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


@dataclass(frozen=True)
class Source:
    """One article to read: a text file, or one line of a JSONL file (kept as raw text)."""

    path: Path
    line: int | None = None
    raw: str | None = None

    @property
    def label(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


def _is(path: Path, suffixes: tuple[str, ...]) -> bool:
    return path.name.endswith(suffixes)


def iter_sources(paths: Iterable[Path]) -> Iterator[Source]:
    """Every article named by the paths, in a stable order, lazily."""
    for path in paths:
        if not path.exists() and GLOB_CHARS & set(str(path)):
            matches = sorted(glob.glob(str(path), recursive=True))
            yield from iter_sources(Path(m) for m in matches)
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _is(child, TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES):
                    yield from iter_sources([child])
        elif _is(path, JSONL_SUFFIXES) and path.is_file():
            yield from _jsonl_sources(path)
        else:
            yield Source(path)  # a missing or unreadable file is reported when it is read


def _jsonl_sources(path: Path) -> Iterator[Source]:
    """One source per non-blank line, each decoded on its own: a line that is not UTF-8 is
    reported by its number and the lines after it still go in."""
    number = 0
    try:
        with gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb") as lines:
            for number, data in enumerate(lines, 1):
                try:
                    line = data.decode("utf-8-sig" if number == 1 else "utf-8")  # a BOM may open the file
                except UnicodeDecodeError as err:
                    yield Source(path, number, f"\x00unreadable: byte {err.start + 1} of the line is not UTF-8")
                    continue
                if line.strip():
                    yield Source(path, number, line)
    except (OSError, EOFError) as err:
        yield Source(path, number + 1 if number else 0, f"\x00unreadable: {err}")


DEFAULT_MAX_CHARS = 200_000  # forty times the length of a long agency report
MAX_CHARS_VARIABLE = "DIDAR_MAX_CHARS"  # set by `--max-chars`; worker processes inherit it


def max_chars() -> int:
    """The longest article extracted, in characters (`--max-chars`, default DEFAULT_MAX_CHARS)."""
    value = os.environ.get(MAX_CHARS_VARIABLE, "")
    return int(value) if value.isdigit() else DEFAULT_MAX_CHARS


def load_source(source: Source) -> Article:
    """The article of a source; InputError (naming the file and line) when it cannot be used
    or is longer than `max_chars()`."""
    article = _load(source)
    limit = max_chars()
    if len(article.text) > limit:
        raise InputError(
            f"{len(article.text):,} characters, more than the limit of {limit:,} for one article",
            path=source.label,
            fix="split it into articles, or raise the limit with --max-chars",
        )
    return article


def _load(source: Source) -> Article:
    if source.raw is None:
        if _is(source.path, (".gz",)) and source.path.is_file():
            return _read_gzip_text(source.path)
        return read_article(source.path)
    if source.raw.startswith("\x00unreadable: "):
        raise InputError(source.raw.removeprefix("\x00"), path=source.label, fix="is it gzip or UTF-8 JSONL?")
    try:
        record = json.loads(source.raw)
    except json.JSONDecodeError as err:
        raise InputError(f"not a JSON record ({err.msg})", path=source.label) from None
    if (
        not isinstance(record, dict)
        or not isinstance(record.get("id"), str | int)
        or not isinstance(record.get("text"), str)
    ):
        raise InputError("a record needs an `id` and a `text`", path=source.label)
    article = article_from_text(str(record["id"]), record["text"], source.label)
    url, publisher = record.get("url"), record.get("source")
    if url is not None and not (isinstance(url, str) and _URL.fullmatch(url)):
        raise InputError(f"`url` {url!r} is not an http(s) address", path=source.label, fix="give the page's full URL")
    if publisher is not None and not isinstance(publisher, str):
        raise InputError("`source` should be the outlet's name, as text", path=source.label)
    article = replace(article, url=url, publisher=publisher or None)
    published = record.get("date")
    if published is not None:
        article = replace(article, published=record_date(published, source.label))
    return article


def record_date(value: object, label: str) -> dt.date:
    """A record's `date`: an ISO date or date-time, read whole ("2025-09-24", "20250924",
    "2025-09-24T10:20:00+03:30"); anything else is an InputError, not ignored."""
    if isinstance(value, str):
        for parse in (dt.date.fromisoformat, lambda v: dt.datetime.fromisoformat(v).date()):
            try:
                return parse(value.strip())
            except ValueError:
                continue
    raise InputError(f"`date` {value!r} is not an ISO date", path=label, fix="write it as YYYY-MM-DD")


def _read_gzip_text(path: Path) -> Article:
    try:
        with gzip.open(path, "rb") as raw:
            data = raw.read()
    except (OSError, EOFError) as err:
        raise InputError(f"not a readable gzip file ({err})", path=str(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"is not UTF-8 text (bad byte at offset {err.start})", path=str(path)) from None
    return article_from_text(path.name.removesuffix(".txt.gz"), text, str(path))
