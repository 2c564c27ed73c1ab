"""Dates in the text: Solar Hijri (any digits), Gregorian, weekdays and relative days."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.dates import DateReader, best_date
from extract.lexicon import load_lexicon
from extract.nlp import load_pipeline


def read(text: str, published: dt.date | None) -> dt.date | None:
    doc = load_pipeline()(text)
    found = best_date(DateReader(load_lexicon()).read(doc, 0, len(doc), published))
    return found.date if found else None


PUB = dt.date(2025, 12, 9)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("روز ۲ مهر ۱۴۰۴ دیدار کرد", None, dt.date(2025, 9, 24)),
        ("روز ٢ مهر ١٤٠٤ دیدار کرد", None, dt.date(2025, 9, 24)),
        ("روز 2 مهر 1404 دیدار کرد", None, dt.date(2025, 9, 24)),
        ("دوشنبه ۱۷ آذر ۱۴۰۴", None, dt.date(2025, 12, 8)),
        ("روز ۱ فروردین ۱۴۰۵", None, dt.date(2026, 3, 21)),
        ("دوشنبه ۱۷ آذر", PUB, dt.date(2025, 12, 8)),  # year from the publication date
        ("۲۸ اسفند", dt.date(2026, 1, 5), dt.date(2025, 3, 18)),  # a month after publication: last year
        ("۲۴ سپتامبر ۲۰۲۵", None, dt.date(2025, 9, 24)),
        ("عصر دوشنبه", PUB, dt.date(2025, 12, 8)),
        ("روز سه‌شنبه", PUB, PUB),
        ("روز سه شنبه", PUB, PUB),
        ("پنجشنبه", PUB, dt.date(2025, 12, 4)),
        ("امروز", PUB, PUB),
        ("دیروز", PUB, dt.date(2025, 12, 8)),
        ("شب گذشته", PUB, dt.date(2025, 12, 8)),
        ("که از روز گذشته در سفر است، امروز", PUB, PUB),
        ("مورخ ۱۴۰۴/۰۷/۰۲", None, dt.date(2025, 9, 24)),
        ("مورخ 2025/09/24", None, dt.date(2025, 9, 24)),
        ("دوشنبه", None, None),
        ("بدون تاریخ", PUB, None),
    ],
)
def test_dates(text: str, published: dt.date | None, expected: dt.date | None) -> None:
    assert read(text, published) == expected


def test_full_date_beats_weekday() -> None:
    assert read("روز دوشنبه ۳۰ مهر ۱۴۰۴", dt.date(2025, 10, 30)) == dt.date(2025, 10, 22)
