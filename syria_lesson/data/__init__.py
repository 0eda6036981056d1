"""Loading the module's content from ``data/`` and checking it.

Each ``load_*`` function returns plain Python records (lists of dicts) and
raises ``DataError`` with every problem it found. ``load_all`` also checks the
references between files (a position's actor must exist, and so on) and is
cached, so a notebook reads each file once however many cells use it.

One module per file or family of files: ``article``, ``events``, ``people``
(actors, topics, positions), ``questions`` (and the instructor notes),
``misc`` (module, glossary, predictions).
"""

from __future__ import annotations

import functools
from typing import Any

from ..validate import DataError, Problem
from .article import load_article, paragraph, paragraph_count
from .events import load_events, record_checked
from .misc import load_glossary, load_module, load_predictions
from .people import load_actors, load_positions, load_topics
from .questions import load_instructor_notes, load_questions

__all__ = ["Content", "load_all", "reload", "as_frame", "load_article", "load_events", "load_glossary",
           "load_module", "load_predictions", "load_actors", "load_positions", "load_topics",
           "load_instructor_notes", "load_questions", "paragraph", "paragraph_count", "record_checked"]


def _unknown(file: str, column: str, value: str, known: list[str]) -> DataError:
    return DataError([Problem(file, "", column, value, f"is not in {file}",
                              "use one of: " + ", ".join(known) + " (or restore the row that was renamed)")])


class Content:
    """All the module's content, loaded and cross-checked."""

    def __init__(self) -> None:
        self.module = load_module()
        self.article = load_article()
        self.events = load_events()
        self.actors = load_actors()
        self.topics = load_topics()
        self.positions = load_positions(self.actors, self.topics)
        self.glossary = load_glossary()
        self.questions = load_questions([lesson["id"] for lesson in self.module["lessons"]])
        self.predictions = load_predictions({e["id"] for e in self.events})
        self._check_references()

    def _check_references(self) -> None:
        meta = self.article["meta"]
        for side, actor in meta["sides"].items():
            self.actor(actor, f"data/article.yaml, meta, sides.{side}")
        if meta["statement_event"] not in {e["id"] for e in self.events}:
            raise _unknown("data/events.csv", "id", meta["statement_event"], [e["id"] for e in self.events][:8] + ["..."])

    @property
    def record_checked(self) -> str:
        return record_checked(self.events)

    def question(self, qid: str) -> dict:
        for item in self.questions:
            if item["id"] == qid:
                return item
        raise _unknown("data/questions", "id", qid, [q["id"] for q in self.questions])

    def actor(self, actor_id: str, asked_by: str = "") -> dict:
        for actor in self.actors:
            if actor["id"] == actor_id:
                return actor
        error = _unknown("data/actors.csv", "id", actor_id, [a["id"] for a in self.actors])
        if asked_by:
            error.problems[0].where = f"named in {asked_by}"
            error = DataError(error.problems)
        raise error

    def topic(self, topic_id: str) -> dict:
        for topic in self.topics:
            if topic["id"] == topic_id:
                return topic
        raise _unknown("data/topics.csv", "id", topic_id, [t["id"] for t in self.topics])

    def position(self, actor_id: str, topic_id: str) -> dict:
        for p in self.positions:
            if p["actor"] == actor_id and p["topic"] == topic_id:
                return p
        self.actor(actor_id)
        self.topic(topic_id)
        raise _unknown("data/positions.csv", "actor", f"{actor_id} x {topic_id}", [])

    def lesson(self, lesson_id: str) -> dict:
        for lesson in self.module["lessons"]:
            if lesson["id"] == lesson_id:
                return lesson
        raise _unknown("data/module.yaml", "lessons", lesson_id, [x["id"] for x in self.module["lessons"]])

    def lesson_questions(self, lesson_id: str) -> list[dict]:
        return [q for q in self.questions if q["lesson"] == lesson_id]


@functools.lru_cache(maxsize=1)
def load_all() -> Content:
    return Content()


def reload() -> Content:
    """Read the files again (after a teacher edits one in an open session)."""
    load_all.cache_clear()
    return load_all()


def as_frame(rows: list[dict[str, Any]], columns: list[str] | None = None):
    """Records as a pandas DataFrame, without the internal row numbers."""
    import pandas as pd

    frame = pd.DataFrame([{k: v for k, v in row.items() if k != "_row"} for row in rows])
    return frame[columns] if columns else frame
