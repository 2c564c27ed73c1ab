"""Stage 3: recognise mentions in a parsed Doc — offices, names, places, topics, triggers.

The output is plain data (`Mentions`) with token indices and evidence spans; how the
mentions relate (who met whom, who holds which office) is decided in `relate`.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from spacy.lang.fa.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from .lexicon import Lexicon
from .model import Evidence, Office
from .nlp import doc_norms, lexicon_spans, token_table
from .normalize import fold, fold_name

MAX_NAME_TOKENS = 4
PUNCT = {"،", ",", ".", ":", "؛", ";", "!", "?", "؟", "(", ")", "-", "–", "—", "ــ", "«", "»", '"', "/"}


NOTHING: frozenset[str] = frozenset()  # the kinds covering a token no lexicon span covers


@dataclass(frozen=True)
class OfficeMention:
    office: Office
    start: int  # token indices, end exclusive
    end: int


@dataclass(frozen=True)
class NameMention:
    """A person's name as written: tokens [start, end), optionally attached to an office."""

    text: str
    key: str
    start: int
    end: int
    evidence: Evidence
    office: OfficeMention | None = None
    quoted: bool = False


@dataclass(frozen=True)
class PlaceMention:
    kind: str  # CITY | PROVINCE
    key: str
    start: int
    end: int
    evidence: Evidence


