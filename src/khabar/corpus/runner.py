"""``khabar run``: a corpus through the pipeline in shards, resumable, on a local process pool.

Layout of ``out_dir`` (N = shard number, five digits)::

    part-0000N.jsonl | .parquet   the shard's records (khabar.record/1)
    rejects-0000N.jsonl           the shard's rejects (reader rejects, pipeline errors, ``duplicate``)
    part-0000N.done               completion marker: counts, the hash of the shard's input ids, options
    summary.json                  the last run's summary
    .stage/                       pass-1 shards when dedup is on (see :mod:`khabar.corpus.dedup`)
    dedup-map.json                the duplicate clusters (dedup on)

How it stays exact under crashes:

* Inputs are streamed through :func:`~khabar.io.read_inputs` and cut into shards of ``shard_size``
  items in input order, so shard N always holds the same records for the same inputs.
* Every file is written to ``<name>.tmp`` and renamed into place; the ``.done`` marker is written
  (atomically) last, after both data files. A shard counts as finished only when its marker exists,
  names the same input-ids hash and options, and its files are there. A rerun skips finished shards
  and redoes the rest from scratch (a leftover ``.tmp`` from a SIGKILL is overwritten), so a killed and
  restarted run ends with the same files as an uninterrupted one.
* Files of shard numbers beyond the current shard count (the inputs shrank) are removed.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from khabar.corpus.writers import FORMATS, shard_suffix, write_shard
from khabar.io import RawRecord, Reject, read_inputs

__all__ = ["DEDUP_MODES", "RunSummary", "run"]

DEDUP_MODES = ("mark", "keep-first", "off")
STAGE_DIR = ".stage"


@dataclass
class RunSummary:
    """What a run did. ``records_in == records_out + sum(rejects.values())`` always holds."""

    out_dir: str
    records_in: int = 0
    records_out: int = 0
    rejects: dict[str, int] = field(default_factory=dict)
    shards: int = 0
    shards_skipped: int = 0
    seconds: float = 0.0
    #: records processed by this run (skipped shards excluded), for docs/s
    processed: int = 0
    dup_clusters: int = 0
    dup_records: int = 0

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": self.out_dir,
            "records_in": self.records_in,
            "records_out": self.records_out,
            "rejects": dict(self.rejects),
            "shards": self.shards,
            "shards_skipped": self.shards_skipped,
            "seconds": round(self.seconds, 3),
            "processed": self.processed,
            "docs_per_s": round(self.docs_per_s, 1),
            "dup_clusters": self.dup_clusters,
            "dup_records": self.dup_records,
        }

    def format(self) -> str:
        """One line for stderr, like ``khabar process``'s summary."""
        n_rej = sum(self.rejects.values())
        s = f"khabar: {self.records_in} records in: {self.records_out} written, {n_rej} rejected"
        if self.rejects:
            s += " (" + ", ".join(f"{r}: {c}" for r, c in Counter(self.rejects).most_common()) + ")"
        s += f"; {self.shards} shards ({self.shards_skipped} already done)"
        if self.dup_clusters:
            s += f"; {self.dup_clusters} duplicate clusters holding {self.dup_records} records"
        s += f" in {self.seconds:.1f} s ({self.docs_per_s:.0f} docs/s)"
        return s


# -- names -------------------------------------------------------------------------------------------
def part_name(idx: int, fmt: str) -> str:
    return f"part-{idx:05d}{shard_suffix(fmt)}"


def rejects_name(idx: int) -> str:
    return f"rejects-{idx:05d}.jsonl"


def done_name(idx: int) -> str:
    return f"part-{idx:05d}.done"


def write_json_atomic(path: str, obj: Any) -> None:
    """Write ``obj`` as JSON to ``path`` through ``path.tmp`` and a rename."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_marker(path: str) -> dict[str, Any] | None:
    """A completion marker, or None when it is missing or unreadable."""
    try:
        with open(path, encoding="utf-8") as f:
            m = json.load(f)
    except (OSError, ValueError):
        return None
    return m if isinstance(m, dict) else None


def _item_key(item: RawRecord | Reject) -> str:
    if isinstance(item, Reject):
        return f"R\t{item.id}\t{item.input}"
    return f"D\t{item.id}\t{item.source.input}"


def ids_hash(items: Sequence[RawRecord | Reject]) -> str:
    """The hash of a shard's input ids (and where each came from), in order."""
    h = hashlib.sha256()
    for it in items:
        h.update(_item_key(it).encode("utf-8", "surrogatepass") + b"\n")
    return h.hexdigest()


