"""Highlight segments and chart geometry: pure functions, no server."""

from __future__ import annotations

import math
from datetime import date, timedelta

from khabar.web.charts import bar_chart, timeline_chart
from khabar.web.views import (
    Span,
    direction,
    document_blocks,
    safe_url,
    segments,
    spans_of,
)


def test_segments_cover_the_text_exactly() -> None:
    text = "وزير الدفاع الروسي شويغو في موسكو"
    spans = [
        Span(0, 18, "ent ent-ROLE", None, "ROLE"),
        Span(12, 18, "ent ent-LOC", "/entities/x", "LOC"),
        Span(19, 24, "ent ent-PERSON", "/entities/person:شويغو"),
        Span(28, 33, "qhit"),
    ]
    segs = segments(text, 0, len(text), spans)
    assert "".join(s.text for s in segs) == text
    role_loc = next(s for s in segs if s.text == "الروسي")
    assert (
        role_loc.classes == ["ent", "ent-LOC", "ent-ROLE"] and role_loc.href == "/entities/x"
    )  # innermost link
    assert role_loc.title == "LOC | ROLE"
    assert next(s for s in segs if s.text == "وزير الدفاع ").href is None
    assert next(s for s in segs if s.text == "موسكو").classes == ["qhit"]


def test_spans_of_skips_malformed_and_out_of_bounds() -> None:
    rec = {
        "text": "زيارة الأسد إلى موسكو",
        "refs": {"person:1": {"name": "الأسد"}},
        "entities": [
            {"label": "PERSON", "text": "الأسد", "start": 6, "end": 11, "ref": "person:1"},
            {"label": "LOC", "text": "x", "start": 50, "end": 60},  # out of bounds
            {"label": "LOC", "text": "x", "start": "1", "end": 2},  # not an int
            "junk",
        ],
        "dates": [{"text": "x", "start": 0, "end": 0, "value": "2021-01-01"}],  # empty
        "quantities": [{"text": "x", "start": 0, "end": 5, "kind": "count", "value": 3, "approx": True}],
        "events": [
            {"type": "CONSULT", "mode": "visit", "trigger": {"start": 0, "end": 5}, "future": True},
            {"type": "AID"},
        ],
    }
    spans = spans_of(rec, [(16, 21)])
    assert [(s.start, s.end, s.kind) for s in spans] == [
        (6, 11, "ent ent-PERSON"),
        (0, 5, "qty"),
        (0, 5, "event"),
        (16, 21, "qhit"),
    ]
    assert spans[0].href == "/entities/person:%D8%A7%D9%84%D8%A7%D8%B3%D8%AF"
    assert spans[1].title == "≈ count 3" and spans[2].title == "event · CONSULT · visit · future"


def test_every_mention_of_a_document_level_event_is_highlighted() -> None:
    # issue 13: an event named in two sentences is one event; the page marks both of its triggers
    rec = {
        "text": "زيارة الأسد إلى موسكو. وتناولت المباحثات التعاون.",
        "events": [
            {
                "type": "CONSULT",
                "mode": "visit",
                "trigger": {"start": 0, "end": 5},
                "mentions": [
                    {"type": "CONSULT", "mode": "visit", "trigger": {"start": 0, "end": 5}},
                    {"type": "CONSULT", "mode": None, "trigger": {"start": 31, "end": 40}},
                ],
            }
        ],
    }
    spans = [s for s in spans_of(rec) if s.kind == "event"]
    assert [(s.start, s.end) for s in spans] == [(0, 5), (31, 40)]
    assert all("2 mentions" in s.title for s in spans)


def test_document_blocks_keep_page_order_and_reasons() -> None:
    rec = {
        "text": "عنوان\nفقرة",
        "blocks": [
            {"kind": "title", "text": "عنوان", "start": 0, "end": 5},
            {
                "kind": "boilerplate",
                "text": "زر الذهاب إلى الأعلى",
                "start": None,
                "end": None,
                "reason": "lexicon:back_to_top",
            },
            {"kind": "paragraph", "text": "فقرة", "start": 6, "end": 10},
        ],
    }
    blocks = document_blocks(rec, [])
    assert [b["kind"] for b in blocks] == ["title", "boilerplate", "paragraph"]
    assert blocks[0]["tag"] == "h1" and blocks[1]["reason"] == "lexicon:back_to_top"


def test_direction_and_safe_url() -> None:
    assert direction("iPhone 7 يصل إلى الأسواق") == "rtl"
    assert direction("<script>alert(1)</script> عنوان") == "ltr"
    assert safe_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "//evil",
        "http://",
        None,
        3,
    ):
        assert safe_url(bad) is None


