"""Moved to :mod:`khabar.arabic.tokenize` (the number words of :mod:`khabar.arabic` read tokens, and
nothing in ``arabic`` may import ``extract``); this name stays for code written against it."""

from khabar.arabic.tokenize import *  # noqa: F403
from khabar.arabic.tokenize import __all__  # noqa: F401
