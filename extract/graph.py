"""Stage 5: an `Extraction` as its article's graph, deterministic IRIs.

The graph is written straight as N-Triples text, term by term (`extraction_ntriples`: what a
build validates, loads and merges); `extraction_graph` gives the same as an rdflib Graph.
Making an rdflib term for every node and value, then writing each as text, took twice as long.

Real-world things (meetings, people, posts, states, places) get IRIs from what they are,
so two articles reporting the same meeting share the nodes; what an article *says*
(participations, topic mentions, evidence) gets IRIs from the article, so every
article keeps its own evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache

from rdflib import Graph, Literal, URIRef

from . import vocab
from .article import Article
from .lexicon import Concept, Lexicon, State, load_lexicon
from .model import Evidence, Extraction, Meeting, Office, Participant, Person, PlaceRef, Proposal, Statement
from .normalize import identity_key
from .ntriples import TermTexts, boolean, integer, iri_text, plain, tagged, typed, xsd_date
from .resources import software_version
from .vocab import PREFIXES, slug, stable_hash

# Offsets are xsd:integer (>= 0, checked by the shapes) rather than Web Annotation's
# xsd:nonNegativeInteger: Oxigraph stores integer subtypes as xsd:integer, and a graph
# must come back from the store unchanged.
QUOTE_CONTEXT = 24  # characters of prefix/suffix kept in a TextQuoteSelector
PERSONAL_POSTS = {"minister", "deputy_minister", "other", "envoy", "member_of_parliament"}

# The graph is written as N-Triples text, term by term: these read as the namespaces do
# (`RDF.type`, `ID["meeting/…"]`), but their terms are N-Triples text ("<…#type>").
DCTERMS, DIDAR, FOAF, ID, OA, ORG, PROV, RDF, RDFS, SCHEMA, SKOS = (
    TermTexts(namespace)
    for namespace in (vocab.DCTERMS, vocab.DIDAR, vocab.FOAF, vocab.ID, vocab.OA, vocab.ORG, vocab.PROV, vocab.RDF,
                      vocab.RDFS, vocab.SCHEMA, vocab.SKOS)
)  # fmt: skip

NTriple = tuple[str, str, str]  # subject, predicate and object as N-Triples text
Triple = tuple[URIRef, URIRef, URIRef | Literal]  # the same as rdflib terms
RunTimes = tuple[datetime, datetime]  # when an extraction started and ended


def article_iri(doc_id: str) -> URIRef:
    return vocab.ID[f"article/{slug(doc_id)}"]


def agent_iri(version: str) -> URIRef:
    """The software agent of this version (what wrote the article graphs and the description)."""
    return vocab.ID[f"agent/didar-{slug(version)}"]


def datetime_lexical(moment: datetime) -> str:
    """A moment in UTC to the millisecond, in the canonical form Oxigraph gives back
    ("2025-09-24T08:15:02.5Z"), so that a graph comes back from the store unchanged."""
    text = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3].rstrip("0").rstrip(".")
    return f"{text}Z"


def xsd_datetime(moment: datetime) -> Literal:
    """The same as an rdflib xsd:dateTime literal."""
    return Literal(datetime_lexical(moment), datatype=vocab.XSD.dateTime, normalize=False)


def new_graph() -> Graph:
    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    return g


def graph_of_triples(triples: Iterable[Triple]) -> Graph:
    g = new_graph()
    for triple in triples:
        g.add(triple)
    return g


def graph_of_ntriples(ntriples: str) -> Graph:
    """N-Triples text as an rdflib Graph, bound to the project's prefixes."""
    g = new_graph()
    g.parse(data=ntriples, format="nt")
    return g


def ntriples_text(triples: Iterable[NTriple]) -> str:
    """Triples written by the graph stage as N-Triples text."""
    return "".join([f"{s} {p} {o} .\n" for s, p, o in triples])


# A vocabulary node's description is the same in every graph: made once per process.
@lru_cache(maxsize=4096)
def describe_state(node: str, state: State) -> tuple[NTriple, ...]:
    return (
        (node, RDF.type, DIDAR.State),
        (node, SKOS.notation, plain(state.alpha2)),
        (node, SKOS.prefLabel, tagged(state.label_fa, "fa")),
        (node, SKOS.prefLabel, tagged(state.label_en, "en")),
    )


