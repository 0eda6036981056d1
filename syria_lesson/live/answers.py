"""Students' answers, kept safe on disk.

One JSON file per student in ``notebooks/answers/`` (a visible folder, ignored
by git). The rules, each tested in ``tests/test_answers.py``:

- A name typed by a student never becomes a path: the file name is built from
  letters and digits of the name plus a short hash of the whole name, so
  ``../../x``, ``CON`` or an Arabic name are all safe and all distinct.
- Writes are atomic: the new content goes to a temporary file in the same
  folder, is flushed to disk, and then renamed over the old file. A crash in
  the middle leaves the old file whole.
- The previous version is kept as ``.<file>.bak``, hidden like the lock
  (``.<file>.lock``): students see their answers, not the machinery. A
  ``<file>.bak`` or ``<file>.lock`` of earlier versions is moved or removed.
- Each save re-reads the file and changes only the answers being saved, under
  a lock, so two notebooks open at once do not undo each other's work.
- A file that cannot be read (corrupt, or edited by hand) is copied aside with
  a clear message before anything replaces it; the backup is used if it is sound,
  and answers this notebook saved more recently than the backup are kept.
- A missing file (deleted, or a repair cut off) falls back to the backup, and
  says so; only a sound file ever replaces the backup, so an empty state never does.
- A file re-saved with a byte-order mark still reads.
  Opening, repairing and refreshing take the same lock as saving.
- Each answer keeps its last few earlier versions (``history``), so an answer
  overwritten by mistake on a shared computer can still be found.
- Temporary files left by a crash are removed after a day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from syria_lesson.core import paths
from syria_lesson.core.dates import newer_or_same
from syria_lesson.live.files import beside, hide_old_files, locked, remove_stale_temporaries, to_json, write_atomic

FORMAT = "syria-lesson-answers"
VERSION = 1
CURRENT_STUDENT_FILE = ".current-student"
MAX_NAME = 80
HISTORY = 5


class AnswerFileProblem(Exception):
    """The answers file could not be read; ``moved_to`` says where it went."""

    def __init__(self, message: str, moved_to: Path | None):
        super().__init__(message)
        self.moved_to = moved_to


def clean_name(name: str) -> str:
    """The student's name as they typed it, minus control characters and
    surrounding space; used for display, never for paths. Never cut short:
    two long names that differ only at the end are two students."""
    name = unicodedata.normalize("NFC", str(name))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    return " ".join(name.split())


def check_name(name: str) -> str:
    """The cleaned name, or ValueError with what to do."""
    name = clean_name(name)
    if not name:
        raise ValueError("Please type your name first.")
    if len(name) > MAX_NAME:
        raise ValueError(f"Please use a shorter name (at most {MAX_NAME} letters).")
    return name


def file_stem(name: str) -> str:
    """A safe, unique file name for a student's name.

    ASCII letters and digits only (so no separators, no dots, nothing a file
    system treats specially), then a hash of the full name so that names that
    differ only in other scripts or punctuation get different files, and a
    reserved Windows name (CON, NUL, ...) can never be the whole stem.
    """
    name = check_name(name)
    ascii_part = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_part.lower()).strip("-")[:40] or "student"
    digest = hashlib.sha256(name.casefold().encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="milliseconds")


def valid_document(doc: Any) -> bool:
    if not (isinstance(doc, dict) and doc.get("format") == FORMAT and isinstance(doc.get("answers"), dict)):
        return False
    return all(isinstance(v, dict) and "value" in v for v in doc["answers"].values())


class AnswerBook:
    """One student's answers: ``get``, ``save``, ``all``.

    ``warning`` holds, in plain words, what went wrong with the file since the
    book was opened or last saved (a repair from the backup), for the widget to
    show; ``None`` when all is well.
    """

    def __init__(self, name: str, folder: Path | None = None):
        self.name = check_name(name)
        self.folder = Path(folder) if folder else paths.answers_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / (file_stem(self.name) + ".json")
        self.backup = beside(self.path, ".bak")
        self.warning: str | None = None
        self._answers: dict[str, dict] = {}
        self._seen: tuple | None = None
        with locked(self.path):
            remove_stale_temporaries(self.folder)
            hide_old_files(self.path)
            self._answers = self._read_safely()

    # -- reading (always under the lock)

    def _read(self, path: Path) -> dict:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))  # a byte-order mark (Notepad) is not damage
        if not valid_document(doc):
            raise ValueError("not an answers file")
        return doc["answers"]

    def _sound(self, path: Path) -> dict | None:
        """The answers in ``path``, or None if it is missing or cannot be read."""
        try:
            return self._read(path)
        except (ValueError, UnicodeDecodeError, OSError):
            return None

    def _read_safely(self) -> dict:
        """The answers on disk; a broken file is kept aside, never lost, and a
        missing file falls back to the backup (said in ``warning``)."""
        self._seen = self._stamp()
        if not self.path.exists():
            return self._recover(None)
        try:
            return self._read(self.path)
        except (ValueError, UnicodeDecodeError, OSError):
            return self._repair()

    def _stamp(self) -> tuple | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def _repair(self) -> dict:
        """The file is damaged: a copy goes aside first, then what the backup
        (and this notebook) recovers replaces it, so a crash at any point loses nothing."""
        return self._recover(self._copy_aside())

    def _recover(self, moved: Path | None) -> dict:
        """The backup's answers, plus those this notebook saved more recently.
        ``moved`` is where a damaged file was put; None when the file was missing."""
        from_backup = self._sound(self.backup) or {}
        recovered = dict(from_backup)
        kept_here = 0
        for qid, entry in self._answers.items():
            theirs = recovered.get(qid)
            if theirs is None or (newer_or_same(entry.get("saved"), theirs.get("saved"))
                                  and entry.get("value") != theirs.get("value")):
                recovered[qid] = entry
                kept_here += 1
        if moved is None and not recovered:
            return {}  # no file and no backup: a student's first answer
        sources = [where for where, used in (("the backup", from_backup), ("this notebook", kept_here)) if used]
        put_back = (f"Your saved answers were put back from {' and from '.join(sources)}." if recovered
                    else "You are starting with an empty answers file.")
        if moved is not None:
            self.warning = (f"Your answers file was damaged, so it was copied to {moved.name} (nothing was deleted; "
                            "show it to your teacher). " + put_back)
        else:
            self.warning = "Your answers file was missing (deleted, or a save was cut off). " + put_back
        if recovered:
            self._write(recovered)
        elif moved is not None:
            os.unlink(self.path)  # its copy is aside; nothing sound to put in its place
        self._seen = self._stamp()
        return recovered

    def _copy_aside(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}.json")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}-{counter}.json")
        write_atomic(target, self.path.read_bytes())
        return target

    # -- writing

    def _write(self, answers: dict) -> None:
        doc = {"format": FORMAT, "version": VERSION, "student": self.name, "answers": answers}
        content = to_json(doc)
        if self._sound(self.path) is not None:  # only a sound file ever replaces the backup
            write_atomic(self.backup, self.path.read_bytes())
        write_atomic(self.path, content)

    def save(self, question_id: str, value: Any) -> str:
        """Save one answer and return the time it was saved (HH:MM)."""
        self.warning = None
        with locked(self.path):
            on_disk = self._read_safely()  # another notebook may have saved since
            stamp = _now()
            entry = {"value": value, "saved": stamp}
            old = on_disk.get(question_id)
            if old is not None:
                history = old.get("history")
                history = list(history) if isinstance(history, list) else []
                if old.get("value") != value:
                    history.insert(0, {"value": old.get("value"), "saved": old.get("saved")})
                entry["history"] = history[:HISTORY]
                if isinstance(old.get("kept"), list):
                    entry["kept"] = old["kept"]  # set aside for good: never cut like the history
            on_disk[question_id] = entry
            self._write(on_disk)
            self._answers = on_disk
            self._seen = self._stamp()
        return stamp[11:16]

    def set_aside(self, question_id: str, value: Any) -> None:
        """Keep ``value`` in the answer's ``kept`` list for good (the history keeps only the last few):
        a stored answer the question cannot show, before the student's next edit replaces it."""
        with locked(self.path):
            on_disk = self._read_safely()
            entry = on_disk.get(question_id)
            kept = entry.get("kept") if entry is not None else None
            kept = list(kept) if isinstance(kept, list) else []
            if entry is None or any(k.get("value") == value for k in kept if isinstance(k, dict)):
                return
            entry["kept"] = [*kept, {"value": value, "saved": entry.get("saved")}]
            self._write(on_disk)
            self._answers = on_disk
            self._seen = self._stamp()

    # -- asking

    def get(self, question_id: str, default: Any = None) -> Any:
        entry = self._answers.get(question_id)
        return default if entry is None else entry["value"]

    def saved_at(self, question_id: str) -> str | None:
        entry = self._answers.get(question_id)
        return str(entry.get("saved", ""))[11:16] or None if entry else None

    def all(self) -> dict[str, Any]:
        return {qid: entry["value"] for qid, entry in self._answers.items()}

    def entries(self) -> dict[str, dict]:
        return dict(self._answers)

    def refresh(self) -> None:
        with locked(self.path):
            self._answers = self._read_safely()

    def refresh_if_changed(self) -> None:
        """Read the file again if another notebook has saved since (cheap when not)."""
        if self._stamp() != self._seen:
            self.refresh()


# ---------------------------------------------------------------- the current student


def remember_student(name: str, folder: Path | None = None) -> str:
    """Remember the name typed in one notebook, for the others."""
    folder = Path(folder) if folder else paths.answers_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = check_name(name)
    write_atomic(folder / CURRENT_STUDENT_FILE, name + "\n")
    return name


def current_student(folder: Path | None = None) -> str | None:
    folder = Path(folder) if folder else paths.answers_dir()
    try:
        name = clean_name((folder / CURRENT_STUDENT_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return name or None
