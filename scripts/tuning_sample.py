"""Write a tuning sample of SaudiNewsNet articles that no gold set and no acceptance sample holds.

Rules for the fact layers are read off pages a user would see; those pages must not be the ones the
figures are taken on. This draws N articles (default 1,000, seed 13) from ``saudinewsnet_full``,
leaving out the 3,096-article sample (which holds all of ``facts_gold``), the events gold set and
the text-dump gold set (matched by URL), and writes them as JSON Lines with ids ``DAY#INDEX`` (the
ids the sample uses).

usage: python scripts/tuning_sample.py [-n N] [--seed S] [-o OUT]
"""

from __future__ import annotations

import argparse
import json
import random
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("-o", "--output", default=str(DATA.parent.parent / "tune" / "snn_tune_1k.jsonl"))
    args = ap.parse_args()
    sample = [
        json.loads(line) for line in (DATA / "saudinewsnet_sample" / "saudinewsnet_sample_3k.jsonl").open()
    ]
    taken_ids = {r["id"] for r in sample}
    taken_urls = {r.get("url") for r in sample}
    for line in (DATA / "events_gold" / "docs.jsonl").open(encoding="utf-8"):
        taken_ids.add(json.loads(line).get("doc_id"))
    for line in (DATA / "gold" / "textdump_gold.jsonl").open(encoding="utf-8"):
        taken_urls.add(json.loads(line).get("url"))
    pool = []
    for path in sorted((DATA / "saudinewsnet_full").glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            day = json.loads(z.read(z.namelist()[0]))
        for i, rec in enumerate(day):
            rid = f"{path.stem}#{i}"
            if rid not in taken_ids and rec.get("url") not in taken_urls:
                pool.append({"id": rid, **rec})
    random.seed(args.seed)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for rec in random.sample(pool, args.n):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{args.n} of {len(pool)} articles to {out}")


if __name__ == "__main__":
    main()
