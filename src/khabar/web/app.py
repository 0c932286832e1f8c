"""The archive in the browser: server-rendered pages (FastAPI + Jinja2, right to left) and a JSON API.

:func:`create_app` builds the application for one archive file. Pages work without JavaScript; the
only script remembers the boilerplate toggle. Every page has a twin under ``/api/`` returning JSON,
described by the OpenAPI schema at ``/api/openapi.json`` (the interactive docs FastAPI would load from
a CDN are off: the UI must work offline; ``/api`` lists the endpoints instead).

Facts an analyst can trust first: every page and endpoint shows by default only the facts at or above
the confidence thresholds (:mod:`khabar.extract.confidence`); ``all_facts=1`` (a switch on every page,
"إظهار الحقائق منخفضة الثقة") shows the facts held back as low-confidence too, marked as such.

Each worker thread opens its own read connection (sqlite3 connections are not shared across threads).
Crawled text reaches the templates only as plain strings under Jinja2's autoescaping, and a strict
Content-Security-Policy forbids inline scripts as a second line of defence.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from khabar.archive import queries
from khabar.archive.clusters import cluster_members, count_outlets
from khabar.archive.filters import EventFilters, SearchFilters
from khabar.archive.search import RANK_CAP, browse, count, document_highlights, facets, search
from khabar.archive.store import Archive
from khabar.web.i18n import count as count_ar
from khabar.web.i18n import country_name, display_url, site_name
from khabar.web.i18n import label as label_ar
from khabar.web.views import (
    bar_chart,
    document_blocks,
    entity_href,
    facts_panel,
    fold_boilerplate,
    network_chart,
    reason_ar,
    safe_url,
    spans_of,
    timeline_chart,
)

__all__ = ["create_app"]

HERE = Path(__file__).resolve().parent
#: longest query accepted (longer ones get a clear 400, not a slow scan)
MAX_QUERY = 500
PER_PAGE = 20
#: deepest page served (a larger number is a 422, never an integer overflow in SQLite)
MAX_PAGE = 100_000

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

LABELS_AR = {
    "PERSON": "شخص",
    "ORG": "منظمة",
    "LOC": "مكان",
    "GPE": "مكان",
    "ROLE": "منصب",
}
KINDS_AR = {
    "title": "العنوان",
    "section": "القسم",
    "heading": "عنوان فرعي",
    "paragraph": "فقرة",
    "byline": "الكاتب",
    "dateline": "مكان الخبر",
    "date": "التاريخ",
    "quote": "اقتباس",
    "list_item": "بند",
    "caption": "تعليق صورة",
}


class _Connections(threading.local):
    archive: Archive | None = None


def _page_links(request: Request, page: int, pages: int) -> dict[str, Any]:
    def at(p: int) -> str:
        params = dict(request.query_params)
        params["page"] = str(p)
        return f"{request.url.path}?{urlencode(params)}"

    return {
        "prev": at(page - 1) if page > 1 else None,
        "next": at(page + 1) if page < pages else None,
    }


#: ``party``: an archive key (person:…, geonames:…) each event must have as an actor or a recipient
PARTY_PARAM = Query(None, description="events whose parties include this key (repeat for several)")


def _all_facts_param() -> Any:
    """The ``all_facts`` query parameter of the API, described once."""
    return Query(
        False,
        description="also the facts held back as low-confidence (below the thresholds), marked "
        "low_confidence; by default only the facts at or above the thresholds",
    )


def _with_facts(href: str) -> str:
    """A link of ours that keeps the all-facts switch on."""
    return href + ("&" if "?" in href else "?") + "all_facts=1"


def _with(request: Request, **changes: str | None) -> str:
    """The current URL with some query parameters set (or removed when None), back on page 1."""
    params = {k: v for k, v in request.query_params.items() if k != "page"}
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = v
    return f"{request.url.path}?{urlencode(params)}" if params else request.url.path


#: rows fetched per query while exporting (the export streams every row, a batch at a time)
EXPORT_BATCH = 500
SEARCH_COLUMNS = ("rank", "id", "title", "site", "published", "score", "snippet")
EVENT_COLUMNS = (
    "document", "title", "published", "date", "type", "type_ar", "mode", "trigger", "actors",
    "recipients", "place", "duration_s", "negated", "future", "confidence", "low_confidence",
)  # fmt: skip


def _export(rows: Iterator[dict[str, Any]], columns: tuple[str, ...], fmt: str, bom: bool, name: str) -> Any:
    """``rows`` streamed as a CSV (UTF-8, CRLF, optional BOM) or JSON Lines download."""
    import csv
    import io

    from fastapi.responses import StreamingResponse

    def csv_chunks() -> Iterator[bytes]:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore")
        w.writeheader()
        yield (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")
        for r in rows:
            buf.seek(0)
            buf.truncate()
            w.writerow(r)
            yield buf.getvalue().encode("utf-8")

    def jsonl_chunks() -> Iterator[bytes]:
        for r in rows:
            yield (json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) + "\n").encode("utf-8")

    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
    return StreamingResponse(
        csv_chunks() if fmt == "csv" else jsonl_chunks(),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


#: the names of the query parameters, as the pages call them
PARAMS_AR = {
    "page": "رقم الصفحة",
    "per_page": "عدد النتائج في الصفحة",
    "q": "نص البحث",
    "date_from": "تاريخ البداية",
    "date_to": "تاريخ النهاية",
    "sort": "الترتيب",
    "type": "نوع الحدث",
    "event_type": "نوع الحدث",
    "all_facts": "إظهار الحقائق منخفضة الثقة",
    "exact": "المطابقة الحرفية",
}


def _arabic_error(err: dict[str, Any], exc: Any) -> str:
    """One invalid query parameter, said in Arabic ("رقم الصفحة: يجب ألا يزيد على 100000")."""
    name = str(err["loc"][-1]) if err.get("loc") else ""
    what = PARAMS_AR.get(name, name)
    ctx = next((e.get("ctx") or {} for e in exc.errors() if str(e.get("loc", [""])[-1]) == name), {})
    kind = str(err.get("type") or "")
    if kind == "less_than_equal":
        why = f"يجب ألا يزيد على {ctx.get('le')}"
    elif kind == "greater_than_equal":
        why = f"يجب ألا يقل عن {ctx.get('ge')}"
    elif kind in ("int_parsing", "int_type"):
        why = "يجب أن يكون عدداً صحيحاً"
    elif kind in ("bool_parsing", "bool_type"):
        why = "يجب أن يكون نعم أو لا (true أو false)"
    elif kind == "string_pattern_mismatch":
        why = "قيمة غير مقبولة"
    else:
        why = "قيمة غير صالحة"
    return f"{what}: {why}"


#: the API's error details (English, for programs) as the pages say them: (pattern, Arabic)
_DETAILS_AR = (
    (
        re.compile(r"the query is (\d+) characters long; the limit is (\d+)"),
        "نص البحث طويل: {0} حرفاً، والحد {1} حرف",
    ),
    (re.compile(r"the query contains a NUL character"), "نص البحث يحوي محرفاً صفرياً غير مسموح به"),
    (re.compile(r"the query could not be run"), "تعذّر تنفيذ البحث؛ جرّب كلمات عادية دون رموز"),
    (re.compile(r"no document with id (.+) in the archive"), "لا وثيقة بهذا المعرّف في الأرشيف"),
    (re.compile(r"no entity (.+) in the archive"), "لا كيان بهذا المفتاح في الأرشيف"),
    (re.compile(r"no event (\d+) in document"), "لا حدث بهذا الرقم في هذه الوثيقة"),
)


def arabic_detail(detail: Any) -> str:
    """An error detail of the API said in Arabic for the pages (the detail itself when unknown)."""
    text = str(detail)
    for rx, ar in _DETAILS_AR:
        m = rx.search(text)
        if m:
            return ar.format(*m.groups())
    return text


def create_app(archive_path: str | Path) -> FastAPI:
    """The web application serving the archive at ``archive_path`` (which must exist)."""
    path = Path(archive_path)
    if not path.exists():
        from khabar.archive.store import missing_archive

        raise missing_archive(path)
    Archive(path).close()  # migrate once, before threads open their own connections

    app = FastAPI(
        title="khabar archive",
        description="Search and browse a khabar archive of Arabic news records.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    env.autoescape = True  # every template, whatever its extension
    env.globals.update(
        entity_href=entity_href,
        labels_ar=LABELS_AR,
        kinds_ar=KINDS_AR,
        archive_name=path.name,
        label_ar=label_ar,
        rank_cap=RANK_CAP,
    )
    env.filters["reason_ar"] = reason_ar
    env.filters["country_name"] = country_name
    env.filters["display_url"] = display_url
    env.filters["site_name"] = site_name  # the outlet's Arabic name for a SaudiNewsNet slug or a host
    env.filters["count_ar"] = count_ar  # Arabic number agreement: {{ n|count_ar('result') }}
    local = _Connections()

    def db() -> Archive:
        if local.archive is None:
            local.archive = Archive(path)
        return local.archive

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"request": request, **ctx}, status_code=status_code)

    def facts(request: Request, all_facts: bool) -> dict[str, Any]:
        """The template context of the low-confidence switch: its state, the link that flips it, and
        link builders that keep it on while it is on."""
        return {
            "all_facts": all_facts,
            "facts_switch": _with(request, all_facts=None if all_facts else "1"),
            "entity_href": (lambda key: _with_facts(entity_href(key))) if all_facts else entity_href,
            "facts_href": _with_facts if all_facts else (lambda href: href),
        }

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return render(
            request, "error.html", exc.status_code, status=exc.status_code, message=arabic_detail(exc.detail)
        )

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()
        ]
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": errors}, status_code=422)
        message = "؛ ".join(_arabic_error(e, exc) for e in errors)
        return render(request, "error.html", 422, status=422, message=message)

    # The landing page's facets count the whole archive (every entity row): cached until a document
    # is added, so opening the UI on a large archive stays fast.
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
        a = db()
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
        a = db()
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

    def _event_rows(filters: EventFilters) -> Iterator[dict[str, Any]]:
        """Every event of the filters, newest first, flattened (the export)."""
        offset = 0
        while True:
            _, evs = queries.events(db(), filters=filters, limit=EXPORT_BATCH, offset=offset)
            for e in evs:
                place = e.get("place") or {}
                yield {
                    "document": e.get("document", ""),
                    "title": e.get("title") or "",
                    "published": e.get("published") or "",
                    "date": e.get("date") or "",
                    "type": e.get("type", ""),
                    "type_ar": label_ar("type", e.get("type")),
                    "mode": e.get("mode") or "",
                    "trigger": (e.get("trigger") or {}).get("text", ""),
                    "actors": " | ".join(x.get("name") or "" for x in e.get("actors") or []),
                    "recipients": " | ".join(x.get("name") or "" for x in e.get("recipients") or []),
                    "place": place.get("name") or "",
                    "duration_s": "" if e.get("duration_s") is None else e["duration_s"],
                    "negated": bool(e.get("negated")),
                    "future": bool(e.get("future")),
                    "confidence": e.get("confidence"),
                    "low_confidence": bool(e.get("low_confidence")),
                }
            if len(evs) < EXPORT_BATCH:
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
            return render(
                request,
                "search.html",
                400,
                q=q,
                exact=exact,
                error=arabic_detail(exc.detail),
                res=None,
                filters=filters,
                **facts(request, all_facts),
            )
        pages = max(1, math.ceil(res["total"] / PER_PAGE))
        entity_name = queries.filter_label(db(), entity) if entity else None
        return render(
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
            links=_page_links(request, page, pages),
            with_=lambda **kw: _with(request, **kw),
            **facts(request, all_facts),
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
        all_facts: bool = _all_facts_param(),
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
            return _export(rows, SEARCH_COLUMNS, format, bom, "khabar-search")
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

    # -- documents -----------------------------------------------------------------------------------
    def load(id: str) -> tuple[int, dict[str, Any]]:
        a = db()
        row = queries.document_row(a, id)
        rec = a.get(row[1]) if row else None
        if row is None or rec is None:
            raise HTTPException(404, f"no document with id {id!r} in the archive")
        return row[0], rec

    def shown_record(rec: dict[str, Any], all_facts: bool) -> dict[str, Any]:
        """The record as a user sees it by default: without the facts held back (``low_confidence``)
        unless ``all_facts``."""
        return rec if all_facts else {k: v for k, v in rec.items() if k != "low_confidence"}

    @app.get("/documents/{id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(
        request: Request, id: str, q: str = "", boilerplate: bool = False, all_facts: bool = False
    ) -> HTMLResponse:
        n, rec = load(id)
        hits = document_highlights(db(), n, q[:MAX_QUERY]) if q.strip() else []
        spans = spans_of(rec, hits, all_facts=all_facts)
        low = rec.get("low_confidence")
        held: dict[str, Any] = low if isinstance(low, dict) else {}
        sig = rec.get("signals")
        signals: dict[str, Any] = sig if isinstance(sig, dict) else {}
        cluster_size = signals.get("cluster_size")
        cluster_size = cluster_size if isinstance(cluster_size, int) and cluster_size > 1 else None
        members = cluster_members(db(), rec["archive_id"], include_self=True) if cluster_size else []
        others = [
            {"id": m.archive_id, "title": m.title, "site": m.site, "published": m.published}
            for m in members
            if m.archive_id != rec["archive_id"]
        ]
        # a cluster counts copies; "published by N outlets" counts the distinct sites among them
        n_outlets = count_outlets(members) if members else None
        src = rec.get("source")
        source: dict[str, Any] = src if isinstance(src, dict) else {}
        removed = [
            b for b in rec.get("blocks") or [] if isinstance(b, dict) and b.get("kind") == "boilerplate"
        ]
        return render(
            request,
            "document.html",
            rec=rec,
            blocks=fold_boilerplate(document_blocks(rec, spans)),
            panel=facts_panel(rec, queries.document_keys(db(), n)),
            removed=len(removed),
            q=q,
            show_boilerplate=boilerplate,
            source=source,
            source_url=safe_url(source.get("uri")),
            cluster_size=cluster_size,
            n_outlets=n_outlets,
            cluster_docs=others,
            record_json=json.dumps(shown_record(rec, all_facts), ensure_ascii=False, indent=1),
            counts={
                "entities": len(rec.get("entities") or []),
                "dates": len(rec.get("dates") or []),
                "quantities": len(rec.get("quantities") or []),
                "events": len(rec.get("events") or []),
            },
            held={
                "entities": len(held.get("entities") or []),
                "events": len(held.get("events") or []),
            },
            **facts(request, all_facts),
        )

    @app.get("/api/documents/{id}", tags=["documents"])
    def api_document(id: str, all_facts: bool = _all_facts_param()) -> dict[str, Any]:
        """The stored ``khabar.record/1`` of a document (archive id or source id), with ``archive_id``:
        its main fields hold the facts at or above the thresholds; with ``all_facts`` the record also
        has ``low_confidence``, the facts held back."""
        return shown_record(load(id)[1], all_facts)

    # -- entities ------------------------------------------------------------------------------------
    groups = {"people": queries.PEOPLE, "places": queries.PLACES, "organisations": queries.ORGS}

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, all_facts: bool = False) -> HTMLResponse:
        a = db()
        return render(
            request,
            "entities.html",
            groups={
                g: queries.top_entities(a, labels, limit=40, all_facts=all_facts)
                for g, labels in groups.items()
            },
            **facts(request, all_facts),
        )

    @app.get("/api/entities", tags=["entities"])
    def api_entities(
        kind: str = Query("people", pattern="^(people|places|organisations)$"),
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0, le=MAX_PAGE * 100),
        all_facts: bool = _all_facts_param(),
    ) -> dict[str, Any]:
        """The entities of one kind mentioned in the most documents."""
        return {
            "kind": kind,
            "results": queries.top_entities(
                db(), groups[kind], limit=limit, offset=offset, all_facts=all_facts
            ),
        }

    def load_entity(key: str, page: int, all_facts: bool) -> dict[str, Any]:
        ent = queries.entity(db(), key, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, all_facts=all_facts)
        if ent is None:
            low = 0 if all_facts else queries.low_confidence_mentions(db(), key)
            if low:
                raise HTTPException(
                    404,
                    f"{key!r} is mentioned in the archive only by {low} low-confidence fact(s), below the "
                    "thresholds; add all_facts=1 to see them",
                )
            raise HTTPException(404, f"no entity {key!r} in the archive")
        return ent

    @app.get("/entities/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(
        request: Request, key: str, page: int = Query(1, ge=1, le=MAX_PAGE), all_facts: bool = False
    ) -> HTMLResponse:
        ent = load_entity(key, page, all_facts)
        pages = max(1, math.ceil(ent["documents_total"] / PER_PAGE))
        return render(
            request,
            "entity.html",
            ent=ent,
            page=page,
            pages=pages,
            links=_page_links(request, page, pages),
            **facts(request, all_facts),
        )

    @app.get("/api/entities/{key:path}", tags=["entities"])
    def api_entity(
        key: str, page: int = Query(1, ge=1, le=MAX_PAGE), all_facts: bool = _all_facts_param()
    ) -> dict[str, Any]:
        """One entity: names, roles over time, documents (20 a page), co-mentioned entities."""
        return load_entity(key, page, all_facts)

    # -- places --------------------------------------------------------------------------------------
    @app.get("/places", response_class=HTMLResponse, include_in_schema=False)
    def places_page(request: Request, all_facts: bool = False) -> HTMLResponse:
        pl = queries.places(db(), all_facts=all_facts)
        top = max((p["documents"] for p in pl), default=1)
        for p in pl:
            # equirectangular, as static/world.svg; area proportional to documents
            p["x"] = round(p["lon"] + 180, 2)
            p["y"] = round(90 - p["lat"], 2)
            p["r"] = round(0.8 + 4.2 * math.sqrt(p["documents"] / top), 2)
        return render(request, "places.html", places=pl, **facts(request, all_facts))

    @app.get("/api/places", tags=["places"])
    def api_places(
        limit: int = Query(500, ge=1, le=5000), all_facts: bool = _all_facts_param()
    ) -> dict[str, Any]:
        """Places with coordinates and how many documents mention them."""
        return {"results": queries.places(db(), limit=limit, all_facts=all_facts)}

    # -- events --------------------------------------------------------------------------------------
    def event_filters(
        type: str | None,
        date_from: str | None,
        date_to: str | None,
        site: str | None,
        q: str | None,
        all_facts: bool,
    ) -> EventFilters:
        """The events queries' filters from the request's parameters (empty ones dropped)."""
        return EventFilters(
            type=type or None,
            date_from=date_from or None,
            date_to=date_to or None,
            site=site or None,
            q=(q or "").strip()[:MAX_QUERY] or None,
            all_facts=all_facts,
        )

    def load_events(
        type: str | None,
        date_from: str | None,
        date_to: str | None,
        site: str | None,
        q: str | None,
        page: int,
        per_page: int,
        all_facts: bool = False,
        parties: list[str] | None = None,
    ) -> dict[str, Any]:
        filters = event_filters(type, date_from, date_to, site, q, all_facts)
        who = tuple(p for p in parties or [] if p)[:4]
        total, evs = queries.events(
            db(), filters=replace(filters, parties=who), limit=per_page, offset=(page - 1) * per_page
        )
        return {
            "total": total,
            "results": evs,
            # the timeline of the filters without the parties: the page's context, not its list
            "timeline": queries.events_timeline(db(), filters=filters),
            "types": queries.event_types(db(), all_facts=all_facts),
        }

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(
        request: Request,
        type: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        site: str | None = None,
        q: str | None = None,
        page: int = Query(1, ge=1, le=MAX_PAGE),
        all_facts: bool = False,
        party: list[str] | None = PARTY_PARAM,
    ) -> HTMLResponse:
        party = party or []
        res = load_events(type, date_from, date_to, site, q, page, 50, all_facts, party)
        pages = max(1, math.ceil(res["total"] / 50))
        return render(
            request,
            "events.html",
            res=res,
            chart=timeline_chart(res["timeline"]),
            filters={
                "type": type or "",
                "date_from": date_from or "",
                "date_to": date_to or "",
                "site": site or "",
                "q": q or "",
            },
            parties=[(p, queries.entity_name(db(), p)) for p in party[:4] if p],
            page=page,
            pages=pages,
            links=_page_links(request, page, pages),
            **facts(request, all_facts),
        )

    @app.get("/events/{document}/{i}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, document: str, i: int, all_facts: bool = False) -> HTMLResponse:
        ev = queries.event(db(), document, i)
        if ev is None:
            raise HTTPException(404, f"no event {i} in document {document!r}")
        return render(request, "event.html", ev=ev, **facts(request, all_facts))

    @app.get("/api/events/{document}/{i}", tags=["events"])
    def api_event(document: str, i: int) -> dict[str, Any]:
        """One event of a document (its archive id and the event's position) with each mention's
        sentence, the trigger marked."""
        ev = queries.event(db(), document, i)
        if ev is None:
            raise HTTPException(404, f"no event {i} in document {document!r}")
        return ev

    @app.get("/meetings", response_class=HTMLResponse, include_in_schema=False)
    def meetings_page(
        request: Request, date_from: str | None = None, date_to: str | None = None, all_facts: bool = False
    ) -> HTMLResponse:
        net = queries.meetings(
            db(), filters=EventFilters(date_from=date_from, date_to=date_to, all_facts=all_facts)
        )
        return render(
            request,
            "meetings.html",
            net=net,
            chart=network_chart(net),
            filters={"date_from": date_from or "", "date_to": date_to or ""},
            **facts(request, all_facts),
        )

    @app.get("/api/meetings", tags=["events"])
    def api_meetings(
        date_from: str | None = None, date_to: str | None = None, all_facts: bool = _all_facts_param()
    ) -> dict[str, Any]:
        """Who met whom: the meetings, visits and calls (CONSULT events) as a network of parties
        (their archive keys: people, places for their countries, organisations), the best-connected
        30 and the pairs among them with how many events link them."""
        return queries.meetings(
            db(), filters=EventFilters(date_from=date_from, date_to=date_to, all_facts=all_facts)
        )

    @app.get("/api/events", tags=["events"])
    def api_events(
        type: str | None = Query(None, description="PLOVER type"),
        date_from: str | None = None,
        date_to: str | None = None,
        site: str | None = None,
        q: str | None = Query(None, description="text in the trigger or the document title"),
        page: int = Query(1, ge=1, le=MAX_PAGE),
        per_page: int = Query(50, ge=1, le=500),
        all_facts: bool = _all_facts_param(),
        format: str | None = Query(
            None,
            pattern="^(csv|jsonl)$",
            description="csv or jsonl: every event of the filters (not one page), streamed as a file",
        ),
        bom: bool = Query(False, description="start the CSV with a UTF-8 byte-order mark (for Excel)"),
    ) -> Any:
        """Events (newest first) with actors, recipients and place resolved to names, their confidence,
        the timeline (counts per period and type) and all event types. With ``format=csv`` or
        ``jsonl``, every event of the filters as a file, one row per event."""
        if format:
            filters = event_filters(type, date_from, date_to, site, q, all_facts)
            return _export(_event_rows(filters), EVENT_COLUMNS, format, bom, "khabar-events")
        return load_events(type, date_from, date_to, site, q, page, per_page, all_facts)

    # -- stats ---------------------------------------------------------------------------------------
    def _by_label(counts: dict[str, int], name: Callable[[str], str]) -> list[tuple[str, int, str | None]]:
        """Counts by code summed under their Arabic label (two codes may read the same: the lexicon's
        ``related`` and ``related_suffix``), most first."""
        out: dict[str, int] = {}
        for code, n in counts.items():
            out[name(code)] = out.get(name(code), 0) + n
        return [(k, n, None) for k, n in sorted(out.items(), key=lambda kv: -kv[1])]

    def load_stats(all_facts: bool = False) -> dict[str, Any]:
        a = db()
        s = a.stats(all_facts=all_facts)
        s["top_sites"] = [{"site": site, "documents": c} for site, c in s["top_sites"]]
        s["published_by_month"] = [{"month": m, "documents": c} for m, c in queries.published_by_month(a)]
        s["outlets"] = queries.outlets(a, all_facts=all_facts)
        return s

    @app.get("/stats", response_class=HTMLResponse, include_in_schema=False)
    def stats_page(request: Request, all_facts: bool = False) -> HTMLResponse:
        s = load_stats(all_facts)
        months = s["published_by_month"]
        return render(
            request,
            "stats.html",
            s=s,
            sites_chart=bar_chart(
                [
                    (site_name(x["site"]), x["documents"], "/?" + urlencode({"site": x["site"]}))
                    for x in s["top_sites"]
                ]
            ),
            rejects_chart=bar_chart(
                [(label_ar("reject", r), c, None) for r, c in s["rejects_by_reason"].items()]
            ),
            removed_chart=bar_chart(_by_label(s["removed_by_reason"], reason_ar)[:15], label_width=260),
            months_chart=timeline_chart(
                [{"period": x["month"], "type": "documents", "count": x["documents"]} for x in months],
                tail=0.0,  # every document counts here; only event dates a text mentions stray far
            ),
            **facts(request, all_facts),
        )

    @app.get("/api/stats", tags=["stats"])
    def api_stats(all_facts: bool = _all_facts_param()) -> dict[str, Any]:
        """Counts: documents, articles, blocks, boilerplate removed by reason, rejects by reason, facts
        (shown, and held back as low-confidence), events, top sites and documents per month."""
        return load_stats(all_facts)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_index(request: Request) -> HTMLResponse:
        schema = app.openapi()
        endpoints = [
            {"path": p, "method": m.upper(), "summary": op.get("summary"), "doc": op.get("description")}
            for p, ops in schema.get("paths", {}).items()
            for m, op in ops.items()
        ]
        return render(request, "api.html", endpoints=endpoints)

    return app
