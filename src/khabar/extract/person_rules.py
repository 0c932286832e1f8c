"""Person names the NER model misses, found by class rules over a document's tokens and BIO tags.

The tagger (:mod:`khabar.extract.ner`) learnt names from ANERcorp's 2007 news; it misses what that
corpus rarely shows: football line-ups and transfer news (single surnames, transliterated foreign
names), Gulf family names it never saw, and the given name ``علي``, which the normalised view folds into
the preposition ``على``. Each rule below is a context that names a person whatever the name's words
are; the rules run on the model's tags before document propagation (:func:`khabar.extract.ner.
propagate_names`), so a name a rule finds once is found wherever it recurs.

* ``cue``: a noun that stands before a name (``اللاعب``، ``المدرب``، the titles of
  ``person_titles_ar.tsv``) or a nationality adjective (``الأرجنتيني``), modifiers allowed between
  (``المدرب الجديد``، ``اللاعب البرازيلي``, the club's name: ``لاعب الشباب``), then a name that does not
  start with the article: ``المدرب دونيس``، ``الأرجنتيني مورا``، ``الفريق مهاب مميش``. After a plural
  cue the names may be coordinated (``البرازيليين أدواردو وألميدا``).
* ``speech``: a speech verb, a name, then ``إن``/``أن``/``:``/``لـ`` (``وأضاف مميش أن``).
* ``given``: a given name (``names_given_ar.tsv``) followed by a family name with the article that is
  no ordinary word (``علي العليوات``، ``صالح النعمية``), or by a nasab chain (``X بن Y``). ``علي`` counts as
  the name only where the document writes the preposition ``على`` with its ى (most do), since the
  normalised view cannot tell them apart.
* ``nasab``: a name the model opened at ``بن`` (``بن مفرح بن سلمان``) takes the name word before it.
* ``list``: in an enumeration (items separated by ``،`` or ``و``) that holds at least two names of
  people, the other items made of name words are people too (a team's line-up).

A *name word* is one that is no common word (``names_common_ar.tsv.gz``: Zipf below
:data:`khabar.extract.wordclass.COMMON_ZIPF`, also after a clitic is cut), or a given name; never a
function word, a cue, a month, a nationality adjective or a place of the model's gazetteer. Spans
found here go through the same non-people screen as the model's (:func:`khabar.extract.people.
screen_persons`) and carry ``attrs["cue"]`` (the rule) for the confidence model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from khabar.arabic.dates import DATE_WORDS
from khabar.extract.names import NASAB, is_given_name
from khabar.extract.person_words import (
    _ALI,
    _BEFORE,
    _BOUND,
    _CUE,
    _FUNCTION_NORM,
    _LETTERS,
    _MARKS,
    _PLURAL,
    _STRONG,
    CUE_FILE,
    FAMILY_ZIPF,
    FEMININE_FAMILY_ZIPF,
    NASAB_FAMILY_ZIPF,
    NerModel,
    PersonCues,
    _has_article,
    _preposition_article,
    _raw_stem,
    _Words,
    _writes_alef_maqsura,
    load_cues,
)
from khabar.extract.roles import is_role_head
from khabar.extract.wordclass import (
    TANWEEN,
    common_zipf,
)

__all__ = ["CONTEXT_CUES", "CUE_FILE", "RULES", "PersonCues", "apply_rules", "load_cues"]

#: a verbal noun of the derived shapes with the article: افتعال، انفعال، استفعال (الابتعاد، الانسحاب)
_DERIVED_MASDAR = re.compile(r"^ال(?:است|ا)\w{2,3}ا\w$")

#: the rules, in the order they run (the names are the values of ``attrs["cue"]``)
RULES: tuple[str, ...] = ("byline", "cue", "speech", "given", "nasab", "list")
#: the rules whose evidence is the name's context, not its words (the confidence feature ``cued``)
CONTEXT_CUES = frozenset({"byline", "cue", "speech", "list"})
#: the most words a rule reads as one name
MAX_NAME = 4
#: the most modifiers between a cue and the name (اللاعب الدولي البرازيلي X)
MAX_BETWEEN = 3
#: words after a speaker's name (normalised): إن، أن، إنه، أنه، لـ
_AFTER_SPEAKER = frozenset({"ان", "انه", "لـ", "ل", ":"})
_LIST_SEPARATORS = frozenset({"،", ","})
#: a byline is a line of at most this many tokens, its name at most this many words
MAX_BYLINE = 12
MAX_BYLINE_NAME = 3
_BYLINE_SEPARATORS = frozenset({"-", "–", "—", ":", "/", "(", ")", "،", ",", "|", "«", "»"})
#: an adjective of relation with the article (الخلجاوي، الشبابي): a modifier between a cue and a name
_NISBA = re.compile(r"^ال\w{2,}(?:ي|يه|يين|يان|ين)$")


class _Sentence:
    """One sentence's tokens, normalised words and tags, with the edits the rules make."""

    def __init__(
        self, words: _Words, tokens: Sequence[str], tags: list[str], ali: bool, other: Counter[str]
    ) -> None:
        self.w = words
        self.tokens = tokens
        # words.norm of each token, its memory read inline (light() only for a word not in it)
        fs = words.model.features
        lights: list[Any] = list(map(fs._light.get, tokens))
        if None in lights:
            lights = [w or fs.light(t) for t, w in zip(tokens, lights, strict=True)]
        self.norms: list[str] = list(map(itemgetter(0), lights))
        self.tags = tags
        self.n = len(tokens)
        self.model_tags = list(tags)
        self.ali = ali
        #: how often the model tagged each word ORG or LOC in the document
        self.other = other
        #: first token of each chunk a rule made or confirmed → the rule
        self.found: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.tokens)

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.tags) and self.tags[i] == "O"

    def pers_end(self, i: int) -> int:
        """The end of the PERSON chunk that starts at ``i`` (``i`` when none starts there)."""
        if i >= len(self.tags) or self.tags[i] != "B-PERS":
            return i
        j = i + 1
        while j < len(self.tags) and self.tags[j] == "I-PERS":
            j += 1
        return j

    def namey(self, i: int, *, loose: bool = False, inner: bool = False) -> bool:
        if not 0 <= i < len(self.norms):
            return False
        n = self.norms[i]
        if n == _ALI:
            return self.is_ali(i)
        return self.w.token_namey(self.tokens[i], loose=loose, inner=inner)

    def coordinated(self, j: int) -> bool:
        """Whether token ``j`` opens with the conjunction و (the next name of a list, not this name's
        next word, nor a name after a cue); a given name that starts with و (وليد، وائل) is itself."""
        n = self.norms[j]
        return len(n) > 3 and n[0] == "و" and not is_given_name(n)

    def is_ali(self, i: int) -> bool:
        """Whether token ``i`` is the name ``علي`` (a conjunction allowed before it: ``وعلي``) in a
        document that writes the preposition ``على`` with its ى."""
        return self.ali and self.w.stem(self.norms[i]) == _ALI and _raw_stem(self.tokens[i]) == _ALI

    def given(self, i: int) -> bool:
        """Whether token ``i`` is a given name (a conjunction or preposition allowed before it)."""
        if not 0 <= i < len(self.norms):
            return False
        g = self.w.given_token(self.tokens[i])
        return g == 1 or (g == 2 and self.ali)

    def article(self, i: int) -> bool:
        """Whether token ``i`` carries the article; a name written with hamza (ألميدا، ألتون) does not,
        though the normalised view writes both ال."""
        return _has_article(self.norms[i]) and not _MARKS.sub("", self.tokens[i]).startswith(("أل", "إل"))

    def name_run(self, i: int, *, article_first: bool, loose: bool = False) -> int:
        """The end of the run of name words from ``i`` (at most :data:`MAX_NAME`, ``بن`` + a name word
        allowed inside); ``i`` when there is none."""
        if not self.namey(i, loose=loose) or (not article_first and self.article(i)) or self.coordinated(i):
            return i
        if self.article(i) and not self.namey(i):
            return i  # a word with the article is a name only when it is no common word at all
        # after a rare first word (آشتون) the next may be a word web text also counts (كارتر)
        inner = self.namey(i) and not self.given(i)
        j = i + 1
        chain = False
        while j < self.n and j - i < MAX_NAME:
            if self.norms[j] in NASAB and self.namey(j + 1, loose=True):
                j += 2
                chain = True
            elif (
                self.namey(j, loose=loose, inner=inner)
                and not self.w.cue(self.norms[j])
                and not self.coordinated(j)
                and not _preposition_article(self.norms[j])
            ):
                j += 1
            elif self.family(j) or (chain and _family_after_nasab(self, j)):
                return j + 1
            else:
                break
        return j

    def family(self, j: int) -> bool:
        """Whether token ``j`` is a family name of the relation shape or the article + a given name,
        though web text uses it as a word too (ظافر الشهري، ملفي الحربي، علي المحمد); the caller knows a
        name word stands before it."""
        n = self.norms[j]
        return (
            len(n) >= 5
            and n.startswith("ال")
            and (n.endswith("ي") or is_given_name(n[2:]))
            and common_zipf(n) < FAMILY_ZIPF
            and not self.w.nationality(n)
            and n not in self.w.model.ordinary
        )

    def plain(self, k: int) -> bool:
        """Whether token ``k`` is a plain Arabic word that may open a name in a byline: letters only,
        no closed-class word, cue, tanween, digit or place."""
        n = self.norms[k]
        c = self.w.cues
        return (
            len(n) >= 2
            and all(ch in _LETTERS for ch in n)
            and n not in _FUNCTION_NORM
            and not any(n in cls for cls in (c.before, c.speech, c.between, c.byline))
            and not TANWEEN.search(self.tokens[k])
            and self.tags[k] == "O"
        )

    def elsewhere(self, a: int, b: int) -> bool:
        """Whether every word of ``a..b-1`` is, elsewhere in the document, part of an organisation or
        a place to the model (``وقال النصر``: the club)."""

        def other(k: int) -> bool:
            own = 1 if self.model_tags[k][2:] in ("ORG", "LOC") else 0
            return self.other[self.norms[k]] > own

        return all(other(k) for k in range(a, b))

    def mark(self, a: int, b: int, rule: str, *, override: bool = False) -> bool:
        """Tag tokens ``a..b-1`` as one PERSON, taking in a PERSON chunk of the model that starts
        inside the run (and its words past the run); never splitting a chunk that started before ``a``.
        An ORG/LOC/MISC tag inside the run stops it, unless ``override`` and the chunk ends inside the
        run (a person cue outweighs the model's guess: ``البولندي ادريان`` is no place). Returns whether
        the tags changed."""
        if b <= a or self.tags[a].startswith("I-"):
            return False
        other = [k for k in range(a, b) if self.tags[k] != "O" and self.tags[k][2:] != "PERS"]
        if other:
            if not override or (b < len(self.tags) and self.tags[b].startswith("I-")):
                return False
            for k in other:
                self.tags[k] = "O"
        end = b
        k = a
        while k < b:
            if self.tags[k] == "B-PERS":
                end = max(end, self.pers_end(k))
                k = self.pers_end(k)
            else:
                k += 1
        if self.tags[a] == "B-PERS" and self.pers_end(a) == end:
            self.found.setdefault(a, rule)  # the model's reading, confirmed
            return False
        self.tags[a:end] = ["B-PERS", *["I-PERS"] * (end - a - 1)]
        self.found[a] = rule
        return True


