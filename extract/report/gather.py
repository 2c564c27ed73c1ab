"""Report stage 1: SPARQL over the store → plain dataclasses, one `ArticleView` per article.

Every query reads one article inside its named graph and keeps what that article derived
(`prov:wasDerivedFrom`) or the evidence it is the source of (`oa:hasSource`), so a merged
Turtle file (one graph holding many articles) reads the same as the store.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from ..article import Article
from ..errors import DidarError
from ..vocab import file_stem
from .views import (
    ArticleView,
    Endpoint,
    Highlight,
    MeetingCard,
    ParticipantView,
    ProposalCard,
    office_line,
    proposal_line,
)

PREFIXES = """PREFIX didar: <https://w3id.org/didar/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dct: <http://purl.org/dc/terms/>
"""

DIDAR = "https://w3id.org/didar/ontology#"
EUCOUNTRY = "http://publications.europa.eu/resource/authority/country/"
KIND_OF_TYPE = {  # the class of a fact node with evidence -> the kind of its highlight
    DIDAR + "Participation": "participant",
    "http://xmlns.com/foaf/0.1/Person": "participant",
    "http://www.w3.org/ns/org#Post": "office",
    DIDAR + "TopicMention": "topic",
    DIDAR + "Statement": "statement",
    DIDAR + "Proposal": "proposal",
    DIDAR + "RouteStop": "place",
    DIDAR + "DiplomaticMeeting": "meeting",
}
KIND_OF_LINK = {  # a meeting's date and place point to their own evidence
    DIDAR + "dateEvidence": "date",
    DIDAR + "locationEvidence": "place",
}


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    result = store.query(PREFIXES + query)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    out = []
    for solution in result:
        row = {}
        for name in names:
            term = solution[name]
            if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
                row[name] = term.value
        out.append(row)
    return out


def list_articles(store: ox.Store) -> dict[str, tuple[str, str]]:
    """Every article in the store: doc id -> (graph IRI, article IRI)."""
    rows = _rows(store, "SELECT ?g ?a ?doc WHERE { GRAPH ?g { ?a a didar:Article ; schema:identifier ?doc } }")
    return {r["doc"]: (r["g"], r["a"]) for r in sorted(rows, key=lambda r: r["doc"])}


def gather(
    store: ox.Store, doc_ids: Iterable[str] | None = None, texts: Mapping[str, str] | None = None
) -> list[ArticleView]:
    """The views of the given articles (all by default), in id order. `texts` maps doc ids
    to the articles' own text (the graph keeps only quotes of it); a text whose SHA-256
    differs from the one in the graph is not used. DidarError for an unknown id."""
    found = list_articles(store)
    wanted = list(found) if doc_ids is None else list(dict.fromkeys(doc_ids))
    for doc_id in wanted:
        if doc_id not in found:
            raise DidarError(f"{doc_id!r}: no such article in the store", fix="see `didar query meetings` for the ids")
    return [article_view(store, doc_id, *found[doc_id], (texts or {}).get(doc_id)) for doc_id in wanted]


def _node(iri: str) -> str:
    return str(ox.NamedNode(iri))  # checked by Oxigraph: no input can break out of the IRI


def article_view(store: ox.Store, doc_id: str, graph: str, article: str, given: str | None) -> ArticleView:
    g, a = _node(graph), _node(article)
    meta = _rows(
        store,
        f"""SELECT ?date ?url ?publisher ?sha ?text WHERE {{ GRAPH {g} {{
            OPTIONAL {{ {a} schema:datePublished ?date }} OPTIONAL {{ {a} schema:url ?url }}
            OPTIONAL {{ {a} dct:source ?publisher }} OPTIONAL {{ {a} didar:sha256 ?sha }}
            OPTIONAL {{ {a} schema:text ?text }} }} }} LIMIT 1""",
    )[0]
    labels = _labels(store, g)
    evidence = _evidence(store, g, a)
    notes: list[str] = []
    text = meta.get("text") or given
    sha = meta.get("sha")
    if text is not None and sha and hashlib.sha256(text.encode("utf-8")).hexdigest() != sha:
        notes.append("the article text given differs from the one the graph was built from; its quotes are shown")
        text = None
    known: tuple[tuple[int, int], ...]
    if text is not None:
        text_from, known = "input", ((0, len(text)),)
    else:
        text, known = _pieced(evidence)
        text_from = "quotes"
        if given is None:
            notes.append("the graph keeps quotes of the article, not the whole text (pass --articles to show it)")
    meetings = _meetings(store, g, a, labels)
    proposals = _proposals(store, g, a, labels)
    highlights = _highlights(evidence, meetings, proposals, len(text))
    return ArticleView(
        doc_id=doc_id,
        iri=article,
        stem=file_stem(doc_id),
        published=meta.get("date", ""),
        url=meta.get("url", ""),
        publisher=meta.get("publisher", ""),
        text=text,
        text_from=text_from,
        known=known,
        highlights=highlights,
        meetings=meetings,
        proposals=proposals,
        notes=tuple(notes),
        state_names={c: labels.name(n) for n, c in labels.code.items() if n.startswith(EUCOUNTRY)},
    )


NO_MEETING = "no meeting found in this article"


def absent_view(article: Article, left_out: str | None = None) -> ArticleView:
    """The page of an input article the store does not hold: its text, no highlights, and a
    note saying that no meeting was found in it (or `left_out`: why the build left it out)."""
    notes: tuple[str, ...]
    if left_out is None:
        notes = (
            NO_MEETING,
            "the store holds nothing of it: a build loads only articles that report a meeting between named officials",
        )
    else:
        notes = (f"not in the store: {left_out}",)
    return ArticleView(
        doc_id=article.doc_id,
        iri="",
        stem=file_stem(article.doc_id),
        published=article.published.isoformat() if article.published else "",
        url=article.url or "",
        publisher=article.publisher or "",
        text=article.text,
        text_from="input",
        known=((0, len(article.text)),),
        highlights=(),
        meetings=(),
        proposals=(),
        notes=notes,
    )


@dataclass(frozen=True)
class Labels:
    """Names and codes of the vocabulary nodes of one graph (states, places, roles, goods …)."""

    en: dict[str, str]
    fa: dict[str, str]
    code: dict[str, str]
    country: dict[str, str]

    def name(self, iri: str) -> str:
        return self.en.get(iri) or self.fa.get(iri) or self.code.get(iri) or iri.rsplit("/", 1)[-1]

    def endpoint(self, iri: str) -> Endpoint:
        code = self.code.get(iri, "")
        state = self.country.get(iri) or (code if len(code) == 2 else "")
        return Endpoint(self.name(iri), code, state)


def _labels(store: ox.Store, g: str) -> Labels:
    en: dict[str, str] = {}
    fa: dict[str, str] = {}
    code: dict[str, str] = {}
    country: dict[str, str] = {}
    for r in _rows(store, f"SELECT ?n ?l WHERE {{ GRAPH {g} {{ ?n skos:prefLabel ?l FILTER (lang(?l) = 'en') }} }}"):
        en.setdefault(r["n"], r["l"])
    for r in _rows(store, f"SELECT ?n ?l WHERE {{ GRAPH {g} {{ ?n skos:prefLabel ?l FILTER (lang(?l) = 'fa') }} }}"):
        fa.setdefault(r["n"], r["l"])
    for r in _rows(store, f"SELECT ?n ?c WHERE {{ GRAPH {g} {{ ?n skos:notation ?c }} }}"):
        code.setdefault(r["n"], r["c"])
    for r in _rows(store, f"SELECT ?n ?c WHERE {{ GRAPH {g} {{ ?n didar:country/skos:notation ?c }} }}"):
        country.setdefault(r["n"], r["c"])
    return Labels(en, fa, code, country)


@dataclass(frozen=True)
class EvidenceRow:
    fact: str
    types: frozenset[str]
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    link: str = DIDAR + "evidence"  # the property from the fact: didar:evidence, dateEvidence, locationEvidence

    @property
    def kind(self) -> str:
        """The kind of highlight: by the link for a meeting's date and place, else by the fact's class."""
        return KIND_OF_LINK.get(self.link) or next(
            (KIND_OF_TYPE[t] for t in sorted(self.types) if t in KIND_OF_TYPE), ""
        )


def _evidence(store: ox.Store, g: str, a: str) -> list[EvidenceRow]:
    """Every fact of the article with evidence, with its types and its selectors (a meeting's
    date and place each count as a fact of their own, through their own link)."""
    rows = _rows(
        store,
        f"""SELECT ?f ?link ?type ?start ?end ?exact ?prefix ?suffix WHERE {{ GRAPH {g} {{
            VALUES ?link {{ didar:evidence didar:dateEvidence didar:locationEvidence }}
            ?f ?link ?ev . ?ev oa:hasSource {a} ; oa:hasSelector ?pos .
            ?pos oa:start ?start ; oa:end ?end .
            OPTIONAL {{ ?f a ?type }}
            OPTIONAL {{ ?ev oa:hasSelector ?q . ?q oa:exact ?exact
                       OPTIONAL {{ ?q oa:prefix ?prefix }} OPTIONAL {{ ?q oa:suffix ?suffix }} }} }} }}""",
    )
    types: dict[tuple[str, str, int, int], set[str]] = defaultdict(set)
    quotes: dict[tuple[str, str, int, int], tuple[str, str, str]] = {}
    for r in rows:
        key = (r["f"], r["link"], int(r["start"]), int(r["end"]))
        if "type" in r:
            types[key].add(r["type"])
        quotes[key] = (r.get("exact", ""), r.get("prefix", ""), r.get("suffix", ""))
    return [
        EvidenceRow(f, frozenset(types[(f, link, s, e)]), s, e, *quotes[(f, link, s, e)], link=link)
        for f, link, s, e in sorted(quotes, key=lambda k: (k[2], k[3], k[0], k[1]))
    ]


def _pieced(evidence: list[EvidenceRow]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The article text pieced together from the quotes (exact, prefix, suffix) of its
    evidence; unknown characters are U+FFFC, outside the `known` ranges."""
    chars: dict[int, str] = {}
    for ev in evidence:
        for offset, piece in ((ev.start - len(ev.prefix), ev.prefix), (ev.start, ev.exact), (ev.end, ev.suffix)):
            for k, ch in enumerate(piece):
                if offset + k >= 0:
                    chars.setdefault(offset + k, ch)
    length = max(chars, default=-1) + 1
    text = "".join(chars.get(k, "\ufffc") for k in range(length))
    known: list[tuple[int, int]] = []
    for k in sorted(chars):
        if known and known[-1][1] == k:
            known[-1] = (known[-1][0], k + 1)
        else:
            known.append((k, k + 1))
    return text, tuple(known)


