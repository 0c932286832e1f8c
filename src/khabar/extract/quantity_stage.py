"""The ``quantities`` stage: durations, money, counts, percentages and power in ``Document.text``."""

from __future__ import annotations

from khabar.extract.quantities import find_quantities
from khabar.model import Document


def quantities(doc: Document) -> None:
    """Quantities of ``text`` (durations in seconds, money with currency, counts, percent, power)."""
    doc.quantities = find_quantities(doc.text)
