"""``data/events.csv``: the timeline."""

from __future__ import annotations

from syria_lesson.core.readers import display_name, read_csv, unique
from syria_lesson.core.validate import (
    Column,
    Problem,
    checked_day,
    date,
    date_start,
    ident,
    one_of,
    precision_of,
    semilist,
    text,
    url,
)
from syria_lesson.data.article import paragraph, paragraph_count
from syria_lesson.data.common import data_file, raise_if

DATE_PRECISIONS = ("day", "month", "year")
DATE_KINDS = ("signed", "announced", "in_force", "held", "began", "occurred")
CATEGORIES = ("agreement", "ceasefire", "un_resolution", "talks", "military", "bases", "political")
TRACKS = ("us_russia", "un_geneva", "astana", "southwest", "russia_syria", "us_syria", "turkey_kurds",
          "israel_syria", "chemical", "fall_of_assad", "transition", "other")
ARTICLE_LINKS = ("explicit", "allusion", "context", "later")
SOURCE_KINDS = ("primary", "news", "reference")

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
                                f"give the number (1-{paragraph_count()}) of the article paragraph that names or "
                                "alludes to it"))
    return problems


def load_events() -> list[dict]:
    path = data_file("events.csv")
    name = display_name(path)
    rows, problems = read_csv(path, EVENT_COLUMNS)
    problems += unique(rows, "id", name)
    for row in rows:
        problems += check_event(row, name)
    raise_if(problems)
    return sorted(rows, key=lambda r: (date_start(r["date"]), r["id"]))


def record_checked(events: list[dict]) -> str:
    """The record's cut-off: the latest day any event row was checked."""
    return max(e["checked"] for e in events)
