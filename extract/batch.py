"""Building the graph from many articles: extract, validate, load.

Articles go through in chunks (`CHUNK` at a time): spaCy tokenises a chunk together, then
each article's graph is validated alone (`validate_triples`), so a bad article is reported
and kept aside while the rest goes in."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from . import acceptance, dataset, pipeline, validate
from .article import Article
from .errors import DidarError, InputError, NoMeetingError
from .files import replacing, write_atomically
from .graph import RunTimes, article_iri, extraction_ntriples, graph_of_ntriples
from .merged import MergedStream, TurtlePart, prefix_header, turtle_part, write_merged, write_merged_into
from .model import Extraction
from .pipeline import extract_articles
from .sources import Source, iter_sources, load_source
from .store import ArticleWriter, compact_if, holds_articles, replace_ntriples, writable_store
from .validate import Report, validate_ntriples
from .vocab import file_stem

CHUNK = 32  # articles extracted together
# The collector's thresholds during a build: an article makes tens of thousands of objects,
# few of them in cycles, and at Python's default (700) collecting cost 3 % of extraction.
GC_THRESHOLDS = (100_000, 50, 100)


@dataclass(frozen=True)
class Outcome:
    """What happened to one input."""

    source: str
    doc_id: str | None
    loaded: bool
    meetings: int = 0
    triples: int = 0
    message: str = ""
    warnings: tuple[str, ...] = ()  # parts left out of a loaded article (see acceptance.py)
    no_meeting: bool = False  # left out for reporting no meeting (not for being bad input or data)


@dataclass
class BuildSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    sources_of: dict[str, str] = field(default_factory=dict)  # doc id -> the input it was loaded from
    changed: bool = False  # did the build write anything to the store (not all articles as they were)?
    seconds: dict[str, float] = field(default_factory=dict)  # wall time by phase (see `build`)
    streamed: bool = False  # did the build write the merged Turtle as the articles went in?

    def add(self, outcome: Outcome, on_outcome: OnOutcome = None) -> None:
        """Count an outcome and report it; a loaded article whose id an earlier one had
        replaces it in the store, and says so."""
        doc_id = outcome.doc_id
        if outcome.loaded and doc_id is not None:
            earlier = self.sources_of.get(doc_id)
            if earlier is not None:
                note = f"{doc_id}: the same id as {earlier}; this article replaces that one"
                outcome = replace(outcome, warnings=(*outcome.warnings, note))
            self.sources_of[doc_id] = outcome.source
        self.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    @property
    def loaded(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.loaded]

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.loaded]


def ntriples_for(article: Article, extraction: Extraction, times: RunTimes | None = None) -> str:
    """An extraction's graph as N-Triples text; NoMeetingError when it reports no meeting."""
    if not extraction.meetings:
        raise NoMeetingError(
            "reports no meeting between named officials; nothing to load",
            path=article.source or article.doc_id,
        )
    return extraction_ntriples(extraction, times)


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Processed:
    """One article after extraction and validation: its outcome, and its graph (as N-Triples
    text) if it loads."""

    outcome: Outcome
    iri: str | None = None
    ntriples: str | None = None


def chunks(sources: Iterable[Source], size: int = CHUNK) -> Iterator[list[Source]]:
    iterator = iter(sources)
    while chunk := list(islice(iterator, size)):
        yield chunk


def process_chunk(sources: Sequence[Source], rejected_dir: Path | None) -> list[Processed]:
    """Read, extract and validate some articles; every failure becomes that article's Outcome.
    The articles are read and extracted together, so their extraction activities share the
    chunk's start and end times."""
    started = now()
    done: dict[int, Processed] = {}
    read: list[tuple[int, Article]] = []
    for k, source in enumerate(sources):
        try:
            read.append((k, load_source(source)))
        except InputError as err:
            done[k] = Processed(Outcome(source.label, None, False, message=str(err)))
    extractions = extract_articles([article for _, article in read])
    times = (started, now())
    for (k, article), extraction in zip(read, extractions, strict=True):
        try:
            ntriples = ntriples_for(article, extraction, times)
            report = validate_ntriples(ntriples, findings=False)
            done[k] = settle(sources[k].label, extraction, ntriples, report, rejected_dir, times)
        except DidarError as err:  # no meeting, or a graph that is not valid RDF
            message = str(err) if err.path else f"{sources[k].label}: {err}"
            no_meeting = isinstance(err, NoMeetingError)
            done[k] = Processed(Outcome(sources[k].label, None, False, message=message, no_meeting=no_meeting))
    return [done[k] for k in range(len(sources))]


