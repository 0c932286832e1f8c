"""Site profiles: the lines a site repeats across its pages are its template, and become boilerplate.

Two passes (``khabar run`` does both; :func:`learn_records` and :func:`apply_profile` are the parts):

1. **learn**: for every document of a site, the set of its normalised lines
   (:func:`line_key`: the normalised view, whitespace collapsed), hashed to 64 bits; per site, the
   number of documents and, for each line hash, in how many of them it occurs. A line in at least
   :data:`MIN_SHARE` of a site's documents *and* in at least :data:`MIN_DOCS` of them is a template
   line of the site. Sites with fewer than :data:`MIN_SITE_DOCS` documents get no profile.
2. **apply** (after the classifier, before ``assemble``): a kept block whose line is a template line
   of its site becomes ``boilerplate`` with reason ``site_profile:<site>`` — unless the classifier
   is confident (score ≥ :data:`PROTECT_SCORE`) that it is article content (title, heading,
   paragraph …; :data:`PROTECTED_KINDS`) and the line occurs in fewer than :data:`VERBATIM_SHARE`
   of the site's documents. A byline right below the title is protected by its place, whatever its
   score (:func:`_protected`).

Lines of text dumps are the raw input's lines (learning needs no cleaning pass, only reading and a
character-table fold: ≈ 6 s for all of SaudiNewsNet here, reading included, against ≈ 19 s to read
and process it); a block is judged by the raw line it comes
from, so a template line cut into parts (a glued byline) is judged once. HTML pages have no useful
raw lines: their DOM blocks are learned and judged by their own text.

How the thresholds were chosen (``benchmarks/corpus.py`` prints the grid; profiles learned from all
31,030 SaudiNewsNet articles, scored on the gold set's 140 SaudiNewsNet dumps with
:mod:`khabar.eval.textdump`; boilerplate F1 without profiles 0.958). The lines a news site repeats
most are its *bylines and datelines* ("الرياض - واس" on 4 % of alriyadh's pages, "«الاقتصادية» من
الرياض" on 21 % of aleqtisadiya's, "الرياضي" on 47 % of arreyadi's), which the gold set labels
``byline``, not boilerplate. Without any protection a profile removes them: F1 0.69–0.86 over shares
0.005–0.1 (10 documents at least), 13–46 gold byline/date lines removed. Protecting confident content
kinds (bylines included) is what matters: at protection score 0.5 or 0.6 F1 stays 0.958 at every
share and no gold line is removed; at 0.8 the arreyadi byline (classifier score ≈ 0.7) goes, F1
0.927–0.934. The share itself
hardly matters once content is protected; 2 % and 10 documents keep a reporter's own byline out of
the profile and still catch a template line on a site of a few hundred pages. On SaudiNewsNet the
classifier and the lexicon already remove nearly all template chrome, so the profiles remove little
(0.09 % of all lines: SMS-contact lines, ``// يتبع //``, and some low-confidence bylines; the
per-outlet table in ``benchmarks/README.md``); they matter for sites the lexicon does not know.

Memory: the learner keeps one counter entry (a Python int) per distinct line of a site, about
100 bytes each: ≈ 20 MB for SaudiNewsNet's 200k distinct lines; for much larger corpora
:data:`PRUNE_AT` bounds it by dropping lines seen once (CCNet's approximation: a line that is
rare so far cannot reach the share unless the site is small).

Files: ``DIR/profiles.json`` (``khabar.profiles/1``): the parameters, and per site its document count
and template lines (hash, documents, share, an example text), most frequent first. ``khabar profiles
SITE --profiles DIR`` prints one site; without SITE it lists the sites.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from khabar.arabic.dates import find_date_mentions
from khabar.arabic.normalize import normalize
from khabar.model import Block, Document, site_of
from khabar.pipeline.recipes import HTML_FORMATS, split_for_profiles, stages_for

__all__ = [
    "MIN_DOCS",
    "MIN_SHARE",
    "MIN_SITE_DOCS",
    "PROFILES_FILE",
    "PROTECTED_KINDS",
    "PROTECT_SCORE",
    "VERBATIM_SHARE",
    "LineCounts",
    "Profiles",
    "SiteProfile",
    "apply_profile",
    "document_lines",
    "learn_records",
    "line_hash",
    "line_key",
    "load_profiles",
    "process_record",
    "record_site",
]

#: a template line occurs in at least this share of its site's documents … (see the module doc)
MIN_SHARE = 0.02
#: … and in at least this many of them (a share of a small site is noise)
MIN_DOCS = 10
#: sites with fewer documents than this get no profile
MIN_SITE_DOCS = 50
#: classifier confidence at or above which a content block is protected from its profile …
PROTECT_SCORE = 0.6
#: … unless its line occurs in at least this share of the site's documents
VERBATIM_SHARE = 0.5
#: kinds a profile overrides only above VERBATIM_SHARE when the classifier is confident
PROTECTED_KINDS = frozenset(
    {"title", "heading", "paragraph", "quote", "list_item", "caption", "byline", "dateline", "date"}
)
#: distinct lines per site above which lines seen once are dropped from the learner (memory bound)
PRUNE_AT = 2_000_000
#: where a profiles folder keeps its profiles
PROFILES_FILE = "profiles.json"
SCHEMA = "khabar.profiles/1"
_EXAMPLE_CHARS = 200


def line_key(line: str) -> str:
    """The form a line is counted under: the normalised view, whitespace collapsed."""
    return " ".join(normalize(line).split())


def line_hash(key: str) -> int:
    """64 bits of BLAKE2b of a :func:`line_key` (collisions: ~1 in 10^19 per pair of lines)."""
    return int.from_bytes(
        hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big"
    )


def document_lines(raw: str, fmt: str | None) -> Iterator[str]:
    """The lines of a document that are learned: raw lines of a text dump; DOM block texts of HTML."""
    if fmt in HTML_FORMATS:
        from khabar.pipeline import Pipeline

        doc = Document(id="profile", raw=raw)
        Pipeline(("segment_html",))(doc)
        for b in doc.blocks:
            if b.kind != "boilerplate":  # what the DOM already removed needs no profile
                yield b.text
        return
    yield from raw.split("\n")


def site_for(site: str | None, uri: str | None) -> str | None:
    """The site a document is profiled under: its source's site, else its URL's host."""
    return site or site_of(uri)


@dataclass
class LineCounts:
    """Pass-1 counts: documents per site and, per site, documents per line hash (mergeable)."""

    docs: Counter[str] = field(default_factory=Counter)
    lines: dict[str, Counter[int]] = field(default_factory=dict)
    #: an example text per hash; the merged counts keep them only for lines seen twice or more
    texts: dict[int, str] = field(default_factory=dict)

    def add_document(self, site: str, lines: Iterable[str]) -> None:
        self.docs[site] += 1
        seen: set[int] = set()
        for line in lines:
            key = line_key(line)
            if not key:
                continue
            h = line_hash(key)
            if h in seen:
                continue
            seen.add(h)
            if h not in self.texts:
                self.texts[h] = " ".join(line.split())[:_EXAMPLE_CHARS]
        self.lines.setdefault(site, Counter()).update(seen)

    def merge(self, other: LineCounts) -> None:
        """Add another shard's counts (texts kept for lines now seen twice or more)."""
        self.docs.update(other.docs)
        for site, counts in other.lines.items():
            mine = self.lines.setdefault(site, Counter())
            mine.update(counts)
            for h in counts:
                if mine[h] >= 2 and h not in self.texts and h in other.texts:
                    self.texts[h] = other.texts[h]
            if len(mine) > PRUNE_AT:
                for h in [h for h, c in mine.items() if c == 1]:
                    del mine[h]
                    self.texts.pop(h, None)

    def profiles(self, *, min_share: float = MIN_SHARE, min_docs: int = MIN_DOCS) -> Profiles:
        """The template lines of every site with at least :data:`MIN_SITE_DOCS` documents."""
        sites: dict[str, SiteProfile] = {}
        for site, n in sorted(self.docs.items()):
            if n < MIN_SITE_DOCS:
                continue
            need = max(min_docs, min_share * n)
            lines = {h: c for h, c in self.lines.get(site, Counter()).items() if c >= need}
            sites[site] = SiteProfile(site, n, lines, {h: self.texts.get(h, "") for h in lines})
        return Profiles(sites, {"min_share": min_share, "min_docs": min_docs, "min_site_docs": MIN_SITE_DOCS})


