"""People, organisations and places: the lists, one entity's page, the map, and their API twins."""

from __future__ import annotations

import math
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from khabar.archive import queries
from khabar.web.common import (
    MAX_PAGE,
    PER_PAGE,
    Site,
    all_facts_param,
    page_links,
)


def add_routes(app: FastAPI, ctx: Site) -> None:
    """Add this part's pages and API endpoints to ``app``."""
    # -- entities ------------------------------------------------------------------------------------
    groups = {"people": queries.PEOPLE, "places": queries.PLACES, "organisations": queries.ORGS}

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, all_facts: bool = False) -> HTMLResponse:
        a = ctx.db()
        return ctx.render(
            request,
            "entities.html",
            groups={
                g: queries.top_entities(a, labels, limit=40, all_facts=all_facts)
                for g, labels in groups.items()
            },
            **ctx.facts(request, all_facts),
        )

    @app.get("/api/entities", tags=["entities"])
    def api_entities(
        kind: str = Query("people", pattern="^(people|places|organisations)$"),
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0, le=MAX_PAGE * 100),
        all_facts: bool = all_facts_param(),
    ) -> dict[str, Any]:
        """The entities of one kind mentioned in the most documents."""
        return {
            "kind": kind,
            "results": queries.top_entities(
                ctx.db(), groups[kind], limit=limit, offset=offset, all_facts=all_facts
            ),
        }

    def load_entity(key: str, page: int, all_facts: bool) -> dict[str, Any]:
        ent = queries.entity(ctx.db(), key, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, all_facts=all_facts)
        if ent is None:
            low = 0 if all_facts else queries.low_confidence_mentions(ctx.db(), key)
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
        return ctx.render(
            request,
            "entity.html",
            ent=ent,
            page=page,
            pages=pages,
            links=page_links(request, page, pages),
            **ctx.facts(request, all_facts),
        )

    @app.get("/api/entities/{key:path}", tags=["entities"])
    def api_entity(
        key: str, page: int = Query(1, ge=1, le=MAX_PAGE), all_facts: bool = all_facts_param()
    ) -> dict[str, Any]:
        """One entity: names, roles over time, documents (20 a page), co-mentioned entities."""
        return load_entity(key, page, all_facts)

    # -- places --------------------------------------------------------------------------------------
    @app.get("/places", response_class=HTMLResponse, include_in_schema=False)
    def places_page(request: Request, all_facts: bool = False) -> HTMLResponse:
        pl = queries.places(ctx.db(), all_facts=all_facts)
        top = max((p["documents"] for p in pl), default=1)
        for p in pl:
            # equirectangular, as static/world.svg; area proportional to documents
            p["x"] = round(p["lon"] + 180, 2)
            p["y"] = round(90 - p["lat"], 2)
            p["r"] = round(0.8 + 4.2 * math.sqrt(p["documents"] / top), 2)
        return ctx.render(request, "places.html", places=pl, **ctx.facts(request, all_facts))

    @app.get("/api/places", tags=["places"])
    def api_places(
        limit: int = Query(500, ge=1, le=5000), all_facts: bool = all_facts_param()
    ) -> dict[str, Any]:
        """Places with coordinates and how many documents mention them."""
        return {"results": queries.places(ctx.db(), limit=limit, all_facts=all_facts)}