def settle(
    path: str,
    extraction: Extraction,
    ntriples: str,
    report: Report,
    rejected_dir: Path | None,
    times: RunTimes | None = None,
) -> Processed:
    """Load a conforming article; load one whose only violations are in proposals or
    statements without those parts (with a warning for each); reject the rest. `ntriples`:
    the extraction's graph, one triple a line."""
    article = extraction.article
    iri = str(article_iri(article.doc_id))
    if report.conforms:
        loaded = Outcome(path, article.doc_id, True, len(extraction.meetings), ntriples.count("\n"))
        return Processed(loaded, iri, ntriples)
    parts = acceptance.separable(report, article.doc_id)
    if parts is not None:
        kept = acceptance.without(extraction, set(parts))
        kept_ntriples = extraction_ntriples(kept, times)
        if validate_ntriples(kept_ntriples, findings=False).conforms:
            warnings = tuple(acceptance.warning(article.doc_id, p, f, article.text) for p, f in parts.items())
            count = kept_ntriples.count("\n")
            outcome = Outcome(path, article.doc_id, True, len(kept.meetings), count, warnings=warnings)
            return Processed(outcome, iri, kept_ntriples)
    reject(article, graph_of_ntriples(ntriples), report, rejected_dir)
    first = report.violations[0] if report.violations else None
    message = str(DidarError(f"does not conform to the shapes: {first}", path=path))
    return Processed(Outcome(path, None, False, message=message))


def reject(article: Article, graph: Graph, report: Report, rejected_dir: Path | None) -> None:
    """Keep a rejected article's graph and SHACL report aside for a person to look at."""
    if rejected_dir is not None:
        stem = file_stem(article.doc_id)
        write_atomically(rejected_dir / f"{stem}.ttl", graph.serialize(format="turtle").encode())
        write_atomically(rejected_dir / f"{stem}.report.txt", f"# {article.doc_id!r}\n{report.text()}".encode())


Loader = Callable[[str, str], None]  # an article graph's IRI and its N-Triples
OnOutcome = Callable[[Outcome], None] | None


def run_batch(paths: Iterable[Path], load: Loader, rejected_dir: Path | None, on_outcome: OnOutcome) -> BuildSummary:
    """Process every article of `paths` with `load`, reporting each outcome as it comes."""
    summary = BuildSummary()
    for chunk in chunks(iter_sources(paths)):
        for item in process_chunk(chunk, rejected_dir):
            if item.iri is not None and item.ntriples is not None:
                load(item.iri, item.ntriples)
            summary.add(item.outcome, on_outcome)
    return summary


@dataclass(frozen=True)
class ArticleGraph:
    """What a worker process sends for a loaded article: its graph as N-Triples, ready for the
    store's writer, and, for a merged Turtle written as the build goes, its share of that file."""

    iri: str
    ntriples: bytes  # its graph, one triple a line (UTF-8)
    turtle: TurtlePart | None = None


Job = tuple[list[Source], Path | None, bool]  # sources, the folder for rejected articles, Turtle parts?


def _work(job: Job) -> tuple[list[Outcome], list[ArticleGraph]]:
    """In a worker process: a chunk of articles to outcomes and the graphs of those that load."""
    sources, rejected_dir, turtle = job
    processed = process_chunk(sources, rejected_dir)
    graphs = [
        ArticleGraph(
            item.iri,
            item.ntriples.encode("utf-8"),
            turtle_part(item.ntriples) if turtle else None,
        )
        for item in processed
        if item.iri and item.ntriples is not None
    ]
    return [item.outcome for item in processed], graphs


