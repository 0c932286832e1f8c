"""PERSON spans that are not people, or not only people: the checks of the ``refs`` stage before linking.

The NER model reads names from their context; at corpus scale it also tags phrases that only sit
where names sit. Each check here is a class of such errors seen on SaudiNewsNet pages:

* a **month** is a date, never a person or an organisation (``نيسان`` April, ``تموز``, ``آب``);
* a span holding a **function word** is a phrase, not a name (``وعلى دروب``);
* a **verb** glued in front of a name is not part of it (``يناشدون هادي`` → ``هادي``), nor is a
  **nationality adjective** (``البولندي ادريان`` → ``ادريان``); text after a **dash or bracket** inside
  the span is not the name (``محمد شريف -باكستاني``);
* a word with a **possessive suffix** that is a common noun ends the name (``الزهراني تصريحه``: "his
  statement"), as does a word with digits (``فهد السويلم د40``) or a lone clitic (``فهد لـ``);
* a word with **tanween** or another inflection no name takes (a dual, a plural, a pronoun suffix
  on a common word: ``ضاحكًا``، ``نوافذه``) ends the name, and a span of such words is no name
  (``دينارًا بحرينيًا``، ``متحدثون رسميون``);
* a club's or tribe's **adjective of relation** before a given name is not part of the name
  (``الأهلاوي عبدالله المعيوف``), nor is a **person noun** (``القاص باسل الغامدي``), and a
  **nationality adjective** alone is no person (``الجزائري``);
* a name right after a noun that **names something after a person** is part of that thing's name
  (``شارع عثمان بن عفان``, ``مستشفى الملك فهد``, ``دوري عبداللطيف جميل``: ``person_name_heads_ar.tsv``);
* a first word that is a **preposition + a common noun** (``لإخراج فيديو``, ``بأحكام``) is a phrase;
* ``الله`` is a name's word only in a **theophoric compound** (``عبد الله``، ``نصر الله``، ``العبد الله``,
  ``person_name_phrases_ar.tsv``) or after ``آية``; anywhere else it is a **religious formula** (``بحمد
  الله``، ``بتوفيق الله``، ``محمد صلى الله عليه وسلم``، ``ابن باز رحمه الله``): the span ends before the
  formula's first word, and is no name when nothing is left;
* a given name that is also an adjective before an abstract noun (``حسن الجوار``، ``كريم الأخلاق``) is a
  **common phrase**;
* a name cut at the family particle (``عبداللطيف بن عبدالملك آل`` | ``الشيخ``) or right before it
  (``أحمد بن علي`` | ``آل مريع``) takes the family's name back;
* a span of two words or more that is the name of a **city** of the gazetteer (``لوس أنجليس``، ``إسلام
  آباد`` in a dateline), or opens with one (a team: ``لوس أنجليس جالاكسي``), is no person.

Spans are trimmed in place (``span.text`` stays ``text[start:end]``) or get ``attrs["reject"]`` with
the reason; the stage drops rejected spans and counts them. What remains doubtful (two common words,
``لهيب الصيف``; an adjective alone, ``مبارك``) is left to the confidence model
(:mod:`khabar.extract.ref_confidence`).

Word frequencies come from ``names_common_ar.tsv.gz`` (``scripts/build_common_words.py``: wordfreq's
frequent Arabic words less every word of a person name in ANERcorp and WikiFANE).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from khabar import data
from khabar.arabic.clitics import zipf_at_least
from khabar.arabic.normalize import normalize
from khabar.extract.names import ALLAH, NASAB, is_given_name, is_title, load_name_phrases
from khabar.extract.places import load_gazetteer, nationality_country, prominent
from khabar.extract.wordclass import (
    COMMON_ZIPF,
    FUNCTION_WORDS,
    TANWEEN,
    common_zipf,
    inflected_common,
    is_month,
)
from khabar.model import Span

__all__ = [
    "common_zipf",
    "is_month",
    "load_name_heads",
    "screen_named_places",
    "screen_persons",
]

_LIGHT = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "\u0640": None} | {chr(c): None for c in range(0x064B, 0x0653)}
)


#: a verb's shape: imperfect plural or dual (يناشدون، تطالبان), perfect plural (ناشدوا)
_VERB_SHAPE = re.compile(r"^(?:[وف]?[يتن]\w{3,}(?:ون|ان|ين)|[وف]?\w{3,}وا)$")
#: a feminine participle of a derived verb (متجذرة، متميزة، مستمرة): an adjective, never a name alone
_PARTICIPLE_SHAPE = re.compile(r"^[وف]?(?:مت|مست)\w{3,}ه$")
#: how frequent (Zipf, any reading) the stem of a word in وا must be for the word to read as a plural
#: verb after a name (أشرف 4.6, ماتوا's مات 5.0; the foreign surnames كورتوا's كورت 3.7, كاجاوا's 2.1)
_VERB_STEM_ZIPF = 4.0
#: possessive / object suffixes on a common noun (تصريحه، مكتبها، بيانهم)
_POSSESSIVE = ("ه", "ها", "هم", "هما", "هن", "كم", "نا")
#: punctuation that ends a name inside a span (the NER's tokens keep a glued dash or bracket)
_NAME_BREAK = re.compile(r"\s*[-–—(\[«\"/|]")
#: an adjective of relation with the article (الأهلاوي، الشبابي، الفتحاوي)
_RELATION_ADJ = re.compile(r"^ال\w{2,}ي$")
#: a verb in the future tense: س + an imperfect (سيغيب، ستلعب)
_FUTURE = re.compile(r"^س[يتن]\w{2,}$")
#: a word that is no word of a name: digits in it, or a proclitic alone with tatweel (لـ، بـ)
_NOT_NAME_TAIL = re.compile(r"\d|^\w\u0640+$")
#: Arabic combining marks and tatweel
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
#: the screen of the model's spans cuts a suffix only off a clearly common word (نوافذ 4+; not بوت)
SCREEN_BASE_ZIPF = 4.0
#: a span of several words that names a gazetteer place of this many people (or a prominent one) is
#: that place (لوس أنجليس، ديار بكر), not a person
PLACE_NAME_POPULATION = 50_000
#: the family particle آل in the normalised view
_AAL = "ال"
#: الله with a proclitic (لله، والله، بالله): a formula's word, never a name's
_ALLAH_FORMS = frozenset({ALLAH, "لله", "ولله", "فلله", "والله", "فالله", "بالله", "تالله"})
#: an Arabic word right after a span (the family name after a trailing آل)
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([\u0621-\u064a\u064b-\u065f\u0640]+)")
#: the Arabic word right before a span, spaces only between
_PREV_WORD = re.compile(r"([\u0621-\u064a\u064b-\u065f\u0640]+)[ \t\u00a0]+$")
#: punctuation that may stand between a naming head noun and the name (ملعب "لوفتس رود")
_OPENERS = "\"'«“(["


@functools.cache
def load_name_heads() -> dict[str, str]:
    """Nouns that name things after people (normalised) → ``place``, ``org`` or ``thing``."""
    out: dict[str, str] = {}
    for row in data.rows("person_name_heads_ar.tsv", columns=2):
        cols = row.cols
        if cols[1] not in ("place", "org", "thing"):
            raise data.bad_row(
                "person_name_heads_ar.tsv", row.line, "expected head<TAB>place|org|thing", cols
            )
        out[normalize(cols[0])] = cols[1]
    return out


def _stem(word: str) -> str:
    """A word without a leading conjunction or preposition (و ف ب ل ك), for the lexicon checks."""
    if len(word) > 3 and word[0] in "وف":
        word = word[1:]
    if len(word) > 3 and word[0] in "بلك":
        word = word[1:]
    return word


def _words_at(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``(start, end, normalised)`` of the whitespace words of ``text[start:end]``."""
    return [
        (start + m.start(), start + m.end(), normalize(m.group()))
        for m in re.finditer(r"\S+", text[start:end])
    ]


