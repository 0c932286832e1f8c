"""Input readers: files, folders, archives and stdin as one lazy stream of records or rejects.

:func:`read_inputs` never raises on bad input. Every input record comes out as exactly one
:class:`RawRecord` or one :class:`Reject` (with a stable code, a ``reason`` key and a sentence a user
can act on), so a caller can count ``records in = records out + rejects``. Big inputs are streamed:
JSON Lines line by line, JSON arrays item by item, gzip and ZIP members without unpacking to disk.

Formats (by name, or forced with ``fmt``):

* ``.txt`` or anything not recognised: one document; id = file stem.
* ``.jsonl`` / ``.ndjson`` (optionally ``.gz``): one record per line; id = the ``id`` field, else
  ``<stem>:<line number>``; input = ``path:lineno``.
* ``.json`` (optionally ``.gz``): an array of objects, one object, or JSON Lines; array items get
  id ``<stem>#<index>`` (0-based, SaudiNewsNet's own convention) and input ``path#index``.
* ``.zip``: every member read as above, with input ``path!member``.
* ``.html``, ``.htm`` (and ``.xhtml``, ``.shtml``, ``.asp(x)``, ``.php``, ``.jsp``), or any file of
  unknown type that starts like an HTML document: one page, ``Source.format = "html"``
  (:mod:`khabar.io.web`).
* ``.warc`` / ``.warc.gz``, or a stream that starts with ``WARC/``: one record per ``response`` (or
  ``resource``) record; non-HTML responses are rejects ``not_html``; request, revisit, metadata and
  warcinfo records are not input records (:mod:`khabar.io.web` says how each is counted).
* ``-``: stdin, sniffed as WARC, HTML, JSON Lines (first non-space byte ``{`` and the first line
  parses) or text.
* a folder: its files matching ``glob``, recursively, sorted, hidden files and folders skipped.

Gzip is recognised by its magic bytes, not only by the ``.gz`` suffix.
"""

from __future__ import annotations

import codecs
import fnmatch
import functools
import gzip
import io
import json
import logging
import os
import re
import stat
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any, Protocol

from khabar.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    KhabarError,
    MalformedRecordError,
    MissingFieldError,
    NotFoundError,
    TooLargeError,
    TruncatedInputError,
    UnreadableError,
    UsageError,
)
from khabar.io.decode import ARCHIVE_ADVICE, SQLITE_MAGIC, decode_bytes, scrub_surrogates, sniff_binary
from khabar.io.html import HTML_SUFFIXES, looks_like_html
from khabar.io.input_date import INPUT_DATE_KEY, DateField, date_fields_arg, find_input_date
from khabar.io.records import Item, RawRecord, Reject
from khabar.model import Source, site_of

try:  # orjson is optional: a faster parser for the common case, with json as the reference
    import orjson

    _fast_loads: Callable[[bytes], Any] = orjson.loads
except ImportError:  # pragma: no cover - depends on the environment
    _fast_loads = json.loads

__all__ = ["DEFAULT_META_FIELDS", "FORMATS", "RawRecord", "Reject", "compose_saudinewsnet", "read_inputs"]

#: the ``fmt`` values :func:`read_inputs` accepts (``None`` means: by file name and content)
FORMATS = ("text", "jsonl", "json", "zip", "html", "warc")
#: fields copied into ``RawRecord.meta`` when they exist and ``meta_fields`` is not given
DEFAULT_META_FIELDS = (
    "url",
    "source",
    "date_extracted",
    "date",
    "title",
    "author",
    "metadata.source",
    "metadata.date",
)

_GZIP_MAGIC = b"\x1f\x8b"
#: bytes read ahead of a stream to sniff its type (format, compression, byte-order mark)
_HEAD = 65536
#: characters read at a time by the streaming JSON-array parser
_CHUNK = 1 << 20
#: errors a compressed stream raises when it is cut short or damaged
_STREAM_ERRORS: tuple[type[BaseException], ...] = (EOFError, zlib.error, gzip.BadGzipFile, zipfile.BadZipFile)
_JSON_WS = re.compile(r"[^ \t\n\r]")
_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_KINDS_BY_SUFFIX = (
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "json"),
    (".zip", "zip"),
    (".txt", "text"),
    (".warc", "warc"),
    *((suffix, "html") for suffix in HTML_SUFFIXES),
)
_MISSING = object()


class _Readable(Protocol):
    """A binary stream: a file, ``sys.stdin.buffer``, a ``GzipFile``, a ZIP member."""

    def read(self, size: int = -1, /) -> bytes: ...


# -- results: RawRecord, Reject and Item live in khabar.io.records (khabar.io.web needs them too) --------
# -- options and sources --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Options:
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
class _Src:
    """One input stream: how to name it in messages, ids and ``Source.input``."""

    name: str  # in messages: the path, ``stdin`` or ``archive.zip!member``
    input: str  # in Source.input / Reject.input
    stem: str  # the base of default ids
    compression: str | None = None  # "gzip" / "zip", for truncation messages


