"""In-document person linking (issue 4, item 3): PERSON mentions → person refs with roles.

Names are compared on their normalised words (the first word's proclitics tried off, ``وبوتين`` →
بوتين). Mentions are read in text order and each joins at most one earlier ref:

* the same words as a name or an alias of a ref → that ref;
* a single word (``الأسد``) → the one ref whose name ends in that word (a bare surname links to the
  full name earlier); if several refs end in it, the mention is ambiguous and gets a ref of its own;
* several words → the one ref with the same last word whose words are a subsequence of the
  mention's, or the other way round (``الأسد`` then ``بشار الأسد``; ``بشار الأسد`` then ``بشار حافظ
  الأسد``); the ref takes the longer name. A shared first name is not enough: ``عبد الفتاح السيسي``
  and ``عبد الفتاح البرهان`` differ in their last word and stay two refs.

Roles come from :func:`khabar.extract.roles.bind_roles` (a role right before a name, or an appositive
after it). One more, conservative, heuristic ties roles to names that a *heading* gives without roles
(the seed: heading ``شويغو والمقداد انضما لاحقاً للاجتماع``; text ``انضم إلى تلك الجلسة وزير الخارجية
السوري ووزير الدفاع الروسي``). For a heading that holds no role word and names ``k`` people who have no
role yet, the candidate role sets are

1. the distinct (role, country) pairs of the unbound roles in the section under the heading (up to
   the next heading), when there are exactly ``k`` of them; and
2. every coordinated list of exactly ``k`` unbound roles (``ROLE وROLE``) in a sentence that shares a
   word stem (its first four letters, clitics off) with the heading's own words;

only roles with a country count (``وزير الدفاع الروسي``, not a bare ``القائد العام``, which the seed
uses as a predicate of al-Assad), and roles that another ref already carries are left out. All
candidate sets must agree, and then the pairing must be forced: with ``k == 1`` by count alone; with
``k >= 2`` by nationality — a person's country (from a role bound elsewhere) or, failing that, the
form of the name: a name with a word written with the Arabic article (``المقداد``) is read as an
Arab name and a name with none as a transliterated foreign one, compatible with the roles of Arab
League and other countries respectively. Only a one-to-one assignment is kept. Text order alone is
never used to pair names with roles: the seed itself names the two men in the opposite order to
their roles. Roles tied this way carry ``"via": "heading"``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from khabar.arabic.clitics import readings
from khabar.arabic.normalize import normalize
from khabar.arabic.tokenize import iter_tokens
from khabar.extract.names import (
    NASAB,
    chain_length,
    is_given_name,
    is_title,
    is_unique_title,
    join_compounds,
    name_words,
    person_key,
    same_person,
)
from khabar.extract.roles import ARAB_LEAGUE, bind_roles
from khabar.model import Span

__all__ = ["alone_key", "link_persons"]

_EXTRA_FOLD = str.maketrans({"ی": "ي", "ک": "ك"})
_COORD_GAP = re.compile(r"[ \t\u00a0]*(?:[،,][ \t\u00a0]*)?و?")
_STEM = 4
_SENT_END = re.compile(r"[.!?؟;؛…\n]")


def _words(name: str) -> tuple[str, ...]:
    """The name's normalised words, titles in front off, compounds joined (:func:`name_words`)."""
    return name_words(name)


