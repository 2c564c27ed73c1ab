"""The merged view: every triple of the article graphs once (and the dataset description),
as `build -o` and `export` write it.

Written from the store (`write_merged`), or, while a build into a store that holds no
article yet runs, from the articles as they are loaded (`MergedStream`): then the Turtle
is done when the last article is in, instead of being read back from the store after.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .files import replacing
from .ntriples import XSD_NS, XSD_STRING
from .store import DESCRIPTION_GRAPH
from .vocab import ID, PREFIXES

# Nodes minted for one article (their IRI holds its id, or a hash of it): every triple about
# one is in that article's graph alone.
ARTICLE_LOCAL = tuple(
    str(ID[f"{kind}/"]) for kind in ("activity", "article", "evidence", "participation", "proposal", "statement",
                                     "topicmention")
)  # fmt: skip


def merged_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every triple of the store once (the merged view), streamed graph by graph. A triple
    about a node of one article goes out as it is read; the others (people, meetings, states,
    posts, the dataset description), which several graphs may hold, are gathered and go out
    once at the end, sorted. Only those are held in memory; a `SELECT DISTINCT` over every
    triple held them all (at 1,439 articles: a peak of 120 MB instead of 488 MB)."""
    shared: set[ox.Triple] = set()
    for quad in store.quads_for_pattern(None, None, None, None):
        if isinstance(quad.graph_name, ox.DefaultGraph):
            continue
        subject = quad.subject
        if isinstance(subject, ox.NamedNode) and subject.value.startswith(ARTICLE_LOCAL):
            yield quad.triple
        else:
            shared.add(quad.triple)
    yield from sorted(shared, key=str)


def export_prefixes() -> dict[str, str]:
    """The prefixes of Turtle and TriG exports. Minted IRIs get one prefix per kind whose local
    part has no `/` (`meeting:00551d91a1fd0013`); evidence, statements and proposals
    (`id/evidence/DOC/START-END/position`) match none and are written in full, since a
    prefixed name would need `\\/` escapes that some readers refuse."""
    prefixes = {k: str(v) for k, v in PREFIXES.items() if k != "id"}
    prefixes |= {kind: str(ID[f"{kind}/"]) for kind in MINTED_FLAT}
    return prefixes | OTHER_PREFIXES


# Kinds of minted IRIs (`https://w3id.org/didar/id/KIND/LOCAL`) whose LOCAL part is one segment.
MINTED_FLAT = (
    "activity", "agent", "article", "city", "facility", "meeting", "participation", "person", "post", "subdivision",
    "topicmention",
)  # fmt: skip
OTHER_PREFIXES = {
    "benefit": "https://w3id.org/didar/vocab/benefit/",
    "cameo": "https://w3id.org/didar/vocab/cameo/",
    "good": "https://w3id.org/didar/vocab/good/",
    "modality": "https://w3id.org/didar/vocab/modality/",
    "plover": "https://w3id.org/didar/vocab/plover/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
}


