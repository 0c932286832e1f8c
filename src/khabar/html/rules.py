"""DOM rules: from :class:`~khabar.html.dom.DomBlock` candidates to :class:`~khabar.model.Block`\\ s.

What the DOM makes evident is decided here, with a ``dom:<why>`` reason; everything else is left to
the trained Arabic line classifier, exactly as on the text path. The rules are generic, not tuned to
any site's class names:

1. **The article container.** Paragraph-like blocks (a dozen words or more, few of them in links, no
   chrome role) vote with their length for every element that encloses them; the container is the
   deepest element holding at least 60 % of those votes, widened to its parent while the parent's
   other children hold a sizeable share (an article split by an in-body ad or a "read also" box).
   Blocks outside it are ``dom:outside_article`` (the page's ``h1`` is kept as a title candidate, and
   bylines, dates and breadcrumbs are kept for the metadata).
2. **Roles.** A block whose nearest ancestor with a role-naming ``class``/``id``/``role``/tag (in
   Latin or Arabic: nav, menu, footer, sidebar, widget, related, share, comment, ad, tags, cookie,
   newsletter …) names a chrome role is removed with that role as reason (``dom:nav``, ``dom:comment``
   …). A role on an element that *encloses the article container* is ignored: it is a page-level class
   (``one-sidebar``, ``with-comments``), not a statement about this block.
3. **Link density.** A block with half or more of its characters inside links is ``dom:link_density``.

Breadcrumbs become ``section`` blocks and short author/date blocks ``byline``/``date`` blocks: they are
kept (the text path keeps them too) but are shielded from the classifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from khabar.arabic.dates import find_dates
from khabar.clean.bylines import has_writer_cue
from khabar.html.dom import DomBlock, ParsedPage
from khabar.html.meta import _key, site_name_keys, title_agreement
from khabar.model import Block

#: roles that make a block chrome (``meta`` and ``breadcrumb`` are kept with their own kinds)
CHROME_ROLES = frozenset(
    {"nav", "footer", "sidebar", "related", "share", "comment", "ad", "tags", "widget", "hidden", "header"}
)
#: a box with a form field and at most this much text is a form (its text: labels, invitations)
FORM_BOX_CHARS = 400
_SENT_PUNCT = re.compile(r"[.!?؟،,;؛:]")
_ARABIC = re.compile(r"[\u0621-\u064a]")


@dataclass(slots=True)
class HtmlBlock(Block):
    """A :class:`Block` from an HTML element, with the DOM signals that the refine stage uses."""

    tag: str = "p"
    heading: int = 0
    link_density: float = 0.0
    role: str | None = None
    inside: bool = True  #: inside the article container
    para: bool = False  #: looks like a body paragraph: enough words, few in links, no chrome role


def _words(s: str) -> int:
    return s.count(" ") + 1 if s else 0


def _paragraph_like(b: DomBlock) -> bool:
    w = _words(b.text)
    if b.text.endswith(("...", "…", "..", "»»")):
        return False  # a teaser cut short ("… وكان..."): the start of another article, not this one
    return b.link_density < 0.3 and (w >= 25 or (w >= 10 and _SENT_PUNCT.search(b.text) is not None))


def find_container(blocks: list[DomBlock]) -> tuple[int, ...]:
    """The path (element ids, outermost first) of the article container; ``()`` if none stands out."""
    paragraphs = [b for b in blocks if _paragraph_like(b)]
    # roles on page-level wrappers ("layout-sidebar-right", "with-comments") say nothing about the
    # paragraphs inside: a wrapper that holds most of the page's paragraph text and its h1 is one
    share: dict[int, int] = {}
    for b in paragraphs:
        for uid in b.path:
            share[uid] = share.get(uid, 0) + len(b.text)
    all_text = sum(len(b.text) for b in paragraphs)
    h1 = {uid for b in blocks if b.heading == 1 for uid in b.path}
    page_level = {u for u, n in share.items() if n >= 0.6 * all_text and (u in h1 or not h1)}
    score: dict[int, int] = {}
    count: dict[int, int] = {}
    parent: dict[int, int] = {}
    total = paras = 0
    for b in paragraphs:
        if _effective_role(b, page_level, b.roles) in CHROME_ROLES:
            continue
        n = len(b.text)
        total += n
        paras += 1
        prev = 0
        for uid in b.path:
            score[uid] = score.get(uid, 0) + n
            count[uid] = count.get(uid, 0) + 1
            parent[uid] = prev
            prev = uid
    if not total:
        return ()
    depth: dict[int, tuple[int, ...]] = {}
    for b in blocks:
        for i, uid in enumerate(b.path):
            if uid in score and uid not in depth:
                depth[uid] = b.path[: i + 1]
    need = min(2, paras)  # a container holds two paragraphs (a one-paragraph page: its parent)
    best = max(
        (uid for uid, s in score.items() if s >= 0.6 * total and count[uid] >= need),
        key=lambda u: len(depth[u]),
        default=0,
    )
    if paras == 1 and best:
        best = parent.get(best, 0) or best
    if not best:
        return ()
    # widen to the parent while the parent's other children add a sizeable share of the votes
    while True:
        p = parent.get(best, 0)
        if not p or score[p] - score[best] < 0.15 * total:
            break
        best = p
    return depth[best]


def _effective_role(
    b: DomBlock, ignore: set[int] | frozenset[int], roles: tuple[tuple[int, str], ...]
) -> str | None:
    """The nearest decisive role up the ancestors, skipping page-level elements (``ignore``) and
    ``meta``; an element marked as the article (``content``) decides for what it encloses."""
    for uid, role in roles:
        if uid in ignore or role == "meta":
            continue
        return None if role == "content" else role
    return None


def dom_blocks(page: ParsedPage, head: dict[str, Any]) -> Iterator[Block]:
    """The page's blocks, with DOM-evident chrome removed (kind ``boilerplate`` and a ``dom:`` reason)."""
    blocks = page.blocks
    cpath = find_container(blocks)
    container = frozenset(cpath)
    inner = cpath[-1] if cpath else None
    # the text under each element, to tell a small box with a form field (a search box, a newsletter
    # sign-up, a comment form) from a page-wide <form> (ASP.NET wraps whole pages in one)
    size: dict[int, int] = {}
    if page.form_uids:
        for b in blocks:
            for uid in b.path:
                size[uid] = size.get(uid, 0) + len(b.text)
    # the lines right after the page's h1 that name the writer or the date (a byline row of a
    # table layout, a meta line without telling class names): kept as bylines, not as chrome
    # (the title heading is the one the declared titles confirm, else the first h1: a logo in an h1
    # comes before the article's own h2 on some templates)
    sites = site_name_keys(head, [])
    agree = [(title_agreement(b.text, head, sites), -i) for i, b in enumerate(blocks) if 1 <= b.heading <= 3]
    h1 = -max(agree)[1] if agree and max(agree)[0] > 0 else -1
    if h1 < 0:
        h1 = next((i for i, b in enumerate(blocks) if b.heading == 1), -1)
    # (and the two lines before it: a date row set above the title)
    near_title = set(range(max(0, h1 - 2), h1 + 1 + BYLINE_WINDOW)) - {h1} if h1 >= 0 else set()
    leads = _leads_before(blocks, cpath, h1)
    for i, b in enumerate(blocks):
        inside = inner is None or inner in b.path or i in leads
        in_form = False
        if page.form_uids:
            box = next((u for u in reversed(b.path) if u in page.form_uids), None)
            in_form = box is not None and size.get(box, 0) <= FORM_BOX_CHARS and b.heading != 1
        role = _effective_role(b, container, b.roles)
        is_meta = "meta" in [r for uid, r in b.roles if uid not in container][:1]
        hb = HtmlBlock(
            "paragraph",
            b.text,
            b.raw_start,
            b.raw_end,
            tag=b.tag,
            heading=b.heading,
            link_density=b.link_density,
            role=role,
            inside=inside,
            para=inside and role is None and (_paragraph_like(b) or i in leads),
        )
        hb.srcmap = b.srcmap
        hb.glue = b.glue
        if role == "breadcrumb":
            hb.kind, hb.reason = "section", "dom:breadcrumb"
            hb.glue = tuple(sorted({*b.glue, *b.run_starts}))  # each link or span is a level
        elif role in CHROME_ROLES or (in_form and role != "meta"):
            role = role if role in CHROME_ROLES else "form"
            hb.kind, hb.reason = "boilerplate", f"dom:{role}"
        elif b.heading == 0 and (
            (is_meta and _words(b.text) <= 12)
            or (i in near_title and _words(b.text) <= 20 and b.link_density < 0.5 and _bylineish(b.text))
            # "كتب <a>الاسم</a>": the writer's name is often a link to the writer's page
            or (i in near_title and _words(b.text) <= 8 and has_writer_cue(b.text))
        ):
            hb.kind, hb.reason = "byline", "dom:meta"
        elif b.link_density >= 0.5 and b.heading != 1:
            hb.kind, hb.reason = "boilerplate", "dom:link_density"
        elif not inside and b.heading != 1:
            hb.kind, hb.reason = "boilerplate", "dom:outside_article"
        elif not _ARABIC.search(b.text) and not any(c.isalpha() for c in b.text):
            hb.kind, hb.reason = "boilerplate", "dom:no_words"
        yield hb


