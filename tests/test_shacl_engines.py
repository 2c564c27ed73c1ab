"""pySHACL is the reference for the SHACL engine the build uses (pyshacl-turbo): both must
find the same on every shape fixture of test_shapes.py, on the graph of every annotated
article (the seed, the repo's own, the shared dev set when it is here) and on generated
ones: the same conformance and the same results (focus node, path, source shape, severity,
and the message too)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, URIRef
from test_shapes import CASES, broken_graph

from benchmarks.generate import generate
from conftest import CORPUS, ROOT, SEEDS, needs_corpus
from extract.article import Article, article_from_text, read_article
from extract.graph import extraction_ntriples, graph_of_ntriples, graph_of_triples
from extract.pipeline import extract_articles
from extract.validate import Report, _short, didar_prefixes, report_of, shapes_graph, validate_graph, validate_ntriples

OWN = sorted([*SEEDS.glob("*.txt"), *(ROOT / "tests" / "corpus" / "own").glob("*/*.txt")])
DEV = sorted((CORPUS / "dev").glob("*.txt")) if CORPUS.is_dir() else []
GENERATED = list(generate(8))  # (doc id, text)


def reference(graph: Graph) -> Report:
    """What pySHACL finds, with the shapes as written."""
    conforms, results, _ = pyshacl_validate(
        graph,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=True,  # the SPARQL-based targets
        allow_warnings=True,
        allow_infos=True,
    )
    assert isinstance(results, Graph)
    return report_of(bool(conforms), results, {str(ns): prefix for prefix, ns in graph.namespaces()})


def assert_same(engine: Report, ref: Report) -> None:
    def key(report: Report) -> tuple[bool, set[tuple[str, str, str, str]]]:
        return report.conforms, {(f.node or f.focus, f.path, f.shape, f.severity) for f in report.findings}

    assert key(engine) == key(ref), f"pyshacl-turbo:\n{engine.text()}\npySHACL:\n{ref.text()}"
    assert engine == ref  # messages and order as well


@pytest.mark.parametrize("case", ["sound", *CASES])
def test_engines_agree_on_each_shape_fixture(seed_graph_ttl: str, case: str) -> None:
    sound = case == "sound"
    graph = Graph().parse(data=seed_graph_ttl, format="turtle") if sound else broken_graph(seed_graph_ttl, case)
    assert_same(validate_graph(graph), reference(graph))


@cache
def article_graphs() -> dict[str, str]:
    """Every article's graph as the build writes and validates it (meeting or not), extracted at once."""
    articles: list[Article] = [read_article(p) for p in [*OWN, *DEV]]
    articles += [article_from_text(doc, text) for doc, text in GENERATED]
    return {a.doc_id: extraction_ntriples(x) for a, x in zip(articles, extract_articles(articles), strict=True)}


def doc_ids(paths: list[Path]) -> Iterator[str]:
    for path in paths:
        yield read_article(path).doc_id


def check_article(doc_id: str) -> None:
    ntriples = article_graphs()[doc_id]
    assert_same(validate_ntriples(ntriples), reference(graph_of_ntriples(ntriples)))


@pytest.mark.parametrize("doc_id", list(doc_ids(OWN)))
def test_engines_agree_on_our_articles(doc_id: str) -> None:
    check_article(doc_id)


@needs_corpus()
@pytest.mark.parametrize("doc_id", list(doc_ids(DEV)) or ["-"])
def test_engines_agree_on_dev_articles(doc_id: str) -> None:
    check_article(doc_id)


@pytest.mark.parametrize("doc_id", [doc for doc, _ in GENERATED])
def test_engines_agree_on_generated_articles(doc_id: str) -> None:
    check_article(doc_id)


def test_findings_shorten_iris_as_rdflib_does(seed_graph_ttl: str) -> None:
    graph = graph_of_triples(Graph().parse(data=seed_graph_ttl, format="turtle"))
    iris = [node for node in graph.all_nodes() if isinstance(node, URIRef)]
    assert iris
    for node in iris:
        assert _short(didar_prefixes(), node) == graph.namespace_manager.normalizeUri(node)


def test_a_conforming_graph_is_told_without_the_report_graph(seed_graph_ttl: str) -> None:
    """The engine's native verdict agrees with the public call on every shape fixture (the
    seed conforms with an Info: no place; some fixtures conform with a warning); after an
    upgrade of pyshacl-turbo that changes its native entry point, this fails first."""
    from pyshacl_turbo.rdf import Input

    from extract.ntriples import ntriples_of
    from extract.validate import native_verdict

    for case in ["sound", *CASES]:
        graph = (
            Graph().parse(data=seed_graph_ttl, format="turtle")
            if case == "sound"
            else broken_graph(seed_graph_ttl, case)
        )
        report = validate_graph(graph)
        verdict = native_verdict(Input(ntriples_of(graph), "nt", None, {}))
        assert verdict is report.conforms, case
