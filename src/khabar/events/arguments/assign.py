"""The argument rules themselves: :func:`assign_arguments` reads a trigger's sentence by its frame.

The frames and what each reads are in the package's docstring (:mod:`khabar.events.arguments`); the
words and limits are in :mod:`.vocab`, the noun phrases in :mod:`.phrases`, the clause-level phrases
(the break after a host's titles, a relative clause's doer, an agent phrase) in :mod:`.clauses`.
"""

from __future__ import annotations

from khabar.arabic.clitics import drop_conjunction, in_vocab
from khabar.events.arguments.asides import apposition, at_request, owned_attacks, tellers, visit_parties
from khabar.events.arguments.by_type import _PASSIVE_READING, type_rules
from khabar.events.arguments.parties import (
    _plural_verb,
    armed_noun,
    clause_stop,
    nominal_parties,
    verbal_parties,
)
from khabar.events.arguments.phrases import (
    _ATTACK_NOUNS,
    _NP_OBJECT_TYPES,
    _attack_adjective,
    _counted,
    _looks_nominal,
    noun_phrase,
)
from khabar.events.arguments.subjects import (
    _witnessed_subject,
    governed,
    svo_subject,
    vso_subject,
)
from khabar.events.arguments.vocab import (
    _PARTICIPANT_PREPS,
    _RECIPIENT_PREPS,
    _RELATIVES,
    PASSIVE_MARKERS,
    QUOTE_OPENERS,
    REACTION_VERBS,
    VSO_REACH,
    VSO_REACH_HOST,
    VSO_REACH_MEETING,
    WINDOW,
    WINDOW_MEETING,
    Args,
    _bare_word,
    clause_break,
    first_person,
)
from khabar.events.lexicon import Trigger, fold
from khabar.events.lexicon import words as word_list
from khabar.events.mentions import Mention, Words, _stems, office_words
from khabar.events.triggers import TriggerMatch
from khabar.model import Document

__all__ = ["assign_arguments"]

#: prepositions and time words after which a verb's form is its verbal noun (عن قتل القاضي)
_NOMINAL_AFTER = word_list("arguments.nominal_after")
#: verbs and nouns of surviving (نجاة، نجا): their subject is an attack's target
_SURVIVE = word_list("arguments.survive")
#: weapon nouns that stand for the force that used them (arguments.means)
_MEANS = word_list("arguments.means")
#: how many words before an event noun (or the relative pronoun after it) a verb of condemning may
#: stand: the verb, a subject of up to three words, an adverb, the noun's adjective
_REACTION_REACH = 6


