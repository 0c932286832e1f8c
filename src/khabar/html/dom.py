"""A fast, offset-exact DOM pass: decoded HTML → candidate text blocks with DOM signals.

Why not a parser library? lexbor (selectolax) and resiliparse build a correct HTML5 tree in about
0.35 ms a page here, but neither exposes where a node came from in the source, and khabar promises
``raw[raw_start:raw_end]`` for every block. Aligning a library's text nodes back to the source costs
a second pass and fails where the tree builder moves text (foster parenting, adoption agency). This
module instead tokenises the source with one regex scan (tags, comments, raw-text elements) and keeps
a tolerant stack of open elements, so every text run is known by its exact source offsets; it is as
fast as parsing with lexbor plus walking the tree (see ``benchmarks/htmlpages.py``).

A *block* is a maximal run of inline text between block boundaries: the start or end of a
block-level element (``p``, ``div``, ``li``, ``h1``–``h6``, ``tr``, ``blockquote``, ``figcaption``,
custom elements …) or a ``<br>``. Table cells only separate words, so a table row is one block.
Each block keeps:

* its repaired text (entities, whitespace, presentation forms… by :func:`khabar.clean.repair.repair`)
  and an offset map into the decoded HTML, so ``raw[raw_start:raw_end]`` spans exactly its source
  (from the first character of its first text run to the last character of its last run);
* DOM signals: the innermost block element's tag, the heading level, the share of its characters
  inside links, and the *role* that its nearest decisive ancestor's ``class``/``id``/``role``/
  ``aria-label``/tag name gives it (``nav``, ``footer``, ``comment``, ``share`` … or ``content``).

Elements whose content is never visible text are skipped whole (``script``, ``style``, ``template``,
``svg``, ``noscript``, ``select``, ``button``…), as is anything marked ``hidden``/``aria-hidden``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.clean.repair import repair
from khabar.html.elements import (
    _GAP_START,
    _NO_ATTRS,
    _NO_PLAIN,
    _NOT_SAVED,
    _ROOT_CTX,
    _TAG,
    _WS_TAG,
    _attr_cache,
    _attrs,
    _attrs_cached,
    _cached_role,
    _context,
    _El,
    _new_el,
    role_hint,
    unescape_attr,
)
from khabar.html.roles import (
    TAG_ROLE,
)
from khabar.html.scan import (
    _ANY_TAG,
    _FOLD_DROP,
    _FOLD_DROP_AT,
    _FOLD_ROLES,
    _FOLD_SHARE,
    _FOLD_TAGS,
    _HEAD_TAG,
    _LDJSON,
    _after_end,
    _cell_between,
    _find_end,
    _match_end,
    _pure_chrome,
    _word_boundary,
    has_blocker,
    lower_copy,
    skip_nested,
)
from khabar.html.tags import (
    CELL,
    CLOSES_P,
    IMPLIED_BY,
    INLINE,
    NO_BREAK,
    RAW_SKIP,
    RAW_TEXT,
    SCOPE,
    VOID,
)
from khabar.offsets import OffsetMap


@dataclass(slots=True)
class DomBlock:
    """One candidate block of an HTML page, before classification."""

    text: str
    raw_start: int
    raw_end: int
    srcmap: OffsetMap
    tag: str  #: innermost block-level element (``p``, ``h2``, ``li``, ``div``, ``tr`` …)
    heading: int  #: 1–6 inside ``h1``–``h6``, else 0
    link_chars: int  #: characters inside ``<a>``
    role: str | None  #: the nearest decisive ancestor's role (chrome role, ``content`` or None)
    roles: tuple[tuple[int, str], ...]  #: (element id, role) up the ancestor chain, innermost first
    path: tuple[int, ...]  #: ids of the open elements, outermost first (for container scoring)
    in_content: bool  #: some ancestor is marked as the article (``article``, ``main``, ``entry-content``…)
    glue: tuple[int, ...] = field(default=())
    #: where each text run after the first starts in ``text`` (inline elements' boundaries)
    run_starts: tuple[int, ...] = field(default=())

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


@dataclass(slots=True)
class HeadInfo:
    """What the page says about itself outside the visible text: ``<title>``, ``<meta>``, JSON-LD."""

    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    jsonld: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    #: ``<time datetime>`` values and microdata/RDFa date attributes, in page order
    times: list[str] = field(default_factory=list)
    lang: str | None = None


@dataclass(slots=True)
class ParsedPage:
    blocks: list[DomBlock]
    head: HeadInfo
    #: ids of the elements that hold a form field (input, textarea, select): search boxes,
    #: newsletter sign-ups, comment forms
    form_uids: frozenset[int] = frozenset()


class _Builder:
    """The tolerant tree walk: a stack of open elements and the block being filled."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.stack: list[_El] = []
        self.blocks: list[DomBlock] = []
        self.runs: list[tuple[int, int, bool]] = []  # (start, end, in_link) of the current block
        self.link_depth = 0
        self.hidden_depth = 0  # > 0 inside a hidden element: text is skipped
        self.uid = 0
        self.head = HeadInfo()
        self.in_head = False
        self.form_uids: set[int] = set()
        self.plain: dict[str, int] = {}
        #: the page lower-cased (:func:`lower_copy`), made when a fold first needs it
        self.low: bytes | None = None
        self.low_made = False

    # -- blocks ------------------------------------------------------------------------------------
    def flush(self) -> None:
        runs = self.runs
        if not runs:
            return
        self.runs = []
        raw = self.raw
        if len(runs) == 1 or (len(runs) == 2 and runs[1][0] < 0):
            # the common case: one text run (a paragraph, a menu item): its repair is the block
            s, e, in_link = runs[0]
            rep = repair(raw, s, e)
            t = rep.text
            if t and not t[0].isspace() and not t[-1].isspace():
                ctx = self.stack[-1].ctx if self.stack else _ROOT_CTX
                rs, re_ = rep.offsets.span_to_src(0, len(t))
                self.blocks.append(
                    DomBlock(
                        t,
                        rs,
                        re_,
                        rep.offsets,
                        ctx.tag,
                        ctx.heading,
                        len(t) if in_link else 0,
                        ctx.role,
                        ctx.roles,
                        ctx.path,
                        ctx.in_content,
                        tuple(rep.glue_points),
                        (),
                    )
                )
                return
        parts: list[str] = []
        omap = OffsetMap()
        glue: list[int] = []
        pos = 0
        link_chars = 0
        prev_end = -1
        space = False  # whitespace seen since the last run that held text
        starts: list[int] = []  # where each run after the first starts in the text
        prev_link = False
        for s, e, in_link in runs:
            if s < 0:
                space = True
                continue
            rep = repair(raw, s, e)
            t = rep.text
            if not t or t.isspace():
                space = True
                continue
            st = t.strip()
            if len(st) != len(t):
                a = len(t) - len(t.lstrip())
                sub = rep.offsets.slice(a, a + len(st))
                gl = [g - a for g in rep.glue_points if a < g < a + len(st)]
            else:
                a = 0
                sub, gl = rep.offsets, rep.glue_points
            lead = a or sub.to_src_start(0) > s
            if parts and (
                space
                or lead
                or _cell_between(raw, prev_end, s)
                or _word_boundary(parts[-1][-1], st[0], in_link or prev_link)
            ):
                omap.add(1, 0, s, pos)  # the space between two runs maps to no character
                parts.append(" ")
                pos += 1
            if parts:
                starts.append(pos)
            omap.extend(sub, pos)
            glue.extend(g + pos for g in gl)
            parts.append(st)
            if in_link:
                link_chars += len(st)
            pos += len(st)
            prev_end = e
            prev_link = in_link
            space = len(st) + a < len(t) or sub.to_src_end(len(st)) < e
        if not parts:
            return
        text = "".join(parts)
        ctx = self.stack[-1].ctx if self.stack else _ROOT_CTX
        rs, re_ = omap.span_to_src(0, len(text))
        self.blocks.append(
            DomBlock(
                text,
                rs,
                re_,
                omap,
                ctx.tag,
                ctx.heading,
                link_chars,
                ctx.role,
                ctx.roles,
                ctx.path,
                ctx.in_content,
                tuple(glue),
                tuple(starts),
            )
        )

    # -- elements ------------------------------------------------------------------------------------
    def open(self, tag: str, at: dict[str, str], role: str | None) -> None:
        stack = self.stack
        implied = IMPLIED_BY.get(tag)
        if implied is not None:
            for i in range(len(stack) - 1, -1, -1):
                t = stack[i].tag
                if t in implied:
                    self.close_to(i)
                    break
                if t in SCOPE:
                    break
        if tag in CLOSES_P:
            for i in range(len(stack) - 1, -1, -1):
                t = stack[i].tag
                if t == "p":
                    self.close_to(i)
                    break
                if t not in INLINE:
                    break
        # a table cell only separates words, unless its class names a role (a breadcrumb or byline
        # cell of a table layout): then it is a block of its own
        if self.runs and (tag not in NO_BREAK or (role is not None and tag in CELL)):
            self.flush()
        if tag == "a":
            if self.link_depth:  # links do not nest: a new <a> ends the open one
                self.end_link()
            self.link_depth += 1
        if role == "hidden":
            self.hidden_depth += 1
        self.uid += 1
        uid = self.uid
        parent = stack[-1].ctx if stack else _ROOT_CTX
        if tag in NO_BREAK:
            saved = _NOT_SAVED
        else:  # (no copy of an empty count: the shared empty one is only ever read)
            saved = (self.link_depth, dict(self.plain) if self.plain else _NO_PLAIN)
        stack.append(_new_el(_El, (tag, role, uid, _context(parent, tag, role, uid), saved)))
        if tag == "time" and "datetime" in at:
            self.head.times.append(at["datetime"])

    def close_to(self, i: int) -> None:
        """Pop the stack down to (and including) index ``i``."""
        stack = self.stack
        while len(stack) > i:
            el = stack[-1]
            if self.runs and (el.tag not in NO_BREAK or (el.role is not None and el.tag in CELL)):
                self.flush()
            stack.pop()
            if el.tag == "a":
                self.link_depth -= 1
            if el.role == "hidden":
                self.hidden_depth -= 1
            saved = el.saved
            if saved is not _NOT_SAVED:
                self.link_depth = saved[0]
                plain = self.plain
                if plain:
                    plain.clear()
                if saved[1]:
                    plain.update(saved[1])

    def close(self, tag: str) -> None:
        stack = self.stack
        for i in range(len(stack) - 1, max(-1, len(stack) - 40), -1):
            if stack[i].tag == tag:
                self.close_to(i)
                return
            if tag in ("li", "td", "th", "tr", "p", "dd", "dt") and stack[i].tag in SCOPE:
                break
        if tag == "p" or tag not in INLINE:  # a stray </p> is an empty paragraph: still a block boundary
            self.flush()

    # -- the scan --------------------------------------------------------------------------------------
    def scan_head(self) -> int:
        """Read ``<head>`` with a narrow scan (meta, link, title, JSON-LD, html lang) and return where
        ``<body>`` starts, or 0 when there is no ``<body>`` tag (a fragment: the full scan reads it all)."""
        raw = self.raw
        pos = 0
        search = _HEAD_TAG.search
        while True:
            m = search(raw, pos)
            if m is None:
                return 0
            comment, name, attr_s = m.groups()
            pos = m.end()
            if comment:
                end = raw.find("-->", pos)
                pos = len(raw) if end < 0 else end + 3
                continue
            tag = name.lower()
            if tag == "body":
                return m.start()
            if tag == "meta":
                if attr_s:
                    self.meta(_attrs(attr_s))
            elif tag == "link":
                at = _attrs(attr_s)
                rel = at.get("rel", "").lower()
                if rel and "href" in at and rel not in self.head.links:
                    self.head.links[rel] = unescape_attr(at["href"])
            elif tag == "html":
                lang = _attrs(attr_s).get("lang") if attr_s else None
                if lang:
                    self.head.lang = lang
            else:  # title, script, style, noscript, template: raw text up to the end tag
                pos = self.skip(tag, _attrs(attr_s) if attr_s else _NO_ATTRS, pos, attr_s)

    def run(self) -> None:
        raw = self.raw
        n = len(raw)
        pos = self.scan_head()
        search = _TAG.search
        head = self.head
        inline = INLINE
        plain = self.plain  # open inline elements that were not pushed, by tag
        ws_match = _WS_TAG.match
        gap_start = _GAP_START
        while pos < n:
            # the common case: only whitespace (or nothing) before the next tag, in one match (tried
            # only where the gap starts with whitespace or is empty: text cannot match it)
            c = raw[pos]
            m = ws_match(raw, pos) if c in gap_start else None
            if m is not None:
                if c != "<" and self.runs and not self.hidden_depth:
                    self.runs.append((-1, -1, False))
            else:
                m = search(raw, pos)
                if m is None:
                    self.text(pos, n)
                    break
                # whitespace then a tag did not match at pos, so the gap holds a character other
                # than whitespace: it is text
                if not self.hidden_depth and not self.in_head:
                    self.runs.append((pos, m.start(), self.link_depth > 0))
            pos = m.end()
            end, name, attr_s = m.groups()
            if name is None:
                continue  # comment, doctype, processing instruction
            tag = name.lower()
            if end:  # end tag
                if tag in inline:
                    if plain.get(tag):
                        plain[tag] -= 1
                        if tag == "a" and self.link_depth:
                            self.link_depth -= 1
                        continue
                    self.close(tag)
                elif tag == "br":  # </br> is a <br>
                    self.flush()
                elif tag == "head":
                    self.in_head = False
                else:
                    self.close(tag)
                continue
            if tag in inline and tag not in VOID:
                # the common inline elements (a, span, b, font …) are not pushed unless their
                # attributes may hide text or name a role: a counter is enough to close them
                push = False
                if len(attr_s) >= 3 and role_hint(attr_s):
                    at = _attr_cache.get(attr_s) or _attrs_cached(attr_s)
                    push = "datetime" in at or "itemprop" in at or "property" in at
                    if not push:
                        push = _cached_role(tag, attr_s, at) is not None
                if not push or attr_s.endswith("/"):
                    if attr_s.endswith("/"):
                        continue
                    if tag == "a":
                        if self.link_depth:  # links do not nest: a new <a> ends the open one
                            self.end_link()
                        self.link_depth += 1
                    plain[tag] = plain.get(tag, 0) + 1
                    continue
            elif tag in VOID:
                if tag == "br" or tag == "hr":
                    self.flush()
                elif tag == "input":
                    if "hidden" not in attr_s.lower():
                        self.form_field()
                elif tag == "meta" and attr_s:
                    self.meta(_attrs(attr_s))
                elif tag == "link" and attr_s:
                    at = _attrs(attr_s)
                    rel = at.get("rel", "").lower()
                    if rel and "href" in at and rel not in head.links:
                        head.links[rel] = unescape_attr(at["href"])
                continue
            if tag in RAW_SKIP:
                at = _attrs(attr_s) if attr_s else {}
                pos = self.skip(tag, at, pos, attr_s)
                continue
            if tag == "head":
                self.in_head = True
                continue
            if tag in ("html", "body"):
                if tag == "html" and attr_s:
                    lang = _attrs(attr_s).get("lang")
                    if lang:
                        head.lang = lang
                if tag == "body":
                    self.in_head = False
                continue
            if attr_s.endswith("/"):
                if self.runs:
                    self.flush()  # <div/>: an empty element (XHTML)
                continue
            if len(attr_s) < 3:
                at = _NO_ATTRS
                role = TAG_ROLE.get(tag)
            else:
                at = _attr_cache.get(attr_s) or _attrs_cached(attr_s)
                if "datetime" in at or "itemprop" in at or "property" in at:
                    self.date_attr(at)
                role = _cached_role(tag, attr_s, at)
            if (role in _FOLD_ROLES and at is not _NO_ATTRS) or tag in _FOLD_TAGS:
                end = self.fold(tag, role, at, attr_s, pos)
                if end:
                    pos = end
                    continue
            self.open(tag, at, role)
        self.flush()

    def fold(self, tag: str, role: str | None, at: dict[str, str], attr_s: str, pos: int) -> int:
        """Take a chrome element (a menu, a footer, a comments section …) whole, as one removed
        block, instead of walking it; returns where scanning goes on, or 0 when it may not be folded.

        Only elements whose own names are chrome and nothing else are folded, and only when they are
        small beside the page and hold no ``h1``/``article``/``main`` (so a misnamed wrapper of the
        article is walked as usual, and the DOM rules decide)."""
        if role is None or (at and not _pure_chrome(attr_s)):
            return 0
        raw = self.raw
        if not self.low_made:
            self.low, self.low_made = lower_copy(raw), True
        low = self.low
        # an end past the share's limit is not looked for: such an element is not folded anyway
        end = _match_end(raw, tag, pos, pos + int(_FOLD_SHARE * len(raw)), low)
        if end < 0:
            return 0
        if end - pos > _FOLD_SHARE * len(raw) or has_blocker(raw, low, pos, end):
            return 0
        after = _after_end(raw, end)
        if self.runs:
            self.flush()
        if low is None or low.find(b"ld+json", pos, end) >= 0:
            for m in _LDJSON.finditer(raw, pos, end):
                self.head.jsonld.append(m.group(1))
        if role == "hidden":
            return after
        inner = raw[pos:end]
        if low is None or _FOLD_DROP_AT.search(low, pos, end) is not None:
            inner = _FOLD_DROP.sub(" ", inner)
        text = " ".join(unescape_attr(_ANY_TAG.sub(" ", inner)).split())
        if not text:
            return after
        self.uid += 1
        parent = self.stack[-1].ctx if self.stack else _ROOT_CTX
        ctx = _context(parent, tag, role, self.uid)
        omap = OffsetMap()
        omap.add(len(text), end - pos, pos)  # one atomic segment: the text maps to the whole element
        self.blocks.append(
            DomBlock(
                text, pos, end, omap, ctx.tag, ctx.heading, 0, ctx.role, ctx.roles, ctx.path, ctx.in_content
            )
        )
        return after

    def end_link(self) -> None:
        """End the open ``<a>`` (pushed or counted): links do not nest."""
        if self.plain.get("a"):
            self.plain["a"] -= 1
            self.link_depth -= 1
            return
        stack = self.stack
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].tag == "a":
                if stack[i].role == "hidden":
                    self.hidden_depth -= 1
                del stack[i]
                self.link_depth -= 1
                return

    def space(self) -> None:
        """Whitespace between tags: it separates the words of the runs around it."""
        if self.runs and not self.hidden_depth:
            self.runs.append((-1, -1, False))

    def text(self, s: int, e: int) -> None:
        if self.hidden_depth or self.in_head:
            return
        self.runs.append((s, e, self.link_depth > 0))

    def form_field(self) -> None:
        """A form field: every open element holds one."""
        for el in self.stack:
            self.form_uids.add(el.uid)

    def skip(self, tag: str, at: dict[str, str], pos: int, attr_s: str) -> int:
        """Skip a raw-text or invisible element; returns where scanning goes on."""
        raw = self.raw
        if tag in ("textarea", "select"):
            self.form_field()
        if tag == "script":
            typ = at.get("type", "").lower()
            end = _find_end(raw, "script", pos)
            if "ld+json" in typ:
                self.head.jsonld.append(raw[pos:end])
            return _after_end(raw, end)
        if tag == "title":
            end = _find_end(raw, "title", pos)
            if self.head.title is None:
                self.head.title = raw[pos:end]
            return _after_end(raw, end)
        if tag == "head":
            return pos
        if attr_s.endswith("/"):
            return pos
        if tag in RAW_TEXT:
            return _after_end(raw, _find_end(raw, tag, pos))
        return skip_nested(raw, tag, pos)  # elements that can nest (svg, select, button, amp-ad …)

    def meta(self, at: dict[str, str]) -> None:
        key = (
            at.get("property") or at.get("name") or at.get("itemprop") or at.get("http-equiv") or ""
        ).lower()
        if key and "content" in at and key not in self.head.meta:
            self.head.meta[key] = unescape_attr(at["content"])
        elif "charset" in at and "charset" not in self.head.meta:
            self.head.meta["charset"] = at["charset"]

    def date_attr(self, at: dict[str, str]) -> None:
        if "datetime" in at:
            return  # <time> and <ins>/<del>: recorded when opened
        prop = (at.get("itemprop") or at.get("property") or "").lower()
        if "date" in prop and ("published" in prop or "created" in prop or prop in ("dc:date", "date")):
            v = at.get("content") or at.get("title")
            if v:
                self.head.times.append(v)


def parse_html(raw: str) -> ParsedPage:
    """Candidate blocks and head information of a decoded HTML page."""
    b = _Builder(raw)
    b.run()
    return ParsedPage(b.blocks, b.head, frozenset(b.form_uids))
