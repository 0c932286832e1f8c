"""Trigger matching: lexicon forms found in the normalised view, with Arabic clitics.

Each word of the view is read in every way its clitics allow (conjunction و/ف, preposition ب/ل/ك,
article ال, the future prefix س on an imperfect verb, an attached pronoun), and a reading that is a
lexicon form of a compatible part of speech starts a match; multiword forms then match word by word
(``*`` skipping up to three words). At each position the longest form wins; forms with the same words
and different types (``بالسجن``: a sentence is SANCTION and COERCE) are all kept.

The normalised view folds hamzas (أ → ا), so هنا "here" reads as هنأ "congratulated". A lexicon form
that writes a hamza inside its stem (:func:`khabar.events.lexicon.hamza_positions`) matches a word only
when the text writes a hamza there too; the text's hamza-preserving key of each word
(:func:`khabar.events.lexicon.hamza_key`) is passed in alongside the view's words.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import NamedTuple

from khabar.arabic.clitics import CACHE_WORDS, drop_conjunction, in_vocab
from khabar.arabic.tokenize import Token
from khabar.events.lexicon import GAP, HAMZA_LETTERS, MAX_GAP, Trigger, load_stop_phrases, load_triggers

__all__ = ["TriggerMatch", "find_triggers", "word_readings"]

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_SUFFIXES = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")
_IMPERFECT = ("ي", "ت", "ن", "ا")
#: shortest stem left after stripping (two-letter stems are mostly wrong readings)
_MIN_STEM = 3


class Reading(NamedTuple):
    """One clitic reading of a word (a named tuple: a word has a score of them, made on first sight)."""

    stem: str
    conj: bool
    prep: bool
    art: bool
    fut: bool
    suffix: bool
    #: where the stem starts in the word (its letters from index 2 on when ``لل`` was read as ``ال``)
    at: int = 0


def word_readings(w: str, teh: bool = False) -> list[Reading]:
    """Every clitic reading of the normalised word ``w`` (the bare word first). ``teh``: the word
    ends in a teh marbuta (ة, folded to ه in the view), which is not a pronoun suffix (قضية ≠ قضى + ه).

    The matcher keeps, per word form, only what it needs of them (:func:`_first_candidates`,
    :func:`_stop_phrases`, :func:`_plain_stems`): mostly nothing, as most words start no trigger."""
    out: list[Reading] = []
    conj_opts = [(w, False)]
    if len(w) > _MIN_STEM and w[0] in _CONJ:
        conj_opts.append((w[1:], True))
    elif len(w) == _MIN_STEM and w[0] in _CONJ:
        # a two-letter verb after و/ف (وحث، فحض): the bare reading only, nothing else stripped
        out.append(Reading(w[1:], True, False, False, False, False, 1))
    for rest, conj in conj_opts:
        c = int(conj)
        heads: list[tuple[str, bool, bool, bool, int]] = [(rest, False, False, False, c)]
        if len(rest) > _MIN_STEM and rest[0] == "س" and rest[1] in _IMPERFECT:
            heads.append((rest[1:], False, False, True, c + 1))
        if len(rest) > _MIN_STEM and rest[0] in _PREP:
            if rest.startswith("لل"):
                heads.append(("ال" + rest[2:], True, False, False, c))
                heads.append((rest[2:], True, True, False, c + 2))
            else:
                heads.append((rest[1:], True, False, False, c + 1))
                if rest[1:].startswith("ال") and len(rest) - 3 >= _MIN_STEM:
                    heads.append((rest[3:], True, True, False, c + 3))
        if rest.startswith("ال") and len(rest) - 2 >= _MIN_STEM:
            heads.append((rest[2:], False, True, False, c + 2))
        for stem, prep, art, fut, at in heads:
            out.append(Reading(stem, conj, prep, art, fut, False, at))
            for suf in _SUFFIXES:
                if teh and suf.endswith("ه"):
                    continue
                if stem.endswith(suf) and len(stem) - len(suf) >= _MIN_STEM:
                    out.append(Reading(stem[: -len(suf)], conj, prep, art, fut, True, at))
    return out


def _first_candidates(w: str, teh: bool) -> tuple[tuple[Reading, Trigger], ...]:
    """The (reading, lexicon entry) pairs whose first word a reading of ``w`` is, in reading then
    lexicon order; remembered per word form (an empty tuple for most words)."""
    return _word_starts(w)[1] if not teh else _first_candidates_teh(w)


@functools.lru_cache(maxsize=CACHE_WORDS)
def _first_candidates_teh(w: str) -> tuple[tuple[Reading, Trigger], ...]:
    """:func:`_first_candidates` of a word that ends in a teh marbuta in the text."""
    by_first = load_triggers().by_first
    return tuple((r, t) for r in word_readings(w, True) for t in by_first.get(r.stem, ()))


def _stop_phrases(w: str) -> tuple[tuple[str, ...], ...]:
    """The stop phrases a reading of ``w`` starts, in reading then list order (remembered per word)."""
    return _word_starts(w)[0]


@functools.lru_cache(maxsize=CACHE_WORDS)
def _word_starts(
    w: str,
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[Reading, Trigger], ...]]:
    """The stop phrases and the trigger candidates (no teh marbuta) a reading of ``w`` starts, from
    one reading of the word: the matcher asks both of every word, and a new word's readings were
    computed twice."""
    reads = word_readings(w)
    stops = load_stop_phrases()
    by_first = load_triggers().by_first
    return (
        tuple(phrase for r in reads for phrase in stops.get(r.stem, ())),
        tuple((r, t) for r in reads for t in by_first.get(r.stem, ())),
    )


@functools.lru_cache(maxsize=CACHE_WORDS)
def _plain_stems(w: str) -> tuple[tuple[str, int], ...]:
    """``(stem, at)`` of the readings of ``w`` without the future prefix (remembered per word)."""
    return tuple((r.stem, r.at) for r in word_readings(w) if not r.fut)


def hamza_ok(key: str | None, at: int, positions: tuple[int, ...]) -> bool:
    """Whether the text's word (its hamza-preserving ``key``) writes a hamza at each of ``positions``
    of a lexicon word whose stem starts at ``at`` (no key: nothing to check)."""
    if key is None:
        return True
    return all(at + j < len(key) and key[at + j] in HAMZA_LETTERS for j in positions)


def _allowed(r: Reading, t: Trigger) -> bool:
    if t.pos == "v":
        return not r.prep and not r.art
    if t.pos == "n":
        return not r.fut
    if t.pos == "p":
        return not r.fut and not r.suffix
    return not (r.prep or r.art or r.fut or r.suffix)  # x


def _word_match(tok: str, form: str, key: str | None = None, positions: tuple[int, ...] = ()) -> bool:
    if tok == form:
        return not positions or hamza_ok(key, 0, positions)
    return any(
        stem == form and (not positions or hamza_ok(key, at, positions)) for stem, at in _plain_stems(tok)
    )


#: verbs of "doing" that take the act as a verbal noun with ب (قام بزيارة، قامت باقتحام، يقوم بتدريب)
_DO = frozenset(
    {"قام", "قامت", "قاموا", "قاما", "قامتا", "يقوم", "تقوم", "يقومون", "يقومان", "تقومان", "نقوم"}
)


@functools.lru_cache(maxsize=CACHE_WORDS)
def _is_doer(word: str) -> bool:
    """Whether ``word`` is a verb of doing (clitics allowed), remembered per word form."""
    return in_vocab(word, _DO) is not None


#: how many words may stand between قام and its verbal noun (its subject: قام مسلحون حوثيون أمس ب…)
_DO_REACH = 6


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in the text: word-token indices ``[first, last]`` and its lexicon entries."""

    first: int
    last: int
    entries: tuple[Trigger, ...]
    #: the first word carried the future prefix س
    fut: bool
    #: a noun read with the preposition ل: a purpose ("لزيارة", "لبحث"), so a plan
    purpose: bool = False

    @property
    def trigger(self) -> Trigger:
        return self.entries[0]


