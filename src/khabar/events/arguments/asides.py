"""Words beside an event's parties that decide what they are: who tells of the event after it, or speaks
the quotation it is told in, is no party (… حسبما أفاد مسؤولون، وقال مدير المرصد «…»), nor what a
subject is called or is part of right after it (جبهة النصرة، ذراع تنظيم القاعدة); "at the request of"
names who asked (بطلب من أنقرة), an attack noun's ل-genitive its doer (بهجمات لـ«بوكو حرام»), and a
visit's visitor is neither its inviter nor his own last title. Read by
:func:`khabar.events.arguments.assign.assign_arguments` (from the reads of seeds 20261227 – 28 and
20261231 – 32, issue 16).
"""

from __future__ import annotations

from khabar.arabic.clitics import in_vocab
from khabar.events.arguments.parties import attack_by_noun
from khabar.events.arguments.subjects import said_at
from khabar.events.arguments.vocab import SPEECH_VERBS, Args, _bare_word, clause_break
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


def tellers(
    text: str,
    words: Words,
    m: TriggerMatch,
    ments: list[Mention],
    sent: tuple[int, int],
    speaker_party: bool,
) -> list[Mention]:
    """The parties of sentence ``sent`` (word range) that are no party of trigger ``m`` though they
    stand near it: who tells of it after it (:func:`source_after`) and who speaks the quotation it
    stands in (:func:`quoted_speaker`), unless the caller says the speaker may be its party
    (``speaker_party``: a quotation in the first person, نرفض، قصفنا, or a meeting the speaker's side
    holds)."""
    a, b = sent
    # the quotation the trigger stands in, looked for once (not per party)
    q = None if speaker_party else _quote_open(text, words, a, m.first)
    return [
        x
        for x in ments
        if a <= x.first < b
        and (source_after(words, m, x) or (q is not None and quoted_speaker(words, x, q, a)))
    ]


def quoted_speaker(words: Words, x: Mention, q: int, a: int) -> bool:
    """Whether ``x`` is who speaks the quotation whose first word is ``q`` (:func:`_quote_open`; the
    sentence starts at word ``a``): a party between a verb of saying and the quotation's opening
    mark, with no إن or أن between (وقال مدير المرصد [رامي عبدالرحمن] "تحطمت طائرة حربية أثناء
    قصفها حيا"). The speaker tells of the act; where he is its doer the quotation says so in the first
    person (نرفض، قصفنا), which the caller reads apart."""
    if x.last >= q:
        return False
    toks = words.toks
    for k in range(q - 1, max(a, q - 9) - 1, -1):
        if _bare_word(toks[k].text) in _THAT:
            return False  # قال المرصد إن [قوات النظام] «قصفت …»: the quotation goes on the clause
        if in_vocab(toks[k].text, SPEECH_VERBS) is not None:
            return k < x.first
    return False


#: "that" after a verb of saying: what follows is the clause said, not its speaker
_THAT = frozenset(map(fold, ("إن", "أن", "بأن", "وأن", "وإن")))


def _quote_open(text: str, words: Words, a: int, k: int) -> int | None:
    """The first word of the quotation still open at word ``k`` that opened after word ``a`` (« or “,
    or an ASCII " that is not a closing one), or None."""
    spans = words.text_spans
    at: int | None = None
    for j in range(a + 1, k + 1):
        for ch in text[spans[j - 1][1] : spans[j][0]]:
            if ch in "«“":
                at = j
            elif ch in "»”":
                at = None
            elif ch == '"':
                at = None if at is not None else j
    return at


def at_request(words: Words, m: TriggerMatch, a: int) -> bool:
    """Whether the trigger is the noun of "at the request of" (بطلب، بناء على طلب، تلبية لطلب)."""
    w = words.toks[m.first].text
    prev = words.toks[m.first - 1].text if m.first > a else ""
    return w == fold("بطلب") or (w in (fold("طلب"), fold("لطلب")) and prev in _REQUEST_BY)


