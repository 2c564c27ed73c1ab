"""The `didar` command line: one library call per command.

Exit codes: 0 ok; 1 invalid data (an article rejected, a graph that does not conform);
2 usage or runtime error.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import console, queries
from .errors import DidarError, InputError
from .files import write_atomically
from .resources import ontology_dir, software_version
from .store import open_store

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .progress import Progress

DEFAULT_STORE = Path("build/store")
DEFAULT_TURTLE = Path("build/graph.ttl")
EXPORT_FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}


class Fail(click.ClickException):
    """A one-line usage or runtime error (exit 2)."""

    exit_code = 2

    def show(self, file: object = None) -> None:
        console.error(self.message)


class Invalid(Fail):
    """A one-line error about invalid data (exit 1)."""

    exit_code = 1


def _limit_length(max_chars: int | None) -> None:
    """`--max-chars` for this process and the workers it starts."""
    if max_chars is not None:
        from .sources import MAX_CHARS_VARIABLE

        os.environ[MAX_CHARS_VARIABLE] = str(max_chars)


def _progress() -> Progress:
    """The progress of a batch as `-q`/`-v` ask: a bar on a terminal, the articles left out."""
    from .progress import Progress

    level = console.level()
    return Progress(ok_lines=level >= console.Level.VERBOSE, quiet=level == console.Level.QUIET)


def _store_or_file(store_dir: Path, data: Path | None) -> ox.Store:
    """The store to read: the data file's graphs when `--data` is given, else the store."""
    if data is not None:
        if not data.is_file():
            raise Fail(f"{data}: no such file (check the path)")
        return queries.store_from_turtle(data)
    if not store_dir.is_dir():
        raise Fail(f"{store_dir}: no store here (run `didar build` first or pass --store)")
    return open_store(store_dir, read_only=True)


