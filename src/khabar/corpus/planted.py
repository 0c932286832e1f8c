"""Planted near-duplicates: how the near-duplicate pass is measured (tests and benchmarks).

Real syndication (the same agency story on several sites) changes a story in three ways, and
:func:`plant` makes copies of real articles with each of them, alone and combined:

* ``edit``: words replaced, deleted or inserted at random (:data:`EDIT_SHARE` of the words: a new
  headline word, a changed figure, a dropped adverb);
* ``reorder``: paragraphs in another order (sentences, when the article is one paragraph);
* ``chrome``: site chrome lines added above and below ("اقرأ أيضاً", share prompts, copyright);
* ``all``: the three together.

:func:`score_clusters` counts, over clusters found among the originals and the copies, the planted
pairs recovered (copy in its original's cluster) and the *false pairs*: pairs of records in one
found cluster that belong to different groups, where a group is an original with its copies, and
originals the pass already joins among themselves (real syndication in the corpus) are one group.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["CHROME", "EDIT_SHARE", "KINDS", "PlantedScore", "plant", "score_clusters"]

KINDS = ("edit", "reorder", "chrome", "all")
#: share of an article's words an ``edit`` copy changes
EDIT_SHARE = 0.05
#: chrome lines of Arabic news sites, as crawled pages carry them
CHROME = (
    "اقرأ أيضاً",
    "شارك هذا الخبر على تويتر وفيسبوك وواتساب",
    "تابعونا على قناتنا في تلغرام",
    "جميع الحقوق محفوظة للصحيفة",
    "اشترك في النشرة البريدية ليصلك كل جديد",
    "الأكثر قراءة",
    "أضف تعليقك",
    "الرئيسية | محليات | اقتصاد | رياضة | ثقافة",
    "زر الذهاب إلى الأعلى",
    "إعلانات",
)
_FILLER = ("كما", "وقد", "أيضا", "اليوم", "الجديد", "رسميا", "حاليا", "مؤخرا")
_SENT = re.compile(r"(?<=[.!؟?])\s+")


def _edit(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    n_words = sum(len(ln.split()) for ln in lines)
    for _ in range(max(1, round(EDIT_SHARE * n_words))):
        i = rng.randrange(len(lines))
        words = lines[i].split()
        if not words:
            continue
        j = rng.randrange(len(words))
        op = rng.random()
        if op < 0.5:
            words[j] = rng.choice(_FILLER) + str(rng.randrange(100))
        elif op < 0.75 and len(words) > 1:
            del words[j]
        else:
            words.insert(j, rng.choice(_FILLER))
        lines[i] = " ".join(words)
    return "\n".join(lines)


def _reorder(text: str, rng: random.Random) -> str:
    title, _, body = text.partition("\n")
    parts = [p for p in body.split("\n") if p.strip()]
    joiner = "\n"
    if len(parts) < 3:  # one or two paragraphs: move sentences instead
        parts = [s for s in _SENT.split(" ".join(parts)) if s.strip()]
        joiner = " "
    if len(parts) > 1:
        original = list(parts)
        while parts == original:
            rng.shuffle(parts)
    return title + "\n" + joiner.join(parts)


def _chrome(text: str, rng: random.Random) -> str:
    top = rng.sample(CHROME, 2)
    bottom = rng.sample(CHROME, 3)
    return "\n".join([*top, text, *bottom])


def plant(originals: Sequence[str], n: int, *, seed: int = 7) -> list[tuple[int, str, str]]:
    """``n`` copies of randomly chosen ``originals``: ``(original index, copy text, kind)``, the kinds
    in turn. Deterministic for a seed."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        i = rng.randrange(len(originals))
        kind = KINDS[k % len(KINDS)]
        text = originals[i]
        if kind in ("edit", "all"):
            text = _edit(text, rng)
        if kind in ("reorder", "all"):
            text = _reorder(text, rng)
        if kind in ("chrome", "all"):
            text = _chrome(text, rng)
        out.append((i, text, kind))
    return out


@dataclass
class PlantedScore:
    planted: int = 0
    recovered: int = 0
    found_pairs: int = 0
    false_pairs: int = 0
    by_kind: dict[str, tuple[int, int]] | None = None

    @property
    def recall(self) -> float:
        return self.recovered / self.planted if self.planted else 0.0

    @property
    def false_rate(self) -> float:
        """False pairs over all pairs found."""
        return self.false_pairs / self.found_pairs if self.found_pairs else 0.0


def score_clusters(
    n_originals: int,
    planted: Sequence[tuple[int, str, str]],
    base_clusters: dict[int, list[int]],
    clusters: dict[int, list[int]],
) -> PlantedScore:
    """Score ``clusters`` (representative → members) over records ``0 … n_originals - 1`` (the
    originals, in which the pass alone found ``base_clusters``) followed by the ``planted`` copies."""
    group = list(range(n_originals))
    for rep, members in base_clusters.items():
        for m in members:
            group[m] = rep
    group += [group[i] for i, _, _ in planted]
    member_of = {m: r for r, ms in clusters.items() for m in ms}
    s = PlantedScore(planted=len(planted))
    by_kind: dict[str, list[int]] = {}
    for k, (i, _, kind) in enumerate(planted):
        copy = n_originals + k
        ok = member_of.get(copy) is not None and member_of.get(copy) == member_of.get(i)
        s.recovered += ok
        tally = by_kind.setdefault(kind, [0, 0])
        tally[0] += ok
        tally[1] += 1
    for members in clusters.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                s.found_pairs += 1
                s.false_pairs += group[members[a]] != group[members[b]]
    s.by_kind = {k: (v[0], v[1]) for k, v in by_kind.items()}
    return s
