"""Stages, pipelines and the recipes that choose them.

* :mod:`khabar.pipeline.registry` — :class:`Stage`, :func:`stage` (register your own),
  :class:`Pipeline` (checks the order before any document, names the stage that fails on one);
* :mod:`khabar.pipeline.builtin` — every built-in stage declared in one table, loaded on first use;
* :mod:`khabar.pipeline.recipes` — which stages a record gets: the text or the HTML path, the fact
  layers, the entity tagger, where site profiles go.
"""

from khabar.pipeline.registry import (
    _REGISTRY,
    DEFAULT_STAGES,
    FACT_STAGES,
    NER_TAGGERS,
    Pipeline,
    Stage,
    StageFunc,
    enable_settling,
    fact_document_done,
    get_stage,
    registered,
    settle_models,
    stage,
    with_ner,
)

__all__ = [
    "DEFAULT_STAGES",
    "FACT_STAGES",
    "NER_TAGGERS",
    "_REGISTRY",
    "Pipeline",
    "Stage",
    "StageFunc",
    "enable_settling",
    "fact_document_done",
    "get_stage",
    "registered",
    "settle_models",
    "stage",
    "with_ner",
]
