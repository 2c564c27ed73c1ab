"""Stage 4: relate mentions into meetings — who met whom, in which office, when, where.

Rules follow the grammar of meeting reports, not any particular article:
- a meeting sentence has a meeting trigger ("دیدار کرد", "میزبان … بود", …) and at least two
  named people; "ابتدا با X … و سپس با Y" reports two meetings;
- "در این دیدار که با حضور X … برگزار شد" adds X to the meeting;
- an office written alone at the start of a clause ("استاندار گیلان در این دیدار …") is the
  office of the one participant whose office is not yet known;
- a later surname or full name is the same person as the first full mention.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from .article import Article
from .dates import DateReader, best_date
from .lexicon import Lexicon
from .model import Extraction, Location, Meeting, Office, Participant, Person, TopicMention
from .normalize import fold_name
from .people import PersonRecord, is_suffix
from .proposals import ProposalFinder
from .recognize import PUNCT, Analysis, NameMention, OfficeMention, Recognizer
from .statements import StatementFinder
from .topics import TopicReader, before_quote


@dataclass
class Draft:
    """A meeting being assembled: its sentence and the people in it."""

    sentence: Span
    clause_start: int
    people: list[PersonRecord]
    mentions: dict[int, NameMention]  # id(person) -> mention in the meeting sentence


class Relater:
    """Turns one parsed article into an `Extraction`."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.recognizer = Recognizer(lexicon)
        self.dates = DateReader(lexicon)
        self.home = str(lexicon.words["home_state"])
        self.lead_markers = lexicon.word_set("lead_markers")
        self.references = lexicon.word_set("meeting_references")
        self.ordinals = lexicon.word_map("ordinal_references")
        self.split_cues = lexicon.word_set("split_cues")
        self.attendance = lexicon.word_set("attendance_cues")
        self.phone = lexicon.word_set("phone_words")
        self.topic_reader = TopicReader(lexicon)
        self.missions = lexicon.word_set("mission_words")
        self.body_start = 0
        self.statement_finder = StatementFinder(lexicon)
        self.proposal_finder = ProposalFinder(lexicon)

    def __call__(self, article: Article, doc: Doc) -> Extraction:
        analysis = self.recognizer(doc)
        self.body_start = article.body_start
        people: list[PersonRecord] = []
        for mention in analysis.names:
            self.person_for(people, mention, create=len(mention.key) > 0)
        drafts = self.meeting_drafts(analysis, people)
        self.add_attendees(analysis, people, drafts)
        drafts = [d for d in self.merge(drafts) if len(d.people) >= 2]
        self.assign_lone_offices(analysis, drafts)
        meetings = [self.build(article, analysis, draft, n, drafts) for n, draft in enumerate(drafts, 1)]
        found = self.statement_finder(
            analysis,
            [d.people for d in drafts],
            self.clause_start,
            lambda sent: _index_of(self.referenced_draft(sent, drafts), drafts),
            lambda person, office: isinstance(office, Office) and self.same_post(person.office(), office),
        )
        statements, proposals = self.proposal_finder(doc, found, meetings)
        return Extraction(article, tuple(meetings), tuple(statements), tuple(proposals))

    # -- people --------------------------------------------------------------------------

    def person_for(self, people: list[PersonRecord], mention: NameMention, create: bool) -> PersonRecord | None:
        """The person a name mention refers to, registering a new one for a full name."""
        doc_tokens = [fold_name(t) for t in mention.text.split()]
        tokens = [t for t in doc_tokens if t]
        for person in people:
            if person.matches(tokens) or is_suffix(person.tokens, tokens):
                if len(tokens) > len(person.tokens):  # the full name came later than a surname
                    person.name, person.tokens, person.evidence = mention.text, tokens, mention.evidence
                if mention.office is not None:
                    person.offices.append(mention.office.office)
                return person
        if not create or (len(tokens) < 2 and not mention.quoted):
            return None
        person = PersonRecord(mention.text, tokens, mention.evidence)
        if mention.office is not None:
            person.offices.append(mention.office.office)
        people.append(person)
        return person

    # -- meetings ------------------------------------------------------------------------

    def clause_start(self, sent: Span) -> int:
        """Skip the date line, a lead ("به گزارش …،") or a dateline ("زاهدان-") opening the sentence."""
        first = sent.start
        while first < sent.end and (sent.doc[first].idx < self.body_start or sent.doc[first].is_space):
            first += 1
        body = sent.doc[first : sent.end]
        norms = [t.norm_ for t in body]
        if " ".join(norms[:2]) in self.lead_markers:
            for k, norm in enumerate(norms[:25]):
                if norm in {"،", ","}:
                    return first + k + 1
        dashes = [k for k, token in enumerate(body[:5]) if token.text in {"-", "–", "—"}]
        return first + dashes[-1] + 1 if dashes else first  # "زاهدان- …", "قزوین-ایرنا- …"

    def meeting_drafts(self, analysis: Analysis, people: list[PersonRecord]) -> list[Draft]:
        doc = analysis.doc
        trigger_sents = {
            t.sent.start
            for t in doc.spans["triggers"]
            if not (t.kb_id_ == "meeting-held" and self.mentions_meeting(t.sent))  # "در این دیدار که … برگزار شد"
        }
        drafts: list[Draft] = []
        for sent in doc.sents:
            if sent.start not in trigger_sents or any(t.norm_ in self.phone for t in sent):
                continue
            start = self.clause_start(sent)
            mentions = self.within_reach([m for m in analysis.names if start <= m.start < sent.end], sent)
            subject = analysis.subject_name(start, sent.end)
            if subject is not None and not any(m.start <= subject.start < m.end for m in mentions):
                mentions.insert(0, subject)
            resolved = [(m, self.person_for(people, m, create=True)) for m in mentions]
            found = [(m, p) for m, p in resolved if p is not None]
            for group in self.split_groups(doc, found):
                drafts.append(Draft(sent, start, [p for _, p in group], {id(p): m for m, p in group}))
        return drafts

    @staticmethod
    def within_reach(mentions: list[NameMention], sent: Span) -> list[NameMention]:
        """The people a meeting phrase governs: those named before "… دیدار کرد", and after a
        nominal "در دیدار با" only the first one named. Someone named later in the sentence
        ("… با اشاره به سفر اخیر X به مسکو گفت") did not take part."""
        triggers = [t for t in sent.doc.spans["triggers"] if sent.start <= t.start < sent.end]
        verbal = [t for t in triggers if t.kb_id_ != "meeting-with"]
        if verbal:
            last = max(t.end for t in verbal)
            return [m for m in mentions if m.start < last]
        nominal = min(t.end for t in triggers)
        after = [m for m in mentions if m.start >= nominal]
        return [m for m in mentions if m.start < nominal] + after[:1]

    def split_groups(
        self, doc: Doc, found: list[tuple[NameMention, PersonRecord]]
    ) -> list[list[tuple[NameMention, PersonRecord]]]:
        """ "X ابتدا با Y و سپس با Z دیدار کرد" -> [[X, Y], [X, Z]]; otherwise one group."""
        with_ba = [(m, p) for m, p in found if _introduced_by(doc, m.start, "با")]
        if len(with_ba) < 2:
            return [_unique(found)]
        cues = [t.i for t in doc[with_ba[0][0].start : with_ba[-1][0].start] if t.norm_ in self.split_cues]
        if not cues:
            return [_unique(found)]
        subjects = [(m, p) for m, p in found if (m, p) not in with_ba]
        groups: list[list[tuple[NameMention, PersonRecord]]] = [[] for _ in range(len(cues) + 1)]
        for m, p in with_ba:
            groups[sum(1 for c in cues if c < m.start)].append((m, p))
        return [_unique(subjects + g) for g in groups if g]

    def referenced_draft(self, sent: Span, drafts: list[Draft]) -> Draft | None:
        """The meeting a sentence speaks of ("در دیدار دوم …", "در این دیدار …")."""
        norms = [t.norm_ for t in sent]
        for k in range(len(norms) - 1):
            if norms[k] in {"دیدار", "نشست", "ملاقات"} and norms[k + 1] in self.ordinals:
                index = self.ordinals[norms[k + 1]] - 1
                return drafts[index] if index < len(drafts) else None
        earlier = [d for d in drafts if d.sentence.start <= sent.start]
        return earlier[-1] if earlier else (drafts[0] if drafts else None)

    def mentions_meeting(self, sent: Span) -> bool:
        norms = [t.norm_ for t in sent]
        pairs = {" ".join(norms[k : k + 2]) for k in range(len(norms) - 1)}
        return bool(pairs & self.references)

    def add_attendees(self, analysis: Analysis, people: list[PersonRecord], drafts: list[Draft]) -> None:
        """ "در این دیدار که با حضور X … برگزار شد": X took part too."""
        for sent in analysis.doc.sents:
            norms = [t.norm_ for t in sent]
            pairs = {" ".join(norms[k : k + 2]) for k in range(len(norms) - 1)}
            if not (pairs & self.attendance) or not self.mentions_meeting(sent):
                continue
            draft = self.referenced_draft(sent, drafts)
            if draft is None or draft.sentence.start == sent.start:
                continue
            for mention in analysis.names:
                if sent.start <= mention.start < sent.end and _introduced_by(analysis.doc, mention.start, "حضور"):
                    person = self.person_for(people, mention, create=True)
                    if person is not None and all(p is not person for p in draft.people):
                        draft.people.append(person)
                        draft.mentions[id(person)] = mention

    @staticmethod
    def merge(drafts: list[Draft]) -> list[Draft]:
        """Sentences that name the same people report the same meeting ("X met Y" twice); a
        sentence that shares only one of them reports another ("Y also met Z")."""
        merged: list[Draft] = []
        for draft in drafts:
            target = next((m for m in merged if _same_meeting(m, draft)), None)
            if target is None:
                merged.append(draft)
                continue
            for person in draft.people:
                if all(p is not person for p in target.people):
                    target.people.append(person)
                    target.mentions[id(person)] = draft.mentions[id(person)]
        return merged

    def assign_lone_offices(self, analysis: Analysis, drafts: list[Draft]) -> None:
        """An office opening a clause with no name is the office of the participant lacking one."""
        attached = {m.office.start for m in analysis.names if m.office is not None}
        for office in analysis.offices:
            if office.start in attached or not self.opens_clause(analysis, office):
                continue
            sent = analysis.doc[office.start].sent
            draft = self.referenced_draft(sent, drafts)
            if draft is None or any(self.same_post(p.office(), office.office) for p in draft.people):
                continue
            lacking = [p for p in draft.people if p.office() is None]
            if len(lacking) == 1:
                lacking[0].offices.append(office.office)

    def same_post(self, held: Office | None, written: Office) -> bool:
        """Does an office written alone name the post a participant holds? A national office
        written without its state ("وزیر راه و شهرسازی") is the home state's."""
        if held is None or held.role != written.role:
            return False
        national = self.lex.roles[written.role].scope == "national"
        place = written.jurisdiction or written.sending or (self.home if national else None)
        held_place = held.jurisdiction or held.sending or (self.home if national else None)
        return place is None or place == held_place

    def opens_clause(self, analysis: Analysis, office: OfficeMention) -> bool:
        token = analysis.doc[office.start]
        if token.is_sent_start or office.start == self.clause_start(token.sent):
            return True
        return analysis.doc[office.start - 1].text in {"،", ",", "-", "–"}

    # -- building ------------------------------------------------------------------------

    def build(self, article: Article, analysis: Analysis, draft: Draft, index: int, drafts: list[Draft]) -> Meeting:
        doc = analysis.doc
        sent = draft.sentence
        dates = self.dates.read(doc, draft.clause_start, sent.end, article.published)
        chosen = best_date(dates)
        date = chosen.date if chosen else article.published
        location = self.location(analysis, draft)
        where = location.country if location else None
        participants = tuple(self.participant(p, draft.mentions[id(p)], where) for p in draft.people)
        cameo, mode, visitor, host = self.visit(doc, draft, participants)
        return Meeting(
            index=index,
            date=date,
            location=location,
            participants=participants,
            topics=self.topics(analysis, draft, drafts),
            evidence=Recognizer.evidence(doc, draft.clause_start, _trim_end(sent)),
            date_evidence=Recognizer.evidence(doc, chosen.start, chosen.end) if chosen else None,
            cameo=cameo,
            plover_mode=mode,
            visitor=visitor,
            host=host,
        )

    def visit(
        self, doc: Doc, draft: Draft, participants: tuple[Participant, ...]
    ) -> tuple[str, str | None, Person | None, Person | None]:
        """CAMEO 043 when the text has someone host ("میزبان … بود", "به حضور پذیرفت"), 042 when
        someone travelled to the meeting ("… که به تبریز سفر کرده است"), else 040."""
        by_position = sorted(
            zip(draft.people, participants, strict=True), key=lambda pp: draft.mentions[id(pp[0])].start
        )
        people = [p.person for _, p in by_position]
        sent = draft.sentence
        hosting = [t for t in doc.spans["triggers"] if t.kb_id_ in {"host", "receive"} and t.sent.start == sent.start]
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

    def participant(self, record: PersonRecord, mention: NameMention, where: str | None) -> Participant:
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
        return Participant(person, office, represents, mention.evidence)

    def location(self, analysis: Analysis, draft: Draft) -> Location | None:
        """Where the meeting was held: a city (or province) in the meeting sentence outside
        offices and names, preferring one right after "در"."""
        doc = analysis.doc
        blocked: set[int] = set()
        for m in analysis.names:
            blocked.update(range(m.start, m.end))
        for o in analysis.offices:
            blocked.update(range(o.start, o.end))
        candidates: list[tuple[int, Span]] = []
        end = before_quote(draft.sentence)  # places inside quoted speech are not where they met
        for span in doc.spans["lexicon"]:
            if span.label_ not in {"CITY", "PROVINCE"} or not draft.clause_start <= span.start < end:
                continue
            if any(i in blocked for i in range(span.start, span.end)):
                continue
            before = [t.norm_ for t in doc[max(draft.clause_start, span.start - 4) : span.start]]
            if any(w in self.missions for w in before):
                continue
            after_dar = bool(before) and (before[-1] == "در" or before[-2:] == ["در", "شهر"])
            if span.label_ == "PROVINCE" and not after_dar:
                continue
            rank = (0 if after_dar else 1, 0 if span.label_ == "CITY" else 1)
            candidates.append((rank[0] * 2 + rank[1], span))
        if not candidates:
            return self.named_city(doc, draft, blocked)
        _, best = min(candidates, key=lambda c: (c[0], c[1].start))
        place = self.lex.places[best.kb_id_]
        return Location(best.text, place.key, place.country or None, Recognizer.evidence(doc, best.start, best.end))

    @staticmethod
    def named_city(doc: Doc, draft: Draft, blocked: set[int]) -> Location | None:
        """ "در شهر X": the text itself says X is a city, even one the gazetteer lacks."""
        for i in range(draft.clause_start, draft.sentence.end - 2):
            if [doc[i].norm_, doc[i + 1].norm_] == ["در", "شهر"] and i + 2 not in blocked and doc[i + 2].is_alpha:
                return Location(doc[i + 2].text, None, None, Recognizer.evidence(doc, i + 2, i + 3))
        return None

    def topics(self, analysis: Analysis, draft: Draft, drafts: list[Draft]) -> tuple[TopicMention, ...]:
        """Topics of this meeting, read from its sentence and the sentences that speak of it."""
        related = [
            (sent.start, before_quote(sent))
            for sent in analysis.doc.sents
            if sent.start != draft.sentence.start
            and self.mentions_meeting(sent)
            and self.referenced_draft(sent, drafts) is draft
        ]
        return self.topic_reader(analysis.doc, (draft.clause_start, draft.sentence.end), related)


def _same_meeting(a: Draft, b: Draft) -> bool:
    if a.sentence.start == b.sentence.start:
        return False
    shared = sum(1 for p in b.people if any(p is q for q in a.people))
    return shared >= min(2, len(a.people), len(b.people)) and shared > 0


def _introduced_by(doc: Doc, start: int, word: str) -> bool:
    """Is the name at `start` preceded by `word` (allowing «, an honorific-free gap of one)?"""
    k = start - 1
    while k >= 0 and doc[k].text in {"«"}:
        k -= 1
    return k >= 0 and doc[k].norm_ == word


def _unique(
    pairs: list[tuple[NameMention, PersonRecord]],
) -> list[tuple[NameMention, PersonRecord]]:
    seen: list[PersonRecord] = []
    out = []
    for m, p in pairs:
        if all(p is not q for q in seen):
            seen.append(p)
            out.append((m, p))
    return out


def _index_of(draft: Draft | None, drafts: list[Draft]) -> int | None:
    return next((k for k, d in enumerate(drafts) if d is draft), None)


def _trim_end(sent: Span) -> int:
    end = sent.end
    while end > sent.start + 1 and (sent.doc[end - 1].is_space or sent.doc[end - 1].text in PUNCT):
        end -= 1
    return end