@dataclass
class SiteProfile:
    """One site's template lines: line hash → number of documents holding it."""

    site: str
    docs: int
    lines: dict[int, int]
    texts: dict[int, str] = field(default_factory=dict)

    def share(self, h: int) -> float:
        return self.lines.get(h, 0) / self.docs if self.docs else 0.0

    def to_dict(self) -> dict[str, Any]:
        rows = sorted(self.lines.items(), key=lambda kv: (-kv[1], kv[0]))
        return {
            "docs": self.docs,
            "lines": [[f"{h:016x}", c, round(c / self.docs, 4), self.texts.get(h, "")] for h, c in rows],
        }

    @classmethod
    def from_dict(cls, site: str, d: dict[str, Any]) -> SiteProfile:
        lines = {int(r[0], 16): int(r[1]) for r in d["lines"]}
        texts = {int(r[0], 16): str(r[3]) for r in d["lines"]}
        return cls(site, int(d["docs"]), lines, texts)

    def format(self, limit: int | None = None) -> str:
        """The profile for a person: its template lines, most frequent first."""
        out = [f"{self.site}: {self.docs} documents, {len(self.lines)} template lines"]
        rows = sorted(self.lines.items(), key=lambda kv: (-kv[1], kv[0]))
        for h, c in rows[:limit]:
            out.append(f"  {c:7d}  {c / self.docs:6.1%}  {self.texts.get(h, '') or f'#{h:016x}'}")
        if limit is not None and len(rows) > limit:
            out.append(f"  … {len(rows) - limit} more (--limit 0 shows all)")
        return "\n".join(out)


