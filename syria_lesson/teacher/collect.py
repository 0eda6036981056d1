"""Collect every student's handed-in answers into one folder: the teacher's
side of "Export my answers".

    # on the hub's machine, as the administrator (reads every home folder):
    python -m syria_lesson.teacher.collect /home/classroom --out collected
    # through the hub's REST API, from anywhere (Kubernetes too); the token is
    # an admin's, from the hub's Token page:
    python -m syria_lesson.teacher.collect --hub https://HUB --token TOKEN --out collected

For each student (each folder in HOMES, or each user of the hub) it looks in
every copy of the lessons in their home (any folder holding
``notebooks/answers/export/``) and takes what "Export my answers" wrote there:

- ``<stem>-answers.json`` (format ``syria-lesson-export``), the export the
  class view reads. Where a copy of the lessons is older and exported only
  ``.md``/``.html``, the student's saved answers file from the same copy
  (``notebooks/answers/<stem>.json``) stands in for it, and the report says so.
- ``<stem>-answers.md`` and ``.html`` are not kept as handed in: a student
  can edit them (a script in the page would run in the teacher's browser). The
  teacher's readable copies are made afresh from the checked JSON, with the
  module's own questions and the student's text escaped as text.

It writes:

    OUT/class/<account>--<copy>--<stem>.json   one file per student: classroom.overview(OUT / "class")
    OUT/handed-in/<account>/...           the JSON as handed in, and the .html and .md made from it
    OUT/report.txt                        what was collected, and what was skipped and why

Accounts become folder names one to one: an account that is not already a
plain lower-case name gets a short hash of itself, so ``ana b`` and ``ana-b``
never share a folder.

Anything it cannot read (a student with no export, a damaged file, a server
that is not running) is skipped and named; one never stops the rest. The
folder is made private (0700): it holds students' work.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from syria_lesson.data import Content, given_content
from syria_lesson.live.exports import export_html, export_markdown, grouped
from syria_lesson.live.files import printable
from syria_lesson.teacher.sources import HomeFolders, HubServers, Unreadable

EXPORT_FORMAT = "syria-lesson-export"
ANSWERS_FORMAT = "syria-lesson-answers"
EXPORT_DIR = PurePosixPath("notebooks/answers/export")
SUFFIXES = ("-answers.json", "-answers.md", "-answers.html")
NO_EXPORT = "no exported answers (the student has not pressed \"Export my answers\" yet)"


# ---------------------------------------------------------------- where students' files are


# ---------------------------------------------------------------- what counts as handed in


def read_export(data: bytes, where: str) -> dict:
    """A ``syria-lesson-export`` document, checked; Unreadable if it is not one."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise Unreadable(f"{where}: damaged, not JSON ({error.__class__.__name__})") from None
    if not (isinstance(doc, dict) and doc.get("format") == EXPORT_FORMAT and isinstance(doc.get("student"), str)
            and isinstance(doc.get("answers"), dict)
            and all(isinstance(v, dict) and "value" in v for v in doc["answers"].values())):
        raise Unreadable(f"{where}: not an export from this module")
    return doc


def read_saved_answers(data: bytes, where: str) -> dict:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise Unreadable(f"{where}: damaged, not JSON ({error.__class__.__name__})") from None
    if not (isinstance(doc, dict) and doc.get("format") == ANSWERS_FORMAT and isinstance(doc.get("answers"), dict)):
        raise Unreadable(f"{where}: not an answers file from this module")
    return doc


@dataclass
class Student:
    account: str
    collected: list[str] = field(default_factory=list)  # lines for the report
    skipped: list[str] = field(default_factory=list)
    class_files: int = 0


def lesson_copies(source, account: str) -> list[PurePosixPath]:
    """Folders of the home that hold an export folder: the home itself, and
    each folder in it (nbgitpuller clones into ~/<repository name>)."""
    copies = []
    candidates = [PurePosixPath(".")] + [PurePosixPath(name) for name, is_dir in source.listdir(account, PurePosixPath("."))
                                        if is_dir and not name.startswith(".")]
    for root in candidates:
        if any(is_dir and name == "export" for name, is_dir in source.listdir(account, root / "notebooks" / "answers")):
            copies.append(root)
    return copies


def _safe(name: str) -> str:
    """A folder or file name part for ``name``, one to one: a plain lower-case name as it is;
    anything else (punctuation, spaces, capitals, ``--``) a slug plus a hash of the whole name."""
    if re.fullmatch(r"[a-z0-9_][a-z0-9._-]*", name) and "--" not in name and not name.endswith((".", "-")):
        return name
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "student"
    return f"{slug}-{hashlib.sha256(name.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def readable_copies(doc: dict, content: Content) -> tuple[str, str]:
    """The teacher's HTML and Markdown of a checked export or answers file, made from the
    module's own questions; every value the student wrote (name, answers, date) is escaped as text."""
    entries = {qid: entry for qid, entry in doc["answers"].items() if isinstance(entry, dict)}
    lessons = grouped(content.questions, entries, content.module["lessons"])
    student = printable(str(doc.get("student") or "(no name)"))
    exported = printable(str(doc.get("exported") or "")[:16].replace("T", " ")) or "(date not given)"
    return (printable(export_html(student, content.module["title"], exported, printable(lessons))),
            printable(export_markdown(student, content.module["title"], exported, printable(lessons))))


