"""Document signals for corpus builders: how Arabic, how clean, how good.

``quality`` is a transparent score in [0, 1]: the product of named components, each in [0, 1], all
reported beside it so a threshold can be chosen knowing what it means. It is not a learned model.
"""

from __future__ import annotations

from typing import Any

from khabar.model import Document

# counted on the UTF-8 bytes with bytes.translate (a C loop): lead bytes 0xD8-0xDB start the
# characters of the Arabic block (letters, and also its few punctuation marks, digits and diacritics,
# which is close enough for a ratio); ASCII letters are the Latin side
_END = '.!?؟…:؛»"”)'
_PROSE = frozenset(("paragraph", "quote", "list_item"))
_AR_LEAD = bytes(range(0xD8, 0xDC))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def letter_counts(text: str) -> tuple[int, int]:
    """(Arabic-script characters, Arabic-script characters + ASCII letters) in ``text``."""
    b = text.encode("utf-8", "surrogatepass")
    ar = len(b) - len(b.translate(None, _AR_LEAD))
    la = len(b) - len(b.translate(None, _ASCII_LETTERS))
    return ar, ar + la


def compute_signals(doc: Document) -> dict[str, Any]:
    """Signals of a cleaned document (after ``assemble``)."""
    text = doc.text
    arabic, letters = letter_counts(text)
    arabic_ratio = arabic / letters if letters else 0.0
    # one pass over the blocks
    total = removed = n_removed = n_paras = para_words = para_punct = 0
    kept: set[str] = set()
    n_kept = 0
    for b in doc.blocks:
        t = b.text
        total += len(t)
        if b.kind == "boilerplate":
            removed += len(t)
            n_removed += 1
            continue
        n_kept += 1
        kept.add(t)
        if b.kind in _PROSE:
            n_paras += 1
            # repaired text is single-spaced: spaces count words
            para_words += t.count(" ") + 1
            para_punct += t[-1:] in _END
    boilerplate_ratio = removed / (total or 1)
    words = text.count(" ") + text.count("\n") + 1 if text else 0
    mean_para = para_words / n_paras if n_paras else 0.0
    punct = para_punct / n_paras if n_paras else 0.0
    unique = len(kept) / n_kept if n_kept else 0.0
    components = {
        # below ~60% Arabic letters a page is mostly another language or code
        "arabic": min(arabic_ratio / 0.6, 1.0),
        # a document of under ~50 words carries little text for a corpus
        "length": min(words / 50, 1.0),
        # running text has sentences of some length; menus and lists do not
        "paragraphs": min(mean_para / 15, 1.0),
        # paragraphs that end in punctuation are prose
        "punctuation": 0.5 + 0.5 * punct,
        # repeated kept lines suggest template residue
        "unique_lines": unique,
    }
    quality = 1.0
    for v in components.values():
        quality *= v
    return {
        "arabic_ratio": round(arabic_ratio, 4),
        "boilerplate_ratio": round(boilerplate_ratio, 4),
        "words": words,
        "blocks": len(doc.blocks),
        "removed_blocks": n_removed,
        "quality": round(quality, 4),
        "quality_components": {k: round(v, 4) for k, v in components.items()},
    }
