"""What the words around a trigger say about it, for the coder (:mod:`khabar.events.coder`).

Moved out of the coder (issue 19): the checks that keep, drop or flag a trigger by its sentence — negation,
future and plan cues, habit and standing states, conditions, modals, titles of works, court sessions,
ceremonies and private trips, anchors ("خلال الزيارة"), counted nouns, a page's domain — and the modes
read from the sentence (:func:`_flags`). Lower than the other coder modules: they import from it, never
the reverse.
"""

from __future__ import annotations

import functools
import re
from itertools import chain

from khabar.arabic.clitics import CACHE_WORDS, drop_conjunction, in_vocab, readings
from khabar.events.arguments.phrases import _looks_nominal
from khabar.events.event import Event
from khabar.events.lexicon import fold, load_cues, load_domain_words, load_triggers, words
from khabar.events.mentions import Mention, Words
from khabar.events.triggers import TriggerMatch, word_readings
from khabar.extract.places import nationality_country
from khabar.model import Document

#: words that make a meeting one of several parties
_MANY = words("coder.many")

#: nouns and adjectives between في and a place's name (في مدينة درعا، في العاصمة الروسية موسكو)
_PLACE_HEADS = words("coder.place_heads")
#: parts of ground taken (تحرير أجزاء من المدينة، السيطرة على معظم أحياء عدن)
_PARTS = words("coder.parts")

#: CONSULT cues for the mode, in the event's sentence
_PHONE = ("هاتفي", "هاتفيا", "هاتفيه", "الهاتفي", "الهاتفيه", "هاتف")
_THIRD = ("بوساطه", "برعايه", "باشراف", "وساطه", "الوساطه")
#: sessions of an organisation or a ministerial council: multilateral whoever is named
_MULTI_STRONG = (
    "التشاوري",
    "مجلس التعاون",
    "الجامعه العربيه",
    "منظمه التعاون",
    "مجلس الامن",
    "الامم المتحده",
)
#: weaker cues, multilateral with two named parties or more
_MULTI = ("وزراء", "الاتحاد الاوروبي")
#: REQUEST / REJECT modes (PLOVER): what is asked for or refused, from the sentence (first cue wins)
_ASK_MODES = (
    ("meet", ("محادثات", "حوار", "الحوار", "اجتماع", "الاجتماع", "زياره", "مفاوضات", "لقاء", "التفاوض")),
    (
        "yield",
        (
            "انسحاب",
            "الانسحاب",
            "استسلام",
            "الاستسلام",
            "وقف اطلاق النار",
            "وقف العنف",
            "الزناد",
            "السلاح",
            "وقف العمليات",
            "تسليم",
            "الافراج",
            "اطلاق سراح",
        ),
    ),
    ("assist", ("مساعد", "دعم", "الدعم", "اغاثه", "الاغاثه", "انقاذ", "حمايه", "امدادات", "تمويل")),
)
#: ASSAULT modes read from the sentence when the trigger has none (first cue wins)
_ASSAULT_MODES = (
    ("suicide-attack", ("انتحاري", "انتحاريه", "انتحاريين", "فجر نفسه")),
    ("aerial", ("غارات", "غاره", "جويه", "الجويه", "طائرات", "مقاتلات", "الطيران", "الاباتشي", "مروحيات")),
    (
        "heavy-weapons",
        ("قذائف", "قذيفه", "هاون", "بالهاون", "مدفعيه", "صواريخ", "صاروخيه", "مدرعات", "دبابات"),
    ),
    ("explosives", ("تفجير", "انفجار", "عبوه", "ناسفه", "مفخخه", "الغام", "لغم")),
    ("firearms", ("رصاص", "بالرصاص", "النار علي", "اطلاق النار", "اطلاق نار")),
    ("primitive", ("اضرم", "احرق", "حارقه", "الحجاره", "حرق")),
    ("abduct", ("اختطاف", "خطف", "اسر", "دروعا بشريه")),
)
#: the cues as the normalised view writes them (some above are written with hamzas: قذائف، طائرات)
_ASK_MODE_CUES = tuple((md, tuple(fold(c) for c in cues)) for md, cues in _ASK_MODES)
_ASSAULT_MODE_CUES = tuple((md, tuple(fold(c) for c in cues)) for md, cues in _ASSAULT_MODES)


#: words that make a trigger negated when they come right before it (up to two words before)
_NEGATORS = words("coder.negators")


#: words near a trigger that make it a plan or an expectation (up to five words either side)
_FUTURE_CUES = words("coder.future_cues")


#: words that date an event in the past: a future word after them is about something else
_PAST_TIME = words("coder.past_time")


