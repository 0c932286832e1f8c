"""Whether a resolved match is a place (``_decide``: the evidence test and the vetoes — a nationality,
a team, a colour adjective, a state's name, a list of words), the bare "المملكة" of a kingdom's paper
(``_kingdom``), and the named sites, districts and regions outside the gazetteer (``_site_spans``,
``_region_spans``).
"""

from __future__ import annotations

import itertools
import re

from khabar.arabic.clitics import clitic_reading, in_vocab
from khabar.extract.places.evidence import _km, _likely, _match_features
from khabar.extract.places.gazetteer import (
    _BIG,
    _KINGDOMS,
    _SPORT_MIN_FORMS,
    ARAB_LEAGUE,
    STOPLIST_STRONG,
    Gazetteer,
    Outlet,
    _tier,
)
from khabar.extract.places.match import (
    _DATE_WORDS,
    _FAR,
    _LIST_SEPS,
    _NAME_PARTICLES,
    _NAME_TITLES,
    _QUOTE_CHARS,
    _REGION_HEADS,
    _SITE_INST_HEADS,
    _cue_classes,
    _Doc,
    _Match,
    _next_word,
    _prev_word,
)


def _listed_with_place(d: _Doc, m: _Match, matches: list[_Match]) -> bool:
    """Whether ``m`` stands in a list with another place name: joined to it by و or a comma
    (الدمام والخبر، الخبر والظهران، الدمام، الخبر)."""
    toks = d.toks
    others = [x for x in matches if x is not m and x.place is not None and x.key not in STOPLIST_STRONG]
    ends = {x.last for x in others}
    starts = {x.first: x.prefix for x in others}
    a, b = m.first, m.last
    if m.prefix == "و" and a - 1 in ends:
        return True
    if a > 1 and toks[a - 1].text in ("،", ",") and a - 2 in ends:
        return True
    if starts.get(b + 1) == "و":
        return True
    return b + 2 < len(toks) and toks[b + 1].text in ("،", ",") and b + 2 in starts


