"""Person names the NER model misses, found by class rules over a document's tokens and BIO tags.

The tagger (:mod:`khabar.extract.ner`) learnt names from ANERcorp's 2007 news; it misses what that
corpus rarely shows: football line-ups and transfer news (single surnames, transliterated foreign
names), Gulf family names it never saw, and the given name ``علي``, which the normalised view folds into
the preposition ``على``. Each rule below is a context that names a person whatever the name's words
are; the rules run on the model's tags before document propagation (:func:`khabar.extract.ner.
propagate_names`), so a name a rule finds once is found wherever it recurs.

* ``cue``: a noun that stands before a name (``اللاعب``، ``المدرب``، the titles of
  ``person_titles_ar.tsv``) or a nationality adjective (``الأرجنتيني``), modifiers allowed between
  (``المدرب الجديد``، ``اللاعب البرازيلي``, the club's name: ``لاعب الشباب``), then a name that does not
  start with the article: ``المدرب دونيس``، ``الأرجنتيني مورا``، ``الفريق مهاب مميش``. After a plural
  cue the names may be coordinated (``البرازيليين أدواردو وألميدا``).
* ``speech``: a speech verb, a name, then ``إن``/``أن``/``:``/``لـ`` (``وأضاف مميش أن``).
* ``given``: a given name (``names_given_ar.tsv``) followed by a family name with the article that is
  no ordinary word (``علي العليوات``، ``صالح النعمية``), or by a nasab chain (``X بن Y``). ``علي`` counts as
  the name only where the document writes the preposition ``على`` with its ى (most do), since the
  normalised view cannot tell them apart.
* ``nasab``: a name the model opened at ``بن`` (``بن مفرح بن سلمان``) takes the name word before it.
* ``list``: in an enumeration (items separated by ``،`` or ``و``) that holds at least two names of
  people, the other items made of name words are people too (a team's line-up).

A *name word* is one that is no common word (``names_common_ar.tsv.gz``: Zipf below
:data:`khabar.extract.wordclass.COMMON_ZIPF`, also after a clitic is cut), or a given name; never a
function word, a cue, a month, a nationality adjective or a place of the model's gazetteer. Spans
found here go through the same non-people screen as the model's (:func:`khabar.extract.people.
screen_persons`) and carry ``attrs["cue"]`` (the rule) for the confidence model.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from khabar import data
from khabar.arabic.clitics import readings
from khabar.arabic.normalize import normalize
from khabar.extract.features import FeatureSet, noun_reading
from khabar.extract.names import NASAB, is_given_name, load_titles
from khabar.extract.wordclass import (
    COMMON_ZIPF,
    FUNCTION_WORDS,
    INFLECTIONS,
    TANWEEN,
    common_base,
    common_zipf,
    inflected_common,
    is_month,
)


class NerModel(Protocol):
    """What the rules read of the NER model (:class:`khabar.extract.ner.NerModel`, which calls them):
    a structural type, so that this module does not import the tagger that imports it."""

    features: FeatureSet
    known: frozenset[str]
    ordinary: frozenset[str]

    def rule_words(self) -> Any: ...


__all__ = ["CONTEXT_CUES", "CUE_FILE", "RULES", "PersonCues", "apply_rules", "load_cues"]

CUE_FILE = "person_cues_ar.tsv"
#: the rules, in the order they run (the names are the values of ``attrs["cue"]``)
RULES: tuple[str, ...] = ("byline", "cue", "speech", "given", "nasab", "list")
#: the rules whose evidence is the name's context, not its words (the confidence feature ``cued``)
CONTEXT_CUES = frozenset({"byline", "cue", "speech", "list"})
_CLASSES = frozenset({"before", "plural", "bound", "between", "speech", "byline", "not"})
#: the most words a rule reads as one name
MAX_NAME = 4
#: below this Zipf frequency a common word may still be a name word right after a cue or a speech
#: verb (غارسيا 3.9، مورا 3.7 are in wordfreq's list; توقيعه 3.6 is caught as a possessive noun); a word
#: the model saw inside ANERcorp's entities up to KNOWN_ZIPF. Chosen by reading the tuning sample.
LOOSE_ZIPF = 4.0
KNOWN_ZIPF = 4.5
#: a family name of the relation shape after a given name may be this common a word (الحربي 4.4;
#: not الوطني 5.5, الدولي 5.4)
FAMILY_ZIPF = 4.6
#: a word that opens with ت/ن/ي before a stem this common is read as a verb (تحرق، تنهى)
VERB_BASE_ZIPF = 3.5
#: the most modifiers between a cue and the name (اللاعب الدولي البرازيلي X)
MAX_BETWEEN = 3
#: words after a speaker's name (normalised): إن، أن، إنه، أنه، لـ
_AFTER_SPEAKER = frozenset({"ان", "انه", "لـ", "ل", ":"})
#: the preposition that the view folds with the name علي; writers who use ى write it على
_ALI = "علي"
#: words ending in ى that show a document keeps ى apart from ي (the preposition and like words)
_ALEF_MAQSURA_WORDS = frozenset({"على", "إلى", "الى", "حتى", "لدى", "متى", "سوى", "مدى", "أدى", "مستوى"})
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
#: closed-class words in the normalised view (على folds into the name علي: that one is decided from
#: the raw text, see _Sentence.is_ali)
_FUNCTION_NORM = frozenset(normalize(w) for w in FUNCTION_WORDS) - {_ALI}
#: the Arabic letters (no tatweel, no marks)
_LETTERS = frozenset(chr(c) for c in (*range(0x0621, 0x063B), *range(0x0641, 0x064B)))
#: a plural verb with an object pronoun (زاروها، قتلوه)
_VERB_OBJECT = re.compile(r"^\w{2,}و(?:ها|هم|هما|ه|نا|كم)$")
#: an imperfect verb (يلاقي، يحتاج): a word opening with ي that is no given name
_IMPERFECT = re.compile(r"^[وف]?ي\w{3,}$")
#: a verbal noun of the taf'il pattern (تقطيع، تحلية، تدشين), a preposition allowed before it
_MASDAR = re.compile(r"^[وفبل]?ت\w{2}ي\wه?$")
#: a plural participle (مخطوفون، محتجزين): م + stem + ون/ين
_PARTICIPLE_PLURAL = re.compile(r"^م\w{3,}(?:ون|ين)$")
_LIST_SEPARATORS = frozenset({"،", ","})
#: a byline is a line of at most this many tokens, its name at most this many words
MAX_BYLINE = 12
MAX_BYLINE_NAME = 3
_BYLINE_SEPARATORS = frozenset({"-", "–", "—", ":", "/", "(", ")", "،", ",", "|", "«", "»"})
#: an adjective of relation with the article (الخلجاوي، الشبابي): a modifier between a cue and a name
_NISBA = re.compile(r"^ال\w{2,}(?:ي|يه|يين|يان|ين)$")
#: a plural or dual adjective of relation (الكولومبيين، البرازيليان): never a family name
_PLURAL_NISBA = re.compile(r"^(?:ال\w{2,}(?:يين|يون|يان)|\w{2,}(?:يين|يون))$")


@dataclass(frozen=True)
class PersonCues:
    """The cue words of the rules, normalised (``person_cues_ar.tsv`` and the titles)."""

    before: frozenset[str]
    plural: frozenset[str]
    #: the file's own person nouns (اللاعب، المدرب …), which name a person more surely than a title
    nouns: frozenset[str]
    #: cues that are also common words (الفريق "the team", الرائد a club): a name of two words only
    bound: frozenset[str]
    between: frozenset[str]
    speech: frozenset[str]
    #: words that open a byline (كتب، تصوير)
    byline: frozenset[str]
    #: two-word cues (رجل الأعمال) as (first, second)
    phrases: frozenset[tuple[str, str]] = field(default_factory=frozenset)


@functools.cache
def load_cues() -> PersonCues:
    """The cues, read once: ``person_cues_ar.tsv`` plus the titles of ``person_titles_ar.tsv``
    (less the ``not`` class)."""
    by: dict[str, set[str]] = {c: set() for c in _CLASSES}
    for line, parts in data.rows(CUE_FILE):
        if len(parts) != 2 or parts[0] not in _CLASSES or not parts[1].strip():
            raise data.bad_row(CUE_FILE, line, "not 'class<TAB>word'", "\t".join(parts))
        by[parts[0]].add(normalize(parts[1]))
    before = (by["before"] | {t for t in load_titles() if " " not in t}) - by["not"]
    phrases = frozenset(tuple(w.split()) for w in before if len(w.split()) == 2)
    return PersonCues(
        before=frozenset(w for w in before if " " not in w) | by["plural"] | by["bound"],
        nouns=frozenset(w for w in by["before"] | by["plural"] if " " not in w),
        plural=frozenset(by["plural"]),
        bound=frozenset(by["bound"]),
        byline=frozenset(by["byline"]),
        between=frozenset(by["between"]),
        speech=frozenset(by["speech"]),
        phrases=frozenset((a, b) for a, b in phrases),
    )


class _Words:
    """What the rules ask of each word form, computed once per normalised word."""

    def __init__(self, model: NerModel) -> None:
        self.model = model
        self.cues = load_cues()
        self._gaz = model.features.gazetteer
        self._namey: dict[str, int] = {}
        self._token: dict[str, int] = {}
        self._kind: dict[str, int] = {}
        self._given: dict[str, int] = {}
        self._stem: dict[str, str] = {}
        self._nat: dict[str, bool] = {}

    def norm(self, token: str) -> str:
        return self.model.features.light(token)[0]

    def stem(self, n: str) -> str:
        """The word without a leading conjunction or preposition, when a reading's stem is a cue or a
        given name (``واللاعب`` → اللاعب، ``وموسى`` → موسى); else the word."""
        s = self._stem.get(n)
        if s is None:
            s = n
            c = self.cues
            for r in readings(n)[1:]:
                if r.stem in c.before or r.stem in c.speech or r.stem in c.between or is_given_name(r.stem):
                    s = r.stem
                    break
            self._stem[n] = s
        return s

    def nationality(self, n: str) -> bool:
        """A nationality adjective with the article (البرازيلي، الأرجنتينيين)."""
        hit = self._nat.get(n)
        if hit is None:
            from khabar.extract.places import nationality_country

            hit = self._nat[n] = n.startswith("ال") and nationality_country(n) is not None
        return hit

    def person_adjective(self, n: str) -> bool:
        """A nationality adjective that can stand for a man or men (البولندي ادريان); the feminine
        (السورية) qualifies a noun before it (القوة السورية)."""
        return self.nationality(n) and not n.endswith("ه")

    def cue(self, n: str) -> bool:
        return bool(self.kind(n) & _CUE)

    def kind(self, n: str) -> int:
        """The cue bits of ``n`` (clitics allowed): a cue at all, a plural one, a person noun or a
        nationality (a strong cue), a cue that is also a common word, one of the file's ``before``."""
        k = self._kind.get(n)
        if k is None:
            c = self.cues
            s = self.stem(n)
            adj = self.person_adjective(s)
            k = (
                (_CUE if s in c.before or adj else 0)
                | (_PLURAL if s in c.plural or (adj and s.endswith(("يين", "يان"))) else 0)
                | (_STRONG if s in c.nouns or adj else 0)
                | (_BOUND if s in c.bound else 0)
                | (_BEFORE if s in c.before else 0)
            )
            self._kind[n] = k
        return k

    def given_token(self, token: str) -> int:
        """1 when ``token`` is a given name (a conjunction or preposition allowed before it), 2 when
        it is ``علي``, which the document decides (see :meth:`_Sentence.given`), else 0."""
        g = self._given.get(token)
        if g is None:
            n0 = self.norm(token)
            n = self.stem(n0)
            if n == _ALI:
                g = 2 if _raw_stem(token) == _ALI else 0
            else:
                ordinary = self.model.ordinary
                g = int(is_given_name(n) and n not in ordinary and n0 not in ordinary)
            self._given[token] = g
        return g

    def namey(self, n: str, *, loose: bool = False, inner: bool = False) -> bool:
        """Whether ``n`` (normalised) can be a word of a person's name (see the module docstring);
        ``loose`` (after a cue or a speech verb) also admits the less frequent common words, which
        web text counts among words because names are written with them (غارسيا، فلاح، مورا);
        ``inner`` (after a rare first name word) the more frequent ones too (آشتون كارتر)."""
        hit = self._namey.get(n)
        if hit is None:
            hit = self._namey[n] = self._grade(n, pronoun=False)
        return hit >= _level(loose, inner)

    def token_namey(self, token: str, *, loose: bool = False, inner: bool = False) -> bool:
        """:meth:`namey` of a token as written: tanween marks no name (``جهوداً``), and a final ه that
        is not ة may be a pronoun (``قناعته``; ``الربيعة`` keeps its ة)."""
        hit = self._token.get(token)
        if hit is None:
            plain = _MARKS.sub("", token)
            n = self.norm(token)
            if TANWEEN.search(token) or (
                _VERB_OBJECT.match(n) and plain.endswith(("ه", "ها", "هم", "هما", "نا", "كم"))
            ):
                hit = 0
            elif (
                plain.endswith("ى")
                and not is_given_name(n)
                and not (n.startswith("ال") and is_given_name(n[2:]))
            ):
                hit = 0  # a verb or a noun in ى (ارتدى، أدلى), not a name (موسى، العيسى are)
            elif plain.endswith("ه"):
                hit = self._grade(self.norm(token), pronoun=True)
            else:
                n = self.norm(token)
                hit = self._namey.get(n)
                if hit is None:
                    hit = self._namey[n] = self._grade(n, pronoun=False)
            self._token[token] = hit
        return hit >= _level(loose, inner)

    def _grade(self, n: str, *, pronoun: bool) -> int:
        """:data:`NAME`, :data:`LOOSE`, :data:`INNER` or 0 (no name word; see :meth:`namey`). A word with a
        leading conjunction or preposition is graded by its best reading too (``وادواردو`` as
        ادواردو; ``بتوقيعه`` is ب + a common word)."""
        own = self._grade_word(n, pronoun)
        stems = [r for r in readings(n)[1:] if noun_reading(r)]
        if not stems or own == 0:
            return own
        for r in stems:
            if is_given_name(r.stem) and r.stem not in self.model.ordinary:
                return NAME
        # the clitic reading vetoes only when its stem is clearly a word: a name may open with the
        # letters (باوسون is no ب + اوسون)
        if all(self._clear_word(r.stem, pronoun) for r in stems):
            return 0
        return own

    def _clear_word(self, n: str, pronoun: bool) -> bool:
        c = self.cues
        if n in _FUNCTION_NORM or n in c.before or n in c.speech or n in c.between or self.nationality(n):
            return True
        if common_zipf(n) >= LOOSE_ZIPF or n in self.model.ordinary:
            return True
        return any(
            n.endswith(suf) and common_base(n[: -len(suf)], LOOSE_ZIPF)
            for suf in INFLECTIONS
            if suf != "ه" or pronoun
        )

    def _grade_word(self, n: str, pronoun: bool) -> int:
        """The grade of ``n`` read as a whole word."""
        if len(n) < 2 or not all(ch in _LETTERS for ch in n):
            return 0
        c = self.cues
        if n in _FUNCTION_NORM or n in NASAB:
            return 0
        if n in c.before or n in c.speech or n in c.between or self.nationality(n) or is_month(n):
            return 0
        if n in self.model.ordinary:
            return 0  # an ordinary word to the model's training text, even if also a name (باسم، بين)
        if is_given_name(n):
            return NAME
        gaz = self._gaz.get(n, "")
        if ("LOC" in gaz and "PERS" not in gaz) or _PLURAL_NISBA.match(n) or _PARTICIPLE_PLURAL.match(n):
            return 0
        known = n in self.model.known
        if not known and (inflected_common(n, pronoun) or _verb(n) or _MASDAR.match(n)):
            return 0
        vocab = self.model.features.vocab
        if vocab is not None and n in vocab and not known:
            return 0  # an ordinary word of the model's training text
        z = common_zipf(n)
        if z < COMMON_ZIPF:
            return NAME
        if z < LOOSE_ZIPF or (known and z < KNOWN_ZIPF):
            return LOOSE
        return INNER if z < KNOWN_ZIPF and not n.startswith("ال") else 0


