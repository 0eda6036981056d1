"""Test-wide set-up, for unit tests and notebooks alike."""

import os
import tempfile

import pytest

# Kernels started by nbval inherit this: notebooks under test never touch a
# real student's answers folder.
_ANSWERS = tempfile.mkdtemp(prefix="syria-lesson-answers-")
os.environ["SYRIA_LESSON_ANSWERS"] = _ANSWERS
os.environ.pop("SYRIA_LESSON_EDITION", None)
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def handouts(tmp_path_factory):
    """All handouts, built once per test run into a temp folder and shared by
    the browser and PDF tests (the instructor edition runs the notebooks)."""
    from syria_lesson import build

    out = tmp_path_factory.mktemp("handouts")
    build.build_handouts(out=out)
    return out


def _is_notebook_item(item) -> bool:
    return type(item).__module__.startswith("nbval")


def pytest_collection_modifyitems(config, items):
    """If the data changed since the notebooks were run, comparing their
    outputs cell by cell would only bury the one thing to do under a wall of
    diffs. Skip those comparisons; tests/test_notebooks_current.py fails with
    the plain instruction instead."""
    from syria_lesson.build import stale_notebooks

    if not stale_notebooks():
        return
    skip = pytest.mark.skip(reason="notebooks are out of date: run `make notebooks` (see the failing test)")
    for item in items:
        if _is_notebook_item(item):
            item.add_marker(skip)
