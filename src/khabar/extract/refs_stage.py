"""The ``refs`` stage: roles (ROLE spans) and in-document person refs (issue 4, items 2 and 3).

Kept in its own module so that importing it registers the stage; the pipeline imports it with the
other built-in stage modules.
"""

from __future__ import annotations

import re
from collections import Counter

from khabar.arabic.normalize import normalize
from khabar.extract.linking import link_persons, roles_country, titled
from khabar.extract.names import is_given_name
from khabar.extract.ner_places import screen_ner_places
from khabar.extract.orgs import OrgMatch, find_orgs, org_refs
from khabar.extract.people import is_month, screen_named_places, screen_persons
from khabar.extract.person_rules import CONTEXT_CUES
from khabar.extract.ref_confidence import org_features, person_features, score
from khabar.extract.roles import find_roles
from khabar.model import Document, Span

__all__ = ["HEADING_KINDS", "refs"]

#: block kinds whose lines may name the people a following paragraph describes by role
HEADING_KINDS = frozenset({"title", "heading"})


def refs(doc: Document) -> None:
    """Roles (ROLE spans) and person refs with their roles, linked within the document."""
    for e in doc.entities:
        if e.label == "ORG" and is_month(e.text):
            e.attrs["reject"] = "month"  # a date, not an organisation (نيسان)
    screen_persons(doc.text, [e for e in doc.entities if e.label == "PERSON"])
    screen_named_places(
        doc.text,
        [e for e in doc.entities if e.label == "PERSON"],
        [e for e in doc.entities if e.label == "LOC"],
    )
    persons = [e for e in doc.entities if e.label == "PERSON" and not e.attrs.get("reject")]
    # institutions named after people (مركز الملك سلمان): (head start, name end) for the org finder
    named = [
        (int(e.attrs["named_org_start"]), e.end)
        for e in doc.entities
        if e.label == "PERSON" and "named_org_start" in e.attrs
    ]
    # a title word inside a place's name is not a title (الشيخ in كفر الشيخ، الأمير in عين الأمير)
    places = [(e.start, e.end) for e in doc.entities if e.label == "LOC"]
    roles = [
        r for r in find_roles(doc.text, persons) if not any(a <= r.start and r.end <= b for a, b in places)
    ]
    headings = [
        (b.start, b.end)
        for b in doc.kept()
        if b.kind in HEADING_KINDS and b.start is not None and b.end is not None
    ]
    doc.refs.update(link_persons(doc.text, persons, roles, headings=headings))
    dropped = Counter(str(e.attrs["reject"]) for e in doc.entities if e.attrs.get("reject"))
    if dropped:
        doc.signals.setdefault("entities_dropped", {}).update(dropped)
    doc.entities = [e for e in doc.entities if e.label != "ROLE" and not e.attrs.get("reject")] + roles
    _add_orgs(doc, named)
    _confidence(doc)
    screen_ner_places(doc)
    doc.entities.sort(key=lambda e: (e.start, -e.end))


def _add_orgs(doc: Document, named_after: list[tuple[int, int]]) -> None:
    """Named organisations as ORG spans with ``org:N`` refs (:mod:`khabar.extract.orgs`). The NER's
    ORG spans are replaced by what the org finder keeps; an organisation another stage already gave
    a ref (a media outlet the places stage read) stays as it is."""
    owned = [e for e in doc.entities if e.label == "ORG" and e.attrs.get("ref")]
    # a board that a title runs into (رئيس [مجلس الإدارة]) is read with the title, an office, not an
    # organisation of its own; another body a title runs into is one (وزير العدل رئيس [المجلس الأعلى
    # للقضاء]، رئيس [مجلس محافظة الأنبار]): on a random sample of SaudiNewsNet 16 such bodies, 11 whole
    # and 5 running on past the name (وكيل وزارة الصحة [للتخطيط])
    roles = [e for e in doc.entities if e.label == "ROLE"]

    def board_in_title(m: OrgMatch) -> bool:
        return any(r.start < m.start < r.end < m.end for r in roles) and _board_of(doc.text[m.start : m.end])

    found = [
        m
        for m in find_orgs(doc.text, doc.entities, named_after=named_after)
        if all(m.end <= e.start or m.start >= e.end for e in owned) and not board_in_title(m)
    ]
    spans, refs = org_refs(doc.text, found)
    n = sum(1 for r in doc.refs if r.startswith("org:"))
    renamed = {rid: f"org:{n + k}" for k, rid in enumerate(refs, 1)}
    for sp in spans:
        sp.attrs["ref"] = renamed[sp.attrs["ref"]]
    doc.refs.update({renamed[rid]: r for rid, r in refs.items()})
    doc.entities = [e for e in doc.entities if e.label != "ORG" or e.attrs.get("ref")] + spans
    # a title inside an institution's name is not a title (مركز الملك سلمان للإغاثة), nor is a word the
    # NER alone read as a place, which neither the gazetteer nor the regions confirm (الأحمر in هيئة
    # الهلال الأحمر; a club, تشيلسي, that the NER tagged LOC and the org finder named)
    doc.entities = [
        e
        for e in doc.entities
        if not (e.label == "ROLE" or (e.label == "LOC" and "ref" not in e.attrs and "kind" not in e.attrs))
        or not any(o.start <= e.start and e.end <= o.end for o in spans)
    ]
    # so is a title inside a named site's (مستشفى الملك فهد التخصصي، مدينة الملك عبدالعزيز الطبية)
    sites = [e for e in doc.entities if e.label == "FAC"]
    doc.entities = [
        e
        for e in doc.entities
        if e.label != "ROLE" or not any(o.start <= e.start and e.end < o.end for o in sites)
    ]
    _drop_roles_in_orgs(doc, spans + sites)
    _roles_of_orgs(doc)


