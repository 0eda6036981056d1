"""Where things live. Every path can be overridden by an environment variable,
so tests and the student release can point the package elsewhere."""

import os
from pathlib import Path

PACKAGE_PARENT = Path(__file__).resolve().parents[2]


def is_module_root(folder: Path) -> bool:
    events = folder / "data" / "events.csv"
    # the student release keeps it sealed (core/sealed.py): its paragraph column answers lesson 02's matching
    return (events.is_file() or events.with_name("events.csv.sealed").is_file()) and (folder / "notebooks").is_dir()


def find_root(start: Path | None = None, package_parent: Path = PACKAGE_PARENT) -> Path:
    """The module's folder: the one that holds data/ and notebooks/.

    The copy the reader works in comes first, found from the working folder
    upward (a notebook's kernel starts in the notebook's folder). That matters
    where the package is installed once and the lessons are copied: on a
    JupyterHub each student's copy sits in their own home, so their answers
    must go there; some repo2docker versions (Binder) install the package
    into site-packages, away from data/. Next comes the folder beside the package
    (a checkout with ``pip install -e .``). SYRIA_LESSON_ROOT overrides both.
    """
    override = os.environ.get("SYRIA_LESSON_ROOT")
    if override:
        return Path(override).resolve()
    try:
        start = (start or Path.cwd()).resolve()
    except OSError:  # the working folder was deleted
        return package_parent
    for folder in (start, *start.parents):
        if is_module_root(folder):
            return folder
    return package_parent


ROOT = find_root()


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
