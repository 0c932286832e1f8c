"""Page furniture by shape (khabar.clean.furniture): share and menu bars, reading-time badges.

The examples are written for the test (no line copied from the gold set or the peer pages); each
says which class of template line it stands for.
"""

from __future__ import annotations

import pytest

from khabar.api import process_text
from khabar.clean.furniture import furniture_reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Facebook Twitter", "pattern:share_bar"),  # two network names are a share bar, not a heading
        ("Partager sur Facebook", "pattern:share_bar"),  # French share button
        ("شارك عبر: واتساب تلغرام", "pattern:share_bar"),  # Arabic share row
        ("Home | الرئيسية", "pattern:nav_bar"),  # a bilingual menu
        ("الرئيسية | من نحن | اتصل بنا", "pattern:nav_bar"),  # a footer menu
        ("3 min read", "pattern:reading_time"),  # English reading-time badge
        ("7 دقائق قراءة", "pattern:reading_time"),  # Arabic badge
        ("وقت القراءة: 4 دقائق", "pattern:reading_time"),
        # not furniture
        ("الرئيسية » الخليج » الكويت", None),  # a breadcrumb is a section path, kept
        ("فيسبوك تحظر حسابات مزيفة", None),  # a headline about a network
        ("انتهى الاجتماع بعد 40 دقيقة من بدايته", None),  # a duration in a sentence
    ],
)
def test_furniture_reason(line: str, reason: str | None) -> None:
    assert furniture_reason(line) == reason


def test_share_bar_is_removed_not_a_heading() -> None:
    raw = (
        "وزارة البيئة تطلق حملة لزراعة مليون شجرة\n"
        "Facebook Twitter WhatsApp\n"
        "أطلقت وزارة البيئة اليوم حملة وطنية لزراعة مليون شجرة في المدن والقرى خلال العام المقبل، "
        "بمشاركة المتطوعين والمدارس والبلديات في جميع المناطق."
    )
    doc = process_text(raw, id="t")
    bar = next(b for b in doc.blocks if b.text.startswith("Facebook"))
    assert bar.kind == "boilerplate" and bar.reason == "pattern:share_bar"


def test_furniture_counts_as_chrome_for_the_neighbours() -> None:
    """A furniture line is a lexicon hit for the line features (its neighbours see chrome), with its
    own removal reason."""
    from khabar.clean import lexicon
    from khabar.clean.features import LineInfo

    info = LineInfo("Facebook Twitter", lexicon.load())
    assert info.shape == "pattern:share_bar" and info.lex == "share"
    plain = LineInfo("الحكومة تقر الموازنة", lexicon.load())
    assert plain.shape is None and plain.lex is None