#: cue bits (see _Words.kind)
_CUE, _PLURAL, _STRONG, _BOUND, _BEFORE = 1, 2, 4, 8, 16
#: grades of a word (see _Words.namey): a name word anywhere; after a cue or a speech verb; inside a
#: name after a rare first word
NAME, LOOSE, INNER = 3, 2, 1


def _level(loose: bool, inner: bool) -> int:
    return INNER if inner else LOOSE if loose else NAME


def _verb(n: str) -> bool:
    """Whether ``n`` reads as an imperfect verb of a common stem (تحرق، تنهى، يلاقي). (أ + stem, the
    form-IV perfect, is left out: foreign names open with ا as often.)"""
    if _IMPERFECT.match(n):
        return True
    return len(n) >= 4 and n[0] in "تني" and common_zipf(n[1:]) >= VERB_BASE_ZIPF and not is_given_name(n[1:])


def _preposition_article(n: str) -> bool:
    """A preposition before the article (بالظهران، للاطمئنان): a phrase after a name, never its word."""
    return any(r.prefix and r.prefix[-1] in "بلك" and r.stem.startswith("ال") for r in readings(n))


def _has_article(n: str) -> bool:
    """Whether ``n`` (normalised) carries the article, clitics allowed (الملحنة، والملحنة، للملحنة)."""
    return any(r.stem.startswith("ال") for r in readings(n))