def _decide(
    d: _Doc, gaz: Gazetteer, matches: list[_Match], adjs: list[tuple[int, int, str]], outlet: Outlet | None
) -> None:
    """Veto the matches that are not places here, from their evidence (sets ``m.veto``)."""
    sport = _sport_page(d, gaz)

    def mentioned_elsewhere(m: _Match) -> set[str]:
        """The countries the text names apart from ``m`` (by a place's name or an adjective)."""
        out = {cc for _, _, cc in adjs}
        for x in matches:
            if (
                x is not m
                and x.veto is None
                and x.place is not None
                and x.key != m.key
                and (x.place.fclass == "A" or not x.features.get("wordlike"))
            ):
                out.add(x.place.country)
        return out

    for m in matches:
        f = m.features
        p = m.place
        if p is None:
            continue
        if f.get("phrase"):
            m.veto = "phrase"
        elif m.key in STOPLIST_STRONG and not (
            f.get("dateline") or f.get("cue_admin") or _listed_with_place(d, m, matches)
        ):
            m.veto = "a word"  # صحة الخبر "the news being true"; الخبر: وائل مهدي is Khobar
        elif m.key in _DATE_WORDS or m.stem in _DATE_WORDS:
            m.veto = "a day or a month"  # الخميس (Khemis Miliana), نيسان (Nisan)
        elif f.get("hamza_word"):
            m.veto = "a word spelt with hamza"
        elif f.get("nat_after") or (m.adjective and p.fclass == "A" and _adjective_reading(d, gaz, m)):
            m.veto = "nationality"
        elif f.get("club") or f.get("club_adj"):
            m.veto = "club"
        elif f.get("compound"):
            m.veto = "part of another name"
        elif f.get("verb"):
            m.veto = "verb"
        elif f.get("clubcity") and _after_team_noun(d, gaz, m):
            m.veto = "club"  # مدرب برشلونة، لاعب وسط ميلان: the club wherever the page is
        elif p.fclass != "R" and _state_name(d, gaz, m):
            # ولايتي أوريجون وواشنطن: Washington state, not the capital (a state the gazetteer holds as
            # a region, ولاية كاليفورنيا, is that region)
            m.veto = "a state"
        elif _colour_adjective(d, gaz, m):
            m.veto = "an adjective"  # بإحراق رايتها الزرقاء "its blue flag", not Zarqa
        elif (
            f.get("clubcity")
            and sport
            and not (f.get("cue_admin") or f.get("dateline") or f.get("adj_after") or m.country_qualifier)
        ):
            m.veto = "club"  # لاعب وسط ميلان، انتقل إلى برشلونة on a sports page
        elif f.get("wordlike") and f.get("construct"):
            m.veto = "a noun before its genitive"  # في ميادين القتال
        elif f.get("cue_org"):
            m.veto = "organisation"  # نادي الريان، بنك فرنسا المركزي، بورصة نيويورك
        elif f.get("cue_event"):
            m.veto = "event"  # بطولة ويمبلدون، بطولة فرنسا المفتوحة: the event's name
        elif f.get("cue_disease"):
            m.veto = "disease"  # فيروس كورونا، فيروس غرب النيل: the disease's name
        elif f.get("cue_inst") and _tier(p) == 0 and p.country not in ARAB_LEAGUE:
            m.veto = "institution"  # جامعة جورجتاون: the university, not a small town named so
        elif sport and p.fclass in ("A", "R") and _team(d, gaz, m):
            # on a sports page: منتخب مصر، تغلبت على مصر; a division that fields a team of its own
            # (مباراة انجلترا ضد سلوفينيا، منتخب اسكتلندا) too
            m.veto = "team"
        elif f.get("cue_water"):
            m.veto = "a sea or a gulf"  # خليج المكسيك، خليج عدن
        elif f.get("tanween"):
            m.veto = "an adjective"  # كان فناناً إسبانياً
        elif f.get("masc_adj") and p.fclass == "P":
            m.veto = "a noun with its adjective"  # تمدد في الرباط الجانبي
        elif f.get("counted") and p.fclass != "R":
            m.veto = "a counted noun"  # 15 كوبا من الماء
        elif f.get("cue_site") and p.fclass != "A":
            m.veto = "part of a city"  # حي العزيزية، قناة السويس، شارع بغداد
        elif f.get("ner_person") and not (f.get("cue_admin") or f.get("cue_dir") or f.get("cue_prep")):
            m.veto = "person"
        elif (
            m.country_qualifier and m.country_qualifier != p.country and (_tier(p) <= 1 or f.get("adj_other"))
        ):
            m.veto = "elsewhere"  # أريحا في محافظة إدلب is not Jericho, السلطات التركية not Settat
    # a list of teams: فرنسا وإسبانيا وكندا after بالفوز على كل من
    for a, b in itertools.pairwise(matches):
        if (
            a.veto == "team"
            and b.veto is None
            and b.place is not None
            and b.place.fclass == "A"
            and (b.prefix.startswith("و") or d.gap(a.last, b.first).strip(" ") in _LIST_SEPS)
            and d.word_pos.get(b.first, -9) - d.word_pos.get(a.last, -9) == 1
        ):
            b.veto = "team"
    # a town of a country the text never names, far from every other place it names, is a namesake of
    # a place GeoNames lacks (بلدة دارين by Tarout is not Darien, Illinois; القنيطرة in a Syrian report
    # is not Kenitra, Morocco) unless the text says where it is
    placed = [
        m
        for m in matches
        if m.veto is None and m.place is not None and not m.features.get("wordlike") and _likely(m)
    ]
    for m in [x for x in matches if x.veto is None and x.place is not None]:
        p = m.place
        assert p is not None
        f = m.features
        if p.fclass in ("A", "R") or p.fcode == "PPLC" or p.population >= _BIG:
            continue
        if p.country not in ARAB_LEAGUE and _tier(p) >= 1:
            continue  # a known foreign city (سان فرانسيسكو) is named without its country
        if f.get("dateline") or f.get("adj_after") or m.country_qualifier:
            continue
        if p.country == (outlet.country if outlet else None) or p.country in mentioned_elsewhere(m):
            continue
        others = [x.place for x in placed if x.key != m.key and x.place is not None and x.place.fclass != "A"]
        if others and all(q.country != p.country and _km(p, q) > _FAR for q in others):
            m.veto = "elsewhere"
    # evidence. The NER model is trained with GeoNames names among its features, so its place reading
    # of a name that is also a word (بيانه، البسيط) is no independent evidence: such a name needs a
    # context word of its own, or its country named elsewhere in the text
    context_keys = ("cue_admin", "cue_dir", "dateline", "adj_after", "kingdom")
    medium_keys = ("cue_prep", "cue_clitic_b", "cue_motion", "cue_inst", "cue_people")
    supported: set[str] = set()
    for m in matches:
        if m.veto or m.place is None:
            continue
        f = m.features
        p = m.place
        if p.fclass != "A" and (
            p.country in mentioned_elsewhere(m) or (outlet and outlet.country == p.country)
        ):
            f["ctx_country"] = 1.0  # the text (or its outlet) is about the town's country
        context = any(f.get(k) for k in context_keys) or (
            m.country_qualifier is not None and m.country_qualifier == p.country
        )
        if (
            f.get("wordlike")
            and f.get("cue_admin_def")
            and not any(f.get(k) for k in context_keys if k != "cue_admin")
        ):
            context = False
        medium = any(f.get(k) for k in medium_keys)
        if f.get("wordlike"):
            named = p.country in mentioned_elsewhere(m)
            # a verb of going names its goal: وصلت السفينة إلى العقبة (for an Arab town; a foreign
            # town named like a word is not news's usual goal: نزل إلى الميدان)
            context = context or bool(f.get("cue_motion") and p.country in ARAB_LEAGUE)
            if f.get("ner_head"):
                m.veto = "head of a longer name"  # ميدان القديس بطرس
                continue
            # a preposition before a word-like name is no evidence on its own (في الميدان، من الخبراء):
            # with its country named, it needs the NER reading too, unless the word is a rarer one
            ok = context or (
                medium
                and named
                and not m.via_bare  # الديدان: the article added to find ديدان makes the word itself
                and (bool(f.get("ner_loc")) or f.get("word_zipf", 0.0) < 1.0)
            )
        else:
            # the NER model reads GeoNames names as places by its features: alone, its reading is
            # evidence for an Arab town or a known place, not for a small foreign town (ريدموند)
            ner_ok = bool(f.get("ner_loc")) and (p.country in ARAB_LEAGUE or _tier(p) >= 1)
            ok = context or medium or ner_ok or _tier(p) >= 2
        if ok:
            supported.add(m.key)
            f["evidence"] = 1.0
    # lists (جدة ومكة والطائف) and other mentions of a supported name lend it support
    for m in matches:
        if m.veto or m.place is None or m.features.get("evidence"):
            continue
        if m.key in supported and not m.features.get("wordlike"):
            m.features["other_mention"] = 1.0
            continue
        # in a list of places a word-like name is a place too if the NER model reads one (عدن ولحج)
        if _in_list(d, m, matches) and (not m.features.get("wordlike") or m.features.get("ner_loc")):
            m.features["list"] = 1.0
            continue
        m.veto = "no evidence"


