"""One event per happening, for the coder (:mod:`khabar.events.coder`).

Moved out of the coder (issue 19): nearby same-type triggers of one sentence merge (``قصف … بالهاون``);
a meeting named again, a complement of a governor (what is asked, refused, agreed or discussed), an
attack's casualties and "in addition to" stay one event with the one before.
"""

from __future__ import annotations

from khabar.events.context import _bare
from khabar.events.event import Event
from khabar.events.lexicon import load_triggers, words
from khabar.events.mentions import Words

#: how far apart (in words) two same-type triggers of one sentence may be and still be one event
MERGE_GAP = 4


def _same_meeting_again(events: list[Event], named: list[bool] | None = None) -> None:
    """A meeting named again with nobody in its sentence (هذه الزيارة، الجلسة المغلقة، كانت زيارة
    ناجحة) is the meeting reported before it: it takes that meeting's parties (GUIDELINES: the
    nearest clear antecedent). ``named``: per event, whether the rules found parties for it (a
    meeting the argument scorer left empty named them, and is not filled from another one)."""
    last: Event | None = None
    for k, ev in enumerate(events):
        if ev.type != "CONSULT":
            continue
        if ev.args.all():
            last = ev
        elif last is not None and not ev.future and not (named is not None and named[k]):
            ev.args.actors = list(last.args.actors)
            ev.args.recipients = list(last.args.recipients)


#: types whose complement is what is asked, refused, agreed, threatened or discussed, not an event
_GOVERNORS = frozenset({"REQUEST", "REJECT", "AGREE", "THREATEN", "CONSULT"})


#: how many words after its governor a complement may start
_CONTENT_REACH = 6


def _governed_meetings(evs: list[Event], words: Words | None = None) -> list[Event]:
    """A meeting noun that is what is requested, refused or agreed (حث على بدء محادثات، تأجيل
    الاجتماع، اتفقا على عقد اجتماع) is not a meeting that took place: the governing event stands.
    Likewise any verbal noun that is the complement of a demand, a refusal, an agreement, a threat
    or a discussion (طالب بوقف إطلاق النار، رفض توقيع الاتفاق، ناقشا إيصال المساعدات، هدد بقصف
    المدينة): it is what they are about (GUIDELINES: the content is coded in the governing event)."""
    out = []
    for ev in evs:
        gov = [
            o
            for o in evs
            if o.type in (("REQUEST", "REJECT", "AGREE") if ev.type == "CONSULT" else ("REQUEST", "REJECT"))
            and o is not ev
            and 0 <= ev.match.first - o.match.last <= 4
        ]
        if ev.type in ("CONSULT", "SUPPORT", "AGREE") and ev.match.trigger.pos == "n" and gov:
            continue
        if words is not None and _complement(ev, evs, words):
            continue
        out.append(ev)
    return out


def _complement(ev: Event, evs: list[Event], words: Words) -> bool:
    if ev.args.verb or (ev.type in _GOVERNORS and ev.type != "CONSULT"):
        return False
    text = words.view.text
    for o in evs:
        if o is ev or o.type not in _GOVERNORS or o.type == ev.type:
            continue
        if o.type == "CONSULT" and not (o.args.verb and o.match.trigger.row == "CONSULT:بحث"):
            continue  # only a verb of discussing governs what is discussed (not "الزيارة … بعد تحرير")
        gap = ev.match.first - o.match.last
        if not 0 < gap <= _CONTENT_REACH:
            continue
        between = text[words.toks[o.match.last].end : words.toks[ev.match.first].start]
        if any(c in between for c in '،,.:؛"«»'):
            continue
        if any(
            _bare(words.toks[i].text) in load_triggers().by_first
            and any(t.pos == "v" for t in load_triggers().by_first[_bare(words.toks[i].text)])
            for i in range(o.match.last + 1, ev.match.first)
        ):
            continue
        return True
    return False


