"""The accurate NER tagger (issue 16): the shipped encoder loads, tags the seed, holds its test-split score,
says which extra is missing, and decodes under the BIO constraints."""

from __future__ import annotations

import importlib.util
import sys
from importlib import resources

import numpy as np
import pytest

from khabar.extract.accurate.decode import TAGS, viterbi_bio, word_windows

from conftest import SEED, SHARED, need

ANERCORP = SHARED / "data" / "anercorp" / "ANERCorp.txt"
HAVE_RUNTIME = all(importlib.util.find_spec(m) is not None for m in ("onnxruntime", "tokenizers"))
needs_runtime = pytest.mark.skipif(
    not HAVE_RUNTIME,
    reason="the accurate tagger's runtime (onnxruntime, tokenizers) is not installed: "
    "pip install 'khabar[accurate]' (make test installs it)",
)

# Entity-level micro-F1 of the shipped accurate tagger on the ANERcorp CAMeL test split (last 25,008
# tokens), measured by `khabar eval ner --tagger accurate`, minus 0.01; never lower them silently.
# Sentences packed into windows of their document and names made consistent across it (issue 16,
# second round): 0.715 → 0.729 and 0.741 → 0.751 with the same model file. Joined with the CRF's
# log-marginals (khabar.extract.accurate.ensemble, weight 0.7 chosen on the dev slice): 0.729 → 0.763
# and 0.751 → 0.783. The encoder retrained with WikiFANE sentences in each epoch (fourth round; CRF
# weight 0.3 chosen on the dev slice): 0.763 → 0.781 and 0.783 → 0.802. The same recipe refit on the
# whole train split, its last two epochs averaged (sixth round): 0.781 → 0.783 and 0.802 → 0.805. Its
# graph with the residual LayerNorms and GELUs unfused (ninth round: the same function, 1.4x faster on
# one core; the last bits of the floats differ and the int8 activations round with them): 0.783 → 0.778
# and 0.805 → 0.801, inside the spread of graphs computing the same function (0.778 – 0.783); the
# floors were kept.
FLOOR_ALL_TYPES = 0.773  # measured 0.778 (CRF: 0.710)
FLOOR_PERS_LOC_ORG = 0.795  # measured 0.801 (CRF: 0.728)


def test_viterbi_never_opens_an_entity_with_i() -> None:
    # the per-word argmax (I-PERS first, I-LOC after O) is not a BIO sequence; the decoder repairs it
    logp = np.log(np.full((3, len(TAGS)), 0.01))
    logp[0, TAGS.index("I-PERS")] = np.log(0.6)
    logp[0, TAGS.index("B-PERS")] = np.log(0.3)
    logp[1, TAGS.index("O")] = np.log(0.9)
    logp[2, TAGS.index("I-LOC")] = np.log(0.5)
    logp[2, TAGS.index("B-LOC")] = np.log(0.4)
    assert [TAGS[t] for t in viterbi_bio(logp)] == ["B-PERS", "O", "B-LOC"]


def test_word_windows_cut_between_words() -> None:
    # 10 words of 30 pieces: windows of at most 126 content pieces (128 with <s> and </s>)
    assert word_windows([30] * 10) == [(0, 4), (4, 8), (8, 10)]
    assert word_windows([200, 1]) == [(0, 1), (1, 2)]  # a giant word gets a window of its own
    assert word_windows([]) == [(0, 0)]


def test_the_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from khabar.extract.accurate.tagger import EncoderTagger

    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime → ImportError
    with pytest.raises(ImportError, match=r"khabar\[accurate\]"):
        EncoderTagger.from_files("model.onnx", "vocab.json.gz")


def test_an_unknown_tagger_is_refused() -> None:
    from khabar.errors import UnknownStageError
    from khabar.pipeline import with_ner

    with pytest.raises(UnknownStageError, match="accurate"):
        with_ner(("entities",), "bert")
    assert with_ner(("segment", "entities", "places"), "accurate") == (
        "segment",
        "entities_accurate",
        "places",
    )


def test_the_model_files_ship_within_the_size_budget() -> None:
    data = resources.files("khabar") / "data"
    size = sum((data / f).stat().st_size for f in ("ner_e5.onnx", "ner_e5_vocab.json.gz"))  # type: ignore[attr-defined]
    assert size <= 40 * 1024 * 1024


def test_the_shipped_graph_holds_no_slow_fused_kernel() -> None:
    # scripts/export_encoder_ner.py unfuses them (unfuse_slow_kernels): onnxruntime's CPU kernels for
    # SkipLayerNormalization and BiasGelu made the encoder 1.4x slower on one core; an export that
    # skipped the rewrite would ship that again (op types are plain strings in the ONNX protobuf)
    graph = (resources.files("khabar") / "data" / "ner_e5.onnx").read_bytes()
    assert b"LayerNormalization" in graph and b"Gelu" in graph
    assert b"SkipLayerNormalization" not in graph
    assert b"BiasGelu" not in graph