def assign_arguments(
    doc: Document,
    words: Words,
    m: TriggerMatch,
    entry: Trigger,
    ments: list[Mention],
    window: tuple[int, int],
    sent: tuple[int, int],
) -> Args:
    """The actors and recipients of trigger ``m`` (lexicon entry ``entry``) in its sentence."""
    _, nxt = window
    a, b = sent
    # a gapped trigger (قدمت * مساعدات) holds its verb's subject: what it encloses comes first "after"
    # … and so does a trigger that ends in its subject's first word (أصدرت المحكمة [العامة بالرس])
    inside = [x for x in ments if m.first < x.first <= m.last]
    # a meeting's guest comes after its host's whole title chain (استقبل [titles] X أمس [titles] Y)
    reach = VSO_REACH_MEETING if entry.type == "CONSULT" else VSO_REACH
    look = WINDOW
    if entry.frame == "host":
        reach, look = VSO_REACH_HOST, WINDOW_MEETING
    elif entry.frame == "visit" and entry.type == "CONSULT":
        look = WINDOW_MEETING  # التقى X [titles] اليوم في مقر … Y: the met party after the break
    after = inside + [x for x in ments if x.first > m.last and x.first <= min(b, m.last + look)]
    near_after = [x for x in after if x.first < nxt or x.first - m.last <= reach]
    before = [x for x in ments if x.last < m.first and x.first >= max(a, m.first - WINDOW)]
    toks = words.toks
    prev = toks[m.first - 1].text if m.first > a else ""
    prev = in_vocab(prev, PASSIVE_MARKERS, min_stem=2) or prev
    passive = prev in PASSIVE_MARKERS or entry.frame == "passive"
    teh = doc.text[words.text_spans[m.first][1] - 1] == "ة"
    is_verb = (
        entry.pos in ("v", "x")
        and not _looks_nominal(toks[m.first].text, teh)
        and not _verbal_noun_of(words, m, ments, a)
        # دانت المنظمة قصف المتمردين: the attack a verb of condemning takes is a verbal noun
        and not (entry.type == "ASSAULT" and _condemned(words, m.first, a))
    )
    args = Args(agentless=passive or entry.frame == "passive", verb=is_verb)
    args.first_person = (
        is_verb
        and not passive
        and (
            first_person(toks[m.first].text)
            # "أطالب الجهات المختصة …": the singular only where a quotation opens, since أ also
            # starts perfects (أرسل، أطلق)
            or (
                m.first > a
                and bool(
                    set(doc.text[words.text_spans[m.first - 1][1] : words.text_spans[m.first][0]])
                    & QUOTE_OPENERS
                )
                and first_person(toks[m.first].text, singular=True)
            )
        )
    )

    frame = entry.frame
    if is_verb:
        subj, objs, vso = verbal_parties(
            doc, words, m, entry, ments, sent, (before, after, near_after), reach, look, args.first_person
        )
    else:
        subj, objs = nominal_parties(doc, words, m, entry, ments, sent, before, after, passive)
        vso = False  # read only for a verb
    if passive:
        # تم اعتقال X، تعرض مركز … لقذائف: X is the patient; an agent may follow as "من X"/"برصاص X"
        args.recipients = subj if is_verb else (objs or subj)
        if not args.recipients:
            np = noun_phrase(doc, words, m.last + 1, b, ments)
            args.recipients = [np] if np is not None else []
        by = [x for x in governed(("من",), after) if x.kind in ("armed", "org", "country", "person")]
        # مصرع وإصابة 5 [من رجال الشرطة]: من after a number counts the victims, it names no agent
        counted = [x for x in by if x.first > 0 and _counted(doc, words, x.first - 1)]
        args.recipients = args.recipients + [x for x in counted if x not in args.recipients]
        args.actors = [x for x in by if x not in args.recipients and x not in counted]
        if entry.type == "ASSAULT":
            _claimed_attack(args, words, m, ments, a, b)  # قتل X في هجوم تبناه التنظيم
        _no_adjectives(args, words, ments, a, b)
        return args

    between = governed(("بين",), after)
    participants = governed(_PARTICIPANT_PREPS, after)
    if frame == "host":
        args.recipients = subj
        args.actors = objs or governed(("ل",), near_after)
    elif frame == "visit":
        args.actors = subj
        # إلى before ل: the destination (زيارة … النائب الثاني لرئيس مجلس الوزراء … إلى مصر: ل is a title's)
        args.recipients = governed(("الي",), after) or governed(_RECIPIENT_PREPS["visit"], after) or objs
        meets = "لتق" in toks[m.first].text
        if meets and objs and args.recipients and objs[0].first < args.recipients[0].first:
            # يلتقي المبعوث الدولي إلى اليمن: whom one meets is the verb's object; إلى after it is his title's
            args.recipients = objs
        if "لتق" in toks[m.first].text:
            # سيلتقي خلال زيارته مع الرئيس …: who is met comes with مع (a verb of meeting, not of
            # arriving: "وصل مع وفده" is his company), before any later object
            met = [x for x in governed(("مع",), after) if x not in subj]
            if met and (not args.recipients or met[0].first < args.recipients[0].first):
                args.recipients = met
    elif frame in ("sym", "join"):
        args.actors = (subj or between) + participants
        met = governed(_RECIPIENT_PREPS["sym"], after)
        if subj and between and not (met and met[0].first < between[0].first):
            # بحث X بين الجانبين …; but with "مع" first, بين is the topic's
            # (يبحث مع الوزير التعاون بين البلدين)
            args.recipients = between
        else:
            args.recipients = met or ([] if subj else objs)
        if not args.recipients and entry.type == "CONSULT":
            # "مع" and an unnamed partner (ناقش … مع المسؤول الأممي): the phrase after it
            k = next((i for i in range(m.last + 1, min(b, m.last + 8)) if toks[i].text == "مع"), None)
            np = noun_phrase(doc, words, k + 1, b, ments) if k is not None else None
            if np is not None:
                args.recipients = [np]
    elif frame == "patient":
        plural = m.first == m.last and _plural_verb(toks[m.first].text)
        svo = plural or not vso_subject(doc, words, m, near_after, after, reach)
        if is_verb and subj and not objs and svo:
            # SVO: الشرطة اعتقلت X (a plural verb's object stands before any clause after it: قتلوا عندما …)
            stop = clause_stop(words, m, b) if plural else b
            args.actors = subj
            args.recipients = [x for x in near_after if x.prep is None and x.first < stop][:1]
            w = toks[m.last].text
            if (
                not args.recipients
                and (
                    w.endswith("وا")
                    # ان محسن الفضلي قتل في 8 يوليو: a person, and nothing it was done to after the verb
                    or (subj[0].kind == "person" and drop_conjunction(w) in _PASSIVE_READING)
                )
                and noun_phrase(doc, words, m.last + 1, b, ments) is None
            ):
                # نحو 70 حوثيا قتلوا، عشرات المحتجين اعتقلوا أمس: a plural verb of harm with nobody
                # after it is read unvocalised as the passive (قُتلوا): its subject is the victim
                args.actors, args.recipients = [], subj
                args.agentless = True
        elif is_verb and subj:
            args.actors, args.recipients = subj, objs
        else:
            args.actors = subj or svo_subject(doc, words, m, entry, a, before)
            args.recipients = objs or governed(_RECIPIENT_PREPS["patient"], after)
    else:  # sv
        args.actors = subj or between
        # a demand's addressee is its object or "طلب من X"; what follows ب/إلى/ل is what is demanded
        # (طالب بوقف العنف، دعا إلى الحوار، يدعو لقطع الإمدادات)
        preps = _RECIPIENT_PREPS["request"] if entry.type == "REQUEST" else _RECIPIENT_PREPS["sv"]
        if entry.type == "REQUEST":
            # يدعو لمهاجمة أميركا، تطالب بإدراج «جبهة …»، يطالب العبادي بإقالة وزراء: a party inside
            # what is demanded, right after the verb, its subject or its object, neither asks nor is asked
            starts = {m.last + 1, subj[-1].last + 1 if (vso and subj) else m.last + 1}
            for k0 in sorted(starts):
                objects = [x for x in objs if x.first == k0] or [
                    np for np in [noun_phrase(doc, words, k0, b, ments)] if np is not None
                ]
                starts |= {x.last + 1 for x in objects}
            # (a ب that governs a named place or party there is no demand: دعا فرع الوزارة [بمنطقة …])
            starts = {k for k in starts if not any(y.first == k for y in ments)}
            demanded = [x for x in after if any(_in_demand(words, k, x) for k in starts)]
        elif entry.type == "ACCUSE" and is_verb:
            # تتهم إردوغان باستغلال الحرب على «داعش»: whom the charge names is not whom it accuses
            k = _charge_start(words, m, b)
            demanded = [x for x in after if k is not None and x.first > k and x.prep is not None]
        else:
            demanded = []
        if demanded:
            objs = [x for x in objs if x not in demanded]
            args.actors = [x for x in args.actors if x not in demanded]
            args.not_roles |= {(role, x.ref) for x in demanded for role in ("actor", "recipient")}
        args.recipients = objs or governed(preps, [x for x in after if x not in demanded])
        if not args.recipients and entry.mode == "phone":
            # أجرى X اتصالا هاتفيا بالملك سلمان: who is called is governed by ب right after the call
            args.recipients = [x for x in governed(("ب",), after) if x.first - m.last <= 2]
    if frame == "visit" and entry.type == "CONSULT":
        visit_parties(args, doc.text, words, ments, m, a, b)  # X، titles، وصل تلبية لدعوة من Y
    if entry.type == "REQUEST" and at_request(words, m, a):
        # يجتمع الحلف بطلب من أنقرة، بناء على طلب تركيا: "at the request of" names who asked
        by = [x for x in near_after if x.prep == "من" or (x.first == m.last + 1 and x.prep is None)][:1]
        if by:
            args.actors = by
            args.recipients = [x for x in args.recipients if x not in by]
    # الأمير عبدالله بن مساعد الرئيس العام لرعاية الشباب، جبهة النصرة، ذراع تنظيم القاعدة: what the
    # subject is called or is part of, said right after it, is not whom it acts on
    apposed = [x for x in args.recipients if any(apposition(words, y, x) for y in args.actors)]
    if apposed:
        args.recipients = [x for x in args.recipients if x not in apposed]
        args.not_roles |= {("recipient", x.ref) for x in apposed}
    if args.first_person and entry.type in _NP_OBJECT_TYPES and not (objs and objs[0].first == m.last + 1):
        # نطالب المجتمع الدولي بـ…: with the subject in the verb, what follows it is its object
        np = noun_phrase(doc, words, m.last + 1, b, ments)
        if np is not None and np.first == m.last + 1 and toks[np.first].text[:1] not in "بلف":
            args.recipients = [np]
    if not args.recipients and entry.type in _NP_OBJECT_TYPES and not passive:
        # no named party: the object noun phrase itself (سبعة مسؤولين، مركز المسيال، قرية كامونا)
        start = (subj[-1].last + 1) if (is_verb and vso and subj) else m.last + 1
        if apposed:
            # the object comes after the apposition's clause (جبهة النصرة، ذراع القاعدة، أمس، [مجموعة …])
            start = max(x.last for x in apposed)
            while start < b - 1 and not clause_break(words, start):
                start += 1
            start += 1
        np = noun_phrase(doc, words, start, b, ments) if start < b else None
        # what is asked, praised or charged for (طالب بوقف، هنأه بفوزه، اتهامات بأنشطة) is not whom,
        # nor the title right after a person who is the subject (دعا اسحق هرتزوغ [زعيم المعارضة]), nor
        # the head noun of the actor named right after it (هجمات [مقاتلي] حزب العمال)
        if np is not None and not (
            (entry.type in ("REQUEST", "SUPPORT", "ACCUSE") and toks[np.first].text[:1] in "بل")
            or (np.first == np.last and _fighters_of(words, np.first, args.actors))
            or (
                start > m.last + 1
                and subj[-1].kind == "person"
                and _bare_word(toks[start].text) in office_words()
            )
        ):
            args.recipients = [np]
    type_rules(args, doc, words, m, entry, b, after, is_verb)
    relative = is_verb and m.first > a and toks[m.first - 1].text in _RELATIVES
    if (not is_verb and _condemned(words, m.first, a)) or (relative and _condemned(words, m.first - 1, a)):
        # استنكر المجلس بقوة القصف [الذي استهدف …]: the subject before is the condemner's; the doer of
        # the condemned act can only follow it (قصف التحالف، الهجوم الذي شنه التنظيم)
        args.actors = [x for x in args.actors if x.first > m.last]
    if any(_means(words, x) for x in args.actors + args.recipients):
        # الطائرات، المدفعية: the force that used them is an attack's actor; in any other event, or as
        # whom it was done to, they are things (صفقة الطائرات، أسقطت الدفاعات الطائرات المسيرة)
        keep_actor = entry.type == "ASSAULT"
        args.actors = [x for x in args.actors if keep_actor or not _means(words, x)]
        args.recipients = [x for x in args.recipients if not _means(words, x)]
    if entry.type == "ASSAULT":
        _claimed_attack(args, words, m, ments, a, b)
        # نجاة وزير الداخلية من محاولة اغتيال: who survived it is whom it was aimed at
        survivors = [x for x in args.actors if x.first > a and _bare_word(toks[x.first - 1].text) in _SURVIVE]
        if survivors:
            args.actors = [x for x in args.actors if x not in survivors]
            args.recipients = survivors + [x for x in args.recipients if x not in survivors]
    _no_adjectives(args, words, ments, a, b)
    if before:
        # شهدت مدينة مروة شمال الكاميرون هجوما: the subject of "witnessed" is where, not who
        # (a place only: a person or a body that شهد "attended" it, شهد الأمير توقيع الاتفاقية)
        seen = [x for x in before if x.is_place and _witnessed_subject(words, x, a)]
        args.actors = [x for x in args.actors if x not in seen]
        args.not_roles |= {(role, x.ref) for x in seen for role in ("actor", "recipient")}
    # على الحدود مع تركمانستان: the country a border is shared with is where, not who
    borders = [x for x in args.actors + args.recipients if x.prep == "مع" and _on_border(words, x)]
    if borders:
        args.actors = [x for x in args.actors if x not in borders]
        args.recipients = [x for x in args.recipients if x not in borders]
        args.not_roles |= {(role, x.ref) for x in borders for role in ("actor", "recipient")}
    # … حسبما أفاد مسؤولون، وقال X «…»: who tells of the event is its source, no party
    sources = tellers(doc.text, words, m, ments, (a, b), args.first_person or entry.type not in _REPORTED)
    if sources:
        args.actors = [x for x in args.actors if x not in sources]
        args.recipients = [x for x in args.recipients if x not in sources]
        args.not_roles |= {(role, x.ref) for x in sources for role in ("actor", "recipient")}
    actor_refs = {x.ref for x in args.actors}
    # a city is where things happen, not who they happen to (except the host of a visit)
    args.recipients = [
        x for x in args.recipients if x.ref not in actor_refs and (frame == "visit" or x.kind != "place")
    ]
    return args