#: a purpose is a plan of what follows it (وساطة تهدف إلى … توقيع اتفاق: the signing), not of the
#: event before it (the mediation is under way)
_PURPOSE_CUES = words("coder.purpose_cues")


#: verbs that, with the future prefix س, make a plan of the event near them (سيتم، ستعمل، سيشارك)
_FUTURE_AUX = words("coder.future_aux")


#: the verbal noun "holding" right before a meeting noun (عقد قمة استثنائية): a planned meeting
_PLAN_MASDAR = words("coder.plan_masdar")


#: phrases before a noun trigger that make it an anchor of another event ("خلال الزيارة")
_ANCHORS = words("coder.anchors")


@functools.lru_cache(maxsize=CACHE_WORDS)
def _cue_stems(w: str) -> frozenset[str]:
    """A normalised word and its readings without the clitics و ف, ب ل ك and ال (for cue lists)."""
    return frozenset(s for r in readings(w) for s in (r.stem, r.bare))


def _has_cue(w: str, cls: str) -> bool:
    return not _cue_stems(w).isdisjoint(load_cues()[cls])


def _fighting(words: Words, a: int, b: int, ments: list[Mention], matches: list[TriggerMatch]) -> bool:
    """Whether a sentence is one of fighting: it names an armed party, has a word of fighting
    (``events_cues_ar.tsv``, class battle) or an attack whose trigger needs no such context."""
    if any(m.kind == "armed" for m in ments):
        return True
    if any(t.type == "ASSAULT" and not t.flags & {"armed", "harm"} for mt in matches for t in mt.entries):
        return True
    battle = load_cues()["battle"]
    toks = words.toks
    for i in range(a, b):
        if _has_cue(toks[i].text, "battle"):
            return True
        if i + 1 < b and f"{toks[i].text} {toks[i + 1].text}" in battle:
            return True
    return False


def _ground_after(words: Words, m: TriggerMatch, b: int, ments: list[Mention]) -> bool:
    """Ground named right after a capture or an advance (تحرير عدن، سقوط المعسكر، تحرير الأراضي)."""
    if m.last + 1 >= b:
        return False
    k = m.last + 1
    while k + 1 < b and _bare(words.toks[k].text) in _PARTS:
        k += 1  # تحرير باقي مناطق درعا، السيطرة على معظم أحياء المدينة
    if _has_cue(words.toks[k].text, "ground"):
        return True
    return any(x.is_place and x.prep is None and 0 < x.first - m.last <= 2 for x in ments)


#: how far after an exposure (تعرض) the attack it suffered may be named
_HARM_REACH = 14


def _harm_follows(words: Words, m: TriggerMatch, b: int) -> bool:
    """Whether an attack governed by ل follows an exposure verb (تعرض المركز … لقذائف، تعرضوا لقصف):
    a word read as ل + an attack trigger or a word of fighting."""
    lex = load_triggers().by_first
    for k in range(m.last + 1, min(b, m.last + _HARM_REACH)):
        w = words.toks[k].text
        if not w.startswith("ل"):
            continue
        for r in word_readings(w):
            if r.prep and any(t.type == "ASSAULT" and "harm" not in t.flags for t in lex.get(r.stem, ())):
                return True
        if _has_cue(w, "battle"):
            return True
    return False


#: a quotation of at most this many characters after a noun of a work is its title
_TITLE_CHARS = 80


_QUOTED = re.compile(
    rf"«[^«»\n]{{1,{_TITLE_CHARS}}}»|\"[^\"\n]{{1,{_TITLE_CHARS}}}\"|“[^“”\n]{{1,{_TITLE_CHARS}}}”"
)


_WORD_BEFORE = re.compile(r"(\w+)\s*$")


_TITLE_WORDS = re.compile(r"\s*((?:[^\s،,.:؛«»\"]+\s*){1,4})")


def _title_spans(text: str, ss: int, se: int) -> list[tuple[int, int]]:
    """Titles of works in a sentence: a quotation right after a noun of a work (معرض «أشعل أملا»،
    حملة "…") and up to four words after "بعنوان، تحت شعار" (``events_cues_ar.tsv``: work, title)."""
    out: list[tuple[int, int]] = []
    for q in _QUOTED.finditer(text, ss, se):
        before = _WORD_BEFORE.search(text, max(ss, q.start() - 30), q.start())
        if before is not None and (
            _has_cue(fold(before.group(1)), "work") or _has_cue(fold(before.group(1)), "title")
        ):
            out.append(q.span())
    seg = text[ss:se]
    if any(c in seg for c in "عش") and load_cues()["title"]:
        for w in re.finditer(r"\w+", seg):
            if fold(w.group()) in load_cues()["title"]:
                after = _TITLE_WORDS.match(text, ss + w.end(), se)
                if after is not None and not text[ss + w.end() : after.start(1)].strip():
                    out.append((after.start(1), after.end(1)))
    return out


