"""Writing every figure to ``figures/``, with a manifest of their alt text."""

from __future__ import annotations

import json

from syria_lesson.core import paths
from syria_lesson.data import load_all
from syria_lesson.lessons import positions, syria_map
from syria_lesson.lessons.timeline import chart as timeline_figure


def save_figures() -> None:
    content = load_all()
    folder = paths.figures_dir()
    manifest = timeline_figure.save_figures(content.events)
    positions.save_figure(folder)
    manifest["positions"] = {"alt": positions.alt_text()}
    syria_map.save_figure(folder)
    manifest[syria_map.FIGURE_NAME] = {"alt": syria_map.alt_text()}
    (folder / "figures.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
