"""Stage 6: check each article's graph against the SHACL shapes of `ontology/shapes.ttl`.

The engine is pyshacl-turbo (SHACL in Rust, pySHACL's API): the shapes are compiled once
per process, and an article's graph goes to the engine as the N-Triples text the build
writes anyway (extract/ntriples.py), with no rdflib Graph built for it, so an article
takes about 4 ms alone. pySHACL, in pure Python, is the reference:
`tests/test_shacl_engines.py` checks that both find the same on every shape fixture and
every annotated article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from pyshacl_turbo import CompiledShapes
from pyshacl_turbo.rdf import Input
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH, split_uri
from rdflib.term import Node

from .errors import DidarError
from .graph import new_graph
from .ntriples import ntriples_of
from .resources import ontology_dir

SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Finding:
    """One SHACL result: how bad, which node, which property, and why."""

    severity: str
    focus: str
    path: str
    message: str
    node: str = ""  # the focus node's full IRI, when it is one
    shape: str = ""  # the shape that reported it (sh:sourceShape), shortened

    def __str__(self) -> str:
        return f"{self.severity}: {self.focus} {self.path}: {self.message}"


@dataclass(frozen=True)
class Report:
    conforms: bool
    findings: tuple[Finding, ...]

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Violation")

    def text(self) -> str:
        if not self.findings:
            return "conforms"
        return "\n".join(str(f) for f in self.findings)


@cache
def shapes_graph() -> Graph:
    """The shapes as written in `ontology/shapes.ttl`."""
    g = Graph()
    g.parse(ontology_dir() / "shapes.ttl", format="turtle")
    return g


@cache
def compiled_shapes() -> CompiledShapes:
    """The shapes compiled by the engine, once per process."""
    return CompiledShapes(shapes_graph(), advanced=True)  # advanced: the SPARQL-based targets


def prepare() -> None:
    """Compile the shapes now (before worker processes fork)."""
    compiled_shapes()


Prefixes = dict[str, str]  # namespace -> prefix


@cache
def didar_prefixes() -> Prefixes:
    """The prefixes an article's graph is written with."""
    return {str(namespace): prefix for prefix, namespace in new_graph().namespaces()}


def _short(prefixes: Prefixes, node: object) -> str:
    """An IRI as prefix:name when its namespace has a prefix, else <IRI> (as rdflib's
    `normalizeUri` writes it)."""
    if isinstance(node, URIRef):
        try:
            namespace, name = split_uri(node)
        except ValueError:
            return f"<{node}>"
        prefix = prefixes.get(namespace)
        return f"{prefix}:{name}" if prefix is not None else f"<{node}>"
    return str(node) if node is not None else "-"


def _shape_name(shape: object) -> str:
    """A shape's local name (dsh:ProposalShape -> ProposalShape); for a blank property shape,
    the name of the node shape that holds it."""
    if isinstance(shape, BNode):
        shape = next(shapes_graph().subjects(SH.property, shape), shape)
    if isinstance(shape, URIRef):
        return str(shape).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return "-"


def _message(results: Graph, result: Node) -> str:
    messages = [m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)]
    english = [str(m) for m in messages if m.language in (None, "en")]
    return english[0] if english else (str(messages[0]) if messages else "does not conform")


ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


def report_of(conforms: bool, results: Graph, prefixes: Prefixes | None = None) -> Report:
    """A Report from a SHACL validation report graph (either engine's); IRIs are shortened
    with `prefixes` (Didar's by default)."""
    prefixes = didar_prefixes() if prefixes is None else prefixes
    found: list[Finding] = []
    for result in results.subjects(SH.resultSeverity, None):
        severity = results.value(result, SH.resultSeverity)
        focus = results.value(result, SH.focusNode)
        found.append(
            Finding(
                SEVERITY_NAMES.get(severity, str(severity)) if isinstance(severity, URIRef) else str(severity),
                _short(prefixes, focus),
                _short(prefixes, results.value(result, SH.resultPath)),
                _message(results, result),
                str(focus) if isinstance(focus, URIRef) else "",
                _shape_name(results.value(result, SH.sourceShape)),
            )
        )
    return _report(conforms, found)


def _report(conforms: bool, findings: Sequence[Finding]) -> Report:
    ordered = sorted(set(findings), key=lambda f: (ORDER.get(f.severity, 3), f.focus, f.path, f.message))
    return Report(conforms, tuple(ordered))


def validate_ntriples(
    ntriples: str,
    blank_nodes: dict[str, BNode] | None = None,
    prefixes: Prefixes | None = None,
    *,
    findings: bool = True,
) -> Report:
    """Validate one graph given as N-Triples text (as a build writes every article once).
    Warnings and infos do not break conformance. DidarError when the text is not valid RDF.
    `blank_nodes`: the text's blank node labels and the nodes the report should name.
    `findings=False`: a conforming graph's warnings and infos are not wanted (a build loads it
    either way), so the engine's report need not be read at all."""
    data = Input(ntriples, "nt", None, blank_nodes or {}, preserve_ids=True)
    try:
        if not findings and native_verdict(data):
            return Report(True, ())
        conforms, results, _ = compiled_shapes().validate(data, allow_warnings=True, allow_infos=True)
    except ValueError as err:  # a term RDF does not allow ("http://a b", a literal subject)
        raise DidarError(f"cannot be validated, not valid RDF: {err}") from None
    assert isinstance(results, Graph)
    return report_of(bool(conforms), results, prefixes)


def native_verdict(data: Input) -> bool | None:
    """Does the graph conform? Asked of the engine's native entry point (the one
    `CompiledShapes.validate` calls), whose report comes as N-Triples text: the public call
    also turns that text into an rdflib Graph bound to the shapes' 60 prefixes, which costs
    more than validating a small graph (about 1.2 ms a call). None when the entry point is
    not the one of pyshacl-turbo 0.6: then the public call is made."""
    native = getattr(compiled_shapes(), "_native", None)
    if native is None:
        return None
    try:
        conforms, report, *_ = native.validate(
            data.source, data.format, data.base, False, 100, 15, False, True, True, False, [], [], []
        )
    except TypeError:  # another signature
        return None
    if not isinstance(conforms, bool) or not isinstance(report, str):
        return None
    return conforms


def validate_triples(triples: Iterable[tuple[Node, Node, Node]], prefixes: Prefixes | None = None) -> Report:
    """Validate one graph given as its triples (a list, or an rdflib Graph)."""
    triples = list(triples)
    nodes = {str(t): t for triple in triples for t in triple if isinstance(t, BNode)}
    return validate_ntriples(ntriples_of(triples), nodes, prefixes)


def validate_graph(data: Graph) -> Report:
    """Validate an rdflib Graph; its focus nodes are shortened with the graph's own prefixes."""
    return validate_triples(data, {str(namespace): prefix for prefix, namespace in data.namespaces()})
