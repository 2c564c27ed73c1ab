"""Tests for the generated state and place lexicons (scripts/build_lexicons.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology"
DIDAR = Namespace("https://w3id.org/didar/ontology#")
ID = Namespace("https://w3id.org/didar/id/")
EUCOUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
ARABIC_YEH_KAF = ("\u064a", "\u0643")


def load_builder() -> ModuleType:
    """Import scripts/build_lexicons.py as a module."""
    name = "build_lexicons"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "build_lexicons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh build of the lexicons in a temporary directory."""
    out = tmp_path_factory.mktemp("lexicons")
    load_builder().build(out)
    return out


@pytest.fixture(scope="module")
def states() -> Graph:
    """The committed ontology/states.ttl."""
    return Graph().parse(ONTOLOGY / "states.ttl")


@pytest.fixture(scope="module")
def places() -> Graph:
    """The committed ontology/places.ttl."""
    return Graph().parse(ONTOLOGY / "places.ttl")


def fa_pref(g: Graph, node: URIRef) -> list[str]:
    """The Persian preferred labels of a node."""
    return [str(o) for o in g.objects(node, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "fa"]


def city_named(g: Graph, name: str, alpha3: str) -> URIRef:
    """The most populous city with this English name in the given state."""
    hits = [
        s
        for s in g.subjects(SKOS.prefLabel, Literal(name, lang="en"))
        if (s, RDF.type, DIDAR.City) in g and (s, DIDAR.country, EUCOUNTRY[alpha3]) in g
    ]
    assert hits, f"no city {name} in {alpha3}"
    return max(hits, key=lambda s: int(g.value(s, DIDAR.population)))


@pytest.mark.parametrize("filename", ["states.ttl", "places.ttl"])
def test_committed_files_are_up_to_date(regenerated: Path, filename: str) -> None:
    committed = Graph().parse(ONTOLOGY / filename)
    fresh = Graph().parse(regenerated / filename)
    assert len(committed) == len(fresh)
    assert isomorphic(committed, fresh), f"rerun scripts/build_lexicons.py ({filename})"


def test_rebuild_is_byte_identical(regenerated: Path, tmp_path: Path) -> None:
    load_builder().build(tmp_path)
    for filename in ("states.ttl", "places.ttl"):
        assert (tmp_path / filename).read_bytes() == (regenerated / filename).read_bytes()


def test_state_count(states: Graph) -> None:
    assert len(set(states.subjects(RDF.type, DIDAR.State))) >= 240


def test_kazakhstan(states: Graph) -> None:
    kz = EUCOUNTRY["KAZ"]
    assert fa_pref(states, kz) == ["قزاقستان"]
    assert states.value(kz, SKOS.notation) == Literal("KZ")
    assert states.value(kz, DIDAR.alpha3) == Literal("KAZ")


def test_every_state_has_one_label_per_language(states: Graph) -> None:
    for state in states.subjects(RDF.type, DIDAR.State):
        langs = sorted(o.language for o in states.objects(state, SKOS.prefLabel))
        assert langs == ["en", "fa"], state


@pytest.mark.parametrize(
    ("form", "alpha3"),
    [
        ("قزاق", "KAZ"),
        ("ترکمن", "TKM"),
        ("روس", "RUS"),
        ("ازبک", "UZB"),
        ("تاجیک", "TJK"),
        ("قرقیز", "KGZ"),
        ("افغان", "AFG"),
        ("عراقی", "IRQ"),
        ("ایرانی", "IRN"),
        ("ترکیه\u200cای", "TUR"),
    ],
)
def test_demonym_owner(states: Graph, form: str, alpha3: str) -> None:
    owners = set(states.subjects(DIDAR.demonym, Literal(form, lang="fa")))
    assert owners == {EUCOUNTRY[alpha3]}


@pytest.mark.parametrize(
    ("form", "alpha3"),
    [
        ("کشورمان", "IRN"),
        ("جمهوری اسلامی ایران", "IRN"),
        ("آمریکا", "USA"),
        ("امریکا", "USA"),
        ("انگلیس", "GBR"),
        ("فدراسیون روسیه", "RUS"),
        ("کره جنوبی", "KOR"),
        ("هندوستان", "IND"),
    ],
)
def test_name_owner(states: Graph, form: str, alpha3: str) -> None:
    label = Literal(form, lang="fa")
    owners = set(states.subjects(SKOS.altLabel, label)) | set(states.subjects(SKOS.prefLabel, label))
    assert owners == {EUCOUNTRY[alpha3]}


def test_iranian_provinces(places: Graph) -> None:
    provinces = [p for p in places.subjects(DIDAR.country, EUCOUNTRY["IRN"]) if (p, RDF.type, DIDAR.Province) in places]
    assert len(provinces) == 31
    gilan = ID["subdivision/IR-01"]
    assert fa_pref(places, gilan) == ["گیلان"]


@pytest.mark.parametrize("number", range(31))
def test_province_capital_lies_in_province(places: Graph, number: int) -> None:
    province = ID[f"subdivision/IR-{number:02d}"]
    capital = places.value(province, DIDAR.capital)
    assert capital is not None
    assert places.value(capital, DIDAR.province) == province
    assert places.value(capital, DIDAR.country) == EUCOUNTRY["IRN"]


def test_every_iranian_city_has_a_province(places: Graph) -> None:
    for city in places.subjects(DIDAR.country, EUCOUNTRY["IRN"]):
        if (city, RDF.type, DIDAR.City) in places:
            assert places.value(city, DIDAR.province) is not None, city


def test_tehran_is_capital_of_iran(places: Graph) -> None:
    tehran = city_named(places, "Tehran", "IRN")
    assert places.value(tehran, DIDAR.capitalOf) == EUCOUNTRY["IRN"]
    assert places.value(tehran, DIDAR.province) == ID["subdivision/IR-23"]
    assert "تهران" in fa_pref(places, tehran)


def test_van_is_in_van_province(places: Graph) -> None:
    van = city_named(places, "Van", "TUR")
    province = ID["subdivision/TR-65"]
    assert places.value(van, DIDAR.province) == province
    assert (province, RDF.type, DIDAR.Province) in places
    assert places.value(province, DIDAR.country) == EUCOUNTRY["TUR"]


def test_every_city_has_exactly_one_country(places: Graph, states: Graph) -> None:
    known = set(states.subjects(RDF.type, DIDAR.State))
    cities = set(places.subjects(RDF.type, DIDAR.City))
    assert len(cities) > 1000
    for city in cities:
        countries = list(places.objects(city, DIDAR.country))
        assert len(countries) == 1, city
        assert countries[0] in known, city


@pytest.mark.parametrize("which", ["states", "places"])
def test_no_arabic_yeh_or_kaf(request: pytest.FixtureRequest, which: str) -> None:
    g: Graph = request.getfixturevalue(which)
    for obj in g.objects():
        if isinstance(obj, Literal):
            assert not any(ch in obj for ch in ARABIC_YEH_KAF), obj
