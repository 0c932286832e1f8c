"""The repair passes of :func:`khabar.clean.repair.repair`, each a function from the current text to
sorted, non-overlapping edits ``(start, end, replacement)``: mojibake (ftfy's encoding repairs, and the
cp1256 runs it misses), HTML entities, presentation forms, bidi marks and invisible joiners, odd and
doubled spaces, non-NFC clusters, words glued at a teh marbuta or alef maqsura, and the ends stripped;
with the character classes they are written with and the fast test that a line needs none of them
(:func:`maybe_dirty`)."""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable
from html.entities import html5 as _HTML5

_Edit = tuple[int, int, str]


# -- character classes -----------------------------------------------------------------------------
def _cls(chars: Iterable[str]) -> str:
    """A regex character class body for ``chars``."""
    return "".join(re.escape(c) for c in sorted(set(chars)))


# Python's regex engine scans fast for a pattern that starts with a character class and slowly for
# an alternation or a negated class (like [^\S ]), so the patterns below that run on every line start
# with a class and check what follows with a lookbehind on the character just matched.

# Mojibake telltales are derived from the codecs themselves, not written by hand: a UTF-8 lead byte
# (0xC2–0xF4) followed by a continuation byte (0x80–0xBF), as they look when the bytes were decoded
# as Latin-1 / cp1252 (``Ø§`` for ``ا``) or as cp1256 (``ط§`` for ``ا``).
_CONT = bytes(range(0x80, 0xC0))
_LEAD_LATIN = _cls(bytes(range(0xC2, 0xF5)).decode("latin-1"))
_CONT_LATIN = _cls(_CONT.decode("latin-1") + _CONT.decode("cp1252", errors="ignore"))
# UTF-8 lead bytes of U+0600–U+06FF (0xD8–0xDB) read as cp1256: ط ظ ع غ
_LEAD_1256 = _cls(bytes(range(0xD8, 0xDC)).decode("cp1256"))
_CONT_1256 = _cls(_CONT.decode("cp1256"))
_MOJIBAKE_1256_RUN_RE = re.compile(f"(?:[{_LEAD_1256}][{_CONT_1256}])+")
# cp1256 *bytes* read as Latin-1/cp1252 look like runs of accented Latin letters (``ÇáÚÑÈíÉ``)
_HIGH_LATIN = "\u00c0-\u00ff"
_MOJIBAKE_LATIN_RE = re.compile(f"[{_LEAD_LATIN}][{_CONT_LATIN}]")
# Two pairs in a row, not one: the cp1256 continuation characters include « » ، ؛ ؟ and NBSP, so a
# single pair (``«الربيع»``, ``ضبط،``) is everyday Arabic, while any mojibaked word of two letters
# or more gives two pairs.
_MOJIBAKE_1256_TAIL = f"[{_CONT_1256}][{_LEAD_1256}][{_CONT_1256}]"  # after a lead character
_MOJIBAKE_1256 = f"[{_LEAD_1256}]{_MOJIBAKE_1256_TAIL}"
_MOJIBAKE_1256_RE = re.compile(_MOJIBAKE_1256)
_HIGH_LATIN_RUN_RE = re.compile(f"[{_HIGH_LATIN}]{{3}}")
# one scan for any of the three
_MOJIBAKE_RE = re.compile(
    f"[{_HIGH_LATIN}{_LEAD_1256}]"
    f"(?:(?<=[{_LEAD_LATIN}])[{_CONT_LATIN}]"
    f"|(?<=[{_LEAD_1256}]){_MOJIBAKE_1256_TAIL}"
    f"|[{_HIGH_LATIN}]{{2}})"
)

_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")

# Arabic Presentation Forms-A and -B; U+FEFF (BOM) is in that block but is an invisible mark
_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefe"
_PRESENTATION_RE = re.compile(f"[{_PRESENTATION}]")

# marks with no visible effect in Arabic text: LRM, RLM, ALM, bidi embeddings/overrides/isolates,
# BOM/ZWNBSP, soft hyphen, ZWSP
_INVISIBLE = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u00ad\u200b"
_JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ: see _invisible_edits
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}{_JOINERS}][{_INVISIBLE}{_JOINERS}]*")  # not [..]+: see above

# whitespace other than the ASCII space, spelled out (str.isspace, the same set as \s and str.strip)
_ODD_SPACE = _cls(ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch != " ")
_ODD_SPACE_RE = re.compile(f"[{_ODD_SPACE}]")
_SPACE_RUN_RE = re.compile(r"\s+")