_LEAD_END = re.compile(r"[.!؟?]$|،")


def _leads_before(blocks: list[DomBlock], cpath: tuple[int, ...], title: int) -> set[int]:
    """Indexes of the lead paragraphs that sit between the title and the article container, in the
    container's parent: CMSs print the intro in a box of its own before the body ("itemIntroText" then
    "itemFullText"), and a short intro holds too small a share of the text to widen the container.

    A lead is a sentence (six words or more, a comma or a final stop, few links) with no chrome role,
    outside the headline's own box (a standfirst beside the ``h1`` is a summary, as peers score it)."""
    if len(cpath) < 2 or title < 0:
        return set()
    inner, parent = cpath[-1], cpath[-2]
    first = next((i for i, b in enumerate(blocks) if inner in b.path), -1)
    title_box = blocks[title].path[:-1]
    out: set[int] = set()
    for i in range(first - 1, title, -1):
        b = blocks[i]
        if parent not in b.path or b.heading:
            break
        if b.path[: len(title_box)] == title_box:
            break  # a standfirst printed in the headline's own box is its summary, not the body's lead
        if any(r != "meta" for _, r in b.roles if _ not in cpath):
            continue  # a share bar, an ad slot, a byline row: not the lead, but no end of the search
        if _words(b.text) >= 6 and b.link_density < 0.3 and _LEAD_END.search(b.text):
            out.add(i)
    return out


