"""Lesson 02, the timeline: students match the op-ed's phrases to the deals
before they see ours; the explorer holds the article's paragraph links back
until then; the map and the date self-checks come where their answers are not
already on the page; the worksheet is the map and the tasks."""

import re

import nbformat
import pytest
from lesson_parts import cell_index, code_of, tags
from markupsafe import escape

from syria_lesson import build, kinds
from syria_lesson.build import timing
from syria_lesson.build.handouts import worksheet_notebook
from syria_lesson.core import paths
from syria_lesson.data import load_all
from syria_lesson.lessons import timeline
from syria_lesson.lessons.timeline import explore as timeline_explorer

LESSON = "02"
MATCH = "ph02_phrases"


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(paths.ROOT / "notebooks" / "02_timeline.ipynb", as_version=4)


# ---------------------------------------------------------------- the phrases are data, matched before they are told


def test_the_phrases_are_data_with_events_a_student_can_choose():
    content = load_all()
    phrases = content.article["phrases"]
    assert len(phrases) >= 8
    q = content.question(MATCH)
    assert q["kind"] == "match" and q["source"] == "phrases"
    assert [i["id"] for i in q["match_items"]] == [p["id"] for p in phrases]
    choosable = {c["id"] for c in q["match_choices"]}
    for phrase in phrases:
        assert phrase["events"] and set(phrase["events"]) <= choosable, phrase["id"]
        assert phrase["note"].strip() and phrase.get("hint"), phrase["id"]
        assert not set(phrase["events"]) & set(re.findall(r"[a-z]+_[a-z0-9_]+", phrase["hint"])), "a hint names an id"


def test_the_events_to_choose_from_keep_the_timeline_order_and_numbers():
    q = load_all().question(MATCH)
    numbers = [int(c["label"].split(".")[0]) for c in q["match_choices"]]
    assert numbers == sorted(numbers)
    paper, after = str(kinds.kind_of(q).paper(q)), str(kinds.kind_of(q).paper_after(q))
    assert "Write the number of the matching event" in paper and "sl-numbered" not in paper  # the task stays short
    assert 'class="sl-match-choices sl-numbered"' in after  # the long list follows it, and may run on
    assert "(1) " not in "\n".join(kinds.kind_of(q).paper_text(q))  # one number per event, not two


def test_the_list_that_gave_our_matching_away_is_gone(nb):
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Which earlier deal does each phrase point to?" not in text
    assert "→" not in text
    for phrase in load_all().article["phrases"]:
        assert phrase["note"][:60] not in text


def test_every_phrase_gets_feedback_and_our_matching_comes_after_the_attempt(nb):
    q = load_all().question(MATCH)
    kind = kinds.kind_of(q)
    assert kind.tasks(q) == len(q["match_items"]) >= 8
    first = q["match_items"][0]
    wrong = next(c["id"] for c in q["match_choices"] if c["id"] not in first["answers"])
    nudge = str(kind.item_feedback(q, first, wrong, 1))
    assert first["note"][:30] not in nudge and "try again" in nudge
    assert first["note"][:30] not in str(kind.item_feedback(q, first, wrong, 5))  # never handed over
    assert first["note"][:30] in str(kind.item_feedback(q, first, first["answers"][0], 1))
    asked, reveal = cell_index(nb, f'questions.ask("{MATCH}")'), cell_index(nb, f'timeline.after_matching("{MATCH}")')
    assert asked < reveal
    page = "".join(str(o.get("data", {}).get("text/html", "")) for o in nb.cells[reveal].outputs)
    assert f'data-after="{MATCH}"' in page and first["note"][:30] not in page


def test_our_matching_names_each_phrase_its_events_and_why():
    rows = timeline_explorer.phrase_rows(MATCH)
    html = str(timeline_explorer.phrases_html(MATCH))
    assert len(rows) == len(load_all().article["phrases"])
    assert all(str(escape(row["why"])) in html for row in rows)
    assert "Trump–Putin Joint Statement on Syria at APEC" in html
    assert not re.search(r"\b(danang_statement|flight_safety_mou)\b", html)