def _writes_alef_maqsura(tokens: Sequence[str]) -> bool:
    """Whether the document writes the preposition with its ى (then ``علي`` is the name)."""
    return any(_MARKS.sub("", t) in _ALEF_MAQSURA_WORDS for t in tokens)


def _raw_stem(token: str) -> str:
    """``token`` without diacritics and a leading و/ف/ل/ب (``وعلي`` → علي)."""
    t = _MARKS.sub("", token)
    return t[1:] if len(t) > 3 and t[0] in "وفلب" else t


class _Sentence:
    """One sentence's tokens, normalised words and tags, with the edits the rules make."""

    def __init__(
        self, words: _Words, tokens: Sequence[str], tags: list[str], ali: bool, other: Counter[str]
    ) -> None:
        self.w = words
        self.tokens = tokens
        # words.norm of each token, its memory read inline (light() only for a word not in it)
        fs = words.model.features
        known = fs._light.get
        self.norms = [(known(t) or fs.light(t))[0] for t in tokens]
        self.tags = tags
        self.n = len(tokens)
        self.model_tags = list(tags)
        self.ali = ali
        #: how often the model tagged each word ORG or LOC in the document
        self.other = other
        #: first token of each chunk a rule made or confirmed → the rule
        self.found: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.tokens)

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.tags) and self.tags[i] == "O"

    def pers_end(self, i: int) -> int:
        """The end of the PERSON chunk that starts at ``i`` (``i`` when none starts there)."""
        if i >= len(self.tags) or self.tags[i] != "B-PERS":
            return i
        j = i + 1
        while j < len(self.tags) and self.tags[j] == "I-PERS":
            j += 1
        return j

    def namey(self, i: int, *, loose: bool = False, inner: bool = False) -> bool:
        if not 0 <= i < len(self.norms):
            return False
        n = self.norms[i]
        if n == _ALI:
            return self.is_ali(i)
        return self.w.token_namey(self.tokens[i], loose=loose, inner=inner)

    def coordinated(self, j: int) -> bool:
        """Whether token ``j`` opens with the conjunction و (the next name of a list, not this name's
        next word, nor a name after a cue); a given name that starts with و (وليد، وائل) is itself."""
        n = self.norms[j]
        return len(n) > 3 and n[0] == "و" and not is_given_name(n)

    def is_ali(self, i: int) -> bool:
        """Whether token ``i`` is the name ``علي`` (a conjunction allowed before it: ``وعلي``) in a
        document that writes the preposition ``على`` with its ى."""
        return self.ali and self.w.stem(self.norms[i]) == _ALI and _raw_stem(self.tokens[i]) == _ALI

    def given(self, i: int) -> bool:
        """Whether token ``i`` is a given name (a conjunction or preposition allowed before it)."""
        if not 0 <= i < len(self.norms):
            return False
        g = self.w.given_token(self.tokens[i])
        return g == 1 or (g == 2 and self.ali)

    def article(self, i: int) -> bool:
        """Whether token ``i`` carries the article; a name written with hamza (ألميدا، ألتون) does not,
        though the normalised view writes both ال."""
        return _has_article(self.norms[i]) and not _MARKS.sub("", self.tokens[i]).startswith(("أل", "إل"))

    def name_run(self, i: int, *, article_first: bool, loose: bool = False) -> int:
        """The end of the run of name words from ``i`` (at most :data:`MAX_NAME`, ``بن`` + a name word
        allowed inside); ``i`` when there is none."""
        if not self.namey(i, loose=loose) or (not article_first and self.article(i)) or self.coordinated(i):
            return i
        if self.article(i) and not self.namey(i):
            return i  # a word with the article is a name only when it is no common word at all
        # after a rare first word (آشتون) the next may be a word web text also counts (كارتر)
        inner = self.namey(i) and not self.given(i)
        j = i + 1
        while j < self.n and j - i < MAX_NAME:
            if self.norms[j] in NASAB and self.namey(j + 1, loose=True):
                j += 2
            elif (
                self.namey(j, loose=loose, inner=inner)
                and not self.w.cue(self.norms[j])
                and not self.coordinated(j)
                and not _preposition_article(self.norms[j])
            ):
                j += 1
            elif self.family(j):
                return j + 1
            else:
                break
        return j

    def family(self, j: int) -> bool:
        """Whether token ``j`` is a family name of the relation shape or the article + a given name,
        though web text uses it as a word too (ظافر الشهري، ملفي الحربي، علي المحمد); the caller knows a
        name word stands before it."""
        n = self.norms[j]
        return (
            len(n) >= 5
            and n.startswith("ال")
            and (n.endswith("ي") or is_given_name(n[2:]))
            and common_zipf(n) < FAMILY_ZIPF
            and not self.w.nationality(n)
            and n not in self.w.model.ordinary
        )

    def plain(self, k: int) -> bool:
        """Whether token ``k`` is a plain Arabic word that may open a name in a byline: letters only,
        no closed-class word, cue, tanween, digit or place."""
        n = self.norms[k]
        c = self.w.cues
        return (
            len(n) >= 2
            and all(ch in _LETTERS for ch in n)
            and n not in _FUNCTION_NORM
            and not any(n in cls for cls in (c.before, c.speech, c.between, c.byline))
            and not TANWEEN.search(self.tokens[k])
            and self.tags[k] == "O"
        )

    def elsewhere(self, a: int, b: int) -> bool:
        """Whether every word of ``a..b-1`` is, elsewhere in the document, part of an organisation or
        a place to the model (``وقال النصر``: the club)."""

        def other(k: int) -> bool:
            own = 1 if self.model_tags[k][2:] in ("ORG", "LOC") else 0
            return self.other[self.norms[k]] > own

        return all(other(k) for k in range(a, b))

    def mark(self, a: int, b: int, rule: str, *, override: bool = False) -> bool:
        """Tag tokens ``a..b-1`` as one PERSON, taking in a PERSON chunk of the model that starts
        inside the run (and its words past the run); never splitting a chunk that started before ``a``.
        An ORG/LOC/MISC tag inside the run stops it, unless ``override`` and the chunk ends inside the
        run (a person cue outweighs the model's guess: ``البولندي ادريان`` is no place). Returns whether
        the tags changed."""
        if b <= a or self.tags[a].startswith("I-"):
            return False
        other = [k for k in range(a, b) if self.tags[k] != "O" and self.tags[k][2:] != "PERS"]
        if other:
            if not override or (b < len(self.tags) and self.tags[b].startswith("I-")):
                return False
            for k in other:
                self.tags[k] = "O"
        end = b
        k = a
        while k < b:
            if self.tags[k] == "B-PERS":
                end = max(end, self.pers_end(k))
                k = self.pers_end(k)
            else:
                k += 1
        if self.tags[a] == "B-PERS" and self.pers_end(a) == end:
            self.found.setdefault(a, rule)  # the model's reading, confirmed
            return False
        self.tags[a:end] = ["B-PERS", *["I-PERS"] * (end - a - 1)]
        self.found[a] = rule
        return True


