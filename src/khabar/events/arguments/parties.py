"""The subject and the object of a trigger before its frame gives them roles: a verb's (the party right
before it, after it in a verb-initial sentence, a host's guest after the break that ends his titles) and
a verbal noun's (its genitive, "بين X و Y", the doer of a relative clause). Moved out of
:func:`~khabar.events.arguments.assign.assign_arguments` (issue 19).
"""

from __future__ import annotations

from dataclasses import replace

from khabar.arabic.clitics import drop_conjunction, in_vocab, strip_proclitics
from khabar.events.arguments.clauses import (
    _doer_after,
    _formula_break,
    _title_holder,
    _unquoted_gap,
)
from khabar.events.arguments.phrases import _agreeing_adjective, noun_phrase, noun_phrase_before
from khabar.events.arguments.subjects import _office_title, genitive, governed, svo_subject, vso_subject
from khabar.events.arguments.vocab import (
    _CLAUSE_BREAKS,
    _OBJECT_GENITIVE,
    _RELATIVES,
    _actorish,
    _group,
    _group_back,
)
from khabar.events.lexicon import Trigger, load_actor_nouns, words
from khabar.events.mentions import Mention, Words, office_words
from khabar.events.names import HONORIFICS
from khabar.events.triggers import TriggerMatch
from khabar.extract.places import nationality_country
from khabar.model import Document


