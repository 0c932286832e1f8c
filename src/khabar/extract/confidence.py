"""Confidence thresholds: which facts a record shows, and which it keeps aside as low-confidence.

Every fact carries a confidence, a probability (0..1, three decimals) that it is right, calibrated on
the development halves of the gold sets: entity spans in ``span.attrs["confidence"]``, refs (a place
link, a person's identity, an organisation) in ``ref["confidence"]``, events in
``event["confidence"]``. The layers that find a fact set its confidence; a fact without one counts as
1.0 (a layer that does not estimate doubt yet claims none).

This module decides what a user sees. The default thresholds live in
``khabar/data/fact_thresholds.json`` (:func:`load_thresholds`), one per fact type (``place``,
``person``, ``org``, ``event``, and ``entity`` per span label), each with how it was chosen
(``scripts/calibrate_facts.py`` picks the lowest threshold whose development precision reaches the
target). The ``confidence`` stage (:mod:`khabar.extract.confidence_stage`, the last of the fact stages,
which calls :func:`split_by_confidence`) moves every
fact below its threshold out of the record's main fields into ``Document.low_confidence``, keeping the
record consistent:

* a ref below its threshold is held back, and every entity span pointing at it goes with it;
* an entity span below its label's threshold is held back;
* a ref that only held-back spans point at (or, for refs no span points at, only held-back events)
  goes back too: a name is not shown as a fact when none of its mentions is;
* an event below the event threshold (its PLOVER type's, when the ``event`` entry has ``by_type``) is
  held back whole;
* a *shown* event that points at a held-back ref keeps the mention as written (its arguments keep
  ``text`` and offsets) but not the link: the ref id is taken out of ``actors``/``recipients`` and set
  to ``null`` where it was a single value (``place``, an argument's ``ref``), and the event lists what
  was taken out in ``low_confidence_refs`` (``[{"at": JSON pointer, "ref": id}]``), so that nothing
  shown points at a held-back fact and :func:`merge_low_confidence` can put everything back.

So the main fields (``entities``, ``refs``, ``events``) are the trusted set, which is what
``facts_gold/score.py`` and the archive's pages count by default; nothing is lost.
``min_confidence`` (:func:`resolve_min_confidence`: ``"default"``, ``"all"`` or a number) picks other
thresholds: ``"all"`` keeps every fact in the main fields, as before thresholds existed.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.data import load_json
from khabar.errors import DataFileError, UsageError
from khabar.model import Document, LowConfidence, RefTable, Span

__all__ = [
    "ABSENT_THRESHOLD",
    "FACT_KEYS",
    "LABEL_FACTS",
    "Thresholds",
    "confidence_of",
    "fact_type",
    "load_thresholds",
    "merge_low_confidence",
    "min_confidence_arg",
    "regate",
    "resolve_min_confidence",
    "split_by_confidence",
]

THRESHOLDS_FILE = "fact_thresholds.json"
#: the fact types a threshold file sets (a ref of another ``kind`` is looked up by its kind)
FACT_KEYS = ("place", "person", "org", "event")
#: the fact type whose threshold an entity span of a label takes when the file sets none for the label
LABEL_FACTS = {"PERSON": "person", "ORG": "org", "LOC": "place", "GPE": "place", "FAC": "place"}
#: the threshold of a fact type the file does not mention: a calibrated confidence under 0.5 says the
#: fact is more often wrong than right, which is not what a user should see by default
ABSENT_THRESHOLD = 0.5


# -- thresholds -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Thresholds:
    """The threshold of every fact type: ``facts`` by type (``place``, ``person``, ``org``, ``event``
    or a ref kind), ``entity`` by span label; anything not listed takes ``default``. ``how_chosen``
    keeps each entry's note from the file (for reports)."""

    facts: Mapping[str, float] = field(default_factory=dict)
    entity: Mapping[str, float] = field(default_factory=dict)
    default: float = ABSENT_THRESHOLD
    how_chosen: Mapping[str, str] = field(default_factory=dict)
    source: str = "khabar/data/" + THRESHOLDS_FILE
    #: per fact type, thresholds by subtype where they differ from the type's (``event``: by PLOVER
    #: type, the entry's ``by_type``); a subtype not listed takes the type's threshold
    by_type: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    @classmethod
    def uniform(cls, value: float) -> Thresholds:
        """One threshold for every fact (``0.0``: every fact is shown)."""
        return cls(default=float(value), source=f"min_confidence={value:g}")

    @property
    def is_open(self) -> bool:
        """Whether every fact passes (every threshold is 0): the gate changes nothing."""
        return self.default <= 0.0 and all(v <= 0.0 for v in (*self.facts.values(), *self.entity.values()))

    def for_type(self, typ: str) -> float:
        return self.facts.get(typ, self.default)

    def for_ref(self, ref: Mapping[str, Any]) -> float:
        return self.for_type(fact_type(ref, self.facts))

    def for_span(self, label: str) -> float:
        if label in self.entity:
            return self.entity[label]
        typ = LABEL_FACTS.get(label)
        return self.facts.get(typ, self.default) if typ else self.default

    @property
    def event(self) -> float:
        return self.for_type("event")

    def for_event(self, ev: Mapping[str, Any]) -> float:
        """The threshold of one event: its PLOVER type's when the ``event`` entry sets one
        (``by_type``), else the events' threshold."""
        typ = ev.get("type")
        sub = self.by_type.get("event", {})
        return sub[typ] if isinstance(typ, str) and typ in sub else self.event

    def to_dict(self) -> dict[str, Any]:
        """The thresholds as plain numbers (for reports and the API)."""
        kinds = (*FACT_KEYS, *sorted(set(self.facts) - set(FACT_KEYS)))
        out: dict[str, Any] = {k: self.for_type(k) for k in kinds}
        out["entity"] = {lab: self.for_span(lab) for lab in sorted({*LABEL_FACTS, *self.entity})}
        out["default"] = self.default
        if self.by_type:
            out["by_type"] = {k: dict(v) for k, v in self.by_type.items()}
        return out


