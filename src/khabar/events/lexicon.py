"""The package data of the event coder, read once and validated on load.

* ``events_triggers_ar.tsv``: PLOVER triggers (verbs with their conjugations, verbal nouns, phrases);
* ``events_actors_ar.tsv``: group and institution head nouns that can be actors or recipients;
* ``events_topics_ar.tsv``: discussion topics and the stems that name them;
* ``events_stop_ar.tsv``: phrases that look like triggers but are not events (``من أجل``);
* ``events_cues_ar.tsv``: context words of the coder's class rules (words of fighting, nouns that
  take a title).

Every form is folded with :func:`khabar.arabic.normalize.normalize` so that the tables can be written
as Arabic is written (hamzas, taa marbuta) and still match the normalised view. A broken row raises
:class:`~khabar.errors.DataFileError` naming the file and line.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from khabar import data
from khabar.arabic.normalize import normalize, strip_diacritics, strip_tatweel
from khabar.errors import DataFileError

__all__ = [
    "MODES",
    "TYPES",
    "Trigger",
    "TriggerLexicon",
    "fold",
    "hamza_key",
    "load_actor_nouns",
    "load_stop_phrases",
    "load_topics",
    "load_triggers",
    "word_set",
    "words",
]

#: the 16 PLOVER event types
TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

#: PLOVER modes per type (types without modes in PLOVER are absent)
MODES: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset(
        {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold"}
        | {"misinformation", "cyber"}
    ),
    "ASSAULT": frozenset(
        {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms"}
        | {"explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control"}
        | {"unconventional"}
    ),
}

POS = frozenset({"v", "n", "x", "p"})
FRAMES = frozenset({"sv", "host", "visit", "sym", "patient", "passive", "join"})
FLAGS = frozenset(
    {
        "future",
        "neg",
        "meeting",
        "gen",
        "party",
        "dest",
        "pair",
        "armed",
        "harm",
        "plan",
        "crowd",
        "aid",
        "mutual",
    }
)
ACTOR_KINDS = frozenset({"org", "armed", "people", "side"})

_TRIGGERS = "events_triggers_ar.tsv"
_ACTORS = "events_actors_ar.tsv"
_TOPICS = "events_topics_ar.tsv"
_STOP = "events_stop_ar.tsv"
_DOMAINS = "events_domains_ar.tsv"
_CUES = "events_cues_ar.tsv"
#: the classes of ``events_cues_ar.tsv``
CUE_CLASSES = frozenset(
    {
        "battle",
        "work",
        "title",
        "ground",
        "plan",
        "topic",
        "human",
        "thing",
        "protest",
        "aid",
        "accident",
        "intent",
        "animal",
    }
)
#: a gap in a multiword form: up to this many words
GAP = "*"
MAX_GAP = 3


def word_set(*chunks: str) -> frozenset[str]:
    """The normalised words of ``chunks`` (space-separated word lists), as a set for lookups."""
    return frozenset(fold(w) for c in chunks for w in c.split())


_WORDS_FILE = "events_words_ar.tsv"


@functools.cache
def _word_lists() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for row in data.rows(_WORDS_FILE, columns=2):
        name, text = row.cols
        if name in out:
            raise data.bad_row(_WORDS_FILE, row.line, "a list named twice", name)
        out[name] = word_set(text)
    return out


def words(name: str) -> frozenset[str]:
    """The normalised word list ``name`` of ``data/events_words_ar.tsv`` (``"coder.negators"``): the
    language data of the events rules, kept out of their code."""
    lists = _word_lists()
    if name not in lists:
        raise DataFileError(f"package data file {_WORDS_FILE} has no list {name!r}", value=name)
    return lists[name]


def fold(text: str) -> str:
    """The normalised form used for matching (the same folding as the document's view)."""
    return " ".join(normalize(text).split())


#: letters that carry a hamza (the normalised view folds them to ا و ي)
HAMZA_LETTERS = frozenset("أإآؤئء")
#: what may stand before a hamza that is the stem's first letter (وأشاد، بإشادة، الأزمة): such a
#: hamza is often left unwritten, so it does not tell words apart
_CLITIC_HEADS = frozenset(
    {"", "و", "ف", "ب", "ل", "ك", "س", "ال", "وال", "فال", "بال", "كال", "لل", "ول", "وب", "فب", "فل", "وس"}
    | {"فس", "ولل", "وبال", "فلل", "فبال"}
)


def hamza_key(word: str) -> str:
    """``word`` without diacritics and tatweel, hamzas kept (the normalised view folds them away):
    the key that tells هنأ "congratulated" from هنا "here" and بدأ from بدا."""
    return strip_tatweel(strip_diacritics(word))


def hamza_positions(word: str) -> tuple[int, ...]:
    """Where a lexicon word writes a hamza that matters: one inside the stem (تأجيل، يؤيد، هنأ), not
    one that only opens it after clitics (أشاد، بإشادة), which writers drop as a matter of course."""
    key = hamza_key(word)
    return tuple(j for j, c in enumerate(key) if c in HAMZA_LETTERS and key[:j] not in _CLITIC_HEADS)


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon form: its words (normalised; ``*`` is a gap), event type, mode and argument frame."""

    words: tuple[str, ...]
    type: str
    mode: str | None
    pos: str
    frame: str
    flags: frozenset[str]
    line: int
    #: per word, the positions (in the normalised word) where the text must write a hamza too
    hamza: tuple[tuple[int, ...], ...] = ()
    #: the lexicon row, by its type and first form (a name for the row that survives edits of the
    #: file elsewhere, unlike ``line``: the argument model's features use it)
    row: str = ""

    @property
    def size(self) -> int:
        return sum(1 for w in self.words if w != GAP)


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    """Triggers indexed by their first word."""

    by_first: dict[str, tuple[Trigger, ...]]
    #: longest number of words of any form (gaps excluded)
    max_words: int


def _rows(name: str) -> list[tuple[int, list[str]]]:
    return [(r.line, r.cols) for r in data.rows(name)]


_bad = data.bad_row


@functools.cache
def load_triggers() -> TriggerLexicon:
    """The trigger lexicon (read once)."""
    by_first: dict[str, list[Trigger]] = {}
    longest = 1
    for n, cols in _rows(_TRIGGERS):
        if len(cols) != 6:
            raise _bad(_TRIGGERS, n, "expected 6 tab-separated columns", cols)
        typ, mode, pos, frame, flags, forms = cols
        if typ not in TYPES:
            raise _bad(_TRIGGERS, n, "unknown PLOVER type", typ)
        m = None if mode == "-" else mode
        if m is not None and m not in MODES.get(typ, frozenset()):
            raise _bad(_TRIGGERS, n, f"mode not defined by PLOVER for {typ}", mode)
        if pos not in POS:
            raise _bad(_TRIGGERS, n, "unknown part of speech", pos)
        if frame not in FRAMES:
            raise _bad(_TRIGGERS, n, "unknown argument frame", frame)
        fl = frozenset() if flags == "-" else frozenset(flags.split(","))
        if not fl <= FLAGS:
            raise _bad(_TRIGGERS, n, "unknown flag", flags)
        row = f"{typ}:{fold(forms.split('|')[0])}"
        for form in forms.split("|"):
            words = tuple(fold(form).split())
            if not words or words[0] == GAP or words[-1] == GAP:
                raise _bad(_TRIGGERS, n, "empty form or a gap at an end", form)
            raw = form.split()
            hz = tuple(hamza_positions(w) for w in raw) if len(raw) == len(words) else ()
            t = Trigger(words, typ, m, pos, frame, fl, n, hz if any(hz) else (), row)
            by_first.setdefault(words[0], []).append(t)
            longest = max(longest, len(words))
    # the first person plural of every imperfect verb form (يطالب → نطالب، يرحب → نرحب): statements
    # quote officials speaking for their government ("نطالب المجتمع الدولي …"); a form the lexicon
    # lists itself keeps its own row
    for first, ts in list(by_first.items()):
        if len(first) < 3 or first[0] != "ي":
            continue
        we = "ن" + first[1:]
        if we in by_first:
            continue
        for t in ts:
            if t.pos == "v":
                by_first.setdefault(we, []).append(
                    Trigger(
                        (we, *t.words[1:]), t.type, t.mode, t.pos, t.frame, t.flags, t.line, t.hamza, t.row
                    )
                )
    return TriggerLexicon(
        {k: tuple(sorted(v, key=lambda t: -len(t.words))) for k, v in by_first.items()}, longest
    )


@functools.cache
def one_word_verbs() -> frozenset[str]:
    """The lexicon's one-word verb forms (normalised): what a name, a noun phrase or a family name
    cannot be (الربيعة [يستقبل]، التقى خلالها …)."""
    return frozenset(
        k for k, ts in load_triggers().by_first.items() if any(t.pos == "v" and len(t.words) == 1 for t in ts)
    )


@functools.cache
def load_actor_nouns() -> dict[tuple[str, ...], str]:
    """Group head nouns (normalised words) → kind (org, armed, people, side)."""
    out: dict[tuple[str, ...], str] = {}
    for n, cols in _rows(_ACTORS):
        if len(cols) != 2 or cols[1] not in ACTOR_KINDS:
            raise _bad(_ACTORS, n, "expected form <TAB> kind (org, armed, people, side)", cols)
        out[tuple(fold(cols[0]).split())] = cols[1]
    return out


@functools.cache
def load_topics() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Topic → its stems (each a tuple of normalised words)."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for n, cols in _rows(_TOPICS):
        if len(cols) != 2 or not cols[0] or not cols[1]:
            raise _bad(_TOPICS, n, "expected topic <TAB> stems", cols)
        out[cols[0]] = tuple(tuple(fold(s).split()) for s in cols[1].split("|") if s.strip())
    return out


@functools.cache
def load_stop_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases that are not events (``من أجل``, ``زيارة تفقدية``), indexed by their first word."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for n, cols in _rows(_STOP):
        if len(cols) != 2 or not cols[0].strip():
            raise _bad(_STOP, n, "expected phrase <TAB> why", cols)
        words = tuple(fold(cols[0]).split())
        out.setdefault(words[0], []).append(words)
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def load_domain_words() -> dict[str, frozenset[str]]:
    """Domain vocabularies (sport, market: normalised words and phrases), for the coder's rule that
    a sports or market page holds no PLOVER events."""
    out: dict[str, set[str]] = {}
    for n, cols in _rows(_DOMAINS):
        if len(cols) != 2 or not cols[0].strip() or not cols[1].strip():
            raise _bad(_DOMAINS, n, "expected form <TAB> domain", cols)
        out.setdefault(cols[1].strip(), set()).add(fold(cols[0]))
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def load_cues() -> dict[str, frozenset[str]]:
    """Context words by class (``events_cues_ar.tsv``: battle, work, title), normalised; a multiword
    cue is one string with its words joined by a space."""
    out: dict[str, set[str]] = {c: set() for c in CUE_CLASSES}
    for n, cols in _rows(_CUES):
        if len(cols) != 2 or not cols[0].strip() or cols[1].strip() not in CUE_CLASSES:
            raise _bad(
                _CUES,
                n,
                f"expected form <TAB> class ({', '.join(sorted(CUE_CLASSES))})",
                cols,
            )
        out[cols[1].strip()].add(fold(cols[0]))
    return {k: frozenset(v) for k, v in out.items()}
