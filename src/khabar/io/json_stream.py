"""JSON and JSON Lines inputs, streamed: one record per line, per array item or per object, a record
too large or malformed becoming a reject with its line or index, never the end of the stream.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

from khabar.errors import (
    BinaryInputError,
    EmptyInputError,
    KhabarError,
    MalformedRecordError,
    TooLargeError,
    TruncatedInputError,
)
from khabar.io.decode import decode_bytes, scrub_surrogates, sniff_binary
from khabar.io.fields import record_from_obj
from khabar.io.records import Item, Reject
from khabar.io.sources import (
    CHUNK,
    STREAM_ERRORS,
    InputSource,
    ReadOptions,
    broken,
    first_byte,
    first_line_is_object,
    plural,
    read1,
    read_up_to,
    size_text,
    too_large,
    with_head,
)

try:  # orjson is optional: a faster parser for the common case, with json as the reference
    import orjson

    _fast_loads: Callable[[bytes], Any] = orjson.loads
except ImportError:  # pragma: no cover - depends on the environment
    _fast_loads = json.loads

_JSON_WS = re.compile(r"[^ \t\n\r]")
_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# -- JSON and JSON Lines -------------------------------------------------------------------------------
def read_json(
    stream: IO[bytes], head: bytes, src: InputSource, kind: str, opts: ReadOptions
) -> Iterator[Item]:
    """A JSON-ish stream: JSON Lines, an array of objects, or a sequence of (pretty-printed) objects."""
    for bom, enc in _UTF16_32_BOMS:
        if head.startswith(bom):
            # rare (Windows "Unicode" files): recode to UTF-8 so that one line reader serves all
            recoded = codecs.EncodedFile(stream, "utf-8", file_encoding=enc, errors="replace")
            stream, head = with_head(recoded)
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
    first = first_byte(head)
    if kind == "jsonl" or first_line_is_object(head):
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


def _read_jsonl(stream: IO[bytes], src: InputSource, opts: ReadOptions) -> Iterator[Item]:
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
                    f"{src.stem}:{lineno}", f"{src.input}:{lineno}", too_large(label, opts.max_bytes, size)
                )
                done += 1
                continue
            if not line.strip():
                continue  # blank lines are not records
            yield _record_from_line(line, lineno, src, opts)
            done += 1
    except STREAM_ERRORS as err:
        yield Reject.from_error(src.stem, src.input, broken(src, err, done))


def _skip_line(stream: IO[bytes]) -> int:
    """Skip the rest of an over-long line without keeping it; return how many bytes were skipped."""
    skipped = 0
    while True:
        part = stream.readline(CHUNK)
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


def _record_from_line(line: bytes, lineno: int, src: InputSource, opts: ReadOptions) -> Item:
    label = f"line {lineno} of {src.name}"
    default_id = f"{src.stem}:{lineno}"
    where = f"{src.input}:{lineno}"
    try:
        obj, warnings = _parse_json_bytes(line.rstrip(b"\r\n"), label)  # columns within the line
    except KhabarError as err:
        return Reject.from_error(default_id, where, err)
    return record_from_obj(
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
        if self.pos > CHUNK:  # drop what has been parsed
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
            if not self._fill(CHUNK):
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
                self._fill(max(CHUNK, len(self.buf) - self.pos))
                continue
            if end == len(self.buf) and self._fill(CHUNK):
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

    chunk = read1(stream)
    pending: list[BaseException] = []  # a stream error, raised after the bytes read before it

    def read_bytes(n: int) -> bytes:
        if pending:
            raise pending[0]
        data, error = read_up_to(chunk, n)
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
    stream: IO[bytes], head: bytes, src: InputSource, opts: ReadOptions, *, array: bool
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
                            f"{plural(index, 'item')}{before}",
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
                        f"item {index} of {src.name} is larger than {size_text(big.size)}, above the "
                        f"{size_text(opts.max_bytes)} limit per record; raise it with --max-bytes{before}",
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
            yield record_from_obj(
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
    except STREAM_ERRORS as err:
        yield Reject.from_error(src.stem, src.input, broken(src, err, done))
