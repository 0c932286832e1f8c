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
from dataclasses import dataclass, field
from typing import Any

from khabar.arabic.clitics import CACHE_WORDS, drop_conjunction, in_vocab, strip_proclitics, vocab_reading
from khabar.arabic.normalize import NormalizedView, normalize_view, strip_deletions
from khabar.arabic.tokenize import Token, tokens_of
from khabar.events.lexicon import fold, load_actor_nouns, one_word_verbs, words
from khabar.extract.names import name_words, person_key
from khabar.extract.places import load_gazetteer, nationality_country
from khabar.extract.places_stage import place_ref
from khabar.model import Document

__all__ = ["Mention", "Words", "country_ref", "find_mentions", "new_ref", "words_of"]

#: words that govern a following mention (normalised); ``None`` in Mention.prep means none
PREPOSITIONS = words("mentions.prepositions")
#: prepositions that govern a name a few words on (نظيره الروسي …; في حضور الوزراء الثلاثة)
_STRONG = words("mentions.strong")
#: proclitic prepositions on the mention's first word
_CLITIC_PREPS = ("ب", "ل", "ك")


@dataclass(slots=True)
class Words:
    """The word tokens of the normalised view, with the view to map offsets back to ``text``."""

    view: NormalizedView
    toks: list[Token]
    #: text offset → index of the word starting there
    starts: dict[int, int]
    ends: dict[int, int]
    text_spans: list[tuple[int, int]]
    #: each word as the text writes it, hamzas kept (None when it does not align with the view)
    keys: list[str | None] = field(default_factory=list)

    def index_at(self, text_offset: int) -> int:
        """The index of the first word starting at or after ``text_offset``."""
        lo, hi = 0, len(self.text_spans)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.text_spans[mid][0] < text_offset:
                lo = mid + 1
            else:
                hi = mid
        return lo


def words_of(text: str) -> Words:
    view = normalize_view(text)
    toks = [t for t in tokens_of(view.text) if t.text[0].isalnum()]
    spans = view.offsets.spans_to_src([(t.start, t.end) for t in toks])
    # the text without the view's deletions is aligned with the view character by character
    raw = strip_deletions(text)
    keys: list[str | None] = (
        [raw[t.start : t.end] for t in toks] if len(raw) == len(view.text) else [None] * len(toks)
    )
    return Words(
        view,
        toks,
        {s: i for i, (s, _) in enumerate(spans)},
        {e: i for i, (_, e) in enumerate(spans)},
        spans,
        keys,
    )


@dataclass(slots=True)
class Mention:
    """A participant mention: ``text[start:end]``, its ref and how it is governed."""

    start: int
    end: int
    text: str
    ref: str
    kind: str  # person, role, place, country, org, armed, people, side
    country: str | None = None
    #: word indices [first, last] in the document's word list
    first: int = 0
    last: int = 0
    prep: str | None = None
    #: coordinated with the mention before it ("و", "،")
    coord: bool = False
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def is_place(self) -> bool:
        return self.kind in ("place", "country")


def new_ref(doc: Document, prefix: str, data: dict[str, Any], key: str) -> str:
    """A ref for a participant the earlier stages gave none; the same text reuses the same ref."""
    return doc.refs.add(prefix, data, key=key)


def country_ref(doc: Document, cc: str) -> str | None:
    """The ref of country ``cc`` (a GeoNames country, as the places stage writes them), added if new."""
    place = load_gazetteer().countries.get(cc)
    if place is None:
        return None
    rid = place.ref
    if rid not in doc.refs:
        doc.refs[rid] = place_ref(place.name_en, cc, place.lat, place.lon, place.geonameid, [place.name_ar])
    return rid


def _is_country_ref(rid: str) -> str | None:
    """The country code of a country's ref, or None (a town's ref, or not a place)."""
    return _country_of_ref().get(rid)


@functools.cache
def _country_of_ref() -> dict[str, str]:
    return {p.ref: cc for cc, p in load_gazetteer().countries.items()}


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
                if r.end <= start and _only_honorifics(text[r.end : start]):
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
            cands.append(Mention(start, e.end, text[start : e.end], rid, kind, e.attrs.get("country")))
        elif e.label == "ORG":
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


def _verb_trimmed(text: str, start: int, end: int) -> int:
    """The end of a person's name without a trailing event verb the NER took for a name ("الربيعة
    يستقبل")."""
    cut = text.rfind(" ", start, end)
    if cut <= start:
        return end
    return cut if fold(text[cut + 1 : end]) in one_word_verbs() else end


#: words after "X بن Y" that are not a family name
_NOT_FAMILY = words("mentions.not_family")


