"""Whether two source trees write byte-identical records with ``khabar process --facts``.

Moves and speed work must not change what khabar writes. This runs ``khabar process --facts`` with the
package of each source tree (``python -m khabar.cli`` with that tree's ``src`` first on ``PYTHONPATH``)
on the same inputs, then compares the two trees' records and rejects byte for byte, input set by input
set. It prints only counts and, where records differ, their ids and the top-level fields that differ:
never a document's text (the gold sets' held-out halves stay unread).

The input sets (``--sets``; all by default):

- ``examples``: the bundled examples (``examples/*.txt``, ``examples/*.jsonl``) and the seed dump;
- ``textdump``: the text-dump gold's 201 dumps (each gold document's lines joined, as ``khabar eval
  textdump`` reads them);
- ``html``: the html_bench pages and the arabic_html_gold pages, as HTML files;
- ``facts``: the facts gold's articles (``docs.jsonl``, as ``khabar eval facts`` reads it);
- ``events``: the events gold's articles (title and content, as ``khabar eval events`` joins them);
- ``snn``: the 3,000-article SaudiNewsNet sample (``../shared/data/saudinewsnet_sample``);
- ``tune``: the first ``--limit`` articles of the tuning sample (``../tune/snn_tune_1k.jsonl``; not in
  the default sets).

The baseline's outputs are cached under ``--cache`` by the baseline's commit and the input's hash, so a
second run against the same baseline runs only this tree. Exit status 0: identical everywhere.

Usage::

    # ../base: a worktree of the commit to compare with (git worktree add --detach ../base COMMIT)
    .venv/bin/python scripts/identical_records.py --baseline ../base/src
    .venv/bin/python scripts/identical_records.py --baseline ../base/src --sets examples,textdump
    .venv/bin/python scripts/identical_records.py --baseline ../base/src --sets tune --limit 400
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
SEED = REPO.parent / "shared" / "seed"
TUNE = REPO.parent / "tune" / "snn_tune_1k.jsonl"
DEFAULT_SETS = ("examples", "textdump", "html", "facts", "events", "snn")
ALL_SETS = (*DEFAULT_SETS, "tune")


def _jsonl(path: Path, rows: list[dict[str, str]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def prepare(name: str, folder: Path, limit: int) -> tuple[list[Path], list[str]]:
    """The input paths of set ``name`` (copied or built under ``folder``) and the extra arguments
    ``khabar process`` reads them with."""
    folder.mkdir(parents=True)
    if name == "examples":
        paths = sorted((REPO / "examples").glob("*.txt")) + sorted((REPO / "examples").glob("*.jsonl"))
        paths += sorted(SEED.glob("*.txt"))
        return paths, []
    if name == "textdump":
        # the dump is the gold lines joined by newlines (khabar.eval.gold.parse_gold_record)
        gold = _read_jsonl(DATA / "gold" / "textdump_gold.jsonl")
        rows = [{"id": str(r["id"]), "text": "\n".join(str(x["text"]) for x in r["lines"])} for r in gold]  # type: ignore[union-attr]
        _jsonl(folder / "textdump.jsonl", rows)
        return [folder / "textdump.jsonl"], []
    if name == "html":
        paths = sorted((DATA / "html_bench").glob("*/*.html"))
        for page in sorted((DATA / "arabic_html_gold").glob("*/*.html*")):
            # a gzipped page is unpacked so the reader sees an .html file, as the html eval does
            dest = folder / f"{page.parent.name}_{page.name.removesuffix('.gz')}"
            dest.write_bytes(
                gzip.decompress(page.read_bytes()) if page.suffix == ".gz" else page.read_bytes()
            )
            paths.append(dest)
        return paths, []
    if name == "facts":
        return [DATA / "facts_gold" / "docs.jsonl"], []
    if name == "events":
        # title and content joined as khabar.eval.events._raw_of joins them
        docs = _read_jsonl(DATA / "events_gold" / "docs.jsonl")
        rows = [
            {
                "id": str(d["doc_id"]),
                "text": (f"{d['title']}\n" if d.get("title") else "") + str(d["content"]),
            }
            for d in docs
        ]
        _jsonl(folder / "events.jsonl", rows)
        return [folder / "events.jsonl"], []
    if name == "snn":
        return sorted((DATA / "saudinewsnet_sample").glob("*.jsonl")), []
    if name == "tune":
        with TUNE.open("rb") as f:
            head = b"".join(line for _, line in zip(range(limit), f, strict=False))
        (folder / "tune.jsonl").write_bytes(head)
        return [folder / "tune.jsonl"], []
    raise SystemExit(f"unknown set {name!r}; known: {', '.join(ALL_SETS)}")


def run(src: Path, inputs: list[Path], extra: list[str], out: Path, rejects: Path) -> None:
    """``khabar process --facts`` with the package under ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, "-m", "khabar.cli", "process", *map(str, inputs), *extra, "--facts", "-q"]
    cmd += ["-o", str(out), "--rejects", str(rejects), "--no-progress"]
    subprocess.run(cmd, env=env, check=True, cwd=REPO)


