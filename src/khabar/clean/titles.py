"""Telling a text dump's title from the furniture around it.

A dump gives the title no mark: it is one of the short lines above the first paragraph, among
breadcrumbs, section names, source tags and caption labels. The line model ranks the candidates;
these rules say which lines can never be the title, as classes that hold on any site:

* a **section name**: one to three words that all name sections (``data/titles_ar.tsv``: "أخبار محلية",
  "اخبار اقليمية", "سياسة", "Accueil | الرئيسية"), or section words and a country's name ("أخبار
  لبنان", "العناوين الرئيسية سورية": menus are as often by country as by topic; a country's name
  alone may be a tag page's title and is not one);
* a **breadcrumb**: two or more short levels joined by » › > (spaced or glued) or a spaced /, or three
  by |;
* a **label**: a short line ending in a colon ("مصدر الصورة:", "اقرأ أيضاً:") announces what follows,
  and so does a long one (ten words or more: "لمتابعة آخر الأخبار تابعونا على حساباتنا في …:"; one
  of SaudiNewsNet's 30,963 titles ends in a colon, with thirteen words);
* an **address or list lead**: a line ending in a comma ("السيد النائب،") is the start of a sentence,
  and one ending in a semicolon ("4 حبات طماطم؛") an item of a list that goes on;
* a **salutation** opening a letter, a question or an answer ("السلام عليكم ورحمة الله", "بسم الله
  الرحمن الرحيم"; ``salutation`` in ``data/titles_ar.tsv``) is the text's first line, not its name;
* a **form field**: a label ending in the required-field star ("البريد الإلكتروني *");
* a **source tag**: an outlet's name, a slash and a source word ("الوفاق/ خاص", "الرياض/ وكالات");
* an **agency's name** alone ("كونا", "(واس)"): a source credit, or an agency site's logo; and a
  line ending in an agency's credit in parentheses is a photo's caption ("… (أ.ف.ب)");
* a **listed headline**: on a tag, category or product page (an Arabic slug after /tag/, /category/,
  /products/ …) the page's heading is the tag's or the product's name; another headline there is
  one of the pages it lists or the shop's banner (:func:`off_tag`);
* a **sentence**: eight words or more ending in a full stop (not an ellipsis) is the text's first
  sentence where the dump has no headline (none of the development sites' 114 gold titles ends in
  one; six words was the bound until shop and campaign pages of the extra dumps showed six-word
  headlines with a full stop, "اعلن عن اعمالك مباشرة لجمهور متفاعل."), and a line of twenty words
  or more is running text (none of them has fifteen).

And an agency's editorial marker after the headline's last slash ("… / إضافة أولى واخيرة") is not
part of the title (:func:`wire_suffix_start`). A title the input record gives (SaudiNewsNet's
``title`` field) is matched to its line by :func:`matches_record_title`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote, urlsplit

from khabar.clean import lexicon
from khabar.data import bad_row, rows

_KINDS = {"section", "wire_suffix", "source_tag", "salutation", "currency", "home", "outlet"}
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class TitleCues:
    #: normalised section and category words
    section: frozenset[str]
    #: normalised editorial markers, longest first
    wire_suffix: tuple[str, ...]
    #: normalised source words of "outlet/ خاص" tags
    source_tag: frozenset[str]
    #: normalised openings of letters and answers, longest first
    salutation: tuple[str, ...] = ()
    #: normalised one-word country names (``data/nationalities_ar.tsv``, kind ``name``)
    country: frozenset[str] = frozenset()
    #: currency names, abbreviations and signs of a shop's prices (normalised)
    currency: frozenset[str] = frozenset()
    #: the home page's names, a breadcrumb's first level (normalised)
    home: frozenset[str] = frozenset()
    #: the words an outlet's full name opens with ("وكالة", "جريدة", "بوابة"; normalised)
    outlet: frozenset[str] = frozenset()


@cache
def load() -> TitleCues:
    """Load and check ``data/titles_ar.tsv`` (once per process)."""
    got: dict[str, set[str]] = {k: set() for k in _KINDS}
    for row in rows("titles_ar.tsv", columns=2):
        kind, phrase = row.cols
        if kind not in _KINDS or not phrase.strip():
            raise bad_row("titles_ar.tsv", row.line, "not 'kind<TAB>phrase'", row.cols)
        got[kind].add(lexicon.key(phrase))
    return TitleCues(
        frozenset(got["section"]),
        tuple(sorted(got["wire_suffix"], key=len, reverse=True)),
        frozenset(got["source_tag"]),
        tuple(sorted(got["salutation"], key=len, reverse=True)),
        frozenset(
            k
            for r in rows("nationalities_ar.tsv", columns=3)
            if r.cols[2] == "name" and " " not in (k := lexicon.key(r.cols[0]))
        ),
        frozenset(got["currency"]),
        frozenset(got["home"]),
        frozenset(got["outlet"]),
    )


def _words(text: str) -> list[str]:
    return _WORD.findall(lexicon.key(text))


def is_section_name(text: str) -> bool:
    """One to three words (a leading و allowed, separators ignored) that all name sections."""
    words = _words(text)
    if not 1 <= len(words) <= 3:
        return False
    cues = load()
    sec, country = cues.section, cues.country

    def is_sec(w: str) -> bool:
        return w in sec or (w.startswith("و") and w[1:] in sec)

    secs = sum(map(is_sec, words))
    if secs == len(words):
        return True
    return secs > 0 and all(is_sec(w) or w in country or (w[:1] == "و" and w[1:] in country) for w in words)


_ARROW_SEP = re.compile(r"\s*[»›>]\s*|\s/\s")
#: the spaced separators alone, for a line with markup or angle quotes ("<b>عاجل</b>", "‹…›"), whose
#: glued > and › close a tag or a quotation
_SPACED_SEP = re.compile(r"\s[»›>]\s|\s/\s")


#: a word quoted between two » ("لـ»السياحة» على"), as Arabic print often sets quotation marks: the
#: first » glued to the word after it, the second to the word before it and followed by a space or
#: punctuation (a glued breadcrumb "أخبار»محليات»رياضة" has a letter on both sides of each)
_REVERSED_QUOTE = re.compile(r"»(?=[^\s»])([^»\n]*?)(?<=[^\s»])»(?=[\s.,،:؛!؟?]|$)")


def is_breadcrumb(text: str) -> bool:
    """Levels of a menu path, each short: joined by » › > (spaced or glued to a level: "الاستقبال
    >اخبار"), by a spaced /, or by | in three levels or more ("title | site" has two). » inside «…» is
    a closing quotation mark, not a separator, and so are the two » around a quoted word
    ("جولات مفاجئة لـ»السياحة» على مرافق الإيواء"); a slash is one only spaced ("12/03", "الوفاق/ خاص")."""
    if text.count(" ") > 14:
        return False
    if "»" in text:
        text = _REVERSED_QUOTE.sub(lambda m: '"' + m.group(1) + '"', text)
    sep = _SPACED_SEP if "<" in text or "‹" in text else _ARROW_SEP
    if "«" not in text and sep.search(text):
        parts = sep.split(text)
    elif text.count("|") >= 2:
        parts = text.split("|")
    else:
        return False
    parts = [p for p in parts if p.strip()]
    return len(parts) >= 2 and all(p.strip().count(" ") <= 3 for p in parts)


_CRUMB_SEP = re.compile(r"\s*[|»›>]\s*|\s+/\s+")


def is_home_crumb(text: str) -> bool:
    """A breadcrumb that opens with the home page ("الرئيسية | مقالات", "Home > أخبار > محليات"):
    two to four levels of at most three words each, the first the home page's name. A bar of | is
    a menu as often as a path ("Accueil | الرئيسية"); opening with the home page and standing right
    above the headline, it is the path."""
    parts = [p for p in _CRUMB_SEP.split(text.strip()) if p.strip()]
    if not 2 <= len(parts) <= 4 or any(p.strip().count(" ") > 2 for p in parts):
        return False
    home = load().home
    keys = [" ".join(_words(p)) for p in parts]
    return keys[0] in home and any(k not in home for k in keys[1:])


def is_source_tag(text: str) -> bool:
    """ "الوفاق/ خاص": at most four words, a slash, and a source word after it."""
    if "/" not in text or text.count(" ") > 4:
        return False
    tail = _words(text[text.rfind("/") + 1 :])
    return len(tail) == 1 and tail[0] in load().source_tag


def is_salutation(text: str) -> bool:
    """A line of at most twelve words that opens with a greeting or the basmala ("السلام عليكم ورحمة
    الله وبركاته", "بسم الله الرحمن الرحيم"): how a letter, a question or an answer starts."""
    if text.count(" ") >= 12:
        return False
    k = " ".join(_words(text))
    return any(k == w or k.startswith(w + " ") for w in load().salutation)


def is_agency_name(text: str) -> bool:
    """A line of one or two words that names a news agency ("كونا", "(واس)", "رويترز", "AFP"): a
    source credit or the logo of an agency's own site, never the headline (a headline that names an
    agency says what it did: "رويترز تغلق مكتبها في …")."""
    if text.count(" ") > 1:
        return False
    # the line model's agency pattern (imported here: features imports this module's cues)
    from khabar.clean.features import agency_in

    return agency_in(text)


_CREDIT = re.compile(r"[(\[]([^()\[\]]{1,30})[)\]]\s*$")


def is_credited_caption(text: str) -> bool:
    """A photo's caption: a line that ends in its credit in parentheses, an agency or a photographer's
    agency ("جنود في بلدة جنوبية (أ.ف.ب)", "الوزير خلال اللقاء (رويترز)"). A headline credits no
    agency; its source is in the byline."""
    m = _CREDIT.search(text)
    if m is None or m.start() == 0:
        return False
    from khabar.clean.features import agency_in

    return agency_in(m.group(1))


_PRICE_NUM = re.compile(r"[0-9\u0660-\u0669][0-9\u0660-\u0669.,٫٬]*")
#: the most words of a price line ("السعر الأصلي 250 ر.س.", "منخفضة ر.س. ٦٣")
_PRICE_WORDS = 6


def is_price(text: str) -> bool:
    """A shop's price line: a number and a currency ("منخفضة ر.س. ٦٣", "₺619.00السعر", "250 جنيه"),
    six words at most (``currency`` in ``data/titles_ar.tsv``)."""
    if text.count(" ") >= _PRICE_WORDS or not _PRICE_NUM.search(text):
        return False
    k = lexicon.key(text)
    toks = set(re.split(r"[\s\d٠-٩,٫٬]+", k)) | set(re.findall(r"[$€£₺]", text))
    cur = load().currency
    return bool(toks & cur) or any(c in k for c in cur if "." in c)


def title_reject(text: str) -> str | None:
    """Why ``text`` cannot be a page's title (a short reason), or None if it can."""
    t = text.strip()
    if not t:
        return "empty"
    if is_section_name(t):
        return "section_name"
    if is_breadcrumb(t):
        return "breadcrumb"
    if is_source_tag(t):
        return "source_tag"
    if t.endswith((":", "：")) and (t.count(" ") < 4 or t.count(" ") >= 9):
        return "label"
    if t.endswith(("،", ",", "؛", ";")):
        return "open_sentence"
    if t.endswith("*") and t.count(" ") < 6:
        return "form_field"
    if is_salutation(t):
        return "salutation"
    if is_agency_name(t):
        return "agency_name"
    if is_credited_caption(t):
        return "caption"
    if t.endswith(".") and not t.endswith("..") and t.count(" ") >= 7:
        return "sentence"
    if t.count(" ") >= 19:
        return "running_text"
    return None


#: a masthead (:func:`masthead`): the most lines it has, the most words of each
_MASTHEAD_LINES = 4
_MASTHEAD_WORDS = 3
#: the most words of a slogan under the logo
_SLOGAN_WORDS = 4
#: the most words of an outlet's full name as its logo ("وكالة المغرب العربي للأنباء")
_OUTLET_WORDS = 6
#: short item lines in a row that make a menu without section words
_ITEM_RUN = 4


def masthead(texts: list[str], nav: list[bool]) -> int:
    """How many of the page's first lines are its masthead (the site's name, logo text or slogan):
    the short lines (three words at most, no end punctuation, no digit) above the page's first menu,
    when that menu starts within the first four lines; 0 when there is none. A menu is two menu
    lines in a row (section names, or lines the chrome lexicon calls navigation, flagged in
    ``nav``), or failing one, four short item lines in a row (a sports site's competitions).

    A dump starts where the page starts, with the logo ("الشرق الأوسط", "بوابة الأهرام", "CNN
    Arabic") and then the menu; the line model, which has seen the title at the top of many dumps,
    takes the logo for it. A headline is followed by its byline, date or text, never by a menu, and
    has more than three words (a dump whose first line is the page's ``<title>`` keeps it). A date
    line beside the logo ("الخميس 4 جمادى الآخرة 1446هـ - 5 ديسمبر 2024م") is part of the masthead,
    and a number part of a name ("فرانس 24"), and so are the header's widgets (:func:`is_widget`:
    "الرياض 31°", "الدولار 3.75 ريال", "الفجر 05:12")."""
    menu = [is_section_name(t) or n for t, n in zip(texts, nav, strict=True)]
    item = [_masthead_line(t) and not _DIGIT.search(t) for t in texts]  # menu items carry no number
    last = min(_MASTHEAD_LINES, len(texts) - 2)

    def section_menu(m: int) -> bool:
        return menu[m] and menu[m + 1]

    def item_menu(m: int) -> bool:  # four short items in a row ("كأس العالم", "الدوري الإسباني" …)
        return m + _ITEM_RUN <= len(texts) and all(item[m : m + _ITEM_RUN])

    for starts in (section_menu, item_menu):
        m = next((m for m in range(1, last + 1) if starts(m)), 0)
        if m:
            head = texts[:m]
            # the logo's line, then its slogan or the date ("صحيفة يومية سياسية مستقلة")
            ok = (_masthead_line(head[0]) or is_outlet_name(head[0])) and all(
                _masthead_line(t, _SLOGAN_WORDS) or _dated(t) or is_widget(t) or is_outlet_name(t)
                for t in head
            )
            return m if ok and not any(menu[:m]) else 0
    return 0


_DIGIT = re.compile(r"\d")
#: a reading of a header widget: a clock time, a decimal, degrees or a percentage
_READING = re.compile(r"\d\s*[:.٫]\s*\d|°|%|٪")


def is_widget(text: str) -> bool:
    """A header widget's line: three words at most with a reading in them (the weather "الرياض 31°",
    an exchange rate "الدولار 3.75 ريال", a prayer time "الفجر 05:12"). Templates print them between
    the logo and the menu; they name no site (not in :func:`masthead_names`) and no section."""
    t = text.strip()
    return 0 < t.count(" ") + 1 <= _MASTHEAD_WORDS and _READING.search(t) is not None


def _masthead_line(text: str, words: int = 0) -> bool:
    """A line a masthead may have: three words at most (``words``: a slogan's four), no end
    punctuation, and a number only as part of a name ("فرانس 24"), not a date or a clock time."""
    t = text.strip()
    if not t or t.count(" ") >= (words or _MASTHEAD_WORDS) or t[-1] in ".:؟?!،,":
        return False
    return not _DIGIT.search(t) or (":" not in t and not _dated(t))


def is_outlet_name(text: str) -> bool:
    """An outlet's full name as its logo prints it: up to six words opening with an outlet word
    (``outlet`` in ``data/titles_ar.tsv``: "وكالة المغرب العربي للأنباء", "بوابة الوفد الإلكترونية"),
    with no digit and no end punctuation. An agency's or a paper's name runs past the three words of
    a logo line; over the menu it is still the masthead, not the headline (a headline that opens with
    "وكالة" says what the agency did, and stands over its text, not over a menu)."""
    t = text.strip()
    ws = _words(t)
    return (
        bool(ws)
        and ws[0] in load().outlet
        and t.count(" ") < _OUTLET_WORDS
        and t[-1] not in ".:؟?!،,"
        and not _DIGIT.search(t)
    )


def _dated(text: str) -> bool:
    from khabar.arabic.dates import find_dates

    return bool(find_dates(text))


def masthead_names(texts: list[str]) -> list[str]:
    """The site's names among a masthead's lines (a date line the template prints beside the logo is
    none)."""
    return [t for t in texts if (_masthead_line(t) or is_outlet_name(t)) and not is_widget(t)]


def names_site(text: str, sites: list[str]) -> bool:
    """Whether ``text`` is a credit line naming the site: one of the masthead's lines (``sites``) and
    at most three words more ("أبوظبي - سكاي نيوز عربية", "بيروت: «الشرق الأوسط»", "سبق- الرياض"),
    or the site's name again. A headline that names the outlet says more than that."""
    k = " ".join(_words(text))
    for site in sites:
        s = " ".join(_words(site))
        if s and f" {s} " in f" {k} " and len(_words(text)) - len(_words(site)) <= 3:
            return True
    return False


def wire_suffix_start(text: str) -> int | None:
    """Where an agency's editorial marker at the end of a headline starts (with the "/" or " - "
    before it), or None: "… يفتتح سوق عكاظ / إضافة أولى واخيرة" → the offset of " / ". A marker of
    two words or more ("إضافة ثانية وأخيرة") is recognised without a separator too; a one-word one
    ("تابع") only after one, as a headline may end in that word."""
    k = lexicon.key(text)
    for w in load().wire_suffix:
        if not k.endswith(w):
            continue
        # the marker's first character in the display text: as many words back as the marker has
        words = text.split()
        n = w.count(" ") + 1
        if len(words) <= n:
            return None
        j = len(text.rstrip())
        for _ in range(n):
            j = text.rstrip().rfind(" ", 0, j)
        head = text[:j].rstrip()
        if head.endswith(("/", "-", "–")):
            head = head[:-1].rstrip()
        elif n == 1:
            return None
        return len(head) if head else None
    return None


def matches_record_title(block_text: str, record_title: str) -> bool:
    """Whether a line is the title the input record gives: the same words, or the record's title
    followed by a site name or marker (a dump's first line often adds " - site")."""
    a, b = lexicon.key(block_text), lexicon.key(record_title)
    if not a or not b:
        return False
    return a == b or (a.startswith(b) and len(b) >= 0.5 * len(a))


def _content(text: str) -> set[str]:
    # the line model's content words (و/ف/ال peeled), so a tag and a headline are compared as the
    # features compare lines; imported here, as features imports the furniture rules, which import
    # this module's cues
    from khabar.clean.features import text_content_words

    return text_content_words(text)


def _url_path(uri: str) -> str:
    try:
        return unquote(urlsplit(uri).path)
    except ValueError:
        return ""


_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
#: a tag, category, label or product page's URL, and the path after the keyword
_TAG_URL = re.compile(
    r"/(?:tags?|category|categories|label|labels|topics?|hashtag|product-category|product-tag|products?)"
    r"/([^?#]+)",
    re.IGNORECASE,
)


def tag_words(uri: str | None) -> set[str]:
    """The content words of the tag, category or product a URL names in Arabic: the last Arabic
    segment after the keyword ("/tag/ماريو/page/2/" → {"ماريو"}, "/product-category/عناية/صابون/" →
    {"صابون"}), or an empty set when the URL names none. A Latin slug ("/tag/mario/") may name an
    Arabic tag: there is no word to compare."""
    m = _TAG_URL.search(_url_path(uri)) if uri else None
    if m is None:
        return set()
    segs = [g for g in m.group(1).split("/") if _ARABIC_LETTER.search(g)]
    return _content(segs[-1].replace("-", " ").replace("_", " ")) if segs else set()


def off_tag(text: str, tag_ws: set[str]) -> str | None:
    """``"listed_headline"`` when the page is a tag, category or product page and ``text`` is not the
    tag's or the product's name: such a page's heading is the tag ("ماريو", "نيوكاسل يونايتد") or the
    product, and any other headline on it is one of the listed pages' or the shop's banner (most of
    its content words are not the slug's). None otherwise."""
    if not tag_ws:
        return None
    ws = _content(text)
    return "listed_headline" if not ws or len(ws & tag_ws) * 2 < len(ws) else None
