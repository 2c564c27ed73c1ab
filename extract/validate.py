"""Stage 6: check graphs against the SHACL shapes of `ontology/shapes.ttl` with pySHACL.

Two things make this fast enough for a crawl, without changing what is checked:

* The shapes are *compiled* once: each property shape of a node shape is lifted to the
  top level with its parent's targets. SHACL gives the same results either way, but pySHACL
  evaluates a nested property shape once per focus node, and a targeted one once per graph.
* Articles are validated in batches (`validate_batch`): one pySHACL run over the union of
  many article graphs, each article's own nodes renamed apart first, so that no article can
  lend another a missing triple. A batch with a violation is validated again article by
  article, so a rejection is always the article's own.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from .graph import graph_of_triples, new_graph
from .resources import ontology_dir
from .vocab import ID

Triples = Collection[tuple[Node, Node, Node]]  # an rdflib Graph, or a plain list of triples

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


TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
MINTED = str(ID)  # IRIs Didar mints for what an article says; vocabulary IRIs are shared

# Parameters that make a node shape check something about its focus node itself.
CONSTRAINTS = frozenset(SH[name] for name in [
    "class", "datatype", "nodeKind", "minExclusive", "minInclusive", "maxExclusive", "maxInclusive", "minLength",
    "maxLength", "pattern", "languageIn", "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals", "not",
    "and", "or", "xone", "node", "qualifiedValueShape", "closed", "hasValue", "in", "sparql", "expression", "property",
])  # fmt: skip


@cache
def shapes_graph() -> Graph:
    """The shapes as written in `ontology/shapes.ttl`."""
    g = Graph()
    g.parse(ontology_dir() / "shapes.ttl", format="turtle")
    return g


@cache
def compiled_shapes() -> Graph:
    """The same shapes with every property shape lifted to the top level with its parent's
    targets (a node shape left with no constraint of its own loses its targets too)."""
    authored = shapes_graph()
    g = Graph()
    for prefix, namespace in authored.namespaces():
        g.bind(prefix, namespace)
    for triple in authored:
        g.add(triple)
    for shape in list(g.subjects(RDF.type, SH.NodeShape)):
        targets = [(p, o) for p, o in g.predicate_objects(shape) if p in TARGETS]
        properties = list(g.objects(shape, SH.property))
        if not targets or not properties:
            continue
        for prop in properties:
            g.remove((shape, SH.property, prop))
            g.add((prop, RDF.type, SH.PropertyShape))
            for p, o in targets:
                g.add((prop, p, o))
        if not any(p in CONSTRAINTS for p in g.predicates(shape)):
            for p, o in targets:
                g.remove((shape, p, o))
    return g


PAIRS = (SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint, SH.targetSubjectsOf, SH.targetObjectsOf)


@cache
def read_predicates() -> frozenset[Node] | None:
    """Every predicate the compiled shapes can read: those in paths, property-pair constraints,
    targets and `sh:class` (rdf:type, rdfs:subClassOf) and SPARQL text. Triples with any other
    predicate cannot change a result, so a batch leaves them out. None when a shape is closed
    (sh:closed reads every predicate)."""
    shapes = compiled_shapes()
    if (None, SH.closed, None) in shapes:
        return None
    read: set[Node] = {RDF.type, RDFS.subClassOf}
    for path in shapes.objects(None, SH.path):
        read |= _iris_under(shapes, path)
    for pair in PAIRS:
        read |= set(shapes.objects(None, pair))
    for text in [*shapes.objects(None, SH.select), *shapes.objects(None, SH.ask)]:
        read |= _iris_in_query(shapes, str(text))
    return frozenset(read)


def _iris_under(shapes: Graph, node: Node) -> set[Node]:
    """The IRIs of a SHACL path: an IRI, or blank nodes for sequences (RDF lists), inverses…"""
    if isinstance(node, URIRef):
        return {node}
    found: set[Node] = set()
    for p, o in shapes.predicate_objects(node):
        if p != RDF.type and o != RDF.nil and not isinstance(o, Literal):
            found |= _iris_under(shapes, o)
    return found


def _iris_in_query(shapes: Graph, text: str) -> set[Node]:
    """Every IRI in a SPARQL query of the shapes, with the shapes' declared prefixes."""
    from rdflib.plugins.sparql import prepareQuery

    declared = {
        str(shapes.value(d, SH.prefix)): Namespace(str(shapes.value(d, SH.namespace)))
        for d in shapes.objects(None, SH.declare)
    }
    query = prepareQuery(text, initNs=declared)
    found: set[Node] = set()

    def walk(value: object) -> None:
        if isinstance(value, URIRef):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple | set):
            for item in value:
                walk(item)
        elif hasattr(value, "args"):  # property paths
            walk(value.args)
        elif hasattr(value, "path"):
            walk(value.path)

    walk(query.algebra)
    return found


def prepare() -> None:
    """Compile the shapes now (before worker processes fork)."""
    read_predicates()


def _short(g: Graph, node: object) -> str:
    if isinstance(node, URIRef):
        try:
            return g.namespace_manager.normalizeUri(node)
        except ValueError:
            return f"<{node}>"
    return str(node) if node is not None else "-"


def _shape_name(shape: object) -> str:
    """A shape's local name (dsh:ProposalShape -> ProposalShape); for a blank property shape,
    the name of the node shape that holds it."""
    if isinstance(shape, BNode):
        shape = next(shapes_graph().subjects(SH.property, shape), shape)
    if isinstance(shape, URIRef):
        return str(shape).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return "-"


def _message(results: Graph, result: object) -> str:
    messages = [m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)]  # type: ignore[arg-type]
    english = [str(m) for m in messages if m.language in (None, "en")]
    return english[0] if english else (str(messages[0]) if messages else "does not conform")


