"""Who the subject of a trigger is, by the sentence's order: the party after a verb (VSO), before it
(SVO), a verbal noun's genitive or the nationality adjectives after it; and the mentions a preposition
governs. Lifted out of :func:`~khabar.events.arguments.assign.assign_arguments`, whose closures they were
(issue 19): each takes what it read from the enclosing function as arguments.
"""

from __future__ import annotations

from dataclasses import replace

from khabar.arabic.clitics import drop_conjunction, in_vocab
from khabar.events.arguments.clauses import (
    _title_holder,
)
from khabar.events.arguments.vocab import (
    _ANNOUNCE,
    _KANA,
    _NO_AGENT,
    _QUOTE_BREAKS,
    _RELATIVES,
    _SAID_BY_PARTY,
    SPEECH_VERBS,
    VERBAL_TYPES,
    WINDOW,
    _actorish,
    _bare_word,
    _group,
    _group_back,
    clause_break,
)
from khabar.events.lexicon import Trigger, fold, words
from khabar.events.mentions import Mention, Words, country_ref, office_words
from khabar.events.triggers import TriggerMatch
from khabar.extract.places import nationality_country
from khabar.model import Document

#: acts that can be a verb's subject (استهدف الهجوم، أسفر القصف، أدى الانفجار، الجريمة التي استهدفت): the
#: attack nouns, blasts, incidents and crimes
_ACTS = words("arguments.attack_nouns") | words("arguments.act_subjects") | words("arguments.condemned_acts")


def _act(w: str) -> bool:
    return w.startswith("ال") and w[2:] in _ACTS


def vso_subject(
    doc: Document, words: Words, m: TriggerMatch, near_after: list[Mention], after: list[Mention], reach: int
) -> list[Mention]:
    """A verb-initial sentence's subject: the first ungoverned party within ``reach`` after the verb (a
    role held by the person named after it is that person); none when an act stands right after the verb
    (استهدف التفجير قوات الأمن: the blast is the subject, the party after it the object)."""
    toks = words.toks
    nxt = m.last + 1
    if nxt < len(toks) and nxt < (near_after[0].first if near_after else nxt + 1) and _act(toks[nxt].text):
        return []
    if (
        m.first >= 2
        and toks[m.first - 1].text in _RELATIVES
        and any(_act(toks[k].text) for k in range(max(0, m.first - 3), m.first - 1))
    ):
        # التفجير [الإرهابي] الذي استهدف قوات الأمن: the relative clause's subject is the act before it
        return []
    for x in near_after:
        if x.first - m.last > reach:
            break
        if x.prep is None and _actorish(x):
            title = x if x.kind == "role" else _office_title(doc, words, x)
            found = _title_holder(doc, words, title, after) if title is not None else None
            if found is not None:
                holder, person = found
                # … الكربولي، الحكومة إلى: after a titled name a comma and a body open the object
                return [holder, *[y for y in _group(person, after)[1:] if y.kind in ("person", "role")]]
            return _group(x, after)
    return []


def _office_title(doc: Document, words: Words, x: Mention) -> Mention | None:
    """The title that the body ``x`` is the genitive of, from the offices right before it (نائب
    مستشار [وزارة الخارجية الأمريكي]، عضو [لجنة الأمن]), as a role mention that may run on to its
    holder's name; None when no office stands right before ``x``."""
    if x.kind not in ("org", "armed"):
        return None
    offices = office_words()
    k = x.first
    while k > 0 and x.first - k < 3 and drop_conjunction(words.toks[k - 1].text) in offices:
        k -= 1
    if k == x.first:
        return None
    start = words.text_spans[k][0]
    return replace(x, start=start, text=doc.text[start : x.end], first=k, kind="role")


def svo_subject(
    doc: Document, words: Words, m: TriggerMatch, entry: Trigger, a: int, before: list[Mention]
) -> list[Mention]:
    """A nominal sentence's subject: the nearest ungoverned party before the trigger (after كان in
    "كان X قد …"), not a speaker who only reports the act."""
    toks = words.toks
    t0 = words.text_spans[m.first][0]
    if opens_clause(words, m, a):
        # جنديين قتلا … عندما فجّر مقاتلون لغما: a verb right after عندما opens a clause of its own,
        # its subject after it (a plural's agreement, بعدما عطلوا المرور, points back to it)
        return []
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
        if ".." in doc.text[x.end : t0]:
            break  # سوريا.. معارك عنيفة في داريا: a headline's label, not who fights
        if x.prep is None and _actorish(x):
            if (
                entry.type not in _SAID_BY_PARTY
                and said_by(words, x)
                and not _announced_act(doc, words, m, x)
            ):
                continue  # وأضاف دمرداش … مقتل ستة: who reports a clash did not fight it
            return _group_back(x, before)
    return []


def opens_clause(words: Words, m: TriggerMatch, a: int) -> bool:
    """Whether the trigger is a verb right after a word that opens a clause of time (عندما فجّر …), not
    one whose plural agreement points back to a subject before it (بعدما عطلوا المرور)."""
    toks = words.toks
    w = toks[m.first].text
    return m.first > a and toks[m.first - 1].text in _CLAUSE_OPENERS and not w.endswith(("وا", "ون"))


