"""The smaller files: ``module.yaml`` (the module's title, lessons and figures),
``glossary.csv`` and ``predictions.yaml``."""

from __future__ import annotations

from syria_lesson.core import vocab
from syria_lesson.core.readers import check_field, display_name, read_csv, read_yaml, unique
from syria_lesson.core.validate import Column, DataError, Problem, date, ident, one_of, semilist, text, url
from syria_lesson.data.article import paragraph
from syria_lesson.data.common import data_file, raise_if


def _lesson_id(value) -> str:
    return one_of(*[f"{n:02d}" for n in range(100)])(str(value))


def load_module() -> dict:
    path = data_file("module.yaml")
    name = display_name(path)
    doc = read_yaml(path)
    if not isinstance(doc, dict):
        raise DataError([Problem(name, "", "", None, "is not a mapping", "start with 'title:' (see data/README.md)")])
    problems: list[Problem] = []
    check_field(problems, name, "", doc, "title", text(120))
    check_field(problems, name, "", doc, "licence", text(400))
    check_field(problems, name, "", doc, "compelling_question", text(300))
    lessons = doc.get("lessons")
    if not isinstance(lessons, list) or not lessons:
        problems.append(Problem(name, "", "lessons", lessons, "is missing", "list the lessons under 'lessons:'"))
        lessons = []
    for number, lesson in enumerate(lessons, start=1):
        where = f"lesson {number}"
        if not isinstance(lesson, dict):
            problems.append(Problem(name, where, "", lesson, "is not a lesson", "write {id: '01', notebook: ..., title: ...}"))
            continue
        check_field(problems, name, where, lesson, "id", _lesson_id)
        check_field(problems, name, where, lesson, "notebook", text(60))
        check_field(problems, name, where, lesson, "title", text(80))
    for fig_name, figure in (doc.get("figures") or {}).items():
        where = f"figure {fig_name!r}"
        if not isinstance(figure, dict):
            problems.append(Problem(name, where, "", figure, "is not a figure", "write {title: ..., start: ..., end: ...}"))
            continue
        check_field(problems, name, where, figure, "title", text(120))
        check_field(problems, name, where, figure, "start", date, required=False)
        check_field(problems, name, where, figure, "end", date, required=False)
    raise_if(problems)
    doc["lessons"] = [{**lesson, "id": str(lesson["id"])} for lesson in lessons]
    return doc


GLOSSARY_COLUMNS = [
    Column("term", text(60)),
    Column("definition", text(500)),
    Column("used_in", semilist(_lesson_id)),
    Column("match", text(60), required=False),
    Column("source_title", text(250)),
    Column("source_url", url),
    # The term's history after the forecasts (20 November 2017): only lesson 05 and the reference show it.
    Column("later", text(800), required=False),
    Column("later_source_title", text(250), required=False),
    Column("later_source_url", url, required=False),
]


def load_glossary() -> list[dict]:
    path = data_file("glossary.csv")
    rows, problems = read_csv(path, GLOSSARY_COLUMNS)
    problems += unique(rows, "term", display_name(path))
    raise_if(problems)
    return sorted(rows, key=lambda r: r["term"].lower())


def load_predictions(event_ids: set[str]) -> list[dict]:
    path = data_file("predictions.yaml")
    name = display_name(path)
    doc = read_yaml(path)
    if not isinstance(doc, list):
        raise DataError([Problem(name, "", "", None, "is not a list", "each item starts with '- id:'")])
    problems: list[Problem] = []
    for number, item in enumerate(doc, start=1):
        where = f"item {number} (id {item.get('id')!r})" if isinstance(item, dict) else f"item {number}"
        if not isinstance(item, dict):
            problems.append(Problem(name, where, "", None, "is not a mapping", "start the item with '- id:'"))
            continue
        check_field(problems, name, where, item, "id", ident)
        check_field(problems, name, where, item, "paragraph", paragraph)
        check_field(problems, name, where, item, "claim", text(600))
        check_field(problems, name, where, item, "kind", one_of("prediction", "question"))
        check_field(problems, name, where, item, "outcome", text(2000))
        check_field(problems, name, where, item, "verdict", one_of(*vocab.VERDICTS.codes))
        check_field(problems, name, where, item, "as_of", date)
        for event in item.get("events") or []:
            if event not in event_ids:
                problems.append(Problem(name, where, "events", event, "is not an event id in data/events.csv",
                                        "use the id of an event in data/events.csv"))
    raise_if(problems)
    return doc