def visit_parties(
    args: Args, text: str, words: Words, ments: list[Mention], m: TriggerMatch, a: int, b: int
) -> None:
    """A visit's visitor: a person whose titles stand between him and the verb (:func:`titled_subject`;
    a party after the verb that the rules took for the visitor is then whom he met), never the one who
    invited him (:func:`invited_host`)."""
    x = next((y for y in ments if a <= y.first and 0 < m.first - y.last <= 2), None)
    held = titled_subject(text, words, ments, x, m) if x is not None else None
    if held is not None and all(y is x or y.first > m.last for y in args.actors):
        # the title before the verb, or a party after it the rules took (then whom he met)
        met = [y for y in args.actors if y.first > m.last]
        args.actors = [held]
        args.recipients = met + [y for y in args.recipients if y not in met]
    invited_host(args, words, ments, a, b)


def invited_host(args: Args, words: Words, ments: list[Mention], a: int, b: int) -> None:
    """A visit's inviter is not its visitor: the party after "at the invitation of" (تلبية لدعوة من
    العاهل الأردني الملك [عبد الله الثاني]، بدعوة من [الرئيس]، بناء على دعوة [خادم الحرمين]) is
    whom the visitor comes to, whatever the rules took from after the verb. It is not made the
    recipient: the gold set codes the visited country there, and the invitation apart."""
    hosts = [
        x
        for x in ments
        if a <= x.first < b and x.kind in ("person", "role", "country", "org") and _invited_by(words, x, a)
    ]
    if not hosts:
        return
    args.actors = [x for x in args.actors if x not in hosts]
    args.not_roles |= {("actor", x.ref) for x in hosts}


def titled_subject(
    text: str, words: Words, ments: list[Mention], x: Mention, m: TriggerMatch
) -> Mention | None:
    """The person whose titles, set off by commas before the verb ``m``, hold the subject ``x`` the
    rules took (الأمير محمد بن سلمان، ولي ولي العهد … [وزير الدفاع السعودي]، وصل أمس: the prince
    arrived, not a minister): a comma right before the verb, none between ``x`` and it, and one
    between a person within a title's length before ``x`` and ``x``; else None."""
    if x.kind not in ("role", "org", "country") or x.prep is not None or not 0 < m.first - x.last <= 2:
        return None
    spans = words.text_spans
    commas = ("،", ",")
    before_verb = text[spans[m.first - 1][1] : spans[m.first][0]]
    inner = text[spans[x.first][0] : spans[m.first - 1][1]]
    if not any(c in before_verb for c in commas) or any(c in inner for c in commas):
        return None
    toks = words.toks
    for p in ments:
        if not (p.kind == "person" and x.first - _TITLE_SPAN <= p.last < x.first):
            continue
        # one comma after the name, and only titles on to the subject (not "…، فقد قام [ولي العهد]")
        between = text[spans[p.first][1] : spans[x.first][0]]
        if sum(between.count(c) for c in commas) == 1 and not any(
            _bare_word(toks[k].text) in _NOT_TITLES for k in range(p.last + 1, x.first)
        ):
            return p
    return None


#: words that end a title set off by commas: a particle or a verb opens a clause (فقد قام، ثم)
_NOT_TITLES = frozenset(map(fold, ("فقد", "قد", "وقد", "لقد", "قام", "وقام", "فقام", "ثم", "كما", "حيث")))


#: how many words a title set off by commas may run (ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء
#: وزير الدفاع السعودي)
_TITLE_SPAN = 14


def _invited_by(words: Words, x: Mention, a: int) -> bool:
    """Whether a word of "invitation" (دعوة، لدعوة، بدعوة) stands within six words before ``x`` with no
    clause break between (من, titles and names)."""
    toks = words.toks
    for k in range(x.first - 1, max(a, x.first - 6) - 1, -1):
        if _bare_word(toks[k].text) in _INVITATION:
            return True
        if clause_break(words, k):
            return False
    return False


#: "invitation" as the word before its inviter (تلبية لدعوة من، بدعوة من، بناء على دعوة)
_INVITATION = frozenset(map(fold, ("دعوة", "لدعوة", "بدعوة", "الدعوة")))


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
