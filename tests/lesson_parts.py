"""Reading a lesson notebook as tests need it: its cells' tags and code, its outputs in order,
and the widgets inside a live question. Shared by the lesson and widget tests."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import nbformat


def tags(cell) -> set:
    return set(cell.get("metadata", {}).get("tags", []))


def code_of(cell) -> str:
    """A code cell's code, without the label line JupyterLab shows when the cell is folded."""
    return "\n".join(line for line in cell.source.splitlines() if not line.startswith("# "))


def cell_index(nb, text: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if text in c.source)


def outputs_in_order(path: Path) -> list[str]:
    """The committed notebook as a reader meets it: markdown and saved HTML, in order."""
    parts = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append(html.unescape(str(data.get("text/html") or data.get("text/plain") or "")))
    return parts


def find(widget, kind):
    """All descendants of a widget of one class, depth first."""
    found = [widget] if isinstance(widget, kind) else []
    for child in getattr(widget, "children", ()):
        found += find(child, kind)
    return found


def images(page: str) -> list[tuple[str, str | None]]:
    """(src, alt) of every <img> in a page, whatever the attribute order."""
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                found.append((dict(attrs).get("src", ""), dict(attrs).get("alt")))

    Parser().feed(page)
    return found
