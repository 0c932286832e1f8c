"""Places with coordinates: Arabic place names matched against a GeoNames-derived gazetteer, on evidence.

The gazetteer (``khabar/data/gazetteer_ar.tsv.gz``, built by ``scripts/build_gazetteer.py``) holds
the cities of GeoNames cities15000 that have Arabic names, and the countries (with their capital's
coordinates); ``nationalities_ar.tsv`` adds country short names and nationality adjectives
(``الروسي`` → RU). Everything loads once, on first use.

Matching runs on the normalised view of the text (:func:`khabar.arabic.normalize.normalize_view`,
plus the Persian-letter folds ``ی``/``ک``), longest name first (``طرابلس الشام`` before ``طرابلس``),
with the proclitics of the first word read off (``بموسكو``, ``وإدلب``, ``لدمشق``, ``وبالرياض``).

**A match is a place only on evidence** (issue 13). Evidence is the NER model's place reading, a
word before it that says "place" (``places_cues_ar.tsv``: a head noun such as مدينة/محافظة/ولاية, a
direction such as شمال/قرب, a preposition such as في/إلى/من), a dateline (``الرياض - واس``,
``سعاد الشمراني (الرياض)``), a list of places it stands in, an explicit qualifier after it (``في
محافظة إدلب``), another supported mention of it in the document, or the place itself: a country, a
capital, a large city. A name that is also an Arabic word (``places_ambiguous_ar.tsv``: ميدان
"square", الرمادي "grey", بيانه "its statement", at any population) needs more: a head noun, a
direction, the NER reading, a dateline or a qualifier — or a preposition *and* its country named
elsewhere in the text. Some contexts make a name something else: a nationality adjective
(``الجماهير السعودية``, ``إثيوبي الجنسية``), a news outlet (``لـ«الشرق الأوسط»``, ``صحيفة الوطن``:
``outlets_ar.tsv``), a part of a city or an organisation named after a town (``حي العزيزية``,
``نادي الريان``, ``الريان القطري``), a person the NER model reads (``الدكتور عزام الدخيل``), or a fixed
phrase (``مسقط رأسه``).

**Homonyms** are resolved by population and feature class, then by context: an explicit "in X
province/state/country" after the name, the document's other places (by distance: أريحا near إدلب),
the countries it names, its dateline, and the outlet's own country (the record's source site, via
``outlets_ar.tsv``). A small town never displaces a prominent namesake on country mentions alone:
``باريس`` is Paris FR and ``مانشستر`` Manchester GB even where the text names the USA.

Every place carries a ``confidence`` (the logistic model of ``places_model.json`` over the evidence,
trained on the development half of facts_gold by ``scripts/train_places.py``).
"""

from __future__ import annotations

import bisect
import functools
import gzip
import itertools
import json
import math
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from khabar.arabic.clitics import CACHE_WORDS, Reading, clitic_reading, in_vocab, readings
from khabar.arabic.dates import HIJRI_MONTHS, MONTHS, WEEKDAYS
from khabar.arabic.normalize import normalize, normalize_view, strip_diacritics
from khabar.arabic.tokenize import Token, tokens_of
from khabar.model import Span

__all__ = [
    "ARAB_LEAGUE",
    "STOPLIST",
    "Gazetteer",
    "Outlet",
    "Place",
    "PlaceFinding",
    "analyse_places",
    "default_threshold",
    "find_places",
    "load_gazetteer",
    "nationality_country",
    "outlet_of",
    "prominent",
]

_GAZ_FILE = "gazetteer_ar.tsv.gz"
_NAT_FILE = "nationalities_ar.tsv"
_WORDS_FILE = "places_ambiguous_ar.tsv"
_CUES_FILE = "places_cues_ar.tsv"
_OUTLETS_FILE = "outlets_ar.tsv"
_ADMIN1_FILE = "admin1_ar.tsv"
_MODEL_FILE = "places_model.json"
_COMMON_FILE = "places_common_ar.txt.gz"
_THRESHOLDS_FILE = "fact_thresholds.json"
_REGIONS_FILE = "regions_ar.tsv"
#: the events layer's domain vocabularies: a sports page names clubs after towns (برشلونة، ميلان)
_DOMAINS_FILE = "events_domains_ar.tsv"
#: distinct sports words that make a sports page (as khabar.events.coder.DOMAIN_MIN_FORMS)
_SPORT_MIN_FORMS = 4
_EXTRA_FOLD = str.maketrans({"ی": "ي", "ک": "ك"})

#: Names that GeoNames also has for a place but that Arabic news uses, nearly always, as ordinary words,
#: and that the frequency rule of ``places_ambiguous_ar.tsv`` does not catch: aliases of prominent
#: places (a prominent place's own name is exempt from the rule) and parts of longer words. Each was
#: measured as a false positive on SaudiNewsNet articles, with the place it was read as.
_STOPWORDS: dict[str, str] = {
    "كيف": "how (Kyiv UA, which news spells كييف)",
    "الجزيرة": "the peninsula, Al Jazeera (an alias of Algiers)",
    "أمان": "safety (an alias of Amman, which news spells عمان)",
    "وين": "where, colloquial (an alias of Vienna)",
    "رانس": "in فرانس (Reims FR)",
    "اتن": "in فاتن (a first name) read as ف + اتن (Athens, which news spells أثينا)",
    "ريم": "in كريم read as ك + ريم (Rome, which news spells روما)",
    "بار": "in كبار read as ك + بار (Bar ME)",
    "مدينة": "city (an alias of Medina, which is المدينة المنورة)",
    "المدينة": "the city (Medina SA, Al Madinah IQ)",
    "أوباما": "Obama the president (Obama JP)",
    "كاميرون": "the surname Cameron (Cameroon, which news spells الكاميرون)",
    "جامعة": "university (Djamaa DZ)",
    "القصر": "the palace (El Kseur DZ)",
    "الخبر": "the news (Khobar SA: a real loss, but 'the news' dominates)",
    "البيضاء": "the white (Al Bayda LY; الدار البيضاء still matches)",
    "دوما": "always (Douma SY: a real loss in Syrian news)",
    "مالي": "financial (Mali; the country is rare in this news, the adjective everywhere)",
    "وادي": "valley (El Oued DZ), in every valley's name (وادي زقله)",
    "ربك": "your Lord (an alias of Kosti SD)",
    "بورصة": "stock exchange (Bursa TR, which news spells بورصة too, but rarely names)",
    "صور": "pictures (Tyre LB; صور alone in news is nearly always 'pictures')",
    "الصور": "the pictures (Tyre LB)",
}
STOPLIST: frozenset[str] = frozenset(normalize(w).translate(_EXTRA_FOLD) for w in _STOPWORDS)

