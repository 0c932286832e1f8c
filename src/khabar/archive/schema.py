"""The archive's schema as its migrations: each takes an archive from version i to i + 1 (opening an
archive applies the missing ones, :meth:`khabar.archive.store.Archive._migrate`)."""

from __future__ import annotations

from khabar.extract.linking import alone_key
from khabar.model import Span

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "alone_key_sql", "statements"]


# Each migration takes the schema from version i to i + 1; append new ones, never edit old ones.
MIGRATIONS: tuple[str, ...] = (
    # 1: the initial schema
    """
    CREATE TABLE documents (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_id TEXT,
        uri TEXT,
        site TEXT,
        title TEXT,
        published TEXT,
        is_article INTEGER,
        text TEXT NOT NULL,
        record TEXT NOT NULL,
        added REAL NOT NULL
    );
    CREATE INDEX documents_site ON documents(site);
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE blocks (
        doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,
        i INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER,
        end INTEGER,
        raw_start INTEGER,
        raw_end INTEGER,
        reason TEXT,
        PRIMARY KEY (doc, i)
    );
    CREATE INDEX blocks_reason ON blocks(reason) WHERE reason IS NOT NULL;
    CREATE TABLE entities (
        doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,
        kind TEXT NOT NULL,            -- entity, date or quantity
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        norm TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        ref TEXT,
        attrs TEXT NOT NULL
    );
    CREATE INDEX entities_doc ON entities(doc);
    CREATE INDEX entities_norm ON entities(norm);
    CREATE INDEX entities_ref ON entities(ref);
    CREATE TABLE refs (
        doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,
        ref TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (doc, ref)
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started REAL NOT NULL,
        finished REAL NOT NULL,
        inputs TEXT NOT NULL,
        records_in INTEGER NOT NULL,
        processed INTEGER NOT NULL,
        added INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        reasons TEXT NOT NULL
    );
    CREATE TABLE rejects (
        run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        id TEXT,
        input TEXT,
        code TEXT,
        reason TEXT NOT NULL,
        message TEXT
    );
    CREATE INDEX rejects_reason ON rejects(reason);
    CREATE TABLE doc_tokens (
        doc INTEGER PRIMARY KEY REFERENCES documents(n) ON DELETE CASCADE,
        tokens TEXT NOT NULL            -- JSON [[stem, norm, start, end], ...] into documents.text
    );
    -- "ascii" since 2026-12: the indexed terms are letters and digits joined by single spaces, already
    -- case-folded, so FTS5's plain tokenizer gives the same tokens as "unicode61 remove_diacritics 0"
    -- (which archives made before keep: a test compares the two) in 30 % less time
    CREATE VIRTUAL TABLE fts USING fts5(
        stem, norm, content='', tokenize="ascii"
    );
    """,
    # 2: events, and a cross-document key for named entities. Both are backfilled from what is already
    # stored: events from each record's JSON (json_each), keys by khabar_entity_key(), the Python
    # function :class:`Archive` registers on its connection before migrating. The (doc, label, key)
    # and (doc, type) indexes cover the search facets, which count entities and events per matched
    # document without reading the table rows.
    """
    CREATE TABLE events (
        doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,
        i INTEGER NOT NULL,             -- position in the record's events
        type TEXT NOT NULL,             -- PLOVER type (CONSULT, AGREE, AID, ...)
        mode TEXT,
        trigger_start INTEGER,
        trigger_end INTEGER,
        trigger_text TEXT,
        actors TEXT NOT NULL,           -- JSON list of ref ids (keys of the record's refs)
        recipients TEXT NOT NULL,       -- JSON list of ref ids
        place TEXT,                     -- a ref id
        date TEXT,                      -- ISO (YYYY[-MM[-DD]]) when the event's date resolved, else NULL
        duration_s REAL,
        negated INTEGER NOT NULL DEFAULT 0,
        future INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL,             -- the whole event object as JSON
        PRIMARY KEY (doc, i)
    );
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_date ON events(date);
    INSERT INTO events (doc, i, type, mode, trigger_start, trigger_end, trigger_text, actors, recipients,
                        place, date, duration_s, negated, future, data)
        SELECT d.n, CAST(e.key AS INTEGER), json_extract(e.value, '$.type'), json_extract(e.value, '$.mode'),
               json_extract(e.value, '$.trigger.start'), json_extract(e.value, '$.trigger.end'),
               json_extract(e.value, '$.trigger.text'),
               coalesce(json_extract(e.value, '$.actors'), '[]'),
               coalesce(json_extract(e.value, '$.recipients'), '[]'),
               json_extract(e.value, '$.place'),
               CASE WHEN json_extract(e.value, '$.date') GLOB '[0-9][0-9][0-9][0-9]*'
                    THEN json_extract(e.value, '$.date') END,
               json_extract(e.value, '$.duration_s'),
               coalesce(json_extract(e.value, '$.negated'), 0),
               coalesce(json_extract(e.value, '$.future'), 0),
               e.value
        FROM documents d, json_each(d.record, '$.events') e
        WHERE json_type(e.value, '$.type') = 'text';
    ALTER TABLE entities ADD COLUMN key TEXT;
    UPDATE entities SET key = khabar_entity_key(
        label, norm, ref, (SELECT r.data FROM refs r WHERE r.doc = entities.doc AND r.ref = entities.ref)
    ) WHERE kind = 'entity';
    CREATE INDEX entities_key ON entities(key);
    CREATE INDEX entities_doc_key ON entities(doc, label, key) WHERE key IS NOT NULL;
    CREATE INDEX events_doc_type ON events(doc, type);
    """,
    # 3: people keyed by their refs' cross-document key (khabar.extract.names.person_key) instead of
    # their ref name: recomputed for what is stored
    """
    UPDATE entities SET key = khabar_entity_key(
        label, norm, ref, (SELECT r.data FROM refs r WHERE r.doc = entities.doc AND r.ref = entities.ref)
    ) WHERE kind = 'entity' AND label = 'PERSON';
    """,
    # 4: confidence. Every fact row (entities, refs, events) gets its ``confidence`` (NULL: the record
    # gave none, which counts as 1.0) and ``low``: 1 for the facts the record holds back under
    # ``low_confidence`` (below the thresholds it was processed with), which the archive now stores too;
    # the pages and the API show rows with low = 0 unless asked for all facts. Archives written before
    # hold no held-back facts: their rows are all low = 0. The partial indexes serve the default
    # queries (the search facets count shown entities and events per document from the index alone).
    """
    ALTER TABLE entities ADD COLUMN confidence REAL;
    ALTER TABLE entities ADD COLUMN low INTEGER NOT NULL DEFAULT 0;
    UPDATE entities SET confidence = json_extract(attrs, '$.confidence')
        WHERE json_type(attrs, '$.confidence') IN ('integer', 'real');
    ALTER TABLE refs ADD COLUMN confidence REAL;
    ALTER TABLE refs ADD COLUMN low INTEGER NOT NULL DEFAULT 0;
    UPDATE refs SET confidence = json_extract(data, '$.confidence')
        WHERE json_type(data, '$.confidence') IN ('integer', 'real');
    ALTER TABLE events ADD COLUMN confidence REAL;
    ALTER TABLE events ADD COLUMN low INTEGER NOT NULL DEFAULT 0;
    UPDATE events SET confidence = json_extract(data, '$.confidence')
        WHERE json_type(data, '$.confidence') IN ('integer', 'real');
    CREATE INDEX entities_doc_key_shown ON entities(doc, label, key) WHERE key IS NOT NULL AND low = 0;
    CREATE INDEX events_doc_type_shown ON events(doc, type) WHERE low = 0;
    """,
    # 5: people across documents (issue 13). ``local_key`` is the key an entity has in its own document
    # (what ``entity_key`` gives); ``key`` is the key the archive groups by: the local key, or the fuller
    # name the corpus shows a short form stands for (``key_aliases``, learned by
    # ``Archive.resolve_identities`` from the documents that link the two). ``alone_key`` is the key a
    # person mention would have alone (``khabar.extract.linking.alone_key``), the evidence the aliases
    # are learned from (computed here for the rows stored before).
    """
    ALTER TABLE entities ADD COLUMN local_key TEXT;
    ALTER TABLE entities ADD COLUMN alone_key TEXT;
    UPDATE entities SET local_key = key WHERE key IS NOT NULL;
    UPDATE entities SET alone_key = khabar_alone_key(
        (SELECT d.text FROM documents d WHERE d.n = entities.doc), start, end, text
    ) WHERE kind = 'entity' AND label = 'PERSON';
    CREATE INDEX entities_local_key ON entities(local_key);
    CREATE TABLE key_aliases (
        short TEXT PRIMARY KEY,
        full TEXT NOT NULL,
        documents INTEGER NOT NULL,
        share REAL NOT NULL
    );
    """,
    # 6: how each alias was learnt (khabar.archive.identity: ``variant`` spelling of a transliterated
    # name, ``linked`` by documents that name both forms, ``extends``: the one better-known name that
    # holds the short one); aliases learnt before are ``linked``
    """
    ALTER TABLE key_aliases ADD COLUMN how TEXT NOT NULL DEFAULT 'linked';
    """,
    # 7: no stored token list (issue 15). Highlights are found by analysing the few displayed texts at
    # query time (a page of hits: milliseconds), instead of storing every token's forms and offsets as
    # JSON at ingest, which was a third of the store+index time and about as large as the texts.
    """
    DROP TABLE doc_tokens;
    """,
    # 8: the search's filter columns in an index of their own (issue 15). A search with a site or date
    # filter checks every full-text match against its document; read from the table, that is one wide
    # row (text and record inline) per match, 140 ms for the 86,000 matches of a common word in a 300k
    # archive. The covering index holds only (n, site, published), some hundred entries a page.
    """
    CREATE INDEX documents_meta ON documents(n, site, published);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def alone_key_sql(text: str | None, start: int, end: int, surface: str) -> str | None:
    """``alone_key`` for SQL (the schema 5 migration): ``person:KEY`` of a stored PERSON mention."""
    if not text or text[start:end] != surface:
        return None
    key = alone_key(text, Span(start, end, "PERSON", surface))
    return "person:" + key if key else None


def statements(script: str) -> list[str]:
    """A migration script split into statements (``;`` never occurs inside our statements)."""
    return [s.strip() for s in script.split(";") if s.strip()]