def _family_name(text: str, start: int, end: int) -> int:
    """The end of a person's name that the NER cut before the family name: "عبدالله بن عبدالعزيز
    [الربيعة]" (a patronymic chain is followed by a family name with the article); else ``end``."""
    if " بن " not in text[start:end] or end >= len(text) or text[end] != " ":
        return end
    j = end + 1
    k = j
    while k < len(text) and (text[k].isalpha() or text[k] in "\u0640"):
        k += 1
    w = fold(text[j:k])
    if len(w) < 5 or not w.startswith("ال") or w in _NOT_FAMILY or nationality_country(w):
        return end
    return k


#: nouns of statehood that head a country's name in apposition (جمهورية مصر العربية، دولة الكويت)
_STATE_NOUNS = words("mentions.state_nouns")


def _state_noun_before(text: str, start: int) -> int:
    """Where the mention of a country starts when a state noun precedes its name, else ``start``
    (the noun's clitics ب/ل/و stay outside: they are what governs the mention)."""
    k = start
    while k > 0 and text[k - 1] == " ":
        k -= 1
    if k == start:
        return start
    j = k
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    w = fold(text[j:k])
    if (r := vocab_reading(w, _STATE_NOUNS, "وفبل")) is not None:
        return j + r.text_cut
    return start


#: a dateline at the start of a line: one to three short fields joined by dashes, then a colon
#: (بدر العتيبي- سبق- القصيم: ، واس - القاهرة: ، سبق- متابعة:)
_DATELINE = re.compile(r"(?m)^(?:[^\n:«»\"\-–—.،]{2,30}[ \t]*[-–—][ \t]*){1,3}[^\n:«»\"\-–—.،]{0,30}:")


def _group_mentions(doc: Document, words: Words) -> list[Mention]:
    nouns = load_actor_nouns()
    longest = _noun_lengths()
    # entity start → end, to extend a group noun over a following name (construct state)
    ent_at = {e.start: e.end for e in doc.entities if e.label in ("PERSON", "ORG", "LOC")}
    # towns stay their own mentions (they are where things happen), countries may end a construct
    cities = {
        e.start
        for e in doc.entities
        if e.label == "LOC" and e.attrs.get("ref") and not _is_country_ref(e.attrs["ref"])
    }
    # a title directly before a person's name opens the name (مركز [الملك] [سلمان])
    persons = {p.start: p.end for p in doc.entities if p.label == "PERSON"}
    for r in doc.entities:
        if r.label == "ROLE" and (r.end + 1) in persons and doc.text[r.end] == " ":
            ent_at[r.start] = persons[r.end + 1]
    toks = words.toks
    orgs = [e for e in doc.entities if e.label == "ORG" and e.attrs.get("ref")]
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        hit: tuple[int, str] | None = None
        cut = 0
        first = toks[i].text
        # the stems that open a group noun, with its most words
        first_stems = [(s, longest[s]) for s in _stems(first) if s in longest]
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
                and not (cur.startswith("ال") and nxt.lstrip("بل").startswith("ال"))
            ):
                j += 1
                continue
            if nxt in _GROUP_ADJECTIVES:
                j += 1
                continue
            # a construct with a name (مركز الملك سلمان، قوات التحالف، جيش الإسلام): up to its end
            # (not after الرئيسين، الجانبين: the names that follow them are the sides themselves)
            ent = ent_at.get(words.text_spans[j + 1][0]) if kind != "side" else None
            if ent is not None:
                j = words.index_at(ent) - 1
                named = True
                continue
            if kind == "people" and j == i and not cur.startswith("ال") and nxt.startswith("ال"):
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
        s, e = words.text_spans[i][0], words.text_spans[j][1]
        # a clitic preposition/conjunction is not part of the mention's text
        s += min(cut, e - s - 1)
        txt = doc.text[s:e]
        # a group noun is no organisation (قوات، المسؤولين، الحكومة): kind "group"; one that holds a named
        # organisation (قوات الحرس الوطني) stands for it
        named_org = next((o for o in orgs if s <= o.start and o.end <= e), None)
        if named_org is not None:
            ref = str(named_org.attrs["ref"])
        else:
            data: dict[str, Any] = {"name": txt, "kind": "group", "group": kind}
            if country:
                data["country"] = country
            ref = new_ref(doc, "group", data, fold(txt))
        out.append(Mention(s, e, txt, ref, kind, country))
        i = j + 1
    return out


#: honorifics and academic titles before a name the NER model may miss (الدكتور الربيعة، المهندس سامي)
HONORIFICS = words("mentions.honorifics")