def _head_before(text: str, start: int) -> tuple[str, int | None] | None:
    """The kind of a naming head noun right before ``start`` and where the noun starts (its clitics
    left out), titles between allowed (مستشفى [الملك] فهد، شارع [الأمير] سلطان); the start is None
    where the head and the name are not one plain phrase an organisation could be read from (a quote
    or a bracket between: ملعب "لوفتس رود"؛ a dual: جامعتا الملك سعود والملك فيصل)."""
    k = start
    while k > 0 and text[k - 1] in _OPENERS:
        k -= 1  # ملعب "لوفتس رود"، (مؤسسة الملك عبدالعزيز
    plain = k == start
    for _ in range(4):
        m = re.search(r"(\S+)[ \t\u00a0]+$", text[max(0, k - 40) : k])
        if m is None:
            return None
        raw = m.group(1)
        w = normalize(raw.lstrip(_OPENERS))
        plain = plain and raw[:1] not in _OPENERS
        k = k - len(m.group(0))
        heads = load_name_heads()
        for cand in (w, _stem(w)):
            if cand in heads:
                at = k + len(raw) - len(cand) if raw.endswith(cand) else k
                return heads[cand], at if plain else None
        for cand in _singular(_stem(w)):
            if cand in heads:
                return heads[cand], None
        if not is_title(w):
            return None
    return None


