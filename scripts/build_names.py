#!/usr/bin/env python3
"""Build ``src/khabar/data/names_given_ar.tsv``: Arabic given names, for person linking.

A bare given name (``عبدالعزيز``, ``محمد``) names nobody in particular: the people stage keeps it only
when the document links it to a full name. To tell a given name from a surname (``أوباما``,
``الأسد``), which does name someone on its own, this script counts where each word stands inside the
person names of two annotated corpora:

* ANERcorp, CAMeL Lab train split (``../shared/data/anercorp``, CC BY-SA 4.0): B-PERS/I-PERS runs;
* WikiFANE (``../shared/data/fane_gold``, CC BY-SA 3.0): the person types (Politician, Artist, …).

A word is a given name when it opens a name of two or more words at least ``--min`` times, and opens
names at least three times as often as it closes one (a father's name after ``بن`` is not counted as a
closing word: ``محمد بن سلمان`` does not make سلمان a surname). Compound names are joined
(``عبد العزيز`` → ``عبدالعزيز``), titles in front are left out (``الملك``) and everything is in
khabar's normalised view. The output lists the word and its two counts; being derived from CC BY-SA
data, it is distributed under CC BY-SA 4.0 (see ``src/khabar/data/SOURCES.md``).

usage: scripts/build_names.py [--min 3] [-o src/khabar/data/names_given_ar.tsv]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.extract.names import name_words  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
_NASAB = {"بن", "ابن", "بنت"}
_FANE_PERSON = {
    "Politician",
    "Artist",
    "Scientist",
    "Religious_PER",
    "Other_PER",
    "Athlete",
    "Police",
    "Businessperson",
    "Engineer",
    "Group",
}


def anercorp_names() -> list[list[str]]:
    lines = (DATA / "anercorp" / "ANERCorp.txt").read_text(encoding="utf-8").splitlines()
    # the CAMeL Lab train split only (splits.json): its first 125,274 lines
    parts = (line.rsplit(" ", 1) for line in lines[:125274])
    return person_spans((p[0], p[1]) for p in parts if len(p) == 2)


def person_spans(tagged: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The person names (their tokens) of a stream of ``(token, BIO tag)`` pairs."""
    out: list[list[str]] = []
    cur: list[str] = []
    for tok, tag in tagged:
        if tag == "B-PERS" or (tag == "I-PERS" and not cur):
            if cur:
                out.append(cur)
            cur = [tok]
        elif tag == "I-PERS":
            cur.append(tok)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def wikifane_names() -> list[list[str]]:
    out: list[list[str]] = []
    cur: list[str] = []
    with open(DATA / "fane_gold" / "WikiFANE_Gold_2014_500K.txt", encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.strip().replace("\u200e", "").split("\t")
            tag = parts[1] if len(parts) == 2 else "O"
            kind = tag[2:]
            if tag.startswith("B-") and kind in _FANE_PERSON and kind != "Group":
                if cur:
                    out.append(cur)
                cur = [parts[0]]
            elif tag.startswith("I-") and kind in _FANE_PERSON and cur:
                cur.append(parts[0])
            elif cur:
                out.append(cur)
                cur = []
    if cur:
        out.append(cur)
    return out


def given_names(names: list[list[str]], min_count: int) -> tuple[list[str], Counter[str], Counter[str]]:
    """``(given names, most frequent first; opening counts; closing counts)`` of person names."""
    first: Counter[str] = Counter()
    last: Counter[str] = Counter()
    for name in names:
        words = name_words(" ".join(name))
        if len(words) < 2:
            continue
        first[words[0]] += 1
        if words[-2] not in _NASAB:
            last[words[-1]] += 1

    def ok(w: str) -> bool:
        c = first[w]
        return (
            c >= min_count
            and c >= 3 * last[w]
            and len(w) >= 3
            and w not in _NASAB
            and all("\u0621" <= ch <= "\u064a" for ch in w)  # Arabic letters only
            and not w.startswith("ال")  # a title or a nisba (البابا، القديس), not a given name
            and not (w[0] in "وف" and first[w[1:]] >= min_count)  # و + a name already counted
        )

    return sorted((w for w in first if ok(w)), key=lambda w: (-first[w], w)), first, last


def corpus_given_names(sentences: Sequence[Sequence[tuple[str, str]]]) -> list[str]:
    """The given names (normalised, compounds joined) counted from the person names of tagged
    ``(token, tag)`` sentences and WikiFANE's, as :func:`main` counts them with ``--min 2``
    (``scripts/train_ner.py --dev-names``: a list that has not seen the dev slice)."""
    names = [name for sent in sentences for name in person_spans(sent)]
    return ["".join(w.split()) for w in given_names(names + wikifane_names(), 2)[0]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min", type=int, default=2)
    ap.add_argument("-o", "--output", default=str(ROOT / "src" / "khabar" / "data" / "names_given_ar.tsv"))
    args = ap.parse_args()
    rows, first, last = given_names(anercorp_names() + wikifane_names(), args.min)
    with open(args.output, "w", encoding="utf-8") as fh:
        fh.write(
            "# Arabic given names (normalised view), for khabar.extract.names: a bare given name is not a\n"
            "# person on its own. Built by scripts/build_names.py from ANERcorp (CAMeL Lab train split,\n"
            "# CC BY-SA 4.0) and WikiFANE (CC BY-SA 3.0) person names: words that open a name of two or\n"
            f"# more words at least {args.min} times and three times as often as they close one.\n"
            "# CC BY-SA 4.0.\n"
            "word\tfirst\tlast\n"
        )
        for w in rows:
            fh.write(f"{w}\t{first[w]}\t{last[w]}\n")
    print(f"{len(rows)} given names → {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