def _meetings(store: ox.Store, g: str, a: str, labels: Labels) -> tuple[MeetingCard, ...]:
    rows = _rows(
        store,
        f"""SELECT ?m ?date ?place ?location ?part ?person ?name ?post ?office ?role ?state
                   ?province ?host ?side WHERE {{ GRAPH {g} {{
            ?m a didar:DiplomaticMeeting ; prov:wasDerivedFrom {a} .
            OPTIONAL {{ ?m schema:startDate ?date }}
            OPTIONAL {{ ?m didar:locationName ?place }}
            OPTIONAL {{ ?m schema:location ?location }}
            OPTIONAL {{
              ?m didar:hasParticipation ?part . ?part prov:wasDerivedFrom {a} ;
                 didar:person ?person ; schema:name ?name .
              OPTIONAL {{ ?part didar:represents ?state }}
              OPTIONAL {{ ?part didar:post ?post . ?post org:role ?role .
                         OPTIONAL {{ ?post rdfs:label ?office }}
                         OPTIONAL {{ ?post didar:jurisdiction ?province }}
                         OPTIONAL {{ ?post didar:receivingState ?host }} }}
              OPTIONAL {{ ?m ?sideProp ?person . VALUES ?sideProp {{ didar:host didar:visitor }}
                         BIND (STRAFTER(STR(?sideProp), "#") AS ?side) }}
            }} }} }}""",
    )
    by_meeting: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_meeting[r["m"]].append(r)
    topics = _rows(
        store,
        f"""SELECT ?m ?topic WHERE {{ GRAPH {g} {{ ?m didar:topicMention ?tm .
            ?tm prov:wasDerivedFrom {a} ; didar:topic ?topic }} }}""",
    )
    topics_of: dict[str, list[str]] = defaultdict(list)
    for r in topics:
        topics_of[r["m"]].append(labels.name(r["topic"]))
    cards = []
    for m, rs in by_meeting.items():
        people: dict[str, ParticipantView] = {}
        for r in rs:
            if "person" not in r or r["person"] in people:
                continue
            people[r["person"]] = ParticipantView(
                name=r["name"],
                person=r["person"],
                role=labels.code.get(r.get("role", ""), ""),
                role_label=labels.en.get(r.get("role", ""), ""),
                office=r.get("office", ""),
                state=labels.code.get(r.get("state", ""), ""),
                state_label=labels.name(r["state"]) if "state" in r else "",
                province=labels.code.get(r.get("province", ""), ""),
                province_label=labels.name(r["province"]) if "province" in r else "",
                accredited_to=labels.code.get(r.get("host", ""), ""),
                side=r.get("side", ""),
            )
        first = rs[0]
        location = first.get("location", "")
        cards.append(
            MeetingCard(
                iri=m,
                date=first.get("date", ""),
                place=first.get("place", "") or (labels.name(location) if location else ""),
                place_country=labels.country.get(location, ""),
                topics=tuple(sorted(set(topics_of[m]))),
                participants=tuple(sorted(people.values(), key=lambda p: (p.state, p.name))),
            )
        )
    return tuple(sorted(cards, key=lambda c: (c.date, c.iri)))


