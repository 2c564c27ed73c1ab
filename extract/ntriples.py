"""N-Triples text, written directly (one triple a line): from rdflib triples, or term by term.

Worker processes write every article's graph once as N-Triples: the SHACL engine reads that
text, the store bulk-loads it, and the merged Turtle is made from it. The graph stage writes
its terms here as text (`iri_text`, `TermTexts`, the literal writers), with the text of each
term remembered; rdflib triples (the dataset description, tests) go through `ntriples_of`.
An IRI that N-Triples cannot hold (a space, `>`, a line break) is refused, so no text of an
article can add a line of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .errors import DidarError

XSD_NS = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = f"{XSD_NS}string"
# Characters no IRI may hold (RFC 3987, as N-Triples' IRIREF forbids them): controls and space, <>"{}|^`\
NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
LITERAL_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
LITERAL_ESCAPES |= {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in LITERAL_ESCAPES}


class NotRDF(DidarError):
    """A term that RDF (or N-Triples) cannot write."""


@lru_cache(maxsize=1 << 16)
def iri_text(iri: str) -> str:
    """An IRI as N-Triples writes it: <…>."""
    if NOT_IN_IRI.search(iri) or not iri:
        raise NotRDF(f"not an IRI RDF allows: {iri!r}")
    return f"<{iri}>"


@lru_cache(maxsize=1 << 16)
def _literal(value: str, language: str | None, datatype: str | None) -> str:
    """(The language tag is one rdflib has checked, or one of ours.)"""
    quoted = plain(value)
    if language:
        return f"{quoted}@{language}"
    if datatype and datatype != XSD_STRING:
        return f"{quoted}^^{iri_text(datatype)}"
    return quoted


def plain(value: str) -> str:
    """A string literal (an article's own text: not remembered, it is seldom seen twice)."""
    return '"' + value.translate(LITERAL_ESCAPES) + '"'


def tagged(value: str, language: str) -> str:
    """A literal with a language tag ("fa", "en")."""
    return _literal(value, language, None)


def typed(lexical: str, datatype: str) -> str:
    """A literal of an XSD datatype, by its local name ("date", "integer")."""
    return _literal(lexical, None, XSD_NS + datatype)


@lru_cache(maxsize=4096)
def integer(n: int) -> str:
    return typed(str(n), "integer")


def boolean(value: bool) -> str:
    return typed("true" if value else "false", "boolean")


def xsd_date(day: date) -> str:
    return typed(day.isoformat(), "date")


class TermTexts:
    """A namespace's terms as N-Triples text: `TermTexts(RDF).type` is
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>". The name is checked by the namespace
    (rdflib's closed namespaces refuse a misspelt one) the first time, then kept."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace
        self._base = str(namespace)

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        text = iri_text(str(getattr(self._namespace, name)))
        self.__dict__[name] = text
        return text

    def __getitem__(self, local: str) -> str:
        """A term made from text (`ID["meeting/…"]`), not checked against any list."""
        return iri_text(self._base + local)


def term_text(term: Node) -> str:
    """One term in N-Triples."""
    if isinstance(term, URIRef):
        return iri_text(str(term))
    if isinstance(term, Literal):
        datatype = term.datatype
        return _literal(str(term), term.language, str(datatype) if datatype is not None else None)
    if isinstance(term, BNode):
        label = str(term)
        if not label or not label.replace("-", "").replace("_", "").isalnum() or not label.isascii():
            raise NotRDF(f"not a blank node label N-Triples allows: {label!r}")
        return f"_:{label}"
    raise NotRDF(f"not an RDF term: {term!r}")


def lines_of(triples: Iterable[tuple[Node, Node, Node]]) -> list[str]:
    """Each triple as one N-Triples line (ending in " .\\n"). A literal as subject or
    predicate, or a blank node as predicate, is refused as RDF refuses it."""
    lines = []
    for s, p, o in triples:
        if isinstance(s, Literal) or not isinstance(p, URIRef):
            raise NotRDF(f"not an RDF triple: {s!r} {p!r} {o!r}")
        lines.append(f"{term_text(s)} {iri_text(str(p))} {term_text(o)} .\n")
    return lines


def ntriples_of(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """Triples as N-Triples text."""
    return "".join(lines_of(triples))
