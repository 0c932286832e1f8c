"""Phrases the argument rules read around a trigger: the break after a host's titles (a place or a
time), a relative clause's doer, a title's holder, whose contribution is praised, the agent phrase of
an attack and what is captured; moved out of the one arguments module (issue 19).
"""

from __future__ import annotations

from khabar.arabic.clitics import drop_conjunction, in_vocab, readings
from khabar.events.arguments.phrases import _is_event_verb, noun_phrase
from khabar.events.arguments.vocab import _CLAUSE_BREAKS, _group
from khabar.events.lexicon import fold, words
from khabar.events.mentions import Mention, Words, new_ref, office_words
from khabar.events.spans import party_name
from khabar.events.triggers import TriggerMatch
from khabar.model import Document

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
    for marker in (
        "على يد",
        "على أيدي",
        "بيد",
        "بأيدي",
        "في يد",
        "في أيدي",
        "من قبل",
        "برصاص",
        "بنيران",
        # … and the weapons of a party (مقتل 44 يمنيا بألغام المتمردين، بقذائف الحوثيين)
        "بألغام",
        "بقذائف",
        "بصواريخ",
        "ببراميل",
    )
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


#: times of day and days (أمس، اليوم، الأحد …): a title does not run over one
_TIME_WORDS = words("arguments.formula_time")

#: how many words a title may run from its office to its holder's name (وزيرة الخارجية الأميركية السابقة
#: المرشحة لانتخابات الحزب الديموقراطي للرئاسة الأميركية هيلاري كلينتون)
_TITLE_REACH = 9


def _title_holder(
    doc: Document, words: Words, role: Mention, after: list[Mention]
) -> tuple[Mention, Mention] | None:
    """The person a title opens (as one mention from the title to the name, and the name's own
    mention) when the title runs over its office to the name (رئيس المجلس
    الاستراتيجي للعلاقات الخارجية في إيران كمال خرازي): up to :data:`_TITLE_REACH` words of nouns,
    adjectives and the office's places, no punctuation, no "نظيره" (his counterpart is someone else)."""
    toks = words.toks
    person = next((y for y in after if y.kind == "person" and 0 < y.first - role.last <= _TITLE_REACH), None)
    if person is None or set(doc.text[role.end : person.start]) & _CLAUSE_BREAKS:
        return None
    for i in range(role.last + 1, person.first):
        w = toks[i].text
        if w in _NOT_TITLE or w in _TIME_WORDS or _is_event_verb(w):
            return None  # … السيسي أمس الأمير محمد بن سلمان: a time word ends the title, the guest follows
        if w.startswith("و") and len(w) > 3:
            # a second party, a second office (رئيس الوزراء والوزير X) or a verb (وصافح) ends the title;
            # a definite noun of the office's own name does not (عضو لجنة الأمن والدفاع النيابية النائب X)
            bare = drop_conjunction(w)
            if not bare.startswith("ال") or bare in office_words() or any(y.first == i for y in after):
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
                    ref = new_ref(doc, "np", {"name": party_name(txt), "kind": "other"}, fold(txt))
                    np = Mention(np.start, owner.end, txt, ref, "other", None, np.first, owner.last)
                return [np]
    return []
