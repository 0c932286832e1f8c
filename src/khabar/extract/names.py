"""Person names: their words, their parts (given name, nasab chain, family name) and a cross-document key.

Arabic news writes one person many ways: ``خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود``,
``الملك سلمان بن عبد العزيز``, ``سلمان بن عبدالعزيز``; ``الدكتور عبدالله بن عبدالعزيز الربيعة`` and
``عبدالله الربيعة``. :func:`name_words` reads a name as normalised words with the titles in front taken
off (``person_titles_ar.tsv``) and compound given names joined (``عبد العزيز`` → ``عبدالعزيز``, ``نصر الله``
→ ``نصرالله``);
:func:`name_parts` reads them as Arabic names are built (a given name, forebears, a family name) and
:func:`person_key` turns those parts into one string per person:

* a family name written with the article (``الربيعة``, ``الأسد``, ``الجبير``) is what the press keeps: the
  key is the given name, the father's name when the name gives it (:data:`FAMILY_DEPTH`; a Gulf
  patronymic with the article is the father: ``محمد الخالد الحمد الصباح`` → ``محمد بن خالد الصباح``)
  and the family name (``عبدالله بن عبدالعزيز الربيعة`` → ``عبدالله بن عبدالعزيز الربيعه``; ``عبدالله
  الربيعة`` → ``عبدالله الربيعه``). A family-like name before a nasab chain is the family (``خالد الفيصل
  بن عبدالعزيز`` → ``خالد الفيصل``);
* otherwise a nasab chain keys on the given name and its forebears up to the grandfather
  (:data:`NASAB_DEPTH`: ``سعود بن عبدالله بن ثنيان`` and ``سعود بن عبدالله بن جلوي`` are two men);
  the ``آل`` family of a ruling house is often left out, and so is it from the key (``سلمان بن عبدالعزيز
  آل سعود`` → ``سلمان بن عبدالعزيز``); another ``آل`` family keys like a family name (``أحمد بن علي آل
  مريع`` → ``احمد بن علي ال مريع``). A son's key never equals his father's (``محمد بن سلمان`` ≠ ``سلمان بن
  عبدالعزيز``);
* a regnal number keys with the name (``عبدالله الثاني بن الحسين`` → ``عبدالله الثاني``);
* anything else keys on all its words (``دونالد ترامب``, ``أوباما``).

The shorter forms of one person (``عبدالله الربيعة``، ``محمد بن سلمان``) thus key apart from the fuller:
:func:`same_person` tells a document's linking that they can be one man, and the archive learns from the
corpus which fuller name a short form stands for (:mod:`khabar.archive.identity`).

A given name alone (``عبدالعزيز``, ``محمد``) names nobody in particular: :func:`is_given_name` says so,
from ``names_given_ar.tsv`` (built by ``scripts/build_names.py`` from ANERcorp and WikiFANE person
names).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from khabar import data
from khabar.arabic.memo import WORDS_KEPT
from khabar.arabic.normalize import normalize
from khabar.arabic.tokenize import iter_tokens
from khabar.errors import DataFileError

__all__ = [
    "ALLAH",
    "FAMILY_DEPTH",
    "NASAB",
    "NASAB_DEPTH",
    "NameParts",
    "chain_length",
    "is_given_name",
    "is_title",
    "is_unique_title",
    "join_compounds",
    "load_given_names",
    "load_name_phrases",
    "load_titles",
    "name_parts",
    "name_words",
    "parts_key",
    "person_key",
    "same_person",
    "whole_given_names",
]

#: the words of a nasab chain (normalised): son of, daughter of
NASAB = frozenset({"بن", "ابن", "بنت"})
#: the family-name particle آل, as the normalised view writes it
_AAL = "ال"
#: first words of compound given names that are written apart or joined (عبد العزيز / عبدالعزيز,
#: أبو بكر / أبوبكر; a kunya in every case: أبي طالب، أبا بكر)
_COMPOUND_HEADS = frozenset({"عبد", "ابو", "ابي", "ابا"})
#: the word الله in the normalised view (theophoric names, religious formulae)
ALLAH = "الله"
_PHRASE_CLASSES = frozenset(
    {"theophoric", "ordinal", "adjective", "idafa", "unique_title", "ruling_family", "letter", "club"}
)
#: forebears a key keeps after a given name in a nasab chain (up to the grandfather: سعود بن عبدالله بن
#: ثنيان and سعود بن عبدالله بن جلوي are two men) and before a family name (the father: محمد الخالد
#: الصباح and محمد العبدالله الصباح are two ministers). Shorter forms of one person are joined in a
#: document by :func:`same_person` and across documents by the archive (``resolve_identities``).
NASAB_DEPTH = 2
FAMILY_DEPTH = 1
_EXTRA_FOLD = str.maketrans({"ی": "ي", "ک": "ك"})


def _data_lines(name: str) -> list[list[str]]:
    """The data rows of the package file ``name`` (the header left out), through :mod:`khabar.data`."""
    return [row.cols for row in data.rows(name)]


@functools.cache
def load_given_names() -> frozenset[str]:
    """Normalised Arabic given names (``names_given_ar.tsv``, built from corpora, and
    ``names_given_hand_ar.tsv``, written by hand), read once; compounds joined as names are read."""
    rows = _data_lines("names_given_ar.tsv") + _data_lines("names_given_hand_ar.tsv")
    return frozenset("".join(normalize(r[0]).split()) for r in rows if r and r[0])


@functools.cache
def whole_given_names() -> frozenset[str]:
    """The given names no clitic is ever cut from (``لجين`` is no ل + جين, ``بدر`` no ب + در): the
    hand-written list, and the corpus-built one less the forms that are a clitic on another name, a
    title or a compound's head (the corpora tagged ``وعبد``، ``للملك`` inside names)."""
    from khabar.arabic.clitics import readings

    hand = frozenset(
        "".join(normalize(r[0]).split()) for r in _data_lines("names_given_hand_ar.tsv") if r and r[0]
    )
    given = load_given_names()
    titles = load_titles()

    def tagged_form(w: str) -> bool:
        return any(
            r.stem in given or r.stem in titles or r.stem in _COMPOUND_HEADS or r.stem.startswith(_AAL)
            for r in readings(w)[1:]
        )

    return hand | frozenset(w for w in given if not tagged_form(w))


