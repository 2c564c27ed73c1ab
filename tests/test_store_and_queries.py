"""The Oxigraph store (one graph per article, replaced in one step) and the named queries."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import GOLDEN, SEED
from extract import queries
from extract.article import read_article
from extract.graph import article_iri, extraction_graph
from extract.merged import merged_graph
from extract.pipeline import extract_article
from extract.store import article_graphs, open_store, remove_graph, replace_graph


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """An in-memory store with the seed and the golden articles."""
    s = ox.Store()
    for path in [SEED, *sorted(GOLDEN.glob("*/input.txt"))]:
        article = read_article(path)
        doc_id = path.parent.name if path != SEED else "seed"
        article = article.__class__(doc_id, article.text, article.published, article.source, article.body_start)
        replace_graph(s, str(article_iri(doc_id)), extraction_graph(extract_article(article)))
    return s


def test_replacing_a_graph_is_idempotent(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    graph = extraction_graph(extract_article(read_article(SEED)))
    iri = str(article_iri("seed"))
    replace_graph(store, iri, graph)
    first = len(store)
    replace_graph(store, iri, graph)
    assert len(store) == first == len(graph)
    assert article_graphs(store) == [iri]
    assert remove_graph(store, iri)
    assert len(store) == 0
    assert not remove_graph(store, iri)


def test_merged_graph_is_the_union(store: ox.Store) -> None:
    merged = merged_graph(store)
    assert 0 < len(merged) <= len(store)


def test_contract_columns(store: ox.Store) -> None:
    expected = {
        "meetings": ("doc", "meeting", "date", "locationName", "locationCountry"),
        "participants": ("doc", "meeting", "person", "name", "role", "represents", "jurisdiction", "accreditedTo"),
        "topics": ("doc", "meeting", "topic"),
        "proposals": ("doc", "meeting", "proposal", "proposer", "sector", "country"),
    }
    for name, columns in expected.items():
        assert queries.run(store, queries.load_query(name)).columns == columns


def test_meetings_query(store: ox.Store) -> None:
    rows = queries.run(store, queries.load_query("meetings")).dicts()
    by_doc: dict[str, int] = {}
    for r in rows:
        by_doc[r["doc"] or ""] = by_doc.get(r["doc"] or "", 0) + 1
    assert by_doc == {"seed": 1, "two-meetings": 2, "envoy-abroad": 1}


def test_participants_query_gives_the_seed_facts(store: ox.Store) -> None:
    rows = [r for r in queries.run(store, queries.load_query("participants")).dicts() if r["doc"] == "seed"]
    facts = {(r["role"], r["represents"], r["jurisdiction"], r["accreditedTo"]) for r in rows}
    assert facts == {("governor", "IR", "IR-01", None), ("ambassador", "KZ", None, "IR")}


def test_topics_query(store: ox.Store) -> None:
    rows = queries.run(store, queries.load_query("topics")).dicts()
    assert {r["topic"] for r in rows if r["doc"] == "seed"} == {"economy", "culture", "politics"}


@pytest.mark.parametrize("name", sorted(queries.available()))
def test_every_named_query_runs_and_has_a_header(store: ox.Store, name: str) -> None:
    text = queries.load_query(name)
    assert text.startswith(f"# {name} — ")
    assert "# Columns:" in text
    table = queries.run(store, text)
    if name != "proposals":
        assert table.rows, f"{name} returned nothing over the golden graphs"


def test_parameters_bind_variables(store: ox.Store) -> None:
    text = queries.load_query("meetings-between-states")
    rows = queries.run(store, text, {"stateA": "KZ", "stateB": "IR"}).dicts()
    assert rows and all(r["stateA"] == "KZ" and r["stateB"] == "IR" for r in rows)
    assert not queries.run(store, text, {"stateA": "KZ", "stateB": "FR"}).rows


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"stateA": "KZ", "stateB": "IR", "month": "2025-09"}, 1),  # the seed's meeting
        ({"stateA": "IR", "stateB": "KZ", "month": "2025-09"}, 1),
        ({"stateA": "KZ", "stateB": "IR", "month": "2025-10"}, 0),
        ({"stateA": "KZ", "stateB": "TR", "month": "2025-09"}, 0),
    ],
)
def test_meetings_in_month(store: ox.Store, params: dict[str, str], expected: int) -> None:
    rows = queries.run(store, queries.load_query("meetings-in-month"), params).dicts()
    assert len({r["meeting"] for r in rows}) == expected
    assert all(r["date"] and r["date"].startswith(params["month"]) for r in rows)
    assert all(r["nameA"] and r["nameB"] for r in rows)


@pytest.mark.parametrize(
    ("value", "datatype"),
    [("2025-09-24", "date"), ("2025-09", "gYearMonth"), ("KZ", "string"), ("2025", "string"), ("2025-9", "string")],
)
def test_parameter_types(value: str, datatype: str) -> None:
    literal = queries.param_literal(value)
    assert literal.value == value
    assert literal.datatype.value == f"http://www.w3.org/2001/XMLSchema#{datatype}"


def test_provinces_and_states(store: ox.Store) -> None:
    rows = queries.run(store, queries.load_query("provinces-and-states")).dicts()
    assert {"province": "IR-01", "state": "KZ"}.items() <= next(r for r in rows if r["state"] == "KZ").items()


def test_unknown_query_names_the_choices() -> None:
    with pytest.raises(queries.QueryError, match="participants"):
        queries.load_query("nope")


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_render(fmt: str) -> None:
    table = queries.Table(("a", "b"), (("x", None), ("یک", "2")))
    out = queries.render(table, fmt)
    assert "یک" in out and ("a" in out)


def test_article_writer_bulk_loads_new_articles_and_replaces_old_ones(tmp_path: Path) -> None:
    from extract.store import ArticleWriter

    store = open_store(tmp_path / "store")
    graph = extraction_graph(extract_article(read_article(SEED)))
    writer = ArticleWriter(store, flush_every=2, bulk_quads=3 * len(graph))
    ntriples = graph.serialize(format="nt")
    smaller = ntriples.splitlines()[:10]
    copy = "https://w3id.org/didar/id/article/copy-{}".format

    def quads(k: int, text: str = ntriples) -> tuple[str, bytes]:
        return copy(k), text.encode()

    assert not writer.write([quads(0), quads(1)])  # pending: under bulk_quads
    assert article_graphs(store) == []
    assert writer.write([quads(2)])  # now one bulk load of three
    assert (writer.bulk_loads, writer.transactions, len(article_graphs(store))) == (1, 0, 3)
    # copy-0 is in the store: replaced; copy-3 comes twice: bulk-loaded, then left as it is (the same)
    assert writer.write([quads(0, "".join(f"{line}\n" for line in smaller)), quads(3), quads(3)])
    assert (writer.bulk_loads, writer.transactions, writer.unchanged, len(article_graphs(store))) == (2, 1, 1, 4)
    assert len(store) == 3 * len(graph) + len({line for line in smaller if line.strip()})


@pytest.mark.parametrize(
    ("optimize", "loaded", "compacted"),
    [(None, 999, False), (None, 1000, True), (True, 1, True), (False, 50_000, False)],
)
def test_store_is_compacted_after_large_builds(optimize: bool | None, loaded: int, compacted: bool) -> None:
    from extract.store import compact_if

    calls: list[str] = []

    class Recorder:
        def optimize(self) -> None:
            calls.append("optimize")

    compact_if(Recorder(), optimize, loaded)  # type: ignore[arg-type]
    assert bool(calls) == compacted


def test_build_with_optimize_leaves_a_working_store(tmp_path: Path) -> None:
    from extract.batch import build

    summary = build([SEED], tmp_path / "store", None, optimize=True)
    assert len(summary.loaded) == 1
    store = open_store(tmp_path / "store", read_only=True)
    assert queries.run(store, queries.load_query("meetings")).rows
