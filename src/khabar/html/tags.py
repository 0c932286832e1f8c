"""HTML's element classes as the DOM pass needs them: what is not rendered text, what is void, what is
inline, which end tags an opening tag implies, where implied ends stop, the heading levels.

Tables of the HTML standard (WHATWG "HTML", §13.1.2 elements and §13.2.6 optional end tags, as far as a
text extractor needs them), kept apart from the walker in :mod:`khabar.html.dom` that reads them.
"""

from __future__ import annotations

__all__ = [
    "CELL",
    "CLOSES_P",
    "HEADINGS",
    "IMPLIED_BY",
    "INLINE",
    "NO_BREAK",
    "RAW_SKIP",
    "RAW_TEXT",
    "SCOPE",
    "VOID",
]

#: elements whose content is not rendered text (skipped up to their end tag)
RAW_SKIP = frozenset(
    {
        "script",
        "style",
        "template",
        "textarea",
        "title",
        "xmp",
        "noscript",
        "noembed",
        "noframes",
        "iframe",
        "svg",
        "math",
        "select",
        "button",
        "object",
        "canvas",
        "video",
        "audio",
        "map",
        "option",
        "datalist",
        "amp-analytics",
        "amp-ad",
        "amp-embed",
        "amp-social-share",
        "amp-state",
        "amp-script",
    }
)
#: ... of which these cannot hold markup at all: their end is found by a plain search
RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "noscript", "noembed", "noframes", "iframe"}
)
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
        "basefont",
        "bgsound",
        "frame",
        "spacer",
    }
)
#: inline elements: they do not break a block
INLINE = frozenset(
    {
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "mark",
        "nobr",
        "q",
        "rb",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "img",
        "wbr",
        "output",
        "amp-img",
        "picture",
        "source",
        "meter",
        "progress",
    }
)
#: table cells separate words, not blocks: a row is one block
CELL = frozenset({"td", "th"})
NO_BREAK = INLINE | CELL
#: end tags that an opening tag implies (HTML's optional end tags)
IMPLIED_BY: dict[str, frozenset[str]] = {
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "option": frozenset({"option"}),
}
#: elements that close an open <p> when they start
CLOSES_P = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
        "details",
        "dialog",
        "menu",
        "summary",
    }
)
#: where implied-end searches stop (an <li> does not close an <li> of an outer list)
SCOPE = frozenset({"ul", "ol", "table", "tbody", "thead", "tfoot", "dl", "div", "td", "th", "body", "html"})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
