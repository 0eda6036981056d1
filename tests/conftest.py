"""Fixtures that several test modules share."""

import pytest

from syria_lesson import build


@pytest.fixture(scope="session")
def handouts(tmp_path_factory):
    """Every edition's handouts, built once per test session (the instructor
    and worksheet editions run the notebooks)."""
    out = tmp_path_factory.mktemp("handouts")
    build.build_handouts(out=out)
    return out