# -- the rules -----------------------------------------------------------------------------------
def _rule_cue(s: _Sentence) -> None:
    """A person noun, a title or a nationality adjective, modifiers, then a name (see the module
    docstring)."""
    c = s.w.cues
    # s.w.kind of each word, its memory read inline
    kinds: list[Any] = list(map(s.w._kind.get, s.norms))
    if None in kinds:
        kinds = [k if k is not None else s.w.kind(n) for n, k in zip(s.norms, kinds, strict=True)]
    if not any(kinds) and not c.phrases:
        return
    i = 0
    while i < s.n:
        kind = kinds[i]
        j = i + 1
        if not kind and c.phrases and i + 1 < s.n and (s.w.stem(s.norms[i]), s.norms[i + 1]) in c.phrases:
            kind, j = _CUE | _BEFORE | _STRONG, i + 2
        if not kind & _CUE or not s.free(i):
            i += 1
            continue
        n = s.w.stem(s.norms[i])
        plural = bool(kind & _PLURAL)
        # modifiers: listed adjectives, nationality and relation adjectives, one club or place name
        skipped_chunk = False
        for _ in range(MAX_BETWEEN):
            if j >= s.n:
                break
            m = s.norms[j]
            if s.free(j) and (m in c.between or s.w.nationality(m) or _NISBA.match(m)):
                plural = plural or (s.w.nationality(m) and m.endswith(("يين", "يان")))
                j += 1
            elif not skipped_chunk and s.tags[j] in ("B-ORG", "B-LOC"):
                # the club or place of the person (لاعب الشباب X), when a name follows it
                k = j + 1
                while k < s.n and s.tags[k] in ("I-ORG", "I-LOC"):
                    k += 1
                if s.name_run(k, article_first=False, loose=True) == k:
                    break
                skipped_chunk = True
                j = k
            else:
                break
        # titles (الإمام، السلطان) stand before family names too (السلطان تدشين …): after them only
        # a clear name word opens a name; after a person noun or a nationality, a rarer word may
        strong = bool(kind & _STRONG)
        end = s.name_run(j, article_first=False, loose=strong)
        # a noun without the article (لاعب، مدرب) takes a complement first (لاعب الشباب X): right after
        # it a one-word "name" is the complement itself (مدرب ضمك); so is a two-word one for nouns that
        # are also common words (الفريق)
        short = bool(kind & _BOUND) or (not n.startswith("ال") and j == i + 1)
        if (
            end == j
            or (short and end - j < 2)
            or (end - j == 1 and not kind & _BEFORE and len(s.norms[j]) < 4)
        ):
            i += 1
            continue
        if s.elsewhere(j, end):
            i += 1
            continue
        s.mark(j, end, "cue", override=bool(kind & _BEFORE) and not skipped_chunk)
        # coordinated names after a plural cue (البرازيليين أدواردو وألميدا)
        k = s.pers_end(j) if s.tags[j] == "B-PERS" else end
        while plural and k < s.n and s.free(k) and _conj_name(s, k):
            e = k + 1
            while e < s.n and e - k < MAX_NAME and s.namey(e, loose=True) and not s.norms[e].startswith("و"):
                e += 1
            s.mark(k, e, "cue")
            k = e
        i = max(i + 1, k)


