"""A small Arabic proclitic stripper for matching and for the NER features.

Written by hand on purpose: CAMeL Tools' morphological analyser (the usual way to segment clitics)
needs a database download that fails offline, and names, which are what we match, are mostly out of
its vocabulary anyway. The stripper does not decide; it lists the readings a word *could* have, and
the callers choose: the NER model weighs every reading as a feature, and span trimming keeps a reading
only when its stem is a known name or the clitic is unambiguous (``وال``, ``بال``).

Proclitics handled, in their order inside a word (all optional):

* conjunction ``و`` "and" / ``ف`` "so";
* preposition ``ب`` "with, in" / ``ل`` "for" / ``ك`` "like";
* article ``ال``, with ``ل`` + ``ال`` spelt ``لل`` (the article's alef drops: ``للعراق`` = ل + العراق).

Enclitic pronouns (``ـه``, ``ـها``, ``ـهم`` …) are left alone: names rarely carry them, and the NER
model's suffix features cover the rest. A stem is never shorter than :data:`MIN_STEM` letters, so
short words (``وزن``, ``بلد``) keep their first letter. Words are expected in the normalised view
(alef forms folded), but the rules only look at letters the view does not change.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MIN_STEM", "Reading", "readings", "strip_proclitics"]

#: the shortest stem a reading may leave (two-letter stems are mostly wrong readings: بلد → ب + لد)
MIN_STEM = 3

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_ART = "ال"


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a word: ``prefix`` (the clitic letters as written) + ``stem``.

    ``stem`` keeps the article when there is one (``الأسد``), as names are written with it;
    ``cut`` is how many characters of the word the clitics take (``word[cut:]`` is the stem as
    written, except after ``لل``, where the article's alef is restored in ``stem``).
    """

    prefix: str
    stem: str
    cut: int

    @property
    def bare(self) -> str:
        """The stem without the article (``الأسد`` → ``أسد``)."""
        if self.stem.startswith(_ART) and len(self.stem) - 2 >= MIN_STEM:
            return self.stem[2:]
        return self.stem


def readings(word: str) -> list[Reading]:
    """Every clitic reading of ``word``, the word itself (no clitic) first, then longer prefixes."""
    out = [Reading("", word, 0)]
    conj_options = [0]
    if len(word) > MIN_STEM and word[0] in _CONJ:
        conj_options.append(1)
    for c in conj_options:
        rest = word[c:]
        if c:
            out.append(Reading(word[:c], rest, c))
        if len(rest) <= MIN_STEM or rest[0] not in _PREP:
            continue
        if rest.startswith("لل") and len(rest) - 2 >= MIN_STEM - 1:
            # ل + ال with the alef dropped: restore the article in the stem
            out.append(Reading(word[: c + 1], "ا" + rest[1:], c + 1))
        elif not rest.startswith("لل"):
            out.append(Reading(word[: c + 1], rest[1:], c + 1))
    return out


def strip_proclitics(word: str) -> Reading:
    """The longest reading whose clitics are unambiguous: conjunction/preposition before ``ال``.

    ``والمقداد`` → و + المقداد, ``بالقاهرة`` → ب + القاهرة, ``وللعراق`` → ول + العراق. A clitic
    before a word without the article (``وبلير``) is ambiguous (و + بلير, or و + ب + لير; and
    ``واشنطن`` is not و + اشنطن), so the word is returned whole; callers with a vocabulary use
    :func:`readings` instead.
    """
    best = Reading("", word, 0)
    for r in readings(word):
        if r.cut and r.stem.startswith(_ART) and len(r.stem) - 2 >= MIN_STEM - 1 and r.cut >= best.cut:
            best = r
    return best
