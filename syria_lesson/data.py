"""Loading the module's content from ``data/`` and checking it.

Each ``load_*`` function returns plain Python records (lists of dicts) and
raises ``DataError`` with every problem it found. ``load_all`` also checks the
references between files (a position's actor must exist, and so on) and is
cached, so a notebook reads each file once however many cells use it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from . import paths
from .validate import (
    Column,
    DataError,
    Invalid,
    Problem,
    check_field,
    date,
    checked_day,
    date_start,
    display_name,
    ident,
    integer,
    one_of,
    paragraph,
    precision_of,
    quote_words,
    read_csv,
    read_yaml,
    semilist,
    text,
    unique,
    url,
)

DATE_PRECISIONS = ("day", "month", "year")
DATE_KINDS = ("signed", "announced", "in_force", "held", "began", "occurred")
CATEGORIES = ("agreement", "ceasefire", "un_resolution", "talks", "military", "bases", "political")
TRACKS = ("us_russia", "un_geneva", "astana", "southwest", "russia_syria", "us_syria", "turkey_kurds",
          "israel_syria", "chemical", "fall_of_assad", "transition", "other")
ARTICLE_LINKS = ("explicit", "allusion", "context", "later")
SOURCE_KINDS = ("primary", "news", "reference")
ACTOR_KINDS = ("state", "state_part", "non_state", "international")
STANCE_CODES = ("supports", "opposes", "conditional", "ambiguous", "not_stated")
BASES = ("article", "record", "article_and_record", "not_stated")
CLAIM_KINDS = ("reported_fact", "interpretation", "prediction", "opinion")
QUESTION_KINDS = ("open", "choice", "scale", "ranking", "selfcheck")
LEVELS = ("recall", "explain", "analyse", "evaluate")
LESSONS = ("00", "01", "02", "03", "04", "05")
VERDICTS = ("right", "wrong", "mixed", "overtaken", "open")

EVENT_COLUMNS = [
    Column("id", ident),
    Column("date", date),
    Column("end_date", date, required=False),
    Column("date_precision", one_of(*DATE_PRECISIONS)),
    Column("date_kind", one_of(*DATE_KINDS)),
    Column("title", text(90)),
    Column("summary", text(700)),
    Column("parties", semilist(text(60))),
    Column("category", one_of(*CATEGORIES)),
    Column("track", one_of(*TRACKS)),
    Column("article_link", one_of(*ARTICLE_LINKS)),
    Column("article_paragraph", paragraph, required=False),
    Column("source_title", text(250)),
    Column("source_url", url),
    Column("source_kind", one_of(*SOURCE_KINDS)),
    Column("verified", text(600)),
    Column("core", one_of("yes", "no")),
    Column("checked", checked_day),
]
ACTOR_COLUMNS = [
    Column("id", ident),
    Column("name", text(100)),
    Column("short_name", text(18)),
    Column("group", text(40)),
    Column("kind", one_of(*ACTOR_KINDS)),
    Column("intro", text(700)),
    Column("in_article", one_of("yes", "no")),
]
TOPIC_COLUMNS = [
    Column("id", ident),
    Column("title", text(30)),
    Column("question", text(200)),
    Column("article_paragraphs", semilist(paragraph), required=False),
]
POSITION_COLUMNS = [
    Column("actor", ident),
    Column("topic", ident),
    Column("stance_code", one_of(*STANCE_CODES)),
    Column("stance", text(500)),
    Column("basis", one_of(*BASES)),
    Column("paragraph", paragraph, required=False),
    Column("quote", quote_words, required=False),
    Column("source_title", text(250), required=False),
    Column("source_url", url, required=False),
    Column("source_date", date, required=False),
    Column("note", text(500), required=False),
]
GLOSSARY_COLUMNS = [
    Column("term", text(60)),
    Column("definition", text(500)),
    Column("used_in", semilist(one_of(*LESSONS))),
    Column("match", text(60), required=False),
    Column("source_title", text(250)),
    Column("source_url", url),
]


def _file(name: str) -> Path:
    return paths.data_dir() / name


def _raise(problems: list[Problem]) -> None:
    if problems:
        raise DataError(problems)


# ---------------------------------------------------------------- events


def check_event(row: dict, name: str) -> list[Problem]:
    """Rules that involve more than one column of an event."""
    where = f"row {row['_row']}"
    problems = []
    when, precision = row.get("date"), row.get("date_precision")
    if when and precision and precision_of(when) != precision:
        problems.append(Problem(name, where, "date_precision", precision,
                                f"does not match the date {when!r}, which is written at "
                                f"{precision_of(when)} precision",
                                "make them agree: YYYY-MM-DD is 'day', YYYY-MM is 'month', YYYY is 'year'"))
    end = row.get("end_date")
    if when and end and date_start(end) < date_start(when):
        problems.append(Problem(name, where, "end_date", end, f"is before the start date {when}",
                                "put the first day in 'date' and the last day in 'end_date'"))
    link, para = row.get("article_link"), row.get("article_paragraph")
    if link in ("explicit", "allusion") and para is None:
        problems.append(Problem(name, where, "article_paragraph", None,
                                f"is empty, but article_link is '{link}'",
                                "give the number (1-17) of the article paragraph that names or alludes to it"))
    return problems


def load_events() -> list[dict]:
    path = _file("events.csv")
    name = display_name(path)
    rows, problems = read_csv(path, EVENT_COLUMNS)
    problems += unique(rows, "id", name)
    for row in rows:
        problems += check_event(row, name)
    _raise(problems)
    return sorted(rows, key=lambda r: (date_start(r["date"]), r["id"]))


# ---------------------------------------------------------------- actors, topics, positions


def load_actors() -> list[dict]:
    path = _file("actors.csv")
    rows, problems = read_csv(path, ACTOR_COLUMNS)
    problems += unique(rows, "id", display_name(path))
    _raise(problems)
    return rows


def load_topics() -> list[dict]:
    path = _file("topics.csv")
    rows, problems = read_csv(path, TOPIC_COLUMNS)
    problems += unique(rows, "id", display_name(path))
    _raise(problems)
    return rows


def check_position(row: dict, name: str) -> list[Problem]:
    where = f"row {row['_row']}"
    basis = row.get("basis")
    problems = []
    if basis in ("article", "article_and_record") and row.get("paragraph") is None:
        problems.append(Problem(name, where, "paragraph", None,
                                f"is empty, but the basis is '{basis}'",
                                "give the number (1-17) of the article paragraph this position comes from"))
    if basis in ("record", "article_and_record"):
        for column in ("source_title", "source_url", "source_date"):
            if row.get(column) is None:
                problems.append(Problem(name, where, column, None, f"is empty, but the basis is '{basis}'",
                                        "give the public source: its title, address and date"))
    if basis == "not_stated" and row.get("stance_code") not in (None, "not_stated"):
        problems.append(Problem(name, where, "stance_code", row["stance_code"],
                                "claims a position, but the basis is 'not_stated'",
                                "use stance_code 'not_stated', or give the article paragraph or a source"))
    if row.get("quote") and basis not in ("article", "article_and_record"):
        problems.append(Problem(name, where, "quote", row["quote"],
                                "quotes the article, but the basis does not include 'article'",
                                "set the basis to 'article' or 'article_and_record', or remove the quote"))
    return problems


def load_positions(actors: list[dict], topics: list[dict]) -> list[dict]:
    path = _file("positions.csv")
    name = display_name(path)
    rows, problems = read_csv(path, POSITION_COLUMNS)
    actor_ids = [a["id"] for a in actors]
    topic_ids = [t["id"] for t in topics]
    seen: dict[tuple, int] = {}
    for row in rows:
        where = f"row {row['_row']}"
        if row.get("actor") and row["actor"] not in actor_ids:
            problems.append(Problem(name, where, "actor", row["actor"], "is not an actor in data/actors.csv",
                                    "use one of: " + ", ".join(actor_ids)))
        if row.get("topic") and row["topic"] not in topic_ids:
            problems.append(Problem(name, where, "topic", row["topic"], "is not a topic in data/topics.csv",
                                    "use one of: " + ", ".join(topic_ids)))
        key = (row.get("actor"), row.get("topic"))
        if key in seen:
            problems.append(Problem(name, where, "topic", row.get("topic"),
                                    f"repeats the cell {key[0]} x {key[1]} (also row {seen[key]})",
                                    "keep one row per actor and topic"))
        seen.setdefault(key, row["_row"])
        problems += check_position(row, name)
    for actor in actor_ids:
        for topic in topic_ids:
            if (actor, topic) not in seen:
                problems.append(Problem(name, "", "", None, f"has no row for actor '{actor}' and topic '{topic}'",
                                        "add a row; if nothing is known, use basis and stance_code 'not_stated'"))
    _raise(problems)
    return rows


# ---------------------------------------------------------------- glossary


def load_glossary() -> list[dict]:
    path = _file("glossary.csv")
    rows, problems = read_csv(path, GLOSSARY_COLUMNS)
    problems += unique(rows, "term", display_name(path))
    _raise(problems)
    return sorted(rows, key=lambda r: r["term"].lower())


# ---------------------------------------------------------------- article outline


def load_article() -> dict:
    path = _file("article.yaml")
    name = display_name(path)
    doc = read_yaml(path)
    problems: list[Problem] = []
    if not isinstance(doc, dict) or not isinstance(doc.get("parts"), list):
        raise DataError([Problem(name, "", "parts", None, "is missing",
                                 "the file needs 'meta:' and a list under 'parts:'")])
    meta = doc.get("meta") or {}
    check_field(problems, name, "meta", meta, "url", url)
    check_field(problems, name, "meta", meta, "date", date)
    total = check_field(problems, name, "meta", meta, "paragraphs", integer(1, 200))
    for number, part in enumerate(doc["parts"], start=1):
        where = f"part {number} (id {part.get('id')!r})"
        check_field(problems, name, where, part, "id", ident)
        check_field(problems, name, where, part, "title", text(80))
        check_field(problems, name, where, part, "summary", text(1200))
        span = part.get("paragraphs")
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(p, int) for p in span)
                and 1 <= span[0] <= span[1]):
            problems.append(Problem(name, where, "paragraphs", span, "is not a range of paragraphs",
                                    "write [first, last], e.g. [5, 6]"))
        for q, quote in enumerate(part.get("quotes") or [], start=1):
            qwhere = f"{where}, quote {q}"
            check_field(problems, name, qwhere, quote, "text", quote_words)
            check_field(problems, name, qwhere, quote, "paragraph", paragraph)
        for c, claim in enumerate(part.get("claims") or [], start=1):
            cwhere = f"{where}, claim {c}"
            check_field(problems, name, cwhere, claim, "text", text(500))
            check_field(problems, name, cwhere, claim, "kind", one_of(*CLAIM_KINDS))
            check_field(problems, name, cwhere, claim, "paragraph", paragraph)
            check_field(problems, name, cwhere, claim, "evidence", text(600))
    if total and not problems:
        problems += check_coverage(doc["parts"], total, name)
    for v, term in enumerate(doc.get("vague_terms") or [], start=1):
        where = f"vague term {v} ({term.get('term')!r})"
        check_field(problems, name, where, term, "term", text(80))
        check_field(problems, name, where, term, "paragraph", paragraph)
        for side in ("washington", "moscow"):
            reading = term.get(side) or {}
            swhere = f"{where}, {side}"
            check_field(problems, name, swhere, reading, "reading", text(800))
            basis = check_field(problems, name, swhere, reading, "basis", one_of("article", "record"))
            if basis == "record":
                check_field(problems, name, swhere, reading, "source_title", text(250))
                check_field(problems, name, swhere, reading, "source_url", url)
                check_field(problems, name, swhere, reading, "source_date", date)
    _raise(problems)
    return doc


def check_coverage(parts: list[dict], total: int, name: str) -> list[Problem]:
    """The parts must cover paragraphs 1..total in order, with no gap or overlap."""
    problems = []
    expected = 1
    for number, part in enumerate(parts, start=1):
        first, last = part["paragraphs"]
        where = f"part {number} (id {part.get('id')!r})"
        if first != expected:
            what = "leaves out" if first > expected else "repeats"
            gap = (f"paragraphs {expected}-{first - 1}" if first > expected
                   else f"paragraphs {first}-{expected - 1}")
            problems.append(Problem(name, where, "paragraphs", part["paragraphs"],
                                    f"starts at {first}, so the outline {what} {gap}",
                                    f"start this part at paragraph {expected}"))
        expected = last + 1
    if expected != total + 1:
        problems.append(Problem(name, "last part", "paragraphs", expected - 1,
                                f"ends the outline at paragraph {expected - 1}, but the article has {total}",
                                f"make the last part end at paragraph {total}"))
    return problems


# ---------------------------------------------------------------- questions


def _options(value: Any) -> list:
    if not isinstance(value, list) or len(value) < 2:
        raise Invalid("needs a list of at least two options", "list the options, one per line, each after '- '")
    return value


def check_question(problems: list[Problem], name: str, number: int, item: Any) -> dict | None:
    if not isinstance(item, dict):
        problems.append(Problem(name, f"question {number}", "", None, "is not a question",
                                "each question starts with '- id:' followed by its fields"))
        return None
    where = f"question {number} (id {item.get('id')!r})"
    check_field(problems, name, where, item, "id", ident)
    check_field(problems, name, where, item, "lesson", one_of(*LESSONS))
    kind = check_field(problems, name, where, item, "kind", one_of(*QUESTION_KINDS))
    check_field(problems, name, where, item, "level", one_of(*LEVELS))
    check_field(problems, name, where, item, "prompt", text(1500))
    if kind in ("choice", "ranking", "selfcheck"):
        options = check_field(problems, name, where, item, "options", _options)
        if kind == "selfcheck" and options:
            texts = []
            for o, option in enumerate(options, start=1):
                owhere = f"{where}, option {o}"
                if not isinstance(option, dict):
                    problems.append(Problem(name, owhere, "", option, "has no feedback",
                                            "write each option as {text: ..., feedback: ...}"))
                    continue
                texts.append(check_field(problems, name, owhere, option, "text", text(300)))
                check_field(problems, name, owhere, option, "feedback", text(800))
            answer = check_field(problems, name, where, item, "answer", text(300))
            if answer and texts and answer not in texts:
                problems.append(Problem(name, where, "answer", answer, "is not one of the options",
                                        "copy the text of the right option exactly"))
        elif options:
            for o, option in enumerate(options, start=1):
                if not isinstance(option, str) or not option.strip():
                    problems.append(Problem(name, f"{where}, option {o}", "", option, "is not text",
                                            "write each option as plain text after '- '"))
    if kind == "scale":
        scale = item.get("scale")
        if not isinstance(scale, dict):
            problems.append(Problem(name, where, "scale", scale, "is missing",
                                    "add scale: {min: 1, max: 5, low: '...', high: '...'}"))
        else:
            low = check_field(problems, name, where, scale, "min", integer(0, 10))
            high = check_field(problems, name, where, scale, "max", integer(1, 10))
            if low is not None and high is not None and low >= high:
                problems.append(Problem(name, where, "scale", scale, "has min not below max",
                                        "make min smaller than max, e.g. 1 and 5"))
    check_field(problems, name, where, item, "lines", integer(1, 30), required=False)
    return item


def load_questions() -> list[dict]:
    path = _file("questions.yaml")
    name = display_name(path)
    doc = read_yaml(path)
    if not isinstance(doc, list):
        raise DataError([Problem(name, "", "", None, "is not a list of questions",
                                 "each question starts with '- id:' at the left margin")])
    problems: list[Problem] = []
    items = [check_question(problems, name, n, item) for n, item in enumerate(doc, start=1)]
    seen: dict[str, int] = {}
    for number, item in enumerate(items, start=1):
        qid = item.get("id") if item else None
        if qid in seen:
            problems.append(Problem(name, f"question {number}", "id", qid,
                                    f"is used twice (also question {seen[qid]})", "give each question its own id"))
        elif qid:
            seen[qid] = number
    _raise(problems)
    return [item for item in items if item]


def load_instructor_notes(questions: list[dict]) -> dict[str, dict]:
    """Teaching notes and model answers, keyed by question id. Empty where the
    file is absent, as it is in the student release."""
    path = paths.instructor_dir() / "notes.yaml"
    if not path.exists():
        return {}
    name = display_name(path)
    doc = read_yaml(path)
    problems: list[Problem] = []
    if not isinstance(doc, dict):
        raise DataError([Problem(name, "", "", None, "is not a mapping of question ids",
                                 "write 'question_id:' at the left margin, then note: and model_answer:")])
    ids = {q["id"] for q in questions}
    for qid, entry in doc.items():
        where = f"entry {qid!r}"
        if qid not in ids and not re.match(r"^lesson_0[0-5]$", str(qid)):
            problems.append(Problem(name, where, "", qid, "is not a question in data/questions.yaml",
                                    "use the id of an existing question, or lesson_00 ... lesson_05 for a lesson note"))
            continue
        if not isinstance(entry, dict):
            problems.append(Problem(name, where, "", None, "has no fields", "add note: and model_answer:"))
            continue
        check_field(problems, name, where, entry, "note", text(3000), required=False)
        check_field(problems, name, where, entry, "model_answer", text(4000), required=False)
    _raise(problems)
    return doc


# ---------------------------------------------------------------- predictions


def load_predictions(event_ids: set[str]) -> list[dict]:
    path = _file("predictions.yaml")
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
        check_field(problems, name, where, item, "verdict", one_of(*VERDICTS))
        check_field(problems, name, where, item, "as_of", date)
        for event in item.get("events") or []:
            if event not in event_ids:
                problems.append(Problem(name, where, "events", event, "is not an event id in data/events.csv",
                                        "use the id of an event in data/events.csv"))
    _raise(problems)
    return doc


# ---------------------------------------------------------------- everything


class Content:
    """All the module's content, loaded and cross-checked."""

    def __init__(self) -> None:
        self.events = load_events()
        self.actors = load_actors()
        self.topics = load_topics()
        self.positions = load_positions(self.actors, self.topics)
        self.glossary = load_glossary()
        self.article = load_article()
        self.questions = load_questions()
        self.predictions = load_predictions({e["id"] for e in self.events})

    def question(self, qid: str) -> dict:
        for item in self.questions:
            if item["id"] == qid:
                return item
        raise KeyError(f"No question with id {qid!r} in data/questions.yaml")

    def actor(self, actor_id: str) -> dict:
        return next(a for a in self.actors if a["id"] == actor_id)

    def topic(self, topic_id: str) -> dict:
        return next(t for t in self.topics if t["id"] == topic_id)

    def position(self, actor_id: str, topic_id: str) -> dict:
        return next(p for p in self.positions if p["actor"] == actor_id and p["topic"] == topic_id)


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
