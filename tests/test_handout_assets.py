"""Figures in the handouts: one file per figure beside the pages, not base64 on every page.

A figure on more than one page of an edition (every lesson's figures are also
on the all-lessons page) is written once to ``<edition>/img/<hash>.png`` and
linked by a relative URL, which a browser opening the page from disk (and
Chromium printing it to PDF) loads without the network. A figure on one page
only stays inside that page. How fast and how big the pages are is held by
``make benchmark``, not here.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat
import pytest
from lesson_parts import images

from syria_lesson.build.page_images import IMAGES, Figures

ROOT = Path(__file__).resolve().parent.parent
DOT = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
OTHER = base64.b64encode(base64.b64decode(DOT) + b"\0").decode("ascii")  # different bytes, a different file


def notebook(*outputs):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output("display_data", data=d)]) for d in outputs]
    return nb


def page_of(nb) -> str:
    """What the handout template makes of the outputs (an <img> per image/png, text/html as is)."""
    parts = []
    for cell in nb.cells:
        for output in cell.outputs:
            if "image/png" in output.data:
                parts.append(f'<img src="data:image/png;base64,{output.data["image/png"]}" alt="A dot">')
            if "text/html" in output.data:
                parts.append(output.data["text/html"])
    return "<main>" + "".join(parts) + "</main>"


def test_a_figure_on_two_pages_is_written_once_and_linked(tmp_path):
    figures = Figures()
    one = page_of(figures.lift(notebook({"image/png": DOT})))
    two = page_of(figures.lift(notebook({"image/png": DOT + "\n"})))  # the same figure, as nbformat may wrap it
    placed = figures.place({"one": one, "two": two}, tmp_path)
    files = list((tmp_path / IMAGES).iterdir())
    assert len(files) == 1 and files[0].read_bytes() == base64.b64decode(DOT)
    for page in placed.values():
        assert images(page) == [(f"{IMAGES}/{files[0].name}", "A dot")]
        assert "base64" not in page


def test_a_figure_on_one_page_only_stays_inside_it(tmp_path):
    figures = Figures()
    one = page_of(figures.lift(notebook({"image/png": DOT})))
    two = page_of(figures.lift(notebook({"image/png": OTHER})))
    placed = figures.place({"one": one, "two": two}, tmp_path)
    assert not (tmp_path / IMAGES).exists()
    assert images(placed["one"]) == [(f"data:image/png;base64,{DOT}", "A dot")]
    assert images(placed["two"]) == [(f"data:image/png;base64,{OTHER}", "A dot")]


def test_a_figure_inside_a_static_face_is_lifted_too(tmp_path):
    """Some static faces carry their figure as a data URL in text/html (the positions chart)."""
    face = f'<figure class="sl-figure"><img src="data:image/png;base64,{DOT}" alt="A chart" style="max-width:100%"></figure>'
    figures = Figures()
    nb = figures.lift(notebook({"text/html": face, "text/plain": "[Figure]"}))
    assert DOT not in nb.cells[0].outputs[0].data["text/html"]
    page = page_of(nb)
    placed = figures.place({"one": page, "all": page}, tmp_path)
    (name,) = [p.name for p in (tmp_path / IMAGES).iterdir()]
    assert images(placed["all"]) == [(f"{IMAGES}/{name}", "A chart")]


def test_lifting_twice_changes_nothing():
    """The worksheet editions share the cells of one run: each lifts them."""
    figures = Figures()
    face = f'<img src="data:image/png;base64,{DOT}" alt="A chart">'
    nb = figures.lift(notebook({"image/png": DOT}, {"text/html": face}))
    once = nbformat.writes(nb)
    assert nbformat.writes(figures.lift(nb)) == once


def test_the_site_copies_the_student_figures_with_the_pages():
    """`make site` publishes build/handouts/student/*.html: their img/ folder must go along."""
    recipe = re.search(r"^site:.*?(?=^\S)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.S | re.M).group(0)
    assert re.search(r"cp .*build/handouts/student/\*\.html", recipe)
    assert re.search(rf"cp -R build/handouts/student/{IMAGES}\b", recipe), recipe


@pytest.mark.slow
def test_every_figure_of_the_built_handouts_is_beside_them(handouts):
    pages = sorted(handouts.glob("*/*.html"))
    assert pages
    linked = 0
    for page in pages:
        for src, alt in images(page.read_text(encoding="utf-8")):
            assert alt, f"an <img> without alt text in {page.relative_to(handouts)}"
            if src.startswith("data:"):
                continue
            assert re.fullmatch(rf"{IMAGES}/[0-9a-f]{{16}}\.png", src), src
            assert (page.parent / src).is_file(), f"{page.relative_to(handouts)} links {src}, which is not there"
            linked += 1
    assert linked, "no figure was written beside the pages"
    whole = (handouts / "student" / "all_lessons.html").read_text(encoding="utf-8")
    assert "data:image/png" not in whole, "the all-lessons page inlines a figure that its lesson's page also shows"


def test_the_stylesheet_not_each_cell_aligns_the_packages_tables_on_a_page():
    """core.html.CELL aligns every cell of the package's tables inline, for JupyterLab; on a
    handout page the stylesheet's .sl-table rule does it, and the attribute is dropped there
    (3,500 times on the instructor edition's all-lessons page). Other tables keep theirs."""
    from syria_lesson.build.exporter import TEMPLATES, _finish
    from syria_lesson.core.html import CELL, table

    ours = str(table([{"a": "x", "b": "a sentence"}], [("a", "A"), ("b", "B")], caption="c"))
    assert 'class="sl-table' in ours and CELL in ours
    other = f"<table><tr><td {CELL}>kept</td></tr></table>"
    page = _finish(f"<main>{ours}{other}</main>")
    assert page.count(CELL) == 1 and f"<td {CELL}>kept" in page
    css = (TEMPLATES / "handout" / "handout.css").read_text(encoding="utf-8")
    rule = re.search(r"\.sl-table th, \.sl-table td \{([^}]*)\}", css).group(1)
    assert "text-align: left" in rule and "vertical-align: top" in rule