def _after_team_noun(d: _Doc, gaz: Gazetteer, m: _Match) -> bool:
    """Whether a team noun (مدرب، لاعب، نادي …) stands right before the name."""
    prev = _prev_word(d, m.first)
    if prev is not None and d.toks[prev].text in ("وسط", "خط", "دفاع", "هجوم", "مرمي"):
        prev = _prev_word(d, prev)  # لاعب وسط ميلان "a Milan midfielder"
    return prev is not None and "team" in _cue_classes(d, gaz, prev)


def _state_name(d: _Doc, gaz: Gazetteer, m: _Match) -> bool:
    """Whether the name follows "state" and names a state (ولاية واشنطن، ولايتي أوريجون وواشنطن)."""
    if m.key not in gaz.admin1 and "ولايه " + m.key not in gaz.admin1:
        return False
    k = m.first
    for _ in range(3):  # ولايتي أوريجون وواشنطن: the head may govern a pair
        prev = _prev_word(d, k, through=_QUOTE_CHARS)  # بولاية "جورجيا"
        if prev is None:
            return False
        if any(r.stem in ("ولايه", "ولايتي", "ولايات", "ولايتا") for r in d.readings(d.toks[prev].text)):
            return True
        k = prev
    return False


_COLOUR = re.compile(r"^ال[\u0621-\u064a]{3}اء$")


def _colour_adjective(d: _Doc, gaz: Gazetteer, m: _Match) -> bool:
    """Whether a name of the pattern of a feminine colour adjective (الزرقاء، الحمراء، الخضراء) is one
    here: right after a definite noun (رايتها الزرقاء، المياه الزرقاء)."""
    if m.prefix or not _COLOUR.match(m.stem):
        return False
    prev = _prev_word(d, m.first)
    if prev is None:
        return False
    word = d.toks[prev].text
    if _cue_classes(d, gaz, prev):
        return False  # مدينة الزرقاء، في الزرقاء
    return word.startswith("ال") or (word.endswith(("ها", "هم", "ه")) and len(word) > 4)


