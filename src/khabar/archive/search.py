"""Arabic full-text search over the archive: FTS5 on an analysed view, highlights on display text.

Each document's display text (``Document.text``: kept blocks only, so boilerplate is never content)
is analysed by :mod:`khabar.archive.analysis` into tokens; the FTS5 table gets two columns of
space-joined terms, ``stem`` (normalised and light-stemmed) and ``norm`` (normalised only, for exact
mode). A hit's highlights are found by analysing its display text again when it is shown (a page of
hits at a time), so they are spans of the characters the reader sees (``text[s:e]`` is the word as
displayed, with its diacritics), never of the folded view.

Queries go through the same analysis. Every term is quoted before it reaches FTS5, so query syntax
characters (``"`` ``*`` ``NEAR`` ``'; DROP``) are plain words, never operators or errors. Words are
ANDed; ``"quoted phrases"`` must occur as consecutive words. With ``exact=True`` terms and phrases
match the normalised, unstemmed forms (``"الرئيس"`` no longer matches ``رئيس``).
"""

from __future__ import annotations

import bisect
import re
import sqlite3
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from khabar.archive.analysis import analyze_query_word, tokenize, word_forms, word_matches, words
from khabar.archive.filters import NO_FILTERS, SearchFilters, shown
from khabar.archive.index import index_document  # re-exported: its home before archive/index.py
from khabar.archive.names import key_name

if TYPE_CHECKING:
    from khabar.archive.store import Archive

__all__ = [
    "RANK_CAP",
    "Hit",
    "Query",
    "browse",
    "count",
    "document_highlights",
    "facets",
    "index_document",
    "parse_query",
    "search",
]

#: characters of display text around the best highlight in a snippet
SNIPPET_WIDTH = 200


@dataclass(slots=True)
class Hit:
    """One search result. ``highlights`` are ``(start, end)`` spans of the document's display text;
    ``snippet`` is ``text[snippet_start:snippet_start + len(snippet)]``."""

    id: str
    title: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    site: str | None = None
    published: str | None = None
    snippet_start: int = 0

    @property
    def snippet_highlights(self) -> list[tuple[int, int]]:
        """The highlights that fall inside the snippet, as offsets into ``snippet``."""
        s0, s1 = self.snippet_start, self.snippet_start + len(self.snippet)
        return [(s - s0, e - s0) for s, e in self.highlights if s >= s0 and e <= s1]


@dataclass(slots=True)
class Query:
    """A parsed query: the indexed column it matches and its groups of terms (one term, or a phrase)."""

    column: str
    groups: list[list[str]]

    def fts(self) -> str:
        """The FTS5 MATCH expression: every group quoted (a phrase when it has several terms), ANDed."""
        return " AND ".join(f'{self.column}:"{" ".join(g)}"' for g in self.groups)


_PART_RE = re.compile(r'"([^"]*)"|([^\s"]+)')


def parse_query(query: str, *, exact: bool = False) -> Query:
    """Analyse a query: quoted parts become phrases, other words single terms (empty groups dropped)."""
    groups: list[list[str]] = []
    for m in _PART_RE.finditer(query):
        phrase, word = m.group(1), m.group(2)
        words = [w for w, _, _ in tokenize(phrase if phrase is not None else word)]
        forms = [f for f in (analyze_query_word(w, exact=exact) for w in words) if f]
        if not forms:
            continue
        if phrase is not None:
            groups.append(forms)
        else:
            groups.extend([f] for f in forms)
    return Query("norm" if exact else "stem", groups)


def _where(q: Query, filters: SearchFilters) -> tuple[str, list[Any]]:
    sql, params = filters.where()
    return f"fts MATCH ? AND {sql}", [q.fts(), *params]


#: the documents as the search's filters see them: the covering index of (n, site, published)
_META = "documents d INDEXED BY documents_meta"

#: A query matching more documents than this is ranked in two tiers: the ``RANK_CAP`` most recently
#: added matches best first (BM25), then the older ones best first. BM25 scores every document it
#: ranks (about a microsecond each): the first page of a word in 100,000 documents of a 300k archive
#: took 80-100 ms, ranked within the newest 25,000 it takes a quarter of that. Totals stay exact;
#: a query with fewer matches is ranked exactly as before. ``search(..., rank_cap=0)`` ranks all.
RANK_CAP = 25_000

