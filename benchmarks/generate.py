"""Synthetic news reports for benchmarks, shaped like the annotated corpus.

Each report is recombined at random (seeded, so a seed always gives the same reports) from
templates written for this benchmark: a lead that reports a meeting in one of several ways
(دیدار کرد، به حضور پذیرفت، در حاشیه … گفت‌وگو کرد، با همتای … دیدار کرد، میزبان … بود),
sometimes with a third official present, then paragraphs of speech (quoted after "گفت:",
reported with "پیشنهاد کرد"/"خواستار … شد"/"به گفته …"), proposals with goods, ports and
routes, background paragraphs of ordinary news prose and now and then a subheading. About a
fifth of the reports tell of no meeting (a site visit, a fair, trade figures), a few of two.
Some lose their ZWNJs or use Arabic ي/ك, as crawls deliver them.

Lengths and counts follow the annotated articles (see `benchmarks.profile`): about 1,500
characters and 9 sentences a report, 0.8 meetings, 1.9 participants, 3.4 statements and
2.8 proposals as the extractor reads them.

Every person is invented: given names from the common Iranian stock joined to surnames made
up for this file (and foreign names made up likewise); none is a person of the annotated
corpus. States, provinces, cities and ports are real places.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import jdatetime

# -- people (all invented) ------------------------------------------------------------------

GIVEN = [
    "کامران", "سعید", "حسین", "رضا", "مجید", "کاظم", "بهروز", "فرهاد", "نادر", "پرویز", "شهرام", "بهزاد",
    "منصور", "جواد", "داوود", "حمید", "ناصر", "مسعود", "اکبر", "یوسف", "بیژن", "سیروس", "کوروش", "فریدون",
    "مرتضی", "مصطفی", "عباس", "ابراهیم", "اسماعیل", "یعقوب", "رحیم", "کریم", "جمشید", "هوشنگ", "منوچهر",
    "فرشید", "آرش", "بابک", "سهراب", "مهران", "مریم", "فاطمه", "زهرا", "لیلا", "نسرین", "شهلا", "پروین",
]  # fmt: skip
SURNAME = [
    "برزین‌پور", "کوهساری", "دشت‌آرا", "نیک‌آوند", "رودباریان", "سپیدان", "آذرمهر", "خاورزاده", "تیزرو",
    "گلشن‌آبادی", "مهرگانی‌فر", "پارسانژاد", "کیان‌فر", "نوربخشان", "سروستانی‌پور", "امیدوارزاده", "بهاروند",
    "شاهین‌دژی", "کاسپین‌نژاد", "دریاپور", "فرزانگان", "سبزواریان", "رهپوی‌زاده", "آریان‌مهر", "کوشان",
    "ماهان‌پور", "بلورچیان", "تابان‌زاده", "شکوهی‌فر", "زرین‌دشت", "نیلوفری", "آبتین‌نژاد",
]  # fmt: skip
FOREIGN_GIVEN = {
    "turkic": ["آیبک", "نورلان", "دوسیم", "ارکین", "تیمور", "باتیر", "آیدین", "جانیبک", "اولان", "سریک"],
    "slavic": ["ایگور", "ولادیسلاو", "آرکادی", "ستانیسلاو", "دمیتری", "گنادی", "یوری", "آناتولی"],
    "caucasus": ["آرتاک", "واهه", "گیورگی", "لوان", "ساموئل", "رافیک"],
    "arab": ["خالد", "فیصل", "ناصر", "سالم", "حمد", "ماجد", "طارق"],
    "south_asian": ["عمران", "راجش", "آصف", "پرکاش", "سنجی", "طاهر"],
    "east_asian": ["لی", "وانگ", "ژائو", "چن", "سون"],
}
FOREIGN_SURNAME = {
    "turkic": ["تولگانبایف", "ساریمسوف", "اورازبکوف", "کایرات‌اف", "بیسن‌بایف", "ژاکسیلیکوف", "آلتین‌سارین"],
    "slavic": ["ولاسنکو", "پتروشین", "کراسنوف", "گرومیکین", "سولویف‌سکی", "بیلوزروف"],
    "caucasus": ["هاروتونیان", "وارتانیان", "لومیدزه", "چخیکوادزه", "ملکونتیان"],
    "arab": ["الرمیحی", "الشمری‌نی", "بن سعدون", "الکعبی‌فر", "الحارثی‌نی"],
    "south_asian": ["قریشی‌خان", "ورمانی", "ملک‌زی", "شاستری‌پال"],
    "east_asian": ["مینگ‌هوا", "یانگ‌لی", "ژنگ‌وی", "هوئی‌پینگ"],
}

# -- places ---------------------------------------------------------------------------------

PROVINCES = [  # (province, capital, ports and zones of the province)
    ("گیلان", "رشت", ["بندر انزلی", "بندر آستارا", "منطقه آزاد انزلی"]),
    ("مازندران", "ساری", ["بندر امیرآباد", "بندر نوشهر"]),
    ("گلستان", "گرگان", ["بندر ترکمن"]),
    ("اردبیل", "اردبیل", ["مرز بیله‌سوار"]),
    ("آذربایجان شرقی", "تبریز", ["منطقه آزاد ارس"]),
    ("آذربایجان غربی", "ارومیه", ["منطقه آزاد ماکو", "مرز بازرگان"]),
    ("خراسان رضوی", "مشهد", ["مرز سرخس", "مرز دوغارون"]),
    ("سیستان و بلوچستان", "زاهدان", ["بندر چابهار", "منطقه آزاد چابهار"]),
    ("هرمزگان", "بندرعباس", ["بندر شهید رجایی", "منطقه آزاد قشم"]),
    ("بوشهر", "بوشهر", ["بندر بوشهر"]),
    ("خوزستان", "اهواز", ["بندر امام خمینی", "منطقه آزاد اروند"]),
    ("کرمانشاه", "کرمانشاه", ["مرز پرویزخان"]),
    ("اصفهان", "اصفهان", []),
    ("فارس", "شیراز", []),
    ("یزد", "یزد", []),
    ("قزوین", "قزوین", []),
    ("سمنان", "سمنان", []),
    ("کرمان", "کرمان", []),
]
PARTNERS = {  # state: (name group, demonym, capital, a port or hub of theirs)
    "روسیه": ("slavic", "روس", "مسکو", "بندر آستاراخان"),
    "قزاقستان": ("turkic", "قزاق", "آستانه", "بندر آکتائو"),
    "ترکمنستان": ("turkic", "ترکمن", "عشق‌آباد", "بندر ترکمن‌باشی"),
    "ازبکستان": ("turkic", "ازبک", "تاشکند", "تاشکند"),
    "قرقیزستان": ("turkic", "قرقیز", "بیشکک", "بیشکک"),
    "جمهوری آذربایجان": ("turkic", "آذربایجانی", "باکو", "بندر باکو"),
    "ترکیه": ("turkic", "ترک", "آنکارا", "استانبول"),
    "ارمنستان": ("caucasus", "ارمنی", "ایروان", "ایروان"),
    "گرجستان": ("caucasus", "گرجی", "تفلیس", "بندر باتومی"),
    "بلاروس": ("slavic", "بلاروسی", "مینسک", "مینسک"),
    "عمان": ("arab", "عمانی", "مسقط", "بندر صحار"),
    "قطر": ("arab", "قطری", "دوحه", "دوحه"),
    "عراق": ("arab", "عراقی", "بغداد", "بصره"),
    "پاکستان": ("south_asian", "پاکستانی", "اسلام‌آباد", "بندر کراچی"),
    "هند": ("south_asian", "هندی", "دهلی نو", "بندر بمبئی"),
    "چین": ("east_asian", "چینی", "پکن", "شانگهای"),
}
AGENCIES = ["ایرنا", "خبرگزاری مهر", "ایسنا", "خبرگزاری تسنیم", "خبرگزاری فارس", "باشگاه خبرنگاران جوان"]

# -- what they talk about ------------------------------------------------------------------

TOPIC_WORDS = ["اقتصادی", "تجاری", "ترانزیتی", "فرهنگی", "گردشگری", "کشاورزی", "انرژی", "سرمایه‌گذاری",
               "آموزشی", "علمی", "بهداشتی", "صنعتی", "معدنی", "شیلاتی", "حمل‌ونقل"]  # fmt: skip
GOODS_IR = ["چای", "برنج", "مرکبات", "خشکبار", "صنایع غذایی", "سیمان", "کاشی و سرامیک", "مصالح ساختمانی",
            "محصولات لبنی", "پسته", "زعفران", "خرما", "میوه و تره‌بار", "فرش دستباف", "محصولات پتروشیمی",
            "لوازم خانگی", "دارو و تجهیزات پزشکی"]  # fmt: skip
GOODS_THEIRS = ["گندم", "جو", "غلات", "دانه‌های روغنی", "آهن و فولاد", "چوب", "کود شیمیایی", "پنبه",
                "گوشت قرمز", "دام زنده", "روغن خوراکی", "ذرت"]  # fmt: skip
WHEN_AGO = {0: ["امروز", "صبح امروز", "عصر امروز", "ظهر امروز"], 1: ["روز گذشته", "دیروز", "شامگاه دیروز"]}
WEEKDAYS = ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"]  # Python's weekday order
JALALI_MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن",
                 "اسفند"]  # fmt: skip
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@dataclass(frozen=True)
class Official:
    name: str
    office: str  # "استاندار گیلان", "سفیر قزاقستان در ایران"
    short: str  # how a later sentence names the office: "استاندار گیلان", "سفیر قزاقستان"
    iranian: bool

    @property
    def surname(self) -> str:
        return self.name.split(" ", 1)[1]


@dataclass
class Setting:
    """What one report is about: the province, the partner state, the people, the date."""

    province: str
    capital: str
    ports: list[str]
    state: str
    demonym: str
    their_capital: str
    their_port: str
    host: Official
    guest: Official
    third: Official | None
    topics: list[str]
    published: dt.date
    when: str
    persian_digits: bool
    left: dict[str, list[int]]  # per kind of template, the ones this report has not used yet

    def pick(self, rng: random.Random, kind: str, items: Sequence[str]) -> str:
        """One of the items, none twice in a report until all have been used."""
        left = self.left.get(kind)
        if not left:
            left = self.left[kind] = rng.sample(range(len(items)), len(items))
        return items[left.pop()]

    def number(self, value: int) -> str:
        return _digits(value, self.persian_digits)


def _digits(number: int, persian: bool) -> str:
    return str(number).translate(PERSIAN_DIGITS) if persian else str(number)


def _iranian(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(GIVEN)} {rng.choice(SURNAME)}"
        if name.split()[1] not in {n.split()[1] for n in used}:
            used.add(name)
            return name


def _foreign(rng: random.Random, group: str, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(FOREIGN_GIVEN[group])} {rng.choice(FOREIGN_SURNAME[group])}"
        if name not in used:
            used.add(name)
            return name


def _list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else "، ".join(items[:-1]) + " و " + items[-1]


def _host(rng: random.Random, province: str, capital: str, ports: list[str], used: set[str]) -> Official:
    name = _iranian(rng, used)
    zones = [p for p in ports if p.startswith("منطقه آزاد")]
    choices = [
        (f"استاندار {province}", f"استاندار {province}"),
        (f"استاندار {province}", f"استاندار {province}"),
        (f"استاندار {province}", f"استاندار {province}"),
        (f"معاون هماهنگی امور اقتصادی استاندار {province}", f"معاون استاندار {province}"),
        (f"شهردار {capital}", f"شهردار {capital}"),
        (f"رئیس اتاق بازرگانی {capital}", f"رئیس اتاق بازرگانی {capital}"),
        ("وزیر راه و شهرسازی", "وزیر راه و شهرسازی"),
        ("وزیر جهاد کشاورزی", "وزیر جهاد کشاورزی"),
    ]
    if zones:
        choices.append((f"مدیرعامل {zones[0]}", f"مدیرعامل {zones[0]}"))
    office, short = rng.choice(choices)
    return Official(name, office, short, True)


def _guest(rng: random.Random, state: str, group: str, capital: str, used: set[str]) -> Official:
    name = _foreign(rng, group, used)
    choices = [
        (f"سفیر {state} در ایران", f"سفیر {state}"),
        (f"سفیر {state} در تهران", f"سفیر {state}"),
        (f"سفیر کشور {state} در جمهوری اسلامی ایران", f"سفیر {state}"),
        (f"سرکنسول {state} در {capital}", f"سرکنسول {state}"),
        (f"وزیر حمل‌ونقل {state}", f"وزیر حمل‌ونقل {state}"),
        (f"وزیر کشاورزی {state}", f"وزیر کشاورزی {state}"),
        (f"کاردار {state} در ایران", f"کاردار {state}"),
    ]
    office, short = rng.choice(choices)
    return Official(name, office, short, False)


def _third(rng: random.Random, s_state: str, province: str, capital: str, used: set[str]) -> Official:
    name = _iranian(rng, used)
    office, short = rng.choice(
        [
            (f"سفیر جمهوری اسلامی ایران در {s_state}", "سفیر ایران"),
            (f"معاون سیاسی، امنیتی و اجتماعی استاندار {province}", f"معاون استاندار {province}"),
            (f"شهردار {capital}", f"شهردار {capital}"),
            (f"رئیس اتاق بازرگانی {capital}", f"رئیس اتاق بازرگانی {capital}"),
        ]
    )
    return Official(name, office, short, True)


def _when(rng: random.Random, published: dt.date, persian: bool) -> tuple[str, dt.date]:
    """A phrase for the day of the meeting and the day it is."""
    back = rng.choice([0, 0, 0, 1, 1, 2, 3])
    day = published - dt.timedelta(days=back)
    kind = rng.random()
    if back in WHEN_AGO and kind < 0.4:
        return rng.choice(WHEN_AGO[back]), day
    if kind < 0.7:
        return f"روز {WEEKDAYS[day.weekday()]}", day
    jalali = jdatetime.date.fromgregorian(date=day)
    year = f" {_digits(jalali.year, persian)}" if rng.random() < 0.4 else ""
    return f"{_digits(jalali.day, persian)} {JALALI_MONTHS[jalali.month - 1]}{year}", day


def _setting(rng: random.Random) -> Setting:
    used: set[str] = set()
    province, capital, ports = rng.choice(PROVINCES)
    state = rng.choice(sorted(PARTNERS))
    group, demonym, their_capital, their_port = PARTNERS[state]
    published = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365))
    persian = rng.random() < 0.75
    when, _ = _when(rng, published, persian)
    host = _host(rng, province, capital, ports, used)
    guest = _guest(rng, state, group, capital, used)
    third = _third(rng, state, province, capital, used) if rng.random() < 0.4 else None
    topics = rng.sample(TOPIC_WORDS, rng.randint(2, 4))
    return Setting(province, capital, ports, state, demonym, their_capital, their_port, host, guest, third, topics,
                   published, when, persian, {})  # fmt: skip


# -- paragraphs -----------------------------------------------------------------------------


def _opening(rng: random.Random, s: Setting) -> str:
    return rng.choice(
        [
            f"به گزارش {rng.choice(AGENCIES)}، ",
            f"به گزارش {rng.choice(AGENCIES)} از {s.capital}، ",
            f"به نقل از روابط عمومی استانداری {s.province}، ",
            f"به گزارش خبرنگار {rng.choice(AGENCIES)}، ",
            "",
        ]
    )


def _lead(rng: random.Random, s: Setting) -> list[str]:
    """The meeting: who met whom, when, where, about what (one or two sentences)."""
    h, g = s.host, s.guest
    topics = _list([f"{t}" for t in s.topics])
    venue = rng.choice([f"در {s.capital}", f"در محل استانداری {s.province}", f"در دفتر کار خود در {s.capital}",
                        f"در سالن جلسات استانداری {s.province}"])  # fmt: skip
    first = rng.choice(
        [
            f"{h.name} {h.office} {s.when} {venue} با {g.name} {g.office} دیدار و گفت‌وگو کرد"
            f" و دو طرف درباره گسترش همکاری‌های {topics} تبادل نظر کردند.",
            f"{h.name} {h.office} {s.when} {g.name} {g.office} و هیئت همراه را {venue} به حضور پذیرفت و"
            f" دو طرف درباره راه‌های گسترش همکاری‌های {topics} گفت‌وگو کردند.",
            f"{g.name} {g.office} که برای دیداری چندروزه به استان {s.province} سفر کرده است، {s.when}"
            f" {venue} با {h.name} {h.office} دیدار کرد.",
            f"{h.name} {h.office} {s.when} در حاشیه همایش فرصت‌های سرمایه‌گذاری در {s.capital}"
            f" با {g.name} {g.office} دیدار و گفت‌وگو کرد.",
            f"{h.name} {h.office} {s.when} {venue} میزبان {g.name} {g.office} بود و دو طرف راه‌های"
            f" توسعه همکاری‌های {topics} را بررسی کردند.",
        ]
    )
    out = [first]
    about = rng.choice(
        [
            f"در این دیدار، ظرفیت‌های همکاری در حوزه‌های {topics} بررسی شد.",
            f"محور این دیدار گسترش همکاری‌های {topics} میان ایران و {s.state} عنوان شد.",
            f"دو طرف در این نشست درباره همکاری‌های {topics} و برنامه‌های مشترک سال آینده گفت‌وگو کردند.",
        ]
    )
    if s.third is not None:
        about = (
            f"در این دیدار که با حضور {s.third.name} {s.third.office} برگزار شد، فرصت‌های همکاری"
            f" در حوزه‌های {topics} بررسی شد."
        )
    if s.third is not None or ("تبادل نظر" not in first and "بررسی" not in first):
        out.append(about)
    if rng.random() < 0.4:
        out.append(_context(rng, s))
    return out


def _context(rng: random.Random, s: Setting) -> str:
    """Why the guest is here: a sentence of context for the lead."""
    return s.pick(
        rng,
        "context",
        [
            f"سفر هیئت {s.demonym} به {s.province} در ادامه برنامه‌های توسعه روابط اقتصادی دو کشور انجام"
            " می‌شود و تا پایان هفته ادامه دارد.",
            f"هیئت همراه {s.guest.short} شامل نمایندگانی از بخش خصوصی و شرکت‌های حمل‌ونقل {s.state} است.",
            f"این نخستین سفر {s.guest.short} به استان {s.province} پس از آغاز مأموریت او به شمار می‌رود.",
        ],
    )


def _proposal(rng: random.Random, s: Setting, speaker: Official) -> str:
    """A concrete idea in the speaker's own words: an export line, a route, an investment, a
    joint body (a clause)."""
    port = rng.choice(s.ports) if s.ports else f"استان {s.province}"
    ours = _list(rng.sample(GOODS_IR, rng.randint(1, 3)))
    theirs = _list(rng.sample(GOODS_THEIRS, rng.randint(1, 2)))
    if speaker.iranian:
        ideas = [
            f"آماده‌ایم صادرات {ours} به {s.state} را از طریق {port} افزایش دهیم و در این مسیر از"
            " تجربه بازرگانان دو طرف بهره بگیریم",
            f"پیشنهاد می‌کنیم خط کشتیرانی منظمی میان {port} و {s.their_port} راه‌اندازی شود تا زمان رسیدن"
            " بار به مقصد کوتاه‌تر و هزینه آن کمتر شود",
            f"واردات {theirs} از {s.state} از طریق {port} می‌تواند هزینه حمل‌ونقل را برای تجار دو کشور"
            " به شکل محسوسی کاهش دهد",
            f"پیشنهاد ما تشکیل کمیته مشترک اقتصادی میان استان {s.province} و {s.state} است تا توافق‌های"
            " تجاری به صورت منظم پیگیری شود",
            f"استان {s.province} آماده است در زمینه خدمات فنی و مهندسی و ساخت زیرساخت‌ها با شرکت‌های"
            f" {s.demonym} همکاری کند",
            f"پیشنهاد می‌کنیم نمایشگاه اختصاصی کالاهای ایرانی در {s.their_capital} برگزار شود تا تولیدکنندگان"
            f" {ours} بازار تازه‌ای پیدا کنند",
            f"بار ترانزیتی {s.state} می‌تواند از {s.their_port} به {port} برسد و از آنجا با قطار به بنادر"
            " جنوبی کشور منتقل شود",
        ]
    else:
        ideas = [
            f"شرکت‌های {s.demonym} آماده‌اند در صنایع فرآوری {ours} در استان {s.province} سرمایه‌گذاری کنند"
            " و محصول آن را به بازارهای منطقه بفرستند",
            f"{s.state} می‌تواند {theirs} مورد نیاز ایران را از طریق {port} و با قیمتی رقابتی تأمین کند",
            f"پیشنهاد ما برقراری پرواز مستقیم میان {s.their_capital} و {s.capital} برای رونق گردشگری و سفرهای کاری است",
            f"خواهان افزایش سهم حمل بار از مسیر {s.their_port} به {port} هستیم و برای آن برنامه داریم",
            f"آماده‌ایم دانشگاه‌های {s.state} با دانشگاه‌های استان {s.province} در زمینه آموزشی و علمی"
            " تفاهم‌نامه همکاری امضا کنند",
            f"کشور ما آمادگی دارد {theirs} را از طریق {port} به ایران صادر کند و در مقابل {ours} ایرانی را وارد کند",
        ]
    return s.pick(rng, "idea-ir" if speaker.iranian else "idea-foreign", ideas)


def _reported(rng: random.Random, s: Setting, speaker: Official, ref: str) -> str:
    """A proposal in reported speech (a sentence)."""
    port = rng.choice(s.ports) if s.ports else f"استان {s.province}"
    ours = _list(rng.sample(GOODS_IR, rng.randint(1, 2)))
    theirs = _list(rng.sample(GOODS_THEIRS, rng.randint(1, 2)))
    if speaker.iranian:
        ideas = [
            f"{ref} در ادامه پیشنهاد کرد خط کشتیرانی مستقیمی میان {port} و {s.their_port} راه‌اندازی شود"
            " تا بازرگانان دو طرف به مسیرهای طولانی‌تر نیاز نداشته باشند.",
            f"{ref} همچنین خواستار افزایش صادرات {ours} به {s.state} از مسیر {port} شد و بر رفع موانع گمرکی تأکید کرد.",
            f"{ref} پیشنهاد کرد شرکت‌های دو کشور در ساخت یک شهرک صنعتی مشترک در {s.province} سرمایه‌گذاری کنند.",
            f"به گفته {speaker.surname}، استان {s.province} آمادگی دارد {ours} را از طریق {port} به بازار"
            f" {s.state} برساند.",
        ]
    else:
        ideas = [
            f"{ref} خواستار سرمایه‌گذاری مشترک در صنایع فرآوری {theirs} در استان {s.province} شد.",
            f"{ref} پیشنهاد کرد بخشی از صادرات {theirs} {s.state} به ایران از راه {port} انجام شود.",
            f"به گفته {speaker.surname}، {s.state} آمادگی دارد {theirs} را از مسیر {port} به بازار ایران صادر کند.",
            f"{ref} همچنین خواستار برقراری پرواز مستقیم میان {s.their_capital} و {s.capital} برای رونق گردشگری شد.",
        ]
    return s.pick(rng, "reported-ir" if speaker.iranian else "reported-foreign", ideas)


def _remark(rng: random.Random, s: Setting) -> str:
    """Speech that proposes nothing: relations, history, good will (a clause)."""
    return s.pick(
        rng,
        "remark",
        [
            f"روابط ایران و {s.state} ریشه در تاریخ و فرهنگ مشترک دو ملت دارد و امروز زمینه برای"
            " گسترش آن بیش از هر زمان دیگری فراهم است",
            f"سطح کنونی مبادلات با ظرفیت‌های واقعی استان {s.province} و {s.state} فاصله زیادی دارد و باید"
            " موانع آن با همفکری کارشناسان دو طرف شناسایی شود",
            f"مردم {s.state} نگاه مثبتی به ایران دارند و این سرمایه ارزشمندی برای نزدیکی بیشتر دو کشور"
            " در سال‌های پیش رو است",
            "دیدارهای منظم مسئولان دو طرف به اعتمادسازی کمک می‌کند و نتیجه آن را به زودی در بازار و در"
            " زندگی مردم خواهیم دید",
            "تحریم‌ها نتوانسته است مانع ارتباط بازرگانان شود و فعالان اقتصادی راه خود را برای همکاری پیدا کرده‌اند",
        ],
    )


def _speech(rng: random.Random, s: Setting, speaker: Official, first: bool, proposes: bool) -> str:
    """One paragraph of speech by a participant."""
    if first:
        ref = rng.choice([speaker.short, f"«{speaker.name}» {speaker.short}", speaker.name])
    else:
        ref = rng.choice([speaker.short, speaker.surname, "وی", "وی"])
    if proposes and rng.random() < 0.3:
        return _reported(rng, s, speaker, ref)
    said = _proposal(rng, s, speaker) if proposes else _remark(rng, s)
    if proposes and rng.random() < 0.25:  # a second idea in the same breath
        said += rng.choice(["؛ همچنین ", "، در مقابل ", "؛ "]) + _proposal(rng, s, speaker)
    quote = f"«{said}»" if rng.random() < 0.4 else said
    intro = s.pick(
        rng,
        "intro",
        [
            f"{ref} در این دیدار با اشاره به ظرفیت‌های {rng.choice(s.topics)} دو طرف گفت: ",
            f"{ref} با بیان اینکه همکاری‌های دو کشور در سال‌های اخیر رشد خوبی داشته است، اظهار کرد: ",
            f"{ref} در ادامه سخنان خود با اشاره به برنامه‌های سال آینده افزود: ",
            f"{ref} نیز در این نشست با قدردانی از میزبانی گرم مردم و مسئولان تصریح کرد: ",
            f"{ref} با استقبال از این دیدار و ابراز امیدواری به نتایج آن گفت: ",
            f"{ref} با اشاره به مشکلات حمل بار در مرزها خاطرنشان کرد: ",
            f"{ref} با بیان اینکه فرصت‌های زیادی برای کار مشترک وجود دارد، گفت: ",
        ],
    )
    return f"{intro}{quote}."


def _background(rng: random.Random, s: Setting) -> str:
    """A paragraph of ordinary news prose with no meeting and no speaker."""
    share = s.number(rng.randint(12, 48))
    tons = s.number(rng.randint(2, 90) * 10)
    year = s.number(rng.choice([1396, 1398, 1400, 1401]))
    return s.pick(
        rng,
        "background",
        [
            f"بر اساس آمار گمرک، حجم مبادلات تجاری ایران و {s.state} در سال گذشته حدود {share} درصد افزایش یافت و"
            f" بخش قابل توجهی از این کالاها از گمرکات استان {s.province} عبور کرد.",
            f"استان {s.province} با داشتن {_list(s.ports) if s.ports else 'شبکه جاده‌ای گسترده'} یکی از مسیرهای"
            " اصلی ترانزیت کالا در کشور به شمار می‌رود و سالانه هزاران کامیون از آن عبور می‌کنند.",
            f"در نه ماه نخست امسال بیش از {tons} هزار تن کالا از مبادی استان {s.province} به کشورهای همسایه"
            " صادر شده است که بخش عمده آن محصولات کشاورزی و مصالح ساختمانی بوده است.",
            f"کارشناسان اقتصادی معتقدند تکمیل زیرساخت‌های ریلی و جاده‌ای در {s.province} می‌تواند سهم استان"
            " را از بازارهای منطقه در چند سال آینده چند برابر کند.",
            f"شهر {s.capital} در ماه‌های اخیر میزبان چندین هیئت تجاری از کشورهای منطقه بوده و نمایشگاه"
            " کالاهای صادراتی این استان نیز با استقبال بازرگانان روبه‌رو شده است.",
            "هفته گذشته نیز نخستین محموله آزمایشی کالا از این مسیر با موفقیت جابه‌جا شد و مسئولان گمرک"
            " از آمادگی برای افزایش ظرفیت تخلیه و بارگیری خبر دادند.",
            f"کمیسیون مشترک اقتصادی ایران و {s.state} آخرین بار در سال {year} تشکیل شد و قرار است نشست بعدی"
            " آن در ماه‌های آینده برگزار شود.",
            f"تولیدکنندگان {s.province} در سال‌های اخیر با مشکلاتی مانند کمبود نقدینگی، گرانی حمل‌ونقل و"
            " نوسان نرخ ارز روبه‌رو بوده‌اند و بخشی از ظرفیت کارخانه‌ها بدون استفاده مانده است.",
            f"پیش از این نیز تفاهم‌نامه‌هایی در زمینه حمل‌ونقل و گمرک میان ایران و {s.state} امضا شده بود که"
            " اجرای برخی از آن‌ها به دلیل شیوع کرونا به تعویق افتاد.",
            f"بازارچه‌های مرزی استان {s.province} در سال جاری با رونق نسبی روبه‌رو بوده و شمار کامیون‌های"
            f" عبوری از آن‌ها نسبت به سال {year} افزایش یافته است.",
            "به گفته فعالان بخش خصوصی، نبود خطوط منظم حمل بار و طولانی بودن روند ترخیص کالا از مهم‌ترین"
            " موانع گسترش صادرات به کشورهای همسایه است.",
            f"جمعیت {s.state} و نیاز روزافزون بازار آن به مواد غذایی و مصالح ساختمانی، این کشور را به یکی از"
            " مقصدهای مهم صادرکنندگان ایرانی تبدیل کرده است.",
        ],
    )


def _subheading(rng: random.Random, s: Setting) -> str:
    return s.pick(
        rng,
        "subheading",
        [
            f"{s.province} دروازه تجارت با {s.state}",
            "ظرفیت‌هایی که هنوز به کار گرفته نشده است",
            f"پیشنهاد راه‌اندازی مسیرهای تازه به {s.their_capital}",
            "تأکید بر رفع موانع گمرکی",
            "سهم ناچیز از بازار همسایگان",
        ],
    )


def _aside(rng: random.Random, s: Setting) -> str:
    """A sentence about the meeting that reports no speech: a visit after it, gifts, a signing."""
    g = s.guest
    return s.pick(
        rng,
        "aside",
        [
            f"{g.short} و هیئت همراه پس از این نشست از بازارچه صنایع دستی {s.capital} و چند واحد تولیدی"
            " استان بازدید کردند.",
            "در پایان این نشست، هدایایی به رسم یادبود میان دو طرف رد و بدل شد و عکس یادگاری گرفته شد.",
            f"بر پایه این گزارش، برنامه سفر هیئت {s.demonym} شامل بازدید از مراکز تجاری و صنعتی {s.province} نیز است.",
        ],
    )


def _meeting_report(rng: random.Random, s: Setting, second: bool) -> list[str]:
    paragraphs = [_opening(rng, s) + " ".join(_lead(rng, s))]
    speakers = [s.host, s.host, s.guest, s.guest] + ([s.third] if s.third else [])
    n_speech = rng.choice([3, 4, 4, 4, 5, 5, 5, 6, 6])
    n_prop = min(n_speech, rng.choice([1, 2, 3, 3, 3, 4, 4, 5, 5]))
    order = ([s.host, s.guest] + [rng.choice(speakers) for _ in range(n_speech)])[:n_speech]
    proposing = set(rng.sample(range(n_speech), n_prop))
    spoken: set[str] = set()
    body: list[str] = []
    for k, speaker in enumerate(order):
        body.append(_speech(rng, s, speaker, speaker.name not in spoken, k in proposing))
        spoken.add(speaker.name)
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 3, 4])):
        body.insert(rng.randrange(1, len(body) + 1), _background(rng, s))
    if rng.random() < 0.3:
        body.append(_aside(rng, s))
    if rng.random() < 0.35:
        body.insert(rng.randrange(1, len(body)), _subheading(rng, s))
    paragraphs += body
    if second:
        used = {s.host.name, s.guest.name} | ({s.third.name} if s.third else set())
        other = _guest(rng, s.state, PARTNERS[s.state][0], s.capital, used)
        paragraphs.append(
            f"{s.host.short} همچنین در ادامه برنامه‌های خود با {other.name} {other.office} دیدار کرد و"
            f" دو طرف درباره همکاری‌های {rng.choice(TOPIC_WORDS)} گفت‌وگو کردند."
        )
    return paragraphs


def _plain_report(rng: random.Random, s: Setting) -> list[str]:
    """A report of no meeting: a site visit, a fair, trade figures."""
    h = s.host
    lead = rng.choice(
        [
            f"{_opening(rng, s)}{h.name} {h.office} {s.when} از روند ساخت پایانه صادراتی {s.capital} بازدید کرد"
            " و در جریان آخرین وضعیت پیشرفت این طرح قرار گرفت.",
            f"{_opening(rng, s)}نمایشگاه تخصصی توانمندی‌های صادراتی استان {s.province} {s.when} با حضور فعالان"
            f" اقتصادی و تجار کشورهای همسایه در محل دائمی نمایشگاه‌های {s.capital} گشایش یافت.",
            f"{_opening(rng, s)}رئیس سازمان صنعت، معدن و تجارت استان {s.province} از افزایش صادرات غیرنفتی"
            f" این استان در ماه‌های اخیر خبر داد و گفت بخش مهمی از این کالاها راهی {s.state} شده است.",
        ]
    )
    body = [_background(rng, s) for _ in range(rng.randint(4, 8))]
    body.insert(rng.randrange(0, len(body)), f"{h.short} در این بازدید گفت: {_remark(rng, s)}.")
    if rng.random() < 0.4:
        body.insert(rng.randrange(1, len(body)), _subheading(rng, s))
    return [lead + " " + _plain_context(rng, s), *body]


def _plain_context(rng: random.Random, s: Setting) -> str:
    return rng.choice(
        [
            f"این طرح با هدف افزایش صادرات استان به کشورهای همسایه، از جمله {s.state}، آغاز شده است.",
            "مسئولان محلی امیدوارند با بهره‌برداری کامل از آن، هزینه نگهداری و حمل کالا کاهش یابد.",
            f"به گفته برگزارکنندگان، بیش از {s.number(rng.randint(3, 12) * 10)} شرکت داخلی و خارجی در آن حضور دارند.",
        ]
    )


def _crawl_noise(rng: random.Random, text: str) -> str:
    """As crawls deliver texts: some lose their ZWNJs, a few use Arabic ي/ك."""
    draw = rng.random()
    if draw < 0.25:
        text = text.replace("\u200c", "")
    elif draw < 0.33:
        text = text.replace("ی", "ي").replace("ک", "ك")
    return text


# One block of reports, shuffled: the annotated articles report no meeting in about a quarter
# of cases and two in one of twenty-five. Drawing kinds from blocks keeps even a small sample close.
KINDS = ["none"] * 7 + ["two"] + ["one"] * 17


def _article(rng: random.Random, k: int, kind: str) -> tuple[str, str]:
    s = _setting(rng)
    paragraphs = _plain_report(rng, s) if kind == "none" else _meeting_report(rng, s, second=kind == "two")
    body = "\n\n".join(paragraphs)
    return f"bench-{k:06d}", f" date {s.published.isoformat()}\n{_crawl_noise(rng, body)}"


def generate(n: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """n articles as (id, text), the same for the same seed."""
    rng = random.Random(seed)
    kinds: list[str] = []
    for k in range(n):
        if not kinds:
            kinds = rng.sample(KINDS, len(KINDS))
        yield _article(rng, k, kinds.pop())


def write_jsonl(path: Path, n: int, seed: int = 7) -> None:
    with path.open("w", encoding="utf-8") as out:
        for doc_id, text in generate(n, seed):
            out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
