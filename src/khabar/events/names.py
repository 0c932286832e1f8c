"""The name and party helpers of the mention finder (:mod:`khabar.events.mentions`): where a person's
name really starts and ends (a verb trimmed off, a family name, a given name or a title chain before
it, a state noun), and the mentions the NER missed (a person named after an honorific, "the kingdom"
for its country, a person named again by the last word of a name given earlier) with their person
refs. Moved out of the mention finder (issue 19).
"""

from __future__ import annotations

import re
from typing import Any

from khabar.arabic.clitics import drop_conjunction, in_vocab, vocab_reading
from khabar.events.lexicon import fold, one_word_verbs, words
from khabar.events.spans import Mention, Words, _is_country_ref, country_ref, new_ref
from khabar.extract.names import name_words, person_key
from khabar.extract.places import nationality_country
from khabar.model import Document


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


#: honorifics and academic titles before a name the NER model may miss (الدكتور الربيعة، المهندس سامي)
HONORIFICS = words("mentions.honorifics")


#: a run of non-space characters (the words of ``str.split()``: both use the same white space)
_NON_SPACE = re.compile(r"\S+")


def _only_honorifics(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]``, between a title and a name, is blank or honorifics only (الأستاذ،
    الدكتور، د.). Its words read lazily, up to the first that is none: the span may be long (every
    role before a name is asked), and most spans fail at their first word."""
    words = _NON_SPACE.finditer(text, start, len(text) if end is None else end)
    return all(fold(m.group().rstrip(".")) in HONORIFICS for m in words)


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
