"""The notebooks' fingerprint changes when what they show could change, and only then."""

import shutil

from syria_lesson.build import freshness

MODULE = '''"""A module's docstring."""

def shown(x):
    """Shown to students."""
    # a comment
    return x + 1
'''


def test_a_comment_or_docstring_edit_does_not_change_the_meaning():
    reworded = MODULE.replace("# a comment", "# a better comment").replace("Shown to students.", "Shown to pupils.")
    assert freshness.code_meaning(reworded) == freshness.code_meaning(MODULE)


def test_a_code_edit_does():
    assert freshness.code_meaning(MODULE.replace("x + 1", "x + 2")) != freshness.code_meaning(MODULE)


def test_build_tooling_does_not_count_but_lesson_code_does():
    names = {p.relative_to(freshness.PACKAGE).as_posix() for p in freshness.rendering_modules()}
    assert {"lessons/timeline/__init__.py", "live/questions.py", "kinds/choice.py"} <= names
    assert not any(n.startswith("build/") for n in names) and "teacher/collect.py" not in names


def test_a_data_edit_changes_the_fingerprint(tmp_path, monkeypatch):
    before = freshness.fingerprint()
    copy = shutil.copytree(freshness.paths.data_dir(), tmp_path / "data")
    monkeypatch.setenv("SYRIA_LESSON_DATA", str(copy))
    assert freshness.fingerprint() == before
    glossary = copy / "glossary.csv"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert freshness.fingerprint() != before
