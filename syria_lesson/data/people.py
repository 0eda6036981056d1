"""``data/actors.csv``, ``data/topics.csv`` and ``data/positions.csv``: who
holds which position on which question, and how we know."""

from __future__ import annotations

from syria_lesson.core import vocab
from syria_lesson.core.readers import display_name, read_csv, unique
from syria_lesson.core.validate import Column, Problem, date, ident, one_of, quote_words, semilist, text, url
from syria_lesson.data.article import paragraph, paragraph_count
from syria_lesson.data.common import data_file, raise_if

ACTOR_COLUMNS = [
    Column("id", ident),
    Column("name", text(100)),
    Column("short_name", text(18)),
    Column("group", text(40)),
    Column("kind", one_of(*vocab.ACTOR_KINDS.codes)),
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
    Column("stance_code", one_of(*vocab.STANCES.codes)),
    Column("stance", text(500)),
    Column("basis", one_of(*vocab.BASES.codes)),
    Column("paragraph", paragraph, required=False),
    Column("quote", quote_words, required=False),
    Column("source_title", text(250), required=False),
    Column("source_url", url, required=False),
    Column("source_date", date, required=False),
    Column("note", text(500), required=False),
]


def load_actors() -> list[dict]:
    path = data_file("actors.csv")
    rows, problems = read_csv(path, ACTOR_COLUMNS)
    problems += unique(rows, "id", display_name(path))
    raise_if(problems)
    return rows


def load_topics() -> list[dict]:
    path = data_file("topics.csv")
    rows, problems = read_csv(path, TOPIC_COLUMNS)
    problems += unique(rows, "id", display_name(path))
    raise_if(problems)
    return rows


def check_position(row: dict, name: str) -> list[Problem]:
    where = f"row {row['_row']}"
    basis = row.get("basis")
    problems = []
    if basis in ("article", "article_and_record") and row.get("paragraph") is None:
        problems.append(Problem(name, where, "paragraph", None,
                                f"is empty, but the basis is '{basis}'",
                                f"give the number (1-{paragraph_count()}) of the article paragraph this position "
                                "comes from"))
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
    path = data_file("positions.csv")
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
    raise_if(problems)
    return rows
