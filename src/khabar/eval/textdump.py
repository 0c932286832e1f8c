"""Scoring for ``khabar eval textdump``: predicted blocks against the text-dump gold units.

A predictor (khabar, or a baseline) gives, for each gold document, a :class:`Prediction`: blocks as
``(raw_start, raw_end, kind)`` over the same dump (:attr:`GoldDoc.raw`), a title and an
``is_article`` flag. Scoring is by gold **unit** (see :mod:`khabar.eval.gold`):

* A unit's predicted label is the (mapped) kind of the predicted blocks that cover the most of the
  unit's non-whitespace characters. Characters covered by no block count as ``boilerplate``: a
  predictor that drops a line has removed it. Ties go to a content label over ``boilerplate``, then
  to the earlier label in :data:`~khabar.eval.gold.GOLD_LABELS`.
* For the boilerplate metric a unit is predicted boilerplate when more than half of its
  non-whitespace characters are covered by ``boilerplate`` blocks or by nothing.

khabar's block kinds are finer than the gold labels; they are mapped with :data:`KIND_TO_LABEL`:
``dateline`` counts as ``byline`` (the guidelines label datelines as bylines) and ``quote`` and
``list_item`` count as ``paragraph`` (the guidelines label quotes and list items as paragraphs).

Metrics, per origin and overall (:class:`Report`):

* boilerplate precision/recall/F1 over units, and the same weighted by each unit's non-whitespace
  characters (``boilerplate_chars``); also over whole gold lines by the line's own label
  (``boilerplate_lines``: blind to glued and trailing boilerplate, but comparable with line-level
  figures measured elsewhere);
* per-label precision/recall/F1 over units, for every gold label, and their macro average;
* title accuracy over documents (predicted title equal to the gold title after collapsing
  whitespace and stripping; no gold title and no predicted title counts as correct);
* ``is_article`` accuracy over documents (a ``None`` prediction counts as wrong);
* a confusion matrix, gold label x predicted label, over units.

Precision is undefined (``None``) when nothing was predicted, recall when there is nothing to find,
F1 when both; tables show them as ``-``.
"""

from __future__ import annotations

import bisect
import html
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from khabar.errors import UsageError
from khabar.eval.gold import GOLD_LABELS, GOLD_ORIGINS, GoldDoc, Unit, gold_title

#: how khabar's block kinds map to gold labels (identity for the kinds the gold set has)
KIND_TO_LABEL: dict[str, str] = {
    "title": "title",
    "section": "section",
    "byline": "byline",
    "dateline": "byline",  # the guidelines label datelines (place, agency) as byline
    "date": "date",
    "heading": "heading",
    "paragraph": "paragraph",
    "quote": "paragraph",  # the guidelines label quotes as paragraph
    "list_item": "paragraph",  # ... and list items too
    "caption": "caption",
    "boilerplate": "boilerplate",
}

OVERALL = "overall"
_BP = "boilerplate"
_LABEL_RANK = {lab: i for i, lab in enumerate(GOLD_LABELS)}


@dataclass(slots=True)
class Prediction:
    """What a predictor says about one gold document.

    ``blocks`` are ``(raw_start, raw_end, kind)`` over the document's dump, ``kind`` one of
    :data:`khabar.model.BLOCK_KINDS`; text covered by no block counts as removed (boilerplate).
    """

    blocks: list[tuple[int, int, str]]
    title: str | None = None
    is_article: bool | None = None


def gold_prediction(doc: GoldDoc) -> Prediction:
    """The perfect prediction for ``doc``, built from its gold units (a self-check of the scorer)."""
    return Prediction(
        blocks=[(u.raw_start, u.raw_end, u.label) for u in doc.units],
        title=gold_title(doc),
        is_article=doc.is_article,
    )


# ---------------------------------------------------------------------------------------------------
# metrics


@dataclass(slots=True)
class PRF:
    """Counts for one binary decision, with precision/recall/F1 (``None`` where undefined)."""

    tp: float = 0
    fp: float = 0
    fn: float = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        d = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / d if d else None

    @property
    def support(self) -> float:
        """How many gold positives there are."""
        return self.tp + self.fn

    def add(self, gold: bool, pred: bool, weight: float = 1) -> None:
        if gold and pred:
            self.tp += weight
        elif pred:
            self.fp += weight
        elif gold:
            self.fn += weight

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": self.value, "correct": self.correct, "total": self.total}


