"""Lesson functions take the content and the edition as arguments: a cell that
passes none gets the module's own, and a caller that passes them is never
overruled by load_all() or the environment."""

import copy

import pytest

import syria_lesson.data as data
from syria_lesson.core import display, editions
from syria_lesson.lessons import lesson, reference, timeline
from syria_lesson.lessons.article import statement
from syria_lesson.lessons.forecasts import epilogue
from syria_lesson.lessons.positions import cells


@pytest.fixture
def shown(monkeypatch):
    pages = []
    monkeypatch.setattr(display, "display", lambda obj, raw=False, **kw: pages.append(str(obj)))
    return pages


@pytest.fixture
def own_content(monkeypatch):
    """A changed copy of the content; load_all() itself refuses, so any call that
    does not pass the content on fails."""
    content = copy.copy(data.load_all())
    content.events = [dict(e) for e in content.events]
    content.events[0]["title"] = "An event only this copy has"
    content.module = {**content.module, "compelling_question": "A question only this copy asks?"}

    def refuse():
        raise AssertionError("load_all() was called although the content was passed in")

    monkeypatch.setattr(data, "load_all", refuse)
    return content


def test_the_events_table_shows_the_content_it_is_given(shown, own_content):
    timeline.show_events_table(content=own_content)
    assert "An event only this copy has" in shown[-1]


def test_the_lesson_header_and_map_read_the_content_they_are_given(shown, own_content):
    lesson.header("01", content=own_content)
    assert "A question only this copy asks?" in shown[-1]
    lesson.module_map(content=own_content)
    reference.glossary("01", content=own_content)
    reference.sources("01", content=own_content)
    assert len(shown) == 4


def test_a_cell_that_passes_nothing_gets_the_modules_own_content(shown):
    timeline.show_events_table()
    assert data.load_all().events[0]["title"] in shown[-1]


def test_the_edition_passed_in_wins_over_the_environment(monkeypatch, shown):
    monkeypatch.setenv(editions.ENV, "student")
    statement.show(edition=editions.get("worksheet"))
    on_paper = shown[-1]
    statement.show(edition=editions.get("student"))
    assert on_paper != shown[-1]
    instructor = cells.hidden_cells("03", edition=editions.get("instructor"))
    student = cells.hidden_cells("03", edition=editions.get("student"))
    assert instructor == {} and student


def test_the_verdict_sheet_is_paper_only_whatever_the_environment_says(monkeypatch, shown):
    monkeypatch.setenv(editions.ENV, "worksheet")
    epilogue.verdict_sheet(edition=editions.get("student"))
    assert shown == []
    monkeypatch.setenv(editions.ENV, "student")
    epilogue.verdict_sheet(edition=editions.get("worksheet"))
    assert len(shown) == 1
