"""The ``khabar`` command.

Exit status: 0 success; 2 bad arguments; 3 no input record could be processed (all rejected);
4 a pipeline could not be built; 5 a package data file is broken; 1 anything unexpected (a bug:
please report it with the input that caused it); 130 interrupted.

The package divides as the commands do: ``documents`` (process, show, summary, stages), ``evals``
(eval textdump, html, dates, ner, events, facts), ``events`` (events export), ``common`` (reading
inputs, progress, rejects on stderr) and ``main`` (the parser and :func:`main`, the console script's
entry point ``khabar.cli:main``); ``khabar run``/``profiles``, ``search`` and ``serve`` are wired in from
``khabar.corpus.cli``, ``khabar.archive.cli`` and ``khabar.web.cli``.
"""

from __future__ import annotations

from khabar.cli.main import EPILOG, build_parser, main
from khabar.cli_options import (  # re-exported: tests and older code import them from here
    DATE_FIELD_HELP,
    FACT_STAGES,
    add_min_confidence_option,
    add_ner_option,
    fact_stages,
)

__all__ = [
    "DATE_FIELD_HELP",
    "EPILOG",
    "FACT_STAGES",
    "add_min_confidence_option",
    "add_ner_option",
    "build_parser",
    "fact_stages",
    "main",
]
