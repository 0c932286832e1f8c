"""Document signals for corpus builders: how Arabic, how clean, how good.

``quality`` is a transparent score in [0, 1]: the product of named components, each in [0, 1], all
reported beside it so a threshold can be chosen knowing what it means. It is not a learned model.
"""

from __future__ import annotations

import re
from typing import Any

from khabar.model import Document

_ARABIC = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_END = ".!?؟…:؛»\"”)"


def compute_signals(doc: Document) -> dict[str, Any]:
    """Signals of a cleaned document (after ``assemble``)."""
    text = doc.text
    letters = len(_LETTER.findall(text))
    arabic_ratio = len(_ARABIC.findall(text)) / letters if letters else 0.0
    total = sum(len(b.text) for b in doc.blocks) or 1
    removed = sum(len(b.text) for b in doc.blocks if b.removed)
    boilerplate_ratio = removed / total
    paras = [b.text for b in doc.blocks if b.kind in ("paragraph", "quote", "list_item")]
    words = len(text.split())
    para_words = [len(p.split()) for p in paras]
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
