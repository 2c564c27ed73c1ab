"""The ontology (ontology/didar.ttl) declares every didar: term the lexicons and the extractor use.

Each term must be declared as an OWL class or property and carry rdfs:label and rdfs:comment
in both English (@en) and Persian (@fa).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology"
EXTRACT = ROOT / "extract"
DIDAR = Namespace("https://w3id.org/didar/ontology#")

DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
NOT_LEXICONS = {"didar.ttl", "shapes.ttl"}  # the ontology itself; SHACL shapes with their own dsh: terms

# DIDAR.name, DIDAR["name"] or DIDAR['name']; DIDAR[expression] (e.g. DIDAR[place.category]) is
# dynamic and left out: its values are the facility kinds that facilities.ttl uses as rdf:type.
DIDAR_IN_SOURCE = re.compile(r"""\bDIDAR(?:\.([A-Za-z_]\w*)|\[\s*(["'])([A-Za-z_]\w*)\2\s*\])""")


@cache
def ontology() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY / "didar.ttl", format="turtle")
    return g


def is_didar(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(DIDAR))


def problems(term: URIRef) -> list[str]:
    """What is missing from the declaration of a term in didar.ttl (empty if it is complete)."""
    g = ontology()
    found = []
    if not set(g.objects(term, RDF.type)) & DECLARATION_TYPES:
        found.append("not declared as an OWL class or property")
    for prop in (RDFS.label, RDFS.comment):
        langs = {o.language for o in g.objects(term, prop) if isinstance(o, Literal)}
        found += [f"no {prop.n3(g.namespace_manager)} @{lang}" for lang in ("en", "fa") if lang not in langs]
    return found


def report(terms: dict[URIRef, set[str]]) -> list[str]:
    return [
        f"{term.n3(ontology().namespace_manager)} ({', '.join(sorted(where))}): {'; '.join(missing)}"
        for term, where in sorted(terms.items())
        if (missing := problems(term))
    ]


def test_ontology_parses_and_names_itself() -> None:
    assert (URIRef("https://w3id.org/didar/ontology"), RDF.type, OWL.Ontology) in ontology()


def test_terms_used_in_lexicons_are_declared() -> None:
    used: dict[URIRef, set[str]] = {}
    files = sorted(f for f in ONTOLOGY.glob("*.ttl") if f.name not in NOT_LEXICONS)
    assert files
    for path in files:
        g = Graph()
        g.parse(path, format="turtle")
        for _, p, o in g:
            if is_didar(p):
                used.setdefault(URIRef(p), set()).add(path.name)
            if p == RDF.type and is_didar(o):
                used.setdefault(URIRef(o), set()).add(path.name)
    assert used
    assert report(used) == []


def test_terms_written_by_extractor_are_declared() -> None:
    used: dict[URIRef, set[str]] = {}
    for path in sorted(EXTRACT.glob("*.py")):
        for match in DIDAR_IN_SOURCE.finditer(path.read_text(encoding="utf-8")):
            used.setdefault(DIDAR[match.group(1) or match.group(3)], set()).add(path.name)
    assert DIDAR.DiplomaticMeeting in used  # the pattern does find the extractor's terms
    assert report(used) == []
