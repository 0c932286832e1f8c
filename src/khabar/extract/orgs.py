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

Every org gets a ``confidence`` (:mod:`khabar.extract.confidence`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from khabar.arabic.normalize import normalize, normalize_view
from khabar.errors import DataFileError
from khabar.extract.people import FUNCTION_WORDS, common_zipf, is_month
from khabar.extract.places import nationality_country
from khabar.extract.tokenize import iter_tokens
from khabar.model import Span

__all__ = ["ORG_KINDS", "OrgMatch", "find_orgs", "load_known_orgs", "load_org_heads", "org_kind_of"]

ORG_KINDS = frozenset(
    {"government", "military", "armed_group", "party", "company", "media", "sports_club", "international", "ngo", "other"}
)
#: the most words a complement may run to
_MAX_COMPLEMENT = 6
#: heads after which a name of any shape follows (نادي كوينز بارك رينجرز، شركة أرامكو)
_NAME_TAKING = frozenset(normalize(w) for w in "نادي فريق شركة جامعة كلية مجموعة بنك مصرف مستشفى منتخب".split())
#: complements that make a head no name (مجلس الإدارة "the board", الجهات المختصة)
_GENERIC = frozenset(
    normalize(w)
    for w in (
        "الإدارة الادارة الأمناء المختصة المعنية المحلية الحكومية الرسمية الخاصة العامة المشتركة "
        "الجديدة الجديد الأخرى الاخرى الأولى الأول الثانية الثاني الكبرى الكبير التنفيذية التنفيذي "
        "الأمنية الأمني المسلحة المذكورة المذكور نفسها نفسه ذاتها ذاته التابعة التابع المنظمة "
        "المسؤولة المسؤول الدولية الدولي الإقليمية المركزية المركزي الوطنية العليا"
    ).split()
)
#: the function words in the normalised view (على → علي: a name word is lost, a stop is not)
_STOP = frozenset(normalize(w) for w in FUNCTION_WORDS)
#: sport forms a page needs before a club name that is also a common word counts
_SPORT_MIN_FORMS = 3
_PUNCT_GAP = re.compile(r"[^\s]")


@dataclass(frozen=True, slots=True)
class OrgMatch:
    """An organisation found in the text: offsets into it, its kind and how it was found."""

    start: int
    end: int
    kind: str
    source: str  # head, known, ner


def _rows(name: str) -> list[list[str]]:
    path = resources.files("khabar") / "data" / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"khabar/data/{name}: cannot read: {exc}", value=name) from exc
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return rows[1:]


@functools.cache
def load_org_heads() -> dict[str, str]:
    """Organisation head nouns (normalised) → the organisation kind they tell."""
    out: dict[str, str] = {}
    for cols in _rows("org_heads_ar.tsv"):
        if len(cols) != 2 or cols[1] not in ORG_KINDS:
            raise DataFileError(f"org_heads_ar.tsv: expected head<TAB>kind: {cols!r}", value=cols)
        out[normalize(cols[0])] = cols[1]
    return out


@functools.cache
def load_known_orgs() -> dict[tuple[str, ...], tuple[str, bool]]:
    """Known organisation names (normalised words) → (kind, needs a sports page)."""
    out: dict[tuple[str, ...], tuple[str, bool]] = {}
    for cols in _rows("orgs_known_ar.tsv"):
        if len(cols) < 2 or cols[1] not in ORG_KINDS:
            raise DataFileError(f"orgs_known_ar.tsv: expected name<TAB>kind[<TAB>flags]: {cols!r}", value=cols)
        flags = set(cols[2].split(",")) if len(cols) > 2 and cols[2] else set()
        out[tuple(normalize(cols[0]).split())] = (cols[1], "sport" in flags)
    return out


@functools.cache
def _sport_forms() -> frozenset[str]:
    rows = _rows("events_domains_ar.tsv")
    return frozenset(normalize(c[0]) for c in rows if len(c) == 2 and c[1] == "sport")


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
            return load_org_heads()[w]
    return None


def _stems(word: str) -> list[str]:
    """The word, and its readings without و/ف and ب/ل/ك (``للهيئة`` → الهيئة، ``بوزارة`` → وزارة)."""
    out = [word]
    w = word
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
        out.append(w)
    if len(w) > 3 and w.startswith("لل"):
        out.append("ال" + w[2:])
    elif len(w) > 3 and w[0] in "بلك":
        out.append(w[1:])
    return out


def _clitic_len(word: str, stem: str) -> int:
    """How many characters of ``word`` (normalised) stand before ``stem``."""
    if stem.startswith("ال") and word.endswith(stem[2:]) and not word.endswith(stem):
        return len(word) - len(stem) + 1  # لل + stem without its alef
    return len(word) - len(stem)