def _only_honorifics(gap: str) -> bool:
    """Whether the text between a title and a name is blank or honorifics only (الأستاذ، الدكتور، د.)."""
    return all(fold(w.rstrip(".")) in HONORIFICS for w in gap.split())


#: verbs of saying that come right before a name (قال بن سلمان)
_SAYING = words("mentions.saying")
_GIVEN_BEFORE = re.compile(r"(?:(\S+)\s+)?(\w+)\s+$")


def _given_name_before(text: str, start: int, name: str) -> int:
    """Where a name starts when the NER began it at its patronymic (د. مفرج [بن سعد الحقباني]): the
    given name before بن, and an honorific before that, are part of it."""
    if not name.startswith(("بن ", "ابن ")):
        return start
    m = _GIVEN_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return start
    given = fold(m.group(2))
    if (
        given in _NOT_NAME
        or given in one_word_verbs()
        or given.startswith("ال")  # a title or a noun (الأمير، الشيخ), not a given name
        or given in _SAYING
        or in_vocab(given, _SAYING) is not None  # وقال بن سلمان: a verb, not a given name
        or len(given) < 3
    ):
        return start
    begin = m.start(2)
    if m.group(1) and fold(m.group(1).rstrip(".")) in HONORIFICS:
        begin = m.start(1)
    return begin


#: words that cannot be the name after an honorific
_NOT_NAME = words("mentions.not_name")


#: how far (characters) a title chain after an honorific may run to its holder's name
_TITLE_CHAIN = 160


def _title_chain_to_name(text: str, start: int, person_starts: list[int]) -> bool:
    """Whether a person's name follows ``start`` within a title chain's reach, with no clause
    punctuation between (a comma or a full stop ends the titles)."""
    for p in person_starts:
        if p <= start:
            continue
        if p - start > _TITLE_CHAIN:
            return False
        return not any(c in text[start:p] for c in "،,.:؛\n")
    return False


def _honorific_mentions(doc: Document, words: Words, have: list[Mention]) -> list[Mention]:
    """A person named after an honorific (one or two words) when no entity covers the name."""
    toks = words.toks
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in have]
    person_starts = sorted(m.start for m in have if m.kind == "person")
    for i, t in enumerate(toks[:-1]):
        if t.text not in HONORIFICS:
            continue
        j = i + 1
        s, e = words.text_spans[j]
        if (
            toks[j].text in _NOT_NAME
            or any(a <= s < b for a, b in taken)
            or doc.text[words.text_spans[i][1] : s].strip(" .")
        ):
            continue
        if toks[j].text.startswith("ال") and _title_chain_to_name(doc.text, s, person_starts):
            # استقبل معالي المستشار بالديوان الملكي المشرف العام … الدكتور عبدالله الربيعة: the
            # honorific opens the titles of the name that ends them, not a person of its own
            continue
        # a second name word when it follows directly (الدكتور عبدالله الربيعة); a name that already
        # has the article is the family name (الدكتور الربيعة يستقبل: the verb is not a name)
        if (
            j + 1 < len(toks)
            and not toks[j].text.startswith("ال")
            and toks[j + 1].text not in _NOT_NAME
            and not doc.text[e : words.text_spans[j + 1][0]].strip()
        ):
            nxt = toks[j + 1].text
            if not any(a <= words.text_spans[j + 1][0] < b for a, b in taken) and nxt not in HONORIFICS:
                e = words.text_spans[j + 1][1]
        start = words.text_spans[i][0]
        txt = doc.text[start:e]
        ref = _same_person(doc, doc.text[s:e]) or new_ref(
            doc, "person", _person_data(doc.text[s:e]), fold(doc.text[s:e])
        )
        out.append(Mention(start, e, txt, ref, "person"))
    return out


#: the Arab kingdoms whose own press calls them "the Kingdom" (المملكة) without a name
_KINGDOMS = frozenset({"SA", "JO", "MA", "BH"})
_KINGDOM = words("mentions.kingdom")
#: the Saudi king's title names his country
_KINGDOM_CUES = {"SA": words("mentions.kingdom_cues_sa")}


