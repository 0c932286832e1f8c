"""``khabar run``: a corpus through the pipeline in shards, resumable, on a local pool or on Ray.

Passes: (1) site profiles, when asked and not already saved (:mod:`khabar.corpus.profiles`: per-site
line counts, merged in this process); (2) processing: every shard through the registered stages, with
the profiles applied after the classifier, on the engine (:mod:`khabar.corpus.engines`); (3) with
dedup or an archive, the final shards from the stage shards: near-duplicate clusters
(:mod:`khabar.corpus.dedup`) and the archive, written by this process alone.

Layout of ``out_dir`` (N = shard number, five digits)::

    part-0000N.jsonl | .parquet   the shard's records (khabar.record/1)
    rejects-0000N.jsonl           the shard's rejects (reader rejects, pipeline errors, ``duplicate``)
    part-0000N.done               completion marker: counts, the hash of the shard's input ids, options
    summary.json                  the last run's summary
    .stage/                       pass-2 shards when dedup or the archive is on (see dedup); with an
                                  archive, part-0000N.rows.jsonl too: each record's archive rows,
                                  prepared by the worker (khabar.archive.rows), removed once stored
    dedup-map.json                the duplicate clusters (dedup on)
    profiles/profiles.json        the site profiles (``khabar run`` keeps them here by default)

How it stays exact under crashes:

* Inputs are streamed through :func:`~khabar.io.read_inputs` and cut into shards of ``shard_size``
  items in input order, so shard N always holds the same records for the same inputs.
* Every file is written to ``<name>.tmp`` and renamed into place; the ``.done`` marker is written
  (atomically) last, after both data files. A shard counts as finished only when its marker exists,
  names the same input-ids hash and options (those that change its records), and its files are
  there. A rerun skips finished shards and redoes the rest from scratch (a leftover ``.tmp`` from a
  SIGKILL is overwritten), so a killed and restarted run ends with the same files as an uninterrupted one.
* Files of shard numbers beyond the current shard count (the inputs shrank) are removed.
* Markers name the options, the profiles' content hash and (final shards) the archive, so changing
  any of them redoes the shards it affects; the archive ignores documents it already holds.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from khabar.corpus.choices import DEDUP_MODES
from khabar.corpus.layout import (
    STAGE_DIR,
    done_name,
    part_name,
    read_marker,
    rejects_name,
    write_json_atomic,
)
from khabar.corpus.summary import RunSummary
from khabar.corpus.writers import FORMATS, write_shard
from khabar.errors import StageFailedError
from khabar.io import RawRecord, Reject, read_inputs

__all__ = ["DEDUP_MODES", "RunSummary", "auto_shard_size", "default_workers", "run"]


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
@dataclass(frozen=True)
class ShardOptions:
    """What every shard of a run is processed with: the fact stages, the input fields, the site
    profiles' key, whether workers compute near-duplicate signatures. Written into each shard's marker
    (:meth:`marker`), so that a rerun with other options redoes the shards they affect."""

    extra: tuple[str, ...] = ()
    #: keep ``raw`` in the records (an archive's ids hash the raw input)
    keep_raw: bool = False
    text_field: str | None = None
    id_field: str | None = None
    meta_fields: tuple[str, ...] | None = None
    date_field: str | None = None
    site_field: str | None = None
    #: the content key of the site profiles the shards use (None: no profiles)
    profiles: str | None = None
    #: workers compute the near-duplicate signatures of their shard (dedup's parallel part)
    dedup_sig: bool = False
    #: confidence thresholds other than the defaults (None: the defaults)
    min_confidence: str | float | None = None
    #: workers prepare each record's archive rows (:func:`khabar.archive.rows.prepare_record`), so
    #: that the one process writing the archive only inserts them
    archive_rows: bool = False

    def marker(self) -> dict[str, Any]:
        """The options as a shard marker holds them (JSON; the same keys as markers written before
        this class, so that finished shards of an earlier run stay finished)."""
        out: dict[str, Any] = {
            "extra": list(self.extra),
            "keep_raw": self.keep_raw,
            "text_field": self.text_field,
            "id_field": self.id_field,
            "meta_fields": None if self.meta_fields is None else list(self.meta_fields),
            "date_field": self.date_field,
            "site_field": self.site_field,
            "profiles": self.profiles,
            "dedup_sig": self.dedup_sig,
        }
        if self.min_confidence is not None:  # only when given: markers of default runs have no key
            out["min_confidence"] = self.min_confidence
        if self.archive_rows:  # likewise
            out["archive_rows"] = True
        return out


@dataclass
class ShardTask:
    idx: int
    items: list[RawRecord | Reject]
    ids_hash: str
    dest: str  # the folder the shard is written to
    fmt: str
    options: ShardOptions
    #: the site-profiles folder (``options.profiles`` names the profiles' key), or None
    profiles_dir: str | None = None


_PROFILES_CACHE: dict[tuple[str, str], Any] = {}


def _profiles(task: ShardTask) -> Any:
    """The task's site profiles, loaded once per worker process (None when the run has none)."""
    key = task.options.profiles
    if not key or task.profiles_dir is None:
        return None
    ck = (task.profiles_dir, str(key))
    if ck not in _PROFILES_CACHE:
        from khabar.corpus.profiles import load_profiles

        _PROFILES_CACHE.clear()
        _PROFILES_CACHE[ck] = load_profiles(task.profiles_dir)
    return _PROFILES_CACHE[ck]


