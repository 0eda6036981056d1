"""Where things live. Every path can be overridden by an environment variable,
so tests and the student release can point the package elsewhere."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


def data_dir() -> Path:
    return _env_path("SYRIA_LESSON_DATA", ROOT / "data")


def instructor_dir() -> Path:
    return _env_path("SYRIA_LESSON_INSTRUCTOR", ROOT / "instructor")


def answers_dir() -> Path:
    return _env_path("SYRIA_LESSON_ANSWERS", ROOT / "notebooks" / "answers")


def figures_dir() -> Path:
    return _env_path("SYRIA_LESSON_FIGURES", ROOT / "figures")


def notebooks_dir() -> Path:
    return ROOT / "notebooks"


def edition() -> str:
    """'student' (the default) or 'instructor'. Only the handout build sets
    'instructor'; committed notebooks are always the student edition."""
    value = os.environ.get("SYRIA_LESSON_EDITION", "student")
    return "instructor" if value == "instructor" else "student"
