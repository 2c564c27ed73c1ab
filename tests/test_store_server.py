"""The store as users grow and share it: idempotent rebuilds, per-article replacement and
removal, identity across articles, exports read by second tools, a real SPARQL server and
a Graph Store push to a second server, SIGKILL recovery and a second writer."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, SPARQLWrapper

from conftest import SEED, from_oxigraph
from extract import queries
from extract.batch import build
from extract.endpoint import oxigraph_binary
from extract.errors import StoreError
from extract.store import DESCRIPTION_GRAPH, StoreLock, article_graphs, open_store, stats, writable_store

SAME_MEETING = {
    # Two agencies on one meeting: other wording, «» and Arabic letters, lost ZWNJ.
    "agency-a": (
        " date 2025-06-10\nبه گزارش ایرنا، کامران شریفی استاندار گیلان امروز در رشت با ایوان پتروف سفیر"
        " روسیه در ایران دیدار و گفت‌وگو کرد.\nشریفی در این دیدار گفت: پیشنهاد می‌کنیم همکاری‌های تجاری گسترش یابد."
    ),
    "agency-b": (
        " date 2025-06-10\nسفير روسيه در ايران «ايوان پتروف» روز سه شنبه در رشت با «کامران شريفي» استاندار"
        " گيلان ديدار کرد و دو طرف درباره همکاريهاي تجاري گفتگو کردند."
    ),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    shutil.copy(SEED, folder / "seed.txt")
    for name, text in SAME_MEETING.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("store")
    summary = build([corpus], work / "store", work / "graph.ttl")
    assert len(summary.loaded) == 3
    return work


def quads(store_dir: Path) -> set[str]:
    store = open_store(store_dir, read_only=True)
    return {str(q) for q in store}


def test_rebuilding_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    build([corpus], tmp_path / "s", None)
    first = quads(tmp_path / "s")
    build([corpus], tmp_path / "s", None)
    assert quads(tmp_path / "s") == first


def test_an_edited_article_replaces_only_its_graph(corpus: Path, tmp_path: Path) -> None:
    work = tmp_path / "articles"
    shutil.copytree(corpus, work)
    build([work], tmp_path / "s", None)
    before = open_store(tmp_path / "s", read_only=True)
    others = {
        str(q) for q in before if "agency-b" not in q.graph_name.value and q.graph_name.value != DESCRIPTION_GRAPH
    }
    del before
    edited = SAME_MEETING["agency-b"].replace("رشت", "بندر انزلی")
    (work / "agency-b.txt").write_text(edited, encoding="utf-8")
    build([work / "agency-b.txt"], tmp_path / "s", None)
    after = open_store(tmp_path / "s", read_only=True)
    assert {
        str(q) for q in after if "agency-b" not in q.graph_name.value and q.graph_name.value != DESCRIPTION_GRAPH
    } == others
    names = {q.object.value for q in after.quads_for_pattern(None, ox.NamedNode(
        "https://w3id.org/didar/ontology#locationName"), None, None) if "agency-b" in q.graph_name.value}  # fmt: skip
    assert names == {"بندر انزلی"}


def test_remove_and_stats(corpus: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from extract.cli import main

    build([corpus], tmp_path / "s", None)
    runner = CliRunner()
    result = runner.invoke(main, ["stats", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0 and "articles   3" in result.stdout
    assert runner.invoke(main, ["remove", "agency-a", "--store", str(tmp_path / "s")]).exit_code == 0
    counts = stats(open_store(tmp_path / "s", read_only=True))
    assert (counts.articles, counts.meetings) == (2, 2)
    assert runner.invoke(main, ["remove", "agency-a", "--store", str(tmp_path / "s")]).exit_code == 1


def test_one_meeting_reported_twice_is_one_node(built: Path) -> None:
    store = open_store(built / "store", read_only=True)
    rows = queries.run(store, queries.load_query("meetings")).dicts()
    by_doc = {r["doc"]: r["meeting"] for r in rows}
    assert by_doc["agency-a"] == by_doc["agency-b"] != by_doc["seed"]
    people = queries.run(store, queries.load_query("participants")).dicts()
    persons = {d: {r["person"] for r in people if r["doc"] == d} for d in ("agency-a", "agency-b")}
    assert persons["agency-a"] == persons["agency-b"]
    reports = queries.run(store, queries.load_query("meeting-reports")).dicts()
    assert reports[0]["articles"] == "2" and reports[0]["docs"] in ("agency-a, agency-b", "agency-b, agency-a")
    evidence = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?e <http://www.w3.org/ns/oa#hasSource> ?a } }")
    assert isinstance(evidence, ox.QuerySolutions)
    assert len(list(evidence)) == 3  # each article keeps its own evidence


@pytest.mark.parametrize(
    ("fmt", "oxigraph_format", "rapper_format"),
    [
        ("turtle", ox.RdfFormat.TURTLE, "turtle"),
        ("nt", ox.RdfFormat.N_TRIPLES, "ntriples"),
        ("jsonld", ox.RdfFormat.JSON_LD, None),
        ("trig", ox.RdfFormat.TRIG, "trig"),
    ],
)
def test_exports_read_by_second_tools(
    built: Path, tmp_path: Path, fmt: str, oxigraph_format: ox.RdfFormat, rapper_format: str | None
) -> None:
    from click.testing import CliRunner

    from extract.cli import main

    out = tmp_path / f"export.{fmt}"
    result = CliRunner().invoke(main, ["export", "--store", str(built / "store"), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    merged = Graph().parse(built / "graph.ttl")
    assert isomorphic(from_oxigraph(out, oxigraph_format), merged)
    if fmt == "trig":
        ds = Dataset()
        ds.parse(out, format="trig")
        assert len({str(g.identifier) for g in ds.graphs() if len(g)} - {DESCRIPTION_GRAPH}) == 3
    if rapper_format and shutil.which("rapper"):
        done = subprocess.run(
            ["rapper", "-q", "-i", rapper_format, "-o", "ntriples", str(out)],
            capture_output=True,
            check=True,
            timeout=60,
        )
        assert isomorphic(Graph().parse(data=done.stdout, format="nt"), merged)


def test_jsonld_export_uses_the_context(built: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from extract.cli import main

    result = CliRunner().invoke(main, ["export", "--store", str(built / "store"), "--format", "jsonld"])
    data = json.loads(result.stdout)
    assert data["@context"]["didar"] == "https://w3id.org/didar/ontology#"


@pytest.fixture
def server(built: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "extract.cli", "serve", "--store", str(built / "store"), "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)


@pytest.mark.parametrize("name", (*queries.CONTRACT, "meeting-reports"))
def test_served_queries_match_didar_query(built: Path, server: str, name: str) -> None:
    client = SPARQLWrapper(f"{server}/query")
    client.setQuery(queries.load_query(name))
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    assert isinstance(answer, dict)
    columns = answer["head"]["vars"]
    served = {tuple(b.get(c, {}).get("value") for c in columns) for b in answer["results"]["bindings"]}
    local = queries.run(open_store(built / "store", read_only=True), queries.load_query(name))
    assert tuple(columns) == local.columns
    assert served == set(local.rows)
    assert served


def test_push_to_a_second_server(built: Path, tmp_path: Path) -> None:
    port = free_port()
    other = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path / "other"), "--bind", f"127.0.0.1:{port}"],
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "extract.cli",
                "push",
                f"http://127.0.0.1:{port}/store",
                "--store",
                str(built / "store"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        client = SPARQLWrapper(f"http://127.0.0.1:{port}/query")
        client.setQuery("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        client.setReturnFormat(JSON)
        answer = client.query().convert()
        assert isinstance(answer, dict)
        remote = {b["g"]["value"]: int(b["n"]["value"]) for b in answer["results"]["bindings"]}
    finally:
        other.terminate()
        other.wait(timeout=20)
    local_store = open_store(built / "store", read_only=True)
    local = {
        g: len(list(local_store.quads_for_pattern(None, None, None, ox.NamedNode(g))))
        for g in [*article_graphs(local_store), DESCRIPTION_GRAPH]
    }
    assert remote == local  # the dataset description goes with the articles


def test_push_to_nowhere_is_a_clear_error(built: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "extract.cli",
            "push",
            f"http://127.0.0.1:{free_port()}/store",
            "--store",
            str(built / "store"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "cannot reach the endpoint" in done.stderr


def test_a_build_killed_half_way_leaves_whole_articles(tmp_path: Path) -> None:
    articles = tmp_path / "many"
    articles.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for k in range(1000):  # more than one bulk load's worth (up to 10 s of work; extract/store.py)
        (articles / f"copy-{k:04d}.txt").write_text(text, encoding="utf-8")
    store_dir = tmp_path / "s"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "extract.cli",
            "-v",  # a line per article loaded
            "build",
            str(articles),
            "--store",
            str(store_dir),
            "-o",
            str(tmp_path / "g.ttl"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    seen = 0
    while seen < 10:  # kill once ten articles are in
        line = process.stderr.readline()
        assert line, "the build ended before it could be killed"
        seen += "ok " in line
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=20)
    process.stderr.close()
    with writable_store(store_dir) as store:  # the lock went with the process; the store opens
        graphs = article_graphs(store)
        sizes = {len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(g)))) for g in graphs}
    assert 10 <= len(graphs) < 1000
    assert len(sizes) == 1  # every article in the store is whole (all copies have the same size)
    assert not (tmp_path / "g.ttl").exists()  # no half-written Turtle either


def test_a_second_writer_is_told_who_holds_the_store(tmp_path: Path) -> None:
    store_dir = tmp_path / "s"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from extract.store import StoreLock; "
         "StoreLock(Path(sys.argv[1])).acquire(); print('locked', flush=True); time.sleep(60)", str(store_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError, match=f"store in use by PID {holder.pid}"), writable_store(store_dir):
            pass
        done = subprocess.run(
            [sys.executable, "-m", "extract.cli", "build", str(SEED), "--store", str(store_dir)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 2 and f"store in use by PID {holder.pid}" in done.stderr
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    lock = StoreLock(store_dir)
    lock.acquire()  # free again once the holder is gone
    lock.release()


@pytest.mark.parametrize("name", sorted(queries.available()))
def test_queries_do_not_repeat_rows_when_articles_share_nodes(built: Path, name: str) -> None:
    """Oxigraph's union default graph repeats a triple once per graph that holds it; the
    queries match inside each article's graph, so shared nodes do not multiply rows."""
    rows = queries.run(open_store(built / "store", read_only=True), queries.load_query(name)).rows
    assert len(rows) == len(set(rows))
