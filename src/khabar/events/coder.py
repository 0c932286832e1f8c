"""The event coder: triggers → PLOVER events with arguments, in one document.

Steps (each a small function below):

1. sentences (:mod:`khabar.events.sentences`) and participant mentions (:mod:`khabar.events.mentions`);
2. triggers per sentence (:mod:`khabar.events.triggers`), each with its lexicon frame;
3. arguments by the frame (:mod:`khabar.events.arguments`): VSO and nominal sentences, "بين X و Y",
   "مع X", "بحضور X", "انضم إلى", the agentless passive, coordination; a statement's speaker for
   verbal events; a headline's actor from the body;
4. flags and PLOVER's type rules: negation, future/planned (an announced meeting is AGREE, a future
   retreat CONCEDE, other future events keep their type with ``future``);
5. one event per distinct event and sentence (nearby same-type triggers merge: ``قصف … بالهاون``);
6. the two small trained models (:mod:`khabar.events.filter`): a filter over candidate events and an
   argument model that re-weighs the candidate participants;
7. document-level rules: the visitor is the actor and the host the recipient in every meeting of a
   visit; topics shared by the mentions of one meeting; durations from the next sentence.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import replace
from itertools import chain
from typing import Any

from khabar.arabic.clitics import CACHE_WORDS, drop_conjunction, drop_future, in_vocab, readings
from khabar.events.arguments import (
    QUOTE_OPENERS,
    SPEECH_VERBS,
    VERBAL_TYPES,
    Args,
    _captures,
    _looks_nominal,
    assign_arguments,
    noun_phrase,
    noun_phrase_before,
)
from khabar.events.document import document_events
from khabar.events.event import Event
from khabar.events.filter import argument_candidates, choose_arguments, event_features, load_models
from khabar.events.lexicon import fold, load_cues, load_domain_words, load_triggers, words
from khabar.events.mentions import Mention, Words, country_ref, find_mentions, words_of
from khabar.events.sentences import sentence_spans
from khabar.events.topics import find_topics
from khabar.events.triggers import TriggerMatch, find_triggers, word_readings
from khabar.extract.places import nationality_country
from khabar.model import Document

__all__ = ["Event", "code_events"]

#: words that make a trigger negated when they come right before it (up to two words before)
_NEGATORS = words("coder.negators")
#: words near a trigger that make it a plan or an expectation (up to five words either side)
_FUTURE_CUES = words("coder.future_cues")
#: words that date an event in the past: a future word after them is about something else
_PAST_TIME = words("coder.past_time")
#: a purpose is a plan of what follows it (وساطة تهدف إلى … توقيع اتفاق: the signing), not of the
#: event before it (the mediation is under way)
_PURPOSE_CUES = words("coder.purpose_cues")
#: verbs that, with the future prefix س, make a plan of the event near them (سيتم، ستعمل، سيشارك)
_FUTURE_AUX = words("coder.future_aux")
#: the verbal noun "holding" right before a meeting noun (عقد قمة استثنائية): a planned meeting
_PLAN_MASDAR = words("coder.plan_masdar")
#: phrases before a noun trigger that make it an anchor of another event ("خلال الزيارة")
_ANCHORS = words("coder.anchors")
#: CONSULT cues for the mode, in the event's sentence
_PHONE = ("هاتفي", "هاتفيا", "هاتفيه", "الهاتفي", "الهاتفيه", "هاتف")
_THIRD = ("بوساطه", "برعايه", "باشراف", "وساطه", "الوساطه")
#: sessions of an organisation or a ministerial council: multilateral whoever is named
_MULTI_STRONG = (
    "التشاوري",
    "مجلس التعاون",
    "الجامعه العربيه",
    "منظمه التعاون",
    "مجلس الامن",
    "الامم المتحده",
)
#: weaker cues, multilateral with two named parties or more
_MULTI = ("وزراء", "الاتحاد الاوروبي")
#: REQUEST / REJECT modes (PLOVER): what is asked for or refused, from the sentence (first cue wins)
_ASK_MODES = (
    ("meet", ("محادثات", "حوار", "الحوار", "اجتماع", "الاجتماع", "زياره", "مفاوضات", "لقاء", "التفاوض")),
    (
        "yield",
        (
            "انسحاب",
            "الانسحاب",
            "استسلام",
            "الاستسلام",
            "وقف اطلاق النار",
            "وقف العنف",
            "الزناد",
            "السلاح",
            "وقف العمليات",
            "تسليم",
            "الافراج",
            "اطلاق سراح",
        ),
    ),
    ("assist", ("مساعد", "دعم", "الدعم", "اغاثه", "الاغاثه", "انقاذ", "حمايه", "امدادات", "تمويل")),
)
#: ASSAULT modes read from the sentence when the trigger has none (first cue wins)
_ASSAULT_MODES = (
    ("suicide-attack", ("انتحاري", "انتحاريه", "انتحاريين", "فجر نفسه")),
    ("aerial", ("غارات", "غاره", "جويه", "الجويه", "طائرات", "مقاتلات", "الطيران", "الاباتشي", "مروحيات")),
    (
        "heavy-weapons",
        ("قذائف", "قذيفه", "هاون", "بالهاون", "مدفعيه", "صواريخ", "صاروخيه", "مدرعات", "دبابات"),
    ),
    ("explosives", ("تفجير", "انفجار", "عبوه", "ناسفه", "مفخخه", "الغام", "لغم")),
    ("firearms", ("رصاص", "بالرصاص", "النار علي", "اطلاق النار", "اطلاق نار")),
    ("primitive", ("اضرم", "احرق", "حارقه", "الحجاره", "حرق")),
    ("abduct", ("اختطاف", "خطف", "اسر", "دروعا بشريه")),
)
#: the cues as the normalised view writes them (some above are written with hamzas: قذائف، طائرات)
_ASK_MODE_CUES = tuple((md, tuple(fold(c) for c in cues)) for md, cues in _ASK_MODES)
_ASSAULT_MODE_CUES = tuple((md, tuple(fold(c) for c in cues)) for md, cues in _ASSAULT_MODES)
#: event types that carry discussion topics
TOPIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
#: how far apart (in words) two same-type triggers of one sentence may be and still be one event
MERGE_GAP = 4


def unnamed_kept(events: list[dict[str, Any]]) -> set[str]:
    """The refs that ``events`` (records as :func:`code_events` returns them) hold as arguments: the
    events stage keeps these of the unnamed-phrase refs (``np:``) the coder made, and prunes the rest."""
    return {a["ref"] for ev in events for a in ev.get("arguments") or []}


def code_events(
    doc: Document, *, use_filter: bool = True, with_features: bool = False
) -> list[dict[str, Any]]:
    """The PLOVER events of ``doc`` (whose fact stages have run), as record dicts: document-level
    events (:mod:`khabar.events.document`), each with its mentions under ``mentions``.

    ``use_filter``: drop the candidates the trained filter (:mod:`khabar.events.filter`) rejects and
    give each mention the filter's calibrated ``confidence``; ``with_features``: add each mention's
    filter features under ``_features`` (for training)."""
    text = doc.text
    if not text.strip():
        return []
    words = words_of(text)
    if _domain_page(words):
        return []  # a sports or market page: لقاء، قمة، هجوم، الجلسة are games, moves and sessions
    mentions = [m for m in find_mentions(doc, words) if not _named_after(words, m)]
    for m in mentions:
        # a place at the end of a locative phrase (في بلدة سيزر جنوب شرق تركيا) is where, not who
        if m.is_place and m.prep is None and _governing_prep(words, m) is not None:
            m.prep = "في"
    sents = sentence_spans(text)
    # names (as the mentions trimmed them: "الربيعة [يستقبل]" ends before the verb)
    names = [m for m in mentions if m.kind in ("person", "place", "country")]
    events: list[Event] = []
    for si, (ss, se) in enumerate(sents):
        a, b = words.index_at(ss), words.index_at(se)
        sw = words.toks[a:b]
        if not sw:
            continue
        teh = frozenset(i - a for i in range(a, b) if text[words.text_spans[i][1] - 1] == "ة")
        matches = find_triggers(sw, teh, words.keys[a:b] if words.keys else None)
        smentions = [m for m in mentions if ss <= m.start and m.end <= se]
        sevents: list[Event] = []
        titles = _title_spans(text, ss, se) if matches else []
        fighting: list[bool] = []  # computed once, when a trigger needs it
        for k, mt in enumerate(matches):
            # the match's word indices are sentence-relative: make them document-relative
            gm = TriggerMatch(mt.first + a, mt.last + a, mt.entries, mt.fut, mt.purpose)
            start, end = words.text_spans[gm.first][0], words.text_spans[gm.last][1]
            nxt = matches[k + 1].first + a if k + 1 < len(matches) else b
            prv = matches[k - 1].last + a + 1 if k else a
            if any(e.start <= start and end <= e.end for e in names):
                continue  # inside a name: فيصل is not ف + يصل
            if any(s <= start < e for s, e in titles):
                continue  # معرض «أشعل أملا»، ندوة بعنوان …: the title of a work, not an event
            if _dawn_of(words, gm, mentions):
                continue  # فجر ليبيا، «فجر الإسلام»: "the dawn of" a place, a name, not فجّر "blew up"
            if _counted_noun(words, gm, a):
                continue  # مقتل 147 طالبا: a counted noun ("students"), not طالب "demanded"
            for entry in gm.entries:
                if "armed" in entry.flags:
                    if not fighting:
                        fighting.append(_fighting(words, a, b, smentions, matches))
                    if not fighting[0] and not _ground_after(words, gm, b, smentions):
                        continue  # أحرز تقدما في المفاوضات، أسر الشهداء، تراجع الأسعار: no fighting here
                if "plan" in entry.flags and not any(
                    _has_cue(words.toks[i].text, "plan") for i in range(gm.last + 1, min(b, gm.last + 5))
                ):
                    continue  # إلغاء جميع العطل، تأجيل الدراسة: not a meeting called off
                if "crowd" in entry.flags and not any(
                    _has_cue(words.toks[i].text, "protest") for i in range(a, b)
                ):
                    continue  # تجمعوا لتحية الرئيس: a crowd, not a protest
                if "aid" in entry.flags and not any(
                    _has_cue(words.toks[i].text, "aid") for i in range(gm.last + 1, min(b, gm.last + 6))
                ):
                    continue  # ترسل مزيدا من وزرائها إلى عدن: sending people, not aid
                if entry.type in _COOPERATIVE and _conditional(words, gm, a):
                    continue  # في حال فشلهم في التوصل إلى اتفاق: an agreement that may or may not come
                if "harm" in entry.flags and not _harm_follows(words, gm, b):
                    continue  # تعرض للانتقاد، يتعرض للأديان: exposure, not an attack
                if _is_anchor(words, gm, a, entry.pos, entry.type, events):
                    continue
                if entry.frame == "join" and not _meeting_after(words, gm, b):
                    continue  # انضم إلى صفوف …: joining a group, not a meeting
                args = assign_arguments(doc, words, gm, entry, smentions, (prv, nxt), (a, b))
                _resolve_sides(args, events + sevents)
                _coordinated_verb(args, words, gm, a, sevents)
                if not args.actors and not args.agentless and entry.type in VERBAL_TYPES:
                    args.actors = _speaker(doc, words, smentions, a, gm.first)
                if not args.actors and args.first_person:
                    # وأضاف قائلا: "نطالب …": the speaker may be named sentences before, or be the
                    # subject of the statement's own first verb (دان الوزير …، وقال: "ونحمل …")
                    args.actors = _speaker(
                        doc, words, mentions, max(0, a - SPEAKER_REACH), gm.first
                    ) or _last_speaker(events + sevents, gm.first)
                if entry.frame == "join":
                    _join(args, events + sevents)
                if "party" in entry.flags and not args.all():
                    continue  # بحث عن، انقطاع الاتصالات: no participant, no meeting
                if "pair" in entry.flags and not _two_sides(args, words, gm, b, events + sevents):
                    continue  # ناقشت لجنة مشروع قانون، تبحث الشرطة عن: no second side, no meeting
                if (entry.frame == "host" or "dest" in entry.flags) and _receives_numbers(
                    doc, words, gm, a, b
                ):
                    # مطارات مصر تستقبل 100 ألف راكب، احتياطيات تصل إلى 15 مليار: volumes, not meetings
                    continue
                if entry.type == "CONSULT" and _modal_before(words, gm, a):
                    continue  # لا بد وأن يناقش، يجب أن يلتقي: an obligation, not a meeting or a plan
                if entry.type == "CONSULT" and _court_session(words, gm, a, b):
                    continue  # في الجلسة الماضية للمحكمة: a hearing, not a meeting between parties
                if entry.type == "CONSULT" and _ceremony(words, a, b):
                    continue  # يستقبل المهنئين، استقبلت الأسرة التعازي (GUIDELINES §4)
                if entry.type == "CONSULT" and gm.purpose and not args.all():
                    continue  # جاهز لاستقبال الطائرات: a purpose with no party is no planned meeting
                if (entry.pos == "v" or entry.frame == "host") and not _party_present(
                    entry.frame, args, entry.flags
                ):
                    continue  # وصلت الطائرة، مطار عدن يستقبل المسافرين: no party arrives or hosts
                if entry.frame == "visit" and _private_trip(words, a, b):
                    continue  # وصل الملك إلى المغرب في إجازة خاصة، قادما من فترة علاج: not a meeting
                if entry.frame == "host" and entry.pos == "n" and not args.actors:
                    continue  # تمدد استقبال المستندات، بدأت استقبال الطلبات: a reception with no guest
                ev = Event(entry.type, entry.mode, gm, start, end, (ss, se), args, frame=entry.frame)
                ev.own_args = bool(args.all())
                ev.cands = smentions + _phrase_candidates(doc, words, gm, (a, b), smentions)
                _flags(ev, words, a, b, entry.flags)
                if ev.type == "CONSULT" and entry.frame == "sym" and ev.mode in (None, "multilateral"):
                    # a meeting with no host or guest lists everyone as actors (PLOVER; GUIDELINES §3);
                    # the document-level visit rule makes visitor and host of them when there is a visit
                    ev.args.actors = ev.args.actors + ev.args.recipients
                    ev.args.recipients = []
                if ev.mode == "phone":
                    _received_call(ev, words, smentions, a)
                if _standing(words, gm, b):
                    continue  # الحصار المفروض عليه، العقوبات المفروضة: a standing state (GUIDELINES §4)
                if _habitual(words, gm, a, b):
                    continue  # يزوره بصفة منتظمة: a habit, not an event (GUIDELINES §4)
                sevents.append(ev)
        events.extend(_merge(_governed_meetings(sevents, words), words))
        _sentence_facts(
            doc, words, events, sevents, smentions, (ss, se), sents[si + 1] if si + 1 < len(sents) else None
        )
    _next_durations(doc, events, sents)
    _headline_actors(doc, events, sents)
    feats = [event_features(ev, events, words, sents[0]) for ev in events]
    models = load_models() if use_filter else None
    arg_feats = [argument_candidates(ev, words, events) for ev in events]
    # the argument scorer's choice is what the record shows; whether a mention is an event, which
    # document-level event it joins and how confident that is keep reading the rules' parties (the
    # event filter and the document model were fitted on them, and an abstaining scorer must not
    # make a meeting with unnamed parties an event, or drop one)
    scored = events
    if models is not None and models.arguments is not None:
        if models.parties is not None:
            scored = [replace(ev, args=_copy_args(ev.args)) for ev in events]
            for ev, cands in zip(events, arg_feats, strict=True):
                choose_arguments(ev, cands, models.parties)
        for ev, cands in zip(scored, arg_feats, strict=True):
            choose_arguments(ev, cands, models.arguments)
    named = [bool(ev.args.all()) for ev in events]
    for evs in (events, scored) if scored is not events else (events,):
        for ev in evs:
            _counted_victims(words, ev)
        # PLOVER's visit roles are a rule over the whole document: applied to the arguments as chosen
        _visits(doc, evs, events if evs is scored and scored is not events else None)
        _same_meeting_again(evs, named if evs is scored and scored is not events else None)
    if scored is not events:
        # the scorer only keeps or leaves out the parties' arguments, in the roles they end in (a
        # meeting's sides are assigned over the document: a side left alone must not change role)
        # a role the scorer does not score keeps the parties' arguments as they are
        own = models.arguments if models is not None and models.arguments is not None else {}
        for ev, sev in zip(events, scored, strict=True):
            kept = sev.args.refs()
            sev.args.actors = [m for m in ev.args.actors if "actor" not in own or m.ref in kept]
            sev.args.recipients = [m for m in ev.args.recipients if "recipient" not in own or m.ref in kept]
    _shared_topics(scored)
    out = []
    met = False  # a meeting with named participants has been reported
    flt = models.events if models is not None else None
    for ev, sev, fv, cands in zip(events, scored, feats, arg_feats, strict=True):
        p = flt.probability(fv) if flt is not None else None
        if flt is not None and p is not None and p < flt.threshold:
            continue
        if ev.match.trigger.type == "CONSULT" and ev.args.all() and not any(map(_named_party, ev.args.all())):
            continue  # اجتمعت مع بساطة أبناء الحي: unnamed phrases and places only, nobody meets
        if ev.match.trigger.type == "CONSULT" and _facility_visit(words, ev):
            continue  # زار الوزير مستشفى الملك فهد: a tour of a facility, not a meeting (GUIDELINES §4)
        if ev.match.trigger.type == "CONSULT":
            if not met and not (ev.args.all() and (ev.own_args or not _generic_meetings(words, ev))):
                # جلسات قرائية، في الاجتماعات، لقاءات توعية: a meeting word with nobody meeting and no
                # meeting named before it to re-mention is not an event; nor are meetings in general
                # (في اللقاءات الخاصة … موقف فرنسا) to which only the argument model gave a party
                continue
            met = met or bool(ev.args.all())
        rec = _record(doc, sev)
        if sev is not ev:
            rec["mode"] = ev.mode  # the mode is the rules' (the visit rule sets it from their parties)
            # … the parties of the model those were tuned with (events_model.json: parties): the
            # document model's named-party features were never fitted on an abstaining choice
            # (reading the scorer's there lowered the confidence of events it left without a party)
            rule = _record(doc, ev)
            rec["_rule"] = {"actors": rule["actors"], "recipients": rule["recipients"]}
        if flt is not None and p is not None:
            # calibrated on the development half, out of fold (scripts/train_events.py)
            rec["confidence"] = round(flt.confidence(p), 3)
        if with_features:
            rec["_features"] = fv
            rec["_arg_cands"] = [
                {"role": role, "ref": m.ref, "text": m.text, "start": m.start, "end": m.end, "features": f}
                for m, role, f in cands
            ]
        out.append(rec)
    return document_events(doc, out)


@functools.cache
def _cue_stems(w: str) -> frozenset[str]:
    """A normalised word and its readings without the clitics و ف, ب ل ك and ال (for cue lists)."""
    return frozenset(s for r in readings(w) for s in (r.stem, r.bare))


def _has_cue(w: str, cls: str) -> bool:
    return not _cue_stems(w).isdisjoint(load_cues()[cls])


def _fighting(words: Words, a: int, b: int, ments: list[Mention], matches: list[TriggerMatch]) -> bool:
    """Whether a sentence is one of fighting: it names an armed party, has a word of fighting
    (``events_cues_ar.tsv``, class battle) or an attack whose trigger needs no such context."""
    if any(m.kind == "armed" for m in ments):
        return True
    if any(t.type == "ASSAULT" and not t.flags & {"armed", "harm"} for mt in matches for t in mt.entries):
        return True
    battle = load_cues()["battle"]
    toks = words.toks
    for i in range(a, b):
        if _has_cue(toks[i].text, "battle"):
            return True
        if i + 1 < b and f"{toks[i].text} {toks[i + 1].text}" in battle:
            return True
    return False


def _ground_after(words: Words, m: TriggerMatch, b: int, ments: list[Mention]) -> bool:
    """Ground named right after a capture or an advance (تحرير عدن، سقوط المعسكر، تحرير الأراضي)."""
    if m.last + 1 >= b:
        return False
    k = m.last + 1
    while k + 1 < b and _bare(words.toks[k].text) in _PARTS:
        k += 1  # تحرير باقي مناطق درعا، السيطرة على معظم أحياء المدينة
    if _has_cue(words.toks[k].text, "ground"):
        return True
    return any(x.is_place and x.prep is None and 0 < x.first - m.last <= 2 for x in ments)


#: how far after an exposure (تعرض) the attack it suffered may be named
_HARM_REACH = 14


def _harm_follows(words: Words, m: TriggerMatch, b: int) -> bool:
    """Whether an attack governed by ل follows an exposure verb (تعرض المركز … لقذائف، تعرضوا لقصف):
    a word read as ل + an attack trigger or a word of fighting."""
    lex = load_triggers().by_first
    for k in range(m.last + 1, min(b, m.last + _HARM_REACH)):
        w = words.toks[k].text
        if not w.startswith("ل"):
            continue
        for r in word_readings(w):
            if r.prep and any(t.type == "ASSAULT" and "harm" not in t.flags for t in lex.get(r.stem, ())):
                return True
        if _has_cue(w, "battle"):
            return True
    return False


#: a quotation of at most this many characters after a noun of a work is its title
_TITLE_CHARS = 80
_QUOTED = re.compile(
    rf"«[^«»\n]{{1,{_TITLE_CHARS}}}»|\"[^\"\n]{{1,{_TITLE_CHARS}}}\"|“[^“”\n]{{1,{_TITLE_CHARS}}}”"
)
_WORD_BEFORE = re.compile(r"(\w+)\s*$")
_TITLE_WORDS = re.compile(r"\s*((?:[^\s،,.:؛«»\"]+\s*){1,4})")


def _title_spans(text: str, ss: int, se: int) -> list[tuple[int, int]]:
    """Titles of works in a sentence: a quotation right after a noun of a work (معرض «أشعل أملا»،
    حملة "…") and up to four words after "بعنوان، تحت شعار" (``events_cues_ar.tsv``: work, title)."""
    out: list[tuple[int, int]] = []
    for q in _QUOTED.finditer(text, ss, se):
        before = _WORD_BEFORE.search(text, max(ss, q.start() - 30), q.start())
        if before is not None and (
            _has_cue(fold(before.group(1)), "work") or _has_cue(fold(before.group(1)), "title")
        ):
            out.append(q.span())
    seg = text[ss:se]
    if any(c in seg for c in "عش") and load_cues()["title"]:
        for w in re.finditer(r"\w+", seg):
            if fold(w.group()) in load_cues()["title"]:
                after = _TITLE_WORDS.match(text, ss + w.end(), se)
                if after is not None and not text[ss + w.end() : after.start(1)].strip():
                    out.append((after.start(1), after.end(1)))
    return out


def _two_sides(args: Args, words: Words, m: TriggerMatch, b: int, before: list[Event]) -> bool:
    """Whether a discussion or a meeting has two sides: two parties named, a dual or plural verb, a
    partner governed by مع/بين after the trigger, a group of several (وزراء الخارجية، الأطراف) or a
    visit or meeting reported earlier in the document (whose re-mention this is). A search (يبحث عن)
    is never a meeting; nor is a body's own session (جلسة مجلس الإدارة، اجتماعها السادس)."""
    nxt = [words.toks[i].text for i in range(m.last + 1, min(b, m.last + 5))]
    w = drop_future(drop_conjunction(words.toks[m.first].text))
    if "عن" in nxt[:4] and w.startswith(("بحث", "يبحث", "تبحث")):
        return False
    if len(args.all()) >= 2 or "قمه" in w:
        return True  # a summit is a meeting of leaders by definition
    dual_or_plural = w.endswith(("ون", "ان", "وا")) or (w.endswith("ا") and len(w) > 3)
    if dual_or_plural and args.verb and m.first == m.last:
        return True  # يبحثون، يتباحثان، ناقشا: a dual or plural subject is two sides
    wide = nxt + [words.toks[i].text for i in range(m.last + 5, min(b, m.last + 9))]
    if any(x in ("مع", "ومع", "بين") for x in wide):
        return True
    if any(p.kind in ("people", "side") for p in args.all()) or any(x in _MANY for x in wide):
        return True
    # a meeting reported before (also one announced: its type became AGREE, its trigger is a meeting's)
    return any(e.match.trigger.type == "CONSULT" and e.args.all() for e in before)


