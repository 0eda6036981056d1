"""The teacher's class view: reads what students hand in, and one odd file
never stops it, hangs it or floods the notebook."""

import json
import os

import pytest

from syria_lesson.core import paths
from syria_lesson.data import load_all
from syria_lesson.live import answers, exports
from syria_lesson.teacher import classroom, handed_in

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
    (folder / "huge.json").write_bytes(b" " * (handed_in.MAX_FILE + 1))
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


# ---------------------------------------------------------------- whose answers are whose (issue 25, major 9)


def hand_in(folder, file_name: str, student: str, text: str, saved: str = "2026-12-01T09:59:00+00:00"):
    doc = {"format": "syria-lesson-export", "version": 1, "student": student, "exported": saved,
           "answers": {"d04_source_bias": {"value": text, "text": text, "saved": saved}}}
    (folder / file_name).write_text(json.dumps(doc), encoding="utf-8")


def shown_by_overview(folder, monkeypatch, anonymise=False) -> str:
    shown = []
    monkeypatch.setattr(classroom, "show_html", lambda page, text: shown.append(text))
    monkeypatch.setattr(classroom, "show_figure", lambda fig, alt: shown.append(alt))
    classroom.overview(folder, anonymise=anonymise)
    return "\n".join(shown)


def test_two_accounts_that_typed_the_same_name_both_appear_and_the_view_says_so(tmp_path, monkeypatch):
    hand_in(tmp_path, "ana--home--ana-11111111.json", "Ana", "Ana's own answer")
    hand_in(tmp_path, "anab--home--ana-11111111.json", "ana ", "The other Ana's answer")
    students, skipped = classroom.read_class(tmp_path)
    assert skipped == [] and len(students) == 2
    assert {s["answers"]["d04_source_bias"]["value"] for s in students} == {"Ana's own answer",
                                                                              "The other Ana's answer"}
    assert handed_in.names(students, anonymise=False) == ["Ana (account ana)", "ana  (account anab)"]
    text = shown_by_overview(tmp_path, monkeypatch)
    assert "2 students' answers read." in text
    assert "Ana (account ana) and ana  (account anab) handed in the same name." in text
    assert "Ana (account ana): Ana's own answer" in text and "(account anab): The other Ana's answer" in text
    hidden = shown_by_overview(tmp_path, monkeypatch, anonymise=True)
    assert "Student 1 and Student 2 handed in the same name." in hidden
    assert "account ana" not in hidden and "anab" not in hidden


def test_files_handed_in_by_hand_are_told_apart_by_file_too(tmp_path):
    hand_in(tmp_path, "ana-11111111-answers.json", "Ana", "first Ana")
    hand_in(tmp_path, "copy-of-ana-answers.json", "Ana", "second Ana")
    students, _ = classroom.read_class(tmp_path)
    assert sorted(handed_in.names(students, anonymise=False)) == ["Ana (file ana-11111111-answers.json)",
                                                                  "Ana (file copy-of-ana-answers.json)"]


def test_an_export_edited_to_another_name_and_dated_2099_replaces_nobody(tmp_path, monkeypatch):
    hand_in(tmp_path, "ana--home--ana-lopez-2b3c4d5e.json", "Ana López", "Ana's real answer")
    hand_in(tmp_path, "mal--home--ana-lopez-2b3c4d5e.json", "Ana López", "Mal's forgery",
            saved="2099-01-01T00:00:00+00:00")
    students, _ = classroom.read_class(tmp_path)
    by_source = {s["source"]: s["answers"]["d04_source_bias"]["value"] for s in students}
    assert by_source == {"account ana": "Ana's real answer", "account mal": "Mal's forgery"}
    assert "handed in the same name" in shown_by_overview(tmp_path, monkeypatch)


def test_one_account_under_two_names_is_one_student_shown_from_the_latest_with_a_note(tmp_path, monkeypatch):
    hand_in(tmp_path, "ana--home--ana-lopez-1.json", "Ana Lopez", "before", saved="2026-12-01T09:00:00+00:00")
    hand_in(tmp_path, "ana--syria-lesson--ana-lopez-2.json", "Ana López", "after", saved="2026-12-01T10:00:00+00:00")
    students, _ = classroom.read_class(tmp_path)
    assert [(s["student"], s["answers"]["d04_source_bias"]["value"]) for s in students] == [("Ana López", "after")]
    assert "Ana López also handed in answers under “Ana Lopez”; only the latest hand-in is shown." in \
        shown_by_overview(tmp_path, monkeypatch)
    assert "Ana Lopez" not in shown_by_overview(tmp_path, monkeypatch, anonymise=True)


def test_which_hand_in_is_latest_is_decided_in_time_not_in_text(tmp_path):
    # 01:30 at UTC+1 is 00:30 UTC, earlier than 01:10 UTC, though "01:30" sorts after "01:10" as text
    hand_in(tmp_path, "ana-11111111.json", "Ana", "earlier", saved="2026-10-25T01:30:00+01:00")
    hand_in(tmp_path, "ana-11111111-answers.json", "Ana", "later", saved="2026-10-25T01:10:00+00:00")
    (student,), _ = classroom.read_class(tmp_path)
    assert student["answers"]["d04_source_bias"]["value"] == "later"


def test_a_student_who_wrote_a_megabyte_is_read_not_skipped(tmp_path):
    book = answers.AnswerBook("Ana", tmp_path / "ana")
    book.save("d04_source_bias", "word " * 210_000)  # about 1 MB: an export holds it twice (value and text)
    content = load_all()
    collected = tmp_path / "collected"
    exports.export(book, content.questions, content.module, folder=collected)
    students, skipped = classroom.read_class(collected)
    assert skipped == [] and [s["student"] for s in students] == ["Ana"]


def test_a_folder_that_is_not_there_or_a_deeply_nested_file_is_said_not_raised(tmp_path):
    assert classroom.read_class(tmp_path / "nowhere") == (
        [], [("nowhere", "no such folder (check the path given to the class view)")])
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert classroom.read_class(tmp_path) == ([], [("deep.json", "cannot be read as JSON")])
