"""The spaCy pipeline: folded norms, sentences and lexicon spans."""

from __future__ import annotations

import pytest

from extract.nlp import load_pipeline, token_table


def spans(text: str, key: str) -> set[tuple[str, str, str]]:
    doc = load_pipeline()(text)
    return {(s.text, s.label_, s.kb_id_) for s in doc.spans[key]}


def test_norms_are_folded_but_text_is_not() -> None:
    doc = load_pipeline()("همكاري‌هاي تجاري ۱۴۰۴")
    assert [t.norm_ for t in doc] == ["همکاریهای", "تجاری", "1404"]
    assert doc.text == "همكاري‌هاي تجاري ۱۴۰۴"


@pytest.mark.parametrize(
    "text",
    [
        "همكاري‌هاي تجاري ۱۴۰۴",
        "  سفیر  «قزاقستان»\tگفت:\n\n دو طرف …  ",
        "a.b,c (d) [e]\r\nf\u200c g ",
        "",
    ],
)
def test_token_table_is_the_docs_own_reading(text: str) -> None:
    """The table built from the Doc's arrays says what the Doc's Token objects say."""
    doc = load_pipeline()(text)
    table = token_table(doc)
    assert table.text == doc.text == text
    assert table.texts == [t.text for t in doc]
    assert table.norms == [t.norm_ for t in doc]
    assert list(zip(table.starts, table.ends, strict=True)) == [(t.idx, t.idx + len(t.text)) for t in doc]


def test_sentences_split_at_stops_and_line_breaks() -> None:
    doc = load_pipeline()("عنوان بی‌نقطه\nجمله اول است. جمله دوم؟ سوم")
    assert [s.text.strip() for s in doc.sents] == ["عنوان بی‌نقطه", "جمله اول است.", "جمله دوم؟", "سوم"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سفیر قزاقستان", ("قزاقستان", "STATE", "KZ")),
        ("سفير قزاقستان", ("سفير", "ROLE", "ambassador")),
        ("استاندار گیلان", ("گیلان", "PROVINCE", "IR-01")),
        ("شهر رشت", ("رشت", "CITY", None)),
        ("جمهوری اسلامی ایران", ("جمهوری اسلامی ایران", "STATE", "IR")),
        ("همکاری‌های ترانزیتی", ("ترانزیتی", "TOPIC", "transit")),
        ("حمل و نقل", ("حمل و نقل", "TOPIC", "transit")),
        ("گردشگران قزاق", ("قزاق", "DEMONYM", "KZ")),
    ],
)
def test_lexicon_spans(text: str, expected: tuple[str, str, str | None]) -> None:
    found = spans(text, "lexicon")
    if expected[2] is None:
        assert any(t == expected[0] and label == expected[1] for t, label, _ in found)
    else:
        assert expected in found


def test_common_words_are_not_places() -> None:
    found = spans("دو طرف روز دوشنبه خبر دادند", "lexicon")
    assert not {label for _, label, _ in found} & {"CITY", "PROVINCE"}
