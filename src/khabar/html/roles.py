"""The words of HTML attributes and tag names that say what part of a page an element is.

The vocabulary lives in ``khabar/data/html_roles_words.tsv`` (class/id words per chrome role, the
words that mark the article, Arabic accessible labels, tag and ARIA role names, hiding classes):
language and template data, kept out of the DOM walker so that a new CMS's class names are a line
in a data file, not a code change. Loaded once at import (262 rows), checked by
:func:`khabar.data.rows`; an unknown ``kind`` is an error naming the line.
"""

from __future__ import annotations

from typing import NamedTuple

from khabar.data import bad_row, rows

__all__ = [
    "ARABIC_ROLE",
    "CHROME_WORDS",
    "CONTENT_WORDS",
    "HIDDEN_CLASSES",
    "NOT_ONLY_CHROME",
    "ROLE_ATTR",
    "TAG_ROLE",
]

_FILE = "html_roles_words.tsv"


class _Vocabulary(NamedTuple):
    chrome: dict[str, str]
    content: frozenset[str]
    not_only_chrome: frozenset[str]
    arabic: tuple[tuple[str, str], ...]
    tags: dict[str, str]
    role_attr: dict[str, str]
    hidden: frozenset[str]


def _load() -> _Vocabulary:
    chrome: dict[str, str] = {}
    content: set[str] = set()
    not_only: set[str] = set()
    arabic: list[tuple[str, str]] = []
    tags: dict[str, str] = {}
    role_attr: dict[str, str] = {}
    hidden: set[str] = set()
    for row in rows(_FILE, columns=3):
        kind, word, role = row.cols
        if kind == "class_word":
            chrome[word] = role
        elif kind == "content_word":
            content.add(word)
        elif kind == "not_only_chrome":
            not_only.add(word)
        elif kind == "arabic_label":
            arabic.append((word, role))  # in file order: the first label found decides
        elif kind == "tag":
            tags[word] = role
        elif kind == "role_attr":
            role_attr[word] = role
        elif kind == "hidden_class":
            hidden.add(word)
        else:
            raise bad_row(_FILE, row.line, "unknown kind", kind)
    return _Vocabulary(
        chrome, frozenset(content), frozenset(not_only), tuple(arabic), tags, role_attr, frozenset(hidden)
    )


#: words of class and id names (split on - _ space, camelCase and digits) → the chrome role they name
#: words that mark the article itself; words that make a class name more than chrome; Arabic words in
#: aria-label / title / name attributes (Blogger widget names, accessible labels), first match wins;
#: element names and ARIA role values → role; whole class names that hide an element (words such as
#: "hidden" alone are too loose: Drupal's "field-label-hidden" hides a label, not the field)
CHROME_WORDS, CONTENT_WORDS, NOT_ONLY_CHROME, ARABIC_ROLE, TAG_ROLE, ROLE_ATTR, HIDDEN_CLASSES = _load()
