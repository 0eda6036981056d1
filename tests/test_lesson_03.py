"""Lesson 03, actors and positions: students predict cells of the positions
table before they see them. Every table leaves the predicted cells blank in the
student edition and on paper, fills each in JupyterLab once it is answered, and
shows them all in the instructor edition; the whole table comes after the
predictions."""


import nbformat
import pytest
from lesson_parts import cell_index, tags
from markupsafe import escape

from syria_lesson import build, kinds
from syria_lesson.build import timing
from syria_lesson.build.handouts import worksheet_notebook
from syria_lesson.core import paths
from syria_lesson.data import load_all
from syria_lesson.lessons import positions
from syria_lesson.lessons.positions import figure as positions_figure
from syria_lesson.lessons.positions import reveal as positions_reveal

LESSON = "03"


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(paths.ROOT / "notebooks" / "03_actors_and_positions.ipynb", as_version=4)


def predictions() -> list[dict]:
    return [q for q in load_all().lesson_questions(LESSON) if q["kind"] == "predict"]


def outputs(cell) -> str:
    return " ".join(str(o.get("data", {}).get("text/html", "")) + str(o.get("data", {}).get("text/plain", ""))
                    for o in cell.get("outputs", []))


# ---------------------------------------------------------------- what is predicted


def test_at_least_six_cells_are_predicted_spread_over_actors_and_kinds_of_evidence():
    content = load_all()
    qs = predictions()
    assert len(qs) >= 6
    cells = [tuple(q["cell"]) for q in qs]
    assert len(set(cells)) == len(cells)
    assert len({a for a, _ in cells}) >= 5 and len({t for _, t in cells}) >= 4
    assert {a for a, _ in cells} & {"sdf", "israel"}
    bases = {content.position(*cell)["basis"] for cell in cells}
    assert "not_stated" in bases and "article_and_record" in bases and "record" in bases
    # The cell where the article and the record part ways: the article says both sides concur, Moscow did not.
    russia = content.position("russia", "foreign_forces")
    assert ("russia", "foreign_forces") in cells and "contradicting" in russia["note"]


def test_a_prediction_asks_for_a_position_and_its_basis_on_paper_too():
    for q in predictions():
        paper = str(kinds.kind_of(q).paper(q))
        assert "Position:" in paper and "How we know:" in paper and "Your reason:" in paper
        assert q["position"]["stance"] not in paper


# ---------------------------------------------------------------- the tables hold the predicted cells back


def test_on_paper_and_in_the_student_edition_every_predicted_cell_is_blank(monkeypatch):
    monkeypatch.setenv("SYRIA_LESSON_EDITION", "student")
    hidden = positions.hidden_cells(LESSON)
    assert set(hidden) == {tuple(q["cell"]) for q in predictions()}
    monkeypatch.setenv("SYRIA_LESSON_EDITION", "worksheet")
    assert set(positions.hidden_cells(LESSON)) == set(hidden)
    monkeypatch.setenv("SYRIA_LESSON_EDITION", "instructor")
    assert positions.hidden_cells(LESSON) == {}
    assert positions.hidden_cells(None) == {}


def test_the_blank_cells_show_the_question_and_none_of_the_reading(monkeypatch):
    monkeypatch.setenv("SYRIA_LESSON_EDITION", "student")
    content = load_all()
    hidden = positions.hidden_cells(LESSON)
    frame = positions.matrix_frame(hidden)
    for (actor, topic), number in hidden.items():
        cell = frame.loc[content.actor(actor)["short_name"], content.topic(topic)["title"]]
        assert cell == positions.blank_label(number, short=True)
    for q in predictions():
        actor, topic = q["cell"]
        stance = str(escape(q["position"]["stance"]))
        assert stance not in str(positions.topic_html(topic, hidden))
        assert stance not in str(positions.comparison_html(actor, "us_white_house", hidden))
        row = next(r for r in positions.topic_rows(topic, hidden) if r["actor"] == content.actor(actor)["short_name"])
        assert row["basis"] == "" and row["source"] == ""
    rows = positions.comparison_rows("us_white_house", "russia", hidden)
    assert next(r for r in rows if r["topic"] == content.topic("foreign_forces")["title"])["relation"] == \
        "compare with your prediction"


def test_a_not_stated_cell_is_shown_by_its_label_not_a_sentence_repeated_in_every_such_cell():
    content = load_all()
    silent = next(p for p in content.positions if p["stance_code"] == "not_stated")
    assert positions.stance_text(silent) == ""
    spoken = next(p for p in content.positions if p["stance_code"] == "supports")
    assert positions.stance_text(spoken) == spoken["stance"]


def test_in_jupyterlab_a_cell_fills_in_once_it_is_predicted_and_empties_for_the_next_student(student, monkeypatch):
    shown = []
    monkeypatch.setattr(positions, "show", lambda widget, html, text: shown.append((widget, str(html))))
    positions.show_matrix(LESSON)
    panel, static = shown[-1]
    first = predictions()[0]
    blank = positions.blank_label(positions.hidden_cells(LESSON)[tuple(first["cell"])], short=True)
    assert blank in panel.value and blank in static
    before = panel.value.count(positions.BLANK)
    student.book.save(first["id"], {"stance": "supports", "basis": "article", "reason": "Paragraph 10"})
    student.changed()
    assert blank in panel.value  # two choices and a two-word reason: not yet a reason of a sentence
    student.book.save(first["id"], {"stance": "supports", "basis": "article",
                                    "reason": "Paragraph 10 says Moscow wants every foreign force to leave Syria."})
    student.changed()
    assert blank not in panel.value and panel.value.count(positions.BLANK) == before - 1
    assert blank in static  # paper never changes
    student.start("Someone Else")
    assert blank in panel.value and panel.value.count(positions.BLANK) == before


