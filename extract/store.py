"""Stage 7: the Oxigraph store on disk — one named graph per article."""

from __future__ import annotations

import fcntl
import gc
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .errors import StoreError
from .vocab import ID

DESCRIPTION_GRAPH = str(ID["dataset"])  # the dataset's own description (extract/dataset.py), not an article


def is_store(path: Path) -> bool:
    """Does the folder hold an Oxigraph (RocksDB) store?"""
    return (path / "CURRENT").is_file()


def open_store(path: Path, *, read_only: bool = False) -> ox.Store:
    """Open (or create) the on-disk store; a clear error when it is busy or broken, or when
    the folder holds something else (RocksDB's files are not mixed with a user's)."""
    if not is_store(path) and path.is_dir() and any(path.iterdir()):
        raise StoreError(
            "this folder holds other files, not a Didar store",
            path=str(path),
            fix="pass an empty or new folder to --store",
        )
    if read_only and not is_store(path):
        raise StoreError("no store here", path=str(path), fix="run `didar build` first, or pass --store")
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as err:
        raise StoreError(
            f"cannot open the store: {err}",
            path=str(path),
            fix="is another didar process using it? wait for it or pass another --store",
        ) from None


class StoreLock:
    """An exclusive lock beside the store (`STORE.lock`, holding the writer's PID), so a
    second writer gets a clear error instead of corrupting the store. The operating system
    releases it when the process dies, even on SIGKILL."""

    def __init__(self, store_dir: Path) -> None:
        self.path = store_dir.with_name(store_dir.name + ".lock")
        self.fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise StoreError(
                f"store in use by PID {holder}",
                path=str(self.path.with_suffix("")),
                fix="wait for that didar process to finish, or pass another --store",
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


@contextmanager
def writable_store(path: Path) -> Iterator[ox.Store]:
    """The store opened for writing by this process alone; flushed and released on exit."""
    lock = StoreLock(path)
    lock.acquire()
    try:
        store = open_store(path)
        try:
            yield store
        finally:
            store.flush()
            del store
            gc.collect()  # release RocksDB's own lock now, not when a cycle is collected
    finally:
        lock.release()


@dataclass(frozen=True)
class Stats:
    articles: int
    meetings: int
    people: int
    states: int
    proposals: int
    triples: int  # distinct triples over all article graphs
    quads: int  # triples counted once per article graph


def stats(store: ox.Store) -> Stats:
    """Counts over the union of the article graphs (the dataset description left out)."""
    query = """
        PREFIX didar: <https://w3id.org/didar/ontology#>
        PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        SELECT
          (COUNT(DISTINCT ?m) AS ?meetings) (COUNT(DISTINCT ?p) AS ?people)
          (COUNT(DISTINCT ?s) AS ?states) (COUNT(DISTINCT ?x) AS ?proposals)
        WHERE {
          { ?m a didar:DiplomaticMeeting } UNION { ?p a foaf:Person }
          UNION { ?part didar:represents ?s } UNION { ?x a didar:Proposal }
        }"""
    row = _one_row(store, query)
    distinct = (
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
        f"FILTER (?g != <{DESCRIPTION_GRAPH}>) }} }}"
    )
    triples = _one_row(store, distinct)["n"]
    return Stats(
        articles=len(article_graphs(store)),
        meetings=row["meetings"],
        people=row["people"],
        states=row["states"],
        proposals=row["proposals"],
        triples=triples,
        quads=article_quads(store),
    )


def article_quads(store: ox.Store) -> int:
    """The number of quads in the article graphs (Oxigraph counts the whole store: 1 s at 4 M)."""
    return len(store) - len(description_quads(store))


def description_quads(store: ox.Store) -> list[ox.Quad]:
    """The quads of the dataset description graph (empty before the first build)."""
    return list(store.quads_for_pattern(None, None, None, ox.NamedNode(DESCRIPTION_GRAPH)))


def _one_row(store: ox.Store, query: str) -> dict[str, int]:
    """The integer columns of a one-row SELECT over the union of the graphs."""
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    solution = next(iter(result))
    return {name: int(term.value) for name in names if isinstance(term := solution[name], ox.Literal)}


def replace_graph(store: ox.Store, graph_iri: str, graph: Graph) -> None:
    """Put an article's graph in the store, replacing any earlier version, in one transaction."""
    replace_ntriples(store, graph_iri, graph.serialize(format="nt"))


def replace_ntriples(store: ox.Store, graph_iri: str, ntriples: str) -> None:
    """The same, for a graph already serialised as N-Triples (as worker processes send it)."""
    store.update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}\n}} }}")


def nquads_of(graph_iri: str, ntriples: str) -> str:
    """An article's N-Triples (as `ntriples_of` writes them) as N-Quads in its named graph: each
    line ends in " .\n", and only there (a literal's line breaks are escaped)."""
    return ntriples.replace(" .\n", f" <{graph_iri}> .\n")