def _stem(name: str) -> str:
    """The file name without its known suffixes: ``a/2015-07-21.jsonl.gz`` → ``2015-07-21``."""
    base = os.path.basename(name.rstrip("/\\")) or name
    low = base.lower()
    if low.endswith(".gz"):
        base, low = base[:-3], low[:-3]
    for suffix, _ in _KINDS_BY_SUFFIX:
        if low.endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    stem, _ = os.path.splitext(base)
    return stem or base


def _kind_from_name(name: str) -> tuple[str, bool]:
    """``(kind, gz_suffix)`` from a file name; kind is one of :data:`FORMATS` or ``"unknown"``."""
    low = name.lower()
    gz = low.endswith(".gz")
    if gz:
        low = low[:-3]
    for suffix, kind in _KINDS_BY_SUFFIX:
        if low.endswith(suffix):
            return kind, gz
    return "unknown", gz


def _size(n: int) -> str:
    """A byte count for messages: ``52.4 MB``, ``32 MB``, ``12 KB``, ``900 bytes``."""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# -- the entry point -----------------------------------------------------------------------------------
def read_inputs(
    paths: Sequence[str],
    *,
    glob: str = "*",
    text_field: str | None = None,
    id_field: str | None = None,
    meta_fields: Sequence[str] | None = None,
    max_bytes: int = 32 * 2**20,
    fmt: str | None = None,
    date_field: str | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> Iterator[RawRecord | Reject]:
    """Stream the records of ``paths`` (files, folders, archives, ``-`` for stdin) lazily.

    Bad input never raises: it becomes a :class:`Reject`. Bad *arguments* (an unknown ``fmt``, a
    non-positive ``max_bytes``, a single string for ``paths``) raise :class:`~khabar.errors.UsageError`
    at once, before anything is read. See the module docstring for formats, ids and text fields.

    ``date_field`` names the field holding the record's own date (``NAME`` or ``NAME:crawl``; ``none``
    for no input date); by default the first field of ``data/input_date_fields.tsv`` that holds a date
    is taken (:mod:`khabar.io.input_date`). The date goes to ``meta["input_date"]``.

    In a folder read with the default ``glob`` (``*``), files that are not documents (README, *.md,
    LICENSE, SOURCE, lock files, checksums: ``data/input_skip.tsv``) and hidden files and folders are
    skipped: neither records nor rejects, but reported to ``on_skip(path, reason)`` so a caller can
    count them (without ``on_skip`` they are logged on the ``khabar.io`` logger). A file named
    explicitly, or matched by an explicit ``glob``, is always read.
    """
    if isinstance(paths, str | bytes):
        raise UsageError("read_inputs takes a list of paths, not a single string", value=paths)
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown input format {fmt!r}; use one of {', '.join(FORMATS)}", value=fmt)
    if not isinstance(max_bytes, int) or max_bytes <= 0:
        raise UsageError(f"max_bytes must be a positive number of bytes, not {max_bytes!r}", value=max_bytes)
    opts = _Options(
        glob=glob or "*",
        text_field=text_field or None,
        id_field=id_field or None,
        meta_fields=tuple(DEFAULT_META_FIELDS if meta_fields is None else meta_fields),
        max_bytes=max_bytes,
        fmt=fmt,
        date_fields=date_fields_arg(date_field),
        on_skip=on_skip,
    )
    return _read_all(list(paths), opts)


def _read_all(paths: list[str], opts: _Options) -> Iterator[Item]:
    for path in paths:
        if path == "-":
            src = _Src(name="stdin", input="-", stem="stdin")
            if opts.fmt == "zip":  # a ZIP's index is at its end: it needs a file to seek in
                msg = "stdin cannot be read as a ZIP archive; save it to a file and pass the path"
                yield Reject.from_error(src.stem, src.input, InputError(msg, value="-"))
                continue
            yield from _guarded(_read_stream(sys.stdin.buffer, src, opts.fmt or "auto", opts), src)
        else:
            yield from _read_path(path, opts)


def _guarded(items: Iterator[Item], src: _Src) -> Iterator[Item]:
    """Run a reader; turn whatever it raises into one final reject for ``src``.

    The readers turn the errors they expect into rejects themselves, with context (line numbers,
    records read so far). This is the backstop that keeps the promise that bad input never raises.
    """
    try:
        yield from items
    except KhabarError as err:
        yield Reject.from_error(src.stem, src.input, err)
    except (FileNotFoundError, NotADirectoryError):
        yield Reject.from_error(src.stem, src.input, _not_found(src.name))
    except PermissionError as err:
        yield Reject.from_error(src.stem, src.input, _unreadable(src.name, err))
    except _STREAM_ERRORS as err:
        yield Reject.from_error(src.stem, src.input, _broken(src, err, None))
    except OSError as err:
        yield Reject.from_error(src.stem, src.input, _unreadable(src.name, err))
    except Exception as err:  # the backstop: recorded as a reject, with the exception, never dropped
        yield Reject.from_error(
            src.stem,
            src.input,
            InputError(
                f"reading {src.name} failed unexpectedly ({type(err).__name__}: {err}); "
                "anything read before was kept; please report this as a khabar bug",
                value=src.name,
            ),
        )


def _not_found(name: str) -> NotFoundError:
    return NotFoundError(f"{name} does not exist; check the path", value=name)


def _unreadable(name: str, err: OSError) -> UnreadableError:
    why = err.strerror or str(err) or type(err).__name__
    advice = "check its permissions" if isinstance(err, PermissionError) else "check the file and the disk"
    return UnreadableError(f"{name} cannot be read ({why}); {advice}", value=name)


def _broken(src: _Src, err: BaseException, done: int | None) -> TruncatedInputError:
    """The error for a compressed stream that ended early or is damaged, after ``done`` items."""
    if done is None:  # a single document: nothing was kept
        after = ""
    elif done:
        after = f" after {_plural(done, 'record')}; the records before were read"
    else:
        after = " before any record could be read"
    kind = src.compression or "compressed"
    if isinstance(err, EOFError):
        return TruncatedInputError(f"{src.name} ends early (truncated {kind} stream){after}", value=src.name)
    return TruncatedInputError(f"{src.name} is corrupt ({kind}: {err}){after}", value=src.name)


# -- paths and folders ---------------------------------------------------------------------------------
def _read_path(path: str, opts: _Options) -> Iterator[Item]:
    src = _Src(name=path, input=path, stem=_stem(path))
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        yield Reject.from_error(src.stem, path, _not_found(path))
        return
    except OSError as err:
        yield Reject.from_error(src.stem, path, _unreadable(path, err))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _read_folder(path, opts)
    else:
        yield from _guarded(_read_file(path, st, src, opts), src)


def _hidden(part: str) -> bool:
    return part.startswith(".") and part not in (".", "..")


@functools.cache
def _skip_rules() -> tuple[tuple[str, str], ...]:
    """``(pattern, reason)`` of ``data/input_skip.tsv``: files of a folder that are not documents."""
    from importlib import resources

    text = resources.files("khabar.data").joinpath("input_skip.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")]
    return tuple((r[0].strip().lower(), r[1].strip()) for r in rows[1:] if len(r) >= 2)