def fact_type(ref: Mapping[str, Any], known: Iterable[str] = FACT_KEYS) -> str:
    """The fact type of a ref: its ``kind`` when the thresholds name it (``person``, ``org``,
    ``place``, or a kind a layer added, such as ``nationality``), else ``place`` for a ref with
    coordinates (the reference scorer counts those as places), else its kind (``ref`` when none)."""
    kind = ref.get("kind")
    if isinstance(kind, str) and (kind in known or kind in FACT_KEYS):
        return kind
    if ref.get("lat") is not None:
        return "place"
    return kind if isinstance(kind, str) and kind else "ref"


def _by_type(where: str, key: str, value: dict[str, Any]) -> dict[str, float]:
    """An entry's optional ``by_type``: thresholds (0..1) by subtype, e.g. the PLOVER types of events."""
    raw = value.get("by_type")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: {key!r}: 'by_type' must be an object of thresholds by type", value=key)
    out: dict[str, float] = {}
    for sub, t in raw.items():
        if isinstance(t, bool) or not isinstance(t, (int, float)) or not 0.0 <= float(t) <= 1.0:
            raise DataFileError(
                f"{where}: {key!r}: by_type {sub!r} must be a number from 0 to 1, not {t!r}", value=key
            )
        out[str(sub)] = float(t)
    return out


def _entry(where: str, key: str, value: Any) -> tuple[float, str]:
    if not isinstance(value, dict):
        raise DataFileError(
            f"{where}: {key!r} must be an object with 'threshold' and 'how_chosen', not {value!r}", value=key
        )
    t = value.get("threshold")
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not 0.0 <= float(t) <= 1.0:
        raise DataFileError(f"{where}: {key!r}: threshold must be a number from 0 to 1, not {t!r}", value=key)
    how = value.get("how_chosen")
    if not isinstance(how, str) or not how.strip():
        raise DataFileError(
            f"{where}: {key!r}: 'how_chosen' must say how the threshold was chosen", value=key
        )
    return float(t), how


def parse_thresholds(raw: Any, where: str) -> Thresholds:
    """Validate a thresholds object (the content of ``fact_thresholds.json``); keys starting with
    ``_`` are comments; a broken entry is a :class:`~khabar.errors.DataFileError` naming ``where``."""
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: expected a JSON object of thresholds by fact type", value=where)
    facts: dict[str, float] = {}
    entity: dict[str, float] = {}
    how: dict[str, str] = {}
    by_type: dict[str, dict[str, float]] = {}
    for key, value in raw.items():
        if key.startswith("_"):
            continue
        if key == "entity":
            if not isinstance(value, dict):
                raise DataFileError(f"{where}: 'entity' must be an object of thresholds by label", value=key)
            for label, v in value.items():
                if label.startswith("_"):
                    continue
                entity[label], how[f"entity.{label}"] = _entry(where, f"entity.{label}", v)
        else:
            facts[key], how[key] = _entry(where, key, value)
            if sub := _by_type(where, key, value):
                by_type[key] = sub
    return Thresholds(facts=facts, entity=entity, how_chosen=how, source=where, by_type=by_type)


