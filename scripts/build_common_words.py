#!/usr/bin/env python3
"""Build ``src/khabar/data/names_common_ar.tsv.gz``: frequent Arabic words that are not names.

The people stage (:mod:`khabar.extract.people`) reads a PERSON span made of common words (``لهيب
الصيف``, ``شنبك الكثيف``, ``حسن الجوار``) as doubtful. "Common" is measured by wordfreq (R. Speer,
data CC BY-SA 4.0): the words of Zipf frequency ``--zipf`` or more, in khabar's normalised view (the
highest Zipf of the forms that fold together). Words that are names are taken out: every word seen
at least twice in a person name in ANERcorp (CAMeL Lab train split, CC BY-SA 4.0) or WikiFANE
(CC BY-SA 3.0), and the given names of ``names_given_ar.tsv`` / ``names_given_hand_ar.tsv``. The
file lists the word and its Zipf frequency (one decimal); being derived from CC BY-SA data it is
distributed under CC BY-SA 4.0.

wordfreq is in the ``train`` extra; the package reads only the file this script writes.

usage: scripts/build_common_words.py [--zipf 3.0]
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from build_names import anercorp_names, wikifane_names  # noqa: E402

from khabar.arabic.normalize import normalize  # noqa: E402
from khabar.extract.names import load_given_names  # noqa: E402

OUT = ROOT / "src" / "khabar" / "data" / "names_common_ar.tsv.gz"


def main() -> int:
    import wordfreq

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--zipf", type=float, default=3.0)
    args = ap.parse_args()
    seen: Counter[str] = Counter()
    for name in anercorp_names() + wikifane_names():
        for w in name:
            n = normalize(w)
            seen[n] += 1
            if n[:1] in "وفبل" and len(n) > 3:
                seen[n[1:]] += 1
    # a word seen once in a person name is mostly an annotation slip or a title's word (أحكام)
    names = set(load_given_names()) | {w for w, c in seen.items() if c >= 2}
    best: dict[str, float] = {}
    for w in wordfreq.get_frequency_dict("ar"):
        z = wordfreq.zipf_frequency(w, "ar")
        if z < args.zipf:
            break  # the dictionary is sorted by frequency
        n = normalize(w)
        if not n or not n.isalpha() or n in names or len(n) < 2:
            continue
        best[n] = max(best.get(n, 0.0), z)
    rows = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(
            "# Frequent Arabic words that are not names (normalised view) and their wordfreq Zipf\n"
            "# frequency, for khabar.extract.people. Built by scripts/build_common_words.py from wordfreq\n"
            f"# (R. Speer, CC BY-SA 4.0; Zipf >= {args.zipf}) minus the person-name words of ANERcorp and\n"
            "# WikiFANE and khabar's given names. CC BY-SA 4.0.\n"
            "word\tzipf\n"
        )
        for w, z in rows:
            fh.write(f"{w}\t{z:.1f}\n")
    print(f"{len(rows)} common words → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