def learn_shard(task: ShardTask) -> Any:
    """Pass 1 of site profiles on one shard: its :class:`~khabar.corpus.profiles.LineCounts`."""
    from khabar.corpus.profiles import learn_records

    return learn_records(task.items, task.options.site_field)


def process_shard(task: ShardTask) -> dict[str, Any]:
    """Process one shard and write its files and marker; return the marker."""
    from khabar.corpus.profiles import process_record, record_site

    extra = task.options.extra
    keep_raw = task.options.keep_raw
    site_field = task.options.site_field
    profiles = _profiles(task)
    records: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    prepared: list[Any] = []
    profile_removed = 0
    from khabar.corpus.progress import TICK_EVERY, tick

    pending = 0
    for item in task.items:
        pending += 1
        if pending >= TICK_EVERY:
            tick(pending)  # the parent's bar moves per record (khabar.corpus.progress)
            pending = 0
        if isinstance(item, Reject):
            rejects.append(item.to_dict())
            continue
        if site_field:
            item.source.site = record_site(item, site_field)
        try:
            doc = process_record(item, profiles, extra, min_confidence=task.options.min_confidence)
        except StageFailedError as err:  # one bad record must not stop a corpus run: it is accounted
            rejects.append(Reject.from_error(item.id, item.source.input or item.id, err).to_dict())
            continue
        except Exception as err:  # outside the stages (reading the profile, assembling the record)
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
        if task.options.archive_rows:
            from khabar.archive.rows import prepare_record

            prepared.append(prepare_record(doc, records[-1]))
        profile_removed += int(doc.signals.get("site_profile_removed", 0))
    tick(pending)
    os.makedirs(task.dest, exist_ok=True)
    write_shard(os.path.join(task.dest, rejects_name(task.idx)), rejects, "jsonl")
    write_shard(os.path.join(task.dest, part_name(task.idx, task.fmt)), records, task.fmt)
    if task.options.archive_rows:
        from khabar.archive.rows import save_prepared
        from khabar.corpus.dedup import rows_name

        save_prepared(os.path.join(task.dest, rows_name(task.idx)), prepared)
    extra_marker: dict[str, Any] = {}
    if task.options.dedup_sig:
        # the near-duplicate signatures are the costly part of dedup: computed here, in parallel
        from khabar.corpus.dedup import sig_name, write_signatures

        write_signatures(os.path.join(task.dest, sig_name(task.idx)), [r.get("text") or "" for r in records])
        extra_marker["ids"] = [r["id"] for r in records]
    marker = {
        "shard": task.idx,
        "in": len(task.items),
        "out": len(records),
        "rejects": dict(Counter(r["reason"] for r in rejects)),
        "profile_removed": profile_removed,
        "ids_sha256": task.ids_hash,
        "fmt": task.fmt,
        "options": task.options.marker(),
        **extra_marker,
    }
    write_json_atomic(os.path.join(task.dest, done_name(task.idx)), marker)
    return marker


def finished(dest: str, idx: int, fmt: str, ihash: str, options: ShardOptions) -> dict[str, Any] | None:
    """The marker of shard ``idx`` in ``dest`` if it is finished for these inputs and options."""
    m = read_marker(os.path.join(dest, done_name(idx)))
    if (
        m is None
        or m.get("ids_sha256") != ihash
        or m.get("fmt") != fmt
        or _records_options(m.get("options")) != _records_options(options.marker())
    ):
        return None
    if not (
        os.path.exists(os.path.join(dest, part_name(idx, fmt)))
        and os.path.exists(os.path.join(dest, rejects_name(idx)))
    ):
        return None
    if options.dedup_sig and not os.path.exists(os.path.join(dest, f"part-{idx:05d}.sig.npy")):
        return None
    return m


