"""The editions: one table, read as values, and one place that reads the environment."""

import re
from pathlib import Path

import pytest

from syria_lesson.build import pdf
from syria_lesson.build.execute import kernel_env
from syria_lesson.core import editions

PACKAGE = Path(editions.__file__).resolve().parents[1]


def test_a_misspelt_edition_is_an_error_that_lists_the_editions(monkeypatch):
    monkeypatch.setenv(editions.ENV, "instuctor")
    with pytest.raises(editions.UnknownEdition) as error:
        editions.current()
    assert "'instuctor' is not an edition" in str(error.value)
    assert all(name in str(error.value) for name in editions.EDITIONS)


def test_no_edition_set_is_the_student_edition(monkeypatch):
    monkeypatch.delenv(editions.ENV, raising=False)
    assert editions.current() is editions.STUDENT
    monkeypatch.setenv(editions.ENV, "worksheet")
    assert editions.current().paper and not editions.current().shows_readings


def test_the_build_cannot_start_a_kernel_in_an_edition_that_does_not_exist():
    assert kernel_env("/tmp/answers", "worksheet")[editions.ENV] == "worksheet"
    with pytest.raises(editions.UnknownEdition):
        kernel_env("/tmp/answers", "worksheets")


def test_nothing_that_shows_our_readings_is_ever_published():
    assert editions.published()
    assert all(not e.shows_readings for e in editions.published())
    assert "instructor" not in {e.name for e in editions.published()}


def test_an_edition_shares_a_run_only_with_one_that_shows_the_same():
    for edition in editions.EDITIONS.values():
        kernel = editions.get(edition.kernel)
        assert kernel.runs_as == "", edition.name  # one step, never a chain
        assert (kernel.shows_readings, kernel.paper) == (edition.shows_readings, edition.paper), edition.name


def test_the_pdf_budgets_are_the_tables():
    for edition in editions.EDITIONS.values():
        assert pdf.budget(edition.name, "01_the_article") == edition.page_budget
        assert pdf.budget(edition.name, pdf.WHOLE) == edition.whole_budget
    assert pdf.budget("not-an-edition", "01_the_article") is None


def test_the_environment_is_read_in_one_place():
    readers = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        # a read: os.environ.get(...), os.environ[...] or os.getenv(...) of the edition's variable
        if "SYRIA_LESSON_EDITION" in text or re.search(r"(environ\.get\(|environ\[|getenv\()\s*(editions\.)?ENV\b", text):
            readers.append(path.relative_to(PACKAGE).as_posix())
    assert readers == ["core/editions.py"]
