"""khabar's one exception hierarchy, with stable codes.

::

    KhabarError                      K000  base; every error khabar raises on purpose
    ├── InputError                   K100  an input cannot be read as given
    │   ├── EmptyInputError          K101  the input holds no text
    │   ├── BinaryInputError         K102  the input is not text (NUL bytes, a known binary signature)
    │   ├── DecodingError            K103  no text encoding fits the bytes
    │   ├── TooLargeError            K104  a record is larger than the configured limit
    │   ├── TruncatedInputError      K105  a compressed or archive stream ends early or is corrupt
    │   ├── MalformedRecordError     K106  a JSON line that is not a JSON object
    │   ├── MissingFieldError        K107  a record without the field that holds its text
    │   ├── NotFoundError            K108  an input path that does not exist
    │   ├── UnreadableError          K109  an input the operating system will not let us read
    │   ├── GoldFormatError          K110  a gold-set record that breaks its format (khabar.eval.gold)
    │   ├── NotHtmlError             K111  a WARC response that is not an HTML page (skipped, counted)
    │   ├── HttpStatusError          K112  a WARC response whose HTTP status is not 2xx
    │   └── DuplicateRecordError     K113  a near-duplicate dropped by `khabar run --dedup keep-first`
    ├── PipelineError                K200  a pipeline cannot be built
    │   ├── UnknownStageError        K201  a stage name that is not registered
    │   ├── MissingRequirementError  K202  a stage needs what no earlier stage provides
    │   └── StageFailedError         K203  a stage raised on one record (a khabar bug: the record is a
    │                                      reject naming the stage, the run goes on)
    ├── DataFileError                K300  a package data file (lexicon, model) is missing or invalid
    ├── UsageError                   K400  command-line arguments that do not fit together
    ├── ArchiveError                 K500  an archive file that cannot be opened or used (khabar.archive)
    │   └── ArchiveNotFoundError     K502  an archive path that does not exist (exit status 3)
    └── ServeError                   K501  `khabar serve` cannot start: the web extra is missing, or the
                                           port is taken (khabar.web.cli)

Every error carries ``code`` (the stable code above), ``reason`` (a short snake_case key used in
rejects files) and, where one exists, ``value`` (the offending value, shown in the message).
Codes never change meaning; new ones are added at the end of their group.
"""

from __future__ import annotations

from typing import Any


class KhabarError(Exception):
    """Base class: a message a user can act on, plus a stable ``code`` and ``reason``."""

    code = "K000"
    reason = "error"
    #: exit status the CLI uses when this error ends a run
    exit_code = 1

    def __init__(self, message: str, *, value: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.value = value

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """The error as a rejects-file entry."""
        return {"code": self.code, "reason": self.reason, "message": self.message}


class InputError(KhabarError):
    code = "K100"
    reason = "input_error"
    exit_code = 3


class EmptyInputError(InputError):
    code = "K101"
    reason = "empty"


class BinaryInputError(InputError):
    code = "K102"
    reason = "binary"


class DecodingError(InputError):
    code = "K103"
    reason = "undecodable"


class TooLargeError(InputError):
    code = "K104"
    reason = "too_large"


class TruncatedInputError(InputError):
    code = "K105"
    reason = "truncated"


class MalformedRecordError(InputError):
    code = "K106"
    reason = "malformed_json"


class MissingFieldError(InputError):
    code = "K107"
    reason = "missing_field"


class NotFoundError(InputError):
    code = "K108"
    reason = "not_found"


class UnreadableError(InputError):
    code = "K109"
    reason = "unreadable"


class NotHtmlError(InputError):
    """A WARC response that is not an HTML page (an image, a PDF, a feed …): skipped, and counted."""

    code = "K111"
    reason = "not_html"


class HttpStatusError(InputError):
    """A WARC response with an HTTP status other than 2xx: a redirect or an error page, not content."""

    code = "K112"
    reason = "http_status"


class DuplicateRecordError(InputError):
    """A record in a near-duplicate cluster whose first member was kept (``--dedup keep-first``)."""

    code = "K113"
    reason = "duplicate"


class PipelineError(KhabarError):
    code = "K200"
    reason = "pipeline_error"
    exit_code = 4


class UnknownStageError(PipelineError):
    code = "K201"
    reason = "unknown_stage"


class MissingRequirementError(PipelineError):
    code = "K202"
    reason = "missing_requirement"


class StageFailedError(PipelineError):
    """A stage raised on one document. Not the input's fault: khabar's, so the message asks for a
    report; the record becomes a reject naming the stage, and the other records go on."""

    code = "K203"
    reason = "stage_failed"

    def __init__(self, message: str, *, stage: str, value: Any = None) -> None:
        super().__init__(message, value=value)
        self.stage = stage


class DataFileError(KhabarError):
    code = "K300"
    reason = "data_file_error"
    exit_code = 5


class UsageError(KhabarError):
    code = "K400"
    reason = "usage"
    exit_code = 2
