"""The student release: everything a student needs and nothing only a teacher
should see (no ``instructor/``), ready to be a repository of its own that
Binder or nbgitpuller links can open."""

from __future__ import annotations

import shutil
from pathlib import Path

from syria_lesson.core import paths, sealed

RELEASE_GITIGNORE = """.venv/
__pycache__/
*.egg-info/
.ipynb_checkpoints/
# Students' answers stay on their machine.
notebooks/answers/
"""
TOP_FILES = ("requirements.txt", "pyproject.toml", "LICENSE", "LICENSE-CONTENT.md")
# The data files that hold answers, readings or outcomes a lesson reveals only after an attempt: the
# release keeps them sealed (core/sealed.py), so that no student reads an answer key at a glance.
SEALED = ("questions/*.yaml", "article.yaml", "key_terms.yaml", "positions.csv", "predictions.yaml",
          "forecasts.yaml", "events.csv", "lateral_reading.yaml", "corroboration.yaml", "roles.yaml")


def build_release(out: Path) -> Path:
    root = paths.ROOT
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copytree(root / "notebooks", out / "notebooks", ignore=shutil.ignore_patterns("answers", ".ipynb_checkpoints"))
    for name in ("data", "figures", "binder", "jupyterlab-settings"):  # the last: JupyterLab without news prompts
        shutil.copytree(root / name, out / name)
    for pattern in SEALED:
        for path in sorted((out / "data").glob(pattern)):
            sealed.seal_file(path)
    shutil.copytree(root / "syria_lesson", out / "syria_lesson", ignore=shutil.ignore_patterns("__pycache__"))
    for name in TOP_FILES:
        if (root / name).exists():
            shutil.copy2(root / name, out / name)
    shutil.copy2(root / "docs" / "STUDENT_README.md", out / "README.md")
    (out / ".gitignore").write_text(RELEASE_GITIGNORE, encoding="utf-8")
    print(f"Student release written to {out}")
    return out
