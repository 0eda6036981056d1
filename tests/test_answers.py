"""Nothing a student writes is lost, and nothing a student types is trusted."""

import json
import multiprocessing
import os

import pytest

from syria_lesson import answers, questions

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
    assert "could not be read" in reopened.warning and aside[0].name in reopened.warning
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
    {"id": "q_open", "kind": "open", "level": "evaluate", "prompt": "Was the author right? <i>Explain</i>"},
    {"id": "q_scale", "kind": "scale", "level": "evaluate", "prompt": "How optimistic?",
     "scale": {"min": 1, "max": 5, "low": "not", "high": "very"}},
    {"id": "q_rank", "kind": "ranking", "level": "analyse", "prompt": "Rank", "options": ["a", "b"]},
]


def test_export_escapes_student_html_and_markdown(folder):
    book = answers.AnswerBook("<script>alert(1)</script>", folder)
    book.save("q_open", "<script>steal()</script> **bold** [link](http://evil) " + UNICODE)
    book.save("q_scale", {"score": 4, "reason": "<img src=x onerror=alert(1)>"})
    md, page = questions.export(book, QUESTIONS)
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;steal()&lt;/script&gt;" in html and UNICODE.strip() in html
    assert "&lt;i&gt;Explain&lt;/i&gt;" in html  # question text is escaped too
    text = md.read_text(encoding="utf-8")
    assert "<script>" not in text and "\\*\\*bold\\*\\*" in text and "\\[link\\]" in text
    assert "4 / 5" in text and "(not answered)" in text
    assert md.parent == folder / "export"


def test_answered_means_really_answered():
    open_q, scale_q, rank_q = QUESTIONS
    assert not questions.is_answered(open_q, "   ")
    assert questions.is_answered(open_q, "yes")
    assert not questions.is_answered(scale_q, {"score": None, "reason": "x"})
    assert questions.is_answered(scale_q, {"score": 2, "reason": ""})
    assert not questions.is_answered(rank_q, ["a"])
    assert questions.is_answered(rank_q, ["b", "a"])