# -- the rules -----------------------------------------------------------------------------------
def _rule_cue(s: _Sentence) -> None:
    """A person noun, a title or a nationality adjective, modifiers, then a name (see the module
    docstring)."""
    c = s.w.cues
    # s.w.kind of each word, its memory read inline
    known, kind_of = s.w._kind.get, s.w.kind
    kinds = [k if (k := known(n)) is not None else kind_of(n) for n in s.norms]
    if not any(kinds) and not c.phrases:
        return
    i = 0
    while i < s.n:
        kind = kinds[i]
        j = i + 1
        if not kind and c.phrases and i + 1 < s.n and (s.w.stem(s.norms[i]), s.norms[i + 1]) in c.phrases:
            kind, j = _CUE | _BEFORE | _STRONG, i + 2
        if not kind & _CUE or not s.free(i):
            i += 1
            continue
        n = s.w.stem(s.norms[i])
        plural = bool(kind & _PLURAL)
        # modifiers: listed adjectives, nationality and relation adjectives, one club or place name
        skipped_chunk = False
        for _ in range(MAX_BETWEEN):
            if j >= s.n:
                break
            m = s.norms[j]
            if s.free(j) and (m in c.between or s.w.nationality(m) or _NISBA.match(m)):
                plural = plural or (s.w.nationality(m) and m.endswith(("يين", "يان")))
                j += 1
            elif not skipped_chunk and s.tags[j] in ("B-ORG", "B-LOC"):
                # the club or place of the person (لاعب الشباب X), when a name follows it
                k = j + 1
                while k < s.n and s.tags[k] in ("I-ORG", "I-LOC"):
                    k += 1
                if s.name_run(k, article_first=False, loose=True) == k:
                    break
                skipped_chunk = True
                j = k
            else:
                break
        # titles (الإمام، السلطان) stand before family names too (السلطان تدشين …): after them only
        # a clear name word opens a name; after a person noun or a nationality, a rarer word may
        strong = bool(kind & _STRONG)
        end = s.name_run(j, article_first=False, loose=strong)
        # a noun without the article (لاعب، مدرب) takes a complement first (لاعب الشباب X): right after
        # it a one-word "name" is the complement itself (مدرب ضمك); so is a two-word one for nouns that
        # are also common words (الفريق)
        short = bool(kind & _BOUND) or (not n.startswith("ال") and j == i + 1)
        if (
            end == j
            or (short and end - j < 2)
            or (end - j == 1 and not kind & _BEFORE and len(s.norms[j]) < 4)
        ):
            i += 1
            continue
        if s.elsewhere(j, end):
            i += 1
            continue
        s.mark(j, end, "cue", override=bool(kind & _BEFORE) and not skipped_chunk)
        # coordinated names after a plural cue (البرازيليين أدواردو وألميدا)
        k = s.pers_end(j) if s.tags[j] == "B-PERS" else end
        while plural and k < s.n and s.free(k) and _conj_name(s, k):
            e = k + 1
            while e < s.n and e - k < MAX_NAME and s.namey(e, loose=True) and not s.norms[e].startswith("و"):
                e += 1
            s.mark(k, e, "cue")
            k = e
        i = max(i + 1, k)


