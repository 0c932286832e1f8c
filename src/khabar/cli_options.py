"""Options the two command lines share (``khabar process``/``show`` in :mod:`khabar.cli`, ``khabar run``
in :mod:`khabar.corpus.cli`): one definition each, in a module below both, so that neither command line
imports the other for them."""

from __future__ import annotations

import argparse

from khabar.pipeline import FACT_STAGES as _FACT_STAGES
from khabar.pipeline import NER_TAGGERS, with_ner

__all__ = [
    "DATE_FIELD_HELP",
    "FACT_STAGES",
    "MIN_CONFIDENCE_HELP",
    "add_min_confidence_option",
    "add_ner_option",
    "fact_stages",
]

DATE_FIELD_HELP = (
    "input field holding the record's own date, used as `published` when the page gives none "
    "(NAME, or NAME:crawl for a fetch date; 'none' for no input date); default: the first of "
    "published, date, date_extracted (SaudiNewsNet), metadata.date, timestamp … that holds a date, "
    "and a WARC record's WARC-Date"
)


#: the fact layers `--facts` adds after cleaning
FACT_STAGES = _FACT_STAGES

MIN_CONFIDENCE_HELP = (
    "which facts go in the records' main fields (entities, refs, events): 'default' those at or above "
    "the thresholds of khabar/data/fact_thresholds.json (the rest are kept under low_confidence), "
    "'all' every fact, or a number from 0 to 1 as one threshold for every fact (default: default; "
    "`show` of a khabar output file: as stored)"
)


def min_confidence_arg(text: str) -> str | float:
    """:func:`khabar.extract.confidence.min_confidence_arg`, imported when an option is read: building
    the parser does not import the fact layers (their tokenizer compiles its patterns at import)."""
    from khabar.extract.confidence import min_confidence_arg as read

    return read(text)


def add_min_confidence_option(p: argparse.ArgumentParser) -> None:
    """``--min-confidence default|all|FLOAT`` (process, show, events, run)."""
    p.add_argument(
        "--min-confidence",
        type=min_confidence_arg,
        default=None,
        metavar="default|all|FLOAT",
        help=MIN_CONFIDENCE_HELP,
    )


def add_ner_option(p: argparse.ArgumentParser) -> None:
    """``--ner crf|accurate`` (process, show, run)."""
    p.add_argument(
        "--ner",
        choices=NER_TAGGERS,
        default="crf",
        help="entity tagger: 'crf' (default, fast) or 'accurate' (the fine-tuned encoder, some 40 times "
        "slower; needs pip install 'khabar[accurate]'); 'accurate' implies --facts",
    )


def fact_stages(args: argparse.Namespace, on: bool) -> tuple[str, ...]:
    """The fact layers to add (none unless ``on`` or ``--ner accurate``), with the entity tagger asked for."""
    ner = getattr(args, "ner", "crf")
    if not on and ner == "crf":
        return ()
    return with_ner(FACT_STAGES, ner)
