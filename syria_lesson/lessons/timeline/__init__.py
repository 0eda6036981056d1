"""The timeline (lessons 02 and 05): the events of ``data/events.csv`` as a
table grouped by thread, and an explorer widget whose static face is the full
table. This module holds what a notebook calls; the tables are built in
``table``, the figures drawn in ``figure``, and the explorer and lesson 02's
reading of the phrases are in ``explore``."""

from __future__ import annotations

from syria_lesson.core import paths
from syria_lesson.core.display import show_html, show_saved
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import plain_table
from syria_lesson.data import Content, given_content
from syria_lesson.data.events import number_events
from syria_lesson.lessons.timeline.chart import alt_text, figure, figure_events, figure_key, figures
from syria_lesson.lessons.timeline.explore import after_matching as show_after
from syria_lesson.lessons.timeline.explore import explorer as show_explorer
from syria_lesson.lessons.timeline.table import TABLE_COLUMNS, events_frame, events_table_html, table_rows

# What a notebook calls, and the table's parts that a student may use in code.
__all__ = ["show_timeline", "explorer", "after_matching", "show_events_table",
           "TABLE_COLUMNS", "events_frame", "events_table_html", "table_rows"]

# ---------------------------------------------------------------- in the notebook


def show_timeline(name: str = "timeline_2012_2018", *, content: Content | None = None) -> None:
    """One of the timeline figures (``data/module.yaml``), with its alt text."""
    content = given_content(content)
    events = content.events
    numbers = number_events(events)
    chosen = figure_events(name, events, content=content)
    title = figures(content=content)[name]["title"]
    show_saved(paths.figures_dir() / f"{name}.png", figure_key(chosen, numbers, title),
               lambda: figure(chosen, numbers, title, content=content)[0], alt_text(chosen, numbers, title, content=content),
               caption=f"Figure: {title}. Numbers refer to the event table.")


def explorer(name: str, hold_back: str | None = None, *, content: Content | None = None, edition: Edition | None = None) -> None:
    """Filter the events of one period (named as its figure is) by track, kind,
    years and link to the article, and read one event in full; the static face
    is the full table, by thread. With ``hold_back`` (a question id), the
    article paragraph each event is linked to stays out until that question is
    answered (see ``timeline_explorer``)."""
    show_explorer(name, hold_back, content=content, edition=edition)


def after_matching(question_id: str, *, content: Content | None = None, edition: Edition | None = None) -> None:
    """Our matching of the article's phrases to the events, shown once the
    student has answered the matching question (lesson 02)."""
    show_after(question_id, content=content, edition=edition)


def show_events_table(later: bool = False, *, content: Content | None = None) -> None:
    content = given_content(content)
    all_events = content.events
    numbers = number_events(all_events)
    events = [e for e in all_events if (e["article_link"] == "later") == later]
    caption = "Events after the article" if later else "Events up to the Sochi congress"
    show_html(events_table_html(events, numbers, caption, content=content),
              plain_table(table_rows(events, numbers, content=content), [("no", "No."), ("when", "Date"), ("title", "Event")]))
