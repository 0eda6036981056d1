"""Every lesson's stated time holds, its plan covers its tasks, it asks often
enough, and every reveal of our reading comes after the tasks it answers."""

import re

import nbformat
import pytest

from syria_lesson import build, kinds
from syria_lesson.build import timing
from syria_lesson.data import load_all

LESSONS = [lesson["id"] for lesson in load_all().module["lessons"]]
# Lessons whose work is reading and doing, not discussing: at least one task per 6 minutes.
TASK_DENSE = {"01", "02", "03"}  # 05 ends in a 12-minute essay; 00 and 04 are discussion


def notebook(lesson: str):
    path = next(p for p in build.notebooks(include_instructor=False) if p.name.startswith(lesson))
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_computed_time_fits_the_stated_time(lesson):
    """Computed from the student handout itself: every word it shows outside the extension."""
    time = timing.lesson_time(lesson)
    assert time["computed"] <= time["stated"], (
        f"lesson {lesson}: {time['words']} words ({time['reading']:.1f} min) + {time['task_minutes']} min of tasks + "
        f"{time['activity_minutes']} min of activities + {time['pause_minutes']} min of pauses = "
        f"{time['computed']:.1f} min, more than the stated {time['stated']}. Cut, move material to the reference "
        "notebook, or make a task an extension (at the end of the lesson).")


@pytest.mark.parametrize("lesson", LESSONS)
def test_extension_work_sits_at_the_end(lesson):
    """What the period does not count must be the lesson's last part, not scattered through it."""
    cells = notebook(lesson).cells
    marked = ["extension" in cell.metadata.get("tags", []) for cell in cells]
    if any(marked):
        first = marked.index(True)
        assert all(marked[first:]), f"lesson {lesson}: a cell after the extension section is not extension work"
    extension = {q["id"] for q in load_all().lesson_questions(lesson) if q["tier"] == "extension"}
    for cell, is_extension in zip(cells, marked):
        asked = set(re.findall(r'ask\("(\w+)"\)', cell.source))
        assert not (asked & extension) or is_extension, f"lesson {lesson}: {asked & extension} asked outside the extension"


def test_the_time_counts_every_word_but_the_extension():
    """The count cannot leave out a reference table, a task's text or a saved output: only the
    extension cells (and scripts and styles, which no one sees) are not read in the period."""
    page = timing.student_page("02")
    base = timing.page_words(page)
    table = '<div class="jp-Cell celltag_reference"><table><tr><td>' + "word " * 500 + "</td></tr></table></div>"
    task = '<div class="sl-question">' + "word " * 100 + "</div>"
    extension = '<div class="jp-Cell celltag_extension"><p>' + "word " * 300 + "</p></div>"
    end = page.rindex("</body>")
    assert timing.page_words(page[:end] + table + task + page[end:]) == base + 600
    assert timing.page_words(page[:end] + extension + "<script>var a = 1;</script>" + page[end:]) == base
    # a lesson as long as lesson 02 with the reference table put back would not fit its period
    plan = timing.lesson_time("02", page=page[:end] + table * 4 + page[end:])
    assert plan["computed"] > plan["stated"]


def test_the_readme_states_each_lessons_period_and_their_total():
    readme = (build.ROOT / "README.md").read_text(encoding="utf-8")
    module = load_all().module
    total = 0
    for lesson in module["lessons"]:
        stated = load_all().plan(lesson["id"])["minutes"]
        total += stated
        assert re.search(rf"\| {lesson['id']} · {re.escape(lesson['title'])} \|[^\n]*\| {stated} min \|", readme), lesson
    hours, minutes = divmod(total, 60)
    assert f"**{hours} h {minutes} min**" in readme


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_plan_places_every_core_task_once(lesson):
    plan = load_all().plan(lesson)
    content = load_all()
    placed = [t for step in plan["plan"] for t in step.get("tasks") or []]
    activities = {a["id"]: a for a in plan.get("activities") or [] if not a.get("extension")}
    core = {q["id"]: q for q in content.lesson_questions(lesson) if q["tier"] == "core"}
    assert sorted(t for t in placed if t not in activities) == sorted(core), "plan tasks and core questions differ"
    assert sorted(t for t in placed if t in activities) == sorted(activities)
    for step in plan["plan"]:
        needed = sum(core[t]["minutes"] if t in core else activities[t]["minutes"] for t in step.get("tasks") or [])
        assert step["minutes"] >= needed, f"lesson {lesson}: step {step['step']!r} has {step['minutes']} min for {needed}"


