"""Parts of a text dump's page around its title: whether it holds an article's body, which section
lines are its path and which the site's menu, and the author's and date lines under the title.

Rules of :func:`khabar.clean.classify._structure` and :func:`~khabar.clean.classify.classify_blocks`
that read the page's lines as the line model left them (issue 14: site styles the gold set lacks).
"""

from __future__ import annotations

import re

import numpy as np

from khabar.arabic.dates import find_dates
from khabar.clean import lexicon
from khabar.clean.bylines import is_clock, is_stamp_line
from khabar.clean.features import INDEX, LineInfo, agency_in
from khabar.clean.title_fallbacks import removable
from khabar.clean.titles import is_breadcrumb, is_home_crumb, is_section_name
from khabar.clean.titles import load as load_title_cues
from khabar.data import rows
from khabar.model import Block

#: an article's body (:func:`has_article_body`): the fewest consecutive long paragraphs, the fewest
#: consecutive sentences, and the fewest words each of those has
_BODY_LONG_RUN = 2
_BODY_RUN = 3
_BODY_RUN_WORDS = 12
#: the words of a paragraph's opening read for a wire dateline ("الكويت - 3 - 12 (كونا) --")
_DATELINE_WORDS = 8
#: a news item's paragraph that carries on the one before it: the fewest words of it and of the one
#: before, and its opening words (``continuation`` in ``data/line_words_ar.tsv``: "وأضاف", "كما")
_CONT_WORDS = 10
_CONTINUATION = frozenset(
    r.cols[1] for r in rows("line_words_ar.tsv", columns=2) if r.cols[0] == "continuation"
)


def has_article_body(infos: list[LineInfo]) -> bool:
    """Whether the page holds an article's body: two long paragraphs (twenty words or more) in a row,
    or three sentences of twelve words or more in a row with a long one among them, each ending in a
    full stop, "!", "؟" or a closing quote (not a colon or a semicolon, which lead into a list); or a
    long paragraph that opens with a wire dateline (an agency named in its first eight words: "الرياض
    (واس) -", "الكويت - 3 - 12 (كونا) --"), which only a news text has; or two sentences of ten words
    or more (one of them twelve) in a row, the second carrying on the first ("وأضاف …", "وأوضحت …",
    "كما …": :data:`_CONTINUATION`), as a short news item's paragraphs do and a listing's teasers,
    each about another story, do not.

    The article model reads the page's shape as a whole, so a news page in a template with many short
    lines (menus, tickers, share bars, related headlines, comment forms) scores as a listing when
    its URL is missing: on dumps written in the style of Arabic news sites the gold set lacks (a
    Drupal, a Joomla, an Echorouk-style page) its probability was 0.15-0.45 and the title went with it.
    A listing's teasers stand alone between their headlines; paragraphs that follow one another are a
    text. The page is then an article at the threshold (p = 0.5), so the model's other evidence still
    counts at the threshold's edge."""
    return article_body_start(infos) >= 0


def article_body_start(infos: list[LineInfo]) -> int:
    """Where the body :func:`has_article_body` finds starts (the index of its first line), or -1."""
    run = long_run = 0
    has_long = False
    prev: LineInfo | None = None
    for k, i in enumerate(infos):
        sentence = i.end_punct and not i.text.rstrip().endswith((":", "：", "؛", ";"))
        if sentence and prev is not None and _carries_on(prev, i):
            return k - 1
        prev = i if sentence else None
        long_run = long_run + 1 if sentence and i.long else 0
        if sentence and i.words >= _BODY_RUN_WORDS:
            run, has_long = run + 1, has_long or i.long
        else:
            run, has_long = 0, False
        if long_run >= _BODY_LONG_RUN:
            return k - long_run + 1
        if run >= _BODY_RUN and has_long:
            return k - run + 1
        if sentence and i.long and agency_in(" ".join(i.text.split()[:_DATELINE_WORDS])):
            return k
    return -1


def _carries_on(before: LineInfo, line: LineInfo) -> bool:
    """Whether ``line`` (a sentence after the sentence ``before``) is its news text's next paragraph."""
    if min(before.words, line.words) < _CONT_WORDS or max(before.words, line.words) < _BODY_RUN_WORDS:
        return False
    first = lexicon.key(line.text[:40]).split(maxsplit=1)
    return bool(first) and first[0].strip("،,:") in _CONTINUATION


