"""How long a lesson really takes, computed from its built student handout.

Every word the student edition shows counts, read at 170 words a minute: the
prose, the tasks' own words, tables, captions, the page's header and footer.
Nothing is left out except what the student does not read in class:

- the extension section, which sits at the end of the lesson (cells tagged
  ``extension``; ``tests/test_lessons.py`` holds that it is at the end);
- scripts and styles, which are not shown.

To that come the minutes of the core tasks (thinking and writing), of the
plan's activities (reading the op-ed at its source, the role-play), and of
its pauses beyond the tasks they hold (the class talking). Reference tables
are not in a lesson at all: they are in the reference notebook.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from syria_lesson import kinds
from syria_lesson.build.execute import strip_widget_views
from syria_lesson.build.handouts import handout_html
from syria_lesson.core.paths import ROOT
from syria_lesson.data import Content, given_content

WORDS_PER_MINUTE = 170
NOT_READ_CLASSES = {"celltag_extension"}
VOID = {"br", "img", "hr", "input", "meta", "link", "col", "area", "base", "wbr", "source"}


class _Words(HTMLParser):
    """The text a reader sees on a page: not scripts, styles or the extension cells."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip_depth = 0
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.depth += 1
        classes = set((dict(attrs).get("class") or "").split())
        if self.skip_depth == 0 and (tag in ("style", "script", "title") or classes & NOT_READ_CLASSES):
            self.skip_depth = self.depth

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.skip_depth and self.depth == self.skip_depth:
            self.skip_depth = 0
        self.depth -= 1

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def page_words(page: str) -> int:
    """The words a student reads on a built page (outside its extension section)."""
    parser = _Words()
    parser.feed(page)
    return len(" ".join(parser.parts).split())


def student_page(lesson_id: str, *, content: Content | None = None) -> str:
    """The lesson's student handout, made as ``make handouts`` makes it: from the committed notebook."""
    content = given_content(content)
    entry = next(lesson for lesson in content.module["lessons"] if lesson["id"] == lesson_id)
    path = Path(ROOT) / "notebooks" / f"{entry['notebook']}.ipynb"
    nb = nbformat.read(path, as_version=4)
    strip_widget_views(nb)
    return handout_html(nb, path, "student", built=dt.date.today().isoformat())


def pause_minutes(plan: dict, task_minutes: dict[str, int]) -> int:
    """The plan's pauses: the minutes of each pause step beyond the tasks it holds."""
    return sum(max(0, step["minutes"] - sum(task_minutes.get(t, 0) for t in step.get("tasks") or []))
               for step in plan["plan"] if step.get("pause"))


def lesson_time(lesson_id: str, *, content: Content | None = None, page: str | None = None) -> dict:
    """The computed time of one lesson, from its student handout (built here unless given)."""
    content = given_content(content)
    plan = content.plan(lesson_id)
    core = [q for q in content.lesson_questions(lesson_id) if q["tier"] == "core"]
    activities = [a for a in plan.get("activities") or [] if not a.get("extension")]
    minutes = {q["id"]: q["minutes"] for q in core} | {a["id"]: a["minutes"] for a in activities}
    words = page_words(page if page is not None else student_page(lesson_id, content=content))
    reading = words / WORDS_PER_MINUTE
    tasks = sum(q["minutes"] for q in core)
    activity = sum(a["minutes"] for a in activities)
    pauses = pause_minutes(plan, minutes)
    return {"lesson": lesson_id, "words": words, "reading": reading, "task_minutes": tasks,
            "activity_minutes": activity, "pause_minutes": pauses,
            "tasks": sum(kinds.kind_of(q).tasks(q) for q in core),
            "computed": reading + tasks + activity + pauses, "stated": plan["minutes"]}
