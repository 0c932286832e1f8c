"""When and where an event happens, and what it is about, for the coder (:mod:`khabar.events.coder`).

Moved out of the coder (issue 19): the sentence's dates (only plausible ones: not a vision years ahead),
its places (a locative phrase, ground taken, "شهدت مدينة …") and its topics.
"""

from __future__ import annotations

import datetime
from typing import Any

from khabar.events.arguments.clauses import _captures
from khabar.events.context import _PARTS, _PLACE_HEADS, _WORD_BEFORE, _bare, _has_cue
from khabar.events.event import Event
from khabar.events.lexicon import fold, load_triggers, words
from khabar.events.mentions import Mention, Words
from khabar.events.participants import _common_noun
from khabar.events.topics import find_topics
from khabar.model import Document

#: event types that carry discussion topics
TOPIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})


def _sentence_facts(
    doc: Document,
    words: Words,
    all_events: list[Event],
    sevents: list[Event],
    smentions: list[Mention],
    sent: tuple[int, int],
    nxt: tuple[int, int] | None,
) -> None:
    """Place, date, duration and topics of the sentence's events."""
    ss, se = sent
    kept = [e for e in all_events if e.sentence == sent]
    if not kept:
        return
    a = words.index_at(ss)
    for ev in kept:
        used = {x.ref for x in ev.args.all()}
        visit_to = [m for m in ev.args.recipients if m.is_place] if ev.frame == "visit" else []
        here = [p for p in _event_places(words, ev, smentions, a) if p.ref not in used]
        taken = _ground_taken(words, ev, smentions) + _witnessed_by(words, ev, smentions, a)
        cand = visit_to + taken + here
        ev.place = cand[0] if cand else None
    dates = [
        d for d in doc.dates if ss <= d.start and d.end <= se and _plausible_date(doc, d.attrs.get("value"))
    ]
    for ev in kept:
        if dates:
            d = min(dates, key=lambda d: abs(d.start - ev.start))
            ev.date = {"value": d.attrs.get("value"), "text": d.text, "start": d.start, "end": d.end}
    durs = [
        q
        for q in doc.quantities
        if q.attrs.get("kind") == "duration" and ss <= q.start and q.end <= se and how_long(doc.text, q.start)
    ]
    for q in durs:
        # a duration belongs to the nearest event trigger before it in the sentence
        owners = [e for e in kept if e.end <= q.start]
        if owners:
            ev = max(owners, key=lambda e: e.end)
            if ev.duration is None:
                ev.duration = {"value": q.attrs.get("value"), "text": q.text, "start": q.start, "end": q.end}
    topics = find_topics(doc.text[ss:se]) | (find_topics(doc.text[nxt[0] : nxt[1]]) if nxt else set())
    for ev in kept:
        if ev.type in TOPIC_TYPES:
            ev.topics |= topics


#: words before a duration that make it a time, not a length (وقع قبل يومين "two days ago", منذ شهرين)
_AGO = words("coder.ago")


def how_long(text: str, start: int) -> bool:
    """Whether the duration at ``start`` says how long something lasted, not when: after قبل، منذ، بعد
    (ago, since, after) it dates the event (وقع قبل يومين), and an event given it would last two days."""
    m = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return m is None or _bare(fold(m.group(1))) not in _AGO


#: how far after the publication an event's date may lie (a planned summit next year); dates beyond are
#: targets and visions ("رؤية 2030"، "بحلول عام 2050"), not when the event happens
FUTURE_YEARS = 1


def _plausible_date(doc: Document, value: Any) -> bool:
    """Whether a date's value may date an event of ``doc``: not later than its publication (or, when
    the page gives none, today) plus :data:`FUTURE_YEARS`. Unresolved dates (no value) may."""
    if not isinstance(value, str) or len(value) < 4 or not value[:4].isdigit():
        return True
    anchor = doc.published if isinstance(doc.published, str) and doc.published[:4].isdigit() else None
    limit = int(anchor[:4]) if anchor else datetime.date.today().year
    year = int(value[:4])
    if year != limit + FUTURE_YEARS:
        return year < limit + FUTURE_YEARS
    # the last allowed year: compare the rest of the date with the anchor's
    return not anchor or value[4:] <= anchor[4:10] or len(value) == 4


#: times that may stand between an event and its place (التقى X Y أمس في الرياض)
_FORMULA_TIME_WORDS = words("coder.formula_time_words")


#: prepositions that govern what is not where the event happens (من مدينة درعا، إلى جانب دمشق)
_NOT_LOCATIVE = words("coder.not_locative")


#: lexicon rows of taking ground (their object is where the event happens)
_CAPTURE_ROWS = frozenset({"ASSAULT:تحرير", "ASSAULT:سيطرت علي"})


#: types of physical events: a place right after their verbal noun is theirs (معارك الأنبار)
_PHYSICAL = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})


