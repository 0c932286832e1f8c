"""Structure from classified blocks: sections path, glued title prefixes, bylines, dates.

Runs after classification, on kinds, and splits the few glued shapes whose parts have different
roles and that hold across sites:

* a breadcrumb line: levels separated by » › > | / or glued (repair recorded the glue points), as in
  "العناوين الرئيسيةسورية" → ["العناوين الرئيسية", "سورية"];
* a title prefixed by a one- or two-word category and a slash, as agency feeds print them
  ("سياسي / رئيس الوزراء اللبناني يلتقي …") → a section block and the title block; and an agency's
  marker after it ("… / إضافة أولى واخيرة") → a boilerplate block (``pattern:wire_suffix``);
* a byline whose tail after " | " is a date ("دبي - الرياضية | Tuesday, 11 August 2015 - 13:48 pm")
  → a byline block and a date block;
* the byline repeated as the start of the first paragraph (some CMSs print the author field there).
"""

from __future__ import annotations

import re

from khabar.arabic.dates import find_dates
from khabar.clean import bylines as _by
from khabar.clean import lexicon
from khabar.clean.features import _MONTH_RE, _NUMDATE, _PAREN_SOURCE, _WEEKDAY, _YEAR
from khabar.clean.titles import wire_suffix_start
from khabar.model import Block

_CRUMB_SEP = re.compile(r"\s*(?:[»›>|]|\s/\s|\s-\s)\s*")
_TITLE_CATEGORY = re.compile(r"^(\S+(?: \S+)?)\s*/\s+(?=\S)")


def _sub(b: Block, s: int, e: int, kind: str, reason: str | None = None) -> Block:
    """The part ``[s, e)`` of block ``b`` as a new block (offsets mapped through ``b.srcmap``)."""
    while s < e and b.text[s].isspace():
        s += 1
    while e > s and b.text[e - 1].isspace():
        e -= 1
    if b.srcmap is not None:
        rs, re_ = b.srcmap.span_to_src(s, e)
        sub = b.srcmap.slice(s, e)
    else:
        rs, re_, sub = b.raw_start, b.raw_end, None
    nb = Block(kind, b.text[s:e], rs, re_, reason=reason, score=b.score)
    nb.srcmap = sub
    nb.glue = tuple(g - s for g in b.glue if s < g < e)
    return nb


def section_path(b: Block) -> list[str]:
    """The levels of a breadcrumb block."""
    cuts = sorted({*b.glue, *(m.start() for m in _CRUMB_SEP.finditer(b.text))})
    parts: list[str] = []
    pos = 0
    for c in cuts:
        m = _CRUMB_SEP.match(b.text, c)
        parts.append(b.text[pos:c])
        pos = m.end() if m and m.end() > c else c
    parts.append(b.text[pos:])
    return [p.strip() for p in parts if p.strip()]


def _is_date(s: str) -> bool:
    k = lexicon.key(s)
    return bool((_MONTH_RE.search(k) and _YEAR.search(s)) or _NUMDATE.search(s))


_DIGIT = re.compile(r"[0-9\u0660-\u0669]")
_LIST_MARK = re.compile(r"^(?:[-–—•*·▪●◦►✓✔]\s*|[(\[]?[0-9\u0660-\u0669]{1,3}\s*[.)\-–]\s+)\S")
_QUOTED = re.compile(r"^[«\"“].{15,}[»\"”][.!؟?]?$")
_CAPTION = re.compile(r"^(?:\(?صورة|الصورة\s*:|صور\s*:)|(?:\(?تصوير\s*:?[^.،]{2,40}\)?\.?)$")


# the last year in a line, with its era mark (هـ Hijri, م Gregorian) if one follows
_YEAR_NUM = r"(?:1[34]\d\d|19\d\d|20\d\d)"
_DATE_END = re.compile(rf"{_YEAR_NUM}(?:\s*(?:هـ|ه|م)(?=\s|$))?(?!.*{_YEAR_NUM})")


