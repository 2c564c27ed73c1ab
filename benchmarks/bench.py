"""`make bench`: throughput, memory, SHACL cost, store load rate and query latency.

Usage: python -m benchmarks.bench [--articles 500] [--build 2500] [--scales 10000,100000]
                                  [--rdflib-timeout 30]

1. Stage rates on --articles generated articles (benchmarks.generate: shaped like the
   annotated corpus): the bare spaCy tokenizer (the ceiling), extraction, extraction + graph,
   extraction + graph + SHACL (pyshacl-turbo, each article alone as the build does it),
   and SHACL per article. Where ../shared/corpus is here, the tokenizer and extraction
   also run on the annotated articles themselves, cycled to --articles; the table ends with
   what the extractor reads in both (benchmarks.profile).
2. The full build (`didar build --jobs 2 --no-turtle`) of --build articles into an on-disk store:
   articles/s from the start to the last article stored (timed from the build's own
   per-article lines) and end to end, and the peak memory of its largest process.
3. The built store's quads are copied with renamed IRIs and spread years to make each
   --scales store; each is bulk-loaded (quads/s), compacted, and queried: the selective
   query (meetings of two states in one month: the named query `meetings-in-month`) and each
   contract query. rdflib's own engine runs the same question, in standard SPARQL, on the
   --articles of step 1 (beside Oxigraph on the same quads), if it finishes within
   --rdflib-timeout.

Everything is measured on this machine in this run; ratios are printed beside times
because machines are noisy.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from benchmarks.extraction import rows as extraction_rows
from benchmarks.generate import generate, write_jsonl
from benchmarks.profile import REPO_ANNOTATED, SHARED_DEV, counts_of, read_annotated, summarize, table
from extract import queries
from extract.article import Article, article_from_text
from extract.graph import article_iri, extraction_triples
from extract.model import Extraction
from extract.nlp import load_pipeline
from extract.pipeline import extract_articles
from extract.store import nquads_of, ntriples_of
from extract.validate import validate_triples

BATCH = 32  # as the build extracts
STATES = {"stateA": "KZ", "stateB": "IR"}
MONTH = "2025-03"
# The same question in standard SPARQL (no LATERAL, a date range), for rdflib's engine.
STANDARD = """
PREFIX didar: <https://w3id.org/didar/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT DISTINCT ?meeting ?date WHERE {
  GRAPH ?g {
    ?meeting schema:startDate ?date ; didar:hasParticipation ?a, ?b .
    FILTER (?date >= "2025-03-01"^^xsd:date && ?date < "2025-04-01"^^xsd:date)
    ?a didar:represents/skos:notation "KZ" .
    ?b didar:represents/skos:notation "IR" .
  }
}"""
ID_IRI = re.compile(r"<https://w3id\.org/didar/id/([^>]*)>")
XSD = "http://www.w3.org/2001/XMLSchema#"
DATE = re.compile(rf'"2025-(\d\d-\d\d)"\^\^<{re.escape(XSD)}date>')
MONTH_LITERAL = re.compile(rf'"2025-(\d\d)"\^\^<{re.escape(XSD)}gYearMonth>')


def timed(work: Callable[[], object], label: str) -> float:
    start = time.perf_counter()
    work()
    elapsed = time.perf_counter() - start
    print(f"  … {label}: {elapsed:.1f} s", file=sys.stderr, flush=True)
    return elapsed


COPY, YEAR = "\x00", "\x01"  # placeholders: the copy number, the year


def copy_template(nquads: str) -> str:
    """A store's quads with a placeholder for the copy number after every Didar IRI and for
    the year of every date and month (2025 in generated articles)."""
    text = ID_IRI.sub(rf"<https://w3id.org/didar/id/\1~{COPY}>", nquads)
    text = DATE.sub(rf'"{YEAR}-\1"^^<{XSD}date>', text)
    return MONTH_LITERAL.sub(rf'"{YEAR}-\1"^^<{XSD}gYearMonth>', text)


def copy_of(template: str, k: int) -> str:
    """Copy k: every Didar IRI renamed (IRI~k) and dates moved to the year 2025 - k % 10, so
    each copy is new articles, meetings and people."""
    return template.replace(COPY, str(k)).replace(YEAR, str(2025 - k % 10))


class CopyStream(io.RawIOBase):
    """All the copies as one byte stream for one bulk load, each made as the loader reads
    (the copies for 100,000 articles are 6 GB of N-Quads)."""

    def __init__(self, template: str, copies: int) -> None:
        self.pending = (copy_of(template, k).encode("utf-8") for k in range(copies))
        self.current = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.current:
            following = next(self.pending, None)
            if following is None:
                return 0
            self.current = memoryview(following)
        size = min(len(buffer), len(self.current))
        buffer[:size] = self.current[:size]
        self.current = self.current[size:]
        return size


def latency(store: ox.Store, query: str, params: dict[str, str] | None = None, runs: int = 5) -> float:
    """Median seconds to run a named query through Didar's query runner and read every row."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        queries.run(store, query, params)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rdflib_latency(nquads_file: Path, timeout: float) -> tuple[str, float | None]:
    """The standard-SPARQL selective query in rdflib's own engine, in a child process."""
    code = (
        "import sys, time; from rdflib import Dataset; ds = Dataset(default_union=True); "
        "ds.parse(sys.argv[1], format='nquads'); q = sys.stdin.read(); t = time.perf_counter(); "
        "list(ds.query(q)); print(time.perf_counter() - t)"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(nquads_file)], input=STANDARD, capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return f"did not finish in {timeout:.0f} s", None
    if done.returncode != 0:
        return "failed: " + done.stderr.strip().splitlines()[-1], None
    seconds = float(done.stdout)
    return f"{1000 * seconds:.1f} ms", seconds