#: a digest (:func:`is_digest`): the fewest items, and the fewest words of an item's headline
_DIGEST_ITEMS = 3
_ITEM_WORDS = 4


def is_digest(live: list[Block], site_lines: set[int]) -> bool:
    """Whether the page is a digest under its column's name: a first line of one to three words
    ("موجز دوليات", "موجز إعلامي", "أخبار السوق") over three items or more, each a headline of four
    words or more over its text, the first item's headline right under the name.

    A newspaper prints its short news in a column whose name is the page's title (the record's
    ``title`` field, and the gold set's title: SaudiNewsNet's first line); the line model, which
    reads a name of one to three words as a section word, takes the first item's headline for the
    title when the URL is missing (on the free SaudiNewsNet articles the titles lost without the URL
    were such digests). An article with subheadings stands under its own headline, not under a
    name; a site's masthead (``site_lines``) is no column name."""
    if len(live) < 2 * _DIGEST_ITEMS or 0 in site_lines:
        return False
    name = live[0]
    t = name.text.strip()
    if not 1 <= len(t.split()) <= _PATH_LEVELS or t[-1] in ".:؟?!،,;؛" or is_breadcrumb(t):
        return False
    if not removable(name) or name.kind not in ("section", "boilerplate", "heading"):
        return False
    items = [
        i
        for i in range(1, len(live) - 1)
        if live[i].kind in ("heading", "title")
        and len(live[i].text.split()) >= _ITEM_WORDS
        and live[i + 1].kind == "paragraph"
    ]
    return len(items) >= _DIGEST_ITEMS and items[0] == 1


#: the lines under the title read for its byline and date (:func:`credits_under_title`)
_CREDIT_LINES = 4
#: the most words of a date line under the title ("نشر في: 04 ديسمبر 2024: 10:22 ص GST")
_DATE_LINE_WORDS = 14
#: the most words of a credit line naming the site ("القاهرة- «القدس العربي»:")
_CREDIT_WORDS = 6


def credits_under_title(live: list[Block], feats: np.ndarray, keep: int, site_lines: set[int]) -> None:
    """The author's line and the date under the title, though the model removed them.

    Within the four lines under the title and above the first long paragraph, a short line the model
    (not a lexicon rule) removed is kept as
    * the byline when it opens with a byline word ("كتبت آية دعبس", "بقلم: …", "إعداد: …") or is a
      credit line naming the site (``site_lines``: "هسبريس - محمد الراجي", "أبوظبي - سكاي نيوز");
    * the date when it holds a date (the line model's date feature: "نشر في: 04 ديسمبر ,2024",
      "ديسمبر 5, 2024", "نُشر: 19:43-3 ديسمبر 2024 م").
    The model weighs the line's place too, and under the headline of a template it never saw an
    author's or a date line can lose to it; they are no chrome, and the record's ``byline`` and
    ``published`` come from them. A line that is a time stamp and nothing more
    (:func:`~khabar.clean.bylines.is_stamp_line`) is the date whatever the model made of it, under
    the title or over it (past a clock time or a reading time: "5 ديسمبر 2024" / "22:10 مساء" /
    "قراءة 2 دقائق" / headline)."""
    for i in range(keep + 1, min(keep + 1 + _CREDIT_LINES, len(live))):
        b = live[i]
        if b.text.count(" ") >= 19:
            break
        if i in site_lines and b.text.count(" ") < _CREDIT_WORDS and removable(b) and b.kind != "byline":
            b.kind, b.reason = "byline", None  # kept as text or removed, a credit line is a byline
            continue
        if b.kind in ("paragraph", "heading", "boilerplate") and removable(b) and is_stamp_line(b.text):
            b.kind, b.reason = "date", None  # "تاريخ النشر: 02 ديسمبر 2024 - 23:10" kept as text
            continue
        if b.kind != "boilerplate" or not removable(b):
            continue
        if feats[i, INDEX["byline_word"]]:
            b.kind, b.reason = "byline", None
        elif feats[i, INDEX["date_like"]] and b.text.count(" ") < _DATE_LINE_WORDS:
            b.kind, b.reason = "date", None
    for i in range(keep - 1, max(-1, keep - 1 - _CREDIT_LINES), -1):
        # a stamp over the headline ("نشر في: … | آخر تحديث: …"), past a clock time or a reading time
        b = live[i]
        if removable(b) and b.kind != "date" and is_stamp_line(b.text):
            b.kind, b.reason = "date", None
            break
        if not stamp_furniture(b):
            break
    _author_over_date(live, keep)