_CROSSING = re.compile(r"(?:^|[\s(])(?:[وفب]?ال|[وفب])?تقاطع(?:ات)?\s+[^.،؛:!?\n]{1,60}?\sمع\s+$")


def _second_road(text: str, start: int) -> bool:
    """Whether ``start`` follows ``تقاطع … مع``: a crossing names two roads, and roads are named after
    people (تقاطع شارع الأمير سلطان مع طريق الملك فهد), so a name after the مع is a road even where its
    own head noun is left out (تقاطع وادي العقيق مع أبي بكر الصديق)."""
    return _CROSSING.search(normalize(text[max(0, start - 80) : start])) is not None


def _singular(word: str) -> tuple[str, ...]:
    """The singular of a dual in construct (``جامعتي`` → جامعة, ``مسجدي`` → مسجد): two institutions
    named after one person (جامعتي الملك عبدالعزيز وأم القرى)."""
    if len(word) > 4 and word.endswith(("تي", "تا")):
        return (word[:-2] + "ه",)
    if len(word) > 3 and word[-1] in "يا":
        return (word[:-1],)
    return ()


def _set(span: Span, text: str, start: int, end: int) -> None:
    span.start, span.end, span.text = start, end, text[start:end]


def screen_persons(text: str, persons: Sequence[Span]) -> None:
    """Trim or reject the PERSON spans of ``text`` that are not (only) a person's name; see the module
    docstring. Rejected spans get ``attrs["reject"]``; trimmed ones keep their label."""
    for p in persons:
        reason = _screen(text, p)
        if reason:
            p.attrs["reject"] = reason


def screen_named_places(text: str, persons: Sequence[Span], places: Sequence[Span]) -> None:
    """Reject the PERSON spans that the same document names as a place with a head noun elsewhere
    (بمنطقة أبيار الماشي … الأحياء الجنوبية مثل أبيار الماشي، السويرقي): a list of districts reads like
    a list of names, the head noun of the other mention says what the words are. A name that starts
    with a title or a given name is kept: streets and districts are named after people (حي الملك فهد)."""
    heads = load_name_heads()
    named: set[str] = set()
    for loc in places:
        words = normalize(loc.text).split()
        if len(words) > 1 and heads.get(_unclitic(words[0])) == "place":
            named.add(" ".join(words[1:]))
    if not named:
        return
    for p in persons:
        if p.attrs.get("reject"):
            continue
        words = normalize(p.text).split()
        if " ".join(words) in named and not is_title(words[0]) and not is_given_name(words[0]):
            p.attrs["reject"] = "named_place"


