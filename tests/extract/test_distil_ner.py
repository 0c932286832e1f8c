"""``scripts/distil_ner.py`` and ``train_ner.py --silver``: WikiFANE's clitics rejoined, silver read back."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from conftest import load_script


@pytest.fixture(scope="module")
def distil() -> ModuleType:
    return load_script("distil_ner")


def test_prefix_clitics_glue_to_the_next_word(distil: ModuleType) -> None:
    # the encoder and the CRF were trained on ANERcorp, which writes "وقال", not "و قال"
    assert distil.rejoin(["و", "قال", "ب", "دمشق"]) == ["وقال", "بدمشق"]
    # two prefixes in a row, and the lam of "ل" + "ال" spelt as Arabic writes it ("للوزارة")
    assert distil.rejoin(["و", "ل", "الوزارة"]) == ["وللوزارة"]


def test_suffix_pronouns_glue_to_the_previous_word(distil: ModuleType) -> None:
    # a taa marbuta before a suffix is written taa: "حكومة" + "ها" → "حكومتها"
    assert distil.rejoin(["زار", "حكومة", "ها", "و", "وزراء", "هم"]) == ["زار", "حكومتها", "ووزراءهم"]


def test_a_clitic_beside_a_number_or_punctuation_stays_apart(distil: ModuleType) -> None:
    # "و 3" cannot be glued into a word; a suffix after punctuation is left as it is
    assert distil.rejoin(["و", "3", "كتب"]) == ["و", "3", "كتب"]
    assert distil.rejoin(["(", "ها"]) == ["(", "ها"]


def test_silver_file_is_read_up_to_a_token_budget(tmp_path: Path) -> None:
    train_ner = load_script("train_ner")
    path = tmp_path / "silver.tsv"
    path.write_text(
        "# header\n# source wojood 0\nزار\tO\nعمّان\tB-LOC\n\n"
        "# source wikifane 3\nقال\tO\nسمير\tB-PERS\n.\tO\n\n"
        "# source wikifane 9\nهنا\tO\n\n",
        encoding="utf-8",
    )
    assert train_ner.read_silver(path, 2) == [[("زار", "O"), ("عمّان", "B-LOC")]]
    assert len(train_ner.read_silver(path, 3)) == 2
    assert len(train_ner.read_silver(path, 100)) == 3


def test_silver_sentences_the_encoder_doubts_are_left_out(tmp_path: Path) -> None:
    # a sentence is kept only if every word's tag had at least min_conf of the encoder's probability
    train_ner = load_script("train_ner")
    path = tmp_path / "silver.tsv"
    path.write_text(
        "زار\tO\t0.99\nعمّان\tB-LOC\t0.95\n\nقال\tO\t0.99\nسمير\tB-ORG\t0.40\n\n", encoding="utf-8"
    )
    assert len(train_ner.read_silver(path, 100)) == 2
    assert train_ner.read_silver(path, 100, min_conf=0.9) == [[("زار", "O"), ("عمّان", "B-LOC")]]


def test_wojood_is_read_in_anercorp_conventions(tmp_path: Path) -> None:
    train_ner = load_script("train_ner")
    from khabar.extract.features import load_cues

    (tmp_path / "train.txt").write_text(
        # nested tags outermost first: the occupation is looked through to the organisation inside it;
        # a place noun leaves its place span (ANERcorp: مدينة O جنين B-LOC); an event is left out
        "عضو B-OCC\nاللجنة I-OCC B-ORG\nالقومية I-OCC I-ORG\nفي O\nمدينة B-GPE\nجنين I-GPE\n$#$ O\n\n"
        "زار B-EVENT\nالأردني B-NORP\nعمّان B-GPE\n\n",
        encoding="utf-8",
    )
    got = train_ner.wojood_sentences(load_cues(), other="IGN", parts=("train",), root=tmp_path)
    assert got == [
        [
            ("عضو", "O"),
            ("اللجنة", "B-ORG"),
            ("القومية", "I-ORG"),
            ("في", "O"),
            ("مدينة", "O"),
            ("جنين", "B-LOC"),
        ],
        [("زار", "B-IGN"), ("الأردني", "O"), ("عمّان", "B-LOC")],
    ]