def _conj_name(s: _Sentence, k: int) -> bool:
    """Whether token ``k`` is و + a name word without the article (وألميدا، وادواردو)."""
    n = s.norms[k]
    return len(n) > 3 and n[0] == "و" and not n[1:].startswith("ال") and s.w.namey(n[1:], loose=True)


def _rule_speech(s: _Sentence) -> None:
    """A speech verb, one to four name words, then إن/أن/:/لـ (``وأضاف مميش أن``)."""
    c = s.w.cues
    for i in range(s.n - 2):
        if s.w.stem(s.norms[i]) not in c.speech or not (s.free(i + 1) or s.tags[i + 1] == "B-PERS"):
            continue
        end = s.name_run(i + 1, article_first=True, loose=True)
        if end == i + 1 or end >= s.n:
            continue
        nxt = s.norms[end]
        if (nxt in _AFTER_SPEAKER or nxt.startswith("لـ")) and not s.elsewhere(i + 1, end):
            s.mark(i + 1, end, "speech")


def _rule_given(s: _Sentence) -> None:
    """A given name, then given names or nasab links, ending in a family name with the article (or
    holding a nasab link): ``صالح النعمية``، ``علي بن محمد الجمعة``."""
    givens = [s.given(k) for k in range(s.n)]
    if not any(givens):
        return
    i = 0
    while i < s.n - 1:
        # a preposition before a given name that is also a noun makes it the noun (بسلطان المنتصر "by
        # the power of the victor"): only و/ف may stand before the name
        if (
            not givens[i]
            or not (s.free(i) or s.tags[i] == "B-PERS")
            or (s.w.stem(s.norms[i]) != s.norms[i] and s.norms[i][0] not in "وف")
        ):
            i += 1
            continue
        # the name goes on through given names, name words and nasab links, and must end in a family
        # name with the article, or hold a nasab link
        j = i + 1
        family = nasab = False
        while j < s.n and j - i < MAX_NAME:
            n = s.norms[j]
            if n in NASAB and s.namey(j + 1, loose=True):
                nasab = True
                j += 2
            elif (
                n.startswith("ال")
                and len(n) >= 5
                and (s.namey(j) or (n.endswith("ي") and s.namey(j, loose=True)) or s.family(j))
            ):
                # a family name: no common word, or a rarer one of the relation shape (الخليوي)
                family = True
                j += 1
                break
            elif not s.coordinated(j) and (
                s.given(j) or (s.is_ali(i) and s.namey(j) and not n.startswith("ال"))
            ):
                j += 1
            else:
                break
        if (family or nasab or (s.is_ali(i) and j > i + 1) or _joins_chunks(s, i, j)) and s.mark(
            i, j, "given"
        ):
            i = j
            continue
        i += 1


