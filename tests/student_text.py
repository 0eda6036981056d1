"""The student edition of a lesson as a student reads it, rendered afresh from
the current data and code (not the committed outputs, which go stale after a
data change until ``make notebooks``): each notebook's markdown, and the static
face and text of everything its code cells show, with the student edition."""

from __future__ import annotations

import functools
import html
import os
import re
from pathlib import Path

import nbformat

from syria_lesson.core import display as display_module
from syria_lesson.core import paths

TAG = re.compile(r"<[^>]+>")
STYLE = re.compile(r"<style[^>]*>.*?</style>", re.S)


def readable(fragment: str) -> str:
    """HTML as a reader sees it: style sheets and tags dropped, entities decoded, space made one."""
    text = TAG.sub(" ", STYLE.sub(" ", fragment))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def notebook_path(stem: str) -> Path:
    return next((paths.ROOT / "notebooks").glob(f"{stem}*.ipynb"))


@functools.cache
def rendered(stem: str, edition: str = "student") -> str:
    """Every word the ``edition`` of a lesson shows, rendered now, in order."""
    from unittest import mock

    parts: list[str] = []

    def collect(obj, raw=False, **kwargs):
        bundle = obj if raw else obj._repr_mimebundle_()
        parts.append(readable(str(bundle.get("text/html", ""))) or str(bundle.get("text/plain", "")))

    old = os.environ.get("SYRIA_LESSON_EDITION")
    os.environ["SYRIA_LESSON_EDITION"] = edition
    try:
        with mock.patch.object(display_module, "display", collect):
            namespace: dict = {}
            for cell in nbformat.read(notebook_path(stem), as_version=4).cells:
                if cell.cell_type == "markdown":
                    parts.append(cell.source)
                elif cell.cell_type == "code":
                    exec(compile(cell.source, f"{stem}.ipynb", "exec"), namespace)  # noqa: S102 - our own lessons
    finally:
        if old is None:
            os.environ.pop("SYRIA_LESSON_EDITION", None)
        else:
            os.environ["SYRIA_LESSON_EDITION"] = old
    return "\n".join(parts)
