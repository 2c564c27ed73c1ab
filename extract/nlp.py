"""Stage 2: the spaCy pipeline — tokens, sentences, lexicon spans.

`spacy.blank("fa")` with folded token norms (so ي/ی, digits and lost ZWNJ match alike)
and two components of our own:

- `didar_sentences`: sentence starts after . ! ? ؟ and at line breaks (headlines have no stop);
- `didar_lexicon`: a PhraseMatcher on NORM over every lexicon phrase -> `doc.spans["lexicon"]`
  (label = kind, `kb_id_` = code; overlapping matches are all kept);
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

import numpy
import spacy
from spacy.attrs import IDX, NORM, ORTH, SENT_START, SPACY
from spacy.lang.fa.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .lexicon import Lexicon, load_lexicon
from .normalize import fold

_SENTENCE_END = {".", "!", "?", "؟", "…"}


def lexicon_spans(doc: Doc, start: int = 0, end: int | None = None) -> list[Span]:
    """The lexicon spans starting in tokens [start, end), in `doc.spans["lexicon"]` order;
    the spans and an index by start are built once per Doc."""
    cached = doc.user_data.get("didar_lexicon")
    if cached is None:
        spans = list(doc.spans["lexicon"])
        order = sorted(range(len(spans)), key=lambda k: spans[k].start)
        cached = doc.user_data["didar_lexicon"] = (spans, order, [spans[k].start for k in order])
    spans, order, starts = cached
    if start <= 0 and end is None:
        return spans
    lo = bisect.bisect_left(starts, start)
    hi = len(starts) if end is None else bisect.bisect_left(starts, end)
    return [spans[k] for k in sorted(order[lo:hi])]


@dataclass(frozen=True)
class TokenTable:
    """Plain lists of what every token of a Doc says (reading `doc[i]` builds a Token object
    each time): folded norm, text, first and past-the-last character; and the Doc's text."""

    norms: list[str]
    texts: list[str]
    starts: list[int]
    ends: list[int]
    text: str  # the Doc's text (`doc.text` joins every token again on each call)


def token_table(doc: Doc) -> TokenTable:
    """The Doc's TokenTable, built once per Doc (callers must not mutate its lists)."""
    table = doc.user_data.get("didar_tokens")
    if not isinstance(table, TokenTable) or len(table.norms) != len(doc):
        columns = doc.to_array([NORM, ORTH, IDX, SPACY]).tolist()  # one pass in C, no Token objects
        norms = _strings(doc, [row[0] for row in columns])
        texts = _strings(doc, [row[1] for row in columns])
        starts = [row[2] for row in columns]
        ends = [start + len(text) for start, text in zip(starts, texts, strict=True)]
        # the Doc's text as `doc.text` makes it (each token's text and its one trailing space),
        # without a Token object per token
        text = "".join([f"{t} " if row[3] else t for t, row in zip(texts, columns, strict=True)])
        table = doc.user_data["didar_tokens"] = TokenTable(norms, texts, starts, ends, text)
    return table


_STRINGS: dict[int, str] = {}  # string-store hash -> the string (the store decodes it anew each time)
STRINGS_KEPT = 500_000


def _strings(doc: Doc, keys: list[int]) -> list[str]:
    """The strings of string-store hashes, remembered across Docs."""
    known = _STRINGS
    missing = [key for key in keys if key not in known]
    if missing:
        if len(known) > STRINGS_KEPT:
            known.clear()
        store = doc.vocab.strings
        for key in missing:
            known[key] = store[key]
    return [known[key] for key in keys]


def doc_norms(doc: Doc) -> list[str]:
    """The folded norm of every token, built once per Doc (callers must not mutate it)."""
    return token_table(doc).norms


def doc_texts(doc: Doc) -> list[str]:
    """The text of every token, built once per Doc (callers must not mutate it)."""
    return token_table(doc).texts


@Language.component("didar_sentences")
def split_sentences(doc: Doc) -> Doc:
    """Mark sentence starts after terminal punctuation and at line breaks."""
    if len(doc) == 0:
        return doc
    starts = numpy.full((len(doc), 1), -1, dtype="int64")  # SENT_START: 1 starts a sentence, -1 does not
    starts[0, 0] = 1
    for i, text in enumerate(token_table(doc).texts[:-1]):  # a token's trailing whitespace is " " or none
        if text in _SENTENCE_END or "\n" in text:
            starts[i + 1, 0] = 1
    doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]  # -1 wraps, as to_array gives it
    return doc


