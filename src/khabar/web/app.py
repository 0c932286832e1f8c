"""The archive in the browser: server-rendered pages (FastAPI + Jinja2, right to left) and a JSON API.

:func:`create_app` builds the application for one archive file: the templates, the security headers,
the error pages, then each part's routes (``routes_search``, ``routes_documents``, ``routes_entities``,
``routes_events``, ``routes_stats``; what they share is in :mod:`khabar.web.common`). Pages work
without JavaScript; the only script remembers the boilerplate toggle. Every page has a twin under
``/api/`` returning JSON, described by the OpenAPI schema at ``/api/openapi.json`` (the interactive
docs FastAPI would load from a CDN are off: the UI must work offline; ``/api`` lists the endpoints
instead).

Facts an analyst can trust first: every page and endpoint shows by default only the facts at or above
the confidence thresholds (:mod:`khabar.extract.confidence`); ``all_facts=1`` (a switch on every page,
"إظهار الحقائق منخفضة الثقة") shows the facts held back as low-confidence too, marked as such.

Each worker thread opens its own read connection (sqlite3 connections are not shared across threads).
Crawled text reaches the templates only as plain strings under Jinja2's autoescaping, and a strict
Content-Security-Policy forbids inline scripts as a second line of defence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from khabar.archive.search import RANK_CAP
from khabar.archive.store import Archive
from khabar.web import routes_documents, routes_entities, routes_events, routes_search, routes_stats
from khabar.web.common import (
    CSP,
    HERE,
    KINDS_AR,
    LABELS_AR,
    Connections,
    Site,
    arabic_detail,
    arabic_error,
    with_facts,
    with_params,
)
from khabar.web.i18n import count as count_ar
from khabar.web.i18n import country_name, display_url, site_name
from khabar.web.i18n import label as label_ar
from khabar.web.views import (
    entity_href,
    reason_ar,
)

__all__ = ["create_app"]


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
    local = Connections()

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
            "facts_switch": with_params(request, all_facts=None if all_facts else "1"),
            "entity_href": (lambda key: with_facts(entity_href(key))) if all_facts else entity_href,
            "facts_href": with_facts if all_facts else (lambda href: href),
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
        message = "؛ ".join(arabic_error(e, exc) for e in errors)
        return render(request, "error.html", 422, status=422, message=message)

    # each part of the site adds its pages and their API twins (khabar/web/routes_*.py), in this order
    ctx = Site(db=db, render=render, facts=facts)
    for part in (routes_search, routes_documents, routes_entities, routes_events, routes_stats):
        part.add_routes(app, ctx)

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
