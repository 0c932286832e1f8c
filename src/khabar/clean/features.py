"""Line features for the block classifier.

Every feature is generic (length, punctuation, script ratios, lexicon hits, position, neighbours,
document shape): nothing names a site. The same function computes them at training time
(``scripts/train_lines.py``, from the gold set) and at run time, so the shipped model and the code
cannot drift apart. Values are floats in roughly [0, 1].
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

from khabar.arabic.normalize import normalize
from khabar.clean import lexicon

_WORD_BINS = ((1, 1), (2, 2), (3, 3), (4, 6), (7, 12), (13, 25), (26, 60), (61, 10**9))
_LETTER = re.compile(r"[^\W\d_]")
_ARABIC = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_SYMBOL = re.compile(r"[^\w\s\u0600-\u06ff.,،؛:!?؟\"'«»()\-–]")
_BULLET = re.compile(r"^[-–—•*·▪●◦►✓✔]\s*")
_NUMBERED = re.compile(r"^[(\[]?[0-9\u0660-\u0669]{1,3}\s*[.)\-–:]\s*")
_SEP = re.compile(r"\s[»›>|/]\s|\s[»›>|]|[»›>|]\s")
_URL = re.compile(r"https?://|www\.|\S+@\S+\.\w+|\.com\b|\.net\b|\.org\b")
_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*(?:[صمت]\s*[مغص]?|am|pm|AM|PM)?$")

# wire agencies and generic source words seen in bylines across Arabic outlets (normalised spelling)
_AGENCIES = re.compile(
    r"(?:^|[\s(\-–ـ:/])(?:واس|ا\s?ف\s?ب|ا\.\s?ف\.\s?ب\.?|رويترز|وكالات|الوكالات|د\s?ب\s?ا|د\.\s?ب\.\s?ا\.?|الاناضول|سانا|وام|قنا|كونا|بترا|"
    r"بنا|العمانيه|الانباء|يو\s?بي\s?اي|اسوشيتد برس|شينخوا|سبوتنيك|ا ش ا|afp|reuters|ap|dpa|xinhua|mena)(?:$|[\s)\-–ـ:/.])",
    re.IGNORECASE,
)
_BYLINE_WORD = re.compile(
    r"^[*\s]*(?:بقلم|كتب|كتبت|كتبه|اعداد|اعدها|تقرير|تحقيق|حوار|تصوير|ترجمه|متابعه|متابعات|مراسل|مراسله|المحرر|محرر|"
    r"المصدر|نقلا عن|بواسطه|ارسل|par|by)\b",
)
_MONTHS = (
    "يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر "
    "جانفي فيفري افريل ماي جوان جويليه اوت "
    "كانون الثاني شباط اذار نيسان ايار حزيران تموز اب ايلول تشرين الاول "
    "محرم صفر ربيع جمادي رجب شعبان رمضان شوال القعده الحجه "
    "january february march april may june july august september october november december"
)
_MONTH_RE = re.compile(r"\b(?:" + "|".join(sorted(set(_MONTHS.split()), key=len, reverse=True)) + r")\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[34]\d\d|19\d\d|20\d\d)\b")
_NUMDATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
_WEEKDAY = re.compile(r"\b(?:السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_AGO = re.compile(r"^(?:منذ|قبل)\s+\S+")
_END_PUNCT = ".!?؟…:؛;»\"”)'"
_HARAKAT = re.compile(r"[\u064b-\u0652]")
# Arabic function words (normalised): prose and verse are full of them, menus and tag lists are not
_FUNCTION = frozenset(
    "في من على الي ان عن مع ما لا لم لن قد هذا هذه ذلك تلك التي الذي الذين كان كانت او ثم حتي اذا "
    "كل بعد قبل بين عند لكن بل هو هي هم انه انها منذ غير الا ولا وما وقد وهو وهي وان فان فقد لقد كي "
    "يا اي ليس انا انت نحن فيه فيها منه منها عليه عليها به بها له لها".split()
)

FEATURES: tuple[str, ...] = (
    "bias",
    *(f"w_{a}_{b}" if a != b else f"w_{a}" for a, b in _WORD_BINS),
    "log_chars", "end_period", "end_q", "end_excl", "end_colon", "end_ellipsis", "end_quote",
    "no_end_punct", "comma_rate", "inner_sentence", "arabic_ratio", "latin_ratio", "digit_ratio",
    "symbol_ratio", "starts_bullet", "starts_number", "starts_star", "lex_line", "lex_nav",
    "lex_share", "lex_read_more", "lex_related", "lex_comments", "lex_tags", "lex_legal", "lex_other",
    "agency", "byline_sep", "byline_word", "date_like", "date_only", "time_only", "weekday", "ago",
    "has_url", "glued", "breadcrumb_sep", "pos_first", "pos_second", "pos_third", "pos_rel", "pos_last",
    "pos_last3", "before_long", "after_last_long", "prev_none", "prev_short", "prev_long", "prev_punct",
    "prev_lex", "next_none", "next_short", "next_long", "next_punct", "next_lex", "short_run",
    "short_run_ge3", "long_neighbours", "heading_shape", "dup_in_doc", "teaser", "url_overlap",
    "doc_blocks", "doc_long_frac", "doc_short_frac", "doc_punct_frac", "doc_max_words", "doc_lex_frac",
    "doc_words", "short_x_listing", "first_x_url", "article", "article_x_long", "article_x_short",
    "nonarticle_x_long", "nonarticle_x_short", "harakat_rate", "function_rate", "doc_harakat",
    "run_function_rate",
)
INDEX = {f: i for i, f in enumerate(FEATURES)}

_LEX_GROUP = {
    "nav": "lex_nav", "share": "lex_share", "read_more": "lex_read_more", "related": "lex_related",
    "comments": "lex_comments", "tags": "lex_tags", "copyright": "lex_legal", "cookies": "lex_legal",
}


class LineInfo:
    """Per-block facts shared by its own features and its neighbours'."""

    __slots__ = ("end_punct", "key", "lex", "text", "words")

    def __init__(self, text: str, lex: lexicon.Lexicon) -> None:
        self.text = text
        self.words = len(text.split())
        self.key = lexicon.key(text)
        self.lex = lex.match_line(text, self.key)
        self.end_punct = text[-1] in _END_PUNCT if text else False

    @property
    def short(self) -> bool:
        return self.words <= 8 and not self.end_punct

    @property
    def long(self) -> bool:
        return self.words >= 20


