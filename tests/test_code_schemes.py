"""The code schemes of ontology/: traded goods with HS codes (commodities.ttl) and the
CAMEO and PLOVER event codes (event-codes.ttl)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS, XSD

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology"
DIDAR = Namespace("https://w3id.org/didar/ontology#")
GOOD = Namespace("https://w3id.org/didar/vocab/good/")
TOPIC = Namespace("https://w3id.org/didar/vocab/topic/")
CAMEO = Namespace("https://w3id.org/didar/vocab/cameo/")
PLOVER = Namespace("https://w3id.org/didar/vocab/plover/")
PLOVER_MODE = Namespace("https://w3id.org/didar/vocab/plover-mode/")

ARABIC_YEH_KAF = ("\u064a", "\u0643")
HS_CODE = re.compile(r"^([0-9]{2}|[0-9]{4}|[0-9]{6}|[IVXLC]+)$")
SLUG = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
TOPIC_CODES = frozenset(
    [
        "politics",
        "economy",
        "trade",
        "transit",
        "energy",
        "investment",
        "agriculture",
        "industry",
        "mining",
        "tourism",
        "culture",
        "education",
        "science",
        "health",
        "security",
        "environment",
        "infrastructure",
        "engineering_services",
        "consular",
        "sport",
        "other",
    ]
)
# The chapters of each section of the Harmonized System.
SECTION_CHAPTERS = {
    "I": range(1, 6),
    "II": range(6, 15),
    "III": range(15, 16),
    "IV": range(16, 25),
    "V": range(25, 28),
    "VI": range(28, 39),
    "VII": range(39, 41),
    "VIII": range(41, 44),
    "IX": range(44, 47),
    "X": range(47, 50),
    "XI": range(50, 64),
    "XII": range(64, 68),
    "XIII": range(68, 71),
    "XIV": range(71, 72),
    "XV": range(72, 84),
    "XVI": range(84, 86),
    "XVII": range(86, 90),
    "XVIII": range(90, 93),
    "XIX": range(93, 94),
    "XX": range(94, 97),
    "XXI": range(97, 98),
}
PLOVER_TYPES = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
REQUIRED_CAMEO = [
    "03",
    "04",
    "06",
    "030",
    "031",
    "0311",
    "0312",
    "0313",
    "0314",
    "032",
    "033",
    "0331",
    "0332",
    "0333",
    "0334",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "040",
    "041",
    "042",
    "043",
    "044",
    "045",
    "046",
    "060",
    "061",
    "062",
    "063",
    "064",
]


@cache
def graph(filename: str) -> Graph:
    """A file of ontology/, parsed once."""
    return Graph().parse(ONTOLOGY / filename, format="turtle")


def goods() -> Graph:
    return graph("commodities.ttl")


def events() -> Graph:
    return graph("event-codes.ttl")


def notation(g: Graph, node: URIRef) -> str:
    values = list(g.objects(node, SKOS.notation))
    assert len(values) == 1, f"{node} has {len(values)} notations"
    return str(values[0])


def labels(g: Graph, node: URIRef, prop: URIRef, lang: str) -> list[str]:
    return [str(o) for o in g.objects(node, prop) if isinstance(o, Literal) and o.language == lang]


def fa_forms(g: Graph, node: URIRef) -> set[str]:
    """Persian preferred and alternative labels: the surface forms of a concept."""
    return set(labels(g, node, SKOS.prefLabel, "fa")) | set(labels(g, node, SKOS.altLabel, "fa"))


def in_scheme(g: Graph, scheme: Namespace) -> dict[str, URIRef]:
    """Concepts of a scheme by notation."""
    out = {}
    for node in g.subjects(SKOS.inScheme, URIRef(str(scheme))):
        assert isinstance(node, URIRef)
        out[notation(g, node)] = node
    return out


def commodity_slugs() -> list[str]:
    return sorted(notation(goods(), s) for s in goods().subjects(RDF.type, DIDAR.Commodity))


def hs_code(slug: str) -> str:
    codes = list(goods().objects(GOOD[slug], DIDAR.hsCode))
    assert len(codes) == 1, f"{slug} has {len(codes)} HS codes"
    return str(codes[0])


def hs_level(code: str) -> str:
    """The level an HS code's form says it is at."""
    if code.isdigit():
        return {2: "chapter", 4: "heading", 6: "subheading"}[len(code)]
    return "section"


