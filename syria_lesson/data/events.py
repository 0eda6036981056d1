"""``data/events.csv``: the timeline."""

from __future__ import annotations

import datetime as dt

from syria_lesson.core import vocab
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
from syria_lesson.data.misc import load_module

EVENT_COLUMNS = [
    Column("id", ident),
    Column("date", date),
    Column("end_date", date, required=False),
    Column("date_precision", one_of(*vocab.DATE_PRECISIONS.codes)),
    Column("date_kind", one_of(*vocab.DATE_KINDS.codes)),
    Column("title", text(90)),
    Column("summary", text(700)),
    Column("parties", semilist(text(60))),
    Column("category", one_of(*vocab.CATEGORIES.codes)),
    Column("track", one_of(*vocab.TRACKS.codes)),
    Column("article_link", one_of(*vocab.ARTICLE_LINKS.codes)),
    Column("article_paragraph", paragraph, required=False),
    Column("source_title", text(250)),
    Column("source_url", url),
    Column("source_kind", one_of(*vocab.SOURCE_KINDS.codes)),
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
    """When the sources were last searched: the latest day any event row was checked."""
    return max(e["checked"] for e in events)


def latest_event(events: list[dict]) -> dict:
    """The event the timeline ends with: the latest last day (``end_date`` or ``date``)."""
    return max(events, key=lambda e: (date_start(e.get("end_date") or e["date"]), e["id"]))


def latest_event_date(events: list[dict]) -> str:
    """The last day of the latest event, at its source's precision ('2026-03-10', '2026-03')."""
    event = latest_event(events)
    return event.get("end_date") or event["date"]


# -- the events as the lessons number and select them

def number_events(events: list[dict]) -> dict[str, int]:
    """Each event's number in figures and tables (1 = earliest)."""
    return {event["id"]: n for n, event in enumerate(events, start=1)}


def select(events: list[dict], start: str | None = None, end: str | None = None) -> list[dict]:
    lo = date_start(start) if start else dt.date.min
    hi = date_start(end) if end else dt.date.max
    return [e for e in events if lo <= date_start(e["date"]) <= hi]


def relied_on(event: dict) -> bool:
    """Whether the article names or alludes to the event."""
    return event["article_link"] in ("explicit", "allusion")


def explorer_events(name: str, events: list[dict]) -> list[dict]:
    """Every event (core or not) in the period of one of the figures in
    ``data/module.yaml``: before the article, or after it."""
    # Read from module.yaml itself, not from load_all(): the matching question of lesson 02
    # asks for these events while load_all() is still building the content.
    spec = (load_module().get("figures") or {})[name]
    after = bool(spec.get("after_article"))
    return [e for e in select(events, spec.get("start"), spec.get("end")) if (e["article_link"] == "later") == after]
