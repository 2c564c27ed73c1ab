"""build/graph.ttl (streamed out of the store by Oxigraph) is the graph rdflib built for the
article, and reads the same in rdflib, in Oxigraph's parser and in Raptor's rapper."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import SEED, from_oxigraph
from extract.article import read_article
from extract.batch import build
from extract.graph import extraction_graph
from extract.pipeline import extract_article


@pytest.fixture(scope="module")
def graph_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("interop")
    build([SEED], work / "store", work / "graph.ttl")
    return work / "graph.ttl"


def test_graph_ttl_is_what_rdflib_built(graph_ttl: Path) -> None:
    built = extraction_graph(extract_article(read_article(SEED)))
    assert isomorphic(Graph().parse(graph_ttl, format="turtle"), built)


def test_oxigraph_reads_the_same_graph(graph_ttl: Path) -> None:
    ours = Graph().parse(graph_ttl, format="turtle")
    theirs = from_oxigraph(graph_ttl)
    assert len(theirs) == len(ours) > 100
    assert isomorphic(ours, theirs)


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (Debian raptor2-utils) is not installed")
def test_rapper_reads_the_same_graph(graph_ttl: Path) -> None:
    result = subprocess.run(
        ["rapper", "-q", "-i", "turtle", "-o", "ntriples", str(graph_ttl)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    theirs = Graph().parse(data=result.stdout, format="nt")
    assert isomorphic(Graph().parse(graph_ttl, format="turtle"), theirs)
