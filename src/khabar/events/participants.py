"""Who takes part in an event, for the coder (:mod:`khabar.events.coder`).

Moved out of the coder (issue 19): the sides of a meeting and of a fight, a received call, a
statement's speaker, the candidates of a prepositional phrase, a visit's facilities, the sides resolved
from the events before, "انضم إلى", the counted victims of an attack, the actors of a coordinated verb;
the mentions that are no party (part of a place's name, a quoted place, an office inside a deputy's
title). The frame's arguments themselves are :mod:`khabar.events.arguments`; who did it when a sentence
names more parties, :mod:`khabar.events.doers`.
"""

from __future__ import annotations

from dataclasses import replace

from khabar.arabic.clitics import drop_conjunction, drop_future, in_vocab
from khabar.arabic.normalize import normalize
from khabar.events.arguments import (
    QUOTE_OPENERS,
    SPEECH_VERBS,
    Args,
    noun_phrase,
    noun_phrase_before,
)
from khabar.events.context import _MANY, _NUMBER_WORDS, _PLACE_HEADS, _bare
from khabar.events.event import Event
from khabar.events.lexicon import fold, load_cues, load_triggers, words
from khabar.events.mentions import Mention, Words, office_words
from khabar.events.triggers import TriggerMatch
from khabar.extract.names import is_title
from khabar.model import Document


def _two_sides(args: Args, words: Words, m: TriggerMatch, b: int, before: list[Event]) -> bool:
    """Whether a discussion or a meeting has two sides: two parties named, a dual or plural verb, a
    partner governed by مع/بين after the trigger, a group of several (وزراء الخارجية، الأطراف) or a
    visit or meeting reported earlier in the document (whose re-mention this is). A search (يبحث عن)
    is never a meeting; nor is a body's own session (جلسة مجلس الإدارة، اجتماعها السادس)."""
    nxt = [words.toks[i].text for i in range(m.last + 1, min(b, m.last + 5))]
    w = drop_future(drop_conjunction(words.toks[m.first].text))
    if "عن" in nxt[:4] and w.startswith(("بحث", "يبحث", "تبحث")):
        return False
    if len(args.all()) >= 2 or "قمه" in w:
        return True  # a summit is a meeting of leaders by definition
    dual_or_plural = w.endswith(("ون", "ان", "وا")) or (w.endswith("ا") and len(w) > 3)
    if dual_or_plural and args.verb and m.first == m.last:
        return True  # يبحثون، يتباحثان، ناقشا: a dual or plural subject is two sides
    wide = nxt + [words.toks[i].text for i in range(m.last + 5, min(b, m.last + 9))]
    if any(x in ("مع", "ومع", "بين") for x in wide):
        return True
    if any(p.kind in ("people", "side") for p in args.all()) or any(x in _MANY for x in wide):
        return True
    # a meeting reported before (also one announced: its type became AGREE, its trigger is a meeting's)
    return any(e.match.trigger.type == "CONSULT" and e.args.all() for e in before)


_RECEIVE = words("coder.receive")


def _received_call(ev: Event, words: Words, ments: list[Mention], a: int) -> None:
    """ "تلقى X اتصالا هاتفيا من Y": the caller Y made the call (the actor), X received it. The
    receiver's title chain may run long (تلقى نائب خادم الحرمين الشريفين … وزير الداخلية اتصالاً)."""
    first = ev.match.first
    if not any(_bare(words.toks[i].text) in _RECEIVE for i in range(max(a, first - 24), first)):
        return
    n = len(words.toks)
    k = next(
        (i for i in range(ev.match.last + 1, min(n, ev.match.last + 4)) if words.toks[i].text == "من"), None
    )
    if k is None:
        return
    # the caller follows من, after his honorifics (من صاحب السمو الشيخ سيف بن زايد)
    caller = next((m for m in ments if k < m.first <= k + 6), None)
    if caller is None:
        return
    receivers = [m for m in ev.args.all() if m.ref != caller.ref]
    ev.args.actors, ev.args.recipients = [caller], receivers


