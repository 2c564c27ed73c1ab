"""Stage 5: the reader — one parsed article in, its `Extraction` out.

mentions -> persons -> frames -> meetings (date, place, offices, topics) -> statements -> proposals.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from spacy.tokens import Doc, Span

from ..article import Article
from ..dates import DateMention, DateReader, best_date
from ..lexicon import Lexicon
from ..model import Evidence, Extraction, Location, Meeting, Office, Participant, Person, TopicMention
from ..nlp import doc_norms, lexicon_spans, token_table
from ..normalize import fold_name
from ..people import PersonRecord
from ..proposals import ProposalFinder
from ..recognize import Recognizer
from ..statements import StatementFinder
from ..topics import TopicReader, before_quote
from .frames import FrameReader, MeetingDraft, trim_end
from .mentions import Mentions
from .names import NameModel
from .persons import People, PersonLinker

IDIOM_ZIPF = 4.0  # a word this frequent after "آستانه" makes it the phrase "on the eve of"


class Reader:
    """Turns one parsed article into an `Extraction` (a spaCy-component-like callable)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.recognizer = Recognizer(lexicon)
        self.names = NameModel(lexicon)
        self.linker = PersonLinker(self.same_post)
        self.frames = FrameReader(lexicon)
        self.dates = DateReader(lexicon)
        self.home = str(lexicon.words["home_state"])
        self.lead_markers = lexicon.word_set("lead_markers")
        self.ordinals = lexicon.word_map("ordinal_references")
        self.missions = lexicon.word_set("mission_words")
        self.speech = lexicon.word_set("speech_verbs")
        self.topic_reader = TopicReader(lexicon)
        self._clause_starts: dict[tuple[int, int, int], int] = {}
        self.continuations = lexicon.word_set("continuation_words")
        self.context_words = lexicon.word_set("context_markers")
        self.arab_states = frozenset(lexicon.words["arab_states"])
        self.pronouns = lexicon.word_set("pronouns")
        self.statement_finder = StatementFinder(lexicon)
        self.proposal_finder = ProposalFinder(lexicon)

    def __call__(self, article: Article, doc: Doc) -> Extraction:
        self._clause_starts.clear()
        mentions = Mentions(self.recognizer, doc, self.names, self.lex)
        people = self.linker(mentions)
        body_start = article.body_start
        drafts = self.frames(doc, people, lambda sent: self.clause_start(sent, body_start))
        self.fill_slots(people, drafts, body_start)
        drafts = [d for d in drafts if len(d.people) >= 2 and not self.multilateral(d)]
        self.resolve_counterparts(people, drafts)
        meetings = [self.build(article, mentions, d, n) for n, d in enumerate(drafts, 1)]
        found = self.statement_finder(
            mentions,
            [d.people for d in drafts],
            lambda sent: self.clause_start(sent, body_start),
            lambda sent: self.referenced(sent, drafts),
            lambda person, office: isinstance(office, Office) and self.same_post(person.office(), office),
        )
        statements, proposals = self.proposal_finder(doc, found, meetings)
        return Extraction(article, tuple(meetings), tuple(statements), tuple(proposals))

    # -- clauses and references ------------------------------------------------------------

    def clause_start(self, sent: Span, body_start: int) -> int:
        """Skip the date line, a lead ("به گزارش …،") or a dateline ("زاهدان-") opening the
        sentence (worked out once per sentence of the document being read)."""
        key = (id(sent.doc), sent.start, body_start)
        known = self._clause_starts.get(key)
        if known is None:
            known = self._clause_starts[key] = self._clause_start(sent, body_start)
        return known

    def _clause_start(self, sent: Span, body_start: int) -> int:
        table = token_table(sent.doc)
        first = sent.start
        while first < sent.end and (table.starts[first] < body_start or table.texts[first].isspace()):
            first += 1
        norms = table.norms[first : sent.end]
        texts = table.texts[first : min(sent.end, first + 6)]
        if " ".join(norms[:2]) in self.lead_markers:
            for k, norm in enumerate(norms[:25]):
                if norm in {"،", ",", "؛", ":"}:
                    return first + k + 1
        dashes = [k for k, text in enumerate(texts) if text in {"-", "–", "—", "ـ"}]
        colons = [k for k, text in enumerate(texts) if text == ":"]
        if colons and not any(norm in self.speech for norm in norms[: colons[0]]):
            return first + colons[0] + 1  # "خبرگزاری X - هرات:", "X نیوز:": a byline
        return first + dashes[-1] + 1 if dashes else first

    def referenced(self, sent: Span, drafts: list[MeetingDraft]) -> int | None:
        """The meeting a sentence speaks of ("در دیدار دوم …", "در این دیدار …"), as an index."""
        norms = doc_norms(sent.doc)[sent.start : sent.end]
        for k in range(len(norms) - 1):
            if norms[k] in {"دیدار", "نشست", "ملاقات"} and norms[k + 1] in self.ordinals:
                index = self.ordinals[norms[k + 1]] - 1
                return index if index < len(drafts) else None
        earlier = [k for k, d in enumerate(drafts) if d.sentence.start <= sent.start]
        return earlier[-1] if earlier else (0 if drafts else None)

    def same_post(self, held: Office | None, written: Office) -> bool:
        """Does an office written alone name the post a participant holds? A national office
        written without its state ("وزیر راه و شهرسازی") is the home state's."""
        if held is None or held.role != written.role:
            return False
        national = self.lex.roles[written.role].scope == "national"
        place = written.jurisdiction or written.sending or (self.home if national else None)
        held_place = held.jurisdiction or held.sending or (self.home if national else None)
        return place is None or held_place is None or place == held_place

    # -- people in meetings ----------------------------------------------------------------

    def fill_slots(self, people: People, drafts: list[MeetingDraft], body_start: int) -> None:
        """An office a meeting names with no holder ("استاندار یزد … را به حضور پذیرفت") is held by
        the one participant named without an office ("رضا قاسمی در این دیدار …"), in this
        meeting or in another report of it that shares a participant. Offices of its reporting
        frames are filled first; then an office opening a later clause ("وزیر نفت ایران افزود")
        is given to the one participant of the meeting it speaks of who still lacks one, or to
        the subject of the sentence before it when it goes on ("همچنین"، "افزود": the same
        speaker).
        Each office given narrows the others' choice, so the passes repeat until nothing changes."""
        changed = True
        while changed:
            self.pair_reports(people, drafts)
            changed = self.fill_meeting_slots(people, drafts)
            changed = self.fill_clause_offices(people, drafts, body_start) or changed
        for draft in drafts:
            for slot in [p for p in draft.people if people.is_slot(p)]:
                draft.remove(slot)
        merged: list[MeetingDraft] = []
        for draft in drafts:  # a slot filled in two meetings may have made them one
            same = next((m for m in merged if sum(1 for p in draft.people if m.has(p)) >= 2), None)
            if same is None:
                merged.append(draft)
                continue
            same.frames += draft.frames
            for person in draft.people:
                if not same.has(person):
                    same.people.append(person)
                    same.mentions[id(person)] = draft.mentions[id(person)]
        drafts[:] = merged

    def fill_meeting_slots(self, people: People, drafts: list[MeetingDraft]) -> bool:
        changed = False
        for draft in drafts:
            for slot in self.slots_of(people, draft):
                free = self.free(people, [draft], slot)
                if not any(r.person is slot for f in draft.frames if f.new for r in f.refs):
                    sides = {id(r.person) for f in draft.frames if f.new for r in f.refs}
                    free = [p for p in free if id(p) not in sides]  # one present is not a side named already
                if not free:
                    others = [d for d in drafts if d is not draft and self.related(people, d, draft)]
                    free = self.free(people, others, slot)
                if not free:
                    free = self.newcomers(people, drafts, slot)
                if len(free) > 1:
                    free = self.by_origin(slot, free)
                if len(free) == 1:
                    self.fill(slot, free[0], drafts)
                    changed = True
        return changed

    def by_origin(self, slot: PersonRecord, free: list[PersonRecord]) -> list[PersonRecord]:
        """Of several who could hold an office, the one whose surname is of the office's state's
        language (an Arabic "ال…" for an Iraqi governor, a Persian "…فرد" for an Iranian
        consul), when exactly one is."""
        office = slot.office()
        state = self.represents(office)
        if state is None:
            return free
        wanted = "ar" if state in self.arab_states else "fa" if state == self.home else None
        fitting = [p for p in free if self.names.origin(p.tokens) == wanted] if wanted else []
        return fitting if len(fitting) == 1 else free

    def fill_clause_offices(self, people: People, drafts: list[MeetingDraft], body_start: int) -> bool:
        changed = False
        for slot in people.slots:
            office = slot.office()
            if not drafts or office is None:
                continue
            holding = [d for d in drafts if d.has(slot)]
            doc = drafts[0].sentence.doc
            for ref in (r for r in people.references if r.person is slot):
                sent = doc[ref.start].sent
                if ref.start != self.clause_start(sent, body_start):
                    continue
                index = self.referenced(sent, drafts)
                if index is None or drafts[index].sentence.start > sent.start:
                    continue
                if holding and drafts[index] is not holding[0]:
                    continue
                free = self.free(people, [drafts[index]], slot)
                if len(free) > 1 and any(t.norm_ in self.continuations for t in doc[ref.end : ref.end + 3]):
                    before = self.previous_subject(people, sent, body_start)
                    free = [p for p in free if p is before]
                if len(free) != 1:
                    continue
                if holding:
                    self.fill(slot, free[0], drafts)
                    changed = True
                elif all(o != office for o in free[0].offices):
                    free[0].offices.append(office)
                    changed = True
                break
        return changed

    def previous_subject(self, people: People, sent: Span, body_start: int) -> PersonRecord | None:
        """The person whose name opens the sentence before `sent`, past sentences that open
        with "وی"/"او" (the same speaker still)."""
        doc = sent.doc
        for _ in range(4):
            k = sent.start - 1
            while k >= 0 and doc[k].is_space:
                k -= 1
            if k < 0:
                return None
            sent = doc[k].sent
            start = self.clause_start(sent, body_start)
            if doc[start].norm_ not in self.pronouns:
                return next((r.person for r in people.references if r.start == start), None)
        return None

    def pair_reports(self, people: People, drafts: list[MeetingDraft]) -> None:
        """A meeting told first by offices only ("سرکنسول X در دیدار با استاندار Y") and then
        again with names ("A … با حضور در دفتر B …", "«A» … سفیر کشورمان را به حضور پذیرفت")
        names its sides in the same order: each office of the first report is held by the
        person named in its place in the second, unless that place repeats the office."""
        with_offices = [d for d in drafts if len(d.people) >= 2 and any(people.is_slot(p) for p in d.people)]
        for draft in with_offices:
            mine = self.sides(draft)
            if len(mine) < 2 or not any(people.is_slot(p) for p in mine):
                continue
            matches = []
            for other in drafts:
                sides = self.sides(other) if other is not draft else []
                if len(sides) != len(mine):
                    continue
                pairs = list(zip(mine, sides, strict=True))
                free = [(a, b) for a, b in pairs if a is not b]
                if free and all(people.is_slot(a) and not people.is_slot(b) and b.office() is None for a, b in free):
                    matches.append(free)
            if len(matches) == 1:
                for slot, side in matches[0]:
                    self.fill(slot, side, drafts)

    @staticmethod
    def sides(draft: MeetingDraft) -> list[PersonRecord]:
        """The people of a meeting's first reporting frame, in text order."""
        frame = next((f for f in draft.frames if f.new), None)
        if frame is None:
            return []
        out: list[PersonRecord] = []
        for ref in sorted(frame.refs, key=lambda r: r.start):
            person: PersonRecord | None = ref.person
            while person is not None and not draft.has(person):
                person = person.holder  # a slot filled since
            if person is not None and all(person is not p for p in out):
                out.append(person)
        return out

    @staticmethod
    def slots_of(people: People, draft: MeetingDraft) -> list[PersonRecord]:
        """The meeting's unfilled offices, those of its reporting frames first, in text order."""
        ordered = [r for f in draft.frames if f.new for r in f.refs] + [
            r for f in draft.frames if not f.new for r in f.refs
        ]
        out: list[PersonRecord] = []
        for ref in ordered:
            if people.is_slot(ref.person) and all(ref.person is not s for s in out) and draft.has(ref.person):
                out.append(ref.person)
        return out

    @staticmethod
    def free(people: People, drafts: list[MeetingDraft], slot: PersonRecord | None = None) -> list[PersonRecord]:
        """Participants named without an office, who could hold `slot` (two people named in the
        slots of one frame are two people; a counterpart holds the other side's office)."""
        out: list[PersonRecord] = []
        for draft in drafts:
            apart = {id(r.person) for f in draft.frames if any(r.person is slot for r in f.refs) for r in f.refs}
            for p in draft.people:
                if people.is_slot(p) or p.office() is not None or id(p) in apart or any(p is q for q in out):
                    continue
                if id(p) in people.counterpart_of:
                    continue  # "X همتای پاکستانی خود": X's office is the other side's
                out.append(p)
        return out

    def newcomers(self, people: People, drafts: list[MeetingDraft], slot: PersonRecord) -> list[PersonRecord]:
        """People named without an office after the slot's first mention and in no meeting yet
        ("… سرکنسول روسیه نیز در این دیدار …" then "پاول سمیونوف همچنین …"); not a byline."""
        first = min((r.start for r in people.references if r.person is slot), default=0)
        doc = drafts[0].sentence.doc
        honorifics = self.recognizer.honorifics
        return [
            p
            for p in people.persons
            if p.office() is None
            and not any(d.has(p) for d in drafts)
            and any(
                r.person is p and r.start > first and opens_sentence(doc, r.start, honorifics)
                for r in people.references
            )
            and not all(alone_in_sentence(doc, r.start, r.end) for r in people.references if r.person is p)
        ]

    @staticmethod
    def related(people: People, a: MeetingDraft, b: MeetingDraft) -> bool:
        return any(b.has(p) for p in a.people if not people.is_slot(p))

    @staticmethod
    def fill(slot: PersonRecord, person: PersonRecord, drafts: list[MeetingDraft]) -> None:
        slot.holder = person
        office = slot.office()
        if office is not None:
            person.offices.append(office)
        for draft in drafts:
            if draft.has(slot):
                draft.replace(slot, person)

    def resolve_counterparts(self, people: People, drafts: list[MeetingDraft]) -> None:
        """ "همتای قزاق خود، X": X holds the role of the other side, for the state named."""
        for draft in drafts:
            for person in draft.people:
                if id(person) not in people.counterpart_of or person.offices:
                    continue
                others = [p.office() for p in draft.people if p is not person and p.office() is not None]
                if others and others[0] is not None:
                    state = people.counterpart_of[id(person)]
                    person.offices.append(Office(others[0].role, sending=state, evidence=person.evidence))

    def multilateral(self, draft: MeetingDraft) -> bool:
        """A session with several delegations: three or more states represented."""
        states = {self.represents(p.office()) for p in draft.people}
        return len(states - {None}) >= 3

    def represents(self, office: Office | None) -> str | None:
        if office is None:
            return None
        if office.sending is not None:
            return office.sending
        return self.home if self.lex.roles[office.role].scope != "diplomatic" else None

    # -- building ----------------------------------------------------------------------------

    def build(self, article: Article, mentions: Mentions, draft: MeetingDraft, index: int) -> Meeting:
        doc = mentions.doc
        new = [f for f in draft.frames if f.new]
        dates: list[DateMention] = []
        for frame in new:
            dates += self.dates.read(doc, frame.clause_start, frame.sentence.end, article.published)
        if not dates:
            for frame in draft.frames:
                dates += self.dates.read(doc, frame.clause_start, frame.sentence.end, article.published)
        chosen = best_date(dates)
        location = self.location(mentions, draft)
        where = location.country if location else None
        participants = tuple(self.participant(p, self.evidence(doc, draft, p), where) for p in draft.people)
        cameo, mode, visitor, host = self.visit(doc, draft, participants)
        return Meeting(
            index=index,
            date=chosen.date if chosen else article.published,
            location=location,
            participants=participants,
            topics=self.topics(mentions, draft),
            evidence=Recognizer.evidence(doc, draft.clause_start, trim_end(draft.sentence)),
            date_evidence=Recognizer.evidence(doc, chosen.start, chosen.end) if chosen else None,
            cameo=cameo,
            plover_mode=mode,
            visitor=visitor,
            host=host,
        )

    @staticmethod
    def evidence(doc: Doc, draft: MeetingDraft, person: PersonRecord) -> Evidence:
        """The person's full name where the meeting's frames write it, else where the text first does."""
        for frame in draft.frames:
            for ref in frame.refs:
                span = doc[ref.start : ref.end]
                if ref.person is person and fold_name(span.text) == "".join(person.tokens):
                    return Recognizer.evidence(doc, ref.start, ref.end)
        return person.evidence

    def participant(self, record: PersonRecord, evidence: Evidence, where: str | None) -> Participant:
        office = record.office()
        represents: str | None = None
        if office is not None:
            role = self.lex.roles[office.role]
            represents = office.sending
            if role.scope == "diplomatic" and office.receiving is None and office.sending not in (None, self.home):
                office = replace(office, receiving=self.home)
            if role.scope == "subnational" and represents is None:
                represents = where or self.home  # a mayor or governor of the place of the meeting
            if role.scope == "national" and represents is None:
                represents = self.home
        person = Person(fold_name(record.name), record.name, record.evidence)
        return Participant(person, office, represents, evidence)

    def visit(
        self, doc: Doc, draft: MeetingDraft, participants: tuple[Participant, ...]
    ) -> tuple[str, str | None, Person | None, Person | None]:
        """CAMEO 043 when the text has someone host ("میزبان … بود", "به حضور پذیرفت"), 042 when
        someone travelled to the meeting ("… که به تبریز سفر کرده است"), else 040."""
        by_position = sorted(
            zip(draft.people, participants, strict=True), key=lambda pp: draft.mentions[id(pp[0])].start
        )
        people = [p.person for _, p in by_position]
        sent = draft.sentence
        norms = doc_norms(sent.doc)[sent.start : sent.end]
        hosting = any(n in {"میزبان", "پذیرای"} for n in norms) or any(
            a == "حضور" and b in {"پذیرفت", "پذیرفتند"} for a, b in itertools.pairwise(norms)
        )
        if hosting and len(people) >= 2:
            return "043", "host", people[1], people[0]
        travel = [t.i for t in sent if t.norm_ in {"سفر", "سفری"}]
        if travel:
            before = [
                (draft.mentions[id(r)].start, p.person)
                for r, p in by_position
                if draft.mentions[id(r)].start < travel[0]
            ]
            if before:
                visitor = max(before, key=lambda b: b[0])[1]
                others = [p for p in people if p.key != visitor.key]
                return "042", "visit", visitor, others[0] if len(others) == 1 else None
        return "040", None, None, None

    def location(self, mentions: Mentions, draft: MeetingDraft) -> Location | None:
        """Where the meeting was held: a city (or province) in the meeting's sentences outside
        offices and names; one right after "در" ("در ساختمان استانداری در قزوین") before one
        named otherwise ("هیئت استان نجف"), in any frame; the reporting frames first on a tie."""
        blocked: set[int] = set()
        for m in mentions.names:
            blocked.update(range(m.start, m.end))
        for o in mentions.offices:
            blocked.update(range(o.start, o.end))
        ordered = [f for f in draft.frames if f.new] + [f for f in draft.frames if not f.new]
        found = [
            place
            for frame in ordered
            if (
                place := self.place_in(
                    mentions.doc, frame.clause_start, before_quote(frame.sentence, frame.clause_start), blocked
                )
            )
        ]
        return min(found, key=lambda ranked: ranked[0])[1] if found else None  # the best; the earliest frame on a tie

    def place_in(self, doc: Doc, start: int, end: int, blocked: set[int]) -> tuple[int, Location] | None:
        """The best-placed city or province in tokens [start, end), with its rank (lower is
        better): after "در" first, a city before a province; "استان X" names a province."""
        candidates: list[tuple[int, Span]] = []
        for span in lexicon_spans(doc, start, end):
            if span.label_ not in {"CITY", "PROVINCE"} or not start <= span.start < end:
                continue
            if any(i in blocked for i in range(span.start, span.end)):
                continue
            before = doc_norms(doc)[max(start, span.start - 4) : span.start]
            if any(w in self.missions for w in before):
                continue
            after_dar = bool(before) and (before[-1] == "در" or before[-2:] == ["در", "شهر"])
            if span.label_ == "PROVINCE" and not after_dar:
                continue
            if self.idiom(doc, span):
                continue  # "در آستانه برگزاری": on the eve of, not in Astana
            if span.label_ == "CITY" and before[-1:] == ["استان"] and not after_dar:
                continue  # "هیئت استان نجف": the province of a delegation, not a place of meeting
            rank = (0 if after_dar else 1) * 2 + (0 if span.label_ == "CITY" else 1)
            candidates.append((rank, span))
        if not candidates:
            named = self.named_city(doc, start, end, blocked)
            return (0, named) if named is not None else None
        rank, best = min(candidates, key=lambda c: (c[0], c[1].start))
        place = self.lex.places[best.kb_id_]
        evidence = Recognizer.evidence(doc, best.start, best.end)
        return rank, Location(best.text, place.key, place.country or None, evidence)

    def idiom(self, doc: Doc, span: Span) -> bool:
        """A one-word place that is also a word of context ("آستانه"، "حاشیه") followed by a
        frequent word, not by a state: the phrase "در آستانه برگزاری …"."""
        if span.end - span.start != 1 or span.end >= len(doc) or doc[span.start].norm_ not in self.context_words:
            return False
        following = doc[span.end]
        if following.is_punct or any(s.label_ == "STATE" for s in lexicon_spans(doc, span.end, span.end + 1)):
            return False
        return self.names.zipf(following.text) >= IDIOM_ZIPF

    @staticmethod
    def named_city(doc: Doc, start: int, end: int, blocked: set[int]) -> Location | None:
        """ "در شهر X": the text itself says X is a city, even one the gazetteer lacks."""
        for i in range(start, end - 2):
            if [doc[i].norm_, doc[i + 1].norm_] == ["در", "شهر"] and i + 2 not in blocked and doc[i + 2].is_alpha:
                return Location(doc[i + 2].text, None, None, Recognizer.evidence(doc, i + 2, i + 3))
        return None

    def topics(self, mentions: Mentions, draft: MeetingDraft) -> tuple[TopicMention, ...]:
        """Topics of this meeting, read from its sentences, quoted speech excluded."""
        first = draft.frames[0]
        related = [(f.clause_start, before_quote(f.sentence, f.clause_start)) for f in draft.frames[1:]]
        people = frozenset(i for o in mentions.offices for i in range(o.start, o.end)) | frozenset(
            i for n in mentions.names for i in range(n.start, n.end)
        )
        return self.topic_reader(
            mentions.doc, (first.clause_start, before_quote(first.sentence, first.clause_start)), related, people
        )


def opens_sentence(doc: Doc, i: int, honorifics: frozenset[str]) -> bool:
    """Is token i the first of its sentence, titles such as "محترم"، "دکتر" aside?"""
    k = i
    while k > 0 and not doc[k].is_sent_start and doc[k - 1].norm_ in honorifics:
        k -= 1
    return bool(doc[k].is_sent_start)


def alone_in_sentence(doc: Doc, start: int, end: int) -> bool:
    """Is tokens [start, end) all its sentence says (a byline: the reporter's name on its own line)?"""
    sent = doc[start].sent
    rest = [t for t in sent if not (start <= t.i < end) and not t.is_space and not t.is_punct]
    return not rest