#: marker options that change no record: prepared archive rows (the writer analyses a shard without)
_NOT_RECORDS = frozenset({"archive_rows"})


def _records_options(options: Any) -> Any:
    """A marker's options but :data:`_NOT_RECORDS`: stage shards an older ``--archive`` run finished
    (no ``archive_rows`` in their markers) stay finished for a rerun (they were all redone)."""
    return {k: v for k, v in options.items() if k not in _NOT_RECORDS} if isinstance(options, dict) else None


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
    out_dir: str | None,
    *,
    fmt: str = "jsonl",
    workers: int | None = 1,
    shard_size: int | None = 1000,
    glob: str = "*",
    dedup: str = "mark",
    progress: bool = True,
    engine: str = "local",
    ray_address: str | None = None,
    text_field: str | None = None,
    id_field: str | None = None,
    meta_fields: Sequence[str] | None = None,
    date_field: str | None = None,
    site_field: str | None = None,
    profiles: str | None = None,
    archive: str | None = None,
    extra: Sequence[str] = (),
    keep_raw: bool = False,
    min_confidence: str | float | None = None,
) -> RunSummary:
    """Run the default pipeline (plus ``extra`` stages) over ``paths`` into shards in ``out_dir``.

    ``engine`` ``local`` uses this process (``workers`` = 1) or a spawned process pool; ``ray`` uses
    Ray tasks (:mod:`khabar.corpus.engines`); both run the same stages and write the same files.
    ``profiles`` (a folder) turns on site profiles (:mod:`khabar.corpus.profiles`): loaded from there
    when it holds some, else learned from the inputs first (pass 1) and saved there. ``site_field``
    names the JSON field holding a record's site (default: the reader's ``source.site``);
    ``date_field`` the one holding its own date (:func:`~khabar.io.read_inputs`).
    ``dedup`` (``mark`` by default) runs the near-duplicate pass of :mod:`khabar.corpus.dedup` after
    all shards are processed. ``archive`` (a path) also stores the final records in that SQLite
    archive, written by this process only; ``out_dir`` then defaults to ``ARCHIVE.shards``.
    Rerunning with the same arguments resumes: finished shards are skipped. ``min_confidence`` sets the
    thresholds of the ``confidence`` stage, as for :func:`khabar.api.process_text`. ``workers`` None
    means one per core (:func:`default_workers`), fewer when the input has fewer shards; ``shard_size``
    None means 1,000 records, smaller when that would leave a worker idle (:func:`auto_shard_size`).
    Returns the summary.
    """
    from khabar.corpus.engines import ENGINES, make_engine
    from khabar.errors import UsageError

    if fmt not in FORMATS:
        raise UsageError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}", value=fmt)
    if dedup not in DEDUP_MODES:
        raise UsageError(f"unknown dedup mode {dedup!r}; use one of {', '.join(DEDUP_MODES)}", value=dedup)
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}", value=engine)
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise UsageError(f"workers must be a positive number, not {workers!r}", value=workers)
    if shard_size is not None and (not isinstance(shard_size, int) or shard_size < 1):
        raise UsageError(f"shard_size must be a positive number, not {shard_size!r}", value=shard_size)
    if out_dir is None:
        if archive is None:
            raise UsageError("give an output folder (-o) or an archive (--archive)", value=None)
        out_dir = archive + ".shards"
    if fmt == "parquet":
        from khabar.corpus.writers import require_pyarrow

        require_pyarrow()  # fail before any work, not in a worker
    if dedup != "off":
        import importlib.util

        if importlib.util.find_spec("datasketch") is None:  # fail before any work, not in a worker
            raise UsageError(
                "near-duplicate clusters (--dedup mark, the default) need datasketch: "
                "pip install 'khabar[corpus]', or pass --dedup off",
                value=dedup,
            )
    if profiles is not None and os.path.exists(profiles) and not os.path.isdir(profiles):
        raise UsageError(
            f"--profiles {profiles} is a file; give a folder (created when missing)", value=profiles
        )
    if meta_fields is None and site_field:
        from khabar.io.readers import DEFAULT_META_FIELDS

        meta_fields = list(DEFAULT_META_FIELDS)
    if site_field and meta_fields is not None and site_field not in meta_fields:
        meta_fields = [*meta_fields, site_field]

    from khabar.corpus.progress import Phases, Poller, load_average, set_counter

    t0 = time.perf_counter()
    phases = Phases()
    load_start = load_average()
    os.makedirs(out_dir, exist_ok=True)
    # a finalising pass (dedup clusters, archive) reads pass 1 from .stage, always JSON Lines
    two_pass = dedup != "off" or archive is not None
    dest = os.path.join(out_dir, STAGE_DIR) if two_pass else out_dir
    stage_fmt = "jsonl" if two_pass else fmt
    if min_confidence is not None and min_confidence != "default":
        from khabar.extract.confidence import resolve_min_confidence

        resolve_min_confidence(min_confidence)  # a bad value fails here, not in every worker
    else:
        min_confidence = None
    options = ShardOptions(
        extra=tuple(extra),
        # the archive's ids hash the raw input (as `khabar process --archive` does): pass 1 keeps it
        keep_raw=keep_raw or archive is not None,
        text_field=text_field,
        id_field=id_field,
        meta_fields=None if meta_fields is None else tuple(meta_fields),
        date_field=date_field,
        site_field=site_field,
        dedup_sig=dedup != "off",
        min_confidence=min_confidence,
        archive_rows=archive is not None,
    )

    skipped: list[tuple[str, str]] = []

    def inputs(count_skips: bool = False) -> Iterator[RawRecord | Reject]:
        # files that are not documents are counted once, in the processing pass
        on_skip = (lambda path, why: skipped.append((path, why))) if count_skips else None
        return read_inputs(list(paths), glob=glob, text_field=text_field, id_field=id_field,
                           meta_fields=meta_fields, date_field=date_field, on_skip=on_skip)  # fmt: skip

    total = None
    if "-" not in paths and (progress or workers is None or shard_size is None):
        # a cheap first read (no processing) so the bar has a total and an ETA, and the defaults of
        # workers and shard size fit the input
        with phases.phase("reading"):
            total = sum(1 for _ in inputs())
    if shard_size is None:
        shard_size = auto_shard_size(total, workers or default_workers())
    if workers is None:
        workers = default_workers()
        if total is not None:
            workers = max(1, min(workers, -(-total // shard_size)))  # no idle worker to spawn
    from tqdm import tqdm

    summary = RunSummary(out_dir=out_dir, workers=workers, load_start=load_start)
    rejects: Counter[str] = Counter()
    markers: list[dict[str, Any]] = []
    n_shards = 0
    counter = None
    if engine == "local":
        import multiprocessing

        counter = multiprocessing.get_context("spawn").Value("q", 0)
        set_counter(counter if workers == 1 else None)  # in-process: this process counts
    with make_engine(engine, workers, ray_address, counter) as eng:
        if profiles is not None:
            with phases.phase("profiles"):
                prof = _load_or_learn_profiles(
                    eng, inputs, shard_size, options, profiles, progress, total, from_stdin="-" in paths
                )
            options = replace(options, profiles=prof.key)
        bar = tqdm(total=total, disable=not progress, desc="khabar run", unit="doc", file=sys.stderr,
                   dynamic_ncols=True, smoothing=0.1)  # fmt: skip

        def tasks() -> Iterator[ShardTask]:
            nonlocal n_shards
            for idx, items in enumerate(_shards(inputs(count_skips=True), shard_size)):
                n_shards += 1
                ihash = ids_hash(items)
                m = finished(dest, idx, stage_fmt, ihash, options)
                if m is not None:
                    summary.shards_skipped += 1
                    markers.append(m)
                    bar.update(int(m["in"]))
                    continue
                summary.processed += len(items)
                yield ShardTask(idx, items, ihash, dest, stage_fmt, options, profiles)

        poller = Poller(counter, bar.update) if counter is not None and progress else None
        try:
            with phases.phase("processing"):
                if poller is not None:
                    poller.__enter__()
                for _, m in eng.imap(process_shard, tasks()):
                    markers.append(m)
                    if poller is None:
                        bar.update(int(m["in"]))  # Ray: per shard
        finally:
            if poller is not None:
                poller.stop()
            bar.close()
            set_counter(None)
        remove_shard_files(dest, n_shards)
        summary.shards = n_shards
        for m in markers:
            summary.records_in += int(m["in"])
            summary.records_out += int(m["out"])
            summary.profile_removed += int(m.get("profile_removed", 0))
            rejects.update(m["rejects"])

        if two_pass:
            from khabar.corpus.dedup import dedup_shards

            remove_shard_files(out_dir, n_shards)
            with phases.phase("clustering and archive" if archive is not None else "clustering"):
                ds = dedup_shards(out_dir, n_shards, fmt, dedup, progress=progress, archive=archive,
                                  keep_raw=keep_raw, engine=eng)  # fmt: skip
            summary.dup_clusters = ds.clusters
            summary.dup_records = ds.records_in_clusters
            summary.records_out -= ds.dropped
            rejects["duplicate"] += ds.dropped
            summary.archive_added, summary.archive_present = ds.archive_added, ds.archive_present
    summary.rejects = {k: v for k, v in rejects.items() if v}
    summary.seconds = time.perf_counter() - t0
    if archive is not None:
        with phases.phase("identities"):
            _record_archive_run(archive, paths, out_dir, n_shards, summary)
        summary.seconds = time.perf_counter() - t0
    summary.phases = dict(phases.seconds)
    summary.skipped = skipped
    summary.load_end = load_average()
    write_json_atomic(os.path.join(out_dir, "summary.json"), summary.to_dict())
    return summary


def default_workers() -> int:
    """One worker per core this process may run on (``os.sched_getaffinity`` where there is one: a
    container or ``taskset`` may give fewer cores than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


#: records per shard by default, and the fewest: a shard is a file pair and a marker, and a worker's
#: start-up (spawning, loading the models) is paid per worker, not per shard
SHARD_SIZE = 1000
MIN_SHARD_SIZE = 100


def auto_shard_size(total: int | None, workers: int) -> int:
    """1,000 records per shard, or fewer so that each worker gets about four shards: with 3,096
    records and 2 workers, shards of 1,000 leave one worker idle for the last quarter of the run."""
    if total is None or workers <= 1:
        return SHARD_SIZE
    return max(MIN_SHARD_SIZE, min(SHARD_SIZE, -(-total // (4 * workers))))


def _load_or_learn_profiles(
    eng: Any,
    inputs: Any,
    shard_size: int,
    options: ShardOptions,
    folder: str,
    progress: bool,
    total: int | None,
    *,
    from_stdin: bool = False,
) -> Any:
    """The profiles in ``folder``, or pass 1: learn them from the inputs on the engine and save them."""
    from tqdm import tqdm

    from khabar.corpus.profiles import LineCounts, load_profiles

    prof = load_profiles(folder)
    if prof is not None:
        return prof
    if from_stdin:
        from khabar.errors import UsageError

        raise UsageError(
            f"site profiles are learned in a first read of the input, and stdin can be read only once; "
            f"save the input to a file, pass --no-profiles, or --profiles DIR with saved profiles ({folder} "
            "has none)",
            value=folder,
        )
    counts = LineCounts()
    bar = tqdm(total=total, disable=not progress, desc="khabar profiles", unit="doc", file=sys.stderr,
               dynamic_ncols=True, smoothing=0.1)  # fmt: skip
    tasks = (
        ShardTask(i, items, "", "", "jsonl", options) for i, items in enumerate(_shards(inputs(), shard_size))
    )
    # merged in shard order whatever order the workers finish in, so that the profiles (their example
    # texts) are the same with any engine and number of workers (a few shards wait here at most)
    waiting: dict[int, Any] = {}
    next_idx = 0
    try:
        for task, c in eng.imap(learn_shard, tasks):
            waiting[task.idx] = c
            while next_idx in waiting:
                counts.merge(waiting.pop(next_idx))
                next_idx += 1
            bar.update(len(task.items))
    finally:
        bar.close()
    prof = counts.profiles()
    prof.save(folder)
    return prof


def _record_archive_run(
    archive: str, paths: Sequence[str], out_dir: str, n_shards: int, s: RunSummary
) -> None:
    """One row in the archive's runs table for this run, with every reject of the final shards."""
    from khabar.archive.store import Archive
    from khabar.io import read_jsonl

    rej: list[dict[str, Any]] = []
    for i in range(n_shards):
        rej.extend(read_jsonl(os.path.join(out_dir, rejects_name(i))))
    with Archive(archive) as a:
        a.resolve_identities()
        a.record_run(
            started=time.time() - s.seconds,
            inputs=list(paths),
            records_in=s.records_in,
            processed=s.processed,
            added=s.archive_added,
            duplicates=s.archive_present,
            rejects=rej,
        )
