"""The archive: processed documents in SQLite, with Arabic-aware full-text search.

>>> from khabar.archive import Archive, SearchFilters, search
>>> with Archive("khabar.db") as archive:  # doctest: +SKIP
...     archive.add(doc)
...     hits = search(archive, "إدلب", filters=SearchFilters(site="sana.sy", date_from="2021"))
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khabar.archive.filters import EventFilters, SearchFilters
    from khabar.archive.search import Hit, count, search
    from khabar.archive.store import SCHEMA_VERSION, Archive, ArchiveError, content_id

__all__ = [
    "SCHEMA_VERSION",
    "Archive",
    "ArchiveError",
    "EventFilters",
    "Hit",
    "SearchFilters",
    "content_id",
    "count",
    "search",
]

#: where each public name lives: imported on first use, so that ``khabar process`` without an archive
#: (whose command line names the archive options) does not load the store, the search and the fact
#: layers they use
_WHERE = {
    "EventFilters": "khabar.archive.filters",
    "SearchFilters": "khabar.archive.filters",
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


class _Package(types.ModuleType):
    """``khabar.archive.search`` is both a submodule and the function the package exports. Importing a
    submodule makes Python set it as the package's attribute, which would hide the function the moment
    anything imported the module (``from khabar.archive import search`` then gave the module). The
    package keeps its public name: the submodule stays in ``sys.modules`` and importable by its full
    name (``from khabar.archive.search import …``; ``import khabar.archive.search as m`` gives the
    function, so write the ``from`` form)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _WHERE and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
