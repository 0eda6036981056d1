"""Every widget has a static face that survives into HTML without widget state."""

import re

import nbformat
import pytest

from syria_lesson import build

CELLS = [
    "import ipywidgets as w\nfrom syria_lesson.display import show\n"
    "show(w.VBox([w.Textarea(description='Your answer')]), '<p class=\"face\">STATIC FACE: write here</p>', 'STATIC TEXT')",
    "import matplotlib.pyplot as plt\nfrom syria_lesson.display import show_figure\n"
    "fig, ax = plt.subplots()\nax.plot([1, 2])\nshow_figure(fig, 'A rising line from 1 to 2')",
]


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A test lesson")] + [nbformat.v4.new_code_cell(c) for c in CELLS]
    path = tmp_path_factory.mktemp("nb") / "probe.ipynb"
    nbformat.write(nb, path)
    executed = build.execute(path)
    return executed, build.handout_html(executed, path, "student", "2026-01-01")


def test_the_output_carried_the_live_widget_before_stripping(tmp_path):
    from syria_lesson.display import WIDGET_MIME, StaticFace

    class Fake:
        def _repr_mimebundle_(self):
            return {WIDGET_MIME: {"model_id": "abc"}, "text/plain": "VBox(children=...)"}

    bundle = StaticFace(Fake(), "<p>face</p>", "face")._repr_mimebundle_()
    assert bundle[WIDGET_MIME] == {"model_id": "abc"}
    assert bundle["text/html"] == "<p>face</p>" and bundle["text/plain"] == "face"


def test_stripped_notebook_keeps_only_the_static_face(html):
    executed, _ = html
    data = executed.cells[1].outputs[0]["data"]
    assert set(data) == {"text/html", "text/plain"}
    assert "widgets" not in executed.metadata


def test_html_shows_the_static_face_not_the_widget_repr(html):
    _, page = html
    assert "STATIC FACE: write here" in page
    assert "VBox(children" not in page and "Error displaying widget" not in page


def test_html_loads_nothing_from_the_network(html):
    _, page = html
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=\"https?:", page)
    assert "cdn" not in page.lower()


def images(page):
    """(src, alt) of every <img> in the page, whatever the attribute order."""
    from html.parser import HTMLParser

    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                found.append((dict(attrs).get("src", ""), dict(attrs).get("alt")))

    Parser().feed(page)
    return found


def test_figures_carry_their_alt_text(html):
    _, page = html
    ((src, alt),) = images(page)
    assert src.startswith("data:image/png;base64,") and alt == "A rising line from 1 to 2"