_ARABIC_LETTER = "\u0621-\u064a"
_ARABIC_MARKS = "\u064b-\u065f\u0670"
# Teh marbuta and alef maksura only ever end a word, so a letter right after them (diacritics
# allowed in between) starts the next word. Not any letter of U+0621–U+064A, though: a word never
# starts with a bare hamza ء (while ىء is a common spelling of ئ: شىء, مفاجىء, بطىء) nor with ة or ى
# themselves (ىة is a typo, not two words); tatweel ـ (U+0640) is no letter; U+063B–U+063F are
# extension letters that Arabic does not use.
_WORD_START = "\u0622-\u0628\u062a-\u063a\u0641-\u0648\u064a"
_GLUED_RE = re.compile(f"[\u0629\u0649][{_ARABIC_MARKS}]*(?=[{_WORD_START}])")
# Uyghur (and Kazakh/Kyrgyz in Arabic script) write U+0649 inside words; their vowel letters
# U+06C6–U+06D5 never occur in Arabic, so a line that has them is left unglued
_NOT_ARABIC_ORTHOGRAPHY_RE = re.compile("[\u06c6-\u06d5]")

# The fast path: may any repair apply? One character that is always repaired (or, for ``&`` and
# accented Latin letters, worth a closer look), a glue point, or a cp1256 mojibake telltale. Double
# spaces and NFC are checked apart, with ``in`` and unicodedata.is_normalized.
_SUSPECT = f"{_PRESENTATION}{_INVISIBLE}{_JOINERS}{_ODD_SPACE}{_HIGH_LATIN}&"
_MAYBE_DIRTY_RE = re.compile(
    f"[{_SUSPECT}\u0629\u0649{_LEAD_1256}]"
    f"(?:(?<=[{_SUSPECT}])"
    f"|(?<=[\u0629\u0649])[{_ARABIC_MARKS}]*[{_WORD_START}]"
    f"|(?<=[{_LEAD_1256}]){_MOJIBAKE_1256_TAIL})"
)


# the same test for a whole document: line breaks are not faults there (lines are split on them and
# stripped), nor are the spaces that end or start a line
_DOC_SUSPECT = _SUSPECT.replace("\n", "").replace("\r", "")
_DOC_DIRTY_RE = re.compile(
    f"[{_DOC_SUSPECT}\u0629\u0649{_LEAD_1256}]"
    f"(?:(?<=[{_DOC_SUSPECT}])"
    f"|(?<=[\u0629\u0649])[{_ARABIC_MARKS}]*[{_WORD_START}]"
    f"|(?<=[{_LEAD_1256}]){_MOJIBAKE_1256_TAIL})"
)


def maybe_dirty(raw: str) -> bool:
    """Whether any repair may apply to some line of ``raw`` (a cheap test over the whole document;
    false means every line is clean once stripped)."""
    return bool(
        _DOC_DIRTY_RE.search(raw)
        or ("  " in raw and _has_inner_double_space(raw))
        or not unicodedata.is_normalized("NFC", raw)
    )


def _has_inner_double_space(raw: str) -> bool:
    """A run of spaces inside a line (runs at a line's ends are stripped, not repaired)."""
    return any("  " in line.strip() for line in raw.split("\n"))


def _maybe_dirty(text: str) -> bool:
    return bool("  " in text or _MAYBE_DIRTY_RE.search(text) or not unicodedata.is_normalized("NFC", text))


