"""Reading inputs and writing outputs: nothing lost, clear errors.

:func:`read_inputs` turns files, folders, archives and stdin into a lazy stream of
:class:`RawRecord` and :class:`Reject`; :class:`JsonlWriter` and :class:`RejectsWriter` write
records and rejects as JSON Lines; :func:`decode_bytes` is the one bytes-to-text policy.
"""

from khabar.io.decode import Decoded, decode_bytes
from khabar.io.readers import (
    DEFAULT_META_FIELDS,
    FORMATS,
    RawRecord,
    Reject,
    compose_saudinewsnet,
    format_skipped,
    read_inputs,
    skip_reason,
)
from khabar.io.writers import JsonlWriter, RejectsWriter, dumps_line, read_jsonl

__all__ = [
    "DEFAULT_META_FIELDS",
    "FORMATS",
    "Decoded",
    "JsonlWriter",
    "RawRecord",
    "Reject",
    "RejectsWriter",
    "compose_saudinewsnet",
    "decode_bytes",
    "dumps_line",
    "format_skipped",
    "read_inputs",
    "read_jsonl",
    "skip_reason",
]
