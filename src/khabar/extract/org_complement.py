"""The complement of an organisation's head noun (:func:`complement`): how far the words after
``وزارة``, ``الهيئة``, ``نادي`` … run as the body's name, and whether they name one at all. Moved out of
:mod:`khabar.extract.orgs` so that the finder stays under 600 lines; the word lists are
``org_heads_ar.tsv`` and ``orgs_stop_ar.tsv`` (:mod:`khabar.extract.org_words`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from khabar.arabic.normalize import normalize
from khabar.extract.names import NASAB, is_given_name, is_title
from khabar.extract.org_words import StopWords, heads_flagged, load_org_heads, town_heads
from khabar.extract.places import nationality_country
from khabar.extract.wordclass import FUNCTION_WORDS, common_zipf

__all__ = ["NISBA_ANY", "STOP", "TIME", "complement"]

#: the function words in the normalised view (على → علي: a name word is lost, a stop is not)
STOP = frozenset(normalize(w) for w in FUNCTION_WORDS)
#: time words that end a complement (فريق النهضة [يوم السبت]، مجلس الإدارة [أمس])
TIME = StopWords("time")
#: a definite relative adjective, masculine or feminine (المبدئي، الرياضية → الرياضيه normalised)
NISBA_ANY = re.compile(r"ال\w{2,}ي[هة]?")
#: the most words a complement may run to
_MAX_COMPLEMENT = 6
#: heads after which a name of any shape follows (نادي كوينز بارك رينجرز، شركة أرامكو)
_NAME_TAKING = frozenset(
    normalize(w) for w in ["نادي", "فريق", "شركة", "جامعة", "كلية", "مجموعة", "بنك", "مصرف", "مستشفى"]
)
#: complements that make a head no name (مجلس الإدارة "the board", الجهات المختصة)
_GENERIC = StopWords("generic")
#: weather nouns: a weak head's complement that opens with one names the weather (حركة الرياح السطحية)
_WEATHER = StopWords("weather")
#: a word after an institution's title this frequent is no name unless a given name (مجلس الشيخ [مساء])
_NAME_ZIPF = 4.5


def complement(
    words: list[str],
    spans: Sequence[tuple[int, int]],
    i: int,
    head: str,
    weak: bool,
    gap_ok: Any,
    names: dict[int, str],
    place_ends: dict[int, int] | None = None,
) -> int:
    """The index of the last word of head ``i``'s complement (``i`` when it has none that names).

    * an indefinite head takes a definite genitive chain (وزارة الشؤون البلدية والقروية), a construct
      chain up to a definite word (هيئة قناة السويس), a name of any shape after a head that takes one
      (نادي كوينز بارك رينجرز), or a number (الفوج 37);
    * a definite head is a name only with adjectives and a purpose (الهيئة العامة للسياحة، الاتحاد
      السعودي لكرة القدم): with adjectives alone it is a description (اللجنة الإشرافية، الشركة
      المشغلة);
    * a weak head needs two content words or a name, a place or a nationality in its complement, and
      none that opens with a weather noun (حركة الرياح السطحية);
    * only generic words or a nationality name nothing (مجلس الإدارة، الشركة السعودية)."""
    definite_head = head.startswith("ال")
    name_taking = head in _NAME_TAKING
    place_ends = place_ends or {}
    if head in heads_flagged("town_only"):
        return _town_end(words, spans, i, head in heads_flagged("region"), gap_ok, place_ends)
    # only some heads are named by a town (org_heads_ar.tsv flag town: شرطة لندن; not قوة إيران)
    kind_ok = head in town_heads()
    last = i
    content: list[str] = []
    purpose = named = person_name = after_place = False
    j = i + 1
    while j < len(words) and j - i <= _MAX_COMPLEMENT and gap_ok(j - 1):
        w = words[j]
        if w in STOP or w in TIME or names.get(spans[j][0]) == "PERSON":
            break
        if person_name and is_title(w):
            break  # مستشفى الملك خالد [الدكتور] سعد: the next person's title
        if after_place and not purpose and (is_title(w) or not (NISBA_ANY.fullmatch(w) or w.startswith("ل"))):
            # after the town only a relative adjective (مستشفى بريدة المركزي) or a purpose (مركز دبي
            # لتطوير الاقتصاد): not شرطة جازان [يعايد]، جامعة بغداد [الدكتورة]، جامعة نجران [القبول]
            break
        if (
            j > i + 1
            and is_title(w)
            and words[j - 1].startswith(("ال", "لل", "وال"))
            and not is_title(words[j - 1])  # سفارة خادم الحرمين الشريفين: one title's words
        ):
            # a title after a definite word opens the next person's name (وزارة الداخلية [اللواء]
            # منصور التركي); after an indefinite noun it is the genitive of an institution named
            # after someone (مركز الملك سلمان، لمدينة الملك عبدالعزيز)
            break
        if names.get(spans[j][0]) in ("LOC", "ORG") or nationality_country(w):
            named = True
        if w.isdigit():  # الفوج 37، قوة الواجب 10: a numbered unit is a name
            if weak and content and content[0] in _WEATHER:
                return i  # قوة الرياح الشمالية 40 [كلم]: a measure of the weather
            return j if len(w) <= 3 else last if content and not definite_head else i
        if w.startswith("لل") and len(w) >= 4 and last > i:
            if "ال" + w[2:] in TIME:
                break  # جامعة حائل [للعام] الجامعي: a time, not the body's purpose
            if len(w) == 4 and j + 1 < len(words) and gap_ok(j) and words[j + 1] in STOP:
                break  # a two-letter stem before a preposition is a verbal noun (للحد [من]), not للحج
            last = j  # the purpose of a named body (الهيئة العامة للسياحة)
            content.append("ال" + w[2:])
            purpose = True
        elif w.startswith("ل") and not w.startswith("لل") and len(w) >= 4 and last > i and w[1:] not in STOP:
            # a definite head's first purpose may be a construct chain (اللجنة الدائمة لمكافحة غسل الأموال);
            # after an indefinite head's name or a purpose, a verbal noun is the sentence's (وزارة
            # المالية [لتطوير نظم] المعاملات)
            chain = _construct_chain(words, j, gap_ok) if definite_head and not purpose else -1
            if chain < 0 and j + 1 < len(words) and gap_ok(j) and words[j + 1].startswith("ال"):
                chain = j
            if chain < 0 or names.get(spans[chain][0]) == "PERSON":
                break  # a purpose needs its genitive (لكرة القدم); cut off (لاستكمال) it names nothing
            # a purpose without the article (الرئاسة العامة لرعاية الشباب، لكرة القدم), its genitive
            # perhaps a construct chain (اللجنة الدائمة لمكافحة غسل الأموال، لشركات حجاج الداخل)
            content.extend([w[1:], *words[j + 1 : chain + 1]])
            last = j = chain
            purpose = True
        elif w.startswith("ال") and len(w) > 3:
            last = j
            content.append(w)
        elif w.startswith("وال") and len(w) > 4 and last > i:
            if w[1:] in load_org_heads():
                break  # a second body (اتحاد آسيا للمكفوفين [والاتحاد] العالمي، أمانة القصيم [واللجنة])
            last = j  # coordinated inside the name (البلدية والقروية)
            content.append(w[1:])
        elif not definite_head and j == i + 1 and spans[j][0] in place_ends and w.isalpha() and kind_ok:
            # a body named by its town (شرطة لندن، أمانة منطقة حائل، جامعة تبوك): the place, all its
            # words, is the genitive; only a relative adjective or a purpose may follow (see above)
            last = j = _place_words(words, spans, j, place_ends[spans[j][0]], gap_ok, content)
            named = after_place = True
        elif (
            not w.startswith(("و", "ب", "ف"))
            and not definite_head
            and last == j - 1
            and not any(c.startswith("ال") for c in content)
            and j + 1 < len(words)
            and (words[j + 1].startswith("ال") or spans[j + 1][0] in place_ends)
            and gap_ok(j)
        ):
            last = j  # a construct chain up to a definite word (هيئة قناة السويس، صندوق التنمية)
            content.append(w)
            if not words[j + 1].startswith("ال"):
                # or up to a place, all its words (مجلس شباب عسير، جمعية زواج جدة)
                j += 1
                last = j = _place_words(words, spans, j, place_ends[spans[j][0]], gap_ok, content)
                named = after_place = True
        elif (
            not definite_head
            and w.isalpha()
            and (
                (j == i + 2 and is_title(words[i + 1]) and (is_given_name(w) or common_zipf(w) < _NAME_ZIPF))
                or (person_name and (w in NASAB or words[j - 1] in NASAB))
            )
        ):
            # the name after an institution's title when the NER read no person there (جامعة الملك
            # سعود، مستشفى الملك فيصل التخصصي): the title's genitive names the institution
            last = j
            content.append(w)
            named = person_name = True
        elif name_taking and j == i + 1 and common_zipf(w) < 3.3 and w.isalpha():
            # a name of any shape after نادي/شركة (نادي كوينز بارك رينجرز، شركة أرامكو)
            last = j
            content.append(w)
            named = True
            k = j + 1
            while (
                k < len(words) and k - i <= _MAX_COMPLEMENT and gap_ok(k - 1) and common_zipf(words[k]) < 3.3
            ):
                if words[k] in STOP or not words[k].isalpha():
                    break
                last = k
                content.append(words[k])
                k += 1
            break
        else:
            break
        j += 1
    if not content:
        return i
    # the purpose or a genitive may have run past the name's end: cut back to the last content word
    if all(c in _GENERIC or nationality_country(c) for c in content):
        return i
    by_type = definite_head and head in heads_flagged("adjective") and _type_adjective(content[0])
    if definite_head and not purpose and not by_type:
        return i
    if weak and content[0] in _WEATHER:
        return i  # حركة الرياح السطحية، قوة الرياح الشمالية: the weather, however many words
    if weak and not (named or purpose or by_type) and len([c for c in content if c not in _GENERIC]) < 2:
        return i  # a type adjective is a name of its own (المجلس البلدي "the municipal council")
    return last


def _construct_chain(words: list[str], j: int, gap_ok: Callable[[int], bool]) -> int:
    """The last indefinite word of the construct chain after the purpose word ``words[j]`` that a
    definite word ends (لمكافحة [غسل] الأموال، لهيئات [تسوية] الخلافات: ``j + 1``; لكرة القدم: ``j``),
    or -1 when no definite word follows the next word (a purpose cut off names nothing; a longer chain
    runs into the sentence: اللجنة الإشرافية لسوق عكاظ [إسناد الإشراف])."""
    k = j + 1
    while k < len(words) and k - j <= 2 and gap_ok(k - 1):
        w = words[k]
        if w.startswith("ال") and len(w) > 3:
            return k - 1
        if w in STOP or w in TIME or not w.isalpha() or w.startswith(("و", "ف", "ب", "ل")):
            break
        k += 1
    return -1


def _type_adjective(word: str) -> bool:
    """Whether ``word`` names which body of its kind a definite head is (head flag ``adjective``:
    المحكمة الجزائية، النادي الأهلي): a relative adjective, not a generic word or a nationality (the
    country's court or club is no name)."""
    return NISBA_ANY.fullmatch(word) is not None and word not in _GENERIC and not nationality_country(word)


def _town_end(
    words: list[str],
    spans: Sequence[tuple[int, int]],
    i: int,
    region: bool,
    gap_ok: Callable[[int], bool],
    place_ends: dict[int, int],
) -> int:
    """The last word of the town right after the head ``i`` flagged ``town_only`` (صحة الرياض، تعليم
    جدة: a sector's directorate of that town), else ``i``: another genitive is the sector itself
    (صحة المريض "the patient's health")."""
    j = i + 1
    if j >= len(words) or not gap_ok(i) or spans[j][0] not in place_ends:
        return i
    if region and words[j] != "منطقه":
        return i  # إمارة منطقة الرياض is the region's governorate; إمارة دبي the emirate itself
    end = place_ends[spans[j][0]]
    while j + 1 < len(words) and spans[j][1] < end and gap_ok(j):
        j += 1
    return j


def _place_words(
    words: list[str],
    spans: Sequence[tuple[int, int]],
    j: int,
    end: int,
    gap_ok: Callable[[int], bool],
    content: list[str],
) -> int:
    """Add to ``content`` the words of the place that starts at word ``j`` and ends at character
    ``end`` (مجلس شباب [عسير]، أمانة [منطقة حائل]); the index of its last word."""
    while j + 1 < len(words) and spans[j][1] < end and gap_ok(j):
        content.append(words[j])
        j += 1
    content.append(words[j])
    return j
