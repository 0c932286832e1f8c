"""Places with coordinates: Arabic place names matched against a GeoNames-derived gazetteer.

The gazetteer (``khabar/data/gazetteer_ar.tsv.gz``, built by ``scripts/build_gazetteer.py``) holds
the cities of GeoNames cities15000 that have Arabic names, and the countries (with their capital's
coordinates); ``khabar/data/nationalities_ar.tsv`` adds nationality adjectives (``الروسي`` → RU),
used as evidence for disambiguation. Both load once, on first use.

Matching runs on the normalised view of the text (:func:`khabar.arabic.normalize.normalize_view`,
plus the Persian-letter folds ``ی``/``ک``), longest name first (``طرابلس الشام`` before ``طرابلس``),
with the proclitics of the first word stripped (``بموسكو``, ``وإدلب``, ``لدمشق``, ``وبالرياض``).
A name that several places share is resolved by population, a capital bonus, and the countries the
rest of the document names (country names, nationality adjectives and unambiguous places; nearer
mentions weigh more): ``موسكو`` is Moscow RU, not Mesquite US, and ``طرابلس`` is in Lebanon when the
text talks about Lebanon. Words that are also the names of small towns but mostly mean something
else are in :data:`STOPLIST`.
"""

from __future__ import annotations

import functools
import gzip
import math
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources

from khabar.arabic.normalize import NormalizedView, normalize, normalize_view
from khabar.extract.clitics import readings
from khabar.extract.tokenize import iter_tokens
from khabar.model import Span

__all__ = ["STOPLIST", "Gazetteer", "Place", "find_places", "load_gazetteer", "nationality_country"]

_GAZ_FILE = "gazetteer_ar.tsv.gz"
_NAT_FILE = "nationalities_ar.tsv"
_AMBIGUOUS_FILE = "places_ambiguous_ar.tsv"
#: words before a place name that say it is one: a name that is also a common word
#: (places_ambiguous_ar.tsv) needs one of these, or the NER model's reading it as a place
CUES = frozenset(
    normalize(w)
    for w in [
        "في",
        "الى",
        "إلى",
        "من",
        "مدينة",
        "مدينه",
        "بلدة",
        "بلده",
        "قرية",
        "قريه",
        "محافظة",
        "محافظه",
        "منطقة",
        "منطقه",
        "ريف",
        "قرب",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "شمالي",
        "جنوبي",
        "شرقي",
        "غربي",
        "أهالي",
        "اهالي",
        "سكان",
        "مخيم",
        "حي",
        "ضواحي",
        "وسط",
        "داخل",
    ]
)
_EXTRA_FOLD = str.maketrans({"ی": "ي", "ک": "ك"})

