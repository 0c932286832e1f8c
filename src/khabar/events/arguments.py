"""Argument rules: who is the actor and who the recipient of a trigger, from Arabic news syntax.

The rules read the participant mentions of the trigger's sentence (:mod:`khabar.events.mentions`)
around it, by the trigger's frame (see the header of ``events_triggers_ar.tsv``):

* **verb-initial (VSO)**: the first ungoverned mention right after the verb is its subject
  (``استقبل الرئيس X الوزير Y``), the next ungoverned one its object;
* **nominal / SVO**: otherwise the nearest ungoverned mention before the trigger is the subject
  (``الرئيس اليمني يصل للقاهرة``, ``القوات السعودية تشن غارات``);
* a verbal noun's **genitive** is its subject (``زيارة الرئيس الأسد``), or its patient for the
  ``patient`` frame (``اعتقال سبعة مسؤولين``, ``مقتل براون``);
* ``بين X و Y`` makes every side an actor; ``مع X`` is the partner (recipient); ``بحضور X`` and
  ``برفقة X`` add participants; ``لـX``, ``على X``, ``ضد X``, ``إلى X`` name the recipient;
* the **agentless passive** (``تم اعتقال``, ``أُحيلوا``) has no actor: the named party is the recipient;
* **coordination** (``X و Y``, ``X، Y``) extends any argument to the coordinated mentions.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from khabar.arabic.clitics import drop_conjunction, in_vocab, name_reading, readings, strip_proclitics
from khabar.events.lexicon import Trigger, fold, load_cues, load_triggers, one_word_verbs, words
from khabar.events.mentions import HONORIFICS, Mention, Words, country_ref, new_ref
from khabar.events.triggers import TriggerMatch
from khabar.extract.places import nationality_country
from khabar.model import Document

__all__ = ["Args", "assign_arguments"]

#: how many words after a verb its subject may start: time words, honorifics and Saudi-style title
#: chains come between (استقبل معالي المستشار بالديوان الملكي المشرف العام على مركز … الدكتور X)
VSO_REACH_MEETING = 12
#: … after a verb of receiving (the Saudi reception formula's titles run longer)
VSO_REACH_HOST = 20
#: … and for other verbs
VSO_REACH = 5
#: how far (words) the rules look before and after a trigger
WINDOW = 14
#: … after a meeting verb, whose host and guest each come with a title chain
WINDOW_MEETING = 28
#: prepositions that name a recipient, per frame
_RECIPIENT_PREPS = {
    "sv": ("ل", "على", "علي", "ضد", "مع", "الي", "لدى", "لدي", "تجاه"),
    "visit": ("الي", "ل"),
    "sym": ("مع",),
    "patient": ("على", "علي"),
    "request": ("من", "لدى", "لدي"),
}
#: punctuation that separates a name from the verb after it (تقول أم أحمد: "وصل …")
_CLAUSE_BREAKS = frozenset(':"«»“”،.؛')
#: كان and its forms: "وكانت X … قد فعلت" puts the subject right after them
_KANA = words("arguments.kana")


def _bare_word(w: str) -> str:
    return drop_conjunction(w, min_stem=2)


#: relative pronouns: the verb after one takes the antecedent before it as subject
_RELATIVES = words("arguments.relatives")
#: the colon that opens a statement: a subject does not reach into it (guillemets are not breaks:
#: Saudi papers write their own names in them, لـ«عكاظ»; with them actor F1 fell on the dev half)
_QUOTE_BREAKS = frozenset(":")
#: marks that open a quotation (a speaker is named before them; a first-person verb after them is his)
QUOTE_OPENERS = frozenset(':"«“')
#: verbs that announce an act of their subject's (أعلنت الشرطة اعتقال …، قررت الحكومة فرض …)
_ANNOUNCE = words("arguments.announce")
#: verbal nouns of what happens to someone, with nobody's act in them (مقتل، سقوط، إصابة)
_NO_AGENT = words("arguments.no_agent")
#: types whose verbal noun takes its object as genitive
_OBJECT_GENITIVE = frozenset({"ACCUSE", "ASSAULT", "COERCE", "SANCTION", "SUPPORT", "REJECT", "THREATEN"})
_PARTICIPANT_PREPS = ("بحضور", "حضور", "برفقه", "بمشاركه")
PASSIVE_MARKERS = words("arguments.passive_markers")
#: event types that are said (a statement's speaker is their actor when the clause names none)
VERBAL_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE", "THREATEN", "CONCEDE"})
#: types whose announcer may be a party: statements (VERBAL_TYPES) and meetings (أعلنت المنظمة أن
#: القمة عقدت: the convener); not violence (وأضاف دمرداش … مقتل ستة: the reporter did not fight)
_SAID_BY_PARTY = VERBAL_TYPES | {"CONSULT"}
#: verbs of saying (a mention right after one is a speaker)
SPEECH_VERBS = words("arguments.speech_verbs")


@dataclass(slots=True)
class Args:
    actors: list[Mention] = field(default_factory=list)
    recipients: list[Mention] = field(default_factory=list)
    agentless: bool = False
    #: the trigger is read as a verb (not its verbal noun)
    verb: bool = False
    #: the verb is in the first person (نطالب، نرفض): its subject is whoever is quoted saying it
    first_person: bool = False

    def all(self) -> list[Mention]:
        return self.actors + self.recipients

    def refs(self) -> frozenset[str]:
        return frozenset(m.ref for m in self.all())

    def absorb(self, other: Args) -> None:
        """Add the arguments of another trigger of the same event."""
        have = self.refs()
        if not self.actors:
            self.actors = [m for m in other.actors if m.ref not in have]
        if not self.recipients:
            self.recipients = [
                m for m in other.recipients if m.ref not in have | {a.ref for a in self.actors}
            ]


def _group(first: Mention, ms: list[Mention]) -> list[Mention]:
    """``first`` and the mentions coordinated with it (و، ،) that follow it."""
    out = [first]
    i = ms.index(first)
    for m in ms[i + 1 :]:
        if m.coord and m.prep is None and m.first - out[-1].last <= 2:
            out.append(m)
        else:
            break
    return out


def _group_back(last: Mention, ms: list[Mention]) -> list[Mention]:
    """``last`` and the mentions it is coordinated with before it (X و Y … verb)."""
    out = [last]
    i = ms.index(last)
    cur = last
    for m in reversed(ms[:i]):
        if cur.coord and m.prep is None and cur.first - m.last <= 2:
            out.insert(0, m)
            cur = m
        else:
            break
    return out


#: time words that close the host's part of a reception formula
_FORMULA_TIME = words("arguments.formula_time")


def _formula_break(toks: list, words: Words, lo: int, hi: int, ments: list[Mention]) -> int | None:
    """The word index where the first party's part of a meeting formula ends, or None: the end of the
    first run of time phrases (مساء اليوم، أول أمس) and places governed by في/ب (في قصر السلام بجدة، في
    مقر الحكومة المؤقت بالرياض) between ``lo`` and ``hi``."""

    def time_at(i: int) -> bool:
        w = toks[i].text
        return w in _FORMULA_TIME or (len(w) > 3 and w[0] == "و" and w[1:] in _FORMULA_TIME)

    def place_end(i: int) -> int | None:
        # a place governed by في/ب at i, or "في مقر/قصر … PLACE" up to a place within five words
        p = next((x for x in ments if x.first == i and x.is_place and x.prep in ("في", "ب")), None)
        if p is not None:
            return p.last
        if toks[i].text == "في":
            for x in ments:
                if x.is_place and i < x.first <= i + 5:
                    return x.last
        w = toks[i].text
        if w.startswith("ب") and w[1:] in _VENUES:
            # بمقر سفارة خادم الحرمين الشريفين في روما، …: a venue runs to the comma after it (or,
            # without one, over what it belongs to)
            for k in range(i + 1, min(hi, i + 9)):
                gap = words.view.text[toks[k - 1].end : toks[k].start]
                if "،" in gap or "," in gap:
                    return k - 1
            owner = next((y for y in ments if i < y.first <= i + 2), None)
            return owner.last if owner is not None else i + 1
        return None

    end = None
    i = lo
    while i < hi:
        if time_at(i):
            while i + 1 < hi and toks[i + 1].text in _FORMULA_TIME:
                i += 1
            end = i
        elif (pe := place_end(i)) is not None:
            end = i = pe
        elif end is not None:
            break  # the run is over
        i += 1
    return end


#: buildings a reception is held in (بمقر، بقصر، بمكتب …)
_VENUES = words("arguments.venues")


#: phrases that introduce the agent of a verbal noun ("at the hands of", "by"), normalised as the
#: words are (على is written علي in the normalised view)
_AGENT_MARKERS = tuple(
    tuple(fold(w) for w in marker.split())
    for marker in ("على يد", "على أيدي", "بيد", "بأيدي", "في يد", "في أيدي", "من قبل", "برصاص", "بنيران")
)


#: what is praised or thanked for, as a part someone plays (دور المملكة، جهود الحكومة)
_CONTRIBUTION = words("arguments.contribution")
_DOER = words("arguments.doer")


#: "does it" verbs of a relative clause after a verbal noun (التي يقوم بها، التي أجراها، يشنها)
_DO_VERBS = words("arguments.do_verbs")
_DO_OBJ = words("arguments.do_obj")
_DONE_BY = words("arguments.done_by")


def _doer_after(
    doc: Document, words: Words, m: TriggerMatch, b: int, after: list[Mention], ments: list[Mention]
) -> list[Mention]:
    """The doer a relative clause names after a verbal noun: ``وساطة مكثفة يقوم بها الوفد
    السوداني``، ``الزيارة التي أجراها وفد رفيع``، ``الغارات التي يشنها التحالف``; or []."""
    toks = words.toks
    for k in range(m.last + 1, min(b, m.last + 4)):
        w = toks[k].text
        if w in _DO_VERBS and k + 1 < b and toks[k + 1].text in _DO_OBJ:
            j = k + 2
        elif w in _DONE_BY:
            j = k + 1
        else:
            continue
        x = next((x for x in after if x.first == j and x.prep is None), None)
        if x is not None:
            return _group(x, after)
        np = noun_phrase(doc, words, j, b, ments)
        return [np] if np is not None else []
    return []


#: "the hands, grip, control" of whoever held the ground taken (من أيدي، من قبضة، من سيطرة)
_HOLD = words("arguments.hold")
#: stems of taking ground (liberating, clearing, controlling, recapturing, falling, seizing)
_CAPTURE_STEMS = tuple(sorted(words("arguments.capture_stems")))


def _captures(w: str) -> bool:
    """Whether a trigger word is one of taking ground (وتحرير، لتطهيرها، سيطرتها، استعادت)."""
    return any(x.startswith(_CAPTURE_STEMS) for x in (w, *(r.bare for r in readings(w))))


#: words that end a title chain: the next name is someone else (نظيره، مع، و…)
_NOT_TITLE = words("arguments.not_title")


def _title_holder(
    doc: Document, words: Words, role: Mention, after: list[Mention]
) -> tuple[Mention, Mention] | None:
    """The person a title opens (as one mention from the title to the name, and the name's own
    mention) when the title runs over its office to the name (رئيس المجلس
    الاستراتيجي للعلاقات الخارجية في إيران كمال خرازي): up to seven words of nouns, adjectives and
    the office's places, no punctuation, no "نظيره" (his counterpart is someone else)."""
    toks = words.toks
    person = next((y for y in after if y.kind == "person" and 0 < y.first - role.last <= 7), None)
    if person is None or set(doc.text[role.end : person.start]) & _CLAUSE_BREAKS:
        return None
    for i in range(role.last + 1, person.first):
        w = toks[i].text
        if w in _NOT_TITLE or _is_event_verb(w) or (w.startswith("و") and len(w) > 3):
            return None
    text = doc.text[role.start : person.end]
    holder = Mention(
        role.start, person.end, text, person.ref, "person", person.country, role.first, person.last
    )
    return holder, person


