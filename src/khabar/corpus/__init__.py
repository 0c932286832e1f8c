"""Corpus mode: ``khabar run`` over many inputs in resumable shards, with site profiles and
near-duplicate clusters.

:func:`run` is the entry point (:mod:`khabar.corpus.runner`); :mod:`khabar.corpus.engines` runs the
shards locally or on Ray; :mod:`khabar.corpus.profiles` learns and applies site profiles;
:mod:`khabar.corpus.dedup` clusters exact and near duplicates; :mod:`khabar.corpus.writers` writes
JSON Lines and Parquet shards. Parquet and near-duplicates need the ``corpus`` extra (pyarrow,
datasketch), Ray the ``ray`` extra; all imported lazily.
"""

from typing import TYPE_CHECKING, Any

from khabar.corpus.choices import DEDUP_MODES

if TYPE_CHECKING:
    from khabar.corpus.runner import RunSummary, run

__all__ = ["DEDUP_MODES", "RunSummary", "run"]


def __getattr__(name: str) -> Any:
    # the runner (and the readers, writers and engines it imports) loads on first use: the command
    # line imports khabar.corpus.cli, a submodule, to build its parser (start-up)
    if name in ("RunSummary", "run"):
        from khabar.corpus import runner

        return getattr(runner, name)
    raise AttributeError(f"module 'khabar.corpus' has no attribute {name!r}")