#: words of a trial: a "session" among them is a hearing
_COURT = words("coder.court")


_MODALS = words("coder.modals")


def _modal_before(words: Words, m: TriggerMatch, a: int) -> bool:
    """A modal of obligation up to three words before the trigger."""
    return any(_bare(words.toks[i].text) in _MODALS for i in range(max(a, m.first - 3), m.first))


def _court_session(words: Words, m: TriggerMatch, a: int, b: int) -> bool:
    if "جلس" not in words.toks[m.first].text:
        return False
    return any(_bare(words.toks[i].text) in _COURT for i in range(a, b))


#: words that make a meeting one of several parties
_MANY = words("coder.many")


_RECEIVE = words("coder.receive")


def _received_call(ev: Event, words: Words, ments: list[Mention], a: int) -> None:
    """ "تلقى X اتصالا هاتفيا من Y": the caller Y made the call (the actor), X received it. The
    receiver's title chain may run long (تلقى نائب خادم الحرمين الشريفين … وزير الداخلية اتصالاً)."""
    first = ev.match.first
    if not any(_bare(words.toks[i].text) in _RECEIVE for i in range(max(a, first - 24), first)):
        return
    n = len(words.toks)
    k = next(
        (i for i in range(ev.match.last + 1, min(n, ev.match.last + 4)) if words.toks[i].text == "من"), None
    )
    if k is None:
        return
    # the caller follows من, after his honorifics (من صاحب السمو الشيخ سيف بن زايد)
    caller = next((m for m in ments if k < m.first <= k + 6), None)
    if caller is None:
        return
    receivers = [m for m in ev.args.all() if m.ref != caller.ref]
    ev.args.actors, ev.args.recipients = [caller], receivers


