"""A lesson shows the figure that `make figures` saved when figures/ is
current (the same picture, without matplotlib in the student's kernel), and
draws it again when it is not."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from syria_lesson.core import display, paths
from syria_lesson.data import load_all
from syria_lesson.data.events import number_events
from syria_lesson.lessons import syria_map
from syria_lesson.lessons.positions import figure as positions_figure
from syria_lesson.lessons.timeline import chart as timeline_figure

ROOT = Path(__file__).resolve().parents[1]

SHOW = """
import json, sys
from IPython import display as ipd
shown = []
ipd.display = lambda obj, raw=False, metadata=None: shown.append(obj)
from syria_lesson.lessons import syria_map, timeline
from syria_lesson.lessons.positions import figure as positions_figure
timeline.show_timeline("timeline_2012_2018")
timeline.show_timeline("timeline_after_2017")
positions_figure.show_figure_matrix()
syria_map.show_map()
print(json.dumps({"matplotlib": "matplotlib" in sys.modules,
                  "texts": [o["text/plain"] for o in shown if "image/png" in o]}))
"""


def show_in_a_fresh_process(figures: Path) -> dict:
    env = {"SYRIA_LESSON_FIGURES": str(figures), "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"}
    result = subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_saved_figures_name_what_they_were_drawn_from():
    content = load_all()
    numbers = number_events(content.events)
    for name, spec in timeline_figure.figures().items():
        chosen = timeline_figure.figure_events(name, content.events)
        saved = Image.open(paths.figures_dir() / f"{name}.png")
        assert saved.text.get(display.FIGURE_KEY) == timeline_figure.figure_key(chosen, numbers, spec["title"]), \
            f"run `make figures`: figures/{name}.png is not current"
    assert Image.open(paths.figures_dir() / "positions.png").text.get(display.FIGURE_KEY) == positions_figure.figure_key()
    saved_map = Image.open(paths.figures_dir() / f"{syria_map.FIGURE_NAME}.png")
    assert saved_map.text.get(display.FIGURE_KEY) == syria_map.figure_key()


def test_a_current_figure_is_shown_without_matplotlib():
    shown = show_in_a_fresh_process(paths.figures_dir())
    assert shown["matplotlib"] is False
    assert len(shown["texts"]) == 4 and all(t.startswith("[Figure] ") for t in shown["texts"])


@pytest.mark.slow  # two fresh Python processes that draw every figure with matplotlib (6 s)
def test_a_stale_figure_is_drawn_again(tmp_path):
    for path in paths.figures_dir().glob("*.png"):
        image = Image.open(path)
        image.save(tmp_path / path.name)  # the same picture, without its drawn-from note: as if stale
    shown = show_in_a_fresh_process(tmp_path)
    assert shown["matplotlib"] is True and len(shown["texts"]) == 4
    assert shown["texts"] == show_in_a_fresh_process(paths.figures_dir())["texts"]  # same alt text either way


def test_the_saved_figure_is_shown_at_the_size_a_drawn_one_has():
    import matplotlib

    matplotlib.use("Agg")
    content = load_all()
    numbers = number_events(content.events)
    name, spec = next(iter(timeline_figure.figures().items()))
    chosen = timeline_figure.figure_events(name, content.events)
    fig, _ = timeline_figure.figure(chosen, numbers, spec["title"])
    drawn = Image.open(io.BytesIO(display.figure_png(fig)))
    saved = Image.open(io.BytesIO(display.saved_png(paths.figures_dir() / f"{name}.png",
                                                    timeline_figure.figure_key(chosen, numbers, spec["title"]))))
    assert abs(drawn.width - saved.width) <= 20 and abs(drawn.height - saved.height) <= 20
    assert saved.mode == "P"  # a palette PNG, as small as a drawn one
