#!/usr/bin/env python3
"""Build ``src/khabar/data/places_ambiguous_ar.tsv``: gazetteer names that are also common Arabic words.

A town's name is often an inflection of an everyday word: سلمية (As Salamiyah, Syria) is the feminine of
سلمي "peaceful", الحراك (Al Hirak) is "the movement", العقبة is "the obstacle". khabar's place matcher
accepts such a name only with context (a locative word before it, or the NER model reading it as a
place): see :data:`khabar.extract.places.CUES`.

The rule, for one-word names of towns under 100,000 people (countries and capitals are never
ambiguous): the name is ambiguous when a morphological relative of it — the same word with the article
added or removed, or without its feminine ending — is a common word in general Arabic text: a Zipf
frequency of at least 3.5 (once in about 300,000 words) in ``wordfreq``'s Arabic list. The rule is
generic; no name is listed by hand.

Data: the shipped gazetteer (GeoNames, CC BY 4.0) and wordfreq's Arabic frequencies (wordfreq data,
CC BY-SA 4.0; ``pip install -e '.[train]'``). The output lists each name with the relative and its
frequency, so that every entry carries its reason.

Usage: ``.venv/bin/python scripts/build_place_ambiguity.py [--out PATH]``
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khabar.arabic.normalize import normalize  # noqa: E402
from khabar.extract.places import _fold, load_gazetteer  # noqa: E402

OUT = REPO / "src" / "khabar" / "data" / "places_ambiguous_ar.tsv"
#: towns at least this populous are named in news as towns far more often than not
MAX_POPULATION = 100_000
#: Zipf frequency (log10 of occurrences per billion words) of a relative that makes a name a word
MIN_ZIPF = 3.5


def relatives(key: str) -> list[str]:
    """The forms of ``key`` that are ordinary words when ``key`` is: ± the article, − the feminine ending."""
    out = [key[2:]] if key.startswith("ال") and len(key) > 4 else ["ال" + key]
    if key.endswith("ه") and len(key) > 3:
        out.append(key[:-1])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    try:
        import wordfreq
    except ImportError:
        sys.exit("wordfreq is needed: pip install -e '.[train]'")
    freq: dict[str, float] = {}
    for word in wordfreq.iter_wordlist("ar", "large"):
        if any("\u0621" <= c <= "\u064a" for c in word):
            k = _fold(normalize(word))
            freq[k] = freq.get(k, 0.0) + wordfreq.word_frequency(word, "ar")

    def zipf(w: str) -> float:
        f = freq.get(w)
        return math.log10(f * 1e9) if f else 0.0

    rows = []
    for key, places in sorted(load_gazetteer().names.items()):
        big = any(p.fclass == "A" or p.fcode == "PPLC" or p.population >= MAX_POPULATION for p in places)
        if " " in key or big:
            continue
        best = max(relatives(key), key=zipf)
        if zipf(best) >= MIN_ZIPF:
            rows.append((key, best, f"{zipf(best):.2f}", str(max(p.population for p in places))))
    lines = [
        "# Gazetteer names that are also common words: accepted as places only with context.",
        "# Built by scripts/build_place_ambiguity.py from the gazetteer (GeoNames, CC BY 4.0) and wordfreq's",
        "# Arabic frequencies (CC BY-SA 4.0): the relative word and its Zipf frequency are the reason.",
        "key\trelative\trelative_zipf\tpopulation",
        *("\t".join(r) for r in rows),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(rows)} ambiguous names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
