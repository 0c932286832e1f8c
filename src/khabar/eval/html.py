"""``khabar eval html``: main-content extraction on the Arabic HTML benchmark, against peer tools.

The benchmark (``../shared/data/html_bench``, see its README) holds Arabic news pages with known main
content: gold title, date, headings and paragraphs, and chrome strings that must not leak. The metric
is the benchmark's own (``score.py`` there, reimplemented here and checked against it in the tests):

* **P/R/F1**: bag of tokens (NFC, ``str.split()``) of the extraction against the gold headings +
  paragraphs; tokens of the title count as correct for precision but the title is not required;
  empty output scores 0; the mean over pages is reported;
* **chrome leak**: the share of the chrome samples whose whitespace-normalised text occurs in the
  whitespace-normalised extraction (and the share of pages with any leak);
* **title** and **date** accuracy (khabar only; peers that return no metadata show "–"): exact title
  after NFC and whitespace normalisation; the ISO date on the pages whose gold has one;
* **pages/s**: wall time of the extraction alone, on HTML already decoded to ``str`` (every tool gets
  the same decoded text, so no tool is penalised for its own charset detection).

khabar's extraction is the kept blocks of kinds title, heading, paragraph, quote and list item
(bylines, dates, breadcrumbs and captions are metadata, not body). Peers run in the same process on
the same pages: trafilatura (default; ``favor_precision``; ``favor_precision`` without comments),
jusText with its Arabic stoplist, resiliparse's ``main_content`` and readability-lxml. A peer that is
not installed is skipped with a note (``pip install 'khabar[bench]'``).
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.errors import UsageError
from khabar.eval import shared_data

#: the kinds whose text makes khabar's main-content extraction
BODY_KINDS = frozenset({"title", "heading", "paragraph", "quote", "list_item"})


# -- the benchmark --------------------------------------------------------------------------------------
@dataclass(slots=True)
class BenchPage:
    """One benchmark page: its bytes, decoded text and gold."""

    id: str
    template: str
    group: str
    html: bytes
    gold: dict[str, Any]
    text: str = ""  #: the HTML decoded by khabar's reader (what every extractor is given)
    encoding: str = ""


def default_bench_dir() -> Path:
    """``../shared/data/html_bench`` next to the repository (this file is ``src/khabar/eval/html.py``)."""
    return shared_data("html_bench")


def load_bench(bench: str | Path | None = None, *, limit: int | None = None) -> list[BenchPage]:
    """The benchmark's pages (every group present: ``public``, and ``holdout`` where it exists)."""
    from khabar.io.html import decode_html

    root = Path(bench) if bench is not None else default_bench_dir()
    if not root.is_dir():
        from khabar.errors import NotFoundError

        raise NotFoundError(
            f"benchmark folder {root} does not exist; pass --bench DIR (the html_bench folder)",
            value=str(root),
        )
    pages: list[BenchPage] = []
    for gold_path in sorted(root.glob("*/*.json")):
        html_path = gold_path.with_suffix(".html")
        if not html_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        data = html_path.read_bytes()
        dec = decode_html(data, name=html_path.name)
        pages.append(
            BenchPage(
                gold.get("id", gold_path.stem),
                gold.get("template", "?"),
                gold.get("group", gold_path.parent.name),
                data,
                gold,
                dec.text,
                dec.encoding,
            )
        )
        if limit and len(pages) >= limit:
            break
    if not pages:
        raise UsageError(f"no benchmark pages (*/<id>.html + <id>.json) in {root}", value=str(root))
    return pages


# -- the metric (as html_bench/score.py) --------------------------------------------------------------------
def _nfc(s: str | None) -> str:
    return unicodedata.normalize("NFC", s or "")


def _norm_ws(s: str | None) -> str:
    return re.sub(r"\s+", " ", _nfc(s)).strip()


def gold_body(gold: dict[str, Any]) -> str:
    return "\n".join(b["text"] for b in gold["blocks"])