def _team(d: _Doc, gaz: Gazetteer, m: _Match) -> bool:
    """Whether a country's name stands for its team: after a team noun (منتخب مصر، لاعبو مصر), right
    after a verb of a game (خسرت مصر النهائي), or after على/أمام that follow one (تغلبت في النهائي على
    مصر)."""
    prev = _prev_word(d, m.first)
    if prev is None:
        return False
    cls = _cue_classes(d, gaz, prev)
    if cls & {"team", "match"}:
        return True
    if d.toks[prev].text == "من":  # بالفوز على كل من فرنسا
        q = _prev_word(d, prev)
        if q is not None and d.toks[q].text == "كل":
            prev = _prev_word(d, q) or prev
    if d.toks[prev].text not in ("علي", "امام"):
        return False
    k = prev
    for _ in range(6):
        q = _prev_word(d, k)
        if q is None:
            return False
        if "match" in _cue_classes(d, gaz, q):
            return True
        k = q
    return False


def _sport_page(d: _Doc, gaz: Gazetteer) -> bool:
    """Whether the text is a sports page: four distinct words of the sports vocabulary or more."""
    seen = set(d.flags[5])  # each word's sports word, read once per word for all the passes
    seen.discard(None)
    return len(seen) >= _SPORT_MIN_FORMS


def _in_list(d: _Doc, m: _Match, matches: list[_Match]) -> bool:
    """Whether ``m`` is coordinated with a supported place (عسير والباحة وجازان، المسيجيد، الفريش، ينبع)."""
    ev = {x.first: x for x in matches if x.features.get("evidence") and not x.veto}
    ev_last = {x.last: x for x in matches if x.features.get("evidence") and not x.veto}
    # the supported place before: "X، m" or "X وm"
    p = d.word_pos.get(m.first)
    if p:
        prev_ti = d.words[p - 1]
        if prev_ti in ev_last and (
            m.prefix.startswith("و") or d.gap(prev_ti, m.first).strip(" ") in _LIST_SEPS
        ):
            return True
    n = d.word_pos.get(m.last)
    if n is not None and n + 1 < len(d.words):
        nxt = d.words[n + 1]
        x = ev.get(nxt)
        if x is not None and (x.prefix.startswith("و") or d.gap(m.last, nxt).strip(" ") in _LIST_SEPS):
            return True
    return False


def _adjective_reading(d: _Doc, gaz: Gazetteer, m: _Match) -> bool:
    """Whether a country name that is also its adjective (السعودية) is the adjective here: right after
    a definite word, with nothing between (الجماهير السعودية، الكرة السعودية، أسواق المال السعودية)."""
    if m.prefix:
        return False  # بالسعودية، والسعودية, للسعودية: a clitic before it makes it a name
    prev = _prev_word(d, m.first)
    if prev is None:
        return False
    word = d.toks[prev].text
    if _cue_classes(d, gaz, prev) & {"prep", "dir", "motion"}:
        return False
    # العاصمة السعودية "the Saudi capital", المدن السعودية: after a definite head it agrees with it
    return any(r.stem.startswith("ال") for r in d.readings(word)) or word in gaz.adjectives


def _kingdom(
    d: _Doc, gaz: Gazetteer, matches: list[_Match], adjs: list[tuple[int, int, str]], outlet: Outlet | None
) -> list[_Match]:
    """A bare "المملكة" is the kingdom the outlet belongs to (Saudi, Jordanian, Moroccan and Bahraini
    papers call their country so), or else the one kingdom the text names."""
    if "مملكه" not in d.view:
        # a reading's stem is a tail of its word, or ا + a tail after لل: no word can read المملكه
        return []
    cc = outlet.country if outlet is not None and outlet.country in _KINGDOMS else None
    if cc is None:
        named = {p.country for m in matches if not m.veto and (p := m.place) is not None} | {
            c for _, _, c in adjs
        }
        kingdoms = named & _KINGDOMS
        if len(kingdoms) != 1:
            return []
        (cc,) = kingdoms
    place = gaz.countries.get(cc)
    if place is None:
        return []
    taken = {k for m in matches for k in range(m.first, m.last + 1)}
    out: list[_Match] = []
    for ti in d.words:
        if ti in taken:
            continue
        for r in d.readings(d.toks[ti].text):
            if r.stem == "المملكه":
                nxt = _next_word(d, ti)
                if nxt is not None and (
                    d.toks[nxt].text in gaz.adjectives or d.toks[nxt].text in ("المتحده", "العربيه")
                ):
                    break  # المملكة المتحدة، المملكة الأردنية: a name, not the bare title
                t = d.toks[ti]
                m = _Match(t.start + r.text_cut, t.end, (place,), ti, ti, r.stem, r.prefix, r.stem)
                m.place = place
                m.features = {"kingdom": 1.0, "evidence": 1.0}
                out.append(m)
                break
    return out


