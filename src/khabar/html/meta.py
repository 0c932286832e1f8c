"""Page metadata: title, published date, byline, sections, canonical URL and site.

Two sources are reconciled:

* what the page declares for machines (:func:`head_candidates`): JSON-LD (``headline``,
  ``datePublished``, ``author``, ``articleSection``, ``publisher``), Open Graph and ``article:*``
  meta tags, ``<title>``, ``<link rel=canonical>``, ``<time datetime>`` and microdata dates;
* what it shows to readers: the ``h1``, the breadcrumb, byline and date lines (Arabic month names
  and digits are read by :mod:`khabar.arabic.dates`).

The title is the ``h1`` when a declared title agrees with it (declared titles often carry the site
name: "العنوان - اسم الموقع"), else the declared headline with the site name cut off. The published date
is the first declared one that parses, else the first visible date in a date/byline block near the
title. Candidates are kept in ``doc.meta["html"]`` so that a reader can see what was declared.
"""

from __future__ import annotations

import html as _html
import json
import re
import unicodedata
from functools import lru_cache
from typing import Any

from khabar.arabic.dates import find_dates, iso_date
from khabar.clean.bylines import Stamp, has_writer_cue, split_stamp, writer_name
from khabar.html.dom import HeadInfo
from khabar.io.input_date import anchor_published
from khabar.model import Block, Document, site_of

_ARTICLE_TYPES = (
    "newsarticle",
    "article",
    "blogposting",
    "reportagenews",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
    "socialmediaposting",
    "webpage",
    "report",
    "scholarlyarticle",
    "techarticle",
    "review",
)
_DATE_METAS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "published_time",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "release_date",
    "created",
)
_TITLE_SEPS = re.compile(r"\s+(?:[-|–—:»«•·]|::)\s+")
_WS = re.compile(r"\s+")


def _clean(s: str | None) -> str | None:
    if not s:
        return None
    s = _WS.sub(" ", unicodedata.normalize("NFC", _html.unescape(s))).strip()
    return s or None