def _variants(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The name's words, then with the first word's proclitics read off (``وبوتين`` → بوتين)."""
    if not words:
        return [words]
    return [words] + [(r.stem, *words[1:]) for r in readings(words[0])[1:]]


def _subseq(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


@dataclass
class _Ref:
    id: str
    words: tuple[str, ...]
    name: str
    keys: set[tuple[str, ...]] = field(default_factory=set)
    aliases: list[str] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    #: how many PERSON mentions joined this ref
    mentions: int = 0
    #: the title a bare given name is kept for (الملك سلمان): it is part of the key
    title: str | None = None

    @property
    def key(self) -> str:
        """The cross-document identity (:func:`khabar.extract.names.person_key` of the fullest name);
        a given name kept for its title keys with it (``الملك سلمان``), not with every سلمان."""
        key = person_key(self.words)
        return f"{self.title} {key}" if self.title and len(self.words) == 1 else key

    def add_role(self, role: Span, via: str) -> None:
        key = (role.attrs["role"], role.attrs.get("country"))
        if any((r["role"], r["country"]) == key for r in self.roles):
            return
        self.roles.append(
            {
                "role": key[0],
                "country": key[1],
                "span": [role.start, role.end],
                "text": role.text,
                "via": via,
            }
        )

    def country(self) -> str | None:
        return roles_country(self.roles)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": "person",
            "key": self.key,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "country": self.country(),
        }


def roles_country(roles: Sequence[Mapping[str, Any]]) -> str | None:
    """A person's country: the one his roles name most often (وزير الدفاع الروسي → RU), or None."""
    counts = Counter(r["country"] for r in roles if r["country"])
    return counts.most_common(1)[0][0] if counts else None


def _surname(words: tuple[str, ...]) -> str | None:
    """The word a name ends in when it is a family name, not a father's name (``محمد بن سلمان`` ends in
    his father's name: a bare ``سلمان`` later is not him)."""
    if len(words) >= 2 and words[-2] in NASAB:
        return None
    return words[-1]


def _match(refs: list[_Ref], words: tuple[str, ...]) -> tuple[_Ref | None, tuple[str, ...]]:
    """The earlier ref a mention joins (None: a new ref), and the words it was read as."""
    variants = _variants(words)
    for v in variants:
        exact = [r for r in refs if v in r.keys]
        if len(exact) == 1:
            return exact[0], v
    for v in variants:
        if len(v) < 2:
            continue
        # the same person written another way (with or without آل سعود, عبد العزيز / عبدالعزيز)
        key = person_key(v)
        same = [r for r in refs if r.key == key]
        if len(same) == 1:
            return same[0], v
    for v in variants:
        if not v:
            continue
        if len(v) == 1:
            # a bare surname joins the full name it ends (الأسد → بشار الأسد); a bare given name the
            # one name it opens (سلمان → سلمان بن عبدالعزيز, never محمد بن سلمان: that is his son)
            cands = [r for r in refs if len(r.words) > 1 and _surname(r.words) == v[0]]
            if not cands and is_given_name(v[0]):
                cands = [r for r in refs if len(r.words) > 1 and r.words[0] == v[0]]
            if not cands:
                cands = [r for r in refs if r.words == v]
        else:
            # one name inside the other, with the same given name and the same last word
            # (بشار الأسد / بشار حافظ الأسد), or one nasab chain the start of the other (محمد بن سلمان /
            # محمد بن سلمان بن عبدالعزيز); father and son share words but not the given name
            cands = [
                r
                for r in refs
                if (
                    r.words[-1] == v[-1]
                    and (len(r.words) == 1 or r.words[0] == v[0])
                    and (_subseq(r.words, v) or _subseq(v, r.words))
                )
                or any(same_person(v, w) for w in r.keys | {r.words})
            ]
        if len(cands) == 1:
            return cands[0], v
        if len(cands) > 1:
            return None, words  # ambiguous: a ref of its own
    return None, words


def _stems(text: str) -> set[str]:
    out: set[str] = set()
    for t in iter_tokens(normalize(text).translate(_EXTRA_FOLD)):
        if not t.text[0].isalpha():
            continue
        for r in readings(t.text):
            bare = r.bare
            if len(bare) >= _STEM:
                out.add(bare[:_STEM])
    return out


def _sentence_of(text: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and not _SENT_END.match(text, start - 1):
        start -= 1
    m = _SENT_END.search(text, pos)
    return start, (m.end() if m else len(text))


def _arab_name(words: tuple[str, ...]) -> bool:
    return any(w.startswith("ال") and len(w) > 3 for w in words)


def link_persons(
    text: str,
    persons: Sequence[Span],
    roles: Sequence[Span] = (),
    *,
    headings: Sequence[tuple[int, int]] = (),
) -> dict[str, dict[str, Any]]:
    """Link the PERSON spans of ``text`` into refs (``person:1``, ``person:2`` … in order of first
    mention) and return them. Sets each person's ``attrs["ref"]`` (and ``attrs["role"]`` when a role
    is bound to that mention) and the ``attrs["ref"]`` of the roles tied to someone.

    ``roles`` are ROLE spans (:func:`khabar.extract.roles.find_roles`); ``headings`` are the
    ``(start, end)`` ranges of the document's heading lines, for the heading heuristic."""
    order = sorted(range(len(persons)), key=lambda k: (persons[k].start, persons[k].end))
    refs: list[_Ref] = []
    of: dict[int, _Ref] = {}
    for k in order:
        p = persons[k]
        words = _words(p.text)
        if not words:
            continue
        ref, read_as = _match(refs, words)
        if ref is None:
            ref = _Ref(f"person:{len(refs) + 1}", read_as, p.text)
            refs.append(ref)
        elif chain_length(read_as) > chain_length(ref.words):
            ref.words, ref.name = read_as, p.text  # the fullest name gives the key
        ref.keys.add(read_as)
        if p.text not in ref.aliases:
            ref.aliases.append(p.text)
        ref.mentions += 1
        of[k] = ref
    refs = _settle_given_names(text, persons, refs, of)
    for n, ref in enumerate(refs, 1):
        ref.id = f"person:{n}"
    for k, ref in of.items():
        persons[k].attrs["ref"] = ref.id

    bound: set[int] = set()
    for ri, pi in bind_roles(text, roles, persons):
        ref = of.get(pi)
        if ref is None:
            continue
        role = roles[ri]
        ref.add_role(role, "before" if role.end <= persons[pi].start else "appositive")
        persons[pi].attrs["role"] = role.attrs["role"]
        role.attrs["ref"] = ref.id
        bound.add(ri)

    if headings:
        _heading_roles(text, persons, roles, headings, of, bound)
    _coref_roles(roles, refs, bound)

    return {r.id: r.to_dict() for r in refs}


def titled(text: str, span: Span) -> bool:
    """Whether a title stands in the name's span or right before it (``الملك سلمان``, ``الأمير
    محمد``): a titled given name is someone, even where the document gives no fuller name."""
    return title_of(text, span) is not None


def title_of(text: str, span: Span) -> str | None:
    """The (normalised) title in the name's span or right before it, or None."""
    plain = _plain_words(span.text)
    # fewer name words than written words means a title was taken off the front; compounds joined
    # (عبد الله → عبدالله، أبو أحمد → أبواحمد) are not titles
    if len(name_words(span.text)) < len(join_compounds(tuple(plain))):
        return plain[0]
    before = text[max(0, span.start - 30) : span.start].split()
    if before:
        w = normalize(before[-1]).translate(_EXTRA_FOLD)
        if is_title(w):
            return w
    return None


def alone_key(text: str, span: Span) -> str | None:
    """The cross-document key a PERSON mention would have if it stood alone in its document: the
    :func:`~khabar.extract.names.person_key` of its own words, a bare given name with the title before
    it when the title picks out one person (``الملك سلمان``), None for a bare given name without one
    (``محمد``, ``المهندس محمد``: it names nobody in particular).

    Where a document links a shorter mention to a fuller name (``الملك سلمان`` … ``سلمان بن عبدالعزيز``),
    the two keys differ: the archive learns from many documents which fuller name a short form stands
    for (:meth:`khabar.archive.store.Archive.resolve_identities`)."""
    words = name_words(span.text)
    if not words:
        return None
    key = person_key(words)
    if len(words) == 1 and is_given_name(words[0]):
        title = title_of(text, span)
        return f"{title} {key}" if title and is_unique_title(title) else None
    return key or None


def _plain_words(name: str) -> list[str]:
    return [t.text for t in iter_tokens(normalize(name)) if t.text[0].isalpha()]


def _unique_title(text: str, spans: Sequence[Span]) -> str | None:
    """The first title of these mentions that picks out one person (:func:`~khabar.extract.names.
    is_unique_title`: ``الملك``, not ``المهندس`` or ``الأمير``), or None."""
    for sp in spans:
        t = title_of(text, sp)
        if t is not None and is_unique_title(t):
            return t
    return None


def _settle_given_names(
    text: str, persons: Sequence[Span], refs: list[_Ref], of: dict[int, _Ref]
) -> list[_Ref]:
    """Join a bare given name to the one fuller name it opens (``سلمان`` … ``سلمان بن عبدالعزيز``,
    whichever comes first), and drop the bare given names the document links to nobody: ``عبدالعزيز``
    or ``محمد`` alone names no one in particular. A given name with a title that picks out one person
    (``الملك سلمان``) is kept: the title tells who it is; a generic title does not (``المهندس محمد``,
    ``الدكتور خالد``, ``الأمير محمد``: one of many). A dropped mention loses its ref and gets
    ``attrs["reject"]``."""
    gone: set[int] = set()
    for ref in refs:
        if len(ref.words) != 1 or not is_given_name(ref.words[0]):
            continue
        targets = [r for r in refs if len(r.words) > 1 and r.words[0] == ref.words[0] and id(r) not in gone]
        mine = [k for k, r in of.items() if r is ref]
        if len(targets) == 1:
            target = targets[0]
            for k in mine:
                of[k] = target
            target.keys |= ref.keys
            target.aliases += [a for a in ref.aliases if a not in target.aliases]
            target.mentions += ref.mentions
            gone.add(id(ref))
        elif not targets and (title := _unique_title(text, [persons[k] for k in mine])):
            ref.title = title
        else:
            # two fuller names open with it (محمد بن سلمان، محمد بن نايف): it is one of them, not a third
            for k in mine:
                del of[k]
                persons[k].attrs["reject"] = "ambiguous_given_name" if targets else "bare_given_name"
            gone.add(id(ref))
    return [r for r in refs if id(r) not in gone]


def _coref_roles(roles: Sequence[Span], refs: list[_Ref], bound: set[int]) -> None:
    """A role with a country that stands alone (``وزير الدفاع الروسي`` in a later sentence, with no
    name next to it) refers to the one person the document gave that same role and country; it takes
    his ref (``via: "coref"``). A bare role (``الرئيس``, no country) is left alone: news pages name
    several presidents and ministers, and the country is what tells them apart. Every role with a
    country that names a person is also one of his aliases, so that a search, or an argument given
    as the description, finds the name (the seed names Shoigu in a heading and calls him "the
    Russian defence minister" in the text)."""
    for ri, r in enumerate(roles):
        if ri in bound or r.attrs.get("ref") or not r.attrs.get("country"):
            continue
        key = (r.attrs["role"], r.attrs["country"])
        holders = [ref for ref in refs if any((x["role"], x["country"]) == key for x in ref.roles)]
        if len(holders) != 1:
            continue
        r.attrs["ref"] = holders[0].id
        bound.add(ri)
        holders[0].add_role(r, "coref")
    by_id = {ref.id: ref for ref in refs}
    for r in roles:
        ref = by_id.get(r.attrs.get("ref") or "")
        if ref is not None and r.attrs.get("country") and r.text not in ref.aliases:
            ref.aliases.append(r.text)


def _heading_roles(
    text: str,
    persons: Sequence[Span],
    roles: Sequence[Span],
    headings: Sequence[tuple[int, int]],
    of: dict[int, _Ref],
    bound: set[int],
) -> None:
    """The heading heuristic of the module docstring."""
    heads = sorted(headings)
    all_refs = {id(r): r for r in of.values()}
    for hi, (hs, he) in enumerate(heads):
        if any(hs <= r.start and r.end <= he for r in roles):
            continue
        in_head = [k for k in sorted(of, key=lambda k: persons[k].start) if hs <= persons[k].start < he]
        people: list[_Ref] = []
        for k in in_head:
            if of[k] not in people:
                people.append(of[k])
        if not people or any(p.roles for p in people):
            continue
        n = len(people)
        taken = {(r["role"], r["country"]) for ref in all_refs.values() for r in ref.roles}
        free = [
            ri
            for ri, r in enumerate(roles)
            if ri not in bound
            and r.attrs.get("country")
            and (r.attrs["role"], r.attrs.get("country")) not in taken
        ]

        def key(ri: int) -> tuple[str, str | None]:
            return roles[ri].attrs["role"], roles[ri].attrs.get("country")

        candidates: list[dict[tuple[str, str | None], int]] = []
        # 1. the section under the heading
        sec_end = heads[hi + 1][0] if hi + 1 < len(heads) else len(text)
        section: dict[tuple[str, str | None], int] = {}
        for ri in free:
            if he <= roles[ri].start < sec_end:
                section.setdefault(key(ri), ri)
        if len(section) == n:
            candidates.append(section)
        # 2. coordinated role lists in sentences sharing a stem with the heading
        head_text = text[hs:he]
        for k in in_head:
            p = persons[k]
            head_text = head_text.replace(p.text, " ")
        head_stems = _stems(head_text)
        runs: list[list[int]] = []
        for ri in free:
            prev = runs[-1][-1] if runs else None
            if (
                prev is not None
                and roles[prev].end <= roles[ri].start
                and _COORD_GAP.fullmatch(text, roles[prev].end, roles[ri].start)
            ):
                runs[-1].append(ri)
            else:
                runs.append([ri])
        for run in runs:
            if len(run) != n or hs <= roles[run[0]].start < he:
                continue
            s, e = _sentence_of(text, roles[run[0]].start)
            if not head_stems & _stems(text[s:e]):
                continue
            keys = {key(ri): ri for ri in run}
            if len(keys) == n:
                candidates.append(keys)
        if not candidates or any(set(c) != set(candidates[0]) for c in candidates):
            continue
        chosen = candidates[0]
        assign = _pair(people, list(chosen))
        if assign is None:
            continue
        for ref, rk in zip(people, assign, strict=True):
            ri = chosen[rk]
            ref.add_role(roles[ri], "heading")
            roles[ri].attrs["ref"] = ref.id
            bound.add(ri)


def _pair(people: list[_Ref], keys: list[tuple[str, str | None]]) -> list[tuple[str, str | None]] | None:
    """The forced assignment of roles to people (see the module docstring), or None."""
    if len(people) == 1:
        cc = people[0].country()
        if cc is not None and keys[0][1] not in (None, cc):
            return None
        return [keys[0]]
    out: list[tuple[str, str | None]] = []
    for ref in people:
        cc = ref.country()
        if cc is not None:
            ok = [k for k in keys if k[1] == cc]
        elif _arab_name(ref.words):
            ok = [k for k in keys if k[1] in ARAB_LEAGUE]
        else:
            ok = [k for k in keys if k[1] is not None and k[1] not in ARAB_LEAGUE]
        if len(ok) != 1:
            return None
        out.append(ok[0])
    return out if len(set(out)) == len(out) else None
