"""What the web application's parts share: limits, link builders, the export writer, Arabic error
messages, and :class:`Site` (the archive connection, the template renderer and the low-confidence
switch, handed to each part's ``add_routes``)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from khabar.archive.store import Archive

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


class Connections(threading.local):
    archive: Archive | None = None


def page_links(request: Request, page: int, pages: int) -> dict[str, Any]:
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


def all_facts_param() -> Any:
    """The ``all_facts`` query parameter of the API, described once."""
    return Query(
        False,
        description="also the facts held back as low-confidence (below the thresholds), marked "
        "low_confidence; by default only the facts at or above the thresholds",
    )


def with_facts(href: str) -> str:
    """A link of ours that keeps the all-facts switch on."""
    return href + ("&" if "?" in href else "?") + "all_facts=1"


def with_params(request: Request, **changes: str | None) -> str:
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


def export_rows(
    rows: Iterator[dict[str, Any]], columns: tuple[str, ...], fmt: str, bom: bool, name: str
) -> Any:
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


def arabic_error(err: dict[str, Any], exc: Any) -> str:
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


@dataclass(frozen=True)
class Site:
    """What every route of one application uses: ``db()`` the archive (a connection per thread),
    ``render(request, template, status, **context)``, ``facts(request, all_facts)`` the template
    context of the low-confidence switch."""

    db: Callable[[], Archive]
    render: Callable[..., HTMLResponse]
    facts: Callable[[Request, bool], dict[str, Any]]
