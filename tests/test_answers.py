"""Nothing a student writes is lost, and nothing a student types is trusted."""

import json
import multiprocessing
import os

import pytest

from syria_lesson.core import dates
from syria_lesson.live import answers, exports, files, worksheet

UNICODE = "سوريا — Сирия — 🇸🇾 «ответ» \u200f"


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "answers"


def test_saved_answers_survive_a_restart(folder):
    book = answers.AnswerBook("Ana López", folder)
    book.save("d04_essay", "First thoughts")
    again = answers.AnswerBook("Ana López", folder)  # a new kernel reads the file again
    assert again.get("d04_essay") == "First thoughts"
    assert again.saved_at("d04_essay") is not None


@pytest.mark.parametrize("text", ["", "x" * 200_000, UNICODE, "line one\nline two\r\n\ttab", "<b>bold</b> *md*"])
def test_text_is_kept_exactly(folder, text):
    answers.AnswerBook("Sam", folder).save("q", text)
    assert answers.AnswerBook("Sam", folder).get("q") == text


@pytest.mark.parametrize("name", ["../../x", "..", "/etc/passwd", "CON", "nul", "a/b\\c", "C:\\temp\\x",
                                  "Ahmad أحمد", "Мария", "", "   "])
def test_names_never_escape_the_folder(folder, name):
    if not name.strip():
        with pytest.raises(ValueError, match="type your name"):
            answers.AnswerBook(name, folder)
        return
    book = answers.AnswerBook(name, folder)
    book.save("q", "safe")
    assert book.path.parent == folder
    assert book.path.name.endswith(".json") and book.path.name.count(".") == 1
    stem = book.path.stem
    assert stem.upper() not in {"CON", "NUL", "PRN", "AUX"}
    assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in stem)
    assert sorted(p.parent for p in folder.rglob("*")) == [folder] * len(list(folder.rglob("*")))


def test_different_names_get_different_files(folder):
    names = ["Мария", "Мариям", "أحمد", "Ahmad", "ahmad!", "Ahmad?"]
    stems = {answers.file_stem(n) for n in names}
    assert len(stems) == len(names)
    assert answers.file_stem("Ahmad") == answers.file_stem("  ahmad ")  # same person, same file


def test_a_crash_in_the_middle_of_a_write_keeps_the_old_file(folder, monkeypatch):
    book = answers.AnswerBook("Lee", folder)
    book.save("q", "version one")
    before = book.path.read_bytes()

    def crash(fd):
        raise OSError("power cut")

    monkeypatch.setattr(answers.os, "fsync", crash)
    with pytest.raises(OSError, match="power cut"):
        book.save("q", "version two")
    assert book.path.read_bytes() == before
    assert not [p for p in folder.iterdir() if p.suffix == ".tmp"]  # no half-written leftovers
    monkeypatch.undo()
    assert answers.AnswerBook("Lee", folder).get("q") == "version one"


def _killed_mid_write(folder):
    """Runs in a child process that dies (no clean-up at all) while writing."""
    book = answers.AnswerBook("Kim", folder)
    original = answers.os.replace

    def die(src, dst):
        if str(dst).endswith("json"):
            os._exit(9)
        return original(src, dst)

    answers.os.replace = die
    book.save("q", "never finished")


def test_a_process_killed_mid_write_loses_nothing(folder):
    answers.AnswerBook("Kim", folder).save("q", "kept")
    child = multiprocessing.get_context("fork").Process(target=_killed_mid_write, args=(folder,))
    child.start()
    child.join(30)
    assert child.exitcode == 9
    assert answers.AnswerBook("Kim", folder).get("q") == "kept"


def test_the_previous_version_is_kept_as_a_backup(folder):
    book = answers.AnswerBook("Jo", folder)
    book.save("q", "one")
    book.save("q", "two")
    backup = json.loads(book.backup.read_text(encoding="utf-8"))
    assert backup["answers"]["q"]["value"] == "one"
    assert answers.AnswerBook("Jo", folder).get("q") == "two"


@pytest.mark.parametrize("garbage", [b"{not json", b"", b"\xff\xfe\x00", b'{"format": "other"}',
                                     b'{"format": "syria-lesson-answers", "answers": {"q": 3}}'])