def _url_words(uri: str | None) -> set[str]:
    if not uri:
        return set()
    try:
        path = unquote(urlsplit(uri).path)
    except ValueError:
        return set()
    return {w for w in re.split(r"[\W_]+", normalize(path)) if len(w) >= 3}


def _function_rate(key: str) -> float:
    words = key.split()
    if not words:
        return 0.0
    return sum(w in _FUNCTION or (w[:1] in "وف" and w[1:] in _FUNCTION) for w in words) / len(words)


def doc_features(infos: Sequence[LineInfo]) -> dict[str, float]:
    """Features of the whole document, shared by all its blocks and by the is_article model."""
    n = len(infos) or 1
    words = [i.words for i in infos]
    return {
        "doc_blocks": min(math.log1p(len(infos)) / 5, 1.5),
        "doc_long_frac": sum(w >= 20 for w in words) / n,
        "doc_short_frac": sum(w <= 4 for w in words) / n,
        "doc_punct_frac": sum(i.end_punct for i in infos) / n,
        "doc_max_words": min(math.log1p(max(words, default=0)) / 6, 1.5),
        "doc_lex_frac": sum(i.lex is not None for i in infos) / n,
        "doc_words": min(math.log1p(sum(words)) / 9, 1.5),
    }


def block_features(
    infos: Sequence[LineInfo], glued: Sequence[bool], uri: str | None = None, article: float = 1.0
) -> list[list[float]]:
    """One feature vector (ordered as :data:`FEATURES`) per block of a document.

    ``article`` is the article model's probability that the page is one running text: on listing
    and doorway pages even long, punctuated lines are chrome, so the line model needs to know."""
    n = len(infos)
    dfeat = doc_features(infos)
    url_words = _url_words(uri)
    counts = Counter(i.key for i in infos)
    long_idx = [k for k, i in enumerate(infos) if i.long]
    first_long = long_idx[0] if long_idx else n
    last_long = long_idx[-1] if long_idx else -1
    # runs of consecutive short, unpunctuated blocks (menus, headline lists)
    run = [0] * n
    k = 0
    while k < n:
        if infos[k].short:
            j = k
            while j < n and infos[j].short:
                j += 1
            for m in range(k, j):
                run[m] = j - k
            k = j
        else:
            k += 1
    starts = Counter(i.key[:40] for i in infos if i.words >= 6)
    func = [_function_rate(i.key) for i in infos]
    run_func = [0.0] * n
    k = 0
    while k < n:
        j = k + 1
        while j < n and (run[k] > 0) and infos[j].short and run[j] == run[k]:
            j += 1
        if run[k] >= 2:
            mean = sum(func[k:j]) / (j - k)
            for m in range(k, j):
                run_func[m] = mean
        k = j
    letters_all = sum(len(i.text) for i in infos) or 1
    doc_harakat = min(sum(len(_HARAKAT.findall(i.text)) for i in infos) / letters_all * 10, 1.0)
    listing = 1.0 - dfeat["doc_long_frac"]
    out: list[list[float]] = []
    for k, info in enumerate(infos):
        t = info.text
        w = info.words
        nk = info.key
        v = [0.0] * len(FEATURES)

        def put(name: str, value: float, _v: list[float] = v) -> None:
            _v[INDEX[name]] = value

        put("bias", 1.0)
        for a, b in _WORD_BINS:
            if a <= w <= b:
                put(f"w_{a}_{b}" if a != b else f"w_{a}", 1.0)
                break
        put("log_chars", min(math.log1p(len(t)) / 8, 1.5))
        last = t[-1] if t else ""
        put("end_period", float(last == "."))
        put("end_q", float(last in "?؟"))
        put("end_excl", float(last == "!"))
        put("end_colon", float(last in ":؛;"))
        put("end_ellipsis", float(t.endswith(("…", ".."))))
        put("end_quote", float(last in "»\"”)'"))
        put("no_end_punct", float(not info.end_punct))
        put("comma_rate", min((t.count("،") + t.count(",")) / max(w, 1) * 5, 1.0))
        put("inner_sentence", float(bool(re.search(r"[.!?؟]\s+\S", t[:-1]))))
        letters = len(_LETTER.findall(t)) or 1
        nonspace = len(t) - t.count(" ") or 1
        put("arabic_ratio", len(_ARABIC.findall(t)) / letters)
        put("latin_ratio", len(_LATIN.findall(t)) / letters)
        put("digit_ratio", len(_DIGIT.findall(t)) / nonspace)
        put("symbol_ratio", min(len(_SYMBOL.findall(t)) / nonspace * 3, 1.0))
        put("starts_bullet", float(bool(_BULLET.match(t))))
        put("starts_number", float(bool(_NUMBERED.match(t))))
        put("starts_star", float(t.startswith("*")))
        if info.lex:
            put("lex_line", 1.0)
            put(_LEX_GROUP.get(info.lex, "lex_other"), 1.0)
        if w <= 12:
            put("agency", float(bool(_AGENCIES.search(nk))))
            put("byline_sep", float(w <= 8 and bool(re.search(r"\S\s*[-–ـ:|]\s*\S", t)) and not t.endswith(".")))
            put("byline_word", float(bool(_BYLINE_WORD.match(nk))))
        has_month = bool(_MONTH_RE.search(nk))
        has_year = bool(_YEAR.search(t))
        has_num = bool(_NUMDATE.search(t))
        put("date_like", float(has_month or has_num))
        put("date_only", float(w <= 10 and ((has_month and has_year) or has_num) and not info.end_punct))
        put("time_only", float(bool(_TIME_ONLY.match(t))))
        put("weekday", float(w <= 12 and bool(_WEEKDAY.search(nk))))
        put("ago", float(w <= 8 and bool(_AGO.match(nk))))
        put("has_url", float(bool(_URL.search(t))))
        put("glued", float(glued[k]))
        put("breadcrumb_sep", float(w <= 12 and bool(_SEP.search(t))))
        put("pos_first", float(k == 0))
        put("pos_second", float(k == 1))
        put("pos_third", float(k == 2))
        put("pos_rel", k / (n - 1) if n > 1 else 0.0)
        put("pos_last", float(k == n - 1))
        put("pos_last3", float(k >= n - 3))
        put("before_long", float(k < first_long))
        put("after_last_long", float(k > last_long))
        prev = infos[k - 1] if k else None
        nxt = infos[k + 1] if k + 1 < n else None
        for name, o in (("prev", prev), ("next", nxt)):
            if o is None:
                put(f"{name}_none", 1.0)
            else:
                put(f"{name}_short", float(o.short))
                put(f"{name}_long", float(o.long))
                put(f"{name}_punct", float(o.end_punct))
                put(f"{name}_lex", float(o.lex is not None))
        put("short_run", min(math.log1p(run[k]) / 3, 1.5))
        put("short_run_ge3", float(run[k] >= 3))
        put("long_neighbours", float(bool(prev and prev.long) + bool(nxt and nxt.long)) / 2)
        put("heading_shape", float(2 <= w <= 12 and not info.end_punct and nxt is not None and nxt.words >= 12))
        put("dup_in_doc", float(counts[nk] > 1))
        put("teaser", float(w >= 6 and starts[nk[:40]] > 1))
        if url_words:
            ws = [x for x in re.split(r"[\W_]+", normalize(t)) if len(x) >= 3]
            put("url_overlap", sum(x in url_words for x in ws) / len(ws) if ws else 0.0)
        for name, val in dfeat.items():
            put(name, val)
        put("short_x_listing", float(info.short) * listing)
        put("first_x_url", float(k == 0) * v[INDEX["url_overlap"]])
        put("article", article)
        put("harakat_rate", min(len(_HARAKAT.findall(t)) / max(len(t), 1) * 10, 1.0))
        put("function_rate", func[k])
        put("doc_harakat", doc_harakat)
        put("run_function_rate", run_func[k])
        put("article_x_long", article * info.long)
        put("article_x_short", article * info.short)
        put("nonarticle_x_long", (1 - article) * info.long)
        put("nonarticle_x_short", (1 - article) * info.short)
        out.append(v)
    return out
