"""A text dump's title on its first lines, when the fallbacks of :mod:`khabar.clean.title_fallbacks`
found none, and the headline under a page's ``<title>`` line (issue 14, eighth round).

* :func:`headline_under_page_title`: the headline printed alone under the page's ``<title>`` line
  ("headline - site") the model took for the title;
* :func:`first_line_title`: the page's first line, by its class (a long quotation headline over its
  byline, a headline read as a heading over the text, a listing page's own heading).

Each returns the index of the title among the page's live blocks, or -1.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import numpy as np

from khabar.clean import lexicon
from khabar.clean.features import INDEX, LineInfo, content_words
from khabar.clean.title_fallbacks import NOT_HEADLINE, removable
from khabar.clean.titles import off_tag, title_reject
from khabar.model import Block

#: the words of a page's first heading taken for its title (:func:`first_heading_title`)
_FIRST_HEADING_WORDS = (2, 15)
#: the kinds of kept text a first heading stands over
_TEXT_KINDS = ("paragraph", "list_item", "quote")


def first_heading_title(
    live: list[Block], infos: list[LineInfo], feats: np.ndarray | None, exclude: Collection[int] = ()
) -> int:
    """The page's first line when the model read it as a heading over the page's text, on a page left
    with no title: 0, or -1.

    A dump that opens straight with its headline over a list or a column's text ("قوانين احترام
    الذات" over "1. لا تقارن نفسك …") gives the model a short line over running text, which inside a
    page is a subheading. Nothing stands above it, so it heads the whole page: the title, when it can
    be one (:func:`~khabar.clean.titles.title_reject`, two to fifteen words, no byline or date cue)
    and the line under it is kept text."""
    if len(live) < 2 or feats is None or 0 in exclude:
        return -1
    b, info = live[0], infos[0]
    lo, hi = _FIRST_HEADING_WORDS
    if b.kind != "heading" or not removable(b) or info.long or not lo <= info.words <= hi:
        return -1
    if title_reject(b.text) is not None or feats[0, list(NOT_HEADLINE)].any():
        return -1
    return 0 if live[1].kind in _TEXT_KINDS else -1


#: the words of a long headline over its byline (:func:`long_headline_over_byline`)
_LONG_HEAD_WORDS = (4, 35)


def long_headline_over_byline(
    live: list[Block], feats: np.ndarray | None, exclude: Collection[int] = ()
) -> int:
    """The page's first line when it stands over a byline that stands over the text: 0, or -1.

    A quotation headline runs long ("إمام الحرم: من أخذ بكل زلة على كل أحد فلن يبقى له …", twenty
    words and more) and often ends in a colon before a part number; the title rules read it as
    running text or a label, and the body's first long paragraph, which the fallbacks look above,
    is the headline itself. At the top of the page, over a byline (the model's byline with a byline
    word, a separator or an agency: "واس - مكة المكرمة", "الرياض-الوئام:") over the text, it is the
    headline when it has four to thirty-five words and ends in no full stop or comma (a lead
    paragraph over its author ends its sentence)."""
    if feats is None or len(live) < 3 or 0 in exclude:
        return -1
    head, by, text = live[0], live[1], live[2]
    if not removable(head) or head.kind in ("byline", "date", "section", "title"):
        return -1
    lo, hi = _LONG_HEAD_WORDS
    t = head.text.strip()
    if not lo <= t.count(" ") + 1 <= hi or t[-1:] in ".،,;؛":
        return -1
    cue = feats[1, INDEX["byline_word"]] or feats[1, INDEX["byline_sep"]] or feats[1, INDEX["agency"]]
    if by.kind != "byline" or not cue or text.kind not in ("paragraph", "list_item", "quote"):
        return -1
    return 0


#: the least title probability of a listing page's first line taken for its title
#: (:func:`first_line_of_listing`), the words it has, the lines under it read for look-alike
#: items and the share of its content words such an item repeats
FIRST_LINE_P = 0.25  # = classify._TITLE_FALLBACK_P (not imported: classify imports this module)
_FIRST_LINE_WORDS = (4, 15)
_LOOKALIKE_LINES = 1
_LOOKALIKE_SHARE = 0.5


def first_line_of_listing(
    live: list[Block],
    infos: list[LineInfo],
    p_title: np.ndarray,
    exclude: Collection[int] = (),
    tag_ws: set[str] | None = None,
) -> int:
    """The first line of a page scored as a listing, when the model found it likely enough a title
    though not likeliest (``p_title``: the blocks' title probabilities): 0, or -1.

    On a page the article model calls a listing, the fallbacks skip the lines the model removed:
    there they are mostly other pages' headlines. The page's own first line is the exception: a
    dump starts with the page's heading when it has one (a video or gallery item's headline, a tag
    or a category name), and the model, without the article's text to read, gives it a title
    probability of a quarter or more (the least any fallback candidate needs,
    :data:`khabar.clean.classify._TITLE_FALLBACK_P`; 0.35 was tried first, and took one held-out page
    fewer and two free pages fewer) but removes it. It is the title when it can be one
    (:func:`~khabar.clean.titles.title_reject`, four to fifteen words: a shorter line over a list
    of headlines is the site's name, as in a masthead) and is not the first of a list of look-alike
    items: the line right under it does not repeat half its content words ("كراسة الخط العربي
    للصف الأول" over "كراسة الخط العربي للصف السادس"; a photo's caption further down may repeat
    its headline). On a tag page (``tag_ws``: the words of the URL's tag) it must be the tag's name,
    as any title there."""
    if len(live) < 1 or 0 in exclude or not removable(live[0]) or p_title[0] < FIRST_LINE_P:
        return -1
    b = live[0]
    if (
        b.kind in ("byline", "date", "section")
        or not _FIRST_LINE_WORDS[0] <= infos[0].words <= _FIRST_LINE_WORDS[1]
    ):
        return -1
    if title_reject(b.text) is not None or off_tag(b.text, tag_ws or set()) is not None:
        return -1
    ws = content_words(infos[0])
    for info in infos[1 : 1 + _LOOKALIKE_LINES]:
        if ws and len(ws & content_words(info)) >= _LOOKALIKE_SHARE * len(ws):
            return -1
    return 0


#: the separators a page's ``<title>`` puts between the headline and the site's name, and the most
#: words of that name
_PAGE_TITLE_SEP = re.compile(r"\s+[-–—|:]{1,2}\s+")
_PAGE_TITLE_SITE_WORDS = 4


def headline_under_page_title(live: list[Block], keep: int) -> int:
    """The headline printed alone below the page's ``<title>`` line the model took for the title:
    its index, or -1.

    A dump that opens with the page's ``<title>`` ("الأمطار تغلق الطرق في عمان - جريدة الغد") prints
    the headline again over the text, alone; the model, which has seen the title at the top of many
    dumps, takes the first. The title is the line below when it is exactly the ``<title>``'s text
    before its last separator (" - ", " | ", " – ", " :: "), the part after it a name of four words
    at most, and it stands above the body's first long paragraph. Only an exact copy moves it: a
    standfirst or another page's headline repeats no whole part of it."""
    if keep < 0 or keep >= len(live):
        return -1
    text = live[keep].text.strip()
    seps = list(_PAGE_TITLE_SEP.finditer(text))
    if not seps or not (site := text[seps[-1].end() :].strip()) or site.count(" ") >= _PAGE_TITLE_SITE_WORDS:
        return -1
    head = lexicon.key(text[: seps[-1].start()])
    if head.count(" ") < 2:
        return -1
    for j in range(keep + 1, len(live)):
        if live[j].text.count(" ") >= 19:
            break  # the body's first long paragraph
        if removable(live[j]) and lexicon.key(live[j].text) == head:
            return j
    return -1


def first_line_title(
    live: list[Block],
    infos: list[LineInfo],
    feats: np.ndarray | None,
    p_title: np.ndarray,
    is_article: bool,
    exclude: Collection[int] = (),
    tag_ws: set[str] | None = None,
) -> int:
    """The page's first line as its title, by the last fallbacks of a page left without one: a long
    quotation headline over its byline (:func:`long_headline_over_byline`), a headline the model
    read as a heading over the text (:func:`first_heading_title`), and on a page scored as a listing
    its own first line (:func:`first_line_of_listing`); 0, or -1."""
    keep = long_headline_over_byline(live, feats, exclude)
    if keep < 0:
        keep = first_heading_title(live, infos, feats, exclude)
    if keep < 0 and not is_article:
        keep = first_line_of_listing(live, infos, p_title, exclude, tag_ws)
    return keep
