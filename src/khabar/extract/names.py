"""Person names: their words, their parts (given name, nasab chain, family name) and a cross-document key.

Arabic news writes one person many ways: ``خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود``,
``الملك سلمان بن عبد العزيز``, ``سلمان بن عبدالعزيز``; ``الدكتور عبدالله بن عبدالعزيز الربيعة`` and
``عبدالله الربيعة``. :func:`name_words` reads a name as normalised words with the titles in front taken
off (``person_titles_ar.tsv``) and compound given names joined (``عبد العزيز`` → ``عبدالعزيز``);
:func:`person_key` turns those words into one string per person:

* a family name written with the article (``الربيعة``, ``الأسد``, ``الجبير``) is what the press keeps, so
  the key is the given name + the family name, whatever comes between (``بشار حافظ الأسد`` → ``بشار
  الاسد``; ``عبدالله بن عبدالعزيز الربيعة`` → ``عبدالله الربيعه``);
* otherwise a nasab chain keys on the given name and the father's (``سلمان بن عبدالعزيز آل سعود`` →
  ``سلمان بن عبدالعزيز``): the ``آل`` family of a royal is often left out, the father never. A son's key
  thus never equals his father's (``محمد بن سلمان`` ≠ ``سلمان بن عبدالعزيز``);
* anything else keys on all its words (``دونالد ترامب``, ``أوباما``).

A given name alone (``عبدالعزيز``, ``محمد``) names nobody in particular: :func:`is_given_name` says so,
from ``names_given_ar.tsv`` (built by ``scripts/build_names.py`` from ANERcorp and WikiFANE person
names).
"""

from __future__ import annotations

import functools
from importlib import resources

from khabar.arabic.normalize import normalize
from khabar.errors import DataFileError
from khabar.extract.tokenize import iter_tokens

__all__ = [
    "ALLAH",
    "NASAB",
    "is_given_name",
    "is_title",
    "is_unique_title",
    "join_compounds",
    "load_given_names",
    "load_name_phrases",
    "load_titles",
    "name_words",
    "person_key",
    "whole_given_names",
]

#: the words of a nasab chain (normalised): son of, daughter of
NASAB = frozenset({"بن", "ابن", "بنت"})
#: the family-name particle آل, as the normalised view writes it
_AAL = "ال"
#: first words of compound given names that are written apart or joined (عبد العزيز / عبدالعزيز,
#: أبو بكر / أبوبكر)
_COMPOUND_HEADS = frozenset({"عبد", "ابو"})
#: the word الله in the normalised view (theophoric names, religious formulae)
ALLAH = "الله"
_PHRASE_CLASSES = frozenset({"theophoric", "ordinal", "adjective", "idafa", "unique_title"})
_EXTRA_FOLD = str.maketrans({"ی": "ي", "ک": "ك"})


def _data_lines(name: str) -> list[list[str]]:
    path = resources.files("khabar") / "data" / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"khabar/data/{name}: cannot read: {exc}", value=name) from exc
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return rows[1:]  # the header row


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


@functools.lru_cache(maxsize=65536)
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


def person_key(words: tuple[str, ...]) -> str:
    """The cross-document key of a person named by ``words`` (:func:`name_words`); see the module
    docstring."""
    if not words:
        return ""
    ws = [("بن" if w == "ابن" and i else w) for i, w in enumerate(words)]
    given = ws[0]
    # آل + family (آل سعود): the family particle is its own word in the normalised view
    aal = None
    for i in range(1, len(ws) - 1):
        if ws[i] == _AAL:
            aal = ws[i + 1]
            ws = ws[:i]
            break
    family = (
        ws[-1]
        if len(ws) >= 2 and ws[-1].startswith("ال") and len(ws[-1]) > 3 and ws[-2] not in NASAB
        else None
    )
    if given in NASAB:  # the name starts at the chain (بن لادن): keep it whole
        return " ".join(words)
    if len(ws) >= 2 and ws[1] in load_name_phrases()["ordinal"]:
        # a regnal name is one person whatever follows (عبدالله الثاني بن الحسين → عبدالله الثاني)
        return f"{given} {ws[1]}"
    if family is not None:
        return f"{given} {family}"
    if len(ws) >= 3 and ws[1] in NASAB:
        return f"{given} بن {ws[2]}"
    if aal is not None:
        return f"{given} ال {aal}"
    return " ".join(ws)
