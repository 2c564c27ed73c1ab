"""The plain data between the report's stages: what an article page shows."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("participant", "office", "date", "place", "topic", "statement", "proposal", "meeting")


@dataclass(frozen=True)
class Highlight:
    """One fact's evidence span: [start, end) in code points of the article text."""

    kind: str
    iri: str
    start: int
    end: int
    exact: str
    label: str


@dataclass(frozen=True)
class ParticipantView:
    name: str
    person: str
    role: str = ""  # role code
    role_label: str = ""
    office: str = ""  # the office as written
    state: str = ""  # alpha-2 of the state represented
    state_label: str = ""
    province: str = ""  # ISO 3166-2 of a sub-national office
    province_label: str = ""
    accredited_to: str = ""  # alpha-2 of a diplomat's host state
    side: str = ""  # host or visitor


@dataclass(frozen=True)
class MeetingCard:
    iri: str
    date: str
    place: str
    place_country: str
    topics: tuple[str, ...]
    participants: tuple[ParticipantView, ...]


@dataclass(frozen=True)
class Endpoint:
    """One end of a trade flow, or a stop on its route."""

    label: str
    code: str  # alpha-2, ISO 3166-2, or empty for a port, zone or region
    state: str  # the alpha-2 of its state, where known


@dataclass(frozen=True)
class ProposalCard:
    iri: str
    meeting: str
    proposer: str
    modality: str
    start: int
    end: int
    goods: tuple[tuple[str, str], ...]  # (English label, HS code)
    sectors: tuple[str, ...]
    states: tuple[str, ...]
    origin: Endpoint | None
    destination: Endpoint | None
    route: tuple[Endpoint, ...]
    via: tuple[Endpoint, ...]


@dataclass(frozen=True)
class ArticleView:
    """Everything an article page shows. `known` lists the [start, end) ranges of `text`
    that are the article's own characters; the rest (when only the graph's quotes were
    available) are unknown and shown as gaps."""

    doc_id: str
    iri: str
    stem: str
    published: str
    url: str
    publisher: str
    text: str
    text_from: str  # "input" (the article itself) or "quotes" (pieced from the evidence)
    known: tuple[tuple[int, int], ...]
    highlights: tuple[Highlight, ...]
    meetings: tuple[MeetingCard, ...]
    proposals: tuple[ProposalCard, ...]
    notes: tuple[str, ...] = field(default=())
    state_names: dict[str, str] = field(default_factory=dict)  # alpha-2 -> English name


def office_line(p: ParticipantView) -> str:
    """ "governor, Iran (IR-01 Gilan)" or "ambassador, Kazakhstan → IR"."""
    parts = [p.role_label or p.role or "office unknown"]
    if p.state:
        parts.append(f"{p.state_label or p.state}")
    line = ", ".join(parts)
    if p.province:
        line += f" ({p.province} {p.province_label})".rstrip()
    if p.accredited_to:
        line += f" → {p.accredited_to}"
    return line


def proposal_line(p: ProposalCard) -> str:
    """The modality, goods or sectors, and the flow of a proposal, on one line."""
    what = ", ".join(g for g, _ in p.goods) or ", ".join(p.sectors) or "cooperation"
    line = f"{p.modality or 'proposal'}: {what}"
    if p.origin or p.destination:
        line += f" ({p.origin.label if p.origin else '?'} → {p.destination.label if p.destination else '?'})"
    return line
