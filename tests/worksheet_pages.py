"""The class-set worksheets of every lesson, built in this process in a few seconds.

``make worksheets`` runs each notebook in a kernel with ``SYRIA_LESSON_EDITION=worksheet``
and keeps the cells tagged ``worksheet`` (``build.handouts.worksheet_notebook``). Here the
same cells run in this process, with the worksheet edition, their displays collected as
the kernel would store them; the notebook then goes through the same ``worksheet_notebook``
and ``handout_html`` as the build. Only the cells that load the lesson's tools (those that
import) run besides the worksheet's own: nothing else reaches a worksheet.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from unittest import mock

import nbformat
from student_text import readable

from syria_lesson.build.handouts import WORKSHEET_TAG, handout_html, lesson_body, worksheet_notebook
from syria_lesson.core import display as display_module
from syria_lesson.core import paths

EDITIONS = {"worksheet": True, "worksheet-core": False}  # edition -> with the extension tasks
IMG = re.compile(r"<img\b[^>]*?\balt=\"([^\"]*)\"[^>]*>")


def lesson_notebooks() -> list[Path]:
    return sorted((paths.ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _runs(cell) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    return cell.cell_type == "code" and (WORKSHEET_TAG in tags or re.search(r"^\s*(from|import)\s", cell.source, re.M))


@functools.cache
def executed(path: Path):
    """The notebook with its worksheet cells run in the worksheet edition (the other cells left empty)."""
    nb = nbformat.read(path, as_version=4)
    current: list = []

    def collect(obj, raw=False, metadata=None, **kwargs):
        bundle = obj if raw else obj._repr_mimebundle_()
        kept = {k: v for k, v in bundle.items() if k in ("text/html", "text/plain", "image/png")}
        current.append(nbformat.v4.new_output("display_data", data=kept, metadata=metadata or {}))

    namespace: dict = {}
    with mock.patch.dict(os.environ, {"SYRIA_LESSON_EDITION": "worksheet"}), \
            mock.patch.object(display_module, "display", collect):
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            cell.outputs = []
            if _runs(cell):
                current.clear()
                exec(compile(cell.source, path.name, "exec"), namespace)  # noqa: S102 - our own lessons
                cell.outputs = list(current)
    return nb


@functools.cache
def page(stem: str, edition: str) -> str:
    """The HTML of one lesson's worksheet (``worksheet`` or ``worksheet-core``), as ``make worksheets`` writes it."""
    path = next(p for p in lesson_notebooks() if p.stem == stem)
    sheet = worksheet_notebook(executed(path), extension=EDITIONS[edition])
    return handout_html(sheet, path, edition, "2026-01-01")


def printed(html_page: str) -> str:
    """What a worksheet page prints, as text: the lesson's part of the page (the template's
    header and footer aside), each figure as its alt text."""
    body = lesson_body(html_page)
    body = IMG.sub(lambda m: f" [Figure: {m.group(1)}] ", body)
    return readable(body)
