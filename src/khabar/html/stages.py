"""The HTML path's stages: ``segment_html`` → classify → ``refine_html`` → assemble → ``meta_html``.

* ``segment_html`` parses the page (:func:`khabar.html.dom.parse_html`), turns its text runs into
  candidate blocks and removes what the DOM alone shows to be chrome, with ``dom:<why>`` reasons
  (:mod:`khabar.html.rules`); the head's metadata candidates go to ``doc.meta["html"]``.
* the text path's own ``classify`` stage (the trained Arabic line classifier) labels the rest;
* ``refine_html`` applies what the DOM knows about kinds: headings ``h2``–``h6`` inside the article
  are headings, the ``h1`` that matches the page's declared title is the title;
* the text path's ``assemble`` fixes ``text``; ``meta_html`` reconciles the title, published date,
  byline, sections, canonical URL and site from the head and the classified blocks.
"""

from __future__ import annotations

from khabar.html.meta import apply_metadata, head_candidates
from khabar.html.rules import HtmlBlock, dom_blocks, refine_kinds
from khabar.model import Document
from khabar.pipeline import recipes

#: the stages ``khabar.api.process_text`` runs for ``Source.format`` "html" and "warc" (chosen in
#: :mod:`khabar.pipeline.recipes`; re-exported here, its home before)
HTML_STAGES = recipes.HTML_STAGES


def segment_html(doc: Document) -> None:
    """Split decoded HTML into candidate blocks with raw offsets; remove DOM-evident chrome."""
    from khabar.html.dom import parse_html

    page = parse_html(doc.raw)
    doc.meta["html"] = head_candidates(page.head, doc.source.uri)
    if doc.source.uri is None and doc.meta["html"].get("canonical"):
        doc.source.uri = doc.meta["html"]["canonical"]
    doc.blocks = list(dom_blocks(page, doc.meta["html"]))


def refine_html(doc: Document) -> None:
    """Headings and the title from the DOM, after the classifier; kinds the DOM makes certain."""
    refine_kinds(doc.blocks, doc.meta.get("html", {}))


def meta_html(doc: Document) -> None:
    """Title, published date, byline, sections, canonical URL and site from head and blocks."""
    apply_metadata(doc)


__all__ = ["HTML_STAGES", "HtmlBlock"]
