#!/usr/bin/env python3
"""Label licence-compatible unlabelled Arabic text with the accurate (encoder) tagger: a silver set.

    python scripts/distil_ner.py --out ../distil_cache/silver.tsv --tokens 300000
    python scripts/train_ner.py --dev --silver ../distil_cache/silver.tsv --silver-tokens 60000
    python scripts/distil_ner.py --agree 300    # how far the teacher (and the CRF) agree with WikiFANE's
                                                # own PERS/LOC/ORG tags on 300 of its sentences

The silver set is what the fast CRF (``scripts/train_ner.py --silver``) is then trained on beside the
ANERcorp train split: distillation of the encoder into the default tagger (issue 16, item 4).

Text (relative to the repository, never copied into it), chosen for licences compatible with the CRF
model's CC BY-SA 4.0:

* ``../shared/data/wojood_sample/train.txt`` (SinaLab/ArabicNER sample, MIT): the tokens only; its
  own (nested, 21-type) tags are ignored; the ``$#$`` segment marks are dropped.
* ``../shared/data/fane_gold/WikiFANE_Gold_2014_500K.txt`` (Arabic Wikipedia, CC BY-SA 3.0): the tokens
  only, its gold labels ignored. WikiFANE writes clitics apart (``و تعتبر``, ``نتائج ه``); they are
  glued back (:func:`rejoin`), as ANERcorp and khabar's tokenizer keep words whole.

Never read: SaudiNewsNet (non-commercial licence) and NewsFANE (ANERcorp's own text, test split
included). Wojood comes first (news-like text), then WikiFANE sentences in a seeded shuffle, so a
prefix of the file of any size is a fixed sample; ``train_ner.py --silver-tokens`` takes such a prefix.

The output is CoNLL-like (``token<TAB>tag<TAB>p``, ``p`` the tagger's probability of the tag; a blank
line between sentences), with ``#`` header lines giving its provenance (sources, model checksum,
seed) and a ``# source`` line before each sentence.
Run it niced on a shared machine: about 1,300 tokens/s on one core.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

DATA = REPO.parent / "shared" / "data"
WOJOOD = DATA / "wojood_sample" / "train.txt"
WIKIFANE = DATA / "fane_gold" / "WikiFANE_Gold_2014_500K.txt"

#: clitics WikiFANE writes as tokens of their own: prefixes glue to the next word, suffixes
#: (pronouns) to the previous one
PREFIXES = frozenset({"و", "ف", "ب", "ل", "ك", "ال", "س"})
SUFFIXES = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "كما", "كن", "نا", "ي"})


def rejoin(tokens: list[str]) -> list[str]:
    """WikiFANE's segmented tokens as written words: ``و تعتبر`` → ``وتعتبر``, ``نتائج ه`` → ``نتائجه``.

    Spelling at the seams follows Arabic orthography: ``ل`` + ``ال…`` → ``لل…``, and a final
    taa marbuta before a suffix becomes ``ت`` (``عاصمة ها`` → ``عاصمتها``).
    """
    out: list[str] = []
    pending = ""
    for tok in tokens:
        if tok in SUFFIXES and out and not pending and out[-1][-1:].isalpha():
            prev = out[-1]
            out[-1] = (prev[:-1] + "ت" if prev.endswith("ة") else prev) + tok
            continue
        if tok in PREFIXES:
            pending += tok
            continue
        if pending:
            if not tok[:1].isalpha():
                out.append(pending)
            elif pending.endswith("ل") and tok.startswith("ال"):
                tok = pending + tok[1:]
            else:
                tok = pending + tok
            pending = ""
        out.append(tok)
    if pending:
        out.append(pending)
    return out


def wojood_sentences() -> Iterator[list[str]]:
    cur: list[str] = []
    for line in [*WOJOOD.read_text(encoding="utf-8").splitlines(), ""]:
        tok = line.split(" ")[0].strip() if line.strip() else ""
        if not tok:
            if cur:
                yield cur
            cur = []
        elif tok != "$#$":
            cur.append(tok)


def wikifane_sentences() -> Iterator[list[str]]:
    cur: list[str] = []
    with open(WIKIFANE, encoding="utf-8-sig") as fh:
        for line in [*fh, "\n"]:
            parts = line.replace("\u200e", "").rstrip("\r\n").split("\t")
            tok = parts[0].strip() if len(parts) == 2 else ""
            if not tok:
                if cur:
                    yield rejoin(cur)
                cur = []
            else:
                cur.append(tok)


def agreement(n: int, seed: int = 7) -> None:
    """Print the encoder's and the CRF's entity scores against WikiFANE's gold on ``n`` sentences.

    A measure of the silver labels' quality on the text they are made from (WikiFANE's gold is read
    here only to score, never to train); its conventions differ somewhat from ANERcorp's, and the
    CRF's gazetteer holds WikiFANE's names, so read the two side by side, not as absolute figures.
    """
    sys.path.insert(0, str(REPO / "scripts"))
    from train_ner import wikifane_sentences as gold_sentences

    from khabar.eval.ner import format_scores, score_entities
    from khabar.extract.accurate.tagger import load_tagger
    from khabar.extract.features import load_cues
    from khabar.extract.ner import load_model

    sents = gold_sentences(load_cues())
    random.Random(seed).shuffle(sents)
    sents = [s for s in sents if 3 <= len(s) <= 120][:n]
    words = [[w for w, _ in s] for s in sents]
    gold = [[g for _, g in s] for s in sents]
    crf = load_model()
    print(f"{n} WikiFANE sentences, {sum(map(len, words)):,} tokens; PERS/LOC/ORG against WikiFANE's tags")
    enc = load_tagger()
    enc.pack = False  # shuffled sentences share no document: each is read alone
    enc.crf_weight = 0.0  # the encoder alone, not joined with the CRF it is compared with
    for name, pred in (("encoder", enc.tag_many(words)), ("CRF", [crf.tag(w) for w in words])):
        print(name)
        print(format_scores(score_entities(gold, pred, types=["PERS", "LOC", "ORG"])))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="silver file (keep it outside the repository)")
    ap.add_argument(
        "--agree", type=int, default=0, help="only score agreement on this many WikiFANE sentences"
    )
    ap.add_argument("--tokens", type=int, default=300_000, help="stop after about this many tokens")
    ap.add_argument("--seed", type=int, default=16, help="shuffle seed of the WikiFANE sentences")
    ap.add_argument("--max-len", type=int, default=120, help="skip longer sentences (tables, lists)")
    args = ap.parse_args(argv)
    if args.agree:
        agreement(args.agree)
        return 0
    if args.out is None:
        ap.error("--out is needed")
    import numpy as np

    from khabar.extract.accurate.decode import viterbi_bio
    from khabar.extract.accurate.tagger import MODEL_FILE, load_tagger

    tagger = load_tagger()
    tagger.pack = False  # shuffled sentences share no document: each is read alone, as when labelled
    model_sha = hashlib.sha256((REPO / "src" / "khabar" / "data" / MODEL_FILE).read_bytes()).hexdigest()
    wiki = list(wikifane_sentences())
    random.Random(args.seed).shuffle(wiki)
    items = [("wojood", i, s) for i, s in enumerate(wojood_sentences())]
    items += [("wikifane", i, s) for i, s in enumerate(wiki)]
    items = [it for it in items if 3 <= len(it[2]) <= args.max_len]
    done, t0 = 0, time.perf_counter()
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(
            "# silver NER labels by khabar's accurate tagger (scripts/distil_ner.py)\n"
            f"# model {MODEL_FILE} sha256 {model_sha}\n"
            "# text: wojood_sample/train.txt (SinaLab/ArabicNER, MIT), tokens only; then "
            f"WikiFANE_Gold_2014_500K.txt (Arabic Wikipedia, CC BY-SA 3.0), tokens only, clitics rejoined, "
            f"sentences shuffled with seed {args.seed}; sentences of 3..{args.max_len} tokens\n"
        )
        batch = 64
        for k in range(0, len(items), batch):
            chunk = items[k : k + batch]
            for (src, i, s), lp in zip(chunk, tagger.word_logp([s for _, _, s in chunk]), strict=True):
                best = viterbi_bio(lp)
                # the tagger's probability of each word's decoded tag (its first piece's softmax)
                conf = np.exp(lp[np.arange(len(best)), best])
                fh.write(f"# source {src} {i}\n")
                fh.writelines(
                    f"{w}\t{tagger.tags[g]}\t{c:.3f}\n" for w, g, c in zip(s, best, conf, strict=True)
                )
                fh.write("\n")
                done += len(s)
            fh.flush()
            if (k // batch) % 20 == 0:
                rate = done / (time.perf_counter() - t0)
                print(f"{done:,} tokens, {rate:,.0f} tokens/s", file=sys.stderr)
            if done >= args.tokens:
                break
    print(f"wrote {args.out}: {done:,} tokens in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
