"""The LMS packages of `make lms`, read back with lxml (the build writes them
with the standard library's ElementTree): every question of data/questions/
that a format can hold is there, with its options, each option's feedback and
the right answer; the written tasks are essays; every file the cartridge's
manifest names is in the zip; and what a format cannot hold is named in the
README, never dropped silently."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from syria_lesson import kinds
from syria_lesson.build import cartridge, formats, lms
from syria_lesson.data import load_instructor_notes

CP = {"cp": cartridge.CP, "lom": cartridge.LOM}
Q = {"q": cartridge.QTI}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lms")
    lms.build_lms(out)
    return out


def _held(content, how: str) -> list[dict]:
    return [q for q in content.questions if formats.holds(q) == how]


def _text(element) -> str:
    return formats.plain(element.findtext("text") or "")


def test_every_kind_is_held_or_explained(content):
    for q in content.questions:
        assert formats.holds(q) or q["kind"] in formats.CANNOT, f"{q['id']}: kind {q['kind']} is neither held nor explained"


def test_moodle_bank_has_every_question_with_its_answer(built, content):
    root = etree.parse(str(built / lms.MOODLE)).getroot()
    questions = {x.findtext("name/text"): x for x in root.iterfind("question") if x.get("type") != "category"}
    assert set(questions) == {q["id"] for q in content.questions if formats.holds(q)}
    for q in _held(content, "choice"):
        found = questions[q["id"]]
        assert found.get("type") == "multichoice" and found.findtext("single") == "true"
        answers = found.findall("answer")
        assert [_text(a) for a in answers] == [o.text for o in formats.options(q)]
        right = [_text(a) for a in answers if a.get("fraction") == "100"]
        assert right == [q["answer"]], q["id"]
        assert all(a.get("fraction") in ("0", "100") for a in answers)
        for answer, option in zip(answers, formats.options(q)):
            assert formats.plain(answer.findtext("feedback/text")) == option.feedback, q["id"]
    for q in content.questions:
        if q["kind"] == "selfcheck":  # the data's own feedback, option by option
            fed = {_text(a): formats.plain(a.findtext("feedback/text")) for a in questions[q["id"]].findall("answer")}
            assert fed == {o["text"]: o["feedback"] for o in q["options"]}
    for q in _held(content, "essay"):
        found = questions[q["id"]]
        assert found.get("type") == "essay"
        assert q["prompt"] in formats.plain(found.findtext("questiontext/text"))


def test_moodle_matching_holds_every_pair(built, content):
    """A matching task whose items have one right option each (the key terms) is Moodle's matching
    type: every item with its right option, and why each pair matches as the general feedback."""
    root = etree.parse(str(built / lms.MOODLE)).getroot()
    matching = {x.findtext("name/text"): x for x in root.iterfind("question") if x.get("type") == "matching"}
    assert set(matching) == {q["id"] for q in _held(content, "match")} and matching
    for qid, found in matching.items():
        q = content.question(qid)
        got = [(_text(sub), sub.findtext("answer/text")) for sub in found.findall("subquestion")]
        assert got == [(pair.text, pair.answer) for pair in formats.pairs(q)]
        assert len({answer for _, answer in got}) == len(got), "one right option per item, none shared"
        general = formats.plain(found.findtext("generalfeedback/text"))
        assert all(pair.note in general for pair in formats.pairs(q))


def test_a_ranking_is_an_essay_with_its_items(built, content):
    root = etree.parse(str(built / lms.MOODLE)).getroot()
    rankings = [q for q in content.questions if q["kind"] == "ranking"]
    assert rankings
    for q in rankings:
        found = next(x for x in root.iterfind("question") if x.findtext("name/text") == q["id"])
        assert found.get("type") == "essay"
        assert all(item in formats.plain(found.findtext("questiontext/text")) for item in q["options"])


def test_moodle_categories_one_per_lesson(built, content):
    root = etree.parse(str(built / lms.MOODLE)).getroot()
    categories = [x.findtext("category/text") for x in root.iterfind("question") if x.get("type") == "category"]
    assert len(categories) == 1 + len(content.module["lessons"])
    # Each lesson's questions follow its own category.
    current = None
    for x in root.iterfind("question"):
        if x.get("type") == "category":
            current = x.findtext("category/text")
        else:
            lesson = content.question(x.findtext("name/text"))["lesson"]
            assert f"Lesson {lesson} " in current


def test_model_answers_go_to_the_grader(built, content):
    root = etree.parse(str(built / lms.MOODLE)).getroot()
    essays = {x.findtext("name/text"): x for x in root.iterfind("question") if x.get("type") == "essay"}
    notes = load_instructor_notes(content.questions)
    with_model = [qid for qid in essays if notes.get(qid, {}).get("model_answer")]
    assert with_model
    for qid in with_model:
        assert formats.plain(notes[qid]["model_answer"])[:60] in formats.plain(essays[qid].findtext("graderinfo/text"))
        assert "Model answer" not in formats.plain(essays[qid].findtext("questiontext/text"))


def _cartridge(built: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(built / cartridge.NAME)


def test_manifest_names_only_files_that_exist(built, content):
    with _cartridge(built) as archive:
        names = set(archive.namelist())
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=CP) == "1.3.0"
    resources = {r.get("identifier"): r for r in manifest.iterfind(".//cp:resource", CP)}
    for resource in resources.values():
        files = [f.get("href") for f in resource.iterfind("cp:file", CP)]
        assert files and all(f in names for f in files), resource.get("identifier")
        if resource.get("href"):
            assert resource.get("href") in names
    refs = [i.get("identifierref") for i in manifest.iterfind(".//cp:item", CP) if i.get("identifierref")]
    assert refs and all(ref in resources for ref in refs)
    modules = manifest.findall("cp:organizations/cp:organization/cp:item/cp:item", CP)
    assert len(modules) == len(content.module["lessons"])
    assert {r.get("type") for r in resources.values()} == {"webcontent", cartridge.ASSESSMENT}


def test_cartridge_assessments_hold_every_question(built, content):
    items = {}
    with _cartridge(built) as archive:
        for name in archive.namelist():
            if name.endswith("assessment.xml"):
                for item in etree.fromstring(archive.read(name)).iterfind(".//q:item", Q):
                    items[item.get("ident")] = item
    expected = {q["id"] for q in content.questions if formats.holds(q) in ("choice", "essay")}
    expected |= {f"{q['id']}__{pair.id}" for q in _held(content, "match") for pair in formats.pairs(q)}
    assert set(items) == expected
    asked = [(q["id"], formats.options(q), q["answer"]) for q in _held(content, "choice")]
    asked += [(f"{q['id']}__{pair.id}", formats.match_options(q, pair), pair.answer)
              for q in _held(content, "match") for pair in formats.pairs(q)]
    assert any("__" in ident for ident, _, _ in asked), "the key terms: a matching task, one item per term"
    for ident, found, answer in asked:
        item = items[ident]
        profile = item.xpath(".//q:qtimetadatafield[q:fieldlabel='cc_profile']/q:fieldentry/text()", namespaces=Q)
        assert profile == ["cc.multiple_choice.v0p1"]
        labels = item.findall(".//q:response_label", Q)
        assert [lab.findtext(".//q:mattext", namespaces=Q) for lab in labels] == [o.text for o in found]
        scored = item.xpath(".//q:respcondition[q:setvar='100']/q:conditionvar/q:varequal/text()", namespaces=Q)
        right = [lab.findtext(".//q:mattext", namespaces=Q) for lab in labels if lab.get("ident") in scored]
        assert right == [answer], ident
        feedback = {f.get("ident"): formats.plain(f.findtext(".//q:mattext", namespaces=Q))
                    for f in item.iterfind("q:itemfeedback", Q)}
        for label, option in zip(labels, found):
            shown = item.xpath(f".//q:respcondition[q:conditionvar/q:varequal='{label.get('ident')}']"
                               "/q:displayfeedback/@linkrefid", namespaces=Q)
            assert len(shown) == 1 and feedback[shown[0]].endswith(option.feedback), ident
    for q in _held(content, "essay"):
        item = items[q["id"]]
        assert item.find(".//q:response_str/q:render_fib", Q) is not None
        assert q["prompt"] in formats.plain(item.findtext(".//q:presentation/q:material/q:mattext", namespaces=Q))


def test_pages_are_for_students(built, content):
    notes = load_instructor_notes(content.questions)
    with _cartridge(built) as archive:
        for lesson in content.module["lessons"]:
            text = formats.plain(archive.read(f"pages/lesson_{lesson['id']}.html").decode())
            assert content.plan(lesson["id"])["supporting_question"] in text
            for q in content.lesson_questions(lesson["id"]):
                assert formats.plain(q["prompt"]) in text
                for secret in kinds_secrets(q):
                    assert secret not in text
                model = notes.get(q["id"], {}).get("model_answer")
                assert not model or formats.plain(model) not in text


def kinds_secrets(q: dict) -> list[str]:
    return [formats.plain(s) for s in kinds.kind_of(q).secrets(q) if len(s) > 20]


def test_left_out_is_said(built, content, capsys):
    readme = (built / "README.md").read_text(encoding="utf-8")
    left = formats.left_out(content)
    assert left, "the data has kinds the LMS cannot hold (match, ranking): the README must list them"
    for row in left:
        assert row["id"] in readme
    assert "answer keys" in readme
    lms.build_lms(built)
    out = capsys.readouterr().out
    assert all(row["id"] in out for row in left)