class Recognizer:
    """Finds offices and the names attached to them, using the lexicon's word classes."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.honorifics = lexicon.word_set("honorifics")
        self.stop = (
            frozenset(fold(w) for w in STOP_WORDS)
            | lexicon.word_set("non_name_words")
            | lexicon.word_set("time_words")
            | frozenset(fold(w) for w in lexicon.words["weekdays"])
            | frozenset(fold(w) for w in lexicon.words["jalali_months"])
            | self.honorifics
        )
        self.state_prefixes = lexicon.word_set("state_prefixes")
        self.hosts = lexicon.word_set("host_prepositions")
        self.ministry = lexicon.word_set("ministry_words")
        self.governor_words = lexicon.word_set("governor_words")
        self.place_words = lexicon.word_set("place_words")
        self.president_words = lexicon.word_set("president_words")

    # -- spans -------------------------------------------------------------------------

    @staticmethod
    def evidence(doc: Doc, start: int, end: int) -> Evidence:
        """The characters of tokens [start, end), as `doc[start:end]` gives them."""
        if not 0 <= start < end <= len(doc):
            span = doc[start:end]
            return Evidence(span.start_char, span.end_char, span.text)
        table = token_table(doc)
        first, last = table.starts[start], table.ends[end - 1]
        return Evidence(first, last, table.text[first:last])

    @staticmethod
    def spans_at(doc: Doc) -> dict[int, list[Span]]:
        """Lexicon spans by start token, longest first."""
        table: dict[int, list[Span]] = defaultdict(list)
        for span in lexicon_spans(doc):
            table[span.start].append(span)
        for spans in table.values():
            spans.sort(key=lambda s: (-(s.end - s.start), s.label_))
        return table

    # -- entry point -----------------------------------------------------------------

    def __call__(self, doc: Doc) -> Analysis:
        return Analysis(self, doc)


class Analysis:
    """One document's mentions, computed lazily: `offices`, `names`, and look-up helpers."""

    def __init__(self, rec: Recognizer, doc: Doc) -> None:
        self.rec = rec
        self.doc = doc
        self.at = rec.spans_at(doc)
        self.norms = doc_norms(doc)
        covered: dict[int, set[str]] = defaultdict(set)
        for span in lexicon_spans(doc):
            for i in range(span.start, span.end):
                covered[i].add(span.label_)
        self.covered = covered

    # -- lexicon look-ups ----------------------------------------------------------------

    def span_of(self, i: int, *kinds: str) -> Span | None:
        for span in self.at.get(i, []):
            if span.label_ in kinds:
                return span
        return None

    def skip_prefixes(self, i: int, limit: int = 3) -> int:
        """Skip words such as کشور، جمهوری اسلامی، سفارت، جدید before a state or place."""
        for _ in range(limit):
            if i >= len(self.doc):
                break
            two = " ".join(self.norms[i : i + 2])
            if two in self.rec.state_prefixes and not self.span_of(i, "STATE"):
                i += 2
            elif self.norms[i] in self.rec.state_prefixes and not self.span_of(i, "STATE"):
                i += 1
            else:
                break
        return i

    def state_at(self, i: int) -> tuple[str | None, int]:
        """A state written at token i (after prefixes): (alpha-2, end) or (None, i)."""
        j = self.skip_prefixes(i)
        span = self.span_of(j, "STATE", "DEMONYM")
        if span is not None:
            return span.kb_id_, span.end
        return None, i

    def place_at(self, i: int, prefer: str) -> tuple[str | None, str | None, int]:
        """A province or city at token i: (country alpha-2, jurisdiction code, end)."""
        j = i + 1 if self.norms[i] in self.rec.place_words else i
        order = ("PROVINCE", "CITY") if prefer == "province" else ("CITY", "PROVINCE")
        for kind in order:
            span = self.span_of(j, kind)
            if span is None:
                continue
            place = self.rec.lex.places[span.kb_id_]
            jurisdiction = place.key if kind == "PROVINCE" else place.province
            return place.country or None, jurisdiction, span.end
        return None, None, i

    # -- offices -------------------------------------------------------------------------

    @cached_property
    def office_starts(self) -> dict[int, OfficeMention]:
        """The offices by the token they start at (offices never share a first token)."""
        return {o.start: o for o in self.offices}

    @cached_property
    def offices(self) -> list[OfficeMention]:
        found: list[OfficeMention] = []
        i = 0
        while i < len(self.doc):
            mention = self.office_at(i)
            if mention is None:
                i += 1
                continue
            found.append(mention)
            i = mention.end
        return found

    def office_at(self, i: int) -> OfficeMention | None:
        span = self.span_of(i, "ROLE")
        if span is None and self.norms[i] == "معاون":
            return self.deputy_at(i)
        if span is None:
            return None
        role = self.rec.lex.roles[span.kb_id_]
        if role.scope == "diplomatic":
            return self.diplomatic(role.code, span.start, span.end)
        if role.scope == "subnational":
            return self.subnational(role.code, span.start, span.end, role.jurisdiction_kind or "province")
        return self.national(role.code, span.start, span.end)

    def make(self, role: str, start: int, end: int, **states: str | None) -> OfficeMention:
        office = Office(role, evidence=self.rec.evidence(self.doc, start, end), **states)
        return OfficeMention(office, start, end)

    def diplomatic(self, role: str, start: int, end: int) -> OfficeMention:
        sending, end2 = self.state_at(end)
        receiving = None
        if end2 < len(self.doc) and self.norms[end2] in self.rec.hosts:
            host, host_end = self.state_at(end2 + 1)
            if host is None:
                country, _, host_end = self.place_at(self.skip_prefixes(end2 + 1), "city")
                host = country
            if host is not None:
                receiving, end2 = host, host_end
        return self.make(role, start, max(end, end2), sending=sending, receiving=receiving)

    def subnational(self, role: str, start: int, end: int, prefer: str) -> OfficeMention:
        country, jurisdiction, end2 = self.place_at(end, prefer)
        if country is None and end < len(self.doc) and self.norms[end] == "در":
            country, jurisdiction, end2 = self.place_at(end + 1, prefer)
        if country is None and self.norms[end : end + 2] in (["این", "شهر"], ["این", "استان"]):
            country, jurisdiction = self.place_before(start, prefer)  # "شهردار این شهر"
            end2 = end + 2
        return self.make(role, start, max(end, end2), sending=country, jurisdiction=jurisdiction)

    def place_before(self, i: int, prefer: str) -> tuple[str | None, str | None]:
        """The nearest province or city named before token i (what "این شهر" points back to)."""
        k = bisect.bisect_left(self.place_starts, i)
        if k == 0:
            return None, None
        country, jurisdiction, _ = self.place_at(self.place_starts[k - 1], prefer)
        return country, jurisdiction

    @cached_property
    def place_starts(self) -> list[int]:
        """Where the provinces and cities of the document begin, in order."""
        return sorted(s.start for s in lexicon_spans(self.doc) if s.label_ in {"CITY", "PROVINCE"})

    def national(self, role: str, start: int, end: int, window: int = 6) -> OfficeMention:
        stops = {"با", "که", "در", "را", "به", "نیز", "از", "برای", "ضمن"} | PUNCT
        j = end
        while j < min(len(self.doc), end + window) and self.norms[j] not in stops:
            state, state_end = self.state_at(j)
            if state is not None:
                return self.make(role, start, state_end, sending=state)
            if self.span_of(j, "ROLE") is not None:
                break
            country, _, place_end = self.place_at(j, "city")
            if country is not None:  # "رئیس اتاق بازرگانی تبریز", "نماینده مردم تبریز": the place is in the office
                return self.make(role, start, place_end, sending=country)
            j += 1
        return self.make(role, start, end, sending=None)

    def deputy_at(self, i: int, window: int = 10) -> OfficeMention | None:
        """ "معاون <department> وزارت/وزیر X", "معاون <department> استاندار X", "معاون <department>
        رئیس‌جمهور": a deputy written with the name of a department in between."""
        for j in range(i + 1, min(len(self.doc), i + window)):
            if self.doc[j].is_sent_start or self.norms[j] in {"با", "که"}:
                return None
            if self.norms[j] in self.rec.ministry:
                mention = self.national("deputy_minister", i, j + 1)
                end = max(mention.end, min(len(self.doc), j + 3))
                while end > j + 1 and self.norms[end - 1] in PUNCT | {"و"}:
                    end -= 1
                return self.make("deputy_minister", i, end, sending=mention.office.sending)
            if self.norms[j] in self.rec.governor_words:
                place = self.subnational("deputy_governor", j, j + 1, "province")
                office = place.office
                return self.make(
                    "deputy_governor", i, place.end, sending=office.sending, jurisdiction=office.jurisdiction
                )
            for width in (1, 2):
                if " ".join(self.norms[j : j + width]) in self.rec.president_words:
                    return self.national("vice_president", i, j + width)
        return None

    # -- names ---------------------------------------------------------------------------

    @cached_property
    def office_tokens(self) -> frozenset[int]:
        return frozenset(i for o in self.offices for i in range(o.start, o.end))

    def nameable(self, i: int) -> bool:
        """Could token i be part of a person's name? (not a function word, office or state)"""
        norm = self.norms[i]
        if not norm.isalpha() or norm in self.rec.stop or len(norm) < 2 or i in self.office_tokens:
            return False
        return not (self.covered.get(i, NOTHING) & {"ROLE", "STATE", "DEMONYM", "TOPIC"})

    def is_place(self, i: int) -> bool:
        return bool(self.covered.get(i, NOTHING) & {"CITY", "PROVINCE"})

    def name_before(self, i: int) -> tuple[int, int, bool] | None:
        """The name written just before token i: «…», a run of name words, or "X Y، OFFICE"."""
        if i > 1 and self.doc[i - 1].text in {"،", ","}:
            found = self.name_before(i - 1)
            if found is None or found[2]:
                return found
            if found[1] - found[0] < 2 or (found[0] > 0 and self.nameable(found[0] - 1)):
                return None
            return found
        if i > 0 and self.doc[i - 1].text == "»":
            j = i - 2
            while j >= 0 and self.doc[j].text != "«" and i - 2 - j < MAX_NAME_TOKENS:
                j -= 1
            if j >= 0 and self.doc[j].text == "«" and all(self.nameable(k) for k in range(j + 1, i - 1)):
                return j + 1, i - 1, True
            return None
        j = i
        while j > 0 and i - j < MAX_NAME_TOKENS and self.nameable(j - 1) and not self.doc[j].is_sent_start:
            j -= 1
        while j < i - 1 and j > 0 and self.norms[j - 1] in {"به", "در", "از", "تا"} and self.is_place(j):
            j += 1  # "در سفر به تهران X Y سفیر …": the place is not part of the name
        return (j, i, False) if j < i else None

    def name_after(self, i: int, plain: bool = False) -> tuple[int, int, bool] | None:
        """A name written just after token i: in «…», after a comma, or (when `plain`, after
        an office that ended with its state or place) directly, as in "سفیر روسیه در ایران X Y با …"."""
        n = len(self.doc)
        if i < n and self.doc[i].text == "«":
            j = i + 1
            while j < n and self.nameable(j) and j - i <= MAX_NAME_TOKENS:
                j += 1
            if j < n and self.doc[j].text == "»" and j > i + 1:
                return i + 1, j, True
            return None
        comma = i < n and self.doc[i].text in {"،", ","}
        if not (comma or plain):
            return None
        start = i + 1 if comma else i
        while start < n and self.norms[start] in self.rec.honorifics:
            start += 1
        j = start
        while j < n and self.nameable(j) and j - start < MAX_NAME_TOKENS:
            j += 1
        if j - start < 2 or (j < n and (self.nameable(j) or self.span_of(j, "ROLE") is not None)):
            return None  # too short, too long, or the name of the next office
        return start, j, False

    def name_mention(self, start: int, end: int, quoted: bool, office: OfficeMention | None) -> NameMention:
        span = self.doc[start:end]
        return NameMention(
            span.text,
            fold_name(span.text),
            start,
            end,
            Evidence(span.start_char, span.end_char, span.text),
            office,
            quoted,
        )

    @cached_property
    def names(self) -> list[NameMention]:
        """Names attached to an office (before or after it), then «quoted» names."""
        found: list[NameMention] = []
        taken: set[int] = set()
        for mention in self.offices:
            office = mention.office
            complete = office.sending is not None or office.jurisdiction is not None
            bounds = self.name_before(mention.start) or self.name_after(mention.end, plain=complete)
            if bounds is None or taken & set(range(bounds[0], bounds[1])):
                continue
            start, end, quoted = bounds
            found.append(self.name_mention(start, end, quoted, mention))
            taken.update(range(start, end))
        for i, token in enumerate(self.doc):
            if token.text == "«" and i + 1 not in taken:
                bounds = self.name_after(i)
                if bounds is not None:
                    found.append(self.name_mention(*bounds, None))
        found.sort(key=lambda m: m.start)
        return found

    def subject_name(self, start: int, limit: int) -> NameMention | None:
        """A bare name opening a clause ("X با Y … دیدار کرد"): 1–4 name words then a stop.
        (A single word counts only if it is the surname of someone already named.)"""
        while start < limit and self.norms[start] in self.rec.honorifics:
            start += 1
        j = start
        while j < limit and self.nameable(j) and j - start < MAX_NAME_TOKENS:
            j += 1
        if j == start or (j < limit and self.nameable(j)):
            return None
        return self.name_mention(start, j, False, None)