@dataclass(slots=True)
class Scores:
    """All metrics for one group of documents (an origin, or everything)."""

    name: str
    n_docs: int = 0
    n_units: int = 0
    boilerplate: PRF = field(default_factory=PRF)
    boilerplate_chars: PRF = field(default_factory=PRF)
    #: by whole gold line and its own label, ignoring glued parts and trailing boilerplate
    boilerplate_lines: PRF = field(default_factory=PRF)
    labels: dict[str, PRF] = field(default_factory=lambda: {lab: PRF() for lab in GOLD_LABELS})
    title: Accuracy = field(default_factory=Accuracy)
    is_article: Accuracy = field(default_factory=Accuracy)
    #: confusion[gold][pred] = number of units
    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {g: dict.fromkeys(GOLD_LABELS, 0) for g in GOLD_LABELS}
    )

    @property
    def macro_f1(self) -> float | None:
        """Mean F1 over the labels that occur in the gold or the predictions of this group."""
        f1s = [p.f1 for p in self.labels.values() if p.f1 is not None]
        return sum(f1s) / len(f1s) if f1s else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "docs": self.n_docs,
            "units": self.n_units,
            "boilerplate": self.boilerplate.to_dict(),
            "boilerplate_chars": self.boilerplate_chars.to_dict(),
            "boilerplate_lines": self.boilerplate_lines.to_dict(),
            "labels": {lab: p.to_dict() for lab, p in self.labels.items()},
            "macro_f1": self.macro_f1,
            "title": self.title.to_dict(),
            "is_article": self.is_article.to_dict(),
            "confusion": {g: dict(row) for g, row in self.confusion.items()},
        }


@dataclass(slots=True)
class Report:
    """Scores per origin and overall; ``groups`` is ordered: origins first, then ``overall``."""

    groups: dict[str, Scores]

    @property
    def overall(self) -> Scores:
        return self.groups[OVERALL]

    def to_dict(self) -> dict[str, Any]:
        return {name: s.to_dict() for name, s in self.groups.items()}

    def format_table(self) -> str:
        """Readable aligned tables: a summary row per group, then per group the boilerplate variants,
        the per-label scores and the confusion matrix."""
        out: list[str] = []
        out.append(
            "text-dump gold: boilerplate P/R/F1 over units; F1 also weighted by characters (chars) "
            "and over whole lines by their own label (lines)"
        )
        head = [
            "group",
            "docs",
            "units",
            "bp P",
            "bp R",
            "bp F1",
            "chars F1",
            "lines F1",
            "macroF1",
            "title",
            "article",
        ]
        rows = []
        for name, s in self.groups.items():
            b = s.boilerplate
            rows.append(
                [name, str(s.n_docs), str(s.n_units), _f(b.precision), _f(b.recall), _f(b.f1),
                 _f(s.boilerplate_chars.f1), _f(s.boilerplate_lines.f1), _f(s.macro_f1), _f(s.title.value),
                 _f(s.is_article.value)]
            )  # fmt: skip
        out.append(_table(head, rows))
        for name, s in self.groups.items():
            out.append("")
            out.append(f"== {name}: {s.n_docs} docs, {s.n_units} units ==")
            out.append(
                f"title accuracy {_f(s.title.value)} ({s.title.correct}/{s.title.total})   "
                f"is_article accuracy {_f(s.is_article.value)} ({s.is_article.correct}/{s.is_article.total})"
            )
            brows = [
                [what, _f(p.precision), _f(p.recall), _f(p.f1), f"{p.tp:g}", f"{p.fp:g}", f"{p.fn:g}"]
                for what, p in (
                    ("units", s.boilerplate),
                    ("chars", s.boilerplate_chars),
                    ("lines", s.boilerplate_lines),
                )
            ]
            out.append(_table(["boilerplate", "P", "R", "F1", "tp", "fp", "fn"], brows))
            lrows = []
            for lab, p in s.labels.items():
                pred_n = sum(s.confusion[g][lab] for g in GOLD_LABELS)
                lrows.append([lab, f"{p.support:g}", str(pred_n), _f(p.precision), _f(p.recall), _f(p.f1)])
            out.append(_table(["label", "gold", "pred", "P", "R", "F1"], lrows))
            out.append("confusion (rows gold, columns predicted):")
            short = [_SHORT[lab] for lab in GOLD_LABELS]
            crows = [[g] + [str(s.confusion[g][p]) for p in GOLD_LABELS] for g in GOLD_LABELS]
            out.append(_table(["gold \\ pred", *short], crows))
        return "\n".join(out)


