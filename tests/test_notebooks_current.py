"""The committed notebooks must have been run on the current data."""

from syria_lesson import build


def test_notebooks_were_run_on_the_current_data():
    stale = build.stale_notebooks()
    assert not stale, build.STALE_MESSAGE.format(names=", ".join(p.name for p in stale))


def test_the_notebooks_are_the_lessons_data_module_yaml_lists_in_order():
    from syria_lesson.data import load_all

    names = [p.stem for p in build.notebooks(include_instructor=False)]
    assert names == [lesson["notebook"] for lesson in load_all().module["lessons"]]
    assert len(names) >= 6
