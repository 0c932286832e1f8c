"""The core stages, registered by name: segment → classify → assemble → signals."""

from __future__ import annotations

import re

from khabar.clean.bylines import agency_dateline, own_outlet_names, split_stamp, writer_name
from khabar.clean.classify import classify_document
from khabar.clean.segment import segment_raw
from khabar.clean.signals import compute_signals
from khabar.clean.structure import section_path
from khabar.io.input_date import anchor_published
from khabar.model import Document
from khabar.offsets import OffsetMap

_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")  # a date line has a day or a year


def segment(doc: Document) -> None:
    """Split the raw input into repaired line blocks, cutting glued chrome off."""
    doc.blocks = segment_raw(doc.raw)


def classify(doc: Document) -> None:
    """Label every block (title, heading, paragraph, boilerplate …) and decide is_article."""
    rt = doc.meta.get("title")
    # a title the input record gives (SaudiNewsNet's `title` field, composed as the dump's first line)
    record_title = rt.strip() if isinstance(rt, str) and rt.strip() else None
    # the chain decoder learned text dumps' block sequences; an HTML page's chrome is the DOM rules' call
    chain = "html" not in doc.meta
    doc.blocks, doc.is_article = classify_document(
        doc.blocks, doc.source.uri, record_title=record_title, chain=chain
    )


def assemble(doc: Document) -> None:
    """Fix ``text`` from the kept blocks and fill title, sections, byline, dateline and published."""
    parts: list[str] = []
    omap = OffsetMap()
    pos = 0
    title = dateline = published = modified = first_para = None
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
            dl = agency_dateline(b.text)
            if dl is not None and not b.text[dl.end :].strip(" :-–—"):
                # the whole line is an agency dateline ("جدة - واس:"): the place and the agency (the
                # outlet's own name is no place: "الجزيرة - واس" on Al Jazirah's pages)
                if dl.place not in own_outlet_names(doc.source.site):
                    dateline = dateline or dl.place
                name: str | None = dl.agency
            else:
                name = writer_name(b.text)
            if name and name not in bylines:
                bylines.append(name)
        elif kind == "dateline":
            dateline = dateline or b.text
        # the first date line (or dateline, or byline) of the page that parses as a Gregorian date;
        # a last-update stamp ("آخر تحديث …") is the modified date, never the publication
        if kind in ("date", "dateline", "byline") and _DIGIT.search(b.text):
            stamp = split_stamp(b.text)
            published = published or stamp.published
            modified = modified or stamp.modified
        elif first_para is None and kind == "paragraph":
            first_para = b.text
    doc.text = "\n".join(parts)
    doc.offsets = omap
    doc.title = title
    doc.sections = sections
    if dateline is None and first_para is not None:
        # agency copy opens its first paragraph with the place and the agency: "الرياض (واس) - …"
        dl = agency_dateline(first_para)
        if dl is not None:
            if dl.place not in own_outlet_names(doc.source.site):
                dateline = dl.place
            bylines = bylines or [dl.agency]
    doc.byline = " · ".join(bylines) if bylines else None
    doc.dateline = dateline
    doc.modified = modified if modified != (doc.published or published) else None
    # the page's own date first, else the input's (SaudiNewsNet date_extracted, WARC-Date …)
    anchor_published(doc, doc.published or published)


def signals(doc: Document) -> None:
    """Document quality signals: arabic_ratio, boilerplate_ratio, quality and its parts; and the
    language (``doc.lang``, with ``signals.lang_confidence`` and ``signals.latin_share``: Arabic,
    Persian, Urdu or another language, :mod:`khabar.clean.lang`)."""
    from khabar.clean.lang import identify

    doc.signals.update(compute_signals(doc))
    found = identify(doc.text)
    doc.lang = found.lang
    doc.signals["lang_confidence"] = found.confidence
    doc.signals["latin_share"] = found.latin_share