#: how many lines under the body's last long paragraph a date printed after the text is looked for
_DATE_AFTER_BODY = 2


def date_after_body(live: list[Block]) -> None:
    """A page with no date line anywhere gets the time stamp printed right under its text: the first
    line within two under the last long paragraph (twenty words or more) that is a stamp and nothing
    more (:func:`~khabar.clean.bylines.is_stamp_line`: "2024-12-05", "08 ديسمبر 2024"), whatever
    the model made of it.

    Some templates print the publication date at the foot of the article, between the text and the
    footer; the model, which learned the date under the headline, keeps it as text or removes it with
    the footer, and the record is left without ``published``. A date further down (a comment's, a
    related item's) is not the page's; nor is one when the page already has its date line."""
    if any(b.kind == "date" for b in live):
        return
    last = next((i for i in range(len(live) - 1, -1, -1) if live[i].text.count(" ") >= 19), -1)
    if last < 0:
        return
    for b in live[last + 1 : last + 1 + _DATE_AFTER_BODY]:
        if removable(b) and _DIGIT.search(b.text) and is_stamp_line(b.text):
            b.kind, b.reason = "date", None
            return


def stamp_furniture(b: Block) -> bool:
    """A time stamp's line or its parts: a date, a clock time or a reading time."""
    if b.kind == "date" or b.reason in ("pattern:time_stamp", "pattern:reading_time"):
        return True
    return is_clock(b.text) or is_stamp_line(b.text)


_DIGIT = re.compile(r"\d")
#: the most words of an author's line between the title and the date ("منى المحمدي مراسلة @mona_m")
_AUTHOR_WORDS = 5


def _author_over_date(live: list[Block], keep: int) -> None:
    """A name between the title and its date line is the author's: "محمد حسين" / "3-12-2024 | 13:45",
    "د. سامي الخوري" / "كاتب وأكاديمي لبناني" / "نشر في: 05/12/2024", after a bare "بواسطة" or a
    credit line naming the site ("الخبر" / "حميد يس").

    Many templates print the author's name alone, with no verb or "بقلم", between the headline and
    the date, and the line model, which learned bylines from their cue words, removes it or keeps
    it as text. Of the lines between the title and a date line within four lines under it, the
    first of two to five words with no digit, no end punctuation and no section or breadcrumb
    shape, decided by the model, is the byline (one line: a second is the author's role)."""
    stop = min(keep + 1 + _CREDIT_LINES, len(live))
    date = next((i for i in range(keep + 1, stop) if live[i].kind == "date"), None)
    if date is None:
        return
    for i in range(keep + 1, date):
        b = live[i]
        if b.kind not in ("boilerplate", "paragraph") or not removable(b):
            continue
        t = b.text.strip()
        if not 2 <= len(t.split()) <= _AUTHOR_WORDS or _DIGIT.search(t) or t[-1] in ".:؟?!،,;؛":
            return
        if is_breadcrumb(t) or is_section_name(t) or agency_in(t):
            return
        b.kind, b.reason = "byline", None
        return


#: the fewest menu lines in a row that make a menu, not a section path (a path has one to three levels)
_MENU_RUN = 4
#: the most levels of a section path given one a line
_PATH_LEVELS = 3


def menus_are_no_path(live: list[Block], keep: int, site_lines: set[int], mast: int = 0) -> None:
    """The page's section path is what stands right above its title, not the site's menu: section
    blocks that are not the path are removed (``feature:menu``).

    * The *path* is the one to three section lines right above the title ("محليات", "الرئيسية »
      لبنان » سياسة"; :func:`section_path`); section lines higher up are the menu's.
    * Without one, a run of four menu lines or more (section names one a line, lines the chrome
      lexicon removed as navigation, "الرئيسية", "اتصل بنا", and a country's name alone) is a menu:
      a path names one to three levels, a menu lists the site's sections one after another
      ("سياسة", "اقتصاد", "رياضة", "ثقافة"), and a dump that keeps its menu gave the page every
      one of them as its path.
    * The masthead (``site_lines``: the site's name over its menu) names the site, not a section;
      and its lines (the first ``mast``: "وكالة المغرب العربي للأنباء" / "MAP") credit no writer
      either, so a masthead line the model read as a byline is removed too."""
    cues = load_title_cues()

    def menu_line(b: Block) -> bool:
        if b.reason == "lexicon:nav" or b.kind == "section":
            return not is_breadcrumb(b.text)
        k = lexicon.key(b.text).strip()
        return k in cues.country or (k[:1] == "و" and k[1:] in cues.country)

    def drop(k: int) -> None:
        if live[k].kind == "section":
            live[k].kind, live[k].reason = "boilerplate", "feature:menu"

    path = section_path(live, keep)
    for k in path:
        live[k].kind, live[k].reason = "section", None
    run: list[int] = []
    for i, b in enumerate([*live, None]):
        if b is not None and menu_line(b) and i not in path:
            run.append(i)
            continue
        if len(run) >= _MENU_RUN:
            for k in run:
                drop(k)
        run = []
    for k in site_lines:
        if live[k].kind == "section" or (k < mast and live[k].kind == "byline" and removable(live[k])):
            live[k].kind, live[k].reason = "boilerplate", "feature:masthead"
    for k in range(min(path, default=0)):
        drop(k)