def prf(pred: str, gold: dict[str, Any]) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall and F1 of one extraction (the title allowed, not required)."""
    p_t = Counter(_nfc(pred).split())
    body = Counter(_nfc(gold_body(gold)).split())
    title = Counter(_nfc(gold.get("title")).split())
    n_pred, n_body = sum(p_t.values()), sum(body.values())
    if not n_pred or not n_body:
        return 0.0, 0.0, 0.0
    hit_body = sum((p_t & body).values())
    hit_title = sum(((p_t - body) & title).values())
    p = (hit_body + hit_title) / n_pred
    r = hit_body / n_body
    return p, r, (0.0 if p + r == 0 else 2 * p * r / (p + r))


def leaks(pred: str, gold: dict[str, Any]) -> list[str]:
    out = _norm_ws(pred)
    return [c for c in gold.get("chrome_samples", []) if _norm_ws(c) in out]


# -- extractors -------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Extraction:
    text: str
    title: str | None = None
    date: str | None = None


Extractor = Callable[[BenchPage], Extraction]


def khabar_extract(page: BenchPage) -> Extraction:
    from khabar.api import process_text
    from khabar.model import Source

    doc = process_text(page.text, id=page.id, source=Source(uri=page.gold.get("url"), format="html"))
    text = "\n".join(b.text for b in doc.blocks if b.kind in BODY_KINDS)
    return Extraction(text, doc.title, doc.published)


def _peers() -> dict[str, tuple[Callable[[], Extractor], str]]:
    """Peer extractors by row name: (factory importing the tool, package to install)."""

    def trafilatura(**kw: Any) -> Callable[[], Extractor]:
        def make() -> Extractor:
            import trafilatura as t

            def run(page: BenchPage) -> Extraction:
                return Extraction(t.extract(page.text, url=page.gold.get("url"), **kw) or "")

            return run

        return make

    def justext_make() -> Extractor:
        justext = importlib.import_module("justext")

        stop = justext.get_stoplist("Arabic")

        def run(page: BenchPage) -> Extraction:
            paras = justext.justext(page.text, stop)
            return Extraction("\n".join(p.text for p in paras if not p.is_boilerplate))

        return run

    def resiliparse_make() -> Extractor:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        def run(page: BenchPage) -> Extraction:
            return Extraction(extract_plain_text(HTMLTree.parse(page.text), main_content=True))

        return run

    def readability_make() -> Extractor:
        lxml_html = importlib.import_module("lxml.html")
        document = importlib.import_module("readability").Document

        block = re.compile(r"<(/?)(p|div|h[1-6]|li|br|tr|td|blockquote|section|article)\b", re.I)

        def run(page: BenchPage) -> Extraction:
            summary = document(page.text).summary(html_partial=True)
            text = lxml_html.fromstring(block.sub(r"\n<\1\2", summary) or "<div/>").text_content()
            return Extraction(text)

        return run

    return {
        "trafilatura default": (trafilatura(), "trafilatura"),
        "trafilatura favor_precision": (trafilatura(favor_precision=True), "trafilatura"),
        "trafilatura favor_precision, no comments": (
            trafilatura(favor_precision=True, include_comments=False),
            "trafilatura",
        ),
        "jusText (Arabic stoplist)": (justext_make, "justext"),
        "resiliparse main_content": (resiliparse_make, "resiliparse"),
        "readability-lxml": (readability_make, "readability-lxml"),
    }


PEERS: tuple[str, ...] = tuple(_peers())


def _version(pkg: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:
        return "?"


# -- running ------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Row:
    """One extractor's scores over the benchmark."""

    name: str
    version: str = ""
    pages: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    leak_rate: float = 0.0
    pages_with_leak: float = 0.0
    empty: int = 0
    title_acc: float | None = None
    date_acc: float | None = None
    seconds: float = 0.0
    per_template: dict[str, dict[str, float]] = field(default_factory=dict)
    worst: list[dict[str, Any]] = field(default_factory=list)

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__slots__}
        d["pages_per_s"] = self.pages_per_s
        return d


