"""Speed and memory of khabar's named-entity tagger on one core, against CRFsuite decoding the same features.

Run by ``make bench-ner``; ``python benchmarks/ner.py --skip-peer`` skips training the peer model.

Rows (all in this one process, single-threaded):

1. **khabar, cold**: ``NerModel.tag`` over the ANERcorp CAMeL test split (25,008 pre-tokenised tokens),
   caches emptied first; this is what a fresh process sees on new text.
2. **khabar, warm**: the same sentences again, word caches full (a long run's steady state).
3. **khabar, text → spans**: ``tag_entities`` on SaudiNewsNet article texts (``--docs`` of them), from
   raw text: tokenising, sentence splitting, tagging, document consistency and offsets included.
4. **CRFsuite** (the peer): python-crfsuite's ``Tagger`` on the same test sentences, with a model
   trained in this run by CRFsuite itself on the train split with khabar's own features and the
   shipped hyper-parameters; timed with the feature extraction it needs (khabar's ``FeatureSet``).
   It is the decoder khabar would use if it did not ship its own numpy one (why it does not: CRFsuite
   is a compiled extension with no wheels for some platforms, and its tagger re-reads every feature
   string per token, where khabar caches per word form).

5. **start-up, tokens/s, peak RSS of each tagger in a fresh process** (``--taggers crf,accurate``): a
   child process imports khabar, loads the tagger (start-up: import + load, wall seconds), tags the
   test split a document (20 sentences) at a time, one thread (``KHABAR_NER_THREADS=1`` for
   onnxruntime), and reports its own peak RSS. The two taggers run alternately, ``--child-runs`` times
   each; the medians are reported. The accurate tagger (issue 16, the fine-tuned e5-small in int8 under
   onnxruntime, ``pip install -e '.[accurate]'``) is skipped with a note when its extra is missing.
   ``accurate-alone`` in ``--taggers``: the encoder without the CRF's marginals joined (as before the
   third round of issue 16), for a before/after in one run.

The accuracy of the shipped model is ``khabar eval ner``'s business; this script reports its F1 only
as a check that the measured model is the real one. The issue's targets: ≥ 20,000 tokens/s for the CRF,
≥ 5,000 for the accurate tagger, one core.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common as common

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
README = HERE / "README.md"
MARK_START, MARK_END = "<!-- ner:start -->", "<!-- ner:end -->"
TARGET_TOKENS_PER_S = 20_000.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000, help="SaudiNewsNet articles for the text → spans row")
    ap.add_argument("--skip-peer", action="store_true", help="do not train and time the CRFsuite peer")
    ap.add_argument("--no-readme", action="store_true", help="print the table without updating README.md")
    ap.add_argument("--taggers", default="crf,accurate", help="taggers timed in fresh processes (or none)")
    ap.add_argument("--child-runs", type=int, default=3, help="fresh processes per tagger (alternated)")
    ap.add_argument("--child", choices=("crf", "accurate", "accurate-alone"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return _child(args.child)

    common.single_threaded()
    sys.path.insert(0, str(REPO / "src"))
    from khabar.arabic.tokenize import tokenize
    from khabar.eval import shared_data
    from khabar.eval.ner import evaluate_model, split_anercorp
    from khabar.extract.ner import load_model, tag_entities

    corpus = shared_data() / "anercorp" / "ANERCorp.txt"
    if not corpus.exists():
        sys.exit(f"{corpus} not found: ../shared/data beside the repository is needed")
    train, test = split_anercorp(corpus)
    toks = [[t for t, _ in s] for s in test]
    n_tokens = sum(map(len, toks))
    model = load_model()
    rows: list[list[str]] = []

    common.reset_peak_rss()
    report = evaluate_model(model, test)
    f1 = report.scores["all"]["overall"].f1
    rows.append(["khabar, cold caches", f"{n_tokens:,}", f"{report.cold_speed:,.0f}", "1.00", "—"])
    rows.append(["khabar, warm caches", f"{n_tokens:,}", f"{report.warm_speed:,.0f}", "—", "—"])
    cold = report.cold_speed

    texts = list(_snn_texts(shared_data(), args.docs))
    model.clear_caches()
    n_words = sum(len(tokenize(t)) for t in texts)
    t0 = time.perf_counter()
    n_spans = sum(len(tag_entities(t, model=model)) for t in texts)
    e2e = n_words / (time.perf_counter() - t0)
    rows.append(
        [
            f"khabar, text → spans ({len(texts):,} articles, {n_spans:,} entities)",
            f"{n_words:,}",
            f"{e2e:,.0f}",
            "—",
            f"{common.peak_rss_mb():.0f}",
        ]
    )

    if not args.skip_peer:
        peer = _crfsuite_speed(train, toks, model)
        if peer:
            rows.append(
                [
                    "CRFsuite Tagger, same features (peer)",
                    f"{n_tokens:,}",
                    f"{peer:,.0f}",
                    f"{peer / cold:.2f}",
                    "—",
                ]
            )

    table = common.markdown_table(
        ["tagger", "tokens", "tokens/s", "× khabar cold", "peak RSS MiB"],
        rows,
        [False, True, True, True, True],
    )
    fresh = _fresh_rows([t for t in args.taggers.split(",") if t and t != "none"], args.child_runs, n_tokens)
    if fresh:
        table += (
            "\n\nEach tagger in a fresh process (median of the runs; start-up = import + model load):\n\n"
        )
        table += common.markdown_table(
            ["tagger", "start-up s", "tokens/s", "peak RSS MiB", "F1 (all four types)"],
            fresh,
            [False, True, True, True, True],
        )
    verdict = "meets" if cold >= TARGET_TOKENS_PER_S else "MISSES"
    body = "\n".join(
        [
            f"Measured {common.now_utc()} on {common.cpu_model()}, load {common.load_average()}; one core.",
            "",
            table,
            "",
            f"Shipped model: entity F1 {f1:.3f} on the same test split (all four types, with document "
            f"consistency). Cold speed {cold:,.0f} tokens/s {verdict} the 20,000 tokens/s target.",
        ]
    )
    print(body)
    if not args.no_readme:
        common.replace_between(README, MARK_START, MARK_END, body)
    return 0


def _child(tagger: str) -> int:
    """One fresh-process measurement, printed as JSON: start-up, tokens/s, peak RSS, F1."""
    t0 = time.perf_counter()
    sys.path.insert(0, str(REPO / "src"))
    from khabar.eval import shared_data
    from khabar.eval.ner import DOC_SENTENCES, TYPES, score_entities, split_anercorp

    if tagger.startswith("accurate"):
        from khabar.extract.accurate.tagger import load_tagger
        from khabar.extract.ner import load_model

        model: object = load_tagger()
        if (
            tagger == "accurate-alone"
        ):  # the encoder without the CRF's marginals (before issue 16's third round)
            model.crf_weight = 0.0  # type: ignore[attr-defined]
        else:
            load_model()  # the CRF it is joined with, read at start-up
    else:
        from khabar.extract.ner import load_model

        model = load_model()
    startup = time.perf_counter() - t0
    _, test = split_anercorp(shared_data() / "anercorp" / "ANERCorp.txt")
    toks = [[t for t, _ in s] for s in test]
    t0 = time.perf_counter()
    pred = [
        tags
        for k in range(0, len(toks), DOC_SENTENCES)
        for tags in model.tag_many(toks[k : k + DOC_SENTENCES])  # type: ignore[attr-defined]
    ]
    speed = sum(map(len, toks)) / (time.perf_counter() - t0)
    f1 = score_entities([[g for _, g in s] for s in test], pred, types=TYPES)["overall"].f1
    # VmHWM, not ru_maxrss: Linux carries the parent's ru_maxrss into a child across fork and exec
    hwm = common._status_kb("VmHWM")
    rss = hwm / 1024 if hwm is not None else common.peak_rss_mb()
    print(json.dumps({"startup": startup, "speed": speed, "rss": rss, "f1": f1}))
    return 0


def _fresh_rows(taggers: list[str], runs: int, n_tokens: int) -> list[list[str]]:
    """Alternated fresh-process runs of each tagger; a tagger whose extra is missing gets a note row."""
    got: dict[str, list[dict[str, float]]] = {t: [] for t in taggers}
    missing: set[str] = set()
    env = dict(os.environ, KHABAR_NER_THREADS="1")
    for _ in range(runs):
        for t in taggers:
            if t in missing:
                continue
            cmd = [sys.executable, str(Path(__file__).resolve()), "--child", t]
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=REPO)
            if proc.returncode:
                print(f"{t}: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
                missing.add(t)
                continue
            got[t].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    names = {
        "crf": "CRF (default)",
        "accurate": "accurate: e5-small int8, onnxruntime, + CRF",
        "accurate-alone": "accurate without the CRF",
    }
    rows = []
    for t in taggers:
        if not got[t]:
            rows.append(
                [f"{names[t]}: not run (see stderr; `pip install -e '.[accurate]'`)", "—", "—", "—", "—"]
            )
            continue

        def med(key: str, t: str = t) -> float:
            return statistics.median(r[key] for r in got[t])

        rows.append(
            [
                f"{names[t]} ({n_tokens:,} tokens)",
                f"{med('startup'):.2f}",
                f"{med('speed'):,.0f}",
                f"{med('rss'):.0f}",
                f"{med('f1'):.3f}",
            ]
        )
    return rows


def _snn_texts(data: Path, limit: int) -> list[str]:
    """Article bodies from the SaudiNewsNet sample, in file order."""
    import orjson

    out: list[str] = []
    for path in sorted((data / "saudinewsnet_sample").glob("*.jsonl")):
        with open(path, "rb") as fh:
            for line in fh:
                rec = orjson.loads(line)
                if rec.get("content"):
                    out.append(rec["content"])
                if len(out) >= limit:
                    return out
    return out


def _crfsuite_speed(train: list, toks: list[list[str]], model: object) -> float | None:
    try:
        import pycrfsuite
    except ImportError:
        print("python-crfsuite is not installed (pip install -e '.[train]'): no peer row", file=sys.stderr)
        return None
    from khabar.extract.ner import NerModel

    assert isinstance(model, NerModel)
    fs = model.features
    params = model.meta.get("params", {})
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in train:
        trainer.append(fs.features([t for t, _ in s]), [g for _, g in s])
    trainer.set_params(
        {
            "c1": params.get("c1", 0.1),
            "c2": params.get("c2", 0.05),
            "max_iterations": params.get("iterations", 200),
            "feature.possible_transitions": True,
        }
    )
    print("training the CRFsuite peer on the train split (about a minute)…", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "peer.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        fs.clear_cache()
        t0 = time.perf_counter()
        for s in toks:
            tagger.tag(fs.features(s))
        dt = time.perf_counter() - t0
        tagger.close()
    return sum(map(len, toks)) / dt


if __name__ == "__main__":
    raise SystemExit(main())