def _unquoted_gap(text: str, x: Mention, end: int) -> str:
    """The text between a mention and ``end`` without the quotation marks that close the mention
    itself («حماس» تثمن: the name is quoted, the clause goes on)."""
    gap = text[x.end : end]
    opened = x.start > 0 and text[x.start - 1] in '«"“'
    return gap.lstrip('»”"') if opened else gap


def _contribution_owner(words: Words, m: TriggerMatch, hi: int, after: list[Mention]) -> list[Mention]:
    """The party whose part a SUPPORT event praises (``دور X``، ``الجهود التي تبذلها X``), or []."""
    toks = words.toks
    for k in range(m.last + 1, hi):
        if toks[k].text not in _CONTRIBUTION:
            continue
        j = k + 1
        # the adjectives of the part (الدور الكبير، الجهود المخلصة) and its relative clause
        while j < hi and j - k <= 6 and not any(x.first == j for x in after):
            if toks[j].text not in _DOER and not toks[j].text.startswith("ال"):
                break
            j += 1
        x = next((x for x in after if x.first == j and x.prep is None), None)
        return _group(x, after) if x is not None else []
    return []


def first_person(w: str, singular: bool = False) -> bool:
    """Whether a verb token is in the first person plural (نطالب، ونرفض، سندعم): an ن where the
    lexicon's third person form has ي. (No lexicon verb form starts with ن but for such pairs, so
    a perfect like ندد, whose ي form is not a word, is not taken for one.) ``singular``: the
    first person singular instead (أطالب, written اطالب in the normalised view)."""
    by_first = load_triggers().by_first
    prefix = "ا" if singular else "ن"
    for x in (w, w[1:] if w[:1] in ("و", "ف") else ""):
        for y in (x, x[1:] if x[:1] == "س" else ""):
            if len(y) >= 3 and y[0] == prefix and any(t.pos == "v" for t in by_first.get("ي" + y[1:], ())):
                return True
    return False


