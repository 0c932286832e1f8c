"""The tagger's sentence features a document at a time (khabar.extract.ner_sentence, issue 15)."""

from __future__ import annotations

from khabar.extract.ner import load_model
from khabar.extract.ner_sentence import bigram_tables, sentence_pairs


def test_a_documents_sentence_features_are_each_sentences_in_order() -> None:
    # the bigrams of all the tokens looked up in C, then the cues and gazetteer classes: each row's
    # weight rows in the order sentence_cols gives them, so np.add.at makes the same sums
    model = load_model()
    sentences = [
        ["وقال", "وزير", "الدفاع", "الروسي", "سيرغي", "شويغو", "في", "موسكو", "."],
        ["زار", "الرئيس", "المصري", "عبد", "الفتاح", "السيسي", "المملكة", "العربية", "السعودية"],
        ["قالت", "كسيلفونتا", "إن", "بلوريتانيا", "ترفض", "ذلك"],
        ["نيويورك"],
    ]
    rows, cols = sentence_pairs(model, sentences)
    per_row: list[list[int]] = [[] for _ in range(sum(map(len, sentences)))]
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        per_row[r].append(c)
    assert per_row == [row for tokens in sentences for row in model.sentence_cols(tokens)]


def test_bigram_tables_hold_a_pair_exactly_when_its_string_is_a_feature() -> None:
    # a word may be "|" itself: every cut of the string at a "|" is a key, and each key's string is
    # the feature's own (the same row as the index gives it)
    index = {"bg-=قال|وزير": 0, "bg+=|||x": 1, "bg-=a|b|c": 2, "w=قال": 3}
    before, after = bigram_tables(index)
    assert before == {("قال", "وزير"): 0, ("a", "b|c"): 2, ("a|b", "c"): 2}
    assert after[("|", "|x")] == 1 and after[("||", "x")] == 1
    for table, kind in ((before, "bg-"), (after, "bg+")):
        for (a, b), j in table.items():
            assert index[f"{kind}={a}|{b}"] == j
