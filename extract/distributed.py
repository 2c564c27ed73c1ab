"""Extraction mapped over a Dask cluster (`didar build --dask tcp://HOST:8786`).

Extraction is a pure function of an article, so the sources are cut into partitions and
each partition is extracted and validated on a worker, which sends back its outcomes and
its articles' graphs. This process writes each partition as N-Quads (a named graph per
article) to `PARTITIONS/part-NNNNN.nq`, for stores that bulk-load N-Quads, and puts the
articles into the store (bulk-loaded, or replacing earlier versions). The workers
must see the input files (a shared file system). Needs `pip install 'didar[dask]'`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from . import dataset
from .batch import BuildSummary, Outcome, chunks, process_chunk
from .errors import DidarError
from .merged import write_merged
from .sources import Source, iter_sources
from .store import ArticleWriter, compact_if, nquads_of, writable_store


def extract_partition(
    sources: list[Source], rejected_dir: Path | None
) -> tuple[list[Outcome], list[tuple[str, bytes]]]:
    """On a worker: outcomes, and (graph IRI, N-Triples) of every article that conforms."""
    outcomes: list[Outcome] = []
    graphs: list[tuple[str, bytes]] = []
    for chunk in chunks(sources):
        for item in process_chunk(chunk, rejected_dir):
            outcomes.append(item.outcome)
            if item.iri is not None and item.ntriples is not None:
                graphs.append((item.iri, item.ntriples.encode("utf-8")))
    return outcomes, graphs


def build_with_dask(
    paths: Iterable[Path],
    address: str,
    store_dir: Path,
    turtle_out: Path | None,
    *,
    partitions_dir: Path,
    rejected_dir: Path | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    partition_size: int = 64,
    optimize: bool | None = None,
) -> BuildSummary:
    """Map extraction over the cluster at `address`; load each partition as it completes."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise DidarError("Dask is not installed", fix="pip install 'didar[dask]'") from None
    summary = BuildSummary()
    partitions_dir.mkdir(parents=True, exist_ok=True)
    with Client(address) as client, writable_store(store_dir) as store:  # type: ignore[no-untyped-call]
        writer = ArticleWriter(store)
        futures = {
            client.submit(extract_partition, part, rejected_dir, pure=False): number
            for number, part in enumerate(chunks(iter_sources(paths), partition_size), 1)
        }
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            outcomes, graphs = future.result()
            number = futures[future]
            path = partitions_dir / f"part-{number:05d}.nq"
            path.write_bytes(b"".join(nquads_of(iri, ntriples.decode()).encode() for iri, ntriples in graphs))
            writer.write(graphs)  # as in a local build
            writer.finish()
            for outcome in outcomes:
                summary.add(outcome, on_outcome)
        dataset.update(store, changed=writer.changed)
        compact_if(store, optimize, len(summary.loaded))
        if turtle_out is not None:
            write_merged(store, turtle_out)
    return summary
