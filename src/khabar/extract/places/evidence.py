"""What the words around a gazetteer match say: its evidence features (``_match_features``), an
explicit qualifier after it (``في محافظة إدلب``), and which of its homonyms it is (``_resolve``: by
population and feature class, then the qualifier, the document's other places by distance, the
countries it names, its dateline and the outlet's country).
"""

from __future__ import annotations

import math

from khabar.arabic.normalize import strip_diacritics
from khabar.extract.places.gazetteer import Gazetteer, Outlet, Place, _tier, load_gazetteer, words
from khabar.extract.places.match import (
    _COMPOUND_DIRS,
    _DIR_ADJECTIVES,
    _NEAR,
    _QUOTE_CHARS,
    _SENT_END,
    _VERB_PARTICLES,
    _cue_classes,
    _dateline,
    _Doc,
    _in_quotes,
    _Match,
    _next_word,
    _prev_word,
    _prior,
)


def _match_features(d: _Doc, gaz: Gazetteer, m: _Match, ner: list[tuple[int, int, str]]) -> dict[str, float]:
    """The evidence around a match (what it says for or against the name being this place)."""
    f: dict[str, float] = {}
    toks = d.toks
    prev = _prev_word(d, m.first)
    prev_cls = _cue_classes(d, gaz, prev) if prev is not None else frozenset()
    prev2 = _prev_word(d, prev) if prev is not None else None
    prev2_cls = _cue_classes(d, gaz, prev2) if prev2 is not None else frozenset()
    if prev is not None and toks[prev].text in _VERB_PARTICLES:
        f["verb"] = 1.0  # الذي حماه الله، لم يعد: a verb follows these
    if "clubcity" in gaz.cues.get(m.stem, frozenset()):
        f["clubcity"] = 1.0
    for c in ("admin", "dir", "prep", "motion", "people", "site", "inst", "org", "event", "water", "disease"):
        if c in prev_cls:
            f["cue_" + c] = 1.0
    if (
        prev is not None
        and "admin" in prev_cls
        and toks[prev].text.startswith("ال")
        and toks[prev].text != "العاصمه"
    ):
        # المدينة الجديدة "the new city": a definite head before a word is a noun and its adjective
        f["cue_admin_def"] = 1.0
    # في مدينة X، إلى شمال X: the word before the head counts for the head
    if "admin" in prev_cls and "prep" in prev2_cls:
        f["cue_admin"] = 1.0
    # وصلت السفينة إلى العقبة، غادر العقبة: a verb of going and its goal
    if "motion" in prev_cls or (prev is not None and "prep" in prev_cls and _motion_before(d, gaz, prev)):
        f["cue_motion"] = 1.0
    if (
        not m.prefix
        and m.stem.endswith("ا")
        and m.first > 0
        and toks[m.first - 1].text.isdigit()
        and d.gap(m.first - 1, m.first).strip(" ") == ""
    ):
        f["counted"] = 1.0  # 15 كوبا من الأرز "15 cups": the accusative noun a number counts (tamyiz)
    if "ب" in m.prefix:
        f["cue_clitic_b"] = 1.0
    if "ل" in m.prefix:
        f["cue_clitic_l"] = 1.0
    nxt = _next_word(d, m.last)
    # بولاية "جورجيا" الأميركية: a quoted name's adjective stands after the closing quote
    nxt_adj = (
        nxt
        if nxt is not None or not _in_quotes(d, m.first, m.last)
        else _next_word(d, m.last, through=_QUOTE_CHARS)
    )
    if nxt_adj is not None and nxt is None:
        nw = toks[nxt_adj].text
        cc = gaz.adjectives.get(nw)
        if cc and nw.endswith("ه"):
            if any(p.country == cc for p in m.candidates):
                f["adj_after"] = 1.0
            else:
                f["adj_other"] = 1.0
            m.country_qualifier = m.country_qualifier or cc
    if nxt is not None:
        ncls = _cue_classes(d, gaz, nxt)
        if "club" in ncls:
            f["club"] = 1.0
        if "nat" in ncls:
            f["nat_after"] = 1.0
        nw = toks[nxt].text
        cc = gaz.adjectives.get(nw)
        _, e_text = d.to_text(m.start, m.end)
        n_text, _ = d.to_text(toks[nxt].start, toks[nxt].end)
        if cc and d.text[e_text:n_text].strip():
            cc = None  # برلين ـ الفرنسية: a dash (a tatweel the view drops) between, a dateline's agency
        if cc:
            # سالزبورغ النمساوية: a feminine adjective after a town is the town's country;
            # الريان القطري: a masculine one after a town's name is the club's
            if nw.endswith("ه"):
                # سالزبورغ النمساوية: the town's country; السلطات التركية: not Settat, Morocco
                if any(p.country == cc for p in m.candidates):
                    f["adj_after"] = 1.0
                else:
                    f["adj_other"] = 1.0
                m.country_qualifier = m.country_qualifier or cc
            elif (
                nw.endswith("ي")
                and not any(p.fclass == "A" and p.country == cc for p in m.candidates)
                # مطار العقبة الأردني: after a head noun the adjective agrees with the head
                and not (prev_cls & {"inst", "site", "admin"})
            ):
                f["club_adj"] = 1.0  # الريان القطري، موناكو الفرنسي
    if prev is not None and "club" in prev_cls:
        f["club"] = 1.0
    if not m.prefix and _dateline(d, m.first, m.last):
        f["dateline"] = 1.0
    # NER readings of the span (in text offsets)
    s, e = d.to_text(m.start, m.end)
    for a, b, label in ner:
        if a < e and s < b:
            if label == "LOC":
                f["ner_loc"] = 1.0
                if a <= s and b > e and d.text[e:b].strip():
                    f["ner_head"] = 1.0  # the NER reads a longer name the match begins: ميدان القديس
            elif label == "PERSON":
                f["ner_person"] = 1.0
            elif label == "ORG" and (a < s or b > e):
                f["ner_org"] = 1.0
    info = gaz.words.get(m.key)
    if "\u064b" in d.text[s:e][-2:] or d.text[e : e + 1] == "\u064b":
        f["tanween"] = 1.0  # إسبانياً: the accusative tanween makes a nisba adjective or an adverb
    plain = strip_diacritics(d.text[s:e])
    # the word with its clitics, or with the outer ones only (وبنوك: بنوك "banks" is a word, not ب + نوك)
    whole = None
    if m.prefix:
        for r in d.readings(toks[m.first].text):
            info_r = gaz.words.get(r.stem) if r.cut < len(m.prefix) else None
            if info_r is not None and info_r.why == "clitic":
                whole = info_r
                break
    if whole is not None and whole.why == "clitic":
        f["wordlike"] = 1.0  # وجيزة "brief" is not و + جيزة (Giza), كسرت "broke" not ك + سرت
        f["clitic_word"] = 1.0
    if info is not None:
        if info.spellings and any(plain.endswith(sp) for sp in info.spellings):
            f["hamza_word"] = 1.0
        if info.why == "teh":
            if plain.endswith("ه"):
                f["wordlike"] = 1.0  # جده "his grandfather" is not جدة
                f["word_zipf"] = max(0.0, info.relative_zipf - 3.0)
        elif info.why not in ("hamza", "clitic"):
            f["wordlike"] = 1.0
            f["word_zipf"] = max(0.0, info.word_zipf - 3.0)
    if m.via_bare and "wordlike" not in f and d.view[m.start : m.end] in gaz.words:
        f["wordlike"] = 1.0  # العمران "urbanism", found as ال + عمران (Amran)
    # fixed phrases (مسقط رأسه، في خبر كان، الرباط الصليبي، جوز الهند)
    if (nxt is not None and f"{m.stem} {toks[nxt].text}" in gaz.phrases) or (
        prev is not None and any(f"{r.stem} {m.stem}" in gaz.phrases for r in d.readings(toks[prev].text))
    ):
        f["phrase"] = 1.0
    # ظهران الجنوب is another town than الظهران: a bare direction after a town's name makes a new name
    if (
        nxt is not None
        and toks[nxt].text in _COMPOUND_DIRS
        and not any(p.fclass == "A" for p in m.candidates)
    ):
        f["compound"] = 1.0
    # حماة الأمن "the protectors of security", رباط الاتفاق: a name followed by a definite masculine
    # noun is a noun in a genitive construction (a town takes feminine adjectives: حلب الشرقية)
    if nxt is not None:
        nw = toks[nxt].text
        if (
            nw.startswith("ال")
            and len(nw) > 3
            and not nw.endswith(("ه", "يه"))
            and nw not in gaz.adjectives
            and nw not in gaz.first_words
            and not _cue_classes(d, gaz, nxt)
        ):
            f["construct"] = 1.0
            # في الرباط الصليبي "in the cruciate ligament": after a preposition (no head noun it could
            # agree with instead: مطار دبي الدولي), a masculine nisba adjective makes the name a noun
            if (
                nw.endswith("ي")
                and len(nw) > 4
                and nw not in _DIR_ADJECTIVES
                and m.stem.startswith("ال")
                and (any(c in m.prefix for c in "بلك") or (prev is not None and "prep" in prev_cls))
            ):
                f["masc_adj"] = 1.0
    if m.end - m.start and " " in m.key:
        f["multiword"] = 1.0
    return f


