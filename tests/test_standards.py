"""The standards (issue 27): every lesson and every task tagged with codes of
data/standards.csv; an unknown code, or a lesson missing a code its tasks
serve, named with its file, row, column and fix; the table of docs/teachers.md
made from the data; the codes carried by the Moodle bank (question tags) and
the Common Cartridge (LOM keywords of the course and of each lesson's page)."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from lxml import etree

from syria_lesson import data
from syria_lesson.build import cartridge, docs, lms
from syria_lesson.core import paths
from syria_lesson.core.validate import DataError
from syria_lesson.data import load_all
from syria_lesson.data.questions import load_questions


@pytest.fixture(scope="module")
def content():
    return load_all()


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(paths.data_dir(), folder)
    monkeypatch.setenv("SYRIA_LESSON_DATA", str(folder))
    yield folder
    data.load_all.cache_clear()


def test_every_lesson_and_task_is_tagged_with_both_frameworks(content):
    codes = {row["code"]: row for row in content.standards()}
    for lesson in content.module["lessons"]:
        tagged = content.plan(lesson["id"])["standards"]
        assert {codes[c]["framework"] for c in tagged} == {"C3", "CCSS"}, lesson["id"]
        assert any(".9-10." in c for c in tagged) and any(".11-12." in c for c in tagged), lesson["id"]
    for q in content.questions:
        assert q["standards"] and all(c in codes for c in q["standards"]), q["id"]
        assert any(codes[c]["framework"] == "C3" for c in q["standards"]), q["id"]
    used = {c for q in content.questions for c in q["standards"]}
    assert used == set(codes), f"codes no task uses: {sorted(set(codes) - used)}"


def test_an_unknown_code_is_named_with_file_row_column_and_fix(data_dir):
    path = data_dir / "questions" / "lesson_02.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("standards: [D2.Geo,", "standards: [D2.Geography,", 1),
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_questions(["00", "01", "02", "03", "04", "05"])
    said = str(err.value)
    assert "data/questions/lesson_02.yaml" in said and "'sc02_southwest_map'" in said and "'standards'" in said
    assert "'D2.Geography'" in said and "use one of: D1, D2.Civ" in said and "data/standards.csv" in said


def test_a_bad_row_of_the_standards_file(data_dir):
    path = data_dir / "standards.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("RH.9-10.8,CCSS", "RH 9-10 8,CCSS"), encoding="utf-8")
    with pytest.raises(DataError) as err:
        data.load_all.cache_clear()
        load_all()
    said = str(err.value)
    assert "data/standards.csv" in said and "row 14" in said and "'code'" in said and "'RH 9-10 8'" in said


def test_a_lesson_must_list_every_code_its_tasks_serve(data_dir):
    path = data_dir / "lessons" / "lesson_03.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("standards: [D2.Civ, D2.Geo,", "standards: [D2.Civ,", 1), encoding="utf-8")
    data.load_all.cache_clear()
    with pytest.raises(DataError) as err:
        load_all().plan("03")
    said = str(err.value)
    assert "data/lessons/lesson_03.yaml" in said and "'standards'" in said and "'D2.Geo'" in said
    assert "add D2.Geo to the lesson's standards" in said


def test_the_teachers_guide_shows_the_table_made_from_the_data(content):
    guide = (paths.ROOT / "docs" / "teachers.md").read_text(encoding="utf-8")
    table = docs.standards_table()
    assert f"{docs.STANDARDS[0]}\n{table}\n{docs.STANDARDS[1]}" in guide, "run `make docs`"
    for lesson in content.module["lessons"]:
        row = next(line for line in table.splitlines() if line.startswith(f"| {lesson['id']} · "))
        assert all(code in row for code in content.plan(lesson["id"])["standards"])


def test_the_lms_packages_carry_the_codes(tmp_path, content):
    lms.build_lms(tmp_path, content)
    root = etree.parse(str(tmp_path / lms.MOODLE)).getroot()
    for question in root.iterfind("question"):
        if question.get("type") != "category":
            q = content.question(question.findtext("name/text"))
            assert question.xpath("tags/tag/text/text()") == q["standards"], q["id"]
    with zipfile.ZipFile(tmp_path / cartridge.NAME) as archive:
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    ns = {"cp": cartridge.CP, "lom": cartridge.LOM, "r": cartridge.LOMR}
    course = manifest.xpath("cp:metadata/lom:lom/lom:general/lom:keyword/lom:string/text()", namespaces=ns)
    assert [k.split(":")[0] for k in course] == [row["code"] for row in content.standards()]
    for lesson in content.module["lessons"]:
        page = manifest.xpath(f"//cp:resource[@identifier='res_page_{lesson['id']}']", namespaces=ns)[0]
        words = page.xpath("cp:metadata/r:lom/r:general/r:keyword/r:string/text()", namespaces=ns)
        assert [k.split(":")[0] for k in words] == content.plan(lesson["id"])["standards"]
        assert page.find("cp:metadata", ns) is page[0], "metadata comes first in a resource"
