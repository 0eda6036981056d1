"""What a student hands in: their answers with the questions, as HTML (to read),
Markdown, and JSON (for the teacher's class view and the hub's collect command).

Student text is never trusted: the HTML template escapes everything, and the
Markdown makes every character that starts markup inert. No internal question
id reaches the HTML or Markdown; the JSON keeps them as keys, for machines.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from syria_lesson.core.html import escape
from syria_lesson.live import answers
from syria_lesson.live.files import to_json, write_atomic
from syria_lesson.live.worksheet import answer_text, is_answered, number

FORMAT = "syria-lesson-export"
VERSION = 1


def _md_escape(value: str) -> str:
    """Make student text inert in Markdown: HTML is escaped, and characters
    that start Markdown syntax are backslash-escaped."""
    value = str(escape(value)).replace("&#39;", "'").replace("&#34;", '"')  # quotes start no markup
    for ch in "\\`*_{}[]#|~!":
        value = value.replace(ch, "\\" + ch)
    return value


def grouped(questions: list[dict], entries: dict[str, dict], lessons: list[dict]) -> list[dict]:
    """The answers lesson by lesson, each question with its number and text."""
    out = []
    for lesson in lessons:
        items = [{"number": number(q, questions), "prompt": q["prompt"],
                  "text": answer_text(q, (entries.get(q["id"]) or {}).get("value"))}
                 for q in questions if q["lesson"] == lesson["id"]]
        if items:
            out.append({**lesson, "questions": items})
    return out


@functools.lru_cache(maxsize=1)
def _template():
    folder = Path(__file__).parent.parent / "templates" / "export"
    env = Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(default=True))
    return env.get_template("answers.html.j2")


def export_html(student: str, module: str, exported: str, lessons: list[dict]) -> str:
    return _template().render(student=student, module=module, exported=exported, lessons=lessons)


def export_markdown(student: str, module: str, exported: str, lessons: list[dict]) -> str:
    out = [f"# Answers: {_md_escape(module)}", "", f"Student: {_md_escape(student)} · exported {exported}", ""]
    for lesson in lessons:
        out += [f"## Lesson {lesson['id']} · {_md_escape(lesson['title'])}", ""]
        for item in lesson["questions"]:
            out += [f"### Question {item['number']}", "", f"**Question.** {_md_escape(item['prompt'])}", "",
                    f"**Answer.** {_md_escape(item['text'])}", ""]
    return "\n".join(out)


def export_json(student: str, exported: str, questions: list[dict], entries: dict[str, dict]) -> dict[str, Any]:
    items = {}
    for q in questions:
        entry = entries.get(q["id"])
        if entry is None:
            continue
        items[q["id"]] = {"lesson": q["lesson"], "kind": q["kind"], "prompt": q["prompt"],
                          "value": entry.get("value"), "saved": entry.get("saved"),
                          "answered": is_answered(q, entry.get("value")),
                          "text": answer_text(q, entry.get("value"))}
    return {"format": FORMAT, "version": VERSION, "student": student, "exported": exported, "answers": items}


def export(book: answers.AnswerBook, questions: list[dict], module: dict,
           folder: Path | None = None) -> tuple[Path, Path, Path]:
    """Write the student's answers, with the questions, as HTML, Markdown and JSON."""
    folder = Path(folder) if folder else book.folder / "export"
    folder.mkdir(parents=True, exist_ok=True)
    book.refresh()  # answers saved in the other lessons
    entries = book.entries()
    exported = answers._now()
    lessons = grouped(questions, entries, module["lessons"])
    stem = answers.file_stem(book.name)
    page, md, data = (folder / f"{stem}-answers.{suffix}" for suffix in ("html", "md", "json"))
    write_atomic(page, export_html(book.name, module["title"], exported[:16].replace("T", " "), lessons))
    write_atomic(md, export_markdown(book.name, module["title"], exported[:16].replace("T", " "), lessons))
    write_atomic(data, to_json(export_json(book.name, exported, questions, entries)))
    return page, md, data


def read_export(path: Path) -> dict:
    """An export for the class view; ValueError if it is not one."""
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    if not (isinstance(doc, dict) and doc.get("format") == FORMAT and isinstance(doc.get("answers"), dict)):
        raise ValueError("not an export from this module")
    return doc
