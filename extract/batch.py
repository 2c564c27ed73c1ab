"""Building the graph from many articles: extract, validate, load — one article at a time,
so that a bad article is reported and kept aside while the rest of the batch goes in."""

from __future__ import annotations

import functools
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .article import Article
from .errors import DidarError, InputError, NoMeetingError
from .graph import article_iri, extraction_graph
from .nlp import load_pipeline
from .pipeline import extract_article
from .sources import Source, iter_sources, load_source
from .store import ArticleWriter, replace_graph, writable_store, write_merged
from .validate import validate_graph


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


def article_graph(article: Article) -> tuple[Graph, int]:
    """Extract one article into its graph; raise NoMeetingError when it reports none."""
    extraction = extract_article(article)
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


def process(
    source: Source,
    load: Callable[[str, Graph], None],
    rejected_dir: Path | None,
) -> Outcome:
    """Read, extract, validate and load one article; every failure becomes an Outcome."""
    path = source.label
    try:
        article = load_source(source)
        graph, meetings = article_graph(article)
        report = validate_graph(graph)
        if not report.conforms:
            if rejected_dir is not None:
                stem = rejected_dir / article.doc_id
                write_atomically(stem.with_suffix(".ttl"), graph.serialize(format="turtle").encode())
                write_atomically(stem.with_suffix(".report.txt"), report.text().encode())
            first = report.violations[0] if report.violations else None
            raise DidarError(f"does not conform to the shapes: {first}", path=path)
        load(str(article_iri(article.doc_id)), graph)
        return Outcome(path, article.doc_id, True, meetings, len(graph))
    except (InputError, NoMeetingError, DidarError) as err:
        return Outcome(path, None, False, message=str(err))


Loader = Callable[[str, Graph], None]
OnOutcome = Callable[[Outcome], None] | None


def run_batch(paths: Iterable[Path], load: Loader, rejected_dir: Path | None, on_outcome: OnOutcome) -> BuildSummary:
    """Process every article of `paths` with `load`, reporting each outcome as it comes."""
    summary = BuildSummary()
    for source in iter_sources(paths):
        outcome = process(source, load, rejected_dir)
        summary.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return summary


def _work(job: tuple[Source, Path | None]) -> tuple[Outcome, str | None, str | None]:
    """In a worker process: one article to (outcome, graph IRI, N-Triples) for the parent to load."""
    source, rejected_dir = job
    captured: list[tuple[str, str]] = []
    outcome = process(source, lambda iri, graph: captured.append((iri, graph.serialize(format="nt"))), rejected_dir)
    iri, ntriples = captured[0] if captured else (None, None)
    return outcome, iri, ntriples


def run_parallel(
    paths: Iterable[Path], store: ox.Store, rejected_dir: Path | None, on_outcome: OnOutcome, jobs: int
) -> BuildSummary:
    """Extract and validate in `jobs` worker processes; this process alone writes the store."""
    load_pipeline()  # loaded once here, shared with the forked workers
    summary = BuildSummary()
    context = multiprocessing.get_context("fork")
    writer = ArticleWriter(store)
    with context.Pool(jobs) as pool:
        jobs_iter = ((source, rejected_dir) for source in iter_sources(paths))
        for outcome, iri, ntriples in pool.imap(_work, jobs_iter, chunksize=4):
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