@functools.cache
def load_titles() -> frozenset[str]:
    """Normalised titles and honorifics that stand before a name (``person_titles_ar.tsv``)."""
    return frozenset(normalize(r[0]).rstrip(".") for r in _data_lines("person_titles_ar.tsv") if r and r[0])


@functools.cache
def load_name_phrases() -> dict[str, frozenset[str]]:
    """The word classes of ``person_name_phrases_ar.tsv`` (normalised): ``theophoric`` heads of
    compounds with الله, regnal ``ordinal`` numbers, given names that are ``adjective`` s, the ``idafa``
    nouns that make such an adjective a common phrase, and the ``unique_title`` s."""
    out: dict[str, set[str]] = {c: set() for c in _PHRASE_CLASSES}
    for r in _data_lines("person_name_phrases_ar.tsv"):
        if len(r) != 2 or r[0] not in _PHRASE_CLASSES or not r[1].strip():
            raise DataFileError(f"person_name_phrases_ar.tsv: not 'class<TAB>word': {r!r}", value=r)
        out[r[0]].add(normalize(r[1].strip()))
    return {c: frozenset(ws) for c, ws in out.items()}


def is_unique_title(word: str) -> bool:
    """Whether a title (normalised) picks out one person with a bare given name (``الملك سلمان``,
    ``السلطان قابوس``), unlike ``المهندس محمد`` or ``الأمير محمد``, which name one of many."""
    return word.rstrip(".") in load_name_phrases()["unique_title"]


def is_given_name(word: str) -> bool:
    """Whether ``word`` (normalised) is a given name, which names nobody on its own."""
    return word in load_given_names()


