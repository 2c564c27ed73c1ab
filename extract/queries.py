"""Named SPARQL queries: find them, run them in Oxigraph, format the rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import wcwidth

from .errors import QueryError
from .resources import queries_dir

CONTRACT = ("meetings", "participants", "topics", "proposals")


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]

    def dicts(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def available() -> dict[str, Path]:
    """Named queries shipped with Didar, by name (file stem)."""
    return {p.stem: p for p in sorted(queries_dir().glob("*.rq"))}


def summary(path: Path) -> str:
    """The first header line of a query file, without the leading '# name — '."""
    first = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
    return first.split(" — ", 1)[-1]


def load_query(name_or_path: str) -> str:
    """The text of a named query ("participants") or of a .rq file."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.exists():
        return path.read_text(encoding="utf-8")
    named = available()
    if name_or_path in named:
        return named[name_or_path].read_text(encoding="utf-8")
    raise QueryError(
        f"no query named {name_or_path!r}",
        fix=f"use one of: {', '.join(named)}, or a path to a .rq file",
    )


def _term(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, ox.Literal | ox.NamedNode | ox.BlankNode):
        return value.value
    return str(value)


XSD = "http://www.w3.org/2001/XMLSchema#"
TYPED_PARAMS = (  # a parameter written like this is bound as a typed literal
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "date"),
    (re.compile(r"\d{4}-\d{2}"), "gYearMonth"),
)


def param_literal(value: str) -> ox.Literal:
    """A parameter's value as a literal: YYYY-MM-DD is an xsd:date, YYYY-MM an xsd:gYearMonth,
    anything else a string."""
    for pattern, datatype in TYPED_PARAMS:
        if pattern.fullmatch(value):
            return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))
    return ox.Literal(value)


PARAMETER_KINDS = (  # what a parameter's header description says -> how its value is checked
    ("alpha-2", "alpha2", re.compile(r"[A-Z]{2}"), "an ISO 3166-1 alpha-2 code in capitals", "KZ"),
    ("YYYY-MM-DD", "date", re.compile(r"\d{4}-\d{2}-\d{2}"), "a date written YYYY-MM-DD", "2025-09-24"),
    ("YYYY-MM", "month", re.compile(r"\d{4}-(0[1-9]|1[0-2])"), "a month written YYYY-MM", "2025-09"),
)


def declared_parameters(query: str) -> dict[str, str] | None:
    """The parameters a query's header declares ("# Parameters: ?stateA, ?stateB — ISO 3166-1
    alpha-2 codes; ?month — YYYY-MM"), each with its kind (alpha2, month, date or text); None
    when the header says nothing of parameters (a user's own .rq file)."""
    block: list[str] = []
    for line in query.splitlines():
        if not line.startswith("#"):
            break
        text = line.lstrip("# ").rstrip()
        if text.startswith("Parameters:"):
            block = [text.removeprefix("Parameters:")]
        elif block and not re.match(r"^[A-Z][a-z]+:", text):
            block.append(text)
        elif block:
            break
    if not block:
        return None
    found: dict[str, str] = {}
    for piece in " ".join(block).split(";"):
        kind = next((k for marker, k, *_ in PARAMETER_KINDS if marker in piece), "text")
        for name in re.findall(r"\?(\w+)", piece):
            found.setdefault(name, kind)
    return found


