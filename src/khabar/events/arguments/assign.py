"""The argument rules themselves: :func:`assign_arguments` reads a trigger's sentence by its frame.

The frames and what each reads are in the package's docstring (:mod:`khabar.events.arguments`); the
words and limits are in :mod:`.vocab`, the noun phrases in :mod:`.phrases`, the clause-level phrases
(the break after a host's titles, a relative clause's doer, an agent phrase) in :mod:`.clauses`.
"""

from __future__ import annotations

from khabar.arabic.clitics import in_vocab
from khabar.events.arguments.clauses import (
    _HOLD,
    _agent_phrase,
    _captures,
    _contribution_owner,
    _doer_after,
    _formula_break,
    _unquoted_gap,
)
from khabar.events.arguments.phrases import _NP_OBJECT_TYPES, _agreeing_adjective, _looks_nominal, noun_phrase
from khabar.events.arguments.subjects import genitive, governed, svo_subject, vso_subject
from khabar.events.arguments.vocab import (
    _CLAUSE_BREAKS,
    _OBJECT_GENITIVE,
    _PARTICIPANT_PREPS,
    _RECIPIENT_PREPS,
    _RELATIVES,
    PASSIVE_MARKERS,
    QUOTE_OPENERS,
    VSO_REACH,
    VSO_REACH_HOST,
    VSO_REACH_MEETING,
    WINDOW,
    WINDOW_MEETING,
    Args,
    _actorish,
    _group,
    _group_back,
    first_person,
)
from khabar.events.lexicon import Trigger
from khabar.events.mentions import Mention, Words
from khabar.events.names import HONORIFICS
from khabar.events.triggers import TriggerMatch
from khabar.extract.places import nationality_country
from khabar.model import Document

