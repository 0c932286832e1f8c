#!/usr/bin/env python3
"""Build ``src/khabar/data/places_ambiguous_ar.tsv``: gazetteer names that are also Arabic words.

A place's name is often an everyday word or an inflected form of one: سلمية (As Salamiyah, Syria) is
the feminine of سلمي "peaceful", الحراك (Al Hirak) is "the movement", ميدان (Medan) is "square",
الرمادي (Ramadi) is "grey", بيانه (Baena) is بيان + ه "its statement", الهاربين (Harbin) is "the
fugitives", البني (Albany) is "the brown", القارة (Qarah, written قارة in GeoNames) is "the continent".
khabar's place matcher accepts such a name only with evidence in the text (a locative word, the NER
model's place reading, a dateline …): see :mod:`khabar.extract.places`.

The rule is generic and runs over **every** one-word gazetteer name, at any population:

* the name's *relatives* are the forms a reader sees as the same word: with the article added or
  removed (not added for a prominent Arab place: GeoNames writes خرطوم, Arabic الخرطوم), without a
  feminine ending (ة), an accusative alef (آبارا → آبار), a pronoun suffix (ـه، ـها، ـهم …: بيانه →
  بيان), a sound plural or dual ending (ـين، ـون، ـات: الهاربين → الهارب), or a nisba ending (ـي، ـية:
  البشري → البشر), and without a proclitic (و، ف، ب، ل، ك) when what remains is not itself a place name;
* the name is a word when a relative has a Zipf frequency of at least :data:`MIN_ZIPF` (once in about
  300,000 words) in ``wordfreq``'s Arabic list — for a *prominent* place (a capital, a city of a
  million people, or an Arab town of 50,000) only if the relative is nearly as frequent as the name
  itself (:data:`DOMINANCE`); or when the name itself is that frequent and none of its places is
  prominent: a prominent place's own name is frequent because the place is (باريس، دمشق), a small
  town's name because it is a word or a first name (تويوتا، جاسم). Countries' names are the
  countries';
* a foreign town's name is a word when it is far more frequent in Arabic than the town's English name
  is in English (:data:`FOREIGN_MARGIN`: أمسك "he held" is not Omsk);
* ``spellings`` lists the hamza spellings of the name that wordfreq knows as words but no gazetteer
  spelling uses (فأس "axe" for فاس Fes): the normalised view folds them together, the matcher does not.

No name is listed by hand. Data: the shipped gazetteer (GeoNames, CC BY 4.0) and wordfreq's Arabic
frequencies (wordfreq data, CC BY-SA 4.0; ``pip install -e '.[train]'``). Each row gives the relative
and its frequency, so that every entry carries its reason.

Usage: ``.venv/bin/python scripts/build_place_ambiguity.py [--out PATH]``
"""

from __future__ import annotations

import argparse
import gzip
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khabar import data  # noqa: E402
from khabar.arabic.clitics import readings  # noqa: E402
from khabar.arabic.normalize import strip_diacritics  # noqa: E402
from khabar.extract.places import ARAB_LEAGUE, Place, _fold, load_gazetteer, prominent  # noqa: E402

