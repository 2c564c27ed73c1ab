"""Shared fixtures: paths to the sample input and the annotated corpus, small articles."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from extract.article import Article, article_from_text
from extract.graph import extraction_graph
from extract.model import Extraction
from extract.pipeline import extract_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = next(SEEDS.glob("*.txt"))
CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"


def article(body: str, published: str | None = "2025-06-10", doc_id: str = "t") -> Article:
    """An article from a body text, with the crawl's date line when a date is given."""
    text = f" date {published}\n{body}" if published else body
    return article_from_text(doc_id, text)


def extract(body: str, published: str | None = "2025-06-10") -> Extraction:
    return extract_article(article(body, published))


@pytest.fixture(scope="session")
def seed_extraction() -> Extraction:
    from extract.article import read_article

    return extract_article(read_article(SEED))


@pytest.fixture(scope="session")
def seed_graph_ttl(seed_extraction: Extraction) -> str:
    return extraction_graph(seed_extraction).serialize(format="turtle")


def needs_corpus() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not CORPUS.is_dir(), reason="the annotated corpus (../shared/corpus) is not here")


def from_oxigraph(path: Path, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> Graph:
    """A file read by Oxigraph's parser (a second tool), as an rdflib graph (quads merged)."""

    def term(t: object) -> URIRef | Literal | BNode:
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        assert isinstance(t, ox.Literal)
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(t.value)  # RDF 1.1: a plain literal is an xsd:string
        return Literal(t.value, datatype=URIRef(t.datatype.value))

    g = Graph()
    for triple in ox.parse(path=str(path), format=fmt):
        g.add((term(triple.subject), term(triple.predicate), term(triple.object)))  # type: ignore[arg-type]
    return g


# When a build ran: extraction activities' times and the dataset description's. Two builds
# of the same articles differ in these values only.
WHEN = frozenset(
    f"{ns}{name}"
    for ns, name in [
        ("http://www.w3.org/ns/prov#", "startedAtTime"),
        ("http://www.w3.org/ns/prov#", "endedAtTime"),
        ("http://purl.org/dc/terms/", "created"),
        ("http://purl.org/dc/terms/", "modified"),
    ]
)


def timeless(quads: object) -> set[str]:
    """Oxigraph quads (a store) as strings, the values of WHEN left out."""
    found = set()
    for q in quads:  # type: ignore[attr-defined]
        o = "?" if q.predicate.value in WHEN else str(q.object)
        found.add(f"{q.subject} {q.predicate} {o} {q.graph_name}")
    return found


def timeless_graph(graph: Graph) -> Graph:
    """An rdflib graph without the triples of WHEN."""
    kept = Graph()
    for s, p, o in graph:
        if str(p) not in WHEN:
            kept.add((s, p, o))
    return kept
