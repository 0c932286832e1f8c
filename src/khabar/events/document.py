"""Document-level events: the mentions of one happening, merged (issue 13).

The coder (:mod:`khabar.events.coder`) codes event *mentions*, one per sentence that names a happening,
as the events gold set does (GUIDELINES §2: the Moscow visit of the seed is named in its heading, in
the paragraph and again where it is evaluated). An analyst wants the happening once: the seed's visit
is one event (al-Assad and Putin, joined by Shoigu and Mekdad; Moscow; about 8,100 s), not fifteen.
:func:`document_events` merges the mentions of a document into events, each keeping its mentions
(with their triggers, sentences and offsets, so that ``khabar eval events`` still scores mentions).

Two mentions are one event when they have the same type and flags (negated, future), agree on the
weapon or channel when both say it (mode), and do not contradict each other on who, where or when:

* **who**: for a meeting, they share a participant, or one names none (a re-mention: "المباحثات",
  "هذه الزيارة"), or the one's parties are countries whose people the other names ("القمة الروسية
  السورية" after "الأسد" and "بوتين"); for a directed act, the same holds of the actors and of the
  recipients each (دعا الحكومة … وحث المعارضة: two demands);
* **where**: the same place, a town and its country, or one names none;
* **when**: the same resolved day, or one has none.

A mention joins the compatible event that shares a participant with it, else the latest compatible
event, else it starts a new one. The event's fields are read from its mentions: each participant
takes the role the more confident mentions give it (a country drops out when a person of it takes
part in the same role: "Syria" beside "al-Assad"); the place is the one the mentions give most
(weighed by confidence); the date the first resolved one; the length of a meeting the sum of its
phases' distinct lengths (90 minutes, then 45 more); the confidence the highest of its mentions'.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from khabar.model import Document

__all__ = ["document_events"]

#: ref kinds that name a person or an office holder (a country's people in an event)
_PERSONS = frozenset({"person"})


def document_events(doc: Document, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events of ``doc`` from its event mentions (record dicts, in text order)."""
    groups: list[list[dict[str, Any]]] = []
    for m in mentions:
        best: list[dict[str, Any]] | None = None
        best_key = (-1, -1)
        for k, g in enumerate(groups):
            if not _compatible(doc, g, m):
                continue
            shared = bool(_parties(m) & _group_parties(g))
            key = (int(shared), k)
            if key > best_key:
                best, best_key = g, key
        if best is None:
            groups.append([m])
        else:
            best.append(m)
    events = [_event(doc, n, _one_per_sentence(g)) for n, g in enumerate(groups, 1)]
    _document_confidence(doc, events)
    for ev in events:
        ev.pop("_rule", None)
        for m in ev["mentions"]:
            m.pop("_rule", None)
    return events


def _roles(m: dict[str, Any]) -> dict[str, Any]:
    """The parties a mention is grouped and weighed by: the rules' (``_rule``, set by the coder when
    the argument scorer chose the record's own), else the record's."""
    r = m.get("_rule")
    return r if isinstance(r, dict) else m


