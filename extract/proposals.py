"""Stage 4c: proposals — the cooperation each participant put on the table.

Each statement segment is read for a modality (پیشنهاد، خواستار، آماده، می‌تواند …), the
sectors it touches (topic words and sector cues of `topics.ttl`, goods of
`commodities.ttl`), the places in it (states, provinces, cities, ports, free zones,
corridors), a route ("انزلی–آکتائو"، "از ترکیه … به ترکمنستان") and a flow (exports from,
imports into, supply to). A segment with a modality and at least one sector is a
proposal; the reason given before the speech ("با بیان اینکه …") joins the idea it argues
for when they share a sector, and stands alone otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .lexicon import Lexicon
from .model import Evidence, Meeting, Participant, PlaceRef, Proposal, Statement
from .nlp import doc_norms, lexicon_spans
from .recognize import PUNCT, Recognizer
from .statements import FoundStatement, Segment

MODALITY_ORDER = ("proposal", "request", "offer", "invitation", "plan", "recommendation", "possibility")
PLACE_KINDS = ("FACILITY", "CITY", "PROVINCE", "STATE")
DASHES = {"-", "–", "—", "ــ", "ـ"}


@dataclass
class Idea:
    """What one segment says, before it is judged a proposal."""

    segment: Segment
    sectors: set[str] = field(default_factory=set)
    modality: str | None = None
    goods: list[str] = field(default_factory=list)
    places: list[tuple[int, PlaceRef]] = field(default_factory=list)  # (token, place) in text order
    route: list[PlaceRef] = field(default_factory=list)
    benefits: list[str] = field(default_factory=list)
    grouping: bool = False

    @property
    def qualifies(self) -> bool:
        return bool(self.sectors) and self.modality is not None


class ProposalFinder:
    """Reads proposals out of the statements of one article."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.supply = lexicon.word_set("supply_words")
        self.imports = lexicon.word_set("import_words")
        self.via = lexicon.word_set("via_words")
        self.grouping = lexicon.word_set("grouping_words")
        self.reported = lexicon.word_set("reported_modality_markers")

    def __call__(
        self, doc: Doc, found: list[FoundStatement], meetings: list[Meeting]
    ) -> tuple[list[Statement], list[Proposal]]:
        spans: dict[int, list[Span]] = defaultdict(list)
        for span in lexicon_spans(doc):
            spans[span.start].append(span)
        statements: list[Statement] = []
        proposals: list[Proposal] = []
        for item in found:
            meeting = meetings[item.meeting]
            speaker = next((p for p in meeting.participants if p.person.key == item.speaker.key), None)
            if speaker is None:
                continue
            statement = Statement(
                speaker.person, meeting.index, item.direct, Recognizer.evidence(doc, item.start, item.end)
            )
            statements.append(statement)
            ideas = [self.read(doc, spans, seg) for seg in item.segments]
            for idea in self.merge(ideas):
                proposals.append(self.proposal(doc, idea, speaker, meeting, statement))
        return statements, proposals

    # -- reading a segment -----------------------------------------------------------------

    def read(self, doc: Doc, spans: dict[int, list[Span]], seg: Segment) -> Idea:
        idea = Idea(seg)
        modalities: set[str] = set()
        place_until = seg.start  # a place inside a longer one ("انزلی" in "منطقه آزاد انزلی") is not another stop
        i = seg.start
        while i < seg.end:
            here = sorted(spans.get(i, []), key=lambda s: (-(s.end - s.start), _kind_rank(s.label_)))
            for span in here:
                if span.end > seg.end:
                    continue
                kind, code = span.label_, span.kb_id_
                if kind in {"TOPIC", "SECTOR"}:
                    idea.sectors.add(code)
                elif kind == "GOOD":
                    idea.goods.append(code)
                    idea.sectors.update(self.lex.goods[code].sectors)
                elif kind == "MODALITY" and not (span.start > 0 and doc[span.start - 1].norm_ in self.reported):
                    modalities.add(code)  # but not "استقبال از پیشنهاد …": someone else's proposal
                elif kind == "BENEFIT" and code not in idea.benefits:
                    idea.benefits.append(code)
            place = next((s for s in here if s.label_ in PLACE_KINDS and s.end <= seg.end), None)
            if place is not None and i >= place_until:
                place_until = place.end
                ref = PlaceRef(place.label_, place.kb_id_, Recognizer.evidence(doc, place.start, place.end))
                idea.places.append((place.start, ref))
            if doc_norms(doc)[i] in self.grouping:
                idea.grouping = True
            i += 1
        idea.modality = next((m for m in MODALITY_ORDER if m in modalities), None)
        if "transit" in idea.sectors:
            idea.route = self.route(doc, idea)
        if idea.modality is None and len(idea.route) >= 2:
            idea.modality = "route"
        return idea

    def route(self, doc: Doc, idea: Idea) -> list[PlaceRef]:
        """Stops in order: a dashed chain ("انزلی–آکتائو"), "میان X و Y", or "از X … به Y …"."""
        places = idea.places
        for k in range(len(places) - 1):
            (i, a), (j, b) = places[k], places[k + 1]
            between = {t.text for t in doc[_end_token(doc, a) : j]}
            if between and between <= DASHES:
                chain = [a, b]
                for m in range(k + 2, len(places)):
                    prev_end = _end_token(doc, chain[-1])
                    if {t.text for t in doc[prev_end : places[m][0]]} <= DASHES:
                        chain.append(places[m][1])
                return chain
        for k in range(len(places) - 1):
            (i, a), (j, b) = places[k], places[k + 1]
            between_states = a.kind == "STATE" or b.kind == "STATE"  # "میان ایران و X" is bilateral, not a route
            if (
                i > 0
                and doc[i - 1].norm_ in {"میان", "بین"}
                and doc[_end_token(doc, a)].norm_ == "و"
                and not between_states
            ):
                return [a, b]
        starts = [k for k, (i, _) in enumerate(places) if i > 0 and doc[i - 1].norm_ == "از"]
        ends = [k for k, (i, _) in enumerate(places) if i > 0 and doc[i - 1].norm_ == "به"]
        if starts and any(e > starts[0] for e in ends):
            stops: list[PlaceRef] = []
            for _, ref in places[starts[0] :]:
                if not stops or stops[-1].key != ref.key:
                    stops.append(ref)
            return stops if len(stops) >= 2 else []
        return []

    @staticmethod
    def merge(ideas: list[Idea]) -> list[Idea]:
        """An intro joins the next idea when they share a sector; proposals are the ideas that qualify."""
        out: list[Idea] = []
        pending: Idea | None = None
        for idea in ideas:
            if idea.segment.intro:
                pending = idea
                continue
            if pending is not None and idea.qualifies and pending.sectors & idea.sectors:
                idea.sectors |= pending.sectors
                idea.benefits += [b for b in pending.benefits if b not in idea.benefits]
                idea.segment = Segment(pending.segment.start, idea.segment.end)
            elif pending is not None and pending.qualifies:
                out.append(pending)
            pending = None
            if idea.qualifies:
                out.append(idea)
        if pending is not None and pending.qualifies:
            out.append(pending)
        return out

    # -- building a proposal ---------------------------------------------------------------

    def proposal(self, doc: Doc, idea: Idea, speaker: Participant, meeting: Meeting, statement: Statement) -> Proposal:
        own = speaker.represents
        others = [p.represents for p in meeting.participants if p.represents and p.represents != own]
        mentioned = [self.country_of(ref) for _, ref in idea.places]
        states = _unique([s for s in [own, *others, *mentioned] if s])
        origin, destination, via = self.flow(doc, idea, speaker, others)
        end = idea.segment.end
        while end > idea.segment.start + 1 and doc[end - 1].text in PUNCT:
            end -= 1
        return Proposal(
            proposer=speaker.person,
            meeting_index=meeting.index,
            statement=statement,
            modality=idea.modality or "proposal",
            sectors=tuple(sorted(idea.sectors)),
            states=tuple(states),
            evidence=Recognizer.evidence(doc, idea.segment.start, end),
            goods=tuple(_unique(idea.goods)),
            origin=origin,
            destination=destination,
            via=tuple(via),
            route=tuple(idea.route),
            benefits=tuple(idea.benefits),
            cameo=self.cameo(idea),
        )

    def country_of(self, ref: PlaceRef) -> str | None:
        if ref.kind == "STATE":
            return ref.key
        place = self.lex.places.get(ref.key)
        return place.country if place and place.country else None

    def flow(
        self, doc: Doc, idea: Idea, speaker: Participant, others: list[str]
    ) -> tuple[PlaceRef | None, PlaceRef | None, list[PlaceRef]]:
        """Where goods or services go: a route's ends, imports into the proposer's state,
        supply or exports from the clause's subject (or the proposer) to the place after it."""
        if len(idea.route) >= 2:
            return idea.route[0], idea.route[-1], list(idea.route[1:-1])
        norms = doc_norms(doc)
        seg = idea.segment
        pairs = {k: " ".join(norms[k : k + 2]) for k in range(seg.start, seg.end)}
        via = [ref for i, ref in idea.places if i >= 2 and " ".join(norms[i - 2 : i]) in self.via]
        ends = [(i, ref) for i, ref in idea.places if ref.kind in {"STATE", "PROVINCE"} and ref not in via]
        own = _state_ref(speaker.represents, speaker.evidence)
        other = _state_ref(others[0], speaker.evidence) if others else None
        imported = next((k for k in range(seg.start, seg.end) if norms[k] in self.imports), None)
        if imported is not None:
            source = next((ref for _, ref in ends if self.country_of(ref) != speaker.represents), other)
            return source, own, via
        supplied = next(
            (k for k in range(seg.start, seg.end) if norms[k] in self.supply or pairs[k] in self.supply), None
        )
        if supplied is None:
            return None, None, via
        before = [ref for i, ref in ends if i < supplied]
        after = [ref for i, ref in ends if i > supplied]
        source = before[0] if before else own
        target = (
            next((ref for ref in after if self.country_of(ref) != self.country_of(source)), None) if source else None
        )
        if target is None:
            target = other if source and self.country_of(source) != (others[0] if others else None) else own
        return source, target, via

    def cameo(self, idea: Idea) -> str:
        """CAMEO 03x: meet or negotiate for joint bodies, else by sector."""
        if idea.grouping:
            return "036"
        if idea.sectors & {"security"}:
            return "0312"
        if idea.sectors & {"politics", "consular"}:
            return "032"
        if idea.sectors & {"economy", "trade", "transit", "energy", "investment", "agriculture", "industry",
                           "mining", "infrastructure", "engineering_services"}:  # fmt: skip
            return "0311"
        return "030"


def _kind_rank(kind: str) -> int:
    return PLACE_KINDS.index(kind) if kind in PLACE_KINDS else len(PLACE_KINDS)


def _end_token(doc: Doc, ref: PlaceRef) -> int:
    """The token index just after a place reference."""
    span = doc.char_span(ref.evidence.start, ref.evidence.end)
    return span.end if span is not None else 0


def _state_ref(alpha2: str | None, evidence: Evidence) -> PlaceRef | None:
    return PlaceRef("STATE", alpha2, evidence) if alpha2 else None


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
