"""What is on each slide of a lesson's deck, made once from the lesson plan
(``data/lessons/``) and drawn twice: as PowerPoint (``build/slides``) and as a
self-contained HTML deck (``build/slides_html``).

The slides are the same in the student and the instructor deck: the lesson's
title and question, its objectives, one slide per step of the plan with its
minutes, its words for the class (``slide``) and its tasks, the map or
timeline a step uses on a slide of its own, and the module's question to
close. Only the instructor deck has notes: each step's direction to the teacher
(its ``step``), the teaching notes and the model answers (``instructor/notes/``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from syria_lesson.build.formats import Figure, figure, lesson_title, objectives, plain
from syria_lesson.data import Content, load_instructor_notes
from syria_lesson.live.worksheet import short_prompt


@dataclass(frozen=True)
class Slide:
    layout: str  # "title", "content" or "figure"
    title: str
    lines: list[str] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)  # 0 for a line, 1 for an item under it
    notes: list[str] = field(default_factory=list)  # speaker notes: the instructor deck only
    figure: Figure | None = None


def _clock(steps: list[dict]) -> list[tuple[int, int, dict]]:
    out, clock = [], 0
    for step in steps:
        out.append((clock, clock + step["minutes"], step))
        clock += step["minutes"]
    return out


def task_names(content: Content, lesson_id: str, step: dict) -> list[str]:
    """Each task of a step in words: a question by its first words, an activity by what students do."""
    activities = {a["id"]: a["what"] for a in content.plan(lesson_id).get("activities") or []}
    questions = {q["id"] for q in content.questions}
    return [short_prompt(content.question(task), 14) if task in questions else activities.get(task, task.replace("_", " "))
            for task in step.get("tasks") or []]


def _task_notes(content: Content, notes: dict, step: dict) -> list[str]:
    out = []
    for task in step.get("tasks") or []:
        note = notes.get(task) or {}  # activities have no notes of their own
        if note.get("note"):
            out.append(f"{short_prompt(content.question(task), 8)} — Teaching note: {plain(note['note'])}")
        if note.get("model_answer"):
            out.append(f"Model answer: {plain(note['model_answer'])}")
    return out


def outline(content: Content, lesson_id: str, instructor: bool) -> list[Slide]:
    plan = content.plan(lesson_id)
    notes = load_instructor_notes(content.questions) if instructor else {}
    lesson_note = [plain(notes[f"lesson_{lesson_id}"]["note"])] if f"lesson_{lesson_id}" in notes else []
    out = [Slide("title", lesson_title(content, lesson_id),
                 [plan["supporting_question"], f"About {plan['minutes']} minutes"], [0, 0], lesson_note)]
    aims = objectives(content, lesson_id)
    if aims:
        out.append(Slide("content", "By the end of this lesson you will be able to", aims, [0] * len(aims)))
    for start, end, step in _clock(plan["plan"]):
        tasks = task_names(content, lesson_id, step)
        when = f"{start}–{end} min"
        title = f"Pause to discuss ({when})" if step.get("pause") else \
            f"{when}: {step['minutes']} minute{'s' if step['minutes'] > 1 else ''}"
        lines = [step["slide"]] + (["Tasks:"] + tasks if tasks else [])
        levels = [0] + ([0] + [1] * len(tasks) if tasks else [])
        # The step's own words are the teacher's directions: notes of the instructor deck only.
        spoken = [f"Teacher: {step['step']}"] + _task_notes(content, notes, step) if instructor else []
        out.append(Slide("content", title, lines, levels, spoken))
        if step.get("figure"):
            shown = figure(step["figure"])
            out.append(Slide("figure", shown.caption, figure=shown))
    closing = [content.module["compelling_question"].strip(), f"Today: {plan['supporting_question']}"]
    out.append(Slide("content", "The module's question", closing, [0, 0]))
    return out
