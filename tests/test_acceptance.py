"""Partial acceptance: a proposal or statement that breaks a shape is left out with a warning;
a violation in the meeting itself rejects the article."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import URIRef

from conftest import extract
from extract.acceptance import Part, part_of, separable
from extract.batch import settle
from extract.graph import extraction_ntriples, extraction_triples, graph_of_ntriples, graph_of_triples
from extract.model import Extraction
from extract.ntriples import ntriples_of
from extract.validate import Finding, validate_graph
from extract.vocab import DIDAR, ID, slug

TEXT = (
    "به گزارش ایرنا، کامران شریفی استاندار گیلان امروز در رشت با ایوان پتروف سفیر روسیه در ایران دیدار کرد.\n"
    "شریفی در این دیدار پیشنهاد کرد صادرات مرکبات گیلان به روسیه از مسیر بندر انزلی افزایش یابد.\n"
    "پتروف نیز گفت: روسیه آماده است خرید چای از ایران را دو برابر کند."
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    found = extract(TEXT)
    assert found.meetings and found.proposals, "the test text must give a meeting and proposals"
    return found


def a_loop(extraction: Extraction) -> Extraction:
    """The first proposal's flow made to end where it starts."""
    first = extraction.proposals[0]
    end = first.origin or first.destination
    assert end is not None, "the first proposal must have a flow"
    broken = replace(first, origin=end, destination=end)
    return replace(extraction, proposals=(broken, *extraction.proposals[1:]))


def test_a_proposal_that_breaks_a_shape_is_left_out_with_a_warning(extraction: Extraction) -> None:
    broken = a_loop(extraction)
    ntriples = extraction_ntriples(broken)
    report = validate_graph(graph_of_ntriples(ntriples))
    assert not report.conforms
    processed = settle("t.txt", broken, ntriples, report, None)
    assert processed.outcome.loaded
    assert processed.outcome.meetings == len(extraction.meetings)
    (warning,) = processed.outcome.warnings
    assert "ProposalShape" in warning and "t:" in warning and "proposal" in warning
    loaded = {(str(s), str(p)) for s, p, _ in graph_of_ntriples(processed.ntriples or "")}
    bad = broken.proposals[0].evidence
    node = str(ID[f"proposal/{slug('t')}/{bad.start}-{bad.end}"])
    assert not any(s == node for s, _ in loaded)
    others = [p for p in broken.proposals[1:]]
    for p in others:
        kept = str(ID[f"proposal/{slug('t')}/{p.evidence.start}-{p.evidence.end}"])
        assert any(s == kept for s, _ in loaded)


def test_a_violation_in_the_meeting_rejects_the_article(extraction: Extraction, tmp_path) -> None:
    triples = extraction_triples(a_loop(extraction))
    meeting = next(s for s, p, o in triples if o == DIDAR.DiplomaticMeeting)
    triples = [t for t in triples if not (t[0] == meeting and t[1] == DIDAR.evidence)]
    report = validate_graph(graph_of_triples(triples))
    assert separable(report, "t") is None
    processed = settle("t.txt", a_loop(extraction), ntriples_of(triples), report, tmp_path)
    assert not processed.outcome.loaded
    assert "does not conform" in processed.outcome.message
    assert list(tmp_path.iterdir()), "the rejected graph is kept aside"


@pytest.mark.parametrize(
    "node, part",
    [
        (f"proposal/{slug('t')}/10-40", Part("proposal", 10, 40)),
        (f"proposal/{slug('t')}/10-40/route", Part("proposal", 10, 40)),
        (f"proposal/{slug('t')}/10-40/route/2", Part("proposal", 10, 40)),
        (f"statement/{slug('t')}/5-90", Part("statement", 5, 90)),
        (f"proposal/{slug('other')}/10-40", None),
        ("meeting/abc123", None),
        ("evidence/t/10-40", None),
    ],
)
def test_which_part_a_violation_falls_on(node: str, part: Part | None) -> None:
    finding = Finding("Violation", "x", "y", "z", str(URIRef(str(ID) + node)), "S")
    assert part_of(finding, "t") == part
