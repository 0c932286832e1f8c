"""khabar.arabic.dates: Arabic dates as news pages print them, to ISO."""

from __future__ import annotations

import pytest

from khabar.arabic.dates import MONTHS, find_dates, iso_date, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # the examples: Levantine month name with weekday; Arabic-Indic digits
        ("الثلاثاء 14 أيلول 2021", "2021-09-14"),
        ("١٤ سبتمبر ٢٠٢١", "2021-09-14"),
        # Egyptian / Gulf names, with and without hamza, and a weekday with the Arabic comma
        ("الخميس، 6 أغسطس 2015", "2015-08-06"),
        ("6 اغسطس 2015", "2015-08-06"),
        ("1 إبريل 2020", "2020-04-01"),
        ("في 1 مايو 2016", "2016-05-01"),
        ("3 يونيه 2019", "2019-06-03"),
        # Levantine two-word names, with and without the article
        ("2 تشرين الثاني 2020", "2020-11-02"),
        ("2 تشرين ثاني 2020", "2020-11-02"),
        ("15 كانون الأول 2019", "2019-12-15"),
        ("15 كانون الاول 2019", "2019-12-15"),
        ("7 آب 2014", "2014-08-07"),
        ("7 اب 2014", "2014-08-07"),
        ("28 آب/اغسطس 2013", "2013-08-28"),
        ("14 أيلول (سبتمبر) 2021", "2021-09-14"),
        # Maghrebi names (Morocco; Algeria and Tunisia)
        ("12 غشت 2018", "2018-08-12"),
        ("3 ماي 2017", "2017-05-03"),
        ("9 شتنبر 2016", "2016-09-09"),
        ("5 جوان 2019", "2019-06-05"),
        ("20 جويلية 2019", "2019-07-20"),
        ("1 أوت 2019", "2019-08-01"),
        ("10 فيفري 2019", "2019-02-10"),
        # Eastern Arabic-Indic (Persian) digits
        ("۱۴ سبتمبر ۲۰۲۱", "2021-09-14"),
        # month first, as WordPress themes print it
        ("الأحد, أغسطس 2, 2015", "2015-08-02"),
        # numeric: day first, unless only the other order is valid; year first
        ("7/8/2015 - 6:50 ص", "2015-08-07"),
        ("08/13/2015", "2015-08-13"),
        ("10.5.2019", "2019-05-10"),
        ("2015-08-03", "2015-08-03"),
        # a Hijri date beside the Gregorian one: the Gregorian one is read
        ("السبت 23 شوال 1436 هـ الموافق 8 أغسطس 2015 م", "2015-08-08"),
        ("23 شوال 1436 هـ - 08/08/2015 م", "2015-08-08"),
        # English and French
        ("Tuesday, 11 August 2015 - 13:48 pm", "2015-08-11"),
        ("August 11, 2015", "2015-08-11"),
        ("11 août 2015", "2015-08-11"),
        # Arabic-Indic digits and a time after the date
        ("الاثنين ١٠ أغسطس ٢٠١٥ - ٨:٣٢ م", "2015-08-10"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "كان 250 شخصا في 2015",  # a year alone is not a date
        "23 شوال 1436 هـ",  # Hijri only: not converted
        "31 فبراير 2015",  # no such day
        "14 أيلول",  # no year
        "الساعة 10:30",
        "رقم الهاتف 0123/45/6789",
        "",
    ],
)
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_offsets_point_into_the_text() -> None:
    text = "نشر في ١٤ سبتمبر ٢٠٢١ وحُدّث في 2 تشرين الثاني 2021"
    ds = find_dates(text)
    assert [d.iso for d in ds] == ["2021-09-14", "2021-11-02"]
    assert text[ds[0].start : ds[0].end] == "١٤ سبتمبر ٢٠٢١"
    assert text[ds[1].start : ds[1].end] == "2 تشرين الثاني 2021"


def test_iso_date_machine_formats() -> None:
    assert iso_date("2015-08-03T21:25:59+03:00") == "2015-08-03"
    assert iso_date("2015-08-10T20:32:19.000Z") == "2015-08-10"  # as written, not converted to UTC
    assert iso_date("20210914") == "2021-09-14"
    assert iso_date("Tue, 14 Sep 2021 10:00:00 GMT") == "2021-09-14"
    assert iso_date("الثلاثاء 14 أيلول 2021") == "2021-09-14"
    assert iso_date("not a date") is None
    assert iso_date("2015-13-45") is None


