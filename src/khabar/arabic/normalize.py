"""The normalised view of Arabic text, used for matching, search and deduplication.

Display text is never folded: khabar keeps what the page says and derives this view next to it.
The view folds the spelling variants that writers and keyboards use interchangeably, so that
``إعلان``/``اعلان``, ``مستشفى``/``مستشفي`` or ``٢٠٢٤``/``2024`` compare equal:

* alef with hamza/madda/wasla ``أ إ آ ٱ`` → bare alef ``ا``
* alef maksura ``ى`` → yeh ``ي``
* teh marbuta ``ة`` → heh ``ه``
* hamza on a carrier → the bare carrier, ``ؤ`` → ``و`` and ``ئ`` → ``ي``: the light-normalisation
  choice, so that the common hamza-less spellings match (``شاطئ``/``شاطي``, ``مبادئ``/``مبادي``,
  ``تؤدي``/``تودي``). It does not unify ``مسؤول`` with ``مسئول`` (they fold to different carriers).
  A lone hamza ``ء`` is kept: dropping it changes the letter count and merges unrelated words
* diacritics (tashkeel, superscript alef, the marks U+0653–U+065F and the Quranic annotation marks)
  and tatweel ``ـ`` are deleted
* Arabic-Indic and Persian/Urdu digits → ASCII digits

Every folding maps one character to one character and everything else is a deletion, so one
character table does the whole profile and :func:`normalize_view` only has to record the deletions
to map the view back to the text. The tables live in ``khabar/data/normalize_ar.json``.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar import data
from khabar.arabic.memo import WORDS_KEPT
from khabar.errors import DataFileError
from khabar.offsets import OffsetMap

__all__ = [
    "MAPPING_NAMES",
    "NormalizedView",
    "fold_alef",
    "fold_digits",
    "fold_hamza_carriers",
    "fold_teh_marbuta",
    "fold_yeh",
    "load_mappings",
    "normalize",
    "normalize_view",
    "strip_deletions",
    "strip_diacritics",
    "strip_tatweel",
]

#: the mappings ``normalize_ar.json`` must define; :func:`normalize` applies all of them
MAPPING_NAMES: tuple[str, ...] = (
    "alef",
    "yeh",
    "teh_marbuta",
    "hamza_carriers",
    "diacritics",
    "tatweel",
    "digits",
)

_DATA_FILE = "normalize_ar.json"

Mappings = dict[str, dict[str, str]]


# -- data ------------------------------------------------------------------------------------------
def load_mappings(path: str | Path | None = None) -> Mappings:
    """Read and validate the character tables (the package's own file when ``path`` is None).

    Keys starting with ``_`` are comments. Each mapping must be an object of single characters to a
    single character (a folding) or ``""`` (a deletion): the view's offset map relies on that.
    """
    where = f"khabar/data/{_DATA_FILE}" if path is None else str(path)
    try:
        content = data.read_text(_DATA_FILE) if path is None else Path(path).read_text(encoding="utf-8")
        raw: Any = json.loads(content)
    except FileNotFoundError as exc:
        raise DataFileError(f"{where}: file not found", value=where) from exc
    except (OSError, ValueError) as exc:  # ValueError covers JSONDecodeError and UnicodeDecodeError
        raise DataFileError(f"{where}: cannot read JSON: {exc}", value=where) from exc
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: expected a JSON object of mappings", value=where)

    mappings: Mappings = {}
    for name, mapping in raw.items():
        if name.startswith("_"):
            continue
        if not isinstance(mapping, dict):
            raise DataFileError(f"{where}: mapping {name!r} is not an object", value=name)
        for key, repl in mapping.items():
            if len(key) != 1:
                raise DataFileError(
                    f"{where}: mapping {name!r}: key {key!r} is not a single character", value=key
                )
            if not isinstance(repl, str) or len(repl) > 1:
                raise DataFileError(
                    f"{where}: mapping {name!r}: replacement of {key!r} must be one character or "
                    f"empty, got {repl!r}",
                    value=key,
                )
        mappings[name] = dict(mapping)
    missing = [n for n in MAPPING_NAMES if n not in mappings]
    if missing:
        raise DataFileError(f"{where}: missing mapping(s) {', '.join(missing)}", value=missing[0])
    return mappings


# A mapping as (character, replacement) pairs. Applying it is one `in` test per pair and one
# str.replace per character actually present: both run in C at memchr speed, which measured 25-40x
# faster on Arabic text than str.translate (that looks every character up in the table from Python's
# side, through a KeyError for each character it leaves alone), and 2-6x faster than intersecting
# the table with set(text) (hashing every character costs more than 75 memchr scans).
_Pairs = tuple[tuple[str, str], ...]


def _apply(text: str, pairs: _Pairs) -> str:
    for ch, repl in pairs:
        if ch in text:
            text = text.replace(ch, repl)
    return text


@dataclass(frozen=True, slots=True)
class _Tables:
    by_name: dict[str, _Pairs]
    full: _Pairs
    #: the pairs for the letters that occur in most Arabic lines (hamza forms, alef maksura, teh
    #: marbuta), and a class matching any other character the profile changes (diacritics, marks,
    #: tatweel, digits): one search for the rare ones saves ~60 `in` scans on most lines
    common: _Pairs
    rare_re: re.Pattern[str]
    #: runs of characters the full profile deletes (a leading class, not [...]+, keeps the regex
    #: engine on its fast scan)
    deleted_re: re.Pattern[str]
    #: short strings already normalised with these tables (see :func:`normalize`)
    words: dict[str, str] = field(default_factory=dict)


@functools.cache
def _tables() -> _Tables:
    """The package tables, read once on first use (not at import)."""
    mappings = load_mappings()
    by_name = {name: tuple(m.items()) for name, m in mappings.items()}
    full: dict[str, str] = {}
    for name in MAPPING_NAMES:
        full.update(mappings[name])
    # replacing one character at a time equals one simultaneous translation, and normalize() is
    # idempotent, only if no replacement is itself replaced
    for ch, repl in full.items():
        if repl in full:
            raise DataFileError(
                f"khabar/data/{_DATA_FILE}: {ch!r} → {repl!r}, which is itself replaced", value=ch
            )
    deleted = "".join(re.escape(ch) for ch, repl in sorted(full.items()) if not repl)
    # a class that matches nothing if no deletions are configured
    deleted_re = re.compile(f"[{deleted}][{deleted}]*" if deleted else r"[^\s\S]")
    common_chars = set("أإآٱىةؤئ")
    common = tuple((c, r) for c, r in full.items() if c in common_chars)
    rare = "".join(re.escape(c) for c in sorted(full) if c not in common_chars)
    rare_re = re.compile(f"[{rare}]" if rare else r"[^\s\S]")
    return _Tables(
        by_name=by_name, full=tuple(full.items()), common=common, rare_re=rare_re, deleted_re=deleted_re
    )


# -- single-purpose foldings -----------------------------------------------------------------------
def fold_alef(text: str) -> str:
    """``أ إ آ ٱ`` → ``ا``."""
    return _apply(text, _tables().by_name["alef"])


def fold_yeh(text: str) -> str:
    """Alef maksura ``ى`` → yeh ``ي``."""
    return _apply(text, _tables().by_name["yeh"])


def fold_teh_marbuta(text: str) -> str:
    """Teh marbuta ``ة`` → heh ``ه``."""
    return _apply(text, _tables().by_name["teh_marbuta"])


def fold_hamza_carriers(text: str) -> str:
    """Hamza on a carrier → the bare carrier: ``ؤ`` → ``و``, ``ئ`` → ``ي``."""
    return _apply(text, _tables().by_name["hamza_carriers"])


def strip_diacritics(text: str) -> str:
    """Delete tashkeel (U+064B–U+0652), U+0653–U+065F, superscript alef and Quranic marks."""
    return _apply(text, _tables().by_name["diacritics"])


def strip_tatweel(text: str) -> str:
    """Delete tatweel (kashida) ``ـ``, a purely typographic stretch."""
    return _apply(text, _tables().by_name["tatweel"])


def strip_deletions(text: str) -> str:
    """``text`` with the view's deletions (diacritics, tatweel) and none of its foldings: aligned
    character by character with :func:`normalize`'s output, so a span of the view reads what the text
    wrote there (a hamza the view folded away: هنأ, not هنا)."""
    return _tables().deleted_re.sub("", text)


def fold_digits(text: str) -> str:
    """Arabic-Indic (``٠``–``٩``) and Persian/Urdu (``۰``–``۹``) digits → ASCII."""
    return _apply(text, _tables().by_name["digits"])


# -- the profile -----------------------------------------------------------------------------------
def normalize(text: str) -> str:
    """All foldings and deletions above, as one character table; idempotent.

    Words are normalised again and again (every fact layer looks at the words around each candidate):
    short strings are remembered, so a word costs one dict look-up after its first time (measured on
    SaudiNewsNet with the fact layers: 2.3 million calls per 200 articles, nearly all for a few
    thousand distinct words)."""
    t = _tables()
    if len(text) <= _WORD_LEN:
        words = t.words
        n = words.get(text)
        if n is None:
            if len(words) >= _WORDS_MAX:
                words.clear()
            n = words[text] = _normalize(text, t)
        return n
    return _normalize(text, t)


#: strings this long or shorter are remembered by :func:`normalize` (words and short phrases) …
_WORD_LEN = 24
#: … up to this many of them (then the memory starts again: a bound, not an eviction policy)
_WORDS_MAX = WORDS_KEPT


def _normalize(text: str, t: _Tables) -> str:
    if t.rare_re.search(text) is None:
        return _apply(text, t.common)
    return _apply(text, t.full)


@dataclass(slots=True)
class NormalizedView:
    """Normalised ``text`` plus ``offsets`` mapping its positions back to the input text."""

    text: str
    offsets: OffsetMap

    def to_text_span(self, start: int, end: int) -> tuple[int, int]:
        """The input-text span ``(start, end)`` of the normalised span ``[start, end)``."""
        return self.offsets.span_to_src(start, end)


def normalize_view(text: str) -> NormalizedView:
    """:func:`normalize` plus the offset map back to ``text``.

    Foldings keep the length, so only deleted runs need segments; text with nothing to delete maps
    through a single identity segment.
    """
    tables = _tables()
    out = _apply(text, tables.full)
    if len(out) == len(text):  # fast path: nothing deleted
        return NormalizedView(out, OffsetMap.identity(len(text)))
    # built straight into the map's lists: vocalised text has a deleted run every other character
    dst_starts: list[int] = []
    src_starts: list[int] = []
    dst_lens: list[int] = []
    src_lens: list[int] = []
    prev = shift = 0  # shift: characters deleted so far
    for m in tables.deleted_re.finditer(text):
        s, e = m.span()
        if s > prev:
            dst_starts.append(prev - shift)
            src_starts.append(prev)
            dst_lens.append(s - prev)
            src_lens.append(s - prev)
        dst_starts.append(s - shift)
        src_starts.append(s)
        dst_lens.append(0)
        src_lens.append(e - s)
        shift += e - s
        prev = e
    if prev < len(text):
        dst_starts.append(prev - shift)
        src_starts.append(prev)
        dst_lens.append(len(text) - prev)
        src_lens.append(len(text) - prev)
    omap = OffsetMap(dst_starts, src_starts, dst_lens, src_lens)
    return NormalizedView(out, omap)
