"""build/graph.ttl read by second tools — Oxigraph's parser and Raptor's rapper — gives the
same graph (isomorphic) as rdflib wrote."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import SEED, from_oxigraph
from extract.batch import build


@pytest.fixture(scope="module")
def graph_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("interop")
    build([SEED], work / "store", work / "graph.ttl")
    return work / "graph.ttl"


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
