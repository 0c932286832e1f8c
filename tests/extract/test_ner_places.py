"""Places the NER model alone read, dropped where the document names the words as something else
(khabar.extract.ner_places), and the place layer's vetoes applied to the NER's reading
(khabar.extract.places_stage). Examples written for these tests, not taken from a gold set."""

from __future__ import annotations

from khabar.api import process_text
from khabar.extract.ner_places import screen_ner_places
from khabar.extract.places import analyse_places
from khabar.extract.places_stage import NOT_A_PLACE, _drop_vetoed
from khabar.model import Document, Span
from khabar.pipeline import FACT_STAGES


def _doc(text: str, spans: list[tuple[str, str, dict[str, object]]]) -> Document:
    """A document of ``text`` with a span over the first occurrence of each word."""
    doc = Document(id="t", raw=text, text=text)
    for label, words, attrs in spans:
        start = text.index(words)
        doc.entities.append(Span(start, start + len(words), label, words, dict(attrs)))
    return doc


def _locs(doc: Document) -> list[str]:
    return [e.text for e in doc.entities if e.label == "LOC"]


def test_a_persons_family_name_read_as_a_place_is_dropped() -> None:
    # why: the NER reads a foreign surname alone as a place; the same document gives the whole name
    text = "وقالت المستشارة الألمانية أنجيلا ميركل إن الاتفاق مهم، وأضافت ميركل أن باريس ستدعمه."
    doc = _doc(text, [("PERSON", "أنجيلا ميركل", {"confidence": 0.95})])
    doc.entities.append(Span(text.rindex("ميركل"), text.rindex("ميركل") + 5, "LOC", "ميركل", {}))
    doc.entities.append(Span(text.index("باريس"), text.index("باريس") + 5, "LOC", "باريس", {}))
    screen_ner_places(doc)
    assert _locs(doc) == ["باريس"]
    assert doc.signals["entities_dropped"] == {"loc_is_person": 1}


def test_a_doubtful_person_is_no_evidence_against_a_place() -> None:
    # why: a person span below the shown threshold (a town the NER read as a name) must not remove
    # the place reading of the same word
    text = "زار الوفد مدينة كركوك ثم عاد إلى كركوك مساء."
    doc = _doc(text, [("PERSON", "كركوك", {"confidence": 0.2})])
    doc.entities.append(Span(text.rindex("كركوك"), text.rindex("كركوك") + 5, "LOC", "كركوك", {}))
    screen_ner_places(doc)
    assert "كركوك" in _locs(doc)


def test_a_head_noun_alone_is_no_place_name() -> None:
    # why: المحافظة / الميناء with the article point back at a place named before; they are no names
    text = "وصلت السفينة إلى الميناء صباحا وغادرت المحافظة بعد الظهر."
    doc = _doc(text, [("LOC", "الميناء", {}), ("LOC", "المحافظة", {})])
    screen_ner_places(doc)
    assert _locs(doc) == []
    assert doc.signals["entities_dropped"] == {"loc_head_noun": 2}


def test_a_name_after_a_head_noun_stays_a_place() -> None:
    # why: حي / بلدة before a name say it is a place even where the name is also a club or a person's
    text = "افتتح المركز في حي الشباب وفي بلدة كيليس قرب الحدود."
    doc = _doc(text, [("LOC", "الشباب", {}), ("LOC", "كيليس", {}), ("PERSON", "كيليس", {"confidence": 0.99})])
    screen_ner_places(doc)
    assert _locs(doc) == ["الشباب", "كيليس"]


def test_an_organisation_of_the_ner_gazetteer_is_not_a_place() -> None:
    # why: الفيفا is an organisation to the NER model's own gazetteer, never a place there
    text = "وأعلن الفيفا عن موعد الانتخابات."
    doc = _doc(text, [("LOC", "الفيفا", {})])
    screen_ner_places(doc)
    assert _locs(doc) == []


