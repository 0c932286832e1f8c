"""The title of a text dump when the line model names none: the fallbacks of
:func:`khabar.clean.classify._structure`, each for a class of page.

* :func:`headline_below`: the headline under a section word the model took for the title;
* :func:`title_by_agreement`: a short line above the body that the body's words or the URL's slug
  confirm;
* :func:`verse_title`: a poem's title over a page of short punctuated lines.

Each returns the index of the title among the page's live blocks, or -1; ``exclude`` names lines that
are never the title (the masthead and the credit lines naming the site: :func:`~khabar.clean.titles.
masthead`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from functools import cache

import numpy as np

from khabar.clean import lexicon
from khabar.clean.features import INDEX, LineInfo, content_words
from khabar.clean.titles import is_breadcrumb, is_price, is_section_name, title_reject
from khabar.data import rows
from khabar.model import Block

#: line features that say a line is a byline or a date, not a headline (agency, "بقلم …", "الرياض -",
#: a date, a weekday)
NOT_HEADLINE = tuple(INDEX[f] for f in ("agency", "byline_sep", "byline_word", "date_like", "weekday"))
#: the fewest words of a headline taken below a section word (a reporter's name has two to four)
_HEADLINE_MIN_WORDS = 5


def headline_below(
    live: list[Block], demoted: list[int], first_para: int, feats: np.ndarray, exclude: Collection[int] = ()
) -> int:
    """The headline under a section word the model took for the title, or -1.

    The model reads a page's lines in turn: once it names the section word ("منوعات") the title, it
    reads the line below as what stands under a title (a byline, a date), and the page is left with no
    title when the section word is ruled out. So the title moves one line down: the model-decided line
    right below the section word, above the body's first long paragraph, that can be a title
    (:func:`~khabar.clean.titles.title_reject`), has five words or more and no byline or date cue
    (agency, byline word or separator, a date, a weekday). Trained on the extra dumps the model read
    such a headline as a byline (title probability 0.46 -> 0.17)."""
    for i in demoted:
        j = i + 1
        if j >= min(first_para, len(live)):
            continue
        b = live[j]
        if (
            j not in exclude
            and removable(b)
            and b.kind != "section"
            and b.text.count(" ") + 1 >= _HEADLINE_MIN_WORDS
            and title_reject(b.text) is None
            and not feats[j, list(NOT_HEADLINE)].any()
        ):
            return j
    return -1


#: the title by agreement (:func:`_title_by_agreement`): the lines above the body it looks at, the words
#: a candidate may have, the least share of its content words the body or the URL must confirm, and
#: the fewest confirmed words
_AGREE_WINDOW = 8
_AGREE_MAX_WORDS = 15
_AGREE_SHARE = 0.6
_AGREE_MIN = 2
#: a sentence of a short news item's body (no line of twenty words) whose words confirm a title
_SHORT_BODY_WORDS = 10


def title_by_agreement(
    live: list[Block],
    infos: list[LineInfo],
    url_ws: set[str],
    feats: np.ndarray,
    first_para: int,
    exclude: Collection[int] = (),
) -> int:
    """The line above the body that the page itself confirms as its title, or -1 (``url_ws``: the
    content words of the page URL's slug, empty for a listing URL or none).

    The last resort on an article page when the model named no title and no line above the body was
    likely enough: a short line above the first long paragraph whose content words come back in the
    page's long paragraphs (a headline announces its text; a menu word or another page's headline
    does not), or that holds most of the content words of the URL's slug (the CMS wrote the slug from
    the headline; not a listing URL's, whose slug names a category the menu repeats). Only above the
    body: a line below the first paragraph is a subheading, and a page whose dump starts with its
    text lost its headline (the gold's "no title"); taking a line there that both the body and the
    slug name (a product's name under its description) cost the in-sample title 0.950 -> 0.945, one
    page more wrong than it set right. The line must be able to be a title
    (:func:`~khabar.clean.titles.title_reject`), carry no byline or date cue and share at least
    ``_AGREE_SHARE`` of its content words (of the slug's, for the URL) and two of them; the
    best-confirmed line wins, the first on a tie (of a headline printed twice, the copy nearer
    the body). The lines read are the eight nearest above the body, not the page's first eight: a
    template's logo, menu and ticker often fill more than eight lines before the headline (a KUNA-
    or Joomla-style dump)."""
    body: set[str] = set()
    for line in infos:
        if line.long:
            body |= content_words(line)
    if not body:
        # a short news item: its sentences from the body's start (``first_para``) on
        for line in infos[first_para:]:
            if line.end_punct and line.words >= _SHORT_BODY_WORDS:
                body |= content_words(line)
    best, best_share = -1, 0.0
    end = min(first_para, len(live))
    for i in range(max(0, end - _AGREE_WINDOW), end):
        b, info = live[i], infos[i]
        if i in exclude or not removable(b) or info.long or info.words > _AGREE_MAX_WORDS:
            continue
        if b.kind in ("byline", "date"):
            continue
        if title_reject(b.text) is not None or feats[i, list(NOT_HEADLINE)].any():
            continue
        ws = content_words(info)
        if len(ws) < _AGREE_MIN:
            continue
        body_share = len(ws & body) / len(ws) if len(ws & body) >= _AGREE_MIN else 0.0
        url_share = len(ws & url_ws) / len(url_ws) if len(ws & url_ws) >= _AGREE_MIN else 0.0
        share = max(body_share, url_share)
        # a headline printed twice (a ticker's or the page heading's copy, then the article's) is
        # the copy nearest the body, under which the page's own section path stands
        echo = best >= 0 and b.text.strip() == live[best].text.strip()
        if share >= _AGREE_SHARE and (share > best_share or echo):
            best, best_share = i, share
    return best


#: the words of a first kept line over the body (:func:`first_kept_headline`)
_FIRST_KEPT_WORDS = (4, 15)


def first_kept_headline(
    live: list[Block],
    infos: list[LineInfo],
    feats: np.ndarray,
    first_para: int,
    credits: Collection[int] = (),
) -> int:
    """The line right over the body's first long paragraph when it is the headline of a short page,
    or -1: a short line (four to fifteen words, no end punctuation, no byline or date cue) that the
    model kept as text or a heading with nothing kept above it, or that stands under a credit line
    naming the site (``credits``: "الشعب ـ وهران", "أخبارنا المغربية ـ الرباط"). A brief's headline
    under the site's credit line, over a lead and one short paragraph: the model read it as text,
    or removed it with the credit line, and the page, short, scored as a listing."""
    i = first_para - 1
    if i < 0 or first_para >= len(live) or not removable(live[i]) or i in credits:
        return -1
    under_credit = i - 1 in credits
    if not under_credit:
        if live[i].kind not in ("paragraph", "heading") or live[i].reason:
            return -1
        if any(b.reason is None and b.kind not in ("section", "boilerplate") for b in live[:i]):
            return -1
    lo, hi = _FIRST_KEPT_WORDS
    if not lo <= infos[i].words <= hi or infos[i].end_punct or feats[i, list(NOT_HEADLINE)].any():
        return -1
    return i if title_reject(live[i].text) is None else -1


#: a tag page's name (:func:`tag_name_title`): its most words, the fewest lines that repeat it and
#: their least share of the page's lines
_TAG_WORDS = 3
_TAG_MIN_LINES = 5
_TAG_SHARE = 0.3


def tag_name_title(
    live: list[Block], infos: list[LineInfo], feats: np.ndarray, exclude: Collection[int] = ()
) -> int:
    """A tag or topic page's name, or -1: on a page that keeps no text (a list of other pages'
    headlines and teasers), its first line, of one to three words, whose words come back on five
    lines of the page or more, and on three in ten of them: the page lists what it names ("ماريو"
    over "سوبر ماريو بروس …", "ماريو كارت …"). With its URL (/tag/<name>/) the model finds it; a
    crawler's dump often has none."""
    first = next((i for i, b in enumerate(live) if removable(b)), -1)
    if first < 0 or first in exclude or infos[first].words > _TAG_WORDS:
        return -1
    b = live[first]
    if title_reject(b.text) is not None or feats[first, list(NOT_HEADLINE)].any():
        return -1
    ws = content_words(infos[first])
    if not ws:
        return -1
    hits = sum(ws <= content_words(line) for k, line in enumerate(infos) if k != first)
    return first if hits >= _TAG_MIN_LINES and hits >= _TAG_SHARE * (len(infos) - 1) else -1


#: a product page (:func:`product_name_title`): the page's first lines searched for a price, the short
#: lines (SKU, stock) skipped above it, and the name's words
_PRICE_WINDOW = 10
_PRICE_SKIP = 2
_PRODUCT_WORDS = (2, 14)


def product_name_title(live: list[Block], infos: list[LineInfo], exclude: Collection[int] = ()) -> int:
    """A product page's name, or -1: the line over the page's first price ("سجادة صلاه" over
    "منخفضة ر.س. ٦٣"), above a stock or SKU line or two ("وحدة SKU: …", "متوفر"), among the page's
    first ten lines. A shop prints a product's name, then its price; without the URL (/product/…)
    the model read the name as one more line of the shop's chrome."""
    j = next((k for k in range(min(_PRICE_WINDOW, len(live))) if is_price(live[k].text)), -1)
    i = j - 1
    for _ in range(_PRICE_SKIP):
        if i > 0 and infos[i].words <= 3 and (infos[i].words == 1 or ":" in live[i].text):
            i -= 1
    if i < 0 or i in exclude or not removable(live[i]):
        return -1
    lo, hi = _PRODUCT_WORDS
    if not lo <= infos[i].words <= hi or infos[i].end_punct or title_reject(live[i].text) is not None:
        return -1
    return -1 if is_price(live[i].text) else i


#: the most words of a model title the body may overrule (:func:`confirmed_below`)
_OVERRULED_WORDS = 3


def confirmed_below(
    live: list[Block], infos: list[LineInfo], feats: np.ndarray, keep: int, exclude: Collection[int] = ()
) -> int:
    """The title when the model's is a menu item the body does not confirm and a line below it, above
    the body, is confirmed ("الألعاب" between "عن النادي" and "اتصل بنا" over the headline). The
    model's title (``keep``) stands unless it has at most three words, stands next to a line the
    chrome lexicon removed (a menu's), none of its content words comes back in the page's long
    paragraphs, and :func:`title_by_agreement` (body words only) finds a line between it and the
    body's first long paragraph. Without the menu next to it, a short first line is a column's name
    over the item it heads ("استشارات", "موجز دوليات" in SaudiNewsNet: the record's title), and
    stays."""
    if keep < 0 or infos[keep].words > _OVERRULED_WORDS:
        return keep
    near = [live[k] for k in (keep - 1, keep + 1) if 0 <= k < len(live)]
    if not any(b.reason is not None and b.reason.startswith("lexicon:") for b in near):
        return keep
    body: set[str] = set()
    for line in infos:
        if line.long:
            body |= content_words(line)
    if content_words(infos[keep]) & body:
        return keep
    first_para = next((i for i, line in enumerate(infos) if line.long), len(infos))
    if first_para <= keep:
        return keep
    below = set(range(keep + 1)) | set(exclude)
    found = title_by_agreement(live, infos, set(), feats, first_para, below)
    return found if found > keep else keep


#: the words a headline over its byline may have (:func:`headline_over_byline`)
_OVER_BYLINE_WORDS = (4, 19)
#: the byline or date lines between the headline and the first one read
_OVER_BYLINE_SKIP = 2


def headline_over_byline(
    live: list[Block], feats: np.ndarray, first_para: int, exclude: Collection[int] = ()
) -> int:
    """The line right above the page's byline or date, or -1: a headline over its author's line
    ("كريم باجو /كرونو نيوز") or its date above the body, even one that ends in a full stop, which
    the sentence rule (:func:`~khabar.clean.titles.title_reject`) reads as the text's first
    sentence. Only the last byline or date above the first long paragraph is read, with up to two
    more byline or date lines, or lines of three words or fewer, over it ("الرياض - محمد العتيبي",
    "رؤيا نيوز" over the date); the line above them
    must have four to nineteen words, no byline or date cue, and no other reason not to be a title;
    the text's first sentence is under the byline, not over it."""
    end = min(first_para, len(live))
    # a credit line naming the site ("القاهرة- «القدس العربي»:", in ``exclude``) stands as a byline
    j = next((k for k in range(end - 1, 0, -1) if live[k].kind in ("byline", "date") or k in exclude), -1)
    if j < 1:
        return -1
    i = j - 1
    # the author's line and the date stand together: "الرياض - محمد العتيبي" over the date
    for _ in range(_OVER_BYLINE_SKIP):
        short = live[i].text.count(" ") < _OVER_BYLINE_WORDS[0] - 1  # "رؤيا نيوز": a credit, no headline
        if i > 0 and (live[i].kind in ("byline", "date") or feats[i, list(NOT_HEADLINE)].any() or short):
            i -= 1
    b = live[i]
    lo, hi = _OVER_BYLINE_WORDS
    if i in exclude or not removable(b) or b.kind in ("byline", "date", "section"):
        return -1
    if b.reason == "feature:same_start_run":  # the last of a run of look-alike items, not a headline
        return -1
    if not lo <= b.text.count(" ") + 1 <= hi or feats[i, list(NOT_HEADLINE)].any():
        return -1
    return i if title_reject(b.text) in (None, "sentence") else -1


#: a verse page (:func:`_verse_title`): the title's most words, the lines below it read, the fewest of
#: them that end in punctuation, and their least share
_VERSE_TITLE_WORDS = 6
_VERSE_LINES = 12
_VERSE_MIN = 4
_VERSE_SHARE = 0.5
_VERSE_END = (".", "،", ",", "!", "؟", "?", "…", ":", "؛")


def verse_title(
    live: list[Block], infos: list[LineInfo], feats: np.ndarray, exclude: Collection[int] = ()
) -> int:
    """A poem's or a prose poem's title: the first line of a page of short lines that end in
    punctuation, or -1.

    A page with no long line is a menu, a list of links or verse; the model, which reads its short
    lines as a menu's, removes the first one as well as the rest. Verse is told from a menu by its
    line ends: a menu's items end in no punctuation, verse lines end in a comma, a full stop, "..",
    "!" or "؟". So on a page with no long line, the first model-decided line, of at most six words,
    that can be a title and carries no byline or date cue, is the title when at least half of the
    next twelve model-decided lines, and four or more, end in punctuation, or when they rhyme
    (:func:`_rhymes`: Nabati verse, unpunctuated)."""
    first = next((i for i, b in enumerate(live) if removable(b)), -1)
    if first < 0 or first in exclude:
        return -1
    b, info = live[first], infos[first]
    if info.words > _VERSE_TITLE_WORDS or b.kind in ("byline", "date"):
        return -1
    if title_reject(b.text) is not None or feats[first, list(NOT_HEADLINE)].any():
        return -1
    below = [c.text.rstrip() for c in live[first + 1 :] if removable(c)][:_VERSE_LINES]
    ends = sum(t.endswith(_VERSE_END) for t in below)
    if ends >= _VERSE_MIN and ends >= _VERSE_SHARE * len(below):
        return first
    return first if _rhymes([i for j, i in enumerate(infos) if j > first and removable(live[j])]) else -1


#: Nabati verse (:func:`_rhymes`): the fewest lines read, their words, and the least share of them
#: whose last two letters another line's repeat
_RHYME_LINES = 8
_RHYME_WORDS = (3, 12)
_RHYME_SHARE = 0.6


def _rhymes(infos: list[LineInfo]) -> bool:
    """Whether the first twelve lines are verse by their rhyme: Nabati verse ends its lines in no
    punctuation, but keeps one or two rhymes (each hemistich's last letters come back: "واحتله" /
    "المله", "بالحان" / "الاشجان"); at least eight lines, each of three to twelve words (a menu's
    items have one or two), and six in ten or more ending in two letters another line ends in."""
    lines = infos[:_VERSE_LINES]
    lo, hi = _RHYME_WORDS
    if len(lines) < _RHYME_LINES or not all(lo <= i.words <= hi for i in lines[1:]):
        return False  # the first may be the poet's name
    ends = Counter(i.key.rstrip()[-2:] for i in lines)
    return sum(c for c in ends.values() if c > 1) >= _RHYME_SHARE * len(lines)


#: the words of a headline over its standfirst (:func:`headline_over_standfirst`), and the fewest
#: of its content words the body must repeat
_STANDFIRST_HEAD_WORDS = (4, 15)
_STANDFIRST_CONFIRM = 2
#: under the page's furniture, how many words more than its headline a standfirst has at least (a
#: kicker printed over the headline is about as long as it or longer)
_STANDFIRST_LONGER = 2


def headline_over_standfirst(
    live: list[Block],
    infos: list[LineInfo],
    feats: np.ndarray | None,
    exclude: Collection[int] = (),
    keep: int = 1,
) -> bool:
    """Whether the page's first line is its headline and the model's title (the second line) the
    standfirst under it: "لهذا السبب.. تأخر استقدام العاملات …" over "مكاتب الاستقدام تنتظر …".

    A dump that starts with its headline (a record's title field, a page without chrome above the
    headline) and prints a standfirst under it gives the model two headline-shaped lines; it reads
    the second, nearer the byline and the body, as the title. The first line is the headline when it
    can be one (:func:`~khabar.clean.titles.title_reject`, four to fifteen words, no full stop, no
    byline or date cue, not the masthead) and the body repeats two of its content words or more (a
    site's name over a headline is not repeated by the text).

    Under a masthead and a section path (``keep``: the model's title further down) the same pair
    stands below the page's furniture: "تقارير" / "كيف تواجه تونس أزمة الأدوية؟" / "مرضى يشتكون …".
    There the line over the model's title is the headline when, besides the above, the line over
    it is furniture (a section line or a removed menu line, not text) and it has two words fewer
    than the model's title at least: a standfirst says more than its headline, while a kicker a site
    prints over the headline ("فوز عريض في نصف النهائي …" over "الفريق الوطني يتأهل …") is about as
    long as it or longer, and the model's title stays."""
    h = keep - 1
    if h < 0 or len(live) < keep + 2 or h in exclude or not removable(live[h]):
        return False
    if live[h].kind in ("byline", "date", "section"):
        return False
    if h > 0:
        above = live[h - 1]
        path = above.kind == "section" or is_section_name(above.text) or is_breadcrumb(above.text)
        if not (path or above.reason in ("lexicon:nav", "feature:menu", "feature:masthead")):
            return False
        if infos[h].words > infos[keep].words - _STANDFIRST_LONGER:
            return False
    head, info = live[h], infos[h]
    lo, hi = _STANDFIRST_HEAD_WORDS
    if not lo <= info.words <= hi or head.text.rstrip()[-1:] in ".:،,;؛" or info.long:
        return False
    if feats is None or title_reject(head.text) is not None or feats[h, list(NOT_HEADLINE)].any():
        return False
    body: set[str] = set()
    for line in infos[keep + 1 :]:
        if line.long:
            body |= content_words(line)
    return len(content_words(info) & body) >= _STANDFIRST_CONFIRM


@cache
def _given_names() -> frozenset[str]:
    """Arabic given names (``names_given_ar.tsv`` and ``names_given_hand_ar.tsv``, the person
    extractor's lists), on khabar's normalised view."""
    names = [r.cols[0] for f in ("names_given_ar.tsv", "names_given_hand_ar.tsv") for r in rows(f) if r.cols]
    return frozenset(lexicon.key(n).replace(" ", "") for n in names if n.strip())


#: the words of a headline the model read as a byline (:func:`headline_read_as_byline`)
_TOP_BYLINE_WORDS = (3, 15)


def headline_read_as_byline(
    live: list[Block], feats: np.ndarray | None, exclude: Collection[int] = ()
) -> int:
    """The page's first line when the model read it as a byline though it has no byline's mark, on a
    page left with no title: 0, or -1.

    A dump that starts with its headline and goes straight into its text (an opinion column, a
    travel piece: no author line between) gives the model a short line over the body where it
    learned to expect the author; with the URL the slug confirms the headline, without it the page
    had no title. A byline carries a mark: a byline word or separator, an agency, a date, a weekday
    (the line features), or a person's given name first ("سامي الخوري"). A line of three to
    fifteen words with none of them, no digit and no full stop, that can be a title
    (:func:`~khabar.clean.titles.title_reject`), is the headline."""
    if not live or feats is None or 0 in exclude:
        return -1
    b = live[0]
    words = b.text.split()
    lo, hi = _TOP_BYLINE_WORDS
    if b.kind != "byline" or not removable(b) or not lo <= len(words) <= hi:
        return -1
    if (
        b.text.rstrip()[-1:] in ".،,;؛"
        or any(c.isdigit() for c in b.text)
        or feats[0, list(NOT_HEADLINE)].any()
    ):
        return -1
    if title_reject(b.text) is not None or lexicon.key(words[0]).strip('«"(') in _given_names():
        return -1
    return 0


def removable(b: Block) -> bool:
    """A block the model (not a lexicon or pattern rule) decided: its kind may still change."""
    return b.reason is None or b.reason.startswith(("feature:", "model:"))
