"""The check in tests/conftest.py that a fast run writes nothing into the
checkout can see a write: a new file, a changed one, a removed one, a new folder."""

import os

from checkout_guard import changes, snapshot


def test_the_guard_sees_new_changed_and_removed_files_and_ignores_bytecode(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kept.csv").write_text("a\n", encoding="utf-8")
    (tmp_path / "data" / "edited.csv").write_text("a\n", encoding="utf-8")
    (tmp_path / "data" / "gone.csv").write_text("a\n", encoding="utf-8")
    before = snapshot(tmp_path)
    assert changes(before, snapshot(tmp_path)) == []

    edited = tmp_path / "data" / "edited.csv"
    edited.write_text("b\n", encoding="utf-8")
    os.utime(edited, ns=(0, before["data/edited.csv"][1] + 1))  # a later time, whatever the clock's resolution
    (tmp_path / "data" / "gone.csv").unlink()
    (tmp_path / "build" / "hub-image").mkdir(parents=True)
    (tmp_path / "figures.png").write_bytes(b"png")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.pyc").write_bytes(b"")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "installed").write_text("", encoding="utf-8")

    assert changes(before, snapshot(tmp_path)) == [
        "new: build/", "new: build/hub-image/", "changed: data/edited.csv", "removed: data/gone.csv",
        "new: figures.png"]
