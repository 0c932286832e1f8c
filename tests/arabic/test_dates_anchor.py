"""Relative dates against an anchor (khabar.arabic.dates): the rules of the module docstring, one test
each, and "اليوم" inside a name. Sentences are written for the tests, not taken from the issue or a gold
set."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.arabic.dates import find_date_mentions, implied_publication_date

TUE = "2015-07-21"  # a Tuesday


def values(text: str, ref: str | None = TUE, **kw: bool) -> list[tuple[str, str | None, str | None]]:
    return [(m.text, m.value, m.relative) for m in find_date_mentions(text, ref, **kw)]


# -- relative days -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "rel"),
    [
        ("افتتح المعرض اليوم في جدة", "2015-07-21", "0d"),
        ("افتتح المعرض أمس في جدة", "2015-07-20", "-1d"),
        ("افتتح المعرض البارحة في جدة", "2015-07-20", "-1d"),
        ("يفتتح المعرض غداً في جدة", "2015-07-22", "+1d"),
        ("يفتتح المعرض يوم غد في جدة", "2015-07-22", "+1d"),
        ("يفتتح المعرض بعد غد في جدة", "2015-07-23", "+2d"),
        ("افتتح المعرض أول أمس في جدة", "2015-07-19", "-2d"),
        ("افتتح المعرض أول من أمس في جدة", "2015-07-19", "-2d"),
        # "أمس الأول" is the day before yesterday too (not yesterday)
        ("افتتح المعرض أمس الأول في جدة", "2015-07-19", "-2d"),
        ("وقع الحادث البارحة الأولى قرب الطريق", "2015-07-19", "-2d"),
    ],
)
def test_relative_days(text: str, value: str, rel: str) -> None:
    ((_, v, r),) = values(text)
    assert (v, r) == (value, rel)


@pytest.mark.parametrize(
    ("text", "value", "rel"),
    [
        ("ارتفعت الأسعار الأسبوع الماضي", "2015-W29", "-1w"),
        ("تنطلق البطولة الأسبوع المقبل", "2015-W31", "+1w"),
        ("تراجعت المبيعات الشهر الماضي", "2015-06", "-1m"),
        ("يبدأ التسجيل الشهر المقبل", "2015-08", "+1m"),
        ("ارتفع الإنتاج العام الماضي", "2014", "-1y"),
    ],
)
def test_relative_units(text: str, value: str, rel: str) -> None:
    ((_, v, r),) = values(text)
    assert (v, r) == (value, rel)


def test_today_before_to_is_still_today() -> None:
    # "اليوم إلى" folds to "اليوم الى", which is not "اليوم" + a definite adjective ("اليوم الوطني")
    assert values("يصل الوفد اليوم إلى الرياض") == [("اليوم", "2015-07-21", "0d")]
    assert values("تحتفل المدارس باليوم الوطني") == []


# -- weekdays ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "rel"),
    [
        # the most recent such day on or before the anchor
        ("اجتمع المجلس الاثنين في الرياض", "2015-07-20", "wd-"),
        ("اجتمع المجلس يوم الأربعاء في الرياض", "2015-07-15", "wd-"),
        ("اجتمع المجلس الثلاثاء في الرياض", "2015-07-21", "wd-"),  # the anchor's own day
        # الماضي: strictly before; المقبل / القادم: strictly after
        ("اجتمع المجلس الثلاثاء الماضي", "2015-07-14", "wd-"),
        ("يجتمع المجلس الثلاثاء المقبل", "2015-07-28", "wd+"),
        ("يجتمع المجلس يوم الخميس القادم", "2015-07-23", "wd+"),
        # a future clause: on or after the anchor
        ("سيخوض المنتخب مباراته الودية يوم الخميس", "2015-07-23", "wd+"),
        ("ومن المقرر أن يصل الوفد الثلاثاء", "2015-07-21", "wd+"),
        ("وسوف تعلن النتائج السبت", "2015-07-25", "wd+"),
    ],
)
def test_weekdays(text: str, value: str, rel: str) -> None:
    ((_, v, r),) = values(text)
    assert (v, r) == (value, rel)


def test_future_cue_stays_in_its_sentence() -> None:
    # "سيعقد" belongs to the sentence before: the weekday of the next one is in the past
    ((_, v, r),) = values("وسيعقد اجتماع آخر لاحقا. وقال المتحدث الأحد إن الوضع هادئ")
    assert (v, r) == ("2015-07-19", "wd-")


def test_a_noun_in_sin_is_not_a_future_verb() -> None:
    # سيارة / سنوات begin like a future verb (س + ي/ن) but are nouns: the weekday stays in the past
    assert values("انفجرت سيارة مفخخة الأحد") == [("الأحد", "2015-07-19", "wd-")]
    assert values("بعد سنوات من الغياب عاد الجمعة") == [("الجمعة", "2015-07-17", "wd-")]


def test_future_weekday_against_a_crawl_date_counts_from_the_day_before() -> None:
    # a crawl date may be a day after the text was written: "will open Monday", fetched on Tuesday
    assert values("ستفتتح الوزارة المبنى الاثنين", upper_bound=True) == [("الاثنين", "2015-07-20", "wd+")]
    assert values("ستفتتح الوزارة المبنى الاثنين") == [("الاثنين", "2015-07-27", "wd+")]


def test_friday_prayer_is_not_a_date() -> None:
    assert values("أدى المصلون صلاة الجمعة في المسجد") == []


# -- a relative day that names its weekday -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "rel"),
    [
        ("أعلنت الشركة أمس الاثنين نتائجها", "2015-07-20", "-1d"),  # agrees with the anchor
        ("أعلنت الشركة أمس (الاثنين) نتائجها", "2015-07-20", "-1d"),
        ("تعلن الشركة نتائجها غداً الأربعاء", "2015-07-22", "+1d"),
        ("أعلنت الشركة اليوم، الثلاثاء، نتائجها", "2015-07-21", "0d"),
        # disagrees: the weekday decides, the nearest such day
        ("أعلنت الشركة أمس السبت نتائجها", "2015-07-18", "-1d"),
        ("تعلن الشركة نتائجها غداً الخميس", "2015-07-23", "+1d"),
    ],
)
def test_relative_day_with_its_weekday(text: str, value: str, rel: str) -> None:
    ((t, v, r),) = values(text)
    assert (v, r) == (value, rel)
    assert any(w in t for w in ("الاثنين", "الأربعاء", "الثلاثاء", "السبت", "الخميس"))  # one span


def test_relative_day_with_its_weekday_against_a_crawl_date() -> None:
    # a crawl date is an upper bound: "غداً الخميس" fetched on Tuesday 21 was written on a Wednesday on
    # or before it, Wednesday 15, so its Thursday is the 16th (not the nearest Thursday, the 23rd)
    assert values("تعلن الشركة نتائجها غداً الخميس", upper_bound=True) == [("غداً الخميس", "2015-07-16", "+1d")]


def test_implied_publication_date() -> None:
    text = "قال الوزير اليوم الأحد إن الاجتماع الذي عقد أمس السبت كان مثمرا، ويعقد غداً الاثنين اجتماع آخر"
    assert implied_publication_date(text, TUE) == "2015-07-19"  # the Sunday before the crawl
    assert implied_publication_date("قال الوزير اليوم إن", TUE) is None  # no weekday named
    # disagreeing mentions: the most frequent day; a tie goes to the latest
    two = "أعلن أمس الاثنين ... وأكد اليوم الثلاثاء ... ثم قال اليوم الثلاثاء"
    assert implied_publication_date(two, TUE) == "2015-07-21"
    tie = "أعلن أمس الأحد ... وأكد اليوم الثلاثاء"
    assert implied_publication_date(tie, TUE) == "2015-07-21"
    assert implied_publication_date("أعلن اليوم الأربعاء", TUE, max_lag=3) is None  # 6 days before


# -- "اليوم" in a name ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # quoted: an outlet, a column, a TV programme
        "وأوضح مدير المستشفى لـ«اليوم» أن الحالة مستقرة",
        'وقال المتحدث لـ"اليوم" إن العمل مستمر',
        "نشرت «روسيا اليوم» صورا للموقع",
        'قدم الإعلامي برنامج "صباح اليوم" لسنوات',
        # after an outlet head noun, with or without a known name between
        "ذكرت صحيفة اليوم أن المشروع تأخر",
        "وبثت قناة روسيا اليوم تقريرا مصورا",
        "وأكد لصحيفة «اليوم» أن الطلب كبير",
        # a known outlet in a byline line
        "مها العتيبي – عين اليوم\nأطلقت الجمعية حملة",
        "أخبار اليوم - القاهرة\nتراجع سعر الصرف",
        # the paper's own name opening a byline line
        "اليوم - الخبر\nأعلنت الغرفة التجارية",
        # "that day / the same day / all day"
        "وفي ذلك اليوم أعلن الجيش حظر التجول",
        "وتوفي المصاب في نفس اليوم",
        "استمرت الأمطار طوال اليوم",
    ],
)
def test_today_inside_a_name_is_not_a_date(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a place name before اليوم, no outlet noun, no quotes: "Russia announced today"
        "أعلنت روسيا اليوم انسحاب قواتها",
        # a definite noun "the newspaper" is not a title: "the paper said today"
        "وقالت الصحيفة اليوم إن",
        # the quote before اليوم closes an earlier quotation
        'ووصف الاتفاق بـ"التاريخي" اليوم في مؤتمر "صحفي"',
        # a long quotation is speech, not a name
        "وقال: «إن الوفد سيصل إلى العاصمة اليوم»",
        # "عين" (was appointed) mid-sentence is not the outlet
        "وعين اليوم وزير جديد للصحة",
    ],
)
def test_today_outside_a_name_is_a_date(text: str) -> None:
    assert [(t, v) for t, v, _ in values(text)] == [("اليوم", "2015-07-21")]


# -- invariants ----------------------------------------------------------------------------------------
#: Monday first, as datetime.date.weekday()
_WD_NAMES = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
    name=st.sampled_from(_WD_NAMES),
    upper=st.booleans(),
)
def test_a_bare_weekday_is_the_last_such_day_on_or_before_the_anchor(
    day: dt.date, name: str, upper: bool
) -> None:
    ((_, v, r),) = values(f"اجتمع المجلس يوم {name} في العاصمة", day.isoformat(), upper_bound=upper)
    got = dt.date.fromisoformat(v or "")
    assert r == "wd-" and got.weekday() == _WD_NAMES.index(name)
    assert 0 <= (day - got).days <= 6


@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
    rel=st.sampled_from([("أمس", -1), ("اليوم", 0), ("غداً", 1), ("أول أمس", -2), ("بعد غد", 2)]),
    name=st.sampled_from(_WD_NAMES),
    upper=st.booleans(),
)
def test_a_relative_day_naming_a_weekday_lands_on_it(
    day: dt.date, rel: tuple[str, int], name: str, upper: bool
) -> None:
    word, off = rel
    ((_, v, _),) = values(f"قال المتحدث {word} {name} إن", day.isoformat(), upper_bound=upper)
    got = dt.date.fromisoformat(v or "")
    assert got.weekday() == _WD_NAMES.index(name)
    target = day + dt.timedelta(days=off)
    assert -6 <= (got - target).days <= (0 if upper else 3)
    # the day the text implies it was written is a day of the week up to the anchor
    said = implied_publication_date(f"قال المتحدث {word} {name} إن", day)
    assert said is not None and 0 <= (day - dt.date.fromisoformat(said)).days <= 6
    assert dt.date.fromisoformat(said) + dt.timedelta(days=off) == got or not upper