def skip_reason(name: str) -> str | None:
    """Why a file called ``name`` in a folder is not a document (None: it may be one)."""
    low = name.lower()
    return next((why for pat, why in _skip_rules() if fnmatch.fnmatchcase(low, pat)), None)


def format_skipped(skipped: Sequence[tuple[str, str]], *, show: int = 3) -> str:
    """``skipped: 2 (SOURCE.md: documentation, README: documentation)`` for a run's summary line."""
    if not skipped:
        return ""
    names = ", ".join(f"{os.path.basename(p) or p}: {why}" for p, why in skipped[:show])
    more = f", and {len(skipped) - show} more" if len(skipped) > show else ""
    return f"skipped: {len(skipped)} ({names}{more})"


def _skipped(opts: _Options, path: str, reason: str) -> None:
    if opts.on_skip is not None:
        opts.on_skip(path, reason)
    else:
        logging.getLogger("khabar.io").info("skipped %s (%s)", path, reason)


def _read_folder(folder: str, opts: _Options) -> Iterator[Item]:
    """The files of ``folder`` matching ``opts.glob``, recursively and sorted, each read by type;
    with the default glob, files that are not documents are skipped and reported (:func:`skip_reason`)."""
    errors: list[OSError] = []
    found: list[str] = []
    skipped: list[tuple[str, str]] = []
    default_glob = opts.glob == "*"
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        for d in dirs:
            if _hidden(d):
                skipped.append((os.path.join(root, d), "hidden"))
        dirs[:] = [d for d in dirs if not _hidden(d)]
        for name in files:
            full = os.path.join(root, name)
            if _hidden(name):
                skipped.append((full, "hidden"))
                continue
            rel = os.path.relpath(full, folder).replace(os.sep, "/")
            why = skip_reason(name) if default_glob else None
            if why is not None:
                skipped.append((full, why))
                continue
            target = rel if "/" in opts.glob else name
            if fnmatch.fnmatchcase(target, opts.glob):
                found.append(rel)
    for path, why in sorted(skipped):
        _skipped(opts, path, why)
    for err in errors:
        where = str(err.filename or folder)
        yield Reject.from_error(_stem(where), where, _unreadable(f"folder {where}", err))
    if not found and not errors:
        yield Reject.from_error(
            _stem(folder),
            folder,
            EmptyInputError(
                f"folder {folder} has no files matching {opts.glob!r} (hidden files, and with the "
                f"default glob README, *.md, LICENSE and other files that are not documents, are "
                f"skipped: {len(skipped)} here); check the folder, or name the files with --glob",
                value=folder,
            ),
        )
    for rel in sorted(found):
        yield from _read_path(os.path.join(folder, rel), opts)


