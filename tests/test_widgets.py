"""Widget logic, driven as a student would: type, click, restart, hand the
computer to the next student. Failures must show in the widget, in words."""

import json
import os
import time

import pytest
from lesson_parts import find

from syria_lesson.data import load_all
from syria_lesson.lessons import positions
from syria_lesson.live import answers, exports, question_view, questions, session


def open_question(qid):
    return questions.QuestionView(load_all().question(qid))


def text_of(view):
    import ipywidgets as w

    return find(view.widget, w.Textarea)[0]


def test_without_a_name_nothing_is_saved_and_the_student_is_told(kernel, tmp_path):
    view = open_question("d04_promising_step")
    text_of(view).value = "My answer"
    assert "Type your name at the top" in view.status.value
    assert not list(tmp_path.glob("*.json"))
    assert text_of(view).value == "My answer"  # the text stays


def test_typing_autosaves_and_save_button_confirms_whose_answer_it_is(kernel, tmp_path):
    import ipywidgets as w

    kernel.start("Ana López")
    view = open_question("d04_promising_step")
    text_of(view).value = "Autosaved text"
    assert answers.AnswerBook("Ana López", tmp_path).get("d04_promising_step") == "Autosaved text"
    assert "Saved for Ana López at" in view.status.value
    # The Save button on its own: clear what autosave did, then click.
    view.status.value = ""
    next(tmp_path.glob("*.json")).unlink()
    next(b for b in find(view.widget, w.Button) if b.description.startswith("Save")).click()
    assert "Saved for Ana López at" in view.status.value
    assert answers.AnswerBook("Ana López", tmp_path).get("d04_promising_step") == "Autosaved text"


def test_answers_come_back_after_a_restart(kernel, tmp_path, monkeypatch):
    import ipywidgets as w

    kernel.start("Kim")
    view = open_question("d04_optimism_scale")
    find(view.widget, w.ToggleButtons)[0].value = 4
    text_of(view).value = "Because deconfliction held."
    monkeypatch.setattr(session, "SESSION", session.Session())  # a new kernel
    again = open_question("d04_optimism_scale")
    assert find(again.widget, w.ToggleButtons)[0].value == 4
    assert text_of(again).value == "Because deconfliction held."


def test_selfcheck_gives_feedback_and_lets_the_student_try_again(kernel):
    import ipywidgets as w

    question = load_all().question("sc02_jordan")
    view = questions.QuestionView(question)
    radio = find(view.widget, w.RadioButtons)[0]
    check = next(b for b in find(view.widget, w.Button) if b.description.startswith("Check"))
    wrong = next(o for o in question["options"] if o["text"] != question["answer"])
    radio.value = wrong["text"]
    check.click()  # a choice without a reason: only what to do next
    assert "Say why in a sentence first" in view.feedback_box.value and "Not quite" not in view.feedback_box.value
    text_of(view).value = "I think so because the map puts the zone in the south."
    check.click()
    assert "Not quite." in view.feedback_box.value and "try again" in view.feedback_box.value
    from markupsafe import escape

    explained = wrong["feedback"].removeprefix("No. ").removeprefix("Not quite. ")
    assert str(escape(explained))[:40] in view.feedback_box.value  # why this option is wrong
    radio.value = question["answer"]
    check.click()
    assert "Right." in view.feedback_box.value


def test_ranking_is_saved_only_when_every_rank_is_used_once(kernel, tmp_path):
    import ipywidgets as w

    kernel.start("Lee")
    question = load_all().question("d04_rank_obstacles")
    view = questions.QuestionView(question)
    drops = find(view.widget, w.Dropdown)
    for drop in drops:
        drop.value = 1
    assert answers.AnswerBook("Lee", tmp_path).get("d04_rank_obstacles") is None
    assert "Give each item a different rank" in view.status.value
    for rank, drop in enumerate(reversed(drops), start=1):
        drop.value = rank
    assert answers.AnswerBook("Lee", tmp_path).get("d04_rank_obstacles") == list(reversed(question["options"]))


# ---------------------------------------------------------------- a shared computer


def test_a_new_name_reloads_every_widget_and_never_saves_as_the_old_student(kernel, tmp_path):
    """Student A answers; student B types their name in the same notebook. B
    must see B's answers (or empty boxes), and B's edits must be B's."""
    kernel.start("Student A")
    essay, scale = open_question("d04_promising_step"), open_question("d04_optimism_scale")
    text_of(essay).value = "A's essay"
    kernel.start("Student B")
    assert text_of(essay).value == "" and text_of(scale).value == ""  # nothing of A's is shown to B
    text_of(essay).value = "B's essay"
    assert answers.AnswerBook("Student A", tmp_path).get("d04_promising_step") == "A's essay"
    assert answers.AnswerBook("Student B", tmp_path).get("d04_promising_step") == "B's essay"
    assert "Saved for Student B" in essay.status.value
    kernel.start("Student A")  # A comes back: A's own answer reappears
    assert text_of(essay).value == "A's essay"


