"""Start-up: what ``khabar process page.txt`` imports (issue 15, item 5).

The command's start-up time is mostly imports and the regular expressions modules compile when
imported (``benchmarks/README.md``, "startup.py"). These tests guard the lazy imports that keep it
short, by listing the modules a fresh interpreter holds (``sys.modules``), not by timing anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

#: modules the command line's parser and the cleaning stages need not import: numpy (the cleaning
#: classifier imports it, the parser must not), ftfy (only for a line with a mojibake telltale), the
#: date-mention patterns (only the fact layer's dates and input dates read them), the fact layers,
#: the events, the archive, the corpus runner and its process pool
_HEAVY = (
    "numpy",
    "ftfy",
    "khabar.arabic.dates.patterns",
    "khabar.arabic.dates.mentions",
    "khabar.arabic.dates.context",
    "khabar.extract",
    "khabar.events",
    "khabar.archive.store",
    "khabar.corpus.runner",
    "multiprocessing",
)


def _imported(code: str) -> list[str]:
    """The modules of :data:`_HEAVY` (or their submodules) that running ``code`` in a fresh interpreter
    imported."""
    probe = (
        f"import sys\n{code}\n"
        f"heavy = {_HEAVY!r}\n"
        "import json\n"
        "got = {h for h in heavy for m in sys.modules if m == h or m.startswith(h + '.')}\n"
        "print(json.dumps(sorted(got)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def test_building_the_command_line_imports_no_heavy_module() -> None:
    # why: every command builds the whole parser first; its options must not import what they name
    # (--min-confidence reads its value with khabar.extract.confidence, imported when an option is read)
    assert _imported("from khabar.cli.main import build_parser; build_parser()") == []


def test_cleaning_a_text_imports_numpy_and_nothing_else_heavy() -> None:
    # why: `khabar process page.txt` without --facts runs only the cleaning stages; their line
    # classifier needs numpy, nothing else of the list should load for a clean page
    page = "عنوان الخبر\\nوصل الوزير إلى الرياض أمس الخميس 3 مارس 2021."
    code = f"from khabar.api import process_text; process_text('{page}')"
    assert _imported(code) == ["numpy"]


def test_the_date_mention_names_still_come_from_the_package() -> None:
    # why: khabar.arabic.dates imports them on first use; the names must stay importable as before
    code = (
        "from khabar.arabic.dates import find_date_mentions, implied_publication_date, DateMention, "
        "hijri_to_gregorian, WEEKDAYS, HIJRI_MONTHS, DATE_WORDS"
    )
    assert "khabar.arabic.dates.mentions" in _imported(code)
    import khabar.arabic.dates as dates

    with pytest.raises(AttributeError):
        _ = dates.no_such_name  # type: ignore[attr-defined]


def test_the_command_asks_for_one_blas_thread_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    # why: OpenBLAS starts a spinning thread per core at import (0.03 s of CPU per command) for
    # matrices far too small to use them; a user's own setting wins
    from khabar.cli.main import _one_blas_thread

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "4")
    _one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1" and os.environ["MKL_NUM_THREADS"] == "4"
