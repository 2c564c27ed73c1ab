"""Named SPARQL queries: find them, run them in Oxigraph, format the rows."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

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


def run(store: ox.Store, query: str, params: dict[str, str] | None = None) -> Table:
    """Run a SELECT over the union of the article graphs; params bind variables to literals."""
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): param_literal(v) for k, v in (params or {}).items()
    }
    try:
        result = store.query(query, use_default_graph_as_union=True, substitutions=substitutions or None)
    except SyntaxError as err:
        raise QueryError(f"the query does not parse: {err}") from None
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT queries can be printed as a table")
    columns = tuple(v.value for v in result.variables)
    rows = tuple(tuple(_term(solution[c]) for c in columns) for solution in result)
    return Table(columns, rows)


def store_from_turtle(path: Path) -> ox.Store:
    """An in-memory Oxigraph store holding a Turtle (or TriG/N-Triples) file, for --data."""
    store = ox.Store()
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    try:
        if fmt.supports_datasets:
            store.load(path=str(path), format=fmt)
        else:
            store.load(path=str(path), format=fmt, to_graph=ox.NamedNode("urn:didar:data"))
    except (SyntaxError, OSError) as err:
        raise QueryError(f"cannot read {path}: {err}", path=str(path)) from None
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
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join([line, rule, *body, f"({len(rows)} rows)"])
