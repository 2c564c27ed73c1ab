"""extract/ntriples.py: the N-Triples the build writes say what rdflib's triples say, and
no text can break out of its term."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from conftest import SEED
from extract.article import read_article
from extract.graph import extraction_triples
from extract.merged import rdflib_term
from extract.ntriples import NotRDF, lines_of, ntriples_of
from extract.pipeline import extract_article

S = URIRef("https://w3id.org/didar/id/article/x")
LITERALS = [
    Literal("ساده"),
    Literal('گفت: "همکاری" \\ پایان'),
    Literal("line\nbreak\r\tand tab"),
    Literal("\x00\x01\x1b[31m\x7f control"),
    Literal("نایب\u200cرئیس \u202eRTL\u202c"),
    Literal("> <https://evil> <https://evil> . #"),
    Literal("hello", lang="en"),
    Literal("سلام", lang="fa-IR"),
    Literal(42),
    Literal("2025-09-24", datatype=XSD.date),
    Literal("x", datatype=XSD.string),
    Literal("2025-09-24T08:15:02.5Z", datatype=XSD.dateTime, normalize=False),
]


@pytest.mark.parametrize("literal", LITERALS, ids=range(len(LITERALS)))
def test_a_literal_comes_back_as_it_was(literal: Literal) -> None:
    text = ntriples_of([(S, RDFS.label, literal)])
    assert text.count("\n") == 1  # one line, whatever the literal holds
    (quad,) = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert same_literal(rdflib_term(quad.object), literal)


def same_literal(a: object, b: Literal) -> bool:
    """Equal in RDF 1.1: a plain literal is an xsd:string, and language tags have no case."""

    def key(x: Literal) -> tuple[str, str, object]:
        return str(x), (x.language or "").lower(), None if x.language else (x.datatype or XSD.string)

    return isinstance(a, Literal) and key(a) == key(b)


def test_an_article_graph_is_what_oxigraph_writes() -> None:
    triples = extraction_triples(extract_article(read_article(SEED)))
    ours = set(ox.parse(ntriples_of(triples).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    g = Graph()
    for t in triples:
        g.add(t)
    theirs = set(ox.parse(g.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert ours == theirs and len(ours) == len(triples)


@pytest.mark.parametrize(
    "triple",
    [
        (URIRef("https://a b"), RDFS.label, Literal("x")),
        (S, RDFS.label, URIRef("https://x> <https://y")),
        (S, RDFS.label, URIRef("https://x\n<https://y>")),
        (S, RDFS.label, URIRef("")),
        (Literal("subject"), RDFS.label, Literal("x")),
        (S, BNode("p"), Literal("x")),
        (S, RDFS.label, BNode("a b")),
    ],
    ids=["space", "angle", "line break", "empty", "literal subject", "blank predicate", "label"],
)
def test_what_rdf_does_not_allow_is_refused(triple: tuple[object, object, object]) -> None:
    with pytest.raises(NotRDF):
        lines_of([triple])  # type: ignore[list-item]
