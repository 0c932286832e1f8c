"""Engines: where ``khabar run`` executes its per-shard work, apart from what that work is.

Both engines run the same top-level functions (:func:`khabar.corpus.runner.process_shard`,
:func:`khabar.corpus.runner.learn_shard`) on the same :class:`~khabar.corpus.runner.ShardTask`
objects, so the shard files and completion markers are identical whichever engine wrote them; the
parent process reads the inputs, cuts the shards, and is the only writer of anything shared
(summary, dedup map, profiles, the archive).

* ``local``: in this process (``workers=1``) or a spawned process pool.
* ``ray``: one Ray task per shard, on the cluster at ``--ray-address`` or on a local Ray started
  with ``num_cpus=workers`` (reused when the caller already called ``ray.init``). Workers write the
  shard files themselves, so on a multi-machine cluster the output folder must be on a filesystem
  every node sees (the inputs need not be: shards travel with their tasks), and khabar installed on
every node (tasks call its functions by name). Needs ``khabar[ray]``.

Both keep at most ``2 × workers`` shards in flight, so memory stays at a few shards whatever the
corpus size.
"""

from __future__ import annotations

import concurrent.futures as cf
import importlib
import logging
import multiprocessing
import os
import re
import socket
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from khabar.corpus.choices import ENGINES

__all__ = ["ENGINES", "Engine", "LocalEngine", "RayEngine", "make_engine"]

T = TypeVar("T")
R = TypeVar("R")


class Engine:
    """Runs ``fn`` over tasks; :meth:`imap` yields ``(task, result)`` pairs as they complete."""

    workers: int = 1

    def imap(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[tuple[T, R]]:
        raise NotImplementedError

    def close(self) -> None:
        return None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: thread-pool variables of numpy's BLAS / OpenMP backends
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


def _one_thread_per_worker() -> None:
    """Worker initialiser: one BLAS thread per worker process (numpy is not imported yet here).

    Each worker is already one process per core; BLAS threads on top of that would oversubscribe the
    cores (OpenBLAS threads spin while they wait), for matrices (the line classifier's) far too small
    to gain from threads. Ray sets the same for its tasks."""
    for var in _THREAD_VARS:
        os.environ.setdefault(var, "1")


def _init_worker(counter: Any = None) -> None:
    """Worker initialiser: one BLAS thread (:func:`_one_thread_per_worker`) and the run's shared record
    counter (:mod:`khabar.corpus.progress`), so the parent's bar moves per record, not per shard."""
    _one_thread_per_worker()
    from khabar.corpus.progress import set_counter
    from khabar.pipeline import enable_settling

    set_counter(counter)
    enable_settling()  # the worker process is khabar's own


class LocalEngine(Engine):
    """This process, or a pool of ``workers`` spawned processes (spawn: no state forked from the parent).
    ``counter`` (a ``multiprocessing.Value`` of the spawn context) is handed to every worker."""

    def __init__(self, workers: int = 1, counter: Any = None) -> None:
        self.workers = workers
        self._pool: cf.ProcessPoolExecutor | None = None
        if workers > 1:
            self._pool = cf.ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(counter,),
            )

    def imap(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[tuple[T, R]]:
        if self._pool is None:
            for t in tasks:
                yield t, fn(t)
            return
        pending: dict[cf.Future[R], T] = {}
        for t in tasks:
            if len(pending) >= 2 * self.workers:  # bounded read-ahead
                done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for f in done:
                    yield pending.pop(f), f.result()
            pending[self._pool.submit(fn, t)] = t
        for f in cf.as_completed(list(pending)):
            yield pending.pop(f), f.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _call(fn: Callable[[Any], Any], task: Any) -> Any:
    return fn(task)


class RayEngine(Engine):
    """One Ray task per shard; starts (and later stops) a local Ray unless one is running."""

    def __init__(self, workers: int = 2, address: str | None = None) -> None:
        from khabar.errors import UsageError

        try:  # through importlib: an optional dependency, typed as Any
            self._ray = importlib.import_module("ray")
        except ImportError as err:
            raise UsageError(
                "the ray engine needs Ray: pip install 'khabar[ray]' (or use --engine local)", value="ray"
            ) from err
        self.workers = workers
        self._owned = False
        if address:
            _check_reachable(address)
        if not self._ray.is_initialized():
            # quiet: Ray's start-up notices are not khabar's output
            kw: dict[str, Any] = {
                "include_dashboard": False,
                "log_to_driver": False,
                "logging_level": logging.ERROR,
            }
            if address:
                kw["address"] = address
            else:
                kw["num_cpus"] = workers
            try:
                self._ray.init(**kw)
            except (ConnectionError, RuntimeError, ValueError) as err:
                raise UsageError(
                    f"cannot start or reach Ray{f' at {address}' if address else ''}: {err}",
                    value=address,
                ) from err
            self._owned = True
        elif address is None:
            # the caller's cluster: use as many workers as it has CPUs, at most the ones asked for
            cpus = int(self._ray.cluster_resources().get("CPU", workers))
            self.workers = max(1, min(workers, cpus)) if workers > 1 else max(1, cpus)
        self._remote = self._ray.remote(num_cpus=1, max_retries=2)(_call)

    def imap(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[tuple[T, R]]:
        ray = self._ray
        pending: dict[Any, T] = {}

        def drain(n: int) -> Iterator[tuple[T, R]]:
            done, _ = ray.wait(list(pending), num_returns=n)
            for ref in done:
                yield pending.pop(ref), ray.get(ref)

        for t in tasks:
            if len(pending) >= 2 * self.workers:
                yield from drain(1)
            pending[self._remote.remote(fn, t)] = t
        while pending:
            yield from drain(1)

    def close(self) -> None:
        if self._owned and self._ray.is_initialized():
            self._ray.shutdown()
        self._owned = False


def _check_reachable(address: str) -> None:
    """Fail fast on a ``host:port`` (or ``ray://host:port``) nobody answers on: ray.init would retry
    for minutes before saying so."""
    from khabar.errors import UsageError

    m = re.fullmatch(r"(?:ray://)?\[?([^\]/]+?)\]?:(\d+)", address)
    if m is None:
        return  # "auto" and other forms Ray resolves itself
    try:
        socket.create_connection((m.group(1), int(m.group(2))), timeout=5).close()
    except OSError as err:
        raise UsageError(
            f"cannot reach a Ray cluster at {address} ({err.strerror or err}): start one there with "
            "`ray start --head`, give its address, or leave --ray-address out to start Ray on this machine",
            value=address,
        ) from err


def make_engine(engine: str, workers: int, address: str | None = None, counter: Any = None) -> Engine:
    """The engine named ``engine`` (:data:`ENGINES`) with ``workers`` workers; ``counter`` is the
    local engine's shared record counter (Ray workers share no memory with the parent)."""
    from khabar.errors import UsageError

    if engine == "local":
        if address:
            raise UsageError("--ray-address needs --engine ray", value=address)
        return LocalEngine(workers, counter)
    if engine == "ray":
        return RayEngine(workers, address)
    raise UsageError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}", value=engine)