_SHORT = {
    "title": "title",
    "section": "sect",
    "byline": "bylin",
    "date": "date",
    "heading": "head",
    "paragraph": "para",
    "caption": "capt",
    "boilerplate": "boil",
}


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1, pad_last: bool = True) -> str:
    """An aligned text table; the first ``left`` columns are left-aligned, the rest right-aligned
    (the last one is not padded at all when ``pad_last`` is false)."""
    widths = [max([len(head[i])] + [len(r[i]) for r in rows]) for i in range(len(head))]
    if not pad_last:
        widths[-1] = 0

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    sep = "  ".join("-" * w for w in widths).rstrip()
    return "\n".join([line(head), sep, *(line(r) for r in rows)])


# ---------------------------------------------------------------------------------------------------
# unit decisions


@dataclass(frozen=True, slots=True)
class UnitDecision:
    """How a prediction labels one gold unit."""

    unit: Unit
    #: non-whitespace characters of the unit
    chars: int
    #: non-whitespace characters per predicted (gold-mapped) label; uncovered ones under boilerplate
    votes: dict[str, int]
    predicted: str
    #: more than half of the non-whitespace characters are boilerplate or uncovered
    predicted_boilerplate: bool


def _nonws_prefix(raw: str) -> list[int]:
    pre = [0] * (len(raw) + 1)
    n = 0
    for i, ch in enumerate(raw):
        if not ch.isspace():
            n += 1
        pre[i + 1] = n
    return pre


def _merge(intervals: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted, merged intervals as parallel start/end lists."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(intervals):
        if e <= s:
            continue
        if starts and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _covered(merged: tuple[list[int], list[int]], pre: list[int], a: int, b: int) -> int:
    """Non-whitespace characters of ``[a, b)`` covered by the merged intervals."""
    starts, ends = merged
    n = 0
    i = bisect.bisect_right(ends, a)
    while i < len(starts) and starts[i] < b:
        s, e = max(starts[i], a), min(ends[i], b)
        if s < e:
            n += pre[e] - pre[s]
        i += 1
    return n


def _check_prediction(doc: GoldDoc, pred: Prediction) -> None:
    n = len(doc.raw)
    for blk in pred.blocks:
        s, e, kind = blk
        if kind not in KIND_TO_LABEL:
            raise UsageError(f"{doc.id}: unknown block kind {kind!r}", value=kind)
        if not (0 <= s <= e <= n):
            raise UsageError(f"{doc.id}: block {blk!r} is outside the dump (length {n})", value=blk)


class _Coverage:
    """Which predicted labels cover which non-whitespace characters of one document's dump."""

    def __init__(self, doc: GoldDoc, pred: Prediction) -> None:
        _check_prediction(doc, pred)
        self.pre = _nonws_prefix(doc.raw)
        by_label: dict[str, list[tuple[int, int]]] = {}
        for s, e, kind in pred.blocks:
            by_label.setdefault(KIND_TO_LABEL[kind], []).append((s, e))
        self.merged = {lab: _merge(iv) for lab, iv in by_label.items()}
        self.any_block = _merge([(s, e) for s, e, _ in pred.blocks])

    def votes(self, a: int, b: int) -> tuple[int, dict[str, int]]:
        """``(non-whitespace characters of [a, b), characters per predicted label)``; uncovered
        characters are counted as boilerplate."""
        chars = self.pre[b] - self.pre[a]
        votes = {lab: _covered(m, self.pre, a, b) for lab, m in self.merged.items()}
        votes[_BP] = votes.get(_BP, 0) + chars - _covered(self.any_block, self.pre, a, b)
        return chars, {lab: v for lab, v in votes.items() if v > 0}


def _decide(cov: _Coverage, unit: Unit) -> UnitDecision:
    chars, votes = cov.votes(unit.raw_start, unit.raw_end)
    # a unit without non-whitespace characters (the gold set has none) counts as boilerplate
    predicted = max(votes, key=lambda lab: (votes[lab], lab != _BP, -_LABEL_RANK[lab])) if votes else _BP
    return UnitDecision(unit, chars, votes, predicted, 2 * votes.get(_BP, 0) > chars)


def decide_units(doc: GoldDoc, pred: Prediction) -> list[UnitDecision]:
    """The predicted label of every unit of ``doc`` (see the module docstring for the rule)."""
    cov = _Coverage(doc, pred)
    return [_decide(cov, u) for u in doc.units]


_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069\ufeff\u00ad",
    )
)


def _norm_title(t: str | None) -> str | None:
    """A title as a reader sees it: the gold keeps the page's raw characters (entities such as
    ``&quot;``, presentation forms, bidi marks, non-NFC mark order) while a predictor may give the
    repaired display text, so both sides are compared after the same rendering: entities decoded,
    NFKC (which also maps presentation forms to letters), invisible marks dropped, whitespace folded."""
    if t is None:
        return None
    t = unicodedata.normalize("NFKC", html.unescape(t)).translate(_INVISIBLE)
    t = " ".join(t.split())
    return t or None


