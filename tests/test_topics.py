"""Topics of a meeting: cue lists and the arguments of discussion predicates.

Each text is one invented meeting (people named here exist nowhere); the sentence after it
says what was discussed in a different construction each time.
"""

from __future__ import annotations

import pytest

from conftest import extract

LEAD = "به گزارش ایرنا، کامران شریفی استاندار گیلان امروز در رشت با ایوان پتروف سفیر روسیه در ایران دیدار کرد.\n"

CASES = {
    "aboutness cue": (
        "دو طرف درباره گسترش سفرهای گردشگری، خدمات کنسولی و تجارت گفت‌وگو کردند.",
        {"tourism", "consular", "trade"},
    ),
    "object of را": ("در این دیدار دو طرف وضعیت گذرگاه‌ها و ناوگان کامیون‌ها را بررسی کردند.", {"transit"}),
    "passive": ("در این دیدار تجارت فندق و سرمایه‌گذاری مشترک بررسی شد.", {"trade", "investment"}),
    "topic with a modifier": (
        "در این دیدار همکاری‌های دو طرف در زمینه انرژی، تجارت مرزی و گردشگری مورد بحث قرار گرفت.",
        {"energy", "trade", "tourism"},
    ),
    "Dari adjectives": (
        "در این دیدار دو طرف روی گسترش همکاری‌های تجارتی، تعلیمی و صحی بحث و تبادل نظر نمودند.",
        {"trade", "education", "health"},
    ),
    "subject of محور": ("تجارت غلات و حمل‌ونقل دریایی محور این گفت‌وگو بود.", {"trade", "transit"}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_topics_of_the_discussion(case: str) -> None:
    sentence, topics = CASES[case]
    (meeting,) = extract(LEAD + sentence).meetings
    assert {t.code for t in meeting.topics} == topics


OTHER_SIDE = " امروز با ایوان پتروف سفیر روسیه در ایران دیدار و "
NO_TOPIC = {
    "an office is no topic": "به گزارش ایرنا، کامران شریفی وزیر جهاد کشاورزی" + OTHER_SIDE + "گفت‌وگو کرد.",
    "a chamber is no topic": "به گزارش ایرنا، کامران شریفی رئیس اتاق بازرگانی و صنایع رشت" + OTHER_SIDE + "گفت‌وگو کرد.",
    "a meeting verb is no topic": "به گزارش ایرنا، کامران شریفی استاندار گیلان" + OTHER_SIDE + "رایزنی کرد.",
    "an office's cue is no list": "به گزارش ایرنا، کامران شریفی معاون امور اقتصادی استاندار"
    + OTHER_SIDE
    + "گفت‌وگو کرد.",
}


@pytest.mark.parametrize("case", sorted(NO_TOPIC))
def test_words_that_name_no_topic(case: str) -> None:
    (meeting,) = extract(NO_TOPIC[case]).meetings
    assert {t.code for t in meeting.topics} == set()


def test_a_reason_is_not_what_was_discussed() -> None:
    text = LEAD + "در این دیدار دو طرف با اشاره به بازار ماهی رشت، درباره گردشگری گفت‌وگو کردند."
    (meeting,) = extract(text).meetings
    assert {t.code for t in meeting.topics} == {"tourism"}


def test_dari_month_after_a_day() -> None:
    text = (
        "به گزارش باختر، کامران شریفی سرکنسول ایران در هرات روز یکشنبه ۲۳ سنبله ۱۴۰۴"
        " با ایوان پتروف والی هرات دیدار کرد."
    )
    (meeting,) = extract(text).meetings
    assert meeting.date.isoformat() == "2025-09-14"