# -- the event a mention belongs to (issue 13) ------------------------------------------------------------
def _document_confidence(doc: Document, events: list[dict[str, Any]]) -> None:
    """Weigh each mention's confidence by the document-level event it belongs to: how many mentions it
    has and whether one is in the title, whether it names parties on both sides, a place, a date, how
    many events of its type the page has, and how sure the coder is of its other mentions (a happening
    told three times, once in the title, is more often right than one told once in passing).

    The mentions arrive with the event filter's probability as their ``confidence``; the document model
    of ``events_model.json`` (a logistic regression over that probability's logit and these features,
    fitted by ``scripts/train_events.py`` on the filter's out-of-fold probabilities) gives the calibrated
    confidence. Without a document model the confidences stay as they are. For training (mentions with
    ``_features``) these features join the mention's ``_features``, with its event's number under
    ``__event``."""
    from khabar.events import filter as flt

    training = any("_features" in m for ev in events for m in ev["mentions"])
    models = None if training else flt.load_models()
    model = models.document if models is not None else None
    if model is None and not training:
        return
    title = _title_span(doc)
    per_type: dict[str, int] = {}
    for ev in events:
        per_type[ev["type"]] = per_type.get(ev["type"], 0) + 1
    for n, ev in enumerate(events):
        feats = group_features(ev, title, per_type[ev["type"]])
        ms = ev["mentions"]
        for k, m in enumerate(ms):
            f = {**feats, f"dg_rank={min(k, 2)}": 1.0}
            if training:
                if m.get("_features") is not None:
                    m["_features"] = {**m["_features"], **f, "__event": float(n)}
                continue
            p = m.get("confidence")
            if not isinstance(p, (int, float)) or model is None:
                continue
            others = [
                float(o["confidence"])
                for o in ms
                if o is not m and isinstance(o.get("confidence"), (int, float))
            ]
            x = {**f, **stacked_features(float(p), others)}
            m["confidence"] = round(model.confidence(model.probability(x)), 3)
        confidences = [m["confidence"] for m in ms if isinstance(m.get("confidence"), (int, float))]
        if confidences and not training:
            ev["confidence"] = max(confidences)


def group_features(ev: dict[str, Any], title: tuple[int, int] | None, same_type: int) -> dict[str, float]:
    """The features of a document-level event that all its mentions share (see
    :func:`_document_confidence`)."""
    t = ev["type"]
    ms = ev["mentions"]
    n = _count_bucket(len(ms))
    in_title = title is not None and any(
        m["sentence"]["start"] < title[1] and title[0] < m["sentence"]["end"] for m in ms
    )
    return {
        f"dg_n={n}": 1.0,
        f"dg_n={n}|{t}": 1.0,
        f"dg_title={in_title}": 1.0,
        f"dg_actor={any(_named(r) for r in _roles(ev).get('actors') or [])}": 1.0,
        f"dg_recipient={any(_named(r) for r in _roles(ev).get('recipients') or [])}": 1.0,
        f"dg_place={ev.get('place') is not None}": 1.0,
        f"dg_date={ev.get('date') is not None}": 1.0,
        f"dg_same_type_events={_count_bucket(same_type)}": 1.0,
    }


def stacked_features(p: float, others: list[float]) -> dict[str, float]:
    """The filter's probability of a mention (as a logit) and the best of its event's other mentions."""
    f = {"p_logit": _logit(p)}
    if others:
        best = max(others)
        f["others_logit"] = _logit(best)
        f[f"others_best={min(int(best * 5), 4)}"] = 1.0
    else:
        f["others_none"] = 1.0
    return f


def _logit(p: float) -> float:
    p = min(max(p, 0.001), 0.999)
    return math.log(p / (1.0 - p))


def _count_bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n == 2 else "3+"


def _named(ref: str) -> bool:
    """A party with a name (a person, an organisation, a country), not an unnamed phrase (np:…)."""
    return not ref.startswith("np:")


def _title_span(doc: Document) -> tuple[int, int] | None:
    """Where the record's title is in its text (the title line), or None."""
    if doc.title:
        at = doc.text.find(doc.title)
        if at >= 0:
            return at, at + len(doc.title)
    return None