def test_linked_places_and_regions_are_never_screened() -> None:
    # why: only the NER's own readings are doubtful here; the gazetteer and the region list decided
    text = "وقال هولاند في باريس إن المدينة تستعد."
    doc = _doc(
        text,
        [
            ("PERSON", "هولاند", {"confidence": 0.99}),
            ("LOC", "باريس", {"ref": "geonames:2988507"}),
            ("LOC", "المدينة", {"kind": "region"}),
        ],
    )
    screen_ner_places(doc)
    assert _locs(doc) == ["باريس", "المدينة"]


def test_a_vetoed_gazetteer_name_takes_the_ner_place_with_it() -> None:
    # why: the place layer weighed the NER's reading and read the words as a club; the NER's LOC
    # over the same words (with a proclitic) is dropped, a linked or other span is not
    text = "وتغلب وليون على موناكو."
    doc = _doc(text, [("LOC", "وليون", {}), ("LOC", "موناكو", {})])
    start = text.index("ليون")
    other = text.index("موناكو")
    _drop_vetoed(doc, [(start, start + 4, "club"), (other, other + 6, "elsewhere")])
    assert _locs(doc) == ["موناكو"]
    assert doc.signals["entities_dropped"] == {"place_vetoed": 1}
    assert "club" in NOT_A_PLACE and "elsewhere" not in NOT_A_PLACE


def test_end_to_end_a_club_in_a_list_of_clubs_is_no_place() -> None:
    # why: the whole pipeline: a town that is a famous club's name, after a match verb and before a
    # masculine nationality adjective; the NER reads it as a place, the place layer as the club
    doc = process_text(
        "وتأهل فريق أرسنال الإنجليزي بعد فوزه على نابولي الإيطالي وبورتو البرتغالي في دوري الأبطال.",
        extra=FACT_STAGES,
    )
    assert not [e for e in doc.entities if e.label == "LOC" and e.text in ("نابولي", "وبورتو", "بورتو")]
    # نابولي by the place layer's club veto, بورتو (NER-only) by the adjective after it
    assert doc.signals["entities_dropped"] == {"place_vetoed": 1, "loc_is_club": 1}


def test_an_airport_before_a_town_and_its_adjective_is_no_club() -> None:
    # why: in مطار X الأردني the adjective agrees with the airport, not with a club named X; the veto
    # "club" would take the NER's place reading of the town with it
    text = "وتحولت الرحلة إلى مطار العقبة الأردني بسبب الأحوال الجوية."
    start = text.index("العقبة")
    found = analyse_places(text, [(start, start + 6, "LOC")])
    assert all(why != "club" for s, _, why in found.declined if s == start)


def test_a_name_linked_at_another_mention_stays_a_place() -> None:
    # why: one mention the gazetteer linked tells what the same word is at the others
    # (كابل is an organisation to the NER model's gazetteer: a cable company)
    text = "وصل الوفد إلى كابل، وتحدث عن حلفاء كابل."
    doc = _doc(text, [("LOC", "كابل", {"ref": "geonames:1138958"})])
    doc.entities.append(Span(text.rindex("كابل"), text.rindex("كابل") + 4, "LOC", "كابل", {}))
    screen_ner_places(doc)
    assert _locs(doc) == ["كابل", "كابل"]
    del doc.entities[0]
    screen_ner_places(doc)
    assert _locs(doc) == []


def test_a_place_in_a_diseases_name_is_no_place() -> None:
    # why: فيروس / متلازمة before a name make it the disease's (MERS is "the Middle East respiratory
    # syndrome"); the place layer vetoes its gazetteer reading and the NER's reading goes with it
    doc = process_text("سجلت وزارة الصحة حالتين جديدتين بفيروس كورونا في الرياض.", extra=FACT_STAGES)
    assert [e.text for e in doc.entities if e.label == "LOC"] == ["الرياض"]
    doc = process_text("أعلنت الوزارة إصابة جديدة بمتلازمة الشرق الأوسط التنفسية في جدة.", extra=FACT_STAGES)
    assert [e.text for e in doc.entities if e.label == "LOC"] == ["جدة"]
    text = "وأكدت الوزارة أن فيروس إيبولا لم يصل."
    doc = _doc(text, [("LOC", "إيبولا", {})])
    screen_ner_places(doc)
    assert _locs(doc) == [] and doc.signals["entities_dropped"] == {"loc_disease": 1}


