"""Stage 2: mentions of people, found from independent cues and scored by name-likeness.

A person's name is a run of name-like words (see `names`) that a reader would take for a
name because of at least one cue:

- an office written right before or after it ("سفیر قزاقستان، X Y" / "X Y سفیر قزاقستان");
- «guillemets» or quotes around it;
- an honorific before it (آقای، دکتر، مولوی …, not part of the name);
- its own shape: a given name followed by a surname-like or unknown word, strong enough
  to stand without another cue ("… در دیدار با سعید کریمی …").

A single word is a name only when quoted; a surname repeated later is linked in `persons`.
Offices themselves come from `recognize.Analysis` (the office grammar of the lexicon).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import cast

from spacy.tokens import Doc

from ..lexicon import Lexicon
from ..nlp import doc_texts
from ..normalize import fold
from ..recognize import NOTHING, PUNCT, Analysis, NameMention, OfficeMention, Recognizer
from .names import NameModel

MAX_NAME_TOKENS = 4
DAY_PARTS = ("شب", "صبح", "عصر", "ظهر")
PORTFOLIO_WORDS = 8  # "وزیر [راه و شهرسازی]، X"، "رئیس اتاق بازرگانی[، صنایع، معادن و کشاورزی تبریز]، X"
QUOTES_OPEN = {"«", '"', "“", "'", "ˈ", "‘", "״"}
QUOTES_CLOSE = {"»", '"', "”", "'", "ˈ", "’", "״"}
MOST_FREQUENT_ZIPF = 4.5  # a word this frequent beside an office is a name only when the lists know it
BLOCKING_KINDS = {"ROLE", "STATE", "DEMONYM", "TOPIC", "SECTOR", "MODALITY", "GOOD"}
STRONG_CUE_SCORE = 0.5  # enough name-likeness when an office, a quote or an honorific marks the name
SHAPE_ONLY_SCORE = 2.0  # enough for a name with no cue but its own shape


@lru_cache(maxsize=1 << 17)
def is_word(text: str) -> bool:
    """Letters of the Arabic script only (ZWNJ and diacritics allowed): no digits, dashes or Latin
    (remembered per text: asked of every token)."""
    return any("\u0620" <= c <= "\u06ff" for c in text) and all(
        "\u0620" <= c <= "\u065f" or "\u066e" <= c <= "\u06d3" or c in "\u200c\u200d\u0670" for c in text
    )


@dataclass(frozen=True)
class Counterpart:
    """ "همتای قزاق خود": an office defined by the other side's, of the state named (if any)."""

    start: int
    end: int
    state: str | None