def full_build(jsonl: Path, store_dir: Path, jobs: int) -> tuple[float, float, dict[str, float]]:
    """Run `didar -v build --jobs N` with the merged Turtle, as a user would. Returns articles/s
    from start to end (start-up, compaction and Turtle included), the peak MB of the largest
    process, and the wall time by phase that the build reports."""
    cmd = [sys.executable, "-m", "extract.cli", "-v", "build", str(jsonl), "--store", str(store_dir),
           "-o", str(store_dir.parent / f"graph-{jobs}.ttl"), "--jobs", str(jobs), "--no-table"]  # fmt: skip
    start = time.perf_counter()
    stored = 0
    seconds: dict[str, float] = {}
    with subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True) as build:
        assert build.stderr is not None
        for line in build.stderr:
            stored += line.startswith("  ok")
            if line.startswith("time: "):
                for part in line.removeprefix("time: ").split(", "):
                    phase, value = part.rsplit(" ", 2)[0], part.rsplit(" ", 2)[1]
                    seconds[phase] = float(value)
        _, _, usage = os.wait4(build.pid, 0)
        build.returncode = 0
    elapsed = time.perf_counter() - start
    print(f"  … full build, --jobs {jobs}: {elapsed:.1f} s", file=sys.stderr, flush=True)
    lines = jsonl.read_text(encoding="utf-8").count("\n")
    return lines / elapsed, usage.ru_maxrss / 1024, seconds


