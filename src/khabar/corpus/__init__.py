"""Corpus mode: ``khabar run`` over many inputs in resumable shards, with near-duplicate clusters.

:func:`run` is the entry point (:mod:`khabar.corpus.runner`); :mod:`khabar.corpus.dedup` clusters
exact and near duplicates; :mod:`khabar.corpus.writers` writes JSON Lines and Parquet shards.
Parquet and near-duplicates need the ``corpus`` extra (pyarrow, datasketch), imported lazily.
"""

from khabar.corpus.runner import DEDUP_MODES, RunSummary, run

__all__ = ["DEDUP_MODES", "RunSummary", "run"]
