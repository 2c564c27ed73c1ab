"""Lexicons loaded from `ontology/`: roles, topics, states, places and word classes.

Everything the recogniser knows about the language is data in `ontology/`; this module
only reads it into plain lookup tables (folded phrases -> codes).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef

from .kept import kept
from .normalize import fold
from .resources import ontology_dir
from .vocab import DIDAR, RDF, SKOS


@dataclass(frozen=True)
class Role:
    code: str
    iri: str
    scope: str  # diplomatic | subnational | national
    jurisdiction_kind: str | None
    label_en: str
    label_fa: str


@dataclass(frozen=True)
class State:
    alpha2: str
    iri: str
    label_fa: str
    label_en: str


@dataclass(frozen=True)
class Place:
    """A province (key: ISO 3166-2 code) or a city (key: GeoNames id)."""

    key: str
    iri: str
    kind: str  # PROVINCE | CITY | FACILITY
    country: str  # alpha-2 (the first, for a facility on a border)
    province: str | None
    label_fa: str
    label_en: str
    population: int = 0
    geonames: str | None = None
    category: str = ""  # for facilities: Port, FreeZone, BorderCrossing, Corridor, Region


@dataclass(frozen=True)
class Good:
    """A traded good with its Harmonized System code and sectors."""

    slug: str
    iri: str
    hs_code: str
    sectors: tuple[str, ...]
    label_fa: str
    label_en: str


@dataclass(frozen=True)
class Concept:
    """A SKOS concept of a small scheme (modality, benefit, event codes)."""

    code: str
    iri: str
    label_fa: str
    label_en: str
    strength: str = ""


@dataclass
class Lexicon:
    """All lookup tables, keyed by codes; `phrases` lists (kind, code, surface form)."""

    roles: dict[str, Role] = field(default_factory=dict)
    topics: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # code -> iri, fa, en
    states: dict[str, State] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    goods: dict[str, Good] = field(default_factory=dict)
    modalities: dict[str, Concept] = field(default_factory=dict)
    benefits: dict[str, Concept] = field(default_factory=dict)
    event_codes: dict[str, Concept] = field(default_factory=dict)  # "cameo:042", "plover:CONSULT", "mode:visit"
    phrases: list[tuple[str, str, str]] = field(default_factory=list)
    words: dict[str, Any] = field(default_factory=dict)

    def word_set(self, name: str) -> frozenset[str]:
        """A word class from words.json, folded."""
        return frozenset(fold(w) for w in self.words[name])

    def word_map(self, name: str) -> dict[str, int]:
        return {fold(k): int(v) for k, v in self.words[name].items()}


def _labels(g: Graph, node: URIRef, prop: URIRef, lang: str) -> list[str]:
    return sorted(str(o) for o in g.objects(node, prop) if isinstance(o, Literal) and o.language == lang)


def _first(values: list[str], default: str = "") -> str:
    return values[0] if values else default


def _surface_forms(g: Graph, node: URIRef, *props: URIRef) -> Iterator[str]:
    for prop in props:
        yield from _labels(g, node, prop, "fa")


def _load_graph(path: Path) -> Graph:
    g = Graph()
    g.parse(path, format="turtle")
    return g


def _notation(g: Graph, node: URIRef) -> str:
    return str(g.value(node, SKOS.notation) or "")


def _read_roles(lex: Lexicon, g: Graph) -> None:
    for node in g.subjects(RDF.type, DIDAR.Role):
        assert isinstance(node, URIRef)
        code = _notation(g, node)
        kind = g.value(node, DIDAR.jurisdictionKind)
        lex.roles[code] = Role(
            code,
            str(node),
            str(g.value(node, DIDAR.scope) or "national"),
            str(kind) if kind else None,
            _first(_labels(g, node, SKOS.prefLabel, "en")),
            _first(_labels(g, node, SKOS.prefLabel, "fa")),
        )
        lex.phrases += [("ROLE", code, f) for f in _surface_forms(g, node, SKOS.altLabel, SKOS.hiddenLabel)]


def _read_topics(lex: Lexicon, g: Graph) -> None:
    for node in g.subjects(RDF.type, DIDAR.Topic):
        assert isinstance(node, URIRef)
        code = _notation(g, node)
        fa = _labels(g, node, SKOS.prefLabel, "fa")
        lex.topics[code] = (str(node), _first(fa), _first(_labels(g, node, SKOS.prefLabel, "en")))
        lex.phrases += [("TOPIC", code, f) for f in _surface_forms(g, node, SKOS.altLabel, SKOS.hiddenLabel)]
        lex.phrases += [("SECTOR", code, f) for f in _surface_forms(g, node, DIDAR.cue)]


def _read_states(lex: Lexicon, g: Graph) -> None:
    for node in g.subjects(RDF.type, DIDAR.State):
        assert isinstance(node, URIRef)
        code = _notation(g, node)
        fa = _labels(g, node, SKOS.prefLabel, "fa")
        lex.states[code] = State(
            code, str(node), _first(fa, code), _first(_labels(g, node, SKOS.prefLabel, "en"), code)
        )
        names = set(_surface_forms(g, node, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel))
        lex.phrases += [("STATE", code, f) for f in sorted(names)]
        lex.phrases += [("DEMONYM", code, f) for f in _surface_forms(g, node, DIDAR.demonym)]


def _read_places(lex: Lexicon, g: Graph) -> None:
    alpha2_of = {s.iri: s.alpha2 for s in lex.states.values()}
    for kind, cls in (("PROVINCE", DIDAR.Province), ("CITY", DIDAR.City)):
        for node in g.subjects(RDF.type, cls):
            assert isinstance(node, URIRef)
            key = _notation(g, node) if kind == "PROVINCE" else str(node).rstrip("/").rsplit("/", 1)[-1]
            province = g.value(node, DIDAR.province)
            population = g.value(node, DIDAR.population)
            match = g.value(node, SKOS.exactMatch)
            fa = _labels(g, node, SKOS.prefLabel, "fa")
            lex.places[key] = Place(
                key,
                str(node),
                kind,
                alpha2_of.get(str(g.value(node, DIDAR.country)), ""),
                _notation(g, province) if isinstance(province, URIRef) else None,
                _first(fa),
                _first(_labels(g, node, SKOS.prefLabel, "en")),
                int(str(population)) if population is not None else 0,
                str(match) if match else None,
            )
            names = set(_surface_forms(g, node, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel))
            lex.phrases += [(kind, key, f) for f in sorted(names)]


def _read_facilities(lex: Lexicon, g: Graph) -> None:
    alpha2_of = {s.iri: s.alpha2 for s in lex.states.values()}
    for node in sorted(n for n in g.subjects(RDF.type, DIDAR.Facility) if isinstance(n, URIRef)):
        key = str(node).rsplit("/", 1)[-1]
        kinds = [str(c).rsplit("#", 1)[-1] for c in g.objects(node, RDF.type) if str(c).startswith(str(DIDAR))]
        countries = sorted(alpha2_of.get(str(c), "") for c in g.objects(node, DIDAR.country))
        province = g.value(node, DIDAR.province)
        lex.places[key] = Place(
            key,
            str(node),
            "FACILITY",
            countries[0] if countries else "",
            str(province).rsplit("/", 1)[-1] if province else None,
            _first(_labels(g, node, SKOS.prefLabel, "fa")),
            _first(_labels(g, node, SKOS.prefLabel, "en")),
            category=next((k for k in sorted(kinds) if k != "Facility"), "Facility"),
        )
        names = set(_surface_forms(g, node, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel))
        lex.phrases += [("FACILITY", key, f) for f in sorted(names)]


def _read_goods(lex: Lexicon, g: Graph) -> None:
    for node in g.subjects(RDF.type, DIDAR.Commodity):
        assert isinstance(node, URIRef)
        slug = _notation(g, node)
        sectors = tuple(sorted(str(t).rsplit("/", 1)[-1] for t in g.objects(node, DIDAR.sector)))
        lex.goods[slug] = Good(
            slug,
            str(node),
            str(g.value(node, DIDAR.hsCode) or ""),
            sectors,
            _first(_labels(g, node, SKOS.prefLabel, "fa")),
            _first(_labels(g, node, SKOS.prefLabel, "en")),
        )
        lex.phrases += [("GOOD", slug, f) for f in _surface_forms(g, node, SKOS.prefLabel, SKOS.altLabel)]


def _concepts(g: Graph, cls: URIRef, prop: URIRef = RDF.type) -> list[tuple[URIRef, Concept]]:
    """Concepts typed `cls` (or, with prop=skos:inScheme, in the scheme `cls`)."""
    out = []
    for node in g.subjects(prop, cls):
        assert isinstance(node, URIRef)
        concept = Concept(
            _notation(g, node),
            str(node),
            _first(_labels(g, node, SKOS.prefLabel, "fa")),
            _first(_labels(g, node, SKOS.prefLabel, "en")),
            str(g.value(node, DIDAR.strength) or ""),
        )
        out.append((node, concept))
    return sorted(out)


def _read_proposal_vocab(lex: Lexicon, g: Graph) -> None:
    for kind, cls, table in (("MODALITY", DIDAR.Modality, lex.modalities), ("BENEFIT", DIDAR.Benefit, lex.benefits)):
        for node, concept in _concepts(g, cls):
            table[concept.code] = concept
            lex.phrases += [(kind, concept.code, f) for f in _surface_forms(g, node, DIDAR.cue)]


def _read_event_codes(lex: Lexicon, g: Graph) -> None:
    schemes = {
        "cameo": URIRef("https://w3id.org/didar/vocab/cameo/"),
        "plover": URIRef("https://w3id.org/didar/vocab/plover/"),
        "mode": URIRef("https://w3id.org/didar/vocab/plover-mode/"),
    }
    for prefix, scheme in schemes.items():
        for _, concept in _concepts(g, scheme, SKOS.inScheme):
            lex.event_codes[f"{prefix}:{concept.code}"] = concept


LEXICON_FILES = (
    "roles.ttl", "topics.ttl", "states.ttl", "places.ttl", "facilities.ttl", "commodities.ttl", "proposals.ttl",
    "event-codes.ttl", "patterns/words.json",
)  # fmt: skip


@cache
def load_lexicon(folder: Path | None = None) -> Lexicon:
    """Every lexicon of `ontology/`: read once per process, and kept between runs (kept.py)."""
    base = folder or ontology_dir()
    code = [Path(__file__), Path(__file__).with_name("vocab.py")]  # what reads the files, and its terms
    inputs = [*code, *(base / name for name in LEXICON_FILES)]
    return kept("lexicon", inputs, lambda: read_lexicon(base))


def read_lexicon(base: Path) -> Lexicon:
    """Read the lexicons of the folder `base`."""
    lex = Lexicon()
    _read_roles(lex, _load_graph(base / "roles.ttl"))
    _read_topics(lex, _load_graph(base / "topics.ttl"))
    _read_states(lex, _load_graph(base / "states.ttl"))
    _read_places(lex, _load_graph(base / "places.ttl"))
    _read_facilities(lex, _load_graph(base / "facilities.ttl"))
    _read_goods(lex, _load_graph(base / "commodities.ttl"))
    _read_proposal_vocab(lex, _load_graph(base / "proposals.ttl"))
    _read_event_codes(lex, _load_graph(base / "event-codes.ttl"))
    lex.words = json.loads((base / "patterns" / "words.json").read_text(encoding="utf-8"))
    return lex
