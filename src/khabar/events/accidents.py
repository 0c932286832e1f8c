"""Deaths and injuries with no attacker: a stampede, a drowning, a road accident, a flood, a fire, an
animal.

PLOVER's ASSAULT is a use of force by an actor. The trigger lexicon reads قتل، مقتل، أصيب، مصرع as the
outcome of one, and most of the time they are; but news tells accidents with the same words ("مقتل 11
شخصا في تدافع"، "لقي 5 أطفال حتفهم غرقا"). The coder asks two questions here:

- a sentence's death or injury (``events_words_ar.tsv``, ``coder.accident_deaths``) is no event when an
  accident is named near it as its cause (``events_cues_ar.tsv``, class ``accident``) and the sentence
  tells of no attack: no word of intent or of fighting (class ``intent``), no other attack trigger
  (a shooting, a bombing, an arson: أضرم is a trigger of its own). An armed party alone says nothing:
  the police report most accidents ("بحسب ما أفادت الشرطة"), and soldiers drown too;
- in a document where such an accident was found and no attack is coded at all, the other deaths and
  injuries with no attack in their sentence are the same accident told again ("وقتل ما لا يقل عن 11
  شخصا" two sentences later): each alone may pass the filter, and together the document model would
  show them. Where the document also reports an attack (a crash on the day of a bombing), only those
  that give the accident's own count of victims are ("17 شخصا قتلوا" after "قتل 17 شخصا في تحطم").
"""

from __future__ import annotations

from khabar.events.context import _cue_stems, _has_cue
from khabar.events.event import Event
from khabar.events.lexicon import load_cues, words
from khabar.events.mentions import Words
from khabar.events.triggers import TriggerMatch

__all__ = [
    "accident_cause",
    "animal_attack",
    "attack_told",
    "counts_near",
    "drop_retold_accidents",
    "is_death",
]

#: the deaths and injuries an accident can cause (the first word of a trigger)
_DEATHS = words("coder.accident_deaths")


def is_death(words_: Words, m: TriggerMatch) -> bool:
    """Whether the trigger at ``m`` (document word indices) is a death or an injury."""
    return _is_death(words_.toks[m.first].text)


def _is_death(w: str) -> bool:
    """A death or an injury, with or without the conjunction و or ف (وأصيبت، فقتل)."""
    return w in _DEATHS or (w[:1] in ("و", "ف") and w[1:] in _DEATHS)


def _cue_at(words_: Words, i: int, b: int, cls: str) -> bool:
    """A cue of ``cls`` at word ``i``: one word (with its clitics), or two (the first with them)."""
    toks = words_.toks
    if _has_cue(toks[i].text, cls):
        return True
    if i + 1 >= b:
        return False
    cues = load_cues()[cls]
    nxt = toks[i + 1].text
    return f"{toks[i].text} {nxt}" in cues or any(f"{s} {nxt}" in cues for s in _cue_stems(toks[i].text))


#: how far before and after a death or an injury its accident may be named, in words ("في حادث سير
#: توفي …"، "قتل 30 شخصا على الأقل وأصيب المئات في زلزال بقوة 6 درجات"): a long sentence may name an
#: accident in another clause
_BEFORE, _AFTER = 8, 15


def accident_cause(words_: Words, m: TriggerMatch, a: int, b: int) -> bool:
    """Whether an accident or an animal (class ``accident``, ``animal``) is named near the death or
    injury ``m`` (document word indices) in the sentence of words ``[a, b)``."""
    lo, hi = max(a, m.first - _BEFORE), min(b, m.last + 1 + _AFTER)
    return any(_cue_at(words_, i, hi, "accident") or _cue_at(words_, i, hi, "animal") for i in range(lo, hi))


#: how close an animal stands to an attack word for the attack to be its (هجوم لهذه الحيوانات، هاجم قرش)
_ANIMAL_REACH = 3


def animal_attack(words_: Words, m: TriggerMatch, a: int, b: int) -> bool:
    """Whether the attack word ``m`` (document word indices) is an animal's (هجوم سمكة قرش): PLOVER's
    actors are people, so it is no ASSAULT."""
    return _animal_attack(words_, m, m.first, a, b)


def _animal_attack(words_: Words, m: TriggerMatch, first: int, a: int, b: int) -> bool:
    """An animal (class ``animal``) named right before or after the attack word ``m`` (its first word at
    ``first``), when the word names no weapon: an attack of no mode (هجوم، هاجم، اقتحم، قتل). A mortar
    shell (قذيفة) near a place named after an animal (شعب الذيب) is still a shelling."""
    if any(t.mode is not None for t in m.entries):
        return False
    last = first + (m.last - m.first)
    lo, hi = max(a, first - _ANIMAL_REACH), min(b, last + 1 + _ANIMAL_REACH)
    return any(_cue_at(words_, i, hi, "animal") for i in range(lo, hi))


def attack_told(words_: Words, a: int, b: int, matches: list[TriggerMatch]) -> bool:
    """Whether the sentence of words ``[a, b)`` tells of an attack: a word of intent or of fighting
    (class ``intent``; not ``battle``, whose عسكري a military aircraft's crash has too), or an ASSAULT
    trigger other than a death or an injury that needs no context of its own and is no animal's
    (``matches`` are sentence-relative, as :func:`khabar.events.triggers.find_triggers` gives them)."""
    for mt in matches:
        if _is_death(words_.toks[mt.first + a].text):
            continue
        if any(
            t.type == "ASSAULT" and not t.flags & {"armed", "harm"} for t in mt.entries
        ) and not _animal_attack(words_, mt, mt.first + a, a, b):
            return True
    return any(_cue_at(words_, i, b, "intent") for i in range(a, b))


#: how many words either side of a death its count of victims may stand (قتل 17 شخصا، 17 شخصا قتلوا)
_COUNT_REACH = 3


def counts_near(words_: Words, m: TriggerMatch, a: int, b: int) -> frozenset[str]:
    """The numbers written in digits next to the death or injury ``m``, years (four digits) aside."""
    toks = words_.toks
    lo, hi = max(a, m.first - _COUNT_REACH), min(b, m.last + 1 + _COUNT_REACH)
    return frozenset(t for t in (toks[i].text for i in range(lo, hi)) if t.isdigit() and len(t) < 4)


def drop_retold_accidents(
    events: list[Event], retold: dict[int, frozenset[str]], counts: frozenset[str]
) -> list[Event]:
    """``events`` without the deaths and injuries told again of an accident. ``retold``: each death or
    injury with no attack in its sentence (by ``id``) and the counts next to it; ``counts``: the
    accidents' counts of victims. All of them go when no other attack is coded in the document, else
    those with an accident's count (the caller calls this only where an accident was found)."""
    if any(e.type == "ASSAULT" and id(e) not in retold for e in events):
        return [e for e in events if not retold.get(id(e), frozenset()) & counts]
    return [e for e in events if id(e) not in retold]