def _screen(text: str, p: Span) -> str | None:
    if is_month(p.text):
        return "month"
    # a dash or a bracket ends the name
    m = _NAME_BREAK.search(p.text)
    if m is not None and m.start() > 0:
        _set(p, text, p.start, p.start + m.start())
    words = _words_at(text, p.start, p.end)
    if not words:
        return "empty"
    # a name cut at the family particle takes the family's name back (عبداللطيف آل | الشيخ), and a name
    # cut before it its family (أحمد بن علي | آل مريع)
    nxt = _NEXT_WORD.match(text, p.end)
    if nxt is not None and normalize(nxt.group(1)) == _AAL and len(words) > 1:
        after = _NEXT_WORD.match(text, nxt.end())
        if after is not None:
            _set(p, text, p.start, after.end())
            words = _words_at(text, p.start, p.end)
    if len(words) > 1 and words[-1][2] == _AAL:
        m = _NEXT_WORD.match(text, p.end)
        if m is not None:
            _set(p, text, p.start, m.end())
            words = _words_at(text, p.start, p.end)
    # a name that starts with بن lost its given name (الأستاذ [مطلق] بن حمد المريشد: مطلق is also a
    # word): the word before it is taken back when it is a given name or follows a title (not قتل in
    # قتل بن لادن)
    if len(words) > 1 and words[0][2] in ("بن", "بنت"):
        m = _PREV_WORD.search(text, max(0, p.start - 30), p.start)
        if m is not None:
            w = normalize(m.group(1))
            t = _PREV_WORD.search(text, max(0, m.start(1) - 30), m.start(1))
            title = _unclitic(normalize(t.group(1))) if t is not None else ""
            if (
                w
                and not is_title(w)
                and w not in FUNCTION_WORDS
                and not w.startswith("ال")
                and (is_given_name(w) or is_title(title) or title in _person_nouns())
            ):
                _set(p, text, m.start(1), p.end)
                words = _words_at(text, p.start, p.end)
    if any(text[a:b].translate(_LIGHT) in FUNCTION_WORDS for a, b, _ in words):
        return "function_word"
    cut = _formula_cut(text, p.start, p.end, words)
    if cut is not None:
        if cut == 0:
            return "religious_formula"
        words = words[:cut]
        _set(p, text, p.start, words[-1][1])
    phrases = load_name_phrases()
    if len(words) >= 2 and _unclitic(words[0][2]) in phrases["adjective"] and words[1][2] in phrases["idafa"]:
        return "common_phrase"  # حسن الجوار، كريم الأخلاق
    if len(words) >= 2 and any(_city(" ".join(n for _, _, n in words[:k])) for k in range(len(words), 1, -1)):
        return "place"  # a city, or a team named after one (لوس أنجليس جالاكسي)
    if all(n in phrases["letter"] for _, _, n in words):
        return "acronym"  # بي بي سي، بي جي: Latin letters read out
    if len(words) >= 2 and any(_unclitic(n) in phrases["club"] for _, _, n in words):
        return "club"  # سوانزي سيتي، بوروسيا دورتموند
    # a verb or a nationality adjective in front is not part of the name
    while len(words) > 1 and (
        (_VERB_SHAPE.match(words[0][2]) and not is_given_name(words[0][2]))
        or (nationality_country(words[0][2]) and words[0][2].startswith("ال"))
    ):
        words = words[1:]
        _set(p, text, words[0][0], p.end)
    # ... nor a plural verb after it (عبدالعزيز الهيجان [أشرفوا] على التنظيم): its stem without وا is a
    # common word, which a foreign surname's is not (تيبو كورتوا، هيروشي كاجاوا)
    while (
        len(words) > 1
        and words[-1][2].endswith("وا")
        and _VERB_SHAPE.match(words[-1][2])
        and zipf_at_least(words[-1][2][:-2], _VERB_STEM_ZIPF) >= _VERB_STEM_ZIPF
        and not is_given_name(words[-1][2])
        and words[-2][2] not in NASAB
    ):
        words = words[:-1]
        _set(p, text, p.start, words[-1][1])
    # a club's or a tribe's adjective in front of a given name is not part of the name (الأهلاوي
    # عبدالله المعيوف، الشبابي حسن معاذ): a family name follows the given name, it does not precede it
    # (nor a second family name: الفتحاوي ناصيف البياوي)
    while (
        len(words) > 1
        and _RELATION_ADJ.match(words[0][2])
        and (is_given_name(words[1][2]) or (len(words) > 2 and words[-1][2].startswith("ال")))
    ):
        words = words[1:]
        _set(p, text, words[0][0], p.end)
    # a person noun the tagger took in (القاص باسل الغامدي، المخرج …) is not part of the name
    while len(words) > 1 and words[0][2].startswith("ال") and words[0][2] in _person_nouns():
        words = words[1:]
        _set(p, text, words[0][0], p.end)
    # a plural or dual of a common word opens no name: with the article it is a noun before the name
    # (الشيخين الفوزان، [القريات] عبد الله الشراري); without it, before a definite word or a word of the
    # same ending, it is a phrase (سائلين المولى "asking the Lord", شخصيتان يمنيتان)
    while len(words) > 1 and (tail := _PLURAL_TAIL.search(words[0][2])) is not None:
        if not _not_name_word(text[words[0][0] : words[0][1]], words[0][2]):
            break
        if not words[0][2].startswith("ال"):
            if words[1][2].startswith("ال") or words[1][2].endswith(tail.group()):
                return "inflected"
            break
        words = words[1:]
        _set(p, text, words[0][0], p.end)
    # a common noun with a possessive suffix ends the name (الزهراني تصريحه), as does a word with
    # digits or a clitic left alone (فهد السويلم د40، فهد لـ)
    while (
        len(words) > 1
        and (
            _possessive_noun(words[-1][2]) or _not_name_word(text[words[-1][0] : words[-1][1]], words[-1][2])
        )
        # the word after بن is a name whatever its form (عبد الله بن مسعودٍ, with the tanween of a
        # voweled text)
        and words[-2][2] not in NASAB
    ):
        words = words[:-1]
        _set(p, text, p.start, words[-1][1])
    # ... nor before a foreign surname alone, a word that is no common word (الغاني مونتاري)
    if (
        len(words) == 2
        and _RELATION_ADJ.match(words[0][2])
        and not words[1][2].startswith("ال")
        and common_zipf(words[1][2]) < COMMON_ZIPF
        and not _not_name_word(text[words[1][0] : words[1][1]], words[1][2])
    ):
        words = words[1:]
        _set(p, text, words[0][0], p.end)
    m = _PREV_WORD.search(text, max(0, p.start - 30), p.start)
    title = _unclitic(normalize(m.group(1))) if m is not None else ""
    if (
        is_title(title)
        and not is_given_name(words[0][2])
        and _place_name(" ".join([title] + [n for _, _, n in words]))
    ):
        return "place"  # الشيخ زويد: a town whose name starts with a title (الشيخ زايد is a man)
    office = _territory_office_before(text, p.start)
    if office is not None:
        names = [n for _, _, n in words]
        cut = next((k for k in range(len(names) - 1, 0, -1) if _place_name(" ".join(names[:k]))), 0)
        if cut:
            words = words[cut:]  # محافظ [أملج] زياد البازعي: the governorate, then its governor
            _set(p, text, words[0][0], p.end)
        elif _place_name(" ".join(names)) or not (is_given_name(office) or any(map(is_given_name, names))):
            return "place"  # محافظ دومة الجندل: the governorate, not the governor
    if (
        len(words) > 1
        and _unclitic(words[0][2]) in _territory_offices()
        and _place_name(" ".join(n for _, _, n in words[1:]))
    ):
        return "office"  # أمير الرياض: أمير is also a given name, here the office of a place
    if len(words) == 1 and words[0][2].startswith("ال") and nationality_country(words[0][2]):
        return "nationality"  # an adjective alone (الجزائري), not a person
    if len(words) == 1 and _VERB_SHAPE.match(words[0][2]) and not is_given_name(words[0][2]):
        return "verb"
    if len(words) == 1 and _PARTICIPLE_SHAPE.match(words[0][2]) and not is_given_name(words[0][2]):
        return "inflected"  # راسخة ومتينة ومتجذرة: an adjective of a list, not a woman's name
    if _second_road(text, p.start):
        return "named_after"  # تقاطع وادي العقيق مع أبي بكر الصديق: the second road of a crossing
    head = _head_before(text, p.start)
    if head is not None:
        if head[0] == "org" and head[1] is not None:
            # an institution named after a person (مركز الملك سلمان، جامعة الملك سعود): the caller may
            # read the whole as an organisation
            p.attrs["named_org_start"] = head[1]
        return "named_after"
    # a preposition + a common noun in front (للريال راؤول جونزاليز) is not part of the name; alone
    # (بأحكام) it is no name at all. A given name before بن is a name whatever it looks like (لبيد بن
    # ربيعة، بدر بن حسن)
    first = words[0][2]
    if (
        len(first) > 3  # (first: a word of marks or tatweel alone normalises to nothing)
        and first[0] in "بل"
        and not first.startswith("ال")
        and common_zipf(first[1:]) >= COMMON_ZIPF
        and not is_given_name(first[1:])
        and not (len(words) > 1 and words[1][2] in NASAB)
    ):
        if len(words) == 1:
            return "preposition_phrase"
        words = words[1:]
        _set(p, text, words[0][0], p.end)
    if all(_not_name_word(text[a:b], n) for a, b, n in words):
        return "inflected"  # ordinary words in inflected forms (دينارًا بحرينيًا، متحدثون رسميون)
    return None