def _motion_before(d: _Doc, gaz: Gazetteer, ti: int) -> bool:
    """Whether a verb of going stands within three words before token ``ti`` (وصلت السفينة إلى)."""
    k = ti
    for _ in range(3):
        p = _prev_word(d, k)
        if p is None:
            return False
        if "motion" in _cue_classes(d, gaz, p):
            return True
        k = p
    return False


def _qualifier(d: _Doc, gaz: Gazetteer, m: _Match, by_first: dict[int, _Match]) -> None:
    """An explicit "in X province/state/country" right after a name (أريحا في محافظة إدلب، باريس
    بولاية تكساس، طرابلس شمال لبنان، مدينة قليبية، شمال شرقي تونس): the country and division it puts the
    name in. A province or direction word, a state's name, or a comma before a country lead to it;
    "في" alone only for a small town (طهران في العراق is Tehran's policy there, not a Tehran in Iraq);
    "X إلى Y" puts X nowhere."""
    ti = m.last
    linked = False  # a province or direction word has been read
    said_in = False  # "في" or بـ has been read
    small = all(_tier(p) <= 1 for p in m.candidates)
    for _ in range(3):
        nxt = _next_word(d, ti, through="،,")
        if nxt is None:
            return
        comma = d.gap(ti, nxt).strip(" ") != ""
        word = d.toks[nxt].text
        stems = [r.stem for r in d.readings(word) if r.prefix in ("", "ب")]
        admin = next((st for st in stems if st in gaz.admin1), None)
        if admin is not None and (linked or said_in or comma or word.startswith("ب")):
            m.admin_qualifier = gaz.admin1[admin]
            m.country_qualifier = m.admin_qualifier.split(".")[0]
            return
        q = by_first.get(nxt)
        if q is not None:
            if q.key in gaz.words:
                return  # a word-like name (اطار) qualifies nothing
            country = any(p.fclass == "A" for p in q.candidates)
            if linked or (comma and country) or ((said_in or q.prefix == "ب") and small):
                cc = {p.country for p in q.candidates}
                if len(cc) == 1:
                    m.country_qualifier = next(iter(cc))
                    divisions = {p.admin1 for p in q.candidates if p.fclass in ("P", "R")}
                    if len(divisions) == 1 and all(p.fclass != "A" for p in q.candidates):
                        m.admin_qualifier = next(iter(divisions))
            return
        cls = next((gaz.cues[st] for st in stems if st in gaz.cues), frozenset())
        if word == "في":
            said_in = True
        elif cls & {"admin", "dir"}:
            linked = True
        else:
            return
        ti = nxt


