"""``khabar eval dates``: DATE span F1 on the Wojood sample (``../shared/data/wojood_sample``).

The sample (SinaLab/ArabicNER, MIT; Jarrar, Khalilia & Ghanem, LREC 2022) is CoNLL-like: a token then
one IOB2 tag per nesting level; ``$#$`` pseudo-tokens are dropped. Its ``test.txt`` split is scored.
A gold DATE is a run of tokens tagged ``B-DATE``/``I-DATE`` at any nesting level. Each sentence's tokens
are joined with single spaces, :func:`khabar.arabic.dates.find_date_mentions` runs on that text, and a
found mention covers the tokens it overlaps. *Exact*: same first and last token. *Overlap*: the spans
share a token (each gold span matched at most once).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.arabic.dates import find_date_mentions
from khabar.eval import shared_data
from khabar.eval.ner import TypeScore

Sentence = list[tuple[str, list[str]]]


def default_wojood_dir() -> Path:
    """``shared/data/wojood_sample`` beside the repository (only meaningful in a source checkout)."""
    return shared_data("wojood_sample")


def read_wojood(path: str | Path) -> list[Sentence]:
    """Sentences of a Wojood CoNLL file: (token, tags at every nesting level), ``$#$`` dropped."""
    sents: list[Sentence] = []
    cur: Sentence = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if cur:
                sents.append(cur)
            cur = []
            continue
        if parts[0] == "$#$":
            continue
        cur.append((parts[0], parts[1:]))
    if cur:
        sents.append(cur)
    return sents


def gold_spans(sent: Sentence, label: str = "DATE") -> set[tuple[int, int]]:
    """Token spans ``(first, last)`` of ``label`` at any nesting level."""
    out: set[tuple[int, int]] = set()
    for i, (_, tags) in enumerate(sent):
        if f"B-{label}" in tags:
            j = i
            while j + 1 < len(sent) and f"I-{label}" in sent[j + 1][1]:
                j += 1
            out.add((i, j))
    return out


def predicted_spans(sent: Sentence) -> set[tuple[int, int]]:
    """Token spans of the date mentions found in the sentence's space-joined text."""
    starts, text = [], ""
    for tok, _ in sent:
        if text:
            text += " "
        starts.append(len(text))
        text += tok
    ends = [s + len(t) for s, (t, _) in zip(starts, sent, strict=True)]
    out = set()
    for m in find_date_mentions(text):
        toks = [i for i in range(len(sent)) if starts[i] < m.end and m.start < ends[i]]
        if toks:
            out.add((toks[0], toks[-1]))
    return out


def score_dates(sents: list[Sentence]) -> dict[str, TypeScore]:
    """Exact and overlap DATE scores over ``sents`` (the NER evaluation's span score)."""
    n_gold = n_pred = exact = overlap = 0
    for sent in sents:
        gold, pred = gold_spans(sent), predicted_spans(sent)
        n_gold += len(gold)
        n_pred += len(pred)
        exact += len(gold & pred)
        used: set[tuple[int, int]] = set()
        for p in sorted(pred):
            g = next((g for g in sorted(gold) if g not in used and g[0] <= p[1] and p[0] <= g[1]), None)
            if g is not None:
                used.add(g)
                overlap += 1
    return {"exact": TypeScore(n_gold, n_pred, exact), "overlap": TypeScore(n_gold, n_pred, overlap)}


def run_dates_eval(data_dir: str | Path | None = None, split: str = "test") -> dict[str, TypeScore]:
    """Score the Wojood ``split`` and print one line per metric."""
    path = Path(data_dir or default_wojood_dir()) / f"{split}.txt"
    scores = score_dates(read_wojood(path))
    print(f"DATE spans on Wojood sample {split} split ({path})")
    print(f"{'metric':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5} {'tp':>5}")
    for name, sc in scores.items():
        prf = f"{sc.precision:6.3f} {sc.recall:6.3f} {sc.f1:6.3f}"
        print(f"{name:<8} {prf} {sc.gold:5d} {sc.pred:5d} {sc.correct:5d}")
    return scores


# -- anchoring on a corpus: how many records have a date, how many relative dates are resolved ---------
@dataclass(slots=True)
class AnchorCoverage:
    """Aggregate date anchoring figures over khabar records (no document is printed).

    A *relative date* is a DATE span whose value depends on the record's anchor: one with a ``relative``
    attribute (أمس ``-1d``, اليوم ``0d``, الأسبوع المقبل ``+1w``, الشهر الماضي ``-1m``, a weekday ``wd-`` /
    ``wd+``) or a day and month written without the year whose year is the anchor's
    (``year_from == "published"``). It is *resolved* when its ``value`` is set.
    """

    records: int = 0
    with_published: int = 0
    published_source: Counter[str] = field(default_factory=Counter)
    dates: int = 0
    relative: int = 0
    relative_resolved: int = 0
    unresolved_kinds: Counter[str] = field(default_factory=Counter)
    events: int = 0
    #: events whose ``date`` is an ISO date (an unresolved one keeps the date's text)
    events_dated: int = 0

    @property
    def published_share(self) -> float:
        return self.with_published / self.records if self.records else 0.0

    @property
    def resolved_share(self) -> float:
        return self.relative_resolved / self.relative if self.relative else 1.0

    def add(self, rec: dict[str, Any]) -> None:
        """Count one ``khabar.record/1`` object."""
        self.records += 1
        if rec.get("published"):
            self.with_published += 1
            self.published_source[str(rec.get("published_source") or "unknown")] += 1
        for d in rec.get("dates") or []:
            self.dates += 1
            if is_relative_date(d):
                self.relative += 1
                if d.get("value"):
                    self.relative_resolved += 1
                else:
                    self.unresolved_kinds[str(d.get("relative") or "day_month")] += 1
        for ev in rec.get("events") or []:
            self.events += 1
            when = ev.get("date")
            self.events_dated += isinstance(when, str) and when[:4].isdigit()

    def format(self) -> str:
        src = ", ".join(f"{k} {v}" for k, v in self.published_source.most_common())
        lines = [
            f"records with published: {self.with_published} of {self.records} "
            f"({self.published_share:.1%}){f' [{src}]' if src else ''}",
            f"relative dates resolved: {self.relative_resolved} of {self.relative} "
            f"({self.resolved_share:.1%}); DATE spans: {self.dates}",
            f"events with a resolved (ISO) date: {self.events_dated} of {self.events}",
        ]
        if self.unresolved_kinds:
            kinds = ", ".join(f"{k} {v}" for k, v in self.unresolved_kinds.most_common(8))
            lines.append(f"unresolved relative dates by kind: {kinds}")
        return "\n".join(lines)


def is_relative_date(span: dict[str, Any]) -> bool:
    """Whether a DATE span (as a record holds it) takes its value from the record's anchor date."""
    return bool(span.get("relative")) or span.get("year_from") == "published"


def anchor_coverage(records: Iterable[dict[str, Any]]) -> AnchorCoverage:
    """:class:`AnchorCoverage` over ``records`` (khabar.record/1 objects)."""
    cov = AnchorCoverage()
    for rec in records:
        cov.add(rec)
    return cov


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of a khabar output file (JSON Lines, plain or gzip) or of an archive (``.db``)."""
    if str(path).endswith((".db", ".sqlite", ".sqlite3")):
        import json
        import sqlite3

        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            for (rec,) in conn.execute("SELECT record FROM documents ORDER BY n"):
                yield json.loads(rec)
        finally:
            conn.close()
        return
    from khabar.io import read_jsonl

    yield from read_jsonl(str(path))
