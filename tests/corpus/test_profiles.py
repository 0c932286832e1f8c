"""Site profiles: template lines are learned per site, removed with their reason, content is safe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.cli import main
from khabar.corpus import run
from khabar.corpus.profiles import (
    MIN_SITE_DOCS,
    LineCounts,
    Profiles,
    apply_profile,
    learn_records,
    load_profiles,
    process_record,
)
from khabar.corpus.writers import read_shard
from khabar.errors import UsageError
from khabar.io import RawRecord, read_inputs
from khabar.model import Source

from conftest import GOLD, SHARED, need

TEMPLATE = "مجلة الأفق الجديد صوت المدينة وأهلها منذ عام 1990"


def _article(i: int) -> str:
    # a different paragraph per document: only the template line repeats
    words = " ".join(f"كلمة{i}_{k}" for k in range(40))
    return f"عنوان الخبر رقم {i} عن الاقتصاد\nأعلنت الوزارة اليوم {words}.\n{TEMPLATE}"


def _corpus(path: Path, n: int = 80, site_key: str = "source") -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            rec = {"id": f"d{i}", "text": _article(i), site_key: "mysite" if i % 2 == 0 else "other"}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def test_learn_threshold_and_round_trip(tmp_path: Path) -> None:
    counts = LineCounts()
    for i in range(100):
        counts.add_document("s", ["خط مكرر", f"سطر فريد {i}", "خط مكرر", "نادر" if i < 5 else ""])
    counts.add_document("tiny", ["خط مكرر"])
    prof = counts.profiles(min_share=0.1, min_docs=10)
    assert set(prof.sites) == {"s"}  # a site below MIN_SITE_DOCS gets no profile
    sp = prof.sites["s"]
    assert sp.docs == 100 and list(sp.lines.values()) == [100]  # counted once per document
    assert sp.texts[next(iter(sp.lines))] == "خط مكرر"
    prof.save(str(tmp_path))
    again = load_profiles(str(tmp_path))
    assert again is not None and again.key == prof.key and again.sites["s"].lines == sp.lines
    assert load_profiles(str(tmp_path / "none")) is None
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "profiles.json").write_text("{}", encoding="utf-8")
    with pytest.raises(UsageError, match="not a khabar site-profiles file"):
        load_profiles(str(tmp_path / "bad"))
    assert MIN_SITE_DOCS > 1


def test_merge_equals_one_pass() -> None:
    docs = [("a", [f"x{i % 3}", "t"]) for i in range(60)]
    whole, left, right = LineCounts(), LineCounts(), LineCounts()
    for i, (s, lines) in enumerate(docs):
        whole.add_document(s, lines)
        (left if i < 25 else right).add_document(s, lines)
    left.merge(right)
    assert left.profiles().to_dict() == whole.profiles().to_dict()


def test_run_removes_template_lines_with_reason(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in.jsonl")
    prof_dir = tmp_path / "prof"
    s = run(
        [str(src)], str(tmp_path / "out"), shard_size=25, dedup="off", profiles=str(prof_dir), progress=False
    )
    assert s.records_out == 80
    prof = load_profiles(str(prof_dir))
    assert prof is not None and set(prof.sites) == set()  # 40 documents a site: below MIN_SITE_DOCS
    # more documents: the template line is learned for both sites and removed with its reason
    src = _corpus(tmp_path / "in2.jsonl", n=2 * MIN_SITE_DOCS + 20)
    out = tmp_path / "out2"
    run([str(src)], str(out), shard_size=40, dedup="off", profiles=str(out / "profiles"), progress=False)
    recs = [r for p in sorted(out.glob("part-*.jsonl")) for r in read_shard(str(p), "jsonl")]
    reasons = {b.get("reason") for r in recs for b in r["blocks"] if b["text"] == TEMPLATE}
    assert reasons == {"site_profile:mysite", "site_profile:other"}
    assert all(TEMPLATE not in r["text"] for r in recs)
    assert all(r["title"] and r["title"].startswith("عنوان الخبر") for r in recs)  # content stays


def test_site_field(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in.jsonl", n=2 * MIN_SITE_DOCS + 20, site_key="outlet")
    out = tmp_path / "out"
    run([str(src)], str(out), shard_size=50, dedup="off", profiles=str(out / "p"), site_field="outlet",
        progress=False)  # fmt: skip
    prof = load_profiles(str(out / "p"))
    assert prof is not None and set(prof.sites) == {"mysite", "other"}
    rec = next(read_shard(str(out / "part-00000.jsonl"), "jsonl"))
    assert rec["source"]["site"] in {"mysite", "other"}


def test_confident_content_is_protected() -> None:
    para = (
        "وأوضح المتحدث باسم الوزارة أن المشروع الجديد سيوفر آلاف فرص العمل للشباب في المنطقة "
        "خلال العام المقبل."
    )
    raw = f"عنوان خبر عن المشروع الجديد\n{para}\n{TEMPLATE}"
    counts = LineCounts()
    for _ in range(100):
        counts.add_document("s", raw.split("\n"))  # every line in every document
    prof = counts.profiles()
    item = RawRecord(id="x", raw=raw, source=Source(site="s"))
    doc = process_record(item, prof)
    kinds = {b.text: (b.kind, b.reason) for b in doc.blocks}
    assert kinds[TEMPLATE][0] == "boilerplate"  # by the classifier or the profile
    # at 100 % of the site's documents even content goes: it is the template, not the article
    assert kinds[para][0] == "boilerplate"
    # at 30 % a confidently classified paragraph stays
    counts2 = LineCounts()
    for i in range(100):
        counts2.add_document("s", raw.split("\n") if i < 30 else [f"سطر {i}"])
    doc2 = process_record(item, counts2.profiles())
    assert {b.text: b.kind for b in doc2.blocks}[para] == "paragraph"


def test_profiles_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    counts = LineCounts()
    for i in range(60):
        counts.add_document("mysite", [TEMPLATE, f"سطر {i}"])
    counts.profiles().save(str(tmp_path))
    assert main(["profiles", "--profiles", str(tmp_path)]) == 0
    assert "mysite" in capsys.readouterr().out
    assert main(["profiles", "mysite", "--profiles", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert TEMPLATE in out and "100.0%" in out
    assert main(["profiles", "nosuch", "--profiles", str(tmp_path)]) == 2
    assert "profiled sites: mysite" in capsys.readouterr().err
    assert main(["profiles", "--profiles", str(tmp_path / "missing")]) == 3  # a path that is not there
    assert "khabar run" in capsys.readouterr().err


def test_gold_floor_with_full_corpus_profiles() -> None:
    """Acceptance: profiles learned from all of SaudiNewsNet do not lower boilerplate F1 on the gold
    set's SaudiNewsNet dumps and remove no gold title/heading/paragraph line (≈ 10 s: learning reads
    31k records but only folds their lines)."""
    from khabar.eval.gold import load_gold
    from khabar.eval.textdump import Prediction, score

    full = need(SHARED / "data" / "saudinewsnet_full")
    golds = [g for g in load_gold(need(GOLD)) if g.origin == "saudinewsnet"]
    prof = learn_records(read_inputs([str(full)], glob="*.zip")).profiles()
    assert sum(p.docs for p in prof.sites.values()) > 30_000

    def predict(p: Profiles | None) -> tuple[dict[str, Prediction], list[tuple[str, str]]]:
        preds, removed = {}, []
        for g in golds:
            doc = process_record(RawRecord(id=g.id, raw=g.raw, source=Source(uri=g.url, site=g.source)), p)
            preds[g.id] = Prediction([(b.raw_start, b.raw_end, b.kind) for b in doc.blocks], doc.title,
                                     doc.is_article)  # fmt: skip
            for b in doc.blocks:
                if (b.reason or "").startswith("site_profile:"):
                    line = next(ln for ln in g.lines if ln.raw_start <= b.raw_start < ln.raw_end)
                    removed.append((line.label, b.text))
        return preds, removed

    base, _ = predict(None)
    with_p, removed = predict(prof)
    f_base = score(golds, base).overall.boilerplate.f1
    f_prof = score(golds, with_p).overall.boilerplate.f1
    assert f_base is not None and f_prof is not None
    assert f_prof >= f_base
    assert not [r for r in removed if r[0] in ("title", "heading", "paragraph")], removed


def test_apply_without_profile_for_site() -> None:
    doc = process_record(RawRecord(id="x", raw="عنوان\nنص الخبر", source=Source(site="s")), None)
    assert apply_profile(doc, Profiles({})) == 0


def test_stdin_cannot_be_read_twice(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="stdin can be read only once"):
        run(["-"], str(tmp_path / "out"), profiles=str(tmp_path / "p"), progress=False)


def test_profiles_do_not_depend_on_completion_order(tmp_path: Path) -> None:
    """Regression: with 2 workers the shards' counts arrived in another order and the saved example
    texts (one spelling or another of the same normalised line) differed from a 1-worker run."""
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any

    from khabar.corpus.engines import Engine, LocalEngine
    from khabar.corpus.runner import ShardOptions, _load_or_learn_profiles

    class Reversed(Engine):
        def imap(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
            done = [(t, fn(t)) for t in tasks]
            return reversed(done)

    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i in range(120):
            line = "أعلنت الصحيفة اليوم" if i < 60 else "اعلنت الصحيفه اليوم"  # one normalised line
            f.write(json.dumps({"id": str(i), "text": f"عنوان {i}\n{line}", "source": "s"}) + "\n")

    def inputs() -> Iterator[Any]:
        return read_inputs([str(src)])

    opts = ShardOptions()
    a = _load_or_learn_profiles(LocalEngine(1), inputs, 30, opts, str(tmp_path / "a"), False, None)
    b = _load_or_learn_profiles(Reversed(), inputs, 30, opts, str(tmp_path / "b"), False, None)
    assert (tmp_path / "a" / "profiles.json").read_bytes() == (tmp_path / "b" / "profiles.json").read_bytes()
    assert a.key == b.key and a.sites["s"].lines


def test_a_shared_date_line_is_not_template() -> None:
    """An agency's dateline repeats on every story of that day: the calendar, not the template."""
    dateline = "25 شوال 1436 هـ الموافق 10 اغسطس 2015 م"
    raw = f"وصول وفد إلى الرياض\n{dateline}\nوصل الوفد إلى الرياض أمس في زيارة رسمية تستمر ثلاثة أيام."
    counts = LineCounts()
    for i in range(100):  # a site needs 50 documents for a profile; the dateline is on 20 of them
        counts.add_document("was", raw.split("\n") if i < 20 else [f"سطر {i}"])
    # protect_score 0.99: the classifier's confidence alone would not keep the line
    item = RawRecord(id="x", raw=raw, source=Source(site="was"))
    doc = process_record(item, counts.profiles(), protect_score=0.99)
    assert not any(b.text == dateline and (b.reason or "").startswith("site_profile:") for b in doc.blocks)