def _km(a: Place, b: Place) -> float:
    p = math.pi / 180
    h = (
        math.sin((b.lat - a.lat) * p / 2) ** 2
        + math.cos(a.lat * p) * math.cos(b.lat * p) * math.sin((b.lon - a.lon) * p / 2) ** 2
    )
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def _likely(m: _Match) -> bool:
    """Whether a match has some evidence of its own before the homonyms are resolved: a context word,
    the NER reading, a dateline, or a place that is not small."""
    f = m.features
    return bool(
        f.get("ner_loc")
        or f.get("dateline")
        or any(f.get(k) for k in ("cue_admin", "cue_dir", "cue_prep", "cue_clitic_b", "cue_motion"))
        or any(_tier(p) >= 1 for p in m.candidates)
    )


_SHADDA = "\u0651"
#: head nouns of first-level divisions (singular, dual, plural): after one, a name several places share is
#: the division. Saudi Arabia's are مناطق (its محافظات are towns: محافظة صامطة); elsewhere محافظة, ولاية,
#: إقليم (منطقة درعا in Syrian news is "the Daraa area", not a province)
_DIVISION_HEADS: dict[str, frozenset[str]] = {
    "SA": words("division_heads.SA"),
    "": words("division_heads.other"),
}
#: the singular heads, which a province's name is written with (منطقة الجوف, not محافظتي عدن ولحج)
_DIVISION_NAME_HEADS = words("division_name_heads")


