"""Stage 6: check a graph against the SHACL shapes of `ontology/shapes.ttl` with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from .resources import ontology_dir

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


@cache
def shapes_graph() -> Graph:
    g = Graph()
    g.parse(ontology_dir() / "shapes.ttl", format="turtle")
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


def validate_graph(data: Graph) -> Report:
    """Validate a (small, per-article) graph. Warnings and infos do not break conformance."""
    conforms, results, _ = shacl_validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=True,  # SPARQL-based targets for the cross-node rules
        allow_warnings=True,
        allow_infos=True,
    )
    assert isinstance(results, Graph)
    findings = []
    for result in results.subjects(SH.resultSeverity, None):
        severity = results.value(result, SH.resultSeverity)
        findings.append(
            Finding(
                SEVERITY_NAMES.get(severity, str(severity)) if isinstance(severity, URIRef) else str(severity),
                _short(data, results.value(result, SH.focusNode)),
                _short(data, results.value(result, SH.resultPath)),
                _message(results, result),
            )
        )
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    findings.sort(key=lambda f: (order.get(f.severity, 3), f.focus, f.path, f.message))
    return Report(bool(conforms), tuple(findings))
