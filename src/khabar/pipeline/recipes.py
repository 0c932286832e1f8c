"""Which stages a record gets: the one place that chooses between the text and the HTML path, adds
the fact layers with the chosen entity tagger, and says where site profiles go.

:func:`khabar.api.process_text` and the corpus runner's :func:`khabar.corpus.profiles.process_record`
both ask here, so a record is processed the same way by ``khabar process``, ``khabar run`` and the
Python API (before, each kept its own list of HTML formats and the profiles split the pipeline by
looking for the string "assemble").
"""

from __future__ import annotations

from collections.abc import Sequence

from khabar.pipeline.registry import DEFAULT_STAGES, with_ner

__all__ = [
    "HTML_FORMATS",
    "HTML_STAGES",
    "PROFILES_BEFORE",
    "cleaning_stages",
    "split_for_profiles",
    "stages_for",
]

#: ``Source.format`` values whose ``raw`` is an HTML page (HTML files, WARC responses)
HTML_FORMATS = frozenset({"html", "warc"})
#: the cleaning stages of an HTML page: the DOM pass in place of line segmentation, the same classifier,
#: what the DOM knows about kinds, the same assembly, the head's metadata
HTML_STAGES: tuple[str, ...] = ("segment_html", "classify", "refine_html", "assemble", "meta_html", "signals")
#: site profiles (:mod:`khabar.corpus.profiles`) act on classified blocks before the text is fixed:
#: between the stage before this one and this one
PROFILES_BEFORE = "assemble"


def cleaning_stages(fmt: str | None) -> tuple[str, ...]:
    """The cleaning stages of a record whose ``Source.format`` is ``fmt``: the HTML path for HTML and
    WARC records, the text path (:data:`~khabar.pipeline.DEFAULT_STAGES`) for everything else."""
    return HTML_STAGES if fmt in HTML_FORMATS else DEFAULT_STAGES


def stages_for(
    fmt: str | None, *, stages: Sequence[str] | None = None, extra: Sequence[str] = (), ner: str = "crf"
) -> tuple[str, ...]:
    """The whole pipeline of a record: ``stages`` (default: :func:`cleaning_stages` of ``fmt``; the
    text path's defaults given explicitly count as the default too), then ``extra`` (the fact
    layers), with the entity stage of tagger ``ner``."""
    if stages is None or tuple(stages) == DEFAULT_STAGES:
        stages = cleaning_stages(fmt)
    names = (*stages, *extra)
    return names if ner == "crf" else with_ner(names, ner)


def split_for_profiles(names: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``names`` cut where site profiles apply: the stages before :data:`PROFILES_BEFORE`, and the
    rest (a pipeline without it cannot take profiles: a :class:`ValueError`)."""
    names = tuple(names)
    if PROFILES_BEFORE not in names:
        raise ValueError(f"site profiles apply before {PROFILES_BEFORE!r}, which {names} does not run")
    i = names.index(PROFILES_BEFORE)
    return names[:i], names[i:]
