"""The events as tables: one row per event, grouped by thread, with what links
each event to the article (held back where lesson 02 asks students to match)."""

from __future__ import annotations

import datetime as dt

from syria_lesson.core.dates import when
from syria_lesson.core.html import Markup, html, link, table
from syria_lesson.core.validate import date_start
from syria_lesson.core.vocab import ARTICLE_LINKS, CATEGORIES, TRACKS
from syria_lesson.data import Content, given_content
from syria_lesson.data.events import number_events


def _article_date(*, content: Content | None = None) -> dt.date:
    content = given_content(content)
    return date_start(content.article["meta"]["date"])


TABLE_COLUMNS = [("no", "No."), ("when", "Date (which date)"), ("title_html", "Event"),
                 ("track_label", "Track"), ("category_label", "Kind"),
                 ("link_label", "In the article?"), ("source_html", "Source")]


def tests_of(event: dict, predictions: list[dict]) -> str:
    """Which of the article's claims a later event tests: its paragraph, and the
    predictions that list it (``data/predictions.yaml``, where the link is stored)."""
    paragraphs = {event["article_paragraph"]} if event.get("article_paragraph") else set()
    paragraphs |= {p["paragraph"] for p in predictions if event["id"] in (p.get("events") or [])}
    if not paragraphs:
        return ""
    return "; tests paragraph" + ("s " if len(paragraphs) > 1 else " ") + ", ".join(str(n) for n in sorted(paragraphs))


def table_rows(events: list[dict], numbers: dict[str, int], paragraphs: bool = True, *, content: Content | None = None) -> list[dict]:
    """One row per event. ``paragraphs=False`` leaves out which paragraph of the
    article an event is linked to: that link is our reading, which lesson 02
    holds back until the students have matched the phrases themselves."""
    content = given_content(content)
    predictions = content.predictions
    rows = []
    for e in events:
        if not paragraphs:
            para = ""
        elif e["article_link"] == "later":
            para = tests_of(e, predictions)
        else:
            para = f", paragraph {e['article_paragraph']}" if e.get("article_paragraph") else ""
        rows.append({
            "no": numbers[e["id"]],
            "when": when(e),
            "title_html": html("<strong>{}</strong><br>{}", e["title"], e["summary"]),
            "title": e["title"],
            "track_label": TRACKS.label(e["track"]),
            "category_label": CATEGORIES.label(e["category"]),
            "link_label": ARTICLE_LINKS.label(e["article_link"]) + para,
            "source_html": link(e["source_url"], e["source_title"]),
            "source": e["source_title"],
        })
    return rows


def events_table_html(events: list[dict], numbers: dict[str, int], caption: str, paragraphs: bool = True, *,
                      content: Content | None = None) -> Markup:
    return table(table_rows(events, numbers, paragraphs, content=content), TABLE_COLUMNS, caption, css_class="sl-events")


def by_thread_html(events: list[dict], numbers: dict[str, int], caption: str, paragraphs: bool = True, *,
                   content: Content | None = None) -> Markup:
    """The events as one table per thread (track), in the order of vocab.TRACKS."""
    tables = []
    for track, label in TRACKS.labels().items():
        chosen = [e for e in events if e["track"] == track]
        if chosen:
            tables.append(events_table_html(chosen, numbers, f"{caption}: {label} ({len(chosen)})", paragraphs, content=content))
    return Markup("").join(tables)


def events_frame(events: list[dict]):
    """The events as a pandas DataFrame, for students who want to sort and filter in code;
    its index is each event's number in the figures and tables."""
    import pandas as pd

    numbers = number_events(events)
    frame = pd.DataFrame([{
        "no": numbers[e["id"]], "date": e["date"], "date_kind": e["date_kind"], "title": e["title"],
        "track": e["track"], "category": e["category"], "article_link": e["article_link"],
        "paragraph": e.get("article_paragraph"), "source": e["source_title"]} for e in events])
    return frame.set_index("no")