def test_a_corrupt_file_is_moved_aside_never_overwritten(folder, garbage):
    book = answers.AnswerBook("Ines", folder)
    book.save("q", "good")
    book.save("q", "better")
    book.path.write_bytes(garbage)
    reopened = answers.AnswerBook("Ines", folder)
    aside = list(folder.glob("*.unreadable-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage  # kept exactly, for the teacher
    assert "was damaged" in reopened.warning and aside[0].name in reopened.warning
    assert reopened.get("q") == "good"  # restored from the backup
    reopened.save("q2", "more")
    assert aside[0].read_bytes() == garbage


def test_two_notebooks_open_at_once_do_not_clobber_each_other(folder):
    first = answers.AnswerBook("Pat", folder)  # notebook 01
    second = answers.AnswerBook("Pat", folder)  # notebook 04, opened at the same time
    first.save("a", "from notebook 01")
    second.save("b", "from notebook 04")
    first.save("c", "later in notebook 01")
    assert answers.AnswerBook("Pat", folder).all() == {
        "a": "from notebook 01", "b": "from notebook 04", "c": "later in notebook 01"}


def _save_many(folder, prefix):
    book = answers.AnswerBook("Crowd", folder)
    for n in range(40):
        book.save(f"{prefix}{n}", n)


def test_concurrent_processes_keep_every_answer(folder):
    answers.AnswerBook("Crowd", folder)
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_save_many, args=(folder, p)) for p in "xyz"]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert len(answers.AnswerBook("Crowd", folder).all()) == 120


def test_the_current_student_is_remembered(folder):
    assert answers.current_student(folder) is None
    answers.remember_student("  Ana\u0000 López ", folder)
    assert answers.current_student(folder) == "Ana López"


QUESTIONS = [
    {"id": "q_open", "lesson": "04", "kind": "open", "level": "evaluate", "prompt": "Was the author right? <i>Explain</i>"},
    {"id": "q_scale", "lesson": "04", "kind": "scale", "level": "evaluate", "prompt": "How optimistic?",
     "scale": {"min": 1, "max": 5, "low": "not", "high": "very"}},
    {"id": "q_rank", "lesson": "04", "kind": "ranking", "level": "analyse", "prompt": "Rank", "options": ["a", "b"]},
]
MODULE = {"title": "A module", "lessons": [{"id": "04", "title": "Discussion <b>"}]}


def test_export_escapes_student_html_and_markdown_and_shows_no_ids(folder):
    book = answers.AnswerBook("<script>alert(1)</script>", folder)
    book.save("q_open", "<script>steal()</script> **bold** [link](http://evil) " + UNICODE)
    book.save("q_scale", {"score": 4, "reason": "<img src=x onerror=alert(1)>"})
    page, md, data = exports.export(book, QUESTIONS, MODULE)
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;steal()&lt;/script&gt;" in html and UNICODE.strip() in html
    assert "&lt;i&gt;Explain&lt;/i&gt;" in html and "Discussion &lt;b&gt;" in html  # question text is escaped too
    text = md.read_text(encoding="utf-8")
    assert "<script>" not in text and "\\*\\*bold\\*\\*" in text and "\\[link\\]" in text
    assert "4 / 5" in text and "(not answered)" in text
    assert "Question 1" in text and "Question 3" in text
    for qid in ("q_open", "q_scale", "q_rank"):  # no internal id where a student or teacher reads
        assert qid not in html and qid not in text
    assert md.parent == folder / "export"
    doc = json.loads(data.read_text(encoding="utf-8"))
    assert doc["format"] == "syria-lesson-export" and doc["student"] == "<script>alert(1)</script>"
    assert doc["answers"]["q_scale"]["value"] == {"score": 4, "reason": "<img src=x onerror=alert(1)>"}
    assert doc["answers"]["q_scale"]["answered"] and doc["answers"]["q_scale"]["lesson"] == "04"


def test_answered_means_really_answered():
    open_q, scale_q, rank_q = QUESTIONS
    assert not worksheet.is_answered(open_q, "   ")
    assert worksheet.is_answered(open_q, "yes")
    assert not worksheet.is_answered(scale_q, {"score": None, "reason": "x"})
    assert worksheet.is_answered(scale_q, {"score": 2, "reason": ""})
    assert not worksheet.is_answered(rank_q, ["a"])
    assert worksheet.is_answered(rank_q, ["b", "a"])
    assert worksheet.answer_text(scale_q, {"score": None, "reason": "half done"}) == "(not finished) Reason: half done"
    assert worksheet.answer_text(open_q, {"score": 3}) == "(saved in a form this question no longer uses)"


def test_two_long_names_that_differ_only_at_the_end_are_two_students(folder):
    base = "Maria " + "de los Angeles " * 4
    first, second = base + "Garcia", base + "Garcie"
    assert len(first) <= answers.MAX_NAME
    assert answers.file_stem(first) != answers.file_stem(second)
    with pytest.raises(ValueError, match="shorter name"):
        answers.AnswerBook("x" * (answers.MAX_NAME + 1), folder)


