"""The datatrove baseline: real datatrove filters, read back as per-line predictions."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from khabar.errors import UsageError
from khabar.eval.baseline import BASELINES, baseline_speed, run_baseline, run_baselines
from khabar.eval.gold import GoldDoc, default_gold_path, load_gold, parse_gold_record
from khabar.eval.textdump import score


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


# datatrove's filters import `regex`; its word and sentence tokenizers (all baselines but c4_lines)
# need spaCy. Both come with khabar[bench].
needs_datatrove = pytest.mark.skipif(
    not (_importable("datatrove") and _importable("regex")), reason="datatrove is not installed"
)
needs_spacy = pytest.mark.skipif(not _importable("spacy"), reason="spacy is not installed")

GOOD = "هذه جملة عربية طويلة بما يكفي لتبقى بعد المرشح في النص."
LINES = [
    ("عنوان الخبر بلا نقطة", "title"),  # no terminal punctuation: C4 drops it
    # a citation: C4 removes it before its punctuation rule, which then sees "... النص. " (with the
    # space) and drops the line; the text C4 leaves ("GOOD") would match this line as well as the next
    (GOOD + " [1]", "paragraph"),
    ("اقرأ المزيد.", "boilerplate"),  # two words: C4 drops it
    ("   " + GOOD, "paragraph"),  # leading spaces are stripped by C4
    ("Please enable JavaScript in your browser to see this page.", "boilerplate"),
]


def make_doc() -> GoldDoc:
    rec = {"id": "x", "origin": "cc", "source": "s", "url": "u", "is_article": True,
           "lines": [{"text": t, "label": lab} for t, lab in LINES]}  # fmt: skip
    return parse_gold_record(rec)


@needs_datatrove
def test_c4_lines_reads_back_line_decisions() -> None:
    doc = make_doc()
    preds, seconds = run_baseline([doc], "c4_lines")
    assert seconds >= 0
    p = preds["x"]
    assert p.title is None and p.is_article is True
    kinds = [k for _, _, k in p.blocks]
    assert kinds == ["boilerplate", "boilerplate", "boilerplate", "paragraph", "boilerplate"]
    # blocks cover the stripped lines
    assert doc.raw[p.blocks[3][0] : p.blocks[3][1]] == GOOD
    b = score([doc], preds).overall.boilerplate
    assert (b.tp, b.fp, b.fn) == (2, 2, 0)


@needs_datatrove
@needs_spacy
def test_document_rejection_makes_every_line_boilerplate() -> None:
    # a menu: C4 keeps no sentence, FineWeb finds no line with terminal punctuation
    menu = [("الرئيسية", "boilerplate"), ("أخبار محلية", "boilerplate"), ("اتصل بنا", "boilerplate")]
    rec = {"id": "m", "origin": "cc", "source": "s", "url": "u", "is_article": False,
           "lines": [{"text": t, "label": lab} for t, lab in menu]}  # fmt: skip
    doc = parse_gold_record(rec)
    results = run_baselines([doc], ["c4_full", "fineweb", "fineweb_chain"])
    for name, (preds, _) in results.items():
        assert preds["m"].is_article is False, name
        assert [k for _, _, k in preds["m"].blocks] == ["boilerplate"] * 3, name
        assert score([doc], preds).overall.is_article.value == 1.0


@needs_datatrove
@needs_spacy
def test_all_baselines_on_a_slice_of_the_gold() -> None:
    path = default_gold_path()
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared beside the repository)")
    golds = load_gold(path)[::21][:10]  # both big origins
    assert len(golds) == 10 and {d.origin for d in golds} == {"saudinewsnet", "cc"}
    results = run_baselines(golds)
    assert list(results) == list(BASELINES)
    for name, (preds, seconds) in results.items():
        assert set(preds) == {d.id for d in golds}, name
        assert seconds > 0
        assert all(p.title is None and p.is_article is not None for p in preds.values())
        r = score(golds, preds)
        assert r.overall.n_docs == 10
        assert r.overall.boilerplate.f1 is not None


@needs_datatrove
def test_baseline_speed() -> None:
    assert baseline_speed([GOOD] * 20, "c4_lines") > 0


def test_unknown_baseline() -> None:
    if not (_importable("datatrove") and _importable("regex")):
        pytest.skip("datatrove is not installed")
    with pytest.raises(UsageError, match="unknown baseline"):
        run_baseline([make_doc()], "gopher")


def test_missing_datatrove_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "datatrove.data", None)  # makes the import fail
    with pytest.raises(UsageError, match=r"install khabar\[bench\]"):
        run_baseline([make_doc()], "c4_lines")
