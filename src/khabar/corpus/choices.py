"""The choices of ``khabar run``'s options, apart from the modules that act on them: the command
line's parser reads them without importing the runner, the engines (multiprocessing) or the writers,
which every ``khabar`` command would otherwise pay for at start-up."""

from __future__ import annotations

__all__ = ["DEDUP_MODES", "ENGINES", "FORMATS"]

#: execution engines (:func:`khabar.corpus.engines.make_engine`)
ENGINES = ("local", "ray")
#: what the runner does with near-duplicate clusters (:func:`khabar.corpus.run`)
DEDUP_MODES = ("mark", "keep-first", "off")
#: shard formats (:mod:`khabar.corpus.writers`)
FORMATS = ("jsonl", "parquet")
