"""Turning stored records into what the templates show: highlighted text segments and chart geometry.

Crawled text is data, never markup. Highlights are built as a list of :class:`Segment` (plain strings
plus the classes, link and tooltip of the spans covering them); the templates print each segment's text
through Jinja2's autoescaping, so no string from a page is ever marked safe. Links are built here from
our own routes (entity keys and types are URL-quoted), never taken from the page.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from khabar.arabic.normalize import normalize
from khabar.archive.store import entity_key

__all__ = [
    "Segment",
    "Span",
    "direction",
    "document_blocks",
    "facts_panel",
    "fold_boilerplate",
    "reason_ar",
    "safe_url",
    "spans_of",
]


@dataclass(slots=True)
class Span:
    """One highlight: ``[start, end)`` of the record text, a kind (CSS class), a link and a tooltip."""

    start: int
    end: int
    kind: str
    href: str | None = None
    title: str | None = None


@dataclass(slots=True)
class Segment:
    """A run of text covered by the same highlights (none for plain text)."""

    text: str
    classes: list[str] = field(default_factory=list)
    href: str | None = None
    title: str | None = None


def entity_href(key: str) -> str:
    return "/entities/" + quote(key, safe=":")


def _int(x: Any) -> int | None:
    return x if isinstance(x, int) and not isinstance(x, bool) else None


#: what a held-back fact's tooltip says (low confidence)
LOW_TITLE = "ثقة منخفضة"


def spans_of(
    rec: dict[str, Any],
    hits: list[tuple[int, int]] = (),  # type: ignore[assignment]
    *,
    all_facts: bool = False,
) -> list[Span]:
    """The highlights of a record: entities (linked to their entity page), dates (to the documents
    of that day), quantities (value in the tooltip), event triggers (to the events of that type) and
    search hits. With ``all_facts`` the facts the record holds back (``low_confidence``) too, with the
    class ``low-conf`` and their confidence in the tooltip. Spans out of bounds or malformed (a record
    from elsewhere) are skipped."""
    text = rec.get("text") or ""
    r = rec.get("refs")
    refs: dict[str, Any] = r if isinstance(r, dict) else {}
    lc = rec.get("low_confidence") if all_facts else None
    low: dict[str, Any] = lc if isinstance(lc, dict) else {}
    lr = low.get("refs")
    if isinstance(lr, dict):
        refs = {**lr, **refs}
    out: list[Span] = []

    def add(s: Any, e: Any, kind: str, href: str | None = None, title: str | None = None) -> None:
        s, e = _int(s), _int(e)
        if s is not None and e is not None and 0 <= s < e <= len(text):
            out.append(Span(s, e, kind, href, title))

    def low_title(fact: dict[str, Any]) -> str:
        c = fact.get("confidence")
        return f"{LOW_TITLE} {c:.2f}" if isinstance(c, (int, float)) else LOW_TITLE

    held_ents = [(x, True) for x in low.get("entities") or []]
    for ent, is_low in [*((x, False) for x in rec.get("entities") or []), *held_ents]:
        if not isinstance(ent, dict):
            continue
        label = str(ent.get("label") or "")
        ref = ent.get("ref") if isinstance(ent.get("ref"), str) else None
        key = entity_key(label, normalize(str(ent.get("text") or "")), ref, refs.get(ref) if ref else None)
        title = label
        if ent.get("role"):
            title += f" · {ent['role']}"
        if ent.get("name") and ent.get("name") != ent.get("text"):
            title += f" · {ent['name']}"
        kind = "ent ent-" + "".join(c for c in label if c.isalnum())
        href = entity_href(key) if key else None
        if is_low:
            kind += " low-conf"
            title += f" · {low_title(ent)}"
            href = href + "?all_facts=1" if href else None
        add(ent.get("start"), ent.get("end"), kind, href, title)
    for d in rec.get("dates") or []:
        if not isinstance(d, dict):
            continue
        value = d.get("value")
        day = str(value)[:10] if value else None
        href = "/?" + urlencode({"date_from": day, "date_to": day}) if day else None
        add(d.get("start"), d.get("end"), "date", href, f"date · {value}" if value else "date")
    for qn in rec.get("quantities") or []:
        if not isinstance(qn, dict):
            continue
        title = " ".join(str(x) for x in (qn.get("kind"), qn.get("value"), qn.get("unit")) if x is not None)
        add(qn.get("start"), qn.get("end"), "qty", None, ("≈ " if qn.get("approx") else "") + title)
    held_evs = [(x, True) for x in low.get("events") or []]
    for ev, is_low in [*((x, False) for x in rec.get("events") or []), *held_evs]:
        if not isinstance(ev, dict):
            continue
        # a document-level event is highlighted at each of its mentions (an older record: its trigger)
        mentions: list[Any] = ev["mentions"] if isinstance(ev.get("mentions"), list) else [ev]
        for m in mentions:
            if not isinstance(m, dict) or not isinstance(m.get("trigger"), dict):
                continue
            typ = str(m.get("type") or ev.get("type") or "")
            title = "event · " + " · ".join(str(x) for x in (typ, m.get("mode")) if x)
            if m.get("negated"):
                title += " · negated"
            if m.get("future"):
                title += " · future"
            if len(mentions) > 1:
                title += f" · {len(mentions)} mentions"
            params = {"type": typ, **({"all_facts": "1"} if is_low else {})}
            href = "/events?" + urlencode(params) if typ else None
            kind = "event"
            if is_low:
                kind += " low-conf"
                title += f" · {low_title(ev)}"
            add(m["trigger"].get("start"), m["trigger"].get("end"), kind, href, title)
    for s, e in hits:
        add(s, e, "qhit")
    return out


def segments(text: str, start: int, end: int, spans: list[Span]) -> list[Segment]:
    """``text[start:end]`` cut where highlights begin or end. A segment covered by several spans gets
    all their classes; its link is the innermost linked span's (links cannot nest)."""
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = {start, end}
    for s in inside:
        cuts.add(max(start, s.start))
        cuts.add(min(end, s.end))
    bounds = sorted(cuts)
    out: list[Segment] = []
    for a, b in itertools.pairwise(bounds):
        cover = [s for s in inside if s.start <= a and s.end >= b]
        if not cover:
            out.append(Segment(text[a:b]))
            continue
        cover.sort(key=lambda s: s.end - s.start)
        classes: list[str] = []
        for s in cover:
            for c in s.kind.split():
                if c not in classes:
                    classes.append(c)
        linked = [s for s in cover if s.href]
        titles = [s.title for s in cover if s.title]
        out.append(
            Segment(text[a:b], classes, linked[0].href if linked else None, " | ".join(titles) or None)
        )
    return out