def _heads_of(country: str) -> frozenset[str]:
    return _DIVISION_HEADS.get(country, _DIVISION_HEADS[""])


def _division_head(d: _Doc, m: _Match) -> str | None:
    """The division head noun right before the match (منطقة الجوف، بمحافظة حلب) or beginning it
    (محافظة صنعاء is a key of its own), read without its proclitics; None when there is none."""
    first = m.key.split(" ", 1)[0]
    if " " in m.key and any(first in h for h in _DIVISION_HEADS.values()):
        return first
    prev = _prev_word(d, m.first)
    if prev is None:
        return None
    return next(
        (r.stem for r in d.readings(d.toks[prev].text) if any(r.stem in h for h in _DIVISION_HEADS.values())),
        None,
    )


def _head_start(d: _Doc, m: _Match, p: Place) -> int | None:
    """The view offset of a singular head of ``p``'s divisions right before the match, after its
    proclitics (بمنطقة الجوف → منطقة), or None."""
    if m.prefix:
        return None  # وجازان: a list's member, not a head's
    prev = _prev_word(d, m.first)
    if prev is None:
        return None
    heads = _heads_of(p.country) & _DIVISION_NAME_HEADS
    r = next((r for r in d.readings(d.toks[prev].text) if r.stem in heads), None)
    return None if r is None else d.toks[prev].start + r.cut


def _marked(d: _Doc, m: _Match) -> str:
    """The match's text if it carries a shadda (عمّان is Amman, عُمان Oman), else ''."""
    s, e = d.to_text(m.start, m.end)
    return d.text[s:e] if _SHADDA in d.text[s:e] else ""


def _marks_agree(surface: str, name: str) -> bool:
    """Whether a place's own Arabic spelling doubles the letter the text doubles."""
    if _SHADDA not in name:
        return False
    bare = [i for i, c in enumerate(surface) if c == _SHADDA]
    letters = strip_diacritics(surface[: bare[0]])
    return strip_diacritics(name[: name.index(_SHADDA)]).endswith(letters[-1:]) if letters else False


