"""The archive UI's charts as plain data for the templates (no plotting library): bars of counts, the
events timeline over periods (day, week, month, year) with its ticks, and the network of parties (the
SVG's node positions, edges and labels)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from khabar.web.views import entity_href


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
