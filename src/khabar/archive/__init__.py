"""The archive: processed documents in SQLite, with Arabic-aware full-text search.

>>> from khabar.archive import Archive
>>> with Archive("khabar.db") as archive:  # doctest: +SKIP
...     archive.add(doc)
...     hits = archive.search("إدلب")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khabar.archive.search import Hit, count, search
    from khabar.archive.store import SCHEMA_VERSION, Archive, ArchiveError, content_id

__all__ = ["SCHEMA_VERSION", "Archive", "ArchiveError", "Hit", "content_id", "count", "search"]

#: where each public name lives: imported on first use, so that ``khabar process`` without an archive
#: (whose command line names the archive options) does not load the store, the search and the fact
#: layers they use
_WHERE = {
    "Hit": "khabar.archive.search",
    "count": "khabar.archive.search",
    "search": "khabar.archive.search",
    "SCHEMA_VERSION": "khabar.archive.store",
    "Archive": "khabar.archive.store",
    "ArchiveError": "khabar.archive.store",
    "content_id": "khabar.archive.store",
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'khabar.archive' has no attribute {name!r}")
    value = getattr(importlib.import_module(where), name)
    globals()[name] = value
    return value