def _read_file(path: str, st: os.stat_result, src: _Src, opts: _Options) -> Iterator[Item]:
    """One file, dispatched by ``opts.fmt`` or its name (and gzip magic)."""
    by_name, gz_suffix = _kind_from_name(path)
    kind = opts.fmt or by_name
    if kind == "zip":
        yield from _read_zip(path, src, opts)
        return
    if kind == "warc":  # FastWARC reads plain and gzip WARC itself, record by record
        from khabar.io.web import read_warc

        with open(path, "rb") as f:
            yield from read_warc(
                f,
                name=src.name,
                input=src.input,
                stem=src.stem,
                max_bytes=opts.max_bytes,
                warc_date=opts.date_fields != (),
            )
        return
    # a single-document file is checked by size before it is opened, so that a huge file costs
    # nothing; only a file that may be gzip (whose size says nothing) is looked into first.
    too_big = stat.S_ISREG(st.st_mode) and st.st_size > opts.max_bytes
    if too_big and path.lower().endswith(_DB_SUFFIXES) and _starts_with(path, SQLITE_MAGIC):
        # an archive is usually bigger than a document may be: say what it is, not that it is too big
        # (a small one is told by the binary sniff, with the same advice)
        yield Reject.from_error(
            src.stem,
            src.input,
            BinaryInputError(f"{src.name} is an SQLite database, not text{ARCHIVE_ADVICE}", value=src.name),
        )
        return
    single = kind in ("text", "unknown", "html") and not gz_suffix
    if single and too_big and (kind == "text" or not _starts_with(path, _GZIP_MAGIC)):
        yield Reject.from_error(src.stem, src.input, _too_large(src.name, opts.max_bytes, st.st_size))
        return
    # a .txt that holds gzip is a misnamed file: say so rather than guess (decode_bytes refuses it)
    gunzip = not (by_name == "text" and not gz_suffix)
    with open(path, "rb") as f:
        yield from _read_stream(f, src, kind, opts, gunzip=gunzip)


#: names of SQLite files (khabar archives) that a huge-file check looks into before refusing by size
_DB_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".khabar")


def _starts_with(path: str, magic: bytes) -> bool:
    with open(path, "rb") as f:
        return f.read(len(magic)) == magic


def _too_large(name: str, limit: int, size: int | None) -> TooLargeError:
    what = f"is {_size(size)}, above" if size is not None else "is larger than"
    return TooLargeError(
        f"{name} {what} the {_size(limit)} limit per record; raise it with --max-bytes",
        value=name,
    )


# -- ZIP archives ----------------------------------------------------------------------------------------
def _read_zip(path: str, src: _Src, opts: _Options) -> Iterator[Item]:
    """Each member of a ZIP archive, streamed, read by its own type; input ``path!member``."""
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as err:
        yield Reject.from_error(
            src.stem,
            src.input,
            TruncatedInputError(
                f"{src.name} is not a readable ZIP archive ({err}); it may be truncated or not a ZIP file",
                value=src.name,
            ),
        )
        return
    with zf:
        members = [
            info
            for info in zf.infolist()
            if not info.is_dir()
            and not info.filename.startswith("__MACOSX/")
            and not any(_hidden(p) for p in info.filename.split("/"))
        ]
        if not members:
            yield Reject.from_error(
                src.stem, src.input, EmptyInputError(f"{src.name} holds no files", value=src.name)
            )
        for info in members:
            msrc = _Src(
                name=f"{src.name}!{info.filename}",
                input=f"{src.input}!{info.filename}",
                stem=_stem(info.filename),
                compression="zip",
            )
            yield from _guarded(_read_member(zf, info, msrc, opts), msrc)


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, src: _Src, opts: _Options) -> Iterator[Item]:
    by_name, _ = _kind_from_name(info.filename)
    kind = opts.fmt if opts.fmt not in (None, "zip") else by_name
    if kind == "zip":
        raise BinaryInputError(f"{src.name} is a ZIP inside a ZIP; unpack it first", value=src.name)
    if info.flag_bits & 0x1:
        raise UnreadableError(f"{src.name} is encrypted; decrypt the archive first", value=src.name)
    if kind in ("text", "unknown", "html") and info.file_size > opts.max_bytes:
        raise _too_large(src.name, opts.max_bytes, info.file_size)
    try:
        f = zf.open(info)
    except NotImplementedError as err:  # e.g. a compression method Python's zipfile does not have
        msg = f"{src.name} cannot be unpacked ({err}); re-zip it with deflate"
        raise UnreadableError(msg, value=src.name) from err
    with f:
        yield from _read_stream(f, src, kind, opts, gunzip=by_name != "text")


# -- streams -------------------------------------------------------------------------------------------
class _Replay(io.RawIOBase):
    """A raw stream that gives ``head`` again and then the rest of ``rest``: sniffing without seeking.

    ``error`` is what ``rest`` raised while the head was read (a cut or damaged compressed stream):
    it is raised again once the head has been given, in place of reading on.
    """

    def __init__(self, head: bytes, rest: _Readable, error: BaseException | None = None) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest
        self._error = error
        # what a compressed stream gave before it broke reaches the reader ahead of the error
        self._read = _read1(rest)

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


def _read1(stream: _Readable) -> Callable[[int], bytes]:
    """``stream.read1`` where it exists (at most one read of the underlying stream per call, so bytes
    already given are never lost to an error raised by a later read), else ``stream.read``."""
    # only buffered binary streams have read1 with this meaning (codecs' StreamRecoder passes its
    # attributes through to the stream under it)
    return stream.read1 if isinstance(stream, io.BufferedIOBase) else stream.read


def _read_up_to(read: Callable[[int], bytes], n: int) -> tuple[bytes, BaseException | None]:
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
    except _STREAM_ERRORS as err:
        return b"".join(parts), err
    return b"".join(parts), None


