"""Rules of one event type over the arguments its frame gave: who is praised (SUPPORT), whom an
accusation holds responsible (ACCUSE), the agent phrase of an attack or an arrest and the victims of an
unvocalised passive (ASSAULT, COERCE), and whom ground was taken from. Moved out of
:func:`~khabar.events.arguments.assign.assign_arguments` (issue 19).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from khabar.arabic.clitics import drop_conjunction
from khabar.events.arguments.clauses import (
    _DONE_BY,
    _HOLD,
    _agent_phrase,
    _captures,
    _contribution_owner,
)
from khabar.events.arguments.phrases import _NP_SKIP, _NP_STOP
from khabar.events.arguments.subjects import _ACTS, _act, adjectives, adjectives_at
from khabar.events.arguments.vocab import (
    WINDOW,
    Args,
    _group,
)
from khabar.events.lexicon import Trigger, fold, words
from khabar.events.mentions import Mention, Words
from khabar.events.triggers import TriggerMatch
from khabar.model import Document

#: attack nouns, and the words before one that make it the circumstance of a verb's event (قتل X في
#: هجوم لـY): the party after ل is whose attack it was
_ATTACK_NOUNS = words("arguments.attack_nouns")
_ATTACK_BY = words("arguments.attack_by")


def _condemned_act_doer(
    doc: Document, words: Words, m: TriggerMatch, b: int, after: list[Mention]
) -> list[Mention] | None:
    """When an accusation's object is an act (ادان التفجير، تدين حادثة تفجير …): the party its relative
    clause names as the doer (الهجوم الذي شنه تنظيم داعش), its nationality adjective's country
    (القصف التركي), the armed group or body in construct with it (قصف المتمردين), or [] (its victims
    and places are not whom it accuses); None when the object is not an act."""
    toks = words.toks
    k = m.last + 1
    while k < b:
        # past the subject after the verb and an adverb (استنكرت دول مصر والأردن [بشدة] الجريمة)
        inside = next((x for x in after if x.first <= k <= x.last), None)
        if inside is not None:
            k = inside.last + 1
        elif toks[k].text in _NP_SKIP:
            k += 1
        else:
            break
    w = toks[k].text if k < b else ""
    # what is condemned is an act, not a party (أدانت مصر التفجير الإرهابي الذي استهدف مسجد قوات الطوارئ،
    # استنكرت الجريمة التي استهدفت أمن السعودية، تدين حادثة تفجير)
    if not _act(w) and w not in _ACTS:
        return None
    by_country = adjectives(doc, words, replace(m, first=k, last=k), b)
    if by_country:
        return by_country
    # أدانت المنظمة قصف المتمردين الحوثيين: an armed group or a body in construct with the act did it
    by_genitive = [x for x in after if x.first == k + 1 and x.prep is None and x.kind in ("armed", "org")]
    if by_genitive:
        return by_genitive[:1]
    for j in range(k + 1, min(b, k + 5)):
        if toks[j].text in _DONE_BY:
            return [x for x in after if x.first == j + 1 and x.prep is None][:1]
    return []


def _holds_responsible(w: str) -> bool:
    """Whether a gapped accusation ends in مسؤولية: حمّل X مسؤولية "held X responsible"."""
    return w in _RESPONSIBILITY


#: the last word of a gapped "held … responsible" (حمّل * مسؤولية، محملا * المسؤولية)
_RESPONSIBILITY = frozenset(map(fold, ("مسؤولية", "المسؤولية", "مسئولية", "المسئولية")))


def _held_responsible(args: Args, words: Words, m: TriggerMatch, after: list[Mention]) -> None:
    """حمّل وزير الداخلية [الحوثيين] مسؤولية الهجوم: of the parties the trigger encloses the last is
    whom it holds responsible; the first is its subject only when the verb is a perfect with no subject
    before it (VSO). A present tense or a participle (الدفاع المدني يحمّل [ناقلة الوقود] مسؤولية،
    اعترافات تحمل [المالكي] مسؤولية، محملا [الحكومة] المسؤولية) encloses only whom it holds."""
    inside = [x for x in after if m.first < x.first <= m.last]
    if not inside:
        return
    w = drop_conjunction(words.toks[m.first].text)
    vso = w[:1] not in "يتم" and len(inside) >= 2 and not any(x.last < m.first for x in args.actors)
    held = inside[1:] if vso else inside
    args.actors = [x for x in args.actors if x not in held]
    if vso and not args.actors:
        args.actors = inside[:1]
    args.recipients = held + [x for x in args.recipients if x not in held]


def _attack_party(
    doc: Document, words: Words, m: TriggerMatch, b: int, after: list[Mention]
) -> list[Mention]:
    """The party governed by ل right after an attack noun that a verb's event happened in
    (``قتل خمسة جنود في هجوم لتنظيم داعش``، ``بهجوم لمسلحين``), the armed group or institution in
    construct with it (``قتل عشرة مدنيين في غارات التحالف``), the country of its nationality
    adjective (``مقتل قيادي في غارة أمريكية``), or []."""
    toks = words.toks
    for k in range(m.last + 1, min(b, m.last + WINDOW)):
        w = toks[k].text
        with_b = w.startswith("ب") and w[1:] in _ATTACK_NOUNS  # بهجوم، بغارة
        after_by = w in _ATTACK_NOUNS and k > m.last + 1 and toks[k - 1].text in _ATTACK_BY
        if not (with_b or after_by):
            continue
        # the nearest attack noun decides: its ل-party, or none
        # a genitive party of another kind may be the attack's target (في قصف حلب، في هجوم المدنيين)
        named = [
            x
            for x in after
            if x.first == k + 1
            and ((x.prep == "ل" and x.kind != "place") or (x.prep is None and x.kind in ("armed", "org")))
        ]
        return named or adjectives_at(doc, words, k + 1, min(b, k + 2))
    return []


#: verbs of harm whose passive is written as their active (قُتل، جُرح، اعتُقل): read so when the person
#: after them has no object after him
_PASSIVE_READING = words("arguments.passive_reading")


def _unvocalised_passive(doc: Document, words: Words, m: TriggerMatch, b: int, args: Args) -> bool:
    """Whether a verb of harm reads as the passive: ``وقتل محمد علاونة (22 عاما) بعد إصابته``, its one
    party a person right after it and nothing it could have done it to after him (a bracket, a comma,
    a preposition or a time word next), so the person is whom it was done to. So too a list of
    parties joined by و right after it (وقتل ضابطا [شرطة] ومجند و[مسلح] أمس في هجوم: an active verb
    would have its object after its subject)."""
    toks = words.toks
    if m.first != m.last or drop_conjunction(toks[m.first].text) not in _PASSIVE_READING:
        return False
    if not args.actors or args.recipients:
        return False
    x = args.actors[0]
    if len(args.actors) > 1:
        if not _joined_list(words, m, args.actors):
            return False
        x = args.actors[-1]
    elif x.kind != "person" or x.first != m.last + 1:
        return False
    k = x.last + 1
    if k >= b:
        return True
    gap = doc.text[words.text_spans[x.last][1] : words.text_spans[k][0]]
    w = toks[k].text
    return bool(set(gap) & set("(،,.:؛;")) or w in _NP_STOP or w in _NP_SKIP


def _joined_list(words: Words, m: TriggerMatch, parties: list[Mention]) -> bool:
    """Whether ``parties`` (in order) make one list joined by و that opens within two words of trigger
    ``m`` (a head noun may stand before the first: ضابطا [شرطة]), with at most two words between one
    and the next and the next's first word or the one before it opening with و (ومجند و[مسلح])."""
    toks = words.toks
    if parties[0].first not in (m.last + 1, m.last + 2):
        return False
    for x, y in pairwise(parties):
        if not 0 < y.first - x.last <= 3:
            return False
        if not (toks[y.first].text.startswith("و") or toks[y.first - 1].text.startswith("و")):
            return False
    return True


