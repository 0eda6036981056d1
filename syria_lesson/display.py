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
import io
from typing import Any

from .html import escape, html

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


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
    from IPython.display import display

    display(StaticFace(widget, static_html, static_text))


def show_html(content: str, plain: str) -> None:
    """Static content only (a table, a box of text)."""
    from IPython.display import display

    display({"text/html": str(content), "text/plain": plain}, raw=True)


def figure_png(fig, dpi: int = 110) -> bytes:
    """The figure as a PNG with a 256-colour palette: about a third of the
    full-colour size, so a handout with every figure stays small, and the
    flat colours of these charts look the same."""
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    palette = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def show_figure(fig, alt: str, caption: str = "") -> None:
    """Show a matplotlib figure with its alt text.

    The alt text travels as image metadata, which the handout template writes
    into the ``alt`` attribute; the caption is shown below the figure.
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    png = base64.b64encode(figure_png(fig)).decode("ascii")
    display({"image/png": png, "text/plain": f"[Figure] {alt}"}, raw=True,
            metadata={"image/png": {"alt": alt}})
    plt.close(fig)
    if caption:
        show_html(html('<p class="sl-caption">{}</p>', caption), caption)


__all__ = ["WIDGET_MIME", "StaticFace", "show", "show_html", "show_figure", "figure_png", "escape"]
