"""The refs stage's checks after the organisations are found (khabar.extract.refs_stage). Examples
written for these tests."""

from __future__ import annotations

from khabar.api import process_text
from khabar.pipeline import FACT_STAGES


def _roles(text: str) -> dict[str, list[str]]:
    doc = process_text(text, extra=FACT_STAGES)
    return {
        str(r["name"]): [x["role"] for x in r.get("roles", [])]
        for r in doc.refs.values()
        if r.get("kind") == "person"
    }


def test_a_title_inside_an_institutions_name_is_not_the_next_persons() -> None:
    # why: "king" belongs to the name the centre is named after, not to the director named after it
    got = _roles("وزار مدير مركز الملك فهد للأبحاث الطبية الدكتور خالد بن سعد الزهراني المستشفى الجامعي أمس.")
    assert "king" not in got.get("خالد بن سعد الزهراني", [])


def test_a_title_an_organisations_name_ends_on_stays_the_next_persons() -> None:
    # why: in "the forces loyal to the former president X" the title is X's, though the org finder
    # reads the forces' name up to it
    got = _roles("واشتبكت القوات الموالية للرئيس السابق علي عبدالله صالح مع المقاومة في تعز.")
    assert "president" in got.get("علي عبدالله صالح", [])


def test_a_title_inside_a_named_sites_name_is_not_the_next_persons() -> None:
    # why: the hospital is named after a king; its director is no king (the place layer reads the
    # hospital as a named site, FAC, not as an organisation)
    got = _roles(
        "وقال مدير مستشفى الملك خالد الجامعي بالرياض الدكتور ناصر بن محمد العتيبي إن الحالات مستقرة."
    )
    assert "king" not in got.get("ناصر بن محمد العتيبي", [])


def test_an_office_holds_the_body_it_heads() -> None:
    # why (sample Q): "الأمين العام للأمم المتحدة" and "رئيس مجلس إدارة نادي …" kept the office
    # alone (secretary-general of nothing); the body right after it is the office's
    text = (
        "وقال الأمين العام لجامعة الدول العربية نبيل العربي إن الوضع خطير. وأوضح رئيس مجلس إدارة نادي "
        "الطائف الأدبي الدكتور سعد الحربي أن النادي مستعد. وقال وزير الخارجية لوران فابيوس إن فرنسا مستعدة."
    )
    doc = process_text(text, extra=FACT_STAGES)
    orgs = {
        str(ref.get("name")): [
            (r.get("text"), (r.get("org") or {}).get("name")) for r in ref.get("roles") or []
        ]
        for ref in doc.refs.values()
        if ref.get("kind") == "person"
    }
    assert orgs["نبيل العربي"] == [("الأمين العام", "جامعة الدول العربية")]
    assert orgs["سعد الحربي"][0][1] == "نادي الطائف الأدبي"
    assert orgs["لوران فابيوس"] == [("وزير الخارجية", None)]  # a ministry in its title, no body after


def _orgs(text: str) -> list[str]:
    doc = process_text(text, extra=FACT_STAGES)
    return [
        str(r["name"]) for r in doc.refs.values() if r.get("kind") == "org" and r.get("org_kind") != "media"
    ]


def test_a_body_a_title_runs_into_is_an_organisation() -> None:
    # why: "the chairman of the Supreme Council of Universities" names the council, a body of its own,
    # though the title's span reaches into its head noun
    assert "المجلس الأعلى للتعليم" in _orgs("وقال وزير التعليم رئيس المجلس الأعلى للتعليم إن الخطة جاهزة.")


def test_a_board_a_title_runs_into_is_an_office() -> None:
    # why: "the chairman of the board" is an office; the board is no organisation of its own
    assert not any(
        o.startswith("مجلس الإدارة") for o in _orgs("وقال رئيس مجلس الإدارة المهندس سعد إن الأرباح زادت.")
    )
