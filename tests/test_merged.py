"""The merged Turtle of `build -o`: written as the articles go in when the store held none,
from the store otherwise; the same graph as the store's merged view either way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from conftest import GOLDEN, SEED
from extract.batch import build
from extract.merged import merged_triples, prefix_header, turtle_statements
from extract.store import open_store


def turtle_triples(path: Path) -> set[ox.Triple]:
    return {q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}


def store_triples(store_dir: Path) -> set[ox.Triple]:
    store = open_store(store_dir, read_only=True)
    try:
        return set(merged_triples(store))
    finally:
        del store


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and the golden articles, each a file of its own."""
    folder = tmp_path_factory.mktemp("in")
    shutil.copy(SEED, folder / "seed.txt")
    for path in sorted(GOLDEN.glob("*/input.txt")):
        shutil.copy(path, folder / f"{path.parent.name}.txt")
    return folder


def test_a_build_into_a_new_store_streams_the_turtle(tmp_path: Path, articles: Path) -> None:
    summary = build([articles], tmp_path / "store", tmp_path / "graph.ttl")
    assert summary.streamed and len(summary.loaded) == 3
    assert turtle_triples(tmp_path / "graph.ttl") == store_triples(tmp_path / "store")
    assert not list(tmp_path.glob(".*partial"))


def test_a_shared_triple_is_written_once(tmp_path: Path, articles: Path) -> None:
    build([articles], tmp_path / "store", tmp_path / "graph.ttl")
    kinds = ox.parse(path=str(tmp_path / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    written = [q.triple for q in kinds]
    assert len(written) == len(set(written))


def test_a_rebuild_writes_the_turtle_from_the_store(tmp_path: Path, articles: Path) -> None:
    build([articles], tmp_path / "store", tmp_path / "first.ttl")
    summary = build([SEED], tmp_path / "store", tmp_path / "graph.ttl")
    assert not summary.streamed
    assert turtle_triples(tmp_path / "graph.ttl") == store_triples(tmp_path / "store")


def test_an_article_given_twice_falls_back_to_the_store(tmp_path: Path) -> None:
    """The second version replaces the first in the store; the stream would hold both."""
    text = SEED.read_text(encoding="utf-8")
    lines = [json.dumps({"id": "same", "text": text}), json.dumps({"id": "same", "text": text + "\n"})]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = build([tmp_path / "in.jsonl"], tmp_path / "store", tmp_path / "graph.ttl")
    assert not summary.streamed and len(summary.loaded) == 2
    assert turtle_triples(tmp_path / "graph.ttl") == store_triples(tmp_path / "store")


ID = "https://w3id.org/didar/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
HOSTILE_LINES = [
    f"<{ID}article/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/didar/ontology#Article> .\n",
    f'<{ID}article/a> <https://schema.org/identifier> "a \\"quoted\\" \\\\ back\\nline\\tx" .\n',
    f'<{ID}article/a> <https://schema.org/identifier> "x\\"^^<urn:not-a-datatype>" .\n',  # text that looks typed
    f'<{ID}article/a> <https://schema.org/name> "سفیر «قزاقستان»"@fa .\n',
    f'<{ID}article/a> <https://schema.org/name> "Kazakhstan"@en .\n',
    f'<{ID}evidence/a/1-5/position> <http://www.w3.org/ns/oa#start> "1"^^<{XSD}integer> .\n',
    f'<{ID}evidence/a/1-5/position> <http://www.w3.org/ns/oa#end> "-007"^^<{XSD}integer> .\n',
    f'<{ID}evidence/a/1-5/position> <http://www.w3.org/ns/oa#end> "1.0"^^<{XSD}integer> .\n',
    f'<{ID}meeting/m1> <https://w3id.org/didar/ontology#month> "2025-06"^^<{XSD}gYearMonth> .\n',
    f'<{ID}meeting/m1> <https://w3id.org/didar/ontology#note> "x"^^<urn:custom:type> .\n',
    f'<{ID}meeting/m1.> <https://w3id.org/didar/ontology#note> "a trailing dot" .\n',
    f'<{ID}person/\u0627> <https://w3id.org/didar/ontology#note> "a non-ASCII local part" .\n',
    f'<{ID}person/> <https://w3id.org/didar/ontology#note> "an empty local part" .\n',
    "_:b1 <https://w3id.org/didar/ontology#note> _:b2 .\n",
    "<urn:x:y> <https://w3id.org/didar/ontology#note> <https://w3id.org/didar/ontology#a-b_c.d> .\n",
]


@pytest.mark.parametrize("count", [1, 2, len(HOSTILE_LINES)])
def test_turtle_statements_say_what_the_ntriples_lines_say(count: int) -> None:
    """The statements written from N-Triples lines are the same graph to Oxigraph and rdflib."""
    lines = HOSTILE_LINES[:count]
    turtle = prefix_header() + turtle_statements(lines)
    expected = set(ox.parse("".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES))
    got = set(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    assert {str(t) for t in got if "_:" not in str(t)} == {str(t) for t in expected if "_:" not in str(t)}
    assert len(got) == len(expected)
    reference = Graph().parse(data="".join(lines), format="nt")
    assert Graph().parse(data=turtle.decode(), format="turtle").isomorphic(reference)
