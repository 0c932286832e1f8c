"""Arabic for the web UI: labels for the codes khabar stores (PLOVER types and modes, ref kinds) and
counted nouns with Arabic number agreement.

Arabic counts agree with the number (CLDR's plural categories for Arabic): 0 → "لا نتائج", 1 → "نتيجة
واحدة", 2 → the dual "نتيجتان", 3–10 → the plural "3 نتائج", 11–99 → the singular "11 نتيجة", 100, 101,
102 … → the singular again "100 نتيجة" (the hundreds take the categories of their last two digits).
"""

from __future__ import annotations

import functools

__all__ = ["NOUNS", "count", "country_name", "display_url", "label", "plural_category", "site_name"]

#: counted nouns: singular, dual, plural, and the adjective "one" that agrees with the singular
NOUNS: dict[str, tuple[str, str, str, str]] = {
    "result": ("نتيجة", "نتيجتان", "نتائج", "واحدة"),
    "document": ("وثيقة", "وثيقتان", "وثائق", "واحدة"),
    "entity": ("كيان", "كيانان", "كيانات", "واحد"),
    "event": ("حدث", "حدثان", "أحداث", "واحد"),
    "date": ("تاريخ", "تاريخان", "تواريخ", "واحد"),
    "quantity": ("كمية", "كميتان", "كميات", "واحدة"),
    "mention": ("موضع", "موضعان", "مواضع", "واحد"),
    "removed_line": ("سطر محذوف", "سطران محذوفان", "أسطر محذوفة", ""),
    "person": ("شخص", "شخصان", "أشخاص", "واحد"),
    "place": ("مكان", "مكانان", "أماكن", "واحد"),
}


def plural_category(n: int) -> str:
    """CLDR's Arabic plural category of ``n``: zero, one, two, few, many or other."""
    n = abs(int(n))
    if n == 0:
        return "zero"
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


def count(n: int, noun: str) -> str:
    """``n`` of ``noun`` (a key of :data:`NOUNS`) with Arabic number agreement."""
    sing, dual, plur, one = NOUNS[noun]
    cat = plural_category(n)
    if cat == "zero":
        return f"لا {plur}"
    if cat == "one":
        return f"{sing} {one}".rstrip()
    if cat == "two":
        return dual
    if cat == "few":
        return f"{n:,} {plur}"
    return f"{n:,} {sing}"


@functools.cache
def _labels() -> dict[tuple[str, str], str]:
    from khabar import data

    out = {(c[0], c[1]): c[2] for _, c in data.rows("labels_ar.tsv", columns=3)}
    # roles (president, crown prince …) by the first Arabic phrase roles_ar.tsv gives them
    for _, c in data.rows("roles_ar.tsv", columns=(3, 4)):
        out.setdefault(("role", c[1]), c[0])
    return out


def label(group: str, code: str | None) -> str:
    """The Arabic label of ``code`` in ``group`` (type, mode, kind, role); the code itself when there is
    none."""
    if not code:
        return ""
    return _labels().get((group, code), code)


@functools.lru_cache(maxsize=4096)
def site_name(site: str | None) -> str:
    """A record's site as readers know it: the outlet's Arabic name for a known outlet (SaudiNewsNet's
    ``alriyadh`` → الرياض, ``was`` → واس; ``outlets_ar.tsv``), else the site as stored (a host name)."""
    if not site:
        return ""
    from khabar.extract.places import outlet_of

    outlet = outlet_of(site)
    return outlet.names[0] if outlet is not None and outlet.names else site


@functools.lru_cache(maxsize=512)
def country_name(code: str | None) -> str:
    """A country's Arabic name from its ISO code (``SA`` → السعودية; the gazetteer's country entries),
    else the code as stored."""
    if not code:
        return ""
    from khabar.extract.places import load_gazetteer

    place = load_gazetteer().countries.get(code.upper())
    return place.name_ar if place is not None and place.name_ar else code


def display_url(url: str | None) -> str:
    """A URL as a reader reads it: percent-encoded Arabic decoded (``/%D8%A3%D9%88…`` → ``/أوباما…``),
    the scheme and ``www.`` left out. For display only; links keep the URL as stored."""
    if not url:
        return ""
    from urllib.parse import unquote

    text = unquote(url, errors="replace")
    for prefix in ("https://", "http://"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text.removeprefix("www.")