def _on_border(words: Words, x: Mention) -> bool:
    """Whether ``x`` follows "الحدود مع" (the border with X)."""
    return x.first >= 2 and _bare_word(words.toks[x.first - 2].text) in _BORDERS


#: الحدود مع X: the border shared with X
_BORDERS = word_list("arguments.borders")


def _fighters_of(words: Words, k: int, actors: list[Mention]) -> bool:
    """Whether word ``k`` is an armed group noun (مقاتلي، مسلحي، عناصر) in construct with an actor
    named right after it: the actor's own fighters, not a second party."""
    return armed_noun(words.toks[k].text) and any(x.first == k + 1 for x in actors)


def _charge_start(words: Words, m: TriggerMatch, b: int) -> int | None:
    """Where the charge of a verb of accusing opens: its first verbal noun with ب within five words
    (اتهمت الهند باكستان [بالوقوف] وراء الهجوم، تتهم إردوغان [باستغلال] الحرب), or None."""
    for k in range(m.last + 1, min(b, m.last + 6)):
        w = words.toks[k].text
        if len(w) > 3 and w[0] == "ب" and drop_conjunction(w[1:]) not in office_words():
            return k
    return None


def _in_demand(words: Words, k: int, x: Mention) -> bool:
    """Whether the party ``x`` stands in what a verb of demanding asks for: the genitive of a verbal
    noun with ب or ل at word ``k``, right after the verb, its subject or its object (يدعو [لمهاجمة]
    أميركا، طالبت المنظمة [بالإفراج عن] الناشط، يطالب العبادي [بإقالة] وزراء), within three words.
    Further on, after a subject's titles, ل is a title's (زعيم حزب … الموالي للأكراد) and the party
    after it may be whom the verb asks."""
    if not k < x.first <= k + 3:
        return False
    w = words.toks[k].text
    return len(w) > 3 and w[0] in "بل" and drop_conjunction(w[1:]) not in office_words()