def test_an_author_under_the_title_is_protected_by_its_place() -> None:
    """why: a columnist's name repeats on a site because one writer signs many pieces; the line the
    classifier keeps as a byline right under the title is the author whatever its score, while the
    same line kept as a byline elsewhere with a low score is the profile's to remove."""
    from khabar.model import Block, Document

    author = "بقلم: منى الحربي"
    para = "وأوضح الكاتب أن المدينة تحتاج إلى حدائق أكثر في أحيائها الجديدة قبل أن يكتمل البناء فيها."
    counts = LineCounts()
    for i in range(100):
        counts.add_document("s", [author] if i < 20 else [f"سطر {i}"])  # 20 % of the site's pages
    prof = counts.profiles()

    def kinds(lines: list[tuple[str, str]]) -> list[str]:
        raw = "\n".join(t for _, t in lines)
        blocks, pos = [], 0
        for kind, text in lines:
            blocks.append(Block(kind=kind, text=text, raw_start=pos, raw_end=pos + len(text), score=0.4))
            pos += len(text) + 1
        doc = Document(id="x", raw=raw, source=Source(site="s"), blocks=blocks)
        apply_profile(doc, prof)
        return [b.kind for b in doc.blocks]

    assert kinds([("title", "حدائق المدينة"), ("byline", author), ("paragraph", para)])[1] == "byline"
    assert kinds([("title", "حدائق المدينة"), ("paragraph", para), ("byline", author)])[2] == "boilerplate"
