"""The heading classes of khabar.clean.headings, each on an example of our own (not the gold page
that motivated it)."""

from __future__ import annotations

from khabar.clean.classify import classify_document
from khabar.clean.headings import heading_classes, is_interview_turn, is_item_name
from khabar.clean.segment import segment_raw
from khabar.model import Block

_LONG = "وهي فقرة طويلة تشرح ما سبقها بكلمات كثيرة حتى تبلغ طول الفقرة المعتاد في نص الخبر المنشور اليوم."


def _blocks(pairs: list[tuple[str, str]]) -> list[Block]:
    return [Block(kind, t, 0, len(t)) for kind, t in pairs]


def test_item_name_over_its_description_is_a_heading() -> None:
    # a guide's items, each a dash, a name and a colon over a sentence that describes it
    bs = heading_classes(
        _blocks(
            [
                ("paragraph", "إليك أفضل الحدائق في المدينة:"),
                ("paragraph", "– حديقة الملك عبدالله الكبرى:"),
                ("paragraph", "تقع في وسط المدينة وتضم بحيرة وممرات للمشي ومساحات واسعة للعائلات."),
                ("paragraph", "• حديقة الورود “Rose Garden”:"),
                ("paragraph", "فيها أكثر من مئة نوع من الورد."),
            ]
        )
    )
    assert [b.kind for b in bs] == ["paragraph", "heading", "paragraph", "heading", "paragraph"]


def test_item_name_needs_a_name_not_a_quotation_or_a_list_lead_in() -> None:
    # a verb of speech announces a quotation; a sentence inside is prose; a lead-in over list entries
    # is one more line of the list
    assert not is_item_name("- قال الوزير في كلمته:", _LONG)
    assert not is_item_name("- انتهى الاجتماع. وبعده أضاف الرئيس:", _LONG)
    assert not is_item_name("* المكونات:", "- كوبان من الطحين.")
    assert not is_item_name("حديقة الورود:", _LONG)  # no list mark: the model's call
    assert is_item_name("* المكونات:", "اخلط المكونات جيدا ثم ضعها في الفرن ربع ساعة.")


def test_interview_question_over_a_dashed_answer_is_a_paragraph() -> None:
    # turns of a dialogue (an interview of our own), where an FAQ's question without the dash stays
    bs = heading_classes(
        _blocks(
            [
                ("heading", "متى بدأت الكتابة للأطفال؟"),
                ("paragraph", "ـ بدأت قبل عشرين عاما حين كنت أعلم في مدرسة صغيرة في القرية."),
                ("heading", "كيف أحجز موعدا في العيادة؟"),
                ("paragraph", "يمكنك الحجز عبر الموقع أو بالاتصال على الرقم الموحد."),
            ]
        )
    )
    assert [b.kind for b in bs] == ["paragraph", "paragraph", "heading", "paragraph"]
    assert is_interview_turn("هل أنت راض عن النتيجة؟ ", "- نعم، إلى حد كبير.")
    assert not is_interview_turn("النتيجة النهائية", "- نعم، إلى حد كبير.")


def test_headline_after_a_source_credit_is_a_heading() -> None:
    # a digest of items, each closed by its source in parentheses: the next short line is a headline
    bs = heading_classes(
        _blocks(
            [
                ("heading", "الحكومة تقر ميزانية العام المقبل"),
                ("paragraph", _LONG),
                ("byline", "(صحيفة “الأيام”)"),
                ("paragraph", "ارتفاع أسعار القمح في الأسواق العالمية"),
                ("paragraph", _LONG),
                ("byline", "(وكالة “الأنباء”)"),
                ("paragraph", "انتهى الأمر."),
                ("paragraph", _LONG),
            ]
        )
    )
    assert [b.kind for b in bs][3] == "heading"
    assert [b.kind for b in bs][6] == "paragraph"  # a sentence, not a headline


def test_classify_document_runs_the_heading_classes() -> None:
    # an interview of our own: the line model alone reads two of its questions as subheadings
    text = "\n".join(
        [
            "الكاتبة سارة العلي: الكتابة للأطفال مسؤولية كبيرة",
            "حاورها: خالد محمد",
            "تحدثت الكاتبة سارة العلي في حوار مع الصحيفة عن تجربتها الطويلة في الكتابة للأطفال وعن"
            " الجوائز التي حصلت عليها خلال السنوات الماضية وعن مشاريعها المقبلة.",
            "متى بدأت الكتابة للأطفال؟",
            "ـ بدأت قبل عشرين عاما حين كنت أعلم في مدرسة صغيرة في القرية، وكنت أكتب القصص لتلاميذي"
            " وأقرؤها عليهم في الصف كل صباح.",
            "ما الذي يميز أدب الطفل عن غيره؟",
            "ـ أدب الطفل يحتاج إلى لغة بسيطة وخيال واسع، والطفل قارئ ذكي لا يقبل الاستخفاف بعقله،"
            " ولذلك فهو أصعب مما يظن الكثيرون.",
            "ما مشروعك المقبل؟",
            "ـ أعمل الآن على سلسلة قصص عن البحر والصيادين في الخليج، وأرجو أن تصدر في معرض الكتاب"
            " المقبل إن شاء الله.",
        ]
    )
    blocks, _ = classify_document(segment_raw(text))
    assert [b.kind for b in blocks if b.text.endswith("؟")] == ["paragraph"] * 3


def test_short_heading_between_verses_is_a_verse() -> None:
    # a poem of our own choosing (al-Mutanabbi): the model may read a verse as a subheading, yet a
    # line inside a stanza of short lines announces nothing; a part marker without letters stays a
    # heading, a subheading over a long paragraph stays one, and so does a method's name over its
    # lead-in ("…:") between two short lines
    bs = heading_classes(
        _blocks(
            [
                ("heading", "1 -"),
                ("paragraph", "الخيل والليل والبيداء تعرفني"),
                ("heading", "والسيف والرمح"),
                ("heading", "والقرطاس والقلم"),
                ("paragraph", "أنا الذي نظر الأعمى إلى أدبي"),
                ("paragraph", "وأسمعت كلماتي من به صمم"),
                ("heading", "2 -"),
                ("paragraph", "خلاصة القول."),
                ("heading", "طريقة الحساب"),
                ("paragraph", "تعمل الطريقة كالآتي:"),
                ("heading", "ما قاله النقاد"),
                ("paragraph", _LONG),
            ]
        )
    )
    assert [b.kind for b in bs] == [
        "heading",
        *["paragraph"] * 5,
        "heading",
        "paragraph",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
    ]