def _extend(words: list[Token], i: int, t: Trigger, keys: list[str | None] | None = None) -> int | None:
    """The index of the last word of ``t`` matched from ``words[i]`` (first word already matched)."""
    j = i
    k = 1

    def match(at: int, k: int) -> bool:
        pos = t.hamza[k] if t.hamza else ()
        return _word_match(words[at].text, t.words[k], keys[at] if keys else None, pos)

    while k < len(t.words):
        form = t.words[k]
        if form == GAP:
            for skip in range(0, MAX_GAP + 1):
                if j + 1 + skip < len(words) and match(j + 1 + skip, k + 1):
                    j = j + 1 + skip
                    break
            else:
                return None
            k += 2
            continue
        if j + 1 < len(words) and match(j + 1, k):
            j += 1
            k += 1
            continue
        return None
    return j


def _stop_at(words: list[Token], i: int, stops: dict[str, tuple[tuple[str, ...], ...]]) -> int:
    """The length of a stop phrase starting at word ``i`` (0 if none); ``*`` in a phrase skips up to
    three words (تقدم * بطلب: "submitted a request", whoever submitted it)."""
    for phrase in _word_starts(words[i].text)[0]:
        j, k = i, 1
        while k < len(phrase):
            if phrase[k] == GAP:
                nxt = next(
                    (
                        j + 1 + skip
                        for skip in range(MAX_GAP + 1)
                        if j + 1 + skip < len(words) and _word_match(words[j + 1 + skip].text, phrase[k + 1])
                    ),
                    None,
                )
                if nxt is None:
                    break
                j, k = nxt, k + 2
            elif j + 1 < len(words) and _word_match(words[j + 1].text, phrase[k]):
                j, k = j + 1, k + 1
            else:
                break
        else:
            return j - i + 1
    return 0


