"""Building HTML safely: every value is escaped unless it is already ``Markup``.

``markupsafe`` makes escaping the default. ``html("<p>{}</p>", text)`` escapes
``text``; a fragment the package built itself is ``Markup`` and passes through
unchanged. So trust is a property of a value's type, never of a column name
or of remembering to call an escape function.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

__all__ = ["Markup", "escape", "html", "join", "box", "table", "link", "lines", "CELL"]

# JupyterLab right-aligns table cells and centres them vertically, which suits numbers, not
# sentences; the handouts' CSS aligns them left and top already. Inline, so it survives Lab's sanitizer.
CELL = 'style="text-align:left;vertical-align:top"'


def html(template: str, *args: Any, **kwargs: Any) -> Markup:
    """Fill a trusted template; every argument is escaped unless it is Markup."""
    return Markup(template).format(*args, **kwargs)


def join(parts: Iterable[Any], separator: str = "") -> Markup:
    return Markup(separator).join(parts)


def box(title: str, body: Any, kind: str = "note") -> Markup:
    """A titled box; ``kind`` picks the style (note, key, instructor, check, reveal)."""
    return html('<section class="sl-box sl-{kind}" role="note" aria-label="{title}">'
                '<p class="sl-box-title"><strong>{title}</strong></p>{body}</section>',
                kind=kind, title=title, body=body)


def table(rows: list[dict], columns: list[tuple[str, str]], caption: str = "", css_class: str = "") -> Markup:
    """An accessible table: a caption, header cells with scope, the first cell of
    each row a row header. ``columns`` is a list of (key, heading)."""
    head = join(html(f'<th scope="col" {CELL}>{{}}</th>', label) for _, label in columns)
    body = []
    for row in rows:
        cells = [html(f'<th scope="row" {CELL}>{{}}</th>' if i == 0 else f"<td {CELL}>{{}}</td>", _cell(row.get(key)))
                 for i, (key, _) in enumerate(columns)]
        body.append(html("<tr>{}</tr>", join(cells)))
    cap = html("<caption>{}</caption>", caption) if caption else ""
    classes = " ".join(["sl-table", *css_class.split()])
    return html('<table class="{}">{}<thead><tr>{}</tr></thead><tbody>{}</tbody></table>',
                classes, cap, head, join(body))


def _cell(value: Any) -> Any:
    return "" if value is None else value


def link(url: str, label: str) -> Markup:
    return html('<a href="{}">{}</a>', url, label)


def lines(count: int) -> Markup:
    """Ruled lines to write on, on paper."""
    # Inline style too: in JupyterLab a static face is shown without the handout stylesheet.
    line = Markup('<div class="sl-line" style="border-bottom:1px solid #555;height:2em"></div>')
    return html('<div class="sl-lines" role="img" aria-label="space to write">{}</div>', line * count)


def plain_table(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    """The same table as text, for the text/plain face."""
    out = [" | ".join(label for _, label in columns)]
    out += [" | ".join(str(row.get(key) or "") for key, _ in columns) for row in rows]
    return "\n".join(out)
