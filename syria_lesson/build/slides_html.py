"""The HTML slide deck of ``make slides`` (``build/slides/<deck>/lesson_NN.html``,
beside the PowerPoint deck): the same slides (``build/slide_outline``) as one
self-contained file, its styles, script and figures inside it, so it opens from
a USB stick or the teacher pack in any browser, offline, and asks nothing of
the network.

Arrow keys, Page Up/Down, Space, Home and End move between slides (the buttons
too, and ``#3`` in the address opens slide 3); N shows the speaker notes of an
instructor deck. Printed, it gives one slide a page, each followed by its notes
in the instructor deck. Without its script, every slide is shown in a column."""

from __future__ import annotations

import base64
from pathlib import Path

from syria_lesson.build.slide_outline import Slide
from syria_lesson.core.html import Markup, html, join

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "slides"
HELP = "Arrow keys or Page Up/Down: next and previous; Home, End"


def _image(png: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode("ascii")


def _body(slide: Slide) -> Markup:
    """Lines at level 0 as paragraphs; the items under one (level 1) as a list."""
    parts, items = [], []
    for line, level in zip(slide.lines, slide.levels or [0] * len(slide.lines)):
        if level:
            items.append(html("<li>{}</li>", line))
            continue
        if items:
            parts.append(html("<ul>{}</ul>", join(items)))
            items = []
        parts.append(html("<p>{}</p>", line))
    if items:
        parts.append(html("<ul>{}</ul>", join(items)))
    return join(parts)


def _slide(slide: Slide, number: int, total: int) -> Markup:
    heading = "h1" if slide.layout == "title" else "h2"
    if slide.layout == "figure":
        body = html('<figure><img src="{}" alt="{}"></figure>', _image(slide.figure.png), slide.figure.alt)
    else:
        body = _body(slide)
    out = html('<section class="slide {layout}" id="s{n}" aria-roledescription="slide" aria-label="Slide {n} of {total}">'
               '<{h}>{title}</{h}>{body}<p class="number" aria-hidden="true">{n} / {total}</p></section>',
               layout=slide.layout, n=number, total=total, h=Markup(heading), title=slide.title, body=body)
    if slide.notes:
        out += html('<aside class="notes" id="s{}-notes" aria-label="Speaker notes, slide {}"><h3>Speaker notes</h3>{}'
                    "</aside>", number, number, join(html("<p>{}</p>", note) for note in slide.notes))
    return out


def render(slides: list[Slide], title: str, instructor: bool) -> str:
    total = len(slides)
    notes_help = "; N: speaker notes" if instructor else ""
    return str(html(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        "<title>{title}</title><style>{css}</style></head><body>"
        '<a class="skip" href="#s1">Skip to the first slide</a>'
        '<main id="deck" aria-label="{title}">{slides}</main>'
        '<nav class="controls" aria-label="Slides"><button type="button" id="prev">Previous</button>'
        '<span id="where" role="status" aria-live="polite">{total} slides</span>'
        '<button type="button" id="next">Next</button><span class="help">{help}</span></nav>'
        "<script>{js}</script></body></html>\n",
        title=f"{title} ({'instructor slides' if instructor else 'slides'})",
        css=Markup((TEMPLATES / "deck.css").read_text(encoding="utf-8")),
        js=Markup((TEMPLATES / "deck.js").read_text(encoding="utf-8")),
        slides=join(_slide(s, n, total) for n, s in enumerate(slides, start=1)),
        total=total, help=HELP + notes_help))
