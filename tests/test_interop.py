"""Exports that other tools read cleanly: a store built from seeds/ exported in every format
reads the same in Oxigraph, in Raptor's rapper and in Apache Jena's riot; each export holds
the dataset description; Turtle has no `\\/` escapes, TriG declares its prefixes, and every
file gets the ordinary mode of a new file."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import SEED
from extract.article import read_article
from extract.batch import build
from extract.cli import main
from extract.dataset import DATASET
from extract.files import umask
from extract.graph import extraction_graph
from extract.pipeline import extract_article
from extract.store import DESCRIPTION_GRAPH, RUN_TIMES, open_store, stats

VOID_TRIPLES = "http://rdfs.org/ns/void#triples"
# export format -> (file name, Oxigraph format, rapper's name for it or None)
FORMATS = {
    "turtle": ("graph.ttl", ox.RdfFormat.TURTLE, "turtle"),
    "nt": ("graph.nt", ox.RdfFormat.N_TRIPLES, "ntriples"),
    "trig": ("graph.trig", ox.RdfFormat.TRIG, "trig"),
    "nq": ("graph.nq", ox.RdfFormat.N_QUADS, "nquads"),
    "jsonld": ("graph.jsonld", ox.RdfFormat.JSON_LD, None),  # rapper reads no JSON-LD
}
PER_GRAPH = {"trig", "nq"}  # a graph per article; the others are the merged view
Quad = tuple[str, str, str, str]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from the seed, build/graph.ttl, and an export in every format."""
    work = tmp_path_factory.mktemp("interop")
    build([SEED], work / "store", work / "build.ttl")
    for fmt, (name, _, _) in FORMATS.items():
        done = CliRunner().invoke(
            main, ["export", "--store", str(work / "store"), "--format", fmt, "-o", str(work / name)]
        )
        assert done.exit_code == 0, done.output
    return work


def quads(data: bytes | Path, fmt: ox.RdfFormat, *, graphs: bool) -> set[Quad]:
    """What Oxigraph reads, as strings; `graphs=False` merges the graphs (a triple once)."""
    parsed = ox.parse(path=str(data), format=fmt) if isinstance(data, Path) else ox.parse(data, format=fmt)
    found = set()
    for q in parsed:
        graph = str(q.graph_name) if graphs and isinstance(q, ox.Quad) else ""
        found.add((str(q.subject), str(q.predicate), str(q.object), graph))
    return found


def in_store(work: Path, *, graphs: bool) -> set[Quad]:
    store = open_store(work / "store", read_only=True)
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name) if graphs else "") for q in store}


def test_build_ttl_is_what_rdflib_built_and_the_description(work: Path) -> None:
    built = extraction_graph(extract_article(read_article(SEED)))
    store = open_store(work / "store", read_only=True)
    description = Graph().parse(
        data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(DESCRIPTION_GRAPH)), format="nt"
    )
    ours = Graph().parse(work / "build.ttl", format="turtle")
    for triple in list(ours):
        if str(triple[1]) in RUN_TIMES:  # the one thing the build adds: when it ran
            ours.remove(triple)
    assert isomorphic(ours, built + description)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_oxigraph_reads_what_the_store_holds(work: Path, fmt: str) -> None:
    name, ox_format, _ = FORMATS[fmt]
    graphs = fmt in PER_GRAPH
    assert quads(work / name, ox_format, graphs=graphs) == in_store(work, graphs=graphs)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_describes_the_dataset(work: Path, fmt: str) -> None:
    name, ox_format, _ = FORMATS[fmt]
    expected = stats(open_store(work / "store", read_only=True)).quads
    values = [
        o
        for s, p, o, _ in quads(work / name, ox_format, graphs=False)
        if (s, p) == (f"<{DATASET}>", f"<{VOID_TRIPLES}>")
    ]
    assert values == [f'"{expected}"^^<http://www.w3.org/2001/XMLSchema#integer>']


def test_turtle_and_trig_write_plain_prefixed_names(work: Path) -> None:
    for name in ("build.ttl", "graph.ttl", "graph.trig"):
        text = (work / name).read_text(encoding="utf-8")
        assert "\\/" not in text, name
        assert "@prefix meeting: <https://w3id.org/didar/id/meeting/> ." in text, name
        assert "<https://w3id.org/didar/id/evidence/" in text, name  # evidence IRIs in full


