"""The web edition's faces of the lessons' look-up widgets: the timeline explorer
(``timeline.explorer``) and the positions compare view (``positions.compare``),
found by the call in a cell wherever it is (a lesson or the reference notebook).

Each face is the widget's static face (what the student handout prints, so a
page read with its script off still has the whole table), the controls, hidden
until the script shows them, and the data the script filters, sorts or
compares, as JSON in ``<script type="application/json">``
(templates/web/web_explore.js, web_compare.js). What a lesson holds back until
the student's attempt stays sealed, as our readings are (``web_kinds.seal``):
which paragraph of the article an event is linked to, until lesson 02's
matching is answered; each position that lesson 03 asks students to predict,
until its prediction is answered.
"""

from __future__ import annotations

import ast
import json

from syria_lesson.build.web_kinds import seal
from syria_lesson.core.dates import when
from syria_lesson.core.editions import get as get_edition
from syria_lesson.core.html import Markup, html, join
from syria_lesson.core.validate import date_start
from syria_lesson.core.vocab import ARTICLE_LINKS, CATEGORIES, TRACKS
from syria_lesson.data import Content
from syria_lesson.data.events import explorer_events, number_events
from syria_lesson.kinds.predict import cell_label, source_html
from syria_lesson.lessons.positions.cells import blank_label, comparison_html, hidden_cells, predicted, sides
from syria_lesson.lessons.positions.cells import stance_text as stance_words
from syria_lesson.lessons.timeline.explore import HELD_BACK, static_paragraphs
from syria_lesson.lessons.timeline.table import by_thread_html, table_rows


def calls(source: str) -> list[tuple[str, list, dict]]:
    """The calls in a cell's source as (function name, literal arguments, literal keywords)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a cell magic, say: not a widget call
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            try:
                args = [ast.literal_eval(a) for a in node.args]
                keywords = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
            except ValueError:
                continue
            found.append((f"{node.func.value.id}.{node.func.attr}", args, keywords))
    return found


def data_json(value) -> Markup:
    """JSON safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _select(ident: str, label: str, options: list[tuple[str, str]], field: str) -> Markup:
    items = join(html('<option value="{}">{}</option>', value, text) for value, text in options)
    return html('<span class="sl-control"><label for="{}">{}</label> <select id="{}" data-field="{}">{}</select></span>',
                ident, label, ident, field, items)


# ---------------------------------------------------------------- the timeline explorer


def explorer(name: str, hold_back: str | None, content: Content) -> tuple[Markup, dict]:
    """The explorer of one period: its face, and its sealed paragraph links (if held back)."""
    numbers = number_events(content.events)
    events = explorer_events(name, content.events)
    shown = static_paragraphs(hold_back, edition=get_edition("web"))
    public, linked = table_rows(events, numbers, shown, content=content), table_rows(events, numbers, content=content)
    rows = [{"id": e["id"], "no": row["no"], "when": when(e), "sort": date_start(e["date"]).isoformat(),
             "year": date_start(e["date"]).year, "title": e["title"], "summary": e["summary"], "track": e["track"],
             "category": e["category"], "link": e["article_link"], "linkLabel": row["link_label"],
             "sourceTitle": e["source_title"], "sourceUrl": e["source_url"]} for e, row in zip(events, public)]
    sealed = {}
    if not shown:
        sealed[f"explorer:{name}"] = {"paragraphs": seal(f"explorer:{name}/paragraphs", json.dumps(
            {e["id"]: row["link_label"] for e, row in zip(events, linked)}, ensure_ascii=False))}
    used = lambda field, vocab: [(c, vocab.label(c)) for c in vocab.codes if any(e[field] == c for e in events)]  # noqa: E731
    data = {"name": name, "holdBack": hold_back, "events": rows, "tracks": used("track", TRACKS),
            "categories": used("category", CATEGORIES), "links": used("article_link", ARTICLE_LINKS),
            "heldBack": HELD_BACK}
    years = sorted({r["year"] for r in rows})
    ident = f"x-{name}"
    every = [("", "All")]
    controls = join([
        _select(f"{ident}-track", "Track", every + data["tracks"], "track"),
        _select(f"{ident}-kind", "Kind", every + data["categories"], "category"),
        _select(f"{ident}-link", "In the article", every + data["links"], "link"),
        _select(f"{ident}-from", "From", [(str(y), str(y)) for y in years], "from"),
        _select(f"{ident}-to", "to", [(str(y), str(y)) for y in reversed(years)], "to"),
        _select(f"{ident}-order", "Sort by", [("date", "Date"), ("track", "Track"), ("category", "Kind")], "order"),
    ])
    note = Markup("") if shown else html('<p class="sl-reveal-wait"><em>{}</em></p>', HELD_BACK)
    face = html('<div class="sl-explore" data-explore="{}"><form class="sl-view-controls" hidden '
                'aria-label="Filter and sort the events">{}</form>'
                '<p class="sl-view-count" role="status" aria-live="polite"></p><div class="sl-view-live"></div>'
                '<div class="sl-view-static">{}{}</div><script type="application/json" class="sl-view-data">{}'
                "</script></div>", name, controls, note, by_thread_html(events, numbers, "Events by thread", shown,
                                                                         content=content), data_json(data))
    return face, sealed