def collect_student(source, account: str, out: Path, content: Content | None = None) -> Student:
    content = given_content(content)
    student = Student(account)
    try:
        copies = lesson_copies(source, account)
    except Unreadable as error:
        student.skipped.append(str(error))
        return student
    handed_in = out / "handed-in" / _safe(account)
    for root in copies:
        folder = root / EXPORT_DIR
        try:
            names = [name for name, is_dir in source.listdir(account, folder) if not is_dir and name.endswith(SUFFIXES)]
        except Unreadable as error:
            student.skipped.append(str(error))
            continue
        stems = sorted({name[: -len(suffix)] for name in names for suffix in SUFFIXES if name.endswith(suffix)})
        for stem in stems:
            label = f"{folder / stem}-answers"
            copied = {}
            for suffix in SUFFIXES:
                if stem + suffix not in names:
                    continue
                if suffix != "-answers.json":
                    copied[suffix] = b""  # handed in, but never kept or read: made afresh from the JSON
                    continue
                try:
                    copied[suffix] = source.read(account, folder / (stem + suffix))
                except Unreadable as error:
                    student.skipped.append(str(error))
            if not copied:
                continue
            class_doc, note = _class_document(source, account, root, stem, copied, label)
            if class_doc is None:
                student.skipped.append(note)
            else:
                name = f"{_safe(account)}--{_safe(root.name if str(root) != '.' else 'home')}--{_safe(stem)}.json"
                (out / "class" / name).write_text(json.dumps(class_doc, ensure_ascii=True, indent=2) + "\n",
                                                  encoding="utf-8")
                student.class_files += 1
                where = handed_in / (_safe(root.name) if str(root) != "." else "")
                where.mkdir(parents=True, exist_ok=True)
                if "-answers.json" in copied:
                    (where / f"{_safe(stem)}-answers.json").write_bytes(copied["-answers.json"])
                try:
                    page, md = readable_copies(class_doc, content)
                except Exception as error:  # noqa: BLE001 - the class view has the answers; say what is missing
                    note += ("; " if note else "") + (f"no readable copy could be made ({error.__class__.__name__}); "
                                                      "the class view has the answers")
                else:
                    (where / f"{_safe(stem)}-answers.html").write_text(page, encoding="utf-8")
                    (where / f"{_safe(stem)}-answers.md").write_text(md, encoding="utf-8")
            kinds = ", ".join(suffix.rsplit(".", 1)[1] for suffix in copied)
            student.collected.append(f"{label}.* ({kinds} handed in; .html and .md made from the JSON)"
                                     + (f"; {note}" if class_doc is not None and note else ""))
    if not student.collected and not student.skipped:
        student.skipped.append(NO_EXPORT)
    return student


def _class_document(source, account, root, stem, copied: dict, label: str) -> tuple[dict | None, str]:
    """What the class view reads for one export, and a note for the report."""
    if "-answers.json" in copied:
        try:
            return read_export(copied["-answers.json"], f"{label}.json"), ""
        except Unreadable as error:
            return None, f"{error}; skipped for the class view"
    saved = root / "notebooks" / "answers" / f"{stem}.json"
    try:
        doc = read_saved_answers(source.read(account, saved), str(saved))
    except Unreadable as error:
        return None, f"{label}: exported as .md/.html only, and the saved answers could not be used ({error})"
    return doc, f"no .json export (older lessons): the class view uses the saved answers {saved}"


def collect(source, out: Path, content: Content | None = None) -> list[Student]:
    """Collect from every student into ``out``; never stops on one."""
    content = given_content(content)
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "class").mkdir(parents=True)
    (out / "handed-in").mkdir()
    os.chmod(out, 0o700)
    students = []
    for account, reason in source.students():
        if reason:
            students.append(Student(account, skipped=[reason]))
            continue
        try:
            students.append(collect_student(source, account, out, content))
        except Exception as error:  # one student's problem never stops the rest
            students.append(Student(account, skipped=[f"unexpected problem ({error.__class__.__name__}: {error})"]))
    (out / "report.txt").write_text(report(students), encoding="utf-8")
    return students


def report(students: list[Student]) -> str:
    done = [s for s in students if s.class_files]
    lines = [f"Collected answers from {len(done)} of {len(students)} students."]
    for s in students:
        for line in s.collected:
            lines.append(f"  collected  {s.account}: {line}")
        for line in s.skipped:
            lines.append(f"  SKIPPED    {s.account}: {line}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("homes", nargs="?", type=Path, help="the folder holding every student's home folder")
    parser.add_argument("--hub", help="the hub's address (instead of HOMES), e.g. https://hub.example.org")
    parser.add_argument("--token", default=os.environ.get("JUPYTERHUB_API_TOKEN"),
                        help="an admin's API token (default: $JUPYTERHUB_API_TOKEN)")
    parser.add_argument("--out", type=Path, default=Path("collected"), help="where to write (default: ./collected)")
    args = parser.parse_args(argv)
    if bool(args.homes) == bool(args.hub):
        parser.error("give either HOMES or --hub")
    if args.hub and not args.token:
        parser.error("--hub needs --token (or JUPYTERHUB_API_TOKEN)")
    source = HubServers(args.hub, args.token) if args.hub else HomeFolders(args.homes)
    students = collect(source, args.out)
    print(report(students), end="")
    print(f"Written: {args.out}/ (class view: classroom.overview(Path({str(args.out / 'class')!r})))")
    return 0 if any(s.class_files for s in students) else 1


if __name__ == "__main__":
    sys.exit(main())