def _conj_name(s: _Sentence, k: int) -> bool:
    """Whether token ``k`` is و + a name word without the article (وألميدا، وادواردو)."""
    n = s.norms[k]
    return len(n) > 3 and n[0] == "و" and not n[1:].startswith("ال") and s.w.namey(n[1:], loose=True)


def _rule_speech(s: _Sentence) -> None:
    """A speech verb, one to four name words, then إن/أن/:/لـ (``وأضاف مميش أن``)."""
    c = s.w.cues
    for i in range(s.n - 2):
        if s.w.stem(s.norms[i]) not in c.speech or not (s.free(i + 1) or s.tags[i + 1] == "B-PERS"):
            continue
        end = s.name_run(i + 1, article_first=True, loose=True)
        if end == i + 1 or end >= s.n:
            continue
        nxt = s.norms[end]
        if (nxt in _AFTER_SPEAKER or nxt.startswith("لـ")) and not s.elsewhere(i + 1, end):
            s.mark(i + 1, end, "speech")


def _rule_given(s: _Sentence) -> None:
    """A given name, then given names or nasab links, ending in a family name with the article (or
    holding a nasab link): ``صالح النعمية``، ``علي بن محمد الجمعة``."""
    # s.given of each token, the words' memory read inline (given_token only for a word not in it)
    known, given_of = s.w._given.get, s.w.given_token
    gs = [g if (g := known(t)) is not None else given_of(t) for t in s.tokens]
    givens = [g == 1 or (g == 2 and s.ali) for g in gs]
    if not any(givens):
        return
    i = 0
    while i < s.n - 1:
        # a preposition before a given name that is also a noun makes it the noun (بسلطان المنتصر "by
        # the power of the victor"): only و/ف may stand before the name
        if (
            not givens[i]
            or not (s.free(i) or s.tags[i] == "B-PERS")
            or (s.w.stem(s.norms[i]) != s.norms[i] and s.norms[i][0] not in "وف")
        ):
            i += 1
            continue
        # the name goes on through given names, name words and nasab links, and must end in a family
        # name with the article, or hold a nasab link
        j = i + 1
        family = nasab = False
        while j < s.n and j - i < MAX_NAME:
            n = s.norms[j]
            if n in NASAB and s.namey(j + 1, loose=True):
                nasab = True
                j += 2
            elif (
                n.startswith("ال")
                and len(n) >= 5
                and (s.namey(j) or (n.endswith("ي") and s.namey(j, loose=True)) or s.family(j))
                and not (n.endswith("يه") and common_zipf(n) >= FEMININE_FAMILY_ZIPF)
            ):
                # a family name: no common word, or a rarer one of the relation shape (الخليوي)
                family = True
                j += 1
                break
            elif nasab and _family_after_nasab(s, j):
                family = True
                j += 1
                break
            elif not s.coordinated(j) and (
                s.given(j) or (s.is_ali(i) and s.namey(j) and not n.startswith("ال"))
            ):
                j += 1
            else:
                break
        if (family or nasab or (s.is_ali(i) and j > i + 1) or _joins_chunks(s, i, j)) and s.mark(
            i, j, "given"
        ):
            i = j
            continue
        i += 1


