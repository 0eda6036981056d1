"""The teacher's class view: reads what students hand in, and one odd file
never stops it, hangs it or floods the notebook."""

import os

import pytest

from syria_lesson.core import paths
from syria_lesson.data import load_all
from syria_lesson.live import answers, exports
from syria_lesson.teacher import classroom

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


# ---------------------------------------------------------------- forecasts in the class view

SAMPLES = paths.ROOT / "instructor" / "sample_answers"


def test_the_sample_exports_hold_forecasts_for_the_class_view():
    students, skipped = classroom.read_class(SAMPLES)
    assert dict(skipped) == {"damaged-example.json": "cannot be read as JSON"}
    spread = classroom.forecast_spread(students, load_all().questions)
    by_outcome = {row["outcome"]: row for row in spread}
    sochi = by_outcome[load_all().question("d04_forecast_sochi")["forecast"]["short"]]
    assert sochi["count"] == 3 and (sochi["low"], sochi["median"], sochi["high"]) == (40, 70, 90)
    # 'likely' typed as text, and 150 typed by hand, are left out of the spread, not counted as 0
    southwest = by_outcome[load_all().question("d04_forecast_southwest")["forecast"]["short"]]
    assert southwest["values"] == [60, 20]


def test_each_student_gets_a_brier_score_and_what_was_not_scored():
    students, _ = classroom.read_class(SAMPLES)
    who = classroom.names(students, anonymise=False)
    rows = {r["who"]: r for r in classroom.forecast_scores(students, load_all().questions, who)}
    assert rows["Sample Student A"]["scored"] == 0 and rows["Sample Student A"]["brier"] is None
    assert rows["Sample Student F"]["unusable"] == 1 and rows["Sample Student F"]["missing"] == 2
    assert rows["Sample Student G"]["unusable"] == 1 and rows["Sample Student G"]["scored"] == 9
    e = rows["Sample Student E"]
    assert e["scored"] == 10 and 0 < e["brier"] < 0.25 and e["author"] is not None


def test_hidden_names_stay_hidden_in_the_forecast_tables(monkeypatch):
    shown = []
    monkeypatch.setattr(classroom, "show_html", lambda html, text: shown.append(str(html) + text))
    monkeypatch.setattr(classroom, "show_figure", lambda fig, alt: shown.append(alt))
    classroom.overview(SAMPLES, anonymise=True)
    page = " ".join(shown)
    assert "Forecast scores, student by student" in page and "The class&#39;s forecasts" in page
    assert "Sample Student" not in page and "Student 7" in page
    assert "Dot chart of the class" in page
