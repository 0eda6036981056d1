"""The teacher's collect command (syria_lesson.teacher.collect) on a folder of
students' homes: it takes every export, skips and names what it cannot read,
never stops on one, and the class view reads what it wrote."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from syria_lesson.core.html import escape
from syria_lesson.data import load_all
from syria_lesson.live import answers
from syria_lesson.teacher import classroom, collect, sources

LESSONS = "syria-lesson"  # nbgitpuller clones into ~/<repository name>


def export_doc(name: str, text: str) -> dict:
    """An export in the format DESIGN.md gives ("Answers and exports")."""
    return {"format": "syria-lesson-export", "version": 1, "student": name, "exported": "2026-12-01T10:00:00+00:00",
            "answers": {"d04_single_result": {"lesson": "04", "prompt": "What single result...", "value": text,
                                              "text": text, "saved": "2026-12-01T09:59:00+00:00"}}}


def lessons(homes: Path, account: str) -> Path:
    folder = homes / account / LESSONS / "notebooks" / "answers"
    (folder / "export").mkdir(parents=True)
    return folder


@pytest.fixture
def homes(tmp_path) -> Path:
    homes = tmp_path / "homes"
    # ana: the .json export (and the human copies)
    ana = lessons(homes, "ana")
    stem = answers.file_stem("Ana López")
    (ana / "export" / f"{stem}-answers.json").write_text(json.dumps(export_doc("Ana López", "Deconfliction.")),
                                                          encoding="utf-8")
    (ana / "export" / f"{stem}-answers.md").write_text("# Answers\n", encoding="utf-8")
    (ana / "export" / f"{stem}-answers.html").write_text("<p>Answers</p>", encoding="utf-8")
    # ben: lessons that export only .md/.html; his saved answers file stands in
    ben = lessons(homes, "ben")
    book = answers.AnswerBook("Ben Okafor", ben)
    book.save("d04_single_result", "Nothing new.")
    stem = answers.file_stem("Ben Okafor")
    (ben / "export" / f"{stem}-answers.md").write_text("# Answers\n", encoding="utf-8")
    (ben / "export" / f"{stem}-answers.html").write_text("<p>Answers</p>", encoding="utf-8")
    # cleo: answered but never exported
    cleo = homes / "cleo" / LESSONS / "notebooks" / "answers"
    cleo.mkdir(parents=True)
    answers.AnswerBook("Cleo", cleo).save("d04_single_result", "Not handed in")
    # dan: a damaged export
    dan = lessons(homes, "dan")
    (dan / "export" / "dan-1234abcd-answers.json").write_text("{not json", encoding="utf-8")
    # eve: an export that cannot be read at all (a link to nowhere)
    eve = lessons(homes, "eve")
    os.symlink(eve / "gone.json", eve / "export" / "eve-1234abcd-answers.json")
    # fay: no lessons at all
    (homes / "fay").mkdir()
    return homes


def by_account(students):
    return {s.account: s for s in students}


def test_collect_takes_every_export_and_names_what_it_skips(homes, tmp_path):
    out = tmp_path / "collected"
    students = by_account(collect.collect(collect.HomeFolders(homes), out))

    assert students["ana"].class_files == 1 and not students["ana"].skipped
    assert students["ben"].class_files == 1 and "no .json export" in students["ben"].collected[0]
    assert students["cleo"].skipped == [collect.NO_EXPORT]
    assert students["fay"].skipped == [collect.NO_EXPORT]
    assert students["dan"].class_files == 0 and "damaged, not JSON" in students["dan"].skipped[0]
    assert students["eve"].class_files == 0 and "cannot be read" in students["eve"].skipped[0]

    # Everything handed in is kept as written; the folder is private.
    kept = sorted(p.relative_to(out / "handed-in").as_posix() for p in (out / "handed-in").rglob("*") if p.is_file())
    assert len([k for k in kept if k.startswith("ana/")]) == 3
    assert len([k for k in kept if k.startswith("ben/")]) == 2
    assert (out.stat().st_mode & 0o777) == 0o700

    report = (out / "report.txt").read_text(encoding="utf-8")
    assert report.startswith("Collected answers from 2 of 6 students.")
    for account in ("cleo", "dan", "eve", "fay"):
        assert f"SKIPPED    {account}:" in report

    # The class view reads what collect wrote: exports and saved answers alike.
    found, problems = classroom.read_class(out / "class")
    assert problems == []
    assert sorted(s["student"] for s in found) == ["Ana López", "Ben Okafor"]
    assert {s["answers"]["d04_single_result"]["value"] for s in found} == {"Deconfliction.", "Nothing new."}


def test_one_student_never_stops_the_rest(homes, tmp_path):
    class Flaky(collect.HomeFolders):
        def listdir(self, account, folder):
            if account == "ben":
                raise RuntimeError("disk on fire")
            return super().listdir(account, folder)

    students = by_account(collect.collect(Flaky(homes), tmp_path / "out"))
    assert "unexpected problem (RuntimeError: disk on fire)" in students["ben"].skipped[0]
    assert students["ana"].class_files == 1


def test_command_line(homes, tmp_path, capsys):
    out = tmp_path / "out"
    assert collect.main([str(homes), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Collected answers from 2 of 6 students." in printed and "SKIPPED    cleo:" in printed
    empty = tmp_path / "empty"
    empty.mkdir()
    assert collect.main([str(empty), "--out", str(tmp_path / "none")]) == 1  # nothing collected: say so
    with pytest.raises(SystemExit):
        collect.main(["--out", str(out)])  # neither HOMES nor --hub


def test_class_view_reads_exports_and_still_names_bad_files(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(export_doc("Ana", "x")), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    found, problems = classroom.read_class(tmp_path)
    assert [s["student"] for s in found] == ["Ana"]
    assert problems == [("b.json", "is not an export or answers file from this module")]


# ---------------------------------------------------------------- what a student hands in is not trusted (issue 25)


def _export_in(homes: Path, account: str, name: str, text: str) -> Path:
    folder = lessons(homes, account) / "export"
    path = folder / f"{answers.file_stem(name)}-answers.json"
    path.write_text(json.dumps(export_doc(name, text)), encoding="utf-8")
    return folder


def _class_texts(out: Path) -> dict[str, str]:
    return {p.name.split("--")[0]: json.loads(p.read_text(encoding="utf-8"))["answers"]["d04_single_result"]["value"]
            for p in (out / "class").glob("*.json")}


def test_collect_never_follows_a_students_links(tmp_path):
    homes = tmp_path / "homes"
    victim = _export_in(homes, "vic", "Vic Tim", "Vic's own work")
    # mal links to Vic's export, under an export's name
    mal = lessons(homes, "mal") / "export"
    os.symlink(victim / f"{answers.file_stem('Vic Tim')}-answers.json", mal / "mal-00000000-answers.json")
    # lin links a whole lesson folder to Vic's
    (homes / "lin").mkdir()
    os.symlink(homes / "vic" / LESSONS, homes / "lin" / LESSONS)
    # rot links a file outside every home (root-only on the hub) under an export's name
    secret = tmp_path / "shadow"
    secret.write_text("root:secret", encoding="utf-8")
    os.symlink(secret, lessons(homes, "rot") / "export" / "rot-00000000-answers.html")
    out = tmp_path / "out"
    students = by_account(collect.collect(collect.HomeFolders(homes), out))
    assert _class_texts(out) == {"vic": "Vic's own work"}
    assert students["mal"].class_files == 0 and "link" in " ".join(students["mal"].skipped)
    assert students["lin"].class_files == 0 and students["rot"].class_files == 0
    assert not any("secret" in p.read_text(encoding="utf-8", errors="replace")
                   for p in out.rglob("*") if p.is_file())


def test_collect_refuses_a_fifo_and_a_huge_file(tmp_path, monkeypatch):
    import signal

    homes = tmp_path / "homes"
    fifo = lessons(homes, "pip") / "export" / "pip-00000000-answers.json"
    os.mkfifo(fifo)
    big = _export_in(homes, "big", "Big File", "x")
    monkeypatch.setattr(sources, "MAX_FILE", 1000)
    (big / f"{answers.file_stem('Big File')}-answers.json").write_text(
        json.dumps(export_doc("Big File", "x" * 5000)), encoding="utf-8")
    def hung(*_):
        raise TimeoutError("collect waited on a pipe")

    signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)  # a read that waits on the pipe would hang for ever
    try:
        students = by_account(collect.collect(collect.HomeFolders(homes), tmp_path / "out"))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    assert students["pip"].class_files == 0 and "not a regular file" in students["pip"].skipped[0]
    assert students["big"].class_files == 0 and "too large" in students["big"].skipped[0]


def test_an_export_edited_to_another_students_name_and_dated_2099_replaces_nobody(tmp_path):
    homes = tmp_path / "homes"
    _export_in(homes, "ana", "Ana López", "Ana's own work")
    forged = export_doc("Ana López", "Mal's forgery")
    forged["answers"]["d04_single_result"]["saved"] = "2099-01-01T00:00:00+00:00"
    folder = lessons(homes, "mal") / "export"
    (folder / f"{answers.file_stem('Ana López')}-answers.json").write_text(json.dumps(forged), encoding="utf-8")
    out = tmp_path / "out"
    collect.collect(collect.HomeFolders(homes), out)
    found, _ = classroom.read_class(out / "class")
    assert {s["source"]: s["answers"]["d04_single_result"]["value"] for s in found} == {
        "account ana": "Ana's own work", "account mal": "Mal's forgery"}
    assert classroom.names(found, anonymise=False) == ["Ana López (account ana)", "Ana López (account mal)"]


def test_no_html_is_kept_as_handed_in_the_teachers_copy_is_made_from_the_json(tmp_path):
    homes = tmp_path / "homes"
    name = "Ana <img src=x onerror=alert(1)>"
    doc = export_doc(name, "")
    doc["answers"] = {"d04_source_bias": {"value": "<script>steal()</script> & more", "prompt": "<b>forged</b>",
                                          "text": "<script>", "saved": "2026-12-01T09:59:00+00:00"}}
    folder = lessons(homes, "ana") / "export"
    stem = answers.file_stem(name)
    (folder / f"{stem}-answers.json").write_text(json.dumps(doc), encoding="utf-8")
    (folder / f"{stem}-answers.html").write_text("<script>alert('edited by the student')</script>", encoding="utf-8")
    (folder / f"{stem}-answers.md").write_text("<script>alert('md')</script>", encoding="utf-8")
    out = tmp_path / "out"
    (ana,) = collect.collect(collect.HomeFolders(homes), out)
    assert ana.class_files == 1
    page = (out / "handed-in" / "ana" / LESSONS / f"{stem}-answers.html").read_text(encoding="utf-8")
    md = (out / "handed-in" / "ana" / LESSONS / f"{stem}-answers.md").read_text(encoding="utf-8")
    everything = " ".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file())
    assert "edited by the student" not in everything and "alert('md')" not in everything
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;steal()&lt;/script&gt; &amp; more" in page and "Ana &lt;img" in page
    # the question is the module's own, not the one written in the student's file
    assert str(escape(load_all().question("d04_source_bias")["prompt"])) in page and "forged" not in page
    assert "<script" not in md and "&lt;script&gt;steal()" in md


def test_older_lessons_html_is_not_kept_either(homes, tmp_path):
    out = tmp_path / "out"
    collect.collect(collect.HomeFolders(homes), out)
    ben = sorted(p.name for p in (out / "handed-in" / "ben").rglob("*") if p.is_file())
    stem = answers.file_stem("Ben Okafor")
    assert ben == [f"{stem}-answers.html", f"{stem}-answers.md"]
    assert "<p>Answers</p>" not in (out / "handed-in" / "ben" / LESSONS / f"{stem}-answers.html").read_text()


def test_accounts_that_differ_only_in_punctuation_get_folders_of_their_own(tmp_path):
    homes = tmp_path / "homes"
    for account in ("ana-b", "ana b", "ana.b", "Ana-B", "ana--b"):
        _export_in(homes, account, f"Student {account}", f"work of {account}")
    out = tmp_path / "out"
    students = collect.collect(collect.HomeFolders(homes), out)
    assert all(s.class_files == 1 for s in students)
    assert len({p.name for p in (out / "handed-in").iterdir()}) == 5
    found, _ = classroom.read_class(out / "class")
    assert len(found) == 5 and len({s["source"] for s in found}) == 5
