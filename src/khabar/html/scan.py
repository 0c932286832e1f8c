"""Scans of the raw source the DOM pass makes beside its token stream: the end of an element (to
skip a hidden or chrome subtree whole), whether a nav/footer/aside is pure chrome that can be folded
away, where the head ends, the JSON-LD scripts, and whether two text runs are separate words (a table
cell or a line break between them)."""

from __future__ import annotations

import re

from khabar.html.elements import _WORD_SPLIT, _attr_cache, _attrs_cached
from khabar.html.roles import (
    CONTENT_WORDS,
    NOT_ONLY_CHROME,
)

_END_CACHE: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _nest_res(tag: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    if tag not in _END_CACHE:
        t = re.escape(tag)
        _END_CACHE[tag] = (
            re.compile(rf"<{t}(?=[\s/>])[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*(?<!/)>", re.I),
            re.compile(rf"</{t}\s*>", re.I),
        )
    return _END_CACHE[tag]


#: roles whose elements are folded whole (breadcrumbs and meta lines are walked: their parts matter)
_FOLD_ROLES = frozenset(
    {"nav", "footer", "sidebar", "related", "share", "comment", "ad", "widget", "tags", "hidden"}
)
_FOLD_TAGS = frozenset({"nav", "footer", "aside"})
_HEAD_TAG = re.compile(
    r"<(?:(!--)|(meta|link|title|script|style|noscript|template|html|body)\b"
    r"([^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)>)",
    re.I,
)
#: a folded element is at most this share of the page's source
_FOLD_SHARE = 0.3
_FOLD_BLOCKERS = re.compile(r"<(?:h1|article|main)\b|articlebody|entry-content|post-body", re.I)
#: the same blockers as literals, looked up with ``bytes.find`` in the page's ASCII lower-cased copy
#: (a case-insensitive alternation with no literal prefix is tried at every character of the element)
_BLOCKER_TAGS = (b"<h1", b"<article", b"<main")
_BLOCKER_WORDS = (b"articlebody", b"entry-content", b"post-body")
#: characters other than ASCII that ``re.I`` matches to an ASCII letter (dotted capital I, dotless
#: i, long s, Kelvin sign): a page holding one is searched with the regexes
_CASE_ODD = ("\u0130", "\u0131", "\u017f", "\u212a")
_FOLD_DROP = re.compile(
    r"<(script|style|svg|noscript|template|button|select|textarea|option)\b.*?</\1\s*>|<!--.*?-->",
    re.S | re.I,
)
#: where ``_FOLD_DROP`` may match, in the page's ASCII lower-cased copy (:func:`lower_copy`): most
#: menus hold none, and this bytes scan costs a sixth of the substitution
_FOLD_DROP_AT = re.compile(rb"<(?:s(?:cript|tyle|vg|elect)|noscript|template|button|textarea|option|!--)")
_ANY_TAG = re.compile(r"<[^>]*>")
_LDJSON = re.compile(r"<script[^>]*ld\+json[^>]*>(.*?)</script\s*>", re.S | re.I)
_pure_cache: dict[str, bool] = {}


def _pure_chrome(attr_s: str) -> bool:
    """Whether an element's class and id name chrome only (no article, content, layout words)."""
    v = _pure_cache.get(attr_s)
    if v is None:
        at = _attr_cache.get(attr_s) or _attrs_cached(attr_s)
        names = " ".join(at.get(k, "") for k in ("class", "id"))
        words = {w.lower() for w in _WORD_SPLIT.findall(names)}
        v = words.isdisjoint(NOT_ONLY_CHROME) and words.isdisjoint(CONTENT_WORDS)
        if len(_pure_cache) > 20000:
            _pure_cache.clear()
        _pure_cache[attr_s] = v
    return v


def lower_copy(raw: str) -> bytes | None:
    """The page as ASCII bytes, lower-cased, every other character one ``?`` (so offsets are the
    page's), where finding a lower-case ASCII word in it is exactly what a case-insensitive regex
    finds in the page; None where it is not (the page holds a :data:`_CASE_ODD` character).

    ``str.lower`` on a page of Arabic text costs three times as much as this."""
    if any(c in raw for c in _CASE_ODD):
        return None
    return raw.encode("ascii", "replace").lower()


def has_blocker(raw: str, low: bytes | None, start: int, end: int) -> bool:
    """Whether ``raw[start:end]`` holds an ``h1``/``article``/``main`` tag or an article class
    (``_FOLD_BLOCKERS``), found with ``bytes.find`` in ``low`` (:func:`lower_copy`) when there is one."""
    if low is None:
        return _FOLD_BLOCKERS.search(raw, start, end) is not None
    find = low.find
    for w in _BLOCKER_WORDS:
        if find(w, start, end) >= 0:
            return True
    for t in _BLOCKER_TAGS:
        i = find(t, start, end)
        while i >= 0:
            j = i + len(t)  # ``\b`` after the name: the end, or a character that is not a word's
            if j >= end or not (raw[j].isalnum() or raw[j] == "_"):
                return True
            i = find(t, i + 1, end)
    return False


def _match_end(raw: str, tag: str, pos: int, limit: int | None = None, low: bytes | None = None) -> int:
    """Where the element ``tag`` opened just before ``pos`` ends (its end tag's ``<``), counting
    nested elements of the same name; -1 if its end is not found, or not by ``limit``. With ``low``
    (:func:`lower_copy`), a stretch without ``<tag`` in it is known to open none without a regex."""
    open_re, end_re = _nest_res(tag)
    opener = ("<" + tag.lower()).encode("ascii", "replace")
    depth = 1
    p = pos
    while True:
        me = end_re.search(raw, p)
        if me is None or (limit is not None and me.start() > limit):
            return -1
        s = me.start()
        opened = len(open_re.findall(raw, p, s)) if low is None or low.find(opener, p, s) >= 0 else 0
        depth += opened - 1
        if depth <= 0:
            return me.start()
        p = me.end()


def skip_nested(raw: str, tag: str, pos: int) -> int:
    """Where scanning goes on after the element ``tag`` that opened just before ``pos`` (after its
    matching end tag, counting nested ones; the page's end when it has none)."""
    depth = 1
    open_re, end_re = _nest_res(tag)
    p = pos
    while depth:
        me = end_re.search(raw, p)
        if me is None:
            return len(raw)
        mo = open_re.search(raw, p, me.start())
        if mo is not None:
            depth += 1
            p = mo.end()
            continue
        depth -= 1
        p = me.end()
    return p


def _find_end(raw: str, tag: str, pos: int) -> int:
    """Where the raw-text element ``tag`` that starts at ``pos`` ends (its end tag's ``<``)."""
    m = _nest_res(tag)[1].search(raw, pos)
    return m.start() if m else len(raw)


def _after_end(raw: str, end: int) -> int:
    if end >= len(raw):
        return end
    gt = raw.find(">", end)
    return len(raw) if gt < 0 else gt + 1


def _word_boundary(a: str, b: str, link: bool) -> bool:
    """Whether two runs that touch across a tag are two words: letters or digits on both sides, and
    a link boundary or a change of script (digit and letter, Latin and Arabic) between them —
    "<a>أخضر</a><a>التايكوندو</a>", "<span>473</span><span>معجب</span>"."""
    if not (a.isalnum() and b.isalnum()):
        return False
    if link:
        return True
    return a.isdigit() != b.isdigit() or (a < "\u0600") != (b < "\u0600")


_CELL_RE = re.compile(r"<(?:/?(?:td|th|li|dd|dt|p|div)\b|br\b|img\b)", re.I)


def _cell_between(raw: str, a: int, b: int) -> bool:
    return b - a > 2 and _CELL_RE.search(raw, a, b) is not None