def differences(a: list[bytes], b: list[bytes]) -> list[str]:
    """Where two record lists differ, one line per differing record (its id and differing fields)."""
    out = []
    for k, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            rx, ry = json.loads(x), json.loads(y)
            fields = sorted(f for f in set(rx) | set(ry) if rx.get(f) != ry.get(f))
            rid = rx.get("id", rx.get("record_id", "?"))
            out.append(f"record {k + 1} ({rid}) differs in: {', '.join(fields) or 'key order or spacing'}")
    if len(a) != len(b):
        out.append(f"{len(a)} records against {len(b)}")
    return out


def _baseline_key(baseline: Path, inputs: list[Path], extra: list[str]) -> str | None:
    """The cache key of the baseline's output: its commit, its uncommitted diff, the inputs' bytes."""
    try:
        head = subprocess.run(
            ["git", "-C", str(baseline), "rev-parse", "HEAD"], capture_output=True, check=True
        )
        diff = subprocess.run(["git", "-C", str(baseline), "diff", "HEAD"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    h = hashlib.sha256(head.stdout + diff.stdout + json.dumps(extra).encode())
    for p in inputs:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:24]


def compare_set(
    name: str,
    baseline: Path,
    src: Path,
    tmp: Path,
    limit: int,
    cache: Path | None,
    log: Callable[[str], None],
) -> bool:
    """Run both trees on set ``name``; print its counts (and differences); True if identical."""
    # the inputs sit at the same path on every run: records name the file they came from
    folder = (cache or tmp) / "inputs" / name
    shutil.rmtree(folder, ignore_errors=True)
    inputs, extra = prepare(name, folder, limit)
    (tmp / name).mkdir(parents=True, exist_ok=True)
    outs: dict[str, tuple[list[bytes], list[bytes]]] = {}
    for side, tree in (("baseline", baseline), ("this", src)):
        out, rej = tmp / name / f"{side}.jsonl", tmp / name / f"{side}.rejects.jsonl"
        key = _baseline_key(tree, inputs, extra) if side == "baseline" and cache else None
        hit = cache / f"{name}-{key}" if cache and key else None
        if hit and (hit / "out.jsonl").exists():
            shutil.copy(hit / "out.jsonl", out)
            shutil.copy(hit / "rejects.jsonl", rej)
        else:
            run(tree.resolve(), inputs, extra, out, rej)
            if hit:
                hit.mkdir(parents=True, exist_ok=True)
                shutil.copy(out, hit / "out.jsonl")
                shutil.copy(rej, hit / "rejects.jsonl")
        outs[side] = (out.read_bytes().splitlines(), rej.read_bytes().splitlines())
    (ra, ja), (rb, jb) = outs["baseline"], outs["this"]
    diffs = differences(ra, rb) + [f"rejects: {d}" for d in differences(ja, jb)]
    verdict = "byte-identical" if not diffs else f"DIFFERENT ({len(diffs)})"
    log(f"{name}: {len(ra)} records, {len(ja)} rejects from {len(inputs)} input files: {verdict}")
    for d in diffs[:20]:
        log(f"  {d}")
    return not diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--baseline", type=Path, required=True, help="the other tree's src folder")
    ap.add_argument("--src", type=Path, default=REPO / "src", help="this tree's src folder")
    ap.add_argument(
        "--sets", default=",".join(DEFAULT_SETS), help=f"comma-separated, of {', '.join(ALL_SETS)}"
    )
    ap.add_argument("--limit", type=int, default=300, help="articles of the tuning sample (set 'tune')")
    ap.add_argument(
        "--cache",
        default=str(Path(tempfile.gettempdir()) / "khabar-identical-records"),
        help="where the baseline's outputs are kept between runs ('' for none)",
    )
    args = ap.parse_args(argv)
    cache = Path(args.cache) if args.cache else None
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
            ok &= compare_set(name, args.baseline, args.src, Path(tmp), args.limit, cache, print)
    print("all byte-identical" if ok else "DIFFERENT")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
