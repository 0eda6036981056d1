"""The editions: one declared table, read as values.

An edition is what one rendering of the lessons shows: the student handout, the
instructor's copy with our readings, the class-set worksheet. Everything that
differs between editions is an attribute here, so the lessons, the handout
build, the PDF printer and the published site read one row instead of keeping
tables of their own. Adding an edition is adding a row to ``EDITIONS``
(CONTRIBUTING.md, "Add an edition").

A running kernel learns its edition from one place, ``current()``: the handout
build starts kernels with ``SYRIA_LESSON_EDITION`` set; a student's kernel has
none and is the student edition. A name that is not in the table is an error
that lists the names that are, never a silent student edition.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ENV = "SYRIA_LESSON_EDITION"


@dataclass(frozen=True)
class Edition:
    name: str                  # the folder it is built into: build/handouts/<name>/
    label: str                 # printed on every page of it
    shows_readings: bool       # teaching notes, model answers, our reading of every task
    paper: bool                # a class-set worksheet: the tasks only, compact, with room to write
    extension: bool = True     # extension tasks are included (on pages of their own on paper)
    published: str = ""        # how the site and the release name it; "" = never published (teacher only)
    page_budget: int = 60      # most printed pages per lesson handout (A4)
    whole_budget: int = 220    # most printed pages of the all-lessons handout (A4)
    reference_budget: int = 110  # the reference handout: a look-up book, never printed as a class set
    extension_pages: int = 0   # more pages a lesson's extension tasks may take after the core
    letter_extra: int = 0      # more pages allowed on Letter, which is 18 mm shorter than A4
    runs_as: str = ""          # another edition whose notebook run this one shares ("" = its own)
    renderer: str = "handout"  # what builds it: "handout" (build/handouts/<name>/) or "web" (make web)

    @property
    def kernel(self) -> str:
        """The edition a kernel runs as to build this one."""
        return self.runs_as or self.name

    @property
    def from_committed(self) -> bool:
        """Made from the committed notebooks (which are the student edition) without running them."""
        return self.kernel == "student"

    def budget(self, handout: str, whole: str = "all_lessons", reference: str = "reference") -> int:
        if handout == reference:
            return self.reference_budget
        return self.whole_budget if handout == whole else self.page_budget


EDITIONS: dict[str, Edition] = {e.name: e for e in (
    # The full handouts carry every reference table: their budgets only catch a print-CSS regression.
    Edition("student", "Student edition", shows_readings=False, paper=False,
            published="Student handouts (each lesson in full)"),
    Edition("instructor", "Instructor edition (contains model answers)", shows_readings=True, paper=False,
            page_budget=80, whole_budget=330),  # seven lessons, with room for lesson 06's full document set
    # The class set: the core tasks on at most 4 A4 pages a lesson (29 for the seven and the contents page), extension tasks
    # on pages of their own.
    Edition("worksheet", "Worksheet", shows_readings=False, paper=True,
            published="Worksheets (a class set: the tasks, with room to write)",
            page_budget=4, whole_budget=29, extension_pages=3, letter_extra=1),  # lesson 01: 13 extension tasks
    Edition("worksheet-core", "Worksheet, core tasks only", shows_readings=False, paper=True, extension=False,
            published="Worksheets, core tasks only (at most 4 A4 pages a lesson)",
            page_budget=4, whole_budget=29, letter_extra=1, runs_as="worksheet"),
    # Every lesson interactive in a plain browser, offline (build/web.py): the committed notebooks with
    # each question's browser face; our readings sealed until the student's attempt, as in JupyterLab.
    Edition("web", "Web edition", shows_readings=False, paper=False, renderer="web",
            published="Web edition (every lesson interactive in any browser, offline, nothing to install)"),
)}
STUDENT = EDITIONS["student"]


class UnknownEdition(ValueError):
    pass


def get(name: str) -> Edition:
    try:
        return EDITIONS[name]
    except KeyError:
        raise UnknownEdition(f"{name!r} is not an edition; the editions are: {', '.join(EDITIONS)}") from None


def current() -> Edition:
    """The edition this kernel renders: the one place the environment is read."""
    return get(os.environ.get(ENV) or STUDENT.name)


def given(edition: Edition | None) -> Edition:
    """The edition a function was handed, or this kernel's."""
    return edition if edition is not None else current()


def handouts() -> list[Edition]:
    """The editions the handout build renders (the web edition has a builder of its own)."""
    return [e for e in EDITIONS.values() if e.renderer == "handout"]


def published() -> list[Edition]:
    return [e for e in EDITIONS.values() if e.published]
