"""Statements and proposals: who said what, what each side proposed, goods, flows, routes.

Texts are written for the tests (invented people); the corpus checks at the end measure
the proposal F1 on the seed and the dev articles through `didar eval`.
"""

from __future__ import annotations

import pytest

from conftest import CORPUS, extract, needs_corpus
from extract import evaluate
from extract.batch import build_in_memory
from extract.model import Extraction, Proposal

LEAD = "به گزارش مهر، کامران شریفی استاندار گیلان امروز در رشت با ایوان پتروف سفیر روسیه در ایران دیدار کرد.\n"


def proposals_of(extraction: Extraction, surname: str) -> list[Proposal]:
    return [p for p in extraction.proposals if p.proposer.name.endswith(surname)]


def test_direct_speech_is_attributed_with_its_exact_span() -> None:
    x = extract(LEAD + "شریفی در این دیدار گفت: روابط دو کشور همواره خوب بوده است.")
    (statement,) = x.statements
    assert statement.speaker.name == "کامران شریفی"
    assert statement.direct
    assert statement.evidence.exact == "روابط دو کشور همواره خوب بوده است"
    assert x.article.text[statement.evidence.start : statement.evidence.end] == statement.evidence.exact


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("وی افزود: همکاری‌ها باید گسترش یابد.", "کامران شریفی"),  # وی: the last speaker
        ("سفیر روسیه نیز در این دیدار گفت: مسکو از این همکاری استقبال می‌کند.", "ایوان پتروف"),  # an office alone
        ("به گفته پتروف، روسیه آماده همکاری است.", "ایوان پتروف"),
        ("پتروف پیشنهاد کرد کارگروه مشترکی تشکیل شود.", "ایوان پتروف"),
    ],
)
def test_speakers(sentence: str, speaker: str) -> None:
    x = extract(LEAD + "شریفی گفت: سلام.\n" + sentence)
    assert x.statements[-1].speaker.name == speaker


def test_a_non_participant_is_not_a_speaker() -> None:
    x = extract(LEAD + "یک کارشناس اقتصادی گفت: صادرات باید افزایش یابد.")
    assert x.statements == () and x.proposals == ()


def test_proposal_with_route_between_ports() -> None:
    x = extract(LEAD + "شریفی گفت: پیشنهاد می‌کنیم خط کشتیرانی منظمی میان بندر انزلی و بندر آستاراخان راه‌اندازی شود.")
    (p,) = proposals_of(x, "شریفی")
    assert p.modality == "proposal"
    assert "transit" in p.sectors
    assert [stop.evidence.exact for stop in p.route] == ["بندر انزلی", "بندر آستاراخان"]
    assert p.states[:2] == ("IR", "RU")
    assert p.cameo == "0311"


def test_request_for_visas_is_consular() -> None:
    x = extract(LEAD + "پتروف خواستار صدور روادید چندبار ورود برای بازرگانان دو کشور شد.")
    (p,) = proposals_of(x, "پتروف")
    assert p.modality == "request"
    assert "consular" in p.sectors


def test_offer_of_goods_with_a_flow() -> None:
    x = extract(LEAD + "شریفی افزود: ایران آماده است فولاد و سیمان به روسیه صادر کند.")
    (p,) = proposals_of(x, "شریفی")
    assert p.modality == "offer"
    assert set(p.goods) >= {"iron_steel", "cement"} or {"cement"} <= set(p.goods)
    assert p.origin is not None and p.origin.key == "IR"
    assert p.destination is not None and p.destination.key == "RU"


def test_import_flows_into_the_proposers_state_through_a_province() -> None:
    x = extract(
        LEAD
        + "شریفی گفت: روسیه از بزرگ‌ترین تولیدکنندگان گندم است و واردات گندم از طریق گیلان می‌تواند هزینه را کاهش دهد."
    )
    (p,) = proposals_of(x, "شریفی")
    assert p.origin is not None and p.origin.key == "RU"
    assert p.destination is not None and p.destination.key == "IR"
    assert [v.key for v in p.via] == ["IR-01"]
    assert "cost_reduction" in p.benefits


def test_chain_route_keeps_its_order() -> None:
    x = extract(
        LEAD + "شریفی گفت: بار از روسیه با کشتی به بندر انزلی و سپس با ریل به عراق می‌رسد و این مسیر باید فعال شود."
    )
    (p,) = proposals_of(x, "شریفی")
    assert (p.route[0].key, p.route[-1].key) == ("RU", "IQ")


