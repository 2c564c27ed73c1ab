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

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from .resources import ontology_dir
from .vocab import ID

SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Finding:
    """One SHACL result: how bad, which node, which property, and why."""

    severity: str
    focus: str
    path: str
    message: str

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


def _short(g: Graph, node: object) -> str:
    if isinstance(node, URIRef):
        try:
            return g.namespace_manager.normalizeUri(node)
        except ValueError:
            return f"<{node}>"
    return str(node) if node is not None else "-"


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
        finding = Finding(
            SEVERITY_NAMES.get(severity, str(severity)) if isinstance(severity, URIRef) else str(severity),
            _short(data, focus),
            _short(data, results.value(result, SH.resultPath)),
            _message(results, result),
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


def _shared_descriptions(graph: Graph) -> dict[Node, frozenset[tuple[Node, Node]]]:
    """What `graph` says about each shared (vocabulary) node it mentions: {node: {(p, o)}}."""
    described: dict[Node, set[tuple[Node, Node]]] = {}
    for s, p, o in graph:
        if not _minted(s):
            described.setdefault(s, set()).add((p, o))
        if not _minted(o) and not isinstance(o, Literal):
            described.setdefault(o, set())
    return {node: frozenset(pairs) for node, pairs in described.items()}


def _independent(graphs: Sequence[Graph]) -> list[int]:
    """The graphs that describe every shared node they mention exactly as the batch does;
    only those may be validated together (the others could borrow a triple)."""
    descriptions = [_shared_descriptions(g) for g in graphs]
    batch: dict[Node, set[tuple[Node, Node]]] = {}
    for described in descriptions:
        for node, pairs in described.items():
            batch.setdefault(node, set()).update(pairs)
    return [k for k, described in enumerate(descriptions) if all(batch[n] == pairs for n, pairs in described.items())]


def _union_apart(graphs: Sequence[Graph], members: Sequence[int]) -> tuple[Graph, dict[Node, int]]:
    """The union of the member graphs, each graph's minted nodes renamed apart (IRI~k)."""
    union = Graph()
    for prefix, namespace in graphs[members[0]].namespaces():
        union.bind(prefix, namespace)
    owner: dict[Node, int] = {}
    for k in members:
        renamed: dict[Node, Node] = {}

        def apart(node: Node, k: int = k, renamed: dict[Node, Node] = renamed) -> Node:
            if not _minted(node):
                return node
            twin = renamed.get(node)
            if twin is None:
                twin = renamed[node] = URIRef(f"{node}~{k}") if isinstance(node, URIRef) else BNode()
                owner[twin] = k
            return twin

        for s, p, o in graphs[k]:
            union.add((apart(s), p, apart(o)))
    return union, owner


def validate_batch(graphs: Sequence[Graph]) -> list[Report]:
    """Validate many article graphs in one pySHACL run; one Report per graph, each exactly
    what `validate_graph` says of that graph alone."""
    reports: list[Report | None] = [None] * len(graphs)
    members = _independent(graphs) if len(graphs) > 1 else []
    if len(members) > 1:
        union, owner = _union_apart(graphs, members)
        conforms, results = _run(union, compiled_shapes())
        if conforms:
            per_article: dict[int, list[Finding]] = {k: [] for k in members}
            for focus, finding in _findings(union, results):
                k = owner.get(focus) if focus is not None else None
                if k is None:  # a shared node, described alike by every member that holds it
                    for j in members:
                        if focus is not None and (focus, None, None) in graphs[j]:
                            per_article[j].append(finding)
                    continue
                if isinstance(focus, URIRef):  # the finding gets its article's own IRI back
                    original = _short(graphs[k], URIRef(focus.rsplit("~", 1)[0]))
                    finding = Finding(finding.severity, original, finding.path, finding.message)
                per_article[k].append(finding)
            for k, findings in per_article.items():
                reports[k] = _report(True, findings)
    return [report if report is not None else validate_graph(g) for g, report in zip(graphs, reports, strict=True)]
