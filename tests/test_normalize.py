"""Folding for matching: letter, digit, ZWNJ, kashida and diacritic variants meet."""

from __future__ import annotations

import pytest

from extract.normalize import fold, fold_name, to_int


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("همكاري", "همکاری"),  # Arabic kaf and yeh
        ("همکاری‌های", "همکاریهای"),  # lost ZWNJ
        ("تـجـاری", "تجاری"),  # kashida
        ("مُحَمَّد", "محمد"),  # diacritics
        ("۱۴۰۴", "1404"),
        ("١٤٠٤", "1404"),
        ("  دو   کشور ", "دو کشور"),
    ],
)
def test_fold_equates_variants(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("علی‌اکبر جوادی", "علیاکبر جوادی"),
        ("«علي اكبر جوادي»", "علی‌اکبر جوادی"),
        ("سارا  نیک-پور", "سارا نیکپور"),
    ],
)
def test_fold_name_matches_the_scorer(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)


def test_fold_name_keeps_different_names_apart() -> None:
    assert fold_name("علی رضایی") != fold_name("علی رضوی")


@pytest.mark.parametrize(("text", "value"), [("۱۷", 17), ("١٧", 17), ("17", 17), ("هفده", None), ("۱۷الف", None)])
def test_to_int(text: str, value: int | None) -> None:
    assert to_int(text) == value