def _kingdom_mentions(doc: Document, words: Words, have: list[Mention]) -> list[Mention]:
    """A bare "المملكة" is the one Arab kingdom the document names (by name, adjective or its
    king's title): Saudi, Jordanian and Moroccan papers call their country so ("دور المملكة في دعم
    القضية"). With no kingdom named, or two, it stays unread."""
    toks = words.toks
    at = [i for i, t in enumerate(toks) if t.text in _KINGDOM]
    if not at:
        return []
    named: set[str] = set()
    for e in doc.entities:
        if e.label == "LOC" and e.attrs.get("ref"):
            # a town names its country too (الرياض، الرباط)
            cc = _is_country_ref(e.attrs["ref"]) or e.attrs.get("country")
            if cc:
                named.add(cc)
        elif e.label == "ROLE" and e.attrs.get("country"):
            named.add(e.attrs["country"])
    for t in toks:
        cc = nationality_country(t.text)
        if cc:
            named.add(cc)
        named.update(k for k, cues in _KINGDOM_CUES.items() if t.text in cues)
    kingdoms = named & _KINGDOMS
    if len(kingdoms) != 1:
        return []
    (cc,) = kingdoms
    ref = country_ref(doc, cc)
    if ref is None:
        return []
    taken = [(m.start, m.end) for m in have]
    out: list[Mention] = []
    for i in at:
        if i + 1 < len(toks) and (nationality_country(toks[i + 1].text) or toks[i + 1].text in ("المتحده",)):
            continue  # المملكة المتحدة، المملكة الأردنية: a name the gazetteer reads, not a bare title
        ws, we = words.text_spans[i]
        if any(a < we and ws < b for a, b in taken):
            continue
        ws += len(toks[i].text) - len(drop_conjunction(toks[i].text))  # the conjunction is not part of it
        out.append(Mention(ws, we, doc.text[ws:we], ref, "country", cc))
    return out


def _surname_mentions(doc: Document, words: Words, have: list[Mention]) -> list[Mention]:
    """A person named again by the last word of a name given earlier in the document ("ياسين مكاوي"
    … "وطالب مكاوي"), where the NER missed the re-mention: the same ref."""
    last: dict[str, str] = {}
    for m in have:
        if m.kind != "person":
            continue
        parts = fold(m.text).split()
        if len(parts) >= 2 and len(parts[-1]) >= 4 and parts[-1] not in _NOT_NAME:
            last.setdefault(parts[-1], m.ref)
    if not last:
        return []
    taken = [(m.start, m.end) for m in have]
    first_at: dict[str, int] = {}
    for m in have:
        first_at[m.ref] = min(first_at.get(m.ref, m.start), m.start)
    out: list[Mention] = []
    for i, t in enumerate(words.toks):
        w = t.text
        r = vocab_reading(w, last, "وفلب", min_stem=4)
        if r is None:
            continue
        s, e = words.text_spans[i]
        s += r.text_cut
        ref = last[r.stem]
        if s < first_at.get(ref, 0) or any(a < e and s < b for a, b in taken):
            continue  # only after the full name, and not inside another mention
        out.append(Mention(s, e, doc.text[s:e], ref, "person"))
    return out


#: confidence of a person the events layer names where the NER found none (after an honorific):
#: on facts_gold's development half none of the three such refs was a person (Laplace estimate 0.2)
_EVENTS_PERSON_CONFIDENCE = 0.2


def _person_data(name: str) -> dict[str, Any]:
    """A person ref the events layer adds, with its cross-document key as the refs stage gives it."""
    return {
        "name": name,
        "kind": "person",
        "key": person_key(name_words(name)),
        "confidence": _EVENTS_PERSON_CONFIDENCE,
    }


def _same_person(doc: Document, name: str) -> str | None:
    """The ref of the one person of the document whose name ends in ``name``'s last word (الدكتور
    الربيعة → "عبدالله بن عبدالعزيز الربيعة"), or None when there is none or more than one."""
    words = fold(name).split()
    if not words or len(words[-1]) < 4:
        return None
    last = words[-1]
    hits = {
        rid
        for rid, r in doc.refs.items()
        if r.get("kind") == "person"
        and any(fold(str(n)).split()[-1:] == [last] for n in [r.get("name") or "", *r.get("aliases", [])])
    }
    return hits.pop() if len(hits) == 1 else None


#: adjectives that belong to a group's name (المقاومة الشعبية، التحالف الدولي، القوات المسلحة)
_GROUP_ADJECTIVES = words("mentions.group_adjectives")


@functools.cache
def _noun_lengths() -> dict[str, int]:
    """A group noun's first word → the most words of a group noun that starts with it."""
    out: dict[str, int] = {}
    for key in load_actor_nouns():
        if key:
            out[key[0]] = max(out.get(key[0], 0), len(key))
    return out


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
                    w = toks[j].text
                    w = w[1:] if len(w) > 2 and w[0] == "و" and w[1:] in _STRONG else w
                    if w in _STRONG:
                        m.prep = w
                        break
        prev_end = m.end


#: names whose first letter only looks like a clitic (ب + لجيكا)
_NOT_CLITIC = frozenset({"بلجيكا", "بنغلاديش", "بنما", "لبنان", "ليبيا", "بيروت", "بغداد", "بريطانيا"})
