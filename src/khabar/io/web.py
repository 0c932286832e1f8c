"""HTML files and WARC archives as records (called by :func:`khabar.io.readers.read_inputs`).

**HTML.** One file (``.html``, ``.htm``, …, or any file whose first bytes are an HTML document) is one
record: ``RawRecord.raw`` is the page decoded by :func:`khabar.io.html.decode_html` (BOM, ``<meta>``
charset, detection), ``Source.format`` is ``"html"``.

**WARC** (``.warc``, ``.warc.gz``, or a stream that starts with ``WARC/``; read with FastWARC, the
``html`` extra). Every ``response`` record (and every ``resource`` record, which is a page without HTTP
headers) is one *input record* and comes out as exactly one :class:`RawRecord` or one
:class:`Reject`:

* an HTML page (by its HTTP ``Content-Type``, or by its first bytes when there is none) →
  a record with ``raw`` = the decoded page, ``Source.format = "warc"``, ``Source.uri`` = the
  ``WARC-Target-URI``, and ``meta["warc"]`` = record id, WARC date, HTTP status, content type and the
  HTTP headers, and ``meta["input_date"]`` = the ``WARC-Date`` (a crawl date, the record's ``published``
  when the page gives none; ``read_warc(..., warc_date=False)`` leaves it out); the charset comes from
  the BOM, the HTTP header, the page's ``<meta>``, detection;
* anything else (an image, a PDF, JSON, a feed …) → a reject ``not_html`` (K111), counted like any
  reject, so that *records in = documents out + rejects*;
* a response whose HTTP status is not 2xx (redirects, errors: no page to read) → ``http_status`` (K112);
* a record cut short (the file ends inside it, its gzip member is truncated) or a damaged gzip
  member → ``truncated`` (K105), and the run goes on with the next input (a damaged member stops
  that file: gzip cannot be re-synchronised);
* a record larger than ``--max-bytes`` → ``too_large``, skipped without being read into memory.

``request``, ``revisit``, ``metadata``, ``warcinfo`` and ``conversion`` records describe a capture;
they hold no page, so they are **not input records**: they are neither documents nor rejects, and
they are not in the *records in* count. :class:`WarcStats` (``read_warc(..., stats=...)``) counts
them by type for callers who want to report them.
"""

from __future__ import annotations

import codecs
import importlib
import io
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from khabar.errors import (
    EmptyInputError,
    HttpStatusError,
    KhabarError,
    NotHtmlError,
    TooLargeError,
    TruncatedInputError,
    UsageError,
)
from khabar.io.html import charset_from_content_type, decode_html, looks_like_html
from khabar.io.input_date import INPUT_DATE_KEY, warc_input_date
from khabar.io.records import RawRecord, Reject
from khabar.model import Source, site_of

__all__ = ["HttpStatusError", "WarcStats", "html_record", "read_warc"]

#: record types that hold a page (each is one input record)
PAGE_TYPES = ("response", "resource")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml", "text/xhtml")


@dataclass(slots=True)
class WarcStats:
    """What a WARC held besides its page records: record counts by type."""

    by_type: Counter[str] = field(default_factory=Counter)

    @property
    def not_input(self) -> int:
        return sum(n for t, n in self.by_type.items() if t not in PAGE_TYPES)


def html_record(
    data: bytes,
    *,
    id: str,
    input: str,
    name: str,
    uri: str | None = None,
    http_charset: str | None = None,
    fmt: str = "html",
    meta: dict[str, Any] | None = None,
) -> RawRecord | Reject:
    """One HTML page's bytes as a :class:`RawRecord` (or the :class:`Reject` that says why not)."""
    try:
        dec = decode_html(data, http_charset=http_charset, name=name)
    except KhabarError as err:
        return Reject.from_error(id, input, err)
    return RawRecord(
        id=id,
        raw=dec.text,
        source=Source(uri=uri, site=site_of(uri), format=fmt, input=input),
        meta=dict(meta or {}),
        warnings=dec.warnings,
    )


