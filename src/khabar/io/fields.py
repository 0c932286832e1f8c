"""Records from JSON objects: the id, the text and the meta fields of an input object (the
SaudiNewsNet layout as :func:`compose_saudinewsnet`), each missing or mistyped field a reject that
names it.
"""

from __future__ import annotations

from typing import Any

from khabar.errors import (
    EmptyInputError,
    KhabarError,
    MalformedRecordError,
    MissingFieldError,
)
from khabar.io.decode import scrub_surrogates
from khabar.io.input_date import INPUT_DATE_KEY, find_input_date, get_path
from khabar.io.records import Item, RawRecord, Reject
from khabar.io.sources import ReadOptions, plural
from khabar.model import Source, site_of

_MISSING = object()


# -- records from JSON objects ---------------------------------------------------------------------------
def _get_path(obj: dict[str, Any], path: str) -> Any:
    """``obj[path]`` or its dotted path, or ``_MISSING`` (a field may hold None)."""
    return get_path(obj, path, _MISSING)


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


def _record_id(obj: dict[str, Any], default_id: str, label: str, opts: ReadOptions) -> str:
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


def _record_text(obj: dict[str, Any], label: str, opts: ReadOptions) -> str:
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


def record_from_obj(
    obj: Any, *, default_id: str, where: str, label: str, fmt: str, opts: ReadOptions, warnings: list[str]
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
        replaced = plural(bad + bad_meta, "invalid UTF-8 byte")
        warnings = [*warnings, f"{label}: {replaced} replaced with U+FFFD"]
    return RawRecord(id=rid, raw=text, source=_source(obj, fmt, where), meta=meta, warnings=warnings)