@needs_runtime
def test_the_shipped_model_tags_the_seed() -> None:
    from khabar import process_text
    from khabar.pipeline import FACT_STAGES

    doc = process_text(SEED.read_text(encoding="utf-8"), extra=FACT_STAGES, ner="accurate")
    ents = [*doc.entities, *(doc.low_confidence.entities if doc.low_confidence else [])]
    # the people are the tagger's; the places layer adds LOC spans of its own (gazetteer evidence)
    assert ents and all(e.attrs.get("tagger") == "accurate" for e in ents if e.label == "PERSON")
    people = " ".join(e.text for e in ents if e.label == "PERSON")
    places = {e.text for e in ents if e.label == "LOC"}
    # issue 16's acceptance: Assad, Putin, Shoigu, Mekdad as PERS. المقداد is named once, in the subtitle
    # "شويغو والمقداد انضما لاحقاً للاجتماع"; the first model (trained on ANERcorp alone) missed him once
    # each window ran alone, the one trained with WikiFANE sentences too tags him
    for name in ("الأسد", "بوتين", "شويغو", "المقداد"):
        assert name in people, name
    assert "المقداد" not in " ".join(places)
    for name in ("موسكو", "درعا", "إدلب"):
        assert name in places, name


@needs_runtime
def test_anercorp_test_split_floor() -> None:
    # one pass (evaluate_model makes three, for its speed figures): as `khabar eval ner --tagger accurate`
    # scores, the sentences of a document (DOC_SENTENCES) at a time
    from khabar.eval.ner import DOC_SENTENCES, TYPES, score_entities, split_anercorp
    from khabar.extract.accurate.tagger import load_tagger

    _, test = split_anercorp(need(ANERCORP))
    tagger = load_tagger()
    toks = [[t for t, _ in s] for s in test]
    gold = [[g for _, g in s] for s in test]
    pred = [
        p
        for k in range(0, len(toks), DOC_SENTENCES)
        for p in tagger.tag_document(toks[k : k + DOC_SENTENCES])
    ]
    assert score_entities(gold, pred, types=TYPES)["overall"].f1 >= FLOOR_ALL_TYPES
    assert score_entities(gold, pred, types=("PERS", "LOC", "ORG"))["overall"].f1 >= FLOOR_PERS_LOC_ORG


def test_sentences_are_packed_whole_into_windows() -> None:
    from khabar.extract.accurate.decode import pack_windows

    # sentences of 40, 50, 30 and 20 pieces: 40 + 50 + 30 = 120 fit 126 content pieces, 20 more do not
    assert pack_windows([[20, 20], [50], [10, 20], [20]]) == [[(0, 0, 2), (1, 0, 1), (2, 0, 2)], [(3, 0, 1)]]
    # a sentence longer than a window is cut between words into windows of its own, between the others
    assert pack_windows([[10], [100, 100], [5]]) == [[(0, 0, 1)], [(1, 0, 1)], [(1, 1, 2)], [(2, 0, 1)]]
    # an empty sentence gets no window; a cap narrows each window (training draws it at random)
    assert pack_windows([[], [30], [30]], cap=lambda: 60) == [[(1, 0, 1)], [(2, 0, 1)]]


def test_window_pieces_point_at_each_words_first_piece() -> None:
    from khabar.extract.accurate.decode import window_pieces

    ids = [[7, 8, 9], [4, 5]]  # sentence 0: words of 2 and 1 pieces; sentence 1: 2 words of 1 piece
    starts = [[0, 2, 3], [0, 1, 2]]
    pieces, first = window_pieces([(0, 0, 2), (1, 1, 2)], ids, starts, bos=0, eos=2)
    assert pieces == [0, 7, 8, 9, 5, 2]
    assert first == [1, 3, 4]


def test_document_consistency_tags_the_repeats_of_a_confident_name() -> None:
    # A made-up document: "قال سامر" (a PERS the model is sure of) and later "وسامر" read alone as
    # O with a weak PERS reading; the bonus flips the repeat (its proclitic و allowed), not the
    # other words, and a repeat whose evidence for O is overwhelming stays O.
    from khabar.extract.accurate.decode import document_consistency

    def lp(rows: list[dict[str, float]]) -> np.ndarray:
        out = np.full((len(rows), len(TAGS)), 1e-4)
        for i, row in enumerate(rows):
            for t, p in row.items():
                out[i, TAGS.index(t)] = p
        return np.log(out / out.sum(1, keepdims=True))

    sents = [["قال", "سامر"], ["وسامر", "هنا"], ["سامر", "يقول"]]
    logps = [
        lp([{"O": 0.99}, {"B-PERS": 0.95, "O": 0.05}]),
        lp([{"O": 0.7, "B-PERS": 0.3}, {"O": 0.99}]),
        lp([{"O": 0.9999}, {"O": 0.99}]),
    ]
    before = [[TAGS[t] for t in viterbi_bio(x)] for x in logps]
    after = [[TAGS[t] for t in viterbi_bio(x)] for x in document_consistency(sents, logps)]
    assert before[1] == ["O", "O"]
    assert after == [["O", "B-PERS"], ["B-PERS", "O"], ["O", "O"]]


def test_a_line_without_a_full_stop_is_read_alone() -> None:
    # A made-up page: a subtitle "الوفد يصل غدا" (no full stop) between two sentences of running text;
    # packed, it would read as the opening of the next sentence. It gets a window of its own and the
    # sentences of running text around it do not share one across it.
    from khabar.extract.accurate.decode import closed_sentence, pack_windows

    sents = [["وصل", "الوزير", "."], ["الوفد", "يصل", "غدا"], ["قال", "المتحدث", ":", "«", "نعم", ".", "»"]]
    alone = [not closed_sentence(s) for s in sents]
    assert alone == [False, True, False]  # a closing quote after the full stop still closes
    assert pack_windows([[1] * len(s) for s in sents], alone=alone) == [[(0, 0, 3)], [(1, 0, 3)], [(2, 0, 7)]]
    assert not closed_sentence([]) and not closed_sentence(["(", "تقرير", ")"])
