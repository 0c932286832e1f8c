"""The accurate NER tagger: fine-tuned multilingual-e5-small, int8, run by onnxruntime.

``khabar/data/ner_e5.onnx`` (written by ``scripts/export_encoder_ner.py`` from a checkpoint of
``scripts/train_encoder_ner.py``) maps SentencePiece piece ids to per-piece tag log-probabilities;
``ner_e5_vocab.json.gz`` holds the pruned vocabulary it reads. A word's tag scores are those of its
first piece; a sentence is decoded by Viterbi under the BIO constraints, as in training. When the
vocabulary file says ``pack`` (the shipped one does), the sentences given together (a document's) are
packed whole, in order, into windows of up to ``max_pieces`` (128) pieces, so that each is read with its
neighbours (dev F1 +0.012 with the same weights); otherwise each sentence has windows of its own. A
sentence longer than a window is cut between words. Before decoding, each word's scores are joined with
the shipped CRF's log-marginals (:mod:`~khabar.extract.accurate.ensemble`; dev F1 0.742 → 0.774).
:meth:`EncoderTagger.tag_document` also makes a document's names consistent
(:func:`~khabar.extract.accurate.decode.document_consistency`).

It needs the ``accurate`` extra (onnxruntime, tokenizers); without it :func:`load_tagger` raises an
ImportError that names the extra. Nothing imports this module on the default path.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from khabar import data
from khabar.extract.accurate.decode import (
    Segment,
    closed_sentence,
    document_consistency,
    pack_windows,
    viterbi_bio,
    window_pieces,
    word_windows,
)
from khabar.extract.accurate.ensemble import CRF_WEIGHT, crf_log_marginals, product_of_experts
from khabar.extract.accurate.pieces import PieceTokenizer

__all__ = ["MODEL_FILE", "VOCAB_FILE", "EncoderTagger", "load_tagger"]

MODEL_FILE = "ner_e5.onnx"
VOCAB_FILE = "ner_e5_vocab.json.gz"
#: padded pieces per onnxruntime call: windows of similar length are batched up to this. 1: one window
#: per call. The int8 graph quantises its activations with one scale per call, so a window's tags
#: depended on the windows it was batched with; alone they do not, and on one core it is faster
#: (dev slice, packed, alternating runs: 2,470 against 1,850 tokens/s with 2,048; dev F1 0.742
#: against 0.743 with consistency)
_BATCH_PIECES = 1

_EXTRA_HINT = "the accurate NER tagger needs the 'accurate' extra: pip install 'khabar[accurate]'"


def _threads() -> int:
    """onnxruntime's threads: ``KHABAR_NER_THREADS``, else 1 (corpus runs parallelise by worker)."""
    try:
        return max(1, int(os.environ.get("KHABAR_NER_THREADS", "1")))
    except ValueError:
        return 1