def _walk_jsonld(obj: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(obj, list):
        for o in obj:
            _walk_jsonld(o, out)
    elif isinstance(obj, dict):
        out.append(obj)
        if "@graph" in obj:
            _walk_jsonld(obj["@graph"], out)


def _types(o: dict[str, Any]) -> list[str]:
    t = o.get("@type", "")
    return [x.lower() for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def _name(v: Any) -> str | None:
    if isinstance(v, str):
        return v
    if isinstance(v, dict):
        n = v.get("name")
        return n if isinstance(n, str) else None
    if isinstance(v, list):
        names = [x for x in (_name(i) for i in v) if x]
        return "، ".join(names) if names else None
    return None


def _jsonld(scripts: list[str]) -> dict[str, str]:
    """headline, datePublished, author, articleSection, publisher from the page's JSON-LD."""
    objs: list[dict[str, Any]] = []
    for s in scripts:
        s = s.strip().removeprefix("<!--").removesuffix("-->").strip()
        try:
            _walk_jsonld(json.loads(s), objs)
        except ValueError:
            try:  # a common breakage: raw newlines inside strings
                _walk_jsonld(json.loads(s.replace("\n", " ").replace("\r", " ")), objs)
            except ValueError:
                continue
    out: dict[str, str] = {}
    # articles first, then any page-level object
    ranked = sorted(
        objs,
        key=lambda o: min((_ARTICLE_TYPES.index(t) for t in _types(o) if t in _ARTICLE_TYPES), default=99),
    )
    for o in ranked:
        for key, field in (
            ("headline", "headline"),
            ("datePublished", "datePublished"),
            ("dateCreated", "datePublished"),
            ("dateModified", "dateModified"),
            ("articleSection", "articleSection"),
            ("author", "author"),
            ("publisher", "publisher"),
            ("name", "name"),
            ("url", "url"),
        ):
            if field in out or key not in o:
                continue
            v = o[key]
            if key == "articleSection" and isinstance(v, list):
                v = v[0] if v else None
            val = _name(v) if key in ("author", "publisher") else (v if isinstance(v, str) else None)
            if val and val.strip():
                out[field] = val.strip()
    return out


def head_candidates(head: HeadInfo, uri: str | None = None) -> dict[str, Any]:
    """What the page declares about itself (a JSON-serialisable dict; empty values left out)."""
    meta = head.meta
    ld = _jsonld(head.jsonld)
    c: dict[str, Any] = {}

    def put(k: str, v: str | None) -> None:
        v = _clean(v)
        if v:
            c[k] = v

    put("title_tag", head.title)
    put("og_title", meta.get("og:title") or meta.get("twitter:title"))
    put("twitter_title", meta.get("twitter:title"))
    put("headline", ld.get("headline") or meta.get("headline"))
    put("site_name", meta.get("og:site_name") or meta.get("application-name") or ld.get("publisher"))
    put("section", ld.get("articleSection") or meta.get("article:section") or meta.get("section"))
    author = ld.get("author") or meta.get("author") or meta.get("article:author") or meta.get("dc.creator")
    if author and "://" not in author:
        put("author", author)
    canonical = head.links.get("canonical") or meta.get("og:url") or ld.get("url")
    if canonical and canonical.startswith(("http://", "https://")):
        c["canonical"] = canonical.strip()
    put("lang", head.lang or meta.get("og:locale") or meta.get("content-language"))
    dates: list[str] = []
    if ld.get("datePublished"):
        dates.append(ld["datePublished"])
    dates += [meta[k] for k in _DATE_METAS if meta.get(k)]
    dates += head.times
    for d in dates:
        iso = iso_date(d)
        if iso:
            c["published"] = iso
            c["published_from"] = d
            break
    for d in [ld.get("dateModified", "")] + [meta.get(k, "") for k in _MODIFIED_METAS]:
        iso = iso_date(d) if d else None
        if iso:
            c["modified"] = iso
            break
    url_day = url_date(canonical if canonical and "://" in canonical else uri)
    if url_day:
        c["url_date"] = url_day
    return c


_MODIFIED_METAS = (
    "article:modified_time",
    "og:updated_time",
    "og:modified_time",
    "datemodified",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
)
# a date in a URL path: /2019/11/07/, /2019-11-07/, /20191107/, or a year with the month and day later
# in the path (/2013/middle_east/8/3/slug, as arabic.cnn.com printed them)
_URL_YMD = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/_\-.]|$)")
_URL_COMPACT = re.compile(r"/((?:19|20)\d\d)(\d\d)(\d\d)(?=[/_\-.]|$)")
_URL_SPLIT = re.compile(r"/((?:19|20)\d\d)/[a-z][a-z_\-]{1,30}/(\d{1,2})/(\d{1,2})/")


def url_date(uri: str | None) -> str | None:
    """The publication day a news URL's path gives (``/2019/11/07/slug``), else None.

    Only a full year-month-day is read: a bare year or year/month (an archive folder) is not a day."""
    if not uri:
        return None
    path = uri.split("?", 1)[0].split("#", 1)[0]
    path = path[path.find("/", path.find("://") + 3) :] if "://" in path else path
    for rx in (_URL_YMD, _URL_SPLIT, _URL_COMPACT):
        m = rx.search(path)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            iso = iso_date(f"{y:04d}-{mo:02d}-{d:02d}")
            if iso:
                return iso
    return None


@lru_cache(maxsize=32768)  # the same headings and declared titles are compared many times per page
def _key(s: str) -> str:
    """Loose comparison key for titles: NFC, no punctuation differences, folded letters."""
    s = unicodedata.normalize("NFC", s)
    s = s.translate(_KEY_FOLD)
    return " ".join(re.sub(r"[^\w\s]", " ", s).split()).lower()


_KEY_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": None})


def strip_site_name(title: str, site: str | None) -> str:
    """``title`` without a site name joined by " - ", " | ", " :: " … at either end."""
    parts = _TITLE_SEPS.split(title)
    if len(parts) < 2:
        return title
    sk = _key(site) if site else None
    first, last = parts[0], parts[-1]
    if sk:
        if _key(last) == sk or (sk and sk in _key(last) and len(last) < len(first)):
            return title[: title.rfind(last)].rstrip(" -|–—:»«•·")
        if _key(first) == sk or (sk and sk in _key(first) and len(first) < len(last)):
            return title[len(first) :].lstrip(" -|–—:»«•·")
    # no site name known: drop a short last part ("… - الجزيرة نت")
    if len(last.split()) <= 4 and len(first.split()) >= 3:
        return title[: title.rfind(last)].rstrip(" -|–—:»«•·")
    return title


