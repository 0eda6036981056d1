"""What every loader shares: where the files are, and one way to fail."""

from __future__ import annotations

from pathlib import Path

from syria_lesson.core import paths
from syria_lesson.core.validate import DataError, Problem


def data_file(name: str) -> Path:
    return paths.data_dir() / name


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DataError(problems)