def test_files_have_the_ordinary_mode(work: Path) -> None:
    expected = 0o666 & ~umask()
    for name in ["build.ttl", *(n for n, _, _ in FORMATS.values())]:
        assert (work / name).stat().st_mode & 0o777 == expected, name


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (Debian raptor2-utils) is not installed")
@pytest.mark.parametrize("fmt", sorted(f for f, (_, _, r) in FORMATS.items() if r))
def test_rapper_reads_the_same(work: Path, fmt: str) -> None:
    name, _, rapper_format = FORMATS[fmt]
    assert rapper_format is not None
    result = subprocess.run(
        ["rapper", "-q", "-i", rapper_format, "-o", "nquads", str(work / name)],
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0 and not result.stderr, result.stderr.decode()
    graphs = fmt in PER_GRAPH
    assert quads(result.stdout, ox.RdfFormat.N_QUADS, graphs=graphs) == in_store(work, graphs=graphs)


# Apache Jena from Debian (libapache-jena-java): riot and the jars it needs, by the names of
# Debian's unversioned links in /usr/share/java (from the package's Maven poms).
JAVA_DIR = Path("/usr/share/java")
JENA_JARS = [
    "jena-arq",
    "jena-base",
    "jena-cmds",
    "jena-core",
    "jena-iri",
    "commons-cli",
    "commons-codec",
    "commons-compress",
    "commons-csv",
    "commons-io",
    "commons-lang3",
    "dexx.collection",
    "gson",
    "guava",
    "httpclient",
    "httpclient-cache",
    "httpcore",
    "jackson-annotations",
    "jackson-core",
    "jackson-databind",
    "jakarta.json-api",
    "jsonld-java",
    "titanium-json-ld",
    "protobuf",
    "thrift",
    "slf4j-api",
    "slf4j-simple",
    "jcl-over-slf4j",
]  # fmt: skip


@pytest.fixture(scope="module")
def riot(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The command that runs Jena's riot, or a skip saying what is missing."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is not installed (Debian: default-jre-headless)")
    missing = [jar for jar in JENA_JARS if not (JAVA_DIR / f"{jar}.jar").exists()]
    if missing:
        pytest.skip(f"Apache Jena is not installed (Debian: libapache-jena-java); missing {', '.join(missing)}")
    classpath = [str(JAVA_DIR / f"{jar}.jar") for jar in JENA_JARS]
    # Debian's jena-core moves Jena's copy of Xerces to the package `xerces` but leaves its
    # message files under org/apache/jena/ext/xerces, so Jena fails to start ("internal
    # error" in XSSimpleTypeDecl); the files are put where the classes look for them.
    resources = tmp_path_factory.mktemp("jena-resources")
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        for entry in jar.namelist():
            if entry.startswith("org/apache/jena/ext/xerces/") and entry.endswith(".properties"):
                target = resources / "xerces" / entry.removeprefix("org/apache/jena/ext/xerces/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(entry))
    command = [java, "-cp", os.pathsep.join([*classpath, str(resources)]), "riotcmd.riot"]
    done = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        pytest.skip(f"Jena's riot does not start: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
    return command


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_jena_reads_the_same(work: Path, fmt: str, riot: list[str]) -> None:
    name = FORMATS[fmt][0]
    # Debian ships no Jakarta JSON implementation for Jena's JSON-LD 1.1 parser (Titanium), so
    # JSON-LD is read by its JSON-LD 1.0 parser (jsonld-java).
    syntax = ["--syntax=jsonld10"] if fmt == "jsonld" else []
    result = subprocess.run(
        [*riot, "--strict", *syntax, "--output=nquads", str(work / name)], capture_output=True, timeout=120
    )
    assert result.returncode == 0 and not result.stderr, result.stderr.decode()
    graphs = fmt in PER_GRAPH
    assert quads(result.stdout, ox.RdfFormat.N_QUADS, graphs=graphs) == in_store(work, graphs=graphs)