#: participles of manner after a verb of saying (وأضاف قائلا، وتابع مضيفا): not its subject
_MANNER = words("coder.manner")


#: how many words before a first-person statement its speaker may be named (a paragraph's worth)
SPEAKER_REACH = 80


_SPEAKER_KINDS = ("person", "role", "org", "country")


def _last_speaker(before: list[Event], first: int) -> list[Mention]:
    """The first party-like actor of the latest event within :data:`SPEAKER_REACH` words before
    ``first``, or []."""
    for e in reversed(before):
        if first - e.match.first > SPEAKER_REACH:
            continue
        actors = [x for x in e.args.actors if x.kind in _SPEAKER_KINDS]
        if actors:
            return actors[:1]
    return []


def _speaker(doc: Document, words: Words, ments: list[Mention], a: int, first: int) -> list[Mention]:
    """The subject of a verb of saying before ``first`` (وقال مسؤولون حكوميون إن …): who made the
    statement that the event is part of."""
    for i in range(first - 1, a - 1, -1):
        w = words.toks[i].text
        w = in_vocab(w, SPEECH_VERBS) or w
        if w in SPEECH_VERBS:
            # a place right after the verb of saying speaks for its government (قالت موسكو) or is
            # a name the gazetteer also holds (وقال الأحمدي): either way the speaker
            # … and the speaker comes before what is quoted (وقال: "نحمل إسرائيل …")
            said = words.text_spans[i][1]
            after = [
                x
                for x in ments
                if i < x.first < first
                and x.prep is None
                and (x.kind != "place" or x.first == i + 1)
                and not set(doc.text[said : x.start]) & QUOTE_OPENERS
            ]
            if after and after[0].first - i <= 6:
                return [after[0]]
            if i + 1 < first and _bare(words.toks[i + 1].text) in _MANNER:
                continue  # وأضاف قائلا: "نطالب …": the speaker was named before
            np = noun_phrase(doc, words, i + 1, first, ments)
            if np is not None and set(doc.text[said : np.start]) & QUOTE_OPENERS:
                np = None
            if np is not None:
                return [np]
            before = [x for x in ments if x.last < i and x.prep is None and x.kind != "place"]
            if before and i - before[-1].last <= 2:
                return [before[-1]]
            return []
    return []


def _phrase_candidates(
    doc: Document, words: Words, m: TriggerMatch, sent: tuple[int, int], ments: list[Mention]
) -> list[Mention]:
    """Unnamed parties around a trigger, for the argument model to weigh: the noun phrase right after
    it (its subject or object), the one after that, and the one right before it (an SVO subject)."""
    a, b = sent
    out: list[Mention] = []
    first = noun_phrase(doc, words, m.last + 1, b, ments)
    if first is not None:
        out.append(first)
        second = noun_phrase(doc, words, first.last + 1, b, ments)
        if second is not None:
            out.append(second)
    before = noun_phrase_before(doc, words, m.first - 1, a, ments)
    if before is not None:
        out.append(before)
    # the phrase a target or beneficiary preposition governs (الاعتداءات على الأبرياء، ضد المتطرفين)
    for k in range(m.last + 1, min(b - 1, m.last + _PREP_REACH)):
        if _bare(words.toks[k].text) in _TARGET_PREPS:
            np = noun_phrase(doc, words, k + 1, b, ments)
            if np is not None and all(np.start != o.start for o in out):
                out.append(np)
    return out


#: prepositions whose phrase may be an event's target or beneficiary, and how far after the trigger
_TARGET_PREPS = words("coder.target_preps")


_PREP_REACH = 8


#: places a visit tours rather than parties it meets (hospitals, schools, camps, factories, sites)
_FACILITIES = words("coder.facilities")


