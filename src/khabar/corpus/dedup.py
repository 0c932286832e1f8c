"""Exact and near-duplicate clusters over a run's shards (second pass of ``khabar run``).

Both work on the normalised view of each record's clean ``text``
(:func:`khabar.arabic.normalize.normalize`, then word tokens ``\\w+``):

* **exact**: records whose token sequences are equal (SHA-1 of the joined tokens) share a cluster;
* **near**: MinHash (datasketch) over word 3-shingles, candidates from MinHash LSH, kept when the
  estimated Jaccard similarity is at least the threshold.

Clusters are the connected components of those pairs; the representative is the record seen first
(shard order, then row order). Every record gets ``signals.dup_cluster`` (the representative's id,
``None`` for a record in no cluster), ``signals.cluster_size`` (1 when alone) and
``signals.dup_representative``. ``mark`` (default) only sets these; ``keep-first`` moves the other
members to the shard's rejects with reason ``duplicate``, so records in = out + rejects still holds.
Nothing is deleted silently.

Parameters, measured on ``shared/data/saudinewsnet_sample/saudinewsnet_sample_3k.jsonl`` (3,014
articles over 20 words, median 212 words): 200 planted copies each with 5 random words replaced,
recall = share of copies found with their original; "pairs" = pairs found among the 3k real articles.

=======  ========  =========  ======  =====  ===============
shingle  num_perm  threshold  recall  pairs  signature time
=======  ========  =========  ======  =====  ===============
3        64        0.5        0.975   105    0.52 ms/doc
3        128       0.5        0.965   109    0.67 ms/doc
3        128       0.7        0.855    43
3        128       0.8        0.635    26
5        128       0.5        0.895    77    0.90 ms/doc
5        128       0.7        0.670    30
=======  ========  =========  ======  =====  ===============

Chosen: 3-word shingles, 128 permutations, threshold 0.5. 5-word shingles lose recall on short
articles (a replaced word breaks five shingles). The pairs found at 0.5–0.7 true Jaccard are the same
agency story republished by different outlets with their own headline and light edits (aawsat /
aljazirah on the Greek banks reopening, alwatan / okaz on gold's fall, alyaum / alriyadh on a bomb
in Bahrain): the syndication the issue asks to find, not false pairs. 128 rather than 64 permutations
for a steadier Jaccard estimate near the threshold at +0.15 ms/doc.

Parallel parts: each worker computes the signatures of its own shard while processing it
(``.stage/part-N.sig.npy``: per record the 128 MinHash values, two words of the exact key and a
has-words flag; the record ids go in the shard's marker), and writes final shards when there is no
archive; this process only runs the LSH queries and the union-find over the saved signatures
(≈ 0.2 ms per record), so a run's serial part stays small.

Resumability: pass 1 writes its shards to ``out_dir/.stage`` (never modified afterwards). This pass
(1) loads ``dedup-map.json`` if its key — a hash of every stage shard's input-ids hash, the mode and
the parameters — matches, else recomputes the clusters from the stage shards and saves the map
atomically; (2) writes each final shard (``part-N``, ``rejects-N``, then the ``part-N.done`` marker,
each atomically) from its stage shard and the map, skipping shards whose marker names the same key.
A kill at any point leaves either a finished marker or a shard that is rewritten from the unchanged
stage on the rerun, with the same result. The cluster computation holds one MinHash (128 × 8 bytes)
per record in memory: about 1 GB for a million records.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from khabar.arabic.normalize import normalize
from khabar.corpus.layout import (
    STAGE_DIR,
    done_name,
    part_name,
    read_marker,
    rejects_name,
    write_json_atomic,
)
from khabar.corpus.writers import read_shard, write_shard
from khabar.errors import DuplicateRecordError

__all__ = ["NUM_PERM", "SHINGLE", "THRESHOLD", "DedupSummary", "Deduper", "dedup_shards", "tokens"]

SHINGLE = 3
NUM_PERM = 128
THRESHOLD = 0.5
SEED = 1
MAP_NAME = "dedup-map.json"
_WORD = re.compile(r"\w+")


@dataclass
class DedupSummary:
    clusters: int = 0
    records_in_clusters: int = 0
    dropped: int = 0
    shards_skipped: int = 0
    archive_added: int = 0
    archive_present: int = 0


def tokens(text: str) -> list[str]:
    """The word tokens of the normalised view of ``text``."""
    return _WORD.findall(normalize(text))


class Deduper:
    """Incremental clustering: :meth:`add` records in order, then read :meth:`clusters`."""

    def __init__(self, *, shingle: int = SHINGLE, num_perm: int = NUM_PERM, threshold: float = THRESHOLD):
        # through importlib: datasketch ships no type information, mypy treats it as Any
        self._ds = importlib.import_module("datasketch")
        self.shingle, self.num_perm, self.threshold = shingle, num_perm, threshold
        self._lsh = self._ds.MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[int, Any] = {}
        self._exact: dict[bytes, int] = {}
        self._parent: list[int] = []
        self._batched = False  # add_rows was used: no more rows
        self._scheme = self._ds.MinHash(num_perm=num_perm, seed=SEED).scheme

    def _find(self, i: int) -> int:
        p = self._parent
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return i

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:  # the smaller index (the first seen) is the root: it is the representative
            self._parent[max(ra, rb)] = min(ra, rb)

    def signature(self, toks: list[str]) -> Any:
        k = self.shingle
        shingles = {" ".join(toks[i : i + k]) for i in range(max(1, len(toks) - k + 1))}
        m = self._ds.MinHash(num_perm=self.num_perm, seed=SEED)
        m.update_batch([s.encode("utf-8", "surrogatepass") for s in shingles])
        return m

    def row(self, text: str) -> Any:
        """One record's signature row (numpy uint64): the MinHash values, then the exact key (two
        words of the SHA-1 of its tokens) and 1, or zeros for a record without words."""
        import numpy as np

        out = np.zeros(self.num_perm + 3, dtype=np.uint64)
        toks = tokens(text)
        if toks:
            key = hashlib.sha1(" ".join(toks).encode("utf-8", "surrogatepass")).digest()
            out[: self.num_perm] = self.signature(toks).hashvalues
            out[self.num_perm : self.num_perm + 2] = np.frombuffer(key[:16], dtype=np.uint64)
            out[-1] = 1
        return out

    def add(self, text: str) -> int:
        """Add one record's text; return its index."""
        return self.add_row(self.row(text))

    def add_row(self, row: Any) -> int:
        """Add one record by its :meth:`row` (computed here or in a worker); return its index."""
        if self._batched:
            raise ValueError("add_row after add_rows: the batch's rows are not in the index")
        i = len(self._parent)
        self._parent.append(i)
        if not row[-1]:
            return i
        key = bytes(row[self.num_perm : self.num_perm + 2].tobytes())
        first = self._exact.get(key)
        if first is not None:
            self._union(first, i)  # exact duplicate: same cluster, no need for a signature
            return i
        self._exact[key] = i
        sig = self._ds.LeanMinHash(seed=SEED, hashvalues=row[: self.num_perm], scheme=self._scheme)
        for j in self._lsh.query(sig):
            if sig.jaccard(self._sigs[j]) >= self.threshold:
                self._union(j, i)
        self._lsh.insert(i, sig)
        self._sigs[i] = sig
        return i

    def clusters(self) -> dict[int, list[int]]:
        """Clusters of two or more records: representative index → member indices (in order)."""
        groups: dict[int, list[int]] = {}
        for i in range(len(self._parent)):
            groups.setdefault(self._find(i), []).append(i)
        return {r: m for r, m in groups.items() if len(m) > 1}

    def add_rows(self, rows: Any) -> None:
        """Add many :meth:`row` rows at once (a 2-D array, in order): the same clusters as
        :meth:`add_row` on each in turn, found by banding the signatures with numpy.

        Why not datasketch's index here: the run's clustering is its one serial step, and
        ``MinHashLSH.insert``/``query`` spend most of it in per-record Python (3–5 s of a 25 s run
        on SaudiNewsNet at two workers). The bands (datasketch's own ``b`` × ``r`` for this
        threshold), the candidate rule (any equal band with an earlier record) and the check
        (estimated Jaccard ≥ threshold) are datasketch's, so the pairs, and so the clusters, are
        the same; a test compares the two."""
        import numpy as np

        if self._sigs or self._batched:  # one batch: nothing else would band against it
            raise ValueError("add_rows clusters one whole batch, on a Deduper given no other rows")
        self._batched = True
        rows = np.asarray(rows, dtype=np.uint64)
        base = len(self._parent)
        n = len(rows)
        self._parent.extend(range(base, base + n))
        if not n:
            return
        sigs = np.ascontiguousarray(rows[:, : self.num_perm])
        lsh: list[int] = []  # rows that go into the index: with words, not an exact repeat
        for k in range(n):
            if not rows[k, -1]:
                continue
            key = bytes(rows[k, self.num_perm : self.num_perm + 2].tobytes())
            first = self._exact.get(key)
            if first is not None:
                self._union(first, base + k)
                continue
            self._exact[key] = base + k
            lsh.append(k)
        idx = np.asarray(lsh, dtype=np.int64)
        b, r = self._lsh.b, self._lsh.r
        pairs: set[tuple[int, int]] = set()
        for band in range(b):
            keys = sigs[idx, band * r : (band + 1) * r]
            view = np.ascontiguousarray(keys).view(np.dtype((np.void, keys.dtype.itemsize * r))).ravel()
            _, inverse, counts = np.unique(view, return_inverse=True, return_counts=True)
            if not (counts > 1).any():
                continue
            order = np.argsort(inverse.ravel(), kind="stable")  # rows of a bucket together, in order
            ends = np.cumsum(counts)
            for g in np.flatnonzero(counts > 1):
                members = idx[order[ends[g] - counts[g] : ends[g]]].tolist()
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        pairs.add((members[x], members[y]))
        for x, y in sorted(pairs):
            if np.count_nonzero(sigs[x] == sigs[y]) / self.num_perm >= self.threshold:
                self._union(base + x, base + y)