def _run(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    conforms, results, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,  # SPARQL-based targets for the cross-node rules
        allow_warnings=True,
        allow_infos=True,
        inplace=True,  # pySHACL only reads the data graph here
    )
    assert isinstance(results, Graph)
    return bool(conforms), results


ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


def _findings(data: Graph, results: Graph) -> list[tuple[Node | None, Finding]]:
    """Each SHACL result as (focus node, Finding)."""
    found = []
    for result in results.subjects(SH.resultSeverity, None):
        severity = results.value(result, SH.resultSeverity)
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        finding = Finding(
            SEVERITY_NAMES.get(severity, str(severity)) if isinstance(severity, URIRef) else str(severity),
            _short(data, focus),
            _short(data, results.value(result, SH.resultPath)),
            _message(results, result),
            str(focus) if isinstance(focus, URIRef) else "",
            _shape_name(shape),
        )
        found.append((focus, finding))
    return found


def _report(conforms: bool, findings: Sequence[Finding]) -> Report:
    ordered = sorted(set(findings), key=lambda f: (ORDER.get(f.severity, 3), f.focus, f.path, f.message))
    return Report(conforms, tuple(ordered))


def validate_graph(data: Graph, shapes: Graph | None = None) -> Report:
    """Validate one graph. Warnings and infos do not break conformance."""
    conforms, results = _run(data, shapes if shapes is not None else compiled_shapes())
    return _report(conforms, [f for _, f in _findings(data, results)])


def _minted(node: Node) -> bool:
    return isinstance(node, BNode) or (isinstance(node, URIRef) and node.startswith(MINTED))


def _as_graph(triples: Triples) -> Graph:
    return triples if isinstance(triples, Graph) else graph_of_triples(triples)  # type: ignore[arg-type]


@dataclass
class _Scan:
    """What one graph says about the shared (vocabulary) nodes it mentions, {node: {(p, o)}},
    and which minted nodes it holds."""

    described: dict[Node, set[tuple[Node, Node]]]
    minted: set[Node]


def _scan(graph: Triples) -> _Scan:
    scan = _Scan({}, set())
    for s, p, o in graph:
        if _minted(s):
            scan.minted.add(s)
        else:
            scan.described.setdefault(s, set()).add((p, o))
        if isinstance(o, Literal):
            continue
        if _minted(o):
            scan.minted.add(o)
        else:
            scan.described.setdefault(o, set())
    return scan


def _independent(scans: Sequence[_Scan]) -> list[int]:
    """The graphs that describe every shared node they mention exactly as the batch does;
    only those may be validated together (the others could borrow a triple)."""
    batch: dict[Node, set[tuple[Node, Node]]] = {}
    for scan in scans:
        for node, pairs in scan.described.items():
            batch.setdefault(node, set()).update(pairs)
    return [k for k, scan in enumerate(scans) if all(batch[n] == pairs for n, pairs in scan.described.items())]


def _union_apart(
    graphs: Sequence[Triples], scans: Sequence[_Scan], members: Sequence[int]
) -> tuple[Graph, dict[Node, int]]:
    """The union of the member graphs, with every minted node that two members share renamed
    apart (IRI~k), so that each member sees only its own; and the member owning each node."""
    held: dict[Node, int] = {}
    for k in members:
        for node in scans[k].minted:
            held[node] = held.get(node, 0) + 1
    owner: dict[Node, int] = {}
    union = new_graph()
    read = read_predicates()
    added: set[tuple[Node, Node, Node]] = set()  # shared nodes' triples, added once
    for k in members:
        renamed: dict[Node, Node] = {}
        for node in scans[k].minted:
            if held[node] > 1:
                twin = URIRef(f"{node}~{k}") if isinstance(node, URIRef) else BNode()
                renamed[node] = twin
                owner[twin] = k
            else:
                owner[node] = k
        for s, p, o in graphs[k]:
            if read is not None and p not in read:
                continue
            if s in owner or s in renamed:
                union.add((renamed.get(s, s), p, renamed.get(o, o)))
            elif (s, p, o) not in added:
                added.add((s, p, o))
                union.add((s, p, renamed.get(o, o)))
    return union, owner


def validate_batch(graphs: Sequence[Triples]) -> list[Report]:
    """Validate many article graphs (rdflib Graphs or lists of triples) in one pySHACL run;
    one Report per graph, each exactly what `validate_graph` says of that graph alone."""
    reports: list[Report | None] = [None] * len(graphs)
    scans = [_scan(g) for g in graphs] if len(graphs) > 1 else []
    members = _independent(scans)
    if len(members) > 1:
        union, owner = _union_apart(graphs, scans, members)
        conforms, results = _run(union, compiled_shapes())
        if conforms:
            per_article: dict[int, list[Finding]] = {k: [] for k in members}
            for focus, finding in _findings(union, results):
                k = owner.get(focus) if focus is not None else None
                if k is None:  # a shared node, described alike by every member that holds it
                    for j in members:
                        if any(triple[0] == focus for triple in graphs[j]):
                            per_article[j].append(finding)
                    continue
                if isinstance(focus, URIRef) and focus not in scans[k].minted:  # renamed apart
                    original = _short(union, URIRef(focus.rsplit("~", 1)[0]))
                    node = focus.rsplit("~", 1)[0]
                    finding = Finding(finding.severity, original, finding.path, finding.message, node, finding.shape)
                per_article[k].append(finding)
            for k, findings in per_article.items():
                reports[k] = _report(True, findings)
    alone = (
        validate_graph(_as_graph(g)) if report is None else report for g, report in zip(graphs, reports, strict=True)
    )
    return list(alone)