_TAGS = {"title": "h1", "heading": "h2", "quote": "blockquote"}


def direction(text: str) -> str:
    """``rtl`` unless Latin letters outnumber Arabic ones: a paragraph's base direction. (``dir=auto``
    would take the first strong letter, and Arabic headlines often start with a Latin name.)"""
    arabic = latin = 0
    for c in text:
        if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" or "\ufb50" <= c <= "\ufeff":
            arabic += 1
        elif c.isascii() and c.isalpha():
            latin += 1
    return "ltr" if latin > arabic else "rtl"


def document_blocks(rec: dict[str, Any], spans: list[Span]) -> list[dict[str, Any]]:
    """The record's blocks in page order for the document template: kept ones as highlighted
    segments of ``text``, removed ones (boilerplate) with their text and reason."""
    text = rec.get("text") or ""
    out: list[dict[str, Any]] = []
    for b in rec.get("blocks") or []:
        if not isinstance(b, dict):
            continue
        kind = str(b.get("kind") or "paragraph")
        s, e = _int(b.get("start")), _int(b.get("end"))
        if kind == "boilerplate" or s is None or e is None:
            bt = str(b.get("text") or "")
            out.append({"kind": "boilerplate", "text": bt, "reason": b.get("reason"), "dir": direction(bt)})
        elif 0 <= s <= e <= len(text):
            out.append(
                {
                    "kind": kind,
                    "tag": _TAGS.get(kind, "p"),
                    "dir": direction(text[s:e]),
                    "segments": segments(text, s, e, spans),
                }
            )
    return out