def score_run(
    name: str,
    pages: Sequence[BenchPage],
    outs: Sequence[Extraction],
    seconds: float,
    *,
    metadata: bool,
    errors: int = 0,
) -> Row:
    """Score one extractor's outputs (in page order)."""
    row = Row(name=name, pages=len(pages), seconds=seconds)
    per: dict[str, list[tuple[float, int, int, int, int]]] = {}
    chrome_total = chrome_leaked = with_leak = 0
    titles = dates_ok = dates_n = 0
    scored: list[tuple[float, BenchPage, Extraction, list[str]]] = []
    sums = [0.0, 0.0, 0.0]
    for page, out in zip(pages, outs, strict=True):
        p, r, f = prf(out.text, page.gold)
        lk = leaks(out.text, page.gold)
        sums[0] += p
        sums[1] += r
        sums[2] += f
        n_chrome = len(page.gold.get("chrome_samples", []))
        chrome_total += n_chrome
        chrome_leaked += len(lk)
        with_leak += bool(lk)
        row.empty += not out.text.strip()
        title_ok = date_ok = 0
        if metadata:
            title_ok = _norm_ws(out.title) == _norm_ws(page.gold.get("title"))
            titles += title_ok
            if page.gold.get("date"):
                dates_n += 1
                date_ok = out.date == page.gold["date"][:10]
                dates_ok += date_ok
        per.setdefault(page.template, []).append((f, len(lk), n_chrome, title_ok, date_ok))
        scored.append((f, page, out, lk))
    n = len(pages) or 1
    row.precision, row.recall, row.f1 = sums[0] / n, sums[1] / n, sums[2] / n
    row.leak_rate = chrome_leaked / chrome_total if chrome_total else 0.0
    row.pages_with_leak = with_leak / n
    if metadata:
        row.title_acc = titles / n
        row.date_acc = dates_ok / dates_n if dates_n else None
    for t, vals in sorted(per.items()):
        ct = sum(v[2] for v in vals)
        row.per_template[t] = {
            "pages": len(vals),
            "f1": sum(v[0] for v in vals) / len(vals),
            "leak_rate": (sum(v[1] for v in vals) / ct) if ct else 0.0,
        }
        if metadata:
            row.per_template[t]["title_acc"] = sum(v[3] for v in vals) / len(vals)
            row.per_template[t]["date_acc"] = sum(v[4] for v in vals) / len(vals)
    scored.sort(key=lambda x: x[0] - len(x[3]))
    for f, page, out, lk in scored[:errors]:
        row.worst.append(
            {
                "id": page.id,
                "f1": round(f, 3),
                "leaked": lk,
                "title": out.title,
                "gold_title": page.gold.get("title"),
                "date": out.date,
                "gold_date": page.gold.get("date"),
            }
        )
    return row


def _timed(fn: Extractor, pages: Sequence[BenchPage], repeat: int = 1) -> tuple[list[Extraction], float]:
    best = float("inf")
    outs: list[Extraction] = []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        outs = [fn(p) for p in pages]
        best = min(best, time.perf_counter() - t0)
    return outs, best


def run_html_eval(
    bench: str | Path | None = None,
    *,
    peers: Iterable[str] | None = None,
    errors: int = 0,
    limit: int | None = None,
    repeat: int = 1,
    notes: list[str] | None = None,
) -> list[Row]:
    """khabar's row, then one row per available peer (``peers=None``: all of :data:`PEERS`).

    With ``repeat`` > 1 the tools are timed in rounds (khabar, then each peer, ``repeat`` times over)
    and each keeps its best time, so that a burst of load on a shared machine does not land on one
    tool's timings only."""
    from khabar import __version__

    pages = load_bench(bench, limit=limit)
    table = _peers()
    tools: list[tuple[str, Extractor, str]] = [("khabar", khabar_extract, __version__)]
    for name in PEERS if peers is None else list(peers):
        if name not in table:
            raise UsageError(f"unknown peer {name!r}; known: {', '.join(PEERS)}", value=name)
        make, pkg = table[name]
        try:
            tools.append((name, make(), _version(pkg)))
        except ImportError as err:
            if notes is not None:
                notes.append(f"{name}: skipped ({err}); install it with pip install 'khabar[bench]'")
    outs: dict[str, list[Extraction]] = {}
    best: dict[str, float] = {}
    for _name, fn, _ in tools:
        fn(pages[0])  # warm-up: imports, lazy models
    for _ in range(max(1, repeat)):
        for name, fn, _ in tools:
            got, dt = _timed(fn, pages)
            outs.setdefault(name, got)
            best[name] = min(best.get(name, float("inf")), dt)
    rows = []
    for name, _, version in tools:
        row = score_run(name, pages, outs[name], best[name], metadata=name == "khabar", errors=errors)
        row.version = version
        rows.append(row)
    return rows


# -- leave-template-out -------------------------------------------------------------------------------
#: What khabar fits on html_bench before scoring a held-out template: one function per learnt part
#: (model, threshold, site profile), given the training templates' pages. Empty: nothing khabar runs is
#: learnt from html_bench (the line model is trained on the text-dump gold by scripts/train_lines.py;
#: the DOM rules, thresholds and word lists are fixed in code and data files). A part that is ever fit
#: on html_bench must be registered here, so that the held-out template never sees its own pages.
FITTERS: tuple[Callable[[Sequence[BenchPage]], Callable[[], None]], ...] = ()


@dataclass(slots=True)
class CvResult:
    """Leave-template-out scores: one row per held-out template, the pooled held-out row, and the
    in-sample row (every template scored by what was fit on all of them)."""

    folds: list[Row]
    held_out: Row
    in_sample: Row
    fitted: int  #: how many parts were fit per fold (0: nothing is learnt from html_bench)

    def to_dict(self) -> dict[str, Any]:
        return {
            "held_out": self.held_out.to_dict(),
            "in_sample": self.in_sample.to_dict(),
            "folds": [r.to_dict() for r in self.folds],
            "fitted": self.fitted,
        }


