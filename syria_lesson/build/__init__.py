"""Building the module: re-running notebooks, figures, handouts, the student release.

    python -m syria_lesson.build notebooks      # after editing data/: re-run and save every notebook
    python -m syria_lesson.build figures        # redraw figures/ from the data
    python -m syria_lesson.build handouts       # HTML handouts: student, instructor and worksheet editions
    python -m syria_lesson.build worksheets     # the worksheets only: all tasks, and core tasks only
    python -m syria_lesson.build release        # the student release folder
    python -m syria_lesson.build web            # the web edition: every lesson interactive in a browser, offline
    python -m syria_lesson.build docs           # the lesson plan and lesson tables in README and docs/
    python -m syria_lesson.build lms|slides|docx  # the teacher's formats: LMS packages, decks, Word worksheets
    python -m syria_lesson.build teacher-pack   # those and the instructor PDFs in one zip (after make pdf)
    python -m syria_lesson.build check-current  # are the notebooks current with the data?
    python -m syria_lesson.build check          # every content file, checked: all its problems, or the counts
    python -m syria_lesson.build new-lesson 06 "Title"  # a new, empty, valid lesson: data files and notebook

The Makefile wraps each of these (``make notebooks`` and so on). One module
per job: ``freshness``, ``execute``, ``figures``, ``handouts``, ``release``,
``check`` (the content), ``scaffold`` (a new lesson), ``web`` (the web edition).
"""

from __future__ import annotations

from pathlib import Path

from syria_lesson.build.execute import client, execute, execute_all, strip_widget_views
from syria_lesson.build.execute import run_notebooks as run
from syria_lesson.build.figures import save_figures
from syria_lesson.build.freshness import STALE_MESSAGE, fingerprint
from syria_lesson.build.freshness import stale_notebooks as _stale
from syria_lesson.build.handouts import build_handouts as build
from syria_lesson.build.handouts import handout_html
from syria_lesson.build.release import build_release as _release
from syria_lesson.core import paths
from syria_lesson.core.editions import get, handouts

ROOT = paths.ROOT
BUILD = ROOT / "build"

__all__ = ["notebooks", "stale_notebooks", "fingerprint", "execute", "execute_all", "client", "strip_widget_views",
           "save_figures", "run_notebooks", "build_handouts", "handout_html", "build_release", "STALE_MESSAGE"]


REFERENCE = ROOT / "notebooks" / "reference.ipynb"  # the look-up notebook: not a lesson, not on a worksheet


def notebooks(include_instructor: bool = True, include_reference: bool = False) -> list[Path]:
    """The lessons in order; then, if asked, the reference; then the instructor's notebooks."""
    found = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if include_reference and REFERENCE.exists():
        found.append(REFERENCE)
    if include_instructor:
        found += sorted((ROOT / "instructor").glob("*.ipynb"))
    return found


def stale_notebooks() -> list[Path]:
    return _stale(notebooks(include_reference=True))


def run_notebooks() -> None:
    run(notebooks(include_reference=True))


def build_handouts(out: Path | None = None, editions: tuple[str, ...] | None = None) -> list[Path]:
    return build(lambda edition: notebooks(include_instructor=get(edition).shows_readings,
                                           include_reference=not get(edition).paper), out or BUILD / "handouts",
                 editions or tuple(e.name for e in handouts()))


def build_release(out: Path | None = None) -> Path:
    return _release(out or BUILD / "student-release")