#: how :func:`search` orders its hits: SQL over ``r`` (the BM25 rank) and ``p`` (the published date),
#: used in the ranking subquery and again outside it
_ORDER = {"rank": "{t}r", "date": "{t}p IS NULL, {t}p DESC, {t}r"}


def search(
    archive: Archive,
    query: str,
    *,
    exact: bool = False,
    filters: SearchFilters = NO_FILTERS,
    limit: int = 20,
    offset: int = 0,
    order: str = "rank",
    rank_cap: int | None = None,
) -> list[Hit]:
    """Documents matching ``query``, best first (BM25), with snippets and display-text highlights;
    ``order="date"``: newest first (undated last, then by rank).

    ``filters`` narrow the documents (:class:`~khabar.archive.filters.SearchFilters`: site, date
    range, entity, event type, and whether held-back facts count). Ranked by relevance, a query with more than
    ``rank_cap`` matches (default :data:`RANK_CAP`; 0: no cap) lists the ``rank_cap`` most recently
    added first, best first, then the others, best first."""
    if order not in _ORDER:
        raise ValueError(f"order must be one of {', '.join(_ORDER)}, not {order!r}")
    q = parse_query(query, exact=exact)
    if not q.groups:
        return []
    where, params = _where(q, filters)
    # Rank in a subquery that carries only (rowid, score), then fetch text for the page alone: sorting
    # every match with its text attached cost 170 ms on a common word in a 31k archive, this 20 ms.
    # The documents are joined only for filters or the date order, through the covering index of
    # (n, site, published): a wide table row per match was most of the time (140 ms for 86,000 matches
    # at 300k documents). INDEXED BY also keeps SQLite driving from the full-text index rather than
    # scanning a site's documents and probing the index row by row.
    filtered = filters.narrows
    join = f" JOIN {_META} ON d.n = fts.rowid" if filtered or order == "date" else ""
    order_sql = _ORDER[order]
    window = "0"
    cap = RANK_CAP if rank_cap is None else rank_cap
    bound = None
    if order == "rank" and cap > 0:
        bound = _window_start(archive, q, join, where, params, cap)
    if bound is not None and offset + limit <= cap:
        where += " AND fts.rowid >= ?"  # a page inside the window: rank the window alone
        params.append(bound)
    elif bound is not None:
        window, order_sql = f"fts.rowid < {bound}", "{t}w, " + order_sql
    published = "d.published" if order == "date" else "NULL"
    rows = archive.conn.execute(
        "SELECT d.n, d.id, d.title, d.site, d.published, d.text, top.r FROM ("
        f"SELECT fts.rowid AS n, bm25(fts) AS r, {published} AS p, {window} AS w FROM fts{join} "
        f"WHERE {where} ORDER BY {order_sql.format(t='')} LIMIT ? OFFSET ?"
        f") AS top JOIN documents d ON d.n = top.n ORDER BY {order_sql.format(t='top.')}",
        [*params, max(0, limit), max(0, offset)],
    ).fetchall()
    hits = []
    for _n, did, title, site_, published, text, rank in rows:
        spans = _text_highlights(q, text)
        snippet, s0 = _snippet(text, spans)
        hits.append(Hit(did, title, -float(rank), snippet, spans, site_, published, s0))
    return hits