def _family_after_nasab(s: _Sentence, j: int) -> bool:
    """Whether token ``j``, right after a nasab chain (محمد بن عبدالرحمن …), is the family name with the
    article, though web text uses it as a word (المخرج "the director", القصير "the short", السريع):
    after a chain the family name is what comes next, unless the word is a role or title, a nationality,
    a time word, a closed-class word, a verbal noun of the derived shapes (الابتعاد، الاستمرار), one of the
    most common words (الأخير، الرجل), or an office qualified by the adjective after it (الملحق الثقافي،
    المدير العام: an appositive role)."""
    n = s.norms[j]
    nxt = s.norms[j + 1] if j + 1 < s.n else ""
    return (
        len(n) >= 5
        and n.startswith("ال")
        and s.article(j)
        and not _DERIVED_MASDAR.match(n)
        and not (nxt.startswith("ال") and (nxt.endswith(("ي", "يه")) or nxt in s.w.cues.office_adjectives))
        and common_zipf(n) < NASAB_FAMILY_ZIPF
        and not s.w.cue(n)
        and not s.w.nationality(n)
        and n not in _FUNCTION_NORM
        and n not in DATE_WORDS  # after a name they say when (سلمان بن عبدالعزيز الأربعاء)
        and not is_role_head(n)
    )


