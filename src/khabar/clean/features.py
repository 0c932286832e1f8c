"""Line features for the block classifier.

Every feature is generic (length, punctuation, script ratios, lexicon hits, position, neighbours,
document shape): nothing names a site. The same function computes them at training time
(``scripts/train_lines.py``, from the gold set) and at run time, so the shipped model and the code
cannot drift apart. Values are floats in roughly [0, 1].

Speed matters here (the whole clean+structure step has a budget of well under a millisecond per
page): per-line facts are computed once in :class:`LineInfo` with C-level string operations on a
bounded prefix of the line, and the feature matrix is assembled column by column with numpy.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import numpy as np

from khabar.arabic.dates import HIJRI_MONTHS, MONTHS
from khabar.arabic.normalize import normalize
from khabar.clean import lexicon
from khabar.clean.furniture import furniture_reason
from khabar.data import rows

_WORD_BINS = ((1, 1), (2, 2), (3, 3), (4, 6), (7, 12), (13, 25), (26, 60), (61, 10**9))
#: ratios and shapes are read on this many leading characters: enough to characterise a line,
#: and it bounds the cost of a 3,000-character paragraph
_SAMPLE = 200
#: the matching key of a long line: its start is enough for chrome phrases and function words
_KEY_SAMPLE = 120
_BULLET = re.compile(r"^[-–—•*·▪●◦►✓✔]\s*")
_NUMBERED = re.compile(r"^[(\[]?[0-9\u0660-\u0669]{1,3}\s*[.)\-–:]\s*")
_SEP = re.compile(r"\s[»›>|/]\s|\s[»›>|]|[»›>|]\s")
_BYLINE_SEP = re.compile(r"\S\s*[-–ـ:|]\s*\S")
_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*(?:[صمت]\s*[مغص]?|am|pm|AM|PM)?$")


def _words(kind: str) -> list[str]:
    """The words of one ``kind`` in ``line_words_ar.tsv`` (agency, initials, function), in file order."""
    return [r.cols[1] for r in rows(_WORDS_FILE, columns=2) if r.cols[0] == kind]


def _initials(letters: str) -> str:
    """The regex of an agency written as initials: "ا ف ب" joined, spaced or dotted (ا.ف.ب.)."""
    parts = [re.escape(p) for p in letters.split()]
    return "|".join((r"\s?".join(parts), r"\.\s?".join(parts) + r"\.?"))


def _alt_names(names: Sequence[str]) -> str:
    """One regex alternation of ``names``, the longest first; a space in a name matches any run."""
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(set(names), key=len, reverse=True))


_WORDS_FILE = "line_words_ar.tsv"
# wire agencies and generic source words seen in bylines across Arabic outlets (normalised spelling)
_AGENCIES = re.compile(
    r"(?:^|[\s(\-–ـ:/])(?:"
    + "|".join([*(_initials(w) for w in _words("initials")), *(re.escape(w) for w in _words("agency"))])
    + r")(?:$|[\s)\-–ـ:/.])",
    re.IGNORECASE,
)


def agency_in(text: str) -> bool:
    """Whether ``text`` names a wire agency or a generic source word (``agency`` and ``initials`` in
    ``data/line_words_ar.tsv``), read on the normalised view as the line features read it."""
    return _AGENCIES.search(lexicon.key(text)) is not None


# a word that opens a byline: "بقلم …", "تقرير: …", "by …"
_BYLINE_WORD = re.compile(r"^[*\s]*(?:" + "|".join(re.escape(w) for w in _words("byline")) + r")\b")
# month names of every calendar and region khabar reads dates in, from the date module (one list)
_MONTH_RE = re.compile(
    r"\b(?:" + _alt_names([*MONTHS, *HIJRI_MONTHS]) + r")\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:1[34]\d\d|19\d\d|20\d\d)\b")
_NUMDATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
_WEEKDAY = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _words("weekday")) + r")\b", re.IGNORECASE)
# a short line wholly in parentheses is a source credit under a news item: "(وكالة الأنباء)", "(رويترز)"
_PAREN_SOURCE = re.compile(r"^\((?=[^()]*[^\W\d_])[^()]{2,60}\)$")
_AGO = re.compile(r"^(?:منذ|قبل)\s+\S+")
_END_PUNCT = ".!?؟…:؛;»\"”)'"
# Arabic function words (normalised): prose and verse are full of them, menus and tag lists are not
_FUNCTION = frozenset(_words("function"))


def _spellings(w: str) -> set[str]:
    """A normalised function word and its display spellings (أ/إ for a leading ا, ى for a final ي),
    so that the rate can be read off a long line without normalising it first."""
    out = {w}
    if w.startswith("ا"):
        out |= {"أ" + w[1:], "إ" + w[1:]}
    out |= {x[:-1] + "ى" for x in out if x.endswith("ي")}
    return out


_FUNCTION_ALL = frozenset(p + v for w in _FUNCTION for v in _spellings(w) for p in ("", "و", "ف"))
# byte classes for C-speed counting on the UTF-8 encoding: Arabic-block lead bytes, ASCII letters, digits
_AR_LEAD = bytes(range(0xD8, 0xDC))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ASCII_DIGITS = b"0123456789"
# ASCII symbols are counted on the UTF-8 bytes (bytes.translate, a C loop); the rarer classes —
# harakat, Arabic-Indic digits, typographic symbols — in one regex scan, sorted afterwards
_ASCII_SYMBOLS = b"#$%&*+<=>@[]\\^_`{|}~"
_HARAKAT = frozenset(chr(c) for c in range(0x064B, 0x0653))
_INDIC_DIGITS = frozenset(chr(c) for c in (*range(0x0660, 0x066A), *range(0x06F0, 0x06FA)))
_RARE = re.compile("[\u064b-\u0652\u0660-\u0669\u06f0-\u06f9©®™•►▪●◦✓✔★☆♦■□▲▼←→↑↓]")

# context facts, in the order block_features builds each row
#: the lexicon category a furniture shape counts as in the features
_SHAPE_LEX = {"pattern:share_bar": "share", "pattern:nav_bar": "nav", "pattern:reading_time": "other"}
_CTX_COLS = (
    "bias", "lex_line", "glued", "pos_first", "pos_second", "pos_third", "pos_rel", "pos_last",
    "pos_last3", "before_long", "after_last_long", "prev_none", "prev_short", "prev_long",
    "prev_punct", "prev_lex", "next_none", "next_short", "next_long", "next_punct", "next_lex",
    "short_run", "short_run_ge3", "run_function_rate", "long_neighbours", "heading_shape",
    "dup_in_doc", "teaser", "url_overlap", "first_x_url", "run_rhyme", "run_even_length", "same_start_run",
    "body_overlap", "word_repeat",
)  # fmt: skip
# per-line scalar facts, in the order LineInfo.vec holds them
_LINE_COLS = (
    "log_chars", "end_period", "end_q", "end_excl", "end_colon", "end_ellipsis", "end_quote",
    "no_end_punct", "comma_rate", "inner_sentence", "arabic_ratio", "latin_ratio", "digit_ratio",
    "symbol_ratio", "starts_bullet", "starts_number", "starts_star", "agency", "byline_sep",
    "byline_word", "date_like", "date_only", "time_only", "weekday", "ago", "has_url",
    "breadcrumb_sep", "harakat_rate", "function_rate",
)  # fmt: skip
_BIN_COLS = tuple(f"w_{a}_{b}" if a != b else f"w_{a}" for a, b in _WORD_BINS)
_LEX_COLS = ("lex_nav", "lex_share", "lex_read_more", "lex_related", "lex_comments", "lex_tags", "lex_legal",
             "lex_other")  # fmt: skip
_DOC_COLS = (
    "doc_blocks", "doc_long_frac", "doc_short_frac", "doc_punct_frac", "doc_max_words", "doc_lex_frac",
    "doc_words", "doc_word_repeat",
)  # fmt: skip
_MIX_COLS = ("short_x_listing", "article", "article_x_long", "article_x_short", "nonarticle_x_long",
             "nonarticle_x_short", "doc_harakat")  # fmt: skip
#: every feature, in the order of a row of the matrix (rows are built by concatenating the groups)
FEATURES: tuple[str, ...] = (*_CTX_COLS, *_LINE_COLS, *_BIN_COLS, *_LEX_COLS, *_DOC_COLS, *_MIX_COLS)
INDEX = {f: i for i, f in enumerate(FEATURES)}
_LEX_GROUP = {
    "nav": "lex_nav", "share": "lex_share", "read_more": "lex_read_more", "related": "lex_related",
    "comments": "lex_comments", "tags": "lex_tags", "copyright": "lex_legal", "cookies": "lex_legal",
}  # fmt: skip
#: the one-hot lexicon-group part of a row, by lexicon category (None: no hit)
_LEX_ONEHOT: dict[str | None, tuple[float, ...]] = {None: (0.0,) * len(_LEX_COLS)}
#: the one-hot word-count-bin part of a row, by word count (capped at the last bin's start)
_BIN_ONEHOT = [tuple(float(a <= max(w, 1) <= b) for a, b in _WORD_BINS) for w in range(_WORD_BINS[-1][0] + 1)]
_HARAKAT_POS = _LINE_COLS.index("harakat_rate")
_RUN_LOG = [min(math.log1p(r) / 3, 1.5) for r in range(64)]
_FUNC_POS = _LINE_COLS.index("function_rate")


def _lex_onehot(cat: str | None) -> tuple[float, ...]:
    v = _LEX_ONEHOT.get(cat)
    if v is None:
        group = _LEX_GROUP.get(cat or "", "lex_other")
        v = _LEX_ONEHOT[cat] = tuple(float(c == group) for c in _LEX_COLS)
    return v


def _function_rate(key: str) -> float:
    words = key.split()
    if not words:
        return 0.0
    return sum(map(_FUNCTION_ALL.__contains__, words)) / len(words)


class LineInfo:
    """Per-block facts, computed once, shared by its own features and its neighbours'."""

    __slots__ = (
        "_cwords", "_rep", "end_punct", "key", "lex", "long", "shape", "short", "text", "vec", "words",
    )  # fmt: skip

    def __init__(self, text: str, lex: lexicon.Lexicon) -> None:
        self.text = text
        self._cwords: set[str] | None = None
        #: the share of its content words found on four lines of the page or more (_repeat_rates)
        self._rep = 0.0
        # repaired text is single-spaced, so spaces count words (str.split on a long line is slower)
        w = self.words = text.count(" ") + 1 if text else 0
        # chrome and the lexicon's phrases are short: a long line is keyed on its start only
        if w <= 40:
            self.key = lexicon.key(text if len(text) <= _KEY_SAMPLE else text[:_KEY_SAMPLE])
            self.lex = lex.match_line(text, self.key)
            #: page furniture by its shape (a share or menu bar, a reading-time badge): chrome for the
            #: features as a lexicon hit is, with its own removal reason
            self.shape = furniture_reason(text, self.key) if self.lex is None and w <= 12 else None
            if self.shape is not None:
                self.lex = _SHAPE_LEX.get(self.shape, "other")
        else:
            # a long line is running text: no lexicon entry fits it, and its start (not normalised)
            # is key enough for the duplicate and teaser tests
            self.key = text[:_KEY_SAMPLE].lower()
            self.lex = None
            self.shape = None
        last = text[-1] if text else ""
        self.end_punct = last in _END_PUNCT if last else False
        self.short = w <= 8 and not self.end_punct
        self.long = w >= 20
        s = text[:_SAMPLE]
        b = s.encode("utf-8", "surrogatepass")
        nb = len(b)
        ar = nb - len(b.translate(None, _AR_LEAD))
        la = nb - len(b.translate(None, _ASCII_LETTERS))
        ns = len(s)
        rare = _RARE.findall(s)
        harakat = indic = 0
        for c in rare:
            if c in _HARAKAT:
                harakat += 1
            elif c in _INDIC_DIGITS:
                indic += 1
        dg = nb - len(b.translate(None, _ASCII_DIGITS)) + indic
        letters = (ar + la) or 1
        nonspace = (len(s) - s.count(" ")) or 1
        k = self.key
        short_line = w <= 12
        # a date line has digits (day, year): the month-name alternation runs only then
        has_month = short_line and dg > 0 and bool(_MONTH_RE.search(k))
        has_year = short_line and dg > 0 and bool(_YEAR.search(s))
        has_num = w <= 25 and dg > 0 and bool(_NUMDATE.search(s))
        self.vec = (
            min(math.log1p(len(text)) / 8, 1.5),
            last == ".",
            last in "?؟",
            last == "!",
            last in ":؛;",
            text.endswith(("…", "..")),
            last in "»\"”)'",
            not self.end_punct,
            min((s.count("،") + s.count(",")) / max(min(w, 60), 1) * 5, 1.0),
            # a sentence ends inside the line (plain `in` tests: C-fast, unlike a regex per line)
            ". " in s or "! " in s or "؟ " in s or "? " in s,
            ar / letters,
            la / letters,
            dg / nonspace,
            min(
                (nb - len(b.translate(None, _ASCII_SYMBOLS)) + len(rare) - harakat - indic) / nonspace * 3,
                1.0,
            ),
            _BULLET.match(text) is not None,
            _NUMBERED.match(text) is not None,
            text.startswith("*"),
            short_line and _AGENCIES.search(k) is not None,
            w <= 8 and _BYLINE_SEP.search(s) is not None and last != ".",
            short_line
            and (_BYLINE_WORD.match(k) is not None or (w <= 5 and _PAREN_SOURCE.match(text) is not None)),
            has_month or has_num,
            w <= 10 and ((has_month and has_year) or has_num) and not self.end_punct,
            w <= 3 and _TIME_ONLY.match(text) is not None,
            short_line and _WEEKDAY.search(k) is not None,
            w <= 8 and _AGO.match(k) is not None,
            "http" in s or "www." in s or "@" in s or ".com" in s or ".net" in s or ".org" in s,
            short_line and _SEP.search(s) is not None,
            min(harakat / max(ns, 1) * 10, 1.0),
            _function_rate(k),
        )


