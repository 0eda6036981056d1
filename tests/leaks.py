"""Finding instructor text (teaching notes, model answers) where students could read it.

Files are searched as a reader would see them: notebooks and JSON decoded (so a
quotation mark is not hidden as \\"), HTML tags dropped and entities decoded
(so an apostrophe is not hidden as &#x27;), and runs of white space made one.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from syria_lesson.data import load_instructor_notes

FIELDS = ("note", "model_answer")
# Text that means a widget or a cell failed to render into its static face.
BROKEN_RENDER = re.compile(r"\b[VH]Box\(children|Error displaying widget|Traceback")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def distinctive_prefix(text: str, words: int = 12) -> str:
    """The first dozen or so words of a note: long enough that finding them
    elsewhere means the note itself is there, short enough to survive edits
    further on."""
    return " ".join(normalise(text).split(" ")[:words])


def instructor_texts(questions) -> list[tuple[str, str, str, str]]:
    """(entry, field, lesson, distinctive prefix) for every note and model answer, and for every
    anchor answer and its marks (instructor/anchors.yaml; shown in the lesson of the question it answers)."""
    from syria_lesson.lessons.forecasts.anchors import load_anchors
    from syria_lesson.lessons.forecasts.anchors import texts as anchor_texts

    lesson_of = {q["id"]: q["lesson"] for q in questions}
    texts = []
    for key, entry in load_instructor_notes(questions).items():
        lesson = lesson_of.get(key) or key.removeprefix("lesson_")
        for name in FIELDS:
            if entry.get(name):
                texts.append((key, name, lesson, distinctive_prefix(entry[name])))
    anchors = load_anchors()
    for rubric, entry in anchors.items():
        for label, text in anchor_texts({rubric: entry}):
            if len(text.split()) >= 6:
                texts.append((label, "anchor", lesson_of[entry["question"]], distinctive_prefix(text)))
    return texts


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def readable(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in (".ipynb", ".json"):
        try:
            text = "\n".join(_strings(json.loads(text)))
        except ValueError:
            pass
    return normalise(html.unescape(re.sub(r"<[^>]+>", " ", text)))


def leaks_in(texts, pages: dict[str, str]) -> list[str]:
    """Which notes appear in which of these (already readable) texts."""
    return [f"{key}.{name} ({prefix!r}) in {page}" for key, name, _, prefix in texts
            for page, text in pages.items() if prefix in text]


def find_leaks(folder: Path, texts, suffixes: tuple[str, ...]) -> list[str]:
    pages = {path.relative_to(folder).as_posix(): readable(path) for path in sorted(folder.rglob("*"))
             if path.is_file() and path.suffix in suffixes}
    return leaks_in(texts, pages)


def broken_render_markers(text: str) -> list[str]:
    """What in a page or output shows a widget that did not render (its repr,
    JupyterLab's error) or a traceback: the one check every test uses."""
    return BROKEN_RENDER.findall(text)


def ids_in(text: str, ids: list[str]) -> list[str]:
    """The question ids that appear in ``text`` as whole words."""
    return [qid for qid in ids if re.search(rf"(?<![\w]){re.escape(qid)}(?![\w])", text)]
