"""The event coder's small trained models (``events_model.json``).

* **Event filter.** The rules over-generate: a trigger word is not always an event (a generic noun, a
  re-mention used as an anchor, a verb in a relative clause about something else, an essay's "يرفض").
  A logistic regression over sparse features of each candidate (its type, part of speech and frame,
  whether the sentence names its participants, where it stands, what other events the sentence holds;
  since issue 13 also its page's genre — first person, rhetoric, quotes and questions, an agency
  byline, how many events of which types, domain words — and its sentence's context — a date or place
  of the event, a quote, a question, a hedge, the word before and after the trigger) gives each candidate
  a probability: the candidates below the file's threshold are dropped, and the probability is the first
  stage of the mention's confidence (:mod:`khabar.events.document` weighs it by the document-level event
  the mention belongs to, with the file's ``document`` model).
* **Argument models.** A logistic regression per role (actor, recipient) weighs every candidate
  participant of an event (the sentence's mentions and unnamed noun phrases, and what the rules chose)
  by its kind, governing preposition, side and distance from the trigger, and whether (and as which)
  the rules chose it. Issue 13's (``parties``, policy "add": the rules' choice and the confident
  others) gives the parties event detection, grouping and the document model read; issue 16's scorer
  (``arguments``, ``scripts/train_event_args.py``, policy "gate") keeps of them only those it is sure of
  and leaves the role empty otherwise (precision first: a wrong actor is worse than none). It is
  shipped for the roles where it beat issue 13's model out of fold on the development half (actors).

No open-class word identities are features of the filter (the page and sentence cues are closed word
lists, ``events_page_cues_ar.tsv``). The filter and the document model are trained by
``scripts/train_events.py`` on the **development half** of the events gold set
(``khabar.eval.events.is_dev``) and on event mentions of the tuning sample labelled by reading
(``benchmarks/data/events_tune_labels.tsv``), the argument model on the development half only; the
held-out half is only scored. With ``use_models(False)`` (the training script's setting)
the rules' output is kept as it is.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from khabar.arabic.clitics import CACHE_WORDS, in_vocab
from khabar.data import bad_row, load_json, rows
from khabar.errors import DataFileError
from khabar.events.arguments import PASSIVE_MARKERS
from khabar.events.arguments.phrases import _verb_or_speech
from khabar.events.arguments.vocab import _NO_AGENT
from khabar.events.lexicon import fold, load_domain_words, words

if TYPE_CHECKING:
    from khabar.events.event import Event
    from khabar.events.mentions import Mention, Words

__all__ = [
    "EventFilter",
    "Models",
    "argument_candidates",
    "choose_arguments",
    "event_features",
    "load_models",
    "use_scorer",
]

_FILE = "events_model.json"


@dataclass(frozen=True, slots=True)
class EventFilter:
    weights: dict[str, float]
    bias: float
    threshold: float
    #: for the argument model: "replace" the rules' choice, only "add" to it, or keep the "top"
    #: candidate and the others above ``extra``
    policy: str = "replace"
    extra: float = 1.0
    #: the calibration of the probability: breakpoints (probability, confidence), increasing in both
    calibration: tuple[tuple[float, float], ...] = ()

    def probability(self, feats: dict[str, float]) -> float:
        # the same products in the same order as a generator's, summed by the same sum(), in C
        z = self.bias + sum(
            map(operator.mul, map(self.weights.get, feats, itertools.repeat(0.0)), feats.values())
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def confidence(self, p: float) -> float:
        """The calibrated confidence of probability ``p``: how often a candidate with this probability
        was a gold event, out of fold on the development half (isotonic, then interpolated linearly
        between its breakpoints); ``p`` itself without a calibration."""
        pts = self.calibration
        if not pts:
            return p
        if p <= pts[0][0]:
            return pts[0][1]
        if p >= pts[-1][0]:
            return pts[-1][1]
        k = bisect.bisect_right([x for x, _ in pts], p)
        (x0, y0), (x1, y1) = pts[k - 1], pts[k]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (p - x0) / (x1 - x0)


@dataclass(frozen=True, slots=True)
class Models:
    """The event filter and the argument model (either may be absent)."""

    events: EventFilter | None
    #: per role (actor, recipient): the probability that a candidate fills it
    arguments: dict[str, EventFilter] | None
    #: the confidence of a mention from the filter's probability and the document-level event it
    #: belongs to (:func:`khabar.events.document.group_features`)
    document: EventFilter | None = None
    #: per role: the argument model the event filter, the grouping and the document model read their
    #: parties through (issue 13's, "add"), when the record's arguments come from another
    parties: dict[str, EventFilter] | None = None


def _model(d: dict[str, object] | None) -> EventFilter | None:
    if not d:
        return None
    w = d["weights"]
    assert isinstance(w, dict)
    return EventFilter(
        {str(k): float(v) for k, v in w.items()},
        float(d["bias"]),  # type: ignore[arg-type]
        float(d["threshold"]),  # type: ignore[arg-type]
        str(d.get("policy", "replace")),
        float(d.get("extra", 1.0)),  # type: ignore[arg-type]
        tuple((float(x), float(y)) for x, y in d.get("calibration") or ()),  # type: ignore[attr-defined]
    )


#: whether the coder uses the shipped models (see :func:`use_models`) and the argument scorer
#: (:func:`use_scorer`)
_ENABLED = [True]
#: on by default (issue 16, precision first): out of fold on the development half the actor scorer is
#: more precise than issue 13's ranker (end to end, actor P 0.69 against 0.57, recall 0.46 against
#: 0.56); scripts/train_event_args.py
_SCORER = [True]


def use_scorer(on: bool) -> bool:
    """Switch the argument scorer on (off) for this process, and return whether it was on. Off, the
    record's arguments are the parties (issue 13's ranker: the rules' choice and its additions)."""
    was = _SCORER[0]
    _SCORER[0] = on
    load_models.cache_clear()
    return was