_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_PEEL_WA = re.compile(r"(?<!\S)[وف](?=\S{4})")
_PEEL_AL = re.compile(r"(?<!\S)ال(?=\S{3})")
#: words of a long paragraph read for the body-overlap test (its first sentences carry the topic)
_BODY_SAMPLE = 400


def _content_words(key: str) -> set[str]:
    """Words of three letters or more of a normalised line that are not function words, with a
    leading و/ف (on a word of five letters or more) and then a leading ال (leaving three or more)
    peeled, so "والحكومة" meets "الحكومة" and "حكومة".

    This runs on every line of every page, so it avoids a Python step per word where it can: the
    line's distinct words by a split, the all-letter ones (most) kept whole by a C-level filter, and
    only the rest (a comma or quotes against the word, digits) scanned for letter runs; one loop
    then drops the short and function words and peels. The same set as
    :func:`_content_words_scan`, the definition (a test checks them equal)."""
    words = set(key.split())
    letters = set(filter(str.isalpha, words))
    if len(letters) < len(words):
        letters.update(_LETTER_RUN.findall(" ".join(words - letters)))
    out = set()
    for w in letters - _FUNCTION_ALL:
        n = len(w)
        if n < 3:
            continue
        if n >= 5:
            if w[0] in "وف":
                w = w[1:]
                n -= 1
            if n >= 5 and w[0] == "ا" and w[1] == "ل":
                w = w[2:]
        out.add(w)
    return out


