"""khabar.arabic.dates.find_date_mentions: Hijri, "الموافق" pairs, weekdays, relative and partial dates."""

from __future__ import annotations

import pytest

from khabar.arabic.dates import DateMention, find_date_mentions, hijri_to_gregorian, parse_date


def one(text: str, ref: str | None = None) -> DateMention:
    """The single mention in ``text``, checking its offsets."""
    ms = find_date_mentions(text, ref=ref)
    assert len(ms) == 1, ms
    m = ms[0]
    assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text
    return m


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("14 سبتمبر 2021", "2021-09-14"),
        ("3 يناير 2020", "2020-01-03"),
        ("1 إبريل 2020", "2020-04-01"),
    ],
)
def test_msa_months(text: str, iso: str) -> None:
    # Egyptian/Gulf (MSA) transliterated names are the most common family in news
    assert one(text).value == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2 كانون الثاني 2020", "2020-01-02"),
        ("9 شباط 2019", "2019-02-09"),
        ("14 تشرين الأول 2021", "2021-10-14"),
        ("5 كانون الأول 2018", "2018-12-05"),
    ],
)
def test_levantine_months(text: str, iso: str) -> None:
    # Levantine/Iraqi Syriac names, including the two-word كانون/تشرين ones
    assert one(text).value == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("5 جانفي 2019", "2019-01-05"),
        ("10 فيفري 2019", "2019-02-10"),
        ("3 أفريل 2019", "2019-04-03"),
        ("5 جوان 2019", "2019-06-05"),
        ("20 جويلية 2019", "2019-07-20"),
        ("1 أوت 2019", "2019-08-01"),
        ("12 غشت 2018", "2018-08-12"),
    ],
)
def test_maghrebi_months(text: str, iso: str) -> None:
    # Algerian/Tunisian (French-derived) and Moroccan names
    assert one(text).value == iso


def test_arabic_indic_digits() -> None:
    # Arabic-Indic and Eastern Arabic-Indic digits read like ASCII ones, offsets kept on the original text
    assert one("١٤ أيلول ٢٠٢١").value == "2021-09-14"
    assert one("۱۴ سبتمبر ۲۰۲۱").value == "2021-09-14"


def test_hijri_conversion() -> None:
    # Umm al-Qura: 25 Shawwal 1436 is 10 August 2015; 1 Ramadan 1445 is 11 March 2024
    m = one("25 شوال 1436 هـ")
    assert (m.value, m.calendar, m.attrs["hijri"]) == ("2015-08-10", "hijri", "1436-10-25")
    assert one("1 رمضان 1445 هـ").value == "2024-03-11"
    assert one("10 ذو الحجة 1444هـ").value == "2023-06-28"
    assert hijri_to_gregorian(1436, 10, 25) is not None
    assert hijri_to_gregorian(1436, 13, 1) is None


def test_numeric_hijri_dates_need_their_marker() -> None:
    # Saudi notices write "17 / 10 / 1436 هـ" (day first, spaced) or "1436/10/17هـ" (year first);
    # without هـ a number like 12/5/1436 could be anything (a file number), so it is not a date
    assert one("من يوم 17 / 10 / 1436 هـ").value == "2015-08-02"
    assert one("صدر في 1436/10/17هـ").value == "2015-08-02"
    assert [m.value for m in find_date_mentions("العدد 12/5/1436 من المجلة")] == []


def test_hijri_outside_umm_al_qura_uses_tabular() -> None:
    # before 1343 AH there is no Umm al-Qura table: the arithmetic calendar (±2 days) is used
    conv = hijri_to_gregorian(1300, 1, 1)
    assert conv is not None and conv[1] == "tabular"
    assert str(conv[0]).startswith("1882-11")


def test_muwafiq_pair_gregorian_wins() -> None:
    # a Hijri date and its Gregorian equivalent are one mention; the Gregorian one wins, even if they disagree
    m = one("حفر الباطن 26 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس")
    assert m.value == "2015-08-10" and m.calendar == "gregorian"
    assert m.attrs["hijri"] == "1436-10-26" and m.text.startswith("26 شوال") and m.text.endswith("م")
    assert one("23 شوال 1436 هـ - 08/08/2015 م").value == "2015-08-08"


def test_weekday_before_a_date_is_kept() -> None:
    # a weekday name before a date is part of the mention and recorded
    m = one("الثلاثاء 14 أيلول 2021")
    assert m.value == "2021-09-14" and m.attrs["weekday"] == 1 and m.start == 0


@pytest.mark.parametrize(
    ("text", "value", "relative"),
    [
        ("وصل أمس", "2015-08-09", "-1d"),
        ("يصل اليوم", "2015-08-10", "0d"),
        ("يصل غداً", "2015-08-11", "+1d"),
        ("وصل أول أمس", "2015-08-08", "-2d"),
        ("الأسبوع المقبل", "2015-W34", "+1w"),
        ("الأسبوع الماضي", "2015-W32", "-1w"),
        ("الشهر المقبل", "2015-09", "+1m"),
        ("العام الماضي", "2014", "-1y"),
        ("يوم الخميس الماضي", "2015-08-06", "wd-"),
        ("يوم الثلاثاء المقبل", "2015-08-11", "wd+"),
    ],
)
def test_relative_days_resolved(text: str, value: str, relative: str) -> None:
    # relative days are resolved against the reference date (Monday 10 August 2015)
    m = one(text, ref="2015-08-10")
    assert (m.value, m.relative) == (value, relative)


