"""Every widget has a static face that survives into HTML without widget state."""

import re

import leaks
import nbformat
import pytest
from lesson_parts import images

from syria_lesson import build

pytestmark = pytest.mark.slow  # real kernels

CELLS = [
    "import ipywidgets as w\nfrom syria_lesson.core.display import show\n"
    "show(w.VBox([w.Textarea(description='Your answer')]), '<p class=\"face\">STATIC FACE: write here</p>', 'STATIC TEXT')",
    "import matplotlib.pyplot as plt\nfrom syria_lesson.core.display import show_figure\n"
    "fig, ax = plt.subplots()\nax.plot([1, 2])\nshow_figure(fig, 'A rising line from 1 to 2')",
]


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    """The probe notebook run in a real kernel, outputs as the kernel sent them."""
    import os

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A test lesson")] + [nbformat.v4.new_code_cell(c) for c in CELLS]
    folder = tmp_path_factory.mktemp("nb")
    path = folder / "probe.ipynb"
    nbformat.write(nb, path)
    nb, client = build.client(path, timeout=120)
    client.execute(env={**os.environ, "SYRIA_LESSON_ANSWERS": str(folder)})
    return path, nb


@pytest.fixture(scope="module")
def html(probe):
    import copy

    path, raw = probe
    executed = copy.deepcopy(raw)
    build.strip_widget_views(executed)
    return executed, build.handout_html(executed, path, "student", "2026-01-01")


def test_the_kernel_sent_the_live_widget_and_its_static_face(probe):
    from syria_lesson.core.display import WIDGET_MIME

    _, raw = probe
    (output,) = raw.cells[1].outputs
    assert output["data"][WIDGET_MIME]["model_id"]  # JupyterLab renders this one live
    assert "STATIC FACE: write here" in output["data"]["text/html"]
    assert output["data"]["text/plain"] == "STATIC TEXT"
    assert raw.metadata["widgets"]  # the widget state, which the stripping removes


def test_stripped_notebook_keeps_only_the_static_face(html):
    executed, _ = html
    data = executed.cells[1].outputs[0]["data"]
    assert set(data) == {"text/html", "text/plain"}
    assert "widgets" not in executed.metadata


def test_html_shows_the_static_face_not_the_widget_repr(html):
    _, page = html
    assert "STATIC FACE: write here" in page
    assert leaks.broken_render_markers(page) == []


def test_html_loads_nothing_from_the_network(html):
    _, page = html
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=\"https?:", page)
    assert "cdn" not in page.lower()


def test_figures_carry_their_alt_text(html):
    _, page = html
    ((src, alt),) = images(page)
    assert src.startswith("data:image/png;base64,") and alt == "A rising line from 1 to 2"


def test_figure_png_is_a_palette_image_that_keeps_the_colours():
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from PIL import Image

    from syria_lesson.core.display import figure_png

    fig, ax = plt.subplots(figsize=(2, 1))
    fig.patch.set_facecolor("#0072B2")  # Okabe-Ito blue, one of the palette's colours
    ax.axis("off")
    image = Image.open(io.BytesIO(figure_png(fig, dpi=50)))
    plt.close(fig)
    assert image.mode == "P"
    assert image.convert("RGB").getpixel((2, 2)) == (0x00, 0x72, 0xB2)


def test_notebooks_run_side_by_side_keep_their_order_and_their_own_settings(tmp_path):
    # Each kernel gets its own answers folder and edition; a shared os.environ would let them mix.
    source = "import os\nprint(os.environ['SYRIA_LESSON_EDITION'], os.environ['SYRIA_LESSON_ANSWERS'])"
    paths = []
    for name in ("a", "b", "c"):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(f"print({name!r})"), nbformat.v4.new_code_cell(source)]
        paths.append(tmp_path / f"{name}.ipynb")
        nbformat.write(nb, paths[-1])
    ran = build.execute_all(paths, edition="instructor", workers=2)
    names = [nb.cells[0].outputs[0]["text"].strip() for nb in ran]
    settings = [nb.cells[1].outputs[0]["text"].split() for nb in ran]
    assert names == ["a", "b", "c"]
    assert {edition for edition, _ in settings} == {"instructor"}
    assert len({folder for _, folder in settings}) == 3


def test_a_kernel_log_is_shown_only_when_the_run_fails(tmp_path, capfd):
    # fd 2 of the kernel process: what a kernel prints outside any cell output.
    say = "import os\nos.write(2, b'kernel log line\\n')"
    good, bad = tmp_path / "good.ipynb", tmp_path / "bad.ipynb"
    for path, cells in ((good, [say]), (bad, [say, "raise ValueError('broken cell')"])):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
        nbformat.write(nb, path)
    build.execute(good)
    assert "kernel log line" not in capfd.readouterr().err
    with pytest.raises(Exception, match="broken cell"):
        build.execute(bad)
    err = capfd.readouterr().err
    assert "The kernel running bad.ipynb wrote:" in err and "kernel log line" in err
