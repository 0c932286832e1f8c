"""Arabic-script character classes and normalisation-tolerant patterns."""

from __future__ import annotations

import re

#: Arabic letters proper (hamza … yeh), without diacritics or tatweel
ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
#: diacritics and tatweel that may sit between letters of a word
MARKS = "\u064b-\u065f\u0670\u0640"
ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTER}]")

_VARIANTS = {
    "ا": "اأإآٱ",
    "أ": "اأإآٱ",
    "إ": "اأإآٱ",
    "آ": "اأإآٱ",
    "ي": "يىئ",
    "ى": "يىئ",
    "ه": "هة",
    "ة": "هة",
    "و": "وؤ",
}


def variant_pattern(phrase: str) -> str:
    """A regex source matching ``phrase`` in display text whatever its alef/yeh/teh-marbuta spelling,
    diacritics or tatweel — so chrome phrases can be found (and cut) in the text itself, without
    mapping positions back from the normalised view."""
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(r"\s+")
            continue
        v = _VARIANTS.get(ch)
        out.append(f"[{v}]" if v else re.escape(ch))
        if ARABIC_LETTER_RE.match(ch):
            out.append(f"[{MARKS}]*")
    return "".join(out)
