"""HTML inputs: recognising them, and decoding their bytes.

The charset of a page is taken, in order, from a byte-order mark, the HTTP ``Content-Type`` header (for
WARC records), the page's own ``<meta charset>`` / ``<meta http-equiv="Content-Type">`` in its first
bytes, and finally detection — all through :func:`khabar.io.decode.decode_bytes`, which also tries
strict UTF-8 before any declaration (old Arabic sites often declare windows-1256 over UTF-8 bytes, and
a strict UTF-8 decode is never a wrong guess). Windows-1256 and ISO-8859-6, common on older Arabic
sites, are decoded from their declaration or recognised by the detector's Arabic-codepage check.
"""

from __future__ import annotations

import codecs
import re

from khabar.errors import NotHtmlError
from khabar.io.decode import Decoded, decode_bytes

__all__ = [
    "HTML_SUFFIXES",
    "NotHtmlError",
    "charset_from_content_type",
    "decode_html",
    "looks_like_html",
    "meta_charset",
]

#: file name endings read as HTML
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".asp", ".aspx", ".php", ".jsp")
#: how far into a page its ``<meta charset>`` is looked for (the HTML standard's prescan reads 1,024)
META_SNIFF = 4096

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|script|link)\b",
    re.IGNORECASE | re.DOTALL,
)


def charset_from_content_type(value: str | None) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` header value, if Python knows the codec."""
    if not value:
        return None
    m = _CT_CHARSET.search(value)
    return _known(m.group(1)) if m else None


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first bytes."""
    m = _META_CHARSET.search(data, 0, META_SNIFF)
    return _known(m.group(1).decode("ascii", "replace")) if m else None


def _known(name: str) -> str | None:
    name = name.strip().strip("\"'").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a stream are an HTML document (after a BOM and whitespace)."""
    body = head.removeprefix(codecs.BOM_UTF8)[:2048]
    return _HTML_START.match(body) is not None


def decode_html(data: bytes, *, http_charset: str | None = None, name: str = "input") -> Decoded:
    """Decode an HTML page: BOM, HTTP charset, ``<meta>`` charset, then detection.

    Raises the :mod:`khabar.errors` input errors of :func:`~khabar.io.decode.decode_bytes`.
    """
    declared = _known(http_charset) if http_charset else None
    source = "HTTP header"
    if declared is None:
        declared = meta_charset(data)
        source = "<meta> tag"
    dec = decode_bytes(data, declared=declared, name=name)
    if declared and dec.encoding not in (declared, "utf-8", "utf-8-sig") and not dec.warnings:
        dec.warnings.append(f"{name}: charset {declared} ({source}) did not fit; decoded as {dec.encoding}")
    # a declared (not detected) single-byte codepage is not a guess: drop decode_bytes' note
    return dec
