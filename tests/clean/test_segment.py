"""khabar.clean.segment: lines of a raw dump, and the chrome glued to the start or end of a line.
Examples written for these tests (no gold or tuning page)."""

from __future__ import annotations

from khabar.clean.segment import find_tail, iter_lines, segment_raw, split_line


def test_lines_by_every_line_break_and_blank_lines_skipped() -> None:
    # \r\n, a lone \r (old Mac exports) and \n; a whitespace-only line is no line
    assert list(iter_lines("أ\r\nب\r\r ج \n\n")) == [(0, 1), (3, 4), (6, 9)]
    assert list(iter_lines("سطر\n   \nآخر")) == [(0, 3), (8, 11)]


def test_a_tag_list_glued_to_the_end_of_a_paragraph_is_cut_off() -> None:
    """Reason: CMS templates print "الكلمات الدلالية" on the article's last line."""
    text = (
        "وقال الوزير إن المحادثات ستستأنف الأسبوع المقبل في العاصمة الأردنية عمان "
        "الكلمات الدلالية: الأردن المحادثات الوزير"
    )
    cut, reason = find_tail(text) or (0, "")
    assert text[cut:].startswith("الكلمات الدلالية") and reason == "lexicon:tags_suffix"
    assert split_line(text) == [(0, cut - 1, None), (cut, len(text), "lexicon:tags_suffix")]


def test_a_read_more_link_glued_after_the_full_stop_is_cut_off() -> None:
    text = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة حمص وسط البلاد.اقرأ المزيد"
    assert split_line(text)[-1] == (text.index("اقرأ"), len(text), "lexicon:read_more_suffix")


def test_a_sentence_that_ends_in_a_full_stop_keeps_its_end() -> None:
    """Reason: every tail rule leaves the line without its own full stop; "المزيد" inside a sentence stays."""
    text = "وأضاف أن الحكومة ستعلن المزيد من الإجراءات خلال الأيام المقبلة لمواجهة الأزمة."
    assert find_tail(text) is None and split_line(text) == [(0, len(text), None)]


def test_a_short_line_is_left_to_the_classifier() -> None:
    # whole-line chrome ("اقرأ أيضا: …", "شارك:") is the line model's and the lexicon's decision
    assert split_line("اقرأ أيضا: الحكومة تقر الموازنة") == [(0, 31, None)]


def test_blocks_keep_their_raw_offsets_and_invisible_lines_are_kept_as_removed() -> None:
    raw = "عنوان الخبر\n\u200b\u200c\nنص الفقرة الأولى من الخبر هنا.\n"
    blocks = segment_raw(raw)
    assert [(b.kind, b.reason) for b in blocks] == [
        ("paragraph", None),
        ("boilerplate", "pattern:empty_after_repair"),  # nothing lost: the line stays, removed
        ("paragraph", None),
    ]
    for b in blocks:
        assert raw[b.raw_start : b.raw_end] == (b.text if b.kind == "paragraph" else "\u200b\u200c")


def test_a_share_bar_glued_in_front_of_the_first_sentence_is_cut_off() -> None:
    # why (samples H and I): Okaz's "شارك من خلال تويتر فيسبوك … اكتب رأيك" opened the body's line, and
    # تويتر، فيسبوك، جوجل became organisations of every such article
    text = "شارك من خلال تويتر فيسبوك اكتب رأيك أعلنت الوزارة أمس عن خطة جديدة للنقل العام في المدن."
    pieces = split_line(text)
    assert pieces[0][2] == "lexicon:share_lead" and text[pieces[0][0] : pieces[0][1]].endswith("اكتب رأيك")
    assert text[pieces[1][0] : pieces[1][1]].startswith("أعلنت") and pieces[1][2] is None
    # the phrase alone on its line is left to the line rules
    assert split_line("شارك من خلال تويتر فيسبوك اكتب رأيك") == [(0, 35, None)]