def _verbal_noun_of(words: Words, m: TriggerMatch, ments: list[Mention], a: int) -> bool:
    """Whether a verb's form right after a preposition or a time word is its verbal noun whose
    genitive is a person it was done to (المسؤولية عن قتل القاضي X: no verb follows a preposition).
    Only a person (a title may stand first), and only with no second party right after: a force or a
    body there is as often the doer (جراء قصف الطيران), and so is a genitive with an object after it
    (جراء منع التنظيم المواطنين), which the verb's reading already takes as doer and object."""
    if m.first <= a or _bare_word(words.toks[m.first - 1].text) not in _NOMINAL_AFTER:
        return False
    x = next((x for x in ments if m.last < x.first <= m.last + 2), None)
    if x is None or x.kind not in ("person", "role"):
        return False
    return not any(y.first == x.last + 1 and y.prep is None for y in ments)


def _claimed_attack(args: Args, words: Words, m: TriggerMatch, ments: list[Mention], a: int, b: int) -> None:
    """Who claims the attack ``m`` is its actor and never its recipient (:func:`_claims`); who it is
    attributed to as well, and who attributes it is no party of it (:func:`_attributed`)."""
    toks = words.toks
    # في هجمات مفترضة لحركة بوكو حرام: an attack's doer after ل is claimed by the noun itself
    # (of the attacks a sentence names with their doers, the one nearest the trigger: هجوم انتحاري
    # لداعش … وهجمات لمنظمة بي كا كا are two attacks by two doers)
    near = sorted(
        (abs(k - m.first), x.first, x) for k, x in owned_attacks(words, ments, a, b) if _owns(words, m, k)
    )
    owned = [x for d, _, x in near if d == near[0][0]]
    if not owned and not any(_bare_word(toks[k].text) in _CLAIM_WORDS for k in range(a, b)):
        return  # no word of claiming or attributing in the sentence (most attacks)
    claimed = list(owned)
    for x in ments:
        if a <= x.first and x.last < b and not x.is_place:
            k = _claims(words, x, ments, b)
            if k is not None and _about(words, m, k) and x not in claimed:
                claimed.append(x)
    for k, to, blamers in _attributed(words, ments, a, b):
        # اعتداء انتحاري نسبته السلطات إلى تنظيم داعش: the party after إلى did it; who attributes it
        # is no party of any attack of the sentence
        args.actors = [x for x in args.actors if x not in blamers]
        args.recipients = [x for x in args.recipients if x not in blamers]
        args.not_roles |= {(role, x.ref) for x in blamers for role in ("actor", "recipient")}
        if to is not None and _about(words, m, k) and to not in claimed:
            claimed.append(to)
    if claimed:
        # حركة الشباب تعلن مسؤوليتها، يحمل بصمات بوكو حرام: who claims the attack did it
        if m.first == m.last and drop_conjunction(words.toks[m.first].text) in _PASSIVE_READING:
            # قتل ستة أشخاص … وأعلنت حركة الشباب مسؤوليتها: with its doer named elsewhere the verb of
            # harm is the unvocalised passive (قُتل), and its subject whom it was done to
            args.recipients = [x for x in args.actors if x not in claimed] + args.recipients
        args.actors = claimed  # whoever else the rules took is not who did it
        args.recipients = [x for x in args.recipients if x.ref not in {c.ref for c in claimed}]
        args.not_roles |= {("recipient", c.ref) for c in claimed}