def _named_party(m: Mention) -> bool:
    """Whether a participant is a named or known party (PLOVER codes events between actors): anything
    but an unnamed phrase or a place. (Requiring a role or a country of persons too dropped 12 of the
    development half's 55 true meetings: Putin and Haniyeh often have no role in the page.)"""
    return m.kind not in ("other", "place")


def _facility_visit(words: Words, ev: Event) -> bool:
    """A visit whose only destinations are facilities (زار الوزير مستشفى …، زيارة إلى جامعة …): an
    inspection tour or an outing, which PLOVER does not code; a host or guest named in person, by
    office or by country makes it a meeting."""
    if ev.frame != "visit" or ev.mode != "visit":
        return False

    def facility(i: int) -> bool:
        w = _bare(words.toks[i].text) if 0 <= i < len(words.toks) else ""
        w = w[1:] if len(w) > 3 and w[0] in "بل" and not w.startswith("ال") else w
        w = w[2:] if w.startswith("ال") and len(w) > 4 else w
        return w in _FACILITIES

    if not ev.args.recipients:
        # no party visited: the destination right after the verb and its visitor is a facility
        # (زار وزير الصحة مستشفى الملك فهد: a title inside a site's name is no party)
        after = max([ev.match.last, *(m.last for m in ev.args.actors)]) + 1
        return facility(after)

    def named_after(i: int) -> bool:
        """A facility noun before token ``i``, a title between allowed (مستشفى الملك [فهد]: the
        refs stage drops a title inside a named site, so the mention may start at the name)."""
        if 0 < i < len(words.toks) and is_title(normalize(words.toks[i - 1].text)):
            i -= 1
        return facility(i - 1) and i - 1 > ev.match.last

    for m in ev.args.recipients:
        if named_after(m.first):
            continue  # مستشفى [الملك فهد]: a facility named after a person
        if m.kind in ("person", "role", "country", "side") or not facility(m.first):
            return False
    return True


def _generic_meetings(words: Words, ev: Event) -> bool:
    """A plural meeting noun after في (في اللقاءات الخاصة، في الاجتماعات الدورية): where things are
    said in general, not a meeting that took place."""
    k = ev.match.first
    w = words.toks[k].text
    return k > 0 and _bare(words.toks[k - 1].text) == "في" and w.endswith("ات")


def _resolve_sides(args: Args, before: list[Event]) -> None:
    """ "الجانبان", "الرئيسان", "البلدين" stand for the two sides named before: use them. The sides are
    those of the latest meeting reported before (a page on talks goes on "وبحث الجانبان …" after an
    aid or a statement of one side), else of the latest event with two parties."""

    def two(e: Event) -> bool:
        return len({m.ref for m in e.args.all() if m.kind != "side"}) == 2

    for role in ("actors", "recipients"):
        ms: list[Mention] = getattr(args, role)
        if not any(m.kind == "side" for m in ms):
            continue
        prev = next((e for e in reversed(before) if e.type == "CONSULT" and two(e)), None) or next(
            (e for e in reversed(before) if len(e.args.all()) >= 2), None
        )
        if prev is None:
            continue
        rest = [m for m in ms if m.kind != "side"]
        side = next(m for m in ms if m.kind == "side")
        # the argument is the mention in this sentence ("الجانبان"), its refs the sides it stands for
        sides = [
            replace(m, start=side.start, end=side.end, text=side.text, first=side.first, last=side.last)
            for m in prev.args.all()
            if m.ref not in {r.ref for r in rest}
        ]
        setattr(args, role, rest + sides)


def _join(args: Args, before: list[Event]) -> None:
    """ "انضم X إلى الاجتماع": the joiners become participants of the meeting reported before."""
    prev = next((e for e in reversed(before) if e.type == "CONSULT" and e.args.all()), None)
    if prev is None:
        return
    have = args.refs()
    args.actors = args.actors + [m for m in prev.args.actors if m.ref not in have]
    args.recipients = args.recipients + [m for m in prev.args.recipients if m.ref not in have]