def _joins_chunks(s: _Sentence, i: int, j: int) -> bool:
    """Whether the given names ``i..j-1`` are two PERSON chunks of the model side by side, with
    nothing between (``أحمد علي`` | ``عبدالله صالح``): one name of a man, his father and grandfather
    (lists of people put و or a comma between names)."""
    if s.tags[i] != "B-PERS":
        return False
    k = s.pers_end(i)
    return k < j and s.tags[k] == "B-PERS" and s.pers_end(k) == j


def _rule_nasab(s: _Sentence) -> None:
    """A name word before a PERSON chunk the model opened at ``بن`` (``مشعشع`` + ``بن مفرح …``)."""
    if "B-PERS" not in s.tags:
        return
    for i in range(1, s.n):
        if s.tags[i] == "B-PERS" and s.norms[i] in NASAB and s.free(i - 1) and s.namey(i - 1):
            n = s.norms[i - 1]
            if not n.startswith("ال") and not s.w.cue(n):
                s.tags[i - 1 : s.pers_end(i)] = ["B-PERS", *["I-PERS"] * (s.pers_end(i) - i)]
                s.found[i - 1] = "nasab"


def _rule_list(s: _Sentence) -> None:
    """Enumerations: items separated by ``،`` or a word-initial ``و``, inside a stretch of name words
    and PERSON chunks; with two PERSON items, the other items (one or two name words) are people."""
    if s.tags.count("B-PERS") < 2:
        return
    items: list[tuple[int, int, bool]] = []  # (start, end, is a PERSON chunk)

    def flush() -> None:
        if not items:
            return
        if sum(p for _, _, p in items) >= 2:
            for a, b, p in items:
                if not p:
                    s.mark(a, b, "list")
        items.clear()

    i = 0
    opened = True  # an item may start here: stretch start, after a separator, or at a و-word
    while i < s.n:
        if s.tokens[i] in _LIST_SEPARATORS:
            opened = True
            i += 1
            continue
        if not opened and not s.norms[i].startswith("و"):
            flush()  # two items with no separator between: no list
            opened = True
            continue
        if s.tags[i] == "B-PERS":
            e = s.pers_end(i)
            items.append((i, e, True))
        elif s.tags[i] == "O" and s.namey(i, loose=True):
            e = i + 1
            if e < s.n and s.free(e) and s.namey(e, loose=True) and not s.norms[e].startswith("و"):
                e += 1
            if e < s.n and s.tokens[e] not in _LIST_SEPARATORS and not s.norms[e].startswith("و"):
                # an item runs into a word that is no separator or next item: no list item
                flush()
                i, opened = e, False
                continue
            items.append((i, e, False))
        else:
            flush()  # a word that is no name ends the stretch; the next may open one
            i, opened = i + 1, True
            continue
        i, opened = e, False
    flush()


