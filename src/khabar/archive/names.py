"""What the archive calls an entity: the way its mentions write it most, clitics folded, a person by
the full name where the press writes it often enough. Read by the queries (lists, pages, networks) and
by the search facets, so that a name reads the same everywhere."""

from __future__ import annotations

import sqlite3

from khabar.arabic.normalize import normalize

__all__ = ["best_name", "display_name", "key_name", "unclitic"]


def key_name(conn: sqlite3.Connection, key: str) -> str:
    """What a reader calls the entity ``key`` in the archive behind ``conn``: :func:`display_name` of
    its (twenty commonest) surface forms, each counted by the documents that write it (a page names a
    man in full once and by his family name after: by mentions, الأسد outnumbers بشار الأسد four to
    one; by pages, not); the key itself when the archive has no mention of it."""
    rows = conn.execute(
        "SELECT text, count(DISTINCT doc) FROM entities WHERE key = ? GROUP BY text ORDER BY 2 DESC LIMIT 20",
        (key,),
    ).fetchall()
    return display_name(key, {str(t): int(c) for t, c in rows}) if rows else key


def unclitic(text: str) -> str:
    """``text`` without a preposition or conjunction glued to its first word, when the word's
    frequencies say it is one (للمملكة → المملكة, بالعراق → العراق, but للبنان stays: ل + لبنان is
    as likely as ل + البنان is not; ``khabar.arabic.clitics.name_reading`` decides)."""
    from khabar.arabic.clitics import name_reading

    first, sep, rest = text.partition(" ")
    # decided on the normalised view, where the frequencies are kept (وزارة is وزاره there, a word of
    # its own: it lost its و when read as written), cut on the text as written
    r = name_reading(normalize(first))
    if not r.cut or not first.startswith(r.prefix):
        return text
    return ("ا" if r.restored else "") + first[r.cut :] + sep + rest


def _written(counts: dict[str, int], name: str) -> int:
    """How often ``name`` is written in ``counts``, its clitic forms included."""
    return sum(n for t, n in counts.items() if unclitic(t) == name)


def best_name(counts: dict[str, int]) -> str:
    """The commonest way a party is written, its clitic forms counted with the bare form (للمملكة
    counts for المملكة, and a party written only as للأردن is shown as الأردن); ties go to the
    longer form (سيرغي لافروف before لافروف), then the first in alphabetical order, so the same archive
    always shows the same name."""
    folded: dict[str, int] = {}
    for text, n in counts.items():
        bare = unclitic(text)
        folded[bare] = folded.get(bare, 0) + n
    return min(folded.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]


def display_name(key: str, counts: dict[str, int]) -> str:
    """The name to show for ``key`` written as ``counts`` says (:func:`key_name` counts the documents
    that write each form): :func:`best_name`, except that a person's family name alone (صالح، أوباما)
    gives way to the full name written at least a third as often: a reader of a list cannot place
    صالح (a given name too)."""
    best = best_name(counts)
    if key.startswith("person:") and " " not in best:
        full = {t: n for t, n in counts.items() if " " in unclitic(t)}
        if full:
            name = best_name(full)
            if 3 * _written(full, name) >= _written(counts, best):
                return name
    return best