#: the 22 Arab League members: their towns are accepted at any population
ARAB_LEAGUE = frozenset(
    {
        "AE",
        "BH",
        "DZ",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KM",
        "KW",
        "LB",
        "LY",
        "MA",
        "MR",
        "OM",
        "PS",
        "QA",
        "SA",
        "SD",
        "SO",
        "SY",
        "TN",
        "YE",
    }
)
#: the kingdoms whose papers call their country "المملكة"
_KINGDOMS = frozenset({"SA", "JO", "MA", "BH"})
#: a place elsewhere is accepted only if it is a country or a capital, this populous, or its name
#: has at least _LONG_NAME letters: short transliterations of small foreign towns are mostly Arabic
#: words (كان Caen, قوله Kavala, هوية Hue)
_BIG = 1_000_000
_ARAB_BIG = 50_000
#: an Arab town this populous is named often enough to be a place without a context word
_ARAB_KNOWN = 100_000
_LONG_NAME = 5
#: longest place name in words
_MAX_WORDS = 5
#: confidences of the nationality and outlet readings: the share found right by reading 60 nationality
#: spans and 60 outlet spans drawn at random from the tuning sample (58 of 60 each: a surname such as
#: خالد التركي, and سوق عكاظ the old market before عكاظ needed a cue, were the errors)
NATIONALITY_CONFIDENCE = 0.967
OUTLET_CONFIDENCE = 0.967
#: a town this far from every other place a text names, in a country it never names, is a namesake
_FAR = 1000.0
#: a country named within this many characters of a name speaks for it more than one named further
_NEAR = 120
#: separators of a dateline's parts ("الرياض - واس", "جدة: إبراهيم القرشي", "سعاد الشمراني (الرياض)")
_DATELINE_SEPS = frozenset("-–—:/|()")
#: a dateline is a short line, or the first words of a paragraph
_DATELINE_WORDS = 8
_QUOTES = frozenset("«»\"“”'")
_QUOTE_CHARS = "".join(sorted(_QUOTES))
#: weekdays and month names (khabar.arabic.dates): never places (الخميس is Khemis Miliana in GeoNames)
_DATE_WORDS = frozenset(w for w in (*WEEKDAYS, *MONTHS, *HIJRI_MONTHS) if " " not in w)
#: words after which a verb comes, not a name (closed-class particles)
_VERB_PARTICLES = frozenset(
    {"الذي", "التي", "الذين", "اللذين", "اللتين", "اللاتي", "قد", "لقد", "لم", "لن", "سوف"}
)
#: directions that, right after a town's name, make another town's name (ظهران الجنوب)
_COMPOUND_DIRS = frozenset({"الجنوب", "الشمال", "الشرق", "الغرب"})
#: direction adjectives, which agree with a head before a town (ريف حلب الشمالي)
_DIR_ADJECTIVES = frozenset({"الشمالي", "الجنوبي", "الشرقي", "الغربي", "الاوسط"})
_LIST_SEPS = frozenset("،,-–")
_SENT_END = frozenset(".!?؟;؛\n")
#: words whose reading as ل + word is the preposition "to, for" written glued to a quote (لـ«الوطن»)
_LAM_FORMS = frozenset({"ل", "لـ"})


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    geonameid: int
    name_ar: str
    name_en: str
    country: str
    lat: float
    lon: float
    fclass: str  # "P" populated place, "A" country, "R" first-level division (``admin1_ar.tsv``)
    fcode: str
    population: int
    admin1: str = ""

    @property
    def ref(self) -> str:
        return f"geonames:{self.geonameid}"

    @property
    def region(self) -> bool:
        """A first-level division (a province, a governorate): coordinates of its seat, and ``population``
        the seat's (the prior that makes a bare الرياض the city and منطقة الرياض the region)."""
        return self.fclass == "R"