def verbal_parties(
    doc: Document,
    words: Words,
    m: TriggerMatch,
    entry: Trigger,
    ments: list[Mention],
    sent: tuple[int, int],
    near: tuple[list[Mention], list[Mention], list[Mention]],
    reach: int,
    look: int,
    first_person_: bool,
) -> tuple[list[Mention], list[Mention], bool]:
    """A verb's subject and objects, and whether the subject came after it (VSO); ``near`` is the
    mentions before the verb, after it and near after it; with ``first_person_`` the subject is "we"."""
    a, b = sent
    before, after, near_after = near
    toks = words.toks
    frame = entry.frame
    # a party right before the verb is its subject (SVO, as headlines write: الرئيس اليمني يصل …)
    adjacent = [
        x
        for x in before
        if x.prep is None
        and _actorish(x)
        and m.first - x.last <= 1
        and not set(_unquoted_gap(doc.text, x, words.text_spans[m.first][0])) & _CLAUSE_BREAKS
    ]
    # a relative clause's verb (… جون كيري، الذي وصل إلى الدوحة): its subject is the antecedent,
    # whatever governs the antecedent in the main clause
    antecedent_object: list[Mention] | None = None
    if m.first > a and in_vocab(toks[m.first - 1].text, _RELATIVES, "و") is not None:
        adjacent = [x for x in before if m.first - 1 - x.last == 1 and _actorish(x)][-1:]
        if m.first == m.last and _object_suffix(toks[m.first].text, entry.words[0]):
            # المواطنين الذين اختطفتهم المليشيا، الوفد الذي استقبله الأمير: the verb's pronoun is the
            # antecedent (its object); its subject follows the verb, or is in the verb
            antecedent_object, adjacent = [x for x in before if m.first - 1 - x.last == 1][-1:], []
            if not antecedent_object and m.first - 2 >= a:
                np = noun_phrase_before(doc, words, m.first - 2, a, ments)
                antecedent_object = [np] if np is not None else []
    # مدير [تعليم الطائف] يستقبل: the body right before the verb is the genitive of its subject's office
    adjacent = [_office_title(doc, words, x) or x for x in adjacent]
    if not adjacent and antecedent_object is None:
        # أمير الشرقية يستقبل السفير الكوري، مدير مستشفى الرس يزور …: a headline's subject is a title
        # the NER gave no mention; an office and its genitive from the clause's start to the verb
        titled = _title_before(doc, words, m, a, ments)
        adjacent = [titled] if titled is not None else []
    # a verb that agrees with a plural (خطفوا، يقاتلون) has its subject before it: the party after it
    # is its object (عناصر من جبهة النصرة خطفوا قائد الفرقة)
    plural = m.first == m.last and _plural_verb(toks[m.first].text)
    subj = [] if adjacent or plural else vso_subject(doc, words, m, near_after, after, reach)
    if subj and antecedent_object is None and _oblique_plural(toks[subj[0].first].text, subj[0]):
        # يطالب الحوثيين، قتل جنديين: a plural or dual in ـين right after the verb is not its subject
        # (which would read ـون / ـان): it is the object, the subject is in the verb or before it
        subj = []
    if antecedent_object is not None:
        # … its subject is what stands right after it (a party named further on is not)
        subj = [x for x in subj if x.first == m.last + 1]
        if not subj:
            np = noun_phrase(doc, words, m.last + 1, b, ments)
            subj = (
                [np]
                if np is not None and np.first == m.last + 1 and toks[np.first].text[:1] not in "بلف"
                else []
            )
        return subj, antecedent_object, bool(subj)
    vso = bool(subj)
    if not subj:
        if not adjacent:
            subj = svo_subject(doc, words, m, entry, a, before)
        elif adjacent[-1] not in before:
            subj = adjacent  # a title made here (_title_before, _office_title) is no mention to group with
        else:
            subj = _group_back(adjacent[-1], before)
    if first_person_:
        # "نطالب المجتمع الدولي …": the party after the verb is its object, the subject is "we"
        subj, vso = [], False
    # … and a body in the title right after the subject's name is his (دعا اسحق هرتزوغ زعيم المعارضة)
    rest = [
        x
        for x in near_after
        if x not in subj
        and not (subj and (t := _office_title(doc, words, x)) is not None and t.first == subj[-1].last + 1)
    ]
    if plural:
        # جنديين … قتلوا عندما فجر مقاتلون أكراد لغما: a clause opened after the verb holds no object of it
        stop = clause_stop(words, m, b)
        rest = [x for x in rest if x.first < stop]
    obj = next((x for x in rest if x.prep is None and (not vso or x.first > subj[-1].last)), None)
    if frame in ("host", "visit") and vso:
        # استقبل HOST [his titles] في قصر السلام مساء اليوم GUEST: the titles right after the host
        # are his; the guest comes after the place or the time of the reception
        cut = _formula_break(toks, words, subj[-1].last + 1, min(b, m.last + look), after)
        if cut is not None and (obj is None or obj.first < cut or obj.first > cut + 1):
            # the guest is the first party after the break, or the phrase right after it
            # (محافظي المنطقة، وفدا من الهيئة)
            later = next((x for x in after if x not in subj and x.prep is None and x.first > cut), None)
            g = cut + 1
            while g < b and toks[g].text in HONORIFICS:
                g += 1  # معالي وزير الخارجية …: the honorific opens the guest's titles
            np = (
                None if later is not None and later.first == g else noun_phrase(doc, words, cut + 1, b, ments)
            )
            if np is not None and toks[np.first].text[:1] in "بفل":
                np = None  # بمقر السفارة، لبحث العلاقات: a place or a purpose, not a guest
            named = (
                next((x for x in after if x.kind == "person" and 0 < x.first - np.last <= 3), None)
                if np is not None
                else None
            )
            if (
                named is not None
                and np is not None
                and not set(doc.text[np.end : named.start]) & _CLAUSE_BREAKS
            ):
                obj = named  # مدير عام مطار أبها فهد العدواني: the titles of the guest named after them
            else:
                obj = np or later or obj
    objs = (_group(obj, rest) if obj in rest else [obj]) if obj else []
    if objs and objs[0].kind == "role" and len(objs) == 1:
        # خطفوا قائد الفرقة 30 العقيد المنشق نديم الحسن: the title runs on to the man who holds it
        found = _title_holder(doc, words, objs[0], after)
        if found is not None:
            objs = [found[0]]
    if frame == "host" and not objs:
        # يستقبل المنسق الإقليمي …: a guest named by office alone (not a place: بمقر الوزارة)
        np = noun_phrase(doc, words, (subj[-1].last + 1) if vso and subj else m.last + 1, b, ments)
        objs = [np] if np is not None and toks[np.first].text[:1] not in "بفل" else []
    return subj, objs, vso


