"""Metamorphic rewrites of annotated articles: the same facts in another phrasing.

Each rewrite is a plain function `rewrite(text, gold) -> str | None`. It returns the article
written another way that a news agency could also have published, with exactly the same
facts (who met whom, in which office, when, where, about what), or None when the rewrite
does not apply to that article. The gold file is used only to *locate* the participants'
names in the text, never to produce expected output: the test compares the extractor's
output on the original with its output on the rewrite.

The crawl's date line (` date YYYY-MM-DD` at the very start) is never touched.

Office phrases are found with the role words of `ontology/roles.ttl` and the state and
place names of `ontology/states.ttl` and `ontology/places.ttl` (read with rdflib), plus a
small table of ministry names written here, independently of the extractor's lexicons.
A rewrite that cannot find the boundaries of what it moves with confidence returns None.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
DIDAR = Namespace("https://w3id.org/didar/ontology#")

_HEADER = re.compile(r"\A date \d{4}-\d{2}-\d{2}")
ZWNJ = "\u200c"


def split_header(text: str) -> tuple[str, str]:
    """The crawl's date line (kept verbatim by every rewrite) and the body after it."""
    match = _HEADER.match(text)
    return (match.group(0), text[match.end() :]) if match else ("", text)


# ---------------------------------------------------------------------------------------
# Matching helpers: a literal phrase as a regex that tolerates what crawls do to the text
# (lost ZWNJ, Arabic letters), and the article's own orthography for inserted words.

_LETTER_CLASSES = {
    "ی": "[یيى]",
    "ي": "[یيى]",
    "ى": "[یيى]",
    "ک": "[کك]",
    "ك": "[کك]",
    "ئ": "[ئیي]",
    "ه": "[هةۀ]",
    "ۀ": "[هةۀ]",
}
_WORD = r"[\w\u200c]"
_BEFORE = rf"(?<!{_WORD})"
_AFTER = rf"(?!{_WORD})"


def flex(phrase: str) -> str:
    """Regex (no groups) for a phrase as a crawl may spell it: ی/ي, ک/ك, ZWNJ kept, lost or a space."""
    parts = []
    for ch in phrase:
        if ch == ZWNJ:
            parts.append("[\u200c ]?")
        elif ch.isspace():
            parts.append(r"[\s\u200c]+")
        else:
            parts.append(_LETTER_CLASSES.get(ch, re.escape(ch)))
    return "".join(parts)


def word_regex(phrases: list[str] | set[str]) -> re.Pattern[str]:
    """Whole-word alternation of phrases, longest first."""
    alternatives = "|".join(flex(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))
    return re.compile(f"{_BEFORE}(?:{alternatives}){_AFTER}")


def styled(phrase: str, body: str) -> str:
    """An inserted phrase in the article's own orthography (Arabic letters, no ZWNJ)."""
    if "ی" not in body and "ي" in body:
        phrase = phrase.replace("ی", "ي")
    if "ک" not in body and "ك" in body:
        phrase = phrase.replace("ک", "ك")
    if ZWNJ not in body:
        phrase = phrase.replace(ZWNJ, "")
    return phrase


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


# ---------------------------------------------------------------------------------------
# Paragraphs and sentences.


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    paragraph: int
    headline: bool  # a paragraph without final punctuation: a title, subtitle or crawl junk


_SENTENCE_END = re.compile(r"[.!؟?](?=\s|$)")


def paragraphs(body: str) -> list[Span]:
    out = []
    pos = 0
    for n, line in enumerate(body.split("\n")):
        stripped = line.strip()
        if stripped:
            start = pos + len(line) - len(line.lstrip())
            end = pos + len(line.rstrip())
            headline = not re.search(r"[.!؟?]$", stripped) or len(stripped.split()) < 3
            out.append(Span(start, end, n, headline))
        pos += len(line) + 1
    return out


def sentences(body: str) -> list[Span]:
    out = []
    for para in paragraphs(body):
        start = para.start
        for match in _SENTENCE_END.finditer(body, para.start, para.end):
            out.append(Span(start, match.end(), para.paragraph, para.headline))
            start = match.end()
            while start < para.end and body[start].isspace():
                start += 1
        if start < para.end:
            out.append(Span(start, para.end, para.paragraph, para.headline))
    return out


# ---------------------------------------------------------------------------------------
# Vocabulary from the ontology (roles, states, places) and a few tables written here.


@dataclass(frozen=True)
class Role:
    label: str
    code: str
    scope: str  # diplomatic | subnational | national


def _fa_labels(graph: Graph, subject: URIRef) -> set[str]:
    labels = set()
    for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for obj in graph.objects(subject, prop):
            if isinstance(obj, Literal) and obj.language == "fa":
                labels.add(str(obj).strip())
    return labels