def _many_people(m: Mention) -> bool:
    """A party that is itself several (وزراء الخارجية العرب، قادة دول الخليج)."""
    return m.kind == "people" and bool(set(fold(m.text).split()) & _MANY)


#: a reception that is a ceremony (greetings, condolences) is not a meeting (GUIDELINES §4)
_CEREMONY = words("coder.ceremony")


def _receives_numbers(doc: Document, words: Words, m: TriggerMatch, a: int, b: int) -> bool:
    """Whether a count follows a verb of receiving within six words (N passengers, N requests), or
    stands right before a verb of arriving (120 يمنيا عالقا يصلون: travellers, not a visit)."""
    for i in [*range(max(a, m.first - 3), m.first), *range(m.last + 1, min(b, m.last + 7))]:
        at = words.text_spans[i][0]
        if words.toks[i].text[:1].isdigit() or any(
            q.start <= at < q.end and q.attrs.get("kind") == "count" for q in doc.quantities
        ):
            return True
    return False


#: the private purposes of a trip (a holiday, medical treatment): a leader travelling for them meets nobody
_PRIVATE_TRIP = words("coder.private_trip")


def _private_trip(words: Words, a: int, b: int) -> bool:
    return any(_bare(words.toks[i].text) in _PRIVATE_TRIP for i in range(a, b))