def _unclitic(word: str) -> str:
    """A word without a leading و or ف (``وحسن`` → حسن), for the closed word classes."""
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


def _formula_cut(text: str, start: int, end: int, words: list[tuple[int, int, str]]) -> int | None:
    """Where a religious formula begins in a span's ``words`` (the index of its first word: the noun
    or verb before الله), or None when الله is no part of the span or only of theophoric names.

    الله is a name's word right after a theophoric head (``عبد``، ``نصر``، ``العبد``; a conjunction
    allowed on it, a preposition not: ``بفضل الله`` is "by God's grace") or after ``آية``. A span
    the tagger ended right before الله (``توفيق`` | ``الله``) is read with it."""
    theophoric = load_name_phrases()["theophoric"]

    def head_ok(k: int) -> bool:
        if k < 0:
            return False
        w = words[k][2]
        if w in theophoric and not (k == 0 and start > 0 and text[start - 1] in "بل"):
            return True
        return len(w) > 3 and w[0] in "وف" and w[1:] in theophoric

    for i, (_, _, n) in enumerate(words):
        if n in _ALLAH_FORMS and not (n == ALLAH and head_ok(i - 1)):
            return max(0, i - 1)
    m = _NEXT_WORD.match(text, end)
    if m is not None and normalize(m.group(1)) in _ALLAH_FORMS and not head_ok(len(words) - 1):
        return len(words) - 1
    return None