#: words of a trial: a "session" among them is a hearing
_COURT = words("coder.court")


_MODALS = words("coder.modals")


def _modal_before(words: Words, m: TriggerMatch, a: int) -> bool:
    """A modal of obligation up to three words before the trigger."""
    return any(_bare(words.toks[i].text) in _MODALS for i in range(max(a, m.first - 3), m.first))


#: a modal of ability or possibility (كان بمقدور، بإمكان، يمكن، قادرة على، كان من الأسهل)
_ABILITY = words("coder.ability")


def _ability_before(words: Words, m: TriggerMatch, a: int) -> bool:
    """A modal of ability up to two words before the trigger (its subject or أن، على between): what
    someone could do is no event ("كان بمقدور حماس اغتيال الجنرال"، "قادرة على دحر"). Three words
    would reach past the modal's own verb to its object ("لا يمكن فصل هذا الهجوم": an attack that was)."""
    return any(
        words.toks[i].text in _ABILITY or _bare(words.toks[i].text) in _ABILITY
        for i in range(max(a, m.first - 2), m.first)
    )


def _court_session(words: Words, m: TriggerMatch, a: int, b: int) -> bool:
    if "جلس" not in words.toks[m.first].text:
        return False
    return any(_bare(words.toks[i].text) in _COURT for i in range(a, b))


#: a reception that is a ceremony (greetings, condolences) is not a meeting (GUIDELINES §4)
_CEREMONY = words("coder.ceremony")


#: words of a volume of people or things (أعدادا كبيرة من السياح، آلاف الحجاج): what a hotel, a port or an
#: airport receives, not a guest
_VOLUME = words("coder.volume_words")


def _receives_numbers(doc: Document, words: Words, m: TriggerMatch, a: int, b: int) -> bool:
    """Whether a count follows a verb of receiving within six words (N passengers, N requests, أعدادا
    كبيرة من السائحين), or stands right before a verb of arriving (120 يمنيا عالقا يصلون: travellers,
    not a visit)."""
    for i in [*range(max(a, m.first - 3), m.first), *range(m.last + 1, min(b, m.last + 7))]:
        at = words.text_spans[i][0]
        if i > m.last and words.toks[i].text in _VOLUME:
            return True
        if words.toks[i].text[:1].isdigit() or any(
            q.start <= at < q.end and q.attrs.get("kind") == "count" for q in doc.quantities
        ):
            return True
    return False


#: the private purposes of a trip (a holiday, medical treatment): a leader travelling for them meets nobody
_PRIVATE_TRIP = words("coder.private_trip")


def _private_trip(words: Words, a: int, b: int) -> bool:
    return any(_bare(words.toks[i].text) in _PRIVATE_TRIP for i in range(a, b))


def _ceremony(words: Words, a: int, b: int) -> bool:
    return any(_bare(words.toks[i].text) in _CEREMONY for i in range(a, b))


#: how many distinct forms of one domain's vocabulary make a page of that domain
DOMAIN_MIN_FORMS = 4


@functools.lru_cache(maxsize=CACHE_WORDS)
def _reading_stems(word: str) -> tuple[str, ...]:
    """The stems of the clitic readings of ``word``, remembered per word form."""
    return tuple(r.stem for r in readings(word))


def _domain_page(words: Words) -> str | None:
    """The domain (sport, market) of a page with at least :data:`DOMAIN_MIN_FORMS` distinct forms of
    that domain's vocabulary in ``events_domains_ar.tsv``, or None: a political story that mentions a
    stadium, a team or oil prices has fewer."""
    toks = [t.text for t in words.toks]
    bare = set(chain.from_iterable(map(_reading_stems, set(toks))))  # each distinct form once
    joined = " " + " ".join(toks) + " "
    for domain, (single, phrases) in _domain_parts().items():
        # the vocabulary's one-word forms by one set intersection, its phrases by substring
        if len(single & bare) + sum(f" {p} " in joined for p in phrases) >= DOMAIN_MIN_FORMS:
            return domain
    return None


@functools.cache
def _domain_parts() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Each domain's vocabulary (:func:`load_domain_words`) as its one-word forms and its phrases."""
    return {
        d: (frozenset(p for p in v if " " not in p), tuple(sorted(p for p in v if " " in p)))
        for d, v in load_domain_words().items()
    }