@lru_cache(maxsize=4096)
def describe_concept(node: str, cls: str, code: str, fa: str, en: str) -> tuple[NTriple, ...]:
    return (
        (node, RDF.type, cls),
        (node, SKOS.notation, plain(code)),
        (node, SKOS.prefLabel, tagged(fa, "fa")),
        (node, SKOS.prefLabel, tagged(en, "en")),
    )


class GraphBuilder:
    """Writes one article's extraction as its graph's triples, in N-Triples text. `times`: when
    the extraction ran (prov:startedAtTime/endedAtTime of its activity); without them the
    graph is a pure function of the extraction, as the golden tests compare it."""

    def __init__(self, extraction: Extraction, lexicon: Lexicon | None = None, times: RunTimes | None = None) -> None:
        self.x = extraction
        self.times = times
        self.article: Article = extraction.article
        self.lex = lexicon or load_lexicon()
        self.written: dict[NTriple, None] = {}  # the graph's triples, in order, each once
        self.doc_slug = slug(self.article.doc_id)
        self.doc_iri = ID[f"article/{self.doc_slug}"]
        version = software_version()
        self.activity = ID[f"activity/{stable_hash(self.article.doc_id, self.article.sha256, version)}"]
        self.agent = iri_text(str(agent_iri(version)))
        self.described: set[tuple[str, str]] = set()  # (how, node) already written in this graph
        self.evidence_base = f"{vocab.ID}evidence/{self.doc_slug}/"
        self.evidence_written: set[str] = set()

    def add(self, triple: NTriple) -> None:
        self.written[triple] = None

    def build(self) -> Graph:
        """The article's graph (an rdflib Graph)."""
        return graph_of_ntriples(self.ntriples())

    def ntriples(self) -> str:
        """The article's graph as N-Triples text, each triple once, in the order written."""
        return ntriples_text(self.triples())

    def triples(self) -> list[NTriple]:
        """The article's triples, each once, in the order they were written."""
        if self.written:
            return list(self.written)
        self.describe_article()
        meeting_iris = {}
        for meeting in self.x.meetings:
            meeting_iris[meeting.index] = self.add_meeting(meeting)
        statements = {}
        for statement in self.x.statements:
            statements[statement] = self.add_statement(statement, meeting_iris[statement.meeting_index])
        for proposal in self.x.proposals:
            self.add_proposal(proposal, meeting_iris[proposal.meeting_index], statements[proposal.statement])
        return list(self.written)

    # -- article and provenance ------------------------------------------------------------

    def describe_article(self) -> None:
        a = self.article
        self.add((self.doc_iri, RDF.type, DIDAR.Article))
        self.add((self.doc_iri, SCHEMA.identifier, plain(a.doc_id)))
        self.add((self.doc_iri, DIDAR.sha256, plain(a.sha256)))
        if a.published is not None:
            self.add((self.doc_iri, SCHEMA.datePublished, xsd_date(a.published)))
        if a.url is not None:
            self.add((self.doc_iri, SCHEMA.url, iri_text(a.url)))  # every fact leads back to the page
        if a.publisher is not None:
            self.add((self.doc_iri, DCTERMS.source, plain(a.publisher)))
        self.add((self.activity, RDF.type, DIDAR.ExtractionActivity))
        self.add((self.activity, PROV.used, self.doc_iri))
        self.add((self.activity, PROV.wasAssociatedWith, self.agent))
        if self.times is not None:
            self.add((self.activity, PROV.startedAtTime, typed(datetime_lexical(self.times[0]), "dateTime")))
            self.add((self.activity, PROV.endedAtTime, typed(datetime_lexical(self.times[1]), "dateTime")))
        self.add((self.agent, RDF.type, DIDAR.Extractor))
        self.add((self.agent, DIDAR.softwareVersion, plain(software_version())))
        self.add((self.agent, RDFS.label, plain(f"Didar {software_version()}")))

    def fact(self, node: str, cls: str, evidence: Evidence | None) -> None:
        """Type a fact node, tie it to the article and the activity, and attach its evidence."""
        self.add((node, RDF.type, cls))
        self.add((node, PROV.wasDerivedFrom, self.doc_iri))
        self.add((node, PROV.wasGeneratedBy, self.activity))
        if evidence is not None:
            self.add((node, DIDAR.evidence, self.evidence(evidence)))

    def evidence(self, ev: Evidence) -> str:
        iri = f"{self.evidence_base}{ev.start}-{ev.end}"
        node = iri_text(iri)
        if node in self.evidence_written:
            return node
        self.evidence_written.add(node)
        pos, quote = iri_text(f"{iri}/position"), iri_text(f"{iri}/quote")
        text = self.article.text
        self.add((node, RDF.type, DIDAR.Evidence))
        self.add((node, RDF.type, OA.SpecificResource))
        self.add((node, OA.hasSource, self.doc_iri))
        self.add((node, OA.hasSelector, pos))
        self.add((node, OA.hasSelector, quote))
        self.add((pos, RDF.type, OA.TextPositionSelector))
        self.add((pos, OA.start, integer(ev.start)))
        self.add((pos, OA.end, integer(ev.end)))
        self.add((quote, RDF.type, OA.TextQuoteSelector))
        self.add((quote, OA.exact, plain(ev.exact)))
        self.add((quote, OA.prefix, plain(text[max(0, ev.start - QUOTE_CONTEXT) : ev.start])))
        self.add((quote, OA.suffix, plain(text[ev.end : ev.end + QUOTE_CONTEXT])))
        return node

    # -- vocabulary nodes -------------------------------------------------------------------

    def first_mention(self, node: str, how: str = "") -> bool:
        """True the first time a vocabulary node is described (`how`: as what), so that its
        description is written once per graph."""
        if (how, node) in self.described:
            return False
        self.described.add((how, node))
        return True

    def state(self, alpha2: str) -> str:
        state = self.lex.states[alpha2]
        node = iri_text(state.iri)
        if self.first_mention(node):
            for triple in describe_state(node, state):
                self.add(triple)
        return node

    def place(self, key: str) -> str:
        place = self.lex.places[key]
        node = iri_text(place.iri)
        if not self.first_mention(node, "place"):
            return node
        cls = DIDAR.Province if place.kind == "PROVINCE" else DIDAR.City
        self.add((node, RDF.type, cls))
        if place.kind == "PROVINCE":
            self.add((node, SKOS.notation, plain(place.key)))
        if place.label_fa:
            self.add((node, SKOS.prefLabel, tagged(place.label_fa, "fa")))
        if place.label_en:
            self.add((node, SKOS.prefLabel, tagged(place.label_en, "en")))
        if place.country:
            self.add((node, DIDAR.country, self.state(place.country)))
        if place.geonames:
            self.add((node, SKOS.exactMatch, iri_text(place.geonames)))
        return node

    def concept(self, iri: str, cls: str, code: str, fa: str, en: str) -> str:
        node = iri_text(iri)
        if self.first_mention(node):
            for triple in describe_concept(node, cls, code, fa, en):
                self.add(triple)
        return node

    def role(self, code: str) -> str:
        r = self.lex.roles[code]
        return self.concept(r.iri, DIDAR.Role, code, r.label_fa, r.label_en)

    def topic(self, code: str) -> str:
        iri, fa, en = self.lex.topics[code]
        return self.concept(iri, DIDAR.Topic, code, fa, en)

    # -- meetings ------------------------------------------------------------------------

    def meeting_iri(self, meeting: Meeting) -> str:
        people = sorted(self.person_iri(p)[1:-1] for p in meeting.participants)
        when = meeting.date.isoformat() if meeting.date else f"undated:{self.article.doc_id}:{meeting.index}"
        return ID[f"meeting/{stable_hash(when, *people)}"]

    def person_iri(self, p: Participant) -> str:
        return ID[f"person/{stable_hash(identity_key(p.person.name), p.represents or '')}"]

    def add_meeting(self, meeting: Meeting) -> str:
        node = self.meeting_iri(meeting)
        self.fact(node, DIDAR.DiplomaticMeeting, meeting.evidence)
        self.add((node, RDF.type, SCHEMA.Event))
        self.add((node, DIDAR.eventCode, self.code("cameo", meeting.cameo)))
        self.add((node, DIDAR.ploverType, self.code("plover", "CONSULT")))
        if meeting.plover_mode:
            self.add((node, DIDAR.ploverMode, self.code("mode", meeting.plover_mode)))
        for prop, person in ((DIDAR.visitor, meeting.visitor), (DIDAR.host, meeting.host)):
            participant = next((p for p in meeting.participants if person and p.person.key == person.key), None)
            if participant is not None:
                self.add((node, prop, self.person_iri(participant)))
        if meeting.date is not None:
            self.add((node, SCHEMA.startDate, xsd_date(meeting.date)))
            self.add((node, DIDAR.month, typed(meeting.date.strftime("%Y-%m"), "gYearMonth")))
            if meeting.date_evidence is not None:
                self.add((node, DIDAR.dateEvidence, self.evidence(meeting.date_evidence)))
        if meeting.location is not None:
            self.add((node, DIDAR.locationName, tagged(meeting.location.name, "fa")))
            if meeting.location.place_key:
                self.add((node, SCHEMA.location, self.place(meeting.location.place_key)))
            self.add((node, DIDAR.locationEvidence, self.evidence(meeting.location.evidence)))
        for participant in meeting.participants:
            self.add_participation(node, participant)
        for mention in meeting.topics:
            tm = ID[f"topicmention/{stable_hash(self.article.doc_id, node[1:-1], mention.code)}"]
            self.fact(tm, DIDAR.TopicMention, mention.evidence)
            self.add((tm, DIDAR.topic, self.topic(mention.code)))
            self.add((node, DIDAR.topicMention, tm))
            self.add((node, SCHEMA.about, self.topic(mention.code)))
        return node

    def add_participation(self, meeting: str, p: Participant) -> None:
        person = self.person_iri(p)
        part = ID[f"participation/{stable_hash(self.article.doc_id, meeting[1:-1], person[1:-1])}"]
        self.fact(part, DIDAR.Participation, p.evidence)
        self.add((meeting, DIDAR.hasParticipation, part))
        self.add((part, DIDAR.inMeeting, meeting))
        self.add((part, DIDAR.person, person))
        self.add((part, SCHEMA.name, tagged(p.evidence.exact, "fa")))
        self.add((person, RDF.type, FOAF.Person))
        self.add((person, RDF.type, SCHEMA.Person))
        self.add((person, SCHEMA.name, tagged(p.person.name, "fa")))
        self.add((person, DIDAR.evidence, self.evidence(p.person.evidence)))
        if p.represents:
            self.add((part, DIDAR.represents, self.state(p.represents)))
        if p.office is not None:
            post = self.post(p.office, p)
            self.add((part, DIDAR.post, post))
            self.add((person, ORG.holds, post))

    def post(self, office: Office, p: Participant) -> str:
        parts = [office.role, office.sending or "", office.receiving or "", office.jurisdiction or ""]
        if office.role in PERSONAL_POSTS:  # "a minister of IR": the post is known by its holder
            parts.append(identity_key(p.person.name))
        node = ID[f"post/{stable_hash(*parts)}"]
        self.add((node, RDF.type, ORG.Post))
        self.add((node, ORG.role, self.role(office.role)))
        if office.evidence is not None:
            self.add((node, DIDAR.evidence, self.evidence(office.evidence)))
            self.add((node, RDFS.label, tagged(office.evidence.exact, "fa")))
        if office.sending and self.lex.roles[office.role].scope == "diplomatic":
            self.add((node, DIDAR.sendingState, self.state(office.sending)))
        if office.receiving:
            self.add((node, DIDAR.receivingState, self.state(office.receiving)))
        if office.jurisdiction and office.jurisdiction in self.lex.places:
            self.add((node, DIDAR.jurisdiction, self.place(office.jurisdiction)))
        return node

    # -- statements and proposals -----------------------------------------------------------

    def speaker_iri(self, person: Person, meeting: int) -> str:
        m = next(m for m in self.x.meetings if m.index == meeting)
        participant = next(p for p in m.participants if p.person.key == person.key)
        return self.person_iri(participant)

    def add_statement(self, st: Statement, meeting: str) -> str:
        node = ID[f"statement/{self.doc_slug}/{st.evidence.start}-{st.evidence.end}"]
        self.fact(node, DIDAR.Statement, st.evidence)
        self.add((node, DIDAR.speaker, self.speaker_iri(st.speaker, st.meeting_index)))
        self.add((node, DIDAR.atMeeting, meeting))
        self.add((node, DIDAR.text, plain(st.evidence.exact)))
        self.add((node, DIDAR.direct, boolean(st.direct)))
        return node

    def add_proposal(self, pr: Proposal, meeting: str, statement: str) -> None:
        iri = f"{vocab.ID}proposal/{self.doc_slug}/{pr.evidence.start}-{pr.evidence.end}"
        node = iri_text(iri)
        self.fact(node, DIDAR.Proposal, pr.evidence)
        self.add((node, DIDAR.proposer, self.speaker_iri(pr.proposer, pr.meeting_index)))
        self.add((node, DIDAR.atMeeting, meeting))
        self.add((node, DIDAR.fromStatement, statement))
        self.add((node, DIDAR.modality, self.small_concept(self.lex.modalities[pr.modality], DIDAR.Modality)))
        self.add((node, DIDAR.eventCode, self.code("cameo", pr.cameo)))
        plover = "REQUEST" if pr.modality == "request" else "AGREE"
        self.add((node, DIDAR.ploverType, self.code("plover", plover)))
        for code in pr.sectors:
            self.add((node, DIDAR.sector, self.topic(code)))
        for alpha2 in pr.states:
            self.add((node, DIDAR.involves, self.state(alpha2)))
        for slug_ in pr.goods:
            self.add((node, DIDAR.good, self.good(slug_)))
        for code in pr.benefits:
            self.add((node, DIDAR.benefit, self.small_concept(self.lex.benefits[code], DIDAR.Benefit)))
        if pr.origin is not None:
            self.add((node, DIDAR.flowFrom, self.place_ref(pr.origin)))
        if pr.destination is not None:
            self.add((node, DIDAR.flowTo, self.place_ref(pr.destination)))
        for ref in pr.via:
            self.add((node, DIDAR.via, self.place_ref(ref)))
        if pr.route:
            route = iri_text(f"{iri}/route")
            self.add((route, RDF.type, DIDAR.Route))
            self.add((node, DIDAR.route, route))
            for lang in ("en", "fa"):
                names = [self.ref_label(ref, lang) for ref in pr.route]
                self.add((route, RDFS.label, tagged(" > ".join(names), lang)))
            for k, ref in enumerate(pr.route, 1):
                stop = iri_text(f"{iri}/route/{k}")
                self.add((route, DIDAR.stop, stop))
                self.add((stop, RDF.type, DIDAR.RouteStop))
                self.add((stop, DIDAR.position, integer(k)))
                self.add((stop, DIDAR.place, self.place_ref(ref)))
                self.add((stop, DIDAR.evidence, self.evidence(ref.evidence)))

    def ref_label(self, ref: PlaceRef, lang: str) -> str:
        """A place's name for a route label: a state's or place's CLDR/GeoNames label."""
        if ref.kind == "STATE":
            state = self.lex.states[ref.key]
            return state.label_en if lang == "en" else state.label_fa
        place = self.lex.places[ref.key]
        return (place.label_en if lang == "en" else place.label_fa) or ref.evidence.exact

    def place_ref(self, ref: PlaceRef) -> str:
        if ref.kind == "STATE":
            return self.state(ref.key)
        if ref.kind == "FACILITY":
            return self.facility(ref.key)
        return self.place(ref.key)

    def facility(self, key: str) -> str:
        place = self.lex.places[key]
        node = iri_text(place.iri)
        if not self.first_mention(node, "facility"):
            return node
        self.add((node, RDF.type, DIDAR.Facility))
        self.add((node, RDF.type, DIDAR[place.category]))
        self.add((node, SKOS.prefLabel, tagged(place.label_fa, "fa")))
        self.add((node, SKOS.prefLabel, tagged(place.label_en, "en")))
        if place.country:
            self.add((node, DIDAR.country, self.state(place.country)))
        return node

    def good(self, slug_: str) -> str:
        good = self.lex.goods[slug_]
        fresh = ("", iri_text(good.iri)) not in self.described
        node = self.concept(good.iri, DIDAR.Commodity, slug_, good.label_fa, good.label_en)
        if fresh:
            self.add((node, DIDAR.hsCode, plain(good.hs_code)))
        return node

    def small_concept(self, c: Concept, cls: str) -> str:
        return self.concept(c.iri, cls, c.code, c.label_fa, c.label_en)

    def code(self, scheme: str, code: str) -> str:
        concept = self.lex.event_codes[f"{scheme}:{code}"]
        cls = {"cameo": DIDAR.CameoCode, "plover": DIDAR.PloverEventType, "mode": DIDAR.PloverMode}[scheme]
        return self.small_concept(concept, cls)


def extraction_ntriples(extraction: Extraction, times: RunTimes | None = None) -> str:
    """The graph of one article's extraction as N-Triples text (what a build validates and loads)."""
    return GraphBuilder(extraction, times=times).ntriples()


def extraction_graph(extraction: Extraction, times: RunTimes | None = None) -> Graph:
    """The same as an rdflib Graph."""
    return graph_of_ntriples(extraction_ntriples(extraction, times))


def extraction_triples(extraction: Extraction, times: RunTimes | None = None) -> list[Triple]:
    """The same as a list of rdflib triples."""
    return list(extraction_graph(extraction, times))  # type: ignore[arg-type]