#: types whose quoted acts are reported by their speaker, not done (an observatory quoting a strike);
#: a quoted meeting or agreement is mostly the speaker's side's own (قالت متحدثة باسم المفوضية "إن
#: المحادثات مع اليونان …")
_REPORTED = frozenset({"ASSAULT", "COERCE"})


def _owns(words: Words, m: TriggerMatch, k: int) -> bool:
    """Whether the attack noun at word ``k`` is the trigger ``m`` or what caused it: a killing told
    before the attack it came of (مقتل 50 شخصا [بهجمات] لـ«بوكو حرام»، قتل … [في هجمات] لحركة …). An
    attack noun that is a trigger of its own is another attack (غارات تركيا … عقب هجوم انتحاري لداعش)."""
    if m.first <= k <= m.last:
        return True
    toks = words.toks
    if k < m.last or _attack_word(words, m.first):
        return False
    caused = toks[k].text.startswith(("ب", "وب")) or _bare_word(toks[k - 1].text) in _CAUSE
    return caused and _about(words, m, k)


def _no_adjectives(args: Args, words: Words, ments: list[Mention], a: int, b: int) -> None:
    """هجوم مسلح، تفجير إرهابي: a one-word group mention that is an attack's adjective is no party."""
    toks = words.toks
    if not any(c in toks[k].text for k in range(a, b) for c in _ADJECTIVE_CORES):
        return
    adjectives = [
        x
        for x in ments
        if a < x.first == x.last < b and _attack_adjective(toks[x.first - 1].text, toks[x.first].text)
    ]
    if adjectives:
        args.actors = [x for x in args.actors if x not in adjectives]
        args.recipients = [x for x in args.recipients if x not in adjectives]
        args.not_roles |= {(role, x.ref) for x in adjectives for role in ("actor", "recipient")}