def _is_anchor(words: Words, m: TriggerMatch, a: int, pos: str, typ: str, before: list[Event]) -> bool:
    """A noun re-mention used as a time/cause anchor (خلال الزيارة، بعد الحادث) is not an event."""
    if pos == "v" or m.first == a:
        return False
    prev = words.toks[m.first - 1].text
    prev = in_vocab(prev, _ANCHORS, "وفبل") or prev
    return prev in _ANCHORS and any(e.type == typ for e in before)


_MEETING_WORDS = words("coder.meeting_words")


def _meeting_after(words: Words, m: TriggerMatch, b: int) -> bool:
    return any(words.toks[i].text in _MEETING_WORDS for i in range(m.last + 1, min(b, m.last + 7)))


def _bare(w: str) -> str:
    return drop_conjunction(w)


def _is_future_word(w: str) -> bool:
    """A future cue (غدا، المقبل، من المقرر) or an auxiliary verb with the future prefix (سيتم، ستعمل)."""
    w = _bare(w)
    if w in _FUTURE_CUES:
        return True
    if len(w) > 3 and w[0] == "س" and w[1] in "يتن":
        # سيتم، ستعمل, or an event verb itself (فسيبحث الوزراء: the meeting is still to come)
        return w[1:] in _FUTURE_AUX or any(t.pos == "v" for t in load_triggers().by_first.get(w[1:], ()))
    return False


def _flags(ev: Event, words: Words, a: int, b: int, flags: frozenset[str]) -> None:
    toks = words.toks
    # "لم يحدث أي اتصال": after أي "any" the negator may stand one word further back
    back = 3 if ev.match.first > a and toks[ev.match.first - 1].text in ("اي", "واي") else 2
    before = [toks[i].text for i in range(max(a, ev.match.first - back), ev.match.first)]
    # with clitics too: لعدم التوقيع، وعدم الالتزام، بعدم
    ev.negated = any(w in _NEGATORS or (len(w) > 3 and w[0] in "ولبف" and w[1:] in _NEGATORS) for w in before)
    ev.negated = ev.negated or "neg" in flags
    # a verb's time is said around it; a noun's may come later in its clause (القمة … خلال الفترة المقبلة)
    reach = 2 if ev.match.trigger.pos == "v" else 7
    near = [toks[i].text for i in range(max(a, ev.match.first - 5), ev.match.last + 1)]
    for i in range(ev.match.last + 1, min(b, ev.match.last + 1 + reach)):
        if _bare(toks[i].text) in _PAST_TIME:
            break  # محادثات في جنيف أمس تناولت ترتيبات المرحلة المقبلة: dated yesterday, not planned
        near.append(toks[i].text)
    planned = ev.match.first > a and toks[ev.match.first - 1].text in _PLAN_MASDAR and "meeting" in flags
    future = ev.match.fut or ev.match.purpose or "future" in flags or planned
    future = future or any(_is_future_word(w) for w in near)
    future = future or any(
        _bare(toks[i].text) in _PURPOSE_CUES for i in range(max(a, ev.match.first - 5), ev.match.first)
    )
    future = future or any(w in ("لن",) for w in before)
    # PLOVER folds planned meetings into AGREE and announced retreats into CONCEDE: those did happen
    # PLOVER: a planned meeting, or support still to come (توقيع اتفاق تمهيدا …), is an AGREE
    if future and ev.type in ("CONSULT", "SUPPORT"):
        ev.type, ev.mode = "AGREE", None
    elif future and ev.type == "RETREAT":
        ev.type, ev.mode = "CONCEDE", None
    elif future and ev.type not in ("AGREE", "CONCEDE", "SUPPORT"):
        ev.future = True
    if ev.type == "REJECT" and ev.negated:
        ev.negated = False  # "لن تقبل", "لا تنوي": the refusal itself is the event
    # the lexicon's default "visit" of meeting verbs gives way to what the sentence says
    if ev.type == "CONSULT" and (ev.mode is None or ev.frame not in ("visit", "host")):
        sent = " ".join(toks[i].text for i in range(a, b))
        if any(c in sent for c in _PHONE):
            ev.mode = "phone"
        elif any(c in sent for c in _THIRD):
            ev.mode = "third-party"
        elif (
            any(c in sent for c in _MULTI_STRONG)
            or (any(c in sent for c in _MULTI) and len(ev.args.actors) >= 2)
            or (ev.mode is None and len(ev.args.actors) >= 3)
            or (ev.mode is None and any(_many_people(m) for m in ev.args.actors))
        ):
            ev.mode = "multilateral"
    if ev.type in ("REQUEST", "REJECT") and ev.mode is None:
        sent = " ".join(toks[i].text for i in range(a, b))
        # a demand that names nothing above asks for a change of policy (PLOVER's residual mode)
        ev.mode = next((md for md, cues in _ASK_MODE_CUES if any(c in sent for c in cues)), "change")
    if ev.type == "ASSAULT" and ev.mode is None:
        sent = " ".join(toks[i].text for i in range(a, b))
        for mode, cues in _ASSAULT_MODE_CUES:
            if any(c in sent for c in cues):
                ev.mode = mode
                break


