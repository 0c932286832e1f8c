"""Events: the list with its timeline, one event with its sentences, who met whom, and their API
twins (with CSV and JSON Lines export)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from khabar.archive import queries
from khabar.archive.filters import EventFilters
from khabar.web.charts import network_chart, timeline_chart
from khabar.web.common import (
    EVENT_COLUMNS,
    EXPORT_BATCH,
    MAX_PAGE,
    MAX_QUERY,
    PARTY_PARAM,
    Site,
    all_facts_param,
    export_rows,
    page_links,
)
from khabar.web.i18n import label as label_ar


def add_routes(app: FastAPI, ctx: Site) -> None:
    """Add this part's pages and API endpoints to ``app``."""

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
            ctx.db(), filters=replace(filters, parties=who), limit=per_page, offset=(page - 1) * per_page
        )
        return {
            "total": total,
            "results": evs,
            # the timeline of the filters without the parties: the page's context, not its list
            "timeline": queries.events_timeline(ctx.db(), filters=filters),
            "types": queries.event_types(ctx.db(), all_facts=all_facts),
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
        return ctx.render(
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
            parties=[(p, queries.entity_name(ctx.db(), p)) for p in party[:4] if p],
            page=page,
            pages=pages,
            links=page_links(request, page, pages),
            **ctx.facts(request, all_facts),
        )

    @app.get("/events/{document}/{i}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, document: str, i: int, all_facts: bool = False) -> HTMLResponse:
        ev = queries.event(ctx.db(), document, i)
        if ev is None:
            raise HTTPException(404, f"no event {i} in document {document!r}")
        return ctx.render(request, "event.html", ev=ev, **ctx.facts(request, all_facts))

    @app.get("/api/events/{document}/{i}", tags=["events"])
    def api_event(document: str, i: int) -> dict[str, Any]:
        """One event of a document (its archive id and the event's position) with each mention's
        sentence, the trigger marked."""
        ev = queries.event(ctx.db(), document, i)
        if ev is None:
            raise HTTPException(404, f"no event {i} in document {document!r}")
        return ev

    @app.get("/meetings", response_class=HTMLResponse, include_in_schema=False)
    def meetings_page(
        request: Request, date_from: str | None = None, date_to: str | None = None, all_facts: bool = False
    ) -> HTMLResponse:
        net = queries.meetings(
            ctx.db(), filters=EventFilters(date_from=date_from, date_to=date_to, all_facts=all_facts)
        )
        return ctx.render(
            request,
            "meetings.html",
            net=net,
            chart=network_chart(net),
            filters={"date_from": date_from or "", "date_to": date_to or ""},
            **ctx.facts(request, all_facts),
        )

    @app.get("/api/meetings", tags=["events"])
    def api_meetings(
        date_from: str | None = None, date_to: str | None = None, all_facts: bool = all_facts_param()
    ) -> dict[str, Any]:
        """Who met whom: the meetings, visits and calls (CONSULT events) as a network of parties
        (their archive keys: people, places for their countries, organisations), the best-connected
        30 and the pairs among them with how many events link them."""
        return queries.meetings(
            ctx.db(), filters=EventFilters(date_from=date_from, date_to=date_to, all_facts=all_facts)
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
        all_facts: bool = all_facts_param(),
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
            return export_rows(_event_rows(filters), EVENT_COLUMNS, format, bom, "khabar-events")
        return load_events(type, date_from, date_to, site, q, page, per_page, all_facts)

    def _event_rows(filters: EventFilters) -> Iterator[dict[str, Any]]:
        """Every event of the filters, newest first, flattened (the export)."""
        offset = 0
        while True:
            _, evs = queries.events(ctx.db(), filters=filters, limit=EXPORT_BATCH, offset=offset)
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
