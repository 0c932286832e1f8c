"""Named organisations (issue 13, item 5): ORG spans and ``org`` refs with their kind.

An analyst counts organisations by name: ``وزارة الداخلية``, ``هيئة قناة السويس``, ``نادي الشباب``,
``داعش``. Generic nouns (``الوزارة``, ``الشركة``, ``الحزب``, ``الحكومة``) and groups (``قوات``,
``المسؤولين``) are not organisations; the events layer keeps them as refs of kind ``group``. Three
sources, the longest reading of a stretch of text winning:

* **a head noun with a complement** (``org_heads_ar.tsv``, which also gives the kind: وزارة/هيئة →
  government, شركة → company, نادي → sports_club …): a definite genitive chain (``وزارة الشؤون
  البلدية والقروية``), a construct chain up to a definite word (``هيئة قناة السويس``), a name after
  heads that take one (``نادي كوينز بارك رينجرز``), a purpose with ``لل`` (``الهيئة العامة
  للسياحة``), a number (``الفوج 37``). A head alone, or with only generic complements (``مجلس
  الإدارة``, ``الجهات المختصة``) or only a nationality (``الشركة السعودية``), is no name;
* **a known name** (``orgs_known_ar.tsv``: international bodies, armed groups, companies, clubs); a
  club name that is also a common word (``الهلال``, ``النصر``) only on a sports page or after
  ``نادي``/``فريق``;
* **the NER model's ORG spans**, when not a month, not a single common word (``ريال``), and not
  inside a person's name.

Every org gets a ``confidence`` (:mod:`khabar.extract.ref_confidence`).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from khabar.arabic.clitics import CACHE_WORDS, name_reading
from khabar.arabic.normalize import normalize
from khabar.arabic.tokenize import view_words
from khabar.extract.org_complement import NISBA_ANY as _NISBA_ANY
from khabar.extract.org_complement import STOP as _STOP
from khabar.extract.org_complement import TIME as _TIME
from khabar.extract.org_complement import complement
from khabar.extract.org_senses import names_org_here, sense_names
from khabar.extract.org_words import (
    ORG_KINDS,
    StopWords,
    known_rows,
    load_known_orgs,
    load_org_heads,
    national_names,
    org_key,
    org_rows,
    short_forms,
)
from khabar.extract.org_words import word_stems as _stems
from khabar.extract.person_words import load_cues
from khabar.extract.places import nationality_country
from khabar.extract.wordclass import common_zipf, is_month
from khabar.model import Span

__all__ = [
    "ORG_KINDS",
    "OrgMatch",
    "find_orgs",
    "load_known_orgs",
    "load_org_heads",
    "org_key",
    "org_kind_of",
]


#: the purpose after an institution named after a person (مركز الملك سلمان [للإغاثة])
_PURPOSE = re.compile(r"[ \t\u00a0]+(?:لل|ل(?=ال))\w{3,}(?:[ \t\u00a0]+ال\w{3,})?")
#: category nouns and scope adjectives around a club name that make it the common word it also is
_NOT_CLUB_BEFORE = StopWords("not_club_before")
_NOT_CLUB_AFTER = StopWords("not_club_after")
_CLUB_CUE = StopWords("club_cue")
#: heads that name an office or the management of the body after them (إدارة نادي الهلال، رئاسة الفيفا)
_PART_OF = StopWords("part_of")
#: demonstratives and verbs of completion before a name that make it the everyday word (تم الاتفاق)
_NOT_ORG_BEFORE = StopWords("not_org_before")
#: regional adjectives that complete a "national" known name as a nationality does (الأوروبي)
_REGION_ADJ = StopWords("region_adj")
#: a one-word club name at least this frequent as a word (Zipf: الاتحاد 5.6, الشباب 5.4, التعاون 5.0;
#: الهلال and النصر 4.7) is the club only after a club cue, even on a sports page: on the sports pages
#: of a random sample of SaudiNewsNet about half of الاتحاد's and الشباب's mentions were the words
_EVERYDAY_ZIPF = 5.0
#: a definite relative adjective (the normalised view): الكرواتي، السوفييتي، الخليجي
_NISBA = re.compile(r"ال\w{2,}ي")
#: a definite word shaped as an adjective: a colour or quality أفعل (الأخضر) or a relative adjective
_ADJECTIVE_SHAPE = re.compile(r"ال[اأ]\w{3}|ال\w{2,}ي")
#: sport forms a page needs before a club name that is also a common word counts
_SPORT_MIN_FORMS = 3
#: heads that after ب are the verbal noun of a manner (برئاسة "chaired by"), never a body
_CHAIRED_BY = StopWords("chaired_by")
#: nouns that name a body only with the short name in brackets after them (البرنامج الوطني للحرف
#: والصناعات اليدوية (بارع)، السوق المالية (تداول)): a programme without one is a broadcast or a plan
_ACRONYM_HEAD = StopWords("acronym_head")
#: a short name in brackets: one to three words of letters (not a year, not a sentence)
_ACRONYM = re.compile(r"[ \t\u00a0]*\([ \t]*[^\W\d_]{2,}(?:[ .\-]{1,2}[^\W\d_]+){0,2}[ \t]*\)")
#: what may stand between two words of one name: spaces, no line break, no punctuation
_NAME_GAP = re.compile(r"[ \t\u00a0]*")


@dataclass(frozen=True, slots=True)
class OrgMatch:
    """An organisation found in the text: offsets into it, its kind and how it was found."""

    start: int
    end: int
    kind: str
    source: str  # head, known, ner
    #: the name as written alone when the text elides the article's alef (للحوثيين → الحوثيين)
    name: str | None = None


@functools.cache
def _word_names() -> frozenset[str]:
    """One-word known names that are also everyday words (flag ``sport`` or ``word``: الاتفاق "the
    agreement", الأخضر "the green", القاعدة "the base, the rule", حماس "enthusiasm")."""
    return frozenset(
        words[0] for words, _kind, flags in known_rows() if len(words) == 1 and flags & {"sport", "word"}
    )


def _common_word_use(words: list[str], i: int, k: int, gap_ok: Callable[[int], bool]) -> bool:
    """Whether the club name that is also a common word at ``words[i:i+k]`` is that word here, even
    on a sports page: after a category noun (درجة الشباب "the youth grade", لرعاية الشباب، منتخب
    الشباب) or before a scope adjective (الاتحاد الدولي، الاتحاد العربي: a federation)."""
    if i > 0 and gap_ok(i - 1) and any(s in _NOT_CLUB_BEFORE for s in _stems(words[i - 1])):
        return True
    j = i + k
    return j < len(words) and gap_ok(j - 1) and words[j] in _NOT_CLUB_AFTER


def _word_reading(words: list[str], i: int, st: str, kind: str, gap_ok: Callable[[int], bool]) -> bool:
    """Whether the one-word name that is also an everyday word, ``st`` at ``words[i]``, is that word
    here, by the words around it (checked after the club cues, which win):

    * a person noun just before it: the name is that person's (الفنان حماس "the artist
      Hamas", اللاعب الهلال);
    * for a name shaped as an adjective (a colour أفعل, a relative adjective: الأخضر، الأهلي), a
      definite word just before it, which it qualifies (الضوء الأخضر "the green light", باللون الأخضر),
      unless that word is a time word, a head noun, a known name or a function word (يلتقي اليوم
      الأهلي). A noun name after a definite word stands in apposition (بطل الدوري النصر "the league
      champion Al-Nassr") and stays;
    * a demonstrative or a verb of completion just before it (هذه القاعدة "this rule", تم الاتفاق "the
      agreement was reached": ``not_org_before``);
    * a definite adjective just after it: a relative adjective other than a nationality for a club
      (الاتفاق المبدئي "the preliminary agreement", النهضة الرياضية "the sports renaissance"), any
      definite word for another kind (القاعدة العسكرية "the military base", القاعدة الضريبية).

    Only a name written without a proclitic is read so (a conjunction starts a new phrase), except an
    adjective-shaped name joined to an adjective before it (الأبيض والأخضر "white and green"), and
    a verbal noun after ب before مع (بالاتفاق مع "in agreement with", بالتعاون مع: a manner, not a
    club; الاتفاق مع الهلال without the ب may be a match)."""
    if words[i] in ("ب" + st, "وب" + st) and i + 1 < len(words) and gap_ok(i) and words[i + 1] == "مع":
        return True
    if words[i] != st:
        return (
            words[i] == "و" + st
            and i > 0
            and gap_ok(i - 1)
            and _ADJECTIVE_SHAPE.fullmatch(st) is not None
            and _ADJECTIVE_SHAPE.fullmatch(words[i - 1]) is not None
            and words[i - 1] not in _known_first_words()
            and not nationality_country(words[i - 1])
        )
    if i > 0 and gap_ok(i - 1):
        prev = _stems(words[i - 1])
        if any(s in _NOT_ORG_BEFORE or s in load_cues().nouns for s in prev):
            return True
        if words[i - 1][:1] in ("و", "ف") and words[i - 1][1:] in _NOT_ORG_BEFORE:
            return True  # وتم الاتفاق: a stem of two letters that _stems keeps whole
        if (
            _ADJECTIVE_SHAPE.fullmatch(st)
            and len(prev[-1]) > 3
            and prev[-1].startswith("ال")
            and not any(s in _TIME or s in _STOP or s in _known_first_words() for s in prev)
            and prev[-1] not in load_org_heads()
        ):
            return True
    if i + 1 < len(words) and gap_ok(i) and st.startswith("ال"):
        nxt = words[i + 1]
        if len(nxt) > 3 and nxt.startswith("ال") and nxt not in _STOP:
            if kind != "sports_club":
                return True
            return _NISBA_ANY.fullmatch(nxt) is not None and not nationality_country(nxt)
    return False


def _club_cue(words: list[str], i: int, gap_ok: Callable[[int], bool]) -> bool:
    """Whether the word before ``words[i]`` says it is a club (لاعبي الاتحاد، جماهير الشباب، ناديه)."""
    return i > 0 and gap_ok(i - 1) and any(s in _CLUB_CUE for s in _stems(words[i - 1]))


@functools.cache
def _sport_forms() -> frozenset[str]:
    rows = org_rows("events_domains_ar.tsv")
    return frozenset(normalize(c[0]) for _, c in rows if len(c) == 2 and c[1] == "sport")


def org_kind_of(name: str) -> str | None:
    """The organisation kind a name's head noun or known name tells (None: no organisation)."""
    words = tuple(normalize(name).split())
    if not words:
        return None
    known = load_known_orgs().get(words)
    if known:
        return known[0]
    for w in _stems(words[0]):
        if w in load_org_heads() and len(words) > 1:
            return load_org_heads()[w][0]
    return None


@functools.cache
def _known_first_words() -> frozenset[str]:
    """The first words of the known organisation names."""
    return frozenset(k[0] for k in load_known_orgs())


@functools.lru_cache(maxsize=CACHE_WORDS)
def _org_start(word: str) -> bool:
    """Whether a reading of ``word`` opens a known organisation's name or is a head noun, per form."""
    return any(st in _known_first_words() or st in load_org_heads() for st in _stems(word))


@functools.lru_cache(maxsize=CACHE_WORDS)
def _acronym_head(word: str) -> bool:
    """Whether a reading of ``word`` is a noun named only with its short name in brackets, per form."""
    return any(st in _ACRONYM_HEAD for st in _stems(word))


@functools.lru_cache(maxsize=CACHE_WORDS)
def _sport_word(word: str) -> bool:
    """Whether a reading of ``word`` is in the sport domain's vocabulary, per word form."""
    return not _sport_forms().isdisjoint(_stems(word))


def _elided(text: str, start: int, end: int, stem: str) -> str | None:
    """The name with its article restored when the text after ``لل`` elides its alef, else None."""
    written = text[start:end]
    if stem.startswith("ال") and not normalize(written).startswith("ال") and written.startswith("ل"):
        return "ا" + written
    return None


def _clitic_len(word: str, stem: str) -> int:
    """How many characters of ``word`` (normalised) stand before ``stem``."""
    if stem.startswith("ال") and word.endswith(stem[2:]) and not word.endswith(stem):
        return len(word) - len(stem) + 1  # لل + stem without its alef
    return len(word) - len(stem)


def find_orgs(
    text: str, entities: Sequence[Span] = (), *, named_after: Sequence[tuple[int, int]] = ()
) -> list[OrgMatch]:
    """Named organisations of ``text``, longest first without overlaps (see the module docstring).

    ``entities`` are the NER spans (PERSON, ORG, LOC): ORG spans are candidates, person names end a
    complement and may not hold an organisation. ``named_after`` are ``(head start, name end)`` of
    institutions named after a person (مركز الملك سلمان، جامعة الملك سعود: see
    :mod:`khabar.extract.people`); each is an organisation, with its purpose (``للإغاثة``) when one
    follows."""
    _view, toks, spans = view_words(text)
    words = [t.text for t in toks]
    n = len(words)
    # the distinct words with a reading in the sport vocabulary (each form's answer remembered)
    sport = sum(map(_sport_word, set(words))) >= _SPORT_MIN_FORMS
    heads = load_org_heads()
    known = load_known_orgs()
    maxk = max((len(k) for k in known), default=1)
    persons = [(e.start, e.end) for e in entities if e.label == "PERSON"]
    names = {e.start: e.label for e in entities if e.label in ("PERSON", "LOC", "ORG")}
    place_ends = {e.start: e.end for e in entities if e.label == "LOC"}

    # whether words i and i+1 are separated by spaces only, once per gap
    gaps = [_NAME_GAP.fullmatch(text, spans[i][1], spans[i + 1][0]) is not None for i in range(n - 1)]

    def gap_ok(i: int) -> bool:
        """Whether words i and i+1 are separated by spaces only."""
        return gaps[i]

    firsts = _known_first_words()
    doc_senses = functools.cache(lambda: sense_names(words))

    def _names_org(j: int) -> bool:
        """Whether an organisation's name starts at word ``j``: a known name's first word, or a head
        noun with a complement that names (مستشفى البجادية alone is too weak a name to stand)."""
        for st in _stems(words[j]):
            if st in firsts:
                return True
            head = heads.get(st)
            if head is not None:
                return complement(words, spans, j, st, head[1], gap_ok, names, place_ends) > j
        return False

    cands: list[OrgMatch] = []
    # only the words that can open a known name or are a head noun (most are neither), found in C
    for i in itertools.compress(range(n), map(_org_start, words)):
        # known names, longest first (only from a word that can begin one)
        stems_i = _stems(words[i])
        known_last = -1  # the last word of the known name found here, if any
        for k in range(min(maxk, n - i), 0, -1) if any(st in firsts for st in stems_i) else ():
            if k > 1 and not all(gap_ok(j) for j in range(i, i + k - 1)):
                continue
            rest = tuple(words[i + 1 : i + k])
            hit = None
            for st in _stems(words[i]):
                got = known.get((st, *rest))
                if got:
                    hit = (st, got)
                    break
            if hit is None:
                continue
            st, (kind, needs_sport) = hit
            after_club = i > 0 and any(s in ("نادي", "فريق") for s in _stems(words[i - 1]))
            if needs_sport and not (sport or after_club):
                continue
            if needs_sport and not after_club and _common_word_use(words, i, k, gap_ok):
                continue
            if (
                k == 1
                and not after_club
                and st in _word_names()
                and not _club_cue(words, i, gap_ok)
                and _word_reading(words, i, st, kind, gap_ok)
            ):
                continue
            if k == 1 and st in doc_senses() and not names_org_here(text, words, spans, i, st):
                continue  # the document writes the common noun too (قاعدة العند): org_senses
            if needs_sport and k == 1 and common_zipf(st) >= _EVERYDAY_ZIPF:
                # الاتحاد "union"، الشباب "youth": the club only where a word says so, and never before a
                # relative adjective (الاتحاد الكرواتي، الاتحاد السوفييتي، الشباب السعودي، التعاون
                # الخليجي: the word and its adjective)
                adjective_next = i + 1 < n and gap_ok(i) and _NISBA.fullmatch(words[i + 1]) is not None
                if adjective_next or not _club_cue(words, i, gap_ok):
                    continue
            start = spans[i][0] + _clitic_len(words[i], st)
            last = i + k - 1
            if (
                (kind == "sports_club" or (st, *rest) in national_names())
                and last + 1 < n
                and gap_ok(last)
                and (nationality_country(words[last + 1]) or words[last + 1] in _REGION_ADJ)
            ):
                last += 1  # the country is part of the name (السد القطري، البنك المركزي الأوروبي)
            elided = _elided(text, start, spans[last][1], st)
            cands.append(OrgMatch(start, spans[last][1], kind, "known", elided))
            known_last = last
            break
        # a head noun and its complement
        for st in _stems(words[i]):
            head = heads.get(st)
            if head is None:
                continue
            if st in _CHAIRED_BY and words[i].endswith("ب" + st):
                break  # برئاسة رئيس الوزراء "chaired by the prime minister": the verbal noun, no body
            if st in _PART_OF and i + 1 < n and gap_ok(i) and _names_org(i + 1):
                break  # إدارة نادي الهلال، رئاسة الفيفا: an office of the body the next words name
            kind, weak = head
            end = complement(words, spans, i, st, weak, gap_ok, names, place_ends)
            nxt = words[known_last + 1] if i <= known_last < end else None
            if nxt is not None and not (nxt.startswith("ل") or nationality_country(nxt)):
                # أدانت جامعة الدول العربية [الاقتحامات]: the known name is the whole name; its purpose
                # (الاتحاد الآسيوي لكرة القدم) or its country (حزب الله العراقي) may still follow
                end = known_last
            if end > i:
                start = spans[i][0] + _clitic_len(words[i], st)
                cands.append(
                    OrgMatch(start, spans[end][1], kind, "head", _elided(text, start, spans[end][1], st))
                )
            break
    for i in itertools.compress(range(n), map(_acronym_head, words)):
        st = next(s for s in _stems(words[i]) if s in _ACRONYM_HEAD)
        end = complement(words, spans, i, st, False, gap_ok, names, place_ends)
        if end > i and _ACRONYM.match(text, spans[end][1]):
            start = spans[i][0] + _clitic_len(words[i], st)
            cands.append(
                OrgMatch(start, spans[end][1], "other", "head", _elided(text, start, spans[end][1], st))
            )
    for e in entities:
        if e.label != "ORG" or is_month(e.text):
            continue
        ws = normalize(e.text).split()
        if not ws or (len(ws) == 1 and (common_zipf(ws[0]) >= 3.3 or not ws[0].isalpha())):
            continue
        if any(w in _STOP for w in ws) or any(st in heads for st in _stems(ws[0])):
            continue  # a phrase; or a head noun, whose complement the head rule judged
        if any(a <= e.start and e.end <= b for a, b in persons):
            continue
        # a proclitic the NER kept (للأمم المتحدة، والحوثيين، لحزب الله) is no part of the name, when
        # the word's frequencies say it is one (فالنسيا، والت ديزني stay whole)
        start, name = e.start, None
        r = name_reading(ws[0])
        if r.cut and e.text.startswith(r.prefix):
            start = e.start + r.cut
            name = "ا" + e.text[r.cut :] if r.restored else None  # للأمم → (ل)الأمم
        cands.append(OrgMatch(start, e.end, org_kind_of(e.text) or "other", "ner", name))
    for hs, he in named_after:
        end = he
        pm = _PURPOSE.match(text, he)
        if pm is not None:
            end = pm.end()  # the purpose (مركز الملك سلمان للإغاثة)
        first = text[hs:he].split()
        hk = heads.get(normalize(first[0])) if first else None
        cands.append(OrgMatch(hs, end, hk[0] if hk else "other", "head"))
    rank = {"known": 0, "head": 1, "ner": 2}
    cands.sort(key=lambda m: (-(m.end - m.start), rank[m.source], m.start))
    kept: list[OrgMatch] = []
    for m in cands:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


def org_refs(text: str, matches: Sequence[OrgMatch]) -> tuple[list[Span], dict[str, dict[str, Any]]]:
    """ORG spans and ``org:N`` refs for ``matches``; the same name (normalised) is one ref."""
    spans: list[Span] = []
    refs: dict[str, dict[str, Any]] = {}
    by_name: dict[str, str] = {}
    for m in matches:
        name = m.name or text[m.start : m.end]
        # one ref per written name, as the event models were fitted on; the names of one body share
        # the ref's cross-document key (org_key), which the archive counts by
        norm = normalize(name)
        rid = by_name.get(norm)
        if rid is None:
            rid = f"org:{len(refs) + 1}"
            by_name[norm] = rid
            refs[rid] = {"name": name, "kind": "org", "org_kind": m.kind, "aliases": [], "source": m.source}
            refs[rid]["key"] = org_key(name, m.kind)
        for alias in (name, *short_forms(name, m.kind)):
            if alias not in refs[rid]["aliases"]:
                refs[rid]["aliases"].append(alias)
        spans.append(Span(m.start, m.end, "ORG", name, {"ref": rid, "org_kind": m.kind, "source": m.source}))
    return spans, refs
