"""Report stage 2: article text cut into segments, each with the highlights covering it.

Spans overlap and nest (a name inside an office, a place inside a statement inside a
proposal), so the text is cut at every span boundary and each segment lists all the
facts covering it; a fact is then the run of segments that list it.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass

from .views import Highlight

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _visible(ch: str) -> str:
    code = ord(ch)
    if ch in "\n\t\r":
        return ch
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ESC is ␛
    if code == 0x7F:
        return "\u2421"
    if ch in _BIDI_CONTROLS or unicodedata.category(ch) in {"Cc", "Cs"}:
        return "\ufffd"
    return ch


def shown(text: str) -> str:
    """The text as a page shows it: one character for one, so offsets hold, with control
    characters as their pictures (ESC → ␛), and bidirectional overrides and lone
    surrogates as U+FFFD, so that no article can reorder or break the page."""
    if text.isprintable():
        return text
    return "".join(_visible(ch) for ch in text)


@dataclass(frozen=True)
class Segment:
    """[start, end) of the text; `facts` are indexes into the highlights covering it;
    `known` is False for characters the graph does not hold (a gap)."""

    start: int
    end: int
    facts: tuple[int, ...]
    known: bool = True


def segments(length: int, highlights: tuple[Highlight, ...], known: tuple[tuple[int, int], ...] = ()) -> list[Segment]:
    """The text [0, length) cut at every boundary of a highlight or a known range."""
    known = known or ((0, length),)
    cuts = {0, length}
    for h in highlights:
        cuts.update((max(0, min(h.start, length)), max(0, min(h.end, length))))
    for start, end in known:
        cuts.update((start, end))
    points = sorted(c for c in cuts if 0 <= c <= length)
    out = []
    for start, end in itertools.pairwise(points):
        inside = any(a <= start and end <= b for a, b in known)
        covering = tuple(i for i, h in enumerate(highlights) if h.start <= start and end <= h.end) if inside else ()
        out.append(Segment(start, end, covering, inside))
    return out