_PARTIES = frozenset({"person", "role", "org", "country", "side"})


def _party_present(frame: str, args: Args, flags: frozenset[str] = frozenset()) -> bool:
    """Arrivals and receptions are visits only between parties: a person, an office, an organisation
    or a country arrives (not a plane, stranded travellers or equipment) or hosts."""
    if frame == "visit":
        # a country name right after a verb of arrival is mostly an adjective (وصلت الطائرة السعودية);
        # and an arrival is a visit only with a destination (وصل إلى القاهرة; not "تصل إلى أسبوع")
        party = any(m.kind in _PARTIES - {"country"} for m in args.actors)
        return party and (bool(args.recipients) or "dest" not in flags)
    if frame == "host":
        return any(m.kind in _PARTIES for m in args.recipients)
    return True


def _coordinated_verb(args: Args, words: Words, m: TriggerMatch, a: int, sevents: list[Event]) -> None:
    """ "دعا X Y إلى … وحث Z على …": a verb joined by و to an earlier verb of its sentence shares that
    verb's subject; the party right after it is its object, not a new subject."""
    w = words.toks[m.first].text
    if not args.verb or m.first == a or not (w.startswith("و") and len(w) > 2):
        return
    if w in load_triggers().by_first:
        return  # وصل، وقع، وافق: the و is the verb's own first letter
    prev = next((e for e in reversed(sevents) if e.args.verb and e.args.actors), None)
    if prev is None:
        return
    have = {x.ref for x in prev.args.actors}
    after = [x for x in args.actors if x.first > m.last]
    if after and len(after) == len(args.actors):
        # the subject the rules found after the verb is its object
        if not args.recipients:
            args.recipients = [x for x in after if x.ref not in have]
        args.actors = list(prev.args.actors)
    elif args.actors and all(x.ref in prev.args.refs() - have for x in args.actors):
        # the party the rules took from before the verb is the first verb's object (دعا X Y … وحث Z)
        args.actors = list(prev.args.actors)


#: types whose counted object is the harmed (قتل 14 جنديا، اعتقلت الشرطة ثلاثة)
_HARM_TYPES = frozenset({"ASSAULT", "COERCE"})


def _counted_victims(words: Words, ev: Event) -> None:
    """A count right after an attack or an arrest (قتل 14 جنديا أفغانيا، مقتل 50 شخصا، اعتقل 3 أشخاص)
    begins whom it was done to: an unvocalised passive or the object, never the doer."""
    if ev.type not in _HARM_TYPES or ev.match.last + 1 >= len(words.toks):
        return
    nxt = words.toks[ev.match.last + 1].text
    if not (nxt[:1].isdigit() or _bare(nxt) in _NUMBER_WORDS):
        return
    victims = [m for m in ev.args.actors if 0 < m.first - ev.match.last <= 3]
    if victims:
        ev.args.actors = [m for m in ev.args.actors if m not in victims]
        ev.args.recipients = ev.args.recipients + [m for m in victims if m not in ev.args.recipients]


#: characters that end an apposition (a list "X، Y" names two parties; a quote or bracket another)
_APPOSITION_BREAKS = frozenset('،,.:;؛()«»"!?؟-–')