def test_relative_days_without_reference_stay_relative() -> None:
    # with no reference date the offset is kept and the value is unknown
    m = one("وصل أمس")
    assert (m.value, m.relative) == (None, "-1d")


def test_not_relative() -> None:
    # "اليوم الوطني" (National Day) and "الرأي العام" (public opinion) are not dates
    assert find_date_mentions("احتفالات اليوم الوطني") == []
    assert find_date_mentions("الرأي العام") == []
    assert find_date_mentions("بعد صلاة الجمعة") == []


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("في عام 1948", "1948", "year"),
        ("عام 1907 ميلادي", "1907", "year"),
        ("شهر نوفمبر عام 2016", "2016-11", "month"),
        ("كانون الثاني 1949", "1949-01", "month"),
        ("حزيران ( 1984 )", "1984-06", "month"),
    ],
)
def test_partial_dates_have_precision(text: str, value: str, precision: str) -> None:
    # year-only and month+year dates carry their precision and a reduced ISO value
    m = one(text)
    assert (m.value, m.precision) == (value, precision)


def test_hijri_year_only() -> None:
    # a Hijri year alone is a date without a Gregorian day
    m = one("عام ( 1319 ) هجري")
    assert (m.value, m.calendar, m.precision, m.attrs["hijri"]) == (None, "hijri", "year", "1319")


def test_find_dates_contract_unchanged() -> None:
    # the Gregorian-only parse_date still ignores Hijri-only and year-only text
    assert parse_date("23 شوال 1436 هـ") is None
    assert parse_date("كان 250 شخصا في 2015") is None


def test_counts_are_not_years() -> None:
    # a bare four-digit number before a counted noun or a currency is a quantity, not a year
    assert find_date_mentions("قتل 2000 شخص ودفع 1500 دولار") == []
    assert one("في عام 2000 شخص واحد").value == "2000"


def test_day_and_month_without_a_year() -> None:
    # the year comes from the published date, moved by الماضي / المقبل, or from the range it opens
    (m,) = find_date_mentions("في الـ 14 من شهر أيلول الماضي", ref="2021-11-20")
    assert (m.value, m.attrs["year_from"]) == ("2021-09-14", "published")
    assert find_date_mentions("غادر في 20 ديسمبر الماضي", ref="2021-11-20")[0].value == "2020-12-20"
    assert find_date_mentions("يعود في 5 يناير المقبل", ref="2021-11-20")[0].value == "2022-01-05"
    assert find_date_mentions("في 3 مارس")[0].value is None  # no published date: month and day only
    first = find_date_mentions("من 3 مارس حتى 5 أبريل 2020")[0]
    assert (first.value, first.attrs["year_from"]) == ("2020-03-03", "range")
    assert find_date_mentions("شارك 14 لاعبا") == []


def test_the_date_folding_by_replacements_is_the_translation() -> None:
    # issue 15: the scans' folding as one str.replace per character present equals the translation
    # table at once (no replacement is itself replaced), lower-cased, and keeps the length
    from khabar.arabic.dates.absolute import _FOLD, _FOLD_PAIRS, _fold

    keys = "".join(ch for ch, _ in _FOLD_PAIRS)
    assert not set(keys) & {r for _, r in _FOLD_PAIRS}
    for text in (keys, "في ١٥ أكتوبر ۲۰۲۱ - Jan. 3 الآن", "", "إلى مدينة"):
        assert _fold(text) == text.translate(_FOLD).lower()
        assert len(_fold(text)) == len(text)


def test_two_weekdays_with_a_dual_direction_share_it() -> None:
    # why (sample P): "يومي الثلاثاء والأربعاء المقبلين" (next Tuesday and Wednesday) gave the past
    # Tuesday and the past Wednesday: the dual and plural of المقبل / الماضي were not read
    found = find_date_mentions("ويقام المهرجان يومي الخميس والجمعة القادمين في جدة.", "2015-07-28")
    assert [(m.text, m.value) for m in found] == [("الخميس", "2015-07-30"), ("الجمعة القادمين", "2015-07-31")]
    found = find_date_mentions("وأقيمت المباراتان يومي الأحد والاثنين الماضيين.", "2015-07-30")
    assert [m.value for m in found] == ["2015-07-26", "2015-07-27"]


def test_tomorrow_with_the_tanween_before_the_alef_is_whole() -> None:
    # why (sample P): "غدًا" (tanween written before the alef) came out as "غد"
    found = find_date_mentions("ويخوض الفريق غدًا مباراته الأولى.", "2015-07-28")
    assert [(m.text, m.value) for m in found] == [("غدًا", "2015-07-29")]