def is_title(word: str) -> bool:
    """Whether ``word`` (normalised) is a title or honorific (الملك، الأمير، الدكتور، سمو)."""
    return word.rstrip(".") in load_titles()


def join_compounds(words: tuple[str, ...]) -> tuple[str, ...]:
    """``عبد`` + the next word as one word (``عبد العزيز`` → ``عبدالعزيز``), as names are also written;
    so is a theophoric head + الله (``نصر الله`` → ``نصرالله``, ``العبد الله`` → ``العبدالله``)."""
    out: list[str] = []
    theophoric = load_name_phrases()["theophoric"]
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and (
            (w in _COMPOUND_HEADS and nxt not in NASAB) or (nxt == ALLAH and w in theophoric)
        ):
            out.append(w + words[i + 1])
            i += 2
            continue
        out.append(w)
        i += 1
    return tuple(out)


@functools.lru_cache(maxsize=WORDS_KEPT)
def name_words(name: str) -> tuple[str, ...]:
    """The normalised words of a person's name, titles in front removed, compounds joined.

    A name that is all titles (``الملك``) keeps its words: it is not a name, and the caller decides."""
    words = tuple(t.text for t in iter_tokens(normalize(name).translate(_EXTRA_FOLD)) if t.text[0].isalpha())
    # a conjunction on a compound's head (وعبد الإله، وأبو بكر) is not part of the name
    if len(words) > 1 and words[0][:1] in "وف" and words[0][1:] in _COMPOUND_HEADS:
        words = (words[0][1:], *words[1:])
    words = join_compounds(words)
    k = 0
    while k < len(words) - 1 and is_title(words[k]):
        k += 1
    words = words[k:]
    # a conjunction on a given name (وأحمد عطيف) is not part of it; وليد stays whole
    if words and words[0][:1] in "وف" and not is_given_name(words[0]) and is_given_name(words[0][1:]):
        words = (words[0][1:], *words[1:])
    # a name the NER cut at the family particle (عبداللطيف آل): the particle alone is no name
    if len(words) > 1 and words[-1] == _AAL:
        words = words[:-1]
    return words


@dataclass(frozen=True)
class NameParts:
    """A name read as Arabic names are built: the given name, the forebears (father, grandfather …,
    ``بن`` links and the article of a patronymic off: ``الخالد`` → خالد) and the family name (with
    the article, ``الربيعه``, or after آل, ``ال سعود``)."""

    given: str
    forebears: tuple[str, ...]
    family: str | None


def _forebear(word: str) -> str:
    """A forebear's name without the article of a Gulf patronymic (``الخالد``، ``العبدالله``)."""
    return word[2:] if word.startswith(_AAL) and is_given_name(word[2:]) else word


def name_parts(words: tuple[str, ...]) -> NameParts | None:
    """The parts of a name of the Arabic shape (a nasab chain, or a family name with the article after
    a given name), or None for other names (``دونالد ترامب``, ``بن لادن``, a surname alone)."""
    if len(words) < 2:
        return None
    ws = [("بن" if w == "ابن" and i else w) for i, w in enumerate(words)]
    given = ws[0]
    if given in NASAB:
        return None
    family = None
    for i in range(1, len(ws) - 1):
        if ws[i] == _AAL:  # آل + family (آل سعود): its own word in the normalised view
            family = f"{_AAL} {ws[i + 1]}"
            ws = ws[:i]
            break
    if len(ws) >= 3 and ws[1].startswith(_AAL) and len(ws[1]) > 3 and ws[2] in NASAB:
        # a family-like name before a nasab chain (خالد الفيصل بن عبدالعزيز): the press keeps that name
        return NameParts(given, (), ws[1])
    if len(ws) >= 2 and ws[-1].startswith(_AAL) and len(ws[-1]) > 3 and ws[-2] not in NASAB:
        middle = [w for w in ws[1:-1] if w not in NASAB]
        return NameParts(given, tuple(_forebear(w) for w in middle), ws[-1])
    if len(ws) >= 3 and ws[1] in NASAB:
        fore = [ws[2]]
        k = 3
        while k + 1 < len(ws) and ws[k] in NASAB:
            fore.append(ws[k + 1])
            k += 2
        if family is None and k == len(ws) - 1:
            family = ws[k]  # a family name without the article after the chain (أحمد بن عبدالعزيز قطان)
        return NameParts(given, tuple(fore), family)
    if family is not None and len(ws) == 1:
        return NameParts(given, (), family)
    return None


