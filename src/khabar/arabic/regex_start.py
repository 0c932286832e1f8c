"""Faster scans of patterns that open with optional parts: a look-ahead for the characters a match can
start with.

Python's regular expression engine skips quickly to the places a match can start only when the pattern
opens with a literal or a character class. The date patterns open with a look-behind (a word start)
and optional trigger words, weekdays or brackets, so ``finditer`` tried the whole pattern at every
character of a text: a few hundred microseconds per pattern and article. :func:`with_start_class`
reads the parsed pattern, collects every character (literal, range, ``\\d``/``\\s``/``\\w``) a match
can begin with, and puts a look-ahead for them first: the same matches (a match's first character is
always in the class, and the look-ahead consumes nothing), found with one class test at the other
positions. A pattern it cannot bound (a negated class, ``.``, a back-reference, local flags, a match
that may be empty) is returned unchanged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

__all__ = ["lazy_pattern", "lazy_scan", "start_class", "with_start_class"]

_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s", C.CATEGORY_WORD: r"\w"}
#: (parts of a character class, whether what was read may match nothing); parts None: unbounded
_First = tuple[list[str] | None, bool]


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _seq(items: list[tuple[Any, Any]]) -> _First:
    """The first characters of a sequence of pattern items, and whether it may match nothing."""
    out: list[str] = []
    for op, av in items:
        got, nullable = _item(op, av)
        if got is None:
            return None, False
        out.extend(got)
        if not nullable:
            return out, False
    return out, True


def _item(op: Any, av: Any) -> _First:
    if op is C.LITERAL:
        return [_char(av)], False
    if op is C.IN:
        parts: list[str] = []
        for o, a in av:
            if o is C.LITERAL:
                parts.append(_char(a))
            elif o is C.RANGE:
                parts.append(f"{_char(a[0])}-{_char(a[1])}")
            elif o is C.CATEGORY and a in _CATEGORIES:
                parts.append(_CATEGORIES[a])
            else:  # a negated class, another category
                return None, False
        return parts, False
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:  # (?i:…): the look-ahead would not share the local flags
            return None, False
        return _seq(list(sub))
    if op is C.BRANCH:
        parts, nullable = [], False
        for alt in av[1]:
            got, n = _seq(list(alt))
            if got is None:
                return None, False
            parts.extend(got)
            nullable = nullable or n
        return parts, nullable
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)):
        lo, _hi, sub = av
        got, n = _seq(list(sub))
        return (None, False) if got is None else (got, n or lo == 0)
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return [], True  # zero-width: the character after it opens the match
    return None, False  # ., a back-reference, an atomic group …: not bounded here


def start_class(rx: re.Pattern[str]) -> str | None:
    """A character class (``[…]``) holding every character a match of ``rx`` can start with, or None
    when that cannot be bounded (see the module docstring)."""
    return _class_of(rx.pattern, rx.flags)


def _class_of(pattern: str, flags: int) -> str | None:
    parts, nullable = _seq(list(P.parse(pattern, flags)))
    if parts is None or nullable or not parts:
        return None
    return "[" + "".join(dict.fromkeys(parts)) + "]"


def with_start_class(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` with a look-ahead for :func:`start_class` first (same flags, groups and matches), or
    ``rx`` itself when no class bounds its starts."""
    cls = start_class(rx)
    if cls is None:
        return rx
    return re.compile(f"(?={cls})(?:{rx.pattern})", rx.flags)


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that returns ``re.compile(pattern, flags)``, compiled on its first call.

    For a module with many large patterns of which a run may need few (the date mentions: a text
    without a four-digit number never runs the Gregorian scans): compiling is Python code in
    ``re._parser`` and ``re._compiler``, 1 to 5 ms for each of those patterns."""
    return functools.cache(lambda: re.compile(pattern, flags))


def lazy_scan(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """:func:`lazy_pattern` of :func:`with_start_class`: the same pattern on its first call,
    compiled once (its start class is read from the parsed string, with no compile before)."""

    def compiled() -> re.Pattern[str]:
        cls = _class_of(pattern, flags)
        return re.compile(pattern if cls is None else f"(?={cls})(?:{pattern})", flags)

    return functools.cache(compiled)
