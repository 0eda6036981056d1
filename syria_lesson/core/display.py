"""One way to show anything interactive: the live widget *and* a static face.

A widget is only alive while a kernel runs. Everywhere else (an HTML handout,
paper, a notebook opened before it is run, a notebook viewer) readers would
see "Error displaying widget" or nothing. So every widget is shown through
``show``, which puts three versions of the same content in one output:

- ``application/vnd.jupyter.widget-view+json``: the live widget, which
  JupyterLab prefers whenever the widget's model exists;
- ``text/html``: the static face (a worksheet question, a full table), which
  nbconvert and JupyterLab fall back to when the model does not exist;
- ``text/plain``: the same content as text, for terminals and screen readers.

``build.execute.strip_widget_views`` removes the first from committed
notebooks, so a notebook opened before it is run shows the static face.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from IPython.display import display
from PIL import Image, PngImagePlugin

from syria_lesson.core.html import escape, html

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
SAVED_DPI = 150  # the figures in figures/ (make figures)
FIGURE_KEY = "syria-lesson-drawn-from"  # a PNG text chunk: a hash of what a saved figure was drawn from


class StaticFace:
    """A displayable object: a live widget with a static HTML and text face."""

    def __init__(self, widget: Any, static_html: str, static_text: str):
        self.widget = widget
        self.static_html = str(static_html)
        self.static_text = static_text

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": self.static_text, "text/html": self.static_html}
        if self.widget is not None:
            view = self.widget._repr_mimebundle_()
            if WIDGET_MIME in view:
                bundle[WIDGET_MIME] = view[WIDGET_MIME]
        return bundle

    def __repr__(self) -> str:  # so that a bare repr never shows VBox(children=...)
        return self.static_text


def show(widget: Any, static_html: str, static_text: str) -> None:
    display(StaticFace(widget, static_html, static_text))


def show_html(content: str, plain: str) -> None:
    """Static content only (a table, a box of text)."""
    display({"text/html": str(content), "text/plain": plain}, raw=True)


def figure_png(fig, dpi: int = 110, key: str | None = None) -> bytes:
    """The figure as a PNG with a 256-colour palette: about a third of the
    full-colour size, so a handout with every figure stays small, and the
    flat colours of these charts look the same. ``key`` is stored in the PNG
    (see ``show_saved``)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return _palette_png(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"), key)


def _palette_png(image, key: str | None = None) -> bytes:
    palette = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    info = PngImagePlugin.PngInfo()
    if key:
        info.add_text(FIGURE_KEY, key)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True, pnginfo=info)
    return buffer.getvalue()


def drawn_from(*parts: Any) -> str:
    """A short hash of what a figure is drawn from (its data and the code that
    draws it), stored in the saved PNG so that a lesson can tell whether
    figures/ shows what it would draw."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes)
                      else json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    return digest.hexdigest()[:16]


def code_of(*modules: str) -> bytes:
    """The source of the package modules that draw a figure, for ``drawn_from``:
    paths inside the package, such as ``lessons/timeline/chart.py``."""
    package = Path(__file__).parent.parent
    return b"".join((package / name).read_bytes() for name in modules)


def save_png(fig, path: Path, key: str) -> None:
    """Save a figure to figures/ as ``make figures`` does, with what it was drawn from."""
    Path(path).write_bytes(figure_png(fig, dpi=SAVED_DPI, key=key))


def saved_png(path: Path, key: str, dpi: int = 110) -> bytes | None:
    """The figure ``make figures`` saved at ``path``, at the size a lesson shows,
    if it was drawn from ``key``; None otherwise (then the lesson draws it)."""
    try:
        with Image.open(path) as saved:
            if getattr(saved, "text", {}).get(FIGURE_KEY) != key:
                return None
            image = saved.convert("RGB")
    except OSError:
        return None
    scale = dpi / SAVED_DPI
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return _palette_png(image.resize(size, Image.Resampling.LANCZOS))


def show_png(png: bytes, alt: str, caption: str = "") -> None:
    """Show a PNG figure with its alt text.

    The alt text travels as image metadata, which the handout template writes
    into the ``alt`` attribute; the caption is shown below the figure.
    """
    display({"image/png": base64.b64encode(png).decode("ascii"), "text/plain": f"[Figure] {alt}"}, raw=True,
            metadata={"image/png": {"alt": alt}})
    if caption:
        show_html(html('<p class="sl-caption">{}</p>', caption), caption)


def show_figure(fig, alt: str, caption: str = "") -> None:
    """Show a matplotlib figure with its alt text (see ``show_png``)."""
    import matplotlib.pyplot as plt

    png = figure_png(fig)
    plt.close(fig)
    show_png(png, alt, caption)


def show_saved(path: Path, key: str, draw: Callable[[], Any], alt: str, caption: str = "") -> None:
    """The figure saved in figures/ when it is current, else drawn now. A
    student's kernel then never imports matplotlib (about 50 MB and a second
    per lesson, which a class on one hub feels)."""
    png = saved_png(path, key)
    if png is not None:
        show_png(png, alt, caption)
    else:
        show_figure(draw(), alt, caption)


__all__ = ["WIDGET_MIME", "StaticFace", "show", "show_html", "show_figure", "show_png", "show_saved", "figure_png",
           "save_png", "drawn_from", "code_of", "escape"]
