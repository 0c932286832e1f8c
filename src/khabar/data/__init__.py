"""khabar's data files (lexicons, gazetteers, models), read one way.

Every file here has a header saying where it comes from (``SOURCES.md`` lists them with their licences).
A TSV file is: comment lines starting with ``#`` and blank lines anywhere, then one header row naming the
columns, then the rows, tab-separated. :func:`rows` reads it and checks each row's width;
:func:`load_json` reads a JSON file. A file that cannot be read, or a row that does not fit, raises
:class:`~khabar.errors.DataFileError` naming the file and the line, so a hand-edited lexicon fails with
a sentence to act on rather than an ``IndexError`` deep in a stage.
"""

from __future__ import annotations

import gzip
import json
from importlib import resources
from typing import Any, NamedTuple

from khabar.errors import DataFileError

__all__ = ["Row", "bad_row", "load_json", "read_text", "rows"]


class Row(NamedTuple):
    """One data row: its line number in the file (1-based) and its tab-separated columns."""

    line: int
    cols: list[str]


def read_text(name: str) -> str:
    """The text of the package data file ``name`` (gunzipped when it ends in ``.gz``)."""
    path = resources.files("khabar") / "data" / name
    try:
        data = path.read_bytes()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        return data.decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as e:
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
    for n, line in enumerate(read_text(name).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True  # the column names
            continue
        cols = line.split("\t")
        if not lo <= len(cols) <= hi:
            want = str(lo) if lo == hi else f"{lo} to {hi}"
            raise bad_row(name, n, f"expected {want} tab-separated columns, found {len(cols)}", line)
        out.append(Row(n, cols))
    return out


def load_json(name: str) -> Any:
    """The JSON data file ``name``, parsed."""
    text = read_text(name)
    try:
        return json.loads(text)
    except ValueError as e:
        raise DataFileError(f"package data file {name} is not valid JSON: {e}", value=name) from e