def annotated_articles(n: int) -> list[Article]:
    """The annotated articles (../shared/corpus/dev and the repo's own), cycled to n with
    ids of their own; none when the shared corpus is not here."""
    if not SHARED_DEV.is_dir():
        return []
    pool = read_annotated([SHARED_DEV, *REPO_ANNOTATED])
    return [replace(pool[k % len(pool)], doc_id=f"annotated-{k:06d}") for k in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500, help="articles for the stage rates and rdflib")
    parser.add_argument("--build", type=int, default=2500, help="articles for the full build")
    parser.add_argument("--scales", default="10000,100000", help="comma-separated article counts for queries")
    parser.add_argument("--rdflib-timeout", type=float, default=30.0)
    args = parser.parse_args()
    began = time.perf_counter()
    n = args.articles
    rows: list[tuple[str, str, str]] = []

    articles = [article_from_text(doc_id, text) for doc_id, text in generate(n)]
    nlp = load_pipeline()
    list(extract_articles(articles[:BATCH]))
    [validate_triples(extraction_triples(x)) for x in extract_articles(articles[:2])]
    t_tok = timed(lambda: list(nlp.tokenizer.pipe(a.text for a in articles)), "tokenizer")
    extractions = []
    t_ext = timed(lambda: extractions.extend(extract_articles(articles)), "extraction")
    graphs = []
    t_graph = timed(lambda: graphs.extend(extraction_triples(x) for x in extractions), "graphs")
    t_shacl = timed(lambda: [validate_triples(g) for g in graphs], "SHACL")
    ceiling = n / t_tok
    total = t_ext + t_graph + t_shacl
    rows.append(("bare spaCy tokenizer (ceiling)", f"{ceiling:,.0f} articles/s", "1.0"))
    rows += extraction_rows((5_000, 40_000))
    rows.append(("extraction", f"{n / t_ext:,.0f} articles/s", f"{(n / t_ext) / ceiling:.4f}"))
    rows.append(("extraction + graph", f"{n / (t_ext + t_graph):,.0f} articles/s", ""))
    rows.append(("extraction + graph + SHACL", f"{n / total:,.1f} articles/s", "one process"))
    rows.append(("SHACL per article", f"{1000 * t_shacl / n:.1f} ms", f"{t_shacl / total:.2f} of the time"))
    profiles = {"generated": summarize([counts_of(x) for x in extractions])}
    real = annotated_articles(n)
    if real:  # the same stages on the annotated articles themselves, for comparison
        list(extract_articles(real[:BATCH]))
        t_tok_real = timed(lambda: list(nlp.tokenizer.pipe(a.text for a in real)), "tokenizer, annotated")
        real_extractions: list[Extraction] = []
        t_ext_real = timed(lambda: real_extractions.extend(extract_articles(real)), "extraction, annotated")
        real_ceiling = n / t_tok_real
        distinct = len({a.sha256 for a in real})
        rows.append((f"annotated articles ({distinct} cycled to {n:,}): tokenizer", f"{real_ceiling:,.0f} articles/s",
                     "1.0"))  # fmt: skip
        rows.append(("  extraction, annotated", f"{n / t_ext_real:,.0f} articles/s",
                     f"{(n / t_ext_real) / real_ceiling:.4f}"))  # fmt: skip
        profiles = {"annotated": summarize([counts_of(x) for x in real_extractions[:distinct]]), **profiles}

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_jsonl(work / "in.jsonl", args.build)
        b = args.build
        for jobs in (1, 2):
            rate, peak, seconds = full_build(work / "in.jsonl", work / f"store-{jobs}", jobs)
            target = "; target 100" if jobs == 2 else ""
            rows.append((f"full build, --jobs {jobs}, {b:,} articles, Turtle", f"{rate:,.1f} articles/s",
                         f"{rate / ceiling:.4f} of the ceiling{target}"))  # fmt: skip
            split = ", ".join(f"{phase} {value:.1f}" for phase, value in seconds.items())
            rows.append(
                (
                    f"  wall time by phase (s), --jobs {jobs}",
                    f"{sum(v for k, v in seconds.items() if not k.startswith('of which')):.1f} s",
                    split,
                )
            )
            rows.append((f"  peak memory, --jobs {jobs}", f"{peak:,.0f} MB", "largest process"))
        sample = "".join(
            nquads_of(str(article_iri(a.doc_id)), ntriples_of(g)) for a, g in zip(articles, graphs, strict=True)
        )
        (work / "sample.nq").write_text(sample, encoding="utf-8")
        in_memory = ox.Store()
        in_memory.load(sample.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        in_rdflib, rdflib_s = rdflib_latency(work / "sample.nq", args.rdflib_timeout)
        ox_s = latency(in_memory, STANDARD)
        ratio = f"rdflib / Oxigraph = {rdflib_s / ox_s:,.0f}" if rdflib_s else ""
        rows.append((f"selective query (standard SPARQL), rdflib, {n:,}", in_rdflib, ""))
        rows.append((f"selective query (standard SPARQL), Oxigraph, {n:,}", f"{1000 * ox_s:.1f} ms", ratio))
        built = ox.Store.read_only(str(work / "store-2"))
        nquads = (built.dump(format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
        del built
        per_article = nquads.count("\n") / b
        template = copy_template(nquads)
        selective = queries.load_query("meetings-in-month")
        for scale in [int(s) for s in args.scales.split(",") if s]:
            copies = max(1, scale // b)  # --build should divide each scale
            quads = round(per_article * b * copies)
            big = ox.Store(str(work / f"scale-{scale}"))
            stream = io.BufferedReader(CopyStream(template, copies), buffer_size=1 << 20)
            load = functools.partial(big.bulk_load, stream, format=ox.RdfFormat.N_QUADS)
            t_load = timed(load, f"copy and bulk-load {copies * b:,} articles")
            t_opt = timed(big.optimize, "compaction")
            label = f"{copies * b:,} articles"
            rows.append(
                (f"bulk load, {label}", f"{quads / t_load:,.0f} quads/s", f"{quads:,} quads (copying included)")
            )
            rows.append((f"compaction, {label}", f"{t_opt:,.1f} s", f"{1000 * t_opt / (copies * b):.2f} ms/article"))
            params = {**STATES, "month": MONTH}
            ms = 1000 * latency(big, selective, params)
            rows.append((f"meetings-in-month (selective), {label}", f"{ms:.1f} ms", "target < 100 at 100k"))
            for name in queries.CONTRACT:
                seconds = timed(lambda name=name, big=big: queries.run(big, queries.load_query(name)), name)
                rows.append(
                    (
                        f"{name}.rq, {label}",
                        f"{1000 * seconds:,.0f} ms",
                        f"{1e6 * seconds / (copies * b):.0f} µs/article",
                    )
                )
            del big
    rows.append(("bench wall time", f"{time.perf_counter() - began:,.0f} s", "target < 600"))
    print("Articles as the extractor reads them (mean ± standard deviation per article):")
    print(table(profiles))
    print()
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>22}  note")
    for label, value, note in rows:
        print(f"{label:<{width}}  {value:>22}  {note}")


if __name__ == "__main__":
    main()