def test_every_family_names_all_twelve_months() -> None:
    assert set(MONTHS.values()) == set(range(1, 13))
    levantine = [
        "كانون الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول",
        "تشرين الثاني",
        "كانون الأول",
    ]
    egyptian = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ]
    moroccan = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "ماي",
        "يونيو",
        "يوليوز",
        "غشت",
        "شتنبر",
        "أكتوبر",
        "نونبر",
        "دجنبر",
    ]
    for names in (levantine, egyptian, moroccan):
        for month, name in enumerate(names, start=1):
            assert parse_date(f"1 {name} 2020") == f"2020-{month:02d}-01", name


def test_each_scan_gate_is_held_by_every_match_of_its_pattern() -> None:
    """The literal a relative-day pattern's text must hold is in every alternative of the pattern, and
    every decade name ends with the decade gate (why: a text without the literal is not scanned, so a
    gate a match could lack would lose dates)."""
    from khabar.arabic.dates import patterns as D

    assert len(D._REL_DAY_NEEDS) == len(D._REL_DAYS)
    for (pattern, _), need in zip(D._REL_DAYS, D._REL_DAY_NEEDS, strict=True):
        # the only top-level alternation is بكرا|بكره|بكرة; elsewhere "|" is inside a group after need
        alternatives = pattern.split("|") if pattern.startswith("بكر") else [pattern]
        for alternative in alternatives:
            assert need in alternative, (pattern, need)
    assert all(name.endswith(D._DECADE_NEEDS) for name in D._DECADES)


def test_gated_scans_still_find_each_kind_of_date() -> None:
    """One text per gate: a year date, a relative day, a decade, a unit, a weekday (a different text
    from the benchmark's; why: each gate must pass the texts its pattern matches)."""
    from khabar.arabic.dates import find_date_mentions

    found = find_date_mentions(
        "في 3 مارس 2019 قال، وأمس الأول والبارحة وبعد غد وبكرة، في الثمانينات، الأسبوع المقبل، يوم الخميس",
        "2020-01-10",
    )
    texts = [m.text for m in found]
    assert "3 مارس 2019" in texts
    assert any("أمس" in t for t in texts) and "البارحة" in texts and "بعد غد" in texts
    assert "بكرة" in texts and any("الثمانينات" in t for t in texts)
    assert any("الأسبوع" in t for t in texts) and any("الخميس" in t for t in texts)


def test_a_year_with_a_glued_era_letter_is_read() -> None:
    """why: Saudi and Gulf pages write the Gregorian year with a glued م ("5 ديسمبر 2024م"), often
    beside the Hijri date; the year's right edge allows the letter, not a longer word ("2024مليون")."""
    from khabar.arabic.dates import find_dates

    assert [d.iso for d in find_dates("الخميس 4 جمادى الآخرة 1446هـ - 12 مارس 2023م")] == ["2023-03-12"]
    assert find_dates("12 مارس 2023مليون") == []


def test_a_day_and_month_without_a_year_passes_the_digit_gate() -> None:
    """why: the day-and-month scan now runs only on a text with a digit (every match holds its day);
    a text with no year must still give its day and month, and a text without digits none."""
    from khabar.arabic.dates import find_date_mentions

    found = find_date_mentions("عاد الوفد في 14 أيلول الماضي إلى بلاده", "2021-03-02")
    assert [(m.text, m.value) for m in found] == [("14 أيلول الماضي", "2020-09-14")]
    assert find_date_mentions("عاد الوفد في أيلول إلى بلاده", "2021-03-02") == []


def test_every_match_of_a_gated_scan_holds_its_core() -> None:
    """The digit-opening core of each gated scan is in every match of the scan (why: a text without
    the core is not scanned, so a match without it would be lost); examples of each form, written
    here, not taken from the benchmark's articles."""
    from khabar.arabic.dates import patterns as D
    from khabar.arabic.dates.absolute import _fold

    text = _fold(
        "يوم الأحد 5 من شهر مارس (آذار) عام 2017م، وفي March 3rd, 2019 و 1st of May 2020، وبتاريخ 14 أيلول"
        " الماضي، و 12 رمضان 1436هـ، و في 17 / 10 / 1436 هـ وفي 1436/10/17هـ، وفي (3 شوال عام 1437)"
    )
    for scan, core in (
        (D._GREG_DMY(), D._GREG_DMY_CORE()),
        (D._GREG_MDY(), D._GREG_MDY_CORE()),
        (D._GREG_DM(), D._GREG_DM_CORE()),
        (D._HIJRI_DMY(), D._HIJRI_DMY_CORE()),
        (D._HIJRI_NUM(), D._HIJRI_NUM_CORE()),
    ):
        found = [m.group() for m in scan.finditer(text)]
        assert found, scan.pattern[:40]
        for m in found:
            assert core.search(m) is not None, m
    # _GREG_YMD is gated by _NUM_GATE: its second alternative is in every year-month-day date
    assert all(D._NUM_GATE().search(m.group()) for m in D._GREG_YMD().finditer("في 2019-03-05 و2020/1/2"))