@pytest.mark.parametrize("lesson", sorted(TASK_DENSE))
def test_students_do_the_thinking_at_least_one_task_per_six_minutes(lesson):
    plan = load_all().plan(lesson)
    core = [q for q in load_all().lesson_questions(lesson) if q["tier"] == "core"]
    tasks = sum(kinds.kind_of(q).tasks(q) for q in core)
    assert tasks * 6 >= plan["minutes"], f"lesson {lesson}: {tasks} tasks for {plan['minutes']} minutes"


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_reveal_comes_after_the_tasks_it_answers(lesson):
    """In the committed notebook's outputs, in order: each reveal names the
    questions it answers (data-after), and each must have been asked above it."""
    asked: set[str] = set()
    reveals = 0
    for cell in notebook(lesson).cells:
        for output in cell.get("outputs", []):
            page = str(output.get("data", {}).get("text/html", ""))
            for after in re.findall(r'data-after="([^"]*)"', page):
                reveals += 1
                wanted = set(after.split())
                assert wanted and wanted <= asked, f"lesson {lesson}: a reveal comes before {sorted(wanted - asked)}"
            asked |= set(re.findall(r'class="sl-question[^"]*" id="q-([a-z0-9_]+)"', page))
    if lesson in TASK_DENSE:
            assert reveals, f"lesson {lesson} never shows its own reading after the students' attempt"


def test_the_lesson_plan_and_the_lesson_tables_are_the_data():
    """docs/lesson_plan.md and the tables in README.md and docs/teachers.md are
    made from data/lessons/: a typed time cannot drift from the lessons'."""
    from syria_lesson.build import docs

    for path, expected in docs.targets().items():
        assert path.read_text(encoding="utf-8") == expected, f"{path.name} is out of date: run `make docs`"


def test_the_teaching_notes_state_no_other_time_than_the_data():
    """A note that says how long a task takes says what the data says (it may
    add the time of another version, such as the two-class plan)."""
    from syria_lesson.data import load_instructor_notes

    content = load_all()
    for qid, note in load_instructor_notes(content.questions).items():
        if qid.startswith("lesson_"):
            continue
        question = content.question(qid)
        stated = {int(n) for n in re.findall(r"\b(\d+)\s*(?:minutes|min)\b", note.get("note") or "")}
        assert not stated or question["minutes"] in stated, (
            f"{qid}: the note says {sorted(stated)} minutes, the data {question['minutes']}")


def test_in_jupyterlab_the_code_of_every_lesson_cell_is_folded_away():
    """A student in JupyterLab sees prose, widgets and figures, not questions.ask("q01_key_terms"):
    every cell whose code the handouts leave out is folded in JupyterLab too."""
    for path in build.notebooks(include_instructor=True):
        nb = nbformat.read(path, as_version=4)
        shown = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "code"
                 and "remove-input" in c.metadata.get("tags", [])
                 and not c.metadata.get("jupyter", {}).get("source_hidden")]
        assert shown == [], f"{path.name}: code in sight in JupyterLab: {shown}"
        # A folded cell still shows its first line: a label in plain words, never the call and its ids.
        unlabelled = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "code"
                      and c.metadata.get("jupyter", {}).get("source_hidden")
                      and not re.fullmatch(r"# [A-Z][^\"_]*", c.source.splitlines()[0])]
        assert unlabelled == [], f"{path.name}: folded cells whose first line is not a label: {unlabelled}"
