"""Bytes to text: find the encoding of an input, or say clearly why it is not text.

The order is: byte-order mark, strict UTF-8, UTF-8 with a few bad bytes (replaced and reported), a
declared charset, then ``charset-normalizer`` detection with an Arabic-codepage check. Binary inputs
(NUL bytes, known file signatures) and empty inputs are refused with a :mod:`khabar.errors` error.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from khabar.errors import BinaryInputError, DecodingError, EmptyInputError

__all__ = ["Decoded", "arabic_share", "decode_bytes", "scrub_surrogates", "sniff_binary"]

#: how far into the input the NUL-byte check looks
SNIFF_BYTES = 8192

#: A UTF-8 input whose invalid bytes are at most this share of its non-ASCII bytes is UTF-8 with a few
#: damaged bytes (a cut multi-byte character, one stray Latin-1 byte), not another encoding. Real
#: Windows-1256 Arabic text is the opposite case: almost every high byte is invalid UTF-8 (only pairs
#: such as a letter followed by the Arabic comma 0xA1 happen to form valid sequences), so its share is
#: far above 5 %.
MAX_BAD_UTF8_SHARE = 0.05

# (signature, offset, what it looks like, extra advice); longer signatures first where they overlap.
#: the first bytes of an SQLite file: a khabar archive given where a text input is expected
SQLITE_MAGIC = b"SQLite format 3\x00"
ARCHIVE_ADVICE = (
    "; to read a khabar archive give it as --archive PATH (khabar show ID --archive PATH, "
    "khabar events --archive PATH, khabar search QUERY --archive PATH, khabar serve --archive PATH)"
)
_MAGIC: tuple[tuple[bytes, int, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image", ""),
    (b"\xff\xd8\xff", 0, "a JPEG image", ""),
    (b"GIF87a", 0, "a GIF image", ""),
    (b"GIF89a", 0, "a GIF image", ""),
    (b"WEBP", 8, "a WebP image", ""),
    (b"%PDF-", 0, "a PDF document", ""),
    (b"PK\x03\x04", 0, "a ZIP archive (or an Office document)", "; name it .zip to read its members"),
    (b"PK\x05\x06", 0, "an empty ZIP archive", ""),
    (b"\x7fELF", 0, "an ELF executable", ""),
    (b"\x1f\x8b", 0, "gzip-compressed data", "; name it .gz (e.g. .jsonl.gz) or decompress it"),
    (b"BZh", 0, "bzip2-compressed data", "; decompress it first"),
    (b"\xfd7zXZ\x00", 0, "xz-compressed data", "; decompress it first"),
    (b"\x28\xb5\x2f\xfd", 0, "zstd-compressed data", "; decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive", "; unpack it first"),
    (SQLITE_MAGIC, 0, "an SQLite database (a khabar archive?)", ARCHIVE_ADVICE),
)

# Byte-order marks, UTF-32 before UTF-16 because the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SURROGATE_ESCAPES = re.compile("[\udc80-\udcff]")
# Base Arabic letters only: presentation forms (U+FB50..U+FEFF) are left out on purpose, because a
# wrong single-byte guess such as cp1006 (Urdu) turns Windows-1256 bytes into presentation forms.
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
#: how many characters the Arabic-letter share is measured on (enough for a stable ratio, fast on 30 MB)
_RATIO_SAMPLE = 65536


@dataclass(slots=True)
class Decoded:
    """Decoded text, the codec that produced it, and what had to be repaired or guessed."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def sniff_binary(data: bytes, *, name: str = "input") -> None:
    """Raise :class:`BinaryInputError` if ``data`` starts with a known binary signature or has NUL bytes.

    Only the first :data:`SNIFF_BYTES` bytes are looked at, so this is cheap on big inputs.
    """
    for magic, offset, what, advice in _MAGIC:
        if data[offset : offset + len(magic)] == magic and (magic != b"WEBP" or data[:4] == b"RIFF"):
            raise BinaryInputError(
                f"{name} looks like {what}, not text{advice or '; pass text, JSONL, JSON or ZIP inputs'}",
                value=name,
            )
    nul = data.find(b"\x00", 0, SNIFF_BYTES)
    if nul >= 0:
        raise BinaryInputError(
            f"{name} contains NUL bytes (first at byte {nul}), so it is binary, not text; "
            "pass text, JSONL, JSON or ZIP inputs (UTF-16 text needs a byte-order mark)",
            value=name,
        )


def scrub_surrogates(text: str) -> tuple[str, int]:
    """Replace bytes kept by ``errors="surrogateescape"`` with U+FFFD; return the text and how many."""
    n = 0

    def count(_: re.Match[str]) -> str:
        nonlocal n
        n += 1
        return "\ufffd"

    if not _SURROGATE_ESCAPES.search(text):
        return text, 0
    return _SURROGATE_ESCAPES.sub(count, text), n