class ArticleWriter:
    """Puts article graphs into the store.

    Articles new to the store are bulk-loaded together, `bulk_quads` quads (or `bulk_seconds`
    of work) at a time: Oxigraph writes their index files directly, each load all or nothing.
    They go in as one TriG document, each article's N-Triples in a block of its graph: a
    quarter fewer bytes than N-Quads (which repeat the graph on every line), and 5 % less
    of the loader's time (1.5 M quads: 14.4 against 15.2 s of CPU).
    Each load leaves files that RocksDB compacts while the next ones come, and that work grows
    with the store, so fewer, larger loads save CPU; but the loader holds a load's quads in
    memory (about 1.3 KB a quad at its peak). Measured on 10,000 generated articles, --jobs 2,
    in one hour: at 300,000 quads or 5 s a load, 88–102 articles/s and a peak of 650–690 MB;
    at 450,000 or 10 s, 109–110 articles/s and 918–934 MB; at 600,000 or 15 s, 113 articles/s
    but 1.0–1.1 GB, over the 1 GB a 10,000-article build may take. Lenient loading skips
    checking IRIs and literals again: the SHACL engine has parsed the same N-Triples.
    An article the store already holds (or one given twice) is replaced in a transaction of
    its own; the store is flushed every `flush_every` such transactions, since RocksDB keeps
    their writes in memory tables until a flush (2.5 GB at 10,000 articles without one)."""

    def __init__(
        self, store: ox.Store, flush_every: int = 200, bulk_quads: int = 450_000, bulk_seconds: float = 10.0
    ) -> None:
        self.store = store
        self.flush_every = flush_every
        self.bulk_quads = bulk_quads
        self.bulk_seconds = bulk_seconds
        self.transactions = 0
        self.bulk_loads = 0
        self.pending: list[bytes] = []  # TriG blocks of new articles, not yet in the store
        self.pending_iris: set[str] = set()
        self.pending_quads = 0
        self.since = time.monotonic()
        self.unchanged = 0  # articles given again exactly as the store holds them: left alone
        self.changed = False  # has anything been written to the store?
        self.busy = 0.0  # seconds spent writing

    def write(self, graphs: Iterable[tuple[str, bytes]]) -> bool:
        """Store (graph IRI, its N-Triples) pairs, as worker processes make them (the text of
        `ntriples_of` or the graph stage, encoded: one triple a line); a later pair for the same
        IRI wins. True when everything written so far is in the store."""
        for iri, ntriples in graphs:
            if iri in self.pending_iris:
                self.finish()  # the first version goes in, then the second replaces it
            if self.store.contains_named_graph(ox.NamedNode(iri)):
                self._replace(iri, ntriples.decode("utf-8"))
                continue
            if not self.pending:
                self.since = time.monotonic()
            self.pending.append(b"<%s> {\n%s}\n" % (iri.encode("utf-8"), ntriples))
            self.pending_iris.add(iri)
            self.pending_quads += ntriples.count(b"\n")
        if self.pending_quads >= self.bulk_quads or time.monotonic() - self.since >= self.bulk_seconds:
            self.finish()
        return not self.pending

    def finish(self) -> None:
        """Bulk-load the new articles still pending."""
        if self.pending:
            began = time.perf_counter()
            data = b"".join(self.pending)
            self.pending.clear()  # the load's bytes are held once, not twice, while it runs
            self.store.bulk_load(data, format=ox.RdfFormat.TRIG, lenient=True)
            self.busy += time.perf_counter() - began
            self.bulk_loads += 1
            self.changed = True
        self.pending, self.pending_iris, self.pending_quads = [], set(), 0

    def _replace(self, iri: str, ntriples: str) -> None:
        began = time.perf_counter()
        try:
            self._replace_now(iri, ntriples)
        finally:
            self.busy += time.perf_counter() - began

    def _replace_now(self, iri: str, ntriples: str) -> None:
        if same_facts(self.store, iri, ntriples):
            self.unchanged += 1
            return
        replace_ntriples(self.store, iri, ntriples)
        self.changed = True
        self.transactions += 1
        if self.transactions % self.flush_every == 0:
            self.store.flush()


# When an extraction ran (xsd:dateTime): the only triples of an article's graph that differ
# from one build to the next when its text and the software are the same.
RUN_TIMES = frozenset(
    {"http://www.w3.org/ns/prov#startedAtTime", "http://www.w3.org/ns/prov#endedAtTime"}
)  # fmt: skip


def _facts(triples: Iterable[ox.Triple | ox.Quad]) -> set[tuple[object, ...]]:
    """Triples with the run times' values left out (their presence still counts)."""
    return {
        (t.subject, t.predicate) if t.predicate.value in RUN_TIMES else (t.subject, t.predicate, t.object)
        for t in triples
    }


def same_facts(store: ox.Store, graph_iri: str, ntriples: str) -> bool:
    """Does the store's graph already say what `ntriples` says, but for when it was extracted?
    Then a rebuild keeps the graph (and its times) as it is: about 1 ms for an article."""
    stored = store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))
    new = ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return _facts(stored) == _facts(new)


OPTIMIZE_AFTER = 1000  # articles loaded by one build


def compact_if(store: ox.Store, optimize: bool | None, loaded: int) -> None:
    """Compact the store's files (RocksDB compaction, through Oxigraph's `optimize`).

    Every bulk load adds index files whose key ranges overlap the earlier ones, so a lookup
    has to search more files as the store grows: at 100,000 articles a selective query went
    from 1.8 s to 0.09 s after compaction. It took 14–21 s at the end of 10,000-article builds
    and 209 s for the bench's 100,000 (on one core; nothing to do on a store compacted
    already), so by default (`optimize` None) it runs only after OPTIMIZE_AFTER articles."""
    if optimize or (optimize is None and loaded >= OPTIMIZE_AFTER):
        store.optimize()


def remove_graph(store: ox.Store, graph_iri: str) -> bool:
    """Take one article's graph out; False when it was not there."""
    node = ox.NamedNode(graph_iri)
    if not store.contains_named_graph(node):
        return False
    store.remove_graph(node)
    return True


def holds_articles(store: ox.Store) -> bool:
    """Does the store hold any article graph?"""
    return any(isinstance(g, ox.NamedNode) and g.value != DESCRIPTION_GRAPH for g in store.named_graphs())


def article_graphs(store: ox.Store) -> list[str]:
    """The IRIs of the article graphs (every named graph but the dataset description), sorted."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value != DESCRIPTION_GRAPH)
