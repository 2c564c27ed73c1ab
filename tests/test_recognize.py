"""Offices and the names attached to them, in the usual shapes of the language."""

from __future__ import annotations

import pytest

from extract.lexicon import load_lexicon
from extract.nlp import load_pipeline
from extract.recognize import Analysis, Recognizer


def analyse(text: str) -> Analysis:
    return Recognizer(load_lexicon())(load_pipeline()(text))


@pytest.mark.parametrize(
    ("phrase", "role", "sending", "receiving", "jurisdiction"),
    [
        ("سفیر کشور قزاقستان در جمهوری اسلامی ایران", "ambassador", "KZ", "IR", None),
        ("سفیر فدراسیون روسیه در تهران", "ambassador", "RU", "IR", None),
        ("سفیر کشورمان در ترکیه", "ambassador", "IR", "TR", None),
        ("سفیر جدید جمهوری آذربایجان در ایران", "ambassador", "AZ", "IR", None),
        ("سرکنسول جمهوری ترکیه در تبریز", "consul_general", "TR", "IR", None),
        ("کاردار سفارت افغانستان در تهران", "charge_daffaires", "AF", "IR", None),
        ("استاندار گیلان", "governor", "IR", None, "IR-01"),
        ("نماینده عالی دولت در مازندران", "governor", "IR", None, "IR-02"),
        ("استاندار سیستان و بلوچستان", "governor", "IR", None, "IR-11"),
        ("معاون استاندار گیلان", "deputy_governor", "IR", None, "IR-01"),
        ("شهردار اصفهان", "mayor", "IR", None, "IR-10"),
        ("وزیر امور خارجه کشورمان", "minister", "IR", None, None),
        ("وزیر حمل‌ونقل قزاقستان", "minister", "KZ", None, None),
        ("معاون وزیر امور خارجه", "deputy_minister", None, None, None),
        ("معاون اقتصادی وزارت امور خارجه", "deputy_minister", None, None, None),
        ("رئیس‌جمهور غنا", "head_of_state", "GH", None, None),
        ("رئیس اتاق بازرگانی تبریز", "chamber_of_commerce_head", "IR", None, None),
    ],
)
def test_office_phrases(
    phrase: str, role: str, sending: str | None, receiving: str | None, jurisdiction: str | None
) -> None:
    offices = analyse(phrase + " گفت.").offices
    assert offices, phrase
    office = offices[0].office
    assert (office.role, office.sending, office.receiving, office.jurisdiction) == (
        role,
        sending,
        receiving,
        jurisdiction,
    )
    assert office.evidence is not None and phrase.startswith(office.evidence.exact[:4])


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("به گزارش ایرنا، کامران شریفی استاندار گیلان گفت.", "کامران شریفی", "governor"),
        ("دیروز با «ایوان پتروف» سفیر روسیه دیدار کرد.", "ایوان پتروف", "ambassador"),
        ("سفیر روسیه در ایران «ایوان پتروف» گفت.", "ایوان پتروف", "ambassador"),
        ("استاندار گیلان، کامران شریفی، گفت.", "کامران شریفی", "governor"),
        ("دکتر کامران شریفی معاون وزیر امور خارجه گفت.", "کامران شریفی", "deputy_minister"),
        ("با حضور سید مهدی نوری سفیر ایران در قزاقستان برگزار شد.", "مهدی نوری", "ambassador"),
    ],
)
def test_names_attached_to_offices(text: str, name: str, role: str) -> None:
    names = [(n.text, n.office.office.role if n.office else None) for n in analyse(text).names]
    assert (name, role) in names


def test_office_alone_has_no_name() -> None:
    assert analyse("استاندار گیلان با اشاره به ظرفیت‌ها گفت.").names == []


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("سفیر روسیه در ایران ایوان پتروف با استاندار گیلان دیدار کرد.", "ایوان پتروف", "ambassador"),
        ("استاندار گیلان کامران شریفی امروز گفت.", "کامران شریفی", "governor"),
        ("وزیر امور خارجه کشورمان سید حسن نوری گفت.", "حسن نوری", "minister"),
        ("در سفر به تهران ایوان پتروف سفیر روسیه گفت.", "ایوان پتروف", "ambassador"),
    ],
)
def test_more_name_positions(text: str, name: str, role: str) -> None:
    names = [(n.text, n.office.office.role if n.office else None) for n in analyse(text).names]
    assert (name, role) in names


def test_name_between_two_offices_goes_to_the_second() -> None:
    names = analyse("استاندار گیلان کامران شریفی سفیر روسیه را به حضور پذیرفت.").names
    assert [(n.text, n.office.office.role if n.office else None) for n in names] == [("کامران شریفی", "ambassador")]


def test_name_comma_office() -> None:
    names = analyse("به گزارش ایرنا، کامران شریفی، استاندار گیلان گفت.").names
    assert [(n.text, n.office.office.role if n.office else None) for n in names] == [("کامران شریفی", "governor")]


def test_quoted_name_comma_office() -> None:
    names = analyse("دیروز «ایوان پتروف»، سفیر روسیه گفت.").names
    assert [(n.text, n.quoted) for n in names] == [("ایوان پتروف", True)]


@pytest.mark.parametrize(
    ("phrase", "role", "jurisdiction"),
    [
        ("معاون سیاسی و امنیتی استاندار گیلان", "deputy_governor", "IR-01"),
        ("معاون اقتصادی رئیس‌جمهور", "vice_president", None),
        ("نماینده مردم تبریز در مجلس", "member_of_parliament", None),
        ("مدیرعامل سازمان منطقه آزاد انزلی", "free_zone_head", None),
    ],
)
def test_more_offices(phrase: str, role: str, jurisdiction: str | None) -> None:
    office = analyse(phrase + " گفت.").offices[0].office
    assert (office.role, office.jurisdiction) == (role, jurisdiction)