def use_models(on: bool) -> None:
    """Switch the shipped models on or off for this process: ``scripts/train_events.py`` fits them on
    the candidates the rules give alone (it used to set an environment variable that the library read)."""
    _ENABLED[0] = on
    load_models.cache_clear()


@functools.cache
def load_models() -> Models | None:
    """The packaged models (``data/events_model.json``; a missing or broken file is a
    :class:`DataFileError`), or None after ``use_models(False)``."""
    if not _ENABLED[0]:
        return None
    d = load_json(_FILE)
    try:
        args = d.get("arguments")
        roles = {r: m for r in ("actor", "recipient") if (m := _model((args or {}).get(r)))} if args else None
        pa = d.get("parties")
        parties = {r: m for r in ("actor", "recipient") if (m := _model((pa or {}).get(r)))} if pa else None
        if not _SCORER[0]:
            roles, parties = parties, None
        return Models(_model(d.get("events")), roles or None, _model(d.get("document")), parties or None)
    except (ValueError, KeyError, TypeError, AttributeError, AssertionError) as e:
        raise DataFileError(f"package data file {_FILE} is broken: {e}", value=_FILE) from e


def event_features(
    ev: Event, events: list[Event], words: Words, first_sentence: tuple[int, int]
) -> dict[str, float]:
    """The filter's features of one candidate event (all binary but the counts); issue 13 added the
    named parties of the event, its sentence and its page (an essay's "يرفض" has none)."""
    t = ev.type
    trig = ev.match.trigger
    w0 = words.toks[ev.match.first].text
    same = [e for e in events if e.sentence == ev.sentence]
    f: dict[str, float] = {
        f"type={t}": 1.0,
        f"pos={trig.pos}|{t}": 1.0,
        f"frame={trig.frame}|{t}": 1.0,
        f"own_args={ev.own_args}|{t}": 1.0,
        f"actors={bool(ev.args.actors)}|{t}": 1.0,
        f"recipients={bool(ev.args.recipients)}|{t}": 1.0,
        f"multiword={ev.match.last > ev.match.first}": 1.0,
        f"title={ev.sentence == first_sentence}|{t}": 1.0,
        f"future={ev.future}": 1.0,
        f"negated={ev.negated}": 1.0,
        f"mode={ev.mode}|{t}": 1.0,
        "events_in_sentence": min(len(same), 8) / 8,
        "same_type_in_sentence": min(sum(e.type == t for e in same), 5) / 5,
        "position_in_sentence": (ev.match.first - words.index_at(ev.sentence[0]))
        / max(1, words.index_at(ev.sentence[1]) - words.index_at(ev.sentence[0])),
        f"doc_has_type_before={any(e.type == t and e.start < ev.start for e in events)}|{t}": 1.0,
    }
    f[f"article={w0.lstrip('وفبل').startswith('ال')}|{t}"] = 1.0
    f[f"clitic={w0[0] in 'وفبل'}"] = 1.0
    for o in same:
        if o is not ev:
            f[f"with={o.type}|{t}"] = 1.0
    # PLOVER codes events between parties: how many named ones the sentence, the event and the page have
    named = {m.ref for m in ev.cands if m.kind in _NAMED_KINDS and ev.sentence[0] <= m.start < ev.sentence[1]}
    f[f"sentence_named={_bucket(len(named))}|{t}"] = 1.0
    own = {m.ref for m in ev.args.all() if m.kind in _NAMED_KINDS}
    f[f"named_parties={min(len(own), 2)}|{t}"] = 1.0
    doc_named = {m.ref for e in events for m in e.cands if m.kind in _NAMED_KINDS}
    f[f"doc_named={_bucket(len(doc_named))}"] = 1.0
    f.update(_context_features(ev, events, words))
    return f