def type_rules(
    args: Args,
    doc: Document,
    words: Words,
    m: TriggerMatch,
    entry: Trigger,
    b: int,
    after: list[Mention],
    is_verb: bool,
) -> None:
    """Correct ``args`` in place by the rules of ``entry``'s type."""
    toks = words.toks
    if entry.type == "SUPPORT":
        # ثمنت الحركة دور المملكة، أشاد بجهود الحكومة، مشيدا بالدور الذي يقوم به رجال الأمن: who
        # is praised is whose part it is, not the part
        owner = _contribution_owner(words, m, min(b, m.last + WINDOW), after)
        if owner:
            args.recipients = owner + [x for x in args.recipients if x.kind != "other" and x not in owner]
            args.actors = [x for x in args.actors if x not in owner]
    if entry.type == "ACCUSE" and m.last > m.first and _holds_responsible(toks[m.last].text):
        # (the act after مسؤولية is what he is blamed for, not whom the accusation names)
        _held_responsible(args, words, m, after)
    elif entry.type == "ACCUSE" and is_verb:
        doer = _condemned_act_doer(doc, words, m, b, after)
        if doer is not None:
            args.recipients = doer
            args.closed_recipients = True
    if entry.type in ("ASSAULT", "COERCE") and is_verb and _unvocalised_passive(doc, words, m, b, args):
        args.actors, args.recipients = [], args.actors
        args.agentless = True
    if entry.type in ("ASSAULT", "COERCE"):
        # سقوط العند بأيدي الجيش، مقتله على يد مسلحين، اعتقاله من قبل الشرطة: the agent phrase
        agent = _agent_phrase(doc, words, m, b, after)
        if not agent and is_verb and entry.type == "ASSAULT":
            # قتل خمسة جنود في هجوم لتنظيم داعش: the killing happened in the party's attack, and the
            # verb is the unvocalised passive as after an agent phrase
            agent = _attack_party(doc, words, m, b, after)
        if agent and is_verb:
            # قتل ثلاثة جنود على يد مسلحين، اعتقل X من قبل الشرطة: an agent phrase after a verb reads it
            # as the unvocalised passive; who the rules took as its subject is whom it was done to
            mine = {x.ref for x in agent}
            args.recipients = [x for x in args.actors + args.recipients if x.ref not in mine]
            args.agentless = False
        if not agent and not args.actors and entry.type == "ASSAULT":
            # هجوم لداعش، هجوم لانتحاريين: a party governed by ل right after an attack noun made it
            agent = [x for x in after if x.first == m.last + 1 and x.prep == "ل" and x.kind != "place"]
            # مقتل قيادي في غارة أمريكية: the attack it happened in names its doer
            agent = agent or _attack_party(doc, words, m, b, after)
        if agent:
            args.actors = agent
            args.recipients = [x for x in args.recipients if x.ref not in {y.ref for y in agent}]
            if not args.recipients:
                # سقوط آخر حصون صالح والحوثيين … بيد أنصار هادي: the parties between the trigger and
                # its agent are whom it was done to
                args.recipients = [
                    x
                    for x in after
                    if x.first < agent[0].first
                    and x.prep is None
                    and x.kind in ("armed", "org", "person", "country")
                ]
    if entry.type == "ASSAULT" and _captures(toks[m.first].text):
        # تحرير قاعدة العند، تطهير أبين، سيطرت على وادي عقان: the ground taken is where it happened;
        # whom it was done to is the side that held it (GUIDELINES: the Houthis lose Zinjibar)
        args.recipients = [x for x in args.recipients if x.kind not in ("other", "place")]
        for i in range(m.last + 1, min(b - 2, m.last + WINDOW)):
            # … من أيدي المتمردين، من قبضة الحوثيين، من سيطرة التنظيم: who held it
            if toks[i].text == "من" and toks[i + 1].text in _HOLD:
                holder = next((x for x in after if x.first == i + 2), None)
                if holder is not None and holder not in args.actors:
                    args.recipients = args.recipients or _group(holder, after)
                break
