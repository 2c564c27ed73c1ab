"""Tests for the facility lexicon ontology/facilities.ttl (ports, zones, crossings, corridors, regions)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SKOS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology"
DIDAR = Namespace("https://w3id.org/didar/ontology#")
FACILITY = Namespace("https://w3id.org/didar/id/facility/")
SUBDIVISION = Namespace("https://w3id.org/didar/id/subdivision/")
EUCOUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
KINDS = {DIDAR.Port, DIDAR.FreeZone, DIDAR.BorderCrossing, DIDAR.Corridor, DIDAR.Region}
IRAN_PROVINCES = {SUBDIVISION[f"IR-{n:02d}"] for n in range(31)}
ARABIC_YEH_KAF = ("\u064a", "\u0643")
ZWNJ = "\u200c"

GRAPH = Graph().parse(ONTOLOGY / "facilities.ttl", format="turtle")
FACILITIES = sorted(s for s in GRAPH.subjects(RDF.type, DIDAR.Facility) if isinstance(s, URIRef))
IDS = [str(f).rsplit("/", 1)[-1] for f in FACILITIES]


@pytest.fixture(scope="module")
def places() -> Graph:
    """The committed ontology/places.ttl."""
    return Graph().parse(ONTOLOGY / "places.ttl", format="turtle")


@pytest.fixture(scope="module")
def states() -> Graph:
    """The committed ontology/states.ttl."""
    return Graph().parse(ONTOLOGY / "states.ttl", format="turtle")


def labels(node: URIRef, prop: URIRef, lang: str) -> list[str]:
    return [str(o) for o in GRAPH.objects(node, prop) if isinstance(o, Literal) and o.language == lang]


def fa_labels(node: URIRef) -> list[str]:
    return labels(node, SKOS.prefLabel, "fa") + labels(node, SKOS.altLabel, "fa")


def kind_of(node: URIRef) -> URIRef:
    kinds = set(GRAPH.objects(node, RDF.type)) & KINDS
    assert len(kinds) == 1, f"{node}: kinds {kinds}"
    return next(iter(kinds))


def countries(node: URIRef) -> set[URIRef]:
    return {o for o in GRAPH.objects(node, DIDAR.country) if isinstance(o, URIRef)}


def sequence(node: URIRef) -> list[URIRef]:
    head = GRAPH.value(node, DIDAR.stateSequence)
    assert head is not None, f"{node} has no didar:stateSequence"
    return [URIRef(str(x)) for x in Collection(GRAPH, head)]


def key(label: str) -> str:
    """Matching key: NFKC, no ZWNJ, single spaces (as the extractor folds names)."""
    return " ".join(unicodedata.normalize("NFKC", label).replace(ZWNJ, "").split())


def by_label(label: str) -> URIRef:
    hits = [f for f in FACILITIES if label in fa_labels(f)]
    assert len(hits) == 1, f"{label}: {hits}"
    return hits[0]


def test_file_parses_and_has_facilities() -> None:
    assert len(FACILITIES) >= 60
    assert {kind_of(f) for f in FACILITIES} == KINDS


@pytest.mark.parametrize("node", FACILITIES, ids=IDS)
def test_facility_is_well_formed(node: URIRef, states: Graph) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(node).removeprefix(str(FACILITY)))
    assert (node, RDF.type, SKOS.Concept) in GRAPH
    kind = kind_of(node)
    assert len(labels(node, SKOS.prefLabel, "fa")) == 1
    assert len(labels(node, SKOS.prefLabel, "en")) == 1
    found = countries(node)
    if kind == DIDAR.Region:
        assert not found, "a region lies in no single state"
    else:
        assert found, "no didar:country"
    for state in found:
        assert re.fullmatch(re.escape(str(EUCOUNTRY)) + "[A-Z]{3}", str(state)), state
        assert (state, RDF.type, DIDAR.State) in states, f"{state} not in states.ttl"
    if kind == DIDAR.Corridor:
        seq = sequence(node)
        assert len(seq) >= 1
        assert set(seq) == found, "stateSequence and didar:country disagree"
    else:
        assert GRAPH.value(node, DIDAR.stateSequence) is None


@pytest.mark.parametrize("node", FACILITIES, ids=IDS)
def test_cities_exist_in_places(node: URIRef, places: Graph) -> None:
    for city in GRAPH.objects(node, DIDAR.city):
        assert (city, RDF.type, DIDAR.City) in places, f"{city} not in places.ttl"
        assert places.value(city, DIDAR.country) in countries(node), f"{city} lies in another state"


@pytest.mark.parametrize("node", FACILITIES, ids=IDS)
def test_provinces_are_iranian(node: URIRef) -> None:
    provinces = set(GRAPH.objects(node, DIDAR.province))
    assert provinces <= IRAN_PROVINCES, provinces - IRAN_PROVINCES
    if provinces:
        assert EUCOUNTRY.IRN in countries(node)


@pytest.mark.parametrize("node", FACILITIES, ids=IDS)
def test_persian_labels_are_clean(node: URIRef) -> None:
    forms = fa_labels(node)
    for label in forms:
        assert not any(c in label for c in ARABIC_YEH_KAF), f"Arabic yeh/kaf in {label!r}"
        assert label == label.strip() and "  " not in label, repr(label)
        if ZWNJ in label:
            assert label.replace(ZWNJ, " ") in forms or label.replace(f"{ZWNJ}و{ZWNJ}", " و ") in forms, (
                f"{label!r} has no spaced form"
            )


def test_no_two_facilities_share_a_persian_label() -> None:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for node in FACILITIES:
        for label in fa_labels(node):
            owners[key(label)].add(node)
    shared = {label: sorted(nodes) for label, nodes in owners.items() if len(nodes) > 1}
    assert not shared


SPOT_CHECKS = [
    # (Persian label, facility slug, kind, a state it lies in, its Iranian province)
    ("بندر انزلی", "anzali-port", DIDAR.Port, "IRN", "IR-01"),
    ("انزلی", "anzali-port", DIDAR.Port, "IRN", "IR-01"),
    ("آکتائو", "aktau-port", DIDAR.Port, "KAZ", None),
    ("آکتاو", "aktau-port", DIDAR.Port, "KAZ", None),
    ("ترکمنباشی", "turkmenbashi-port", DIDAR.Port, "TKM", None),
    ("هشترخان", "astrakhan-port", DIDAR.Port, "RUS", None),
    ("بندر شهید رجایی", "shahid-rajaee-port", DIDAR.Port, "IRN", "IR-22"),
    ("چابهار", "chabahar-port", DIDAR.Port, "IRN", "IR-11"),
    ("منطقه آزاد انزلی", "anzali-free-zone", DIDAR.FreeZone, "IRN", "IR-01"),
    ("منطقه آزاد چابهار", "chabahar-free-zone", DIDAR.FreeZone, "IRN", "IR-11"),
    ("منطقه آزاد ارس", "aras-free-zone", DIDAR.FreeZone, "IRN", "IR-03"),
    ("مرز بازرگان", "bazargan-border", DIDAR.BorderCrossing, "IRN", "IR-04"),
    ("کاپیکوی", "razi-border", DIDAR.BorderCrossing, "TUR", "IR-04"),
    ("مرز خسروی", "khosravi-border", DIDAR.BorderCrossing, "IRQ", "IR-05"),
    ("میرجاوه", "mirjaveh-border", DIDAR.BorderCrossing, "PAK", "IR-11"),
    ("دوغارون", "dogharoun-border", DIDAR.BorderCrossing, "AFG", "IR-09"),
    ("کریدور شمال-جنوب", "north-south-corridor", DIDAR.Corridor, "RUS", None),
    ("کریدور لاجورد", "lapis-lazuli-corridor", DIDAR.Corridor, "AFG", None),
    ("خط آهن رشت-آستارا", "rasht-astara-railway", DIDAR.Corridor, "IRN", "IR-01"),
    ("آسیای میانه", "central-asia", DIDAR.Region, None, None),
    ("قفقاز", "caucasus", DIDAR.Region, None, None),
    ("خلیج فارس", "persian-gulf", DIDAR.Region, None, None),
]


@pytest.mark.parametrize(
    ("label", "slug", "kind", "state", "province"), SPOT_CHECKS, ids=[f"{c[1]}-{i}" for i, c in enumerate(SPOT_CHECKS)]
)
def test_spot_checks(label: str, slug: str, kind: URIRef, state: str | None, province: str | None) -> None:
    node = by_label(label)
    assert node == FACILITY[slug]
    assert kind_of(node) == kind
    if state:
        assert EUCOUNTRY[state] in countries(node)
    if province:
        assert (node, DIDAR.province, SUBDIVISION[province]) in GRAPH


def test_kazakhstan_turkmenistan_iran_corridor_sequence() -> None:
    node = by_label("کریدور ریلی قزاقستان-ترکمنستان-ایران")
    assert sequence(node) == [EUCOUNTRY.KAZ, EUCOUNTRY.TKM, EUCOUNTRY.IRN]


def test_border_crossings_join_two_states() -> None:
    for node in FACILITIES:
        if kind_of(node) == DIDAR.BorderCrossing:
            assert len(countries(node)) == 2, node
