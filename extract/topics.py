"""Topics of a meeting: lists such as "همکاری‌های تجاری، ترانزیتی و گردشگری" after a cue word.

A list starts after a cue (همکاری‌های، حوزه‌های، درباره …) and runs over topic words joined by
"،", "و", "و همچنین". The meeting sentence and the sentences that speak of the meeting
("در این دیدار … بررسی شد") are read, quoted speech excluded; when they name no topic, the
first list of two or more topics in the article stands for the meeting.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .lexicon import Lexicon
from .model import TopicMention
from .recognize import Recognizer


class TopicReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.cues = lexicon.word_set("topic_cues")
        self.connectors = lexicon.word_set("list_connectors")

    def __call__(
        self, doc: Doc, meeting_span: tuple[int, int], related: list[tuple[int, int]]
    ) -> tuple[TopicMention, ...]:
        """Topics in the meeting sentence and the related token ranges, else the article's first list."""
        found = self.topic_list(doc, *meeting_span)
        for start, end in related:
            found += self.topic_list(doc, start, end)
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

    def topic_list(self, doc: Doc, start: int, end: int) -> list[TopicMention]:
        """Every topic listed after a cue word between tokens start and end."""
        topics_at: dict[int, Span] = {}
        for span in doc.spans["lexicon"]:
            if span.label_ == "TOPIC" and start <= span.start < end:
                best = topics_at.get(span.start)
                if best is None or span.end > best.end:
                    topics_at[span.start] = span
        found: list[TopicMention] = []
        i = start
        while i < end:
            if doc[i].norm_ not in self.cues:
                i += 1
                continue
            j = i + 1
            while j < end:
                span = topics_at.get(j)
                if span is not None:
                    found.append(TopicMention(span.kb_id_, Recognizer.evidence(doc, span.start, span.end)))
                    j = span.end
                elif doc[j].norm_ in self.connectors or doc[j].norm_ in self.cues:
                    j += 1
                else:
                    break
            i = j
        return found


def before_quote(sent: Span) -> int:
    """Where direct speech starts (after "گفت:"); what is quoted is not the reporter's account."""
    for token in sent:
        if token.text == ":":
            return token.i
    return sent.end
