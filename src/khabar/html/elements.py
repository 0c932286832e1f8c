"""The DOM pass's view of one element: the tag tokenizer (one regex over the source), attribute
parsing with its caches, the *role* an element's ``class``/``id``/``role``/``aria-label``/tag name
gives it (:mod:`khabar.html.roles` holds the words), and the context (:class:`_Ctx`) an element hands
to its children: the nearest decisive role, the innermost block tag, heading, hidden."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from khabar.html.roles import (
    ARABIC_ROLE,
    CHROME_WORDS,
    CONTENT_WORDS,
    HIDDEN_CLASSES,
    ROLE_ATTR,
    TAG_ROLE,
)
from khabar.html.tags import (
    HEADINGS,
    NO_BREAK,
)

# -- tokenizer ------------------------------------------------------------------------------------
# a tag: attributes may hold ">" inside quotes (the attribute part is written as an unrolled loop,
# [^>"']*(?:quoted[^>"']*)*, which scans several times faster than an alternation per character)
_TAG = re.compile(
    r"<(?:(/?)([A-Za-z][A-Za-z0-9:._-]*)([^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)>"
    r"|!--.*?(?:--!?>|\Z)|![^>]*>|\?[^>]*>)",
    re.S,
)
#: whitespace, then a tag: one match where most gaps between tags are only indentation
_WS_TAG = re.compile(r"\s*(?:" + _TAG.pattern + ")", re.S)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")

# -- roles from class / id / role / aria-label / tag -------------------------------------------------
# the vocabulary is data (khabar/data/html_roles_words.tsv, read by khabar.html.roles)
_WORD_SPLIT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _role_of_names(names: str) -> str | None:
    """The role that a class/id string names: a chrome role, ``content``, or None."""
    words = [w.lower() for w in _WORD_SPLIT.findall(names)]
    if not words:
        return None
    # glued pairs as one word too: "sharebar", "relatedposts", "entrycontent", "backtotop"
    joined = [a + b for a, b in pairwise(words)]
    chrome = None
    for w in (*words, *joined):
        r = CHROME_WORDS.get(w)
        if r is not None and (chrome is None or r not in ("meta", "hidden")):
            chrome = r
            if r not in ("meta",):
                break
    if chrome is not None and chrome != "meta":
        return chrome
    content = any(w in CONTENT_WORDS for w in (*words, *joined))
    if chrome == "meta":
        return "meta"
    return "content" if content else None


class _Ctx(NamedTuple):
    """What a text run inside an element inherits from its ancestors (computed once per element;
    tuples, because a page opens hundreds of elements and they are made on the hot path)."""

    tag: str  #: the innermost block-level element
    heading: int
    role: str | None  #: the nearest role other than ``meta``
    roles: tuple[tuple[int, str], ...]  #: (element id, role), innermost first
    path: tuple[int, ...]  #: element ids, outermost first
    in_content: bool


_ROOT_CTX = _Ctx("body", 0, None, (), (), False)
_new_ctx = tuple.__new__


def _context(parent: _Ctx, tag: str, role: str | None, uid: int) -> _Ctx:
    p_tag, p_heading, p_role, p_roles, p_path, p_content = parent
    heading = p_heading or HEADINGS.get(tag, 0)
    block_tag = p_tag if tag in NO_BREAK else tag
    if role is None:
        return _new_ctx(_Ctx, (block_tag, heading, p_role, p_roles, (*p_path, uid), p_content))
    return _new_ctx(
        _Ctx,
        (
            block_tag,
            heading,
            role if role != "meta" else p_role,
            ((uid, role), *p_roles),
            (*p_path, uid),
            p_content or role == "content",
        ),
    )


class _El(NamedTuple):
    tag: str
    role: str | None
    uid: int
    ctx: _Ctx
    #: the link depth and the counts of unpushed inline elements when it opened: closing it ends
    #: every inline element left open inside it
    saved: tuple[int, dict[str, int]]


_NO_ATTRS: dict[str, str] = {}
#: what an inline element saves: nothing (only block-level elements end the inline ones inside them)
_NOT_SAVED: tuple[int, dict[str, int]] = (0, {})
#: the inline counts an element saves when none is open (shared, never written to)
_NO_PLAIN: dict[str, int] = {}
_new_el = tuple.__new__
#: the characters a gap between tags that is only whitespace (or empty) starts with: ``<`` and
#: every character ``\s`` matches (``str.isspace``, which is what ``re`` tests for ``\s``)
_GAP_START = frozenset(["<", *(chr(c) for c in range(0x3001) if chr(c).isspace())])
#: inline elements whose attributes are parsed: they may hide text or name a role
_ROLE_HINT = re.compile(r"hidden|display\s*:\s*none|class|role=|itemprop|property|datetime|aria-label", re.I)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none")
#: characters other than ASCII that ``re.I`` matches to an ASCII letter of the hints (dotted capital
#: I, dotless i, long s); the dotted capital I is also the one whose lower case is two characters
_HINT_ODD = ("\u0130", "\u0131", "\u017f")


def role_hint(attr_s: str) -> bool:
    """Whether an inline element's attributes may hide text or name a role: ``_ROLE_HINT`` found in
    them, told with ``in`` on the lower-cased string (a case-insensitive alternation with no
    literal prefix costs several times as much, and a page has thousands of links)."""
    low = attr_s.lower()
    if (
        "class" in low
        or "hidden" in low
        or "itemprop" in low
        or "property" in low
        or "role=" in low
        or "datetime" in low
        or "aria-label" in low
        or ("display" in low and _DISPLAY_NONE.search(low) is not None)
    ):
        return True
    if attr_s.isascii() or not any(c in attr_s for c in _HINT_ODD):
        return False
    return _ROLE_HINT.search(attr_s) is not None


_attr_cache: dict[str, dict[str, str]] = {}
_role_cache: dict[tuple[str, str], str | None] = {}


def _attrs_cached(s: str) -> dict[str, str]:
    """Parsed attributes, cached by their source text (class and id strings repeat on a page and
    across pages of a site); the cache is bounded."""
    at = _attrs(s)
    if len(_attr_cache) > 20000:
        _attr_cache.clear()
    _attr_cache[s] = at
    return at


def _attrs(s: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if not s:
        return out
    for m in _ATTR.finditer(s):
        k = m.group(1).lower()
        if k not in out:
            v = m.group(2)
            if v is None:
                v = m.group(3)
            if v is None:
                v = m.group(4) or ""
            out[k] = v
    return out


def unescape_attr(v: str) -> str:
    """Attribute values: the common entities (the full set is left to repair for text)."""
    if "&" not in v:
        return v
    import html

    return html.unescape(v)


_ROLE_ATTRS = ("class", "id")


def _element_role(tag: str, at: dict[str, str]) -> str | None:
    if "hidden" in at or at.get("aria-hidden") == "true":
        return "hidden"
    style = at.get("style")
    if style and "display:none" in style.replace(" ", "").lower():
        return "hidden"
    r = ROLE_ATTR.get(at.get("role", "").lower()) if "role" in at else None
    if r is not None:
        return r
    cls = at.get("class")
    if cls and not HIDDEN_CLASSES.isdisjoint(cls.lower().split()):
        return "hidden"
    names = " ".join(at[k] for k in _ROLE_ATTRS if k in at)
    if "itemprop" in at and "articlebody" in at["itemprop"].lower():
        return "content"
    role = _role_of_names(names) if names else None
    if role is None:
        label = at.get("aria-label") or (at.get("name") if tag in ("div", "section") else None)
        if label:
            for word, r2 in ARABIC_ROLE:
                if word in label:
                    return r2
            role = _role_of_names(label)
    if role is None:
        role = TAG_ROLE.get(tag)
    return role


def _cached_role(tag: str, attr_s: str, at: dict[str, str]) -> str | None:
    """:func:`_element_role`, memoised on the tag and its raw attribute string (templates repeat
    the same few hundred element openings on every page of a site)."""
    key = (tag, attr_s)
    role = _role_cache.get(key, "?")
    if role == "?":
        role = _element_role(tag, at)
        if len(_role_cache) > 20000:
            _role_cache.clear()
        _role_cache[key] = role
    return role
