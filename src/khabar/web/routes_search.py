"""The search page and ``/api/search`` (with its CSV and JSON Lines export); the landing page's
facets, cached until the archive changes."""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from khabar.archive import queries
from khabar.archive.filters import SearchFilters
from khabar.archive.search import RANK_CAP, browse, count, facets, search
from khabar.archive.store import Archive
from khabar.web.common import (
    EXPORT_BATCH,
    MAX_PAGE,
    MAX_QUERY,
    PER_PAGE,
    SEARCH_COLUMNS,
    Site,
    all_facts_param,
    arabic_detail,
    export_rows,
    page_links,
    with_params,
)


def add_routes(app: FastAPI, ctx: Site) -> None:
    """Add this part's pages and API endpoints to ``app``."""
    landing: dict[Any, Any] = {}
    landing_lock = threading.Lock()

    def landing_facets(a: Archive, all_facts: bool) -> dict[str, Any]:
        stamp = queries.archive_stamp(a)
        with landing_lock:
            if landing.get("stamp") != stamp:
                landing.clear()
                landing["stamp"] = stamp
            if all_facts not in landing:
                landing[all_facts] = facets(a, "", filters=SearchFilters(all_facts=all_facts))
            result: dict[str, Any] = landing[all_facts]
            return result

    # -- search --------------------------------------------------------------------------------------
    def _check_query(q: str) -> str:
        q = q.strip()
        if len(q) > MAX_QUERY:
            raise HTTPException(400, f"the query is {len(q)} characters long; the limit is {MAX_QUERY}")
        if "\x00" in q:
            raise HTTPException(400, "the query contains a NUL character")
        return q

    def do_search(
        q: str,
        exact: bool,
        filters: SearchFilters,
        page: int,
        per_page: int,
        with_facets: bool,
        sort: str = "rank",
    ) -> dict[str, Any]:
        q = _check_query(q)
        a = ctx.db()
        offset = (page - 1) * per_page
        try:
            total, hits = hits_page(a, q, exact, filters, sort, per_page, offset)
            if total is None:
                total = count(a, q, exact=exact, filters=filters)
            fac = None
            if with_facets and not q and not filters.narrows:
                fac = landing_facets(a, filters.all_facts)
            elif with_facets:
                fac = facets(a, q, exact=exact, filters=filters)
        except sqlite3.OperationalError as exc:  # search quotes every term; this is a safety net
            raise HTTPException(400, f"the query could not be run ({exc}); try plain words") from exc
        return {"query": q, "total": total, "hits": hits, "facets": fac, "page": page, "per_page": per_page}

    def hits_page(
        a: Archive,
        q: str,
        exact: bool,
        filters: SearchFilters,
        sort: str,
        limit: int,
        offset: int,
    ) -> tuple[int | None, list[Any]]:
        """One page of results: the hits of ``q`` in ``sort`` order (total None: counting a query is a
        query of its own), or with no query the newest documents and their total."""
        if q:
            return None, search(a, q, exact=exact, filters=filters, limit=limit, offset=offset, order=sort)
        return browse(a, filters=filters, limit=limit, offset=offset)

    def _search_rows(
        q: str, exact: bool, filters: SearchFilters, sort: str = "rank"
    ) -> Iterator[dict[str, Any]]:
        """Every result of a query, in rank order, fetched a batch at a time (the export)."""
        a = ctx.db()
        offset, rank = 0, 0
        while True:
            _, hits = hits_page(a, q, exact, filters, sort, EXPORT_BATCH, offset)
            for h in hits:
                rank += 1
                yield {
                    "id": h.id,
                    "title": h.title or "",
                    "site": h.site or "",
                    "published": h.published or "",
                    "rank": rank,
                    "score": round(h.score, 4),
                    "snippet": " ".join(h.snippet.split()),
                }
            if len(hits) < EXPORT_BATCH:
                return
            offset += EXPORT_BATCH

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        q: str = "",
        exact: bool = False,
        site: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        entity: str | None = None,
        event_type: str | None = None,
        page: int = Query(1, ge=1, le=MAX_PAGE),
        all_facts: bool = False,
        sort: str = Query("rank", pattern="^(rank|date)$"),
    ) -> HTMLResponse:
        filters = SearchFilters(site, date_from, date_to, entity, event_type, all_facts)
        try:
            res = do_search(q, exact, filters, page, PER_PAGE, True, sort)
        except HTTPException as exc:
            return ctx.render(
                request,
                "search.html",
                400,
                q=q,
                exact=exact,
                error=arabic_detail(exc.detail),
                res=None,
                filters=filters,
                **ctx.facts(request, all_facts),
            )
        pages = max(1, math.ceil(res["total"] / PER_PAGE))
        entity_name = queries.filter_label(ctx.db(), entity) if entity else None
        return ctx.render(
            request,
            "search.html",
            q=q,
            exact=exact,
            res=res,
            error=None,
            filters=filters,
            entity_name=entity_name,
            pages=pages,
            sort=sort,
            links=page_links(request, page, pages),
            with_=lambda **kw: with_params(request, **kw),
            **ctx.facts(request, all_facts),
        )

    @app.get("/api/search", tags=["search"])
    def api_search(
        q: str = Query("", description="the query: words are ANDed, quoted phrases kept together"),
        exact: bool = Query(False, description="match normalised words without stemming"),
        site: str | None = None,
        date_from: str | None = Query(None, description="ISO date prefix, inclusive"),
        date_to: str | None = Query(None, description="ISO date prefix, inclusive"),
        entity: str | None = Query(None, description="entity key (person:…, geonames:…), name or ref"),
        event_type: str | None = Query(None, description="PLOVER event type, e.g. CONSULT"),
        page: int = Query(1, ge=1, le=MAX_PAGE),
        per_page: int = Query(PER_PAGE, ge=1, le=100),
        with_facets: bool = Query(False, alias="facets", description="also return facet counts"),
        all_facts: bool = all_facts_param(),
        format: str | None = Query(
            None,
            pattern="^(csv|jsonl)$",
            description="csv or jsonl: every result of the query (not one page), streamed as a file",
        ),
        bom: bool = Query(False, description="start the CSV with a UTF-8 byte-order mark (for Excel)"),
        sort: str = Query(
            "rank",
            pattern="^(rank|date)$",
            description=f"rank (BM25, best first; above {RANK_CAP:,} matches the {RANK_CAP:,} most recently "
            "added first) or date",
        ),
    ) -> Any:
        """Ranked results (BM25; newest first when ``q`` is empty) with display-text snippets. The
        entity and event-type filters and the facets look at the facts shown unless ``all_facts``.
        With ``format=csv`` or ``jsonl``, every result of the query as a file (id, title, site,
        published, rank, score, snippet)."""
        if format:
            filters = SearchFilters(site, date_from, date_to, entity, event_type, all_facts)
            rows = _search_rows(_check_query(q), exact, filters, sort)
            return export_rows(rows, SEARCH_COLUMNS, format, bom, "khabar-search")
        res = do_search(
            q,
            exact,
            SearchFilters(site, date_from, date_to, entity, event_type, all_facts),
            page,
            per_page,
            with_facets,
            sort,
        )
        out: dict[str, Any] = {
            "total": res["total"],
            "page": page,
            "per_page": per_page,
            "results": [
                {
                    "id": h.id,
                    "title": h.title,
                    "site": h.site,
                    "published": h.published,
                    "snippet": h.snippet,
                    "score": round(h.score, 4),
                    "highlights": h.snippet_highlights,
                }
                for h in res["hits"]
            ],
        }
        if with_facets:
            out["facets"] = {
                k: [{"value": v, "label": lab, "documents": c} for v, lab, c in vals]
                for k, vals in (res["facets"] or {}).items()
            }
        return out
