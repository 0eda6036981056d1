"""Writing a file so that no crash, full disk or second kernel leaves it half
written: a temporary file renamed over the old one, under a lock."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Locking a file is done one way on POSIX and another on Windows; each module exists only on its own.
try:
    import fcntl
except ImportError:
    fcntl = None
try:
    import msvcrt
except ImportError:
    msvcrt = None


STALE_TEMP_SECONDS = 24 * 3600


def remove_stale_temporaries(folder: Path, now: float | None = None) -> None:
    """Temporary files that a crash left behind (a finished write renames its own)."""
    now = time.time() if now is None else now
    for path in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if path.is_file() and now - path.stat().st_mtime > STALE_TEMP_SECONDS:
                path.unlink()


def beside(path: Path, suffix: str) -> Path:
    """A hidden file kept beside ``path`` (``.<name><suffix>``): the answers folder shows students
    their answers, not the backups and locks that keep them safe (JupyterLab hides dot files)."""
    return path.with_name("." + path.name.lstrip(".") + suffix)


def hide_old_files(path: Path) -> None:
    """Earlier versions kept ``<name>.bak`` and ``<name>.lock`` in sight: the backup moves to its
    hidden name (if a hidden one is there already, the visible one stays as it is), the lock goes."""
    old_backup, old_lock = (path.with_name(path.name + suffix) for suffix in (".bak", ".lock"))
    with contextlib.suppress(OSError):
        if old_backup.is_file() and not old_backup.is_symlink() and not beside(path, ".bak").exists():
            os.replace(old_backup, beside(path, ".bak"))
    with contextlib.suppress(OSError):
        old_lock.unlink()


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``.<name>.lock`` for the length of one save."""
    lock_path = beside(path, ".lock")
    with open(lock_path, "a+b") as handle:
        if fcntl is not None and hasattr(fcntl, "flock"):  # JupyterLite's kernel mocks fcntl as an empty module
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        elif msvcrt is not None:  # Windows
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        # else JupyterLite: one kernel per browser tab, nothing to lock against
        yield


def to_json(doc: Any) -> str:
    """JSON text that can always be written: text with characters UTF-8 cannot
    encode (a lone surrogate pasted from somewhere) is kept, \\u-escaped."""
    content = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    try:
        content.encode("utf-8")
    except UnicodeEncodeError:
        content = json.dumps(doc, ensure_ascii=True, indent=2, sort_keys=True) + "\n"
    return content


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(value: Any) -> Any:
    """``value`` with every lone surrogate (half an emoji) in its text replaced
    by U+FFFD, so it can be encoded as UTF-8: for what is sent or shown, never
    for what is stored (the file keeps the text exactly, escaped)."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {printable(k): printable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(printable(v) for v in value)
    return value


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` so that ``path`` holds either the old or the new text,
    never a mixture, whatever happens during the write. Text UTF-8 cannot
    encode (half an emoji) is kept, written as its escape (``\\ud83d``)."""
    if isinstance(content, str):
        content = content.encode("utf-8", errors="backslashreplace")
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
