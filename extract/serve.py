"""Serving and pushing: Oxigraph's own SPARQL server, and the Graph Store Protocol client."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from .errors import StoreError
from .store import article_graphs


def oxigraph_binary() -> str:
    """The `oxigraph` server installed with the `oxigraph` package (beside this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise StoreError("the oxigraph server is not installed", fix="pip install oxigraph")
    return found


def server_command(store_dir: Path, host: str, port: int, timeout_s: int) -> list[str]:
    return [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(store_dir),
        "--bind",
        f"{host}:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(timeout_s),
    ]


def run_server(store_dir: Path, host: str, port: int, timeout_s: int, announce: Callable[[str], None]) -> int:
    """Run the read-only server in the foreground; return its exit code."""
    base = f"http://{host}:{port}"
    announce(f"SPARQL endpoint: {base}/query   (query page: {base}/ ; Ctrl-C stops)")
    process = subprocess.Popen(server_command(store_dir, host, port, timeout_s))
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()


def push_graphs(store: ox.Store, url: str, timeout: float = 60.0) -> int:
    """PUT every article graph to a Graph Store Protocol endpoint; the number sent."""
    if urllib.parse.urlparse(url).scheme not in {"http", "https"}:
        raise StoreError(f"{url}: not an http(s) URL", fix="pass the Graph Store endpoint, e.g. http://host:7878/store")
    sent = 0
    for iri in article_graphs(store):
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri)) or b""
        target = f"{url}{'&' if '?' in url else '?'}graph={urllib.parse.quote(iri, safe='')}"
        request = urllib.request.Request(
            target, data=body, method="PUT", headers={"Content-Type": "application/n-triples"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as err:
            raise StoreError(f"{url}: the endpoint refused graph {iri}: HTTP {err.code} {err.reason}") from None
        except urllib.error.URLError as err:
            raise StoreError(f"{url}: cannot reach the endpoint ({err.reason})", fix="is the server running?") from None
        sent += 1
    return sent