def _kingdom_veto(d: _Doc, gaz: Gazetteer, m: _Match, ner: list[tuple[int, int, str]]) -> str | None:
    """What makes a bare المملكة something else: an organisation's or a building's name (شركة المملكة
    القابضة، برج المملكة), an event's, a phrase."""
    f = _match_features(d, gaz, m, ner)
    for key, why in (
        ("cue_org", "organisation"),
        ("cue_site", "part of a city"),
        ("cue_event", "event"),
        ("phrase", "phrase"),
    ):
        if f.get(key):
            return why
    return None


def _site_spans(d: _Doc, gaz: Gazetteer, matches: list[_Match]) -> list[tuple[int, int, str]]:
    """Named sites, districts and provinces outside the gazetteer: a head noun and the name after it
    (حي النسيم، منطقة الباحة، محافظة ظفار، مطار الملك خالد، ملعب الأمير عبدالله الفيصل) as (view start,
    view end, kind). The name's first word is a place the gazetteer knows, a title and the name after
    it, or a word too rare to be a common noun (``places_common_ar.txt.gz``) and not an adjective:
    سوق العمل، عن طريق تعبئة الاستمارة، منطقة ترفيهية are no places."""
    out: list[tuple[int, int, str]] = []
    words, toks = d.words, d.toks
    place_at = {m.first: m for m in matches if m.veto is None}
    common = gaz.common
    heads = d.flags[3]
    for wi in itertools.compress(range(len(words)), map((-1).__ne__, heads)):
        ti = words[wi]
        # the head as read without its proclitics (بحي النسيم، وبمحافظة بيش)
        reading = d.readings(toks[ti].text)[heads[wi]]
        head = reading.stem
        cls = gaz.cues[head]
        if "site" in cls or head in _SITE_INST_HEADS:
            kind = "site"
        elif head in _REGION_HEADS:
            kind = "region"
        else:
            continue
        prev = _prev_word(d, ti)
        if prev is not None and toks[prev].text == "عن" and head == "طريق":
            continue  # عن طريق "by way of"
        k = wi + 1
        last: int | None = None
        want_name = False  # a title or بن/أبو was read: a given name follows, common or not
        while k < len(words) and k - wi <= 6:
            nt = words[k]
            if d.gap(words[k - 1], nt).strip(" "):
                break
            w = toks[nt].text
            first = k == wi + 1
            if nt in place_at:
                if (first and head in ("مدينه", "حي")) or place_at[nt].prefix:
                    break  # مدينة عدن is Aden, tagged as the place; بمكة is where, not the name
                last = place_at[nt].last
                k = d.word_pos[last] + 1
                want_name = False
                continue
            if w in _NAME_PARTICLES or w in _NAME_TITLES:
                last, want_name = nt, True
            elif want_name and w[0].isalpha() and not gaz.cues.get(w):
                last, want_name = nt, False
            elif in_vocab(w, common, "وفبلك") is not None or gaz.cues.get(w):
                break
            elif (
                first
                and len(w) >= 3
                and clitic_reading(w) is None
                and not (not w.startswith("ال") and w.endswith(("يه", "ي")))
            ):
                last = nt  # حي النسيم، محافظة بيش (not منطقة ترفيهية: an adjective)
            elif not first and w.startswith("ال") and len(w) > 3:
                last = nt
            else:
                break
            k += 1
        if last is not None and not want_name:
            out.append((toks[ti].start + reading.cut, toks[last].end, kind))
    return out


def _region_spans(d: _Doc, gaz: Gazetteer, taken: set[int]) -> list[tuple[int, int, str]]:
    """Named regions and waters outside GeoNames (``regions_ar.tsv``: الشرق الأوسط، البحر الأحمر)."""
    out: list[tuple[int, int, str]] = []
    words, toks = d.words, d.toks
    for wi in itertools.compress(range(len(words)), d.flags[4]):
        ti = words[wi]
        if ti in taken:
            continue
        for r in d.readings(toks[ti].text):
            for parts, kind in gaz.regions.get(r.stem, ()):
                span = words[wi : wi + len(parts)]
                if len(span) != len(parts) or [toks[k].text for k in span[1:]] != parts[1:]:
                    continue
                if any(k in taken for k in span) or any(
                    d.gap(span[k], span[k + 1]).strip(" ") for k in range(len(span) - 1)
                ):
                    continue
                prev = _prev_word(d, ti)
                if prev is not None and "disease" in _cue_classes(d, gaz, prev):
                    continue  # متلازمة الشرق الأوسط التنفسية: the disease's name (MERS)
                out.append((toks[ti].start + r.text_cut, toks[span[-1]].end, kind))
                break
            else:
                continue
            break
    return out