def test_charts_geometry() -> None:
    chart = bar_chart([("a", 10, None), ("b", 5, "/x"), ("c", 0, None)], width=500, label_width=100)
    rows = chart["rows"]
    assert rows[0]["w"] == 340 and rows[1]["w"] == 170 and rows[2]["w"] == 0
    assert rows[0]["x"] + rows[0]["w"] == 400  # bars end where the labels begin (right to left)
    t = timeline_chart(
        [
            {"period": "2015-07", "type": "A", "count": 2},
            {"period": "2015-08", "type": "A", "count": 4},
            {"period": "2015-08", "type": "B", "count": 4},
        ]
    )
    assert [c["period"] for c in t["cols"]] == ["2015-07", "2015-08"]
    assert t["cols"][0]["x"] > t["cols"][1]["x"]  # time runs right to left
    assert t["top"] == 8 and len(t["legend"]) == 2
    assert timeline_chart([])["cols"] == []


def test_timeline_axis_is_continuous_and_ignores_stray_dates() -> None:
    rows = [
        {"period": "1906-07", "type": "A", "count": 1},  # a historical reference
        {"period": "2015-07", "type": "A", "count": 30},
        {"period": "2015-09", "type": "B", "count": 5},
        {"period": "2050", "type": "A", "count": 1},  # another granularity
        {"period": "bad", "type": "A", "count": 3},
    ]
    chart = timeline_chart(rows)
    assert [c["period"] for c in chart["cols"]] == ["2015-07", "2015-08", "2015-09"]  # August is empty
    assert chart["cols"][1]["stack"] == [] and chart["outside"] == 2
    years = timeline_chart([{"period": f"19{i:02d}-01", "type": "A", "count": 5} for i in range(0, 99, 3)])
    assert len(years["cols"]) <= 120 and len(years["cols"][0]["period"]) == 4  # too many months: years
    days = timeline_chart(
        [{"period": "2015-12-31", "type": "A", "count": 1}, {"period": "2016-01-02", "type": "A", "count": 1}]
    )
    assert [c["period"] for c in days["cols"]] == ["2015-12-31", "2016-01-01", "2016-01-02"]
    weeks = timeline_chart(
        [
            {"period": "W2015-12-26", "type": "A", "count": 1},
            {"period": "W2016-01-09", "type": "A", "count": 1},
        ]
    )
    assert [c["period"] for c in weeks["cols"]] == ["W2015-12-26", "W2016-01-02", "W2016-01-09"]
    assert weeks["cols"][0]["label"] == "2015-12-26" and weeks["cols"][0]["title"] == "الأسبوع من 2015-12-26"
    many = timeline_chart(
        [{"period": f"W{date(2000, 1, 1) + timedelta(weeks=i)}", "type": "A", "count": 1} for i in range(200)]
    )
    assert len(many["cols"][0]["period"]) == 7 and len(many["cols"]) <= 120  # too many weeks: months


def test_long_runs_of_removed_lines_fold_into_one_group() -> None:
    from khabar.web.views import FOLD_RUN, fold_boilerplate, reason_ar

    menu = [{"kind": "boilerplate", "text": f"قسم {i}", "reason": "lexicon:nav"} for i in range(FOLD_RUN + 2)]
    tail = [{"kind": "boilerplate", "text": "زر الذهاب إلى الأعلى", "reason": "lexicon:back_to_top"}]
    body = [{"kind": "paragraph", "text": "نص"}]
    out = fold_boilerplate(menu + body + tail)
    assert [b["kind"] for b in out] == ["folded", "paragraph", "boilerplate"]  # a short run stays in view
    assert out[0]["reasons"] == [("قائمة التنقل", FOLD_RUN + 2)] and len(out[0]["blocks"]) == FOLD_RUN + 2
    assert (
        reason_ar("site_profile:sabq").startswith("يتكرر")
        and reason_ar("lexicon:unknown_cat") == "عبارة حشو معروفة"  # a new code: named by its kind
    )


def test_every_removal_reason_the_code_gives_reads_in_arabic() -> None:
    """Reason: the stats page charted removal reasons as codes (``pattern:tag_list_suffix``); every
    code the cleaners write, and every chrome lexicon category, has an Arabic label (not its kind's)."""
    import re
    from pathlib import Path

    from khabar.web.i18n import label
    from khabar.web.views import reason_ar

    src = Path(__file__).resolve().parents[2] / "src" / "khabar"
    codes = set()
    for py in src.rglob("*.py"):
        codes |= set(
            re.findall(r'"((?:lexicon|pattern|feature|dom):[a-z_]+)"', py.read_text(encoding="utf-8"))
        )
    from khabar.data import rows

    codes |= {f"lexicon:{row.cols[0]}" for row in rows("chrome_ar.tsv", columns=3)}
    codes |= {f"feature:{c}" for c in ("after_article_end", "headline_list", "not_a_title")}
    kinds = {label("source", k) for k in ("lexicon", "pattern", "feature", "dom")}
    assert len(codes) > 40
    missing = sorted(c for c in codes if reason_ar(c) in kinds or re.search("[a-z]", reason_ar(c)))
    assert missing == []


