"""The event coder: triggers → PLOVER events with arguments, in one document.

Steps (each a small function in this module or in :mod:`~khabar.events.context` (what a trigger's
sentence says of it), :mod:`~khabar.events.participants`, :mod:`~khabar.events.merging`,
:mod:`~khabar.events.setting` (dates, places, topics) and :mod:`~khabar.events.document_rules`):

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

from dataclasses import replace
from typing import Any

from khabar.events.accidents import (
    accident_cause,
    animal_attack,
    attack_told,
    counts_near,
    drop_retold_accidents,
    is_death,
)
from khabar.events.arguments import (
    VERBAL_TYPES,
    assign_arguments,
)
from khabar.events.context import (
    _COOPERATIVE,
    _ability_before,
    _ceremony,
    _conditional,
    _counted_noun,
    _court_session,
    _domain_page,
    _families,
    _fighting,
    _flags,
    _ground_after,
    _habitual,
    _harm_follows,
    _has_cue,
    _is_anchor,
    _meeting_after,
    _modal_before,
    _private_trip,
    _receives_numbers,
    _standing,
    _title_spans,
)
from khabar.events.document import document_events
from khabar.events.document_rules import _headline_actors, _next_durations, _shared_topics, _visits
from khabar.events.doers import led_by, victims_not_doers
from khabar.events.event import Event
from khabar.events.filter import argument_candidates, choose_arguments, event_features, load_models
from khabar.events.mentions import Mention, country_ref, find_mentions, words_of
from khabar.events.merging import _governed_meetings, _merge, _same_meeting_again
from khabar.events.participants import (
    SPEAKER_REACH,
    _appositions,
    _coordinated_verb,
    _copy_args,
    _counted_victims,
    _dawn_of,
    _expressed_by,
    _facility_visit,
    _generic_meetings,
    _join,
    _last_speaker,
    _mutual_fight,
    _named_after,
    _named_party,
    _no_outlets,
    _party_present,
    _phrase_candidates,
    _quoted_place,
    _received_call,
    _resolve_sides,
    _speaker,
    _title_part,
    _two_sides,
    _unnamed_non_parties,
)
from khabar.events.sentences import dotted_piece, sentence_spans
from khabar.events.setting import _governing_prep, _sentence_facts
from khabar.events.triggers import TriggerMatch, find_triggers
from khabar.model import Document

__all__ = ["Event", "code_events"]


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
    mentions = [
        m
        for m in find_mentions(doc, words)
        if not (_named_after(words, m) or _title_part(words, m) or _quoted_place(text, words, m))
    ]
    for m in mentions:
        # a place at the end of a locative phrase (في بلدة سيزر جنوب شرق تركيا) is where, not who
        if m.is_place and m.prep is None and _governing_prep(words, m) is not None:
            m.prep = "في"
    sents = sentence_spans(text)
    # names (as the mentions trimmed them: "الربيعة [يستقبل]" ends before the verb)
    names = [m for m in mentions if m.kind in ("person", "place", "country")]
    events: list[Event] = []
    accident = False  # a death or an injury was read as an accident's (khabar.events.accidents)
    retold: dict[int, frozenset[str]] = {}  # the deaths and injuries with no attack in their sentence
    victims: frozenset[str] = frozenset()  # the accidents' counts of victims
    for si, (ss, se) in enumerate(sents):
        a, b = words.index_at(ss), words.index_at(se)
        sw = words.toks[a:b]
        if not sw:
            continue
        teh = frozenset(i - a for i in range(a, b) if text[words.text_spans[i][1] - 1] == "ة")
        # a line of its own with no full stop (a title, a subtitle): ".." there joins two stories,
        # where in running text it is an ellipsis
        headline = (ss == 0 or text[ss - 1] == "\n") and (se == len(text) or text[se] == "\n")
        headline = headline and text[ss:se].rstrip("\"'»”’)]}")[-1:] not in ".!?؟"
        matches = find_triggers(sw, teh, words.keys[a:b] if words.keys else None)
        smentions = [m for m in mentions if ss <= m.start and m.end <= se]
        sevents: list[Event] = []
        titles = _title_spans(text, ss, se) if matches else []
        fighting: list[bool] = []  # computed once, when a trigger needs it
        calm: list[bool] = []  # the sentence tells of no attack (computed once, when a death needs it)
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
            if _families(words, gm):
                continue  # مع أسرهم، أسر الشهداء: families, not captives
            for entry in gm.entries:
                death = entry.type == "ASSAULT" and is_death(words, gm)
                if death and not calm:
                    calm.append(not attack_told(words, a, b, matches))
                if death and calm[0] and accident_cause(words, gm, a, b):
                    accident = True
                    victims |= counts_near(words, gm, a, b)
                    continue  # مقتل 11 شخصا في تدافع، لقوا حتفهم غرقا: an accident, nobody's attack
                if entry.type == "ASSAULT" and not death and animal_attack(words, gm, a, b):
                    continue  # هجوم سمكة قرش: an animal is no actor (PLOVER)
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
                # a headline's two stories joined by "..": the parties of the trigger's own
                pa, pb = dotted_piece(text, words.text_spans, a, b, gm.first) if headline else (a, b)
                args = assign_arguments(
                    doc, words, gm, entry, smentions, (max(prv, pa), min(nxt, pb)), (pa, pb)
                )
                _resolve_sides(args, events + sevents)
                _coordinated_verb(args, words, gm, a, sevents)
                if entry.type == "ASSAULT":
                    victims_not_doers(args, words, gm, entry.flags, sevents)
                led_by(args, words, smentions)  # التحالف الذي تقوده السعودية: the coalition acts
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
                if _ability_before(words, gm, a):
                    continue  # كان بمقدور حماس اغتيال، قادرة على صد أي هجوم: what could be done, not done
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
                ev.cands = [x for x in smentions if pa <= x.first and x.last < pb] + _phrase_candidates(
                    doc, words, gm, (pa, pb), smentions
                )
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
                if death and calm[0]:
                    retold[id(ev)] = counts_near(words, gm, a, b)
                sevents.append(ev)
        events.extend(_merge(_governed_meetings(sevents, words), words))
        _sentence_facts(
            doc, words, events, sevents, smentions, (ss, se), sents[si + 1] if si + 1 < len(sents) else None
        )
    if accident:
        events = drop_retold_accidents(events, retold, victims)
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
    for sev in scored:
        # what the record shows, read once more (the parties the events are grouped and weighed by stay
        # the rules'): an apposition is no second party, an act or a quality no party, a clash has sides
        _appositions(text, words, sev)
        _unnamed_non_parties(text, words, sev)
        _mutual_fight(sev)
        _expressed_by(text, words, sev)
        _no_outlets(sev)
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
