"""khabar on text dumps written in the style of Arabic news sites it was never trained on.

Issue 14's maintainers score khabar on 30 dumps in 20 site styles that nobody here has seen; these 74
(``data/site_styles``, written by the khabar developers: see its README) stand in for them. Each dump
gives its title, section path, writer and publication date (``expected.jsonl``); the floors below
are what khabar gets today, so a change that loses one shows. Raise a floor when a figure rises.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from khabar.api import process_text
from khabar.clean import lexicon

DATA = Path(__file__).parent / "data" / "site_styles"


@dataclass(frozen=True)
class Scores:
    docs: int
    title: int
    sections: int
    writer: int
    writers: int
    published: int
    dated: int


def _same(a: str | None, b: str | None) -> bool:
    return lexicon.key(a or "") == lexicon.key(b or "")


@cache
def score() -> Scores:
    """Titles and section paths right (of every dump), writers named within the byline (of dumps
    that name one) and publication dates right (of dumps that show one)."""
    title = sections = writer = writers = published = dated = docs = 0
    for line in (DATA / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        exp = json.loads(line)
        doc = process_text((DATA / exp["file"]).read_text(encoding="utf-8"), id=exp["file"])
        docs += 1
        title += _same(doc.title, exp["title"])
        sections += [lexicon.key(s) for s in doc.sections] == [lexicon.key(s) for s in exp["sections"]]
        if exp["writer"]:
            writers += 1
            writer += lexicon.key(exp["writer"]) in lexicon.key(doc.byline or "")
        if exp["published"]:
            dated += 1
            published += doc.published is not None and str(doc.published)[:10] == exp["published"]
    return Scores(docs, title, sections, writer, writers, published, dated)


def test_the_site_style_dumps_are_all_scored() -> None:
    s = score()
    assert (s.docs, s.writers, s.dated) == (74, 33, 61)


# measured 2026-12-07 (issue 14, eighth round, branch titles5): of 74, title 73, section path 60, writer
# 32 of 33, published 61 of 61; the first 66: 65, 53, 30 of 31, 56 of 56 (from 62, 52, 30, 55). The
# sixth batch (ennahar … hawaalive, written after the round's first three rules, as a check): title 8
# of 8, section path 7, writer 2 of 2, published 5 of 5; when written 7, 6, 2, 3 of 5; at dd808f7 3,
# 4, 2, 3 of 5.
# Seventh round (branch titles4): of 66, title 62, section path 52,
# writer 30 of 31, published 55 of 56 (the first 45: 43, 32, 19 of 20, 35 of 35, from 42, 23, 10, 31;
# the fourth batch, whose failures the rules were written from: 13, 13, 7 of 7, 13 of 13; the fifth,
# written after them: 6, 7, 4 of 4, 7 of 8).
# Sixth round: title 42 of 45, section path 23 of 45, writer 10 of 20, published 31
# of 35. Before this round's rules (e78b3f6): title 11, section path 12, writer 4, published 26 (the
# logo or nothing as the title: a news page with many short lines scored as a listing without its
# URL, and the site's name over its menu taken for the headline; the whole menu as the section path).
# Dumps written after rules, as checks: the ten akhbarona … wp_news, 5 of 10 titles right before the
# classes they showed were added; the six alayam … shorouk, 4 of 6 before two more. The thirteen
# wam … mosaique (fourth batch, written before any rule of that round), untouched at 8e119a4: title 11
# of 13, section path 4 of 13, writer 5 of 7, published 9 of 13. The eight sana … map_ma (fifth batch,
# written after that round's rules, untouched): title 6 of 8, section path 7, writer 4 of 4, published
# 6 of 8 (at 8e119a4: 6, 4, 2 and 5).
FLOORS = {"title": 73, "sections": 60, "writer": 32, "published": 61}


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_site_style_floor(field: str) -> None:
    assert getattr(score(), field) >= FLOORS[field], (field, score())
