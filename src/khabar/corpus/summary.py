"""What a ``khabar run`` did (:class:`RunSummary`): counts that add up, phases, the machine's load."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["RunSummary"]


@dataclass
class RunSummary:
    """What a run did. ``records_in == records_out + sum(rejects.values())`` always holds."""

    out_dir: str
    records_in: int = 0
    records_out: int = 0
    rejects: dict[str, int] = field(default_factory=dict)
    shards: int = 0
    shards_skipped: int = 0
    seconds: float = 0.0
    #: records processed by this run (skipped shards excluded), for docs/s
    processed: int = 0
    dup_clusters: int = 0
    dup_records: int = 0
    #: lines (blocks) removed by site profiles
    profile_removed: int = 0
    #: documents the archive received, and those it already held (idempotent reruns)
    archive_added: int = 0
    archive_present: int = 0
    #: worker processes used, wall time per phase, and the 1-minute load average at start and end
    #: (a run competing with other work for the cores is slower, and says so)
    workers: int = 1
    phases: dict[str, float] = field(default_factory=dict)
    load_start: float | None = None
    load_end: float | None = None
    #: files of the input folders that are not documents (README, SOURCE.md …): ``(path, reason)``
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": self.out_dir,
            "records_in": self.records_in,
            "records_out": self.records_out,
            "rejects": dict(self.rejects),
            "shards": self.shards,
            "shards_skipped": self.shards_skipped,
            "seconds": round(self.seconds, 3),
            "processed": self.processed,
            "docs_per_s": round(self.docs_per_s, 1),
            "dup_clusters": self.dup_clusters,
            "dup_records": self.dup_records,
            "profile_removed": self.profile_removed,
            "archive_added": self.archive_added,
            "archive_present": self.archive_present,
            "workers": self.workers,
            "phases": {k: round(v, 3) for k, v in self.phases.items()},
            "load_start": self.load_start,
            "load_end": self.load_end,
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
        }

    def format(self) -> str:
        """One line for stderr, like ``khabar process``'s summary."""
        n_rej = sum(self.rejects.values())
        s = f"khabar: {self.records_in} records in: {self.records_out} written, {n_rej} rejected"
        if self.rejects:
            s += " (" + ", ".join(f"{r}: {c}" for r, c in Counter(self.rejects).most_common()) + ")"
        if self.skipped:
            from khabar.io import format_skipped

            s += "; " + format_skipped(self.skipped)
        s += f"; {self.shards} shards ({self.shards_skipped} already done)"
        if self.profile_removed:
            s += f"; {self.profile_removed} lines removed by site profiles"
        if self.dup_clusters:
            s += f"; {self.dup_clusters} duplicate clusters holding {self.dup_records} records"
        if self.archive_added or self.archive_present:
            s += f"; archive: {self.archive_added} added, {self.archive_present} already there"
        s += f" in {self.seconds:.1f} s ({self.docs_per_s:.0f} docs/s, {self.workers} worker"
        s += "s)" if self.workers != 1 else ")"
        if self.phases:
            s += "\n  phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in self.phases.items())
        if self.load_start is not None:
            s += f"; load average {self.load_start:.2f} at start, {self.load_end:.2f} at the end"
            if self.load_start >= 1.0:
                s += " (other work was running: the figures above shared the cores with it)"
        return s