_CLAIM_VERBS = word_list("arguments.claim_verbs")
_CLAIM_PRONOUN = word_list("arguments.claim_verbs_pronoun")
_CLAIM_NOUNS = word_list("arguments.claim_nouns")
_HALLMARKS = word_list("arguments.hallmarks")
#: verbs of announcing (أعلن، تعلن) whose subject claims an attack when its clause names the responsibility
_ANNOUNCING = word_list("arguments.announce") | word_list("arguments.claim_announce")


def _claims(words: Words, x: Mention, ments: list[Mention], b: int) -> int | None:
    """Where the party ``x`` claims an attack (the claim word's index), or None: a verb of adopting
    right before it (تبنى التنظيم) or the hallmarks it is the genitive of (يحمل بصمات بوكو حرام);
    ungoverned, a verb of adopting right after it (داعش يتبنى) or its responsibility within three words
    after it (حركة الشباب تعلن مسؤوليتها), or the first party after a verb of announcing whose clause
    goes on to the responsibility (أعلنت جماعة "ولاية سيناء" … في بيان على "تويتر" مسؤوليتها)."""
    toks = words.toks

    def bare(k: int) -> str:
        return _bare_word(toks[k].text)

    def broken(k: int) -> bool:
        return clause_break(words, k - 1)

    if x.first > 0 and (bare(x.first - 1) in _CLAIM_VERBS or bare(x.first - 1) in _HALLMARKS):
        return x.first - 1
    if x.first > 1 and bare(x.first - 1) in _CLAIM_PRONOUN and _attack_before(words, x.first - 1):
        return x.first - 1  # هجوم تبنته جماعة «ولاية سيناء»، التفجير الذي تبناه التنظيم
    if x.prep is not None:
        return None
    for k in range(x.last + 1, min(b, x.last + 4)):
        if broken(k):
            break
        w = bare(k)
        if w in _CLAIM_NOUNS or (k == x.last + 1 and w in _CLAIM_VERBS):
            return k
    verb = next((k for k in range(x.first - 1, max(-1, x.first - 5), -1) if bare(k) in _ANNOUNCING), None)
    if verb is None or any(verb < y.first < x.first for y in ments) or broken(x.first):
        return None
    for k in range(x.last + 1, min(b, x.last + 13)):
        if broken(k):
            return None
        if bare(k) in _CLAIM_NOUNS:
            return k
    return None


