"""Binder's set-up (binder/) installs the same things as a laptop does."""

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_binder_installs_the_repository_requirements():
    lines = [line.strip() for line in (REPO / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines()]
    # Nothing pinned twice: the root requirements.txt is the single list.
    assert [line for line in lines if line and not line.startswith("#")] == ["-r ../requirements.txt"]
    assert "-e ." in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()


def test_binder_python_is_one_the_package_supports():
    runtime = (REPO / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    major, minor = map(int, re.fullmatch(r"python-(\d+)\.(\d+)", runtime).groups())
    required = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    low = tuple(map(int, re.fullmatch(r">=(\d+)\.(\d+)", required).groups()))
    assert (major, minor) >= low
    assert not (REPO / "runtime.txt").exists(), "repo2docker ignores root files when binder/ exists"
