"""The module's folder is found where the reader works, however the package was installed."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from syria_lesson.core import paths

REPO = Path(__file__).resolve().parents[1]


def make_module_copy(folder: Path) -> Path:
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "events.csv").write_text("id\n", encoding="utf-8")
    (folder / "notebooks").mkdir()
    return folder


def test_the_copy_around_the_working_folder_wins(tmp_path, monkeypatch):
    monkeypatch.delenv("SYRIA_LESSON_ROOT", raising=False)
    student = make_module_copy(tmp_path / "home" / "ana" / "lesson")
    found = paths.find_root(student / "notebooks", package_parent=tmp_path / "elsewhere")
    assert found == student.resolve()


def test_outside_any_copy_the_folder_beside_the_package_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("SYRIA_LESSON_ROOT", raising=False)
    (tmp_path / "notebooks").mkdir()  # a notebooks/ folder alone is not the module
    assert paths.find_root(tmp_path / "notebooks", package_parent=REPO) == REPO


def test_the_environment_variable_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("SYRIA_LESSON_ROOT", str(tmp_path))
    assert paths.find_root(REPO / "notebooks") == tmp_path.resolve()


def test_a_package_installed_away_from_the_data_still_finds_the_lessons(tmp_path):
    # What Binder's repo2docker does for a repository with pyproject.toml: `pip install .`
    # copies the package into site-packages. Simulated by a copy of the package on PYTHONPATH,
    # with the kernel's working folder (the notebook's folder) in a student's own copy.
    site = tmp_path / "site-packages"
    shutil.copytree(REPO / "syria_lesson", site / "syria_lesson", ignore=shutil.ignore_patterns("__pycache__"))
    student = tmp_path / "home" / "lesson"
    shutil.copytree(REPO / "data", student / "data")
    (student / "notebooks").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYRIA_LESSON_")}
    env["PYTHONPATH"] = str(site)
    code = ("from syria_lesson import data\nfrom syria_lesson.core import paths\n"
            "print(paths.__file__); print(paths.ROOT); print(paths.answers_dir()); print(len(data.load_all().events))")
    result = subprocess.run([sys.executable, "-c", code],
                            cwd=student / "notebooks", env=env, capture_output=True, text=True, check=True)
    module, root, answers, events = result.stdout.split()
    assert Path(module).is_relative_to(site)  # the copy, not the editable install
    assert Path(root) == student.resolve()
    assert Path(answers) == student.resolve() / "notebooks" / "answers"
    assert int(events) > 0
