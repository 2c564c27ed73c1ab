"""The SPARQL endpoint: Oxigraph's read-only server behind a small gate.

Oxigraph's own `--timeout-s` does not stop every query (an aggregate runs on long after
it) and, when it does, the client gets HTTP 200 with a body cut short. The gate listens on
the public port, forwards each request to an Oxigraph child on a private loopback port,
holds the answer until it is whole, and gives HTTP 504 for a query that runs past the
limit or whose client went away; the child is then restarted, so no CPU is spent on an
answer nobody will read. The child dies with the gate (SIGTERM, Ctrl-C or even SIGKILL of
`didar serve`), so no orphan holds a port.
"""

from __future__ import annotations

import errno
import http.client
import queue
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import IO

from .errors import StoreError

CANCELLED = b"The SPARQL operation has been cancelled"
GRACE_S = 1.0  # the gate's limit is the child's plus this, so the child's own stop is seen first
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "te", "upgrade", "host"}
READY_S = 30.0


def oxigraph_binary() -> str:
    """The `oxigraph` server installed with the `oxigraph` package (beside this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise StoreError("the oxigraph server is not installed", fix="pip install oxigraph")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def child_command(store_dir: Path, port: int, timeout_s: int) -> list[str]:
    """Oxigraph's read-only server on a private port; killed with its parent where Linux allows."""
    command = [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(store_dir),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(timeout_s),
    ]
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "KILL", "--", *command] if setpriv else command


