"""Bylines, datelines and time stamps (khabar.clean.bylines), on both input paths.

Every example here was written for the test (made-up names and places in the shapes Arabic news sites
print), not copied from the peer pages whose failures motivated the rules."""

from __future__ import annotations

import pytest

from khabar.api import process_text
from khabar.clean.bylines import (
    agency_dateline,
    has_writer_cue,
    is_clock,
    is_counter,
    is_reading_time,
    is_weekday_only,
    split_stamp,
    writer_name,
)
from khabar.model import Source

BODY = (
    "قال المتحدث باسم الوزارة إن العمل في المشروع سيبدأ خلال الأسابيع المقبلة بعد استكمال الدراسات "
    "الفنية، وإن الكلفة الإجمالية ستعلن في مؤتمر صحفي يعقد لهذا الغرض."
)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        # the feminine verb is one word: كتبت is never كتب + "ت" (the name kept whole)
        ("كتبت مريم السعدي", "مريم السعدي"),
        ("كتب: خالد يوسف", "خالد يوسف"),
        ("كتبوا محمد علي وسعاد حسن", "محمد علي وسعاد حسن"),
        ("بقلم: ليلى عبد الرحمن", "ليلى عبد الرحمن"),
        ("إعداد - هالة منصور", "هالة منصور"),
        ("تحرير: سامر نجم", "سامر نجم"),
        # a leading dash or tatweel (ـ) before the cue, as Egyptian and Gulf papers print bylines
        ("ـ كتب سعيد حامد", "سعيد حامد"),
        ("- بقلم نادر كمال", "نادر كمال"),
        # a name without a cue, and a name with the day's date after it
        ("عمر الفاروق", "عمر الفاروق"),
        ("كتبت نور حسين 3 مارس 2021", "نور حسين"),
        # a cue word inside a name is not cut: كتبي is a family name, not the verb
        ("أحمد الكتبي", "أحمد الكتبي"),
        # a CMS's "written by" and "posted by" rows (Joomla, Blogger): the cue is two words
        ("نشر بواسطة: منى الشريف", "منى الشريف"),
        ("كتب بواسطة سليم حداد", "سليم حداد"),
    ],
)
def test_writer_name_keeps_the_name_whole(line: str, name: str) -> None:
    assert writer_name(line) == name


@pytest.mark.parametrize(
    "line",
    [
        "5 min",
        "4 دقائق للقراءة",
        "دقيقتان قراءة",
        "10:45 م",
        "الخميس،",
        "يوم السبت",
        "الأحد 3 مايو 2020، آخر تحديث 10:00",
    ],
)
def test_labels_where_bylines_sit_name_nobody(line: str) -> None:
    # reading times, clock times and weekdays sit in the byline row of many templates
    assert writer_name(line) is None


def test_reading_time_clock_and_weekday() -> None:
    assert is_reading_time("3 min read") and is_reading_time("6 دقائق للقراءة")
    assert not is_reading_time("قراءة في كتاب جديد") and not is_reading_time("3 دقائق من الصمت في الملعب")
    assert is_clock("10:45 م") and is_clock("| 08:15") and is_clock("21:05 (GMT+0300)")
    assert not is_clock("10:45 م بتوقيت مكة قال الوزير")
    assert (
        is_weekday_only("الأربعاء،")
        and is_weekday_only("يوم الجمعة")
        and not is_weekday_only("الجمعة 3 مايو")
    )
    assert has_writer_cue("- كتب فلان") and not has_writer_cue("الكتبي")


def test_update_stamp_is_modified_not_published() -> None:
    # a stamp with both parts: published before the cue, modified after it
    s = split_stamp("نشر في 2 يونيو 2022 - آخر تحديث 4 يونيو 2022")
    assert (s.published, s.modified) == ("2022-06-02", "2022-06-04")
    # one moment with a clock time after the cue: the date is the update's day
    s = split_stamp("الخميس، 9 أيار/مايو 2019، آخر تحديث 11:30 (GMT+0300)")
    assert (s.published, s.modified) == (None, "2019-05-09")
    assert split_stamp("Updated: 12 March 2020").modified == "2020-03-12"
    assert split_stamp("السبت 7 نوفمبر 2020").published == "2020-11-07"


