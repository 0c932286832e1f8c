"""``khabar eval facts``: people, organisations and places against ``shared/data/facts_gold``.

The gold set (90 SaudiNewsNet articles) lists every named person (with a canonical English name
shared across articles), organisation and place (GeoNames id and coordinates) of each article, and
the *traps*: words that look like a place or a person there and are not. The scoring here is the set's
own ``score.py``, re-implemented so that the package can run it without importing code from the data
folder (a test checks that both give the same figures on the same records):

* a predicted entity is a ref of the record: ``person:*`` refs of kind ``person`` (role-only refs are
  not named people), refs of kind ``org``, and refs with coordinates (places);
* it matches a gold entity when one of its names (name or aliases, folded, a leading و/ف/ب/ل/ال
  removed) equals a gold mention or name, or for names of two words or more one contains the other;
  a place must also lie within the gold place's tolerance (a country 600 km or the same ISO2 code;
  a region or district 150 km; anything else 30 km);
* micro precision/recall over (document, entity) pairs; place recall over the gold places GeoNames
  holds ("linkable"), and ``places_found`` over all gold places, counting LOC entities too;
* traps: predicted places (people) whose names are in the document's ``not_places``
  (``not_people``);
* people across documents: B-cubed of each matched person ref's ``key`` against the gold
  ``person_en``.

The documents are split in two halves by the parity of the SHA-1 of their id (:func:`is_dev`): rules
are written from the development half's errors; the held-out half's errors are not read while tuning,
so its figures are the honest ones. ``--errors`` lists development errors only.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.eval import shared_data

__all__ = [
    "FactsReport",
    "Prediction",
    "default_gold_dir",
    "format_report",
    "is_dev",
    "label_document",
    "label_predictions",
    "load_gold",
    "process_gold_docs",
    "run_facts_eval",
    "score_records",
]

_DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def default_gold_dir() -> Path:
    return shared_data("facts_gold")


def is_dev(doc_id: str) -> bool:
    """The development half: documents whose id has an even SHA-1 (deterministic, about half)."""
    return int(hashlib.sha1(doc_id.encode()).hexdigest()[:8], 16) % 2 == 0


# -- matching, as score.py -------------------------------------------------------------------------
def fold(s: str | None) -> str:
    s = _DIAC.sub("", unicodedata.normalize("NFKC", s or ""))
    s = re.sub("[إأآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def _variants(s: str) -> set[str]:
    f = fold(s)
    out = {f}
    for p in ("و", "ف", "ب", "ل"):
        if f.startswith(p) and len(f) > 3:
            out.add(f[1:])
    for v in list(out):
        if (v.startswith("ال") or v.startswith("لل")) and len(v) > 4:
            out.add(v[2:])
    return {v for v in out if v}


def names_match(pred_names: Iterable[str], gold_names: Iterable[str]) -> bool:
    pv: set[str] = set().union(*(_variants(n) for n in pred_names))
    gv: set[str] = set().union(*(_variants(n) for n in gold_names))
    if pv & gv:
        return True
    for a in pv:
        for b in gv:
            if len(a.split()) >= 2 and len(b.split()) >= 2 and (f" {a} " in f" {b} " or f" {b} " in f" {a} "):
                return True
    return False


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = a, b
    p = math.pi / 180
    h = (
        math.sin((la2 - la1) * p / 2) ** 2
        + math.cos(la1 * p) * math.cos(la2 * p) * math.sin((lo2 - lo1) * p / 2) ** 2
    )
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def place_ok(ref: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    if ref.get("lat") is None or g.get("lat") is None:
        return False
    d = _km((float(ref["lat"]), float(ref["lon"])), (float(g["lat"]), float(g["lon"])))
    kind = g.get("kind")
    if kind == "country":
        return d <= 600 or bool(ref.get("country") and ref.get("country") == g.get("country"))
    return d <= (150 if kind in ("region", "district", "body_of_water") else 30)


def _ref_names(ref: Mapping[str, Any]) -> list[str]:
    return [ref.get("name") or "", *list(ref.get("aliases") or [])]


def _gold_names(g: Mapping[str, Any]) -> list[str]:
    return [*list(g.get("mentions") or []), g.get("name_ar") or ""]


# -- scores --------------------------------------------------------------------------------------
@dataclass
class PRF:
    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.n_pred,
            "gold": self.n_gold,
        }


@dataclass
class FactsReport:
    """Scores of one set of documents."""

    documents: int = 0
    missing: int = 0
    people: PRF = field(default_factory=PRF)
    places: PRF = field(default_factory=PRF)
    orgs: PRF = field(default_factory=PRF)
    found: list[int] = field(default_factory=lambda: [0, 0])
    traps: dict[str, int] = field(default_factory=lambda: {"places": 0, "people": 0})
    #: traps the gold lists (places, people), for the rate of traps hit
    traps_listed: dict[str, int] = field(default_factory=lambda: {"places": 0, "people": 0})
    pairs: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def places_found(self) -> float:
        return self.found[0] / self.found[1] if self.found[1] else 1.0

    def b_cubed(self) -> dict[str, float]:
        by_pred: dict[str, list[int]] = defaultdict(list)
        by_gold: dict[str, list[int]] = defaultdict(list)
        for i, (pk, gk) in enumerate(self.pairs):
            by_pred[pk].append(i)
            by_gold[gk].append(i)
        bp = br = 0.0
        for pk, gk in self.pairs:
            inter = len(set(by_pred[pk]) & set(by_gold[gk]))
            bp += inter / len(by_pred[pk])
            br += inter / len(by_gold[gk])
        n = len(self.pairs) or 1
        p, r = bp / n, br / n
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if self.pairs and p + r else 0.0,
        }

    @property
    def trap_rate(self) -> float:
        listed = sum(self.traps_listed.values())
        return sum(self.traps.values()) / listed if listed else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "people": self.people.to_dict(),
            "places": self.places.to_dict(),
            "orgs": self.orgs.to_dict(),
            "places_found": {"recall": round(self.places_found, 4), "gold": self.found[1]},
            "traps": dict(self.traps),
            "traps_listed": dict(self.traps_listed),
            "trap_rate": round(self.trap_rate, 4),
            "people_identity_b3": self.b_cubed(),
            "documents": self.documents,
            "missing_records": self.missing,
        }


@dataclass(frozen=True)
class Prediction:
    """One predicted entity of a record (a ref, as ``score.py`` counts them) and whether it is right:
    ``gold`` is the index of the gold entity it matches in its document's list (None: wrong), ``trap``
    whether a wrong one is one of the traps the gold lists. ``typ`` is ``people``, ``places`` or
    ``orgs``. What :func:`score_records` counts, one prediction at a time: the (confidence, correct)
    pairs that calibrate the confidences (``scripts/calibrate_facts.py``)."""

    doc_id: str
    typ: str
    ref_id: str
    ref: Mapping[str, Any]
    gold: int | None
    trap: bool = False

    @property
    def correct(self) -> bool:
        return self.gold is not None


def _predicted(refs: Mapping[str, Any]) -> dict[str, list[tuple[str, Mapping[str, Any]]]]:
    """A record's predicted entities by type, in ``score.py``'s order: ``person:*`` refs of kind
    ``person``, refs of kind ``org``, refs with coordinates."""
    return {
        "people": [
            (str(k), v) for k, v in refs.items() if v.get("kind") == "person" and str(k).startswith("person:")
        ],
        "places": [(str(k), v) for k, v in refs.items() if v.get("lat") is not None],
        "orgs": [(str(k), v) for k, v in refs.items() if v.get("kind") == "org"],
    }


def label_document(g: Mapping[str, Any], r: Mapping[str, Any]) -> list[Prediction]:
    """Every predicted entity of record ``r`` labelled against its gold document ``g``, matched as
    ``score.py`` matches them (the first gold entity whose names match, within the place tolerance
    for places)."""
    out: list[Prediction] = []
    for typ, preds in _predicted(r.get("refs") or {}).items():
        gl = g.get(typ) or []
        for rid, ref in preds:
            hit = None
            for i, ge in enumerate(gl):
                if names_match(_ref_names(ref), _gold_names(ge)) and (typ != "places" or place_ok(ref, ge)):
                    hit = i
                    break
            trap = False
            if hit is None and typ in ("places", "people"):
                trap = names_match(
                    _ref_names(ref), g.get("not_places" if typ == "places" else "not_people") or []
                )
            out.append(Prediction(str(g["id"]), typ, rid, ref, hit, trap))
    return out


def label_predictions(
    records: Mapping[str, Mapping[str, Any]], golds: Sequence[Mapping[str, Any]]
) -> list[Prediction]:
    """:func:`label_document` over the gold documents that have a record (by id)."""
    out: list[Prediction] = []
    for g in golds:
        r = records.get(str(g["id"]))
        if r is not None:
            out.extend(label_document(g, r))
    return out


def _score_doc(rep: FactsReport, g: Mapping[str, Any], r: Mapping[str, Any]) -> None:
    rep.traps_listed["places"] += len(g.get("not_places") or [])
    rep.traps_listed["people"] += len(g.get("not_people") or [])
    labelled = label_document(g, r)
    preds: dict[str, list[Mapping[str, Any]]] = {"people": [], "places": [], "orgs": []}
    for p in labelled:
        preds[p.typ].append(p.ref)
    for typ in ("people", "places", "orgs"):
        prf: PRF = getattr(rep, typ)
        gl = g.get(typ) or []
        matched: set[int] = set()
        for p in labelled:
            if p.typ != typ:
                continue
            ref, hit = p.ref, p.gold
            prf.n_pred += 1
            if hit is not None:
                prf.tp_pred += 1
                matched.add(hit)
                if typ == "people":
                    rep.pairs.append(
                        (
                            ref.get("key") or fold(ref.get("name")),
                            gl[hit].get("person_en") or fold(gl[hit].get("name_ar")),
                        )
                    )
            else:
                if p.trap:
                    rep.traps[typ] += 1
                what = "person" if typ == "people" else typ[:-1]
                rep.errors.append(
                    f"{g['id']}: extra {what} {ref.get('name')!r} {_ref_names(ref)[1:3]}"
                    + (" (trap)" if p.trap else "")
                )
        if typ == "places":
            link = {i for i, ge in enumerate(gl) if ge.get("geonameid")}
            prf.tp_gold += len(matched & link)
            prf.n_gold += len(link)
            loc_names = [
                e.get("text") or ""
                for e in (r.get("entities") or [])
                if str(e.get("label")) in ("LOC", "GPE")
            ]
            loc_names += [n for ref in preds["places"] for n in _ref_names(ref)]
            rep.found[0] += sum(1 for ge in gl if names_match(loc_names, _gold_names(ge)))
            rep.found[1] += len(gl)
        else:
            prf.tp_gold += len(matched)
            prf.n_gold += len(gl)
        for i, ge in enumerate(gl):
            if i not in matched and (typ != "places" or ge.get("geonameid")):
                rep.errors.append(f"{g['id']}: missed {typ} {ge.get('name_ar')!r}")


def score_records(
    records: Mapping[str, Mapping[str, Any]], golds: Sequence[Mapping[str, Any]]
) -> FactsReport:
    """Score khabar records (by id) against gold objects, as ``facts_gold/score.py`` does."""
    rep = FactsReport()
    for g in golds:
        rep.documents += 1
        r = records.get(str(g["id"]))
        if r is None:
            rep.missing += 1
            continue
        _score_doc(rep, g, r)
    return rep


# -- running -------------------------------------------------------------------------------------
def load_gold(gold_dir: str | Path) -> list[dict[str, Any]]:
    path = Path(gold_dir) / "gold.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def process_gold_docs(gold_dir: str | Path) -> tuple[dict[str, dict[str, Any]], float]:
    """khabar's records of the gold set's articles (read as ``khabar process`` reads them), and the
    seconds it took."""
    from khabar.api import process_item, process_text
    from khabar.io import RawRecord, read_inputs
    from khabar.pipeline import FACT_STAGES

    process_text("عنوان\nنص", id="warm-up", extra=FACT_STAGES)  # models load outside the clock
    t0 = time.perf_counter()
    out: dict[str, dict[str, Any]] = {}
    for item in read_inputs([str(Path(gold_dir) / "docs.jsonl")]):
        if not isinstance(item, RawRecord):
            continue
        doc = process_item(
            item,
            extra=FACT_STAGES,
        )
        out[doc.id] = doc.to_record()
    return out, time.perf_counter() - t0


def run_facts_eval(
    gold_dir: str | Path | None = None, *, records: str | Path | None = None
) -> tuple[dict[str, FactsReport], float]:
    """Scores for all documents and for the development and held-out halves, and the seconds taken
    to process them (0 when ``records`` gives khabar's output already)."""
    gdir = Path(gold_dir) if gold_dir else default_gold_dir()
    golds = load_gold(gdir)
    secs = 0.0
    if records is not None:
        recs: dict[str, dict[str, Any]] = {}
        for line in Path(records).read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                recs[str(r.get("id"))] = r
    else:
        recs, secs = process_gold_docs(gdir)
    return (
        {
            "all": score_records(recs, golds),
            "dev": score_records(recs, [g for g in golds if is_dev(str(g["id"]))]),
            "held-out": score_records(recs, [g for g in golds if not is_dev(str(g["id"]))]),
        },
        secs,
    )


def format_report(reports: Mapping[str, FactsReport]) -> str:
    head = (
        f"{'split':<9} {'docs':>4}  {'people P':>8} {'R':>5}  {'places P':>8} {'R':>5} {'found':>5}  "
        f"{'orgs P':>6} {'R':>5}  {'traps':>9}  {'B3 F1':>5}"
    )
    lines = [head]
    for name, rep in reports.items():
        traps = sum(rep.traps.values())
        listed = sum(rep.traps_listed.values())
        lines.append(
            f"{name:<9} {rep.documents:>4}  {rep.people.precision:>8.3f} {rep.people.recall:>5.3f}  "
            f"{rep.places.precision:>8.3f} {rep.places.recall:>5.3f} {rep.places_found:>5.3f}  "
            f"{rep.orgs.precision:>6.3f} {rep.orgs.recall:>5.3f}  {f'{traps}/{listed}':>9}  "
            f"{rep.b_cubed()['f1']:>5.3f}"
        )
    return "\n".join(lines)
