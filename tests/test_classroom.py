"""The teacher's class view: reads what students hand in, and one odd file
never stops it, hangs it or floods the notebook."""

import os

import pytest

from syria_lesson import answers, classroom, exports
from syria_lesson.data import load_all

SCALE = "d04_optimism_scale"


@pytest.fixture
def folder(tmp_path):
    answers.AnswerBook("Ana", tmp_path / "ana").save(SCALE, {"score": 2, "reason": "r"})
    answers.AnswerBook("Ben", tmp_path / "ben").save(SCALE, {"score": 4, "reason": ""})
    collected = tmp_path / "collected"
    collected.mkdir()
    content = load_all()
    for name in ("ana", "ben"):  # what each student hands in: the export of every lesson
        book = answers.AnswerBook(name.title(), tmp_path / name)
        exports.export(book, content.questions, content.module, folder=collected)
    return collected


def test_it_reads_exports_and_names_the_files_it_skips(folder):
    (folder / "broken.json").write_text("{", encoding="utf-8")
    (folder / "notes.txt").write_text("hello", encoding="utf-8")
    students, skipped = classroom.read_class(folder)
    assert [s["student"] for s in students] == ["Ana", "Ben"]
    assert dict(skipped) == {"broken.json": "cannot be read as JSON", "notes.txt": "not a .json answers or export file"}
    question = load_all().question(SCALE)
    assert classroom.scale_distribution(students, question) == {2: 1, 4: 1}
    (count,) = classroom.counts(students, [question])
    assert count["answered"] == 2 and count["of"] == 2


def test_an_answers_file_and_an_export_of_the_same_student_count_once(folder, tmp_path):
    book = answers.AnswerBook("Ana", folder)  # her raw answers file, collected too, saved later
    book.save(SCALE, {"score": 5, "reason": "changed my mind"})
    students, _ = classroom.read_class(folder)
    assert [s["student"] for s in students] == ["Ana", "Ben"]
    assert students[0]["answers"][SCALE]["value"]["score"] == 5


def test_links_pipes_and_huge_files_are_skipped_not_followed(folder, tmp_path):
    outside = tmp_path / "secret.json"
    outside.write_text('{"format": "syria-lesson-answers", "student": "X", "answers": {}}', encoding="utf-8")
    (folder / "link.json").symlink_to(outside)
    os.mkfifo(folder / "pipe.json")  # opening this for reading would hang
    (folder / "huge.json").write_bytes(b" " * (classroom.MAX_FILE + 1))
    students, skipped = classroom.read_class(folder)
    assert [s["student"] for s in students] == ["Ana", "Ben"]
    reasons = dict(skipped)
    assert reasons["link.json"].startswith("not a regular file") and reasons["pipe.json"].startswith("not a regular")
    assert reasons["huge.json"].startswith("too large")


def test_hidden_names_are_hidden_everywhere(folder):
    (folder / "ana-smith-12345678.unreadable-2026.json").write_text("{", encoding="utf-8")
    students, skipped = classroom.read_class(folder)
    shown = classroom.names(students, anonymise=True) + classroom.skipped_lines(skipped, anonymise=True)
    assert shown[:2] == ["Student 1", "Student 2"]
    assert not any("ana" in line.lower() for line in shown)
    assert "ana-smith" in classroom.skipped_lines(skipped, anonymise=False)[0]


def test_a_very_long_answer_is_cut_in_the_notebook():
    text = "word " * 2000
    cut = classroom.capped(text)
    assert len(cut) < classroom.MAX_SHOWN + 100 and "more characters in the student's file" in cut
    assert classroom.capped("short") == "short"
