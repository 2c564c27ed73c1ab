"""Metamorphic tests of generality: each dev article with a gold meeting, rewritten into
another phrasing of the same facts (tests/metamorphic.py), must give the same facts.

The expected facts are the extractor's own output on the original text, so these tests
measure whether the rules generalise across phrasings, not whether they are right (the
scorer measures that). A failure shows the facts only the original or only the rewrite
gave. Below them, one small made-up example per rewrite shows what it does.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

import metamorphic as mm
import pytest

from conftest import CORPUS, needs_corpus
from extract.model import Extraction
from extract.normalize import fold_name
from extract.pipeline import extract_text

DEV = CORPUS / "dev"

Participant = tuple[str, str | None, str | None, str | None, str | None]
MeetingFacts = tuple[frozenset[Participant], dt.date | None, str | None, frozenset[str]]


def facts(extraction: Extraction) -> frozenset[MeetingFacts]:
    """The facts the scorer counts, per meeting: participants (folded name, role, represents,
    jurisdiction, accredited_to), date, folded location name and topic codes."""
    out = set()
    for meeting in extraction.meetings:
        people = frozenset(
            (
                fold_name(p.person.name),
                p.office.role if p.office else None,
                p.represents,
                p.office.jurisdiction if p.office else None,
                p.office.receiving if p.office else None,
            )
            for p in meeting.participants
        )
        location = fold_name(meeting.location.name) if meeting.location else None
        out.add((people, meeting.date, location, frozenset(t.code for t in meeting.topics)))
    return frozenset(out)


def _articles() -> list[str]:
    """Dev articles whose gold reports at least one meeting."""
    if not DEV.is_dir():
        return []
    return [
        path.name.removesuffix(".gold.json")
        for path in sorted(DEV.glob("*.gold.json"))
        if json.loads(path.read_text(encoding="utf-8"))["meetings"]
    ]


ARTICLES = _articles()


@cache
def _article(name: str) -> tuple[str, dict]:
    text = (DEV / f"{name}.txt").read_text(encoding="utf-8")
    return text, json.loads((DEV / f"{name}.gold.json").read_text(encoding="utf-8"))


@cache
def _original_facts(name: str) -> frozenset[MeetingFacts]:
    return facts(extract_text(_article(name)[0], name))


def _show(meetings: frozenset[MeetingFacts]) -> str:
    lines = []
    for people, date, location, topics in sorted(meetings, key=repr):
        lines.append(f"  date={date} location={location} topics={sorted(topics)}")
        lines += [f"    {p}" for p in sorted(people, key=repr)]
    return "\n".join(lines) or "  (none)"


@needs_corpus()
@pytest.mark.parametrize("rewrite", list(mm.REWRITES))
@pytest.mark.parametrize("name", ARTICLES)
def test_same_facts_after_rewrite(name: str, rewrite: str) -> None:
    text, gold = _article(name)
    rewritten = mm.REWRITES[rewrite](text, gold)
    if rewritten is None:
        pytest.skip(f"{rewrite} does not apply to {name}")
    assert rewritten != text, "the rewrite left the text as it was"
    assert mm.split_header(rewritten)[0] == mm.split_header(text)[0], "the date line was changed"
    before = _original_facts(name)
    after = facts(extract_text(rewritten, f"{name}-{rewrite}"))
    assert after == before, (
        f"{name} rewritten by {rewrite} gives other facts.\n"
        f"only from the original:\n{_show(before - after)}\n"
        f"only from the rewrite:\n{_show(after - before)}"
    )


@needs_corpus()
def test_every_rewrite_applies_to_a_good_share_of_the_articles() -> None:
    for rewrite, function in mm.REWRITES.items():
        applied = sum(function(*_article(name)) is not None for name in ARTICLES)
        assert applied >= len(ARTICLES) // 3, f"{rewrite} applies to {applied} of {len(ARTICLES)} articles"


# ---------------------------------------------------------------------------------------
# What each rewrite does, on short made-up articles.

HEAD = " date 2025-06-10\n"
LEAD = "به گزارش خبرگزاری مهر، علی رضایی استاندار گیلان امروز در رشت با جان اسمیت سفیر انگلیس در تهران دیدار کرد."
LATER = "رضایی در این دیدار گفت: دو طرف می‌توانند همکاری‌های تجاری را گسترش دهند."
GOLD = {"meetings": [{"participants": [{"name": "علی رضایی"}, {"name": "جان اسمیت"}]}]}


def test_zwnj_lost() -> None:
    assert mm.zwnj_lost(HEAD + "همکاری‌ها گسترش می‌یابد.", {}) == HEAD + "همکاریها گسترش مییابد."
    assert mm.zwnj_lost(HEAD + "همکاریها گسترش مییابد.", {}) is None


def test_arabic_letters() -> None:
    assert mm.arabic_letters(HEAD + "یک کشور", {}) == HEAD + "يك كشور"
    assert mm.arabic_letters(HEAD + "يك كشور", {}) is None


def test_digits_both_ways_and_the_date_line_kept() -> None:
    assert mm.digits(HEAD + "روز ۱۷ آذر ۱۴۰۴", {}) == HEAD + "روز 17 آذر 1404"
    assert mm.digits(HEAD + "روز ١٩ آذر", {}) == HEAD + "روز 19 آذر"
    assert mm.digits(HEAD + "روز 17 آذر 1404", {}) == HEAD + "روز ۱۷ آذر ۱۴۰۴"
    assert mm.digits(HEAD + "همایش COVID19 در 2026", {}) == HEAD + "همایش COVID19 در ۲۰۲۶"
    assert mm.digits(HEAD + "بدون عدد", {}) is None


def test_lead_form_changes_the_byline_only() -> None:
    rest = LEAD.removeprefix("به گزارش خبرگزاری مهر، ")
    out = mm.lead_form(HEAD + LEAD + "\n\n" + LATER, GOLD)
    assert out is not None and out.startswith(HEAD) and out.endswith(rest + "\n\n" + LATER)
    assert out[len(HEAD) : -len(rest + "\n\n" + LATER)] in {
        "خبرگزاری مهر – ",
        "مهر نیوز: ",
        "به گزارش خبرگزاری مهر به نقل از روابط عمومی استانداری گیلان؛ ",
    }
    # an IRNA dateline becomes a byline; a lead with none gets one
    assert mm.lead_form("رشت- ایرنا- " + rest, GOLD) == "به گزارش ایرنا از رشت، " + rest
    assert mm.lead_form(rest, GOLD) in {
        f"به گزارش ایرنا، {rest}",
        f"ایرنا – {rest}",
        f"به گزارش خبرگزاری جمهوری اسلامی ـ ایرنا ـ، {rest}",
    }


def test_office_swap() -> None:
    out = mm.office_swap(HEAD + LEAD, GOLD)
    assert out == HEAD + LEAD.replace("علی رضایی استاندار گیلان امروز", "استاندار گیلان، علی رضایی، امروز")
    back = mm.office_swap(HEAD + "به گزارش ایرنا، استاندار گیلان، علی رضایی، امروز با جان اسمیت گفت‌وگو کرد.", GOLD)
    assert back == HEAD + "به گزارش ایرنا، علی رضایی، استاندار گیلان، امروز با جان اسمیت گفت‌وگو کرد."
    # where the office's end is not clear ("در" + an unknown place), nothing is moved
    unclear = "به گزارش ایرنا، جان اسمیت سفیر انگلیس در ناکجاآباد با علی رضایی دیدار کرد."
    assert mm.office_swap(unclear, GOLD) is None


def test_name_later() -> None:
    out = mm.name_later(HEAD + LEAD + "\n\n" + LATER, GOLD)
    assert out == (
        HEAD
        + LEAD.replace("علی رضایی استاندار گیلان", "استاندار گیلان")
        + "\n\n"
        + LATER.replace("رضایی در", "علی رضایی در")
    )
    # "وی" opening a sentence after one about this person takes the name
    pronoun = "استاندار گیلان در این دیدار گفت: رشت آماده است.\nوی افزود: همکاری‌ها گسترش می‌یابد."
    out = mm.name_later(LEAD + "\n" + pronoun, GOLD)
    assert out is not None and out.endswith("علی رضایی افزود: همکاری‌ها گسترش می‌یابد.")
    # no later mention: the name cannot leave the lead
    assert mm.name_later(LEAD, GOLD) is None


def test_meeting_phrase_keeps_agreement() -> None:
    article = HEAD + LEAD + "\n\n" + LATER
    assert mm.meeting_phrase(article, GOLD) == article.replace("دیدار کرد", "ملاقات و گفت‌وگو کرد")
    # inserted words follow the article's orthography (here: no ZWNJ, Arabic letters)
    crawl = mm.arabic_letters(mm.zwnj_lost(article, GOLD) or "", GOLD) or ""
    assert mm.meeting_phrase(crawl, GOLD) == crawl.replace("ديدار كرد", "ملاقات و گفتوگو كرد")
    plural = "وزیران دو کشور امروز در تهران دیدار و گفت‌وگو کردند و همکاری‌ها را بررسی کردند."
    assert mm.meeting_phrase(plural, {}) == plural.replace("دیدار و گفت‌وگو کردند", "دیدار و رایزنی کردند")
    assert mm.meeting_phrase("وزیر امروز در دیدار با سفیر گفت: همکاری ادامه دارد.", {}) == (
        "وزیر امروز در ملاقات با سفیر گفت: همکاری ادامه دارد."
    )
    assert mm.meeting_phrase("وزیر امروز با سفیر تلفنی گفت‌وگو کرد.", {}) is None


def test_rewrites_are_registered() -> None:
    assert set(mm.REWRITES) == {
        "zwnj_lost",
        "arabic_letters",
        "digits",
        "lead_form",
        "office_swap",
        "name_later",
        "meeting_phrase",
    }
    assert Path(mm.__file__).parent == Path(__file__).parent