#: a run of letters (no digit, no underscore), of any length: :func:`_content_words` drops the short
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _content_words_scan(key: str) -> set[str]:
    """The definition of :func:`_content_words`, as one regex scan, a set difference and two peeling
    substitutions over the joined words (kept for the test that checks the fast path against it)."""
    words = set(_CONTENT_WORD.findall(key)) - _FUNCTION_ALL
    return set(_PEEL_AL.sub("", _PEEL_WA.sub("", " ".join(words))).split())


def content_words(info: LineInfo) -> set[str]:
    """The line's content words (:func:`_content_words` of its first characters), computed once."""
    if info._cwords is None:
        t = info.text
        # a line of up to _KEY_SAMPLE characters already has its normalised key
        k = info.key if len(t) <= _KEY_SAMPLE and info.words <= 40 else lexicon.key(t[:_BODY_SAMPLE])
        info._cwords = _content_words(k)
    return info._cwords


def text_content_words(text: str) -> set[str]:
    """The content words (:func:`_content_words`) of any text, e.g. a URL's path or a line's start."""
    return _content_words(lexicon.key(text[:_BODY_SAMPLE]))


def url_content_words(uri: str | None) -> set[str]:
    """The content words of a URL's path (its slug words, normalised and peeled like a line's)."""
    return _content_words(" ".join(_url_words(uri)))


