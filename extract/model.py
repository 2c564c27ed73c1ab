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
class Meeting:
    """One encounter reported by the article (an article may report several)."""

    index: int
    date: dt.date | None
    location: Location | None
    participants: tuple[Participant, ...]
    topics: tuple[TopicMention, ...]
    evidence: Evidence
    date_evidence: Evidence | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    meetings: tuple[Meeting, ...] = field(default_factory=tuple)
