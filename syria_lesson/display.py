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

``build.strip_widget_views`` removes the first from committed notebooks, so a
notebook opened before it is run shows the static face, never an error.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
from typing import Any

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
SAVED_DPI = 150  # the figures in figures/ (make figures)
FIGURE_KEY = "syria-lesson-drawn-from"  # PNG text: a hash of what a saved figure was drawn from


def esc(value: Any) -> str:
    """Escape anything for HTML. Every piece of data or student text passes
    through here before it reaches the page."""
    return html.escape("" if value is None else str(value), quote=True)


class StaticFace:
    """A displayable object: a live widget with a static HTML and text face."""

    def __init__(self, widget: Any, static_html: str, static_text: str):
        self.widget = widget
        self.static_html = static_html
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

    display({"text/html": content, "text/plain": plain}, raw=True)


def box(title: str, body_html: str, kind: str = "note") -> str:
    """A titled box; ``kind`` picks the style (note, key, instructor, check)."""
    return (f'<section class="sl-box sl-{esc(kind)}" role="note" aria-label="{esc(title)}">'
            f'<p class="sl-box-title"><strong>{esc(title)}</strong></p>{body_html}</section>')


def table(rows: list[dict], columns: list[tuple[str, str]], caption: str = "",
          html_columns: tuple[str, ...] = (), css_class: str = "") -> str:
    """An accessible HTML table: a caption, header cells with scope.

    ``columns`` is a list of (key, heading). Values are escaped, except keys in
    ``html_columns`` whose values the package built itself. ``css_class`` lets
    the handout stylesheet size one kind of table's columns.
    """
    head = "".join(f'<th scope="col">{esc(label)}</th>' for _, label in columns)
    body = []
    for row in rows:
        cells = []
        for i, (key, _) in enumerate(columns):
            value = row.get(key, "")
            content = value if key in html_columns else esc(value)
            tag = "th scope=\"row\"" if i == 0 else "td"
            cells.append(f"<{tag}>{content}</{tag.split()[0]}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    classes = " ".join(["sl-table", *css_class.split()])
    return (f'<table class="{esc(classes)}">{cap}<thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def plain_table(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    lines = [" | ".join(label for _, label in columns)]
    for row in rows:
        lines.append(" | ".join(str(row.get(key, "") or "") for key, _ in columns))
    return "\n".join(lines)


def link(url: str, label: str) -> str:
    return f'<a href="{esc(url)}">{esc(label)}</a>'


def figure_png(fig, dpi: int = 110) -> bytes:
    """The figure as a PNG with a 256-colour palette: about a third of the
    full-colour size, so a handout with every figure stays small, and the
    flat colours of these charts look the same."""
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return _palette_png(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))


def _palette_png(image) -> bytes:
    from PIL import Image

    palette = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def drawn_from(*parts: Any) -> str:
    """A short hash of what a figure is drawn from (its data, and the code
    that draws it), stored in the saved PNG so that a lesson can tell whether
    figures/ shows what it would draw."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes)
                      else json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    return digest.hexdigest()[:16]


def saved_figure_png(path, key: str, dpi: int = 110) -> bytes | None:
    """The figure that ``make figures`` saved at ``path``, at the size and in
    the colours ``figure_png`` gives, if it was drawn from ``key``; None if it
    was not (or cannot be read): then the lesson draws it. Showing the saved
    figure spares a lesson's kernel matplotlib (about 50 MB and a second)."""
    from PIL import Image

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
    from IPython.display import display

    display({"image/png": base64.b64encode(png).decode("ascii"), "text/plain": f"[Figure] {alt}"}, raw=True,
            metadata={"image/png": {"alt": alt}})
    if caption:
        show_html(f'<p class="sl-caption">{esc(caption)}</p>', caption)


def show_figure(fig, alt: str, caption: str = "") -> None:
    """Show a matplotlib figure with its alt text (see ``show_png``)."""
    import matplotlib.pyplot as plt

    png = figure_png(fig)
    plt.close(fig)
    show_png(png, alt, caption)
