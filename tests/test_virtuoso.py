"""`didar push` to a real Virtuoso (Debian's virtuoso-opensource): the test starts its own
Virtuoso on free loopback ports with a database in a temporary folder, pushes a small store
by the Graph Store Protocol (open /sparql-graph-crud once SPARQL_UPDATE is granted, and the
Digest-authenticated /sparql-graph-crud-auth), and asks Virtuoso's /sparql endpoint the
participants query: the rows must be those the embedded store gives."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from test_store_server import SAME_MEETING

from conftest import CORPUS, SEEDS
from extract import queries
from extract.batch import build
from extract.cli import main
from extract.store import article_graphs, open_store

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")  # Debian's name for Virtuoso's isql (unixODBC has another `isql`)
ARTICLE_GRAPH = "https://w3id.org/didar/id/article/"
CORPUS_ARTICLES = 8  # a few annotated articles as well when the corpus is here (more kinds of rows)

pytestmark = pytest.mark.skipif(
    VIRTUOSO is None or ISQL is None,
    reason="Virtuoso is not installed (Debian: apt-get install virtuoso-opensource); the Virtuoso push test is skipped",
)

INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort        = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed       = {dir}
NumberOfBuffers   = 10000
MaxDirtyBuffers   = 6000

[HTTPServer]
ServerPort    = 127.0.0.1:{http_port}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Virtuoso:
    folder: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen[bytes]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text(encoding="utf-8", errors="replace")[-2000:] if path.exists() else ""

    def wait(self, seconds: float = 60.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"virtuoso-t exited with {self.process.returncode}:\n{self.log()}")
            try:
                self.select("ASK {}")
                return
            except (OSError, ValueError):
                time.sleep(0.2)
        pytest.fail(f"Virtuoso did not answer on {self.base}/sparql within {seconds:.0f} s:\n{self.log()}")

    def isql(self, statement: str) -> None:
        assert ISQL is not None
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statement}"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        said = done.stdout + done.stderr
        assert done.returncode == 0 and "*** Error" not in said, said  # isql-vt exits 0 on SQL errors

    def select(self, query: str) -> dict[str, object]:
        """A query by the SPARQL protocol (POST, form-encoded), the JSON results."""
        request = urllib.request.Request(
            f"{self.base}/sparql",
            data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        assert isinstance(answer, dict)
        return answer


@pytest.fixture(scope="module")
def launched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """Virtuoso starting (a fresh database takes a few seconds; the store is built meanwhile)."""
    assert VIRTUOSO is not None
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    with open(folder / "console.log", "wb") as console:
        process = subprocess.Popen(
            [VIRTUOSO, "+configfile", str(folder / "virtuoso.ini"), "+foreground"],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
        )
    try:
        yield Virtuoso(folder, sql_port, http_port, process)
    finally:
        process.terminate()  # SIGTERM: Virtuoso's quick shutdown, about a second
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def store_dir(launched: Virtuoso, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in SAME_MEETING.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    inputs = [SEEDS, folder, *sorted((CORPUS / "dev").glob("dev-*.txt"))[:CORPUS_ARTICLES]]
    store = tmp_path_factory.mktemp("store") / "store"
    summary = build(inputs, store, None)
    assert len(summary.loaded) >= 3
    return store


@pytest.fixture(scope="module")
def virtuoso(launched: Virtuoso, store_dir: Path) -> Virtuoso:
    launched.wait()
    return launched


def push(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["push", *args], env=env)


def graph_sizes(server: Virtuoso) -> dict[str, int]:
    answer = server.select(
        f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), '{ARTICLE_GRAPH}')) }}"
        " GROUP BY ?g"
    )
    bindings = answer["results"]["bindings"]  # type: ignore[index]
    return {b["g"]["value"]: int(b["n"]["value"]) for b in bindings}


def local_sizes(store_dir: Path) -> dict[str, int]:
    store = open_store(store_dir, read_only=True)
    return {g: len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(g)))) for g in article_graphs(store)}


def test_push_then_participants_as_in_the_embedded_store(virtuoso: Virtuoso, store_dir: Path) -> None:
    endpoint = f"{virtuoso.base}/sparql-graph-crud"
    refused = push(endpoint, "--store", str(store_dir))  # before the grant: Virtuoso says 403
    assert refused.exit_code == 2 and refused.exception is not None and "Traceback" not in refused.output
    assert "HTTP 403" in refused.output and "grant SPARQL_UPDATE" in refused.output, refused.output

    virtuoso.isql('grant SPARQL_UPDATE to "SPARQL";')
    try:
        for _ in range(2):  # a second push replaces each graph: nothing doubles
            result = push(endpoint, "--store", str(store_dir))
            assert result.exit_code == 0, result.output
            assert graph_sizes(virtuoso) == local_sizes(store_dir)
    finally:
        virtuoso.isql('revoke SPARQL_UPDATE from "SPARQL";')

    query = queries.load_query("participants")  # queries/participants.rq, unchanged
    local = queries.run(open_store(store_dir, read_only=True), query)
    answer = virtuoso.select(query)
    assert answer["head"]["vars"] == list(local.columns)  # type: ignore[index]
    bindings = answer["results"]["bindings"]  # type: ignore[index]
    remote = Counter(tuple(b.get(c, {}).get("value") for c in local.columns) for b in bindings)
    assert sum(remote.values()) == len(local.rows) >= 6
    assert remote == Counter(local.rows)


def test_push_with_digest_credentials(virtuoso: Virtuoso, store_dir: Path) -> None:
    endpoint = f"{virtuoso.base}/sparql-graph-crud-auth"
    anonymous = push(endpoint, "--store", str(store_dir))
    assert anonymous.exit_code == 2 and "HTTP 401" in anonymous.output and "--user" in anonymous.output

    wrong = push(endpoint, "--store", str(store_dir), "--user", "dba", env={"DIDAR_PASSWORD": "not-it"})
    assert wrong.exit_code == 2 and "check the user name and password" in wrong.output, wrong.output
    assert "Traceback" not in wrong.output and "not-it" not in wrong.output

    result = push(endpoint, "--store", str(store_dir), "--user", "dba", env={"DIDAR_PASSWORD": "dba"})
    assert result.exit_code == 0, result.output
    assert graph_sizes(virtuoso) == local_sizes(store_dir)

    in_url = endpoint.replace("http://", "http://dba:dba@")
    result = push(in_url, "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    assert "dba:dba" not in result.output and f"sent to {endpoint}" in result.output