def safe_url(url: Any) -> str | None:
    """A crawled URL usable as a link: http(s) only (never ``javascript:``/``data:``), else None."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


#: a run of at least this many removed lines is folded into one "N removed lines" group (a page's menu
#: of 150 links; a few chrome lines after an article stay in view, struck through)
FOLD_RUN = 8


def reason_ar(reason: str | None) -> str:
    """A removal reason for a reader, from the catalogue in ``labels_ar.tsv``: ``lexicon:read_more`` →
    اقرأ أيضاً, ``lexicon:related_suffix`` → أخبار ذات صلة (a reason at the end of a line reads as the
    reason itself), a site profile names its site; a reason the catalogue lacks is named by its kind
    (``feature:…`` → حكم نموذج الأسطر), never shown as a code (the code stays in the page's tooltip)."""
    from khabar.web.i18n import label, site_name

    if not reason:
        return "محذوف"
    source, _, what = reason.partition(":")
    if source == "site_profile":
        return f"يتكرر في صفحات الموقع ({site_name(what)})" if what else "يتكرر في صفحات الموقع"
    name = (what or source).split(":")[0]
    for code in (
        name,
        name.removesuffix("_suffix"),
        name.removesuffix("_teaser"),
        name.removesuffix("_lead"),
    ):
        text = label("reason", code)
        if text != code:
            return text
    text = label("source", source)
    return text if text != source else "محذوف"


def fold_boilerplate(blocks: list[dict[str, Any]], run: int = FOLD_RUN) -> list[dict[str, Any]]:
    """``blocks`` with each run of ``run`` or more removed blocks folded into one item
    ``{"kind": "folded", "blocks": [...], "reasons": [(reason in Arabic, count), ...]}``: an HTML page's
    150 struck-through menu lines before the article become one line a reader may open."""
    out: list[dict[str, Any]] = []
    for removed, group in itertools.groupby(blocks, key=lambda b: b.get("kind") == "boilerplate"):
        items = list(group)
        if removed and len(items) >= run:
            counts: dict[str, int] = {}
            for b in items:
                r = reason_ar(b.get("reason"))
                counts[r] = counts.get(r, 0) + 1
            reasons = sorted(counts.items(), key=lambda kv: -kv[1])
            out.append({"kind": "folded", "blocks": items, "reasons": reasons})
        else:
            out.extend(items)
    return out


def facts_panel(rec: dict[str, Any], keys: dict[str, str] | None = None) -> dict[str, Any]:
    """The document's facts for a side panel: people (with roles), places, organisations, each with
    how often the text names them, and events as "who → whom, type, where, when". ``keys`` maps the
    record's ref ids to the archive's entity keys (the links); a ref without one is listed unlinked."""
    keys = keys or {}
    raw_refs = rec.get("refs")
    refs: dict[str, Any] = raw_refs if isinstance(raw_refs, dict) else {}
    mentions: dict[str, int] = {}
    for e in rec.get("entities") or []:
        ref = e.get("ref") if isinstance(e, dict) else None
        if isinstance(ref, str):
            mentions[ref] = mentions.get(ref, 0) + 1
    groups: dict[str, list[dict[str, Any]]] = {"person": [], "place": [], "org": []}
    for ref, data in refs.items():
        if not isinstance(data, dict) or ref not in mentions:
            continue
        kind = "person" if data.get("kind") == "person" else "place" if data.get("kind") == "place" else "org"
        if data.get("kind") not in ("person", "place", "org"):
            continue
        name = (data.get("aliases") or [data.get("name")])[0] if kind != "person" else data.get("name")
        roles = [r.get("role") if isinstance(r, dict) else r for r in data.get("roles") or []]
        groups[kind].append(
            {
                "name": name or ref,
                "key": keys.get(ref),
                "roles": [r for r in roles if isinstance(r, str)],
                "mentions": mentions[ref],
                "confidence": data.get("confidence"),
            }
        )
    for items in groups.values():
        items.sort(key=lambda x: (-x["mentions"], str(x["name"])))

    def names(ids: Any) -> list[str]:
        out = []
        for r in ids or []:
            d = refs.get(r) if isinstance(r, str) else None
            if isinstance(d, dict) and d.get("kind") in ("person", "place", "org", "group"):
                out.append(str((d.get("aliases") or [d.get("name")])[0] or r))
        return out

    events = []
    # the archive numbers a record's events in order, the shown ones first: i is the event's page
    for i, ev in enumerate(rec.get("events") or []):
        if not isinstance(ev, dict):
            continue
        pid = ev.get("place")
        place = refs.get(pid) if isinstance(pid, str) else None
        where = (place.get("aliases") or [place.get("name")])[0] if isinstance(place, dict) else None
        events.append(
            {
                "type": ev.get("type"),
                "mode": ev.get("mode"),
                "actors": names(ev.get("actors")),
                "recipients": names(ev.get("recipients")),
                "place": where,
                "date": ev.get("date"),
                "confidence": ev.get("confidence"),
                "trigger": (ev.get("trigger") or {}).get("text"),
                "i": i,
            }
        )
    return {**groups, "events": events}
