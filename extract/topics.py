"""Topics of a meeting: what the text says the two sides discussed.

Two mechanisms, over the meeting sentence and the sentences that speak of the meeting
("در این دیدار … بررسی شد"), quoted speech excluded:

- *Cue lists*: a list after a cue (همکاری‌های، حوزه‌های، درباره …) running over topic words
  joined by "،", "و", "و همچنین"; a topic word may carry one modifier ("تجارت مرزی").
- *Discussion spans*: the argument of a discussion predicate (گفت‌وگو کردند، بررسی شد،
  تبادل نظر، محور … بود): from an aboutness cue (درباره، پیرامون، در خصوص) or the start of
  the clause up to the predicate. Every topic word and sector cue in it counts, except
  inside an office or institution ("وزیر کشاورزی"، "اتاق بازرگانی") and inside a reason
  ("با اشاره به …").

When neither names a topic, the first list of two or more topics in the article stands for
the meeting.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .lexicon import Lexicon
from .model import TopicMention
from .nlp import doc_norms, doc_texts, lexicon_spans
from .recognize import Recognizer


class TopicReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.cues = lexicon.word_set("topic_cues")
        self.connectors = lexicon.word_set("list_connectors")
        self.discussion = lexicon.word_set("discussion_words")
        self.aboutness = lexicon.word_set("aboutness_cues")
        self.institutions = lexicon.word_set("excluded_topic_contexts")
        self.reasons = lexicon.word_set("reason_openers")
        self.passive = lexicon.word_set("passive_auxiliaries")

    def __call__(
        self,
        doc: Doc,
        meeting_span: tuple[int, int],
        related: list[tuple[int, int]],
        people: frozenset[int] = frozenset(),
    ) -> tuple[TopicMention, ...]:
        """Topics in the meeting sentence and the related token ranges, else the article's first
        list. `people` holds the tokens of names and offices, which are no topic."""
        found: list[TopicMention] = []
        for start, end in [meeting_span, *related]:
            found += self.topic_list(doc, start, end, people) + self.discussed(doc, start, end, people)
        if not found:
            for sent in doc.sents:
                listed = self.topic_list(doc, sent.start, sent.end)
                if len({t.code for t in listed}) >= 2:
                    found = listed
                    break
        unique: dict[str, TopicMention] = {}
        for mention in found:
            unique.setdefault(mention.code, mention)
        return tuple(unique.values())

    def discussed(self, doc: Doc, start: int, end: int, people: frozenset[int]) -> list[TopicMention]:
        """Topic words and sector cues in the argument of each discussion predicate: after an
        aboutness cue ("درباره …"), else the object before "را" or the subject of a passive
        ("… بررسی شد"), in both cases after the last person named before the predicate."""
        norms = doc_norms(doc)[start:end]
        found: list[TopicMention] = []
        floor = 0
        for k, norm in enumerate(norms):
            if norm not in self.discussion:
                continue
            named = [i for i in range(floor, k) if start + i in people]
            first = max(floor, named[-1] + 1 if named else 0)
            cues = [i for i in range(first, k) if norms[i] in self.aboutness]
            if cues:
                first = cues[-1] + 1
            if cues or norms[k - 1 : k] == ["را"] or set(norms[k + 1 : k + 6]) & self.passive:
                found += self.topic_words(doc, start + first, start + k, people)
            floor = k + 1  # "دیدار و رایزنی کردند و … را بررسی کردند": one argument each
        return found

    def topic_words(self, doc: Doc, start: int, end: int, people: frozenset[int]) -> list[TopicMention]:
        """Topic words and sector cues in [start, end), not in a name, an office, an
        institution's name or a reason."""
        blocked: set[int] = set(people)
        reason = False
        norms = doc_norms(doc)
        for i in range(start, end):
            norm = norms[i]
            if norm in self.reasons:
                reason = True
            elif norm in {"،", ",", "؛"}:
                reason = False
            if reason or norm in self.institutions:
                blocked.update({i, i + 1, i + 2})
        found: list[TopicMention] = []
        for span in lexicon_spans(doc, start, end):
            inside = start <= span.start and span.end <= end and span.start not in blocked
            if span.label_ in {"TOPIC", "SECTOR"} and inside:
                found.append(TopicMention(span.kb_id_, Recognizer.evidence(doc, span.start, span.end)))
        return sorted(found, key=lambda t: t.evidence.start)

    def topic_list(self, doc: Doc, start: int, end: int, people: frozenset[int] = frozenset()) -> list[TopicMention]:
        """Every topic listed after a cue word between tokens start and end (a cue inside a
        name or an office, "معاون امور اقتصادی", starts no list)."""
        topics_at: dict[int, Span] = {}
        for span in lexicon_spans(doc, start, end):
            if span.label_ == "TOPIC" and start <= span.start < end:
                best = topics_at.get(span.start)
                if best is None or span.end > best.end:
                    topics_at[span.start] = span
        found: list[TopicMention] = []
        i = start
        while i < end:
            if doc_norms(doc)[i] not in self.cues or i in people:
                i += 1
                continue
            j = i + 1
            while j < end:
                listed = topics_at.get(j)
                if listed is not None:
                    found.append(TopicMention(listed.kb_id_, Recognizer.evidence(doc, listed.start, listed.end)))
                    j = listed.end
                    if j + 1 < end and self.joins(doc, j + 1) and topics_at.get(j + 2) is not None:
                        j += 1  # "تجارت مرزی و گردشگری": one modifier after a listed topic
                elif self.joins(doc, j):
                    j += 1
                else:
                    break
            i = j
        return found

    def joins(self, doc: Doc, j: int) -> bool:
        return doc[j].norm_ in self.connectors or doc[j].norm_ in self.cues


def before_quote(sent: Span, start: int | None = None) -> int:
    """Where direct speech starts (after "گفت:") in the sentence from token `start` on (a
    byline's colon before the clause, "X نیوز:", is no speech); what is quoted is not the
    reporter's account."""
    texts = doc_texts(sent.doc)
    first = sent.start if start is None else start
    for i in range(first, sent.end):
        if texts[i] == ":":
            return i
    return sent.end