def _joins_chunks(s: _Sentence, i: int, j: int) -> bool:
    """Whether the given names ``i..j-1`` are two PERSON chunks of the model side by side, with
    nothing between (``أحمد علي`` | ``عبدالله صالح``): one name of a man, his father and grandfather
    (lists of people put و or a comma between names)."""
    if s.tags[i] != "B-PERS":
        return False
    k = s.pers_end(i)
    return k < j and s.tags[k] == "B-PERS" and s.pers_end(k) == j


def _rule_nasab(s: _Sentence) -> None:
    """A name word before a PERSON chunk the model opened at ``بن`` (``مشعشع`` + ``بن مفرح …``)."""
    if "B-PERS" not in s.tags:
        return
    for i in range(1, s.n):
        if s.tags[i] == "B-PERS" and s.norms[i] in NASAB and s.free(i - 1) and s.namey(i - 1):
            n = s.norms[i - 1]
            if not n.startswith("ال") and not s.w.cue(n):
                s.tags[i - 1 : s.pers_end(i)] = ["B-PERS", *["I-PERS"] * (s.pers_end(i) - i)]
                s.found[i - 1] = "nasab"


def _rule_list(s: _Sentence) -> None:
    """Enumerations: items separated by ``،`` or a word-initial ``و``, inside a stretch of name words
    and PERSON chunks; with two PERSON items, the other items (one or two name words) are people."""
    if s.tags.count("B-PERS") < 2:
        return
    items: list[tuple[int, int, bool]] = []  # (start, end, is a PERSON chunk)

    def flush() -> None:
        if not items:
            return
        if sum(p for _, _, p in items) >= 2:
            for a, b, p in items:
                if not p:
                    s.mark(a, b, "list")
        items.clear()

    i = 0
    opened = True  # an item may start here: stretch start, after a separator, or at a و-word
    while i < s.n:
        if s.tokens[i] in _LIST_SEPARATORS:
            opened = True
            i += 1
            continue
        if not opened and not s.norms[i].startswith("و"):
            flush()  # two items with no separator between: no list
            opened = True
            continue
        if s.tags[i] == "B-PERS":
            e = s.pers_end(i)
            items.append((i, e, True))
        elif s.tags[i] == "O" and s.namey(i, loose=True):
            e = i + 1
            if e < s.n and s.free(e) and s.namey(e, loose=True) and not s.norms[e].startswith("و"):
                e += 1
            if e < s.n and s.tokens[e] not in _LIST_SEPARATORS and not s.norms[e].startswith("و"):
                # an item runs into a word that is no separator or next item: no list item
                flush()
                i, opened = e, False
                continue
            items.append((i, e, False))
        else:
            flush()  # a word that is no name ends the stretch; the next may open one
            i, opened = i + 1, True
            continue
        i, opened = e, False
    flush()


