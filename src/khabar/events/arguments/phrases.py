"""Noun phrases that stand for a party when no named mention does (سبعة مسؤولين، مركز المسيال، محافظي
المنطقة), and the tests a word passes to head one; moved out of the one arguments module (issue 19).
"""

from __future__ import annotations

import functools

from khabar.arabic.clitics import CACHE_WORDS, drop_conjunction, in_vocab, name_reading, strip_proclitics
from khabar.events.arguments.vocab import SPEECH_VERBS
from khabar.events.lexicon import fold, load_cues, one_word_verbs, words
from khabar.events.mentions import Mention, Words, new_ref
from khabar.events.spans import party_name
from khabar.model import Document

#: types whose trigger takes an object that is its recipient even when it is not a named party
_NP_OBJECT_TYPES = frozenset(
    {"ACCUSE", "ASSAULT", "COERCE", "SUPPORT", "REQUEST", "AID", "CONCEDE", "SANCTION"}
)


#: words a noun phrase does not start with or run over
_NP_STOP = words("arguments.np_stop")


#: first words that make a phrase a place or a manner, not a party (مدينة، منطقة، عنيفة، الكامل)
_NP_NOT_PARTY = words("arguments.np_not_party")


_NP_MAX = 3

#: verbs of an attack's toll (أسفر، أوقع، خلف) end a phrase (هجمات بأسلحة نارية [أسفرت])
_NP_VERBS = words("arguments.np_verbs")
_WEAPON_ADJECTIVES = words("arguments.weapon_adjectives")

#: words between a verb and its object that are not the object: a time or a manner (امس، بشدة، بقوة)
_NP_SKIP = words("arguments.np_skip")
#: a preposition with a pronoun, a connective (بها، لذلك، بينهم): heads no unnamed party
_NOT_PARTY_WORDS = words("arguments.not_party_words")


def noun_phrase(doc: Document, words: Words, k: int, b: int, ments: list[Mention]) -> Mention | None:
    """The noun phrase starting at word ``k`` (up to three words, stopping at punctuation, function
    words and named mentions), as a participant without a name: its ref is an ``np:N`` ref."""
    toks = words.toks
    text = doc.text
    while k < b and toks[k].text in _NP_SKIP:
        k += 1  # أدان [بشدة] التفجير: a time or a manner between the verb and its object
    # adjectives of the word before (مساعدات طبية، المقذوفات الحوثية) belong to it, not to a party
    while k < b and k > 0 and _agreeing_adjective(toks[k - 1].text, toks[k].text):
        k += 1
    if k < b and k > 0 and _attack_adjective(toks[k - 1].text, toks[k].text):
        # هجوم مسلح، تفجير إرهابي بمسجد …: the adjective ends the attack's phrase; what follows is a
        # place, a verb or a clause, not its object
        return None
    if k >= b:
        return None
    w0 = toks[k].text
    head = w0[1:] if len(w0) > 3 and w0[0] in "لب" and w0[1:].startswith("ال") else w0
    if head in _NP_STOP or head in _NP_NOT_PARTY or any(x.first <= k <= x.last for x in ments):
        return None
    if _in_quantity(doc, words.text_spans[k][0]) or _measure_after(doc, words, k, b):
        return None  # سنتين، 25 عاما، لأكثر من ثماني ساعات: a length or an amount is not a party
    if _verb_or_speech(w0):
        return None  # التقى خلالها …، وأفاد عن مقتل: a verb starts a clause, not a party
    if not party_head(w0) and not _counted(doc, words, k):
        return None  # دارت، الابتعاد، أرض: a verb, an action or a thing, not a party
    j = k
    while j + 1 < b and j - k + 1 < _NP_MAX:
        gap = text[words.text_spans[j][1] : words.text_spans[j + 1][0]]
        nxt = toks[j + 1].text
        if gap.strip() or nxt in _NP_STOP or nxt in _NP_VERBS or (nxt.startswith("و") and len(nxt) > 3):
            break
        if nxt[:1] == "و" and nxt[1:] in _NP_STOP:
            break  # خسة منفذيه [ومن يقف وراءهم]: a conjunction and a function word start a new phrase
        if nxt in load_cues()["topic"]:
            break  # يبحث مع جعجع [أوضاع] لبنان: what is discussed starts after the party
        if nxt[0] in "لب" and len(nxt) > 3 and not nxt.startswith("لل"):
            break  # لاستخدامهم، بضرورة: a new phrase starts
        if _in_quantity(doc, words.text_spans[j + 1][0]):
            break
        if any(x.first == j + 1 for x in ments):
            # a named party inside the phrase ends it there (مركز الملك سلمان is a mention already)
            break
        j += 1
    if any(toks[i].text in _WEAPON_ADJECTIVES for i in range(k, min(b, j + 2))):
        return None  # بجرار مفخخ، عبوة ناسفة: the attack's means
    if j == k and (w0 in _APPROX or (w0[:1] in "لب" and w0[1:] in _APPROX)):
        # أكثر من [30 مسؤولا]: the amount runs to the people it counts; alone (أكثر من 1200 من رجال
        # الأمن, whose people are a mention of their own) it is no party
        counted = _counted_after(doc, words, k, b)
        if counted is None:
            return None
        j = counted
    s, e = words.text_spans[k][0], words.text_spans[j][1]
    if head != w0:
        s += 1  # the preposition ل/ب is not part of the phrase
    txt = text[s:e]
    if len(txt) < 3:
        return None
    ref = new_ref(doc, "np", {"name": party_name(txt), "kind": "other"}, fold(txt))
    return Mention(s, e, txt, ref, "other", None, k, j)