# -- the work of one shard (top level, picklable: runs in spawned worker processes) -------------------
@dataclass
class ShardTask:
    idx: int
    items: list[RawRecord | Reject]
    ids_hash: str
    dest: str  # the folder the shard is written to
    fmt: str
    options: dict[str, Any]


def process_shard(task: ShardTask) -> dict[str, Any]:
    """Process one shard and write its files and marker; return the marker."""
    from khabar.api import process_text

    extra = tuple(task.options.get("extra", ()))
    keep_raw = bool(task.options.get("keep_raw", False))
    records: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    for item in task.items:
        if isinstance(item, Reject):
            rejects.append(item.to_dict())
            continue
        try:
            doc = process_text(
                item.raw, id=item.id, source=item.source, meta=item.meta, warnings=item.warnings, extra=extra
            )
        except Exception as err:  # one bad record must not stop a corpus run: it is accounted
            rejects.append(
                {
                    "id": item.id,
                    "input": item.source.input,
                    "code": "K200",
                    "reason": "pipeline_error",
                    "message": f"the pipeline failed on {item.id}: {type(err).__name__}: {err}",
                }
            )
            continue
        records.append(doc.to_record(include_raw=keep_raw))
    os.makedirs(task.dest, exist_ok=True)
    write_shard(os.path.join(task.dest, rejects_name(task.idx)), rejects, "jsonl")
    write_shard(os.path.join(task.dest, part_name(task.idx, task.fmt)), records, task.fmt)
    marker = {
        "shard": task.idx,
        "in": len(task.items),
        "out": len(records),
        "rejects": dict(Counter(r["reason"] for r in rejects)),
        "ids_sha256": task.ids_hash,
        "fmt": task.fmt,
        "options": task.options,
    }
    write_json_atomic(os.path.join(task.dest, done_name(task.idx)), marker)
    return marker


def finished(dest: str, idx: int, fmt: str, ihash: str, options: dict[str, Any]) -> dict[str, Any] | None:
    """The marker of shard ``idx`` in ``dest`` if it is finished for these inputs and options."""
    m = read_marker(os.path.join(dest, done_name(idx)))
    if m is None or m.get("ids_sha256") != ihash or m.get("fmt") != fmt or m.get("options") != options:
        return None
    if not (
        os.path.exists(os.path.join(dest, part_name(idx, fmt)))
        and os.path.exists(os.path.join(dest, rejects_name(idx)))
    ):
        return None
    return m


def remove_shard_files(dest: str, keep_below: int) -> None:
    """Remove shard files (and leftover ``.tmp``) numbered ``keep_below`` or more from ``dest``."""
    if not os.path.isdir(dest):
        return
    for name in os.listdir(dest):
        if not (name.startswith("part-") or name.startswith("rejects-")):
            continue
        num = name.split("-", 1)[1][:5]
        if num.isdigit() and int(num) >= keep_below:
            os.remove(os.path.join(dest, name))