#: words that GeoNames also has as the name of a town but that Arabic news uses, nearly always, as
#: ordinary words or first names: never matched as places. Each was measured as a false positive on
#: SaudiNewsNet articles (``shared/data/saudinewsnet_sample``), with the place it was read as.
_STOPWORDS: dict[str, str] = {
    "كان": "was (Caen FR)",
    "فإن": "then, indeed (Vannes FR)",
    "وأن": "and that; وإن, وان fold the same (Van TR)",
    "دور": "role (Dour BE)",
    "كرة": "ball (Carei RO)",
    "أوباما": "Obama the president (Obama JP)",
    "نادي": "club (Nadi FJ)",
    "بيان": "statement (Bayan KW)",
    "كيف": "how (Kyiv UA, which news spells كييف)",
    "أنا": "I (Ina JP)",
    "عنه": "about him (Anah IQ)",
    "سنة": "year (Sanandaj IR)",
    "أمن": "security (Emmen NL)",
    "يوما": "a day (Yuma US)",
    "أمل": "hope (Amol IR)",
    "الأمل": "the hope",
    "هوية": "identity (Hue VN)",
    "جامعة": "university (Djamaa DZ)",
    "الجديد": "the new (Al Jadid LY)",
    "الخميس": "Thursday (Khemis Miliana DZ)",
    "عالية": "high, -ly (Aley LB)",
    "القصر": "the palace (El Kseur DZ)",
    "قوله": "his saying (Kavala GR)",
    "صور": "pictures (Tyre LB; صور alone in news is nearly always 'pictures')",
    "الصور": "the pictures (Tyre LB)",
    "بأنه": "that it (Baneh IR)",
    "إطار": "frame (Atar MR)",
    "الحد": "the limit (El Hed DZ)",
    "جمال": "beauty, a first name (Djemmal TN)",
    "معسكر": "camp (Mascara DZ)",
    "نايف": "a first name (Nayf AE)",
    "الجزيرة": "the peninsula, Al Jazeera (an alias of Algiers)",
    "البيض": "eggs (El Bayadh DZ)",
    "الحزم": "firmness, Operation Decisive Storm (Al Hazm YE)",
    "الثورة": "the revolution (Ath Thawrah SY)",
    "ثورة": "revolution (Ath Thawrah SY)",
    "مالي": "financial (Mali; the country is rare in this news)",
    "المالي": "the financial (Elmali TR)",
    "الكردي": "Kurdish (Kafr al Kurdi EG)",
    "مبارك": "Mubarak, blessed (Muborak UZ)",
    "مارتن": "Martin (Martin SK)",
    "طراز": "model, type (Taraz KZ)",
    "العيون": "the eyes (Laayoune EH)",
    "الجميل": "the beautiful (Al Jumayl LY)",
    "دورا": "a role (Dura PS)",
    "دينار": "dinar (Dinar TR)",
    "الخبراء": "the experts (Al Khabra SA)",
    "الخمس": "the five (Al Khums LY)",
    "الخضراء": "the green (Rahat IL)",
    "الأم": "the mother (Ilam IR)",
    "سالم": "a first name (Salem IN)",
    "جان": "Jean (Dschang CM)",
    "حديثه": "his talk (Haditha IQ)",
    "الخبر": "the news (Khobar SA: a real loss, but 'the news' dominates)",
    "رأي": "opinion (Rye US)",
    "إير": "air, in brand names (Ayr GB)",
    "بار": "in كبار read as ك + بار (Bar ME)",
    "ميل": "mile (Milagro EC)",
    "لويس": "Luis, Louis (Lewes GB)",
    "بولي": "poly- (Bolu TR)",
    "رانس": "in فرانس (Reims FR)",
    "مدينة": "city (an alias of Medina, which is المدينة المنورة)",
    "المدينة": "the city (Medina SA, Al Madinah IQ)",
    "الجديدة": "the new (El Jadida MA)",
    "العين": "the eye (Al Ain AE)",
    "الحي": "the quarter (Al Hayy IQ)",
    "اتن": "in فاتن (a first name) read as ف + اتن (Athens, which news spells أثينا)",
    "ريم": "in كريم read as ك + ريم (Rome, which news spells روما)",
    "بلد": "country (Balad IQ)",
    "وقف": "stopped, endowment (Al Waqf EG)",
    "الأشهر": "the months (Alasehir TR)",
    "خبر": "news (Khobar SA)",
    "الوجه": "the face (Al Wajh SA)",
    "الحمام": "the bath, pigeons (Al Hammam EG)",
    "الساحل": "the coast (As Sahil EG)",
    "أمان": "safety (an alias of Amman, which news spells عمان)",
    "الصف": "the row, the rank (As Saff EG)",
    "بورصة": "stock exchange (Bursa TR)",
    "كورونا": "the coronavirus (Corona US)",
    "الباب": "the door (Al Bab SY)",
    "جاكسون": "the surname Jackson (Jackson US)",
    "فريدريك": "the first name Frederick (Frederick US)",
    "فلاديمير": "the first name Vladimir (Vladimir RU)",
    "بشار": "the first name Bashar (Bechar DZ)",
    "كاميرون": "the surname Cameron (Cameroon, which news spells الكاميرون)",
    "بالمر": "the surname Palmer (Palmer US)",
    "بخاري": "the surname Bukhari (Bukhara UZ)",
    "وادي": "valley (El Oued DZ)",
    "الشهداء": "the martyrs (Ash Shuhada EG)",
    "القائم": "the existing (Al Qaim IQ)",
    "السد": "the dam (As Sadd QA)",
    "الطرف": "the side (At Taraf SA)",
    "دوما": "always (Douma SY: a real loss in Syrian news)",
    "البيضاء": "the white (Al Bayda LY; الدار البيضاء still matches)",
    "عنك": "about you (Inak SA)",
    "وين": "where, colloquial (an alias of Vienna)",
    "المنشأة": "the facility (Al Minshah EG)",
    "الحرية": "freedom (Liberdade BR)",
    "كريمة": "generous (Kurayyimah JO)",
    "ديلي": "Daily, in paper names (Dili TL)",
    "أبا": "father (Aba NG)",
    "الهندية": "Indian (Al Hindiyah IQ)",
    "مشهد": "scene (Mashhad IR)",
    "كلينتون": "the surname Clinton (Clinton US)",
    "حجة": "argument, pretext (Hajjah YE)",
    "الطبقة": "the class, the layer (Tabqa SY)",
    "سلطات": "authorities (Settat MA)",
    "ينقل": "transfers (Yanqul OM)",
    "رشيد": "the first name Rashid (Rosetta EG)",
    "تربة": "soil (Turubah SA)",
}
STOPLIST: frozenset[str] = frozenset(normalize(w) for w in _STOPWORDS)

