"""Output writers: JSON Lines to a file (atomically, optionally gzip) or stdout, and back again.

A file is written to ``<path>.tmp`` and moved into place only when the writer closes without an
error, so a crashed or interrupted run never leaves a half-written output that looks complete.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import TracebackType
from typing import IO, Any

from khabar.errors import MalformedRecordError, TruncatedInputError
from khabar.io.records import Reject

try:  # orjson is optional (not a core dependency): about 5x faster, same output for our records
    import orjson

    def _orjson_dumps(obj: Any) -> bytes:
        return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS)

    _fast_dumps: Callable[[Any], bytes] | None = _orjson_dumps
except ImportError:  # pragma: no cover - depends on the environment
    _fast_dumps = None

__all__ = ["JsonlWriter", "RejectsWriter", "dumps_line", "read_jsonl"]


def _json_dumps(obj: Any) -> bytes:
    try:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        # a lone surrogate in some string: escape it (\udXXX) so the line is still valid UTF-8 JSON
        return json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def dumps_line(obj: Any) -> bytes:
    """One JSON object as compact UTF-8 bytes (non-ASCII kept as is), without the newline."""
    if _fast_dumps is not None:
        try:
            return _fast_dumps(obj)
        except (TypeError, ValueError):  # orjson.JSONEncodeError: lone surrogates, huge ints
            pass
    return _json_dumps(obj)


class JsonlWriter:
    """Write one JSON object per line to ``path`` (gzip if it ends ``.gz``) or to stdout for ``-``.

    Use it as a context manager. Files are atomic: written to ``<path>.tmp``, moved over ``path`` on a
    clean close, removed if the ``with`` block raises. ``count`` is the number of lines written.
    """

    def __init__(self, path_or_dash: str) -> None:
        self.path = path_or_dash
        self.count = 0
        self._tmp: str | None = None
        self._raw: IO[bytes] | None = None
        self._out: IO[bytes] | gzip.GzipFile
        self._closed = False
        self._device = False
        if path_or_dash == "-":
            self._out = sys.stdout.buffer
            return
        if os.path.exists(path_or_dash) and not os.path.isfile(path_or_dash):
            # /dev/null, a named pipe: nothing to move into place, so written straight through
            self._raw = open(path_or_dash, "wb")  # noqa: SIM115 - closed in close()/abort()
            self._out = self._raw
            self._device = True
            return
        parent = os.path.dirname(os.path.abspath(path_or_dash))
        os.makedirs(parent, exist_ok=True)
        self._tmp = path_or_dash + ".tmp"
        self._raw = open(self._tmp, "wb")  # noqa: SIM115 - closed in close()/abort()
        if path_or_dash.lower().endswith(".gz"):
            # the final name (not the .tmp) in the gzip header, and mtime 0 so reruns are byte-identical
            self._out = gzip.GzipFile(
                filename=os.path.basename(path_or_dash).removesuffix(".gz"),
                fileobj=self._raw,
                mode="wb",
                mtime=0,
            )
        else:
            self._out = self._raw

    def write(self, obj: Mapping[str, Any]) -> None:
        """Write one object as one line."""
        self._out.write(dumps_line(obj) + b"\n")
        self.count += 1

    def close(self) -> None:
        """Finish the output: flush stdout, or close the file and move it into place."""
        if self._device:
            if self._raw is not None and not self._raw.closed:
                self._raw.close()
            return
        if self._tmp is None:
            self._out.flush()
            return
        if self._closed:
            return
        self._closed = True
        if self._out is not self._raw:
            self._out.close()
        assert self._raw is not None
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        """Drop a file output: close and remove the temporary file, leaving ``path`` untouched."""
        if self._device:
            self.close()
            return
        if self._tmp is None:
            self._out.flush()
            return
        if self._closed:
            return
        self._closed = True
        try:
            if self._out is not self._raw:
                self._out.close()
            assert self._raw is not None
            self._raw.close()
        finally:
            if os.path.exists(self._tmp):
                os.remove(self._tmp)

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


class RejectsWriter(JsonlWriter):
    """A :class:`JsonlWriter` for :class:`~khabar.io.readers.Reject` entries; counts them by reason."""

    def __init__(self, path_or_dash: str) -> None:
        super().__init__(path_or_dash)
        self.by_reason: Counter[str] = Counter()

    def write(self, obj: Reject | Mapping[str, Any]) -> None:
        """Write one reject (a :class:`Reject` or its dict)."""
        entry = obj.to_dict() if isinstance(obj, Reject) else obj
        super().write(entry)
        self.by_reason[str(entry.get("reason", "error"))] += 1

    def __enter__(self) -> RejectsWriter:
        return self


def read_jsonl(path: str) -> Iterator[dict[str, Any]]:
    """Read back a JSON Lines file written by :class:`JsonlWriter` (``-`` for stdin, ``.gz`` too).

    Unlike :func:`~khabar.io.read_inputs` this is for khabar's own outputs, so a bad line raises
    :class:`~khabar.errors.MalformedRecordError` and a cut gzip :class:`~khabar.errors.TruncatedInputError`.
    """
    if path == "-":
        yield from _read_lines(sys.stdin.buffer, "stdin")
        return
    with open(path, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
        f.seek(0)
        if not gz:
            yield from _read_lines(f, path)
            return
        with gzip.GzipFile(fileobj=f, mode="rb") as g:
            try:
                yield from _read_lines(g, path)
            except EOFError as err:
                raise TruncatedInputError(f"{path} ends early (truncated gzip stream)", value=path) from err


def _read_lines(stream: Iterable[bytes], name: str) -> Iterator[dict[str, Any]]:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as err:
            msg = f"line {lineno} of {name} is not valid JSON ({err})"
            raise MalformedRecordError(msg, value=name) from err
        if not isinstance(obj, dict):
            raise MalformedRecordError(f"line {lineno} of {name} is not a JSON object", value=name)
        yield obj
