"""What every input reader shares: the reading options, the description of one input stream, names
and sizes for messages, and the errors of unreadable, truncated and oversized inputs.

Below :mod:`khabar.io.readers` (files, folders, ZIP, streams), :mod:`khabar.io.json_stream` (JSON and
JSON Lines) and :mod:`khabar.io.fields` (records from JSON objects), which all name their input the
same way and fail with the same sentences.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from khabar.errors import (
    NotFoundError,
    TooLargeError,
    TruncatedInputError,
    UnreadableError,
)
from khabar.io.html import HTML_SUFFIXES
from khabar.io.input_date import DateField

GZIP_MAGIC = b"\x1f\x8b"
#: bytes read ahead of a stream to sniff its type (format, compression, byte-order mark)
HEAD = 65536
#: characters read at a time by the streaming JSON-array parser
CHUNK = 1 << 20
#: errors a compressed stream raises when it is cut short or damaged
STREAM_ERRORS: tuple[type[BaseException], ...] = (EOFError, zlib.error, gzip.BadGzipFile, zipfile.BadZipFile)
KINDS_BY_SUFFIX = (
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "json"),
    (".zip", "zip"),
    (".txt", "text"),
    (".warc", "warc"),
    *((suffix, "html") for suffix in HTML_SUFFIXES),
)


class Readable(Protocol):
    """A binary stream: a file, ``sys.stdin.buffer``, a ``GzipFile``, a ZIP member."""

    def read(self, size: int = -1, /) -> bytes: ...


# -- options and sources --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ReadOptions:
    glob: str
    text_field: str | None
    id_field: str | None
    meta_fields: tuple[str, ...]
    max_bytes: int
    fmt: str | None
    #: the fields holding the record's own date (None: those of ``data/input_date_fields.tsv``)
    date_fields: tuple[DateField, ...] | None = None
    #: called with ``(path, reason)`` for each file of a folder that is skipped (not a document)
    on_skip: Callable[[str, str], None] | None = None


@dataclass(slots=True)
class InputSource:
    """One input stream: how to name it in messages, ids and ``Source.input``."""

    name: str  # in messages: the path, ``stdin`` or ``archive.zip!member``
    input: str  # in Source.input / Reject.input
    stem: str  # the base of default ids
    compression: str | None = None  # "gzip" / "zip", for truncation messages


def stem_of(name: str) -> str:
    """The file name without its known suffixes: ``a/2015-07-21.jsonl.gz`` → ``2015-07-21``."""
    base = os.path.basename(name.rstrip("/\\")) or name
    low = base.lower()
    if low.endswith(".gz"):
        base, low = base[:-3], low[:-3]
    for suffix, _ in KINDS_BY_SUFFIX:
        if low.endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    stem, _ = os.path.splitext(base)
    return stem or base


def kind_from_name(name: str) -> tuple[str, bool]:
    """``(kind, gz_suffix)`` from a file name; kind is one of :data:`FORMATS` or ``"unknown"``."""
    low = name.lower()
    gz = low.endswith(".gz")
    if gz:
        low = low[:-3]
    for suffix, kind in KINDS_BY_SUFFIX:
        if low.endswith(suffix):
            return kind, gz
    return "unknown", gz


def size_text(n: int) -> str:
    """A byte count for messages: ``52.4 MB``, ``32 MB``, ``12 KB``, ``900 bytes``."""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def not_found(name: str) -> NotFoundError:
    return NotFoundError(f"{name} does not exist; check the path", value=name)


def unreadable(name: str, err: OSError) -> UnreadableError:
    why = err.strerror or str(err) or type(err).__name__
    advice = "check its permissions" if isinstance(err, PermissionError) else "check the file and the disk"
    return UnreadableError(f"{name} cannot be read ({why}); {advice}", value=name)


def broken(src: InputSource, err: BaseException, done: int | None) -> TruncatedInputError:
    """The error for a compressed stream that ended early or is damaged, after ``done`` items."""
    if done is None:  # a single document: nothing was kept
        after = ""
    elif done:
        after = f" after {plural(done, 'record')}; the records before were read"
    else:
        after = " before any record could be read"
    kind = src.compression or "compressed"
    if isinstance(err, EOFError):
        return TruncatedInputError(f"{src.name} ends early (truncated {kind} stream){after}", value=src.name)
    return TruncatedInputError(f"{src.name} is corrupt ({kind}: {err}){after}", value=src.name)


def too_large(name: str, limit: int, size: int | None) -> TooLargeError:
    what = f"is {size_text(size)}, above" if size is not None else "is larger than"
    return TooLargeError(
        f"{name} {what} the {size_text(limit)} limit per record; raise it with --max-bytes",
        value=name,
    )


# -- streams: read ahead to sniff, then replay what was read ------------------------------------------
class Replay(io.RawIOBase):
    """A raw stream that gives ``head`` again and then the rest of ``rest``: sniffing without seeking.

    ``error`` is what ``rest`` raised while the head was read (a cut or damaged compressed stream):
    it is raised again once the head has been given, in place of reading on.
    """

    def __init__(self, head: bytes, rest: Readable, error: BaseException | None = None) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest
        self._error = error
        # what a compressed stream gave before it broke reaches the reader ahead of the error
        self._read = read1(rest)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self._error is not None:
            raise self._error
        data = self._read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read1(stream: Readable) -> Callable[[int], bytes]:
    """``stream.read1`` where it exists (at most one read of the underlying stream per call, so bytes
    already given are never lost to an error raised by a later read), else ``stream.read``."""
    # only buffered binary streams have read1 with this meaning (codecs' StreamRecoder passes its
    # attributes through to the stream under it)
    return stream.read1 if isinstance(stream, io.BufferedIOBase) else stream.read


def read_up_to(read: Callable[[int], bytes], n: int) -> tuple[bytes, BaseException | None]:
    """Up to ``n`` bytes (fewer only at the end), and the stream error that stopped the reading early."""
    parts: list[bytes] = []
    size = 0
    try:
        while size < n:
            part = read(n - size)
            if not part:
                break
            parts.append(part)
            size += len(part)
    except STREAM_ERRORS as err:
        return b"".join(parts), err
    return b"".join(parts), None


def with_head(stream: Readable) -> tuple[io.BufferedReader, bytes]:
    """Read the first bytes of ``stream`` and return a stream that starts again from them.

    A stream cut (or damaged) within its first :data:`HEAD` bytes keeps what it gave before the
    cut: the returned stream raises the error once those bytes have been read, so that readers keep
    the complete records before it and report the rest. A stream that breaks before giving anything
    but whitespace raises at once.
    """
    head, error = read_up_to(read1(stream), HEAD)
    if error is not None and not head.strip():
        raise error
    return io.BufferedReader(Replay(head, stream, error), buffer_size=HEAD), head


def first_byte(head: bytes) -> bytes:
    """The first non-whitespace byte of ``head`` (after a UTF-8 byte-order mark), or ``b""``."""
    return head.removeprefix(codecs.BOM_UTF8).lstrip()[:1]


def first_line_is_object(head: bytes) -> bool:
    """Whether ``head`` starts with a JSON object on its first line (the JSON Lines sniff)."""
    body = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if body[:1] != b"{":
        return False
    end = body.find(b"\n")
    if end < 0:
        # one long line: JSON Lines if the whole head is one object (a line longer than the head
        # cannot be checked here; the line reader will say if it is not JSON)
        if len(head) < HEAD:
            end = len(body)
        else:
            return True
    try:
        return isinstance(json.loads(body[:end]), dict)
    except ValueError:
        return False
