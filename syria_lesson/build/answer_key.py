"""A one-page answer key per lesson, for classes that work on paper (part of
``make teacher-pack``): each task by its number and first words, with its right
answer or the module's reading (the kinds' ``reading()``), in small print on two
columns so that it fits a page or so. Written tasks that have no single right
answer say so, and point to the model answer in the instructor PDF.

Teacher material: it holds every answer."""

from __future__ import annotations

import re

from syria_lesson import kinds
from syria_lesson.build.formats import lesson_title, plain
from syria_lesson.core.html import Markup, html, join
from syria_lesson.data import Content
from syria_lesson.live.worksheet import number, short_prompt, tier_label

OPEN = "No single right answer: mark it with the model answer (and the rubric, where it has one) in the instructor PDF."
SENTENCE_END = re.compile(r"(?<=[a-z0-9)]{2}[.!?])\s")  # not after "U.S."
STYLE = """
@page { size: auto; margin: 12mm; }
body { font: 8.5pt/1.3 "DejaVu Sans", Arial, sans-serif; color: #000; margin: 0 auto; max-width: 60em; }
h1 { font-size: 12pt; margin: 0 0 2pt; }
.warn { font-weight: bold; border: 1px solid #000; padding: 2pt 4pt; margin: 2pt 0 6pt; }
ol { columns: 2; column-gap: 14pt; margin: 0; padding-left: 2em; }
li { break-inside: avoid; margin: 0 0 4pt; }
.task { font-style: italic; }
.tag { font-size: 7.5pt; border: 1px solid #555; padding: 0 2pt; }
"""


def _end(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def key(q: dict) -> str:
    """The right answer of a task in a line or two of plain text, or ``OPEN``. The reasons behind
    a claim's kind or a phrase's events are left to the instructor PDF, so a lesson fits a page."""
    kind = kinds.kind_of(q)
    if q["kind"] == "selfcheck":  # the right option only (its feedback, and the others', stay on screen)
        return _end(f"Answer: {q['answer']}")
    if q["kind"] == "classify":
        words = "; ".join(f"“{w['text']}” {'vague' if w['vague'] else 'not vague'}" for w in kind.words(q))
        return f"Answer: {q['answer']}." + (f" Words: {words}." if words else "")
    if q["kind"] == "match":
        labels = {c["id"]: c["label"] for c in q["match_choices"]}
        return " ".join(_end(f"“{i['text']}” → {'; '.join(labels[a].rstrip('.') for a in i['answers'] if a in labels)}")
                        for i in q["match_items"])
    reading = plain(kind.reading(q) or "")
    if q["kind"] == "verdict":  # the verdict and the outcome's first sentence; the rest is in the instructor PDF
        verdict, _, outcome = reading.partition(").")
        return f"{verdict}). {SENTENCE_END.split(outcome.strip(), maxsplit=1)[0]}"
    return reading or OPEN


def answer_key(content: Content, lesson_id: str) -> str:
    """A lesson's answer key as a page of HTML (print it from any browser)."""
    items = []
    for q in content.lesson_questions(lesson_id):
        tier = tier_label(q)
        items.append(html('<li value="{}"><span class="task">{}</span>{} — {}</li>', number(q, content.questions),
                          short_prompt(q, 12), html(' <span class="tag">{}</span>', tier) if tier else "", key(q)))
    title = f"Answer key · {lesson_title(content, lesson_id)}"
    return str(html('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
                    '<style>{style}</style></head><body><main><h1>{title}</h1>'
                    '<p class="warn">Teacher material: the answers to every task. Do not hand it out or post it '
                    'where students can see it. Why each answer is right: the instructor PDF.</p><ol>{items}</ol></main></body></html>\n',
                    title=title, style=Markup(STYLE), items=join(items)))


def answer_keys(content: Content) -> dict[str, str]:
    """Every lesson's answer key, by file name (``lesson_NN.html``)."""
    return {f"lesson_{lesson['id']}.html": answer_key(content, lesson["id"]) for lesson in content.module["lessons"]}
