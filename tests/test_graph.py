"""The graph stage: golden graphs (compared by isomorphism), evidence offsets, stable IRIs.

Regenerate the golden files after an intended change with `UPDATE_GOLDEN=1 pytest tests/test_graph.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from conftest import GOLDEN, SEED
from extract.article import read_article
from extract.graph import extraction_graph
from extract.pipeline import extract_article
from extract.vocab import OA

CASES = {"seed": SEED} | {d.name: d / "input.txt" for d in sorted(GOLDEN.iterdir()) if (d / "input.txt").exists()}


def build(path: Path) -> Graph:
    return extraction_graph(extract_article(read_article(path)))


def diff_text(expected: Graph, actual: Graph) -> str:
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"- {' '.join(t.n3() for t in triple)}" for triple in sorted(only_expected)]
    lines += [f"+ {' '.join(t.n3() for t in triple)}" for triple in sorted(only_actual)]
    return "\n".join(lines[:60])


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_graph(case: str) -> None:
    actual = build(CASES[case])
    expected_file = GOLDEN / case / "expected.ttl"
    if os.environ.get("UPDATE_GOLDEN") or not expected_file.exists():
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual.serialize(format="turtle"), encoding="utf-8")
    expected = Graph().parse(expected_file, format="turtle")
    assert isomorphic(expected, actual), "graph differs from golden:\n" + diff_text(expected, actual)


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_selector_quotes_the_text_at_its_offsets(case: str) -> None:
    article = read_article(CASES[case])
    graph = build(CASES[case])
    evidence = set(graph.subjects(OA.hasSource, None))
    assert evidence
    for node in evidence:
        selectors = list(graph.objects(node, OA.hasSelector))
        start = next(graph.value(s, OA.start) for s in selectors if graph.value(s, OA.start) is not None)
        end = next(graph.value(s, OA.end) for s in selectors if graph.value(s, OA.end) is not None)
        exact = next(graph.value(s, OA.exact) for s in selectors if graph.value(s, OA.exact) is not None)
        assert isinstance(start, Literal) and isinstance(end, Literal) and isinstance(exact, Literal)
        assert article.text[start.toPython() : end.toPython()] == str(exact)


def test_iris_are_deterministic() -> None:
    first, second = build(SEED), build(SEED)
    assert set(first) == set(second)


def test_no_raw_text_in_iris() -> None:
    graph = build(SEED)
    for term in {t for triple in graph for t in triple}:
        if not isinstance(term, Literal):
            assert str(term).isascii(), term