def _appositions(text: str, words: Words, ev: Event) -> None:
    """A named person's office after his name is his apposition, not a second party: "دمرداش زعيم
    [حزب الشعوب]"، "هادي رئيس [اليمن]" (an office word between: what it heads), and "هرتزوغ [زعيم
    المعارضة]" (an office right after the name, when the role holds another party further on: the
    verb's real object). The apposition is dropped from the event's arguments."""
    offices = office_words()
    toks = words.toks
    roles = (ev.args.actors, ev.args.recipients)
    drop: set[int] = set()
    for p in (x for ms in roles for x in ms if x.kind == "person"):
        for ms in roles:
            for m in ms:
                if m.ref == p.ref or m.first <= p.last or m.first - p.last > 3:
                    continue
                gap = range(p.last + 1, m.first)
                between = text[words.text_spans[p.last][1] : words.text_spans[m.first][0]]
                if set(between) & _APPOSITION_BREAKS:
                    continue
                if gap:
                    if all(normalize(_bare(toks[i].text)) in offices for i in gap):
                        drop.add(id(m))
                elif (
                    m.kind == "role"
                    and normalize(_bare(toks[m.first].text)) in offices
                    and any(o.first > m.last for o in ms)
                ):
                    drop.add(id(m))
    if drop:
        ev.args.actors = [m for m in ev.args.actors if id(m) not in drop]
        ev.args.recipients = [m for m in ev.args.recipients if id(m) not in drop]


def _event_phrase(text: str, words: Words, ev: Event, m: Mention) -> bool:
    """Whether an unnamed phrase names an act or a quality rather than a party: a definite word right
    after a definite verbal noun (the event's, or another trigger word of the lexicon) is its adjective
    (الحصار [المطبق]، حكما بالسجن [المؤبد]); a phrase headed by a trigger word is another act
    (تعرضوا [لقصف عنيف]، [قطع إمدادات]); a present tense with ت+ت (تتوافد، تتقدم) or a relative
    pronoun starts a clause."""
    toks = words.toks
    by_first = load_triggers().by_first
    w = _bare(toks[m.first].text)
    if m.first > 0 and w.startswith("ال"):
        k = m.first - 1
        prev = _bare(toks[k].text)
        prev = prev[1:] if prev[:1] in "بل" and prev[1:].startswith("ال") else prev
        noun = (k == ev.match.last and not ev.args.verb) or prev in by_first
        if (
            noun
            and prev.startswith("ال")
            and not text[words.text_spans[k][1] : words.text_spans[m.first][0]].strip()
        ):
            return True
    if (w.startswith("تت") and len(w) > 4) or w in _RELATIVE_WORDS:
        return True
    if (
        m.first == m.last
        and not w.startswith("ال")
        and w.endswith("ه")
        and w not in load_cues()["human"]
        and _after_indefinite_noun(text, words, ev, m.first)
    ):
        return True  # غارات [جديدة]، انتصارات [جديدة]: the indefinite noun's adjective, alone
    heads = (w, w[1:] if len(w) > 3 and w[0] in "لب" else "", "ال" + w[2:] if w.startswith("لل") else "")
    return any(x in by_first for x in heads if x)


def _after_indefinite_noun(text: str, words: Words, ev: Event, k: int) -> bool:
    """Whether word ``k`` follows the event's indefinite nominal trigger directly, or over the relative
    adjectives that qualify it (غارات تركية [جديدة]), with no punctuation between."""
    toks = words.toks
    if ev.args.verb or _bare(toks[ev.match.last].text).startswith("ال"):
        return False
    i = ev.match.last + 1
    while i < k and _bare(toks[i].text).endswith(("يه", "ي")) and not toks[i].text.startswith("ال"):
        i += 1
    gap = text[words.text_spans[ev.match.last][1] : words.text_spans[k][0]]
    return i == k and not any(c in gap for c in _APPOSITION_BREAKS)


#: relative pronouns: a clause, not a party
_RELATIVE_WORDS = frozenset({"التي", "الذي", "الذين", "اللتي", "اللذين", "اللتين"})


def _unnamed_non_parties(text: str, words: Words, ev: Event) -> None:
    """Drop the unnamed phrases (kind ``other``) that :func:`_event_phrase` reads as acts or qualities."""
    if not any(m.kind == "other" for m in ev.args.all()):
        return
    ev.args.actors = [m for m in ev.args.actors if m.kind != "other" or not _event_phrase(text, words, ev, m)]
    ev.args.recipients = [
        m for m in ev.args.recipients if m.kind != "other" or not _event_phrase(text, words, ev, m)
    ]