def _with_head(stream: _Readable) -> tuple[io.BufferedReader, bytes]:
    """Read the first bytes of ``stream`` and return a stream that starts again from them.

    A stream cut (or damaged) within its first :data:`_HEAD` bytes keeps what it gave before the
    cut: the returned stream raises the error once those bytes have been read, so that readers keep
    the complete records before it and report the rest. A stream that breaks before giving anything
    but whitespace raises at once.
    """
    head, error = _read_up_to(_read1(stream), _HEAD)
    if error is not None and not head.strip():
        raise error
    return io.BufferedReader(_Replay(head, stream, error), buffer_size=_HEAD), head


def _first_byte(head: bytes) -> bytes:
    """The first non-whitespace byte of ``head`` (after a UTF-8 byte-order mark), or ``b""``."""
    return head.removeprefix(codecs.BOM_UTF8).lstrip()[:1]


def _first_line_is_object(head: bytes) -> bool:
    """Whether ``head`` starts with a JSON object on its first line (the JSON Lines sniff)."""
    body = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if body[:1] != b"{":
        return False
    end = body.find(b"\n")
    if end < 0:
        # one long line: JSON Lines if the whole head is one object (a line longer than the head
        # cannot be checked here; the line reader will say if it is not JSON)
        if len(head) < _HEAD:
            end = len(body)
        else:
            return True
    try:
        return isinstance(json.loads(body[:end]), dict)
    except ValueError:
        return False


def _read_stream(
    raw: IO[bytes], src: _Src, kind: str, opts: _Options, *, gunzip: bool = True
) -> Iterator[Item]:
    """Read one byte stream as ``kind`` (text, jsonl, json, unknown, or auto for stdin)."""
    stream, head = _with_head(raw)
    if gunzip and head.startswith(_GZIP_MAGIC):
        src.compression = "gzip"
        try:
            stream, head = _with_head(gzip.GzipFile(fileobj=stream, mode="rb"))
        except _STREAM_ERRORS as err:
            yield Reject.from_error(src.stem, src.input, _broken(src, err, 0))
            return
        if kind == "unknown":  # a gzip of unknown type: look at what is inside
            kind = "json" if _first_byte(head) in (b"[", b"{") else "text"
    if kind == "warc" or (kind in ("unknown", "auto") and head.startswith(b"WARC/")):
        from khabar.io.web import read_warc

        if os.path.isfile(src.input):  # FastWARC reads the file itself (it seeks, and gunzips)
            with open(src.input, "rb") as f:
                yield from read_warc(
                    f,
                    name=src.name,
                    input=src.input,
                    stem=src.stem,
                    max_bytes=opts.max_bytes,
                    warc_date=opts.date_fields != (),
                )
            return
        yield from read_warc(
            stream,
            name=src.name,
            input=src.input,
            stem=src.stem,
            max_bytes=opts.max_bytes,
            warc_date=opts.date_fields != (),
        )
        return
    if kind == "html" or (kind in ("unknown", "auto") and looks_like_html(head)):
        from khabar.io.web import read_html_stream

        yield read_html_stream(stream, id=src.stem, input=src.input, name=src.name, max_bytes=opts.max_bytes)
        return
    if kind == "auto":  # stdin: JSON Lines if it looks like it, else one text document
        kind = "jsonl" if _first_line_is_object(head) else "text"
    if kind in ("text", "unknown"):
        yield _read_text_document(stream, src, opts)
        return
    yield from _read_json(stream, head, src, kind, opts)


def _read_text_document(stream: IO[bytes], src: _Src, opts: _Options) -> Item:
    """The whole stream as one document (read up to the size limit, never beyond)."""
    try:
        data = stream.read(opts.max_bytes + 1)
    except _STREAM_ERRORS as err:
        return Reject.from_error(src.stem, src.input, _broken(src, err, None))
    if len(data) > opts.max_bytes:
        return Reject.from_error(src.stem, src.input, _too_large(src.name, opts.max_bytes, None))
    try:
        dec = decode_bytes(data, name=src.name)
    except KhabarError as err:
        return Reject.from_error(src.stem, src.input, err)
    return RawRecord(
        id=src.stem,
        raw=dec.text,
        source=Source(uri=None, site=None, format="text", input=src.input),
        meta={},
        warnings=dec.warnings,
    )