@dataclass(frozen=True, slots=True)
class WordInfo:
    """Why a gazetteer name is also an Arabic word (a row of ``places_ambiguous_ar.tsv``)."""

    why: str  # relative | own | hamza
    relative: str
    relative_zipf: float
    zipf: float
    #: hamza spellings of the name that are words and no gazetteer spelling uses (فأس for فاس)
    spellings: frozenset[str] = frozenset()

    @property
    def word_zipf(self) -> float:
        return self.relative_zipf if self.why == "relative" else self.zipf


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet (a row of ``outlets_ar.tsv``)."""

    slug: str
    hosts: tuple[str, ...]
    names: tuple[str, ...]
    name_en: str
    country: str
    needs_cue: bool

    @property
    def ref(self) -> str:
        return f"outlet:{self.slug}"


@dataclass(frozen=True, slots=True, eq=False)
class Gazetteer:
    #: normalised name → the places it can be
    names: dict[str, tuple[Place, ...]]
    #: normalised nationality adjective → ISO2 country code
    adjectives: dict[str, str]
    #: the country entry of each ISO2 code
    countries: dict[str, Place]
    #: names that are also Arabic words: places only on stronger evidence
    words: dict[str, WordInfo] = field(default_factory=dict)
    #: normalised adjective of a people without a state (الكردي) → its first form
    peoples: dict[str, str] = field(default_factory=dict)
    #: normalised context word → its classes (admin, dir, prep, site …: ``places_cues_ar.tsv``)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    #: normalised multi-word phrases in which a place name is not a place (مسقط راسه)
    phrases: frozenset[str] = frozenset()
    #: normalised name of a first-level division → its GeoNames admin1 code (تكساس → US.TX)
    admin1: dict[str, str] = field(default_factory=dict)
    outlets: tuple[Outlet, ...] = ()

    #: the first word of every name (a word that starts none is skipped at once)
    first_words: frozenset[str] = frozenset()
    #: nationality and people adjectives together
    nat_words: frozenset[str] = frozenset()
    #: one-word forms of the sports vocabulary (``events_domains_ar.tsv``)
    sport_words: frozenset[str] = frozenset()
    #: the Arabic spelling (diacritics kept) of each name's places: key → geonameid → spelling
    spellings: dict[str, dict[int, str]] = field(default_factory=dict)
    #: common Arabic words (``places_common_ar.txt.gz``): no site's name begins with one
    common: frozenset[str] = frozenset()
    #: regions and waters outside GeoNames by their first normalised word: (words, kind), longest first
    regions: dict[str, tuple[tuple[list[str], str], ...]] = field(default_factory=dict)

    @property
    def ambiguous(self) -> frozenset[str]:
        """The names that are also words (kept for callers of the earlier list)."""
        return frozenset(self.words)


def prominent(p: Place) -> bool:
    """A place news names often for itself: a country, a capital, a city of a million people or an Arab
    town of 50,000 (Arabic news names its own towns: القطيف، الباحة). Its own name's frequency in text
    is the place's, not a word's."""
    if p.fcode == "PPLX":
        return False  # a part of a city (Deira, Nāyf, Jaffa): a district, named as a town only on evidence
    return (
        p.fclass in ("A", "R")
        or p.fcode == "PPLC"
        or p.population >= _BIG
        or (p.country in ARAB_LEAGUE and p.population >= _ARAB_BIG)
    )


def _tier(p: Place) -> int:
    """How well known a place is: 3 a country, 2 a capital, a city of a million people, an Arab town of
    100,000 or a first-level division, 1 a city of 250,000 or a province seat, 0 the rest (and a part of a
    city, PPLX)."""
    if p.fclass == "A":
        return 3
    if p.fcode == "PPLX":
        return 0
    if p.fclass == "R":
        return 2
    if (
        p.fcode == "PPLC"
        or p.population >= _BIG
        or (p.country in ARAB_LEAGUE and p.population >= _ARAB_KNOWN)
    ):
        return 2
    if p.population >= 250_000 or p.fcode == "PPLA":
        return 1
    return 0


def _plausible(key: str, p: Place) -> bool:
    return (
        p.fclass == "A"
        or p.fcode == "PPLC"
        or p.country in ARAB_LEAGUE
        or p.population >= _BIG
        or len(key.replace(" ", "")) >= _LONG_NAME
    )


def _strong(cands: tuple[Place, ...]) -> bool:
    """Worth reading a bare proclitic off a word for (بموسكو، لدمشق), unlike لجنة → ل + جنة."""
    return any(
        p.fclass == "A" or p.fcode == "PPLC" or p.population >= _BIG or p.country in ARAB_LEAGUE
        for p in cands
    )


def _fold(text: str) -> str:
    return normalize(text).translate(_EXTRA_FOLD)


def _rows(text: str) -> Iterable[list[str]]:
    """The tab-separated rows of a data file after its comments and header."""
    header = True
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        yield line.split("\t")


#: a vowel mark (U+064B–U+0652): a gazetteer name written with one keeps its vocalised spelling (one
#: regex search per row; a generator over every character was a fifth of reading the gazetteer)
_TASHKEEL = re.compile("[\u064b-\u0652]")


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Read the package's gazetteer and context tables (once; later calls return the same)."""
    data = resources.files("khabar") / "data"
    by_key: dict[str, list[Place]] = {}
    places: dict[int, Place] = {}
    spellings: dict[str, dict[int, str]] = {}
    content = gzip.decompress((data / _GAZ_FILE).read_bytes()).decode("utf-8")
    for line in content.splitlines()[1:]:
        col = line.split("\t")
        key, gid, name_ar, name_en, cc, lat, lon, fclass, fcode, pop = col[:10]
        g = int(gid)
        place = places.get(g)
        if place is None:
            division = col[10] if len(col) > 10 else ""
            place = Place(
                g, name_ar, name_en, cc, float(lat), float(lon), fclass, fcode, int(pop or 0), division
            )
            places[g] = place
        by_key.setdefault(key, []).append(place)
        if _TASHKEEL.search(name_ar) is not None:
            spellings.setdefault(key, {})[g] = name_ar
    admin1: dict[str, str] = {}
    for code, names_ar, name_en, gid, lat, lon, seat_pop in _rows(
        (data / _ADMIN1_FILE).read_text(encoding="utf-8")
    ):
        forms = [n for n in names_ar.split("|") if n]
        for n in forms:
            admin1[_fold(n)] = code
        if gid and lat:  # a division that is a place of its own (a region), at its seat's coordinates
            region = Place(
                int(gid),
                forms[0],
                name_en,
                code.split(".")[0],
                float(lat),
                float(lon),
                "R",
                "ADM1",
                int(seat_pop or 0),
                code,
            )
            for n in forms:
                by_key.setdefault(_fold(n), []).append(region)
    countries = {p.country: p for p in places.values() if p.fclass == "A"}
    adjectives: dict[str, str] = {}
    peoples: dict[str, str] = {}
    for form, cc, kind in _rows((data / _NAT_FILE).read_text(encoding="utf-8")):
        if kind == "adj":
            adjectives[_fold(form)] = cc
        elif kind == "ethnic":
            peoples[_fold(form)] = form
    names: dict[str, tuple[Place, ...]] = {}
    for key, cands in by_key.items():
        if key in STOPLIST:
            continue
        kept = tuple(p for p in cands if _plausible(key, p))
        if kept:
            names[key] = kept
    words: dict[str, WordInfo] = {}
    for col in _rows((data / _WORDS_FILE).read_text(encoding="utf-8")):
        key, why, rel, rel_z, own_z, hamza_forms = col[:6]
        words[key] = WordInfo(
            why, rel, float(rel_z), float(own_z), frozenset(s for s in hamza_forms.split("|") if s)
        )
    cues: dict[str, set[str]] = {}
    phrases: set[str] = set()
    for cls, word in _rows((data / _CUES_FILE).read_text(encoding="utf-8")):
        w = _fold(word)
        if cls == "phrase":
            phrases.add(w)
        else:
            cues.setdefault(w, set()).add(cls)
    outlets = tuple(
        Outlet(slug, tuple(h for h in hosts.split(",") if h), tuple(ns.split("|")), en, cc, cue == "1")
        for slug, hosts, ns, en, cc, cue in _rows((data / _OUTLETS_FILE).read_text(encoding="utf-8"))
    )
    # Compound names are often written glued (كفرالشيخ، عينالعرب is rare but ابوظبي، بنيسويف are not):
    # each multi-word name is also a key without its spaces, unless that spelling is a name already
    for key, kept in list(names.items()):
        glued = key.replace(" ", "")
        # ("ال معراج" is a transliterated El …: glued, it is the noun المعراج)
        if glued != key and len(glued) >= 6 and not key.startswith("ال ") and glued not in names:
            names[glued] = kept
    return Gazetteer(
        names=names,
        adjectives=adjectives,
        countries=countries,
        words=words,
        peoples=peoples,
        cues={w: frozenset(c) for w, c in cues.items()},
        phrases=frozenset(phrases),
        admin1=admin1,
        outlets=outlets,
        first_words=frozenset(k.split(" ", 1)[0] for k in names),
        nat_words=frozenset(adjectives) | frozenset(peoples),
        sport_words=frozenset(
            _fold(form)
            for form, domain in _rows((data / _DOMAINS_FILE).read_text(encoding="utf-8"))
            if domain == "sport" and " " not in form
        ),
        spellings=spellings,
        common=frozenset(
            w
            for w in gzip.decompress((data / _COMMON_FILE).read_bytes()).decode("utf-8").splitlines()
            if w and not w.startswith("#")
        ),
        regions=_load_regions((data / _REGIONS_FILE).read_text(encoding="utf-8")),
    )


