"""The text-dump gold set: documents, labelled lines and the scoring units cut from them.

The gold file is ``shared/data/gold/textdump_gold.jsonl`` (see its ``GUIDELINES.md``): one JSON object
per document, every line labelled, plus two optional refinements of a line:

* ``trailing_boilerplate``: the exact boilerplate suffix of a content line;
* ``glued`` / ``glued_labels``: a line that fuses parts with different roles, given as exact,
  in-order, non-overlapping substrings of the line (minus its trailing boilerplate), one label each.

A document's dump is ``"\\n".join(line texts)``; that is exactly the text khabar is given, so all
offsets here (``raw_start``/``raw_end``) are offsets into :attr:`GoldDoc.raw`.

Scoring happens on **units**, not lines: a plain line is one unit; a glued line is one unit per part;
a line with trailing boilerplate is its content (right-stripped) plus a ``boilerplate`` unit for the
suffix. So a scorer sees the boilerplate that is glued to content lines, which is most of the
SaudiNewsNet boilerplate.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.errors import InputError, MalformedRecordError
from khabar.eval import shared_data

#: the labels of the gold set, in the guidelines' order
GOLD_LABELS: tuple[str, ...] = (
    "title",
    "section",
    "byline",
    "date",
    "heading",
    "paragraph",
    "caption",
    "boilerplate",
)
#: the origins of the gold set, in the guidelines' order
GOLD_ORIGINS: tuple[str, ...] = ("saudinewsnet", "cc", "seed")


def default_gold_path() -> Path:
    """``shared/data/gold/textdump_gold.jsonl`` beside the repository (the repo root's parent holds
    ``shared/``); only meaningful in a source checkout."""
    return shared_data("gold", "textdump_gold.jsonl")


@dataclass(frozen=True, slots=True)
class Unit:
    """One scoring unit: ``raw[raw_start:raw_end]`` of a document, with its gold label."""

    raw_start: int
    raw_end: int
    label: str
    line_index: int
    origin: str


@dataclass(frozen=True, slots=True)
class GoldLine:
    """One line of a dump with its gold annotation; ``raw[raw_start:raw_end] == text``."""

    text: str
    label: str
    raw_start: int
    raw_end: int
    glued: tuple[str, ...] | None = None
    glued_labels: tuple[str, ...] | None = None
    trailing_boilerplate: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold document: its dump (``raw``), its lines and its scoring units."""

    id: str
    origin: str
    source: str
    url: str
    is_article: bool
    raw: str
    lines: tuple[GoldLine, ...]
    units: tuple[Unit, ...]

    def unit_text(self, unit: Unit) -> str:
        return self.raw[unit.raw_start : unit.raw_end]


class GoldFormatError(InputError):
    """A gold record that does not follow the format in GUIDELINES.md (code K110, with the place)."""

    code = "K110"
    reason = "bad_gold"


