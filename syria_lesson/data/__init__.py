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
import re
from typing import Any

from syria_lesson import kinds
from syria_lesson.core.dates import format_date
from syria_lesson.core.validate import DataError, Problem
from syria_lesson.data import documents
from syria_lesson.data.article import load_article, paragraph, paragraph_count
from syria_lesson.data.document_set import load_documents
from syria_lesson.data.events import explorer_events, latest_event_date, load_events, number_events, record_checked
from syria_lesson.data.misc import load_glossary, load_module, load_predictions
from syria_lesson.data.people import load_actors, load_positions, load_topics
from syria_lesson.data.plans import load_plan
from syria_lesson.data.questions import load_instructor_notes, load_questions
from syria_lesson.data.roles import load_roles
from syria_lesson.data.standards import load_standards

__all__ = ["Content", "load_all", "given_content", "reload", "as_frame", "load_article", "load_events", "load_glossary",
           "load_module", "load_predictions", "load_actors", "load_positions", "load_topics",
           "load_instructor_notes", "load_questions", "paragraph", "paragraph_count", "record_checked",
           "latest_event_date"]


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
        self.predictions = load_predictions({e["id"] for e in self.events})
        questions = load_questions([lesson["id"] for lesson in self.module["lessons"]])
        self._check_references(questions)
        self.questions = [self._resolve(q) for q in questions]

    def _resolve(self, q: dict) -> dict:
        return kinds.kind_of(q).resolve(q, self)

    def _check_references(self, questions: list[dict]) -> None:
        ids = {q["id"] for q in questions}
        problems = []
        for q in questions:
            where = f"lesson_{q['lesson']}.yaml, question {q['id']!r}"
            if q.get("beside") and q["beside"] not in ids:
                problems.append(Problem("data/questions", where, "beside", q["beside"], "is not a question id",
                                        "name the question whose answer is shown beside this one"))
            for field, known in (("frames", self.frames), ("rubric", self.rubrics)):
                if q.get(field) and q[field] not in known():
                    problems.append(Problem("data/questions", where, field, q[field], f"is not in data/{field}.yaml"
                                            if field == "frames" else "is not in data/rubrics.yaml",
                                            "use one of: " + ", ".join(known())))
        if problems:
            raise DataError(problems)
        meta = self.article["meta"]
        for side, actor in meta["sides"].items():
            self.actor(actor, f"data/article.yaml, meta, sides.{side}")
        if meta["statement_event"] not in {e["id"] for e in self.events}:
            raise _unknown("data/events.csv", "id", meta["statement_event"], [e["id"] for e in self.events][:8] + ["..."])

    @property
    def record_checked(self) -> str:
        return record_checked(self.events)

    @property
    def latest_event_date(self) -> str:
        return latest_event_date(self.events)

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

    # -- the smaller documents, read when a lesson first needs them

    @functools.cache  # noqa: B019 - one Content per load_all(); the cache dies with it
    def frames(self) -> dict:
        return documents.load_frames()

    @functools.cache  # noqa: B019
    def rubrics(self) -> dict:
        return documents.load_rubrics()

    @functools.cache  # noqa: B019
    def key_terms(self) -> list[dict]:
        return documents.load_key_terms()

    @functools.cache  # noqa: B019
    def forecasts(self) -> list[dict]:
        return documents.load_forecasts({e["id"] for e in self.events})

    @functools.cache  # noqa: B019
    def roles(self) -> dict:
        """Lesson 06's role cards, memo template and reading (data/roles.yaml)."""
        return load_roles(self.actors, self.positions, self.events, self.article)

    @functools.cache  # noqa: B019
    def documents(self) -> list[dict]:
        """Each party's own words (data/documents.yaml), each the document of one role."""
        roles = self.roles()
        items = load_documents({a["id"] for a in self.actors}, roles["set_on"])
        owner = {actor: role["id"] for role in roles["roles"] for actor in role["actors"]}
        problems, taken = [], {}
        for number, item in enumerate(items, start=1):
            where = f"document {number} ({item['id']!r})"
            role = owner.get(item["actor"])
            if role is None:
                problems.append(Problem("data/documents.yaml", where, "actor", item["actor"], "is no party at the "
                                        "table", "use an actor of a role in data/roles.yaml: " + ", ".join(owner)))
            elif role in taken:
                problems.append(Problem("data/documents.yaml", where, "actor", item["actor"], f"is the party of "
                                        f"{taken[role]!r} too", "give each party at the table one document"))
            taken.setdefault(role, item["id"])
        if problems:
            raise DataError(problems)
        return items

    def role_document(self, role_id: str) -> dict | None:
        """The document of one role's party, or None while the set has none for it."""
        role = next(r for r in self.roles()["roles"] if r["id"] == role_id)
        return next((d for d in self.documents() if d["actor"] in role["actors"]), None)

    @functools.cache  # noqa: B019
    def plan(self, lesson_id: str) -> dict:
        self.lesson(lesson_id)
        plan = load_plan(lesson_id)
        tagged = {code: q["id"] for q in self.lesson_questions(lesson_id) for code in q.get("standards") or []}
        missing = [code for code in tagged if code not in plan["standards"]]
        if missing:  # the lesson's standards are every standard its tasks serve
            raise DataError([Problem(f"data/lessons/lesson_{lesson_id}.yaml", "", "standards", missing[0],
                                     f"is missing, though question {tagged[missing[0]]!r} is tagged with it",
                                     "add " + ", ".join(missing) + " to the lesson's standards")])
        return plan

    @functools.cache  # noqa: B019
    def standards(self) -> list[dict]:
        return load_standards()

    # -- what questions refer to

    def claim(self, claim_id: str) -> dict:
        for part in self.article["parts"]:
            for claim in part.get("claims") or []:
                if claim.get("id") == claim_id:
                    if not claim.get("why"):
                        raise DataError([Problem("data/article.yaml", f"claim {claim_id!r}", "why", None, "is missing",
                                                 "say in a sentence why the claim is of its kind (students read it "
                                                 "after they answer)")])
                    return claim
        raise _unknown("data/article.yaml", "claims", claim_id,
                       [c["id"] for p in self.article["parts"] for c in p.get("claims") or [] if c.get("id")])

    def prediction(self, prediction_id: str) -> dict:
        for item in self.predictions:
            if item["id"] == prediction_id:
                return item
        raise _unknown("data/predictions.yaml", "id", prediction_id, [p["id"] for p in self.predictions])

    def forecast(self, outcome_id: str) -> dict:
        for item in self.forecasts():
            if item["id"] == outcome_id:
                return item
        raise _unknown("data/forecasts.yaml", "id", outcome_id, [f["id"] for f in self.forecasts()])

    def match_source(self, name: str) -> tuple[list[dict], list[dict]]:
        """(items, options) for a matching question."""
        if name == "key_terms":
            terms = self.key_terms()
            items = [{"id": _slug(t["term"]), "text": t["term"], "answers": [_slug(t["term"])], "note": t["example"]}
                     for t in terms]
            return items, [{"id": _slug(t["term"]), "label": t["plain"]} for t in terms]

        numbers = number_events(self.events)
        period = explorer_events(next(iter(self.module["figures"])), self.events)
        choices = [{"id": e["id"], "label": f"{numbers[e['id']]}. {e['title']} ({format_date(e['date'])})"}
                   for e in period]
        known = {e["id"] for e in self.events}
        items = []
        for phrase in self.article.get("phrases") or []:
            bad = [e for e in phrase["events"] if e not in known]
            if bad:
                raise _unknown("data/events.csv", "id", bad[0], ["(an id from data/events.csv)"])
            items.append({"id": phrase["id"], "text": f"“{phrase['text']}” (paragraph {phrase['paragraph']})",
                          "answers": phrase["events"], "note": phrase["note"], "hint": phrase.get("hint")})
        return items, choices


@functools.lru_cache(maxsize=1)
def load_all() -> Content:
    return Content()


def given_content(content: Content | None) -> Content:
    """The content a lesson function was handed, or the module's own from data/
    (a notebook cell passes none, so the cells stay one short call)."""
    return content if content is not None else load_all()


def reload() -> Content:
    """Read the files again (after a teacher edits one in an open session)."""
    load_all.cache_clear()
    return load_all()


def as_frame(rows: list[dict[str, Any]], columns: list[str] | None = None):
    """Records as a pandas DataFrame, without the internal row numbers."""
    import pandas as pd

    frame = pd.DataFrame([{k: v for k, v in row.items() if k != "_row"} for row in rows])
    return frame[columns] if columns else frame


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
