"""Parts of a text dump's page around its title: whether it holds an article's body, which section
lines are its path and which the site's menu, and the author's and date lines under the title.

Rules of :func:`khabar.clean.classify._structure` and :func:`~khabar.clean.classify.classify_blocks`
that read the page's lines as the line model left them (issue 14: site styles the gold set lacks).
"""

from __future__ import annotations

import numpy as np

from khabar.clean import lexicon
from khabar.clean.features import INDEX, LineInfo, agency_in
from khabar.clean.title_fallbacks import removable
from khabar.clean.titles import is_breadcrumb
from khabar.clean.titles import load as load_title_cues
from khabar.model import Block

#: an article's body (:func:`has_article_body`): the fewest consecutive long paragraphs, the fewest
#: consecutive sentences, and the fewest words each of those has
_BODY_LONG_RUN = 2
_BODY_RUN = 3
_BODY_RUN_WORDS = 12
#: the words of a paragraph's opening read for a wire dateline ("الكويت - 3 - 12 (كونا) --")
_DATELINE_WORDS = 8


def has_article_body(infos: list[LineInfo]) -> bool:
    """Whether the page holds an article's body: two long paragraphs (twenty words or more) in a row,
    or three sentences of twelve words or more in a row with a long one among them, each ending in a
    full stop, "!", "؟" or a closing quote (not a colon or a semicolon, which lead into a list); or a
    long paragraph that opens with a wire dateline (an agency named in its first eight words: "الرياض
    (واس) -", "الكويت - 3 - 12 (كونا) --"), which only a news text has.

    The article model reads the page's shape as a whole, so a news page in a template with many short
    lines (menus, tickers, share bars, related headlines, comment forms) scores as a listing when
    its URL is missing: on dumps written in the style of Arabic news sites the gold set lacks (a
    Drupal, a Joomla, an Echorouk-style page) its probability was 0.15-0.45 and the title went with it.
    A listing's teasers stand alone between their headlines; paragraphs that follow one another are a
    text. The page is then an article at the threshold (p = 0.5), so the model's other evidence still
    counts at the threshold's edge."""
    run = long_run = 0
    has_long = False
    for i in infos:
        sentence = i.end_punct and not i.text.rstrip().endswith((":", "：", "؛", ";"))
        long_run = long_run + 1 if sentence and i.long else 0
        if sentence and i.words >= _BODY_RUN_WORDS:
            run, has_long = run + 1, has_long or i.long
        else:
            run, has_long = 0, False
        if long_run >= _BODY_LONG_RUN or (run >= _BODY_RUN and has_long):
            return True
        if sentence and i.long and agency_in(" ".join(i.text.split()[:_DATELINE_WORDS])):
            return True
    return False


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
    ``published`` come from them."""
    for i in range(keep + 1, min(keep + 1 + _CREDIT_LINES, len(live))):
        b = live[i]
        if b.text.count(" ") >= 19:
            break
        if i in site_lines and b.text.count(" ") < _CREDIT_WORDS and removable(b) and b.kind != "byline":
            b.kind, b.reason = "byline", None  # kept as text or removed, a credit line is a byline
            continue
        if b.kind != "boilerplate" or not removable(b):
            continue
        if feats[i, INDEX["byline_word"]]:
            b.kind, b.reason = "byline", None
        elif feats[i, INDEX["date_like"]] and b.text.count(" ") < _DATE_LINE_WORDS:
            b.kind, b.reason = "date", None


#: the fewest menu lines in a row that make a menu, not a section path (a path has one to three levels)
_MENU_RUN = 4
#: the most levels of a section path given one a line
_PATH_LEVELS = 3


def menus_are_no_path(live: list[Block], keep: int, site_lines: set[int]) -> None:
    """The page's section path is what stands right above its title, not the site's menu: section
    blocks that are not the path are removed (``feature:menu``).

    * The *path* is the one to three section lines right above the title ("محليات", "الرئيسية »
      لبنان » سياسة"); section lines higher up are the menu's.
    * Without one, a run of four menu lines or more (section names one a line, lines the chrome
      lexicon removed as navigation, "الرئيسية", "اتصل بنا", and a country's name alone) is a menu:
      a path names one to three levels, a menu lists the site's sections one after another
      ("سياسة", "اقتصاد", "رياضة", "ثقافة"), and a dump that keeps its menu gave the page every
      one of them as its path.
    * The masthead (``site_lines``: the site's name over its menu) names the site, not a section."""
    cues = load_title_cues()

    def menu_line(b: Block) -> bool:
        if b.reason == "lexicon:nav" or b.kind == "section":
            return not is_breadcrumb(b.text)
        k = lexicon.key(b.text).strip()
        return k in cues.country or (k[:1] == "و" and k[1:] in cues.country)

    def drop(k: int) -> None:
        if live[k].kind == "section":
            live[k].kind, live[k].reason = "boilerplate", "feature:menu"

    path: list[int] = []
    j = keep - 1
    while keep > 0 and j >= 0 and live[j].kind == "section":
        path.append(j)
        j -= 1
    if len(path) > _PATH_LEVELS:
        path = []
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
        if live[k].kind == "section":
            live[k].kind, live[k].reason = "boilerplate", "feature:masthead"
    for k in range(min(path, default=0)):
        drop(k)
