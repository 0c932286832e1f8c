"""The core stages, registered by name: segment → classify → assemble → signals."""

from __future__ import annotations

import re

from khabar.arabic.dates import parse_date
from khabar.clean.classify import classify_document
from khabar.clean.segment import segment_raw
from khabar.clean.signals import compute_signals
from khabar.clean.structure import section_path
from khabar.io.input_date import anchor_published
from khabar.model import Document
from khabar.offsets import OffsetMap
from khabar.pipeline import stage

_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")  # a date line has a day or a year


@stage("segment", provides=("blocks",))
def segment(doc: Document) -> None:
    """Split the raw input into repaired line blocks, cutting glued chrome off."""
    doc.blocks = segment_raw(doc.raw)


@stage("classify", requires=("blocks",), provides=("kinds", "is_article"))
def classify(doc: Document) -> None:
    """Label every block (title, heading, paragraph, boilerplate …) and decide is_article."""
    rt = doc.meta.get("title")
    # a title the input record gives (SaudiNewsNet's `title` field, composed as the dump's first line)
    record_title = rt.strip() if isinstance(rt, str) and rt.strip() else None
    doc.blocks, doc.is_article = classify_document(doc.blocks, doc.source.uri, record_title=record_title)


@stage("assemble", requires=("kinds",), provides=("text", "structure"))
def assemble(doc: Document) -> None:
    """Fix ``text`` from the kept blocks and fill title, sections, byline, dateline and published."""
    parts: list[str] = []
    omap = OffsetMap()
    pos = 0
    title = dateline = published = None
    sections: list[str] = []
    bylines: list[str] = []
    for b in doc.blocks:
        kind = b.kind
        if kind == "boilerplate":
            b.start = b.end = None
            continue
        if parts:
            omap.add(1, 0, b.raw_start, pos)  # the "\n" between blocks comes from no raw character
            pos += 1
        b.start, b.end = pos, pos + len(b.text)
        if b.srcmap is not None:
            omap.extend(b.srcmap, pos)
        else:
            omap.add(len(b.text), b.raw_end - b.raw_start, b.raw_start, pos)
        parts.append(b.text)
        pos = b.end
        if kind == "title":
            title = title or b.text
        elif kind == "section":
            sections.extend(section_path(b))
        elif kind == "byline":
            bylines.append(b.text)
        elif kind == "dateline":
            dateline = dateline or b.text
        # the first date line (or dateline, or byline) of the page that parses as a Gregorian date
        if published is None and kind in ("date", "dateline", "byline") and _DIGIT.search(b.text):
            published = parse_date(b.text)
    doc.text = "\n".join(parts)
    doc.offsets = omap
    doc.title = title
    doc.sections = sections
    doc.byline = " · ".join(bylines) if bylines else None
    doc.dateline = dateline
    # the page's own date first, else the input's (SaudiNewsNet date_extracted, WARC-Date …)
    anchor_published(doc, doc.published or published)


@stage("signals", requires=("text",), provides=("signals",))
def signals(doc: Document) -> None:
    """Document quality signals: arabic_ratio, boilerplate_ratio, quality and its parts."""
    doc.signals.update(compute_signals(doc))