def _proposals(store: ox.Store, g: str, a: str, labels: Labels) -> tuple[ProposalCard, ...]:
    rows = _rows(
        store,
        f"""SELECT ?p ?m ?proposer ?modality ?start ?end ?from ?to WHERE {{ GRAPH {g} {{
            ?p a didar:Proposal ; prov:wasDerivedFrom {a} ; didar:atMeeting ?m ;
               didar:evidence/oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
            OPTIONAL {{ ?p didar:proposer ?person .
                       ?part didar:inMeeting ?m ; didar:person ?person ; schema:name ?proposer ;
                             prov:wasDerivedFrom {a} }}
            OPTIONAL {{ ?p didar:modality ?modality }}
            OPTIONAL {{ ?p didar:flowFrom ?from }} OPTIONAL {{ ?p didar:flowTo ?to }} }} }}""",
    )
    links = _rows(
        store,
        f"""SELECT ?p ?how ?o ?pos WHERE {{ GRAPH {g} {{
            ?p a didar:Proposal ; prov:wasDerivedFrom {a} .
            {{ ?p didar:good ?o BIND ("good" AS ?how) }}
            UNION {{ ?p didar:sector ?o BIND ("sector" AS ?how) }}
            UNION {{ ?p didar:involves ?o BIND ("state" AS ?how) }}
            UNION {{ ?p didar:via ?o BIND ("via" AS ?how) }}
            UNION {{ ?p didar:route/didar:stop ?stop . ?stop didar:place ?o ; didar:position ?pos
                     BIND ("stop" AS ?how) }} }} }}""",
    )
    hs = {r["n"]: r["c"] for r in _rows(store, f"SELECT ?n ?c WHERE {{ GRAPH {g} {{ ?n didar:hsCode ?c }} }}")}
    linked: dict[tuple[str, str], set[tuple[int, str]]] = defaultdict(set)
    for r in links:
        linked[(r["p"], r["how"])].add((int(r.get("pos", 0)), r["o"]))

    def nodes(p: str, how: str) -> list[str]:
        return [o for _, o in sorted(linked[(p, how)], key=lambda x: (x[0], labels.name(x[1])))]

    cards: dict[str, ProposalCard] = {}
    for r in rows:
        p = r["p"]
        if p in cards:
            continue
        cards[p] = ProposalCard(
            iri=p,
            meeting=r["m"],
            proposer=r.get("proposer", ""),
            modality=labels.name(r["modality"]) if "modality" in r else "",
            start=int(r["start"]),
            end=int(r["end"]),
            goods=tuple((labels.name(o), hs.get(o, "")) for o in nodes(p, "good")),
            sectors=tuple(labels.name(o) for o in nodes(p, "sector")),
            states=tuple(labels.code.get(o, labels.name(o)) for o in nodes(p, "state")),
            origin=labels.endpoint(r["from"]) if "from" in r else None,
            destination=labels.endpoint(r["to"]) if "to" in r else None,
            route=tuple(labels.endpoint(o) for o in nodes(p, "stop")),
            via=tuple(labels.endpoint(o) for o in nodes(p, "via")),
        )
    return tuple(sorted(cards.values(), key=lambda c: (c.start, c.end, c.iri)))


