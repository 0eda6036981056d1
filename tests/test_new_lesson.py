"""The recipe for a new lesson works: `new-lesson` writes an empty, valid lesson
(data files and notebook) and `check` passes; it refuses a malformed or
existing id; `check` names the file, row and column of a broken value.

Each test works in a copy of the module in tmp_path: nothing is written into
the real checkout (the fixture checks that too)."""

import hashlib
import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from syria_lesson import data
from syria_lesson.build.__main__ import main
from syria_lesson.core import paths

REAL = paths.ROOT


def _snapshot() -> dict[str, str]:
    """Every content file of the real checkout, by its hash."""
    found = {}
    for folder in ("data", "instructor", "notebooks"):
        for path in sorted((REAL / folder).rglob("*")):
            if path.is_file() and "answers" not in path.parts:
                found[str(path.relative_to(REAL))] = hashlib.sha1(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def module_copy(tmp_path, monkeypatch):
    """A copy of the module's content; the package reads and writes only there."""
    before = _snapshot()
    root = tmp_path / "module"
    for folder in ("data", "instructor", "notebooks"):
        shutil.copytree(REAL / folder, root / folder, ignore=shutil.ignore_patterns("answers", ".ipynb_checkpoints"))
    monkeypatch.setenv("SYRIA_LESSON_ROOT", str(root))
    monkeypatch.setenv("SYRIA_LESSON_DATA", str(root / "data"))
    monkeypatch.setenv("SYRIA_LESSON_INSTRUCTOR", str(root / "instructor"))
    monkeypatch.setattr(paths, "ROOT", root)
    data.load_all.cache_clear()
    yield root
    data.load_all.cache_clear()  # later tests must see the real content again
    assert _snapshot() == before, "a test wrote into the real checkout"


def run(capsys, *args) -> tuple[int, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_new_lesson_is_written_and_everything_still_checks(module_copy, capsys):
    code, said = run(capsys, "new-lesson", "07", "A test lesson")
    assert code == 0, said
    for name in ("data/module.yaml", "data/lessons/lesson_07.yaml", "data/questions/lesson_07.yaml",
                 "instructor/notes/lesson_07.yaml", "notebooks/07_a_test_lesson.ipynb"):
        assert name in said and (module_copy / name).is_file()
    assert "make notebooks" in said and "make test" in said and "All content is valid: 8 lessons" in said

    code, said = run(capsys, "check")
    content = data.reload()
    assert code == 0 and said.startswith(f"All content is valid: 8 lessons, {len(content.questions)} questions"), said

    assert content.module["lessons"][-1] == {"id": "07", "notebook": "07_a_test_lesson", "title": "A test lesson"}
    (question,) = content.lesson_questions("07")
    assert question["kind"] == "open" and question["tier"] == "core"
    plan = content.plan("07")
    assert [t for step in plan["plan"] for t in step.get("tasks") or []] == [question["id"]]
    assert sum(step["minutes"] for step in plan["plan"]) == plan["minutes"] >= question["minutes"]
    notes = data.load_instructor_notes(content.questions)
    assert {"lesson_07", question["id"]} <= set(notes)

    from syria_lesson.lessons import reference

    assert reference.lesson_sources("07") == [(reference.lesson_sources("04")[0])]  # the article, nothing else


def test_the_new_notebook_is_in_the_house_style(module_copy, capsys):
    assert run(capsys, "new-lesson", "07", "A test lesson")[0] == 0
    nb = nbformat.read(module_copy / "notebooks" / "07_a_test_lesson.ipynb", as_version=4)
    nbformat.validate(nb)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# 07 · A test lesson\n")
    assert "## Learning objectives" in nb.cells[1].source
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].source.startswith("# Loads this lesson's tools\n")
    for cell in code:
        assert "remove-input" in cell.metadata["tags"] and cell.metadata["jupyter"]["source_hidden"] is True
        assert re.fullmatch(r"# [A-Z][^\"_]*", cell.source.splitlines()[0]), cell.source
        assert cell.outputs == [] and cell.execution_count is None
    calls = [c.source.splitlines()[-1] for c in code]
    assert calls[1:4] == ['lesson.header("07")', "questions.name_box()", 'questions.instructor_note("lesson_07")']
    ask = next(c for c in code if c.source.endswith('questions.ask("q07_first_task")'))
    assert "worksheet" in ask.metadata["tags"]
    heading = nb.cells[nb.cells.index(ask) - 2]
    assert heading.source.startswith("## 1.") and heading.metadata["tags"] == ["worksheet"]
    for call in ('questions.progress("07")', 'reference.glossary("07")', 'reference.sources("07")'):
        assert "reference" in next(c for c in code if c.source.endswith(call)).metadata["tags"]
    assert nb.metadata["kernelspec"]["name"] == "python3" and nb.metadata["title"] == "07 · A test lesson"


@pytest.mark.parametrize("lesson, title, expected", [
    ("05", "Again", "Lesson 05 already exists in data/module.yaml"),
    ("6", "A test lesson", "'6' is not a lesson id: write two digits"),
    ("006", "A test lesson", "'006' is not a lesson id"),
    ("ab", "A test lesson", "'ab' is not a lesson id"),
    ("07", "   ", "The title must have letters or digits"),
])
def test_new_lesson_refuses_and_writes_nothing(module_copy, capsys, lesson, title, expected):
    before = sorted(p.relative_to(module_copy) for p in module_copy.rglob("*"))
    module_yaml = (module_copy / "data" / "module.yaml").read_bytes()
    code, said = run(capsys, "new-lesson", lesson, title)
    assert code == 1 and said.startswith("No lesson made.") and expected in said, said
    assert "Traceback" not in said
    assert sorted(p.relative_to(module_copy) for p in module_copy.rglob("*")) == before
    assert (module_copy / "data" / "module.yaml").read_bytes() == module_yaml


def test_new_lesson_refuses_when_a_file_of_the_lesson_is_already_there(module_copy, capsys):
    (module_copy / "notebooks" / "07_draft.ipynb").write_text("{}", encoding="utf-8")
    code, said = run(capsys, "new-lesson", "07", "A test lesson")
    assert code == 1 and "notebooks/07_draft.ipynb" in said, said
    assert not (module_copy / "data" / "lessons" / "lesson_07.yaml").exists()


def test_check_names_the_file_row_and_column_of_every_problem(module_copy, capsys):
    events = module_copy / "data" / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].replace(",day,", ",dya,", 1)  # row 5, as a spreadsheet counts
    events.write_text("".join(lines), encoding="utf-8")
    plan = module_copy / "data" / "lessons" / "lesson_04.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("sources: []", "sources: [speeches]"), encoding="utf-8")
    code, said = run(capsys, "check")
    assert code == 1, said
    assert "data/events.csv, row 5, column 'date_precision': 'dya' is not allowed." in said
    assert "  Fix: use one of: day, month, year" in said
    # the other files are still checked: one run lists every problem
    assert "data/lessons/lesson_04.yaml, column 'sources': 'speeches'" in said, said
    assert "Traceback" not in said and "All content is valid" not in said


