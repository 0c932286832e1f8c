"""Titles and roles (issue 4, item 2): ROLE spans from a hand-written lexicon, bound to PERSON spans.

The lexicon (``khabar/data/roles_ar.tsv``) maps role phrases (``وزير الدفاع``, ``ولي العهد``,
``المتحدث باسم``) to a canonical English label and a rank. :func:`find_roles` matches it on the
normalised view of the text (:func:`khabar.arabic.normalize.normalize_view`), longest phrase first,
with the proclitics of the first word allowed (``ووزير``, ``للرئيس``). A nationality adjective right
after the phrase gives the role's country and joins the span (``وزير الدفاع الروسي`` → defence
minister, RU); a *construct* phrase (``وزير خارجية``) takes a following country name instead
(``وزير خارجية روسيا``). Phrases flagged ``bound`` in the lexicon are also common words (``الفريق``
"the team", ``اللواء`` "the brigade") and are reported only directly before a PERSON name.

:func:`bind_roles` ties roles to people: a role directly before a name (``وزير الدفاع الروسي سيرغي
شويغو``; only spaces between them), or an appositive after one (``فيصل المقداد، وزير الخارجية
السوري``; a comma between them, on the same line). A role that binds to nobody is still a fact.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from khabar import data
from khabar.arabic.clitics import CACHE_WORDS, readings
from khabar.arabic.normalize import normalize, normalize_view
from khabar.arabic.tokenize import Token, tokens_of
from khabar.extract.places import load_gazetteer
from khabar.extract.places.gazetteer import extra_fold
from khabar.model import Span

__all__ = ["ARAB_LEAGUE", "RoleEntry", "bind_roles", "find_roles", "load_roles"]

_ROLES_FILE = "roles_ar.tsv"
_EXTRA_FOLD = str.maketrans({"ی": "ي", "ک": "ك"})
#: the longest country name (in words) tried after a construct phrase
_MAX_COUNTRY_WORDS = 3
#: ISO2 codes of the Arab League members (used by linking as a nationality cue)
ARAB_LEAGUE = frozenset(
    {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR"}
    | {"MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE"}
)
_BEFORE_GAP = re.compile(r"[ \t\u00a0]+")
_APPOSITIVE_GAP = re.compile(r"[ \t\u00a0]*[،,][ \t\u00a0]*")
#: a role may also reach a name over a few more words of the same title ("وزير الداخلية وامين عام حزب
#: الشعب علي بوظو", "رئيس مجلس ادارة الشركة فلان"): at most this many words, no punctuation, and none
#: of these function words, which start a new clause ("قال وزير الخارجية ان الرئيس …") — a list of
#: "ROLE NAME، ROLE NAME" then gives each role to the name after it, not to the name before the comma
_TITLE_GAP_WORDS = 5
_TITLE_GAP = re.compile(r"[^\n،,.؛;:()«»\"!?؟]*")
#: a verb in the gap starts a clause: future (سيلتقي، ستبحث) or imperfect with ي (يلتقي، يبحث)
_VERB_LIKE = re.compile(r"^[وف]?(?:س[يتن]|ي)\w{3,}")
_CLAUSE_FILE = "roles_clause_ar.tsv"
#: the words that start a new clause in the gap (``roles_clause_ar.tsv``)
_CLAUSE_WORDS = frozenset(normalize(cols[0]) for _, cols in data.rows(_CLAUSE_FILE, columns=1))


@dataclass(frozen=True, slots=True)
class RoleEntry:
    """One lexicon row: the phrase's normalised words, its canonical role and rank, and flags."""

    words: tuple[str, ...]
    role: str
    rank: int
    construct: bool = False
    bound: bool = False


def _fold(text: str) -> str:
    return normalize(text).translate(_EXTRA_FOLD)


@functools.cache
def load_roles() -> dict[tuple[str, ...], RoleEntry]:
    """The role lexicon, keyed by the phrase's normalised words (read once)."""
    table: dict[tuple[str, ...], RoleEntry] = {}
    for _, cols in data.rows(_ROLES_FILE, columns=(3, 4)):
        flags = set(cols[3].split(",")) if len(cols) == 4 else set()
        words = tuple(_fold(cols[0]).split())
        table[words] = RoleEntry(words, cols[1], int(cols[2]), "construct" in flags, "bound" in flags)
    return table