def refine_kinds(blocks: list[Block]) -> list[Block]:
    """Name the finer kinds the line model folds into its classes, by their visible marks:
    ``list_item`` (a bullet or item number), ``quote`` (a paragraph that is one quotation),
    ``caption`` (a short line that starts "صورة" or ends in a photo credit) and ``dateline`` (a
    byline or date line that gives a place before a date, as agency copy opens: "بيروت 25 شوال 1436 هـ
    الموافق 10 أغسطس 2015 م واس" becomes the dateline "بيروت", the date, and the byline "واس").
    Labels that sit where bylines sit and are not one (:mod:`khabar.clean.bylines`): a reading time
    ("2 min") is removed as ``pattern:reading_time``; a clock time ("07:00 ص") or a weekday alone
    ("الإثنين،") is part of the date; a weekday or a stamp cue before a date is no place ("الإثنين،",
    "آخر تحديث:", "نشر في"), and a clock time after it stays in the date block ("الإثنين، 20 مايو 2024
    07:00 ص" is one date)."""
    out: list[Block] = []
    for b in blocks:
        out.append(b)
        t = b.text
        if b.kind == "paragraph":
            if _LIST_MARK.match(t):
                b.kind = "list_item"
            elif _QUOTED.match(t):
                b.kind = "quote"
            elif t.count(" ") < 30 and _CAPTION.search(t):
                b.kind = "caption"
            elif "تعليق" in t and t.count(" ") < 150 and lexicon.load().match_line(t) == "comment_policy":
                # a site's comment policy under the article ("… مراجعة التعليقات قبل نشرها"): the line
                # model keys long lines on their start only, so the lexicon's phrase is looked for here
                b.kind, b.reason = "boilerplate", "lexicon:comment_policy"
        elif b.kind == "heading" and t.count(" ") <= 4 and _PAREN_SOURCE.match(t):
            # a short line wholly in parentheses is a source credit under an item ("(وكالة الأنباء)"),
            # which is how a byline is written, never a subheading
            b.kind = "byline"
        elif b.kind in ("byline", "date", "dateline"):
            if _by.is_reading_time(t):
                b.kind, b.reason = "boilerplate", "pattern:reading_time"
                continue
            if _by.is_counter(t):
                b.kind, b.reason = "boilerplate", "pattern:counter"
                continue
            if b.kind != "date" and (_by.is_clock(t) or _by.is_weekday_only(t)):
                b.kind = "date"  # "07:00 ص", "الإثنين،": part of a date, never a writer or a place
                continue
            m = _DIGIT.search(t)
            if b.kind != "dateline" and m and _is_date(t):
                head = t[: m.start()].replace("-", " ").replace("،", " ").split()
                year = _DATE_END.search(t, m.start())
                date_end = year.end() if year else None
                # a weekday or a stamp before the date ("الإثنين، 3 مايو", "Tuesday, 11 August 2015",
                # "آخر تحديث:") and a label ending in a colon announce the date: they are no place
                label = t[: m.start()].rstrip().endswith(":")
                # the date may start before its first digit ("ديسمبر 5, 2024": no place before it)
                # and end past the last year's digits ("2024-12-05 14:30"): the date reader says
                span = next((d for d in find_dates(_by.stamp_text(t)) if d.start <= m.start() < d.end), None)
                if span is not None and span.start >= m.start():
                    date_end = max(date_end or 0, span.end)
                if (
                    1 <= len(head) <= 3
                    and date_end is not None
                    and not label
                    and (span is None or span.start >= m.start())
                    and not _by.is_stamp_words(t[: m.start()])
                    and not _WEEKDAY.search(lexicon.key(" ".join(head)))
                ):
                    # a place before the date; a clock time after it stays with the date
                    tail = t[date_end:]
                    clock = _by.is_clock(tail)
                    out.pop()
                    out.append(_sub(b, 0, m.start(), "dateline"))
                    out.append(_sub(b, m.start(), len(t) if clock else date_end, "date"))
                    if not clock and tail.strip(" -–،,:"):
                        out.append(_sub(b, date_end, len(t), "byline"))
                elif b.kind == "byline" and _by.writer_name(t) is None:
                    b.kind = "date"  # a weekday, a date and a clock time name no writer
    return out


def split_glued(blocks: list[Block]) -> list[Block]:
    """Split title/category, byline/date and byline-prefixed paragraphs into blocks of their own."""
    out: list[Block] = []
    bylines: list[str] = []
    for b in blocks:
        if b.kind == "title":
            w = wire_suffix_start(b.text)
            if w is not None and w >= 15:
                # an agency's "/ إضافة أولى واخيرة" after the headline: a marker, not the title
                tail = _sub(b, w, len(b.text), "boilerplate", "pattern:wire_suffix")
                b = _sub(b, 0, w, "title")
            else:
                tail = None
            m = _TITLE_CATEGORY.match(b.text)
            if m and len(b.text) - m.end() >= 15:
                out.append(_sub(b, 0, m.end(1), "section"))
                out.append(_sub(b, m.end(), len(b.text), "title"))
            else:
                out.append(b)
            if tail is not None:
                out.append(tail)
            continue
        elif b.kind in ("byline", "date"):
            i = b.text.rfind(" | ")
            # "place - author | date": the model may call the whole line either; a date line whose
            # head is no date is the same glued pair
            if i > 0 and _is_date(b.text[i + 3 :]) and (b.kind == "byline" or not _is_date(b.text[:i])):
                bylines.append(b.text[:i])
                out.append(_sub(b, 0, i, "byline"))
                out.append(_sub(b, i + 3, len(b.text), "date"))
                continue
            if b.kind == "byline":
                bylines.append(b.text)
        elif b.kind == "paragraph" and bylines:
            for by in bylines:
                if len(by) >= 6 and b.text.startswith(by) and len(b.text) > len(by) + 20:
                    out.append(_sub(b, 0, len(by), "byline"))
                    out.append(_sub(b, len(by), len(b.text), "paragraph"))
                    break
            else:
                out.append(b)
            continue
        out.append(b)
    return out