#: the 22 Arab League members: their towns are accepted at any population
_ARAB_LEAGUE = frozenset(
    [
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
    ]
)
#: a place elsewhere is accepted only if it is a country or a capital, this populous, or its name
#: has at least _LONG_NAME letters: short transliterations of small foreign towns are mostly Arabic
#: words (كان Caen, قوله Kavala, هوية Hue)
_BIG = 1_000_000
_LONG_NAME = 5

#: longest place name in words
_MAX_WORDS = 5
#: a document's mention of a country within this many characters counts double
_NEAR = 300


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    geonameid: int
    name_ar: str
    name_en: str
    country: str
    lat: float
    lon: float
    fclass: str  # "P" populated place, "A" country
    fcode: str
    population: int

    @property
    def ref(self) -> str:
        return f"geonames:{self.geonameid}"


@dataclass(frozen=True, slots=True)
class Gazetteer:
    #: normalised name → the places it can be
    names: dict[str, tuple[Place, ...]]
    #: normalised nationality adjective → ISO2 country code
    adjectives: dict[str, str]
    #: the country entry of each ISO2 code
    countries: dict[str, Place]
    #: names that are also common words: places only in context (see ``CUES``)
    ambiguous: frozenset[str] = frozenset()


def _plausible(key: str, p: Place) -> bool:
    return (
        p.fclass == "A"
        or p.fcode == "PPLC"
        or p.country in _ARAB_LEAGUE
        or p.population >= _BIG
        or len(key.replace(" ", "")) >= _LONG_NAME
    )


def _strong(cands: tuple[Place, ...]) -> bool:
    """Worth reading a bare proclitic off a word for (بموسكو، لدمشق), unlike لجنة → ل + جنة."""
    return any(
        p.fclass == "A" or p.fcode == "PPLC" or p.population >= _BIG or p.country in _ARAB_LEAGUE
        for p in cands
    )


def _fold(text: str) -> str:
    return normalize(text).translate(_EXTRA_FOLD)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Read the package's gazetteer and nationality tables (once; later calls return the same)."""
    data = resources.files("khabar") / "data"
    by_key: dict[str, list[Place]] = {}
    places: dict[int, Place] = {}
    content = gzip.decompress((data / _GAZ_FILE).read_bytes()).decode("utf-8")
    lines = content.splitlines()
    for line in lines[1:]:
        key, gid, name_ar, name_en, cc, lat, lon, fclass, fcode, pop = line.split("\t")
        g = int(gid)
        place = places.get(g)
        if place is None:
            place = Place(g, name_ar, name_en, cc, float(lat), float(lon), fclass, fcode, int(pop or 0))
            places[g] = place
        by_key.setdefault(key, []).append(place)
    countries = {p.country: p for p in places.values() if p.fclass == "A"}
    adjectives: dict[str, str] = {}
    for line in (data / _NAT_FILE).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("form\t"):
            continue
        form, cc, kind = line.split("\t")
        if kind == "adj":
            adjectives[_fold(form)] = cc
    names: dict[str, tuple[Place, ...]] = {}
    for key, cands in by_key.items():
        if key in STOPLIST:
            continue
        kept = tuple(p for p in cands if _plausible(key, p))
        if kept:
            names[key] = kept
    ambiguous = frozenset(
        line.split("\t", 1)[0]
        for line in (data / _AMBIGUOUS_FILE).read_text(encoding="utf-8").splitlines()[1:]
        if line and not line.startswith("#")
    )
    # Compound names are often written glued (كفرالشيخ، عينالعرب is rare but ابوظبي، بنيسويف are not):
    # each multi-word name is also a key without its spaces, unless that spelling is a name already
    for key, kept in list(names.items()):
        glued = key.replace(" ", "")
        # ("ال معراج" is a transliterated El …: glued, it is the noun المعراج)
        if glued != key and len(glued) >= 6 and not key.startswith("ال ") and glued not in names:
            names[glued] = kept
    return Gazetteer(names, adjectives, countries, ambiguous)


def nationality_country(word: str) -> str | None:
    """The ISO2 country of a nationality adjective (``الروسية`` → ``RU``; clitics allowed)."""
    adj = load_gazetteer().adjectives
    for r in readings(_fold(word)):
        if r.stem in adj:
            return adj[r.stem]
    return None


@dataclass(slots=True)
class _Match:
    start: int  # in the normalised view
    end: int
    candidates: tuple[Place, ...]