def _group_names(golds: Iterable[GoldDoc]) -> list[str]:
    present = {d.origin for d in golds}
    names = [o for o in GOLD_ORIGINS if o in present]
    names += sorted(present - set(GOLD_ORIGINS))
    return [*names, OVERALL]


def _prediction_for(doc: GoldDoc, predictions: Mapping[str, Prediction]) -> Prediction:
    try:
        return predictions[doc.id]
    except KeyError:
        raise UsageError(f"no prediction for gold document {doc.id!r}", value=doc.id) from None


def score(golds: Sequence[GoldDoc], predictions: Mapping[str, Prediction]) -> Report:
    """Score ``predictions`` (by document id; one for every gold document) against ``golds``."""
    groups = {name: Scores(name) for name in _group_names(golds)}
    for doc in golds:
        pred = _prediction_for(doc, predictions)
        cov = _Coverage(doc, pred)
        decisions = [_decide(cov, u) for u in doc.units]
        line_bp: list[tuple[bool, bool]] = []
        for ln in doc.lines:
            chars, votes = cov.votes(ln.raw_start, ln.raw_end)
            line_bp.append((ln.label == _BP, 2 * votes.get(_BP, 0) > chars))
        title_ok = _norm_title(pred.title) == _norm_title(gold_title(doc))
        article_ok = pred.is_article is not None and pred.is_article == doc.is_article
        for g in (groups[doc.origin], groups[OVERALL]):
            g.n_docs += 1
            g.title.add(title_ok)
            g.is_article.add(article_ok)
            for gold_bp, pred_bp in line_bp:
                g.boilerplate_lines.add(gold_bp, pred_bp)
            for d in decisions:
                g.n_units += 1
                gold_bp = d.unit.label == _BP
                g.boilerplate.add(gold_bp, d.predicted_boilerplate)
                g.boilerplate_chars.add(gold_bp, d.predicted_boilerplate, d.chars)
                for lab, prf in g.labels.items():
                    prf.add(d.unit.label == lab, d.predicted == lab)
                g.confusion[d.unit.label][d.predicted] += 1
    return Report(groups)


# ---------------------------------------------------------------------------------------------------
# error analysis


@dataclass(frozen=True, slots=True)
class UnitError:
    """A unit whose predicted label differs from its gold label."""

    doc_id: str
    origin: str
    line_index: int
    gold: str
    predicted: str
    #: non-whitespace characters not carrying the gold label
    wrong_chars: int
    chars: int
    text: str

    def snippet(self, width: int = 80) -> str:
        t = " ".join(self.text.split())
        return t if len(t) <= width else t[: width - 1] + "…"

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "origin": self.origin,
            "line": self.line_index,
            "gold": self.gold,
            "predicted": self.predicted,
            "wrong_chars": self.wrong_chars,
            "chars": self.chars,
            "text": self.text,
        }


def errors(
    golds: Sequence[GoldDoc], predictions: Mapping[str, Prediction], limit: int | None = 50
) -> list[UnitError]:
    """The worst mislabelled units: most non-whitespace characters not carrying the gold label first."""
    found: list[UnitError] = []
    for doc in golds:
        for d in decide_units(doc, _prediction_for(doc, predictions)):
            if d.predicted == d.unit.label:
                continue
            found.append(
                UnitError(
                    doc_id=doc.id,
                    origin=doc.origin,
                    line_index=d.unit.line_index,
                    gold=d.unit.label,
                    predicted=d.predicted,
                    wrong_chars=d.chars - d.votes.get(d.unit.label, 0),
                    chars=d.chars,
                    text=doc.unit_text(d.unit),
                )
            )
    found.sort(key=lambda e: (-e.wrong_chars, e.doc_id, e.line_index))
    return found if limit is None else found[:limit]


def format_errors(errs: Sequence[UnitError], width: int = 80) -> str:
    """The errors as an aligned table: doc, gold, predicted, line, wrong/all characters, snippet."""
    head = ["doc", "gold", "predicted", "line", "wrong", "text"]
    rows = [
        [e.doc_id, e.gold, e.predicted, str(e.line_index), f"{e.wrong_chars}/{e.chars}", e.snippet(width)]
        for e in errs
    ]
    # the text column is last and left as it is: right-to-left snippets would not align anyway
    return _table(head, rows, left=3, pad_last=False)
