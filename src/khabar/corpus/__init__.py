"""Corpus mode: ``khabar run`` over many inputs in resumable shards, with site profiles and
near-duplicate clusters.

:func:`run` is the entry point (:mod:`khabar.corpus.runner`); :mod:`khabar.corpus.engines` runs the
shards locally or on Ray; :mod:`khabar.corpus.profiles` learns and applies site profiles;
:mod:`khabar.corpus.dedup` clusters exact and near duplicates; :mod:`khabar.corpus.writers` writes
JSON Lines and Parquet shards. Parquet and near-duplicates need the ``corpus`` extra (pyarrow,
datasketch), Ray the ``ray`` extra; all imported lazily.
"""

from khabar.corpus.runner import DEDUP_MODES, RunSummary, run

__all__ = ["DEDUP_MODES", "RunSummary", "run"]
