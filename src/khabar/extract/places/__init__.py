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

The layer is a package along the lines its steps divide: ``gazetteer`` (the tables, read once through
:mod:`khabar.data`, and the place confidence model), ``match`` (gazetteer matching over the normalised
view, the context readers, outlets), ``evidence`` (each match's features, qualifiers, homonym
resolution), ``rules`` (the evidence test, the vetoes, named sites and regions) and ``find`` (the pass
that runs them: :func:`analyse_places`, :func:`find_places`).
"""

from __future__ import annotations

from khabar.extract.places.find import analyse_places, find_places, ref_features
from khabar.extract.places.gazetteer import (
    ARAB_LEAGUE,
    NATIONALITY_CONFIDENCE,
    OUTLET_CONFIDENCE,
    STOPLIST,
    Gazetteer,
    Outlet,
    Place,
    WordInfo,
    _fold,
    default_threshold,
    load_gazetteer,
    nationality_country,
    outlet_of,
    place_confidence,
    prominent,
)
from khabar.extract.places.match import PlaceFinding, _place_readings

__all__ = [
    "ARAB_LEAGUE",
    "NATIONALITY_CONFIDENCE",
    "OUTLET_CONFIDENCE",
    "STOPLIST",
    "Gazetteer",
    "Outlet",
    "Place",
    "PlaceFinding",
    "WordInfo",
    "_fold",
    "_place_readings",
    "analyse_places",
    "default_threshold",
    "find_places",
    "load_gazetteer",
    "nationality_country",
    "outlet_of",
    "place_confidence",
    "prominent",
    "ref_features",
]