# ---------------------------------------------------------------- the positions compare view


def _cell_html(position: dict) -> str:
    return str(html("<strong>{}</strong><br>{}<br><small>{}</small>", cell_label(position), stance_words(position),
                    source_html(position)))


def compare(actor_a: str | None, actor_b: str | None, lesson_id: str | None, content: Content) -> tuple[Markup, dict]:
    """Two actors compared topic by topic: the face, and the sealed cells the lesson's students predict."""
    default_a, default_b = sides(content=content)
    actor_a, actor_b = actor_a or default_a, actor_b or default_b
    web = get_edition("web")
    held = hidden_cells(lesson_id, edition=web, content=content)
    questions = predicted(lesson_id, content=content) if held else {}
    cells, sealed_cells = {}, {}
    for actor in content.actors:
        for topic in content.topics:
            key = (actor["id"], topic["id"])
            position = content.position(*key)
            cell = {"html": _cell_html(position), "stance": position["stance_code"]}
            if key in held:
                slot = f"cell:{actor['id']}:{topic['id']}"
                sealed_cells[slot] = seal(f"compare:{lesson_id}/{slot}", json.dumps(cell, ensure_ascii=False))
                cell = {"blank": str(html("<strong>{}</strong>", blank_label(held[key]))),
                        "question": questions[key]["id"]}
            cells[f"{actor['id']}:{topic['id']}"] = cell
    data = {"lesson": lesson_id, "a": actor_a, "b": actor_b, "cells": cells,
            "actors": [{"id": a["id"], "name": a["name"], "short": a["short_name"]} for a in content.actors],
            "topics": [{"id": t["id"], "title": t["title"]} for t in content.topics]}
    options = [(a["id"], a["name"]) for a in content.actors]
    ident = f"c-{lesson_id or 'all'}"
    controls = join([_select(f"{ident}-a", "First actor", options, "a"),
                     _select(f"{ident}-b", "Second actor", options, "b")])
    face = html('<div class="sl-compare" data-compare="{}"><form class="sl-view-controls" hidden '
                'aria-label="Choose two actors to compare">{}</form><div class="sl-view-live" aria-live="polite"></div>'
                '<div class="sl-view-static">{}</div><script type="application/json" class="sl-view-data">{}</script>'
                "</div>", lesson_id or "", controls, comparison_html(actor_a, actor_b, held, content=content),
                data_json(data))
    return face, ({f"compare:{lesson_id}": sealed_cells} if sealed_cells else {})


def face(source: str, content: Content) -> tuple[Markup, dict] | None:
    """The web face of a cell that calls the explorer or the compare view, or None."""
    for name, args, keywords in calls(source):
        if name == "timeline.explorer":
            given = dict(zip(("name", "hold_back"), args)) | keywords
            return explorer(given["name"], given.get("hold_back"), content)
        if name == "positions.compare":
            given = dict(zip(("actor_a", "actor_b", "lesson_id"), args)) | keywords
            return compare(given.get("actor_a"), given.get("actor_b"), given.get("lesson_id"), content)
    return None
