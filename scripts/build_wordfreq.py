#!/usr/bin/env python3
"""Build ``src/khabar/data/wordfreq_ar.tsv.gz``: Arabic word frequencies in khabar's normalised view.

:mod:`khabar.arabic.clitics` needs to tell a word from a clitic + word: ``وزير`` "minister" is a
word, ``وبوتين`` is و + بوتين, ``باندورا`` is a film and not ب + أندورا. The frequency of the whole
against the frequency of what a clitic would leave decides (see that module), so khabar ships the
frequencies of Arabic word forms.

Source: the Arabic "large" list of **wordfreq** (R. Speer et al., data CC BY-SA 4.0; ``pip install
-e '.[train]'``), which merges Wikipedia, subtitles, news, web text and Twitter. Each form is put in
the normalised view (:func:`khabar.arabic.normalize.normalize`: alef, yeh, teh marbuta and hamza
carriers folded, marks dropped); forms that fold together are merged by summing their frequencies
(``أدى`` + ``ادى`` + ``أدي`` → ``ادي``), and tokens that are not all Arabic letters are left out.

Output: a gzipped TSV, ``form<TAB>zipf`` (Zipf frequency: log10 of occurrences per billion words,
one decimal), sorted by form, forms of at least ``--min-zipf``. wordfreq's list stops near Zipf 1.0;
the default keeps it whole (1.9 MB): measured on the word types of the tuning sample that start with a
proclitic letter (18,179 types), cutting the table at Zipf 1.5 or 2.0 changes 160 or 425 decisions,
and read one by one the full table's are the better ones — a rare stem (فاروفاكيس 1.5) is what lets
لفاروفاكيس be cut, a rare whole (كوريتا 1.9) what keeps كوريتا whole. See ``khabar.arabic.clitics``
for the decision. As an adaptation of wordfreq's data, the file is distributed under CC BY-SA 4.0
(see ``SOURCES.md``). The script also prints the clitic rates the decision uses.

Usage: ``.venv/bin/python scripts/build_wordfreq.py [--min-zipf 1.0] [--out PATH]``
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
    "form\tzipf\n"
)


def build(min_zipf: float) -> dict[str, float]:
    """Normalised form → Zipf frequency, forms merged, those under ``min_zipf`` left out."""
    try:
        import wordfreq
    except ImportError:
        sys.exit("wordfreq is needed: pip install -e '.[train]'")
    freq: dict[str, float] = {}
    for word, f in wordfreq.get_frequency_dict("ar", "large").items():
        form = normalize(word)
        if form and all(c in _LETTERS for c in form):
            freq[form] = freq.get(form, 0.0) + f
    zipf = {w: round(math.log10(f * 1e9), 1) for w, f in freq.items()}
    return {w: z for w, z in zipf.items() if z >= min_zipf}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-zipf", type=float, default=1.0, help="leave out rarer forms (default 1.0)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    table = build(args.min_zipf)
    body = "".join(f"{w}\t{z:.1f}\n" for w, z in sorted(table.items()))
    # mtime=0: the same input gives the same bytes
    args.out.write_bytes(gzip.compress((HEADER + body).encode("utf-8"), compresslevel=9, mtime=0))
    size = args.out.stat().st_size
    print(f"wrote {args.out}: {len(table):,} forms, {size / 1e6:.2f} MB", file=sys.stderr)
    print_clitic_rates(table)
    return 0


def print_clitic_rates(table: dict[str, float]) -> None:
    """How far below its stem a clitic form lies (``f(cX) − f(X)`` over the frequent words ``X``):
    the median is ``khabar.arabic.clitics.CLITIC_RATE``, the spread to the 90th percentile about its
    ``TOLERANCE``."""
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