def check_parameters(name: str, query: str, params: dict[str, str]) -> None:
    """QueryError, with the fix, for a parameter the query does not declare or a value not of
    its kind (a lower-case state code or month 13 would give no rows without a word)."""
    declared = declared_parameters(query)
    if declared is None:
        return
    for key, value in params.items():
        if key not in declared:
            takes = ", ".join(declared) if declared else "no parameters"
            raise QueryError(f"{name} has no parameter {key!r}", fix=f"it takes: {takes}")
        for _, kind, pattern, wanted, example in PARAMETER_KINDS:
            if declared[key] == kind and not pattern.fullmatch(value):
                raise QueryError(f"--param {key}={value}: {key} is {wanted}", fix=f"e.g. --param {key}={example}")
        if declared[key] == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise QueryError(f"--param {key}={value}: no such day", fix="check the month and day") from None


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(query: str, params: dict[str, str]) -> str:
    """The query with its parameters bound by a VALUES block opening its WHERE clause, so that
    patterns and filters alike see them (standard SPARQL, the same in every store)."""
    if not params:
        return query
    code = "\n".join(" " * len(line) if line.lstrip().startswith("#") else line for line in query.split("\n"))
    match = _WHERE.search(code)
    if match is None:
        raise QueryError("parameters need a query with a WHERE clause")
    names = " ".join(f"?{k}" for k in params)
    values = " ".join(str(param_literal(v)) for v in params.values())
    return f"{query[: match.end()]}\n  VALUES ({names}) {{ ({values}) }}\n{query[match.end() :]}"


def run(store: ox.Store, query: str, params: dict[str, str] | None = None) -> Table:
    """Run a SELECT over the union of the article graphs; params bind variables to literals."""
    query = with_values(query, params or {})
    try:
        result = store.query(query, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"the query does not parse: {err}") from None
    except (RuntimeError, ValueError) as err:
        raise QueryError(f"the store could not run the query: {err}") from None
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT queries can be printed as a table")
    columns = tuple(v.value for v in result.variables)
    rows = tuple(tuple(_term(solution[c]) for c in columns) for solution in result)
    return Table(columns, rows)


def store_from_turtle(path: Path) -> ox.Store:
    """An in-memory Oxigraph store holding a Turtle, TriG, N-Triples, N-Quads or JSON-LD file,
    for --data."""
    store = ox.Store()
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    data = ox.NamedNode("urn:didar:data")
    try:
        if fmt.supports_datasets:
            store.load(path=str(path), format=fmt)
        else:
            store.load(path=str(path), format=fmt, to_graph=data)
    except (SyntaxError, OSError) as err:
        raise QueryError(f"cannot read {path}: {err}", path=str(path)) from None
    # The queries read article graphs (GRAPH ?g): triples a dataset file (JSON-LD's top-level
    # @graph, N-Quads without a graph) puts in the default graph are read as one more graph.
    loose = list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    store.extend(ox.Quad(q.subject, q.predicate, q.object, data) for q in loose)
    return store


def render(table: Table, fmt: str) -> str:
    """A table as aligned text, CSV or JSON (a list of objects)."""
    if fmt == "json":
        return json.dumps(table.dicts(), ensure_ascii=False, indent=2)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([["" if v is None else v for v in row] for row in table.rows])
        return out.getvalue().rstrip("\n")
    return text_table(table.columns, [["" if v is None else _compact(v) for v in row] for row in table.rows])


def _compact(value: str) -> str:
    for prefix in ("https://w3id.org/didar/id/",):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def text_table(columns: tuple[str, ...] | list[str], rows: list[list[str]]) -> str:
    """Rows as aligned text for a terminal: article text made safe (`terminal_cell`), columns
    measured by display width."""
    cells = [[terminal_cell(v) for v in r] for r in rows]
    heads = [terminal_cell(c) for c in columns]
    widths = [max([display_width(c)] + [display_width(r[i]) for r in cells]) for i, c in enumerate(heads)]
    line = "  ".join(pad(c, w) for c, w in zip(heads, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(pad(v, w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join([line.rstrip(), rule, *(b.rstrip() for b in body), f"({len(rows)} rows)"])


_BIDI_CONTROLS = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}


def terminal_cell(value: str) -> str:
    """A value safe to print: control characters (ESC, NUL, newlines …) and bidirectional
    overrides written as escapes, and right-to-left text isolated (FSI … PDI) so that it
    cannot reorder the columns around it."""
    out = []
    for ch in value:
        if unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    text = "".join(out)
    if any(unicodedata.bidirectional(ch) in {"R", "AL"} for ch in text):
        return f"\u2068{text}\u2069"
    return text


def display_width(text: str) -> int:
    """Columns a terminal gives the text (wide CJK 2, joiners and marks 0)."""
    width = wcwidth.wcswidth(text)
    return width if width >= 0 else len(text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))