def write_merged(store: ox.Store, path: Path | None, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> bytes | None:
    """The merged view (every triple once, the dataset description included), streamed by
    Oxigraph's serializer: to `path` (written beside it and renamed into place, so readers
    never see half a file), or returned as bytes."""
    if path is None:
        return ox.serialize(merged_triples(store), format=fmt, prefixes=export_prefixes())
    with replacing(path) as partial:
        write_merged_into(store, partial, fmt)
    return None


def write_merged_into(store: ox.Store, path: Path, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> None:
    """The merged view written to `path` itself (a partial file that the caller renames)."""
    ox.serialize(merged_triples(store), output=str(path), format=fmt, prefixes=export_prefixes())


def write_graphs(store: ox.Store, path: Path | None, fmt: ox.RdfFormat = ox.RdfFormat.TRIG) -> bytes | None:
    """Every graph as it is in the store (TriG or N-Quads: a graph per article, and the dataset
    description), with the export prefixes; to `path` or returned as bytes."""
    if path is None:
        return store.dump(format=fmt, prefixes=export_prefixes())
    with replacing(path) as partial:
        store.dump(str(partial), format=fmt, prefixes=export_prefixes())
    return None


def merged_graph(store: ox.Store) -> Graph:
    """All articles' graphs and the dataset description as one rdflib Graph (the merged view).
    Literals keep the lexical form the store gives (rdflib's parser would rewrite an
    xsd:dateTime's "…Z" as "…+00:00")."""
    from .graph import new_graph

    g = new_graph()
    for t in merged_triples(store):
        g.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
    return g


def rdflib_term(term: object) -> Node:
    """An Oxigraph term as the same rdflib term, its lexical form unchanged."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise TypeError(f"not an RDF term: {term!r}")


# -- written while a build runs ------------------------------------------------------------


@dataclass(frozen=True)
class TurtlePart:
    """One article's share of the merged Turtle, made in the worker that extracted it."""

    turtle: bytes  # the triples about the article's own nodes, as Turtle statements (no prefixes)
    shared: list[str]  # the other triples, as N-Triples lines: several articles may hold them


@cache
def prefix_header() -> bytes:
    """The `@prefix` lines of the export prefixes, which `turtle_statements` writes names with."""
    return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in export_prefixes().items()).encode("utf-8")


# A prefixed name's local part that needs no escape (ASCII; a `.` not at its end): an IRI
# whose rest after a namespace is anything else is written in full.
PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
TURTLE_INTEGER = re.compile(r"[+-]?[0-9]+")
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD_INTEGER = f"^^<{XSD_NS}integer>"
NEXT_PREDICATE = " ;\n\t"


@cache
def _namespaces() -> tuple[tuple[str, str], ...]:
    """The export prefixes as (namespace, prefix), the longest namespace first."""
    return tuple(sorted(((ns, prefix) for prefix, ns in export_prefixes().items()), key=lambda n: -len(n[0])))


@lru_cache(maxsize=1 << 16)
def turtle_iri(term: str) -> str:
    """An N-Triples IRI (<…>) as a prefixed name where an export prefix fits, else as it is."""
    iri = term[1:-1]
    for namespace, prefix in _namespaces():
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            return f"{prefix}:{local}" if PLAIN_LOCAL.fullmatch(local) else term
    return term


def turtle_term(term: str) -> str:
    """An N-Triples term in Turtle (which reads every N-Triples term as it is): IRIs and
    datatypes prefixed, an xsd:integer as a bare number."""
    if term[0] == "<":
        return turtle_iri(term)
    if term[0] == '"' and term[-1] == ">":  # a typed literal: "…"^^<datatype>
        end = term.rindex('"^^<')
        if term.endswith(XSD_INTEGER) and TURTLE_INTEGER.fullmatch(term, 1, end):
            return term[1:end]
        return term[: end + 3] + turtle_iri(term[end + 3 :])
    return term


def turtle_statements(lines: Iterable[str]) -> bytes:
    """N-Triples lines (as `ntriples_of` and Oxigraph write them: "S P O .\n") as Turtle
    statements with the export prefixes, without the `@prefix` lines: one statement a subject,
    in the order subjects first come, its triples sorted. Written here rather than by a parse
    and a serialisation in Oxigraph, which took twice as long for an article's triples."""
    by_subject: dict[str, list[tuple[str, str]]] = {}
    for line in lines:
        s, p, o = line[:-3].split(" ", 2)
        pairs = by_subject.get(s)
        if pairs is None:
            pairs = by_subject[s] = []
        pairs.append((p, o))
    out: list[str] = []
    for s, pairs in by_subject.items():
        pairs.sort()
        out.append(turtle_iri(s) if s[0] == "<" else s)
        predicate = ""
        for p, o in pairs:
            if p == predicate:
                out.append(f" , {turtle_term(o)}")
            else:
                out.append(NEXT_PREDICATE if predicate else " ")
                out.append(f"{'a' if p == RDF_TYPE else turtle_iri(p)} {turtle_term(o)}")
                predicate = p
        out.append(" .\n")
    return "".join(out).encode("utf-8")


LOCAL_LINES = tuple(f"<{iri}" for iri in ARTICLE_LOCAL)  # how N-Triples lines about them begin


def turtle_part(ntriples: str) -> TurtlePart:
    """Split an article's N-Triples into its own nodes' triples (as Turtle) and the shared ones."""
    local: list[str] = []
    shared: list[str] = []
    for line in ntriples.splitlines(keepends=True):
        (local if line.startswith(LOCAL_LINES) else shared).append(line)
    return TurtlePart(turtle_statements(local), shared)


class MergedStream:
    """The merged Turtle, written while a build into a store without articles runs.

    Each article's own triples go out as soon as the article is loaded; a shared triple (about
    a person, a meeting, a state) goes out the first time it comes, in sorted runs of `run`
    articles. Only a 16-byte digest of each shared triple is kept, so memory grows with the
    distinct shared triples (about 5 MB for 10,000 generated articles), not with the file.
    `finish` adds the dataset description and returns; the caller renames the file."""

    def __init__(self, out: BinaryIO, run: int = 256) -> None:
        self.out = out
        self.run = run
        self.seen: set[bytes] = set()
        self.pending: list[str] = []
        self.articles = 0
        out.write(prefix_header())

    def add(self, part: TurtlePart) -> None:
        self.out.write(part.turtle)
        self._shared(part.shared)
        self.articles += 1
        if self.articles % self.run == 0:
            self.flush()

    def _shared(self, lines: Iterable[str]) -> None:
        for line in lines:
            digest = hashlib.blake2b(line.encode("utf-8"), digest_size=16).digest()
            if digest not in self.seen:
                self.seen.add(digest)
                self.pending.append(line)

    def flush(self) -> None:
        if self.pending:
            self.out.write(turtle_statements(self.pending))
            self.pending = []

    def finish(self, store: ox.Store) -> None:
        """Add the dataset description (written once the articles are in) and the rest."""
        description = store.quads_for_pattern(None, None, None, ox.NamedNode(DESCRIPTION_GRAPH))
        data = ox.serialize((q.triple for q in description), format=ox.RdfFormat.N_TRIPLES) or b""
        self._shared(data.decode("utf-8").splitlines(keepends=True))
        self.flush()
        self.out.flush()