#: words that open a clause of time right before its verb (عندما فجّر مقاتلون): its subject follows
#: the verb (حيث، إذ، فيما are left out: "where", "as", "in what" as often)
_CLAUSE_OPENERS = frozenset(map(fold, ("عندما", "حين", "حينما", "بعدما", "بينما")))


#: "witnessed" (شهدت المدينة هجوما): its subject is where the event after it happens
_WITNESSED = words("coder.witnessed")


def _witnessed_subject(words: Words, x: Mention, a: int) -> bool:
    """Whether ``x`` is in the subject of a verb of witnessing: the verb within four words before it,
    no clause break between (شهدت الكاميرون، شهدت مدينة مروة أقصى شمال الكاميرون)."""
    toks = words.toks
    for k in range(x.first - 1, max(a, x.first - 5) - 1, -1):
        if clause_break(words, k):
            return False
        if _bare_word(toks[k].text) in _WITNESSED:
            return True
    return False


def _announced_act(doc: Document, words: Words, m: TriggerMatch, x: Mention) -> bool:
    toks = words.toks
    # أعلنت السلطات اعتقال ثمانية: an act announced as the object of أعلن is the announcer's
    # own, unless nobody does it (أعلن الجيش مقتل ستة)
    if _bare_word(toks[x.first - 1].text) not in _ANNOUNCE or toks[m.first].text in _NO_AGENT:
        return False
    gap = [t.text for t in toks[x.last + 1 : m.first]]
    between = doc.text[x.end : words.text_spans[m.first][0]]
    return all(g in ("امس", "اليوم") for g in gap) and not set(between) & {":", '"', "«"}


def said_by(words: Words, x: Mention) -> bool:
    """Whether ``x`` is the subject of a verb of saying right before it, or after the speaker's title
    that ``x`` is the genitive of (وقال مكتب [محافظ دياربكر]، وصرح الناطق الرسمي باسم [الرئاسة])."""
    return said_at(words, x) is not None


def said_at(words: Words, x: Mention) -> int | None:
    """The word of the verb of saying that ``x`` is the subject of (:func:`said_by`), or None."""
    toks = words.toks
    k = x.first - 1
    offices = office_words()
    while k > 0 and x.first - k <= 3 and (toks[k].text in _SPEAKER_TITLES or _office(toks[k].text, offices)):
        k -= 1
    return k if k >= 0 and in_vocab(toks[k].text, SPEECH_VERBS) is not None else None


def _office(w: str, offices: frozenset[str]) -> bool:
    """A title word (رئيس، رئيسة، وزير): وأضافت رئيسة [اتحاد الصحافيين] speaks for the body after it."""
    return w in offices or (w.endswith("ه") and w[:-1] in offices)  # the folded feminine (رئيسة)


#: the words of a speaker's title before the body it speaks for (مكتب، الناطق الرسمي باسم، مصدر)
_SPEAKER_TITLES = words("arguments.speaker_titles")


def genitive(
    doc: Document, words: Words, m: TriggerMatch, b: int, after: list[Mention], frame: str
) -> list[Mention]:
    """A verbal noun's genitive (or the nationality adjectives after it): its subject, or its patient."""
    adj = adjectives(doc, words, m, b)
    if adj:
        return adj  # القمة الروسية السورية: every nationality after the noun, not the last one alone
    # صاحب السمو الملكي الأمير …، معالي الوزير: forms of address before the genitive do not count
    k = m.last + 1
    while k < b and words.toks[k].text in _STYLES:
        k += 1
    for x in after:
        if x.first - (k - 1) > 2:
            break
        if x.prep is None and not x.coord and (frame == "patient" or _actorish(x)):
            return _group(x, after)
    return []


#: forms of address before a name or a title (صاحب السمو الملكي، معالي، فخامة)
_STYLES = words("arguments.styles")


def adjectives(doc: Document, words: Words, m: TriggerMatch, b: int) -> list[Mention]:
    """The countries of the nationality adjectives right after a noun, each a side."""
    return adjectives_at(doc, words, m.last + 1, b)


def adjectives_at(doc: Document, words: Words, start: int, b: int) -> list[Mention]:
    """The countries of the nationality adjectives from word ``start`` on (up to three), each a side."""
    toks = words.toks
    # القمة الروسية السورية، بيان مشترك سعودي مصري: nationality adjectives name the sides
    out: list[Mention] = []
    for i in range(start, min(b, start + 3)):
        w = toks[i].text
        cc = nationality_country(w)
        if cc is None and not w.startswith(("ال", "و")) and len(w) > 3:
            # the gazetteer lists the definite adjectives: بيان مشترك [سعودي مصري] is السعودي، المصري
            cc = nationality_country("ال" + w)
        if cc is None:
            if w in ("مشترك", "المشترك", "مشتركه", "المشتركه"):
                continue
            break
        ref = country_ref(doc, cc)
        if ref:
            s, e = words.text_spans[i]
            out.append(Mention(s, e, doc.text[s:e], ref, "country", cc, i, i))
    return out


def governed(preps: tuple[str, ...], pool: list[Mention]) -> list[Mention]:
    """The first mention of ``pool`` governed by one of ``preps``, with the mentions coordinated with it."""
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