def read_html_stream(
    stream: IO[bytes], *, id: str, input: str, name: str, max_bytes: int
) -> RawRecord | Reject:
    """A whole stream as one HTML page (read up to the size limit, never beyond)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return Reject.from_error(
            id,
            input,
            TooLargeError(
                f"{name} is larger than the {max_bytes} bytes limit per record; raise it with --max-bytes",
                value=name,
            ),
        )
    return html_record(data, id=id, input=input, name=name)


def _fastwarc() -> Any:
    try:
        from fastwarc import warc
    except ImportError as err:
        raise UsageError(
            "reading WARC files needs FastWARC; install it with: pip install 'khabar[html]'", value="fastwarc"
        ) from err
    return warc


def _split_http(block: bytes) -> tuple[int | None, dict[str, str], bytes] | None:
    """``(status, headers, body)`` of an HTTP response block, or None if it is not one."""
    if not block.startswith(b"HTTP/"):
        return None
    end = block.find(b"\r\n\r\n")
    sep = 4
    if end < 0:
        end = block.find(b"\n\n")
        sep = 2
    if end < 0:
        return None
    lines = block[:end].decode("latin-1").splitlines()
    status: int | None = None
    parts = lines[0].split(None, 2)
    if len(parts) >= 2 and parts[1].isdigit():
        status = int(parts[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        if k.strip():
            key = k.strip().lower()
            headers[key] = f"{headers[key]}, {v.strip()}" if key in headers else v.strip()
    return status, headers, block[end + sep :]


def _dechunk(body: bytes) -> bytes:
    """Undo HTTP chunked transfer coding (crawlers that store the raw stream); as is if it is not."""
    out: list[bytes] = []
    pos = 0
    try:
        while True:
            eol = body.index(b"\r\n", pos)
            size = int(body[pos:eol].split(b";")[0].strip(), 16)
            if size == 0:
                return b"".join(out)
            out.append(body[eol + 2 : eol + 2 + size])
            pos = eol + 2 + size + 2
    except ValueError:
        return body if not out else b"".join(out)


def _decompress(body: bytes, coding: str) -> bytes:
    coding = coding.lower().strip()
    if coding in ("gzip", "x-gzip", "deflate"):
        try:
            return zlib.decompress(body, 47 if coding != "deflate" else 15)
        except zlib.error:
            try:
                return zlib.decompress(body, -15)
            except zlib.error:
                return body
    if coding == "br":
        try:
            brotli = importlib.import_module("brotli")  # optional: installed with many HTTP stacks
            return bytes(brotli.decompress(body))
        except Exception:  # brotli missing or the body is not brotli: leave it as stored
            return body
    return body


def _is_html(content_type: str | None, body: bytes) -> bool:
    if content_type:
        mime = content_type.split(";")[0].strip().lower()
        if mime in _HTML_TYPES:
            return True
        if mime and mime not in ("text/plain", "application/octet-stream", "unknown/unknown", "text/*"):
            return False
    return looks_like_html(body[:2048])


def read_warc(
    stream: IO[bytes],
    *,
    name: str,
    input: str,
    stem: str,
    max_bytes: int,
    stats: WarcStats | None = None,
    warc_date: bool = True,
) -> Iterator[RawRecord | Reject]:
    """The page records of a WARC stream (plain or gzip), each a record or a reject; see the module."""
    warc = _fastwarc()
    stats = stats if stats is not None else WarcStats()
    n = 0
    if not stream.seekable():  # FastWARC seeks: a pipe or an archive member is read into memory
        stream = io.BytesIO(stream.read())
    start = stream.tell()
    head = stream.read(64)
    stream.seek(start)
    if not head.startswith((b"WARC/", b"\x1f\x8b")):
        msg = f"{name} holds no WARC records (it does not start with WARC/ or gzip)"
        yield Reject.from_error(stem, input, EmptyInputError(msg, value=name))
        return
    it = warc.ArchiveIterator(stream, parse_http=False)
    while True:
        try:
            rec = next(it)
        except StopIteration:
            if not stats.by_type:
                yield Reject.from_error(
                    stem,
                    input,
                    EmptyInputError(
                        f"{name} holds no WARC records; check that it is a WARC file", value=name
                    ),
                )
            return
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as err:  # a damaged gzip member (FastWARC raises OSError or panics)
            yield Reject.from_error(
                f"{stem}#{n}",
                f"{input}#{n}",
                TruncatedInputError(
                    f"{name} is corrupt after {n} page record{'s' if n != 1 else ''} ({err}); "
                    "the records before were read",
                    value=name,
                ),
            )
            return
        rtype = _record_type(rec)
        stats.by_type[rtype] += 1
        if rtype not in PAGE_TYPES:
            continue
        rid = (rec.record_id or "").strip("<>") or f"{stem}#{n}"
        where = f"{input}@{rec.stream_pos}"
        uri = rec.headers.get("WARC-Target-URI") or None
        label = f"record {n} of {name} ({uri or rid})"
        n += 1
        length = rec.content_length
        if length > max_bytes:
            yield Reject.from_error(
                rid,
                where,
                TooLargeError(
                    f"{label} is {length} bytes, above the {max_bytes} bytes limit per record; "
                    "raise it with --max-bytes",
                    value=label,
                ),
            )
            continue
        try:
            block = rec.reader.read()
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as err:
            yield Reject.from_error(
                rid,
                where,
                TruncatedInputError(
                    f"{label} cannot be read to its end ({err}); the records before were read", value=label
                ),
            )
            return
        if len(block) < length:
            yield Reject.from_error(
                rid,
                where,
                TruncatedInputError(
                    f"{label} ends early: {len(block)} of its {length} bytes are in the file "
                    "(a truncated download?); the records before were read",
                    value=label,
                ),
            )
            continue
        yield _page(rec, rtype, block, rid, where, uri, label, warc_date=warc_date)


def _record_type(rec: Any) -> str:
    t = rec.headers.get("WARC-Type")
    return (t or "unknown").lower()


def _page(
    rec: Any,
    rtype: str,
    block: bytes,
    rid: str,
    where: str,
    uri: str | None,
    label: str,
    *,
    warc_date: bool = True,
) -> RawRecord | Reject:
    warc_meta: dict[str, Any] = {"record_id": rid, "date": rec.headers.get("WARC-Date"), "type": rtype}
    http_charset = None
    content_type: str | None
    if rtype == "response":
        http = _split_http(block)
        if http is None:
            content_type, body, status = None, block, None
        else:
            status, headers, body = http
            content_type = headers.get("content-type")
            warc_meta["http_status"] = status
            warc_meta["http_headers"] = headers
            if "chunked" in headers.get("transfer-encoding", "").lower():
                body = _dechunk(body)
            if headers.get("content-encoding"):
                body = _decompress(body, headers["content-encoding"])
            if status is not None and not 200 <= status < 300:
                return Reject.from_error(
                    rid,
                    where,
                    HttpStatusError(
                        f"{label} is an HTTP {status} response, not a page's content", value=status
                    ),
                )
    else:  # a resource record: the block is the document itself
        content_type = rec.headers.get("Content-Type")
        body = block
    warc_meta["content_type"] = content_type
    if not body.strip():
        return Reject.from_error(rid, where, EmptyInputError(f"{label} has an empty body", value=label))
    if not _is_html(content_type, body):
        what = (content_type or "").split(";")[0].strip() or "not HTML by its first bytes"
        return Reject.from_error(
            rid,
            where,
            NotHtmlError(f"{label} is {what}, not an HTML page; only HTML responses are read", value=label),
        )
    http_charset = charset_from_content_type(content_type)
    if body.startswith(codecs.BOM_UTF8):
        http_charset = None  # the BOM wins
    return html_record(
        body,
        id=rid,
        input=where,
        name=label,
        uri=uri,
        http_charset=http_charset,
        fmt="warc",
        meta={"warc": warc_meta, **_input_date(warc_meta.get("date") if warc_date else None)},
    )


def _input_date(value: str | None) -> dict[str, Any]:
    """``{"input_date": …}`` from a WARC-Date (a crawl date: :mod:`khabar.io.input_date`), or nothing."""
    when = warc_input_date(value)
    return {INPUT_DATE_KEY: when} if when else {}
