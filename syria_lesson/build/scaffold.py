"""``python -m syria_lesson.build new-lesson NN "Title"``: a new, empty, valid lesson.

It writes the lesson's entry in ``data/module.yaml``, its plan
(``data/lessons/lesson_NN.yaml``), its questions (one starter question, so that
it validates), its teaching notes (``instructor/notes/lesson_NN.yaml``) and its
notebook (``notebooks/NN_slug.ipynb``) in the house style: a title and
objectives, folded cells that each start with a label in plain words, the
lesson's header, the name bar, the task, progress, hand-in, glossary and
sources. Every place a teacher must write is marked TODO.

Nothing is written unless everything can be: it refuses a malformed id, an id
the module already has, and a file that is already there.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
from nbformat import v4

from syria_lesson.build.check import report
from syria_lesson.core import paths
from syria_lesson.core.validate import DataError
from syria_lesson.data import load_module
from syria_lesson.data.questions import question_files

LESSON_ID = re.compile(r"^\d\d$")
MAX_TITLE = 80  # data/module.yaml's limit for a lesson's title


class Refused(Exception):
    """Why the lesson was not made, in a sentence for the person who asked."""


def slug(title: str, limit: int = 40) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", title.lower()).split()
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > limit:
            break
        out = f"{out}_{word}" if out else word[:limit]
    return out


def starter_question_id(lesson_id: str) -> str:
    return f"q{lesson_id}_first_task"


# ---------------------------------------------------------------- the files' text

def plan_yaml(lesson_id: str, title: str) -> str:
    return f'''# Lesson {lesson_id} "{title}": its question, its stated length and its plan (schema: data/README.md,
# "lessons"). Made by `python -m syria_lesson.build new-lesson`: replace every TODO, and keep the steps'
# minutes adding up to the lesson's minutes. Every core question must appear in the plan once.
# A step's `step` is for the teacher; its `slide` is what the class sees on the projector.
supporting_question: >-
  TODO: the question this lesson answers, on the way to the module's question.
minutes: 30
# TODO: the standards the lesson serves (codes of data/standards.csv): every code its tasks are tagged with.
standards: [D3, RH.9-10.1, RH.11-12.1]
# The source lists its Sources section cites, after the article and before its glossary terms'.
sources: []
plan:
  - minutes: 5
    step: "Where we are: the lesson's question."
    slide: "Today's question."
  - minutes: 20
    step: "TODO: what students do, and with which tasks."
    slide: "TODO: what the class sees on the projector, in words for students."
    tasks: [{starter_question_id(lesson_id)}]
  - minutes: 5
    step: "Save and export; the key points."
    slide: "The key points. Save, and press Export."
'''


def questions_yaml(lesson_id: str, title: str) -> str:
    return f'''# The questions of lesson {lesson_id} "{title}" (schema: data/README.md, "questions"), in the order
# the lesson asks them. Model answers and teaching notes are NOT here: they are in
# instructor/notes/lesson_{lesson_id}.yaml, which is left out of the student release.

- id: {starter_question_id(lesson_id)}
  kind: open
  level: explain
  # TODO: the standards this task serves (codes of data/standards.csv).
  standards: [D3, RH.9-10.1, RH.11-12.1]
  minutes: 10
  prompt: >-
    TODO: the lesson's first task, in the words a student reads.
  lines: 4
'''


def notes_yaml(lesson_id: str, title: str) -> str:
    return f'''# INSTRUCTOR NOTES FOR LESSON {lesson_id} "{title}" - NOT FOR STUDENTS. Left out of the student release.
# One entry per question id of data/questions/lesson_{lesson_id}.yaml (and lesson_{lesson_id} for the lesson):
# note (how to run it, pitfalls) and model_answer (a strong answer or marking guide).

lesson_{lesson_id}:
  note: >-
    TODO: how to run the lesson, step by step as in data/lessons/lesson_{lesson_id}.yaml, and its pitfalls.

{starter_question_id(lesson_id)}:
  note: >-
    TODO: how to run the task, and what students get wrong.
  model_answer: >-
    TODO: a strong answer, or a marking guide.
'''


def notebook(lesson_id: str, title: str):
    """The lesson's notebook, without outputs (``make notebooks`` adds them)."""
    def code(label: str, call: str, *tags: str):
        return v4.new_code_cell(f"# {label}\n{call}", metadata={"jupyter": {"source_hidden": True},
                                                               "tags": ["remove-input", *tags]})

    def text(source: str, *tags: str):
        return v4.new_markdown_cell(source, metadata={"tags": list(tags)} if tags else {})

    n = lesson_id
    nb = v4.new_notebook(metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "title": f"{n} · {title}",
    })
    nb.cells = [
        text(f"# {n} · {title}\n\nTODO: two or three sentences: what students do in this lesson, and why."),
        text("## Learning objectives\n\nBy the end of this lesson you will be able to:\n\n"
             "1. **TODO**: what a student can do after the lesson."),
        code("Loads this lesson's tools", "from syria_lesson.lessons import lesson, reference\n"
             "from syria_lesson.live import questions\n"),
        code("This lesson: its question, time and tasks", f'lesson.header("{n}")'),
        code("Whose answers are saved", "questions.name_box()"),
        code("A note for the teacher (instructor edition only)", f'questions.instructor_note("lesson_{n}")'),
        text("## 1. TODO: the first section's heading", "worksheet"),
        text("TODO: what students read before the task."),
        code("A task for you", f'questions.ask("{starter_question_id(n)}")', "worksheet"),
        text("## Your progress\n\nIn JupyterLab this list updates each time you save."),
        code("Your progress", f'questions.progress("{n}")', "reference"),
        text("## Hand in your answers\n\nPress **Export my answers** to write one file with your answers from every "
             "lesson so far. Your teacher will tell you where to hand it in."),
        code("Hand in your answers", "questions.export_button()"),
        text("## Key points\n\n1. **TODO**: the lesson's first key point."),
        text("## Glossary"),
        code("Glossary", f'reference.glossary("{n}")', "reference"),
        text("## Sources"),
        code("Sources", f'reference.sources("{n}")', "reference"),
    ]
    nbformat.validate(nb)
    return nb


