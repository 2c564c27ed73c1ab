"""Stage 3: the people of the document — name mentions clustered, offices gathered, references linked.

- Full names are clustered by their words: a later or earlier surname, or the full name
  after a surname, is the same person (`PersonRecord.matches`, `is_suffix`).
- Each person collects every office written next to any of their mentions.
- A surname said alone anywhere (title, lead, body) becomes a reference to that person.
- An office written alone ("استاندار یزد") refers to the one person who holds that post
  in this document; with several holders, to the nearest one named before it.
- A counterpart phrase next to a name ("همتای قزاق خود، X") gives that person the other
  side's role, for the state it names (resolved in `frames`).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Office
from ..normalize import fold_name
from ..people import PersonRecord, is_suffix
from ..recognize import PUNCT, NameMention, OfficeMention
from .mentions import PORTFOLIO_WORDS, Mentions


@dataclass(frozen=True)
class Reference:
    """Tokens [start, end) that refer to a person: a name, a surname, an office or a counterpart."""

    start: int
    end: int
    person: PersonRecord
    kind: str  # name | surname | office | counterpart


@dataclass
class People:
    persons: list[PersonRecord] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    counterpart_of: dict[int, str | None] = field(default_factory=dict)  # id(person) -> state of "همتای X"
    slots: list[PersonRecord] = field(default_factory=list)  # offices whose holder the text has not named yet
    apposition_tokens: frozenset[int] = frozenset()  # offices and counterpart phrases beside names
    _starts: list[int] = field(default_factory=list, repr=False)

    def is_slot(self, person: PersonRecord) -> bool:
        return any(person is s for s in self.slots)

    def at(self, start: int, end: int) -> list[Reference]:
        """The references that start in tokens [start, end), in order (found by bisection on
        the references sorted by start, sorted again whenever they have changed)."""
        if len(self._starts) != len(self.references):
            self.references.sort(key=lambda r: (r.start, -r.end))
            self._starts = [r.start for r in self.references]
        return self.references[bisect.bisect_left(self._starts, start) : bisect.bisect_left(self._starts, end)]


def _tokens(text: str) -> list[str]:
    return [t for t in (fold_name(w) for w in text.split()) if t]


class PersonLinker:
    """Builds the `People` of one document from its `Mentions`."""

    def __init__(self, same_post: Callable[[Office | None, Office], bool]) -> None:
        self.same_post = same_post

    def __call__(self, mentions: Mentions) -> People:
        people = People()
        for mention in mentions.names:
            person = self.person_for(people, mention)
            if person is not None:
                people.references.append(Reference(mention.start, mention.end, person, "name"))
                self.note_counterpart(mentions, people, mention, person)
        counterparts = {i for c in mentions.counterparts for i in range(c.start, c.end)}
        people.apposition_tokens = frozenset(counterparts | mentions.office_tokens)
        self.link_surnames(mentions, people)
        self.link_offices(mentions, people)
        self.link_counterparts(mentions, people)
        people.references.sort(key=lambda r: (r.start, -r.end))
        return people

    def person_for(self, people: People, mention: NameMention) -> PersonRecord | None:
        tokens = _tokens(mention.text)
        if not tokens:
            return None
        for person in people.persons:
            if person.matches(tokens) or is_suffix(person.tokens, tokens):
                if len(tokens) > len(person.tokens):  # the full name came after a surname
                    person.name, person.tokens, person.evidence = mention.text, tokens, mention.evidence
                if mention.office is not None:
                    person.offices.append(mention.office.office)
                return person
        if len(tokens) < 2 and not mention.quoted:
            return None
        person = PersonRecord(mention.text, tokens, mention.evidence)
        if mention.office is not None:
            person.offices.append(mention.office.office)
        people.persons.append(person)
        return person

    def link_counterparts(self, mentions: Mentions, people: People) -> None:
        """ "با همتای هندی خود دیدار کرد" with no name beside it: the post of the same role as
        the office named before it in the sentence, for the state named; its holder where the
        text names one with that post, else a slot."""
        named = {i for r in people.references for i in range(r.start, r.end)}
        for c in mentions.counterparts:
            if c.start in named or c.state is None:
                continue
            sent_start = mentions.doc[c.start].sent.start
            before = [r for r in people.references if sent_start <= r.start < c.start and r.person.office() is not None]
            if not before:
                continue
            own = before[0].person.office()
            assert own is not None
            post = Office(own.role, sending=c.state, evidence=mentions.rec.evidence(mentions.doc, c.start, c.end))
            holders = [p for p in people.persons if any(self.same_post(o, post) for o in p.offices)]
            if not holders:  # "وزیر بهداشت مالزی" written alone elsewhere: the same post
                holders = [s for s in people.slots if self.same_post(s.office(), post)]
            if len(holders) == 1:
                holder = holders[0]
            elif post.evidence is not None:
                holder = PersonRecord("", [], post.evidence, [post])
                people.slots.append(holder)
            else:
                continue
            people.references.append(Reference(c.start, c.end, holder, "counterpart"))

    @staticmethod
    def chained_holder(
        mentions: Mentions, owner_of_office: dict[int, PersonRecord], office: OfficeMention
    ) -> PersonRecord | None:
        """The named person whose office this one continues: "NAME OFFICE و OFFICE،", the
        second with no other state, the apposition closed by a comma within a few words."""
        doc = mentions.doc
        if office.start < 2 or mentions.norms[office.start - 1] != "و":
            return None
        k = office.start - 1  # "معاون وزیر [امور خارجه] و رئیس …": past the first office's portfolio
        while k > 0 and k not in owner_of_office and office.start - k <= PORTFOLIO_WORDS:
            if doc[k - 1].text in PUNCT or mentions.scores[k - 1] > 0.0:
                return None
            k -= 1
        holder = owner_of_office.get(k)
        if holder is None:
            return None
        first = holder.office()
        sending = office.office.sending
        if first is not None and sending is not None and first.sending not in (None, sending):
            return None
        close = next((k for k in range(office.end, min(len(doc), office.end + 4)) if doc[k].text in {"،", ","}), None)
        if close is None or any(doc[k].is_sent_start for k in range(office.end, close + 1)):
            return None
        return holder

    @staticmethod
    def note_counterpart(mentions: Mentions, people: People, mention: NameMention, person: PersonRecord) -> None:
        for c in mentions.counterparts:
            gap = itertools.chain(range(c.end, mention.start), range(mention.end, c.start))
            if all(mentions.doc[k].text in {"،", ",", "«", "»"} for k in gap) and (
                c.end <= mention.start or c.start >= mention.end
            ):
                people.counterpart_of.setdefault(id(person), c.state)

    @staticmethod
    def link_surnames(mentions: Mentions, people: People) -> None:
        """Single words (or last two words) equal to a known person's surname refer to that person."""
        taken = {i for r in people.references for i in range(r.start, r.end)}
        by_last: dict[str, list[PersonRecord]] = {}
        for person in people.persons:
            if len(person.tokens) >= 2:
                by_last.setdefault(person.tokens[-1], []).append(person)
        for i in range(len(mentions.doc)):
            if i in taken or not mentions.surname_tokens(i):
                continue
            holders = by_last.get(fold_name(mentions.doc[i].text), [])
            if len(holders) == 1:
                people.references.append(Reference(i, i + 1, holders[0], "surname"))
                office = mentions.adjacent_office(i, i + 1)
                if office is not None:
                    holders[0].offices.append(office.office)

    def link_offices(self, mentions: Mentions, people: People) -> None:
        """An office written with no name refers to the person who holds that post here."""
        attached = {m.office.start for m in mentions.names if m.office is not None}
        attached |= {o.start for r in people.references for o in mentions.offices if o.end == r.start}
        in_names = {i for m in mentions.names for i in range(m.start, m.end)}
        owner_of_office = {
            m.office.end: person
            for m in mentions.names
            if m.office is not None
            for person in [next((r.person for r in people.references if r.start == m.start), None)]
            if person is not None
        }
        by_role: dict[str, list[PersonRecord]] = {}  # (offices added below keep a role already held)
        for person in people.persons:
            for role in dict.fromkeys(o.role for o in person.offices):
                by_role.setdefault(role, []).append(person)
        for office in mentions.offices:
            if office.start in attached or in_names & set(range(office.start, office.end)):
                continue  # "سلطان بن …": a title word inside a name is no office
            chained = self.chained_holder(mentions, owner_of_office, office)
            if chained is not None:  # "X معاون وزیر … و رئیس ستاد …،": a second office of X
                people.references.append(Reference(office.start, office.end, chained, "office"))
                continue
            candidates = by_role.get(office.office.role, [])
            holders = [p for p in candidates if any(self.same_post(o, office.office) for o in p.offices)]
            if len(holders) > 1:
                holders = self.not_in_sentence(mentions, people, office.start, holders)
            if len(holders) > 1:
                held = {id(h) for h in holders}
                named = [r for r in people.references if r.start < office.start and id(r.person) in held]
                holders = [named[-1].person] if named else holders[:1]
            if not holders:
                holders = [s for s in people.slots if self.same_post(s.office(), office.office)][-1:]
            if not holders and office.office.evidence is not None:
                slot = PersonRecord("", [], office.office.evidence, [office.office])
                people.slots.append(slot)
                holders = [slot]
            if holders:
                people.references.append(Reference(office.start, office.end, holders[0], "office"))
                if holders[0].offices and adds_detail(holders[0].offices, office.office):
                    holders[0].offices.append(office.office)  # "سفیر ایران", then "سفیر ایران در بیشکک"

    @staticmethod
    def not_in_sentence(
        mentions: Mentions, people: People, start: int, holders: list[PersonRecord]
    ) -> list[PersonRecord]:
        """Of several who hold a post an office phrase names, those its sentence has not named
        already: "استاندار ولایت X … با نماینده عالی دولت در استان دیدار کرد" names a second
        governor, not the first again (all of them when every one is named there)."""
        sentence = mentions.doc[start].sent.start
        named = {id(r.person) for r in people.references if sentence <= r.start < start}
        others = [h for h in holders if id(h) not in named]
        return others or holders


def adds_detail(held: list[Office], written: Office) -> bool:
    """Does an office phrase say more of a post than what is held already (its host state,
    its province)?"""
    same = [o for o in held if o.role == written.role]
    return bool(same) and any(
        getattr(written, name) is not None and all(getattr(o, name) is None for o in same)
        for name in ("sending", "receiving", "jurisdiction")
    )