def _ceremony(words: Words, a: int, b: int) -> bool:
    return any(_bare(words.toks[i].text) in _CEREMONY for i in range(a, b))


#: how many distinct forms of one domain's vocabulary make a page of that domain
DOMAIN_MIN_FORMS = 4


@functools.lru_cache(maxsize=CACHE_WORDS)
def _reading_stems(word: str) -> tuple[str, ...]:
    """The stems of the clitic readings of ``word``, remembered per word form."""
    return tuple(r.stem for r in readings(word))


def _domain_page(words: Words) -> str | None:
    """The domain (sport, market) of a page with at least :data:`DOMAIN_MIN_FORMS` distinct forms of
    that domain's vocabulary in ``events_domains_ar.tsv``, or None: a political story that mentions a
    stadium, a team or oil prices has fewer."""
    toks = [t.text for t in words.toks]
    bare = set(chain.from_iterable(map(_reading_stems, toks)))
    joined = " " + " ".join(toks) + " "
    for domain, (single, phrases) in _domain_parts().items():
        # the vocabulary's one-word forms by one set intersection, its phrases by substring
        if len(single & bare) + sum(f" {p} " in joined for p in phrases) >= DOMAIN_MIN_FORMS:
            return domain
    return None


@functools.cache
def _domain_parts() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Each domain's vocabulary (:func:`load_domain_words`) as its one-word forms and its phrases."""
    return {
        d: (frozenset(p for p in v if " " not in p), tuple(sorted(p for p in v if " " in p)))
        for d, v in load_domain_words().items()
    }


def _is_anchor(words: Words, m: TriggerMatch, a: int, pos: str, typ: str, before: list[Event]) -> bool:
    """A noun re-mention used as a time/cause anchor (خلال الزيارة، بعد الحادث) is not an event."""
    if pos == "v" or m.first == a:
        return False
    prev = words.toks[m.first - 1].text
    prev = in_vocab(prev, _ANCHORS, "وفبل") or prev
    return prev in _ANCHORS and any(e.type == typ for e in before)


_MEETING_WORDS = words("coder.meeting_words")


def _meeting_after(words: Words, m: TriggerMatch, b: int) -> bool:
    return any(words.toks[i].text in _MEETING_WORDS for i in range(m.last + 1, min(b, m.last + 7)))


#: participles of manner after a verb of saying (وأضاف قائلا، وتابع مضيفا): not its subject
_MANNER = words("coder.manner")


#: how many words before a first-person statement its speaker may be named (a paragraph's worth)
SPEAKER_REACH = 80


_SPEAKER_KINDS = ("person", "role", "org", "country")


def _last_speaker(before: list[Event], first: int) -> list[Mention]:
    """The first party-like actor of the latest event within :data:`SPEAKER_REACH` words before
    ``first``, or []."""
    for e in reversed(before):
        if first - e.match.first > SPEAKER_REACH:
            continue
        actors = [x for x in e.args.actors if x.kind in _SPEAKER_KINDS]
        if actors:
            return actors[:1]
    return []


def _speaker(doc: Document, words: Words, ments: list[Mention], a: int, first: int) -> list[Mention]:
    """The subject of a verb of saying before ``first`` (وقال مسؤولون حكوميون إن …): who made the
    statement that the event is part of."""
    for i in range(first - 1, a - 1, -1):
        w = words.toks[i].text
        w = in_vocab(w, SPEECH_VERBS) or w
        if w in SPEECH_VERBS:
            # a place right after the verb of saying speaks for its government (قالت موسكو) or is
            # a name the gazetteer also holds (وقال الأحمدي): either way the speaker
            # … and the speaker comes before what is quoted (وقال: "نحمل إسرائيل …")
            said = words.text_spans[i][1]
            after = [
                x
                for x in ments
                if i < x.first < first
                and x.prep is None
                and (x.kind != "place" or x.first == i + 1)
                and not set(doc.text[said : x.start]) & QUOTE_OPENERS
            ]
            if after and after[0].first - i <= 6:
                return [after[0]]
            if i + 1 < first and _bare(words.toks[i + 1].text) in _MANNER:
                continue  # وأضاف قائلا: "نطالب …": the speaker was named before
            np = noun_phrase(doc, words, i + 1, first, ments)
            if np is not None and set(doc.text[said : np.start]) & QUOTE_OPENERS:
                np = None
            if np is not None:
                return [np]
            before = [x for x in ments if x.last < i and x.prep is None and x.kind != "place"]
            if before and i - before[-1].last <= 2:
                return [before[-1]]
            return []
    return []