OUT = REPO / "src" / "khabar" / "data" / "places_ambiguous_ar.tsv"
#: the common words that do not begin a site's name (سوق العمل، طريق تعبئة): see write_common
COMMON_OUT = REPO / "src" / "khabar" / "data" / "places_common_ar.txt.gz"
#: Zipf frequency from which a word is too common to be a street's, a district's or a site's name
#: (العمل 5.9, الجامعة 5.2, القرية 4.8 against النسيم 3.6, الملز 3.2, العزيزية 3.3)
COMMON_ZIPF = 4.0
#: Zipf frequency (log10 of occurrences per billion words) that makes a form a common word
MIN_ZIPF = 3.5
#: a name this frequent is a word even when it is also a known town's (القائم "the existing" and Al
#: Qaim, 74,000): a town's own name is rarely this common, unless it is a capital, a great city or an
#: Arab city of 100,000 (غزة)
OWN_TOWN_ZIPF = 4.5
#: a foreign town's Arabic name this much more frequent (in Zipf) than its English name in English is
#: mostly a word (ميدان 4.5 against "medan" 2.4; أمسك "he held" 4.1 against "omsk" 2.2), however big
#: the town: Arabic text names a foreign town about as often as English does (باريس 5.0, "paris" 4.8)
FOREIGN_MARGIN = 1.5
#: a hamza spelling is a different word at a lower frequency (فأس "axe", 2.8, is not فاس Fes): the
#: text writes it out
HAMZA_ZIPF = 2.5
#: a prominent place whose name is this much more frequent than its relative word is named for itself
#: (الرياض 5.1 against رياض 4.4; ميدان 4.5 against الميدان 4.6 is a word)
DOMINANCE = 0.5
#: the shortest stem a relative may have (two-letter stems are mostly accidents: لحج → لح)
MIN_STEM = 3
#: a name is a common noun when its form with the article is this frequent (البنين "the sons" 3.3)…
DEFINITE_ZIPF = 3.0
#: … and at most this much rarer than the name itself: a place's name without the article rarely takes
#: it (الإيران 2.1 against إيران 5.6), a noun takes it all the time (البنين 3.3 against بنين 3.9)
DEFINITE_MARGIN = 1.0
#: a name of a place outside the Arab world this much more frequent in Arabic than the place's English
#: name in English is used for more than the place (بنين 3.9 against "benin" 3.0; the countries news
#: names most run 0.0 to 0.7 above: فرنسا 0.15, تركيا 0.66)
EXCESS = 0.75
#: an alias of a prominent city this frequent, and this much rarer than the city's usual name, is
#: frequent for another reason than the city: a word (موصول "connected" for الموصل, ربات "mistresses"
#: for الرباط)
ALIAS_ZIPF = 3.0
ALIAS_MARGIN = 0.8
#: the form with the article of a town GeoNames writes without it (حمص) is a word when it is this frequent
#: while rarer than the bare name: the town is written without the article, so what is written with it is
#: another word (الحمص "the chickpeas", الجدة "the grandmother", الحلب "the milking")
ARTICLE_ZIPF = 2.5
#: … and the other way round: the bare form of a town written with the article (الميادين Al Mayadin) is
#: a word at a lower frequency than :data:`MIN_ZIPF` (ميادين "squares, fields" 3.49: "في ميادين الطاقة")
BARE_ZIPF = 3.0
_PRONOUNS = ("هما", "هم", "ها", "كم", "نا", "ه")
_PLURALS = ("ين", "ون", "ات")
_CLITICS = "وفبلك"
#: the proclitics (and their pairs) a name can carry in text
_PREFIXES = ("و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك")
#: a cliticised form this frequent, and at most this much rarer than the bare name, is a word of its own
CLITIC_ZIPF = 3.0
CLITIC_MARGIN = 0.3
_HAMZA = re.compile("[أإآؤئ]")


def _core(form: str) -> str:
    """``form`` without its article."""
    return form[2:] if form.startswith("ال") else form


def relatives(key: str, names: set[str], *, article: bool = True) -> list[str]:
    """The forms of ``key`` that are ordinary words when ``key`` is one (see the module docstring).

    ``article``: whether the form with the article added counts (not for a prominent Arab place,
    whose Arabic name often has an article GeoNames leaves off: خرطوم, written الخرطوم)."""
    out: set[str] = set()
    #: forms that stand without the article (an indefinite accusative: آبارا → آبار)
    bare: set[str] = set()
    bases = {key}
    if key.startswith("ال") and len(key) - 2 >= MIN_STEM:
        bases.add(key[2:])
        out.add(key[2:])
    elif article:
        out.add("ال" + key)
    for b in list(bases):
        core = len(_core(b))
        if b.endswith("ه") and core - 1 >= MIN_STEM:
            out.add(b[:-1])  # the feminine (or pronoun) ending
        if b == key and b.endswith("ا") and not b.startswith("ال") and core - 1 >= MIN_STEM:
            bare.add(b[:-1])  # the indefinite accusative (آبارا → آبار، يوما → يوم), never with ال
        for suf in (*_PRONOUNS, *_PLURALS):
            if b.endswith(suf) and core - len(suf) >= MIN_STEM + 1:
                out.add(b[: -len(suf)])
        for suf in ("يه", "ي"):
            if b.endswith(suf) and core - len(suf) >= MIN_STEM:
                out.add(b[: -len(suf)])
    for form in list(out):
        if not form.startswith("ال") and len(form) >= MIN_STEM and (article or form != key):
            out.add("ال" + form)
    if key[0] in _CLITICS and len(key) - 1 >= MIN_STEM and key[1:] not in names:
        out.add(key[1:])
    out |= bare
    out.discard(key)
    return sorted(out)