def load_thresholds(path: str | Path | None = None) -> Thresholds:
    """The default thresholds (the package's ``fact_thresholds.json`` when ``path`` is None), checked:
    a missing or broken file is a :class:`~khabar.errors.DataFileError` with its name. A fact type the
    file does not mention takes :data:`ABSENT_THRESHOLD`."""
    if path is None:
        return _package_thresholds()
    return _read(Path(path).read_text, str(path))


@functools.cache
def _package_thresholds() -> Thresholds:
    return parse_thresholds(load_json(THRESHOLDS_FILE), f"khabar/data/{THRESHOLDS_FILE}")


def _read(read: Any, where: str) -> Thresholds:
    try:
        raw = json.loads(read(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError(f"{where}: file not found", value=where) from exc
    except (OSError, ValueError) as exc:  # ValueError covers JSONDecodeError and UnicodeDecodeError
        raise DataFileError(f"{where}: cannot read JSON: {exc}", value=where) from exc
    return parse_thresholds(raw, where)


def resolve_min_confidence(value: str | float | Thresholds | None) -> Thresholds:
    """The thresholds a ``min_confidence`` asks for: None or ``"default"`` the package's defaults,
    ``"all"`` every fact (0), a number (or its text) from 0 to 1 that one threshold for every fact."""
    if isinstance(value, Thresholds):
        return value
    if value is None or value == "default":
        return load_thresholds()
    if value == "all":
        return Thresholds.uniform(0.0)
    try:
        x = float(value)
    except (TypeError, ValueError):
        x = math.nan
    if isinstance(value, bool) or not 0.0 <= x <= 1.0:
        raise UsageError(
            f"min_confidence must be 'default', 'all' or a number from 0 to 1, not {value!r}", value=value
        )
    return Thresholds.uniform(x)


def min_confidence_arg(text: str) -> str | float:
    """``--min-confidence`` as argparse reads it (``default``, ``all`` or a number from 0 to 1)."""
    import argparse

    if text in ("default", "all"):
        return text
    try:
        resolve_min_confidence(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None
    return float(text)


# -- the gate ------------------------------------------------------------------------------------------
def confidence_of(fact: Mapping[str, Any]) -> float:
    """A fact's confidence: its ``confidence`` when it is a number from 0 to 1, else 1.0 (a layer
    that gives none claims no doubt)."""
    c = fact.get("confidence")
    if isinstance(c, (int, float)) and not isinstance(c, bool) and 0.0 <= c <= 1.0:
        return float(c)
    return 1.0


#: keys of an event whose string values are never ref ids (mention text as written)
def _is_text_key(key: str) -> bool:
    return "text" in key or key == "low_confidence_refs"


def _ref_ids(obj: Any, known: Mapping[str, Any] | set[str]) -> Iterator[str]:
    """The ref ids (strings that are keys of ``known``) anywhere inside an event, text fields aside."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(k, str) and _is_text_key(k):
                continue
            if isinstance(v, str):
                if v in known:
                    yield v
            else:
                yield from _ref_ids(v, known)
    elif isinstance(obj, list):
        for v in obj:
            if isinstance(v, str):
                if v in known:
                    yield v
            else:
                yield from _ref_ids(v, known)


def _escape(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def _unlink(obj: Any, held: set[str], path: str, log: list[dict[str, Any]]) -> None:
    """Take the held-back ref ids out of an event (in place), logging each change with its JSON
    pointer. List items are removed from the last to the first, so each logged index is the item's
    index before the removal and undoing the log backwards restores the event exactly."""
    if isinstance(obj, dict):
        for k in list(obj):
            v = obj[k]
            if isinstance(k, str) and _is_text_key(k):
                continue
            at = f"{path}/{_escape(k)}"
            if isinstance(v, str):
                if v in held:
                    obj[k] = None
                    log.append({"at": at, "ref": v})
            elif isinstance(v, (dict, list)):
                _unlink(v, held, at, log)
    elif isinstance(obj, list):
        for i in range(len(obj) - 1, -1, -1):
            v = obj[i]
            if isinstance(v, str):
                if v in held:
                    del obj[i]
                    log.append({"at": f"{path}/{i}", "ref": v})
            elif isinstance(v, (dict, list)):
                _unlink(v, held, f"{path}/{i}", log)


def _relink(ev: dict[str, Any]) -> None:
    """Undo :func:`_unlink` on one event (its ``low_confidence_refs``, newest change first)."""
    log = ev.pop("low_confidence_refs", None)
    if not isinstance(log, list):
        return
    for entry in reversed(log):
        if not isinstance(entry, dict) or not isinstance(entry.get("at"), str):
            continue
        parts = [p.replace("~1", "/").replace("~0", "~") for p in entry["at"].split("/")[1:]]
        if not parts:
            continue
        node: Any = ev
        try:
            for p in parts[:-1]:
                node = node[int(p)] if isinstance(node, list) else node[p]
            last = parts[-1]
            if isinstance(node, list):
                node.insert(int(last), entry.get("ref"))
            elif isinstance(node, dict):
                node[last] = entry.get("ref")
        except (KeyError, IndexError, ValueError, TypeError):
            continue  # an event edited by hand since: leave what cannot be put back


def split_by_confidence(doc: Document, thresholds: Thresholds | None = None) -> LowConfidence:
    """Move the facts of ``doc`` below ``thresholds`` (the defaults when None) from its main fields
    into ``doc.low_confidence`` (see the module docstring for the rules); return what moved."""
    th = thresholds if thresholds is not None else load_thresholds()
    moved = LowConfidence()
    if th.is_open:
        return moved
    refs = doc.refs
    held_refs = {rid for rid, r in refs.items() if isinstance(r, dict) and confidence_of(r) < th.for_ref(r)}
    shown_spans: list[Span] = []
    for sp in doc.entities:
        ref = sp.attrs.get("ref")
        if confidence_of(sp.attrs) < th.for_span(sp.label) or (isinstance(ref, str) and ref in held_refs):
            moved.entities.append(sp)
        else:
            shown_spans.append(sp)
    shown_events: list[dict[str, Any]] = []
    for ev in doc.events:
        held = isinstance(ev, dict) and confidence_of(ev) < th.for_event(ev)
        (moved.events if held else shown_events).append(ev)
    # a ref is shown while a shown span points at it; a ref no span points at, while a shown event does
    by_span: dict[str, bool] = {}
    for sp in moved.entities:
        ref = sp.attrs.get("ref")
        if isinstance(ref, str):
            by_span.setdefault(ref, False)
    for sp in shown_spans:
        ref = sp.attrs.get("ref")
        if isinstance(ref, str):
            by_span[ref] = True
    by_event: dict[str, bool] = {}
    for evs, shown in ((moved.events, False), (shown_events, True)):
        for ev in evs:
            for rid in _ref_ids(ev, refs):
                by_event[rid] = by_event.get(rid, False) or shown
    for rid in refs:
        if rid not in held_refs and not by_span.get(rid, by_event.get(rid, True)):
            held_refs.add(rid)
    if held_refs:
        for ev in shown_events:
            log: list[dict[str, Any]] = []
            _unlink(ev, held_refs, "", log)
            if log:
                ev.setdefault("low_confidence_refs", []).extend(log)
        moved.refs = {rid: refs[rid] for rid in refs if rid in held_refs}
        doc.refs = RefTable({rid: r for rid, r in refs.items() if rid not in held_refs})
    doc.entities = shown_spans
    doc.events = shown_events
    low = doc.low_confidence
    low.entities = sorted([*low.entities, *moved.entities], key=lambda s: (s.start, -s.end))
    low.refs.update(moved.refs)
    low.events.extend(moved.events)
    return moved


def _text_order(ev: Any) -> tuple[int, int]:
    if not isinstance(ev, dict):
        return (1 << 62, 0)
    t, s = ev.get("trigger"), ev.get("sentence")
    ts = t.get("start") if isinstance(t, dict) else None
    ss = s.get("start") if isinstance(s, dict) else None
    return (ts if isinstance(ts, int) else 1 << 62, ss if isinstance(ss, int) else 0)


def merge_low_confidence(doc: Document) -> Document:
    """Put every held-back fact back into the main fields (as if no threshold had been applied):
    links taken out of shown events are restored, entities go back in text order (start, longest
    first), events by their trigger's position. Facts at the same position (a ROLE and a PERSON span
    on one name, two events of one trigger) may come back in another order among themselves; nothing
    else changes. Returns ``doc``."""
    low = doc.low_confidence
    for ev in [*doc.events, *low.events]:
        if isinstance(ev, dict):
            _relink(ev)
    if not low:
        return doc
    doc.refs = RefTable({**doc.refs, **low.refs})
    doc.entities = sorted([*doc.entities, *low.entities], key=lambda s: (s.start, -s.end))
    events = list(doc.events)
    for ev in low.events:
        key = _text_order(ev)
        pos = next((i for i, e in enumerate(events) if _text_order(e) > key), len(events))
        events.insert(pos, ev)
    doc.events = events
    doc.low_confidence = LowConfidence()
    return doc


def regate(doc: Document, min_confidence: str | float | Thresholds | None = None) -> Document:
    """Apply other thresholds to a processed document (or one read back from its record): every
    held-back fact goes back, then the facts below the new thresholds are held back. Returns ``doc``."""
    merge_low_confidence(doc)
    split_by_confidence(doc, resolve_min_confidence(min_confidence))
    return doc
