"""khabar's data files (lexicons, gazetteers, models), read one way.

Every file here has a header saying where it comes from (``SOURCES.md`` lists them with their licences).
A TSV file is: comment lines starting with ``#`` and blank lines anywhere, then one header row naming the
columns, then the rows, tab-separated. :func:`rows` reads it and checks each row's width; :func:`lines`
reads a list of one item a line (comments, no header); :func:`load_json` reads a JSON file,
:func:`read_bytes` a file's bytes as stored (a model's arrays) and :func:`as_file` gives a path for a
library that opens the file itself (the ONNX runtime). A file that cannot be read, or a row that does
not fit, raises :class:`~khabar.errors.DataFileError` naming the file and the line, so a hand-edited
lexicon fails with a sentence to act on rather than an ``IndexError`` deep in a stage.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import zlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from khabar.errors import DataFileError

__all__ = ["Row", "as_file", "bad_row", "lines", "load_json", "read_bytes", "read_text", "rows"]


class Row(NamedTuple):
    """One data row: its line number in the file (1-based) and its tab-separated columns."""

    line: int
    cols: list[str]


def read_bytes(name: str) -> bytes:
    """The bytes of the package data file ``name`` as stored (a model's arrays; a checksum's input)."""
    try:
        return (resources.files("khabar") / "data" / name).read_bytes()
    except OSError as e:
        raise DataFileError(f"cannot read package data file {name}: {e}", value=name) from e


@contextlib.contextmanager
def as_file(name: str) -> Iterator[Path]:
    """A filesystem path of the package data file ``name`` while the block runs (for a library that
    opens files itself); a missing file is a :class:`DataFileError`."""
    with resources.as_file(resources.files("khabar") / "data" / name) as path:
        if not path.exists():
            raise DataFileError(f"cannot read package data file {name}: no such file", value=name)
        yield path


def read_text(name: str) -> str:
    """The text of the package data file ``name`` (gunzipped when it ends in ``.gz``)."""
    data = read_bytes(name)
    try:
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        return data.decode("utf-8")
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as e:
        raise DataFileError(f"cannot read package data file {name}: {e}", value=name) from e


def bad_row(name: str, line: int, why: str, value: object) -> DataFileError:
    """The error for a row of ``name`` that does not fit: ``"<name> line <n>: <why>: <value>"``."""
    return DataFileError(f"{name} line {line}: {why}: {value!r}", value=value)


def rows(name: str, *, columns: int | tuple[int, int] | None = None) -> list[Row]:
    """The data rows of the TSV file ``name`` (comments, blank lines and the header row left out).

    ``columns``: the number of columns every row must have, or ``(least, most)``; a row outside it
    raises :class:`DataFileError` with the file and line."""
    lo, hi = (columns, columns) if isinstance(columns, int) else columns or (0, 1 << 30)
    out: list[Row] = []
    header_seen = False
    new_row = tuple.__new__  # Row's own __new__ is Python code: a sixth of reading the gazetteer
    for n, line in enumerate(read_text(name).splitlines(), 1):
        if not line or line[0] == "#" or line.isspace():  # (blank: empty or white space only)
            continue
        if not header_seen:
            header_seen = True  # the column names
            continue
        cols = line.split("\t")
        if not lo <= len(cols) <= hi:
            want = str(lo) if lo == hi else f"{lo} to {hi}"
            raise bad_row(name, n, f"expected {want} tab-separated columns, found {len(cols)}", line)
        out.append(new_row(Row, (n, cols)))
    return out


def lines(name: str) -> list[str]:
    """The items of the list file ``name``: one a line, comment lines (``#``) and blank lines left out,
    no header row (a word list such as ``places_common_ar.txt.gz``)."""
    return [line for line in read_text(name).splitlines() if line.strip() and not line.startswith("#")]


def load_json(name: str) -> Any:
    """The JSON data file ``name``, parsed."""
    text = read_text(name)
    try:
        return json.loads(text)
    except ValueError as e:
        raise DataFileError(f"package data file {name} is not valid JSON: {e}", value=name) from e
