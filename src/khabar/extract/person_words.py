"""What the person rules (:mod:`khabar.extract.person_rules`) ask of a word: the cue lexicon
(``person_cues_ar.tsv`` and the titles), and per word form, once, whether it is a cue, a nationality,
a given name, a verb, a name word and how strongly (:class:`_Words`, kept by the NER model).

The thresholds (``LOOSE_ZIPF``, ``KNOWN_ZIPF``, ``FAMILY_ZIPF``, ``VERB_BASE_ZIPF``) say how common a
word may be and still be a name word, in which context; the rules module's docstring says what a name
word is."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from khabar import data
from khabar.arabic.clitics import readings
from khabar.arabic.memo import make_room
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


CUE_FILE = "person_cues_ar.tsv"
_CLASSES = frozenset(
    {
        "before",
        "plural",
        "bound",
        "between",
        "speech",
        "byline",
        "not",
        "office_adjective",
        "territory_office",
    }
)
#: below this Zipf frequency a common word may still be a name word right after a cue or a speech
#: verb (غارسيا 3.9، مورا 3.7 are in wordfreq's list; توقيعه 3.6 is caught as a possessive noun); a word
#: the model saw inside ANERcorp's entities up to KNOWN_ZIPF. Chosen by reading the tuning sample.
LOOSE_ZIPF = 4.0
KNOWN_ZIPF = 4.5
#: a family name of the relation shape after a given name may be this common a word (الحربي 4.4;
#: not الوطني 5.5, الدولي 5.4)
FAMILY_ZIPF = 4.6
#: a word of the feminine relation shape (ال…ية) is an adjective agreeing with a feminine or plural
#: noun far more often than a family name: after a given name it is the family name only when web text
#: does not use it as a word at all (العطية، النعمية are absent from wordfreq's list; الانقلابية 3.1,
#: الحوثية 3.8, الصفوية 3.6 are there: "ميليشيات الحوثي وصالح الانقلابية")
FEMININE_FAMILY_ZIPF = 3.0
#: right after a nasab chain, a word with the article is the family name up to this common (المقبل،
#: الجمعة، السريع are family names there), not the commonest words (الأخير، الرجل، الأشقاء)
NASAB_FAMILY_ZIPF = 5.0
#: a word that opens with ت/ن/ي before a stem this common is read as a verb (تحرق، تنهى)
VERB_BASE_ZIPF = 3.5
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
    #: adjectives that make the word before them an office (المدير العام، المستشار الخاص)
    office_adjectives: frozenset[str] = field(default_factory=frozenset)
    #: offices of a territory, written before its name (محافظ جدة، أمير الرياض، عمدة لندن)
    territory_offices: frozenset[str] = field(default_factory=frozenset)


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
        office_adjectives=frozenset(by["office_adjective"]),
        territory_offices=frozenset(by["territory_office"]),
    )


class _Words:
    """What the rules ask of each word form, computed once per normalised word (each memory bounded
    by :data:`khabar.arabic.memo.WORDS_KEPT`: the model, and so this, lives for a whole corpus run)."""

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
            make_room(self._stem)
            self._stem[n] = s
        return s

    def nationality(self, n: str) -> bool:
        """A nationality adjective with the article (البرازيلي، الأرجنتينيين)."""
        hit = self._nat.get(n)
        if hit is None:
            from khabar.extract.places import nationality_country

            make_room(self._nat)
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
            make_room(self._kind)
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
            make_room(self._given)
            self._given[token] = g
        return g

    def namey(self, n: str, *, loose: bool = False, inner: bool = False) -> bool:
        """Whether ``n`` (normalised) can be a word of a person's name (see the module docstring);
        ``loose`` (after a cue or a speech verb) also admits the less frequent common words, which
        web text counts among words because names are written with them (غارسيا، فلاح، مورا);
        ``inner`` (after a rare first name word) the more frequent ones too (آشتون كارتر)."""
        hit = self._namey.get(n)
        if hit is None:
            make_room(self._namey)
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
                    make_room(self._namey)
                    hit = self._namey[n] = self._grade(n, pronoun=False)
            make_room(self._token)
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