@cache
def roles() -> tuple[Role, ...]:
    graph = Graph()
    graph.parse(ONTOLOGY / "roles.ttl")
    out = []
    for subject in set(graph.subjects(SKOS.notation, None)):
        code = str(graph.value(subject, SKOS.notation))
        scope = str(graph.value(subject, DIDAR.scope) or "national")
        for label in _fa_labels(graph, subject):
            out.append(Role(label, code, scope))
    return tuple(sorted(out, key=lambda r: (-len(r.label), r.label)))


@cache
def role_regex() -> re.Pattern[str]:
    return word_regex({r.label for r in roles()})


def role_of(label_text: str) -> Role:
    key = _fold_letters(label_text)
    for role in roles():
        if _fold_letters(role.label) == key:
            return role
    raise KeyError(label_text)


def _fold_letters(text: str) -> str:
    text = text.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک").replace("ئ", "ی")
    return re.sub(r"[\s\u200c]+", "", text)


# Labels of the lexicons that are also ordinary words, never taken as a place here.
_NOT_PLACES = {"کشورها", "دو", "خبر", "نور", "دیر", "شال", "تور", "سده", "گز", "جم", "رم", "قوم"}


@cache
def state_labels() -> frozenset[str]:
    graph = Graph()
    graph.parse(ONTOLOGY / "states.ttl")
    labels: set[str] = set()
    for subject in set(graph.subjects(SKOS.notation, None)):
        labels |= _fa_labels(graph, subject)
    return frozenset(label for label in labels if label not in _NOT_PLACES and len(label) > 1)


@cache
def _places() -> tuple[frozenset[str], frozenset[str]]:
    """(all city and province labels, those of places in Iran)."""
    graph = Graph()
    graph.parse(ONTOLOGY / "places.ttl")
    iran = URIRef("http://publications.europa.eu/resource/authority/country/IRN")
    labels: set[str] = set()
    iranian: set[str] = set()
    for subject in set(graph.subjects(SKOS.prefLabel, None)):
        names = {n for n in _fa_labels(graph, subject) if n not in _NOT_PLACES and len(n) > 1}
        labels |= names
        if (subject, DIDAR.country, iran) in graph:
            iranian |= names
    return frozenset(labels), frozenset(iranian)


def place_labels() -> frozenset[str]:
    return _places()[0]


@cache
def state_regex() -> re.Pattern[str]:
    return word_regex(state_labels())


@cache
def place_regex() -> re.Pattern[str]:
    return word_regex(state_labels() | place_labels())