def test_the_facts_panel_lists_people_places_and_events() -> None:
    from khabar.web.views import facts_panel

    rec = {
        "entities": [
            {"label": "PERSON", "text": "الأسد", "start": 0, "end": 5, "ref": "person:1"},
            {"label": "PERSON", "text": "الأسد", "start": 9, "end": 14, "ref": "person:1"},
            {"label": "LOC", "text": "موسكو", "start": 20, "end": 25, "ref": "geonames:524901"},
        ],
        "refs": {
            "person:1": {"name": "الأسد", "kind": "person", "key": "الاسد", "roles": [{"role": "president"}]},
            "geonames:524901": {"name": "Moscow", "kind": "place", "aliases": ["موسكو"]},
            "person:2": {"name": "بوتين", "kind": "person"},  # named by no shown entity: not listed
        },
        "events": [
            {
                "type": "CONSULT",
                "mode": "visit",
                "actors": ["person:1"],
                "recipients": ["person:2"],
                "place": "geonames:524901",
                "date": "2021-09-13",
                "confidence": 0.9,
                "trigger": {"text": "زيارة"},
            },
        ],
    }
    panel = facts_panel(rec, {"person:1": "person:الاسد", "geonames:524901": "geonames:524901"})
    (p,) = panel["person"]
    assert (p["name"], p["mentions"], p["roles"], p["key"]) == ("الأسد", 2, ["president"], "person:الاسد")
    assert panel["place"][0]["name"] == "موسكو"
    (e,) = panel["events"]
    assert (e["actors"], e["recipients"], e["place"], e["date"]) == (
        ["الأسد"],
        ["بوتين"],
        "موسكو",
        "2021-09-13",
    )


def test_every_event_type_has_its_own_colour() -> None:
    # 16 types were drawn in 8 reused colours; now one fixed colour each, the same on every chart
    from khabar.events.lexicon import TYPES
    from khabar.web.charts import TYPE_COLOURS, timeline_chart

    assert set(TYPE_COLOURS) == set(TYPES) and len(set(TYPE_COLOURS.values())) == len(TYPES)
    rows = [{"period": "2015-08-0" + str(i % 9 + 1), "type": t, "count": 1} for i, t in enumerate(TYPES)]
    chart = timeline_chart(rows)
    assert {item["type"]: item["fill"] for item in chart["legend"]} == {t: TYPE_COLOURS[t] for t in TYPES}


def test_network_labels_run_along_their_rays_and_read_upright() -> None:
    """Reason: horizontal labels of neighbouring parties near the top of the circle overprinted each
    other (40 parties, 15-letter names); radial ones stay a line apart."""
    from khabar.web.charts import network_chart

    nodes = [
        {"key": f"person:{i}", "name": "الأمير محمد بن سلمان", "kind": "person", "degree": 1 + i % 5}
        for i in range(40)
    ]
    chart = network_chart({"nodes": nodes, "edges": []})
    placed = chart["nodes"]
    for n in placed:
        assert -90 <= n["rotate"] <= 90  # never upside down
        assert n["anchor"] == ("start" if n["lx"] >= chart["size"] / 2 - 0.1 else "end")  # outward
    gaps = [
        math.dist((a["lx"], a["ly"]), (b["lx"], b["ly"]))
        for a, b in zip(placed, placed[1:] + placed[:1], strict=True)
    ]
    assert min(gaps) > 14  # more than a 13 px line between neighbouring label anchors
    few = network_chart({"nodes": nodes[:5], "edges": []})["nodes"]
    assert {n["rotate"] for n in few} == {0.0} and few[0]["anchor"] == "middle"  # the top one, centred


def test_tick_labels_stay_inside_the_chart() -> None:
    """Reason: the first and the last date under a timeline were centred on their column and cut in
    half at the chart's edge."""
    from khabar.web.charts import TICK_CHAR_PX

    rows = [{"period": f"2015-08-{d:02d}", "type": "A", "count": 1} for d in range(1, 29)]
    chart = timeline_chart(rows)
    for c in chart["cols"]:
        if c["label"]:
            w = TICK_CHAR_PX * len(c["label"])
            left = {"start": c["lx"], "middle": c["lx"] - w / 2, "end": c["lx"] - w}[c["anchor"]]
            assert left >= 0 and left + w <= chart["width"]
    assert {c["anchor"] for c in chart["cols"] if c["label"]} >= {"end", "middle"}