def _phrase_candidates(
    doc: Document, words: Words, m: TriggerMatch, sent: tuple[int, int], ments: list[Mention]
) -> list[Mention]:
    """Unnamed parties around a trigger, for the argument model to weigh: the noun phrase right after
    it (its subject or object), the one after that, and the one right before it (an SVO subject)."""
    a, b = sent
    out: list[Mention] = []
    first = noun_phrase(doc, words, m.last + 1, b, ments)
    if first is not None:
        out.append(first)
        second = noun_phrase(doc, words, first.last + 1, b, ments)
        if second is not None:
            out.append(second)
    before = noun_phrase_before(doc, words, m.first - 1, a, ments)
    if before is not None:
        out.append(before)
    # the phrase a target or beneficiary preposition governs (الاعتداءات على الأبرياء، ضد المتطرفين)
    for k in range(m.last + 1, min(b - 1, m.last + _PREP_REACH)):
        if _bare(words.toks[k].text) in _TARGET_PREPS:
            np = noun_phrase(doc, words, k + 1, b, ments)
            if np is not None and all(np.start != o.start for o in out):
                out.append(np)
    return out


#: prepositions whose phrase may be an event's target or beneficiary, and how far after the trigger
_TARGET_PREPS = words("coder.target_preps")
_PREP_REACH = 8


def _same_meeting_again(events: list[Event], named: list[bool] | None = None) -> None:
    """A meeting named again with nobody in its sentence (هذه الزيارة، الجلسة المغلقة، كانت زيارة
    ناجحة) is the meeting reported before it: it takes that meeting's parties (GUIDELINES: the
    nearest clear antecedent). ``named``: per event, whether the rules found parties for it (a
    meeting the argument scorer left empty named them, and is not filled from another one)."""
    last: Event | None = None
    for k, ev in enumerate(events):
        if ev.type != "CONSULT":
            continue
        if ev.args.all():
            last = ev
        elif last is not None and not ev.future and not (named is not None and named[k]):
            ev.args.actors = list(last.args.actors)
            ev.args.recipients = list(last.args.recipients)


#: places a visit tours rather than parties it meets (hospitals, schools, camps, factories, sites)
_FACILITIES = words("coder.facilities")


def _named_party(m: Mention) -> bool:
    """Whether a participant is a named or known party (PLOVER codes events between actors): anything
    but an unnamed phrase or a place. (Requiring a role or a country of persons too dropped 12 of the
    development half's 55 true meetings: Putin and Haniyeh often have no role in the page.)"""
    return m.kind not in ("other", "place")


def _facility_visit(words: Words, ev: Event) -> bool:
    """A visit whose only destinations are facilities (زار الوزير مستشفى …، زيارة إلى جامعة …): an
    inspection tour or an outing, which PLOVER does not code; a host or guest named in person, by
    office or by country makes it a meeting."""
    if ev.frame != "visit" or ev.mode != "visit" or not ev.args.recipients:
        return False

    def facility(i: int) -> bool:
        w = _bare(words.toks[i].text) if 0 <= i < len(words.toks) else ""
        w = w[1:] if len(w) > 3 and w[0] in "بل" and not w.startswith("ال") else w
        w = w[2:] if w.startswith("ال") and len(w) > 4 else w
        return w in _FACILITIES

    for m in ev.args.recipients:
        if facility(m.first - 1) and m.first - 1 > ev.match.last:
            continue  # مستشفى [الملك فهد]: a facility named after a person
        if m.kind in ("person", "role", "country", "side") or not facility(m.first):
            return False
    return True


def _generic_meetings(words: Words, ev: Event) -> bool:
    """A plural meeting noun after في (في اللقاءات الخاصة، في الاجتماعات الدورية): where things are
    said in general, not a meeting that took place."""
    k = ev.match.first
    w = words.toks[k].text
    return k > 0 and _bare(words.toks[k - 1].text) == "في" and w.endswith("ات")


def _resolve_sides(args: Args, before: list[Event]) -> None:
    """ "الجانبان", "الرئيسان", "البلدين" stand for the two sides named before: use them."""
    for role in ("actors", "recipients"):
        ms: list[Mention] = getattr(args, role)
        if not any(m.kind == "side" for m in ms):
            continue
        prev = next((e for e in reversed(before) if len(e.args.all()) >= 2), None)
        if prev is None:
            continue
        rest = [m for m in ms if m.kind != "side"]
        side = next(m for m in ms if m.kind == "side")
        # the argument is the mention in this sentence ("الجانبان"), its refs the sides it stands for
        sides = [
            replace(m, start=side.start, end=side.end, text=side.text, first=side.first, last=side.last)
            for m in prev.args.all()
            if m.ref not in {r.ref for r in rest}
        ]
        setattr(args, role, rest + sides)


def _join(args: Args, before: list[Event]) -> None:
    """ "انضم X إلى الاجتماع": the joiners become participants of the meeting reported before."""
    prev = next((e for e in reversed(before) if e.type == "CONSULT" and e.args.all()), None)
    if prev is None:
        return
    have = args.refs()
    args.actors = args.actors + [m for m in prev.args.actors if m.ref not in have]
    args.recipients = args.recipients + [m for m in prev.args.recipients if m.ref not in have]


_PARTIES = frozenset({"person", "role", "org", "country", "side"})


def _party_present(frame: str, args: Args, flags: frozenset[str] = frozenset()) -> bool:
    """Arrivals and receptions are visits only between parties: a person, an office, an organisation
    or a country arrives (not a plane, stranded travellers or equipment) or hosts."""
    if frame == "visit":
        # a country name right after a verb of arrival is mostly an adjective (وصلت الطائرة السعودية);
        # and an arrival is a visit only with a destination (وصل إلى القاهرة; not "تصل إلى أسبوع")
        party = any(m.kind in _PARTIES - {"country"} for m in args.actors)
        return party and (bool(args.recipients) or "dest" not in flags)
    if frame == "host":
        return any(m.kind in _PARTIES for m in args.recipients)
    return True


def _bare(w: str) -> str:
    return drop_conjunction(w)


def _is_future_word(w: str) -> bool:
    """A future cue (غدا، المقبل، من المقرر) or an auxiliary verb with the future prefix (سيتم، ستعمل)."""
    w = _bare(w)
    if w in _FUTURE_CUES:
        return True
    if len(w) > 3 and w[0] == "س" and w[1] in "يتن":
        # سيتم، ستعمل, or an event verb itself (فسيبحث الوزراء: the meeting is still to come)
        return w[1:] in _FUTURE_AUX or any(t.pos == "v" for t in load_triggers().by_first.get(w[1:], ()))
    return False