#: how many blocks after the h1 may be its byline or date line
BYLINE_WINDOW = 4
_BYLINE_CUE = re.compile(r"^(?:كتب|كتبت|بقلم|حوار|تقرير|إعداد|اعداد|ترجمة|تحرير|by|par)\b\s*[:\-–]?", re.I)


def _bylineish(text: str) -> bool:
    """A short line that names a writer ("كتب: …", "بقلم …", "By …") or holds a date."""
    return bool(_BYLINE_CUE.match(text)) or bool(find_dates(text))


#: the page's own furniture, where a site repeats its name (a footer's "© اسم الموقع", a logo in the header)
_FURNITURE = ("dom:nav", "dom:footer", "dom:header", "dom:widget")
_TITLE_CHROME = ("dom:nav", "dom:footer", "dom:sidebar", "dom:related", "dom:widget", "dom:hidden", "dom:ad")


def _furniture(blocks: list[HtmlBlock]) -> list[str]:
    return [b.text for b in blocks if b.reason in _FURNITURE or "©" in b.text or "الحقوق" in b.text]


#: a breadcrumb level is a section name; this many words or more make a level a headline
HEADLINE_LEVEL_WORDS = 5


def _headline_levels(text: str) -> bool:
    """Whether a section line holds two or more headline-length parts, or is one headline itself."""
    from khabar.clean.structure import _CRUMB_SEP

    levels = [p for p in _CRUMB_SEP.split(text) if p.strip()]
    long = sum(_words(p.strip()) >= HEADLINE_LEVEL_WORDS for p in levels)
    return long >= 2 or (len(levels) == 1 and long == 1)


def _choose_title(blocks: list[HtmlBlock], head: dict[str, Any], sites: set[str]) -> HtmlBlock | None:
    r"""The title block, by agreement rather than by position.

    Candidates are the page's ``h1``, ``h2`` and ``h3`` headings outside chrome; each is scored by how many
    declared titles confirm it (:func:`khabar.html.meta.title_agreement`: JSON-LD headline, og:title,
    twitter:title, ``<title>``), and the best confirmed one wins (an ``h1`` before an ``h2`` on a tie,
    then the earlier). The site's name, learnt from the page (:func:`khabar.html.meta.site_name_keys`),
    is never the title: a logo in an ``h1`` on every page of a template is not its article's title.
    With no confirmed candidate, the line model's title, then the first ``h1`` inside the article."""
    best: tuple[int, int, int] | None = None
    chosen: HtmlBlock | None = None
    for i, b in enumerate(blocks):
        if not 1 <= b.heading <= 3 or b.reason in _TITLE_CHROME:
            continue
        n = title_agreement(b.text, head, sites)
        if n and (best is None or (n, b.heading == 1, -i) > best):
            best, chosen = (n, b.heading == 1, -i), b
    if chosen is not None:
        return chosen
    for b in blocks:
        if b.kind == "title" and _key(b.text) not in sites:
            return b
    inside = [b for b in blocks if b.heading == 1 and b.inside and b.kind != "boilerplate"]
    inside = [b for b in inside if b.reason not in _TITLE_CHROME and _key(b.text) not in sites]
    return inside[0] if inside else None