def _merge(evs: list[Event], words: Words) -> list[Event]:
    """One event per distinct event: same-type triggers a few words apart are one event."""
    out: list[Event] = []
    for ev in evs:
        prev = next((o for o in reversed(out) if o.type == ev.type), None)
        if (
            prev is not None
            and not _besides(prev, ev, words)
            and (
                ev.match.first - prev.match.last <= MERGE_GAP
                or (ev.args.refs() <= prev.args.refs() and ev.args.refs())
                or (ev.type == "CONSULT" and _same_meeting(prev, ev, words))
                or _complement_of(prev, ev, words)
                or _outcome_of(prev, ev, words)
            )
        ):
            prev.args.absorb(ev.args)
            prev.mode = prev.mode or ev.mode
            prev.last_word = max(prev.last_word, ev.match.last)
            continue
        out.append(ev)
    return out


#: the casualties of an attack (مقتل، أصيب، استشهاد): the outcome, not another attack
_CASUALTY = words("coder.casualty")


#: what leads from an attack to its casualties (… مما أدى إلى مقتل، أسفر عن إصابة)
_CAUSE = words("coder.cause")


#: what leads from casualties to the attack that caused them (مقتل عشرة في هجوم، جراء القصف)
_BECAUSE = words("coder.because")


#: how many words may lie between an attack and its casualties (or the reverse)
_OUTCOME_REACH = 12


def _outcome_of(prev: Event, ev: Event, words: Words) -> bool:
    """The casualties of an attack named with it are that attack (GUIDELINES: one record per event):
    "تعرضت مراكز لهجمات … مما أدى إلى مقتل عسكري"، "مقتل عشرة أشخاص في هجوم انتحاري"."""
    end = max(prev.match.last, prev.last_word)
    if ev.type != "ASSAULT" or ev.match.first - end > _OUTCOME_REACH:
        return False
    toks = words.toks
    between = [_bare(toks[i].text) for i in range(end + 1, ev.match.first)]
    if toks[ev.match.first].text in _CASUALTY and any(w in _CAUSE for w in between):
        return True
    return toks[prev.match.first].text in _CASUALTY and bool(between) and between[-1] in _BECAUSE


def _complement_of(prev: Event, ev: Event, words: Words) -> bool:
    """A verbal noun governed by ب after a verb of the same type is what the verb asks, rejects or
    condemns (طالب X بضرورة التحرك، ندد … بالهجوم): one event."""
    if not prev.args.verb or ev.args.verb or ev.type not in ("REQUEST", "REJECT", "ACCUSE", "SUPPORT"):
        return False
    w = words.toks[ev.match.first].text
    return w.startswith("ب") and not w.startswith("بين")


#: "in addition to": what follows is another item
_BESIDES = words("coder.besides")


def _besides(prev: Event, ev: Event, words: Words) -> bool:
    """ "In addition to" before or between two same-type triggers counts them apart (وإضافة للقمة
    الموسعة، عقدا جلسة مباحثات: the summit and the closed session are two meetings)."""
    span = range(max(0, prev.match.first - 2), ev.match.first)
    return any(_bare(words.toks[i].text).lstrip("بل") in _BESIDES for i in span)


def _same_meeting(prev: Event, ev: Event, words: Words) -> bool:
    """Two meeting triggers of one sentence are one meeting unless they name different parties: an
    arrival and its visit (وصل إلى القاهرة … في زيارة لمصر), a meeting and its talks (اجتمع … وبحث).
    """
    if ev.frame == "join":
        return False  # joining a session is its own phase, with its own length (GUIDELINES; the seed)
    if ev.args.agentless:
        return True  # "حيث تم بحث …": what was discussed at the meeting just reported
    if (prev.frame == "visit") != (ev.frame == "visit") and ev.args.verb:
        return False  # a meeting and an arrival told in one sentence (… كيري، الذي وصل إلى الدوحة)
    a, b = prev.args.refs(), ev.args.refs()
    return not a or not b or bool(a & b) or ev.match.trigger.pos == "n"