def _canonical(encoding: str) -> str:
    """The codec's canonical Python name (``windows-1256`` → ``cp1256``)."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def arabic_share(text: str) -> float:
    """The share of letters in (a sample of) ``text`` that are base Arabic letters, 0..1."""
    sample = text[:_RATIO_SAMPLE]
    letters = sum(1 for c in sample if c.isalpha())
    if not letters:
        return 0.0
    return len(_ARABIC_LETTER.findall(sample)) / letters


def _not_empty(dec: Decoded, name: str) -> Decoded:
    """``dec``, unless its text is only whitespace (then :class:`EmptyInputError`)."""
    if not dec.text or dec.text.isspace():
        raise EmptyInputError(f"{name} holds only whitespace; there is no text to read", value=name)
    return dec


def _mostly_utf8(data: bytes, name: str) -> Decoded | None:
    """UTF-8 with a few invalid bytes: decode with replacement and say how many were replaced."""
    text = data.decode("utf-8", "surrogateescape")
    text, bad = scrub_surrogates(text)
    high = sum(1 for b in data if b >= 0x80) if bad else 0
    if bad and bad / high <= MAX_BAD_UTF8_SHARE:
        return Decoded(
            text,
            "utf-8",
            [f"{name}: {bad} invalid UTF-8 byte{'s' if bad != 1 else ''} replaced with U+FFFD"],
        )
    return None


def _arabic_codepage(data: bytes) -> tuple[str, str, float] | None:
    """The better of Windows-1256 and ISO-8859-6 for ``data`` by Arabic-letter share, if either fits."""
    best: tuple[str, str, float] | None = None
    for enc in ("cp1256", "iso8859_6"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share = arabic_share(text)
        if best is None or share > best[2]:
            best = (enc, text, share)
    return best


def decode_bytes(data: bytes, *, declared: str | None = None, name: str = "input") -> Decoded:
    """Decode the bytes of one input to text, or raise an :class:`~khabar.errors.InputError`.

    ``declared`` is a charset the input claims (an HTTP header, an HTML meta tag); it is tried after
    UTF-8 because declarations are often wrong on old sites. ``name`` is used in messages.
    Raises :class:`EmptyInputError`, :class:`BinaryInputError` or :class:`DecodingError`.
    """
    if not data:
        raise EmptyInputError(f"{name} is empty (0 bytes); there is no text to read", value=name)

    # 1. a byte-order mark is the strongest evidence there is, and UTF-16/32 text has NUL bytes, so
    #    it must be checked before the binary sniffing.
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _not_empty(Decoded(data.decode(enc), _canonical(enc)), name)
            except UnicodeDecodeError:
                text = data.decode(enc, "replace")
            note = f"{name}: invalid {enc} bytes after the byte-order mark replaced with U+FFFD"
            return _not_empty(Decoded(text, _canonical(enc), [note]), name)

    sniff_binary(data, name=name)

    # 2. strict UTF-8: by far the most common case, and a strict decode is never a wrong guess.
    try:
        return _not_empty(Decoded(data.decode("utf-8"), "utf-8"), name)
    except UnicodeDecodeError:
        pass

    # 3. UTF-8 with a few damaged bytes. Checked before the declared charset because single-byte
    #    codepages such as cp1256 decode any byte sequence, so a wrong declaration would turn the
    #    whole text into mojibake instead of losing a few characters.
    mostly = _mostly_utf8(data, name)
    if mostly is not None:
        return _not_empty(mostly, name)

    warnings: list[str] = []
    # 4. the declared charset, if Python knows it and it decodes the bytes strictly.
    if declared:
        try:
            text = data.decode(declared)
        except LookupError:
            warnings.append(f"{name}: declared charset {declared!r} is unknown; detecting instead")
        except UnicodeDecodeError:
            warnings.append(f"{name}: declared charset {declared!r} does not fit the bytes; detecting")
        else:
            return _not_empty(Decoded(text, _canonical(declared), warnings), name)

    # 5. detection.
    import charset_normalizer  # imported here: only non-UTF-8 inputs pay for it

    match = charset_normalizer.from_bytes(data).best()
    guess: tuple[str, str] | None = (match.encoding, str(match)) if match is not None else None
    # charset-normalizer misreads short Arabic texts in Windows-1256 or ISO-8859-6 as cp1006, cp874
    # or cp037 (tried: a three-word cp1256 headline comes back as cp1006 presentation forms). Old
    # Arabic news sites overwhelmingly used those two codepages, so when the guess has (almost) no
    # Arabic letters and an Arabic codepage gives mostly Arabic letters, the codepage is the better
    # reading.
    arabic = _arabic_codepage(data)
    if arabic is not None and arabic[2] >= 0.6 and (guess is None or arabic_share(guess[1]) < 0.3):
        guess = arabic[0], arabic[1]
    if guess is None:
        raise DecodingError(
            f"{name} is not UTF-8 and no other text encoding fits its bytes; "
            "convert it to UTF-8 or check that it is text",
            value=name,
        )
    enc = _canonical(guess[0])
    warnings.append(f"{name}: not UTF-8; decoded as {enc} (detected)")
    return _not_empty(Decoded(guess[1], enc, warnings), name)