def find_triggers(
    words: list[Token], teh: frozenset[int] = frozenset(), keys: list[str | None] | None = None
) -> list[TriggerMatch]:
    """Trigger matches over ``words`` (the word tokens of a normalised sentence), left to right;
    ``teh`` holds the indices of words that end in a teh marbuta in the text, ``keys`` each word's
    hamza-preserving key (None where it does not align with the view's word)."""
    stops = load_stop_phrases()
    out: list[TriggerMatch] = []
    # the verbs of "doing" (قام بـ …) whose verbal noun names the act: قامت الميليشيات باقتحام منزل …
    texts = [w.text for w in words]
    doers = list(itertools.compress(range(len(words)), map(_is_doer, texts)))
    # each word's stop phrases and trigger candidates, per word form (mapped in C): most words have
    # neither (nor, if it ends in a teh marbuta, candidates read as such), and are passed over
    starts = list(map(_word_starts, texts))
    i = 0
    while i < len(words):
        if not starts[i][0] and not (starts[i][1] if i not in teh else _first_candidates_teh(texts[i])):
            i += 1
            continue
        stop = _stop_at(words, i, stops)
        if stop:
            i += stop
            continue
        best: list[tuple[int, Trigger, bool, bool]] = []
        # the verb of doing before a verbal noun with ب, nothing of another clause between
        doer = next(
            (k for k in reversed(doers) if 0 < i - k <= _DO_REACH and not any(o.last >= k for o in out)),
            None,
        )
        w_i = words[i].text
        for r, t in _word_starts(w_i)[1] if i not in teh else _first_candidates_teh(w_i):
            periphrasis = (
                doer is not None and t.pos == "v" and r.prep and r.at >= 1 and words[i].text[r.at - 1] == "ب"
            )
            if not _allowed(r, t) and not periphrasis:
                continue
            if t.pos == "v" and i in teh and r.stem.endswith("ه"):
                continue  # a verb never ends in a teh marbuta (وزارة ≠ و + زاره)
            if t.hamza and t.hamza[0] and keys and not hamza_ok(keys[i], r.at, t.hamza[0]):
                continue  # هنا "here" is not هنأ "congratulated"
            j = _extend(words, i, t, keys)
            if j is None:
                continue
            if best and j < best[0][0]:
                continue
            if best and j > best[0][0]:
                best = []
            if all(b[1] is not t for b in best):
                w0 = drop_conjunction(words[i].text)
                # لزيارة، لبحث (an indefinite verbal noun of purpose), not للقمة "to the summit"
                purpose = r.prep and w0.startswith("ل") and not w0.startswith("لل") and t.pos == "n"
                best.append((j, t, r.fut, purpose))
        if best:
            j = best[0][0]
            # one entry per type: the longest (first listed) form's
            seen: dict[str, Trigger] = {}
            for _, t, _f, _p in best:
                seen.setdefault(t.type, t)
            # قام X بـ<act>: the match runs from the verb of doing, which holds the act's subject (as a
            # gapped trigger does: قدمت المملكة مساعدات)
            start = (
                doer
                if doer is not None
                and drop_conjunction(words[i].text)[:1] == "ب"
                and all(t.pos == "v" for t in seen.values())
                else i
            )
            out.append(
                TriggerMatch(start, j, tuple(seen.values()), any(b[2] for b in best), any(b[3] for b in best))
            )
            i = j + 1
        else:
            i += 1
    return out
