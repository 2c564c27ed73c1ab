"""The dataset description (extract/dataset.py) and the times of each extraction: written by
every build and removal, in its own graph, never counted as an article."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import GOLDEN, SEED
from extract.batch import build
from extract.cli import main
from extract.dataset import CC_BY_4, CLDR, DATASET, GEONAMES
from extract.files import umask, write_atomically
from extract.graph import xsd_datetime
from extract.resources import software_version
from extract.store import DESCRIPTION_GRAPH, article_graphs, open_store, same_facts, stats

DCT = "http://purl.org/dc/terms/"
VOID = "http://rdfs.org/ns/void#"
PROV = "http://www.w3.org/ns/prov#"
XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"


def described(store_dir: Path) -> dict[str, list[ox.Term]]:
    """The description graph as {predicate: objects} of nodes under the dataset IRI."""
    store = open_store(store_dir, read_only=True)
    found: dict[str, list[ox.Term]] = {}
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(DESCRIPTION_GRAPH)):
        if q.subject.value.startswith(str(DATASET)):
            key = q.predicate.value if q.subject.value == str(DATASET) else f"{q.subject.value} {q.predicate.value}"
            found.setdefault(key, []).append(q.object)
    return found


def value(found: dict[str, list[ox.Term]], key: str) -> str:
    (term,) = found[key]
    return term.value


def entities(found: dict[str, list[ox.Term]], name: str) -> int:
    return int(value(found, f"{DATASET}/{name} {VOID}entities"))


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    return folder


def test_a_build_describes_the_dataset(articles: Path, tmp_path: Path) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    build([articles], tmp_path / "store", None)
    found = described(tmp_path / "store")
    types = {t.value for t in found["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"]}
    assert types == {"http://www.w3.org/ns/dcat#Dataset", f"{VOID}Dataset"}
    assert value(found, f"{DCT}license") == str(CC_BY_4)
    assert {t.value for t in found[f"{DCT}source"]} == {str(GEONAMES), str(CLDR)}
    assert {t.value for t in found[f"{PROV}wasDerivedFrom"]} == {str(GEONAMES), str(CLDR)}
    store = open_store(tmp_path / "store", read_only=True)
    for source in (GEONAMES, CLDR):
        labels = list(store.quads_for_pattern(ox.NamedNode(str(source)), None, None, ox.NamedNode(DESCRIPTION_GRAPH)))
        assert any(q.predicate.value.endswith("#label") for q in labels)
    counts = stats(store)
    assert int(value(found, f"{VOID}triples")) == counts.quads
    assert [entities(found, n) for n in ("articles", "meetings", "people", "proposals")] == [1, 1, 2, 8]
    created = found[f"{DCT}created"][0]
    assert isinstance(created, ox.Literal) and created.datatype.value == XSD_DATETIME
    assert value(found, f"{DCT}created") == value(found, f"{DCT}modified")
    assert datetime.fromisoformat(created.value) >= before
    version = store.quads_for_pattern(None, ox.NamedNode("https://w3id.org/didar/ontology#softwareVersion"), None)
    assert software_version() in {q.object.value for q in version}


def test_the_description_is_no_article(articles: Path, tmp_path: Path) -> None:
    build([articles], tmp_path / "store", None)
    store = open_store(tmp_path / "store", read_only=True)
    assert DESCRIPTION_GRAPH not in article_graphs(store) and len(article_graphs(store)) == 1
    counts = stats(store)
    assert counts.articles == 1
    in_description = len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(DESCRIPTION_GRAPH))))
    assert counts.quads == len(store) - in_description


def test_rebuilding_changes_nothing_adding_updates_and_removing_counts_down(articles: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    build([articles], store_dir, None)
    first = {str(q) for q in open_store(store_dir, read_only=True)}
    summary = build([articles], store_dir, None)
    assert not summary.changed
    assert {str(q) for q in open_store(store_dir, read_only=True)} == first  # times included
    created = value(described(store_dir), f"{DCT}created")

    shutil.copy(GOLDEN / "two-meetings" / "input.txt", articles / "two-meetings.txt")
    assert build([articles], store_dir, None).changed
    grown = described(store_dir)
    assert value(grown, f"{DCT}created") == created < value(grown, f"{DCT}modified")
    assert (entities(grown, "articles"), entities(grown, "meetings")) == (2, 3)

    done = CliRunner().invoke(main, ["remove", "two-meetings", "--store", str(store_dir)])
    assert done.exit_code == 0, done.output
    shrunk = described(store_dir)
    assert (entities(shrunk, "articles"), entities(shrunk, "meetings")) == (1, 1)
    assert value(shrunk, f"{DCT}modified") > value(grown, f"{DCT}modified")
    assert int(value(shrunk, f"{VOID}triples")) == stats(open_store(store_dir, read_only=True)).quads


def test_each_extraction_says_when_it_ran(articles: Path, tmp_path: Path) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    build([articles], tmp_path / "store", None)
    after = datetime.now(UTC) + timedelta(seconds=1)
    store = open_store(tmp_path / "store", read_only=True)
    times = {}
    for name in ("startedAtTime", "endedAtTime"):
        (quad,) = store.quads_for_pattern(None, ox.NamedNode(PROV + name), None)
        assert isinstance(quad.object, ox.Literal) and quad.object.datatype.value == XSD_DATETIME
        assert quad.subject.value.startswith("https://w3id.org/didar/id/activity/")
        times[name] = datetime.fromisoformat(quad.object.value)
    assert before <= times["startedAtTime"] <= times["endedAtTime"] <= after


@pytest.mark.parametrize("micro", [0, 120_000, 123_456, 999_999])
def test_times_come_back_from_the_store_unchanged(micro: int) -> None:
    literal = xsd_datetime(datetime(2025, 9, 24, 8, 15, 2, micro, tzinfo=UTC))
    store = ox.Store()
    iri = ox.NamedNode("https://w3id.org/didar/id/activity/x")
    xsd = ox.NamedNode(XSD_DATETIME)
    store.add(ox.Quad(iri, ox.NamedNode(PROV + "endedAtTime"), ox.Literal(str(literal), datatype=xsd), iri))
    (quad,) = store
    assert quad.object.value == str(literal)


def test_the_same_facts_extracted_again_are_the_same_graph() -> None:
    store = ox.Store()
    iri = "https://w3id.org/didar/id/article/a"
    line = '<https://w3id.org/didar/id/activity/x> <http://www.w3.org/ns/prov#{}> "{}"^^<' + XSD_DATETIME + "> .\n"
    fact = f"<https://w3id.org/didar/id/activity/x> <{PROV}used> <{iri}> .\n"
    first = fact + line.format("startedAtTime", "2025-01-01T00:00:00Z")
    store.load(first.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(iri))
    assert same_facts(store, iri, fact + line.format("startedAtTime", "2025-06-01T00:00:00Z"))
    assert not same_facts(store, iri, fact)  # the times are part of the graph
    assert not same_facts(store, iri, first.replace("used", "generated"))


def test_written_files_get_the_ordinary_mode(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonld"
    write_atomically(path, b"{}")
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask()
    assert path.read_bytes() == b"{}" and not list(tmp_path.glob(".*.tmp"))