def test_check_names_a_broken_question_of_the_new_lesson(module_copy, capsys):
    assert run(capsys, "new-lesson", "07", "A test lesson")[0] == 0
    questions = module_copy / "data" / "questions" / "lesson_07.yaml"
    questions.write_text(questions.read_text(encoding="utf-8").replace("level: explain", "level: remember"),
                         encoding="utf-8")
    code, said = run(capsys, "check")
    assert code == 1
    assert ("data/questions/lesson_07.yaml, question 1 (id 'q07_first_task'), column 'level': 'remember' "
            "is not allowed.") in said, said


def test_check_names_a_lesson_without_its_notebook(module_copy, capsys):
    (module_copy / "notebooks" / "03_actors_and_positions.ipynb").unlink()
    code, said = run(capsys, "check")
    assert code == 1 and "data/module.yaml, lesson '03', column 'notebook'" in said, said


def test_the_commands_run_as_a_teacher_types_them(module_copy):
    """The real command line, in a fresh Python, finding the copy through SYRIA_LESSON_ROOT alone."""
    env = {k: v for k, v in os.environ.items() if k not in ("SYRIA_LESSON_DATA", "SYRIA_LESSON_INSTRUCTOR")}
    command = [sys.executable, "-m", "syria_lesson.build"]
    made = subprocess.run(command + ["new-lesson", "08", "What came after"], env=env, cwd=module_copy,
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    assert (module_copy / "notebooks" / "08_what_came_after.ipynb").is_file()
    checked = subprocess.run(command + ["check"], env=env, cwd=module_copy, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and checked.stdout.startswith("All content is valid: 8 lessons"), checked.stdout


@pytest.mark.slow
def test_the_new_notebook_runs_in_a_kernel(module_copy, capsys):
    from nbclient import NotebookClient

    assert run(capsys, "new-lesson", "07", "A test lesson")[0] == 0
    path = module_copy / "notebooks" / "07_a_test_lesson.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(path.parent)}})
    client.execute(env={**os.environ, "SYRIA_LESSON_ANSWERS": str(module_copy / "answers")})
    shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in shown if o.output_type == "error"]
    header = next(c for c in nb.cells if c.source.endswith('lesson.header("07")'))
    assert "About 30 minutes" in str(header.outputs)