def _shards(items: Iterator[RawRecord | Reject], size: int) -> Iterator[list[RawRecord | Reject]]:
    batch: list[RawRecord | Reject] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(
    paths: Sequence[str],
    out_dir: str,
    *,
    fmt: str = "jsonl",
    workers: int = 1,
    shard_size: int = 1000,
    glob: str = "*",
    dedup: str = "mark",
    progress: bool = True,
    engine: str = "local",
    text_field: str | None = None,
    id_field: str | None = None,
    meta_fields: Sequence[str] | None = None,
    extra: Sequence[str] = (),
    keep_raw: bool = False,
) -> RunSummary:
    """Run the default pipeline (plus ``extra`` stages) over ``paths`` into shards in ``out_dir``.

    ``workers`` > 1 uses a spawned process pool (the same :func:`~khabar.api.process_text` in every
    worker); ``workers`` = 1 runs in this process. ``dedup`` (``mark`` by default) runs the
    near-duplicate pass of :mod:`khabar.corpus.dedup` after all shards are processed. Rerunning with
    the same arguments resumes: finished shards are skipped. Returns the :class:`RunSummary`.
    """
    from khabar.errors import UsageError

    if fmt not in FORMATS:
        raise UsageError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}", value=fmt)
    if dedup not in DEDUP_MODES:
        raise UsageError(f"unknown dedup mode {dedup!r}; use one of {', '.join(DEDUP_MODES)}", value=dedup)
    if engine != "local":
        raise UsageError(f"engine {engine!r} is not available; use 'local'", value=engine)
    if not isinstance(workers, int) or workers < 1:
        raise UsageError(f"workers must be a positive number, not {workers!r}", value=workers)
    if not isinstance(shard_size, int) or shard_size < 1:
        raise UsageError(f"shard_size must be a positive number, not {shard_size!r}", value=shard_size)
    if fmt == "parquet":
        from khabar.corpus.writers import require_pyarrow

        require_pyarrow()  # fail before any work, not in a worker

    t0 = time.perf_counter()
    os.makedirs(out_dir, exist_ok=True)
    # pass 1 writes straight to out_dir without dedup, else to .stage (always JSON Lines there)
    dest = out_dir if dedup == "off" else os.path.join(out_dir, STAGE_DIR)
    stage_fmt = fmt if dedup == "off" else "jsonl"
    options = {"extra": list(extra), "keep_raw": keep_raw, "text_field": text_field, "id_field": id_field,
               "meta_fields": None if meta_fields is None else list(meta_fields)}  # fmt: skip

    def inputs() -> Iterator[RawRecord | Reject]:
        return read_inputs(list(paths), glob=glob, text_field=text_field, id_field=id_field,
                           meta_fields=meta_fields)  # fmt: skip

    total = None
    if progress and "-" not in paths:
        # a cheap first read (no processing) so the bar has a total and an ETA
        total = sum(1 for _ in inputs())
    from tqdm import tqdm

    bar = tqdm(total=total, disable=not progress, desc="khabar run", unit="doc", file=sys.stderr,
               dynamic_ncols=True, smoothing=0.1)  # fmt: skip
    summary = RunSummary(out_dir=out_dir)
    rejects: Counter[str] = Counter()
    markers: list[dict[str, Any]] = []

    def account(m: dict[str, Any]) -> None:
        markers.append(m)
        bar.update(int(m["in"]))

    n_shards = 0
    pool: cf.ProcessPoolExecutor | None = None
    if workers > 1:
        pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    pending: set[cf.Future[dict[str, Any]]] = set()
    try:
        for idx, items in enumerate(_shards(inputs(), shard_size)):
            n_shards += 1
            ihash = ids_hash(items)
            m = finished(dest, idx, stage_fmt, ihash, options)
            if m is not None:
                summary.shards_skipped += 1
                account(m)
                continue
            task = ShardTask(idx, items, ihash, dest, stage_fmt, options)
            summary.processed += len(items)
            if pool is None:
                account(process_shard(task))
                continue
            if len(pending) >= 2 * workers:  # bounded read-ahead: memory stays at a few shards
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for f in done:
                    account(f.result())
            pending.add(pool.submit(process_shard, task))
        for f in cf.as_completed(pending):
            account(f.result())
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        bar.close()
    remove_shard_files(dest, n_shards)
    summary.shards = n_shards
    for m in markers:
        summary.records_in += int(m["in"])
        summary.records_out += int(m["out"])
        rejects.update(m["rejects"])

    if dedup != "off":
        from khabar.corpus.dedup import dedup_shards

        remove_shard_files(out_dir, n_shards)
        ds = dedup_shards(out_dir, n_shards, fmt, dedup, progress=progress)
        summary.dup_clusters = ds.clusters
        summary.dup_records = ds.records_in_clusters
        summary.records_out -= ds.dropped
        rejects["duplicate"] += ds.dropped
    summary.rejects = {k: v for k, v in rejects.items() if v}
    summary.seconds = time.perf_counter() - t0
    write_json_atomic(os.path.join(out_dir, "summary.json"), summary.to_dict())
    return summary