@pytest.mark.parametrize(
    ("text", "place", "agency"),
    [
        ("جدة (واس) - وصل وفد الوزارة إلى المدينة", "جدة", "واس"),
        ("عمان - أ ف ب: قال مسؤول أردني", "عمان", "أ ف ب"),
        ("بغداد – رويترز – أعلنت الحكومة", "بغداد", "رويترز"),
        ("كونا - الكويت: استقبل ولي العهد", "الكويت", "كونا"),
        ("الخرطوم، السودان (د ب أ) - قالت مصادر", "الخرطوم، السودان", "د ب أ"),
        ("تونس - وفا", "تونس", "وفا"),
    ],
)
def test_agency_dateline_keeps_the_place(text: str, place: str, agency: str) -> None:
    dl = agency_dateline(text)
    assert dl is not None and (dl.place, " ".join(dl.agency.split())) == (place, agency)


@pytest.mark.parametrize("text", ["قال الوزير - في مؤتمر صحفي - إن العمل بدأ", "كتب - رويترز - قال", BODY])
def test_no_agency_dateline(text: str) -> None:
    assert agency_dateline(text) is None


def test_text_dump_agency_dateline_and_byline() -> None:
    # a text dump whose first paragraph opens with the agency's dateline
    raw = "الوزارة تعلن موعد بدء المشروع الجديد\nالدمام (واس) - " + BODY + "\n" + BODY + "\n"
    doc = process_text(raw, id="d")
    assert doc.dateline == "الدمام"
    assert doc.byline == "واس"
    assert "الدمام (واس)" in doc.text  # the paragraph itself is untouched


def _page(
    header: str, body: str = f"<p>{BODY}</p><p>{BODY}</p>", head: str = "", url: str | None = None
) -> str:
    return (
        f"<html lang='ar'><head><meta charset='utf-8'>{head}<title>افتتاح جسر جديد فوق النهر - موقع المدينة"
        "</title></head><body><nav><a href='/'>الرئيسية</a> <a href='/a'>محليات</a></nav><article>"
        f"<h1>افتتاح جسر جديد فوق النهر</h1>{header}<div class='body'>{body}</div></article>"
        "<footer>جميع الحقوق محفوظة لموقع المدينة 2023</footer></body></html>"
    )


def _html(page: str, url: str | None = None):  # type: ignore[no-untyped-def]
    return process_text(page, id="p", source=Source(uri=url, format="html"))


def test_html_date_row_is_one_date_block() -> None:
    # weekday, date and clock time in one span: one date, no weekday dateline, no clock-time byline
    doc = _html(
        _page("<div class='date'>الخميس، 14 سبتمبر 2023 09:30 م</div><div class='by'>كتبت سلمى فؤاد</div>")
    )
    kinds = [(b.kind, b.text) for b in doc.blocks if b.kind in ("date", "dateline", "byline")]
    assert ("date", "الخميس، 14 سبتمبر 2023 09:30 م") in kinds
    assert not any(k == "dateline" for k, _ in kinds)
    assert doc.byline == "سلمى فؤاد"
    assert doc.dateline is None and doc.published == "2023-09-14"


def test_html_update_stamp_and_url_date() -> None:
    # the page shows only its last update; the URL gives the publication day
    doc = _html(
        _page("<div class='stamp'>الأحد، 3 أيلول/سبتمبر 2017، آخر تحديث 16:20 (GMT+0300)</div>"),
        url="https://news.example/2017/local/8/30/bridge.opening/index.html",
    )
    assert doc.published == "2017-08-30" and doc.published_source == "url"
    assert doc.modified == "2017-09-03"
    rec = doc.to_record()
    assert rec["modified"] == "2017-09-03"


def test_html_declared_modified_date() -> None:
    head = (
        "<meta property='article:published_time' content='2021-02-01T08:00:00Z'>"
        "<meta property='article:modified_time' content='2021-02-03T10:00:00Z'>"
    )
    doc = _html(_page("", head=head))
    assert (doc.published, doc.modified) == ("2021-02-01", "2021-02-03")


