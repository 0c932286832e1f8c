"""Words beside an event's parties that decide what they are: who tells of the event after it is no
party (… حسبما أفاد مسؤولون، بحسب ما ذكرت إدارة الصحة), nor what a subject is called or is part of right
after it (جبهة النصرة، ذراع تنظيم القاعدة); "at the request of" names who asked (بطلب من أنقرة), and an
attack noun's ل-genitive its doer (بهجمات لـ«بوكو حرام»). Read by
:func:`khabar.events.arguments.assign.assign_arguments` (from the seed-20261227 and -28 reads, issue 16).
"""

from __future__ import annotations

from khabar.arabic.clitics import in_vocab
from khabar.events.arguments.parties import attack_by_noun
from khabar.events.arguments.subjects import said_at
from khabar.events.arguments.vocab import SPEECH_VERBS, _bare_word, clause_break
from khabar.events.lexicon import fold
from khabar.events.lexicon import words as word_list
from khabar.events.mentions import Mention, Words, _stems
from khabar.events.triggers import TriggerMatch

__all__ = ["apposition", "at_request", "owned_attacks", "source_after"]

#: words that open a report's source after what it reports (حسبما، بحسب ما، نقلا عن)
_SOURCE_OPENERS = word_list("arguments.source_openers")
#: nouns of an apposition that tells what a party is (ذراع، جناح، فرع، حليف)
_APPOSITION_HEADS = word_list("arguments.apposition_heads")
#: apposition nouns that say what the party before them is even without a comma (جبهة النصرة ذراع القاعدة)
_APPOSITION_ALONE = frozenset(map(fold, ("ذراع", "الذراع", "جناح", "الجناح", "امتداد")))
#: verbs of saying that are spelt as prepositions unvocalised (بيّن / بين، عبّر / عبر)
_AMBIGUOUS_SAID = frozenset({fold("بين"), fold("عبر")})


def source_after(words: Words, m: TriggerMatch, x: Mention) -> bool:
    """Whether ``x``, after trigger ``m``, tells of it: the subject of a verb of saying that follows the
    trigger (… قتل 15 شخصا، حسبما أفاد [مسؤولون]), or a party within four words after a source's opener
    with no comma between (بحسب ما ذكرت [إدارة] الصحة، نقلا عن [مصادر])."""
    if x.first <= m.last:
        return False
    toks = words.toks
    # (بين and عبر are verbs of saying, بيّن and عبّر, but far more often "between" and "across")
    said = said_at(words, x)
    if said is not None and said > m.last and _bare_word(toks[said].text) not in _AMBIGUOUS_SAID:
        return True
    for k in range(x.first - 1, max(m.last, x.first - 5), -1):
        if clause_break(words, k):
            return False
        w = _bare_word(toks[k].text)
        if w in _SOURCE_OPENERS and (w != "كما" or in_vocab(toks[k + 1].text, SPEECH_VERBS) is not None):
            return True
    return False


def at_request(words: Words, m: TriggerMatch, a: int) -> bool:
    """Whether the trigger is the noun of "at the request of" (بطلب، بناء على طلب، تلبية لطلب)."""
    w = words.toks[m.first].text
    prev = words.toks[m.first - 1].text if m.first > a else ""
    return w == fold("بطلب") or (w in (fold("طلب"), fold("لطلب")) and prev in _REQUEST_BY)


#: the words before طلب that make it "at the request of" (بناء على طلب، تلبية لطلب)
_REQUEST_BY = frozenset({fold("على"), fold("تلبية")})


def apposition(words: Words, y: Mention, x: Mention) -> bool:
    """Whether ``x`` stands in apposition to the party ``y`` before it: a title right after a person
    (الأمير عبدالله بن مساعد [الرئيس] العام), or the genitive of an apposition's noun after a comma
    (جبهة النصرة، ذراع [تنظيم القاعدة])."""
    if x.first == y.last + 1:
        return y.kind == "person" and x.kind == "role"
    if x.first != y.last + 2:
        return False
    head = _bare_word(words.toks[y.last + 1].text)
    # without a comma only a noun that cannot open an object (ذراع، جناح; not أحد، أبرز: خطفت النصرة
    # أحد القادة)
    return head in _APPOSITION_HEADS and (clause_break(words, y.last) or head in _APPOSITION_ALONE)


#: an attack's adjectives (هجوم انتحاري لداعش: the adjective may be a group mention of its own)
_ADJECTIVES = word_list("arguments.attack_adjectives")


def owned_attacks(words: Words, ments: list[Mention], a: int, b: int) -> list[tuple[int, Mention]]:
    """Each attack noun of the sentence ``[a, b)`` whose doer follows it with ل, and that doer: an armed
    group or a body right after it, or after one adjective (في هجمات مفترضة [لحركة بوكو حرام]، بهجمات
    [لـ«بوكو حرام»]). "هجوم على X" is the attack on X; "هجوم لـX" is X's."""
    toks = words.toks
    starts = {x.first for x in ments}
    out: list[tuple[int, Mention]] = []
    for x in ments:
        if not (a <= x.first < b) or x.kind not in ("armed", "org"):
            continue
        first = x.first
        if x.prep != "ل":
            if toks[first].text in _ADJECTIVES and x.last > first and toks[first + 1].text[:1] == "ل":
                pass  # هجوم [انتحاري لداعش]: the group mention took the attack's adjective in
            elif first - 1 >= a and toks[first - 1].text == "ل":
                first -= 1  # لـ«بوكو حرام»: the preposition drawn out with a tatweel is a word of its own
            else:
                continue
        for k in (first - 1, first - 2):
            if k < a or (
                k == first - 2
                and (
                    (k + 1 in starts and toks[k + 1].text not in _ADJECTIVES) or toks[k + 1].text[:1] in "لب"
                )
            ):
                break
            if any(attack_by_noun(st) for st in _stems(toks[k].text)):
                out.append((k, x))
                break
    return out
