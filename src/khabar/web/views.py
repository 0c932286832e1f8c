"""Turning stored records into what the templates show: highlighted text segments and chart geometry.

Crawled text is data, never markup. Highlights are built as a list of :class:`Segment` (plain strings
plus the classes, link and tooltip of the spans covering them); the templates print each segment's text
through Jinja2's autoescaping, so no string from a page is ever marked safe. Links are built here from
our own routes (entity keys and types are URL-quoted), never taken from the page.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from khabar.arabic.normalize import normalize
from khabar.archive.store import entity_key

__all__ = [
    "Segment",
    "Span",
    "bar_chart",
    "direction",
    "document_blocks",
    "facts_panel",
    "fold_boilerplate",
    "network_chart",
    "reason_ar",
    "safe_url",
    "spans_of",
    "timeline_chart",
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


def bar_chart(
    items: list[tuple[str, int, str | None]], *, width: int = 640, bar: int = 22, label_width: int = 220
) -> dict[str, Any]:
    """Geometry of a horizontal bar chart (right-to-left: labels at the right, bars growing left):
    ``items`` are ``(label, value, href)``; the template draws it as SVG."""
    top = max((v for _, v, _ in items), default=0) or 1
    room = width - label_width - 60
    rows = []
    for i, (label, value, href) in enumerate(items):
        w = max(1.0, room * value / top) if value else 0.0
        rows.append(
            {
                "label": label,
                # a label with no Arabic letter is crawled data (an unknown site's host name), not UI
                # text: the template marks it ltr
                "ltr": not any("\u0600" <= ch <= "\u06ff" for ch in label),
                "value": value,
                "href": href,
                "y": i * (bar + 6),
                "w": round(w, 1),
                "x": round(width - label_width - w, 1),
            }
        )
    return {
        "width": width,
        "height": max(1, len(items)) * (bar + 6),
        "bar": bar,
        "label_x": width - label_width + 8,
        "rows": rows,
    }


#: colours for other series (cycled), readable on white
PALETTE = ("#1f6f8b", "#c8553d", "#588157", "#8e5572", "#e0a100", "#3d5a80", "#6d597a", "#b56576")
#: one colour per PLOVER type, the same on every chart: 16 of Kelly's colours of maximum contrast
#: (K. L. Kelly, 1965), the cooperative types in blues and greens, the conflictual in reds and browns
TYPE_COLOURS = {
    "AGREE": "#0067A5",
    "CONSULT": "#1f6f8b",
    "SUPPORT": "#008856",
    "CONCEDE": "#8DB600",
    "COOPERATE": "#A1CAF1",
    "AID": "#2B3D26",
    "RETREAT": "#C2B280",
    "REQUEST": "#604E97",
    "ACCUSE": "#F6A600",
    "REJECT": "#875692",
    "THREATEN": "#E68FAC",
    "PROTEST": "#F38400",
    "SANCTION": "#848482",
    "MOBILIZE": "#654522",
    "COERCE": "#882D17",
    "ASSAULT": "#BE0032",
}


def _next_period(p: str) -> str:
    """The period after ``p`` (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a week ``WYYYY-MM-DD``)."""
    if p.startswith("W"):
        return "W" + (date.fromisoformat(p[1:]) + timedelta(days=7)).isoformat()
    if len(p) == 4:
        return f"{int(p) + 1:04d}"
    if len(p) == 7:
        y, m = int(p[:4]), int(p[5:7])
        return f"{y + m // 12:04d}-{m % 12 + 1:02d}"
    return (date.fromisoformat(p) + timedelta(days=1)).isoformat()


def _valid_period(p: str) -> bool:
    try:
        if p.startswith("W"):
            return len(p) == 11 and bool(date.fromisoformat(p[1:]))
        if len(p) == 4:
            return p.isdigit()
        if len(p) == 7:
            return p[:4].isdigit() and p[4] == "-" and 1 <= int(p[5:7]) <= 12
        date.fromisoformat(p)
        return len(p) == 10
    except ValueError:
        return False


def _coarser(p: str) -> str:
    """The period holding ``p`` one step up: a week (by its Saturday) or a day → its month, a month →
    its year."""
    if p.startswith("W"):
        return p[1:8]
    return p[: len(p) - 3]


#: the width of a digit or a dash in a tick label at the charts' 11 px (for keeping labels inside)
TICK_CHAR_PX = 7.0

#: most columns a timeline draws; a longer range is drawn per year
MAX_COLUMNS = 120


def timeline_chart(
    rows: list[dict[str, Any]], *, width: int = 760, height: int = 220, tail: float = 0.05
) -> dict[str, Any]:
    """Geometry of a stacked column chart of events per period and type on a continuous time axis
    (every period between the first and the last gets its column, empty or not; time runs right to
    left, as the page reads). ``rows`` are ``{"period", "type", "count"}``.

    Dates a text mentions reach far back and ahead (1967, 2050): when there are 20 or more events,
    the periods at either end holding no more than ``tail`` of them are left off and counted in
    ``outside``, so a handful of historical references does not squeeze the news into one column."""
    rows = [r for r in rows if isinstance(r.get("period"), str) and _valid_period(r["period"])]
    widths: dict[int, int] = {}
    for r in rows:
        widths[len(r["period"])] = widths.get(len(r["period"]), 0) + r["count"]
    outside = 0
    if len(widths) > 1:  # mixed granularity: draw the commonest, count the others as outside
        w = max(widths, key=lambda k: widths[k])
        outside = sum(c for k, c in widths.items() if k != w)
        rows = [r for r in rows if len(r["period"]) == w]
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["period"]] = totals.get(r["period"], 0) + r["count"]
    ordered = sorted(totals)
    if ordered and sum(totals.values()) >= 20:
        cut = sum(totals.values()) * tail
        lo, hi, acc = 0, len(ordered) - 1, 0
        while lo < hi and acc + totals[ordered[lo]] <= cut:
            acc += totals[ordered[lo]]
            lo += 1
        acc = 0
        while hi > lo and acc + totals[ordered[hi]] <= cut:
            acc += totals[ordered[hi]]
            hi -= 1
        keep = set(ordered[lo : hi + 1])
        outside += sum(c for p, c in totals.items() if p not in keep)
        rows = [r for r in rows if r["period"] in keep]
        ordered = ordered[lo : hi + 1]
    periods: list[str] = []
    if ordered:
        p = ordered[0]
        while p <= ordered[-1] and len(periods) <= MAX_COLUMNS:
            periods.append(p)
            p = _next_period(p)
        if len(periods) > MAX_COLUMNS and len(ordered[0]) == 4:  # years: the latest ones
            p = ordered[-1]
            periods = [f"{int(p) - k:04d}" for k in range(MAX_COLUMNS - 1, -1, -1)]
            outside += sum(r["count"] for r in rows if r["period"] < periods[0])
            rows = [r for r in rows if r["period"] >= periods[0]]
        elif len(periods) > MAX_COLUMNS:
            # a day's or a week's column folds into its month, a month's into its year
            coarse = [{**r, "period": _coarser(r["period"])} for r in rows]
            merged: dict[tuple[str, str], int] = {}
            for r in coarse:
                merged[(r["period"], r["type"])] = merged.get((r["period"], r["type"]), 0) + r["count"]
            chart = timeline_chart(
                [{"period": p, "type": t, "count": c} for (p, t), c in merged.items()],
                width=width,
                height=height,
                tail=0.0,
            )
            chart["outside"] += outside
            return chart
    types = sorted({r["type"] for r in rows})
    colour = {t: TYPE_COLOURS.get(t) or PALETTE[i % len(PALETTE)] for i, t in enumerate(types)}
    per: dict[str, list[dict[str, Any]]] = {p: [] for p in periods}
    for r in sorted(rows, key=lambda r: r["type"]):
        if r["period"] in per:
            per[r["period"]].append(r)
    sums = {p: sum(r["count"] for r in per[p]) for p in periods}
    top = max(sums.values(), default=0) or 1
    plot_h = height - 40
    slot = (width - 20) / max(1, len(periods))
    colw = min(40.0, max(1.0, slot * 0.8))
    label_every = max(1, math.ceil(len(periods) / 8))
    cols = []
    for i, p in enumerate(periods):
        x = width - 10 - (i + 1) * slot + (slot - colw) / 2
        y = float(plot_h)
        stack = []
        for r in per[p]:
            h = plot_h * r["count"] / top
            y -= h
            stack.append(
                {
                    "type": r["type"],
                    "count": r["count"],
                    "y": round(y, 1),
                    "h": round(h, 1),
                    "fill": colour[r["type"]],
                }
            )
        # a tick label is centred under its column, unless that would cut it at the chart's edge
        label = (p[1:] if p.startswith("W") else p) if i % label_every == 0 else None
        mid, half = x + colw / 2, TICK_CHAR_PX * len(label or "") / 2
        anchor, lx = "middle", mid
        if mid + half > width - 2:
            anchor, lx = "end", width - 2
        elif mid - half < 2:
            anchor, lx = "start", 2
        cols.append(
            {
                "period": p,
                "lx": round(lx, 1),
                "anchor": anchor,
                "x": round(x, 1),
                "w": round(colw, 1),
                "stack": stack,
                "total": sums[p],
                "label": label,
                "title": f"الأسبوع من {p[1:]}" if p.startswith("W") else p,
            }
        )
    return {
        "width": width,
        "height": height,
        "plot_h": plot_h,
        "cols": cols,
        "legend": [{"type": t, "fill": colour[t]} for t in types],
        "top": top,
        "outside": outside,
    }


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
    for code in (name, name.removesuffix("_suffix"), name.removesuffix("_teaser")):
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


#: networks of at most this many parties get level labels; more get labels along the rays
FLAT_LABELS = 12


def network_chart(net: dict[str, Any], *, size: int = 640, label_room: int = 200) -> dict[str, Any]:
    """Geometry of the who-met-whom network: the parties on a circle (the best connected first, from
    the top, clockwise), an edge per pair that met (width by how many events), labels outside the
    circle along each node's ray (``rotate`` degrees about the label's anchor), turned on the left half
    so no label reads upside down; a network of at most ``FLAT_LABELS`` parties keeps level labels.
    Radial labels never overlap while nodes are a line-height apart on the circle (up to about 150
    nodes at the default size); level ones collided near the top and the bottom, where neighbours sit
    side by side. Deterministic: the same archive draws the same picture."""
    nodes = net.get("nodes") or []
    c = size / 2 + label_room
    r = size / 2 - 10
    pos: dict[str, tuple[float, float]] = {}
    placed = []
    for i, n in enumerate(nodes):
        angle = 2 * math.pi * i / max(1, len(nodes)) - math.pi / 2
        x, y = c + r * math.cos(angle), c + r * math.sin(angle)
        pos[n["key"]] = (x, y)
        cos, sin = math.cos(angle), math.sin(angle)
        radius = 4 + 2 * math.sqrt(n.get("degree", 1))
        lx, ly = c + (r + radius + 4) * cos, c + (r + radius + 4) * sin
        right = cos >= -1e-9
        anchor = "start" if right else "end"
        turn = math.degrees(angle) - (0 if right else 180)
        if len(nodes) <= FLAT_LABELS:  # few parties: level labels read best and have room
            turn = 0.0
            if abs(cos) < 0.35:  # near the top or the bottom: centred above or below the node
                anchor, ly = "middle", ly + (-6 if sin < 0 else 8)
        placed.append(
            {
                **n,
                "x": round(x, 1),
                "y": round(y, 1),
                "lx": round(lx, 1),
                "ly": round(ly, 1),
                "anchor": anchor,
                "rotate": round(turn, 1),
                "radius": round(radius, 1),
                "href": entity_href(n["key"]),
            }
        )
    edges = []
    for e in net.get("edges") or []:
        if e["a"] in pos and e["b"] in pos:
            (x1, y1), (x2, y2) = pos[e["a"]], pos[e["b"]]
            q = urlencode([("type", "CONSULT"), ("party", e["a"]), ("party", e["b"])])
            edges.append(
                {
                    **e,
                    "x1": round(x1, 1),
                    "y1": round(y1, 1),
                    "x2": round(x2, 1),
                    "y2": round(y2, 1),
                    "width": round(1 + 1.5 * math.log2(e["events"]), 2),
                    "href": "/events?" + q,
                }
            )
    return {"size": int(2 * c), "nodes": placed, "edges": edges}
