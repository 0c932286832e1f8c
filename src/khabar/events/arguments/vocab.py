"""The words and limits the argument rules read, the arguments of an event (:class:`Args`) and the
grouping of coordinated mentions (``X و Y``, ``X، Y``); moved out of the one arguments module (issue 19).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.arabic.clitics import drop_conjunction
from khabar.events.lexicon import load_triggers, words
from khabar.events.mentions import Mention, Words

#: how many words after a verb its subject may start: time words, honorifics and Saudi-style title
#: chains come between (استقبل معالي المستشار بالديوان الملكي المشرف العام على مركز … الدكتور X)
VSO_REACH_MEETING = 12


#: … after a verb of receiving (the Saudi reception formula's titles run longer)
VSO_REACH_HOST = 20


#: … and for other verbs
VSO_REACH = 5


#: how far (words) the rules look before and after a trigger
WINDOW = 14


#: … after a meeting verb, whose host and guest each come with a title chain
WINDOW_MEETING = 28


#: prepositions that name a recipient, per frame
_RECIPIENT_PREPS = {
    "sv": ("ل", "على", "علي", "ضد", "مع", "الي", "لدى", "لدي", "تجاه"),
    "visit": ("الي", "ل"),
    "sym": ("مع",),
    "patient": ("على", "علي"),
    "request": ("من", "لدى", "لدي"),
}


#: punctuation that separates a name from the verb after it (تقول أم أحمد: "وصل …")
_CLAUSE_BREAKS = frozenset(':"«»“”،.؛')


#: كان and its forms: "وكانت X … قد فعلت" puts the subject right after them
_KANA = words("arguments.kana")


def _bare_word(w: str) -> str:
    return drop_conjunction(w, min_stem=2)


def clause_break(words: Words, k: int) -> bool:
    """Whether a comma, a full stop, a colon or a semicolon stands between word ``k`` and the next."""
    toks = words.toks
    return any(c in words.view.text[toks[k].end : toks[k + 1].start] for c in "،,.:؛")


#: relative pronouns: the verb after one takes the antecedent before it as subject
_RELATIVES = words("arguments.relatives")


#: the colon that opens a statement: a subject does not reach into it (guillemets are not breaks:
#: Saudi papers write their own names in them, لـ«عكاظ»; with them actor F1 fell on the dev half)
_QUOTE_BREAKS = frozenset(":")


#: marks that open a quotation (a speaker is named before them; a first-person verb after them is his)
QUOTE_OPENERS = frozenset(':"«“')


#: verbs that announce an act of their subject's (أعلنت الشرطة اعتقال …، قررت الحكومة فرض …)
_ANNOUNCE = words("arguments.announce")


#: verbal nouns of what happens to someone, with nobody's act in them (مقتل، سقوط، إصابة)
_NO_AGENT = words("arguments.no_agent")


#: types whose verbal noun takes its object as genitive
_OBJECT_GENITIVE = frozenset({"ACCUSE", "ASSAULT", "COERCE", "SANCTION", "SUPPORT", "REJECT", "THREATEN"})


_PARTICIPANT_PREPS = ("بحضور", "حضور", "برفقه", "بمشاركه")


PASSIVE_MARKERS = words("arguments.passive_markers")


#: event types that are said (a statement's speaker is their actor when the clause names none)
VERBAL_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE", "THREATEN", "CONCEDE"})


#: types whose announcer may be a party: statements (VERBAL_TYPES) and meetings (أعلنت المنظمة أن
#: القمة عقدت: the convener); not violence (وأضاف دمرداش … مقتل ستة: the reporter did not fight)
_SAID_BY_PARTY = VERBAL_TYPES | {"CONSULT"}


#: verbs of saying (a mention right after one is a speaker)
SPEECH_VERBS = words("arguments.speech_verbs")

#: verbs (and their nouns) of condemning or denying: an event noun right after one is what is condemned,
#: and whoever condemns it did not do it (استنكر المجلس القصف: the council did not shell)
REACTION_VERBS = words("arguments.reaction_verbs")


@dataclass(slots=True)
class Args:
    actors: list[Mention] = field(default_factory=list)
    recipients: list[Mention] = field(default_factory=list)
    agentless: bool = False
    #: the trigger is read as a verb (not its verbal noun)
    verb: bool = False
    #: the verb is in the first person (نطالب، نرفض): its subject is whoever is quoted saying it
    first_person: bool = False
    #: whom it was done to is settled by the rules, none added later (أدان التفجير الذي استهدف X: the
    #: accused is the act's doer or nobody, never its victims)
    closed_recipients: bool = False
    #: (role, ref) pairs the rules rule out, which the argument ranker does not add back: the subject of
    #: "witnessed" as any party (شهدت الكاميرون هجوما), whoever claims an attack as its target
    not_roles: set[tuple[str, str]] = field(default_factory=set)

    def all(self) -> list[Mention]:
        return self.actors + self.recipients

    def refs(self) -> frozenset[str]:
        return frozenset(m.ref for m in self.all())

    def absorb(self, other: Args) -> None:
        """Add the arguments of another trigger of the same event."""
        have = self.refs()
        if not self.actors:
            self.actors = [m for m in other.actors if m.ref not in have]
        if not self.recipients and not self.closed_recipients:
            self.recipients = [
                m for m in other.recipients if m.ref not in have | {a.ref for a in self.actors}
            ]


def _group(first: Mention, ms: list[Mention]) -> list[Mention]:
    """``first`` and the mentions coordinated with it (و، ،) that follow it."""
    out = [first]
    i = ms.index(first)
    for m in ms[i + 1 :]:
        if m.coord and m.prep is None and m.first - out[-1].last <= 2:
            out.append(m)
        else:
            break
    return out


def _group_back(last: Mention, ms: list[Mention]) -> list[Mention]:
    """``last`` and the mentions it is coordinated with before it (X و Y … verb)."""
    out = [last]
    i = ms.index(last)
    cur = last
    for m in reversed(ms[:i]):
        if cur.coord and m.prep is None and cur.first - m.last <= 2:
            out.insert(0, m)
            cur = m
        else:
            break
    return out


def first_person(w: str, singular: bool = False) -> bool:
    """Whether a verb token is in the first person plural (نطالب، ونرفض، سندعم): an ن where the
    lexicon's third person form has ي. (No lexicon verb form starts with ن but for such pairs, so
    a perfect like ندد, whose ي form is not a word, is not taken for one.) ``singular``: the
    first person singular instead (أطالب, written اطالب in the normalised view)."""
    by_first = load_triggers().by_first
    prefix = "ا" if singular else "ن"
    for x in (w, w[1:] if w[:1] in ("و", "ف") else ""):
        for y in (x, x[1:] if x[:1] == "س" else ""):
            if len(y) >= 3 and y[0] == prefix and any(t.pos == "v" for t in by_first.get("ي" + y[1:], ())):
                return True
    return False


def _actorish(m: Mention) -> bool:
    """Cities and facilities (القاعدة الجوية) are rarely actors; countries, people, groups and
    organisations are."""
    return m.kind not in ("place", "facility")