__all__ = ["assign_arguments"]


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
    is_verb = entry.pos in ("v", "x") and not _looks_nominal(toks[m.first].text, teh)
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
        if m.first > a and in_vocab(toks[m.first - 1].text, _RELATIVES, "و") is not None:
            adjacent = [x for x in before if m.first - 1 - x.last == 1 and _actorish(x)][-1:]
        subj = [] if adjacent else vso_subject(doc, words, m, near_after, after, reach)
        vso = bool(subj)
        if not subj:
            subj = (
                _group_back(adjacent[-1], before)
                if adjacent
                else svo_subject(doc, words, m, entry, a, before)
            )
        if args.first_person:
            # "نطالب المجتمع الدولي …": the party after the verb is its object, the subject is "we"
            subj, vso = [], False
        rest = [x for x in near_after if x not in subj]
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
                    None
                    if later is not None and later.first == g
                    else noun_phrase(doc, words, cut + 1, b, ments)
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
        if frame == "host" and not objs:
            # يستقبل المنسق الإقليمي …: a guest named by office alone (not a place: بمقر الوزارة)
            np = noun_phrase(doc, words, (subj[-1].last + 1) if vso and subj else m.last + 1, b, ments)
            objs = [np] if np is not None and toks[np.first].text[:1] not in "بفل" else []
    else:
        gen = genitive(doc, words, m, b, after, frame)
        # the genitive of a transitive verbal noun is mostly its object (اتهام إسرائيل، تدمير منصات)
        gen_is_object = frame == "patient" or (frame == "sv" and entry.type in _OBJECT_GENITIVE)
        if (
            gen
            and gen[0].first == m.last + 1
            and (
                _agreeing_adjective(toks[m.last].text, toks[gen[0].first].text)
                or nationality_country(toks[gen[0].first].text) is not None
            )
        ):
            # الاعتداءات الحوثية، الغارات الإسرائيلية: an agreeing adjective names who acts
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
    if passive:
        # تم اعتقال X، تعرض مركز … لقذائف: X is the patient; an agent may follow as "من X"/"برصاص X"
        args.recipients = subj if is_verb else (objs or subj)
        if not args.recipients:
            np = noun_phrase(doc, words, m.last + 1, b, ments)
            args.recipients = [np] if np is not None else []
        by = [x for x in governed(("من",), after) if x.kind in ("armed", "org", "country", "person")]
        args.actors = [x for x in by if x not in args.recipients]
        return args

    between = governed(("بين",), after)
    participants = governed(_PARTICIPANT_PREPS, after)
    if frame == "host":
        args.recipients = subj
        args.actors = objs or governed(("ل",), near_after)
    elif frame == "visit":
        args.actors = subj
        args.recipients = governed(_RECIPIENT_PREPS["visit"], after) or objs
        if "لتق" in toks[m.first].text:
            # سيلتقي خلال زيارته مع الرئيس …: who is met comes with مع (a verb of meeting, not of
            # arriving: "وصل مع وفده" is his company), before any later object
            met = [x for x in governed(("مع",), after) if x not in subj]
            if met and (not args.recipients or met[0].first < args.recipients[0].first):
                args.recipients = met
    elif frame in ("sym", "join"):
        args.actors = (subj or between) + participants
        if subj and between:
            args.recipients = between
        else:
            args.recipients = governed(_RECIPIENT_PREPS["sym"], after) or ([] if subj else objs)
        if not args.recipients and entry.type == "CONSULT":
            # "مع" and an unnamed partner (ناقش … مع المسؤول الأممي): the phrase after it
            k = next((i for i in range(m.last + 1, min(b, m.last + 8)) if toks[i].text == "مع"), None)
            np = noun_phrase(doc, words, k + 1, b, ments) if k is not None else None
            if np is not None:
                args.recipients = [np]
    elif frame == "patient":
        if is_verb and subj and not objs and not vso_subject(doc, words, m, near_after, after, reach):
            # SVO: الشرطة اعتقلت X
            args.actors, args.recipients = subj, [x for x in near_after if x.prep is None][:1]
            w = toks[m.last].text
            if (
                not args.recipients
                and w.endswith("وا")
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
        args.recipients = objs or governed(preps, after)
    if args.first_person and entry.type in _NP_OBJECT_TYPES and not (objs and objs[0].first == m.last + 1):
        # نطالب المجتمع الدولي بـ…: with the subject in the verb, what follows it is its object
        np = noun_phrase(doc, words, m.last + 1, b, ments)
        if np is not None and np.first == m.last + 1 and toks[np.first].text[:1] not in "بلف":
            args.recipients = [np]
    if not args.recipients and entry.type in _NP_OBJECT_TYPES and not passive:
        # no named party: the object noun phrase itself (سبعة مسؤولين، مركز المسيال، قرية كامونا)
        start = (subj[-1].last + 1) if (is_verb and vso and subj) else m.last + 1
        np = noun_phrase(doc, words, start, b, ments)
        # what is asked or praised for (طالب بوقف، هنأه بفوزه) is not whom
        if np is not None and not (entry.type in ("REQUEST", "SUPPORT") and toks[np.first].text[:1] in "بل"):
            args.recipients = [np]
    if entry.type == "SUPPORT":
        # ثمنت الحركة دور المملكة، أشاد بجهود الحكومة، مشيدا بالدور الذي يقوم به رجال الأمن: who
        # is praised is whose part it is, not the part
        owner = _contribution_owner(words, m, min(b, m.last + WINDOW), after)
        if owner:
            args.recipients = owner + [x for x in args.recipients if x.kind != "other" and x not in owner]
            args.actors = [x for x in args.actors if x not in owner]
    if entry.type in ("ASSAULT", "COERCE"):
        # سقوط العند بأيدي الجيش، مقتله على يد مسلحين، اعتقاله من قبل الشرطة: the agent phrase
        agent = _agent_phrase(doc, words, m, b, after) if not is_verb else []
        if not agent and not args.actors and entry.type == "ASSAULT":
            # هجوم لداعش، هجوم لانتحاريين: a party governed by ل right after an attack noun made it
            agent = [x for x in after if x.first == m.last + 1 and x.prep == "ل" and x.kind != "place"]
        if agent:
            args.actors = agent
            args.recipients = [x for x in args.recipients if x.ref not in {y.ref for y in agent}]
            if not args.recipients:
                # سقوط آخر حصون صالح والحوثيين … بيد أنصار هادي: the parties between the trigger and
                # its agent are whom it was done to
                args.recipients = [
                    x
                    for x in after
                    if x.first < agent[0].first
                    and x.prep is None
                    and x.kind in ("armed", "org", "person", "country")
                ]
    if entry.type == "ASSAULT" and _captures(toks[m.first].text):
        # تحرير قاعدة العند، تطهير أبين، سيطرت على وادي عقان: the ground taken is where it happened;
        # whom it was done to is the side that held it (GUIDELINES: the Houthis lose Zinjibar)
        args.recipients = [x for x in args.recipients if x.kind not in ("other", "place")]
        for i in range(m.last + 1, min(b - 2, m.last + WINDOW)):
            # … من أيدي المتمردين، من قبضة الحوثيين، من سيطرة التنظيم: who held it
            if toks[i].text == "من" and toks[i + 1].text in _HOLD:
                holder = next((x for x in after if x.first == i + 2), None)
                if holder is not None and holder not in args.actors:
                    args.recipients = args.recipients or _group(holder, after)
                break
    actor_refs = {x.ref for x in args.actors}
    # a city is where things happen, not who they happen to (except the host of a visit)
    args.recipients = [
        x for x in args.recipients if x.ref not in actor_refs and (frame == "visit" or x.kind != "place")
    ]
    return args