def _territory_office_before(text: str, start: int) -> str | None:
    """The indefinite office of a territory (محافظ، أمير، عمدة: ``territory_office`` of
    ``person_cues_ar.tsv``) right before ``start``, a proclitic allowed (لمحافظ), normalised."""
    m = _PREV_WORD.search(text, max(0, start - 30), start)
    if m is None:
        return None
    w = normalize(m.group(1))
    offices = _territory_offices()
    if w in offices:
        return w
    return w[1:] if len(w) > 3 and w[0] in "وفبلك" and w[1:] in offices else None


def _territory_offices() -> frozenset[str]:
    """The ``territory_office`` words of ``person_cues_ar.tsv`` (read once, by the cue loader)."""
    from khabar.extract.person_words import load_cues

    return load_cues().territory_offices


def _place_name(name: str) -> bool:
    """Whether ``name`` (normalised words) is a name of the gazetteer, of any size."""
    return bool(load_gazetteer().names.get(name.translate(_EXTRA_FOLD)))


@functools.lru_cache(maxsize=8192)
def _city(name: str) -> bool:
    """Whether ``name`` (normalised words) is the name of a city of the gazetteer (at least
    :data:`PLACE_NAME_POPULATION` people, or a capital)."""
    places = load_gazetteer().names.get(name.translate(_EXTRA_FOLD), ())
    return any(p.population >= PLACE_NAME_POPULATION or prominent(p) for p in places)


_EXTRA_FOLD = str.maketrans({"ی": "ي", "ک": "ك"})
#: a plural or dual ending (normalised): a common word so inflected opens no name
_PLURAL_TAIL = re.compile(r"(?:ين|ون|ات|تان|تين)$")


def _not_name_word(raw: str, word: str) -> bool:
    """Whether a word of a span (as written, and normalised) can be no word of a name: it has digits
    or tanween, is a lone clitic (لـ), or is a common word in an inflected form (نوافذه، القريبتان)."""
    if _NOT_NAME_TAIL.search(raw) or TANWEEN.search(raw):
        return True
    if is_given_name(word) or word in _entity_words():
        return False
    if _FUTURE.match(word) and common_zipf(word[1:]) >= COMMON_ZIPF:
        return True  # a verb in the future tense (سيغيب = س + يغيب)
    return inflected_common(word, pronoun=_MARKS.sub("", raw).endswith("ه"), zipf=SCREEN_BASE_ZIPF)


@functools.cache
def _person_nouns() -> frozenset[str]:
    """The person nouns of the person rules' cues (اللاعب، المخرج، القاص: ``person_cues_ar.tsv``)."""
    from khabar.extract.person_rules import load_cues

    return load_cues().nouns


@functools.cache
def _entity_words() -> frozenset[str]:
    """Words the NER model saw inside ANERcorp's entities (بوتين is no بوت + ين)."""
    from khabar.extract.ner import load_model

    return load_model().known


def _possessive_noun(word: str) -> bool:
    """A common noun with a possessive suffix (``تصريحه`` "his statement"), not a name."""
    if common_zipf(word) < COMMON_ZIPF or is_given_name(word):
        return False
    return any(word.endswith(s) and common_zipf(word[: -len(s)]) >= COMMON_ZIPF for s in _POSSESSIVE)