def _rule_byline(s: _Sentence) -> None:
    """A byline: a short line of segments (``الرياض - أسمهان الغامدي``، ``كتب - علي القحطاني``، ``عمر
    إبراهيم – عين اليوم``) where one segment is a name of two to four words, and another is a place the
    model tagged, or a byline word (``كتب``، ``تصوير``) stands before, or the name opens with a given
    name; or a line that is a name alone (a column's author under its title). The segment's words are
    name words, or plain words before a name the model tagged (``الدمام – مرشد الخالدي``: the model saw
    only الخالدي)."""
    if s.n > MAX_BYLINE:
        return
    segments: list[tuple[int, int]] = []
    a = 0
    for k, tok in enumerate([*s.tokens, "|"]):
        if tok in _BYLINE_SEPARATORS:
            if k > a:
                segments.append((a, k))
            a = k + 1
    if not segments:
        return
    places = sum(
        1 for a, b in segments if s.tags[a] == "B-LOC" and all(t == "I-LOC" for t in s.tags[a + 1 : b])
    )
    for n, (a, b) in enumerate(segments):
        if not 2 <= b - a <= MAX_BYLINE_NAME:
            continue
        named = s.name_run(a, article_first=False, loose=True) >= b
        # a given name and plain words (عبدالرحمن الحجاب: الحجاب is a word too)
        named = named or (len(segments) > 1 and s.given(a) and all(s.plain(k) for k in range(a + 1, b)))
        # the model's PERSON reading of the segment's end, and plain words before it
        tail = next((k for k in range(a + 1, b) if s.tags[k] == "B-PERS" and s.pers_end(k) == b), None)
        if not named and (tail is None or not all(s.plain(k) for k in range(a, tail))):
            continue
        if len(segments) == 1:
            # a name alone on its line: the model or a given name must say it is one
            if tail is not None or s.tags[a] == "B-PERS" or s.given(a):
                s.mark(a, b, "byline")
            continue
        by_word = n > 0 and s.w.stem(s.norms[segments[n - 1][1] - 1]) in s.w.cues.byline
        if places or by_word or s.given(a) or tail is not None:
            # the model's ORG reading of a writer's name (الرياض - أسمهان الغامدي) yields to the line
            s.mark(a, b, "byline", override=True)