def test_a_word_of_a_title_is_no_place() -> None:
    # why (sample H): العهد of ولي العهد "the crown prince" was a place on every royal-news page
    text = "واستقبل نائب الملك الأمير فيصل في القصر."
    doc = _doc(text, [("ROLE", "نائب الملك", {}), ("LOC", "الملك", {})])
    screen_ner_places(doc)
    assert _locs(doc) == []
    assert doc.signals["entities_dropped"] == {"loc_in_role": 1}


def test_a_currency_and_a_disease_are_no_places() -> None:
    # why (sample H): مليون درهم and كورونا alone were places the NER read
    text = "بلغت الصفقة 40 مليون دينار، وأعلنت الوزارة تسجيل إصابات بإيبولا في القرية."
    doc = _doc(text, [("LOC", "دينار", {}), ("LOC", "بإيبولا", {})])
    screen_ner_places(doc)
    assert _locs(doc) == []
    assert doc.signals["entities_dropped"] == {"loc_unit": 1, "loc_disease": 1}


def test_a_name_after_a_mans_nationality_is_a_person_at_every_mention() -> None:
    # why (sample H): السويسري بلاتر; every other NER-only mention of the name goes with it
    text = "وقال المدرب البرتغالي فييرا إن الفريق جاهز، وأضاف فييرا أن لشبونة تنتظر."
    doc = _doc(text, [("LOC", "لشبونة", {})])
    for at in (text.index("فييرا"), text.rindex("فييرا")):
        doc.entities.append(Span(at, at + 5, "LOC", "فييرا", {}))
    screen_ner_places(doc)
    assert _locs(doc) == ["لشبونة"]
    # a feminine adjective may stand before a place: المدينة السعودية جدة stays
    text = "ووصل الوفد إلى المدينة السعودية ينبع مساء."
    doc = _doc(text, [("LOC", "ينبع", {})])
    screen_ner_places(doc)
    assert _locs(doc) == ["ينبع"]


def test_a_noun_after_a_demonstrative_is_no_place() -> None:
    # why (sample H): "هذا الخبر" (this news) was the town الخبر
    text = "وأسعدنا هذا الخبر كثيرا، ثم سافرنا إلى الخبر."
    doc = _doc(text, [("LOC", "الخبر", {})])
    at = text.rindex("الخبر")
    doc.entities.append(Span(at, at + 5, "LOC", "الخبر", {}))
    screen_ner_places(doc)
    assert [e.start for e in doc.entities if e.label == "LOC"] == [at]
    assert doc.signals["entities_dropped"] == {"loc_common_noun": 1}


def test_an_operations_name_is_no_place() -> None:
    # why (sample J): الحزم of عاصفة الحزم (Operation Decisive Storm) was a place the NER alone read
    text = "وقال المتحدث إن عاصفة الحزم حققت أهدافها وإن الوفد وصل إلى تعز."
    doc = _doc(text, [("LOC", "الحزم", {}), ("LOC", "تعز", {})])
    screen_ner_places(doc)
    assert _locs(doc) == ["تعز"]
    assert doc.signals["entities_dropped"] == {"loc_event": 1}


def test_a_persons_name_that_some_small_town_bears_is_still_the_person() -> None:
    # why (sample K): كلينتون beside هيلاري كلينتون stayed a NER-only place because GeoNames has
    # towns named Clinton; the place layer did not link it, so the document's person wins
    text = "وقالت المرشحة هيلاري كلينتون إن حملتها مستمرة، وتقدمت كلينتون في ولاية أيوا."
    doc = _doc(text, [("PERSON", "هيلاري كلينتون", {"confidence": 0.95})])
    at = text.rindex("كلينتون")
    doc.entities.append(Span(at, at + 7, "LOC", "كلينتون", {}))
    screen_ner_places(doc)
    assert _locs(doc) == []
    assert doc.signals["entities_dropped"] == {"loc_is_person": 1}


