"""Extra line-labelled text dumps for *training* the line model only (never scored).

The 201-dump gold set teaches little of some classes that sites khabar has never seen are full of:
runs of short content lines (verse, lists, numbered points, interview turns) and chrome-heavy pages.
``scripts/data/textdump_extra_labels.jsonl`` labels more dumps of those kinds, line by line, with the
gold set's label set and rules (``shared/data/gold/GUIDELINES.md``). It is *standoff*: it holds no
text, only where each dump comes from, a SHA-1 of the dump and one label per line, because neither
source may be redistributed (the Common Crawl sample states no licence; SaudiNewsNet is CC BY-NC-SA
4.0, research use). The dumps are rebuilt here from ``shared/data`` exactly as the gold set builds its
own (GUIDELINES.md section 1), and the hash checks that the rebuilt text is the one that was labelled.

How the dumps were chosen (a generic criterion, written in :func:`select_refs`):

* Common Crawl: every document of ``cc_arabic_crawl_sample`` that is not in the gold set, whose host
  is not a gold host, with 4 to 40 lines (38 documents, 38 hosts, 495 lines);
* SaudiNewsNet: articles of ``saudinewsnet_full`` (not in the gold set) whose body holds a run of three
  or more short lines (8 words or fewer) and that have at most 40 lines; two per outlet drawn with
  ``random.Random(14)`` (26 articles of 13 outlets, 394 lines; arriyadiyah has none). All 14 outlets
  are gold sites, so in leave-site-out cross-validation an extra dump is left out of every fold that
  tests its site (:func:`khabar.eval.textdump_cv.cross_validate`).

Each record: ``id``, ``origin`` (``cc`` / ``saudinewsnet``), ``source`` (host / outlet), ``ref`` (the
file and index in it), ``url``, ``sha1`` (of the dump), ``is_article``, ``labels`` (one code per line:
T title, S section, B byline, D date, H heading, P paragraph, C caption, X boilerplate) and optional
``trailing`` ({line: number of trailing boilerplate characters}) and ``glued`` ({line: [[end, code],
...]}: the line's parts as end offsets, each with its label).
"""

from __future__ import annotations

import hashlib
import json
import random
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from khabar.errors import InputError
from khabar.eval import shared_data
from khabar.eval.gold import GoldDoc, GoldFormatError, parse_gold_record

#: the label codes of the ``labels`` strings
CODES: dict[str, str] = {
    "T": "title",
    "S": "section",
    "B": "byline",
    "D": "date",
    "H": "heading",
    "P": "paragraph",
    "C": "caption",
    "X": "boilerplate",
}
CC_FILE = "processed_CC-MAIN-20241003094020-20241003124020-00013.warc.gz.json"
#: the selection: short-line runs of at least this many lines of at most this many words
RUN_LINES = 3
SHORT_WORDS = 8
SNN_MAX_LINES = 40
SNN_PER_OUTLET = 2
SNN_SEED = 14
CC_LINES = (4, 40)


def default_extra_path() -> Path:
    """``scripts/data/textdump_extra_labels.jsonl`` in the source checkout (never packaged)."""
    return Path(__file__).resolve().parents[3] / "scripts" / "data" / "textdump_extra_labels.jsonl"


@lru_cache(maxsize=1)
def _cc_docs() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads(
        shared_data("cc_arabic_crawl_sample", CC_FILE).read_text(encoding="utf-8")
    )
    return docs


@lru_cache(maxsize=32)
def _snn_file(name: str) -> list[dict[str, Any]]:
    with zipfile.ZipFile(shared_data("saudinewsnet_full", name)) as zf:
        arts: list[dict[str, Any]] = json.loads(zf.read(zf.namelist()[0]))
    return arts


def host(url: str) -> str:
    return urlsplit(url).netloc


def snn_lines(art: dict[str, Any]) -> list[str]:
    """A SaudiNewsNet article's dump lines, as the gold set builds them: title, author, then the
    content's non-empty stripped lines."""
    out = [s for s in (str(art.get("title") or "").strip(), str(art.get("author") or "").strip()) if s]
    return out + [s.strip() for s in str(art.get("content") or "").split("\n") if s.strip()]