# -- JSON and JSON Lines -------------------------------------------------------------------------------
def _read_json(stream: IO[bytes], head: bytes, src: _Src, kind: str, opts: _Options) -> Iterator[Item]:
    """A JSON-ish stream: JSON Lines, an array of objects, or a sequence of (pretty-printed) objects."""
    for bom, enc in _UTF16_32_BOMS:
        if head.startswith(bom):
            # rare (Windows "Unicode" files): recode to UTF-8 so that one line reader serves all
            recoded = codecs.EncodedFile(stream, "utf-8", file_encoding=enc, errors="replace")
            stream, head = _with_head(recoded)
            break
    if not head.strip() or head.strip() == codecs.BOM_UTF8:
        what = "is empty (0 bytes)" if not head else "holds only whitespace"
        yield Reject.from_error(src.stem, src.input, EmptyInputError(f"{src.name} {what}", value=src.name))
        return
    try:
        sniff_binary(head, name=src.name)
    except BinaryInputError as err:
        yield Reject.from_error(src.stem, src.input, err)
        return
    first = _first_byte(head)
    if kind == "jsonl" or _first_line_is_object(head):
        # JSON Lines are read line by line whatever the first line holds: a line that is a JSON
        # array is one reject of its own, not the whole file read as one array
        yield from _read_jsonl(stream, src, opts)
    elif first == b"[":
        yield from _read_json_values(stream, head, src, opts, array=True)
    elif first == b"{":
        yield from _read_json_values(stream, head, src, opts, array=False)
    else:
        yield Reject.from_error(
            src.stem,
            src.input,
            MalformedRecordError(
                f"{src.name} does not start with a JSON array or object; "
                "pass --format text to read it as one text document",
                value=src.name,
            ),
        )


def _read_jsonl(stream: IO[bytes], src: _Src, opts: _Options) -> Iterator[Item]:
    """One record per line, streamed; a bad line is one reject and reading goes on."""
    done = 0
    lineno = 0
    try:
        while True:
            line = stream.readline(opts.max_bytes + 1)
            if not line:
                break
            lineno += 1
            if lineno == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            if len(line) > opts.max_bytes and not line.endswith(b"\n"):
                size = len(line) + _skip_line(stream)
                label = f"line {lineno} of {src.name}"
                yield Reject.from_error(
                    f"{src.stem}:{lineno}", f"{src.input}:{lineno}", _too_large(label, opts.max_bytes, size)
                )
                done += 1
                continue
            if not line.strip():
                continue  # blank lines are not records
            yield _record_from_line(line, lineno, src, opts)
            done += 1
    except _STREAM_ERRORS as err:
        yield Reject.from_error(src.stem, src.input, _broken(src, err, done))


def _skip_line(stream: IO[bytes]) -> int:
    """Skip the rest of an over-long line without keeping it; return how many bytes were skipped."""
    skipped = 0
    while True:
        part = stream.readline(_CHUNK)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


def _parse_json_bytes(data: bytes, label: str) -> tuple[Any, list[str]]:
    """Parse one JSON text; non-UTF-8 bytes are decoded (and reported) like any other input."""
    try:
        return _fast_loads(data), []
    except ValueError:  # JSONDecodeError and UnicodeDecodeError; json gives the message users see
        pass
    dec = decode_bytes(data, name=label)
    try:
        return json.loads(dec.text), dec.warnings
    except json.JSONDecodeError as err:
        raise MalformedRecordError(
            f"{label} is not valid JSON ({err.msg} at column {err.colno}); fix or remove the line",
            value=label,
        ) from err


def _record_from_line(line: bytes, lineno: int, src: _Src, opts: _Options) -> Item:
    label = f"line {lineno} of {src.name}"
    default_id = f"{src.stem}:{lineno}"
    where = f"{src.input}:{lineno}"
    try:
        obj, warnings = _parse_json_bytes(line.rstrip(b"\r\n"), label)  # columns within the line
    except KhabarError as err:
        return Reject.from_error(default_id, where, err)
    return _record_from_obj(
        obj, default_id=default_id, where=where, label=label, fmt="jsonl", opts=opts, warnings=warnings
    )


class _JsonStream:
    """Parse JSON values one at a time from a text stream, holding only the current value in memory."""

    def __init__(self, read: Callable[[int], str], max_chars: int) -> None:
        self._read = read
        self._max = max_chars
        self._decoder = json.JSONDecoder()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.dropped = 0  # characters already consumed and dropped from ``buf``

    def _fill(self, n: int) -> bool:
        if self.eof:
            return False
        if self.pos > _CHUNK:  # drop what has been parsed
            self.dropped += self.pos
            self.buf, self.pos = self.buf[self.pos :], 0
        chunk = self._read(n)
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def peek(self) -> str | None:
        """The next non-whitespace character (not consumed), or ``None`` at the end."""
        while True:
            m = _JSON_WS.search(self.buf, self.pos)
            if m:
                self.pos = m.start()
                return self.buf[self.pos]
            self.pos = len(self.buf)
            if not self._fill(_CHUNK):
                return None

    def take(self) -> None:
        self.pos += 1

    @property
    def offset(self) -> int:
        return self.dropped + self.pos

    def value(self) -> Any:
        """The next JSON value; raises ``json.JSONDecodeError`` or :class:`_TooBig`."""
        while True:
            try:
                obj, end = self._decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if self.eof:
                    raise
                if len(self.buf) - self.pos > self._max:
                    raise _TooBig(len(self.buf) - self.pos) from None
                # read as much again as is pending, so a big value is re-parsed O(log n) times
                self._fill(max(_CHUNK, len(self.buf) - self.pos))
                continue
            if end == len(self.buf) and self._fill(_CHUNK):
                continue  # a number may have been cut at the end of the buffer: parse again
            self.pos = end
            return obj


