"""Building the graph from many articles: extract, validate, load.

Articles go through in chunks (`CHUNK` at a time): spaCy tokenises a chunk together and
pySHACL validates it in one run (`validate_batch`), yet every article keeps its own
outcome, so a bad article is reported and kept aside while the rest goes in."""

from __future__ import annotations

import functools
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .article import Article
from .errors import DidarError, InputError, NoMeetingError
from .graph import article_iri, extraction_graph
from .model import Extraction
from .nlp import load_pipeline
from .pipeline import extract_articles
from .sources import Source, iter_sources, load_source
from .store import ArticleWriter, replace_graph, writable_store, write_merged
from .validate import Report, validate_batch

CHUNK = 32  # articles extracted and validated together


@dataclass(frozen=True)
class Outcome:
    """What happened to one input."""

    source: str
    doc_id: str | None
    loaded: bool
    meetings: int = 0
    triples: int = 0
    message: str = ""


@dataclass
class BuildSummary:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def loaded(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.loaded]

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.loaded]


def graph_of(article: Article, extraction: Extraction) -> tuple[Graph, int]:
    """An extraction's graph and its number of meetings; NoMeetingError when there are none."""
    if not extraction.meetings:
        raise NoMeetingError(
            "reports no meeting between named officials; nothing to load",
            path=article.source or article.doc_id,
        )
    return extraction_graph(extraction), len(extraction.meetings)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new version, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Processed:
    """One article after extraction and validation: its outcome, and its graph if it loads."""

    outcome: Outcome
    iri: str | None = None
    graph: Graph | None = None


def chunks(sources: Iterable[Source], size: int = CHUNK) -> Iterator[list[Source]]:
    iterator = iter(sources)
    while chunk := list(islice(iterator, size)):
        yield chunk


def process_chunk(sources: Sequence[Source], rejected_dir: Path | None) -> list[Processed]:
    """Read, extract and validate some articles; every failure becomes that article's Outcome."""
    done: dict[int, Processed] = {}
    read: list[tuple[int, Article]] = []
    for k, source in enumerate(sources):
        try:
            read.append((k, load_source(source)))
        except InputError as err:
            done[k] = Processed(Outcome(source.label, None, False, message=str(err)))
    staged: list[tuple[int, Article, Graph, int]] = []
    extractions = extract_articles([article for _, article in read])
    for (k, article), extraction in zip(read, extractions, strict=True):
        try:
            graph, meetings = graph_of(article, extraction)
        except (NoMeetingError, DidarError) as err:
            done[k] = Processed(Outcome(sources[k].label, None, False, message=str(err)))
            continue
        staged.append((k, article, graph, meetings))
    reports = validate_batch([graph for _, _, graph, _ in staged])
    for (k, article, graph, meetings), report in zip(staged, reports, strict=True):
        path = sources[k].label
        if report.conforms:
            iri = str(article_iri(article.doc_id))
            done[k] = Processed(Outcome(path, article.doc_id, True, meetings, len(graph)), iri, graph)
        else:
            reject(article, graph, report, rejected_dir)
            first = report.violations[0] if report.violations else None
            message = str(DidarError(f"does not conform to the shapes: {first}", path=path))
            done[k] = Processed(Outcome(path, None, False, message=message))
    return [done[k] for k in range(len(sources))]


def reject(article: Article, graph: Graph, report: Report, rejected_dir: Path | None) -> None:
    """Keep a rejected article's graph and SHACL report aside for a person to look at."""
    if rejected_dir is not None:
        stem = rejected_dir / article.doc_id
        write_atomically(stem.with_suffix(".ttl"), graph.serialize(format="turtle").encode())
        write_atomically(stem.with_suffix(".report.txt"), report.text().encode())


Loader = Callable[[str, Graph], None]
OnOutcome = Callable[[Outcome], None] | None


def run_batch(paths: Iterable[Path], load: Loader, rejected_dir: Path | None, on_outcome: OnOutcome) -> BuildSummary:
    """Process every article of `paths` with `load`, reporting each outcome as it comes."""
    summary = BuildSummary()
    for chunk in chunks(iter_sources(paths)):
        for item in process_chunk(chunk, rejected_dir):
            if item.iri is not None and item.graph is not None:
                load(item.iri, item.graph)
            summary.outcomes.append(item.outcome)
            if on_outcome is not None:
                on_outcome(item.outcome)
    return summary


def _work(job: tuple[list[Source], Path | None]) -> list[tuple[Outcome, str | None, str | None]]:
    """In a worker process: a chunk of articles to (outcome, graph IRI, N-Triples) for the parent."""
    sources, rejected_dir = job
    return [
        (item.outcome, item.iri, item.graph.serialize(format="nt") if item.graph is not None else None)
        for item in process_chunk(sources, rejected_dir)
    ]


def run_parallel(
    paths: Iterable[Path], store: ox.Store, rejected_dir: Path | None, on_outcome: OnOutcome, jobs: int
) -> BuildSummary:
    """Extract and validate in `jobs` worker processes; this process alone writes the store."""
    load_pipeline()  # loaded once here, shared with the forked workers
    summary = BuildSummary()
    context = multiprocessing.get_context("fork")
    writer = ArticleWriter(store)
    with context.Pool(jobs) as pool:
        jobs_iter = ((chunk, rejected_dir) for chunk in chunks(iter_sources(paths)))
        for results in pool.imap(_work, jobs_iter):
            for outcome, iri, ntriples in results:
                if iri is not None and ntriples is not None:
                    writer.ntriples(iri, ntriples)
                summary.outcomes.append(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)
    return summary


def build(
    paths: Iterable[Path],
    store_dir: Path,
    turtle_out: Path | None,
    *,
    rejected_dir: Path | None = None,
    on_outcome: OnOutcome = None,
    jobs: int = 1,
) -> BuildSummary:
    """Build (or update) the store from articles and write the merged Turtle view."""
    with writable_store(store_dir) as store:
        if jobs > 1:
            summary = run_parallel(paths, store, rejected_dir, on_outcome, jobs)
        else:
            summary = run_batch(paths, ArticleWriter(store), rejected_dir, on_outcome)
        if turtle_out is not None:
            write_merged(store, turtle_out)
    return summary


def extract_to_graph(paths: Iterable[Path], on_outcome: OnOutcome = None) -> tuple[Graph, BuildSummary]:
    """`didar extract`: the merged graph of the given articles, with no store."""
    from .graph import new_graph

    merged = new_graph()

    def load(_: str, graph: Graph) -> None:
        for triple in graph:
            merged.add(triple)

    return merged, run_batch(paths, load, None, on_outcome)


def build_in_memory(paths: Iterable[Path], on_outcome: OnOutcome = None) -> tuple[ox.Store, BuildSummary]:
    """Extract articles into an in-memory Oxigraph store (for scoring and tests)."""
    store = ox.Store()
    return store, run_batch(paths, functools.partial(replace_graph, store), None, on_outcome)
