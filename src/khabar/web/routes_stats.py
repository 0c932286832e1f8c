"""The archive's statistics page and ``/api/stats``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from khabar.archive import queries
from khabar.web.charts import bar_chart, timeline_chart
from khabar.web.common import (
    Site,
    all_facts_param,
)
from khabar.web.i18n import label as label_ar
from khabar.web.i18n import site_name
from khabar.web.views import reason_ar


def add_routes(app: FastAPI, ctx: Site) -> None:
    """Add this part's pages and API endpoints to ``app``."""

    # -- stats ---------------------------------------------------------------------------------------
    def _by_label(counts: dict[str, int], name: Callable[[str], str]) -> list[tuple[str, int, str | None]]:
        """Counts by code summed under their Arabic label (two codes may read the same: the lexicon's
        ``related`` and ``related_suffix``), most first."""
        out: dict[str, int] = {}
        for code, n in counts.items():
            out[name(code)] = out.get(name(code), 0) + n
        return [(k, n, None) for k, n in sorted(out.items(), key=lambda kv: -kv[1])]

    def load_stats(all_facts: bool = False) -> dict[str, Any]:
        a = ctx.db()
        s = a.stats(all_facts=all_facts)
        s["top_sites"] = [{"site": site, "documents": c} for site, c in s["top_sites"]]
        s["published_by_month"] = [{"month": m, "documents": c} for m, c in queries.published_by_month(a)]
        s["outlets"] = queries.outlets(a, all_facts=all_facts)
        return s

    @app.get("/stats", response_class=HTMLResponse, include_in_schema=False)
    def stats_page(request: Request, all_facts: bool = False) -> HTMLResponse:
        s = load_stats(all_facts)
        months = s["published_by_month"]
        return ctx.render(
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
            **ctx.facts(request, all_facts),
        )

    @app.get("/api/stats", tags=["stats"])
    def api_stats(all_facts: bool = all_facts_param()) -> dict[str, Any]:
        """Counts: documents, articles, blocks, boilerplate removed by reason, rejects by reason, facts
        (shown, and held back as low-confidence), events, top sites and documents per month."""
        return load_stats(all_facts)
