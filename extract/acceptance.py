"""Partial acceptance: a proposal or statement that breaks a shape is left out, not the article.

A report of a meeting is worth loading even when one of the ideas it quotes came out wrong
(a flow whose two ends are the same place, a route stop without a place). When every
violation of an article's graph falls on a proposal (or its route and stops) or on a
statement, those parts are dropped, the graph is built again and validated again; the
article loads with one warning per part left out, naming the shape and the article. A
violation anywhere else (the meeting, its participants, offices, date or place, the
article itself, or evidence shared by several facts) rejects the article as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .model import Extraction
from .validate import Finding, Report
from .vocab import ID, slug

_PART = re.compile(r"^(?P<kind>proposal|statement)/(?P<doc>[^/]+)/(?P<start>\d+)-(?P<end>\d+)(?:/route(?:/\d+)?)?$")


@dataclass(frozen=True)
class Part:
    """A proposal or a statement of one article, by the offsets of its evidence."""

    kind: str  # proposal | statement
    start: int
    end: int


def part_of(finding: Finding, doc_id: str) -> Part | None:
    """The proposal or statement a violation's focus node belongs to, or None when it falls
    on anything else."""
    if not finding.node.startswith(str(ID)):
        return None
    match = _PART.match(finding.node[len(str(ID)) :])
    if match is None or match["doc"] != slug(doc_id):
        return None
    return Part(match["kind"], int(match["start"]), int(match["end"]))


def separable(report: Report, doc_id: str) -> dict[Part, Finding] | None:
    """The parts to leave out (with the first violation of each), or None when some
    violation is not in a proposal or statement."""
    parts: dict[Part, Finding] = {}
    for finding in report.violations:
        part = part_of(finding, doc_id)
        if part is None:
            return None
        parts.setdefault(part, finding)
    return parts or None


def without(extraction: Extraction, parts: set[Part]) -> Extraction:
    """The extraction less those parts; a statement left out takes its proposals with it."""
    statements = tuple(
        s for s in extraction.statements if Part("statement", s.evidence.start, s.evidence.end) not in parts
    )
    proposals = tuple(
        p
        for p in extraction.proposals
        if Part("proposal", p.evidence.start, p.evidence.end) not in parts and p.statement in statements
    )
    return replace(extraction, statements=statements, proposals=proposals)


def warning(doc_id: str, part: Part, finding: Finding, text: str) -> str:
    """ "left out": what, where in the article, which shape and why."""
    quoted = " ".join(text[part.start : part.end].split())
    if len(quoted) > 60:
        quoted = quoted[:57] + "…"
    return (
        f"{doc_id}: left out the {part.kind} at characters {part.start}-{part.end} («{quoted}»): "
        f"{finding.shape} {finding.path}: {finding.message}"
    )