def title_parts(title: str) -> list[str]:
    """The parts of a ``<title>`` split at its separators (" - ", " | ", " :: " …)."""
    return [p for p in _TITLE_SEPS.split(title) if p.strip()]


def site_name_keys(cands: dict[str, Any], page_texts: list[str]) -> set[str]:
    """Comparison keys of the site's name, learnt from the page itself: the declared name
    (``og:site_name``, ``application-name``, the JSON-LD publisher) and the end part of ``<title>``
    ("العنوان - اسم الموقع") that the page repeats in its furniture: a header, footer, navigation or
    copyright line (``page_texts``), and that no declared title (og:title, headline) repeats. A site's
    name is never its article's title."""
    keys = {_key(cands["site_name"])} if cands.get("site_name") else set()
    tt = cands.get("title_tag")
    if tt:
        parts = title_parts(tt)
        ends = {parts[0], parts[-1]} if len(parts) >= 2 else set()
        declared = {_key(cands[f]) for f in ("headline", "og_title", "twitter_title") if cands.get(f)}
        texts = [_key(t) for t in page_texts if t]
        for part in ends:
            k = _key(part)
            if not k or k in declared:
                continue  # the part a declared title repeats is the title, not the site
            if any(k == t or (k in t and len(t) <= 4 * len(k) + 40) for t in texts):
                keys.add(k)
    return {k for k in keys if k}


def title_agreement(text: str, cands: dict[str, Any], sites: frozenset[str] | set[str] = frozenset()) -> int:
    """How many of the page's declared titles (JSON-LD headline, og:title, twitter:title, ``<title>``)
    confirm ``text``: equal, or one a start or end of the other (a declared title that keeps the site
    name, a headline cut short). A site name confirms nothing and is confirmed by nothing."""
    k = _key(text)
    if not k or k in sites:
        return 0
    n = 0
    for field in ("headline", "og_title", "twitter_title", "title_tag"):
        v = cands.get(field)
        if not v or (field == "og_title" and v == cands.get("twitter_title")):
            continue
        kk = _key(v)
        if kk in sites:
            continue
        if kk == k or (
            len(k) >= 8 and (kk.startswith(k) or kk.endswith(k) or (k.startswith(kk) and len(kk) >= 8))
        ):
            n += 1
    return n


_FURNITURE_REASONS = ("dom:nav", "dom:footer", "dom:header", "dom:widget", "dom:site_name")


def _drop_site_parts(title: str, sites: set[str]) -> str:
    """``title`` without end parts (split at " - ", " | " …) that are the site's name."""
    parts = title_parts(title)
    while len(parts) > 1 and _key(parts[-1]) in sites:
        parts.pop()
    while len(parts) > 1 and _key(parts[0]) in sites:
        parts.pop(0)
    if len(parts) == len(title_parts(title)):
        return title
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end]


def declared_titles(cands: dict[str, Any]) -> list[str]:
    """Declared titles, best first, with the site name cut off."""
    site = cands.get("site_name")
    out = []
    for k in ("headline", "og_title", "title_tag"):
        v = cands.get(k)
        if v:
            out.append(v if k == "headline" else strip_site_name(v, site))
    return out


def match_title(text: str, cands: dict[str, Any]) -> bool:
    """Whether a block's text agrees with a title the page declares."""
    k = _key(text)
    if not k:
        return False
    for k2 in (cands.get("headline"), cands.get("og_title"), cands.get("title_tag")):
        if k2:
            kk = _key(k2)
            if kk == k or (len(k) >= 8 and kk.startswith(k)) or (len(k) >= 8 and kk.endswith(k)):
                return True
    return False


_HOME = {
    "الرئيسية",
    "الرئيسيه",
    "الصفحة الرئيسية",
    "الصفحه الرئيسيه",
    "home",
    "accueil",
    "رئيسية",
    "تفاصيل الخبر",
    "التفاصيل",
    "خبر",
    "أنت هنا",
    "انت هنا",
}