# ---------------------------------------------------------------- the explorer holds the paragraph links back


def test_the_explorer_leaves_out_paragraphs_on_paper_and_prints_them_for_the_teacher(monkeypatch):
    shown = []
    monkeypatch.setattr(timeline_explorer, "show", lambda widget, html, text: shown.append((str(html), text)))
    timeline.explorer("timeline_2012_2018", hold_back=MATCH)
    student_html, student_text = shown[-1]
    assert "paragraph 5" not in student_html and "paragraph 5" not in student_text
    assert "alluded to in the article" in student_html and str(escape(timeline_explorer.HELD_BACK)) in student_html
    monkeypatch.setenv("SYRIA_LESSON_EDITION", "instructor")
    timeline.explorer("timeline_2012_2018", hold_back=MATCH)
    assert "alluded to in the article, paragraph 5" in shown[-1][0]
    monkeypatch.setenv("SYRIA_LESSON_EDITION", "student")
    timeline.explorer("timeline_2012_2018")  # lesson 05's use: nothing held back
    assert "paragraph 5" in shown[-1][0]


def test_in_jupyterlab_the_paragraphs_appear_once_the_student_has_matched(student, monkeypatch):
    import ipywidgets as w

    shown = []
    monkeypatch.setattr(timeline_explorer, "show", lambda widget, html, text: shown.append(widget))
    timeline.explorer("timeline_2012_2018", hold_back=MATCH)
    result = [c for c in shown[-1].children if isinstance(c, w.HTML)][0]
    held = str(escape(timeline_explorer.HELD_BACK))
    assert "paragraph 5" not in result.value and held in result.value
    q = load_all().question(MATCH)
    chosen = {i["id"]: i["answers"][0] for i in q["match_items"]}
    student.book.save(MATCH, {"chosen": chosen, "tries": {}, "reason": "x"})  # matched, but one letter of reason
    student.changed()
    assert "paragraph 5" not in result.value
    student.book.save(MATCH, {"chosen": chosen, "tries": {}, "reason": "The treaty phrase was hardest, because two deals fit it."})
    student.changed()
    assert "paragraph 5" in result.value and held not in result.value
    student.start("Someone Else")  # a new student has not matched yet
    assert "paragraph 5" not in result.value


def test_the_reference_shows_no_paragraph_links_before_the_matching():
    ref = nbformat.read(build.REFERENCE, as_version=4)
    explorer = ref.cells[cell_index(ref, 'timeline.explorer("timeline_2012_2018"')]
    assert 'hold_back="ph02_phrases"' in explorer.source
    page = "".join(str(o.get("data", {}).get("text/html", "")) for o in explorer.outputs)
    assert "Events by thread" in page and ", paragraph " not in page


# ---------------------------------------------------------------- the map, the dates, the headline


def test_the_map_comes_first_with_its_alt_text_and_two_tasks_that_use_it(nb):
    at = cell_index(nb, "syria_map.show_map(")
    cell = nb.cells[at]
    assert "worksheet" in tags(cell) and "caption=" in cell.source
    assert any(o.get("metadata", {}).get("image/png", {}).get("alt") for o in cell.outputs)
    content = load_all()
    for qid in ("sc02_southwest_map", "sc02_airbase_headline"):
        assert "map" in content.question(qid)["prompt"]
        assert at < cell_index(nb, f'questions.ask("{qid}")') < cell_index(nb, "timeline.show_timeline(")


def test_no_self_check_has_its_answer_in_the_cells_above(nb):
    """The events table names what the 'airbase' headline refers to, so that
    question comes before the timeline; the right option's explanation of
    every self-check appears nowhere in the committed notebook."""
    content = load_all()
    headline = next(e for e in content.events if e["id"] == "hmeimim_protocol_ratified")
    above = " ".join(str(o) for c in nb.cells[:cell_index(nb, 'questions.ask("sc02_airbase_headline")')]
                     for o in c.get("outputs", []))
    assert headline["title"] not in above
    whole = " ".join(str(o) for c in nb.cells for o in c.get("outputs", []))
    for q in content.lesson_questions(LESSON):
        if q["kind"] == "selfcheck":
            right = next(o for o in q["options"] if o["text"] == q["answer"])
            assert " ".join(right["feedback"].split()[:10]) not in whole, q["id"]