def _highlights(
    evidence: list[EvidenceRow],
    meetings: tuple[MeetingCard, ...],
    proposals: tuple[ProposalCard, ...],
    length: int,
) -> tuple[Highlight, ...]:
    """A highlight per fact with evidence inside the text, described for its tooltip."""
    people = {p.person: p for m in meetings for p in m.participants}
    offers = {p.iri: p for p in proposals}
    cards = {m.iri: m for m in meetings}
    out = []
    for ev in evidence:
        kind = ev.kind
        if not kind or not 0 <= ev.start < ev.end <= length:
            continue
        label = _describe(kind, ev, people, offers, cards)
        out.append(Highlight(kind, ev.fact, ev.start, ev.end, ev.exact, label))
    return tuple(out)


def _describe(
    kind: str,
    ev: EvidenceRow,
    people: dict[str, ParticipantView],
    offers: dict[str, ProposalCard],
    meetings: dict[str, MeetingCard],
) -> str:
    card = meetings.get(ev.fact)
    if kind == "date" and card is not None and card.date:
        return f"meeting date: {card.date} — {ev.exact}"
    if kind == "place" and card is not None:
        country = f" ({card.place_country})" if card.place_country else ""
        return f"meeting place: {ev.exact}{country}"
    if kind == "participant" and ev.fact in people:
        return f"person: {people[ev.fact].name}"
    if kind == "participant":
        person = next((p for p in people.values() if p.name == ev.exact), None)
        if person is not None:
            return f"participant: {person.name} — {office_line(person)}"
    if kind == "office":
        holder = next((p for p in people.values() if p.office == ev.exact), None)
        if holder is not None:
            return f"office: {ev.exact} — {office_line(holder)} ({holder.name})"
    if kind == "proposal" and ev.fact in offers:
        return f"proposal: {proposal_line(offers[ev.fact])}"
    return f"{kind}: {ev.exact}"