def _flags(ev: Event, words: Words, a: int, b: int, flags: frozenset[str]) -> None:
    toks = words.toks
    before = [toks[i].text for i in range(max(a, ev.match.first - 2), ev.match.first)]
    # with clitics too: لعدم التوقيع، وعدم الالتزام، بعدم
    ev.negated = any(w in _NEGATORS or (len(w) > 3 and w[0] in "ولبف" and w[1:] in _NEGATORS) for w in before)
    ev.negated = ev.negated or "neg" in flags
    # a verb's time is said around it; a noun's may come later in its clause (القمة … خلال الفترة المقبلة)
    reach = 2 if ev.match.trigger.pos == "v" else 7
    near = [toks[i].text for i in range(max(a, ev.match.first - 5), ev.match.last + 1)]
    for i in range(ev.match.last + 1, min(b, ev.match.last + 1 + reach)):
        if _bare(toks[i].text) in _PAST_TIME:
            break  # محادثات في جنيف أمس تناولت ترتيبات المرحلة المقبلة: dated yesterday, not planned
        near.append(toks[i].text)
    planned = ev.match.first > a and toks[ev.match.first - 1].text in _PLAN_MASDAR and "meeting" in flags
    future = ev.match.fut or ev.match.purpose or "future" in flags or planned
    future = future or any(_is_future_word(w) for w in near)
    future = future or any(
        _bare(toks[i].text) in _PURPOSE_CUES for i in range(max(a, ev.match.first - 5), ev.match.first)
    )
    future = future or any(w in ("لن",) for w in before)
    # PLOVER folds planned meetings into AGREE and announced retreats into CONCEDE: those did happen
    # PLOVER: a planned meeting, or support still to come (توقيع اتفاق تمهيدا …), is an AGREE
    if future and ev.type in ("CONSULT", "SUPPORT"):
        ev.type, ev.mode = "AGREE", None
    elif future and ev.type == "RETREAT":
        ev.type, ev.mode = "CONCEDE", None
    elif future and ev.type not in ("AGREE", "CONCEDE", "SUPPORT"):
        ev.future = True
    if ev.type == "REJECT" and ev.negated:
        ev.negated = False  # "لن تقبل", "لا تنوي": the refusal itself is the event
    # the lexicon's default "visit" of meeting verbs gives way to what the sentence says
    if ev.type == "CONSULT" and (ev.mode is None or ev.frame not in ("visit", "host")):
        sent = " ".join(toks[i].text for i in range(a, b))
        if any(c in sent for c in _PHONE):
            ev.mode = "phone"
        elif any(c in sent for c in _THIRD):
            ev.mode = "third-party"
        elif (
            any(c in sent for c in _MULTI_STRONG)
            or (any(c in sent for c in _MULTI) and len(ev.args.actors) >= 2)
            or (ev.mode is None and len(ev.args.actors) >= 3)
            or (ev.mode is None and any(_many_people(m) for m in ev.args.actors))
        ):
            ev.mode = "multilateral"
    if ev.type in ("REQUEST", "REJECT") and ev.mode is None:
        sent = " ".join(toks[i].text for i in range(a, b))
        # a demand that names nothing above asks for a change of policy (PLOVER's residual mode)
        ev.mode = next((md for md, cues in _ASK_MODE_CUES if any(c in sent for c in cues)), "change")
    if ev.type == "ASSAULT" and ev.mode is None:
        sent = " ".join(toks[i].text for i in range(a, b))
        for mode, cues in _ASSAULT_MODE_CUES:
            if any(c in sent for c in cues):
                ev.mode = mode
                break


#: adverbs of habit: what someone does regularly is a standing state, not an event
_HABITUAL = ("بصفه منتظمه", "بشكل منتظم", "بانتظام", "عاده ما", "دائما ما", "بشكل دوري", "بصوره دوريه")


#: participles that make a verbal noun a standing state (الحصار المفروض، العقوبات المفروضة)
_STANDING = words("coder.standing")


def _standing(words: Words, m: TriggerMatch, b: int) -> bool:
    """Whether a participle of state follows the trigger (الحصار المفروض عليه): not an act."""
    return m.last + 1 < b and words.toks[m.last + 1].text in _STANDING


def _habitual(words: Words, m: TriggerMatch, a: int, b: int) -> bool:
    """Whether a habit adverb follows the trigger closely (up to five words on)."""
    near = " ".join(words.toks[i].text for i in range(max(a, m.first - 2), min(b, m.last + 6)))
    return any(h in near for h in _HABITUAL)


#: types whose complement is what is asked, refused, agreed, threatened or discussed, not an event
_GOVERNORS = frozenset({"REQUEST", "REJECT", "AGREE", "THREATEN", "CONSULT"})
#: how many words after its governor a complement may start
_CONTENT_REACH = 6


def _governed_meetings(evs: list[Event], words: Words | None = None) -> list[Event]:
    """A meeting noun that is what is requested, refused or agreed (حث على بدء محادثات، تأجيل
    الاجتماع، اتفقا على عقد اجتماع) is not a meeting that took place: the governing event stands.
    Likewise any verbal noun that is the complement of a demand, a refusal, an agreement, a threat
    or a discussion (طالب بوقف إطلاق النار، رفض توقيع الاتفاق، ناقشا إيصال المساعدات، هدد بقصف
    المدينة): it is what they are about (GUIDELINES: the content is coded in the governing event)."""
    out = []
    for ev in evs:
        gov = [
            o
            for o in evs
            if o.type in (("REQUEST", "REJECT", "AGREE") if ev.type == "CONSULT" else ("REQUEST", "REJECT"))
            and o is not ev
            and 0 <= ev.match.first - o.match.last <= 4
        ]
        if ev.type in ("CONSULT", "SUPPORT", "AGREE") and ev.match.trigger.pos == "n" and gov:
            continue
        if words is not None and _complement(ev, evs, words):
            continue
        out.append(ev)
    return out


def _complement(ev: Event, evs: list[Event], words: Words) -> bool:
    if ev.args.verb or (ev.type in _GOVERNORS and ev.type != "CONSULT"):
        return False
    text = words.view.text
    for o in evs:
        if o is ev or o.type not in _GOVERNORS or o.type == ev.type:
            continue
        if o.type == "CONSULT" and not (o.args.verb and o.match.trigger.row == "CONSULT:بحث"):
            continue  # only a verb of discussing governs what is discussed (not "الزيارة … بعد تحرير")
        gap = ev.match.first - o.match.last
        if not 0 < gap <= _CONTENT_REACH:
            continue
        between = text[words.toks[o.match.last].end : words.toks[ev.match.first].start]
        if any(c in between for c in '،,.:؛"«»'):
            continue
        if any(
            _bare(words.toks[i].text) in load_triggers().by_first
            and any(t.pos == "v" for t in load_triggers().by_first[_bare(words.toks[i].text)])
            for i in range(o.match.last + 1, ev.match.first)
        ):
            continue
        return True
    return False


def _merge(evs: list[Event], words: Words) -> list[Event]:
    """One event per distinct event: same-type triggers a few words apart are one event."""
    out: list[Event] = []
    for ev in evs:
        prev = next((o for o in reversed(out) if o.type == ev.type), None)
        if (
            prev is not None
            and not _besides(prev, ev, words)
            and (
                ev.match.first - prev.match.last <= MERGE_GAP
                or (ev.args.refs() <= prev.args.refs() and ev.args.refs())
                or (ev.type == "CONSULT" and _same_meeting(prev, ev, words))
                or _complement_of(prev, ev, words)
                or _outcome_of(prev, ev, words)
            )
        ):
            prev.args.absorb(ev.args)
            prev.mode = prev.mode or ev.mode
            prev.last_word = max(prev.last_word, ev.match.last)
            continue
        out.append(ev)
    return out


#: the casualties of an attack (مقتل، أصيب، استشهاد): the outcome, not another attack
_CASUALTY = words("coder.casualty")
#: what leads from an attack to its casualties (… مما أدى إلى مقتل، أسفر عن إصابة)
_CAUSE = words("coder.cause")
#: what leads from casualties to the attack that caused them (مقتل عشرة في هجوم، جراء القصف)
_BECAUSE = words("coder.because")
#: how many words may lie between an attack and its casualties (or the reverse)
_OUTCOME_REACH = 12


