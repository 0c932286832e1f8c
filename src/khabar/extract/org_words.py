"""The word lists of :mod:`khabar.extract.orgs`, read on first use: the organisation kinds, the head
nouns of ``org_heads_ar.tsv`` (with their flags), the known names of ``orgs_known_ar.tsv``, the word
classes of ``orgs_stop_ar.tsv`` and the other names of ``orgs_aliases_ar.tsv``; and an organisation's
cross-document key (:func:`org_key`). Moved out of ``orgs.py`` so that the finder stays under 600 lines.
"""

from __future__ import annotations

import functools

from khabar import data
from khabar.arabic.clitics import CACHE_WORDS
from khabar.arabic.normalize import normalize
from khabar.extract.places import nationality_country

__all__ = [
    "ORG_KINDS",
    "StopWords",
    "heads_flagged",
    "known_rows",
    "load_known_orgs",
    "load_org_aliases",
    "load_org_heads",
    "national_names",
    "org_key",
    "org_rows",
    "short_forms",
    "town_heads",
    "word_stems",
]

ORG_KINDS = frozenset(
    {
        "government",
        "military",
        "armed_group",
        "party",
        "company",
        "media",
        "sports_club",
        "international",
        "ngo",
        "other",
    }
)


class StopWords:
    """A class of ``orgs_stop_ar.tsv`` (read on first use, not at import)."""

    def __init__(self, cls: str) -> None:
        self.cls = cls

    def __contains__(self, word: object) -> bool:
        return word in _stop_words().get(self.cls, frozenset())


@functools.cache
def _stop_words() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for line, cols in org_rows("orgs_stop_ar.tsv"):
        if len(cols) != 2:
            raise data.bad_row("orgs_stop_ar.tsv", line, "expected word<TAB>class", cols)
        out.setdefault(cols[1], set()).add(normalize(cols[0]))
    return {k: frozenset(v) for k, v in out.items()}


def org_rows(name: str) -> list[data.Row]:
    """The data rows of the package file ``name`` (:func:`khabar.data.rows`)."""
    return data.rows(name)


@functools.cache
def load_org_heads() -> dict[str, tuple[str, bool]]:
    """Organisation head nouns (normalised) → (the organisation kind they tell, weak)."""
    out: dict[str, tuple[str, bool]] = {}
    for line, cols in org_rows("org_heads_ar.tsv"):
        if len(cols) not in (2, 3) or cols[1] not in ORG_KINDS:
            raise data.bad_row("org_heads_ar.tsv", line, "expected head<TAB>kind<TAB>flags", cols)
        out[normalize(cols[0])] = (cols[1], len(cols) == 3 and "weak" in cols[2].split(","))
    return out


@functools.cache
def heads_flagged(flag: str) -> frozenset[str]:
    """The head nouns (normalised) of ``org_heads_ar.tsv`` with ``flag`` (see its header)."""
    return frozenset(
        normalize(cols[0])
        for _line, cols in org_rows("org_heads_ar.tsv")
        if len(cols) == 3 and flag in cols[2].split(",")
    )


def town_heads() -> frozenset[str]:
    """The indefinite head nouns (normalised) that a town's name right after names as a body of that
    town (flag ``town`` of ``org_heads_ar.tsv``: شرطة لندن، جامعة تبوك)."""
    return heads_flagged("town")


@functools.cache
def known_rows() -> tuple[tuple[tuple[str, ...], str, frozenset[str]], ...]:
    """The rows of ``orgs_known_ar.tsv``, read and checked once: (normalised words, kind, flags)."""
    out: list[tuple[tuple[str, ...], str, frozenset[str]]] = []
    for line, cols in org_rows("orgs_known_ar.tsv"):
        if len(cols) < 2 or cols[1] not in ORG_KINDS:
            raise data.bad_row("orgs_known_ar.tsv", line, "expected name<TAB>kind[<TAB>flags]", cols)
        flags = frozenset(cols[2].split(",")) if len(cols) > 2 and cols[2] else frozenset()
        out.append((tuple(normalize(cols[0]).split()), cols[1], flags))
    return tuple(out)


@functools.cache
def load_known_orgs() -> dict[tuple[str, ...], tuple[str, bool]]:
    """Known organisation names (normalised words) → (kind, needs a sports page)."""
    return {words: (kind, "sport" in flags) for words, kind, flags in known_rows()}


@functools.cache
def national_names() -> frozenset[tuple[str, ...]]:
    """The known names (normalised words) of bodies every state has (flag ``national``: البنك
    المركزي، مجلس الوزراء), which a nationality or regional adjective after them completes."""
    return frozenset(words for words, _kind, flags in known_rows() if "national" in flags)


@functools.cache
def load_org_aliases() -> dict[str, str]:
    """Another name of an organisation (normalised) → the name it is keyed by (normalised), from
    ``orgs_aliases_ar.tsv`` (تنظيم داعش → داعش، الحوثيون → الحوثيين)."""
    return {
        normalize(cols[0]): normalize(cols[1]) for _line, cols in data.rows("orgs_aliases_ar.tsv", columns=2)
    }


def org_key(name: str, kind: str) -> str:
    """The cross-document key of an organisation (normalised): a club without نادي/فريق and its
    country (نادي الاتحاد، الاتحاد السعودي → الاتحاد) unless what is left is a head noun alone
    (المنتخب السعودي), another name by ``orgs_aliases_ar.tsv``."""
    heads, known = load_org_heads(), load_known_orgs()
    # a form that is only a head noun is no name (المنتخب), unless it is a club's known name (الاتحاد)
    short = [f for f in short_forms(name, kind) if (g := normalize(f)) not in heads or (g,) in known]
    key = normalize(short[-1] if short else name)
    return load_org_aliases().get(key, key)


def short_forms(name: str, kind: str) -> list[str]:
    """The shorter names a club goes by: without نادي/فريق, without its country (``نادي الريان
    القطري`` → ``الريان القطري``, ``الريان``)."""
    if kind != "sports_club":
        return []
    ws = name.split()
    out: list[str] = []
    if len(ws) > 1 and normalize(ws[0]) in ("نادي", "فريق", "النادي"):
        ws = ws[1:]
        out.append(" ".join(ws))
    if len(ws) > 1 and nationality_country(ws[-1]):
        out.append(" ".join(ws[:-1]))
    return out


@functools.lru_cache(maxsize=CACHE_WORDS)
def word_stems(word: str) -> tuple[str, ...]:
    """The word, and its readings without و/ف and ب/ل/ك (``للهيئة`` → الهيئة، ``بوزارة`` → وزارة).

    Remembered per word form."""
    out = [word]
    w = word
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
        out.append(w)
    if len(w) > 3 and w.startswith("لل"):
        out.append("ال" + w[2:])
    elif len(w) > 3 and w[0] in "بلك":
        out.append(w[1:])
    return tuple(out)