def _no_outlets(ev: Event) -> None:
    """A news outlet (an ``outlet:`` ref: قالت المصادر لـ«الشرق الأوسط»، حصلت «عكاظ» على نسخة) is who
    reports or is told, not a party of what it reports."""
    ev.args.actors = [m for m in ev.args.actors if not m.ref.startswith("outlet:")]
    ev.args.recipients = [m for m in ev.args.recipients if not m.ref.startswith("outlet:")]


_EXPRESS = words("coder.express")
_POSSESSIVES = ("هما", "هم", "ها", "ه")


def _expressed_by(text: str, words: Words, ev: Event) -> None:
    """ "أعرب X عن شكره لـY"، "عبر X عن إدانته للهجوم": the pronoun on the noun after عن is the one who
    expresses (X, the subject of أعرب/عبر/أبدى, after the verb or right before it, or the antecedent of
    التي/الذي before the verb); he is the actor, and a party the rules took as actor after the trigger
    (coordinated with whom he thanks: للسيسي والحكومة) is a recipient."""
    toks = words.toks
    first = ev.match.first
    w = _bare(toks[first].text)
    if len(w) < 4 or not w.endswith(_POSSESSIVES):
        return  # no pronoun on the noun (after عن it is a noun, even when it reads as a verb: شكره)
    a = words.index_at(ev.sentence[0])
    k = next((i for i in range(first - 1, max(a, first - 4) - 1, -1) if _bare(toks[i].text) == "عن"), None)
    if k is None:
        return
    v = next((i for i in range(k - 1, max(a, k - 12) - 1, -1) if _bare(toks[i].text) in _EXPRESS), None)
    if v is None:
        return
    ments = sorted((m for m in ev.cands if ev.sentence[0] <= m.start < ev.sentence[1]), key=lambda m: m.first)
    inside = [
        m
        for m in ments
        if v < m.first < k and m.prep in (None, "عبر") and m.kind in ("person", "role", "org", "country")
    ]  # (عبر "expressed" also reads as the preposition "via")
    before = [m for m in ments if m.last < v and v - m.last <= 2 and m.prep is None and m.kind != "place"]
    subject = inside[:1] or before[-1:]
    if not subject or any(
        ch in text[words.text_spans[subject[0].last][1] : words.text_spans[v][0]] for ch in ".:؛"
    ):
        return
    s = subject[0]
    later = [m for m in ev.args.actors if m.first > ev.match.last and m.ref != s.ref]
    ev.args.actors = [s]
    have = {m.ref for m in ev.args.recipients} | {s.ref}

    def thanked(m: Mention) -> bool:
        # governed by ل, or coordinated after a phrase that ل opens (لخادم الحرمين الشريفين والحكومة)
        if m.prep in ("ل", "لـ"):
            return True
        return m.coord and any(
            _bare(toks[i].text)[:1] == "ل" and len(toks[i].text) > 3
            for i in range(ev.match.last + 1, m.first)
        )

    ev.args.recipients = [m for m in ev.args.recipients if m.ref != s.ref] + [
        m for m in later if m.ref not in have and thanked(m)
    ]


#: prepositions that make a side of a fight its target (معارك ضد الحوثيين، هجوم على المواقع)
_TARGET_OF_FIGHT = frozenset({"على", "علي", "ضد"})


def _mutual_fight(ev: Event) -> None:
    """A fight between sides (lexicon flag ``mutual``: اشتباكات، معارك، مواجهات، قتال) has no doer and
    no target: every party is an actor ("اشتبكت الشرطة مع متظاهرين"، "المواجهات … للحوثيين"), as
    PLOVER and the gold set code a clash; a side governed by على/ضد stays the target."""
    if "mutual" not in ev.match.trigger.flags:
        return
    moved = [m for m in ev.args.recipients if m.prep not in _TARGET_OF_FIGHT]
    if moved:
        have = {m.ref for m in ev.args.actors}
        ev.args.actors = ev.args.actors + [m for m in moved if m.ref not in have]
        ev.args.recipients = [m for m in ev.args.recipients if m not in moved]