def find_orgs(text: str, entities: Sequence[Span] = ()) -> list[OrgMatch]:
    """Named organisations of ``text``, longest first without overlaps (see the module docstring).

    ``entities`` are the NER spans (PERSON, ORG, LOC): ORG spans are candidates, person names end a
    complement and may not hold an organisation."""
    view = normalize_view(text)
    toks = [t for t in iter_tokens(view.text) if t.text[0].isalnum()]
    spans = [view.to_text_span(t.start, t.end) for t in toks]
    words = [t.text for t in toks]
    n = len(words)
    sport = len({w for w in words for s in _stems(w) if s in _sport_forms()}) >= _SPORT_MIN_FORMS
    heads = load_org_heads()
    known = load_known_orgs()
    maxk = max((len(k) for k in known), default=1)
    persons = [(e.start, e.end) for e in entities if e.label == "PERSON"]

    def gap_ok(i: int) -> bool:
        """Whether words i and i+1 are separated by spaces only."""
        return not _PUNCT_GAP.search(text, spans[i][1], spans[i + 1][0])

    cands: list[OrgMatch] = []
    for i in range(n):
        # known names, longest first
        for k in range(min(maxk, n - i), 0, -1):
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
            start = spans[i][0] + _clitic_len(words[i], st)
            cands.append(OrgMatch(start, spans[i + k - 1][1], kind, "known"))
            break
        # a head noun and its complement
        for st in _stems(words[i]):
            kind = heads.get(st)
            if kind is None:
                continue
            end = _complement(words, spans, i, st, gap_ok, persons)
            if end > i:
                start = spans[i][0] + _clitic_len(words[i], st)
                cands.append(OrgMatch(start, spans[end][1], kind, "head"))
            break
    for e in entities:
        if e.label != "ORG" or is_month(e.text):
            continue
        ws = normalize(e.text).split()
        if not ws or (len(ws) == 1 and (common_zipf(ws[0]) >= 3.3 or not ws[0].isalpha())):
            continue
        if any(a <= e.start and e.end <= b for a, b in persons):
            continue
        cands.append(OrgMatch(e.start, e.end, org_kind_of(e.text) or "other", "ner"))
    rank = {"known": 0, "head": 1, "ner": 2}
    cands.sort(key=lambda m: (-(m.end - m.start), rank[m.source], m.start))
    kept: list[OrgMatch] = []
    for m in cands:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


def _complement(
    words: list[str],
    spans: list[tuple[int, int]],
    i: int,
    head: str,
    gap_ok: Any,
    persons: list[tuple[int, int]],
) -> int:
    """The index of the last word of head ``i``'s complement (``i`` when it has none that names)."""
    definite_head = head.startswith("ال")
    name_taking = head in _NAME_TAKING
    last = i
    content: list[str] = []
    j = i + 1
    while j < len(words) and j - i <= _MAX_COMPLEMENT and gap_ok(j - 1):
        w = words[j]
        if w in _STOP or any(a <= spans[j][0] < b for a, b in persons):
            break
        if w.isdigit():  # الفوج 37، قوة الواجب 10
            last = j
            content.append(w)
            break
        if w.startswith("ال") and len(w) > 3:
            last = j
            content.append(w)
        elif w.startswith("لل") and len(w) > 4 and last > i:
            last = j  # the purpose of a named body (الهيئة العامة للسياحة)
            content.append("ال" + w[2:])
        elif w.startswith("لل") and len(w) > 4 and definite_head:
            last = j
            content.append("ال" + w[2:])
        elif w.startswith("وال") and len(w) > 4 and last > i:
            last = j  # coordinated inside the name (البلدية والقروية)
            content.append(w[1:])
        elif (
            not w.startswith(("و", "ب", "ف"))
            and not definite_head
            and (last == j - 1)
            and j + 1 < len(words)
            and words[j + 1].startswith("ال")
            and gap_ok(j)
            and common_zipf(w) < 5.5
        ):
            last = j  # a construct chain up to a definite word (هيئة قناة السويس، صندوق التنمية)
            content.append(w)
        elif name_taking and j == i + 1 and common_zipf(w) < 3.3 and w.isalpha():
            # a name of any shape after نادي/شركة (نادي كوينز بارك رينجرز، شركة أرامكو)
            last = j
            content.append(w)
            k = j + 1
            while k < len(words) and k - i <= _MAX_COMPLEMENT and gap_ok(k - 1) and common_zipf(words[k]) < 3.3:
                if words[k] in _STOP or not words[k].isalpha():
                    break
                last = k
                content.append(words[k])
                k += 1
            break
        else:
            break
        j += 1
    if not content:
        return i
    # only generic words or a nationality: no name (مجلس الإدارة، الشركة السعودية)
    if all(c in _GENERIC or nationality_country(c) for c in content):
        return i
    return last


def org_refs(text: str, matches: Sequence[OrgMatch]) -> tuple[list[Span], dict[str, dict[str, Any]]]:
    """ORG spans and ``org:N`` refs for ``matches``; the same name (normalised) is one ref."""
    spans: list[Span] = []
    refs: dict[str, dict[str, Any]] = {}
    by_name: dict[str, str] = {}
    for m in matches:
        name = text[m.start : m.end]
        key = normalize(name)
        rid = by_name.get(key)
        if rid is None:
            rid = f"org:{len(refs) + 1}"
            by_name[key] = rid
            refs[rid] = {"name": name, "kind": "org", "org_kind": m.kind, "aliases": [], "source": m.source}
        if name not in refs[rid]["aliases"]:
            refs[rid]["aliases"].append(name)
        spans.append(Span(m.start, m.end, "ORG", name, {"ref": rid, "org_kind": m.kind, "source": m.source}))
    return spans, refs