class Mentions(Analysis):
    """Offices (inherited), names found by cues, and counterpart phrases of one document."""

    def __init__(self, rec: Recognizer, doc: Doc, model: NameModel, lexicon: Lexicon) -> None:
        super().__init__(rec, doc)
        self.model = model
        self._possible: dict[int, bool] = {}
        self._values: dict[tuple[int, int], float | None] = {}
        self.counterpart_words = lexicon.word_set("counterpart_words")
        self.function_words = rec.stop - rec.honorifics
        self.meeting_words = lexicon.word_set("meeting_nouns")
        self.time_words = lexicon.word_set("time_words") | frozenset(fold(w) for w in lexicon.words["relative_days"])
        self.calendar = frozenset(fold(w) for name in ("weekdays", "jalali_months", "gregorian_months")
                                  for w in lexicon.words[name])  # fmt: skip

    # -- token classes ---------------------------------------------------------------------

    @cached_property
    def scores(self) -> list[float]:
        return [self.model.score(text) for text in self.texts]

    @cached_property
    def texts(self) -> list[str]:
        return doc_texts(self.doc)

    @cached_property
    def sentence_starts(self) -> frozenset[int]:
        return frozenset(sent.start for sent in self.doc.sents)

    def possible(self, i: int) -> bool:
        """`can_be_name(i)`, worked out once per token."""
        known = self._possible.get(i)
        if known is None:
            known = self._possible[i] = self.can_be_name(i)
        return known

    def can_be_name(self, i: int) -> bool:
        """Could token i belong to a name at all? Offices, states, topics and punctuation cannot;
        a function or time word can only when the name lists know it as a name (بهمن، جمعه)."""
        norm = self.norms[i]
        if not is_word(self.texts[i]) or norm in PUNCT:
            return False
        if self.model.is_particle(norm) and i not in self.office_tokens:
            return True
        if i in self.titles_in_names:
            return True
        if i in self.office_tokens or self.covered.get(i, NOTHING) & BLOCKING_KINDS:
            return False
        if self.covered.get(i, NOTHING) & {"CITY", "PROVINCE"} and self.after_locative(i):
            return False
        if norm in self.rec.honorifics or norm in self.counterpart_words or norm in self.meeting_words:
            return False
        if norm in self.time_words:
            return False
        if norm in self.function_words:
            return self.model.is_particle(norm) or (self.model.is_given(norm) and not self.dated(i))
        return self.scores[i] >= -2.0 or self.model.is_particle(norm)

    def after_locative(self, i: int) -> bool:
        return i > 0 and self.norms[i - 1] in {"در", "به", "از", "شهر", "استان", "تا", "بندر"}

    def given_not_place(self, i: int) -> bool:
        """A city named like a given name (ایوان، امیدیه) read as the name: not after "در/به/از/شهر"."""
        before = self.norms[i - 1] if i > 0 else ""
        return self.model.is_given(self.norms[i]) and before not in {"در", "به", "از", "شهر", "استان", "تا", "بندر"}

    def dated(self, i: int) -> bool:
        """A month or weekday used as a date: next to a number or "روز"/"ماه"."""
        near = [self.norms[k] for k in (i - 1, i + 1) if 0 <= k < len(self.doc)]
        return any(n.isdigit() or n in self.time_words or n in self.calendar for n in near)

    @cached_property
    def offices(self) -> list[OfficeMention]:
        """The lexicon's offices, less a one-word title that begins a name ("امیر رستگار‌نیا"،
        "سلطان بن …"): a given name followed by a surname or a name particle."""
        return [o for o in self.lexicon_offices if o.start not in self.titles_in_names]

    @cached_property
    def lexicon_offices(self) -> list[OfficeMention]:
        """Every office phrase the lexicon finds (`Analysis.offices`, which this class narrows;
        read through its function, since both cache under the name "offices")."""
        parent = cast("cached_property[list[OfficeMention]]", vars(Analysis)["offices"])
        return parent.func(self)

    @cached_property
    def titles_in_names(self) -> frozenset[int]:
        """Tokens of one-word titles that are the given name of the name they begin."""
        found = set()
        for office in self.lexicon_offices:
            nxt = office.start + 1  # "سلطان بن …" even where "بن" reads as a place (Bonn) ending the office
            if nxt >= len(self.doc):
                continue
            one_word = office.end - office.start == 1 or self.model.is_particle(self.norms[nxt])
            if one_word and self.model.is_given(self.norms[office.start]):
                following = self.norms[nxt]
                surname = self.model.is_surname(following) or self.model.surname_shaped(following)
                blocked = self.covered.get(nxt, NOTHING) & BLOCKING_KINDS
                if self.model.is_particle(following) or (surname and not blocked):
                    found.add(office.start)
        return frozenset(found)

    # -- names -----------------------------------------------------------------------------

    @cached_property
    def counterparts(self) -> list[Counterpart]:
        found = []
        for i, norm in enumerate(self.norms):
            if norm not in self.counterpart_words:
                continue
            state, end = self.state_at(i + 1)
            if end < len(self.doc) and self.norms[end] == "خود":
                end += 1
            found.append(Counterpart(i, max(end, i + 1), state))
        return found

    @cached_property
    def names(self) -> list[NameMention]:
        """Every name mention, left to right, each with the office written next to it."""
        found: list[NameMention] = []
        taken: set[int] = set()
        for start, end, _ in self.quoted_spans():
            found.append(self.mention(start, end, quoted=True))
            taken.update(range(start, end))
        for start, end in self.runs():
            for s, e in self.names_in_run(start, end):
                if not taken & set(range(s, e)):
                    found.append(self.mention(s, e, quoted=False))
                    taken.update(range(s, e))
        found.sort(key=lambda m: m.start)
        return found

    def quoted_spans(self) -> list[tuple[int, int, bool]]:
        """«X Y» or "X Y": 1–4 words that are not an office phrase or a common phrase."""
        spans = []
        n = len(self.doc)
        texts = self.texts
        for i, text in enumerate(texts):
            if text not in QUOTES_OPEN:
                continue
            j = i + 1
            while j < n and j - i <= MAX_NAME_TOKENS + 1 and texts[j] not in QUOTES_CLOSE:
                j += 1
            if j >= n or texts[j] not in QUOTES_CLOSE or j == i + 1 or j - i > MAX_NAME_TOKENS + 1:
                continue
            inner = range(i + 1, j)
            if any(self.norms[k] in PUNCT or not is_word(texts[k]) for k in inner):
                continue
            if any(self.covered.get(k, NOTHING) & {"STATE", "DEMONYM", "TOPIC"} for k in inner):
                continue
            if all(self.covered.get(k, NOTHING) & {"CITY", "PROVINCE"} for k in inner):
                continue  # «تبریز»: a quoted place
            scores = [self.scores[k] for k in inner]
            if len(scores) >= 2 and scores[-1] >= 1.0:
                scores[0] = max(scores[0], 0.5)  # «ولادیمیر ایوانف»: a frequent foreign given name
            total = sum(scores)
            if total >= 0.5 and (j - i - 1 >= 2 or self.scores[i + 1] >= 1.0):
                spans.append((i + 1, j, True))
        return spans

    def runs(self) -> list[tuple[int, int]]:
        """Maximal runs of possible name words inside one sentence."""
        runs = []
        i, n = 0, len(self.doc)
        while i < n:
            if not self.possible(i):
                i += 1
                continue
            j = i + 1
            while j < n and self.possible(j) and j not in self.sentence_starts:
                j += 1
            runs.append((i, j))
            i = j
        return runs

    def names_in_run(self, start: int, end: int) -> list[tuple[int, int]]:
        """The name(s) a run holds: the best-scored span next to its cue, else by shape alone."""
        best: tuple[float, int, int] | None = None
        for s in range(start, end):
            for e in range(s + 2, min(end, s + MAX_NAME_TOKENS) + 1):
                value = self.name_value(s, e)
                if value is not None and (best is None or value > best[0]):
                    best = (value, s, e)
        if best is None:
            return []
        _, s, e = best
        return [*self.names_in_run(start, s), (s, e), *self.names_in_run(e, end)]

    def name_value(self, s: int, e: int) -> float | None:
        """How good tokens [s, e) are as one name, or None when they are not one (worked out
        once per span: `names_in_run` asks again for the spans beside the one it picked)."""
        key = (s, e)
        if key not in self._values:
            self._values[key] = self._name_value(s, e)
        return self._values[key]

    def _name_value(self, s: int, e: int) -> float | None:
        scores = self.scores[s:e]
        edge_particle = self.model.is_particle(self.norms[s]) or self.model.is_particle(self.norms[e - 1])
        if edge_particle and not self.norms[e - 1].startswith(("زاده", "پور")):
            return None  # "بن خمیس" alone; but "نیک زاده" written apart ends a name
        inner = [sc for k, sc in zip(range(s, e), scores, strict=True) if not self.model.is_particle(self.norms[k])]
        cues = self.cues(s, e)
        beside_office = bool({"office-before", "office-after"} & set(cues))
        if beside_office:  # "ولادیمیر گلدیف سفیر …", "جان اسمیت وزیر …": foreign names the news uses often
            inner = [
                max(sc, -0.25) if sc <= -2.0 and self.listed(self.norms[k]) else sc
                for k, sc in zip(
                    [k for k in range(s, e) if not self.model.is_particle(self.norms[k])], inner, strict=True
                )
            ]
        if min(inner, default=-3.0) < -0.5:
            return None
        total = sum(inner)
        if beside_office and self.model.is_given(self.norms[s]) and total >= -0.5:
            total = max(total, STRONG_CUE_SCORE)
        if s > 0 and self.norms[s - 1] == "در":
            return None  # "در سفر آتی وزیر …": after "در" comes a place or a time, not a person
        if self.norms[s] in self.rec.place_words:
            return None  # "ولایت سغد", "استان فارس": a place, however the name lists read it
        if self.is_calendar(self.norms[e - 1]):
            return None  # "بیست‌وهشتم مهر": a date, not a name
        if self.covered.get(e - 1, NOTHING) & {"CITY", "PROVINCE"} and not self.model.is_given(self.norms[e - 1]):
            return None  # "پیوند تبریز": a name does not end in a city
        first_given = self.model.is_given(self.norms[s])
        if cues and total >= STRONG_CUE_SCORE:
            return total + 2.0 * len(cues) + (e - s) * 0.1
        if first_given and total >= SHAPE_ONLY_SCORE and min(inner) >= 0 and inner[-1] >= 1.0:
            return total
        return None

    def is_calendar(self, norm: str) -> bool:
        """A month or weekday, also with a part of the day joined ("سه‌شنبه‌شب")."""
        if norm in self.calendar:
            return True
        return any(norm.endswith(part) and norm[: -len(part)] in self.calendar for part in DAY_PARTS)

    def listed(self, norm: str) -> bool:
        """A word that may be a name beside an office though frequent: the name lists know it,
        it is shaped like a surname, or it is not among the most frequent words (رومن، آنا;
        not رسمی، خط)."""
        model = self.model
        return (
            model.is_given(norm)
            or model.is_surname(norm)
            or model.surname_shaped(norm)
            or model.zipf(norm) < MOST_FREQUENT_ZIPF
        )

    def cues(self, s: int, e: int) -> list[str]:
        """The independent cues that mark tokens [s, e) as a name."""
        found = []
        before = s - 1
        while before >= 0 and self.doc[before].text in {"،", ","}:
            before -= 1
        closed = e < len(self.doc) and self.doc[e].text in {"،", ","} and self.doc[s - 1].text in {"،", ","}
        if (
            before >= 0
            and before not in self.office_tokens
            and "STATE" in self.covered.get(before, NOTHING)
            and before - 1 in self.office_tokens
        ):
            before -= 1  # "استاندار منگیستائو قزاقستان، X": the office's state after it
        if before >= 0 and (
            before in self.office_tokens or self.counterpart_at(before) or (closed and self.portfolio_before(s))
        ):
            found.append("office-before")
        after = e
        while after < len(self.doc) and self.doc[after].text in {"،", ","}:
            after += 1
        if after < len(self.doc) and (self.office_starts.get(after) is not None or self.counterpart_at(after)):
            found.append("office-after")
        if s > 0 and self.norms[s - 1] in self.rec.honorifics:
            found.append("honorific")
        if self.opens_clause(s):
            found.append("subject")
        if (
            s > 0
            and self.norms[s - 1] in {"با", "و"}
            and e < len(self.doc)
            and self.norms[e] in {"را", "دیدار", "ملاقات"}
        ):
            found.append("object")
        return found

    def opens_clause(self, s: int) -> bool:
        """Is token s the first of a clause: a sentence, or what follows a lead or a dateline?"""
        if self.doc[s].is_sent_start:
            return True
        prev = self.doc[s - 1].text
        if prev in {"-", "–", "—", "ـ", ":", "؛"}:
            return True
        lead = self.norms[max(0, s - 12) : s]
        return prev in {"،", ","} and "گزارش" in lead

    def counterpart_at(self, i: int) -> bool:
        return i in self.counterpart_tokens

    @cached_property
    def counterpart_tokens(self) -> set[int]:
        return {i for c in self.counterparts for i in range(c.start, c.end)}

    @cached_property
    def office_ends(self) -> dict[int, OfficeMention]:
        """The first office ending at each token (as a scan in order finds it)."""
        ends: dict[int, OfficeMention] = {}
        for office in self.offices:
            ends.setdefault(office.end, office)
        return ends

    def mention(self, start: int, end: int, quoted: bool) -> NameMention:
        return self.name_mention(start, end, quoted, self.adjacent_office(start, end))

    def adjacent_office(self, start: int, end: int) -> OfficeMention | None:
        """The office written right after the name (past «» and a comma), else right before it."""
        after = end
        while after < len(self.doc) and self.doc[after].text in QUOTES_CLOSE | {"،", ","}:
            after += 1
        office = self.office_starts.get(after)
        if office is not None:
            return office
        before = start - 1
        while before >= 0 and (self.doc[before].text in QUOTES_OPEN | {"،", ","} or self.norms[before] in
                               self.rec.honorifics):  # fmt: skip
            before -= 1
        if (
            before >= 0
            and before not in self.office_tokens
            and "STATE" in self.covered.get(before, NOTHING)
            and before - 1 in self.office_tokens
        ):
            before -= 1
        closed = end < len(self.doc) and self.doc[end].text in {"،", ","}
        return self.office_ends.get(before + 1) or (self.portfolio_before(start) if closed else None)

    def portfolio_before(self, s: int) -> OfficeMention | None:
        """ "وزیر راه و شهرسازی، X،": a national office whose portfolio words (common words, no
        name, up to PORTFOLIO_WORDS) stand between it and a name set off by commas."""
        k = s - 1
        while k >= 0 and (self.doc[k].text in QUOTES_OPEN | {"،", ","} or self.norms[k] in self.rec.honorifics):
            k -= 1
        gap = 0
        while k >= 0 and gap < PORTFOLIO_WORDS and k not in self.office_tokens:
            comma = self.doc[k].text in {"،", ","}  # "رئیس اتاق بازرگانی، صنایع، معادن و کشاورزی X"
            if (
                (self.norms[k] in PUNCT and not comma)
                or (self.scores[k] > 0.0 and not comma)
                or (self.doc[k].is_sent_start)
            ):
                return None
            k -= 1
            gap += 1
        if gap == 0 or k < 0:
            return None
        office = next((o for o in self.offices if o.end == k + 1), None)
        if office is None or self.rec.lex.roles[office.office.role].scope != "national":
            return None
        return office

    def surname_tokens(self, i: int) -> bool:
        """Could token i be a surname said alone (not an office, place or common word)?"""
        return self.possible(i) and fold(self.texts[i]) not in self.function_words
