"""rdflib triples as N-Triples text, written directly (one triple a line).

Worker processes write every article's graph once as N-Triples: the SHACL engine reads that
text, the store bulk-loads it, and the merged Turtle is made from it. Writing it here, term
by term with the texts of terms remembered, costs a fifth of converting each term to an
Oxigraph term for Oxigraph's serializer. An IRI that N-Triples cannot hold (a space, `>`,
a line break) is refused, so no text of an article can add a line of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .errors import DidarError

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# Characters no IRI may hold (RFC 3987, as N-Triples' IRIREF forbids them): controls and space, <>"{}|^`\
NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
LITERAL_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
LITERAL_ESCAPES |= {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in LITERAL_ESCAPES}


class NotRDF(DidarError):
    """A term that RDF (or N-Triples) cannot write."""


@lru_cache(maxsize=1 << 16)
def _iri(iri: str) -> str:
    """An IRI as N-Triples writes it: <…>."""
    if NOT_IN_IRI.search(iri) or not iri:
        raise NotRDF(f"not an IRI RDF allows: {iri!r}")
    return f"<{iri}>"


@lru_cache(maxsize=1 << 16)
def _literal(value: str, language: str | None, datatype: str | None) -> str:
    """(rdflib has checked the language tag.)"""
    quoted = '"' + value.translate(LITERAL_ESCAPES) + '"'
    if language:
        return f"{quoted}@{language}"
    if datatype and datatype != XSD_STRING:
        return f"{quoted}^^{_iri(datatype)}"
    return quoted


def term_text(term: Node) -> str:
    """One term in N-Triples."""
    if isinstance(term, URIRef):
        return _iri(str(term))
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
        lines.append(f"{term_text(s)} {_iri(str(p))} {term_text(o)} .\n")
    return lines


def ntriples_of(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """Triples as N-Triples text."""
    return "".join(lines_of(triples))