def _repeat_rates(infos: Sequence[LineInfo]) -> float:
    """Set each line's share of content words that occur on four lines of the page or more (kept on
    the line for :func:`block_features`) and return the page's mean."""
    words = [content_words(i) for i in infos]
    df: Counter[str] = Counter()
    for ws in words:
        df.update(ws)
    frequent = {w for w, c in df.items() if c >= 4}
    total = 0.0
    for i, ws in zip(infos, words, strict=True):
        if ws:
            i._rep = r = len(ws & frequent) / len(ws)
            total += r
    return total / (len(infos) or 1)


@lru_cache(maxsize=16)
def _url_words(uri: str | None) -> frozenset[str]:
    if not uri:
        return frozenset()
    try:
        path = unquote(urlsplit(uri).path)
    except ValueError:
        return frozenset()
    return frozenset(w for w in re.split(r"[\W_]+", normalize(path)) if len(w) >= 3)


def doc_features(infos: Sequence[LineInfo]) -> dict[str, float]:
    """Features of the whole document, shared by all its blocks and by the is_article model."""
    n = len(infos) or 1
    long_ = short4 = punct = lex = total = top = 0
    for i in infos:
        w = i.words
        long_ += w >= 20
        short4 += w <= 4
        punct += i.end_punct
        lex += i.lex is not None
        total += w
        top = max(top, w)
    return {
        "doc_blocks": min(math.log1p(len(infos)) / 5, 1.5),
        "doc_long_frac": long_ / n,
        "doc_short_frac": short4 / n,
        "doc_punct_frac": punct / n,
        "doc_max_words": min(math.log1p(top) / 6, 1.5),
        "doc_lex_frac": lex / n,
        "doc_words": min(math.log1p(total) / 9, 1.5),
        "doc_word_repeat": _repeat_rates(infos),
    }


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """Maximal runs ``[start, end)`` of consecutive true flags."""
    out = []
    k, n = 0, len(flags)
    while k < n:
        if flags[k]:
            j = k
            while j < n and flags[j]:
                j += 1
            out.append((k, j))
            k = j
        else:
            k += 1
    return out


