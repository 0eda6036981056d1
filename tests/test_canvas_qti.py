"""The Canvas QTI packages of `make lms`, one per lesson, read back with lxml
(the build writes them with the standard library's ElementTree): every file the
manifest names is in the zip; every question of the lesson that the LMS formats
hold is there with Canvas's question type, its options, each option's feedback
and the right answer, a matching task with each item's right option, the
written tasks as essays; what no format holds is named in the README."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from syria_lesson.build import canvas_qti, formats, lms

Q = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
CP = {"cp": canvas_qti.CP}
KINDS = {"choice": "multiple_choice_question", "match": "matching_question", "essay": "essay_question"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lms")
    lms.build_lms(out)
    return out


def _field(item, label: str) -> str:
    found = item.xpath(f"q:itemmetadata//q:qtimetadatafield[q:fieldlabel='{label}']/q:fieldentry/text()", namespaces=Q)
    return found[0] if found else ""


def _package(built: Path, lesson_id: str) -> tuple[dict, dict]:
    """The lesson's package: its items by ident, and its files by name."""
    with zipfile.ZipFile(built / canvas_qti.name(lesson_id)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    manifest = etree.fromstring(files["imsmanifest.xml"])
    resources = manifest.findall(".//cp:resource", CP)
    for resource in resources:
        assert all(f.get("href") in files for f in resource.iterfind("cp:file", CP))
    quiz = next(r for r in resources if r.get("type") == "imsqti_xmlv1p2")
    meta = {r.get("identifier"): r for r in resources}[quiz.find("cp:dependency", CP).get("identifierref")]
    assert meta.get("type") == canvas_qti.META_TYPE and meta.get("href") in files
    settings = etree.fromstring(files[meta.get("href")])
    assert settings.get("identifier") == quiz.get("identifier")
    assessment = etree.fromstring(files[quiz.find("cp:file", CP).get("href")])
    return {item.get("ident"): item for item in assessment.iterfind(".//q:item", Q)}, {"settings": settings}


def _text(element) -> str:
    return formats.plain(element.findtext(".//q:mattext", namespaces=Q) or "")


def test_every_held_question_with_its_type(built, content):
    for lesson in content.module["lessons"]:
        items, _ = _package(built, lesson["id"])
        held = [q for q in content.lesson_questions(lesson["id"]) if formats.holds(q)]
        assert list(items) == [q["id"] for q in held], lesson["id"]
        for q in held:
            assert _field(items[q["id"]], "question_type") == KINDS[formats.holds(q)], q["id"]


def test_choices_with_every_option_its_feedback_and_the_answer(built, content):
    for lesson in content.module["lessons"]:
        items, _ = _package(built, lesson["id"])
        for q in (q for q in content.lesson_questions(lesson["id"]) if formats.holds(q) == "choice"):
            item, found = items[q["id"]], formats.options(q)
            labels = item.findall(".//q:response_label", Q)
            assert [_text(label) for label in labels] == [o.text for o in found], q["id"]
            scored = item.xpath(".//q:respcondition[q:setvar='100']/q:conditionvar/q:varequal/text()", namespaces=Q)
            assert [_text(label) for label in labels if label.get("ident") in scored] == [q["answer"]], q["id"]
            feedback = {f.get("ident"): _text(f) for f in item.iterfind("q:itemfeedback", Q)}
            for label, option in zip(labels, found):
                shown = item.xpath(f".//q:respcondition[q:conditionvar/q:varequal='{label.get('ident')}']"
                                   "/q:displayfeedback/@linkrefid", namespaces=Q)
                assert len(shown) == 1 and feedback[shown[0]].endswith(option.feedback), q["id"]


def test_matching_holds_each_item_with_its_right_option(built, content):
    matched = [q for q in content.questions if formats.holds(q) == "match"]
    assert matched, "the key terms are a matching task"
    for q in matched:
        items, _ = _package(built, q["lesson"])
        item = items[q["id"]]
        rows = item.findall(".//q:response_lid", Q)
        pairs = formats.pairs(q)
        assert [_text(row) for row in rows] == [pair.text for pair in pairs]
        score = 0.0
        for row, pair in zip(rows, pairs):
            options = {label.get("ident"): _text(label) for label in row.iterfind(".//q:response_label", Q)}
            assert set(options.values()) == {p.answer for p in pairs}, "every item offers every option"
            right = item.xpath(f".//q:respcondition[q:conditionvar/q:varequal/@respident='{row.get('ident')}']", namespaces=Q)
            assert len(right) == 1 and options[right[0].findtext(".//q:varequal", namespaces=Q)] == pair.answer
            score += float(right[0].findtext("q:setvar", namespaces=Q))
        assert score == pytest.approx(100, abs=0.1)
        general = _text(item.find("q:itemfeedback[@ident='general_fb']", Q))
        assert all(pair.note in general for pair in pairs)


def test_essays_with_their_prompt_and_written_choices(built, content):
    for lesson in content.module["lessons"]:
        items, extra = _package(built, lesson["id"])
        essays = [q for q in content.lesson_questions(lesson["id"]) if formats.holds(q) == "essay"]
        for q in essays:
            item = items[q["id"]]
            assert item.find(".//q:response_str/q:render_fib", Q) is not None
            prompt = formats.plain(item.findtext(".//q:presentation/q:material/q:mattext", namespaces=Q))
            assert q["prompt"] in prompt and all(" ".join(line.split()) in prompt for line in formats.essay_lines(q)), q["id"]
        held = sum(bool(formats.holds(q)) for q in content.lesson_questions(lesson["id"]))
        assert extra["settings"].findtext("{*}points_possible") == f"{held:.1f}"


def test_what_no_format_holds_is_named(built, content):
    readme = (built / "README.md").read_text(encoding="utf-8")
    for row in formats.left_out(content):
        items, _ = _package(built, row["lesson"])
        assert row["id"] not in items and row["id"] in readme
    for lesson in content.module["lessons"]:
        assert canvas_qti.name(lesson["id"]) in {p.name for p in built.iterdir()}
    assert "QTI .zip file" in readme