def is_role_head(word: str) -> bool:
    """Whether the normalised ``word`` (with or without the article) opens a role phrase of the
    lexicon (الرئيس، المستشار، المدير …)."""
    heads = _longest_from()
    w = word.translate(_EXTRA_FOLD)
    return w in heads or (w.startswith("ال") and w[2:] in heads)


@functools.cache
def _longest_from() -> dict[str, int]:
    """First word of a role phrase → the most words of a phrase that starts with it."""
    out: dict[str, int] = {}
    for k in load_roles():
        out[k[0]] = max(out.get(k[0], 0), len(k))
    return out


@functools.lru_cache(maxsize=CACHE_WORDS)
def _stem_cuts(word: str) -> tuple[tuple[str, int], ...]:
    """``(stem, cut)`` of each clitic reading of ``word``, in order, remembered per word form (plain
    tuples of strings and numbers, which the garbage collector does not walk)."""
    return tuple((r.stem, r.cut) for r in readings(word))


@functools.lru_cache(maxsize=CACHE_WORDS)
def _role_cuts(word: str) -> tuple[tuple[str, int, int], ...]:
    """``(stem, cut, most words)`` of each reading of ``word`` that opens a role phrase (most words
    none), in order, per word form: :func:`find_roles` looks only at the words with one."""
    longest = _longest_from()
    return tuple((st, cut, longest[st]) for st, cut in _stem_cuts(word) if longest.get(st, 0) > 0)


def _run_at(view: str, toks: Sequence[Token], i: int, cap: int) -> int:
    """``min(_runs(view, toks)[i], cap)``, for the one token asked (a word opening a role phrase is
    rare: walking a few words from it is cheaper than the whole text's runs)."""
    n = 0
    for k in range(i, min(i + cap, len(toks))):
        if not toks[k].text[0].isalpha():
            break
        n += 1
        nxt = k + 1
        if n == cap or not (
            nxt < len(toks)
            and toks[nxt].start != toks[k].end
            and view[toks[k].end : toks[nxt].start].strip(" \t\u00a0") == ""
        ):
            break
    return n


def _runs(view: str, toks: Sequence[Token]) -> list[int]:
    """For each token, how many tokens from it on are words separated by spaces only: ``_joined(view,
    toks, i, n)`` is ``n <= runs[i]`` (computed once per text, from the end, instead of per phrase
    length tried)."""
    runs = [0] * (len(toks) + 1)
    for k in range(len(toks) - 1, -1, -1):
        if not toks[k].text[0].isalpha():
            continue
        nxt = k + 1
        linked = (
            nxt < len(toks)
            and toks[nxt].start != toks[k].end
            and view[toks[k].end : toks[nxt].start].strip(" \t\u00a0") == ""
        )
        runs[k] = 1 + (runs[nxt] if linked else 0)
    return runs


@functools.cache
def _country_names() -> dict[str, str]:
    """Normalised country names → ISO2 (the gazetteer's country entries)."""
    out: dict[str, str] = {}
    for key, cands in load_gazetteer().names.items():
        countries = {p.country for p in cands if p.fclass == "A"}
        if len(countries) == 1:
            out[key] = countries.pop()
    return out


def _joined(view: str, toks: Sequence[Token], i: int, n: int) -> bool:
    """Whether ``toks[i:i+n]`` are words separated by spaces only."""
    if i + n > len(toks):
        return False
    for k in range(i, i + n):
        if not toks[k].text[0].isalpha():
            return False
        if k > i and view[toks[k - 1].end : toks[k].start].strip(" \t\u00a0") != "":
            return False
        if k > i and toks[k].start == toks[k - 1].end:
            return False
    return True


def _country_after(view: str, toks: Sequence[Token], j: int, construct: bool) -> tuple[str | None, int]:
    """The country named right after a role phrase ending before ``toks[j]``, and how many tokens
    name it (0 if none)."""
    if not _joined(view, toks, j - 1, 2):
        return None, 0
    if construct:
        names = _country_names()
        for n in range(_MAX_COUNTRY_WORDS, 0, -1):
            if _joined(view, toks, j, n):
                cc = names.get(" ".join(t.text for t in toks[j : j + n]))
                if cc:
                    return cc, n
        return None, 0
    cc = load_gazetteer().adjectives.get(toks[j].text)
    return (cc, 1) if cc else (None, 0)