def run_html_cv(bench: str | Path | None = None, *, limit: int | None = None) -> CvResult:
    """Leave-template-out over html_bench's templates: for each template, fit whatever khabar learns
    (:data:`FITTERS`) on the other templates' pages, score the held-out template, and undo the fit.
    The pooled held-out row is the mean over all pages, each scored in the fold that held it out."""
    pages = load_bench(bench, limit=limit)
    templates = sorted({p.template for p in pages})
    outs: dict[str, Extraction] = {}
    folds: list[Row] = []
    t_all = 0.0
    for t in templates:
        train = [p for p in pages if p.template != t]
        test = [p for p in pages if p.template == t]
        undo = [fit(train) for fit in FITTERS]
        try:
            got, dt = _timed(khabar_extract, test)
        finally:
            for u in reversed(undo):
                u()
        t_all += dt
        outs.update({p.id: e for p, e in zip(test, got, strict=True)})
        row = score_run(f"held out: {t}", test, got, dt, metadata=True)
        folds.append(row)
    held = score_run("khabar, leave-template-out", pages, [outs[p.id] for p in pages], t_all, metadata=True)
    undo = [fit(pages) for fit in FITTERS]
    try:
        got, dt = _timed(khabar_extract, pages)
    finally:
        for u in reversed(undo):
            u()
    inside = score_run("khabar, in-sample", pages, got, dt, metadata=True)
    return CvResult(folds, held, inside, len(FITTERS))


def format_cv(cv: CvResult) -> str:
    """The Markdown tables of a leave-template-out run: held out first, in-sample beside it."""
    lines = [
        "| run | F1 | precision | recall | chrome leak | title exact | date correct |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in (cv.held_out, cv.in_sample):
        lines.append(
            f"| {r.name} | {r.f1:.3f} | {r.precision:.3f} | {r.recall:.3f} | {_pct(r.leak_rate)} | "
            f"{_pct(r.title_acc)} | {_pct(r.date_acc)} |"
        )
    lines += [
        "",
        "| held-out template | pages | F1 | chrome leak | title exact | date correct |",
        "|---|---|---|---|---|---|",
    ]
    for r in cv.folds:
        lines.append(
            f"| {r.name.removeprefix('held out: ')} | {r.pages} | {r.f1:.3f} | {_pct(r.leak_rate)} | "
            f"{_pct(r.title_acc)} | {_pct(r.date_acc)} |"
        )
    if not cv.fitted:
        lines += [
            "",
            "note: nothing khabar runs is fit on html_bench (the line model is trained on the text-dump "
            "gold; DOM rules and thresholds are fixed), so each fold scores its template with the shipped "
            "pipeline and the held-out figures equal the per-template ones. They are still not blind: the "
            "DOM rules were written by people who had read pages of these templates.",
        ]
    return "\n".join(lines)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def format_table(rows: Sequence[Row]) -> str:
    """The Markdown table of a run: one row per extractor."""
    lines = [
        "| extractor | F1 | precision | recall | chrome leak | pages with leak | title exact "
        "| date correct | pages/s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        name = (
            f"{r.name} {r.version}".strip()
            if r.name.split()[0] != "trafilatura"
            else r.name.replace("trafilatura", f"trafilatura {r.version}", 1)
        )
        lines.append(
            f"| {name} | {r.f1:.3f} | {r.precision:.3f} | {r.recall:.3f} | {_pct(r.leak_rate)} | "
            f"{_pct(r.pages_with_leak)} | {_pct(r.title_acc)} | {_pct(r.date_acc)} | {r.pages_per_s:.0f} |"
        )
    return "\n".join(lines)


def format_templates(row: Row) -> str:
    lines = ["| template | pages | F1 | chrome leak | title exact |", "|---|---|---|---|---|"]
    for t, s in row.per_template.items():
        title = _pct(s.get("title_acc"))
        lines.append(f"| {t} | {s['pages']:.0f} | {s['f1']:.3f} | {_pct(s['leak_rate'])} | {title} |")
    return "\n".join(lines)


def report(rows: Sequence[Row], notes: Sequence[str] = (), out: Any = None) -> None:
    """Print the tables of a run (Markdown) to ``out`` (stdout by default)."""
    out = out or sys.stdout
    print(format_table(rows), file=out)
    print(file=out)
    print(f"khabar per template:\n\n{format_templates(rows[0])}", file=out)
    for note in notes:
        print(f"note: {note}", file=out)
    for r in rows:
        if r.worst:
            print(f"\n{r.name}: worst pages", file=out)
            for w in r.worst:
                print("  " + json.dumps(w, ensure_ascii=False), file=out)