def _resolve(d: _Doc, matches: list[_Match], adjs: list[tuple[int, int, str]], outlet: Outlet | None) -> None:
    """Choose each match's place among its homonyms (sets ``m.place``)."""
    mentions: list[tuple[int, str]] = [(d.toks[a].start, cc) for a, _, cc in adjs if cc != "-"]
    anchors: list[tuple[int, Place, str]] = []
    for m in matches:
        # only names that stand as places speak for the others (not البرج "the tower", Al Burj EG)
        if m.veto or m.features.get("wordlike") or not _likely(m):
            continue
        ccs = {p.country for p in m.candidates}
        country = next((p.country for p in m.candidates if p.fclass == "A"), None)
        if country is None and len(ccs) == 1:
            country = next(iter(ccs))
        if country:
            mentions.append((m.start, country))
        # (a town named like its province, عدن and محافظة عدن, is still one town)
        towns = [p for p in m.candidates if not p.region]
        if len(towns) == 1 and towns[0].fclass == "P":
            anchors.append((m.start, towns[0], m.key))

    def sentence_near(a: int, b: int) -> bool:
        lo, hi = min(a, b), max(a, b)
        return hi - lo <= _NEAR and not any(c in _SENT_END for c in d.view[lo:hi])

    for m in matches:
        if m.veto:
            continue
        if len(m.candidates) == 1:
            m.place = m.candidates[0]
            continue
        default = max(m.candidates, key=_prior)

        def specific(p: Place, m: _Match = m, *, close: bool = False) -> float:
            """Evidence for ``p`` itself: a qualifier, and places named nearby (``close``: only
            those within 50 km, what a small town needs to displace a known namesake)."""
            s = 0.0
            if m.country_qualifier and p.country == m.country_qualifier:
                s += 3.0
                if m.admin_qualifier and p.admin1 == m.admin_qualifier:
                    s += 1.0
            near = 0.0
            for pos, q, key in anchors:
                # (the same name elsewhere says nothing about which of its places this one is)
                if pos == m.start or q.geonameid == p.geonameid or key == m.key:
                    continue
                if p.region and q.lat == p.lat and q.lon == p.lon:
                    continue  # a province's seat (مكة المكرمة) speaks for the town, not the province
                km = _km(p, q)
                if close:
                    near += 1.5 if km < 50 else 0.0
                else:
                    near += 1.5 if km < 50 else 1.0 if km < 200 else 0.5 if km < 500 else 0.0
            return s + min(near, 3.0)

        division = _division_head(d, m)

        def score(p: Place, m: _Match = m, division: str | None = division) -> float:
            s = _prior(p) + specific(p)
            if division and p.region and division in _heads_of(p.country):
                s += 2.0  # منطقة الرياض، محافظة حلب: the province, not its seat
            named = 0.0
            for pos, cc in mentions:
                if cc == p.country and pos != m.start:
                    named += 1.0 if sentence_near(pos, m.start) else 0.5
            # a known place may win on its country's name (عمان is Amman where the text is about
            # Jordan); a small town may not (see the guard below)
            # (a province no more than its seat: the country's name does not tell them apart)
            s += min(named, 2.0 if _tier(p) >= 2 and not p.region else 1.0)
            if outlet is not None and outlet.country == p.country:
                s += 0.4
            if m.features.get("dateline") and p.fclass == "P":
                s += 1.2  # a dateline names a town (عمان : واس is Amman)
            return s

        marked = _marked(d, m)
        spelled = load_gazetteer().spellings.get(m.key, {})
        best = max(
            m.candidates,
            key=lambda p: (
                score(p) + (3.0 if marked and _marks_agree(marked, spelled.get(p.geonameid, "")) else 0.0)
            ),
        )
        # a small town does not displace a known namesake on the country's name alone
        if (
            best is not default
            and _tier(best) < _tier(default)
            and _tier(best) < 2
            and specific(best, close=True) <= specific(default, close=True) + 0.5
        ):
            best = default
        m.place = best
        ranked = sorted((score(p) for p in m.candidates), reverse=True)
        m.features["homonym_margin"] = min(3.0, ranked[0] - ranked[1]) if len(ranked) > 1 else 3.0
