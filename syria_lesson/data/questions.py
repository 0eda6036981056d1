"""``data/questions/lesson_NN.yaml``: every lesson's questions, one file per
lesson; and ``instructor/notes/lesson_NN.yaml``: the teaching notes and model
answers, which the student release leaves out.

The lesson a question belongs to is the file it is in. Fields every question
has are checked here; what a kind needs of its own is checked by the kind
(``syria_lesson.kinds``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from syria_lesson import kinds
from syria_lesson.core import paths, sealed, vocab
from syria_lesson.core.readers import check_field, display_name, read_yaml
from syria_lesson.core.validate import DataError, Problem, ident, integer, one_of, text
from syria_lesson.data.common import data_file, raise_if
from syria_lesson.data.standards import load_standards, tags

FILE_NAME = re.compile(r"^lesson_(\d\d)\.yaml$")


def question_files(folder: Path) -> list[tuple[str, Path]]:
    """(lesson, path) of each lesson file in a folder, in lesson order."""
    found = []
    kept = {path.with_name(path.name.removesuffix(sealed.SUFFIX)) for path in folder.glob("*.yaml*")}
    for path in sorted(kept):  # plain in the checkout, sealed in the student release
        match = FILE_NAME.match(path.name)
        if match:
            found.append((match.group(1), path))
    return found


def check_question(where: kinds.Where, item: Any, standards: list[str] | None = None) -> dict | None:
    if not isinstance(item, dict):
        where.problem("", None, "is not a question", "each question starts with '- id:' followed by its fields")
        return None
    where.field(item, "id", ident)
    kind = where.field(item, "kind", kinds.check_kind)
    where.field(item, "level", one_of(*vocab.LEVELS.codes))
    where.field(item, "prompt", text(1500), required=not (kind and kinds.get(kind).builds_prompt))
    where.field(item, "lines", integer(1, 30), required=False)
    where.field(item, "minutes", integer(1, 60))
    where.field(item, "tier", one_of(*vocab.TIERS.codes), required=False)
    for reference in ("frames", "rubric", "beside"):
        where.field(item, reference, ident, required=False)
    if standards is not None:  # the codes of data/standards.csv
        where.field(item, "standards", tags(standards))
    if kind:
        kinds.get(kind).check(where, item)
    return item


def load_questions(lessons: list[str] | None = None) -> list[dict]:
    folder = data_file("questions")
    files = question_files(folder)
    if not files:
        raise DataError([Problem("data/questions", "", "", None, "has no lesson files",
                                 "restore data/questions/lesson_00.yaml ... (see data/README.md)")])
    problems: list[Problem] = []
    questions: list[dict] = []
    seen: dict[str, str] = {}
    standards = [row["code"] for row in load_standards()]
    for lesson, path in files:
        name = display_name(path)
        if lessons is not None and lesson not in lessons:
            problems.append(Problem(name, "", "", None, f"is for lesson {lesson}, which data/module.yaml does not list",
                                    "rename the file to one of: " + ", ".join(f"lesson_{n}.yaml" for n in lessons)))
            continue
        doc = read_yaml(path)
        if not isinstance(doc, list):
            raise DataError([Problem(name, "", "", None, "is not a list of questions",
                                     "each question starts with '- id:' at the left margin")])
        for number, item in enumerate(doc, start=1):
            place = f"question {number}" + (f" (id {item.get('id')!r})" if isinstance(item, dict) else "")
            question = check_question(kinds.Where(problems, name, place), item, standards)
            if question is None:
                continue
            qid = question.get("id")
            if qid in seen:
                problems.append(Problem(name, place, "id", qid, f"is used twice (also in {seen[qid]})",
                                        "give each question its own id"))
            elif qid:
                seen[qid] = name
            questions.append({"tier": "core", **question, "lesson": lesson})
    raise_if(problems)
    return questions


def load_instructor_notes(questions: list[dict]) -> dict[str, dict]:
    """Teaching notes and model answers, keyed by question id (or lesson_NN for
    a lesson's note). Empty where the folder is absent, as in the student release."""
    folder = paths.instructor_dir() / "notes"
    if not folder.is_dir():
        return {}
    lesson_of = {q["id"]: q["lesson"] for q in questions}
    problems: list[Problem] = []
    notes: dict[str, dict] = {}
    for lesson, path in question_files(folder):
        name = display_name(path)
        doc = read_yaml(path)
        if not isinstance(doc, dict):
            raise DataError([Problem(name, "", "", None, "is not a mapping of question ids",
                                     "write 'question_id:' at the left margin, then note: and model_answer:")])
        for key, entry in doc.items():
            where = f"entry {key!r}"
            if key != f"lesson_{lesson}" and lesson_of.get(key) != lesson:
                problems.append(Problem(name, where, "", key, f"is not a question of lesson {lesson}",
                                        f"use the id of a question in data/questions/lesson_{lesson}.yaml, "
                                        f"or lesson_{lesson} for the lesson's own note"))
                continue
            if not isinstance(entry, dict):
                problems.append(Problem(name, where, "", None, "has no fields", "add note: and model_answer:"))
                continue
            check_field(problems, name, where, entry, "note", text(3000), required=False)
            check_field(problems, name, where, entry, "model_answer", text(4000), required=False)
            notes[key] = entry
    raise_if(problems)
    return notes
