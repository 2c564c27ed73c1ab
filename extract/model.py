"""Plain data passed between stages: what was extracted, with evidence spans.

No spaCy objects in here, so the graph stage and its tests need no pipeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .article import Article


@dataclass(frozen=True)
class Evidence:
    """A span of the article text: 0-based code-point offsets, end exclusive."""

    start: int
    end: int
    exact: str


@dataclass(frozen=True)
class Office:
    """An office as a phrase states it: role code, states (alpha-2) and jurisdiction (ISO 3166-2)."""

    role: str
    sending: str | None = None
    receiving: str | None = None
    jurisdiction: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Person:
    """A named person; `key` is the folded name used to recognise later mentions."""

    key: str
    name: str
    evidence: Evidence


@dataclass(frozen=True)
class Participant:
    """A person's part in one meeting: the office held and the state represented."""

    person: Person
    office: Office | None
    represents: str | None
    evidence: Evidence


@dataclass(frozen=True)
class TopicMention:
    code: str
    evidence: Evidence


@dataclass(frozen=True)
class Location:
    name: str
    place_key: str | None
    country: str | None
    evidence: Evidence


@dataclass(frozen=True)
class PlaceRef:
    """A state, province, city or facility named in a proposal (kind: STATE, PROVINCE, CITY, FACILITY)."""

    kind: str
    key: str
    evidence: Evidence


@dataclass(frozen=True)
class Statement:
    """Speech attributed to a participant: quoted after "گفت:" or reported ("پیشنهاد کرد …")."""

    speaker: Person
    meeting_index: int
    direct: bool
    evidence: Evidence


@dataclass(frozen=True)
class Proposal:
    """One cooperation idea a participant put forward, with what the text says of it."""

    proposer: Person
    meeting_index: int
    statement: Statement
    modality: str
    sectors: tuple[str, ...]
    states: tuple[str, ...]  # alpha-2 of the states involved, the proposer's first
    evidence: Evidence
    goods: tuple[str, ...] = ()
    origin: PlaceRef | None = None  # a state or province the flow starts from
    destination: PlaceRef | None = None
    via: tuple[PlaceRef, ...] = ()
    route: tuple[PlaceRef, ...] = ()  # stops in order
    benefits: tuple[str, ...] = ()
    cameo: str = "030"


@dataclass(frozen=True)
class Meeting:
    """One encounter reported by the article (an article may report several)."""

    index: int
    date: dt.date | None
    location: Location | None
    participants: tuple[Participant, ...]
    topics: tuple[TopicMention, ...]
    evidence: Evidence
    date_evidence: Evidence | None = None
    cameo: str = "040"  # 042 make a visit / 043 host a visit when the text says who visits whom
    plover_mode: str | None = None  # visit | host
    visitor: Person | None = None
    host: Person | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    meetings: tuple[Meeting, ...] = field(default_factory=tuple)
    statements: tuple[Statement, ...] = field(default_factory=tuple)
    proposals: tuple[Proposal, ...] = field(default_factory=tuple)