def sig_name(idx: int) -> str:
    """The signature file of stage shard ``idx``: one :meth:`Deduper.row` per record (``.npy``)."""
    return f"part-{idx:05d}.sig.npy"


def rows_name(idx: int) -> str:
    """The archive rows the workers prepared for stage shard ``idx`` (:mod:`khabar.archive.rows`)."""
    return f"part-{idx:05d}.rows.jsonl"


def write_signatures(path: str, texts: list[str]) -> None:
    """Compute the signature rows of ``texts`` (in a worker) and save them atomically to ``path``."""
    import numpy as np

    d = Deduper()
    rows = np.stack([d.row(t) for t in texts]) if texts else np.zeros((0, NUM_PERM + 3), dtype=np.uint64)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        np.save(f, rows, allow_pickle=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _shard_rows(stage: str, s: int, marker: dict[str, Any]) -> Iterator[tuple[str, Any | None, str]]:
    """``(id, signature row or None, text)`` of stage shard ``s``: from its signature file and the
    ids in its marker when both are there (the fast path), else from its records."""
    import numpy as np

    path = os.path.join(stage, sig_name(s))
    ids = marker.get("ids")
    if isinstance(ids, list) and os.path.exists(path):
        rows = np.load(path, allow_pickle=False)
        if len(rows) == len(ids):
            for id_, row in zip(ids, rows, strict=True):
                yield id_, row, ""
            return
    for rec in read_shard(os.path.join(stage, part_name(s, "jsonl")), "jsonl"):
        yield rec["id"], None, rec.get("text") or ""


def _compute_map(stage: str, markers: list[dict[str, Any]], progress: bool) -> dict[str, list[Any]]:
    import numpy as np
    from tqdm import tqdm

    d = Deduper()
    where: list[tuple[int, int, str]] = []
    rows: list[Any] = []
    bar = tqdm(total=sum(int(m["out"]) for m in markers), disable=not progress, desc="khabar dedup",
               unit="doc", file=sys.stderr, dynamic_ncols=True)  # fmt: skip
    for s, m in enumerate(markers):
        for row, (id_, sig, text) in enumerate(_shard_rows(stage, s, m)):
            rows.append(d.row(text) if sig is None else sig)
            where.append((s, row, id_))
            bar.update(1)
    bar.close()
    d.add_rows(np.stack(rows) if rows else np.zeros((0, d.num_perm + 3), dtype=np.uint64))
    out: dict[str, list[Any]] = {}
    for rep, members in d.clusters().items():
        rep_id = where[rep][2]
        for i in members:
            s, row, _ = where[i]
            out[f"{s}:{row}"] = [rep_id, len(members), i == rep]
    return out


@dataclass
class FinalTask:
    """What one final shard needs: its stage marker and its rows of the cluster map."""

    out_dir: str
    idx: int
    fmt: str
    mode: str
    key: str
    archive_key: str | None
    keep_raw: bool
    stage_marker: dict[str, Any]
    clusters: dict[int, list[Any]]


def _final_records(
    t: FinalTask, kept: list[int] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """The shard's records with their cluster signals, its rejects, and how many were dropped;
    ``kept`` gets the stage row of each record returned."""
    stage = os.path.join(t.out_dir, STAGE_DIR)
    records: list[dict[str, Any]] = []
    rejects = list(read_shard(os.path.join(stage, rejects_name(t.idx)), "jsonl"))
    dropped = 0
    for row, rec in enumerate(read_shard(os.path.join(stage, part_name(t.idx, "jsonl")), "jsonl")):
        rep_id, size, is_rep = t.clusters.get(row, [None, 1, True])
        if t.mode != "off":
            signals = dict(rec.get("signals") or {})
            signals.update(dup_cluster=rep_id, cluster_size=size, dup_representative=is_rep)
            rec["signals"] = signals
        if t.mode == "keep-first" and not is_rep:
            dropped += 1
            rejects.append(
                {
                    "id": rec["id"],
                    "input": (rec.get("source") or {}).get("input"),
                    "code": DuplicateRecordError.code,
                    "reason": DuplicateRecordError.reason,
                    "message": f"{rec['id']} duplicates {rep_id} (a cluster of {size}); "
                    "--dedup keep-first keeps the first, --dedup mark keeps all",
                }
            )
            continue
        records.append(rec)
        if kept is not None:
            kept.append(row)
    return records, rejects, dropped


def _write_final(
    t: FinalTask, records: list[dict[str, Any]], rejects: list[dict[str, Any]], dropped: int
) -> int:
    if not t.keep_raw:
        for rec in records:
            rec.pop("raw", None)
    write_shard(os.path.join(t.out_dir, rejects_name(t.idx)), rejects, "jsonl")
    write_shard(os.path.join(t.out_dir, part_name(t.idx, t.fmt)), records, t.fmt)
    marker = {k: v for k, v in t.stage_marker.items() if k != "ids"}
    marker.update(fmt=t.fmt, out=len(records), dropped=dropped, dedup_key=t.key, archive=t.archive_key)
    marker["rejects"] = dict(marker["rejects"])
    if dropped:
        marker["rejects"]["duplicate"] = dropped
    write_json_atomic(os.path.join(t.out_dir, done_name(t.idx)), marker)
    return dropped


def finalize_shard(t: FinalTask) -> int:
    """Write final shard ``t.idx`` from its stage shard (runs in a worker); how many were dropped."""
    return _write_final(t, *_final_records(t))


def dedup_shards(
    out_dir: str,
    n_shards: int,
    fmt: str,
    mode: str,
    *,
    progress: bool = False,
    archive: str | None = None,
    keep_raw: bool = False,
    engine: Any = None,
) -> DedupSummary:
    """Cluster the stage shards of ``out_dir`` and write the final shards in ``fmt``; see the module doc.

    ``mode`` ``off`` copies the stage shards without clustering (a run with an archive and no dedup).
    ``archive`` (a path): each final shard's records are also stored there, by this process, before
    the shard's marker is written (a rerun re-stores an unmarked shard: the archive ignores inputs
    it holds). ``keep_raw`` False drops the ``raw`` the stage kept for the archive's ids. ``engine``
    (a :class:`~khabar.corpus.engines.Engine`) writes the final shards in its workers when there is no
    archive; the clusters themselves are computed here from the signatures the workers saved."""
    stage = os.path.join(out_dir, STAGE_DIR)
    h = hashlib.sha256(json.dumps([mode, SHINGLE, NUM_PERM, THRESHOLD, SEED, keep_raw]).encode())
    stage_markers = []
    for s in range(n_shards):
        m = read_marker(os.path.join(stage, done_name(s)))
        if m is None:  # pragma: no cover - the runner finished every stage shard before calling
            raise RuntimeError(f"stage shard {s} of {out_dir} is not finished")
        stage_markers.append(m)
        h.update(str(m["ids_sha256"]).encode() + json.dumps(m["options"], sort_keys=True).encode())
    key = h.hexdigest()

    map_path = os.path.join(out_dir, MAP_NAME)
    saved = read_marker(map_path)
    archive_key = os.path.abspath(archive) if archive is not None else None
    if saved is not None and saved.get("key") == key:
        cmap: dict[str, list[Any]] = saved["clusters"]
    elif mode == "off":
        cmap = {}
    else:
        cmap = _compute_map(stage, stage_markers, progress)
        write_json_atomic(map_path, {"key": key, "clusters": cmap})

    summary = DedupSummary()
    summary.clusters = len({v[0] for v in cmap.values() if v[2]})
    summary.records_in_clusters = len(cmap)
    per_shard: dict[int, dict[int, list[Any]]] = {}
    for k, v in cmap.items():
        s_, row_ = k.split(":")
        per_shard.setdefault(int(s_), {})[int(row_)] = v
    todo: list[FinalTask] = []
    for s in range(n_shards):
        m = read_marker(os.path.join(out_dir, done_name(s)))
        if (
            m is not None
            and m.get("dedup_key") == key
            and m.get("fmt") == fmt
            and m.get("archive") == archive_key
            and os.path.exists(os.path.join(out_dir, part_name(s, fmt)))
            and os.path.exists(os.path.join(out_dir, rejects_name(s)))
        ):
            summary.shards_skipped += 1
            summary.dropped += int(m.get("dropped", 0))
            continue
        todo.append(FinalTask(out_dir, s, fmt, mode, key, archive_key, keep_raw, stage_markers[s],
                              per_shard.get(s, {})))  # fmt: skip
    if archive is None:
        if engine is not None:
            summary.dropped += sum(d for _, d in engine.imap(finalize_shard, todo))
        else:
            summary.dropped += sum(finalize_shard(t) for t in todo)
        return summary
    # the archive has one writer, this process: each shard is stored before its marker is written
    from khabar.archive.clusters import ArchiveWriter
    from khabar.archive.rows import load_prepared

    store = ArchiveWriter(archive)
    try:
        for t in todo:
            kept: list[int] = []
            records, rejects, dropped = _final_records(t, kept)
            prepared = load_prepared(os.path.join(stage, rows_name(t.idx)))
            if prepared is not None:  # rows the workers prepared (absent: a run from before them)
                try:
                    prepared = [prepared[row] for row in kept]
                except IndexError:  # fewer rows than records: not this stage's file; analyse here
                    prepared = None
            added, present = store.add_records(records, prepared)
            summary.archive_added += added
            summary.archive_present += present
            summary.dropped += _write_final(t, records, rejects, dropped)
            if prepared is not None:  # used: its bulk (the texts again) need not stay on disk
                os.remove(os.path.join(stage, rows_name(t.idx)))
    finally:
        store.close()
    return summary
