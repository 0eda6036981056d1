"""What frames every lesson: the compelling question the module keeps coming
back to, the lesson's supporting question, and how long the lesson takes
(computed from the data: its tasks' minutes, stated in data/lessons/)."""

from __future__ import annotations

from syria_lesson import kinds
from syria_lesson.core.display import show_html
from syria_lesson.core.html import box, html, table
from syria_lesson.data import Content, given_content
from syria_lesson.live.worksheet import rubric_html


def compelling_question(*, content: Content | None = None) -> str:
    content = given_content(content)
    return content.module["compelling_question"]


def core_questions(lesson_id: str, *, content: Content | None = None) -> list[dict]:
    content = given_content(content)
    return [q for q in content.lesson_questions(lesson_id) if q["tier"] == "core"]


def task_count(questions: list[dict]) -> int:
    return sum(kinds.kind_of(q).tasks(q) for q in questions)


def header(lesson_id: str, *, content: Content | None = None) -> None:
    """The lesson's question, time and number of tasks, at the top of the lesson."""
    content = given_content(content)
    plan = content.plan(lesson_id)
    core = core_questions(lesson_id, content=content)
    extension = [q for q in content.lesson_questions(lesson_id) if q["tier"] == "extension"]
    time = f"About {plan['minutes']} minutes, with {task_count(core)} tasks"
    if extension:
        count = task_count(extension)
        time += f" (and {count} extension task{'s' if count > 1 else ''}, marked as such, for those who finish early)"
    body = html('<p class="sl-compelling">The module\'s question: <em>{}</em></p>'
                '<p class="sl-supporting"><strong>This lesson\'s question:</strong> {}</p><p>{}.</p>',
                compelling_question(content=content), plan["supporting_question"], time)
    show_html(box("This lesson", body, "key"), f"This lesson: {plan['supporting_question']} {time}.")


def module_map(*, content: Content | None = None) -> None:
    """Every lesson with its question and its time, for lesson 00."""
    content = given_content(content)
    rows = []
    for lesson in content.module["lessons"]:
        plan = content.plan(lesson["id"])
        rows.append({"n": lesson["id"], "title": lesson["title"], "question": plan["supporting_question"],
                     "time": f"{plan['minutes']} min"})
    total = sum(content.plan(lesson["id"])["minutes"] for lesson in content.module["lessons"])
    caption = f"The lessons (about {total // 60} h {total % 60:02d} min in all)"
    show_html(table(rows, [("n", "Lesson"), ("title", "Title"), ("question", "The question it answers"),
                           ("time", "Time")], caption),
              "\n".join(f"{r['n']} {r['title']}: {r['question']} ({r['time']})" for r in rows))


def show_rubric(key: str, *, content: Content | None = None) -> None:
    content = given_content(content)
    rubric = content.rubrics()[key]
    show_html(rubric_html(key, content=content), rubric["title"] + ": " + "; ".join(c["name"] for c in rubric["criteria"]))
