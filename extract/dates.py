"""Dates in the text: Solar Hijri and Gregorian dates, weekdays, today/yesterday.

Conversion uses jdatetime (a kept calendar library), never hand-written arithmetic.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import jdatetime
from spacy.tokens import Doc

from .lexicon import Lexicon
from .nlp import doc_norms
from .normalize import to_int

_SLASHED = re.compile(r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$")


@dataclass(frozen=True)
class DateMention:
    date: dt.date
    start: int  # token indices
    end: int
    strength: int  # 3 full date, 2 day+month, 1 weekday or relative day


class DateReader:
    """Reads date expressions from a token range, resolved against the publication date."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.jalali = lexicon.word_map("jalali_months") | lexicon.word_map("dari_solar_months")
        self.gregorian = lexicon.word_map("gregorian_months")
        self.weekdays = lexicon.word_map("weekdays")
        self.relative = lexicon.word_map("relative_days")
        self.time_words = lexicon.word_set("time_words")

    def read(self, doc: Doc, start: int, end: int, published: dt.date | None) -> list[DateMention]:
        norms = doc_norms(doc)
        found: list[DateMention] = []
        i = start
        while i < end:
            mention = self._calendar_date(norms, i, end, published) or self._day_word(norms, i, end, published)
            if mention is None:
                i += 1
                continue
            found.append(mention)
            i = mention.end
        return found

    def _calendar_date(self, norms: list[str], i: int, end: int, published: dt.date | None) -> DateMention | None:
        slashed = self._slashed_date(norms, i, end)
        if slashed is not None:
            return slashed
        day = to_int(norms[i])
        if day is None or not 1 <= day <= 31 or i + 1 >= end:
            return None
        month_word = norms[i + 1]
        year = to_int(norms[i + 2]) if i + 2 < end else None
        if month_word in self.jalali:
            month = self.jalali[month_word]
            if year is None or not 1300 <= year <= 1500:
                if published is None:
                    return None
                year = _jalali_year_before(published, month, day)
                return _dated("jalali", year, month, day, i, i + 2, 2)
            return _dated("jalali", year, month, day, i, i + 3, 3)
        if month_word in self.gregorian:
            month = self.gregorian[month_word]
            if year is None or not 1900 <= year <= 2100:
                if published is None:
                    return None
                year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
                return _dated("gregorian", year, month, day, i, i + 2, 2)
            return _dated("gregorian", year, month, day, i, i + 3, 3)
        return None

    @staticmethod
    def _slashed_date(norms: list[str], i: int, end: int) -> DateMention | None:
        """۱۴۰۴/۰۷/۰۲ (Solar Hijri) or 2025/09/24, as one token or split into five."""
        for width in (1, 5):
            numeric = _SLASHED.match("".join(norms[i : min(end, i + width)]))
            if numeric:
                y, m, d = (int(g) for g in numeric.groups())
                if 1300 <= y <= 1500:
                    return _dated("jalali", y, m, d, i, i + width, 3)
                if 1900 <= y <= 2100:
                    return _dated("gregorian", y, m, d, i, i + width, 3)
        return None

    def timed(self, norms: list[str], i: int, end: int) -> bool:
        """Is token i a time word or a number (what makes "در دوشنبه گذشته" a day)?"""
        return i < end and (norms[i] in self.time_words or to_int(norms[i]) is not None)

    def _day_word(self, norms: list[str], i: int, end: int, published: dt.date | None) -> DateMention | None:
        if published is None:
            return None
        if i > 0 and norms[i - 1] == "از":  # "از روز گذشته": since, not when
            return None
        two = " ".join(norms[i : i + 2]) if i + 1 < end else ""
        for phrase, width in ((two, 2), (norms[i], 1)):
            if phrase in self.relative:
                return DateMention(published + dt.timedelta(days=self.relative[phrase]), i, i + width, 1)
            if phrase in self.weekdays:
                if width == 1 and i > 0 and norms[i - 1] == "در" and not self.timed(norms, i + 1, end):
                    continue  # "سفیر ایران در دوشنبه": the city, not the weekday
                back = (published.weekday() - self.weekdays[phrase]) % 7
                return DateMention(published - dt.timedelta(days=back), i, i + width, 1)
        return None


def _jalali_year_before(published: dt.date, month: int, day: int) -> int:
    """The Solar Hijri year that puts day/month on or before the publication date."""
    pub = jdatetime.date.fromgregorian(date=published)
    year: int = pub.year
    return year if (month, day) <= (pub.month, pub.day) else year - 1


def _dated(calendar: str, year: int, month: int, day: int, start: int, end: int, strength: int) -> DateMention | None:
    """A mention of a Solar Hijri ("jalali") or Gregorian date; None for an impossible date."""
    try:
        if calendar == "jalali":
            value: dt.date = jdatetime.date(year, month, day).togregorian()
        else:
            value = dt.date(year, month, day)
    except ValueError:
        return None
    return DateMention(value, start, end, strength)


def best_date(mentions: list[DateMention]) -> DateMention | None:
    """The most specific date mentioned (a full date beats a weekday), first on ties."""
    if not mentions:
        return None
    return max(mentions, key=lambda m: (m.strength, -m.start))
