"""The input's own date: what fills ``Document.published`` when the page itself gives none.

Crawled records often carry a date beside the page: SaudiNewsNet's ``date_extracted``, a JSON Lines
``published``/``date``/``pubdate`` field, CulturaX/OSCAR-style ``metadata.date``, mC4's ``timestamp``, a
WARC record's ``WARC-Date``. The readers take the first such field that holds a date
(``khabar/data/input_date_fields.tsv`` lists them, in order of preference, each with its *kind*) and keep
it in ``Document.meta["input_date"]`` as ``{"date", "source", "kind"}``; ``--date-field NAME[:kind]``
names the field instead (``--date-field none``: no input date at all).

How it is used (:func:`anchor_published`, called where the page's own date has been read):

* a date the page gives (HTML meta, JSON-LD, a visible date line, a dateline) always wins:
  ``published_source`` is ``"page"``;
* otherwise ``published`` is the input's date and ``published_source`` says where it came from:
  ``"input:<field>"`` (``"input:date_extracted"``) or ``"warc-date"``;
* a *crawl* date (kind ``crawl``: when the page was fetched, not written) is a weaker anchor: it is an
  upper bound of the publication date, which for a daily crawl is the same day or a day or so before.
  It still fills ``published`` (so date filters and charts work) and relative dates (أمس، اليوم، الاثنين)
  are resolved against it, on or before it; each resolved relative DATE span carries ``anchor`` (the
  ``published_source``) and ``anchor_kind`` (``crawl``), so a reader can tell a date read off the page
  from one counted from a crawl;
* when the text itself names the day it was written in a relative day with its weekday ("اليوم الأحد",
  "أمس السبت", "غداً الاثنين"), the day with that weekday in the week up to the crawl date is the
  publication date: ``published_source`` is then ``"text:weekday"``
  (:func:`khabar.arabic.dates.implied_publication_date`; a publication date from the input or the page is
  never moved).

Values that are not dates (``"unknown"``, ``"0000-00-00"``, a number that is no plausible time stamp)
never stop a record: they leave ``published`` to the page and add a record warning.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from khabar.errors import UsageError

__all__ = [
    "DATE_KINDS",
    "INPUT_DATE_KEY",
    "TEXT_WEEKDAY",
    "DateField",
    "anchor_kind",
    "anchor_published",
    "date_fields_arg",
    "default_date_fields",
    "find_input_date",
    "get_path",
    "value_date",
    "warc_input_date",
]

#: what an input date can be: when the page was published, or when it was fetched
DATE_KINDS = ("publication", "crawl")
#: the ``Document.meta`` key holding the input's date (``{"date", "source", "kind"}``)
INPUT_DATE_KEY = "input_date"
#: the ``published_source`` of a crawl date moved to the day the text names ("اليوم الأحد")
TEXT_WEEKDAY = "text:weekday"
#: a page date this many days after a crawl date is impossible (the page was fetched before): warn
_CRAWL_SLACK_DAYS = 1
#: an ASCII ISO date at the start of a value, with a time or nothing after it
_ISO_DAY = re.compile(r"(19[0-9]{2}|20[0-9]{2}|2100)-([0-9]{2})-([0-9]{2})(?:[T ]|$)")
#: epoch time stamps accepted as dates (seconds or milliseconds since 1970): 1990 … 2100
_EPOCH_MIN, _EPOCH_MAX = 631152000, 4102444800


@dataclass(frozen=True, slots=True)
class DateField:
    """An input field (a dotted path for nested objects) that may hold the record's date, and its kind."""

    name: str
    kind: str = "publication"

    @property
    def source(self) -> str:
        """The ``published_source`` a date from this field gives: ``input:<name>``."""
        return f"input:{self.name}"


@cache
def default_date_fields() -> tuple[DateField, ...]:
    """The fields read when ``--date-field`` is not given (``data/input_date_fields.tsv``), in order."""
    from khabar import data

    out: list[DateField] = []
    for n, cols in data.rows("input_date_fields.tsv", columns=(2, 3)):
        name, kind = cols[:2]
        if kind not in DATE_KINDS:
            raise data.bad_row("input_date_fields.tsv", n, f"kind of {name!r} not one of {DATE_KINDS}", kind)
        out.append(DateField(name, kind))
    return tuple(out)


def date_fields_arg(spec: str | None) -> tuple[DateField, ...] | None:
    """The fields ``--date-field SPEC`` names: None (not given: the defaults), ``()`` for ``none``, or
    one field. ``SPEC`` is ``NAME`` or ``NAME:kind``; a listed field keeps its listed kind unless
    ``:kind`` says otherwise, an unlisted one is a publication date."""
    if spec is None:
        return None
    spec = spec.strip()
    if spec.lower() == "none":
        return ()
    name, sep, kind = spec.rpartition(":")
    if not sep or kind not in DATE_KINDS:
        name, kind = spec, ""
    if not name:
        raise UsageError("--date-field needs a field name (or 'none')", value=spec)
    listed = {f.name: f.kind for f in default_date_fields()}
    return (DateField(name, kind or listed.get(name, "publication")),)


