"""Questions on paper, and answers as text: pure functions, no widgets.

The worksheet face of a question is what a handout prints and what a notebook
shows before it is run. It never shows a question's internal id; it shows
the lesson and the question's number instead.
"""

from __future__ import annotations

from typing import Any

from syria_lesson import kinds
from syria_lesson.core.html import Markup, box, html, join, lines, table
from syria_lesson.data import Content, given_content


def number(q: dict, questions: list[dict]) -> int:
    """The question's number in its lesson, in the order of the lesson's file."""
    same = [x["id"] for x in questions if x["lesson"] == q["lesson"]]
    return same.index(q["id"]) + 1


def short_prompt(q: dict, words: int = 10) -> str:
    """The first words of the prompt: how a student recognises a question in a list."""
    parts = q["prompt"].split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def tier_label(q: dict) -> str:
    return "Extension" if q.get("tier") == "extension" else ""


def worksheet_html(q: dict, notes: dict | None = None, label: str = "", *, content: Content | None = None) -> Markup:
    """A question as it appears on paper: the prompt and room to answer.

    ``notes`` (instructor edition only) adds the teaching note, the model
    answer and, for kinds that have one, the module's own reading.
    """
    kind = kinds.kind_of(q)
    count = q.get("lines") or kind.default_lines
    meta = " · ".join(part for part in (kind.label, label, tier_label(q)) if part)
    parts = [html('<p class="sl-q-meta">{}</p>', meta)]
    if q.get("rubric"):
        parts.append(rubric_html(q["rubric"], content=content))
    parts.append(html('<p class="sl-q-prompt"><strong>{}</strong></p>', q["prompt"]))
    parts.append(kinds.excerpt_html(q))
    if q.get("beside"):
        parts.append(html("<p>First copy your earlier answer here:</p>{}", lines(2)))
    parts.append(kind.paper(q))
    if q.get("frames"):
        parts.append(frames_html(q["frames"], content=content))
    if count:
        parts.append(lines(count))
    if notes is not None:
        parts.append(instructor_html(q, notes.get(q["id"], {})))
    css = "sl-question sl-extension" if q.get("tier") == "extension" else "sl-question"
    return html('<div class="{}" id="q-{}">{}</div>{}', css, q["id"], join(parts), kind.paper_after(q))


def instructor_html(q: dict, note: dict) -> Markup:
    body = []
    reading = kinds.kind_of(q).reading(q)
    if reading:
        body.append(reading)
    if note.get("note"):
        body.append(html("<p><strong>Teaching note:</strong> {}</p>", note["note"]))
    if note.get("model_answer"):
        body.append(html("<p><strong>Model answer:</strong> {}</p>", note["model_answer"]))
    return box("For the instructor", join(body), kind="instructor") if body else Markup("")


def worksheet_text(q: dict, label: str = "") -> str:
    head = f"{label}: " if label else ""
    return "\n".join([head + q["prompt"], *kinds.kind_of(q).paper_text(q)])


def is_answered(q: dict, value: Any) -> bool:
    return value is not None and kinds.kind_of(q).is_answered(q, value)


def shows_thought(q: dict, value: Any) -> bool:
    """Answered with a reason of a sentence: what opens our reading of a question."""
    return value is not None and kinds.kind_of(q).shows_thought(q, value)


def answer_text(q: dict, value: Any) -> str:
    """A saved answer as plain text (not escaped: callers escape for their format)."""
    kind = kinds.kind_of(q)
    if value is None or not kind.is_valid(q, value):
        return "(not answered)" if value is None else "(saved in a form this question no longer uses)"
    if not kind.is_answered(q, value):
        partial = kind.partial(q, value)
        return f"(not finished) {partial}" if partial else "(not answered)"
    return kind.text(q, value)


def frames_html(key: str, *, content: Content | None = None) -> Markup:
    content = given_content(content)
    entry = content.frames()[key]
    items = join(html("<li>{}</li>", frame) for frame in entry["frames"])
    return html('<div class="sl-frames"><p><strong>Sentence starters</strong> (use them if they help):</p>'
                "<ul>{}</ul></div>", items)


def rubric_html(key: str, *, content: Content | None = None) -> Markup:
    content = given_content(content)
    rubric = content.rubrics()[key]
    levels = ["4", "3", "2", "1"]
    rows = [{"criterion": html("<strong>{}</strong><br><small>{}</small>", c["name"], c["looks_for"]),
             **{f"l{lv}": c["descriptors"].get(lv) or c["descriptors"].get(int(lv)) for lv in levels}}
            for c in rubric["criteria"]]
    columns = [("criterion", "Criterion")] + [(f"l{lv}", f"{lv}") for lv in levels]
    return html('<div class="sl-rubric"><p><strong>{}</strong> {}</p>{}</div>', rubric["title"], rubric["levels"],
                table(rows, columns, f"How this is marked: {rubric['title']}", css_class="sl-rubric-table"))