def _agent_phrase(
    doc: Document, words: Words, m: TriggerMatch, b: int, after: list[Mention]
) -> list[Mention]:
    """The party after an agent marker within eight words of a nominal trigger (with its coordinated
    parties), or []."""
    toks = words.toks
    for i in range(m.last + 1, min(b, m.last + 9)):
        for marker in _AGENT_MARKERS:
            n = len(marker)
            if i + n <= b and all(
                in_vocab(toks[i + k].text, (marker[k],), "و", min_stem=2) for k in range(n)
            ):
                x = next((y for y in after if y.first == i + n), None)
                if x is not None:
                    return _group(x, after)
                # an unnamed agent (سقوط الحصون بيد أنصار هادي، على يد مسلحين مجهولين), with the
                # party its head is in construct with (أنصار [الرئيس السابق])
                np = noun_phrase(doc, words, i + n, b, after)
                if np is None:
                    return []
                owner = next((y for y in after if y.first == np.last + 1 and y.prep is None), None)
                if owner is not None and np.last == np.first and not toks[np.first].text.startswith("ال"):
                    txt = doc.text[np.start : owner.end]
                    ref = new_ref(doc, "np", {"name": txt, "kind": "other"}, fold(txt))
                    np = Mention(np.start, owner.end, txt, ref, "other", None, np.first, owner.last)
                return [np]
    return []


