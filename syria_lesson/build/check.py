"""``python -m syria_lesson.build check``: every content file, checked in one go.

A lesson loads only the files it needs, and stops at the first file with a
problem. This reads them all (``data/``, ``instructor/``, and each lesson's
notebook, which must exist), each on its own, so that one run lists every
problem in every file, each with its file, row, column and fix. Checks that
need several files (a position's actor, a forecast's events) run once the files
they rest on have loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from syria_lesson import data
from syria_lesson.core import paths
from syria_lesson.core.validate import DataError, Problem
from syria_lesson.data import documents, places, plans
from syria_lesson.lessons import reference
from syria_lesson.lessons.forecasts import anchors


class Checker:
    """Runs loaders, keeping what each returned and every problem raised."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def run(self, load: Callable[[], Any]) -> Any:
        try:
            return load()
        except DataError as error:
            seen = {str(p) for p in self.problems}
            self.problems += [p for p in error.problems if str(p) not in seen]
            return None


def _notebook_problems(module: dict) -> list[Problem]:
    folder = paths.notebooks_dir()
    return [Problem("data/module.yaml", f"lesson {lesson['id']!r}", "notebook", lesson["notebook"],
                    f"has no notebook notebooks/{lesson['notebook']}.ipynb",
                    "name the lesson's notebook without .ipynb, or create it with "
                    "`python -m syria_lesson.build new-lesson`")
            for lesson in module["lessons"] if not (folder / f"{lesson['notebook']}.ipynb").is_file()]


def check_content() -> dict[str, int]:
    """How many of each thing the content holds; raises ``DataError`` with every
    problem found."""
    check = Checker()
    module = check.run(data.load_module)
    lesson_ids = [lesson["id"] for lesson in module["lessons"]] if module else None
    check.run(data.load_article)
    events = check.run(data.load_events)
    actors, topics = check.run(data.load_actors), check.run(data.load_topics)
    if actors and topics:
        check.run(lambda: data.load_positions(actors, topics))
    check.run(data.load_glossary)
    questions = check.run(lambda: data.load_questions(lesson_ids))
    for lesson in lesson_ids or []:
        plan = check.run(lambda lesson=lesson: plans.load_plan(lesson))
        if plan:
            check.run(lambda lesson=lesson, plan=plan: reference.source_lists(lesson, plan))
    for load in (documents.load_primer, documents.load_statement, documents.load_corroboration,
                 documents.load_lateral_reading, documents.load_key_terms, documents.load_frames,
                 documents.load_rubrics, places.load_places, places.load_zones):
        check.run(load)
    if events:
        event_ids = {e["id"] for e in events}
        check.run(lambda: data.load_predictions(event_ids))
        check.run(lambda: documents.load_forecasts(event_ids))
    if questions:
        check.run(lambda: data.load_instructor_notes(questions))
    if module:
        check.problems += _notebook_problems(module)
    if check.problems:
        raise DataError(check.problems)

    # Everything loads on its own: now the references between files, as a lesson sees them.
    content = check.run(data.reload)
    if content is None:
        raise DataError(check.problems)
    check.run(content.roles)
    check.run(content.documents)
    if check.problems:
        raise DataError(check.problems)
    check.run(lambda: anchors.load_anchors(content))
    if check.problems:
        raise DataError(check.problems)
    return {"lessons": len(lesson_ids), "questions": len(content.questions), "events": len(content.events),
            "actors": len(content.actors), "topics": len(content.topics), "positions": len(content.positions),
            "glossary terms": len(content.glossary), "predictions": len(content.predictions),
            "forecasts": len(content.forecasts()), "key terms": len(content.key_terms()),
            "documents": len(content.documents()), "roles": len(content.roles()["roles"])}


def report() -> tuple[bool, str]:
    """(valid?, what to print): the counts, or every problem (``DataError``'s
    own message stops after twelve)."""
    try:
        counts = check_content()
    except DataError as error:
        count = len(error.problems)
        head = "The lesson data has a problem:" if count == 1 else f"The lesson data has {count} problems:"
        return False, "\n".join([head] + [str(p) for p in error.problems])
    return True, "All content is valid: " + ", ".join(f"{n} {what}" for what, n in counts.items()) + "."


def main() -> int:
    valid, text = report()
    print(text)
    return 0 if valid else 1