def test_html_reading_time_is_no_byline() -> None:
    doc = _html(_page("<div class='meta'><div>كتب رامي سليم</div><div>4 min</div></div>"))
    assert doc.byline == "رامي سليم"
    removed = {b.text: b.reason for b in doc.blocks if b.kind == "boilerplate"}
    assert "4 min" not in doc.text or removed.get("4 min") == "pattern:reading_time"


def test_html_lead_in_a_heading_tag_is_a_paragraph() -> None:
    # some templates set the lead in an <h2>: a 30-word sentence with commas is no subheading
    lead = (
        "أعلنت البلدية، صباح اليوم، افتتاح الجسر الجديد فوق النهر بعد عامين من العمل المتواصل، وذلك "
        "بحضور عدد من المسؤولين والسكان الذين انتظروا المشروع طويلا لتخفيف الزحام في وسط المدينة"
    )
    doc = _html(_page("", body=f"<h2>{lead}</h2><p>{BODY}</p><h2>تفاصيل المشروع</h2><p>{BODY}</p>"))
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds[lead] == "paragraph"
    assert kinds["تفاصيل المشروع"] == "heading"


def test_comment_policy_paragraph_is_removed() -> None:
    policy = (
        "يسعدنا أن نتلقى آراءكم ومشاركاتكم، وحرصا على جودة النقاش يقوم فريق التحرير بمراجعة التعليقات قبل "
        "نشرها، ونرجو منكم الالتزام بقواعد النشر المعمول بها في الموقع وعدم الإساءة إلى أي شخص أو جهة."
    )
    doc = _html(_page("", body=f"<p>{BODY}</p><p>{BODY}</p><p>{policy}</p>"))
    got = next(b for b in doc.blocks if b.text == policy)
    assert (got.kind, got.reason) == ("boilerplate", "lexicon:comment_policy")
    # the text path too
    doc = process_text(f"عنوان الخبر عن الجسر الجديد\n{BODY}\n{BODY}\n{policy}\n", id="t")
    assert policy not in doc.text


@pytest.mark.parametrize(
    ("stamp", "published", "modified"),
    [
        ("نشر في 3 مايو 2020 - آخر تحديث 5 مايو 2020", "2020-05-03", "2020-05-05"),
        # only the update is shown: it is never the publication date
        ("آخر تحديث: الثلاثاء 5 مايو 2020 - 10:20", None, "2020-05-05"),
        ("الأربعاء، 6 مايو 2020 - 07:00 ص", "2020-05-06", None),
    ],
)
def test_text_dump_stamps(stamp: str, published: str | None, modified: str | None) -> None:
    raw = f"الوزارة تعلن موعد بدء المشروع الجديد\n{stamp}\nكتبت مريم السعدي\n{BODY}\n{BODY}\n"
    doc = process_text(raw, id="t")
    assert (doc.published, doc.modified) == (published, modified)
    assert doc.byline == "مريم السعدي"
    assert doc.dateline is None  # "نشر في", "آخر تحديث:" and a weekday are no place
    assert [b.kind for b in doc.blocks[1:3]] == ["date", "byline"]


@pytest.mark.parametrize(
    ("line", "dateline", "byline"),
    [
        ("الطائف - واس:", "الطائف", "واس"),
        ("د ب أ - برلين", "برلين", "د ب أ"),
        # a writer's name with the place in brackets is a byline, brackets kept whole
        ("منى العتيبي (الطائف)", None, "منى العتيبي (الطائف)"),
    ],
)
def test_byline_line_that_is_an_agency_dateline(line: str, dateline: str | None, byline: str) -> None:
    raw = f"الوزارة تعلن موعد بدء المشروع الجديد\n{line}\n{BODY}\n{BODY}\n"
    doc = process_text(raw, id="t")
    assert doc.blocks[1].kind == "byline"
    assert (doc.dateline, doc.byline) == (dateline, byline)


def test_own_outlet_is_no_dateline_place() -> None:
    # "الجزيرة - واس" on Al Jazirah's own pages: the paper and the agency, not the region
    raw = f"الوزارة تعلن موعد بدء المشروع الجديد\nالجزيرة (واس) - {BODY}\n{BODY}\n"
    doc = process_text(raw, id="t", source=Source(site="aljazirah"))
    assert doc.dateline is None and doc.byline == "واس"
    doc = process_text(raw, id="t", source=Source(site="sabq"))
    assert doc.dateline == "الجزيرة"