def value_date(value: Any) -> str | None:
    """The ISO date (``YYYY-MM-DD``) of an input field's value, or None when it holds no date.

    Strings: ISO 8601 (``2015-07-21 02:51:41``, ``2021-09-14T10:00:00Z``), ``20210914``, RFC 2822
    (``Tue, 14 Sep 2021 …``) or a written date (``14 أيلول 2021``), taken as written (no time-zone shift).
    Numbers: epoch seconds or milliseconds (UTC)."""
    from khabar.arabic.dates import iso_date

    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        secs = float(value)
        if secs > _EPOCH_MAX:
            secs /= 1000.0
        if not _EPOCH_MIN <= secs <= _EPOCH_MAX:
            return None
        return _dt.datetime.fromtimestamp(secs, _dt.timezone.utc).date().isoformat()
    if isinstance(value, str) and value.strip():
        m = _ISO_DAY.match(value)
        if m:  # the common case, "2015-07-21 02:51:41": no need for the general reader
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                return None
        return iso_date(value[:200])
    return None


def get_path(obj: dict[str, Any], path: str, missing: Any = None) -> Any:
    """``obj[path]``, or the dotted path (``metadata.source``) through nested objects, or ``missing``."""
    if path in obj:
        return obj[path]
    cur: Any = obj
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return missing
        cur = cur[part]
    return cur


def _shown(value: Any) -> str:
    s = repr(value)
    return s if len(s) <= 40 else s[:37] + "…"


def find_input_date(
    obj: dict[str, Any], fields: Sequence[DateField] | None, label: str
) -> tuple[dict[str, str] | None, list[str]]:
    """The record's own date from the JSON object ``obj`` (``{"date", "source", "kind"}``) and the
    warnings reading it gave: a field holding something that is not a date is skipped with a warning (the
    next listed field may still give the date); a field named with ``--date-field`` and absent is one too.
    """
    named = fields is not None
    warnings: list[str] = []
    for f in default_date_fields() if fields is None else fields:
        value = get_path(obj, f.name)
        if value is None or value == "":
            if named:
                warnings.append(f"{label}: no date in the field {f.name!r} named by --date-field")
            continue
        iso = value_date(value)
        if iso is None:
            warnings.append(
                f"{label}: the input's {f.name} is {_shown(value)}, not a date; published is left to the page"
            )
            continue
        return {"date": iso, "source": f.source, "kind": f.kind}, warnings
    return None, warnings


def warc_input_date(value: str | None) -> dict[str, str] | None:
    """The input date of a WARC record from its ``WARC-Date`` header (a crawl date), or None."""
    iso = value_date(value) if value else None
    return {"date": iso, "source": "warc-date", "kind": "crawl"} if iso else None


def anchor_published(doc: Any, page_date: str | None) -> None:
    """Set ``doc.published`` and ``doc.published_source``: the page's own date (``page_date``) first, else
    the input's date from ``doc.meta["input_date"]`` (or, when the readers did not set it, from the
    date fields of ``doc.meta`` itself), else None. A page date later than a crawl date
    (beyond a day) cannot be the publication date of a page fetched then: the record gets a warning, and
    the page's date is still kept (the page is the better witness of which day it means)."""
    given = doc.meta.get(INPUT_DATE_KEY)
    if given is None and doc.meta:
        # a caller of the Python API who passes the record's fields as meta (meta={"date_extracted": …})
        # gets what the readers give: the first listed date field that holds a date
        given, _ = find_input_date(doc.meta, None, "meta")
    inp = given if isinstance(given, dict) and isinstance(given.get("date"), str) else None
    if page_date:
        doc.published, doc.published_source = page_date, "page"
        if inp is not None and inp.get("kind") == "crawl":
            try:
                late = _dt.date.fromisoformat(page_date[:10]) - _dt.date.fromisoformat(inp["date"])
            except ValueError:
                return
            if late.days > _CRAWL_SLACK_DAYS:
                doc.warnings.append(
                    f"the page's date {page_date[:10]} is after the crawl date {inp['date']} "
                    f"({inp.get('source')}); kept the page's date"
                )
        return
    if inp is None:
        doc.published, doc.published_source = None, None
        return
    doc.published, doc.published_source = inp["date"], str(inp.get("source") or "input")
    if inp.get("kind") == "crawl" and doc.text:
        # the text may say which day it was written ("اليوم الأحد", "أمس السبت"): within the week before
        # the crawl date, that day is the publication date
        from khabar.arabic.dates import implied_publication_date

        said = implied_publication_date(doc.text, inp["date"])
        if said is not None:
            doc.published, doc.published_source = said, TEXT_WEEKDAY


def anchor_kind(doc: Any) -> str:
    """``crawl`` when ``doc.published`` is the input's crawl date (an upper bound of the day the text
    was written), else ``publication``."""
    given = doc.meta.get(INPUT_DATE_KEY)
    if (
        isinstance(given, dict)
        and given.get("kind") == "crawl"
        and given.get("source") == doc.published_source
    ):
        return "crawl"
    return "publication"
