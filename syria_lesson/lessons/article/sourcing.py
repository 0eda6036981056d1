"""Lesson 01: lateral reading, from ``data/lateral_reading.yaml``.

Students leave the article to find out who wrote it and what the paper is,
before the module says so: ``steps()`` shows what to search for and what to
look at; ``reveal_html()`` is the module's own account (the author's roles
and the paper's history, each with its source and date), which the lesson
shows with ``reveal.after`` once the two sourcing questions are answered.
"""

from __future__ import annotations

from syria_lesson.core.display import show_html
from syria_lesson.core.html import Markup, html, join, link
from syria_lesson.core.validate import DataError, Problem
from syria_lesson.data import documents


def guide() -> dict:
    return documents.load_lateral_reading()


def steps_html(doc: dict | None = None) -> Markup:
    doc = doc or guide()
    items = join(html("<li><strong>{}</strong> {}</li>", s["do"], s["look_at"]) for s in doc["steps"])
    return html('<ol class="sl-steps">{}</ol>', items)


def steps() -> None:
    doc = guide()
    show_html(steps_html(doc), "\n".join(f"{n}. {s['do']} {s['look_at']}" for n, s in enumerate(doc["steps"], 1)))


def _sources(doc: dict) -> dict[str, dict]:
    return {s["id"]: s for s in doc["reveal"]["sources"]}


def _cite(doc: dict, *ids: str) -> Markup:
    known = _sources(doc)
    missing = [i for i in ids if i not in known]
    if missing:
        raise DataError([Problem("data/lateral_reading.yaml", "reveal", "source", missing[0],
                                 "is not a source listed under reveal: sources:",
                                 "use one of: " + ", ".join(known) + " (or add the source with its id, title, url and date)")])
    return join((html("{}, {}", link(known[i]["url"], known[i]["title"]), known[i]["date"]) for i in ids), Markup("; "))


def _as_of(when: str) -> str:
    """'as of 2020-05-21' for a date; an undated source says so in its own words."""
    return f"as of {when}" if when[:1].isdigit() else when


def reveal_html(doc: dict | None = None) -> Markup:
    doc = doc or guide()
    reveal = doc["reveal"]
    author, outlet = reveal["author"], reveal["outlet"]
    roles = join(html("<li>{} <small>({}; {})</small></li>", r["role"], _as_of(r["as_of"]), _cite(doc, r["source"]))
                 for r in author["roles"])
    facts = join(html("<li>{} <small>({})</small></li>", f["fact"], _cite(doc, f["source"], *(f.get("also") or [])))
                 for f in outlet["facts"])
    out = html("<p>{}</p>", " ".join(reveal.get("summary", "").split())) if reveal.get("summary") else Markup("")
    out += html("<h3>The author: {}</h3><p><strong>The bio under the op-ed:</strong> {}</p>"
                "<p><strong>What other sources say:</strong></p><ul>{}</ul><p><strong>Worth noticing:</strong> {}</p>"
                "<p><small><strong>His posts today:</strong> {}</small></p>",
                author["name"], author["as_in_the_op_ed"], roles, author["point_for_students"],
                " ".join(author["current_roles_2026"].split()))
    out += html("<h3>The paper: {}</h3><ul>{}</ul><p><strong>In November 2017:</strong> {}</p>"
                "<p><small><strong>Not confirmed:</strong> {}</small></p>",
                outlet["name"], facts, outlet["in_2017"], outlet["not_confirmed"])
    return out


def all_sources() -> list[tuple[str, str]]:
    return [(s["title"], s["url"]) for s in guide()["reveal"]["sources"]]