def module_yaml_with(text: str, lesson_id: str, notebook_name: str, title: str) -> str:
    """``data/module.yaml`` with the lesson's entry added to ``lessons:``, in id
    order, keeping every comment and line as it was."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^lessons:\s*(#.*)?$", line)), None)
    if start is None:
        raise Refused("data/module.yaml has no 'lessons:' list at the left margin, so the new lesson's entry "
                      "cannot be added to it. Restore the list (see data/README.md) and try again.")
    entries = []  # (index, id) of each one-line entry of the list
    for i in range(start + 1, len(lines)):
        if re.match(r"^\s+-\s", lines[i]):
            found = re.search(r"""\bid:\s*["']?(\d\d)["']?""", lines[i])
            if not found:
                raise Refused(f"data/module.yaml, line {i + 1}: the lessons are not written one to a line as "
                              '{id: "01", notebook: ..., title: ...}, so the new entry cannot be added safely. '
                              "Write them that way, or add the entry by hand.")
            entries.append((i, found.group(1)))
        elif lines[i].strip() and not lines[i].lstrip().startswith("#"):
            break
    if not entries:
        raise Refused("data/module.yaml lists no lessons under 'lessons:'. Restore the list and try again.")
    before = [i for i, other in entries if other < lesson_id]
    at = (before[-1] + 1) if before else entries[0][0]
    indent = re.match(r"^(\s*)", lines[entries[0][0]]).group(1)
    entry = (f'{indent}- {{id: "{lesson_id}", notebook: {notebook_name}, '
             f"title: {json.dumps(title, ensure_ascii=False)}}}\n")
    if at == len(lines) and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join(lines[:at] + [entry] + lines[at:])


# ---------------------------------------------------------------- making the lesson

def new_lesson(lesson_id: str, title: str) -> list[tuple[Path, str]]:
    """Write the lesson's files; return (path, what it is) for each. Raises
    ``Refused`` (and writes nothing) when the lesson cannot be made."""
    if not LESSON_ID.match(lesson_id or ""):
        raise Refused(f"{lesson_id!r} is not a lesson id: write two digits, such as 06.")
    title = " ".join((title or "").split())
    if not title or len(title) > MAX_TITLE or not slug(title):
        raise Refused(f"The title must have letters or digits and at most {MAX_TITLE} characters "
                      f'(it is used in data/module.yaml and the notebook\'s name), e.g. "What came after".')
    module = load_module()  # a broken module.yaml stops here, with its own message
    if any(lesson["id"] == lesson_id for lesson in module["lessons"]):
        raise Refused(f"Lesson {lesson_id} already exists in data/module.yaml. Choose another id "
                      f"(the module has {', '.join(lesson['id'] for lesson in module['lessons'])}).")

    data, instructor, notebooks = paths.data_dir(), paths.instructor_dir(), paths.notebooks_dir()
    qid = starter_question_id(lesson_id)
    taken = {}
    for _, path in question_files(data / "questions"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(rf"^-\s+id:\s*['\"]?{qid}['\"]?\s*$", line):
                taken[qid] = path
    if taken:
        raise Refused(f"The starter question's id {qid!r} is already used in {taken[qid].name}. Rename that "
                      "question first, or add the lesson by hand.")
    name = f"{lesson_id}_{slug(title)}"
    module_file = data / "module.yaml"
    files = [
        (module_file, module_yaml_with(module_file.read_text(encoding="utf-8"), lesson_id, name, title),
         "its entry in the list of lessons"),
        (data / "lessons" / f"lesson_{lesson_id}.yaml", plan_yaml(lesson_id, title), "its question, length and plan"),
        (data / "questions" / f"lesson_{lesson_id}.yaml", questions_yaml(lesson_id, title), "one starter question"),
        (instructor / "notes" / f"lesson_{lesson_id}.yaml", notes_yaml(lesson_id, title),
         "teaching notes and model answers"),
        (notebooks / f"{name}.ipynb", nbformat.writes(notebook(lesson_id, title)) + "\n", "the lesson's notebook"),
    ]
    existing = [path for path, _, _ in files[1:] if path.exists()]
    existing += sorted(notebooks.glob(f"{lesson_id}_*.ipynb"))
    if existing:
        raise Refused(f"Lesson {lesson_id} is not in data/module.yaml, but its files are already there: "
                      + ", ".join(_shown(p) for p in existing) + ". Remove them or choose another id.")
    original = module_file.read_text(encoding="utf-8")
    written: list[Path] = []
    try:
        for path, text, _ in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
        if lesson_id not in [lesson["id"] for lesson in load_module()["lessons"]]:
            raise Refused("The new entry in data/module.yaml did not load as a lesson; nothing was changed.")
    except BaseException:
        module_file.write_text(original, encoding="utf-8")
        for path in written[1:]:
            path.unlink(missing_ok=True)
        raise
    return [(path, what) for path, _, what in files]


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)


NEXT_STEPS = """
Next:
  1. Replace every TODO in those files; data/README.md explains each field ("questions", "lessons").
     To add tasks, add questions to data/questions/lesson_{n}.yaml, a questions.ask("id") cell for each
     to the notebook (copy the one there), and their ids to the plan.
  2. make check       # every content file, checked
  3. make docs        # the lesson plan and the lesson tables, with the new lesson
  4. make notebooks   # run the notebooks, so that the new one has its outputs; commit them
  5. make test"""


def main(args: list[str]) -> int:
    if len(args) != 2:
        print('Usage: python -m syria_lesson.build new-lesson NN "Title"   (e.g. new-lesson 06 "What came after")',
              file=sys.stderr)
        return 2
    try:
        written = new_lesson(*args)
    except Refused as refusal:
        print(f"No lesson made. {refusal}", file=sys.stderr)
        return 1
    except DataError as error:
        print(f"No lesson made: the content has to load first.\n{error}", file=sys.stderr)
        return 1
    width = max(len(_shown(path)) for path, _ in written)
    print(f'Made lesson {args[0]} "{" ".join(args[1].split())}":')
    for path, what in written:
        print(f"  {_shown(path):<{width}}  {what}")
    valid, text = report()
    print(text if valid else f"\nThe content has problems (in the new files only where named):\n{text}")
    print(NEXT_STEPS.format(n=args[0]))
    return 0