def test_the_date_self_checks_ask_which_date_and_let_a_student_try_again():
    content = load_all()
    dates = [content.question(q) for q in ("sc02_jordan", "sc02_astana_in_force", "sc02_signed_ratified")]
    words = " ".join(q["prompt"] + " " + " ".join(o["text"] for o in q["options"]) for q in dates)
    for kind_of_date in ("announced", "signed", "ratified", "force"):
        assert kind_of_date in words
    for q in dates:
        assert all(len(o["feedback"].split()) >= 10 for o in q["options"]), q["id"]  # every option explains


# ---------------------------------------------------------------- the lesson as a whole


def test_the_lesson_has_its_question_an_open_answer_to_it_and_an_extension(nb):
    content = load_all()
    plan = content.plan(LESSON)
    assert "Da Nang" in plan["supporting_question"]
    opens = [q for q in content.lesson_questions(LESSON) if q["kind"] == "open"]
    assert any(q["tier"] == "core" and "long list" in q["prompt"] for q in opens)
    header = cell_index(nb, 'lesson.header("02")')
    assert header > cell_index(nb, "## Learning objectives")
    pandas_cells = [c for c in nb.cells if "events_frame" in c.source]
    assert pandas_cells and all("extension" in tags(c) for c in pandas_cells)


def test_every_hidden_code_cell_is_one_call_and_the_explorer_is_a_reference(nb):
    for cell in nb.cells:
        if cell.cell_type == "code" and "remove-input" in tags(cell):
            assert len(code_of(cell).strip().splitlines()) <= 3, cell.source
    assert not any("timeline.explorer(" in cell.source for cell in nb.cells), "the explorer is in the reference"


def test_the_time_holds_and_every_version_of_the_plan_places_every_core_task(nb):
    time = timing.lesson_time(LESSON)
    assert time["computed"] <= time["stated"] == 50
    assert time["tasks"] * 6 >= 50
    plan = load_all().plan(LESSON)
    core = sorted(q["id"] for q in load_all().lesson_questions(LESSON) if q["tier"] == "core")
    activities = {a["id"] for a in plan["activities"]}
    for name in ("two_classes", "self_study"):
        placed = [t for part in plan[name] for step in part["plan"] for t in step.get("tasks") or []]
        assert sorted(t for t in placed if t not in activities and t in core) == core, name
        assert len(placed) == len(set(placed)), f"{name} places a task twice"
    assert any(step.get("pause") for step in plan["plan"])


def test_the_worksheet_is_the_map_and_the_tasks():
    path = next(p for p in build.notebooks(include_instructor=False) if p.name.startswith(LESSON))
    sheet = worksheet_notebook(nbformat.read(path, as_version=4))
    sources = "\n".join(c.source for c in sheet.cells)
    assert "syria_map.show_map(" in sources and "timeline.explorer(" not in sources
    assert "reference.glossary" not in sources and "after_matching" not in sources
    for q in load_all().lesson_questions(LESSON):
        assert f'questions.ask("{q["id"]}")' in sources, q["id"]


def test_the_teacher_has_a_note_for_the_lesson_and_a_model_answer_for_every_task():
    from syria_lesson.data import load_instructor_notes

    content = load_all()
    notes = load_instructor_notes(content.questions)
    assert "50 minutes" in notes["lesson_02"]["note"]
    for q in content.lesson_questions(LESSON):
        assert notes[q["id"]].get("model_answer"), q["id"]
    assert not re.search(r"\bevent \d+\b", " ".join(n.get("model_answer", "") for n in notes.values()))
