"""ANERcorp reading and entity-level NER scoring (the conlleval definition).

ANERcorp (``../shared/data/anercorp/ANERCorp.txt``) is one ``token TAG`` per line with no blank
lines; sentences end with a ``.`` token. The standard CAMeL Lab split (``splits.json`` beside it) is
a contiguous cut by line: test is the last 25,008 tokens. An entity counts as correct only when its
type and both token boundaries match the gold entity exactly; precision, recall and F1 are micro
averages over entities, per type and overall.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from khabar.eval.gold import GoldFormatError

if TYPE_CHECKING:
    from khabar.extract.ner import NerModel

__all__ = [
    "DOC_SENTENCES",
    "TYPES",
    "NerReport",
    "PlaceLayerScore",
    "Sentence",
    "TypeScore",
    "evaluate_model",
    "place_layer_precision",
    "read_anercorp",
    "score_entities",
    "split_anercorp",
]

#: ANERcorp's entity types
TYPES: tuple[str, ...] = ("PERS", "LOC", "ORG", "MISC")
#: ANERcorp marks no article boundaries, so document-level consistency (khabar.extract.ner.
#: propagate_names) is scored on runs of this many consecutive sentences; an ANERcorp article is
#: roughly 10–30 sentences long
DOC_SENTENCES = 20

Sentence = list[tuple[str, str]]


def read_anercorp(path: str | Path) -> list[tuple[int, str, str]]:
    """``(line number, token, tag)`` of every usable line.

    Six lines of the file hold a tag and no token (``" O"``): they are skipped. One token holds a
    stray space and RLM marks (``"الأمن\\u200f1706 \\u200f"``): the token is everything before the
    last space, stripped.
    """
    out: list[tuple[int, str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if " " not in line:
                continue
            token, tag = line.rsplit(" ", 1)
            token = token.strip().strip("\u200e\u200f").strip()
            if not token:
                continue
            if tag != "O" and not (tag[:2] in ("B-", "I-") and tag[2:]):
                raise GoldFormatError(f"{path}: line {n}: bad tag {tag!r}", value=tag)
            out.append((n, token, tag))
    return out


def _sentences(rows: Iterable[tuple[int, str, str]]) -> list[Sentence]:
    out: list[Sentence] = []
    cur: Sentence = []
    for _, token, tag in rows:
        cur.append((token, tag))
        if token == "." and tag == "O":
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def split_anercorp(corpus: str | Path) -> tuple[list[Sentence], list[Sentence]]:
    """The CAMeL Lab ``(train, test)`` sentences, cut by the line numbers in ``splits.json``."""
    corpus = Path(corpus)
    splits = json.loads((corpus.parent / "splits.json").read_text(encoding="utf-8"))
    rows = read_anercorp(corpus)
    tr, te = splits["train"], splits["test"]
    train = [r for r in rows if tr["first_line"] <= r[0] <= tr["last_line"]]
    test = [r for r in rows if te["first_line"] <= r[0] <= te["last_line"]]
    return _sentences(train), _sentences(test)


@dataclass(frozen=True, slots=True)
class TypeScore:
    gold: int
    pred: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _chunks(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    from khabar.extract.ner import entity_chunks

    return set(entity_chunks(tags))


def score_entities(
    gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], *, types: Iterable[str] | None = None
) -> dict[str, TypeScore]:
    """Entity-level scores per type, plus ``"overall"`` (micro) over ``types`` (default: all)."""
    g_count: Counter[str] = Counter()
    p_count: Counter[str] = Counter()
    c_count: Counter[str] = Counter()
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g, p = _chunks(g_tags), _chunks(p_tags)
        g_count.update(c[2] for c in g)
        p_count.update(c[2] for c in p)
        c_count.update(c[2] for c in g & p)
    keep = sorted(set(types) if types is not None else set(g_count) | set(p_count))
    out = {t: TypeScore(g_count[t], p_count[t], c_count[t]) for t in keep}
    out["overall"] = TypeScore(
        sum(s.gold for s in out.values()),
        sum(s.pred for s in out.values()),
        sum(s.correct for s in out.values()),
    )
    return out


def format_scores(scores: dict[str, TypeScore]) -> str:
    """A small table of the scores."""
    lines = [f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for t, s in scores.items():
        lines.append(f"{t:<8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.gold:6d} {s.pred:6d}")
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class NerReport:
    """Scores of a model on a tagged corpus, and its speed."""

    #: per type and overall; keys ``all`` (the four types), ``pers_loc_org`` (what khabar reports),
    #: and the same two scored sentence by sentence, without document consistency (``*_sentence``)
    scores: dict[str, dict[str, TypeScore]]
    tokens: int
    #: tokens per second tagging a document's sentences at a time, with the model's caches empty and then
    #: warm
    cold_speed: float
    warm_speed: float


class SentenceTagger(Protocol):
    """What :func:`evaluate_model` needs of a tagger: the CRF's ``NerModel`` or the encoder's
    ``EncoderTagger``."""

    def clear_caches(self) -> None: ...

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]: ...

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]: ...


def evaluate_model(
    model: SentenceTagger | NerModel, sents: Sequence[Sentence], *, doc_sentences: int = DOC_SENTENCES
) -> NerReport:
    """Score ``model`` on gold sentences (their tokens as given), with and without document consistency."""
    toks = [[t for t, _ in s] for s in sents]
    gold = [[g for _, g in s] for s in sents]
    # timed as tag_entities tags: the sentences of a document (doc_sentences of them) decoded together
    chunks = [toks[k : k + doc_sentences] for k in range(0, len(toks), doc_sentences)]
    model.clear_caches()
    t0 = time.perf_counter()
    pred = [tags for chunk in chunks for tags in model.tag_many(chunk)]
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for chunk in chunks:
        model.tag_many(chunk)
    warm = time.perf_counter() - t0
    doc: list[list[str]] = []
    for k in range(0, len(toks), doc_sentences):
        doc.extend(model.tag_document(toks[k : k + doc_sentences]))
    plo = ("PERS", "LOC", "ORG")
    n = sum(map(len, toks))
    return NerReport(
        scores={
            "all": score_entities(gold, doc, types=TYPES),
            "pers_loc_org": score_entities(gold, doc, types=plo),
            "all_sentence": score_entities(gold, pred, types=TYPES),
            "pers_loc_org_sentence": score_entities(gold, pred, types=plo),
        },
        tokens=n,
        cold_speed=n / cold if cold else 0.0,
        warm_speed=n / warm if warm else 0.0,
    )


@dataclass(frozen=True, slots=True)
class PlaceLayerScore:
    """Precision of the place layer on ANERcorp: linked places that overlap a gold LOC span."""

    linked: int
    correct: int
    #: the same at the default place threshold (``fact_thresholds.json``), when there is one
    threshold: float | None
    linked_at_threshold: int
    correct_at_threshold: int

    @property
    def precision(self) -> float:
        return self.correct / self.linked if self.linked else 1.0

    @property
    def precision_at_threshold(self) -> float:
        return self.correct_at_threshold / self.linked_at_threshold if self.linked_at_threshold else 1.0


def place_layer_precision(
    sents: Sequence[Sentence], *, doc_sentences: int = DOC_SENTENCES, threshold: float | None = None
) -> PlaceLayerScore:
    """Run the NER model and the place layer (:func:`khabar.extract.places.analyse_places`, as the
    ``entities`` and ``places`` stages do) on runs of ``doc_sentences`` gold sentences joined into a
    text, and count the linked places (spans with coordinates) that overlap a gold LOC span.

    ANERcorp tags a club, a team or an event named after a place as ORG or MISC (ريال مدريد، بطولة
    فرنسا المفتوحة) and a capital standing for its government sometimes as ORG: a place there counts
    as wrong, as a map would show it wrongly. ``threshold``: also count the places whose confidence
    reaches it."""
    from khabar.extract.ner import tag_entities
    from khabar.extract.places import analyse_places

    linked = correct = linked_t = correct_t = 0
    for k in range(0, len(sents), doc_sentences):
        parts: list[str] = []
        gold: list[tuple[int, int]] = []
        pos = 0
        for sent in sents[k : k + doc_sentences]:
            for tok, tag in sent:
                if parts:
                    pos += 1
                start = pos
                parts.append(tok)
                pos += len(tok)
                if tag == "B-LOC" or (tag == "I-LOC" and not gold):
                    gold.append((start, pos))
                elif tag == "I-LOC":
                    gold[-1] = (gold[-1][0], pos)
        text = " ".join(parts)
        ner = [(e.start, e.end, e.label) for e in tag_entities(text) if e.label in ("LOC", "PERSON", "ORG")]
        for sp in analyse_places(text, ner).places:
            ok = any(a < sp.end and sp.start < b for a, b in gold)
            linked += 1
            correct += ok
            if threshold is not None and float(sp.attrs.get("confidence", 1.0)) >= threshold:
                linked_t += 1
                correct_t += ok
    return PlaceLayerScore(linked, correct, threshold, linked_t, correct_t)
