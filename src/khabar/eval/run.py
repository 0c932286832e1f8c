"""``khabar eval textdump``: khabar and the datatrove baselines, scored in the same run."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from khabar.eval.gold import GoldDoc, load_gold
from khabar.eval.textdump import Prediction, Report, errors, format_errors, score
from khabar.model import Source


def predict_khabar(golds: Sequence[GoldDoc], no_url: bool = False) -> tuple[dict[str, Prediction], float]:
    """khabar's predictions for the gold dumps, and the wall time in seconds; with ``no_url`` the
    dumps are given without their URL (as a crawler's dump often comes)."""
    from khabar.api import process_text

    process_text("عنوان\nنص", id="warm-up")  # model, lexicon and regexes load outside the clock
    t0 = time.perf_counter()
    preds: dict[str, Prediction] = {}
    for d in golds:
        doc = process_text(d.raw, id=d.id, source=Source(uri=None if no_url else d.url))
        preds[d.id] = Prediction(
            [(b.raw_start, b.raw_end, b.kind) for b in doc.blocks], doc.title, doc.is_article
        )
    return preds, time.perf_counter() - t0


def khabar_report(gold: str | Path | None = None) -> Report:
    """khabar's scores on the gold set (what the accuracy floors in the tests check)."""
    golds = load_gold(gold)
    preds, _ = predict_khabar(golds)
    return score(golds, preds)


def _bp_row(name: str, rep: Report, n: int, secs: float) -> str:
    cells = [name]
    for g in ("overall", "saudinewsnet", "cc", "seed"):
        s = rep.groups.get(g)
        f = s.boilerplate.f1 if s is not None else None
        cells.append("-" if f is None else f"{f:.3f}")
    o = rep.overall.boilerplate
    cells += [f"{o.precision or 0:.3f}", f"{o.recall or 0:.3f}", f"{n / secs:,.0f}" if secs > 0 else "-"]
    return "  ".join(f"{c:>12}" if i else f"{c:<30}" for i, c in enumerate(cells))


def run_textdump_eval(
    gold: str | Path | None = None,
    *,
    baselines: bool = True,
    errors_limit: int = 0,
    out: Any = None,
    no_url: bool = False,
) -> dict[str, Any]:
    """Score khabar (and the baselines) on the gold set; print tables; return the report as a dict.
    ``no_url`` gives khabar the dumps without their URL."""
    out = out or sys.stdout
    golds = load_gold(gold)
    preds, secs = predict_khabar(golds, no_url)
    rep = score(golds, preds)
    what = " without their URLs" if no_url else ""
    print(
        f"khabar on {len(golds)} gold dumps{what} ({secs:.2f} s, {len(golds) / secs:,.0f} docs/s)\n", file=out
    )
    print(rep.format_table(), file=out)
    result: dict[str, Any] = {"khabar": {"report": rep.to_dict(), "seconds": secs}}
    head = "  ".join(
        f"{c:>12}" if i else f"{c:<30}"
        for i, c in enumerate(["boilerplate F1", "overall", "saudinewsnet", "cc", "seed", "P", "R", "docs/s"])
    )
    rows = [_bp_row("khabar", rep, len(golds), secs)]
    if baselines:
        from khabar.eval.baseline import run_baselines

        for name, (bpreds, bsecs) in run_baselines(golds).items():
            brep = score(golds, bpreds)
            rows.append(_bp_row(f"datatrove {name}", brep, len(golds), bsecs))
            result[name] = {"report": brep.to_dict(), "seconds": bsecs}
    print("\n== boilerplate, khabar vs baselines (same lines, same run)", file=out)
    print(head, file=out)
    print("\n".join(rows), file=out)
    if errors_limit:
        print(f"\n== the {errors_limit} worst units", file=out)
        print(format_errors(errors(golds, preds, errors_limit)), file=out)
    return result