def test_a_name_read_first_as_a_word_and_no_arab_towns_is_no_place() -> None:
    # why (samples K and M): مشهد "scene", كريمة "generous" (a Jordanian village), البسيط "the simple"
    # (Albacete) stayed places without coordinates where the NER read them; a Saudi town written the
    # same way as a word (بريدة beside البريد "the mail") stays
    text = "وقال إن المشهد جميل، لكنه في الواقع مشهد مؤلف من عوامل كثيرة، وزار الوفد بريدة أمس."
    doc = _doc(text, [])
    for w in ("مشهد", "بريدة"):
        at = text.index(w, text.index("الواقع") if w == "مشهد" else 0)
        doc.entities.append(Span(at, at + len(w), "LOC", w, {}))
    screen_ner_places(doc)
    assert _locs(doc) == ["بريدة"]
    assert doc.signals["entities_dropped"] == {"loc_word": 1}


def test_a_fixed_phrase_after_the_span_is_no_place() -> None:
    # why (samples H and M): "عجزه عن النيل من أمن" (to undermine) kept النيل as a place
    text = "وقال إن التنظيم عاجز عن النيل من أمن المملكة، ثم أبحرت السفينة في النيل أمس."
    doc = _doc(text, [])
    for at in (text.index("النيل"), text.rindex("النيل")):
        doc.entities.append(Span(at, at + 5, "LOC", "النيل", {}))
    screen_ner_places(doc)
    assert [e.start for e in doc.entities if e.label == "LOC"] == [text.rindex("النيل")]
    assert doc.signals["entities_dropped"] == {"loc_phrase": 1}


def test_a_stub_cut_out_of_a_word_is_no_place() -> None:
    # why (samples L and M): "بدرو" (Pedro) and "باغا" (Baga) came out as the places درو and اغا
    text = "وسجل بيدرو هدفا، ولعب بدرو في الوسط، ثم سافر الفريق إلى بغداد."
    doc = _doc(text, [])
    at = text.index("بدرو") + 1
    doc.entities.append(Span(at, at + 3, "LOC", "درو", {}))
    screen_ner_places(doc)
    assert _locs(doc) == []
    assert doc.signals["entities_dropped"] == {"loc_stub": 1}


def test_a_stop_listed_word_the_ner_read_as_a_place_is_the_word() -> None:
    # why (samples M and N): "في أمن وأمان" (in safety), "مزيد من الصور" (more pictures) and "بورصة
    # مصر" (the stock exchange) were places without coordinates; الخبر، which the stoplist marks as
    # read by the NER as Khobar, stays
    text = "وتعيش البلاد في أمن وأمان، وارتفعت بورصة مصر، ووصل الوفد إلى الخبر أمس."
    doc = _doc(text, [])
    for w in ("وأمان", "بورصة", "الخبر"):
        at = text.index(w)
        doc.entities.append(Span(at, at + len(w), "LOC", w, {}))
    screen_ner_places(doc)
    assert _locs(doc) == ["الخبر"]
    assert doc.signals["entities_dropped"] == {"loc_word": 2}


def test_a_name_after_a_title_is_a_person_at_every_mention() -> None:
    # why (sample O): "الرئيس هولاند" and ten more mentions of هولاند were a place without coordinates
    # (GeoNames has a Holland, Michigan); an office with the article takes a name, a country follows
    # one without it (رئيس مصر)
    text = "وقال الرئيس ماكرون إن فرنسا ستشارك، وأكد ماكرون أن رئيس مالي وافق."
    doc = _doc(text, [])
    for at in (text.index("ماكرون"), text.rindex("ماكرون")):
        doc.entities.append(Span(at, at + 6, "LOC", "ماكرون", {}))
    at = text.rindex("مالي")
    doc.entities.append(Span(at, at + 4, "LOC", "مالي", {}))
    screen_ner_places(doc)
    assert _locs(doc) == ["مالي"]
    assert doc.signals["entities_dropped"] == {"loc_is_person": 2}