def _title_before(
    doc: Document, words: Words, m: TriggerMatch, a: int, ments: list[Mention]
) -> Mention | None:
    """The unnamed title from the start of the clause ``a`` to right before the verb (أمير الشرقية،
    مدير مستشفى الرس، مدير تعليم الطائف), as a party: an office word first, a definite word last, at
    most three words, no mention among them; else None."""
    if m.first - a < 2 or m.first - a > 3:
        return None
    if drop_conjunction(words.toks[a].text) not in office_words():
        return None
    np = noun_phrase_before(doc, words, m.first - 1, a, ments)
    if np is None or np.first != a or not words.toks[np.last].text.startswith("ال"):
        return None  # خبير أمني: an office's genitive is definite (أمير الشرقية), an adjective not
    return replace(np, kind="role")  # an office, not "something": a party that may host or arrive


#: words that open a clause of time, cause or place (عندما، حين، لأن، حيث): what follows is no object
_SUBORDINATORS = words("arguments.subordinators")


def clause_stop(words: Words, m: TriggerMatch, b: int) -> int:
    """The first word after trigger ``m`` that opens a clause of time, cause or place (عندما، حين،
    لأن), or ``b``: a verb's object stands before it."""
    toks = words.toks
    return next((k for k in range(m.last + 1, b) if toks[k].text in _SUBORDINATORS), b)


def _plural_verb(w: str) -> bool:
    """Whether a verb carries the plural's agreement (خطفوا، قتلوا، يقاتلون، تطالبون), which Arabic
    writes only when the subject comes before the verb."""
    w = drop_conjunction(w)
    return len(w) > 4 and (w.endswith("وا") or (w[0] in "يت" and w.endswith("ون")))


def _oblique_plural(word: str, x: Mention) -> bool:
    """Whether a party named by a group noun is written in the oblique case of a sound plural or a
    dual (الحوثيين، المتظاهرين، الجانبين; not الحوثيون، الجانبان): an object or a genitive, never a
    verb's subject. Names (persons, places, countries: حسين، البحرين، فلسطين) are not read so."""
    if x.kind in ("person", "place", "country", "role"):
        return False
    w = drop_conjunction(word)
    return len(w) > 4 and w.endswith("ين")


#: object pronouns a verb carries (قتلهم، أوقفته، استقبلها)
_OBJECT_PRONOUNS = ("هما", "هم", "ها", "ه", "هن", "كم")


def _object_suffix(token: str, form: str) -> bool:
    """Whether the verb ``token`` is the lexicon's ``form`` with an object pronoun on it (اختطفتهم for
    اختطفت), after a conjunction or the future prefix (وأوقفته، سيستقبلهم)."""
    for t in (token, token[1:]):
        if t.startswith(form) and t[len(form) :] in _OBJECT_PRONOUNS:
            return True
        if t[:1] == "س" and t[1:].startswith(form) and t[1 + len(form) :] in _OBJECT_PRONOUNS:
            return True
    return False


def nominal_parties(
    doc: Document,
    words: Words,
    m: TriggerMatch,
    entry: Trigger,
    ments: list[Mention],
    sent: tuple[int, int],
    before: list[Mention],
    after: list[Mention],
    passive: bool,
) -> tuple[list[Mention], list[Mention]]:
    """A verbal noun's subject and objects."""
    a, b = sent
    toks = words.toks
    frame = entry.frame
    gen = genitive(doc, words, m, b, after, frame)
    # the genitive of a transitive verbal noun is mostly its object (اتهام إسرائيل، تدمير منصات)
    gen_is_object = frame == "patient" or (frame == "sv" and entry.type in _OBJECT_GENITIVE)
    if (
        gen
        and gen[0].first == m.last + 1
        and (
            _trigger_adjective(toks[m.last].text, toks[gen[0].first].text)
            or nationality_country(toks[gen[0].first].text) is not None
        )
    ):
        # الاعتداءات الحوثية، الغارات الإسرائيلية: an agreeing adjective names who acts
        gen_is_object = False
    if gen_is_object and gen and entry.type == "ASSAULT" and _agent_genitive(words, m, gen[0]):
        # هجمات «بوكو حرام»، غارات التحالف: an attack noun's armed or institutional genitive made it
        gen_is_object = False
    if gen_is_object and gen and entry.type == "ASSAULT" and _object_after(words, gen[-1].last + 1, b):
        # قصف المتمردين لمناطق سكنية، استهداف الحوثيين لمدينة تعز: with the act's target after it
        # (a place or a building, with ل or as its object), the genitive is who did it
        gen_is_object = False
    subj = [] if gen_is_object else gen
    sides = governed(("بين",), after)
    sides = sides if sides and sides[0].first - m.last <= 3 else []
    if sides and frame in ("sv", "sym") and not passive:
        # اشتباكات بين X و Y، مفاوضات بين X و Y: the sides are the parties (GUIDELINES: two-sided)
        subj, gen_is_object, gen = sides, False, []
    doer = _doer_after(doc, words, m, b, after, ments)
    if doer:
        # الوساطة التي يقوم بها الوفد السوداني، الزيارة التي أجراها وفد من الحركة: the doer
        # named in the relative clause
        subj = doer
        gen = [x for x in gen if x not in doer]
    if not subj and not passive:
        subj = svo_subject(doc, words, m, entry, a, before)
    objs = gen if gen_is_object else []
    return subj, objs


