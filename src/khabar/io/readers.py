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

import fnmatch
import functools
import gzip
import logging
import os
import stat
import sys
import zipfile
from collections.abc import Callable, Iterator, Sequence
from typing import IO

from khabar.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    KhabarError,
    TruncatedInputError,
    UnreadableError,
    UsageError,
)
from khabar.io.decode import ARCHIVE_ADVICE, SQLITE_MAGIC, decode_bytes
from khabar.io.fields import compose_saudinewsnet
from khabar.io.html import looks_like_html
from khabar.io.input_date import date_fields_arg
from khabar.io.json_stream import read_json
from khabar.io.records import Item, RawRecord, Reject
from khabar.io.sources import (
    GZIP_MAGIC,
    STREAM_ERRORS,
    InputSource,
    ReadOptions,
    broken,
    first_byte,
    first_line_is_object,
    kind_from_name,
    not_found,
    stem_of,
    too_large,
    unreadable,
    with_head,
)
from khabar.model import Source

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
    opts = ReadOptions(
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


def _read_all(paths: list[str], opts: ReadOptions) -> Iterator[Item]:
    for path in paths:
        if path == "-":
            src = InputSource(name="stdin", input="-", stem="stdin")
            if opts.fmt == "zip":  # a ZIP's index is at its end: it needs a file to seek in
                msg = "stdin cannot be read as a ZIP archive; save it to a file and pass the path"
                yield Reject.from_error(src.stem, src.input, InputError(msg, value="-"))
                continue
            yield from _guarded(_read_stream(sys.stdin.buffer, src, opts.fmt or "auto", opts), src)
        else:
            yield from _read_path(path, opts)


def _guarded(items: Iterator[Item], src: InputSource) -> Iterator[Item]:
    """Run a reader; turn whatever it raises into one final reject for ``src``.

    The readers turn the errors they expect into rejects themselves, with context (line numbers,
    records read so far). This is the backstop that keeps the promise that bad input never raises.
    """
    try:
        yield from items
    except KhabarError as err:
        yield Reject.from_error(src.stem, src.input, err)
    except (FileNotFoundError, NotADirectoryError):
        yield Reject.from_error(src.stem, src.input, not_found(src.name))
    except PermissionError as err:
        yield Reject.from_error(src.stem, src.input, unreadable(src.name, err))
    except STREAM_ERRORS as err:
        yield Reject.from_error(src.stem, src.input, broken(src, err, None))
    except OSError as err:
        yield Reject.from_error(src.stem, src.input, unreadable(src.name, err))
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


# -- paths and folders ---------------------------------------------------------------------------------
def _read_path(path: str, opts: ReadOptions) -> Iterator[Item]:
    src = InputSource(name=path, input=path, stem=stem_of(path))
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        yield Reject.from_error(src.stem, path, not_found(path))
        return
    except OSError as err:
        yield Reject.from_error(src.stem, path, unreadable(path, err))
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
    from khabar.data import rows

    return tuple((r.cols[0].strip().lower(), r.cols[1].strip()) for r in rows("input_skip.tsv", columns=2))


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


def _skipped(opts: ReadOptions, path: str, reason: str) -> None:
    if opts.on_skip is not None:
        opts.on_skip(path, reason)
    else:
        logging.getLogger("khabar.io").info("skipped %s (%s)", path, reason)


def _read_folder(folder: str, opts: ReadOptions) -> Iterator[Item]:
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
        yield Reject.from_error(stem_of(where), where, unreadable(f"folder {where}", err))
    if not found and not errors:
        yield Reject.from_error(
            stem_of(folder),
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


def _read_file(path: str, st: os.stat_result, src: InputSource, opts: ReadOptions) -> Iterator[Item]:
    """One file, dispatched by ``opts.fmt`` or its name (and gzip magic)."""
    by_name, gz_suffix = kind_from_name(path)
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
    if single and too_big and (kind == "text" or not _starts_with(path, GZIP_MAGIC)):
        yield Reject.from_error(src.stem, src.input, too_large(src.name, opts.max_bytes, st.st_size))
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


# -- ZIP archives ----------------------------------------------------------------------------------------
def _read_zip(path: str, src: InputSource, opts: ReadOptions) -> Iterator[Item]:
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
            msrc = InputSource(
                name=f"{src.name}!{info.filename}",
                input=f"{src.input}!{info.filename}",
                stem=stem_of(info.filename),
                compression="zip",
            )
            yield from _guarded(_read_member(zf, info, msrc, opts), msrc)


def _read_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, src: InputSource, opts: ReadOptions
) -> Iterator[Item]:
    by_name, _ = kind_from_name(info.filename)
    kind = opts.fmt if opts.fmt not in (None, "zip") else by_name
    if kind == "zip":
        raise BinaryInputError(f"{src.name} is a ZIP inside a ZIP; unpack it first", value=src.name)
    if info.flag_bits & 0x1:
        raise UnreadableError(f"{src.name} is encrypted; decrypt the archive first", value=src.name)
    if kind in ("text", "unknown", "html") and info.file_size > opts.max_bytes:
        raise too_large(src.name, opts.max_bytes, info.file_size)
    try:
        f = zf.open(info)
    except NotImplementedError as err:  # e.g. a compression method Python's zipfile does not have
        msg = f"{src.name} cannot be unpacked ({err}); re-zip it with deflate"
        raise UnreadableError(msg, value=src.name) from err
    with f:
        yield from _read_stream(f, src, kind, opts, gunzip=by_name != "text")


# -- streams -------------------------------------------------------------------------------------------
def _read_stream(
    raw: IO[bytes], src: InputSource, kind: str, opts: ReadOptions, *, gunzip: bool = True
) -> Iterator[Item]:
    """Read one byte stream as ``kind`` (text, jsonl, json, unknown, or auto for stdin)."""
    stream, head = with_head(raw)
    if gunzip and head.startswith(GZIP_MAGIC):
        src.compression = "gzip"
        try:
            stream, head = with_head(gzip.GzipFile(fileobj=stream, mode="rb"))
        except STREAM_ERRORS as err:
            yield Reject.from_error(src.stem, src.input, broken(src, err, 0))
            return
        if kind == "unknown":  # a gzip of unknown type: look at what is inside
            kind = "json" if first_byte(head) in (b"[", b"{") else "text"
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
        kind = "jsonl" if first_line_is_object(head) else "text"
    if kind in ("text", "unknown"):
        yield _read_text_document(stream, src, opts)
        return
    yield from read_json(stream, head, src, kind, opts)


def _read_text_document(stream: IO[bytes], src: InputSource, opts: ReadOptions) -> Item:
    """The whole stream as one document (read up to the size limit, never beyond)."""
    try:
        data = stream.read(opts.max_bytes + 1)
    except STREAM_ERRORS as err:
        return Reject.from_error(src.stem, src.input, broken(src, err, None))
    if len(data) > opts.max_bytes:
        return Reject.from_error(src.stem, src.input, too_large(src.name, opts.max_bytes, None))
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
