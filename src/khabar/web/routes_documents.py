"""A stored document: its page (display text with highlights, removed blocks, facts panel) and
``/api/documents/{id}``."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse

from khabar.archive import queries
from khabar.archive.clusters import cluster_members, count_outlets
from khabar.archive.search import document_highlights
from khabar.web.common import (
    MAX_QUERY,
    Site,
    all_facts_param,
)
from khabar.web.views import (
    document_blocks,
    facts_panel,
    fold_boilerplate,
    safe_url,
    spans_of,
)


def add_routes(app: FastAPI, ctx: Site) -> None:
    """Add this part's pages and API endpoints to ``app``."""

    # -- documents -----------------------------------------------------------------------------------
    def load(id: str) -> tuple[int, dict[str, Any]]:
        a = ctx.db()
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
        hits = document_highlights(ctx.db(), n, q[:MAX_QUERY]) if q.strip() else []
        spans = spans_of(rec, hits, all_facts=all_facts)
        low = rec.get("low_confidence")
        held: dict[str, Any] = low if isinstance(low, dict) else {}
        sig = rec.get("signals")
        signals: dict[str, Any] = sig if isinstance(sig, dict) else {}
        cluster_size = signals.get("cluster_size")
        cluster_size = cluster_size if isinstance(cluster_size, int) and cluster_size > 1 else None
        members = cluster_members(ctx.db(), rec["archive_id"], include_self=True) if cluster_size else []
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
        return ctx.render(
            request,
            "document.html",
            rec=rec,
            blocks=fold_boilerplate(document_blocks(rec, spans)),
            panel=facts_panel(rec, queries.document_keys(ctx.db(), n)),
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
            **ctx.facts(request, all_facts),
        )

    @app.get("/api/documents/{id}", tags=["documents"])
    def api_document(id: str, all_facts: bool = all_facts_param()) -> dict[str, Any]:
        """The stored ``khabar.record/1`` of a document (archive id or source id), with ``archive_id``:
        its main fields hold the facts at or above the thresholds; with ``all_facts`` the record also
        has ``low_confidence``, the facts held back."""
        return shown_record(load(id)[1], all_facts)