# Words that may stand before a state's name inside an office phrase ("سفیر جمهوری غنا").
_STATE_PREFIXES = ["جمهوری اسلامی", "جمهوری", "فدراسیون", "دولت", "پادشاهی", "سلطنت", "امارت اسلامی", "امارت"]
# Words that may stand before a province's or city's name ("والی ولایت هرات").
_PLACE_PREFIXES = ["استان", "ولایت", "شهر", "ایالت", "بندر"]
# Ministry names (the complement of وزیر / معاون وزیر before the state).
MINISTRIES = [
    "امور خارجه",
    "خارجه",
    "کشور",
    "نفت",
    "نیرو",
    "انرژی",
    "راه و شهرسازی",
    "حمل‌ونقل",
    "حمل و نقل",
    "حمل‌ونقل و زیرساخت",
    "بهداشت",
    "بهداشت، درمان و آموزش پزشکی",
    "بهداشت و رفاه خانواده",
    "جهاد کشاورزی",
    "کشاورزی",
    "اقتصاد",
    "امور اقتصادی و دارایی",
    "دارایی",
    "صنعت، معدن و تجارت",
    "صنعت",
    "صنایع",
    "تجارت",
    "بازرگانی",
    "تجارت، صنعت و ترویج سرمایه‌گذاری",
    "مدیریت سرزمینی و زیرساخت‌های",
    "ارتباطات و فناوری اطلاعات",
    "فرهنگ و ارشاد اسلامی",
    "فرهنگ",
    "میراث فرهنگی، گردشگری و صنایع دستی",
    "گردشگری",
    "آموزش و پرورش",
    "علوم، تحقیقات و فناوری",
    "ورزش و جوانان",
    "دفاع و پشتیبانی نیروهای مسلح",
    "دفاع",
    "دادگستری",
    "تعاون، کار و رفاه اجتماعی",
    "کار",
    "اطلاعات",
    "محیط زیست",
    "آب",
]
# The tail of a chamber of commerce's name ("رئیس اتاق بازرگانی، صنایع، معادن و کشاورزی ارومیه").
_CHAMBER_TAILS = ["، صنایع، معادن و کشاورزی", " صنایع، معادن و کشاورزی", "، صنایع و معادن", " و صنایع"]
HONORIFICS = [
    "آقای",
    "خانم",
    "دکتر",
    "مهندس",
    "سید",
    "سیده",
    "حجت‌الاسلام",
    "حجت‌الاسلام والمسلمین",
    "آیت‌الله",
    "مولوی",
    "شیخ",
    "محترم",
    "سردار",
    "سرتیپ",
]
_QUOTES = "«»\"“”ˈ'"
# Words that open a new constituent after an office phrase that takes no further complement.
_BOUNDARY_WORDS = [
    "که",
    "با",
    "در",
    "روز",
    "امروز",
    "صبح",
    "ظهر",
    "عصر",
    "شب",
    "شامگاه",
    "بامداد",
    "دیروز",
    "دیشب",
    "نیز",
    "هم",
    "همچنین",
    "را",
    "به",
    "از",
    "ضمن",
    "طی",
    "پس",
    "پیش",
    "برای",
    "ابتدا",
    "سپس",
    "دیدار",
    "ملاقات",
    "میزبان",
    "پذیرای",
]
_WEEKDAYS = ["شنبه", "یکشنبه", "یک‌شنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "پنج‌شنبه", "جمعه"]


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _at(pattern: str, text: str, pos: int) -> re.Match[str] | None:
    """Match a flexible phrase pattern at pos, as whole words."""
    return _compiled(f"(?:{pattern}){_AFTER}").match(text, pos)


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u200c":
        pos += 1
    return pos


def _alternation(phrases: list[str]) -> str:
    return "|".join(flex(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))


# ---------------------------------------------------------------------------------------
# Office phrases: a role word, its complement, and a confident end.


@dataclass(frozen=True)
class OfficePhrase:
    start: int
    end: int
    role: Role
    places: tuple[str, ...]  # the place and state names of the phrase, as written


@cache
def _state_phrase_regex() -> re.Pattern[str]:
    prefix = f"(?:(?:{_alternation(_STATE_PREFIXES)})" + r"[\s\u200c]+)?"
    return re.compile(f"{prefix}(?P<name>{_alternation(list(state_labels()))}){_AFTER}")


@cache
def _place_phrase_regex() -> re.Pattern[str]:
    prefix = f"(?:(?:{_alternation(_PLACE_PREFIXES)})" + r"[\s\u200c]+)?"
    return re.compile(f"{prefix}(?P<name>{_alternation(list(place_labels() | state_labels()))}){_AFTER}")


def _state_phrase(text: str, pos: int) -> re.Match[str] | None:
    return _state_phrase_regex().match(text, pos)


def _place_phrase(text: str, pos: int) -> re.Match[str] | None:
    return _place_phrase_regex().match(text, pos)


def _complete(text: str, end: int, strict: bool) -> bool:
    """Whether an office phrase may end at `end`: what follows cannot continue it."""
    pos = _skip_spaces(text, end)
    if pos >= len(text) or text[pos] in "،,.;؛:!؟?)\n" + _QUOTES:
        return True
    if _at(flex("و"), text, pos):
        return False  # a coordination: the phrase may go on ("سیستان و بلوچستان", "وزیر ... و ...")
    if place_regex().match(text, pos):
        return False
    if strict:
        return bool(_at(_alternation(_BOUNDARY_WORDS + _WEEKDAYS), text, pos))
    return True


def office_at(text: str, pos: int) -> OfficePhrase | None:
    """The office phrase starting at pos, when its boundaries are clear; else None."""
    match = role_regex().match(text, pos)
    if not match:
        return None
    role = role_of(match.group(0))
    end = match.end()
    places: list[str] = []
    new = _at(flex("جدید"), text, _skip_spaces(text, end))
    if new:
        end = new.end()
    if role.scope == "diplomatic":
        embassy = _at(flex("سفارت"), text, _skip_spaces(text, end))
        if embassy and role.code != "ambassador":
            end = embassy.end()
        state = _state_phrase(text, _skip_spaces(text, end))
        if not state:
            return None
        places.append(state.group("name"))
        end = state.end()
        host = _at(flex("در"), text, _skip_spaces(text, end))
        if host:
            where = _state_phrase(text, _skip_spaces(text, host.end())) or _place_phrase(
                text, _skip_spaces(text, host.end())
            )
            if not where:
                return None  # "سفیر ... در X" with X unknown: the phrase's end is not clear
            places.append(where.group("name"))
            end = where.end()
        strict = False
    elif role.scope == "subnational":
        where = _place_phrase(text, _skip_spaces(text, end))
        if not where:
            return None
        places.append(where.group("name"))
        end = where.end()
        state = _state_phrase(text, _skip_spaces(text, end))
        if state:
            places.append(state.group("name"))
            end = state.end()
        strict = False
    else:
        strict = True
        if role.code in ("minister", "deputy_minister"):
            ministry = _at(_alternation(MINISTRIES), text, _skip_spaces(text, end))
            if not ministry:
                return None
            end = ministry.end()
        elif role.code == "chamber_of_commerce_head":
            tail = re.compile(_alternation(_CHAMBER_TAILS)).match(text, end)
            if tail:
                end = tail.end()
        state = _state_phrase(text, _skip_spaces(text, end)) or (
            _place_phrase(text, _skip_spaces(text, end)) if role.code == "chamber_of_commerce_head" else None
        )
        if state:
            places.append(state.group("name"))
            end = state.end()
            strict = False
    if not _complete(text, end, strict):
        return None
    return OfficePhrase(pos, end, role, tuple(places))


def offices_in(text: str, start: int, end: int) -> Iterator[OfficePhrase]:
    for match in role_regex().finditer(text, start, end):
        office = office_at(text, match.start())
        if office and office.end <= end:
            yield office


# ---------------------------------------------------------------------------------------
# Participants' names in the text (located with the gold names).


@dataclass(frozen=True)
class NameSpan:
    start: int  # with honorifics and an opening quote
    end: int  # with a closing quote
    name_start: int  # the bare name
    name_end: int

    def bare(self, text: str) -> str:
        return text[self.name_start : self.name_end]


def name_regex(name: str) -> re.Pattern[str]:
    return re.compile(f"{_BEFORE}{flex(name.strip())}{_AFTER}")


def _extend_name(text: str, start: int, end: int) -> NameSpan:
    outer_start, outer_end = start, end
    if outer_start > 0 and text[outer_start - 1] in _QUOTES:
        outer_start -= 1
    if outer_end < len(text) and text[outer_end] in _QUOTES:
        outer_end += 1
    honorific = re.compile(f"(?:{_alternation(HONORIFICS)})" + r"[\s\u200c]+$")
    while True:
        match = honorific.search(text, max(0, outer_start - 30), outer_start)
        if not match or (match.start() > 0 and re.match(_WORD, text[match.start() - 1])):
            break
        outer_start = match.start()
    return NameSpan(outer_start, outer_end, start, end)


def find_names(body: str, gold: dict) -> dict[str, NameSpan]:
    """First occurrence in the body of each gold participant's name (gold spelling -> span)."""
    out = {}
    for meeting in gold.get("meetings", []):
        for participant in meeting.get("participants", []):
            name = participant["name"]
            if name in out:
                continue
            match = name_regex(name).search(body)
            if match:
                out[name] = _extend_name(body, match.start(), match.end())
    return out


@dataclass(frozen=True)
class Titled:
    """A participant's name written next to the office, in the sentence that first names them."""

    name: str  # gold spelling
    span: NameSpan
    office: OfficePhrase
    office_first: bool
    comma_between: bool


def titled(body: str, gold: dict) -> Iterator[Titled]:
    """Participants named next to their office where they are first named, in gold order."""
    spans = find_names(body, gold)
    for name, span in spans.items():
        if re.search(r"(?:^|\s)و[\s\u200c]*$", body[max(0, span.start - 4) : span.start]):
            continue  # "X OFFICE و Y OFFICE": moving Y's office would read as X's second one
        # NAME[،] OFFICE
        pos = _skip_spaces(body, span.end)
        comma = pos < len(body) and body[pos] == "،"
        if comma:
            pos = _skip_spaces(body, pos + 1)
        if pos > span.end:
            office = office_at(body, pos)
            if office:
                yield Titled(name, span, office, False, comma)
                continue
        # OFFICE[،] NAME: an office phrase in the same sentence ending just before the name
        sentence = next((s for s in sentences(body) if s.start <= span.start < s.end), None)
        if sentence is None:
            continue
        for office in offices_in(body, sentence.start, span.start):
            gap = body[office.end : span.start]
            if gap.strip() in ("", "،") and gap != "":
                yield Titled(name, span, office, True, "،" in gap)
                break


# ---------------------------------------------------------------------------------------
# 1-3: what crawls do to the characters.


def zwnj_lost(text: str, gold: dict) -> str | None:
    """Every ZWNJ removed, as some crawls deliver the text (می‌شود -> میشود)."""
    header, body = split_header(text)
    return header + body.replace(ZWNJ, "") if ZWNJ in body else None


def arabic_letters(text: str, gold: dict) -> str | None:
    """Persian ی and ک written with the Arabic letters ي and ك throughout."""
    header, body = split_header(text)
    if "ی" not in body and "ک" not in body:
        return None
    return header + body.replace("ی", "ي").replace("ک", "ك")


_EASTERN_DIGITS = "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
_TO_ASCII = str.maketrans(_EASTERN_DIGITS, "0123456789" * 2)
_ASCII_RUN = re.compile(r"(?<![A-Za-z0-9])[0-9]+(?![A-Za-z0-9])")


def digits(text: str, gold: dict) -> str | None:
    """Persian (or Arabic-Indic) digits as ASCII; or, when there are none, ASCII as Persian."""
    header, body = split_header(text)
    if any(d in body for d in _EASTERN_DIGITS):
        return header + body.translate(_TO_ASCII)
    if _ASCII_RUN.search(body):
        persian = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
        return header + _ASCII_RUN.sub(lambda m: m.group(0).translate(persian), body)
    return None


# ---------------------------------------------------------------------------------------
# 4: the lead's byline.

# Agencies: short name -> (full name for a "ـ ابنا ـ"-style byline, "X نیوز" brand name).
_AGENCIES: dict[str, tuple[str | None, str | None]] = {
    "ایرنا": ("خبرگزاری جمهوری اسلامی", None),
    "ایسنا": ("خبرگزاری دانشجویان ایران", None),
    "ایلنا": ("خبرگزاری کار ایران", None),
    "ابنا": ("خبرگزاری بین‌المللی اهل‌بیت(ع)", None),
    "مهر": (None, "مهر نیوز"),
    "تسنیم": (None, "تسنیم نیوز"),
    "فارس": (None, "فارس نیوز"),
    "برنا": (None, "برنا نیوز"),
}
_ACRONYMS = {"ایرنا", "ایسنا", "ایلنا", "ابنا", "شانا", "ایکنا", "پانا", "ایمنا"}
_DEFAULT_AGENCY = "ایرنا"
_LEAD = re.compile(r"به[\s\u200c]+گزارش[\s\u200c]+(?P<x>[^،؛,\n]{2,120}?)\s*(?P<sep>[،؛,])\s*")
_DATELINE = re.compile(
    r"(?P<a>[^\s\-–—:،؛.]+(?:[ \u200c][^\s\-–—:،؛.]+){0,3})\s*[-–—]\s*"
    r"(?:(?P<b>[^\s\-–—:،؛.]+(?:[ \u200c][^\s\-–—:،؛.]+){0,2})\s*(?P<bsep>[-–—:،])\s*)?"
)
_PR_WORDS = re.compile(r"روابط[\s\u200c]+عمومی|روابط[\s\u200c]+عمومي|پایگاه[\s\u200c]+اطلاع|اداره[\s\u200c]+کل")


@dataclass(frozen=True)
class Byline:
    agency: str  # as written: "خبرگزاری مهر", "ایرنا", "باشگاه خبرنگاران جوان"
    short: str | None  # "مهر", "ایرنا"
    city: str | None  # "از بجنورد"
    source: str | None  # "به نقل از ..."


def _persian(text: str) -> str:
    return text.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک")


def _agency_short(agency: str) -> str | None:
    """The agency's one-word name ("مهر" of "خبرگزاری مهر"), in Persian letters."""
    words = _persian(agency).split()
    if len(words) == 2 and words[0] in ("خبرگزاری", "خبرنگار"):
        return words[1]
    if len(words) == 1:
        return words[0]
    return None


def _parse_byline(x: str) -> Byline:
    source = None
    parts = re.split(r"\s+(?:و\s+)?به[\s\u200c]+نقل[\s\u200c]+از\s+", x, maxsplit=1)
    if len(parts) == 2:
        x, source = parts
    city = None
    match = re.search(r"\s+از\s+(?P<city>\S+(?:\s\S+)?)$", x)
    if match and place_regex().fullmatch(match.group("city")):
        city = match.group("city")
        x = x[: match.start()]
    agency = x.strip()
    for marker in ("خبرگزاری ", "خبرگزاري ", "باشگاه خبرنگاران"):
        if marker in agency and not agency.startswith(marker):
            agency = agency[agency.index(marker) :]  # a desk ("گروه سیاست خارجی") dropped
    if _persian(agency).startswith("خبرنگار "):  # "خبرنگار مهر" -> "خبرگزاری مهر"
        short = agency.split(maxsplit=1)[1]
        agency = short if _persian(short) in _ACRONYMS else "خبرگزاری " + short
    return Byline(agency, _agency_short(agency), city, source)


def _is_agency(name: str) -> bool:
    return bool(re.search("خبرگزار|خبرنگار|نیوز|باشگاه", name)) or (
        len(name.split()) == 1 and not _PR_WORDS.search(name)
    )


def _named(agency: str, short: str | None) -> str:
    """How an agency is named in a dateline: acronyms bare, others as written."""
    return agency.split()[-1] if short in _ACRONYMS else agency


def _institution(body: str, start: int, end: int) -> str | None:
    """The public-relations office a lead could quote: that of an Iranian governorate,
    municipality or ministry whose holder the lead names."""
    iranian = _places()[1] | {"تهران"}
    for office in offices_in(body, start, end):
        words = body[office.start : office.end]
        if office.role.code in ("governor", "mayor") and office.role.label in ("استاندار", "شهردار"):
            place = office.places[0] if office.places else ""
            if _fold_letters(place) in {_fold_letters(p) for p in iranian}:
                return words.replace(office.role.label, office.role.label + "ی", 1)
        if office.role.code == "minister" and not office.places and words.startswith("وزیر"):
            return "وزارت" + words[len("وزیر") :]
    return None


def _lead_forms(body: str, para: Span, byline: Byline, rest: str) -> list[str]:
    """The lead written with another byline, for a paragraph that opens with `به گزارش X،`."""
    forms = []
    full, brand = _AGENCIES.get(byline.short or "", (None, None))
    if byline.source:
        if _is_agency(byline.source):
            forms.append(f"به گزارش {byline.source}، {rest}")
        else:
            forms.append(f"به اعلام {byline.source}، {rest}")
        if full:
            forms.append(f"به گزارش {full} ـ {byline.short} ـ به نقل از {byline.source}، {rest}")
        return forms
    if not _is_agency(byline.agency):  # "به گزارش روابط عمومی استانداری گیلان،"
        return [f"به اعلام {byline.agency}، {rest}", f"به نقل از {byline.agency}، {rest}"]
    named = _named(byline.agency, byline.short)
    forms.append(f"{byline.city} – {named} – {rest}" if byline.city else f"{named} – {rest}")
    origin = f" از {byline.city}" if byline.city else ""
    if full:
        forms.append(f"به گزارش {full} ـ {byline.short} ـ{origin}، {rest}")
    if brand and not byline.city:
        forms.append(f"{brand}: {rest}")
    first = next((s for s in sentences(body) if s.start >= para.start), None)
    institution = _institution(body, para.start, first.end if first else para.end)
    if institution:
        forms.append(f"به گزارش {named}{origin} به نقل از روابط عمومی {institution}؛ {rest}")
    return forms


def _text_agency(body: str) -> str:
    """An agency the article itself names in a later byline, else a default one."""
    for match in _LEAD.finditer(body):
        byline = _parse_byline(match.group("x"))
        if _is_agency(byline.agency):
            return _named(byline.agency, byline.short)
    return _DEFAULT_AGENCY


def lead_form(text: str, gold: dict) -> str | None:
    """The lead's byline in another agency style: "به گزارش X،" <-> "X –" dateline,
    "به گزارش X به نقل از روابط عمومی …؛", "ـ ایرنا ـ" byline, "X نیوز:"; a byline added
    to the lead when it has none."""
    header, body = split_header(text)
    leads = [p for p in paragraphs(body) if not p.headline][:2]
    if not leads:
        return None
    pick = _crc(body)
    for para in leads:
        match = _LEAD.match(body, para.start)
        if match:
            rest = body[match.end() : para.end]
            forms = _lead_forms(body, para, _parse_byline(match.group("x")), rest)
            return _replace(header, body, para, forms, pick)
    para = leads[0]
    match = _DATELINE.match(body, para.start)
    rest = body[match.end() : para.end] if match else ""
    if match and len(rest.split()) >= 5:
        a, b, bsep = match.group("a"), match.group("b"), match.group("bsep")
        if b and bsep == "،":  # "REPORTER-SITE، ..." -> the site's byline
            forms = [f"به گزارش {b}، {rest}"]
        elif b and bsep == ":":  # "AGENCY - CITY: ..."
            forms = [f"به گزارش {a} از {b}، {rest}"]
        elif b:  # "CITY- AGENCY- ..."
            forms = [f"به گزارش {b} از {a}، {rest}"]
        elif place_regex().fullmatch(a):  # "CITY- ..."
            forms = [f"به گزارش {_text_agency(body)} از {a}، {rest}"]
        else:  # "AGENCY - ..."
            forms = [f"به گزارش {a}، {rest}"]
        return _replace(header, body, para, forms, pick)
    agency = _DEFAULT_AGENCY
    rest = body[para.start : para.end]
    forms = [
        f"به گزارش {agency}، {rest}",
        f"{agency} – {rest}",
        f"به گزارش {_AGENCIES[agency][0]} ـ {agency} ـ، {rest}",
    ]
    return _replace(header, body, para, forms, pick)


def _replace(header: str, body: str, para: Span, forms: list[str], pick: int) -> str | None:
    """The paragraph replaced by one of the forms (chosen by the article, so that the corpus
    sees all of them). The whole new paragraph takes the article's orthography: `styled` only
    changes letters the article itself never uses, so its own words stay as they are."""
    old = body[para.start : para.end]
    forms = [f for f in forms if f != old]
    if not forms:
        return None
    new = styled(forms[pick % len(forms)], body)
    return header + body[: para.start] + new + body[para.end :]


# ---------------------------------------------------------------------------------------
# 5: office before / after the name.


def office_swap(text: str, gold: dict) -> str | None:
    """For one participant written next to their office where first named, the other order:
    "NAME OFFICE" -> "OFFICE، NAME،", "OFFICE، NAME،" -> "NAME، OFFICE،"."""
    header, body = split_header(text)
    for item in titled(body, gold):
        span, office = item.span, item.office
        name_text = body[span.start : span.end]
        office_text = body[office.start : office.end]
        if not item.office_first:
            after = body[office.end :]
            stripped = after.lstrip(" ")
            if stripped[:1] in ("،", ".", "؛", ":", ")", "\n", ""):
                new = f"{office_text}، {name_text}{after}"
            elif re.match(flex("را") + _AFTER, stripped):
                new = f"{office_text}، {name_text} {stripped}"
            else:
                new = f"{office_text}، {name_text}، {stripped}"
            return header + body[: span.start] + new
        after = body[span.end :]
        stripped = after.lstrip(" ")
        if item.comma_between and stripped.startswith("،"):
            new = f"{name_text}، {office_text}{after}"
        else:
            new = f"{name_text} {office_text}{after}"
        return header + body[: office.start] + new
    return None


# ---------------------------------------------------------------------------------------
# 6: the lead names the office only; the name comes later.


def _lead_sentence(body: str, spans: dict[str, NameSpan]) -> Span | None:
    """The first sentence naming a participant, when it is in the first two paragraphs of text."""
    leads = [p.paragraph for p in paragraphs(body) if not p.headline][:2]
    firsts = sorted(s.start for s in spans.values())
    if not firsts:
        return None
    for sentence in sentences(body):
        if sentence.start <= firsts[0] < sentence.end:
            return sentence if sentence.paragraph in leads and not sentence.headline else None
    return None


def _remove_name(body: str, item: Titled) -> str:
    """The body without the participant's name next to the office."""
    span, office = item.span, item.office
    if not item.office_first:  # NAME[،] OFFICE -> OFFICE
        return body[: span.start] + body[office.start :]
    # OFFICE[،] NAME[،] -> OFFICE
    after = body[span.end :]
    stripped = after.lstrip(" ")
    if item.comma_between and stripped.startswith("،"):
        after = " " + stripped[1:].lstrip(" ")
    return body[: office.end] + after


def _surnames(bare: str) -> list[str]:
    words = bare.split()
    return [" ".join(words[k:]) for k in range(1, len(words)) if len(" ".join(words[k:])) >= 3]


def _starts_with_person(body: str, sentence: Span, refs: re.Pattern[str], others: re.Pattern[str] | None) -> bool:
    """Whether the first reference to a person in the sentence is to this one (and not as an object)."""
    mine = refs.search(body, sentence.start, sentence.end)
    if not mine:
        return False
    other = others.search(body, sentence.start, sentence.end) if others else None
    if other and other.start() < mine.start():
        return False
    return not re.search(r"(?:با|به|از)[\s\u200c]+$", body[sentence.start : mine.start()])


def name_later(text: str, gold: dict) -> str | None:
    """A participant named with an office in the lead: the lead keeps the office only, and the
    full name moves to the first later sentence referring to them by surname or by "وی"."""
    header, body = split_header(text)
    spans = find_names(body, gold)
    lead = _lead_sentence(body, spans)
    if lead is None:
        return None
    items = list(titled(body, gold))
    for item in items:
        if not (lead.start <= item.span.start < lead.end):
            continue
        code = item.office.role.code
        same_role = [
            o for o in offices_in(body, lead.start, lead.end) if o.role.code == code and o.start != item.office.start
        ]
        if same_role or any(o.office.role.code == code for o in items if o.name != item.name):
            continue  # the office alone would not say whom it stands for
        bare = item.span.bare(body)
        others = [n for n in spans if n != item.name]
        new_body = _remove_name(body, item)
        result = _insert_later(new_body, lead.end - (len(body) - len(new_body)), item, bare, others)
        if result is not None:
            return header + result
    return None


def _insert_later(body: str, lead_end: int, item: Titled, bare: str, others: list[str]) -> str | None:
    """The full name put at the first sentence after the lead that refers to the person by
    surname alone or opens with "وی" after a sentence about them (the body as it is when a
    sentence names them in full first); None when there is no such sentence."""
    full = name_regex(bare)
    other_words = " ".join(others)
    surnames = [s for s in _surnames(bare) if not re.search(flex(s), other_words)]
    labels = [r.label for r in roles() if r.code == item.office.role.code]
    refs = word_regex([bare, *surnames, *labels])
    other_names: list[str] = []
    for other in others:
        other_names += [other, *_surnames(other)]
    others_re = word_regex(other_names) if other_names else None
    previous: Span | None = None
    for sentence in sentences(body):
        if sentence.end <= lead_end:
            previous = None if sentence.headline else sentence
            continue
        if sentence.headline:
            previous = None
            continue
        if full.search(body, sentence.start, sentence.end):
            return body  # named in full here already: the lead's office is enough
        for surname in surnames:
            for match in word_regex([surname]).finditer(body, sentence.start, sentence.end):
                before = body[max(0, match.start() - 40) : match.start()]
                first_words = bare[: len(bare) - len(surname)].strip()
                if re.search(flex(first_words) + r"[\s\u200c]*$", before):
                    continue
                return body[: match.start()] + bare + body[match.end() :]
        pronoun = re.compile(flex("وی") + _AFTER).match(body, sentence.start)
        if pronoun and previous is not None and _starts_with_person(body, previous, refs, others_re):
            return body[: pronoun.start()] + bare + body[pronoun.end() :]
        previous = sentence
    return None


# ---------------------------------------------------------------------------------------
# 7: the meeting predicate.

_SINGULAR_PLURAL = [("کرد", "کردند"), ("نمود", "نمودند")]
# Predicate -> an equivalent one (the verb's ending is carried over, so agreement is kept).
MEETING_PHRASES: dict[str, str] = {
    "دیدار و گفت‌وگو": "دیدار و رایزنی",
    "دیدار و گفتگو": "دیدار و رایزنی",
    "دیدار و گفت و گو": "دیدار و رایزنی",
    "دیدار و رایزنی": "دیدار و گفت‌وگو",
    "ملاقات و گفت‌وگو": "دیدار و گفت‌وگو",
    "ملاقات و گفتگو": "دیدار و گفتگو",
    "دیدار": "ملاقات و گفت‌وگو",
    "ملاقات": "دیدار",
}
# Prepositional and coordinated forms, replaced as they stand.
MEETING_FRAMES: dict[str, str] = {
    "در دیدار با": "در ملاقات با",
    "در ملاقات با": "در دیدار با",
    "در دیداری با": "در ملاقاتی با",
    "دیدار و درباره": "ملاقات و درباره",
}


@cache
def _meeting_regex() -> re.Pattern[str]:
    verbs = "|".join(flex(v) for pair in _SINGULAR_PLURAL for v in pair)
    nouns = "|".join(flex(p) for p in sorted(MEETING_PHRASES, key=len, reverse=True))
    frames = "|".join(flex(p) for p in sorted(MEETING_FRAMES, key=len, reverse=True))
    return re.compile(f"{_BEFORE}(?:(?P<noun>{nouns})[\\s\u200c]+(?P<verb>{verbs})|(?P<frame>{frames})){_AFTER}")


def _key(found: str, table: dict[str, str]) -> str:
    for key in table:
        if re.fullmatch(flex(key), found):
            return key
    raise KeyError(found)


def meeting_phrase(text: str, gold: dict) -> str | None:
    """The meeting predicate (of the sentence first naming a participant, else the first in the
    text, titles aside) replaced by an equivalent one: "دیدار کرد" -> "ملاقات و
    گفت‌وگو کرد", "دیدار و گفت‌وگو کرد" -> "دیدار و رایزنی کرد", "در دیدار با" -> "در ملاقات با"…"""
    header, body = split_header(text)
    lead = _lead_sentence(body, find_names(body, gold))
    match = _meeting_regex().search(body, lead.start, lead.end) if lead else None
    if match is None:
        texts = [p for p in paragraphs(body) if not p.headline]
        match = next((m for p in texts if (m := _meeting_regex().search(body, p.start, p.end))), None)
    if match is None:
        return None
    if match.group("frame"):
        new = MEETING_FRAMES[_key(match.group("frame"), MEETING_FRAMES)]
    else:
        new = MEETING_PHRASES[_key(match.group("noun"), MEETING_PHRASES)] + " " + match.group("verb")
    return header + body[: match.start()] + styled(new, body) + body[match.end() :]


REWRITES: dict[str, Callable[[str, dict], str | None]] = {
    "zwnj_lost": zwnj_lost,
    "arabic_letters": arabic_letters,
    "digits": digits,
    "lead_form": lead_form,
    "office_swap": office_swap,
    "name_later": name_later,
    "meeting_phrase": meeting_phrase,
}