@functools.lru_cache(maxsize=CACHE_WORDS)
def party_head(w: str) -> bool:
    """Whether the normalised word may head an unnamed party. Not a verb (دارت، يقوم), a verbal noun
    (الابتعاد، استخدام، تدريب) or a noun of what is discussed (الأرض، الأوضاع، الملف: class topic and
    thing of ``events_cues_ar.tsv``); a noun of people (class human: التلاميذ، الاتحاد) always may."""
    if w in _NOT_PARTY_WORDS or drop_conjunction(w) in _NOT_PARTY_WORDS:
        return False
    cues = load_cues()
    for x in {w, drop_conjunction(w)}:
        for y in (x, x[1:] if len(x) > 3 and x[0] in "لبك" else ""):
            if not y:
                continue
            z = y[2:] if y.startswith("ال") and len(y) > 4 else y
            if y in cues["human"] or z in cues["human"]:
                return True
    z = strip_proclitics(drop_conjunction(w)).stem
    bare = z[2:] if z.startswith("ال") and len(z) > 4 else z
    if z in cues["topic"] or bare in cues["thing"] or z in cues["thing"]:
        return False
    if not z.startswith("ال") and (
        (len(z) == 4 and z[1] == "ا" and z[3] == "ت")  # دارت، باتت، قامت: a hollow verb's perfect
        or (len(z) >= 4 and z[0] == "ي")  # يقوم، يشهد: an imperfect
        or (len(z) == 5 and z[0] == "ت" and z[-1] == "ت" and z[-2] != "ا")  # تحدثت، تعرضت: a perfect
    ):
        return False
    return not _masdar(bare)


def _masdar(z: str) -> bool:
    """Whether a word (without the article) has a verbal noun's shape: اِفْتِعال، اِنْفِعال، اِسْتِفْعال
    (ابتعاد، انسحاب، استخدام), تَفْعِيل (تدريب), تَفاعُل (تعاون)."""
    if len(z) < 5 or z.endswith(("ون", "ين", "ات", "ه")):
        return False
    return (z[0] == "ا" and z[-2] == "ا") or (z[0] == "ت" and (z[-2] == "ي" or z[2] == "ا"))


def _counted(doc: Document, words: Words, k: int) -> bool:
    """Whether a number or a count stands right before word ``k`` (ستة مسلحين، عشرات من المحتجين)."""
    if k == 0:
        return False
    prev = words.toks[k - 1].text
    if prev[:1].isdigit() or prev in _COUNT_WORDS:
        return True
    at = words.text_spans[k - 1][0]
    return any(q.start <= at < q.end and q.attrs.get("kind") == "count" for q in doc.quantities)


#: words of number before an unnamed party (عشرات المحتجين، مئات المتظاهرين)
_COUNT_WORDS = words("arguments.count_words")


#: an attack's adjectives that are also nouns of people (مسلح، إرهابي، انتحاري)
_ATTACK_ADJECTIVES = words("arguments.attack_adjectives")
_ATTACK_NOUNS = words("arguments.attack_nouns") | words("arguments.act_subjects")


def _attack_adjective(prev: str, w: str) -> bool:
    """Whether ``w`` is an attack's adjective after the noun ``prev`` (هجوم مسلح، تفجير إرهابي، عملية
    انتحارية، الهجوم الإرهابي): such a word names a person only after a verb (قتل مسلح), so ``prev``
    must read as a noun: an attack noun, a word with the article, a feminine or plural ending, an
    accusative ending, or a verbal noun's shape. A bare three-letter word (قتل، قصف) may be a verb and
    keeps the word as a party."""
    a = strip_proclitics(w).stem
    if (a[2:] if a.startswith("ال") else a) not in _ATTACK_ADJECTIVES:
        return False
    z = strip_proclitics(drop_conjunction(prev)).stem
    bare = z[2:] if z.startswith("ال") and len(z) > 4 else z
    return (
        bare in _ATTACK_NOUNS
        or z.startswith("ال")
        or (len(bare) > 3 and bare.endswith(("ه", "ات", "ا")))
        or _masdar(bare)
    )


def _agreeing_adjective(prev: str, w: str) -> bool:
    """Whether ``w`` reads as a relative adjective (nisba: ـية / ـي) agreeing in definiteness with the
    noun ``prev`` before it (normalised view: ة is folded to ه)."""
    if not w.endswith(("يه", "يين", "يون")) or len(w) < 4:
        return False
    return w.startswith("ال") == strip_proclitics(prev).stem.startswith("ال")