def hs_contains(wide: str, narrow: str) -> bool:
    """Whether the HS code `narrow` lies strictly inside the HS code `wide`."""
    if wide == narrow:
        return False
    if hs_level(wide) == "section":
        return hs_level(narrow) != "section" and int(narrow[:2]) in SECTION_CHAPTERS[wide]
    return narrow.isdigit() and narrow.startswith(wide)


# --- both files --------------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["commodities.ttl", "event-codes.ttl"])
def test_file_parses(filename: str) -> None:
    g = Graph().parse(ONTOLOGY / filename, format="turtle")
    assert len(g) > 100


@pytest.mark.parametrize("filename", ["commodities.ttl", "event-codes.ttl"])
def test_no_arabic_yeh_or_kaf(filename: str) -> None:
    bad = [str(o) for o in graph(filename).objects() if isinstance(o, Literal) and any(c in o for c in ARABIC_YEH_KAF)]
    assert bad == []


@pytest.mark.parametrize("filename", ["commodities.ttl", "event-codes.ttl"])
def test_labels_are_clean(filename: str) -> None:
    """No stray white space, and no ZWNJ next to a space or doubled."""
    g = graph(filename)
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for o in g.objects(None, prop):
            text = str(o)
            assert text == text.strip() and "  " not in text, repr(text)
            assert not re.search("\u200c[\u200c ]|[ ]\u200c", text), repr(text)
            assert not text.startswith("\u200c") and not text.endswith("\u200c"), repr(text)


@pytest.mark.parametrize("filename", ["commodities.ttl", "event-codes.ttl"])
def test_one_preferred_label_per_language_and_no_overlap(filename: str) -> None:
    g = graph(filename)
    for node in set(g.subjects(RDF.type, SKOS.Concept)):
        assert isinstance(node, URIRef)
        for lang in ("en", "fa"):
            assert len(labels(g, node, SKOS.prefLabel, lang)) == 1, f"{node} @{lang}"
        pref = set(labels(g, node, SKOS.prefLabel, "fa"))
        assert not pref & set(labels(g, node, SKOS.altLabel, "fa")), node


# --- commodities -------------------------------------------------------------------------


def test_scheme_is_declared() -> None:
    scheme = URIRef(str(GOOD))
    assert (scheme, RDF.type, SKOS.ConceptScheme) in goods()
    assert labels(goods(), scheme, SKOS.prefLabel, "fa") and labels(goods(), scheme, SKOS.prefLabel, "en")


def test_there_are_many_commodities() -> None:
    assert len(commodity_slugs()) >= 60


@pytest.mark.parametrize("slug", commodity_slugs())
def test_commodity_is_a_concept_of_the_scheme(slug: str) -> None:
    g, node = goods(), GOOD[slug]
    assert SLUG.match(slug), slug
    assert (node, RDF.type, DIDAR.Commodity) in g
    assert (node, RDF.type, SKOS.Concept) in g
    assert (node, SKOS.inScheme, URIRef(str(GOOD))) in g
    assert notation(g, node) == slug
    assert labels(g, node, SKOS.prefLabel, "en") and labels(g, node, SKOS.prefLabel, "fa")


@pytest.mark.parametrize("slug", commodity_slugs())
def test_hs_code_and_level_agree(slug: str) -> None:
    g, node = goods(), GOOD[slug]
    (code,) = g.objects(node, DIDAR.hsCode)
    assert isinstance(code, Literal) and code.language is None and code.datatype in (None, XSD.string)
    assert HS_CODE.match(str(code)), f"{slug}: {code}"
    levels = [str(v) for v in g.objects(node, DIDAR.hsLevel)]
    assert levels == [hs_level(str(code))], f"{slug}: {code} {levels}"
    if levels == ["section"]:
        assert str(code) in SECTION_CHAPTERS, f"{slug}: no HS section {code}"
    else:
        assert 1 <= int(str(code)[:2]) <= 97, f"{slug}: no HS chapter {code[:2]}"


@pytest.mark.parametrize("slug", commodity_slugs())
def test_sector_is_a_topic(slug: str) -> None:
    topics = graph("topics.ttl")
    sectors = list(goods().objects(GOOD[slug], DIDAR.sector))
    assert sectors, f"{slug} has no sector"
    for sector in sectors:
        assert isinstance(sector, URIRef) and str(sector).startswith(str(TOPIC)), sector
        assert str(sector).removeprefix(str(TOPIC)) in TOPIC_CODES, sector
        assert (sector, RDF.type, DIDAR.Topic) in topics, sector