def _load_regions(text: str) -> dict[str, tuple[tuple[list[str], str], ...]]:
    out: dict[str, list[tuple[list[str], str]]] = {}
    for name, kind in _rows(text):
        parts = _fold(name).split()
        out.setdefault(parts[0], []).append((parts, kind))
    return {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in out.items()}


@functools.lru_cache(maxsize=CACHE_WORDS)
def nationality_country(word: str) -> str | None:
    """The ISO2 country of a nationality adjective (``الروسية`` → ``RU``; clitics allowed); remembered
    per word form (the event mentions ask it of the words after each group noun)."""
    adj = load_gazetteer().adjectives
    for r in readings(_fold(word)):
        if r.stem in adj:
            return adj[r.stem]
    return None


def outlet_of(site: str | None) -> Outlet | None:
    """The outlet of a record's source site: a SaudiNewsNet source name (``aawsat``) or a host
    (``www.aawsat.com``, ``english.aawsat.com``)."""
    if not site:
        return None
    s = site.lower().removeprefix("www.")
    for o in load_gazetteer().outlets:
        if s == o.slug or any(s == h or s.endswith("." + h) for h in o.hosts):
            return o
    return None


# -- the model -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Model:
    weights: dict[str, float]
    bias: float
    threshold: float


@functools.cache
def _load_model() -> _Model:
    path = resources.files("khabar") / "data" / _MODEL_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:  # before scripts/train_places.py has run: evidence counts, unweighted
        return _Model({}, 0.0, 0.5)
    return _Model(dict(raw["weights"]), float(raw["bias"]), float(raw.get("threshold", 0.5)))


@functools.cache
def default_threshold() -> float | None:
    """The default confidence threshold of place refs (``fact_thresholds.json``, key ``"place"``): the
    archive, the UI and the exports show places at or above it. None when the file has no such key."""
    path = resources.files("khabar") / "data" / _THRESHOLDS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    value = raw.get("place")
    if isinstance(value, dict):  # the shared format: {"threshold": 0.3, "how_chosen": …}
        value = value.get("threshold")
    return float(value) if value is not None else None


