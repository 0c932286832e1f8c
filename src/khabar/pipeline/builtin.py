"""Every built-in stage, declared in one place: where its function lives, what it needs, what it
provides and which :class:`~khabar.model.Document` fields it writes.

A table of data rather than decorators spread over ten modules: the registry finds a stage's
function here and imports its module only when a pipeline uses it (cleaning alone never loads the
fact models' code), ``khabar stages`` lists every stage without importing any, and what each stage
writes is stated once and checked by a test that runs every stage and compares the fields before and
after. ``requires``/``provides`` are the names the pipeline checks its order with (``"kinds"``,
``"text"`` …); ``assigns`` are Document fields.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["BUILTINS", "Builtin"]


class Builtin(NamedTuple):
    """One built-in stage: ``target`` is ``"module:function"``."""

    target: str
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


_STRUCTURE = (
    "text",
    "offsets",
    "title",
    "sections",
    "published",
    "published_source",
    "modified",
    "byline",
    "dateline",
)

#: the built-in stages, in the order ``khabar stages`` lists them (cleaning, HTML, facts)
BUILTINS: dict[str, Builtin] = {
    "segment": Builtin("khabar.clean.stages:segment", (), ("blocks",), ("blocks",)),
    "classify": Builtin(
        "khabar.clean.stages:classify", ("blocks",), ("kinds", "is_article"), ("blocks", "is_article")
    ),
    "assemble": Builtin(
        "khabar.clean.stages:assemble", ("kinds",), ("text", "structure"), ("blocks", *_STRUCTURE)
    ),
    "signals": Builtin("khabar.clean.stages:signals", ("text",), ("signals", "lang"), ("signals", "lang")),
    "segment_html": Builtin(
        "khabar.html.stages:segment_html", (), ("blocks", "html"), ("blocks", "meta", "source")
    ),
    "refine_html": Builtin("khabar.html.stages:refine_html", ("kinds", "html"), ("html_kinds",), ("blocks",)),
    "meta_html": Builtin(
        "khabar.html.stages:meta_html", ("structure", "html"), ("metadata",), (*_STRUCTURE, "lang", "source")
    ),
    "entities": Builtin("khabar.extract.stages:entities", ("text",), ("entities",), ("entities",)),
    "entities_accurate": Builtin(
        "khabar.extract.accurate.stage:entities_accurate", ("text",), ("entities",), ("entities",)
    ),
    "places": Builtin(
        "khabar.extract.places_stage:places", ("text",), ("places",), ("entities", "refs", "signals")
    ),
    "refs": Builtin(
        "khabar.extract.refs_stage:refs", ("entities",), ("refs",), ("entities", "refs", "signals")
    ),
    "dates": Builtin("khabar.extract.date_stage:dates", ("text",), ("dates",), ("dates",)),
    "quantities": Builtin(
        "khabar.extract.quantity_stage:quantities", ("text",), ("quantities",), ("quantities",)
    ),
    "events": Builtin(
        "khabar.events.stage:events",
        ("entities", "places", "refs", "dates", "quantities"),
        ("events",),
        ("events", "refs"),
    ),
    "confidence": Builtin(
        "khabar.extract.confidence_stage:confidence",
        ("entities", "refs"),
        ("confidence",),
        ("entities", "refs", "events", "low_confidence"),
    ),
}
