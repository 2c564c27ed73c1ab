"""The dataset describing itself: a DCAT/VoID description of the store, in its own graph.

The description (`DATASET`, in the named graph of the same IRI, `store.DESCRIPTION_GRAPH`)
says what the data is, under which licence, what it was derived from (GeoNames, CLDR),
which software wrote it, when, and how much it holds (triples, articles, meetings, people,
proposals). `update` rewrites it after every build and removal that changed the store;
the store's counts come from Oxigraph's indexes (about 1 s at 4 million quads)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, PROV, RDF, RDFS, VOID, XSD

from .graph import Triple, agent_iri, xsd_datetime
from .ntriples import ntriples_of
from .resources import software_version
from .store import DESCRIPTION_GRAPH, article_graphs, article_quads, description_quads, replace_ntriples
from .vocab import DIDAR, ID, OA, SCHEMA, SKOS

DATASET = URIRef(DESCRIPTION_GRAPH)

CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")
UNICODE_LICENSE = URIRef("https://www.unicode.org/license.txt")
GEONAMES = URIRef("https://www.geonames.org/")
CLDR = URIRef("https://cldr.unicode.org/")

TITLE_EN = "Didar: diplomatic meetings reported in Persian news"
TITLE_FA = "دیدار: دیدارهای دیپلماتیک در اخبار فارسی"
DESCRIPTION_EN = (
    "Who met whom, in which office, for which state or province, when, where and about what, "
    "extracted from news articles; every fact points to the span of text it came from. "
    "One named graph per article; this description is in its own graph."
)
VOCABULARIES = [URIRef(str(ns)) for ns in (DIDAR, SCHEMA, ORG, PROV, OA, SKOS, FOAF)]

# What the description counts: the class partitions, by the slug of their IRIs.
CLASSES = {
    "articles": DIDAR.Article,
    "meetings": DIDAR.DiplomaticMeeting,
    "people": FOAF.Person,
    "proposals": DIDAR.Proposal,
}


@dataclass(frozen=True)
class Counts:
    """How much the article graphs hold."""

    triples: int  # triples counted once per article graph (the quads of TriG and N-Quads)
    entities: dict[str, int]  # distinct nodes of each class in CLASSES


def count(store: ox.Store) -> Counts:
    """The counts, read from the store's indexes (no full scan but Oxigraph's quad count)."""
    entities = {"articles": len(article_graphs(store))}  # an article is a graph
    for name, cls in CLASSES.items():
        if name == "articles":
            continue
        query = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a <{cls}> }} }}"
        result = store.query(query)
        assert isinstance(result, ox.QuerySolutions)
        term = next(iter(result))["n"]
        entities[name] = int(term.value) if isinstance(term, ox.Literal) else 0
    return Counts(article_quads(store), entities)


def description(counts: Counts, created: datetime, modified: datetime) -> list[Triple]:
    """The triples of the dataset description."""
    version = software_version()
    agent = agent_iri(version)  # the agent of the article graphs' activities
    d = DATASET
    triples: list[Triple] = [
        (d, RDF.type, DCAT.Dataset),
        (d, RDF.type, VOID.Dataset),
        (d, DCTERMS.title, Literal(TITLE_EN, lang="en")),
        (d, DCTERMS.title, Literal(TITLE_FA, lang="fa")),
        (d, DCTERMS.description, Literal(DESCRIPTION_EN, lang="en")),
        (d, DCTERMS.license, CC_BY_4),
        (d, DCTERMS.language, URIRef("http://id.loc.gov/vocabulary/iso639-1/fa")),
        (d, DCTERMS.created, xsd_datetime(created)),
        (d, DCTERMS.modified, xsd_datetime(modified)),
        (d, PROV.wasAttributedTo, agent),
        (agent, RDF.type, DIDAR.Extractor),
        (agent, DIDAR.softwareVersion, Literal(version)),
        (agent, RDFS.label, Literal(f"Didar {version}")),
        (d, VOID.triples, Literal(counts.triples, datatype=XSD.integer)),
        (d, VOID.uriSpace, Literal(str(ID))),
        *((d, VOID.vocabulary, v) for v in VOCABULARIES),
    ]
    for source, label, licence in (
        (GEONAMES, "GeoNames geographical database (places, Persian names), CC BY 4.0", CC_BY_4),
        (CLDR, "Unicode CLDR (names of states in Persian and English), Unicode License", UNICODE_LICENSE),
    ):
        triples += [
            (d, DCTERMS.source, source),
            (d, PROV.wasDerivedFrom, source),
            (source, RDFS.label, Literal(label, lang="en")),
            (source, DCTERMS.license, licence),
        ]
    for name, cls in CLASSES.items():
        partition = URIRef(f"{DATASET}/{name}")
        triples += [
            (d, VOID.classPartition, partition),
            (partition, VOID["class"], cls),
            (partition, VOID.entities, Literal(counts.entities[name], datatype=XSD.integer)),
        ]
    return triples


def update(store: ox.Store, *, changed: bool, moment: datetime | None = None) -> bool:
    """Write the description after a build or a removal; True when it was (re)written.

    `changed`: whether the articles in the store changed. When they did not, and the stored
    description was written by this software version, it is left as it is (a rebuild of the
    same articles changes nothing, dct:modified included). dct:created is kept from the
    earlier description."""
    old = description_quads(store)
    if old and not changed and _value(old, DIDAR.softwareVersion) == software_version():
        return False
    moment = moment or datetime.now(UTC)
    created = _value(old, DCTERMS.created)
    when = datetime.fromisoformat(created.replace("Z", "+00:00")) if created else moment
    replace_ntriples(store, DESCRIPTION_GRAPH, ntriples_of(description(count(store), when, moment)))
    return True


def _value(quads: list[ox.Quad], predicate: URIRef) -> str | None:
    """The value of a property in the stored description."""
    found = (q.object for q in quads if q.predicate.value == str(predicate))
    return next((o.value for o in found if isinstance(o, ox.Literal)), None)