def test_a_common_noun_the_document_also_writes_bare_is_no_place() -> None:
    # why (sample O): a fire story's "الحريق" (the fire) and a climbers' "الجبل" (the mountain) were
    # places; the text had said حريق and جبل. الخليج (the Gulf) stays beside خليج عمان: the article's
    # form is a name far more often than the bare word is a word
    text = "اندلع حريق في مستودع، وسيطرت الفرق على الحريق. وتقع المدينة على خليج عمان، وتطل على الخليج."
    doc = _doc(text, [])
    for w in ("الحريق", "الخليج"):
        at = text.rindex(w)
        doc.entities.append(Span(at, at + len(w), "LOC", w, {}))
    screen_ner_places(doc)
    assert _locs(doc) == ["الخليج"]
    assert doc.signals["entities_dropped"] == {"loc_common_noun": 1}
    # without the bare word in the text, the span is left to the other screens
    text = "وسيطرت الفرق على الحريق مساء."
    doc = _doc(text, [("LOC", "الحريق", {})])
    screen_ner_places(doc)
    assert _locs(doc) == ["الحريق"]


def test_an_adjective_after_an_indefinite_noun_is_no_place() -> None:
    # why (sample O): "صندوق مالي" (a financial fund) and "تنشئة طيبة" (a good upbringing) were places;
    # after a preposition or a direction the name stays (شمال مالي، في مالي)
    text = "وأعلن البنك إنشاء صندوق مالي جديد، وقال إن القوات انسحبت من شمال مالي، وتعيش الأسر حياة طيبة."
    doc = _doc(text, [])
    for w, at in (("مالي", text.index("مالي")), ("مالي", text.rindex("مالي")), ("طيبة", text.index("طيبة"))):
        doc.entities.append(Span(at, at + len(w), "LOC", w, {}))
    screen_ner_places(doc)
    assert [e.start for e in doc.entities if e.label == "LOC"] == [text.rindex("مالي")]
    assert doc.signals["entities_dropped"] == {"loc_adjective": 2}


def test_a_name_before_a_masculine_nationality_adjective_is_a_club() -> None:
    # why (samples N, O, P): "نيس الهولندي" (NEC), "بورتو البرتغالي", "كروزيرو البرازيلي" were places
    # without coordinates; a town takes the feminine adjective, and a port's head noun keeps its name
    text = "ولعب الفريق أمام أياكس الهولندي، ثم وصلت السفينة إلى ميناء كاليه الفرنسي قرب ليل الفرنسية."
    doc = _doc(text, [("LOC", "أياكس", {}), ("LOC", "كاليه", {}), ("LOC", "ليل", {})])
    screen_ner_places(doc)
    assert _locs(doc) == ["كاليه", "ليل"]
    assert doc.signals["entities_dropped"] == {"loc_is_club": 1}


def test_an_attribute_of_god_and_a_name_after_a_bare_title_are_no_places() -> None:
    # why (sample Q): "والله الهادي إلى سواء السبيل" (God is the guide) closed many official statements
    # with a place named الهادي, and "دكتور دان شارب" (Dr Dan Sharp) was the place دان; a title without
    # the article takes a name too, but not دولة (دولة قطر is the State of Qatar)
    text = "والله الموفق. وقال دكتور جيمس للصحفيين إن دولة قطر ستشارك."
    doc = _doc(text, [("LOC", "الموفق", {}), ("LOC", "جيمس", {}), ("LOC", "قطر", {})])
    screen_ner_places(doc)
    assert _locs(doc) == ["قطر"]
    assert doc.signals["entities_dropped"] == {"loc_divine_name": 1, "loc_is_person": 1}


def test_a_people_without_a_state_is_no_place() -> None:
    # why (sample R): "الموحدين الدروز في سوريا" (the Druze) was a place without coordinates, 19 times
    text = "ويعيش التركمان في شمال العراق منذ قرون."
    doc = _doc(text, [("LOC", "التركمان", {})])
    screen_ner_places(doc)
    assert _locs(doc) == []
    assert doc.signals["entities_dropped"] == {"loc_people": 1}
