"""People across documents: which person keys of an archive name one person (issue 13).

A person's key (:func:`khabar.extract.names.person_key`) is what one document tells of him: ``سيرغي
لافروف`` here and ``سيرجي لافروف`` there, ``علي صالح`` in a page that never gives his father's name,
``محمد بن سلمان`` beside ``محمد بن سلمان بن عبدالعزيز``. :func:`resolve_keys` reads the whole archive and
says which keys are other forms of a fuller or more usual one, from three kinds of evidence:

1. **Spelling variants** of transliterated names (:func:`variant_form`): the same consonants once the
   long vowels are off and ج/غ (both write a G) folded, ``جورجيوس دونيس`` = ``جوريجوس دونيس``, or
   one letter apart in words of three letters or more so folded that are no given names (``لازلو`` /
   ``لاسزلو``; not ``عبده`` / ``عبدالله``). Names
   with the article or ``بن`` are not folded, two different given names are never one
   (:func:`same_variant`: ``محمد`` and ``محمود``), and every other word keeps at least three
   consonants. The variant named in the most documents names the group.
2. **Documents that link a short form to a fuller name** (``الملك سلمان`` … ``سلمان بن عبدالعزيز`` in one
   page): the mention's key alone (``alone_key``) differs from its ref's key. When at least
   ``min_documents`` documents do, for one fuller name, that is at least ``min_share`` of the short
   form's evidence and :data:`ALIAS_MIN_LEAD` times the next fuller name's, the short key is that name,
   unless the corpus names another fuller form of it (:func:`extends`) nearly as often: ``محمد العمري``
   is many men.
3. **A name of several words that only one better-known name extends** (``علي صالح`` and ``علي عبدالله
   صالح``, ``داود أوغلو`` and ``أحمد داود أوغلو``, ``عادل الطريفي`` and ``عادل بن زيد الطريفي``): the
   fuller name holds the short one's words in order, with the same last word and the same first word, or
   as its end (names without ``بن``), or adds the father's name between a given and a family name (a
   nasab chain is never extended so: the royal family repeats given names and fathers'); it is named
   in :data:`EXTENDS_LEAD` times as many documents as the short form (:data:`SUFFIX_LEAD` times when the
   short form is the fuller name's end, which is also how his father is named) and :data:`ALIAS_MIN_LEAD`
   times more than any other name that extends it, and no document links the short form to another name.
4. **Two forms of one name that hold one office** (``عادل الجبير`` and ``عادل بن أحمد الجبير``, both
   foreign minister; :func:`related` names, nasab chains too): an office is a role one man holds at a
   time (``وزير الخارجية``, not ``الأمير`` or ``اللواء``: :func:`is_office`), the countries equal where
   both are known. The form named in fewer documents is read as the other. A name with two related
   forms in office (a father and a son, both ministers) is left alone. A father is never read as his
   son's short form: the son's name holds his father's at its end, but the son is the one named less
   (``علي عبدالله صالح`` is not ``أحمد علي عبدالله صالح``). A surname alone (``القحطاني``) is joined only
   on the evidence of 2.: many men share it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from khabar.extract.names import NASAB, is_given_name, name_parts, same_person

__all__ = [
    "ALIAS_MIN_DOCUMENTS",
    "ALIAS_MIN_LEAD",
    "ALIAS_MIN_SHARE",
    "Alias",
    "extends",
    "is_office",
    "related",
    "resolve_keys",
    "same_variant",
    "variant_form",
]

#: a short person key is read as a fuller one when at least this many documents link the two and ...
ALIAS_MIN_DOCUMENTS = 2
#: ... at least this share of the documents that link the short form link it to that fuller name, and
#: at least ALIAS_MIN_LEAD times as many as to any other (noise, such as a slogan read as a name, should
#: not block a clear majority; two real namesakes should)
ALIAS_MIN_SHARE = 0.6
ALIAS_MIN_LEAD = 3
#: a short name is read as the one better-known name that extends it when that is named in this many
#: times as many documents (a common name and family, محمد العمري, is many men: one of them named a
#: little more often is not evidence enough) ...
EXTENDS_LEAD = 2
#: ... and this many times when the short name is the fuller one's end, which is also how the man's
#: father is named (علي محسن, son محمد علي محسن)
SUFFIX_LEAD = 5
#: a folded word of a transliterated name keeps at least this many letters (عايض → عض is too little to
#: tell two names apart)
VARIANT_MIN_LETTERS = 3
#: folded words of at least this many letters, neither a given name, may differ by one letter and still
#: be one spelling (``عبده`` and ``عبدالله`` are two names)
VARIANT_NEAR_LETTERS = 3
#: the most letters a word of one spelling may have over the same word of another (ميركل / ميريكل 1,
#: شفاينشتايغر / شفاينشتايجر 0; جيورجيو / جورج 3 are two names)
VARIANT_LENGTH_GAP = 2

_PREFIX = "person:"
_VOWELS = re.compile("[اوي]")
_DOUBLE = re.compile(r"(.)\1+")
_FOLD = str.maketrans({"ة": "ه", "ى": "ي", "غ": "ج"})
#: letters that write one foreign sound (a class name per letter)
_SAME_SOUND = {
    "س": "s",
    "ز": "s",
    "ص": "s",
    "ت": "t",
    "ط": "t",
    "ك": "k",
    "ق": "k",
    "د": "d",
    "ض": "d",
    "ف": "f",
    "ب": "f",
}


@dataclass(frozen=True)
class Alias:
    """A key read as another: the key it stands for, the documents that say so, the share of the
    evidence they are, and which evidence (``variant``, ``linked``, ``extends``, ``office``)."""

    full: str
    documents: int
    share: float
    how: str


@functools.cache
def _office_roles() -> frozenset[str]:
    """The roles of ``roles_ar.tsv`` that are offices: every phrase of them names what is held
    (``وزير الخارجية``، ``رئيس الوزراء``), unlike titles and ranks many hold at once (``الأمير``،
    ``الوزير``، ``اللواء``، ``الرئيس``)."""
    from khabar.extract.roles import load_roles

    shortest: dict[str, int] = {}
    for words, entry in load_roles().items():
        shortest[entry.role] = min(shortest.get(entry.role, 99), len(words))
    return frozenset(r for r, n in shortest.items() if n >= 2)


def is_office(role: str) -> bool:
    """Whether a role is an office one man holds at a time (:func:`_office_roles`)."""
    return role in _office_roles()


def _same_office(a: set[tuple[str, str | None]], b: set[tuple[str, str | None]]) -> bool:
    """Whether two sets of (office, country) share an office, the countries equal where both are
    known."""
    return any(o1 == o2 and (c1 is None or c2 is None or c1 == c2) for o1, c1 in a for o2, c2 in b)


def _near(a: str, b: str) -> bool:
    """Whether two folded words are one spelling: equal, or of at least :data:`VARIANT_NEAR_LETTERS`
    letters and one letter added or dropped (لازلو / لاسزلو), or changed for one that writes the same
    foreign sound (س/ز/ص، ت/ط، ك/ق، د/ض، ف/ب)."""
    if a == b:
        return True
    if min(len(a), len(b)) < VARIANT_NEAR_LETTERS or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and _SAME_SOUND.get(diff[0][0]) == _SAME_SOUND.get(diff[0][1], "")
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _fold_word(word: str) -> str:
    w = word.translate(_FOLD)
    return _DOUBLE.sub(r"\1", w[0] + _VOWELS.sub("", w[1:]))


def variant_form(key: str) -> str | None:
    """The spelling-variant form of a person key (``person:…`` or bare), or None for a key that is not
    a transliterated name of two words or more: a name with the article, ``بن`` or only given names,
    or a word too short to fold safely (see :func:`same_variant` for given names)."""
    words = key.removeprefix(_PREFIX).split()
    if len(words) < 2 or any(w.startswith("ال") or w in NASAB for w in words):
        return None
    if all(is_given_name(w) for w in words):
        return None
    out = [_fold_word(w) for w in words]
    if any(len(f) < VARIANT_MIN_LETTERS and not is_given_name(w) for w, f in zip(words, out, strict=True)):
        return None
    return " ".join(out)


def same_variant(a: str, b: str) -> bool:
    """Whether two keys of one :func:`variant_form` are spellings of one name: no word differs between
    two given names (``محمد`` and ``محمود``, ``جون`` and ``جين`` are names of their own; ``سيرغي`` and
    ``سيرجي`` differ by the letter of a G only), and no word is longer than its match by more than
    :data:`VARIANT_LENGTH_GAP` letters (the fold drops long vowels and doubled letters, so جيورجيو
    كيلليني, Chiellini, folds as جورج كلوني, Clooney, does; spellings of one name add a vowel or two)."""
    for x, y in zip(a.removeprefix(_PREFIX).split(), b.removeprefix(_PREFIX).split(), strict=True):
        if abs(len(x) - len(y)) > VARIANT_LENGTH_GAP:
            return False
        if x.translate(_FOLD) != y.translate(_FOLD) and is_given_name(x) and is_given_name(y):
            return False
    return True


def extends(short: str, full: str) -> bool:
    """Whether person key ``full`` holds ``short`` as a fuller name of the same person could (evidence
    3 of the module docstring): one nasab chain the start of the other, or the short name's words in
    order with the same last word and the same first word, or as the fuller name's end (no ``بن``)."""
    s = tuple(short.removeprefix(_PREFIX).split())
    f = tuple(full.removeprefix(_PREFIX).split())
    if len(s) < 2 or len(f) <= len(s):
        return False
    ps, pf = name_parts(s), name_parts(f)
    if ps is not None or pf is not None:
        # names of the Arabic shape: a family name with the father's name added, never a nasab chain
        # with a grandfather added (the royal family repeats given names and fathers' names)
        return (
            ps is not None
            and pf is not None
            and ps.family is not None
            and ps.family == pf.family
            and same_person(s, f)
        )
    if s[-1] != f[-1] or any(w in NASAB for w in f):
        return False
    if s[0] == f[0]:
        it = iter(f)
        return all(w in it for w in s)
    return f[-len(s) :] == s


