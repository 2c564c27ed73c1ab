"""The SHACL shapes: the seed's graph conforms, and each shape catches a violating fixture.

Each fixture takes the seed's graph and breaks one thing; the test checks that validation
fails and that the finding is about the node that was broken.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, PROV, RDF, SKOS, XSD

from conftest import ROOT
from extract.validate import validate_graph
from extract.vocab import DIDAR, EUCOUNTRY, OA, SCHEMA

Breaker = Callable[[Graph], URIRef]


def one(g: Graph, cls: URIRef) -> URIRef:
    node = sorted(g.subjects(RDF.type, cls))[0]
    assert isinstance(node, URIRef)
    return node


def drop(g: Graph, node: URIRef, prop: URIRef) -> URIRef:
    g.remove((node, prop, None))
    return node


def article_without_id(g: Graph) -> URIRef:
    return drop(g, one(g, DIDAR.Article), SCHEMA.identifier)


def article_with_bad_digest(g: Graph) -> URIRef:
    node = one(g, DIDAR.Article)
    g.set((node, DIDAR.sha256, Literal("not-a-digest")))
    return node


def activity_with_text_time(g: Graph) -> URIRef:
    node = one(g, DIDAR.ExtractionActivity)
    g.set((node, PROV.startedAtTime, Literal("this morning")))
    return node


def activity_ending_before_it_starts(g: Graph) -> URIRef:
    node = one(g, DIDAR.ExtractionActivity)
    g.set((node, PROV.startedAtTime, Literal("2025-09-24T08:00:01Z", datatype=XSD.dateTime)))
    g.set((node, PROV.endedAtTime, Literal("2025-09-24T08:00:00Z", datatype=XSD.dateTime)))
    return node


def meeting_with_one_participant(g: Graph) -> URIRef:
    node = one(g, DIDAR.DiplomaticMeeting)
    g.remove((node, DIDAR.hasParticipation, sorted(g.objects(node, DIDAR.hasParticipation))[0]))
    return node


def meeting_with_text_date(g: Graph) -> URIRef:
    node = one(g, DIDAR.DiplomaticMeeting)
    g.set((node, SCHEMA.startDate, Literal("2 Mehr 1404")))
    return node


def meeting_without_evidence(g: Graph) -> URIRef:
    return drop(g, one(g, DIDAR.DiplomaticMeeting), DIDAR.evidence)


def participation_without_person(g: Graph) -> URIRef:
    return drop(g, one(g, DIDAR.Participation), DIDAR.person)


def participation_listed_by_no_meeting(g: Graph) -> URIRef:
    node = one(g, DIDAR.Participation)
    g.remove((None, DIDAR.hasParticipation, node))
    return node


def participation_with_two_states(g: Graph) -> URIRef:
    node = one(g, DIDAR.Participation)
    g.add((node, DIDAR.represents, EUCOUNTRY.TUR))
    g.add((EUCOUNTRY.TUR, RDF.type, DIDAR.State))
    g.add((EUCOUNTRY.TUR, SKOS.notation, Literal("TR")))
    return node


def person_named_in_english(g: Graph) -> URIRef:
    node = one(g, FOAF.Person)
    g.remove((node, SCHEMA.name, None))
    g.add((node, SCHEMA.name, Literal("Someone", lang="en")))
    return node


def post_sent_to_its_own_state(g: Graph) -> URIRef:
    node = next(p for p in sorted(g.subjects(RDF.type, ORG.Post)) if g.value(p, DIDAR.sendingState) is not None)
    assert isinstance(node, URIRef)
    g.set((node, DIDAR.receivingState, g.value(node, DIDAR.sendingState)))
    return node


def post_without_role(g: Graph) -> URIRef:
    return drop(g, one(g, ORG.Post), ORG.role)


def evidence_without_source(g: Graph) -> URIRef:
    return drop(g, one(g, DIDAR.Evidence), OA.hasSource)


def evidence_without_quote(g: Graph) -> URIRef:
    node = one(g, DIDAR.Evidence)
    quote = next(s for s in g.objects(node, OA.hasSelector) if (s, RDF.type, OA.TextQuoteSelector) in g)
    g.remove((node, OA.hasSelector, quote))
    return node


def span_ending_before_it_starts(g: Graph) -> URIRef:
    node = one(g, OA.TextPositionSelector)
    g.set((node, OA.end, Literal(1)))
    return node


def span_with_negative_start(g: Graph) -> URIRef:
    node = one(g, OA.TextPositionSelector)
    g.set((node, OA.start, Literal(-3)))
    return node


def quote_without_text(g: Graph) -> URIRef:
    return drop(g, one(g, OA.TextQuoteSelector), OA.exact)


def state_with_long_code(g: Graph) -> URIRef:
    node = one(g, DIDAR.State)
    g.set((node, SKOS.notation, Literal("IRN")))
    return node


def state_outside_the_authority(g: Graph) -> URIRef:
    node = URIRef("https://example.org/country/X")
    g.add((node, RDF.type, DIDAR.State))
    g.add((node, SKOS.notation, Literal("XX")))
    return node


def province_with_bad_code(g: Graph) -> URIRef:
    node = one(g, DIDAR.Province)
    g.set((node, SKOS.notation, Literal("Gilan")))
    return node


def city_without_country(g: Graph) -> URIRef:
    node = URIRef("https://w3id.org/didar/id/city/0")
    g.add((node, RDF.type, DIDAR.City))
    return node


def role_with_unknown_code(g: Graph) -> URIRef:
    node = one(g, DIDAR.Role)
    g.set((node, SKOS.notation, Literal("king")))
    return node


def topic_with_unknown_code(g: Graph) -> URIRef:
    node = one(g, DIDAR.Topic)
    g.set((node, SKOS.notation, Literal("weather")))
    return node


def topic_mention_without_topic(g: Graph) -> URIRef:
    return drop(g, one(g, DIDAR.TopicMention), DIDAR.topic)


def credit_to_an_outsider(g: Graph, cls: URIRef, prop: URIRef) -> URIRef:
    """Make someone who is not at the meeting the speaker or proposer of a node."""
    node = one(g, cls)
    outsider = URIRef("https://w3id.org/didar/id/person/outsider")
    g.add((outsider, RDF.type, FOAF.Person))
    g.add((outsider, SCHEMA.name, Literal("ناظر", lang="fa")))
    g.set((node, prop, outsider))
    return node


def statement_by_an_outsider(g: Graph) -> URIRef:
    return credit_to_an_outsider(g, DIDAR.Statement, DIDAR.speaker)


def statement_without_text(g: Graph) -> URIRef:
    return drop(g, one(g, DIDAR.Statement), DIDAR.text)


def proposal_by_an_outsider(g: Graph) -> URIRef:
    return credit_to_an_outsider(g, DIDAR.Proposal, DIDAR.proposer)


def proposal_without_evidence(g: Graph) -> URIRef:
    return drop(g, one(g, DIDAR.Proposal), DIDAR.evidence)


def proposal_without_sector(g: Graph) -> URIRef:
    return drop(g, one(g, DIDAR.Proposal), DIDAR.sector)


def flow_to_where_it_starts(g: Graph) -> URIRef:
    node = next(p for p in sorted(g.subjects(RDF.type, DIDAR.Proposal)) if g.value(p, DIDAR.flowFrom) is not None)
    assert isinstance(node, URIRef)
    g.set((node, DIDAR.flowTo, g.value(node, DIDAR.flowFrom)))
    return node


def good_with_bad_hs_code(g: Graph) -> URIRef:
    node = one(g, DIDAR.Commodity)
    g.set((node, DIDAR.hsCode, Literal("9.02")))
    return node


def route_with_one_stop(g: Graph) -> URIRef:
    node = one(g, DIDAR.Route)
    for stop in sorted(g.objects(node, DIDAR.stop))[1:]:
        g.remove((node, DIDAR.stop, stop))
    return node


def stop_at_position_zero(g: Graph) -> URIRef:
    node = one(g, DIDAR.RouteStop)
    g.set((node, DIDAR.position, Literal(0)))
    return node


BREAKERS: dict[str, Breaker] = {f.__name__: f for f in [
    article_without_id, article_with_bad_digest, activity_with_text_time, activity_ending_before_it_starts,
    meeting_with_one_participant, meeting_with_text_date,
    meeting_without_evidence, participation_without_person, participation_listed_by_no_meeting,
    participation_with_two_states, person_named_in_english, post_sent_to_its_own_state, post_without_role,
    evidence_without_source, evidence_without_quote, span_ending_before_it_starts, span_with_negative_start,
    quote_without_text,
    state_with_long_code, state_outside_the_authority, province_with_bad_code, city_without_country,
    role_with_unknown_code, topic_with_unknown_code, topic_mention_without_topic, statement_by_an_outsider,
    statement_without_text, proposal_by_an_outsider, proposal_without_evidence, proposal_without_sector,
    flow_to_where_it_starts, good_with_bad_hs_code, route_with_one_stop, stop_at_position_zero,
]}  # fmt: skip

SHAPES_COVERED = {
    "Article": ["article_without_id", "article_with_bad_digest"],
    "ExtractionActivity": ["activity_with_text_time", "activity_ending_before_it_starts"],
    "Meeting": ["meeting_with_one_participant", "meeting_with_text_date", "meeting_without_evidence"],
    "Participation": [
        "participation_without_person",
        "participation_listed_by_no_meeting",
        "participation_with_two_states",
    ],
    "Person": ["person_named_in_english"],
    "Post": ["post_sent_to_its_own_state", "post_without_role"],
    "Evidence": ["evidence_without_source", "evidence_without_quote"],
    "PositionSelector": ["span_ending_before_it_starts", "span_with_negative_start"],
    "QuoteSelector": ["quote_without_text"],
    "State": ["state_with_long_code", "state_outside_the_authority"],
    "Province": ["province_with_bad_code"],
    "City": ["city_without_country"],
    "Role": ["role_with_unknown_code"],
    "Topic": ["topic_with_unknown_code"],
    "TopicMention": ["topic_mention_without_topic"],
    "Statement": ["statement_without_text"],
    "SpeakerAttends": ["statement_by_an_outsider"],
    "ProposerAttends": ["proposal_by_an_outsider"],
    "Proposal": [
        "proposal_without_evidence",
        "proposal_without_sector",
        "flow_to_where_it_starts",
    ],
    "Commodity": ["good_with_bad_hs_code"],
    "Route": ["route_with_one_stop"],
    "RouteStop": ["stop_at_position_zero"],
}


def test_seed_graph_conforms(seed_graph_ttl: str) -> None:
    report = validate_graph(Graph().parse(data=seed_graph_ttl, format="turtle"))
    assert report.conforms, report.text()
    assert not report.violations


@pytest.mark.parametrize("breaker", sorted(BREAKERS))
def test_shape_catches_violation(seed_graph_ttl: str, breaker: str) -> None:
    graph = Graph().parse(data=seed_graph_ttl, format="turtle")
    broken = BREAKERS[breaker](graph)
    report = validate_graph(graph)
    assert not report.conforms
    focus = graph.namespace_manager.normalizeUri(broken)
    assert any(f.focus in (focus, f"<{broken}>", str(broken)) for f in report.violations), report.text()


def test_every_shape_has_a_violating_fixture() -> None:
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    names = {
        str(s).rsplit("#", 1)[-1].removesuffix("Shape")
        for s in shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape"))
    }
    assert names == set(SHAPES_COVERED)
    assert {b for bs in SHAPES_COVERED.values() for b in bs} == set(BREAKERS)


def test_warning_does_not_break_conformance(seed_graph_ttl: str) -> None:
    graph = Graph().parse(data=seed_graph_ttl, format="turtle")
    participation = one(graph, DIDAR.Participation)
    graph.remove((participation, DIDAR.post, None))
    report = validate_graph(graph)
    assert report.conforms
    assert any(f.severity == "Warning" and "office" in f.message for f in report.findings)


CASES = [*sorted(BREAKERS), "participation_without_post"]


def broken_graph(seed_graph_ttl: str, breaker: str) -> Graph:
    graph = Graph().parse(data=seed_graph_ttl, format="turtle")
    if breaker == "participation_without_post":  # a warning only
        graph.remove((one(graph, DIDAR.Participation), DIDAR.post, None))
    else:
        BREAKERS[breaker](graph)
    return graph
