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
    total = sum(len(b.text) for b in doc.blocks) or 1
    removed = sum(len(b.text) for b in doc.blocks if b.removed)
    boilerplate_ratio = removed / total
    paras = [b.text for b in doc.blocks if b.kind in ("paragraph", "quote", "list_item")]
    # repaired text is single-spaced with one block per line: spaces and line breaks count words
    words = text.count(" ") + text.count("\n") + 1 if text else 0
    para_words = [p.count(" ") + 1 for p in paras]
    mean_para = sum(para_words) / len(para_words) if para_words else 0.0
    punct = sum(p.rstrip()[-1:] in _END for p in paras) / len(paras) if paras else 0.0
    keys = [b.text for b in doc.blocks if not b.removed]
    unique = len(set(keys)) / len(keys) if keys else 0.0
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
        "removed_blocks": sum(b.removed for b in doc.blocks),
        "quality": round(quality, 4),
        "quality_components": {k: round(v, 4) for k, v in components.items()},
    }
