"""Anchor answers: three answers to an essay (strong, middling, weak), each
marked against its rubric criterion by criterion, for teachers.

They live in ``instructor/anchors.yaml``, which the student release leaves
out with the rest of ``instructor/``: there, ``load_anchors`` returns nothing,
and in the student edition ``show`` prints nothing. Only the instructor
edition of the lesson shows them.
"""

from __future__ import annotations

from syria_lesson.core import editions, paths
from syria_lesson.core.dates import format_date
from syria_lesson.core.display import show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, box, html, join, link, table
from syria_lesson.core.readers import display_name, read_yaml
from syria_lesson.core.validate import DataError, Problem
from syria_lesson.data import Content, documents, given_content
from syria_lesson.data.events import number_events

LEVELS = ("strong", "middling", "weak")
LISTS = ("paragraphs", "statement", "corroboration", "events", "documents")


def anchors_file():
    return paths.instructor_dir() / "anchors.yaml"


def load_anchors(content: Content | None = None) -> dict[str, dict]:
    """``{rubric key: {"question", "answers": [...]}}``, checked against the
    rubrics, the events and the article; ``{}`` when the file is absent."""
    path = anchors_file()
    if not path.is_file():
        return {}
    content = given_content(content)
    name = display_name(path)
    doc = read_yaml(path)
    anchors = doc.get("anchors") if isinstance(doc, dict) else None
    if not isinstance(anchors, dict):
        raise DataError([Problem(name, "", "anchors", None, "is missing", "write anchors: then one entry per rubric")])
    problems: list[Problem] = []
    rubrics = content.rubrics()
    known = {"paragraphs": set(range(1, content.article["meta"]["paragraphs"] + 1)),
             "events": {e["id"] for e in content.events},
             "corroboration": {item["id"] for item in _corroboration()},
             "statement": set(range(1, 21)),
             "documents": {item["id"] for item in content.documents()}}
    for key, entry in anchors.items():
        where = f"anchors {key!r}"
        if key not in rubrics:
            problems.append(Problem(name, where, "", key, "is not a rubric in data/rubrics.yaml",
                                    "use one of: " + ", ".join(rubrics)))
            continue
        criteria = [c["id"] for c in rubrics[key]["criteria"]]
        answers = (entry or {}).get("answers") or []
        if sorted(a.get("level") for a in answers if isinstance(a, dict)) != sorted(LEVELS):
            problems.append(Problem(name, where, "answers", [a.get("level") for a in answers if isinstance(a, dict)],
                                    "does not hold one strong, one middling and one weak answer",
                                    "give three answers, with level: strong, middling and weak"))
        for answer in answers:
            place = f"{where}, {answer.get('level')} answer"
            if not str(answer.get("text") or "").strip():
                problems.append(Problem(name, place, "text", None, "is missing", "write the anchor answer under text:"))
            marks = answer.get("marks") or {}
            if sorted(marks) != sorted(criteria):
                problems.append(Problem(name, place, "marks", sorted(marks), "does not mark every criterion",
                                        "mark each of: " + ", ".join(criteria)))
            for criterion, mark in marks.items():
                if not (isinstance(mark, dict) and mark.get("level") in (1, 2, 3, 4) and mark.get("why")):
                    problems.append(Problem(name, f"{place}, {criterion}", "level", mark,
                                            "needs a level from 1 to 4 and a why", "write {level: 3, why: ...}"))
            for field in LISTS:
                for item in answer.get(field) or []:
                    if item not in known[field]:
                        problems.append(Problem(name, place, field, item, "is not known",
                                                f"use a {field[:-1] if field.endswith('s') else field} that exists "
                                                "in the data files"))
    if problems:
        raise DataError(problems)
    return anchors


def _corroboration() -> list[dict]:
    return documents.load_corroboration()


def texts(anchors: dict[str, dict]) -> list[tuple[str, str]]:
    """(label, text) of everything a student must never see: for the leak tests."""
    out = []
    for key, entry in anchors.items():
        for answer in entry["answers"]:
            out.append((f"anchor {key} {answer['level']}", answer["text"]))
            out += [(f"anchor {key} {answer['level']} {c}", m["why"]) for c, m in answer["marks"].items()]
    return out


def sources_html(answer: dict, content) -> Markup:
    numbers = number_events(content.events)
    events = {e["id"]: e for e in content.events}
    corroboration = {item["id"]: item for item in _corroboration()}
    parts = []
    if answer.get("paragraphs"):
        parts.append(html("<li>The op-ed, paragraph{} {}</li>", "s" if len(answer["paragraphs"]) > 1 else "",
                          ", ".join(map(str, answer["paragraphs"]))))
    if answer.get("statement"):
        parts.append(html("<li>The joint statement of 11 November 2017, paragraph{} {}</li>",
                          "s" if len(answer["statement"]) > 1 else "", ", ".join(map(str, answer["statement"]))))
    for cid in answer.get("corroboration") or []:
        item = corroboration[cid]
        parts.append(html("<li>{} ({}): {}</li>", item["speaker"], format_date(str(item["date"])),
                          link(item["source_url"], item["source_title"])))
    documents = {item["id"]: item for item in content.documents()} if answer.get("documents") else {}
    for did in answer.get("documents") or []:
        item = documents[did]
        parts.append(html("<li>{} ({}): {}</li>", item["speaker"], format_date(item["date"]),
                          link(item["source_url"], item["source_title"])))
    for eid in answer.get("events") or []:
        e = events[eid]
        parts.append(html("<li>Event {}. {} ({}): {}</li>", numbers[eid], e["title"], format_date(e["date"]),
                          link(e["source_url"], e["source_title"])))
    return html("<p><strong>Sources it uses:</strong></p><ul>{}</ul>", join(parts)) if parts else \
        Markup("<p><strong>Sources it uses:</strong> none.</p>")


def anchors_html(key: str, anchors: dict[str, dict], content) -> Markup:
    rubric = content.rubrics()[key]
    names = {c["id"]: c["name"] for c in rubric["criteria"]}
    order = sorted(anchors[key]["answers"], key=lambda a: LEVELS.index(a["level"]))
    blocks = []
    for answer in order:
        marks = answer["marks"]
        total = sum(m["level"] for m in marks.values())
        rows = [{"criterion": names[c["id"]], "level": str(marks[c["id"]]["level"]), "why": marks[c["id"]]["why"]}
                for c in rubric["criteria"]]
        blocks.append(html('<div class="sl-anchor"><p><strong>Anchor answer: {} ({} of {})</strong></p>'
                           "<blockquote>{}</blockquote>{}{}</div>", answer["level"], total, 4 * len(rows),
                           answer["text"],
                           table(rows, [("criterion", "Criterion"), ("level", "Level"), ("why", "Why")],
                                 f"How the {answer['level']} answer is marked"),
                           sources_html(answer, content)))
    return join(blocks)


def show(key: str, *, content: Content | None = None, edition: Edition | None = None) -> None:
    """The anchor answers for one rubric: instructor edition only; nothing otherwise."""
    content = given_content(content)
    edition = editions.given(edition)
    if not edition.shows_readings:
        return

    anchors = load_anchors(content)
    if key not in anchors:
        return
    body = anchors_html(key, anchors, content)
    show_html(box(f"For the instructor: anchor answers, marked against the rubric “{content.rubrics()[key]['title']}”",
                  body, "instructor"),
              "Anchor answers: " + "; ".join(a["level"] for a in anchors[key]["answers"]))
