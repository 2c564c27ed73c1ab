"""Bigger stores for `make bench`: a built store's quads, copied with renamed IRIs, bulk-loaded
beside the original in the same store.

Copy k renames every Didar IRI (`https://w3id.org/didar/id/KIND/…` becomes `…/id/cK/KIND/…`)
and moves the dates and months of the generated articles (all in 2025) to the year
2025 - k % 10, so each copy is new articles, meetings and people, and a month's meetings
do not grow with the number of copies. It is all done on bytes: made from a str with a
regular expression matching every IRI, the copies of 2,500 articles took 6.5 s to template
and 0.9 s a copy; on bytes, with `bytes.replace` for the IRIs, 1.2 s and 0.4 s (cutting
the template at every IRI and joining the pieces was no faster).
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

ID_PREFIX = b"<https://w3id.org/didar/id/"
COPY, YEAR = b"\x00", b"\x01"  # placeholders in the template: the copy's name, its year
XSD = rb"http://www\.w3\.org/2001/XMLSchema#"
DATE = re.compile(rb'"2025-(\d\d-\d\d"\^\^<' + XSD + rb"date>)")
MONTH = re.compile(rb'"2025-(\d\d"\^\^<' + XSD + rb"gYearMonth>)")


def dump_nquads(store: ox.Store, threads: int = 2) -> bytes:
    """Every quad of the store as N-Quads, graph by graph in `threads` threads (Oxigraph
    serialises without the GIL): for 10,000 articles (3.8 M quads), 25 s with 2 threads,
    where one `dump` of the whole store took 48 s on one core."""
    graphs = list(store.named_graphs())
    parts = [b""] * len(graphs)

    def work(first: int) -> None:
        for i in range(first, len(graphs), threads):
            graph = graphs[i]
            ntriples = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
            # an N-Triples line ends with " .\n", and only there (a literal's newlines are escaped)
            parts[i] = ntriples.replace(b" .\n", f" {graph} .\n".encode())

    run_in_threads(work, threads)
    default = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    return default + b"".join(parts)


@dataclass(frozen=True)
class Template:
    """The store's quads with a placeholder for the copy's name after every
    `https://w3id.org/didar/id/` and for the year of every date and month."""

    text: bytes
    quads: int

    def copy(self, k: int) -> bytes:
        """Copy k (1, 2, …) as N-Quads."""
        return self.text.replace(COPY, b"c%d" % k).replace(YEAR, b"%d" % (2025 - k % 10))


def copy_template(nquads: bytes) -> Template:
    text = nquads.replace(ID_PREFIX, ID_PREFIX + COPY + b"/")
    text = DATE.sub(b'"' + YEAR + rb"-\1", text)
    return Template(MONTH.sub(b'"' + YEAR + rb"-\1", text), nquads.count(b"\n"))


@dataclass(frozen=True)
class Loaded:
    seconds: float  # wall time from the first copy made to the last one in the store
    making: float  # of the threads making the copies, beside the loads
    quads: int


def load_copies(store: ox.Store, template: Template, copies: range, loads: int = 2) -> Loaded:
    """Bulk-load the copies into the store in `loads` calls of `bulk_load` at a time, each
    reading its share of the copies from a pipe that a thread of ours fills as Oxigraph reads
    (no copy is held whole but the ones being written, and no Python runs in the loaders).

    A call puts its index files into the store when it ends, and files put in one after
    another set RocksDB compacting them in the background while the next copies load, work
    that the compaction after the loads does again; each call parses on one thread and
    sorts on two. With 9 copies of 2,500 articles (8.5 M quads), compaction included: a
    call a copy, 2 at a time, 122 s and 210 s of CPU (49 s of it compacting during the
    loads); one call for all, 119 s and 187 s; two calls, 116 s and 197 s. With 9 copies of
    10,000 articles (34 M quads): one call, 442 s and a compaction of 207 s (the machine
    shared); two calls, 355 s at 1.95 cores and 172 s (the compaction runs on one core)."""
    making = [0.0] * loads
    shares = [copies[i::loads] for i in range(loads)]
    with tempfile.TemporaryDirectory(prefix="didar-copies-") as tmp:
        pipes = [os.path.join(tmp, f"copies-{i}.nq") for i in range(loads)]
        for pipe in pipes:
            os.mkfifo(pipe)

        def write(i: int) -> None:
            with open(pipes[i], "wb") as out:  # waits for the loader to open the pipe
                for k in shares[i]:
                    began = time.perf_counter()
                    data = template.copy(k)
                    making[i] += time.perf_counter() - began
                    out.write(data)

        def load(i: int) -> None:
            try:
                store.bulk_load(path=pipes[i], format=ox.RdfFormat.N_QUADS, lenient=True)
            finally:  # a writer still waiting to open the pipe is let go (its next write fails)
                os.close(os.open(pipes[i], os.O_RDONLY | os.O_NONBLOCK))

        began = time.perf_counter()
        run_in_threads(lambda i: write(i) if i < loads else load(i - loads), 2 * loads)
        seconds = time.perf_counter() - began
    return Loaded(seconds, sum(making), template.quads * len(copies))


def run_in_threads(work: Callable[[int], None], n: int) -> None:
    """work(0) … work(n - 1), each in a thread of its own; an error is raised here (a loader's
    rather than the broken pipe it leaves its writer)."""
    errors: list[BaseException] = []

    def guarded(i: int) -> None:
        try:
            work(i)
        except BaseException as err:
            errors.append(err)

    started = [threading.Thread(target=guarded, args=(i,)) for i in range(n)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    if errors:
        raise next((e for e in errors if not isinstance(e, BrokenPipeError)), errors[0])
