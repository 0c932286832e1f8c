"""Write ``src/khabar/data/ner_names_ar.txt.gz``: ``clean_names`` of the NER model's own names.

The NER's clitic trimming needs the model's entity words and its gazetteer's first words without
their clitic forms (:func:`khabar.arabic.clitics.clean_names`). Cleaning 17,000 names against the
word-frequency table took a quarter of a second at every start of ``khabar process --facts``; the
package ships the result instead (:data:`khabar.extract.ner.NAMES_FILE`). Its header holds the
SHA-256 of the names and of the frequency table it was computed from, so a retrained model or a
rebuilt table makes khabar compute the list again until this script is rerun; a test checks that the
shipped list equals the computation. Run it after ``scripts/train_ner.py`` or
``scripts/build_wordfreq.py``::

    .venv/bin/python scripts/build_ner_names.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from khabar.arabic.clitics import clean_names
from khabar.extract.ner import NAMES_FILE, load_model, names_header

OUT = Path(__file__).resolve().parents[1] / "src" / "khabar" / "data" / NAMES_FILE


def main() -> int:
    own = load_model().own_names()
    cleaned = sorted(clean_names(own))
    # one name a line, no newline after the last: the list holds an empty name too (the model's)
    text = names_header(own) + "\n" + "\n".join(cleaned)
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{OUT}: {len(cleaned):,} of {len(own):,} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
