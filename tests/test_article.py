"""Reading articles: the date line, and every kind of bad input named with its file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extract.article import parse_published, read_article
from extract.errors import InputError


@pytest.mark.parametrize(
    ("text", "published", "body_starts_with"),
    [
        (" date 2025-09-24 به گزارش", dt.date(2025, 9, 24), " به"),
        (" date 2025-12-09\nبه گزارش", dt.date(2025, 12, 9), "\nبه"),
        ("date 2025-01-02\nمتن", dt.date(2025, 1, 2), "\nمتن"),
        ("به گزارش خبرگزاری", None, "به"),
        (" date 2025-13-40 متن", None, " date"),
    ],
)
def test_date_line(text: str, published: dt.date | None, body_starts_with: str) -> None:
    date, start = parse_published(text)
    assert date == published
    assert text[start:].startswith(body_starts_with)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "caf\xe9 r\xe9sum\xe9".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_input_is_named(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_article(path)
    assert problem in str(info.value)
    assert name in str(info.value)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.txt: no such file"):
        read_article(tmp_path / "nowhere.txt")


def test_text_is_kept_exactly(tmp_path: Path) -> None:
    raw = " date 2025-09-24 متنِ آزمایشی با نیم‌فاصله و ي عربی\r\n"
    path = tmp_path / "a.txt"
    path.write_text(raw, encoding="utf-8", newline="")
    article = read_article(path)
    assert article.text == raw
    assert article.doc_id == "a"
    assert len(article.sha256) == 64