def load_gold(path: str | Path | None = None) -> list[GoldDoc]:
    """Read and validate the gold file (default: :func:`default_gold_path`).

    Raises :class:`GoldFormatError` naming the document and line when a record is malformed: an
    unknown label, a glued part not found in order, a trailing suffix that is not a suffix, etc.
    """
    p = Path(path) if path is not None else default_gold_path()
    try:
        fh = p.open(encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot read the gold file {p}: {e.strerror}", value=str(p)) from e
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise MalformedRecordError(f"{p}:{lineno}: not JSON ({e.msg})", value=lineno) from e
            if not isinstance(rec, dict):
                raise MalformedRecordError(f"{p}:{lineno}: not a JSON object", value=lineno)
            doc = parse_gold_record(rec, where=f"{p.name}:{lineno}")
            if doc.id in seen:
                raise GoldFormatError(f"{p.name}:{lineno}: duplicate document id {doc.id!r}", value=doc.id)
            seen.add(doc.id)
            docs.append(doc)
    return docs


def parse_gold_record(rec: dict[str, Any], where: str = "gold") -> GoldDoc:
    """Build a :class:`GoldDoc` from one decoded gold record (validating it)."""
    for key in ("id", "origin", "source", "url", "is_article", "lines"):
        if key not in rec:
            raise GoldFormatError(f"{where}: record without {key!r}", value=key)
    doc_id = str(rec["id"])
    origin = str(rec["origin"])
    here = f"{where} ({doc_id})"
    if not isinstance(rec["is_article"], bool):
        raise GoldFormatError(f"{here}: is_article must be true or false", value=rec["is_article"])
    raw_lines = rec["lines"]
    if not isinstance(raw_lines, list) or not raw_lines:
        raise GoldFormatError(f"{here}: lines must be a non-empty list", value=doc_id)

    lines: list[GoldLine] = []
    pos = 0
    for i, x in enumerate(raw_lines):
        if not isinstance(x, dict) or not isinstance(x.get("text"), str):
            raise GoldFormatError(f"{here} line {i}: a line needs a string 'text'", value=i)
        text: str = x["text"]
        label = x.get("label")
        if label not in GOLD_LABELS:
            raise GoldFormatError(f"{here} line {i}: unknown label {label!r}", value=label)
        glued = x.get("glued")
        glued_labels = x.get("glued_labels")
        if (glued is None) != (glued_labels is None):
            raise GoldFormatError(f"{here} line {i}: glued and glued_labels must come together", value=i)
        if glued is not None:
            if (
                not isinstance(glued, list)
                or len(glued) < 2
                or not all(isinstance(g, str) and g for g in glued)
            ):
                raise GoldFormatError(f"{here} line {i}: glued must be >= 2 non-empty strings", value=glued)
            if not isinstance(glued_labels, list) or len(glued_labels) != len(glued):
                raise GoldFormatError(
                    f"{here} line {i}: glued_labels must give one label per glued part", value=glued_labels
                )
            for gl in glued_labels:
                if gl not in GOLD_LABELS:
                    raise GoldFormatError(f"{here} line {i}: unknown glued label {gl!r}", value=gl)
        tb = x.get("trailing_boilerplate")
        if tb is not None and (not isinstance(tb, str) or not tb or not text.endswith(tb)):
            raise GoldFormatError(
                f"{here} line {i}: trailing_boilerplate is not a non-empty suffix of the line", value=tb
            )
        lines.append(
            GoldLine(
                text=text,
                label=label,
                raw_start=pos,
                raw_end=pos + len(text),
                glued=tuple(glued) if glued is not None else None,
                glued_labels=tuple(glued_labels) if glued_labels is not None else None,
                trailing_boilerplate=tb,
            )
        )
        pos += len(text) + 1
    raw = "\n".join(ln.text for ln in lines)
    units: list[Unit] = []
    for i, ln in enumerate(lines):
        units.extend(line_units(ln, i, origin, where=f"{here} line {i}"))
    return GoldDoc(
        id=doc_id,
        origin=origin,
        source=str(rec["source"]),
        url=str(rec["url"]),
        is_article=rec["is_article"],
        raw=raw,
        lines=tuple(lines),
        units=tuple(units),
    )


def line_units(line: GoldLine, line_index: int, origin: str, where: str = "gold") -> Iterator[Unit]:
    """The scoring units of one line, in order, by raw offsets.

    * plain line: the whole line, with its label;
    * ``glued``: one unit per part, each found in order in the line (minus the trailing
      boilerplate), labelled by ``glued_labels``;
    * ``trailing_boilerplate``: the suffix as a ``boilerplate`` unit and, when the line is not glued,
      the rest of the line (right-stripped) with the line's label.
    """
    text = line.text
    body_end = len(text)
    if line.trailing_boilerplate is not None:
        body_end = len(text) - len(line.trailing_boilerplate)
        while body_end > 0 and text[body_end - 1].isspace():
            body_end -= 1
        if body_end == 0:
            raise GoldFormatError(f"{where}: trailing_boilerplate leaves no content before it", value=text)
    body = text[:body_end]
    if line.glued is not None and line.glued_labels is not None:
        spans: list[tuple[int, int]] = []
        pos = 0
        for part in line.glued:
            j = body.find(part, pos)
            if j < 0:
                raise GoldFormatError(
                    f"{where}: glued part {part[:40]!r} not found in order in the line", value=part
                )
            spans.append((j, j + len(part)))
            pos = j + len(part)
        starts = [s for s, _ in spans] + [len(body)]
        ends = [0] + [e for _, e in spans]
        for gap in (body[a:b] for a, b in zip(ends, starts, strict=True)):
            if not _only_separators(gap):
                raise GoldFormatError(f"{where}: glued parts leave {gap[:40]!r} uncovered", value=gap)
        for (s, e), label in zip(spans, line.glued_labels, strict=True):
            yield Unit(line.raw_start + s, line.raw_start + e, label, line_index, origin)
    else:
        yield Unit(line.raw_start, line.raw_start + body_end, line.label, line_index, origin)
    if line.trailing_boilerplate is not None:
        start = line.raw_end - len(line.trailing_boilerplate)
        yield Unit(start, line.raw_end, "boilerplate", line_index, origin)


#: what may stand between glued parts (GUIDELINES.md section 2): whitespace and the separators | and /
_SEPARATORS = frozenset("|/")


def _only_separators(s: str) -> bool:
    return all(ch.isspace() or ch in _SEPARATORS for ch in s)


def gold_title(doc: GoldDoc) -> str | None:
    """The text of the document's title unit (the first, if several), or None when it has none."""
    for u in doc.units:
        if u.label == "title":
            return doc.raw[u.raw_start : u.raw_end]
    return None
