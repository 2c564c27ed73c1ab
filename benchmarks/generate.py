"""Synthetic meeting reports for benchmarks: offices, invented names, states, provinces,
meeting verbs, topics and proposal sentences recombined at random (seeded).

The names are invented for benchmarking; places and states come from Didar's lexicons.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from extract.lexicon import load_lexicon

FIRST = ["کامران", "سعید", "حسین", "رضا", "مجید", "کاظم", "بهروز", "فرهاد", "نادر", "امید", "پرویز", "شهرام"]
LAST = ["شریفی", "نادری", "کاظمی", "توکلی", "رحیمی", "صالحی", "امیری", "نوروزی", "کریمی", "مرادی", "فاضلی"]
FOREIGN_FIRST = ["ایوان", "سرگئی", "مراد", "آرمن", "ایگور", "اوزان", "بایرام", "تیمور", "ولادیمیر", "آیدین"]
FOREIGN_LAST = ["پتروف", "ایوانف", "اوراز", "هاکوبیان", "کوزنتسوف", "یلماز", "گلدیف", "ساتپایف", "محمدوف"]
STATES = ["RU", "KZ", "TM", "AZ", "AM", "TR", "IQ", "AF", "PK", "UZ", "TJ", "GE", "OM", "QA", "IN", "CN"]
AGENCIES = ["ایرنا", "خبرگزاری مهر", "ایسنا", "خبرگزاری تسنیم", "خبرگزاری فارس"]
WHEN = ["امروز", "صبح امروز", "روز دوشنبه", "عصر سه‌شنبه", "روز گذشته", "{day} مهر", "{day} آبان ۱۴۰۴"]
VERBS = ["دیدار کرد", "دیدار و گفت‌وگو کرد", "دیدار و گفتگو کرد", "ملاقات کرد"]
TOPICS = ["اقتصادی", "تجاری", "ترانزیتی", "فرهنگی", "گردشگری", "کشاورزی", "انرژی", "سرمایه‌گذاری", "آموزشی"]
PROPOSALS = [
    "پیشنهاد می‌کنیم خط کشتیرانی منظمی میان بندر انزلی و بندر آستاراخان راه‌اندازی شود",
    "آماده‌ایم چای، برنج و مرکبات به {state} صادر کنیم",
    "واردات غلات و دانه‌های روغنی از طریق {province} می‌تواند هزینه حمل‌ونقل را کاهش دهد",
    "پیشنهاد ما برگزاری هفته فرهنگی در {city} است",
    "خواستار صدور روادید چندبار ورود برای بازرگانان دو کشور هستیم",
]


def _article(rng: random.Random, k: int) -> tuple[str, str]:
    lex = load_lexicon()
    provinces = sorted(c for c, p in lex.places.items() if p.kind == "PROVINCE" and c.startswith("IR-"))
    province = lex.places[rng.choice(provinces)]
    capital = next((p for p in lex.places.values() if p.kind == "CITY" and p.province == province.key), None)
    state = lex.states[rng.choice(STATES)]
    local = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    foreign = f"{rng.choice(FOREIGN_FIRST)} {rng.choice(FOREIGN_LAST)}"
    when = rng.choice(WHEN).format(day=rng.randint(1, 28))
    topics = rng.sample(TOPICS, rng.randint(2, 4))
    topic_text = "، ".join(topics[:-1]) + " و " + topics[-1]
    city = capital.label_fa if capital and capital.label_fa else province.label_fa
    lead = (
        f"به گزارش {rng.choice(AGENCIES)}، {local} استاندار {province.label_fa} {when} در {city} با {foreign} سفیر"
        f" {state.label_fa} در ایران {rng.choice(VERBS)} و دو طرف درباره همکاری‌های {topic_text} گفت‌وگو کردند."
    )
    proposal = rng.choice(PROPOSALS).format(state=state.label_fa, province=province.label_fa, city=city)
    body = [
        lead,
        f"{local.split()[-1]} در این دیدار گفت: {proposal}.",
        f"سفیر {state.label_fa} نیز خواستار گسترش همکاری‌های تجاری و ترانزیتی دو کشور شد.",
    ]
    month = rng.randint(1, 12)
    return f"bench-{k:06d}", f" date 2025-{month:02d}-{rng.randint(1, 28):02d}\n" + "\n".join(body)


def generate(n: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """n articles as (id, text)."""
    rng = random.Random(seed)
    for k in range(n):
        yield _article(rng, k)


def write_jsonl(path: Path, n: int, seed: int = 7) -> None:
    with path.open("w", encoding="utf-8") as out:
        for doc_id, text in generate(n, seed):
            out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