def _actorish(m: Mention) -> bool:
    """Cities are rarely actors; countries, people, groups and organisations are."""
    return m.kind != "place"


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

    def vso_subject() -> list[Mention]:
        for x in near_after:
            if x.first - m.last > reach:
                break
            if x.prep is None and _actorish(x):
                found = _title_holder(doc, words, x, after) if x.kind == "role" else None
                if found is not None:
                    holder, person = found
                    return [holder, *_group(person, after)[1:]]
                return _group(x, after)
        return []

    def svo_subject() -> list[Mention]:
        t0 = words.text_spans[m.first][0]
        if m.first > a and _bare_word(toks[m.first - 1].text) == "قد":
            # وكانت المقاومة المسنودة بقوات الجيش قد سيطرت: the subject follows كان, not the phrase
            # that describes it
            k = next(
                (
                    i
                    for i in range(m.first - 2, max(a, m.first - WINDOW) - 1, -1)
                    if _bare_word(toks[i].text) in _KANA
                ),
                None,
            )
            x = next(
                (y for y in before if k is not None and y.first > k and y.prep is None and _actorish(y)), None
            )
            if x is not None:
                return _group(x, before)
        for x in reversed(before):
            if entry.type not in VERBAL_TYPES and set(doc.text[x.end : t0]) & _QUOTE_BREAKS:
                break  # يضيف رحمون: "… وصلت": a speaker outside the quotation is not its subject
            if x.prep is None and _actorish(x):
                if entry.type not in _SAID_BY_PARTY and _said_by(x) and not _announced_act(x):
                    continue  # وأضاف دمرداش … مقتل ستة: who reports a clash did not fight it
                return _group_back(x, before)
        return []

    def _announced_act(x: Mention) -> bool:
        # أعلنت السلطات اعتقال ثمانية: an act announced as the object of أعلن is the announcer's
        # own, unless nobody does it (أعلن الجيش مقتل ستة)
        if _bare_word(toks[x.first - 1].text) not in _ANNOUNCE or toks[m.first].text in _NO_AGENT:
            return False
        gap = [t.text for t in toks[x.last + 1 : m.first]]
        between = doc.text[x.end : words.text_spans[m.first][0]]
        return all(g in ("امس", "اليوم") for g in gap) and not set(between) & {":", '"', "«"}

    def _said_by(x: Mention) -> bool:
        if x.first == 0:
            return False
        w = toks[x.first - 1].text
        return in_vocab(w, SPEECH_VERBS) is not None

    def genitive() -> list[Mention]:
        adj = adjectives()
        if adj:
            return adj  # القمة الروسية السورية: every nationality after the noun, not the last one alone
        for x in after:
            if x.first - m.last > 2:
                break
            if x.prep is None and not x.coord and (frame == "patient" or _actorish(x)):
                return _group(x, after)
        return []

    def adjectives() -> list[Mention]:
        # القمة الروسية السورية، بيان مشترك سعودي مصري: nationality adjectives name the sides
        out: list[Mention] = []
        for i in range(m.last + 1, min(b, m.last + 4)):
            cc = nationality_country(toks[i].text)
            if cc is None:
                if toks[i].text in ("مشترك", "المشترك", "مشتركه", "المشتركه"):
                    continue
                break
            ref = country_ref(doc, cc)
            if ref:
                s, e = words.text_spans[i]
                out.append(Mention(s, e, doc.text[s:e], ref, "country", cc, i, i))
        return out

    def governed(preps: tuple[str, ...], pool: list[Mention]) -> list[Mention]:
        for x in pool:
            if x.prep in preps:
                grp = [x]
                for y in pool[pool.index(x) + 1 :]:
                    if y.coord and y.first - grp[-1].last <= 2:
                        grp.append(y)
                    else:
                        break
                return grp
        return []

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
        subj = [] if adjacent else vso_subject()
        vso = bool(subj)
        if not subj:
            subj = _group_back(adjacent[-1], before) if adjacent else svo_subject()
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
        gen = genitive()
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
            subj = svo_subject()
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
        if is_verb and subj and not objs and not vso_subject():
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
            args.actors = subj or svo_subject()
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