def run_into_store(
    paths: Iterable[Path],
    store: ox.Store,
    rejected_dir: Path | None,
    on_outcome: OnOutcome,
    jobs: int,
    merged: MergedStream | None = None,
) -> BuildSummary:
    """Extract and validate chunks of articles (in `jobs` worker processes when jobs > 1);
    this process alone writes the store, a few hundred new articles a bulk load, and `merged`
    (when given) as each article goes in. Each article's outcome is reported once the article
    is in the store. `summary.streamed` tells whether `merged` holds every loaded article
    (not when an article replaced one the store held)."""
    began = time.perf_counter()
    pipeline.prepare()  # loaded once here, shared with the forked workers
    validate.prepare()
    if merged is not None:
        prefix_header()
    ready = time.perf_counter() - began
    summary = BuildSummary()
    writer = ArticleWriter(store)
    waiting: list[Outcome] = []  # reported once their articles are in the store

    def report() -> None:
        for outcome in waiting:
            summary.add(outcome, on_outcome)
        waiting.clear()

    work = ((chunk, rejected_dir, merged is not None) for chunk in chunks(iter_sources(paths)))
    streamed = merged is not None
    with contextlib.ExitStack() as stack:
        gc.freeze()  # the lexicons live for the whole build: the collector need not scan them again
        stack.callback(gc.unfreeze)  # so that the store can be released when the build ends
        stack.callback(gc.set_threshold, *gc.get_threshold())
        gc.set_threshold(*GC_THRESHOLDS)  # here and in the forked workers
        if jobs > 1:
            pool = stack.enter_context(multiprocessing.get_context("fork").Pool(jobs))
            results: Iterable[tuple[list[Outcome], list[ArticleGraph]]] = pool.imap(_work, work)
        else:
            results = map(_work, work)
        try:
            for outcomes, graphs in results:
                stored = writer.write((g.iri, g.ntriples) for g in graphs)
                streamed = streamed and writer.transactions == writer.unchanged == 0
                if merged is not None and streamed:
                    for g in graphs:
                        if g.turtle is not None:
                            merged.add(g.turtle)
                waiting.extend(outcomes)
                if stored:
                    report()
        finally:
            writer.finish()
            report()
    summary.changed = writer.changed
    summary.streamed = streamed
    summary.seconds |= {"start-up": ready, "writer busy": writer.busy}
    return summary


def build(
    paths: Iterable[Path],
    store_dir: Path,
    turtle_out: Path | None,
    *,
    rejected_dir: Path | None = None,
    on_outcome: OnOutcome = None,
    jobs: int = 1,
    optimize: bool | None = None,
) -> BuildSummary:
    """Build (or update) the store from articles, describe the dataset and write the merged
    Turtle view. `optimize`: compact the store at the end; by default when OPTIMIZE_AFTER or
    more articles were loaded."""
    with writable_store(store_dir) as store, contextlib.ExitStack() as files:
        began = time.perf_counter()
        merged = None
        if turtle_out is not None and not holds_articles(store):  # the Turtle is written as the articles go in
            partial = files.enter_context(replacing(turtle_out))
            out = files.enter_context(partial.open("wb"))
            merged = MergedStream(out)
        summary = run_into_store(paths, store, rejected_dir, on_outcome, jobs, merged)
        stored = time.perf_counter()
        dataset.update(store, changed=summary.changed)
        compact_if(store, optimize, len(summary.loaded))
        compacted = time.perf_counter()
        if merged is not None and summary.streamed:
            merged.finish(store)
        elif merged is not None:  # an article replaced another: the stream holds both
            out.close()
            write_merged_into(store, partial)
        elif turtle_out is not None:
            write_merged(store, turtle_out)
        summary.seconds = {
            "start-up": summary.seconds.get("start-up", 0.0),
            "extraction and loading": stored - began - summary.seconds.get("start-up", 0.0),
            "of which writing the store": summary.seconds.get("writer busy", 0.0),
            "description and compaction": compacted - stored,
            "merged Turtle": time.perf_counter() - compacted,
        }
    return summary


def extract_to_graph(paths: Iterable[Path], on_outcome: OnOutcome = None) -> tuple[Graph, BuildSummary]:
    """`didar extract`: the merged graph of the given articles, with no store."""
    from .graph import new_graph

    merged = new_graph()

    def load(_: str, ntriples: str) -> None:
        merged.parse(data=ntriples, format="nt")

    return merged, run_batch(paths, load, None, on_outcome)


def build_in_memory(paths: Iterable[Path], on_outcome: OnOutcome = None) -> tuple[ox.Store, BuildSummary]:
    """Extract articles into an in-memory Oxigraph store (for scoring and tests)."""
    store = ox.Store()

    def load(iri: str, ntriples: str) -> None:
        replace_ntriples(store, iri, ntriples)

    return store, run_batch(paths, load, None, on_outcome)