class Child:
    """The Oxigraph process; started and restarted only by the thread that owns it.

    (A parent-death signal fires when the *thread* that forked the child ends, so a
    request thread must never start it: it asks the owner through `restart_soon`.)
    """

    def __init__(self, store_dir: Path, timeout_s: int) -> None:
        self.store_dir = store_dir
        self.timeout_s = timeout_s
        self.port = 0
        self.generation = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the child
        self.restarts: queue.Queue[int] = queue.Queue()  # generations of children to replace
        self.ready = threading.Event()

    def start(self) -> None:
        self.port = free_port()
        self.log.seek(0)
        self.log.truncate()
        self.process = subprocess.Popen(
            child_command(self.store_dir, self.port, self.timeout_s),
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + READY_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StoreError(f"{self.store_dir}: the Oxigraph server stopped at start: {self.last_words()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
            except OSError:
                time.sleep(0.05)
                continue
            self.generation += 1
            self.ready.set()
            return
        self.stop()
        raise StoreError(f"{self.store_dir}: the Oxigraph server did not answer within {READY_S:.0f} s")

    def last_words(self) -> str:
        self.log.seek(0)
        lines = [line for line in self.log.read().decode("utf-8", "replace").splitlines() if line.strip()]
        return lines[-1].strip() if lines else "no message"

    def stop(self) -> None:
        self.ready.clear()
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def restart_soon(self, generation: int) -> None:
        """Ask the owner to replace the child that answered `generation` (once per child)."""
        self.restarts.put(generation)

    def serve_requests(self, stopped: threading.Event) -> None:
        """The owner's loop: restart on request, or when the child died, until `stopped`."""
        while not stopped.is_set():
            try:
                asked = self.restarts.get(timeout=0.2)
            except queue.Empty:
                asked = None
            died = self.process is not None and self.process.poll() is not None
            if died or asked == self.generation:
                self.stop()
                self.start()


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: IO[bytes]
    size: int


class TimedOut(Exception):
    """The query ran past the limit, or its client left; the child is being replaced."""


def fetch(child: Child, method: str, path: str, headers: dict[str, str], body: bytes, limit_s: float) -> Answer:
    """Forward one request to the child and read the whole answer (spooled to disk when big)."""
    generation = child.generation
    connection = http.client.HTTPConnection("127.0.0.1", child.port, timeout=limit_s)
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        spool = tempfile.SpooledTemporaryFile(max_size=16 << 20)  # noqa: SIM115 - closed once sent
        size = 0
        tail = b""
        while chunk := response.read(1 << 16):
            spool.write(chunk)
            size += len(chunk)
            tail = (tail + chunk)[-256:]
        if CANCELLED in tail:  # Oxigraph stopped the query itself and said so at the end of the body
            spool.close()
            raise TimedOut
        spool.seek(0)
        kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_HEADERS]
        return Answer(response.status, kept, spool, size)
    except TimeoutError:
        child.restart_soon(generation)
        raise TimedOut from None
    finally:
        connection.close()


def client_left(sock: socket.socket) -> bool:
    """True when the client closed its side (readable with nothing to read)."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


class Gate(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], child: Child) -> None:
        self.child = child
        super().__init__(address, GateHandler)


class GateHandler(BaseHTTPRequestHandler):
    server: Gate
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.forward()

    def do_POST(self) -> None:
        self.forward()

    def do_HEAD(self) -> None:
        self.forward()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the endpoint prints no line per request."""

    def forward(self) -> None:
        child = self.server.child
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS | {"accept-encoding"}}
        limit_s = child.timeout_s + GRACE_S
        if not child.ready.wait(READY_S):
            self.refuse(503, "the endpoint is restarting; retry in a moment\n")
            return
        outcome: list[Answer | BaseException] = []
        worker = threading.Thread(
            target=lambda: outcome.append(self._fetch(child, headers, body, limit_s)), daemon=True
        )
        generation = child.generation
        worker.start()
        deadline = time.monotonic() + limit_s
        while worker.is_alive():
            worker.join(0.1)
            if worker.is_alive() and (time.monotonic() > deadline or client_left(self.connection)):
                child.restart_soon(generation)
                self.refuse(504, self.too_long(child))
                return
        answer = outcome[0] if outcome else StoreError("no answer")
        if isinstance(answer, TimedOut):
            self.refuse(504, self.too_long(child))
        elif isinstance(answer, BaseException):
            self.refuse(503, f"the endpoint restarted after another query ran too long ({answer}); retry\n")
        else:
            self.send_answer(answer)

    def _fetch(self, child: Child, headers: dict[str, str], body: bytes, limit_s: float) -> Answer | BaseException:
        """Fetch; once more if the child was being replaced when the request reached it."""
        generation = child.generation
        try:
            return fetch(child, self.command, self.path, headers, body, limit_s)
        except TimedOut as err:
            return err
        except (OSError, http.client.HTTPException) as err:
            deadline = time.monotonic() + READY_S
            while child.generation == generation and time.monotonic() < deadline:
                time.sleep(0.05)
            if child.generation == generation or not child.ready.wait(READY_S):
                return err
        try:
            return fetch(child, self.command, self.path, headers, body, limit_s)
        except (TimedOut, OSError, http.client.HTTPException) as err:
            return err

    @staticmethod
    def too_long(child: Child) -> str:
        return (
            f"query stopped: it ran longer than {child.timeout_s} s (or its client left). "
            "Narrow it (a LIMIT, a FILTER, fewer joins) or serve with a larger --timeout-s.\n"
        )

    def refuse(self, status: int, message: str) -> None:
        data = message.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except OSError:
            pass  # the client has gone

    def send_answer(self, answer: Answer) -> None:
        try:
            self.send_response(answer.status)
            for key, value in answer.headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(answer.size))
            self.end_headers()
            if self.command != "HEAD":
                shutil.copyfileobj(answer.body, self.wfile)
        except OSError:
            pass
        finally:
            answer.body.close()


class Stop(Exception):
    """Raised in the main thread by SIGTERM, SIGINT or SIGHUP."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stop(signum)


def open_gate(host: str, port: int, child: Child) -> Gate:
    try:
        return Gate((host, port), child)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            message = f"{host}:{port} is already in use (another `didar serve`?)"
            raise StoreError(message, fix="stop it or pass --port N") from None
        message = f"cannot listen on {host}:{port}: {err.strerror}"
        raise StoreError(message, fix="pass another --host or --port") from None


def run_server(store_dir: Path, host: str, port: int, timeout_s: int, announce: Callable[[str], None]) -> int:
    """Serve until a signal; return the exit code (0 when stopped by the user)."""
    child = Child(store_dir, timeout_s)
    gate = open_gate(host, port, child)
    stopped = threading.Event()
    serving = threading.Thread(target=gate.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    try:
        child.start()
        base = f"http://{host}:{gate.server_address[1]}"
        announce(f"SPARQL endpoint: {base}/query   (query page: {base}/ ; a query may run {timeout_s} s; Ctrl-C stops)")
        serving.start()
        child.serve_requests(stopped)
    except Stop:
        pass
    finally:
        stopped.set()
        if serving.is_alive():
            gate.shutdown()
        gate.server_close()
        child.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