def _ground_taken(words: Words, ev: Event, ments: list[Mention]) -> list[Mention]:
    """The place a capture takes (تحرير عدن، سيطرت على زنجبار، استيلائهم على مدينة تمبكتو) or that a
    physical event's verbal noun names (معارك الأنبار): where it happens."""
    toks = words.toks
    capture = ev.type == "ASSAULT" and (
        _captures(toks[ev.match.first].text) or ev.match.trigger.row in _CAPTURE_ROWS
    )
    for m in ments:
        if not m.is_place or m.first <= ev.match.last or _common_noun(m):
            continue
        gap = [_bare(toks[i].text) for i in range(ev.match.last + 1, m.first)]
        if capture and len(gap) <= 3 and all(g in _PLACE_HEADS or g in ("على", "علي") for g in gap):
            return [m]
        if capture and len(gap) <= 5 and _partitive(words, ev.match.last, m.first):
            return [m]  # تحرير أجزاء مهمة من مدينة درعا: the ground is part of the place
        if ev.type in _PHYSICAL and not ev.args.verb and not gap and m.prep is None:
            return [m]
    return []


def _partitive(words: Words, lo: int, hi: int) -> bool:
    """Whether the words between a capture and a place name a part of it (أجزاء مهمة من مدينة):
    a part noun first, then only adjectives, من and the place's head nouns, no clause break."""
    toks = words.toks
    gap = [_bare(toks[i].text) for i in range(lo + 1, hi)]
    view = words.view.text
    if (
        not gap
        or gap[0].lstrip("ل") not in _PARTS
        or any(c in view[toks[lo].end : toks[hi].start] for c in "،,.:؛")
    ):
        return False
    return all(g in _PARTS or g in _PLACE_HEADS or g == "من" or g.endswith(("ة", "ه")) for g in gap[1:])


#: "witnessed": its subject is where the event named after it happens (شهدت مدينة فيرغسون احتجاجات)
_WITNESSED = words("coder.witnessed")


def _witnessed_by(words: Words, ev: Event, ments: list[Mention], a: int) -> list[Mention]:
    """The place that "witnessed" a nominal event (شهدت مدينة فيرغسون اليوم احتجاجات), or []."""
    if ev.args.verb:
        return []
    toks = words.toks
    for i in range(ev.match.first - 1, max(a, ev.match.first - 9) - 1, -1):
        if _bare(toks[i].text) in _WITNESSED:
            return [
                m
                for m in ments
                if m.is_place
                and i < m.first < ev.match.first
                and all(_bare(toks[j].text) in _PLACE_HEADS for j in range(i + 1, m.first))
            ][:1]
    return []


def _governing_prep(words: Words, p: Mention) -> int | None:
    """The index of the word holding the في or ب that places ``p``: the mention's own word for
    بالرياض, the word before it for في الرياض, or further back over the words of one locative phrase
    (في مدينة درعا، في العاصمة الروسية موسكو، في بلدة سيزر جنوب شرق تركيا، بقطاع الطوال بمنطقة جازان);
    None when another preposition, a clause break or an event word comes first."""
    toks = words.toks
    if p.prep == "ب" and toks[p.first].text.startswith("ب"):
        return p.first
    view = words.view.text
    k = p.first - 1
    while k >= 0 and p.first - k <= _LOCATIVE_REACH:
        if any(c in view[toks[k].end : toks[k + 1].start] for c in '،,.:؛()«»"\n'):
            return None
        w = _bare(toks[k].text)
        if w in ("في", "وفي", "ففي"):
            return k
        if w[:1] == "ب" and (w[1:] in _PLACE_HEADS or (w.startswith("بال") and w[1:] in _PLACE_HEADS)):
            return k
        if w[:1] == "ب" and w[1:] in _DIRECTIONS:
            return k  # بشمال غرب سورية: in the north-west of Syria
        if w in _NOT_LOCATIVE or w in load_triggers().by_first or w[:1] == "ل":
            return None
        k -= 1
    return None


#: the quarters of a place (شمال، جنوب غرب): with ب they open a locative phrase (بشمال غرب سورية)
_DIRECTIONS = words("coder.directions")

#: how many words a locative phrase may run from في to the place named at its end
_LOCATIVE_REACH = 6


def _event_places(words: Words, ev: Event, ments: list[Mention], a: int) -> list[Mention]:
    """The places where the sentence puts the event: places governed by في or ب (في الرياض، بالكاميرون،
    في مدينة درعا), the nearest after the trigger first. Not a place governed by a topic ("ناقشا
    الأوضاع في ليبيا"، "تطورات الأزمة في اليمن": ``events_cues_ar.tsv`` class topic), nor one no
    preposition places (تطرقت لمسار أستانة، إلى جانب دمشق، وإدلب حاضرة: what was discussed, a party)."""
    toks = words.toks
    after: list[tuple[int, Mention]] = []
    before: list[tuple[int, Mention]] = []
    phrases: set[int] = set()
    for p in sorted((m for m in ments if m.is_place and not _common_noun(m)), key=lambda m: m.first):
        k = _governing_prep(words, p)
        if k is None and ev.type == "AID" and p.first > ev.match.last and p.prep in ("إلى", "الى"):
            k = p.first - 1  # وصلت الطائرة الإغاثية إلى مطار عدن: where the aid goes
        if k is None or k in phrases:
            continue  # none, or a wider place of the same phrase (في محافظة تعز جنوب غرب اليمن)
        phrases.add(k)
        if k - 1 >= a and _has_cue(toks[k - 1].text, "topic"):
            continue
        if p.first > ev.match.last:
            after.append((p.first - ev.match.last, p))
        else:
            before.append((ev.match.first - p.last, p))
    return [p for _, p in sorted(after, key=lambda x: x[0])] + [
        p for _, p in sorted(before, key=lambda x: x[0])
    ]