class _TooBig(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _text_reader(stream: IO[bytes], head: bytes, name: str) -> tuple[Callable[[int], str], list[str]]:
    """A ``read(n) -> str`` over a JSON byte stream in the encoding its head shows, and its warnings.

    UTF-8 (the rule for JSON) keeps invalid bytes as surrogate escapes; records that contain any are
    repaired and warned about one by one. Other encodings are detected once, from the head, and
    every record says so.
    """
    enc, errors, warnings = "utf-8-sig", "surrogateescape", []
    probe = codecs.getincrementaldecoder("utf-8")("surrogateescape").decode(head, final=False)
    _, bad = scrub_surrogates(probe)
    if bad and bad / max(1, sum(1 for b in head if b >= 0x80)) > 0.05:
        dec = decode_bytes(head, name=name)
        enc, errors, warnings = dec.encoding, "replace", dec.warnings
    decoder = codecs.getincrementaldecoder(enc)(errors)

    read1 = _read1(stream)
    pending: list[BaseException] = []  # a stream error, raised after the bytes read before it

    def read_bytes(n: int) -> bytes:
        if pending:
            raise pending[0]
        data, error = _read_up_to(read1, n)
        if error is not None:
            if not data:
                raise error
            pending.append(error)
        return data

    def read(n: int) -> str:
        while True:
            data = read_bytes(n)
            text = decoder.decode(data, final=not data)
            if text or not data:
                return text

    return read, warnings


def _read_json_values(
    stream: IO[bytes], head: bytes, src: _Src, opts: _Options, *, array: bool
) -> Iterator[Item]:
    """The items of a top-level JSON array (or a sequence of top-level objects), streamed."""
    done = 0
    index = 0

    def stop(err: KhabarError) -> Reject:
        return Reject.from_error(f"{src.stem}#{index}", f"{src.input}#{index}", err)

    before = "; the items before were read"
    try:
        read, warnings = _text_reader(stream, head, src.name)
        parser = _JsonStream(read, opts.max_bytes)
        if array:
            parser.peek()
            parser.take()  # "["
            if parser.peek() == "]":
                parser.take()
                yield stop(EmptyInputError(f"{src.name} is an empty JSON array", value=src.name))
                return
        while True:
            nxt = parser.peek()
            if nxt is None:
                if array:  # the closing "]" never came
                    yield stop(
                        TruncatedInputError(
                            f"{src.name} ends early: the JSON array is not closed after "
                            f"{_plural(index, 'item')}{before}",
                            value=src.name,
                        )
                    )
                break
            if array and nxt == "]":
                parser.take()
                if parser.peek() is not None:
                    yield stop(
                        MalformedRecordError(
                            f"{src.name} has extra content after its JSON array "
                            f"(at character {parser.offset}); the array was read",
                            value=src.name,
                        )
                    )
                break
            try:
                obj = parser.value()
            except _TooBig as big:
                yield stop(
                    TooLargeError(
                        f"item {index} of {src.name} is larger than {_size(big.size)}, above the "
                        f"{_size(opts.max_bytes)} limit per record; raise it with --max-bytes{before}",
                        value=src.name,
                    )
                )
                return
            except json.JSONDecodeError as err:
                at_end = parser.eof and err.pos >= len(parser.buf.rstrip()) - 1
                cut = at_end or err.msg.startswith("Unterminated")
                cls = TruncatedInputError if cut else MalformedRecordError
                what = "ends early inside" if cut else "is not valid JSON in"
                yield stop(
                    cls(
                        f"{src.name} {what} item {index} "
                        f"({err.msg} at character {parser.dropped + err.pos}){before}",
                        value=src.name,
                    )
                )
                return
            label = f"item {index} of {src.name}"
            yield _record_from_obj(
                obj,
                default_id=f"{src.stem}#{index}",
                where=f"{src.input}#{index}",
                label=label,
                fmt="json",
                opts=opts,
                warnings=list(warnings),
            )
            done += 1
            index += 1
            if array:
                sep = parser.peek()
                if sep == ",":
                    parser.take()
                elif sep != "]" and sep is not None:
                    yield stop(
                        MalformedRecordError(
                            f"{src.name} is not valid JSON after item {index - 1} (expected ',' or ']' at "
                            f"character {parser.offset}){before}",
                            value=src.name,
                        )
                    )
                    return
    except _STREAM_ERRORS as err:
        yield Reject.from_error(src.stem, src.input, _broken(src, err, done))


# -- records from JSON objects ---------------------------------------------------------------------------
def _get_path(obj: dict[str, Any], path: str) -> Any:
    """``obj[path]``, or the dotted path (``metadata.source``) through nested objects, or ``_MISSING``."""
    if path in obj:
        return obj[path]
    cur: Any = obj
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return _MISSING
        cur = cur[part]
    return cur


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return {dict: "object", list: "array", str: "string", int: "number", float: "number"}.get(
        type(value), type(value).__name__
    )


def _fields(obj: dict[str, Any]) -> str:
    keys = list(obj)
    shown = ", ".join(keys[:12]) + (f", … ({len(keys)} in all)" if len(keys) > 12 else "")
    return shown or "no fields"


def _scalar_id(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _record_id(obj: dict[str, Any], default_id: str, label: str, opts: _Options) -> str:
    if opts.id_field is None:
        return _scalar_id(obj.get("id")) or default_id
    value = _get_path(obj, opts.id_field)
    if value is _MISSING:
        raise MissingFieldError(
            f"{label} has no id field {opts.id_field!r} (it has: {_fields(obj)}); check --id-field",
            value=opts.id_field,
        )
    rid = _scalar_id(value)
    if rid is None:
        raise MalformedRecordError(
            f"{label}: id field {opts.id_field!r} is {_json_type(value)}, not a string or number",
            value=opts.id_field,
        )
    return rid


def _string_field(obj: dict[str, Any], name: str, label: str) -> str:
    value = _get_path(obj, name)
    if value is _MISSING:
        raise MissingFieldError(
            f"{label} has no field {name!r} (it has: {_fields(obj)}); check --text-field", value=name
        )
    if value is None:
        raise MissingFieldError(f"{label} has {name!r} set to null; there is no text to read", value=name)
    if not isinstance(value, str):
        raise MalformedRecordError(
            f"{label}: field {name!r} is a JSON {_json_type(value)}, not a string", value=name
        )
    return value


def compose_saudinewsnet(obj: dict[str, Any]) -> str:
    """The text dump of a title/author/content record, exactly as the project's gold set builds it.

    ``title`` if non-empty, then ``author`` if non-empty, then every line of ``content``, each stripped,
    with empty lines dropped, joined with ``"\\n"``.
    """
    lines = []
    for key in ("title", "author"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            lines.append(value.strip())
    content = obj.get("content")
    if isinstance(content, str):
        lines += [line.strip() for line in content.split("\n") if line.strip()]
    return "\n".join(lines)


def _record_text(obj: dict[str, Any], label: str, opts: _Options) -> str:
    if opts.text_field is not None:
        return _string_field(obj, opts.text_field, label)
    if "text" in obj:
        return _string_field(obj, "text", label)
    if "content" in obj:
        content = obj["content"]
        if content is not None and not isinstance(content, str):
            raise MalformedRecordError(
                f"{label}: field 'content' is a JSON {_json_type(content)}, not a string", value="content"
            )
        return compose_saudinewsnet(obj)
    raise MissingFieldError(
        f"{label} has no text field (neither 'text' nor 'content'; its fields are: {_fields(obj)}); "
        "name the field that holds the text with --text-field",
        value=label,
    )


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and "://" in value


def _source(obj: dict[str, Any], fmt: str, where: str) -> Source:
    """Where a record came from: ``uri`` from url-like fields, ``site`` from the outlet name or host."""
    uri = None
    for key in ("url", "metadata.source", "metadata.url", "source"):
        value = _get_path(obj, key)
        if _is_url(value):
            uri = value.strip()
            break
    outlet = obj.get("source")
    if isinstance(outlet, str) and outlet.strip() and not _is_url(outlet) and "/" not in outlet:
        site: str | None = outlet.strip()  # SaudiNewsNet: "aawsat", "sabq", …
    else:
        site = site_of(uri) if uri else None
    return Source(uri=uri, site=site, format=fmt, input=where)


def _scrub(value: Any) -> tuple[Any, int]:
    """``value`` with bytes kept as surrogate escapes replaced by U+FFFD, in nested strings too."""
    if isinstance(value, str):
        return scrub_surrogates(value)
    if isinstance(value, list):
        pairs = [_scrub(v) for v in value]
        return [v for v, _ in pairs], sum(n for _, n in pairs)
    if isinstance(value, dict):
        out, total = {}, 0
        for k, v in value.items():
            out[k], n = _scrub(v)
            total += n
        return out, total
    return value, 0


def _record_from_obj(
    obj: Any, *, default_id: str, where: str, label: str, fmt: str, opts: _Options, warnings: list[str]
) -> Item:
    """A :class:`RawRecord` from one parsed JSON value, or the :class:`Reject` that says why not."""
    if not isinstance(obj, dict):
        return Reject.from_error(
            default_id,
            where,
            MalformedRecordError(
                f"{label} is a JSON {_json_type(obj)}, not an object; each record must be a JSON object",
                value=label,
            ),
        )
    rid = default_id
    try:
        rid = _record_id(obj, default_id, label, opts)
        text = _record_text(obj, label, opts)
        if not text.strip():
            raise EmptyInputError(f"{label} has an empty text; there is nothing to read", value=label)
    except KhabarError as err:
        return Reject.from_error(rid, where, err)
    meta = {}
    for name in opts.meta_fields:
        value = _get_path(obj, name)
        if value is not _MISSING:
            meta[name] = value
    when, date_warnings = find_input_date(obj, opts.date_fields, label)
    if date_warnings:
        warnings = [*warnings, *date_warnings]
    text, bad = scrub_surrogates(text)
    meta, bad_meta = _scrub(meta)
    if when is not None:
        meta[INPUT_DATE_KEY] = when
    if bad or bad_meta:
        replaced = _plural(bad + bad_meta, "invalid UTF-8 byte")
        warnings = [*warnings, f"{label}: {replaced} replaced with U+FFFD"]
    return RawRecord(id=rid, raw=text, source=_source(obj, fmt, where), meta=meta, warnings=warnings)