def related(short: str, full: str) -> bool:
    """Whether person key ``full`` can be a fuller name of the man ``short`` names, as far as the names
    tell: :func:`extends`, or one nasab chain the start of the other (:func:`~khabar.extract.names.
    same_person`: ``فهد بن عبدالعزيز`` and ``فهد بن عبدالعزيز بن معمر``), or a given name and a family
    name without the article that a chain holds (``أحمد قطان`` and ``أحمد بن عبدالعزيز قطان``). Whether
    it is must be told by documents or offices (evidence 4)."""
    if extends(short, full):
        return True
    s = tuple(short.removeprefix(_PREFIX).split())
    f = tuple(full.removeprefix(_PREFIX).split())
    if len(s) < 2 or len(f) <= len(s):
        return False
    ps, pf = name_parts(s), name_parts(f)
    if pf is None:
        return False
    if ps is None:
        return len(s) == 2 and pf.given == s[0] and pf.family == s[1]
    return same_person(s, f)


def resolve_keys(
    documents: Mapping[str, int],
    evidence: Mapping[str, Mapping[str, int]],
    offices: Mapping[str, Iterable[tuple[str, str | None]]] | None = None,
    *,
    min_documents: int = ALIAS_MIN_DOCUMENTS,
    min_share: float = ALIAS_MIN_SHARE,
) -> dict[str, Alias]:
    """Which person keys stand for others (short → :class:`Alias`), from ``documents`` (key → the
    documents that name it), ``evidence`` (short key → fuller key → the documents that link the two) and
    ``offices`` (key → the (office, country) pairs its mentions hold: :func:`is_office`); see the module
    docstring. Each alias points at a key that is no alias itself."""
    aliases: dict[str, Alias] = {}
    # 1. spelling variants
    groups: dict[tuple[int, str], list[tuple[str, list[str]]]] = {}
    for key in documents:
        form = variant_form(key)
        if form is not None:
            folded = form.split()
            groups.setdefault((len(folded), folded[-1]), []).append((key, folded))
    canon: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda kf: (-documents[kf[0]], kf[0]))
        while members:
            (head, hf), rest = members[0], []
            hw = head.removeprefix(_PREFIX).split()
            for key, folded in members[1:]:
                kw = key.removeprefix(_PREFIX).split()
                if same_variant(head, key) and all(
                    a == b or (_near(a, b) and not is_given_name(x) and not is_given_name(y))
                    for a, b, x, y in zip(hf, folded, hw, kw, strict=True)
                ):
                    rest.append(key)
            total = documents[head] + sum(documents[k] for k in rest)
            for k in rest:
                canon[k] = head
                aliases[k] = Alias(head, documents[k], round(documents[head] / total, 3), "variant")
            members = [m for m in members[1:] if m[0] not in rest]

    def named(key: str) -> str:
        return canon.get(key, key)

    # 2. documents that link a short form to a fuller name
    linked: dict[str, dict[str, int]] = {}
    for short, fulls in evidence.items():
        for full, n in fulls.items():
            if named(full) != named(short):
                linked.setdefault(named(short), {})
                linked[named(short)][named(full)] = linked[named(short)].get(named(full), 0) + n
    by_last: dict[str, list[str]] = {}
    for key in documents:
        words = key.removeprefix(_PREFIX).split()
        if words:
            by_last.setdefault(words[-1], []).append(key)
            if len(words) >= 3 and words[1] in NASAB:
                by_last.setdefault(" ".join(words[:3]), []).append(key)
    for short, fulls in linked.items():
        ranked = sorted(fulls.items(), key=lambda kv: (-kv[1], kv[0]))
        full, docs = ranked[0]
        share = docs / sum(fulls.values())
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        # a name the corpus gives other fuller forms of, named nearly as often, is a common name of many
        # men (محمد العمري: محمد بن علي العمري here, محمد بن عبدالهادي العمري there)
        words = short.removeprefix(_PREFIX).split()
        rivals = {
            named(f)
            for f in (by_last.get(words[-1], ()) if words else ())
            if named(f) not in (named(full), short) and extends(short, f)
        }
        if any(documents.get(f, 0) * ALIAS_MIN_LEAD > documents.get(full, 0) for f in rivals):
            continue
        if docs >= min_documents and share >= min_share and docs >= ALIAS_MIN_LEAD * runner_up:
            aliases[short] = Alias(full, docs, round(share, 3), "linked")
    # 3. a name only one better-known name extends
    for short, n in documents.items():
        words = short.removeprefix(_PREFIX).split()
        if len(words) < 2 or short in aliases or short in canon:
            continue
        pool = set(by_last.get(words[-1], ()))
        if len(words) >= 3 and words[1] in NASAB:
            pool |= set(by_last.get(" ".join(words[:3]), ()))
        cands = sorted(
            {named(f) for f in pool if f != short and extends(short, f) and named(f) != short},
            key=lambda f: (-documents.get(f, 0), f),
        )
        if not cands or any(f != cands[0] for f in linked.get(short, {})):
            continue  # none, or a document links the short form to another name
        best = documents.get(cands[0], 0)
        runner_up = documents.get(cands[1], 0) if len(cands) > 1 else 0
        # a name's end is also the name of the man's father (خليل سعد, son خالد خليل سعد): read so only
        # when the fuller name is far better known (the tagger lost the first word: عبدالله صالح)
        same_start = words[0] == cands[0].removeprefix(_PREFIX).split()[0]
        lead = EXTENDS_LEAD if same_start else SUFFIX_LEAD
        if best >= lead * n and best >= min_documents and best >= ALIAS_MIN_LEAD * runner_up:
            aliases[short] = Alias(cands[0], n, round(best / (best + runner_up), 3), "extends")
    # 4. two forms of one name that hold the same office
    held = {k: {(o, c) for o, c in v if is_office(o)} for k, v in (offices or {}).items()}
    for short in sorted(documents, key=lambda k: (documents[k], k)):
        words = short.removeprefix(_PREFIX).split()
        if len(words) < 2 or short in aliases or short in canon or not held.get(short):
            continue
        pool = set(by_last.get(words[-1], ()))
        if len(words) >= 3 and words[1] in NASAB:
            pool |= set(by_last.get(" ".join(words[:3]), ()))
        mine = held[short]
        pairs = []
        for other in pool:
            if other == short or other in aliases or not held.get(other):
                continue
            if not (related(short, other) or related(other, short)):
                continue
            if _same_office(mine, held[other]):
                pairs.append(other)
        if len(pairs) != 1:
            continue  # no other form, or two men of the name in office (a father and his son)
        other = pairs[0]
        a, b = (short, other) if documents[short] <= documents[other] else (other, short)
        if a not in aliases:
            aliases[a] = Alias(b, documents[a], 1.0, "office")

    def final(key: str) -> str:
        seen = {key}
        while key in aliases and aliases[key].full not in seen:
            key = aliases[key].full
            seen.add(key)
        return key

    return {
        short: Alias(final(a.full), a.documents, a.share, a.how)
        for short, a in aliases.items()
        if final(a.full) != short
    }