class EncoderTagger:
    """Tags tokenised sentences with BIO tags over PERS, LOC, ORG, MISC (as the CRF's ``NerModel``)."""

    def __init__(self, session: Any, vocab: dict[str, Any], *, crf_weight: float = CRF_WEIGHT) -> None:
        self.session = session
        #: the weight of the CRF's log-marginals joined to the encoder's (0: the encoder alone), see
        #: :mod:`khabar.extract.accurate.ensemble`
        self.crf_weight = crf_weight
        self.tags: tuple[str, ...] = tuple(vocab["tags"])
        self.bos, self.eos, self.pad = int(vocab["bos"]), int(vocab["eos"]), int(vocab["pad"])
        self.max_pieces = int(vocab["max_pieces"])
        #: whether the model was trained on windows of consecutive sentences (then a document's
        #: sentences are packed whole into windows, each read with its neighbours)
        self.pack = bool(vocab.get("pack", False))
        self.meta: dict[str, Any] = vocab.get("checkpoint", {})
        norm = {int(k): v for k, v in vocab["norm_map"].items()}
        self.tokenizer = PieceTokenizer(vocab["pieces"], vocab["scores"], norm, int(vocab["unk"]))

    @classmethod
    def from_files(
        cls,
        model: str | Path,
        vocab: str | Path,
        *,
        threads: int | None = None,
        crf_weight: float = CRF_WEIGHT,
    ) -> EncoderTagger:
        """The tagger of an exported model and its vocabulary file."""
        try:
            import onnxruntime as ort
        except ImportError as e:
            raise ImportError(_EXTRA_HINT) from e
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or _threads()
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # the shipped graph has its residual LayerNorms and GELUs unfused (scripts/export_encoder_ner.py,
        # unfuse_slow_kernels: onnxruntime's fused CPU kernels for them were 1.45x slower on one thread);
        # the session is told not to fuse them back, should a later onnxruntime learn to on the CPU
        session = ort.InferenceSession(
            str(model),
            sess_options=opts,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=["SkipLayerNormFusion", "BiasGeluFusion"],
        )
        with gzip.open(vocab, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        return cls(session, data, crf_weight=crf_weight)

    def clear_caches(self) -> None:
        """Nothing is cached (the interface of ``NerModel``, for :func:`khabar.eval.ner.evaluate_model`)."""

    def tag(self, tokens: Sequence[str]) -> list[str]:
        return self.tag_many([tokens])[0]

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The sentences of one document, its names made consistent across it
        (:func:`~khabar.extract.accurate.decode.document_consistency`)."""
        logps = document_consistency(sentences, self.joint_logp(sentences))
        return [[self.tags[t] for t in viterbi_bio(lp)] if len(lp) else [] for lp in logps]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags of each sentence (its tokens as given), without document consistency."""
        return [
            [self.tags[t] for t in viterbi_bio(lp)] if len(lp) else [] for lp in self.joint_logp(sentences)
        ]

    def joint_logp(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """:meth:`word_logp` joined with the shipped CRF's log-marginals (weight :attr:`crf_weight`;
        :func:`~khabar.extract.accurate.ensemble.product_of_experts`): what the tagger decodes."""
        logps = self.word_logp(sentences)
        if not self.crf_weight:
            return logps
        from khabar.extract.ner import load_model

        crf = crf_log_marginals(load_model(), sentences, self.tags)
        return product_of_experts(logps, crf, self.crf_weight)

    def word_logp(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Each sentence's (words × tags) log-probabilities, before decoding (a word's = its first piece's).

        Apart from :meth:`tag_many` so that a caller can also weigh the tagger's confidence
        (``scripts/distil_ner.py`` keeps the silver sentences it is sure of).
        """
        encs = self.tokenizer.encode_batch(sentences)
        ids_of = [ids for ids, _ in encs]
        per_word = [
            np.bincount(wids, minlength=len(s)).tolist() if s else []
            for s, (_, wids) in zip(sentences, encs, strict=True)
        ]
        starts = [np.concatenate([[0], np.cumsum(pw)]).astype(int).tolist() for pw in per_word]
        if self.pack:
            segs = pack_windows(per_word, self.max_pieces, alone=[not closed_sentence(x) for x in sentences])
        else:
            segs = [
                [(si, a, b)]
                for si, pw in enumerate(per_word)
                if pw
                for a, b in word_windows(pw, self.max_pieces)
            ]
        windows: list[
            tuple[list[Segment], list[int], list[int]]
        ] = []  # (sentence parts, piece ids, first pieces)
        for win in segs:
            windows.append((win, *window_pieces(win, ids_of, starts, self.bos, self.eos, self.max_pieces)))
        got: list[np.ndarray | None] = [None] * len(windows)
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][1]))
        k = 0
        while k < len(order):
            n = len(windows[order[k]][1])
            j = k + 1
            while j < len(order) and (j - k + 1) * len(windows[order[j]][1]) <= max(_BATCH_PIECES, n):
                j += 1
            batch = order[k:j]
            width = len(windows[batch[-1]][1])
            ids_arr = np.full((len(batch), width), self.pad, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for r, i in enumerate(batch):
                p = windows[i][1]
                ids_arr[r, : len(p)] = p
                mask[r, : len(p)] = 1
            (logp,) = self.session.run(["logp"], {"ids": ids_arr, "mask": mask})
            for r, i in enumerate(batch):
                got[i] = logp[r, windows[i][2]]
            k = j
        per_sent: list[list[np.ndarray]] = [[] for _ in sentences]
        for (win, _, _), lp in zip(windows, got, strict=True):
            assert lp is not None
            k = 0
            for si, a, b in win:
                per_sent[si].append(lp[k : k + b - a])
                k += b - a
        return [np.concatenate(parts) if parts else np.zeros((0, len(self.tags))) for parts in per_sent]


@functools.cache
def load_tagger() -> EncoderTagger:
    """The shipped tagger, read once (ImportError naming the ``accurate`` extra when it is missing)."""
    with data.as_file(MODEL_FILE) as model, data.as_file(VOCAB_FILE) as vocab:
        return EncoderTagger.from_files(model, vocab)
