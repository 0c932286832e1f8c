"""The archive: processed documents in SQLite, with Arabic-aware full-text search.

>>> from khabar.archive import Archive
>>> with Archive("khabar.db") as archive:  # doctest: +SKIP
...     archive.add(doc)
...     hits = archive.search("إدلب")
"""

from khabar.archive.search import Hit, count, search
from khabar.archive.store import SCHEMA_VERSION, Archive, ArchiveError, content_id

__all__ = ["SCHEMA_VERSION", "Archive", "ArchiveError", "Hit", "content_id", "count", "search"]