_RULE_FUNCS = {
    "cue": _rule_cue,
    "speech": _rule_speech,
    "given": _rule_given,
    "nasab": _rule_nasab,
    "list": _rule_list,
    "byline": _rule_byline,
}


def apply_rules(
    model: NerModel,
    sentences: Sequence[Sequence[str]],
    tags: list[list[str]],
    rules: Sequence[str] = RULES,
) -> tuple[list[list[str]], dict[tuple[int, int], str]]:
    """The tags with the names the rules find added, and ``(sentence, first token) → rule`` for each
    PERSON chunk a rule made or confirmed."""
    words = model.rule_words()
    assert isinstance(words, _Words)
    ali = _writes_alef_maqsura([t for sent in sentences for t in sent])
    other = Counter(
        words.norm(t)
        for sent, tg in zip(sentences, tags, strict=True)
        for t, g in zip(sent, tg, strict=True)
        if g[2:] in ("ORG", "LOC")
    )
    out: list[list[str]] = []
    found: dict[tuple[int, int], str] = {}
    for k, (sent, tg) in enumerate(zip(sentences, tags, strict=True)):
        s = _Sentence(words, sent, list(tg), ali, other)
        for r in rules:
            _RULE_FUNCS[r](s)
        out.append(s.tags)
        found.update({(k, a): rule for a, rule in s.found.items()})
    return out, found


def rule_words(model: NerModel) -> _Words:
    """The per-word cache of the rules for ``model`` (see :meth:`khabar.extract.ner.NerModel.rule_words`)."""
    return _Words(model)
