"""The place layer's tables: the GeoNames-derived gazetteer, the nationality adjectives, the context
cues, the names that are also words, the outlets, the regions outside GeoNames (all read once, on first
use), and the place confidence model with the default threshold.

What a place is (:class:`Place`), how well known (:func:`prominent`, ``_tier``) and which names a
gazetteer keeps (``_plausible``, :data:`STOPLIST`) live here because every later step asks them.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from khabar import data
from khabar.arabic.clitics import CACHE_WORDS, readings
from khabar.arabic.normalize import normalize
from khabar.errors import DataFileError

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

_STOPLIST_FILE = "places_stoplist_ar.tsv"
_WORD_LISTS_FILE = "places_words_ar.tsv"


@functools.cache
def _word_lists() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for line, (name, words) in data.rows(_WORD_LISTS_FILE, columns=2):
        if name in out:
            raise data.bad_row(_WORD_LISTS_FILE, line, "a list named twice", name)
        out[name] = frozenset(words.split())
    return out


def words(name: str) -> frozenset[str]:
    """The word list ``name`` of ``data/places_words_ar.tsv`` (``"region_heads"``): the language data
    of the place rules, kept out of their code."""
    lists = _word_lists()
    if name not in lists:
        raise DataFileError(f"{_WORD_LISTS_FILE}: no list named {name!r}", value=name)
    return lists[name]


#: names that GeoNames also has for a place but that Arabic news uses, nearly always, as ordinary words
#: (``places_stoplist_ar.tsv``, each with the place it was read as)
STOPLIST: frozenset[str] = frozenset(
    normalize(row.cols[0]).translate(_EXTRA_FOLD) for row in data.rows(_STOPLIST_FILE, columns=(2, 4))
)
#: the stop-listed names that are the place where strong evidence says so (column ``context``:
#: ``strong``): a dateline, a head noun before it, or a list of places (الخبر "the news", Khobar)
STOPLIST_STRONG: frozenset[str] = frozenset(
    normalize(row.cols[0]).translate(_EXTRA_FOLD)
    for row in data.rows(_STOPLIST_FILE, columns=(2, 4))
    if len(row.cols) > 3 and row.cols[3] == "strong"
)
#: the stop-listed words whose LOC reading by the NER is the word too (no ``place`` in column ``ner``)
STOPLIST_WORDS: frozenset[str] = frozenset(
    normalize(row.cols[0]).translate(_EXTRA_FOLD)
    for row in data.rows(_STOPLIST_FILE, columns=(2, 4))
    if len(row.cols) < 3 or row.cols[2] != "place"
)

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


def extra_fold(text: str) -> str:
    """``text.translate(_EXTRA_FOLD)``, skipped on a text without a Persian yeh or keheh (nearly all):
    a translation through a dict looks each character up from Python's side, some 50 µs per
    thousand characters, a substring test runs at memchr speed."""
    return text.translate(_EXTRA_FOLD) if any(map(text.__contains__, _EXTRA_CHARS)) else text


#: the characters :data:`_EXTRA_FOLD` replaces
_EXTRA_CHARS = tuple(map(chr, _EXTRA_FOLD))


def _rows(name: str, columns: int | tuple[int, int]) -> Iterable[list[str]]:
    """The columns of each data row of the package file ``name`` (:func:`khabar.data.rows`: comments
    and header left out, a row of the wrong width a ``DataFileError`` naming the line)."""
    return (row.cols for row in data.rows(name, columns=columns))


#: a vowel mark (U+064B–U+0652): a gazetteer name written with one keeps its vocalised spelling (one
#: regex search per row; a generator over every character was a fifth of reading the gazetteer)
_TASHKEEL = re.compile("[\u064b-\u0652]")


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Read the package's gazetteer and context tables (once; later calls return the same)."""
    by_key: dict[str, list[Place]] = {}
    places: dict[int, Place] = {}
    spellings: dict[str, dict[int, str]] = {}
    for line, col in data.rows(_GAZ_FILE, columns=(10, 11)):
        key, gid, name_ar, name_en, cc, lat, lon, fclass, fcode, pop = col[:10]
        try:
            g = int(gid)
        except ValueError:
            raise data.bad_row(_GAZ_FILE, line, "a GeoNames id that is no number", gid) from None
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
    for code, names_ar, name_en, gid, lat, lon, seat_pop in _rows(_ADMIN1_FILE, 7):
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
    for form, cc, kind in _rows(_NAT_FILE, 3):
        if kind == "adj":
            adjectives[_fold(form)] = cc
        elif kind == "ethnic":
            peoples[_fold(form)] = form
    names: dict[str, tuple[Place, ...]] = {}
    for key, cands in by_key.items():
        if key in STOPLIST and key not in STOPLIST_STRONG:
            continue
        kept = tuple(p for p in cands if _plausible(key, p))
        if kept:
            names[key] = kept
    words: dict[str, WordInfo] = {}
    for col in _rows(_WORDS_FILE, (6, 7)):
        key, why, rel, rel_z, own_z, hamza_forms = col[:6]
        words[key] = WordInfo(
            why, rel, float(rel_z), float(own_z), frozenset(s for s in hamza_forms.split("|") if s)
        )
    cues: dict[str, set[str]] = {}
    phrases: set[str] = set()
    for cls, word in _rows(_CUES_FILE, 2):
        w = _fold(word)
        if cls == "phrase":
            phrases.add(w)
        else:
            cues.setdefault(w, set()).add(cls)
    outlets = tuple(
        Outlet(slug, tuple(h for h in hosts.split(",") if h), tuple(ns.split("|")), en, cc, cue == "1")
        for slug, hosts, ns, en, cc, cue in _rows(_OUTLETS_FILE, 6)
    )
    # Compound names are often written glued (كفرالشيخ، عينالعرب is rare but ابوظبي، بنيسويف are not):
    # each multi-word name is also a key without its spaces, unless that spelling is a name already
    for key, kept in list(names.items()):
        if " " not in key:
            continue  # one word: nothing to glue (most names)
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
            _fold(form) for form, domain in _rows(_DOMAINS_FILE, 2) if domain == "sport" and " " not in form
        ),
        spellings=spellings,
        common=frozenset(data.lines(_COMMON_FILE)),
        regions=_load_regions(),
    )


def _load_regions() -> dict[str, tuple[tuple[list[str], str], ...]]:
    out: dict[str, list[tuple[list[str], str]]] = {}
    for name, kind in _rows(_REGIONS_FILE, 2):
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
    raw = data.load_json(_MODEL_FILE)
    return _Model(dict(raw["weights"]), float(raw["bias"]), float(raw.get("threshold", 0.5)))


@functools.cache
def default_threshold() -> float | None:
    """The default confidence threshold of place refs (``fact_thresholds.json``, key ``"place"``): the
    archive, the UI and the exports show places at or above it. None when the file has no such key."""
    raw = data.load_json(_THRESHOLDS_FILE)
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