#: adverbs of habit: what someone does regularly is a standing state, not an event
_HABITUAL = ("بصفه منتظمه", "بشكل منتظم", "بانتظام", "عاده ما", "دائما ما", "بشكل دوري", "بصوره دوريه")


#: participles that make a verbal noun a standing state (الحصار المفروض، العقوبات المفروضة)
_STANDING = words("coder.standing")


def _standing(words: Words, m: TriggerMatch, b: int) -> bool:
    """Whether a participle of state follows the trigger (الحصار المفروض عليه): not an act."""
    return m.last + 1 < b and words.toks[m.last + 1].text in _STANDING


def _habitual(words: Words, m: TriggerMatch, a: int, b: int) -> bool:
    """Whether a habit adverb follows the trigger closely (up to five words on)."""
    near = " ".join(words.toks[i].text for i in range(max(a, m.first - 2), min(b, m.last + 6)))
    return any(h in near for h in _HABITUAL)


#: cooperative types: in a condition (إذا، في حال) they are not events (the gold's 36 hypothetical events
#: are all of the other types)
_COOPERATIVE = frozenset({"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE"})


_CONDITION = words("coder.condition")


def _conditional(words: Words, m: TriggerMatch, a: int) -> bool:
    """Whether a condition opens the trigger's clause up to four words before it (إذا لم يتم التوقيع،
    في حال فشلهم في التوصل إلى اتفاق)."""
    toks = words.toks
    for i in range(max(a, m.first - 4), m.first):
        w = _bare(toks[i].text)
        if w in ("إذا", "اذا", "لو") or (w in ("حال", "حاله") and i > a and _bare(toks[i - 1].text) == "في"):
            return True
    return False


#: words of number that make the noun after them counted (عشرات الطلاب، 120 طالبا)
_NUMBER_WORDS = words("coder.number_words")


def _counted_noun(words: Words, m: TriggerMatch, a: int) -> bool:
    """A trigger read as a verb right after a number is a counted noun (مقتل 147 طالبا "students",
    not طالب "demanded"; 30 رحلة), and so is one an indefinite nationality adjective follows (طالب
    أميركي "an American student"). Counted event nouns (3 هجمات) keep their reading."""
    if m.first <= a or any(t.pos != "v" for t in m.entries):
        return False
    w = words.toks[m.first].text
    nxt = words.toks[m.last + 1].text if m.last + 1 < len(words.toks) else ""
    if (
        m.first == m.last
        and nxt[:2] != "ال"
        and nxt
        and nationality_country("ال" + nxt)
        and not _looks_nominal(w)
    ):
        return True  # طالب أميركي "an American student": a noun its adjective agrees with
    prev = words.toks[m.first - 1].text
    if not (prev[:1].isdigit() or _bare(prev) in _NUMBER_WORDS):
        return False
    return not _looks_nominal(w)


#: the genitives after which أسر is "families" (أسر الشهداء، أسر الضحايا), not "captured"
_FAMILIES_OF = words("coder.families_of")


def _families(words: Words, m: TriggerMatch) -> bool:
    """Whether a form of أسر "captured" reads as أُسَر "families": after مع (مع أسرهم "with their
    families") or before the dead and the wounded it belongs to (أسر الشهداء، أسر الضحايا)."""
    if m.first != m.last or not any(t.mode == "abduct" for t in m.entries):
        return False
    toks = words.toks
    if not drop_conjunction(toks[m.first].text).startswith("اسر"):
        return False
    prev = _bare(toks[m.first - 1].text) if m.first > 0 else ""
    nxt = toks[m.last + 1].text if m.last + 1 < len(toks) else ""
    return prev == "مع" or drop_conjunction(nxt) in _FAMILIES_OF


def _many_people(m: Mention) -> bool:
    """A party that is itself several (وزراء الخارجية العرب، قادة دول الخليج)."""
    return m.kind == "people" and bool(set(fold(m.text).split()) & _MANY)
