"""Read-only questions the web UI (and scripts) ask an archive beyond full-text search: an entity
across documents, the places with coordinates, the events, and counts over time.

Entities are grouped across documents by their ``key`` (:func:`khabar.archive.store.entity_key`):
a gazetteer id for linked places, the cross-document key of the person ref for people, label and
normalised text else.
Every function returns plain dicts and lists, ready for JSON.

Confidence: by default every question counts only the facts shown (rows with ``low = 0``: at or above
the confidence thresholds the records were processed with); ``all_facts=True`` counts the facts held
back as low-confidence too, and marks what rests on them alone (``low_confidence``: every mention of
an entity, of a place, or the event itself below its threshold).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from khabar.archive.filters import (  # shown: re-exported, its home before filters.py
    NO_EVENT_FILTERS,
    EventFilters,
    shown,
)
from khabar.archive.names import best_name, key_name
from khabar.extract.names import NASAB

if TYPE_CHECKING:
    from khabar.archive.store import Archive

__all__ = [
    "document_row",
    "entity",
    "event_types",
    "events",
    "events_timeline",
    "low_confidence_mentions",
    "places",
    "published_by_month",
    "shown",
    "top_entities",
]

#: entity labels shown as people, places and organisations
PEOPLE = ("PERSON",)
PLACES = ("LOC", "GPE")
ORGS = ("ORG",)


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" * len(values))


def document_row(archive: Archive, id: str) -> tuple[int, str] | None:
    """``(n, archive id)`` of a document by its archive id, or by its source id (first stored)."""
    row = archive.conn.execute("SELECT n, id FROM documents WHERE id = ?", (id,)).fetchone()
    if row is None:
        row = archive.conn.execute(
            "SELECT n, id FROM documents WHERE source_id = ? ORDER BY n LIMIT 1", (id,)
        ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def _name(archive: Archive, key: str) -> str:
    """What a reader calls the entity ``key``: its commonest surface form, clitic forms folded
    (:func:`khabar.archive.names.display_name`); the key itself when the archive has no mention of it."""
    return key_name(archive.conn, key)


def top_entities(
    archive: Archive,
    labels: tuple[str, ...] = PEOPLE,
    *,
    limit: int = 50,
    offset: int = 0,
    all_facts: bool = False,
) -> list[dict[str, Any]]:
    """The entities with these labels mentioned in the most documents: key, name, label, documents,
    mentions, and ``low_confidence`` (every mention counted is held back; only with ``all_facts``)."""
    rows = archive.conn.execute(
        "SELECT key, min(label), count(DISTINCT doc) d, count(*) m, min(low) FROM entities "
        f"WHERE key IS NOT NULL AND label IN ({_marks(labels)}){shown('', all_facts)} GROUP BY key "
        "ORDER BY d DESC, m DESC, key LIMIT ? OFFSET ?",
        (*labels, limit, offset),
    ).fetchall()
    return [
        {
            "key": k,
            "name": _name(archive, k),
            "label": lab,
            "documents": d,
            "mentions": m,
            "low_confidence": bool(lo),
        }
        for k, lab, d, m, lo in rows
    ]


def low_confidence_mentions(archive: Archive, key: str) -> int:
    """How many held-back (low-confidence) mentions an entity key has."""
    row = archive.conn.execute("SELECT count(*) FROM entities WHERE key = ? AND low = 1", (key,)).fetchone()
    return int(row[0])


def entity(
    archive: Archive, key: str, *, limit: int = 50, offset: int = 0, all_facts: bool = False
) -> dict[str, Any] | None:
    """One entity across the archive, or None: its names, roles over time (from the people refs,
    dated by the documents' publication), the documents that mention it (newest first) and the
    people, places and organisations mentioned with it most often. Only shown (not low-confidence)
    mentions count unless ``all_facts``; then ``low_confidence`` says whether every one is held back,
    and each document whether its mentions are."""
    conn = archive.conn
    sh, she = shown("", all_facts), shown("e.", all_facts)
    names = conn.execute(
        f"SELECT text, count(*) c FROM entities WHERE key = ?{sh} GROUP BY text ORDER BY c DESC, text", (key,)
    ).fetchall()
    if not names:
        return None
    label, low = conn.execute(
        f"SELECT label, min(low) FROM entities WHERE key = ?{sh} GROUP BY label "
        "ORDER BY count(*) DESC LIMIT 1",
        (key,),
    ).fetchone()
    ndocs = int(
        conn.execute(f"SELECT count(DISTINCT doc) FROM entities WHERE key = ?{sh}", (key,)).fetchone()[0]
    )
    docs = conn.execute(
        "SELECT d.id, d.title, d.site, d.published, count(*), min(e.low) FROM entities e "
        f"JOIN documents d ON d.n = e.doc WHERE e.key = ?{she} GROUP BY d.n "
        "ORDER BY d.published IS NULL, d.published DESC, d.n DESC LIMIT ? OFFSET ?",
        (key, limit, offset),
    ).fetchall()
    # roles: the refs this key points at in each document, with the roles found there
    roles: list[dict[str, Any]] = []
    place: dict[str, Any] | None = None
    for did, title, published, data in conn.execute(
        "SELECT DISTINCT d.id, d.title, d.published, r.data FROM entities e "
        "JOIN refs r ON r.doc = e.doc AND r.ref = e.ref JOIN documents d ON d.n = e.doc "
        f"WHERE e.key = ?{she}{shown('r.', all_facts)} ORDER BY d.published IS NULL, d.published, d.n",
        (key,),
    ):
        ref = json.loads(data)
        if ref.get("lat") is not None and place is None:
            place = {k: ref.get(k) for k in ("name", "country", "lat", "lon", "source_id")}
        for r in ref.get("roles") or []:
            if isinstance(r, dict) and r.get("role"):
                roles.append(
                    {
                        "role": r["role"],
                        "country": r.get("country"),
                        "org": (r.get("org") or {}).get("name"),
                        "text": r.get("text"),
                        "published": published,
                        "document": did,
                        "title": title,
                    }
                )
    co: dict[str, list[dict[str, Any]]] = {}
    for group, labels in (("people", PEOPLE), ("places", PLACES), ("organisations", ORGS)):
        rows = conn.execute(
            "SELECT e2.key, count(DISTINCT e2.doc) c FROM entities e2 WHERE e2.doc IN "
            f"(SELECT doc FROM entities WHERE key = ?{sh}) AND e2.key IS NOT NULL AND e2.key != ? "
            f"AND e2.label IN ({_marks(labels)}){shown('e2.', all_facts)} GROUP BY e2.key "
            "ORDER BY c DESC, e2.key LIMIT 15",
            (key, key, *labels),
        ).fetchall()
        co[group] = [{"key": k, "name": _name(archive, k), "documents": c} for k, c in rows]
    # people are keyed by their name (khabar.extract.names.person_key): "الأسد" here, "بشار الأسد"
    # there. The keys sharing the family name are offered as possibly the same person (a reader
    # decides; we do not merge).
    # A name that ends in a father's name (محمد بن سلمان) has no family name to share: his father
    # (سلمان) is not "possibly the same person", and a father's page does not list his sons.
    related: list[dict[str, Any]] = []
    words = key[7:].split() if key.startswith("person:") else []
    if words and not (len(words) >= 2 and words[-2] in NASAB):
        last = words[-1]
        rows = conn.execute(
            "SELECT key, count(DISTINCT doc) c FROM entities WHERE (key = ? OR key LIKE ?) AND key != ? "
            f"AND key NOT LIKE ? AND key NOT LIKE ? AND key NOT LIKE ?{sh} "
            "GROUP BY key ORDER BY c DESC, key LIMIT 10",
            (
                "person:" + last,
                "person:% " + last,
                key,
                *(f"person:% {n} {last}" for n in sorted(NASAB)),
            ),
        ).fetchall()
        # named by their longest form ("بشار الأسد"), which is what tells them apart from this one
        related = [
            {
                "key": k,
                "name": conn.execute(
                    "SELECT text FROM entities WHERE key = ? ORDER BY length(text) DESC, text LIMIT 1", (k,)
                ).fetchone()[0],
                "documents": c,
            }
            for k, c in rows
        ]
    return {
        "key": key,
        "name": names[0][0],
        "related": related,
        "label": label,
        "low_confidence": bool(low),
        "low_confidence_mentions": low_confidence_mentions(archive, key),
        "names": [{"text": t, "mentions": c} for t, c in names],
        "place": place,
        "documents_total": ndocs,
        "documents": [
            {"id": i, "title": t, "site": s, "published": p, "mentions": m, "low_confidence": bool(lo)}
            for i, t, s, p, m, lo in docs
        ],
        "roles": roles,
        "co_mentioned": co,
    }


def places(archive: Archive, *, limit: int = 500, all_facts: bool = False) -> list[dict[str, Any]]:
    """Places with coordinates (gazetteer-linked mentions), most documents first: key, name, lat, lon,
    country, documents, mentions, up to three documents to link to, and ``low_confidence`` (every
    mention counted is held back; only with ``all_facts``)."""
    rows = archive.conn.execute(
        "SELECT key, avg(json_extract(attrs, '$.lat')), avg(json_extract(attrs, '$.lon')), "
        "max(json_extract(attrs, '$.country')), count(DISTINCT doc) d, count(*) m, min(low) FROM entities "
        f"WHERE key IS NOT NULL AND label IN ({_marks(PLACES)}) AND json_extract(attrs, '$.lat') IS NOT NULL"
        f"{shown('', all_facts)} GROUP BY key ORDER BY d DESC, m DESC LIMIT ?",
        (*PLACES, limit),
    ).fetchall()
    out = []
    for key, lat, lon, country, d, m, low in rows:
        docs = archive.conn.execute(
            "SELECT DISTINCT d.id, d.title FROM entities e JOIN documents d ON d.n = e.doc WHERE e.key = ?"
            f"{shown('e.', all_facts)} ORDER BY d.published IS NULL, d.published DESC LIMIT 3",
            (key,),
        ).fetchall()
        out.append(
            {
                "key": key,
                "name": _name(archive, key),
                "lat": round(float(lat), 4),
                "lon": round(float(lon), 4),
                "country": country,
                "documents": d,
                "mentions": m,
                "low_confidence": bool(low),
                "articles": [{"id": i, "title": t} for i, t in docs],
            }
        )
    return out


def events(
    archive: Archive,
    *,
    filters: EventFilters = NO_EVENT_FILTERS,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """``(total, events)`` passing the filters, newest article first; actors, recipients and place are given
    as ``{"ref", "name", "key"}`` resolved through the document's refs. Each is a document-level event
    (``mentions``: how many of its sentences name it; 1 for records from before issue 13). Only the
    events shown (at or above the event threshold) unless ``filters.all_facts``; each has its ``confidence``
    (None: not given, counts as 1.0) and ``low_confidence``. ``unlinked`` lists the parties whose link
    was held back (a low-confidence ref): ``{"role", "text"}``, the mention as written, shown without a
    link."""
    where, params = filters.where()
    conn = archive.conn
    total = int(
        conn.execute(
            f"SELECT count(*) FROM events ev JOIN documents d ON d.n = ev.doc WHERE {where}", params
        ).fetchone()[0]
    )
    rows = conn.execute(
        "SELECT ev.doc, ev.i, d.id, d.title, d.published, ev.type, ev.mode, ev.trigger_start, "
        "ev.trigger_end, "
        "ev.trigger_text, ev.actors, ev.recipients, ev.place, ev.date, ev.duration_s, ev.negated, ev.future, "
        "ev.confidence, ev.low, ev.data, coalesce(json_array_length(ev.data, '$.mentions'), 1) "
        f"FROM events ev JOIN documents d ON d.n = ev.doc WHERE {where} "
        # by the article's date: an event's own date may be far off (a plan for 2030, a misread year)
        "ORDER BY d.published IS NULL, d.published DESC, ev.doc DESC, ev.i "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    out = []
    for row in rows:
        n, i, did, title, pub, typ, mode, ts, te, tt, actors, recips, place, date, dur, neg, fut = row[:17]
        conf, low, data, nm = row[17:]

        def resolve(ref: str, n: int = n) -> dict[str, Any]:
            row = conn.execute("SELECT data, low FROM refs WHERE doc = ? AND ref = ?", (n, ref)).fetchone()
            data = json.loads(row[0]) if row else {}
            key = conn.execute(
                "SELECT key FROM entities WHERE doc = ? AND ref = ? AND key IS NOT NULL LIMIT 1", (n, ref)
            ).fetchone()
            # the name as the archive's pages write it (gazetteer refs are named in English)
            name = _name(archive, key[0]) if key else data.get("name") or ref
            return {
                "ref": ref,
                "name": name,
                "key": key[0] if key else None,
                "low_confidence": bool(row and row[1]),
            }

        out.append(
            {
                "document": did,
                "title": title,
                "published": pub,
                "i": i,
                "type": typ,
                "mode": mode,
                "trigger": {"start": ts, "end": te, "text": tt},
                "actors": [resolve(r) for r in json.loads(actors) if isinstance(r, str)],
                "recipients": [resolve(r) for r in json.loads(recips) if isinstance(r, str)],
                "place": resolve(place) if place else None,
                "date": date,
                "duration_s": dur,
                "negated": bool(neg),
                "future": bool(fut),
                "confidence": conf,
                "low_confidence": bool(low),
                "unlinked": _unlinked(data),
                # a document-level event: how many sentences name it
                "mentions": int(nm),
            }
        )
    return total, out


def _unlinked(data: str | None) -> list[dict[str, Any]]:
    """The parties of a stored event whose link the confidence gate took out (``low_confidence_refs``
    pointing into ``arguments``), as the text names them."""
    ev = json.loads(data) if data else {}
    out = []
    args = ev.get("arguments") if isinstance(ev, dict) else None
    for entry in (ev.get("low_confidence_refs") or []) if isinstance(ev, dict) else []:
        at = entry.get("at") if isinstance(entry, dict) else None
        parts = at.split("/") if isinstance(at, str) else []
        if len(parts) == 4 and parts[1] == "arguments" and parts[3] == "ref" and parts[2].isdigit():
            k = int(parts[2])
            a = args[k] if isinstance(args, list) and k < len(args) else None
            if isinstance(a, dict) and a.get("text"):
                out.append({"role": a.get("role"), "text": a["text"], "ref": entry.get("ref")})
    return out


def event_types(archive: Archive, *, all_facts: bool = False) -> list[tuple[str, int]]:
    """Every event type in the archive with its count (shown events unless ``all_facts``), most
    frequent first."""
    return [
        (t, int(c))
        for t, c in archive.conn.execute(
            f"SELECT type, count(*) c FROM events WHERE 1{shown('', all_facts)} GROUP BY type ORDER BY c DESC"
        )
    ]


#: the longest corpus span (days) whose events are binned per week; longer spans per month
WEEKLY_MAX_DAYS = 400


def events_timeline(
    archive: Archive,
    *,
    filters: EventFilters = NO_EVENT_FILTERS,
) -> list[dict[str, Any]]:
    """Events per period and type (``{"period", "type", "count"}``, oldest first): per day when the
    articles holding them span at most 62 days (a crawl of a few weeks), per week (``W`` and the
    week's Saturday, ``W2015-03-07``: the week most Arab newsrooms keep) up to 400 days, else per
    month. The span is the articles' (the corpus'), not the events' own dates: a text's 1967 or 2030
    would otherwise force monthly bars on a three-week corpus. Shown events unless ``filters.all_facts``."""
    where, params = filters.where()
    when = "coalesce(ev.date, d.published)"
    span = archive.conn.execute(
        "SELECT min(substr(d.published, 1, 10)), max(substr(d.published, 1, 10)) FROM events ev "
        f"JOIN documents d ON d.n = ev.doc WHERE {where} AND length(d.published) >= 10",
        params,
    ).fetchone()
    width, weekly = 7, False
    if span and span[0] and span[1]:
        days = archive.conn.execute("SELECT julianday(?) - julianday(?)", (span[1], span[0])).fetchone()[0]
        if days is not None and days <= 62:
            width = 10
        elif days is not None and days <= WEEKLY_MAX_DAYS:
            width, weekly = 10, True
    # 'weekday 5' moves to the Friday on or after the day, '-6 days' back to the Saturday opening its week
    period = (
        f"'W' || date(substr({when}, 1, 10), 'weekday 5', '-6 days')" if weekly else f"substr({when}, 1, ?)"
    )
    rows = archive.conn.execute(
        f"SELECT {period} p, ev.type, count(*) FROM events ev JOIN documents d ON d.n = ev.doc "
        f"WHERE {where} AND length({when}) >= ? AND p IS NOT NULL GROUP BY p, ev.type ORDER BY p, ev.type",
        [*params, width] if weekly else [width, *params, width],
    ).fetchall()
    return [{"period": p, "type": t, "count": int(c)} for p, t, c in rows]


def published_by_month(archive: Archive) -> list[tuple[str, int]]:
    """Documents per publication month (``YYYY-MM``), oldest first."""
    return [
        (p, int(c))
        for p, c in archive.conn.execute(
            "SELECT substr(published, 1, 7) p, count(*) FROM documents WHERE length(published) >= 7 "
            "GROUP BY p ORDER BY p"
        )
    ]


def meetings(
    archive: Archive,
    *,
    filters: EventFilters = NO_EVENT_FILTERS,
    max_nodes: int = 30,
) -> dict[str, Any]:
    """Who met whom: the CONSULT events (meetings, visits, calls) as a network of the parties' keys
    (people, and places standing for their countries), ``{"nodes": [{"key", "name", "kind",
    "degree"}], "edges": [{"a", "b", "events"}]}``, the ``max_nodes`` best-connected parties and the
    edges between them. A party is its archive key, so King Salman is one node however he is written."""
    # the meetings of the date range: the other event filters do not apply to a network
    where, params = EventFilters(
        type="CONSULT", date_from=filters.date_from, date_to=filters.date_to, all_facts=filters.all_facts
    ).where()
    conn = archive.conn
    rows = conn.execute(
        "SELECT ev.doc, ev.actors, ev.recipients FROM events ev JOIN documents d ON d.n = ev.doc "
        f"WHERE {where}",
        params,
    ).fetchall()
    docs = sorted({r[0] for r in rows})
    keys: dict[tuple[int, str], tuple[str, str, str]] = {}
    for i in range(0, len(docs), 500):
        part = docs[i : i + 500]
        for doc, ref, key, text, label in conn.execute(
            "SELECT doc, ref, key, text, label FROM entities WHERE key IS NOT NULL AND ref IS NOT NULL "
            f"AND doc IN ({', '.join('?' * len(part))})",
            part,
        ):
            keys.setdefault((doc, ref), (key, text, label))
    edges: dict[tuple[str, str], int] = {}
    names: dict[str, dict[str, int]] = {}
    kinds: dict[str, str] = {}
    for doc, actors, recipients in rows:
        sides = []
        for side in (actors, recipients):
            ks = set()
            for ref in json.loads(side or "[]"):
                hit = keys.get((doc, ref))
                if hit is None or hit[2] not in ("PERSON", "LOC", "GPE", "ORG"):
                    continue
                key, text, label = hit
                ks.add(key)
                names.setdefault(key, {})[text] = names.get(key, {}).get(text, 0) + 1
                kinds[key] = "person" if label == "PERSON" else "org" if label == "ORG" else "place"
            sides.append(ks)
        for a in sides[0]:
            for b in sides[1]:
                if a != b:
                    pair = (a, b) if a < b else (b, a)
                    edges[pair] = edges.get(pair, 0) + 1
    degree: dict[str, int] = {}
    for (a, b), n in edges.items():
        degree[a] = degree.get(a, 0) + n
        degree[b] = degree.get(b, 0) + n
    top = sorted(degree, key=lambda k: (-degree[k], k))[:max_nodes]
    keep = set(top)
    return {
        "nodes": [
            {
                "key": k,
                "name": best_name(names[k]),
                "kind": kinds[k],
                "degree": degree[k],
            }
            for k in top
        ],
        "edges": [
            {"a": a, "b": b, "events": n}
            for (a, b), n in sorted(edges.items(), key=lambda kv: -kv[1])
            if a in keep and b in keep
        ],
    }


def entity_name(archive: Archive, key: str) -> str:
    """How the archive most often writes the entity ``key`` (the key itself when it is not there)."""
    return _name(archive, key)


def filter_label(archive: Archive, entity: str) -> str:
    """How the search page names its entity filter, which may be a key (``person:الاسد``), a
    per-document ref (``person:1``) or a name: the key's commonest form, else a ref's text, else the
    value as given."""
    name = _name(archive, entity)
    if name != entity:
        return name
    row = archive.conn.execute("SELECT text FROM entities WHERE ref = ? LIMIT 1", (entity,)).fetchone()
    return str(row[0]) if row else entity


def document_keys(archive: Archive, n: int) -> dict[str, str]:
    """The cross-document key of each of a stored document's refs that has one (``{ref: key}``),
    for linking its facts panel to the entity pages."""
    rows = archive.conn.execute("SELECT ref, key FROM entities WHERE doc = ? AND key IS NOT NULL", (n,))
    return {str(ref): str(key) for ref, key in rows}


def archive_stamp(archive: Archive) -> tuple[int, int | None]:
    """``(documents, last row number)``: changes whenever a document is added or deleted, the key of
    caches over the whole archive (the landing page's facets)."""
    count, last = archive.conn.execute("SELECT count(*), max(n) FROM documents").fetchone()
    return int(count), None if last is None else int(last)


def event(archive: Archive, document: str, index: int) -> dict[str, Any] | None:
    """One event of a stored document (its archive id and the event's position ``i``), shown or held
    back, as :func:`events` gives it, with ``sentences``: each mention's sentence of the document's
    text, its trigger marked (``{"before", "trigger", "after"}``)."""
    _, evs = events(archive, filters=EventFilters(document=document, index=index, all_facts=True), limit=1)
    if not evs:
        return None
    ev = evs[0]
    row = archive.conn.execute(
        "SELECT d.text, ev.data FROM events ev JOIN documents d ON d.n = ev.doc WHERE d.id = ? AND ev.i = ?",
        (document, index),
    ).fetchone()
    text, data = row[0], json.loads(row[1])
    mentions = data.get("mentions") if isinstance(data.get("mentions"), list) else [data]
    sentences = []
    for m in mentions:
        s, t = m.get("sentence") or {}, m.get("trigger") or {}
        a, b, ts, te = s.get("start"), s.get("end"), t.get("start"), t.get("end")
        if not (isinstance(a, int) and isinstance(b, int) and isinstance(ts, int) and isinstance(te, int)):
            continue
        if not a <= ts <= te <= b:
            continue
        sentences.append({"before": text[a:ts], "trigger": text[ts:te], "after": text[te:b], "start": a})
    ev["sentences"] = sentences
    ev["duration_text"] = (data.get("duration_span") or {}).get("text") if isinstance(data, dict) else None
    return ev


def outlets(archive: Archive, *, all_facts: bool = False, top: int = 20) -> list[dict[str, Any]]:
    """Outlets side by side: per site (the ``top`` with most documents) its documents, events by
    PLOVER type, and the countries its places are in (``{"site", "documents", "events": {type: n},
    "countries": [(code, n), ...]}``), shown facts unless ``all_facts``."""
    conn = archive.conn
    sites = conn.execute(
        "SELECT site, count(*) FROM documents WHERE site IS NOT NULL GROUP BY site "
        "ORDER BY 2 DESC, 1 LIMIT ?",
        (top,),
    ).fetchall()
    out = []
    for site, n in sites:
        ev = dict(
            conn.execute(
                "SELECT ev.type, count(*) FROM events ev JOIN documents d ON d.n = ev.doc "
                f"WHERE d.site = ?{shown('ev.', all_facts)} GROUP BY ev.type ORDER BY 2 DESC",
                (site,),
            ).fetchall()
        )
        countries = conn.execute(
            "SELECT json_extract(r.data, '$.country') c, count(DISTINCT r.doc) FROM refs r "
            "JOIN documents d ON d.n = r.doc WHERE d.site = ? AND json_extract(r.data, '$.kind') = 'place' "
            f"AND c IS NOT NULL{shown('r.', all_facts)} GROUP BY c ORDER BY 2 DESC LIMIT 5",
            (site,),
        ).fetchall()
        where = [(c, int(k)) for c, k in countries]
        out.append({"site": site, "documents": int(n), "events": ev, "countries": where})
    return out
