"""Language identification: Arabic, Persian, Urdu or another language, with a confidence.

Arabic-script crawls mix Arabic with Persian and Urdu pages, which share the script and most letters;
an Arabic pipeline must tell them apart (Persian keeps its zero-width non-joiners, its dates and
names are not Arabic ones). khabar uses CLD2 (``pycld2``: Google's compact language detector, compiled,
its tables inside the wheel: offline, a quarter of a millisecond per page) on the start of the
document's display text. CLD2 guesses wildly on a few words (two Arabic names read as Persian with
"95 %"), so below :data:`MIN_LETTERS` letters, and where it says "unknown", the script decides (the
letters Persian and Urdu write and Arabic does not), with a low confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LangResult", "identify"]

#: characters of a document the detector reads: the lead of a page says what language it is in, and
#: CLD2's time grows with the text
SAMPLE_CHARS = 700
#: fewer letters than this and CLD2 is not asked (about a dozen words)
MIN_LETTERS = 60
#: the confidence of a language read from the script alone, or from CLD2 when it is not sure
SCRIPT_CONFIDENCE = 0.5
#: share of the letters that are Latin from which a page is flagged ``mostly_latin``
LATIN_SHARE = 0.5

#: runs of letters of the Arabic script (base letters and presentation forms; not digits or marks)
_ARABIC_RUN = re.compile(
    "[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc]+"
)
_LATIN_RUN = re.compile("[A-Za-z\u00c0-\u024f]+")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_URDU = re.compile("[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2\u06c3]")  # ٹ ڈ ڑ ں ھ ہ ے ۃ
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc]")  # پ چ ژ گ ک ی
_TATWEEL = "\u0640"
#: CLD2's code for "not known"
_UNKNOWN = ("un", "xxx", "xx")


@dataclass(frozen=True, slots=True)
class LangResult:
    """``lang`` (ISO 639-1 where CLD2 has one; None for a text without letters), its ``confidence``
    (0..1) and the share of the letters that are Latin."""

    lang: str | None
    confidence: float
    latin_share: float

    @property
    def mostly_latin(self) -> bool:
        return self.latin_share >= LATIN_SHARE


def _count(rx: re.Pattern[str], text: str) -> int:
    # runs, not characters: a few hundred matches instead of thousands
    return sum(map(len, rx.findall(text)))


def _by_script(sample: str, arabic: int) -> str:
    """Arabic, Persian or Urdu from the letters alone."""
    urdu = len(_URDU.findall(sample))
    persian = len(_PERSIAN.findall(sample))
    if urdu and urdu >= 0.02 * arabic:
        return "ur"
    if persian and persian >= 0.02 * arabic:
        return "fa"
    return "ar"


def identify(text: str) -> LangResult:
    """The language of ``text`` (a document's display text)."""
    import pycld2

    sample = text[:SAMPLE_CHARS]
    if _TATWEEL in sample:
        sample = sample.replace(_TATWEEL, "")  # elongation hides words from CLD2 (يـا)
    arabic = _count(_ARABIC_RUN, sample)
    latin = _count(_LATIN_RUN, sample)
    # the two scripts of nearly every page here; only a page with neither has its other letters counted
    letters = arabic + latin or _count(_LETTER_RUN, sample)
    if letters == 0:
        return LangResult(None, 0.0, 0.0)
    latin_share = round(latin / letters, 3)

    def by_script() -> LangResult:
        # only where CLD2 is not asked or cannot tell: two more scans of the sample
        script = _by_script(sample, arabic) if arabic >= 0.5 * letters else None
        return LangResult(script, SCRIPT_CONFIDENCE if script else 0.0, latin_share)

    if letters < MIN_LETTERS:
        return by_script()
    try:
        reliable, _, details = pycld2.detect(sample, bestEffort=True)
        _, code, percent, _ = details[0]
    except pycld2.error:  # a str is always valid UTF-8 once encoded; kept as a guard
        reliable, code, percent = False, "un", 0
    if code in _UNKNOWN or percent == 0:
        return by_script()
    if not reliable:
        return LangResult(code, round(min(SCRIPT_CONFIDENCE, percent / 100), 3), latin_share)
    return LangResult(code, round(percent / 100, 3), latin_share)