#: a heading tag holding this many words or more, with a comma or a full stop inside, is a paragraph
#: styled as a heading (subheadings of Arabic news run 2–15 words; a lead runs 25–60)
LEAD_IN_HEADING_WORDS = 25


def _is_lead_sentence(text: str) -> bool:
    return _words(text) >= LEAD_IN_HEADING_WORDS and bool(re.search(r"[،,.؛]\s", text))


def _is_sentence(text: str) -> bool:
    """A body sentence, not a byline or date line: 25 words or more, or a short sentence ending in a
    full stop with no date and no writer cue (a one-line lead, "أقر البرلمان أمس الموازنة.")."""
    if _words(text) >= 25:
        return True
    return (
        _words(text) >= 6
        and text.rstrip().endswith((".", "!", "؟"))
        and not find_dates(text)
        and not has_writer_cue(text)
    )


def refine_kinds(blocks: list[Block], head: dict[str, Any]) -> None:
    """After the classifier: the title, DOM headings, captions and quotes, and the shields taken off."""
    hblocks = [b for b in blocks if isinstance(b, HtmlBlock)]
    sites = site_name_keys(head, _furniture(hblocks))
    title = _choose_title(hblocks, head, sites)
    tkey = _key(title.text) if title is not None else None
    # where the article's kept paragraphs end: the line model's removals after it are its tail
    # (comment policies, "follow us" lines), which it is good at; removals before it are doubts
    last_kept = max((i for i, b in enumerate(hblocks) if b.kind == "paragraph" and b.para), default=-1)
    for i, b in enumerate(hblocks):
        if b is title:
            b.kind, b.reason = "title", None
            continue
        if b.heading and not b.inside and _key(b.text) in sites:
            b.kind, b.reason = "boilerplate", "dom:site_name"  # the logo: "اسم الموقع" in an h1
            continue
        if b.kind == "section" and not b.inside and _headline_levels(b.text):
            # a ticker or a list of headlines ("عاجل » … » …") read as a breadcrumb: its "levels"
            # are sentences, where a breadcrumb's are section names of one to four words
            b.kind, b.reason = "boilerplate", "dom:headline_list"
            continue
        if b.reason is not None and b.reason.startswith("dom:") and b.kind != "boilerplate":
            b.reason = None  # a shield from the classifier, not a removal
            continue
        if b.kind == "boilerplate":
            doubt = b.reason is not None and b.reason.startswith(("feature:", "model:"))
            if doubt and 2 <= b.heading <= 6 and b.inside and b.role is None and b.link_density < 0.5:
                # a subheading of the article: the DOM says so (or its lead, set in a heading tag)
                b.kind, b.reason = ("paragraph" if _is_lead_sentence(b.text) else "heading"), None
                continue
            if doubt and b.para and b.score < 0.8 and (i < last_kept or last_kept < 0):
                # the line model's doubt about a paragraph that the DOM places in the article body,
                # between kept paragraphs or on a page where nothing else was kept (it sees lines, not
                # markup: a two-block page looks to it like a teaser and a tail)
                b.kind, b.reason = "paragraph", None
            continue
        if b.kind in ("byline", "date", "dateline", "section") and b.para and _is_sentence(b.text):
            b.kind = "paragraph"  # a paragraph that opens with its dateline ("دمشق، سوريا (CNN) -- …")
        if title is not None and abs(len(b.text) - len(title.text)) < 8 and _key(b.text) == tkey:
            if b.tag == "figcaption":
                b.kind = "caption"
            else:
                b.kind, b.reason = "boilerplate", "dom:repeated_title"
            continue
        if b.kind == "title":  # the classifier's title, where the DOM found a better one
            b.kind = "heading" if b.heading else "paragraph"
        if 2 <= b.heading <= 6 and b.inside and b.kind in ("paragraph", "heading", "section"):
            # a lead paragraph set in a heading tag (a sentence of LEAD_IN_HEADING_WORDS words or more,
            # styled large) is the article's first paragraph, not a subheading
            b.kind = "paragraph" if _is_lead_sentence(b.text) else "heading"
        elif b.kind == "paragraph":
            if b.tag == "figcaption":
                b.kind = "caption"
            elif b.tag == "blockquote":
                b.kind = "quote"
            elif b.tag == "li":
                b.kind = "list_item"