#: the fewest words of a standfirst (kicker) printed over the headline, between it and the path
_KICKER_WORDS = 5


def section_path(live: list[Block], keep: int) -> list[int]:
    """The blocks of the section path right above the title (``keep``), nearest first.

    * The one to three section lines right above it ("محليات"; "لبنان" / "سياسة").
    * A breadcrumb on one line right above it is the whole path, and the section lines above it are
      the menu ("أخبار" / "حوادث" / "رياضة" / "الرئيسية > أخبار > محافظات"); a bar that opens with
      the home page ("الرئيسية | مقالات", :func:`~khabar.clean.titles.is_home_crumb`) is one, though
      the furniture rules took it for a menu bar.
    * The menu's current item repeated right above the title: a run of section lines that ends in
      a line naming one of them again (a path names no level twice), or a short line the model
      removed that repeats a line of the menu at the page's top ("الإمارات" in the menu and over
      the headline).
    * A standfirst over the headline (a line of five words or more with no date or byline cue: "مشروع
      يكلف 120 مليون درهم …") and the page's time stamp (:func:`stamp_furniture`) may stand between
      the path and the title.
    The masthead and the menu do not come here: the path is read upwards from the title."""
    if keep <= 0:
        return []
    j = keep - 1
    while j > 0 and stamp_furniture(live[j]):
        j -= 1  # the date and its clock time over the headline ("5 ديسمبر 2024" / "22:10 مساء")
    if j > 0 and _kicker(live[j]):
        j -= 1
    b = live[j]
    if is_breadcrumb(b.text) or is_home_crumb(b.text):
        home = is_home_crumb(b.text) and (removable(b) or b.reason == "pattern:nav_bar")
        return [j] if home or b.kind == "section" or removable(b) else []
    run: list[int] = []
    while j - len(run) >= 0 and live[j - len(run)].kind == "section":
        run.append(j - len(run))
    key = lexicon.key(b.text).strip()
    if 0 < len(run) <= _PATH_LEVELS:
        # a path names no level twice: a short menu ("محليات" / "رياضة") and its current item
        # repeated under it ("محليات") leave that item alone as the path
        return [j] if key in {lexicon.key(live[k].text).strip() for k in run[1:]} else run
    if run:
        return [j] if key in {lexicon.key(live[k].text).strip() for k in run[1:]} else []
    if removable(b) and b.text.count(" ") < _PATH_LEVELS and _in_top_menu(live, j, key):
        return [j]
    return []


def _kicker(b: Block) -> bool:
    t = b.text
    if b.kind in ("section", "byline", "date") or t.count(" ") + 1 < _KICKER_WORDS or t.count(" ") >= 19:
        return False
    return not (is_breadcrumb(t) or agency_in(t) or find_dates(t))


def _in_top_menu(live: list[Block], j: int, key: str) -> bool:
    """Whether ``key`` is the text of a line above ``j`` inside a run of four short lines or more
    (three words at most each, no end punctuation: the site's menu)."""
    short = [b.text.count(" ") < _PATH_LEVELS and b.text.rstrip()[-1:] not in ".:؟?!،," for b in live[:j]]
    for i in range(j):
        if lexicon.key(live[i].text).strip() != key:
            continue
        lo, hi = i, i
        while lo > 0 and short[lo - 1]:
            lo -= 1
        while hi + 1 < j and short[hi + 1]:
            hi += 1
        if short[i] and hi - lo + 1 >= _MENU_RUN:
            return True
    return False
