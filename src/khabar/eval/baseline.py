"""The measured baseline for ``khabar eval textdump``: datatrove's own quality filters, run as they are.

Nothing of datatrove's rules is re-implemented here. Each baseline builds datatrove filter objects and
calls their ``filter(doc)`` method on a datatrove ``Document`` holding the gold dump (the same text
khabar is given). Per-line decisions are read off the result:

* a filter that returns ``False`` (or ``(False, reason)``) rejected the document: every line of it is
  predicted boilerplate and ``is_article`` is false;
* ``C4QualityFilter`` also rewrites ``doc.text`` to the lines it keeps (stripped, citations such as
  ``[1]`` removed). Which input lines (as ``str.splitlines`` cuts them, which is what C4 uses) it
  kept is read from its own per-line statistics (``line-kept`` / ``line-filter-<rule>``), and
  checked: the kept input lines, rewritten as C4 rewrites them, must give back ``doc.text``
  exactly. The lines it did not keep are predicted boilerplate;
* the document-level filters (Gopher, FineWeb) keep or reject whole documents.

Kept lines are predicted ``paragraph`` (the baselines find no structure and no titles:
``title`` is ``None``). ``is_article`` is "not rejected and at least one line kept".

Baselines (datatrove 0.10.1; ``C4QualityFilter``, ``FineWebQualityFilter``, ``GopherQualityFilter``
from ``datatrove.pipeline.filters``):

``c4_lines``
    ``C4QualityFilter`` line rules only: defaults (``filter_no_terminal_punct=True``,
    ``min_words_per_line=3``, ``max_word_length=1000``, ``filter_javascript``, ``filter_policy``,
    ``remove_citations``) with its three document-level drops switched off
    (``min_num_sentences=-1``, ``filter_lorem_ipsum=False``, ``filter_curly_bracket=False``).
``c4_full``
    ``C4QualityFilter()`` with every default: the line rules plus the document drops (fewer than 5
    sentences in the kept lines, "lorem ipsum", a curly bracket).
``fineweb``
    ``FineWebQualityFilter()`` with its defaults; it is document-level only.
``fineweb_chain``
    The quality filters of the FineWeb recipe (datatrove's ``examples/fineweb.py``) without its
    ``GopherRepetitionFilter`` (and without URL filtering, extraction and language ID), in order:
    ``GopherQualityFilter`` with :data:`ARABIC_STOP_WORDS`, then ``C4QualityFilter`` configured as
    FineWeb does (``filter_no_terminal_punct=False``, other defaults), then ``FineWebQualityFilter``.
    All three get ``language="ara_Arab"`` (datatrove's spaCy Arabic tokenizer) instead of English.
``fineweb_chain_punct``
    The same chain with C4's terminal-punctuation rule left on (C4's default), for comparison.

Tokenizers: ``c4_lines`` needs none. The others count words or sentences with datatrove's word
tokenizers, which for English and Arabic are ``spacy.blank(lang)`` with a sentencizer: no model
download, so they work offline, but they need ``spacy`` (and datatrove needs ``regex``), which the
``bench`` extra must bring.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from khabar.errors import UsageError
from khabar.eval.gold import GoldDoc
from khabar.eval.textdump import Prediction

#: the datatrove version these baselines were written against and measured with
DATATROVE_VERSION = "0.10.1"

#: datatrove's language code for Arabic in Arabic script (its spaCy "ar" tokenizer). Note that
#: "arb" resolves to a Stanza tokenizer in datatrove 0.10.1's tokenizer table, so it is not used.
ARABIC_LANGUAGE = "ara_Arab"

#: Gopher's stop-word rule for Arabic: a document needs at least 2 of these as whole tokens. The 30
#: most common Arabic function words, plus the hamza-less spellings of the ones written with أ/إ,
#: because the CC sample had its hamza-on-alef forms folded to ا upstream.
ARABIC_STOP_WORDS: tuple[str, ...] = (
    "في",
    "من",
    "على",
    "إلى",
    "عن",
    "مع",
    "أن",
    "إن",
    "أو",
    "ما",
    "لا",
    "لم",
    "لن",
    "قد",
    "كان",
    "كانت",
    "هذا",
    "هذه",
    "ذلك",
    "التي",
    "الذي",
    "الذين",
    "هو",
    "هي",
    "بين",
    "بعد",
    "قبل",
    "حتى",
    "كل",
    "عند",
    # hamza-less spellings
    "الى",
    "ان",
    "او",
)

BASELINES: tuple[str, ...] = ("c4_lines", "c4_full", "fineweb", "fineweb_chain", "fineweb_chain_punct")


def _datatrove() -> tuple[Any, Any]:
    """``(Document class, datatrove.pipeline.filters module)``, or a UsageError saying what to install."""
    try:
        data = importlib.import_module("datatrove.data")
        filters = importlib.import_module("datatrove.pipeline.filters")
    except ImportError as e:
        raise UsageError(
            f"the datatrove baseline needs datatrove and its 'regex' dependency: install khabar[bench] ({e})",
            value=getattr(e, "name", None),
        ) from e
    return data.Document, filters


def _steps(name: str, filters: Any) -> list[Any]:
    """The datatrove filter objects of baseline ``name``, in the order they run."""
    if name == "c4_lines":
        return [
            filters.C4QualityFilter(
                min_num_sentences=-1, filter_lorem_ipsum=False, filter_curly_bracket=False
            )
        ]
    if name == "c4_full":
        return [filters.C4QualityFilter()]
    if name == "fineweb":
        return [filters.FineWebQualityFilter()]
    if name in ("fineweb_chain", "fineweb_chain_punct"):
        return [
            filters.GopherQualityFilter(stop_words=list(ARABIC_STOP_WORDS), language=ARABIC_LANGUAGE),
            filters.C4QualityFilter(
                filter_no_terminal_punct=name == "fineweb_chain_punct", language=ARABIC_LANGUAGE
            ),
            filters.FineWebQualityFilter(language=ARABIC_LANGUAGE),
        ]
    raise UsageError(f"unknown baseline {name!r}; choose from {', '.join(BASELINES)}", value=name)


@dataclass(frozen=True, slots=True)
class _Segment:
    """A line of the input as ``str.splitlines`` cuts it: ``raw[start:end]`` without its line break."""

    start: int
    end: int
    text: str


def _segments(raw: str) -> list[_Segment]:
    out: list[_Segment] = []
    pos = 0
    for piece in raw.splitlines(keepends=True):
        body = piece.splitlines()[0] if piece.splitlines() else ""
        out.append(_Segment(pos, pos + len(body), body))
        pos += len(piece)
    return out


class _LineTrace:
    """Records a filter's per-line verdicts from its own statistics.

    ``C4QualityFilter.filter`` counts, for each line it reads (in order), ``line-total`` and then one
    ``line-filter-<rule>`` or ``line-kept`` through ``self.stat_update``; this wraps that method on
    the instance and keeps the verdicts. Document-level filters count no such stats.
    """

    def __init__(self, step: Any) -> None:
        self.outcomes: list[bool] = []
        self._stat_update = step.stat_update
        step.stat_update = self

    def clear(self) -> None:
        self.outcomes.clear()

    def __call__(self, *labels: str, **kwargs: Any) -> Any:
        for label in labels:
            if label == "line-kept":
                self.outcomes.append(True)
            elif label.startswith("line-filter-"):
                self.outcomes.append(False)
        return self._stat_update(*labels, **kwargs)


class _Runner:
    """Runs one baseline's filters on dumps and turns the outcome into :class:`Prediction`\\ s."""

    def __init__(self, name: str) -> None:
        document_cls, filters = _datatrove()
        self.name = name
        self._document = document_cls
        self._steps = _steps(name, filters)
        self._traces = [_LineTrace(step) for step in self._steps]
        c4 = importlib.import_module("datatrove.pipeline.filters.c4_filters")
        # C4's own citation pattern: kept lines come back with it removed
        self._citation = c4.CITATION_REGEX

    def warm_up(self) -> None:
        """Load the tokenizers (spaCy) once, outside any timing."""
        sample = "هذا نص قصير في سطر واحد، من أجل تحميل المجزئ. وهذه جملة ثانية على السطر نفسه.\n" * 6
        self.decide(sample)

    def decide(self, raw: str) -> list[bool] | None:
        """Per :func:`_segments` line of ``raw``: kept or not; ``None`` when the document is rejected."""
        current = list(range(len(_segments(raw))))  # the input lines still in doc.text, in order
        doc = self._document(text=raw, id="gold")
        for step, trace in zip(self._steps, self._traces, strict=True):
            before = doc.text
            trace.clear()
            try:
                result = step.filter(doc)
            except ImportError as e:  # datatrove asks for spacy the first time it tokenizes
                raise UsageError(
                    f"the datatrove baseline {self.name!r} needs {e.name or 'a tokenizer package'}: "
                    f"install khabar[bench] ({e})",
                    value=e.name,
                ) from e
            ok = result[0] if isinstance(result, tuple) else result
            if not ok:
                return None
            if doc.text != before or trace.outcomes:
                current = self._kept_lines(current, before, doc.text, trace.outcomes)
        kept = [False] * len(_segments(raw))
        for i in current:
            kept[i] = True
        return kept

    def _kept_lines(self, current: list[int], before: str, after: str, outcomes: list[bool]) -> list[int]:
        """The input lines that a line-filtering step kept, checked against the text it left.

        ``outcomes`` is the step's own per-line account (see :class:`_LineTrace`), one entry per
        line of ``before`` as ``splitlines`` cuts it. Reading the text alone would be ambiguous: C4
        keeps ``CITATION_REGEX.sub("", line.strip())`` and strips the joined result, so ``x.`` may
        come from ``x.`` or from ``x. [1]`` (which C4 drops: it no longer ends in ``.``).
        """
        lines = before.splitlines()
        if len(lines) != len(current) or len(outcomes) != len(lines):
            raise RuntimeError(
                f"baseline {self.name}: {len(outcomes)} line decisions for {len(lines)} lines "
                f"({len(current)} expected); datatrove's line accounting is not what this code reads"
            )
        kept = [k for k, ok in enumerate(outcomes) if ok]
        rebuilt = "\n".join(self._citation.sub("", lines[k].strip()) for k in kept).strip()
        if rebuilt != after:
            raise RuntimeError(f"baseline {self.name}: the kept lines do not rebuild the filtered text")
        return [current[k] for k in kept]

    def predict(self, raw: str) -> Prediction:
        kept = self.decide(raw)
        blocks: list[tuple[int, int, str]] = []
        for k, seg in enumerate(_segments(raw)):
            stripped = seg.text.strip()
            if not stripped:
                continue
            start = seg.start + (len(seg.text) - len(seg.text.lstrip()))
            kind = "paragraph" if kept is not None and kept[k] else "boilerplate"
            blocks.append((start, start + len(stripped), kind))
        is_article = kept is not None and any(kept)
        return Prediction(blocks=blocks, title=None, is_article=is_article)


def run_baseline(golds: Sequence[GoldDoc], name: str) -> tuple[dict[str, Prediction], float]:
    """Baseline ``name`` on every gold document: predictions by document id, and the wall time in
    seconds (tokenizer loading excluded)."""
    runner = _Runner(name)
    runner.warm_up()
    t0 = time.perf_counter()
    preds = {doc.id: runner.predict(doc.raw) for doc in golds}
    return preds, time.perf_counter() - t0


def run_baselines(
    golds: Sequence[GoldDoc], names: Iterable[str] = BASELINES
) -> dict[str, tuple[dict[str, Prediction], float]]:
    """Every baseline (or those named) on the gold documents: ``{name: (predictions, seconds)}``."""
    return {name: run_baseline(golds, name) for name in names}


def baseline_speed(texts: Iterable[str], name: str, clock: Callable[[], float] = time.perf_counter) -> float:
    """Documents per second of baseline ``name`` (filters plus reading back the kept lines) on
    ``texts``; tokenizer loading is done before the clock starts."""
    runner = _Runner(name)
    runner.warm_up()
    n = 0
    t0 = clock()
    for text in texts:
        runner.decide(text)
        n += 1
    elapsed = clock() - t0
    return n / elapsed if elapsed > 0 else float("inf")
