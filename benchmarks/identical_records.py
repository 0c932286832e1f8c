"""Whether two source trees write byte-identical records with ``khabar process --facts``.

Speed work must not change what khabar writes. This runs ``khabar process --facts`` with the package of
each source tree (``python -m khabar.cli`` with that tree's ``src`` first on ``PYTHONPATH``) on the
first ``--limit`` records of an input (by default 300 articles of the tuning sample,
``../tune/snn_tune_1k.jsonl``), then compares the two outputs byte for byte and, if they differ, names
the first differing record and its differing top-level fields. Exit status 0: identical.

Usage::

    # ../base: a worktree of the commit to compare with (git worktree add --detach ../base COMMIT)
    .venv/bin/python benchmarks/identical_records.py --baseline ../base/src
    .venv/bin/python benchmarks/identical_records.py --baseline ../base/src --limit 400
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TUNE = REPO.parent / "tune" / "snn_tune_1k.jsonl"


def run(src: Path, inp: Path, out: Path) -> None:
    """``khabar process --facts`` with the package under ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, "-m", "khabar.cli", "process", str(inp), "--facts", "-q", "-o", str(out)]
    subprocess.run(cmd, env=env, check=True, cwd=REPO)


def first_difference(a: list[bytes], b: list[bytes]) -> str | None:
    """None if the two record lists are byte-identical, else where they first differ, in words."""
    for k, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            rx, ry = json.loads(x), json.loads(y)
            fields = sorted(f for f in set(rx) | set(ry) if rx.get(f) != ry.get(f))
            return f"record {k + 1} ({rx.get('id')}) differs in: {', '.join(fields)}"
    if len(a) != len(b):
        return f"{len(a)} records against {len(b)}"
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", type=Path, required=True, help="the other tree's src folder")
    ap.add_argument("--src", type=Path, default=REPO / "src", help="this tree's src folder")
    ap.add_argument("--input", type=Path, default=TUNE)
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "input.jsonl"
        with args.input.open("rb") as f:
            inp.write_bytes(b"".join(line for _, line in zip(range(args.limit), f, strict=False)))
        outs = []
        for name, src in (("baseline", args.baseline), ("this", args.src)):
            out = Path(tmp) / f"{name}.jsonl"
            run(src.resolve(), inp, out)
            outs.append(out.read_bytes().splitlines())
    diff = first_difference(*outs)
    n = len(outs[0])
    print(f"{n} records: " + ("byte-identical" if diff is None else f"DIFFERENT: {diff}"))
    return 0 if diff is None else 1


if __name__ == "__main__":
    raise SystemExit(main())
