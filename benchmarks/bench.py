"""`make bench`: throughput, memory, SHACL cost, store load rate and query latency.

Usage: python -m benchmarks.bench [--articles 1000] [--scales 10000] [--rdflib-timeout 30]
Everything is measured on this machine in this run; ratios are printed beside times
because machines are noisy.
"""

from __future__ import annotations

import argparse
import functools
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from benchmarks.generate import generate, write_jsonl
from extract import queries
from extract.article import article_from_text
from extract.graph import extraction_graph
from extract.nlp import load_pipeline
from extract.pipeline import extract_article
from extract.validate import validate_graph

SELECTIVE = """
PREFIX didar: <https://w3id.org/didar/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX country: <http://publications.europa.eu/resource/authority/country/>
SELECT DISTINCT ?meeting ?date WHERE {
  GRAPH ?g {
    ?a didar:represents country:KAZ ; didar:inMeeting ?meeting .
    ?meeting schema:startDate ?date .
    FILTER (?date >= "2025-03-01"^^xsd:date && ?date < "2025-04-01"^^xsd:date)
    ?meeting didar:hasParticipation ?b .
    ?b didar:represents country:IRN .
  }
}"""
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
ID_IRI = re.compile(r"<https://w3id\.org/didar/id/([^>]*)>")
YEAR = re.compile(r'"2025-(\d\d-\d\d)"\^\^<http://www\.w3\.org/2001/XMLSchema#date>')


def timed(work: Callable[[], object], label: str = "") -> float:
    start = time.perf_counter()
    work()
    elapsed = time.perf_counter() - start
    if label:
        print(f"  … {label}: {elapsed:.1f} s", file=sys.stderr, flush=True)
    return elapsed


def replicate(nquads: str, copies: int, out: Path) -> int:
    """Copies of a store's quads with every Didar IRI renamed and the years spread (2016–2025)."""
    lines = 0
    with out.open("w", encoding="utf-8") as f:
        for k in range(copies):
            text = ID_IRI.sub(lambda m, k=k: f"<https://w3id.org/didar/id/{m.group(1)}~{k}>", nquads)
            text = YEAR.sub(lambda m, k=k: f'"{2025 - k % 10}-{m.group(1)}"^^<{XSD_DATE}>', text)
            f.write(text)
            lines += text.count("\n")
    return lines


def latency(store: ox.Store, query: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        list(store.query(query, use_default_graph_as_union=True))  # type: ignore[call-overload]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rdflib_latency(nquads_file: Path, timeout: float) -> str:
    """The selective query in rdflib's own engine over the same data, in a child process."""
    code = (
        "import sys, time; from rdflib import Dataset; ds = Dataset(default_union=True); "
        "ds.parse(sys.argv[1], format='nquads'); q = sys.stdin.read(); t = time.perf_counter(); "
        "list(ds.query(q)); print(time.perf_counter() - t)"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(nquads_file)], input=SELECTIVE, capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return f"did not finish in {timeout:.0f} s"
    if done.returncode != 0:
        return "failed: " + done.stderr.strip().splitlines()[-1]
    return f"{1000 * float(done.stdout):.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--scales", default="10000", help="comma-separated article counts for query latency")
    parser.add_argument("--rdflib-timeout", type=float, default=30.0)
    args = parser.parse_args()
    n = args.articles
    rows: list[tuple[str, str, str]] = []

    texts = list(generate(n))
    articles = [article_from_text(doc_id, text) for doc_id, text in texts]
    nlp = load_pipeline()
    extract_article(articles[0])
    t_tok = timed(lambda: [nlp.make_doc(a.text) for a in articles], "tokenizer")
    extractions = []
    t_ext = timed(lambda: extractions.extend(extract_article(a) for a in articles), "extraction")
    graphs = []
    t_graph = timed(lambda: graphs.extend(extraction_graph(x) for x in extractions), "graphs")
    shacl = [timed(lambda g=g: validate_graph(g)) for g in graphs]
    t_shacl = sum(shacl)
    ceiling = n / t_tok
    rows.append(("bare spaCy tokenizer (ceiling)", f"{ceiling:,.0f} articles/s", "1.0"))
    rows.append(("extraction", f"{n / t_ext:,.1f} articles/s", f"{(n / t_ext) / ceiling:.4f}"))
    rows.append(("extraction + graph", f"{n / (t_ext + t_graph):,.1f} articles/s", ""))
    rows.append(("extraction + graph + SHACL", f"{n / (t_ext + t_graph + t_shacl):,.1f} articles/s", ""))
    share = t_shacl / (t_ext + t_graph + t_shacl)
    rows.append(("SHACL per article (mean)", f"{1000 * t_shacl / n:.1f} ms", f"{share:.2f} of the time"))

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_jsonl(work / "in.jsonl", n)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        cmd = [sys.executable, "-m", "extract.cli", "build", str(work / "in.jsonl"), "--store", str(work / "store"),
               "-o", str(work / "graph.ttl"), "--jobs", "2", "--no-table"]  # fmt: skip
        t_build = timed(lambda: subprocess.run(cmd, capture_output=True, check=False), "full build")
        peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        rows.append(("full build, --jobs 2, into the store", f"{n / t_build:,.1f} articles/s", "target 100"))
        rows.append(("peak memory of the build", f"{peak:,.0f} MB", "target < 1,500 at 10k"))
        store = ox.Store.read_only(str(work / "store"))
        nquads = (store.dump(format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
        del store
        fresh = ox.Store(str(work / "load"))
        (work / "one.nq").write_text(nquads, encoding="utf-8")
        quad_count = nquads.count("\n")
        t_load = timed(functools.partial(fresh.bulk_load, path=str(work / "one.nq"), format=ox.RdfFormat.N_QUADS))
        rows.append(("store bulk load", f"{quad_count / t_load:,.0f} quads/s", f"{quad_count:,} quads"))
        in_rdflib = rdflib_latency(work / "one.nq", args.rdflib_timeout)
        rows.append((f"selective query, rdflib engine, {n:,} articles", in_rdflib, ""))
        rows.append((f"selective query, Oxigraph, {n:,} articles", f"{1000 * latency(fresh, SELECTIVE):.1f} ms", ""))
        del fresh
        for scale in [int(s) for s in args.scales.split(",") if s]:
            copies = max(1, scale // n)
            quads = replicate(nquads, copies, work / "scaled.nq")
            big = ox.Store(str(work / f"scaled-{scale}"))
            t_big = timed(functools.partial(big.bulk_load, path=str(work / "scaled.nq"), format=ox.RdfFormat.N_QUADS))
            rows.append((f"bulk load {copies * n:,} articles", f"{quads / t_big:,.0f} quads/s", f"{quads:,} quads"))
            ms = 1000 * latency(big, SELECTIVE)
            rows.append((f"selective query, Oxigraph, {copies * n:,} articles", f"{ms:.1f} ms", "target < 100 at 100k"))
            for name in queries.CONTRACT:
                ms = 1000 * latency(big, queries.load_query(name), runs=1)
                rows.append((f"{name}.rq, {copies * n:,} articles", f"{ms:,.0f} ms", ""))
            del big
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>22}  note")
    for label, value, note in rows:
        print(f"{label:<{width}}  {value:>22}  {note}")


if __name__ == "__main__":
    main()