def _dawn_of(words: Words, m: TriggerMatch, ments: list[Mention]) -> bool:
    """Whether a one-word فجر is "the dawn of" a place or a name quoted with it (فجر ليبيا، «فجر
    الإسلام»): the name of a militia or a work, not a bombing."""
    if m.first != m.last or _bare(words.toks[m.first].text) != "فجر":
        return False
    view = words.view.text
    if m.first > 0 and view[words.toks[m.first - 1].end : words.toks[m.first].start].strip()[-1:] in (
        "«",
        '"',
    ):
        return True
    return any(x.first == m.first + 1 and x.is_place for x in ments)


def _named_after(words: Words, m: Mention) -> bool:
    """A person who names a place where something happens (في ميدان القديس بطرس، في مستشفى الملك فهد،
    بقاعة الأمير سلطان): part of the place's name, not a party."""
    if m.kind not in ("person", "role") or m.first < 1:
        return False
    toks = words.toks
    head = _bare(toks[m.first - 1].text)
    if head[:1] == "ب" and (head[1:] in _PLACE_HEADS or head[1:] in _FACILITIES):
        return True
    if head not in _PLACE_HEADS and head not in _FACILITIES:
        return False
    return m.first >= 2 and _bare(toks[m.first - 2].text) in ("في", "وفي")


def _quoted_place(text: str, words: Words, m: Mention) -> bool:
    """A name in quotation marks right after a noun of places is the place's name, not a body (في
    مديرية «لودر»، في منطقة «الراهدة»): the quotes made it an organisation's."""
    if m.kind != "org" or m.first < 1 or m.start < 1:
        return False
    # the mark right before the name, a space between allowed («لودر»، « لودر »)
    if text[max(0, m.start - 2) : m.start].rstrip()[-1:] not in ("«", '"', "“", "'"):
        return False
    head = _bare(words.toks[m.first - 1].text)
    return head in _PLACE_HEADS or (head[:1] == "ب" and head[1:] in _PLACE_HEADS)


def _title_part(words: Words, m: Mention) -> bool:
    """An office governed by ل after a deputy's or an adviser's title is part of that title (النائب
    الثاني [لرئيس مجلس الوزراء]، مستشار [لرئيس الجمهورية]): whoever holds the title is the party, not
    the prime minister."""
    if m.kind != "role" or m.prep != "ل" or m.first < 1:
        return False
    toks = words.toks
    head = _bare(toks[m.first - 1].text)
    if head in _ORDINALS and m.first >= 2:
        head = _bare(toks[m.first - 2].text)
    return head in _DEPUTY_TITLES


#: titles whose ل-genitive is the office they serve (نائب لرئيس الوزراء، مستشار للملك)
_DEPUTY_TITLES = frozenset(map(fold, ("نائب", "النائب", "مستشار", "المستشار", "مساعد", "المساعد")))
#: the ordinal after a deputy's title (النائب الثاني لرئيس مجلس الوزراء)
_ORDINALS = frozenset(map(fold, ("الأول", "الثاني", "الثالث")))


def _common_noun(m: Mention) -> bool:
    """A place mention that is only a noun of places (ميدان "square", مطار، قصر، مدينة): the gazetteer
    has towns so named (Medan), but "في ميدان القديس بطرس" names a square, not a town."""
    return in_vocab(fold(m.text), _PLACE_HEADS, "وفبل") is not None


def _copy_args(a: Args) -> Args:
    return Args(list(a.actors), list(a.recipients), a.agentless, a.verb, a.first_person, a.closed_recipients)