def _neighbourhood(infos: Sequence[LineInfo]) -> list[tuple[float, float]]:
    """Per line: how much it shares with the body below (a title or a subheading announces the
    paragraphs after it; a menu item or another page's headline does not), and how many of its words
    recur on four lines or more (keyword-stuffed doorway pages and link lists repeat theirs)."""
    n = len(infos)
    words = [content_words(i) for i in infos]
    out = []
    below: set[str] = set()
    longs: list[int] = []
    for k in range(n - 1, -1, -1):
        # the words of the next three long lines below this one (``below``: changed only when a long
        # line is passed, so built once per long line, not once per line)
        ws = words[k]
        long_ = infos[k].long
        out.append((len(ws & below) / len(ws) if ws and not long_ else 0.0, infos[k]._rep))
        if long_:
            longs.insert(0, k)
            below = set().union(*(words[m] for m in longs[:3]))
    return out[::-1]


def block_features(
    infos: Sequence[LineInfo],
    glued: Sequence[bool],
    uri: str | None = None,
    article: float = 1.0,
    dfeat: dict[str, float] | None = None,
) -> np.ndarray:
    """The feature matrix (one row per block, columns as :data:`FEATURES`) of a document.

    ``article`` is the article model's probability that the page is one running text: on listing
    and doorway pages even long, punctuated lines are chrome, so the line model needs to know.
    Rows are built as Python tuples by concatenating the feature groups (one ``np.array`` call per
    document): for the ten-odd blocks of a page that is faster than filling numpy columns."""
    n = len(infos)
    if not n:
        return np.zeros((0, len(FEATURES)))
    short = [i.short for i in infos]
    long_idx = [k for k, i in enumerate(infos) if i.long]
    first_long = long_idx[0] if long_idx else n
    last_long = long_idx[-1] if long_idx else -1
    # runs of consecutive short, unpunctuated blocks (menus, headline lists) and how prose-like they are
    run = [0] * n
    run_func = [0.0] * n
    run_rhyme = [0.0] * n
    run_even = [0.0] * n
    for s, e in _runs(short):
        for m in range(s, e):
            run[m] = e - s
        if e - s >= 2:
            mean = sum(infos[m].vec[_FUNC_POS] for m in range(s, e)) / (e - s)
            for m in range(s, e):
                run_func[m] = mean
        if e - s >= 4:
            # verse, not a menu: lines of even length that rhyme (share their last letters with
            # another line of the run — Arabic verse, classical or Nabati, keeps one or two rhymes)
            ends = Counter(infos[m].key[-2:] for m in range(s, e))
            rhyme = sum(c for c in ends.values() if c > 1) / (e - s)
            lens = [len(infos[m].text) for m in range(s, e)]
            mu = sum(lens) / len(lens)
            sd = (sum((x - mu) ** 2 for x in lens) / len(lens)) ** 0.5
            even = max(0.0, 1.0 - sd / mu) if mu else 0.0
            for m in range(s, e):
                run_rhyme[m] = rhyme
                run_even[m] = even
    # repeated lines and teasers sharing their start: plain dict counts (a page has a dozen blocks)
    counts: dict[str, int] = {}
    starts: dict[str, int] = {}
    for i in infos:
        counts[i.key] = counts.get(i.key, 0) + 1
        if i.words >= 6:
            starts[i.key[:40]] = starts.get(i.key[:40], 0) + 1
    # runs of consecutive lines that open with the same three words: the items of a link list or a
    # templated block ("تطبق غرامة بقيمة … (باللغة الأردية)", "… (باللغة الهندية)"), which running
    # text, even a bulleted list, hardly ever is
    heads = [" ".join(i.key.split()[:3]) if i.words >= 4 else "" for i in infos]
    same = [
        bool(h) and ((k > 0 and heads[k - 1] == h) or (k + 1 < n and heads[k + 1] == h))
        for k, h in enumerate(heads)
    ]
    same_run = [0.0] * n
    for s_, e_ in _runs(same):
        for m in range(s_, e_):
            same_run[m] = _RUN_LOG[min(e_ - s_, len(_RUN_LOG) - 1)]
    url_words = _url_words(uri)
    if dfeat is None:
        dfeat = doc_features(infos)
    doc_part = tuple(dfeat[c] for c in _DOC_COLS)
    listing = 1.0 - dfeat["doc_long_frac"]
    doc_harakat = min(sum(i.vec[_HARAKAT_POS] for i in infos) / n * 2, 1.0)
    last_bin = len(_BIN_ONEHOT) - 1
    # what a block shows its neighbours: (short, long, ends in punctuation, lexicon hit)
    nb = [(i.short, i.long, i.end_punct, i.lex is not None) for i in infos]
    none4 = (False, False, False, False)
    hood = _neighbourhood(infos)
    rows = []
    for k, i in enumerate(infos):
        w = i.words
        prev = nb[k - 1] if k else none4
        nxt = nb[k + 1] if k + 1 < n else none4
        ov = 0.0
        if url_words:
            ws = i.key.split()
            ov = len(url_words.intersection(ws)) / len(ws) if ws else 0.0
        sh, lo = float(i.short), float(i.long)
        r = run[k]
        ctx = (
            *(1.0, i.lex is not None, glued[k], k == 0, k == 1, k == 2, k / (n - 1) if n > 1 else 0.0),
            *(k == n - 1, k >= n - 3, k < first_long, k > last_long, k == 0),
            *prev,
            k == n - 1,
            *nxt,
            _RUN_LOG[r] if r < len(_RUN_LOG) else 1.5,
            r >= 3,
            run_func[k],
            (prev[1] + nxt[1]) / 2,
            2 <= w <= 12 and not i.end_punct and k + 1 < n and infos[k + 1].words >= 12,
            counts[i.key] > 1,
            w >= 6 and starts.get(i.key[:40], 0) > 1,
            ov,
            ov if k == 0 else 0.0,
            run_rhyme[k],
            run_even[k],
            same_run[k],
            *hood[k],
        )
        mix = (
            sh * listing,
            article,
            article * lo,
            article * sh,
            (1 - article) * lo,
            (1 - article) * sh,
            doc_harakat,
        )
        rows.append(ctx + i.vec + _BIN_ONEHOT[min(w, last_bin)] + _lex_onehot(i.lex) + doc_part + mix)
    return np.array(rows, dtype=float)
