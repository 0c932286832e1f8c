"""``khabar eval events``: PLOVER events scored against the Arabic events gold set.

The gold set (``shared/data/events_gold``: 121 SaudiNewsNet articles and the seed, 891 events; its
``GUIDELINES.md`` gives the coding rules and ``score.py`` the reference scorer) holds each document's
``title`` and ``content``. khabar reads a document as a SaudiNewsNet-style dump (the title line, then the
content), and every system event's trigger and sentence are mapped back through the document's offset
map (``Document.raw_span``) to offsets in ``title`` or ``content``, so that matching is by offsets, as in
``score.py``:

* **events**: a system event matches a gold event of the same document when its sentence overlaps the
  gold sentence (or its trigger lies inside it) and the types agree (*lenient*: or the gold ``alt_type``);
  greedy one-to-one per document, preferring trigger overlap, then the better actor match;
* **mode accuracy** on matched pairs whose gold mode is set (all types, and CONSULT alone);
* **actor / recipient P/R/F1** on matched pairs: a gold actor string, as written in Arabic, matches a
  system actor when the system's mention overlaps the gold string where it stands in the event's
  sentence (character offsets), or when, after normalisation and clitic stripping, one's words
  contain the other's (the system's mention as written, or one of its ref's names and aliases); each
  is matched at most once.
  Gold surfaces repeated for several canonical entities (``الجانبان``) count once. (``score.py`` compares
  English canonical names instead, for a system that links to a knowledge base; khabar does not.);
* **location accuracy** on matched pairs whose gold location is set: the event's place (its mention
  or ref names) matches the gold location string in the same way;
* **false alarms**: system events on the 15 documents without any gold event.

Development / held-out split: :func:`is_dev` puts a document in the development half by the parity of
the SHA-1 of its id (the seed always in development). The lexicon and the rules were written while
looking at development-half errors only; the test half is reported, never tuned on.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.eval import shared_data

__all__ = ["EventScores", "evaluate", "format_report", "is_dev", "load_gold", "run_system"]

FACTS = ("entities", "places", "refs", "dates", "quantities", "events")


def default_gold_dir() -> Path:
    return shared_data("events_gold")


def is_dev(doc_id: str) -> bool:
    """The development half: even SHA-1 of the id (deterministic, about half), and the seed."""
    return doc_id.startswith("seed_") or int(hashlib.sha1(doc_id.encode()).hexdigest()[:8], 16) % 2 == 0


def load_gold(gold_dir: str | Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    d = Path(gold_dir)
    docs = {}
    for line in (d / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            docs[r["doc_id"]] = r
    gold = [
        json.loads(x) for x in (d / "events_gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()
    ]
    return docs, gold


def _raw_of(d: dict[str, Any]) -> tuple[str, int]:
    """The dump khabar reads for a gold document, and where ``content`` starts in it."""
    title = d.get("title") or ""
    if title:
        return title + "\n" + d["content"], len(title) + 1
    return d["content"], 0


def _to_field(off: int, title_len: int, content_at: int) -> tuple[str, int]:
    if content_at and off < title_len:
        return "title", off
    return "content", off - content_at


def run_system(
    docs: dict[str, dict[str, Any]], *, use_filter: bool = True, with_features: bool = False
) -> list[dict[str, Any]]:
    """khabar's events on every gold document, with offsets in the document's title/content."""
    from khabar.api import process_text
    from khabar.events.coder import code_events

    out: list[dict[str, Any]] = []
    for did, d in docs.items():
        raw, content_at = _raw_of(d)
        doc = process_text(raw, id=did, extra=FACTS[:-1])
        # the gold codes mentions: every mention of every document-level event is scored
        events = [
            m
            for e in code_events(doc, use_filter=use_filter, with_features=with_features)
            for m in e["mentions"]
        ]
        tlen = len(d.get("title") or "")
        for ev in events:
            ts, _ = doc.raw_span(ev["trigger"]["start"], ev["trigger"]["end"])
            ss, se = doc.raw_span(ev["sentence"]["start"], ev["sentence"]["end"])
            f, t0 = _to_field(ts, tlen, content_at)
            sf, s0 = _to_field(ss, tlen, content_at)
            # the sentence's end belongs to the field its start is in (a title ends at len(title))
            s1 = se - (content_at if sf == "content" else 0)
            names: list[list[str]] = []
            spans: list[tuple[str, int, int] | None] = []
            for role in ("actor", "recipient"):
                for a in ev["arguments"]:
                    if a["role"] == role:
                        r = doc.refs.get(a["ref"]) or {}
                        names.append([role, a["ref"], a["text"], r.get("name") or "", *r.get("aliases", [])])
                        spans.append(_field_span(doc, a, tlen, content_at))
            place = None
            if ev.get("place"):
                r = doc.refs.get(ev["place"]) or {}
                place = [ev.get("place_text") or "", r.get("name") or "", *r.get("aliases", [])]
            out.append(
                {
                    "doc_id": did,
                    "type": ev["type"],
                    "mode": ev["mode"],
                    "field": f,
                    "trigger_start": t0,
                    "trigger": doc.text[ev["trigger"]["start"] : ev["trigger"]["end"]],
                    "sent_start": s0,
                    "sent_end": s1,
                    "negated": ev["negated"],
                    "future_or_hypothetical": ev["future"],
                    "confidence": ev.get("confidence", 1.0),
                    "_args": names,
                    "_arg_spans": spans,
                    "_place": place,
                    "_features": ev.get("_features"),
                    # the event's confidence (None: not given, counts 1.0), for scripts/calibrate_facts.py
                    "_confidence": ev.get("confidence"),
                    "_arg_cands": [
                        dict(
                            c,
                            names=[c["text"], *_ref_names(doc.refs.get(c["ref"]) or {})],
                            span=_field_span(doc, c, tlen, content_at),
                        )
                        for c in ev.get("_arg_cands", [])
                    ],
                }
            )
    return out


def _field_span(doc: Any, a: dict[str, Any], tlen: int, content_at: int) -> tuple[str, int, int] | None:
    """An argument mention's span in the gold document's ``title`` or ``content`` (None when the
    mention is not in the text, e.g. a country added from a role)."""
    if a.get("start") is None or a.get("end") is None or a["end"] <= a["start"]:
        return None
    rs, re_ = doc.raw_span(a["start"], a["end"])
    f, s0 = _to_field(rs, tlen, content_at)
    return f, s0, re_ - (content_at if f == "content" else 0)


def _ref_names(r: dict[str, Any]) -> list[str]:
    return [str(r.get("name") or ""), *r.get("aliases", [])]


# -- argument matching -----------------------------------------------------------------------------


def _words(s: str) -> tuple[str, ...]:
    from khabar.arabic.clitics import drop_conjunction
    from khabar.events.lexicon import fold

    out = []
    for w in fold(s).replace("«", " ").replace("»", " ").replace('"', " ").split():
        w = w.strip(".,،:;؛()[]{}")
        # khabar's own lenient matcher of written names (score.py compares canonical names and strips
        # nothing), so it shares khabar.arabic.clitics; the scores are the same as with the old blind cut
        w = drop_conjunction(w)
        if len(w) > 3 and w[0] in "بلك" and (w[1:].startswith("ال") or w.startswith("لل")):
            w = "ال" + w[2:] if w.startswith("لل") else w[1:]
        if len(w) > 4 and w.startswith("ال"):
            w = w[2:]
        if w:
            out.append(w)
    return tuple(out)


def _same_word(x: str, y: str) -> bool:
    """Equal, or equal but for a preposition ل/ب attached to one of them (the gold writes "لفرنسا"
    where the bare name does not occur in the text; the system's mention is the name)."""
    if x == y:
        return True
    if len(x) > len(y):
        x, y = y, x
    return len(y) == len(x) + 1 and len(x) >= 3 and y[0] in "لب" and y[1:] == x


def _contains(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    if len(a) < len(b):
        a, b = b, a
    return any(all(_same_word(a[i + k], b[k]) for k in range(len(b))) for i in range(len(a) - len(b) + 1))


def surface_match(gold: str, names: Iterable[str]) -> bool:
    """Whether the gold string and one of the system's names overlap after normalisation (one's
    words contain the other's)."""
    g = _words(gold)
    return any(_contains(g, _words(n)) for n in names if n)


def _gold_spans(
    surface: str, g: dict[str, Any], docs: dict[str, dict[str, Any]]
) -> list[tuple[str, int, int]]:
    """Where a gold argument string stands in its event's sentence (every occurrence), if it does."""
    text = docs[g["doc_id"]].get(g["field"]) or ""
    out = []
    i = text.find(surface, g["sent_start"], g["sent_end"])
    while i >= 0 and surface:
        out.append((g["field"], i, i + len(surface)))
        i = text.find(surface, i + 1, g["sent_end"])
    return out


def _arg_counts(
    gold: list[str],
    system: list[list[str]],
    spans: list[tuple[str, int, int] | None] | None = None,
    where: tuple[dict[str, Any], dict[str, dict[str, Any]]] | None = None,
) -> tuple[int, int, int]:
    """(tp, fp, fn) of one role of one matched event. A gold string matches a system argument when
    the system's mention overlaps the gold mention in the event's sentence (``spans`` and ``where``
    given: the system's character span and the gold event with the documents), or when one of the
    system's names and the gold string contain each other after normalisation."""
    golds = list(dict.fromkeys(gold))
    used: set[int] = set()
    tp = 0
    for g in golds:
        at = _gold_spans(g, *where) if where is not None else []
        for k, names in enumerate(system):
            if k in used:
                continue
            sp = spans[k] if spans is not None and k < len(spans) else None
            if (sp is not None and any(_ov(sp, x) for x in at)) or surface_match(g, names):
                used.add(k)
                tp += 1
                break
    return tp, len(system) - len(used), len(golds) - tp


# -- scoring -----------------------------------------------------------------------------------------


@dataclass
class EventScores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    mode_ok: int = 0
    mode_n: int = 0
    consult_mode_ok: int = 0
    consult_mode_n: int = 0
    actor: list[int] = field(default_factory=lambda: [0, 0, 0])
    recipient: list[int] = field(default_factory=lambda: [0, 0, 0])
    loc_ok: int = 0
    loc_n: int = 0
    neg_ok: int = 0
    fut_ok: int = 0
    false_alarms: int = 0
    no_event_docs: int = 0
    per_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def f1(self) -> float:
        return self.prf(self.tp, self.fp, self.fn)[2]

    def to_dict(self) -> dict[str, Any]:
        p, r, f = self.prf(self.tp, self.fp, self.fn)
        return {
            "precision": p,
            "recall": r,
            "f1": f,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "mode_accuracy": self.mode_ok / self.mode_n if self.mode_n else None,
            "consult_mode_accuracy": self.consult_mode_ok / self.consult_mode_n
            if self.consult_mode_n
            else None,
            "actor_f1": self.prf(*self.actor)[2],
            "recipient_f1": self.prf(*self.recipient)[2],
            "actor_prf": self.prf(*self.actor),
            "recipient_prf": self.prf(*self.recipient),
            "location_accuracy": self.loc_ok / self.loc_n if self.loc_n else None,
            "negated_accuracy": self.neg_ok / self.tp if self.tp else None,
            "future_accuracy": self.fut_ok / self.tp if self.tp else None,
            "false_alarms": self.false_alarms,
            "no_event_docs": self.no_event_docs,
            "per_type": {
                t: dict(zip(("tp", "fp", "fn", "f1"), (*v, self.prf(*v)[2]), strict=True))
                for t, v in sorted(self.per_type.items())
            },
        }


def _ov(a: tuple[str, int, int] | None, b: tuple[str, int, int]) -> bool:
    return a is not None and a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def score(
    docs: dict[str, dict[str, Any]],
    gold: list[dict[str, Any]],
    system: list[dict[str, Any]],
    *,
    lenient: bool,
    doc_filter: Any = None,
    matched: list[tuple[dict[str, Any], dict[str, Any] | None]] | None = None,
    positional: bool = True,
) -> EventScores:
    """Score ``system`` against ``gold`` as ``score.py`` matches events (see the module docstring)."""
    sc = EventScores()
    G: dict[str, list[dict[str, Any]]] = defaultdict(list)
    S: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        G[g["doc_id"]].append(g)
    for s in system:
        S[s["doc_id"]].append(s)
    for did, d in docs.items():
        if doc_filter is not None and not doc_filter(did):
            continue
        gs, ss = G.get(did, []), S.get(did, [])
        if d.get("n_events", len(gs)) == 0:
            sc.no_event_docs += 1
            sc.false_alarms += len(ss)
        used: set[int] = set()
        for s in ss:
            ssp = (s["field"], s["sent_start"], s["sent_end"])
            stp = (s["field"], s["trigger_start"], s["trigger_start"] + max(1, len(s["trigger"])))
            s_actors = [n[2:] for n in s["_args"] if n[0] == "actor"]
            best: tuple[float, int] | None = None
            for j, g in enumerate(gs):
                if j in used:
                    continue
                types = {g["type"]} | ({g["alt_type"]} if lenient and g.get("alt_type") else set())
                if s["type"] not in types:
                    continue
                gsp = (g["field"], g["sent_start"], g["sent_end"])
                gtp = (g["field"], g["trigger_start"], g["trigger_start"] + len(g["trigger"]))
                if not (_ov(ssp, gsp) or _ov(stp, gsp)):
                    continue
                tp, fp, fn = _arg_counts(g["actors"], s_actors)
                sim = tp / max(1, tp + fp + fn)
                val = (2 if _ov(stp, gtp) else 0) + sim
                if best is None or val > best[0]:
                    best = (val, j)
            if matched is not None:
                matched.append((s, gs[best[1]] if best is not None else None))
            if best is None:
                sc.fp += 1
                sc.per_type[s["type"]][1] += 1
                continue
            g = gs[best[1]]
            used.add(best[1])
            sc.tp += 1
            sc.per_type[g["type"]][0] += 1
            if g["mode"] is not None:
                sc.mode_n += 1
                sc.mode_ok += s["mode"] == g["mode"]
                if g["type"] == "CONSULT":
                    sc.consult_mode_n += 1
                    sc.consult_mode_ok += s["mode"] == g["mode"]
            sc.neg_ok += bool(s["negated"]) == g["negated"]
            sc.fut_ok += bool(s["future_or_hypothetical"]) == g["future_or_hypothetical"]
            for role, acc in (("actor", sc.actor), ("recipient", sc.recipient)):
                sys_names = [n[2:] for n in s["_args"] if n[0] == role]
                sys_spans = [
                    sp for n, sp in zip(s["_args"], s.get("_arg_spans") or [], strict=False) if n[0] == role
                ]
                tp, fp, fn = _arg_counts(
                    g[role + "s"], sys_names, sys_spans if positional else None, (g, docs)
                )
                acc[0] += tp
                acc[1] += fp
                acc[2] += fn
            if g["location"]:
                sc.loc_n += 1
                sc.loc_ok += bool(s["_place"]) and surface_match(g["location"], s["_place"] or [])
        for j, g in enumerate(gs):
            if j not in used:
                sc.fn += 1
                sc.per_type[g["type"]][2] += 1
    return sc


def evaluate(
    gold_dir: str | Path | None = None,
    *,
    system_out: str | Path | None = None,
    threshold: float | None = None,
) -> dict[str, dict[str, EventScores]]:
    """Scores per split (all, dev, test) and variant (strict, lenient, and :data:`SHOWN`: lenient on
    the mentions whose confidence reaches ``threshold``, by default the events' default threshold);
    ``system_out`` also writes the system events in the form the gold set's ``score.py`` reads."""
    docs, gold = load_gold(gold_dir or default_gold_dir())
    system = run_system(docs)
    if system_out:
        write_system(system_out, system)
    t = event_threshold() if threshold is None else threshold
    by_type = event_thresholds_by_type() if threshold is None else {}
    shown = [s for s in system if s.get("confidence", 1.0) >= by_type.get(s["type"], t)]
    out: dict[str, dict[str, EventScores]] = {}
    for split, filt in (("all", None), ("dev", is_dev), ("test", lambda d: not is_dev(d))):
        out[split] = {
            v: score(docs, gold, system, lenient=v == "lenient", doc_filter=filt)
            for v in ("strict", "lenient")
        }
        out[split][SHOWN] = score(docs, gold, shown, lenient=True, doc_filter=filt)
    return out


#: the variant that scores only the mentions at or above the default threshold (lenient)
SHOWN = "shown"


def event_threshold() -> float:
    """The default threshold of events (``khabar/data/fact_thresholds.json``, key ``event``: a number
    or an object with ``threshold``); 0 when the key is missing."""
    from khabar.data import load_json

    v = load_json("fact_thresholds.json").get("event")
    if isinstance(v, dict):
        v = v.get("threshold")
    return float(v) if isinstance(v, (int, float)) else 0.0


def event_thresholds_by_type() -> dict[str, float]:
    """The events' default thresholds by PLOVER type where they differ from :func:`event_threshold`
    (``fact_thresholds.json``, the ``event`` entry's ``by_type``); empty when it sets none."""
    from khabar.extract.confidence import load_thresholds

    return dict(load_thresholds().by_type.get("event", {}))


def _pct(x: float | None) -> str:
    return "  —  " if x is None else f"{x:.3f}"


def _by_type_note() -> str:
    by = event_thresholds_by_type()
    return "; by type: " + ", ".join(f"{t} {v:.2f}" for t, v in sorted(by.items())) if by else ""


def format_report(res: dict[str, dict[str, EventScores]]) -> str:
    lines = [
        "khabar events on the Arabic PLOVER gold set (matched by sentence and type, as score.py; every",
        f"mention of every document-level event; '{SHOWN}': lenient, only the mentions whose confidence",
        f"reaches the default threshold {event_threshold():.2f}{_by_type_note()})",
        "split  variant   P      R      F1     mode   CONSULT-mode  actor-F1  recip-F1  location  "
        "false alarms",
    ]
    for split, variants in res.items():
        for v, sc in variants.items():
            d = sc.to_dict()
            lines.append(
                f"{split:<6} {v:<8} {_pct(d['precision'])}  {_pct(d['recall'])}  {_pct(d['f1'])}  "
                f"{_pct(d['mode_accuracy'])}  {_pct(d['consult_mode_accuracy'])}         "
                f"{_pct(d['actor_f1'])}     {_pct(d['recipient_f1'])}     {_pct(d['location_accuracy'])}     "
                f"{d['false_alarms']} on {d['no_event_docs']} no-event docs"
            )
    lines.append("")
    lines.append("per type (lenient): all | dev | test — tp fp fn F1")
    types = sorted({t for v in res.values() for s in v.values() for t in s.per_type})
    for t in types:
        cells = []
        for split in res:
            tp, fp, fn = res[split]["lenient"].per_type.get(t, [0, 0, 0])
            cells.append(f"{tp:4d} {fp:4d} {fn:4d} {EventScores.prf(tp, fp, fn)[2]:.3f}")
        lines.append(f"  {t:<10} " + " | ".join(cells))
    return "\n".join(lines)


def write_system(path: str | Path, system: list[dict[str, Any]]) -> None:
    """The system events as JSON Lines that the gold set's own ``score.py`` reads."""
    with open(path, "w", encoding="utf-8") as f:
        for s in system:
            rec = {k: v for k, v in s.items() if not k.startswith("_")}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