def _outcome_of(prev: Event, ev: Event, words: Words) -> bool:
    """The casualties of an attack named with it are that attack (GUIDELINES: one record per event):
    "تعرضت مراكز لهجمات … مما أدى إلى مقتل عسكري"، "مقتل عشرة أشخاص في هجوم انتحاري"."""
    end = max(prev.match.last, prev.last_word)
    if ev.type != "ASSAULT" or ev.match.first - end > _OUTCOME_REACH:
        return False
    toks = words.toks
    between = [_bare(toks[i].text) for i in range(end + 1, ev.match.first)]
    if toks[ev.match.first].text in _CASUALTY and any(w in _CAUSE for w in between):
        return True
    return toks[prev.match.first].text in _CASUALTY and bool(between) and between[-1] in _BECAUSE


def _coordinated_verb(args: Args, words: Words, m: TriggerMatch, a: int, sevents: list[Event]) -> None:
    """ "دعا X Y إلى … وحث Z على …": a verb joined by و to an earlier verb of its sentence shares that
    verb's subject; the party right after it is its object, not a new subject."""
    w = words.toks[m.first].text
    if not args.verb or m.first == a or not (w.startswith("و") and len(w) > 2):
        return
    if w in load_triggers().by_first:
        return  # وصل، وقع، وافق: the و is the verb's own first letter
    prev = next((e for e in reversed(sevents) if e.args.verb and e.args.actors), None)
    if prev is None:
        return
    have = {x.ref for x in prev.args.actors}
    after = [x for x in args.actors if x.first > m.last]
    if after and len(after) == len(args.actors):
        # the subject the rules found after the verb is its object
        if not args.recipients:
            args.recipients = [x for x in after if x.ref not in have]
        args.actors = list(prev.args.actors)
    elif args.actors and all(x.ref in prev.args.refs() - have for x in args.actors):
        # the party the rules took from before the verb is the first verb's object (دعا X Y … وحث Z)
        args.actors = list(prev.args.actors)


def _complement_of(prev: Event, ev: Event, words: Words) -> bool:
    """A verbal noun governed by ب after a verb of the same type is what the verb asks, rejects or
    condemns (طالب X بضرورة التحرك، ندد … بالهجوم): one event."""
    if not prev.args.verb or ev.args.verb or ev.type not in ("REQUEST", "REJECT", "ACCUSE", "SUPPORT"):
        return False
    w = words.toks[ev.match.first].text
    return w.startswith("ب") and not w.startswith("بين")


#: "in addition to": what follows is another item
_BESIDES = words("coder.besides")


def _besides(prev: Event, ev: Event, words: Words) -> bool:
    """ "In addition to" before or between two same-type triggers counts them apart (وإضافة للقمة
    الموسعة، عقدا جلسة مباحثات: the summit and the closed session are two meetings)."""
    span = range(max(0, prev.match.first - 2), ev.match.first)
    return any(_bare(words.toks[i].text).lstrip("بل") in _BESIDES for i in span)


def _same_meeting(prev: Event, ev: Event, words: Words) -> bool:
    """Two meeting triggers of one sentence are one meeting unless they name different parties: an
    arrival and its visit (وصل إلى القاهرة … في زيارة لمصر), a meeting and its talks (اجتمع … وبحث).
    """
    if ev.frame == "join":
        return False  # joining a session is its own phase, with its own length (GUIDELINES; the seed)
    if ev.args.agentless:
        return True  # "حيث تم بحث …": what was discussed at the meeting just reported
    if (prev.frame == "visit") != (ev.frame == "visit") and ev.args.verb:
        return False  # a meeting and an arrival told in one sentence (… كيري، الذي وصل إلى الدوحة)
    a, b = prev.args.refs(), ev.args.refs()
    return not a or not b or bool(a & b) or ev.match.trigger.pos == "n"


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
    durs = [q for q in doc.quantities if q.attrs.get("kind") == "duration" and ss <= q.start and q.end <= se]
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
#: nouns and adjectives between في and a place's name (في مدينة درعا، في العاصمة الروسية موسكو)
_PLACE_HEADS = words("coder.place_heads")


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


#: parts of ground taken (تحرير أجزاء من المدينة، السيطرة على معظم أحياء عدن)
_PARTS = words("coder.parts")


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


#: cooperative types: in a condition (إذا، في حال) they are not events (the gold's 36 hypothetical events
#: are all of the other types)
_COOPERATIVE = frozenset({"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE"})
_CONDITION = words("coder.condition")


def _conditional(words: Words, m: TriggerMatch, a: int) -> bool:
    """Whether a condition opens the trigger's clause up to four words before it (إذا لم يتم التوقيع،
    في حال فشلهم في التوصل إلى اتفاق)."""
    toks = words.toks
    for i in range(max(a, m.first - 4), m.first):
        w = _bare(toks[i].text)
        if w in ("إذا", "اذا", "لو") or (w in ("حال", "حاله") and i > a and _bare(toks[i - 1].text) == "في"):
            return True
    return False


#: words of number that make the noun after them counted (عشرات الطلاب، 120 طالبا)
_NUMBER_WORDS = words("coder.number_words")


def _counted_noun(words: Words, m: TriggerMatch, a: int) -> bool:
    """A trigger read as a verb right after a number is a counted noun (مقتل 147 طالبا "students",
    not طالب "demanded"; 30 رحلة), and so is one an indefinite nationality adjective follows (طالب
    أميركي "an American student"). Counted event nouns (3 هجمات) keep their reading."""
    if m.first <= a or any(t.pos != "v" for t in m.entries):
        return False
    w = words.toks[m.first].text
    nxt = words.toks[m.last + 1].text if m.last + 1 < len(words.toks) else ""
    if (
        m.first == m.last
        and nxt[:2] != "ال"
        and nxt
        and nationality_country("ال" + nxt)
        and not _looks_nominal(w)
    ):
        return True  # طالب أميركي "an American student": a noun its adjective agrees with
    prev = words.toks[m.first - 1].text
    if not (prev[:1].isdigit() or _bare(prev) in _NUMBER_WORDS):
        return False
    return not _looks_nominal(w)


#: types whose counted object is the harmed (قتل 14 جنديا، اعتقلت الشرطة ثلاثة)
_HARM_TYPES = frozenset({"ASSAULT", "COERCE"})


def _counted_victims(words: Words, ev: Event) -> None:
    """A count right after an attack or an arrest (قتل 14 جنديا أفغانيا، مقتل 50 شخصا، اعتقل 3 أشخاص)
    begins whom it was done to: an unvocalised passive or the object, never the doer."""
    if ev.type not in _HARM_TYPES or ev.match.last + 1 >= len(words.toks):
        return
    nxt = words.toks[ev.match.last + 1].text
    if not (nxt[:1].isdigit() or _bare(nxt) in _NUMBER_WORDS):
        return
    victims = [m for m in ev.args.actors if 0 < m.first - ev.match.last <= 3]
    if victims:
        ev.args.actors = [m for m in ev.args.actors if m not in victims]
        ev.args.recipients = ev.args.recipients + [m for m in victims if m not in ev.args.recipients]


def _dawn_of(words: Words, m: TriggerMatch, ments: list[Mention]) -> bool:
    """Whether a one-word فجر is "the dawn of" a place or a name quoted with it (فجر ليبيا، «فجر
    الإسلام»): the name of a militia or a work, not a bombing."""
    if m.first != m.last or _bare(words.toks[m.first].text) != "فجر":
        return False
    view = words.view.text
    if m.first > 0 and view[words.toks[m.first - 1].end : words.toks[m.first].start].strip()[-1:] in (
        "«",
        '"',
    ):
        return True
    return any(x.first == m.first + 1 and x.is_place for x in ments)


def _named_after(words: Words, m: Mention) -> bool:
    """A person who names a place where something happens (في ميدان القديس بطرس، في مستشفى الملك فهد،
    بقاعة الأمير سلطان): part of the place's name, not a party."""
    if m.kind not in ("person", "role") or m.first < 1:
        return False
    toks = words.toks
    head = _bare(toks[m.first - 1].text)
    if head[:1] == "ب" and (head[1:] in _PLACE_HEADS or head[1:] in _FACILITIES):
        return True
    if head not in _PLACE_HEADS and head not in _FACILITIES:
        return False
    return m.first >= 2 and _bare(toks[m.first - 2].text) in ("في", "وفي")


