"""Rules over a whole document's events, for the coder (:mod:`khabar.events.coder`).

Moved out of the coder (issue 19), its step 7: the visitor is the actor and the host the recipient in
every meeting of a visit; a headline's actor from the body; topics shared by the mentions of one meeting;
durations from the next sentence.
"""

from __future__ import annotations

import re

from khabar.events.event import Event
from khabar.events.setting import how_long
from khabar.model import Document


def _next_durations(doc: Document, events: list[Event], sents: list[tuple[int, int]]) -> None:
    """A duration in the next sentence describes the event when that sentence reports no event of
    its own ("… عقدا اجتماعا. واستمر ساعتين.")."""
    with_events = {e.sentence for e in events}
    for k, sent in enumerate(sents[:-1]):
        nxt = sents[k + 1]
        if nxt in with_events:
            continue
        durs = [
            q
            for q in doc.quantities
            if q.attrs.get("kind") == "duration"
            and nxt[0] <= q.start < nxt[1]
            and how_long(doc.text, q.start)  # (وقع قبل يومين: when, not how long)
        ]
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