def _is_event_verb(w: str) -> bool:
    """Whether the normalised word is a one-word verb form of the trigger lexicon (with و/ف)."""
    verbs = one_word_verbs()
    return in_vocab(w, verbs) is not None


@functools.lru_cache(maxsize=CACHE_WORDS)
def _verb_or_speech(w: str) -> bool:
    """Whether the normalised word is a one-word event verb or a verb of saying (with و/ف), remembered
    per word form (the argument scorer asks it of every word between a candidate and its trigger)."""
    return _is_event_verb(w) or in_vocab(w, SPEECH_VERBS) is not None


def _in_quantity(doc: Document, offset: int) -> bool:
    """Whether a measure (a length of time, money, a distance, a percentage) covers ``offset``;
    counted people (سبعة مسؤولين) are parties and stay."""
    return any(q.start <= offset < q.end and q.attrs.get("kind") != "count" for q in doc.quantities)


#: approximate amounts (أكثر، نحو، حوالي), with or without a preposition on them
_APPROX = words("arguments.approx_words")


def _measure_after(doc: Document, words: Words, k: int, b: int) -> bool:
    """Whether word ``k`` is an approximate amount (لأكثر، نحو) of a measure that starts within the
    three words after it (لأكثر من [ثماني ساعات]); an amount of counted people is a party."""
    w = words.toks[k].text
    if w not in _APPROX and not (w[:1] in "لب" and w[1:] in _APPROX):
        return False
    ends = words.text_spans[min(b, k + 4) - 1][1]
    start = words.text_spans[k][1]
    return any(start <= q.start < ends and q.attrs.get("kind") != "count" for q in doc.quantities)


def _counted_after(doc: Document, words: Words, k: int, b: int) -> int | None:
    """The last word of the counted people right after "من" after word ``k`` (أكثر من [30 مسؤولا]),
    or None."""
    if k + 2 >= b or words.toks[k + 1].text != "من":
        return None
    start = words.text_spans[k + 2][0]
    q = next((q for q in doc.quantities if q.start == start and q.attrs.get("kind") == "count"), None)
    if q is None:
        return None
    j = k + 2
    while j + 1 < b and words.text_spans[j + 1][1] <= q.end:
        j += 1
    return j


def noun_phrase_before(doc: Document, words: Words, k: int, a: int, ments: list[Mention]) -> Mention | None:
    """The noun phrase of up to three words that ends at word ``k`` (the subject of an SVO clause:
    عشرات المحتجين اعتقلوا، مسؤولون حكوميون قالوا), or None."""
    toks = words.toks
    text = doc.text
    if k < a or toks[k].text in _NP_STOP or any(x.first <= k <= x.last for x in ments):
        return None
    i = k
    while i - 1 >= a and k - i + 1 < _NP_MAX:
        gap = text[words.text_spans[i - 1][1] : words.text_spans[i][0]]
        prev = toks[i - 1].text
        if gap.strip() or prev in _NP_STOP or any(x.last == i - 1 for x in ments) or _verb_or_speech(prev):
            break  # المقاومة [تطهر] زنجبار وغارات: a verb ends the phrase before it
        i -= 1
        if prev.startswith("و") and len(prev) > 3:
            break
    w0 = toks[i].text
    if w0 in _NP_NOT_PARTY:
        return None
    if not party_head(w0) and not _counted(doc, words, i):
        return None  # a verb, an action or a thing is not a party
    s, e = words.text_spans[i][0], words.text_spans[k][1]
    s += name_reading(w0, clitics="وف").text_cut
    txt = text[s:e]
    if len(txt) < 3:
        return None
    ref = new_ref(doc, "np", {"name": party_name(txt), "kind": "other"}, fold(txt))
    return Mention(s, e, txt, ref, "other", None, i, k)


#: verb forms (normalised) that begin with the letters of the article
_ALEF_LAM_VERBS = words("arguments.alef_lam_verbs")


def _looks_nominal(w: str, teh: bool = False) -> bool:
    """Whether a form listed under a verb row is read as its verbal noun (مقتل، اعتقال، تفجير): the
    article, a teh marbuta or a plural ending, or a masdar shape — مَفْعَل (مقتل), اِفْتِعال / اِسْتِفْعال
    (اعتقال، استهداف: a long alef before the last letter), تَفْعِيل (تفجير: a yeh before the last letter),
    فُعُول (سقوط، هجوم: a waw before the last letter)."""
    w = drop_conjunction(w)
    if len(w) > 3 and w[0] in "بل" and w[1] in "ماتال":
        w = w[1:]
    if w in _ALEF_LAM_VERBS:
        return False  # التقى، ألغى، ألقى: verbs whose first letters read like the article
    if teh or w.startswith("ال") or w.endswith(("ات", "يه")):
        return True
    if len(w) == 4 and w[0] == "م" and w[1] not in "اوي":
        return True  # مقتل، مصرع
    if len(w) >= 5 and w[0] == "ا" and w[-2] == "ا":
        return True  # اعتقال، استهداف، انسحاب، اقتحام
    # تفجير، تدمير، تحرير
    return len(w) >= 5 and w[0] == "ت" and w[-2] == "ي"