@pytest.mark.parametrize("slug", commodity_slugs())
def test_broader_code_contains_narrower_code(slug: str) -> None:
    for wide in goods().objects(GOOD[slug], SKOS.broader):
        assert isinstance(wide, URIRef) and (wide, RDF.type, DIDAR.Commodity) in goods(), wide
        wide_slug = notation(goods(), wide)
        assert hs_contains(hs_code(wide_slug), hs_code(slug)), f"{slug} {hs_code(slug)} in {wide_slug}"


def test_no_surface_form_names_two_goods() -> None:
    seen: dict[str, str] = {}
    for slug in commodity_slugs():
        for form in fa_forms(goods(), GOOD[slug]):
            assert form not in seen, f"{form!r}: {seen.get(form)} and {slug}"
            seen[form] = slug


@pytest.mark.parametrize(
    ("slug", "code"),
    [
        ("tea", "0902"),
        ("rice", "1006"),
        ("groundnuts", "1202"),
        ("cereals", "10"),
        ("oil_seeds", "12"),
        ("vegetables", "07"),
        ("base_metals", "XV"),
        ("wheat", "1001"),
        ("barley", "1003"),
        ("maize", "1005"),
        ("soybeans", "1201"),
        ("fruit", "08"),
        ("citrus", "0805"),
        ("kiwifruit", "081050"),
        ("nuts", "0802"),
        ("pistachios", "080251"),
        ("pistachio_kernels", "080252"),
        ("saffron", "091020"),
        ("dairy", "04"),
        ("live_plants", "06"),
        ("fish", "03"),
        ("meat", "02"),
        ("livestock", "01"),
        ("food_preparations", "IV"),
        ("sugar", "1701"),
        ("cocoa", "18"),
        ("animal_feed", "2309"),
        ("cement", "2523"),
        ("ores", "26"),
        ("coal", "2701"),
        ("crude_oil", "2709"),
        ("petroleum_products", "2710"),
        ("natural_gas", "2711"),
        ("electricity", "2716"),
        ("organic_chemicals", "29"),
        ("pharmaceuticals", "30"),
        ("vaccines", "3002"),
        ("fertilisers", "31"),
        ("plastics", "39"),
        ("leather", "41"),
        ("paper", "48"),
        ("textiles", "XI"),
        ("cotton", "52"),
        ("carpets", "57"),
        ("handmade_carpets", "5701"),
        ("construction_materials", "XIII"),
        ("ceramic_tiles", "6907"),
        ("glass", "70"),
        ("iron_steel", "72"),
        ("copper", "74"),
        ("aluminium", "76"),
        ("industrial_machinery", "84"),
        ("irrigation_equipment", "8424"),
        ("agricultural_machinery", "8432"),
        ("motor_vehicles", "87"),
        ("auto_parts", "8708"),
        ("medical_equipment", "9018"),
        ("handicrafts", "XX"),
    ],
)
def test_hs_code_of(slug: str, code: str) -> None:
    assert hs_code(slug) == code


@pytest.mark.parametrize(
    ("form", "slug"),
    [
        ("چای", "tea"),
        ("برنج", "rice"),
        ("بادام‌زمینی", "groundnuts"),
        ("بادام زمینی", "groundnuts"),
        ("غلات", "cereals"),
        ("غله", "cereals"),
        ("دانه‌های روغنی", "oil_seeds"),
        ("دانه روغنی", "oil_seeds"),
        ("فلزات", "base_metals"),
        ("سبزیجات", "vegetables"),
        ("صنایع غذایی", "food_preparations"),
        ("مواد غذایی", "food_preparations"),
        ("سایر محصولات غذایی", "food_preparations"),
        ("پسته", "pistachios"),
        ("زعفران", "saffron"),
        ("فولاد", "iron_steel"),
        ("آهن", "iron_steel"),
        ("دارو", "pharmaceuticals"),
        ("تجهیزات پزشکی", "medical_equipment"),
        ("فرش دستباف", "handmade_carpets"),
        ("مصالح ساختمانی", "construction_materials"),
        ("قطعات خودرو", "auto_parts"),
        ("لوازم خانگی", "home_appliances"),
        ("ماشین‌آلات صنعتی", "industrial_machinery"),
        ("ماشین‌آلات کشاورزی", "agricultural_machinery"),
        ("صنایع دستی", "handicrafts"),
        ("دام زنده", "livestock"),
    ],
)
def test_persian_form_names_the_good(form: str, slug: str) -> None:
    assert form in fa_forms(goods(), GOOD[slug])


