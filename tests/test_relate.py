"""Meetings from the language of reports: who met whom, offices, states, date, place, topics.

The texts here are written for the tests (invented people), in the phrasings news agencies
use; none is taken from the annotated corpus.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import extract
from extract.model import Meeting


def people(meeting: Meeting) -> dict[str, tuple[str | None, str | None, str | None, str | None]]:
    out = {}
    for p in meeting.participants:
        o = p.office
        out[p.person.name] = (
            o.role if o else None,
            p.represents,
            o.jurisdiction if o else None,
            o.receiving if o else None,
        )
    return out


CASES = {
    "name-office-both-sides": (
        "به گزارش ایرنا، کامران شریفی استاندار گیلان صبح امروز در رشت با ایوان پتروف سفیر روسیه در ایران"
        " دیدار کرد و دو طرف درباره همکاری‌های تجاری و گردشگری گفتگو کردند.",
        {"کامران شریفی": ("governor", "IR", "IR-01", None), "ایوان پتروف": ("ambassador", "RU", None, "IR")},
        dt.date(2025, 6, 10),
        "رشت",
        {"trade", "tourism"},
    ),
    "reception-with-quotes": (
        "استاندار خراسان رضوی «رضا کاظمی» روز یکشنبه سفیر جدید ترکمنستان در تهران «مراد اوراز» را به حضور پذیرفت.",
        {"رضا کاظمی": ("governor", "IR", "IR-09", None), "مراد اوراز": ("ambassador", "TM", None, "IR")},
        dt.date(2025, 6, 8),
        None,
        set(),
    ),
    "meeting-with-then-said": (
        "رضا کاظمی استاندار خراسان رضوی در دیدار با مراد اوراز سفیر ترکمنستان در ایران بر گسترش"
        " همکاری‌های اقتصادی و ترانزیتی تاکید کرد.",
        {"رضا کاظمی": ("governor", "IR", "IR-09", None), "مراد اوراز": ("ambassador", "TM", None, "IR")},
        dt.date(2025, 6, 10),
        None,
        {"economy", "transit"},
    ),
    "iranian-envoy-abroad-solar-date": (
        "به گزارش مهر، علی رضایی سفیر جمهوری اسلامی ایران در ارمنستان روز ۱۵ خرداد ۱۴۰۴ در ایروان با"
        " آرمن هاکوبیان شهردار ایروان ملاقات کرد.",
        {"علی رضایی": ("ambassador", "IR", None, "AM"), "آرمن هاکوبیان": ("mayor", "AM", None, None)},
        dt.date(2025, 6, 5),
        "ایروان",
        set(),
    ),
    "host-with-arabic-letters-and-ascii-digits": (
        "به گزارش مهر، مجيد احمدي شهردار تبريز روز 12 خرداد در تبريز ميزبان «ولادیمیر ایوانف»"
        " سركنسول روسيه در تبريز بود.",
        {"مجيد احمدي": ("mayor", "IR", "IR-03", None), "ولادیمیر ایوانف": ("consul_general", "RU", None, "IR")},
        dt.date(2025, 6, 2),
        "تبريز",
        set(),
    ),
    "ministers-plural-verb-last-night": (
        "به گزارش ایسنا، حسن نوری وزیر امور خارجه کشورمان و جان اسمیت وزیر خارجه انگلیس شب گذشته"
        " در لندن دیدار و گفت‌وگو کردند.",
        {"حسن نوری": ("minister", "IR", None, None), "جان اسمیت": ("minister", "GB", None, None)},
        dt.date(2025, 6, 9),
        "لندن",
        set(),
    ),
    "dateline-comma-names-quoted-speech": (
        "دیدار استاندار اردبیل با سفیر آذربایجان\n\nاردبیل- ایرنا- استاندار اردبیل در دیدار با سفیر جمهوری"
        " آذربایجان در تهران بر توسعه همکاری‌های مرزی تاکید کرد.\nبه گزارش ایرنا، مسعود امامی‌یگانه، استاندار"
        " اردبیل، صبح امروز در دیدار با علی‌بیگ محمدوف، سفیر جمهوری آذربایجان در ایران گفت: بازارچه‌های مرزی"
        " آستارا باید فعال‌تر شوند.",
        {
            "مسعود امامی‌یگانه": ("governor", "IR", "IR-24", None),
            "علی‌بیگ محمدوف": ("ambassador", "AZ", None, "IR"),
        },
        dt.date(2025, 6, 10),
        None,
        set(),
    ),
    "heads-of-state-and-government-yesterday": (
        "به گزارش خبرگزاری فارس، «رضا توکلی» رئیس‌جمهور کشورمان عصر دیروز در کاخ سعدآباد با «آرام سرگسیان»"
        " نخست‌وزیر ارمنستان دیدار و درباره همکاری‌های اقتصادی، انرژی و ترانزیتی گفت‌وگو کرد.",
        {"رضا توکلی": ("head_of_state", "IR", None, None), "آرام سرگسیان": ("head_of_government", "AM", None, None)},
        dt.date(2025, 6, 9),
        None,
        {"economy", "energy", "transit"},
    ),
    "member-of-parliament-weekday": (
        "به گزارش مهر، کاظم نوری نماینده مردم تبریز در مجلس شورای اسلامی روز چهارشنبه با ایگور کوزنتسوف"
        " سرکنسول روسیه در رشت ملاقات کرد.",
        {
            "کاظم نوری": ("member_of_parliament", "IR", None, None),
            "ایگور کوزنتسوف": ("consul_general", "RU", None, "IR"),
        },
        dt.date(2025, 6, 4),
        None,
        set(),
    ),
    "deputy-governor-with-department-hosts-consul": (
        "به گزارش ایرنا، سید محمد جعفری معاون سیاسی، امنیتی و اجتماعی استاندار خوزستان امروز میزبان محمد الکعبی"
        " کنسول عراق در اهواز بود.",
        {"محمد جعفری": ("deputy_governor", "IR", "IR-06", None), "محمد الکعبی": ("consul", "IQ", None, "IR")},
        dt.date(2025, 6, 10),
        None,
        set(),
    ),
    "both-names-before-commas-plural-verb": (
        "به گزارش تسنیم، سرگئی ایوانوف، سفیر و نماینده تام‌الاختیار فدراسیون روسیه در تهران و حسین نادری،"
        " استاندار مازندران، روز گذشته در ساری دیدار و گفت‌وگو کردند.",
        {"سرگئی ایوانوف": ("ambassador", "RU", None, "IR"), "حسین نادری": ("governor", "IR", "IR-02", None)},
        dt.date(2025, 6, 9),
        "ساری",
        set(),
    ),
    "honorific-after-office-metropolis": (
        "به گزارش ایرنا، علی کاظمی شهردار کلانشهر مشهد صبح امروز با سفیر ترکمنستان آقای مراد اوراز دیدار کرد.",
        {"علی کاظمی": ("mayor", "IR", "IR-09", None), "مراد اوراز": ("ambassador", "TM", None, "IR")},
        dt.date(2025, 6, 10),
        None,
        set(),
    ),
    "other-officials-and-axes-of-cooperation": (
        "به گزارش ایرنا، احمد صالحی رئیس سازمان توسعه تجارت ایران امروز در تهران با ماکسیم پاولوف معاون وزیر"
        " تجارت روسیه دیدار و درباره محورهای همکاری تجاری و لجستیکی گفت‌وگو کرد.",
        {"احمد صالحی": ("other", "IR", None, None), "ماکسیم پاولوف": ("deputy_minister", "RU", None, None)},
        dt.date(2025, 6, 10),
        "تهران",
        {"trade", "transit"},
    ),
    "received-in-the-office": (
        "به گزارش مهر، حسین نادری استاندار مازندران صبح امروز در دفتر کار خود سرگئی ایوانوف سفیر روسیه را پذیرفت.",
        {"حسین نادری": ("governor", "IR", "IR-02", None), "سرگئی ایوانوف": ("ambassador", "RU", None, "IR")},
        dt.date(2025, 6, 10),
        None,
        set(),
    ),
    "joint-session-held-with-both": (
        "به گزارش مهر، نشست مشترک همکاری‌های اقتصادی ایران و ترکمنستان با حضور حسین نادری استاندار مازندران و"
        " مراد اوراز سفیر ترکمنستان در ایران در ساری برگزار شد.",
        {"حسین نادری": ("governor", "IR", "IR-02", None), "مراد اوراز": ("ambassador", "TM", None, "IR")},
        dt.date(2025, 6, 10),
        "ساری",
        {"economy"},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_meeting(case: str) -> None:
    text, expected_people, date, place, topics = CASES[case]
    extraction = extract(text)
    assert len(extraction.meetings) == 1
    meeting = extraction.meetings[0]
    assert people(meeting) == expected_people
    assert meeting.date == date
    assert (meeting.location.name if meeting.location else None) == place
    assert {t.code for t in meeting.topics} == topics


def test_office_given_later_goes_to_the_participant_without_one() -> None:
    text = (
        "به گزارش مهر، کامران شریفی با ایوان پتروف سفیر روسیه در ایران دیدار کرد.\n"
        "نماینده عالی دولت در گیلان در این دیدار گفت: روابط دو کشور خوب است."
    )
    (meeting,) = extract(text).meetings
    assert people(meeting)["کامران شریفی"] == ("governor", "IR", "IR-01", None)


def test_two_meetings_first_then() -> None:
    text = (
        "به گزارش مهر، ایوان پتروف سفیر روسیه در ایران امروز ابتدا با کامران شریفی استاندار گیلان"
        " و سپس با سعید نادری شهردار رشت دیدار کرد."
    )
    meetings = extract(text).meetings
    assert [set(people(m)) for m in meetings] == [
        {"ایوان پتروف", "کامران شریفی"},
        {"ایوان پتروف", "سعید نادری"},
    ]


def test_third_attendee() -> None:
    text = (
        "به گزارش مهر، حسن نوری وزیر امور خارجه با جان اسمیت وزیر خارجه انگلیس دیدار کرد.\n"
        "در این دیدار که با حضور مهدی صالحی سفیر ایران در انگلیس برگزار شد، همکاری‌های علمی بررسی شد."
    )
    (meeting,) = extract(text).meetings
    assert people(meeting)["مهدی صالحی"] == ("ambassador", "IR", None, "GB")
    assert {t.code for t in meeting.topics} == {"science"}


@pytest.mark.parametrize(
    "text",
    [
        "به گزارش مهر، کامران شریفی استاندار گیلان امروز پذیرای شهروندان بود و به مشکلات ۳۰ نفر رسیدگی کرد.",
        "به گزارش مهر، سعید کریمی رئیس اتاق بازرگانی اصفهان در دیدار با هیئتی از بازرگانان گفت: صادرات باید بیشتر شود.",
        "همایش سرمایه‌گذاری ماه آینده در تهران برگزار می‌شود.",
        "به گزارش مهر، کامران شریفی استاندار گیلان در گفتگوی تلفنی با ایوان پتروف سفیر روسیه گفتگو کرد.",
    ],
)
def test_no_meeting(text: str) -> None:
    assert extract(text).meetings == ()


def test_surname_later_is_the_same_person() -> None:
    text = (
        "به گزارش مهر، کامران شریفی استاندار گیلان با ایوان پتروف سفیر روسیه دیدار کرد.\n"
        "شریفی در این دیدار گفت: همکاری‌های انرژی مهم است.\n"
        "پتروف نیز با سعید نادری شهردار رشت دیدار کرد."
    )
    meetings = extract(text).meetings
    assert {p.person.name for p in meetings[0].participants} == {"کامران شریفی", "ایوان پتروف"}
    assert len({p.person.key for m in meetings for p in m.participants}) == 3


def test_evidence_points_into_the_text() -> None:
    text = "به گزارش مهر، کامران شریفی استاندار گیلان با ایوان پتروف سفیر روسیه دیدار کرد."
    extraction = extract(text)
    full = extraction.article.text
    for meeting in extraction.meetings:
        spans = [meeting.evidence] + [p.evidence for p in meeting.participants]
        spans += [p.office.evidence for p in meeting.participants if p.office and p.office.evidence]
        for ev in spans:
            assert full[ev.start : ev.end] == ev.exact


def test_someone_named_after_the_meeting_phrase_did_not_take_part() -> None:
    text = (
        "به گزارش مهر، کامران شریفی استاندار گیلان در دیدار با ایوان پتروف سفیر روسیه با اشاره به سفر اخیر"
        " حسن نوری وزیر امور خارجه به مسکو گفت: روابط دو کشور رو به گسترش است."
    )
    (meeting,) = extract(text).meetings
    assert set(people(meeting)) == {"کامران شریفی", "ایوان پتروف"}


def test_an_office_that_goes_on_with_hamchenin_is_the_previous_speaker() -> None:
    text = (
        "به گزارش مهر، معاون استاندار گیلان امروز با سرکنسول روسیه در رشت دیدار کرد.\n"
        "کامران شریفی در این دیدار گفت: روابط دو استان خوب است.\n"
        "ایوان پتروف نیز در این دیدار گفت: سرکنسولگری آماده همکاری است.\n"
        "شریفی افزود: بازارچه مرزی باید فعال شود.\n"
        "معاون استاندار گیلان همچنین خواستار گسترش پروازها شد."
    )
    (meeting,) = extract(text).meetings
    assert people(meeting)["کامران شریفی"][0] == "deputy_governor"
    assert people(meeting)["ایوان پتروف"][0] == "consul_general"


def test_a_title_that_is_a_given_name_begins_the_name() -> None:
    text = "خبرگزاری مهر - امیر ساعدی‌پور استاندار گیلان امروز با ایوان پتروف سرکنسول روسیه در رشت دیدار کرد."
    (meeting,) = extract(text).meetings
    assert people(meeting)["امیر ساعدی‌پور"][0] == "governor"


def test_accepting_an_invitation_is_no_reception() -> None:
    text = (
        "به گزارش مهر، سرگئی ایوانوف سفیر روسیه در ایران دعوت کامران شریفی استاندار گیلان"
        " برای سفر به آستاراخان را پذیرفت."
    )
    assert extract(text).meetings == ()


def test_a_noun_written_as_two_words_is_one_predicate() -> None:
    text = "به گزارش مهر، سرگئی ایوانوف سفیر روسیه در ایران با کامران شریفی استاندار گیلان گفت وگو کرد."
    (meeting,) = extract(text).meetings
    assert set(people(meeting)) == {"سرگئی ایوانوف", "کامران شریفی"}


def test_an_office_with_its_portfolio_before_a_name_set_off_by_commas() -> None:
    text = (
        "به گزارش مهر، وزیر راه و شهرسازی، کامران شریفی، امروز در تهران با سرگئی ایوانوف وزیر حمل‌ونقل روسیه دیدار کرد."
    )
    (meeting,) = extract(text).meetings
    assert people(meeting)["کامران شریفی"][:2] == ("minister", "IR")


def test_a_second_office_joined_by_va_is_the_same_persons() -> None:
    text = (
        "به گزارش مهر، کامران شریفی معاون وزیر امور خارجه و رئیس ستاد دیپلماسی استانی، امروز با"
        " استاندار گیلان دیدار کرد.\nسعید نادری در این دیدار گفت: گیلان آماده همکاری است."
    )
    (meeting,) = extract(text).meetings
    assert people(meeting)["سعید نادری"][:3] == ("governor", "IR", "IR-01")


def test_a_place_after_dar_wins_over_a_province_named_otherwise() -> None:
    text = (
        "به گزارش مهر، کامران شریفی استاندار قزوین امروز میزبان هیئت استان نجف به ریاست حیدر الزبیدی"
        " استاندار نجف بود.\nاین نشست در ساختمان استانداری در قزوین برگزار شد."
    )
    (meeting,) = extract(text).meetings
    assert meeting.location is not None and meeting.location.name == "قزوین"


def test_present_after_an_office_written_before_the_name() -> None:
    text = (
        "به گزارش مهر، کامران شریفی استاندار گیلان امروز با سرگئی ایوانوف سفیر روسیه در ایران دیدار کرد.\n"
        "این دیدار با حضور سرکنسول روسیه در رشت، ایوان پتروف، برگزار شد."
    )
    (meeting,) = extract(text).meetings
    assert people(meeting)["ایوان پتروف"][0] == "consul_general"


def test_an_office_that_goes_on_with_afzud_is_the_previous_speaker() -> None:
    text = (
        "به گزارش مهر، معاون استاندار گیلان امروز با سرکنسول روسیه در رشت دیدار کرد.\n"
        "کامران شریفی در این دیدار گفت: روابط دو استان خوب است.\n"
        "ایوان پتروف نیز در این دیدار گفت: سرکنسولگری آماده همکاری است.\n"
        "شریفی گفت: بازارچه مرزی باید فعال شود.\n"
        "وی پیشنهاد کرد پروازها بیشتر شود.\n"
        "معاون استاندار گیلان افزود: گردشگران روس به گیلان می‌آیند."
    )
    (meeting,) = extract(text).meetings
    assert people(meeting)["کامران شریفی"][0] == "deputy_governor"
    assert people(meeting)["ایوان پتروف"][0] == "consul_general"


def test_on_the_eve_of_is_no_astana_and_dushanbe_after_dar_is_no_monday() -> None:
    text = (
        "به گزارش ایرنا، کامران شریفی استاندار گیلان در آستانه برگزاری هفته فرهنگی، سرگئی ایوانوف"
        " سفیر روسیه در دوشنبه را در رشت به حضور پذیرفت."
    )
    (meeting,) = extract(text, published="2025-06-12").meetings
    assert meeting.location is not None and meeting.location.name == "رشت"
    assert meeting.date == dt.date(2025, 6, 12)


def test_the_head_of_a_delegation_is_a_side() -> None:
    text = "به گزارش ایرنا، کامران شریفی استاندار گیلان امروز میزبان هیئت تجاری استان نجف به ریاست حیدر الزبیدی بود."
    (meeting,) = extract(text).meetings
    assert set(people(meeting)) == {"کامران شریفی", "حیدر الزبیدی"}


def test_a_second_report_names_the_sides_in_the_order_of_the_first() -> None:
    text = (
        "به گزارش ایرنا، استاندار گیلان سفیر روسیه در ایران را به حضور پذیرفت.\n"
        "کامران شریفی امروز در رشت سفیر روسیه را به حضور پذیرفت.\n"
        "سرگئی ایوانوف در این دیدار گفت: روابط خوب است."
    )
    (meeting,) = extract(text).meetings
    assert people(meeting)["کامران شریفی"][0] == "governor"
    assert people(meeting)["سرگئی ایوانوف"][0] == "ambassador"


def test_a_counterpart_with_no_name_is_the_post_named_later() -> None:
    text = (
        "به گزارش ایرنا، وزیر بهداشت امروز در دهلی با همتای هندی خود دیدار کرد.\n"
        "کامران شریفی در این دیدار گفت: همکاری دارویی مهم است.\n"
        "«راجیو کومار» وزیر بهداشت هند نیز در این دیدار گفت: هند آماده است."
    )
    (meeting,) = extract(text).meetings
    assert people(meeting)["راجیو کومار"][:2] == ("minister", "IN")
    assert people(meeting)["کامران شریفی"][0] == "minister"


def test_a_weekday_with_a_part_of_the_day_ends_no_name() -> None:
    text = (
        "به گزارش ایرنا، کامران شریفی وزیر بهداشت امروز با راجیو کومار وزیر بهداشت هند دیدار کرد.\n"
        "شریفی سه‌شنبه‌شب وارد دهلی شد."
    )
    (meeting,) = extract(text).meetings
    assert set(people(meeting)) == {"کامران شریفی", "راجیو کومار"}


def test_a_session_of_both_sides_after_a_visit_is_a_meeting_of_those_named() -> None:
    text = (
        "به گزارش ایرنا، سرگئی ایوانوف استاندار آستاراخان امروز از بندر انزلی بازدید کرد.\n"
        "در این بازدید کامران شریفی مدیرعامل منطقه آزاد انزلی وی را همراهی کرد.\n"
        "سپس در نشستی که در ساختمان منطقه آزاد برگزار شد، دو طرف درباره همکاری‌های ترانزیتی گفت‌وگو کردند."
    )
    (meeting,) = extract(text).meetings
    assert set(people(meeting)) == {"سرگئی ایوانوف", "کامران شریفی"}


def test_both_sides_after_a_call_make_no_meeting() -> None:
    text = (
        "به گزارش ایرنا، سرگئی ایوانوف استاندار آستاراخان امروز در تماس تلفنی با کامران شریفی استاندار گیلان"
        " گفت‌وگو کرد.\nدر نشستی که پس از آن برگزار شد، دو طرف درباره همکاری‌های ترانزیتی گفت‌وگو کردند."
    )
    assert extract(text).meetings == ()


def test_a_surnames_language_tells_whose_office_it_is() -> None:
    text = (
        "به گزارش ایرنا، استاندار قزوین امروز میزبان استاندار نجف بود.\n"
        "در این نشست سرکنسول ایران در نجف نیز حضور داشت.\n"
        "کامران شریفی‌فرد در این نشست گفت: قزوین آماده همکاری است.\n"
        "حیدر عبدالرضا الزبیدی نیز در این نشست گفت: نجف به سرمایه‌گذار نیاز دارد.\n"
        "سعید نادری استاندار قزوین نیز از همکاری استقبال کرد."
    )
    (meeting,) = extract(text).meetings
    assert people(meeting)["حیدر عبدالرضا الزبیدی"][:2] == ("governor", "IQ")
    assert people(meeting)["کامران شریفی‌فرد"][0] == "consul_general"


def test_no_name_right_after_dar() -> None:
    text = (
        "به گزارش ایرنا، کامران شریفی وزیر بهداشت امروز با راجیو کومار وزیر بهداشت هند دیدار کرد"
        " و خواستار امضای تفاهم‌نامه در سفر آتی وزیر هندی به تهران شد."
    )
    (meeting,) = extract(text).meetings
    assert set(people(meeting)) == {"کامران شریفی", "راجیو کومار"}


def test_a_byline_is_no_participant() -> None:
    text = (
        "به گزارش ایرنا، وزیر بهداشت امروز در ژنو با همتای مالزیایی خود دیدار کرد.\n"
        "کامران شریفی در این دیدار گفت: همکاری دارویی مهم است.\n"
        "وزیر بهداشت مالزی هم در این دیدار گفت: مالزی آماده است.\n"
        "محمد رشید یوسف افزود: بیماران خارجی به مالزی می‌آیند.\n\n"
        "نسرین طاهری"
    )
    (meeting,) = extract(text).meetings
    assert set(people(meeting)) == {"کامران شریفی", "محمد رشید یوسف"}
    assert people(meeting)["محمد رشید یوسف"][:2] == ("minister", "MY")


@pytest.mark.parametrize(
    "lead",
    [
        "به گزارش ایرنا، استاندار ولایت هرات که به مشهد سفر کرده است، امروز در استانداری با استاندار دیدار کرد.",
        "به گزارش ایرنا، استاندار ولایت هرات امروز در مشهد با نماینده عالی دولت در استان دیدار و گفت‌وگو کرد.",
    ],
    ids=["same-word", "periphrasis"],
)
def test_an_office_without_its_place_beside_a_holder_of_that_post_names_the_other(lead: str) -> None:
    """Two governors hold the post the second phrase names; the sentence has named the first."""
    text = (
        f"{lead}\n"
        "عبدالقدیر نوری استاندار ولایت هرات در این دیدار گفت: راه آهن خواف هرات را تکمیل می‌کنیم.\n"
        "رضا کاظمی استاندار خراسان رضوی نیز گفت: مرز دوغارون باید شبانه‌روزی شود."
    )
    (meeting,) = extract(text).meetings
    assert set(people(meeting)) == {"عبدالقدیر نوری", "رضا کاظمی"}


@pytest.mark.parametrize(
    ("lead", "pairs"),
    [
        (
            "به گزارش ایسنا، استاندار گیلان و شهردار رشت روز دوشنبه به‌طور جداگانه با استاندار و شهردار"
            " آستاراخان دیدار کردند.",
            [{"کامران شریفی", "ایگور باسارگین"}, {"سعید نادری", "اولگ پولومودوف"}],
        ),
        (
            "به گزارش ایسنا، شهردار رشت و استاندار گیلان روز دوشنبه به طور جداگانه با استاندار و شهردار"
            " آستاراخان دیدار کردند.",
            [{"سعید نادری", "اولگ پولومودوف"}, {"کامران شریفی", "ایگور باسارگین"}],
        ),
    ],
    ids=["same-order", "crossed-order"],
)
def test_separately_pairs_each_side_with_the_holder_of_the_same_office(lead: str, pairs: list[set[str]]) -> None:
    text = (
        f"{lead}\n"
        "کامران شریفی استاندار گیلان در دیدار با ایگور باسارگین استاندار آستاراخان گفت: خط کشتیرانی انزلی"
        " آستاراخان باید هفتگی شود.\n"
        "سعید نادری شهردار رشت نیز در دیدار با اولگ پولومودوف شهردار آستاراخان از خواهرخواندگی دو شهر سخن گفت."
    )
    assert [set(people(m)) for m in extract(text).meetings] == pairs


def test_separately_with_one_subject_is_a_meeting_with_each() -> None:
    text = (
        "به گزارش مهر، ایوان پتروف سفیر روسیه در ایران امروز به‌طور جداگانه با کامران شریفی استاندار گیلان"
        " و سعید نادری شهردار رشت دیدار کرد."
    )
    assert [set(people(m)) for m in extract(text).meetings] == [
        {"ایوان پتروف", "کامران شریفی"},
        {"ایوان پتروف", "سعید نادری"},
    ]


def test_a_separate_trip_is_no_separate_meetings() -> None:
    """ "در سفری جداگانه": a trip apart from another, where both were met together."""
    text = (
        "به گزارش مهر، ایوان پتروف سفیر روسیه در ایران امروز در سفری جداگانه به رشت با کامران شریفی استاندار"
        " گیلان و سعید نادری شهردار رشت دیدار کرد."
    )
    (meeting,) = extract(text).meetings
    assert set(people(meeting)) == {"ایوان پتروف", "کامران شریفی", "سعید نادری"}
