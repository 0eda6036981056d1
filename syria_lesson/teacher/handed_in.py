"""What students handed in, read for the class view: a folder of exports and
answers files, trusted in nothing.

- Only regular files directly inside the folder are read (never a link out of
  it, never a pipe that would hang), at most ``MAX_FILE`` bytes of each, and
  one odd file never stops the rest: it is named in a list of skipped files.
- Students are told apart by where their file came from, never by the name
  they typed: the account ``collect`` names in each file it writes
  (``<account>--<copy>--<stem>.json``), or else the file itself (an export and
  an answers file of one stem are one student). Two accounts that typed the
  same name are two rows, and the class view says so; an export edited to
  another student's name, with a date in 2099, replaces nobody.
- Within one account, the latest hand-in is shown, "latest" compared as
  moments in time (with their UTC offsets), never as text.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

from syria_lesson.core.dates import moment
from syria_lesson.live.answers import FORMAT as ANSWERS_FORMAT
from syria_lesson.live.exports import FORMAT as EXPORT_FORMAT
from syria_lesson.teacher.sources import MAX_FILE as COLLECTED_MAX

# An export holds each answer twice (its value and its text), so a student's 1 MB of writing is
# about 2 MB of file: the cap is collect's, which counts the same way.
MAX_FILE = COLLECTED_MAX
_EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)


def _read_regular(path: Path) -> bytes:
    """The file's bytes, if it is a regular file (not a link, pipe or device)."""
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file (a link, folder or device)")
    if info.st_size > MAX_FILE:
        raise ValueError(f"too large ({info.st_size // 1000} KB; an answers file is a few KB)")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        return handle.read(MAX_FILE + 1)


def latest(answers: dict) -> dt.datetime | None:
    """When the latest of these answers was saved; None if no time stamp can be read."""
    moments = [m for entry in answers.values() if (m := moment(entry.get("saved"))) is not None]
    return max(moments, default=None)


def read_student(path: Path) -> dict:
    """One student's answers from an export or an answers file, as
    ``{"student", "answers": {qid: {"value", "saved"}}, "kind", "saved", "source"}``."""
    try:
        doc = json.loads(_read_regular(path).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ValueError("cannot be read as JSON") from None
    if not isinstance(doc, dict) or doc.get("format") not in (EXPORT_FORMAT, ANSWERS_FORMAT):
        raise ValueError("is not an export or answers file from this module")
    answers = doc.get("answers")
    if not isinstance(answers, dict) or not all(isinstance(v, dict) and "value" in v for v in answers.values()):
        raise ValueError("has no answers in the expected form")
    name = doc.get("student")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("names no student")
    return {"student": name, "answers": answers, "saved": latest(answers), "source": source(path), "other_names": [],
            "kind": "export" if doc["format"] == EXPORT_FORMAT else "answers"}


def _account(path: Path) -> str | None:
    """The account ``collect`` wrote in the file's name (``<account>--<copy>--<stem>.json``)."""
    parts = path.name.split("--")
    return parts[0] if len(parts) == 3 and parts[0] else None


def owner(path: Path) -> str:
    """Whose hand-in this is, from where it came: the account, or the file (an export and the
    answers file of the same stem together), never the name typed inside it."""
    account = _account(path)
    if account is not None:
        return f"account:{account}"
    return "file:" + path.stem.removesuffix("-answers")


def source(path: Path) -> str:
    """Where a hand-in came from, in the teacher's words."""
    account = _account(path)
    return f"account {account}" if account is not None else f"file {path.name}"


def same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def read_class(folder: Path) -> tuple[list[dict], list[tuple[str, str]]]:
    """Every student found in ``folder`` and (file name, reason) for each file
    skipped. One account (or one file stem) is one student, shown from its
    latest hand-in; the names it handed in before are kept in ``other_names``."""
    folder = Path(folder)
    if not folder.is_dir():
        return [], [(folder.name, "no such folder (check the path given to the class view)")]
    found: dict[str, list[dict]] = {}
    skipped: list[tuple[str, str]] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name.endswith((".bak", ".lock", ".md", ".html")):
            continue  # a backup, a lock, or the human-readable copies of an export
        if path.suffix != ".json":
            skipped.append((path.name, "not a .json answers or export file"))
            continue
        try:
            student = read_student(path)
        except (ValueError, OSError) as err:
            skipped.append((path.name, str(err) if isinstance(err, ValueError) else "cannot be opened"))
            continue
        found.setdefault(owner(path), []).append(student)
    students = []
    for hand_ins in found.values():
        hand_ins.sort(key=lambda s: s["saved"] or _EARLIEST)  # stable: equal times keep the files' order
        chosen = hand_ins[-1]
        chosen["other_names"] = sorted({s["student"] for s in hand_ins
                                        if same_name(s["student"]) != same_name(chosen["student"])})
        students.append(chosen)
    return sorted(students, key=lambda s: (same_name(s["student"]), s["source"])), skipped


def names(students: list[dict], anonymise: bool) -> list[str]:
    """How each student is named: their name, with where it came from when two hand-ins share it."""
    if anonymise:
        return [f"Student {n}" for n in range(1, len(students) + 1)]
    shared = _shared(students)
    return [f"{s['student']} ({s['source']})" if same_name(s["student"]) in shared else s["student"] for s in students]


def _shared(students: list[dict]) -> set[str]:
    seen = [same_name(s["student"]) for s in students]
    return {name for name in seen if seen.count(name) > 1}


def notes(students: list[dict], who: list[str], anonymise: bool) -> list[str]:
    """What the teacher must know about whose answers are whose, in plain words."""
    out = []
    shared = _shared(students)
    for name in sorted(shared):
        rows = [label for label, s in zip(who, students) if same_name(s["student"]) == name]
        out.append(f"{' and '.join(rows)} handed in the same name. They are different accounts or files, so each "
                   "is shown apart; ask them which is which.")
    for label, s in zip(who, students):
        if s["other_names"]:
            earlier = "another name" if anonymise else ", ".join(f"“{n}”" for n in s["other_names"])
            out.append(f"{label} also handed in answers under {earlier}; only the latest hand-in is shown.")
    return out