def dump_of(ref: dict[str, Any]) -> tuple[list[str], str, str]:
    """The dump lines, URL and source of one ``ref`` (``{"file": "cc" | "<day>.zip", "index": i}``)."""
    if ref["file"] == "cc":
        d = _cc_docs()[int(ref["index"])]
        url = str(d["metadata"]["source"])
        return str(d["text"]).split("\n"), url, host(url)
    a = _snn_file(str(ref["file"]))[int(ref["index"])]
    return snn_lines(a), str(a["url"]), str(a["source"])


def short_run(lines: list[str]) -> int:
    """The longest run of consecutive short lines (``SHORT_WORDS`` words or fewer)."""
    best = cur = 0
    for s in lines:
        cur = cur + 1 if len(s.split()) <= SHORT_WORDS else 0
        best = max(best, cur)
    return best


def select_refs(gold: list[GoldDoc]) -> Iterator[dict[str, Any]]:
    """The selection described in the module docstring, in a stable order."""
    gold_cc = {d.id for d in gold if d.origin == "cc"}
    gold_hosts = {d.source.removeprefix("www.") for d in gold if d.origin == "cc"}
    gold_urls = {d.url for d in gold}
    for i, d in enumerate(_cc_docs()):
        h = host(str(d["metadata"]["source"])).removeprefix("www.")
        n = str(d["text"]).count("\n") + 1
        if f"cc#{i}" not in gold_cc and h not in gold_hosts and CC_LINES[0] <= n <= CC_LINES[1]:
            yield {"file": "cc", "index": i}
    cands: dict[str, list[dict[str, Any]]] = {}
    for p in sorted(shared_data("saudinewsnet_full").glob("*.zip")):
        for j, a in enumerate(_snn_file(p.name)):
            if a["url"] in gold_urls:
                continue
            body = [s.strip() for s in str(a.get("content") or "").split("\n") if s.strip()]
            if short_run(body) >= RUN_LINES and len(snn_lines(a)) <= SNN_MAX_LINES:
                cands.setdefault(str(a["source"]), []).append({"file": p.name, "index": j})
    rng = random.Random(SNN_SEED)
    for outlet in sorted(cands):
        pool = cands[outlet]
        yield from rng.sample(pool, min(SNN_PER_OUTLET, len(pool)))


def sha1_of(lines: list[str]) -> str:
    return hashlib.sha1("\n".join(lines).encode()).hexdigest()


def to_gold_record(rec: dict[str, Any]) -> dict[str, Any]:
    """One standoff record with its text rebuilt: a record in the gold file's own format."""
    lines, url, source = dump_of(rec["ref"])
    where = f"textdump_extra ({rec['id']})"
    if sha1_of(lines) != rec["sha1"]:
        raise GoldFormatError(
            f"{where}: the rebuilt dump is not the one labelled (SHA-1 differs)", value=rec["id"]
        )
    codes = rec["labels"]
    if len(codes) != len(lines) or any(c not in CODES for c in codes):
        raise GoldFormatError(f"{where}: {len(codes)} label codes for {len(lines)} lines", value=rec["id"])
    out_lines: list[dict[str, Any]] = []
    for i, (text, code) in enumerate(zip(lines, codes, strict=True)):
        x: dict[str, Any] = {"text": text, "label": CODES[code]}
        n_tail = rec.get("trailing", {}).get(str(i))
        body = text
        if n_tail:
            x["trailing_boilerplate"] = text[-int(n_tail) :]
            body = text[: -int(n_tail)].rstrip()
        parts = rec.get("glued", {}).get(str(i))
        if parts:
            start, glued, glued_labels = 0, [], []
            for end, c in parts:
                piece = body[start:end].strip(" |/")
                if piece:
                    glued.append(piece)
                    glued_labels.append(CODES[c])
                start = end
            x["glued"], x["glued_labels"] = glued, glued_labels
        out_lines.append(x)
    return {
        "id": rec["id"],
        "origin": rec["origin"],
        "source": source,
        "url": url,
        "is_article": bool(rec["is_article"]),
        "lines": out_lines,
    }


def load_extra(path: str | Path | None = None) -> list[GoldDoc]:
    """The extra training dumps, rebuilt from ``shared/data`` and checked (an empty list when the
    label file is absent)."""
    p = Path(path) if path is not None else default_extra_path()
    if not p.exists():
        return []
    docs: list[GoldDoc] = []
    for lineno, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{p}:{lineno}: not JSON ({e.msg})", value=lineno) from e
        if rec.get("skip"):
            continue
        docs.append(parse_gold_record(to_gold_record(rec), where=f"{p.name}:{lineno}"))
    return docs