def test_the_static_faces_in_the_committed_notebook_leave_the_cells_blank(nb):
    ref = nbformat.read(build.REFERENCE, as_version=4)
    for call in ('positions.show_matrix("03")', 'positions.compare(lesson_id="03")', 'positions.by_topic(lesson_id="03")'):
        book = nb if "show_matrix" in call else ref  # the full tables are in the reference, held back the same way
        cell = book.cells[cell_index(book, call)]
        text = outputs(cell)
        assert positions.BLANK in text, call
        for q in predictions():
            assert str(escape(q["position"]["stance"])) not in text, (call, q["id"])
    matrix = outputs(nb.cells[cell_index(nb, 'positions.show_matrix("03")')])
    assert matrix.count(f"{positions.BLANK} question") >= len(predictions())


# ---------------------------------------------------------------- the module's reading, after the attempt


def test_the_whole_table_comes_after_the_predictions_and_names_them(nb):
    reveal = cell_index(nb, 'positions.after_predictions("03")')
    for q in predictions():
        assert cell_index(nb, f'questions.ask("{q["id"]}")') < reveal
    page = outputs(nb.cells[reveal])
    assert f'data-after="{" ".join(q["id"] for q in predictions())}"' in page
    assert cell_index(nb, 'positions.show_matrix("03")') > reveal


def test_the_reading_shows_every_predicted_cell_with_the_students_own_beside_it(student, monkeypatch):
    monkeypatch.setenv("SYRIA_LESSON_EDITION", "student")
    first = predictions()[0]
    student.book.save(first["id"], {"stance": "opposes", "basis": "record", "reason": "Lavrov said so"})
    html = str(positions_reveal.reading_html(LESSON))
    for q in predictions():
        assert str(escape(positions.stance_text(q["position"]))) in html
    assert "Your prediction" in html and "Opposes (no); A dated public source says so. Lavrov said so" in html
    assert "(not answered)" in html
    assert 'id="T_positions_all' in html and "data:image/png;base64," in html


def test_the_figure_alt_text_reads_out_the_signatories_rows_without_comparing_them():
    alt = positions_figure.alt_text()
    assert "differ on" not in alt
    assert "Trump White House: Should Assad go? conditional" in alt


# ---------------------------------------------------------------- the lesson as a whole


def test_the_lesson_reads_short_and_its_time_holds(nb):
    time = timing.lesson_time(LESSON)
    assert time["computed"] <= time["stated"] == 50 and time["tasks"] * 6 >= 50
    assert not any("actors.intros()" in cell.source for cell in nb.cells), "who the actors are: in the reference"
    assert len(load_all().actors) == 14
    assert "SDF / PYD" in outputs(nb.cells[cell_index(nb, "actors.by_side()")])


def test_the_map_shows_who_is_where_with_a_task_that_uses_it(nb):
    at = cell_index(nb, "syria_map.show_map(")
    assert "worksheet" in tags(nb.cells[at]) and "who is where" in nb.cells[at].source
    q = load_all().question("sc03_tartus")
    assert "map" in q["prompt"] and at < cell_index(nb, 'questions.ask("sc03_tartus")')


def test_the_self_checks_come_before_what_would_give_them_away(nb):
    """The paragraph-10 check comes before the tables (which show Hezbollah's
    basis); the check on those who sign nothing before the table whose notes
    say it."""
    tables = cell_index(nb, 'positions.show_matrix("03")')
    for qid in ("sc03_basis_hezbollah", "sc03_nonsigner", "sc03_tartus"):
        assert cell_index(nb, f'questions.ask("{qid}")') < tables
    assert cell_index(nb, 'questions.ask("sc03_widest_gap")') > tables


def test_the_worksheet_is_the_map_and_the_tasks_without_the_reference_tables(nb):
    sheet = worksheet_notebook(nb)
    sources = "\n".join(c.source for c in sheet.cells)
    assert "syria_map.show_map(" in sources
    for call in ("actors.intros()", "positions.show_matrix", "positions.compare", "positions.by_topic", "glossary"):
        assert call not in sources
    for q in load_all().lesson_questions(LESSON):
        assert f'questions.ask("{q["id"]}")' in sources, q["id"]


def test_every_version_of_the_plan_places_every_core_task_once():
    plan = load_all().plan(LESSON)
    core = sorted(q["id"] for q in load_all().lesson_questions(LESSON) if q["tier"] == "core")
    for name in ("two_classes", "self_study"):
        placed = [t for part in plan[name] for step in part["plan"] for t in step.get("tasks") or []]
        assert sorted(t for t in placed if t in core) == core, name
        assert len(placed) == len(set(placed)), name


def test_the_teacher_has_a_model_answer_for_every_prediction_matching_the_table():
    from syria_lesson.data import load_instructor_notes

    content = load_all()
    notes = load_instructor_notes(content.questions)
    assert "50 minutes" in notes["lesson_03"]["note"]
    words = {"supports": "Supports", "opposes": "Opposes", "conditional": "Conditional", "not_stated": "Not stated"}
    for q in predictions():
        answer = notes[q["id"]]["model_answer"]
        assert answer.startswith(words[q["position"]["stance_code"]]), q["id"]
