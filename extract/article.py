"""Stage 1: read an article file into an `Article` (text exactly as read)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b")
_BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class Article:
    """One news article. Offsets everywhere refer to `text`, in code points."""

    doc_id: str
    text: str
    published: dt.date | None
    source: str
    body_start: int = 0
    url: str | None = None  # the published page, where the input gives it (JSONL `url`)
    publisher: str | None = None  # the agency or outlet, where the input gives it (JSONL `source`)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def parse_published(text: str) -> tuple[dt.date | None, int]:
    """The publication date from a leading ` date YYYY-MM-DD` line, and where the body starts."""
    match = _DATE_LINE.match(text)
    if not match:
        return None, 0
    try:
        published = dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None, 0
    return published, match.end()


def article_from_text(doc_id: str, text: str, source: str = "") -> Article:
    """Build an article from text already in memory (JSONL records, tests)."""
    if not text.strip():
        raise InputError("the article is empty", path=source or doc_id, fix="remove it or add text")
    published, body_start = parse_published(text)
    return Article(doc_id, text, published, source, body_start)


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32, by its byte-order mark or by the NUL bytes between ASCII letters."""
    for bom, name in ((b"\xff\xfe\x00\x00", "UTF-32LE"), (b"\x00\x00\xfe\xff", "UTF-32BE"),
                      (b"\xff\xfe", "UTF-16LE"), (b"\xfe\xff", "UTF-16BE")):  # fmt: skip
        if data.startswith(bom):
            return name
    head = data[:4096]
    if b"\x00" not in head:
        return None
    for name in ("UTF-16LE", "UTF-16BE"):  # no mark: the one whose decoding reads as text
        try:
            text = head[: len(head) // 2 * 2].decode(name.lower())
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t\u200c")
        if text and printable / len(text) > 0.95:
            return name
    return None


def read_article(path: Path) -> Article:
    """Read a UTF-8 article file; raise `InputError` naming the file when it cannot be used."""
    if not path.exists():
        raise InputError("no such file", path=str(path), fix="check the path")
    if path.is_dir():
        raise InputError("is a folder, not an article", path=str(path))
    data = path.read_bytes()
    encoding = wide_encoding(data)
    if encoding is not None:
        raise InputError(
            f"is {encoding} text; Didar reads UTF-8",
            path=str(path),
            fix=f"convert it with `iconv -f {encoding} -t UTF-8`",
        )
    if path.suffix.lower() in {".html", ".htm", ".xhtml"} or data.lstrip()[:15].lower().startswith(
        (b"<!doctype html", b"<html")
    ):
        raise InputError(
            "is an HTML page, not the text of an article",
            path=str(path),
            fix="give the article's text (.txt) or a JSONL record with its text",
        )
    if b"\x00" in data[:4096]:
        raise InputError("is a binary file, not a text article", path=str(path), fix="pass UTF-8 text files")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"is not UTF-8 text (bad byte at offset {err.start})",
            path=str(path),
            fix="convert it with `iconv -t UTF-8`",
        ) from None
    if len(_BINARY_CONTROL.findall(text[:4096])) > 8:
        raise InputError("looks binary, not a text article", path=str(path))
    return article_from_text(path.stem, text, str(path))