def _attack_word(words: Words, j: int) -> bool:
    """Whether word ``j`` is an attack noun (هجوم، تفجير، عملية: :data:`_ATTACK_NOUNS`), after its
    clitics and with or without the article."""
    return any(s in _ATTACK_NOUNS or s[2:] in _ATTACK_NOUNS for s in _stems(words.toks[j].text))


def _attack_before(words: Words, k: int) -> bool:
    """Whether an attack noun stands right before word ``k``, or before the relative pronoun there
    (هجوم تبنته، التفجير الذي تبناه)."""
    toks = words.toks
    j = k - 1
    if j > 0 and toks[j].text in _RELATIVES:
        j -= 1
    return j >= 0 and _attack_word(words, j)


#: being behind an attack (المتهم بالوقوف خلف العملية) is said of the attack after it only
_BEHIND = frozenset({fold("بالوقوف")})
#: words before an attack noun that make it the cause of a killing beside it (قتل … في هجوم، بهجمات)
_CAUSE = word_list("arguments.attack_by")


def _about(words: Words, m: TriggerMatch, k: int) -> bool:
    """Whether a claim or an attribution at word ``k`` is about the trigger ``m``: no other attack
    noun between them (اعتداء انتحاري [دام] نسبته، تبنى التنظيم الهجوم), or only the attack that
    caused ``m`` (قتل 19 شخصا بهجمات نسبت إلى …، قتل ستة في انفجار … وتعلن مسؤوليتها); a claim
    before the trigger reaches four words."""
    toks = words.toks
    if m.first > k:
        span = range(k + 1, m.first)
        if m.first - k > 4:
            return False
    else:
        span = range(m.last + 1, k)
        if _bare_word(toks[k].text) in _BEHIND:
            return False  # المتهم بالوقوف خلف العملية: only about the attack after it
    for j in span:
        w = toks[j].text
        if not _attack_word(words, j):
            continue
        prev = _bare_word(toks[j - 1].text) if j > 0 else ""
        if m.first > k or not (prev in _CAUSE or w.startswith(("ب", "وب"))):
            return False
    return True