def test_reason_joins_the_idea_it_argues_for() -> None:
    x = extract(
        LEAD
        + "شریفی با بیان اینکه گردشگران روس به گیلان علاقه دارند، پیشنهاد کرد پرواز مستقیم میان رشت و مسکو برقرار شود."
    )
    assert len(proposals_of(x, "شریفی")) == 1


def test_two_ideas_split_at_in_return() -> None:
    x = extract(
        LEAD
        + "پتروف گفت: روسیه آماده است گندم به ایران صادر کند و در مقابل، ایران می‌تواند میوه و سبزیجات به روسیه بفرستد."
    )
    assert len(proposals_of(x, "پتروف")) == 2


def test_no_proposal_without_modality() -> None:
    x = extract(LEAD + "شریفی گفت: گیلان بندرهای فعال و بازارهای بزرگی دارد.")
    assert x.proposals == ()


def test_meeting_event_codes() -> None:
    hosted = extract("به گزارش مهر، کامران شریفی استاندار گیلان امروز میزبان ایوان پتروف سفیر روسیه در ایران بود.")
    assert (hosted.meetings[0].cameo, hosted.meetings[0].plover_mode) == ("043", "host")
    assert hosted.meetings[0].host is not None and hosted.meetings[0].host.name == "کامران شریفی"
    visit = extract(
        "به گزارش مهر، ایوان پتروف سفیر روسیه در ایران که به رشت سفر کرده است،"
        " امروز با کامران شریفی استاندار گیلان دیدار کرد."
    )
    assert (visit.meetings[0].cameo, visit.meetings[0].visitor and visit.meetings[0].visitor.name) == (
        "042",
        "ایوان پتروف",
    )
    plain = extract(LEAD)
    assert plain.meetings[0].cameo == "040"


@needs_corpus()
@pytest.mark.parametrize(("folder", "floor"), [("seed", 0.85), ("dev", 0.70)])
def test_proposal_f1_on_the_annotated_articles(folder: str, floor: float) -> None:
    store, _ = build_in_memory([CORPUS / folder])
    score = evaluate.evaluate(store, CORPUS / folder)
    assert score.kinds["proposal"].f1 >= floor


@needs_corpus()
def test_seed_trade_flows() -> None:
    from extract import queries

    store, _ = build_in_memory([CORPUS / "seed"])
    rows = queries.run(store, queries.load_query("trade-flows")).dicts()
    flows = {(r["item"], r["fromState"], r["toState"]) for r in rows}
    for good in ("cereals", "oil seeds and oleaginous fruits", "base metals"):
        assert any(i and i.startswith(good) and (f, t) == ("KZ", "IR") for i, f, t in flows), good
    for good in ("tea", "rice", "groundnuts (peanuts)", "edible vegetables"):
        assert any(i and i.startswith(good) and (f, t) == ("IR", "KZ") for i, f, t in flows), good
    assert {("energy", "KZ", "IR"), ("investment", "KZ", "IR")} <= flows
    assert {("engineering_services", "IR", "KZ"), ("infrastructure", "IR", "KZ")} <= flows
    routes = {r["route"] for r in rows if r["route"]}
    assert "Port of Bandar Anzali > Port of Aktau" in routes
    assert any(r.startswith("Türkiye > Iran > Anzali Free Zone > Turkmenistan") for r in routes)
    assert any(r["via"] == "IR-01" and r["fromState"] == "KZ" for r in rows)


def test_welcoming_a_proposal_is_not_proposing() -> None:
    x = extract(LEAD + "پتروف با استقبال از پیشنهاد راه‌اندازی خط کشتیرانی گفت: روابط دو کشور خوب است.")
    assert proposals_of(x, "پتروف") == []


def test_an_office_without_its_state_is_the_home_states() -> None:
    text = (
        "به گزارش مهر، حسن نوری وزیر راه و شهرسازی امروز در تهران با ایوان پتروف وزیر حمل‌ونقل روسیه دیدار کرد.\n"
        "وزیر راه و شهرسازی در این دیدار گفت: پیشنهاد می‌کنیم تعرفه ترانزیتی واحدی تعیین شود."
    )
    x = extract(text)
    assert [p.proposer.name for p in x.proposals] == ["حسن نوری"]