#: the targets of an attack after its genitive, with ل or as its object: places and buildings (لمناطق، مواقع)
_TARGET_HEADS = words("arguments.target_heads")


#: nouns of an attack made by someone (هجوم، غارة), not of an act done to someone (قصف، استهداف)
_ATTACKS_BY = words("arguments.attacks_by")


def armed_noun(w: str) -> bool:
    """Whether the word is a one-word armed group noun of the actor list (مقاتلي، مسلحي، عناصر)."""
    return load_actor_nouns().get((strip_proclitics(w).stem,)) == "armed"


def _agent_genitive(words: Words, m: TriggerMatch, x: Mention) -> bool:
    """Whether ``x`` is the armed group, the body or the country right after an attack noun that
    made it (هجمات «بوكو حرام»، غارات التحالف، هجوم داعش): its doer, not its target."""
    if m.first != m.last or x.kind not in ("armed", "org", "country"):
        return False
    if x.first == m.last + 2:
        # هجمات [مقاتلي] حزب العمال: the fighters of the body named after them
        if not armed_noun(words.toks[m.last + 1].text):
            return False
    elif x.first != m.last + 1:
        return False
    return attack_by_noun(strip_proclitics(words.toks[m.first].text).stem)


def attack_by_noun(w: str) -> bool:
    """Whether the stem ``w`` (with or without the article) is a noun of an attack made by someone
    (هجوم، غارات: :data:`_ATTACKS_BY`), whose genitive or ل-genitive is its doer; an indefinite
    object's alif of tanween too (أحبطت القوات هجوما لميليشيات …)."""
    if w in _ATTACKS_BY or (w.startswith("ال") and w[2:] in _ATTACKS_BY):
        return True
    return len(w) > 3 and w.endswith("ا") and w[:-1] in _ATTACKS_BY


def _object_after(words: Words, k: int, b: int) -> bool:
    """Whether word ``k`` opens the target of an attack, with ل or as its object (لمناطق سكنية، لمدينة
    تعز، مناطق سكنية), after a place the act happened in (قصف المتمردين [في اليمن] لمناطق سكنية)."""
    if k + 1 < b and words.toks[k].text == "في":
        k += 2
    if k >= b:
        return False
    w = words.toks[k].text
    if w in _TARGET_HEADS:
        return True  # قصف المتمردين [في اليمن] مناطق سكنية: the target as the verbal noun's object
    head = w[2:] if w.startswith("لل") else w[1:]  # للمدينة: ل + the article
    return w[:1] == "ل" and head in _TARGET_HEADS


def _trigger_adjective(noun: str, w: str) -> bool:
    """Whether ``w`` reads as a relative adjective of the event noun ``noun`` before it: one in the
    singular (الاعتداءات الحوثية، القصف الإسرائيلي). A word in ـيين / ـيون after an event noun is a
    plural or a dual of people, its genitive (مقتل حوثيين "the killing of Houthis", مقتل جنديين): an
    event noun is never the human plural such an adjective would agree with."""
    return not w.endswith(("يين", "يون")) and _agreeing_adjective(noun, w)