def write_common(freq: dict[str, float], zipf: Callable[[str], float]) -> None:
    """Write the normalised Arabic words of Zipf frequency COMMON_ZIPF or more, one a line, gzipped:
    the place layer takes a name after a head noun (حي، طريق، محافظة) only when its first word is
    not one of them."""
    words = sorted(w for w in freq if zipf(w) >= COMMON_ZIPF and " " not in w)
    head = (
        "# Normalised Arabic words at least as frequent as Zipf "
        f"{COMMON_ZIPF} in wordfreq's Arabic list (wordfreq data, CC BY-SA 4.0), built by\n"
        "# scripts/build_place_ambiguity.py: common words that do not begin a site's name.\n"
    )
    body = head + "\n".join(words) + "\n"
    with open(COMMON_OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as f:
        f.write(body.encode("utf-8"))
    print(f"wrote {COMMON_OUT}: {len(words)} common words", file=sys.stderr)


def en_zipf(places: tuple[Place, ...]) -> float:
    """How often English text names the best known of ``places`` (their English names); a place
    of an Arab country or a country counts as named often (Arabic news names them more than English)."""
    import wordfreq

    if any(p.country in ARAB_LEAGUE or p.fclass == "A" for p in places):
        return 9.0
    return max(wordfreq.zipf_frequency(p.name_en.lower(), "en") for p in places)


def en_zipf_real(places: tuple[Place, ...] | list[Place]) -> float:
    """How often English text names the best known of ``places`` by its English name (any place)."""
    import wordfreq

    return max(
        (wordfreq.zipf_frequency(p.name_en.lower(), "en") for p in places if p.fclass != "R"), default=0.0
    )


def hamza_words(key: str, hamza: dict[str, dict[str, float]], spelled: set[str]) -> list[str]:
    """The spellings of ``key`` with a hamza inside the word (not on its first letter, where news
    often leaves it off: ادلب for إدلب) that wordfreq knows as words and no gazetteer spelling has."""
    out = []
    for s, f in hamza.get(key, {}).items():
        if math.log10(f * 1e9) < HAMZA_ZIPF or s in spelled:
            continue
        skip = {0, 2} if s.startswith("ال") else {0}
        inner = [i for i, c in enumerate(s) if _HAMZA.match(c) and i not in skip]
        # a gazetteer spelling with the same hamza letter there (إدلب) makes the text's form the place's;
        # another hamza letter (مأرب, the place; مآرب "aims") leaves it a word
        if inner and all(len(g) != len(s) or not any(g[i] == s[i] for i in inner) for g in spelled):
            out.append(s)
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    try:
        import wordfreq
    except ImportError:
        sys.exit("wordfreq is needed: pip install -e '.[train]'")
    freq: dict[str, float] = {}
    #: normalised form → its hamza spellings that wordfreq holds, with their frequency
    hamza: dict[str, dict[str, float]] = {}
    for word in wordfreq.iter_wordlist("ar", "large"):
        if not any("\u0621" <= c <= "\u064a" for c in word):
            continue
        f = wordfreq.word_frequency(word, "ar")
        k = _fold(word)
        freq[k] = freq.get(k, 0.0) + f
        plain = strip_diacritics(word)
        if _HAMZA.search(plain):
            spell = hamza.setdefault(k, {})
            spell[plain] = spell.get(plain, 0.0) + f

    def zipf(w: str) -> float:
        f = freq.get(w)
        return math.log10(f * 1e9) if f else 0.0

    gaz = load_gazetteer()
    names = set(gaz.names)
    #: the names of towns and countries: a division's name (أبين) does not stop its relatives being words
    #: (أبينا "our father")
    towns = {k for k, ps in gaz.names.items() if any(p.fclass != "R" for p in ps)}
    #: every spelling the gazetteer has for a key (diacritics removed, hamzas kept)
    spelled: dict[str, set[str]] = {}
    #: the GeoNames ids of every key, stop-listed ones included (الخبر: Khobar is written so)
    raw_ids: dict[str, set[int]] = {}
    raw = gzip.decompress((REPO / "src" / "khabar" / "data" / "gazetteer_ar.tsv.gz").read_bytes())
    for line in raw.decode("utf-8").splitlines()[1:]:
        col = line.split("\t")
        spelled.setdefault(col[0], set()).add(strip_diacritics(col[2]))
        raw_ids.setdefault(col[0], set()).add(int(col[1]))
    # a division's own spellings (admin1_ar.tsv) are the gazetteer's too: مأرب is how the Yemeni
    # governorate is written, not the word مآرب "aims" that shares its folded key
    for row in data.rows("admin1_ar.tsv", columns=7):
        for name in row.cols[1].split("|"):
            if name:
                spelled.setdefault(_fold(name), set()).add(strip_diacritics(name))
    rows = []
    #: each place's keys, and its usual name (its most frequent key)
    keys_of: dict[int, list[str]] = {}
    for key, places in gaz.names.items():
        for p in places:
            keys_of.setdefault(p.geonameid, []).append(key)
    usual = {g: max(ks, key=zipf) for g, ks in keys_of.items()}

    def noun_row(key: str, places: tuple[Place, ...]) -> tuple[str, ...] | None:
        """The row of a prominent place's name (a country's too) that is a noun as well: it takes the
        article as a common noun does (بنين "sons", البنين), or it is an alias of a city far rarer than the
        city's usual name (ربات for الرباط) — and, outside the Arab world, it is more frequent in Arabic
        than the place's English name is in English."""
        own_z = zipf(key)
        definite = "ال" + key
        arab = all(p.country in ARAB_LEAGUE and p.fclass != "A" for p in places)
        if (
            not key.startswith("ال")
            and definite not in names
            and any(prominent(p) for p in places)
            and zipf(definite) >= DEFINITE_ZIPF
            and zipf(definite) >= own_z - DEFINITE_MARGIN
            # an Arab town's name is written with the article GeoNames leaves off (خرطوم): then the form
            # with it is the town's
            and (zipf(definite) < own_z if arab else own_z - en_zipf_real(places) >= EXCESS)
        ):
            return (key, "definite", definite, f"{zipf(definite):.2f}", f"{own_z:.2f}", "", "0")
        cities = [p for p in places if p.fclass == "P" and prominent(p) and usual[p.geonameid] != key]
        if cities and len(cities) == len(places) and own_z >= ALIAS_ZIPF:
            p = max(cities, key=lambda q: q.population)
            main_z = zipf(usual[p.geonameid])
            if (p.country in ARAB_LEAGUE and own_z <= main_z - ALIAS_MARGIN) or (
                p.country not in ARAB_LEAGUE and own_z - en_zipf_real((p,)) >= EXCESS
            ):
                return (key, "alias", usual[p.geonameid], f"{main_z:.2f}", f"{own_z:.2f}", "", "0")
        return None

    for key, places in sorted(gaz.names.items()):
        if " " in key:
            continue
        own_z = zipf(key)
        if any(p.fclass == "A" for p in places):
            extra = noun_row(key, places)  # a country's name is the country's, unless it is a noun too
            if extra:
                rows.append(extra)
            continue
        big = any(prominent(p) or p.population >= 500_000 for p in places)
        # a first-level division (القصيم، الجوف) is named for itself, unless its name is more frequent than
        # a town's own name ever is (الشرقية "the eastern")
        division = any(p.fclass == "R" for p in places)
        major_world = division or any(p.fcode == "PPLC" or p.population >= 1_000_000 for p in places)
        # a capital, a great city, or an Arab city of 100,000: named for itself however common its name
        # (a town's: a division's population here is its seat's)
        major = any(
            p.fclass != "R"
            and (
                p.fcode == "PPLC"
                or p.population >= 500_000
                or (p.country in ARAB_LEAGUE and p.population >= 100_000)
            )
            for p in places
        )
        # Arabic writes the great Arab cities with an article GeoNames may leave off (خرطوم): for them
        # the form with the article is the city, not a word (it is for a town like Settat: السلطات)
        arab_big = any(
            p.country in ARAB_LEAGUE and (p.fcode == "PPLC" or p.population >= 1_000_000) for p in places
        )
        # a relative that is a place's name too (الجبيل and جبيل are both Jubail's) is no word
        rels = [r for r in relatives(key, towns, article=not arab_big) if r not in towns]
        best = max(rels, key=zipf) if rels else ""
        rel_z = zipf(best) if best else 0.0
        words = hamza_words(key, hamza, spelled.get(key, set()))
        # رباط is Rabat's name without its article: the place is written الرباط, so the bare form's
        # frequency is the word's ("a tie")
        top = max(places, key=lambda p: p.population)
        alias = not key.startswith("ال") and top.geonameid in raw_ids.get("ال" + key, set())
        # a capital's or a great city's name must be rarer than its relative word to be that word
        # (أنقرة 4.0 against انقر "click" 3.8 is Ankara; ميدان 4.5 against الميدان 4.6 is a word)
        margin = 0.0 if major_world else DOMINANCE
        if rel_z >= MIN_ZIPF and (not big or rel_z >= own_z - margin):
            why = "relative"
        elif alias and own_z >= BARE_ZIPF:
            why = "alias"
        elif (own_z >= MIN_ZIPF and not big) or (own_z >= OWN_TOWN_ZIPF and not major):
            why = "own"
        elif own_z >= MIN_ZIPF and own_z - en_zipf(places) >= FOREIGN_MARGIN:
            why = "foreign"
        elif words:
            why = "hamza"
        else:
            extra = noun_row(key, places)
            if extra:
                rows.append(extra)
            continue
        rows.append(
            (
                key,
                why,
                best,
                f"{rel_z:.2f}",
                f"{own_z:.2f}",
                "|".join(words),
                str(max(p.population for p in places)),
            )
        )
    # a name with a proclitic that is a word of its own (وجيزة "brief" is not و + جيزة Giza): the
    # cliticised form nearly as frequent as the bare name, or more, is not the name with a clitic
    for key, places in sorted(gaz.names.items()):
        if " " in key or any(p.fclass == "A" for p in places):
            continue
        for pre in _PREFIXES:
            form = (pre[:-1] + "ل" + key[2:]) if pre.endswith("ل") and key.startswith("ال") else pre + key
            if form in names or not any(r.stem == key and r.cut for r in readings(form)):
                continue
            z = zipf(form)
            if z >= CLITIC_ZIPF and z >= zipf(key) - CLITIC_MARGIN:
                rows.append((form, "clitic", key, f"{zipf(key):.2f}", f"{z:.2f}", "", "0"))
    # a town GeoNames writes without an article, found in text by adding it (خرطوم for الخرطوم): when the
    # form with the article is a common word (العمران "urbanism" for عمران Amran), that form is the word
    for key, places in sorted(gaz.names.items()):
        if " " in key or key.startswith("ال") or any(p.fclass == "A" for p in places):
            continue
        arab_big = any(
            p.country in ARAB_LEAGUE and (p.fcode == "PPLC" or p.population >= 1_000_000) for p in places
        )
        form = "ال" + key
        common = zipf(form) >= MIN_ZIPF and not arab_big
        # … or, at any size, when the town is written without it (حمص) and the form is frequent anyway
        other = ARTICLE_ZIPF <= zipf(form) < zipf(key) and any(p.country in ARAB_LEAGUE for p in places)
        if (common or other) and form not in names and form not in {r[0] for r in rows}:
            rows.append((form, "article", key, f"{zipf(key):.2f}", f"{zipf(form):.2f}", "", "0"))
    # a name GeoNames writes with teh marbuta (جدة) and that, written with heh, is a word with a pronoun
    # (جده "his grandfather"): the heh spelling is the word, unless the context makes it the place
    for key, places in sorted(gaz.names.items()):
        sp = spelled.get(key, set())
        if (
            " " in key
            or not sp
            or not all(g.endswith("ة") for g in sp)
            or any(p.fclass == "A" for p in places)
        ):
            continue
        z = max(wordfreq.zipf_frequency(g[:-1] + "ه", "ar") for g in sp)
        if z >= MIN_ZIPF and key not in {r[0] for r in rows}:
            rows.append((key, "teh", next(iter(sp))[:-1] + "ه", f"{z:.2f}", f"{zipf(key):.2f}", "", "0"))
    rows.sort()
    lines = [
        "# Gazetteer names that are also Arabic words: places only with evidence in the text.",
        "# Built by scripts/build_place_ambiguity.py from the gazetteer (GeoNames, CC BY 4.0) and",
        "# wordfreq's frequencies (CC BY-SA 4.0). why: relative (a relative word is frequent), own (the",
        "# name is frequent and no place of it is prominent), foreign (a foreign town's name far more",
        "# frequent in Arabic than its English name in English), alias (a place's name without its",
        "# article, and frequent; or a frequent alias of a prominent city far rarer than the city's usual",
        "# name, given as relative: ربات for الرباط), definite (a prominent place's name, a country's too,",
        "# that takes the article as a common noun does: بنين 'sons', البنين; outside the Arab world only",
        "# when more frequent than the place's English name in English), hamza (a hamza spelling of it is",
        "# a word), clitic (key is the name with a proclitic, a word of its own: relative is the name,",
        "# relative_zipf its frequency, zipf the",
        "# form's), teh (the name written with heh for its teh marbuta is a word with a pronoun: جده 'his",
        "# grandfather'), article (key is a town's name with the article GeoNames leaves off, a common",
        "# word: العمران; or any form with the article of an Arab town written without it, rarer than the",
        "# bare name but frequent: الحمص 'the chickpeas' for حمص Homs, الجدة 'the grandmother').",
        "key\twhy\trelative\trelative_zipf\tzipf\tspellings\tpopulation",
        *("\t".join(r) for r in rows),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_common(freq, zipf)
    print(f"wrote {args.out}: {len(rows)} names that are also words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