def find_roles(text: str, persons: Sequence[Span] = ()) -> list[Span]:
    """ROLE spans of ``text``: ``attrs`` hold ``role`` (canonical English), ``rank`` and ``country``
    (ISO2 from a following nationality adjective or country name, else None).

    ``persons`` (PERSON spans) only matter for the lexicon's ``bound`` phrases, which are kept when a
    name follows them directly."""
    view = normalize_view(text)
    vt = extra_fold(view.text)
    toks = list(tokens_of(vt))
    table = load_roles()
    person_starts = {p.start for p in persons}
    out: list[Span] = []
    nxt = 0  # the first token not inside a role found
    # only the words a reading of which opens a role phrase (most open none), found in C
    for i in itertools.compress(range(len(toks)), map(_role_cuts, [t.text for t in toks])):
        if i < nxt or not toks[i].text[0].isalpha():
            continue
        best: tuple[int, int, RoleEntry] | None = None  # (words, cut, entry)
        cuts = _role_cuts(toks[i].text)
        run = _run_at(vt, toks, i, max(c[2] for c in cuts))
        for stem, cut, longest in cuts:
            # the longest phrase first; only lengths a phrase starting with this stem has, over joined words
            for n in range(min(longest, run), 0, -1):
                if best is not None and n <= best[0]:
                    break
                entry = table.get((stem, *(t.text for t in toks[i + 1 : i + n])))
                if entry is not None:
                    best = (n, cut, entry)
                    break
        if best is None:
            continue
        n, cut, entry = best
        country, cn = _country_after(vt, toks, i + n, entry.construct)
        last = toks[i + n + cn - 1]
        start, end = view.to_text_span(toks[i].start + cut, last.end)
        if entry.bound:
            gap = _BEFORE_GAP.match(text, end)
            if gap is None or gap.end() not in person_starts:
                nxt = i + n + cn
                continue
        out.append(
            Span(
                start,
                end,
                "ROLE",
                text[start:end],
                {"role": entry.role, "rank": entry.rank, "country": country},
            )
        )
        nxt = i + n + cn
    return out


def bind_roles(text: str, roles: Sequence[Span], persons: Sequence[Span]) -> list[tuple[int, int]]:
    """``(role index, person index)`` pairs: a role directly before a name (spaces only between
    them), or an appositive after one (a comma between them). Each role binds at most one person; a
    role before a name wins over reading it as the appositive of the name before it."""
    by_start = {p.start: k for k, p in enumerate(persons)}
    by_end = {p.end: k for k, p in enumerate(persons)}
    pairs: list[tuple[int, int]] = []
    for ri, r in enumerate(roles):
        m = _BEFORE_GAP.match(text, r.end)
        if m is not None and m.end() in by_start:
            pairs.append((ri, by_start[m.end()]))
            continue
        ahead = _title_gap_person(text, r.end, persons, roles)
        if ahead is not None:
            pairs.append((ri, ahead))
            continue
        # appositive: "NAME، ROLE" — look back over the comma gap
        k = r.start
        while k > 0 and text[k - 1] in " \t\u00a0":
            k -= 1
        if k > 0 and text[k - 1] in "،,":
            k -= 1
            while k > 0 and text[k - 1] in " \t\u00a0":
                k -= 1
            if k in by_end and _APPOSITIVE_GAP.fullmatch(text, k, r.start):
                pairs.append((ri, by_end[k]))
    return pairs


def _title_gap_person(text: str, end: int, persons: Sequence[Span], roles: Sequence[Span]) -> int | None:
    """The person a role reaches over a few more title words (see ``_TITLE_GAP_WORDS``), if any.

    Not over another role (that one is the name's: "الرئيس اليمني سيلتقي الرئيس عبدالفتاح السيسي"),
    nor over a verb (سيلتقي، يبحث، التقى: a new clause whose subject is the first role).
    """
    m = _TITLE_GAP.match(text, end)  # matches the empty string at least
    gap_end = m.end() if m else end
    for k, p in enumerate(persons):
        if p.start <= end or p.start > gap_end:
            continue
        if any(end <= r.start < p.start for r in roles):
            return None
        words = text[end : p.start].split()
        if 0 < len(words) <= _TITLE_GAP_WORDS and not any(
            normalize(w) in _CLAUSE_WORDS or normalize(w[1:]) in _CLAUSE_WORDS or _VERB_LIKE.match(w)
            for w in words
        ):
            return k
        return None
    return None
