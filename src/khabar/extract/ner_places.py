"""Places the NER model alone read, checked against what the rest of the document says.

A LOC span that neither the gazetteer linked nor the region list named (the places stage gave it no
``ref`` and no ``kind``) reaches the archive as a ``loc:`` place: no coordinates, no confidence, shown
as sure. On random SaudiNewsNet samples about one such mention in seven was no place at all. The rules
here drop the span where the document itself says what the words are:

* **a person of the document**: the words are the whole name or the family name of a PERSON span
  (بلاتر beside جوزيف بلاتر، أوباما beside باراك أوباما), also when some small town bears the name
  (كلينتون beside هيلاري كلينتون): the span is NER-only, so the place layer weighed the name and did
  not link it;
* **a head noun with the article, alone** (المدينة "the city", الميناء "the port", العاصمة): it points
  back at a place named before, it is not a name; the head nouns are the ``admin``, ``site`` and
  ``inst`` classes of ``places_cues_ar.tsv``;
* **an office** (الأمير، الوزير): a role word of ``roles_ar.tsv`` names a person's post;
* **an organisation to the NER model's own gazetteer**, never a place there (فيفا، ناسا);
* **a disease's name**: the word before is a disease's head noun (فيروس كورونا، فيروس إيبولا), or
  the words are a disease's own name (the ``illness`` class of ``places_cues_ar.tsv``: كورونا);
* **a word of a title** (ولي العهد "the crown prince": العهد is no place): the span lies inside a
  role phrase of ``roles_ar.tsv`` that the roles stage found;
* **a club**: a masculine nationality adjective follows (نيس الهولندي، بورتو البرتغالي); a town or a
  country takes the feminine;
* **an event's name**: the word before is an event's head noun (عاصفة الحزم "Operation Decisive
  Storm", بطولة ويمبلدون);
* **a common noun after a demonstrative** (هذا الخبر "this news", not the town الخبر);
* **an attribute of God** (والله الهادي إلى سواء السبيل): the word right after الله;
* **a fixed phrase** of ``places_cues_ar.tsv`` with the word after it (النيل من "to undermine");
* **a stub of three letters or fewer cut out of a word** (بدرو → درو: a name's first letter read as a
  proclitic);
* **a people or a community without a state** (``ethnic`` rows of ``nationalities_ar.tsv``: الدروز،
  الأكراد، التركمان);
* **a unit a number counts** (مليون درهم: ``quantities_units_ar.tsv``);
* **a name the ambiguity table reads as a word first** (``places_ambiguous_ar.tsv``: its relative word
  at least as frequent, مشهد "scene", كريمة "generous", البسيط "the simple") that no Arab town of note
  bears; بريدة (البريد "the mail") is the Saudi town and stays; likewise a stop-listed word whose NER
  reading is the word too (``places_stoplist_ar.tsv``: أمان "safety", الصور "the pictures"; not الخبر
  or مالي, which the NER reads as Khobar and Mali);
* **a person named after a nationality adjective or a title** (السويسري بلاتر، البرتغالي مورينيو،
  الرئيس هولاند): a man's nationality or office stands before his name, not before a place's; every
  NER-only mention of those words in the document goes with it;
* **a common noun with the article that the document also writes without it** (الحريق beside حريق,
  الجبل beside جبل): a frequent word the text uses as a noun, unless the article's form is a name far
  more often than the bare word is a word (الخليج "the Gulf" beside خليج عدن, النيل);
* **an adjective after an indefinite noun** (مورد مالي "a financial resource", تنشئة طيبة "a good
  upbringing"): a frequent word ending in ي or ة right after a content word without the article;
  after a preposition, a direction or a verb of motion (في مالي، شمال مالي) the name stays.

A name right after a place's head noun (حي النصر، بلدة سوروج) is kept whatever else it is: the head noun
says it names a place. Read on two random 1,000-article SaudiNewsNet samples (seed 23 while writing
the rules, seed 31 after): see benchmarks/README.md, "NER-only places".
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from khabar.arabic.clitics import vocab_reading, zipf_at_least
from khabar.arabic.normalize import normalize
from khabar.extract.confidence import load_thresholds
from khabar.extract.names import load_titles
from khabar.extract.places import ARAB_LEAGUE
from khabar.extract.places.gazetteer import (
    STOPLIST_WORDS,
    _fold,
    load_gazetteer,
    nationality_country,
    prominent,
)
from khabar.extract.places.gazetteer import words as place_words
from khabar.extract.quantities import is_unit_word
from khabar.extract.roles import is_role_head
from khabar.extract.wordclass import FUNCTION_WORDS
from khabar.model import Document, Span

__all__ = ["HEAD_CLASSES", "screen_ner_places"]

#: classes of ``places_cues_ar.tsv`` whose words are head nouns of a place's name (مدينة حلب، ميناء
#: جدة، جامعة الدمام): with the article and alone, a reference back to a place, not a name
HEAD_CLASSES = frozenset({"admin", "site", "inst"})

#: the word right before a span (a space or a tatweel between)
_WORD_BEFORE = re.compile(r"(\w+)[\s\u0640]*$")

#: proclitics a NER span may keep in front of a name (وبلاتر، لأوباما)
_PROCLITICS = ("و", "ف", "ب", "ل", "ك")


def screen_ner_places(doc: Document) -> None:
    """Drop the NER-only LOC spans of ``doc`` that the document names as something else (see the
    module's docstring), counting them by reason in ``signals.entities_dropped``."""
    ner_only = [
        e for e in doc.entities if e.label == "LOC" and "ref" not in e.attrs and "kind" not in e.attrs
    ]
    if not ner_only:
        return
    people = _person_names(doc) | _after_nationality(doc.text, ner_only)
    doc_words: frozenset[str] | None = None  # the document's normalised words, read on first need
    # a name the gazetteer linked at another of its mentions is that place here too (حلفاء كابل)
    linked = {normalize(e.text) for e in doc.entities if e.label == "LOC" and "ref" in e.attrs}
    roles = [(e.start, e.end) for e in doc.entities if e.label == "ROLE"]
    cues = load_gazetteer().cues
    reasons: dict[int, str] = {}
    for e in ner_only:
        if any(a <= e.start and e.end <= b for a, b in roles):
            reasons[id(e)] = "loc_in_role"  # ولي العهد
            continue
        before = _classes_before(doc.text, e.start)
        norm = normalize(e.text)
        if HEAD_CLASSES & before or not linked.isdisjoint(_forms(norm)):
            continue  # حي النصر، بلدة سوروج: the head noun says the next name is a place
        if len(norm) <= 3 and _stub(doc.text, e.start):
            # بدرو → ب + درو, باغا → ب + اغا: the model read a name's first letter as a proclitic and
            # kept a stub no gazetteer knows (after و it is a conjunction: وحجة is Hajjah)
            why: str | None = "loc_stub"
        elif _demonstrative().search(doc.text, max(0, e.start - 12), e.start):
            why = "loc_common_noun"  # هذا الخبر "this news", not the town الخبر
        elif (g := _WORD_BEFORE.search(doc.text, max(0, e.start - 40), e.start)) and g.group(1) in _GOD:
            why = "loc_divine_name"  # والله الهادي "God is the guide", not a place named الهادي
        elif _in_phrase(doc.text, e.end, norm):
            why = "loc_phrase"  # النيل من أمن البلاد "to undermine", not the Nile
        elif _nationality_after(doc.text, e.end):
            why = "loc_is_club"  # نيس الهولندي، بورتو البرتغالي: a club (a place's adjective is feminine)
        elif "event" in before:
            why = "loc_event"  # عاصفة الحزم (an operation)، مهرجان جدة: an event's name
        elif "disease" in before or any("illness" in cues.get(_fold(f), ()) for f in _forms(norm)):
            why = "loc_disease"
        elif any(is_unit_word(f) for f in _forms(norm)):
            why = "loc_unit"
        elif any(_fold(f) in load_gazetteer().peoples for f in _forms(norm)):
            why = "loc_people"  # الدروز، التركمان: a people or a community (nationalities_ar.tsv), no land
        elif (why := _reason(norm, people)) is not None:
            pass
        elif _adjective_after_noun(doc.text, e.start, e.end, norm, before):
            why = "loc_adjective"  # مورد مالي "a financial resource", not Mali
        elif (stem := _common_definite(norm)) is not None:
            if doc_words is None:
                doc_words = frozenset(_WORDS.findall(normalize(doc.text)))
            if _written_bare(stem, doc_words):
                why = "loc_common_noun"  # حريق ... الحريق: the fire, not a town
        if why is not None:
            reasons[id(e)] = why
    if not reasons:
        return
    doc.entities = [e for e in doc.entities if id(e) not in reasons]
    counts = doc.signals.setdefault("entities_dropped", {})
    for why, n in Counter(reasons.values()).items():
        counts[why] = counts.get(why, 0) + n


def _person_names(doc: Document) -> frozenset[str]:
    """The normalised whole names and family names (last words) of the document's PERSON spans that
    will be shown (confidence at or above the default person threshold): a doubtful person (a town's
    name the NER read as one, بلدة سوروج) is no evidence against a place."""
    least = load_thresholds().for_type("person")
    out: set[str] = set()
    for e in doc.entities:
        if e.label != "PERSON" or float(e.attrs.get("confidence", 1.0)) < least:
            continue
        words = normalize(e.text).split()
        if words:
            out.add(" ".join(words))
            if len(words) > 1:
                out.add(words[-1])
    return frozenset(out)


def _after_nationality(text: str, ner_only: list[Span]) -> frozenset[str]:
    """The normalised NER-only names written right after a masculine nationality adjective (السويسري
    بلاتر، السوداني الجنوبي سلفاكير: the adjective, or a compass adjective after it) or a title or an
    office with the article (الرئيس هولاند: "the president" takes a name; a country follows an office
    without it, رئيس مصر): people, not places. A feminine adjective may stand before a place (المدينة
    السعودية جدة) and is not read."""
    out: set[str] = set()
    nat_words = load_gazetteer().nat_words
    for e in ner_only:
        m = _TWO_WORDS_BEFORE.search(text, max(0, e.start - 40), e.start)
        if m is None:
            continue
        adj = normalize(m.group(2))
        if (adj.startswith("ال") or adj in _BARE_TITLES) and (adj in load_titles() or is_role_head(adj)):
            out.add(normalize(e.text))  # الرئيس هولاند، المدرب مورينيو: an office before a name
            continue
        if adj in place_words("dir_adjectives") and m.group(1):
            adj = normalize(m.group(1))  # السوداني [الجنوبي]
        if adj.endswith("ي") and (nationality_country(adj) is not None or _fold(adj) in nat_words):
            out.add(normalize(e.text))
    return frozenset(out)


def _nationality_after(text: str, end: int) -> bool:
    """Whether a masculine nationality adjective follows the span (نيس الهولندي، كروزيرو البرازيلي):
    a town or a country takes the feminine (جدة السعودية); the masculine goes with a club, a player or
    a port, and a port's head noun (ميناء كاليه الفرنسي) keeps its name a place before this is read."""
    m = _WORD_AFTER.match(text, end)
    if m is None:
        return False
    adj = normalize(m.group(1))
    if not adj.endswith("ي") or not adj.startswith("ال"):
        return False
    return nationality_country(adj) is not None or _fold(adj) in load_gazetteer().nat_words


#: titles of ``person_titles_ar.tsv`` written without the article that only a person's name follows
#: (دكتور دان شارب، فخامة هولاند); دولة and صاحب are left out (دولة قطر "the State of Qatar")
_BARE_TITLES = frozenset(
    normalize(w) for w in ("دكتور", "سعادة", "سماحة", "فخامة", "فضيلة", "معالي", "جلالة", "سمو")
)
#: the name of God before a span: what follows is one of His attributes (والله الهادي إلى سواء السبيل)
_GOD = frozenset({"الله", "والله", "لله", "فالله"})

#: the one or two words right before a span, spaces only between them
_TWO_WORDS_BEFORE = re.compile(r"(?:(\w+)[ \t\u00a0]+)?(\w+)[ \t\u00a0\u0640]*$")


@functools.cache
def _demonstrative() -> re.Pattern[str]:
    """A demonstrative right before a span (``demonstratives`` of ``places_words_ar.tsv``): what
    follows is a common noun (هذا الخبر، تلك المدينة)."""
    alts = "|".join(sorted(place_words("demonstratives"), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})[ \t\u00a0]+$")


def _forms(norm: str) -> tuple[str, ...]:
    """The span's normalised text, and the same without a proclitic (one, or و/ف before ب/ل/ك:
    وبمدينة) when a word is left."""
    if len(norm) > 4 and norm[0] in "وف" and norm[1] in "بلك":
        return (norm, norm[1:], norm[2:])  # وبمدينة
    if len(norm) > 2 and norm[0] in _PROCLITICS:
        return (norm, norm[1:])
    return (norm,)


def _reason(norm: str, people: frozenset[str]) -> str | None:
    forms = _forms(norm)
    if any(f in people for f in forms):
        return "loc_is_person"
    if " " in norm:
        return None
    for f in forms:
        if _is_head_noun(f):
            return "loc_head_noun"
        if _word_not_town(f) or _fold(f) in STOPLIST_WORDS:
            return "loc_word"
        if is_role_head(f):
            return "loc_office"
        if _ner_gazetteer().get(f) == "ORG":
            return "loc_is_org"
    return None


def _word_not_town(word: str) -> bool:
    """Whether ``word`` is a name the ambiguity table reads as an Arabic word first (its relative word
    at least as frequent as the name: مشهد "scene", البسيط "the simple", كريمة "decent") and no Arab
    town of note bears it. The place layer, which saw the NER's reading as evidence, did not link it;
    left as a place without coordinates it was wrong on every sample read. A prominent Arab town's name
    stays (بريدة، الخرج، صبيا are written so and mean the town even when the layer wanted more
    evidence)."""
    gaz = load_gazetteer()
    key = _fold(word)
    info = gaz.words.get(key)
    if info is None or info.why not in ("relative", "own", "definite") or info.relative_zipf < info.zipf:
        return False
    return not any(p.country in ARAB_LEAGUE and prominent(p) for p in gaz.names.get(key, ()))


#: a frequent word: a span this common may be the word rather than a name (zipf 4 ≈ 1 in 10^5 words)
_COMMON_ZIPF = 4.0
#: how much more often the article's form must be written than the bare word for it to be a name that
#: the bare word does not speak against (الخليج 5.1 / خليج 4.1, النيل 4.7 / نيل 4.3; الحريق 4.4 / 4.3)
_NAME_MARGIN = 0.5
#: a word of the normalised text
_WORDS = re.compile(r"\w+")
#: closed-class words on the normalised fold (على → علي)
_FUNCTION = frozenset(normalize(w) for w in FUNCTION_WORDS)


def _common_definite(norm: str) -> str | None:
    """The bare word of a one-word span that is the article and a frequent word (الحريق → حريق),
    unless the article's form is mostly a name (:data:`_NAME_MARGIN`); ``None`` otherwise."""
    if " " in norm:
        return None
    for f in _forms(norm):
        if f.startswith("ال") and len(f) >= 5:
            # (both read at _COMMON_ZIPF or more: a rarer article form is below z + _NAME_MARGIN anyway)
            z = zipf_at_least(f[2:], _COMMON_ZIPF)
            if z >= _COMMON_ZIPF and zipf_at_least(f, _COMMON_ZIPF) < z + _NAME_MARGIN:
                return f[2:]
    return None


def _written_bare(stem: str, words: frozenset[str]) -> bool:
    """Whether the document writes ``stem`` without the article (alone or after a proclitic): a text
    that says حريق and then الحريق uses the noun, not a town's name."""
    return any(p + stem in words for p in ("", "و", "ف", "ب", "ل", "ك", "وب", "ول"))


def _adjective_after_noun(text: str, start: int, end: int, norm: str, before: frozenset[str]) -> bool:
    """Whether the one-word span is a frequent word ending in ي or ة (a relative or feminine
    adjective's shape: مالي، طيبة، كورية) right after a content word without the article, a space
    between: an indefinite noun takes an indefinite adjective (صندوق مالي، تنشئة طيبة). A word of
    ``places_cues_ar.tsv`` before it (a preposition, a direction, a verb of motion, a head noun), an
    office or a closed-class word says a name follows (في مالي، شمال مالي، رئيس مالي، وحتى مالي). A
    prominent Arab town's name stays (العثيم مول بريدة)."""
    if " " in norm or norm.startswith("ال") or norm[-1] not in "يه":
        return False
    if zipf_at_least(norm, _COMMON_ZIPF) < _COMMON_ZIPF:
        return False
    if any(p.country in ARAB_LEAGUE and prominent(p) for p in load_gazetteer().names.get(_fold(norm), ())):
        return False
    if start == 0 or not text[start - 1].isspace() or before:
        return False
    nxt = _WORD_AFTER.match(text, end)
    if nxt is not None and nxt.group(1).startswith("ال"):
        return False  # زوار طيبة الطيبة: a definite adjective after it makes it a name
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return False
    prev = normalize(m.group(1))
    if len(prev) < 3 or prev.startswith(("ال", "وال")) or not prev.isalpha() or is_role_head(prev):
        return False  # رئيس مالي "the president of Mali": an office takes a country's name
    bare = prev[1:] if prev[0] in "وف" and len(prev) > 3 else prev
    return prev not in _FUNCTION and bare not in _FUNCTION


def _stub(text: str, start: int) -> bool:
    """Whether the span starts one letter into a word and that letter is ب، ك or ل."""
    return start > 0 and text[start - 1] in "بكل" and (start == 1 or not text[start - 2].isalpha())


#: the word right after a span (a space or a tatweel between)
_WORD_AFTER = re.compile(r"[\s\u0640]*(\w+)")


def _in_phrase(text: str, end: int, norm: str) -> bool:
    """Whether the span and the word after it are a fixed phrase of ``places_cues_ar.tsv`` (class
    ``phrase``), as the place layer reads one after a gazetteer name: النيل من "to undermine"."""
    m = _WORD_AFTER.match(text, end)
    if m is None:
        return False
    nxt = _fold(normalize(m.group(1)))
    phrases = load_gazetteer().phrases
    return any(f"{_fold(f)} {nxt}" in phrases for f in _forms(norm))


def _classes_before(text: str, start: int) -> frozenset[str]:
    """The ``places_cues_ar.tsv`` classes of the word before ``start`` (with or without a proclitic:
    بمدينة، وبحي): a head noun (بلدة، حي، محافظة، ميناء …) says the next name is a place, a disease's
    head noun (فيروس، متلازمة) that it names the disease."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return frozenset()
    cues = load_gazetteer().cues
    r = vocab_reading(_fold(normalize(m.group(1))), cues, "وفبلك", min_stem=2)
    return cues[r.stem] if r is not None else frozenset()


def _is_head_noun(word: str) -> bool:
    """Whether ``word`` is ال + a head noun of a place (المدينة، الميناء; listed bare or with it)."""
    if not word.startswith("ال"):
        return False
    cues = load_gazetteer().cues
    return any(HEAD_CLASSES & cues.get(_fold(w), frozenset()) for w in (word, word[2:]))


def _ner_gazetteer() -> dict[str, str]:
    """The NER model's gazetteer: normalised word → its classes (``LOC``, ``ORG|PERS`` …)."""
    from khabar.extract.ner import load_model

    return load_model().features.gazetteer