def _board_of(name: str) -> bool:
    """Whether an organisation's name is a body's board (مجلس الإدارة، مجلس إدارة الشركة): after a
    title (رئيس مجلس الإدارة) it is read with the title, an office, not a body of its own."""
    words = normalize(name).split()
    return len(words) > 1 and words[1] in ("الاداره", "اداره", "الامناء", "امناء")


#: what may stand between an office and the body it heads: spaces, "the board of" (رئيس مجلس [إدارة]
#: نادي أبها الأدبي), and the ل that the body's span leaves out (الأمين العام ل[لأمم المتحدة])
_ROLE_ORG_GAP = re.compile(r"[ \t\u00a0]+(?:(?:إدارة|ادارة|أمناء|امناء)[ \t\u00a0]+)?ل?")


def _roles_of_orgs(doc: Document) -> None:
    """The body an office belongs to, on each person's role it directly follows (الأمين العام
    [للأمم المتحدة]، رئيس مجلس إدارة [نادي أبها الأدبي]): ``org`` holds the organisation's ref and
    name, so that an archive's reader sees "secretary-general of the United Nations", not of
    anything. The role's span is not moved: the organisation is a fact of its own."""
    orgs = {e.start: e for e in doc.entities if e.label == "ORG" and e.attrs.get("ref") in doc.refs}
    if not orgs:
        return
    for ref in doc.refs.values():
        if ref.get("kind") != "person":
            continue
        for role in ref.get("roles") or ():
            span = role.get("span")
            if not span or "org" in role:
                continue
            m = _ROLE_ORG_GAP.match(doc.text, span[1])
            org = orgs.get(m.end()) if m is not None else None
            if org is not None:
                rid = str(org.attrs["ref"])
                role["org"] = {"ref": rid, "name": doc.refs[rid].get("name") or org.text}


def _drop_roles_in_orgs(doc: Document, orgs: list[Span]) -> None:
    """Take from the person refs the titles that belong to a name inside an organisation's name: the
    king of مركز الملك سلمان للإغاثة or جامعة الملك عبدالعزيز is not the director named after it (the
    linker binds titles before the organisations are found, so the title reached the next name). A
    title the organisation's name ends on, or that an adjective follows (القوات الموالية للرئيس السابق
    علي عبدالله صالح، حكومة الرئيس اليمني), stays the next name's."""
    if not orgs:
        return
    inner = [(o.start, o.end) for o in orgs]

    def named_inside(start: int, end: int) -> bool:
        for a, b in inner:
            if a <= start and end < b:
                words = normalize(doc.text[end:b]).split()
                if words and (is_given_name(words[0]) or words[0] in ("عبد", "ابو", "ابن")):
                    return True
        return False

    for rid, ref in doc.refs.items():
        roles = ref.get("roles") if ref.get("kind") == "person" else None
        if not roles:
            continue
        kept = [r for r in roles if not (r.get("span") and named_inside(*r["span"]))]
        if len(kept) == len(roles):
            continue
        ref["roles"] = kept
        ref["country"] = roles_country(kept)
        gone = {r["role"] for r in roles} - {r["role"] for r in kept}
        for e in doc.entities:
            if e.label == "PERSON" and e.attrs.get("ref") == rid and e.attrs.get("role") in gone:
                del e.attrs["role"]


def fact_features(doc: Document) -> dict[str, tuple[str, dict[str, float]]]:
    """The confidence features of each person and org ref of ``doc`` (after this stage): ref id →
    (``person`` or ``org``, features). Shared by the stage and ``scripts/train_facts_confidence.py``."""
    spans: dict[str, list[Span]] = {}
    for e in doc.entities:
        if e.label in ("PERSON", "ORG") and e.attrs.get("ref"):
            spans.setdefault(str(e.attrs["ref"]), []).append(e)
    out: dict[str, tuple[str, dict[str, float]]] = {}
    for rid, ref in doc.refs.items():
        mine = spans.get(rid, [])
        if ref.get("kind") == "person" and rid.startswith("person:") and mine:
            out[rid] = (
                "person",
                person_features(
                    str(ref.get("name") or ""),
                    mentions=len(mine),
                    role=bool(ref.get("roles")),
                    titled=any(titled(doc.text, e) for e in mine),
                    cued=any(e.attrs.get("cue") in CONTEXT_CUES for e in mine),
                ),
            )
        elif ref.get("kind") == "org" and mine and mine[0].attrs.get("source"):
            name = str(ref.get("name") or "")
            out[rid] = (
                "org",
                org_features(
                    name,
                    source=str(mine[0].attrs["source"]),
                    purpose=any(w.startswith("ل") for w in normalize(name).split()[1:]),
                    mentions=len(mine),
                ),
            )
    return out


def _confidence(doc: Document) -> None:
    """``confidence`` on every person and org ref this stage made, and on their spans."""
    conf = {rid: score(kind, feats) for rid, (kind, feats) in fact_features(doc).items()}
    for rid, c in conf.items():
        doc.refs[rid]["confidence"] = c
    for e in doc.entities:
        if e.label in ("PERSON", "ORG") and e.attrs.get("ref") in conf:
            e.attrs["confidence"] = conf[str(e.attrs["ref"])]