# -- the page and the sentence around a candidate (issue 13) ---------------------------------------------
_PAGE_CUES = "events_page_cues_ar.tsv"
#: the classes of ``events_page_cues_ar.tsv``
PAGE_CUE_CLASSES = frozenset({"first_person", "opinion", "hedge", "agency", "anchor"})
#: prepositions before a trigger (closed class)
_PREPS = words("filter.preps")
#: relative pronouns after a trigger (الهجوم الذي استهدف …: the event is being described)
_RELS = words("filter.rels")
#: quotation marks that open and close a quote, and those that do both
_QUOTE_OPEN, _QUOTE_CLOSE, _QUOTE_BOTH = "«“", "»”", '"'


@functools.cache
def load_page_cues() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """The cues of ``events_page_cues_ar.tsv`` by their first normalised word: (the other words, class)."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for row in rows(_PAGE_CUES, columns=2):
        cols = row.cols
        if not cols[0].strip() or cols[1].strip() not in PAGE_CUE_CLASSES:
            raise bad_row(
                _PAGE_CUES,
                row.line,
                f"expected form <TAB> class ({', '.join(sorted(PAGE_CUE_CLASSES))})",
                cols,
            )
        ws = fold(cols[0]).split()
        out.setdefault(ws[0], []).append((tuple(ws[1:]), cols[1].strip()))
    return {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in out.items()}


@dataclass(slots=True)
class _Page:
    """What the page says of its genre, computed once per document (the coder asks per candidate)."""

    words: Words
    n_events: int
    #: per word, the class of the page cue it belongs to (or None)
    cue: list[str | None]
    feats: dict[str, float]


_last_page: list[_Page] = []


def _page(words: Words, events: list[Event]) -> _Page:
    if _last_page and _last_page[0].words is words and _last_page[0].n_events == len(events):
        return _last_page[0]
    toks = [t.text for t in words.toks]
    cue = _cue_marks(toks)
    n = max(1, len(toks))
    view = words.view.text

    def rate(k: int) -> str:  # per thousand words
        x = 1000 * k / n
        for lim in (0, 2, 5, 10, 20):
            if x <= lim:
                return str(lim)
        return "20+"

    quotes = sum(view.count(q) for q in _QUOTE_OPEN + _QUOTE_BOTH)
    questions = view.count("؟") + view.count("?")
    speech = list(map(_word_class, toks)).count("speech")
    types = {e.type for e in events}
    assault_share = round(2 * sum(e.type == "ASSAULT" for e in events) / max(1, len(events))) / 2
    feats = {
        f"pg_len={_bucket(len(toks) // 100)}": 1.0,
        f"pg_first_person={rate(sum(c == 'first_person' for c in cue))}": 1.0,
        f"pg_opinion={rate(sum(c == 'opinion' for c in cue))}": 1.0,
        f"pg_quotes={rate(quotes)}": 1.0,
        f"pg_questions={rate(questions)}": 1.0,
        f"pg_speech={rate(speech)}": 1.0,
        f"pg_agency_lead={any(c == 'agency' for c in cue[:40])}": 1.0,
        f"pg_agency={any(c == 'agency' for c in cue)}": 1.0,
        f"pg_events={_bucket(len(events))}": 1.0,
        f"pg_types={min(len(types), 6)}": 1.0,
        f"pg_assault_share={assault_share}": 1.0,
    }
    bare = set(toks) | {w[1:] for w in toks if len(w) > 3 and w[0] in "وفبل"}
    joined = " " + " ".join(toks) + " "
    for domain, vocab in load_domain_words().items():
        seen = sum(1 for p in vocab if (p in bare if " " not in p else f" {p} " in joined))
        feats[f"pg_{domain}={min(seen, 3)}"] = 1.0
    page = _Page(words, len(events), cue, feats)
    _last_page[:] = [page]
    return page


def _cue_marks(toks: list[str]) -> list[str | None]:
    cues = load_page_cues()
    out: list[str | None] = [None] * len(toks)
    for i, w in enumerate(toks):
        # only the keys the cue table holds (most words: none), tested in C
        for key in filter(cues.__contains__, (w, w[1:] if len(w) > 2 and w[0] in "وف" else "")):
            hit = next(((r, c) for r, c in cues[key] if tuple(toks[i + 1 : i + 1 + len(r)]) == r), None)
            if hit is not None:
                for j in range(i, i + 1 + len(hit[0])):
                    out[j] = out[j] or hit[1]
                break
    return out


def _context_features(ev: Event, events: list[Event], words: Words) -> dict[str, float]:
    """The page's genre (its first person, rhetoric, quotes, questions, agency byline, how many events
    and of which types, its domain words) and the candidate's sentence: a date or place of the event,
    a quote or a question around it, the word before and after the trigger, a hedge before it."""
    t = ev.type
    pg = _page(words, events)
    f = dict(pg.feats)
    toks = words.toks
    a = words.index_at(ev.sentence[0])
    b = min(len(toks), words.index_at(ev.sentence[1]))
    i, last = ev.match.first, max(ev.match.last, ev.last_word)
    view = words.view.text
    s0 = toks[a].start if a < len(toks) else 0
    s1 = toks[b].start if b < len(toks) else len(view)
    before = view[s0 : toks[i].start]
    in_quote = sum(before.count(q) for q in _QUOTE_OPEN) > sum(before.count(q) for q in _QUOTE_CLOSE) or (
        before.count(_QUOTE_BOTH) % 2 == 1
    )
    question = "؟" in view[s0:s1] or "?" in view[s0:s1]
    prev = _neighbour_class(toks[i - 1].text, pg.cue[i - 1]) if i > a else "start"
    nxt = _neighbour_class(toks[last + 1].text, pg.cue[last + 1]) if last + 1 < b else "end"
    w0 = toks[i].text
    art = w0.lstrip("وفبل").startswith("ال")
    hedge = any(pg.cue[j] == "hedge" for j in range(max(a, i - 8), i))
    first_person = any(pg.cue[j] == "first_person" for j in range(a, b))
    digits = any(ch.isdigit() for tk in toks[a:b] for ch in tk.text)
    same = sorted(e.match.first for e in events if e.sentence == ev.sentence and e.type == t)
    f.update(
        {
            f"ms_date={ev.date is not None}|{t}": 1.0,
            f"ms_place={ev.place is not None}|{t}": 1.0,
            f"ms_quote={in_quote}": 1.0,
            f"ms_question={question}": 1.0,
            f"ms_prev={prev}": 1.0,
            f"ms_prev={prev}|art={art}": 1.0,
            f"ms_prev={prev}|{t}": 1.0,
            f"ms_next={nxt}": 1.0,
            f"ms_hedge={hedge}": 1.0,
            f"ms_first_person={first_person}": 1.0,
            f"ms_digits={digits}|{t}": 1.0,
            f"ms_sent_len={_bucket((b - a) // 5)}": 1.0,
            f"ms_rank={min(same.index(i) if i in same else 0, 2)}": 1.0,
            f"ms_doc_pos={min(int(4 * i / max(1, len(toks))), 3)}": 1.0,
            f"ms_sides={bool(ev.args.actors)}{bool(ev.args.recipients)}|{t}": 1.0,
        }
    )
    return f


def _neighbour_class(w: str, cue: str | None) -> str:
    if cue in ("anchor", "hedge", "first_person"):
        return cue
    c = _word_class(w)
    if c != "other":
        return c
    bare = w[1:] if len(w) > 3 and w[0] in "وف" else w
    if w in _PREPS or bare in _PREPS:
        return "prep"
    if w in _RELS or bare in _RELS:
        return "rel"
    if bare.startswith("ال") or bare.startswith("بال") or bare.startswith("لل"):
        return "noun_al"
    return "other"


#: participant kinds that name a party (not an unnamed phrase, not a town)
_NAMED_KINDS = frozenset({"person", "role", "country", "org", "armed", "people", "side"})


def _bucket(n: int) -> str:
    for lim, name in ((0, "0"), (1, "1"), (3, "2-3"), (6, "4-6"), (12, "7-12")):
        if n <= lim:
            return name
    return "13+"


#: closed-class words before a candidate that tell its clause role (no open-class word identities)
_BEFORE_CLASSES = {c: words(f"filter.before_{c}") for c in ("comp", "speech", "rel", "time")}
_CLASS_OF = {w: c for c, ws in _BEFORE_CLASSES.items() for w in ws}


@functools.lru_cache(maxsize=CACHE_WORDS)
def _word_class(w: str) -> str:
    if w in _CLASS_OF:
        return _CLASS_OF[w]
    if (s := in_vocab(w, _CLASS_OF)) is not None:
        return _CLASS_OF[s]
    return "other"


def argument_candidates(
    ev: Event, words: Words, events: list[Event] | None = None
) -> list[tuple[Mention, str, dict[str, float]]]:
    """Every (candidate, role, features) of one event: the sentence's participant mentions and
    unnamed phrases, and the arguments the rules chose (which may come from other sentences), for
    both roles. (The actors of the event before, as pro-drop candidates, did not help in
    cross-validation on the development half: 0.439 against 0.441.)

    Besides kind, preposition, side and distance, the features say how a candidate ranks among the
    candidates on its side (the nearest ungoverned party is the usual subject or object), what
    closed-class word stands before it (a complementiser أن, a verb of saying, a relative pronoun,
    a time word), and whether another trigger, or punctuation, stands between it and the trigger."""
    cands: list[Mention] = []
    for m in [*ev.args.actors, *ev.args.recipients, *ev.cands]:
        if all(m.ref != c.ref for c in cands):
            cands.append(m)
    rule = {("actor", m.ref) for m in ev.args.actors} | {("recipient", m.ref) for m in ev.args.recipients}
    t = ev.type
    trig = ev.match.trigger
    toks = words.toks
    is_verb = ev.args.verb
    a = words.index_at(ev.sentence[0])
    passive = ev.match.first > a and toks[ev.match.first - 1].text in PASSIVE_MARKERS
    other_triggers = [
        (o.match.first, o.match.last) for o in (events or []) if o.sentence == ev.sentence and o is not ev
    ]
    # ranks of the candidates on each side, nearest first (all / ungoverned only)
    inside_ = [c for c in ev.cands if ev.sentence[0] <= c.start < ev.sentence[1]]
    after_ = sorted((c for c in inside_ if c.first > ev.match.first), key=lambda c: c.first)
    before_ = sorted((c for c in inside_ if c.last < ev.match.first), key=lambda c: -c.last)
    rank: dict[str, tuple[int, int]] = {}
    for side_list in (after_, before_):
        free = 0
        for k, c in enumerate(side_list):
            rank.setdefault(c.ref, (k, free if c.prep is None else 9))
            if c.prep is None:
                free += 1
    # where a candidate stands in the rules' choice (the first actor is the rules' surest)
    rule_rank = {("actor", m.ref): k for k, m in enumerate(ev.args.actors)}
    rule_rank.update({("recipient", m.ref): k for k, m in enumerate(ev.args.recipients)})
    # a verbal noun of what happens to someone (مقتل، سقوط): nobody's act, no actor in the sentence
    no_agent = toks[ev.match.first].text in _NO_AGENT
    out = []
    for m in cands:
        inside = ev.sentence[0] <= m.start < ev.sentence[1]
        if m.last < ev.match.first:
            side, dist = "before", ev.match.first - m.last
        elif m.first > ev.match.first:
            side, dist = "after", max(0, m.first - ev.match.last)
        else:
            side, dist = "inside", 0
        if not inside:
            side = "elsewhere"
        between = [
            c for c in ev.cands if (m.last < c.first < ev.match.first) or (ev.match.last < c.last < m.first)
        ]
        lo, hi = (m.last, ev.match.first) if side == "before" else (ev.match.last, m.first)
        trig_between = side in ("before", "after") and any(
            lo < f <= hi or lo < l_ < hi for f, l_ in other_triggers
        )
        gap_text = ""
        if side in ("before", "after") and 0 <= lo < hi < len(toks):
            gap_text = words.view.text[toks[lo].end : toks[hi].start]
        punct = "،" in gap_text or ":" in gap_text or "«" in gap_text or '"' in gap_text
        prev_cls = _word_class(toks[m.first - 1].text) if m.first > 0 and inside else "none"
        r_all, r_free = rank.get(m.ref, (9, 9))
        rk = f"{min(r_all, 3)}/{min(r_free, 3)}"
        n_words = m.last - m.first + 1
        # an unnamed phrase that starts with ب/ل is mostly what is asked or thanked for, not a party
        w0 = toks[m.first].text if m.first < len(toks) else ""
        clitic = w0[0] if m.kind == "other" and w0[:1] in ("ب", "ل") else "-"
        # an unnamed one-word phrase without the article, governed by ب or in the accusative (بقوة،
        # مقاولا) is a manner or a predicate, not a party
        adverbial = (
            m.kind == "other" and n_words == 1 and not w0.lstrip("وفبل").startswith("ال") and w0[-1:] in "اب"
        ) or clitic == "ب"
        # another verb between the candidate and the trigger (رفضت ما قاله كيري): it belongs to that
        # verb's clause; a verb of saying right before it makes it a speaker
        verb_between = side in ("before", "after") and any(
            _verb_or_speech(toks[i].text) for i in range(lo + 1, min(hi, len(toks)))
        )
        for role in ("actor", "recipient"):
            chosen = (role, m.ref) in rule
            other = (("recipient" if role == "actor" else "actor"), m.ref) in rule
            f = {
                f"{role}|bias": 1.0,
                f"{role}|rule={chosen}": 1.0,
                f"{role}|rule={chosen}|{t}": 1.0,
                f"{role}|rule_other={other}": 1.0,
                f"{role}|kind={m.kind}": 1.0,
                f"{role}|kind={m.kind}|{t}": 1.0,
                f"{role}|prep={m.prep}": 1.0,
                f"{role}|prep={m.prep}|{trig.frame}": 1.0,
                f"{role}|prep={m.prep}|{t}": 1.0,
                f"{role}|side={side}|{trig.pos}": 1.0,
                f"{role}|side={side}|verb={is_verb}": 1.0,
                f"{role}|side={side}|{t}": 1.0,
                f"{role}|dist={_bucket(dist)}|{side}": 1.0,
                f"{role}|between={_bucket(len(between))}": 1.0,
                f"{role}|coord={m.coord}": 1.0,
                f"{role}|frame={trig.frame}|side={side}": 1.0,
                f"{role}|kind={m.kind}|side={side}|{t}": 1.0,
                f"{role}|rank={rk}|{side}": 1.0,
                f"{role}|rank={rk}|{side}|verb={is_verb}": 1.0,
                f"{role}|rank={rk}|{side}|{trig.frame}": 1.0,
                f"{role}|prev={prev_cls}": 1.0,
                f"{role}|prev={prev_cls}|{side}": 1.0,
                f"{role}|trig_between={trig_between}|{side}": 1.0,
                f"{role}|punct={punct}|{side}": 1.0,
                f"{role}|passive={passive}|{side}": 1.0,
                f"{role}|words={min(n_words, 4)}|{m.kind}": 1.0,
                f"{role}|clitic={clitic}|{t}": 1.0,
                f"{role}|lex={trig.row}|side={side}": 1.0,
                f"{role}|lex={trig.row}|prep={m.prep}": 1.0,
                f"{role}|lex={trig.row}|kind={m.kind}": 1.0,
                f"{role}|lex={trig.row}|rank={rk}|{side}": 1.0,
                f"{role}|rule_rank={min(rule_rank.get((role, m.ref), 9), 2)}|{t}": 1.0,
                f"{role}|rule={chosen}|{trig.frame}|side={side}": 1.0,
                f"{role}|no_agent={no_agent}|kind={m.kind}|{side}": 1.0,
                f"{role}|adverbial={adverbial}": 1.0,
                f"{role}|verb_between={verb_between}|{side}": 1.0,
                f"{role}|kind={m.kind}|prep={m.prep}|{side}": 1.0,
                f"{role}|agentless={ev.args.agentless}|{side}": 1.0,
                f"{role}|first_person={ev.args.first_person}|{side}": 1.0,
            }
            out.append((m, role, f))
    return out


def choose_arguments(
    ev: Event, cands: list[tuple[Mention, str, dict[str, float]]], models: dict[str, EventFilter]
) -> None:
    """Set the event's actors and recipients to the candidates the model gives a high probability; a
    candidate takes the role it scores higher in. With the "add" policy the rules' choice stays and the
    model only adds candidates to it; with "top" a role takes its best candidate above the threshold
    and the others only above the model's ``extra`` threshold (most events have one actor); with "gate"
    the rules' choices above the threshold stay and the role's best other candidate joins them above
    ``extra``. A role whose candidates all fall below the threshold is left empty (abstention: a wrong
    actor is worse than none; ``scripts/train_event_args.py`` chose the thresholds for precision)."""
    best: dict[str, tuple[str, float, Mention]] = {}
    for role, ms in (("actor", ev.args.actors), ("recipient", ev.args.recipients)):
        model = models.get(role)
        # a role without a model (it did not beat the rules) keeps the rules' choice, as "add" does
        if model is None or model.policy == "add":
            for m in ms:
                best.setdefault(m.ref, (role, 2.0, m))
    rule = {("actor", m.ref) for m in ev.args.actors} | {("recipient", m.ref) for m in ev.args.recipients}
    scored = [
        (m, role, models[role].probability(f))
        for m, role, f in cands
        if models.get(role) is not None
        # an agentless passive (تم اعتقال X) has only the agent the rules found ("من قبل X"), an
        # accusation of an act no other accused than its doer (أدان التفجير الذي …)
        and not (role == "actor" and ev.args.agentless and ("actor", m.ref) not in rule)
        and not (role == "recipient" and ev.args.closed_recipients and ("recipient", m.ref) not in rule)
    ]
    top = {role: max((p for _, r, p in scored if r == role), default=1.0) for role in models}
    # a party the rules ruled out is never chosen, but sets its role's bar (the next best must be sure)
    scored = [(m, role, p) for m, role, p in scored if (role, m.ref) not in ev.args.not_roles]
    # the rules' choice of a role is one group (X و Y): when the model's best is in it, so is the rest
    rule_top = {
        role
        for role in models
        if any(r == role and p >= top[role] and (role, m.ref) in rule for m, r, p in scored)
    }
    for m, role, p in scored:
        model = models[role]
        if p < model.threshold:
            continue
        if (
            model.policy == "top"
            and p < top[role]
            and p < max(model.threshold, model.extra)
            and not (role in rule_top and (role, m.ref) in rule)
        ):
            continue  # "top": the best candidate of the role, and others only when they are sure
        if model.policy == "gate" and (role, m.ref) not in rule and (p < top[role] or p < model.extra):
            continue  # "gate": the rules' choice the model agrees with, and its own best only when sure
        if m.ref not in best or p > best[m.ref][1]:
            best[m.ref] = (role, p, m)
    # a candidate inside another chosen argument is part of it (أنصار [الرئيس] السابق), not a party
    chosen = [m for _, _, m in best.values()]
    nested = {
        m.ref
        for m in chosen
        if any(
            o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
            for o in chosen
        )
    }
    ev.args.actors = [m for role, _, m in best.values() if role == "actor" and m.ref not in nested]
    ev.args.recipients = [m for role, _, m in best.values() if role == "recipient" and m.ref not in nested]