@functools.cache
def _ftfy() -> Callable[[str], str]:
    """ftfy's ``fix_encoding`` with the configuration khabar runs it with, imported on the first line
    with a mojibake telltale: ftfy costs 0.06 s to import, and most runs never meet such a line."""
    import ftfy

    config = ftfy.TextFixerConfig(
        # only the encoding repairs: everything else is done here, with offsets, or not at all
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return functools.partial(ftfy.fix_encoding, config=config)


# -- passes: each returns sorted, non-overlapping edits of the current text ------------------------
def _is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a"


def _letter_counts(text: str) -> tuple[int, int, int]:
    """(letters, Latin-1 letters U+00C0–U+00FF, Arabic letters) in ``text``."""
    letters = high = arabic = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if "\u00c0" <= ch <= "\u00ff":
                high += 1
            elif "\u0600" <= ch <= "\u06ff":
                arabic += 1
    return letters, high, arabic


def _mojibake_edits(text: str) -> list[_Edit]:
    if not _MOJIBAKE_RE.search(text):
        return []
    # 1. UTF-8 read as Latin-1/cp1252 (and other single-byte code pages): ftfy's job. It gives no
    #    alignment, so the whole line becomes one replacement. (ftfy costs ~0.3 ms on a clean 2,000
    #    character line, hence its own telltale.)
    if _MOJIBAKE_LATIN_RE.search(text):
        fix_encoding = _ftfy()  # (outside the try: a missing ftfy is an installation error)
        try:
            fixed = fix_encoding(text)
        except Exception:  # a heuristic third-party fixer must never take a corpus run down
            fixed = text
        if fixed != text:
            return [(0, len(text), fixed)]

    # 2. UTF-8 read as cp1256, which ftfy does not try. Every lead+continuation pair re-encodes to a
    #    valid 2-byte sequence, so the codec round trip alone proves little: require a run of two
    #    pairs (the telltale) and three pairs in all. Each run is its own replacement.
    if _MOJIBAKE_1256_RE.search(text):
        runs = list(_MOJIBAKE_1256_RUN_RE.finditer(text))
        if sum(len(m.group()) for m in runs) >= 6:
            edits = []
            for m in runs:
                try:
                    edits.append((m.start(), m.end(), m.group().encode("cp1256").decode("utf-8")))
                except UnicodeError:
                    return []
            return edits

    # 3. cp1256 bytes read as Latin-1/cp1252 (``ÇáÚÑÈíÉ``): a plain re-decoding, taken only when the
    #    line is mostly accented Latin letters, which no European language is, and the result is
    #    mostly Arabic.
    if not _HIGH_LATIN_RUN_RE.search(text):
        return []
    letters, high, arabic = _letter_counts(text)
    if arabic or high < 4 or high < 0.7 * letters:
        return []
    for enc in ("cp1252", "latin-1"):
        try:
            decoded = text.encode(enc).decode("cp1256")
        except UnicodeError:
            continue
        d_letters, _, d_arabic = _letter_counts(decoded)
        if d_arabic >= 0.7 * d_letters:
            return [(0, len(text), decoded)]
        return []
    return []


def _entity_edits(text: str) -> list[_Edit]:
    if "&" not in text:
        return []
    edits = []
    for m in _ENTITY_RE.finditer(text):
        ent = m.group()
        # html.unescape applies the HTML5 rules for numeric references (cp1252 remapping of
        # 0x80–0x9F, U+FFFD for invalid code points); names are looked up whole, because
        # html.unescape would also decode legacy prefixes (``&notit;`` → ``¬it;``) and unknown names
        # must stay as they are
        repl = html.unescape(ent) if ent[1] == "#" else _HTML5.get(ent[1:], ent)
        if repl != ent:
            edits.append((m.start(), m.end(), repl))
    return edits


def _presentation_edits(text: str) -> list[_Edit]:
    edits = []
    for m in _PRESENTATION_RE.finditer(text):
        repl = unicodedata.normalize("NFKC", m.group())
        if repl[:1] == " " and len(repl) > 1:
            # the isolated forms of the harakat (ﹰ → " ً") and the shadda ligatures (ﱞ → " ٌّ") put the
            # mark on a space to show it alone; in running text the glyph follows its letter
            repl = repl[1:]
        if repl != m.group():  # U+FDD0–U+FDEF are noncharacters and stay
            edits.append((m.start(), m.end(), repl))
    return edits


def _joiner_context_ok(ch: str | None) -> bool:
    """Whether a joiner next to ``ch`` (None: line edge) is safe to delete."""
    return ch is None or ch.isspace() or _is_arabic_letter(ch)


#: letters Persian and Urdu write and Arabic does not (پ چ ژ گ, the Persian kaf and yeh ک ی, Urdu's ٹ ڈ
#: ڑ ں ھ ہ ے ۃ): a line holding one is Persian or Urdu, where ZWNJ between letters is spelling
#: (می‌خواهم، کتاب‌ها) and must stay, not copy-paste noise as in Arabic
_PERSO_URDU_RE = re.compile(
    "[\u067e\u0686\u0698\u06af\u06a9\u06cc"  # پ چ ژ گ ک ی
    "\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2\u06c3]"  # ٹ ڈ ڑ ں ھ ہ ے ۃ
)


def _invisible_edits(text: str) -> list[_Edit]:
    edits = []
    n = len(text)
    perso_urdu = _PERSO_URDU_RE.search(text) is not None
    for m in _INVISIBLE_RE.finditer(text):
        run = m.group()
        keep = "".join(ch for ch in run if ch in _JOINERS)
        if keep:
            # ZWJ/ZWNJ shape Persian, Urdu and Indic words (ZWNJ in Persian می‌خواهم, ZWJ in Indic
            # conjuncts) and must stay there; next to an Arabic letter or a space (or the line edge)
            # they only ever come from copy-paste and would break matching, so they go
            before = text[m.start() - 1] if m.start() > 0 else None
            after = text[m.end()] if m.end() < n else None
            if perso_urdu:
                # Persian or Urdu: a joiner between two letters is spelling; at a space or an edge,
                # noise
                if not (before and after and before.isalpha() and after.isalpha()):
                    keep = ""
            elif _joiner_context_ok(before) or _joiner_context_ok(after):
                keep = ""
        if keep != run:
            edits.append((m.start(), m.end(), keep))
    return edits


def _space_run_end(text: str, pos: int) -> int:
    """End of the whitespace run starting at ``pos``."""
    m = _SPACE_RUN_RE.match(text, pos)
    return m.end() if m else pos


def _whitespace_edits(text: str) -> list[_Edit]:
    # seeds (odd spaces and double spaces, both found by fast scans) grow into whitespace runs;
    # a regex over every space of the line would cost more than the whole fast path
    seeds = [m.start() for m in _ODD_SPACE_RE.finditer(text)]
    i = text.find("  ")
    while i >= 0:
        seeds.append(i)
        i = text.find("  ", _space_run_end(text, i))
    if not seeds:
        return []
    seeds.sort()
    edits: list[_Edit] = []
    end = -1
    for p in seeds:
        if p < end:  # inside the run just replaced
            continue
        start = p
        while start > 0 and text[start - 1].isspace():
            start -= 1
        end = _space_run_end(text, p)
        if end - start != 1 or text[start] != " ":
            edits.append((start, end, " "))
    return edits


@functools.cache
def _composes_backward() -> frozenset[str]:
    """Starters (ccc 0) that NFC can still compose with the character before them.

    The second halves of canonical pairs (some Indic and Sinhala vowel signs, ...) and the Hangul
    vowel and trailing-consonant jamo (composed algorithmically, so not in the decomposition data).
    Built from :mod:`unicodedata` on the first non-NFC line (a fraction of a second, once).
    """
    chars = {chr(c) for c in range(0x1161, 0x1176)} | {chr(c) for c in range(0x11A8, 0x11C3)}
    for cp in range(0x110000):
        dec = unicodedata.decomposition(chr(cp))
        if dec and not dec.startswith("<"):
            parts = dec.split()
            if len(parts) == 2:
                second = chr(int(parts[1], 16))
                if not unicodedata.combining(second):
                    chars.add(second)
    return frozenset(chars)


# a base character and the combining marks after it, for the common scripts (Latin, Arabic,
# Hebrew); lines whose NFC needs anything else (Hangul, Indic) take the general path below
_MARK_CLUSTER = re.compile(
    "[^\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
    "[\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+"
)


def _nfc_edits(text: str) -> list[_Edit]:
    if unicodedata.is_normalized("NFC", text):
        return []
    target = unicodedata.normalize("NFC", text)
    # fast path: mark order (shadda typed before the vowel) is what usually breaks NFC in Arabic
    fast: list[_Edit] = []
    for m in _MARK_CLUSTER.finditer(text):
        c = m.group()
        if not unicodedata.is_normalized("NFC", c):
            fast.append((m.start(), m.end(), unicodedata.normalize("NFC", c)))
    if _apply_text(text, fast) == target:
        return fast
    # normalise per cluster (a starter and what may compose or reorder with it) so that only the
    # clusters that change become replacements. A Python loop is fine: this line is the rare one.
    backward = _composes_backward()
    starts = [i for i, ch in enumerate(text) if i == 0 or not (unicodedata.combining(ch) or ch in backward)]
    starts.append(len(text))
    edits: list[_Edit] = []
    for a, b in itertools.pairwise(starts):
        cluster = text[a:b]
        if not unicodedata.is_normalized("NFC", cluster):
            edits.append((a, b, unicodedata.normalize("NFC", cluster)))
    # a safety net: should the clusters not add up to the NFC of the line, replace it whole
    if _apply_text(text, edits) != target:
        return [(0, len(text), target)]
    return edits


def _glue_edits(text: str) -> list[_Edit]:
    matches = list(_GLUED_RE.finditer(text))
    if not matches or _NOT_ARABIC_ORTHOGRAPHY_RE.search(text):
        return []
    return [(m.end(), m.end(), " ") for m in matches]


def _strip_edits(text: str) -> list[_Edit]:
    stripped = text.strip()
    if len(stripped) == len(text):
        return []
    if not stripped:
        return [(0, len(text), "")]
    lead = len(text) - len(text.lstrip())
    tail = lead + len(stripped)
    edits: list[_Edit] = []
    if lead:
        edits.append((0, lead, ""))
    if tail < len(text):
        edits.append((tail, len(text), ""))
    return edits


_PASSES: tuple[tuple[str, Callable[[str], list[_Edit]]], ...] = (
    ("mojibake", _mojibake_edits),
    ("html_entity", _entity_edits),
    ("presentation_forms", _presentation_edits),
    ("invisible", _invisible_edits),
    ("whitespace", _whitespace_edits),
    ("nfc", _nfc_edits),
    ("glued", _glue_edits),
    ("whitespace", _strip_edits),  # repairs can leave a space at either end
)


# -- applying edits --------------------------------------------------------------------------------
def _apply_text(text: str, edits: list[_Edit]) -> str:
    parts = []
    pos = 0
    for s, e, r in edits:
        parts.append(text[pos:s])
        parts.append(r)
        pos = e
    parts.append(text[pos:])
    return "".join(parts)