def _common_noun(m: Mention) -> bool:
    """A place mention that is only a noun of places (ميدان "square", مطار، قصر، مدينة): the gazetteer
    has towns so named (Medan), but "في ميدان القديس بطرس" names a square, not a town."""
    return in_vocab(fold(m.text), _PLACE_HEADS, "وفبل") is not None


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
        if w in _NOT_LOCATIVE or w in load_triggers().by_first or w[:1] == "ل":
            return None
        k -= 1
    return None


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


def _next_durations(doc: Document, events: list[Event], sents: list[tuple[int, int]]) -> None:
    """A duration in the next sentence describes the event when that sentence reports no event of
    its own ("… عقدا اجتماعا. واستمر ساعتين.")."""
    with_events = {e.sentence for e in events}
    for k, sent in enumerate(sents[:-1]):
        nxt = sents[k + 1]
        if nxt in with_events:
            continue
        durs = [q for q in doc.quantities if q.attrs.get("kind") == "duration" and nxt[0] <= q.start < nxt[1]]
        if not durs:
            continue
        q = durs[0]
        for ev in events:
            if ev.sentence == sent and ev.duration is None and ev.type in ("CONSULT", "PROTEST", "ASSAULT"):
                ev.duration = {"value": q.attrs.get("value"), "text": q.text, "start": q.start, "end": q.end}


def _headline_actors(doc: Document, events: list[Event], sents: list[tuple[int, int]]) -> None:
    """A headline event (the title, a subheading, or the first sentence when the page has no title)
    without an actor takes the actor of the first same-type event of the body: headlines name the act
    and leave the actor to the article. A body verb's dropped subject is left empty: on the
    development half, copying the previous event's actor was wrong more often than right."""
    if not events:
        return
    heads = [(b.start, b.end) for b in doc.blocks if b.kind in ("title", "heading") and b.start is not None]
    if not heads and sents:
        heads = [sents[0]]

    def is_head(ev: Event) -> bool:
        return any(s <= ev.sentence[0] < e for s, e in heads if e is not None)

    for ev in events:
        if ev.args.actors or ev.args.agentless or not is_head(ev):
            continue
        later = next((e for e in events if not is_head(e) and e.type == ev.type and e.args.actors), None)
        if later is not None:
            ev.args.actors = list(later.args.actors)


#: "during it/him" right after a meeting verb: the meeting happens during the visit just named
_DURING_IT = re.compile(r"\s*(?:خلالها|خلاله|اثناءها|أثناءها)\b")


def _visits(doc: Document, events: list[Event], sides_from: list[Event] | None = None) -> None:
    """PLOVER: in a visit the visitor is the actor and the host the recipient. A document that reports
    a visit (زيارة X إلى Y، استقبل Y X) codes its other meetings between the same sides the same way,
    and the hosts' side is told by the host country (a minister's country from his role).
    ``sides_from``: the same events with the rules' parties, which tell the visit and its sides (the
    argument scorer may have left the visit's own parties out)."""
    ref = sides_from if sides_from is not None else events
    visits = [
        k for k, e in enumerate(ref) if e.type == "CONSULT" and e.frame in ("visit", "host") and e.args.actors
    ]
    if not visits:
        return
    v = ref[visits[0]]
    v_own = events[visits[0]]
    visitor = {m.ref for m in v.args.actors}
    host_refs = {m.ref for m in v.args.recipients}
    host_cc = {m.country for m in v.args.recipients if m.country}
    for m in v.args.recipients:
        r = doc.refs.get(m.ref) or {}
        if r.get("country"):
            host_cc.add(r["country"])
    visitor_cc = {m.country or (doc.refs.get(m.ref) or {}).get("country") for m in v.args.actors} - {None}
    visitor_cc -= host_cc
    for ev in events:
        if ev.type != "CONSULT" or ev is v_own:
            continue
        parts = ev.args.actors + ev.args.recipients
        refs = {m.ref for m in parts}
        if ev.start > v.start and _DURING_IT.match(doc.text, ev.end):
            # "في زيارة رسمية يلتقي خلالها الرئيس السوري": who is met during the visit is its host side
            ev.args.actors = list(v.args.actors)
            ev.args.recipients = [m for m in parts if m.ref not in visitor]
            ev.mode = ev.mode or "visit"
            continue
        # the two sides named as countries (القمة الروسية السورية) are the visitor's and the host's
        sides = {m.country for m in parts}
        by_country = (
            bool(parts)
            and None not in sides
            and bool(sides & host_cc)
            and (bool(sides & visitor_cc) or len(sides - host_cc) == 1)
        )
        if not refs & visitor and not (refs & host_refs and ev.frame in ("sym", "join")) and not by_country:
            continue
        if ev.mode is None:
            ev.mode = "visit"
        if ev.frame in ("visit", "host"):
            continue
        # guests: the visitor and his side (a known country other than the host's); hosts: the rest
        guests = [
            m for m in parts if m.ref in visitor or (m.country and host_cc and m.country not in host_cc)
        ]
        if not guests and any(m.ref in host_refs for m in parts):
            # the host meets someone not named as the visitor ("وناقش الربيعة مع المسؤول الأممي"):
            # in a visit's report, that is the visitor's side
            guests = [m for m in parts if m.ref not in host_refs]
        hosts = [m for m in parts if m not in guests]
        if hosts and guests:
            ev.args.actors, ev.args.recipients = guests, hosts


def _shared_topics(events: list[Event]) -> None:
    """The mentions of one meeting (same participants) share what it was said to discuss."""

    # the meetings of one visit are one visit: they share its agenda
    def key(ev: Event) -> frozenset[str]:
        return frozenset({"<visit>"}) if ev.mode == "visit" else ev.args.refs()

    groups: dict[frozenset[str], set[str]] = {}
    for ev in events:
        if ev.type == "CONSULT":
            groups.setdefault(key(ev), set()).update(ev.topics)
    for ev in events:
        if ev.type == "CONSULT":
            ev.topics |= groups.get(key(ev), set())


def _copy_args(a: Args) -> Args:
    return Args(list(a.actors), list(a.recipients), a.agentless, a.verb, a.first_person)


def _record(doc: Document, ev: Event) -> dict[str, Any]:
    text = doc.text

    def ref_of(m: Mention, role: str) -> str:
        # a visit's host named by a city stands for its country (زيارة إلى موسكو → Russia)
        if role == "recipient" and ev.frame == "visit" and m.kind == "place" and m.country:
            return country_ref(doc, m.country) or m.ref
        return m.ref

    actors = _uniq(ref_of(m, "actor") for m in ev.args.actors)
    recipients = _uniq(ref_of(m, "recipient") for m in ev.args.recipients)
    arguments = [
        {"role": role, "ref": ref_of(m, role), "text": m.text, "start": m.start, "end": m.end}
        for role, ms in (("actor", ev.args.actors), ("recipient", ev.args.recipients))
        for m in ms
    ]
    return {
        "type": ev.type,
        "mode": ev.mode,
        "trigger": {"start": ev.start, "end": ev.end, "text": text[ev.start : ev.end]},
        "actors": actors,
        "recipients": [r for r in recipients if r not in actors],
        "place": ev.place.ref if ev.place else None,
        "date": (ev.date or {}).get("value") or (ev.date or {}).get("text"),
        "duration_s": (ev.duration or {}).get("value"),
        "topics": sorted(ev.topics),
        "sentence": {"start": ev.sentence[0], "end": ev.sentence[1]},
        "negated": ev.negated,
        "future": ev.future,
        "arguments": arguments,
        "place_text": ev.place.text if ev.place else None,
        "date_span": ev.date,
        "duration_span": ev.duration,
    }


def _uniq(xs: Any) -> list[str]:
    out: list[str] = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out
