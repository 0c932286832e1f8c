"""Who did it, when a sentence names more parties than the event has: the victims of a harm told
before did not make the attack they died in, and a body led by someone acts rather than its leader.
Read by the coder (:mod:`khabar.events.coder`) after each trigger's arguments (issue 16, ninth round).
"""

from __future__ import annotations

from khabar.events.arguments import Args
from khabar.events.arguments.parties import _OBJECT_PRONOUNS
from khabar.events.arguments.vocab import _RELATIVES
from khabar.events.event import Event
from khabar.events.lexicon import fold, words
from khabar.events.mentions import Mention, Words
from khabar.events.triggers import TriggerMatch

__all__ = ["led_by", "victims_not_doers"]


#: prepositions of circumstance before an attack noun, the attack a harm told before it came of: the
#: shared list of them (في، إثر، خلال، جراء) and عقب
_CIRCUMSTANCE = words("arguments.attack_by") | {fold("عقب")}


def victims_not_doers(
    args: Args, words: Words, m: TriggerMatch, entry_flags: frozenset[str], sevents: list[Event]
) -> None:
    """وقتل ضابطا شرطة ومجند ومسلح أمس في هجوم: whom a harm told before in the sentence, with no doer
    of its own, was done to is no doer of the attack it came of (an attack noun after في، خلال، إثر،
    جراء، عقب). Not in a clash or a battle, whose sides are killed in it (قتل مسلحون في اشتباكات مع
    الشرطة); not after a doer's harm (يردون على قصف الطيران بقصف منازل: the shelled shell back)."""
    if not sevents or "mutual" in entry_flags or not args.actors:
        return
    if m.first == 0 or words.toks[m.first - 1].text not in _CIRCUMSTANCE:
        return
    victims = {x.ref for e in sevents if e.type == "ASSAULT" and not e.args.actors for x in e.args.recipients}
    if victims:
        args.actors = [x for x in args.actors if x.ref not in victims]


def led_by(args: Args, words: Words, smentions: list[Mention]) -> None:
    """التحالف الذي تقوده [السعودية]: a party right after a relative pronoun and a verb that carries
    its antecedent's pronoun is that clause's subject; the antecedent, the party before the relative,
    is who acts in the event (the coalition, not Saudi Arabia), and not whom it is done to."""
    toks = words.toks
    for x in list(args.actors):
        k = x.first
        if k < 3 or toks[k - 2].text not in _RELATIVES or not _carries_pronoun(toks[k - 1].text):
            continue
        # (a body or a force only: شمال قبرص الذي تحتله تركيا names where, not who acts)
        y = next((z for z in smentions if z.last == k - 3 and z.kind in ("org", "armed")), None)
        if y is None:
            continue
        args.actors = [y if z is x else z for z in args.actors if z is not y]
        args.recipients = [z for z in args.recipients if z.ref != y.ref]


def _carries_pronoun(w: str) -> bool:
    """Whether a present-tense verb ends in an object pronoun (تقوده، يقودها، يتزعمهم)."""
    return len(w) > 3 and w[0] in "يت" and w.endswith(_OBJECT_PRONOUNS)