def _one_per_sentence(g: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One mention per sentence of an event (GUIDELINES §2: one record per sentence and event): two
    triggers of one event in one sentence (تعرض المركز لقذائف … ونتج عن الحادثة استشهاد) are one mention,
    the more confident one, with the other's parties added where it named none."""
    if g[0]["type"] == "CONSULT":
        return g  # a meeting's phases told in one sentence (a session, then ministers joining) stay apart
    out: list[dict[str, Any]] = []
    for m in g:
        prev = next((x for x in out if x["sentence"] == m["sentence"]), None)
        if prev is None:
            out.append(m)
            continue
        keep, other = (prev, m) if _confidence(prev) >= _confidence(m) else (m, prev)
        for role in ("actors", "recipients"):
            if not keep.get(role) and other.get(role):
                keep[role] = list(other[role])
                keep["arguments"] = [
                    *keep.get("arguments", []),
                    *[a for a in other.get("arguments", []) if a["role"] == role[:-1]],
                ]
        out[out.index(prev)] = keep
    return out


def _parties(m: dict[str, Any]) -> set[str]:
    r = _roles(m)
    return set(r.get("actors") or []) | set(r.get("recipients") or [])


def _group_parties(g: list[dict[str, Any]]) -> set[str]:
    out: set[str] = set()
    for m in g:
        out |= _parties(m)
    return out


def _is_country(doc: Document, rid: str) -> str | None:
    """The country code of a country's ref (its ref is the country's own), else None."""
    r = doc.refs.get(rid) or {}
    if r.get("kind") != "place" or not r.get("country"):
        return None
    from khabar.extract.places import load_gazetteer

    place = load_gazetteer().countries.get(r["country"])
    return r["country"] if place is not None and place.ref == rid else None


def _country_of(doc: Document, rid: str) -> str | None:
    r = doc.refs.get(rid) or {}
    return _is_country(doc, rid) or (r.get("country") if r.get("kind") != "place" else None)


def _compatible(doc: Document, g: list[dict[str, Any]], m: dict[str, Any]) -> bool:
    first = g[0]
    if (first["type"], bool(first.get("negated")), bool(first.get("future"))) != (
        m["type"],
        bool(m.get("negated")),
        bool(m.get("future")),
    ):
        return False
    modes = {x.get("mode") for x in g} - {None}
    if m.get("mode") and modes and m["mode"] not in modes:
        return False
    if not _same_place(doc, {str(x["place"]) for x in g if x.get("place")}, m.get("place")):
        return False
    days = {_day(x) for x in g} - {None}
    if _day(m) and days and _day(m) not in days:
        return False
    if m["type"] == "CONSULT":
        # a meeting's sides swap roles between its mentions (a visit's guest and host, or all the
        # participants of a meeting without one): any shared party will do
        return _same_sides(doc, _parties(m), _group_parties(g))
    # a directed act: the same doer (or none said) and the same target (or none said); دعا X الحكومة …
    # وحث المعارضة … are two demands
    return all(
        _same_sides(doc, set(_roles(m).get(role) or []), {r for x in g for r in _roles(x).get(role) or []})
        for role in ("actors", "recipients")
    )


def _same_sides(doc: Document, mine: set[str], theirs: set[str]) -> bool:
    """Whether two sets of parties may be the same sides: one is empty, they share a party, or the
    one's parties are countries of the other's people (القمة الروسية السورية after الأسد and بوتين)."""
    if not mine or not theirs or mine & theirs:
        return True
    countries = {c for r in theirs if (c := _country_of(doc, r))}
    return all(_is_country(doc, r) in countries for r in mine)


def _same_place(doc: Document, places: set[str], p: str | None) -> bool:
    if not p or not places or p in places:
        return True
    cc = (doc.refs.get(p) or {}).get("country")
    for q in places:
        # a town and its country (موسكو، روسيا) are one place for an event
        if _is_country(doc, q) and cc == _is_country(doc, q):
            return True
        if _is_country(doc, p) and (doc.refs.get(q) or {}).get("country") == _is_country(doc, p):
            return True
    return False


def _day(m: dict[str, Any]) -> str | None:
    v = m.get("date")
    if isinstance(v, str) and len(v) >= 10 and v[4] == "-" and v[:4].isdigit():
        return v[:10]
    return None


def _uniq(xs: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out


def _confidence(m: dict[str, Any]) -> float:
    c = m.get("confidence")
    return float(c) if isinstance(c, (int, float)) else 1.0


def _event(doc: Document, n: int, g: list[dict[str, Any]]) -> dict[str, Any]:
    by_role = _vote(doc, g, lambda m: m)
    ev = _event_fields(doc, n, g, by_role)
    if any("_rule" in m for m in g):
        ev["_rule"] = _vote(doc, g, _roles)
    return ev


#: the confidence a mention needs to lend its parties to its event (unless none of the event's has it)
LEND_CONFIDENCE = 0.5


def _vote(
    doc: Document, g: list[dict[str, Any]], roles_of: Callable[[dict[str, Any]], dict[str, Any]]
) -> dict[str, list[str]]:
    """The event's actors and recipients from its mentions' (as ``roles_of`` reads them)."""
    # each participant takes the role the more confident mentions give it
    weight: dict[tuple[str, str], float] = {}
    order: list[str] = []
    # a mention the event filter doubts lends the event no party (وقالت نائبة إن مسؤولين يحققون في
    # احتمال أن يكون الانفجار هجوما: 0.25, the officials are not the bombers)
    bar = min(LEND_CONFIDENCE, max((_confidence(m) for m in g), default=0.0))
    for m in g:
        if _confidence(m) < bar:
            continue
        for role in ("actors", "recipients"):
            for r in roles_of(m).get(role) or []:
                weight[(r, role)] = weight.get((r, role), 0.0) + _confidence(m)
                if r not in order:
                    order.append(r)
    roles = {
        r: (
            "actors" if weight.get((r, "actors"), 0.0) >= weight.get((r, "recipients"), 0.0) else "recipients"
        )
        for r in order
    }
    by_role: dict[str, list[str]] = {"actors": [], "recipients": []}
    for r in order:
        by_role[roles[r]].append(r)
    for role, refs in by_role.items():
        # a country beside one of its people in the same role is that person's side ("Syria" with
        # al-Assad): the person says more
        people = {_country_of(doc, r) for r in refs if (doc.refs.get(r) or {}).get("kind") in _PERSONS} - {
            None
        }
        by_role[role] = [r for r in refs if _is_country(doc, r) not in people or _is_country(doc, r) is None]
    return by_role


def _event_fields(
    doc: Document, n: int, g: list[dict[str, Any]], by_role: dict[str, list[str]]
) -> dict[str, Any]:
    first = g[0]
    # the place the mentions give most, weighed by their confidence (the first on a tie)
    votes: dict[str, float] = {}
    for m in g:
        if m.get("place"):
            votes[m["place"]] = votes.get(m["place"], 0.0) + _confidence(m)
    place = max(votes, key=lambda p: (votes[p], -_first_index(g, p))) if votes else None
    place_m = next((m for m in g if m.get("place") == place), None) if place else None
    dated = next((m for m in g if _day(m)), None) or next((m for m in g if m.get("date")), None)
    durations = _uniq(m["duration_s"] for m in g if isinstance(m.get("duration_s"), (int, float)))
    modes = [m.get("mode") for m in sorted(g, key=lambda m: -_confidence(m)) if m.get("mode")]
    # each argument span in the role its ref won in the vote: the mentions may disagree (one reads a
    # party as the actor, another as the recipient), the event says one thing
    role_of = {r: "actor" for r in by_role["actors"]} | {r: "recipient" for r in by_role["recipients"]}
    arguments = _uniq(
        a
        for m in g
        for a in m.get("arguments") or []
        if a.get("ref") is None or role_of.get(a["ref"]) == a["role"]
    )
    confidences = [m["confidence"] for m in g if isinstance(m.get("confidence"), (int, float))]
    ev: dict[str, Any] = {
        "id": f"e{n}",
        "type": first["type"],
        "mode": modes[0] if modes else None,
        "trigger": first["trigger"],
        "actors": by_role["actors"],
        "recipients": by_role["recipients"],
        "place": place,
        "place_text": place_m.get("place_text") if place_m else None,
        "date": dated.get("date") if dated else None,
        "date_span": dated.get("date_span") if dated else None,
        "duration_s": sum(durations) if durations else None,
        "topics": sorted({t for m in g for t in m.get("topics") or []}),
        "sentence": first["sentence"],
        "negated": bool(first.get("negated")),
        "future": bool(first.get("future")),
        "arguments": arguments,
    }
    if confidences:
        ev["confidence"] = max(confidences)
    ev["mentions"] = g
    return ev


def _first_index(g: list[dict[str, Any]], place: str) -> int:
    return next(i for i, m in enumerate(g) if m.get("place") == place)
