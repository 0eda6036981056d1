"""Fixtures that several test modules share."""

from pathlib import Path

import browser_checks as bc
import pytest
from checkout_guard import changes, snapshot

from syria_lesson import build
from syria_lesson.build import web
from syria_lesson.data import load_all
from syria_lesson.live import session

CHECKOUT = Path(__file__).resolve().parents[1]


def _is_fast(item) -> bool:
    """What `make test-fast` runs: not slow, not browser, not a notebook."""
    return (item.get_closest_marker("slow") is None and item.get_closest_marker("browser") is None
            and not type(item).__module__.startswith("nbval"))


@pytest.fixture(scope="session", autouse=True)
def fast_tests_write_nothing_into_the_checkout(request):
    """A run of fast tests only (`make test-fast`, or any part of it) must leave
    the checkout as it found it: tests write into tmp_path. Slow runs build
    into build/ on purpose (the browser tests' screenshots), so they are not checked."""
    if not all(_is_fast(item) for item in request.session.items):
        yield
        return
    before = snapshot(CHECKOUT)
    yield
    left = changes(before, snapshot(CHECKOUT))
    assert not left, ("the tests wrote into the checkout (write into tmp_path instead):\n  "
                      + "\n  ".join(left[:40]))


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


@pytest.fixture(scope="module")
def browser():
    """One Chromium, driven from a thread of its own, for every test of a module that asks for it (a
    module with its own ``browser`` fixture, as the handout tests have, keeps its own). Module-scoped:
    a session-wide one leaks a running event loop into later modules' widgets."""
    thread = bc.BrowserThread()
    yield thread
    thread.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The web edition (``make web``), lessons and reference, built once for each module of web tests
    (a module with a ``site`` of its own, as the JupyterLite tests have, keeps its own)."""
    out = tmp_path_factory.mktemp("web") / "web"
    web.build_web(out, build.notebooks(include_instructor=False, include_reference=True))
    return out


@pytest.fixture(scope="module")
def content():
    """The module's content, loaded once for each module of tests that asks for it."""
    return load_all()