#: types whose trigger takes an object that is its recipient even when it is not a named party
_NP_OBJECT_TYPES = frozenset(
    {"ACCUSE", "ASSAULT", "COERCE", "SUPPORT", "REQUEST", "AID", "CONCEDE", "SANCTION"}
)
#: words a noun phrase does not start with or run over
_NP_STOP = words("arguments.np_stop")
#: first words that make a phrase a place or a manner, not a party (مدينة، منطقة، عنيفة، الكامل)
_NP_NOT_PARTY = words("arguments.np_not_party")
_NP_MAX = 3


def noun_phrase(doc: Document, words: Words, k: int, b: int, ments: list[Mention]) -> Mention | None:
    """The noun phrase starting at word ``k`` (up to three words, stopping at punctuation, function
    words and named mentions), as a participant without a name: its ref is an ``np:N`` ref."""
    toks = words.toks
    text = doc.text
    while k < b and toks[k].text in ("امس", "اليوم", "مساء", "صباح"):
        k += 1
    # adjectives of the word before (مساعدات طبية، المقذوفات الحوثية) belong to it, not to a party
    while k < b and k > 0 and _agreeing_adjective(toks[k - 1].text, toks[k].text):
        k += 1
    if k >= b:
        return None
    w0 = toks[k].text
    head = w0[1:] if len(w0) > 3 and w0[0] in "لب" and w0[1:].startswith("ال") else w0
    if head in _NP_STOP or head in _NP_NOT_PARTY or any(x.first <= k <= x.last for x in ments):
        return None
    if _in_quantity(doc, words.text_spans[k][0]):
        return None  # سنتين، 25 عاما: a length or an amount is not a party
    if _is_event_verb(w0):
        return None  # التقى خلالها …: a verb starts a clause, not a party
    if not party_head(w0) and not _counted(doc, words, k):
        return None  # دارت، الابتعاد، أرض: a verb, an action or a thing, not a party
    j = k
    while j + 1 < b and j - k + 1 < _NP_MAX:
        gap = text[words.text_spans[j][1] : words.text_spans[j + 1][0]]
        nxt = toks[j + 1].text
        if gap.strip() or nxt in _NP_STOP or (nxt.startswith("و") and len(nxt) > 3):
            break
        if nxt[0] in "لب" and len(nxt) > 3 and not nxt.startswith("لل"):
            break  # لاستخدامهم، بضرورة: a new phrase starts
        if _in_quantity(doc, words.text_spans[j + 1][0]):
            break
        if any(x.first == j + 1 for x in ments):
            # a named party inside the phrase ends it there (مركز الملك سلمان is a mention already)
            break
        j += 1
    s, e = words.text_spans[k][0], words.text_spans[j][1]
    if head != w0:
        s += 1  # the preposition ل/ب is not part of the phrase
    txt = text[s:e]
    if len(txt) < 3:
        return None
    ref = new_ref(doc, "np", {"name": txt, "kind": "other"}, fold(txt))
    return Mention(s, e, txt, ref, "other", None, k, j)


@functools.cache
def party_head(w: str) -> bool:
    """Whether the normalised word may head an unnamed party. Not a verb (دارت، يقوم), a verbal noun
    (الابتعاد، استخدام، تدريب) or a noun of what is discussed (الأرض، الأوضاع، الملف: class topic and
    thing of ``events_cues_ar.tsv``); a noun of people (class human: التلاميذ، الاتحاد) always may."""
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


def _in_quantity(doc: Document, offset: int) -> bool:
    """Whether a measure (a length of time, money, a distance, a percentage) covers ``offset``;
    counted people (سبعة مسؤولين) are parties and stay."""
    return any(q.start <= offset < q.end and q.attrs.get("kind") != "count" for q in doc.quantities)


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
        if gap.strip() or prev in _NP_STOP or any(x.last == i - 1 for x in ments):
            break
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
    ref = new_ref(doc, "np", {"name": txt, "kind": "other"}, fold(txt))
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