class DidarGroup(click.Group):
    """Commands whose Didar errors end in one line naming the file and the fix, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InputError as err:
            raise Invalid(str(err)) from None
        except DidarError as err:
            raise Fail(str(err)) from None


@click.group(cls=DidarGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(software_version(), prog_name="didar")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and rejected articles.")
@click.option("-v", "--verbose", count=True, help="Also print a line per article loaded, and a build's time by phase.")
def main(quiet: bool, verbose: int) -> None:
    """Didar (دیدار): a knowledge graph of diplomatic meetings from Persian news.

    \b
    Typical use:
      didar build seeds/                  # extract, validate, store, write build/graph.ttl
      didar query participants            # who met whom, in which office
      didar export --format trig -o all.trig
      didar serve                          # SPARQL endpoint on http://127.0.0.1:7878/query
      didar -q build crawl/ --jobs 2       # only errors and rejected articles
    """
    console.set_level(quiet, verbose)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=DEFAULT_STORE, show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=DEFAULT_TURTLE, show_default=True)
@click.option("--turtle/--no-turtle", default=True, show_default=True, help="Write the merged Turtle to --output.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option(
    "--table/--no-table",
    default=None,
    help="Print the participants table at the end [default: on a terminal, when it has at most 40 rows].",
)
@click.option("--dask", "dask_address", metavar="ADDRESS", help="Map extraction over a Dask cluster (tcp://HOST:8786).")
@click.option(
    "--max-chars",
    type=click.IntRange(1000),
    help="Reject longer articles with a message, the rest still goes in [default: 200,000].",
)
@click.option(
    "--optimize/--no-optimize",
    default=None,
    help="Compact the store at the end for fast queries [default: when 1,000 or more articles were loaded].",
)
@click.option(
    "--report/--no-report",
    "with_report",
    default=False,
    show_default=True,
    help="Write the HTML report beside the Turtle (build/report/).",
)
def build(
    paths: tuple[Path, ...],
    store_dir: Path,
    output: Path,
    turtle: bool,
    jobs: int,
    table: bool | None,
    dask_address: str | None,
    optimize: bool | None,
    max_chars: int | None,
    with_report: bool,
) -> None:
    """Extract articles, validate them, load them into the store and write Turtle.

    PATHS are article files (UTF-8 .txt, or .txt.gz), folders of them, globs, or JSONL files
    (one article a line: id, text, optional date, url, source; .jsonl.gz too); default:
    seeds/. Rejected articles are reported and kept aside in build/rejected/.

    \b
    Examples:
      didar build seeds/ --store build/store
      didar build 'crawl/2025-*.jsonl.gz' --jobs 2 --no-table
      didar build /shared/crawl --dask tcp://scheduler:8786   # needs pip install 'didar[dask]'
    """
    from . import batch

    _limit_length(max_chars)
    progress = _progress()
    inputs = paths or (Path("seeds"),)
    turtle_out = output if turtle else None
    try:
        if dask_address:
            from .distributed import build_with_dask

            summary = build_with_dask(
                inputs,
                dask_address,
                store_dir,
                turtle_out,
                partitions_dir=output.parent / "partitions",
                rejected_dir=output.parent / "rejected",
                on_outcome=progress,
                optimize=optimize,
            )
        else:
            summary = batch.build(
                inputs,
                store_dir,
                turtle_out,
                rejected_dir=output.parent / "rejected",
                on_outcome=progress,
                jobs=jobs,
                optimize=optimize,
            )
        progress.close()
        if summary.loaded and table is not False:
            rows = _meeting_rows(store_dir)
            if console.short_enough(len(rows), table):
                console.result(queries.text_table(MEETING_COLUMNS, rows))
            else:
                console.info(f"{len(rows)} participant rows: `didar query participants` lists them (or --table)")
    except DidarError as err:
        raise Fail(str(err)) from None
    if not summary.outcomes:
        raise Invalid(
            f"no article in {', '.join(str(p) for p in inputs)}: folders are searched for "
            ".txt, .txt.gz, .jsonl, .jsonl.gz, .ndjson files (check the path or quote the glob)"
        )
    console.info(
        f"{len(summary.loaded)} article(s) loaded, {len(summary.rejected)} rejected; "
        f"store: {store_dir}, Turtle: {turtle_out or 'not written'}"
    )
    if summary.seconds:
        console.detail("time: " + ", ".join(f"{phase} {s:.1f} s" for phase, s in summary.seconds.items()))
    if with_report and summary.loaded:
        from .report import articles_from, write_report

        left_out = {o.source: o.message for o in summary.rejected if not o.no_meeting}
        try:  # a page for every input read: those reporting no meeting say so, the others why they are out
            index = write_report(
                open_store(store_dir, read_only=True),
                output.parent / "report",
                articles=articles_from(inputs),
                left_out=left_out,
            )
        except DidarError as err:
            raise Fail(str(err)) from None
        console.result(str(index))
    if summary.rejected:
        sys.exit(1)


MEETING_COLUMNS = ["article", "date", "place", "participant", "role", "state", "province/host"]


def _meeting_rows(store_dir: Path) -> list[list[str]]:
    """A row per participant of each meeting in the store, ordered."""
    store = open_store(store_dir, read_only=True)
    meetings = {r["meeting"]: r for r in queries.run(store, queries.load_query("meetings")).dicts()}
    rows = []
    for p in queries.run(store, queries.load_query("participants")).dicts():
        m = meetings.get(p["meeting"], {})
        office = p["role"] or ""
        where = p["jurisdiction"] or (f"→{p['accreditedTo']}" if p["accreditedTo"] else "")
        rows.append(
            [
                p["doc"] or "",
                m.get("date") or "",
                m.get("locationName") or "",
                p["name"] or "",
                office,
                p["represents"] or "",
                where,
            ]
        )
    return sorted(rows)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Turtle file to write.")
@click.option(
    "--max-chars",
    type=click.IntRange(1000),
    help="Reject longer articles with a message, the rest still goes in [default: 200,000].",
)
def extract(files: tuple[Path, ...], output: Path, max_chars: int | None) -> None:
    """Extract articles to a Turtle file, without a store.

    \b
    Example:
      didar extract seeds/*.txt -o meetings.ttl
    """
    from . import batch

    _limit_length(max_chars)
    progress = _progress()
    graph, summary = batch.extract_to_graph(files, on_outcome=progress)
    progress.close()
    if not summary.outcomes:
        raise Invalid(f"no article in {', '.join(str(p) for p in files)} (check the path or quote the glob)")
    write_atomically(output, graph.serialize(format="turtle").encode("utf-8"))
    console.info(f"{len(graph)} triples from {len(summary.loaded)} article(s) written to {output}")
    if summary.rejected:
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
def validate(file: Path) -> None:
    """Check any Turtle file against Didar's SHACL shapes.

    Prints each finding (severity, focus node, path, message); exit 1 if it does not conform.

    \b
    Example:
      didar validate build/graph.ttl
    """
    import logging

    from rdflib import Graph

    from .validate import validate_graph

    # rdflib logs a traceback for every ill-typed literal ("abc"^^xsd:integer) it reads, in
    # the file and in the report; the shapes report those literals (sh:datatype) anyway.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    if not file.is_file():
        raise Fail(f"{file}: no such file (check the path)")
    graph = Graph()
    try:
        graph.parse(file, format="turtle")
    except Exception as err:  # rdflib raises many parser exception types
        raise Invalid(f"{file}: not valid Turtle: {err}") from None
    try:
        report = validate_graph(graph)
    except DidarError as err:
        raise Invalid(f"{file}: {err}") from None
    console.result(report.text())
    if not report.conforms:
        raise Invalid(f"{file}: does not conform ({len(report.violations)} violation(s))")
    console.info(f"{file}: conforms ({len(graph)} triples)")


@main.command()
@click.argument("name")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=DEFAULT_STORE, show_default=True)
@click.option("--data", type=click.Path(path_type=Path), help="Query this Turtle file instead of the store.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="VAR=VALUE",
    help="Bind a query variable to a literal (YYYY-MM-DD: a date; YYYY-MM: a month).",
)
def query(name: str, store_dir: Path, data: Path | None, fmt: str, params: tuple[str, ...]) -> None:
    """Run a named query (or a .rq file) over the store or a Turtle file."""
    bindings = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep:
            raise Fail(f"--param {param!r}: write it as VAR=VALUE")
        bindings[key.lstrip("?$")] = value
    try:
        text = queries.load_query(name)
        queries.check_parameters(name, text, bindings)
        store = _store_or_file(store_dir, data)
        console.result(queries.render(queries.run(store, text, bindings), fmt))
    except DidarError as err:
        raise Fail(str(err)) from None


query.help = (
    (query.help or "")
    + "\n\n\b\nNamed queries:\n"
    + "\n".join(f"  {name:<24} {queries.summary(path)}" for name, path in queries.available().items())
    + "\n\n\b\nExamples:\n  didar query participants --format csv\n"
    + "  didar query meetings-between-states --param stateA=KZ --param stateB=IR\n"
    + "  didar query meetings-in-month --param stateA=KZ --param stateB=IR --param month=2025-09"
)


@main.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=DEFAULT_STORE, show_default=True)
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORT_FORMATS)), default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
def export(store_dir: Path, fmt: str, output: Path | None) -> None:
    """Export the store: Turtle or N-Triples (merged view), TriG or N-Quads (a graph per article), JSON-LD.

    \b
    Example:
      didar export --format trig -o build/graph.trig
    """
    if not store_dir.is_dir():
        raise Fail(f"{store_dir}: no store here (run `didar build` first or pass --store)")
    try:
        data = _export(store_dir, fmt, output)
    except DidarError as err:
        raise Fail(str(err)) from None
    if output is None:
        console.result((data or b"").decode("utf-8"), newline=False)
    else:
        console.info(f"written {output}")


def _export(store_dir: Path, fmt: str, output: Path | None) -> bytes | None:
    """Turtle and N-Triples (the merged view) stream from Oxigraph, as do TriG and N-Quads (a
    graph per article); JSON-LD is compacted by rdflib with `ontology/context.jsonld`. Each
    holds the dataset description."""
    import pyoxigraph as ox

    from .merged import merged_graph, write_graphs, write_merged

    store = open_store(store_dir, read_only=True)
    if fmt in {"turtle", "nt"}:
        return write_merged(store, output, ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES)
    if fmt in {"trig", "nq"}:
        return write_graphs(store, output, ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS)
    context = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    data = merged_graph(store).serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")
    if output is None:
        return data
    write_atomically(output, data)
    return None


@main.command()
@click.argument("doc_id")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=DEFAULT_STORE, show_default=True)
def remove(doc_id: str, store_dir: Path) -> None:
    """Take one article (by its id, the file name without .txt) out of the store.

    \b
    Example:
      didar remove mehr-2025-09-24-gilan-governor-kazakh-ambassador
    """
    from . import dataset
    from .graph import article_iri
    from .store import remove_graph, writable_store

    if not store_dir.is_dir():
        raise Fail(f"{store_dir}: no store here (run `didar build` first or pass --store)")
    try:
        with writable_store(store_dir) as store:
            removed = remove_graph(store, str(article_iri(doc_id)))
            dataset.update(store, changed=removed)
    except DidarError as err:
        raise Fail(str(err)) from None
    if not removed:
        raise Invalid(f"{doc_id}: no such article in {store_dir} (see `didar query meetings` for the ids)")
    console.info(f"removed {doc_id} from {store_dir}")


@main.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=DEFAULT_STORE, show_default=True)
def stats(store_dir: Path) -> None:
    """Count articles, meetings, people, states, proposals and triples in the store.

    \b
    Example:
      didar stats --store build/store
    """
    from .store import stats as store_stats

    if not store_dir.is_dir():
        raise Fail(f"{store_dir}: no store here (run `didar build` first or pass --store)")
    counts = store_stats(open_store(store_dir, read_only=True))
    rows = [[name, str(value)] for name, value in vars(counts).items()]
    console.result(queries.text_table(["what", "count"], rows))


@main.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=DEFAULT_STORE, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--timeout-s", default=30, show_default=True, type=int, help="Time limit of one query, in seconds.")
def serve(store_dir: Path, host: str, port: int, timeout_s: int) -> None:
    """Serve the store over SPARQL 1.1 (Oxigraph's server, read-only) until Ctrl-C.

    Queries see the union of the article graphs, as `didar query` does. A query that runs
    past --timeout-s, or whose client leaves, is stopped and answered with HTTP 504. Do not
    build into the same store while it is served (Oxigraph reads it as a snapshot).

    \b
    Example:
      didar serve --port 7878
      curl -H 'Accept: text/csv' --data-urlencode query@queries/meetings.rq http://127.0.0.1:7878/query
    """
    from .endpoint import run_server
    from .store import is_store

    if not is_store(store_dir):
        raise Fail(f"{store_dir}: no store here (run `didar build` first or pass --store)")
    try:
        code = run_server(store_dir, host, port, timeout_s, announce=console.info)
    except DidarError as err:
        raise Fail(str(err)) from None
    sys.exit(code)


@main.command()
@click.argument("url")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=DEFAULT_STORE, show_default=True)
@click.option(
    "--user",
    help="User name for an endpoint that asks for one (HTTP Basic or Digest); the password is read from"
    " $DIDAR_PASSWORD, or asked for.",
)
def push(url: str, store_dir: Path, user: str | None) -> None:
    """Send each article's graph to a SPARQL 1.1 Graph Store Protocol endpoint (HTTP PUT,
    replacing the graph of the same name there).

    URL is the endpoint: Oxigraph http://HOST:7878/store, Fuseki http://HOST:3030/DATASET/data,
    GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service, Virtuoso
    http://HOST:8890/sparql-graph-crud (open to writes once SPARQL_UPDATE is granted to the
    user "SPARQL") or http://HOST:8890/sparql-graph-crud-auth with --user.

    \b
    Examples:
      didar push http://127.0.0.1:7879/store
      DIDAR_PASSWORD=... didar push http://127.0.0.1:8890/sparql-graph-crud-auth --user dba
    """
    from .push import push_graphs, without_userinfo

    if not store_dir.is_dir():
        raise Fail(f"{store_dir}: no store here (run `didar build` first or pass --store)")
    password = None
    if user is not None:
        password = os.environ.get("DIDAR_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise Fail(f"a password for {user} is needed: set DIDAR_PASSWORD (no terminal to ask on)")
            password = click.prompt(f"password for {user}", hide_input=True, err=True)
    try:
        sent = push_graphs(open_store(store_dir, read_only=True), url, user=user, password=password)
    except DidarError as err:
        raise Fail(str(err)) from None
    console.info(f"{sent} article graph(s) and the dataset description sent to {without_userinfo(url)}")


@main.command()
@click.argument("doc_ids", nargs=-1)
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=DEFAULT_STORE, show_default=True)
@click.option("--data", type=click.Path(path_type=Path), help="Report on this Turtle file instead of the store.")
@click.option(
    "--articles",
    multiple=True,
    type=click.Path(path_type=Path),
    help="The input articles (as for build): each gets a page with its whole text, one reporting no meeting "
    "too (it says so); without them, the pages show the quotes the graph keeps.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("build/report"), show_default=True)
def report(
    doc_ids: tuple[str, ...], store_dir: Path, data: Path | None, articles: tuple[Path, ...], output: Path
) -> None:
    """Write static HTML pages (no server, no downloads): an index and a page per article
    (all, or DOC_IDS) with its evidence highlighted, meeting cards and a diagram.

    \b
    Examples:
      didar report --articles seeds/            # then open build/report/index.html
      didar report mehr-2025-09-24-gilan-governor-kazakh-ambassador -o /tmp/one
    """
    from .report import articles_from, write_report

    store = _store_or_file(store_dir, data)
    try:
        given = articles_from(articles, on_skip=lambda why: console.problem(f"  skipped   {why}")) if articles else None
        index = write_report(store, output, doc_ids or None, articles=given)
    except DidarError as err:
        raise Fail(str(err)) from None
    console.result(str(index))


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--graph", "graph_file", type=click.Path(path_type=Path), help="Score this Turtle file instead of extracting."
)
@click.option("--explain", is_flag=True, help="List each missing and extra fact per article.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def eval_(gold_dir: Path, graph_file: Path | None, explain: bool, fmt: str) -> None:
    """Score extraction against annotated articles (NAME.txt + NAME.gold.json).

    Builds the graph of GOLD_DIR's articles in memory (or reads --graph), runs the four
    contract queries and reports precision, recall and F1 per fact kind and micro-F1.

    \b
    Example:
      didar eval ../shared/corpus/dev --explain
    """
    from . import batch, evaluate

    if not gold_dir.is_dir():
        raise Fail(f"{gold_dir}: no such folder (check the path)")
    if not evaluate.gold_files(gold_dir):
        raise Fail(f"{gold_dir}: no *.gold.json files here")
    try:
        if graph_file is not None:
            store = queries.store_from_turtle(graph_file)
        else:
            store, _ = batch.build_in_memory([gold_dir])
        score = evaluate.evaluate(store, gold_dir)
    except DidarError as err:
        raise Fail(str(err)) from None
    if fmt == "json":
        console.result(json.dumps(score.as_dict(), ensure_ascii=False, indent=2))
        return
    if explain:
        for doc, notes in sorted(score.explain.items()):
            if notes:
                console.result(f"{doc}:")
                console.result("\n".join(f"  {n}" for n in notes))
    console.result(evaluate.render(score))


if __name__ == "__main__":  # pragma: no cover
    main()
