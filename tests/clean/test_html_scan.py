"""The DOM pass's fast paths give exactly what the regexes they stand in for give (issue 15: the
HTML path on big pages is made faster with outputs unchanged)."""

from __future__ import annotations

import random
import re

from khabar.html.elements import _GAP_START, _ROLE_HINT, role_hint
from khabar.html.scan import _CASE_ODD, _FOLD_BLOCKERS, _LDJSON, _match_end, has_blocker, lower_copy

# pieces the strings are built from: the words looked for, in every case, beside the characters that
# a case-insensitive regex matches to ASCII letters (dotted capital I, dotless i, long s, Kelvin)
_PIECES = [
    "<h1",
    "<H1>",
    "<h10",
    "<h1_",
    "<Article ",
    "<ARTICLE>",
    "<articles",
    "<main",
    "<MAIN-x",
    "artıclebody",
    "ArticleBody",
    "entry-Content",
    "poſt-body",
    "POST-BODY",
    "class",
    "CLASS",
    "hıdden",
    "Hidden",
    "display : none",
    "DISPLAY:NONE",
    "dıſplay:none",
    "role=",
    "ROLE =",
    "itemProp",
    "İtemprop",
    "property",
    "dateTime",
    "aria-Label",
    "ld+JSON",
    "ld+jſon",
    "\u212a",
    "خبر",
    " ",
    "x",
    "<",
    ">",
    "\u0130",
]


def _strings(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randrange(1, 6))) for _ in range(n)]


def test_role_hint_is_the_regex() -> None:
    # why: role_hint replaces _ROLE_HINT.search on every inline element's attributes
    for s in _strings(4000, 1):
        assert role_hint(s) == (_ROLE_HINT.search(s) is not None), s


def test_has_blocker_is_the_regex() -> None:
    # why: folding looks for blockers with bytes.find in the ASCII lower-cased page
    for s in _strings(3000, 2):
        low = lower_copy(s)
        for a in range(0, len(s), 3):
            for b in range(a, len(s) + 1, 4):
                want = _FOLD_BLOCKERS.search(s, a, b) is not None
                assert has_blocker(s, low, a, b) == want, (s, a, b)


def test_lower_copy_keeps_offsets_or_declines() -> None:
    # why: one byte per character, so a find in the copy is an offset in the page
    assert lower_copy("<DIV>خبر</DIV>") == b"<div>???</div>"
    assert lower_copy("<p>poſt</p>") is None  # the regex matches long s to s: the copy would not
    low = lower_copy('<script type="application/LD+JSON">{}</script>')
    assert low is not None and low.find(b"ld+json") >= 0
    assert _LDJSON.search('<script type="application/LD+JSON">{}</script>') is not None


def test_gap_start_is_whitespace_or_a_tag() -> None:
    # why: the whitespace-then-tag match is tried only where a gap starts with one of these
    ws = {chr(c) for c in range(0x110000) if re.match(r"\s", chr(c))}
    assert ws | {"<"} == _GAP_START


def test_case_odd_is_every_character_re_matches_to_ascii() -> None:
    # why: lower_copy declines exactly the pages a case-insensitive regex reads differently
    letter = re.compile("[a-z]", re.I).fullmatch
    odd = {chr(c) for c in range(128, 0x110000) if letter(chr(c))}
    assert odd == set(_CASE_ODD)


def test_match_end_with_the_copy_is_the_regex_count() -> None:
    # why: _match_end skips the opening-tag regex where the lower-cased copy has no "<tag"
    rng = random.Random(3)
    bits = [
        "<div>",
        "<DIV class='a'>",
        "</div>",
        "</DIV >",
        "<div/>",
        "<divx>",
        "<dıv>",
        "x",
        "<nav>",
        "</nav>",
    ]
    bits += ["<blockquote>", "</blockquote>", "<bloc\u212aquote>", '<div title="</div>">']
    for _ in range(800):
        s = "".join(rng.choice(bits) for _ in range(rng.randrange(1, 12)))
        for tag in ("div", "nav", "blockquote"):
            for pos in range(0, len(s), 5):
                assert _match_end(s, tag, pos, None, lower_copy(s)) == _match_end(s, tag, pos), (s, tag, pos)
