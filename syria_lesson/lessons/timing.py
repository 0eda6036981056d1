"""How long a lesson really takes: its student-facing words read at 170 words
a minute, plus the minutes of its core tasks and activities (from the data).

What counts as student-facing: the lesson's text and outputs as the student
edition shows them, except cells tagged ``reference`` (tables a student looks
things up in, not reads through) or ``extension``, and except the tasks
themselves (their minutes include reading them). The test in
``tests/test_timing.py`` holds every lesson to its stated length.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from syria_lesson import kinds
from syria_lesson.data import Content, given_content

WORDS_PER_MINUTE = 170
NOT_READ_TAGS = {"reference", "extension", "remove-cell"}
TASK_CLASSES = ("sl-question", "sl-name", "sl-match-list")  # the list a matching task refers to is part of the task


class _Words(HTMLParser):
    """The visible text of an HTML fragment, skipping task boxes and styles."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "col", "area", "base", "wbr", "source"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip_depth = 0
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        self.depth += 1
        classes = (dict(attrs).get("class") or "").split()
        if self.skip_depth == 0 and (tag in ("style", "script") or any(c in TASK_CLASSES for c in classes)):
            self.skip_depth = self.depth

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.skip_depth and self.depth == self.skip_depth:
            self.skip_depth = 0
        self.depth -= 1

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def html_words(fragment: str) -> int:
    parser = _Words()
    parser.feed(fragment)
    return len(" ".join(parser.parts).split())


def markdown_words(source: str) -> int:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", source)  # a link counts as its words
    text = re.sub(r"[#*_`|>-]+", " ", text)
    return len(text.split())


def cell_words(cell) -> int:
    tags = set(cell.get("metadata", {}).get("tags", []))
    if tags & NOT_READ_TAGS:
        return 0
    if cell.cell_type == "markdown":
        return markdown_words(cell.source)
    total = 0
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "text/html" in data:
            total += html_words("".join(data["text/html"]) if isinstance(data["text/html"], list) else data["text/html"])
        elif "text/plain" in data and "image/png" not in data:
            total += len(str(data["text/plain"]).split())
        elif output.get("output_type") == "stream":
            total += len(str(output.get("text", "")).split())
    return total


def lesson_time(nb, lesson_id: str, *, content: Content | None = None) -> dict:
    """The computed time of one lesson (a notebook of the student edition)."""
    content = given_content(content)
    plan = content.plan(lesson_id)
    core = [q for q in content.lesson_questions(lesson_id) if q["tier"] == "core"]
    words = sum(cell_words(cell) for cell in nb.cells)
    reading = words / WORDS_PER_MINUTE
    tasks = sum(q["minutes"] for q in core)
    activities = sum(a["minutes"] for a in plan.get("activities") or [])
    return {"lesson": lesson_id, "words": words, "reading": reading, "task_minutes": tasks,
            "activity_minutes": activities, "tasks": sum(kinds.kind_of(q).tasks(q) for q in core),
            "computed": reading + tasks + activities, "stated": plan["minutes"]}