def place_confidence(features: Mapping[str, float]) -> float:
    """The model's probability that a linked place is right, from its evidence features."""
    m = _load_model()
    if not m.weights:
        return 1.0
    z = m.bias + sum(m.weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# -- matching --------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Match:
    start: int  # in the normalised view
    end: int
    candidates: tuple[Place, ...]
    #: token indices (into the document's token list) of the first and last word
    first: int = 0
    last: int = 0
    key: str = ""
    #: the first word's proclitics as written (و، ب، وب …) and the stem as matched
    prefix: str = ""
    stem: str = ""
    #: the article was added to find it (GeoNames writes خرطوم, the text الخرطوم)
    via_bare: bool = False
    #: the matched name is a nationality adjective too (السعودية): its country
    adjective: str | None = None
    place: Place | None = None
    features: dict[str, float] = field(default_factory=dict)
    #: why it is not a place, when it is not
    veto: str | None = None
    #: what it is instead (nationality, outlet) when vetoed for that
    country_qualifier: str | None = None
    admin_qualifier: str | None = None


@dataclass(slots=True)
class PlaceFinding:
    """What the place layer found in a text: places (LOC spans with GeoNames refs), nationality
    references (NORP spans), news outlets (ORG spans), and named sites (FAC spans), districts, provinces
    and regions outside the gazetteer (LOC spans without coordinates)."""

    places: list[Span] = field(default_factory=list)
    nationalities: list[Span] = field(default_factory=list)
    outlets: list[Span] = field(default_factory=list)
    sites: list[Span] = field(default_factory=list)
    #: every gazetteer match that was not taken as a place, with the reason (for inspection and tests)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    #: with ``keep_candidates``: each place ref and each place that failed for want of evidence, with
    #: its features (what ``scripts/train_places.py`` fits the confidence model on)
    candidates: list[dict[str, Any]] = field(default_factory=list)


@functools.lru_cache(maxsize=65536)
def _readings(word: str) -> list[Reading]:
    """The clitic readings of a word, with the article-less stem of each (cached across documents:
    news repeats its words)."""
    return readings(word)


class _Doc:
    """The normalised view of a text and its tokens, with what the rules ask of them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.nv = normalize_view(text)
        self.view = self.nv.text.translate(_EXTRA_FOLD)
        self.toks: list[Token] = list(tokens_of(self.view))
        self.words = [i for i, t in enumerate(self.toks) if t.text[0].isalpha()]
        #: token index → position in ``words``
        self.word_pos = {ti: wi for wi, ti in enumerate(self.words)}

    #: the clitic readings of a word, cached per form: the cache itself rather than a method calling
    #: it (the rules ask it of every word several times)
    readings = staticmethod(_readings)

    @functools.cached_property
    def line_starts(self) -> list[int]:
        """The index of the first token of each line (a line break in the view between two tokens)."""
        toks, view = self.toks, self.view
        return [0] + [k for k in range(1, len(toks)) if "\n" in view[toks[k - 1].end : toks[k].start]]

    def gap(self, a: int, b: int) -> str:
        """The view between the end of token ``a`` and the start of token ``b`` (``a < b``)."""
        return self.view[self.toks[a].end : self.toks[b].start]

    def to_text(self, start: int, end: int) -> tuple[int, int]:
        return self.nv.to_text_span(start, end)


#: the first word of a kunya (أبو عريش، أبي عريش، أبا عريش), in the normalised view: with the name after
#: it one name in all three cases, and never a name alone
_KUNYA = frozenset({"ابو", "ابي", "ابا"})


@functools.lru_cache(maxsize=65536)
def _name_readings(word: str) -> list[Reading]:
    """The clitic readings of a word as the first word of a place name: a kunya's genitive and accusative
    (وأبي عريش، أبا عريش) read as its nominative too, the form the gazetteer holds (أبو عريش)."""
    out = _readings(word)
    extra = [Reading(r.prefix, "ابو", r.cut) for r in out if r.stem in ("ابي", "ابا")]
    return out + extra if extra else out


@functools.lru_cache(maxsize=CACHE_WORDS)
def _opens(word: str) -> tuple[bool, bool]:
    """Whether a reading of ``word`` opens a place name (one of the gazetteer's first words), and
    whether one is a nationality word; remembered per word form (keyed by the word alone: a key
    holding the gazetteer's sets would be one more object for the garbage collector to walk)."""
    gaz = load_gazetteer()
    starts, nat = gaz.first_words, gaz.nat_words
    firsts = _name_readings(word)
    return (
        any(r.stem in starts or r.bare in starts for r in firsts),
        any(r.stem in nat for r in firsts),
    )


def _after_kunya(d: _Doc, w: int) -> bool:
    """Whether the word before word ``w`` (by position in ``d.words``), with only a space between, is a
    kunya's first word (أبو، وأبي، بأبا): the word is then part of a person's or a place's name."""
    prev, ti = d.words[w - 1], d.words[w]
    return _is_kunya(d.toks[prev].text) and not d.gap(prev, ti).strip(" ")


@functools.lru_cache(maxsize=65536)
def _is_kunya(word: str) -> bool:
    return any(r.stem in _KUNYA for r in readings(word))


@functools.lru_cache(maxsize=65536)
def _place_readings(word: str) -> tuple[Reading, ...]:
    """The readings a place name's first word is tried in: the word whole, and the clitic reading
    :func:`khabar.arabic.clitics.clitic_reading` takes (``بموسكو`` → موسكو; ``وجدة`` → و + جدة beside
    Oujda, the place prior choosing; not ``باندورا`` → ب + أندورا, a film whose name is a word)."""
    whole = readings(word)[0]
    r = clitic_reading(word, load_gazetteer().first_words)
    out = (whole,) if r is None else (whole, r)
    # a kunya's genitive and accusative (وأبي عريش، أبا عريش) as its nominative, the gazetteer's form
    kunya = tuple(Reading(k.prefix, "ابو", k.cut) for k in readings(word) if k.stem in ("ابي", "ابا"))
    return out + kunya


def _matches(d: _Doc, gaz: Gazetteer) -> tuple[list[_Match], list[tuple[int, int, str]]]:
    """Place-name matches (longest first, left to right) and nationality mentions (first token,
    last token, country or ``-`` for a people) in the view."""
    toks, words = d.toks, d.words
    out: list[_Match] = []
    adjs: list[tuple[int, int, str]] = []
    w = 0
    while w < len(words):
        ti = words[w]
        starts_name, starts_nat = _opens(toks[ti].text)
        found: _Match | None = None
        if not starts_name and not starts_nat:
            w += 1  # neither a name nor a nationality begins with this word
            continue
        if w and _after_kunya(d, w):
            w += 1  # وأبي عريش is one name (أبو عريش): عريش alone is not the Egyptian town
            continue
        if starts_name:
            # the run of following words separated from the previous one by spaces only
            j = w + 1
            while j < len(words) and j - w < _MAX_WORDS and d.gap(words[j - 1], words[j]).strip(" ") == "":
                j += 1
        else:
            j = w  # no name begins with this word
        for n in range(j - w, 0, -1):
            rest = "".join(" " + toks[words[k]].text for k in range(w + 1, w + n))
            hits: list[_Match] = []
            for r in _place_readings(toks[ti].text):
                key = r.stem + rest
                if key in _KUNYA:
                    continue  # أبا "father" (accusative), not Aba in Nigeria: a kunya's first word alone
                cands = gaz.names.get(key)
                if cands and r.cut and not r.stem.startswith("ال") and not _strong(cands):
                    continue  # a bare و/ف/ب/ل/ك before a small town's name: more likely a word
                bare = False
                if not cands and r.bare != r.stem and r.stem not in STOPLIST:
                    # GeoNames writes some Arab towns without the article Arabic writes them with
                    # (خرطوم for الخرطوم): only towns that matter, not any town named like a noun, and
                    # never a foreign town or a country (القطر is "the diameter", not Qatar)
                    key = r.bare + rest
                    cands = gaz.names.get(key)
                    if cands:
                        cands = tuple(p for p in cands if p.country in ARAB_LEAGUE and p.fclass != "A")
                        if cands and not _strong(cands):
                            cands = ()
                    bare = True
                if cands:
                    hits.append(
                        _Match(
                            toks[ti].start + r.text_cut,
                            toks[words[w + n - 1]].end,
                            cands,
                            ti,
                            words[w + n - 1],
                            key,
                            r.prefix,
                            r.stem + rest,
                            bare,
                        )
                    )
            if hits:
                # وجدة is و + جدة (Jeddah) before it is Oujda: the reading with the better-known place
                found = max(hits, key=lambda m: (_prior(max(m.candidates, key=_prior)), -len(m.prefix)))
                head, _, rest_key = found.key.partition(" ")
                if (
                    rest_key
                    and head in _REGION_HEADS
                    and rest_key in gaz.names
                    and not any(p.region for p in found.candidates)  # ريف دمشق is a province's own name
                ):
                    # "مدينة زنجبار" is GeoNames' name of Zanzibar, and also the Yemeni Zinjibar's
                    # with its head noun: both are candidates
                    seen = {p.geonameid for p in found.candidates}
                    found.candidates += tuple(p for p in gaz.names[rest_key] if p.geonameid not in seen)
                break
        # a nationality adjective (السورية) is not the country its article-less form names (سورية),
        # nor a town named like it (السويدية): it is a nationality unless the name is the country's own
        adj = None
        for r in _name_readings(toks[ti].text):
            adj = gaz.adjectives.get(r.stem) or ("-" if r.stem in gaz.peoples else None)
            if adj:
                break
        if found and adj and found.last == ti:
            if found.via_bare or not any(p.fclass == "A" and p.country == adj for p in found.candidates):
                found = None
            else:
                found.adjective = adj  # السعودية: the country or the adjective, by its context
        if found:
            out.append(found)
            w = d.word_pos[found.last] + 1
            continue
        if adj:
            adjs.append((ti, ti, adj))
        w += 1
    return out, adjs


def _prior(p: Place) -> float:
    """How likely a name means this place before any context: size and rank."""
    s = math.log10(p.population + 10)
    if p.fclass == "A":
        s += 1.0
    if p.fcode == "PPLC":
        s += 0.5
    elif p.fcode == "PPLA":
        s += 0.3
    elif p.fcode == "PPLA2":
        s += 0.15
    return s


# -- context ---------------------------------------------------------------------------------------
def _cue_classes(d: _Doc, gaz: Gazetteer, ti: int) -> frozenset[str]:
    """The cue classes of token ``ti`` (its own word or a clitic reading's stem)."""
    word = d.toks[ti].text
    cls = gaz.cues.get(word)
    if cls is not None:
        return cls
    for r in d.readings(word)[1:]:
        cls = gaz.cues.get(r.stem)
        if cls is not None:
            return cls
    return frozenset()


def _prev_word(d: _Doc, ti: int, *, through: str = "") -> int | None:
    """The word token before token ``ti`` when only spaces (and characters of ``through``) lie
    between them, else None."""
    wi = d.word_pos.get(ti)
    if not wi:
        return None
    p = d.words[wi - 1]
    if d.gap(p, ti).strip(" " + through) == "" and all(d.toks[k].text in through for k in range(p + 1, ti)):
        return p
    return None


def _next_word(d: _Doc, ti: int, *, through: str = "") -> int | None:
    wi = d.word_pos.get(ti)
    if wi is None or wi + 1 >= len(d.words):
        return None
    n = d.words[wi + 1]
    if d.gap(ti, n).strip(" " + through) == "" and all(d.toks[k].text in through for k in range(ti + 1, n)):
        return n
    return None


def _line_of(d: _Doc, ti: int) -> tuple[int, int]:
    """The first and last token index of the line token ``ti`` is on."""
    starts = d.line_starts
    k = bisect.bisect_right(starts, ti)
    return starts[k - 1], (starts[k] - 1 if k < len(starts) else len(d.toks) - 1)


def _dateline(d: _Doc, first: int, last: int) -> bool:
    """Whether tokens ``first..last`` stand as a part of a dateline: a short line, or the first words
    of a paragraph, cut into parts by dashes, colons or brackets (``الرياض - واس``, ``جدة: …``,
    ``سعاد الشمراني (الرياض)``, ``الرياض 25 شوال 1436 هـ``)."""
    a, b = _line_of(d, first)
    toks = d.toks
    before = toks[first - 1].text if first > a else None
    after = toks[last + 1].text if last < b else None
    open_before = before is None or before in _DATELINE_SEPS
    close_after = after is None or after in _DATELINE_SEPS or after.isdigit()
    if not (open_before and close_after):
        return False
    if before is None and after is None:
        return False  # a line that is only the name is a heading, not a dateline
    nwords = sum(1 for k in range(a, b + 1) if toks[k].text[0].isalpha())
    if nwords <= _DATELINE_WORDS:
        return True
    # the first words of a long paragraph: "الرياض - خالد غادن كشف …", "المكلا: محمد اليزيدي"
    words_before = sum(1 for k in range(a, first) if toks[k].text[0].isalpha())
    return words_before <= 3 and after is not None and after in _DATELINE_SEPS


def _in_quotes(d: _Doc, first: int, last: int) -> bool:
    return (
        first > 0
        and last + 1 < len(d.toks)
        and d.toks[first - 1].text in _QUOTES
        and d.toks[last + 1].text in _QUOTES
    )


@functools.cache
def _outlet_index(gaz: Gazetteer) -> dict[str, list[tuple[list[str], Outlet]]]:
    """Outlet names by their first normalised word, longest names first."""
    by_first: dict[str, list[tuple[list[str], Outlet]]] = {}
    for o in gaz.outlets:
        for n in o.names:
            parts = _fold(n).split()
            if parts:
                by_first.setdefault(parts[0], []).append((parts, o))
    for v in by_first.values():
        v.sort(key=lambda c: -len(c[0]))
    return by_first


def _find_outlets(d: _Doc, gaz: Gazetteer, own: Outlet | None) -> list[tuple[int, int, Outlet]]:
    """Outlet mentions as (first token, last token, outlet). A name that is also a word or a place
    (اليوم، الوطن، الرياض، الشرق الأوسط) is the outlet only after a media noun (صحيفة، قناة …), in quotes
    after the preposition ل (لـ«الشرق الأوسط»), in quotes in the outlet's own pages, or as a part of
    the record's own dateline (اليوم - الدمام)."""
    toks = d.toks
    by_first = _outlet_index(gaz)
    out: list[tuple[int, int, Outlet]] = []
    taken = -1
    for wi, ti in enumerate(d.words):
        if ti <= taken:
            continue
        tok = toks[ti].text
        rds = d.readings(tok)
        if not any(r.stem in by_first for r in rds):
            continue
        for r in rds:
            cands = by_first.get(r.stem)
            if not cands:
                continue
            best: tuple[int, Outlet] | None = None
            for parts, o in cands:
                if wi + len(parts) > len(d.words):
                    continue
                span = d.words[wi : wi + len(parts)]
                if [toks[k].text for k in span[1:]] != parts[1:]:
                    continue
                if any(d.gap(span[k], span[k + 1]).strip(" ") for k in range(len(span) - 1)):
                    continue
                last = span[-1]
                if not o.needs_cue or _outlet_context(d, gaz, ti, last, r, o, own):
                    best = (last, o)
                    break
            if best:
                out.append((ti, best[0], best[1]))
                taken = best[0]
                break
    return out


def _outlet_context(
    d: _Doc, gaz: Gazetteer, first: int, last: int, r: Reading, o: Outlet, own: Outlet | None
) -> bool:
    toks = d.toks
    prev = _prev_word(d, first, through='«"“')
    if prev is not None and "media" in _cue_classes(d, gaz, prev):
        return True
    if _in_quotes(d, first, last):
        name = _fold(o.names[0])
        if own is not None and own.slug == o.slug:
            return True
        if name not in gaz.names and name not in gaz.common:
            return True  # «عكاظ»: a name that is neither a place nor a common word, quoted
        q = first - 1
        if q > 0:
            before = toks[q - 1]
            if before.end == toks[q].start or d.view[before.end : toks[q].start].strip() == "":
                bt = before.text
                if bt in _LAM_FORMS or bt.endswith("لـ") or (bt == "ـ" and q > 1 and toks[q - 2].text == "ل"):
                    return True
                if bt[0].isalpha() and "media" in _cue_classes(d, gaz, q - 1):
                    return True
    if r.cut == 0 and own is not None and own.slug == o.slug and _fold(o.names[0]) not in gaz.names:
        return _dateline(d, first, last)
    return False


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
    for c in ("admin", "dir", "prep", "motion", "people", "site", "inst", "org", "event", "water"):
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
            elif nw.endswith("ي") and not any(p.fclass == "A" and p.country == cc for p in m.candidates):
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
    "SA": frozenset({"منطقه", "اماره", "مناطق", "منطقتي"}),
    "": frozenset({"محافظه", "محافظتي", "محافظات", "ولايه", "ولايات", "اقليم", "اماره"}),
}
#: the singular heads, which a province's name is written with (منطقة الجوف, not محافظتي عدن ولحج)
_DIVISION_NAME_HEADS = frozenset({"منطقه", "محافظه", "اماره", "اقليم", "ولايه"})


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
        elif _state_name(d, gaz, m):
            m.veto = "a state"  # ولايتي أوريجون وواشنطن: Washington state, not the capital
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
        elif f.get("cue_inst") and _tier(p) == 0 and p.country not in ARAB_LEAGUE:
            m.veto = "institution"  # جامعة جورجتاون: the university, not a small town named so
        elif sport and p.fclass == "A" and _team(d, gaz, m):
            m.veto = "team"  # on a sports page: منتخب مصر، تغلبت على مصر
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
    seen: set[str] = set()
    for ti in d.words:
        w = d.toks[ti].text
        s = in_vocab(w, gaz.sport_words, "وفبل")
        if s is not None:
            seen.add(s)
        if len(seen) >= _SPORT_MIN_FORMS:
            return True
    return False


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


#: words that join a person's name inside a site's name (طريق الأمير نايف بن عبدالعزيز، حي أبو مرخة)
_NAME_PARTICLES = frozenset({"بن", "بنت", "ابو", "ابي", "ابن", "عبد", "ال"})
#: titles that begin the name of a site named after a person (مطار الملك خالد، ملعب الأمير عبدالله)
_NAME_TITLES = frozenset({"الملك", "الامير", "الاميره", "الامام", "الشيخ", "الشهيد", "السلطان", "الرييس"})
#: institutions whose name is tagged as a site (مطار الملك خالد، جامعة الدمام)
_SITE_INST_HEADS = frozenset({"جامعه", "مطار", "ميناء", "مرفا", "مستشفي", "كليه", "مدرسه"})
#: head nouns of provinces and districts whose name is tagged with them (منطقة الباحة، حي النسيم)
_REGION_HEADS = frozenset({"منطقه", "محافظه", "حي", "مدينه", "ولايه", "اقليم", "ريف", "مديريه"})


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
    for wi, ti in enumerate(words):
        # the head as read without its proclitics (بحي النسيم، وبمحافظة بيش)
        reading = next((r for r in d.readings(toks[ti].text) if r.stem in gaz.cues), None)
        if reading is None:
            continue
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
    for wi, ti in enumerate(words):
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
                out.append((toks[ti].start + r.text_cut, toks[span[-1]].end, kind))
                break
            else:
                continue
            break
    return out


def analyse_places(
    text: str,
    ner: Collection[tuple[int, int, str]] = (),
    *,
    site: str | None = None,
    keep_candidates: bool = False,
) -> PlaceFinding:
    """Places, nationality references, news outlets and named sites of ``text``.

    ``ner``: ``(start, end, label)`` of the spans the NER model tagged (LOC, PERSON, ORG), the
    model's reading is evidence; ``site``: the record's source site (``aawsat``, ``alyaum.com``), whose
    outlet's country is the prior for names several countries share.
    """
    found = PlaceFinding()
    if not text:
        return found
    gaz = load_gazetteer()
    d = _Doc(text)
    outlet = outlet_of(site)
    ner_l = list(ner)
    # outlets first: a paper's name is not a place (لـ«الشرق الأوسط»، صحيفة الوطن)
    outlet_toks: set[int] = set()
    for a, b, o in _find_outlets(d, gaz, outlet):
        outlet_toks.update(range(a, b + 1))
        s, e = d.to_text(d.toks[a].start, d.toks[b].end)
        # the proclitic of the first word is not part of the name (لـ«الوطن» has none; والوطن one)
        first = d.toks[a].text
        cut = next(
            (r.cut for r in d.readings(first) if _fold(o.names[0]).startswith(r.stem.split(" ")[0])), 0
        )
        s2, _ = d.to_text(d.toks[a].start + cut, d.toks[b].end)
        found.outlets.append(
            Span(
                s2,
                e,
                "ORG",
                text[s2:e],
                {
                    "ref": o.ref,
                    "org_kind": "media",
                    "name": o.name_en,
                    "country": o.country,
                    "confidence": OUTLET_CONFIDENCE,
                },
            )
        )
    matches, adjs = _matches(d, gaz)
    for m in matches:
        if any(k in outlet_toks for k in range(m.first, m.last + 1)):
            m.veto = "outlet"
    by_first = {m.first: m for m in matches}
    for m in matches:
        if m.veto:
            continue
        m.features = _match_features(d, gaz, m, ner_l)
        _qualifier(d, gaz, m, by_first)
    _resolve(d, matches, adjs, outlet)
    _decide(d, gaz, matches, adjs, outlet)
    for k in _kingdom(d, gaz, matches, adjs, outlet):
        k.veto = _kingdom_veto(d, gaz, k, ner_l)
        matches.append(k)
    matches.sort(key=lambda m: m.start)
    # nationality references: adjectives, and country names read as adjectives (الكرة السعودية)
    nat = [(d.toks[a].start, d.toks[b].end, cc) for a, b, cc in adjs]
    nat += [(m.start, m.end, m.adjective) for m in matches if m.veto == "nationality" and m.adjective]
    for a, b, cc in nat:
        # the span is the adjective without its proclitics (والروسية → الروسية)
        word = d.view[a:b]
        cut = next((r.cut for r in d.readings(word) if r.stem in gaz.adjectives or r.stem in gaz.peoples), 0)
        s, e = d.to_text(a + cut, b)
        attrs: dict[str, Any] = {
            "ref": f"nationality:{cc}" if cc != "-" else f"nationality:{_fold(text[s:e])}"
        }
        if cc != "-":
            attrs["country"] = cc
        found.nationalities.append(Span(s, e, "NORP", text[s:e], attrs))
    # confidence per ref: the model over the features of the ref's best-supported mention
    by_ref: dict[int, list[_Match]] = {}
    for m in matches:
        if m.veto is None and m.place is not None:
            by_ref.setdefault(m.place.geonameid, []).append(m)
        elif m.place is not None or m.candidates:
            found.rejected.append((d.view[m.start : m.end], m.veto or "unresolved"))
    conf: dict[int, float] = {}
    for gid, ms in by_ref.items():
        feats = ref_features(ms, outlet)
        conf[gid] = round(place_confidence(feats), 3)
        if keep_candidates:
            found.candidates.append(_candidate(d, ms, feats, emitted=True))
    if keep_candidates:
        # the matches that failed the evidence test, by place: what the confidence model learns from
        weak: dict[int, list[_Match]] = {}
        for m in matches:
            if m.veto == "no evidence" and m.place is not None and m.place.geonameid not in by_ref:
                weak.setdefault(m.place.geonameid, []).append(m)
        for ms in weak.values():
            found.candidates.append(_candidate(d, ms, ref_features(ms, outlet), emitted=False))
    for m in matches:
        if m.veto is not None or m.place is None:
            continue
        p = m.place
        start, end = _span(d, m)
        attrs = {
            "ref": p.ref,
            "name": p.name_en,
            "country": p.country,
            "lat": p.lat,
            "lon": p.lon,
            "population": p.population,
            "confidence": conf[p.geonameid],
        }
        if p.region:  # a province: at its seat's coordinates; its population is not known here
            del attrs["population"]
            attrs["kind"] = "region"
            attrs["admin1"] = p.admin1
        found.places.append(Span(start, end, "LOC", text[start:end], attrs))
    # named sites, districts and regions outside the gazetteer: LOC spans without coordinates
    taken = outlet_toks | {k for m in matches if m.veto is None for k in range(m.first, m.last + 1)}
    for a, b, kind in [*_site_spans(d, gaz, matches), *_region_spans(d, gaz, taken)]:
        if any(k for k in outlet_toks if d.toks[k].start < b and a < d.toks[k].end):
            continue
        s, e = d.to_text(a, b)
        # a building, a street or a stadium is a facility (FAC); a district, a province, a region or a
        # sea is a place without coordinates (LOC)
        found.sites.append(Span(s, e, "FAC" if kind == "site" else "LOC", text[s:e], {"kind": kind}))
    return found


def _span(d: _Doc, m: _Match) -> tuple[int, int]:
    """A place mention's text offsets: a province's name with its head noun (منطقة الجوف، محافظة شبوة)."""
    start, end = d.to_text(m.start, m.end)
    if m.place is not None and m.place.region and (head := _head_start(d, m, m.place)) is not None:
        start, _ = d.to_text(head, m.end)
    return start, end


def _candidate(d: _Doc, ms: list[_Match], feats: dict[str, float], *, emitted: bool) -> dict[str, Any]:
    """A place ref candidate as the confidence model's training script reads it."""
    p = ms[0].place
    assert p is not None
    aliases = sorted({d.text[slice(*_span(d, m))] for m in ms})
    return {
        "ref": p.ref,
        "name": p.name_en,
        "aliases": aliases,
        "country": p.country,
        "lat": p.lat,
        "lon": p.lon,
        "features": feats,
        "emitted": emitted,
    }


def ref_features(ms: list[_Match], outlet: Outlet | None) -> dict[str, float]:
    """The features of a place ref: its mentions' evidence (the most of each), its own kind and size,
    and how often the document names it."""
    f: dict[str, float] = {}
    for m in ms:
        for k, v in m.features.items():
            if v > f.get(k, 0.0):
                f[k] = v
    p = ms[0].place
    assert p is not None
    f["country"] = 1.0 if p.fclass == "A" else 0.0
    f["capital"] = 1.0 if p.fcode == "PPLC" else 0.0
    f["tier2"] = 1.0 if _tier(p) >= 2 else 0.0
    f["logpop"] = max(0.0, math.log10(p.population + 10) - 4.0)
    f["arab"] = 1.0 if p.country in ARAB_LEAGUE else 0.0
    f["outlet_country"] = 1.0 if outlet is not None and outlet.country == p.country else 0.0
    f["mentions"] = math.log2(len(ms))
    f["homonyms"] = 1.0 if len(ms[0].candidates) > 1 else 0.0
    if "homonym_margin" not in f:
        f["homonym_margin"] = 3.0
    f["only_wordlike"] = 1.0 if all(m.features.get("wordlike") for m in ms) else 0.0
    f.pop("wordlike", None)
    return f


def find_places(
    text: str, ner_places: Collection[tuple[int, int]] = (), *, site: str | None = None
) -> list[Span]:
    """LOC spans of the places named in ``text``, each with its GeoNames ref and coordinates.

    ``ner_places``: ``(start, end)`` of the spans a NER model read as places (evidence, see
    :func:`analyse_places`). ``attrs``: ``ref`` (``geonames:<id>``), ``name`` (English), ``country``
    (ISO2), ``lat``, ``lon``, ``population``, ``confidence``. ``span.text == text[span.start:span.end]``.
    """
    return analyse_places(text, [(a, b, "LOC") for a, b in ner_places], site=site).places
