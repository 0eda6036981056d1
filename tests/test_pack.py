"""The teacher pack of `make teacher-pack`, built from small fake inputs in a
temporary build folder (the real PDFs need the whole Chromium pipeline): every
part is in the zip under its folder, with an answer key per lesson and a README
that says it is teacher material and what each format leaves out; a part that
was not built stops the pack with the command that builds it. The slow test
builds it from the real LMS, slides and DOCX builds."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from syria_lesson.build import answer_key, formats, lms, pack, slides, worksheet_docx
from syria_lesson.live.worksheet import number


def fake_build(root: Path, content) -> Path:
    lessons = [f"lesson_{lesson['id']}" for lesson in content.module["lessons"]]
    for part in pack.PARTS:
        folder = root / part.source
        folder.mkdir(parents=True, exist_ok=True)
        if part.folder == "lms":
            names = [lms.MOODLE, lms.cartridge.NAME, "README.md"]
        else:
            names = [f"{name}{pattern.removeprefix('*')}" for pattern in part.pattern.split() for name in lessons]
        for name in names:
            (folder / name).write_bytes(f"fake {part.folder}/{name}".encode())
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory, content) -> zipfile.ZipFile:
    root = tmp_path_factory.mktemp("pack")
    target = pack.build_pack(root / "out", fake_build(root / "build", content), content)
    assert target == root / "out" / pack.NAME
    return zipfile.ZipFile(target)


def test_the_pack_holds_every_part_and_an_answer_key_per_lesson(built, content):
    lessons = [f"lesson_{lesson['id']}" for lesson in content.module["lessons"]]
    expected = {"README.txt", *(f"answer-keys/{name}.html" for name in lessons),
                *(f"lms/{name}" for name in (lms.MOODLE, lms.cartridge.NAME, "README.md"))}
    for folder, ext in (("instructor-pdf/a4", "pdf"), ("instructor-pdf/letter", "pdf"), ("slides/student", "pptx"),
                        ("slides/instructor", "pptx"), ("slides/student", "html"), ("slides/instructor", "html"),
                        ("docx/worksheet", "docx"), ("docx/worksheet-core", "docx")):
        expected |= {f"{folder}/{name}.{ext}" for name in lessons}
    assert set(built.namelist()) == expected
    assert built.read("slides/instructor/lesson_01.pptx") == b"fake slides/instructor/lesson_01.pptx"
    assert built.read("instructor-pdf/letter/lesson_05.pdf") == b"fake instructor-pdf/letter/lesson_05.pdf"


def test_the_readme_says_teacher_material_what_is_inside_and_what_is_left_out(built, content):
    text = built.read("README.txt").decode("utf-8")
    assert "TEACHER MATERIAL: NEVER POST THIS PACK, OR ANY FILE IN IT, TO STUDENTS." in text
    assert "answer keys" in text and "model answers" in text
    for name in built.namelist():  # every file is listed under its folder
        folder, _, file = name.rpartition("/")
        assert not folder or (f"\n{folder}/\n" in text and file in text), name
    assert max(len(line) for line in text.splitlines()) <= 78  # plain text for any editor
    words = " ".join(text.split())
    for line in formats.left_out_lines(content):  # the questions an LMS cannot hold, each named
        assert line in words
    assert formats.left_out(content), "the LMS leaves some kinds out; the README must name them"
    assert slides.LEFT_OUT in words and worksheet_docx.LEFT_OUT in words


def test_each_answer_key_gives_every_tasks_answer(built, content):
    for lesson in content.module["lessons"]:
        page = built.read(f"answer-keys/lesson_{lesson['id']}.html").decode("utf-8")
        assert "Teacher material" in page and "<script" not in page and "http" not in page
        questions = content.lesson_questions(lesson["id"])
        assert page.count("<li ") == len(questions)
        for q in questions:
            assert f'<li value="{number(q, content.questions)}">' in page
            if q["kind"] in ("selfcheck", "classify"):
                assert f"Answer: {q['answer']}".replace("'", "&#39;").replace('"', "&#34;") in page or \
                    q["answer"].replace("'", "&#39;") in page, q["id"]
    keys = [answer_key.key(q) for q in content.questions]
    assert sum(k != answer_key.OPEN for k in keys) >= 40  # the kinds with a right answer or a reading have one


def test_a_part_not_built_names_the_command_that_builds_it(tmp_path, content):
    build = fake_build(tmp_path / "build", content)
    for path in (build / "docx" / "worksheet-core").iterdir():
        path.unlink()
    with pytest.raises(pack.Missing, match=r"docx/worksheet-core/ .* run `make docx` first"):
        pack.build_pack(tmp_path / "out", build, content)
    assert not (tmp_path / "out" / pack.NAME).exists()


@pytest.mark.slow
def test_the_pack_from_the_real_builds(tmp_path, content):
    build = fake_build(tmp_path / "build", content)  # the PDFs stay fake: they need Chromium
    lms.build_lms(build / "lms", content)
    slides.build_slides(build / "slides", content)
    worksheet_docx.build_docx(build / "docx", content)
    with zipfile.ZipFile(pack.build_pack(tmp_path / "out", build, content)) as built:
        names = built.namelist()
        assert "lms/syria_lessons.imscc" in names and "docx/worksheet-core/lesson_04.docx" in names
        assert built.read("slides/student/lesson_00.pptx")[:2] == b"PK"
        assert built.read("slides/instructor/lesson_00.html").startswith(b"<!DOCTYPE html>")