def test_a_kernel_refuses_to_save_after_another_lesson_changed_the_student(kernel, tmp_path, monkeypatch):
    kernel.start("Student A")
    view = open_question("d04_promising_step")
    other_lesson = session.Session()  # another notebook's kernel on the same computer
    other_lesson.start("Student B")
    text_of(view).value = "typed by B in A's lesson"
    assert "now saves answers for Student B" in view.status.value and "Not saved" in view.status.value
    assert answers.AnswerBook("Student A", tmp_path).get("d04_promising_step") is None
    assert answers.AnswerBook("Student B", tmp_path).get("d04_promising_step") is None
    assert text_of(view).value == "typed by B in A's lesson"


def test_running_a_question_cell_again_keeps_one_listener(kernel, tmp_path, monkeypatch):
    kernel.start("Mo")
    first = open_question("d04_promising_step")
    second = open_question("d04_promising_step")  # the cell was run again
    saves = []
    original = answers.AnswerBook.save
    monkeypatch.setattr(answers.AnswerBook, "save", lambda self, q, v: saves.append(v) or original(self, q, v))
    text_of(second).value = "new text"
    text_of(first).value = "old widget, closed"  # the old widget no longer writes
    assert saves == ["new text"]
    assert list(kernel.views) == ["d04_promising_step"]


# ---------------------------------------------------------------- failures a student can see


def test_a_read_only_folder_is_said_in_plain_words_and_the_text_stays(kernel, tmp_path, monkeypatch):
    kernel.start("Ro")
    view = open_question("d04_promising_step")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(answers, "write_atomic", refuse)
    text_of(view).value = "my careful paragraph"
    assert "Not saved: the answers folder is read-only" in view.status.value
    assert 'role="alert"' in view.status.value
    assert text_of(view).value == "my careful paragraph"


