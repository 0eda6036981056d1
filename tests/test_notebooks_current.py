"""The committed notebooks must have been run on the current data."""

from syria_lesson import build


def test_notebooks_were_run_on_the_current_data():
    stale = build.stale_notebooks()
    assert not stale, build.STALE_MESSAGE.format(names=", ".join(p.name for p in stale))


def test_every_lesson_notebook_exists_in_teaching_order():
    names = [p.stem for p in build.notebooks(include_instructor=False)]
    assert names == ["00_start_here", "01_the_article", "02_timeline", "03_actors_and_positions",
                     "04_discussion", "05_what_happened_next"]