@pytest.mark.parametrize(
    ("narrow", "wide"),
    [
        ("rice", "cereals"),
        ("wheat", "cereals"),
        ("barley", "cereals"),
        ("maize", "cereals"),
        ("groundnuts", "oil_seeds"),
        ("soybeans", "oil_seeds"),
        ("citrus", "fruit"),
        ("kiwifruit", "fruit"),
        ("iron_steel", "base_metals"),
        ("copper", "base_metals"),
        ("aluminium", "base_metals"),
        ("handmade_carpets", "carpets"),
    ],
)
def test_broader(narrow: str, wide: str) -> None:
    assert (GOOD[narrow], SKOS.broader, GOOD[wide]) in goods()


# --- CAMEO -------------------------------------------------------------------------------


def cameo_codes() -> list[str]:
    return sorted(in_scheme(events(), CAMEO))


@pytest.mark.parametrize("code", REQUIRED_CAMEO)
def test_cameo_code_exists(code: str) -> None:
    assert code in in_scheme(events(), CAMEO)


@pytest.mark.parametrize("code", cameo_codes())
def test_cameo_concept(code: str) -> None:
    g, node = events(), in_scheme(events(), CAMEO)[code]
    assert re.fullmatch(r"0[0-9]{1,3}", code), code
    assert node == CAMEO[f"c{code}"]
    (value,) = g.objects(node, SKOS.notation)
    assert isinstance(value, Literal) and value.datatype in (None, XSD.string), "codes are strings"
    assert (node, RDF.type, DIDAR.CameoCode) in g and (node, RDF.type, SKOS.Concept) in g


@pytest.mark.parametrize("code", cameo_codes())
def test_cameo_broader_is_the_prefix(code: str) -> None:
    g, node = events(), CAMEO[f"c{code}"]
    broader = list(g.objects(node, SKOS.broader))
    if len(code) == 2:
        assert broader == []
        assert (node, SKOS.topConceptOf, URIRef(str(CAMEO))) in g
    else:
        assert len(broader) == 1, code
        assert notation(g, broader[0]) == code[:-1]


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("041", "Discuss by telephone"),
        ("042", "Make a visit"),
        ("043", "Host a visit"),
        ("044", 'Meet at a "third" location'),
        ("045", "Mediate"),
        ("046", "Engage in negotiation"),
        ("0311", "Express intent to cooperate economically"),
        ("036", "Express intent to meet or negotiate"),
        ("061", "Cooperate economically"),
    ],
)
def test_cameo_label(code: str, label: str) -> None:
    assert labels(events(), CAMEO[f"c{code}"], SKOS.prefLabel, "en") == [label]


def test_cameo_matches_point_into_the_file() -> None:
    g = events()
    for _, target in g.subject_objects(SKOS.closeMatch):
        assert (target, RDF.type, SKOS.Concept) in g, target


# --- PLOVER ------------------------------------------------------------------------------


def test_plover_has_the_sixteen_types() -> None:
    assert sorted(in_scheme(events(), PLOVER)) == sorted(PLOVER_TYPES)


@pytest.mark.parametrize("name", PLOVER_TYPES)
def test_plover_type(name: str) -> None:
    g, node = events(), PLOVER[name]
    assert (node, RDF.type, DIDAR.PloverEventType) in g and (node, RDF.type, SKOS.Concept) in g
    assert (node, SKOS.inScheme, URIRef(str(PLOVER))) in g
    assert notation(g, node) == name


@pytest.mark.parametrize(
    ("mode", "event"),
    [
        ("visit", "CONSULT"),
        ("host", "CONSULT"),
        ("third-party", "CONSULT"),
        ("phone", "CONSULT"),
        ("multilateral", "CONSULT"),
        ("promise", "AGREE"),
    ],
)
def test_plover_mode(mode: str, event: str) -> None:
    g, node = events(), PLOVER_MODE[mode]
    assert (node, RDF.type, DIDAR.PloverMode) in g and (node, RDF.type, SKOS.Concept) in g
    assert (node, SKOS.inScheme, URIRef(str(PLOVER_MODE))) in g
    assert notation(g, node) == mode
    assert list(g.objects(node, DIDAR.modeOf)) == [PLOVER[event]]


def test_every_mode_belongs_to_one_event_type() -> None:
    g = events()
    for mode, node in in_scheme(g, PLOVER_MODE).items():
        (event,) = g.objects(node, DIDAR.modeOf)
        assert (event, RDF.type, DIDAR.PloverEventType) in g, mode