def test_declared_author_that_is_the_site_gives_way_to_a_visible_writer() -> None:
    # many CMSs fill the author meta with the site's name; the byline row names the writer
    head = "<meta name='author' content='موقع المدينة'><meta property='og:site_name' content='موقع المدينة'>"
    doc = _html(_page("<div class='by'>بقلم: وداد الحسن</div>", head=head))
    assert doc.byline == "وداد الحسن"
    # a declared author that is a person stays
    doc = _html(
        _page("<div class='by'>بقلم: وداد الحسن</div>", head="<meta name='author' content='رنا خليل'>")
    )
    assert doc.byline == "رنا خليل"


@pytest.mark.parametrize(
    ("line", "counter"),
    [
        ("المشاهدات: 845", True),
        ("عدد الزيارات 77", True),
        ("1,204 مشاهدة", True),
        ("Views: 12", True),
        ("التعليقات (0)", True),
        ("مشاهدة 4 أفلام في يوم واحد", False),  # a headline that counts something else
        ("سمير 12", False),
    ],
)
def test_page_counters_are_no_bylines(line: str, counter: bool) -> None:
    """why: templates print a views or comments counter in the byline row, and a short line with a
    colon there reads as a byline; a counter names nobody."""
    assert is_counter(line) is counter


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("السبت 14/مارس/2023 - 09:05 ص", "2023-03-14"),  # the month between slashes
        ("نشر بتاريخ: 3 حزيران/يونيو 2023", "2023-06-03"),
        ("تاريخ الإضافة: 7 كانون2/يناير 2023", "2023-01-07"),  # a numbered Levantine month
    ],
)
def test_stamps_in_cms_locale_shapes_are_read(line: str, published: str) -> None:
    """why: some templates print the month between slashes or a Levantine month numbered beside the
    Gregorian one (a CMS locale); the date reader read neither and the record had no publication."""
    assert split_stamp(line).published == published


def test_a_stamp_line_is_a_date_and_nothing_more() -> None:
    """why: a template's stamp under or over the headline is the record's date whatever the line
    model made of it; a place or a sentence with a date is no stamp."""
    from khabar.clean.bylines import is_stamp_line

    assert is_stamp_line("14-03-2023 09:05")
    assert is_stamp_line("تاريخ النشر: 14 مارس 2023 - 09:05 | آخر تحديث: 15 مارس 2023")
    assert not is_stamp_line("جدة 14 مارس 2023")
    assert not is_stamp_line("يفتتح المعرض أبوابه في 14 مارس 2023")


def test_a_stamp_over_the_headline_past_its_clock_time_is_the_date() -> None:
    """why: some templates print the date and the clock time over the headline, with the section
    above them; the date was removed, the record had no publication and the path was lost."""
    raw = (
        "الرئيسية\nمحليات\nاقتصاد\nرياضة\nمنوعات\nاقتصاد\n14 مارس 2023\n09:05 صباحا\n"
        "الوزارة تطلق برنامجا جديدا لدعم المشروعات الصغيرة في المحافظات\n"
        "أطلقت وزارة الاقتصاد برنامجا جديدا لدعم المشروعات الصغيرة والمتوسطة في جميع المحافظات، بتمويل "
        "يصل إلى خمسمئة مليون خلال ثلاث سنوات، في إطار خطتها لتنويع مصادر الدخل وتوفير فرص العمل.\n"
        "وأوضحت الوزارة أن البرنامج يقدم قروضا ميسرة وتدريبا لأصحاب المشروعات، وأن باب التسجيل يفتح "
        "الأسبوع المقبل عبر المنصة الإلكترونية للوزارة."
    )
    doc = process_text(raw, id="t")
    assert str(doc.published)[:10] == "2023-03-14"
    assert doc.sections == ["اقتصاد"]


def test_a_publication_cue_after_the_update_names_the_dates_after_it() -> None:
    """why: some templates print the last update first and the publication after it on one line;
    the dates after the update cue were all read as the update and the record had no publication."""
    stamp = split_stamp("آخر تحديث: 2023/03/15 - نشر: 2023/03/14")
    assert (stamp.published, stamp.modified) == ("2023-03-14", "2023-03-15")
