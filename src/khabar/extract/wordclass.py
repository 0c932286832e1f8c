"""Word classes a name is never made of, shared by the person screens (:mod:`khabar.extract.people`)
and the person rules (:mod:`khabar.extract.person_rules`): closed-class words, months, common words
by their frequency (``names_common_ar.tsv.gz``), the inflections no name takes.

A module of its own, below both: the person rules read these classes and the screens read the rules'
cues, so neither imports the other for them.
"""

from __future__ import annotations

import functools
import re

from khabar import data
from khabar.arabic.dates import MONTHS
from khabar.arabic.normalize import normalize
from khabar.extract.names import is_given_name, is_title

__all__ = [
    "ACCUSATIVE_BASE_ZIPF",
    "COMMON_ZIPF",
    "FUNCTION_WORDS",
    "INFLECTIONS",
    "TANWEEN",
    "common_base",
    "common_zipf",
    "inflected_common",
    "is_month",
]

#: closed-class words that a name never contains: prepositions, particles, pronouns, demonstratives,
#: relatives (بن/ابن/آل/أبو are name words and are not here). Compared on a light fold (diacritics
#: off, hamza forms of alef folded) that keeps ى: "على" is a preposition, "علي" a given name.
FUNCTION_WORDS = frozenset(
    (
        "في على عن من إلى الى مع حتى منذ لدى عند بين ضد نحو حول خلال بعد قبل أمام تحت فوق دون عبر "
        "وعلى وفي ومن وإلى ومع وعن فعلى ففي ومنذ ولدى وعند وبين "
        "أن إن أنه إنه لأن كان كانت قد لقد لم لن لا ما ماذا هل كيف أين متى "
        "هذا هذه ذلك تلك هؤلاء الذي التي الذين اللذين اللتين هو هي هم هن أنا نحن أنت "
        "أو أم ثم بل لكن لكنه كما كل بعض غير أي إذا إذ لو"
    )
    .translate(str.maketrans("أإآ", "ااا"))
    .split()
)
#: inflections no name takes, longest first: duals and plurals, object and possessive pronouns, the
#: accusative alef; a word that is a common word with one of them is no name (قناعته، السفارتين)
INFLECTIONS = ("تين", "تان", "يين", "ين", "ون", "ات", "هما", "هم", "هن", "كم", "نا", "ها", "ه", "ا")
#: the object and possessive pronouns among INFLECTIONS
_PRONOUNS = frozenset({"هما", "هم", "هن", "كم", "نا", "ها", "ه"})
#: the accusative alef is cut only off a clearly common noun (جهودا، مستهلكا; not مورا)
ACCUSATIVE_BASE_ZIPF = 4.0
#: tanween: an indefinite noun or adjective (جهوداً، ودياً، ضاحكًا), never a name
TANWEEN = re.compile("[\u064b-\u064d]")
#: a word is common when its Zipf frequency is at least this (and it is no name)
COMMON_ZIPF = 3.3


@functools.cache
def _common() -> dict[str, float]:
    out: dict[str, float] = {}
    for row in data.rows("names_common_ar.tsv.gz", columns=2):
        try:
            out[row.cols[0]] = float(row.cols[1])
        except ValueError as exc:
            raise data.bad_row(
                "names_common_ar.tsv.gz", row.line, "a Zipf value that is no number", row.cols
            ) from exc
    return out


def common_zipf(word: str) -> float:
    """The Zipf frequency of a normalised word as a common (non-name) word; 0 for names and rare words."""
    return _common().get(word, 0.0)


@functools.lru_cache(maxsize=8192)
def is_month(name: str) -> bool:
    """Whether a span's text is a month name, with clitics and a year allowed (``ونيسان``, ``تموز
    2015``, ``كانون الثاني``)."""
    words = [w for w in normalize(name).split() if not w.isdigit()]
    if not words:
        return False
    first = words[0]
    for cand in (first, first[1:] if len(first) > 2 and first[0] in "وفبل" else first):
        if " ".join([cand, *words[1:]]) in MONTHS:
            return True
    return False


def common_base(base: str, zipf: float) -> bool:
    """Whether ``base`` (a word with a suffix cut off) is a common word (at least ``zipf``): as it is,
    or with the ة a suffix turns into ت (قناعت → قناعة)."""
    if len(base) < 3:
        return False
    cands = [base, base + "ه"]
    if base.endswith("ت"):
        cands.append(base[:-1] + "ه")
    return any((common_zipf(b) >= zipf and not is_given_name(b)) or is_title(b) for b in cands)


def inflected_common(n: str, pronoun: bool, zipf: float = COMMON_ZIPF) -> bool:
    """Whether ``n`` is a common word with an inflection no name takes: a dual or plural ending
    (السفارتين، قوميات، المغتصبين), an object or possessive suffix (معسكره، بقتلهما; a final ه only when
    ``pronoun``: the view writes ة as ه), the accusative alef (مستهلكا، جهودا). ``zipf``: how common the
    word without a dual or plural ending must be (a pronoun suffix asks for a common word only)."""
    for suf in INFLECTIONS:
        if suf == "ه" and not pronoun:
            continue
        need = max(zipf, ACCUSATIVE_BASE_ZIPF) if suf == "ا" else COMMON_ZIPF if suf in _PRONOUNS else zipf
        if n.endswith(suf) and common_base(n[: -len(suf)], need):
            return True
    return False
