"""Name-likeness of a word, from kept data rather than hand lists.

- Given names and surnames: the Iranian name lists that `farsi-faker` ships (about 10,000
  given names and 5,700 surnames) and the 19,800 given names of `persian-gender-detection`'s
  Iranian names data set (the two lists miss different common names).
- Common words: `wordfreq`'s Persian frequency list (about 31,000 words). A word a
  newspaper uses often ("گفت‌وگوی", "شامگاه") is unlikely to be a name unless it is also
  a given name; a word the list does not know is often a name (most foreign names are).
- Morphology of surnames and transliterated names: the suffixes and prefixes of
  `words.json` (`surname_suffixes`, `surname_prefixes`).

All keys are folded and written without spaces or ZWNJ, as `fold_name` gives them.
"""

from __future__ import annotations

import csv
import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

from wordfreq import top_n_list, zipf_frequency

from ..errors import DidarError
from ..kept import kept
from ..lexicon import Lexicon
from ..normalize import fold_name

COMMON_ZIPF = 4.0  # words at least this frequent (about 1 in 10,000 words) are common words
KNOWN_ZIPF = 2.5
NAME_AND_WORD_ZIPF = 4.5  # a listed name this frequent is as often a word (امید، سفر)


@dataclass(frozen=True)
class NameData:
    given: frozenset[str]
    surnames: frozenset[str]
    frequency: dict[str, float]  # folded word -> Zipf frequency


NAME_PACKAGES = ("farsi-faker", "persian-gender-detection", "wordfreq")


@cache
def load_name_data() -> NameData:
    """The given-name and surname lists and the word frequencies: read once per process, and
    kept between runs (extract/kept.py) for the versions of the packages they come from."""
    inputs: list[Path | str] = [Path(__file__), Path(__file__).parent.parent / "normalize.py"]  # keys are folded
    for package in NAME_PACKAGES:
        try:
            inputs.append(f"{package}=={version(package)}")
        except PackageNotFoundError:
            return read_name_data()  # says which one is missing
    return kept("names", inputs, read_name_data)


def read_name_data() -> NameData:
    """The given-name and surname lists and the word frequencies, from their packages."""
    try:
        raw = (resources.files("farsi_faker") / "data" / "names.pkl").read_bytes()
        lists = pickle.loads(raw)  # a data file of an installed, trusted package
    except (ModuleNotFoundError, FileNotFoundError, pickle.UnpicklingError) as exc:
        raise DidarError(f"the name lists of farsi-faker could not be read ({exc}); reinstall Didar") from exc
    given = {fold_name(n) for n in (*lists["male_names"], *lists["female_names"])}
    try:
        table = (resources.files("persian_gender_detection") / "gender" / "iranianNamesDataset.csv").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise DidarError(f"the names of persian-gender-detection could not be read ({exc}); reinstall Didar") from exc
    given |= {fold_name(row["Names"]) for row in csv.DictReader(io.StringIO(table))}
    surnames = {fold_name(n) for n in lists["last_names"]}
    frequency: dict[str, float] = {}
    for word in top_n_list("fa", 100_000):
        key = fold_name(word)
        if key:
            frequency[key] = max(frequency.get(key, 0.0), zipf_frequency(word, "fa"))
    return NameData(frozenset(given - {""}), frozenset(surnames - {""}), frequency)


T = TypeVar("T")
CACHE_LIMIT = 200_000  # words remembered before the caches start again (a crawl's vocabulary is bounded)


def remembered(cache: dict[str, T], key: str, work: Callable[[str], T]) -> T:
    """work(key), kept in `cache` (emptied when it grows past CACHE_LIMIT)."""
    known = cache.get(key)
    if known is None:
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        known = cache[key] = work(key)
    return known


class NameModel:
    """Scores single words for how likely they are part of a person's name."""

    def __init__(self, lexicon: Lexicon, data: NameData | None = None) -> None:
        self.data = data or load_name_data()
        self.suffixes = tuple(fold_name(s) for s in lexicon.words["surname_suffixes"])
        self.prefixes = tuple(fold_name(s) for s in lexicon.words["surname_prefixes"])
        self.particles = frozenset(fold_name(w) for w in lexicon.words["name_particles"])
        self.persian_suffixes = tuple(fold_name(s) for s in lexicon.words["persian_surname_suffixes"])
        self._scores: dict[str, float] = {}
        self._shaped: dict[str, bool] = {}
        self._particle: dict[str, bool] = {}

    def zipf(self, word: str) -> float:
        return self.data.frequency.get(fold_name(word), 0.0)

    def is_given(self, word: str) -> bool:
        return fold_name(word) in self.data.given

    def is_surname(self, word: str) -> bool:
        key = fold_name(word)
        return key in self.data.surnames or self.surname_shaped(key)

    def surname_shaped(self, key: str) -> bool:
        """-زاده، -پور، -نژاد، -یان، -اف/-یف/-وف, ال…: the shapes of surnames (remembered per word)."""
        return remembered(self._shaped, key, self._surname_shaped)

    def _surname_shaped(self, key: str) -> bool:
        if len(key) < 4:
            return False
        return any(key.endswith(s) and len(key) > len(s) + 1 for s in self.suffixes) or any(
            key.startswith(p) and len(key) > len(p) + 2 for p in self.prefixes
        )

    def origin(self, tokens: list[str]) -> str | None:
        """ "ar" for an Arabic name (a surname ال…/آل…, or بن/عبد…), "fa" for a Persian one (a
        surname the Iranian lists hold, or of a Persian shape), else None. Tokens are folded."""
        if not tokens:
            return None
        last = tokens[-1]
        if last.startswith(("ال", "آل")) or any(t in {"بن", "بنت"} or t.startswith("عبد") for t in tokens):
            return "ar"
        if last in self.data.surnames or last.endswith(self.persian_suffixes):
            return "fa"
        return None

    def is_particle(self, word: str) -> bool:
        """بن، بنت، ابن، زاده written apart: parts of a name that are not names alone
        (remembered per word: asked of every token, often more than once)."""
        return remembered(self._particle, word, self._is_particle)

    def _is_particle(self, word: str) -> bool:
        return fold_name(word) in self.particles

    def score(self, word: str) -> float:
        """Positive for name-like words, negative for common words; 0 when nothing is known
        (remembered per word)."""
        return remembered(self._scores, word, self._score)

    def _score(self, word: str) -> float:
        key = fold_name(word)
        if len(key) < 2 or not key.isalpha():
            return -3.0
        zipf = self.data.frequency.get(key, 0.0)
        named = key in self.data.given or key in self.data.surnames
        if named:  # the lists hold some common words too (دیدار، سفر): frequency decides
            return 2.0 if zipf < COMMON_ZIPF else (1.0 if zipf < NAME_AND_WORD_ZIPF else 0.0)
        if self.surname_shaped(key):
            return 1.5 if zipf < COMMON_ZIPF else 0.0
        if zipf >= COMMON_ZIPF:
            return -2.0
        if zipf >= KNOWN_ZIPF:
            return -0.5
        return 1.0 if zipf == 0.0 else 0.5