def person_key(words: tuple[str, ...]) -> str:
    """The cross-document key of a person named by ``words`` (:func:`name_words`); see the module
    docstring."""
    if not words:
        return ""
    ws = [("بن" if w == "ابن" and i else w) for i, w in enumerate(words)]
    if len(ws) >= 2 and ws[1] in load_name_phrases()["ordinal"]:
        # a regnal name is one person whatever follows (عبدالله الثاني بن الحسين → عبدالله الثاني)
        return f"{ws[0]} {ws[1]}"
    parts = name_parts(words)
    if parts is None:
        return " ".join(words) if ws[0] in NASAB else " ".join(ws)
    return parts_key(parts)


def parts_key(parts: NameParts) -> str:
    """The key of a name's parts: the given name, its forebears as far as :data:`NASAB_DEPTH` (a
    family name: :data:`FAMILY_DEPTH`), and the family name; a ruling family after آل is left out (the
    press writes it or not: ``ruling_family`` of ``person_name_phrases_ar.tsv``)."""
    ruling = (
        parts.family is not None
        and parts.family.startswith(f"{_AAL} ")
        and (parts.family[len(_AAL) + 1 :] in load_name_phrases()["ruling_family"])
    )
    if parts.family is not None and not ruling:
        fore = parts.forebears[:FAMILY_DEPTH]
        return " ".join([parts.given, *(f"بن {f}" for f in fore), parts.family])
    fore = parts.forebears[:NASAB_DEPTH]
    if not fore:
        return f"{parts.given} {parts.family}"
    return " ".join([parts.given, *(f"بن {f}" for f in fore)])


def chain_length(words: tuple[str, ...]) -> tuple[int, int]:
    """How much of a person a name tells: forebears known, then words (the fullest of a ref's names
    gives its key)."""
    parts = name_parts(words)
    return (len(parts.forebears) + (parts.family is not None) if parts else 0, len(words))


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two names of the Arabic shape can name one person: the same given name, one's forebears
    the start of the other's, and family names that agree (:func:`_families_agree`): ``محمد بن سلمان``
    and ``محمد بن سلمان بن عبدالعزيز آل سعود``; ``بشار الأسد`` and ``بشار حافظ الأسد``; never father and
    son: their given names differ."""
    pa, pb = name_parts(a), name_parts(b)
    if pa is None or pb is None or pa.given != pb.given or not _families_agree(pa, pb):
        return False
    n = min(len(pa.forebears), len(pb.forebears))
    return pa.forebears[:n] == pb.forebears[:n]


def _families_agree(pa: NameParts, pb: NameParts) -> bool:
    """The same family name, or none beside a royal's آل family (often not written) or beside a chain
    that gives the father too (``لبيد بن ربيعة`` … ``لبيد بن ربيعة العامري``), or a family-like
    patronymic beside the chain it stands for (``سعود الفيصل`` = ``سعود بن فيصل بن عبدالعزيز``). A
    family name alone beside a chain without one is another man (``خالد الفيصل`` ≠ ``خالد بن فهد``)."""
    if pa.family == pb.family:
        return True
    for x, y in ((pa, pb), (pb, pa)):
        if x.family is not None and y.family is None:
            if x.family.startswith(f"{_AAL} ") or (x.forebears and y.forebears):
                return True  # a royal's آل, or a chain the family name ends (لبيد بن ربيعة العامري)
            if not x.forebears and y.forebears and x.family == _AAL + y.forebears[0]:
                return True
    return False
