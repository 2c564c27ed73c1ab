"""Stage 4: meetings as frames — a meeting predicate and the people in its slots.

A predicate is a meeting noun (دیدار، ملاقات، نشست، جلسه، گفت‌وگو، رایزنی …, with its
modifiers) or a receiving verb (به حضور پذیرفت، را پذیرفت، پذیرای … بود، میزبان … بود).

- A *new* predicate reports an encounter: its slots are the people referred to before it
  in the clause (the subject and "با …" objects written before the verb) and the chain of
  people right after it ("دیدار X با Y", "در دیدار با Y و Z"). A slot may be an office alone
  or a counterpart; `persons` has linked those to people.
- A *reference* ("در این دیدار …", "دیدار دوم") adds the people it names as present
  ("با حضور X"، "X نیز حضور داشت") and the subject of its clause to the meeting it refers to.
- Not a meeting: a predicate of a multilateral event (اجلاس، همایش، نشست افتتاحیه …), of a
  call (تلفنی، تماس), or of a plan (خواهد، قرار است، در برنامه) or an interview.
- Frames that share two people are one meeting; a frame that shares only one of them with
  another reports another meeting ("X met Y, then Z").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon
from ..nlp import doc_norms
from ..people import PersonRecord
from ..recognize import PUNCT
from ..topics import before_quote
from .persons import People, Reference

CHAIN_WORDS = {"با", "و", "،", ",", "«", "»", '"', "را", "همراه", "همچنین", "نیز"}


@dataclass
class Frame:
    sentence: Span
    clause_start: int
    predicate: int  # token index of the predicate word
    new: bool
    refs: list[Reference] = field(default_factory=list)

    @property
    def people(self) -> list[PersonRecord]:
        out: list[PersonRecord] = []
        for ref in self.refs:
            if all(p is not ref.person for p in out):
                out.append(ref.person)
        return out


@dataclass
class MeetingDraft:
    """One meeting being assembled from its frames."""

    frames: list[Frame]
    people: list[PersonRecord]
    mentions: dict[int, Reference]  # id(person) -> the reference in the meeting's frames

    @property
    def sentence(self) -> Span:
        return self.frames[0].sentence

    @property
    def clause_start(self) -> int:
        return self.frames[0].clause_start

    def add(self, frame: Frame) -> None:
        self.frames.append(frame)
        for ref in frame.refs:
            if all(p is not ref.person for p in self.people):
                self.people.append(ref.person)
                self.mentions[id(ref.person)] = ref

    def replace(self, old: PersonRecord, new: PersonRecord) -> None:
        """`old` (an office slot) is `new`: one participant, first referred to where `old` was."""
        ref = self.mentions.pop(id(old))
        self.remove(old)
        if not self.has(new):
            self.people.append(new)
            self.mentions[id(new)] = ref

    def remove(self, person: PersonRecord) -> None:
        self.people = [p for p in self.people if p is not person]
        self.mentions.pop(id(person), None)

    def has(self, person: PersonRecord) -> bool:
        return any(p is person for p in self.people)


class FrameReader:
    """Finds the meeting frames of a document and groups them into meetings."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.nouns = lexicon.word_set("meeting_nouns")
        self.noun_firsts = frozenset(n.split(" ")[0] for n in self.nouns if " " in n)  # of nouns written apart
        self.noun_lasts = frozenset(n.split(" ")[-1] for n in self.nouns if " " in n)
        self.determiners = lexicon.word_set("reference_determiners")
        self.modifiers = lexicon.word_set("reference_modifiers")
        self.multilateral = lexicon.word_set("multilateral_words")
        self.plan = lexicon.word_set("plan_words")
        self.remote = lexicon.word_set("remote_words")
        self.interview = lexicon.word_set("interview_words")
        self.exclusions = lexicon.word_set("argument_exclusions")
        self.split_cues = lexicon.word_set("split_cues")
        self.separately = lexicon.word_set("separately_cues")
        self.co_subjects = lexicon.word_set("co_subject_words")
        self.held = {"برگزار"}  # "نشستی که … برگزار شد": a session that took place
        self.honorifics = lexicon.word_set("honorifics")
        self.attendance = {"حضور", "حاضر", "همراهی", "همراه", "مشارکت"}
        self.ordinals = lexicon.word_map("ordinal_references")
        self.apposition_tokens: frozenset[int] = frozenset()

    # -- predicates --------------------------------------------------------------------------

    def predicates(self, doc: Doc, start: int, end: int) -> list[tuple[int, bool]]:
        """(token, is_new) for each meeting predicate in tokens [start, end)."""
        norms = doc_norms(doc)
        found: list[tuple[int, bool]] = []
        for k in range(start, end):
            norm = norms[k]
            if norm in self.noun_firsts and any(
                " ".join(norms[k : k + size]) in self.nouns for size in (2, 3) if k + size <= end
            ):
                continue  # the first word of "گفت وگو" (a noun written as two words): read at the last
            first = k
            if norm in self.noun_lasts:
                for size in (2, 3):
                    if k - size + 1 >= start and " ".join(norms[k - size + 1 : k + 1]) in self.nouns:
                        first, norm = k - size + 1, "دیدار"
            receiving = norm in {"پذیرفت", "پذیرفتند"} and k > 0 and norms[k - 1] in {"حضور", "را"}
            hosting = norm in {"پذیرای", "میزبان"}
            visiting = norm in {"دفتر", "مقر"} and k >= 2 and norms[k - 2 : k] == ["حضور", "در"]  # "با حضور در دفتر X"
            if not (norm in self.nouns or receiving or hosting or visiting):
                continue
            following = norms[k + 1 : min(end, k + 3)]
            if any(w in self.multilateral for w in following) and not (following and following[0] == "با"):
                continue  # "نشست افتتاحیه اجلاس", "میزبان اجلاس": an event, not an encounter
            if following[:2] and following[0] == "با" and any(w in self.interview for w in norms[k + 2 : k + 4]):
                continue  # "گفت‌وگو با خبرنگار": an interview
            if (
                norms[first - 1 : first] == ["این"]
                or norms[first - 1 : first] == ["همین"]
                or (following[:1] and following[0] in self.modifiers)
            ):
                found.append((k, False))
            elif norms[first - 1 : first] == ["آن"] and first >= 2 and norms[first - 2] == "در":
                found.append((k, False))  # "… نیز در آن حضور داشتند"
            else:
                found.append((k, True))
        return found

    def accepts_a_thing(self, doc: Doc, refs: list[Reference], k: int) -> bool:
        """ "دعوت … را پذیرفت" accepts an invitation: "را پذیرفت" receives someone only when a
        person is its object (the reference ends right before "را")."""
        if doc[k].norm_ not in {"پذیرفت", "پذیرفتند"} or k < 1 or doc[k - 1].norm_ != "را":
            return False
        end = k - 1
        while end > 0 and doc[end - 1].text in {"»", '"', "”", "'"}:
            end -= 1  # "«X» را پذیرفت"
        return not (end - 1 in self.apposition_tokens or any(r.end == end for r in refs))

    def co_subject(self, doc: Doc, start: int, k: int) -> bool:
        """Does the clause before token k have "دو طرف"/"طرفین" as its subject?"""
        text = " ".join(doc_norms(doc)[start:k])
        return any(f" {w} " in f" {text} " for w in self.co_subjects)

    def excluded(self, sent: Span, start: int, k: int) -> bool:
        """A call, a plan or a cancelled meeting: no encounter took place. A call anywhere in
        the sentence; a future or a plan in the predicate's own verb group or clause."""
        doc = sent.doc
        all_norms = doc_norms(doc)
        norms = all_norms[sent.start : sent.end]
        if set(norms) & self.remote:
            return True
        near = all_norms[max(start, k - 1) : min(sent.end, k + 5)]
        if set(near) & self.plan:
            return True
        before = " ".join(all_norms[start:k])
        after = " ".join(all_norms[k : sent.end])
        return any(p in before for p in ("قرار است", "قرار بود")) or any(
            p in after for p in ("در برنامه", "فراهم نشد", "انجام نشد", "برگزار نشد")
        )

    # -- slots -------------------------------------------------------------------------------

    def slots(self, doc: Doc, frame: Frame, refs: list[Reference]) -> list[Reference]:
        """The references a predicate governs (see the module docstring)."""
        p = frame.predicate
        norms = doc_norms(doc)
        own = [r for r in refs if not self.excluded_ref(norms, r, frame.clause_start)]
        if not frame.new:
            attendance = any(n in self.attendance for n in norms[frame.sentence.start : frame.sentence.end])
            subject = [r for r in own if r.start < p][:1]
            present = [r for r in own if attendance and self.attending(norms, r, frame.sentence.end)]
            return _unique_refs(subject + present)
        before = [r for r in own if r.start < p]
        after: list[Reference] = []
        position = p + 1
        for ref in (r for r in own if r.start > p):
            gap = [norms[k] for k in range(position, ref.start) if k not in self.apposition_tokens]
            chained = len(gap) <= 3 and all(g in CHAIN_WORDS or g in self.honorifics for g in gap)
            led = gap[-2:] == ["به", "ریاست"]  # "میزبان هیئت استان نجف به ریاست X": the delegation's head
            introduced = not after and len(gap) <= 10 and ("با" in gap[-3:] or led) and not set(gap) & {"،", ",", "که"}
            if not (chained or introduced):
                break  # "در نشستی در سالن … با X": the first object may follow a place
            after.append(ref)
            position = max(ref.end, position)
        return _unique_refs(before + after)

    def excluded_ref(self, norms: list[str], ref: Reference, clause_start: int) -> bool:
        """ "به دعوت X", "با اشاره به سفر X": a person named in passing is no participant."""
        window = norms[max(clause_start, ref.start - 2) : ref.start]
        return any(w in self.exclusions for w in window)

    def attending(self, norms: list[str], ref: Reference, end: int) -> bool:
        """ "با حضور X", "X … نیز … حضور داشتند": named as present."""
        k = ref.start  # "با حضور سرکنسول … در نجف، X،": past the office written before the name
        while k > 0 and (k - 1 in self.apposition_tokens or norms[k - 1] in {"،", ","}) and ref.kind == "name":
            k -= 1
        before = norms[max(0, k - 2) : k]
        if "حضور" in before or "همراهی" in before:
            return True
        return any(n in self.attendance for n in norms[ref.end : end])

    # -- meetings ----------------------------------------------------------------------------

    def __call__(self, doc: Doc, people: People, clause_start: Callable[[Span], int]) -> list[MeetingDraft]:
        self.apposition_tokens = people.apposition_tokens
        frames: list[Frame] = []
        excluded_seen = False
        held: list[Frame] = []  # "در نشستی که … برگزار شد، دو طرف …": a meeting of the people before it
        for sent in doc.sents:
            start = clause_start(sent)
            end = before_quote(sent, start)
            clauses = [(start, end)]
            if end < sent.end:
                clauses.append((end + 1, sent.end))
            for start, end in clauses:
                refs = [r for r in people.at(start, end)]
                for k, new in self.predicates(doc, start, end):
                    if new and self.excluded(sent, start, k):
                        excluded_seen = True
                        continue
                    if self.accepts_a_thing(doc, refs, k):
                        continue
                    co_subject = new and not [r for r in refs if r.start < k] and self.co_subject(doc, start, k)
                    if co_subject:
                        new = False  # "دو طرف درباره … گفت‌وگو کردند": the two sides of the last meeting
                        if not excluded_seen and any(t.norm_ in self.held for t in doc[start:k]):
                            held.append(Frame(sent, start, k, True, self.context(people, sent)))
                    frame = Frame(sent, start, k, new)
                    frame.refs = self.slots(doc, frame, refs)
                    if frame.refs or not new:  # a reference without people still gives topics and place
                        frames.extend(self.split(doc, frame))
        meetings = self.group(frames)
        for frame in held:
            if not meetings and len(frame.people) >= 2:  # no meeting for "دو طرف" to refer to
                draft = MeetingDraft([], [], {})
                draft.add(frame)
                for other in frames:
                    if not other.new and other.sentence.start >= frame.sentence.start:
                        draft.add(other)
                meetings.append(draft)
        return meetings

    @staticmethod
    def context(people: People, sent: Span) -> list[Reference]:
        """The people named before a sentence (once each, first mention), as its sides."""
        return _unique_refs([r for r in people.references if r.start < sent.start])

    def split(self, doc: Doc, frame: Frame) -> list[Frame]:
        """ "X ابتدا با Y و سپس با Z دیدار کرد": one frame for each "با" group after a cue;
        "… به‌طور جداگانه با …": one for each pair (`separately`)."""
        with_ba = [r for r in frame.refs if r.start > 0 and doc[r.start - 1].norm_ == "با"]
        if frame.new and with_ba and self.says_separately(doc, frame.clause_start, frame.predicate):
            return self.separately_paired(frame, with_ba[0].start)
        if not frame.new or len(with_ba) < 2:
            return [frame]
        cues = [t.i for t in doc[with_ba[0].start : with_ba[-1].start] if t.norm_ in self.split_cues]
        if not cues:
            return [frame]
        subjects = [r for r in frame.refs if r.start < with_ba[0].start]
        groups: list[list[Reference]] = [[] for _ in range(len(cues) + 1)]
        for r in frame.refs:
            if r.start >= with_ba[0].start:
                groups[sum(1 for c in cues if c < r.start)].append(r)
        return [Frame(frame.sentence, frame.clause_start, frame.predicate, True, subjects + g) for g in groups if g]

    def says_separately(self, doc: Doc, start: int, end: int) -> bool:
        """Does "به‌طور جداگانه" (the adverb) come in tokens [start, end)? Not "نشستی جداگانه":
        one session apart from another is one meeting."""
        norms = doc_norms(doc)[start:end]
        return any(" ".join(norms[k : k + size]) in self.separately for k in range(len(norms)) for size in (2, 3))

    @staticmethod
    def separately_paired(frame: Frame, first_object: int) -> list[Frame]:
        """ "A به‌طور جداگانه با B و C دیدار کرد": A met each; "A و B به‌طور جداگانه با C و D
        دیدار کردند": each subject met the object of the same role (a governor the governor,
        a mayor the mayor), else the one in the same place of the list. Any other count of
        sides is left one frame."""
        subjects = _unique_refs([r for r in frame.refs if r.start < first_object])
        objects = _unique_refs([r for r in frame.refs if r.start >= first_object])
        if len(subjects) == 1 and len(objects) >= 2:
            pairs = [(subjects[0], o) for o in objects]
        elif len(subjects) == len(objects) >= 2:
            held = [o.person.office() for o in objects]
            by_role = [
                next((j for j, o in enumerate(held) if mine and o and o.role == mine.role), k)
                for k, mine in enumerate(s.person.office() for s in subjects)
            ]
            if len(set(by_role)) != len(by_role):
                by_role = list(range(len(subjects)))
            pairs = [(s, objects[j]) for s, j in zip(subjects, by_role, strict=True)]
        else:
            return [frame]
        return [Frame(frame.sentence, frame.clause_start, frame.predicate, True, [s, o]) for s, o in pairs]

    def group(self, frames: list[Frame]) -> list[MeetingDraft]:
        meetings: list[MeetingDraft] = []
        pending: list[Frame] = []
        for frame in frames:
            if not frame.new:
                continue
            people = frame.people
            shared = [m for m in meetings if sum(1 for p in people if m.has(p)) >= min(2, len(people))]
            if shared:
                shared[-1].add(frame)
            elif len(people) >= 2:
                draft = MeetingDraft([], [], {})
                draft.add(frame)
                meetings.append(draft)
            else:
                pending.append(frame)
        for frame in pending:  # "X … دیدار کرد" with the other side unnamed: the meeting X is in
            holders = [m for m in meetings if m.has(frame.people[0])]
            if len(holders) == 1:
                holders[0].add(frame)
        for frame in frames:
            if frame.new:
                continue
            doc = frame.sentence.doc
            after = doc[frame.predicate + 1].norm_ if frame.predicate + 1 < len(doc) else ""
            if after in self.ordinals:  # "در دیدار دوم …"
                index = self.ordinals[after] - 1
                target = meetings[index] if index < len(meetings) else None
            else:
                target = _referenced(frame, meetings)
            if target is not None:
                target.add(frame)
        return meetings


def _referenced(frame: Frame, meetings: list[MeetingDraft]) -> MeetingDraft | None:
    """The meeting a reference speaks of: the latest one reported before it (else the first)."""
    earlier = [m for m in meetings if m.frames[0].sentence.start <= frame.sentence.start]
    if earlier:
        return max(earlier, key=lambda m: max(f.sentence.start for f in m.frames if f.new and
                                              f.sentence.start <= frame.sentence.start))  # fmt: skip
    return meetings[0] if meetings else None


def _unique_refs(refs: list[Reference]) -> list[Reference]:
    out: list[Reference] = []
    for ref in refs:
        if all(r.person is not ref.person for r in out):
            out.append(ref)
    return out


def trim_end(sent: Span) -> int:
    end = sent.end
    while end > sent.start + 1 and (sent.doc[end - 1].is_space or sent.doc[end - 1].text in PUNCT):
        end -= 1
    return end
