"""Folding Persian text for matching, without ever touching the stored text.

`fold` gives a matching key: it may drop characters, so it is used on tokens and
names, never on the article text whose offsets the evidence refers to.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CHAR_MAP = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ٔ": "",
    }
)
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_DROP = re.compile("[\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640\u064b-\u065f\u0670\ufeff]")
_SPACES = re.compile(r"\s+")
_NAME_JUNK = re.compile(r"[\"'«»“”‘’\-‐‑–—_.,،()\[\]{}]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Matching key of a word or phrase: NFKC, Persian letters and ASCII digits, no ZWNJ,
    kashida or diacritics; runs of white space become one space."""
    text = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP).translate(_DIGITS)
    text = _DROP.sub("", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
@lru_cache(maxsize=1 << 18)
def fold_name(text: str) -> str:
    """Key for comparing names as the scorer does: folded, without punctuation or spaces
    (remembered: the name model asks for the same words again and again)."""
    return _SPACES.sub("", _NAME_JUNK.sub("", fold(text)))


def to_int(text: str) -> int | None:
    """An integer written in Persian, Arabic-Indic or ASCII digits, else None."""
    digits = fold(text)
    return int(digits) if digits.isdigit() and digits.isascii() else None


def identity_key(name: str) -> str:
    """Key for recognising one person across articles: the scorer's folding, plus spelling
    variants agencies differ on (آ/ا, الله/اله)."""
    return fold_name(name).replace("آ", "ا").replace("الله", "اله")
