"""`didar serve` under stress: a query past the limit is an HTTP error, not a cut 200; no
CPU is spent for a client that left; the Oxigraph child never outlives `serve`; a busy
port is one line."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SEEDS
from extract.batch import build

LIMIT_S = 1
# Every triple against every triple, three or four times over: minutes of work on one article.
COUNT_FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
STREAM_FOREVER = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUICK = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def didar(*args: str) -> list[str]:
    return [sys.executable, "-m", "extract.cli", *args]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("served") / "store"
    build([SEEDS], folder, None)
    return folder


def children_of(pid: int) -> list[int]:
    """Direct children of a process (from /proc). A thread of it that ends between the listing
    and the read (the server's request threads come and go) has none to count."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.split(")")[-1].split()[0] != "Z"


STARTED: list[subprocess.Popen[str]] = []  # by `start`, stopped after each test by `reap`


@pytest.fixture(autouse=True)
def reap() -> Iterator[None]:
    """A test that fails half-way leaves no `serve` running (nor a warning in a later test)."""
    yield
    while STARTED:
        process = STARTED.pop()
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        process.wait(timeout=20)


def start(store: Path, port: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        didar("serve", "--store", str(store), "--port", str(port), "--timeout-s", str(LIMIT_S)),
        stderr=subprocess.DEVNULL,
        text=True,
    )
    STARTED.append(process)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise TimeoutError("didar serve did not answer")


@pytest.fixture
def served(store: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    process = start(store, port)
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)


def ask(base: str, query: str, accept: str = "application/sparql-results+json") -> tuple[int, bytes]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(f"{base}/query", data=data, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


@pytest.mark.parametrize(
    ("query", "accept"),
    [(COUNT_FOREVER, "application/sparql-results+json"), (STREAM_FOREVER, "text/csv")],
    ids=["aggregate", "streamed"],
)
def test_a_query_past_the_limit_is_an_http_error(served: tuple[str, object], query: str, accept: str) -> None:
    base, _ = served
    started = time.monotonic()
    status, body = ask(base, query, accept)
    assert status == 504
    assert b"--timeout-s" in body
    assert time.monotonic() - started < LIMIT_S + 5
    status, body = ask(base, QUICK)  # the endpoint answers again, whole
    assert status == 200
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 100


def test_a_client_that_leaves_costs_no_more_cpu(served: tuple[str, subprocess.Popen[str]]) -> None:
    base, process = served
    (first,) = children_of(process.pid)
    port = int(base.rsplit(":", 1)[1])
    body = urllib.parse.urlencode({"query": COUNT_FOREVER})
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.sendall(
            f"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n{body}".encode()
        )
        time.sleep(0.3)
    deadline = time.monotonic() + 5  # well before the limit would stop it
    while alive(first) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(first), "the Oxigraph child still works for a client that has gone"
    assert ask(base, QUICK)[0] == 200


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_serve_and_its_child(store: Path, sig: signal.Signals) -> None:
    port = free_port()
    process = start(store, port)
    (child,) = children_of(process.pid)
    process.send_signal(sig)
    assert process.wait(timeout=20) == 0
    assert not alive(child)
    again = start(store, port)  # the next `serve` gets the same port
    again.send_signal(signal.SIGTERM)
    assert again.wait(timeout=20) == 0


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="setpriv (util-linux) is needed for a parent-death signal")
def test_even_sigkill_leaves_no_orphan(store: Path) -> None:
    process = start(store, free_port())
    (child,) = children_of(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    deadline = time.monotonic() + 5
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child)


def test_a_busy_port_is_one_line(store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            didar("serve", "--store", str(store), "--port", str(port)), capture_output=True, text=True, timeout=30
        )
    assert result.returncode == 2
    assert "already in use" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_folder_that_is_no_store_is_not_served(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = subprocess.run(didar("serve", "--store", str(tmp_path)), capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert "no store here" in result.stderr and "Traceback" not in result.stderr