def test_each_answer_keeps_its_earlier_versions(folder):
    book = answers.AnswerBook("Nour", folder)
    for n in range(answers.HISTORY + 3):
        book.save("q", f"draft {n}")
    entry = answers.AnswerBook("Nour", folder).entries()["q"]
    assert entry["value"] == f"draft {answers.HISTORY + 2}"
    assert [h["value"] for h in entry["history"]] == [f"draft {n}" for n in range(answers.HISTORY + 1, 1, -1)]


def test_a_repair_keeps_answers_newer_than_the_backup(folder):
    """The file is damaged between two saves of this notebook: the backup
    holds an older draft of 'a', but this notebook saved a newer one."""
    book = answers.AnswerBook("Ravi", folder)
    book.save("a", "old draft")
    book.save("b", "other answer")   # the backup now holds 'a' = old draft
    book.save("a", "newest draft")   # the file has 'a' = newest; the backup has 'a' = old draft
    book.path.write_bytes(b"{damaged")
    book.save("c", "after the damage")
    assert book.warning and "was damaged" in book.warning and "from this notebook" in book.warning
    again = answers.AnswerBook("Ravi", folder).all()
    assert again == {"a": "newest draft", "b": "other answer", "c": "after the damage"}


def test_text_utf8_cannot_encode_is_saved_and_comes_back(folder):
    odd = "pasted \ud800 text"  # a lone surrogate, as some copy-and-paste produces
    answers.AnswerBook("Lu", folder).save("q", odd)
    assert answers.AnswerBook("Lu", folder).get("q") == odd


def test_opening_a_file_waits_for_a_save_in_another_kernel(folder):
    """Opening (and repairing) takes the same lock as saving, so an opener can
    never move aside a file another kernel is writing."""
    import fcntl
    import threading

    book = answers.AnswerBook("Zed", folder)
    book.save("q", "kept")
    lock = open(files.beside(book.path, ".lock"), "a+b")  # another kernel, mid-save
    fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
    opened = []
    opener = threading.Thread(target=lambda: opened.append(answers.AnswerBook("Zed", folder)))
    opener.start()
    opener.join(0.5)
    assert opener.is_alive() and not opened  # waiting for the lock
    fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
    lock.close()
    opener.join(10)
    assert opened and opened[0].get("q") == "kept"


def test_temporary_files_older_than_a_day_are_removed(folder):
    folder.mkdir(parents=True)
    old, fresh = folder / ".ana-1234.json.abc.tmp", folder / ".ana-1234.json.def.tmp"
    old.write_text("left by a crash")
    fresh.write_text("another kernel is writing this right now")
    day_ago = old.stat().st_mtime - files.STALE_TEMP_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    answers.AnswerBook("Ana", folder)
    assert not old.exists() and fresh.exists()


# ---------------------------------------------------------------- a missing file, a backup that is sound (issue 25)


def test_a_missing_file_falls_back_to_the_backup_and_says_so(folder):
    book = answers.AnswerBook("Mia", folder)
    book.save("a", "first answer")
    book.save("b", "second answer")  # the backup now holds 'a'
    book.path.unlink()  # deleted, or a kernel died in the middle of a repair
    reopened = answers.AnswerBook("Mia", folder)
    assert reopened.get("a") == "first answer"
    assert reopened.warning and "missing" in reopened.warning and "backup" in reopened.warning


def test_a_first_write_from_an_empty_state_never_replaces_a_sound_backup(folder):
    book = answers.AnswerBook("Mia", folder)
    book.save("a", "first answer")
    book.save("b", "second answer")
    book.path.unlink()
    fresh = answers.AnswerBook("Mia", folder)
    fresh.save("c", "one")
    fresh.save("c", "two")
    fresh.save("c", "three")
    assert answers.AnswerBook("Mia", folder).get("a") == "first answer"
    assert json.loads(fresh.backup.read_text(encoding="utf-8"))["answers"]["a"]["value"] == "first answer"


def test_the_same_notebook_keeps_what_it_saved_when_the_file_vanishes(folder):
    book = answers.AnswerBook("Mia", folder)
    book.save("a", "one")
    book.save("b", "two")  # the backup holds only 'a'
    book.path.unlink()
    book.save("c", "three")
    assert answers.AnswerBook("Mia", folder).all() == {"a": "one", "b": "two", "c": "three"}
    assert "missing" in book.warning