@dataclass
class Profiles:
    """The site profiles of a corpus, saved to and loaded from a folder."""

    sites: dict[str, SiteProfile]
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "params": self.params,
            "sites": {s: p.to_dict() for s, p in sorted(self.sites.items())},
        }

    @property
    def key(self) -> str:
        """A hash of what the profiles decide (parameters, sites, line hashes and counts; not the example
        texts): shard markers name it, so different profiles redo the shards."""
        what = {
            "params": self.params,
            "sites": {s: [p.docs, sorted(p.lines.items())] for s, p in sorted(self.sites.items())},
        }
        data = json.dumps(what, sort_keys=True).encode("utf-8")
        return hashlib.sha256(data).hexdigest()[:16]

    def save(self, folder: str) -> str:
        """Write ``folder/profiles.json`` atomically; its path."""
        from khabar.corpus.layout import write_json_atomic

        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, PROFILES_FILE)
        write_json_atomic(path, self.to_dict())
        return path

    def get(self, site: str | None) -> SiteProfile | None:
        return self.sites.get(site) if site else None


def load_profiles(folder: str) -> Profiles | None:
    """The profiles saved in ``folder``, or None when it holds none.

    Raises :class:`~khabar.errors.UsageError` when the file exists but is not khabar profiles."""
    from khabar.errors import UsageError

    path = os.path.join(folder, PROFILES_FILE)
    if not os.path.exists(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        if d.get("schema") != SCHEMA:
            raise ValueError(f"schema {d.get('schema')!r}, not {SCHEMA}")
        sites = {s: SiteProfile.from_dict(s, p) for s, p in d["sites"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError) as err:
        raise UsageError(
            f"{path} is not a khabar site-profiles file ({err}); remove it or point --profiles elsewhere",
            value=path,
        ) from err
    return Profiles(sites, dict(d.get("params") or {}))


def _raw_line(raw: str, start: int, end: int) -> tuple[int, int]:
    a = raw.rfind("\n", 0, start) + 1
    b = raw.find("\n", end)
    return a, len(raw) if b < 0 else b


def apply_profile(doc: Document, profiles: Profiles, *, protect_score: float = PROTECT_SCORE) -> int:
    """Mark the kept blocks of ``doc`` on its site's template lines as boilerplate; how many.

    Runs after ``classify`` and before ``assemble`` (blocks have kinds and scores; ``text`` is not
    fixed yet). See the module doc for which blocks are protected."""
    prof = profiles.get(site_for(doc.source.site, doc.source.uri))
    if prof is None or not prof.lines:
        return 0
    html = doc.source.format in HTML_FORMATS
    raw = doc.raw or ""
    removed = 0
    cache: dict[tuple[int, int], int] = {}
    prev_kind: str | None = None
    for b in doc.blocks:
        under_title, prev_kind = prev_kind == "title", b.kind
        if b.kind == "boilerplate":
            continue
        if html:
            h = line_hash(line_key(b.text))
        else:
            span = _raw_line(raw, b.raw_start, b.raw_end)
            if span not in cache:
                cache[span] = line_hash(line_key(raw[span[0] : span[1]]))
            h = cache[span]
        count = prof.lines.get(h)
        if count is None or _protected(b, count / prof.docs, protect_score, under_title):
            continue
        b.kind, b.reason = "boilerplate", f"site_profile:{prof.site}"
        removed += 1
    return removed


def _protected(b: Block, share: float, protect_score: float, under_title: bool = False) -> bool:
    """Whether a kept block on a template line of its site stays. ``under_title``: the block right
    before it is the page's title."""
    if b.kind in PROTECTED_KINDS and b.score >= protect_score and share < VERBATIM_SHARE:
        return True
    # A title-and-author page: the line the classifier keeps as a byline right under the title is the
    # author, whom a site repeats because one writer signs many pieces (a columnist), not because it
    # is template; its score says how sure the model is of the kind, not whether it is content (with
    # the extra training dumps such author lines score 0.37-0.49 and the profile removed them)
    if b.kind == "byline" and under_title and share < VERBATIM_SHARE:
        return True
    # A date line repeats because many stories share a day, not because it is template: a short line
    # that is mostly a full date (agency datelines "25 شوال 1436 هـ الموافق 10 اغسطس 2015 م") stays
    return len(b.text) <= 80 and _mostly_a_date(b.text)


def _mostly_a_date(line: str) -> bool:
    covered = sum(m.end - m.start for m in find_date_mentions(line) if m.value and len(m.value) == 10)
    return covered >= 0.6 * len(line.strip())


def learn_records(items: Iterable[Any], site_field: str | None = None) -> LineCounts:
    """Pass-1 counts over reader items (:class:`~khabar.io.RawRecord`; rejects are skipped)."""
    from khabar.io import RawRecord

    counts = LineCounts()
    for it in items:
        if not isinstance(it, RawRecord):
            continue
        site = record_site(it, site_field)
        if site is None:
            continue
        counts.add_document(site, document_lines(it.raw, it.source.format))
    return counts


def record_site(item: Any, site_field: str | None) -> str | None:
    """The site of a reader record: the ``site_field`` of its meta when given, else its source's."""
    if site_field:
        v = item.meta.get(site_field)
        if isinstance(v, str) and v.strip():
            return v.strip()
    return site_for(item.source.site, item.source.uri)


@cache
def _split_pipelines(names: tuple[str, ...]) -> tuple[Any, Any]:
    """The pipeline up to where profiles apply and the one from there on
    (:func:`khabar.pipeline.recipes.split_for_profiles`)."""
    from khabar.pipeline import Pipeline

    before, after = split_for_profiles(names)
    pre = Pipeline(before)
    return pre, Pipeline(after, given=pre.provides)


def process_record(
    item: Any,
    profiles: Profiles | None,
    extra: Sequence[str] = (),
    *,
    protect_score: float = PROTECT_SCORE,
    min_confidence: str | float | None = None,
) -> Document:
    """:func:`khabar.api.process_text` on a reader record, with ``profiles`` applied after the
    classifier (the same registered stages; without profiles it *is* ``process_item``).
    ``min_confidence`` as for ``process_text``."""
    from khabar.api import process_item

    if profiles is None:
        return process_item(
            item,
            extra=extra,
            min_confidence=min_confidence,
        )
    gate = None
    if min_confidence is not None and min_confidence != "default" and "confidence" in extra:
        from khabar.extract.confidence import resolve_min_confidence

        # other thresholds: the stages without the default gate, then the gate with them
        gate = resolve_min_confidence(min_confidence)
        extra = tuple(s for s in extra if s != "confidence")
    doc = Document(
        id=item.id, raw=item.raw, source=item.source, meta=dict(item.meta or {}), warnings=list(item.warnings)
    )
    pre, post = _split_pipelines(stages_for(doc.source.format, extra=tuple(extra)))
    pre(doc)
    n = apply_profile(doc, profiles, protect_score=protect_score)
    post(doc)
    if gate is not None:
        from khabar.extract.confidence import split_by_confidence

        split_by_confidence(doc, gate)
        doc.done.append("confidence")
    if n:
        doc.signals["site_profile_removed"] = n
    return doc
