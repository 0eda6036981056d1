"""Fixtures that several test modules share."""

import pytest

from syria_lesson import build
from syria_lesson.live import session


@pytest.fixture(scope="session")
def handouts(tmp_path_factory):
    """Every edition's handouts, built once per test session (the instructor
    and worksheet editions run the notebooks)."""
    out = tmp_path_factory.mktemp("handouts")
    build.build_handouts(out=out)
    return out


@pytest.fixture
def kernel(tmp_path, monkeypatch):
    """A fresh kernel's session (no student yet), saving into a temporary answers folder."""
    monkeypatch.setenv("SYRIA_LESSON_ANSWERS", str(tmp_path))
    fresh = session.Session()
    monkeypatch.setattr(session, "SESSION", fresh)
    return fresh


@pytest.fixture
def student(kernel):
    """A fresh kernel's session with a student started, as after they type their name."""
    kernel.start("Tess")
    return kernel