def test_a_repair_cut_off_before_writing_leaves_the_damaged_file_in_place(folder, monkeypatch):
    """A kernel killed in the middle of a repair: the damaged file is copied
    aside first, so whatever happens next nothing is only in a moved file."""
    book = answers.AnswerBook("Ola", folder)
    book.save("q", "good")
    book.save("q", "better")
    book.path.write_bytes(b"{damaged")
    real = answers.write_atomic

    def die_when_writing_the_file(path, content):
        if path == book.path:
            raise KeyboardInterrupt  # the kernel dies
        real(path, content)

    monkeypatch.setattr(answers, "write_atomic", die_when_writing_the_file)
    with pytest.raises(KeyboardInterrupt):
        answers.AnswerBook("Ola", folder)
    monkeypatch.undo()
    assert book.path.read_bytes() == b"{damaged"
    reopened = answers.AnswerBook("Ola", folder)
    assert reopened.get("q") == "good" and "was damaged" in reopened.warning


def test_a_byte_order_mark_is_not_damage(folder):
    book = answers.AnswerBook("Bo", folder)
    book.save("q", "kept")
    book.path.write_bytes(b"\xef\xbb\xbf" + book.path.read_bytes())  # re-saved in Notepad
    reopened = answers.AnswerBook("Bo", folder)
    assert reopened.get("q") == "kept" and reopened.warning is None


def test_odd_history_and_saved_fields_neither_block_a_save_nor_a_repair(folder):
    book = answers.AnswerBook("Od", folder)
    book.save("q", "one")
    doc = json.loads(book.path.read_text(encoding="utf-8"))
    doc["answers"]["q"]["history"] = 7
    doc["answers"]["q"]["saved"] = 12345
    book.path.write_text(json.dumps(doc), encoding="utf-8")
    book.save("q", "two")
    assert answers.AnswerBook("Od", folder).get("q") == "two"
    book._answers["q"]["saved"] = 99
    book.path.write_bytes(b"{damaged")
    book.save("r", "three")
    assert answers.AnswerBook("Od", folder).get("r") == "three"


def test_markdown_export_writes_quotes_as_quotes(folder):
    book = answers.AnswerBook("O'Brien", folder)
    book.save("q_open", "It's \"deconfliction\", isn't it? <b>")
    _, md, _ = exports.export(book, QUESTIONS, MODULE)
    text = md.read_text(encoding="utf-8")
    assert "It's \"deconfliction\", isn't it? &lt;b&gt;" in text and "O'Brien" in text and "&#39;" not in text


def test_a_repair_compares_times_not_text_across_utc_offsets(folder, monkeypatch):
    """The night the clocks go back: the backup's draft was saved at 01:50+01:00 (00:50 UTC),
    this notebook's at 01:10+00:00 (01:10 UTC), later, though "01:10" sorts first as text."""
    stamps = iter(["2026-10-25T01:50:00.000+01:00", "2026-10-25T01:55:00.000+01:00", "2026-10-25T01:10:00.000+00:00"])
    monkeypatch.setattr(answers, "_now", lambda: next(stamps))
    book = answers.AnswerBook("Ravi", folder)
    book.save("a", "old draft")
    book.save("b", "other answer")   # the backup now holds 'a' = old draft
    book.save("a", "newest draft")   # saved after the clocks went back
    book.path.write_bytes(b"{damaged")
    monkeypatch.setattr(answers, "_now", lambda: "2026-10-25T01:20:00.000+00:00")
    book.save("c", "after the damage")
    assert answers.AnswerBook("Ravi", folder).get("a") == "newest draft"
    assert dates.moment("2026-10-25T01:10:00+00:00") > dates.moment("2026-10-25T01:50:00+01:00")
    assert dates.moment("not a time") is None and dates.newer_or_same("x", None)


# ---------------------------------------------------------------- what a student sees in the answers folder (issue 25)


def test_the_answers_folder_shows_answers_not_backups_or_locks(folder):
    book = answers.AnswerBook("Ana", folder)
    book.save("a", "one")
    book.save("a", "two")  # a backup now exists
    answers.remember_student("Ana", folder)
    visible = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert visible == [book.path.name]
    assert book.backup.exists() and book.backup.name.startswith(".")


def test_backups_and_locks_of_earlier_versions_are_hidden_when_the_file_is_opened(folder):
    book = answers.AnswerBook("Ana", folder)
    book.save("a", "one")
    book.save("a", "two")
    old_backup, old_lock = folder / (book.path.name + ".bak"), folder / (book.path.name + ".lock")
    os.replace(book.backup, old_backup)  # as an earlier version left them
    old_lock.write_bytes(b"")
    book.path.unlink()  # and the file is gone: the moved backup must still be found
    reopened = answers.AnswerBook("Ana", folder)
    assert not old_backup.exists() and not old_lock.exists()
    assert reopened.get("a") == "one" and "backup" in reopened.warning
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [book.path.name]
