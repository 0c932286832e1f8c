#!/usr/bin/env python3
"""Build ``src/khabar/data/wordfreq_ar.tsv.gz``: Arabic word frequencies in khabar's normalised view.

:mod:`khabar.arabic.clitics` needs to tell a word from a clitic + word: ``وزير`` "minister" is a
word, ``وبوتين`` is و + بوتين, ``باندورا`` is a film and not ب + أندورا. The frequency of the whole
against the frequency of what a clitic would leave decides (see that module), so khabar ships the
frequencies of Arabic word forms.

Source: the Arabic "large" list of **wordfreq** (R. Speer et al., data CC BY-SA 4.0; ``pip install
-e '.[train]'``), which merges several corpora. Each form is put in
the normalised view (:func:`khabar.arabic.normalize.normalize`: alef, yeh, teh marbuta and hamza
carriers folded, marks dropped); forms that fold together are merged by summing their frequencies
(``أدى`` + ``ادى`` + ``أدي`` → ``ادي``), and tokens that are not all Arabic letters are left out.

Output: a gzipped TSV with one line per Zipf frequency (log10 of occurrences per billion words, one
decimal): ``zipf<TAB>form form …``, the forms of that frequency sorted, frequencies of at least
``--min-zipf``. Grouped so that loading makes no object per value.

The cut-off, measured: wordfreq's list stops near Zipf 1.0. Processing the tuning sample
(``../tune/snn_tune_1k.jsonl``, 1,000 articles) with tables cut at 1.0, 1.5 and 2.0: 1.0 and 1.5
give the same entities but for 3 spans (one better, two worse with 1.5); 2.0 changes 25 and loses
rare names (فرنان بروديل → رنان بروديل، كوريتا → وريتا، ويلنجتون → يلنجتون، لوغار → وغار). Zipf
1.5 keeps 322,449 forms: 1.2 MB on disk, about 37 MB in memory and 0.2 s to load (1.0: 1.8 MB,
62 MB, 0.35 s). As an adaptation of wordfreq's data, the file is distributed under CC BY-SA 4.0 (see
``SOURCES.md``). The script also prints the clitic rates the decision uses.

Usage: ``.venv/bin/python scripts/build_wordfreq.py [--min-zipf 1.5] [--out PATH]``
"""

from __future__ import annotations

import argparse
import gzip
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khabar.arabic.normalize import normalize  # noqa: E402

OUT = REPO / "src" / "khabar" / "data" / "wordfreq_ar.tsv.gz"
#: the Arabic letters (hamza … yeh) a normalised form may consist of
_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B))

HEADER = (
    "# Arabic word forms in khabar's normalised view and their Zipf frequency (log10 per billion words).\n"
    "# Built by scripts/build_wordfreq.py from wordfreq's Arabic 'large' list (R. Speer, wordfreq;\n"
    "# data CC BY-SA 4.0): forms that normalise alike are merged by summing frequencies.\n"
    "# This file is an adaptation of wordfreq's data and is distributed under CC BY-SA 4.0.\n"
    "# One line per frequency: the Zipf value, a tab, then every form of that value, space-separated.\n"
    "zipf\tforms\n"
)


def build() -> dict[str, float]:
    """Normalised form → Zipf frequency (one decimal), forms merged: wordfreq's whole list."""
    try:
        import wordfreq
    except ImportError:
        sys.exit("wordfreq is needed: pip install -e '.[train]'")
    freq: dict[str, float] = {}
    for word, f in wordfreq.get_frequency_dict("ar", "large").items():
        form = normalize(word)
        if form and all(c in _LETTERS for c in form):
            freq[form] = freq.get(form, 0.0) + f
    return {w: round(math.log10(f * 1e9), 1) for w, f in freq.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-zipf", type=float, default=1.5, help="leave out rarer forms (default 1.5)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    full = build()
    table = {w: z for w, z in full.items() if z >= args.min_zipf}
    groups: dict[float, list[str]] = {}
    for w, z in sorted(table.items()):
        groups.setdefault(z, []).append(w)
    body = "".join(f"{z:.1f}\t{' '.join(ws)}\n" for z, ws in sorted(groups.items(), reverse=True))
    # mtime=0: the same input gives the same bytes
    args.out.write_bytes(gzip.compress((HEADER + body).encode("utf-8"), compresslevel=9, mtime=0))
    size = args.out.stat().st_size
    print(f"wrote {args.out}: {len(table):,} forms, {size / 1e6:.2f} MB", file=sys.stderr)
    print_clitic_rates(full)
    return 0


def print_clitic_rates(table: dict[str, float]) -> None:
    """How far below its stem a clitic form lies (``f(cX) − f(X)`` over the frequent words ``X``):
    the median is ``khabar.arabic.clitics.CLITIC_RATE``, the spread to the 90th percentile about its
    ``TOLERANCE``. Measured on the whole list: a cut-off would hide the rarer clitic forms."""
    import statistics

    for c in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"):
        d = sorted(
            table[c + x] - table[x]
            for x, z in table.items()
            if z >= 3.0 and len(x) >= 3 and not x.startswith("ال") and c + x in table
        )
        if d:
            med = statistics.median(d)
            p90 = d[int(len(d) * 0.9)]
            print(f"{c}\t{len(d):>6} words\tmedian {med:+.1f}\t90th percentile {p90:+.1f}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
