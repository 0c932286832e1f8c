"""Search and event filters: one value each, their SQL written in one place."""

from __future__ import annotations

import dataclasses

import pytest

from khabar.archive.filters import NO_EVENT_FILTERS, NO_FILTERS, EventFilters, SearchFilters


def test_empty_form_fields_are_no_filter() -> None:
    # why: a web form sends every field, empty ones as ""; "" must not become "site = ''"
    f = SearchFilters(site="", date_from="", date_to="2021", entity="", event_type="")
    assert f == SearchFilters(date_to="2021")
    assert f.narrows and not SearchFilters(all_facts=True).narrows
    assert NO_FILTERS.where() == ("1", [])


def test_items_are_the_url_parameters_in_form_order() -> None:
    # why: the search template carries the filters over from page to page by these names
    f = SearchFilters(site="sana.sy", event_type="CONSULT", all_facts=True)
    assert list(f.items()) == [
        ("site", "sana.sy"),
        ("date_from", None),
        ("date_to", None),
        ("entity", None),
        ("event_type", "CONSULT"),
    ]


def test_where_binds_every_value_and_counts_held_back_facts_only_when_asked() -> None:
    sql, params = SearchFilters(site="a.com", date_from="2021-09", entity="الأسد").where()
    assert sql.count("?") == len(params) == 1 + 2 + 3
    assert "low = 0" in sql  # the entity filter looks at shown facts
    sql_all, _ = SearchFilters(site="a.com", date_from="2021-09", entity="الأسد", all_facts=True).where()
    assert "low = 0" not in sql_all


def test_filters_are_values() -> None:
    # why: the web layer keeps a cache keyed by them and the timeline reuses a listing's filters
    with pytest.raises(dataclasses.FrozenInstanceError):
        NO_FILTERS.site = "x"  # type: ignore[misc]
    assert {SearchFilters(site="a"), SearchFilters(site="a")} == {SearchFilters(site="a")}


def test_event_filters_date_falls_back_to_published_and_parties_each_bind() -> None:
    sql, params = EventFilters(type="CONSULT", date_from="2021", parties=("person:x", "geonames:1")).where()
    assert "coalesce(ev.date, d.published)" in sql
    assert sql.count("?") == len(params) == 1 + 2 + 2
    assert NO_EVENT_FILTERS.where() == ("1 AND ev.low = 0", [])