def _near_title(doc: Document) -> list[Block]:
    """Byline and date candidates, best first: the lines right after the title, then other byline
    lines, then short lines just before the title (a date bar at the top of a page is the day's
    date, not the article's, so it comes last)."""
    blocks = doc.blocks
    t = next((i for i, b in enumerate(blocks) if b.kind == "title"), None)
    out: list[Block] = []
    if t is not None:
        out += [b for b in blocks[t + 1 : t + 9] if len(b.text) <= 160]
    out += [b for b in blocks if b.kind in ("date", "dateline", "byline") and b not in out]
    if t is not None:
        out += [b for b in blocks[max(0, t - 4) : t] if len(b.text) <= 160 and b not in out]
    return out


def _visible_dates(doc: Document) -> Stamp:
    """The publication and last-update dates of the byline/date lines near the title (see
    :func:`_near_title`): a line with an update cue ("آخر تحديث") gives the modified date, and its
    date is the publication only when the line names both (:func:`khabar.clean.bylines.split_stamp`)."""
    published = modified = None
    for b in _near_title(doc):
        if not find_dates(b.text):
            continue
        stamp = split_stamp(b.text)
        published = published or stamp.published
        modified = modified or stamp.modified
        if published:
            break
    return Stamp(published, modified)


def _visible_byline(doc: Document) -> str | None:
    """The writer named in a byline block, the name kept whole (:func:`khabar.clean.bylines.writer_name`):
    a line that opens with a cue ("كتب:", "بقلم") first, then the others."""
    cands = [b for b in _near_title(doc) if b.kind in ("byline", "dateline")]
    cands.sort(key=lambda b: not has_writer_cue(b.text))
    for b in cands:
        if not has_writer_cue(b.text) and find_dates(b.text):
            continue  # a date line, not a writer
        name = writer_name(b.text)
        if name:
            return name
    return None


def apply_metadata(doc: Document) -> None:
    """Set title, published, byline, sections, source.uri and source.site from head and blocks."""
    c: dict[str, Any] = doc.meta.get("html", {})
    title_block = next((b for b in doc.blocks if b.kind == "title"), None)
    if title_block is not None:
        doc.title = title_block.text
    else:
        # no title block: the declared titles, less the site's name learnt from the page
        furniture = [b.text for b in doc.blocks if b.reason in _FURNITURE_REASONS or "©" in b.text]
        sites = site_name_keys(c, furniture)
        titles = [_drop_site_parts(t, sites) for t in declared_titles(c)]
        titles = [t for t in titles if t and _key(t) not in sites]
        doc.title = titles[0] if titles else doc.title
    # the page's declared date first, then a visible one near the title, then the URL's day, else the
    # input's (a WARC record's WARC-Date …); a last-update stamp is `modified`, never `published`
    seen = _visible_dates(doc)
    page_date = c.get("published") or seen.published
    anchor_published(doc, page_date or c.get("url_date"))
    if not page_date and c.get("url_date") and doc.published == c["url_date"]:
        doc.published_source = "url"  # the day in the page's URL (/2013/middle_east/8/3/…)
    modified = c.get("modified") or seen.modified or doc.modified
    doc.modified = modified if modified and modified != doc.published else None
    # the declared author, unless it is only the site's name and the page shows a writer
    visible = _visible_byline(doc)
    author = c.get("author")
    if author and visible and _key(author) in site_name_keys(c, []) | {_key(doc.source.site or "")}:
        author = None
    doc.byline = author or visible or doc.byline
    home = {_key(h) for h in _HOME}
    crumbs = [lvl for lvl in doc.sections if _key(lvl) and _key(lvl) not in home]
    if doc.title:
        crumbs = [lvl for lvl in crumbs if _key(lvl) != _key(doc.title)]
    if crumbs:
        doc.sections = crumbs
    elif c.get("section"):
        doc.sections = [c["section"]]
    else:
        doc.sections = []
    if doc.source.uri is None and c.get("canonical"):
        doc.source.uri = c["canonical"]
    if doc.source.site is None:
        doc.source.site = site_of(doc.source.uri) or site_of(c.get("canonical"))
    if doc.lang is None and c.get("lang"):
        doc.lang = str(c["lang"]).split("_")[0].split("-")[0].lower() or None