class LexiconMatcher:
    """Finds every lexicon phrase (states, places, roles, topics) by folded form."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        by_label: dict[str, set[str]] = {}
        common = common_words(lexicon)
        for kind, code, form in lexicon.phrases:
            if kind in {"CITY", "PROVINCE"} and fold(form) in common:
                continue  # a place named like a common word (دو، خبر، دوشنبه) is never matched
            forms = _plurals(form) if kind in {"TOPIC", "SECTOR"} else {form}
            by_label.setdefault(f"{kind}|{code}", set()).update(v for f in forms for v in _variants(f))
        for label, forms in sorted(by_label.items()):
            self.matcher.add(label, [d for f in sorted(forms) for d in _pattern_docs(nlp, f)])

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["lexicon"] = _labelled_spans(doc, self.matcher(doc))
        return doc


def _labelled_spans(doc: Doc, matches: list[tuple[int, int, int]]) -> list[Span]:
    """Matches whose key is "LABEL|id" as spans with that label and kb_id."""
    spans = []
    for match_id, start, end in matches:
        label, key = doc.vocab.strings[match_id].split("|", 1)
        spans.append(Span(doc, start, end, label=label, kb_id=key))
    return spans


def common_words(lexicon: Lexicon) -> frozenset[str]:
    """Function words, time words and the names of roles and topics, folded."""
    words = {fold(w) for w in STOP_WORDS}
    for name in ("non_name_words", "time_words", "honorifics", "not_places"):
        words |= lexicon.word_set(name)
    for name in ("weekdays", "jalali_months", "gregorian_months"):
        words |= {fold(w) for w in lexicon.words[name]}
    words |= {fold(form) for kind, _, form in lexicon.phrases if kind in {"ROLE", "TOPIC", "DEMONYM"}}
    return frozenset(words)


def _plurals(form: str) -> set[str]:
    """A one-word topic with its plural forms (گذرگاه، گذرگاه‌ها، گذرگاه‌های; an adjective
    gains forms never written, which match nothing); a phrase is kept as written."""
    if " " in form or form.endswith(("ها", "های")):
        return {form}
    return {form, form + "\u200cها", form + "\u200cهای"}


def _variants(form: str) -> set[str]:
    """A phrase as written, with its ZWNJs turned into spaces, and a two-word phrase written as
    one word (نایب رئیس، نایب‌رئیس، نایبرئیس: crawls and agencies differ)."""
    variants = {form, form.replace("\u200c", " ")}
    if form.count(" ") == 1:
        variants.add(form.replace(" ", "\u200c"))
    return variants


def _pattern_docs(nlp: Language, form: str) -> list[Doc]:
    """A phrase as the tokenizer splits it, and a one-word phrase also as one token: the
    tokenizer splits "کشورمان" but not "كشورمان" (Arabic kaf), whose norm is the same."""
    doc = nlp.make_doc(form)
    if " " in form or len(doc) == 1:
        return [doc]
    return [doc, Doc(nlp.vocab, words=[form])]


@Language.factory("didar_lexicon")
def make_lexicon_matcher(nlp: Language, name: str) -> LexiconMatcher:
    return LexiconMatcher(nlp, load_lexicon())


def _install_norms(nlp: Language) -> None:
    """Make every lexeme's NORM its folded form (offsets and text stay untouched)."""
    nlp.vocab.lex_attr_getters[NORM] = fold  # type: ignore[attr-defined]
    for lexeme in nlp.vocab:
        lexeme.norm_ = fold(lexeme.orth_)


def _split_quote_marks(nlp: Language) -> None:
    """Quote-like marks some agencies put around names (ˈ, ’, ‘) are tokens of their own, and
    so is the slash that ends a title's first part ("… قرقیزستان/ پذیرش …")."""
    marks = ["ˈ", "ʼ", "’", "‘", "ʻ", "/"]
    prefixes = list(nlp.Defaults.prefixes or []) + marks
    suffixes = list(nlp.Defaults.suffixes or []) + marks
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search  # type: ignore[union-attr]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search  # type: ignore[union-attr]


@cache
def load_pipeline() -> Language:
    """The Persian pipeline (built once per process)."""
    nlp = spacy.blank("fa")
    _split_quote_marks(nlp)
    _install_norms(nlp)
    nlp.add_pipe("didar_sentences")
    nlp.add_pipe("didar_lexicon")
    return nlp
