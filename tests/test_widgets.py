"""Widget logic, driven as a student would: type, click, restart."""

import pytest

from syria_lesson import answers, classroom, positions, questions
from syria_lesson.data import load_all


@pytest.fixture
def session(tmp_path, monkeypatch):
    monkeypatch.setenv("SYRIA_LESSON_ANSWERS", str(tmp_path))
    fresh = questions.Session()
    monkeypatch.setattr(questions, "SESSION", fresh)
    return fresh


def find(widget, kind):
    """All descendants of a widget of one class, depth first."""
    found = [widget] if isinstance(widget, kind) else []
    for child in getattr(widget, "children", ()):
        found += find(child, kind)
    return found


def open_question(qid):
    return questions._question_widget(load_all().question(qid))


def test_without_a_name_nothing_is_saved_and_the_student_is_told(session, tmp_path):
    import ipywidgets as w

    box = open_question("d04_promising_step")
    find(box, w.Textarea)[0].value = "My answer"
    status = [h for h in find(box, w.HTML) if "name" in h.value]
    assert status and "Type your name" in status[0].value
    assert not list(tmp_path.glob("*.json"))


def test_typing_autosaves_and_save_button_confirms(session, tmp_path):
    import ipywidgets as w

    session.start("Ana López")
    box = open_question("d04_promising_step")
    find(box, w.Textarea)[0].value = "Autosaved text"
    assert answers.AnswerBook("Ana López", tmp_path).get("d04_promising_step") == "Autosaved text"
    # The Save button on its own: clear what autosave did, then click.
    statuses = [h for h in find(box, w.HTML) if h.value.startswith('<span role="status">Saved ')]
    assert len(statuses) == 1
    statuses[0].value = ""
    book_file = next(tmp_path.glob("*.json"))
    book_file.unlink()
    save = next(b for b in find(box, w.Button) if b.description == "Save")
    save.click()
    assert statuses[0].value.startswith('<span role="status">Saved ')
    assert answers.AnswerBook("Ana López", tmp_path).get("d04_promising_step") == "Autosaved text"


def test_answers_come_back_after_a_restart(session, tmp_path, monkeypatch):
    import ipywidgets as w

    session.start("Kim")
    box = open_question("d04_optimism_scale")
    find(box, w.ToggleButtons)[0].value = 4
    find(box, w.Textarea)[0].value = "Because deconfliction held."
    monkeypatch.setattr(questions, "SESSION", questions.Session())  # a new kernel
    again = open_question("d04_optimism_scale")
    assert find(again, w.ToggleButtons)[0].value == 4
    assert find(again, w.Textarea)[0].value == "Because deconfliction held."


def test_selfcheck_gives_feedback_for_the_chosen_option(session):
    import ipywidgets as w

    question = load_all().question("sc02_jordan")
    box = questions._question_widget(question)
    wrong = next(o["text"] for o in question["options"] if o["text"] != question["answer"])
    find(box, w.RadioButtons)[0].value = wrong
    next(b for b in find(box, w.Button) if b.description == "Check").click()
    feedback = find(box, w.HTML)[-1].value
    assert "Not quite." in feedback
    find(box, w.RadioButtons)[0].value = question["answer"]
    next(b for b in find(box, w.Button) if b.description == "Check").click()
    assert "Right." in find(box, w.HTML)[-1].value


def test_ranking_is_saved_only_when_every_rank_is_used_once(session, tmp_path):
    import ipywidgets as w

    session.start("Lee")
    question = load_all().question("d04_rank_obstacles")
    box = questions._question_widget(question)
    drops = find(box, w.Dropdown)
    for drop in drops:
        drop.value = 1
    assert answers.AnswerBook("Lee", tmp_path).get("d04_rank_obstacles") is None
    for rank, drop in enumerate(reversed(drops), start=1):
        drop.value = rank
    saved = answers.AnswerBook("Lee", tmp_path).get("d04_rank_obstacles")
    assert saved == list(reversed(question["options"]))


def test_worksheet_escapes_prompts_and_gives_room_to_write():
    page = questions.worksheet_html({"id": "x", "kind": "open", "level": "recall", "prompt": "<b>Why?</b>", "lines": 4})
    assert "&lt;b&gt;Why?&lt;/b&gt;" in page and page.count('class="sl-line"') == 4


def test_comparison_names_relations():
    same = {"stance_code": "supports"}
    assert positions.relation(same, same) == "agree"
    assert positions.relation(same, {"stance_code": "opposes"}) == "diverge"
    assert positions.relation(same, {"stance_code": "not_stated"}) == "one or both silent"
    rows = positions.comparison_rows("us_white_house", "russia")
    assert len(rows) == len(load_all().topics) and {r["relation"] for r in rows} <= {"agree", "diverge", "one or both silent"}


def test_class_view_reads_good_files_and_names_bad_ones(tmp_path):
    answers.AnswerBook("Ana", tmp_path).save("d04_optimism_scale", {"score": 2, "reason": "r"})
    answers.AnswerBook("Ben", tmp_path).save("d04_optimism_scale", {"score": 4, "reason": ""})
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    students, problems = classroom.read_class(tmp_path)
    assert sorted(s["student"] for s in students) == ["Ana", "Ben"]
    assert any(p.startswith("broken.json") for p in problems) and any(p.startswith("notes.txt") for p in problems)
    question = load_all().question("d04_optimism_scale")
    assert classroom.scale_distribution(students, question) == {2: 1, 4: 1}
    assert classroom.names(students, anonymise=True) == ["Student 1", "Student 2"]
    (count,) = [c for c in classroom.counts(students, [question])]
    assert count["answered"] == 2 and count["of"] == 2
