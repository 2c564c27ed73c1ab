"""Stage 4b: statements — who said what, with the exact span of what was said.

A statement is a sentence whose clause opens with a speaker (a name, a surname, "وی",
or an office such as "استاندار گیلان") and that has a speech verb: direct speech after
"گفت:"/"افزود:"/"تصریح کرد:", reported speech ("پیشنهاد کرد …", "خواستار … شد") or
"به گفته X، …". Each statement is cut into segments — the reason given after
"با بیان اینکه", and the parts of the speech split at "در مقابل"، "؛"، "همچنین" — that
the proposal stage reads one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc, Span

from .lexicon import Lexicon
from .nlp import doc_norms
from .normalize import fold, fold_name
from .people import PersonRecord
from .recognize import PUNCT, Analysis, NameMention


@dataclass(frozen=True)
class Segment:
    """Tokens [start, end) of one idea; `intro` for the reason given before the speech."""

    start: int
    end: int
    intro: bool = False


@dataclass
class FoundStatement:
    speaker: PersonRecord
    meeting: int  # 0-based index of the meeting
    sentence: Span
    start: int  # tokens of what was said
    end: int
    direct: bool
    segments: list[Segment] = field(default_factory=list)


class Speakers:
    """The participants who may speak, looked up by name (the full name or its last words,
    as `PersonRecord.matches`), and the name mentions by the token they start at."""

    def __init__(self, people: list[PersonRecord], analysis: Analysis) -> None:
        self.people = people
        self.by_name: dict[str, PersonRecord] = {}
        for person in people:  # the first participant whose name ends so wins, as in a scan
            for k in range(len(person.tokens)):
                self.by_name.setdefault("".join(person.tokens[k:]), person)
        self.name_at: dict[int, NameMention] = {}
        for mention in analysis.names:
            self.name_at.setdefault(mention.start, mention)

    def named(self, tokens: list[str]) -> PersonRecord | None:
        return self.by_name.get("".join(tokens))


class StatementFinder:
    """Finds statements of the participants of an article's meetings."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.speech = lexicon.word_set("speech_verbs")
        self.attribution = lexicon.word_set("attribution_markers")
        self.intro = lexicon.word_set("intro_markers")
        self.markers = lexicon.word_set("segment_markers")
        self.pronouns = lexicon.word_set("pronouns")
        self.honorifics = lexicon.word_set("honorifics")
        self.adverbial = lexicon.word_set("adverbial_openers")

    def __call__(
        self,
        analysis: Analysis,
        participants: list[list[PersonRecord]],
        clause_start: Callable[[Span], int],
        meeting_of: Callable[[Span], int | None],
        same_post: Callable[[PersonRecord, object], bool],
    ) -> list[FoundStatement]:
        doc = analysis.doc
        everyone = Speakers([p for group in participants for p in group], analysis)
        found: list[FoundStatement] = []
        last: PersonRecord | None = None
        for sent in doc.sents:
            start = clause_start(sent)
            attributed = " ".join(doc_norms(doc)[start : start + 2]) in self.attribution
            speaker, after = self.speaker_at(analysis, start + 2 if attributed else start, everyone, last, same_post)
            if speaker is None or not self.has_speech(sent):
                continue
            last = speaker
            meetings = [k for k, group in enumerate(participants) if any(p is speaker for p in group)]
            referenced = meeting_of(sent)
            meeting = referenced if referenced in meetings else meetings[0]
            statement = self.statement(doc, sent, after, attributed, speaker, meeting)
            if statement is not None:
                found.append(statement)
        return found

    def has_speech(self, sent: Span) -> bool:
        norms = doc_norms(sent.doc)[sent.start : sent.end]
        pairs = {" ".join(norms[k : k + 2]) for k in range(len(norms) - 1)}
        return bool((set(norms) | pairs) & self.speech) or ":" in norms

    def speaker_at(
        self,
        analysis: Analysis,
        i: int,
        everyone: Speakers,
        last: PersonRecord | None,
        same_post: Callable[[PersonRecord, object], bool],
    ) -> tuple[PersonRecord | None, int]:
        """Who opens the clause at token i, and where the speaker's words end."""
        doc = analysis.doc
        while i < len(doc) and (doc[i].norm_ in self.honorifics or doc[i].text == "«"):
            i += 1
        if i >= len(doc):
            return None, i
        mention = everyone.name_at.get(i)
        if mention is not None:
            person = everyone.named([fold_name(t) for t in mention.text.split()])
            end = mention.office.end if mention.office else mention.end
            return person, max(end, mention.end)
        office = analysis.office_starts.get(i)
        if office is not None:
            holders = [p for p in everyone.people if same_post(p, office.office)]
            if len(holders) > 1:  # two ministers: the one whose office was written the same way
                written = fold(office.office.evidence.exact) if office.office.evidence else ""
                holders = [p for p in holders if any(o.evidence and written in fold(o.evidence.exact)
                                                     for o in p.offices)]  # fmt: skip
            return (holders[0] if len(holders) == 1 else None), office.end
        if doc[i].norm_ in self.pronouns:
            return last, i + 1
        j = i
        while j < len(doc) and j - i < 4 and analysis.nameable(j):
            j += 1
        for k in range(j, i, -1):  # a surname alone, or the full name without an office
            person = everyone.named([fold_name(t.text) for t in doc[i:k]])
            if person is not None:
                return person, k
        return None, i

    def statement(
        self, doc: Doc, sent: Span, after: int, attributed: bool, speaker: PersonRecord, meeting: int
    ) -> FoundStatement | None:
        end = sent.end
        while end > after and (doc[end - 1].is_space or doc[end - 1].text in PUNCT):
            end -= 1
        if after >= end:
            return None
        if attributed:
            comma = next((t.i for t in doc[after:end] if t.text in {"،", ","}), after - 1)
            start = comma + 1
            return FoundStatement(speaker, meeting, sent, start, end, False, self.split(doc, start, end))
        colon = next((t.i for t in doc[after:end] if t.text == ":"), None)
        if colon is None:
            return FoundStatement(speaker, meeting, sent, after, end, False, self.with_intro(doc, after, end))
        segments = self.with_intro(doc, after, colon, reported_tail=False) + self.split(doc, colon + 1, end)
        return FoundStatement(speaker, meeting, sent, colon + 1, end, True, segments)

    def with_intro(self, doc: Doc, start: int, end: int, reported_tail: bool = True) -> list[Segment]:
        """ "با بیان اینکه R، گفت/پیشنهاد کرد M": R as an intro segment, then M split."""
        intro_at = next((t.i for t in doc[start:end] if t.norm_ in self.intro), None)
        if intro_at is None and not reported_tail and any(t.norm_ in self.adverbial for t in doc[start : start + 4]):
            return [Segment(start, end, intro=True)]  # "با اشاره به …/با استقبال از … گفت:" sets the scene
        if intro_at is None:
            return self.split(doc, start, end)
        commas = [t.i for t in doc[intro_at:end] if t.text in {"،", ","}]
        if not commas:
            return [Segment(intro_at + 1, end, intro=True)]
        intro = Segment(intro_at + 1, commas[-1], intro=True)
        tail = self.split(doc, commas[-1] + 1, end) if reported_tail else []
        return [intro, *tail]

    def split(self, doc: Doc, start: int, end: int) -> list[Segment]:
        """Cut speech at "در مقابل"، "؛"، "همچنین" — each part may hold its own idea."""
        cuts = [start]
        norms = doc_norms(doc)
        for i in range(start, end):
            norm = norms[i]
            two = " ".join(norms[i : i + 2])
            listed = norm == "همچنین" and i > 0 and norms[i - 1] == "و"  # "و همچنین": a list goes on
            if (norm in self.markers or two in self.markers) and i > cuts[-1] + 2 and not listed:
                cuts.append(i)
        cuts.append(end)
        return [Segment(a, b) for a, b in pairwise(cuts) if b > a]