def _matches(view: str, gaz: Gazetteer) -> tuple[list[_Match], list[tuple[int, str]]]:
    """Place-name matches (longest first, left to right) and nationality mentions in ``view``."""
    toks = [t for t in iter_tokens(view) if t.text[0].isalpha()]
    out: list[_Match] = []
    adjs: list[tuple[int, str]] = []
    i = 0
    while i < len(toks):
        # the run of following tokens separated from the previous one by spaces only
        j = i + 1
        while j < len(toks) and j - i < _MAX_WORDS and view[toks[j - 1].end : toks[j].start].strip(" ") == "":
            j += 1
        found = None
        firsts = readings(toks[i].text)
        for n in range(j - i, 0, -1):
            rest = "".join(" " + t.text for t in toks[i + 1 : i + n])
            for r in firsts:
                cands = gaz.names.get(r.stem + rest)
                if cands and r.cut and not r.stem.startswith("ال") and not _strong(cands):
                    continue  # a bare و/ف/ب/ل/ك before a small town's name: more likely a word
                if not cands and r.bare != r.stem:
                    # GeoNames writes some names without the article Arabic writes them with
                    # (خرطوم for الخرطوم): only for places that matter, not any town named like a noun
                    cands = gaz.names.get(r.bare + rest)
                    if cands and not _strong(cands):
                        cands = None
                if cands:
                    found = _Match(toks[i].start + r.cut, toks[i + n - 1].end, cands)
                    break
            if found:
                i += n
                break
        if found:
            out.append(found)
            continue
        for r in firsts:
            cc = gaz.adjectives.get(r.stem)
            if cc:
                adjs.append((toks[i].start, cc))
                break
        i += 1
    return out, adjs


def _resolve(matches: list[_Match], adjs: list[tuple[int, str]]) -> list[Place]:
    evidence: list[tuple[int, str]] = list(adjs)
    for m in matches:
        ccs = {p.country for p in m.candidates}
        country = next((p.country for p in m.candidates if p.fclass == "A"), None)
        if country is None and len(ccs) == 1:
            country = next(iter(ccs))
        if country:
            evidence.append((m.start, country))

    def score(m: _Match, p: Place) -> float:
        s = math.log10(p.population + 10)
        if p.fcode == "PPLC":
            s += 0.5
        if p.fclass == "A":
            s += 1.0
        support = sum(
            2.0 if abs(pos - m.start) <= _NEAR else 1.0
            for pos, cc in evidence
            if cc == p.country and pos != m.start
        )
        return s + min(support, 4.0)

    return [max(m.candidates, key=lambda p: score(m, p)) for m in matches]


def find_places(text: str, ner_places: Collection[tuple[int, int]] = ()) -> list[Span]:
    """LOC spans of the places named in ``text``, each with its GeoNames ref and coordinates.

    ``ner_places``: ``(start, end)`` of the spans a NER model read as places; a name that is also a
    common word (سلمية "peaceful", الحراك "the movement") is a place only there or after a cue word
    (في، مدينة، ريف …).
    ``attrs``: ``ref`` (``geonames:<id>``), ``name`` (English), ``country`` (ISO2), ``lat``, ``lon``,
    ``population``. ``span.text == text[span.start:span.end]``.
    """
    if not text:
        return []
    gaz = load_gazetteer()
    nv = normalize_view(text)
    view = nv.text.translate(_EXTRA_FOLD)
    matches, adjs = _matches(view, gaz)
    if gaz.ambiguous:
        ner = set(ner_places)
        matches = [m for m in matches if _in_context(view, m, gaz, nv, ner)]
    spans: list[Span] = []
    for m, place in zip(matches, _resolve(matches, adjs), strict=True):
        start, end = nv.to_text_span(m.start, m.end)
        spans.append(
            Span(
                start,
                end,
                "LOC",
                text[start:end],
                {
                    "ref": place.ref,
                    "name": place.name_en,
                    "country": place.country,
                    "lat": place.lat,
                    "lon": place.lon,
                    "population": place.population,
                },
            )
        )
    return spans


def _in_context(view: str, m: _Match, gaz: Gazetteer, nv: NormalizedView, ner: set[tuple[int, int]]) -> bool:
    """Whether a match stands as a place: not an ambiguous name, or one the context makes a place."""
    if view[m.start : m.end] not in gaz.ambiguous:
        return True
    if nv.to_text_span(m.start, m.end) in ner:
        return True
    before = view[max(0, m.start - 40) : m.start].split()  # the word before, without splitting the page
    prev = before[-1] if before else ""
    return prev in CUES or (prev[:1] in "وف" and prev[1:] in CUES)