def _rule_byline(s: _Sentence) -> None:
    """A byline: a short line of segments (``الرياض - أسمهان الغامدي``، ``كتب - علي القحطاني``، ``عمر
    إبراهيم – عين اليوم``) where one segment is a name of two to four words, and another is a place the
    model tagged, or a byline word (``كتب``، ``تصوير``) stands before, or the name opens with a given
    name; or a line that is a name alone (a column's author under its title). The segment's words are
    name words, or plain words before a name the model tagged (``الدمام – مرشد الخالدي``: the model saw
    only الخالدي)."""
    if s.n > MAX_BYLINE:
        return
    segments: list[tuple[int, int]] = []
    a = 0
    for k, tok in enumerate([*s.tokens, "|"]):
        if tok in _BYLINE_SEPARATORS:
            if k > a:
                segments.append((a, k))
            a = k + 1
    if not segments:
        return
    places = sum(
        1 for a, b in segments if s.tags[a] == "B-LOC" and all(t == "I-LOC" for t in s.tags[a + 1 : b])
    )
    for n, (a, b) in enumerate(segments):
        if not 2 <= b - a <= MAX_BYLINE_NAME:
            continue
        named = s.name_run(a, article_first=False, loose=True) >= b
        # a given name and plain words (عبدالرحمن الحجاب: الحجاب is a word too)
        named = named or (len(segments) > 1 and s.given(a) and all(s.plain(k) for k in range(a + 1, b)))
        # the model's PERSON reading of the segment's end, and plain words before it
        tail = next((k for k in range(a + 1, b) if s.tags[k] == "B-PERS" and s.pers_end(k) == b), None)
        if not named and (tail is None or not all(s.plain(k) for k in range(a, tail))):
            continue
        if len(segments) == 1:
            # a name alone on its line: the model or a given name must say it is one
            if tail is not None or s.tags[a] == "B-PERS" or s.given(a):
                s.mark(a, b, "byline")
            continue
        by_word = n > 0 and s.w.stem(s.norms[segments[n - 1][1] - 1]) in s.w.cues.byline
        if places or by_word or s.given(a) or tail is not None:
            # the model's ORG reading of a writer's name (الرياض - أسمهان الغامدي) yields to the line
            s.mark(a, b, "byline", override=True)


_RULE_FUNCS = {
    "cue": _rule_cue,
    "speech": _rule_speech,
    "given": _rule_given,
    "nasab": _rule_nasab,
    "list": _rule_list,
    "byline": _rule_byline,
}


def apply_rules(
    model: NerModel,
    sentences: Sequence[Sequence[str]],
    tags: list[list[str]],
    rules: Sequence[str] = RULES,
) -> tuple[list[list[str]], dict[tuple[int, int], str]]:
    """The tags with the names the rules find added, and ``(sentence, first token) → rule`` for each
    PERSON chunk a rule made or confirmed."""
    words = model.rule_words()
    assert isinstance(words, _Words)
    ali = _writes_alef_maqsura([t for sent in sentences for t in sent])
    other = Counter(
        words.norm(t)
        for sent, tg in zip(sentences, tags, strict=True)
        for t, g in zip(sent, tg, strict=True)
        if g[2:] in ("ORG", "LOC")
    )
    out: list[list[str]] = []
    found: dict[tuple[int, int], str] = {}
    for k, (sent, tg) in enumerate(zip(sentences, tags, strict=True)):
        s = _Sentence(words, sent, list(tg), ali, other)
        for r in rules:
            _RULE_FUNCS[r](s)
        out.append(s.tags)
        found.update({(k, a): rule for a, rule in s.found.items()})
    return out, found


def rule_words(model: NerModel) -> _Words:
    """The per-word cache of the rules for ``model`` (see :meth:`khabar.extract.ner.NerModel.rule_words`)."""
    return _Words(model)