_ATTRIBUTING = word_list("arguments.attribute_verbs")
_CLAIM_WORDS = _CLAIM_VERBS | _CLAIM_PRONOUN | _CLAIM_NOUNS | _HALLMARKS | _ATTRIBUTING
#: what every form of an attack's adjective holds (مسلح، ارهابي، انتحاري): a sentence without one has none
_ADJECTIVE_CORES = tuple(w for w in word_list("arguments.attack_adjectives") if not w.endswith(("ا", "ه")))
#: إلى as a mention's governing preposition is held normalised (الي)
_TO = frozenset({fold("إلى"), fold("الى")})


def _attributed(
    words: Words, ments: list[Mention], a: int, b: int
) -> list[tuple[int, Mention | None, list[Mention]]]:
    """Each attribution of an attack in the sentence: after a verb of attributing (نسبته، تنسبه) at word
    k, the first party governed by إلى within six words (None when إلى governs no mention), and the
    parties between (who attributes)."""
    toks = words.toks
    out: list[tuple[int, Mention | None, list[Mention]]] = []
    for k in range(a, b):
        if _bare_word(toks[k].text) not in _ATTRIBUTING:
            continue
        to = next((x for x in ments if k < x.first <= k + 6 and x.prep in _TO), None)
        if to is not None and to.is_place:
            continue
        # نسبته السلطات الى التمرد الكردي: whom it is attributed to may be no mention; who attributes
        # it still is no party of the attack
        end = (
            to.first
            if to is not None
            else next((j for j in range(k + 1, min(b, k + 7)) if toks[j].text in _TO), None)
        )
        if end is None:
            continue
        out.append((k, to, [x for x in ments if k < x.first and x.last < end]))
    return out


def _means(words: Words, x: Mention) -> bool:
    """Whether ``x`` is an unnamed group headed by a weapon noun (:data:`_MEANS`: الطائرات الروسية,
    not طائرات التحالف, which stands for the coalition)."""
    if not x.ref.startswith("group:"):
        return False
    return any(s in _MEANS for s in _stems(words.toks[x.first].text))


def _condemned(words: Words, k: int, a: int) -> bool:
    """Whether the event noun at word ``k`` is the object of a verb of condemning or denying a few
    words before it, its subject and a time or a manner word between (أدانت الحكومة اليمنية بشدة
    التفجير → التفجير), with no comma or full stop between."""
    toks = words.toks
    for j in range(k - 1, max(a, k - _REACTION_REACH) - 1, -1):
        w = toks[j].text
        if not w[:1].isalpha():
            return False
        if w in REACTION_VERBS or (w[:1] in "وف" and w[1:] in REACTION_VERBS):
            return True
    return False
