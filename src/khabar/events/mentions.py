"""Participant mentions of a document: who can be an actor or a recipient, and where.

Built from the fact layers: PERSON entities (joined with a role directly before them: ``وزير الدفاع
الأميركي آشتون كارتر``), role holders without a name (``وزير الخارجية المصري``), places and countries
(``places``), ORG entities, and the group nouns of ``events_actors_ar.tsv`` (``القوات السعودية``,
``قوات التحالف``, ``الحوثيين``). Each mention carries its ref id (created in ``Document.refs`` when the
earlier stages made none: ``org:N`` for organisations and groups, ``role:N`` for unnamed office
holders), its kind, its country where known, and the preposition that governs it, which is what the
argument rules read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Any

from khabar.arabic.clitics import CACHE_WORDS, drop_conjunction, in_vocab, strip_proclitics
from khabar.events.lexicon import fold, load_actor_nouns, load_cues, load_triggers, words
from khabar.events.names import (
    _STATE_NOUNS,
    _family_name,
    _given_name_before,
    _honorific_mentions,
    _kingdom_mentions,
    _only_honorifics,
    _person_data,
    _state_noun_before,
    _surname_mentions,
    _verb_trimmed,
)
from khabar.events.spans import (
    Mention,
    Words,
    _is_country_ref,
    country_ref,
    new_ref,
    party_name,
    words_of,
)
from khabar.extract.places import load_gazetteer, nationality_country
from khabar.model import Document

__all__ = ["Mention", "Words", "country_ref", "find_mentions", "new_ref", "words_of"]

#: words that govern a following mention (normalised); ``None`` in Mention.prep means none
PREPOSITIONS = words("mentions.prepositions")
#: prepositions that govern a name a few words on (نظيره الروسي …; في حضور الوزراء الثلاثة)
_STRONG = words("mentions.strong")
#: proclitic prepositions on the mention's first word
_CLITIC_PREPS = ("ب", "ل", "ك")


def find_mentions(doc: Document, words: Words) -> list[Mention]:
    """Every participant mention of ``doc``, in text order, without overlaps (longest wins)."""
    text = doc.text
    cands: list[Mention] = []
    ents = sorted(doc.entities, key=lambda e: (e.start, -e.end))
    roles = [e for e in ents if e.label == "ROLE"]
    for e in ents:
        if e.label == "PERSON":
            ref = e.attrs.get("ref") or new_ref(doc, "person", _person_data(e.text), e.text)
            country = (doc.refs.get(ref) or {}).get("country")
            start = _given_name_before(text, e.start, e.text)
            end = _family_name(text, e.start, _verb_trimmed(text, e.start, e.end))
            if end <= start:
                continue
            if end > e.end and ref in doc.refs:
                # the family name the NER cut off names the same person (الدكتور الربيعة)
                aliases = doc.refs[ref].setdefault("aliases", [])
                if text[start:end] not in aliases:
                    aliases.append(text[start:end])
            # a role directly before the name is part of the mention (وزير الدفاع الأميركي آشتون كارتر),
            # also across a comma (الرئيس الفلسطيني، محمود عباس); so is an appositive role after it
            for r in sorted(roles, key=lambda r: -r.end):
                # a chain of titles before the name (نائب الرئيس اليمني رئيس مجلس الوزراء خالد بحاح),
                # honorifics among them (وزير الخارجية الأستاذ عادل الجبير)
                if r.end <= start and _only_honorifics(text, r.end, start):
                    start = r.start
                    country = country or r.attrs.get("country")
            for r in roles:
                if r.end <= e.start and not text[r.end : e.start].strip(" \u00a0،,"):
                    start = min(start, r.start)
                    country = country or r.attrs.get("country")
                elif (
                    r.start >= e.end
                    and not text[e.end : r.start].strip(" \u00a0،,")
                    and "،" in text[e.end : r.start]
                ):
                    end = r.end
                    country = country or r.attrs.get("country")
            cands.append(Mention(start, end, text[start:end], ref, "person", country))
        elif e.label == "ROLE":
            ref = e.attrs.get("ref")
            if not ref:
                ref = new_ref(
                    doc,
                    "role",
                    {
                        "name": e.text,
                        "kind": "person",
                        "roles": [{"role": e.attrs.get("role"), "country": e.attrs.get("country")}],
                        "country": e.attrs.get("country"),
                    },
                    fold(e.text),
                )
            cands.append(Mention(e.start, e.end, e.text, ref, "role", e.attrs.get("country")))
        elif e.label == "LOC" and e.attrs.get("ref"):
            rid = e.attrs["ref"]
            cc = _is_country_ref(rid)
            kind = "country" if cc else "place"
            start = e.start
            if cc:
                # the state noun before a country's name is part of it (لجمهورية ألبانيا، دولة الكويت)
                start = _state_noun_before(text, e.start)
            office = _office_before(text, words, start) if kind == "place" else None
            if office is not None:
                # أمير منطقة الرياض، محافظ جدة: an office of a town names its holder, not the town
                name = text[office : e.end]
                ref = new_ref(
                    doc,
                    "role",
                    {"name": name, "kind": "person", "country": e.attrs.get("country")},
                    fold(name),
                )
                cands.append(Mention(office, e.end, name, ref, "role", e.attrs.get("country")))
                continue
            cands.append(Mention(start, e.end, text[start : e.end], rid, kind, e.attrs.get("country")))
        elif e.label == "ORG":
            if any(r.start < e.start < r.end < e.end for r in roles):
                # the office a title runs into (رئيس [المجلس الاستراتيجي …] كمال خرازي) is a fact of
                # its own but a part of the title's mention here, which runs on to the holder's name
                continue
            ref = e.attrs.get("ref") or new_ref(doc, "org", {"name": e.text, "kind": "org"}, fold(e.text))
            cands.append(Mention(e.start, e.end, e.text, ref, "org"))
    cands.extend(_group_mentions(doc, words))
    cands.extend(_honorific_mentions(doc, words, cands))
    cands.extend(_surname_mentions(doc, words, cands))
    cands.extend(_kingdom_mentions(doc, words, cands))
    # a dateline's reporter and agency ("بدر العتيبي- سبق- القصيم:") are not parties of the news
    lines = [(mt.start(), mt.end()) for mt in _DATELINE.finditer(text)]
    if lines:
        cands = [c for c in cands if not any(s <= c.start < e for s, e in lines)]
    cands = [_unglued(doc, words, c) if c.kind in _GLUED_KINDS else c for c in cands]
    # keep the longest of overlapping candidates; ties go to the more specific kind
    rank = {"person": 0, "org": 1, "country": 2, "place": 3, "armed": 4, "role": 5, "people": 6, "side": 7}
    cands.sort(key=lambda m: (-(m.end - m.start), rank.get(m.kind, 9), m.start))
    kept: list[Mention] = []
    for m in cands:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    kept.sort(key=lambda m: m.start)
    # "الرئيسين الأسد وبوتين": a sides noun in apposition to the names after it stands for them
    kept = [
        m
        for k, m in enumerate(kept)
        if not (
            m.kind == "side"
            and k + 1 < len(kept)
            and kept[k + 1].kind == "person"
            and not text[m.end : kept[k + 1].start].strip()
        )
    ]
    _govern(words, kept, text)
    return kept


def _office_before(text: str, words: Words, start: int) -> int | None:
    """Where an office word right before a town's name starts (أمير [منطقة الرياض]، محافظ [جدة]: the
    ``role`` cues of ``ner_cues.tsv``), or None."""
    k = words.index_at(start)
    if k <= 0 or k >= len(words.toks) or words.text_spans[k][0] != start:
        return None
    s, e = words.text_spans[k - 1]
    if text[e:start].strip():
        return None
    w = drop_conjunction(words.toks[k - 1].text)
    return s if w in office_words() else None


@functools.cache
def office_words() -> frozenset[str]:
    """The titles and offices that stand before or after a person's name (the ``role`` cues of
    ``ner_cues.tsv``: رئيس، زعيم، أمين، قائد …), normalised, with and without the article."""
    from khabar.extract.features import load_cues

    cues = [w for w, classes in load_cues().items() if "role" in classes]
    # … and in construct (امير منطقة الرياض: الامير without its article)
    return frozenset(cues + [w[2:] for w in cues if w.startswith("ال") and len(w) > 4])


#: the kinds of mention whose span the NER or a construct may run on past the party
_GLUED_KINDS = frozenset({"org", "armed", "people"})


def _unglued(doc: Document, words: Words, m: Mention) -> Mention:
    """A group or organisation mention cut where a second phrase begins inside it: a number (الشرطة
    التركية [20 شخصا]), or, after a definite relative adjective that ends the name, a definite word
    that heads a group, names an act (a trigger) or cannot agree with it (منظمة العفو الدولية
    [السلطات المصرية]، مجلس التعاون الخليجي [الهجوم]، الحكومة اليمنية [الحوثيين]): the verb's object,
    not part of its subject's name; so does a plural in the oblique case after one in the nominative
    (المتمردون [جنديين]). The part kept is a party of its own (a ref of its own)."""
    text = doc.text
    toks = words.toks
    i0 = words.index_at(m.start)
    by_first = load_triggers().by_first
    k = i0 + 1
    while k < len(toks) and words.text_spans[k][1] <= m.end:
        w, prev = toks[k].text, toks[k - 1].text
        if text[words.text_spans[k - 1][1] : words.text_spans[k][0]].strip():
            break  # punctuation inside: leave the span as the NER read it
        cut = (
            w[:1].isdigit()
            or (prev.endswith("ون") and w.endswith("ين") and len(w) > 4)
            or (
                prev.startswith("ال")
                and prev.endswith(("ي", "يه"))
                and w.startswith("ال")
                and (
                    bool(_group_firsts(w))
                    or w in by_first
                    or (prev.endswith("يه") and w.endswith(("يين", "يون")))
                )
            )
        )
        if cut:
            end = words.text_spans[k - 1][1]
            kept = text[m.start : end]
            # a party of the events layer's own (as a group noun's), not a new organisation of the facts
            data: dict[str, Any] = {"name": party_name(kept), "kind": "group", "group": m.kind}
            ref = new_ref(doc, "group", data, fold(kept))
            return replace(m, end=end, text=kept, ref=ref)
        k += 1
    return m


#: a dateline at the start of a line: one to three short fields joined by dashes, then a colon
#: (بدر العتيبي- سبق- القصيم: ، واس - القاهرة: ، سبق- متابعة:)
_DATELINE = re.compile(r"(?m)^(?:[^\n:«»\"\-–—.،]{2,30}[ \t]*[-–—][ \t]*){1,3}[^\n:«»\"\-–—.،]{0,30}:")


def _group_mentions(doc: Document, words: Words) -> list[Mention]:
    nouns = load_actor_nouns()
    # entity start → end, to extend a group noun over a following name (construct state)
    ent_at = {e.start: e.end for e in doc.entities if e.label in ("PERSON", "ORG", "LOC")}
    # towns stay their own mentions (they are where things happen), countries may end a construct
    cities = {
        e.start
        for e in doc.entities
        if e.label == "LOC" and e.attrs.get("ref") and not _is_country_ref(e.attrs["ref"])
    }
    # where a place's name starts (a second name after a named group is no part of it)
    places = {e.start for e in doc.entities if e.label == "LOC"}
    # a title directly before a person's name opens the name (مركز [الملك] [سلمان])
    persons = {p.start: p.end for p in doc.entities if p.label == "PERSON"}
    for r in doc.entities:
        if r.label == "ROLE" and (r.end + 1) in persons and doc.text[r.end] == " ":
            ent_at[r.start] = persons[r.end + 1]
    toks = words.toks
    orgs = [e for e in doc.entities if e.label == "ORG" and e.attrs.get("ref")]
    out: list[Mention] = []
    # the stems of each word that open a group noun, with its most words (per word form, in C)
    opens = list(map(_group_firsts, [t.text for t in toks]))
    i = 0
    while i < len(toks):
        hit: tuple[int, str] | None = None
        cut = 0
        first = toks[i].text
        first_stems = opens[i]
        for n in (3, 2, 1) if first_stems else ():
            if i + n > len(toks):
                continue
            rest = tuple(t.text for t in toks[i + 1 : i + n])
            for stem, most in first_stems:
                if n > most:
                    continue
                kind = nouns.get((stem, *rest))
                if kind:
                    hit = (n, kind)
                    # the clitics before the stem are not part of the mention (بقوات → قوات)
                    cut = len(first) - len(stem) if first.endswith(stem) else 0
                    break
            if hit:
                break
        if hit is None:
            i += 1
            continue
        n, kind = hit
        if i > 0 and drop_conjunction(toks[i - 1].text) in _CARRIERS:
            i += n  # ناقلة جنود مدرعة، حاملة طائرات: a vehicle, not the soldiers or the aircraft
            continue
        if n == 1 and _military_base(toks, i):
            kind = "facility"  # القاعدة الجوية: what is attacked or taken, never who attacks
        j = i + n - 1
        country = None
        named = False
        # extend over a nationality adjective, a following group noun (قوات الأمن) or "X-ية"
        while j + 1 < len(toks) and j - i < 4:
            nxt = toks[j + 1].text
            cc = nationality_country(nxt)
            if cc:
                country = country or cc
                j += 1
                continue
            # a construct (قوات الأمن): the noun before a genitive has no article; two definite nouns in
            # a row are two phrases (دعا زعيم الحزب الحكومة …)
            cur = strip_proclitics(toks[j].text).stem
            if (
                any((s,) in nouns for s in _stems(nxt))
                and not nxt.startswith("و")
                # a definite noun heads no construct: الحوثيون [قوات الأمن] is a subject and an object
                and not cur.startswith("ال")
                and not _military_base(toks, j + 1)  # هاجم مسلحون [القاعدة العسكرية]
            ):
                j += 1
                continue
            if nxt in _GROUP_ADJECTIVES or (kind == "facility" and nxt in _BASE_ADJECTIVES):
                j += 1
                continue
            # a construct with a name (مركز الملك سلمان، قوات التحالف، جيش الإسلام): up to its end
            # (not after الرئيسين، الجانبين: the names that follow them are the sides themselves)
            # (a definite noun is in construct with none: المقاومة [تطهر زنجبار] is a subject and its verb;
            # a definite name after it agrees with it as an adjective: المسلحين الحوثيين)
            construct = kind != "side" and (named or not cur.startswith("ال") or nxt.startswith(("ال", "لل")))
            # (after a name a place starts a new phrase: منظمة «هيومن رايتس ووتش» [اسرائيل]; a person there
            # holds the title: رئيس وزراء جمهورية باكستان الإسلامية محمد نواز شريف)
            at = words.text_spans[j + 1][0]
            ent = ent_at.get(at) if construct and not (named and at in places) else None
            if ent is not None:
                j = words.index_at(ent) - 1
                named = True
                continue
            if (
                kind == "people"
                and j == i
                and not cur.startswith("ال")
                and nxt.startswith("ال")
                and nxt not in _TIME_WORDS  # قتل 37 شخصا [الجمعة]: when, not whose
            ):
                j += 1  # وزراء الخارجية، قادة الجيوش: a plural head and its definite genitive
                continue
            if (
                kind == "people"
                and not cur.startswith("ال")
                and not nxt.startswith(("ال", "و"))
                and j + 2 < len(toks)
                and words.text_spans[j + 2][0] in ent_at
                and words.text_spans[j + 2][0] not in cities
                and j - i < 3
            ):
                j += 1  # a construct chain up to a name: وزراء خارجية [السعودية]، قادة جيوش [الخليج]
                continue
            if named and nxt.startswith("لل") and len(nxt) > 4:
                j += 1  # the named institution's purpose (مركز الملك سلمان للإغاثة)
                named = False
                continue
            break
        # an institution's or a force's quoted name (فصائل «جيش الفتح»); not a crowd's quoted description
        j, closed = _quoted_name_end(doc.text, words, i, j) if kind in ("armed", "org") else (j, False)
        s, e = words.text_spans[i][0], words.text_spans[j][1] + closed
        # a clitic preposition/conjunction is not part of the mention's text
        s += min(cut, e - s - 1)
        txt = doc.text[s:e]
        # a group noun is no organisation (قوات، المسؤولين، الحكومة): kind "group"; one that holds a named
        # organisation (قوات الحرس الوطني) stands for it
        named_org = next((o for o in orgs if s <= o.start and o.end <= e), None)
        if named_org is not None:
            ref = str(named_org.attrs["ref"])
        else:
            data: dict[str, Any] = {"name": party_name(txt), "kind": "group", "group": kind}
            if country:
                data["country"] = country
            ref = new_ref(doc, "group", data, fold(txt))
        out.append(Mention(s, e, txt, ref, kind, country))
        i = j + 1
    return out


#: quotation marks that open or close a name glued to its first or last word
_QUOTES = frozenset('"«»“”')
#: how many words a quoted group name may run
_QUOTED_MAX = 5


def _quoted_name_end(text: str, words: Words, i: int, j: int) -> tuple[int, bool]:
    """The last word of the group mention ``i … j`` with the quoted name it opens or heads, and
    whether the closing mark belongs to the mention: a quotation that opens on its first word ("جيش
    الفتح"), inside it or right after it (فصائل «جيش الفتح»، حركة "نور الدين الزنكي") and closes within
    a few words is the group's name, whose words are not nouns of the actor list; else ``(j, False)``."""
    spans = words.text_spans

    def opens(k: int) -> bool:
        return text[spans[k][0] - 1 : spans[k][0]] in _QUOTES

    k0 = next((k for k in range(i, min(len(spans), j + 2)) if k > 0 and opens(k)), None)
    if k0 is None:
        return j, False
    if k0 > i and words.toks[k0 - 1].text.startswith("ال"):
        # القوات السعودية "تَرُد": a quotation after a definite word is the writer's, not the
        # group's name, which follows a head in construct (فصائل «جيش الفتح»، حركة "نور الدين الزنكي")
        return j, False
    for k in range(k0, min(len(spans), k0 + _QUOTED_MAX)):
        if k > k0 and opens(k):
            break  # another quotation opens first
        if text[spans[k][1] : spans[k][1] + 1] in _QUOTES:
            return (max(j, k), k0 > i) if k >= j else (j, False)
        if k + 1 < len(spans) and any(c in text[spans[k][1] : spans[k + 1][0]] for c in "،,.:؛()"):
            break
    return j, False


#: القاعدة before these is a base, not al-Qaeda (القاعدة الجوية، القاعدة العسكرية الروسية): a facility
_BASE_WORDS = words("mentions.base_words")
_BASE_ADJECTIVES = words("mentions.base_adjectives")


def _military_base(toks: list[Any], i: int) -> bool:
    """Whether the group noun at word ``i`` is a word for a base followed by a base's adjective or a
    nationality (القاعدة الجوية، قاعدة عسكرية، القاعدة الروسية): a facility, not the armed group."""
    if i + 1 >= len(toks) or drop_conjunction(toks[i].text) not in _BASE_WORDS:
        return False
    nxt = toks[i + 1].text
    return nxt in _BASE_ADJECTIVES or nationality_country(nxt) is not None


#: adjectives that belong to a group's name (المقاومة الشعبية، التحالف الدولي، القوات المسلحة)
_GROUP_ADJECTIVES = words("mentions.group_adjectives")
#: days and times of day (الجمعة، الليلة): never a group noun's genitive
_TIME_WORDS = words("arguments.formula_time")


@functools.cache
def _noun_lengths() -> dict[str, int]:
    """A group noun's first word → the most words of a group noun that starts with it."""
    out: dict[str, int] = {}
    for key in load_actor_nouns():
        if key:
            out[key[0]] = max(out.get(key[0], 0), len(key))
    return out


@functools.lru_cache(maxsize=CACHE_WORDS)
def _group_firsts(w: str) -> tuple[tuple[str, int], ...]:
    """The stems of ``w`` (:func:`_stems`) that open a group noun, each with the most words of one."""
    longest = _noun_lengths()
    return tuple((s, longest[s]) for s in _stems(w) if s in longest)


@functools.lru_cache(maxsize=CACHE_WORDS)
def _stems(w: str) -> tuple[str, ...]:
    """``w`` and its readings without a conjunction or a preposition (remembered per word form)."""
    out = [w]
    out.append(drop_conjunction(w))
    for x in list(out):
        if len(x) > 3 and x[0] in _CLITIC_PREPS:
            out.append(x[1:])
            if x.startswith("لل"):
                out.append("ال" + x[2:])
    return tuple(out)


def _govern(words: Words, ments: list[Mention], text: str) -> None:
    """Set each mention's word range, governing preposition and coordination."""
    toks = words.toks
    prev_end = -1
    for m in ments:
        m.first = words.index_at(m.start)
        # the mention may start inside a word after its clitics (والمقداد): back up to that word
        if m.first > 0 and words.text_spans[m.first - 1][1] > m.start:
            m.first -= 1
        last = words.index_at(m.end) - 1
        m.last = max(m.first, last)
        w0 = toks[m.first].text if m.first < len(toks) else ""
        # a clitic و/ف lies before the mention's own text; when the mention starts with the word, the
        # letter is the word's own (وزراء، وفد، وزارة)
        clitic = m.first < len(toks) and m.start > words.text_spans[m.first][0]
        head = drop_conjunction(w0) if clitic else w0
        if w0 != head and w0[0] == "و":
            m.coord = True
        lead = text[words.text_spans[m.first][0] : m.start] if clitic else ""
        if head.startswith(("بال", "لل", "كال")) or (
            len(head) > 3
            and head[0] in "بل"
            and (head[1:] in load_gazetteer().names or head[1:] in _STATE_NOUNS)
            and head not in _NOT_CLITIC
        ):
            m.prep = fold(head[0])
        elif lead[-1:] in ("ب", "ل"):
            m.prep = lead[-1]  # the mention starts after an attached preposition (بقوات، لقوات)
        elif m.first > 0:
            prev = toks[m.first - 1].text
            p = in_vocab(prev, PREPOSITIONS, min_stem=2) or prev
            if p in PREPOSITIONS:
                m.prep = p
            elif prev == "و" or (
                prev_end >= 0 and "،" in text[prev_end : m.start] and m.start - prev_end < 4
            ):
                m.coord = True
            else:
                # "مع نظيره الروسي سيرغي لافروف": a strong preposition two or three words back still
                # governs the name when no other mention comes between
                for k in (2, 3):
                    j = m.first - k
                    if j < 0 or words.text_spans[j][0] < prev_end:
                        break
                    if _topic_noun(toks[j + 1].text):
                        # يبحث مع جعجع [أوضاع] لبنان: the name after a topic noun is what is discussed
                        break
                    w = toks[j].text
                    w = w[1:] if len(w) > 2 and w[0] == "و" and w[1:] in _STRONG else w
                    if w in _STRONG:
                        m.prep = w
                        break
        prev_end = m.end


#: vehicles named by what they carry (ناقلة جنود، حاملة طائرات): the group noun after one is no party
_CARRIERS = words("mentions.carriers")


def _topic_noun(w: str) -> bool:
    """A noun of what is discussed (أوضاع، الملف، مستجدات: class topic of ``events_cues_ar.tsv``)."""
    return drop_conjunction(w) in load_cues()["topic"]


#: names whose first letter only looks like a clitic (ب + لجيكا)
_NOT_CLITIC = frozenset({"بلجيكا", "بنغلاديش", "بنما", "لبنان", "ليبيا", "بيروت", "بغداد", "بريطانيا"})
