"""Human-readable rendering of a document for the terminal (``khabar show``).

Each block is one row: its kind in a fixed-width left margin, then its text. Removed blocks are
struck through (ANSI SGR 9) and followed by their reason. Arabic text is wrapped in Unicode
right-to-left isolates (U+2067 … U+2069) so that terminals with bidi support lay it out right to
left without disturbing the margin; ``--plain`` output has no escapes at all.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import Any

from khabar.model import Document

_RLI, _PDI = "\u2067", "\u2069"
_COLORS = {
    "title": "1;36",
    "section": "35",
    "byline": "33",
    "dateline": "33",
    "date": "33",
    "heading": "1;32",
    "paragraph": "0",
    "caption": "3",
    "boilerplate": "2;9",
}


def render(doc: Document, *, color: bool = True, width: int | None = None, bidi: bool = True) -> str:
    """The document as text for a person: structure in the margin, removed lines struck through."""
    width = width or min(shutil.get_terminal_size((110, 24)).columns, 140)
    margin = 12
    body = max(width - margin - 1, 30)
    out: list[str] = []
    sig = doc.signals
    head = [
        f"id: {doc.id}",
        f"title: {doc.title or '—'}",
        f"sections: {' › '.join(doc.sections) or '—'}",
        f"is_article: {doc.is_article}   blocks: {len(doc.blocks)}   "
        f"removed: {sum(b.removed for b in doc.blocks)}"
        + (f"   arabic: {sig.get('arabic_ratio')}   quality: {sig.get('quality')}" if sig else ""),
    ]
    if doc.published:
        head.insert(
            3,
            f"published: {doc.published}"
            + (f" ({doc.published_source})" if doc.published_source else "")
            + (f"   modified: {doc.modified}" if doc.modified else ""),
        )
    if doc.source.uri:
        head.insert(1, f"source: {doc.source.uri}")
    out.extend(head)
    out.append("─" * min(width, 100))
    for b in doc.blocks:
        lines = textwrap.wrap(b.text, body) or [""]
        tag = b.kind if not b.removed else "removed"
        for i, ln in enumerate(lines):
            txt = f"{_RLI}{ln}{_PDI}" if bidi else ln
            if color:
                txt = f"\x1b[{_COLORS.get(b.kind, '0')}m{txt}\x1b[0m"
            out.append(f"{(tag if i == 0 else ''):<{margin}}{txt}")
        if b.removed and b.reason:
            why = f"↳ {b.reason}"
            out.append(f"{'':<{margin}}" + (f"\x1b[2m{why}\x1b[0m" if color else why))
    if doc.entities or doc.quantities or doc.dates:
        out.append("─" * min(width, 100))
        for e in doc.entities:
            role = e.attrs.get("role")
            role = role.get("role") if isinstance(role, dict) else role
            if e.attrs.get("name"):
                where = f" → {e.attrs['name']} ({e.attrs.get('country')})"
            else:
                bits = [str(x) for x in (e.attrs.get("ref"), role) if x]
                where = f" → {' · '.join(bits)}" if bits else ""
            out.append(f"{e.label:<{margin}}{_iso(e.text, bidi)}{where}   [{e.start}:{e.end}]")
        for d in doc.dates:
            out.append(
                f"{'date':<{margin}}{_iso(d.text, bidi)} = {d.attrs.get('value')}   [{d.start}:{d.end}]"
            )
        for q in doc.quantities:
            approx = "≈" if q.attrs.get("approx") else ""
            kind = q.attrs.get("kind", "quantity")
            value = f"{approx}{q.attrs.get('value')} {q.attrs.get('unit', '')}"
            out.append(f"{kind:<{margin}}{_iso(q.text, bidi)} = {value}   [{q.start}:{q.end}]")
    if doc.events:
        out.append("─" * min(width, 100))
        out.extend(_event_lines(doc, margin, bidi))
    low = doc.low_confidence
    if low:
        # held back, not lost: say how many and how to see them
        note = (
            f"low confidence (held back): {len(low.entities)} entities, {len(low.refs)} refs, "
            f"{len(low.events)} events; --min-confidence all shows them"
        )
        out.append("─" * min(width, 100))
        out.append(f"\x1b[2m{note}\x1b[0m" if color else note)
    return "\n".join(out)


def _event_lines(doc: Document, margin: int, bidi: bool) -> list[str]:
    """One line per event: type/mode, who → whom, where, how long, topics, confidence, and the
    triggers of its mentions."""

    def names(ids: list[str]) -> str:
        return ", ".join(str((doc.refs.get(r) or {}).get("name") or r) for r in ids) or "—"

    def side(ev: dict[str, object], key: str, role: str) -> str:
        # a party whose link was held back (low confidence) is shown as the text names it, in quotes
        ids = ev.get(key)
        named = names(ids if isinstance(ids, list) else [])
        unlinked = [
            f"«{a.get('text')}»"
            for a in ev.get("arguments") or []  # type: ignore[attr-defined]
            if isinstance(a, dict) and a.get("role") == role and a.get("ref") is None and a.get("text")
        ]
        if unlinked and ev.get("low_confidence_refs"):
            return ", ".join([n for n in [named] if n != "—"] + unlinked)
        return named

    lines = []
    for ev in doc.events:
        tag = ev["type"] + (f"/{ev['mode']}" if ev.get("mode") else "")
        who, whom = side(ev, "actors", "actor"), side(ev, "recipients", "recipient")
        bits = [f"{_iso(who, bidi)} → {_iso(whom, bidi)}"]
        if ev.get("place"):
            bits.append(f"in {_iso(names([ev['place']]), bidi)}")
        if ev.get("date"):
            bits.append(f"on {ev['date']}")
        if ev.get("duration_s") is not None:
            bits.append(f"{ev['duration_s']} s")
        if ev.get("topics"):
            bits.append("topics: " + ", ".join(ev["topics"]))
        flags = [f for f in ("negated", "future") if ev.get(f)]
        if flags:
            bits.append("(" + ", ".join(flags) + ")")
        if isinstance(ev.get("confidence"), (int, float)):
            bits.append(f"confidence {ev['confidence']:.2f}")
        # a document-level event: the triggers of all its mentions (an older record: its trigger)
        mentions: list[Any] = ev["mentions"] if isinstance(ev.get("mentions"), list) else [ev]
        where = " ".join(
            f"«{_iso(m['trigger']['text'], bidi)}» [{m['trigger']['start']}:{m['trigger']['end']}]"
            for m in mentions
            if isinstance(m, dict) and isinstance(m.get("trigger"), dict)
        )
        lines.append(f"{tag:<{margin - 1}} {'   '.join(bits)}   {where}")
    return lines


def _iso(text: str, bidi: bool) -> str:
    return f"{_RLI}{text}{_PDI}" if bidi else text