def test_an_unexpected_error_is_shown_not_only_logged(kernel, monkeypatch):
    kernel.start("Ux")
    view = open_question("d04_promising_step")
    monkeypatch.setattr(answers.AnswerBook, "save", lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    text_of(view).value = "text"
    assert "something unexpected went wrong (RuntimeError)" in view.status.value


def test_a_stored_value_of_the_wrong_type_is_kept_and_said(kernel, tmp_path):
    kernel.start("Wt")
    answers.AnswerBook("Wt", tmp_path).save("d04_optimism_scale", "an answer from when this was an open question")
    view = open_question("d04_optimism_scale")
    assert "could not be restored" in view.status.value
    stored = json.loads(next(tmp_path.glob("wt-*.json")).read_text(encoding="utf-8"))
    assert stored["answers"]["d04_optimism_scale"]["value"].startswith("an answer from when")


@pytest.mark.parametrize("qid, stored, said", [
    ("d04_optimism_scale", {"score": 9, "reason": "very"}, "cannot show: “9 / "),
    ("d04_forecast_sochi", {"probability": float("inf"), "reason": "sure"}, "could not be restored"),
])
def test_a_value_the_widget_cannot_show_is_said_and_kept_through_many_edits(kernel, tmp_path, qid, stored, said):
    kernel.start("Nine")
    answers.AnswerBook("Nine", tmp_path).save(qid, stored)
    view = open_question(qid)
    assert said in view.status.value and "kept in your answers file" in view.status.value
    for n in range(answers.HISTORY + 3):  # more edits than the history keeps
        text_of(view).value = f"a new reason, draft {n}"
    entry = answers.AnswerBook("Nine", tmp_path).entries()[qid]
    assert entry["value"]["reason"] == f"a new reason, draft {answers.HISTORY + 2}"
    assert [k["value"] for k in entry["kept"]] == [stored]


def test_a_value_the_widget_shows_is_not_called_unshowable(kernel, tmp_path):
    kernel.start("Fine")
    book = answers.AnswerBook("Fine", tmp_path)
    book.save("d04_optimism_scale", {"score": 2, "reason": "r"})
    book.save("d04_forecast_sochi", {"probability": 70})  # an older file, without a reason
    for qid in ("d04_optimism_scale", "d04_forecast_sochi"):
        view = open_question(qid)
        assert view.status.value.startswith('<span role="status">Saved for Fine'), view.status.value


def test_a_repair_during_the_lesson_is_announced_in_the_widget(kernel, tmp_path):
    kernel.start("Rp")
    view = open_question("d04_promising_step")
    text_of(view).value = "first"
    text_of(view).value = "second"
    kernel.book.path.write_bytes(b"\x00broken")
    text_of(view).value = "third"
    assert "was damaged" in view.status.value and "Saved for Rp" in view.status.value


def test_the_name_bar_and_the_export_say_their_failures(kernel, tmp_path, monkeypatch):
    import ipywidgets as w

    shown = []
    monkeypatch.setattr(questions, "show", lambda widget, html, text: shown.append(widget))
    questions.name_box()
    bar = shown[-1]
    field = find(bar, w.Text)[0]
    field.value = "x" * 200
    next(b for b in find(bar, w.Button) if b.description == "Start").click()
    assert "shorter name" in find(bar, w.HTML)[0].value
    field.value = "Ex Porter"
    next(b for b in find(bar, w.Button) if b.description == "Start").click()
    assert "saved for <strong>Ex Porter</strong>" in find(bar, w.HTML)[0].value
    questions.export_button()
    button, message = find(shown[-1], w.Button)[0], find(shown[-1], w.HTML)[0]
    monkeypatch.setattr(exports, "write_atomic", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left")))
    button.click()
    assert "Not exported: the disk is full" in message.value
    assert "Save" not in message.value  # the export has no Save button to press


def test_the_progress_list_names_questions_by_their_words_not_ids(kernel, monkeypatch):
    shown = []
    monkeypatch.setattr(questions, "show", lambda widget, html, text: shown.append((widget, str(html), text)))
    questions.progress("04")
    panel, static, text = shown[-1]
    for q in load_all().lesson_questions("04"):
        assert q["id"] not in panel.value and q["id"] not in static and q["id"] not in text
    assert "Before" in static or "op-ed" in static


def test_comparison_names_relations():
    same = {"stance_code": "supports"}
    assert positions.relation(same, same) == "agree"
    assert positions.relation(same, {"stance_code": "opposes"}) == "diverge"
    assert positions.relation(same, {"stance_code": "not_stated"}) == "one or both silent"
    washington, moscow = positions.sides()
    rows = positions.comparison_rows(washington, moscow)
    assert len(rows) == len(load_all().topics) and {r["relation"] for r in rows} <= {"agree", "diverge", "one or both silent"}


SHARED_COMPUTER_KERNEL = """
import os
from syria_lesson.live import questions
from syria_lesson.data import load_all
view = questions.QuestionView(load_all().question("d04_promising_step"))
"""


@pytest.mark.slow
def test_the_shared_computer_story_across_two_real_kernels(tmp_path):
    """A works in lesson 04; B sits down and types a name in lesson 00 (another
    kernel). A's lesson-04 kernel, still open, must not save B's typing as A's."""
    from jupyter_client.manager import start_new_kernel

    env = {**os.environ, "SYRIA_LESSON_ANSWERS": str(tmp_path)}
    lesson_04, client_04 = start_new_kernel(kernel_name="python3", env=env)
    lesson_00, client_00 = start_new_kernel(kernel_name="python3", env=env)
    try:
        def run(client, code):
            reply = client.execute_interactive(code, timeout=60, output_hook=lambda msg: None)
            assert reply["content"]["status"] == "ok", reply["content"]

        run(client_04, SHARED_COMPUTER_KERNEL + "questions.session.SESSION.start('Student A')\n"
                       "view.controls.widgets[0].value = \"A's answer\"")
        run(client_00, "from syria_lesson.live import questions\nquestions.session.SESSION.start('Student B')")
        run(client_04, "view.controls.widgets[0].value = 'typed by B at the same computer'")
        time.sleep(2 * question_view.TYPING_PAUSE)  # typing is saved at most once a second
        run(client_04, "assert 'Not saved' in view.status.value and 'Student B' in view.status.value, view.status.value")
        run(client_00, SHARED_COMPUTER_KERNEL + "assert view.controls.widgets[0].value == '', 'B must not see A'\n"
                       "view.controls.widgets[0].value = \"B's answer\"")
        time.sleep(2 * question_view.TYPING_PAUSE)
    finally:
        for manager, client in ((lesson_04, client_04), (lesson_00, client_00)):
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    assert answers.AnswerBook("Student A", tmp_path).get("d04_promising_step") == "A's answer"
    assert answers.AnswerBook("Student B", tmp_path).get("d04_promising_step") == "B's answer"
