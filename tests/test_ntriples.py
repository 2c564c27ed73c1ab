"""extract/ntriples.py: the N-Triples the build writes say what rdflib's triples say, and
no text can break out of its term."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from conftest import SEED
from extract.article import read_article
from extract.graph import extraction_ntriples
from extract.merged import rdflib_term
from extract.ntriples import NotRDF, TermTexts, lines_of, ntriples_of, plain, tagged
from extract.pipeline import extract_article
from extract.vocab import ID

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


def test_an_article_graph_is_read_alike_by_oxigraph_and_rdflib() -> None:
    """The graph stage's own text: one triple a line, each line one triple to both readers."""
    text = extraction_ntriples(extract_article(read_article(SEED)))
    ours = set(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert len(ours) == text.count("\n")
    rewritten = ox.serialize(ours, format=ox.RdfFormat.N_TRIPLES) or b""
    assert set(ox.parse(rewritten, format=ox.RdfFormat.N_TRIPLES)) == ours
    assert len(Graph().parse(data=text, format="nt")) == len(ours)


@pytest.mark.parametrize("value", [str(x) for x in LITERALS if not x.language and x.datatype is None])
def test_the_graph_stages_literals_come_back_as_they_were(value: str) -> None:
    for literal, expected in [(plain(value), Literal(value)), (tagged(value, "fa"), Literal(value, lang="fa"))]:
        line = f"<{S}> <{RDFS.label}> {literal} .\n"
        (triple,) = list(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        assert same_literal(rdflib_term(triple.object), expected)


def test_term_texts_read_like_their_namespace() -> None:
    from rdflib.namespace import RDF

    assert TermTexts(RDF).type == f"<{RDF.type}>"
    assert TermTexts(ID)["meeting/abc"] == f"<{ID}meeting/abc>"
    with pytest.raises(AttributeError):
        _ = TermTexts(RDF).tpye  # a closed namespace refuses a misspelt term
    with pytest.raises(NotRDF):
        _ = TermTexts(ID)["meeting/a b"]


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