def _window_start(
    archive: Archive, q: Query, join: str, where: str, params: list[Any], cap: int
) -> int | None:
    """The rowid of the ``cap``-th most recently added match, or None when there are at most ``cap``
    (then the ranking is exact). The matches without filters are counted first, from the full-text
    index alone (a few ms for 100,000): the filters' join is paid only when those exceed the cap, and
    then once for the total as well (:func:`count` takes it from :data:`_TOTALS`)."""
    conn = archive.conn
    n = int(conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", [q.fts()]).fetchone()[0])
    if not join:
        _remember(archive, where, params, n)
        if n <= cap:
            return None
        # ascending: FTS5 walks its lists backwards more slowly
        row = conn.execute(
            f"SELECT fts.rowid FROM fts WHERE {where} ORDER BY fts.rowid LIMIT 1 OFFSET ?", [*params, n - cap]
        ).fetchone()
        return None if row is None else int(row[0])
    if n <= cap:
        return None
    rows = conn.execute(
        f"SELECT fts.rowid FROM fts{join} WHERE {where} ORDER BY fts.rowid", params
    ).fetchall()
    _remember(archive, where, params, len(rows))
    return int(rows[-cap][0]) if len(rows) > cap else None


#: the last total a ranking found on the way, per archive, for the :func:`count` that follows it
#: (the search page asks for a page of hits, then for their total): ``(key, total)``, the key holding
#: the query, its filters and the database's change counters, so a write in between is never missed
_TOTALS: weakref.WeakKeyDictionary[Archive, tuple[tuple[Any, ...], int]] = weakref.WeakKeyDictionary()


def _total_key(conn: sqlite3.Connection, where: str, params: list[Any]) -> tuple[Any, ...]:
    version = conn.execute("PRAGMA data_version").fetchone()[0]
    return (where, tuple(params), conn.total_changes, version)


def _remember(archive: Archive, where: str, params: list[Any], total: int) -> None:
    _TOTALS[archive] = (_total_key(archive.conn, where, params), total)


def count(
    archive: Archive,
    query: str,
    *,
    exact: bool = False,
    filters: SearchFilters = NO_FILTERS,
) -> int:
    """How many documents :func:`search` would find with no limit."""
    q = parse_query(query, exact=exact)
    if not q.groups:
        return 0
    where, params = _where(q, filters)
    conn = archive.conn
    known = _TOTALS.get(archive)
    if known is not None and known[0] == _total_key(conn, where, params):
        return known[1]
    filtered = filters.narrows
    join = f" JOIN {_META} ON d.n = fts.rowid" if filtered else ""
    row = conn.execute(f"SELECT count(*) FROM fts{join} WHERE {where}", params).fetchone()
    return int(row[0])


def browse(
    archive: Archive,
    *,
    filters: SearchFilters = NO_FILTERS,
    limit: int = 20,
    offset: int = 0,
) -> tuple[int, list[Hit]]:
    """Without a query: ``(total, documents)`` passing the filters, newest first (undated last);
    each hit's snippet is the start of the text, its score 0."""
    where, params = filters.where()
    total = int(archive.conn.execute(f"SELECT count(*) FROM documents d WHERE {where}", params).fetchone()[0])
    rows = archive.conn.execute(
        "SELECT d.id, d.title, d.site, d.published, substr(d.text, 1, ?) FROM documents d "
        f"WHERE {where} ORDER BY d.published IS NULL, d.published DESC, d.n DESC LIMIT ? OFFSET ?",
        [SNIPPET_WIDTH, *params, max(0, limit), max(0, offset)],
    ).fetchall()
    return total, [Hit(did, title, 0.0, snip, [], site_, pub, 0) for did, title, site_, pub, snip in rows]


def facets(
    archive: Archive,
    query: str = "",
    *,
    exact: bool = False,
    filters: SearchFilters = NO_FILTERS,
    top: int = 10,
) -> dict[str, list[tuple[str, str, int]]]:
    """Counts of the matching documents (all of them, not one page) by ``site``, ``date`` (months
    when they span at most two years, else years), ``people``, ``places`` and ``event_types``: each a
    list of ``(value, label, documents)``, most documents first (dates newest first). ``value`` is
    what the filter takes (an entity key for people and places, a date prefix for dates). People,
    places and event types count the facts shown unless ``filters.all_facts``."""
    q = parse_query(query, exact=exact)
    if q.groups:
        where, params = _where(q, filters)
        matched = f"SELECT fts.rowid AS n FROM fts JOIN {_META} ON d.n = fts.rowid WHERE {where}"
    else:
        where, params = filters.where()
        matched = f"SELECT d.n FROM {_META} WHERE {where}"
    conn = archive.conn
    conn.execute("DROP TABLE IF EXISTS temp.facet_docs")
    conn.execute(f"CREATE TEMP TABLE facet_docs AS {matched}", params)
    try:
        out: dict[str, list[tuple[str, str, int]]] = {}
        out["site"] = [
            (s, s, c)
            for s, c in conn.execute(
                "SELECT site, count(*) c FROM documents INDEXED BY documents_meta WHERE n IN "
                "(SELECT n FROM facet_docs) "
                "AND site IS NOT NULL GROUP BY site ORDER BY c DESC, site LIMIT ?",
                (top,),
            )
        ]
        years = conn.execute(
            "SELECT count(DISTINCT substr(published, 1, 4)) FROM documents "
            "INDEXED BY documents_meta WHERE n IN (SELECT n FROM facet_docs) AND published IS NOT NULL"
        ).fetchone()[0]
        width = 7 if years <= 2 else 4
        out["date"] = [
            (p, p, c)
            for p, c in conn.execute(
                "SELECT substr(published, 1, ?) p, count(*) FROM documents INDEXED BY documents_meta "
                "WHERE n IN (SELECT n FROM facet_docs) AND length(published) >= ? "
                "GROUP BY p ORDER BY p DESC LIMIT ?",
                (width, width, max(top, 12)),
            )
        ]
        for name, labels in (("people", ("PERSON",)), ("places", ("LOC", "GPE"))):
            marks = ", ".join("?" * len(labels))
            top_keys = conn.execute(
                "SELECT key, count(DISTINCT doc) c FROM entities WHERE doc IN (SELECT n FROM facet_docs) "
                f"AND label IN ({marks}) AND key IS NOT NULL{shown('', filters.all_facts)} GROUP BY key "
                "ORDER BY c DESC, key LIMIT ?",
                (*labels, top),
            ).fetchall()
            # named only once the top keys are known (naming every group first costs a query each)
            out[name] = [(key, key_name(conn, key), c) for key, c in top_keys]
        out["event_types"] = [
            (t, t, c)
            for t, c in conn.execute(
                "SELECT type, count(DISTINCT doc) c FROM events WHERE doc IN (SELECT n FROM facet_docs)"
                f"{shown('', filters.all_facts)} GROUP BY type ORDER BY c DESC, type LIMIT ?",
                (top,),
            )
        ]
        return out
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.facet_docs")


def _text_highlights(q: Query, text: str) -> list[tuple[int, int]]:
    """Display spans of the words of ``text`` (as :func:`analyze_rows` finds them) that match a term
    or a whole phrase of the query. The words' forms come from the analysis's per-word memory, and
    spans are kept for the marked words only: the top hits of a common query are often long pages (a
    price list of 3,000 words, 261 highlights), where a tuple per word cost 6 ms a hit."""
    col = 1 if q.column == "norm" else 0
    pairs = list(map(word_forms, words(text)))
    forms = [p[col] for p in pairs if p[1]]
    marked = _marked(q, forms)
    if not marked:
        return []
    spans = [m.span() for m in word_matches(text)]
    if len(forms) != len(pairs):  # words with no normalised form are no tokens (as in analyze_rows)
        spans = [sp for sp, p in zip(spans, pairs, strict=True) if p[1]]
    return [spans[i] for i in marked]


def _marked(q: Query, forms: list[str]) -> list[int]:
    """The positions (ascending) of the words in ``forms`` that match a term or a whole phrase."""
    marked: set[int] = set()
    for g in q.groups:
        k, first, i = len(g), g[0], -1
        while True:
            try:
                i = forms.index(first, i + 1)
            except ValueError:
                break
            if forms[i : i + k] == g:
                marked.update(range(i, i + k))
    return sorted(marked)


def _snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_WIDTH) -> tuple[str, int]:
    """The window of ``text`` holding the most highlights, cut at spaces; ``(snippet, start)``.

    ``spans`` are in text order and do not overlap (words), so the highlights inside the window that
    starts at a highlight are it and the next ones up to the last ending inside: one bisection each
    (a page of 261 highlights took 8 ms comparing every pair)."""
    if len(text) <= width:
        return text, 0
    best = spans[0][0] if spans else 0
    if spans:
        best_n = 0
        reach = width * 3 // 4
        ends = [e for _, e in spans]
        for i, (s, _) in enumerate(spans):
            n = bisect.bisect_right(ends, s + reach, i) - i
            if n > best_n:
                best, best_n = s, n
    start = max(0, best - width // 4)
    if start > 0:
        sp = text.find(" ", start, best)
        start = sp + 1 if sp != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        sp = text.rfind(" ", max(start, best), end)
        end = sp if sp > start else end
    return text[start:end], start


def document_highlights(
    archive: Archive, n: int, query: str, *, exact: bool = False
) -> list[tuple[int, int]]:
    """The display spans of stored document ``n`` that ``query`` matches (as in its search hit)."""
    q = parse_query(query, exact=exact)
    if not q.groups:
        return []
    row = archive.conn.execute("SELECT text FROM documents WHERE n = ?", (n,)).fetchone()
    return [] if row is None else _text_highlights(q, row[0])
